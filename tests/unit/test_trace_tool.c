// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace (tools/trace/): the log2 buckets the BPF programs fill
 * and their percentiles, the tracefs layout check, the command line, the
 * hist and top reports, and the Perfetto (Chrome trace-event) writer, whose
 * output must parse with the board tests' JSON checker (jsoncheck.c, built
 * in here), and what the tool restores and reports of the driver's masks and
 * losses. The real binary: bad arguments exit 2, no bulkhead tracepoints 1.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/trace/trace-cli.c"
#include "../../tools/trace/trace-format.c"
#include "../../tools/trace/trace-hist.c"
#include "../../tools/trace/trace-report.c"
#include "../../tools/trace/trace-perfetto.c"
#include "../../tools/trace/trace-control.c"

/* jsoncheck.c has a fail() of its own, and a main(). */
#undef fail
#define main jsoncheck_main
#include "../system/jsoncheck.c"
#undef main

#define TRACE_TOOL	TOP_DIR "/tools/bulkhead-trace"

static char why[512];

/* Whether @text is one JSON value (jsoncheck's parser); its complaint goes to stderr. */
static bool json_valid(const char *text)
{
	struct parser p = { .text = text };

	return check(&p, 1);
}

/* ----- buckets and percentiles ----- */

START_TEST(test_buckets)
{
	unsigned int b;

	ck_assert_uint_eq(trace_bucket(0), 0);
	ck_assert_uint_eq(trace_bucket(1), 1);
	ck_assert_uint_eq(trace_bucket(2), 2);
	ck_assert_uint_eq(trace_bucket(3), 2);
	ck_assert_uint_eq(trace_bucket(1023), 10);
	ck_assert_uint_eq(trace_bucket(1024), 11);
	ck_assert_uint_eq(trace_bucket(0xffffffffULL), 32);
	/* Beyond 32 bits (a doorbell's u64 latency) everything lands in the last bucket. */
	ck_assert_uint_eq(trace_bucket(1ULL << 40), TRACE_BUCKETS - 1);
	ck_assert_uint_eq(trace_bucket(~0ULL), TRACE_BUCKETS - 1);
	for (b = 1; b < TRACE_BUCKETS - 1; b++) {
		ck_assert_uint_eq(trace_bucket(trace_bucket_low(b)), b);
		ck_assert_uint_eq(trace_bucket(trace_bucket_high(b)), b);
		ck_assert_uint_eq(trace_bucket_high(b) + 1, trace_bucket_low(b + 1));
	}
	ck_assert_uint_eq(trace_bucket_high(TRACE_BUCKETS - 1), ~0ULL);
}
END_TEST

static void add_value(struct trace_hist *h, __u64 ns)
{
	h->buckets[trace_bucket(ns)]++;
	h->count++;
	h->sum_ns += ns;
	if (ns > h->max_ns)
		h->max_ns = ns;
}

START_TEST(test_percentiles)
{
	struct trace_hist h = { 0 }, later, delta;
	unsigned int n;

	ck_assert_uint_eq(trace_hist_percentile(&h, 50), 0);
	add_value(&h, 1);
	ck_assert_uint_eq(trace_hist_percentile(&h, 50), 1);
	memset(&h, 0, sizeof(h));
	for (n = 0; n < 90; n++)
		add_value(&h, 100);		/* bucket 7: 64..127 */
	for (n = 0; n < 10; n++)
		add_value(&h, 5000);		/* bucket 13: 4096..8191 */
	ck_assert_uint_eq(trace_hist_percentile(&h, 50), 127);
	ck_assert_uint_eq(trace_hist_percentile(&h, 90), 127);
	/* The 91st value is the first slow one; the bucket's end is above the max: the max. */
	ck_assert_uint_eq(trace_hist_percentile(&h, 91), 5000);
	ck_assert_uint_eq(trace_hist_percentile(&h, 99), 5000);
	ck_assert_uint_eq(trace_hist_percentile(&h, 100), 5000);
	later = h;
	add_value(&later, 3);
	add_value(&later, 3);
	trace_hist_delta(&delta, &later, &h);
	ck_assert_uint_eq(delta.count, 2);
	ck_assert_uint_eq(delta.sum_ns, 6);
	ck_assert_uint_eq(delta.buckets[2], 2);
	ck_assert_uint_eq(delta.buckets[7], 0);
	ck_assert_uint_eq(trace_hist_percentile(&delta, 50), 3);
}
END_TEST

