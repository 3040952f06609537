/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Extended page tables: the format is cell_paging_format (bulkhead/paging.h);
 * what VMX needs besides.
 */
#ifndef _ASM_EPT_H
#define _ASM_EPT_H

#include <bulkhead/paging.h>
#include <asm/vmx.h>

/** The EPT pointer (VMCS field EPT_POINTER) for the tables of @ept. */
u64 ept_pointer(const struct paging_structure *ept);

/**
 * The first EPT feature this hypervisor needs that @ept_vpid_cap (the
 * IA32_VMX_EPT_VPID_CAP MSR) lacks, as words for an error message, or
 * NULL if it has them all.
 */
const char *ept_missing_feature(u64 ept_vpid_cap);

#endif /* !_ASM_EPT_H */
