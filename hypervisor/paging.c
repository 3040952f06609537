// SPDX-License-Identifier: GPL-2.0
/*
 * Arch-neutral page-table construction. Tables come from the page pool and
 * are addressed through the hypervisor's own mapping of it.
 */
#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/paging.h>

static unsigned int index_of(u64 virt, unsigned int level, unsigned int entries)
{
	return (virt >> PAGING_LEVEL_SHIFT(level)) & (entries - 1);
}

static unsigned int root_entries(const struct paging_format *fmt)
{
	return PAGING_ENTRIES * fmt->root_tables;
}

int paging_create(struct paging_structure *ps, const struct paging_format *fmt)
{
	ps->fmt = fmt;
	ps->flush_tlb = NULL;
	ps->root = page_alloc(&mem_pool, fmt->root_tables, fmt->root_tables);
	return ps->root ? 0 : -ENOMEM;
}

static u64 *next_table(const struct paging_format *fmt, u64 entry, unsigned int level)
{
	return paging_phys2hvirt(fmt->address(entry, level));
}

static void flush_tlb(const struct paging_structure *ps)
{
	if (ps->flush_tlb)
		ps->flush_tlb(ps->flush_ctx);
}

static void free_table(const struct paging_format *fmt, u64 *table, unsigned int level,
		       unsigned int entries);

/*
 * Takes the table @entry points to out of the structure: the entry is
 * cleared and the TLBs forgotten before the pages go back to the pool, so
 * that no walker still holds on to the table once it is reused.
 */
static void detach_table(const struct paging_structure *ps, u64 *entry, unsigned int level)
{
	u64 *table = paging_phys2hvirt(ps->fmt->address(*entry, level));

	*entry = 0;
	flush_tlb(ps);
	free_table(ps->fmt, table, level + 1, PAGING_ENTRIES);
}

/*
 * Replaces the block in @entry with a table of leaves that map the same:
 * break (clear, flush), then make, as the architecture wants for a valid
 * entry that changes shape.
 */
static int split_block(const struct paging_structure *ps, u64 *entry, unsigned int level)
{
	const struct paging_format *fmt = ps->fmt;
	u64 base = fmt->address(*entry, level);
	u64 *table = page_alloc(&mem_pool, 1, 1);
	unsigned int n;

	if (!table)
		return -ENOMEM;
	for (n = 0; n < PAGING_ENTRIES; n++)
		table[n] = fmt->split(*entry, level + 1, base + n * PAGING_LEVEL_SIZE(level + 1));
	*entry = 0;
	flush_tlb(ps);
	*entry = fmt->table(paging_hvirt2phys(table));
	return 0;
}

/* The table one level below @entry, created (or split from a block) on demand. */
static u64 *descend(const struct paging_structure *ps, u64 *entry, unsigned int level)
{
	const struct paging_format *fmt = ps->fmt;
	u64 *table;

	if (!fmt->is_valid(*entry)) {
		table = page_alloc(&mem_pool, 1, 1);
		if (!table)
			return NULL;
		*entry = fmt->table(paging_hvirt2phys(table));
	} else if (!fmt->is_table(*entry, level) && split_block(ps, entry, level)) {
		return NULL;
	}
	return next_table(fmt, *entry, level);
}

static bool fits_block(const struct paging_format *fmt, unsigned int level, u64 virt, u64 phys,
		       u64 size)
{
	u64 block = PAGING_LEVEL_SIZE(level);

	if (level == PAGING_LEVELS - 1)
		return true;
	return level >= fmt->block_level && size >= block && IS_ALIGNED(virt, block) &&
	       IS_ALIGNED(phys, block);
}

