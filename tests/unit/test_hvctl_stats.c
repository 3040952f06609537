// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-stats.c: 'hvctl cell stats' on a sysfs tree the tests build.
 * The statistics file is parsed by its own header, rejected with the file,
 * line and problem when it is malformed, and shown as a table of totals,
 * with rates in the live view, or as JSON. The hvctl-*.c files it uses
 * besides are built into test_hvctl.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-stats.c"

#define STATS_HEADER	"cpu total hypercall mmio psci sysreg other irq management sgi virq " \
			"maintenance\n"

static char cells_dir[128];
static char why[512];
static struct hvctl_stats st, prev;

static void write_cell_file(unsigned int id, const char *file, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", cells_dir, id, file);
	unit_write_file(path, text);
}

/* Cell "hello" (id 3) on CPUs 1-2, with statistics for both. */
static void make_stats_cell(void)
{
	static const char *const files[][2] = {
		{ "name", "hello\n" },
		{ "state", "running\n" },
		{ "cpus", "1-2\n" },
		{ "failed_cpus", "\n" },
		{ "reason", "\n" },
		{ "loadable", "0x0 0x100000\n" },
		{ "statistics", STATS_HEADER
				"1 1500 100 20 3 4 5 6 7 8 9 10\n"
				"2 30 1 0 0 0 0 0 0 0 0 0\n" },
	};
	char path[256];
	unsigned int n;

	unit_tmpdir_enter();
	snprintf(cells_dir, sizeof(cells_dir), "%s/cells", unit_tmpdir());
	ck_assert_int_eq(mkdir(cells_dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/3", cells_dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	for (n = 0; n < sizeof(files) / sizeof(files[0]); n++)
		write_cell_file(3, files[n][0], files[n][1]);
}

static int read_stats(void)
{
	why[0] = '\0';
	return hvctl_stats_read(cells_dir, 3, &st, why, sizeof(why));
}

START_TEST(test_stats_read)
{
	ck_assert_msg(read_stats() == 0, "%s", why);
	ck_assert_uint_eq(st.num_counters, 11);
	ck_assert_str_eq(st.names[0], "total");
	ck_assert_str_eq(st.names[8], "sgi");
	ck_assert_str_eq(st.names[10], "maintenance");
	ck_assert_uint_eq(st.num_cpus, 2);
	ck_assert_uint_eq(st.cpu[0].cpu, 1);
	ck_assert_uint_eq(st.cpu[0].value[0], 1500);
	ck_assert_uint_eq(st.cpu[0].value[10], 10);
	ck_assert_uint_eq(st.cpu[1].cpu, 2);
	ck_assert_uint_eq(st.cpu[1].value[1], 1);
}
END_TEST

/* Names and their number come from the header; blanks of any width separate fields. */
START_TEST(test_stats_header_generic)
{
	write_cell_file(3, "statistics", "cpu total future_counter\n"
			"0 5 18446744073709551615\n5\t7  8\n");
	ck_assert_msg(read_stats() == 0, "%s", why);
	ck_assert_uint_eq(st.num_counters, 2);
	ck_assert_str_eq(st.names[1], "future_counter");
	ck_assert_uint_eq(st.cpu[0].value[1], 18446744073709551615ULL);
	ck_assert_uint_eq(st.cpu[1].cpu, 5);
	ck_assert_uint_eq(st.cpu[1].value[1], 8);
	/* A header alone: a cell without CPUs to show. */
	write_cell_file(3, "statistics", "cpu total\n");
	ck_assert_int_eq(read_stats(), 0);
	ck_assert_uint_eq(st.num_cpus, 0);
}
END_TEST

/* @text as the statistics file is refused, and the message ends with @problem. */
static void assert_malformed(const char *text, const char *problem)
{
	char expected[512];

	write_cell_file(3, "statistics", text);
	ck_assert_int_eq(read_stats(), -EIO);
	snprintf(expected, sizeof(expected), "%s/3/statistics: %s; is the bulkhead module of "
		 "this release loaded?", cells_dir, problem);
	ck_assert_str_eq(why, expected);
}

START_TEST(test_stats_malformed)
{
	assert_malformed(STATS_HEADER "1 1 2 3 4 5 6 7 8 9 10\n",
			 "line 2: 11 fields, but the header names 12 columns");
	assert_malformed(STATS_HEADER "1 1 2 3 4 5 6 7 8 9 10 11\n2 0\n",
			 "line 3: 2 fields, but the header names 12 columns");
	assert_malformed(STATS_HEADER "1 1 2 3 4 5 6 7 8 9 10 11 12\n",
			 "line 2: 13 fields, but the header names 12 columns");
	assert_malformed(STATS_HEADER "1 1 2 x 4 5 6 7 8 9 10 11\n",
			 "line 2: mmio \"x\" is not a decimal counter");
	assert_malformed("cpu total\n1 -1\n", "line 2: total \"-1\" is not a decimal counter");
	assert_malformed("cpu total\n1 18446744073709551616\n",
			 "line 2: total \"18446744073709551616\" is not a decimal counter");
	assert_malformed("cpu total\n64 1\n", "line 2: CPU \"64\" is not a CPU id (0-63)");
	assert_malformed("cpu total\n1 1\n1 2\n", "line 3: CPU 1 is listed twice");
	assert_malformed("cpu total\n1 1\n\n2 2\n", "line 3: 0 fields, but the header names 2 "
			 "columns");
	assert_malformed("total hypercall\n1 1\n", "line 1: the header does not start with "
			 "\"cpu\"");
	assert_malformed("cpu\n1\n", "line 1: the header names no counters");
	assert_malformed("cpu total total\n", "line 1: column \"total\" appears twice");
	assert_malformed("", "no header line");
	assert_malformed("\n", "no header line");
}
END_TEST

START_TEST(test_stats_missing)
{
	char path[256];

	/* The cell is there, its statistics are not: a driver of another release. */
	snprintf(path, sizeof(path), "%s/3/statistics", cells_dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(read_stats(), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/3/statistics: no such file; is the bulkhead module"));
	/* A cell being destroyed loses its files before its directory: it is gone. */
	snprintf(path, sizeof(path), "%s/3/state", cells_dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(read_stats(), -ENOENT);
	/* No cell, no statistics: the caller says the cell is gone. */
	ck_assert_int_eq(hvctl_stats_read(cells_dir, 4, &st, why, sizeof(why)), -ENOENT);
}
END_TEST

/*
 * What @what ('t' table, 'l' live view, 'j' JSON) prints of @st; with
 * @seconds > 0 the rates since @prev, taken that long before.
 */
static char *printed(int what, double seconds)
{
	struct hvctl_cell cell = { .id = 3, .name = "hello", .state = "running", .cpus = 0x6 };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	if (what == 'j')
		hvctl_stats_print_json(out, &cell, &st);
	else if (what == 'l')
		hvctl_stats_print_live(out, &cell, 1.0, &st, seconds > 0 ? &prev : NULL, seconds);
	else
		hvctl_stats_print_table(out, &st, seconds > 0 ? &prev : NULL, seconds);
	fclose(out);
	return text;
}

/* printed(@what, @seconds) is exactly @expected. */
static void assert_printed(int what, double seconds, const char *expected)
{
	char *text = printed(what, seconds);

	ck_assert_str_eq(text, expected);
	free(text);
}

START_TEST(test_stats_table)
{
	ck_assert_int_eq(read_stats(), 0);
	assert_printed('t', 0,
		       "cpu  total  hypercall  mmio  psci  sysreg  other  irq  management  sgi  "
		       "virq  maintenance\n"
		       "  1   1500        100    20     3       4      5    6           7    8  "
		       "   9           10\n"
		       "  2     30          1     0     0       0      0    0           0    0  "
		       "   0            0\n");
}
END_TEST

/* Each counter's rate follows it; "-" where there is nothing to compare with. */
START_TEST(test_stats_rates)
{
	char *text;

	write_cell_file(3, "statistics", "cpu total mmio\n1 1000 50\n");
	ck_assert_int_eq(read_stats(), 0);
	prev = st;
	write_cell_file(3, "statistics", "cpu total mmio\n1 1500 40\n2 7 0\n");
	ck_assert_int_eq(read_stats(), 0);
	/* CPU 1: 500 exits in 2 s; its mmio went back (reset). CPU 2 is new. */
	assert_printed('t', 2.0,
		       "cpu  total   /s  mmio  /s\n"
		       "  1   1500  250    40   -\n"
		       "  2      7    -     0   -\n");
	assert_printed('l', 2.0,
		       "cell \"hello\" (id 3)  state running  cpus 1-2  every 1s; "
		       "q or Ctrl-C quits\n\n"
		       "cpu  total   /s  mmio  /s\n"
		       "  1   1500  250    40   -\n"
		       "  2      7    -     0   -\n");
	/* The first frame has no earlier sample: totals only. */
	text = printed('l', 0);
	ck_assert_ptr_nonnull(strstr(text, "q or Ctrl-C quits\n\ncpu  total  mmio\n"));
	free(text);
}
END_TEST

START_TEST(test_stats_json)
{
	write_cell_file(3, "statistics", "cpu total sgi\n1 12 3\n2 0 0\n");
	ck_assert_int_eq(read_stats(), 0);
	assert_printed('j', 0,
		       "{\n"
		       "  \"cell\": {\"id\": 3, \"name\": \"hello\"},\n"
		       "  \"cpus\": [\n"
		       "    {\"cpu\": 1, \"total\": 12, \"sgi\": 3},\n"
		       "    {\"cpu\": 2, \"total\": 0, \"sgi\": 0}\n"
		       "  ]\n"
		       "}\n");
}
END_TEST

/* ---- arguments ---- */

static struct hvctl_stats_args args;

/* Parses the words of @line (split at spaces) with option flags @flags. */
static int parse(unsigned int flags, const char *line)
{
	static char words[256];
	char *argv[16];
	int argc = unit_split_words(line, words, sizeof(words), argv, 16);

	why[0] = '\0';
	return hvctl_stats_parse_args(flags, argc, argv, &args, why, sizeof(why));
}

#define assert_args_error(flags, line, text)                                               \
	do {                                                                               \
		ck_assert_int_eq(parse(flags, line), -1);                                  \
		ck_assert_str_eq(why, text);                                               \
	} while (0)

START_TEST(test_stats_args)
{
	ck_assert_int_eq(parse(0, "hello"), 0);
	ck_assert_str_eq(args.cell, "hello");
	ck_assert(args.interval == 1.0 && !args.interval_given);
	ck_assert_int_eq(parse(0, "--interval 0.5 3"), 0);
	ck_assert_str_eq(args.cell, "3");
	ck_assert(args.interval == 0.5 && args.interval_given);
	ck_assert_int_eq(parse(HVCTL_OPT_ONCE, "hello"), 0);
	ck_assert_int_eq(parse(HVCTL_OPT_JSON | HVCTL_OPT_ONCE, "hello"), 0);
	assert_args_error(0, "--interval 2", "missing argument CELL");
	assert_args_error(0, "a b", "unexpected argument 'b'");
	assert_args_error(0, "a --interval 1 --interval 2", "'--interval' given twice");
	assert_args_error(0, "a --interval 0",
			  "'--interval 0': not a number of seconds from 0.1 to 3600");
	assert_args_error(0, "a --interval 1e9",
			  "'--interval 1e9': not a number of seconds from 0.1 to 3600");
	assert_args_error(0, "a --interval 0x10",
			  "'--interval 0x10': not a number of seconds from 0.1 to 3600");
	assert_args_error(0, "a --interval inf",
			  "'--interval inf': not a number of seconds from 0.1 to 3600");
	assert_args_error(0, "a --interval 2s",
			  "'--interval 2s': not a number of seconds from 0.1 to 3600");
	assert_args_error(HVCTL_OPT_ONCE, "a --interval 2",
			  "'--interval' sets the refresh of the live view; --once and --json "
			  "print once");
	assert_args_error(HVCTL_OPT_JSON, "--interval 2 a",
			  "'--interval' sets the refresh of the live view; --once and --json "
			  "print once");
}
END_TEST

START_TEST(test_hvctl_stats_usage)
{
	ck_assert_int_eq(run_hvctl("cell --help"), 0);
	assert_hvctl_says("  stats [--once] [--json] CELL [--interval SECONDS]\n");
	ck_assert_int_eq(run_hvctl("cell stats hello --once --interval 2"), 2);
	ck_assert_str_eq(hvctl_output, "hvctl: '--interval' sets the refresh of the live view; "
			 "--once and --json print once; see 'hvctl cell stats --help'\n");
	/* With --json the usage error is a JSON object, and the only output. */
	ck_assert_int_eq(run_hvctl("cell stats hello --json --interval 2"), 2);
	ck_assert_str_eq(hvctl_output, "{\"error\": \"'--interval' sets the refresh of the live "
			 "view; --once and --json print once\", \"errno\": 0, \"status\": 2, "
			 "\"hint\": [\"see 'hvctl cell stats --help'\"]}\n");
	ck_assert_int_eq(run_hvctl("cell stats hello --interval"), 2);
	assert_hvctl_says("option '--interval' needs a value (SECONDS)");
}
END_TEST

Suite *hvctl_stats_suite(void)
{
	Suite *s = suite_create("hvctl-stats");
	TCase *sysfs = tcase_create("sysfs");
	TCase *cmd = tcase_create("command");

	tcase_add_checked_fixture(sysfs, make_stats_cell, unit_tmpdir_leave);
	tcase_add_test(sysfs, test_stats_read);
	tcase_add_test(sysfs, test_stats_header_generic);
	tcase_add_test(sysfs, test_stats_malformed);
	tcase_add_test(sysfs, test_stats_missing);
	tcase_add_test(sysfs, test_stats_table);
	tcase_add_test(sysfs, test_stats_rates);
	tcase_add_test(sysfs, test_stats_json);
	suite_add_tcase(s, sysfs);

	tcase_add_test(cmd, test_stats_args);
	tcase_add_test(cmd, test_hvctl_stats_usage);
	suite_add_tcase(s, cmd);
	return s;
}
