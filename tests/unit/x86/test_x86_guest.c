// SPDX-License-Identifier: GPL-2.0
/*
 * The root's page-table walk (guest_translate(), hypervisor/arch/x86/mmu.c) over fake
 * guest memory: 4-level paging with 4 KiB, 2 MiB and 1 GiB pages, 5-level
 * paging, no paging, and the entries and modes it must refuse. Table
 * indexes are spelled out for each address (SDM vol. 3A, 4.5), not
 * computed the walker's way.
 */
#include <string.h>

#include <bulkhead/errno.h>
#include <asm/mmu.h>
#include <asm/processor.h>

#include "../unit.h"

/* Guest-physical pages the fake memory holds: page n at MEM_BASE + n * 4 KiB. */
#define MEM_BASE	0x200000ULL
#define MEM_PAGES	8
#define TABLE(n)	(MEM_BASE + (n) * 0x1000ULL)

#define P		(1ULL << 0)	/* present */
#define RW		(1ULL << 1)
#define PS		(1ULL << 7)	/* large page */
#define NX		(1ULL << 63)

#define CR0_PE_PG	(X86_CR0_PE | X86_CR0_PG)
#define CR4_LA57	(1ULL << 12)
#define EFER_LONG	(EFER_LME | EFER_LMA)
#define EFER_NXE	(1ULL << 11)

/* Linux's xAPIC fixmap: PML4 511, PDPT 511, PD 0x1fa, PT 0x1fd, offset 0xb0. */
#define APIC_FIXMAP	0xffffffffff5fd0b0ULL

static u64 mem[MEM_PAGES][512];
static unsigned int reads;

static bool read_fake(u64 gpa, u64 *entry, void *ctx)
{
	ck_assert_ptr_eq(ctx, mem);
	ck_assert_msg(!(gpa & 7), "unaligned entry read at 0x%llx", (unsigned long long)gpa);
	reads++;
	if (gpa < MEM_BASE || gpa >= TABLE(MEM_PAGES))
		return false;
	*entry = mem[(gpa - MEM_BASE) / 0x1000][(gpa & 0xfff) / 8];
	return true;
}

static void setup(void)
{
	unsigned int t, n;

	/*
	 * Every other entry maps somewhere else: a walk that takes a wrong
	 * index lands on a page no test expects.
	 */
	for (t = 0; t < MEM_PAGES; t++)
		for (n = 0; n < 512; n++)
			mem[t][n] = 0xdead000000ULL | PS | RW | P;
	reads = 0;
}

static int walk(u64 cr4, u64 efer, u64 cr3, u64 linear, u64 *gpa)
{
	return guest_translate(CR0_PE_PG, cr4, efer, cr3, linear, read_fake, mem, gpa);
}

/* The fixmap APIC page through four levels, as Linux maps it. */
static void map_apic_fixmap(void)
{
	mem[0][511] = TABLE(1) | RW | P;
	mem[1][511] = TABLE(2) | RW | P;
	mem[2][0x1fa] = TABLE(3) | RW | P;
	mem[3][0x1fd] = 0xfee00000ULL | NX | RW | P;
}

START_TEST(four_level_4k)
{
	u64 gpa = 0;

	map_apic_fixmap();
	/* CR3's low bits (a PCID) are not part of the address. */
	ck_assert_int_eq(walk(0, EFER_LONG | EFER_NXE, TABLE(0) | 0x5, APIC_FIXMAP, &gpa), 0);
	ck_assert_uint_eq(gpa, 0xfee000b0ULL);
	ck_assert_uint_eq(reads, 4);
	/* Bit 7 of a 4 KiB entry is PAT, not a page size. */
	mem[3][0x1fd] |= PS;
	ck_assert_int_eq(walk(0, EFER_LONG | EFER_NXE, TABLE(0), APIC_FIXMAP, &gpa), 0);
	ck_assert_uint_eq(gpa, 0xfee000b0ULL);
}
END_TEST

