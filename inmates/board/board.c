// SPDX-License-Identifier: BSD-2-Clause
/*
 * A board-native program for the QEMU virt board (GICv3), written the way a
 * bare-metal program for that board is: it reads its hardware from the
 * device tree, prints through the PL011, starts every CPU with PSCI CPU_ON,
 * takes both timers' PPIs, SGIs from the other CPUs and an SPI on every CPU,
 * drives an SP805 watchdog if the board has one (QEMU's virt has none; a
 * cell may have an emulated one) until it stops feeding it, and powers the
 * board off with PSCI SYSTEM_OFF. It knows nothing of
 * Bulkhead: a cell must look like the board to it. The output leaves out
 * whatever varies from run to run (counter values), so that a run on the
 * bare board and one in a cell compare line by line.
 */
#include "fdt.h"

#define RAM_BASE		0x40000000	/* QEMU virt: the DTB of a non-Linux image */

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0xc4000003
#define PSCI_AFFINITY_INFO	0xc4000004
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_AFFINITY_OFF	1

#define GICD_CTLR		0x0000
#define GICD_CTLR_RWP		(1u << 31)
#define GICD_CTLR_ARE_GRP1	((1u << 4) | (1u << 1))	/* ARE(_NS), EnableGrp1(A) */
#define GICD_TYPER		0x0004
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ICPENDR		0x0280
#define GICD_ISACTIVER		0x0300
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000
#define GICD_PIDR2		0xffe8

#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1u << 1)
#define GICR_TYPER_LAST		(1u << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_SLEEP	(1u << 1)
#define GICR_WAKER_ASLEEP	(1u << 2)
#define GICR_PIDR2		0xffe8
#define GICR_SGI		0x10000		/* the SGI_base frame */
#define GICR_FRAME		0x20000
#define GICR_VLPI_FRAMES	0x20000

#define WDOG_LOAD		0x000
#define WDOG_VALUE		0x004
#define WDOG_CONTROL		0x008
#define WDOG_INTCLR		0x00c
#define WDOG_RIS		0x010
#define WDOG_MIS		0x014
#define WDOG_LOCK		0xc00
#define WDOG_ID			0xfe0
#define WDOG_INTEN		1u
#define WDOG_RESEN		2u
#define WDOG_UNLOCK		0x1acce551u
#define WDOG_PERIOD_MS		100	/* to the interrupt; as long again to the reset */
#define WDOG_FED_MS		1000

#define IRQ_PRIORITY		0xa0
#define SGI_BROADCAST		8	/* CPU 0's SGI to all others (IRM); SGIs 0-7 name senders */
#define SPURIOUS		1020
#define WAIT_MS			1000
#define TIMER_MS		2

struct cpu {
	/* Written by CPU 0 before CPU_ON. */
	uint64_t mpidr;
	/* Written by the CPU itself, read by CPU 0. */
	volatile uint32_t online;
	volatile uint32_t step_done;	/* the last step it finished */
	volatile uint32_t redist;	/* its redistributor's frame number */
	volatile uint32_t reset_enables, reset_actives;	/* GICR_ISENABLER0/ISACTIVER0 */
	volatile uint32_t el;
	volatile uint32_t vtimer_irqs, ptimer_irqs, spi_irqs, wdog_irqs, other_irqs;
	volatile uint32_t timer_early;	/* a timer interrupt before its compare value */
	volatile uint32_t sgis;		/* bit n: SGI n (from CPU n) came */
	volatile uint32_t unexpected_intid;
	uint64_t rd_base;
};

/* The board as its device tree describes it. */
static struct {
	uint64_t uart, gicd, gicr[4], gicr_size[4];
	unsigned int gicr_regions;
	uint32_t vtimer_intid, ptimer_intid, spi;
	uint64_t wdog;			/* an SP805, 0 if none */
	uint32_t wdog_intid, wdog_hz;
	volatile uint32_t wdog_mis;	/* WdogMIS as its interrupt handler found it */
	unsigned int num_cpus;
	uint64_t ram_base, ram_size;
	bool psci_smc;
	const char *dtb_from;
} board;

