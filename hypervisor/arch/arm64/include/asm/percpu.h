/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/sysregs.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(UL(1) << PAGE_SHIFT)
#define PERCPU_STACK_SIZE	(16 * 1024)
/* SMCCC_ARCH_WORKAROUND_1, _2 and _3. */
#define SMCCC_WORKAROUNDS	3

#ifndef __ASSEMBLY__
#include <bulkhead/types.h>

/* EL2 state the kernel's hyp stub had on entry, put back when we leave. */
struct arch_saved_el2 {
	u64 sctlr;
	u64 hcr;
	u64 cptr;
	u64 mdcr;
	u64 cnthctl;
	u64 vtcr;
	u64 vttbr;
	u64 hstr;
};

struct arch_per_cpu {
	/*
	 * Page tables this CPU builds for itself with the MMU off (level 1
	 * and level 2); only used until it switches to the shared tables.
	 */
	u8 boot_pt[2][PAGE_SIZE];
	struct arch_saved_el2 saved;
	/* The root's ACTLR_EL2: other cells run with 0 (no IMPDEF control registers). */
	u64 root_actlr;
	/* What the firmware answers SMCCC_ARCH_FEATURES for each workaround, on this CPU. */
	long workaround[SMCCC_WORKAROUNDS];
	bool bp_hardening;
	u64 mpidr;
	/*
	 * The MPIDR its cell sees (VMPIDR_EL2): the physical one in the root,
	 * 0x80000000 | its index among the cell's CPUs in any other.
	 */
	u64 vmpidr;
	/*
	 * This CPU's GICv3 redistributor: our mapping, its physical address and
	 * how far its frames reach (further on GICv4, with the VLPI frames).
	 */
	u8 *gicr;
	u64 gicr_phys;
	u64 gicr_span;
	/*
	 * Virtual interrupts waiting for a list register (bitmap of INTIDs);
	 * other CPUs of the cell set bits atomically, then kick this CPU.
	 */
	u32 pending_virqs[1024 / 32];
	/* Which words of pending_virqs may be non-zero: flushes skip the rest. */
	u32 pending_words;
	/* Virtual SGIs 0-15: the cell's view of their enable bits and priorities. */
	u32 sgi_enabled;
	u8 sgi_priority[16];
	/* The cell's view of GICR_IGROUPR0 (the physical groups stay 1). */
	u32 private_group1;
	/* GICR_WAKER.ProcessorSleep as the cell left it (ChildrenAsleep follows at once). */
	bool redist_asleep;
};
#endif

#endif /* !_ASM_PERCPU_H */
