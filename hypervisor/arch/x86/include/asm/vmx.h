/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMX: VMCS field encodings, control bits, exit reasons and the VMX
 * instructions (Intel SDM Vol. 3C, chapters 24-27 and appendices A-C).
 */
#ifndef _ASM_VMX_H
#define _ASM_VMX_H

#include <bulkhead/errno.h>
#include <bulkhead/types.h>

/* 16-bit fields */
#define VMCS_VPID			0x0000
#define GUEST_ES_SELECTOR		0x0800
#define GUEST_CS_SELECTOR		0x0802
#define GUEST_SS_SELECTOR		0x0804
#define GUEST_DS_SELECTOR		0x0806
#define GUEST_FS_SELECTOR		0x0808
#define GUEST_GS_SELECTOR		0x080a
#define GUEST_LDTR_SELECTOR		0x080c
#define GUEST_TR_SELECTOR		0x080e
#define HOST_ES_SELECTOR		0x0c00
#define HOST_CS_SELECTOR		0x0c02
#define HOST_SS_SELECTOR		0x0c04
#define HOST_DS_SELECTOR		0x0c06
#define HOST_FS_SELECTOR		0x0c08
#define HOST_GS_SELECTOR		0x0c0a
#define HOST_TR_SELECTOR		0x0c0c

/* 64-bit fields */
#define IO_BITMAP_A			0x2000
#define IO_BITMAP_B			0x2002
#define MSR_BITMAP			0x2004
#define TSC_OFFSET			0x2010
#define EPT_POINTER			0x201a
#define GUEST_PHYSICAL_ADDRESS		0x2400
#define VMCS_LINK_POINTER		0x2800
#define GUEST_IA32_DEBUGCTL		0x2802
#define GUEST_IA32_PAT			0x2804
#define GUEST_IA32_EFER			0x2806
#define GUEST_PDPTE0			0x280a
#define HOST_IA32_PAT			0x2c00
#define HOST_IA32_EFER			0x2c02

/* 32-bit fields */
#define PIN_BASED_VM_EXEC_CONTROL	0x4000
#define CPU_BASED_VM_EXEC_CONTROL	0x4002
#define EXCEPTION_BITMAP		0x4004
#define PAGE_FAULT_ERROR_CODE_MASK	0x4006
#define PAGE_FAULT_ERROR_CODE_MATCH	0x4008
#define CR3_TARGET_COUNT		0x400a
#define VM_EXIT_CONTROLS		0x400c
#define VM_EXIT_MSR_STORE_COUNT		0x400e
#define VM_EXIT_MSR_LOAD_COUNT		0x4010
#define VM_ENTRY_CONTROLS		0x4012
#define VM_ENTRY_MSR_LOAD_COUNT		0x4014
#define VM_ENTRY_INTR_INFO		0x4016
#define VM_ENTRY_EXCEPTION_ERROR_CODE	0x4018
#define VM_ENTRY_INSTRUCTION_LEN	0x401a
#define SECONDARY_VM_EXEC_CONTROL	0x401e
#define VM_INSTRUCTION_ERROR		0x4400
#define VM_EXIT_REASON			0x4402
#define VM_EXIT_INTR_INFO		0x4404
#define VM_EXIT_INTR_ERROR_CODE		0x4406
#define IDT_VECTORING_INFO		0x4408
#define IDT_VECTORING_ERROR_CODE	0x440a
#define VM_EXIT_INSTRUCTION_LEN		0x440c
#define VM_EXIT_INSTRUCTION_INFO	0x440e
#define GUEST_ES_LIMIT			0x4800
#define GUEST_CS_LIMIT			0x4802
#define GUEST_SS_LIMIT			0x4804
#define GUEST_DS_LIMIT			0x4806
#define GUEST_FS_LIMIT			0x4808
#define GUEST_GS_LIMIT			0x480a
#define GUEST_LDTR_LIMIT		0x480c
#define GUEST_TR_LIMIT			0x480e
#define GUEST_GDTR_LIMIT		0x4810
#define GUEST_IDTR_LIMIT		0x4812
#define GUEST_ES_AR			0x4814
#define GUEST_CS_AR			0x4816
#define GUEST_SS_AR			0x4818
#define GUEST_DS_AR			0x481a
#define GUEST_FS_AR			0x481c
#define GUEST_GS_AR			0x481e
#define GUEST_LDTR_AR			0x4820
#define GUEST_TR_AR			0x4822
#define GUEST_INTERRUPTIBILITY_INFO	0x4824
#define GUEST_ACTIVITY_STATE		0x4826
#define GUEST_SYSENTER_CS		0x482a
#define HOST_IA32_SYSENTER_CS		0x4c00

