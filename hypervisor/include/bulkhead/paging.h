/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arch-neutral page-table walker. Both the hypervisor's own tables and each
 * cell's second-stage tables are radix trees of 512-entry tables with 4 KiB
 * leaves (arm64 stage 1/2, x86 EPT alike); the arch supplies the entry
 * encoding through struct paging_format.
 */
#ifndef _BULKHEAD_PAGING_H
#define _BULKHEAD_PAGING_H

#include <bulkhead/types.h>
#include <asm/percpu.h>

#define PAGING_LEVELS		4
#define PAGING_ENTRIES		512
#define PAGING_LEVEL_SHIFT(l)	(PAGE_SHIFT + 9 * (PAGING_LEVELS - 1 - (l)))
#define PAGING_LEVEL_SIZE(l)	(1UL << PAGING_LEVEL_SHIFT(l))

/* Access rights and memory type of a mapping (PAGING_*), arch-neutral. */
#define PAGING_READ		0x1
#define PAGING_WRITE		0x2
#define PAGING_EXECUTE		0x4
#define PAGING_DEVICE		0x8

struct paging_format {
	unsigned int start_level;
	/* Concatenated tables at the start level (arm64 stage 2 may use 2). */
	unsigned int root_tables;
	/* Lowest level that may hold a block (larger) mapping. */
	unsigned int block_level;
	u64 (*leaf)(u64 phys, unsigned int level, unsigned long flags);
	u64 (*table)(u64 phys);
	bool (*is_valid)(u64 entry);
	bool (*is_table)(u64 entry, unsigned int level);
	u64 (*address)(u64 entry, unsigned int level);
	/* A leaf at @level mapping @phys with the attributes of @block. */
	u64 (*split)(u64 block, unsigned int level, u64 phys);
};

struct paging_structure {
	const struct paging_format *fmt;
	u64 *root;
	/*
	 * Live structures (in use on some CPU while they change): invalidates
	 * their TLB entries, so that an entry is broken before it is made
	 * anew and a table is forgotten before it is freed. NULL otherwise.
	 */
	void (*flush_tlb)(void *ctx);
	void *flush_ctx;
};

/** Allocates empty top-level tables. Returns 0 or -ENOMEM. */
int paging_create(struct paging_structure *ps, const struct paging_format *fmt);

/**
 * Maps [virt, virt + size) to [phys, ...), with block entries where both
 * addresses are aligned to a block size. All addresses page aligned.
 * On -ENOMEM, what was mapped so far stays mapped: callers unmap the range.
 */
int paging_map(struct paging_structure *ps, u64 virt, u64 phys, u64 size, unsigned long flags);

/** Unmaps a range, splitting blocks that straddle its ends. 0 or -ENOMEM. */
int paging_unmap(struct paging_structure *ps, u64 virt, u64 size);

/** Looks up the physical address @virt maps to; false if unmapped. */
bool paging_translate(const struct paging_structure *ps, u64 virt, u64 *phys);

/** Frees every table of @ps (not the memory it maps). */
void paging_destroy(struct paging_structure *ps);

/* Provided by the arch: the hypervisor's own tables and cells' second stage. */
extern const struct paging_format hv_paging_format;
extern const struct paging_format cell_paging_format;

/* Hypervisor virtual <-> physical for its own memory (page pool, image). */
u64 paging_hvirt2phys(const void *virt);
void *paging_phys2hvirt(u64 phys);

#endif /* !_BULKHEAD_PAGING_H */
