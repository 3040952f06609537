// SPDX-License-Identifier: GPL-2.0
/*
 * arm64: the board as the driver sees it (driver/arch.h). The interrupts
 * configs name are GICv3 SPIs, by INTID; Linux's numbers for them come from
 * the GIC's irq domain. The PL011, PL031, PL061 and other PrimeCells sit on
 * the AMBA bus. The hypervisor's trace clock is the system counter.
 */
#include <linux/amba/bus.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/of.h>
#include <asm/arch_timer.h>
#include <dt-bindings/interrupt-controller/arm-gic.h>

#include "bulkhead.h"

static bool is_spi(unsigned int intid)
{
	return intid >= BULKHEAD_IRQ_SPI_FIRST && intid <= BULKHEAD_IRQ_SPI_LAST;
}

int bulkhead_arch_map_irq(unsigned int intid, const char *what, bool *created)
{
	struct irq_fwspec spec = {
		.param_count = 3,
		.param = { GIC_SPI, intid - BULKHEAD_IRQ_SPI_FIRST, IRQ_TYPE_EDGE_RISING },
	};
	struct irq_domain *domain;
	struct device_node *gic;
	unsigned int irq;

	if (!is_spi(intid)) {
		pr_err("bulkhead: %s: %u is not an SPI\n", what, intid);
		return -EINVAL;
	}
	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (!gic) {
		pr_err("bulkhead: %s: no GICv3 in the device tree\n", what);
		return -ENODEV;
	}
	spec.fwnode = of_node_to_fwnode(gic);
	/* Only a mapping we made goes at disable: an existing one may be a device's. */
	domain = irq_find_host(gic);
	*created = !domain || !irq_find_mapping(domain, intid);
	irq = irq_create_fwspec_mapping(&spec);
	of_node_put(gic);
	if (!irq) {
		pr_err("bulkhead: %s: cannot map INTID %u\n", what, intid);
		return -EINVAL;
	}
	return irq;
}

unsigned int bulkhead_arch_irq_in_use(unsigned int intid)
{
	struct irq_domain *domain = NULL;
	struct device_node *gic;
	unsigned int irq;

	if (!is_spi(intid))
		return 0;
	gic = of_find_compatible_node(NULL, NULL, "arm,gic-v3");
	if (gic)
		domain = irq_find_host(gic);
	of_node_put(gic);
	irq = domain ? irq_find_mapping(domain, intid) : 0;
	return irq && irq_has_action(irq) ? irq : 0;
}

static const char **amba_driver_override(struct device *dev)
{
	return &to_amba_device(dev)->driver_override;
}

static bool amba_overlaps(struct device *dev, u64 start, u64 size)
{
	return bulkhead_resource_overlaps(&to_amba_device(dev)->res, start, size);
}

const struct bulkhead_arch_bus bulkhead_arch_buses[] = {
	{ &amba_bustype, amba_driver_override, amba_overlaps },
};

const unsigned int bulkhead_arch_num_buses = ARRAY_SIZE(bulkhead_arch_buses);

u64 bulkhead_arch_counter(void)
{
	return __arch_counter_get_cntpct();
}
