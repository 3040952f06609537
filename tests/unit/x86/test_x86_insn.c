// SPDX-License-Identifier: GPL-2.0
/*
 * What the hypervisor makes of the root's stores to its xAPIC window
 * (hypervisor/arch/x86/insn.c) and how it finds the root's code (the walk
 * of the root's page tables in mmu.c). The encodings are gas's, of the
 * stores Linux's APIC accessors and similar MMIO writes compile to.
 */
#include <string.h>

#include <bulkhead/errno.h>
#include <asm/insn.h>
#include <asm/mmu.h>
#include <asm/processor.h>
#include <asm/traps.h>

#include "../unit.h"

static const u64 regs[16] = {
	[REG_RAX] = 0x1111111122222233ULL, [REG_RCX] = 0x3333333344444455ULL,
	[REG_RDX] = 0x55555555666667aaULL, [REG_RBX] = 0x77777777888888bbULL,
	[REG_RSP] = 0x99999999aaaaaaccULL, [REG_RBP] = 0xbbbbbbbbccccccddULL,
	[REG_RSI] = 0xddddddddeeeeeeffULL, [REG_RDI] = 0x0123456789abcdefULL,
	[REG_R8] = 0x00000000fee00300ULL, [REG_R15] = 0xfedcba9876543210ULL,
};

struct store_case {
	const char *what;
	u8 code[15];
	unsigned int bytes;
	bool long_mode, default32;
	unsigned int length, size;
	u64 value;
};