static struct cpu cpus[MAX_CPUS];
static volatile uint32_t step;		/* CPU 0's command to the others */
static unsigned int failures;

enum { STEP_TIMERS = 1, STEP_SGIS, STEP_OFF };

uint8_t stacks[MAX_CPUS * STACK_SIZE] __attribute__((aligned(16)));
void secondary_entry(void);
void halt(void) __attribute__((noreturn));

static void check(bool ok, const char *what)
{
	print("%s: %s\n", what, ok ? "ok" : "FAILED");
	if (!ok)
		failures++;
}

static void power_off(void)
{
	print("board: %u failures, powering off\n", failures);
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	print("board: SYSTEM_OFF returned\n");
	halt();
}

void board_fail(const char *why)
{
	print("board: cannot go on: %s\n", why);
	failures++;
	power_off();
	halt();
}

void trap_handler(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	print("cpu%u: exception %lu: ESR 0x%lx ELR 0x%lx FAR 0x%lx\n", this_cpu(), kind, esr,
	      elr, far);
	board_fail("unexpected exception");
}

static uint64_t now_ms(void)
{
	return sysreg_read(cntpct_el0) / (sysreg_read(cntfrq_el0) / 1000);
}

/* Spins until *flag reaches value or WAIT_MS pass; false on time-out. */
static bool wait_for(volatile uint32_t *flag, uint32_t value)
{
	uint64_t deadline = now_ms() + WAIT_MS;

	while (*flag < value) {
		if (now_ms() > deadline)
			return false;
		cpu_relax();
	}
	return true;
}

/* --- Device tree ------------------------------------------------------ */

static uint32_t ppi_intid(const struct dt_node *node, unsigned int index)
{
	uint32_t type, number;

	if (!dt_u32(node, "interrupts", index * 3, &type) ||
	    !dt_u32(node, "interrupts", index * 3 + 1, &number))
		board_fail("timer interrupts missing");
	return number + (type == 1 ? 16 : 32);
}

/* The clock-frequency of the clock whose phandle is @phandle (0: none such). */
static uint32_t clock_hz(const struct dt_blob *fdt, uint32_t phandle)
{
	struct dt_node node;
	struct dt_iter it;
	uint32_t v, hz = 0;

	dt_iter_start(&it, fdt);
	while (dt_iter_next(&it, &node))
		if (dt_u32(&node, "phandle", 0, &v) && v == phandle)
			dt_u32(&node, "clock-frequency", 0, &hz);
	return hz;
}

/* An SP805: its registers, SPI and counting clock (the first of its clocks). */
static void read_watchdog(const struct dt_blob *fdt)
{
	struct dt_node node;
	uint32_t type, clk;
	uint64_t size;

	if (!dt_find_compatible(fdt, "arm,sp805", &node))
		return;
	if (!dt_reg(&node, 0, &board.wdog, &size) || !dt_u32(&node, "interrupts", 0, &type) ||
	    type != 0 || !dt_u32(&node, "interrupts", 1, &board.wdog_intid) ||
	    !dt_u32(&node, "clocks", 0, &clk))
		board_fail("arm,sp805 without reg, an SPI or clocks");
	board.wdog_intid += 32;
	board.wdog_hz = clock_hz(fdt, clk);
	if (!board.wdog_hz)
		board_fail("arm,sp805's clock has no clock-frequency");
}

