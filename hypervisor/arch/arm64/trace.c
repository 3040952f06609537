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
/* The guest's own timers: the EL1 virtual and physical timer PPIs, and their enable bit. */
#define INTID_VIRT_TIMER	27
#define INTID_PHYS_TIMER	30
#define CNT_CTL_ENABLE		1UL
/* ICH_VTR_EL2.ListRegs allows up to 16. */
#define MAX_LRS			16

/* What the list registers held pending when the exit came (VIRQ traced only). */
struct lr_snapshot {
	bool taken;
	u32 pending[MAX_LRS];	/* INTID + 1, 0: not pending */
};

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

static u32 lr_pending(unsigned int n)
{
	u64 lr = gic_read_lr(n);

	return lr & LR_PENDING ? (u32)(lr & LR_VINTID_MASK) + 1 : 0;
}

static void snapshot_lrs(const struct per_cpu *cpu, struct lr_snapshot *snap)
{
	unsigned int n;

	snap->taken = cpu->trace.active & BULKHEAD_TRACE_CLASS_VIRQ;
	for (n = 0; snap->taken && n < MIN(gic_num_lrs(), MAX_LRS); n++)
		snap->pending[n] = lr_pending(n);
}

/*
 * Where a virtual interrupt's latency counts from at @now: its timer's
 * expiry for a guest timer that is on and has passed its compare value
 * (the virtual one counts from CNTVOFF), else the start of this exit.
 */
static unsigned int virq_source(const struct per_cpu *cpu, u32 intid, u64 now, u64 *since)
{
	u64 ctl = 0, cval = 0, count = now;

	if (intid == INTID_VIRT_TIMER) {
		ctl = read_sysreg(cntv_ctl_el0);
		cval = read_sysreg(cntv_cval_el0);
		count = now - read_sysreg(cntvoff_el2);
	} else if (intid == INTID_PHYS_TIMER) {
		ctl = read_sysreg(cntp_ctl_el0);
		cval = read_sysreg(cntp_cval_el0);
	}
	if ((ctl & CNT_CTL_ENABLE) && cval <= count) {
		*since = cval + (now - count);
		return BULKHEAD_VIRQ_SOURCE_TIMER;
	}
	*since = cpu->trace.exit_start;
	return BULKHEAD_VIRQ_SOURCE_EXIT;
}

/* A VIRQ record for each list register that holds a pending INTID it did not before. */
static void record_virqs(struct per_cpu *cpu, const struct lr_snapshot *snap, u64 now)
{
	unsigned int n, source;
	u32 pending;
	u64 since;

	if (!snap->taken || !cpu->trace.exit_open ||
	    !(cpu->trace.active & BULKHEAD_TRACE_CLASS_VIRQ))
		return;
	for (n = 0; n < MIN(gic_num_lrs(), MAX_LRS); n++) {
		pending = lr_pending(n);
		if (!pending || pending == snap->pending[n])
			continue;
		source = virq_source(cpu, pending - 1, now, &since);
		trace_write(cpu, BULKHEAD_TRACE_VIRQ, (u8)source, cpu->trace.exit_cell, now,
			    pending - 1, (u32)MIN(now - since, 0xffffffffULL));
	}
}

/* The end of a traced exit: what it injected, then the exit itself. */
static void end_exit(struct per_cpu *cpu, const struct lr_snapshot *snap)
{
	u64 now = arch_counter();

	record_virqs(cpu, snap, now);
	trace_exit_end(cpu, now);
}

void arch_trace_trap(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();
	/* The handler leaves x1 alone for Bulkhead's calls, but a record must not trust it. */
	unsigned long arg = frame->x[1];
	struct lr_snapshot snap;
	unsigned int reason;
	u64 detail;

	reason = trap_reason(frame, read_sysreg(esr_el2), &detail);
	trace_exit_begin(cpu, start, reason, detail);
	snapshot_lrs(cpu, &snap);
	arch_handle_trap(frame);
	if (reason == BULKHEAD_EXIT_HYPERCALL)
		trace_hypercall_done(cpu, arg, (long)frame->x[0]);
	end_exit(cpu, &snap);
}

void arch_trace_irq(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();
	struct lr_snapshot snap;

	trace_exit_begin(cpu, start, BULKHEAD_EXIT_IRQ, gic_highest_pending());
	snapshot_lrs(cpu, &snap);
	arch_handle_irq(frame);
	end_exit(cpu, &snap);
}

void arch_trace_async_abort(struct trap_frame *frame, u64 start)
{
	struct per_cpu *cpu = this_cpu();

	trace_exit_begin(cpu, start, BULKHEAD_EXIT_ABORT, read_sysreg(esr_el2));
	arch_handle_async_abort(frame);
	trace_exit_end(cpu, arch_counter());
}
