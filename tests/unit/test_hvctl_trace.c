// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-trace.c: 'hvctl trace' without the device. The operands of
 * on and off (cells, --class, --pages, --period-us) with each bad value
 * refused and named, the classes as a mask and back, status as text and
 * JSON; and the hvctl binary's handling of the commands' options. The
 * hvctl-*.c files that test_hvctl.c builds in are used here besides.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-trace.c"

static struct hvctl_trace_args args;
static char why[512];

static int parse_trace(bool on, const char *line)
{
	static char words[256];
	char *argv[16];
	int argc = unit_split_words(line, words, sizeof(words), argv, 16);

	why[0] = '\0';
	return hvctl_trace_parse_args(on, argc, argv, &args, why, sizeof(why));
}

#define assert_trace_error(line, text)                                                     \
	do {                                                                               \
		ck_assert_int_eq(parse_trace(true, line), -1);                             \
		ck_assert_str_eq(why, text);                                               \
	} while (0)

START_TEST(test_trace_on_args)
{
	ck_assert_int_eq(parse_trace(true, ""), 0);
	ck_assert_uint_eq(args.num_cells, 0);
	ck_assert_uint_eq(args.mask, BULKHEAD_TRACE_CLASS_ALL);
	ck_assert_uint_eq(args.pages, 0);
	ck_assert_uint_eq(args.period_us, 0);

	ck_assert_int_eq(parse_trace(true, "hello --class exit,doorbell id:0 --pages 1024 "
				     "--period-us 1000"), 0);
	ck_assert_uint_eq(args.num_cells, 2);
	ck_assert_str_eq(args.cells[0], "hello");
	ck_assert_str_eq(args.cells[1], "id:0");
	ck_assert_uint_eq(args.mask, BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_DOORBELL);
	ck_assert_uint_eq(args.pages, 1024);
	ck_assert_uint_eq(args.period_us, 1000);
	ck_assert_int_eq(parse_trace(true, "--pages 1 --period-us 1000000 --class state"), 0);
	ck_assert_uint_eq(args.pages, 1);
	ck_assert_uint_eq(args.period_us, 1000000);
	ck_assert_uint_eq(args.mask, BULKHEAD_TRACE_CLASS_STATE);

	assert_trace_error("--pages 0", "'--pages 0': not a number from 1 to 1024");
	assert_trace_error("--pages 1025", "'--pages 1025': not a number from 1 to 1024");
	assert_trace_error("--pages 0x10", "'--pages 0x10': not a number from 1 to 1024");
	assert_trace_error("--pages -1", "'--pages -1': not a number from 1 to 1024");
	assert_trace_error("--period-us 999", "'--period-us 999': not a number from 1000 to "
			   "1000000");
	assert_trace_error("--period-us 1000001", "'--period-us 1000001': not a number from "
			   "1000 to 1000000");
	assert_trace_error("--period-us 10ms", "'--period-us 10ms': not a number from 1000 to "
			   "1000000");
	assert_trace_error("--pages 2 --pages 2", "'--pages' given twice");
	assert_trace_error("--period-us 2000 --period-us 2000", "'--period-us' given twice");
	assert_trace_error("--class exit --class virq", "'--class' given twice");
	assert_trace_error("--class", "'--class' needs a value");
	assert_trace_error("--class exits", "'--class exits': 'exits' is not a class (exit, "
			   "virq, state, doorbell, health or all)");
}
END_TEST

START_TEST(test_trace_off_args)
{
	ck_assert_int_eq(parse_trace(false, ""), 0);
	ck_assert_uint_eq(args.num_cells, 0);
	ck_assert_uint_eq(args.mask, 0);
	ck_assert_int_eq(parse_trace(false, "hello id:3"), 0);
	ck_assert_uint_eq(args.num_cells, 2);
	ck_assert_uint_eq(args.mask, 0);
}
END_TEST

