// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 translation table entries (Arm ARM D8, VMSAv8-64, 4 KiB granule):
 * the hypervisor's own EL2 stage-1 tables and the cells' stage-2 tables
 * share the descriptor shape and differ only in attribute bits.
 */
#include <bulkhead/paging.h>
#include <asm/mmu.h>

#define PTE_VALID		(1UL << 0)
#define PTE_TYPE_MASK		3UL
#define PTE_TYPE_BLOCK		1UL
#define PTE_TYPE_TABLE_OR_PAGE	3UL
#define PTE_ADDR_MASK		0x0000fffffffff000UL
#define PTE_AF			(1UL << 10)
#define PTE_SH_INNER		(3UL << 8)
#define PTE_XN			(1UL << 54)
/* EL2 stage 1: AttrIndx (MAIR slot) and AP[2] (read-only). */
#define S1_ATTRIDX(idx)		((unsigned long)(idx) << 2)
#define S1_AP_RO		(1UL << 7)
/* AP[1] is RES1 in the EL2 regime without E2H (Arm ARM D8.4). */
#define S1_AP_RES1		(1UL << 6)
/* Stage 2: MemAttr and S2AP. */
#define S2_MEMATTR_NORMAL_WB	(0xfUL << 2)
#define S2_MEMATTR_DEVICE_nGnRE	(0x1UL << 2)
#define S2_AP_READ		(1UL << 6)
#define S2_AP_WRITE		(1UL << 7)

static u64 leaf_type(unsigned int level)
{
	return level == PAGING_LEVELS - 1 ? PTE_TYPE_TABLE_OR_PAGE : PTE_TYPE_BLOCK;
}

static u64 hv_leaf(u64 phys, unsigned int level, unsigned long flags)
{
	u64 entry = phys | leaf_type(level) | PTE_AF | PTE_SH_INNER | S1_AP_RES1;

	entry |= S1_ATTRIDX(flags & PAGING_DEVICE ? MAIR_DEVICE_IDX : MAIR_NORMAL_IDX);
	if (!(flags & PAGING_WRITE))
		entry |= S1_AP_RO;
	if (!(flags & PAGING_EXECUTE))
		entry |= PTE_XN;
	return entry;
}

static u64 cell_leaf(u64 phys, unsigned int level, unsigned long flags)
{
	u64 entry = phys | leaf_type(level) | PTE_AF | PTE_SH_INNER;

	entry |= flags & PAGING_DEVICE ? S2_MEMATTR_DEVICE_nGnRE : S2_MEMATTR_NORMAL_WB;
	if (flags & PAGING_READ)
		entry |= S2_AP_READ;
	if (flags & PAGING_WRITE)
		entry |= S2_AP_WRITE;
	if (!(flags & PAGING_EXECUTE))
		entry |= PTE_XN;
	return entry;
}

static u64 table_entry(u64 phys)
{
	return phys | PTE_TYPE_TABLE_OR_PAGE;
}

static bool entry_valid(u64 entry)
{
	return entry & PTE_VALID;
}

static bool entry_is_table(u64 entry, unsigned int level)
{
	return level < PAGING_LEVELS - 1 && (entry & PTE_TYPE_MASK) == PTE_TYPE_TABLE_OR_PAGE;
}

/* Block addresses are aligned by construction; tables are 4 KiB aligned. */
static u64 entry_address(u64 entry, unsigned int level)
{
	return entry & PTE_ADDR_MASK;
}

static u64 split_entry(u64 block, unsigned int level, u64 phys)
{
	return (block & ~PTE_ADDR_MASK & ~PTE_TYPE_MASK) | phys | leaf_type(level);
}

/* 39-bit VA: the walk starts at level 1 (TCR_EL2.T0SZ = 25). */
const struct paging_format hv_paging_format = {
	.start_level = 1,
	.root_tables = 1,
	.block_level = 1,
	.leaf = hv_leaf,
	.table = table_entry,
	.is_valid = entry_valid,
	.is_table = entry_is_table,
	.address = entry_address,
	.split = split_entry,
};

/* 40-bit IPA: level 1 start with two concatenated tables (VTCR_EL2.SL0 = 1). */
const struct paging_format cell_paging_format = {
	.start_level = 1,
	.root_tables = 2,
	.block_level = 1,
	.leaf = cell_leaf,
	.table = table_entry,
	.is_valid = entry_valid,
	.is_table = entry_is_table,
	.address = entry_address,
	.split = split_entry,
};
