// SPDX-License-Identifier: GPL-2.0
/*
 * The traced exit path (hyp_vectors_traced in entry.S): what an exit is
 * for is read before its handler runs (the handler changes ESR's meaning,
 * x0 and the pending interrupts), the normal handler runs, then the exit is
 * recorded. A CPU whose cell traces none of EXIT, VIRQ and DOORBELL runs
 * hyp_vectors, which know nothing of this.
 */
#include <bulkhead/control.h>
#include <bulkhead/trace.h>
#include <bulkhead/tracing.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define ESR_ISS_MASK		0x1ffffffUL

void arch_trace_vectors(bool traced)
{
	write_sysreg(traced ? hyp_vectors_traced : hyp_vectors, vbar_el2);
	isb();
}

/* Why the guest trapped, by what it did: a reason and its detail (bulkhead/trace.h). */
static unsigned int trap_reason(const struct trap_frame *frame, u64 esr, u64 *detail)
{
	u32 fn = (u32)frame->x[0];

	switch (ESR_EC(esr)) {
	case ESR_EC_HVC64:
		if (smccc_bulkhead_call(fn)) {
			*detail = (fn & 0xffff) | (u64)(u32)frame->x[1] << 32;
			return BULKHEAD_EXIT_HYPERCALL;
		}
		*detail = fn;
		return smccc_psci_call(fn) ? BULKHEAD_EXIT_PSCI : BULKHEAD_EXIT_SMCCC;
	case ESR_EC_SMC64:
		*detail = fn;
		return smccc_psci_call(fn) ? BULKHEAD_EXIT_PSCI : BULKHEAD_EXIT_SMCCC;
	case ESR_EC_DABT_LOW:
	case ESR_EC_IABT_LOW:
		*detail = HPFAR_TO_IPA(read_sysreg(hpfar_el2)) | (read_sysreg(far_el2) & 0xfff);
		if (ESR_EC(esr) == ESR_EC_IABT_LOW)
			*detail |= BULKHEAD_EXIT_MMIO_FETCH;
		else if (esr & ESR_DABT_WNR)
			*detail |= BULKHEAD_EXIT_MMIO_WRITE;
		return BULKHEAD_EXIT_MMIO;
	case ESR_EC_SYSREG:
		*detail = esr & ESR_ISS_MASK;
		return BULKHEAD_EXIT_SYSREG;
	default:
		*detail = esr;
		return BULKHEAD_EXIT_OTHER;
	}
}

void arch_trace_trap(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();
	unsigned int reason;
	u64 detail;

	reason = trap_reason(frame, read_sysreg(esr_el2), &detail);
	trace_exit_begin(cpu, start, reason, detail);
	arch_handle_trap(frame);
	trace_exit_end(cpu);
}

void arch_trace_irq(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();

	trace_exit_begin(cpu, start, BULKHEAD_EXIT_IRQ, gic_highest_pending());
	arch_handle_irq(frame);
	trace_exit_end(cpu);
}

void arch_trace_async_abort(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();

	trace_exit_begin(cpu, start, BULKHEAD_EXIT_ABORT, read_sysreg(esr_el2));
	arch_handle_async_abort(frame);
	trace_exit_end(cpu);
}
