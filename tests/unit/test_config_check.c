// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config check (tools/hvctl-config-check.c), run as a user runs it:
 * one broken set of configs per kind of problem, each with the exact line
 * it must print; the shipped sets, clean; and, for every set, the same
 * creates on the host hypervisor of hv_fakes.c (the real cell_create() on
 * the system config of the set), which must refuse a set exactly when the
 * check finds an error in it, and refuse first a cell the check names.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hv_fakes.h"
#include "unit.h"

#define SYS		"configs/arm64/qemu-virt.dts"
#define CELL(name)	"configs/arm64/qemu-virt-" name ".dts"
#define SYSTEM(name)	"tests/system/configs/" name ".dts"
#define UNIT(name)	"tests/unit/configs/check-" name ".dts"

struct config_set {
	const char *files[5];
	/* A line the check must print ("" for a clean set), and its exit status. */
	const char *line;
	int status;
};

/* One set per kind of problem; the system config comes first. */
static const struct config_set broken_sets[] = {
	{ { SYS, SYSTEM("cell-cpu0") },
	  SYSTEM("cell-cpu0") ": /cell: error: CPU 0 stays with the root cell", 1 },
	{ { SYS, CELL("hello"), SYSTEM("cell-cpu-taken") },
	  SYSTEM("cell-cpu-taken") ": /cell: error: CPU 1 is given to cell \"hello\" ("
	  CELL("hello") ") already", 1 },
	{ { SYS, CELL("hello"), SYSTEM("cell-dup-name") },
	  SYSTEM("cell-dup-name") ": /cell: error: name \"hello\" is taken by cell \"hello\" ("
	  CELL("hello") ")", 1 },
	{ { SYS, UNIT("root-name") },
	  UNIT("root-name") ": /cell: error: name \"qemu-virt-linux\" is taken by the root cell",
	  1 },
	{ { SYSTEM("system-one-cell"), CELL("hello"), CELL("rtc") },
	  CELL("rtc") ": /cell: error: max-cells is 1 in the system config: this is cell 2 of "
	  "the set", 1 },
	{ { SYS, SYSTEM("cell-hv-memory") },
	  SYSTEM("cell-hv-memory") ": /cell/memory@70000000: error: 0x70000000-0x700fffff "
	  "overlaps the hypervisor's memory 0x70000000-0x70ffffff", 1 },
	{ { SYS, SYSTEM("cell-not-root") },
	  SYSTEM("cell-not-root") ": /cell/memory@a0000000: error: 0xa0000000-0xa00fffff is not "
	  "inside one region of the root cell (" SYS ")", 1 },
	{ { SYS, CELL("hello"), SYSTEM("cell-overlap") },
	  SYSTEM("cell-overlap") ": /cell/memory@71080000: error: 0x71080000-0x7117ffff overlaps "
	  "memory region 0 of cell \"hello\" (" CELL("hello") ")", 1 },
	{ { SYS, CELL("rtc"), UNIT("rtc-twice") },
	  UNIT("rtc-twice") ": /cell/device@9010000: error: 0x9010000-0x9010fff overlaps memory "
	  "region 1 of cell \"rtc-demo\" (" CELL("rtc") ")", 1 },
	{ { SYS, SYSTEM("dma-uart") },
	  SYSTEM("dma-uart") ": /cell/device@9000000: error: 0x9000000-0x9000fff overlaps the "
	  "debug console, which the hypervisor keeps", 1 },
	{ { SYS, SYSTEM("dma-gic") },
	  SYSTEM("dma-gic") ": /cell/device@8000000: error: 0x8000000-0x800ffff overlaps the GIC "
	  "distributor, which the hypervisor keeps", 1 },
	{ { SYS, SYSTEM("dma-virtio") },
	  SYSTEM("dma-virtio") ": /cell/device@a000000: error: 0xa000000-0xa000fff is part of "
	  "root device region 0xa000000-0xa003fff, which can master DMA: no IOMMU confines it, "
	  "so no cell may have it", 1 },
	{ { SYS, UNIT("vdev-gic") },
	  UNIT("vdev-gic") ": /cell/vdevice@8000000: error: 0x8000000 overlaps the GIC "
	  "distributor, which the cell sees there", 1 },
	{ { SYS, CELL("rtc"), SYSTEM("cell-root-irq") },
	  SYSTEM("cell-root-irq") ": /cell: error: interrupt 34 is taken by cell \"rtc-demo\" ("
	  CELL("rtc") ")", 1 },
	{ { SYS, SYSTEM("chan-steal-doorbell") },
	  SYSTEM("chan-steal-doorbell") ": /cell: error: interrupt 240 is taken by the doorbell of "
	  "channel \"root-echo\" of the root cell", 1 },
	{ { SYS, SYSTEM("chan-bad-irq") },
	  SYSTEM("chan-bad-irq") ": /cell/channel@7e000000: error: doorbell-irq 240 is taken by "
	  "the doorbell of channel \"root-echo\" of the root cell", 1 },
	{ { SYS, SYSTEM("chan-bad-mismatch") },
	  SYSTEM("chan-bad-mismatch") ": /cell/channel@7e000000: error: memory "
	  "0x7e000000+0x200000 differs from cell \"qemu-virt-linux\" (" SYS ")'s "
	  "0x7e000000+0x100000", 1 },
	{ { SYS, SYSTEM("chan-bad-undeclared") },
	  SYSTEM("chan-bad-undeclared") ": /cell/channel@7e000000: error: peer cell "
	  "\"qemu-virt-linux\" (" SYS ") declares no channel \"root-nope\"", 1 },
	{ { SYS, CELL("chan-b"), SYSTEM("chan-bad-policy") },
	  SYSTEM("chan-bad-policy") ": /cell/channel@7e300000: error: peer \"chan-b\" but the "
	  "policy has no link between \"chan-c\" and \"chan-b\"", 1 },
	{ { SYS, SYSTEM("chan-bad-write") },
	  SYSTEM("chan-bad-write") ": /cell/channel@7e100000: error: flags 0x1 (write) but the "
	  "policy has no link \"reader\" -> \"qemu-virt-linux\"", 1 },
	{ { SYS, CELL("chan-a"), UNIT("channel-name") },
	  UNIT("channel-name") ": /cell/channel@7e500000: error: the name is taken by a channel "
	  "of cell \"chan-a\" (" CELL("chan-a") ")", 1 },
	{ { SYS, CELL("chan-a"), SYSTEM("chan-spy") },
	  SYSTEM("chan-spy") ": /cell/memory@7e200000: error: 0x7e200000-0x7e2fffff overlaps the "
	  "memory of channel \"a-b\" of cell \"chan-a\" (" CELL("chan-a") ")", 1 },
	/* Warnings: the hypervisor creates these, but they do not do what was meant. */
	{ { SYS, CELL("chan-a") },
	  CELL("chan-a") ": /cell/channel@7e200000: warning: peer \"chan-b\" is not in this set: "
	  "the channel stays unconnected", 0 },
	{ { SYS, CELL("chan-a"), UNIT("no-doorbell") },
	  UNIT("no-doorbell") ": /cell/channel@7e200000: warning: no doorbell-irq, so \"chan-a\" "
	  "cannot ring this end, though the policy lets it", 0 },
	{ { SYS, UNIT("read-only-a"), UNIT("read-only") },
	  UNIT("read-only") ": /cell/channel@7e200000: warning: neither end may write the memory "
	  "(both access = \"read-only\")", 0 },
};