/* Natural-width fields */
#define CR0_GUEST_HOST_MASK		0x6000
#define CR4_GUEST_HOST_MASK		0x6002
#define CR0_READ_SHADOW			0x6004
#define CR4_READ_SHADOW			0x6006
#define EXIT_QUALIFICATION		0x6400
#define GUEST_LINEAR_ADDRESS		0x640a
#define GUEST_CR0			0x6800
#define GUEST_CR3			0x6802
#define GUEST_CR4			0x6804
#define GUEST_ES_BASE			0x6806
#define GUEST_CS_BASE			0x6808
#define GUEST_SS_BASE			0x680a
#define GUEST_DS_BASE			0x680c
#define GUEST_FS_BASE			0x680e
#define GUEST_GS_BASE			0x6810
#define GUEST_LDTR_BASE			0x6812
#define GUEST_TR_BASE			0x6814
#define GUEST_GDTR_BASE			0x6816
#define GUEST_IDTR_BASE			0x6818
#define GUEST_DR7			0x681a
#define GUEST_RSP			0x681c
#define GUEST_RIP			0x681e
#define GUEST_RFLAGS			0x6820
#define GUEST_PENDING_DBG_EXCEPTIONS	0x6822
#define GUEST_SYSENTER_ESP		0x6824
#define GUEST_SYSENTER_EIP		0x6826
#define HOST_CR0			0x6c00
#define HOST_CR3			0x6c02
#define HOST_CR4			0x6c04
#define HOST_FS_BASE			0x6c06
#define HOST_GS_BASE			0x6c08
#define HOST_TR_BASE			0x6c0a
#define HOST_GDTR_BASE			0x6c0c
#define HOST_IDTR_BASE			0x6c0e
#define HOST_IA32_SYSENTER_ESP		0x6c10
#define HOST_IA32_SYSENTER_EIP		0x6c12
#define HOST_RSP			0x6c14
#define HOST_RIP			0x6c16

/* Pin-based controls */
#define PIN_EXTINT_EXITING		(1U << 0)
#define PIN_NMI_EXITING			(1U << 3)
#define PIN_VIRTUAL_NMIS		(1U << 5)

/* Primary processor-based controls */
#define CPU_INTR_WINDOW_EXITING		(1U << 2)
#define CPU_HLT_EXITING			(1U << 7)
#define CPU_INVLPG_EXITING		(1U << 9)
#define CPU_MWAIT_EXITING		(1U << 10)
#define CPU_RDPMC_EXITING		(1U << 11)
#define CPU_RDTSC_EXITING		(1U << 12)
#define CPU_CR3_LOAD_EXITING		(1U << 15)
#define CPU_CR3_STORE_EXITING		(1U << 16)
#define CPU_CR8_LOAD_EXITING		(1U << 19)
#define CPU_CR8_STORE_EXITING		(1U << 20)
#define CPU_NMI_WINDOW_EXITING		(1U << 22)
#define CPU_MOV_DR_EXITING		(1U << 23)
#define CPU_UNCOND_IO_EXITING		(1U << 24)
#define CPU_USE_IO_BITMAPS		(1U << 25)
#define CPU_USE_MSR_BITMAPS		(1U << 28)
#define CPU_MONITOR_EXITING		(1U << 29)
#define CPU_ACTIVATE_SECONDARY		(1U << 31)

