// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall dispatch: a table indexed by code, each handler checks its own
 * arguments. Management calls are for the root cell only.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/header.h>
#include <bulkhead/page_alloc.h>

extern struct bulkhead_header hypervisor_header;

static long get_info(struct per_cpu *cpu, unsigned long type, unsigned long unused)
{
	switch (type) {
	case BULKHEAD_INFO_VERSION:
		return hypervisor_header.hv_version;
	case BULKHEAD_INFO_POOL_PAGES:
		return (long)mem_pool.pages;
	case BULKHEAD_INFO_POOL_USED:
		return (long)mem_pool.used_pages;
	case BULKHEAD_INFO_NUM_CELLS:
		return 1;
	case BULKHEAD_INFO_NUM_CPUS:
		return hypervisor_header.online_cpus;
	default:
		return -EINVAL;
	}
}

static long cpu_get_info(struct per_cpu *cpu, unsigned long cpu_id, unsigned long type)
{
	struct per_cpu *target;

	if (cpu_id >= hypervisor_header.max_cpus || !(cpu->cell->cpu_set & (1ULL << cpu_id)))
		return -EINVAL;
	target = per_cpu(cpu_id);
	if (type >= BULKHEAD_CPU_INFO_STAT_BASE &&
	    type < BULKHEAD_CPU_INFO_STAT_BASE + BULKHEAD_CPU_STAT_COUNT)
		return (long)target->stats[type - BULKHEAD_CPU_INFO_STAT_BASE];
	switch (type) {
	case BULKHEAD_CPU_INFO_STATE:
		return target->state;
	case BULKHEAD_CPU_INFO_MODE:
		/* Privilege state can only be read live on the CPU itself. */
		return target == cpu ? (long)arch_cpu_mode() : -EINVAL;
	case BULKHEAD_CPU_INFO_CELL:
		return target->cell->id;
	default:
		return -EINVAL;
	}
}

static long disable(struct per_cpu *cpu, unsigned long unused1, unsigned long unused2)
{
	return hypervisor_disable(cpu);
}

typedef long (*hypercall_fn)(struct per_cpu *cpu, unsigned long arg1, unsigned long arg2);

static const struct {
	hypercall_fn fn;
	bool root_only;
} hypercalls[BULKHEAD_HC_COUNT] = {
	[BULKHEAD_HC_DISABLE] = { disable, true },
	[BULKHEAD_HC_GET_INFO] = { get_info, false },
	[BULKHEAD_HC_CPU_GET_INFO] = { cpu_get_info, false },
};

long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1, unsigned long arg2)
{
	cpu->stats[BULKHEAD_CPU_STAT_HYPERCALL]++;
	if (code >= BULKHEAD_HC_COUNT || !hypercalls[code].fn)
		return -ENOSYS;
	if (hypercalls[code].root_only && cpu->cell != &root_cell)
		return -EPERM;
	return hypercalls[code].fn(cpu, arg1, arg2);
}
