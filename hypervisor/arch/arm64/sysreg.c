// SPDX-License-Identifier: GPL-2.0
/*
 * EL1 doors of non-root cells that are emulated rather than shut (which
 * fails the cell): the ID registers, which must not offer what the cell
 * would be failed for using; the auxiliary control register, whose bits
 * are the core's, not the cell's; and cache maintenance by set/way, which
 * on the real caches would reach lines of every cell sharing them; and the
 * self-hosted debug registers, which read as zero and ignore writes (no
 * breakpoint, watchpoint or OS lock state of the root's can show through,
 * and an operating system that resets them at boot, as Linux does, runs on).
 * Implementation-defined registers, trace and PMU stay shut.
 */
#include <bulkhead/control.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define ISS_DC_ISW		SYSREG_ISS(1, 0, 7, 6, 2)
#define ISS_DC_CSW		SYSREG_ISS(1, 0, 7, 10, 2)
#define ISS_DC_CISW		SYSREG_ISS(1, 0, 7, 14, 2)
#define ISS_ACTLR_EL1		SYSREG_ISS(3, 0, 1, 0, 1)
/* The ID register space HCR_EL2.TID3 traps: op0 3, op1 0, CRn 0, CRm 1-7. */
#define ISS_ID_SPACE_MASK	SYSREG_ISS(3, 7, 15, 8, 0)
#define ISS_ID_SPACE		SYSREG_ISS(3, 0, 0, 0, 0)
#define ISS_CRM(iss)		(((iss) >> 1) & 0xf)
/* The debug registers MDCR_EL2.TDA/TDOSA/TDRA trap: op0 2, op1 0. */
#define ISS_DEBUG_SPACE_MASK	SYSREG_ISS(3, 7, 0, 0, 0)
#define ISS_DEBUG_SPACE		SYSREG_ISS(2, 0, 0, 0, 0)
#define ISS_OP2(iss)		(((iss) >> 17) & 0x7)
/* DC *SW operand: level in bits 3:1, set and way above. */
#define SETWAY_MASK		(~UL(0xf))

#define ID_AA64PFR0		SYSREG_ISS(3, 0, 0, 4, 0)
#define ID_AA64PFR1		SYSREG_ISS(3, 0, 0, 4, 1)
#define ID_AA64DFR0		SYSREG_ISS(3, 0, 0, 5, 0)
#define ID_DFR0			SYSREG_ISS(3, 0, 0, 1, 2)

/* Fields of the live value that read as "not implemented" to a cell. */
static u64 hidden_id_fields(u64 reg)
{
	switch (reg) {
	case ID_AA64PFR0:
		return ID_FIELD(ID_PFR0_SVE_SHIFT) | ID_FIELD(ID_PFR0_MPAM_SHIFT) |
		       ID_FIELD(ID_PFR0_AMU_SHIFT);
	case ID_AA64PFR1:
		return ID_FIELD(ID_PFR1_MTE_SHIFT) | ID_FIELD(ID_PFR1_SME_SHIFT);
	case ID_AA64DFR0:
		return ID_FIELD(ID_DFR0_TRACEVER_SHIFT) | ID_FIELD(ID_DFR0_PMUVER_SHIFT) |
		       ID_FIELD(ID_DFR0_PMSVER_SHIFT) | ID_FIELD(ID_DFR0_TRACEFILT_SHIFT) |
		       ID_FIELD(ID_DFR0_TRACEBUFFER_SHIFT) | ID_FIELD(ID_DFR0_MTPMU_SHIFT) |
		       ID_FIELD(ID_DFR0_BRBE_SHIFT);
	case ID_DFR0:
		return ID_FIELD(ID_DFR0_32_COPTRC_SHIFT) | ID_FIELD(ID_DFR0_32_MMAPTRC_SHIFT) |
		       ID_FIELD(ID_DFR0_32_PERFMON_SHIFT);
	default:
		return 0;
	}
}

/*
 * The live value of an ID register (op2 @op2 in CRm @crm, 1-7). The whole
 * space is readable at EL2; its unallocated encodings read as zero.
 */
static u64 read_id_register(unsigned int crm, unsigned int op2)
{
	/* One mrs per encoding: the register is part of the instruction. */
#define ID_CASE(m, o)	case (m) * 8 + (o): return read_sysreg(S3_0_C0_C##m##_##o)
#define ID_ROW(m)	ID_CASE(m, 0); ID_CASE(m, 1); ID_CASE(m, 2); ID_CASE(m, 3); \
			ID_CASE(m, 4); ID_CASE(m, 5); ID_CASE(m, 6); ID_CASE(m, 7)
	switch (crm * 8 + op2) {
	ID_ROW(1);
	ID_ROW(2);
	ID_ROW(3);
	ID_ROW(4);
	ID_ROW(5);
	ID_ROW(6);
	ID_ROW(7);
	default:
		return 0;
	}
#undef ID_ROW
#undef ID_CASE
}

static void set_rt(struct trap_frame *frame, u64 iss, u64 value)
{
	unsigned int rt = SYSREG_ISS_RT(iss);

	if (rt != 31)
		frame->x[rt] = value;
}

bool sysreg_emulate(struct per_cpu *cpu, struct trap_frame *frame, u64 esr, bool *retry)
{
	u64 iss = esr & 0x1ffffff, reg = iss & ~(UL(0x1f) << 5) & ~(u64)SYSREG_ISS_READ;
	unsigned int rt = SYSREG_ISS_RT(iss);
	u64 operand = rt == 31 ? 0 : frame->x[rt];

	if (cpu->cell == &root_cell)
		return false;
	if ((iss & ISS_ID_SPACE_MASK) == ISS_ID_SPACE && (iss & SYSREG_ISS_READ) && ISS_CRM(iss)) {
		set_rt(frame, iss, read_id_register(ISS_CRM(iss), ISS_OP2(iss)) &
				   ~hidden_id_fields(reg));
		return true;
	}
	if (reg == ISS_ACTLR_EL1 || (iss & ISS_DEBUG_SPACE_MASK) == ISS_DEBUG_SPACE) {
		/* Reads as zero, writes ignored: ACTLR's bits would act on the core. */
		if (iss & SYSREG_ISS_READ)
			set_rt(frame, iss, 0);
		return true;
	}
	if (reg == ISS_DC_ISW || reg == ISS_DC_CSW || reg == ISS_DC_CISW) {
		/*
		 * A full walk over sets and ways visits set 0, way 0 once per
		 * level: clean the cell's own memory then, by address, and do
		 * nothing on the real sets and ways, which other cells share.
		 */
		if (!(operand & SETWAY_MASK))
			*retry = !cell_clean_caches(cpu->cell);
		return true;
	}
	return false;
}
