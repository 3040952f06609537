// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-channel-parse.c: 'hvctl channel' without the device. The
 * channels files of a sysfs tree the tests build are parsed (and rejected
 * with file, line and problem when malformed), paired into channels and
 * printed as 'hvctl channel list' does; the operands, device paths and
 * ranges of the other channel commands are checked, and the hvctl binary's
 * argument handling. The hvctl-*.c files that test_hvctl.c builds in are
 * used here besides.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-channel-parse.c"

#define ROOT_CHANNELS	"root-echo echo up rw+ring 0x7e000000+0x100000 irq=240 sent=12 " \
			"received=11 events=2\n" \
			"root-feed reader absent rw 0x7e100000+0x10000 irq=0 sent=0 " \
			"received=0 events=0\n"
#define ECHO_CHANNELS	"root-echo qemu-virt-linux up rw+ring 0x7e000000+0x100000 irq=241 " \
			"sent=11 received=12 events=1\n"
#define CHAN_A_CHANNELS	"a-b chan-b absent rw+ring 0x7e200000+0x100000 irq=242 sent=0 " \
			"received=0 events=3\n"

static char cells_dir[128];
static char why[512];
static struct hvctl_channel_end ends[HVCTL_MAX_CHANNEL_ENDS];
static struct hvctl_channel_pair pairs[HVCTL_MAX_CHANNEL_ENDS];

static void write_cell_file(unsigned int id, const char *file, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", cells_dir, id, file);
	unit_write_file(path, text);
}

/* A cell directory with the files hvctl_cells_read() needs, and @channels. */
static void add_cell(unsigned int id, const char *name, const char *state,
		     const char *channels)
{
	static const char *const counters[] = { "restarts", "watchdog_expiries", "faults",
						"rollbacks", "updates" };
	char path[256], line[64];
	unsigned int n;

	snprintf(path, sizeof(path), "%s/%u", cells_dir, id);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(line, sizeof(line), "%s\n", name);
	write_cell_file(id, "name", line);
	snprintf(line, sizeof(line), "%s\n", state);
	write_cell_file(id, "state", line);
	snprintf(line, sizeof(line), "%u\n", id);
	write_cell_file(id, "cpus", line);
	write_cell_file(id, "failed_cpus", "\n");
	write_cell_file(id, "reason", "\n");
	write_cell_file(id, "loadable", id ? "0x0 0x100000\n" : "");
	for (n = 0; n < sizeof(counters) / sizeof(counters[0]); n++)
		write_cell_file(id, counters[n], "0\n");
	if (channels)
		write_cell_file(id, "channels", channels);
}

/*
 * The root cell and "echo" (id 1) share root-echo, both running; the root's
 * root-feed has no reader yet; "chan-a" (id 3, shut down) waits for chan-b.
 */
static void make_channel_cells(void)
{
	unit_tmpdir_enter();
	snprintf(cells_dir, sizeof(cells_dir), "%s/cells", unit_tmpdir());
	ck_assert_int_eq(mkdir(cells_dir, 0755), 0);
	add_cell(3, "chan-a", "shut-down", CHAN_A_CHANNELS);
	add_cell(0, "qemu-virt-linux", "running", ROOT_CHANNELS);
	add_cell(1, "echo", "running", ECHO_CHANNELS);
}

static const struct hvctl_cell root_cell = { .id = 0, .name = "qemu-virt-linux",
					     .state = "running" };

/* Parses @text as the root cell's channels file "ch". */
static int parse(const char *text)
{
	static char buf[4096];

	snprintf(buf, sizeof(buf), "%s", text);
	why[0] = '\0';
	return hvctl_channels_parse(buf, "ch", &root_cell, ends, BULKHEAD_MAX_CHANNELS, why,
				    sizeof(why));
}

