/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPU's free-running counter as a user program reads it, linked in per
 * architecture (counter-arm64.c, counter-x86.c): the counter an inmate
 * reads too, so that both sides of a measurement use one time base.
 */
#ifndef BULKHEAD_BENCH_COUNTER_H
#define BULKHEAD_BENCH_COUNTER_H

/* The counter's value now, ordered after the instructions before it. */
unsigned long long counter(void);

/* Its frequency, in Hz. */
unsigned long long counter_freq(void);

#endif
