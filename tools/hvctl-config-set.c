// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config check, the set (hvctl-config-check.h): the creates of the
 * cells, replayed in order over the configs, against the rules a create
 * checks at run time (hypervisor/cell_check.c, channel.c). The policy and
 * the root's regions go through the validator's shared helpers
 * (hypervisor/config.c); the ownership rules (CPUs, memory, devices,
 * interrupts, channel ends) are held against the earlier cells of the set,
 * as the hypervisor holds them against the cells that exist. What only the
 * running machine knows (how many interrupts the GIC has, which CPUs are
 * online, where Linux put its interrupt tables) is not judged here.
 */
#include <stdio.h>
#include <string.h>

#include "hvctl.h"
#include "hvctl-config-check.h"
#include <bulkhead/config_check.h>
#include <bulkhead/config_arch.h>

/* The cell @cfg names @name: the root, or a cell of the set created before @upto. */
static const struct check_config *find_cell(const struct check_set *set, const char *name,
					    unsigned int upto)
{
	unsigned int n;

	for (n = 0; n < upto; n++)
		if (set->valid[n] && same_name(config_cell(&set->configs[n])->name, name))
			return &set->configs[n];
	return NULL;
}

static unsigned int index_of(const struct check_set *set, const struct check_config *cfg)
{
	return (unsigned int)(cfg - set->configs);
}

static u64 cpus_of_root(const struct check_set *set)
{
	return set_root(set)->cpu_set;
}

/*
 * The devices the hypervisor keeps that @phys..+@size touches, or NULL: the
 * platform's, as the config's arch names them (arm64: the GIC's frames), and
 * the debug console. The set's configs passed the validator: their arch is known.
 */
static const char *kept_device(const struct check_set *set, u64 phys, u64 size, bool console)
{
	const struct bulkhead_config_header *hdr = set->configs[0].hdr;
	const struct bulkhead_system *sys = set_system(set);
	const char *device = config_arch_find(hdr->arch)->kept_device(hdr, phys, size);

	if (device)
		return device;
	if (console && sys->debug_console.size &&
	    ranges_overlap(phys, size, sys->debug_console.address, sys->debug_console.size))
		return "the debug console";
	return NULL;
}

/* Which earlier config's channel (root included) uses memory @phys..+@size; its index. */
static const struct check_config *channel_user(const struct check_set *set, u64 phys, u64 size,
					       unsigned int upto, unsigned int *idx)
{
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	unsigned int n, k;

	for (n = 0; n < upto; n++) {
		if (!set->valid[n])
			continue;
		cell = config_cell(&set->configs[n]);
		ch = bulkhead_cell_channels(cell);
		for (k = 0; k < cell->num_channels; k++) {
			if (!ranges_overlap(phys, size, ch[k].phys_start, ch[k].size))
				continue;
			*idx = k;
			return &set->configs[n];
		}
	}
	return NULL;
}

/* Which earlier cell (not the root) has a region on @phys..+@size; its index. */
static const struct check_config *memory_user(const struct check_set *set, u64 phys, u64 size,
					      unsigned int upto, unsigned int *idx)
{
	const struct bulkhead_mem_region *mem;
	const struct bulkhead_cell *cell;
	unsigned int n, r;

	for (n = 1; n < upto; n++) {
		if (!set->valid[n])
			continue;
		cell = config_cell(&set->configs[n]);
		mem = bulkhead_cell_mem_regions(cell);
		for (r = 0; r < cell->num_mem_regions; r++) {
			if (!ranges_overlap(phys, size, mem[r].phys_start, mem[r].size))
				continue;
			*idx = r;
			return &set->configs[n];
		}
	}
	return NULL;
}

/* " of cell "x" (FILE)": who holds something. */
static const char *holder(const struct check_config *cfg, char *buf, size_t len)
{
	snprintf(buf, len, "cell \"%.*s\" (%s)", BULKHEAD_CELL_NAME_LEN, config_cell(cfg)->name,
		 cfg->file);
	return buf;
}

