// SPDX-License-Identifier: GPL-2.0
/*
 * Loads and stores with no syndrome (hypervisor/arch/arm64/mmio-insn.c):
 * the assembler's encodings decoded, replayed against a device of 64-bit
 * registers behind the real MMIO dispatch, the registers and the base after
 * it; and what is refused, with nothing changed.
 */
#include <bulkhead/control.h>
#include <bulkhead/mmio.h>
#include <asm/traps.h>

#include "unit.h"

#define DEV		0x08000000UL
#define DEV_SIZE	0x1000UL
/* The device answers MMIO_ERROR from here on: a register it does not have. */
#define DEV_HOLE	0x800
#define PAGE_IPA	0x08000000UL
/* The cell's virtual address of the device page (its stage 1 maps it elsewhere). */
#define PAGE_VA		0xffff000010000000UL

static struct cell dev_cell;
static struct per_cpu cpu = { .cell = &dev_cell };
static u8 regs[DEV_SIZE];
static unsigned int accesses;
static u64 first_offset;

static enum mmio_result dev_access(struct per_cpu *c, struct mmio_access *access, void *arg)
{
	if (access->addr >= DEV_HOLE)
		return MMIO_ERROR;
	if (!accesses++)
		first_offset = access->addr;
	if (access->write)
		memcpy(&regs[access->addr], &access->value, access->size);
	else
		memcpy(&access->value, &regs[access->addr], access->size);
	return MMIO_HANDLED;
}

static struct trap_frame frame;
static u64 sp;

static void setup(void)
{
	unsigned int n;

	memset(&dev_cell, 0, sizeof(dev_cell));
	ck_assert_int_eq(mmio_register(&dev_cell, DEV, DEV_SIZE, dev_access, NULL), 0);
	for (n = 0; n < DEV_SIZE; n++)
		regs[n] = 0x80 | n;
	for (n = 0; n < 31; n++)
		frame.x[n] = 0x1111111100000000UL | n;
	sp = 0x5000;
	accesses = 0;
}

static u64 reg64(u64 offset)
{
	u64 value;

	memcpy(&value, &regs[offset], 8);
	return value;
}

/* Decodes @insn and replays it; @va is where it accessed first (FAR). */
static bool run(u32 insn, u64 va)
{
	struct mmio_insn mi;

	if (!mmio_insn_decode(insn, &mi))
		return false;
	return mmio_insn_emulate(&cpu, &frame, &sp, &mi, va,
				 PAGE_IPA | (va & (PAGE_SIZE - 1)));
}

START_TEST(test_store_post_index)
{
	frame.x[0] = PAGE_VA + 0x100;
	frame.x[1] = 0xcafef00d;
	ck_assert(run(0xb8004401, PAGE_VA + 0x100));	/* str w1, [x0], #4 */
	ck_assert_uint_eq(reg64(0x100) & 0xffffffff, 0xcafef00d);
	ck_assert_uint_eq(regs[0x104], 0x84);		/* only 4 bytes */
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x104);
	ck_assert_uint_eq(accesses, 1);
}
END_TEST

START_TEST(test_load_pre_index)
{
	frame.x[3] = PAGE_VA + 0x200;
	ck_assert(run(0xb8408c62, PAGE_VA + 0x208));	/* ldr w2, [x3, #8]! */
	ck_assert_uint_eq(frame.x[2], 0x8b8a8988);	/* W: upper half zero */
	ck_assert_uint_eq(frame.x[3], PAGE_VA + 0x208);
}
END_TEST

