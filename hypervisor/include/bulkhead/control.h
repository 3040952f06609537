/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cells and the hooks the arch-neutral core expects from each architecture.
 * Every arch_* function is declared and documented here, once.
 */
#ifndef _BULKHEAD_CONTROL_H
#define _BULKHEAD_CONTROL_H

#include <bulkhead/types.h>
#include <bulkhead/paging.h>
#include <bulkhead/percpu.h>
#include <asm/processor.h>
#include <asm/spinlock.h>

#include <bulkhead/config.h>

struct cell {
	unsigned int id;
	char name[BULKHEAD_CELL_NAME_LEN];
	u64 cpu_set;
	/* Points into the hypervisor's own, validated copy of the config. */
	const struct bulkhead_cell *config;
	/* Second-stage translation of the cell's memory. */
	struct paging_structure stage2;
	/* Guards the cell's CPU states and its stage-2 tables. */
	spinlock_t lock;
};

/* The root cell: the Linux that enabled us. Lives as long as we do. */
extern struct cell root_cell;
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

/** Builds the root cell from the system config (stage 2 included). */
int root_cell_init(void);

/** Leaves the hypervisor on every CPU; called by each root CPU via hypercall. */
long hypervisor_disable(struct per_cpu *cpu);

/** Hypercall dispatcher: @code and arguments as the cell passed them. */
long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1, unsigned long arg2);

/** Stops the calling CPU for good after a hypervisor bug; prints @reason. */
void __noreturn panic_stop(const char *reason);

/*
 * Arch hooks.
 */

/** Once, on the first CPU, before any arch_cpu_init(): map devices, probe features. */
int arch_init_early(void);

/** On each CPU: install the run-time vectors and put the root under stage 2. */
int arch_cpu_init(struct per_cpu *cpu);

/** Turns on @cell's second-stage translation on the calling CPU. */
void arch_cell_activate(struct cell *cell);

/** Invalidates second-stage TLB entries of @cell on all CPUs. */
void arch_cell_flush_tlb(struct cell *cell);

/**
 * Hands the calling CPU back to Linux: EL2 as the kernel's stub left it,
 * the MMU off, the caller's hypercall returning @result. Does not return.
 */
void __noreturn arch_cpu_return_to_linux(struct per_cpu *cpu, long result);

/** Parks the calling CPU until another CPU of its cell wakes it (PSCI CPU_ON). */
void arch_cpu_park(struct per_cpu *cpu);

/** Reads the calling CPU's live privilege state as BULKHEAD_CPU_MODE_* bits. */
unsigned int arch_cpu_mode(void);

/** Writes @text to the debug UART, if the system config names one. */
void arch_dbg_write(const char *text, size_t len);

/** Powers the machine off (or resets it) on behalf of the root cell. */
void arch_system_power(bool reset);

#endif /* !_BULKHEAD_CONTROL_H */
