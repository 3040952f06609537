// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: counts how often a 64-bit pattern occurs in a physical
 * range the root owns, e.g. memory a destroyed cell gave back. Prints what it
 * scanned, so that a test can tell "nothing found" from "nothing looked at".
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr, size, pattern = 0x5ca1ab1e5ca1ab1eUL;
static unsigned int tag;
module_param(addr, ulong, 0444);
module_param(tag, uint, 0444);
module_param(size, ulong, 0444);
module_param(pattern, ulong, 0444);

static int __init probe_scan_init(void)
{
	const u64 *p = memremap(addr, size, MEMREMAP_WB);
	unsigned long n, found = 0;

	if (!p)
		return -ENOMEM;
	for (n = 0; n < size / 8; n++)
		found += p[n] == pattern;
	memunmap((void *)p);
	pr_info("bulkhead_probe %u: scanned 0x%lx bytes at 0x%lx: pattern found %lu times\n", tag,
		size, addr, found);
	/* Loaded, so that the test unloads it (see bulkhead_probe.c). */
	return 0;
}

static void __exit probe_scan_exit(void)
{
}

module_init(probe_scan_init);
module_exit(probe_scan_exit);
MODULE_LICENSE("GPL");