START_TEST(test_sizes_and_sign_extension)
{
	frame.x[5] = PAGE_VA + 0x10;
	frame.x[4] = 0x1ff;
	ck_assert(run(0x380014a4, PAGE_VA + 0x10));	/* strb w4, [x5], #1 */
	ck_assert_uint_eq(regs[0x10], 0xff);
	ck_assert_uint_eq(regs[0x11], 0x91);
	ck_assert_uint_eq(frame.x[5], PAGE_VA + 0x11);

	frame.x[7] = PAGE_VA + 0x22;
	ck_assert(run(0x785fece6, PAGE_VA + 0x20));	/* ldrh w6, [x7, #-2]! */
	ck_assert_uint_eq(frame.x[6], 0xa1a0);
	ck_assert_uint_eq(frame.x[7], PAGE_VA + 0x20);

	frame.x[9] = PAGE_VA + 0x30;
	ck_assert(run(0x38801528, PAGE_VA + 0x30));	/* ldrsb x8, [x9], #1 */
	ck_assert_uint_eq(frame.x[8], 0xffffffffffffffb0UL);

	frame.x[11] = PAGE_VA + 0x40;
	ck_assert(run(0x78c0256a, PAGE_VA + 0x40));	/* ldrsh w10, [x11], #2 */
	ck_assert_uint_eq(frame.x[10], 0xffffc1c0UL);	/* to 32 bits only */
	ck_assert_uint_eq(frame.x[11], PAGE_VA + 0x42);

	frame.x[13] = PAGE_VA + 0x4c;
	ck_assert(run(0xb8804dac, PAGE_VA + 0x50));	/* ldrsw x12, [x13, #4]! */
	ck_assert_uint_eq(frame.x[12], 0xffffffffd3d2d1d0UL);

	frame.x[15] = PAGE_VA + 0x60;
	frame.x[14] = 0x0123456789abcdefUL;
	ck_assert(run(0xf80085ee, PAGE_VA + 0x60));	/* str x14, [x15], #8 */
	ck_assert_uint_eq(reg64(0x60), 0x0123456789abcdefUL);
	ck_assert_uint_eq(frame.x[15], PAGE_VA + 0x68);

	frame.x[17] = PAGE_VA + 0x60;
	ck_assert(run(0xf85f8630, PAGE_VA + 0x60));	/* ldr x16, [x17], #-8 */
	ck_assert_uint_eq(frame.x[16], 0x0123456789abcdefUL);
	ck_assert_uint_eq(frame.x[17], PAGE_VA + 0x58);
}
END_TEST

START_TEST(test_pairs)
{
	frame.x[0] = PAGE_VA + 0x100;
	frame.x[1] = 0x11;
	frame.x[2] = 0x22;
	ck_assert(run(0x29000801, PAGE_VA + 0x100));	/* stp w1, w2, [x0] */
	ck_assert_uint_eq(reg64(0x100), 0x0000002200000011UL);
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x100);	/* no writeback */
	ck_assert_uint_eq(first_offset, 0x100);

	ck_assert(run(0x29411003, PAGE_VA + 0x108));	/* ldp w3, w4, [x0, #8] */
	ck_assert_uint_eq(frame.x[3], 0x8b8a8988);
	ck_assert_uint_eq(frame.x[4], 0x8f8e8d8c);

	frame.x[5] = 5;
	frame.x[6] = 6;
	ck_assert(run(0xa9811805, PAGE_VA + 0x110));	/* stp x5, x6, [x0, #16]! */
	ck_assert_uint_eq(reg64(0x110), 5);
	ck_assert_uint_eq(reg64(0x118), 6);
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x110);

	ck_assert(run(0xa8ff2007, PAGE_VA + 0x110));	/* ldp x7, x8, [x0], #-16 */
	ck_assert_uint_eq(frame.x[7], 5);
	ck_assert_uint_eq(frame.x[8], 6);
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x100);

	ck_assert(run(0x69412809, PAGE_VA + 0x108));	/* ldpsw x9, x10, [x0, #8] */
	ck_assert_uint_eq(frame.x[9], 0xffffffff8b8a8988UL);
	ck_assert_uint_eq(frame.x[10], 0xffffffff8f8e8d8cUL);

	/* The abort may name the second element: the same pair. */
	accesses = 0;
	ck_assert(run(0x28400801, PAGE_VA + 0x104));	/* ldnp w1, w2, [x0] */
	ck_assert_uint_eq(frame.x[1], 0x11);
	ck_assert_uint_eq(frame.x[2], 0x22);
	ck_assert_uint_eq(first_offset, 0x100);
}
END_TEST

