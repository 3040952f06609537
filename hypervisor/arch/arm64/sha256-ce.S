/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 blocks with the Armv8 SHA-256 instructions (FEAT_SHA256: SHA256H,
 * SHA256H2, SHA256SU0, SHA256SU1), about 30 times fewer instructions than
 * the C rounds of hypervisor/sha256.c, which it replaces when the CPU has
 * them. EL2 does not own the FP/SIMD registers (they hold the state of the
 * cell that trapped), so the ones used here are saved and restored.
 */
	.arch	armv8-a+crypto

/*
 * quad W, N1, N2, N3, SCHEDULE: four rounds with the message words in W and
 * the next round constants at x5; with SCHEDULE, W then becomes the words
 * 16 further on, from W, N1, N2, N3 (the 16 words that follow in order).
 * v0 = abcd, v1 = efgh, v16 = words + constants, v17 = abcd before the rounds.
 */
.macro	quad	w, n1, n2, n3, schedule
	ld1	{v16.4s}, [x5], #16
	add	v16.4s, v16.4s, \w\().4s
	.if	\schedule
	sha256su0	\w\().4s, \n1\().4s
	.endif
	mov	v17.16b, v0.16b
	sha256h		q0, q1, v16.4s
	sha256h2	q1, q17, v16.4s
	.if	\schedule
	sha256su1	\w\().4s, \n2\().4s, \n3\().4s
	.endif
.endm

/*
 * bool arch_sha256_blocks(u32 state[8], const u8 *data, size_t blocks)
 *
 * Hashes @blocks 64-byte blocks into @state; false, with nothing done, on a
 * CPU without FEAT_SHA256 (ID_AA64ISAR0_EL1.SHA2 = 0).
 */
	.text
	.global	arch_sha256_blocks
arch_sha256_blocks:
	mrs	x3, id_aa64isar0_el1
	ubfx	x3, x3, #12, #4
	cbz	x3, no_sha2
	stp	q0, q1, [sp, #-160]!
	stp	q2, q3, [sp, #32]
	stp	q4, q5, [sp, #64]
	stp	q6, q7, [sp, #96]
	stp	q16, q17, [sp, #128]
	adrp	x4, sha256_k
	add	x4, x4, :lo12:sha256_k
	ld1	{v0.4s, v1.4s}, [x0]
	cbz	x2, done
next_block:
	/* The block's 16 big-endian words. */
	ld1	{v4.16b, v5.16b, v6.16b, v7.16b}, [x1], #64
	rev32	v4.16b, v4.16b
	rev32	v5.16b, v5.16b
	rev32	v6.16b, v6.16b
	rev32	v7.16b, v7.16b
	mov	v2.16b, v0.16b
	mov	v3.16b, v1.16b
	mov	x5, x4
	/* Rounds 0-47 extend the schedule; 48-63 use its last 16 words. */
	.rept	3
	quad	v4, v5, v6, v7, 1
	quad	v5, v6, v7, v4, 1
	quad	v6, v7, v4, v5, 1
	quad	v7, v4, v5, v6, 1
	.endr
	quad	v4, v5, v6, v7, 0
	quad	v5, v6, v7, v4, 0
	quad	v6, v7, v4, v5, 0
	quad	v7, v4, v5, v6, 0
	add	v0.4s, v0.4s, v2.4s
	add	v1.4s, v1.4s, v3.4s
	subs	x2, x2, #1
	b.ne	next_block
done:
	st1	{v0.4s, v1.4s}, [x0]
	ldp	q2, q3, [sp, #32]
	ldp	q4, q5, [sp, #64]
	ldp	q6, q7, [sp, #96]
	ldp	q16, q17, [sp, #128]
	ldp	q0, q1, [sp], #160
	mov	w0, #1
	ret
no_sha2:
	mov	w0, #0
	ret
