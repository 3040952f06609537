// SPDX-License-Identifier: GPL-2.0
/*
 * Emulated MMIO dispatch: a short, fixed table per cell, searched on each
 * trapped access; registered when the cell is built and never changed while
 * it runs, so lookups need no lock.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/mmio.h>

int mmio_register(struct cell *cell, u64 start, u64 size, mmio_handler handler, void *arg)
{
	struct mmio_region *region;

	if (cell->num_mmio == MMIO_MAX_REGIONS)
		return -ENOSPC;
	region = &cell->mmio[cell->num_mmio++];
	region->start = start;
	region->size = size;
	region->handler = handler;
	region->arg = arg;
	return 0;
}

static const struct mmio_region *region_at(const struct cell *cell, u64 addr)
{
	unsigned int n;

	for (n = 0; n < cell->num_mmio; n++)
		if (addr - cell->mmio[n].start < cell->mmio[n].size)
			return &cell->mmio[n];
	return NULL;
}

bool mmio_serves(const struct cell *cell, u64 addr)
{
	return region_at(cell, addr);
}

enum mmio_result mmio_handle(struct per_cpu *cpu, struct mmio_access *access)
{
	const struct mmio_region *region = region_at(cpu->cell, access->addr);

	if (!region)
		return MMIO_UNHANDLED;
	/* Natural alignment, as every device register we emulate wants. */
	if (access->addr & (access->size - 1))
		return MMIO_ERROR;
	access->addr -= region->start;
	return region->handler(cpu, access, region->arg);
}
