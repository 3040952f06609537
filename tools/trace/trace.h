/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bulkhead-trace (Documentation/tracing.md): the driver's bulkhead:*
 * tracepoints through BPF programs, as a live table (top), histograms
 * (hist) or a Chrome trace-event file for Perfetto (record). One file per
 * concern: trace-cli.c the arguments, trace-format.c the tracefs layouts,
 * trace-control.c the driver's masks, trace-bpf-run.c the programs and
 * maps, trace-hist.c the histograms, trace-report.c the tables and JSON,
 * trace-perfetto.c the record file. Exit statuses as hvctl's.
 */
#ifndef _BULKHEAD_TRACE_TOOL_H
#define _BULKHEAD_TRACE_TOOL_H

#include "hvctl.h"
#include <bulkhead/trace.h>
#include "trace-bpf.h"

/* ----- trace-cli.c ----- */

enum trace_command {
	TRACE_CMD_TOP,
	TRACE_CMD_HIST,
	TRACE_CMD_RECORD,
};

#define TRACE_MAX_CELL_ARGS	BULKHEAD_MAX_CELLS

struct trace_opts {
	enum trace_command command;
	const char *cells[TRACE_MAX_CELL_ARGS];	/* --cell, as given; none: every cell */
	unsigned int num_cells;
	__u32 classes;				/* BULKHEAD_TRACE_CLASS_* */
	unsigned int interval_ms;		/* top's refresh */
	unsigned int duration_ms;		/* 0: until Ctrl-C */
	bool json;
	bool help;
	const char *output;			/* record's -o */
};

/*
 * Parse the command line into @opts. Returns 0, or -EINVAL with the
 * sentence naming the argument and its value in @why.
 */
int trace_parse_args(int argc, char **argv, struct trace_opts *opts, char *why, size_t len);
void trace_usage(FILE *out);

/* ----- trace-format.c ----- */

struct trace_field {
	const char *name;
	unsigned int offset;
	unsigned int size;
};

/* A tracepoint the programs attach to and the fields they read (bulkhead/trace-events.h). */
struct trace_tracepoint {
	const char *name;
	const struct trace_field *fields;
	unsigned int num_fields;
};

extern const struct trace_tracepoint trace_tracepoints[];
extern const unsigned int trace_num_tracepoints;

/*
 * The events/bulkhead directory of the mounted tracefs, into @dir. Returns
 * 0, or -ENOENT with the sentence in @why (tracefs not mounted, or no
 * bulkhead events: the module is not loaded).
 */
int trace_events_dir(char *dir, size_t size, char *why, size_t len);

/*
 * Compare @tp's fields with @events_dir/<name>/format. Returns 0, or
 * -ENOENT (no such event) / -EPROTO (a field missing, or at another offset
 * or size) with the sentence in @why.
 */
int trace_format_check(const char *events_dir, const struct trace_tracepoint *tp, char *why,
		       size_t len);

/* ----- trace-control.c ----- */

struct trace_target {
	__u32 cell;				/* an id, or BULKHEAD_TRACE_NEW_CELLS */
	__u32 previous;				/* its mask before, restored at the end */
};

struct trace_control {
	int fd;					/* /dev/bulkhead */
	struct trace_target targets[BULKHEAD_MAX_CELLS + 1];
	unsigned int num_targets;		/* set, restored in reverse */
	struct bulkhead_trace_status before;
};

/*
 * Open the device and set @opts' classes on its cells (every cell and the
 * cells created later when it names none). Returns 0; -ENODEV when the
 * hypervisor is not enabled; another negative errno with @why.
 */
int trace_control_start(struct trace_control *ctl, const struct trace_opts *opts,
			const char *cells_dir, char *why, size_t len);
/* Drain the rings into the tracepoints now; @status as the driver reports it after. */
int trace_control_drain(struct trace_control *ctl, struct bulkhead_trace_status *status,
			char *why, size_t len);
/* Give every cell set its previous mask back, close the device; again: nothing. */
void trace_control_restore(struct trace_control *ctl);
/* Whether @cell is one of those traced: named, or every cell when none was. */
bool trace_control_covers(const struct trace_control *ctl, unsigned int cell);
/* Records the rings lost since trace_control_start(), by @status. */
__u64 trace_control_lost(const struct trace_control *ctl, const struct bulkhead_trace_status *st);

