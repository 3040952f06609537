// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's trace: one ring per CPU from the page pool, mapped
 * read-only into the root where it lies, and a mask per cell saying which
 * classes of its events are kept (bulkhead/trace.h, bulkhead/tracing.h).
 *
 * Each CPU writes its own ring only, with interrupts masked at EL2: one
 * producer, no lock on the record path. The rings, the masks and the CPUs'
 * active classes change under trace_lock, so that the rings never go while
 * a CPU may still write them: RELEASE waits for every CPU to drop its mask.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>
#include <bulkhead/printk.h>
#include <bulkhead/trace.h>
#include <bulkhead/tracing.h>

#define OP_MASK			0xffUL
#define OP_ARG_SHIFT		16
#define OP_ARG_MASK		0xffffUL
/* Bits of x1 that are neither the operation nor its argument. */
#define OP_RESERVED		(~(OP_MASK | (OP_ARG_MASK << OP_ARG_SHIFT)))
#define RECORDS_PER_PAGE	(PAGE_SIZE / BULKHEAD_TRACE_RECORD_SIZE)

BUILD_BUG_ON(sizeof(struct bulkhead_trace_record) != BULKHEAD_TRACE_RECORD_SIZE);
BUILD_BUG_ON(sizeof(struct bulkhead_trace_ring) > BULKHEAD_TRACE_RING_HEADER);
BUILD_BUG_ON(BULKHEAD_TRACE_RING_HEADER != PAGE_SIZE);

/* Guards rings, ring_pages, new_cells_mask, the cells' masks and the CPUs' trace.active. */
static spinlock_t trace_lock;
/* Per CPU: header page, then ring_pages pages of records; NULL before SETUP. */
static struct bulkhead_trace_ring *rings[BULKHEAD_MAX_CPUS];
static unsigned int ring_pages;
static u32 new_cells_mask;

static struct bulkhead_trace_record *ring_records(struct bulkhead_trace_ring *ring)
{
	return (void *)((u8 *)ring + BULKHEAD_TRACE_RING_HEADER);
}

/*
 * A record's slot is marked unwritten (seq 0) before its fields change, so
 * that a reader who copied it meanwhile and checks seq again sees the tear.
 */
