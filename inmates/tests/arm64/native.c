// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test inmate for the system group "native": what a program built for the
 * bare QEMU virt board finds in a two-CPU cell whose RAM it sees at
 * 0x40000000 (tests/system/configs/native.dts). It prints what it reads and
 * what its attempts did, "native: ..." lines; the group (native.sh) holds
 * them to the architecture's values.
 *
 * Command line:
 *   action=dirty    prints the reset state, leaves every piece of its GIC
 *                   and timer state dirty, then PSCI SYSTEM_RESET; the run
 *                   after it prints the reset state again and stops
 *                   (runs are counted in the cell's scratch RAM)
 *   action=run      the checks: MPIDR, redistributor frames, PSCI, SGIs by
 *                   virtual target, both timers, CPU_SUSPEND, the
 *                   attacker's tries (a route and SGIs to vCPUs the cell
 *                   does not have, an interrupt made Group 0)
 *                   and loads and stores the CPU reports with no syndrome
 *                   (writeback, pairs), with the MMU off and then on
 *   probe=0xA       (with run) a load from A at the end, where the cell
 *                   has nothing: "native: probe 0xA -> abort esr 0xE far 0xF"
 *                   if a bus error comes back
 */
#include <inmate.h>

#include "../../lib/arm64/gicv3.h"

#define SCRATCH			0x50000000UL
#define SPI			200
#define SGI_TO_CPU1		3
#define SGI_TO_CPU0		4
#define SGI_BROADCAST		5
#define SGI_ABSENT		6
#define PPI_VTIMER		27
#define PPI_PTIMER		30
#define FRAME(i)		(GICR_BASE + (i) * GICR_FRAMES_SIZE)
#define SGI_FRAME(i)		(FRAME(i) + GICR_SGI_BASE)

#define ICC_SGI1R_IRM		(1UL << 40)

/* Interrupts taken, by INTID, and the MPIDR of the CPU that took each last. */
static volatile unsigned int taken[SPI + 1];
static volatile unsigned long taken_by[SPI + 1];
static volatile bool cpu1_ready;

static void count(unsigned int intid)
{
	taken[intid]++;
	taken_by[intid] = read_sysreg(mpidr_el1);
	if (intid == PPI_VTIMER)
		write_sysreg(cntv_ctl_el0, 0);
	if (intid == PPI_PTIMER)
		write_sysreg(cntp_ctl_el0, 0);
}

/* Waits up to @ms for taken[@intid] to reach @n. */
static bool wait_taken(unsigned int intid, unsigned int n, unsigned long ms)
{
	unsigned long start = timer_ticks();

	while (taken[intid] < n && timer_ticks() - start < us_to_ticks(ms * 1000))
		cpu_relax();
	return taken[intid] >= n;
}

static unsigned int bit(unsigned long bank, unsigned int intid)
{
	return (mmio_read32(bank + intid / 32 * 4) >> (intid % 32)) & 1;
}

/* Everything a reset must have put back, in the cell's view, on one line. */
static void print_reset_state(unsigned long run)
{
	unsigned long sgi = SGI_FRAME(0), prio = 0;
	unsigned int n, spi;

	for (n = 0; n < 32; n += 4)
		prio |= mmio_read32(sgi + GICR_IPRIORITYR + n);
	spi = bit(GICD_BASE + GICD_ISENABLER, SPI) | bit(GICD_BASE + GICD_ISPENDR, SPI) << 1 |
	      bit(GICD_BASE + GICD_ISACTIVER, SPI) << 2 | bit(GICD_BASE + GICD_IGROUPR, SPI) << 3 |
	      ((mmio_read32(GICD_BASE + GICD_ICFGR + SPI / 16 * 4) >> (SPI % 16 * 2 + 1)) & 1)
	      << 4 |
	      mmio_read8(GICD_BASE + GICD_IPRIORITYR + SPI) << 8;
	printk("native: reset run %lu enable 0x%x pending 0x%x active 0x%x group 0x%x prio 0x%lx "
	       "cfg0 0x%x ctlr 0x%x spi 0x%x route 0x%lx cntv 0x%lx cntp 0x%lx\n", run,
	       mmio_read32(sgi + GICR_ISENABLER0), mmio_read32(sgi + GICR_ISPENDR0),
	       mmio_read32(sgi + GICR_ISACTIVER0), mmio_read32(sgi + GICR_IGROUPR0), prio,
	       mmio_read32(sgi + GICR_ICFGR0), mmio_read32(GICD_BASE + GICD_CTLR), spi,
	       mmio_read64(GICD_BASE + GICD_IROUTER + SPI * 8UL), read_sysreg(cntv_ctl_el0),
	       read_sysreg(cntp_ctl_el0));
}

