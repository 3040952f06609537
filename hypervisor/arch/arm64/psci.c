// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI for cells (the root included). CPUs never go back to the firmware
 * while we run: CPU_OFF parks the CPU in the hypervisor and CPU_ON wakes
 * it at the entry point the cell asked for, at EL1 with its MMU off, as a
 * firmware would. QEMU's own PSCI would restart a CPU at EL2, outside our
 * control, so it is only used for system power and on the way out.
 */
#include <bulkhead/control.h>
#include <bulkhead/printk.h>
#include <bulkhead/tracing.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/timer.h>
#include <asm/traps.h>

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_SUSPEND_32	0x84000001
#define PSCI_CPU_SUSPEND_64	0xc4000001
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON_32		0x84000003
#define PSCI_CPU_ON_64		0xc4000003
#define PSCI_AFFINITY_INFO_32	0x84000004
#define PSCI_AFFINITY_INFO_64	0xc4000004
#define PSCI_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_SYSTEM_RESET	0x84000009
#define PSCI_FEATURES		0x8400000a

#define PSCI_SUCCESS		0
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMETERS	(-2)
#define PSCI_DENIED		(-3)
#define PSCI_ALREADY_ON		(-4)
#define PSCI_ON_PENDING		(-5)
#define PSCI_INVALID_ADDRESS	(-9)
#define PSCI_VERSION_1_1	0x10001
/* CPU_SUSPEND's power_state, original format: StateID, StateType, PowerLevel. */
#define PSCI_POWER_STATE_VALID	0x0301ffffUL
/* 32-bit calls (SMC32/HVC32) pass 32-bit arguments: the upper halves are not theirs. */
#define PSCI_64BIT		0x40000000
#define PSCI_TOS_NOT_PRESENT	2
#define AFFINITY_ON		0
#define AFFINITY_OFF		1
#define AFFINITY_ON_PENDING	2
#define MPIDR_AFF_MASK		0xff00ffffffUL

extern volatile bool hypervisor_leaving;
void hypervisor_parked_cpu_leaves(void);

long firmware_smc(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
		       "x15", "x16", "x17", "memory");
	return (long)x0;
}

void firmware_forward(struct trap_frame *frame)
{
	register unsigned long x0 asm("x0") = frame->x[0];
	register unsigned long x1 asm("x1") = frame->x[1];
	register unsigned long x2 asm("x2") = frame->x[2];
	register unsigned long x3 asm("x3") = frame->x[3];
	register unsigned long x4 asm("x4") = frame->x[4];
	register unsigned long x5 asm("x5") = frame->x[5];
	register unsigned long x6 asm("x6") = frame->x[6];
	register unsigned long x7 asm("x7") = frame->x[7];

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6),
		       "+r"(x7)
		     :
		     : "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	frame->x[0] = x0;
	frame->x[1] = x1;
	frame->x[2] = x2;
	frame->x[3] = x3;
}

/* The cell's CPU with this MPIDR (in its numbering), or NULL; other bits must be 0. */
static struct per_cpu *cell_cpu_by_mpidr(struct cell *cell, u64 mpidr)
{
	unsigned int id;

	if (mpidr & ~MPIDR_AFF_MASK)
		return NULL;
	for_each_cpu(id, cell->cpu_set)
		if ((per_cpu(id)->arch.vmpidr & MPIDR_AFF_MASK) == mpidr)
			return per_cpu(id);
	return NULL;
}

/*
 * True if @cell may execute at @entry (its address space): where a CPU_ON may
 * start. The root's entry points are Linux's own business, as on the bare
 * machine.
 */
static bool executable(const struct cell *cell, u64 entry)
{
	return cell == &root_cell || cell_region_seen_at(cell, entry, 1, BULKHEAD_MEM_EXECUTE);
}

static long cpu_on(struct per_cpu *cpu, u64 mpidr, u64 entry, u64 context)
{
	struct per_cpu *target;
	long ret = PSCI_SUCCESS;

	/*
	 * Looked up under the cell's lock: a CPU the root is giving to a new
	 * cell leaves the root's set under the root's lock (take_cpus()), and
	 * must not be woken at the root's entry on its way there.
	 */
	spin_lock(&cpu->cell->lock);
	target = cell_cpu_by_mpidr(cpu->cell, mpidr);
	if (!target) {
		ret = PSCI_INVALID_PARAMETERS;
	} else if (cpu->cell->state != BULKHEAD_CELL_STATE_RUNNING || cpu->stop_request) {
		/* A cell being stopped starts nothing new. */
		ret = PSCI_DENIED;
	} else if (target->wake_pending) {
		ret = PSCI_ON_PENDING;
	} else if (target->state != BULKHEAD_CPU_PARKED) {
		ret = PSCI_ALREADY_ON;
	} else if (!executable(cpu->cell, entry)) {
		ret = PSCI_INVALID_ADDRESS;
	} else {
		cpu_set_wake(target, entry, context);
	}
	spin_unlock(&cpu->cell->lock);
	cpu_wake_waiters();
	return ret;
}