START_TEST(test_channels_parse)
{
	ck_assert_int_eq(parse(ROOT_CHANNELS), 2);
	ck_assert_str_eq(ends[0].channel, "root-echo");
	ck_assert_str_eq(ends[0].cell, "qemu-virt-linux");
	ck_assert(ends[0].present);
	ck_assert_uint_eq(ends[0].cell_id, 0);
	ck_assert_uint_eq(ends[0].state, BULKHEAD_PEER_UP);
	ck_assert_str_eq(ends[0].peer, "echo");
	ck_assert_uint_eq(ends[0].peer_state, BULKHEAD_PEER_UP);
	ck_assert_uint_eq(ends[0].rights, BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING);
	ck_assert_uint_eq(ends[0].phys_start, 0x7e000000);
	ck_assert_uint_eq(ends[0].size, 0x100000);
	ck_assert_uint_eq(ends[0].doorbell_irq, 240);
	ck_assert_uint_eq(ends[0].sent, 12);
	ck_assert_uint_eq(ends[0].received, 11);
	ck_assert_uint_eq(ends[0].events, 2);
	ck_assert_str_eq(ends[1].peer, "reader");
	ck_assert_uint_eq(ends[1].peer_state, BULKHEAD_PEER_ABSENT);
	ck_assert_uint_eq(ends[1].rights, BULKHEAD_CHANNEL_RIGHT_WRITE);
	ck_assert_uint_eq(ends[1].doorbell_irq, 0);
	/* Blanks of any width, hex without 0x, the largest counters; an empty file. */
	ck_assert_int_eq(parse("x  y\tfailed ro+ring 7e000000+FFFF irq=1019 sent=0 received=0 "
			       "events=18446744073709551615"), 1);
	ck_assert_uint_eq(ends[0].peer_state, BULKHEAD_PEER_FAILED);
	ck_assert_uint_eq(ends[0].rights, BULKHEAD_CHANNEL_RIGHT_RING);
	ck_assert_uint_eq(ends[0].size, 0xffff);
	ck_assert_uint_eq(ends[0].events, 18446744073709551615ULL);
	ck_assert_int_eq(parse("x y down ro 0x1000+0x1000 irq=0 sent=0 received=0 events=0"), 1);
	ck_assert_uint_eq(ends[0].rights, 0);
	ck_assert_int_eq(parse(""), 0);
}
END_TEST

/* @text as the channels file "ch" is refused: "ch: line LINE: @problem; hint". */
static void assert_malformed(const char *text, const char *problem)
{
	char expected[512];

	ck_assert_int_eq(parse(text), -EIO);
	snprintf(expected, sizeof(expected), "ch: %s; is the bulkhead module of this release "
		 "loaded?", problem);
	ck_assert_str_eq(why, expected);
}

#define GOOD_LINE	"c p up rw 0x1000+0x1000 irq=0 sent=0 received=0 events=0\n"