/* Leaves every piece of state dirty that a reset must put back. */
static void make_dirty(void)
{
	unsigned long sgi = SGI_FRAME(0);
	unsigned int n;

	mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1 | 1);
	mmio_write32(sgi + GICR_IGROUPR0, ~0U);
	for (n = 0; n < 32; n += 4)
		mmio_write32(sgi + GICR_IPRIORITYR + n, 0x80808080);
	mmio_write32(sgi + GICR_ISENABLER0, ~0U);
	mmio_write32(sgi + GICR_ISPENDR0, ~0U);
	mmio_write32(sgi + GICR_ISACTIVER0, ~0U);
	mmio_write32(GICD_BASE + GICD_IGROUPR + SPI / 32 * 4, 1U << (SPI % 32));
	mmio_write32(GICD_BASE + GICD_ICFGR + SPI / 16 * 4, 2U << (SPI % 16 * 2));
	mmio_write8(GICD_BASE + GICD_IPRIORITYR + SPI, 0x40);
	mmio_write64(GICD_BASE + GICD_IROUTER + SPI * 8UL, 1);
	mmio_write32(GICD_BASE + GICD_ISENABLER + SPI / 32 * 4, 1U << (SPI % 32));
	mmio_write32(GICD_BASE + GICD_ISPENDR + SPI / 32 * 4, 1U << (SPI % 32));
	mmio_write32(GICD_BASE + GICD_ISACTIVER + SPI / 32 * 4, 1U << (SPI % 32));
	write_sysreg(cntv_cval_el0, ~0UL);
	write_sysreg(cntv_ctl_el0, 1);
	write_sysreg(cntp_cval_el0, ~0UL);
	write_sysreg(cntp_ctl_el0, 1);
	isb();
}

static void secondary(void *arg __attribute__((unused)))
{
	if (gic_init()) {
		printk("native: cpu1 gic_init failed\n");
		return;
	}
	printk("native: cpu1 mpidr 0x%lx\n", read_sysreg(mpidr_el1));
	irq_enable(SGI_TO_CPU1, count, IRQ_PRIORITY_DEFAULT);
	irq_enable(SGI_BROADCAST, count, IRQ_PRIORITY_DEFAULT);
	irq_enable(SGI_ABSENT, count, IRQ_PRIORITY_DEFAULT);
	irq_local_enable();
	cpu1_ready = true;
	/* Answers SGI 3 with SGI 4 to vCPU 0. */
	while (!taken[SGI_TO_CPU1])
		wfi();
	sgi_send(0, SGI_TO_CPU0);
	for (;;)
		wfi();
}