static long affinity_info(struct per_cpu *cpu, u64 mpidr, u64 level)
{
	struct per_cpu *target = cell_cpu_by_mpidr(cpu->cell, mpidr);

	if (!target || level != 0)
		return PSCI_INVALID_PARAMETERS;
	if (target->wake_pending)
		return AFFINITY_ON_PENDING;
	return target->state == BULKHEAD_CPU_RUNNING ? AFFINITY_ON : AFFINITY_OFF;
}

bool arch_parked_cpus_can_leave(void)
{
	return true;
}

void arch_cpu_park(struct per_cpu *cpu, unsigned int state)
{
	/* Whatever woke it may have freed the rings: it syncs when it runs again. */
	trace_cpu_stop(cpu);
	if (cpu->cell != &root_cell)
		vgic_cpu_park(cpu);
	cpu->state = state;
	cpu_wake_waiters();
	/* Its EL2 timer wakes it through the event stream: its interrupt stays masked here. */
	timer_event_stream(true);
	do {
		while (!cpu->wake_pending) {
			/* Its cell restarted on it (the failure policy). */
			if (health_parked(cpu)) {
				timer_event_stream(false);
				return;
			}
			if (hypervisor_leaving) {
				hypervisor_parked_cpu_leaves();
				/* Back to the firmware: Linux's next CPU_ON starts it afresh. */
				firmware_smc(PSCI_CPU_OFF, 0, 0, 0);
				panic_stop("firmware CPU_OFF returned");
			}
			cpu_wait();
		}
	} while (!cpu_claim_wake(cpu));
	timer_event_stream(false);
}

/*
 * CPU_SUSPEND: every state, standby or power-down, is entered as standby
 * (the spec lets a power-down request return as if from a shallower state):
 * the CPU waits for an interrupt and the call returns. A virtual interrupt
 * already waiting ends it at once; a physical one for the cell wakes the
 * wait, and is taken right after the return.
 */
static long cpu_suspend(struct per_cpu *cpu, u64 power_state)
{
	if (power_state & ~PSCI_POWER_STATE_VALID)
		return PSCI_INVALID_PARAMETERS;
	if (cpu->cell != &root_cell && !cpu->arch.pending_words && !cpu->stop_request &&
	    !vgic_lrs_pending())
		cpu_halt();
	return PSCI_SUCCESS;
}

static long psci_features(u64 fn)
{
	switch (fn) {
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		/* Original power_state format, platform-coordinated mode only. */
		return 0;
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	/* SMCCC 1.1 (smccc.c), whatever the firmware speaks. */
	case SMCCC_VERSION:
		return PSCI_SUCCESS;
	default:
		return PSCI_NOT_SUPPORTED;
	}
}

long psci_dispatch(struct per_cpu *cpu, struct trap_frame *frame)
{
	u64 fn = frame->x[0] & 0xffffffff;
	u64 arg_mask = fn & PSCI_64BIT ? ~0UL : 0xffffffffUL;
	u64 a1 = frame->x[1] & arg_mask, a2 = frame->x[2] & arg_mask, a3 = frame->x[3] & arg_mask;

	cpu->stats[BULKHEAD_CPU_STAT_PSCI]++;
	switch (fn) {
	case PSCI_VERSION:
		return PSCI_VERSION_1_1;
	case PSCI_CPU_SUSPEND_32:
	case PSCI_CPU_SUSPEND_64:
		return cpu_suspend(cpu, a1);
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		return cpu_on(cpu, a1, a2, a3);
	case PSCI_CPU_OFF:
		cpu_stop(cpu, BULKHEAD_CPU_PARKED, frame);
		return (long)frame->x[0];
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		return affinity_info(cpu, a1, a2);
	case PSCI_MIGRATE_INFO_TYPE:
		return PSCI_TOS_NOT_PRESENT;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		/*
		 * A cell only powers off or resets itself; new images on
		 * probation that power off failed it: the previous ones run.
		 */
		if (cpu->cell != &root_cell && fn == PSCI_SYSTEM_OFF &&
		    !update_on_probation(cpu->cell)) {
			cell_stop_self(cpu);
			return PSCI_SUCCESS;
		}
		if (cpu->cell != &root_cell) {
			if (cell_restart(cpu, fn == PSCI_SYSTEM_OFF ? BULKHEAD_RESTART_POWER_OFF :
					 BULKHEAD_RESTART_REQUEST))
				arch_cpu_reset(cpu, frame);
			return (long)frame->x[0];
		}
		printk("bulkhead: root cell requests system %s\n",
		       fn == PSCI_SYSTEM_OFF ? "off" : "reset");
		arch_system_power(fn == PSCI_SYSTEM_RESET);
		return PSCI_NOT_SUPPORTED;
	case PSCI_FEATURES:
		return psci_features(a1);
	default:
		/* An operating system probing what it may use is not misbehaving. */
		return PSCI_NOT_SUPPORTED;
	}
}
