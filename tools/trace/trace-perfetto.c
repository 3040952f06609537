// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace record: the events, sorted by time, as Chrome trace-event
 * JSON, which https://ui.perfetto.dev and chrome://tracing open. Three
 * processes hold the tracks: the hypervisor's CPUs (each exit a slice
 * named by its reason), the cells (state changes, doorbells, virqs with
 * their latency) and the root's CPUs (the tasks Linux ran, from
 * sched_switch). Times are in microseconds from the first event, with
 * nanosecond decimals. No device here: the unit tests include this file.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

#define PID_HYPERVISOR	1
#define PID_CELLS	2
#define PID_ROOT	3
/* Thread ids apart per process, so that no viewer can mix two tracks up. */
#define TID_HV_CPU	1000
#define TID_CELL	2000
#define TID_ROOT_CPU	100000

int trace_recording_add(struct trace_recording *rec, const struct trace_event *ev)
{
	struct trace_event *events;

	if (rec->num == rec->cap) {
		size_t cap = rec->cap ? 2 * rec->cap : 4096;

		events = realloc(rec->events, cap * sizeof(*events));
		if (!events)
			return -ENOMEM;
		rec->events = events;
		rec->cap = cap;
	}
	rec->events[rec->num++] = *ev;
	return 0;
}

void trace_recording_free(struct trace_recording *rec)
{
	free(rec->events);
	memset(rec, 0, sizeof(*rec));
}

static int by_time(const void *a, const void *b)
{
	const struct trace_event *x = a, *y = b;

	if (x->time_ns != y->time_ns)
		return x->time_ns < y->time_ns ? -1 : 1;
	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return x->type < y->type ? -1 : x->type > y->type;
}

/*
 * A task runs from its switch to the next one on that CPU, or to the end of
 * the recording: that length into detail, which switches do not use.
 */
static void switch_lengths(struct trace_recording *rec)
{
	__u64 next[BULKHEAD_MAX_CPUS], end = rec->num ? rec->events[rec->num - 1].time_ns : 0;
	struct trace_event *ev;
	size_t n;

	for (n = 0; n < BULKHEAD_MAX_CPUS; n++)
		next[n] = end;
	for (n = rec->num; n--;) {
		ev = &rec->events[n];
		if (ev->type != TRACE_EV_SWITCH || ev->cpu >= BULKHEAD_MAX_CPUS)
			continue;
		ev->detail = next[ev->cpu] - ev->time_ns;
		next[ev->cpu] = ev->time_ns;
	}
}

struct writer {
	FILE *out;
	__u64 start_ns;
	const char *sep;
	const struct hvctl_cell *cells;
	int num_cells;
};

static void begin(struct writer *w, const char *ph, int pid, unsigned int tid)
{
	fprintf(w->out, "%s\n{\"ph\": \"%s\", \"pid\": %d, \"tid\": %u", w->sep, ph, pid, tid);
	w->sep = ",";
}

static void timestamp(struct writer *w, const char *key, __u64 ns)
{
	fprintf(w->out, ", \"%s\": %" PRIu64 ".%03" PRIu64, key, (uint64_t)(ns / 1000),
		(uint64_t)(ns % 1000));
}

static void name_track(struct writer *w, const char *what, int pid, unsigned int tid,
		       const char *name)
{
	begin(w, "M", pid, tid);
	fprintf(w->out, ", \"name\": \"%s\", \"args\": {\"name\": ", what);
	hvctl_json_string(w->out, name, strlen(name));
	fputs("}}", w->out);
}

static void cell_track_name(struct writer *w, unsigned int cell)
{
	const char *name = trace_cell_name(w->cells, w->num_cells, cell);
	char text[64];

	snprintf(text, sizeof(text), "cell %u %s", cell, name);
	name_track(w, "thread_name", PID_CELLS, TID_CELL + cell, text);
}

