// SPDX-License-Identifier: GPL-2.0
/*
 * Structure offsets for the assembly code, extracted at build time into
 * include/generated/asm-defines.h so that entry.S never hard-codes them.
 */
#include <bulkhead/control.h>
#include <bulkhead/header.h>
#include <asm/traps.h>

#define DEFINE(sym, val) asm volatile("\n.ascii \"->" #sym " %0\"" : : "i"((unsigned long)(val)))

void asm_defines(void);

void asm_defines(void)
{
	DEFINE(HEADER_MAX_CPUS, offsetof(struct bulkhead_header, max_cpus));
	DEFINE(HEADER_CORE_SIZE, offsetof(struct bulkhead_header, core_size));
	DEFINE(HEADER_CONFIG_SIZE, offsetof(struct bulkhead_header, config_size));
	DEFINE(HEADER_ARCH_RETURN, offsetof(struct bulkhead_header, arch_return));
	DEFINE(CONFIG_HV_MEM_SIZE, sizeof(struct bulkhead_config_header) +
				   offsetof(struct bulkhead_system, hypervisor_memory.size));
	DEFINE(PERCPU_SIZE, sizeof(struct per_cpu));
	DEFINE(PERCPU_SAVED, offsetof(struct per_cpu, arch.saved));
	/* The top of the boot tables' pages: the stack for faults at EL2. */
	DEFINE(PERCPU_FAULT_STACK, offsetof(struct per_cpu, arch.boot_pt) +
				   sizeof(((struct per_cpu *)0)->arch.boot_pt));
	DEFINE(SAVED_SCTLR, offsetof(struct arch_saved_el2, sctlr));
	DEFINE(SAVED_HCR, offsetof(struct arch_saved_el2, hcr));
	DEFINE(SAVED_CPTR, offsetof(struct arch_saved_el2, cptr));
	DEFINE(SAVED_MDCR, offsetof(struct arch_saved_el2, mdcr));
	DEFINE(SAVED_CNTHCTL, offsetof(struct arch_saved_el2, cnthctl));
	DEFINE(SAVED_VTCR, offsetof(struct arch_saved_el2, vtcr));
	DEFINE(SAVED_VTTBR, offsetof(struct arch_saved_el2, vttbr));
	DEFINE(SAVED_HSTR, offsetof(struct arch_saved_el2, hstr));
	DEFINE(FRAME_SIZE, sizeof(struct trap_frame));
	DEFINE(ENTRY_CODE, BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_ENTER);
}
