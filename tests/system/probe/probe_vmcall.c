// SPDX-License-Identifier: GPL-2.0
/*
 * Bench-only module for the emulated PC (make bench): the round trip of the
 * cheapest hypercall, VMCALL with rax = BULKHEAD_HC_GET_INFO and rdi =
 * BULKHEAD_INFO_VERSION, from the root kernel, in TSC ticks. Each call is
 * timed alone between two ordered TSC reads with interrupts off; the same
 * pair of reads with nothing between them is the baseline, so that the
 * figure is the VM exit, the hypervisor's dispatch and the VM entry only.
 * Under Bochs with "clock: sync=none" the TSC advances with executed
 * instructions, so the same path gives the same count on every run.
 * Also the cost of a store to the local APIC (the task-priority register,
 * written with the value it holds): in xAPIC mode the hypervisor traps,
 * decodes and makes it; a load of the same register, which passes
 * through, is its baseline.
 * Only load it while the hypervisor is enabled: outside VMX non-root
 * operation VMCALL is an invalid opcode.
 */
#include <linux/irqflags.h>
#include <linux/module.h>
#include <asm/apic.h>
#include <asm/msr.h>

#include <bulkhead/hypercall.h>

static unsigned int count = 1000;
static unsigned int tag;
module_param(count, uint, 0444);
module_param(tag, uint, 0444);

static noinline unsigned long get_version(void)
{
	unsigned long rax = BULKHEAD_HC_GET_INFO;

	asm volatile("vmcall" : "+a"(rax) : "D"((unsigned long)BULKHEAD_INFO_VERSION) : "memory");
	return rax;
}

/* Ticks of the quickest of COUNT runs, and their sum; with CALL false the baseline. */
static void measure(bool call, u64 *min, u64 *sum, unsigned long *version)
{
	unsigned long flags;
	unsigned int i;
	u64 t0, t;

	*min = U64_MAX;
	*sum = 0;
	for (i = 0; i < count; i++) {
		local_irq_save(flags);
		t0 = rdtsc_ordered();
		if (call)
			*version = get_version();
		t = rdtsc_ordered() - t0;
		local_irq_restore(flags);
		*min = min(*min, t);
		*sum += t;
	}
}

/* Ticks of the quickest of COUNT stores to the TPR (loads with STORE false), and their sum. */
static void measure_apic(bool store, u64 *min, u64 *sum)
{
	unsigned long flags;
	unsigned int i;
	u64 t0, t;
	u32 tpr;

	*min = U64_MAX;
	*sum = 0;
	for (i = 0; i < count; i++) {
		local_irq_save(flags);
		tpr = apic_read(APIC_TASKPRI);
		t0 = rdtsc_ordered();
		if (store)
			apic_write(APIC_TASKPRI, tpr);
		else
			tpr = apic_read(APIC_TASKPRI);
		t = rdtsc_ordered() - t0;
		local_irq_restore(flags);
		*min = min(*min, t);
		*sum += t;
	}
}

static int __init probe_vmcall_init(void)
{
	u64 base_min, base_sum, min, sum;
	unsigned long version = 0;

	if (!count)
		return -EINVAL;
	measure(false, &base_min, &base_sum, &version);
	measure(true, &min, &sum, &version);
	pr_info("bulkhead_probe %u: vmcall version 0x%lx min %llu avg %llu baseline min %llu avg %llu ticks over %u\n",
		tag, version, min, div_u64(sum, count), base_min, div_u64(base_sum, count), count);
	measure_apic(true, &min, &sum);
	measure_apic(false, &base_min, &base_sum);
	pr_info("bulkhead_probe %u: apic %s store min %llu avg %llu load min %llu avg %llu ticks over %u\n",
		tag, x2apic_enabled() ? "x2apic" : "xapic", min, div_u64(sum, count), base_min,
		div_u64(base_sum, count), count);
	/* Loaded, so that the test unloads it (see bulkhead_probe.c). */
	return 0;
}

static void __exit probe_vmcall_exit(void)
{
}

module_init(probe_vmcall_init);
module_exit(probe_vmcall_exit);
MODULE_LICENSE("GPL");
