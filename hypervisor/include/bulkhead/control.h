/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor as a whole: its globals, enable and disable, the hypercall
 * dispatcher, CPU stops, and the hooks the arch-neutral core expects from
 * each architecture. Every arch_* function is declared and documented here,
 * once. Cells are in bulkhead/cell.h, channels in bulkhead/channel.h.
 */
#ifndef _BULKHEAD_CONTROL_H
#define _BULKHEAD_CONTROL_H

#include <bulkhead/types.h>
#include <bulkhead/cell.h>
#include <bulkhead/paging.h>
#include <bulkhead/percpu.h>
#include <asm/processor.h>
#include <asm/spinlock.h>

#include <bulkhead/config.h>
#include <bulkhead/header.h>

struct trap_frame;

extern struct bulkhead_header hypervisor_header;
/* Validated copy of the system config, in hypervisor memory. */
extern const struct bulkhead_config_header *system_config;
/* The hypervisor's own page tables. */
extern struct paging_structure hv_paging;

static inline const struct bulkhead_system *system_desc(void)
{
	return bulkhead_config_system(system_config);
}

#define for_each_cpu(cpu, set)						\
	for ((cpu) = 0; (cpu) < BULKHEAD_MAX_CPUS; (cpu)++)		\
		if ((set) & (1ULL << (cpu)))

/** The last enable's duration inside the hypervisor: shared set-up only, or until all CPUs were in. */
u64 enable_time_ns(bool init_only);

/** Builds the root cell from the system config (stage 2 included). */
int root_cell_init(void);

/** Leaves the hypervisor on every CPU; called by each root CPU via hypercall. */
long hypervisor_disable(struct per_cpu *cpu);

/** Hypercall dispatcher: @code and arguments as the cell passed them. */
long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1, unsigned long arg2);

/*
 * Guards the hypervisor's console ring and the debug UART (console_write(),
 * console.c); the reports on the way to a stop never take it.
 */
extern spinlock_t console_lock;

/** Appends to @ring under @lock, as console_write() does for the hypervisor console. */
void console_ring_write(struct bulkhead_console_ring *ring, spinlock_t *lock, const char *text,
			size_t len);

/**
 * True if a parked CPU can be handed back at disable (arm64: to the
 * firmware, PSCI CPU_OFF). x86 has no such state to hand a CPU to: disable
 * is refused until the root starts its stopped CPUs (STARTUP IPI).
 */
bool arch_parked_cpus_can_leave(void);

/**
 * Parks the calling CPU in @state (BULKHEAD_CPU_PARKED or _FAILED) until it
 * is woken with wake_entry/wake_arg set, then lets the arch reset it into
 * its (possibly new) cell. Called at the end of an exit.
 */
void cpu_stop(struct per_cpu *cpu, unsigned int state, struct trap_frame *frame);

/**
 * Test images only (TEST_FAULTS=1, test-faults.c): makes the hypervisor
 * fault as @kind (BULKHEAD_TEST_FAULT_*) names; returns -EINVAL for others.
 */
long test_fault(struct per_cpu *cpu, unsigned long kind);

/** Stops the calling CPU for good after a hypervisor bug; prints @reason. */
void __noreturn panic_stop(const char *reason);

/*
 * Arch hooks.
 */

/** Once, on the first CPU, before any arch_cpu_init(): map devices, probe features. */
int arch_init_early(void);

/** On each CPU: install the run-time vectors and put the root under stage 2. */
int arch_cpu_init(struct per_cpu *cpu);

/**
 * The arch's share of building the root cell (at enable) or another cell
 * (create), e.g. the interrupt controller's emulation and ownership. The
 * cell's CPUs are already its own. 0 or a negative errno; after a failure
 * the caller undoes it with arch_cell_destroy().
 */
int arch_cell_create(struct cell *cell);

/** Undoes arch_cell_create() for a non-root cell whose CPUs are all stopped. */
void arch_cell_destroy(struct cell *cell);

/**
 * Interrupt sources (bulkhead/config_arch.h) below this exist on the
 * machine (arm64: the GIC's INTIDs); 0 if cells can be given none.
 */
unsigned int arch_num_irqs(void);

/**
 * Makes interrupt source @intid pending for the cell that owns it: a channel
 * doorbell, or the root's event interrupt (arm64: an SPI made pending).
 */
void arch_irq_raise(unsigned int intid);

/**
 * The interrupt output of one of @cell's emulated devices, whose interrupt
 * is @intid (its config's bulkhead_vdevice.irq), is now at @level. The
 * interrupt is purely virtual and served like any of the cell's interrupts:
 * a level-sensitive one is pending while the line is high, an edge-triggered
 * one on each rising edge. Any CPU may call it, with @cell existing; an
 * @intid that is none of the cell's devices' is ignored.
 */
