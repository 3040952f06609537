/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The root's CR0 and CR4 (what VMX forces, what the root sees) and XCR0.
 * @fixed0/@fixed1 are the IA32_VMX_CR<n>_FIXED0/1 MSRs: bits that must be
 * 1, and bits that may be 1, in VMX operation.
 */
#ifndef _ASM_CR_H
#define _ASM_CR_H

#include <bulkhead/types.h>

/**
 * The CR0 guest/host mask: the bits VMX fixes but for PE and PG, which
 * unrestricted guest leaves free. The root reads them from the read
 * shadow; its writes that would change them exit (cr0_emulate()).
 */
u64 cr0_host_owned(u64 fixed0, u64 fixed1);

/** The CR4 guest/host mask: the fixed bits (VMXE) and SMXE, hidden from the root. */
u64 cr4_host_owned(u64 fixed0, u64 fixed1);

/** What CR0 really holds when the root asks for @value: the fixed bits forced. */
u64 cr0_real(u64 value, u64 fixed0, u64 fixed1);

/** What CR4 really holds when the root asks for @value. */
u64 cr4_real(u64 value, u64 fixed0, u64 fixed1);

/**
 * 0 if the root may load @value into CR0, or -EINVAL: it gets #GP (bits
 * 63:32, NW without CD, PG without PE), as the hardware checks them.
 */
int cr0_check(u64 value);

/**
 * 0 if the root may load @value into CR4, or -EINVAL (#GP): a bit this CPU
 * cannot set in VMX operation, or VMXE or SMXE, which it has not.
 */
int cr4_check(u64 value, u64 fixed1);

/**
 * 0 if XSETBV may load @value into XCR@index, or -EINVAL (#GP): only XCR0,
 * only features in @supported (CPUID.(0xd,0) EDX:EAX), x87 always on, AVX
 * only with SSE, the MPX, AVX-512 and AMX groups whole (SDM 13.3).
 */
int xsetbv_check(u32 index, u64 value, u64 supported);

#endif /* !_ASM_CR_H */