static void read_board(const struct dt_blob *fdt)
{
	struct dt_node node;
	struct dt_iter it;
	uint64_t size;
	uint32_t len, regions = 1;
	const char *method;

	if (!dt_find_compatible(fdt, "arm,pl011", &node) || !dt_reg(&node, 0, &board.uart, &size))
		halt();	/* nowhere to say so */
	uart_init(board.uart);

	if (!dt_find_compatible(fdt, "arm,gic-v3", &node) ||
	    !dt_reg(&node, 0, &board.gicd, &size))
		board_fail("no arm,gic-v3 in the device tree");
	dt_u32(&node, "#redistributor-regions", 0, &regions);
	if (regions < 1 || regions > 4)
		board_fail("unsupported #redistributor-regions");
	for (board.gicr_regions = 0; board.gicr_regions < regions; board.gicr_regions++)
		if (!dt_reg(&node, 1 + board.gicr_regions, &board.gicr[board.gicr_regions],
			     &board.gicr_size[board.gicr_regions]))
			board_fail("GIC redistributor region missing");

	if (!dt_find_compatible(fdt, "arm,armv8-timer", &node))
		board_fail("no arm,armv8-timer in the device tree");
	/* Secure physical, non-secure physical, virtual, hypervisor. */
	board.ptimer_intid = ppi_intid(&node, 1);
	board.vtimer_intid = ppi_intid(&node, 2);

	if (!dt_find_compatible(fdt, "arm,psci-0.2", &node))
		board_fail("no arm,psci-0.2 in the device tree");
	method = dt_prop(&node, "method", &len);
	if (!method || len < 4)
		board_fail("psci node without a method");
	board.psci_smc = method[0] == 's';
	psci_use_smc(board.psci_smc);

	/* The SPI to test with: the RTC's, a device the board has. */
	if (dt_find_compatible(fdt, "arm,pl031", &node)) {
		uint32_t type;

		if (dt_u32(&node, "interrupts", 0, &type) && type == 0 &&
		    dt_u32(&node, "interrupts", 1, &board.spi))
			board.spi += 32;
	}

	read_watchdog(fdt);

	dt_iter_start(&it, fdt);
	while (dt_iter_next(&it, &node)) {
		const char *type = dt_prop(&node, "device_type", &len);
		uint64_t reg;

		if (!type || !dt_is_enabled(&node))
			continue;
		if (len == 4 && type[0] == 'c' && type[1] == 'p' && type[2] == 'u') {
			if (board.num_cpus == MAX_CPUS || !dt_reg(&node, 0, &reg, &size))
				board_fail("too many cpus or a cpu without reg");
			cpus[board.num_cpus++].mpidr = reg;
		} else if (len == 7 && type[0] == 'm' && !board.ram_size) {
			if (!dt_reg(&node, 0, &board.ram_base, &board.ram_size))
				board_fail("memory node without reg");
		}
	}
	if (!board.num_cpus)
		board_fail("no cpus in the device tree");
}

/* The device tree: in x0 when started like Linux, else where QEMU puts it. */
static void find_device_tree(uint64_t x0, struct dt_blob *fdt)
{
	if (dt_open(fdt, x0)) {
		board.dtb_from = "x0";
		return;
	}
	if (dt_open(fdt, RAM_BASE)) {
		board.dtb_from = "the bottom of RAM";
		return;
	}
	halt();	/* no UART known yet */
}

/* --- GIC ------------------------------------------------------------------ */

static void gicd_wait_rwp(void)
{
	uint64_t deadline = now_ms() + WAIT_MS;

	while (mmio_read32(board.gicd + GICD_CTLR) & GICD_CTLR_RWP)
		if (now_ms() > deadline)
			board_fail("GICD_CTLR.RWP stuck");
}

