// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bulkhead-cellc end to end: each test writes a small DTS into a fresh
 * temporary directory, runs the real compiler there and checks its exit
 * status, its messages and the .cell it wrote (or did not write).
 */
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#include <bulkhead/types.h>
#include <bulkhead/config_check.h>

/* Line of the first property written into the cell node by write_cell_dts(). */
#define CELL_PROPS_LINE 10

static char tmpdir[64];
static char output[16384];
static u8 compiled[BULKHEAD_CONFIG_MAX_SIZE];
static size_t compiled_size;

static const char default_props[] = "\t\tcell-name = \"demo\";\n"
				    "\t\tcpus = <2 3>;\n";

static const char default_regions[] =
	"\t\tmemory@70100000 {\n"
	"\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
	"\t\t\tflags = \"read\", \"write\", \"execute\", \"loadable\";\n"
	"\t\t};\n";

static void make_tmpdir(void)
{
	strcpy(tmpdir, "/tmp/bulkhead-cellc-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	/* Relative names keep the messages short: "in.dts: ...". */
	ck_assert_int_eq(chdir(tmpdir), 0);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void remove_tmpdir(void)
{
	ck_assert_int_eq(chdir("/"), 0);
	nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void write_file(const char *name, const char *text)
{
	FILE *file = fopen(name, "w");

	ck_assert_ptr_nonnull(file);
	fputs(text, file);
	ck_assert_int_eq(fclose(file), 0);
}

static bool file_exists(const char *name)
{
	return access(name, F_OK) == 0;
}

/* Writes a cell config with @props in the cell node (line CELL_PROPS_LINE on), then @regions. */
static void write_cell_dts(const char *name, const char *props, const char *regions)
{
	char text[8192];

	snprintf(text, sizeof(text),
		 "/dts-v1/;\n"
		 "/ {\n"
		 "\tcompatible = \"bulkhead,cell\";\n"
		 "\tarch = \"arm64\";\n"
		 "\t#address-cells = <2>;\n"
		 "\t#size-cells = <2>;\n"
		 "\tcell {\n"
		 "\t\t#address-cells = <2>;\n"
		 "\t\t#size-cells = <2>;\n"
		 "%s%s"
		 "\t};\n"
		 "};\n",
		 props, regions);
	write_file(name, text);
}

/* A system config with @hypervisor as the hypervisor node and one root-cell RAM region. */
static void write_system_dts(const char *name, const char *hypervisor)
{
	char text[8192];

	snprintf(text, sizeof(text),
		 "/dts-v1/;\n"
		 "/ {\n"
		 "\tcompatible = \"bulkhead,system\";\n"
		 "\tarch = \"arm64\";\n"
		 "\t#address-cells = <2>;\n"
		 "\t#size-cells = <2>;\n"
		 "%s"
		 "\tplatform {\n"
		 "\t\tgic-version = <3>;\n"
		 "\t\tgicd-base = <0x0 0x08000000>;\n"
		 "\t\tgicr-base = <0x0 0x080a0000>;\n"
		 "\t};\n"
		 "\troot-cell {\n"
		 "\t\tcell-name = \"linux\";\n"
		 "\t\tcpus = <0>;\n"
		 "\t\t#address-cells = <2>;\n"
		 "\t\t#size-cells = <2>;\n"
		 "\t\tmemory@40000000 {\n"
		 "\t\t\treg = <0x0 0x40000000 0x0 0x30000000>;\n"
		 "\t\t\tflags = \"read\", \"write\", \"execute\";\n"
		 "\t\t};\n"
		 "\t};\n"
		 "};\n",
		 hypervisor);
	write_file(name, text);
}

/* Runs the compiler with @args in the test directory; stdout and stderr go to output. */
static int run_cellc(const char *args)
{
	char command[4096];
	size_t len;
	FILE *pipe;
	int status;

	snprintf(command, sizeof(command), "'%s' %s 2>&1", CELLC_PATH, args);
	pipe = popen(command, "r");
	ck_assert_ptr_nonnull(pipe);
	len = fread(output, 1, sizeof(output) - 1, pipe);
	output[len] = '\0';
	status = pclose(pipe);
	ck_assert_msg(WIFEXITED(status), "bulkhead-cellc did not exit normally");
	return WEXITSTATUS(status);
}

static void load_compiled(const char *name)
{
	FILE *file = fopen(name, "rb");

	ck_assert_msg(file, "%s was not written", name);
	compiled_size = fread(compiled, 1, sizeof(compiled), file);
	fclose(file);
}

static const struct bulkhead_cell *compiled_cell(void)
{
	return bulkhead_config_cell((const struct bulkhead_config_header *)compiled);
}

static const struct bulkhead_mem_region *compiled_region(unsigned int n)
{
	return &bulkhead_cell_mem_regions(compiled_cell())[n];
}

#define assert_output_has(text)                                                             \
	ck_assert_msg(strstr(output, text), "output lacks \"%s\":\n%s", text, output)

/* Compiling in.dts fails with status 1, @message, and no out.cell. */
#define assert_rejected(message)                                                            \
	do {                                                                                \
		ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 1);                       \
		assert_output_has(message);                                                 \
		ck_assert(!file_exists("out.cell"));                                        \
	} while (0)

/* ---- success ---- */

START_TEST(test_qemu_virt_compiles)
{
	FILE *file;
	u8 reference[BULKHEAD_CONFIG_MAX_SIZE];
	size_t reference_size;

	ck_assert_int_eq(run_cellc("-o q.cell " TOP_DIR "/configs/arm64/qemu-virt.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("q.cell");
	ck_assert_uint_eq(compiled_size, 632);
	console_capture_reset();
	ck_assert_int_eq(config_check((const void *)compiled, compiled_size,
				      BULKHEAD_CONFIG_SYSTEM, BULKHEAD_ARCH_ARM64), 0);

	/* Compiling is deterministic: same bytes as the copy the Makefile built. */
	file = fopen(QEMU_VIRT_CELL, "rb");
	ck_assert_ptr_nonnull(file);
	reference_size = fread(reference, 1, sizeof(reference), file);
	fclose(file);
	ck_assert_uint_eq(reference_size, compiled_size);
	ck_assert_int_eq(memcmp(reference, compiled, compiled_size), 0);
}
END_TEST

START_TEST(test_cell_fields)
{
	const struct bulkhead_config_header *hdr = (const void *)compiled;

	write_cell_dts("in.dts", default_props,
		       "\t\tdevice@9000000 {\n"
		       "\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"io\";\n"
		       "\t\t};\n");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_int_eq(memcmp(hdr->magic, "BHCONFIG", 8), 0);
	ck_assert_uint_eq(hdr->kind, BULKHEAD_CONFIG_CELL);
	ck_assert_uint_eq(hdr->total_size, compiled_size);
	ck_assert_uint_eq(hdr->checksum, bulkhead_config_checksum(hdr, compiled_size));
	ck_assert_str_eq(compiled_cell()->name, "demo");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0xc);
	ck_assert_uint_eq(compiled_cell()->flags, 0);
	ck_assert_uint_eq(compiled_cell()->num_mem_regions, 1);
	/* Without "virt", the cell sees the region at its physical address. */
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x09000000);
	ck_assert_uint_eq(compiled_region(0)->virt_start, 0x09000000);
	ck_assert_uint_eq(compiled_region(0)->size, 0x1000);
	ck_assert_uint_eq(compiled_region(0)->flags,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO);
}
END_TEST

START_TEST(test_virt_and_passive)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n\t\tpassive;\n",
		       "\t\tmemory@4070100000 {\n"
		       "\t\t\treg = <0x40 0x70100000 0x0 0x200000>;\n"
		       "\t\t\tvirt = <0x0 0x0>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"rootshared\";\n"
		       "\t\t};\n");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->flags, BULKHEAD_CELL_PASSIVE);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x4070100000ULL);
	ck_assert_uint_eq(compiled_region(0)->virt_start, 0);
	ck_assert_uint_eq(compiled_region(0)->flags,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_ROOTSHARED);
}
END_TEST

