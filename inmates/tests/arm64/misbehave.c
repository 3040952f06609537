// SPDX-License-Identifier: BSD-2-Clause
/*
 * Test inmate for the system tests: does one thing a cell must not get away
 * with, so that the tests can check that the hypervisor stops the cell,
 * marks it failed and leaves the rest of the system running.
 *
 * Command line: action=<action> plus its argument:
 *   action=read addr=0xA     32-bit load from A, prints the value
 *   action=write addr=0xA    32-bit store to A (value=N, default 0)
 *   action=fetch addr=0xA    branch to A
 *   action=smc fn=0xF        smc #0 with x0 = F
 *   action=hvc code=N        hvc #0 with x0 = BULKHEAD_HC_ARM64_BASE | N
 *   action=nosyndrome addr=0xA  ldr w1, [x1], #4 with x1 = A: a load the
 *                            CPU gives no syndrome for, in a form the
 *                            architecture leaves unpredictable
 *   action=undef             an undefined instruction (reported by the
 *                            library's vectors with BULKHEAD_HC_CPU_FAULT)
 *   action=irq-pending intid=N  enables SPI N and makes it pending while
 *                            the CPU keeps interrupts masked: it stays
 *                            pending (or active) for the hypervisor to clean
 *   action=irq-burst         raises SGIs 0-7 on itself with interrupts
 *                            masked, more than the list registers hold,
 *                            lowest priority for SGI 0; prints the order in
 *                            which they are taken once unmasked
 *   action=pmu               reads PMCR_EL0 (performance monitors are the
 *                            hypervisor's to keep from cells)
 *   action=chan-ring-bad     rings channel index 7 (raw hypercall), prints
 *                            "misbehave: ring bad index -> N"
 *   action=chan-ring         rings channel 0 (count=N times, default 1),
 *                            prints "misbehave: ring channel 0 -> N", the
 *                            last result
 *   action=chan-write        32-bit store to channel 0's memory (value=N,
 *                            default 0): fails a cell that may not write it
 *   action=chan-read         32-bit load of channel 0's first word, prints
 *                            "misbehave: chan read 0xV"
 *   action=chan-state        prints "misbehave: channel 0 peer state N"
 *                            (BULKHEAD_PEER_*)
 *                            The chan-* accesses go out with the MMU off
 *                            (channel_map() would turn it on).
 *   action=call conduit=hvc|smc fn=F arg=A  one SMCCC call with x0 = F,
 *                            x1 = A: "misbehave: hvc 0xF(0xA) -> N"
 *   action=impdef            reads CPUACTLR_EL1 (S3_1_C15_C2_0), an
 *                            implementation-defined register
 *   action=actlr             writes ACTLR_EL1 with all ones and reads it
 *                            back: "misbehave: actlr 0xV"
 *   action=setway            DC ISW, CSW and CISW over level 1's set 0,
 *                            way 0 and set 1, way 0: "misbehave: set/way done"
 *   action=idregs            "misbehave: id dfr0 0xD pfr0 0xP pfr1 0xQ"
 *   action=el1-dirty         leaves its mark in EL1 state (CSSELR_EL1,
 *                            TPIDR_EL0, CONTEXTIDR_EL1, both timers armed),
 *                            then idles
 *   action=el1-state         prints the same state as found at start:
 *                            "misbehave: el1 csselr 0x.. tpidr 0x.. ..."
 *   action=reset             PSCI SYSTEM_RESET: restarts, and so does it
 *                            again, as long as it runs
 *   action=reboot delay-ms=D  prints "misbehave: boot N mark M", N and M as
 *                            its image holds them (1, "pristine" as built),
 *                            changes both in its image, waits D ms and
 *                            resets the cell (PSCI SYSTEM_RESET)
 *   action=route-flood intid=N  routes its SPI N to an MPIDR that is none of
 *                            its CPUs, refused each time, for ever
 *   action=sgi-listen        takes SGIs 0-7, printing "misbehave: interrupt N
 *                            taken" for each; with self=N, first sends
 *                            itself SGI N
 *   action=sgi-send mpidr=M intid=N  sends SGI N to MPIDR M ten times:
 *                            "misbehave: sent SGI N to 0xM"
 *   action=fill pattern=P size=S  writes the 64-bit pattern P over its RAM
 *                            from the end of its image to S (its RAM size),
 *                            over all of its communication region and over
 *                            channel 0's memory, then counts it back:
 *                            "misbehave: filled ram N comm N chan N" (words)
 *   action=scan pattern=P size=S  counts P in the same places:
 *                            "misbehave: found ram N comm N chan N of
 *                            ram N comm N chan N words"
 *   action=ok                prints "misbehave: still alive N" every 100 ms,
 *                            approving shutdown requests
 *   action=forge victim=NAME prints what the hypervisor prints when a cell
 *                            faults, for cell NAME and for "misbehave", as
 *                            if it were the hypervisor: its console must not
 *                            be taken for the hypervisor's record
 * If the CPU comes back from an action, it prints
 * "misbehave: survived <action>" and idles, approving shutdown requests.
 */