START_TEST(test_series_sorted)
{
	struct trace_data d = { 0 };
	unsigned int n;

	/* More than the first allocation, inserted backwards. */
	for (n = 100; n--;)
		ck_assert_ptr_nonnull(trace_data_series(&d, (__u16)(n / 10), TRACE_KIND_EXIT,
							(__u8)(n % 10)));
	ck_assert_uint_eq(d.num, 100);
	ck_assert_ptr_eq(trace_data_series(&d, 3, TRACE_KIND_EXIT, 4), &d.series[34]);
	ck_assert_uint_eq(d.num, 100);
	for (n = 1; n < d.num; n++)
		ck_assert_int_lt(compare_key(d.series[n - 1].cell, d.series[n - 1].kind,
					     d.series[n - 1].reason, &d.series[n]), 0);
	ck_assert_ptr_null(trace_data_find(&d, 3, TRACE_KIND_VIRQ, 4));
	ck_assert_ptr_eq(trace_data_find(&d, 9, TRACE_KIND_EXIT, 9), &d.series[99]);
	trace_data_free(&d);
}
END_TEST

/* ----- tracefs format files ----- */

/* Write events/<tp>/format as the kernel prints it, with @field moved to @offset if named. */
static void write_format(const struct trace_tracepoint *tp, const char *moved, unsigned int offset,
			 const char *dropped)
{
	char path[256], text[2048];
	int len = 0;
	unsigned int n;

	snprintf(path, sizeof(path), "events/%s", tp->name);
	mkdir("events", 0755);
	mkdir(path, 0755);
	len += snprintf(text + len, sizeof(text) - len, "name: %s\nID: 1234\nformat:\n"
			"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
			"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n", tp->name);
	for (n = 0; n < tp->num_fields; n++) {
		const struct trace_field *f = &tp->fields[n];

		if (dropped && !strcmp(f->name, dropped))
			continue;
		len += snprintf(text + len, sizeof(text) - len,
				"\tfield:u%u %s;\toffset:%u;\tsize:%u;\tsigned:0;\n", f->size * 8,
				f->name, moved && !strcmp(f->name, moved) ? offset : f->offset,
				f->size);
	}
	snprintf(text + len, sizeof(text) - len, "\nprint fmt: \"cell=%%u\", REC->cell\n");
	snprintf(path, sizeof(path), "events/%s/format", tp->name);
	unit_write_file(path, text);
}

static const struct trace_tracepoint *tracepoint(const char *name)
{
	unsigned int n;

	for (n = 0; n < trace_num_tracepoints; n++)
		if (!strcmp(trace_tracepoints[n].name, name))
			return &trace_tracepoints[n];
	ck_abort_msg("no tracepoint %s", name);
	return NULL;
}

START_TEST(test_format_matches)
{
	unsigned int n;

	for (n = 0; n < trace_num_tracepoints; n++) {
		write_format(&trace_tracepoints[n], NULL, 0, NULL);
		ck_assert_msg(!trace_format_check("events", &trace_tracepoints[n], why,
						  sizeof(why)), "%s", why);
	}
	/* The header's layout, as the BPF programs read it. */
	ck_assert_uint_eq(tracepoint("hv_exit")->fields[0].offset, 8);
	ck_assert_uint_eq(tracepoint("hv_exit")->fields[2].offset, 24);
	ck_assert_uint_eq(tracepoint("hv_exit")->fields[5].offset, 32);
}
END_TEST

