// SPDX-License-Identifier: GPL-2.0
/*
 * The validator on x86-64 configs (hypervisor/arch/x86/config.c through
 * config.c): the compiled configs/x86/bochs-pc.dts is accepted, and every x86
 * platform field, the port-I/O console, the guest-physical limit and the
 * absence of interrupt sources for cells are refused with one line naming
 * the field. Configs of one arch are refused when the other is expected.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include <bulkhead/types.h>
#include <bulkhead/errno.h>
#include <bulkhead/config_check.h>
#include <bulkhead/config_arch.h>

/* Region indices in configs/x86/bochs-pc.dts. */
#define PC_LOW_RAM	0
#define PC_RAM		1
#define PC_SPARE_RAM	2
#define PC_REGIONS	8

static u8 cfg[BULKHEAD_CONFIG_MAX_SIZE];
static unsigned long cfg_size;

static struct bulkhead_config_header *hdr(void)
{
	return (struct bulkhead_config_header *)cfg;
}

static struct bulkhead_system *sys(void)
{
	return (struct bulkhead_system *)bulkhead_config_system(hdr());
}

static struct bulkhead_platform_x86 *plat(void)
{
	return &sys()->platform.x86;
}

static struct bulkhead_cell *root(void)
{
	return (struct bulkhead_cell *)bulkhead_config_cell(hdr());
}

static struct bulkhead_mem_region *region(unsigned int n)
{
	return (struct bulkhead_mem_region *)&bulkhead_cell_mem_regions(root())[n];
}

static void load_file(const char *path)
{
	FILE *file = fopen(path, "rb");

	ck_assert_msg(file, "cannot open %s (make -C tests/unit run builds it)", path);
	memset(cfg, 0, sizeof(cfg));
	cfg_size = fread(cfg, 1, sizeof(cfg), file);
	fclose(file);
}

static void load_pc(void)
{
	load_file(BOCHS_PC_CELL);
}

/* The result of checking the config, after making size and checksum consistent again. */
static int check_as(unsigned int arch)
{
	hdr()->total_size = (u32)cfg_size;
	hdr()->checksum = bulkhead_config_checksum(hdr(), cfg_size);
	console_capture_reset();
	return config_check(hdr(), cfg_size, BULKHEAD_CONFIG_SYSTEM, arch);
}

/* Refused as an x86-64 config with one line holding @needle. */
static void expect_reject_at(int line, const char *needle)
{
	int err = check_as(BULKHEAD_ARCH_X86_64);
	const char *out = console_captured();

	ck_assert_msg(err == -EINVAL, "line %d: returned %d; printed: %s", line, err, out);
	ck_assert_msg(strstr(out, needle), "line %d: message \"%s\" lacks \"%s\"", line, out,
		      needle);
	ck_assert_msg(strchr(out, '\n') == out + strlen(out) - 1, "line %d: not one line: %s",
		      line, out);
}

#define expect_reject(needle) expect_reject_at(__LINE__, needle)

START_TEST(test_bochs_pc_accepted)
{
	ck_assert_uint_eq(hdr()->arch, BULKHEAD_ARCH_X86_64);
	ck_assert_uint_eq(root()->num_mem_regions, PC_REGIONS);
	ck_assert_uint_eq(sys()->debug_console.type, BULKHEAD_CONSOLE_8250_PIO);
	ck_assert_uint_eq(sys()->debug_console.address, 0x3f8);
	ck_assert_uint_eq(plat()->lapic_base, 0xfee00000);
	ck_assert_uint_eq(plat()->ioapic_base, 0xfec00000);
	ck_assert_uint_eq(plat()->hpet_base, 0xfed00000);
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
	ck_assert_str_eq(console_captured(), "");
}
END_TEST

/* Each arch's config is refused by the other arch's check, by its arch field alone. */
START_TEST(test_wrong_arch_both_ways)
{
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_ARM64), -EINVAL);
	ck_assert_str_eq(console_captured(),
			 "config: arch 2 does not match this hypervisor (expected 1)\n");
	load_file(QEMU_VIRT_CELL);
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), -EINVAL);
	ck_assert_str_eq(console_captured(),
			 "config: arch 1 does not match this hypervisor (expected 2)\n");
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_ARM64), 0);
}
END_TEST

/* An arch the format does not know, even when the caller expects it (hvctl's any-arch check). */
START_TEST(test_unknown_arch)
{
	hdr()->arch = 7;
	ck_assert_int_eq(check_as(7), -EINVAL);
	ck_assert_str_eq(console_captured(), "config: arch 7 is not supported here (expected "
			 "1 arm64, 2 x86-64)\n");
}
END_TEST

