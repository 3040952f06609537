/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up of the board program: the boot CPU enters at _start (x0 = the
 * device tree when booted like Linux), the others at secondary_entry
 * (x0 = their CPU_ON context: the logical CPU number). On a board with EL2
 * (QEMU virt,virtualization=on) the program leaves EL2 for EL1 itself, as
 * a boot loader would; in a cell it starts at EL1.
 */

#define STACK_SHIFT	14	/* 16 KiB per CPU, board.h's STACK_SIZE */
#define SCTLR_EL1_RES1	0x30d00800	/* MMU, caches and alignment checks off */
#define HCR_EL2_RW	(1 << 31)	/* EL1 is AArch64 */
#define CNTHCTL_EL1PC	0x3		/* EL1 may use the physical counter and timer */
#define ICC_SRE_EL2	s3_4_c12_c9_5
#define SRE_EL2_ENABLE	0x9		/* system-register GIC interface, usable at EL1 */
#define CPTR_EL2_NOTRAP	0x33ff
#define SPSR_EL1H_MASKED 0x3c5		/* EL1h, DAIF masked */

	.section .text.start, "ax"
	.globl _start
_start:
	mov	x19, x0			/* device tree, if booted like Linux */
	mov	x20, #0
	b	common_entry

	.globl secondary_entry
secondary_entry:
	mov	x19, #0
	mov	x20, x0

common_entry:
	msr	daifset, #0xf
	mrs	x9, CurrentEL
	cmp	x9, #(2 << 2)
	b.ne	at_el1

	mov	x9, #HCR_EL2_RW
	msr	hcr_el2, x9
	mov	x9, #CNTHCTL_EL1PC
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr
	mrs	x9, ICC_SRE_EL2
	mov	x10, #SRE_EL2_ENABLE
	orr	x9, x9, x10
	msr	ICC_SRE_EL2, x9
	isb
	mrs	x9, midr_el1
	msr	vpidr_el2, x9
	mrs	x9, mpidr_el1
	msr	vmpidr_el2, x9
	mov	x9, #CPTR_EL2_NOTRAP
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	msr	vttbr_el2, xzr
	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	mov	x9, #SPSR_EL1H_MASKED
	msr	spsr_el2, x9
	adr	x9, at_el1
	msr	elr_el2, x9
	eret

at_el1:
	ldr	x9, =SCTLR_EL1_RES1
	msr	sctlr_el1, x9
	msr	spsel, #1
	adr	x9, vectors
	msr	vbar_el1, x9
	msr	tpidr_el1, x20
	isb
	adrp	x9, stacks
	add	x9, x9, :lo12:stacks
	add	x10, x20, #1
	lsl	x10, x10, #STACK_SHIFT
	add	sp, x9, x10
	cbnz	x20, 2f

	adrp	x9, __bss_start
	add	x9, x9, :lo12:__bss_start
	adrp	x10, __bss_end
	add	x10, x10, :lo12:__bss_end
1:	cmp	x9, x10
	b.hs	3f
	str	xzr, [x9], #8
	b	1b
3:	mov	x0, x19
	bl	board_main
	b	halt

2:	mov	x0, x20
	bl	secondary_main

	.globl halt
halt:
	wfi
	b	halt

/* Caller-saved registers around a C handler; x0-x18, x29, x30: 168 bytes + pad. */
.macro save_regs
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x29, [sp, #144]
	str	x30, [sp, #160]
.endm

.macro restore_regs
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x29, [sp, #144]
	ldr	x30, [sp, #160]
	add	sp, sp, #176
.endm

.macro unexpected kind
	.balign	0x80
	mov	x0, #\kind
	b	trap_entry
.endm

	.text
	.balign	0x800
vectors:
	unexpected 0	/* current EL, SP_EL0 */
	unexpected 1
	unexpected 2
	unexpected 3
	unexpected 4	/* current EL, SP_ELx: synchronous */
	.balign	0x80	/* current EL, SP_ELx: IRQ */
	b	irq_entry
	unexpected 6
	unexpected 7
	unexpected 8	/* lower EL */
	unexpected 9
	unexpected 10
	unexpected 11
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

irq_entry:
	save_regs
	bl	irq_handler
	restore_regs
	eret

trap_entry:
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	trap_handler
	b	halt