START_TEST(test_format_mismatch)
{
	const struct trace_tracepoint *tp = tracepoint("hv_exit");
	/* A char array's brackets are no part of the name. */
	struct trace_field comm = { "comm", 8, 16 };
	struct trace_tracepoint with_array = { "with_array", &comm, 1 };

	write_format(tp, "duration_ns", 28, NULL);
	ck_assert_int_eq(trace_format_check("events", tp, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "events/hv_exit/format: field duration_ns at offset 28 size 4, "
			     "but bulkhead-trace reads it at offset 24 size 4"), "%s", why);
	write_format(tp, NULL, 0, "reason");
	ck_assert_int_eq(trace_format_check("events", tp, why, sizeof(why)), -EPROTO);
	ck_assert_msg(strstr(why, "events/hv_exit/format: no field reason"), "%s", why);
	ck_assert_int_eq(trace_format_check("events", tracepoint("hv_virq"), why, sizeof(why)),
			 -ENOENT);
	ck_assert_msg(strstr(why, "cannot read events/hv_virq/format"), "%s", why);
	mkdir("events", 0755);
	mkdir("events/with_array", 0755);
	unit_write_file("events/with_array/format",
			"\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n");
	ck_assert_msg(!trace_format_check("events", &with_array, why, sizeof(why)), "%s", why);
}
END_TEST

/* ----- the command line ----- */

static int parse(const char *line, struct trace_opts *opts)
{
	static char buf[512];
	char *argv[32];
	int argc = unit_split_words(line, buf, sizeof(buf), argv, 32);

	return trace_parse_args(argc, argv, opts, why, sizeof(why));
}

START_TEST(test_args)
{
	struct trace_opts o;

	ck_assert_int_eq(parse("bulkhead-trace", &o), 0);
	ck_assert_int_eq(o.command, TRACE_CMD_TOP);
	ck_assert_uint_eq(o.classes, BULKHEAD_TRACE_CLASS_ALL);
	ck_assert_uint_eq(o.interval_ms, 1000);
	ck_assert_uint_eq(o.duration_ms, 0);
	ck_assert_uint_eq(o.num_cells, 0);
	ck_assert_int_eq(parse("bulkhead-trace top -i 0.25 --json --cell demo -c id:3", &o), 0);
	ck_assert_uint_eq(o.interval_ms, 250);
	ck_assert(o.json);
	ck_assert_uint_eq(o.num_cells, 2);
	ck_assert_str_eq(o.cells[0], "demo");
	ck_assert_str_eq(o.cells[1], "id:3");
	ck_assert_int_eq(parse("bulkhead-trace hist --duration 2.5 --class exit,virq", &o), 0);
	ck_assert_int_eq(o.command, TRACE_CMD_HIST);
	ck_assert_uint_eq(o.duration_ms, 2500);
	ck_assert_uint_eq(o.classes, BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_VIRQ);
	ck_assert_int_eq(parse("bulkhead-trace record -o /tmp/x.json -d 1 -C state", &o), 0);
	ck_assert_int_eq(o.command, TRACE_CMD_RECORD);
	ck_assert_str_eq(o.output, "/tmp/x.json");
	ck_assert_uint_eq(o.classes, BULKHEAD_TRACE_CLASS_STATE);
	ck_assert_int_eq(parse("bulkhead-trace hist --help --bogus", &o), 0);
	ck_assert(o.help);
}
END_TEST

