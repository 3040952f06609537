// SPDX-License-Identifier: GPL-2.0
/*
 * The decoder of the root's stores (hypervisor/arch/x86/insn.c) on bytes
 * GNU as produced: the MMIO writes Linux's native_apic_mem_write() and
 * friends compile to, every ModRM/SIB/displacement length, moffs, the operand
 * sizes of the 66 and REX.W prefixes, the 8-bit register maps, and what it
 * must refuse. Expected values are spelled out from the register file
 * below, not computed the decoder's way.
 */
#include <bulkhead/errno.h>
#include <asm/insn.h>
#include <asm/traps.h>

#include "../unit.h"

enum mode { MODE64, MODE32, MODE16 };

struct store_case {
	const char *what;
	enum mode mode;
	unsigned int avail;
	u8 code[X86_INSN_MAX + 1];
	unsigned int length, size;
	u64 value;
};

/*
 * Register n holds 0xfedcba98_76_(40+n)_(80+n)_(10+n): every byte tells
 * which register and which byte of it was stored.
 */
#define R(n)		(0xfedcba9876000000ULL | (0x40ULL + (n)) << 16 | (0x80ULL + (n)) << 8 | \
			 (0x10ULL + (n)))
#define LOW32(n)	(R(n) & 0xffffffff)

static const u64 regs[16] = {
	R(0), R(1), R(2), R(3), R(4), R(5), R(6), R(7),
	R(8), R(9), R(10), R(11), R(12), R(13), R(14), R(15),
};

#define CASE(m, w, len, sz, val, ...) \
	{ .what = w, .mode = m, .avail = sizeof((u8[]){ __VA_ARGS__ }), \
	  .code = { __VA_ARGS__ }, .length = len, .size = sz, .value = val }

