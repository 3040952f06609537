// SPDX-License-Identifier: GPL-2.0
/*
 * The GICv3 redistributors as cells see them (vgic.c has the rest). The root
 * maps the SGI_base frames of its own CPUs; their RD_base frames trap for
 * the LPI table bases (gic-tables.c), and the frames of CPUs it gave away
 * trap here, where it reads only what it needs to tell frames apart.
 * Another cell sees its own CPUs' frames only, numbered from 0 like its
 * CPUs, with its own view of the SGIs' state and of groups, and the
 * hardware for its PPIs but the hypervisor's.
 */
#include <bulkhead/control.h>
#include <asm/gic.h>

/* The CPU of @cell whose redistributor frames hold @off, or NULL. */
static struct per_cpu *frame_owner(const struct cell *cell, u64 off)
{
	u64 phys = system_desc()->platform.arm64.gicr_base + off;
	unsigned int id;

	for_each_cpu(id, cell->cpu_set)
		if (phys - per_cpu(id)->arch.gicr_phys < per_cpu(id)->arch.gicr_span)
			return per_cpu(id);
	return NULL;
}

/*
 * SGIs are virtual: the cell's view of their enables and pendings. Returns
 * the SGI bits to read back.
 */
static u32 sgi_access(struct per_cpu *target, bool write, u32 bits, u64 reg)
{
	unsigned int n;

	bits &= CELL_SGIS;
	switch (reg) {
	case GICD_ISENABLER:
	case GICD_ICENABLER:
		if (write && reg == GICD_ISENABLER)
			target->arch.sgi_enabled |= bits;
		else if (write)
			target->arch.sgi_enabled &= ~bits;
		return target->arch.sgi_enabled;
	case GICD_ISPENDR:
		for (n = 0; write && n < 16; n++)
			if (bits & (1U << n))
				vgic_queue_virq(target, n);
		return 0;
	default:
		return 0;
	}
}

static void sgi_priority_access(struct per_cpu *target, struct mmio_access *access,
				unsigned int first)
{
	unsigned int n;
	u64 value = 0;

	for (n = 0; n < access->size && first + n < 16; n++) {
		if (!access->write)
			value |= (u64)target->arch.sgi_priority[first + n] << (n * 8);
		else if (CELL_SGIS & (1U << (first + n)))
			target->arch.sgi_priority[first + n] = (u8)(access->value >> (n * 8));
	}
	access->value = value;
}

/*
 * The one-bit-per-interrupt registers of a redistributor: PPIs physical, SGIs
 * virtual, groups virtual (the physical ones stay Group 1), IGRPMODR0 RAZ/WI
 * with one security state.
 */
static void private_bank_access(struct per_cpu *cpu, struct per_cpu *target,
				struct mmio_access *access, u64 reg)
{
	u8 *frame = target->arch.gicr + GICR_SGI_BASE;
	u32 written = (u32)access->value, sgis;

	if (reg == GICD_IGROUPR) {
		if (access->write)
			target->arch.private_group1 = written & (CELL_SGIS | CELL_PPIS);
		access->value = target->arch.private_group1;
		return;
	}
	if (reg == GICD_IGRPMODR) {
		access->value = 0;
		return;
	}
	vgic_filtered_access(access, frame + reg, CELL_PPIS, false);
	sgis = sgi_access(target, access->write, written, reg);
	if (!access->write)
		access->value = vgic_held_view(1ULL << target->id, 0, reg, access->value) | sgis;
	/* A newly pending or enabled SGI on another CPU: let it look. */
	if (access->write && target != cpu && (written & CELL_SGIS) &&
	    (reg == GICD_ISPENDR || reg == GICD_ISENABLER))
		arch_cpu_kick(target);
}

/* The SGI_base frame of a cell's CPU @target, register @reg. */
static enum mmio_result sgi_frame_access(struct per_cpu *cpu, struct per_cpu *target,
					 struct mmio_access *access, u64 reg)
{
	unsigned int first, n;
	u8 *frame;
	u32 mask;

	if (reg >= GICD_IGRPMODR + 4) {
		access->value = 0;
		return MMIO_HANDLED;
	}
	if (access->size != 4 && !(access->size == 1 && reg >= GICD_IPRIORITYR))
		return MMIO_ERROR;
	frame = target->arch.gicr + GICR_SGI_BASE;
	if (reg >= GICD_IPRIORITYR && reg < GICD_IPRIORITYR + 32) {
		first = reg - GICD_IPRIORITYR;
		if (first < 16) {
			sgi_priority_access(target, access, first);
			return MMIO_HANDLED;
		}
		for (mask = 0, n = 0; n < access->size; n++)
			if (CELL_PPIS & (1U << (first + n)))
				mask |= 0xffU << (n * 8);
		vgic_priority_access(access, frame + reg, mask);
		return MMIO_HANDLED;
	}
	if (reg <= GICD_ICACTIVER || reg == GICD_IGRPMODR) {
		private_bank_access(cpu, target, access, reg);
		return MMIO_HANDLED;
	}
	/* Trigger modes (ICFGR) are fixed for SGIs and this board's PPIs: read-only. */
	access->value = access->write || (reg != GICD_ICFGR && reg != GICD_ICFGR + 4) ? 0 :
			gic_read32(frame + reg);
	return MMIO_HANDLED;
}

