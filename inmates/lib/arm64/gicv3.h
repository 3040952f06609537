/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * GICv3 registers the inmate library uses, and the pure helpers that encode
 * and decode their values (gic-encode.c, also built on the host).
 */
#ifndef _INMATE_GICV3_H
#define _INMATE_GICV3_H

#include <inmate.h>

/* Distributor */
#define GICD_CTLR		0x0000
#define GICD_CTLR_ENABLE_GRP1	(1U << 1)	/* EnableGrp1NS (EnableGrp1 with DS=1) */
#define GICD_CTLR_ARE		(1U << 4)	/* ARE_NS (ARE with DS=1) */
#define GICD_CTLR_RWP		(1U << 31)
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ISACTIVER		0x0300
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00		/* 2 bits per INTID, upper one: edge */
#define GICD_IROUTER		0x6000

/* Redistributor: RD_base frame, then SGI_base frame (PPIs and SGIs) */
#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1U << 3)
#define GICR_TYPER		0x0008
#define GICR_TYPER_VLPIS	(1UL << 1)
#define GICR_TYPER_LAST		(1UL << 4)
#define GICR_WAKER		0x0014
#define GICR_WAKER_PROCESSOR_SLEEP	(1U << 1)
#define GICR_WAKER_CHILDREN_ASLEEP	(1U << 2)
#define GICR_SGI_BASE		0x10000UL
#define GICR_FRAMES_SIZE	0x20000UL	/* RD_base + SGI_base */
#define GICR_VLPI_FRAMES_SIZE	0x20000UL	/* GICv4: VLPI_base + reserved */
#define GICR_IGROUPR0		0x0080
#define GICR_ISENABLER0		0x0100
#define GICR_ICENABLER0		0x0180
#define GICR_ISPENDR0		0x0200
#define GICR_ISACTIVER0		0x0300
#define GICR_IPRIORITYR		0x0400
#define GICR_ICFGR0		0x0c00

/* CPU interface */
#define ICC_SRE_SRE		(1UL << 0)
#define ICC_CTLR_EOIMODE	(1UL << 1)
#define ICC_IGRPEN1_ENABLE	(1UL << 0)
#define ICC_IAR_INTID_MASK	0xffffffUL
#define INTID_SPURIOUS_FIRST	1020
#define INTID_SPURIOUS_LAST	1023

#define SGI_LAST		15
#define PRIVATE_INTIDS		32	/* SGIs and PPIs */

/* Called by the vectors for an IRQ: acknowledges, dispatches, ends it. */
void gic_handle_irq(void);

/* ICC_SGI1R_EL1 value that sends SGI sgi to the one CPU with affinity mpidr. */
unsigned long gic_sgi1r_value(unsigned long mpidr, unsigned int sgi);
/* True if a redistributor's GICR_TYPER names the CPU with affinity mpidr. */
bool gic_typer_matches(unsigned long typer, unsigned long mpidr);
/* GICD_IROUTER value that routes an SPI to the CPU with affinity mpidr. */
unsigned long gic_irouter_value(unsigned long mpidr);
/* Bytes from one redistributor to the next, given its GICR_TYPER. */
unsigned long gic_redist_stride(unsigned long typer);

#endif /* !_INMATE_GICV3_H */
