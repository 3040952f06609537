// SPDX-License-Identifier: GPL-2.0
/*
 * Tracing: the driver's tracepoints (trace.h), and the hypervisor's trace
 * rings (include/bulkhead/trace.h) drained into the bulkhead:hv_* ones.
 *
 * The first mask set (BULKHEAD_TRACE_SET) has the hypervisor set up the
 * rings; each CPU's is mapped here, read-only as stage 2 maps it to the
 * root, and a delayed work drains them every period. When no mask is left
 * the rest is drained and the rings go back to the hypervisor. The root's
 * CPUs take up the root's mask only when each of them asks (OP_SYNC): all
 * online ones at each change. A CPU coming back online from a cell needs no
 * call: the hypervisor syncs every CPU it starts, for whichever cell.
 *
 * Locking: masks and set-up change under bulkhead.lock; drain_lock guards
 * the mappings and counts, which the work uses without bulkhead.lock.
 */
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/timekeeping.h>
#include <linux/workqueue.h>

#include "bulkhead.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

#define ROOT_CELL_ID		0
/* The hypervisor's pages, which ring sizes count in. */
#define RING_PAGE_SIZE		BULKHEAD_TRACE_RING_HEADER
#define RECORDS_PER_PAGE	(RING_PAGE_SIZE / BULKHEAD_TRACE_RECORD_SIZE)
/* How long to wait for cells' CPUs to take up a mask of 0 (1-2 ms each). */
#define RELEASE_TRIES		500
/* Records copied at a time, then checked against the head once more. */
#define CHUNK			(PAGE_SIZE / BULKHEAD_TRACE_RECORD_SIZE)

struct ring_reader {
	/* NULL: no ring (the CPU does not exist for the hypervisor). */
	const struct bulkhead_trace_ring *ring;
	const struct bulkhead_trace_record *slots;
	u32 capacity;
	/* The seq of the next record to read. */
	u64 next;
	/* Since the rings were last set up: kept after they go, for status. */
	u64 records;
	u64 lost;
};

static struct {
	struct mutex drain_lock;
	/* Rings set up (pages != 0); the rest is valid only then. */
	u32 pages;
	u32 period_us;
	u32 root_mask;
	u32 new_cells_mask;
	u64 counter_hz;
	struct bulkhead_trace_record *chunk;
	struct ring_reader cpu[BULKHEAD_INFO_CPUS];
	struct delayed_work work;
} tracing = {
	.drain_lock = __MUTEX_INITIALIZER(tracing.drain_lock),
};

static long trace_call(unsigned int op, unsigned int arg, unsigned long x2)
{
	return bulkhead_hypercall(BULKHEAD_HC_TRACE, op | arg << 16, x2);
}

/* Counter ticks to nanoseconds, saturated at what a u32 field holds. */
static u32 ticks_to_ns32(u64 ticks)
{
	return min_t(u64, mul_u64_u32_div(ticks, NSEC_PER_SEC, tracing.counter_hz), U32_MAX);
}

struct clock_pair {
	u64 ns;
	u64 ticks;
};

/* A counter time in the CLOCK_MONOTONIC domain, from a pair read together. */
static u64 to_ktime(const struct clock_pair *now, u64 ticks)
{
	if (ticks <= now->ticks)
		return now->ns - mul_u64_u32_div(now->ticks - ticks, NSEC_PER_SEC,
						 tracing.counter_hz);
	return now->ns + mul_u64_u32_div(ticks - now->ticks, NSEC_PER_SEC, tracing.counter_hz);
}

static void emit(const struct bulkhead_trace_record *rec, const struct clock_pair *now,
		 u16 cpu)
{
	u64 time_ns = to_ktime(now, rec->time);

	switch (rec->type) {
	case BULKHEAD_TRACE_EXIT:
		trace_hv_exit(time_ns, rec->detail, ticks_to_ns32(rec->value), rec->cell, cpu,
			      rec->reason);
		break;
	case BULKHEAD_TRACE_VIRQ:
		trace_hv_virq(time_ns, ticks_to_ns32(rec->value), rec->detail, rec->cell, cpu,
			      rec->reason);
		break;
	case BULKHEAD_TRACE_CELL_EVENT:
		trace_hv_cell(time_ns, rec->detail, rec->value, rec->cell, cpu, rec->reason);
		break;
	case BULKHEAD_TRACE_DOORBELL:
		trace_hv_doorbell(time_ns, (s32)(rec->detail >> 32), rec->cell, cpu, rec->reason,
				  rec->detail & 0xffff, (rec->detail >> 16) & 0xffff);
		break;
	}
}

