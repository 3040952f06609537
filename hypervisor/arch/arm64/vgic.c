// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 for cells. Each SPI belongs to exactly one cell (the root owns all
 * that no other cell does); a cell's CPUs' SGIs and PPIs are its own, but for
 * the two the hypervisor keeps (the kick SGI and the maintenance PPI).
 *
 * - The distributor is not mapped into any cell, the root included: every
 *   access traps here and reaches the hardware only for the interrupts the
 *   cell owns, so no cell can enable, route, trigger or acknowledge
 *   another's. Routing must name one of the cell's own CPUs.
 * - Another cell than the root sees a small copy of the board's GIC: its
 *   CPUs numbered from 0 (VMPIDR_EL2, routes, SGI targets, PSCI), their
 *   redistributor frames one after the other from the board's base, its
 *   own GICD_CTLR and interrupt groups (the physical ones stay Group 1),
 *   no LPIs, and the virtual SPIs of its emulated devices (vgic-vspi.c).
 *   The root simply loses the mapping of the frames of CPUs it gave away.
 * - Non-root cells run with physical interrupts routed to EL2. Their
 *   interrupts arrive here and go in as virtual interrupts through the list
 *   registers, hardware-linked so that the guest's EOI deactivates the
 *   physical one. SGIs between a cell's CPUs are trapped writes of
 *   ICC_SGI1R_EL1 (and SGI0R, ASGI1R), delivered as purely virtual
 *   interrupts: no physical SGI the root might send can pose as one.
 */
#include <bulkhead/control.h>
#include <bulkhead/printk.h>
#include <bulkhead/tracing.h>
#include <asm/gic.h>
#include <asm/traps.h>

/* Serializes read-modify-writes of shared distributor registers. */
static spinlock_t dist_lock;

bool vgic_spi_owned(const struct cell *cell, unsigned int intid)
{
	return intid >= BULKHEAD_IRQ_SPI_FIRST && intid < NUM_INTIDS && cell_owns_irq(cell, intid);
}

void vgic_queue_virq(struct per_cpu *cpu, unsigned int intid)
{
	__atomic_fetch_or(&cpu->arch.pending_virqs[intid / 32], 1U << (intid % 32),
			  __ATOMIC_RELAXED);
	__atomic_fetch_or(&cpu->arch.pending_words, 1U << (intid / 32), __ATOMIC_RELEASE);
}

/* Bits of a register of @bits per interrupt, covering @count interrupts from @first. */
static u32 field_mask(const struct cell *cell, unsigned int first, unsigned int bits,
		      unsigned int count)
{
	u32 mask = 0, field = (1U << bits) - 1;
	unsigned int n;

	for (n = 0; n < count; n++)
		if (vgic_spi_owned(cell, first + n))
			mask |= field << (n * bits);
	return mask;
}

void vgic_filtered_access(struct mmio_access *access, u8 *reg, u32 mask, bool rmw)
{
	u32 val;

	if (!access->write) {
		access->value = gic_read32(reg) & mask;
		return;
	}
	if (!rmw) {
		if (access->value & mask)
			gic_write32(reg, (u32)access->value & mask);
		return;
	}
	spin_lock(&dist_lock);
	val = gic_read32(reg);
	gic_write32(reg, (val & ~mask) | ((u32)access->value & mask));
	spin_unlock(&dist_lock);
}

/* Priorities are byte-accessible: no lock needed. */
void vgic_priority_access(struct mmio_access *access, u8 *reg, u32 mask)
{
	unsigned int n;

	if (!access->write) {
		access->value = (access->size == 1 ? *(volatile u8 *)reg : gic_read32(reg)) &
				mask;
		return;
	}
	for (n = 0; n < access->size; n++)
		if (mask & (0xffU << (n * 8)))
			*(volatile u8 *)(reg + n) = (u8)(access->value >> (n * 8));
}

/*
 * GICD_IROUTER of a physical SPI @cell owns, in the cell's numbering (the
 * root's is the physical one): the hardware holds the physical affinity of
 * the CPU named.
 */
