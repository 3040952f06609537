/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BULKHEAD_PAGE_ALLOC_H
#define _BULKHEAD_PAGE_ALLOC_H

#include <bulkhead/types.h>
#include <asm/percpu.h>
#include <asm/spinlock.h>

/* A run of pages handed out one or several at a time; used[] is a bitmap. */
struct page_pool {
	void *base;
	unsigned long pages;
	unsigned long used_pages;
	unsigned long *used;
	spinlock_t lock;
};

extern struct page_pool mem_pool;

/**
 * Carves a pool out of [base, base + size): the bitmap goes at the start,
 * the rest is handed out. Returns 0 or -ENOMEM if no page would be left.
 */
int page_pool_init(struct page_pool *pool, void *base, unsigned long size);

/** @num zeroed, contiguous pages aligned to @align pages (a power of 2), or NULL. */
void *page_alloc(struct page_pool *pool, unsigned int num, unsigned int align);

/** Returns pages from page_alloc(); NULL is ignored. */
void page_free(struct page_pool *pool, void *page, unsigned int num);

#endif /* !_BULKHEAD_PAGE_ALLOC_H */
