/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU data: one page-aligned block per CPU after the system config in
 * hypervisor memory, stack last, above a guard page that the hypervisor's
 * tables leave unmapped: an overflow faults instead of overwriting the
 * CPU's own fields. TPIDR_EL2 (arm64) points at it.
 */
#ifndef _BULKHEAD_PERCPU_H
#define _BULKHEAD_PERCPU_H

#include <asm/percpu.h>
#include <asm/spinlock.h>
#include <bulkhead/hypercall.h>

#ifndef __ASSEMBLY__
struct cell;

/* A CPU's part in the trace (bulkhead/tracing.h). */
struct cpu_trace {
	/* BULKHEAD_TRACE_CLASS_* it records now: set by the CPU itself under trace_lock. */
	u32 active;
	/* Its cell's mask changed (set under trace_lock): take it up at the next kick. */
	volatile bool resync;
	/* The exit under way on the traced exit path, until recorded or stopped in. */
	bool exit_open;
	u8 exit_reason;
	u16 exit_cell;
	u64 exit_start;
	u64 exit_detail;
};

struct per_cpu {
	struct arch_per_cpu arch;
	unsigned int id;
	/* Set once when the CPU entered; read by others. */
	struct cell *cell;
	/*
	 * BULKHEAD_CPU_*: written by the CPU itself, or by another CPU of
	 * the same cell under its cell's lock (CPU_ON).
	 */
	volatile unsigned int state;
	/*
	 * The parked CPU resumes at wake_entry once wake_pending is set; the
	 * three, state and stop_request change under wake_lock (cpu_set_wake).
	 */
	spinlock_t wake_lock;
	volatile bool wake_pending;
	u64 wake_entry;
	u64 wake_arg;
	/*
	 * BULKHEAD_CPU_PARKED or _FAILED: the state the CPU is to stop in at
	 * its next exit; 0 for none. Set by the cell manager (then the CPU is
	 * kicked) or by the CPU itself when it faults.
	 */
	volatile unsigned int stop_request;
	/* What this CPU's hypervisor timer is programmed for (0: off); its own. */
	u64 timer_when;
	/* Its interrupt came and turned it off (health_timer_interrupt()). */
	bool timer_fired;
	/* Set while its park loop looks at its cell's deadlines (health.c). */
	volatile bool health_busy;
	/* Live privilege state read on this CPU at entry (BULKHEAD_CPU_MODE_*). */
	unsigned int mode;
	u64 stats[BULKHEAD_CPU_STAT_COUNT];
	struct cpu_trace trace;
	u8 stack_guard[PAGE_SIZE] __aligned(PAGE_SIZE);
	u8 stack[PERCPU_STACK_SIZE] __aligned(PAGE_SIZE);
} __aligned(PAGE_SIZE);

/* Per-CPU block of CPU @id (valid ids only). */
struct per_cpu *per_cpu(unsigned int id);
/* The calling CPU's block. */
struct per_cpu *this_cpu(void);
#endif

#endif /* !_BULKHEAD_PERCPU_H */
