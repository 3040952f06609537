/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The inmate library's stage-1 translation (arm64): an identity map of the
 * low 4 GiB, 4 KiB granule, built once in tables of the image (mmu.c) by the
 * pure table code (mmu-tables.c, also built on the host).
 */
#ifndef _INMATE_MMU_H
#define _INMATE_MMU_H

#include <stddef.h>
#include <stdint.h>

#define MMU_PAGE_SIZE		0x1000UL
#define MMU_ENTRIES		512
/* 32-bit input addresses (TCR_EL1.T0SZ = 32): walks start at level 1. */
#define MMU_VA_BITS		32
#define MMU_VA_LIMIT		(1ULL << MMU_VA_BITS)

/* Descriptors */
#define MMU_DESC_VALID		0x1ULL
#define MMU_DESC_BLOCK		0x1ULL		/* levels 1 and 2 */
#define MMU_DESC_TABLE		0x3ULL		/* levels 1 and 2 */
#define MMU_DESC_PAGE		0x3ULL		/* level 3 */
#define MMU_DESC_TYPE_MASK	0x3ULL
#define MMU_ADDR_MASK		0x0000fffffffff000ULL
#define MMU_ATTR_INDX(n)	((uint64_t)(n) << 2)
#define MMU_AP_RO		(1ULL << 7)	/* AP[2]: read-only; EL0 never gets access */
#define MMU_SH_INNER		(3ULL << 8)
#define MMU_AF			(1ULL << 10)	/* accessed: no access flag faults */
#define MMU_PXN			(1ULL << 53)
#define MMU_UXN			(1ULL << 54)
#define MMU_ATTR_MASK		(~(MMU_ADDR_MASK | MMU_DESC_TYPE_MASK))

/* MAIR_EL1: index 0 Device-nGnRE, index 1 Normal write-back read/write-allocate. */
#define MAIR_IDX_DEVICE		0
#define MAIR_IDX_NORMAL		1
#define MMU_MAIR		(0x04UL << (8 * MAIR_IDX_DEVICE) | 0xffUL << (8 * MAIR_IDX_NORMAL))

/* Attributes for mmu_map() */
#define MMU_NORMAL		(MMU_ATTR_INDX(MAIR_IDX_NORMAL) | MMU_SH_INNER | MMU_AF)
#define MMU_NO_EXEC		(MMU_PXN | MMU_UXN)
#define MMU_DEVICE		(MMU_ATTR_INDX(MAIR_IDX_DEVICE) | MMU_AF | MMU_NO_EXEC)
#define MMU_READ_ONLY		MMU_AP_RO

/*
 * TCR_EL1: T0SZ = 32, walks through inner-shareable write-back caches, 4 KiB
 * granule, no TTBR1 walks (EPD1; T1SZ and TG1 valid all the same), 32-bit
 * output addresses (IPS = 0).
 */
#define TCR_T0SZ(n)		((uint64_t)(n) << 0)
#define TCR_IRGN0_WBWA		(1ULL << 8)
#define TCR_ORGN0_WBWA		(1ULL << 10)
#define TCR_SH0_INNER		(3ULL << 12)
#define TCR_T1SZ(n)		((uint64_t)(n) << 16)
#define TCR_EPD1		(1ULL << 23)
#define TCR_TG1_4K		(2ULL << 30)
#define MMU_TCR			(TCR_T0SZ(64 - MMU_VA_BITS) | TCR_IRGN0_WBWA |		\
				 TCR_ORGN0_WBWA | TCR_SH0_INNER |			\
				 TCR_T1SZ(64 - MMU_VA_BITS) | TCR_EPD1 | TCR_TG1_4K)

/* Translation tables handed out from a fixed set of page-aligned tables. */
struct mmu_pool {
	uint64_t (*tables)[MMU_ENTRIES];	/* [0]: the level-1 table */
	unsigned int count;
	unsigned int used;
};

/* An empty map (nothing valid) in tables[0..count-1]. */
void mmu_pool_init(struct mmu_pool *pool, uint64_t (*tables)[MMU_ENTRIES], unsigned int count);
/*
 * Maps [addr, addr + size), widened to whole pages, to itself with attrs
 * (MMU_NORMAL, MMU_DEVICE, ... ; the descriptor's attribute bits), over
 * whatever was mapped there. Returns 0, or -1 if the range reaches beyond
 * 4 GiB or the pool runs out of tables (the map is then incomplete).
 */
int mmu_map(struct mmu_pool *pool, uint64_t addr, uint64_t size, uint64_t attrs);

/* What __inmate_mmu_on() loads; the offsets are fixed in entry.S. */
struct inmate_mmu_regs {
	uint64_t mair;
	uint64_t tcr;
	uint64_t ttbr0;
};

/*
 * Turns on the calling CPU's MMU and caches with regs (entry.S). Uses no
 * stack: it is also the first thing a CPU started after the first one's
 * MMU went on does.
 */
void __inmate_mmu_on(const struct inmate_mmu_regs *regs);
/* Set (psci.c) once the tables exist; CPUs started from then on use them. */
extern const struct inmate_mmu_regs *inmate_mmu_regs;

#endif /* !_INMATE_MMU_H */