static u64 irouter_read(struct cell *cell, u8 *reg)
{
	u64 route = gic_read64(reg);
	unsigned int id;

	if (cell == &root_cell)
		return route;
	for_each_cpu(id, cell->cpu_set)
		if (gic_mpidr_to_irouter(per_cpu(id)->arch.mpidr) == (route & IROUTER_AFF_MASK))
			return gic_mpidr_to_irouter(per_cpu(id)->arch.vmpidr);
	return 0;
}

/*
 * A route must name one of the cell's CPUs; other cells than the root have
 * no 1-of-N routing (GICD_TYPER.No1N): IRM is RAZ/WI for them.
 */
static void irouter_write(struct cell *cell, unsigned int intid, u8 *reg, u64 route)
{
	struct per_cpu *target;

	if (cell != &root_cell)
		route &= ~IROUTER_IRM;
	target = route & IROUTER_IRM ? NULL : vgic_vcpu_by_route(cell, route);
	if (target && !(route & ~IROUTER_AFF_MASK))
		gic_write64(reg, gic_mpidr_to_irouter(target->arch.mpidr));
	else
		cell_report(cell, "routing of interrupt %u to 0x%llx ignored (not one of its CPUs)",
			    intid, route);
}

static enum mmio_result irouter_access(struct cell *cell, struct mmio_access *access)
{
	unsigned int intid = (access->addr - GICD_IROUTER) / 8;
	u8 *reg = gicd_base + GICD_IROUTER + intid * 8;

	if (access->write && access->size != 8)
		return MMIO_ERROR;
	if (vspi_irouter_access(cell, intid, access))
		return MMIO_HANDLED;
	if (!vgic_spi_owned(cell, intid)) {
		access->value = 0;
		return MMIO_HANDLED;
	}
	if (access->write)
		irouter_write(cell, intid, reg, access->value);
	else
		access->value = irouter_read(cell, reg) >> (access->size == 8 ? 0 :
							       (access->addr & 4) * 8);
	return MMIO_HANDLED;
}

/* Registers with one field per interrupt: where they start and how wide a field is. */
static const struct dist_bank {
	u16 start;
	u8 bits;
	bool rmw;
} dist_banks[] = {
	{ GICD_IGROUPR, 1, true },
	{ GICD_ISENABLER, 1, false },
	{ GICD_ICENABLER, 1, false },
	{ GICD_ISPENDR, 1, false },
	{ GICD_ICPENDR, 1, false },
	{ GICD_ISACTIVER, 1, false },
	{ GICD_ICACTIVER, 1, false },
	{ GICD_IPRIORITYR, 8, true },
	{ GICD_ICFGR, 2, true },
	{ GICD_IGRPMODR, 1, true },
};

bool vgic_group_enabled(const struct cell *cell, bool group1)
{
	return cell->arch.gicd_ctlr & (group1 ? GICD_CTLR_ENABLE_GRP1 : GICD_CTLR_ENABLE_GRP0);
}

/*
 * The cell's view of groups or their enables changed: interrupts queued on
 * its other CPUs may be deliverable now (the caller's own CPU flushes at
 * the end of this exit).
 */
static void kick_queued(const struct cell *cell)
{
	struct per_cpu *self = this_cpu();
	unsigned int id;

	for_each_cpu(id, cell->cpu_set)
		if (per_cpu(id) != self && per_cpu(id)->arch.pending_words)
			arch_cpu_kick(per_cpu(id));
}

/*
 * GICD_CTLR: the root's stays as it set it up (reads pass). Another cell's
 * is its own: affinity routing always on, one security state (DS, as on
 * this board), the group enables stored and honoured for delivery, writes
 * done at once (RWP 0).
 */
static void ctlr_access(struct cell *cell, struct mmio_access *access)
{
	u32 enables = GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1;

	if (cell == &root_cell) {
		if (!access->write)
			access->value = gic_read32(gicd_base + GICD_CTLR);
		return;
	}
	if (!access->write) {
		access->value = cell->arch.gicd_ctlr | GICD_CTLR_ARE | GICD_CTLR_DS;
		return;
	}
	spin_lock(&cell->arch.vgic_lock);
	cell->arch.gicd_ctlr = access->value & enables;
	spin_unlock(&cell->arch.vgic_lock);
	vspi_update_all(cell);
	kick_queued(cell);
}

