// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: one 32-bit MMIO read or write from the root kernel, for
 * registers the hypervisor emulates (so the access never faults, and the
 * module can be loaded again and again). /dev/mem cannot: the kernel keeps
 * the interrupt controller's registers from user space.
 *
 *   insmod bulkhead_probe_mmio.ko addr=0x8000104 [write=1 value=0x4]
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr;
static bool write;
static unsigned int value;
module_param(addr, ulong, 0444);
module_param(write, bool, 0444);
module_param(value, uint, 0444);

static int __init probe_mmio_init(void)
{
	void __iomem *p = ioremap(addr & PAGE_MASK, PAGE_SIZE);

	if (!p)
		return -ENOMEM;
	if (write)
		writel(value, p + (addr & ~PAGE_MASK));
	pr_info("bulkhead_probe_mmio: 0x%lx = 0x%08x\n", addr, readl(p + (addr & ~PAGE_MASK)));
	iounmap(p);
	return -EAGAIN;
}

module_init(probe_mmio_init);
MODULE_LICENSE("GPL");
