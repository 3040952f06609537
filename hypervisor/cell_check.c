// SPDX-License-Identifier: GPL-2.0
/*
 * What a cell create checks before anything changes: the new cell's name,
 * CPUs, memory, interrupts and channel memory against the root, the other
 * cells, the channels and what the hypervisor keeps. Each check prints one
 * line naming the cell, the field, its index and the value, and returns a
 * negative errno; none changes anything but the new cell's interrupt
 * bitmap. Called under the cell manager's lock (cell.c).
 */
#include <bulkhead/cell_check.h>
#include <bulkhead/config_check.h>
#include <bulkhead/errno.h>
#include <bulkhead/integrity.h>
#include <bulkhead/printk.h>

/* The root config region that holds all of [phys, phys + size), or NULL. */
const struct bulkhead_mem_region *root_region_holding(u64 phys, u64 size)
{
	return config_region_holding(root_cell.config, phys, size);
}

/* The cell (other than @except) that took [phys, phys + size) from the root. */
struct cell *cell_holding(u64 phys, u64 size, const struct cell *except)
{
	const struct bulkhead_mem_region *region;
	struct cell *other;
	unsigned int id, r;

	for (id = 1; id <= system_desc()->max_cells; id++) {
		other = cell_by_id(id);
		if (!other || other == except)
			continue;
		region = bulkhead_cell_mem_regions(other->config);
		for (r = 0; r < other->config->num_mem_regions; r++, region++)
			if (ranges_overlap(phys, size, region->phys_start, region->size))
				return other;
	}
	return NULL;
}

int check_name_unused(const struct cell *cell)
{
	const struct cell *other = cell_by_name(cell->name);

	if (other == &root_cell)
		cell_error(cell->name, "name is already used by the root cell");
	else if (other)
		cell_error(cell->name, "name is already used by cell %u", other->id);
	return other ? -EEXIST : 0;
}

/*
 * Each CPU must be the root's and not CPU 0; parked too (offline in Linux)
 * if @need_parked: Linux lets go of them only once the cell is known to fit.
 */
int check_cpus_available(const struct cell *cell, bool need_parked)
{
	u64 set = cell->config->cpu_set;
	struct per_cpu *cpu;
	unsigned int id;

	for_each_cpu(id, set) {
		if (id >= hypervisor_header.max_cpus) {
			cell_error(cell->name, "cpus: CPU %u does not exist (%u CPUs)", id,
				   hypervisor_header.max_cpus);
			return -EINVAL;
		}
		if (id == 0) {
			cell_error(cell->name, "cpus: CPU 0 stays with the root cell");
			return -EINVAL;
		}
		cpu = per_cpu(id);
		if (!(root_cell.cpu_set & BIT_ULL(id))) {
			cell_error(cell->name, "cpus: CPU %u belongs to cell \"%s\", not the root",
				   id, cpu->cell ? cpu->cell->name : "(none: offline at enable)");
			return -EBUSY;
		}
		if (need_parked && (cpu->state != BULKHEAD_CPU_PARKED || cpu->wake_pending)) {
			cell_error(cell->name, "cpus: CPU %u is still online in the root cell", id);
			return -EBUSY;
		}
	}
	if (!(root_cell.cpu_set & ~set)) {
		cell_error(cell->name, "cpus: the root cell would have no CPU left");
		return -EINVAL;
	}
	return 0;
}

/* config_region_place()'s view of what we keep: the interrupt controller's frames. */
static bool reserved_device(u64 phys, u64 size, const void *unused)
{
	return arch_reserved_device(phys, size);
}

