/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The handlers of the root cell's exits other than hypercalls (exits.c),
 * for the exit table in exit.c: each is a vmx_exit_handler (asm/traps.h).
 */
#ifndef _ASM_EXITS_H
#define _ASM_EXITS_H

#include <asm/traps.h>

/* Exception vectors the hypervisor injects. */
#define X86_EXC_UD		6
#define X86_EXC_DF		8
#define X86_EXC_GP		13

bool vmx_handle_exception(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_triple_fault(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_init(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_nmi_window(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_cpuid(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_invd(struct per_cpu *cpu, struct trap_frame *frame);
/* VMX instructions and GETSEC: #UD, as on a CPU without VMX and SMX. */
bool vmx_handle_undefined(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_cr_access(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_io(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_rdmsr(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_wrmsr(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_ept_violation(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_ept_misconfig(struct per_cpu *cpu, struct trap_frame *frame);
bool vmx_handle_xsetbv(struct per_cpu *cpu, struct trap_frame *frame);

#endif /* !_ASM_EXITS_H */
