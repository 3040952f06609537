// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every unit test suite: the one of each test_<name>.c, <name>_suite(),
 * which the Makefile names in TEST_SUITES (a file without it fails to link).
 * Check forks per test, so a crash fails one test only.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/printk.h>

#include "unit.h"

#define TEST_SUITE(name) Suite *name##_suite(void);
TEST_SUITES
#undef TEST_SUITE

static Suite *(*const suites[])(void) = {
#define TEST_SUITE(name) name##_suite,
	TEST_SUITES
#undef TEST_SUITE
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

static char tmpdir[64];

void unit_tmpdir_enter(void)
{
	strcpy(tmpdir, "/tmp/bulkhead-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	/* Relative names keep the messages short: "in.dts: ...". */
	ck_assert_int_eq(chdir(tmpdir), 0);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	return remove(path);
}

void unit_tmpdir_leave(void)
{
	ck_assert_int_eq(chdir("/"), 0);
	nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

const char *unit_tmpdir(void)
{
	return tmpdir;
}

void unit_write_file(const char *name, const char *text)
{
	FILE *file = fopen(name, "w");

	ck_assert_ptr_nonnull(file);
	fputs(text, file);
	ck_assert_int_eq(fclose(file), 0);
}

int unit_split_words(const char *line, char *buf, size_t len, char *argv[], int max)
{
	int argc = 0;
	char *word;

	snprintf(buf, len, "%s", line);
	for (word = strtok(buf, " "); word && argc < max; word = strtok(NULL, " "))
		argv[argc++] = word;
	return argc;
}

int unit_run(const char *tool, const char *args, char *out, size_t len)
{
	char command[4096];
	size_t got;
	FILE *pipe;
	int status;

	snprintf(command, sizeof(command), "'%s' %s 2>&1", tool, args);
	pipe = popen(command, "r");
	ck_assert_ptr_nonnull(pipe);
	got = fread(out, 1, len - 1, pipe);
	out[got] = '\0';
	status = pclose(pipe);
	ck_assert_msg(WIFEXITED(status), "%s did not exit normally", tool);
	return WEXITSTATUS(status);
}

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
