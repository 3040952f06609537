// SPDX-License-Identifier: BSD-2-Clause
/*
 * Affinity fields in GICv3 register values. Pure code: also built on the
 * host by inmates/tests/host.
 *
 * MPIDR_EL1 holds Aff0 in bits 7:0, Aff1 in 15:8, Aff2 in 23:16 and Aff3 in
 * 39:32; each GIC register packs them its own way.
 */
#include "gicv3.h"

#define AFF0(mpidr)	((mpidr) & 0xff)
#define AFF1(mpidr)	(((mpidr) >> 8) & 0xff)
#define AFF2(mpidr)	(((mpidr) >> 16) & 0xff)
#define AFF3(mpidr)	(((mpidr) >> 32) & 0xff)

/* ICC_SGI1R_EL1 */
#define SGI1R_AFF1_SHIFT	16
#define SGI1R_INTID_SHIFT	24
#define SGI1R_AFF2_SHIFT	32
#define SGI1R_RS_SHIFT		44
#define SGI1R_AFF3_SHIFT	48

/* GICR_TYPER: Aff3.Aff2.Aff1.Aff0 in bits 63:32 */
#define TYPER_AFF_SHIFT		32

/* GICD_IROUTER: Aff0..Aff2 at MPIDR positions, Aff3 in bits 39:32 too */
#define IROUTER_AFF_MASK	0xff00ffffffUL

unsigned long gic_sgi1r_value(unsigned long mpidr, unsigned int sgi)
{
	/*
	 * TargetList has one bit per Aff0 value within a range of 16; the
	 * range selector RS picks which 16 (needs ICC_CTLR_EL1.RSS for RS > 0).
	 */
	return (1UL << (AFF0(mpidr) & 0xf)) |
	       (AFF1(mpidr) << SGI1R_AFF1_SHIFT) |
	       ((unsigned long)(sgi & 0xf) << SGI1R_INTID_SHIFT) |
	       (AFF2(mpidr) << SGI1R_AFF2_SHIFT) |
	       ((AFF0(mpidr) >> 4) << SGI1R_RS_SHIFT) |
	       (AFF3(mpidr) << SGI1R_AFF3_SHIFT);
}

bool gic_typer_matches(unsigned long typer, unsigned long mpidr)
{
	unsigned long aff = AFF3(mpidr) << 24 | AFF2(mpidr) << 16 | AFF1(mpidr) << 8 | AFF0(mpidr);

	return typer >> TYPER_AFF_SHIFT == aff;
}

unsigned long gic_irouter_value(unsigned long mpidr)
{
	/* Interrupt_Routing_Mode (bit 31) stays 0: this CPU only. */
	return mpidr & IROUTER_AFF_MASK;
}

unsigned long gic_redist_stride(unsigned long typer)
{
	if (typer & GICR_TYPER_VLPIS)
		return GICR_FRAMES_SIZE + GICR_VLPI_FRAMES_SIZE;
	return GICR_FRAMES_SIZE;
}
