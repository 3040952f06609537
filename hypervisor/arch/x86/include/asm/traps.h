/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VM exits: the guest's general registers as the exit path saved them
 * (entry.S), and the handlers it calls.
 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <bulkhead/percpu.h>

/* Indexes into trap_frame.gpr: the x86 register numbers that exit qualifications use. */
#define REG_RAX		0
#define REG_RCX		1
#define REG_RDX		2
#define REG_RBX		3
#define REG_RSP		4	/* unused: the guest's RSP lives in the VMCS */
#define REG_RBP		5
#define REG_RSI		6
#define REG_RDI		7
#define REG_R8		8
#define REG_R15		15

/*
 * The guest's RAX..R15, saved at the top of the CPU's stack on every exit
 * and loaded from there on every entry.
 */
struct trap_frame {
	u64 gpr[16];
};

/*
 * Handles the exit that just happened on the calling CPU (exit.c): reads
 * the reason from the VMCS and calls the handler for it. When it returns,
 * the guest resumes with @frame's registers.
 */
void vmx_handle_exit(struct per_cpu *cpu, struct trap_frame *frame);

/*
 * One exit reason's handler (EXIT_REASON_*): true if the guest may go on
 * (the handler advanced RIP or injected an event as the exit needs), false
 * if the exit was not one the guest may cause: it is reported and the CPU
 * stopped.
 */
typedef bool (*vmx_exit_handler)(struct per_cpu *cpu, struct trap_frame *frame);

/* Skips the instruction that caused the current exit. */
void vmx_skip_instruction(void);

/* Injects hardware exception @vector (with @error_code if it has one) at the next entry. */
void vmx_inject_exception(unsigned int vector, bool has_error, u32 error_code);

/* Launches the root on the calling CPU with its VMCS set up (vmx.c). */
void __noreturn vmx_launch(struct per_cpu *cpu);

/*
 * entry.S: VMLAUNCH on the empty stack that ends at @stack_top (the exits'
 * HOST_RSP), all guest registers zero.
 */
void __noreturn vmx_launch_root(void *stack_top);
/* entry.S: where VM exits land (HOST_RIP). */
void vmx_exit_entry(void);
/* entry.S, after a VMLAUNCH/VMRESUME that failed as an instruction (exit.c). */
void __noreturn vmx_entry_failed(struct per_cpu *cpu);

#endif /* !_ASM_TRAPS_H */
