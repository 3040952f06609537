// SPDX-License-Identifier: BSD-2-Clause
/*
 * SMP demo: starts the cell's other CPUs with PSCI CPU_ON and measures the
 * round trip of an IPI (SGI) to each in turn.
 *
 * The first CPU sends SGI_PING to a secondary CPU, whose handler sends
 * SGI_PING back; the first CPU's handler stamps the arrival. The first CPU
 * waits for it polling, with IRQs on, so that the figure is the
 * interrupt's path, not the wake-up from wfi (the secondaries do sleep in
 * wfi). Rounds go to the secondaries in turn. Output:
 *
 *   smp: CPU 0x3 up                       (for each secondary)
 *   smp: cpus N rounds R ipi-roundtrip min X ns avg Y ns max Z ns
 *   smp-ticks: min a avg b max c
 *   smp: CPU 0x3 off                      (with cpu-off, for each secondary)
 *
 * then the demo idles, answering shutdown requests.
 *
 * Which CPUs: the command line's mpidrs=A,B,... if present; else, counting
 * up from the first CPU's Aff0 (MPIDR own+1, own+2, ...), as many as
 * cpus=N says (N CPUs in all, this one included), or the communication
 * region's num_cpus says, or, without either (a bare machine), until
 * CPU_ON fails.
 *
 * Command line (all optional):
 *   rounds=N         IPI round trips (default 1000)
 *   mpidrs=A,B,...   secondary CPUs to start
 *   cpus=N           CPUs in all, when mpidrs= is not given
 *   cpu-off          afterwards, each secondary turns itself off (PSCI
 *                    CPU_OFF) and the first CPU waits for AFFINITY_INFO
 *                    to report it off
 *   deny-shutdown, ignore-shutdown, uart=0xADDR, psci=hvc: as for hello
 */
#include <inmate.h>

#define SGI_PING		1
#define AFFINITY_OFF		1
/* CPU_ON attempts at most; Aff0 values tried above the first CPU's. */
#define MAX_CANDIDATES		16
#define START_TIMEOUT_US	1000000
#define ROUND_TIMEOUT_US	1000000

enum cpu_state { CPU_STARTING, CPU_UP, CPU_FAILED };

static unsigned long first_cpu;
static volatile bool pong, switch_off;
static volatile unsigned long pong_ticks;

static unsigned long secondaries[INMATE_MAX_CPUS - 1];
static unsigned int num_secondaries;
/*
 * Written by the CPU of each CPU_ON attempt; never reused, as a CPU that
 * reports late must not write into another one's word.
 */
static volatile unsigned int cpu_state[MAX_CANDIDATES];
static unsigned int attempts;

/* Runs on every CPU: a secondary answers, the first CPU takes the answer. */
static void sgi_handler(unsigned int intid)
{
	(void)intid;
	if (this_cpu_mpidr() == first_cpu) {
		pong_ticks = timer_ticks();
		pong = true;
	} else if (switch_off) {
		psci_call(PSCI_CPU_OFF, 0, 0, 0);
	} else {
		sgi_send(first_cpu, SGI_PING);
	}
}

/* Each secondary turns itself off on its next ping; AFFINITY_INFO tells when. */
static void switch_off_secondaries(void)
{
	unsigned int n, waited;

	switch_off = true;
	for (n = 0; n < num_secondaries; n++) {
		sgi_send(secondaries[n], SGI_PING);
		for (waited = 0; waited < START_TIMEOUT_US / 1000; waited++) {
			if (psci_call(PSCI_AFFINITY_INFO_64, secondaries[n], 0, 0) == AFFINITY_OFF)
				break;
			delay_us(1000);
		}
		printk("smp: CPU 0x%lx %s\n", secondaries[n],
		       waited < START_TIMEOUT_US / 1000 ? "off" : "did not switch off");
	}
}

static void secondary_main(void *arg)
{
	volatile unsigned int *state = arg;

	if (gic_init() || irq_enable(SGI_PING, sgi_handler, IRQ_PRIORITY_DEFAULT)) {
		*state = CPU_FAILED;
		return;
	}
	*state = CPU_UP;
	irq_local_enable();
	for (;;)
		wfi();
}

