/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hypercall from Linux at EL1, the root's or a Linux cell's:
 * "hvc #0" with x0 = BULKHEAD_HC_ARM64_BASE | code, arguments in x1 and x2,
 * the result in x0 (include/bulkhead/hypercall.h, driver/arch.h).
 */
#ifndef _BULKHEAD_DRIVER_ARCH_HYPERCALL_H
#define _BULKHEAD_DRIVER_ARCH_HYPERCALL_H

#include <bulkhead/hypercall.h>

static inline long bulkhead_hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	register unsigned long x0 asm("x0") = BULKHEAD_HC_ARM64_BASE | code;
	register unsigned long x1 asm("x1") = arg1;
	register unsigned long x2 asm("x2") = arg2;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : : "memory");
	return (long)x0;
}

#endif /* !_BULKHEAD_DRIVER_ARCH_HYPERCALL_H */