START_TEST(test_args_errors)
{
	static const struct {
		const char *line, *says;
	} bad[] = {
		{ "bulkhead-trace bogus", "unknown command 'bogus'" },
		{ "bulkhead-trace hist top", "unexpected argument 'top' after the command" },
		{ "bulkhead-trace --frobnicate", "unknown option '--frobnicate'" },
		{ "bulkhead-trace --cell", "--cell: a value is missing" },
		{ "bulkhead-trace -i 0", "--interval: '0' is not a number of seconds from 0.100" },
		{ "bulkhead-trace -i 0.05", "--interval: '0.05' is not" },
		{ "bulkhead-trace -i 4000", "--interval: '4000' is not" },
		{ "bulkhead-trace -i 1.x", "--interval: '1.x' is not" },
		{ "bulkhead-trace -i 1.", "--interval: '1.' is not" },
		{ "bulkhead-trace hist -d -1", "--duration: '-1' is not" },
		{ "bulkhead-trace hist -d 99999999999", "--duration: '99999999999' is not" },
		{ "bulkhead-trace hist -C exit,bogus", "--class: unknown class 'bogus' in 'exit,bogus'" },
		{ "bulkhead-trace hist -C ,", "--class: ',' is not a list of exit,virq" },
		{ "bulkhead-trace record", "record: -o FILE is missing" },
		{ "bulkhead-trace hist -o f.json", "--output 'f.json': only record writes a file" },
		{ "bulkhead-trace record -o f --json", "--json: record always writes JSON" },
		{ "bulkhead-trace hist -i 2", "--interval: only top refreshes (not hist)" },
	};
	struct trace_opts o;
	unsigned int n;

	for (n = 0; n < sizeof(bad) / sizeof(bad[0]); n++) {
		why[0] = '\0';
		ck_assert_msg(parse(bad[n].line, &o) == -EINVAL, "%s accepted", bad[n].line);
		ck_assert_msg(strstr(why, bad[n].says), "%s: said \"%s\", not \"%s\"", bad[n].line,
			      why, bad[n].says);
	}
}
END_TEST

/* ----- reports ----- */

static const struct hvctl_cell report_cells[] = {
	{ .id = 0, .name = "root" },
	{ .id = 1, .name = "de\"mo" },
};

static void fill_data(struct trace_data *d, unsigned int hypercalls)
{
	struct trace_series *s;
	unsigned int n;

	s = trace_data_series(d, 1, TRACE_KIND_EXIT, BULKHEAD_EXIT_HYPERCALL);
	for (n = 0; n < hypercalls; n++)
		add_value(&s->hist, 800);
	s = trace_data_series(d, 1, TRACE_KIND_EXIT, BULKHEAD_EXIT_MMIO);
	add_value(&s->hist, 3000);
	s = trace_data_series(d, 1, TRACE_KIND_VIRQ, BULKHEAD_VIRQ_SOURCE_TIMER);
	add_value(&s->hist, 2000);
	s = trace_data_series(d, 1, TRACE_KIND_DOORBELL, 0);
	add_value(&s->hist, 40000);
	/* A cell destroyed since: a row of its own, no name. */
	s = trace_data_series(d, 7, TRACE_KIND_EXIT, BULKHEAD_EXIT_IRQ);
	add_value(&s->hist, 500);
}

static char *report(void (*print)(FILE *out, const struct trace_data *now,
				  const struct trace_data *before, bool json),
		    const struct trace_data *now, const struct trace_data *before, bool json)
{
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(out);
	print(out, now, before, json);
	fclose(out);
	return text;
}

static void print_hist(FILE *out, const struct trace_data *now, const struct trace_data *before,
		       bool json)
{
	trace_print_hist(out, now, report_cells, 2, 2500000000ULL, json);
}

static void print_top(FILE *out, const struct trace_data *now, const struct trace_data *before,
		      bool json)
{
	trace_print_top(out, now, before, report_cells, 2, 500000000ULL, json);
}

