/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64 entry and exit of the hypervisor, and its exception vectors.
 *
 * Entry contract (driver side, driver/arm64-entry.S): on each CPU the driver
 * installs bootstrap_vectors through the kernel's hyp stub (HVC_SET_VECTORS),
 * then issues "hvc #0" with x0 = ENTRY_CODE and x1 = the Linux CPU id. All
 * general registers but x0 (the result) are clobbered; the driver saves what
 * it needs. We arrive at EL2 with the MMU off, so everything up to
 * switch_to_virtual uses PC-relative addressing only.
 */
#include <generated/asm-defines.h>
#include <asm/mmu.h>
#include <asm/percpu.h>
#include <bulkhead/header.h>
#include <bulkhead/hypercall.h>

/* Block descriptor, normal memory (MAIR slot 0), inner shareable, accessed. */
#define BOOT_BLOCK_ATTRS	0x701

.macro mov_q reg, val
	movz	\reg, #((\val) & 0xffff)
	movk	\reg, #(((\val) >> 16) & 0xffff), lsl #16
	movk	\reg, #(((\val) >> 32) & 0xffff), lsl #32
	movk	\reg, #(((\val) >> 48) & 0xffff), lsl #48
.endm

/* The image header: the build fills the first part, the driver the rest. */
	.section .header, "a"
	.global hypervisor_header
hypervisor_header:
	.ascii	"BULKHEAD"
	.word	BULKHEAD_ABI_VERSION	/* abi_version */
	.word	BULKHEAD_HV_VERSION		/* hv_version */
	.hword	1				/* arch: BULKHEAD_ARCH_ARM64 */
	.hword	0
	.word	__core_size
	.word	PERCPU_SIZE
	.word	bootstrap_vectors - hypervisor_header	/* entry */
	.word	console_ring - hypervisor_header	/* console_offset */
	.word	__console_size
	.word	0, 0, 0, 0			/* online_cpus, max_cpus, config_size */
	.quad	0				/* arch_return */

	.text
/*
 * Only "lower EL, AArch64, synchronous" can be taken here: the driver's
 * entry call. Every other slot is unreachable while this table is live.
 */
	.balign	2048
bootstrap_vectors:
	.org	bootstrap_vectors + 0x400
	b	bootstrap_entry
	.org	bootstrap_vectors + 0x800