START_TEST(test_default_output_name)
{
	write_cell_dts("demo.dts", default_props, default_regions);
	ck_assert_int_eq(run_cellc("demo.dts"), 0);
	ck_assert(file_exists("demo.cell"));
}
END_TEST

START_TEST(test_includes_and_macros)
{
	write_file("defs.h", "#define RAM_BASE 0x70100000\n#define RWX \"read\", \"write\", "
			     "\"execute\"\n");
	write_file("uart.dtsi", "\t\tdevice@9000000 {\n"
				"\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
				"\t\t\tflags = \"read\", \"write\", \"io\";\n"
				"\t\t};\n");
	write_cell_dts("in.dts",
		       "#include \"defs.h\"\n\t\tcell-name = \"demo\";\n\t\tcpus = <0>;\n",
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 RAM_BASE 0x0 0x100000>;\n"
		       "\t\t\tflags = RWX;\n"
		       "\t\t};\n"
		       "/include/ \"uart.dtsi\"\n");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->num_mem_regions, 2);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x70100000);
	ck_assert_uint_eq(compiled_region(1)->phys_start, 0x09000000);
}
END_TEST

START_TEST(test_dtb_input)
{
	write_cell_dts("in.dts", default_props, default_regions);
	ck_assert_int_eq(system("dtc -q -I dts -O dtb -o in.dtb in.dts"), 0);
	ck_assert_int_eq(run_cellc("in.dtb"), 0);
	ck_assert(file_exists("in.cell"));
}
END_TEST