static const struct store_case stores[] = {
	{ "mov %eax,0xffffffffff5fd0b0 (SIB, no base)", { 0x89, 0x04, 0x25, 0xb0, 0xd0, 0x5f, 0xff },
	  7, true, false, 7, 4, 0x22222233 },
	{ "mov %esi,(%rdx)", { 0x89, 0x32 }, 2, true, false, 2, 4, 0xeeeeeeff },
	{ "mov %r8d,0x300(%rax) (REX.R, disp32)", { 0x44, 0x89, 0x80, 0x00, 0x03, 0x00, 0x00 },
	  7, true, false, 7, 4, 0xfee00300 },
	{ "movl $0x0,0xb0(%rip)", { 0xc7, 0x05, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
	  10, true, false, 10, 4, 0 },
	{ "mov %eax,0x10(%rsp) (SIB, disp8)", { 0x89, 0x44, 0x24, 0x10 }, 4, true, false, 4, 4,
	  0x22222233 },
	{ "mov %ebx,-0x80(%rbp,%rcx,4)", { 0x89, 0x5c, 0x8d, 0x80 }, 4, true, false, 4, 4,
	  0x888888bb },
	{ "mov %ah,(%rdi) (high byte)", { 0x88, 0x27 }, 2, true, false, 2, 1, 0x22 },
	{ "mov %sil,(%rdi) (REX: low byte)", { 0x40, 0x88, 0x37 }, 3, true, false, 3, 1, 0xff },
	{ "movw $0x1234,0x8(%r9) (66, REX.B)", { 0x66, 0x41, 0xc7, 0x41, 0x08, 0x34, 0x12 },
	  7, true, false, 7, 2, 0x1234 },
	{ "movq $-1,(%rax) (REX.W, imm32 sign-extended)",
	  { 0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff }, 7, true, false, 7, 8, ~0ULL },
	{ "mov %r15,0x12345678(%rax) (REX.WR)", { 0x4c, 0x89, 0xb8, 0x78, 0x56, 0x34, 0x12 },
	  7, true, false, 7, 8, 0xfedcba9876543210ULL },
	{ "ss mov %eax,0x310(%rax) (segment prefix)", { 0x36, 0x89, 0x80, 0x10, 0x03, 0x00, 0x00 },
	  7, true, false, 7, 4, 0x22222233 },
	{ "movb $0x7f,(%rcx)", { 0xc6, 0x01, 0x7f }, 3, true, false, 3, 1, 0x7f },
	{ "movabs %eax,0xffffffffff5fd300 (moffs64)",
	  { 0xa3, 0x00, 0xd3, 0x5f, 0xff, 0xff, 0xff, 0xff, 0xff }, 9, true, false, 9, 4,
	  0x22222233 },
	{ "mov %eax,0xfee00300 (32-bit code, moffs32)", { 0xa3, 0x00, 0x03, 0xe0, 0xfe }, 5,
	  false, true, 5, 4, 0x22222233 },
	{ "mov %dx,4(%esi) (32-bit code, 66)", { 0x66, 0x89, 0x56, 0x04 }, 4, false, true, 4, 2,
	  0x67aa },
	{ "mov %ax,0x300(%bx) (16-bit code, disp16)", { 0x89, 0x87, 0x00, 0x03 }, 4, false, false,
	  4, 2, 0x2233 },
	{ "addr32 data32 mov %eax,(%ecx) (16-bit code)", { 0x67, 0x66, 0x89, 0x01 }, 4, false,
	  false, 4, 4, 0x22222233 },
	{ "0x48 in 32-bit code is DEC, not REX: refused", { 0x48, 0x89, 0x01 }, 3, false, true,
	  0, 0, 0 },
	{ "mov %eax,(%rcx), trailing bytes of the next instruction ignored",
	  { 0x89, 0x01, 0x90, 0x90 }, 4, true, false, 2, 4, 0x22222233 },
};

START_TEST(decodes_stores)
{
	const struct store_case *c = &stores[_i];
	struct x86_store out = { 0 };
	int err = x86_decode_store(c->code, c->bytes, regs, c->long_mode, c->default32, &out);

	if (!c->length) {
		ck_assert_msg(err == -EINVAL, "%s: decoded (%d)", c->what, err);
		return;
	}
	ck_assert_msg(!err, "%s: refused (%d)", c->what, err);
	ck_assert_msg(out.length == c->length, "%s: length %u, not %u", c->what, out.length,
		      c->length);
	ck_assert_msg(out.size == c->size, "%s: size %u, not %u", c->what, out.size, c->size);
	ck_assert_msg(out.value == c->value, "%s: value 0x%llx, not 0x%llx", c->what,
		      (unsigned long long)out.value, (unsigned long long)c->value);
}
END_TEST

/* Everything that is not a plain MOV store, and every truncation of one, is refused. */
START_TEST(refuses_the_rest)
{
	static const struct { const char *what; u8 code[4]; unsigned int bytes; } bad[] = {
		{ "lock xchg %eax,(%rdx)", { 0xf0, 0x87, 0x02 }, 3 },
		{ "xchg %eax,(%rdx)", { 0x87, 0x02 }, 2 },
		{ "add %eax,(%rdx)", { 0x01, 0x02 }, 2 },
		{ "mov %eax,%edx (register form)", { 0x89, 0xc2 }, 2 },
		{ "c7 /1 (not MOV)", { 0xc7, 0x08, 0, 0 }, 4 },
		{ "rep stosl", { 0xf3, 0xab }, 2 },
		{ "empty", { 0 }, 0 },
	};
	static const u8 long_store[] = { 0x44, 0x89, 0x80, 0x00, 0x03, 0x00, 0x00 };
	struct x86_store out;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(bad); n++)
		ck_assert_msg(x86_decode_store(bad[n].code, bad[n].bytes, regs, true, false, &out) ==
			      -EINVAL, "%s decoded", bad[n].what);
	for (n = 0; n < sizeof(long_store); n++)
		ck_assert_msg(x86_decode_store(long_store, n, regs, true, false, &out) == -EINVAL,
			      "decoded from %u of its 7 bytes", n);
}
END_TEST

/* A fake guest-physical memory: 8-byte entries at chosen addresses; reads elsewhere fail. */
#define MAX_ENTRIES 8
static struct { u64 gpa, value; } memory[MAX_ENTRIES];
static unsigned int entries, reads;

static void put(u64 gpa, u64 value)
{
	memory[entries].gpa = gpa;
	memory[entries++].value = value;
}

static bool fake_read(u64 gpa, u64 *entry, void *ctx)
{
	unsigned int n;

	reads++;
	for (n = 0; n < entries; n++) {
		if (memory[n].gpa == gpa) {
			*entry = memory[n].value;
			return true;
		}
	}
	return false;
}