static void gic_dist_init(void)
{
	uint32_t typer = mmio_read32(board.gicd + GICD_TYPER);
	uint32_t arch = (mmio_read32(board.gicd + GICD_PIDR2) >> 4) & 0xf;
	unsigned int spi = board.spi, reg = spi / 32;
	uint32_t bit = 1u << (spi % 32);

	check(arch >= 3, "gic: distributor of GICv3 or later");
	if (!spi)
		return;
	check(spi < 32 * ((typer & 0x1f) + 1), "gic: GICD_TYPER counts the SPI");
	check(!(mmio_read32(board.gicd + GICD_ISENABLER + reg * 4) & bit) &&
	      !(mmio_read32(board.gicd + GICD_ISPENDR + reg * 4) & bit) &&
	      !(mmio_read32(board.gicd + GICD_ISACTIVER + reg * 4) & bit),
	      "gic: the SPI is disabled, not pending, not active at reset");

	mmio_write32(board.gicd + GICD_CTLR, GICD_CTLR_ARE_GRP1);
	gicd_wait_rwp();
	mmio_write32(board.gicd + GICD_IGROUPR + reg * 4,
		     mmio_read32(board.gicd + GICD_IGROUPR + reg * 4) | bit);
	mmio_write32(board.gicd + GICD_ICFGR + spi / 16 * 4,
		     mmio_read32(board.gicd + GICD_ICFGR + spi / 16 * 4) | 2u << (spi % 16 * 2));
	mmio_write32(board.gicd + GICD_IPRIORITYR + (spi & ~3u),
		     (mmio_read32(board.gicd + GICD_IPRIORITYR + (spi & ~3u)) &
		      ~(0xffu << (spi % 4 * 8))) | IRQ_PRIORITY << (spi % 4 * 8));
	check((mmio_read32(board.gicd + GICD_CTLR) & GICD_CTLR_ARE_GRP1) == GICD_CTLR_ARE_GRP1,
	      "gic: distributor enabled, affinity routing on");
}

/* This CPU's redistributor: the frame whose GICR_TYPER names its MPIDR. */
static bool find_redistributor(struct cpu *me, uint64_t mpidr)
{
	unsigned int region, frame = 0;

	for (region = 0; region < board.gicr_regions; region++) {
		uint64_t rd = board.gicr[region];

		while (rd < board.gicr[region] + board.gicr_size[region]) {
			uint64_t typer = mmio_read64(rd + GICR_TYPER);

			if ((typer >> 32) == mpidr_affinity(mpidr)) {
				me->rd_base = rd;
				me->redist = frame;
				return true;
			}
			if (typer & GICR_TYPER_LAST)
				break;
			rd += GICR_FRAME + (typer & GICR_TYPER_VLPIS ? GICR_VLPI_FRAMES : 0);
			frame++;
		}
	}
	return false;
}