/* Name, room among max-cells, and the policy for each of its channels. */
static void check_cell_admission(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_cell *cell = config_cell(cfg);
	char who[CELLC_PATH_LEN], line[320];
	unsigned int k, created = 0;

	other = find_cell(set, cell->name, n);
	if (other)
		check_error(set, cfg, ITEM_CELL, 0, "name \"%s\" is taken by %s", cell->name,
			    other == &set->configs[0] ? "the root cell"
						      : holder(other, who, sizeof(who)));
	for (k = 1; k < n; k++)
		created += set->valid[k];
	if (created >= set_system(set)->max_cells)
		check_error(set, cfg, ITEM_CELL, 0,
			    "max-cells is %u in the system config: this is cell %u of the set",
			    set_system(set)->max_cells, created + 1);
	for (k = 0; k < cell->num_channels; k++) {
		if (!config_check_channel_policy(set->configs[0].hdr, cell, k))
			continue;
		hvctl_check_validator_text(line, sizeof(line));
		/* Drop the validator's label: the node says which channel. */
		check_error(set, cfg, ITEM_CHANNEL, k, "%s",
			    strstr(line, "\": ") ? strstr(line, "\": ") + 3 : line);
	}
}

static void check_cell_cpus(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	u64 set_cpus = config_cell(cfg)->cpu_set, taken = 0, root = cpus_of_root(set);
	char who[CELLC_PATH_LEN];
	unsigned int id, k;

	for (id = 0; id < BULKHEAD_MAX_CPUS; id++) {
		if (!(set_cpus & BIT_ULL(id)))
			continue;
		if (id == 0) {
			check_error(set, cfg, ITEM_CELL, 0, "CPU 0 stays with the root cell");
			continue;
		}
		if (!(root & BIT_ULL(id))) {
			check_error(set, cfg, ITEM_CELL, 0,
				    "CPU %u is not one of the root cell's CPUs (0x%llx)",
				    id, (unsigned long long)root);
			continue;
		}
		for (k = 1; k < n; k++) {
			if (!set->valid[k] ||
			    !(config_cell(&set->configs[k])->cpu_set & BIT_ULL(id)))
				continue;
			check_error(set, cfg, ITEM_CELL, 0, "CPU %u is given to %s already", id,
				    holder(&set->configs[k], who, sizeof(who)));
			break;
		}
	}
	for (k = 1; k <= n; k++)
		taken |= (set->valid[k] || k == n) ? config_cell(&set->configs[k])->cpu_set : 0;
	if (root && !(root & ~taken))
		check_error(set, cfg, ITEM_CELL, 0,
			    "the root cell would have no CPU left (it has "
			    "0x%llx, the cells so far take 0x%llx)",
			    (unsigned long long)root, (unsigned long long)taken);
}

/* config_region_place()'s view of the platform devices the hypervisor keeps, in set @arg. */
static bool platform_device(u64 phys, u64 size, const void *arg)
{
	return kept_device(arg, phys, size, false) != NULL;
}

