// SPDX-License-Identifier: BSD-2-Clause
/*
 * What interrupt-controller work costs an inmate: a read of a distributor
 * register (trapped and emulated in a cell, plain MMIO on the bare board),
 * a read of RAM for comparison, and an SGI to the calling CPU from the
 * write of ICC_SGI1R_EL1 until its handler has run. Run it in a cell and on
 * the bare board (make -C inmates bare) to compare.
 *
 * Command line: rounds=N (default 1000); prints one line:
 *   irqbench: rounds N gicd-read A ns ram-read B ns self-sgi C ns
 */
#include <inmate.h>

#define GICD_TYPER		0x0004
#define BENCH_SGI		2

static volatile unsigned long sgis_taken;

static void count_sgi(unsigned int intid)
{
	(void)intid;
	sgis_taken++;
}

/* Average nanoseconds of one round, from a counter difference. */
static unsigned long per_round(unsigned long ticks, unsigned long rounds)
{
	return ticks_to_ns(ticks) / rounds;
}

void inmate_main(void)
{
	unsigned long rounds = cmdline_get_ulong("rounds", 1000), n, start, seen;
	unsigned long gicd, ram, sgi;
	static volatile unsigned int ram_word;

	if (!rounds || gic_init() || irq_enable(BENCH_SGI, count_sgi, IRQ_PRIORITY_DEFAULT)) {
		printk("irqbench: cannot set up (rounds %lu)\n", rounds);
		halt();
	}
	irq_local_enable();

	start = timer_ticks();
	for (n = 0; n < rounds; n++)
		(void)mmio_read32(GICD_BASE + GICD_TYPER);
	gicd = per_round(timer_ticks() - start, rounds);

	start = timer_ticks();
	for (n = 0; n < rounds; n++)
		(void)ram_word;
	ram = per_round(timer_ticks() - start, rounds);

	start = timer_ticks();
	for (n = 0; n < rounds; n++) {
		seen = sgis_taken;
		sgi_send(this_cpu_mpidr(), BENCH_SGI);
		while (sgis_taken == seen)
			;
	}
	sgi = per_round(timer_ticks() - start, rounds);

	printk("irqbench: rounds %lu gicd-read %lu ns ram-read %lu ns self-sgi %lu ns\n", rounds,
	       gicd, ram, sgi);
	idle(shutdown_policy_from_cmdline());
}
