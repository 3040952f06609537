/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_INSN_H
#define _ASM_INSN_H

#include <bulkhead/types.h>

/* The longest an x86 instruction may be. */
#define X86_INSN_MAX		15

/* A store the root made, as decoded from its instruction (insn.c). */
struct x86_store {
	unsigned int length;	/* bytes of the instruction, prefixes included */
	unsigned int size;	/* bytes stored: 1, 2, 4 or 8 */
	u64 value;		/* what was stored, zero-extended from size bytes */
};

/*
 * Decodes the store in the @avail bytes at @code (at most 15 are looked
 * at): MOV r/m,r (88, 89), MOV moffs,AL/eAX (A2, A3) or MOV r/m,imm (C6 /0,
 * C7 /0), with operand-size, address-size, segment and (in 64-bit code) REX
 * prefixes. @regs: the 16 general registers in trap-frame order, RSP
 * included; @long_mode: 64-bit code; @default32: CS.D. -EINVAL for
 * anything else, or too few bytes.
 */
int x86_decode_store(const u8 *code, unsigned int avail, const u64 *regs, bool long_mode,
		     bool default32, struct x86_store *out);

#endif /* !_ASM_INSN_H */
