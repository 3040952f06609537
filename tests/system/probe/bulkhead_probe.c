// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: touches one physical address from the root kernel, the
 * way a buggy or hostile driver would. Under Bulkhead the access to memory
 * the root does not own must fault (the hypervisor injects an abort, which
 * kills the loading insmod) while Linux and the hypervisor carry on. /dev/mem
 * cannot do this: the region is claimed, and the kernel refuses to map
 * claimed ranges.
 *
 * The log says what happened, under the tag the test gave (probe() in
 * tests/system/guest/lib.sh): "reading"/"writing" right before the access
 * proves it was attempted, "read"/"wrote" right after it that it completed.
 */
#include <linux/io.h>
#include <linux/module.h>

/*
 * Built once per use (probe_read.c, probe_write.c, ...): a module whose init
 * faulted stays "coming" forever, so a second insmod of the same name would
 * wait.
 */
static unsigned long addr;
static unsigned int tag;
static const bool write = PROBE_WRITE;
module_param(addr, ulong, 0444);
module_param(tag, uint, 0444);

static int __init probe_init(void)
{
	void __iomem *p = ioremap(addr, PAGE_SIZE);

	if (!p)
		return -ENOMEM;
	pr_info("bulkhead_probe %u: %s 0x%lx\n", tag, write ? "writing" : "reading", addr);
	if (write) {
		writel(0x12345678, p);
		pr_info("bulkhead_probe %u: wrote 0x12345678\n", tag);
	} else {
		pr_info("bulkhead_probe %u: read 0x%x\n", tag, readl(p));
	}
	iounmap(p);
	/*
	 * Loaded, so that the test unloads it: failing here would make busybox
	 * insmod load it again with init_module(), and access twice.
	 */
	return 0;
}

static void __exit probe_exit(void)
{
}

module_init(probe_init);
module_exit(probe_exit);
MODULE_LICENSE("GPL");