START_TEST(test_channels_malformed)
{
	assert_malformed("c p up rw 0x1000+0x1000 irq=0 sent=0 received=0",
			 "line 1: 8 fields instead of 9");
	assert_malformed(GOOD_LINE "c p up rw 0x1000+0x1000 irq=0 sent=0 received=0 events=0 x",
			 "line 2: 10 fields instead of 9");
	assert_malformed(GOOD_LINE "\n" GOOD_LINE, "line 2: 0 fields instead of 9");
	assert_malformed("0123456789012345678901234567890123456789 p up rw 0x1000+0x1000 irq=0 "
			 "sent=0 received=0 events=0", "line 1: channel name \"01234567890123"
			 "45678901234567890123456789\" is too long");
	assert_malformed("c 01234567890123456789012345678901 up rw 0x1000+0x1000 irq=0 sent=0 "
			 "received=0 events=0", "line 1: peer name \"0123456789012345678901234"
			 "5678901\" is too long");
	assert_malformed("c p running rw 0x1000+0x1000 irq=0 sent=0 received=0 events=0",
			 "line 1: peer state \"running\" is not absent, down, up or failed");
	assert_malformed("c p up wr 0x1000+0x1000 irq=0 sent=0 received=0 events=0",
			 "line 1: rights \"wr\" are not rw+ring, rw, ro+ring or ro");
	assert_malformed("c p up rw 0x1000 irq=0 sent=0 received=0 events=0",
			 "line 1: memory \"0x1000\" is not 0xPHYS+0xSIZE");
	assert_malformed("c p up rw 0x1000+0 irq=0 sent=0 received=0 events=0",
			 "line 1: memory \"0x1000+0\" is not 0xPHYS+0xSIZE");
	assert_malformed("c p up rw 0x0x1+0x1 irq=0 sent=0 received=0 events=0",
			 "line 1: memory \"0x0x1+0x1\" is not 0xPHYS+0xSIZE");
	assert_malformed("c p up rw 0x1+0x10000000000000000 irq=0 sent=0 received=0 events=0",
			 "line 1: memory \"0x1+0x10000000000000000\" is not "
			 "0xPHYS+0xSIZE");
	assert_malformed("c p up rw 0x1000+0x1000 irq=1020 sent=0 received=0 events=0",
			 "line 1: \"irq=1020\" is not irq=INTID");
	assert_malformed("c p up rw 0x1000+0x1000 240 sent=0 received=0 events=0",
			 "line 1: \"240\" is not irq=INTID");
	assert_malformed("c p up rw 0x1000+0x1000 irq=0 sent=-1 received=0 events=0",
			 "line 1: \"sent=-1\" is not sent=COUNT");
	assert_malformed("c p up rw 0x1000+0x1000 irq=0 sent=0 events=0 received=0",
			 "line 1: \"events=0\" is not received=COUNT");
	assert_malformed("c p up rw 0x1000+0x1000 irq=0 sent=0 received=0 events=",
			 "line 1: \"events=\" is not events=COUNT");
	assert_malformed(GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE
			 GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE GOOD_LINE
			 GOOD_LINE GOOD_LINE GOOD_LINE, "line 17: more than 16 channels");
}
END_TEST

/* @cell's channels file @text, appended to ends[] from @at; returns the new count. */
static unsigned int add_ends(unsigned int at, unsigned int id, const char *name,
			     const char *state, const char *text)
{
	struct hvctl_cell cell = { .id = id };
	static char buf[1024];
	int num;

	snprintf(cell.name, sizeof(cell.name), "%s", name);
	snprintf(cell.state, sizeof(cell.state), "%s", state);
	snprintf(buf, sizeof(buf), "%s", text);
	num = hvctl_channels_parse(buf, "ch", &cell, ends + at, BULKHEAD_MAX_CHANNELS, why,
				   sizeof(why));
	ck_assert_msg(num >= 0, "%s", why);
	return at + (unsigned int)num;
}

static int pair(unsigned int num)
{
	why[0] = '\0';
	return hvctl_channels_pair(ends, num, pairs, why, sizeof(why));
}