bool vgic_spi_group1(const struct cell *cell, unsigned int intid)
{
	return cell->arch.spi_group1[intid / 32] & (1U << (intid % 32));
}

/*
 * Groups of another cell than the root are virtual, for its physical and
 * virtual SPIs alike: no cell may make a physical interrupt Group 0 (an FIQ
 * at EL2). IGRPMODR is RAZ/WI with one security state.
 */
static void group_access(struct cell *cell, struct mmio_access *access, u64 bank,
			 unsigned int first)
{
	u32 *group1 = &cell->arch.spi_group1[first / 32];
	u32 mask = field_mask(cell, first, 1, 32) | vspi_bits(cell, first);

	if (bank == GICD_IGRPMODR) {
		access->value = 0;
		return;
	}
	spin_lock(&cell->arch.vgic_lock);
	if (access->write)
		*group1 = (*group1 & ~mask) | ((u32)access->value & mask);
	access->value = *group1 & mask;
	spin_unlock(&cell->arch.vgic_lock);
	if (access->write) {
		vspi_update_all(cell);
		kick_queued(cell);
	}
}

/* One register of the bank @bank of fields of @bits, from INTID @first. */
static void bank_access(struct cell *cell, struct mmio_access *access, const struct dist_bank *bank,
			unsigned int first)
{
	u64 off = access->addr;
	unsigned int count = bank->bits == 8 ? access->size : 32 / bank->bits;

	if (cell != &root_cell && (bank->start == GICD_IGROUPR || bank->start == GICD_IGRPMODR)) {
		group_access(cell, access, bank->start, first);
		return;
	}
	if (bank->bits == 8)
		vgic_priority_access(access, gicd_base + off, field_mask(cell, first, 8, count));
	else
		vgic_filtered_access(access, gicd_base + off,
				     field_mask(cell, first, bank->bits, count), bank->rmw);
	if (!access->write && cell != &root_cell)
		access->value = vgic_held_view(cell->cpu_set, first / 32, bank->start,
					       (u32)access->value);
	if (cell->arch.num_vspis)
		access->value |= vspi_bank_access(cell, bank->start, bank->bits, first, count,
						  access->write, (u32)access->value);
}

u32 vgic_held_view(u64 cpu_set, unsigned int word, u64 bank, u32 value)
{
	u32 held = 0;
	unsigned int id;

	if (bank < GICD_ISPENDR || bank > GICD_ICACTIVER)
		return value;
	for_each_cpu(id, cpu_set)
		held |= __atomic_load_n(&per_cpu(id)->arch.pending_virqs[word], __ATOMIC_RELAXED);
	if (!word)
		held &= CELL_PPIS;
	return bank <= GICD_ICPENDR ? value | held : value & ~held;
}

static enum mmio_result dist_access(struct per_cpu *cpu, struct mmio_access *access, void *arg)
{
	struct cell *cell = cpu->cell;
	u64 off = access->addr;
	unsigned int n, intid;