/* The sets the demos and system tests create together: nothing to say but the RAM note. */
static const struct config_set clean_sets[] = {
	{ { SYS, CELL("hello"), CELL("rtc") }, "", 0 },
	{ { SYS, CELL("latency"), CELL("smp") }, "", 0 },
	{ { SYS, CELL("echo"), CELL("chan-b"), CELL("chan-a") }, "", 0 },
	{ { SYS, CELL("linux-cell"), CELL("bm-echo") }, "", 0 },
	{ { SYS, CELL("passive"), SYSTEM("chan-reader") }, "", 0 },
	{ { SYS, CELL("hello"), SYSTEM("chan-logger") }, "", 0 },
};

/* "A B C": the files of @set, from the top of the tree. */
static const char *set_args(const struct config_set *set, const char *extra)
{
	static char args[1024];
	unsigned int n;

	snprintf(args, sizeof(args), "config check%s%s", extra[0] ? " " : "", extra);
	for (n = 0; n < ARRAY_SIZE(set->files) && set->files[n]; n++)
		snprintf(args + strlen(args), sizeof(args) - strlen(args), " %s", set->files[n]);
	return args;
}

/* hvctl config check on @set, run from the top of the tree; its exit status. */
static int check(const struct config_set *set, const char *extra)
{
	ck_assert_int_eq(chdir(TOP_DIR), 0);
	return run_hvctl(set_args(set, extra));
}