void arch_virtual_irq_set(struct cell *cell, unsigned int intid, bool level);

/** True if [phys, phys + size) touches a device the hypervisor keeps (arm64: GIC, ITS). */
bool arch_reserved_device(u64 phys, u64 size);

/**
 * True if [phys, phys + size) holds a table the root set its interrupt
 * controller to write (GICv3: LPI and ITS tables); no cell may take it.
 * Called with the manager lock held.
 */
bool arch_root_device_tables(u64 phys, u64 size);

/** A non-root cell stopped: its interrupts go quiet (disabled, nothing pending). */
void arch_cell_stopped(struct cell *cell);

/** Turns on @cell's second-stage translation on the calling CPU. */
void arch_cell_activate(struct cell *cell);

/** Invalidates second-stage TLB entries of @cell on all CPUs. */
void arch_cell_flush_tlb(struct cell *cell);

/** Invalidates the hypervisor's own TLB entries on all CPUs. */
void arch_flush_hv_tlb(void);

/**
 * Switches the calling CPU's exits to the traced path (@traced) or back
 * to the plain one, which has no trace code at all (bulkhead/tracing.h).
 * The traced path calls trace_exit_begin() and trace_exit_end() around the
 * normal handlers. Called by trace.c under trace_lock.
 */
void arch_trace_vectors(bool traced);

/** Makes @cpu (running a cell) exit to the hypervisor soon: an IPI. */
void arch_cpu_kick(struct per_cpu *cpu);

/**
 * Resets the calling CPU to start in its cell at cpu->wake_entry with
 * cpu->wake_arg as first argument, as a firmware would after CPU_ON
 * (arm64: EL1, MMU off), registers cleared, the cell's traps and second-stage
 * translation in place, and its cell's trace mask taken up (trace_cpu_sync()).
 */
void arch_cpu_reset(struct per_cpu *cpu, struct trap_frame *frame);

/** Where the guest was when the current exit happened (its pc). */
u64 arch_exit_pc(void);

/** Cleans and invalidates the data cache over a range, to the point of coherency. */
void arch_dcache_flush(const void *addr, size_t size);

/**
 * Invalidates every CPU's instruction caches, after code was written
 * through the data side (a cell's images put back for a restart).
 */
void arch_icache_invalidate(void);

/**
 * Zeroes a page-aligned range of whole pages and pushes the zeroes to the
 * point of coherency, so that the next owner reads zeroes with its caches
 * on or off.
 */
void arch_scrub_memory(void *addr, size_t size);

/**
 * Programs the calling CPU's hypervisor timer (arm64: the EL2 timer) to
 * interrupt at counter value @when
 * (arch_counter()), 0: off. The timer and its interrupt are the
 * hypervisor's alone, never seen by a cell: on a non-root cell's CPU the
 * interrupt ends the exit it causes with health_exit(); a parked CPU sees
 * the deadline pass in its loop (health_parked()).
 */
void arch_timer_set(u64 when);

/** Free-running counter and its frequency (Hz), for timeouts. */
u64 arch_counter(void);
u64 arch_counter_freq(void);

/**
 * Hands the calling CPU back to Linux, the caller's hypercall returning
 * @result, with the CPU as Linux had it before enable (arm64: EL2 as the
 * kernel's stub left it, its MMU off; x86: VMX off, the kernel's state
 * restored). Does not return.
 */
void __noreturn arch_cpu_return_to_linux(struct per_cpu *cpu, long result);

/**
 * True if a parked CPU can be handed back at disable (arm64: to the
 * firmware, PSCI CPU_OFF). x86 has no such state to hand a CPU to: disable
 * is refused until the root starts its stopped CPUs (STARTUP IPI).
 */
bool arch_parked_cpus_can_leave(void);

/**
 * Parks the calling CPU in @state until another CPU wakes it (arm64: PSCI
 * CPU_ON; x86: INIT-SIPI; a cell start), or hands it back to the firmware if the hypervisor leaves.
 * First it ends its open traced exit and drops its trace mask (trace_cpu_stop()).
 */
void arch_cpu_park(struct per_cpu *cpu, unsigned int state);

/** Reads the calling CPU's live privilege state as BULKHEAD_CPU_MODE_* bits. */
unsigned int arch_cpu_mode(void);

/** Writes @text to the debug UART, if the system config names one. */
void arch_dbg_write(const char *text, size_t len);

/** Powers the machine off (or resets it) on behalf of the root cell. */
void arch_system_power(bool reset);

#endif /* !_BULKHEAD_CONTROL_H */
