// SPDX-License-Identifier: GPL-2.0
/*
 * Page pool (hypervisor/page_alloc.c) on a host arena: a 4 MiB, 2 MiB
 * aligned block, as the hypervisor's own pool is 2 MiB aligned.
 */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/page_alloc.h>

#include "unit.h"

#define ARENA_SIZE	(4UL << 20)
#define ARENA_ALIGN	(2UL << 20)
#define ARENA_PAGES	(ARENA_SIZE / PAGE_SIZE)
/* 1024 pages need 128 bytes of bitmap: one page. */
#define BITMAP_PAGES	1UL

static struct page_pool pool;
static void *arena;

static void pool_setup(void)
{
	arena = aligned_alloc(ARENA_ALIGN, ARENA_SIZE);
	ck_assert_ptr_nonnull(arena);
	/* Dirty memory, so that zeroing by init and alloc is observable. */
	memset(arena, 0xa5, ARENA_SIZE);
	memset(&pool, 0, sizeof(pool));
	ck_assert_int_eq(page_pool_init(&pool, arena, ARENA_SIZE), 0);
}

static void pool_teardown(void)
{
	free(arena);
	arena = NULL;
}

static bool all_bytes(const void *mem, unsigned char val, size_t len)
{
	const unsigned char *p = mem;
	size_t n;

	for (n = 0; n < len; n++)
		if (p[n] != val)
			return false;
	return true;
}

START_TEST(test_init_layout)
{
	ck_assert_ptr_eq(pool.used, arena);
	ck_assert_ptr_eq(pool.base, (char *)arena + BITMAP_PAGES * PAGE_SIZE);
	ck_assert_uint_eq(pool.pages, ARENA_PAGES - BITMAP_PAGES);
	ck_assert_uint_eq(pool.used_pages, 0);
	ck_assert(all_bytes(pool.used, 0, BITMAP_PAGES * PAGE_SIZE));
}
END_TEST

START_TEST(test_init_too_small)
{
	struct page_pool small;
	void *mem = aligned_alloc(PAGE_SIZE, PAGE_SIZE);

	ck_assert_ptr_nonnull(mem);
	/* One page is all bitmap: nothing left to hand out. */
	ck_assert_int_ne(page_pool_init(&small, mem, PAGE_SIZE), 0);
	free(mem);
}
END_TEST

START_TEST(test_alloc_zeroed_distinct)
{
	char *a = page_alloc(&pool, 1, 1);
	char *b = page_alloc(&pool, 1, 1);

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_ne(a, b);
	ck_assert(a + PAGE_SIZE <= b || b + PAGE_SIZE <= a);
	ck_assert(all_bytes(a, 0, PAGE_SIZE));
	ck_assert(all_bytes(b, 0, PAGE_SIZE));
	ck_assert_uint_eq((unsigned long)a % PAGE_SIZE, 0);
	ck_assert(a >= (char *)pool.base && a < (char *)pool.base + pool.pages * PAGE_SIZE);
	ck_assert(b >= (char *)pool.base && b < (char *)pool.base + pool.pages * PAGE_SIZE);
}
END_TEST

START_TEST(test_used_pages)
{
	void *a, *b;

	a = page_alloc(&pool, 1, 1);
	ck_assert_uint_eq(pool.used_pages, 1);
	b = page_alloc(&pool, 3, 1);
	ck_assert_uint_eq(pool.used_pages, 4);
	page_free(&pool, a, 1);
	ck_assert_uint_eq(pool.used_pages, 3);
	page_free(&pool, b, 3);
	ck_assert_uint_eq(pool.used_pages, 0);
}
END_TEST

START_TEST(test_multi_page_aligned)
{
	char *one = page_alloc(&pool, 1, 1);
	char *two = page_alloc(&pool, 2, 2);
	char *big = page_alloc(&pool, 4, 16);

	ck_assert_ptr_nonnull(one);
	ck_assert_ptr_nonnull(two);
	ck_assert_ptr_nonnull(big);
	/* The pool starts one page into a 2 MiB aligned arena. */
	ck_assert_uint_eq((unsigned long)two % (2 * PAGE_SIZE), 0);
	ck_assert_uint_eq((unsigned long)big % (16 * PAGE_SIZE), 0);
	ck_assert(all_bytes(two, 0, 2 * PAGE_SIZE));
	ck_assert(all_bytes(big, 0, 4 * PAGE_SIZE));
	/* No overlap between the runs. */
	ck_assert(one + PAGE_SIZE <= two || two + 2 * PAGE_SIZE <= one);
	ck_assert(two + 2 * PAGE_SIZE <= big || big + 4 * PAGE_SIZE <= two);
	ck_assert(one + PAGE_SIZE <= big || big + 4 * PAGE_SIZE <= one);
	ck_assert_uint_eq(pool.used_pages, 7);
}
END_TEST