START_TEST(test_channels_pair)
{
	unsigned int num = add_ends(0, 0, "qemu-virt-linux", "running", ROOT_CHANNELS);
	char state[128];

	num = add_ends(num, 1, "echo", "running", ECHO_CHANNELS);
	ck_assert_int_eq(pair(num), 2);
	/* Both sides, in the order listed; each side's state as the other sees it. */
	ck_assert_str_eq(pairs[0].end[0].channel, "root-echo");
	ck_assert_str_eq(pairs[0].end[0].cell, "qemu-virt-linux");
	ck_assert_str_eq(pairs[0].end[1].cell, "echo");
	ck_assert(pairs[0].end[1].present);
	ck_assert_uint_eq(pairs[0].end[1].sent, 11);
	hvctl_channel_state(&pairs[0], state, sizeof(state));
	ck_assert_str_eq(state, "up");
	/* No reader: its side is the name the root gives, in the state the root sees. */
	ck_assert_str_eq(pairs[1].end[1].channel, "root-feed");
	ck_assert_str_eq(pairs[1].end[1].cell, "reader");
	ck_assert(!pairs[1].end[1].present);
	ck_assert_uint_eq(pairs[1].end[1].state, BULKHEAD_PEER_ABSENT);
	hvctl_channel_state(&pairs[1], state, sizeof(state));
	ck_assert_str_eq(state, "reader absent");

	/* The hypervisor's view wins over the cells' state files. */
	num = add_ends(0, 2, "chan-a", "running", "a-b chan-b failed rw 0x1+0x1 irq=0 sent=0 "
		       "received=0 events=0\n");
	num = add_ends(num, 3, "chan-b", "running", "a-b chan-a down rw 0x1+0x1 irq=0 sent=0 "
		       "received=0 events=0\n");
	ck_assert_int_eq(pair(num), 1);
	hvctl_channel_state(&pairs[0], state, sizeof(state));
	ck_assert_str_eq(state, "chan-a down, chan-b failed");
	num = add_ends(0, 2, "chan-a", "failed", CHAN_A_CHANNELS);
	ck_assert_int_eq(pair(num), 1);
	hvctl_channel_state(&pairs[0], state, sizeof(state));
	ck_assert_str_eq(state, "chan-a failed, chan-b absent");

	/* A channel twice in one cell, or in three cells: the driver is broken. */
	num = add_ends(0, 2, "chan-a", "running", CHAN_A_CHANNELS CHAN_A_CHANNELS);
	ck_assert_int_eq(pair(num), -EIO);
	ck_assert_str_eq(why, "cell \"chan-a\" lists channel \"a-b\" twice; is the bulkhead "
			 "module of this release loaded?");
	num = add_ends(0, 2, "chan-a", "running", CHAN_A_CHANNELS);
	num = add_ends(num, 3, "chan-b", "running", "a-b chan-a up rw 0x1+0x1 irq=0 sent=0 "
		       "received=0 events=0\n");
	num = add_ends(num, 4, "chan-c", "running", "a-b chan-a up rw 0x1+0x1 irq=0 sent=0 "
		       "received=0 events=0\n");
	ck_assert_int_eq(pair(num), -EIO);
	ck_assert_str_eq(why, "channel \"a-b\" is listed by cells \"chan-a\", \"chan-b\" and "
			 "\"chan-c\"; is the bulkhead module of this release loaded?");
	ck_assert_int_eq(pair(0), 0);
}
END_TEST

/* What 'hvctl channel list' (@json: --json) prints of the tree. */
static char *channels_text(bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int num = hvctl_channels_read(cells_dir, pairs, why, sizeof(why));

	ck_assert_msg(num >= 0, "%s", why);
	ck_assert_ptr_nonnull(out);
	hvctl_print_channels(out, pairs, num, json);
	fclose(out);
	return text;
}

START_TEST(test_channel_list)
{
	char *text = channels_text(false);

	ck_assert_str_eq(text,
			 "CHANNEL    END A                            END B                 "
			 "STATE                       A->B  B->A\n"
			 "root-echo  qemu-virt-linux rw+ring irq=240  echo rw+ring irq=241  "
			 "up                          12    11\n"
			 "root-feed  qemu-virt-linux rw               reader                "
			 "reader absent               0     -\n"
			 "a-b        chan-a rw+ring irq=242           chan-b                "
			 "chan-a down, chan-b absent  0     -\n");
	free(text);
}
END_TEST

