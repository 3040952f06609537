// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 configs for the validator (config.c, bulkhead/config_arch.h): GICv3
 * SPIs as interrupt sources, a 40-bit IPA space, memory-mapped UARTs and the
 * GIC's frames. Built into the hypervisor and the host tools alike.
 */
#include <bulkhead/types.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/config_check.h>
#include <bulkhead/config_arch.h>

/* GICv3 distributor and redistributor frames are 64 KiB each. */
#define GIC_FRAME_ALIGN		0x10000UL
/* What the hypervisor keeps: the distributor, the ITS, two frames per CPU's redistributor. */
#define GICD_SIZE		0x10000ULL
#define GITS_SIZE		0x20000ULL
#define GICR_CPU_SIZE		0x20000ULL

_Static_assert(BULKHEAD_IRQ_SPI_LAST < CONFIG_MAX_IRQ_SOURCES, "an SPI past the cells' bitmaps");

static int check_console_arm64(const struct bulkhead_console *con)
{
	if (con->type != BULKHEAD_CONSOLE_PL011 && con->type != BULKHEAD_CONSOLE_8250) {
		printk("config: debug_console type %u is unknown (expected %u none, %u pl011, "
		       "%u 8250)\n", con->type, BULKHEAD_CONSOLE_NONE, BULKHEAD_CONSOLE_PL011,
		       BULKHEAD_CONSOLE_8250);
		return -EINVAL;
	}
	/* A PL011 fills a 4 KiB frame; 8250s may sit at odd offsets. */
	if (con->type == BULKHEAD_CONSOLE_PL011 && !IS_ALIGNED(con->address, CONFIG_PAGE_SIZE)) {
		printk("config: debug_console address 0x%llx is not page aligned\n", con->address);
		return -EINVAL;
	}
	return 0;
}

static int check_platform_arm64(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_platform_arm64 *plat = &bulkhead_config_system(hdr)->platform.arm64;

	if (plat->gic_version != 3) {
		printk("config: platform gic_version %u is not supported (expected 3)\n",
		       plat->gic_version);
		return -EINVAL;
	}
	if (plat->gicd_base == 0 || !IS_ALIGNED(plat->gicd_base, GIC_FRAME_ALIGN)) {
		printk("config: platform gicd_base 0x%llx is zero or not 64 KiB aligned\n",
		       plat->gicd_base);
		return -EINVAL;
	}
	if (plat->gicr_base == 0 || !IS_ALIGNED(plat->gicr_base, GIC_FRAME_ALIGN)) {
		printk("config: platform gicr_base 0x%llx is zero or not 64 KiB aligned\n",
		       plat->gicr_base);
		return -EINVAL;
	}
	if (plat->reserved != 0) {
		printk("config: platform reserved 0x%x must be 0\n", plat->reserved);
		return -EINVAL;
	}
	if (!IS_ALIGNED(plat->gits_base, GIC_FRAME_ALIGN)) {
		printk("config: platform gits_base 0x%llx is not 64 KiB aligned\n",
		       plat->gits_base);
		return -EINVAL;
	}
	return 0;
}

/* The redistributors of the root's CPUs (every CPU's, at enable). */
static const char *kept_device_arm64(const struct bulkhead_config_header *sys, u64 phys, u64 size)
{
	const struct bulkhead_platform_arm64 *gic = &bulkhead_config_system(sys)->platform.arm64;
	u64 cpus = bulkhead_config_cell(sys)->cpu_set;

	if (ranges_overlap(phys, size, gic->gicd_base, GICD_SIZE))
		return "the GIC distributor";
	if (ranges_overlap(phys, size, gic->gicr_base, __builtin_popcountll(cpus) * GICR_CPU_SIZE))
		return "the GIC redistributors";
	if (gic->gits_base && ranges_overlap(phys, size, gic->gits_base, GITS_SIZE))
		return "the GIC ITS";
	return NULL;
}

const struct config_arch config_arch_arm64 = {
	.id = BULKHEAD_ARCH_ARM64,
	.name = "arm64",
	.guest_phys_limit = BULKHEAD_ARM64_IPA_LIMIT,
	/* SGIs and PPIs belong to whichever cell runs on the CPU anyway. */
	.irq_first = BULKHEAD_IRQ_SPI_FIRST,
	.irq_last = BULKHEAD_IRQ_SPI_LAST,
	.irq_kind = "shared peripheral interrupt",
	.platform_size = sizeof(struct bulkhead_platform_arm64),
	.check_console = check_console_arm64,
	.check_platform = check_platform_arm64,
	.kept_device = kept_device_arm64,
};
