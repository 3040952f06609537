// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64: the TSC (counter.h). No architectural register gives its
 * frequency on the PC's CPU model (CPUID leaf 0x15 is newer than Haswell):
 * the kernel's calibration does, the "cpu MHz" of /proc/cpuinfo (constant
 * TSC: the same clock).
 */
#include <stdio.h>
#include <stdlib.h>

#include "counter.h"

unsigned long long counter(void)
{
	unsigned int lo, hi;

	asm volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return (unsigned long long)hi << 32 | lo;
}

unsigned long long counter_freq(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[256];
	double mhz = 0;

	while (f && fgets(line, sizeof(line), f) && sscanf(line, "cpu MHz : %lf", &mhz) != 1)
		;
	if (f)
		fclose(f);
	if (mhz <= 0) {
		fprintf(stderr, "hvbench: no \"cpu MHz\" in /proc/cpuinfo for the TSC frequency\n");
		exit(1);
	}
	return (unsigned long long)(mhz * 1000000);
}