START_TEST(test_channel_list_json)
{
	char *text = channels_text(true);

	ck_assert_str_eq(text,
			 "{\n  \"channels\": [\n"
			 "    {\"name\": \"root-echo\", \"state\": \"up\", \"phys_start\": "
			 "2113929216, \"size\": 1048576, \"ends\": [{\"cell\": \"qemu-virt-linux\", "
			 "\"present\": true, \"state\": \"up\", \"id\": 0, \"rights\": \"rw+ring\", "
			 "\"doorbell_irq\": 240, \"sent\": 12, \"received\": 11, \"peer_events\": 2}, "
			 "{\"cell\": \"echo\", \"present\": true, \"state\": \"up\", \"id\": 1, "
			 "\"rights\": \"rw+ring\", \"doorbell_irq\": 241, \"sent\": 11, "
			 "\"received\": 12, \"peer_events\": 1}]},\n"
			 "    {\"name\": \"root-feed\", \"state\": \"reader absent\", \"phys_start\": "
			 "2114977792, \"size\": 65536, \"ends\": [{\"cell\": \"qemu-virt-linux\", "
			 "\"present\": true, \"state\": \"up\", \"id\": 0, \"rights\": \"rw\", "
			 "\"doorbell_irq\": 0, \"sent\": 0, \"received\": 0, \"peer_events\": 0}, "
			 "{\"cell\": \"reader\", \"present\": false, \"state\": \"absent\"}]},\n"
			 "    {\"name\": \"a-b\", \"state\": \"chan-a down, chan-b absent\", "
			 "\"phys_start\": 2116026368, \"size\": 1048576, \"ends\": [{\"cell\": "
			 "\"chan-a\", \"present\": true, \"state\": \"down\", \"id\": 3, \"rights\": "
			 "\"rw+ring\", \"doorbell_irq\": 242, \"sent\": 0, \"received\": 0, "
			 "\"peer_events\": 3}, {\"cell\": \"chan-b\", \"present\": false, \"state\": "
			 "\"absent\"}]}\n"
			 "  ]\n}\n");
	free(text);
}
END_TEST