static void check_psci(void)
{
	int ret;

	printk("native: psci version smc 0x%lx hvc 0x%lx\n",
	       smc_call(PSCI_VERSION, 0, 0, 0), hvc_call(PSCI_VERSION, 0, 0, 0));
	printk("native: psci features cpu_suspend %ld migrate_info_type %ld\n",
	       psci_call(PSCI_FEATURES, PSCI_CPU_SUSPEND_64, 0, 0),
	       psci_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0));
	printk("native: psci affinity_info 1 before %ld\n",
	       psci_call(PSCI_AFFINITY_INFO_64, 1, 0, 0));
	printk("native: psci cpu_on 1 entry 0x10000000 -> %ld\n",
	       psci_call(PSCI_CPU_ON_64, 1, 0x10000000, 0));
	printk("native: psci cpu_on 2 -> %ld\n",
	       psci_call(PSCI_CPU_ON_64, 2, (unsigned long)secondary, 0));
	/* Printed once vCPU 1 has printed its lines: the two would mix on the console. */
	ret = psci_cpu_on(1, secondary, NULL);
	while (!cpu1_ready)
		cpu_relax();
	printk("native: psci cpu_on 1 -> %d\n", ret);
	printk("native: psci affinity_info 1 after %ld\n",
	       psci_call(PSCI_AFFINITY_INFO_64, 1, 0, 0));
	printk("native: psci cpu_on 1 again -> %ld\n",
	       psci_call(PSCI_CPU_ON_64, 1, (unsigned long)secondary, 0));
}

static void check_sgis(void)
{
	irq_enable(SGI_TO_CPU0, count, IRQ_PRIORITY_DEFAULT);
	irq_enable(SGI_BROADCAST, count, IRQ_PRIORITY_DEFAULT);
	irq_enable(SGI_ABSENT, count, IRQ_PRIORITY_DEFAULT);
	sgi_send(1, SGI_TO_CPU1);
	wait_taken(SGI_TO_CPU0, 1, 100);
	printk("native: sgi %u to vcpu 1 taken %u by 0x%lx\n", SGI_TO_CPU1, taken[SGI_TO_CPU1],
	       taken_by[SGI_TO_CPU1]);
	printk("native: sgi %u to vcpu 0 taken %u by 0x%lx\n", SGI_TO_CPU0, taken[SGI_TO_CPU0],
	       taken_by[SGI_TO_CPU0]);
	/* All but self. */
	write_sysreg(icc_sgi1r_el1, ICC_SGI1R_IRM | (unsigned long)SGI_BROADCAST << 24);
	isb();
	wait_taken(SGI_BROADCAST, 1, 100);
	delay_us(10000);
	printk("native: sgi %u to all but self taken %u by 0x%lx\n", SGI_BROADCAST,
	       taken[SGI_BROADCAST], taken_by[SGI_BROADCAST]);
	/* The attacker: target lists naming vCPUs 2-15, and Aff1 1. */
	write_sysreg(icc_sgi1r_el1, 0xfffcUL | (unsigned long)SGI_ABSENT << 24);
	write_sysreg(icc_sgi1r_el1, 0x3UL | 1UL << 16 | (unsigned long)SGI_ABSENT << 24);
	isb();
	delay_us(20000);
	printk("native: sgi %u to absent vcpus sent, taken %u\n", SGI_ABSENT, taken[SGI_ABSENT]);
}

static void check_timers(void)
{
	unsigned long start;
	long ret;

	irq_enable(PPI_VTIMER, count, IRQ_PRIORITY_DEFAULT);
	irq_enable(PPI_PTIMER, count, IRQ_PRIORITY_DEFAULT);
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + us_to_ticks(1000));
	write_sysreg(cntv_ctl_el0, 1);
	write_sysreg(cntp_cval_el0, read_sysreg(cntpct_el0) + us_to_ticks(2000));
	write_sysreg(cntp_ctl_el0, 1);
	isb();
	wait_taken(PPI_VTIMER, 1, 100);
	wait_taken(PPI_PTIMER, 1, 100);
	printk("native: timers virtual %u physical %u\n", taken[PPI_VTIMER], taken[PPI_PTIMER]);

	/* Standby until the virtual timer, 5 ms on. */
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) + us_to_ticks(5000));
	write_sysreg(cntv_ctl_el0, 1);
	isb();
	start = timer_ticks();
	ret = psci_call(PSCI_CPU_SUSPEND_64, 0, 0, 0);
	printk("native: cpu_suspend -> %ld after %lu us, virtual timer %u\n", ret,
	       ticks_to_ns(timer_ticks() - start) / 1000, taken[PPI_VTIMER]);
	printk("native: cpu_suspend bad state -> %ld\n",
	       psci_call(PSCI_CPU_SUSPEND_64, 1UL << 30, 0, 0));
}