START_TEST(test_hist_report)
{
	struct trace_data d = { .lost = 3 };
	char *text;

	fill_data(&d, 10);
	text = report(print_hist, &d, NULL, false);
	ck_assert_msg(strstr(text, "cell 1 \"de\"mo\", exit cost, hypercall: 10 events, mean 800 ns, "
			     "p50 800 ns, p99 800 ns, max 800 ns"), "%s", text);
	ck_assert_msg(strstr(text, "          512 -> 1023        : 10         |****"), "%s", text);
	ck_assert_msg(strstr(text, "cell 1 \"de\"mo\", virq latency, timer: 1 events"), "%s", text);
	ck_assert_msg(strstr(text, "root doorbell latency, wake: 1 events, mean 40000 ns"), "%s",
		      text);
	ck_assert_msg(strstr(text, "cell 7 \"\", exit cost, irq: 1 events"), "%s", text);
	ck_assert_msg(strstr(text, "3 records lost over 2.500 s"), "%s", text);
	free(text);
	text = report(print_hist, &d, NULL, true);
	ck_assert_msg(json_valid(text), "%s", text);
	ck_assert_msg(strstr(text, "{\"duration_ns\": 2500000000, \"lost\": 3, \"cells\": [{\"id\": 1, "
			     "\"name\": \"de\\\"mo\", \"exits\": [{\"reason\": \"hypercall\", "
			     "\"count\": 10, \"sum_ns\": 8000, \"p50_ns\": 800, \"p99_ns\": 800, "
			     "\"max_ns\": 800, \"buckets\": [{\"low_ns\": 512, \"high_ns\": 1023, "
			     "\"count\": 10}]}"), "%s", text);
	ck_assert_msg(strstr(text, "\"virqs\": [{\"source\": \"timer\""), "%s", text);
	ck_assert_msg(strstr(text, "{\"id\": 7, \"name\": \"\", \"exits\": [{\"reason\": \"irq\""),
		      "%s", text);
	free(text);
	trace_data_free(&d);
}
END_TEST

START_TEST(test_top_report)
{
	struct trace_data before = { .lost = 1 }, now = { .lost = 4 };
	char *text;

	fill_data(&before, 10);
	fill_data(&now, 60);
	text = report(print_top, &now, &before, false);
	/*
	 * 50 hypercalls in half a second; the MMIO exit was before the interval,
	 * but its 3000 ns is the maximum: p50 is the end of 800's bucket.
	 */
	ck_assert_msg(strstr(text, "1    de\"mo                  100  hypercall:100 "), "%s", text);
	ck_assert_msg(strstr(text, "0    root                     0  -                               "
			     "-                     -                     -\n"), "%s", text);
	ck_assert_msg(strstr(text, "ID   NAME               EXITS/S  TOP REASONS/S                   "
			     "EXIT NS p50/p99/max   VIRQ NS p50/p99/max   DOORBELL NS p50/p99/max\n"),
		      "%s", text);
	/* The interval's percentiles; a kind with no event in it shows only its maximum. */
	ck_assert_msg(strstr(text, "1    de\"mo                  100  hypercall:100                   "
			     "1023/1023/3000        -/-/2000              -/-/40000\n"), "%s", text);
	ck_assert_msg(strstr(text, "7                             0  -"), "%s", text);
	ck_assert_msg(strstr(text, "3 records lost in this interval, 4 in all"), "%s", text);
	free(text);
	text = report(print_top, &now, &before, true);
	ck_assert_msg(json_valid(text), "%s", text);
	ck_assert_msg(strstr(text, "{\"interval_ns\": 500000000, \"lost\": 3, \"cells\": [{\"id\": 0, "
			     "\"name\": \"root\", \"exits\": 0"), "%s", text);
	ck_assert_msg(strstr(text, "\"exits\": 50, \"exits_per_s\": 100, \"top_reasons\": "
			     "[{\"reason\": \"hypercall\", \"count\": 50, \"per_s\": 100}], "
			     "\"exit_ns\": {\"count\": 50, \"p50\": 1023, \"p99\": 1023, "
			     "\"max\": 3000}"), "%s", text);
	free(text);
	trace_data_free(&before);
	trace_data_free(&now);
}
END_TEST

/* ----- the Perfetto writer ----- */

static struct trace_event event(__u8 type, __u64 time_ns, __u16 cpu, __u16 cell)
{
	struct trace_event ev = { .type = type, .time_ns = time_ns, .cpu = cpu, .cell = cell };

	return ev;
}

static char *record_json(struct trace_recording *rec)
{
	char *text = NULL;
	size_t size;
	FILE *out = open_memstream(&text, &size);

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(trace_perfetto_write(out, rec, report_cells, 2, 5, 6), 0);
	fclose(out);
	return text;
}

