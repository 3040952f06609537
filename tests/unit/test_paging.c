// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table walker (hypervisor/paging.c) with the arm64 descriptor formats
 * (hypervisor/arch/arm64/mmu.c). Tables come from mem_pool, carved out of the
 * host arena that plays the hypervisor's memory (hv_fakes.c): pool pages are
 * addressed through the arena, tables hold its "physical" addresses.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/page_alloc.h>
#include <bulkhead/paging.h>
#include <asm/mmu.h>

#include "hv_fakes.h"
#include "unit.h"

#define SZ_4K		0x1000UL
#define SZ_2M		0x200000UL
#define SZ_1G		0x40000000UL

#define RW		(PAGING_READ | PAGING_WRITE)
#define RX		(PAGING_READ | PAGING_EXECUTE)
#define RWX		(PAGING_READ | PAGING_WRITE | PAGING_EXECUTE)
#define IO_RW		(PAGING_READ | PAGING_WRITE | PAGING_DEVICE)

/* The formats under test, picked by the loop index of the loop tests. */
static const struct paging_format *const formats[] = {
	&hv_paging_format,
	&cell_paging_format,
};

/*
 * The descriptor that maps @virt, walked with the format's own callbacks,
 * independent of paging_translate(). NULL if unmapped; @level gets its level.
 */
static u64 *leaf_entry(const struct paging_structure *ps, u64 virt, unsigned int *level)
{
	const struct paging_format *fmt = ps->fmt;
	unsigned int entries = PAGING_ENTRIES * fmt->root_tables;
	u64 *table = ps->root, *entry;
	unsigned int l;

	for (l = fmt->start_level; l < PAGING_LEVELS; l++) {
		entry = &table[(virt >> PAGING_LEVEL_SHIFT(l)) & (entries - 1)];
		if (!fmt->is_valid(*entry))
			return NULL;
		if (!fmt->is_table(*entry, l)) {
			*level = l;
			return entry;
		}
		/* A table descriptor holds a 4 KiB aligned table address. */
		table = paging_phys2hvirt(*entry & 0x0000fffffffff000ULL);
		entries = PAGING_ENTRIES;
	}
	ck_abort_msg("table descriptor at the last level for 0x%llx", (unsigned long long)virt);
	return NULL;
}

static void assert_maps(const struct paging_structure *ps, u64 virt, u64 phys)
{
	u64 got = ~0ULL;

	ck_assert_msg(paging_translate(ps, virt, &got), "0x%llx not mapped",
		      (unsigned long long)virt);
	ck_assert_msg(got == phys, "0x%llx maps to 0x%llx, expected 0x%llx",
		      (unsigned long long)virt, (unsigned long long)got,
		      (unsigned long long)phys);
}

static void assert_unmapped(const struct paging_structure *ps, u64 virt)
{
	u64 got = 0;

	ck_assert_msg(!paging_translate(ps, virt, &got), "0x%llx unexpectedly maps to 0x%llx",
		      (unsigned long long)virt, (unsigned long long)got);
}

/* First, middle and last byte of a mapped range. */
static void assert_range(const struct paging_structure *ps, u64 virt, u64 phys, u64 size)
{
	assert_maps(ps, virt, phys);
	assert_maps(ps, virt + size / 2, phys + size / 2);
	assert_maps(ps, virt + size - 1, phys + size - 1);
}

START_TEST(test_create)
{
	const struct paging_format *fmt = formats[_i];
	struct paging_structure ps;
	unsigned long n;

	ck_assert_int_eq(paging_create(&ps, fmt), 0);
	ck_assert_ptr_eq(ps.fmt, fmt);
	ck_assert_ptr_nonnull(ps.root);
	ck_assert_uint_eq(mem_pool.used_pages, fmt->root_tables);
	/* Concatenated stage-2 roots must be aligned to their total size. */
	ck_assert_uint_eq(paging_hvirt2phys(ps.root) % (fmt->root_tables * PAGE_SIZE), 0);
	for (n = 0; n < PAGING_ENTRIES * fmt->root_tables; n++)
		ck_assert(!fmt->is_valid(ps.root[n]));
	assert_unmapped(&ps, 0);
	paging_destroy(&ps);
	ck_assert_ptr_null(ps.root);
	ck_assert_uint_eq(mem_pool.used_pages, 0);
}
END_TEST

/*
 * What the hypervisor maps for itself at boot (arch/arm64 setup): image
 * sections at HV_VIRT_BASE, the rest of its 16 MiB, the identity map of the
 * MMU switch code and the debug UART.
 */
