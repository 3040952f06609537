// SPDX-License-Identifier: BSD-2-Clause
/*
 * Exceptions from the vectors: IRQs go to the GIC code; anything else is
 * unexpected: report, then let the hypervisor stop the CPU and mark the cell
 * failed (BULKHEAD_HC_CPU_FAULT).
 */
#include "gicv3.h"

/* Vector entries (vectors.S) of IRQs taken from EL1 with SP_EL0 and SP_EL1. */
#define VECTOR_EL1T_IRQ		1
#define VECTOR_EL1H_IRQ		5

/* Saved by vectors.S; the layout is fixed there. */
struct exception_frame {
	unsigned long x[31];
	unsigned long elr;
	unsigned long spsr;
	unsigned long esr;
	unsigned long far;
	unsigned long pad;
};

_Static_assert(sizeof(struct exception_frame) == 36 * 8, "frame layout of vectors.S");
_Static_assert(offsetof(struct exception_frame, elr) == 31 * 8, "frame layout of vectors.S");
_Static_assert(offsetof(struct exception_frame, far) == 34 * 8, "frame layout of vectors.S");

static const char *const vector_origin[4] = { "EL1t", "EL1", "EL0", "EL0 AArch32" };
static const char *const vector_kind[4] = { "sync", "irq", "fiq", "serror" };

/*
 * Set while a fault is being reported. Should the report fault in turn (a
 * UART that is not there, say), the nested exception skips printing and
 * reports the original fault instead of its own.
 */
static volatile bool reporting;
static unsigned long reported_esr, reported_elr;

void inmate_exception(struct exception_frame *frame, unsigned long vector);

void inmate_exception(struct exception_frame *frame, unsigned long vector)
{
	unsigned long esr = frame->esr, elr = frame->elr;

	if (vector == VECTOR_EL1H_IRQ || vector == VECTOR_EL1T_IRQ) {
		gic_handle_irq();
		return;
	}

	if (reporting) {
		esr = reported_esr;
		elr = reported_elr;
	} else {
		reporting = true;
		reported_esr = esr;
		reported_elr = elr;
		printk("unexpected exception: ESR 0x%lx ELR 0x%lx FAR 0x%lx (%s %s)\n",
		       esr, elr, frame->far, vector_origin[(vector / 4) & 3],
		       vector_kind[vector & 3]);
	}
	if (comm_region())
		hypercall(BULKHEAD_HC_CPU_FAULT, esr, elr);
	halt();
}
