// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-dtb.c: the device tree generated for a cell, parsed back with
 * libfdt node by node: memory, CPUs, PSCI, GIC, timer, the emulated UART,
 * power button and watchdog, a device passed through (taken from a board tree built
 * here like QEMU virt's), the channels and /chosen.
 */
#include <string.h>

#include <libfdt.h>

#include "unit.h"

#include "../../tools/hvctl-dtb.c"

#define MiB		(1024ULL * 1024)

static struct {
	struct bulkhead_cell cell;
	struct bulkhead_mem_region region[4];
	struct bulkhead_channel channel[2];
	__u32 irq[2];
	struct bulkhead_vdevice vdev[3];
} __attribute__((packed)) config = {
	.cell = {
		.name = "linux",
		.flags = BULKHEAD_CELL_BUS_ERRORS,
		.num_mem_regions = 4,
		.cpu_set = 0xc,			/* physical CPUs 2 and 3 */
		.comm_region = 0x80000000,
		.num_irqs = 2,
		.num_channels = 2,
		.num_vdevices = 3,
		.health = { .watchdog_timeout_ms = 4500 },
	},
	.region = {
		{ 0x80000000, 0x40000000, 192 * MiB,
		  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE |
		  BULKHEAD_MEM_LOADABLE },
		/* The image store: no memory of the cell's. */
		{ 0x8c000000, 0x50000000, 64 * MiB,
		  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IMAGE_STORE },
		/* The board's RTC, passed through, seen where the board has it. */
		{ 0x09010000, 0x09010000, 0x1000,
		  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO },
		/* An io region the board's tree does not describe. */
		{ 0x09050000, 0x09050000, 0x1000,
		  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO },
	},
	.channel = {
		{ "root-linux", "qemu-virt-linux", 0x7e300000, 0x60000000, 0x100000,
		  BULKHEAD_CHANNEL_WRITE, 246 },
		{ "log", "logger", 0x7e400000, 0x60100000, 0x10000, 0, 0 },
	},
	/* The RTC's SPI 2 (INTID 34) and a doorbell. */
	.irq = { 34, 246 },
	.vdev = {
		{ 0x09000000, BULKHEAD_VDEV_PL011, 33 },
		{ 0x09030000, BULKHEAD_VDEV_POWER_BUTTON, 39 },
		{ 0x090c0000, BULKHEAD_VDEV_SP805, 45 },
	},
};

static char board[8192];
static char dtb[HVCTL_DTB_MAX_SIZE];
static char why[512];
static char notes[2048];

static void add_board_reg(int node, __u64 address, __u64 size)
{
	ck_assert_int_eq(fdt_appendprop_addrrange(board, 0, node, "reg", address, size), 0);
}

/* The parts of QEMU virt's tree the generator reads. */
static void make_board(bool with_rtc_interrupt)
{
	int node, cpus;

	ck_assert_int_eq(fdt_create_empty_tree(board, sizeof(board)), 0);
	fdt_setprop_u32(board, 0, "#address-cells", 2);
	fdt_setprop_u32(board, 0, "#size-cells", 2);
	cpus = fdt_add_subnode(board, 0, "cpus");
	node = fdt_add_subnode(board, cpus, "cpu@0");
	fdt_setprop_string(board, node, "compatible", "arm,cortex-a57");
	node = fdt_add_subnode(board, 0, "apb-pclk");
	fdt_setprop_string(board, node, "compatible", "fixed-clock");
	fdt_setprop_u32(board, node, "clock-frequency", 24000000);
	fdt_setprop_u32(board, node, "phandle", 0x8000);
	node = fdt_add_subnode(board, 0, "pl031@9010000");
	fdt_setprop(board, node, "compatible", "arm,pl031\0arm,primecell", 25);
	add_board_reg(node, 0x09010000, 0x1000);
	fdt_setprop_u32(board, node, "clocks", 0x8000);
	fdt_setprop_string(board, node, "clock-names", "apb_pclk");
	fdt_setprop_u32(board, node, "interrupts", 0);
	fdt_appendprop_u32(board, node, "interrupts", with_rtc_interrupt ? 2 : 5);
	fdt_appendprop_u32(board, node, "interrupts", 4);
	node = fdt_add_subnode(board, 0, "intc@8000000");
	fdt_setprop_string(board, node, "compatible", "arm,gic-v3");
	add_board_reg(node, 0x08000000, 0x10000);
	add_board_reg(node, 0x080a0000, 0xf60000);
}

static FILE *notes_file;

static int build(const char *cmdline, __u64 initrd_start, __u64 initrd_size)
{
	struct hvctl_dtb_args args = {
		.cell = &config.cell,
		.board = board,
		.cmdline = cmdline,
		.initrd_start = initrd_start,
		.initrd_size = initrd_size,
	};
	int ret;

	memset(notes, 0, sizeof(notes));
	notes_file = fmemopen(notes, sizeof(notes) - 1, "w");
	args.notes = notes_file;
	ret = hvctl_dtb_build(&args, dtb, sizeof(dtb), why, sizeof(why));
	fclose(notes_file);
	return ret;
}

static int node(const char *path)
{
	int off = fdt_path_offset(dtb, path);

	ck_assert_msg(off >= 0, "no node %s", path);
	return off;
}

static void assert_absent(const char *path)
{
	ck_assert_msg(fdt_path_offset(dtb, path) < 0, "node %s should not be there", path);
}

static const char *str(const char *path, const char *prop)
{
	const char *value = fdt_getprop(dtb, node(path), prop, NULL);

	ck_assert_msg(value, "%s lacks %s", path, prop);
	return value;
}

/* The property's cells, which must be @num. */
static const fdt32_t *cells(const char *path, const char *prop, int num)
{
	int len;
	const fdt32_t *value = fdt_getprop(dtb, node(path), prop, &len);

	ck_assert_msg(value, "%s lacks %s", path, prop);
	ck_assert_int_eq(len, num * 4);
	return value;
}

static __u32 cell_at(const fdt32_t *p, int n)
{
	return fdt32_to_cpu(p[n]);
}

static void assert_reg(const char *path, __u64 address, __u64 size)
{
	const fdt32_t *reg = cells(path, "reg", 4);

	ck_assert_uint_eq(((__u64)cell_at(reg, 0) << 32) | cell_at(reg, 1), address);
	ck_assert_uint_eq(((__u64)cell_at(reg, 2) << 32) | cell_at(reg, 3), size);
}

static void assert_spi(const char *path, __u32 intid, __u32 flags)
{
	const fdt32_t *irq = cells(path, "interrupts", 3);

	ck_assert_uint_eq(cell_at(irq, 0), 0);
	ck_assert_uint_eq(cell_at(irq, 1), intid - 32);
	ck_assert_uint_eq(cell_at(irq, 2), flags);
}

static bool has(const char *path, const char *prop)
{
	return fdt_getprop(dtb, node(path), prop, NULL) != NULL;
}

START_TEST(test_platform)
{
	const fdt32_t *p;
	__u32 gic;

	make_board(true);
	ck_assert_int_eq(build("console=ttyAMA0", 0, 0), 0);
	ck_assert_int_eq(fdt_check_header(dtb), 0);
	ck_assert_str_eq(str("/", "model"), "Bulkhead cell linux");
	ck_assert_uint_eq(cell_at(cells("/", "#address-cells", 1), 0), 2);
	/* RAM only: neither the image store nor the io regions. */
	assert_reg("/memory@40000000", 0x40000000, 192 * MiB);
	ck_assert_str_eq(str("/memory@40000000", "device_type"), "memory");
	assert_absent("/memory@50000000");
	/* Two CPUs numbered from 0, whatever their physical ids. */
	ck_assert_uint_eq(cell_at(cells("/cpus/cpu@0", "reg", 1), 0), 0);
	ck_assert_uint_eq(cell_at(cells("/cpus/cpu@1", "reg", 1), 0), 1);
	assert_absent("/cpus/cpu@2");
	ck_assert_str_eq(str("/cpus/cpu@1", "enable-method"), "psci");
	ck_assert_str_eq(str("/cpus/cpu@0", "compatible"), "arm,cortex-a57");
	/* PSCI through HVC unless the config says SMC. */
	ck_assert_str_eq(str("/psci", "compatible"), "arm,psci-1.0");
	ck_assert_str_eq(str("/psci", "method"), "hvc");
	/* The GIC at the board's addresses, one redistributor frame per CPU. */
	p = cells("/intc@8000000", "reg", 8);
	ck_assert_uint_eq(cell_at(p, 1), 0x08000000);
	ck_assert_uint_eq(cell_at(p, 3), 0x10000);
	ck_assert_uint_eq(cell_at(p, 5), 0x080a0000);
	ck_assert_uint_eq(cell_at(p, 7), 2 * 0x20000);
	ck_assert_uint_eq(cell_at(cells("/intc@8000000", "#interrupt-cells", 1), 0), 3);
	ck_assert(has("/intc@8000000", "interrupt-controller"));
	ck_assert(!has("/intc@8000000", "redistributor-stride"));
	gic = cell_at(cells("/intc@8000000", "phandle", 1), 0);
	ck_assert_uint_eq(cell_at(cells("/", "interrupt-parent", 1), 0), gic);
	assert_absent("/intc@8000000/its@8080000");
	/* The timer's PPIs as QEMU gives them: 13, 14, 11, 10. */
	p = cells("/timer", "interrupts", 12);
	ck_assert_uint_eq(cell_at(p, 0), 1);
	ck_assert_uint_eq(cell_at(p, 1), 13);
	ck_assert_uint_eq(cell_at(p, 4), 14);
	ck_assert_uint_eq(cell_at(p, 7), 11);
	ck_assert_uint_eq(cell_at(p, 10), 10);
	ck_assert_str_eq(str("/timer", "compatible"), "arm,armv8-timer");

	config.cell.flags |= BULKHEAD_CELL_PSCI_SMC;
	ck_assert_int_eq(build(NULL, 0, 0), 0);
	config.cell.flags &= ~BULKHEAD_CELL_PSCI_SMC;
	ck_assert_str_eq(str("/psci", "method"), "smc");
}
END_TEST

START_TEST(test_emulated_devices)
{
	const fdt32_t *p;
	__u32 clk, gpio;

	make_board(true);
	ck_assert_int_eq(build("console=ttyAMA0", 0, 0), 0);
	assert_reg("/pl011@9000000", 0x09000000, 0x1000);
	ck_assert_str_eq(str("/pl011@9000000", "compatible"), "arm,pl011");
	assert_spi("/pl011@9000000", 33, 4);
	clk = cell_at(cells("/apb-pclk", "phandle", 1), 0);
	ck_assert_uint_eq(cell_at(cells("/apb-pclk", "clock-frequency", 1), 0), 24000000);
	p = cells("/pl011@9000000", "clocks", 2);
	ck_assert_uint_eq(cell_at(p, 0), clk);
	ck_assert_str_eq(str("/chosen", "stdout-path"), "/pl011@9000000");
	ck_assert_str_eq(str("/aliases", "serial0"), "/pl011@9000000");

	assert_reg("/pl061@9030000", 0x09030000, 0x1000);
	assert_spi("/pl061@9030000", 39, 4);
	ck_assert(has("/pl061@9030000", "gpio-controller"));
	gpio = cell_at(cells("/pl061@9030000", "phandle", 1), 0);
	ck_assert_str_eq(str("/gpio-keys", "compatible"), "gpio-keys");
	p = cells("/gpio-keys/poweroff", "gpios", 3);
	ck_assert_uint_eq(cell_at(p, 0), gpio);
	ck_assert_uint_eq(cell_at(p, 1), 3);
	ck_assert_uint_eq(cell_at(cells("/gpio-keys/poweroff", "linux,code", 1), 0), 116);

	/* The watchdog's own 1 MHz clock first (sp805_wdt's rate), then the bus clock. */
	assert_reg("/watchdog@90c0000", 0x090c0000, 0x1000);
	ck_assert_str_eq(str("/watchdog@90c0000", "compatible"), "arm,sp805");
	ck_assert_int_eq(fdt_node_check_compatible(dtb, fdt_path_offset(dtb, "/watchdog@90c0000"),
						   "arm,primecell"), 0);
	assert_spi("/watchdog@90c0000", 45, 4);
	p = cells("/watchdog@90c0000", "clocks", 2);
	ck_assert_uint_eq(cell_at(p, 0), cell_at(cells("/clock-1000000", "phandle", 1), 0));
	ck_assert_uint_eq(cell_at(cells("/clock-1000000", "clock-frequency", 1), 0), 1000000);
	ck_assert_uint_eq(cell_at(p, 1), clk);
	ck_assert_int_eq(fdt_stringlist_search(dtb, fdt_path_offset(dtb, "/watchdog@90c0000"),
					       "clock-names", "wdog_clk"), 0);
	ck_assert_int_eq(fdt_stringlist_search(dtb, fdt_path_offset(dtb, "/watchdog@90c0000"),
					       "clock-names", "apb_pclk"), 1);
	/* 4.5 s: the OS is told 5, rounded up: it never gets less time than the config gives. */
	ck_assert_uint_eq(cell_at(cells("/watchdog@90c0000", "timeout-sec", 1), 0), 5);
	config.cell.health.watchdog_timeout_ms = 0;
	ck_assert_int_eq(build("console=ttyAMA0", 0, 0), 0);
	config.cell.health.watchdog_timeout_ms = 4500;
	assert_reg("/watchdog@90c0000", 0x090c0000, 0x1000);
	ck_assert(!has("/watchdog@90c0000", "timeout-sec"));
}
END_TEST

START_TEST(test_passed_through)
{
	make_board(true);
	ck_assert_int_eq(build(NULL, 0, 0), 0);
	/* The board's node, its clock the cell's own 24 MHz one, its SPI the cell's. */
	assert_reg("/pl031@9010000", 0x09010000, 0x1000);
	ck_assert_str_eq(str("/pl031@9010000", "compatible"), "arm,pl031");
	ck_assert_str_eq(str("/pl031@9010000", "clock-names"), "apb_pclk");
	ck_assert_uint_eq(cell_at(cells("/pl031@9010000", "clocks", 1), 0),
			  cell_at(cells("/apb-pclk", "phandle", 1), 0));
	assert_spi("/pl031@9010000", 34, 4);
	ck_assert_msg(strstr(notes, "device@9050000: no node in the root's device tree at "
			     "0x9050000; not described"), "notes: %s", notes);

	/* An interrupt the cell does not own is left out, and said so. */
	make_board(false);
	ck_assert_int_eq(build(NULL, 0, 0), 0);
	ck_assert(!has("/pl031@9010000", "interrupts"));
	ck_assert_msg(strstr(notes, "pl031@9010000: its interrupt 37 is not the cell's"),
		      "notes: %s", notes);
}
END_TEST

START_TEST(test_channels_and_chosen)
{
	const fdt32_t *p;
	int len;

	make_board(true);
	ck_assert_int_eq(build("console=ttyAMA0 quiet", 0x42210000, 0x300000), 0);
	assert_reg("/bulkhead@80000000", 0x80000000, 0x1000);
	ck_assert_str_eq(str("/bulkhead@80000000", "compatible"), "bulkhead,cell");
	ck_assert_str_eq(str("/bulkhead@80000000", "cell-name"), "linux");
	ck_assert(has("/bulkhead@80000000", "ranges"));
	assert_reg("/bulkhead@80000000/channel@60000000", 0x60000000, 0x100000);
	ck_assert_str_eq(str("/bulkhead@80000000/channel@60000000", "channel-name"),
			 "root-linux");
	ck_assert_str_eq(str("/bulkhead@80000000/channel@60000000", "peer"), "qemu-virt-linux");
	ck_assert_uint_eq(cell_at(cells("/bulkhead@80000000/channel@60000000", "bulkhead,index",
					1), 0), 0);
	ck_assert(!has("/bulkhead@80000000/channel@60000000", "read-only"));
	assert_spi("/bulkhead@80000000/channel@60000000", 246, 1);
	ck_assert_uint_eq(cell_at(cells("/bulkhead@80000000/channel@60100000", "bulkhead,index",
					1), 0), 1);
	ck_assert(has("/bulkhead@80000000/channel@60100000", "read-only"));
	ck_assert(!has("/bulkhead@80000000/channel@60100000", "interrupts"));

	ck_assert_str_eq(str("/chosen", "bootargs"), "console=ttyAMA0 quiet");
	p = fdt_getprop(dtb, node("/chosen"), "linux,initrd-start", &len);
	ck_assert_int_eq(len, 8);
	ck_assert_uint_eq(cell_at(p, 1), 0x42210000);
	p = fdt_getprop(dtb, node("/chosen"), "linux,initrd-end", &len);
	ck_assert_uint_eq(cell_at(p, 1), 0x42510000);

	ck_assert_int_eq(build(NULL, 0, 0), 0);
	ck_assert(!has("/chosen", "bootargs"));
	ck_assert(!has("/chosen", "linux,initrd-start"));
}
END_TEST

START_TEST(test_errors)
{
	struct hvctl_dtb_args args = { .cell = &config.cell };
	int gic;

	ck_assert_int_eq(hvctl_dtb_build(&args, dtb, sizeof(dtb), why, sizeof(why)), -1);
	ck_assert_msg(strstr(why, "the root's device tree is missing"), "%s", why);
	make_board(true);
	gic = fdt_path_offset(board, "/intc@8000000");
	fdt_setprop_string(board, gic, "compatible", "arm,gic-400");
	args.board = board;
	ck_assert_int_eq(hvctl_dtb_build(&args, dtb, sizeof(dtb), why, sizeof(why)), -1);
	ck_assert_msg(strstr(why, "no arm,gic-v3 node"), "%s", why);
	make_board(true);
	ck_assert_int_eq(hvctl_dtb_build(&args, dtb, 512, why, sizeof(why)), -1);
	ck_assert_msg(strstr(why, "needs more than 512 bytes"), "%s", why);
}
END_TEST

/* The Linux cell of the QEMU board, compiled from its source, described as the board is. */
START_TEST(test_linux_cell_config)
{
	static char cfg[BULKHEAD_CONFIG_MAX_SIZE], out[512];
	struct hvctl_dtb_args args = { .board = board };
	const fdt32_t *p;
	FILE *f;

	unit_tmpdir_enter();
	ck_assert_int_eq(unit_run(CELLC_PATH, "-o linux.cell " TOP_DIR
				  "/configs/arm64/qemu-virt-linux-cell.dts", out, sizeof(out)), 0);
	f = fopen("linux.cell", "rb");
	ck_assert(f);
	ck_assert_uint_gt(fread(cfg, 1, sizeof(cfg), f), 0);
	fclose(f);
	unit_tmpdir_leave();
	args.cell = bulkhead_config_cell((const void *)cfg);
	make_board(true);
	ck_assert_int_eq(hvctl_dtb_build(&args, dtb, sizeof(dtb), why, sizeof(why)), 0);
	assert_reg("/memory@40000000", 0x40000000, 256 * MiB);
	assert_absent("/memory@90000000");
	ck_assert_uint_eq(cell_at(cells("/cpus/cpu@1", "reg", 1), 0), 1);
	assert_absent("/cpus/cpu@2");
	ck_assert_str_eq(str("/psci", "method"), "hvc");
	assert_spi("/pl011@9000000", 33, 4);
	assert_spi("/pl061@9030000", 39, 4);
	assert_spi("/watchdog@90c0000", 45, 4);
	ck_assert_uint_eq(cell_at(cells("/watchdog@90c0000", "timeout-sec", 1), 0), 60);
	p = cells("/intc@8000000", "reg", 8);
	ck_assert_uint_eq(cell_at(p, 7), 2 * 0x20000);
	ck_assert_str_eq(str("/bulkhead@80000000", "cell-name"), "linux");
}
END_TEST

Suite *hvctl_dtb_suite(void)
{
	Suite *s = suite_create("hvctl-dtb");
	TCase *tc = tcase_create("generated device tree");

	tcase_add_test(tc, test_platform);
	tcase_add_test(tc, test_emulated_devices);
	tcase_add_test(tc, test_passed_through);
	tcase_add_test(tc, test_channels_and_chosen);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_linux_cell_config);
	suite_add_tcase(s, tc);
	return s;
}
