// SPDX-License-Identifier: GPL-2.0
/*
 * The root's stores to a page the hypervisor write-protects (its xAPIC
 * window), decoded from the instruction bytes: an EPT violation names the
 * address, not the value or the instruction's length. Only what a kernel
 * writes device registers with is decoded: MOV from a register or of an
 * immediate to memory. Anything else is refused; the caller injects #GP.
 */
#include <bulkhead/errno.h>
#include <asm/insn.h>
#include <asm/traps.h>

#define REX_W			0x8
#define REX_R			0x4
#define MODRM_MOD(m)		((m) >> 6)
#define MODRM_REG(m)		(((m) >> 3) & 7)
#define MODRM_RM(m)		((m) & 7)
#define SIB_BASE(s)		((s) & 7)

/* Bytes of SIB and displacement after a memory-form ModRM @modrm. */
static unsigned int address_bytes(const u8 *code, unsigned int avail, unsigned int pos,
				  u8 modrm, bool addr16)
{
	unsigned int mod = MODRM_MOD(modrm), rm = MODRM_RM(modrm), sib = 0;

	if (addr16) {
		if (mod == 1)
			return 1;
		return mod == 2 || (mod == 0 && rm == 6) ? 2 : 0;
	}
	if (rm == 4) {
		sib = 1;
		/* No base register: a 32-bit displacement instead. */
		if (mod == 0 && pos < avail && SIB_BASE(code[pos]) == 5)
			return sib + 4;
	}
	if (mod == 1)
		return sib + 1;
	if (mod == 2 || (mod == 0 && rm == 5))
		return sib + 4;
	return sib;
}

/* Register @reg as a source of @size bytes; without REX, 8-bit 4-7 are AH, CH, DH, BH. */
static u64 register_value(const u64 *regs, unsigned int reg, unsigned int size, bool rex)
{
	if (size == 1 && !rex && reg >= 4)
		return (regs[reg - 4] >> 8) & 0xff;
	return regs[reg];
}

static u64 immediate(const u8 *code, unsigned int bytes)
{
	u64 value = 0;
	unsigned int n;

	for (n = 0; n < bytes; n++)
		value |= (u64)code[n] << (8 * n);
	/* imm32 for a 64-bit store is sign-extended. */
	if (bytes == 4 && (value & 0x80000000))
		value |= 0xffffffff00000000ULL;
	return value;
}

int x86_decode_store(const u8 *code, unsigned int avail, const u64 *regs, bool long_mode,
		     bool default32, struct x86_store *out)
{
	bool opsize_prefix = false, addrsize_prefix = false, addr16;
	unsigned int pos = 0, size, imm_bytes = 0;
	u8 rex = 0, op, modrm;

	avail = avail < X86_INSN_MAX ? avail : X86_INSN_MAX;
	for (; pos < avail; pos++) {
		if (code[pos] == 0x66)
			opsize_prefix = true;
		else if (code[pos] == 0x67)
			addrsize_prefix = true;
		else if (code[pos] != 0x26 && code[pos] != 0x2e && code[pos] != 0x36 &&
			 code[pos] != 0x3e && code[pos] != 0x64 && code[pos] != 0x65)
			break;
	}
	/* REX only counts right before the opcode, and only in 64-bit code. */
	if (long_mode && pos < avail && (code[pos] & 0xf0) == 0x40)
		rex = code[pos++];
	if (pos + 2 > avail)
		return -EINVAL;
	if (rex & REX_W)
		size = 8;
	else if (long_mode || default32)
		size = opsize_prefix ? 2 : 4;
	else
		size = opsize_prefix ? 4 : 2;
	addr16 = !long_mode && default32 == addrsize_prefix;
	op = code[pos++];
	/* MOV moffs, AL/eAX: an absolute address as wide as the address size. */
	if (op == 0xa2 || op == 0xa3) {
		pos += addr16 ? 2 : long_mode && !addrsize_prefix ? 8 : 4;
		if (pos > avail)
			return -EINVAL;
		size = op == 0xa2 ? 1 : size;
		out->value = regs[REG_RAX];
		goto done;
	}
	modrm = code[pos++];
	if (MODRM_MOD(modrm) == 3)
		return -EINVAL;
	switch (op) {
	case 0x88:
		size = 1;
		break;
	case 0x89:
		break;
	case 0xc6:
		size = 1;
		imm_bytes = 1;
		break;
	case 0xc7:
		imm_bytes = size == 2 ? 2 : 4;
		break;
	default:
		return -EINVAL;
	}
	/* C6 and C7 are MOV only with ModRM.reg 0. */
	if (imm_bytes && MODRM_REG(modrm))
		return -EINVAL;
	pos += address_bytes(code, avail, pos, modrm, addr16);
	if (pos + imm_bytes > avail)
		return -EINVAL;
	if (imm_bytes)
		out->value = immediate(code + pos, imm_bytes);
	else
		out->value = register_value(regs, MODRM_REG(modrm) | (rex & REX_R ? 8 : 0), size,
					    rex);
done:
	if (size < 8)
		out->value &= (1ULL << (8 * size)) - 1;
	out->size = size;
	out->length = pos + imm_bytes;
	return 0;
}
