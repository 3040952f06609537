/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the unit test files: the console capture that stands in for the
 * hypervisor's console_write(), and helpers for tests that run the tools.
 * Each test_<name>.c defines Suite *<name>_suite(void), found by its name.
 */
#ifndef _BULKHEAD_UNIT_H
#define _BULKHEAD_UNIT_H

#include <check.h>
#include <stddef.h>

/* Everything printk() wrote since the last reset, NUL-terminated. */
void console_capture_reset(void);
const char *console_captured(void);

/* Fixture pair: a fresh temporary directory as working directory, removed after. */
void unit_tmpdir_enter(void);
void unit_tmpdir_leave(void);
/* Where unit_tmpdir_enter() put it. */
const char *unit_tmpdir(void);

/* Creates or replaces @name with @text. */
void unit_write_file(const char *name, const char *text);

/*
 * Splits a copy of @line (in @buf, @len bytes) at spaces into at most @max
 * words in @argv, as a shell would split simple words. Returns their number.
 */
int unit_split_words(const char *line, char *buf, size_t len, char *argv[], int max);

/* Runs @tool with the shell words @args; @out gets stdout and stderr. Returns the exit status. */
int unit_run(const char *tool, const char *args, char *out, size_t len);

/* hvctl run with @args by unit_run(); what it printed stays in hvctl_output. */
extern char hvctl_output[16384];
int run_hvctl(const char *args);

#define assert_hvctl_says(text)                                                           \
	ck_assert_msg(strstr(hvctl_output, text), "output lacks \"%s\":\n%s", text,        \
		      hvctl_output)

#endif /* !_BULKHEAD_UNIT_H */
