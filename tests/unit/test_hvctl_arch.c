// SPDX-License-Identifier: GPL-2.0
/*
 * What hvctl does differently per architecture (tools/arch/): each arch's
 * part is included here under its own name (the host's is linked as well,
 * as hvctl_arch); and the host's hvctl, run as a user would.
 */
#include <string.h>

#include "unit.h"
#include "../../tools/hvctl.h"

#define hvctl_arch hvctl_arch_arm64
#include "../../tools/arch/hvctl-arm64.c"
#undef hvctl_arch
#define hvctl_arch hvctl_arch_x86
#include "../../tools/arch/hvctl-x86.c"
#undef hvctl_arch

START_TEST(test_arch_ids)
{
	ck_assert_uint_eq(hvctl_arch_arm64.id, BULKHEAD_ARCH_ARM64);
	ck_assert_uint_eq(hvctl_arch.id, HVCTL_ARCH);
	ck_assert_uint_eq(hvctl_arch_x86.id, BULKHEAD_ARCH_X86_64);
	ck_assert_str_eq(hvctl_arch_name(hvctl_arch_x86.id), "x86-64");
}
END_TEST

/* hvctl info's mode column: "EL2  stage-2 on" on the board, "VMX-root  EPT on" on the PC. */
START_TEST(test_stage2_name)
{
	ck_assert_str_eq(hvctl_arch_arm64.stage2_name, "stage-2");
	ck_assert_str_eq(hvctl_arch_x86.stage2_name, "EPT");
}
END_TEST

/* ENODEV from enable: each arch names its own causes. */
START_TEST(test_enable_hint)
{
	ck_assert_ptr_nonnull(strstr(hvctl_arch_arm64.enable_enodev, "kvm-arm.mode=none"));
	ck_assert_ptr_nonnull(strstr(hvctl_arch_x86.enable_enodev, "VT-x"));
	ck_assert_ptr_nonnull(strstr(hvctl_arch_x86.enable_enodev, "rmmod kvm_intel"));
}
END_TEST

/* A PC has no device tree: the commands that read the machine's own need --board there. */
START_TEST(test_board_fdt)
{
	ck_assert_str_eq(hvctl_arch_arm64.board_fdt, "/sys/firmware/fdt");
	ck_assert_ptr_null(hvctl_arch_x86.board_fdt);
}
END_TEST

/* The host's hvctl is built for the host; on an amd64 host it is an x86 hvctl. */
START_TEST(test_host_hvctl_board)
{
	static const char *const cmds[] = { "hardware check", "config create",
					     "cell dtb x.cell", NULL };
	const char *const *cmd;
	bool x86;

	ck_assert_int_eq(run_hvctl("--version"), 0);
	x86 = strstr(hvctl_output, "arch x86-64");
	for (cmd = cmds; *cmd; cmd++) {
		int status = run_hvctl(*cmd);

		ck_assert_msg(!x86 || status == 1, "hvctl %s: status %d", *cmd, status);
		ck_assert_msg(!x86 == !strstr(hvctl_output, "x86-64 machine has no device tree; "
					      "the command is for arm64 boards: give a board's "
					      ".dtb with --board FILE"), "hvctl %s:\n%s", *cmd,
			      hvctl_output);
	}
	/* With --board the arm64 tools work on any host. */
	ck_assert_int_eq(run_hvctl("hardware check --board /nonexistent.dtb"), 1);
	assert_hvctl_says("/nonexistent.dtb: cannot read");
}
END_TEST

/* An x86 PC's config: its RAM is kept from Linux with mem= or memmap=, not a device tree. */
static const char x86_system[] =
	"/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,system\";\n\tarch = \"x86-64\";\n"
	"\t#address-cells = <2>;\n\t#size-cells = <2>;\n"
	"\thypervisor@70000000 {\n\t\treg = <0x0 0x70000000 0x0 0x01000000>;\n\t};\n"
	"\tdebug-console@3f8 {\n\t\ttype = \"8250-pio\";\n\t\treg = <0x0 0x3f8 0x0 0x8>;\n\t};\n"
	"\tplatform {\n\t\tlapic-base = <0x0 0xfee00000>;\n"
	"\t\tioapic-base = <0x0 0xfec00000>;\n\t};\n"
	"\troot-cell {\n\t\tcell-name = \"pc\";\n\t\tcpus = <0 1>;\n"
	"\t\t#address-cells = <2>;\n\t\t#size-cells = <2>;\n"
	"\t\tmemory@0 {\n\t\t\treg = <0x0 0x0 0x0 0x70000000>;\n"
	"\t\t\tflags = \"read\", \"write\", \"execute\";\n\t\t};\n\t};\n};\n";

START_TEST(test_reserve_hint)
{
	ck_assert_str_eq(hvctl_arch_reserve_hint(BULKHEAD_ARCH_ARM64),
			 "mem= or a /reserved-memory node with no-map");
	ck_assert_str_eq(hvctl_arch_reserve_hint(BULKHEAD_ARCH_X86_64),
			 "mem= or memmap=SIZE$START on its command line");
}
END_TEST

/* What the config check of an x86 config says, on any host. */
START_TEST(test_x86_config_check)
{
	char out[4096];

	unit_tmpdir_enter();
	unit_write_file("pc.dts", x86_system);
	ck_assert_msg(unit_run(CELLC_PATH, "-o pc.cell pc.dts", out, sizeof(out)) == 0, "%s", out);
	ck_assert_int_eq(run_hvctl("config check pc.cell --iomem " TOP_DIR
				   "/tests/unit/configs/iomem-all-ram"), 1);
	assert_hvctl_says("pc.cell: hypervisor memory (0x70000000): error: 0x70000000-0x70ffffff: "
			  "Linux uses 0x40000000-0x9fffffff (System RAM in " TOP_DIR
			  "/tests/unit/configs/iomem-all-ram); keep Linux out of it (mem= or "
			  "memmap=SIZE$START on its command line)\n");
	unit_tmpdir_leave();
}
END_TEST

Suite *hvctl_arch_suite(void)
{
	Suite *s = suite_create("hvctl_arch");
	TCase *tc = tcase_create("arch");

	tcase_add_test(tc, test_arch_ids);
	tcase_add_test(tc, test_stage2_name);
	tcase_add_test(tc, test_enable_hint);
	tcase_add_test(tc, test_board_fdt);
	tcase_add_test(tc, test_host_hvctl_board);
	tcase_add_test(tc, test_reserve_hint);
	tcase_add_test(tc, test_x86_config_check);
	suite_add_tcase(s, tc);
	return s;
}
