// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl config create and hvctl hardware check against saved machines
 * (tests/unit/boards/: device trees written like those of real boards, with
 * their /proc/iomem and /proc/cmdline, and QEMU's own tree of the test
 * board). The generated configs are compared with the expected ones (read
 * and checked by hand, line by line, against the board sources), compiled
 * with bulkhead-cellc where the hypervisor supports the GIC, and the QEMU
 * board's is held against the hand-written configs/arm64/qemu-virt.dts.
 * The hardware check's negative cases come from injected inputs.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "unit.h"

#include "../../tools/hvctl-board.c"
#include "../../tools/hvctl-config-create.c"
#include "../../tools/hvctl-config-devices.c"
#include "../../tools/hvctl-hardware.c"

#define BOARDS		TOP_DIR "/tests/unit/boards/"
#define CELLC_OUT_LEN	4096
/* What the test board's kernel logs about EL2 and KVM. */
#define EL2_LOG		"CPU: All CPU(s) started at EL2\nKVM disabled from command line\n"

static char *slurp(const char *path)
{
	char *text = hvctl_read_text(path);

	ck_assert_msg(text, "cannot read %s", path);
	return text;
}

/* hvctl config create for board @name into @out; returns its exit status. */
static int create(const char *name, const char *out)
{
	char args[1024];

	snprintf(args, sizeof(args), "config create --board " BOARDS "%s.dtb --iomem " BOARDS
		 "%s.iomem --cmdline " BOARDS "%s.cmdline --cpus 0-3 %s -o %s", name, name, name,
		 strcmp(name, "qemu-virt") ? "" : "--name qemu-virt-linux", out);
	return run_hvctl(args);
}

/* The first line where @got and @want differ (1-based), or 0. */
static unsigned int first_difference(const char *got, const char *want, const char **at)
{
	unsigned int line = 1;

	for (*at = got; *got == *want; got++, want++) {
		if (!*got)
			return 0;
		if (*got == '\n') {
			line++;
			*at = got + 1;
		}
	}
	return line;
}

static void assert_same_as_expected(const char *name, const char *out)
{
	char path[512], *got, *want;
	const char *at;
	unsigned int line;

	snprintf(path, sizeof(path), BOARDS "%s.expected.dts", name);
	got = slurp(out);
	want = slurp(path);
	line = first_difference(got, want, &at);
	ck_assert_msg(!line, "%s: line %u differs from %s: \"%.*s\"", name, line, path,
		      (int)strcspn(at, "\n"), at);
	free(got);
	free(want);
}

static int cellc(const char *dts, const char *cell, char *output, size_t len)
{
	char args[512];

	snprintf(args, sizeof(args), "-o %s %s", cell, dts);
	return unit_run(CELLC_PATH, args, output, len);
}

START_TEST(test_create_qemu_virt)
{
	char output[CELLC_OUT_LEN];

	unit_tmpdir_enter();
	ck_assert_int_eq(create("qemu-virt", "virt.dts"), 0);
	assert_hvctl_says("hvctl: wrote virt.dts: 0 CHECK comments to review");
	assert_same_as_expected("qemu-virt", "virt.dts");
	ck_assert_msg(cellc("virt.dts", "virt.cell", output, sizeof(output)) == 0, "%s", output);
}
END_TEST

