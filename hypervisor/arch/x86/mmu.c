// SPDX-License-Identifier: GPL-2.0
/*
 * x86 page-table entries: the hypervisor's own 4-level tables (Intel SDM
 * vol. 3A, 4.5), loaded in its host CR3, and the cells' extended page
 * tables (vol. 3C, 29.3). Both have 512-entry tables, the address in bits
 * 51:12 and the large-page bit at 7; they differ in the access bits. And
 * the walk of the root's own tables, for the instructions it decodes.
 */
#include <bulkhead/errno.h>
#include <bulkhead/paging.h>
#include <asm/mmu.h>
#include <asm/processor.h>

#define PTE_LARGE		BIT_ULL(7)
#define PTE_ADDR_MASK		0x000ffffffffff000ULL

/* Host page tables. */
#define PTE_PRESENT		BIT_ULL(0)
#define PTE_WRITE		BIT_ULL(1)
/* PCD | PWT: PAT entry 3, uncacheable in the power-on PAT the host keeps. */
#define PTE_PWT			BIT_ULL(3)
#define PTE_PCD			BIT_ULL(4)
#define PTE_NX			BIT_ULL(63)

/* EPT. */
#define EPT_READ		BIT_ULL(0)
#define EPT_WRITE		BIT_ULL(1)
#define EPT_EXECUTE		BIT_ULL(2)
#define EPT_ACCESS_MASK		(EPT_READ | EPT_WRITE | EPT_EXECUTE)
#define EPT_MEMTYPE_UC		(0ULL << 3)
#define EPT_MEMTYPE_WB		(6ULL << 3)

static u64 large_bit(unsigned int level)
{
	return level == PAGING_LEVELS - 1 ? 0 : PTE_LARGE;
}

static bool is_table(u64 entry, unsigned int level)
{
	return level < PAGING_LEVELS - 1 && !(entry & PTE_LARGE);
}

/* Blocks are aligned by construction and never set the PAT bit (12): the mask is exact. */
static u64 entry_address(u64 entry, unsigned int level)
{
	return entry & PTE_ADDR_MASK;
}

static u64 split_entry(u64 block, unsigned int level, u64 phys)
{
	return (block & ~PTE_ADDR_MASK & ~PTE_LARGE) | phys | large_bit(level);
}

/* The hypervisor never maps what it cannot read: read is implied. */
static u64 hv_leaf(u64 phys, unsigned int level, unsigned long flags)
{
	u64 entry = phys | PTE_PRESENT | large_bit(level);

	if (flags & PAGING_WRITE)
		entry |= PTE_WRITE;
	if (!(flags & PAGING_EXECUTE))
		entry |= PTE_NX;
	if (flags & PAGING_DEVICE)
		entry |= PTE_PCD | PTE_PWT;
	return entry;
}

/* Tables grant write and execute: the leaves alone restrict. */
static u64 hv_table(u64 phys)
{
	return phys | PTE_PRESENT | PTE_WRITE;
}

static bool hv_is_valid(u64 entry)
{
	return entry & PTE_PRESENT;
}

/*
 * RAM is write-back and devices uncacheable in the EPT memory type; the
 * guest's PAT still applies on top (IPAT clear), so that Linux's own
 * write-combining mappings keep working. EPT grants write or execute
 * without read only as a misconfiguration or with an optional feature
 * (SDM 29.3.3.1): a region without read is not mapped at all, stricter
 * than asked, never looser.
 */
static u64 ept_leaf(u64 phys, unsigned int level, unsigned long flags)
{
	u64 entry = phys | EPT_READ | large_bit(level);

	if (!(flags & PAGING_READ))
		return 0;
	if (flags & PAGING_WRITE)
		entry |= EPT_WRITE;
	if (flags & PAGING_EXECUTE)
		entry |= EPT_EXECUTE;
	return entry | (flags & PAGING_DEVICE ? EPT_MEMTYPE_UC : EPT_MEMTYPE_WB);
}

/* Tables grant everything: the leaves alone decide access. */
static u64 ept_table(u64 phys)
{
	return phys | EPT_ACCESS_MASK;
}

/* An entry with no access bit is not present (SDM 29.3.2). */
static bool ept_is_valid(u64 entry)
{
	return entry & EPT_ACCESS_MASK;
}

/* 48-bit virtual addresses from the PML4 (level 0); 1 GiB pages are optional in long mode. */
const struct paging_format hv_paging_format = {
	.start_level = 0,
	.root_tables = 1,
	.block_level = 2,
	.leaf = hv_leaf,
	.table = hv_table,
	.is_valid = hv_is_valid,
	.is_table = is_table,
	.address = entry_address,
	.split = split_entry,
};

/* 48-bit guest-physical space; ept_missing_feature() makes sure of 1 GiB pages. */
const struct paging_format cell_paging_format = {
	.start_level = 0,
	.root_tables = 1,
	.block_level = 1,
	.leaf = ept_leaf,
	.table = ept_table,
	.is_valid = ept_is_valid,
	.is_table = is_table,
	.address = entry_address,
	.split = split_entry,
};

/*
 * The root's own tables, walked as its CPU walked them for the instruction
 * that exited: 4-level or 5-level (CR4.LA57) long-mode paging, or none.
 * Another mode (32-bit or PAE paging without long mode) is -EINVAL: 64-bit
 * Linux writes its devices from long mode only. A large-page bit where the
 * SDM reserves it (level 4 and 5) is -EFAULT, as is an entry not present
 * or one @read cannot give.
 */
int guest_translate(u64 cr0, u64 cr4, u64 efer, u64 cr3, u64 linear, guest_read_fn read,
		    void *ctx, u64 *gpa)
{
	unsigned int level = cr4 & X86_CR4_LA57 ? 5 : 4, shift;
	u64 table = cr3 & PTE_ADDR_MASK, entry;

	if (!(cr0 & X86_CR0_PG)) {
		*gpa = linear;
		return 0;
	}
	if (!(efer & EFER_LMA))
		return -EINVAL;
	for (; level; level--) {
		shift = PAGE_SHIFT + 9 * (level - 1);
		if (!read(table + ((linear >> shift) & (PAGING_ENTRIES - 1)) * 8, &entry, ctx) ||
		    !(entry & PTE_PRESENT) || (level > 3 && (entry & PTE_LARGE)))
			return -EFAULT;
		table = entry & PTE_ADDR_MASK;
		if (level == 1 || (entry & PTE_LARGE)) {
			*gpa = (table & ~((1ULL << shift) - 1)) | (linear & ((1ULL << shift) - 1));
			return 0;
		}
	}
	return -EFAULT;
}