START_TEST(test_channel_list_problems)
{
	char path[256], expected[512];
	char *text;

	/* A cell without channels adds none; no channel at all is a table head alone. */
	write_cell_file(3, "channels", "");
	write_cell_file(1, "channels", "");
	write_cell_file(0, "channels", "\n");
	text = channels_text(false);
	ck_assert_str_eq(text, "CHANNEL  END A  END B  STATE  A->B  B->A\n");
	free(text);
	/* The file is missing in a cell that exists: a driver without channels. */
	snprintf(path, sizeof(path), "%s/1/channels", cells_dir);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(hvctl_channels_read(cells_dir, pairs, why, sizeof(why)), -EIO);
	snprintf(expected, sizeof(expected), "%s: no such file; is the bulkhead module of this "
		 "release loaded?", path);
	ck_assert_str_eq(why, expected);
	/* Malformed: the message names the file and the line. */
	write_cell_file(1, "channels", ECHO_CHANNELS "x\n");
	ck_assert_int_eq(hvctl_channels_read(cells_dir, pairs, why, sizeof(why)), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/1/channels: line 2: 1 fields instead of 9; "));
	/* Before enable, the root cell's state is "none". */
	write_cell_file(0, "state", "none\n");
	ck_assert_int_eq(hvctl_channels_read(cells_dir, pairs, why, sizeof(why)), -ENODEV);
	ck_assert_str_eq(why, HVCTL_NOT_ENABLED);
}
END_TEST

START_TEST(test_channel_info_format)
{
	struct bulkhead_channel_info info = {
		.name = "root-echo", .peer = "echo", .phys_start = 0x7e000000, .size = 0x100000,
		.rights = BULKHEAD_CHANNEL_RIGHT_WRITE | BULKHEAD_CHANNEL_RIGHT_RING,
		.doorbell_irq = 240, .peer_state = BULKHEAD_PEER_DOWN, .peer_events = 3,
		.rings_sent = 12, .rings_received = 11,
	};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	hvctl_print_channel_info(out, &info);
	info.doorbell_irq = 0;
	info.rights = 0;
	info.peer_state = 9;
	hvctl_print_channel_info(out, &info);
	fclose(out);
	ck_assert_str_eq(text,
			 "channel: root-echo\npeer: echo\npeer state: down\nrights: rw+ring\n"
			 "memory: 0x7e000000 size 0x100000\ndoorbell irq: 240\nrings sent: 12\n"
			 "rings received: 11\npeer events: 3\n"
			 "channel: root-echo\npeer: echo\npeer state: unknown\nrights: ro\n"
			 "memory: 0x7e000000 size 0x100000\ndoorbell irq: none\nrings sent: 12\n"
			 "rings received: 11\npeer events: 3\n");
	free(text);
	/* --json: one object; a name that fills its field is not read past. */
	memset(info.name, 'n', sizeof(info.name));
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	hvctl_print_channel_info_json(out, &info);
	fclose(out);
	ck_assert_str_eq(text, "{\"channel\": \"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\", \"peer\": \"echo\", "
			 "\"peer_state\": \"unknown\", \"rights\": \"ro\", \"phys_start\": "
			 "2113929216, \"size\": 1048576, \"doorbell_irq\": 0, \"rings_sent\": 12, "
			 "\"rings_received\": 11, \"peer_events\": 3}\n");
	free(text);
}
END_TEST

/* ---- operands ---- */

static struct hvctl_channel_args args;

static int parse_args(const char *line)
{
	static char words[256];
	char *argv[16];
	int argc = unit_split_words(line, words, sizeof(words), argv, 16);

	why[0] = '\0';
	return hvctl_channel_parse_args(argc, argv, &args, why, sizeof(why));
}

#define assert_args_error(line, text)                                                      \
	do {                                                                               \
		ck_assert_int_eq(parse_args(line), -1);                                    \
		ck_assert_str_eq(why, text);                                               \
	} while (0)

START_TEST(test_channel_args)
{
	ck_assert_int_eq(parse_args("root-echo"), 0);
	ck_assert_str_eq(args.name, "root-echo");
	ck_assert_uint_eq(args.count, 1);
	ck_assert_int_eq(args.timeout_ms, -1);
	ck_assert_uint_eq(args.offset, 0);
	ck_assert(!args.has_length);
	ck_assert_int_eq(parse_args("-c 1000000 x"), 0);
	ck_assert_uint_eq(args.count, 1000000);
	ck_assert_int_eq(parse_args("x --timeout 0"), 0);
	ck_assert_int_eq(args.timeout_ms, 0);
	ck_assert_int_eq(parse_args("x -t 3600000"), 0);
	ck_assert_int_eq(args.timeout_ms, 3600000);
	ck_assert_int_eq(parse_args("x -o 0x1000 --length 16"), 0);
	ck_assert_uint_eq(args.offset, 0x1000);
	ck_assert(args.has_length);
	ck_assert_uint_eq(args.length, 16);
	ck_assert_int_eq(parse_args("-n 0 x"), 0);
	ck_assert(args.has_length && !args.length);
	assert_args_error("", "missing argument NAME");
	assert_args_error("-c 2", "missing argument NAME");
	assert_args_error("x y", "unexpected argument 'y'");
	assert_args_error("x -c 1 --count 2", "'--count' given twice");
	assert_args_error("x -c 0", "'-c 0': not a count from 1 to 1000000");
	assert_args_error("x -c 1000001", "'-c 1000001': not a count from 1 to 1000000");
	assert_args_error("x --count 0x10", "'--count 0x10': not a count from 1 to 1000000");
	assert_args_error("x -c -1", "'-c -1': not a count from 1 to 1000000");
	assert_args_error("x -t 1s", "'-t 1s': not a timeout in milliseconds from 0 to 3600000");
	assert_args_error("x -t 3600001", "'-t 3600001': not a timeout in milliseconds from 0 "
			  "to 3600000");
	assert_args_error("x -o 12ab", "'-o 12ab': not a byte offset; give it in hex (0x...) "
			  "or decimal");
	assert_args_error("x -n -4", "'-n -4': not a number of bytes; give it in hex (0x...) or "
			  "decimal");
}
END_TEST

START_TEST(test_channel_path_and_range)
{
	char path[128];

	ck_assert_int_eq(hvctl_channel_path("root-echo", path, sizeof(path), why, sizeof(why)),
			 0);
	ck_assert_str_eq(path, "/dev/bulkhead-channel/root-echo");
	/* Only names that can be channels: nothing that leaves the directory. */
	ck_assert_int_eq(hvctl_channel_path("../bulkhead", path, sizeof(path), why,
					    sizeof(why)), -1);
	ck_assert_str_eq(why, "no channel '../bulkhead' on the root cell (see hvctl channel "
			 "list)");
	ck_assert_int_eq(hvctl_channel_path("..", path, sizeof(path), why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_channel_path(".", path, sizeof(path), why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_channel_path("", path, sizeof(path), why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_channel_path("0123456789012345678901234567890", path,
					    sizeof(path), why, sizeof(why)), 0);
	ck_assert_int_eq(hvctl_channel_path("01234567890123456789012345678901", path,
					    sizeof(path), why, sizeof(why)), -1);

	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 0, 0x1000, why, sizeof(why)), 0);
	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 0xfff, 1, why, sizeof(why)), 0);
	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 0xfff, 0, why, sizeof(why)), 0);
	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 0xfff, 2, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "2 bytes at offset 0xfff do not fit in channel 'c' (size 0x1000)");
	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 0x1000, 0, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "offset 0x1000 lies beyond the end of channel 'c' (size 0x1000)");
	ck_assert_int_eq(hvctl_channel_check_range("c", 0x1000, 1, ~0ULL, why, sizeof(why)), -1);
}
END_TEST

