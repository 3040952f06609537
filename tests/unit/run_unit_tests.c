// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every unit test suite. A new test file adds its suite constructor to
 * the list below; Check forks per test, so a crash fails one test only.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/printk.h>

#include "unit.h"

static Suite *(*const suites[])(void) = {
	printf_suite,
	config_suite,
	cellc_suite,
	hvctl_suite,
	page_alloc_suite,
	paging_suite,
};

static char captured[8192];
static size_t captured_len;

/* The hypervisor's printk() ends here in tests: keep the text for assertions. */
void console_write(const char *text, size_t len)
{
	size_t room = sizeof(captured) - 1 - captured_len;

	if (len > room)
		len = room;
	memcpy(captured + captured_len, text, len);
	captured_len += len;
	captured[captured_len] = '\0';
}

void console_capture_reset(void)
{
	captured_len = 0;
	captured[0] = '\0';
}

const char *console_captured(void)
{
	return captured;
}

int main(void)
{
	SRunner *runner = srunner_create(suites[0]());
	size_t n;
	int failed;

	for (n = 1; n < sizeof(suites) / sizeof(suites[0]); n++)
		srunner_add_suite(runner, suites[n]());
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
