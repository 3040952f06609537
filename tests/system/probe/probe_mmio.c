// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: one 32-bit MMIO read, or a write then a read, from the
 * root kernel, for registers the hypervisor emulates (so the access never
 * faults, and the module can be loaded again and again). /dev/mem cannot:
 * the kernel keeps the interrupt controller's registers from user space.
 * The log lines follow bulkhead_probe.c's: each access announced under the
 * test's tag before it is made, and its outcome after.
 *
 *   insmod bulkhead_probe_mmio.ko addr=0x8000104 tag=7 [write=1 value=0x4]
 *   rmmod bulkhead_probe_mmio
 */
#include <linux/io.h>
#include <linux/module.h>

static unsigned long addr;
static unsigned int tag;
static bool write;
static unsigned int value;
module_param(addr, ulong, 0444);
module_param(tag, uint, 0444);
module_param(write, bool, 0444);
module_param(value, uint, 0444);

static int __init probe_mmio_init(void)
{
	void __iomem *p = ioremap(addr & PAGE_MASK, PAGE_SIZE);
	void __iomem *reg;

	if (!p)
		return -ENOMEM;
	reg = p + (addr & ~PAGE_MASK);
	if (write) {
		pr_info("bulkhead_probe %u: writing 0x%lx\n", tag, addr);
		writel(value, reg);
		pr_info("bulkhead_probe %u: wrote 0x%08x\n", tag, value);
	}
	pr_info("bulkhead_probe %u: reading 0x%lx\n", tag, addr);
	pr_info("bulkhead_probe %u: read 0x%08x\n", tag, readl(reg));
	iounmap(p);
	/* Loaded, so that the test unloads it (see bulkhead_probe.c). */
	return 0;
}

static void __exit probe_mmio_exit(void)
{
}

module_init(probe_mmio_init);
module_exit(probe_mmio_exit);
MODULE_LICENSE("GPL");
