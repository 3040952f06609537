/* SPDX-License-Identifier: GPL-2.0 */
/* Functions the x86 arch files share among themselves (not arch hooks). */
#ifndef _ASM_X86_H
#define _ASM_X86_H

#include <bulkhead/percpu.h>

/* entry.S */
extern u8 x86_exception_stubs[];
void __noreturn x86_jump_to_linux(const u64 regs[16]);

/* setup.c */
/** Maps the driver's trampoline page into the hypervisor's tables (first CPU, at enable). */
int x86_map_trampoline(void);
/** Turns VMX off and hands the calling CPU back to Linux in @state, RAX = @result. */
void __noreturn x86_leave(struct per_cpu *cpu, const struct bulkhead_x86_cpu_state *state,
			  long result);

/* vmx.c */
/** Once: checks that the CPU has what the root needs from VMX (controls, EPT, VPID). */
int vmx_check_features(void);
/** On each CPU: VMXON and a VMCS that runs the root where the driver left it. */
int vmx_cpu_init(struct per_cpu *cpu);
/**
 * Resets the root's state on the calling CPU to where INIT-SIPI-SIPI
 * starts it: real mode at @vector << 12, registers in @frame cleared, no
 * event pending. For arch_cpu_reset(), after the CPU was stopped by INIT.
 */
void vmx_reset_to_sipi(struct per_cpu *cpu, struct trap_frame *frame, unsigned int vector);
/** What every entry into the root needs after the exit's handler ran (exit.c). */
void vmx_prepare_entry(struct per_cpu *cpu);
/** Makes the root exit as soon as it can take an NMI (NMI-window exiting). */
void vmx_request_nmi_window(void);
/** Reads the root's state from the current VMCS, RIP past the current exit's instruction. */
void vmx_save_root_state(struct bulkhead_x86_cpu_state *state);

/* exits.c */
/** Once: maps every CPU's windows on root memory (their page tables with them). */
int x86_root_windows_init(void);

/* hooks.c */
/** TSC ticks per second: the config's, or measured against the PIT at enable. */
int x86_tsc_init(void);

#endif /* !_ASM_X86_H */