/* ---- errors from dtc ---- */

START_TEST(test_syntax_error_names_line)
{
	char where[32];

	write_cell_dts("in.dts", "\t\tcell-name = \"demo\" oops;\n", default_regions);
	snprintf(where, sizeof(where), "in.dts:%d", CELL_PROPS_LINE);
	assert_rejected(where);
	assert_output_has("in.dts: cannot compile the device-tree source");
}
END_TEST

/* ---- schema errors ---- */

START_TEST(test_unknown_flag)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
		       "\t\t\tflags = \"read\", \"rwx\";\n"
		       "\t\t};\n");
	assert_rejected("in.dts: /cell/memory@70100000: property \"flags\": unknown flag \"rwx\" "
			"(expected read, write, execute, io, loadable, rootshared)\n");
}
END_TEST

START_TEST(test_missing_flags)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
		       "\t\t};\n");
	assert_rejected("/cell/memory@70100000: property \"flags\": missing");
}
END_TEST

START_TEST(test_unknown_property)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpu = <0>;\n", default_regions);
	assert_rejected("in.dts: /cell: property \"cpu\": unknown property (expected cell-name, "
			"cpus, passive");
	/* Every error is reported, not just the first. */
	assert_output_has("in.dts: /cell: property \"cpus\": missing");
}
END_TEST

START_TEST(test_unit_address_mismatch)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70200000 0x0 0x100000>;\n"
		       "\t\t\tflags = \"read\";\n"
		       "\t\t};\n");
	assert_rejected("/cell/memory@70100000: property \"reg\": address 0x70200000 does not "
			"match the unit address \"70100000\"");
}
END_TEST

START_TEST(test_reg_wrong_length)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x70100000 0x100000>;\n"
		       "\t\t\tflags = \"read\";\n"
		       "\t\t};\n");
	assert_rejected("/cell/memory@70100000: property \"reg\": must be one <address size> pair "
			"of 2 + 2 cells");
}
END_TEST

START_TEST(test_device_needs_io)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tdevice@9000000 {\n"
		       "\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
		       "\t\t\tflags = \"read\", \"write\";\n"
		       "\t\t};\n");
	assert_rejected("/cell/device@9000000: property \"flags\": device regions are MMIO and "
			"need \"io\"");
}
END_TEST

START_TEST(test_memory_must_not_be_io)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@9000000 {\n"
		       "\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
		       "\t\t\tflags = \"read\", \"io\";\n"
		       "\t\t};\n");
	assert_rejected("/cell/memory@9000000: property \"flags\": \"io\" regions must be device@");
}
END_TEST

START_TEST(test_bad_cpus)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1 64 1>;\n",
		       default_regions);
	assert_rejected("in.dts: /cell: property \"cpus\": CPU 64 is out of range (0-63)");
	assert_output_has("in.dts: /cell: property \"cpus\": CPU 1 is listed twice");
}
END_TEST

START_TEST(test_name_too_long)
{
	write_cell_dts("in.dts",
		       "\t\tcell-name = \"a-name-that-is-much-too-long-for-a-cell\";\n"
		       "\t\tcpus = <0>;\n",
		       default_regions);
	assert_rejected("/cell: property \"cell-name\": "
			"\"a-name-that-is-much-too-long-for-a-cell\" must have 1 to 31 characters");
}
END_TEST

START_TEST(test_wrong_compatible)
{
	write_file("in.dts",
		   "/dts-v1/;\n/ {\n\tcompatible = \"acme,board\";\n\tarch = \"arm64\";\n};\n");
	assert_rejected("in.dts: /: property \"compatible\": \"acme,board\" is not a Bulkhead "
			"config (expected \"bulkhead,system\", \"bulkhead,cell\")");
}
END_TEST

START_TEST(test_wrong_arch)
{
	write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			     "\tarch = \"riscv\";\n};\n");
	assert_rejected("in.dts: /: property \"arch\": unsupported architecture \"riscv\" "
			"(expected \"arm64\")");
}
END_TEST

START_TEST(test_unexpected_node)
{
	write_cell_dts("in.dts", default_props, "\t\tram@70100000 {\n\t\t};\n");
	assert_rejected("in.dts: /cell/ram@70100000: unexpected node (expected memory@ADDRESS, "
			"device@ADDRESS)");
}
END_TEST

START_TEST(test_system_missing_hypervisor)
{
	write_system_dts("in.dts", "");
	assert_rejected("in.dts: /: missing hypervisor node");
}
END_TEST

/* ---- errors from the hypervisor's validator ---- */

START_TEST(test_validator_misaligned_region)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100800 {\n"
		       "\t\t\treg = <0x0 0x70100800 0x0 0x1000>;\n"
		       "\t\t\tflags = \"read\";\n"
		       "\t\t};\n");
	assert_rejected("in.dts: config: cell \"demo\" memory region 0: phys_start 0x70100800 is "
			"not page aligned\n");
	/* The validator only knows the index: the compiler adds the node. */
	assert_output_has("in.dts: note: memory region 0 is /cell/memory@70100800\n");
}
END_TEST

