/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the unit test files: suite constructors (listed in
 * run_unit_tests.c) and the console capture that stands in for the
 * hypervisor's console_write().
 */
#ifndef _BULKHEAD_UNIT_H
#define _BULKHEAD_UNIT_H

#include <check.h>
#include <stddef.h>

Suite *printf_suite(void);
Suite *config_suite(void);
Suite *cellc_suite(void);
Suite *hvctl_suite(void);
Suite *page_alloc_suite(void);
Suite *paging_suite(void);

/* Everything printk() wrote since the last reset, NUL-terminated. */
void console_capture_reset(void);
const char *console_captured(void);

#endif /* !_BULKHEAD_UNIT_H */