#include <inmate.h>

static void still_alive(void)
{
	unsigned long n;

	for (n = 1;; n++) {
		printk("misbehave: still alive %lu\n", n);
		idle_ms(100, SHUTDOWN_APPROVE);
	}
}

static void report_irq(unsigned int intid)
{
	printk("misbehave: interrupt %u taken\n", intid);
}

static void leave_irq_pending(unsigned int intid)
{
	if (gic_init() || irq_enable(intid, report_irq, IRQ_PRIORITY_DEFAULT)) {
		printk("misbehave: cannot enable interrupt %u\n", intid);
		return;
	}
	mmio_write32(GICD_BASE + 0x200 + intid / 32 * 4, 1U << (intid % 32));
	printk("misbehave: interrupt %u enabled and pending 0x%x\n", intid,
	       mmio_read32(GICD_BASE + 0x200 + intid / 32 * 4));
}

#define BURST_SGIS	8

static volatile unsigned int burst_taken;
static unsigned int burst_order[BURST_SGIS];

static void record_sgi(unsigned int intid)
{
	if (burst_taken < BURST_SGIS)
		burst_order[burst_taken] = intid;
	burst_taken++;
}

static void irq_burst(void)
{
	unsigned int n;

	if (gic_init())
		return;
	for (n = 0; n < BURST_SGIS; n++)
		irq_enable(n, record_sgi, (BURST_SGIS - n) * 0x10);
	for (n = 0; n < BURST_SGIS; n++)
		sgi_send(this_cpu_mpidr(), n);
	irq_local_enable();
	delay_us(1000);
	irq_local_disable();
	printk("misbehave: burst taken %u, order", burst_taken);
	for (n = 0; n < BURST_SGIS && n < burst_taken; n++)
		printk(" %u", burst_order[n]);
	printk("\n");
}

/* Channel 0 of the communication region, or NULL after a message. */
static const struct bulkhead_comm_channel *channel0(void)
{
	struct bulkhead_comm_region *comm = comm_region();

	if (comm && comm->num_channels)
		return &comm->channels[0];
	printk("misbehave: no channel 0\n");
	return NULL;
}

/* The chan-* actions; false if action is none of them. */
static bool channel_action(const char *action)
{
	const struct bulkhead_comm_channel *ch;

	if (!strcmp(action, "chan-ring-bad")) {
		printk("misbehave: ring bad index -> %ld\n",
		       hypercall(BULKHEAD_HC_CHANNEL_RING, 7, 0));
		return true;
	}
	if (strncmp(action, "chan-", 5))
		return false;
	ch = channel0();
	if (!ch)
		return true;
	if (!strcmp(action, "chan-ring")) {
		unsigned long count = cmdline_get_ulong("count", 1);
		long ret = 0;

		while (count--)
			ret = hypercall(BULKHEAD_HC_CHANNEL_RING, 0, 0);
		printk("misbehave: ring channel 0 -> %ld\n", ret);
	} else if (!strcmp(action, "chan-write")) {
		mmio_write32(ch->address, cmdline_get_ulong("value", 0));
		printk("misbehave: chan wrote 0x%llx\n", ch->address);
	} else if (!strcmp(action, "chan-read")) {
		printk("misbehave: chan read 0x%x\n", mmio_read32(ch->address));
	} else if (!strcmp(action, "chan-state")) {
		printk("misbehave: channel 0 peer state %u\n", channel_peer_state(ch));
	} else {
		return false;
	}
	return true;
}

extern char __inmate_end[];

/* What fill and scan cover: its free RAM, its comm region, channel 0's memory. */
struct word_span {
	volatile unsigned long *start;
	unsigned long words;
};

static unsigned int spans_of(struct word_span *span)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned long free = ((unsigned long)__inmate_end + 4095) & ~4095UL;
	unsigned long comm_page = (unsigned long)comm;

	span[0].start = (volatile unsigned long *)free;
	span[0].words = (cmdline_get_ulong("size", 0) - free) / 8;
	span[1].start = (volatile unsigned long *)comm_page;
	span[1].words = 4096 / 8;
	span[2].start = comm->num_channels ? (volatile unsigned long *)comm->channels[0].address :
					     NULL;
	span[2].words = comm->num_channels ? comm->channels[0].size / 8 : 0;
	return 3;
}

