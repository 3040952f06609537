// SPDX-License-Identifier: GPL-2.0
/*
 * The few string functions the hypervisor needs. Byte-wise on purpose: they
 * run on configs and names of a few hundred bytes, where a vectorised version
 * would only add code to the trusted base. Host builds take libc's instead.
 */
#ifndef BULKHEAD_HOST_BUILD
#include <bulkhead/string.h>

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dest;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t len = 0;

	while (len < maxlen && s[len])
		len++;
	return len;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}
#endif /* !BULKHEAD_HOST_BUILD */