static const struct store_case stores[] = {
	/* What Linux's xAPIC writes compile to: fixmap address, pointer, offset, RIP-relative. */
	CASE(MODE64, "mov %eax,0xffffffffff5fd0b0", 7, 4, LOW32(0),
	     0x89, 0x04, 0x25, 0xb0, 0xd0, 0x5f, 0xff),
	CASE(MODE64, "mov %esi,(%rdx)", 2, 4, LOW32(6), 0x89, 0x32),
	CASE(MODE64, "mov %r8d,0x300(%rax)", 7, 4, LOW32(8),
	     0x44, 0x89, 0x80, 0x00, 0x03, 0x00, 0x00),
	CASE(MODE64, "movl $0x0,0xb0(%rip)", 10, 4, 0,
	     0xc7, 0x05, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
	CASE(MODE64, "movl $0x11223344,0x12345678(%rip)", 10, 4, 0x11223344,
	     0xc7, 0x05, 0x78, 0x56, 0x34, 0x12, 0x44, 0x33, 0x22, 0x11),
	/* Absolute addresses without ModRM (moffs), as wide as the address size. */
	CASE(MODE64, "movabs %eax,0xffffffffff5fd0b0 (moffs64)", 9, 4, LOW32(0),
	     0xa3, 0xb0, 0xd0, 0x5f, 0xff, 0xff, 0xff, 0xff, 0xff),
	CASE(MODE64, "movabs %al,0xffffffffff5fd0b0 (moffs64, 8-bit)", 9, 1, R(0) & 0xff,
	     0xa2, 0xb0, 0xd0, 0x5f, 0xff, 0xff, 0xff, 0xff, 0xff),
	CASE(MODE64, "addr32 mov %eax,0xfee00300 (moffs32)", 6, 4, LOW32(0),
	     0x67, 0xa3, 0x00, 0x03, 0xe0, 0xfe),
	CASE(MODE32, "mov %eax,0xfee00300 (moffs32)", 5, 4, LOW32(0), 0xa3, 0x00, 0x03, 0xe0, 0xfe),
	CASE(MODE16, "mov %ax,0x300 (moffs16)", 3, 2, R(0) & 0xffff, 0xa3, 0x00, 0x03),
	/* ModRM/SIB/displacement forms. */
	CASE(MODE64, "mov %eax,(%rsp)", 3, 4, LOW32(0), 0x89, 0x04, 0x24),
	CASE(MODE64, "mov %eax,0x10(%rsp)", 4, 4, LOW32(0), 0x89, 0x44, 0x24, 0x10),
	CASE(MODE64, "mov %eax,0x12345678(%rsp,%rcx,4)", 7, 4, LOW32(0),
	     0x89, 0x84, 0x8c, 0x78, 0x56, 0x34, 0x12),
	CASE(MODE64, "mov %eax,0x0(,%rcx,8)", 7, 4, LOW32(0),
	     0x89, 0x04, 0xcd, 0x00, 0x00, 0x00, 0x00),
	CASE(MODE64, "mov %eax,0x0(%rbp)", 3, 4, LOW32(0), 0x89, 0x45, 0x00),
	CASE(MODE64, "mov %eax,0x0(%r13)", 4, 4, LOW32(0), 0x41, 0x89, 0x45, 0x00),
	CASE(MODE64, "mov %eax,(%r12)", 4, 4, LOW32(0), 0x41, 0x89, 0x04, 0x24),
	CASE(MODE64, "mov %eax,0x10(,%r9,4)", 8, 4, LOW32(0),
	     0x42, 0x89, 0x04, 0x8d, 0x10, 0x00, 0x00, 0x00),
	CASE(MODE64, "mov %r15,0x7f(%r11)", 4, 8, R(15), 0x4d, 0x89, 0x7b, 0x7f),
	/* Prefixes: sizes, segment, address size. */
	CASE(MODE64, "mov %rax,(%rdi)", 3, 8, R(0), 0x48, 0x89, 0x07),
	CASE(MODE64, "mov %ax,(%rdi)", 3, 2, R(0) & 0xffff, 0x66, 0x89, 0x07),
	CASE(MODE64, "data16 mov %rax,(%rdi): REX.W wins", 4, 8, R(0), 0x66, 0x48, 0x89, 0x07),
	CASE(MODE64, "mov %eax,%fs:(%rdi)", 3, 4, LOW32(0), 0x64, 0x89, 0x07),
	CASE(MODE64, "mov %eax,(%edi)", 3, 4, LOW32(0), 0x67, 0x89, 0x07),
	CASE(MODE64, "13 prefixes: 15 bytes, the most there may be", 15, 2, R(0) & 0xffff,
	     0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x89,
	     0x07),
	/* 8-bit registers: AH..BH without REX, SIL and R9B with it. */
	CASE(MODE64, "mov %ah,(%rdi)", 2, 1, 0x80, 0x88, 0x27),
	CASE(MODE64, "mov %bh,(%rdi)", 2, 1, 0x83, 0x88, 0x3f),
	CASE(MODE64, "mov %sil,(%rdi)", 3, 1, 0x16, 0x40, 0x88, 0x37),
	CASE(MODE64, "mov %r9b,(%rdi)", 3, 1, 0x19, 0x44, 0x88, 0x0f),
	/* Immediates: 8, 16, and 32 sign-extended to 64. */
	CASE(MODE64, "movb $0x81,(%rdi)", 3, 1, 0x81, 0xc6, 0x07, 0x81),
	CASE(MODE64, "movw $0x8182,(%rdi)", 5, 2, 0x8182, 0x66, 0xc7, 0x07, 0x82, 0x81),
	CASE(MODE64, "movq $-2,(%rdi)", 7, 8, 0xfffffffffffffffeULL,
	     0x48, 0xc7, 0x07, 0xfe, 0xff, 0xff, 0xff),
	CASE(MODE64, "movq $0x7fffffff,(%rdi)", 7, 8, 0x7fffffff,
	     0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0x7f),
	/* 32-bit code (CS.D): no REX, 66 makes 16 bits, 67 16-bit addressing. */
	CASE(MODE32, "mov %eax,(%edi)", 2, 4, LOW32(0), 0x89, 0x07),
	CASE(MODE32, "mov %ax,(%edi)", 3, 2, R(0) & 0xffff, 0x66, 0x89, 0x07),
	CASE(MODE32, "mov %eax,0x300(%ebx)", 6, 4, LOW32(0), 0x89, 0x83, 0x00, 0x03, 0x00, 0x00),
	CASE(MODE32, "mov %eax,(%bx,%si)", 3, 4, LOW32(0), 0x67, 0x89, 0x00),
	CASE(MODE32, "mov %eax,0x0(%ebp)", 3, 4, LOW32(0), 0x89, 0x45, 0x00),
	CASE(MODE32, "mov %eax,0x12345678(,%ecx,4)", 7, 4, LOW32(0),
	     0x89, 0x04, 0x8d, 0x78, 0x56, 0x34, 0x12),
	CASE(MODE32, "mov %dh,(%edi)", 2, 1, 0x82, 0x88, 0x37),
	CASE(MODE32, "movl $0x11223344,0x10(%esi)", 7, 4, 0x11223344,
	     0xc7, 0x46, 0x10, 0x44, 0x33, 0x22, 0x11),
	/* 16-bit code: 16-bit operands and addresses, 66/67 switch to 32. */
	CASE(MODE16, "mov %ax,(%bx,%si)", 2, 2, R(0) & 0xffff, 0x89, 0x00),
	CASE(MODE16, "mov %ax,0x12(%bp)", 3, 2, R(0) & 0xffff, 0x89, 0x46, 0x12),
	CASE(MODE16, "mov %ax,0x1234(%bp,%di)", 4, 2, R(0) & 0xffff, 0x89, 0x83, 0x34, 0x12),
	CASE(MODE16, "movw $0x5678,0x1234", 6, 2, 0x5678, 0xc7, 0x06, 0x34, 0x12, 0x78, 0x56),
	CASE(MODE16, "mov %eax,(%bx)", 3, 4, LOW32(0), 0x66, 0x89, 0x07),
	CASE(MODE16, "mov %ax,(%eax)", 3, 2, R(0) & 0xffff, 0x67, 0x89, 0x00),
	CASE(MODE16, "mov %ax,(%eax,%ecx,2)", 4, 2, R(0) & 0xffff, 0x67, 0x89, 0x04, 0x48),
};

/* Instructions that are not a plain store to memory, or not in this mode. */
static const struct store_case refused[] = {
	CASE(MODE64, "lock xchg %eax,(%rdi)", 0, 0, 0, 0xf0, 0x87, 0x07),
	CASE(MODE64, "xchg %eax,(%rdi)", 0, 0, 0, 0x87, 0x07),
	CASE(MODE64, "lock mov (#UD)", 0, 0, 0, 0xf0, 0x89, 0x07),
	CASE(MODE64, "movnti %eax,(%rdi)", 0, 0, 0, 0x0f, 0xc3, 0x07),
	CASE(MODE64, "mov %eax,%edi (mod 3)", 0, 0, 0, 0x89, 0xc7),
	CASE(MODE64, "movl $1,%edi (C7 mod 3)", 0, 0, 0, 0xc7, 0xc7, 0x01, 0x00, 0x00, 0x00),
	CASE(MODE64, "rep stos %eax,(%rdi)", 0, 0, 0, 0xf3, 0xab),
	CASE(MODE64, "C7 /1", 0, 0, 0, 0xc7, 0x0f, 0x01, 0x00, 0x00, 0x00),
	CASE(MODE64, "REX before 66: not the last prefix", 0, 0, 0, 0x48, 0x66, 0x89, 0x07),
	CASE(MODE64, "mov (%rdi),%eax (a load)", 0, 0, 0, 0x8b, 0x07),
	CASE(MODE32, "dec %eax, not REX.W, in 32-bit code", 0, 0, 0, 0x48, 0x89, 0x07),
	CASE(MODE64, "prefixes make it 16 bytes", 0, 0, 0,
	     0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	     0x89, 0x07),
	CASE(MODE64, "nothing fetched", 0, 0, 0),
};

static int decode(const struct store_case *c, unsigned int avail, struct x86_store *out)
{
	return x86_decode_store(c->code, avail, regs, c->mode == MODE64, c->mode == MODE32, out);
}

START_TEST(decodes_stores)
{
	const struct store_case *c = &stores[_i];
	struct x86_store out;

	ck_assert_msg(!decode(c, c->avail, &out), "%s: refused", c->what);
	ck_assert_msg(out.length == c->length, "%s: length %u, not %u", c->what, out.length,
		      c->length);
	ck_assert_msg(out.size == c->size, "%s: size %u, not %u", c->what, out.size, c->size);
	ck_assert_msg(out.value == c->value, "%s: value 0x%llx, not 0x%llx", c->what,
		      (unsigned long long)out.value, (unsigned long long)c->value);
}
END_TEST

/* Bytes after the instruction (the next one's) change nothing. */
START_TEST(ignores_what_follows)
{
	struct store_case c = stores[_i];
	struct x86_store out;
	unsigned int n;

	for (n = c.avail; n < X86_INSN_MAX; n++)
		c.code[n] = 0xc7;
	ck_assert_msg(!decode(&c, X86_INSN_MAX, &out), "%s: refused", c.what);
	ck_assert_msg(out.length == c.length && out.value == c.value, "%s: length %u value 0x%llx",
		      c.what, out.length, (unsigned long long)out.value);
}
END_TEST

/* Every instruction cut short by one byte or more is refused, whatever the cut. */
START_TEST(refuses_truncated)
{
	const struct store_case *c = &stores[_i];
	struct x86_store out;
	unsigned int avail;

	for (avail = 0; avail < c->length; avail++)
		ck_assert_msg(decode(c, avail, &out) == -EINVAL, "%s: decoded from %u bytes",
			      c->what, avail);
}
END_TEST

START_TEST(refuses_others)
{
	const struct store_case *c = &refused[_i];
	struct x86_store out = { 0 };

	ck_assert_msg(decode(c, c->avail, &out) == -EINVAL, "%s: decoded (length %u)", c->what,
		      out.length);
}
END_TEST

Suite *x86_insn_suite(void)
{
	Suite *s = suite_create("x86 insn");
	TCase *tc = tcase_create("decode");

	tcase_add_loop_test(tc, decodes_stores, 0, ARRAY_SIZE(stores));
	tcase_add_loop_test(tc, ignores_what_follows, 0, ARRAY_SIZE(stores));
	tcase_add_loop_test(tc, refuses_truncated, 0, ARRAY_SIZE(stores));
	tcase_add_loop_test(tc, refuses_others, 0, ARRAY_SIZE(refused));
	suite_add_tcase(s, tc);
	return s;
}
