// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-top.c and tools/hvctl-screen.c: 'hvctl top' on a sysfs tree
 * the tests build. Every cell's exits and virtual interrupts are summed over
 * its CPUs, its doorbells over its channels; rates come from two samples;
 * console bytes are counted into lines, the last one kept without control
 * characters; the table puts the busiest cell first and cuts the last line
 * to the width; the JSON holds the same. A live frame is cut to the
 * terminal's width and height. The hvctl-*.c files that test_hvctl.c,
 * test_hvctl_stats.c and test_hvctl_channel.c build in are used here besides.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-top.c"
#include "../../tools/hvctl-screen.c"

/* hvctl-screen.c's signals come from hvctl-console.c, which opens the device: not built in. */
void hvctl_catch_interrupts(void)
{
}

bool hvctl_interrupted(void)
{
	return false;
}

#define STATS_HEAD	"cpu total hypercall virq\n"

static char cells_dir[128];
static char why[512];
static struct hvctl_top_sample first, second;

static void write_cell_file(unsigned int id, const char *file, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", cells_dir, id, file);
	unit_write_file(path, text);
}

/* A cell with the files hvctl_top_read() reads: @stats and @channels. */
static void add_cell(unsigned int id, const char *name, const char *cpus, const char *stats,
		     const char *channels, const char *restarts)
{
	static const char *const counters[] = { "watchdog_expiries", "faults", "rollbacks",
						"updates" };
	char path[256], line[64];
	unsigned int n;

	snprintf(path, sizeof(path), "%s/%u", cells_dir, id);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(line, sizeof(line), "%s\n", name);
	write_cell_file(id, "name", line);
	write_cell_file(id, "state", "running\n");
	snprintf(line, sizeof(line), "%s\n", cpus);
	write_cell_file(id, "cpus", line);
	write_cell_file(id, "failed_cpus", "\n");
	write_cell_file(id, "reason", "\n");
	write_cell_file(id, "loadable", id ? "0x0 0x100000\n" : "");
	write_cell_file(id, "restarts", restarts);
	for (n = 0; n < sizeof(counters) / sizeof(counters[0]); n++)
		write_cell_file(id, counters[n], "0\n");
	write_cell_file(id, "statistics", stats);
	write_cell_file(id, "channels", channels);
}

/* The root on CPUs 0 and 3, "echo" (id 1) with a channel to it, "hello" (id 2). */
static void make_cells(void)
{
	unit_tmpdir_enter();
	snprintf(cells_dir, sizeof(cells_dir), "%s/cells", unit_tmpdir());
	ck_assert_int_eq(mkdir(cells_dir, 0755), 0);
	add_cell(0, "qemu-virt-linux", "0,3", STATS_HEAD "0 1000 5 7\n3 500 1 3\n",
		 "root-echo echo up rw+ring 0x7e000000+0x100000 irq=240 sent=12 received=11 "
		 "events=2\n", "0\n");
	add_cell(1, "echo", "1", STATS_HEAD "1 300 30 100\n",
		 "root-echo qemu-virt-linux up rw+ring 0x7e000000+0x100000 irq=241 sent=11 "
		 "received=12 events=1\n", "0\n");
	add_cell(2, "hello", "2", STATS_HEAD "2 40 4 20\n", "", "3\n");
}

static void unmake_cells(void)
{
	unit_tmpdir_leave();
}

static const struct hvctl_top_cell *find(const struct hvctl_top_sample *s, unsigned int id)
{
	unsigned int n;

	for (n = 0; n < s->num; n++)
		if (s->cell[n].cell.id == id)
			return &s->cell[n];
	ck_abort_msg("no cell %u in the sample", id);
	return NULL;
}

/* Sums over CPUs and channels, as the files above give them. */
START_TEST(test_top_read)
{
	const struct hvctl_top_cell *c;

	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), 0);
	ck_assert_uint_eq(first.num, 3);
	c = find(&first, 0);
	ck_assert_uint_eq(c->exits, 1500);
	ck_assert_uint_eq(c->virqs, 10);
	ck_assert_uint_eq(c->doorbells, 23);
	ck_assert(!c->has_console);
	c = find(&first, 1);
	ck_assert_uint_eq(c->exits, 300);
	ck_assert_uint_eq(c->virqs, 100);
	ck_assert_uint_eq(c->doorbells, 23);
	ck_assert(c->has_console);
	c = find(&first, 2);
	ck_assert_uint_eq(c->doorbells, 0);
	ck_assert_uint_eq(c->cell.restarts, 3);
}
END_TEST

START_TEST(test_top_read_errors)
{
	/* A statistics file without the column top sums: the file and the column. */
	write_cell_file(2, "statistics", "cpu total\n2 40\n");
	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/cells/2/statistics: no column \"virq\"; "
				     HVCTL_MODULE_HINT));
	/* A malformed channels file: its own message, with file and line. */
	write_cell_file(2, "statistics", STATS_HEAD "2 40 4 20\n");
	write_cell_file(1, "channels", "root-echo\n");
	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/cells/1/channels: line 1: "));
	/* Not enabled: the root cell's state is "none". */
	write_cell_file(1, "channels", "");
	write_cell_file(0, "state", "none\n");
	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), -ENODEV);
}
END_TEST