/* ---- the hvctl binary: what happens before it needs a device ---- */


START_TEST(test_hvctl_channel_commands)
{
	ck_assert_int_eq(run_hvctl("channel --help"), 0);
	assert_hvctl_says("  list [--json] ");
	assert_hvctl_says("  info NAME ");
	assert_hvctl_says("  ring NAME [-c COUNT] ");
	assert_hvctl_says("  wait NAME [-t MS] ");
	assert_hvctl_says("  read NAME [-o OFFSET] [-n LENGTH]\n");
	assert_hvctl_says("  write NAME [-o OFFSET] ");
	ck_assert_int_eq(run_hvctl("--help"), 0);
	assert_hvctl_says("  channel COMMAND ");
	ck_assert_int_eq(run_hvctl("channel read --help"), 0);
	assert_hvctl_says("  -n, --length LENGTH ");
	ck_assert_int_eq(run_hvctl("channel ring x -c 0"), 2);
	ck_assert_str_eq(hvctl_output, "hvctl: '-c 0': not a count from 1 to 1000000; see 'hvctl "
			 "channel ring --help'\n");
	ck_assert_int_eq(run_hvctl("channel wait x y"), 2);
	ck_assert_str_eq(hvctl_output, "hvctl: unexpected argument 'y'; see 'hvctl channel wait "
			 "--help'\n");
	ck_assert_int_eq(run_hvctl("channel ring x -t 5"), 2);
	assert_hvctl_says("unknown option '-t' for 'hvctl channel ring'");
	ck_assert_int_eq(run_hvctl("channel read x -n"), 2);
	assert_hvctl_says("option '-n' needs a value (LENGTH)");
	ck_assert_int_eq(run_hvctl("channel info"), 2);
	ck_assert_int_eq(run_hvctl("channel write ../x"), 1);
	ck_assert_str_eq(hvctl_output, "hvctl: no channel '../x' on the root cell (see hvctl "
			 "channel list)\n");
}
END_TEST

Suite *hvctl_channel_suite(void)
{
	Suite *s = suite_create("hvctl-channel");
	TCase *sysfs = tcase_create("channel-sysfs");
	TCase *cmd = tcase_create("channel-command");

	tcase_add_checked_fixture(sysfs, make_channel_cells, unit_tmpdir_leave);
	tcase_add_test(sysfs, test_channels_parse);
	tcase_add_test(sysfs, test_channels_malformed);
	tcase_add_test(sysfs, test_channels_pair);
	tcase_add_test(sysfs, test_channel_list);
	tcase_add_test(sysfs, test_channel_list_json);
	tcase_add_test(sysfs, test_channel_list_problems);
	suite_add_tcase(s, sysfs);

	tcase_add_test(cmd, test_channel_info_format);
	tcase_add_test(cmd, test_channel_args);
	tcase_add_test(cmd, test_channel_path_and_range);
	tcase_add_test(cmd, test_hvctl_channel_commands);
	suite_add_tcase(s, cmd);
	return s;
}