#define assert_line(text)                                                                 \
	ck_assert_msg(strstr(hvctl_output, text "\n") &&                                    \
		      (strstr(hvctl_output, text "\n") == hvctl_output ||                   \
		       strstr(hvctl_output, text "\n")[-1] == '\n'),                        \
		      "output lacks the line \"%s\":\n%s", text, hvctl_output)

START_TEST(test_broken_set)
{
	const struct config_set *set = &broken_sets[_i];

	ck_assert_int_eq(check(set, ""), set->status);
	ck_assert_msg(strstr(hvctl_output, set->line), "output lacks \"%s\":\n%s", set->line,
		      hvctl_output);
}
END_TEST

START_TEST(test_clean_set)
{
	ck_assert_int_eq(check(&clean_sets[_i], "--cmdline tests/unit/configs/mem-768m.cmdline"),
			 0);
	ck_assert_str_eq(hvctl_output, "0 errors, 0 warnings\n");
}
END_TEST

/* Every shipped cell with the system config: nothing wrong, at most a peer it waits for. */
START_TEST(test_shipped_cells)
{
	static const char *const cells[] = { "bm-echo", "board", "chan-a", "chan-b", "echo",
					     "hello", "latency", "linux-cell", "passive", "rtc",
					     "smp" };
	char args[512];
	unsigned int n;

	ck_assert_int_eq(chdir(TOP_DIR), 0);
	for (n = 0; n < ARRAY_SIZE(cells); n++) {
		snprintf(args, sizeof(args), "config check %s configs/arm64/qemu-virt-%s.dts "
			 "--cmdline tests/unit/configs/mem-768m.cmdline", SYS, cells[n]);
		ck_assert_msg(run_hvctl(args) == 0, "%s", hvctl_output);
		ck_assert_msg(strstr(hvctl_output, "0 errors, "), "%s", hvctl_output);
	}
}
END_TEST

/*
 * The consistency test: the creates of @set, in order, on the real
 * cell_create() of a hypervisor booted with the set's system config.
 * Without a view of Linux's RAM the check judges only what the hypervisor
 * judges (its one note says so): a set it finds errors in must be refused,
 * at a cell it names; a set it passes must be created whole.
 */
START_TEST(test_hypervisor_agrees)
{
	const struct config_set *set = &broken_sets[_i];
	char path[512], named[256];
	unsigned int n, refused = 0;
	int status;

	status = check(set, "");
	for (n = 0; n < ARRAY_SIZE(set->files) && set->files[n]; n++) {
		snprintf(path, sizeof(path), "%s/%s", TOP_DIR, set->files[n]);
		if (n == 0) {
			hv_boot_system(path);
			continue;
		}
		if (hv_create_file(path) < 0) {
			refused = n;
			break;
		}
	}
	if (status == 0) {
		ck_assert_msg(!refused, "config check passed the set, the hypervisor refused %s:\n%s",
			      set->files[refused], console_captured());
	} else {
		ck_assert_msg(refused, "config check found errors, the hypervisor created every "
			      "cell:\n%s", hvctl_output);
		snprintf(named, sizeof(named), "%s: ", set->files[refused]);
		ck_assert_msg(strstr(hvctl_output, named) &&
			      strstr(strstr(hvctl_output, named), ": error: "),
			      "the hypervisor refused %s (%s), config check did not name it:\n%s",
			      set->files[refused], console_captured(), hvctl_output);
	}
	hv_shutdown();
}
END_TEST

