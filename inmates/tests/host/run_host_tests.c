// SPDX-License-Identifier: BSD-2-Clause
/*
 * Runs the inmate library's host test suites, the one of each test_<name>.c,
 * <name>_suite(), which the Makefile names in TEST_SUITES; exit status 0 if
 * all pass.
 */
#include <check.h>
#include <stdlib.h>

#define TEST_SUITE(name) Suite *name##_suite(void);
TEST_SUITES
#undef TEST_SUITE

static Suite *(*const suites[])(void) = {
#define TEST_SUITE(name) name##_suite,
	TEST_SUITES
#undef TEST_SUITE
};

int main(void)
{
	SRunner *runner = srunner_create(NULL);
	size_t n;
	int failed;

	for (n = 0; n < sizeof(suites) / sizeof(suites[0]); n++)
		srunner_add_suite(runner, suites[n]());
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
