// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual SPIs: the interrupts of devices the hypervisor emulates for a cell
 * (its config's bulkhead_vdevice entries). No physical interrupt backs them,
 * so their whole distributor state (enable, pending latch, active, priority,
 * group, trigger mode, route) is kept here, per cell, and the distributor
 * emulation (vgic.c) serves it next to the physical SPIs the cell owns.
 *
 * One goes into a list register without the HW bit and with an EOI
 * maintenance request: when the guest deactivates it, the maintenance
 * interrupt hands it back here, and a level-sensitive one whose line is
 * still high is pending again at once. Between being handed to a CPU and
 * its deactivation the interrupt belongs to that CPU (struct vspi.cpu): it
 * is never in two list registers at once.
 */
#include <bulkhead/control.h>
#include <asm/gic.h>

static struct vspi *vspi_find(struct cell *cell, unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < cell->arch.num_vspis; n++)
		if (cell->arch.vspis[n].intid == intid)
			return &cell->arch.vspis[n];
	return NULL;
}

u32 vspi_bits(const struct cell *cell, unsigned int first)
{
	u32 bits = 0;
	unsigned int n;

	for (n = 0; n < cell->arch.num_vspis; n++)
		if (cell->arch.vspis[n].intid - first < 32)
			bits |= 1U << (cell->arch.vspis[n].intid - first);
	return bits;
}

void vspi_cell_init(struct cell *cell)
{
	const struct bulkhead_vdevice *vdev = bulkhead_cell_vdevices(cell->config);
	unsigned int n;

	/* Checked: SPIs that exist, none twice, none the cell owns (config.c, cell_check.c). */
	for (n = 0; n < cell->config->num_vdevices; n++)
		cell->arch.vspis[n] = (struct vspi){ .intid = vdev[n].irq, .cpu = -1 };
	cell->arch.num_vspis = cell->config->num_vdevices;
}

/* The cell's CPU whose virtual affinity is @route (GICD_IROUTER layout), or NULL. */
struct per_cpu *vgic_vcpu_by_route(struct cell *cell, u64 route)
{
	unsigned int id;

	for_each_cpu(id, cell->cpu_set)
		if (gic_mpidr_to_irouter(per_cpu(id)->arch.vmpidr) == (route & IROUTER_AFF_MASK))
			return per_cpu(id);
	return NULL;
}

static bool vspi_pending(const struct vspi *v)
{
	return v->latch || (!v->edge && v->line);
}

/*
 * Hands @v to the CPU it is routed to if it can be signalled now: enabled,
 * pending, not active, its group enabled, and not already handed out.
 * Under the cell's vgic_lock.
 */
static void vspi_update(struct cell *cell, struct vspi *v)
{
	struct per_cpu *target;

	if (v->cpu >= 0 || !v->enabled || v->active || !vspi_pending(v) ||
	    !vgic_group_enabled(cell, vgic_spi_group1(cell, v->intid)))
		return;
	target = vgic_vcpu_by_route(cell, v->route);
	/* Routed to no CPU of the cell: it waits, as on hardware. */
	if (!target)
		return;
	v->cpu = target->id;
	vgic_queue_virq(target, v->intid);
	if (target != this_cpu())
		arch_cpu_kick(target);
}

void vspi_update_all(struct cell *cell)
{
	unsigned int n;

	spin_lock(&cell->arch.vgic_lock);
	for (n = 0; n < cell->arch.num_vspis; n++)
		vspi_update(cell, &cell->arch.vspis[n]);
	spin_unlock(&cell->arch.vgic_lock);
}

void arch_virtual_irq_set(struct cell *cell, unsigned int intid, bool level)
{
	struct vspi *v = vspi_find(cell, intid);

	if (!v)
		return;
	spin_lock(&cell->arch.vgic_lock);
	if (v->edge && level && !v->line)
		v->latch = true;
	v->line = level;
	vspi_update(cell, v);
	spin_unlock(&cell->arch.vgic_lock);
}

void vspi_cell_reset(struct cell *cell, u64 route)
{
	struct vspi *v;
	unsigned int n;

	spin_lock(&cell->arch.vgic_lock);
	for (n = 0; n < cell->arch.num_vspis; n++) {
		v = &cell->arch.vspis[n];
		/* The line is the device's: only the distributor's state resets. */
		*v = (struct vspi){ .intid = v->intid, .line = v->line, .cpu = -1, .route = route };
	}
	spin_unlock(&cell->arch.vgic_lock);
}