/* The generated config of the test board has what the hand-written one has. */
START_TEST(test_create_qemu_virt_as_hand_written)
{
	char output[CELLC_OUT_LEN], why[256];
	size_t size, hand_size;
	void *gen, *hand;
	const struct bulkhead_system *gs, *hs;
	const struct bulkhead_cell *gc, *hc;
	const struct bulkhead_mem_region *gr, *hr;
	unsigned int n, k;

	unit_tmpdir_enter();
	ck_assert_int_eq(create("qemu-virt", "virt.dts"), 0);
	ck_assert_msg(cellc("virt.dts", "virt.cell", output, sizeof(output)) == 0, "%s", output);
	gen = hvctl_config_load("virt.cell", BULKHEAD_CONFIG_SYSTEM | HVCTL_CONFIG_ANY_ARCH, "test",
				&size, why, sizeof(why));
	hand = hvctl_config_load(QEMU_VIRT_CELL, BULKHEAD_CONFIG_SYSTEM | HVCTL_CONFIG_ANY_ARCH,
				 "test", &hand_size, why, sizeof(why));
	ck_assert_msg(gen && hand, "%s", why);
	gs = bulkhead_config_system(gen);
	hs = bulkhead_config_system(hand);
	ck_assert_uint_eq(gs->hypervisor_memory.phys_start, hs->hypervisor_memory.phys_start);
	ck_assert_uint_eq(gs->hypervisor_memory.size, hs->hypervisor_memory.size);
	ck_assert_int_eq(memcmp(&gs->platform, &hs->platform, sizeof(gs->platform)), 0);
	ck_assert_int_eq(memcmp(&gs->debug_console, &hs->debug_console,
				sizeof(gs->debug_console)), 0);
	gc = bulkhead_config_cell(gen);
	hc = bulkhead_config_cell(hand);
	ck_assert_uint_eq(gc->cpu_set, hc->cpu_set);
	/* Every region of the hand-written root lies in one generated region of the same kind. */
	hr = bulkhead_cell_mem_regions(hc);
	for (n = 0; n < hc->num_mem_regions; n++, hr++) {
		gr = bulkhead_cell_mem_regions(gc);
		for (k = 0; k < gc->num_mem_regions; k++, gr++)
			if (gr->phys_start <= hr->phys_start &&
			    hr->phys_start + hr->size <= gr->phys_start + gr->size)
				break;
		ck_assert_msg(k < gc->num_mem_regions, "region 0x%llx+0x%llx is not generated",
			      (unsigned long long)hr->phys_start, (unsigned long long)hr->size);
		ck_assert_uint_eq(gr->flags, hr->flags);
	}
	free(gen);
	free(hand);
}
END_TEST

START_TEST(test_create_gicv3_its)
{
	char output[CELLC_OUT_LEN];

	unit_tmpdir_enter();
	ck_assert_int_eq(create("gicv3-its", "its.dts"), 0);
	assert_hvctl_says("hvctl: check: can gpio@740000 master DMA?");
	assert_hvctl_says("1 CHECK comment to review");
	assert_same_as_expected("gicv3-its", "its.dts");
	ck_assert_msg(cellc("its.dts", "its.cell", output, sizeof(output)) == 0, "%s", output);
}
END_TEST

/* GICv2: described, marked, exit status 1, and bulkhead-cellc refuses it. */
START_TEST(test_create_gicv2_unsupported)
{
	char output[CELLC_OUT_LEN];

	unit_tmpdir_enter();
	ck_assert_int_eq(create("a53-gicv2", "v2.dts"), 1);
	assert_hvctl_says("hvctl: unsupported: a GICv2; this hypervisor supports GICv3 only");
	assert_hvctl_says("hvctl: this machine cannot run Bulkhead as it is");
	assert_hvctl_says("keep Linux out of it as PROPOSED at the top");
	assert_same_as_expected("a53-gicv2", "v2.dts");
	ck_assert_int_eq(cellc("v2.dts", "v2.cell", output, sizeof(output)), 1);
	ck_assert_msg(strstr(output, "gic"), "%s", output);
}
END_TEST

/* --json: the config and its notes in the result, an unsupported machine as the error. */
START_TEST(test_create_json)
{
	char args[1024];

	unit_tmpdir_enter();
	snprintf(args, sizeof(args), "--json config create --board " BOARDS "gicv3-its.dtb --iomem "
		 BOARDS "gicv3-its.iomem --cmdline " BOARDS "gicv3-its.cmdline --cpus 0-3");
	ck_assert_int_eq(run_hvctl(args), 0);
	assert_hvctl_says("{\"config\": \"// SPDX-License-Identifier: BSD-2-Clause\\n/*\\n");
	assert_hvctl_says("\"output\": null, \"checks\": 1, \"notes\": [\"check: can gpio@740000 "
			  "master DMA?");
	snprintf(args, sizeof(args), "config create --json --board " BOARDS "a53-gicv2.dtb --iomem "
		 BOARDS "a53-gicv2.iomem --cmdline " BOARDS "a53-gicv2.cmdline --cpus 0-3 -o v2.dts");
	ck_assert_int_eq(run_hvctl(args), 1);
	assert_hvctl_says("{\"error\": \"this machine cannot run Bulkhead as it is (UNSUPPORTED in "
			  "v2.dts)\", \"errno\": 0, \"status\": 1, \"hint\": [");
	assert_hvctl_says("\"unsupported: a GICv2; this hypervisor supports GICv3 only\"");
}
END_TEST

