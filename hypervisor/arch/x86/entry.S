/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 entry and exit paths of the hypervisor.
 *
 * x86_entry: the driver's trampoline (driver/arch/x86/entry.S) jumps here on
 * the boot page tables the driver built, interrupts off, %edi = CPU id. No
 * register is preserved: the way back to Linux is x86_jump_to_linux.
 *
 * vmx_exit_entry: every VM exit lands here (HOST_RIP) on the top of the
 * CPU's stack (HOST_RSP); the guest's registers go into a struct trap_frame
 * there, and are loaded back from it for the VMRESUME.
 */
#include <bulkhead/header.h>
#include <generated/asm-defines.h>
#include <asm/percpu.h>

/* The image header: the build fills the first part, the driver the rest. */
	.section .header, "a"
	.global hypervisor_header
hypervisor_header:
	.ascii	"BULKHEAD"
	.long	ABI_VERSION			/* abi_version */
	.long	BULKHEAD_HV_VERSION		/* hv_version */
	.short	ARCH_X86_64			/* arch */
	.short	0
	.long	__core_size
	.long	PERCPU_SIZE
	.long	x86_entry - hypervisor_header	/* entry */
	.long	console_ring - hypervisor_header	/* console_offset */
	.long	__console_size
	.long	0, 0, 0, 0			/* online_cpus, max_cpus, config_size */
	.quad	0				/* arch_return */

	.text
/* Per-CPU block of CPU %rdi: core_size + page-aligned config_size + id * PERCPU_SIZE. */
	.global x86_entry
x86_entry:
	mov	%edi, %edi
	mov	(hypervisor_header + HEADER_CONFIG_SIZE)(%rip), %eax
	add	$(PAGE_SIZE - 1), %rax
	and	$~(PAGE_SIZE - 1), %rax
	mov	(hypervisor_header + HEADER_CORE_SIZE)(%rip), %ecx
	add	%rcx, %rax
	imul	$PERCPU_SIZE, %rdi, %rcx
	add	%rcx, %rax
	lea	hypervisor_header(%rip), %rcx
	add	%rcx, %rax
	lea	PERCPU_STACK_END(%rax), %rsp
	mov	%rax, %rsi
	call	x86_cpu_entry			/* (id, cpu): does not return */
	ud2

	.global vmx_exit_entry
vmx_exit_entry:
	push	%r15
	push	%r14
	push	%r13
	push	%r12
	push	%r11
	push	%r10
	push	%r9
	push	%r8
	push	%rdi
	push	%rsi
	push	%rbp
	push	$0				/* RSP: in the VMCS */
	push	%rbx
	push	%rdx
	push	%rcx
	push	%rax
	mov	%gs:PERCPU_SELF, %rdi
	mov	%rsp, %rsi
	call	vmx_handle_exit
	pop	%rax
	pop	%rcx
	pop	%rdx
	pop	%rbx
	lea	8(%rsp), %rsp
	pop	%rbp
	pop	%rsi
	pop	%rdi
	pop	%r8
	pop	%r9
	pop	%r10
	pop	%r11
	pop	%r12
	pop	%r13
	pop	%r14
	pop	%r15
	vmresume
	jmp	entry_failed

/*
 * void vmx_launch_root(void *stack_top): the first entry, on an empty
 * stack, with the guest's registers zero (RAX = 0 is the driver's result).
 */
	.global vmx_launch_root
vmx_launch_root:
	mov	%rdi, %rsp
	xor	%eax, %eax
	xor	%ecx, %ecx
	xor	%edx, %edx
	xor	%ebx, %ebx
	xor	%ebp, %ebp
	xor	%esi, %esi
	xor	%edi, %edi
	xor	%r8d, %r8d
	xor	%r9d, %r9d
	xor	%r10d, %r10d
	xor	%r11d, %r11d
	xor	%r12d, %r12d
	xor	%r13d, %r13d
	xor	%r14d, %r14d
	xor	%r15d, %r15d
	vmlaunch
	/* Only a failed VMLAUNCH/VMRESUME gets here (the flags say how). */
entry_failed:
	mov	%gs:PERCPU_SELF, %rdi
	call	vmx_entry_failed
	ud2

/*
 * void x86_jump_to_linux(const u64 regs[16]): loads every register but RSP
 * from @regs (indexed by register number) and jumps to RBX, the driver's
 * trampoline, which is mapped in our tables too (its register contract is
 * in driver/arch/x86/entry.S).
 */
	.global x86_jump_to_linux
x86_jump_to_linux:
	mov	0x00(%rdi), %rax
	mov	0x08(%rdi), %rcx
	mov	0x10(%rdi), %rdx
	mov	0x18(%rdi), %rbx
	mov	0x28(%rdi), %rbp
	mov	0x30(%rdi), %rsi
	mov	0x40(%rdi), %r8
	mov	0x48(%rdi), %r9
	mov	0x50(%rdi), %r10
	mov	0x58(%rdi), %r11
	mov	0x60(%rdi), %r12
	mov	0x68(%rdi), %r13
	mov	0x70(%rdi), %r14
	mov	0x78(%rdi), %r15
	mov	0x38(%rdi), %rdi
	jmp	*%rbx

/*
 * Exceptions in the hypervisor: each vector stub pushes a dummy error code
 * where the CPU pushes none, then its number, and calls x86_exception() with
 * the frame. NMIs go to nmi_entry.
 */
.macro exception_stub vector
	.balign	16
	.if \vector == 2
	jmp	nmi_entry
	.else
	.if !((\vector == 8) || (\vector >= 10 && \vector <= 14) || (\vector == 17) || \
	      (\vector == 21) || (\vector == 29) || (\vector == 30))
	push	$0
	.endif
	push	$\vector
	jmp	exception_common
	.endif
.endm

/* 32 stubs of 16 bytes: vector v's at x86_exception_stubs + 16 * v. */
	.balign	16
	.global x86_exception_stubs
x86_exception_stubs:
	.altmacro
	.set	vector, 0
	.rept	32
	exception_stub %vector
	.set	vector, vector + 1
	.endr
	.noaltmacro

/*
 * An NMI that hit the hypervisor: a kick's (arch.kicked was set, apic.c) or
 * one for the root, counted for vmx.c to forward. Either way the root is to
 * exit again as soon as it can take an NMI, not at some later exit: the
 * current VMCS, if VMX is on, gets NMI-window exiting (the exit handler
 * clears it before it looks at what is pending). IRETQ restores the flags.
 */
nmi_entry:
	push	%rax
	push	%rdx
	xor	%eax, %eax
	xchg	%eax, %gs:PERCPU_KICKED
	test	%eax, %eax
	jnz	1f
	lock incq %gs:PERCPU_NMIS
1:	cmpb	$0, %gs:PERCPU_VMX_ON
	je	2f
	/* Without a current VMCS both fail (VMfailInvalid) and change nothing. */
	mov	$VMCS_CPU_BASED_CONTROLS, %edx
	vmread	%rdx, %rax
	or	$VMCS_NMI_WINDOW_EXITING, %eax
	vmwrite	%rax, %rdx
2:	pop	%rdx
	pop	%rax
	iretq

exception_common:
	mov	%rsp, %rdi			/* vector, error code, RIP, CS, RFLAGS, RSP, SS */
	and	$~15, %rsp
	call	x86_exception
	ud2
