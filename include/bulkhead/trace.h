/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hypervisor's trace, shared by hypervisor, driver and tools.
 *
 * Each CPU writes what happens on it into a ring of its own, which the root
 * may read where it lies (mapped read-only into the root cell, like the
 * consoles) and nobody else sees. What a CPU writes is chosen per cell and
 * per class of event (BULKHEAD_TRACE_CLASS_*): a cell's mask says which of
 * its events are kept. Exits, interrupt injections and doorbells are
 * recorded only on the CPUs of cells that trace them, whose exception
 * vectors the hypervisor switches to traced ones: a cell traced by no one
 * runs through exactly the code it would without tracing.
 *
 * A ring never waits for its reader: the newest record overwrites the
 * oldest. The reader notices from the numbers (seq) what it lost. Includers
 * provide __u8 ... __u64, as for bulkhead/config.h.
 *
 * Times are ticks of the system counter (CNTPCT on arm64, the TSC on x86),
 * which every cell, the root included, reads with no offset.
 */
#ifndef _BULKHEAD_TRACE_H
#define _BULKHEAD_TRACE_H

/*
 * BULKHEAD_HC_TRACE (root cell only): x1 = BULKHEAD_TRACE_OP_* in bits 7:0,
 * its argument (a cell id, a CPU id) in bits 31:16; x2 as the operation says.
 */
/*
 * x2 = pages of records per CPU (1..BULKHEAD_TRACE_MAX_PAGES), besides the
 * ring's header page: allocates the rings from the hypervisor's pool, zeroed,
 * and maps them read-only into the root. Again with the same size: 0; with
 * another while any exists: -EBUSY. -ENOMEM: the pool cannot hold them.
 */
#define BULKHEAD_TRACE_OP_SETUP		1
/*
 * Argument = cell id, or BULKHEAD_TRACE_NEW_CELLS for the mask that cells
 * created from now on start with; x2 = BULKHEAD_TRACE_CLASS_* bits (0: off).
 * -ENODEV: no rings (SETUP first). -ENOENT: no such cell. The cell's own CPUs
 * take up the change at once (they are kicked), the root's at their next
 * BULKHEAD_TRACE_OP_SYNC.
 */
#define BULKHEAD_TRACE_OP_SET		2
/* The calling CPU of the root cell takes up the root's mask. x2 = 0. */
#define BULKHEAD_TRACE_OP_SYNC		3
/* Argument as for SET (or a CPU for the RING_* items); x2 = BULKHEAD_TRACE_INFO_*. */
#define BULKHEAD_TRACE_OP_INFO		4
/*
 * Unmaps the rings from the root and returns them to the pool. -EBUSY while
 * any cell (or NEW_CELLS) has a mask, or a root CPU has not synced to 0.
 */
#define BULKHEAD_TRACE_OP_RELEASE	5

#define BULKHEAD_TRACE_NEW_CELLS	0xffff
#define BULKHEAD_TRACE_MAX_PAGES	1024

/* BULKHEAD_TRACE_OP_INFO items */
#define BULKHEAD_TRACE_INFO_PAGES	0	/* record pages per CPU; 0 before SETUP */
#define BULKHEAD_TRACE_INFO_RING	1	/* argument = CPU: physical address of its ring */
#define BULKHEAD_TRACE_INFO_MASK	2	/* argument = cell id or NEW_CELLS */
#define BULKHEAD_TRACE_INFO_COUNTER_HZ	3	/* ticks of the counter per second */

/* Classes: bits of a cell's mask. */
/* Every exit of its CPUs to the hypervisor: why, and how long it stayed. */
#define BULKHEAD_TRACE_CLASS_EXIT	0x01
/* Each virtual interrupt put before its CPUs: which, and how late. */
#define BULKHEAD_TRACE_CLASS_VIRQ	0x02
/* Created, started, stopped, destroyed, updated (BULKHEAD_EVENT_*). */
#define BULKHEAD_TRACE_CLASS_STATE	0x04
/* Each doorbell it rang, by the ringing CPU. */
#define BULKHEAD_TRACE_CLASS_DOORBELL	0x08
/* Faults, watchdog expiries, restarts, give-ups, refused images. */
#define BULKHEAD_TRACE_CLASS_HEALTH	0x10
#define BULKHEAD_TRACE_CLASS_ALL	0x1f

