// SPDX-License-Identifier: GPL-2.0
/*
 * RDMSR and WRMSR for the root cell. Most MSRs are the root's own: the VMCS
 * switches what the hypervisor needs at every exit and entry (EFER, PAT,
 * FS/GS bases, SYSENTER, DEBUGCTL), so the root may read and write them
 * directly. The bitmap makes these exit:
 * - IA32_FEATURE_CONTROL: reads say "locked, VMX off", so that KVM and
 *   the like see no VT-x to take (CPUID hides it too); writes get #GP as
 *   on a locked MSR.
 * - the VMX capability MSRs: #GP, as on a CPU without VMX.
 * - IA32_SMM_MONITOR_CTL: #GP; SMM stays as the firmware set it.
 * - Intel PT's output and control: #GP; its trace would be written to
 *   physical memory, past EPT, the hypervisor's included.
 * - the x2APIC's ICR, on writes only: the root's IPIs go through apic.c.
 * Every other exit comes from an MSR outside the bitmap's ranges, which
 * the root has no business with: #GP, as from a CPU without it.
 */
#include <bulkhead/errno.h>
#include <asm/apic.h>
#include <asm/msr.h>
#include <asm/vmx.h>

/* MSRs 0-0x1fff: the first 1 KiB of the bitmap for reads, the third for writes. */
#define MSR_LOW_LAST		0x00001fffU
#define MSR_READ_LOW		0
#define MSR_WRITE_LOW		2048

static const struct {
	u32 first, last;
} guarded[] = {
	{ MSR_IA32_FEATURE_CONTROL, MSR_IA32_FEATURE_CONTROL },
	{ MSR_IA32_SMM_MONITOR_CTL, MSR_IA32_SMM_MONITOR_CTL },
	{ MSR_IA32_RTIT_OUTPUT_BASE, MSR_IA32_RTIT_OUTPUT_MASK },
	{ MSR_IA32_RTIT_CTL, MSR_IA32_RTIT_CTL },
	{ MSR_IA32_VMX_FIRST, MSR_IA32_VMX_LAST },
};

/* All intercepted MSRs are in the low range. */
static void intercept_write(u8 *bitmap, u32 index)
{
	bitmap[MSR_WRITE_LOW + index / 8] |= 1U << (index % 8);
}

static void intercept(u8 *bitmap, u32 index)
{
	bitmap[MSR_READ_LOW + index / 8] |= 1U << (index % 8);
	intercept_write(bitmap, index);
}

void msr_bitmap_fill(u8 *bitmap)
{
	unsigned int n;
	u32 index;

	BUILD_BUG_ON(MSR_IA32_VMX_LAST > MSR_LOW_LAST);
	for (n = 0; n < MSR_BITMAP_SIZE; n++)
		bitmap[n] = 0;
	for (n = 0; n < ARRAY_SIZE(guarded); n++)
		for (index = guarded[n].first; index <= guarded[n].last; index++)
			intercept(bitmap, index);
	intercept_write(bitmap, MSR_X2APIC_ICR);
}

int msr_read(u32 index, u64 *value)
{
	if (index != MSR_IA32_FEATURE_CONTROL)
		return -EPERM;
	*value = FEATURE_CONTROL_LOCKED;
	return 0;
}
