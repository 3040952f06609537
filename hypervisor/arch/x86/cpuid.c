// SPDX-License-Identifier: GPL-2.0
/*
 * CPUID for the root cell. The instruction always exits (SDM 25.1.2); the
 * root gets the hardware's answer but for:
 * - VMX and SMX: hidden, so that nothing inside (KVM, tboot) tries to use
 *   what the hypervisor holds. KVM also reads IA32_FEATURE_CONTROL, which
 *   says VMX is off (msr.c): Linux caches CPUID at boot, before us.
 * - processor trace: it writes to physical addresses past EPT; hidden and
 *   its MSRs refused.
 * - OSXSAVE and OSPKE: the hardware reports the hypervisor's CR4, the root
 *   must see its own.
 * - the hypervisor bit and leaf 0x40000000, "BulkheadHV": a system can tell
 *   it is partitioned (no other hypervisor leaf exists).
 */
#include <asm/cpuid.h>
#include <asm/processor.h>

static void set_bit_if(u32 *reg, u32 bit, bool set)
{
	*reg = set ? *reg | bit : *reg & ~bit;
}

void cpuid_filter(u32 leaf, u32 subleaf, u64 guest_cr4, struct cpuid_regs *regs)
{
	switch (leaf) {
	case 1:
		regs->ecx &= ~(CPUID_1_ECX_VMX | CPUID_1_ECX_SMX);
		regs->ecx |= CPUID_1_ECX_HYPERVISOR;
		set_bit_if(&regs->ecx, CPUID_1_ECX_OSXSAVE,
			   (regs->ecx & CPUID_1_ECX_XSAVE) && (guest_cr4 & X86_CR4_OSXSAVE));
		break;
	case 7:
		if (subleaf != 0)
			break;
		regs->ebx &= ~CPUID_7_EBX_PT;
		set_bit_if(&regs->ecx, CPUID_7_ECX_OSPKE,
			   (regs->ecx & CPUID_7_ECX_PKU) && (guest_cr4 & X86_CR4_PKE));
		break;
	case CPUID_LEAF_PT:
		*regs = (struct cpuid_regs){ 0 };
		break;
	case CPUID_LEAF_HV:
		*regs = (struct cpuid_regs){ CPUID_LEAF_HV, CPUID_HV_SIG_EBX, CPUID_HV_SIG_ECX,
					     CPUID_HV_SIG_EDX };
		break;
	default:
		if (leaf > CPUID_LEAF_HV && leaf <= CPUID_LEAF_HV_LAST)
			*regs = (struct cpuid_regs){ 0 };
		break;
	}
}