START_TEST(test_console_types)
{
	sys()->debug_console.type = BULKHEAD_CONSOLE_PL011;
	expect_reject("config: debug_console type 1 is unknown (expected 0 none, 3 8250-pio)");
	sys()->debug_console.type = BULKHEAD_CONSOLE_8250;
	expect_reject("debug_console type 2 is unknown");
	/* And the other way: arm64 has no port I/O. */
	load_file(QEMU_VIRT_CELL);
	sys()->debug_console.type = BULKHEAD_CONSOLE_8250_PIO;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_ARM64), -EINVAL);
	ck_assert_str_eq(console_captured(), "config: debug_console type 3 is unknown (expected "
			 "0 none, 1 pl011, 2 8250)\n");
}
END_TEST

START_TEST(test_console_ports)
{
	sys()->debug_console.size = 4;
	expect_reject("config: debug_console size 4 is not the 8 ports of a 16550");
	sys()->debug_console.size = 8;
	sys()->debug_console.address = 0xfff9;
	expect_reject("config: debug_console port 0xfff9 + 8 ports exceeds the I/O space "
		      "(0x10000 ports)");
	sys()->debug_console.address = 0xfff8;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
	sys()->debug_console.address = 0;
	expect_reject("debug_console address 0x0, size 0x8: both must be non-zero");
}
END_TEST

START_TEST(test_lapic)
{
	plat()->lapic_base = 0;
	expect_reject("config: platform lapic_base is 0 (a PC's is 0xfee00000)");
	plat()->lapic_base = 0xfee00800;
	expect_reject("config: platform lapic_base 0xfee00800 is not page aligned or wraps");
	plat()->lapic_base = 0x30100000;
	expect_reject("config: platform lapic_base 0x30100000-0x30100fff overlaps "
		      "hypervisor_memory (0x30000000-0x30ffffff)");
	plat()->lapic_base = 0x20000000;
	expect_reject("config: platform lapic_base 0x20000000 lies in RAM of the root cell "
		      "(0x100000-0x2fffffff)");
	/* Where the root has nothing at all is not a problem of the platform block. */
	plat()->lapic_base = 0x100000000ULL;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
}
END_TEST

START_TEST(test_ioapic_and_hpet)
{
	plat()->ioapic_base = 0x1000;
	expect_reject("config: platform ioapic_base 0x1000 lies in RAM of the root cell "
		      "(0x0-0x9ffff)");
	plat()->ioapic_base = 0xfec00000;
	plat()->hpet_base = 0xfed00400;
	expect_reject("config: platform hpet_base 0xfed00400 is not page aligned or wraps");
	plat()->hpet_base = 0xfffffffffffff000ULL;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
	plat()->hpet_base = 0xfed00000;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
}
END_TEST

START_TEST(test_mmconfig)
{
	plat()->mmconfig_end_bus = 255;
	expect_reject("config: platform mmconfig buses 0-255 are set, but mmconfig_base is 0");
	plat()->mmconfig_base = 0xe0080000;
	expect_reject("config: platform mmconfig_base 0xe0080000 is not 1 MiB aligned");
	plat()->mmconfig_base = 0xe0000000;
	plat()->mmconfig_start_bus = 4;
	plat()->mmconfig_end_bus = 3;
	expect_reject("config: platform mmconfig_start_bus 4 is above mmconfig_end_bus 3");
	/* 256 buses from 0x20000000 reach into the root's RAM... */
	plat()->mmconfig_start_bus = 0;
	plat()->mmconfig_end_bus = 255;
	plat()->mmconfig_base = 0x20000000;
	expect_reject("platform mmconfig_base 0x20000000 lies in RAM of the root cell");
	/* ...and from 0x2f000000 into the hypervisor's memory above it. */
	plat()->mmconfig_base = 0x2f000000;
	expect_reject("config: platform mmconfig_base 0x2f000000-0x3effffff overlaps "
		      "hypervisor_memory");
	/* 256 MiB ending at the top of the address space fit; 1 MiB higher they wrap. */
	plat()->mmconfig_base = 0xfffffffff0000000ULL;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
	plat()->mmconfig_base = 0xfffffffff0100000ULL;
	expect_reject("config: platform mmconfig_base 0xfffffffff0100000 is not page aligned or "
		      "wraps");
	plat()->mmconfig_base = 0xe0000000;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
}
END_TEST

START_TEST(test_tsc_and_reserved)
{
	plat()->tsc_khz = BULKHEAD_X86_MAX_TSC_KHZ + 1;
	expect_reject("config: platform tsc_khz 20000001 exceeds the maximum of 20000000");
	plat()->tsc_khz = 3400000;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
	plat()->reserved = 1;
	expect_reject("config: platform reserved 0x1 must be 0");
	plat()->reserved = 0;
	sys()->platform.padding[sizeof(struct bulkhead_platform_x86)] = 1;
	expect_reject("config: platform byte 40 is 0x01, must be 0");
}
END_TEST

/* Until x86 has cells, no interrupt source may be named anywhere. */
START_TEST(test_no_interrupt_sources)
{
	sys()->event_irq = 32;
	expect_reject("config: event_irq 32: x86-64 cells take no interrupts yet");
}
END_TEST

