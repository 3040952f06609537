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

/* EPT-violation exit qualification (SDM table 28-7). */
#define EPT_QUAL_WRITE		BIT(1)
#define EPT_QUAL_FETCH		BIT(2)
/* Bits 5:3: what the entry allowed; all clear: nothing was mapped there. */
#define EPT_QUAL_ALLOWED	(BIT(3) | BIT(4) | BIT(5))
#define EPT_QUAL_NMI_UNBLOCKED	BIT(12)

enum ept_fault {
	/* The address was being remapped (break before make): access again. */
	EPT_FAULT_RETRY,
	/* Memory the root does not own, or a write it may not make: #GP. */
	EPT_FAULT_DENY,
	/* Denied while an event was being delivered: #DF. */
	EPT_FAULT_DOUBLE,
};

/**
 * What an EPT violation of the root with exit qualification @qual calls
 * for; @delivering: an event was being delivered (IDT-vectoring info
 * valid); @mapped_now: the root's EPT maps the address now.
 */
enum ept_fault ept_fault_action(u64 qual, bool delivering, bool mapped_now);

/** The access of an EPT violation, for reports: "read", "write" or "instruction fetch". */
const char *ept_fault_access(u64 qual);

#endif /* !_ASM_EPT_H */