static void check_spi_attacks(void)
{
	unsigned long route = GICD_BASE + GICD_IROUTER + SPI * 8UL;
	unsigned long group = GICD_BASE + GICD_IGROUPR + SPI / 32 * 4;

	irq_enable(SPI, count, IRQ_PRIORITY_DEFAULT);
	/* A route to vCPU 5, which the cell does not have: refused, kept. */
	mmio_write64(route, 5);
	printk("native: route %u to 0x5 reads 0x%lx\n", SPI, mmio_read64(route));
	mmio_write32(GICD_BASE + GICD_ISPENDR + SPI / 32 * 4, 1U << (SPI % 32));
	wait_taken(SPI, 1, 100);
	printk("native: spi %u taken %u by 0x%lx\n", SPI, taken[SPI], taken_by[SPI]);

	/* Group 0 in the cell's view, its Group 0 disabled: held, the cell runs on. */
	mmio_write32(group, mmio_read32(group) & ~(1U << (SPI % 32)));
	mmio_write32(GICD_BASE + GICD_ISPENDR + SPI / 32 * 4, 1U << (SPI % 32));
	delay_us(20000);
	printk("native: spi %u made group %u, pending %u, taken %u\n", SPI, bit(group, SPI),
	       bit(GICD_BASE + GICD_ISPENDR, SPI), taken[SPI]);
	mmio_write32(group, mmio_read32(group) | 1U << (SPI % 32));
	wait_taken(SPI, 2, 100);
	printk("native: spi %u back in group 1 taken %u\n", SPI, taken[SPI]);
}

static char verdict(bool ok)
{
	return ok ? '+' : '-';
}

/*
 * Loads and stores with writeback, and pairs, that the hypervisor has to
 * decode itself (no syndrome), on emulated registers: the first three SGI
 * priority words of the redistributor (all the cell's; SGI 15 is not), SPI 200's priority byte and the
 * routes of SPIs 200 (its own) and 201 (not its own: reads as zero).
 * The encodings are fixed by the inline assembly. One line, "+" per form
 * that did what the board does; a form the hypervisor refused fails the cell.
 */
static void check_no_syndrome(const char *mmu)
{
	unsigned long prio = SGI_FRAME(0) + GICR_IPRIORITYR, p = prio, x0, x1;
	unsigned long spi_prio = GICD_BASE + GICD_IPRIORITYR + SPI;
	unsigned long route = GICD_BASE + GICD_IROUTER + SPI * 8UL;
	unsigned int n, w0, w1;
	bool str_post = true, ldr_pre = true, ldp, stp, ldp_x, stp_x, byte;

	for (n = 0; n < 3; n++)
		asm volatile("str %w1, [%0], #4" : "+r" (p) : "r" (0x10101010U * (n + 1)) : "memory");
	str_post = p == prio + 12;
	for (n = 0; n < 3; n++)
		str_post &= mmio_read32(prio + n * 4) == 0x10101010U * (n + 1);

	p = prio - 4;
	for (n = 0; n < 3; n++) {
		asm volatile("ldr %w0, [%1, #4]!" : "=r" (w0), "+r" (p) : : "memory");
		ldr_pre &= w0 == 0x10101010U * (n + 1);
	}
	ldr_pre &= p == prio + 8;

	asm volatile("ldp %w0, %w1, [%2]" : "=&r" (w0), "=&r" (w1) : "r" (prio) : "memory");
	ldp = w0 == 0x10101010 && w1 == 0x20202020;

	p = prio;
	asm volatile("stp %w1, %w2, [%0, #4]!" : "+r" (p) : "r" (0xa0a0a0a0), "r" (0xb0b0b0b0)
		     : "memory");
	stp = p == prio + 4 && mmio_read32(prio + 4) == 0xa0a0a0a0 &&
	      mmio_read32(prio + 8) == 0xb0b0b0b0 && mmio_read32(prio) == 0x10101010;

	p = route;
	asm volatile("stp %1, %2, [%0], #16" : "+r" (p) : "r" (1UL), "r" (1UL) : "memory");
	stp_x = p == route + 16 && mmio_read64(route) == 1 && mmio_read64(route + 8) == 0;
	asm volatile("ldp %0, %1, [%2, #-16]!" : "=&r" (x0), "=&r" (x1), "+r" (p) : : "memory");
	ldp_x = p == route && x0 == 1 && x1 == 0;
	mmio_write64(route, 0);

	p = spi_prio;
	asm volatile("strb %w1, [%0], #1" : "+r" (p) : "r" (0x1c0) : "memory");
	byte = p == spi_prio + 1 && mmio_read8(spi_prio) == 0xc0;
	asm volatile("ldrsb %0, [%1, #-1]!" : "=r" (x0), "+r" (p) : : "memory");
	byte &= p == spi_prio && x0 == 0xffffffffffffffc0UL;

	printk("native: no syndrome, mmu %s: str-post %c ldr-pre %c ldp %c stp-pre %c "
	       "stp-x-post %c ldp-x-pre %c byte %c\n", mmu, verdict(str_post), verdict(ldr_pre),
	       verdict(ldp), verdict(stp), verdict(stp_x), verdict(ldp_x), verdict(byte));
}