/* Lines counted at each newline; the last one kept, controls and escapes made harmless. */
START_TEST(test_top_console)
{
	struct hvctl_top_cell c = { .has_console = true };

	hvctl_top_console_feed(&c, "one\r\ntwo\n", 9);
	ck_assert_uint_eq(c.console_lines, 2);
	ck_assert_str_eq(c.last_line, "two");
	/* A line in progress is shown as it grows; an empty line keeps the last one. */
	hvctl_top_console_feed(&c, "\nthr", 4);
	ck_assert_uint_eq(c.console_lines, 3);
	ck_assert_str_eq(c.last_line, "thr");
	hvctl_top_console_feed(&c, "ee\n", 3);
	ck_assert_str_eq(c.last_line, "three");
	hvctl_top_console_feed(&c, "\033[2Jx\ty\a\n", 9);
	ck_assert_str_eq(c.last_line, ".[2Jx y.");
	ck_assert_uint_eq(c.console_lines, 5);
}
END_TEST

/* A second sample 2 s later: rates, the busiest first, the console carried over. */
static void take_second(void)
{
	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), 0);
	hvctl_top_console_feed((struct hvctl_top_cell *)find(&first, 2), "Hello 1\n", 8);
	((struct hvctl_top_cell *)find(&first, 2))->console_pos = 8;
	write_cell_file(2, "statistics", STATS_HEAD "2 4040 4 2020\n");
	write_cell_file(1, "statistics", STATS_HEAD "1 500 30 140\n");
	ck_assert_int_eq(hvctl_top_read(cells_dir, &second, &first, why, sizeof(why)), 0);
	ck_assert_uint_eq(find(&second, 2)->console_pos, 8);
	hvctl_top_console_feed((struct hvctl_top_cell *)find(&second, 2), "Hello 2\nHello 3\n", 16);
}

static char *printed(bool json, unsigned int width)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	if (json)
		hvctl_top_print_json(out, &second, &first, 2.0);
	else
		hvctl_top_print(out, &second, &first, 2.0, width);
	fclose(out);
	return text;
}

START_TEST(test_top_table)
{
	char *text;

	take_second();
	text = printed(false, 0);
	ck_assert_str_eq(text,
		"ID  NAME             STATE    CPUS  EXITS/S  VIRQS/S  DOORBELLS/S  LINES/S  "
		"RESTARTS  LAST LINE\n"
		"2   hello            running  2     2000     1000     0            1        3"
		"         Hello 3\n"
		"1   echo             running  1     100      20       0            0        0\n"
		"0   qemu-virt-linux  running  0,3   0        0        0            -        0\n");
	free(text);
	/* 90 columns: the last line keeps what the other columns leave (84 + 2 used). */
	text = printed(false, 90);
	ck_assert_ptr_nonnull(strstr(text, "3         Hell\n"));
	free(text);
	/* Narrower than the columns: no last line at all (the screen cuts the rest). */
	text = printed(false, 40);
	ck_assert_ptr_nonnull(strstr(text, "  3\n1 "));
	free(text);
	/* The first sample has nothing to compare with: "-", ordered by id. */
	text = NULL;
	{
		size_t len = 0;
		FILE *out = open_memstream(&text, &len);

		hvctl_top_print(out, &first, NULL, 0, 0);
		fclose(out);
	}
	ck_assert_ptr_nonnull(strstr(text, "\n0   qemu-virt-linux  running  0,3   -        -"));
	ck_assert_ptr_nonnull(strstr(text, "\n2   hello            running  2     -        -  "
				     "      -            -        3         Hello 1\n"));
	free(text);
}
END_TEST

START_TEST(test_top_json)
{
	char *text;

	take_second();
	text = printed(true, 0);
	ck_assert_str_eq(text,
		"{\n  \"interval\": 2,\n  \"cells\": [\n"
		"    {\"id\": 2, \"name\": \"hello\", \"state\": \"running\", \"cpus\": [2], "
		"\"restarts\": 3, \"exits\": 4040, \"exits_per_s\": 2000.0, \"virqs\": 2020, "
		"\"virqs_per_s\": 1000.0, \"doorbells\": 0, \"doorbells_per_s\": 0.0, "
		"\"console_lines\": 3, \"console_lines_per_s\": 1.0, \"last_line\": \"Hello 3\"},\n"
		"    {\"id\": 1, \"name\": \"echo\", \"state\": \"running\", \"cpus\": [1], "
		"\"restarts\": 0, \"exits\": 500, \"exits_per_s\": 100.0, \"virqs\": 140, "
		"\"virqs_per_s\": 20.0, \"doorbells\": 23, \"doorbells_per_s\": 0.0, "
		"\"console_lines\": 0, \"console_lines_per_s\": 0.0, \"last_line\": \"\"},\n"
		"    {\"id\": 0, \"name\": \"qemu-virt-linux\", \"state\": \"running\", "
		"\"cpus\": [0, 3], \"restarts\": 0, \"exits\": 1500, \"exits_per_s\": 0.0, "
		"\"virqs\": 10, \"virqs_per_s\": 0.0, \"doorbells\": 23, \"doorbells_per_s\": 0.0, "
		"\"console_lines\": null, \"console_lines_per_s\": null, \"last_line\": null}\n"
		"  ]\n}\n");
	free(text);
}
END_TEST