/* The oldest record a ring with this head still holds. */
static u64 oldest(const struct ring_reader *r, u64 head)
{
	return head > r->capacity ? head - r->capacity + 1 : 1;
}

/*
 * The CPU zeroes a slot's seq before it rewrites the slot: a copy whose seq
 * changed meanwhile is torn, and gets seq 0, which no record has.
 */
static void copy_record(struct bulkhead_trace_record *to,
			const struct bulkhead_trace_record *slot)
{
	u64 seq = smp_load_acquire(&slot->seq);

	*to = *slot;
	smp_rmb();
	to->seq = READ_ONCE(slot->seq) == seq ? seq : 0;
}

/*
 * Copies a chunk, then reads the head again: a slot the CPU may have
 * overwritten meanwhile, or one holding another record than expected, is
 * lost. A gap is reported before the first record after it.
 */
static void drain_cpu(struct ring_reader *r, u16 cpu)
{
	u64 head = smp_load_acquire(&r->ring->head), gap = 0, seq, first_kept;
	struct bulkhead_trace_record *rec;
	struct clock_pair now;
	unsigned int n, count;

	if (r->next < oldest(r, head)) {
		gap = oldest(r, head) - r->next;
		r->next = oldest(r, head);
	}
	while (r->next <= head) {
		count = min_t(u64, head - r->next + 1, CHUNK);
		for (n = 0; n < count; n++)
			copy_record(&tracing.chunk[n], &r->slots[(r->next + n - 1) % r->capacity]);
		/* The copies before the second look at head. */
		smp_rmb();
		first_kept = oldest(r, READ_ONCE(r->ring->head));
		now.ns = ktime_get_ns();
		now.ticks = bulkhead_arch_counter();
		for (n = 0; n < count; n++) {
			seq = r->next + n;
			rec = &tracing.chunk[n];
			if (seq < first_kept || rec->seq != seq) {
				gap++;
				continue;
			}
			if (gap) {
				trace_hv_lost(gap, seq, cpu);
				r->lost += gap;
				gap = 0;
			}
			emit(rec, &now, cpu);
			r->records++;
		}
		r->next += count;
	}
	if (gap) {
		trace_hv_lost(gap, r->next, cpu);
		r->lost += gap;
	}
}

static void drain_all(void)
{
	unsigned int cpu;

	mutex_lock(&tracing.drain_lock);
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS && tracing.pages; cpu++)
		if (tracing.cpu[cpu].ring)
			drain_cpu(&tracing.cpu[cpu], cpu);
	mutex_unlock(&tracing.drain_lock);
}

static void drain_work(struct work_struct *work)
{
	drain_all();
	schedule_delayed_work(&tracing.work, usecs_to_jiffies(READ_ONCE(tracing.period_us)));
}

static void sync_cpu(void *data)
{
	atomic_t *failed = data;

	if (trace_call(BULKHEAD_TRACE_OP_SYNC, 0, 0))
		atomic_inc(failed);
}

/* Every online CPU of the root takes up the root's mask. */
static int sync_root_cpus(void)
{
	atomic_t failed = ATOMIC_INIT(0);

	cpus_read_lock();
	on_each_cpu(sync_cpu, &failed, 1);
	cpus_read_unlock();
	if (!atomic_read(&failed))
		return 0;
	pr_err("bulkhead: trace: %d CPUs of the root could not take up its mask\n",
	       atomic_read(&failed));
	return -EIO;
}

static void unmap_rings(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS; cpu++) {
		if (tracing.cpu[cpu].ring)
			memunmap((void *)tracing.cpu[cpu].ring);
		tracing.cpu[cpu].ring = NULL;
	}
	kfree(tracing.chunk);
	tracing.chunk = NULL;
}