bootstrap_entry:
	adr	x10, hypervisor_header		/* x10: physical base of the image */
	mov_q	x9, ENTRY_CODE
	cmp	x0, x9
	b.ne	bootstrap_refuse
	ldr	w11, [x10, #HEADER_MAX_CPUS]
	cmp	x1, x11
	b.hs	bootstrap_refuse

	/* x12: config, x14: this CPU's per_cpu, all physical */
	ldr	w12, [x10, #HEADER_CORE_SIZE]
	add	x12, x10, x12
	ldr	w13, [x10, #HEADER_CONFIG_SIZE]
	add	x13, x13, #(PAGE_SIZE - 1)
	and	x13, x13, #~(PAGE_SIZE - 1)
	add	x14, x12, x13
	mov_q	x15, PERCPU_SIZE
	madd	x14, x1, x15, x14
	add	x15, x14, x15
	mov	sp, x15

	/* The kernel stub's EL2 state, to put back when we leave. */
	add	x16, x14, #PERCPU_SAVED
	mrs	x17, sctlr_el2
	str	x17, [x16, #SAVED_SCTLR]
	mrs	x17, hcr_el2
	str	x17, [x16, #SAVED_HCR]
	mrs	x17, cptr_el2
	str	x17, [x16, #SAVED_CPTR]
	mrs	x17, mdcr_el2
	str	x17, [x16, #SAVED_MDCR]
	mrs	x17, cnthctl_el2
	str	x17, [x16, #SAVED_CNTHCTL]
	mrs	x17, vtcr_el2
	str	x17, [x16, #SAVED_VTCR]
	mrs	x17, vttbr_el2
	str	x17, [x16, #SAVED_VTTBR]
	mrs	x17, hstr_el2
	str	x17, [x16, #SAVED_HSTR]

	/*
	 * Bootstrap tables in this CPU's boot_pt: level 1 with a 1 GiB identity
	 * block around the image, and a level-2 table mapping the hypervisor
	 * memory at HV_VIRT_BASE in 2 MiB blocks.
	 */
	mov	x2, x14
	add	x3, x14, #(2 * PAGE_SIZE)
1:	stp	xzr, xzr, [x2], #16
	cmp	x2, x3
	b.lo	1b
	mov_q	x4, BOOT_BLOCK_ATTRS
	lsr	x2, x10, #30
	and	x2, x2, #0x1ff
	lsl	x3, x2, #30
	orr	x3, x3, x4
	str	x3, [x14, x2, lsl #3]
	add	x5, x14, #PAGE_SIZE
	orr	x6, x5, #3
	str	x6, [x14, #((HV_VIRT_BASE >> 30) * 8)]
	ldr	x6, [x12, #CONFIG_HV_MEM_SIZE]
	mov_q	x7, 0x1fffff
	add	x6, x6, x7
	lsr	x6, x6, #21
	cmp	x6, #512
	mov	x7, #512
	csel	x6, x6, x7, lo
	cbz	x6, bootstrap_refuse
	orr	x7, x10, x4
2:	str	x7, [x5], #8
	add	x7, x7, #0x200000
	subs	x6, x6, #1
	b.ne	2b

	/* Drop cache lines a previous run may have left over these tables. */
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x3, x3, x2
	mov	x2, x14
	add	x4, x14, #(2 * PAGE_SIZE)
3:	dc	ivac, x2
	add	x2, x2, x3
	cmp	x2, x4
	b.lo	3b
	dsb	sy

	mov_q	x2, MAIR_EL2_VALUE
	msr	mair_el2, x2
	mov_q	x2, TCR_EL2_FLAGS
	mrs	x3, id_aa64mmfr0_el1
	and	x3, x3, #7
	cmp	x3, #5
	mov	x4, #5
	csel	x3, x3, x4, ls
	bfi	x2, x3, #TCR_PS_SHIFT, #3
	msr	tcr_el2, x2
	msr	ttbr0_el2, x14
	isb
	tlbi	alle2
	dsb	nsh
	isb
	mrs	x2, sctlr_el2
	mov_q	x3, (SCTLR_M | SCTLR_C | SCTLR_I)
	orr	x2, x2, x3
	msr	sctlr_el2, x2
	isb
	ldr	x2, =switch_to_virtual
	br	x2

switch_to_virtual:
	/* x4: per_cpu at its virtual address; the stack follows. */
	mov_q	x3, HV_VIRT_BASE
	sub	x4, x14, x10
	add	x4, x4, x3
	mov_q	x15, PERCPU_SIZE
	add	x15, x4, x15
	mov	sp, x15
	msr	tpidr_el2, x4
	/* From here on a fault in the hypervisor is reported, not looped on. */
	ldr	x5, =hyp_vectors
	msr	vbar_el2, x5
	isb
	mov	x19, x4
	mov	w0, w1
	mov	x1, x10
	mov	x2, x4
	bl	hypervisor_entry
	cbnz	x0, 4f
	eret
4:	mov	x1, x0
	mov	x0, x19
	b	arch_cpu_return_to_linux

/* Refused before anything changed: give EL2 back to the kernel's stub. */
bootstrap_refuse:
	ldr	x9, [x10, #HEADER_ARCH_RETURN]
	msr	vbar_el2, x9
	isb
	mov	x0, #-22			/* -EINVAL */
	eret

/*
 * void arch_cpu_return_to_linux(struct per_cpu *cpu, long result)
 *
 * Restores the stub's EL2 state, turns the MMU off from the identity
 * mapping and returns to the hypercall's caller with x0 = result.
 */
	.global arch_cpu_return_to_linux
arch_cpu_return_to_linux:
	add	x16, x0, #PERCPU_SAVED
	ldr	x9, [x16, #SAVED_SCTLR]
	ldr	x10, [x16, #SAVED_HCR]
	ldr	x11, [x16, #SAVED_CPTR]
	ldr	x12, [x16, #SAVED_MDCR]
	ldr	x13, [x16, #SAVED_CNTHCTL]
	ldr	x14, [x16, #SAVED_VTCR]
	ldr	x15, [x16, #SAVED_VTTBR]
	ldr	x17, [x16, #SAVED_HSTR]
	adr	x2, hypervisor_header
	ldr	x18, [x2, #HEADER_ARCH_RETURN]
	/* Physical address of label 5: virtual minus (HV_VIRT_BASE - phys base). */
	adrp	x3, hv_phys_base
	ldr	x3, [x3, :lo12:hv_phys_base]
	mov_q	x4, HV_VIRT_BASE
	sub	x3, x4, x3
	adr	x5, 5f
	sub	x5, x5, x3
	br	x5
5:	msr	sctlr_el2, x9			/* MMU and caches off, as the stub had it */
	isb
	tlbi	alle2
	msr	hcr_el2, x10
	msr	cptr_el2, x11
	msr	mdcr_el2, x12
	msr	cnthctl_el2, x13
	msr	vtcr_el2, x14
	msr	vttbr_el2, x15
	msr	hstr_el2, x17
	msr	vbar_el2, x18
	tlbi	vmalls12e1
	dsb	nsh
	isb
	mov	x0, x1
	eret

	.ltorg

/*
 * Run-time vectors. A guest exit saves x0..x30 in a struct trap_frame on the
 * CPU's stack (empty whenever a guest runs) and calls the C dispatcher.
 */
.macro save_frame
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
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
	str	x30, [sp, #240]
	mov	x0, sp
.endm

.macro vector handler
	.balign	0x80
	save_frame
	b	\handler
.endm

/*
 * An exception at EL2 itself may come from an overflowed stack (its guard
 * page): switch to the pages of the CPU's boot tables, unused since it
 * moved to the shared ones, before saving anything. SP_EL0 is scratch: the
 * guest's value no longer matters.
 */
.macro hyp_fault_vector
	.balign	0x80
	msr	sp_el0, x0
	mrs	x0, tpidr_el2
	add	x0, x0, #PERCPU_FAULT_STACK
	mov	sp, x0
	mrs	x0, sp_el0
	save_frame
	b	hyp_fault
.endm

	.balign	2048
	.global hyp_vectors
hyp_vectors:
	hyp_fault_vector		/* current EL, SP0: sync */
	hyp_fault_vector		/* irq */
	hyp_fault_vector		/* fiq */
	hyp_fault_vector		/* serror */
	hyp_fault_vector		/* current EL, SPx: sync */
	hyp_fault_vector		/* irq */
	hyp_fault_vector		/* fiq */
	hyp_fault_vector		/* serror */
	vector	guest_trap		/* lower EL, AArch64: sync */
	vector	guest_irq		/* irq: routed here on non-root cells' CPUs */
	vector	guest_abort		/* fiq: likewise, never used by cells */
	vector	guest_abort		/* serror: an asynchronous abort a cell caused */
	vector	guest_trap		/* lower EL, AArch32 (EL0 only: HCR_EL2.RW) */
	vector	guest_irq
	vector	guest_abort
	vector	guest_abort

guest_irq:
	bl	arch_handle_irq
	b	return_to_guest

guest_abort:
	bl	arch_handle_async_abort
	b	return_to_guest

guest_trap:
	bl	arch_handle_trap
return_to_guest:
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
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret

hyp_fault:
	bl	arch_handle_hyp_fault
	b	.

/*
 * The same with the trace around the handlers (arch/arm64/trace.c), live on
 * the CPUs of traced cells only: x1 = the counter when the exit came.
 */
.macro traced_vector handler
	.balign	0x80
	save_frame
	mrs	x1, cntpct_el0
	b	\handler
.endm

	.balign	2048
	.global hyp_vectors_traced
hyp_vectors_traced:
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	hyp_fault_vector
	traced_vector	traced_guest_trap
	traced_vector	traced_guest_irq
	traced_vector	traced_guest_abort
	traced_vector	traced_guest_abort
	traced_vector	traced_guest_trap
	traced_vector	traced_guest_irq
	traced_vector	traced_guest_abort
	traced_vector	traced_guest_abort

traced_guest_trap:
	bl	arch_trace_trap
	b	return_to_guest

traced_guest_irq:
	bl	arch_trace_irq
	b	return_to_guest

traced_guest_abort:
	bl	arch_trace_async_abort
	b	return_to_guest

/*
 * void arch_clear_fp_state(void)
 *
 * Zeroes the FP/SIMD registers so that a CPU changing cells carries nothing
 * of its previous owner's data (CPTR_EL2 does not trap FP at EL2).
 */
	.global arch_clear_fp_state
arch_clear_fp_state:
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpsr, xzr
	msr	fpcr, xzr
	ret
