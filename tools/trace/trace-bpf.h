/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What bulkhead-trace's BPF programs (bulkhead-trace.bpf.c) and its user
 * space share: the keys and values of the maps and the records of the ring
 * buffer. Includers provide __u8 ... __u64.
 */
#ifndef _BULKHEAD_TRACE_BPF_H
#define _BULKHEAD_TRACE_BPF_H

/* What a histogram measures (trace_key.kind). */
#define TRACE_KIND_EXIT		0	/* exit cost; reason = BULKHEAD_EXIT_* */
#define TRACE_KIND_VIRQ		1	/* virq latency; reason = BULKHEAD_VIRQ_SOURCE_* */
#define TRACE_KIND_DOORBELL	2	/* root doorbell latency; cell = the ringer, reason 0 */
#define TRACE_KINDS		3

/* log2 buckets: 0 holds 0 ns, bucket b >= 1 holds [2^(b-1), 2^b - 1] ns. */
#define TRACE_BUCKETS		33

/* Keys of the per-CPU maps "hist" (bucket set) and "stats" (bucket 0). */
struct trace_key {
	__u16 cell;
	__u8 kind;
	__u8 reason;
	__u32 bucket;
};

/* The bucket of @ns: 1 + its highest set bit (a binary search of six steps). */
static inline __u32 trace_bucket(__u64 ns)
{
	__u32 bucket = 0;
	unsigned int shift;

	for (shift = 32; shift; shift >>= 1) {
		if (ns >> shift) {
			ns >>= shift;
			bucket += shift;
		}
	}
	bucket += (__u32)ns;
	return bucket < TRACE_BUCKETS ? bucket : TRACE_BUCKETS - 1;
}

struct trace_stat {
	__u64 count;
	__u64 sum_ns;
	__u64 max_ns;
};

/* trace_event.type: what `record` writes into the ring buffer. */
#define TRACE_EV_EXIT		1	/* value = duration_ns, detail, reason */
#define TRACE_EV_VIRQ		2	/* value = latency_ns, detail = INTID, reason = source */
#define TRACE_EV_CELL		3	/* reason = BULKHEAD_EVENT_*, detail, value = detail2 */
#define TRACE_EV_DOORBELL	4	/* value = result, channel, peer, peer_channel */
#define TRACE_EV_LOST		5	/* detail = records lost, value = first seq after (low 32) */
#define TRACE_EV_WAKE		6	/* root reader woke: value = latency_ns, cell rang channel */
#define TRACE_EV_SWITCH		7	/* the root's CPU switched to task pid/comm */

struct trace_event {
	__u64 time_ns;			/* CLOCK_MONOTONIC */
	__u64 detail;
	__u32 value;
	__u32 pid;
	__u16 cell;
	__u16 cpu;
	__u16 channel;
	__u16 peer;
	__u16 peer_channel;
	__u8 type;
	__u8 reason;
	char comm[16];
	/* No implicit padding: the programs pass it whole, initialised, to the ring buffer. */
	__u8 reserved[4];
};

#endif /* !_BULKHEAD_TRACE_BPF_H */