static int map_rings(u32 pages)
{
	size_t size = BULKHEAD_TRACE_RING_HEADER + (size_t)pages * RING_PAGE_SIZE;
	struct ring_reader *r;
	unsigned int cpu;
	long phys;

	tracing.chunk = kmalloc_array(CHUNK, sizeof(*tracing.chunk), GFP_KERNEL);
	if (!tracing.chunk)
		return -ENOMEM;
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS; cpu++)
		tracing.cpu[cpu] = (struct ring_reader){};
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS && cpu < nr_cpu_ids; cpu++) {
		phys = trace_call(BULKHEAD_TRACE_OP_INFO, cpu, BULKHEAD_TRACE_INFO_RING);
		if (phys <= 0)
			continue;
		r = &tracing.cpu[cpu];
		/* Write-back, as the hypervisor writes it; never written from here. */
		r->ring = memremap(phys, size, MEMREMAP_WB);
		if (!r->ring) {
			pr_err("bulkhead: trace: cannot map CPU %u's ring at 0x%lx\n", cpu, phys);
			return -ENOMEM;
		}
		r->slots = (const void *)r->ring + BULKHEAD_TRACE_RING_HEADER;
		r->capacity = READ_ONCE(r->ring->capacity);
		if (!r->capacity || r->capacity > pages * RECORDS_PER_PAGE) {
			pr_err("bulkhead: trace: CPU %u's ring says %u records, %u pages hold at "
			       "most %u\n", cpu, r->capacity, pages, pages * RECORDS_PER_PAGE);
			return -EIO;
		}
		r->next = 1;
	}
	return 0;
}

/* Rings from the hypervisor, mapped, drained from now on; undone on failure. */
static int start_tracing(u32 pages, u32 period_us)
{
	long ret, hz;
	int err;

	ret = trace_call(BULKHEAD_TRACE_OP_SETUP, 0, pages);
	if (ret) {
		pr_err("bulkhead: trace: the hypervisor cannot set up rings of %u pages per CPU "
		       "(error %ld)\n", pages, ret);
		return ret == -ENOMEM ? -ENOMEM : -EIO;
	}
	hz = trace_call(BULKHEAD_TRACE_OP_INFO, 0, BULKHEAD_TRACE_INFO_COUNTER_HZ);
	if (hz <= 0 || hz > U32_MAX) {
		pr_err("bulkhead: trace: the hypervisor reports a counter of %ld Hz\n", hz);
		err = -EIO;
		goto err_release;
	}
	mutex_lock(&tracing.drain_lock);
	err = map_rings(pages);
	if (err) {
		unmap_rings();
		mutex_unlock(&tracing.drain_lock);
		goto err_release;
	}
	tracing.counter_hz = hz;
	tracing.period_us = period_us;
	tracing.pages = pages;
	mutex_unlock(&tracing.drain_lock);
	INIT_DELAYED_WORK(&tracing.work, drain_work);
	schedule_delayed_work(&tracing.work, usecs_to_jiffies(period_us));
	return 0;

err_release:
	trace_call(BULKHEAD_TRACE_OP_RELEASE, 0, 0);
	return err;
}

/* Masks are all 0 and synced: the last records out, then the rings back. */
static void stop_tracing(void)
{
	unsigned int tries = 0;
	long ret;

	cancel_delayed_work_sync(&tracing.work);
	drain_all();
	mutex_lock(&tracing.drain_lock);
	tracing.pages = 0;
	unmap_rings();
	mutex_unlock(&tracing.drain_lock);
	/* A cell's CPUs take up their new mask when their kick comes: until then, EBUSY. */
	while ((ret = trace_call(BULKHEAD_TRACE_OP_RELEASE, 0, 0)) == -EBUSY &&
	       ++tries < RELEASE_TRIES)
		usleep_range(1000, 2000);
	if (ret)
		pr_err("bulkhead: trace: the hypervisor kept its rings (error %ld)\n", ret);
}

static int set_mask(unsigned int cell, u32 mask)
{
	long ret = trace_call(BULKHEAD_TRACE_OP_SET, cell, mask);

	if (ret) {
		pr_err("bulkhead: trace: setting cell %u's mask to 0x%x refused by the "
		       "hypervisor (error %ld)\n", cell, mask, ret);
		return ret == -ENOENT ? -ENOENT : -EIO;
	}
	if (cell == ROOT_CELL_ID) {
		tracing.root_mask = mask;
		return sync_root_cpus();
	}
	if (cell == BULKHEAD_TRACE_NEW_CELLS)
		tracing.new_cells_mask = mask;
	else
		bulkhead_cell_set_trace_mask(cell, mask);
	return 0;
}

static bool any_mask(void)
{
	return tracing.root_mask || tracing.new_cells_mask || bulkhead_cells_traced();
}

