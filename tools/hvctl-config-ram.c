// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config check, the RAM Linux uses (hvctl-config-check.h): the
 * hypervisor's memory, the cells' RAM and channel memory must lie outside
 * it, or the driver refuses enable or the create (driver/hypervisor.c,
 * driver/cell.c). Linux's view comes from a /proc/iomem (top-level "System
 * RAM", what the driver's region_intersects() sees) or a /proc/cmdline's mem=.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"
#include "hvctl-config-check.h"
#include <bulkhead/config_check.h>

static const char *linux_user(const struct check_set *set, u64 phys, u64 size, char *buf,
			      size_t len)
{
	unsigned int n;

	for (n = 0; n < set->num_ram; n++) {
		if (!ranges_overlap(phys, size, set->ram[n].start, set->ram[n].size))
			continue;
		snprintf(buf, len, "Linux uses 0x%llx-0x%llx (%s); keep Linux out of it (%s)",
			 (unsigned long long)set->ram[n].start,
			 (unsigned long long)(set->ram[n].start + set->ram[n].size - 1),
			 set->ram_source, hvctl_arch_reserve_hint(set->configs[0].hdr->arch));
		return buf;
	}
	return NULL;
}

/* Hypervisor memory, cells' RAM and channel memory must be memory Linux does not use. */
void hvctl_check_linux_ram(struct check_set *set)
{
	const struct bulkhead_mem_region *hv = &set_system(set)->hypervisor_memory, *mem;
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	char why[CELLC_PATH_LEN * 2];
	unsigned int n, k;

	if (!set->ram_source[0]) {
		hvctl_check_add(set, set->configs[0].file, "", CHECK_NOTE,
				"cannot tell whether Linux keeps out of the hypervisor's and the "
				"cells' memory: run it on the target, or give --iomem FILE (its "
				"/proc/iomem) or --cmdline FILE (its /proc/cmdline)");
		return;
	}
	if (linux_user(set, hv->phys_start, hv->size, why, sizeof(why)))
		check_error(set, &set->configs[0], ITEM_HV_MEMORY, 0,
			    "0x%llx-0x%llx: %s", hv->phys_start,
			    hv->phys_start + hv->size - 1, why);
	for (n = 0; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		cell = config_cell(&set->configs[n]);
		mem = bulkhead_cell_mem_regions(cell);
		/* The root's RAM is Linux's own; the driver refuses the rest (driver/cell.c). */
		for (k = 0; n && k < cell->num_mem_regions; k++)
			if (!(mem[k].flags & BULKHEAD_MEM_IO) &&
			    linux_user(set, mem[k].phys_start, mem[k].size, why, sizeof(why)))
				check_error(set, &set->configs[n], ITEM_REGION, k,
					    "0x%llx-0x%llx: %s", mem[k].phys_start,
					    mem[k].phys_start + mem[k].size - 1, why);
		ch = bulkhead_cell_channels(cell);
		/* A channel with the root is the root's channel memory, said once there. */
		for (k = 0; k < cell->num_channels; k++)
			if ((!n || !same_name(ch[k].peer, set_root(set)->name)) &&
			    linux_user(set, ch[k].phys_start, ch[k].size, why, sizeof(why)))
				check_error(set, &set->configs[n], ITEM_CHANNEL, k,
					    "memory 0x%llx-0x%llx: %s",
					    ch[k].phys_start, ch[k].phys_start + ch[k].size - 1,
					    why);
	}
}

static void add_ram(struct check_set *set, u64 start, u64 size)
{
	if (!size)
		return;
	if (set->num_ram == set->cap_ram) {
		set->cap_ram = set->cap_ram ? 2 * set->cap_ram : 16;
		set->ram = realloc(set->ram, set->cap_ram * sizeof(*set->ram));
		if (!set->ram) {
			perror("hvctl");
			exit(EXIT_FAILURE);
		}
	}
	set->ram[set->num_ram].start = start;
	set->ram[set->num_ram++].size = size;
}