/* bulkhead_trace_record.type; time, detail, value and reason as noted. */
/*
 * time = exit's start, value = ticks until the guest resumed (or the CPU
 * stopped), reason = BULKHEAD_EXIT_*, detail as the reason says.
 */
#define BULKHEAD_TRACE_EXIT		1
/*
 * time = when the guest resumed with it in a list register, detail = INTID,
 * value = ticks since its source (reason = BULKHEAD_VIRQ_SOURCE_*).
 */
#define BULKHEAD_TRACE_VIRQ		2
/*
 * A cell event (bulkhead/event.h): reason = BULKHEAD_EVENT_*, detail and
 * value = the event's detail and detail2 (the low 32 bits).
 */
#define BULKHEAD_TRACE_CELL_EVENT	3
/*
 * time = the ring, reason = the ringer's channel index, detail = peer cell
 * id | peer's channel index << 16 | (u32)result << 32 (0, or a negated
 * errno as BULKHEAD_HC_CHANNEL_RING returns it).
 */
#define BULKHEAD_TRACE_DOORBELL		4

/*
 * BULKHEAD_TRACE_EXIT reasons; detail as below (the terms are arm64's; a
 * port maps its exits onto these reasons, Documentation/porting.md):
 */
#define BULKHEAD_EXIT_HYPERCALL		1	/* Bulkhead's own call: its code | x1 << 32 (low 32 bits) */
#define BULKHEAD_EXIT_PSCI		2	/* SMCCC function id (HVC or SMC) */
#define BULKHEAD_EXIT_SMCCC		3	/* other SMCCC call: function id */
#define BULKHEAD_EXIT_MMIO		4	/* stage-2 abort: IPA | BULKHEAD_EXIT_MMIO_* */
#define BULKHEAD_EXIT_SYSREG		5	/* trapped system register access: ESR's ISS */
#define BULKHEAD_EXIT_IRQ		6	/* physical interrupt: the first INTID pending */
#define BULKHEAD_EXIT_ABORT		7	/* SError routed to the hypervisor: ESR */
#define BULKHEAD_EXIT_OTHER		8	/* any other trap: ESR */
#define BULKHEAD_EXIT_REASONS		9

#define BULKHEAD_EXIT_MMIO_WRITE	(1ULL << 63)
#define BULKHEAD_EXIT_MMIO_FETCH	(1ULL << 62)

/* BULKHEAD_TRACE_VIRQ sources: where its latency counts from. */
/* A timer of the guest's own: the moment it expired (its compare value). */
#define BULKHEAD_VIRQ_SOURCE_TIMER	1
/* Anything else: the start of the exit that injected it. */
#define BULKHEAD_VIRQ_SOURCE_EXIT	2

/* One event, 32 bytes. */
struct bulkhead_trace_record {
	__u64 seq;		/* the CPU's record number: 1, 2, ... since SETUP */
	__u64 time;		/* counter ticks */
	__u64 detail;
	__u32 value;
	__u16 cell;		/* id of the cell it concerns */
	__u8 type;		/* BULKHEAD_TRACE_* */
	__u8 reason;
};

/*
 * A CPU's ring: this header, alone in its page, then `capacity` records.
 * Record number n (seq = n) lies in slot (n - 1) % capacity; the CPU sets
 * the slot's seq to 0, writes the other fields, sets seq = n, then
 * publishes head = n (release stores). A reader copies records up to head,
 * then reads head again: any slot it copied that the CPU may have
 * overwritten meanwhile (seq <= new head - capacity) is lost, as is any
 * record whose seq is not the one its slot should hold. The head alone
 * cannot tell a slot the CPU was rewriting while it was copied (head moves
 * only when the rewrite is done): the reader reads each record's seq
 * before (acquire) and again after copying it, and keeps it only if both
 * are the seq it expects.
 */
struct bulkhead_trace_ring {
	__u64 head;		/* records written since SETUP */
	__u32 capacity;		/* records */
	__u32 cpu;
	__u64 counter_hz;
	__u64 reserved[5];
};

#define BULKHEAD_TRACE_RECORD_SIZE	32
#define BULKHEAD_TRACE_RING_HEADER	4096

#endif /* !_BULKHEAD_TRACE_H */