/* The position of @needle in @text; the test fails if it is not there. */
static size_t at(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);

	ck_assert_msg(p, "no \"%s\" in:\n%s", needle, text);
	return (size_t)(p - text);
}

START_TEST(test_perfetto)
{
	struct trace_recording rec = { 0 };
	struct trace_event ev;
	char *text;

	/* Out of order, as the driver's drains deliver them. */
	ev = event(TRACE_EV_EXIT, 1000005000, 2, 1);
	ev.reason = BULKHEAD_EXIT_MMIO;
	ev.value = 1500;
	ev.detail = 0x9000000;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_EXIT, 1000000000, 1, 1);
	ev.reason = BULKHEAD_EXIT_HYPERCALL;
	ev.value = 700;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_SWITCH, 1000001000, 0, 0);
	ev.pid = 42;
	strcpy(ev.comm, "a\"b\\c");
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_SWITCH, 1000004000, 0, 0);
	ev.pid = 0;
	strcpy(ev.comm, "swapper/0");
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_VIRQ, 1000002000, 1, 1);
	ev.detail = 27;
	ev.value = 640;
	ev.reason = BULKHEAD_VIRQ_SOURCE_TIMER;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_CELL, 1000000500, 1, 1);
	ev.reason = BULKHEAD_EVENT_STARTED;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_DOORBELL, 1000003000, 1, 1);
	ev.peer = 0;
	ev.channel = 2;
	ev.value = (__u32)-EPERM;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_WAKE, 1000003500, 0, 1);
	ev.value = 25000;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);
	ev = event(TRACE_EV_LOST, 1000006000, 2, 0);
	ev.detail = 17;
	ck_assert_int_eq(trace_recording_add(&rec, &ev), 0);

	text = record_json(&rec);
	ck_assert_msg(json_valid(text), "%s", text);
	ck_assert_msg(strstr(text, "\"otherData\": {\"start_ns\": 1000000000, \"lost_records\": 5, "
			     "\"dropped_events\": 6}"), "%s", text);
	/* Tracks: hypervisor CPUs 1 and 2, the root's CPU 0, both cells; named first. */
	at(text, "{\"ph\": \"M\", \"pid\": 1, \"tid\": 0, \"name\": \"process_name\", \"args\": "
	       "{\"name\": \"Bulkhead hypervisor CPUs\"}}");
	at(text, "{\"ph\": \"M\", \"pid\": 1, \"tid\": 1001, \"name\": \"thread_name\", \"args\": "
	       "{\"name\": \"CPU 1\"}}");
	at(text, "\"pid\": 1, \"tid\": 1002, \"name\": \"thread_name\"");
	at(text, "\"pid\": 3, \"tid\": 100000, \"name\": \"thread_name\", \"args\": {\"name\": "
	       "\"CPU 0\"}}");
	at(text, "\"pid\": 2, \"tid\": 2001, \"name\": \"thread_name\", \"args\": {\"name\": "
	       "\"cell 1 de\\\"mo\"}}");
	at(text, "\"pid\": 2, \"tid\": 2000, \"name\": \"thread_name\", \"args\": {\"name\": "
	       "\"cell 0 root\"}}");
	ck_assert_msg(!strstr(text, "\"tid\": 1000,"), "no exits on CPU 0:\n%s", text);
	/* Exits are slices, times in us from the first event. */
	at(text, "{\"ph\": \"X\", \"pid\": 1, \"tid\": 1001, \"ts\": 0.000, \"dur\": 0.700, "
	       "\"name\": \"hypercall\", \"cat\": \"exit\", \"args\": {\"cell\": 1, \"detail\": "
	       "\"0x0\"}}");
	at(text, "\"ts\": 5.000, \"dur\": 1.500, \"name\": \"mmio\", \"cat\": \"exit\", \"args\": "
	       "{\"cell\": 1, \"detail\": \"0x9000000\"}}");
	/* A task runs until the next switch on its CPU, the last one until the end. */
	at(text, "{\"ph\": \"X\", \"pid\": 3, \"tid\": 100000, \"ts\": 1.000, \"dur\": 3.000, "
	       "\"cat\": \"sched\", \"name\": \"a\\\"b\\\\c\", \"args\": {\"pid\": 42}}");
	at(text, "\"ts\": 4.000, \"dur\": 2.000, \"cat\": \"sched\", \"name\": \"swapper/0\"");
	at(text, "\"ts\": 2.000, \"s\": \"t\", \"name\": \"virq 27\", \"cat\": \"virq\", \"args\": "
	       "{\"latency_ns\": 640, \"cpu\": 1, \"source\": \"timer\"}}");
	at(text, "{\"ph\": \"C\", \"pid\": 2, \"tid\": 2001, \"ts\": 2.000, \"name\": \"cell 1 virq "
	       "latency\", \"args\": {\"ns\": 640}}");
	at(text, "\"name\": \"started\", \"cat\": \"state\"");
	at(text, "\"name\": \"doorbell to cell 0\", \"cat\": \"doorbell\", \"args\": {\"channel\": 2, "
	       "\"peer\": 0, \"peer_channel\": 0, \"result\": -1, \"cpu\": 1}}");
	at(text, "{\"ph\": \"i\", \"pid\": 2, \"tid\": 2000, \"ts\": 3.500, \"s\": \"t\", \"name\": "
	       "\"doorbell from cell 1: reader woke\"");
	at(text, "\"tid\": 1002, \"ts\": 6.000, \"s\": \"t\", \"name\": \"lost 17 records\"");
	/* Sorted by time, metadata first. */
	ck_assert_uint_lt(at(text, "thread_name"), at(text, "\"ts\": 0.000"));
	ck_assert_uint_lt(at(text, "\"ts\": 0.000"), at(text, "\"ts\": 0.500"));
	ck_assert_uint_lt(at(text, "\"ts\": 0.500"), at(text, "\"ts\": 1.000"));
	ck_assert_uint_lt(at(text, "\"ts\": 1.000"), at(text, "\"ts\": 2.000"));
	ck_assert_uint_lt(at(text, "\"ts\": 3.500"), at(text, "\"ts\": 4.000"));
	ck_assert_uint_lt(at(text, "\"ts\": 5.000"), at(text, "\"ts\": 6.000"));
	free(text);
	trace_recording_free(&rec);
}
END_TEST