/* Secondary processor-based controls */
#define SEC_ENABLE_EPT			(1U << 1)
#define SEC_ENABLE_RDTSCP		(1U << 3)
#define SEC_ENABLE_VPID			(1U << 5)
#define SEC_UNRESTRICTED_GUEST		(1U << 7)
#define SEC_ENABLE_INVPCID		(1U << 12)
#define SEC_ENABLE_XSAVES		(1U << 20)

/* VM-exit controls */
#define EXIT_SAVE_DEBUG_CONTROLS	(1U << 2)
#define EXIT_HOST_ADDR_SPACE_SIZE	(1U << 9)
#define EXIT_ACK_INTR_ON_EXIT		(1U << 15)
#define EXIT_SAVE_IA32_PAT		(1U << 18)
#define EXIT_LOAD_IA32_PAT		(1U << 19)
#define EXIT_SAVE_IA32_EFER		(1U << 20)
#define EXIT_LOAD_IA32_EFER		(1U << 21)

/* VM-entry controls */
#define ENTRY_LOAD_DEBUG_CONTROLS	(1U << 2)
#define ENTRY_IA32E_MODE		(1U << 9)
#define ENTRY_LOAD_IA32_PAT		(1U << 14)
#define ENTRY_LOAD_IA32_EFER		(1U << 15)

/* GUEST_ACTIVITY_STATE */
#define GUEST_ACTIVITY_ACTIVE		0
#define GUEST_ACTIVITY_HLT		1
#define GUEST_ACTIVITY_SHUTDOWN		2
#define GUEST_ACTIVITY_WAIT_SIPI	3

/* VM_ENTRY_INTR_INFO / VM_EXIT_INTR_INFO */
#define INTR_INFO_VALID			(1U << 31)
#define INTR_INFO_DELIVER_CODE		(1U << 11)
#define INTR_TYPE_EXT_INTR		(0U << 8)
#define INTR_TYPE_NMI			(2U << 8)
#define INTR_TYPE_HARD_EXCEPTION	(3U << 8)
#define INTR_TYPE_SOFT_EXCEPTION	(6U << 8)

/* Basic exit reasons (bits 15:0 of VM_EXIT_REASON) */
#define EXIT_REASON_EXCEPTION_NMI	0
#define EXIT_REASON_EXTERNAL_INTERRUPT	1
#define EXIT_REASON_TRIPLE_FAULT	2
#define EXIT_REASON_INIT_SIGNAL		3
#define EXIT_REASON_SIPI		4
#define EXIT_REASON_NMI_WINDOW		8
#define EXIT_REASON_CPUID		10
#define EXIT_REASON_GETSEC		11
#define EXIT_REASON_HLT			12
#define EXIT_REASON_INVD		13
#define EXIT_REASON_VMCALL		18
#define EXIT_REASON_VMCLEAR		19
#define EXIT_REASON_VMLAUNCH		20
#define EXIT_REASON_VMPTRLD		21
#define EXIT_REASON_VMPTRST		22
#define EXIT_REASON_VMREAD		23
#define EXIT_REASON_VMRESUME		24
#define EXIT_REASON_VMWRITE		25
#define EXIT_REASON_VMXOFF		26
#define EXIT_REASON_VMXON		27
#define EXIT_REASON_CR_ACCESS		28
#define EXIT_REASON_IO_INSTRUCTION	30
#define EXIT_REASON_MSR_READ		31
#define EXIT_REASON_MSR_WRITE		32
#define EXIT_REASON_INVALID_STATE	33
#define EXIT_REASON_MSR_LOADING		34
#define EXIT_REASON_MACHINE_CHECK	41
#define EXIT_REASON_EPT_VIOLATION	48
#define EXIT_REASON_EPT_MISCONFIG	49
#define EXIT_REASON_INVEPT		50
#define EXIT_REASON_INVVPID		53
#define EXIT_REASON_XSETBV		55
#define EXIT_REASON_VMFUNC		59
#define EXIT_REASONS			65
/* Bit 31 of VM_EXIT_REASON: the VM entry failed (bits 15:0 say why). */
#define EXIT_REASON_FAILED_ENTRY	(1U << 31)

