// SPDX-License-Identifier: BSD-2-Clause
/*
 * GICv3 interrupts: set-up of the distributor, of each CPU's redistributor
 * and CPU interface, enabling single interrupts, SPI trigger modes,
 * dispatch, SGIs.
 *
 * In a cell the hypervisor traps and checks every distributor and
 * redistributor access, so each one is a single aligned 32-bit (64-bit for
 * the 64-bit registers GICR_TYPER and GICD_IROUTER) load or store without
 * write-back, and only the bits of the interrupts the inmate enables are
 * touched. The ICC_* system registers work the same on a bare machine and
 * in a cell (where they reach the virtual CPU interface).
 */
#include "gicv3.h"

/* Upper bound on waits for the GIC (RWP, waking a redistributor). */
#define GIC_TIMEOUT_US		100000

/* This CPU's RD_base, 0 until gic_init() ran on it. Index: this_cpu_index(). */
static unsigned long redist_base[INMATE_MAX_CPUS];
/* Set once a CPU enabled the distributor; a race only enables it twice. */
static bool dist_ready;
/* One handler per INTID, for all CPUs. */
static irq_handler_t irq_handlers[IRQ_MAX_INTID + 1];

/* Waits until the bits mask of the 32-bit register at addr read 0. */
static int wait_bits_clear(unsigned long addr, unsigned int mask)
{
	unsigned long start = timer_ticks();
	unsigned long limit = us_to_ticks(GIC_TIMEOUT_US);

	while (mmio_read32(addr) & mask) {
		if (timer_ticks() - start > limit)
			return -1;
		cpu_relax();
	}
	return 0;
}

/*
 * ARE and Group 1 on. In a cell the hypervisor owns the distributor and may
 * ignore the write: what it reads back is not checked.
 */
static int dist_enable(void)
{
	unsigned long ctlr_addr = GICD_BASE + GICD_CTLR;
	unsigned int ctlr = mmio_read32(ctlr_addr) & ~GICD_CTLR_RWP;

	/* ARE must not change while a group is enabled: set it alone first. */
	if (!(ctlr & GICD_CTLR_ARE)) {
		ctlr |= GICD_CTLR_ARE;
		mmio_write32(ctlr_addr, ctlr);
		if (wait_bits_clear(ctlr_addr, GICD_CTLR_RWP))
			return -1;
	}
	if (!(ctlr & GICD_CTLR_ENABLE_GRP1)) {
		ctlr |= GICD_CTLR_ENABLE_GRP1;
		mmio_write32(ctlr_addr, ctlr);
		if (wait_bits_clear(ctlr_addr, GICD_CTLR_RWP))
			return -1;
	}
	return 0;
}

/* RD_base of the redistributor whose GICR_TYPER names mpidr, or 0. */
static unsigned long find_redist(unsigned long mpidr)
{
	unsigned long base = GICR_BASE;
	unsigned long typer;

	while (base + GICR_FRAMES_SIZE <= GICR_BASE + GICR_SIZE) {
		typer = mmio_read64(base + GICR_TYPER);
		if (gic_typer_matches(typer, mpidr))
			return base;
		if (typer & GICR_TYPER_LAST)
			break;
		base += gic_redist_stride(typer);
	}
	return 0;
}

/* Takes the redistributor out of sleep, if it is asleep at all. */
static int redist_wake(unsigned long rd)
{
	unsigned long waker_addr = rd + GICR_WAKER;
	unsigned int waker = mmio_read32(waker_addr);

	if (waker & GICR_WAKER_PROCESSOR_SLEEP)
		mmio_write32(waker_addr, waker & ~GICR_WAKER_PROCESSOR_SLEEP);
	if (!(waker & (GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP)))
		return 0;
	return wait_bits_clear(waker_addr, GICR_WAKER_CHILDREN_ASLEEP);
}

static int cpu_interface_enable(void)
{
	unsigned long sre = read_sysreg(icc_sre_el1);

	if (!(sre & ICC_SRE_SRE)) {
		write_sysreg(icc_sre_el1, sre | ICC_SRE_SRE);
		isb();
		if (!(read_sysreg(icc_sre_el1) & ICC_SRE_SRE))
			return -1;
	}
	/* Every priority passes, no preemption groups, EOI also deactivates. */
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, read_sysreg(icc_ctlr_el1) & ~ICC_CTLR_EOIMODE);
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_ENABLE);
	isb();
	return 0;
}

