// SPDX-License-Identifier: GPL-2.0
/*
 * x86-64 configs for the validator (config.c, bulkhead/config_arch.h): a
 * root cell only for now (no interrupt sources for cells yet), guest-physical
 * addresses below BULKHEAD_X86_GPA_LIMIT, a 16550 UART in I/O port space, and
 * the PC's shared interrupt controllers, timer and PCI configuration window,
 * which stay the root's. Built into the hypervisor and the host tools alike.
 */
#include <bulkhead/types.h>
#include <bulkhead/errno.h>
#include <bulkhead/printk.h>
#include <bulkhead/config_check.h>
#include <bulkhead/config_arch.h>

/* A 16550 has 8 registers. */
#define UART_PORTS	8

static int check_console_x86(const struct bulkhead_console *con)
{
	if (con->type != BULKHEAD_CONSOLE_8250_PIO) {
		printk("config: debug_console type %u is unknown (expected %u none, %u 8250-pio)\n",
		       con->type, BULKHEAD_CONSOLE_NONE, BULKHEAD_CONSOLE_8250_PIO);
		return -EINVAL;
	}
	if (con->size != 0 && con->size != UART_PORTS) {
		printk("config: debug_console size %u is not the %u ports of a 16550\n", con->size,
		       UART_PORTS);
		return -EINVAL;
	}
	if (con->address > BULKHEAD_X86_PIO_LIMIT - UART_PORTS) {
		printk("config: debug_console port 0x%llx + %u ports exceeds the I/O space "
		       "(0x%x ports)\n", con->address, UART_PORTS, BULKHEAD_X86_PIO_LIMIT);
		return -EINVAL;
	}
	return 0;
}

/*
 * A device window of the platform: page aligned, and neither in the
 * hypervisor's memory nor in the root's RAM (the root reaches it as io).
 */
static int check_device_window(const struct bulkhead_config_header *hdr, const char *field,
			       u64 base, u64 size)
{
	const struct bulkhead_mem_region *hv = &bulkhead_config_system(hdr)->hypervisor_memory;
	const struct bulkhead_cell *root = bulkhead_config_cell(hdr);
	const struct bulkhead_mem_region *ram;

	if (!IS_ALIGNED(base, CONFIG_PAGE_SIZE) || size - 1 > ~0ULL - base) {
		printk("config: platform %s 0x%llx is not page aligned or wraps\n", field, base);
		return -EINVAL;
	}
	if (ranges_overlap(base, size, hv->phys_start, hv->size)) {
		printk("config: platform %s 0x%llx-0x%llx overlaps hypervisor_memory "
		       "(0x%llx-0x%llx)\n", field, base, base + size - 1, hv->phys_start,
		       hv->phys_start + hv->size - 1);
		return -EINVAL;
	}
	ram = config_region_holding(root, base, 1);
	if (ram && !(ram->flags & BULKHEAD_MEM_IO)) {
		printk("config: platform %s 0x%llx lies in RAM of the root cell (0x%llx-0x%llx)\n",
		       field, base, ram->phys_start, ram->phys_start + ram->size - 1);
		return -EINVAL;
	}
	return 0;
}

static int check_mmconfig(const struct bulkhead_config_header *hdr,
			  const struct bulkhead_platform_x86 *plat)
{
	u64 buses = (u64)plat->mmconfig_end_bus - plat->mmconfig_start_bus + 1;

	if (plat->mmconfig_base == 0) {
		if (plat->mmconfig_start_bus == 0 && plat->mmconfig_end_bus == 0)
			return 0;
		printk("config: platform mmconfig buses %u-%u are set, but mmconfig_base is 0\n",
		       plat->mmconfig_start_bus, plat->mmconfig_end_bus);
		return -EINVAL;
	}
	if (!IS_ALIGNED(plat->mmconfig_base, BULKHEAD_X86_MMCONFIG_ALIGN)) {
		printk("config: platform mmconfig_base 0x%llx is not 1 MiB aligned\n",
		       plat->mmconfig_base);
		return -EINVAL;
	}
	if (plat->mmconfig_start_bus > plat->mmconfig_end_bus) {
		printk("config: platform mmconfig_start_bus %u is above mmconfig_end_bus %u\n",
		       plat->mmconfig_start_bus, plat->mmconfig_end_bus);
		return -EINVAL;
	}
	return check_device_window(hdr, "mmconfig_base", plat->mmconfig_base,
				   buses * BULKHEAD_X86_MMCONFIG_ALIGN);
}

static int check_platform_x86(const struct bulkhead_config_header *hdr)
{
	const struct bulkhead_platform_x86 *plat = &bulkhead_config_system(hdr)->platform.x86;
	int err;

	if (plat->reserved != 0) {
		printk("config: platform reserved 0x%x must be 0\n", plat->reserved);
		return -EINVAL;
	}
	if (plat->tsc_khz > BULKHEAD_X86_MAX_TSC_KHZ) {
		printk("config: platform tsc_khz %u exceeds the maximum of %u (0: measure it)\n",
		       plat->tsc_khz, BULKHEAD_X86_MAX_TSC_KHZ);
		return -EINVAL;
	}
	/* Every CPU with VT-x has a local APIC; the rest is optional. */
	if (plat->lapic_base == 0) {
		printk("config: platform lapic_base is 0 (a PC's is 0xfee00000)\n");
		return -EINVAL;
	}
	err = check_device_window(hdr, "lapic_base", plat->lapic_base, CONFIG_PAGE_SIZE);
	if (!err && plat->ioapic_base)
		err = check_device_window(hdr, "ioapic_base", plat->ioapic_base, CONFIG_PAGE_SIZE);
	if (!err && plat->hpet_base)
		err = check_device_window(hdr, "hpet_base", plat->hpet_base, CONFIG_PAGE_SIZE);
	return err ?: check_mmconfig(hdr, plat);
}

static const char *kept_device_x86(const struct bulkhead_config_header *sys, u64 phys, u64 size)
{
	const struct bulkhead_platform_x86 *plat = &bulkhead_config_system(sys)->platform.x86;
	u64 buses = (u64)plat->mmconfig_end_bus - plat->mmconfig_start_bus + 1;

	if (ranges_overlap(phys, size, plat->lapic_base, CONFIG_PAGE_SIZE))
		return "the local APIC window";
	if (plat->ioapic_base && ranges_overlap(phys, size, plat->ioapic_base, CONFIG_PAGE_SIZE))
		return "the I/O APIC";
	if (plat->hpet_base && ranges_overlap(phys, size, plat->hpet_base, CONFIG_PAGE_SIZE))
		return "the HPET";
	if (plat->mmconfig_base &&
	    ranges_overlap(phys, size, plat->mmconfig_base, buses * BULKHEAD_X86_MMCONFIG_ALIGN))
		return "the PCI MMCONFIG window";
	return NULL;
}

const struct config_arch config_arch_x86 = {
	.id = BULKHEAD_ARCH_X86_64,
	.name = "x86-64",
	.guest_phys_limit = BULKHEAD_X86_GPA_LIMIT,
	/* First > last: no interrupt sources for cells until non-root cells exist. */
	.irq_first = 1,
	.irq_last = 0,
	.irq_kind = "interrupt source",
	.platform_size = sizeof(struct bulkhead_platform_x86),
	.check_console = check_console_x86,
	.check_platform = check_platform_x86,
	.kept_device = kept_device_x86,
};
