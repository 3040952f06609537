/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86: the trampoline between Linux and the hypervisor (enter.c).
 *
 * The hypervisor's memory is not executable in the kernel's page tables,
 * and the kernel's are not the hypervisor's. This page of the module's
 * text is mapped at its kernel address in both the boot page tables the
 * driver builds and the hypervisor's own tables, so a CR3 switch can be
 * made from it in either direction.
 */
#include <linux/linkage.h>
#include <asm/msr-index.h>
#include <asm/nospec-branch.h>
#include <asm/page_types.h>
#include <asm/processor-flags.h>
#include <asm/unwind_hints.h>

/* The registers a C caller expects kept, which neither way through the hypervisor keeps. */
.macro save_callee_saved
	push	%rbp
	mov	%rsp, %rbp
	push	%rbx
	push	%r12
	push	%r13
	push	%r14
	push	%r15
.endm

.macro restore_callee_saved
	pop	%r15
	pop	%r14
	pop	%r13
	pop	%r12
	pop	%rbx
	pop	%rbp
.endm

	.section .text.bulkhead_trampoline, "ax"
	.balign	PAGE_SIZE
SYM_INNER_LABEL(bulkhead_x86_tramp_start, SYM_L_GLOBAL)

/*
 * long bulkhead_x86_enter(u64 boot_cr3, u64 entry, unsigned int cpu, u64 *rsp)
 *
 * Saves the callee-saved registers, then calls the switch below, which
 * never returns by itself. Linux comes back at bulkhead_x86_resume, on the
 * stack pointer the switch stored in *@rsp: in VMX non-root operation with
 * %rax = 0, or through bulkhead_x86_return with the error.
 */
SYM_FUNC_START(bulkhead_x86_enter)
	save_callee_saved
	call	bulkhead_x86_switch
SYM_INNER_LABEL(bulkhead_x86_resume, SYM_L_GLOBAL)
	restore_callee_saved
	RET
SYM_FUNC_END(bulkhead_x86_enter)

/*
 * Stores the stack pointer bulkhead_x86_resume runs on, switches to the
 * boot page tables with global pages and PCIDs off, so that no kernel
 * translation outlives the switch, and jumps to the hypervisor's entry
 * with %edi = the CPU: a tail call into code that is not the kernel's.
 */
SYM_FUNC_START_LOCAL(bulkhead_x86_switch)
	lea	8(%rsp), %rax
	mov	%rax, (%rcx)
	mov	%cr4, %rax
	and	$~(X86_CR4_PGE | X86_CR4_PCIDE), %rax
	mov	%rdi, %cr3
	mov	%rax, %cr4
	mov	%edx, %edi
	ANNOTATE_RETPOLINE_SAFE
	jmp	*%rsi
SYM_FUNC_END(bulkhead_x86_switch)

/*
 * The hypervisor leaves through here, on its own page tables, with VMX off
 * and the kernel's control registers, MSRs, GDTR and IDTR already back:
 *   %rax result          %rdi CR3            %rsi RSP       %rdx RIP
 *   %rcx RFLAGS          %r8  CS | SS << 16 | DS << 32 | ES << 48
 *   %r9  FS | GS << 16 | LDTR << 32          %r14 FS base   %r15 GS base
 * Every other register is lost. The kernel's TR is reloaded by the caller
 * (enter.c), as the hypervisor's TSS descriptor is busy in its GDT only.
 */
SYM_CODE_START(bulkhead_x86_return)
	UNWIND_HINT_EMPTY
	mov	%rdi, %cr3
	mov	%r8, %rbp
	shr	$32, %rbp
	mov	%bp, %ds
	shr	$16, %rbp
	mov	%bp, %es
	mov	%r9, %rbp
	mov	%bp, %fs
	shr	$16, %rbp
	mov	%bp, %gs
	shr	$16, %rbp
	lldt	%bp
	/* Selector loads reset the bases: write them after. */
	mov	%rax, %rbx
	mov	%rcx, %r10
	mov	%rdx, %r11
	mov	$MSR_FS_BASE, %ecx
	mov	%r14d, %eax
	mov	%r14, %rdx
	shr	$32, %rdx
	wrmsr
	mov	$MSR_GS_BASE, %ecx
	mov	%r15d, %eax
	mov	%r15, %rdx
	shr	$32, %rdx
	wrmsr
	/* IRETQ loads SS:RSP, RFLAGS and CS:RIP at once; Linux has no red zone below RSP. */
	mov	%rsi, %rsp
	mov	%r8, %rbp
	shr	$16, %rbp
	movzwl	%bp, %ebp
	push	%rbp
	push	%rsi
	push	%r10
	movzwl	%r8w, %ebp
	push	%rbp
	push	%r11
	mov	%rbx, %rax
	iretq
SYM_CODE_END(bulkhead_x86_return)
SYM_INNER_LABEL(bulkhead_x86_tramp_end, SYM_L_GLOBAL)

	.text
/*
 * long bulkhead_x86_disable(void): BULKHEAD_HC_DISABLE. On success the
 * hypervisor comes back through bulkhead_x86_return to the instruction
 * after the VMCALL with every register but RAX and RSP lost: keep the
 * callee-saved ones on the stack.
 */
SYM_FUNC_START(bulkhead_x86_disable)
	save_callee_saved
	xor	%eax, %eax			/* BULKHEAD_HC_DISABLE */
	xor	%edi, %edi
	xor	%esi, %esi
	xor	%edx, %edx
	vmcall
	restore_callee_saved
	RET
SYM_FUNC_END(bulkhead_x86_disable)
