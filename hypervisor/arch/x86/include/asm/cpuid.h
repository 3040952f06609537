/* SPDX-License-Identifier: GPL-2.0 */
/* CPUID as the root cell sees it. */
#ifndef _ASM_CPUID_H
#define _ASM_CPUID_H

#include <bulkhead/types.h>

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

/* CPUID.1:ECX. */
#define CPUID_1_ECX_VMX		BIT(5)
#define CPUID_1_ECX_SMX		BIT(6)
#define CPUID_1_ECX_XSAVE	BIT(26)
#define CPUID_1_ECX_OSXSAVE	BIT(27)
#define CPUID_1_ECX_HYPERVISOR	BIT(31)
/* CPUID.(7,0): protection keys and processor trace. */
#define CPUID_7_EBX_PT		BIT(25)
#define CPUID_7_ECX_PKU		BIT(3)
#define CPUID_7_ECX_OSPKE	BIT(4)

#define CPUID_LEAF_PT		0x14
/* The hypervisor leaves: 0x40000000 names us and is the only one. */
#define CPUID_LEAF_HV		0x40000000
#define CPUID_LEAF_HV_LAST	0x4fffffff
/* "BulkheadHV\0\0" in EBX, ECX, EDX. */
#define CPUID_HV_SIG_EBX	0x6b6c7542
#define CPUID_HV_SIG_ECX	0x64616568
#define CPUID_HV_SIG_EDX	0x00005648

/*
 * Turns what the hardware answered to CPUID @leaf/@subleaf, executed by the
 * hypervisor, into the root's answer; @guest_cr4 is the CR4 the root set
 * (the OS-enable bits follow it, not the hypervisor's).
 */
void cpuid_filter(u32 leaf, u32 subleaf, u64 guest_cr4, struct cpuid_regs *regs);

#endif /* !_ASM_CPUID_H */
