// SPDX-License-Identifier: BSD-2-Clause
/* Identity-map translation tables (lib/arm64/mmu-tables.c). */
#include <check.h>
#include "../../lib/arm64/mmu.h"

#define POOL		8
#define GIB		(1ULL << 30)
#define MIB		(1ULL << 20)

static uint64_t tables[POOL][MMU_ENTRIES] __attribute__((aligned(MMU_PAGE_SIZE)));
static struct mmu_pool pool;

/* Walks the tables like the MMU: the leaf descriptor for va and its level, or 0. */
static uint64_t walk(uint64_t va, unsigned int *level)
{
	uint64_t *table = tables[0], desc = 0, size;
	unsigned int l;

	for (l = 1; l <= 3; l++) {
		desc = table[(va >> (12 + 9 * (3 - l))) % MMU_ENTRIES];
		if (!(desc & MMU_DESC_VALID))
			return 0;
		if (l < 3 && (desc & MMU_DESC_TYPE_MASK) == MMU_DESC_TABLE) {
			table = (uint64_t *)(uintptr_t)(desc & MMU_ADDR_MASK);
			continue;
		}
		/* Level 3 knows only pages; a block must be aligned; identity. */
		size = 1ULL << (12 + 9 * (3 - l));
		ck_assert(l < 3 || (desc & MMU_DESC_TYPE_MASK) == MMU_DESC_PAGE);
		ck_assert_uint_eq(desc & MMU_ADDR_MASK & (size - 1), 0);
		ck_assert_uint_eq((desc & MMU_ADDR_MASK) + (va & (size - 1)), va);
		*level = l;
		return desc;
	}
	return 0;
}

/* The attribute bits va is mapped with, checking the level of its leaf. */
static uint64_t attrs_at(uint64_t va, unsigned int want_level)
{
	unsigned int level = 0;
	uint64_t desc = walk(va, &level);

	ck_assert_msg(desc, "0x%llx not mapped", (unsigned long long)va);
	ck_assert_uint_eq(level, want_level);
	return desc & MMU_ATTR_MASK;
}

static void setup(void)
{
	mmu_pool_init(&pool, tables, POOL);
}

START_TEST(empty_and_device)
{
	unsigned int level;

	ck_assert_uint_eq(walk(0, &level), 0);
	ck_assert_int_eq(mmu_map(&pool, 0, MMU_VA_LIMIT, MMU_DEVICE), 0);
	/* Four 1 GiB blocks, no tables. */
	ck_assert_uint_eq(attrs_at(0, 1), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x80000000, 1), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(MMU_VA_LIMIT - 1, 1), MMU_DEVICE);
	ck_assert_uint_eq(pool.used, 1);
}
END_TEST

START_TEST(cell_layout)
{
	/* The echo cell: image at 0, a channel at 256 MiB, read-only the feed at 512 MiB. */
	ck_assert_int_eq(mmu_map(&pool, 0, MMU_VA_LIMIT, MMU_DEVICE), 0);
	ck_assert_int_eq(mmu_map(&pool, 0, 0x9c000, MMU_NORMAL), 0);
	ck_assert_int_eq(mmu_map(&pool, 0x10000000, MIB, MMU_NORMAL | MMU_NO_EXEC), 0);
	ck_assert_int_eq(mmu_map(&pool, 0x20000000, 0x10000,
				 MMU_NORMAL | MMU_NO_EXEC | MMU_READ_ONLY), 0);
	/* Level 1, one level 2 for GiB 0, three level 3. */
	ck_assert_uint_eq(pool.used, 5);

	ck_assert_uint_eq(attrs_at(0, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x9bfff, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x9c000, 3), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x1fffff, 3), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x200000, 2), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x08000000, 2), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x0fffffff, 2), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x10000000, 3), MMU_NORMAL | MMU_NO_EXEC);
	ck_assert_uint_eq(attrs_at(0x100fffff, 3), MMU_NORMAL | MMU_NO_EXEC);
	ck_assert_uint_eq(attrs_at(0x10100000, 3), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x2000f000, 3), MMU_NORMAL | MMU_NO_EXEC | MMU_READ_ONLY);
	ck_assert_uint_eq(attrs_at(0x20010000, 3), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x80000000, 1), MMU_DEVICE);
}
END_TEST