void trace_write(struct per_cpu *cpu, u8 type, u8 reason, u16 cell, u64 time, u64 detail,
		 u32 value)
{
	struct bulkhead_trace_ring *ring = rings[cpu->id];
	u64 head = ring->head;
	struct bulkhead_trace_record *record = &ring_records(ring)[head % ring->capacity];

	__atomic_store_n(&record->seq, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	record->time = time;
	record->detail = detail;
	record->value = value;
	record->cell = cell;
	record->type = type;
	record->reason = reason;
	__atomic_store_n(&record->seq, head + 1, __ATOMIC_RELEASE);
	__atomic_store_n(&ring->head, head + 1, __ATOMIC_RELEASE);
}

static u32 clamp_ticks(u64 ticks)
{
	return ticks > 0xffffffffULL ? 0xffffffffU : (u32)ticks;
}

void trace_exit_begin(struct per_cpu *cpu, u64 start, unsigned int reason, u64 detail)
{
	cpu->trace.exit_open = true;
	cpu->trace.exit_start = start;
	cpu->trace.exit_reason = (u8)reason;
	cpu->trace.exit_detail = detail;
	cpu->trace.exit_cell = (u16)cpu->cell->id;
}

void trace_exit_end(struct per_cpu *cpu, u64 end)
{
	if (!cpu->trace.exit_open)
		return;
	cpu->trace.exit_open = false;
	if (cpu->trace.active & BULKHEAD_TRACE_CLASS_EXIT)
		trace_write(cpu, BULKHEAD_TRACE_EXIT, cpu->trace.exit_reason, cpu->trace.exit_cell,
			    cpu->trace.exit_start, cpu->trace.exit_detail,
			    clamp_ticks(end - cpu->trace.exit_start));
}

/* No cell or channel on the other side of a doorbell (BULKHEAD_TRACE_DOORBELL's detail). */
#define NO_PEER		0xffff

void trace_hypercall_done(struct per_cpu *cpu, unsigned long index, long result)
{
	unsigned int peer_id = NO_PEER, peer_index = NO_PEER;

	if (!cpu->trace.exit_open || cpu->trace.exit_reason != BULKHEAD_EXIT_HYPERCALL ||
	    (cpu->trace.exit_detail & 0xffff) != BULKHEAD_HC_CHANNEL_RING ||
	    !(cpu->trace.active & BULKHEAD_TRACE_CLASS_DOORBELL))
		return;
	channel_peer(cpu->cell, index, &peer_id, &peer_index);
	trace_write(cpu, BULKHEAD_TRACE_DOORBELL, (u8)index, cpu->trace.exit_cell, arch_counter(),
		    peer_id | (u64)peer_index << 16 | (u64)(u32)result << 32, 0);
}

/* Under trace_lock: the calling @cpu records @mask from now on. */
static void set_active(struct per_cpu *cpu, u32 mask)
{
	cpu->trace.active = rings[cpu->id] ? mask : 0;
	arch_trace_vectors(cpu->trace.active & TRACE_CLASSES_ON_EXIT);
}

void trace_cpu_sync(struct per_cpu *cpu)
{
	spin_lock(&trace_lock);
	cpu->trace.resync = false;
	set_active(cpu, cpu->cell->trace_mask);
	spin_unlock(&trace_lock);
}

void trace_cpu_stop(struct per_cpu *cpu)
{
	trace_exit_end(cpu, arch_counter());
	spin_lock(&trace_lock);
	set_active(cpu, 0);
	spin_unlock(&trace_lock);
}

void trace_cell_created(struct cell *cell)
{
	spin_lock(&trace_lock);
	cell->trace_mask = new_cells_mask;
	spin_unlock(&trace_lock);
}

static u32 event_class(u32 type)
{
	switch (type) {
	case BULKHEAD_EVENT_FAULT:
	case BULKHEAD_EVENT_WATCHDOG:
	case BULKHEAD_EVENT_RESTARTED:
	case BULKHEAD_EVENT_GAVE_UP:
	case BULKHEAD_EVENT_IMAGE_REFUSED:
		return BULKHEAD_TRACE_CLASS_HEALTH;
	default:
		return BULKHEAD_TRACE_CLASS_STATE;
	}
}

void trace_cell_event(struct cell *cell, u32 type, u64 detail, u64 detail2)
{
	struct per_cpu *cpu = this_cpu();

	spin_lock(&trace_lock);
	if (rings[cpu->id] && (cell->trace_mask & event_class(type)))
		trace_write(cpu, BULKHEAD_TRACE_CELL_EVENT, (u8)type, (u16)cell->id,
			    arch_counter(), detail, (u32)detail2);
	spin_unlock(&trace_lock);
}

static void free_rings(void)
{
	unsigned int id;

	for (id = 0; id < hypervisor_header.max_cpus; id++) {
		if (rings[id])
			paging_unmap(&root_cell.stage2, paging_hvirt2phys(rings[id]),
				     (1 + ring_pages) * PAGE_SIZE);
		page_free(&mem_pool, rings[id], 1 + ring_pages);
		rings[id] = NULL;
	}
	arch_cell_flush_tlb(&root_cell);
	ring_pages = 0;
}

/* Under manager_lock (the root's stage 2) and trace_lock. */
static long setup(unsigned long pages)
{
	struct bulkhead_trace_ring *ring;
	unsigned int id;

	if (pages < 1 || pages > BULKHEAD_TRACE_MAX_PAGES) {
		printk("bulkhead: trace setup: %lu pages per CPU (1..%u)\n", pages,
		       BULKHEAD_TRACE_MAX_PAGES);
		return -EINVAL;
	}
	if (ring_pages) {
		if (pages == ring_pages)
			return 0;
		printk("bulkhead: trace setup: rings of %u pages exist (asked %lu): "
		       "release them first\n", ring_pages, pages);
		return -EBUSY;
	}
	ring_pages = (unsigned int)pages;
	for (id = 0; id < hypervisor_header.max_cpus; id++) {
		ring = page_alloc(&mem_pool, 1 + ring_pages, 1);
		/* Kept at once: free_rings() also unmaps what a failed map left mapped. */
		rings[id] = ring;
		if (!ring ||
		    paging_map(&root_cell.stage2, paging_hvirt2phys(ring), paging_hvirt2phys(ring),
			       (1 + ring_pages) * PAGE_SIZE, PAGING_READ)) {
			free_rings();
			printk("bulkhead: trace setup: out of hypervisor memory for %u rings "
			       "of %lu pages (pool %lu of %lu pages used)\n",
			       hypervisor_header.max_cpus, pages + 1, mem_pool.used_pages,
			       mem_pool.pages);
			return -ENOMEM;
		}
		ring->capacity = ring_pages * RECORDS_PER_PAGE;
		ring->cpu = id;
		ring->counter_hz = arch_counter_freq();
	}
	return 0;
}

/* The mask of cell @id or NEW_CELLS; NULL (printed) if there is no such cell. */
static u32 *mask_of(unsigned long id)
{
	struct cell *cell;

	if (id == BULKHEAD_TRACE_NEW_CELLS)
		return &new_cells_mask;
	cell = cell_by_id(id);
	if (!cell)
		printk("bulkhead: trace: no cell with id %lu\n", id);
	return cell ? &cell->trace_mask : NULL;
}

/* Under manager_lock and trace_lock: kicks the running CPUs of a non-root cell. */
static long set_mask(unsigned long id, unsigned long mask)
{
	u32 *target;
	struct per_cpu *cpu;
	struct cell *cell;
	unsigned int n;

	if (mask & ~(unsigned long)BULKHEAD_TRACE_CLASS_ALL) {
		printk("bulkhead: trace set: mask 0x%lx has bits besides the classes 0x%x\n", mask,
		       BULKHEAD_TRACE_CLASS_ALL);
		return -EINVAL;
	}
	if (!ring_pages) {
		printk("bulkhead: trace set: no rings (set them up first)\n");
		return -ENODEV;
	}
	target = mask_of(id);
	if (!target)
		return -ENOENT;
	*target = (u32)mask;
	cell = id == BULKHEAD_TRACE_NEW_CELLS ? NULL : cell_by_id(id);
	if (!cell || cell == &root_cell)
		return 0;
	for_each_cpu(n, cell->cpu_set) {
		cpu = per_cpu(n);
		cpu->trace.resync = true;
		if (cpu->state == BULKHEAD_CPU_RUNNING)
			arch_cpu_kick(cpu);
	}
	return 0;
}

static long info(unsigned long arg, unsigned long item)
{
	u32 *mask;

	switch (item) {
	case BULKHEAD_TRACE_INFO_PAGES:
		return arg ? -EINVAL : (long)ring_pages;
	case BULKHEAD_TRACE_INFO_COUNTER_HZ:
		return arg ? -EINVAL : (long)arch_counter_freq();
	case BULKHEAD_TRACE_INFO_MASK:
		mask = mask_of(arg);
		return mask ? (long)*mask : -ENOENT;
	case BULKHEAD_TRACE_INFO_RING:
		if (arg >= hypervisor_header.max_cpus) {
			printk("bulkhead: trace info: no CPU %lu (0..%u)\n", arg,
			       hypervisor_header.max_cpus - 1);
			return -EINVAL;
		}
		return rings[arg] ? (long)paging_hvirt2phys(rings[arg]) : -ENODEV;
	default:
		printk("bulkhead: trace info: unknown item %lu\n", item);
		return -EINVAL;
	}
}

/* Under manager_lock and trace_lock. */
static long release(void)
{
	unsigned int id;

	if (!ring_pages)
		return 0;
	for (id = 0; id <= system_desc()->max_cells; id++) {
		if (cell_by_id(id) && cell_by_id(id)->trace_mask) {
			printk("bulkhead: trace release: cell %u still has mask 0x%x\n", id,
			       cell_by_id(id)->trace_mask);
			return -EBUSY;
		}
	}
	if (new_cells_mask) {
		printk("bulkhead: trace release: new cells' mask is 0x%x\n", new_cells_mask);
		return -EBUSY;
	}
	for (id = 0; id < hypervisor_header.max_cpus; id++) {
		/* Not said on the console: a kicked CPU syncs within moments, the caller retries. */
		if (per_cpu(id)->trace.active)
			return -EBUSY;
	}
	free_rings();
	return 0;
}

/* The operations that change rings or masks: under both locks. */
static long locked_op(unsigned long op, unsigned long arg, unsigned long x2)
{
	long ret;

	cell_manager_lock();
	spin_lock(&trace_lock);
	switch (op) {
	case BULKHEAD_TRACE_OP_SETUP:
		ret = setup(x2);
		break;
	case BULKHEAD_TRACE_OP_SET:
		ret = set_mask(arg, x2);
		break;
	case BULKHEAD_TRACE_OP_INFO:
		ret = info(arg, x2);
		break;
	default:
		ret = release();
	}
	spin_unlock(&trace_lock);
	cell_manager_unlock();
	return ret;
}

long trace_hypercall(struct per_cpu *cpu, unsigned long op_arg, unsigned long x2)
{
	unsigned long op = op_arg & OP_MASK, arg = (op_arg >> OP_ARG_SHIFT) & OP_ARG_MASK;

	if (op_arg & OP_RESERVED) {
		printk("bulkhead: trace: x1 0x%lx has bits besides the operation (7:0) and its "
		       "argument (31:16)\n", op_arg);
		return -EINVAL;
	}
	switch (op) {
	case BULKHEAD_TRACE_OP_SETUP:
	case BULKHEAD_TRACE_OP_RELEASE:
	case BULKHEAD_TRACE_OP_SYNC:
		if (arg || (op != BULKHEAD_TRACE_OP_SETUP && x2)) {
			printk("bulkhead: trace: operation %lu takes no argument (0x%lx, 0x%lx)\n",
			       op, arg, x2);
			return -EINVAL;
		}
		if (op != BULKHEAD_TRACE_OP_SYNC)
			return locked_op(op, arg, x2);
		trace_cpu_sync(cpu);
		return 0;
	case BULKHEAD_TRACE_OP_SET:
	case BULKHEAD_TRACE_OP_INFO:
		return locked_op(op, arg, x2);
	default:
		printk("bulkhead: trace: unknown operation %lu\n", op);
		return -EINVAL;
	}
}
