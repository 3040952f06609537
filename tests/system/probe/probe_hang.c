// SPDX-License-Identifier: GPL-2.0
/*
 * Hangs the root cell: stop_machine() keeps every online CPU of the root
 * spinning with its interrupts off for hang_ms milliseconds (default 3000),
 * as a root stuck in a driver would. Logs the counter (CNTVCT_EL0, which
 * cells read the same) when the hang began and ended:
 * "bulkhead_probe_hang: root hung from tick A to tick B". Unload it after.
 */
#include <linux/delay.h>
#include <linux/module.h>
#include <linux/stop_machine.h>
#include <asm/sysreg.h>

static unsigned int hang_ms = 3000;
module_param(hang_ms, uint, 0444);

static u64 hang_start, hang_end;

static int hang(void *unused)
{
	unsigned int n;

	hang_start = read_sysreg(cntvct_el0);
	/* mdelay() of seconds in one go may overflow its loop count: 1 ms at a time. */
	for (n = 0; n < hang_ms; n++)
		mdelay(1);
	hang_end = read_sysreg(cntvct_el0);
	return 0;
}

static int __init probe_hang_init(void)
{
	int err = stop_machine(hang, NULL, cpu_online_mask);

	if (!err)
		pr_info("bulkhead_probe_hang: root hung from tick %llu to tick %llu\n", hang_start,
			hang_end);
	return err;
}

static void __exit probe_hang_exit(void)
{
}

module_init(probe_hang_init);
module_exit(probe_hang_exit);
MODULE_LICENSE("GPL");