/* Region @n of @cell against the system config: 0, or the errno of its refusal. */
static int check_region_placed(const struct cell *cell, unsigned int n)
{
	const struct bulkhead_mem_region *region = &bulkhead_cell_mem_regions(cell->config)[n];
	const struct bulkhead_mem_region *root;

	switch (config_region_place(system_config, region, reserved_device, NULL, &root)) {
	case CONFIG_REGION_OK:
		return 0;
	case CONFIG_REGION_HV_MEMORY:
		cell_error(cell->name, "memory region %u (0x%llx+0x%llx) overlaps the "
			   "hypervisor's memory", n, region->phys_start, region->size);
		return -EINVAL;
	case CONFIG_REGION_NOT_ROOT:
		cell_error(cell->name, "memory region %u (0x%llx+0x%llx) is not inside "
			   "one region of the root cell", n, region->phys_start, region->size);
		return -EINVAL;
	case CONFIG_REGION_KIND_DIFFERS:
		cell_error(cell->name, "memory region %u (0x%llx+0x%llx) is %s, but the "
			   "root cell maps it as %s", n, region->phys_start, region->size,
			   region->flags & BULKHEAD_MEM_IO ? "io" : "memory",
			   root->flags & BULKHEAD_MEM_IO ? "io" : "memory");
		return -EINVAL;
	case CONFIG_REGION_KEPT_DEVICE:
		cell_error(cell->name, "memory region %u (0x%llx+0x%llx) overlaps a device "
			   "the hypervisor keeps (interrupt controller or debug console)",
			   n, region->phys_start, region->size);
		return -EINVAL;
	case CONFIG_REGION_ROOT_DMA:
		cell_error(cell->name, "memory region %u (0x%llx+0x%llx) is part of root "
			   "device region %u (0x%llx+0x%llx), which can master DMA: no "
			   "IOMMU confines it, so no cell may have it", n,
			   region->phys_start, region->size,
			   (unsigned int)(root - bulkhead_cell_mem_regions(root_cell.config)),
			   root->phys_start, root->size);
		break;
	}
	/* A device no cell may have: the policy refuses, the config is well-formed. */
	return -EPERM;
}

int check_regions_owned(const struct cell *cell)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	const struct cell *other;
	const char *channel;
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_mem_regions; n++, region++) {
		err = check_region_placed(cell, n);
		if (err)
			return err;
		other = cell_holding(region->phys_start, region->size, NULL);
		if (other) {
			cell_error(cell->name, "memory region %u (0x%llx+0x%llx) overlaps memory of "
				   "cell \"%s\"", n, region->phys_start, region->size,
				   other->name);
			return -EBUSY;
		}
		channel = channel_memory_user(region->phys_start, region->size, cell);
		if (channel) {
			cell_error(cell->name, "memory region %u (0x%llx+0x%llx) overlaps the memory "
				   "of channel \"%s\"", n, region->phys_start, region->size,
				   channel);
			return -EBUSY;
		}
		if (arch_root_device_tables(region->phys_start, region->size)) {
			cell_error(cell->name, "memory region %u (0x%llx+0x%llx) holds tables the "
				   "root's interrupt controller writes", n, region->phys_start,
				   region->size);
			return -EBUSY;
		}
	}
	return 0;
}

/*
 * Memory a new channel takes from the root: plain root RAM that no cell,
 * other channel or device we keep uses.
 */
int check_channel_memory_free(const struct cell *cell)
{
	const struct bulkhead_mem_region *hv = &system_desc()->hypervisor_memory;
	const struct channel_end *end = cell->channels;
	const struct cell *other;
	const char *channel;
	unsigned int n;

	for (n = 0; n < cell->config->num_channels; n++, end++) {
		if (!end->holds_memory)
			continue;
		if (!config_in_ram(root_cell.config, end->desc->phys_start, end->desc->size) ||
		    ranges_overlap(end->desc->phys_start, end->desc->size, hv->phys_start,
				   hv->size)) {
			cell_error(cell->name, "channel \"%s\": memory 0x%llx+0x%llx is not inside one "
				   "RAM region of the root cell", end->desc->name,
				   end->desc->phys_start, end->desc->size);
			return -EINVAL;
		}
		channel = channel_memory_user(end->desc->phys_start, end->desc->size, cell);
		if (channel) {
			cell_error(cell->name, "channel \"%s\": memory 0x%llx+0x%llx overlaps channel "
				   "\"%s\"", end->desc->name, end->desc->phys_start,
				   end->desc->size, channel);
			return -EBUSY;
		}
		other = cell_holding(end->desc->phys_start, end->desc->size, NULL);
		if (other || arch_reserved_device(end->desc->phys_start, end->desc->size) ||
		    arch_root_device_tables(end->desc->phys_start, end->desc->size)) {
			cell_error(cell->name, "channel \"%s\": memory 0x%llx+0x%llx overlaps %s%s%s",
				   end->desc->name, end->desc->phys_start, end->desc->size,
				   other ? "memory of cell \"" : "the interrupt controller or its tables",
				   other ? other->name : "", other ? "\"" : "");
			return -EBUSY;
		}
	}
	return 0;
}

