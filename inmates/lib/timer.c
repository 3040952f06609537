// SPDX-License-Identifier: BSD-2-Clause
/*
 * Time from the generic timer's virtual counter. The timer's interrupt is
 * arch code (lib/arm64/arch-timer.c).
 */
#include "internal.h"

#define NSEC_PER_SEC	1000000000UL
#define USEC_PER_SEC	1000000UL

unsigned long timer_frequency(void)
{
	struct bulkhead_comm_region *comm = comm_region();
	unsigned long freq = 0;

	if (comm)
		freq = *(volatile __u64 *)((char *)comm +
					   offsetof(struct bulkhead_comm_region, timer_frequency));
	return freq ? freq : arch_timer_frequency();
}

unsigned long inmate_boot_ticks;

unsigned long timer_ticks(void)
{
	return arch_timer_ticks();
}

unsigned long ticks_to_ns(unsigned long ticks)
{
	return mul_div(ticks, NSEC_PER_SEC, timer_frequency());
}

unsigned long us_to_ticks(unsigned long us)
{
	unsigned long freq = timer_frequency();

	/* Rounded up: us * freq / 10^6 + (1 if there is a remainder). */
	return mul_div(us, freq, USEC_PER_SEC) +
	       (us % USEC_PER_SEC * freq % USEC_PER_SEC != 0);
}

unsigned long timer_ns(void)
{
	return ticks_to_ns(timer_ticks());
}

void delay_us(unsigned long us)
{
	unsigned long start = timer_ticks();
	unsigned long ticks = us_to_ticks(us);

	while (timer_ticks() - start < ticks)
		cpu_relax();
}
