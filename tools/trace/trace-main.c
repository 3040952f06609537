// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: checks the tracepoints' layouts, loads the BPF programs,
 * switches tracing on through the driver and runs the command until its
 * duration ends or a signal comes; whatever ends it, the driver's masks
 * are restored before the results are printed.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

/* How long a wait lasts at most before the tool looks at the clock and signals again. */
#define POLL_MS		100

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	stop_requested = 1;
}

static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec;
}

struct session {
	struct trace_opts opts;
	struct trace_control ctl;
	struct trace_bpf bpf;
	struct trace_recording recording;
	struct hvctl_cell cells[HVCTL_MAX_LISTED];
	int num_cells;
	__u64 start_ns;
	char why[512];
};

/* Whether the command should end: a signal, or its duration is over. */
static bool finished(const struct session *s)
{
	return stop_requested ||
	       (s->opts.duration_ms && now_ns() - s->start_ns >= s->opts.duration_ms * 1000000ULL);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

	/* A signal cuts it short: that is what it is for. */
	nanosleep(&ts, NULL);
}

/* Wait until @until_ns (0: forever) or the end, whichever comes first. */
static int wait_until(struct session *s, __u64 until_ns)
{
	int err = 0;

	while (!err && !finished(s) && (!until_ns || now_ns() < until_ns)) {
		if (s->recording.events || s->bpf.ring)
			err = trace_bpf_poll(&s->bpf, POLL_MS, s->why, sizeof(s->why));
		else
			sleep_ms(POLL_MS);
	}
	return err;
}

static int read_cells(struct session *s)
{
	s->num_cells = hvctl_cells_read(HVCTL_CELLS_DIR, s->cells, HVCTL_MAX_LISTED, s->why,
					sizeof(s->why));
	return s->num_cells < 0 ? s->num_cells : 0;
}

/*
 * Only the cells asked for: others may be traced too, by someone else (then
 * they stay so), but they are no part of the answer.
 */
static void keep_covered_series(const struct session *s, struct trace_data *d)
{
	unsigned int n, kept = 0;

	for (n = 0; n < d->num; n++)
		if (trace_control_covers(&s->ctl, d->series[n].cell))
			d->series[kept++] = d->series[n];
	d->num = kept;
}

static void keep_covered_events(const struct session *s, struct trace_recording *rec)
{
	const struct trace_event *ev;
	size_t n, kept = 0;

	/* A lost record or a root task belongs to no cell in particular. */
	for (n = 0; n < rec->num; n++) {
		ev = &rec->events[n];
		if (ev->type == TRACE_EV_LOST || ev->type == TRACE_EV_SWITCH ||
		    trace_control_covers(&s->ctl, ev->cell))
			rec->events[kept++] = *ev;
	}
	rec->num = kept;
}

/* Drain the rings, then read the maps: everything up to now is in @d. */
static int sample(struct session *s, struct trace_data *d)
{
	struct bulkhead_trace_status status;
	int err = trace_control_drain(&s->ctl, &status, s->why, sizeof(s->why));

	if (!err)
		err = trace_bpf_collect(&s->bpf, d, s->why, sizeof(s->why));
	keep_covered_series(s, d);
	d->lost = trace_control_lost(&s->ctl, &status);
	return err;
}

/*
 * Whether every cell with events in @d has its name read already: each read
 * of the cells' sysfs files asks the hypervisor, so top does it only when a
 * cell it does not know shows up, not on every refresh.
 */
static bool cells_known(const struct session *s, const struct trace_data *d)
{
	unsigned int n;

	for (n = 0; n < d->num; n++)
		if (!trace_cell_name(s->cells, s->num_cells, d->series[n].cell)[0])
			return false;
	return true;
}

static int run_top(struct session *s)
{
	struct trace_data data[2] = { { 0 } }, *now = &data[0], *before = &data[1], *swap;
	bool clear = isatty(STDOUT_FILENO) && !s->opts.json;
	__u64 last = s->start_ns, t;
	int err = read_cells(s);

	while (!err && !finished(s)) {
		err = wait_until(s, last + s->opts.interval_ms * 1000000ULL);
		t = now_ns();
		if (!err)
			err = sample(s, now);
		if (!err && !cells_known(s, now))
			err = read_cells(s);
		if (err)
			break;
		if (clear)
			fputs("\033[H\033[2J", stdout);
		trace_print_top(stdout, now, before, s->cells, s->num_cells, t - last,
				s->opts.json);
		fflush(stdout);
		swap = before;
		before = now;
		now = swap;
		last = t;
	}
	trace_data_free(&data[0]);
	trace_data_free(&data[1]);
	return err;
}