/* Starts mpidr; true once it reports its GIC ready. */
static bool start_cpu(unsigned long mpidr)
{
	unsigned long start, limit = us_to_ticks(START_TIMEOUT_US);
	volatile unsigned int *state;
	int ret;

	if (attempts == MAX_CANDIDATES || num_secondaries == ARRAY_SIZE(secondaries))
		return false;
	state = &cpu_state[attempts++];
	*state = CPU_STARTING;
	ret = psci_cpu_on(mpidr, secondary_main, (void *)state);
	if (ret) {
		printk("smp: CPU 0x%lx: CPU_ON failed (%d)\n", mpidr, ret);
		return false;
	}
	start = timer_ticks();
	while (*state == CPU_STARTING && timer_ticks() - start < limit)
		cpu_relax();
	if (*state != CPU_UP) {
		printk("smp: CPU 0x%lx started but %s\n", mpidr,
		       *state == CPU_FAILED ? "has no GIC" : "did not report");
		return false;
	}
	printk("smp: CPU 0x%lx up\n", mpidr);
	secondaries[num_secondaries++] = mpidr;
	return true;
}

static void start_cpus(void)
{
	unsigned long list[INMATE_MAX_CPUS - 1];
	struct bulkhead_comm_region *comm = comm_region();
	unsigned long want, aff0, mpidr;
	int n, i;

	n = cmdline_get_ulong_list("mpidrs", list, ARRAY_SIZE(list));
	if (n < 0)
		printk("smp: mpidrs= needs up to %zu numbers, ignored\n", ARRAY_SIZE(list));
	if (n > 0) {
		for (i = 0; i < n; i++)
			start_cpu(list[i]);
		return;
	}

	/* Counting up: with a known count, skip CPUs that fail. */
	want = cmdline_get_ulong("cpus", comm ? comm->num_cpus : 0);
	for (aff0 = (first_cpu & 0xff) + 1;
	     aff0 <= (first_cpu & 0xff) + MAX_CANDIDATES && aff0 <= 0xff; aff0++) {
		if (want && num_secondaries + 1 >= want)
			break;
		mpidr = (first_cpu & ~0xffUL) | aff0;
		if (!start_cpu(mpidr) && !want)
			break;
	}
}

/* One round trip to mpidr in ticks, or ~0UL if no answer came. */
static unsigned long ping(unsigned long mpidr)
{
	unsigned long limit = us_to_ticks(ROUND_TIMEOUT_US);
	unsigned long start;

	pong = false;
	start = timer_ticks();
	sgi_send(mpidr, SGI_PING);
	while (!pong) {
		if (timer_ticks() - start > limit)
			return ~0UL;
		cpu_relax();
	}
	return pong_ticks - start;
}

static void measure(unsigned long rounds)
{
	struct stats s;
	unsigned long r, ticks, target;

	stats_init(&s);
	irq_local_enable();
	for (r = 0; r < rounds; r++) {
		target = secondaries[r % num_secondaries];
		ticks = ping(target);
		if (ticks == ~0UL) {
			printk("smp: no answer from CPU 0x%lx in round %lu\n", target, r);
			break;
		}
		stats_add(&s, ticks);
	}
	irq_local_disable();

	printk("smp: cpus %u rounds %lu ipi-roundtrip min %lu ns avg %lu ns max %lu ns\n",
	       num_secondaries + 1, s.count, s.count ? ticks_to_ns(s.min) : 0,
	       s.count ? ticks_to_ns(s.sum) / s.count : 0, ticks_to_ns(s.max));
	printk("smp-ticks: min %lu avg %lu max %lu\n", s.count ? s.min : 0, stats_avg(&s), s.max);
}

void inmate_main(void)
{
	enum shutdown_policy policy = shutdown_policy_from_cmdline();
	unsigned long rounds = cmdline_get_ulong("rounds", 1000);

	first_cpu = this_cpu_mpidr();
	printk("smp: first CPU 0x%lx, timer %lu Hz\n", first_cpu, timer_frequency());
	if (gic_init() || irq_enable(SGI_PING, sgi_handler, IRQ_PRIORITY_DEFAULT)) {
		printk("smp: no interrupts, giving up\n");
		idle(policy);
	}

	start_cpus();
	if (!num_secondaries)
		printk("smp: no other CPU came up\n");
	else
		measure(rounds);
	if (cmdline_has("cpu-off"))
		switch_off_secondaries();
	idle(policy);
}