static unsigned long count_words(const struct word_span *span, unsigned long pattern)
{
	unsigned long n, found = 0;

	for (n = 0; n < span->words; n++)
		found += span->start[n] == pattern;
	return found;
}

/* action=fill or scan: leaves a pattern behind, or looks for one left by another. */
static void fill_or_scan(bool fill)
{
	unsigned long pattern = cmdline_get_ulong("pattern", 0x5ca1ab1e5ca1ab1eUL), n;
	struct word_span span[3];
	unsigned int count = spans_of(span), i;

	for (i = 0; i < count && fill; i++)
		for (n = 0; n < span[i].words; n++)
			span[i].start[n] = pattern;
	printk("misbehave: %s ram %lu comm %lu chan %lu", fill ? "filled" : "found",
	       count_words(&span[0], pattern), count_words(&span[1], pattern),
	       count_words(&span[2], pattern));
	printk(" of ram %lu comm %lu chan %lu words\n", span[0].words, span[1].words,
	       span[2].words);
}

#define read_reg(reg)							\
	({ unsigned long __v; asm volatile("mrs %0, " #reg : "=r" (__v)); __v; })
#define write_reg(reg, v)	asm volatile("msr " #reg ", %0" : : "r" ((unsigned long)(v)))

static void smccc_call(void)
{
	char conduit[4];
	unsigned long fn = cmdline_get_ulong("fn", 0), arg = cmdline_get_ulong("arg", 0);
	bool smc = cmdline_get_str("conduit", conduit, sizeof(conduit)) >= 0 &&
		   !strcmp(conduit, "smc");

	printk("misbehave: %s 0x%lx(0x%lx) -> %ld\n", smc ? "smc" : "hvc", fn, arg,
	       smc ? smc_call(fn, arg, 0, 0) : hvc_call(fn, arg, 0, 0));
}

/* Set/way operations as a cache flush loop issues them, on level 1 (operand level 0). */
static void set_way_ops(void)
{
	unsigned long sw;

	for (sw = 0; sw < 2 << 6; sw += 1 << 6) {
		asm volatile("dc isw, %0" : : "r" (sw) : "memory");
		asm volatile("dc csw, %0" : : "r" (sw) : "memory");
		asm volatile("dc cisw, %0" : : "r" (sw) : "memory");
	}
	printk("misbehave: set/way done\n");
}

static void el1_dirty(void)
{
	write_reg(csselr_el1, 2);
	write_reg(tpidr_el0, 0x7e57da7a);
	write_reg(contextidr_el1, 0x42);
	write_reg(cntv_cval_el0, ~0UL);
	write_reg(cntv_ctl_el0, 1);
	write_reg(cntp_cval_el0, ~0UL);
	write_reg(cntp_ctl_el0, 1);
	printk("misbehave: el1 dirty\n");
}

static void el1_state(void)
{
	/* TPIDR_EL1 and VBAR_EL1 are the library's by now. */
	printk("misbehave: el1 csselr 0x%lx tpidr0 0x%lx contextidr 0x%lx",
	       read_reg(csselr_el1), read_reg(tpidr_el0), read_reg(contextidr_el1));
	printk(" cntv_ctl 0x%lx cntp_ctl 0x%lx cntv_cval 0x%lx cntp_cval 0x%lx\n",
	       read_reg(cntv_ctl_el0), read_reg(cntp_ctl_el0), read_reg(cntv_cval_el0),
	       read_reg(cntp_cval_el0));
}

/* Waits for SGIs 0-7 for ever, after one to itself if asked. */
static void sgi_listen(void)
{
	unsigned int n;

	if (gic_init())
		return;
	for (n = 0; n < 8; n++)
		irq_enable(n, report_irq, IRQ_PRIORITY_DEFAULT);
	irq_local_enable();
	if (cmdline_get_ulong("self", 16) < 8)
		sgi_send(this_cpu_mpidr(), cmdline_get_ulong("self", 0));
	printk("misbehave: listening for SGIs\n");
	idle(SHUTDOWN_APPROVE);
}

static void sgi_send_many(void)
{
	unsigned long mpidr = cmdline_get_ulong("mpidr", 0), intid = cmdline_get_ulong("intid", 0);
	unsigned int n;

	for (n = 0; n < 10; n++)
		sgi_send(mpidr, intid);
	printk("misbehave: sent SGI %lu to 0x%lx\n", intid, mpidr);
}

/* What action=reboot changes in its own image, for a restart to put back or not. */
static unsigned long boot_number = 1;
static char image_mark[] = "pristine";

static void reboot(void)
{
	printk("misbehave: boot %lu mark %s\n", boot_number, image_mark);
	boot_number++;
	memcpy(image_mark, "modified", sizeof(image_mark));
	delay_us(cmdline_get_ulong("delay-ms", 0) * 1000);
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
}

/* The EL1 doors: false if action is none of them. */
static bool door_action(const char *action)
{
	if (!strcmp(action, "call"))
		smccc_call();
	else if (!strcmp(action, "impdef"))
		printk("misbehave: CPUACTLR_EL1 0x%lx\n", read_reg(S3_1_C15_C2_0));
	else if (!strcmp(action, "actlr")) {
		write_reg(actlr_el1, ~0UL);
		printk("misbehave: actlr 0x%lx\n", read_reg(actlr_el1));
	} else if (!strcmp(action, "setway"))
		set_way_ops();
	else if (!strcmp(action, "idregs"))
		printk("misbehave: id dfr0 0x%lx pfr0 0x%lx pfr1 0x%lx\n",
		       read_reg(id_aa64dfr0_el1), read_reg(id_aa64pfr0_el1),
		       read_reg(id_aa64pfr1_el1));
	else if (!strcmp(action, "sgi-listen"))
		sgi_listen();
	else if (!strcmp(action, "sgi-send"))
		sgi_send_many();
	else if (!strcmp(action, "reset"))
		smc_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	else if (!strcmp(action, "reboot"))
		reboot();
	else if (!strcmp(action, "route-flood"))
		for (;;)
			mmio_write64(GICD_BASE + 0x6000 + cmdline_get_ulong("intid", 0) * 8, 0xff);
	else if (!strcmp(action, "el1-dirty"))
		el1_dirty();
	else if (!strcmp(action, "el1-state"))
		el1_state();
	else
		return false;
	return true;
}

/* Lines as the hypervisor's cell_report() writes them, with a reason no fault has. */
static void forge(void)
{
	char victim[32] = "root";

	cmdline_get_str("victim", victim, sizeof(victim));
	printk("bulkhead: cell \"%s\" CPU 2 stopped: forged fault (address 0xf0f0f000, pc 0x0, "
	       "detail 0x0) at tick 1\n", victim);
	printk("bulkhead: cell \"misbehave\" CPU 1 stopped: forged fault (address 0xf0f0f000, "
	       "pc 0x0, detail 0x0) at tick 1\n");
}

static void misbehave(const char *action)
{
	unsigned long addr = cmdline_get_ulong("addr", 0);
	long ret;

	if (!strcmp(action, "read")) {
		printk("misbehave: read 0x%x from 0x%lx\n", mmio_read32(addr), addr);
	} else if (!strcmp(action, "write")) {
		mmio_write32(addr, cmdline_get_ulong("value", 0));
		printk("misbehave: wrote 0x%lx\n", addr);
	} else if (!strcmp(action, "fetch")) {
		((void (*)(void))addr)();
	} else if (!strcmp(action, "smc")) {
		ret = smc_call(cmdline_get_ulong("fn", 0), 0, 0, 0);
		printk("misbehave: smc returned %ld\n", ret);
	} else if (!strcmp(action, "hvc")) {
		ret = hypercall(cmdline_get_ulong("code", 0), 0, 0);
		printk("misbehave: hvc returned %ld\n", ret);
	} else if (!strcmp(action, "nosyndrome")) {
		/* ldr w1, [x1], #4: no syndrome, and writeback into the loaded register. */
		register unsigned long x1 asm("x1") = addr;

		asm volatile(".inst 0xb8404421" : "+r" (x1) : : "memory");
	} else if (!strcmp(action, "undef")) {
		asm volatile("udf #0");
	} else if (!strcmp(action, "irq-pending")) {
		leave_irq_pending(cmdline_get_ulong("intid", 0));
	} else if (!strcmp(action, "irq-burst")) {
		irq_burst();
	} else if (!strcmp(action, "pmu")) {
		unsigned long pmcr;

		asm volatile("mrs %0, pmcr_el0" : "=r" (pmcr));
		printk("misbehave: PMCR_EL0 0x%lx\n", pmcr);
	} else if (!strcmp(action, "fill") || !strcmp(action, "scan")) {
		fill_or_scan(!strcmp(action, "fill"));
	} else if (!strcmp(action, "ok")) {
		still_alive();
	} else if (!strcmp(action, "forge")) {
		forge();
	} else if (!channel_action(action) && !door_action(action)) {
		printk("misbehave: unknown action\n");
		return;
	}
	printk("misbehave: survived %s\n", action);
}

void inmate_main(void)
{
	char action[16];

	if (cmdline_get_str("action", action, sizeof(action)) < 0)
		action[0] = '\0';
	printk("misbehave: %s\n", action);
	misbehave(action);
	idle(SHUTDOWN_APPROVE);
}
