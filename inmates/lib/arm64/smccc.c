// SPDX-License-Identifier: BSD-2-Clause
/*
 * SMC Calling Convention calls: hypercalls to Bulkhead (hvc #0), firmware
 * calls (smc #0), which the hypervisor intercepts for a cell, and plain
 * hvc #0 calls for firmware reached that way on a machine without EL3.
 * x0..x3 carry the function id and arguments; x0 holds the result. Both
 * conduits may clobber x0..x17, so the asm says so.
 */
#include <inmate.h>

#define SMCCC_CLOBBERS	"x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", \
			"x13", "x14", "x15", "x16", "x17", "memory"

/* One call through @insn ("smc #0" or "hvc #0"), the same for both conduits. */
#define SMCCC_CALL(insn, fn, arg1, arg2, arg3)					\
	({									\
		register unsigned long x0 asm("x0") = (fn);			\
		register unsigned long x1 asm("x1") = (arg1);			\
		register unsigned long x2 asm("x2") = (arg2);			\
		register unsigned long x3 asm("x3") = (arg3);			\
										\
		asm volatile(insn						\
			     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)	\
			     : : SMCCC_CLOBBERS);				\
		(long)x0;							\
	})

long smc_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3)
{
	return SMCCC_CALL("smc #0", fn, arg1, arg2, arg3);
}

long hvc_call(unsigned long fn, unsigned long arg1, unsigned long arg2, unsigned long arg3)
{
	return SMCCC_CALL("hvc #0", fn, arg1, arg2, arg3);
}

long hypercall(unsigned int code, unsigned long arg1, unsigned long arg2)
{
	return hvc_call(BULKHEAD_HC_ARM64_BASE | code, arg1, arg2, 0);
}
