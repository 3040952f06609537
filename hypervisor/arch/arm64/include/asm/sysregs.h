/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 system register fields the hypervisor programs (Arm ARM, D13). */
#ifndef _ASM_SYSREGS_H
#define _ASM_SYSREGS_H

/* Constants shared with assembly, where integer suffixes are not allowed. */
#ifdef __ASSEMBLY__
#define UL(x)			x
#else
#define UL(x)			x##UL
#endif

#define SCTLR_M			(1 << 0)
#define SCTLR_C			(1 << 2)
#define SCTLR_SA		(1 << 3)
#define SCTLR_I			(1 << 12)
#define SCTLR_WXN		(1 << 19)
/* EL1 reset value with MMU and caches off: only the RES1 bits of ARMv8.0. */
#define SCTLR_EL1_RES1		((3 << 28) | (3 << 22) | (1 << 20) | (1 << 11))

#define HCR_VM			(UL(1) << 0)
#define HCR_SWIO		(UL(1) << 1)
#define HCR_FMO			(UL(1) << 3)
#define HCR_IMO			(UL(1) << 4)
#define HCR_AMO			(UL(1) << 5)
#define HCR_FB			(UL(1) << 9)
#define HCR_BSU_IS		(UL(1) << 10)
#define HCR_TID3		(UL(1) << 18)
#define HCR_TSC			(UL(1) << 19)
#define HCR_TACR		(UL(1) << 21)
#define HCR_TSW			(UL(1) << 22)
#define HCR_RW			(UL(1) << 31)
#define HCR_TIDCP		(UL(1) << 53)

/* CPTR_EL2 (non-VHE): trace register accesses trap. */
#define CPTR_TTA		(UL(1) << 20)

/* TCR_EL2: 39-bit VA (start level 1), 4 KiB granule, inner/outer WBWA, inner shareable. */
#define TCR_EL2_RES1		((UL(1) << 31) | (UL(1) << 23))
#define TCR_T0SZ(bits)		(64 - (bits))
#define TCR_IRGN0_WBWA		(UL(1) << 8)
#define TCR_ORGN0_WBWA		(UL(1) << 10)
#define TCR_SH0_INNER		(UL(3) << 12)
#define TCR_PS_SHIFT		16
#define TCR_EL2_FLAGS		(TCR_EL2_RES1 | TCR_T0SZ(39) | TCR_IRGN0_WBWA | \
				 TCR_ORGN0_WBWA | TCR_SH0_INNER)

/* VTCR_EL2: 40-bit IPA, start level 1 (two concatenated tables), 4 KiB granule. */
#define VTCR_RES1		(UL(1) << 31)
#define VTCR_SL0_LEVEL1		(UL(1) << 6)
#define VTCR_PS_SHIFT		16
#define VTCR_FLAGS		(VTCR_RES1 | TCR_T0SZ(40) | VTCR_SL0_LEVEL1 | \
				 TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER)
#define VTTBR_VMID_SHIFT	48

/* MAIR_EL2 slots used by the hypervisor's own page tables. */
#define MAIR_NORMAL_IDX		0
#define MAIR_DEVICE_IDX		1
#define MAIR_EL2_VALUE		(UL(0xff) | (UL(0x04) << 8))

#define ESR_EC_SHIFT		26
#define ESR_EC(esr)		(((esr) >> ESR_EC_SHIFT) & 0x3f)
#define ESR_IL			(UL(1) << 25)
#define ESR_EC_HVC64		0x16
#define ESR_EC_SMC64		0x17
#define ESR_EC_SYSREG		0x18
#define ESR_EC_IABT_LOW		0x20
#define ESR_EC_IABT_CUR		0x21
#define ESR_EC_DABT_LOW		0x24
#define ESR_EC_DABT_CUR		0x25
/* Data abort ISS: write-not-read, synchronous external abort status. */
#define ESR_DABT_WNR		(UL(1) << 6)
#define ESR_DABT_ISV		(UL(1) << 24)
#define ESR_DABT_SAS_SHIFT	22
#define ESR_DABT_SSE		(UL(1) << 21)
#define ESR_DABT_SRT_SHIFT	16
#define ESR_DABT_SF		(UL(1) << 15)
/* FAR not valid; the abort came from a stage-1 table walk, not the access. */
#define ESR_DABT_FNV		(UL(1) << 10)
#define ESR_DABT_S1PTW		(UL(1) << 7)
/* PAR_EL1 after an AT: the translation failed; else the output address. */
#define PAR_F			UL(1)
#define PAR_PA_MASK		UL(0xfffffffff000)
#define ESR_FSC_SEA		0x10
/* ESR_EL2.ISS of a trapped MSR/MRS/SYS: Op0, Op2, Op1, CRn, Rt, CRm, direction. */
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYSREG_ISS_MASK		(SYSREG_ISS(3, 7, 15, 15, 7) | 1)
#define SYSREG_ISS_RT(iss)	(((iss) >> 5) & 0x1f)
#define SYSREG_ISS_READ		1
/* Data/instruction fault status: a translation fault at any level (0b0001xx). */
#define ESR_FSC_IS_TRANSLATION(esr)	(((esr) & 0x3c) == 0x04)