/* Region @r of cell @n against the root's regions and what the hypervisor keeps. */
static void check_region_in_root(struct check_set *set, unsigned int n, unsigned int r)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_mem_region *mem = &bulkhead_cell_mem_regions(config_cell(cfg))[r];
	const struct bulkhead_mem_region *hv = &set_system(set)->hypervisor_memory;
	const struct bulkhead_mem_region *root;
	u64 end = mem->phys_start + mem->size - 1;

	switch (config_region_place(set->configs[0].hdr, mem, platform_device, set, &root)) {
	case CONFIG_REGION_OK:
		break;
	case CONFIG_REGION_HV_MEMORY:
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx overlaps the hypervisor's memory 0x%llx-0x%llx",
			    mem->phys_start, end, hv->phys_start, hv->phys_start + hv->size - 1);
		break;
	case CONFIG_REGION_NOT_ROOT:
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx is not inside one region of the root cell (%s)",
			    mem->phys_start, end, set->configs[0].file);
		break;
	case CONFIG_REGION_KIND_DIFFERS:
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx is %s, but the root cell maps it as %s (0x%llx-0x%llx)",
			    mem->phys_start, end, mem->flags & BULKHEAD_MEM_IO ? "io" : "memory",
			    root->flags & BULKHEAD_MEM_IO ? "io" : "memory", root->phys_start,
			    root->phys_start + root->size - 1);
		break;
	case CONFIG_REGION_KEPT_DEVICE:
		check_error(set, cfg, ITEM_REGION, r, "0x%llx-0x%llx overlaps %s, which the "
			    "hypervisor keeps", mem->phys_start, end,
			    kept_device(set, mem->phys_start, mem->size, true));
		break;
	case CONFIG_REGION_ROOT_DMA:
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx is part of root device region 0x%llx-0x%llx, which can "
			    "master DMA: no IOMMU confines it, so no cell may have it",
			    mem->phys_start, end, root->phys_start, root->phys_start + root->size - 1);
		break;
	}
}

/* Region @r of cell @n against the earlier cells' memory and every channel's. */
static void check_region_free(struct check_set *set, unsigned int n, unsigned int r)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_mem_region *mem = &bulkhead_cell_mem_regions(config_cell(cfg))[r];
	char who[CELLC_PATH_LEN];
	unsigned int idx;

	other = memory_user(set, mem->phys_start, mem->size, n, &idx);
	if (other)
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx overlaps memory region %u of %s", mem->phys_start,
			    mem->phys_start + mem->size - 1, idx, holder(other, who, sizeof(who)));
	other = channel_user(set, mem->phys_start, mem->size, n, &idx);
	if (other)
		check_error(set, cfg, ITEM_REGION, r,
			    "0x%llx-0x%llx overlaps the memory of channel \"%s\" of %s",
			    mem->phys_start, mem->phys_start + mem->size - 1,
			    bulkhead_cell_channels(config_cell(other))[idx].name,
			    holder(other, who, sizeof(who)));
}

/* Who has interrupt @irq before cell @n: a text for the message, or NULL. */
static const char *irq_owner(const struct check_set *set, u32 irq, unsigned int n, char *buf,
			     size_t len)
{
	const struct bulkhead_channel *ch;
	const struct bulkhead_cell *cell;
	char who[CELLC_PATH_LEN];
	unsigned int k, i;

	if (irq == set_system(set)->event_irq)
		return "the root's event-irq";
	for (k = 0; k < n; k++) {
		if (!set->valid[k])
			continue;
		cell = config_cell(&set->configs[k]);
		holder(&set->configs[k], who, sizeof(who));
		ch = bulkhead_cell_channels(cell);
		for (i = 0; i < cell->num_channels; i++) {
			if (ch[i].doorbell_irq != irq)
				continue;
			snprintf(buf, len, "the doorbell of channel \"%s\" of %s", ch[i].name,
				 k ? who : "the root cell");
			return buf;
		}
		for (i = 0; k && i < cell->num_irqs; i++) {
			if (bulkhead_cell_irqs(cell)[i] != irq)
				continue;
			snprintf(buf, len, "%s", who);
			return buf;
		}
	}
	return NULL;
}

static void check_cell_irqs(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_cell *cell = config_cell(cfg);
	char owner[CELLC_PATH_LEN * 2];
	unsigned int i;

	for (i = 0; i < cell->num_irqs; i++)
		if (irq_owner(set, bulkhead_cell_irqs(cell)[i], n, owner, sizeof(owner)))
			check_error(set, cfg, ITEM_IRQ, i, "interrupt %u is taken by %s",
				    bulkhead_cell_irqs(cell)[i], owner);
}

