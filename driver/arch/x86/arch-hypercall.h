/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hypercall from Linux in VMX non-root operation, ring 0: "vmcall" with
 * rax = code (no arch base bits, unlike arm64), arguments in rdi and rsi
 * (rdx, the third, is 0 here), the result in rax
 * (include/bulkhead/hypercall.h, driver/arch.h).
 */
#ifndef _BULKHEAD_DRIVER_ARCH_HYPERCALL_H
#define _BULKHEAD_DRIVER_ARCH_HYPERCALL_H

#include <bulkhead/hypercall.h>

static inline long bulkhead_hypercall(unsigned long code, unsigned long arg1, unsigned long arg2)
{
	unsigned long arg3 = 0;

	/* The argument registers are the hypervisor's to use: they come back changed. */
	asm volatile("vmcall" : "+a"(code), "+D"(arg1), "+S"(arg2), "+d"(arg3) : : "memory");
	return (long)code;
}

#endif /* !_BULKHEAD_DRIVER_ARCH_HYPERCALL_H */
