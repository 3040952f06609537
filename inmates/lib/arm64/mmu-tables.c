// SPDX-License-Identifier: BSD-2-Clause
/*
 * Identity-map translation tables: stage 1, 4 KiB granule, 32-bit input
 * addresses, so level 1 has four 1 GiB entries, level 2 2 MiB ones and
 * level 3 pages. A range gets the largest blocks its alignment allows; a
 * block a later range covers only in part becomes a table of the next level
 * with the block's attributes, so ranges can be laid over a coarse default.
 * Pure code: also built on the host by inmates/tests/host.
 */
#include "mmu.h"

#define LAST_LEVEL		3
/* Bits of the address one entry of a level covers: 30, 21, 12. */
#define LEVEL_SHIFT(level)	(12 + 9 * (LAST_LEVEL - (level)))

void mmu_pool_init(struct mmu_pool *pool, uint64_t (*tables)[MMU_ENTRIES], unsigned int count)
{
	unsigned int n;

	pool->tables = tables;
	pool->count = count;
	pool->used = 1;
	for (n = 0; n < MMU_ENTRIES; n++)
		tables[0][n] = 0;
}

static uint64_t leaf_desc(unsigned int level, uint64_t addr, uint64_t attrs)
{
	return addr | attrs | (level == LAST_LEVEL ? MMU_DESC_PAGE : MMU_DESC_BLOCK);
}

/*
 * The next-level table *entry (at level) points to; if it holds none yet, a
 * new one, mapping what the block in *entry mapped, if anything. NULL when
 * the pool is used up.
 */
static uint64_t *next_table(struct mmu_pool *pool, uint64_t *entry, unsigned int level)
{
	uint64_t old = *entry, *table;
	unsigned int n;

	if ((old & MMU_DESC_TYPE_MASK) == MMU_DESC_TABLE)
		return (uint64_t *)(uintptr_t)(old & MMU_ADDR_MASK);
	if (pool->used == pool->count)
		return NULL;

	table = pool->tables[pool->used++];
	for (n = 0; n < MMU_ENTRIES; n++)
		table[n] = !(old & MMU_DESC_VALID) ? 0 :
			leaf_desc(level + 1,
				  (old & MMU_ADDR_MASK) + ((uint64_t)n << LEVEL_SHIFT(level + 1)),
				  old & MMU_ATTR_MASK);
	*entry = (uintptr_t)table | MMU_DESC_TABLE;
	return table;
}

/* Maps page-aligned [addr, end) in table, a table of the given level. */
static int map_level(struct mmu_pool *pool, uint64_t *table, unsigned int level, uint64_t addr,
		     uint64_t end, uint64_t attrs)
{
	uint64_t size = 1ULL << LEVEL_SHIFT(level);
	uint64_t start, stop, *entry, *next;

	while (addr < end) {
		entry = &table[(addr >> LEVEL_SHIFT(level)) % MMU_ENTRIES];
		start = addr & ~(size - 1);
		stop = start + size < end ? start + size : end;
		if (addr == start && stop == start + size) {
			*entry = leaf_desc(level, start, attrs);
		} else {
			/* Only levels 1 and 2 get here: ranges are whole pages. */
			next = next_table(pool, entry, level);
			if (!next || map_level(pool, next, level + 1, addr, stop, attrs))
				return -1;
		}
		addr = stop;
	}
	return 0;
}

int mmu_map(struct mmu_pool *pool, uint64_t addr, uint64_t size, uint64_t attrs)
{
	uint64_t end = addr + size;

	if (!size)
		return 0;
	if (end < addr || end > MMU_VA_LIMIT)
		return -1;
	addr &= ~(MMU_PAGE_SIZE - 1);
	end = (end + MMU_PAGE_SIZE - 1) & ~(MMU_PAGE_SIZE - 1);
	return map_level(pool, pool->tables[0], 1, addr, end, attrs);
}