/* The tracks that have events, and every listed cell's, each named. */
static void name_tracks(struct writer *w, const struct trace_recording *rec)
{
	bool hv_cpu[BULKHEAD_MAX_CPUS] = { false }, root_cpu[BULKHEAD_MAX_CPUS] = { false };
	bool cell_seen[BULKHEAD_TRACE_NEW_CELLS] = { false };
	const struct trace_event *ev;
	char text[32];
	size_t n;
	int c;

	for (n = 0; n < rec->num; n++) {
		ev = &rec->events[n];
		if (ev->cpu >= BULKHEAD_MAX_CPUS)
			continue;
		if (ev->type == TRACE_EV_SWITCH)
			root_cpu[ev->cpu] = true;
		else if (ev->type == TRACE_EV_EXIT || ev->type == TRACE_EV_LOST)
			hv_cpu[ev->cpu] = true;
		else
			cell_seen[ev->cell] = true;
	}
	for (c = 0; c < w->num_cells; c++)
		cell_seen[w->cells[c].id % BULKHEAD_TRACE_NEW_CELLS] = true;
	name_track(w, "process_name", PID_HYPERVISOR, 0, "Bulkhead hypervisor CPUs");
	name_track(w, "process_name", PID_CELLS, 0, "Bulkhead cells");
	name_track(w, "process_name", PID_ROOT, 0, "Root cell Linux tasks");
	for (c = 0; c < BULKHEAD_MAX_CPUS; c++) {
		snprintf(text, sizeof(text), "CPU %d", c);
		if (hv_cpu[c])
			name_track(w, "thread_name", PID_HYPERVISOR, TID_HV_CPU + (unsigned int)c,
				   text);
		if (root_cpu[c])
			name_track(w, "thread_name", PID_ROOT, TID_ROOT_CPU + (unsigned int)c, text);
	}
	for (c = 0; c < BULKHEAD_TRACE_NEW_CELLS; c++)
		if (cell_seen[c])
			cell_track_name(w, (unsigned int)c);
}

/* An instant event on cell @cell's track; the caller adds ", \"args\": {...}}". */
static void cell_instant(struct writer *w, const struct trace_event *ev, unsigned int cell,
			 const char *name)
{
	begin(w, "i", PID_CELLS, TID_CELL + cell);
	timestamp(w, "ts", ev->time_ns - w->start_ns);
	fprintf(w->out, ", \"s\": \"t\", \"name\": ");
	hvctl_json_string(w->out, name, strlen(name));
}

static void write_exit(struct writer *w, const struct trace_event *ev)
{
	begin(w, "X", PID_HYPERVISOR, TID_HV_CPU + ev->cpu);
	timestamp(w, "ts", ev->time_ns - w->start_ns);
	timestamp(w, "dur", ev->value);
	fprintf(w->out, ", \"name\": \"%s\", \"cat\": \"exit\", \"args\": {\"cell\": %u, "
		"\"detail\": \"0x%" PRIx64 "\"}}", trace_exit_name(ev->reason), ev->cell,
		(uint64_t)ev->detail);
}

static void write_virq(struct writer *w, const struct trace_event *ev)
{
	char name[32];

	snprintf(name, sizeof(name), "virq %" PRIu64, (uint64_t)ev->detail);
	cell_instant(w, ev, ev->cell, name);
	fprintf(w->out, ", \"cat\": \"virq\", \"args\": {\"latency_ns\": %u, \"cpu\": %u, "
		"\"source\": \"%s\"}}", ev->value, ev->cpu, trace_virq_source_name(ev->reason));
	begin(w, "C", PID_CELLS, TID_CELL + ev->cell);
	timestamp(w, "ts", ev->time_ns - w->start_ns);
	fprintf(w->out, ", \"name\": \"cell %u virq latency\", \"args\": {\"ns\": %u}}", ev->cell,
		ev->value);
}

static void write_cell_event(struct writer *w, const struct trace_event *ev)
{
	const char *word = hvctl_event_word(ev->reason);
	char name[32];

	snprintf(name, sizeof(name), "%s", word ? word : "event");
	cell_instant(w, ev, ev->cell, name);
	fprintf(w->out, ", \"cat\": \"state\", \"args\": {\"event\": %u, \"detail\": %" PRIu64
		", \"detail2\": %u, \"cpu\": %u}}", ev->reason, (uint64_t)ev->detail, ev->value,
		ev->cpu);
}