START_TEST(test_clean_sets_create)
{
	const struct config_set *set = &clean_sets[_i];
	char path[512];
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(set->files) && set->files[n]; n++) {
		snprintf(path, sizeof(path), "%s/%s", TOP_DIR, set->files[n]);
		if (n == 0)
			hv_boot_system(path);
		else
			ck_assert_msg(hv_create_file(path) > 0, "%s refused:\n%s", path,
				      console_captured());
	}
	hv_shutdown();
}
END_TEST

/* The memory Linux uses, from its /proc/iomem or its mem=: cells and hypervisor stay out. */
START_TEST(test_linux_ram)
{
	const struct config_set linux_ram = { { SYS, SYSTEM("cell-linux-ram") }, "", 1 };
	const struct config_set system = { { SYS }, "", 1 };

	ck_assert_int_eq(check(&linux_ram, "--cmdline tests/unit/configs/mem-768m.cmdline"), 1);
	assert_line(SYSTEM("cell-linux-ram") ": /cell/memory@40000000: error: "
		    "0x40000000-0x400fffff: Linux uses 0x40000000-0x6fffffff (mem= in "
		    "tests/unit/configs/mem-768m.cmdline); keep Linux out of it (mem= or a "
		    "/reserved-memory node with no-map)");
	ck_assert_int_eq(check(&linux_ram, "--iomem tests/unit/configs/iomem-all-ram"), 1);
	assert_line(SYSTEM("cell-linux-ram") ": /cell/memory@40000000: error: "
		    "0x40000000-0x400fffff: Linux uses 0x40000000-0x9fffffff (System RAM in "
		    "tests/unit/configs/iomem-all-ram); keep Linux out of it (mem= or a "
		    "/reserved-memory node with no-map)");
	/* All RAM Linux's: the hypervisor's memory and the root's channels too. */
	ck_assert_int_eq(check(&system, "--iomem tests/unit/configs/iomem-all-ram"), 1);
	assert_line(SYS ": /hypervisor@70000000: error: 0x70000000-0x70ffffff: Linux uses "
		    "0x40000000-0x9fffffff (System RAM in tests/unit/configs/iomem-all-ram); keep "
		    "Linux out of it (mem= or a /reserved-memory node with no-map)");
	assert_line(SYS ": /root-cell/channel@7e000000: error: memory 0x7e000000-0x7e0fffff: "
		    "Linux uses 0x40000000-0x9fffffff (System RAM in "
		    "tests/unit/configs/iomem-all-ram); keep Linux out of it (mem= or a "
		    "/reserved-memory node with no-map)");
	/* The board's own /proc/iomem (mem=768M): nothing to say. */
	ck_assert_int_eq(check(&system, "--iomem tests/unit/configs/iomem-board"), 0);
	ck_assert_str_eq(hvctl_output, "0 errors, 0 warnings\n");
	/* Nothing to go by: said once, not counted. */
	ck_assert_int_eq(check(&system, ""), 0);
	assert_line(SYS ": note: cannot tell whether Linux keeps out of the hypervisor's and the "
		    "cells' memory: run it on the target, or give --iomem FILE (its /proc/iomem) "
		    "or --cmdline FILE (its /proc/cmdline)");
	assert_line("0 errors, 0 warnings");
	/* A command line without mem=, and an iomem read without the right to see addresses. */
	ck_assert_int_eq(check(&system, "--cmdline tests/unit/configs/iomem-board"), 1);
	assert_hvctl_says("hvctl: tests/unit/configs/iomem-board: no mem= on the command line");
	ck_assert_int_eq(check(&system, "--iomem tests/unit/configs/iomem-unprivileged"), 1);
	assert_hvctl_says("every address reads as 0: only root sees them; run hvctl as root");
}
END_TEST

