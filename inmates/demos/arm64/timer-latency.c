// SPDX-License-Identifier: BSD-2-Clause
/*
 * Timer-latency demo: how late the EL1 virtual timer's interrupt arrives.
 *
 * The timer is armed for a deadline every period; its handler reads the
 * counter first thing, records now - deadline and arms the next deadline
 * (deadlines stay on the period grid: a late interrupt does not shift the
 * ones after it; deadlines already past when the handler re-arms are
 * skipped and counted as overruns). The result is printed as
 *
 *   latency: samples N min X ns avg Y ns max Z ns
 *   latency-ticks: min a avg b max c
 *
 * then the demo idles, answering shutdown requests.
 *
 * Command line (all optional):
 *   period-us=N      time between deadlines (default 1000)
 *   samples=N        deadlines to measure (default 1000)
 *   poll-us=N        between interrupts, read the distributor's GICD_TYPER
 *                    every N microseconds instead of waiting (as a driver
 *                    polling an emulated device's status register would):
 *                    each read is an exit to the hypervisor, and a deadline
 *                    that comes during one waits for it (the worked example
 *                    of Documentation/tracing.md)
 *   deny-shutdown, ignore-shutdown, uart=0xADDR, psci=hvc: as for hello
 */
#include <inmate.h>

#define GICD_TYPER	0x0004

/* Shared with the handler; the main loop only reads count. */
static struct {
	unsigned long period;		/* ticks */
	unsigned long deadline;		/* the one armed */
	unsigned long samples;		/* to take */
	unsigned long overruns;
	struct stats stats;
} lat;

static void timer_irq(unsigned int intid)
{
	unsigned long now = timer_ticks();

	(void)intid;
	/* The timer fires once the counter reaches CVAL: never early. */
	stats_add(&lat.stats, now >= lat.deadline ? now - lat.deadline : 0);
	if (lat.stats.count >= lat.samples) {
		timer_stop();
		return;
	}

	lat.deadline += lat.period;
	now = timer_ticks();
	while (lat.deadline <= now) {
		lat.deadline += lat.period;
		lat.overruns++;
	}
	timer_start_at(lat.deadline);
}

static void print_results(void)
{
	struct stats *s = &lat.stats;

	printk("latency: samples %lu min %lu ns avg %lu ns max %lu ns\n", s->count,
	       ticks_to_ns(s->min), s->count ? ticks_to_ns(s->sum) / s->count : 0,
	       ticks_to_ns(s->max));
	printk("latency-ticks: min %lu avg %lu max %lu\n", s->min, stats_avg(s), s->max);
	if (lat.overruns)
		printk("latency: overruns %lu (deadlines already past, skipped)\n", lat.overruns);
}

void inmate_main(void)
{
	enum shutdown_policy policy = shutdown_policy_from_cmdline();
	unsigned long period_us = cmdline_get_ulong("period-us", 1000);
	bool poll = cmdline_has("poll-us");
	unsigned long poll_us = cmdline_get_ulong("poll-us", 0);
	unsigned long step, next_report;

	lat.samples = cmdline_get_ulong("samples", 1000);
	if (!period_us || !lat.samples) {
		printk("timer-latency: period-us and samples must be above 0\n");
		idle(policy);
	}
	lat.period = us_to_ticks(period_us);
	stats_init(&lat.stats);

	printk("timer-latency: CPU 0x%lx, period %lu us (%lu ticks at %lu Hz), %lu samples\n",
	       this_cpu_mpidr(), period_us, lat.period, timer_frequency(), lat.samples);
	if (gic_init() || irq_enable(TIMER_IRQ, timer_irq, IRQ_PRIORITY_DEFAULT)) {
		printk("timer-latency: no interrupts, giving up\n");
		idle(policy);
	}

	/* Progress at most every 10 %, printed with IRQs on: a deadline may come. */
	step = lat.samples / 10 ? lat.samples / 10 : 1;
	next_report = step;
	lat.deadline = timer_start_oneshot(lat.period);
	while (*(volatile unsigned long *)&lat.stats.count < lat.samples) {
		if (poll) {
			irq_local_enable();
			(void)mmio_read32(GICD_BASE + GICD_TYPER);
			delay_us(poll_us);
			irq_local_disable();
		} else {
			wait_for_interrupt();
		}
		if (lat.stats.count >= next_report && lat.stats.count < lat.samples) {
			irq_local_enable();
			printk("timer-latency: %lu/%lu\n", next_report, lat.samples);
			irq_local_disable();
			next_report += step;
		}
		shutdown_poll(policy);
	}
	timer_stop();
	irq_disable(TIMER_IRQ);

	print_results();
	idle(policy);
}