/* The command itself: a table, the verdict, the exit status; --json either way. */
START_TEST(test_hardware_check_command)
{
	char args[1024];

	unit_tmpdir_enter();
	unit_write_file("kmsg", EL2_LOG);
	snprintf(args, sizeof(args), "hardware check --board " BOARDS "qemu-virt.dtb --iomem "
		 BOARDS "qemu-virt.iomem --cmdline " BOARDS "qemu-virt.cmdline --cpus 0-3 "
		 "--kmsg kmsg");
	ck_assert_int_eq(run_hvctl(args), 0);
	assert_hvctl_says("ok       el2       Linux started at EL2 on every CPU (kernel log)\n");
	assert_hvctl_says("\nThis machine can run Bulkhead.\n");
	snprintf(args, sizeof(args), "hardware check --json --board " BOARDS "qemu-virt.dtb "
		 "--iomem " BOARDS "qemu-virt.iomem --cmdline " BOARDS "qemu-virt.cmdline --cpus "
		 "0-3 --kmsg kmsg " QEMU_VIRT_CELL);
	ck_assert_int_eq(run_hvctl(args), 0);
	assert_hvctl_says("{\"can_run\": true, \"findings\": [{\"verdict\": \"ok\", \"topic\": "
			  "\"el2\", ");
	assert_hvctl_says("is kept from Linux, and the root cell has all the RAM Linux uses");
	snprintf(args, sizeof(args), "hardware check --board " BOARDS "a53-gicv2.dtb --iomem "
		 BOARDS "a53-gicv2.iomem --cmdline " BOARDS "a53-gicv2.cmdline --cpus 0-3 "
		 "--kmsg kmsg");
	ck_assert_int_eq(run_hvctl(args), 1);
	assert_hvctl_says("problem  gic       a GICv2");
	assert_hvctl_says("hvctl: this machine cannot run Bulkhead: 2 problems above\n");
	ck_assert_int_eq(run_hvctl("hardware check --board " BOARDS "qemu-virt.dtb --kmsg nope"),
			 1);
	assert_hvctl_says("hvctl: kernel log nope: cannot read: No such file or directory");
	ck_assert_int_eq(run_hvctl("hardware check -o x"), 2);
}
END_TEST

START_TEST(test_create_refuses)
{
	unit_tmpdir_enter();
	unit_write_file("not.dtb", "hello");
	ck_assert_int_eq(run_hvctl("config create --board not.dtb"), 1);
	assert_hvctl_says("hvctl: not.dtb: not a flattened device tree");
	ck_assert_int_eq(run_hvctl("config create --board " BOARDS "qemu-virt.dtb --iomem nope"),
			 1);
	assert_hvctl_says("hvctl: memory map nope: cannot read: No such file or directory");
	unit_write_file("bad.iomem", "40000000-6fffffff System RAM\n");
	ck_assert_int_eq(run_hvctl("config create --board " BOARDS "qemu-virt.dtb --iomem "
				   "bad.iomem -o out.dts"), 1);
	assert_hvctl_says("line 1: not \"START-END : NAME\"");
	/* A failed create writes nothing. */
	ck_assert_int_ne(access("out.dts", F_OK), 0);
	ck_assert_int_eq(run_hvctl("config create stray"), 2);
	ck_assert_int_eq(run_hvctl("config create --name a\\\"b"), 2);
	assert_hvctl_says("hvctl: --name 'a\"b': a cell name has 1 to 31 printable characters");
}
END_TEST

/*
 * A big SoC: more devices than a cell has regions, and a frame buffer in RAM.
 * The config still compiles: neighbours joined, the frame buffer left to RAM.
 */
