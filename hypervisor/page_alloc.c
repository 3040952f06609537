// SPDX-License-Identifier: GPL-2.0
/*
 * Page pool: a bitmap over the hypervisor memory left after the image, the
 * config and the per-CPU areas. First fit is good enough: allocations are
 * page-table pages and cell structures, made at enable and cell create,
 * never on a trap's hot path.
 */
#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/string.h>

#define BITS_PER_LONG (8 * sizeof(unsigned long))

struct page_pool mem_pool;

static bool page_used(const struct page_pool *pool, unsigned long n)
{
	return pool->used[n / BITS_PER_LONG] & (1UL << (n % BITS_PER_LONG));
}

static void mark_pages(struct page_pool *pool, unsigned long first, unsigned long num, bool used)
{
	unsigned long n;

	for (n = first; n < first + num; n++) {
		if (used)
			pool->used[n / BITS_PER_LONG] |= 1UL << (n % BITS_PER_LONG);
		else
			pool->used[n / BITS_PER_LONG] &= ~(1UL << (n % BITS_PER_LONG));
	}
}

int page_pool_init(struct page_pool *pool, void *base, unsigned long size)
{
	unsigned long total = size / PAGE_SIZE;
	unsigned long bitmap_pages = ALIGN_UP(ALIGN_UP(total, 8) / 8, PAGE_SIZE) / PAGE_SIZE;

	if (total <= bitmap_pages)
		return -ENOMEM;
	pool->used = base;
	pool->base = (u8 *)base + bitmap_pages * PAGE_SIZE;
	pool->pages = total - bitmap_pages;
	pool->used_pages = 0;
	memset(pool->used, 0, bitmap_pages * PAGE_SIZE);
	return 0;
}

/*
 * First run of @num free pages whose address is a multiple of @align pages,
 * or -1UL. Hypervisor virtual and physical addresses are congruent modulo
 * 2 MiB, so virtual alignment gives physical alignment.
 */
static unsigned long find_free_run(const struct page_pool *pool, unsigned int num,
				   unsigned int align)
{
	unsigned long base_page = (unsigned long)pool->base / PAGE_SIZE;
	unsigned long start, n;

	for (start = (align - base_page % align) % align; start + num <= pool->pages;
	     start += align) {
		for (n = 0; n < num && !page_used(pool, start + n); n++)
			;
		if (n == num)
			return start;
	}
	return -1UL;
}

void *page_alloc(struct page_pool *pool, unsigned int num, unsigned int align)
{
	unsigned long start;
	void *pages = NULL;

	if (!num || !align || (align & (align - 1)))
		return NULL;
	spin_lock(&pool->lock);
	start = find_free_run(pool, num, align);
	if (start != -1UL) {
		mark_pages(pool, start, num, true);
		pool->used_pages += num;
		pages = (u8 *)pool->base + start * PAGE_SIZE;
	}
	spin_unlock(&pool->lock);
	if (pages)
		memset(pages, 0, num * PAGE_SIZE);
	return pages;
}

void page_free(struct page_pool *pool, void *page, unsigned int num)
{
	unsigned long first;

	if (!page)
		return;
	first = (unsigned long)((u8 *)page - (u8 *)pool->base) / PAGE_SIZE;
	spin_lock(&pool->lock);
	mark_pages(pool, first, num, false);
	pool->used_pages -= num;
	spin_unlock(&pool->lock);
}
