/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BULKHEAD_STRING_H
#define _BULKHEAD_STRING_H

#include <bulkhead/types.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strnlen(const char *s, size_t maxlen);
int strncmp(const char *a, const char *b, size_t n);

#endif /* !_BULKHEAD_STRING_H */
