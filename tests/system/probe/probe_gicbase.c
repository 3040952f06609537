// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: what a hostile root driver would do to make the GIC
 * write into memory it does not own. It moves one 64-bit table base
 * register (GITS_BASER<n>, GITS_CBASER, GICR_PROPBASER, GICR_PENDBASER) to
 * the 64 KiB aligned physical address @pa (bits 47:16; the other bits as
 * Linux set them), reads it back, and puts the old value back unless @keep. An ITS ignores base writes
 * while it is enabled, so with its_ctlr set (the ITS's GITS_CTLR) the ITS
 * is disabled around the write, as an attacker would.
 *
 *   insmod bulkhead_probe_gicbase.ko reg=0x8080100 pa=0x70000000 [its_ctlr=0x8080000] [keep=1]
 */
#include <linux/delay.h>
#include <linux/io.h>
#include <linux/module.h>

#define GITS_CTLR_ENABLED	(1U << 0)
#define GITS_CTLR_QUIESCENT	(1U << 31)
#define TABLE_PA_MASK		GENMASK_ULL(47, 16)

static unsigned long reg;
static unsigned long pa;
static unsigned long its_ctlr;
static bool keep;
module_param(reg, ulong, 0444);
module_param(pa, ulong, 0444);
module_param(its_ctlr, ulong, 0444);
module_param(keep, bool, 0444);

static void __iomem *map_reg(unsigned long addr)
{
	void __iomem *page = ioremap(addr & PAGE_MASK, PAGE_SIZE);

	return page ? page + (addr & ~PAGE_MASK) : NULL;
}

static void unmap_reg(void __iomem *p)
{
	iounmap((void __iomem *)((unsigned long)p & PAGE_MASK));
}

/* Disables the ITS and waits until it is quiescent; returns the old GITS_CTLR. */
static u32 its_disable(void __iomem *ctlr)
{
	u32 old = readl(ctlr);
	unsigned int n;

	writel(old & ~GITS_CTLR_ENABLED, ctlr);
	for (n = 0; n < 1000 && !(readl(ctlr) & GITS_CTLR_QUIESCENT); n++)
		udelay(10);
	return old;
}

static int __init probe_gicbase_init(void)
{
	void __iomem *p = map_reg(reg), *ctlr = its_ctlr ? map_reg(its_ctlr) : NULL;
	u64 old, value, now;
	u32 old_ctlr = 0;

	if (!p || (its_ctlr && !ctlr))
		return -ENOMEM;
	if (ctlr)
		old_ctlr = its_disable(ctlr);
	old = readq(p);
	value = (old & ~TABLE_PA_MASK) | (pa & TABLE_PA_MASK);
	pr_info("bulkhead_probe_gicbase: writing 0x%llx to 0x%lx (was 0x%llx, table at 0x%llx)\n",
		value, reg, old, old & GENMASK_ULL(47, 12));
	writeq(value, p);
	now = readq(p);
	pr_info("bulkhead_probe_gicbase: 0x%lx reads 0x%llx (table at 0x%llx)\n", reg, now,
		now & GENMASK_ULL(47, 12));
	if (now != old && !keep)
		writeq(old, p);
	if (ctlr) {
		writel(old_ctlr, ctlr);
		unmap_reg(ctlr);
	}
	unmap_reg(p);
	return -EAGAIN;
}

module_init(probe_gicbase_init);
MODULE_LICENSE("GPL");