START_TEST(four_level_2m)
{
	u64 gpa = 0;

	map_apic_fixmap();
	/* PAT (bit 12) may be set in a large page: not part of its address. */
	mem[2][0x1fa] = 0x7fe00000ULL | (1ULL << 12) | PS | RW | P;
	ck_assert_int_eq(walk(0, EFER_LONG, TABLE(0), APIC_FIXMAP, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x7fe00000ULL + 0x1fd0b0);
	ck_assert_uint_eq(reads, 3);
}
END_TEST

START_TEST(four_level_1g)
{
	u64 gpa = 0;

	map_apic_fixmap();
	mem[1][511] = 0x40000000ULL | PS | RW | P;
	ck_assert_int_eq(walk(0, EFER_LONG, TABLE(0), APIC_FIXMAP, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x40000000ULL + 0x3f5fd0b0);
	ck_assert_uint_eq(reads, 2);
}
END_TEST

/* 0x00ab000000401123: PML5 0xab, PML4 0, PDPT 0, PD 2, PT 1, offset 0x123. */
START_TEST(five_level)
{
	u64 linear = 0x00ab000000401123ULL, gpa = 0;

	mem[0][0xab] = TABLE(1) | RW | P;
	mem[1][0] = TABLE(2) | RW | P;
	mem[2][0] = TABLE(3) | RW | P;
	mem[3][2] = TABLE(4) | RW | P;
	mem[4][1] = 0x12345000ULL | RW | P;
	ck_assert_int_eq(walk(CR4_LA57, EFER_LONG, TABLE(0), linear, &gpa), 0);
	ck_assert_uint_eq(gpa, 0x12345123ULL);
	ck_assert_uint_eq(reads, 5);
	/* The same tables as four levels: PML4 index 0 is a decoy 512 GiB page. */
	ck_assert_int_eq(walk(0, EFER_LONG, TABLE(0), linear, &gpa), -EFAULT);
}
END_TEST

START_TEST(no_paging)
{
	u64 gpa = 0;

	ck_assert_int_eq(guest_translate(X86_CR0_PE, 0, 0, TABLE(0), 0xfee00300, read_fake, mem,
					 &gpa), 0);
	ck_assert_uint_eq(gpa, 0xfee00300);
	ck_assert_uint_eq(reads, 0);
}
END_TEST

/* 32-bit and PAE paging outside long mode are refused, not walked. */
START_TEST(legacy_paging_refused)
{
	u64 gpa = 0x1234;

	map_apic_fixmap();
	ck_assert_int_eq(walk(0, 0, TABLE(0), 0xfee000b0, &gpa), -EINVAL);
	ck_assert_int_eq(walk(X86_CR4_PAE, EFER_LME, TABLE(0), 0xfee000b0, &gpa), -EINVAL);
	ck_assert_uint_eq(reads, 0);
	ck_assert_uint_eq(gpa, 0x1234);
}
END_TEST

/* A non-present entry at each of the four levels. */
START_TEST(not_present)
{
	u64 *slots[] = { &mem[0][511], &mem[1][511], &mem[2][0x1fa], &mem[3][0x1fd] };
	u64 gpa;

	map_apic_fixmap();
	/* Everything but P set: the walker must look at P itself. */
	*slots[_i] = ~P;
	ck_assert_int_eq(walk(0, EFER_LONG | EFER_NXE, TABLE(0), APIC_FIXMAP, &gpa), -EFAULT);
}
END_TEST

/* PS in a PML4 entry is reserved: there are no 512 GiB pages. */
START_TEST(no_pml4_large_page)
{
	u64 gpa;

	map_apic_fixmap();
	mem[0][511] = PS | RW | P;
	ck_assert_int_eq(walk(0, EFER_LONG, TABLE(0), APIC_FIXMAP, &gpa), -EFAULT);
}
END_TEST

/* A table the reader cannot read (not the root's RAM) fails the walk. */
START_TEST(unreadable_table)
{
	u64 gpa;

	map_apic_fixmap();
	mem[1][511] = 0x7000000ULL | RW | P;
	ck_assert_int_eq(walk(0, EFER_LONG, TABLE(0), APIC_FIXMAP, &gpa), -EFAULT);
}
END_TEST

Suite *x86_guest_suite(void)
{
	Suite *s = suite_create("x86 guest");
	TCase *tc = tcase_create("page walk");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, four_level_4k);
	tcase_add_test(tc, four_level_2m);
	tcase_add_test(tc, four_level_1g);
	tcase_add_test(tc, five_level);
	tcase_add_test(tc, no_paging);
	tcase_add_test(tc, legacy_paging_refused);
	tcase_add_loop_test(tc, not_present, 0, 4);
	tcase_add_test(tc, no_pml4_large_page);
	tcase_add_test(tc, unreadable_table);
	suite_add_tcase(s, tc);
	return s;
}
