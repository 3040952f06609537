// SPDX-License-Identifier: GPL-2.0
/*
 * What VMX needs of the extended page tables besides their format
 * (cell_paging_format, mmu.c): the EPT pointer, the features it relies on,
 * and what a violation by the root calls for (the handler is in exits.c).
 */
#include <asm/ept.h>

/* EPTP: write-back paging structures, a 4-level walk (SDM 25.6.11). */
#define EPTP_MEMTYPE_WB		6ULL
#define EPTP_WALK_4		(3ULL << 3)

u64 ept_pointer(const struct paging_structure *ept)
{
	return paging_hvirt2phys(ept->root) | EPTP_WALK_4 | EPTP_MEMTYPE_WB;
}

const char *ept_missing_feature(u64 ept_vpid_cap)
{
	static const struct {
		u64 bit;
		const char *what;
	} needed[] = {
		{ EPT_CAP_WALK_4, "4-level EPT walks" },
		{ EPT_CAP_WB, "write-back EPT tables" },
		{ EPT_CAP_2M_PAGES, "2 MiB EPT pages" },
		/* cell_paging_format maps 1 GiB blocks (block_level 1). */
		{ EPT_CAP_1G_PAGES, "1 GiB EPT pages" },
		{ EPT_CAP_INVEPT, "INVEPT" },
		{ EPT_CAP_INVEPT_SINGLE, "single-context INVEPT" },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(needed); n++)
		if (!(ept_vpid_cap & needed[n].bit))
			return needed[n].what;
	return NULL;
}

/*
 * A violation where nothing was mapped can come from the window in which
 * the core breaks an entry before it makes it anew; then the address is
 * mapped again by the time the root's CPU asks. A violation of an entry
 * that was there (some access allowed) never is such a window.
 */
enum ept_fault ept_fault_action(u64 qual, bool delivering, bool mapped_now)
{
	if (!(qual & EPT_QUAL_ALLOWED) && mapped_now)
		return EPT_FAULT_RETRY;
	return delivering ? EPT_FAULT_DOUBLE : EPT_FAULT_DENY;
}

const char *ept_fault_access(u64 qual)
{
	if (qual & EPT_QUAL_FETCH)
		return "instruction fetch";
	return qual & EPT_QUAL_WRITE ? "write" : "read";
}
