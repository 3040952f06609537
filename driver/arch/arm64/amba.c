// SPDX-License-Identifier: GPL-2.0
/* arm64: the PL011, PL031, PL061 and other PrimeCells sit on the AMBA bus (driver/arch.h). */
#include <linux/amba/bus.h>

#include "bulkhead.h"

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