/* Everything checked before anything changes; says which field is wrong. */
static int check_args(const struct bulkhead_trace_args *args)
{
	if (args->cell != ROOT_CELL_ID && args->cell != BULKHEAD_TRACE_NEW_CELLS &&
	    !find_cell_or_complain(args->cell))
		return -ENOENT;
	if (args->mask & ~BULKHEAD_TRACE_CLASS_ALL) {
		pr_err("bulkhead: trace: mask 0x%x has bits outside the classes (0x%x)\n",
		       args->mask, BULKHEAD_TRACE_CLASS_ALL);
		return -EINVAL;
	}
	if (args->pages > BULKHEAD_TRACE_MAX_PAGES) {
		pr_err("bulkhead: trace: pages %u, 1 to %u allowed (0: %u)\n", args->pages,
		       BULKHEAD_TRACE_MAX_PAGES, BULKHEAD_TRACE_PAGES_DEFAULT);
		return -EINVAL;
	}
	if (args->period_us && (args->period_us < BULKHEAD_TRACE_PERIOD_MIN_US ||
				args->period_us > BULKHEAD_TRACE_PERIOD_MAX_US)) {
		pr_err("bulkhead: trace: period_us %u, %u to %u allowed (0: %u)\n",
		       args->period_us, BULKHEAD_TRACE_PERIOD_MIN_US, BULKHEAD_TRACE_PERIOD_MAX_US,
		       BULKHEAD_TRACE_PERIOD_DEFAULT_US);
		return -EINVAL;
	}
	if (tracing.pages && args->pages && args->pages != tracing.pages) {
		pr_err("bulkhead: trace: pages %u, but the rings have %u; turn tracing off "
		       "first to change their size\n", args->pages, tracing.pages);
		return -EBUSY;
	}
	return 0;
}

static int trace_set(const struct bulkhead_trace_args *args)
{
	bool started = false;
	int err;

	if (!bulkhead.enabled) {
		pr_err("bulkhead: trace: the hypervisor is not enabled\n");
		return -ENODEV;
	}
	err = check_args(args);
	if (err)
		return err;
	if (!tracing.pages) {
		/* Nothing traced, nothing to turn off. */
		if (!args->mask)
			return 0;
		err = start_tracing(args->pages ?: BULKHEAD_TRACE_PAGES_DEFAULT,
				    args->period_us ?: BULKHEAD_TRACE_PERIOD_DEFAULT_US);
		if (err)
			return err;
		started = true;
	} else if (args->period_us) {
		WRITE_ONCE(tracing.period_us, args->period_us);
	}
	err = set_mask(args->cell, args->mask);
	if (err && started)
		stop_tracing();
	else if (!any_mask())
		stop_tracing();
	return err;
}

int bulkhead_trace_set(const struct bulkhead_trace_args *args)
{
	int err;

	mutex_lock(&bulkhead.lock);
	err = trace_set(args);
	mutex_unlock(&bulkhead.lock);
	return err;
}

int bulkhead_trace_status(struct bulkhead_trace_status *status)
{
	unsigned int cpu;

	mutex_lock(&bulkhead.lock);
	if (!bulkhead.enabled) {
		mutex_unlock(&bulkhead.lock);
		pr_err("bulkhead: trace status: the hypervisor is not enabled\n");
		return -ENODEV;
	}
	drain_all();
	status->pages = tracing.pages;
	status->period_us = tracing.pages ? tracing.period_us : 0;
	status->root_mask = tracing.root_mask;
	status->new_cells_mask = tracing.new_cells_mask;
	status->counter_hz = tracing.counter_hz;
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS; cpu++) {
		status->records[cpu] = tracing.cpu[cpu].records;
		status->lost[cpu] = tracing.cpu[cpu].lost;
	}
	mutex_unlock(&bulkhead.lock);
	return 0;
}

long bulkhead_trace_mask(unsigned int id)
{
	return trace_call(BULKHEAD_TRACE_OP_INFO, id, BULKHEAD_TRACE_INFO_MASK);
}

/* The mask a cell created now starts with (the hypervisor gives it the same). */
u32 bulkhead_trace_new_cell_mask(void)
{
	return tracing.pages ? tracing.new_cells_mask : 0;
}

/* A cell is gone, and its mask with it: was it the last one? Under bulkhead.lock. */
void bulkhead_trace_cell_gone(void)
{
	if (tracing.pages && !any_mask())
		stop_tracing();
}

/* Before the hypervisor leaves: every mask off, the rings back. Under bulkhead.lock. */
void bulkhead_trace_disable(void)
{
	if (!tracing.pages)
		return;
	trace_call(BULKHEAD_TRACE_OP_SET, BULKHEAD_TRACE_NEW_CELLS, 0);
	tracing.new_cells_mask = 0;
	if (tracing.root_mask) {
		trace_call(BULKHEAD_TRACE_OP_SET, ROOT_CELL_ID, 0);
		tracing.root_mask = 0;
		sync_root_cpus();
	}
	stop_tracing();
}