/* A cell destroyed and its id given to another between samples: no rates from the old one. */
START_TEST(test_top_new_cell_same_id)
{
	char *text;
	size_t len = 0;
	FILE *out;

	ck_assert_int_eq(hvctl_top_read(cells_dir, &first, NULL, why, sizeof(why)), 0);
	write_cell_file(2, "name", "other\n");
	ck_assert_int_eq(hvctl_top_read(cells_dir, &second, &first, why, sizeof(why)), 0);
	out = open_memstream(&text, &len);
	hvctl_top_print(out, &second, &first, 1.0, 0);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(text, "\n2   other            running  2     -        -"));
	free(text);
}
END_TEST

START_TEST(test_top_args)
{
	char *none[] = { NULL };
	char *ok[] = { "--interval", "0.5", NULL };
	char *twice[] = { "--interval", "1", "--interval", "2", NULL };
	char *bad[] = { "--interval", "0", NULL };
	char *extra[] = { "hello", NULL };
	double interval;

	ck_assert_int_eq(hvctl_top_parse_args(0, none, &interval, why, sizeof(why)), 0);
	ck_assert(interval == 1.0);
	ck_assert_int_eq(hvctl_top_parse_args(2, ok, &interval, why, sizeof(why)), 0);
	ck_assert(interval == 0.5);
	ck_assert_int_eq(hvctl_top_parse_args(4, twice, &interval, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "'--interval' given twice");
	ck_assert_int_eq(hvctl_top_parse_args(2, bad, &interval, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "'--interval 0': not a number of seconds from 0.1 to 3600");
	ck_assert_int_eq(hvctl_top_parse_args(1, extra, &interval, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "unexpected argument 'hello'");
}
END_TEST

static char *fitted(const char *frame, unsigned int width, unsigned int height)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	hvctl_screen_fit(out, frame, width, height);
	fclose(out);
	return text;
}

/* On a terminal: lines cut to the width, rows to the height, no newline after the last. */
START_TEST(test_screen_fit)
{
	char *text = fitted("title\n\n0123456789\nrow 2\nrow 3\n", 6, 4);

	ck_assert_str_eq(text, HVCTL_SCREEN_CLEAR "title\n\n012345\nrow 2");
	free(text);
	/* Without a terminal: the frame whole. */
	text = fitted("title\n\n0123456789\n", 0, 0);
	ck_assert_str_eq(text, HVCTL_SCREEN_CLEAR "title\n\n0123456789\n");
	free(text);
}
END_TEST

/*
 * The hvctl binary: what cell run and top refuse before they touch the device
 * (the host has none), and that a config problem stops cell run before it.
 */
START_TEST(test_run_and_top_usage)
{
	ck_assert_int_eq(run_hvctl("cell run"), 2);
	assert_hvctl_says("hvctl: missing argument CONFIG IMAGE [LOAD OPTIONS] for "
			  "'hvctl cell run'; see 'hvctl cell run --help'");
	ck_assert_int_eq(run_hvctl("cell run --json --attach a.cell a.bin"), 2);
	assert_hvctl_says("--json prints the cell once; --attach is interactive: give one of "
			  "them");
	/* -a is --address here, not --attach: it wants a value. */
	ck_assert_int_eq(run_hvctl("cell run a.cell a.bin -a"), 2);
	assert_hvctl_says("option '-a' needs a value (ADDR)");
	ck_assert_int_eq(run_hvctl("cell run /nonexistent.cell a.bin"), 1);
	assert_hvctl_says("hvctl: /nonexistent.cell: no such file");
	ck_assert_int_eq(run_hvctl("top hello"), 2);
	assert_hvctl_says("hvctl: unexpected argument 'hello'; see 'hvctl top --help'");
	ck_assert_int_eq(run_hvctl("top --interval 0.05"), 2);
	assert_hvctl_says("'--interval 0.05': not a number of seconds from 0.1 to 3600");
}
END_TEST

Suite *hvctl_top_suite(void)
{
	Suite *s = suite_create("hvctl_top");
	TCase *tc = tcase_create("top");

	tcase_add_checked_fixture(tc, make_cells, unmake_cells);
	tcase_add_test(tc, test_top_read);
	tcase_add_test(tc, test_top_read_errors);
	tcase_add_test(tc, test_top_table);
	tcase_add_test(tc, test_top_json);
	tcase_add_test(tc, test_top_new_cell_same_id);
	suite_add_tcase(s, tc);
	tc = tcase_create("pure");
	tcase_add_test(tc, test_top_console);
	tcase_add_test(tc, test_top_args);
	tcase_add_test(tc, test_screen_fit);
	tcase_add_test(tc, test_run_and_top_usage);
	suite_add_tcase(s, tc);
	return s;
}