START_TEST(test_zero_register_and_sp)
{
	frame.x[0] = PAGE_VA + 0x100;
	ck_assert(run(0xb800441f, PAGE_VA + 0x100));	/* str wzr, [x0], #4 */
	ck_assert_uint_eq(reg64(0x100) & 0xffffffff, 0);

	sp = PAGE_VA + 0x210;
	frame.x[1] = 0x77;
	ck_assert(run(0xb81f0fe1, PAGE_VA + 0x200));	/* str w1, [sp, #-16]! */
	ck_assert_uint_eq(regs[0x200], 0x77);
	ck_assert_uint_eq(sp, PAGE_VA + 0x200);
}
END_TEST

/* Not decoded: the cell fails as for any access no handler takes. */
START_TEST(test_refused_encodings)
{
	static const u32 refused[] = {
		0xb8404421,	/* ldr w1, [x1], #4: writeback into the loaded register */
		0x28c10821,	/* ldp w1, w2, [x1], #8: the same */
		0x29400401,	/* ldp w1, w1, [x0]: unpredictable */
		0x3c810400,	/* str q0, [x0], #16: SIMD */
		0xad000400,	/* stp q0, q1, [x0]: SIMD */
		0x885f7c01,	/* ldxr w1, [x0]: exclusive */
		0xb8208020,	/* swp w0, w0, [x1]: atomic */
		0x69000801,	/* stgp x1, x2, [x0]: tags */
		0xb9400401,	/* ldr w1, [x0, #4]: has a syndrome, never comes here */
		0xb8c04420,	/* size W with opc 3: unallocated */
		0xf8804420,	/* size X with opc 2: unallocated */
	};
	struct mmio_insn mi;
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(refused); n++)
		ck_assert_msg(!mmio_insn_decode(refused[n], &mi), "0x%08x decoded", refused[n]);
	/* Their neighbours that are allowed: ldrsb w0, [x1], #1 (opc 3, size B). */
	ck_assert(mmio_insn_decode(0x38c01420, &mi));
	ck_assert(mi.sign_extend && mi.dest_bits == 32 && mi.size == 1);
}
END_TEST

START_TEST(test_refused_accesses_change_nothing)
{
	struct trap_frame before;

	/* Second half on a register the device refuses: the first is not done either. */
	frame.x[0] = PAGE_VA + DEV_HOLE - 8;
	memcpy(&before, &frame, sizeof(frame));
	ck_assert(!run(0xa9400c02 /* ldp x2, x3, [x0] */, PAGE_VA + DEV_HOLE - 8));
	ck_assert_mem_eq(&before, &frame, sizeof(frame));

	/* The abort is not where the instruction accesses (memory changed under us). */
	frame.x[0] = PAGE_VA + 0x100;
	ck_assert(!run(0xb8004401, PAGE_VA + 0x300));
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x100);

	/* A pair across the page's end. */
	frame.x[0] = PAGE_VA + PAGE_SIZE - 4;
	ck_assert(!run(0x29000801, PAGE_VA + PAGE_SIZE - 4));

	/* Outside any handler: nothing served. */
	accesses = 0;
	frame.x[0] = 0x09000000;
	ck_assert(!mmio_insn_emulate(&cpu, &frame, &sp, &(struct mmio_insn){ .size = 4 },
				     0x09000000, 0x09000000));
	ck_assert_uint_eq(accesses, 0);

	/* Misaligned: the dispatch refuses it, the base stays. */
	frame.x[0] = PAGE_VA + 0x102;
	ck_assert(!run(0xb8004401, PAGE_VA + 0x102));
	ck_assert_uint_eq(frame.x[0], PAGE_VA + 0x102);
}
END_TEST

Suite *mmio_insn_suite(void)
{
	Suite *suite = suite_create("mmio_insn");
	TCase *tc = tcase_create("decode");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_store_post_index);
	tcase_add_test(tc, test_load_pre_index);
	tcase_add_test(tc, test_sizes_and_sign_extension);
	tcase_add_test(tc, test_pairs);
	tcase_add_test(tc, test_zero_register_and_sp);
	tcase_add_test(tc, test_refused_encodings);
	tcase_add_test(tc, test_refused_accesses_change_nothing);
	suite_add_tcase(suite, tc);
	return suite;
}