static void check_cell_vdevices(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_cell *cell = config_cell(cfg);
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell);
	const char *device;
	unsigned int i;

	for (i = 0; i < cell->num_vdevices; i++) {
		/* The cell sees the kept devices (arm64: its GIC) at the machine's addresses. */
		device = kept_device(set, dev[i].address, BULKHEAD_VDEV_SIZE, false);
		if (device)
			check_error(set, cfg, ITEM_VDEVICE, i,
				    "0x%llx overlaps %s, which the cell sees there",
				    dev[i].address, device);
	}
}

/* The end cell @n declares, channel @k, against the peer's end (created before it). */
static void check_channel_peer(struct check_set *set, unsigned int n, unsigned int k,
			       const struct check_config *peer)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(config_cell(cfg))[k];
	const struct bulkhead_cell *peer_cell = config_cell(peer);
	const struct bulkhead_channel *other = bulkhead_cell_channels(peer_cell);
	char who[CELLC_PATH_LEN];
	unsigned int i;

	holder(peer, who, sizeof(who));
	for (i = 0; i < peer_cell->num_channels && !same_name(other[i].name, ch->name); i++)
		;
	if (i == peer_cell->num_channels) {
		check_error(set, cfg, ITEM_CHANNEL, k, "peer %s declares no channel \"%s\"", who,
			    ch->name);
		return;
	}
	if (!same_name(other[i].peer, config_cell(cfg)->name))
		check_error(set, cfg, ITEM_CHANNEL, k, "%s declares channel \"%s\" towards \"%s\"",
			    who, ch->name, other[i].peer);
	else if (other[i].phys_start != ch->phys_start || other[i].size != ch->size)
		check_error(set, cfg, ITEM_CHANNEL, k,
			    "memory 0x%llx+0x%llx differs from %s's 0x%llx+0x%llx",
			    ch->phys_start, ch->size, who, other[i].phys_start, other[i].size);
	else if (!(ch->flags & BULKHEAD_CHANNEL_WRITE) &&
		 !(other[i].flags & BULKHEAD_CHANNEL_WRITE))
		check_warning(set, cfg, ITEM_CHANNEL, k,
			      "neither end may write the memory (both access = \"read-only\")");
}

/* Memory of a channel whose first end cell @n is: it comes from the root's free RAM. */
static void check_channel_memory(struct check_set *set, unsigned int n, unsigned int k)
{
	const struct check_config *cfg = &set->configs[n], *other;
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(config_cell(cfg))[k];
	const struct bulkhead_mem_region *hv = &set_system(set)->hypervisor_memory;
	u64 end = ch->phys_start + ch->size - 1;
	char who[CELLC_PATH_LEN];
	const char *device;
	unsigned int idx;

	if (!config_in_ram(set_root(set), ch->phys_start, ch->size) ||
	    ranges_overlap(ch->phys_start, ch->size, hv->phys_start, hv->size))
		check_error(set, cfg, ITEM_CHANNEL, k,
			    "memory 0x%llx-0x%llx is not inside one RAM "
			    "region of the root cell (%s)",
			    ch->phys_start, end, set->configs[0].file);
	other = channel_user(set, ch->phys_start, ch->size, n, &idx);
	if (other)
		check_error(
			set, cfg, ITEM_CHANNEL, k,
			"memory 0x%llx-0x%llx overlaps channel \"%s\" of %s",
			ch->phys_start, end, bulkhead_cell_channels(config_cell(other))[idx].name,
			index_of(set, other) ? holder(other, who, sizeof(who)) : "the root cell");
	other = memory_user(set, ch->phys_start, ch->size, n, &idx);
	if (other)
		check_error(set, cfg, ITEM_CHANNEL, k,
			    "memory 0x%llx-0x%llx overlaps memory region %u of %s",
			    ch->phys_start, end, idx, holder(other, who, sizeof(who)));
	device = kept_device(set, ch->phys_start, ch->size, false);
	if (device)
		check_error(set, cfg, ITEM_CHANNEL, k, "memory 0x%llx-0x%llx overlaps %s",
			    ch->phys_start, end, device);
}