START_TEST(test_validator_hypervisor_overlap)
{
	write_system_dts("in.dts", "\thypervisor@6fe00000 {\n"
				   "\t\treg = <0x0 0x6fe00000 0x0 0x01000000>;\n"
				   "\t};\n");
	assert_rejected("in.dts: config: hypervisor_memory 0x6fe00000-0x70dfffff overlaps cell "
			"\"linux\" memory region 0 (0x40000000-0x6fffffff)");
}
END_TEST

START_TEST(test_system_without_console)
{
	const struct bulkhead_system *sys;

	write_system_dts("in.dts", "\thypervisor@70000000 {\n"
				   "\t\treg = <0x0 0x70000000 0x0 0x01000000>;\n"
				   "\t};\n");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	sys = bulkhead_config_system((const void *)compiled);
	ck_assert_uint_eq(sys->debug_console.type, BULKHEAD_CONSOLE_NONE);
	ck_assert_uint_eq(sys->hypervisor_memory.phys_start, 0x70000000);
	ck_assert_uint_eq(sys->platform.arm64.gicr_base, 0x080a0000);
}
END_TEST

/* ---- files and command line ---- */

START_TEST(test_failure_keeps_old_output)
{
	struct dirent *entry;
	unsigned int files = 0;
	DIR *dir;

	write_file("out.cell", "old");
	write_cell_dts("in.dts", "\t\tcell-name = \"\";\n\t\tcpus = <0>;\n", default_regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 1);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_size, 3);
	/* No temporary file left behind either. */
	dir = opendir(".");
	while ((entry = readdir(dir)))
		files += entry->d_name[0] != '.';
	closedir(dir);
	ck_assert_uint_eq(files, 2);
}
END_TEST

START_TEST(test_missing_input)
{
	ck_assert_int_eq(run_cellc("nosuch.dts"), 1);
	assert_output_has("nosuch.dts: cannot open: No such file or directory");
}
END_TEST

START_TEST(test_usage)
{
	ck_assert_int_eq(run_cellc(""), 2);
	assert_output_has("no input file");
	ck_assert_int_eq(run_cellc("a.dts b.dts"), 2);
	assert_output_has("more than one input file");
	ck_assert_int_eq(run_cellc("--bogus in.dts"), 2);
	ck_assert_int_eq(run_cellc("-o"), 2);
	ck_assert_int_eq(run_cellc("--help"), 0);
	assert_output_has("Usage: bulkhead-cellc");
	ck_assert_int_eq(run_cellc("-h"), 0);
	ck_assert_int_eq(run_cellc("--version"), 0);
	assert_output_has("bulkhead-cellc ");
	assert_output_has("(config revision 1)");
}
END_TEST

Suite *cellc_suite(void)
{
	Suite *suite = suite_create("cellc");
	TCase *ok = tcase_create("compiles");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(ok, make_tmpdir, remove_tmpdir);
	tcase_add_test(ok, test_qemu_virt_compiles);
	tcase_add_test(ok, test_cell_fields);
	tcase_add_test(ok, test_virt_and_passive);
	tcase_add_test(ok, test_default_output_name);
	tcase_add_test(ok, test_includes_and_macros);
	tcase_add_test(ok, test_dtb_input);
	tcase_add_test(ok, test_system_without_console);
	suite_add_tcase(suite, ok);

	tcase_add_checked_fixture(errors, make_tmpdir, remove_tmpdir);
	tcase_add_test(errors, test_syntax_error_names_line);
	tcase_add_test(errors, test_unknown_flag);
	tcase_add_test(errors, test_missing_flags);
	tcase_add_test(errors, test_unknown_property);
	tcase_add_test(errors, test_unit_address_mismatch);
	tcase_add_test(errors, test_reg_wrong_length);
	tcase_add_test(errors, test_device_needs_io);
	tcase_add_test(errors, test_memory_must_not_be_io);
	tcase_add_test(errors, test_bad_cpus);
	tcase_add_test(errors, test_name_too_long);
	tcase_add_test(errors, test_wrong_compatible);
	tcase_add_test(errors, test_wrong_arch);
	tcase_add_test(errors, test_unexpected_node);
	tcase_add_test(errors, test_system_missing_hypervisor);
	tcase_add_test(errors, test_validator_misaligned_region);
	tcase_add_test(errors, test_validator_hypervisor_overlap);
	tcase_add_test(errors, test_failure_keeps_old_output);
	tcase_add_test(errors, test_missing_input);
	tcase_add_test(errors, test_usage);
	suite_add_tcase(suite, errors);
	return suite;
}
