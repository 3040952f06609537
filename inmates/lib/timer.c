// SPDX-License-Identifier: BSD-2-Clause
/* Time from the generic timer's virtual counter; no interrupts. */
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

/* ticks * unit / freq without overflowing 64 bits for any realistic freq. */
static unsigned long ticks_to(unsigned long ticks, unsigned long unit)
{
	unsigned long freq = timer_frequency();

	if (!freq)
		return 0;
	return ticks / freq * unit + ticks % freq * unit / freq;
}

unsigned long timer_ns(void)
{
	return ticks_to(timer_ticks(), NSEC_PER_SEC);
}

void delay_us(unsigned long us)
{
	unsigned long freq = timer_frequency();
	unsigned long start = timer_ticks();
	/* Rounded up: never shorter than asked. */
	unsigned long ticks = us / USEC_PER_SEC * freq +
			      (us % USEC_PER_SEC * freq + USEC_PER_SEC - 1) / USEC_PER_SEC;

	while (timer_ticks() - start < ticks)
		cpu_relax();
}