/* One field of @v in a register of the bank at @bank; @write: @val is what was written. */
static u32 vspi_field(struct vspi *v, u64 bank, bool write, u32 val)
{
	switch (bank) {
	case GICD_ISENABLER:
	case GICD_ICENABLER:
		if (write && val)
			v->enabled = bank == GICD_ISENABLER;
		return v->enabled;
	case GICD_ISPENDR:
	case GICD_ICPENDR:
		/* A level-sensitive one stays pending while its line is high. */
		if (write && val)
			v->latch = bank == GICD_ISPENDR;
		return vspi_pending(v) || (v->cpu >= 0 && !v->in_lr);
	case GICD_ISACTIVER:
	case GICD_ICACTIVER:
		if (write && val)
			v->active = bank == GICD_ISACTIVER;
		return v->active || v->in_lr;
	case GICD_IPRIORITYR:
		if (write)
			v->priority = val;
		return v->priority;
	case GICD_ICFGR:
		if (write)
			v->edge = val & 2;
		return v->edge ? 2 : 0;
	default:
		/* Groups are served with the physical SPIs' (vgic.c). */
		return 0;
	}
}

u32 vspi_bank_access(struct cell *cell, u64 bank, unsigned int bits, unsigned int first,
		     unsigned int count, bool write, u32 val)
{
	u32 field = (1U << bits) - 1, result = 0;
	unsigned int n, shift;
	struct vspi *v;

	spin_lock(&cell->arch.vgic_lock);
	for (n = 0; n < cell->arch.num_vspis; n++) {
		v = &cell->arch.vspis[n];
		if (v->intid < first || v->intid >= first + count)
			continue;
		shift = (v->intid - first) * bits;
		result |= vspi_field(v, bank, write, (val >> shift) & field) << shift;
		vspi_update(cell, v);
	}
	spin_unlock(&cell->arch.vgic_lock);
	return result;
}

bool vspi_irouter_access(struct cell *cell, unsigned int intid, struct mmio_access *access)
{
	struct vspi *v = vspi_find(cell, intid);

	if (!v)
		return false;
	spin_lock(&cell->arch.vgic_lock);
	if (!access->write) {
		access->value = access->size == 8 ? v->route :
				(u32)(v->route >> (access->addr & 4) * 8);
	} else {
		/* One of N (IRM) is not implemented: the bit is RAZ/WI (GICD_TYPER.No1N). */
		v->route = access->value & IROUTER_AFF_MASK;
		vspi_update(cell, v);
	}
	spin_unlock(&cell->arch.vgic_lock);
	return true;
}

bool vspi_set_pending(struct cell *cell, unsigned int intid, bool pending)
{
	struct vspi *v = vspi_find(cell, intid);

	if (!v)
		return false;
	spin_lock(&cell->arch.vgic_lock);
	v->latch = pending;
	vspi_update(cell, v);
	spin_unlock(&cell->arch.vgic_lock);
	return true;
}

u8 vspi_priority(struct cell *cell, unsigned int intid)
{
	struct vspi *v = vspi_find(cell, intid);

	return v ? v->priority : 0;
}

enum vspi_take vspi_take(struct per_cpu *cpu, unsigned int intid, u64 *lr)
{
	struct cell *cell = cpu->cell;
	struct vspi *v = vspi_find(cell, intid);
	enum vspi_take result = VSPI_DROP;

	if (!v)
		return VSPI_PHYSICAL;
	spin_lock(&cell->arch.vgic_lock);
	if (v->cpu != (s16)cpu->id || v->in_lr) {
		/* Handed back meanwhile (a reset): the queue entry is stale. */
	} else if (!v->enabled || v->active || !vspi_pending(v) ||
		   !vgic_group_enabled(cell, vgic_spi_group1(cell, v->intid))) {
		/* Disabled or cleared since it was queued: back to the distributor. */
		v->cpu = -1;
	} else {
		v->in_lr = true;
		v->lr_latch = v->latch;
		v->latch = false;
		*lr = intid | LR_EOI | (vgic_spi_group1(cell, intid) ? LR_GROUP1 : 0) |
		      ((u64)v->priority << LR_PRIORITY_SHIFT);
		result = VSPI_TAKEN;
	}
	spin_unlock(&cell->arch.vgic_lock);
	return result;
}

void vspi_lr_returned(struct per_cpu *cpu, unsigned int intid, bool unseen)
{
	struct cell *cell = cpu->cell;
	struct vspi *v = vspi_find(cell, intid);

	if (!v)
		return;
	spin_lock(&cell->arch.vgic_lock);
	if (v->cpu == (s16)cpu->id && v->in_lr) {
		if (unseen)
			v->latch |= v->lr_latch;
		v->cpu = -1;
		v->in_lr = false;
		vspi_update(cell, v);
	}
	spin_unlock(&cell->arch.vgic_lock);
}

void vspi_cpu_release(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	unsigned int n;

	spin_lock(&cell->arch.vgic_lock);
	for (n = 0; n < cell->arch.num_vspis; n++) {
		if (cell->arch.vspis[n].cpu != (s16)cpu->id)
			continue;
		cell->arch.vspis[n].cpu = -1;
		cell->arch.vspis[n].in_lr = false;
		vspi_update(cell, &cell->arch.vspis[n]);
	}
	spin_unlock(&cell->arch.vgic_lock);
}