START_TEST(test_hv_boot_sequence)
{
	struct paging_structure ps;

	ck_assert_int_eq(paging_create(&ps, &hv_paging_format), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000000000, 0x70000000, 0x1000, RW), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000001000, 0x70001000, 0x6000, RX), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000007000, 0x70007000, 0x1000, PAGING_READ), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000008000, 0x70008000, 0x01000000 - 0x8000, RW), 0);
	ck_assert_int_eq(paging_map(&ps, 0x70001000, 0x70001000, 0x6000, RX), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4040000000, 0x09000000, 0x1000,
				    RW | PAGING_DEVICE), 0);

	assert_range(&ps, 0x4000000000, 0x70000000, 0x1000);
	assert_range(&ps, 0x4000001000, 0x70001000, 0x6000);
	assert_range(&ps, 0x4000007000, 0x70007000, 0x1000);
	assert_range(&ps, 0x4000008000, 0x70008000, 0x01000000 - 0x8000);
	assert_maps(&ps, 0x40001fffff, 0x701fffff);
	assert_maps(&ps, 0x4000200000, 0x70200000);
	assert_range(&ps, 0x70001000, 0x70001000, 0x6000);
	assert_range(&ps, 0x4040000000, 0x09000000, 0x1000);

	assert_unmapped(&ps, 0x4001000000);
	assert_unmapped(&ps, 0x70000000);
	assert_unmapped(&ps, 0x70007000);
	assert_unmapped(&ps, 0x4040001000);
	assert_unmapped(&ps, 0x403fffffff);

	/* Root, then one level-2 and one level-3 table per 1 GiB slot used. */
	ck_assert_uint_eq(mem_pool.used_pages, 1 + 3 * 2);
	paging_destroy(&ps);
	ck_assert_uint_eq(mem_pool.used_pages, 0);
}
END_TEST

/* Descriptor bits (Arm ARM D8.3) that the tests check in raw entries. */
#define PTE_TYPE(e)		((e) & 3)
#define PTE_AF			(1ULL << 10)
#define PTE_XN			(1ULL << 54)
#define PTE_ADDR(e)		((e) & 0x0000fffffffff000ULL)
#define S1_ATTRIDX(e)		(((e) >> 2) & 7)
#define S1_AP_RO		(1ULL << 7)

START_TEST(test_hv_attributes)
{
	struct paging_structure ps;
	unsigned int level;
	u64 *e;

	ck_assert_int_eq(paging_create(&ps, &hv_paging_format), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000000000, 0x70000000, SZ_4K, RW), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000001000, 0x70001000, SZ_4K, RX), 0);
	ck_assert_int_eq(paging_map(&ps, 0x4000002000, 0x09000000, SZ_4K, RW | PAGING_DEVICE), 0);

	e = leaf_entry(&ps, 0x4000000000, &level);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(level, 3);
	ck_assert_uint_eq(PTE_TYPE(*e), 3);
	ck_assert_uint_eq(PTE_ADDR(*e), 0x70000000);
	ck_assert(*e & PTE_AF);
	ck_assert(!(*e & S1_AP_RO));
	ck_assert(*e & PTE_XN);
	ck_assert_uint_eq(S1_ATTRIDX(*e), MAIR_NORMAL_IDX);

	e = leaf_entry(&ps, 0x4000001000, &level);
	ck_assert_ptr_nonnull(e);
	ck_assert(*e & S1_AP_RO);
	ck_assert(!(*e & PTE_XN));
	ck_assert_uint_eq(S1_ATTRIDX(*e), MAIR_NORMAL_IDX);

	e = leaf_entry(&ps, 0x4000002000, &level);
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(PTE_ADDR(*e), 0x09000000);
	ck_assert_uint_eq(S1_ATTRIDX(*e), MAIR_DEVICE_IDX);
	ck_assert_uint_eq(MAIR_DEVICE_IDX, 1);
	ck_assert(*e & PTE_XN);
	paging_destroy(&ps);
}
END_TEST

Suite *paging_suite(void)
{
	Suite *s = suite_create("paging");
	TCase *tc = tcase_create("arm64");
	int nformats = sizeof(formats) / sizeof(formats[0]);

	tcase_add_checked_fixture(tc, hv_memory_setup, hv_memory_teardown);
	tcase_add_loop_test(tc, test_create, 0, nformats);
	tcase_add_test(tc, test_hv_boot_sequence);
	tcase_add_test(tc, test_hv_attributes);
	suite_add_tcase(s, tc);
	return s;
}