START_TEST(test_guest_phys_limit)
{
	/* The root is identity-mapped: its RAM must lie below the x86 limit. */
	region(PC_SPARE_RAM)->phys_start = BULKHEAD_X86_GPA_LIMIT - 0x1000;
	region(PC_SPARE_RAM)->virt_start = BULKHEAD_X86_GPA_LIMIT - 0x1000;
	region(PC_SPARE_RAM)->size = 0x2000;
	expect_reject("config: cell \"bochs-pc-linux\" memory region 2: virt "
		      "0x7ffffff000-0x8000000fff ends beyond the cell address space limit "
		      "0x8000000000");
	region(PC_SPARE_RAM)->size = 0x1000;
	ck_assert_int_eq(check_as(BULKHEAD_ARCH_X86_64), 0);
}
END_TEST

/* What hvctl config check names when a cell's region touches a device the hypervisor keeps. */
START_TEST(test_kept_devices)
{
	const struct config_arch *arch = config_arch_find(BULKHEAD_ARCH_X86_64);

	ck_assert_ptr_eq(arch, &config_arch_x86);
	ck_assert_str_eq(arch->kept_device(hdr(), 0xfee00000, 0x1000), "the local APIC window");
	ck_assert_str_eq(arch->kept_device(hdr(), 0xfec00000, 0x10000), "the I/O APIC");
	ck_assert_str_eq(arch->kept_device(hdr(), 0xfecff000, 0x2000), "the HPET");
	ck_assert_ptr_null(arch->kept_device(hdr(), 0xfec01000, 0xff000));
	ck_assert_ptr_null(arch->kept_device(hdr(), 0xe0000000, 0x1000));
	plat()->mmconfig_base = 0xe0000000;
	plat()->mmconfig_end_bus = 1;
	ck_assert_str_eq(arch->kept_device(hdr(), 0xe01ff000, 0x1000), "the PCI MMCONFIG window");
	ck_assert_ptr_null(arch->kept_device(hdr(), 0xe0200000, 0x1000));
	/* arm64: the distributor, and two redistributor frames per root CPU (4 in qemu-virt). */
	load_file(QEMU_VIRT_CELL);
	arch = config_arch_find(BULKHEAD_ARCH_ARM64);
	ck_assert_str_eq(arch->kept_device(hdr(), 0x08000000, 0x1000), "the GIC distributor");
	ck_assert_str_eq(arch->kept_device(hdr(), 0x080a0000 + 4 * 0x20000 - 0x1000, 0x1000),
			 "the GIC redistributors");
	ck_assert_ptr_null(arch->kept_device(hdr(), 0x080a0000 + 4 * 0x20000, 0x1000));
	ck_assert_str_eq(arch->kept_device(hdr(), 0x08080000, 0x1000), "the GIC ITS");
}
END_TEST

/* hvctl config check on the PC's config, with a /proc/iomem as Linux on mem=768M shows it. */
START_TEST(test_hvctl_config_check)
{
	ck_assert_int_eq(chdir(TOP_DIR), 0);
	ck_assert_int_eq(run_hvctl("config check configs/x86/bochs-pc.dts "
				   "--iomem tests/unit/configs/iomem-bochs-pc"), 0);
	ck_assert_str_eq(hvctl_output, "0 errors, 0 warnings\n");
	ck_assert_int_eq(run_hvctl("config check configs/x86/bochs-pc.dts "
				   "tests/unit/configs/x86-cell-ioapic.dts "
				   "--iomem tests/unit/configs/iomem-bochs-pc"), 1);
	ck_assert_str_eq(hvctl_output, "tests/unit/configs/x86-cell-ioapic.dts: "
			 "/cell/device@fec00000: error: 0xfec00000-0xfec00fff overlaps the I/O "
			 "APIC, which the hypervisor keeps\n1 error, 0 warnings\n");
}
END_TEST

Suite *config_x86_suite(void)
{
	Suite *suite = suite_create("config_x86");
	TCase *tc = tcase_create("bochs-pc");

	tcase_add_checked_fixture(tc, load_pc, NULL);
	tcase_add_test(tc, test_bochs_pc_accepted);
	tcase_add_test(tc, test_wrong_arch_both_ways);
	tcase_add_test(tc, test_unknown_arch);
	tcase_add_test(tc, test_console_types);
	tcase_add_test(tc, test_console_ports);
	tcase_add_test(tc, test_lapic);
	tcase_add_test(tc, test_ioapic_and_hpet);
	tcase_add_test(tc, test_mmconfig);
	tcase_add_test(tc, test_tsc_and_reserved);
	tcase_add_test(tc, test_no_interrupt_sources);
	tcase_add_test(tc, test_guest_phys_limit);
	tcase_add_test(tc, test_kept_devices);
	tcase_add_test(tc, test_hvctl_config_check);
	suite_add_tcase(suite, tc);
	return suite;
}
