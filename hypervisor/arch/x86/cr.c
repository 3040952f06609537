// SPDX-License-Identifier: GPL-2.0
/*
 * CR0, CR4 and XCR0 of the root cell. VMX operation fixes some control
 * register bits (CR0.NE, CR4.VMXE); the root must neither see nor change
 * them, so they are host-owned: reads see the read shadow (the root's own
 * value), and a write that changes one exits and is checked and emulated
 * here. Everything else in CR0/CR4 is the root's, written without exits.
 * XSETBV always exits: the value is checked, then loaded for the root (the
 * hypervisor uses no extended state, so XCR0 is never switched). The check
 * must refuse all the hardware would (SDM 13.3, XSETBV): the XSETBV the
 * hypervisor then executes must not fault.
 */
#include <bulkhead/errno.h>
#include <asm/cr.h>
#include <asm/processor.h>

#define XFEATURE_X87		BIT_ULL(0)
#define XFEATURE_SSE		BIT_ULL(1)
#define XFEATURE_AVX		BIT_ULL(2)
#define XFEATURE_MPX		(BIT_ULL(3) | BIT_ULL(4))
#define XFEATURE_AVX512		(BIT_ULL(5) | BIT_ULL(6) | BIT_ULL(7))
#define XFEATURE_AMX		(BIT_ULL(17) | BIT_ULL(18))

u64 cr0_host_owned(u64 fixed0, u64 fixed1)
{
	return (fixed0 & ~(X86_CR0_PE | X86_CR0_PG)) | ~fixed1;
}

u64 cr4_host_owned(u64 fixed0, u64 fixed1)
{
	return fixed0 | ~fixed1 | X86_CR4_VMXE | X86_CR4_SMXE;
}

u64 cr0_real(u64 value, u64 fixed0, u64 fixed1)
{
	return (value | (fixed0 & ~(X86_CR0_PE | X86_CR0_PG))) & fixed1;
}

u64 cr4_real(u64 value, u64 fixed0, u64 fixed1)
{
	return (value | fixed0) & fixed1;
}

int cr0_check(u64 value)
{
	if (value >> 32)
		return -EINVAL;
	if ((value & X86_CR0_NW) && !(value & X86_CR0_CD))
		return -EINVAL;
	if ((value & X86_CR0_PG) && !(value & X86_CR0_PE))
		return -EINVAL;
	return 0;
}

int cr4_check(u64 value, u64 fixed1)
{
	return value & (~fixed1 | X86_CR4_VMXE | X86_CR4_SMXE) ? -EINVAL : 0;
}

static bool all_or_none(u64 value, u64 group)
{
	return (value & group) == 0 || (value & group) == group;
}

int xsetbv_check(u32 index, u64 value, u64 supported)
{
	if (index != 0 || (value & ~supported) || !(value & XFEATURE_X87))
		return -EINVAL;
	if ((value & XFEATURE_AVX) && !(value & XFEATURE_SSE))
		return -EINVAL;
	if (!all_or_none(value, XFEATURE_MPX) || !all_or_none(value, XFEATURE_AVX512) ||
	    !all_or_none(value, XFEATURE_AMX))
		return -EINVAL;
	if ((value & XFEATURE_AVX512) && !(value & XFEATURE_AVX))
		return -EINVAL;
	return 0;
}
