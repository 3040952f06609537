/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The driver's Linux tracepoints (tracefs events/bulkhead/), as a program
 * attached to one sees its record: the common header, then these fields in
 * this order. driver/trace.h declares them with TRACE_EVENT() in the same
 * order; bulkhead-trace checks each format file against these offsets before
 * it attaches, so a mismatch is an error, never a misread.
 *
 * hv_* come from the hypervisor's rings (bulkhead/trace.h), which the driver
 * drains while tracing is on: they reach Linux late, by up to the drain
 * period, and carry the time they happened. Every time_ns is in the clock of
 * bpf_ktime_get_ns() and ktime_get_ns() (CLOCK_MONOTONIC), converted from
 * the counter. drv_* the driver emits as things happen.
 */
#ifndef _BULKHEAD_TRACE_EVENTS_H
#define _BULKHEAD_TRACE_EVENTS_H

/* What every tracepoint record starts with (struct trace_entry). */
struct bulkhead_tp_common {
	__u16 type;
	__u8 flags;
	__u8 preempt_count;
	__s32 pid;
};

/* bulkhead:hv_exit (BULKHEAD_TRACE_EXIT) */
struct bulkhead_tp_hv_exit {
	struct bulkhead_tp_common common;
	__u64 time_ns;		/* the exit's start */
	__u64 detail;
	__u32 duration_ns;
	__u16 cell;
	__u16 cpu;		/* hypervisor CPU id (= Linux's logical CPU id) */
	__u8 reason;		/* BULKHEAD_EXIT_* */
};

/* bulkhead:hv_virq (BULKHEAD_TRACE_VIRQ) */
struct bulkhead_tp_hv_virq {
	struct bulkhead_tp_common common;
	__u64 time_ns;		/* the guest resumed with it */
	__u32 latency_ns;
	__u32 intid;
	__u16 cell;
	__u16 cpu;
	__u8 source;		/* BULKHEAD_VIRQ_SOURCE_* */
};

/* bulkhead:hv_cell (BULKHEAD_TRACE_CELL_EVENT) */
struct bulkhead_tp_hv_cell {
	struct bulkhead_tp_common common;
	__u64 time_ns;
	__u64 detail;
	__u32 detail2;
	__u16 cell;
	__u16 cpu;
	__u8 event;		/* BULKHEAD_EVENT_* */
};

/* bulkhead:hv_doorbell (BULKHEAD_TRACE_DOORBELL) */
struct bulkhead_tp_hv_doorbell {
	struct bulkhead_tp_common common;
	__u64 time_ns;		/* the ring */
	__s32 result;		/* 0, or the negated errno the ringer got */
	__u16 cell;		/* the ringer */
	__u16 cpu;
	__u16 channel;		/* the ringer's channel index */
	__u16 peer;		/* cell id of the other side */
	__u16 peer_channel;	/* the channel's index in the peer's config */
};

/* bulkhead:hv_lost: records of a CPU's ring overwritten before the driver read them. */
struct bulkhead_tp_hv_lost {
	struct bulkhead_tp_common common;
	__u64 lost;
	__u64 seq;		/* the first record read after the gap */
	__u16 cpu;
};

/* bulkhead:drv_ioctl: one ioctl on /dev/bulkhead, when it returns. */
struct bulkhead_tp_drv_ioctl {
	struct bulkhead_tp_common common;
	__u64 duration_ns;
	__u32 cmd;
	__s32 result;
	__s32 cell;		/* the cell it named, or -1 */
};

/* bulkhead:drv_hotplug: a step of taking a CPU from the root or giving it back. */
struct bulkhead_tp_drv_hotplug {
	struct bulkhead_tp_common common;
	__s32 result;
	__u16 cpu;
	/* The cell that takes it, or gave it back; BULKHEAD_TRACE_NEW_CELLS at create (no id yet). */
	__u16 cell;
	__u8 step;		/* BULKHEAD_HOTPLUG_* */
};

#define BULKHEAD_HOTPLUG_OFFLINE_BEGIN	1	/* the root starts to give it up */
#define BULKHEAD_HOTPLUG_OFFLINE_END	2	/* Linux has offlined it (result) */
#define BULKHEAD_HOTPLUG_ONLINE_BEGIN	3	/* back from a cell: Linux brings it up */
#define BULKHEAD_HOTPLUG_ONLINE_END	4

/* bulkhead:drv_doorbell: a doorbell interrupt reached the root. */
struct bulkhead_tp_drv_doorbell {
	struct bulkhead_tp_common common;
	__u16 cell;		/* the cell that rang */
	__u16 channel;		/* the root's channel index */
};

/* bulkhead:drv_doorbell_wake: a reader of that channel is back from its wait. */
struct bulkhead_tp_drv_doorbell_wake {
	struct bulkhead_tp_common common;
	__u64 latency_ns;	/* since the interrupt */
	__u16 cell;
	__u16 channel;
};

/* bulkhead:drv_cell: the driver's side of a cell's life. */
struct bulkhead_tp_drv_cell {
	struct bulkhead_tp_common common;
	__s32 result;
	__u16 cell;		/* BULKHEAD_TRACE_NEW_CELLS: a create that failed */
	__u8 op;		/* BULKHEAD_CELL_OP_* */
};

#define BULKHEAD_CELL_OP_CREATE		1
#define BULKHEAD_CELL_OP_LOAD		2
#define BULKHEAD_CELL_OP_START		3
#define BULKHEAD_CELL_OP_SHUTDOWN	4
#define BULKHEAD_CELL_OP_DESTROY	5
#define BULKHEAD_CELL_OP_UPDATE		6

#endif /* !_BULKHEAD_TRACE_EVENTS_H */
