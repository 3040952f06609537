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
 *   action=ok                prints "misbehave: still alive N" every 100 ms,
 *                            approving shutdown requests
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
	} else if (!strcmp(action, "ok")) {
		still_alive();
	} else if (!channel_action(action)) {
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
