/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <bulkhead/percpu.h>

/* Guest registers x0..x30 as the exception vectors saved them (entry.S). */
struct trap_frame {
	u64 x[31];
	u64 pad;
};

/* The exit handlers the vectors call (traps.c): a trap, an interrupt, an SError. */
void arch_handle_trap(struct trap_frame *frame);
void arch_handle_irq(struct trap_frame *frame);
void arch_handle_async_abort(struct trap_frame *frame);

/*
 * The same on the traced exit path (trace.c): @start is the counter when
 * the exit came.
 */
void arch_trace_trap(struct trap_frame *frame, u64 start);
void arch_trace_irq(struct trap_frame *frame, u64 start);
void arch_trace_async_abort(struct trap_frame *frame, u64 start);

/* SMCCC_VERSION's function id: PSCI_FEATURES answers for it too. */
#define SMCCC_VERSION		0x80000000

#define SMCCC_OWNER(fn)		(((fn) >> 24) & 0x3f)
#define SMCCC_OWNER_ARCH	0
#define SMCCC_OWNER_STANDARD	4
#define SMCCC_OWNER_VENDOR_HYP	6
#define SMCCC_PSCI_LAST		0x1f

/* The exception vectors (entry.S): plain, and with the trace around the handlers. */
extern u8 hyp_vectors[], hyp_vectors_traced[];

/* Function id @fn is a PSCI call (the standard service's first 32 functions). */
static inline bool smccc_psci_call(u32 fn)
{
	return SMCCC_OWNER(fn) == SMCCC_OWNER_STANDARD && (fn & 0xffff) <= SMCCC_PSCI_LAST;
}

/* Function id @fn (W0) is one of Bulkhead's own hypercalls (code in bits 15:0). */
static inline bool smccc_bulkhead_call(u64 fn)
{
	return ((u32)fn & 0xffff0000) == BULKHEAD_HC_ARM64_BASE;
}

/* A PSCI call of the root or a cell (smccc.c found it is one). Returns x0. */
long psci_dispatch(struct per_cpu *cpu, struct trap_frame *frame);

/* Any HVC or SMC (@smc) of the root or a cell: answers in @frame's x0-x3 (smccc.c). */
void smccc_handle(struct per_cpu *cpu, struct trap_frame *frame, bool smc);

/* Asks the firmware, on each CPU, what SMCCC and which Spectre workarounds it offers. */
void smccc_cpu_init(struct per_cpu *cpu);

/* Flushes this CPU's branch predictor through the firmware (SMCCC_ARCH_WORKAROUND_1). */
void smccc_flush_branch_predictor(void);

/* On an exit from a non-root cell: flushes the branch predictor if this CPU needs it. */
static inline void smccc_harden_exit(struct per_cpu *cpu)
{
	if (cpu->arch.bp_hardening)
		smccc_flush_branch_predictor();
}

/*
 * A trapped system register access or cache maintenance instruction of a
 * non-root cell that is emulated rather than refused (sysreg.c). True if it
 * was handled; @retry is set if it is to run again (the instruction is not
 * stepped over).
 */
bool sysreg_emulate(struct per_cpu *cpu, struct trap_frame *frame, u64 esr, bool *retry);

/* Issues an SMC to the firmware (PSCI) from EL2. */
long firmware_smc(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3);

/* Makes the root's SMC to the firmware as the root made it (x0-x7); x0-x3 come back. */
void firmware_forward(struct trap_frame *frame);

/* A load or store with no syndrome, decoded (mmio-insn.c). */
struct mmio_insn {
	unsigned int rt, rt2, rn;	/* data registers (rt2: pairs), base; 31: XZR, SP */
	unsigned int size;		/* bytes per register */
	unsigned int dest_bits;		/* 32: a W register is loaded (upper half zeroed) */
	s64 offset;			/* added to the base (before or after the access) */
	bool pair, write, sign_extend, writeback, post_index;
};

/*
 * A @size-byte loaded @value as the register gets it: sign-extended if
 * @sign, into a W register (upper half zeroed) if @dest_bits is 32.
 */
u64 mmio_loaded_value(u64 value, unsigned int size, bool sign, unsigned int dest_bits);

/* Decodes @insn if it is a general-register LDR/STR with writeback or LDP/STP/LDPSW. */
bool mmio_insn_decode(u32 insn, struct mmio_insn *mi);

/*
 * Performs @mi, which aborted at virtual address @far, IPA @ipa, through
 * the MMIO handlers of @cpu's cell: registers in @frame, the SP in use in
 * @sp. False, changing no register, if it is not all served.
 */
bool mmio_insn_emulate(struct per_cpu *cpu, struct trap_frame *frame, u64 *sp,
		       const struct mmio_insn *mi, u64 far, u64 ipa);

#endif /* !_ASM_TRAPS_H */
