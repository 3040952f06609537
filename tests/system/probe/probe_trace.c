// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: proof that the hypervisor records the root's exits
 * before any driver drains them. Sets the trace rings up (pages=N per CPU),
 * traces the root's exits on the CPU it runs on only, makes count=K
 * GET_INFO hypercalls there, stops tracing, and reads that CPU's ring where
 * it lies (read-only in the root): logs the ring's address and how many of
 * its records are those K hypercalls, with their durations. The rings stay
 * set up (a test probes them, then releases them).
 */
#include <linux/io.h>
#include <linux/module.h>

#include <bulkhead/hypercall.h>
#include <bulkhead/trace.h>

static unsigned int tag, pages = 1, count = 50;
module_param(tag, uint, 0444);
module_param(pages, uint, 0444);
module_param(count, uint, 0444);

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

/* Counts the GET_INFO exits among @ring's records, with their shortest and longest stay. */
static void count_exits(const struct bulkhead_trace_ring *ring, unsigned int cpu)
{
	const struct bulkhead_trace_record *records = (const void *)ring + BULKHEAD_TRACE_RING_HEADER;
	u64 head = READ_ONCE(ring->head), seq, min = U64_MAX, max = 0;
	const struct bulkhead_trace_record *rec;
	unsigned int found = 0, zero = 0;

	for (seq = head > ring->capacity ? head - ring->capacity + 1 : 1; seq <= head; seq++) {
		rec = &records[(seq - 1) % ring->capacity];
		if (rec->seq != seq || rec->type != BULKHEAD_TRACE_EXIT ||
		    rec->reason != BULKHEAD_EXIT_HYPERCALL ||
		    rec->detail != BULKHEAD_HC_GET_INFO || rec->cell != 0)
			continue;
		found++;
		if (!rec->value)
			zero++;
		min = min(min, (u64)rec->value);
		max = max(max, (u64)rec->value);
	}
	pr_info("bulkhead_probe %u: cpu %u head %llu: %u of %u hypercall exits recorded, %u of 0 ticks, ticks min %llu max %llu\n",
		tag, cpu, head, found, count, zero, found ? min : 0, max);
}

static int __init probe_trace_init(void)
{
	const struct bulkhead_trace_ring *ring;
	unsigned int cpu, n;
	long phys, ret;

	ret = trace_op(BULKHEAD_TRACE_OP_SETUP, 0, pages);
	pr_info("bulkhead_probe %u: setup %u pages -> %ld\n", tag, pages, ret);
	ret = ret ?: trace_op(BULKHEAD_TRACE_OP_SET, 0, BULKHEAD_TRACE_CLASS_EXIT);
	if (ret)
		return 0;
	cpu = get_cpu();
	trace_op(BULKHEAD_TRACE_OP_SYNC, 0, 0);
	for (n = 0; n < count; n++)
		hvc(BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_VERSION, 0);
	trace_op(BULKHEAD_TRACE_OP_SET, 0, 0);
	trace_op(BULKHEAD_TRACE_OP_SYNC, 0, 0);
	put_cpu();
	phys = trace_op(BULKHEAD_TRACE_OP_INFO, cpu, BULKHEAD_TRACE_INFO_RING);
	pr_info("bulkhead_probe %u: ring of cpu %u at 0x%lx\n", tag, cpu, phys);
	if (phys <= 0)
		return 0;
	ring = memremap(phys, BULKHEAD_TRACE_RING_HEADER + pages * PAGE_SIZE, MEMREMAP_WB);
	if (!ring)
		return 0;
	count_exits(ring, cpu);
	memunmap((void *)ring);
	return 0;
}

static void __exit probe_trace_exit(void)
{
}

module_init(probe_trace_init);
module_exit(probe_trace_exit);
MODULE_LICENSE("GPL");
