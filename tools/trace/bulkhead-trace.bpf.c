// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace's BPF programs: the driver's bulkhead:* tracepoints fill
 * per-CPU histograms and counters (top, hist) or, for record, a ring buffer
 * carrying every event; record also follows the root's scheduler.
 * The tracepoint records are read through the structs of
 * bulkhead/trace-events.h, whose offsets user space checks against tracefs
 * before it attaches anything.
 */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include <bulkhead/trace.h>
#include <bulkhead/trace-events.h>
#include "trace-bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by user space before load. */
const volatile bool record_events;

/* record: events the ring buffer had no room for. */
__u64 dropped_events;

#define MAX_KEYS	4096

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, MAX_KEYS);
	__type(key, struct trace_key);
	__type(value, __u64);
} hist SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, MAX_KEYS);
	__type(key, struct trace_key);
	__type(value, struct trace_stat);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);
} events SEC(".maps");

/*
 * Only the fields record reads; the kernel's BTF says where they are
 * (CO-RE: libbpf relocates the offsets against the running kernel at load).
 */
struct task_struct {
	int pid;
	char comm[16];
} __attribute__((preserve_access_index));

static __always_inline void count_value(__u16 cell, __u8 kind, __u8 reason, __u64 ns)
{
	struct trace_key key = { .cell = cell, .kind = kind, .reason = reason };
	struct trace_stat *stat, new_stat = { 1, ns, ns };
	__u64 *count, one = 1;

	stat = bpf_map_lookup_elem(&stats, &key);
	if (stat) {
		stat->count++;
		stat->sum_ns += ns;
		if (ns > stat->max_ns)
			stat->max_ns = ns;
	} else {
		bpf_map_update_elem(&stats, &key, &new_stat, BPF_NOEXIST);
	}
	key.bucket = trace_bucket(ns);
	count = bpf_map_lookup_elem(&hist, &key);
	if (count)
		(*count)++;
	else
		bpf_map_update_elem(&hist, &key, &one, BPF_NOEXIST);
}

/* record: @ev into the ring buffer, or counted as dropped when it is full. */
static __always_inline void record(struct trace_event *ev)
{
	if (bpf_ringbuf_output(&events, ev, sizeof(*ev), 0))
		__sync_fetch_and_add(&dropped_events, 1);
}

SEC("tracepoint/bulkhead/hv_exit")
int on_hv_exit(struct bulkhead_tp_hv_exit *tp)
{
	struct trace_event ev = { .type = TRACE_EV_EXIT, .time_ns = tp->time_ns,
				  .cell = tp->cell, .cpu = tp->cpu, .reason = tp->reason,
				  .detail = tp->detail, .value = tp->duration_ns };

	if (record_events)
		record(&ev);
	else
		count_value(tp->cell, TRACE_KIND_EXIT, tp->reason, tp->duration_ns);
	return 0;
}

SEC("tracepoint/bulkhead/hv_virq")
int on_hv_virq(struct bulkhead_tp_hv_virq *tp)
{
	struct trace_event ev = { .type = TRACE_EV_VIRQ, .time_ns = tp->time_ns,
				  .cell = tp->cell, .cpu = tp->cpu, .reason = tp->source,
				  .detail = tp->intid, .value = tp->latency_ns };

	if (record_events)
		record(&ev);
	else
		count_value(tp->cell, TRACE_KIND_VIRQ, tp->source, tp->latency_ns);
	return 0;
}

/* State changes and doorbells have no histogram: record only. */
SEC("tracepoint/bulkhead/hv_cell")
int on_hv_cell(struct bulkhead_tp_hv_cell *tp)
{
	struct trace_event ev = { .type = TRACE_EV_CELL, .time_ns = tp->time_ns,
				  .cell = tp->cell, .cpu = tp->cpu, .reason = tp->event,
				  .detail = tp->detail, .value = tp->detail2 };

	if (record_events)
		record(&ev);
	return 0;
}

SEC("tracepoint/bulkhead/hv_doorbell")
int on_hv_doorbell(struct bulkhead_tp_hv_doorbell *tp)
{
	struct trace_event ev = { .type = TRACE_EV_DOORBELL, .time_ns = tp->time_ns,
				  .cell = tp->cell, .cpu = tp->cpu, .value = tp->result,
				  .channel = tp->channel, .peer = tp->peer,
				  .peer_channel = tp->peer_channel };

	if (record_events)
		record(&ev);
	return 0;
}

/* top and hist take the count of lost records from the driver's status. */
SEC("tracepoint/bulkhead/hv_lost")
int on_hv_lost(struct bulkhead_tp_hv_lost *tp)
{
	struct trace_event ev = { .type = TRACE_EV_LOST, .time_ns = bpf_ktime_get_ns(),
				  .cpu = tp->cpu, .detail = tp->lost, .value = tp->seq };

	if (record_events)
		record(&ev);
	return 0;
}

SEC("tracepoint/bulkhead/drv_doorbell_wake")
int on_drv_doorbell_wake(struct bulkhead_tp_drv_doorbell_wake *tp)
{
	__u64 latency = tp->latency_ns;
	struct trace_event ev = { .type = TRACE_EV_WAKE, .time_ns = bpf_ktime_get_ns(),
				  .cell = tp->cell, .cpu = bpf_get_smp_processor_id(),
				  .channel = tp->channel,
				  .value = latency > 0xffffffffULL ? 0xffffffffU : latency };

	if (record_events)
		record(&ev);
	else
		count_value(tp->cell, TRACE_KIND_DOORBELL, 0, latency);
	return 0;
}

/* Loaded for record only: what the root ran on each of its CPUs. */
SEC("tp_btf/sched_switch")
int BPF_PROG(on_sched_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct trace_event ev = { .type = TRACE_EV_SWITCH, .time_ns = bpf_ktime_get_ns(),
				  .cpu = bpf_get_smp_processor_id() };

	ev.pid = BPF_CORE_READ(next, pid);
	BPF_CORE_READ_STR_INTO(&ev.comm, next, comm);
	record(&ev);
	return 0;
}
