// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: touches one physical address from the root kernel, the
 * way a buggy or hostile driver would. Under Bulkhead the access to
 * hypervisor memory must fault (an external abort kills the loading process)
 * while Linux and the hypervisor carry on. /dev/mem cannot do this: the
 * region is claimed, and the kernel refuses to map claimed ranges.
 */
#include <linux/io.h>
#include <linux/module.h>

/*
 * Built twice (probe_read.c, probe_write.c): a module whose init faulted
 * stays "coming" forever, so a second insmod of the same name would wait.
 */
static unsigned long addr;
static const bool write = PROBE_WRITE;
module_param(addr, ulong, 0444);

static int __init probe_init(void)
{
	void __iomem *p = ioremap(addr, PAGE_SIZE);

	if (!p)
		return -ENOMEM;
	pr_info("bulkhead_probe: %s 0x%lx\n", write ? "writing" : "reading", addr);
	if (write)
		writel(0x12345678, p);
	else
		pr_info("bulkhead_probe: read 0x%x\n", readl(p));
	iounmap(p);
	/* Never stays loaded: the access was the whole point. */
	return -EAGAIN;
}

module_init(probe_init);
MODULE_LICENSE("GPL");