START_TEST(test_trace_classes)
{
	char text[64];
	__u32 mask;

	ck_assert_int_eq(hvctl_trace_parse_classes("all", &mask, why, sizeof(why)), 0);
	ck_assert_uint_eq(mask, BULKHEAD_TRACE_CLASS_ALL);
	ck_assert_int_eq(hvctl_trace_parse_classes("health,virq,virq", &mask, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(mask, BULKHEAD_TRACE_CLASS_HEALTH | BULKHEAD_TRACE_CLASS_VIRQ);
	ck_assert_int_eq(hvctl_trace_parse_classes("exit,", &mask, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "'--class exit,': '' is not a class (exit, virq, state, doorbell, "
			 "health or all)");
	ck_assert_int_eq(hvctl_trace_parse_classes("", &mask, why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_trace_parse_classes("EXIT", &mask, why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_trace_parse_classes("exit virq", &mask, why, sizeof(why)), -1);

	hvctl_trace_format_mask(0, text, sizeof(text));
	ck_assert_str_eq(text, "none");
	hvctl_trace_format_mask(BULKHEAD_TRACE_CLASS_ALL, text, sizeof(text));
	ck_assert_str_eq(text, "exit,virq,state,doorbell,health");
	hvctl_trace_format_mask(BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_STATE, text,
				sizeof(text));
	ck_assert_str_eq(text, "exit,state");
}
END_TEST

static const struct hvctl_trace_cell traced_cells[] = {
	{ 0, "linux", BULKHEAD_TRACE_CLASS_EXIT },
	{ 2, "hello", BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_STATE },
};

static char *print_status(const struct bulkhead_trace_status *st, unsigned int cpus, bool json)
{
	static char *text;
	size_t size;
	FILE *out;

	free(text);
	out = open_memstream(&text, &size);
	ck_assert_ptr_nonnull(out);
	hvctl_trace_print_status(out, st, traced_cells, 2, cpus, json);
	fclose(out);
	return text;
}

START_TEST(test_trace_status)
{
	struct bulkhead_trace_status st = {
		.pages = 16,
		.period_us = 10000,
		.root_mask = BULKHEAD_TRACE_CLASS_EXIT,
		.new_cells_mask = 0,
		.counter_hz = 62500000,
		.records = { 5, 7 },
		.lost = { 0, 3 },
	};

	ck_assert_str_eq(print_status(&st, 2, false),
			 "tracing: on (16 pages per CPU, drained every 10000 us, counter 62500000 "
			 "Hz)\n"
			 "root cell: exit\n"
			 "new cells: none\n"
			 "cell hello (id 2): exit,state\n"
			 "cpu0   records 5            lost 0\n"
			 "cpu1   records 7            lost 3\n"
			 "total  records 12           lost 3\n");
	ck_assert_str_eq(print_status(&st, 2, true),
			 "{\"tracing\": true, \"pages\": 16, \"period_us\": 10000, \"counter_hz\": "
			 "62500000, \"root_mask\": \"exit\", \"new_cells_mask\": \"none\", "
			 "\"cells\": [{\"id\": 0, \"name\": \"linux\", \"mask\": \"exit\"}, "
			 "{\"id\": 2, \"name\": \"hello\", \"mask\": \"exit,state\"}], "
			 "\"records\": 12, \"lost\": 3, \"cpus\": [{\"cpu\": 0, \"records\": 5, "
			 "\"lost\": 0}, {\"cpu\": 1, \"records\": 7, \"lost\": 3}]}\n");
	/* Released rings: off, the last counts kept. */
	st.pages = 0;
	st.root_mask = 0;
	ck_assert_str_eq(print_status(&st, 1, false),
			 "tracing: off\nroot cell: none\nnew cells: none\n"
			 "cell hello (id 2): exit,state\n"
			 "cpu0   records 5            lost 0\n"
			 "total  records 5            lost 0\n");
	/* More CPUs than the driver reports: cut to those. */
	ck_assert(strstr(print_status(&st, 1000, false), "cpu63 "));
	ck_assert(!strstr(print_status(&st, 1000, false), "cpu64 "));
}
END_TEST

static char cells_dir[128];

/* Cell @id called @name, with @mask in its trace_mask file. */
static void make_cell(unsigned int id, const char *name, const char *mask)
{
	static const char *const files[][2] = {
		{ "state", "running\n" }, { "cpus", "1\n" }, { "failed_cpus", "\n" },
		{ "reason", "\n" }, { "loadable", "" }, { "restarts", "0\n" },
		{ "watchdog_expiries", "0\n" }, { "faults", "0\n" }, { "rollbacks", "0\n" },
		{ "updates", "0\n" },
	};
	char path[256];
	unsigned int n;

	snprintf(path, sizeof(path), "%s/%u", cells_dir, id);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	for (n = 0; n < sizeof(files) / sizeof(files[0]); n++) {
		snprintf(path, sizeof(path), "%s/%u/%s", cells_dir, id, files[n][0]);
		unit_write_file(path, files[n][1]);
	}
	snprintf(path, sizeof(path), "%s/%u/name", cells_dir, id);
	unit_write_file(path, name);
	snprintf(path, sizeof(path), "%s/%u/trace_mask", cells_dir, id);
	unit_write_file(path, mask);
}

START_TEST(test_trace_cells_read)
{
	struct hvctl_trace_cell cells[4];
	char path[256];

	unit_tmpdir_enter();
	snprintf(cells_dir, sizeof(cells_dir), "%s/cells", unit_tmpdir());
	ck_assert_int_eq(mkdir(cells_dir, 0755), 0);
	make_cell(0, "linux\n", "0x1\n");
	make_cell(3, "hello\n", "0x1f\n");
	ck_assert_int_eq(hvctl_trace_cells_read(cells_dir, cells, 4, why, sizeof(why)), 2);
	ck_assert_uint_eq(cells[0].id, 0);
	ck_assert_str_eq(cells[0].name, "linux");
	ck_assert_uint_eq(cells[0].mask, BULKHEAD_TRACE_CLASS_EXIT);
	ck_assert_uint_eq(cells[1].id, 3);
	ck_assert_str_eq(cells[1].name, "hello");
	ck_assert_uint_eq(cells[1].mask, BULKHEAD_TRACE_CLASS_ALL);
	/* Bits no class has, and a driver without the file, are said to be wrong. */
	snprintf(path, sizeof(path), "%s/3/trace_mask", cells_dir);
	unit_write_file(path, "0x20\n");
	ck_assert_int_eq(hvctl_trace_cells_read(cells_dir, cells, 4, why, sizeof(why)), -EIO);
	ck_assert_msg(strstr(why, "3/trace_mask: line 1: '0x20' is not a mask of trace classes"),
		      "%s", why);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(hvctl_trace_cells_read(cells_dir, cells, 4, why, sizeof(why)), -ENOENT);
	unit_tmpdir_leave();
}
END_TEST

START_TEST(test_hvctl_trace_commands)
{
	ck_assert_int_eq(run_hvctl("trace --help"), 0);
	assert_hvctl_says("  on [CELL...] [--class CLASSES] [--pages N] [--period-us N]\n");
	assert_hvctl_says("  off [CELL...] ");
	assert_hvctl_says("  status [--json] ");
	ck_assert_int_eq(run_hvctl("trace on --help"), 0);
	assert_hvctl_says("      --period-us N ");
	ck_assert_int_eq(run_hvctl("trace on --pages 0"), 2);
	ck_assert_str_eq(hvctl_output, "hvctl: '--pages 0': not a number from 1 to 1024; see "
			 "'hvctl trace on --help'\n");
	ck_assert_int_eq(run_hvctl("trace on --class exit,nope"), 2);
	assert_hvctl_says("'nope' is not a class");
	ck_assert_int_eq(run_hvctl("trace off --class exit"), 2);
	assert_hvctl_says("unknown option '--class' for 'hvctl trace off'");
	ck_assert_int_eq(run_hvctl("trace status x"), 2);
	ck_assert_int_eq(run_hvctl("trace on --pages"), 2);
	assert_hvctl_says("option '--pages' needs a value (N)");
}
END_TEST

Suite *hvctl_trace_suite(void)
{
	Suite *s = suite_create("hvctl-trace");
	TCase *tc = tcase_create("trace");

	tcase_add_test(tc, test_trace_on_args);
	tcase_add_test(tc, test_trace_off_args);
	tcase_add_test(tc, test_trace_classes);
	tcase_add_test(tc, test_trace_status);
	tcase_add_test(tc, test_trace_cells_read);
	tcase_add_test(tc, test_hvctl_trace_commands);
	suite_add_tcase(s, tc);
	return s;
}
