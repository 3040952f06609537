/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate image start and CPU entry.
 *
 * The hypervisor starts the cell's first CPU at offset 0 of the image at
 * EL1h, MMU and caches off, DAIF masked, x0 = IPA of the communication
 * region. CPUs started with PSCI CPU_ON (psci.c) enter at
 * __inmate_secondary_entry with x0 = their start block.
 *
 * A start block (struct inmate_start_block in psci.c) begins with the top of
 * the CPU's stack; the first CPU uses inmate_start_blocks[0], set up at link
 * time, so both paths load SP the same way. TPIDR_EL1 keeps pointing to the
 * CPU's block: the library's per-CPU anchor.
 */

#define START_BLOCK_SP	0
#define START_BLOCK_MMU	8

/* struct inmate_mmu_regs (mmu.h) */
#define MMU_REGS_MAIR	0
#define MMU_REGS_TCR	8
#define MMU_REGS_TTBR0	16

#define SCTLR_M		(1 << 0)
#define SCTLR_A		(1 << 1)
#define SCTLR_C		(1 << 2)
#define SCTLR_I		(1 << 12)
#define SCTLR_WXN	(1 << 19)

	/* Offset 0: the only instruction the entry contract fixes. */
	.section .header, "ax"
	.global __inmate_image_start
__inmate_image_start:
	b	__inmate_boot

	.text

/*
 * Sets SP from the start block in x0, keeps the block's address in
 * TPIDR_EL1 (this_cpu_index() in psci.c) and installs the exception vectors.
 */
.macro cpu_setup
	ldr	x1, [x0, #START_BLOCK_SP]
	mov	sp, x1
	msr	tpidr_el1, x0
	adrp	x1, __inmate_vectors
	add	x1, x1, :lo12:__inmate_vectors
	msr	vbar_el1, x1
	isb
.endm

__inmate_boot:
	/* First thing: when the image started, for boot-time measurements. */
	mrs	x20, cntvct_el0
	mov	x19, x0
	adrp	x0, inmate_start_blocks
	add	x0, x0, :lo12:inmate_start_blocks
	cpu_setup

	/* The linker script aligns both ends of the BSS to 16 bytes. */
	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
1:	cmp	x1, x2
	b.hs	2f
	stp	xzr, xzr, [x1], #16
	b	1b

2:	adrp	x1, inmate_boot_ticks
	str	x20, [x1, :lo12:inmate_boot_ticks]
	/* void inmate_lib_init(unsigned long comm_region); */
	mov	x0, x19
	bl	inmate_lib_init
	bl	inmate_main
	b	halt

/*
 * x0 = struct inmate_start_block *, the PSCI CPU_ON context. With a
 * translation set up by then (block->mmu), the CPU turns it on before it
 * touches memory: the block and the registers are cleaned to memory for
 * it, and nothing it writes bypasses the caches the others use.
 */
	.global __inmate_secondary_entry
__inmate_secondary_entry:
	mov	x19, x0
	ldr	x0, [x19, #START_BLOCK_MMU]
	cbz	x0, 1f
	bl	__inmate_mmu_on
1:	mov	x0, x19
	cpu_setup
	/* void inmate_secondary_main(struct inmate_start_block *block); */
	bl	inmate_secondary_main
	b	halt

/*
 * void __inmate_mmu_on(const struct inmate_mmu_regs *regs);
 *
 * MAIR, TCR and TTBR0 from regs, then the MMU, data and instruction caches
 * on (alignment checks and WXN off: the image is writable and executable).
 * No stack; clobbers x0 and x1. The identity map keeps the next instruction
 * where it is.
 */
	.global __inmate_mmu_on
__inmate_mmu_on:
	ldr	x1, [x0, #MMU_REGS_MAIR]
	msr	mair_el1, x1
	ldr	x1, [x0, #MMU_REGS_TCR]
	msr	tcr_el1, x1
	ldr	x1, [x0, #MMU_REGS_TTBR0]
	msr	ttbr0_el1, x1
	isb
	/* Nothing from before: no translations, no instructions cached. */
	tlbi	vmalle1
	ic	iallu
	dsb	ish
	isb
	mrs	x1, sctlr_el1
	orr	x1, x1, #SCTLR_M
	orr	x1, x1, #SCTLR_C
	orr	x1, x1, #SCTLR_I
	bic	x1, x1, #SCTLR_A
	bic	x1, x1, #SCTLR_WXN
	msr	sctlr_el1, x1
	isb
	ret