/* VMX capability MSRs */
#define MSR_IA32_FEATURE_CONTROL	0x0000003a
#define FEATURE_CONTROL_LOCKED		(1UL << 0)
#define FEATURE_CONTROL_VMXON_OUTSIDE_SMX (1UL << 2)
#define MSR_IA32_VMX_BASIC		0x00000480
#define VMX_BASIC_TRUE_CTLS		(1UL << 55)
#define MSR_IA32_VMX_PINBASED_CTLS	0x00000481
#define MSR_IA32_VMX_PROCBASED_CTLS	0x00000482
#define MSR_IA32_VMX_EXIT_CTLS		0x00000483
#define MSR_IA32_VMX_ENTRY_CTLS		0x00000484
#define MSR_IA32_VMX_CR0_FIXED0		0x00000486
#define MSR_IA32_VMX_CR0_FIXED1		0x00000487
#define MSR_IA32_VMX_CR4_FIXED0		0x00000488
#define MSR_IA32_VMX_CR4_FIXED1		0x00000489
#define MSR_IA32_VMX_PROCBASED_CTLS2	0x0000048b
#define MSR_IA32_VMX_EPT_VPID_CAP	0x0000048c
#define MSR_IA32_VMX_TRUE_PINBASED_CTLS	0x0000048d
#define MSR_IA32_VMX_TRUE_PROCBASED_CTLS 0x0000048e
#define MSR_IA32_VMX_TRUE_EXIT_CTLS	0x0000048f
#define MSR_IA32_VMX_TRUE_ENTRY_CTLS	0x00000490

/* EPT and VPID capabilities (MSR_IA32_VMX_EPT_VPID_CAP) */
#define EPT_CAP_WALK_4			(1UL << 6)
#define EPT_CAP_WB			(1UL << 14)
#define EPT_CAP_2M_PAGES		(1UL << 16)
#define EPT_CAP_1G_PAGES		(1UL << 17)
#define EPT_CAP_INVEPT			(1UL << 20)
#define EPT_CAP_INVEPT_SINGLE		(1UL << 25)
#define EPT_CAP_INVEPT_ALL		(1UL << 26)
#define VPID_CAP_INVVPID		(1UL << 32)
#define VPID_CAP_INVVPID_SINGLE		(1UL << 41)

#ifndef __ASSEMBLY__
/* 0 on success; VMfailInvalid/VMfailValid set CF/ZF: -EIO then (VM_INSTRUCTION_ERROR says why). */
static inline int vmx_on(u64 phys)
{
	u8 fail;

	asm volatile("vmxon %1; setbe %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return fail ? -EIO : 0;
}

static inline void vmx_off(void)
{
	asm volatile("vmxoff" : : : "cc", "memory");
}

static inline int vmcs_clear(u64 phys)
{
	u8 fail;

	asm volatile("vmclear %1; setbe %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return fail ? -EIO : 0;
}

static inline int vmcs_load(u64 phys)
{
	u8 fail;

	asm volatile("vmptrld %1; setbe %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return fail ? -EIO : 0;
}

static inline u64 vmcs_read(unsigned long field)
{
	u64 value;

	asm volatile("vmread %1, %0" : "=rm"(value) : "r"(field) : "cc");
	return value;
}

/* Only the current VMCS is written; a bad field is a hypervisor bug, reported by vmcs_check(). */
static inline bool vmcs_write(unsigned long field, u64 value)
{
	u8 fail;

	asm volatile("vmwrite %2, %1; setbe %0" : "=q"(fail) : "r"(field), "rm"(value) : "cc");
	return !fail;
}
#endif /* !__ASSEMBLY__ */

#endif /* !_ASM_VMX_H */