#define P		1ULL
#define PS		(1ULL << 7)
#define NX		(1ULL << 63)
#define LONG_CR0	(X86_CR0_PG | 1)
/* 0xffffffffff5fd0b0: PML4 511, PDPT 511, PD 506, PT 509, offset 0x0b0. */
#define LINEAR		0xffffffffff5fd0b0ULL

static int walk(u64 cr4, u64 linear, u64 *gpa)
{
	reads = 0;
	return guest_translate(LONG_CR0, cr4, EFER_LMA, 0x1000 | 0x18 /* PCD, PWT */, linear,
			       fake_read, NULL, gpa);
}

START_TEST(walks_root_tables)
{
	u64 gpa = 0;

	/* 4 KiB page, 4 levels; flags and NX in the entries do not leak into the address. */
	entries = 0;
	put(0x1000 + 511 * 8, 0x2000 | P | 2);
	put(0x2000 + 511 * 8, 0x3000 | P);
	put(0x3000 + 506 * 8, 0x4000 | P | NX);
	put(0x4000 + 509 * 8, 0xfee00000 | P | NX | 0x18);
	ck_assert_int_eq(walk(0, LINEAR, &gpa), 0);
	ck_assert_uint_eq(gpa, 0xfee000b0);
	ck_assert_uint_eq(reads, 4);
	/* 2 MiB page at the PD (its PAT bit, 12, is not address). */
	memory[2].value = 0x40000000 | P | PS | (1ULL << 12);
	ck_assert_int_eq(walk(0, LINEAR, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x40000000 | (LINEAR & 0x1fffff));
	ck_assert_uint_eq(reads, 3);
	/* 1 GiB page at the PDPT. */
	memory[1].value = 0x80000000 | P | PS;
	ck_assert_int_eq(walk(0, LINEAR, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x80000000 | (LINEAR & 0x3fffffff));
	/* A large-page bit in the PML4 is reserved. */
	memory[0].value |= PS;
	ck_assert_int_eq(walk(0, LINEAR, &gpa), -EFAULT);
	memory[0].value &= ~PS;
	/* Not present. */
	memory[1].value &= ~P;
	ck_assert_int_eq(walk(0, LINEAR, &gpa), -EFAULT);
	/* An entry the reader cannot give (not the root's RAM). */
	entries = 0;
	ck_assert_int_eq(walk(0, LINEAR, &gpa), -EFAULT);
	ck_assert_uint_eq(reads, 1);
}
END_TEST

START_TEST(walks_five_levels_and_none)
{
	u64 gpa = 0;

	/* LA57: the PML5 index (bits 56:48) comes first. */
	entries = 0;
	put(0x1000 + 511 * 8, 0x5000 | P);
	put(0x5000 + 511 * 8, 0x2000 | P);
	put(0x2000 + 511 * 8, 0x3000 | P | PS);
	ck_assert_int_eq(walk(X86_CR4_LA57, LINEAR, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x0 | (LINEAR & 0x3fffffff));
	ck_assert_uint_eq(reads, 3);
	/* Paging off: the linear address is the physical one. */
	ck_assert_int_eq(guest_translate(1, 0, 0, 0, 0x9f000, fake_read, NULL, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x9f000);
	/* 32-bit and PAE paging (no long mode) are not walked. */
	ck_assert_int_eq(guest_translate(LONG_CR0, X86_CR4_PAE, 0, 0x1000, 0x1000, fake_read,
					 NULL, &gpa), -EINVAL);
}
END_TEST

Suite *x86_insn_suite(void)
{
	Suite *s = suite_create("x86 insn");
	TCase *tc = tcase_create("decode");

	tcase_add_loop_test(tc, decodes_stores, 0, ARRAY_SIZE(stores));
	tcase_add_test(tc, refuses_the_rest);
	tcase_add_test(tc, walks_root_tables);
	tcase_add_test(tc, walks_five_levels_and_none);
	suite_add_tcase(s, tc);
	return s;
}