#define SPSR_MODE_MASK		0xf
#define SPSR_EL0T		0x0
#define SPSR_EL1H		0x5
#define SPSR_DAIF		(UL(0xf) << 6)

/* HPFAR_EL2 holds the faulting IPA bits [47:12] in its bits [43:4]. */
#define HPFAR_TO_IPA(hpfar)	(((hpfar) & 0xffffffffff0UL) << 8)

/* MDCR_EL2: debug and performance monitor traps. */
#define MDCR_TPMCR		(UL(1) << 5)
#define MDCR_TPM		(UL(1) << 6)
#define MDCR_TDA		(UL(1) << 9)
#define MDCR_TDOSA		(UL(1) << 10)
#define MDCR_TDRA		(UL(1) << 11)
#define MDCR_TPMS		(UL(1) << 14)
#define MDCR_TTRF		(UL(1) << 19)

/* ID_AA64DFR0_EL1 fields a cell is told are absent; each 4 bits wide. */
#define ID_DFR0_TRACEVER_SHIFT	4
#define ID_DFR0_PMUVER_SHIFT	8
#define ID_DFR0_PMSVER_SHIFT	32
#define ID_DFR0_TRACEFILT_SHIFT	40
#define ID_DFR0_TRACEBUFFER_SHIFT 44
#define ID_DFR0_MTPMU_SHIFT	48
#define ID_DFR0_BRBE_SHIFT	52
/* ID_AA64PFR0_EL1 and ID_AA64PFR1_EL1 fields likewise. */
#define ID_PFR0_SVE_SHIFT	32
#define ID_PFR0_MPAM_SHIFT	40
#define ID_PFR0_AMU_SHIFT	44
#define ID_PFR1_MTE_SHIFT	8
#define ID_PFR1_SME_SHIFT	24
/* ID_DFR0_EL1 (AArch32 view): coprocessor and memory-mapped trace, performance monitors. */
#define ID_DFR0_32_COPTRC_SHIFT	4
#define ID_DFR0_32_MMAPTRC_SHIFT 16
#define ID_DFR0_32_PERFMON_SHIFT 24
#define ID_FIELD(shift)		(UL(0xf) << (shift))

/* DCZID_EL0.DZP: DC ZVA is prohibited. */
#define DCZID_DZP		(UL(1) << 4)

/* MPIDR_EL1 bit 31 is RES1. */
#define MPIDR_RES1		(1UL << 31)

/* CNTHCTL_EL2 (non-VHE): EL1 may use the physical counter and timer. */
#define CNTHCTL_EL1PCTEN	(UL(1) << 0)
#define CNTHCTL_EL1PCEN		(UL(1) << 1)

#ifndef __ASSEMBLY__
#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define read_sysreg(reg)						\
	({								\
		unsigned long __val;					\
		asm volatile("mrs %0, " __stringify(reg) : "=r"(__val)); \
		__val;							\
	})
#define write_sysreg(val, reg)						\
	asm volatile("msr " __stringify(reg) ", %0" : : "r"((unsigned long)(val)))

#define isb()		asm volatile("isb" : : : "memory")
#define dsb(opt)	asm volatile("dsb " #opt : : : "memory")
#define wfe()		asm volatile("wfe" : : : "memory")
#define sev()		asm volatile("sev" : : : "memory")
#endif

#endif /* !_ASM_SYSREGS_H */