int hvctl_check_read_iomem(struct check_set *set, const char *path, char *why, size_t len)
{
	struct hvctl_iomem *io = malloc(sizeof(*io));
	char *text = hvctl_read_text(path);
	char problem[128];
	unsigned int n;
	int ret = 0;

	if (!text || !io)
		ret = hvctl_reject(-1, why, len, "%s: cannot open: %s", path, strerror(errno));
	else if (hvctl_iomem_parse(text, io, problem, sizeof(problem)) < 0)
		ret = hvctl_reject(-1, why, len, "%s: %s", path, problem);
	/* Top-level "System RAM" entries: what Linux's allocator may hand out. */
	for (n = 0; !ret && n < io->num; n++)
		if (!strcmp(io->entry[n].name, "System RAM"))
			add_ram(set, io->entry[n].start, io->entry[n].end - io->entry[n].start);
	if (!ret && !set->num_ram)
		ret = hvctl_reject(-1, why, len, "%s: no \"System RAM\" in it", path);
	if (!ret)
		snprintf(set->ram_source, sizeof(set->ram_source), "System RAM in %s", path);
	free(text);
	free(io);
	return ret;
}

/* "mem=768M": the size, or 0 if @text has none. */
static u64 parse_mem_limit(const char *text)
{
	const char *at = text;
	unsigned long long size;
	char *end;

	for (;;) {
		at = strstr(at, "mem=");
		if (!at)
			return 0;
		if (at == text || at[-1] == ' ' || at[-1] == '\t' || at[-1] == '\n')
			break;
		at += 4;
	}
	size = strtoull(at + 4, &end, 0);
	switch (*end) {
	case 'G':
	case 'g':
		size <<= 10;
		/* fall through */
	case 'M':
	case 'm':
		size <<= 10;
		/* fall through */
	case 'K':
	case 'k':
		size <<= 10;
	}
	return size;
}

/*
 * With mem=SIZE Linux keeps the first SIZE bytes of RAM, in address order.
 * The RAM known here is the root's RAM regions and the hypervisor memory;
 * the first SIZE bytes of those are what Linux uses.
 */
int hvctl_check_read_cmdline(struct check_set *set, const char *path, char *why, size_t len)
{
	const struct bulkhead_cell *root = set_root(set);
	const struct bulkhead_mem_region *mem = bulkhead_cell_mem_regions(root);
	const struct bulkhead_mem_region *hv = &set_system(set)->hypervisor_memory;
	u64 limit, low, start, size;
	char text[4096] = "";
	unsigned int n;
	FILE *file = fopen(path, "re");

	if (!file)
		return hvctl_reject(-1, why, len, "%s: cannot open: %s", path, strerror(errno));
	if (!fgets(text, sizeof(text), file))
		text[0] = '\0';
	fclose(file);
	limit = parse_mem_limit(text);
	if (!limit)
		return hvctl_reject(-1, why, len,
				    "%s: no mem= on the command line: Linux uses "
				    "all RAM its device tree gives it (give --iomem FILE instead)",
				    path);
	/* Walk the known RAM pieces upwards from the lowest, taking @limit bytes. */
	for (low = 0; limit;) {
		start = ~0ULL;
		size = 0;
		for (n = 0; n < root->num_mem_regions; n++)
			if (!(mem[n].flags & BULKHEAD_MEM_IO) && mem[n].phys_start >= low &&
			    mem[n].phys_start < start) {
				start = mem[n].phys_start;
				size = mem[n].size;
			}
		if (hv->phys_start >= low && hv->phys_start < start) {
			start = hv->phys_start;
			size = hv->size;
		}
		if (!size)
			break;
		size = size < limit ? size : limit;
		add_ram(set, start, size);
		limit -= size;
		low = start + size;
	}
	snprintf(set->ram_source, sizeof(set->ram_source), "mem= in %s", path);
	return 0;
}