START_TEST(test_perfetto_empty)
{
	struct trace_recording rec = { 0 };
	char *text = record_json(&rec);

	ck_assert_msg(json_valid(text), "%s", text);
	/* The listed cells still get their tracks. */
	at(text, "\"cell 1 de\\\"mo\"");
	free(text);
}
END_TEST

/* ----- the driver's masks ----- */

START_TEST(test_previous_masks)
{
	struct trace_control ctl = { .fd = -1 };
	__u32 mask = 0xdead;

	ctl.before.root_mask = 0x3;
	ctl.before.new_cells_mask = 0x4;
	ck_assert_int_eq(previous_mask(&ctl, "cells", 0, &mask, why, sizeof(why)), 0);
	ck_assert_uint_eq(mask, 0x3);
	ck_assert_int_eq(previous_mask(&ctl, "cells", BULKHEAD_TRACE_NEW_CELLS, &mask, why,
				       sizeof(why)), 0);
	ck_assert_uint_eq(mask, 0x4);
	/* No rings: no cell can have a mask; sysfs is not even asked. */
	ck_assert_int_eq(previous_mask(&ctl, "cells", 5, &mask, why, sizeof(why)), 0);
	ck_assert_uint_eq(mask, 0);
	/* Rings there: the driver says each cell's. */
	ctl.before.pages = 16;
	mkdir("cells", 0755);
	mkdir("cells/5", 0755);
	unit_write_file("cells/5/trace_mask", "0x1f\n");
	ck_assert_msg(!previous_mask(&ctl, "cells", 5, &mask, why, sizeof(why)), "%s", why);
	ck_assert_uint_eq(mask, 0x1f);
	unit_write_file("cells/5/trace_mask", "lots\n");
	ck_assert_int_eq(previous_mask(&ctl, "cells", 5, &mask, why, sizeof(why)), -EIO);
	ck_assert_msg(strstr(why, "cells/5/trace_mask: unexpected 'lots'"), "%s", why);
	/* A driver that does not say: refused rather than restored wrongly. */
	unlink("cells/5/trace_mask");
	ck_assert_int_eq(previous_mask(&ctl, "cells", 5, &mask, why, sizeof(why)), -EBUSY);
	ck_assert_msg(strstr(why, "tracing is already on (hvctl trace status) and the driver does "
			     "not say cell 5's mask"), "%s", why);
}
END_TEST

