// SPDX-License-Identifier: BSD-2-Clause
/*
 * Pure arithmetic for measurements: sample statistics and 64-bit scaling
 * (ticks to nanoseconds and back). Also built on the host by
 * inmates/tests/host.
 */
#include "internal.h"

unsigned long mul_div(unsigned long val, unsigned long mul, unsigned long div)
{
	if (!div)
		return 0;
	/* val = q * div + r: q * mul exactly, then r * mul < div * mul. */
	return val / div * mul + val % div * mul / div;
}

void stats_init(struct stats *s)
{
	s->count = 0;
	s->min = ~0UL;
	s->max = 0;
	s->sum = 0;
}

void stats_add(struct stats *s, unsigned long sample)
{
	if (sample < s->min)
		s->min = sample;
	if (sample > s->max)
		s->max = sample;
	s->sum += sample;
	s->count++;
}

unsigned long stats_avg(const struct stats *s)
{
	if (!s->count)
		return 0;
	return s->sum / s->count + (s->sum % s->count >= (s->count + 1) / 2);
}