/* ----- trace-hist.c ----- */

struct trace_hist {
	__u64 buckets[TRACE_BUCKETS];
	__u64 count;
	__u64 sum_ns;
	__u64 max_ns;
};

/* The lowest and highest value of bucket @b. */
__u64 trace_bucket_low(unsigned int b);
__u64 trace_bucket_high(unsigned int b);
/*
 * The @pct-th percentile (1..100): the upper end of the bucket it falls
 * in, never above the maximum seen; 0 when @h is empty.
 */
__u64 trace_hist_percentile(const struct trace_hist *h, unsigned int pct);
/* @now minus @before, bucket by bucket (max is @now's: a maximum cannot be subtracted). */
void trace_hist_delta(struct trace_hist *out, const struct trace_hist *now,
		      const struct trace_hist *before);

/* One histogram per (cell, kind, reason), sorted in that order. */
struct trace_series {
	__u16 cell;
	__u8 kind;
	__u8 reason;
	struct trace_hist hist;
};

struct trace_data {
	struct trace_series *series;
	unsigned int num, cap;
	__u64 lost;				/* hv_lost records, plus the rings' own count */
	__u64 dropped;				/* record: events the BPF ring buffer had no room for */
};

/* The series of (@cell, @kind, @reason), added empty if new; NULL if out of memory. */
struct trace_series *trace_data_series(struct trace_data *d, __u16 cell, __u8 kind, __u8 reason);
/* The series of (@cell, @kind, @reason) or NULL. */
const struct trace_series *trace_data_find(const struct trace_data *d, __u16 cell, __u8 kind,
					   __u8 reason);
void trace_data_free(struct trace_data *d);

/* ----- trace-report.c ----- */

/* The name of @cell among @cells (or "" if it is gone). */
const char *trace_cell_name(const struct hvctl_cell *cells, int num_cells, unsigned int cell);
const char *trace_exit_name(unsigned int reason);
const char *trace_virq_source_name(unsigned int source);

/* hist: every series as a log2 histogram, or as one JSON document. */
void trace_print_hist(FILE *out, const struct trace_data *d, const struct hvctl_cell *cells,
		      int num_cells, __u64 duration_ns, bool json);
/* top: one row per cell, rates over @interval_ns from @before to @now. */
void trace_print_top(FILE *out, const struct trace_data *now, const struct trace_data *before,
		     const struct hvctl_cell *cells, int num_cells, __u64 interval_ns, bool json);

/* ----- trace-perfetto.c ----- */

struct trace_recording {
	struct trace_event *events;
	size_t num, cap;
};

int trace_recording_add(struct trace_recording *rec, const struct trace_event *ev);
/*
 * Write @rec as Chrome trace-event JSON (ui.perfetto.dev, chrome://tracing):
 * events sorted by time, a track per hypervisor CPU, per cell and per root
 * CPU, each named. Returns 0 or -EIO (the stream failed).
 */
int trace_perfetto_write(FILE *out, struct trace_recording *rec, const struct hvctl_cell *cells,
			 int num_cells, __u64 lost, __u64 dropped);
void trace_recording_free(struct trace_recording *rec);

/* ----- trace-bpf-run.c ----- */

struct bulkhead_trace_bpf;
struct ring_buffer;

struct trace_bpf {
	struct bulkhead_trace_bpf *skel;
	struct ring_buffer *ring;
	struct trace_recording *recording;
};

/* Load and attach the programs (record: the ring buffer and sched_switch too). */
int trace_bpf_start(struct trace_bpf *bpf, struct trace_recording *recording, char *why,
		    size_t len);
/* The maps' histograms and the lost counts into @d (emptied first). */
int trace_bpf_collect(struct trace_bpf *bpf, struct trace_data *d, char *why, size_t len);
/* record: take what the ring buffer holds, waiting up to @timeout_ms. */
int trace_bpf_poll(struct trace_bpf *bpf, int timeout_ms, char *why, size_t len);
void trace_bpf_stop(struct trace_bpf *bpf);

#endif /* !_BULKHEAD_TRACE_TOOL_H */