int gic_init(void)
{
	unsigned long mpidr = this_cpu_mpidr();
	unsigned long rd;

	if (!dist_ready) {
		if (dist_enable()) {
			printk("gic: distributor does not finish writes (GICD_CTLR.RWP)\n");
			return -1;
		}
		dist_ready = true;
	}

	rd = find_redist(mpidr);
	if (!rd) {
		printk("gic: no redistributor for CPU 0x%lx\n", mpidr);
		return -1;
	}
	if (redist_wake(rd)) {
		printk("gic: redistributor of CPU 0x%lx does not wake up\n", mpidr);
		return -1;
	}
	if (cpu_interface_enable()) {
		printk("gic: no system register interface on CPU 0x%lx\n", mpidr);
		return -1;
	}
	redist_base[this_cpu_index()] = rd;
	return 0;
}

/* Sets bit (intid % 32) of the 32-bit register bank at addr. */
static void set_intid_bit(unsigned long addr, unsigned int intid)
{
	unsigned long reg = addr + intid / 32 * 4;

	mmio_write32(reg, mmio_read32(reg) | 1U << (intid % 32));
}

/* One byte per INTID, updated with a 32-bit read-modify-write. */
static void set_priority(unsigned long addr, unsigned int intid, unsigned int priority)
{
	unsigned long reg = addr + (intid & ~3U);
	unsigned int shift = (intid & 3) * 8;
	unsigned int val = mmio_read32(reg);

	val &= ~(0xffU << shift);
	val |= (priority & 0xff) << shift;
	mmio_write32(reg, val);
}

int irq_enable(unsigned int intid, irq_handler_t handler, unsigned int priority)
{
	unsigned long rd = redist_base[this_cpu_index()];
	unsigned long sgi_base = rd + GICR_SGI_BASE;

	if (intid > IRQ_MAX_INTID || !handler || !rd)
		return -1;

	irq_handlers[intid] = handler;
	/* In memory before the first interrupt can find it. */
	dsb(sy);

	if (intid < PRIVATE_INTIDS) {
		set_intid_bit(sgi_base + GICR_IGROUPR0, intid);
		set_priority(sgi_base + GICR_IPRIORITYR, intid, priority);
		mmio_write32(sgi_base + GICR_ISENABLER0, 1U << intid);
	} else {
		set_intid_bit(GICD_BASE + GICD_IGROUPR, intid);
		set_priority(GICD_BASE + GICD_IPRIORITYR, intid, priority);
		mmio_write64(GICD_BASE + GICD_IROUTER + intid * 8UL,
			     gic_irouter_value(this_cpu_mpidr()));
		mmio_write32(GICD_BASE + GICD_ISENABLER + intid / 32 * 4, 1U << (intid % 32));
	}
	return 0;
}

int irq_set_trigger(unsigned int intid, enum irq_trigger trigger)
{
	unsigned long reg = GICD_BASE + GICD_ICFGR + intid / 16 * 4;
	unsigned int edge = 2U << (intid % 16 * 2);
	unsigned int val;

	if (intid < PRIVATE_INTIDS || intid > IRQ_MAX_INTID)
		return -1;
	val = mmio_read32(reg);
	mmio_write32(reg, trigger == IRQ_EDGE ? val | edge : val & ~edge);
	return 0;
}

int irq_disable(unsigned int intid)
{
	unsigned long rd = redist_base[this_cpu_index()];

	if (intid > IRQ_MAX_INTID || !rd)
		return -1;

	/* RWP covers the disable: once clear, the GIC no longer signals it. */
	if (intid < PRIVATE_INTIDS) {
		mmio_write32(rd + GICR_SGI_BASE + GICR_ICENABLER0, 1U << intid);
		return wait_bits_clear(rd + GICR_CTLR, GICR_CTLR_RWP);
	}
	mmio_write32(GICD_BASE + GICD_ICENABLER + intid / 32 * 4, 1U << (intid % 32));
	return wait_bits_clear(GICD_BASE + GICD_CTLR, GICD_CTLR_RWP);
}

int sgi_send(unsigned long mpidr, unsigned int sgi)
{
	if (sgi > SGI_LAST)
		return -1;
	/* What we wrote before is visible to the target's handler. */
	dsb(sy);
	write_sysreg(icc_sgi1r_el1, gic_sgi1r_value(mpidr, sgi));
	isb();
	return 0;
}

void gic_handle_irq(void)
{
	unsigned long iar = read_sysreg(icc_iar1_el1);
	unsigned int intid = iar & ICC_IAR_INTID_MASK;
	irq_handler_t handler = NULL;

	if (intid >= INTID_SPURIOUS_FIRST && intid <= INTID_SPURIOUS_LAST)
		return;

	if (intid <= IRQ_MAX_INTID)
		handler = irq_handlers[intid];
	if (handler) {
		handler(intid);
	} else {
		printk("gic: IRQ %u without handler, disabled\n", intid);
		irq_disable(intid);
	}
	/* EOImode 0: priority drop and deactivation in one. */
	write_sysreg(icc_eoir1_el1, iar);
}