START_TEST(test_create_big_soc)
{
	static char fdt[65536];
	char why[256], name[32], output[CELLC_OUT_LEN], *text = NULL, *notes = NULL;
	const char *iomem = "40000000-6fffffff : System RAM\n";
	struct hvctl_create_args a = { .fdt = fdt, .iomem = iomem, .cmdline = "mem=768M",
				       .cpus_online = "0", .root_name = "big",
				       .hv_size = 16 << 20, .cell_ram = 256 << 20 };
	int cpus, node, gic, n, checks;
	size_t len = 0, notes_len = 0;
	FILE *out, *note_stream;

	unit_tmpdir_enter();
	ck_assert_int_eq(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
	fdt_setprop_u32(fdt, 0, "#address-cells", 2);
	fdt_setprop_u32(fdt, 0, "#size-cells", 2);
	cpus = fdt_add_subnode(fdt, 0, "cpus");
	fdt_setprop_u32(fdt, cpus, "#address-cells", 1);
	fdt_setprop_u32(fdt, cpus, "#size-cells", 0);
	node = fdt_add_subnode(fdt, cpus, "cpu@0");
	fdt_setprop_string(fdt, node, "device_type", "cpu");
	fdt_setprop_u32(fdt, node, "reg", 0);
	fdt_setprop_string(fdt, node, "enable-method", "psci");
	node = fdt_add_subnode(fdt, 0, "psci");
	fdt_setprop_string(fdt, node, "compatible", "arm,psci-1.0");
	fdt_setprop_string(fdt, node, "method", "smc");
	node = fdt_add_subnode(fdt, 0, "memory@40000000");
	fdt_setprop_string(fdt, node, "device_type", "memory");
	fdt_appendprop_addrrange(fdt, 0, node, "reg", 0x40000000, 0x40000000);
	gic = fdt_add_subnode(fdt, 0, "intc@8000000");
	fdt_setprop_string(fdt, gic, "compatible", "arm,gic-v3");
	fdt_appendprop_addrrange(fdt, 0, gic, "reg", 0x08000000, 0x10000);
	fdt_appendprop_addrrange(fdt, 0, gic, "reg", 0x080a0000, 0x20000);
	for (n = 0; n < 80; n++) {
		snprintf(name, sizeof(name), "serial@%x", 0x10000000 + n * 0x10000);
		node = fdt_add_subnode(fdt, 0, name);
		fdt_setprop_string(fdt, node, "compatible", "arm,pl011");
		fdt_appendprop_addrrange(fdt, 0, node, "reg", 0x10000000 + n * 0x10000, 0x1000);
	}
	node = fdt_add_subnode(fdt, 0, "framebuffer@7f000000");
	fdt_setprop_string(fdt, node, "compatible", "simple-framebuffer");
	fdt_appendprop_addrrange(fdt, 0, node, "reg", 0x7f000000, 0x800000);
	out = open_memstream(&text, &len);
	note_stream = open_memstream(&notes, &notes_len);
	checks = hvctl_config_create(&a, out, note_stream, why, sizeof(why));
	fclose(out);
	fclose(note_stream);
	unit_write_file("big.dts", text);
	/* And no /chosen/stdout-path: no debug console. */
	ck_assert_msg(checks == 3, "%d checks (%s), see big.dts", checks, checks < 0 ? why : "");
	ck_assert_msg(strstr(notes, "check: the registers of 1 device(s), framebuffer@7f000000 the "
			     "first, lie in RAM"), "%s", notes);
	/* 80 serial ports, the GICD and GICR, 2 RAM regions: 20 joins to fit 64. */
	ck_assert_msg(strstr(notes, "check: 20 times two device regions were joined across "
			     "unused"), "%s", notes);
	ck_assert_msg(strstr(notes, "check: no debug console: the device tree has no "
			     "/chosen/stdout-path"), "%s", notes);
	ck_assert_msg(cellc("big.dts", "big.cell", output, sizeof(output)) == 0, "%.300s", output);
	free(text);
	free(notes);
}
END_TEST

/* ----- the pieces ----- */

static void *load_dtb(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), BOARDS "%s.dtb", name);
	return slurp(path);
}

START_TEST(test_fdt_reg_translated)
{
	void *fdt = load_dtb("gicv3-its");
	__u64 addr, size;

	ck_assert(hvctl_fdt_reg(fdt, fdt_path_offset(fdt, "/bus@fe000000/serial@660000"), 0,
				&addr, &size));
	ck_assert_uint_eq(addr, 0xfe660000);
	ck_assert_uint_eq(size, 0x100);
	free(fdt);
	fdt = load_dtb("a53-gicv2");
	/* An I2C device has no address the CPU sees. */
	ck_assert(!hvctl_fdt_reg(fdt, fdt_path_offset(fdt, "/soc/i2c@1c2b000/pmic@34"), 0, &addr,
				 &size));
	free(fdt);
}
END_TEST

