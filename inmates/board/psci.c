// SPDX-License-Identifier: BSD-2-Clause
/*
 * PSCI calls through the conduit the device tree names (SMCCC: x0-x3 in,
 * x0 out, x4-x17 may change).
 */
#include "board.h"

static bool psci_smc;

void psci_use_smc(bool smc)
{
	psci_smc = smc;
}

uint64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 asm("x0") = fn;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;

	if (psci_smc)
		asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
			     "x14", "x15", "x16", "x17", "memory");
	else
		asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :
			     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13",
			     "x14", "x15", "x16", "x17", "memory");
	return x0;
}