int paging_map(struct paging_structure *ps, u64 virt, u64 phys, u64 size, unsigned long flags)
{
	const struct paging_format *fmt = ps->fmt;
	unsigned int level, entries;
	u64 *table, *entry;

	while (size) {
		table = ps->root;
		entries = root_entries(fmt);
		for (level = fmt->start_level;; level++) {
			entry = &table[index_of(virt, level, entries)];
			if (fits_block(fmt, level, virt, phys, size))
				break;
			table = descend(ps, entry, level);
			if (!table)
				return -ENOMEM;
			entries = PAGING_ENTRIES;
		}
		if (fmt->is_valid(*entry) && fmt->is_table(*entry, level))
			detach_table(ps, entry, level);
		*entry = fmt->leaf(phys, level, flags);
		virt += PAGING_LEVEL_SIZE(level);
		phys += PAGING_LEVEL_SIZE(level);
		size -= PAGING_LEVEL_SIZE(level);
	}
	return 0;
}

static bool table_empty(const struct paging_format *fmt, const u64 *table)
{
	unsigned int n;

	for (n = 0; n < PAGING_ENTRIES; n++)
		if (fmt->is_valid(table[n]))
			return false;
	return true;
}

int paging_unmap(struct paging_structure *ps, u64 virt, u64 size)
{
	const struct paging_format *fmt = ps->fmt;
	/* The walk's path: the table at each level and the entry used in it. */
	u64 *tables[PAGING_LEVELS], *slots[PAGING_LEVELS], step;
	unsigned int level, entries;

	while (size) {
		tables[fmt->start_level] = ps->root;
		entries = root_entries(fmt);
		for (level = fmt->start_level;; level++) {
			slots[level] = &tables[level][index_of(virt, level, entries)];
			step = PAGING_LEVEL_SIZE(level) - (virt & (PAGING_LEVEL_SIZE(level) - 1));
			if (!fmt->is_valid(*slots[level]) || level == PAGING_LEVELS - 1 ||
			    (step <= size && step == PAGING_LEVEL_SIZE(level)))
				break;
			tables[level + 1] = descend(ps, slots[level], level);
			if (!tables[level + 1])
				return -ENOMEM;
			entries = PAGING_ENTRIES;
		}
		if (fmt->is_valid(*slots[level]) && fmt->is_table(*slots[level], level))
			detach_table(ps, slots[level], level);
		*slots[level] = 0;
		step = MIN(step, size);
		virt += step;
		size -= step;
		/*
		 * Give back the tables this left empty, once the walk is done
		 * with them, so that unmapping undoes what mapping allocated.
		 */
		for (; level > fmt->start_level; level--) {
			if ((size && !IS_ALIGNED(virt, PAGING_LEVEL_SIZE(level - 1))) ||
			    !table_empty(fmt, tables[level]))
				break;
			detach_table(ps, slots[level - 1], level - 1);
		}
	}
	return 0;
}

bool paging_translate(const struct paging_structure *ps, u64 virt, u64 *phys)
{
	const struct paging_format *fmt = ps->fmt;
	unsigned int level, entries = root_entries(fmt);
	u64 *table = ps->root, entry;

	for (level = fmt->start_level; level < PAGING_LEVELS; level++) {
		entry = table[index_of(virt, level, entries)];
		if (!fmt->is_valid(entry))
			return false;
		if (!fmt->is_table(entry, level)) {
			*phys = fmt->address(entry, level) + (virt & (PAGING_LEVEL_SIZE(level) - 1));
			return true;
		}
		table = next_table(fmt, entry, level);
		entries = PAGING_ENTRIES;
	}
	return false;
}

static void free_table(const struct paging_format *fmt, u64 *table, unsigned int level,
		       unsigned int entries)
{
	unsigned int n;

	for (n = 0; n < entries && level < PAGING_LEVELS - 1; n++)
		if (fmt->is_valid(table[n]) && fmt->is_table(table[n], level))
			free_table(fmt, next_table(fmt, table[n], level), level + 1,
				   PAGING_ENTRIES);
	page_free(&mem_pool, table, entries / PAGING_ENTRIES);
}

void paging_destroy(struct paging_structure *ps)
{
	if (!ps->root)
		return;
	free_table(ps->fmt, ps->root, ps->fmt->start_level, root_entries(ps->fmt));
	ps->root = NULL;
}
