// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall dispatch: a table indexed by code, each handler checks its own
 * arguments. Management calls are for the root cell only.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/tracing.h>

static long get_info(struct per_cpu *cpu, unsigned long type, unsigned long unused)
{
	u64 scrub[2];

	/* How full our memory is tells a cell about others: the root's business. */
	if (cpu->cell != &root_cell && type != BULKHEAD_INFO_VERSION &&
	    type != BULKHEAD_INFO_NUM_CPUS)
		return -EPERM;
	switch (type) {
	case BULKHEAD_INFO_VERSION:
		return hypervisor_header.hv_version;
	case BULKHEAD_INFO_POOL_PAGES:
		return (long)mem_pool.pages;
	case BULKHEAD_INFO_POOL_USED:
		return (long)mem_pool.used_pages;
	case BULKHEAD_INFO_NUM_CELLS:
		return cell_count();
	case BULKHEAD_INFO_MAX_CELLS:
		return system_desc()->max_cells;
	case BULKHEAD_INFO_ENABLE_INIT_NS:
	case BULKHEAD_INFO_ENABLE_NS:
		return (long)enable_time_ns(type == BULKHEAD_INFO_ENABLE_INIT_NS);
	case BULKHEAD_INFO_NUM_CPUS:
		return hypervisor_header.online_cpus;
	case BULKHEAD_INFO_SCRUB_BYTES:
	case BULKHEAD_INFO_SCRUB_NS:
		cell_scrub_stats(&scrub[0], &scrub[1]);
		return (long)scrub[type == BULKHEAD_INFO_SCRUB_NS];
	default:
		return -EINVAL;
	}
}

