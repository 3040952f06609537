// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: the BPF programs (bulkhead-trace.bpf.c through its
 * skeleton) loaded, attached and read: the per-CPU maps summed into
 * histograms, the ring buffer's events into the recording.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "trace.h"
#include "bulkhead-trace.skel.h"

/* libbpf's own messages: warnings and errors only, with our prefix. */
static int print_libbpf(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG || level == LIBBPF_INFO)
		return 0;
	fputs("bulkhead-trace: libbpf: ", stderr);
	return vfprintf(stderr, fmt, args);
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct trace_recording *rec = ctx;

	if (size < sizeof(struct trace_event))
		return 0;
	return trace_recording_add(rec, data);
}

int trace_bpf_start(struct trace_bpf *bpf, struct trace_recording *recording, char *why,
		    size_t len)
{
	struct bulkhead_trace_bpf *skel;
	int err;

	memset(bpf, 0, sizeof(*bpf));
	libbpf_set_print(print_libbpf);
	skel = bulkhead_trace_bpf__open();
	if (!skel)
		return hvctl_reject(-errno, why, len, "cannot open the BPF programs: %s",
				    strerror(errno));
	bpf->skel = skel;
	skel->rodata->record_events = recording != NULL;
	/* The scheduler is followed, and the ring buffer filled, for record only. */
	bpf_program__set_autoload(skel->progs.on_sched_switch, recording != NULL);
	if (!recording)
		bpf_map__set_max_entries(skel->maps.events, (__u32)sysconf(_SC_PAGESIZE));
	err = bulkhead_trace_bpf__load(skel);
	if (err) {
		trace_bpf_stop(bpf);
		return hvctl_reject(err, why, len, "cannot load the BPF programs: %s (the kernel's "
				    "BTF, /sys/kernel/btf/vmlinux, is needed; run as root)",
				    strerror(-err));
	}
	err = bulkhead_trace_bpf__attach(skel);
	if (err) {
		trace_bpf_stop(bpf);
		return hvctl_reject(err, why, len, "cannot attach the BPF programs to the "
				    "bulkhead tracepoints: %s", strerror(-err));
	}
	if (!recording)
		return 0;
	bpf->recording = recording;
	bpf->ring = ring_buffer__new(bpf_map__fd(skel->maps.events), on_event, recording, NULL);
	if (!bpf->ring) {
		err = -errno;
		trace_bpf_stop(bpf);
		return hvctl_reject(err, why, len, "cannot read the BPF ring buffer: %s",
				    strerror(-err));
	}
	return 0;
}

/* Sum one per-CPU map into @d: the counts of "hist" or the totals of "stats". */
static int collect_map(struct bpf_map *map, bool stats, struct trace_data *d, char *why,
		       size_t len)
{
	int cpus = libbpf_num_possible_cpus(), fd = bpf_map__fd(map), err, cpu;
	struct trace_key key, *prev = NULL;
	struct trace_series *s;
	size_t size = stats ? sizeof(struct trace_stat) : sizeof(__u64);
	void *values;

	if (cpus < 0)
		return hvctl_reject(cpus, why, len, "cannot count the possible CPUs");
	values = calloc((size_t)cpus, size);
	if (!values)
		return hvctl_reject(-ENOMEM, why, len, "out of memory");
	while (!bpf_map_get_next_key(fd, prev, &key)) {
		prev = &key;
		err = bpf_map_lookup_elem(fd, &key, values);
		if (err == -ENOENT)
			continue;
		s = err ? NULL : trace_data_series(d, key.cell, key.kind, key.reason);
		if (!s) {
			free(values);
			return hvctl_reject(err ? err : -ENOMEM, why, len,
					    "cannot read BPF map %s: %s", bpf_map__name(map),
					    strerror(err ? -err : ENOMEM));
		}
		for (cpu = 0; cpu < cpus; cpu++) {
			const struct trace_stat *st = (const struct trace_stat *)values + cpu;

			if (!stats) {
				s->hist.buckets[key.bucket % TRACE_BUCKETS] += ((__u64 *)values)[cpu];
				continue;
			}
			s->hist.count += st->count;
			s->hist.sum_ns += st->sum_ns;
			if (st->max_ns > s->hist.max_ns)
				s->hist.max_ns = st->max_ns;
		}
	}
	free(values);
	return 0;
}

int trace_bpf_collect(struct trace_bpf *bpf, struct trace_data *d, char *why, size_t len)
{
	int err;

	d->num = 0;
	err = collect_map(bpf->skel->maps.stats, true, d, why, len);
	if (!err)
		err = collect_map(bpf->skel->maps.hist, false, d, why, len);
	d->dropped = bpf->skel->bss->dropped_events;
	return err;
}

int trace_bpf_poll(struct trace_bpf *bpf, int timeout_ms, char *why, size_t len)
{
	int err = ring_buffer__poll(bpf->ring, timeout_ms);

	if (err == -EINTR || err >= 0)
		return 0;
	return hvctl_reject(err, why, len, "reading the BPF ring buffer: %s", strerror(-err));
}

void trace_bpf_stop(struct trace_bpf *bpf)
{
	ring_buffer__free(bpf->ring);
	bulkhead_trace_bpf__destroy(bpf->skel);
	memset(bpf, 0, sizeof(*bpf));
}