static void write_doorbell(struct writer *w, const struct trace_event *ev)
{
	char name[40];

	snprintf(name, sizeof(name), "doorbell to cell %u", ev->peer);
	cell_instant(w, ev, ev->cell, name);
	fprintf(w->out, ", \"cat\": \"doorbell\", \"args\": {\"channel\": %u, \"peer\": %u, "
		"\"peer_channel\": %u, \"result\": %d, \"cpu\": %u}}", ev->channel, ev->peer,
		ev->peer_channel, (__s32)ev->value, ev->cpu);
}

static void write_wake(struct writer *w, const struct trace_event *ev)
{
	char name[48];

	snprintf(name, sizeof(name), "doorbell from cell %u: reader woke", ev->cell);
	cell_instant(w, ev, 0, name);
	fprintf(w->out, ", \"cat\": \"doorbell\", \"args\": {\"latency_ns\": %u, \"cell\": %u, "
		"\"channel\": %u, \"cpu\": %u}}", ev->value, ev->cell, ev->channel, ev->cpu);
}

static void write_lost(struct writer *w, const struct trace_event *ev)
{
	begin(w, "i", PID_HYPERVISOR, TID_HV_CPU + ev->cpu);
	timestamp(w, "ts", ev->time_ns - w->start_ns);
	fprintf(w->out, ", \"s\": \"t\", \"name\": \"lost %" PRIu64 " records\", \"cat\": "
		"\"lost\", \"args\": {\"lost\": %" PRIu64 ", \"next_seq\": %u}}",
		(uint64_t)ev->detail, (uint64_t)ev->detail, ev->value);
}

static void write_switch(struct writer *w, const struct trace_event *ev)
{
	begin(w, "X", PID_ROOT, TID_ROOT_CPU + ev->cpu);
	timestamp(w, "ts", ev->time_ns - w->start_ns);
	timestamp(w, "dur", ev->detail);
	fputs(", \"cat\": \"sched\", \"name\": ", w->out);
	hvctl_json_string(w->out, ev->comm, sizeof(ev->comm));
	fprintf(w->out, ", \"args\": {\"pid\": %u}}", ev->pid);
}

int trace_perfetto_write(FILE *out, struct trace_recording *rec, const struct hvctl_cell *cells,
			 int num_cells, __u64 lost, __u64 dropped)
{
	struct writer w = { .out = out, .sep = "", .cells = cells, .num_cells = num_cells };
	const struct trace_event *ev;
	size_t n;

	qsort(rec->events, rec->num, sizeof(*rec->events), by_time);
	switch_lengths(rec);
	w.start_ns = rec->num ? rec->events[0].time_ns : 0;
	fprintf(out, "{\"displayTimeUnit\": \"ns\", \"otherData\": {\"start_ns\": %" PRIu64
		", \"lost_records\": %" PRIu64 ", \"dropped_events\": %" PRIu64 "},\n"
		"\"traceEvents\": [", (uint64_t)w.start_ns, (uint64_t)lost, (uint64_t)dropped);
	name_tracks(&w, rec);
	for (n = 0; n < rec->num; n++) {
		ev = &rec->events[n];
		if (ev->cpu >= BULKHEAD_MAX_CPUS)
			continue;
		switch (ev->type) {
		case TRACE_EV_EXIT:
			write_exit(&w, ev);
			break;
		case TRACE_EV_VIRQ:
			write_virq(&w, ev);
			break;
		case TRACE_EV_CELL:
			write_cell_event(&w, ev);
			break;
		case TRACE_EV_DOORBELL:
			write_doorbell(&w, ev);
			break;
		case TRACE_EV_WAKE:
			write_wake(&w, ev);
			break;
		case TRACE_EV_LOST:
			write_lost(&w, ev);
			break;
		case TRACE_EV_SWITCH:
			write_switch(&w, ev);
			break;
		}
	}
	fputs("\n]}\n", out);
	return fflush(out) || ferror(out) ? -EIO : 0;
}
