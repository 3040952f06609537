// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: proof that the hypervisor records exits and injections
 * before any driver drains them. Sets the trace rings up (pages=N per CPU),
 * then either
 * - (cell=0) traces the root's exits on the CPU it runs on only, makes
 *   count=K GET_INFO hypercalls there, stops tracing, and reads that CPU's
 *   ring where it lies (read-only in the root): logs the ring's address and
 *   how many of its records are those K hypercalls, with their durations;
 * - (cell=ID cpu=N) traces that cell's exits and injections for ms=M
 *   milliseconds, and counts what CPU N of it recorded.
 * The rings stay set up (a test probes them, then releases them).
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/module.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/trace.h>

static unsigned int tag, pages = 1, count = 50, cell, cpu, ms = 200;
module_param(tag, uint, 0444);
module_param(pages, uint, 0444);
module_param(count, uint, 0444);
module_param(cell, uint, 0444);
module_param(cpu, uint, 0444);
module_param(ms, uint, 0444);

static noinline long hvc(unsigned long code, unsigned long a1, unsigned long a2)
{
	register unsigned long x0 asm("x0") = BULKHEAD_HC_ARM64_BASE | code;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : :
		     "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
		     "x15", "x16", "x17", "memory");
	return (long)x0;
}

static long trace_op(unsigned int op, unsigned int arg, unsigned long x2)
{
	return hvc(BULKHEAD_HC_TRACE, op | arg << 16, x2);
}

/* What a ring holds, by kind: records of type @type and reason @reason, their values. */
struct tally {
	unsigned int found, zero;
	u64 min, max;
};

static void tally(const struct bulkhead_trace_ring *ring, u8 type, u8 reason, u64 detail,
		  struct tally *t)
{
	const struct bulkhead_trace_record *records =
		(const void *)ring + BULKHEAD_TRACE_RING_HEADER;
	u64 head = READ_ONCE(ring->head), seq;
	const struct bulkhead_trace_record *rec;

	*t = (struct tally){ .min = U64_MAX };
	for (seq = head > ring->capacity ? head - ring->capacity + 1 : 1; seq <= head; seq++) {
		rec = &records[(seq - 1) % ring->capacity];
		if (rec->seq != seq || rec->type != type || (reason && rec->reason != reason) ||
		    (detail && rec->detail != detail) || rec->cell != cell)
			continue;
		t->found++;
		if (!rec->value)
			t->zero++;
		t->min = min(t->min, (u64)rec->value);
		t->max = max(t->max, (u64)rec->value);
	}
	if (!t->found)
		t->min = 0;
}

/* The root's own hypercalls on this CPU; returns the CPU. */
static unsigned int trace_root_calls(void)
{
	unsigned int self, n;

	trace_op(BULKHEAD_TRACE_OP_SET, 0, BULKHEAD_TRACE_CLASS_EXIT);
	self = get_cpu();
	trace_op(BULKHEAD_TRACE_OP_SYNC, 0, 0);
	for (n = 0; n < count; n++)
		hvc(BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_VERSION, 0);
	trace_op(BULKHEAD_TRACE_OP_SET, 0, 0);
	trace_op(BULKHEAD_TRACE_OP_SYNC, 0, 0);
	put_cpu();
	return self;
}

/* A cell's exits and injections for a while (its CPUs take up each mask at their kick). */
static void trace_cell(void)
{
	trace_op(BULKHEAD_TRACE_OP_SET, cell,
		 BULKHEAD_TRACE_CLASS_EXIT | BULKHEAD_TRACE_CLASS_VIRQ);
	msleep(ms);
	trace_op(BULKHEAD_TRACE_OP_SET, cell, 0);
	msleep(20);
}

static void report(const struct bulkhead_trace_ring *ring, unsigned int self)
{
	struct tally t, timer, other;

	if (!cell) {
		tally(ring, BULKHEAD_TRACE_EXIT, BULKHEAD_EXIT_HYPERCALL, BULKHEAD_HC_GET_INFO, &t);
		pr_info("bulkhead_probe %u: cpu %u head %llu: %u of %u hypercall exits recorded, %u of 0 ticks, ticks min %llu max %llu\n",
			tag, self, ring->head, t.found, count, t.zero, t.min, t.max);
		return;
	}
	tally(ring, BULKHEAD_TRACE_EXIT, 0, 0, &t);
	tally(ring, BULKHEAD_TRACE_VIRQ, BULKHEAD_VIRQ_SOURCE_TIMER, 0, &timer);
	tally(ring, BULKHEAD_TRACE_VIRQ, BULKHEAD_VIRQ_SOURCE_EXIT, 0, &other);
	pr_info("bulkhead_probe %u: cell %u cpu %u head %llu: %u exits, %u timer injections (latency ticks min %llu max %llu), %u other injections\n",
		tag, cell, self, ring->head, t.found, timer.found, timer.min, timer.max,
		other.found);
}

static int __init probe_trace_init(void)
{
	const struct bulkhead_trace_ring *ring;
	unsigned int self = cpu;
	long phys, ret;

	ret = trace_op(BULKHEAD_TRACE_OP_SETUP, 0, pages);
	pr_info("bulkhead_probe %u: setup %u pages -> %ld\n", tag, pages, ret);
	if (ret)
		return 0;
	if (cell)
		trace_cell();
	else
		self = trace_root_calls();
	phys = trace_op(BULKHEAD_TRACE_OP_INFO, self, BULKHEAD_TRACE_INFO_RING);
	pr_info("bulkhead_probe %u: ring of cpu %u at 0x%lx\n", tag, self, phys);
	if (phys <= 0)
		return 0;
	ring = memremap(phys, BULKHEAD_TRACE_RING_HEADER + pages * PAGE_SIZE, MEMREMAP_WB);
	if (!ring)
		return 0;
	report(ring, self);
	memunmap((void *)ring);
	return 0;
}

static void __exit probe_trace_exit(void)
{
}

module_init(probe_trace_init);
module_exit(probe_trace_exit);
MODULE_LICENSE("GPL");