START_TEST(large_blocks)
{
	ck_assert_int_eq(mmu_map(&pool, 0, MMU_VA_LIMIT, MMU_DEVICE), 0);
	/* 2 MiB-aligned: 2 MiB blocks in one level-2 table. */
	ck_assert_int_eq(mmu_map(&pool, 0x40000000, 4 * MIB, MMU_NORMAL), 0);
	ck_assert_uint_eq(attrs_at(0x40000000, 2), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x403fffff, 2), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x40400000, 2), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x3fffffff, 1), MMU_DEVICE);
	/* A whole GiB becomes a block again. */
	ck_assert_int_eq(mmu_map(&pool, 0x80000000, GIB, MMU_NORMAL), 0);
	ck_assert_uint_eq(attrs_at(0x80000000, 1), MMU_NORMAL);
	ck_assert_uint_eq(pool.used, 2);
}
END_TEST

START_TEST(unaligned_and_overlay)
{
	ck_assert_int_eq(mmu_map(&pool, 0, MMU_VA_LIMIT, MMU_DEVICE), 0);
	/* Widened to whole pages. */
	ck_assert_int_eq(mmu_map(&pool, 0x40200800, 0x1000, MMU_NORMAL), 0);
	ck_assert_uint_eq(attrs_at(0x401ff000, 2), MMU_DEVICE);
	ck_assert_uint_eq(attrs_at(0x40200000, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x40201fff, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x40202000, 3), MMU_DEVICE);
	/* A second range in the same 2 MiB reuses its table. */
	ck_assert_int_eq(mmu_map(&pool, 0x40300000, 0x1000, MMU_NORMAL | MMU_READ_ONLY), 0);
	ck_assert_uint_eq(attrs_at(0x40300000, 3), MMU_NORMAL | MMU_READ_ONLY);
	ck_assert_uint_eq(attrs_at(0x40201000, 3), MMU_NORMAL);
	ck_assert_uint_eq(pool.used, 3);
	/* Across a 2 MiB boundary: two level-3 tables. */
	ck_assert_int_eq(mmu_map(&pool, 0x405ff000, 0x2000, MMU_NORMAL), 0);
	ck_assert_uint_eq(attrs_at(0x405ff000, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x40600000, 3), MMU_NORMAL);
	ck_assert_uint_eq(attrs_at(0x40601000, 3), MMU_DEVICE);
	ck_assert_uint_eq(pool.used, 5);
	/* Nothing to map. */
	ck_assert_int_eq(mmu_map(&pool, 0x50000000, 0, MMU_NORMAL), 0);
	ck_assert_uint_eq(attrs_at(0x50000000, 2), MMU_DEVICE);
}
END_TEST

START_TEST(limits)
{
	struct mmu_pool small;

	ck_assert_int_eq(mmu_map(&pool, MMU_VA_LIMIT - 0x1000, 0x2000, MMU_NORMAL), -1);
	ck_assert_int_eq(mmu_map(&pool, MMU_VA_LIMIT, 0x1000, MMU_NORMAL), -1);
	ck_assert_int_eq(mmu_map(&pool, ~0ULL - 0xfff, 0x2000, MMU_NORMAL), -1);
	ck_assert_int_eq(mmu_map(&pool, MMU_VA_LIMIT - 0x1000, 0x1000, MMU_NORMAL), 0);
	/* Level 1 and 2 fit, level 3 does not. */
	mmu_pool_init(&small, tables, 2);
	ck_assert_int_eq(mmu_map(&small, 0x1000, 0x1000, MMU_NORMAL), -1);
	ck_assert_uint_eq(small.used, 2);
}
END_TEST

Suite *mmu_suite(void)
{
	Suite *suite = suite_create("mmu");
	TCase *tc = tcase_create("tables");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, empty_and_device);
	tcase_add_test(tc, cell_layout);
	tcase_add_test(tc, large_blocks);
	tcase_add_test(tc, unaligned_and_overlay);
	tcase_add_test(tc, limits);
	suite_add_tcase(suite, tc);
	return suite;
}