START_TEST(test_exhaustion)
{
	unsigned char bitmap[BITMAP_PAGES * PAGE_SIZE];
	void *all, *one;

	all = page_alloc(&pool, pool.pages - 1, 1);
	ck_assert_ptr_nonnull(all);
	one = page_alloc(&pool, 1, 1);
	ck_assert_ptr_nonnull(one);
	ck_assert_uint_eq(pool.used_pages, pool.pages);

	memcpy(bitmap, pool.used, sizeof(bitmap));
	ck_assert_ptr_null(page_alloc(&pool, 1, 1));
	ck_assert_ptr_null(page_alloc(&pool, 2, 2));
	ck_assert_uint_eq(pool.used_pages, pool.pages);
	ck_assert_mem_eq(bitmap, pool.used, sizeof(bitmap));

	/* One page back: exactly one more page can be had, at the same place. */
	page_free(&pool, one, 1);
	ck_assert_ptr_eq(page_alloc(&pool, 1, 1), one);
}
END_TEST

START_TEST(test_request_too_big)
{
	unsigned char bitmap[BITMAP_PAGES * PAGE_SIZE];

	memcpy(bitmap, pool.used, sizeof(bitmap));
	ck_assert_ptr_null(page_alloc(&pool, pool.pages + 1, 1));
	ck_assert_uint_eq(pool.used_pages, 0);
	ck_assert_mem_eq(bitmap, pool.used, sizeof(bitmap));
}
END_TEST

START_TEST(test_free_reuse)
{
	char *a = page_alloc(&pool, 1, 1);
	char *b = page_alloc(&pool, 1, 1);
	char *c;

	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	memset(a, 0x5a, PAGE_SIZE);
	page_free(&pool, a, 1);
	/* First fit: the freed page comes back, zeroed again. */
	c = page_alloc(&pool, 1, 1);
	ck_assert_ptr_eq(c, a);
	ck_assert(all_bytes(c, 0, PAGE_SIZE));
	ck_assert_uint_eq(pool.used_pages, 2);
}
END_TEST

START_TEST(test_free_null)
{
	unsigned char bitmap[BITMAP_PAGES * PAGE_SIZE];

	ck_assert_ptr_nonnull(page_alloc(&pool, 1, 1));
	memcpy(bitmap, pool.used, sizeof(bitmap));
	page_free(&pool, NULL, 1);
	ck_assert_uint_eq(pool.used_pages, 1);
	ck_assert_mem_eq(bitmap, pool.used, sizeof(bitmap));
}
END_TEST

START_TEST(test_bad_args)
{
	ck_assert_ptr_null(page_alloc(&pool, 0, 1));
	ck_assert_ptr_null(page_alloc(&pool, 1, 0));
	ck_assert_ptr_null(page_alloc(&pool, 1, 3));
	ck_assert_ptr_null(page_alloc(&pool, 2, 6));
	ck_assert_uint_eq(pool.used_pages, 0);
	ck_assert(all_bytes(pool.used, 0, BITMAP_PAGES * PAGE_SIZE));
}
END_TEST

Suite *page_alloc_suite(void)
{
	Suite *s = suite_create("page_alloc");
	TCase *tc = tcase_create("pool");

	tcase_add_checked_fixture(tc, pool_setup, pool_teardown);
	tcase_add_test(tc, test_init_layout);
	tcase_add_test(tc, test_init_too_small);
	tcase_add_test(tc, test_alloc_zeroed_distinct);
	tcase_add_test(tc, test_used_pages);
	tcase_add_test(tc, test_multi_page_aligned);
	tcase_add_test(tc, test_exhaustion);
	tcase_add_test(tc, test_request_too_big);
	tcase_add_test(tc, test_free_reuse);
	tcase_add_test(tc, test_free_null);
	tcase_add_test(tc, test_bad_args);
	suite_add_tcase(s, tc);
	return s;
}