static void gic_cpu_init(struct cpu *me)
{
	uint64_t mpidr = sysreg_read(mpidr_el1), sgi_base;
	uint64_t deadline = now_ms() + WAIT_MS;
	unsigned int n;

	if (!find_redistributor(me, mpidr))
		board_fail("no redistributor for this CPU's MPIDR");
	sgi_base = me->rd_base + GICR_SGI;
	me->reset_enables = mmio_read32(sgi_base + GICD_ISENABLER);
	me->reset_actives = mmio_read32(sgi_base + GICD_ISACTIVER);

	mmio_write32(me->rd_base + GICR_WAKER,
		     mmio_read32(me->rd_base + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(me->rd_base + GICR_WAKER) & GICR_WAKER_ASLEEP)
		if (now_ms() > deadline)
			board_fail("redistributor does not wake");

	/* SGIs and PPIs: group 1, one priority; the SGIs used and the timers' PPIs on. */
	mmio_write32(sgi_base + GICD_IGROUPR, 0xffffffff);
	for (n = 0; n < 32; n += 4)
		mmio_write32(sgi_base + GICD_IPRIORITYR + n, IRQ_PRIORITY * 0x01010101u);
	mmio_write32(sgi_base + GICD_ISENABLER, ((1u << MAX_CPUS) - 1) | 1u << SGI_BROADCAST |
		     1u << board.vtimer_intid | 1u << board.ptimer_intid);

	sysreg_write(ICC_SRE_EL1, sysreg_read(ICC_SRE_EL1) | 1);
	isb();
	if (!(sysreg_read(ICC_SRE_EL1) & 1))
		board_fail("GIC system-register interface not available");
	sysreg_write(ICC_PMR_EL1, 0xff);
	sysreg_write(ICC_BPR1_EL1, 0);
	sysreg_write(ICC_CTLR_EL1, 0);	/* EOI drops priority and deactivates */
	sysreg_write(ICC_IGRPEN1_EL1, 1);
	isb();
}

void irq_handler(void)
{
	uint64_t iar = sysreg_read(ICC_IAR1_EL1);
	uint32_t intid = iar & 0xffffff;
	struct cpu *me = &cpus[this_cpu()];

	if (intid >= SPURIOUS)
		return;
	if (intid == board.vtimer_intid) {
		if (sysreg_read(cntvct_el0) < sysreg_read(cntv_cval_el0))
			me->timer_early++;
		sysreg_write(cntv_ctl_el0, 0);
		me->vtimer_irqs++;
	} else if (intid == board.ptimer_intid) {
		if (sysreg_read(cntpct_el0) < sysreg_read(cntp_cval_el0))
			me->timer_early++;
		sysreg_write(cntp_ctl_el0, 0);
		me->ptimer_irqs++;
	} else if (intid < 16) {
		me->sgis |= 1u << intid;
	} else if (intid == board.spi) {
		me->spi_irqs++;
	} else if (board.wdog && intid == board.wdog_intid) {
		/* Level-sensitive: cleared at the source, which also feeds the watchdog. */
		board.wdog_mis = mmio_read32(board.wdog + WDOG_MIS);
		mmio_write32(board.wdog + WDOG_INTCLR, 1);
		me->wdog_irqs++;
	} else {
		me->other_irqs++;
		me->unexpected_intid = intid;
	}
	isb();
	sysreg_write(ICC_EOIR1_EL1, iar);
	isb();
}

/* --- The steps every CPU takes ------------------------------------------- */

static void run_timers(struct cpu *me)
{
	uint64_t ticks = sysreg_read(cntfrq_el0) / 1000 * TIMER_MS;

	sysreg_write(cntv_tval_el0, ticks);
	sysreg_write(cntv_ctl_el0, 1);
	isb();
	wait_for(&me->vtimer_irqs, 1);
	sysreg_write(cntp_tval_el0, ticks);
	sysreg_write(cntp_ctl_el0, 1);
	isb();
	wait_for(&me->ptimer_irqs, 1);
}

static void send_sgis(unsigned int self)
{
	unsigned int cpu;

	for (cpu = 0; cpu < board.num_cpus; cpu++) {
		uint64_t mpidr = cpus[cpu].mpidr;

		if (cpu == self)
			continue;
		/* Aff3.Aff2.Aff1, target list bit Aff0 (< 16), SGI number = sender. */
		sysreg_write(ICC_SGI1R_EL1, (mpidr >> 32 & 0xff) << 48 | (mpidr >> 16 & 0xff) << 32 |
			     (mpidr >> 8 & 0xff) << 16 | (uint64_t)self << 24 |
			     1u << (mpidr & 0xf));
		isb();
	}
}

/* The SGIs a CPU should get: one from each other CPU, and CPU 0's broadcast. */
static uint32_t expected_sgis(unsigned int self)
{
	return (((1u << board.num_cpus) - 1) & ~(1u << self)) |
	       (self && board.num_cpus > 1 ? 1u << SGI_BROADCAST : 0);
}

static void run_sgis(struct cpu *me, unsigned int self)
{
	uint64_t deadline;

	send_sgis(self);
	if (!self) {
		/* IRM: every CPU but this one. */
		sysreg_write(ICC_SGI1R_EL1, 1ul << 40 | (uint64_t)SGI_BROADCAST << 24);
		isb();
	}
	deadline = now_ms() + WAIT_MS;
	while (me->sgis != expected_sgis(self) && now_ms() <= deadline)
		cpu_relax();
}

void secondary_main(unsigned int self)
{
	struct cpu *me = &cpus[self];

	me->el = sysreg_read(CurrentEL) >> 2;
	gic_cpu_init(me);
	irqs_on();
	me->online = 1;
	dsb();
	while (step < STEP_TIMERS)
		cpu_relax();
	run_timers(me);
	me->step_done = STEP_TIMERS;
	while (step < STEP_SGIS)
		cpu_relax();
	run_sgis(me, self);
	me->step_done = STEP_SGIS;
	while (step < STEP_OFF)
		cpu_relax();
	irqs_off();
	psci_call(PSCI_CPU_OFF, 0, 0, 0);
	halt();
}

/* Routes the SPI to each CPU in turn and makes it pending by a register write. */
static void run_spi(void)
{
	unsigned int spi = board.spi, cpu;
	uint64_t reg = spi / 32 * 4;
	uint32_t bit = 1u << (spi % 32);

	for (cpu = 0; cpu < board.num_cpus; cpu++) {
		mmio_write64(board.gicd + GICD_IROUTER + spi * 8, mpidr_affinity(cpus[cpu].mpidr) |
			     (cpus[cpu].mpidr & 0xff00000000ul));
		mmio_write32(board.gicd + GICD_ISENABLER + reg, bit);
		mmio_write32(board.gicd + GICD_ISPENDR + reg, bit);
		wait_for(&cpus[cpu].spi_irqs, 1);
		mmio_write32(board.gicd + GICD_ICENABLER + reg, bit);
		print("cpu%u: SPI %u set pending, routed to it, taken %u time(s)\n", cpu, spi,
		      cpus[cpu].spi_irqs);
		check(cpus[cpu].spi_irqs == 1, "  SPI");
	}
}

/* --- SP805 watchdog -------------------------------------------------------- */

static uint64_t wdog_ticks(uint64_t counter_ticks)
{
	return counter_ticks * board.wdog_hz / sysreg_read(cntfrq_el0);
}

static void spi_route_here(uint32_t intid, bool enable)
{
	uint64_t reg = intid / 32 * 4;

	mmio_write64(board.gicd + GICD_IROUTER + intid * 8, mpidr_affinity(cpus[0].mpidr) |
		     (cpus[0].mpidr & 0xff00000000ul));
	mmio_write32(board.gicd + GICD_IGROUPR + reg,
		     mmio_read32(board.gicd + GICD_IGROUPR + reg) | 1u << (intid % 32));
	mmio_write32(board.gicd + GICD_IPRIORITYR + (intid & ~3u),
		     (mmio_read32(board.gicd + GICD_IPRIORITYR + (intid & ~3u)) &
		      ~(0xffu << (intid % 4 * 8))) | IRQ_PRIORITY << (intid % 4 * 8));
	mmio_write32(board.gicd + (enable ? GICD_ISENABLER : GICD_ICENABLER) + reg,
		     1u << (intid % 32));
}

static uint32_t wdog_id(void)
{
	uint32_t id = 0;
	int n;

	for (n = 3; n >= 0; n--)
		id = id << 8 | (mmio_read32(board.wdog + WDOG_ID + 4 * n) & 0xff);
	return id;
}

static uint32_t wdog_cell_id(void)
{
	uint32_t id = 0;
	int n;

	for (n = 3; n >= 0; n--)
		id = id << 8 | (mmio_read32(board.wdog + WDOG_ID + 16 + 4 * n) & 0xff);
	return id;
}

/*
 * WdogValue read twice, each between two counter reads: what it fell by
 * must lie between what the inner and the outer reads make of the time.
 */
static void wdog_counts_down(void)
{
	uint64_t t0, t1, t2, t3;
	uint32_t v0, v1;

	t0 = sysreg_read(cntpct_el0);
	v0 = mmio_read32(board.wdog + WDOG_VALUE);
	t1 = sysreg_read(cntpct_el0);
	while (sysreg_read(cntpct_el0) - t1 < sysreg_read(cntfrq_el0) / 50)
		cpu_relax();
	t2 = sysreg_read(cntpct_el0);
	v1 = mmio_read32(board.wdog + WDOG_VALUE);
	t3 = sysreg_read(cntpct_el0);
	check(v1 < v0 && v0 - v1 + 1 >= wdog_ticks(t2 - t1) && v0 - v1 <= wdog_ticks(t3 - t0) + 1,
	      "watchdog: WdogValue counts down at its clock's rate");
}

static void run_watchdog(void)
{
	uint32_t load = board.wdog_hz / 1000 * WDOG_PERIOD_MS;
	uint64_t deadline;

	print("watchdog: SP805, INTID %u, clock %u Hz\n", board.wdog_intid, board.wdog_hz);
	check(wdog_id() == 0x00141805 && wdog_cell_id() == 0xb105f00d,
	      "watchdog: peripheral ID 0x00141805, PrimeCell ID 0xb105f00d");
	if ((mmio_read32(board.wdog + WDOG_CONTROL) & 3) == 3)
		print("watchdog: running from reset, WdogLoad %u\n",
		      mmio_read32(board.wdog + WDOG_LOAD));
	else
		check(mmio_read32(board.wdog + WDOG_LOAD) == 0xffffffff &&
		      mmio_read32(board.wdog + WDOG_RIS) == 0, "watchdog: stopped at reset");

	mmio_write32(board.wdog + WDOG_LOCK, 1);
	mmio_write32(board.wdog + WDOG_LOAD, 5);
	check(mmio_read32(board.wdog + WDOG_LOCK) == 1 &&
	      mmio_read32(board.wdog + WDOG_LOAD) != 5, "watchdog: locked, it ignores writes");
	mmio_write32(board.wdog + WDOG_LOCK, WDOG_UNLOCK);
	check(mmio_read32(board.wdog + WDOG_LOCK) == 0, "watchdog: the key unlocks it");

	mmio_write32(board.wdog + WDOG_CONTROL, 0);
	/* Long enough not to reach zero while it is watched counting. */
	mmio_write32(board.wdog + WDOG_LOAD, 50 * load);
	mmio_write32(board.wdog + WDOG_CONTROL, WDOG_INTEN);
	wdog_counts_down();
	mmio_write32(board.wdog + WDOG_LOAD, load);
	/* The interrupt, not yet let through: RIS and MIS at the first zero. */
	deadline = now_ms() + WAIT_MS;
	while (!mmio_read32(board.wdog + WDOG_RIS) && now_ms() <= deadline)
		cpu_relax();
	check(mmio_read32(board.wdog + WDOG_MIS) == 1, "watchdog: RIS and MIS at zero");
	mmio_write32(board.wdog + WDOG_INTCLR, 1);
	check(mmio_read32(board.wdog + WDOG_RIS) == 0, "watchdog: WdogIntClr clears it");
	spi_route_here(board.wdog_intid, true);
	wait_for(&cpus[0].wdog_irqs, 1);
	check(cpus[0].wdog_irqs == 1 && board.wdog_mis == 1,
	      "watchdog: its interrupt arrives as its SPI");

	/* Reset enabled; the interrupt handler feeds it each period. */
	mmio_write32(board.wdog + WDOG_CONTROL, WDOG_INTEN | WDOG_RESEN);
	deadline = now_ms() + WDOG_FED_MS;
	while (now_ms() <= deadline)
		cpu_relax();
	print("watchdog: fed by its interrupt handler for %u ms\n", WDOG_FED_MS);
	check(cpus[0].wdog_irqs >= WDOG_FED_MS / WDOG_PERIOD_MS / 2,
	      "watchdog: an interrupt each period");
	spi_route_here(board.wdog_intid, false);
	mmio_write32(board.wdog + WDOG_LOCK, 0);
	print("watchdog: no longer fed: its reset is due within %u ms\n", 2 * WDOG_PERIOD_MS);
	deadline = now_ms() + WDOG_FED_MS;
	while (now_ms() <= deadline)
		cpu_relax();
	print("watchdog: still running %u ms later, WdogValue %u\n", WDOG_FED_MS,
	      mmio_read32(board.wdog + WDOG_VALUE));
}

static void report_cpu(unsigned int cpu)
{
	struct cpu *c = &cpus[cpu];

	print("cpu%u: MPIDR 0x%lx at EL%u, redistributor %u\n", cpu, c->mpidr, c->el, c->redist);
	check(c->reset_enables == 0 && c->reset_actives == 0,
	      "  SGIs and PPIs disabled and inactive at reset");
	print("cpu%u: virtual timer PPI %u taken %u time(s), physical timer PPI %u %u time(s)\n",
	      cpu, board.vtimer_intid, c->vtimer_irqs, board.ptimer_intid, c->ptimer_irqs);
	check(c->vtimer_irqs == 1 && c->ptimer_irqs == 1 && !c->timer_early,
	      "  timers, each at or after its compare value");
	print("cpu%u: SGIs from the other CPUs (bit n: CPU n; 8: broadcast): mask 0x%x\n", cpu,
	      c->sgis);
	check(c->sgis == expected_sgis(cpu), "  SGIs");
}

static void wait_others(uint32_t done)
{
	unsigned int cpu;

	for (cpu = 1; cpu < board.num_cpus; cpu++)
		if (!wait_for(&cpus[cpu].step_done, done))
			print("cpu%u: did not finish step %u\n", cpu, done);
}

void board_main(uint64_t x0)
{
	struct cpu *me = &cpus[0];
	struct dt_blob fdt;
	unsigned int cpu;
	uint64_t version;

	find_device_tree(x0, &fdt);
	read_board(&fdt);
	print("board: device tree from %s\n", board.dtb_from);
	print("board: RAM 0x%lx, %lu MiB; %u CPUs\n", board.ram_base, board.ram_size >> 20,
	      board.num_cpus);
	print("board: PL011 0x%lx; GICD 0x%lx, GICR 0x%lx (%u region(s))\n", board.uart,
	      board.gicd, board.gicr[0], board.gicr_regions);
	print("board: timer PPIs: virtual %u, physical %u; SPI %u (the RTC's)\n",
	      board.vtimer_intid, board.ptimer_intid, board.spi);
	version = psci_call(PSCI_VERSION, 0, 0, 0);
	print("board: PSCI through %s\n", board.psci_smc ? "SMC" : "HVC");
	check(version >= 0x2 && !(version >> 31), "psci: version 0.2 or later");
	if (sysreg_read(mpidr_el1) % 0x100 != cpus[0].mpidr % 0x100)
		print("board: booted on CPU with MPIDR 0x%lx, not the first\n",
		      sysreg_read(mpidr_el1));

	me->el = sysreg_read(CurrentEL) >> 2;
	gic_dist_init();
	gic_cpu_init(me);
	irqs_on();

	for (cpu = 1; cpu < board.num_cpus; cpu++) {
		uint64_t ret = psci_call(PSCI_CPU_ON, cpus[cpu].mpidr, (uint64_t)secondary_entry,
					 cpu);

		check(ret == 0 && wait_for(&cpus[cpu].online, 1), "psci: CPU_ON");
	}

	step = STEP_TIMERS;
	run_timers(me);
	wait_others(STEP_TIMERS);
	step = STEP_SGIS;
	run_sgis(me, 0);
	wait_others(STEP_SGIS);
	for (cpu = 0; cpu < board.num_cpus; cpu++)
		report_cpu(cpu);
	if (board.spi)
		run_spi();
	else
		print("board: no RTC, no SPI to test\n");
	for (cpu = 0; cpu < board.num_cpus; cpu++)
		if (cpus[cpu].other_irqs)
			print("cpu%u: %u unexpected interrupt(s), INTID %u\n", cpu,
			      cpus[cpu].other_irqs, cpus[cpu].unexpected_intid);

	step = STEP_OFF;
	for (cpu = 1; cpu < board.num_cpus; cpu++) {
		uint64_t deadline = now_ms() + WAIT_MS;
		uint64_t state;

		do {
			state = psci_call(PSCI_AFFINITY_INFO, cpus[cpu].mpidr, 0, 0);
		} while (state != PSCI_AFFINITY_OFF && now_ms() <= deadline);
		check(state == PSCI_AFFINITY_OFF, "psci: CPU_OFF, then AFFINITY_INFO says off");
	}
	if (board.wdog)
		run_watchdog();
	power_off();
}