/* GICR_TYPER of the cell's CPU @target, the @index-th of its @count. */
static u64 virtual_typer(const struct per_cpu *target, unsigned int index, unsigned int count)
{
	u64 aff = gic_mpidr_to_irouter(target->arch.vmpidr);

	/* GICR_TYPER packs Aff3 into bits 31:24 of its affinity; IROUTER keeps it at 39:32. */
	aff = (aff & 0xffffff) | ((aff >> 32) << 24);
	return aff << GICR_TYPER_AFF_SHIFT | (u64)index << GICR_TYPER_PROC_SHIFT |
	       (index == count - 1 ? GICR_TYPER_LAST : 0);
}

/*
 * The RD_base frame of a cell's CPU @target: its own affinity and place,
 * no LPIs (GICR_CTLR, PROPBASER, PENDBASER read 0), the WAKER handshake
 * kept, identification as the hardware's.
 */
static enum mmio_result rd_frame_access(struct per_cpu *target, struct mmio_access *access,
					u64 off, unsigned int index, unsigned int count)
{
	u64 typer = virtual_typer(target, index, count);
	u32 asleep = GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;

	if (off == GICR_TYPER || off == GICR_TYPER + 4) {
		access->value = access->write ? 0 : access->size == 8 ? typer :
				(u32)(typer >> (off - GICR_TYPER) * 8);
	} else if (off == GICR_WAKER) {
		if (access->write)
			target->arch.redist_asleep = access->value & GICR_WAKER_PROCESSOR_SLEEP;
		access->value = target->arch.redist_asleep ? asleep : 0;
	} else if (!access->write && (off == GICR_IIDR || off >= GICD_ID_REGS)) {
		access->value = gic_read32(target->arch.gicr + off);
	} else {
		access->value = 0;
	}
	return MMIO_HANDLED;
}

/* The @index-th CPU of @cell in ascending order (its vCPU @index), or NULL. */
static struct per_cpu *vcpu_by_index(const struct cell *cell, unsigned int index)
{
	unsigned int id;

	for_each_cpu(id, cell->cpu_set)
		if (!index--)
			return per_cpu(id);
	return NULL;
}

/*
 * A non-root cell's redistributors: vCPU i's frames at i * GICR_FRAMES_SIZE
 * (no VLPI frames: GICR_TYPER.VLPIS is 0), the last marked Last; nothing
 * behind them.
 */
static enum mmio_result cell_redist_access(struct per_cpu *cpu, struct mmio_access *access)
{
	const struct cell *cell = cpu->cell;
	unsigned int index = access->addr / GICR_FRAMES_SIZE;
	u64 off = access->addr % GICR_FRAMES_SIZE;
	struct per_cpu *target = vcpu_by_index(cell, index);

	if (!target) {
		access->value = 0;
		return MMIO_HANDLED;
	}
	if (off < GICR_SGI_BASE)
		return rd_frame_access(target, access, off, index,
				       __builtin_popcountll(cell->cpu_set));
	return sgi_frame_access(cpu, target, access, off - GICR_SGI_BASE);
}

/*
 * The root's access to redistributor frames its stage 2 does not map: the
 * RD_base frames of its own CPUs (LPI table bases checked), and the frames
 * of CPUs it gave away, where it reads only what it needs to tell frames
 * apart (Linux walks them all when a CPU comes online).
 */
enum mmio_result vgic_redist_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	struct per_cpu *target;
	long start;
	u64 off;

	if (cpu->cell != &root_cell)
		return cell_redist_access(cpu, access);
	target = frame_owner(cpu->cell, access->addr);
	start = target ? (long)(target->arch.gicr - gicr_base) : gic_redist_frame(access->addr);
	off = access->addr - start;
	if (start >= 0 && !access->write &&
	    (off == GICR_TYPER || off == GICR_TYPER + 4 || off == GICR_IIDR ||
	     (off >= GICD_ID_REGS && off < GICR_SGI_BASE))) {
		access->value = access->size == 8 ? gic_read64(gicr_base + start + off) :
			gic_read32(gicr_base + start + off);
		return MMIO_HANDLED;
	}
	if (target && off < GICR_SGI_BASE)
		return gic_root_rd_access(target->arch.gicr, access, off);
	access->value = 0;
	return MMIO_HANDLED;
}
