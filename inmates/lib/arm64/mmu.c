// SPDX-License-Identifier: BSD-2-Clause
/*
 * MMU and caches on, on request (inmate_mmu_enable(), channel_map()): with
 * the MMU off every access is Device-nGnRnE, which is slow, faults when
 * unaligned and, for memory a peer maps cacheable, is a mismatch of
 * attributes that real hardware does not keep coherent.
 *
 * The map is built once, with the caches still off, from what is known
 * then: the image (linker symbols) and the channels in the communication
 * region. It never changes afterwards, so no CPU ever needs to break a
 * mapping another one may be using.
 */
#include "../internal.h"
#include "mmu.h"

#define SCTLR_M		(1UL << 0)

/*
 * Level 1, one level-2 table per GiB with finer mappings, a level-3 table
 * per 2 MiB that is mapped in part: the image and a few channels need 4-6.
 */
#define MMU_TABLES	10

_Static_assert(offsetof(struct inmate_mmu_regs, tcr) == 8 &&
	       offsetof(struct inmate_mmu_regs, ttbr0) == 16, "entry.S reads the registers");

extern char __image_start[], __inmate_end[];

static uint64_t mmu_tables[MMU_TABLES][MMU_ENTRIES] __attribute__((aligned(MMU_PAGE_SIZE)));
static struct inmate_mmu_regs mmu_regs;

static int map_range(struct mmu_pool *pool, const char *what, uint64_t addr, uint64_t size,
		     uint64_t attrs)
{
	if (!mmu_map(pool, addr, size, attrs))
		return 0;
	printk("mmu: cannot map %s at 0x%lx+0x%lx (beyond 4 GiB, or out of tables)\n", what,
	       (unsigned long)addr, (unsigned long)size);
	return -1;
}

static int mmu_build(void)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned int n, count = comm ? comm_num_channels(comm) : 0;
	const struct bulkhead_comm_channel *ch;
	struct mmu_pool pool;
	uint64_t attrs;

	mmu_pool_init(&pool, mmu_tables, MMU_TABLES);
	if (map_range(&pool, "the low 4 GiB", 0, MMU_VA_LIMIT, MMU_DEVICE) ||
	    map_range(&pool, "the image", (uintptr_t)__image_start, __inmate_end - __image_start,
		      MMU_NORMAL))
		return -1;
	for (n = 0; n < count; n++) {
		ch = &comm->channels[n];
		attrs = MMU_NORMAL | MMU_NO_EXEC;
		if (!(CHANNEL_U32(ch, rights) & BULKHEAD_CHANNEL_RIGHT_WRITE))
			attrs |= MMU_READ_ONLY;
		if (map_range(&pool, "a channel", CHANNEL_U64(ch, address), CHANNEL_U64(ch, size),
			      attrs))
			return -1;
	}

	mmu_regs.mair = MMU_MAIR;
	mmu_regs.tcr = MMU_TCR;
	mmu_regs.ttbr0 = (uintptr_t)mmu_tables[0];
	return 0;
}

int inmate_mmu_enable(void)
{
	unsigned long flags;

	if (read_sysreg(sctlr_el1) & SCTLR_M)
		return 0;
	if (!inmate_mmu_regs && mmu_build())
		return -1;

	flags = irq_local_save();
	if (!inmate_mmu_regs) {
		/*
		 * What we wrote with the caches off is in memory; lines of the
		 * image an earlier owner left in a cache would hide it once
		 * they are on. (The hypervisor cleaned the cell's memory before
		 * it started, so no such line is dirty.) Channel memory is left
		 * alone: the peer's caches legitimately hold it.
		 */
		dcache_range(ivac, __image_start, __inmate_end - __image_start);
		inmate_mmu_regs = &mmu_regs;
	}
	__inmate_mmu_on(inmate_mmu_regs);
	irq_local_restore(flags);
	return 0;
}
