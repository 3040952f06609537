// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU stacks and start blocks; PSCI calls and starting further CPUs
 * with CPU_ON.
 *
 * Slot 0 belongs to the first CPU and is ready at link time, so that
 * entry.S can set its stack before anything else runs. psci_cpu_on() hands
 * out the other slots; a slot stays taken once its CPU has started (the CPU
 * halts when its function returns).
 */
#include <inmate.h>
#include "mmu.h"

struct inmate_start_block {
	void *sp;			/* read by entry.S: keep first */
	const struct inmate_mmu_regs *mmu;	/* read by entry.S: NULL = MMU stays off */
	void (*fn)(void *arg);
	void *arg;
	unsigned long taken;
};

_Static_assert(offsetof(struct inmate_start_block, sp) == 0, "entry.S reads sp at 0");
_Static_assert(offsetof(struct inmate_start_block, mmu) == 8, "entry.S reads mmu at 8");

const struct inmate_mmu_regs *inmate_mmu_regs;

/* Not zeroed at start: the .stacks output section lies outside the BSS. */
static char inmate_stacks[INMATE_MAX_CPUS][INMATE_STACK_SIZE]
	__attribute__((section(".stacks"), aligned(16)));

struct inmate_start_block inmate_start_blocks[INMATE_MAX_CPUS] = {
	[0] = { .sp = inmate_stacks[0] + INMATE_STACK_SIZE, .taken = 1 },
};

void __inmate_secondary_entry(void);
void inmate_secondary_main(struct inmate_start_block *block);

unsigned int this_cpu_index(void)
{
	/* entry.S keeps the CPU's start block in TPIDR_EL1. */
	struct inmate_start_block *block = (void *)read_sysreg(tpidr_el1);

	return block - inmate_start_blocks;
}

long psci_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3)
{
	char conduit[4];

	if (cmdline_get_str("psci", conduit, sizeof(conduit)) == 3 && !strcmp(conduit, "hvc"))
		return hvc_call(fn, arg1, arg2, arg3);
	return smc_call(fn, arg1, arg2, arg3);
}

void inmate_secondary_main(struct inmate_start_block *block)
{
	block->fn(block->arg);
}

int psci_cpu_on(unsigned long mpidr, void (*fn)(void *arg), void *arg)
{
	struct inmate_start_block *block = NULL;
	unsigned int n;
	long ret;

	for (n = 1; n < INMATE_MAX_CPUS; n++) {
		if (!inmate_start_blocks[n].taken) {
			block = &inmate_start_blocks[n];
			break;
		}
	}
	if (!block)
		return -1;

	block->sp = inmate_stacks[n] + INMATE_STACK_SIZE;
	block->mmu = inmate_mmu_regs;
	block->fn = fn;
	block->arg = arg;
	block->taken = 1;
	/*
	 * The new CPU reads its block with its caches off: clean it to
	 * memory if ours are on (inmate_mmu_enable() also put the registers
	 * there); with caches off the stores go there directly.
	 */
	if (inmate_mmu_regs)
		dcache_range(cvac, block, sizeof(*block));
	else
		dsb(sy);

	ret = psci_call(PSCI_CPU_ON_64, mpidr, (unsigned long)__inmate_secondary_entry,
			(unsigned long)block);
	if (ret)
		block->taken = 0;
	return ret;
}