	if (off >= GICD_IROUTER && off < GICD_IROUTER_END)
		return irouter_access(cell, access);
	if (access->size != 4 && !(access->size == 1 && off >= GICD_IPRIORITYR &&
				   off < GICD_IPRIORITYR + NUM_INTIDS))
		return MMIO_ERROR;
	for (n = 0; n < ARRAY_SIZE(dist_banks); n++) {
		if (off < dist_banks[n].start ||
		    off >= dist_banks[n].start + (u64)NUM_INTIDS * dist_banks[n].bits / 8)
			continue;
		bank_access(cell, access, &dist_banks[n],
			    (off - dist_banks[n].start) * 8 / dist_banks[n].bits);
		return MMIO_HANDLED;
	}
	switch (off) {
	case GICD_SETSPI_NSR:
	case GICD_CLRSPI_NSR:
		intid = access->value & 0x3ff;
		if (access->write && !vspi_set_pending(cell, intid, off == GICD_SETSPI_NSR) &&
		    vgic_spi_owned(cell, intid))
			gic_write32(gicd_base + off, (u32)access->value);
		access->value = 0;
		return MMIO_HANDLED;
	case GICD_CTLR:
		ctlr_access(cell, access);
		return MMIO_HANDLED;
	case GICD_TYPER:
		/*
		 * Read-only. Another cell than the root has no LPIs, no
		 * message-based SPIs through the ITS, no direct virtual LPI
		 * injection, and no 1-of-N routing.
		 */
		access->value = access->write ? 0 : gic_read32(gicd_base + off);
		if (cell != &root_cell)
			access->value = (access->value & ~GICD_TYPER_NO_CELL) | GICD_TYPER_NO1N;
		return MMIO_HANDLED;
	}
	/* Identification reads as the hardware; the rest is RAZ/WI. */
	access->value = !access->write && off >= GICD_ID_REGS ? gic_read32(gicd_base + off) : 0;
	return MMIO_HANDLED;
}

int vgic_cell_init(struct cell *cell)
{
	const struct bulkhead_platform_arm64 *gic = &system_desc()->platform.arm64;
	unsigned int id, index = 0;
	int err;

	/* Another cell's CPUs are numbered from 0, ascending, in Aff0 (VMPIDR_EL2). */
	if (cell != &root_cell) {
		for_each_cpu(id, cell->cpu_set)
			per_cpu(id)->arch.vmpidr = MPIDR_RES1 | index++;
		vspi_cell_init(cell);
	}
	err = mmio_register(cell, gic->gicd_base, GICD_SIZE, dist_access, NULL);
	return err ?: mmio_register(cell, gic->gicr_base, gicr_size, vgic_redist_access, NULL);
}

/*
 * Disables, clears and routes to @route_mpidr every SPI @cell owns; its
 * virtual SPIs and distributor control go back to their reset state.
 */
