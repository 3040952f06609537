// SPDX-License-Identifier: GPL-2.0
/*
 * Loads and stores of emulated device registers that the CPU reports with
 * no syndrome (ESR_EL2.ISV = 0): general-register LDR/STR with pre- or
 * post-index writeback and LDP/STP/LDPSW pairs, which compilers emit for
 * loops over volatile registers. The trap code fetches the instruction; this
 * decodes it and replays it through the cell's MMIO handlers. Anything else
 * (SIMD/FP registers, exclusives, atomics) is not decoded and the cell fails
 * as for any refused access.
 */
#include <bulkhead/control.h>
#include <bulkhead/mmio.h>
#include <asm/traps.h>

#define REG_ZR_SP		31

/* LDR/STR (immediate), general registers: post-index and pre-index. */
#define LDST_IMM_MASK		0x3f200c00
#define LDST_POST		0x38000400
#define LDST_PRE		0x38000c00
/* LDP/STP/LDPSW/LDNP/STNP, general registers: bits 24:23 tell the addressing. */
#define LDST_PAIR_MASK		0x3e000000
#define LDST_PAIR		0x28000000
#define PAIR_NO_ALLOCATE	0
#define PAIR_POST		1
#define PAIR_OFFSET		2
#define PAIR_PRE		3

static s64 sign_extend(u64 value, unsigned int bits)
{
	return (s64)(value << (64 - bits)) >> (64 - bits);
}

static bool decode_single(u32 insn, struct mmio_insn *mi)
{
	unsigned int size = insn >> 30, opc = (insn >> 22) & 3;

	mi->size = 1U << size;
	mi->pair = false;
	mi->write = opc == 0;
	mi->post_index = (insn & LDST_IMM_MASK) == LDST_POST;
	mi->writeback = true;
	mi->offset = sign_extend((insn >> 12) & 0x1ff, 9);
	/* opc 2: sign-extend to 64 bits (not for X); opc 3: to 32 bits (B, H only). */
	if ((opc == 2 && size == 3) || (opc == 3 && size >= 2))
		return false;
	mi->sign_extend = opc >= 2;
	mi->dest_bits = opc == 2 || size == 3 ? 64 : 32;
	return true;
}

static bool decode_pair(u32 insn, struct mmio_insn *mi)
{
	unsigned int opc = insn >> 30, index = (insn >> 23) & 3;
	bool load = insn & (1 << 22);

	/* opc 1 is LDPSW with an index mode, STGP (tags) otherwise; 3 is unallocated. */
	if (opc == 3 || (opc == 1 && (!load || index == PAIR_NO_ALLOCATE)))
		return false;
	mi->size = opc == 2 ? 8 : 4;
	mi->pair = true;
	mi->write = !load;
	mi->post_index = index == PAIR_POST;
	mi->writeback = index == PAIR_POST || index == PAIR_PRE;
	mi->offset = sign_extend((insn >> 15) & 0x7f, 7) * mi->size;
	mi->sign_extend = opc == 1;
	mi->dest_bits = opc == 0 ? 32 : 64;
	mi->rt2 = (insn >> 10) & 0x1f;
	return true;
}

bool mmio_insn_decode(u32 insn, struct mmio_insn *mi)
{
	bool ok;

	mi->rt = insn & 0x1f;
	mi->rn = (insn >> 5) & 0x1f;
	if ((insn & LDST_IMM_MASK) == LDST_POST || (insn & LDST_IMM_MASK) == LDST_PRE)
		ok = decode_single(insn, mi);
	else if ((insn & LDST_PAIR_MASK) == LDST_PAIR)
		ok = decode_pair(insn, mi);
	else
		return false;
	if (!ok)
		return false;
	/* What the architecture leaves unpredictable we do not guess at. */
	if (mi->pair && !mi->write && mi->rt == mi->rt2)
		return false;
	if (mi->writeback && mi->rn != REG_ZR_SP &&
	    (mi->rn == mi->rt || (mi->pair && mi->rn == mi->rt2)))
		return false;
	return true;
}

static u64 read_reg(const struct trap_frame *frame, unsigned int reg)
{
	return reg == REG_ZR_SP ? 0 : frame->x[reg];
}

static void write_reg(struct trap_frame *frame, unsigned int reg, u64 value)
{
	if (reg != REG_ZR_SP)
		frame->x[reg] = value;
}

u64 mmio_loaded_value(u64 value, unsigned int size, bool sign, unsigned int dest_bits)
{
	unsigned int bits = size * 8;

	if (bits < 64)
		value &= (1UL << bits) - 1;
	if (sign)
		value = sign_extend(value, bits);
	if (dest_bits == 32)
		value &= 0xffffffff;
	return value;
}

bool mmio_insn_emulate(struct per_cpu *cpu, struct trap_frame *frame, u64 *sp,
		       const struct mmio_insn *mi, u64 far, u64 ipa)
{
	u64 base = mi->rn == REG_ZR_SP ? *sp : frame->x[mi->rn];
	u64 va = mi->post_index ? base : base + mi->offset;
	unsigned int count = mi->pair ? 2 : 1, n;
	u64 span = (u64)mi->size * count, values[2];
	struct mmio_access access[2];

	/*
	 * The abort must be this instruction's own access, all of it on the
	 * faulting page: then the page's IPA and the offset give each address.
	 */
	if (far - va >= span || ((va ^ (va + span - 1)) & ~(PAGE_SIZE - 1)))
		return false;
	for (n = 0; n < count; n++) {
		access[n] = (struct mmio_access){
			.addr = (ipa & ~(PAGE_SIZE - 1)) | ((va + n * mi->size) & (PAGE_SIZE - 1)),
			.size = mi->size,
			.write = mi->write,
			.value = read_reg(frame, n ? mi->rt2 : mi->rt),
		};
		/* A pair is done whole or not at all, as far as we can tell beforehand. */
		if (!mmio_serves(cpu->cell, access[n].addr))
			return false;
	}
	/* Both reads before any register changes, so a refused second one leaves none. */
	for (n = 0; n < count; n++) {
		if (mmio_handle(cpu, &access[n]) != MMIO_HANDLED)
			return false;
		values[n] = mmio_loaded_value(access[n].value, mi->size, mi->sign_extend,
					      mi->dest_bits);
	}
	if (!mi->write) {
		write_reg(frame, mi->rt, values[0]);
		if (mi->pair)
			write_reg(frame, mi->rt2, values[1]);
	}
	if (mi->writeback) {
		if (mi->rn == REG_ZR_SP)
			*sp = base + mi->offset;
		else
			frame->x[mi->rn] = base + mi->offset;
	}
	return true;
}
