/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor's trace (trace.c; the ABI is bulkhead/trace.h): per-CPU
 * rings the root reads, filled by the CPUs of the cells whose mask asks.
 *
 * A CPU records exits, injections and doorbells only while it has taken up
 * a mask with one of those classes (cpu->trace.active, its own field): then
 * its arch code runs the traced exit path, which calls trace_exit_begin()
 * and trace_exit_end() around the normal handler. A CPU's ring exists while
 * active is non-zero on it: BULKHEAD_TRACE_OP_RELEASE waits for every CPU to
 * drop its mask first.
 *
 * Lock order: manager_lock, a cell's lock and a CPU's wake lock come
 * before trace_lock; only the pool and console locks are taken under it.
 * Cell events are recorded after event_lock is dropped.
 */
#ifndef _BULKHEAD_TRACING_H
#define _BULKHEAD_TRACING_H

#include <bulkhead/types.h>
#include <bulkhead/percpu.h>
#include <bulkhead/trace.h>

struct cell;

/* The classes that need the traced exit path on a CPU. */
#define TRACE_CLASSES_ON_EXIT	(BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_VIRQ | \
				 BULKHEAD_TRACE_CLASS_DOORBELL)

/** BULKHEAD_HC_TRACE from the root's @cpu: @op_arg is x1, @x2 as the operation says. */
long trace_hypercall(struct per_cpu *cpu, unsigned long op_arg, unsigned long x2);

/** A cell is being created (under manager_lock): it starts with the NEW_CELLS mask. */
void trace_cell_created(struct cell *cell);

/**
 * Records @cell's event @type (BULKHEAD_EVENT_*) on the calling CPU if the
 * cell's mask has its class (STATE or HEALTH). Cold paths only: takes trace_lock.
 */
void trace_cell_event(struct cell *cell, u32 type, u64 detail, u64 detail2);

/**
 * The calling @cpu takes up its cell's mask (kick, (re)start, OP_SYNC): its
 * exit path follows it (arch_trace_vectors()).
 */
void trace_cpu_sync(struct per_cpu *cpu);

/*
 * True if @cpu's cell changed its mask since @cpu last took it up: the kick
 * handler then calls trace_cpu_sync(). One load, on the kick path only.
 */
static inline bool trace_cpu_needs_sync(const struct per_cpu *cpu)
{
	return cpu->trace.resync;
}

/**
 * The calling @cpu stops (parks) in the middle of an exit: the exit is
 * recorded as ending now, and it records nothing until it syncs again.
 */
void trace_cpu_stop(struct per_cpu *cpu);

/**
 * The traced exit path (arch code) around the normal handler: an exit of
 * @cpu that started at counter value @start, for @reason (BULKHEAD_EXIT_*)
 * with @detail. trace_exit_end() writes the EXIT record if the CPU still
 * traces exits and the exit did not end in a stop.
 */
void trace_exit_begin(struct per_cpu *cpu, u64 start, unsigned int reason, u64 detail);
/* @end: the counter right before the guest resumes. */
void trace_exit_end(struct per_cpu *cpu, u64 end);

/**
 * The hypercall of the open exit, whose first argument was @arg, returned
 * @result: a doorbell (CHANNEL_RING of channel @arg) is recorded if @cpu
 * traces DOORBELL, rung or refused, with the channel's other side (0xffff
 * for cell and index if it has none).
 */
void trace_hypercall_done(struct per_cpu *cpu, unsigned long arg, long result);

/**
 * Appends a record to @cpu's ring: the calling CPU's own, while it is
 * active (its single writer: EL2 runs with interrupts masked).
 */
void trace_write(struct per_cpu *cpu, u8 type, u8 reason, u16 cell, u64 time, u64 detail,
		 u32 value);

#endif /* !_BULKHEAD_TRACING_H */