/*
 * Vectors for one probing load: every entry records ESR_EL1 in x1 and
 * FAR_EL1 in x0 and returns past the load (x9 is the probe's scratch).
 */
asm(".pushsection .text\n"
    ".balign 2048\n"
    "probe_vectors:\n"
    ".rept 16\n"
    ".balign 128\n"
    "mrs x1, esr_el1\n"
    "mrs x0, far_el1\n"
    "mrs x9, elr_el1\n"
    "add x9, x9, #4\n"
    "msr elr_el1, x9\n"
    "eret\n"
    ".endr\n"
    ".popsection\n");
extern char probe_vectors[];

static void probe(unsigned long addr)
{
	register unsigned long x0 asm("x0") = addr;
	register unsigned long x1 asm("x1") = 0;
	unsigned long vbar = read_sysreg(vbar_el1);

	irq_local_disable();
	write_sysreg(vbar_el1, (unsigned long)probe_vectors);
	isb();
	asm volatile("ldr x0, [x0]" : "+r"(x0), "+r"(x1) : : "x9", "memory");
	write_sysreg(vbar_el1, vbar);
	isb();
	irq_local_enable();
	if (x1)
		printk("native: probe 0x%lx -> abort esr 0x%lx far 0x%lx\n", addr, x1, x0);
	else
		printk("native: probe 0x%lx -> value 0x%lx\n", addr, x0);
}

static void run(void)
{
	unsigned int n;

	printk("native: mpidr 0x%lx\n", read_sysreg(mpidr_el1));
	for (n = 0; n < 3; n++)
		printk("native: frame %u typer 0x%lx\n", n, mmio_read64(FRAME(n) + GICR_TYPER));
	if (gic_init()) {
		printk("native: gic_init failed\n");
		return;
	}
	irq_local_enable();
	check_psci();
	check_sgis();
	check_timers();
	check_spi_attacks();
	check_no_syndrome("off");
	if (inmate_mmu_enable())
		printk("native: mmu failed\n");
	check_no_syndrome("on");
	if (cmdline_has("probe"))
		probe(cmdline_get_ulong("probe", 0));
	printk("native: done\n");
}

void inmate_main(void)
{
	volatile unsigned long *runs = (unsigned long *)SCRATCH;
	char action[16] = "";

	cmdline_get_str("action", action, sizeof(action));
	if (!strcmp(action, "dirty")) {
		print_reset_state(++*runs);
		if (*runs % 2) {
			make_dirty();
			psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
			printk("native: SYSTEM_RESET returned\n");
		}
		printk("native: reset checked\n");
	} else if (!strcmp(action, "run")) {
		run();
	} else {
		printk("native: unknown action \"%s\"\n", action);
	}
	halt();
}
