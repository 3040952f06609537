/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * EL1 exception vectors: 16 entries of 0x80 bytes, 2 KiB aligned (the
 * linker script puts them at image offset 0x800).
 *
 * Every entry saves the interrupted state as a struct exception_frame on the
 * current stack and calls
 *	void inmate_exception(struct exception_frame *frame, unsigned long vector);
 * with vector = entry index 0..15. If that returns, the (possibly updated)
 * state is restored and the CPU resumes with eret: the path of IRQs, which
 * return once handled. Other exceptions are unexpected and
 * inmate_exception() does not return.
 */

/* struct exception_frame in exception.c: x0..x30, elr, spsr, esr, far, pad. */
#define FRAME_ELR	(31 * 8)
#define FRAME_SPSR	(32 * 8)
#define FRAME_FAR	(34 * 8)
#define FRAME_SIZE	(36 * 8)

.macro ventry index
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x0, #\index
	b	exception_common
.endm

	.section .vectors, "ax"
	.balign	0x800
	.global __inmate_vectors
__inmate_vectors:
	/* Current EL with SP_EL0 */
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	/* Current EL with SP_ELx */
	ventry	4
	ventry	5
	ventry	6
	ventry	7
	/* Lower EL, AArch64 */
	ventry	8
	ventry	9
	ventry	10
	ventry	11
	/* Lower EL, AArch32 */
	ventry	12
	ventry	13
	ventry	14
	ventry	15
	.balign	0x80

	.text
/* x0 = vector index; x0 and x1 of the interrupted code are saved. */
exception_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el1
	stp	x30, x2, [sp, #240]
	mrs	x2, spsr_el1
	mrs	x3, esr_el1
	stp	x2, x3, [sp, #FRAME_SPSR]
	mrs	x2, far_el1
	stp	x2, xzr, [sp, #FRAME_FAR]

	mov	x1, x0
	mov	x0, sp
	bl	inmate_exception

	ldp	x30, x2, [sp, #240]
	msr	elr_el1, x2
	ldr	x2, [sp, #FRAME_SPSR]
	msr	spsr_el1, x2
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