/* An EFI machine's /proc/iomem has many pieces of System RAM: the last one counts too. */
START_TEST(test_linux_ram_in_pieces)
{
	const struct config_set linux_ram = { { SYS, SYSTEM("cell-linux-ram") }, "", 1 };
	static char text[16384], args[512];
	unsigned int n;

	unit_tmpdir_enter();
	text[0] = '\0';
	/* 200 pieces of 1 MiB from 0x60000000, then the one with the cell's memory. */
	for (n = 0; n < 200; n++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "%08x-%08x : System RAM\n", 0x60000000 + n * 0x200000,
			 0x600fffff + n * 0x200000);
	snprintf(text + strlen(text), sizeof(text) - strlen(text), "40000000-400fffff : System RAM\n");
	unit_write_file("iomem", text);
	snprintf(args, sizeof(args), "--iomem %s/iomem", unit_tmpdir());
	ck_assert_int_eq(check(&linux_ram, args), 1);
	assert_hvctl_says(": /cell/memory@40000000: error: 0x40000000-0x400fffff: Linux uses "
			  "0x40000000-0x400fffff (System RAM in ");
	unit_tmpdir_leave();
}
END_TEST

/* Compiled .cell files carry no node names: items go by index and address. */
START_TEST(test_compiled_configs)
{
	char out[4096], args[512];

	ck_assert_int_eq(chdir(TOP_DIR), 0);
	unit_tmpdir_enter();
	snprintf(args, sizeof(args), "-o sys.cell %s/" SYS, TOP_DIR);
	ck_assert_int_eq(unit_run(CELLC_PATH, args, out, sizeof(out)), 0);
	snprintf(args, sizeof(args), "-o hv.cell %s/" SYSTEM("cell-hv-memory"), TOP_DIR);
	ck_assert_int_eq(unit_run(CELLC_PATH, args, out, sizeof(out)), 0);
	snprintf(args, sizeof(args), "-o irq.cell %s/" SYSTEM("chan-steal-doorbell"), TOP_DIR);
	ck_assert_int_eq(unit_run(CELLC_PATH, args, out, sizeof(out)), 0);
	ck_assert_int_eq(run_hvctl("config check sys.cell hv.cell irq.cell"), 1);
	assert_line("hv.cell: memory region 0 (0x70000000): error: 0x70000000-0x700fffff "
		    "overlaps the hypervisor's memory 0x70000000-0x70ffffff");
	assert_line("irq.cell: irq 0 (INTID 240): error: interrupt 240 is taken by the doorbell "
		    "of channel \"root-echo\" of the root cell");
	assert_line("2 errors, 0 warnings");
	/* A damaged file and a cell config given as the system. */
	unit_write_file("short.cell", "BHCONFIG");
	ck_assert_int_eq(run_hvctl("config check hv.cell short.cell"), 1);
	assert_hvctl_says("hv.cell: error: this is a cell config; 'hvctl config check' needs a "
			  "system config (kind 'system')");
	assert_hvctl_says("short.cell: error: ");
	unit_tmpdir_leave();
}
END_TEST