START_TEST(test_covers_and_lost)
{
	struct trace_control ctl = { .fd = -1, .num_targets = 2 };
	struct bulkhead_trace_status now = { 0 };

	ctl.targets[0].cell = 3;
	ctl.targets[1].cell = 0;
	ck_assert(trace_control_covers(&ctl, 3));
	ck_assert(trace_control_covers(&ctl, 0));
	ck_assert(!trace_control_covers(&ctl, 1));
	ctl.targets[ctl.num_targets++].cell = BULKHEAD_TRACE_NEW_CELLS;
	ck_assert(trace_control_covers(&ctl, 1));
	/* Rings set up by the tool count from 0; ones already there from what they had. */
	now.lost[0] = 7;
	now.lost[3] = 5;
	ctl.before.lost[0] = 2;
	ck_assert_uint_eq(trace_control_lost(&ctl, &now), 12);
	ctl.before.pages = 16;
	ck_assert_uint_eq(trace_control_lost(&ctl, &now), 10);
	/* Restoring with no device open changes nothing, and says nothing. */
	trace_control_restore(&ctl);
	ck_assert_uint_eq(ctl.num_targets, 3);
}
END_TEST

/* ----- the real binary ----- */

START_TEST(test_tool_exit_statuses)
{
	char out[4096];

	ck_assert_int_eq(unit_run(TRACE_TOOL, "hist --duration 0", out, sizeof(out)), 2);
	ck_assert_msg(strstr(out, "bulkhead-trace: --duration: '0' is not a number of seconds"),
		      "%s", out);
	ck_assert_msg(strstr(out, "see 'bulkhead-trace --help'"), "%s", out);
	ck_assert_int_eq(unit_run(TRACE_TOOL, "--help", out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "Usage: bulkhead-trace [top]"), "%s", out);
	ck_assert_msg(strstr(out, "https://ui.perfetto.dev"), "%s", out);
	/* This host has no bulkhead module: no tracepoints, whether tracefs is mounted or not. */
	ck_assert_int_eq(unit_run(TRACE_TOOL, "hist --duration 1", out, sizeof(out)), 1);
	ck_assert_msg(strstr(out, "bulkhead-trace: tracefs is not mounted") ||
		      strstr(out, "bulkhead-trace: no bulkhead tracepoints in "), "%s", out);
}
END_TEST

Suite *trace_tool_suite(void)
{
	Suite *s = suite_create("trace_tool");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, test_buckets);
	tcase_add_test(tc, test_percentiles);
	tcase_add_test(tc, test_series_sorted);
	tcase_add_test(tc, test_args);
	tcase_add_test(tc, test_args_errors);
	tcase_add_test(tc, test_hist_report);
	tcase_add_test(tc, test_top_report);
	tcase_add_test(tc, test_perfetto);
	tcase_add_test(tc, test_perfetto_empty);
	tcase_add_test(tc, test_covers_and_lost);
	tcase_add_test(tc, test_tool_exit_statuses);
	suite_add_tcase(s, tc);
	tc = tcase_create("format");
	tcase_add_checked_fixture(tc, unit_tmpdir_enter, unit_tmpdir_leave);
	tcase_add_test(tc, test_format_matches);
	tcase_add_test(tc, test_format_mismatch);
	tcase_add_test(tc, test_previous_masks);
	suite_add_tcase(s, tc);
	return s;
}
