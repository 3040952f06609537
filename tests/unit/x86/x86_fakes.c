// SPDX-License-Identifier: GPL-2.0
/* The hypervisor memory the x86 unit tests need: a page pool and its addresses. */
#include <stdlib.h>
#include <string.h>

#include <bulkhead/page_alloc.h>
#include <bulkhead/paging.h>

#include "../unit.h"
#include "x86_fakes.h"

static u8 *hv_memory;

void x86_pool_setup(void)
{
	hv_memory = aligned_alloc(PAGE_SIZE, X86_FAKE_HV_SIZE);
	ck_assert_ptr_nonnull(hv_memory);
	/* Dirty, so that a table used without being cleared shows. */
	memset(hv_memory, 0x5a, X86_FAKE_HV_SIZE);
	memset(&mem_pool, 0, sizeof(mem_pool));
	ck_assert_int_eq(page_pool_init(&mem_pool, hv_memory, X86_FAKE_HV_SIZE), 0);
}

void x86_pool_teardown(void)
{
	free(hv_memory);
	hv_memory = NULL;
}

u64 paging_hvirt2phys(const void *virt)
{
	const u8 *p = virt;

	ck_assert_msg(p >= hv_memory && p < hv_memory + X86_FAKE_HV_SIZE,
		      "hvirt2phys(%p): not hypervisor memory", virt);
	return X86_FAKE_HV_PHYS + (u64)(p - hv_memory);
}

void *paging_phys2hvirt(u64 phys)
{
	ck_assert_msg(phys >= X86_FAKE_HV_PHYS && phys < X86_FAKE_HV_PHYS + X86_FAKE_HV_SIZE,
		      "phys2hvirt(0x%llx): a table pointer outside the pool",
		      (unsigned long long)phys);
	return hv_memory + (phys - X86_FAKE_HV_PHYS);
}