/* Channel names are system-wide: nobody but the peer may declare one of the same name. */
static void check_channel_name(struct check_set *set, unsigned int n, unsigned int k,
			       const struct check_config *peer)
{
	const struct check_config *cfg = &set->configs[n];
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(config_cell(cfg))[k];
	const struct bulkhead_cell *cell;
	char who[CELLC_PATH_LEN];
	unsigned int i, j;

	for (j = 0; j < n; j++) {
		if (!set->valid[j] || &set->configs[j] == peer)
			continue;
		cell = config_cell(&set->configs[j]);
		for (i = 0; i < cell->num_channels; i++)
			if (same_name(bulkhead_cell_channels(cell)[i].name, ch->name))
				check_error(set, cfg, ITEM_CHANNEL, k,
					    "the name is taken by a channel of %s",
					    j ? holder(&set->configs[j], who, sizeof(who))
					      : "the root cell");
	}
}

static void check_cell_channels(struct check_set *set, unsigned int n)
{
	const struct check_config *cfg = &set->configs[n], *peer;
	const struct bulkhead_channel *ch = bulkhead_cell_channels(config_cell(cfg));
	char owner[CELLC_PATH_LEN * 2];
	unsigned int k;

	for (k = 0; k < config_cell(cfg)->num_channels; k++) {
		peer = find_cell(set, ch[k].peer, n);
		check_channel_name(set, n, k, peer);
		if (peer)
			check_channel_peer(set, n, k, peer);
		else
			check_channel_memory(set, n, k);
		if (ch[k].doorbell_irq &&
		    irq_owner(set, ch[k].doorbell_irq, n, owner, sizeof(owner)))
			check_error(set, cfg, ITEM_CHANNEL, k, "doorbell-irq %u is taken by %s",
				    ch[k].doorbell_irq, owner);
	}
}

/* An end without doorbell-irq that the policy lets its peer ring: the rings go nowhere. */
static void check_doorbell_missing(struct check_set *set, const struct check_config *cfg,
				   unsigned int k, const struct check_config *peer)
{
	const struct bulkhead_channel *ch = &bulkhead_cell_channels(config_cell(cfg))[k];

	if (ch->doorbell_irq || !config_has_link(set->configs[0].hdr, ch->peer,
						 config_cell(cfg)->name))
		return;
	check_warning(set, cfg, ITEM_CHANNEL, k,
		      "no doorbell-irq, so \"%s\" cannot ring this end, though the policy lets it",
		      config_cell(peer)->name);
}

/* Ends that find no peer in the set, and ends their peer may but cannot ring. */
static void check_channel_ends(struct check_set *set)
{
	const struct check_config *cfg, *peer;
	const struct bulkhead_channel *ch;
	unsigned int n, k;

	for (n = 0; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		cfg = &set->configs[n];
		ch = bulkhead_cell_channels(config_cell(cfg));
		for (k = 0; k < config_cell(cfg)->num_channels; k++) {
			peer = find_cell(set, ch[k].peer, set->num_configs);
			if (peer)
				check_doorbell_missing(set, cfg, k, peer);
			/* The root's channels wait for cells that come and go. */
			else if (n)
				check_warning(set, cfg, ITEM_CHANNEL, k,
					      "peer \"%s\" is not in this set: the channel stays "
					      "unconnected", ch[k].peer);
		}
	}
}

void hvctl_check_creates(struct check_set *set)
{
	unsigned int n, r;

	for (n = 1; n < set->num_configs; n++) {
		if (!set->valid[n])
			continue;
		check_cell_admission(set, n);
		check_cell_cpus(set, n);
		for (r = 0; r < config_cell(&set->configs[n])->num_mem_regions; r++) {
			check_region_in_root(set, n, r);
			check_region_free(set, n, r);
		}
		check_cell_irqs(set, n);
		check_cell_vdevices(set, n);
		check_cell_channels(set, n);
	}
	check_channel_ends(set);
}
