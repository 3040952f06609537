// SPDX-License-Identifier: GPL-2.0
/*
 * x86: the PC as the driver sees it (driver/arch.h). Only the root cell
 * exists on x86 so far: interrupts for doorbells and hypervisor events,
 * and devices taken from Linux for a cell, are refused or absent here, as
 * the hypervisor refuses cells other than the root. The hypervisor's trace
 * clock is the TSC.
 */
#include <linux/sizes.h>
#include <asm/msr.h>

#include "bulkhead.h"

const struct bulkhead_arch_desc bulkhead_arch = {
	.id = BULKHEAD_ARCH_X86_64,
	.name = "x86",
	/* The hypervisor maps itself with 2 MiB pages. */
	.hv_mem_align = SZ_2M,
	.hv_mem_max = SZ_1G,
	/* The driver's boot page tables map it below 4 GiB. */
	.hv_mem_limit = SZ_4G,
	.reserve_hint = "mem=768M on the Bochs PC, or memmap=SIZE$START",
	.trap_detail = "exit reason",
	.disable_needs_root_cpus_online = true,
};

int bulkhead_arch_map_irq(unsigned int intid, const char *what, bool *created)
{
	pr_err("bulkhead: %s: interrupt %u: x86 has no doorbell or event interrupts yet "
	       "(set it to 0)\n", what, intid);
	return -EOPNOTSUPP;
}

/*
 * No cell owns an interrupt on x86 yet: the hypervisor refuses such a
 * config at BULKHEAD_HC_CELL_CHECK, before the driver asks this.
 */
unsigned int bulkhead_arch_irq_in_use(unsigned int intid)
{
	return 0;
}

/* Cells take platform devices only; PCI devices stay with the root for now. */
const struct bulkhead_arch_bus bulkhead_arch_buses[] = {};
const unsigned int bulkhead_arch_num_buses;

u64 bulkhead_arch_counter(void)
{
	return rdtsc_ordered();
}
