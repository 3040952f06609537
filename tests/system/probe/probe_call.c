// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: one SMCCC call from the root kernel, HVC or SMC, with
 * arguments a test chooses, the way a hostile or buggy driver could make
 * it. Prints the call and what came back in x0..x3.
 */
#include <linux/module.h>

static bool smc;
static unsigned long fn, a1, a2, a3;
static unsigned int tag;
module_param(smc, bool, 0444);
module_param(tag, uint, 0444);
module_param(fn, ulong, 0444);
module_param(a1, ulong, 0444);
module_param(a2, ulong, 0444);
module_param(a3, ulong, 0444);

/* No function call may come between the register variables' set-up and the call. */
static noinline void call(unsigned long *res)
{
	register unsigned long x0 asm("x0") = fn;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	if (smc)
		asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			     "x15", "x16", "x17", "memory");
	else
		asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
			     "x15", "x16", "x17", "memory");
	res[0] = x0;
	res[1] = x1;
	res[2] = x2;
	res[3] = x3;
}

static int __init probe_call_init(void)
{
	unsigned long res[4];

	pr_info("bulkhead_probe %u: %s 0x%lx (0x%lx, 0x%lx, 0x%lx)\n", tag, smc ? "smc" : "hvc",
		fn, a1, a2, a3);
	call(res);
	pr_info("bulkhead_probe %u: returned %ld 0x%lx 0x%lx 0x%lx\n", tag, (long)res[0], res[1],
		res[2], res[3]);
	/* Loaded, so that the test unloads it (see bulkhead_probe.c). */
	return 0;
}

static void __exit probe_call_exit(void)
{
}

module_init(probe_call_init);
module_exit(probe_call_exit);
MODULE_LICENSE("GPL");
