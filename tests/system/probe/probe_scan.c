// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: counts how often a 64-bit pattern occurs in a physical
 * range the root owns, e.g. memory a destroyed cell gave back. Prints what it
 * scanned, so that a test can tell "nothing found" from "nothing looked at".
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr, size, pattern = 0x5ca1ab1e5ca1ab1eUL;
module_param(addr, ulong, 0444);
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
	pr_info("bulkhead_probe: scanned 0x%lx bytes at 0x%lx: pattern found %lu times\n", size,
		addr, found);
	/* Never stays loaded: the scan was the whole point. */
	return -EAGAIN;
}

module_init(probe_scan_init);
MODULE_LICENSE("GPL");
