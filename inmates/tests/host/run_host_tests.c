// SPDX-License-Identifier: BSD-2-Clause
/* Runs the inmate library's host test suites; exit status 0 if all pass. */
#include <check.h>
#include <stdlib.h>

Suite *format_suite(void);
Suite *cmdline_suite(void);
Suite *stats_suite(void);
Suite *gic_suite(void);
Suite *channel_suite(void);
Suite *mmu_suite(void);

int main(void)
{
	SRunner *runner = srunner_create(format_suite());
	int failed;

	srunner_add_suite(runner, cmdline_suite());
	srunner_add_suite(runner, stats_suite());
	srunner_add_suite(runner, gic_suite());
	srunner_add_suite(runner, channel_suite());
	srunner_add_suite(runner, mmu_suite());
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