START_TEST(test_iomem_parse)
{
	static struct hvctl_iomem io;
	char why[256];

	ck_assert_int_eq(hvctl_iomem_parse("00000000-00000000 : System RAM\n", &io, why,
					   sizeof(why)), -1);
	ck_assert_str_eq(why, "every address reads as 0: only root sees them; run hvctl as root");
	ck_assert_int_eq(hvctl_iomem_parse("40000000-6fffffff : System RAM\n  40210000-4163ffff : "
					   "Kernel code\nzz\n", &io, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "line 3: not \"START-END : NAME\"");
	ck_assert_int_eq(hvctl_iomem_parse("09000000-09000fff : pl011@9000000\n40000000-6fffffff "
					   ": System RAM\n  40210000-4163ffff : Kernel code\n",
					   &io, why, sizeof(why)), 0);
	ck_assert_uint_eq(io.num, 2);
	ck_assert_uint_eq(io.entry[1].start, 0x40000000);
	ck_assert_uint_eq(io.entry[1].end, 0x70000000);
	ck_assert_str_eq(io.entry[1].name, "System RAM");
}
END_TEST

/* ----- hvctl hardware check ----- */

struct saved_machine {
	void *fdt;
	char *iomem, *cmdline;
	struct hvctl_machine m;
	struct hvctl_finding f[HVCTL_MAX_FINDINGS];
	unsigned int num;
};

static void saved(struct saved_machine *s, const char *board)
{
	char path[512];

	memset(s, 0, sizeof(*s));
	s->fdt = load_dtb(board);
	snprintf(path, sizeof(path), BOARDS "%s.iomem", board);
	s->iomem = slurp(path);
	snprintf(path, sizeof(path), BOARDS "%s.cmdline", board);
	s->cmdline = slurp(path);
	s->m.fdt = s->fdt;
	s->m.iomem = s->iomem;
	s->m.cmdline = s->cmdline;
	s->m.kmsg = EL2_LOG;
	s->m.cpus_online = "0-3";
	s->m.kvm_device = 0;
}

static void run_check(struct saved_machine *s)
{
	s->num = hvctl_hardware_check(&s->m, s->f);
}

/* The finding on @topic, which must be @verdict and mention @text. */
static void assert_finding(struct saved_machine *s, const char *topic, enum hvctl_verdict verdict,
			   const char *text)
{
	unsigned int n;

	for (n = 0; n < s->num; n++)
		if (!strcmp(s->f[n].topic, topic))
			break;
	ck_assert_msg(n < s->num, "no finding on %s", topic);
	ck_assert_msg(s->f[n].verdict == verdict, "%s: %s, not %s: %s", topic,
		      hvctl_verdict_name(s->f[n].verdict), hvctl_verdict_name(verdict),
		      s->f[n].text);
	ck_assert_msg(strstr(s->f[n].text, text), "%s: \"%s\" lacks \"%s\"", topic, s->f[n].text,
		      text);
}

static void unsaved(struct saved_machine *s)
{
	free(s->fdt);
	free(s->iomem);
	free(s->cmdline);
}

START_TEST(test_hardware_qemu_virt_ok)
{
	struct saved_machine s;
	unsigned int n;

	saved(&s, "qemu-virt");
	run_check(&s);
	for (n = 0; n < s.num; n++)
		ck_assert_msg(s.f[n].verdict == HVCTL_OK, "%s: %s", s.f[n].topic, s.f[n].text);
	assert_finding(&s, "el2", HVCTL_OK, "started at EL2");
	assert_finding(&s, "kvm", HVCTL_OK, "kvm-arm.mode=none");
	assert_finding(&s, "gic", HVCTL_OK, "GICv3: distributor 0x8000000, redistributors "
		       "0x80a0000, ITS");
	assert_finding(&s, "psci", HVCTL_OK, "PSCI 1.0 via smc");
	assert_finding(&s, "cpus", HVCTL_OK, "4 CPUs, all online");
	assert_finding(&s, "memory", HVCTL_OK, "768 MiB of RAM Linux does not use (first "
		       "0x70000000-0x9fffffff)");
	assert_finding(&s, "smmu", HVCTL_OK, "no SMMU");
	unsaved(&s);
}
END_TEST

START_TEST(test_hardware_el2_vhe_kvm)
{
	struct saved_machine s;

	saved(&s, "qemu-virt");
	s.m.kmsg = "CPU: All CPU(s) started at EL1\n";
	run_check(&s);
	assert_finding(&s, "el2", HVCTL_PROBLEM, "Linux started at EL1");
	s.m.kmsg = "CPU: All CPU(s) started at EL2\nCPU features: detected: Virtualization Host "
		   "Extensions\nkvm [1]: VHE mode initialized successfully\n";
	run_check(&s);
	assert_finding(&s, "vhe", HVCTL_PROBLEM, "id_aa64mmfr1.vh=0");
	assert_finding(&s, "kvm", HVCTL_PROBLEM, "KVM owns EL2 (kernel log)");
	s.m.kmsg = NULL;
	s.m.kvm_device = 1;
	run_check(&s);
	assert_finding(&s, "el2", HVCTL_WARNING, "is unreadable");
	assert_finding(&s, "vhe", HVCTL_WARNING, "is unreadable");
	assert_finding(&s, "kvm", HVCTL_PROBLEM, "/dev/kvm exists");
	unsaved(&s);
}
END_TEST

START_TEST(test_hardware_board_problems)
{
	struct saved_machine s;

	saved(&s, "a53-gicv2");
	run_check(&s);
	assert_finding(&s, "gic", HVCTL_PROBLEM, "a GICv2 (distributor at 0x1c81000)");
	assert_finding(&s, "memory", HVCTL_PROBLEM, "Linux uses all the RAM");
	s.m.cpus_online = "0,2-3";
	run_check(&s);
	assert_finding(&s, "cpus", HVCTL_WARNING, "but 1 offline");
	unsaved(&s);
	saved(&s, "gicv3-its");
	run_check(&s);
	assert_finding(&s, "smmu", HVCTL_WARNING, "an SMMU (arm,mmu-500) at 0xfc000000");
	assert_finding(&s, "memory", HVCTL_OK, "256 MiB of RAM Linux does not use");
	/* No PSCI node. */
	ck_assert_int_eq(fdt_del_node(s.fdt, fdt_path_offset(s.fdt, "/psci")), 0);
	run_check(&s);
	assert_finding(&s, "psci", HVCTL_PROBLEM, "no PSCI");
	unsaved(&s);
}
END_TEST

/* With a system config: its memory against the RAM Linux uses. */
START_TEST(test_hardware_config_memory)
{
	struct saved_machine s;
	char why[256];
	size_t size;
	void *config = hvctl_config_load(QEMU_VIRT_CELL, BULKHEAD_CONFIG_SYSTEM |
					 HVCTL_CONFIG_ANY_ARCH, "test", &size, why, sizeof(why));

	ck_assert_msg(config, "%s", why);
	saved(&s, "qemu-virt");
	s.m.config = config;
	run_check(&s);
	assert_finding(&s, "memory", HVCTL_OK, "0x70000000-0x70ffffff is kept from Linux");
	/* Linux booted without mem=768M: it uses the hypervisor's memory and more. */
	s.m.iomem = "40000000-9fffffff : System RAM\n";
	run_check(&s);
	assert_finding(&s, "memory", HVCTL_PROBLEM, "hypervisor memory 0x70000000-0x70ffffff is "
		       "RAM Linux uses");
	free(config);
	unsaved(&s);
}
END_TEST

Suite *config_create_suite(void)
{
	Suite *s = suite_create("config_create");
	TCase *tc = tcase_create("config_create");

	tcase_add_test(tc, test_create_qemu_virt);
	tcase_add_test(tc, test_create_qemu_virt_as_hand_written);
	tcase_add_test(tc, test_create_gicv3_its);
	tcase_add_test(tc, test_create_gicv2_unsupported);
	tcase_add_test(tc, test_create_big_soc);
	tcase_add_test(tc, test_create_json);
	tcase_add_test(tc, test_hardware_check_command);
	tcase_add_test(tc, test_create_refuses);
	tcase_add_test(tc, test_fdt_reg_translated);
	tcase_add_test(tc, test_iomem_parse);
	tcase_add_test(tc, test_hardware_qemu_virt_ok);
	tcase_add_test(tc, test_hardware_el2_vhe_kvm);
	tcase_add_test(tc, test_hardware_board_problems);
	tcase_add_test(tc, test_hardware_config_memory);
	suite_add_tcase(s, tc);
	return s;
}