static int run_hist(struct session *s)
{
	struct trace_data data = { 0 };
	int err = wait_until(s, 0);

	if (!err)
		err = sample(s, &data);
	if (!err)
		err = read_cells(s);
	if (!err)
		trace_print_hist(stdout, &data, s->cells, s->num_cells, now_ns() - s->start_ns,
				 s->opts.json);
	trace_data_free(&data);
	return err;
}

static int write_recording(struct session *s, __u64 lost)
{
	struct trace_data data = { 0 };
	FILE *out;
	int err;

	/* The ring buffer's drops are counted in the BPF program's globals. */
	err = trace_bpf_collect(&s->bpf, &data, s->why, sizeof(s->why));
	if (!err)
		err = read_cells(s);
	if (err)
		return err;
	out = fopen(s->opts.output, "w");
	if (!out)
		return hvctl_reject(-errno, s->why, sizeof(s->why), "cannot write %s: %s",
				    s->opts.output, strerror(errno));
	keep_covered_events(s, &s->recording);
	err = trace_perfetto_write(out, &s->recording, s->cells, s->num_cells, lost, data.dropped);
	if (fclose(out) || err)
		return hvctl_reject(-EIO, s->why, sizeof(s->why), "writing %s failed",
				    s->opts.output);
	printf("%zu events written to %s; %llu records lost, %llu events dropped\n",
	       s->recording.num, s->opts.output, (unsigned long long)lost,
	       (unsigned long long)data.dropped);
	return 0;
}

static int run_record(struct session *s)
{
	struct bulkhead_trace_status status;
	int err = wait_until(s, 0);

	if (!err)
		err = trace_control_drain(&s->ctl, &status, s->why, sizeof(s->why));
	/* What the drain passed to the tracepoints, then what switching off drained. */
	if (!err)
		err = trace_bpf_poll(&s->bpf, 0, s->why, sizeof(s->why));
	trace_control_restore(&s->ctl);
	if (!err)
		err = trace_bpf_poll(&s->bpf, 0, s->why, sizeof(s->why));
	if (!err)
		err = write_recording(s, trace_control_lost(&s->ctl, &status));
	return err;
}

/* Layouts checked, programs attached, tracing on: then the command. */
static int run(struct session *s)
{
	char events_dir[256];
	unsigned int n;
	int err;

	err = trace_events_dir(events_dir, sizeof(events_dir), s->why, sizeof(s->why));
	for (n = 0; !err && n < trace_num_tracepoints; n++)
		err = trace_format_check(events_dir, &trace_tracepoints[n], s->why, sizeof(s->why));
	if (!err)
		err = trace_bpf_start(&s->bpf, s->opts.command == TRACE_CMD_RECORD ?
					       &s->recording : NULL, s->why, sizeof(s->why));
	if (err)
		return err;
	catch_signals();
	err = trace_control_start(&s->ctl, &s->opts, HVCTL_CELLS_DIR, s->why, sizeof(s->why));
	if (!err) {
		s->start_ns = now_ns();
		if (s->opts.command == TRACE_CMD_TOP)
			err = run_top(s);
		else if (s->opts.command == TRACE_CMD_HIST)
			err = run_hist(s);
		else
			err = run_record(s);
		trace_control_restore(&s->ctl);
	}
	trace_bpf_stop(&s->bpf);
	trace_recording_free(&s->recording);
	return err;
}

int main(int argc, char **argv)
{
	static struct session s = { .ctl.fd = -1 };
	int err;

	if (trace_parse_args(argc, argv, &s.opts, s.why, sizeof(s.why))) {
		fprintf(stderr, "bulkhead-trace: %s; see 'bulkhead-trace --help'\n", s.why);
		return HVCTL_EXIT_USAGE;
	}
	if (s.opts.help) {
		trace_usage(stdout);
		return EXIT_SUCCESS;
	}
	err = run(&s);
	if (!err)
		return EXIT_SUCCESS;
	fprintf(stderr, "bulkhead-trace: %s\n", s.why);
	return err == -ENODEV ? HVCTL_EXIT_NOT_ENABLED : EXIT_FAILURE;
}