/* Each interrupt must still be the root's; builds the cell's bitmap. */
int check_irqs_owned(struct cell *cell)
{
	const u32 *irq = bulkhead_cell_irqs(cell->config);
	const struct cell *other = NULL;
	const char *channel;
	unsigned int n, id;

	for (n = 0; n < cell->config->num_irqs; n++) {
		if (irq[n] >= arch_num_irqs()) {
			cell_error(cell->name, "interrupts: %u does not exist (the machine has "
				   "interrupt sources up to %u)", irq[n], arch_num_irqs() - 1);
			return -EINVAL;
		}
		if (irq[n] == system_desc()->event_irq) {
			cell_error(cell->name, "interrupts: %u is the root's event_irq", irq[n]);
			return -EBUSY;
		}
		channel = root_doorbell_channel(irq[n]);
		if (channel) {
			cell_error(cell->name, "interrupts: %u is the root's doorbell of channel "
				   "\"%s\"", irq[n], channel);
			return -EBUSY;
		}
		if (cell_owns_irq(&root_cell, irq[n])) {
			cell_take_irq(cell, irq[n]);
			continue;
		}
		for (id = 1; id <= system_desc()->max_cells && !other; id++)
			if (cell_by_id(id) && cell_owns_irq(cell_by_id(id), irq[n]))
				other = cell_by_id(id);
		cell_error(cell->name, "interrupts: %u belongs to cell \"%s\", not the root",
			   irq[n], other ? other->name : "?");
		return -EBUSY;
	}
	return 0;
}

/*
 * Emulated devices sit where the cell sees the board's devices: never on
 * the interrupt controller it sees at the board's addresses, and with an
 * interrupt the controller has.
 */
int check_vdevices_placed(const struct cell *cell)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_vdevices; n++, dev++) {
		/* The cell sees the devices we keep (arm64: its GIC) at the machine's addresses. */
		if (arch_reserved_device(dev->address, BULKHEAD_VDEV_SIZE)) {
			cell_error(cell->name, "vdevice %u at 0x%llx overlaps the interrupt "
				   "controller the cell sees there", n, dev->address);
			return -EINVAL;
		}
		if (dev->irq >= arch_num_irqs()) {
			cell_error(cell->name, "vdevice %u: irq %u does not exist (the machine has "
				   "interrupt sources up to %u)", n, dev->irq, arch_num_irqs() - 1);
			return -EINVAL;
		}
	}
	return 0;
}

const struct bulkhead_mem_region *cell_region_seen_at(const struct cell *cell, u64 addr,
							u64 size, u32 flags)
{
	const struct bulkhead_mem_region *region = bulkhead_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_mem_regions; n++, region++)
		if ((region->flags & flags) == flags &&
		    !(region->flags & (BULKHEAD_MEM_IO | BULKHEAD_MEM_IMAGE_STORE)) &&
		    addr >= region->virt_start && size <= region->size &&
		    addr - region->virt_start <= region->size - size)
			return region;
	return NULL;
}

u64 image_store_offset(const struct bulkhead_boot_params *boot, unsigned int n)
{
	u64 offset = 0;
	unsigned int i;

	for (i = 0; i < n; i++)
		offset += ALIGN_UP(boot->segments[i].size, 8);
	return offset;
}

int check_boot_params(const struct cell *cell, const struct bulkhead_boot_params *boot)
{
	u64 needed, addr, size;
	unsigned int n;

	if (boot->num_segments > BULKHEAD_BOOT_MAX_SEGMENTS) {
		cell_error(cell->name, "boot parameters: %u segments, at most %u allowed",
			   boot->num_segments, BULKHEAD_BOOT_MAX_SEGMENTS);
		return -EINVAL;
	}
	if (integrity_check_params(cell, boot))
		return -EINVAL;
	if ((boot->entry & 3) ||
	    !cell_region_seen_at(cell, boot->entry, 4, BULKHEAD_MEM_EXECUTE)) {
		cell_error(cell->name, "boot parameters: entry 0x%llx is not a 4-byte aligned "
			   "address in an executable memory region of the cell", boot->entry);
		return -EINVAL;
	}
	for (n = 0; n < boot->num_segments; n++) {
		addr = boot->segments[n].address;
		size = boot->segments[n].size;
		/* Inside a region, a size is below the 40-bit IPA limit: sums cannot wrap. */
		if (!size || !cell_region_seen_at(cell, addr, size, BULKHEAD_MEM_LOADABLE)) {
			cell_error(cell->name, "boot segment %u (0x%llx+0x%llx) is %s", n, addr,
				   size, size ? "not inside one loadable memory region of the cell" :
				   "empty");
			return -EINVAL;
		}
	}
	needed = image_store_offset(boot, boot->num_segments);
	if (cell->store && needed > cell->store->size) {
		cell_error(cell->name, "boot segments need 0x%llx bytes of image store, its "
			   "image-store region (0x%llx+0x%llx) has 0x%llx", needed,
			   cell->store->phys_start, cell->store->size, cell->store->size);
		return -ENOSPC;
	}
	return 0;
}
