// SPDX-License-Identifier: GPL-2.0
/*
 * A CPU-bound program for make bench: the same binary runs in the root
 * Linux, in a Linux cell and in Linux on the bare board, so that the
 * figures compare what a cell costs a program that only computes. The work
 * is fixed (a sieve and a hash over a working set larger than the L1 cache)
 * and its result printed, so that runs can be checked to have done the same
 * thing. Under QEMU -icount shift=0 the elapsed time is the instructions the
 * CPU executed meanwhile, the program's and whatever interrupted it.
 *
 * Output: "BENCH cpu_bound_ns ELAPSED CPU CHECKSUM" (nanoseconds of
 * CLOCK_MONOTONIC_RAW and of the process's CPU time).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SIEVE_SIZE	(512 * 1024)
#define ROUNDS		8

static uint8_t composite[SIEVE_SIZE];

static long long clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Primes below SIEVE_SIZE, folded into a hash (FNV-1a over their values). */
static uint64_t sieve_round(uint64_t hash)
{
	unsigned int n, m;

	memset(composite, 0, sizeof(composite));
	for (n = 2; n < SIEVE_SIZE; n++) {
		if (composite[n])
			continue;
		hash = (hash ^ n) * 0x100000001b3ULL;
		for (m = n * 2; m < SIEVE_SIZE; m += n)
			composite[m] = 1;
	}
	return hash;
}

int main(int argc, char **argv)
{
	unsigned int rounds = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) : ROUNDS;
	uint64_t hash = 0xcbf29ce484222325ULL;
	long long t0, c0, t1, c1;
	unsigned int r;

	t0 = clock_ns(CLOCK_MONOTONIC_RAW);
	c0 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	for (r = 0; r < rounds; r++)
		hash = sieve_round(hash);
	c1 = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = clock_ns(CLOCK_MONOTONIC_RAW);
	printf("BENCH cpu_bound_ns %lld %lld %016llx\n", t1 - t0, c1 - c0,
	       (unsigned long long)hash);
	return 0;
}
