// SPDX-License-Identifier: GPL-2.0
/*
 * Test images only (make -C hypervisor TEST_FAULTS=1): faults in the
 * hypervisor on purpose, so that make check can show what a hypervisor bug
 * does: the report comes out without a lock, even one held by the failing CPU,
 * and the machine stops; a stack overflow hits the guard page. Never linked
 * into the image the driver loads.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>

/* Deep enough to run through the 16 KiB stack long before it returns. */
static __attribute__((noinline)) unsigned long recurse(unsigned long depth)
{
	volatile u8 frame[512];

	frame[0] = (u8)depth;
	if (depth > 1024)
		return frame[0];
	return recurse(depth + 1) + frame[0];
}

/* Address 0 is mapped in no hypervisor table; the pointer hides that from the compiler. */
static long *volatile nowhere;

long test_fault(struct per_cpu *cpu, unsigned long kind)
{
	switch (kind) {
	case BULKHEAD_TEST_FAULT_LOCKED:
		spin_lock(&console_lock);
		return *nowhere;
	case BULKHEAD_TEST_FAULT_ABORT:
		return *nowhere;
	case BULKHEAD_TEST_FAULT_STACK:
		return (long)recurse(0);
	default:
		return -EINVAL;
	}
}
