/* SPDX-License-Identifier: GPL-2.0 */
/* The root cell's model-specific registers: which exit, and what they then do. */
#ifndef _ASM_MSR_H
#define _ASM_MSR_H

#include <bulkhead/types.h>

/* Intel PT: its output goes to physical addresses, past EPT. */
#define MSR_IA32_RTIT_OUTPUT_BASE	0x00000560
#define MSR_IA32_RTIT_OUTPUT_MASK	0x00000561
#define MSR_IA32_RTIT_CTL		0x00000570
/* SMM monitor control: would hand SMM to a monitor the root chose. */
#define MSR_IA32_SMM_MONITOR_CTL	0x0000009b
/* The VMX capability MSRs, 0x480 (BASIC) to 0x492 (VMFUNC). */
#define MSR_IA32_VMX_FIRST		0x00000480
#define MSR_IA32_VMX_LAST		0x00000492

/* The VMX MSR bitmap (SDM 25.6.9): one 4 KiB page, 1 bit per MSR and direction. */
#define MSR_BITMAP_SIZE			4096

/**
 * Fills @bitmap (MSR_BITMAP_SIZE bytes, for the VMCS's MSR_BITMAP) so that
 * the root's RDMSR and WRMSR exit for the MSRs the hypervisor guards and
 * nothing else (MSRs outside the bitmap's two ranges always exit).
 */
void msr_bitmap_fill(u8 *bitmap);

/**
 * What the root reads from MSR @index, whose RDMSR exited: 0 and @value,
 * or -EPERM: the root gets #GP, as from a CPU without that MSR.
 */
int msr_read(u32 index, u64 *value);

#endif /* !_ASM_MSR_H */