/* Each file goes through the compiler's schema checks and the validator first. */
START_TEST(test_single_files)
{
	ck_assert_int_eq(chdir(TOP_DIR), 0);
	unit_tmpdir_enter();
	unit_write_file("typo.dts", "/dts-v1/;\n/ { compatible = \"bulkhead,cell\"; arch = "
			"\"arm64\"; cell { cell-name = \"t\"; cpus = <1>; cpu = <2>; }; };\n");
	unit_write_file("range.dts", "#include \"" TOP_DIR "/" CELL("hello") "\"\n"
			"&{/cell} { interrupts = <40 41 20>; };\n");
	ck_assert_int_eq(run_hvctl("config check " TOP_DIR "/" SYS " typo.dts range.dts"), 1);
	assert_hvctl_says("typo.dts: /cell: error: property \"cpu\": unknown property");
	assert_line("range.dts: /cell: error: cell \"hello\" irq 2: INTID 20 is not a shared "
		    "peripheral interrupt (32-1019)");
	/* The system config must come first. */
	ck_assert_int_eq(run_hvctl("config check " TOP_DIR "/" CELL("hello")), 1);
	assert_line(TOP_DIR "/" CELL("hello") ": /: error: the first file must be the system "
		    "config (compatible = \"bulkhead,system\")");
	unit_tmpdir_leave();
}
END_TEST

START_TEST(test_json_and_usage)
{
	const struct config_set set = { { SYS, SYSTEM("cell-cpu0") }, "", 1 };

	ck_assert_int_eq(check(&set, "--json --cmdline tests/unit/configs/mem-768m.cmdline"), 1);
	ck_assert_str_eq(hvctl_output,
			 "{\"error\": \"1 error in the config set\", \"errno\": 0, \"status\": 1, "
			 "\"problems\": [{\"file\": \"" SYSTEM("cell-cpu0") "\", \"node\": \"/cell\", "
			 "\"severity\": \"error\", \"message\": \"CPU 0 stays with the root cell\"}], "
			 "\"errors\": 1, \"warnings\": 0}\n");
	/* Clean: the result object, warnings and the note included; global --json too. */
	ck_assert_int_eq(run_hvctl("--json config check " SYS " " CELL("chan-a") " --iomem "
				   "tests/unit/configs/iomem-board"), 0);
	ck_assert_str_eq(hvctl_output,
			 "{\"problems\": [{\"file\": \"" CELL("chan-a") "\", \"node\": "
			 "\"/cell/channel@7e200000\", \"severity\": \"warning\", \"message\": "
			 "\"peer \\\"chan-b\\\" is not in this set: the channel stays unconnected\"}], "
			 "\"errors\": 0, \"warnings\": 1}\n");
	/* An option's file that cannot be read is the command's error. */
	ck_assert_int_eq(run_hvctl("config check --json " SYS " --iomem /nonexistent"), 1);
	ck_assert_str_eq(hvctl_output, "{\"error\": \"/nonexistent: cannot open: No such file or "
			 "directory\", \"errno\": 0, \"status\": 1}\n");
	ck_assert_int_eq(run_hvctl("config check"), 2);
	ck_assert_int_eq(run_hvctl("config check --iomem"), 2);
}
END_TEST

Suite *config_check_suite(void)
{
	Suite *suite = suite_create("config-check");
	TCase *sets = tcase_create("sets");
	TCase *agree = tcase_create("hypervisor-agrees");
	TCase *inputs = tcase_create("inputs");

	tcase_add_loop_test(sets, test_broken_set, 0, ARRAY_SIZE(broken_sets));
	tcase_add_loop_test(sets, test_clean_set, 0, ARRAY_SIZE(clean_sets));
	tcase_add_test(sets, test_shipped_cells);
	tcase_add_test(sets, test_linux_ram);
	tcase_add_test(sets, test_linux_ram_in_pieces);
	suite_add_tcase(suite, sets);
	tcase_add_loop_test(agree, test_hypervisor_agrees, 0, ARRAY_SIZE(broken_sets));
	tcase_add_loop_test(agree, test_clean_sets_create, 0, ARRAY_SIZE(clean_sets));
	suite_add_tcase(suite, agree);
	tcase_add_test(inputs, test_compiled_configs);
	tcase_add_test(inputs, test_single_files);
	tcase_add_test(inputs, test_json_and_usage);
	suite_add_tcase(suite, inputs);
	return suite;
}
