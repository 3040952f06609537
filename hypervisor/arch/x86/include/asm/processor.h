/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 CPU primitives: MSRs, control registers, CPUID, waiting. */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <bulkhead/types.h>

#define X86_CR0_PE		(1UL << 0)
#define X86_CR0_ET		(1UL << 4)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR0_WP		(1UL << 16)
#define X86_CR0_NW		(1UL << 29)
#define X86_CR0_CD		(1UL << 30)
#define X86_CR0_PG		(1UL << 31)
#define X86_CR4_PAE		(1UL << 5)
#define X86_CR4_PGE		(1UL << 7)
#define X86_CR4_LA57		(1UL << 12)
#define X86_CR4_VMXE		(1UL << 13)
#define X86_CR4_SMXE		(1UL << 14)
#define X86_CR4_PCIDE		(1UL << 17)
#define X86_CR4_OSXSAVE		(1UL << 18)
#define X86_CR4_PKE		(1UL << 22)
#define X86_RFLAGS_RESERVED1	(1UL << 1)
#define X86_RFLAGS_IF		(1UL << 9)

#define MSR_IA32_SYSENTER_CS	0x00000174
#define MSR_IA32_SYSENTER_ESP	0x00000175
#define MSR_IA32_SYSENTER_EIP	0x00000176
#define MSR_IA32_DEBUGCTL	0x000001d9
#define MSR_IA32_PAT		0x00000277
#define MSR_EFER		0xc0000080
#define EFER_LME		(1UL << 8)
#define EFER_LMA		(1UL << 10)
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_TSC_AUX		0xc0000103

#ifndef __ASSEMBLY__
static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 value)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)value), "d"((u32)(value >> 32)) : "memory");
}

#define read_cr(n) ({ u64 __v; asm volatile("mov %%cr" #n ", %0" : "=r"(__v)); __v; })
#define write_cr(n, v) asm volatile("mov %0, %%cr" #n : : "r"((u64)(v)) : "memory")

static inline void cpuid(u32 leaf, u32 subleaf, u32 regs[4])
{
	asm volatile("cpuid" : "=a"(regs[0]), "=b"(regs[1]), "=c"(regs[2]), "=d"(regs[3])
		     : "a"(leaf), "c"(subleaf));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/*
 * Other CPUs poll with PAUSE: the hypervisor takes no interrupts, so there
 * is no event to sleep on (the emulator runs each CPU in turn anyway).
 */
static inline void cpu_wait(void)
{
	asm volatile("pause" : : : "memory");
}

static inline void cpu_wake_waiters(void)
{
	asm volatile("" : : : "memory");
}

/* Interrupts are masked in the hypervisor: HLT stops until an NMI, INIT or SMI. */
static inline void cpu_halt(void)
{
	asm volatile("hlt" : : : "memory");
}
#endif /* !__ASSEMBLY__ */

#endif /* !_ASM_PROCESSOR_H */