static long cpu_get_info(struct per_cpu *cpu, unsigned long cpu_id, unsigned long type)
{
	struct per_cpu *target;

	/* The root manages every CPU; a cell only sees its own. */
	if (cpu_id >= hypervisor_header.max_cpus ||
	    (cpu->cell != &root_cell && !(cpu->cell->cpu_set & BIT_ULL(cpu_id))))
		return -EINVAL;
	target = per_cpu(cpu_id);
	/* A possible CPU that was offline at enable never entered. */
	if (!target->cell)
		return -ENODEV;
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

static long create(struct per_cpu *cpu, unsigned long config, unsigned long size)
{
	return cell_create(config, size);
}

static long check(struct per_cpu *cpu, unsigned long config, unsigned long size)
{
	return cell_check(config, size);
}

static long set_loadable(struct per_cpu *cpu, unsigned long id, unsigned long unused)
{
	return cell_set_loadable(id);
}

static long set_boot(struct per_cpu *cpu, unsigned long id, unsigned long params)
{
	return cell_set_boot(id, params);
}

static long start(struct per_cpu *cpu, unsigned long id, unsigned long unused)
{
	return cell_start(id);
}

static long shutdown(struct per_cpu *cpu, unsigned long id, unsigned long unused)
{
	return cell_shutdown(id);
}

static long destroy(struct per_cpu *cpu, unsigned long id, unsigned long unused)
{
	return cell_destroy(id);
}

static long get_cell_info(struct per_cpu *cpu, unsigned long id, unsigned long type)
{
	return cell_get_info(cpu, id, type);
}

/* Up to 8 bytes in one register: cheap enough for a debug console. */
static long console_write_bytes(struct per_cpu *cpu, unsigned long bytes, unsigned long unused)
{
	char text[8];
	size_t len;

	for (len = 0; len < sizeof(text) && (bytes & 0xff); len++, bytes >>= 8)
		text[len] = (char)(bytes & 0xff);
	cell_console_write(cpu->cell, text, len);
	return 0;
}

static long cpu_fault(struct per_cpu *cpu, unsigned long esr, unsigned long pc)
{
	cell_fail_cpu(cpu, BULKHEAD_FAULT_EXCEPTION, 0, pc, esr);
	return 0;
}

static long ring(struct per_cpu *cpu, unsigned long index, unsigned long unused)
{
	return channel_ring(cpu, index);
}

static long get_channel_info(struct per_cpu *cpu, unsigned long which, unsigned long type)
{
	return cell_channel_get_info(cpu, which, type);
}

/* x1: the cell's id in bits 31:0, the number of bytes in 63:32; x2: the bytes. */
static long console_input(struct per_cpu *cpu, unsigned long target, unsigned long bytes)
{
	return cell_console_input(target & 0xffffffffUL, target >> 32, bytes);
}

static long read_events(struct per_cpu *cpu, unsigned long page, unsigned long first_seq)
{
	return events_read(page, first_seq);
}

/* x1: the cell's id in bits 31:0, the operation (BULKHEAD_UPDATE_*) in 63:32. */
static long update(struct per_cpu *cpu, unsigned long target, unsigned long arg)
{
	return cell_update(target & 0xffffffffUL, target >> 32, arg);
}

typedef long (*hypercall_fn)(struct per_cpu *cpu, unsigned long arg1, unsigned long arg2);

#define ROOT	1	/* the root cell may call it */
#define CELLS	2	/* other cells may call it */

static const struct {
	hypercall_fn fn;
	unsigned int callers;
} hypercalls[BULKHEAD_HC_COUNT] = {
	[BULKHEAD_HC_DISABLE] = { disable, ROOT },
	[BULKHEAD_HC_GET_INFO] = { get_info, ROOT | CELLS },
	[BULKHEAD_HC_CPU_GET_INFO] = { cpu_get_info, ROOT | CELLS },
	[BULKHEAD_HC_CELL_CREATE] = { create, ROOT },
	[BULKHEAD_HC_CELL_SET_LOADABLE] = { set_loadable, ROOT },
	[BULKHEAD_HC_CELL_START] = { start, ROOT },
	[BULKHEAD_HC_CELL_SHUTDOWN] = { shutdown, ROOT },
	[BULKHEAD_HC_CELL_DESTROY] = { destroy, ROOT },
	[BULKHEAD_HC_CELL_GET_INFO] = { get_cell_info, ROOT | CELLS },
	[BULKHEAD_HC_CONSOLE_WRITE] = { console_write_bytes, ROOT | CELLS },
	[BULKHEAD_HC_CPU_FAULT] = { cpu_fault, CELLS },
	[BULKHEAD_HC_CHANNEL_RING] = { ring, ROOT | CELLS },
	[BULKHEAD_HC_CHANNEL_GET_INFO] = { get_channel_info, ROOT | CELLS },
	[BULKHEAD_HC_CELL_CHECK] = { check, ROOT },
	[BULKHEAD_HC_CELL_SET_BOOT] = { set_boot, ROOT },
	[BULKHEAD_HC_CONSOLE_INPUT] = { console_input, ROOT },
	[BULKHEAD_HC_EVENTS_READ] = { read_events, ROOT },
	[BULKHEAD_HC_CELL_UPDATE] = { update, ROOT },
	[BULKHEAD_HC_TRACE] = { trace_hypercall, ROOT },
};

/*
 * The root gets -ENOSYS/-EPERM for what it may not call; any other cell
 * that tries is stopped, as for any other access outside its rights.
 */
long hypercall(struct per_cpu *cpu, unsigned long code, unsigned long arg1, unsigned long arg2)
{
	bool root = cpu->cell == &root_cell;

	cpu->stats[BULKHEAD_CPU_STAT_HYPERCALL]++;
#ifdef BULKHEAD_TEST_FAULTS
	if (code == BULKHEAD_HC_TEST_FAULT && root)
		return test_fault(cpu, arg1);
#endif
	if (code < BULKHEAD_HC_COUNT && hypercalls[code].fn &&
	    (hypercalls[code].callers & (root ? ROOT : CELLS)))
		return hypercalls[code].fn(cpu, arg1, arg2);
	if (!root)
		cell_fail_cpu(cpu, BULKHEAD_FAULT_HYPERCALL, 0, arch_exit_pc(), code);
	return code < BULKHEAD_HC_COUNT && hypercalls[code].fn ? -EPERM : -ENOSYS;
}