void vgic_cell_reset_irqs(struct cell *cell, u64 route_mpidr)
{
	struct per_cpu *first_vcpu;
	unsigned int intid, reg;

	spin_lock(&cell->arch.vgic_lock);
	cell->arch.gicd_ctlr = 0;
	for (reg = 0; reg < ARRAY_SIZE(cell->arch.spi_group1); reg++)
		cell->arch.spi_group1[reg] = 0;
	spin_unlock(&cell->arch.vgic_lock);
	first_vcpu = per_cpu(__builtin_ctzll(cell->cpu_set));
	vspi_cell_reset(cell, gic_mpidr_to_irouter(first_vcpu->arch.vmpidr));

	for (intid = BULKHEAD_IRQ_SPI_FIRST; intid < NUM_INTIDS; intid++) {
		if (!vgic_spi_owned(cell, intid))
			continue;
		reg = (intid / 32) * 4;
		gic_write32(gicd_base + GICD_ICENABLER + reg, 1U << (intid % 32));
		gic_write32(gicd_base + GICD_ICPENDR + reg, 1U << (intid % 32));
		gic_write32(gicd_base + GICD_ICACTIVER + reg, 1U << (intid % 32));
		gic_write64(gicd_base + GICD_IROUTER + intid * 8, gic_mpidr_to_irouter(route_mpidr));
		if (cell == &root_cell)
			continue;
		/* As after a reset, but for the group, which stays 1 physically. */
		gicd_base[GICD_IPRIORITYR + intid] = 0;
		reg = (intid / 16) * 4;
		gic_write32(gicd_base + GICD_ICFGR + reg, gic_read32(gicd_base + GICD_ICFGR + reg) &
			    ~(3U << (intid % 16 * 2)));
		reg = (intid / 32) * 4;
		gic_write32(gicd_base + GICD_IGROUPR + reg,
			    gic_read32(gicd_base + GICD_IGROUPR + reg) | 1U << (intid % 32));
	}
	while (gic_read32(gicd_base + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

/*
 * The calling CPU of a non-root cell stops (PSCI CPU_OFF, a stop request, a
 * fault): SPIs its list registers still hold are deactivated, and made
 * pending again if the guest had not taken them yet, so that they wait in
 * the distributor as on hardware instead of staying active for good.
 */
void vgic_cpu_park(struct per_cpu *cpu)
{
	unsigned int n, intid;
	u32 bit, reg;
	u64 lr;

	for (n = 0; n < gic_num_lrs(); n++) {
		lr = gic_read_lr(n);
		intid = (lr >> LR_PINTID_SHIFT) & 0x3ff;
		gic_write_lr(n, 0);
		if (!(lr & LR_HW)) {
			vspi_lr_returned(cpu, lr & LR_VINTID_MASK, lr & LR_PENDING);
			continue;
		}
		if (!(lr & LR_STATE_MASK) || intid < BULKHEAD_IRQ_SPI_FIRST)
			continue;
		bit = 1U << (intid % 32);
		reg = intid / 32 * 4;
		if (lr & LR_PENDING)
			gic_write32(gicd_base + GICD_ISPENDR + reg, bit);
		gic_write32(gicd_base + GICD_ICACTIVER + reg, bit);
	}
	vspi_cpu_release(cpu);
}

/*
 * The calling CPU (re)starts in its cell: a clean physical and virtual
 * interface. Its private interrupts start disabled, as after a reset; for a
 * non-root cell the kick and maintenance interrupts are enabled, the CPU
 * interface drops priority and deactivates separately (list register HW
 * bit), and the virtual interface is on.
 */
void vgic_cpu_reset(struct per_cpu *cpu)
{
	u8 *sgi_frame = cpu->arch.gicr + GICR_SGI_BASE;
	bool root = cpu->cell == &root_cell;
	unsigned int n;

	gic_write32(sgi_frame + GICD_ICENABLER, ~0U);
	gic_write32(sgi_frame + GICD_ICPENDR, ~0U);
	gic_write32(sgi_frame + GICD_ICACTIVER, ~0U);
	for (n = 0; n < gic_num_lrs(); n++)
		gic_write_lr(n, 0);
	write_sysreg(0, ICH_AP0R0_EL2);
	write_sysreg(0, ICH_AP1R0_EL2);
	write_sysreg(0, ICH_VMCR_EL2);
	for (n = 0; n < ARRAY_SIZE(cpu->arch.pending_virqs); n++)
		cpu->arch.pending_virqs[n] = 0;
	cpu->arch.pending_words = 0;
	if (!root)
		vspi_cpu_release(cpu);
	cpu->arch.sgi_enabled = 0;
	for (n = 0; n < ARRAY_SIZE(cpu->arch.sgi_priority); n++)
		cpu->arch.sgi_priority[n] = 0;
	if (root) {
		write_sysreg(0, ICH_HCR_EL2);
		return;
	}
	/* The reset values of the cell's view: Group 0, priority 0, asleep. */
	cpu->arch.private_group1 = 0;
	cpu->arch.redist_asleep = true;
	for (n = 16; n < 32; n++)
		if (CELL_PPIS & (1U << n))
			sgi_frame[GICD_IPRIORITYR + n] = 0;
	gic_write32(sgi_frame + GICD_IGROUPR, ~0U);
	write_sysreg(read_sysreg(ICC_CTLR_EL1) | ICC_CTLR_EOIMODE, ICC_CTLR_EL1);
	write_sysreg(0xff, ICC_PMR_EL1);
	write_sysreg(1, ICC_IGRPEN1_EL1);
	gic_write32(sgi_frame + GICD_ISENABLER,
		    (1U << SGI_KICK) | (1U << PPI_MAINTENANCE) | (1U << PPI_HYP_TIMER));
	write_sysreg(ICH_HCR_EN, ICH_HCR_EL2);
	/* Virtual SPIs of its devices still routed here and pending (a CPU_ON). */
	if (cpu->arch.pending_words)
		vgic_flush(cpu);
	isb();
}

static u8 virq_priority(struct per_cpu *cpu, unsigned int intid)
{
	if (intid < 16)
		return cpu->arch.sgi_priority[intid];
	if (intid < 32)
		return *(volatile u8 *)(cpu->arch.gicr + GICR_SGI_BASE + GICD_IPRIORITYR + intid);
	if (!vgic_spi_owned(cpu->cell, intid))
		return vspi_priority(cpu->cell, intid);
	return *(volatile u8 *)(gicd_base + GICD_IPRIORITYR + intid);
}

/* The group of @intid in the view of @cpu's cell. */
static bool virq_group1(const struct per_cpu *cpu, unsigned int intid)
{
	return intid < 32 ? cpu->arch.private_group1 & (1U << intid) :
			    vgic_spi_group1(cpu->cell, intid);
}

/* A list register taken away from a pending interrupt goes back where it came from. */
static void lr_evicted(struct per_cpu *cpu, u64 lr)
{
	unsigned int intid = lr & LR_VINTID_MASK;

	/* Hardware interrupts and SGIs to this CPU's queue, virtual SPIs to the distributor. */
	if ((lr & LR_HW) || intid < 16)
		vgic_queue_virq(cpu, intid);
	else
		vspi_lr_returned(cpu, intid, true);
}

#define LR_SLOT_NONE		-1
#define LR_SLOT_DUPLICATE	-2

/*
 * The list register for @intid: a free one, or one whose pending interrupt
 * of lower priority goes back to its queue. LR_SLOT_NONE if none may take
 * it, LR_SLOT_DUPLICATE if @intid is already pending in one (an SGI sent
 * twice).
 */
static int lr_slot(struct per_cpu *cpu, unsigned int intid)
{
	u64 empty = read_sysreg(ICH_ELRSR_EL2), lr, victim_lr = 0;
	unsigned int n, lrs = gic_num_lrs(), victim = lrs, lr_prio, victim_prio = 0;
	u8 prio = virq_priority(cpu, intid);

	for (n = 0; n < lrs; n++) {
		if (empty & (1UL << n))
			continue;
		lr = gic_read_lr(n);
		if ((lr & LR_VINTID_MASK) == intid && (lr & LR_STATE_MASK) == LR_PENDING)
			return LR_SLOT_DUPLICATE;
		/* The least urgent one only pending (not active) may make room. */
		lr_prio = (lr >> LR_PRIORITY_SHIFT) & 0xff;
		if ((lr & LR_STATE_MASK) == LR_PENDING && lr_prio > prio &&
		    (victim == lrs || lr_prio > victim_prio)) {
			victim = n;
			victim_lr = lr;
			victim_prio = lr_prio;
		}
	}
	if (empty)
		return __builtin_ctzll(empty);
	if (victim == lrs)
		return LR_SLOT_NONE;
	gic_write_lr(victim, 0);
	lr_evicted(cpu, victim_lr);
	return victim;
}

/*
 * Hardware interrupts go in linked (HW bit): the guest's EOI deactivates the
 * physical one. SGIs and virtual SPIs are the hypervisor's own making.
 */
static bool make_lr(struct per_cpu *cpu, unsigned int intid, u64 *lr)
{
	switch (intid < 16 ? VSPI_PHYSICAL : vspi_take(cpu, intid, lr)) {
	case VSPI_TAKEN:
		break;
	case VSPI_DROP:
		return false;
	case VSPI_PHYSICAL:
		*lr = intid | (virq_group1(cpu, intid) ? LR_GROUP1 : 0) |
		      ((u64)virq_priority(cpu, intid) << LR_PRIORITY_SHIFT);
		if (intid >= 16)
			*lr |= LR_HW | ((u64)intid << LR_PINTID_SHIFT);
		break;
	}
	*lr |= LR_PENDING;
	return true;
}

/* Puts @intid into a list register (or drops it, if no longer due); false if none is free. */
static bool inject(struct per_cpu *cpu, unsigned int intid)
{
	int n = lr_slot(cpu, intid);
	u64 lr;

	if (n == LR_SLOT_NONE)
		return false;
	if (n == LR_SLOT_DUPLICATE || !make_lr(cpu, intid, &lr))
		return true;
	gic_write_lr(n, lr);
	cpu->stats[BULKHEAD_CPU_STAT_VIRQ]++;
	return true;
}

/*
 * Queued interrupts of word @word a list register could take now: those of
 * a group the cell's GICD_CTLR enables, SGIs only enabled ones. Virtual
 * SPIs are checked when taken.
 */
static u32 deliverable(const struct per_cpu *cpu, unsigned int word, u32 bits)
{
	const struct cell *cell = cpu->cell;
	u32 group1 = word ? cell->arch.spi_group1[word] : cpu->arch.private_group1;
	u32 groups = (vgic_group_enabled(cell, true) ? group1 : 0) |
		     (vgic_group_enabled(cell, false) ? ~group1 : 0);

	if (word)
		return bits & (groups | vspi_bits(cell, word * 32));
	return bits & groups & (~0xffffU | cpu->arch.sgi_enabled);
}

/* Moves queued virtual interrupts into list registers; asks for a refill if some remain. */
void vgic_flush(struct per_cpu *cpu)
{
	u32 *queue = cpu->arch.pending_virqs;
	u32 words = __atomic_exchange_n(&cpu->arch.pending_words, 0, __ATOMIC_ACQUIRE);
	unsigned int word, bit;
	bool left = false;
	u32 bits, ready;

	while (words) {
		word = __builtin_ctz(words);
		words &= words - 1;
		bits = __atomic_exchange_n(&queue[word], 0, __ATOMIC_ACQUIRE);
		/* Once per word, not per interrupt: vspi_bits() walks the cell's devices. */
		ready = deliverable(cpu, word, bits);
		while (bits) {
			bit = __builtin_ctz(bits);
			bits &= bits - 1;
			if (!(ready & (1U << bit)) || !inject(cpu, word * 32 + bit))
				vgic_queue_virq(cpu, word * 32 + bit);
		}
	}
	/*
	 * What is still queued, evicted ones included, goes in when the guest
	 * has completed enough of what the list registers hold (underflow).
	 */
	words = __atomic_load_n(&cpu->arch.pending_words, __ATOMIC_RELAXED);
	while (words && !left) {
		word = __builtin_ctz(words);
		words &= words - 1;
		left = deliverable(cpu, word, __atomic_load_n(&queue[word], __ATOMIC_RELAXED));
	}
	write_sysreg(ICH_HCR_EN | (left ? ICH_HCR_UIE : 0), ICH_HCR_EL2);
}

/*
 * The maintenance interrupt: virtual SPIs the guest deactivated (their list
 * registers asked for it, ICH_EISR_EL2) go back to the distributor, where a
 * level-sensitive one whose line is still high is pending again.
 */
static void vgic_maintenance(struct per_cpu *cpu)
{
	u64 eoi = read_sysreg(ICH_EISR_EL2), lr;
	unsigned int n;

	cpu->stats[BULKHEAD_CPU_STAT_MAINTENANCE]++;
	while (eoi) {
		n = __builtin_ctzll(eoi);
		eoi &= eoi - 1;
		lr = gic_read_lr(n);
		gic_write_lr(n, 0);
		vspi_lr_returned(cpu, lr & LR_VINTID_MASK, false);
	}
}

bool vgic_lrs_pending(void)
{
	unsigned int n;

	for (n = 0; n < gic_num_lrs(); n++)
		if (gic_read_lr(n) & LR_PENDING)
			return true;
	return false;
}

/* Interrupts taken per exit at most: a storm must not keep the CPU here. */
#define IRQS_PER_EXIT		16

/* A physical interrupt on a non-root cell's CPU. */
void vgic_handle_irq(struct per_cpu *cpu)
{
	unsigned int intid, n = 0;

	while (n++ < IRQS_PER_EXIT && !gic_spurious(intid = gic_ack_irq())) {
		cpu->stats[BULKHEAD_CPU_STAT_IRQ]++;
		/*
		 * An LPI the root's ITS sent here: never the cell's. Completed at
		 * once, so that its running priority cannot mask the kicks that
		 * stop the cell.
		 */
		if (intid >= INTID_LPI_FIRST) {
			gic_priority_drop(intid);
			continue;
		}
		if (intid == SGI_KICK || intid == PPI_MAINTENANCE || intid == PPI_HYP_TIMER) {
			if (intid == PPI_MAINTENANCE)
				vgic_maintenance(cpu);
			if (intid == PPI_HYP_TIMER)
				health_timer_interrupt(cpu);
			/* Kicked because its cell's trace mask changed? */
			if (intid == SGI_KICK && trace_cpu_needs_sync(cpu))
				trace_cpu_sync(cpu);
			gic_complete(intid);
			continue;
		}
		if (intid < 16 ||
		    (intid >= 32 && !vgic_spi_owned(cpu->cell, intid))) {
			/*
			 * Not the cell's: a physical SGI the root sent, say.
			 * Dropped; routing rules keep others' SPIs away.
			 */
			gic_complete(intid);
			continue;
		}
		gic_priority_drop(intid);
		if (!deliverable(cpu, intid / 32, 1U << (intid % 32)) || !inject(cpu, intid))
			vgic_queue_virq(cpu, intid);
	}
	/* Kicks bring SGIs other CPUs queued; maintenance asks for a refill. */
	if (cpu->arch.pending_words)
		vgic_flush(cpu);
}

/*
 * ICC_SGI1R_EL1, ICC_ASGI1R_EL1 or ICC_SGI0R_EL1 written by a non-root
 * cell: IPIs to its own CPUs only, named by their virtual affinity. With one
 * security state, SGI0R and ASGI1R raise only SGIs the target has in Group 0
 * (@group0_only); SGI1R raises either.
 */
static void send_sgis(struct per_cpu *cpu, u64 val, bool group0_only)
{
	unsigned int intid = (val >> SGI1R_INTID_SHIFT) & 0xf, id;
	u64 aff = ((val >> SGI1R_AFF1_SHIFT) & 0xff) << 8 |
		  ((val >> SGI1R_AFF2_SHIFT) & 0xff) << 16 |
		  ((val >> SGI1R_AFF3_SHIFT) & 0xff) << 32;
	unsigned int rs = (val >> SGI1R_RS_SHIFT) & 0xf;
	struct per_cpu *target;
	u64 mpidr;

	cpu->stats[BULKHEAD_CPU_STAT_SGI]++;
	for_each_cpu(id, cpu->cell->cpu_set) {
		target = per_cpu(id);
		mpidr = target->arch.vmpidr & IROUTER_AFF_MASK;
		if (val & SGI1R_IRM) {
			if (target == cpu)
				continue;
		} else if ((mpidr & ~0xffUL) != aff || (mpidr & 0xff) / 16 != rs ||
			   !(val & (1UL << ((mpidr & 0xff) % 16)))) {
			continue;
		}
		if (group0_only && (target->arch.private_group1 & (1U << intid)))
			continue;
		vgic_queue_virq(target, intid);
		if (target != cpu)
			arch_cpu_kick(target);
	}
}

#define ISS_ICC_SGI1R		SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R		SYSREG_ISS(3, 0, 12, 11, 6)
#define ISS_ICC_SGI0R		SYSREG_ISS(3, 0, 12, 11, 7)

bool vgic_handle_sysreg(struct per_cpu *cpu, struct trap_frame *frame, u64 esr)
{
	u64 iss = esr & 0x1ffffff, reg = iss & SYSREG_ISS_MASK;
	unsigned int rt = SYSREG_ISS_RT(iss);

	if (cpu->cell == &root_cell ||
	    (reg != ISS_ICC_SGI1R && reg != ISS_ICC_ASGI1R && reg != ISS_ICC_SGI0R))
		return false;
	send_sgis(cpu, rt == 31 ? 0 : frame->x[rt], reg != ISS_ICC_SGI1R);
	vgic_flush(cpu);
	return true;
}
