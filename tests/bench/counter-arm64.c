// SPDX-License-Identifier: GPL-2.0
/* arm64: the generic timer's virtual counter (counter.h). */
#include "counter.h"

unsigned long long counter(void)
{
	unsigned long long val;

	asm volatile("isb; mrs %0, cntvct_el0" : "=r"(val));
	return val;
}

unsigned long long counter_freq(void)
{
	unsigned long long val;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(val));
	return val;
}
