// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bulkhead-cellc end to end: each test writes a small DTS into a fresh
 * temporary directory, runs the real compiler there and checks its exit
 * status, its messages and the .cell it wrote (or did not write).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include <bulkhead/types.h>
#include <bulkhead/config_check.h>

/* Line of the first property written into the cell node by write_cell_dts(). */
#define CELL_PROPS_LINE 10

static char output[16384];
static u8 compiled[BULKHEAD_CONFIG_MAX_SIZE];
static size_t compiled_size;

static const char default_props[] = "\t\tcell-name = \"demo\";\n"
				    "\t\tcpus = <2 3>;\n"
				    "\t\tcomm-region = <0x0 0x80000000>;\n";

static const char default_regions[] =
	"\t\tmemory@70100000 {\n"
	"\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
	"\t\t\tflags = \"read\", \"write\", \"execute\", \"loadable\";\n"
	"\t\t};\n";

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
	unit_write_file(name, text);
}

/*
 * A system config with @root_props in the root node, @hypervisor as the
 * hypervisor node (and any other nodes of the root), and @cell_props in the
 * root cell, which has one RAM region, 0x40000000-0x6fffffff, then @cell_nodes.
 */
static void write_system_dts_with(const char *name, const char *root_props,
				  const char *hypervisor, const char *cell_props,
				  const char *cell_nodes)
{
	char text[8192];

	snprintf(text, sizeof(text),
		 "/dts-v1/;\n"
		 "/ {\n"
		 "\tcompatible = \"bulkhead,system\";\n"
		 "\tarch = \"arm64\";\n"
		 "\t#address-cells = <2>;\n"
		 "\t#size-cells = <2>;\n"
		 "%s%s"
		 "\tplatform {\n"
		 "\t\tgic-version = <3>;\n"
		 "\t\tgicd-base = <0x0 0x08000000>;\n"
		 "\t\tgicr-base = <0x0 0x080a0000>;\n"
		 "\t};\n"
		 "\troot-cell {\n"
		 "\t\tcell-name = \"linux\";\n"
		 "\t\tcpus = <0>;\n"
		 "%s"
		 "\t\t#address-cells = <2>;\n"
		 "\t\t#size-cells = <2>;\n"
		 "\t\tmemory@40000000 {\n"
		 "\t\t\treg = <0x0 0x40000000 0x0 0x30000000>;\n"
		 "\t\t\tflags = \"read\", \"write\", \"execute\";\n"
		 "\t\t};\n"
		 "%s"
		 "\t};\n"
		 "};\n",
		 root_props, hypervisor, cell_props, cell_nodes);
	unit_write_file(name, text);
}

static void write_system_dts(const char *name, const char *hypervisor)
{
	write_system_dts_with(name, "", hypervisor, "", "");
}

static const char hv_node[] = "\thypervisor@70000000 {\n"
			      "\t\treg = <0x0 0x70000000 0x0 0x01000000>;\n"
			      "\t};\n";

/* Runs the compiler with @args in the test directory; stdout and stderr go to output. */
static int run_cellc(const char *args)
{
	return unit_run(CELLC_PATH, args, output, sizeof(output));
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

/* The checksum field holds the CRC-32 of the file with that field zeroed. */
static void assert_checksum_sealed(void)
{
	struct bulkhead_config_header *hdr = (void *)compiled;
	u32 sealed = hdr->checksum;

	hdr->checksum = 0;
	ck_assert_uint_eq(sealed, bulkhead_crc32(0, compiled, compiled_size));
	hdr->checksum = sealed;
}

/* The CRC-32 the checksum is built on gives the algorithm's published check value. */
START_TEST(test_crc32_check_value)
{
	ck_assert_uint_eq(bulkhead_crc32(0, "123456789", 9), 0xcbf43926);
}
END_TEST

/* The board's config compiles to what its source says, and the validator takes it. */
START_TEST(test_qemu_virt_compiles)
{
	const struct bulkhead_system *sys = bulkhead_config_system((const void *)compiled);

	ck_assert_int_eq(run_cellc("-o q.cell " TOP_DIR "/configs/arm64/qemu-virt.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("q.cell");
	ck_assert_uint_eq(compiled_size, 1792);
	assert_checksum_sealed();
	ck_assert_uint_eq(sys->hypervisor_memory.phys_start, 0x70000000);
	ck_assert_uint_eq(sys->hypervisor_memory.size, 0x01000000);
	ck_assert_uint_eq(sys->debug_console.address, 0x09000000);
	ck_assert_uint_eq(sys->max_cells, 8);
	ck_assert_uint_eq(sys->platform.arm64.gicd_base, 0x08000000);
	ck_assert_uint_eq(sys->platform.arm64.gicr_base, 0x080a0000);
	ck_assert_str_eq(compiled_cell()->name, "qemu-virt-linux");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0xf);
	console_capture_reset();
	ck_assert_int_eq(config_check((const void *)compiled, compiled_size,
				      BULKHEAD_CONFIG_SYSTEM, BULKHEAD_ARCH_ARM64), 0);
}
END_TEST

START_TEST(test_cell_fields)
{
	const struct bulkhead_config_header *hdr = (const void *)compiled;
	char regions[1024];

	snprintf(regions, sizeof(regions), "%s"
		 "\t\tdevice@9000000 {\n"
		 "\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
		 "\t\t\tflags = \"read\", \"write\", \"io\";\n"
		 "\t\t};\n", default_regions);
	write_cell_dts("in.dts", default_props, regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_int_eq(memcmp(hdr->magic, "BHCONFIG", 8), 0);
	ck_assert_uint_eq(hdr->kind, BULKHEAD_CONFIG_CELL);
	ck_assert_uint_eq(hdr->total_size, compiled_size);
	assert_checksum_sealed();
	ck_assert_str_eq(compiled_cell()->name, "demo");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0xc);
	ck_assert_uint_eq(compiled_cell()->flags, 0);
	ck_assert_uint_eq(compiled_cell()->num_mem_regions, 2);
	ck_assert_uint_eq(compiled_region(0)->flags,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE |
				  BULKHEAD_MEM_LOADABLE);
	/* Without "virt", the cell sees the region at its physical address. */
	ck_assert_uint_eq(compiled_region(1)->phys_start, 0x09000000);
	ck_assert_uint_eq(compiled_region(1)->virt_start, 0x09000000);
	ck_assert_uint_eq(compiled_region(1)->size, 0x1000);
	ck_assert_uint_eq(compiled_region(1)->flags,
			  BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_IO);
}
END_TEST

START_TEST(test_virt_and_passive)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n\t\tpassive;\n"
		       "\t\tcomm-region = <0x0 0x80000000>;\n",
		       "\t\tmemory@4070100000 {\n"
		       "\t\t\treg = <0x40 0x70100000 0x0 0x200000>;\n"
		       "\t\t\tvirt = <0x0 0x0>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"rootshared\";\n"
		       "\t\t};\n"
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"execute\", \"loadable\";\n"
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
	load_compiled("demo.cell");
	ck_assert_str_eq(compiled_cell()->name, "demo");
}
END_TEST

START_TEST(test_includes_and_macros)
{
	unit_write_file("defs.h", "#define RAM_BASE 0x70100000\n#define RWX \"read\", \"write\", "
			"\"execute\", \"loadable\"\n");
	unit_write_file("uart.dtsi", "\t\tdevice@9000000 {\n"
				     "\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
				     "\t\t\tflags = \"read\", \"write\", \"io\";\n"
				     "\t\t};\n");
	write_cell_dts("in.dts",
		       "#include \"defs.h\"\n\t\tcell-name = \"demo\";\n\t\tcpus = <0>;\n"
		       "\t\tcomm-region = <0x0 0x80000000>;\n",
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
	load_compiled("in.cell");
	ck_assert_str_eq(compiled_cell()->name, "demo");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0xc);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x70100000);
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
			"(expected read, write, execute, io, loadable, rootshared, dma, image-store)\n");
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

START_TEST(test_name_not_an_id)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"007\";\n\t\tcpus = <1>;\n", default_regions);
	assert_rejected("in.dts: /cell: property \"cell-name\": \"007\" is all digits, which "
			"hvctl would take for a cell id; add a letter");
	write_cell_dts("in.dts", "\t\tcell-name = \"id:7\";\n\t\tcpus = <1>;\n", default_regions);
	assert_rejected("in.dts: /cell: property \"cell-name\": \"id:7\" starts with \"id:\"");
}
END_TEST

START_TEST(test_wrong_compatible)
{
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"acme,board\";\n"
			"\tarch = \"arm64\";\n};\n");
	assert_rejected("in.dts: /: property \"compatible\": \"acme,board\" is not a Bulkhead "
			"config (expected \"bulkhead,system\", \"bulkhead,cell\")");
}
END_TEST

/* The platform node is the config's arch's: GIC properties mean nothing on x86-64. */
START_TEST(test_platform_of_other_arch)
{
	char text[4096];
	FILE *pc = fopen(TOP_DIR "/configs/x86/bochs-pc.dts", "r");
	char *at;
	size_t len;

	ck_assert_ptr_nonnull(pc);
	len = fread(text, 1, sizeof(text) - 1, pc);
	fclose(pc);
	text[len] = '\0';
	at = strstr(text, "lapic-base");
	ck_assert_ptr_nonnull(at);
	/* "gicd-base" is one character shorter. */
	memmove(at + strlen("gicd-base"), at + strlen("lapic-base"),
		strlen(at) - strlen("lapic-base") + 1);
	memcpy(at, "gicd-base", strlen("gicd-base"));
	unit_write_file("in.dts", text);
	assert_rejected("in.dts: /platform: property \"gicd-base\": unknown property (expected "
			"lapic-base, ioapic-base, hpet-base, mmconfig-base, mmconfig-buses, tsc-khz)");
	assert_rejected("in.dts: /platform: property \"lapic-base\": missing");
}
END_TEST

START_TEST(test_wrong_arch)
{
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			"\tarch = \"riscv\";\n};\n");
	assert_rejected("in.dts: /: property \"arch\": unsupported architecture \"riscv\" "
			"(expected \"arm64\", \"x86-64\")");
}
END_TEST

START_TEST(test_unexpected_node)
{
	write_cell_dts("in.dts", default_props, "\t\tram@70100000 {\n\t\t};\n");
	assert_rejected("in.dts: /cell/ram@70100000: unexpected node (expected memory@ADDRESS, "
			"device@ADDRESS, channel@ADDRESS, vdevice@ADDRESS)\n");
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
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x0 0x80000000>;\n\t\tentry = <0x0 0x70100800>;\n",
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

	write_system_dts("in.dts", hv_node);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	sys = bulkhead_config_system((const void *)compiled);
	ck_assert_uint_eq(sys->debug_console.type, BULKHEAD_CONSOLE_NONE);
	ck_assert_uint_eq(sys->hypervisor_memory.phys_start, 0x70000000);
	ck_assert_uint_eq(sys->platform.arm64.gicr_base, 0x080a0000);
	ck_assert_uint_eq(sys->max_cells, 8);
	/* The root cell is running already: nothing to load, start or ask to stop. */
	ck_assert_uint_eq(compiled_cell()->comm_region, 0);
	ck_assert_uint_eq(compiled_cell()->entry, 0);
	ck_assert_uint_eq(compiled_cell()->shutdown_timeout_ms, 0);
}
END_TEST

/* ---- cells: communication region, entry, shutdown timeout; max-cells ---- */

START_TEST(test_cell_defaults)
{
	write_cell_dts("in.dts", default_props, default_regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->comm_region, 0x80000000);
	/* The cell starts where its first loadable, executable region begins. */
	ck_assert_uint_eq(compiled_cell()->entry, 0x70100000);
	ck_assert_uint_eq(compiled_cell()->shutdown_timeout_ms, 1000);
	/* No interrupts: header, cell and one region. */
	ck_assert_uint_eq(compiled_cell()->num_irqs, 0);
	ck_assert_uint_eq(compiled_size, 24 + 104 + 32);
}
END_TEST

/* ---- cells: interrupts ---- */

static const __u32 *compiled_irqs(void)
{
	return bulkhead_cell_irqs(compiled_cell());
}

/* Writes the default cell with "interrupts = @list;" (@list with its brackets). */
static void write_irq_dts(const char *list)
{
	char props[2048];

	snprintf(props, sizeof(props), "%s\t\tinterrupts = %s;\n", default_props, list);
	write_cell_dts("in.dts", props, default_regions);
}

START_TEST(test_interrupts)
{
	write_irq_dts("<40 41 1019>");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	/* dtc says nothing about the missing interrupt-parent either. */
	ck_assert_str_eq(output, "");
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->num_irqs, 3);
	ck_assert_uint_eq(compiled_irqs()[0], 40);
	ck_assert_uint_eq(compiled_irqs()[1], 41);
	ck_assert_uint_eq(compiled_irqs()[2], 1019);
	/* The list follows the regions and ends the file. */
	ck_assert_uint_eq(compiled_size, 24 + 104 + 32 + 3 * 4);
	ck_assert_ptr_eq(compiled_irqs() + 3, (const void *)(compiled + compiled_size));
}
END_TEST

START_TEST(test_interrupts_malformed)
{
	write_irq_dts("[01 02]");
	assert_rejected("in.dts: /cell: property \"interrupts\": malformed (expected a list of "
			"INTIDs, e.g. <40 41>)\n");
	write_irq_dts("\"40\"");
	assert_rejected("in.dts: /cell: property \"interrupts\": malformed");
}
END_TEST

START_TEST(test_too_many_interrupts)
{
	char list[1536] = "<";
	unsigned int n;

	for (n = 0; n <= BULKHEAD_MAX_IRQS; n++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%u ", 32 + n);
	strcat(list, ">");
	write_irq_dts(list);
	assert_rejected("in.dts: /cell: property \"interrupts\": 257 interrupts, more than the "
			"maximum of 256\n");
}
END_TEST

static const char store_region[] =
	"\t\tmemory@70200000 {\n"
	"\t\t\treg = <0x0 0x70200000 0x0 0x10000>;\n"
	"\t\t\tflags = \"read\", \"write\", \"image-store\";\n"
	"\t\t};\n";

/* Compiles the default cell with @props added and @extra_regions after its RAM. */
static int compile_health(const char *props, const char *extra_regions)
{
	char all_props[512], regions[512];

	snprintf(all_props, sizeof(all_props), "%s%s", default_props, props);
	snprintf(regions, sizeof(regions), "%s%s", default_regions, extra_regions);
	write_cell_dts("in.dts", all_props, regions);
	return run_cellc("-o out.cell in.dts");
}

START_TEST(test_health_properties)
{
	const struct bulkhead_health *health;

	ck_assert_int_eq(compile_health("\t\twatchdog-timeout-ms = <250>;\n"
					"\t\ton-failure = \"restart\";\n"
					"\t\tmax-restarts = <5>;\n"
					"\t\trestart-window-ms = <10000>;\n"
					"\t\trestart-delay-ms = <100>;\n"
					"\t\tprobation-ms = <3000>;\n", store_region), 0);
	load_compiled("out.cell");
	health = &compiled_cell()->health;
	ck_assert_uint_eq(health->watchdog_timeout_ms, 250);
	ck_assert_uint_eq(health->failure_action, BULKHEAD_ON_FAILURE_RESTART);
	ck_assert_uint_eq(health->max_restarts, 5);
	ck_assert_uint_eq(health->restart_window_ms, 10000);
	ck_assert_uint_eq(health->restart_delay_ms, 100);
	ck_assert_uint_eq(health->probation_ms, 3000);
}
END_TEST

/* on-failure = "restart" alone: 3 restarts a minute, at once. Without it: report, no watchdog. */
START_TEST(test_health_defaults)
{
	const struct bulkhead_health *health;

	ck_assert_int_eq(compile_health("\t\ton-failure = \"restart\";\n", store_region), 0);
	load_compiled("out.cell");
	health = &compiled_cell()->health;
	ck_assert_uint_eq(health->max_restarts, 3);
	ck_assert_uint_eq(health->restart_window_ms, 60000);
	ck_assert_uint_eq(health->restart_delay_ms, 0);
	ck_assert_uint_eq(health->watchdog_timeout_ms, 0);
	ck_assert_int_eq(compile_health("", ""), 0);
	load_compiled("out.cell");
	health = &compiled_cell()->health;
	ck_assert_uint_eq(health->failure_action, BULKHEAD_ON_FAILURE_REPORT);
	ck_assert_uint_eq(health->max_restarts, 0);
	ck_assert_uint_eq(health->watchdog_timeout_ms, 0);
}
END_TEST

START_TEST(test_health_unknown_action)
{
	ck_assert_int_eq(compile_health("\t\ton-failure = \"reboot\";\n", ""), 1);
	assert_output_has("in.dts: /cell: property \"on-failure\": unknown failure action "
			  "\"reboot\" (expected \"report\", \"stop\", \"restart\")\n");
}
END_TEST

/* The validator's verdicts, with the property they come from. */
START_TEST(test_health_validated)
{
	ck_assert_int_eq(compile_health("\t\twatchdog-timeout-ms = <5>;\n", ""), 1);
	assert_output_has("in.dts: config: cell \"demo\": watchdog_timeout_ms 5 is out of range "
			  "(10-3600000)\n");
	assert_output_has("in.dts: note: watchdog_timeout_ms is property \"watchdog-timeout-ms\" "
			  "of /cell\n");
	ck_assert_int_eq(compile_health("\t\ton-failure = \"restart\";\n", ""), 1);
	assert_output_has("failure_action 2 (restart) needs an image-store region to restart "
			  "from\n");
	assert_output_has("note: failure_action is property \"on-failure\" of /cell\n");
	ck_assert_int_eq(compile_health("\t\ton-failure = \"stop\";\n"
					"\t\tmax-restarts = <3>;\n", store_region), 1);
	assert_output_has("max_restarts 3 is set, but failure_action 1 (stop) never restarts\n");
	assert_output_has("note: max_restarts is property \"max-restarts\" of /cell\n");
	ck_assert(!file_exists("out.cell"));
}
END_TEST

START_TEST(test_health_in_root_cell)
{
	write_system_dts_with("in.dts", "", hv_node, "\t\ton-failure = \"restart\";\n", "");
	assert_rejected("in.dts: /root-cell: property \"on-failure\": not allowed in the root "
			"cell (nothing restarts the root cell)\n");
}
END_TEST

START_TEST(test_interrupts_in_root_cell)
{
	write_system_dts_with("in.dts", "", hv_node, "\t\tinterrupts = <40>;\n", "");
	assert_rejected("in.dts: /root-cell: property \"interrupts\": not allowed in the root "
			"cell (it owns every SPI that no other cell owns)\n");
}
END_TEST

/* Range and duplicates are the validator's; the note points at the property. */
START_TEST(test_validator_interrupts)
{
	write_irq_dts("<40 16>");
	assert_rejected("in.dts: config: cell \"demo\" irq 1: INTID 16 is not a shared "
			"peripheral interrupt (32-1019)\n");
	assert_output_has("in.dts: note: irq 1 is entry 1 of property \"interrupts\" of /cell\n");
	write_irq_dts("<40 41 40>");
	assert_rejected("in.dts: config: cell \"demo\" irq 2: INTID 40 is listed already as "
			"irq 0\n");
	assert_output_has("in.dts: note: irq 2 is entry 2 of property \"interrupts\" of /cell\n");
}
END_TEST

START_TEST(test_cell_boot_properties)
{
	write_cell_dts("in.dts",
		       "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x0 0x0>;\n"
		       "\t\tentry = <0x0 0x40000400>;\n"
		       "\t\tshutdown-timeout-ms = <250>;\n",
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
		       "\t\t\tvirt = <0x0 0x40000000>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"execute\", \"loadable\";\n"
		       "\t\t};\n");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->comm_region, 0);
	ck_assert_uint_eq(compiled_cell()->entry, 0x40000400);
	ck_assert_uint_eq(compiled_cell()->shutdown_timeout_ms, 250);
}
END_TEST

/* Neither a loadable region without "execute" nor the reverse is a place to start. */
START_TEST(test_entry_default_needs_execute)
{
	char regions[1024];

	snprintf(regions, sizeof(regions),
		 "\t\tmemory@70000000 {\n"
		 "\t\t\treg = <0x0 0x70000000 0x0 0x100000>;\n"
		 "\t\t\tflags = \"read\", \"write\", \"loadable\";\n"
		 "\t\t};\n"
		 "\t\tmemory@70200000 {\n"
		 "\t\t\treg = <0x0 0x70200000 0x0 0x100000>;\n"
		 "\t\t\tflags = \"read\", \"execute\";\n"
		 "\t\t};\n"
		 "%s", default_regions);
	write_cell_dts("in.dts", default_props, regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->entry, 0x70100000);
}
END_TEST

/* The shipped cell configs compile to what their comments promise. */
START_TEST(test_shipped_cell_configs)
{
	ck_assert_int_eq(run_cellc("-o h.cell " TOP_DIR "/configs/arm64/qemu-virt-hello.dts"), 0);
	load_compiled("h.cell");
	ck_assert_str_eq(compiled_cell()->name, "hello");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0x2);
	ck_assert_uint_eq(compiled_cell()->comm_region, 0x80000000);
	ck_assert_uint_eq(compiled_cell()->entry, 0);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x71000000);
	ck_assert_uint_eq(compiled_region(0)->flags & BULKHEAD_MEM_LOADABLE,
			  BULKHEAD_MEM_LOADABLE);
	ck_assert_int_eq(run_cellc("-o r.cell " TOP_DIR "/configs/arm64/qemu-virt-rtc.dts"), 0);
	load_compiled("r.cell");
	ck_assert_str_eq(compiled_cell()->name, "rtc-demo");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0x4);
	ck_assert_uint_eq(compiled_cell()->shutdown_timeout_ms, 1000);
	ck_assert_uint_eq(compiled_region(1)->virt_start, 0x09010000);
	/* The PL031's interrupt: SPI 2 of the QEMU virt board. */
	ck_assert_uint_eq(compiled_cell()->num_irqs, 1);
	ck_assert_uint_eq(compiled_irqs()[0], 34);
	ck_assert_int_eq(run_cellc("-o p.cell " TOP_DIR "/configs/arm64/qemu-virt-passive.dts"),
			 0);
	load_compiled("p.cell");
	ck_assert_str_eq(compiled_cell()->name, "passive-hello");
	ck_assert_uint_eq(compiled_cell()->flags, BULKHEAD_CELL_PASSIVE);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x71400000);
	ck_assert_int_eq(run_cellc("-o l.cell " TOP_DIR "/configs/arm64/qemu-virt-latency.dts"),
			 0);
	load_compiled("l.cell");
	ck_assert_str_eq(compiled_cell()->name, "latency");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0x2);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x71000000);
	ck_assert_int_eq(run_cellc("-o s.cell " TOP_DIR "/configs/arm64/qemu-virt-smp.dts"), 0);
	load_compiled("s.cell");
	ck_assert_str_eq(compiled_cell()->name, "smp");
	ck_assert_uint_eq(compiled_cell()->cpu_set, 0xc);
	ck_assert_uint_eq(compiled_cell()->comm_region, 0x80000000);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x71600000);
	ck_assert_uint_eq(compiled_region(0)->virt_start, 0);
	ck_assert_uint_eq(compiled_region(0)->size, 0x100000);
}
END_TEST

START_TEST(test_max_cells)
{
	write_system_dts_with("in.dts", "\tmax-cells = <4>;\n", hv_node, "", "");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(bulkhead_config_system((const void *)compiled)->max_cells, 4);
}
END_TEST

/* image-key: the raw 32 bytes of an Ed25519 public key, inline or from a file. */
START_TEST(test_image_key)
{
	static const char key[] = "0123456789abcdef0123456789ABCDEF";
	const struct bulkhead_system *sys;

	unit_write_file("key.pub", key);
	write_system_dts_with("in.dts", "\timage-key = /incbin/(\"key.pub\");\n", hv_node, "", "");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	sys = bulkhead_config_system((const void *)compiled);
	ck_assert_uint_eq(sys->flags, BULKHEAD_SYSTEM_SIGNED_IMAGES);
	ck_assert(!memcmp(sys->image_key, key, 32));
	/* Without it: no flag, no key. */
	write_system_dts_with("in.dts", "", hv_node, "", "");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(bulkhead_config_system((const void *)compiled)->flags, 0);
}
END_TEST

START_TEST(test_image_key_wrong_size)
{
	write_system_dts_with("in.dts", "\timage-key = [ 01 02 03 ];\n", hv_node, "", "");
	assert_rejected("in.dts: /: property \"image-key\": 3 bytes; an Ed25519 public key is 32 "
			"(raw, not PEM");
}
END_TEST

START_TEST(test_image_key_in_cell_config)
{
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			"\tarch = \"arm64\";\n\timage-key = [ 01 ];\n};\n");
	assert_rejected("in.dts: /: property \"image-key\": only a system config sets it\n");
}
END_TEST

START_TEST(test_comm_region_missing)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n",
		       default_regions);
	assert_rejected("in.dts: /cell: property \"comm-region\": missing\n");
}
END_TEST

START_TEST(test_comm_region_wrong_length)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x80000000>;\n", default_regions);
	assert_rejected("in.dts: /cell: property \"comm-region\": must be one address of 2 "
			"cells");
}
END_TEST

START_TEST(test_entry_without_default)
{
	write_cell_dts("in.dts", default_props,
		       "\t\tmemory@70100000 {\n"
		       "\t\t\treg = <0x0 0x70100000 0x0 0x100000>;\n"
		       "\t\t\tflags = \"read\", \"write\", \"loadable\";\n"
		       "\t\t};\n");
	assert_rejected("in.dts: /cell: property \"entry\": missing, and no region is both "
			"\"loadable\" and \"execute\" to start at by default\n");
}
END_TEST

START_TEST(test_shutdown_timeout_not_one_cell)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x0 0x80000000>;\n"
		       "\t\tshutdown-timeout-ms = <0x0 1000>;\n", default_regions);
	assert_rejected("in.dts: /cell: property \"shutdown-timeout-ms\": must be one cell, <n>, "
			"not 8 bytes");
}
END_TEST

START_TEST(test_cell_properties_in_root_cell)
{
	write_system_dts_with("in.dts", "", hv_node,
			      "\t\tcomm-region = <0x0 0x80000000>;\n"
			      "\t\tentry = <0x0 0x40000000>;\n"
			      "\t\tshutdown-timeout-ms = <100>;\n", "");
	assert_rejected("in.dts: /root-cell: property \"comm-region\": not allowed in the root "
			"cell (only cell configs load, start and stop their cell)\n");
	assert_output_has("in.dts: /root-cell: property \"entry\": not allowed in the root cell");
	assert_output_has("in.dts: /root-cell: property \"shutdown-timeout-ms\": not allowed");
}
END_TEST

START_TEST(test_max_cells_in_cell_config)
{
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			"\tarch = \"arm64\";\n\tmax-cells = <2>;\n};\n");
	assert_rejected("in.dts: /: property \"max-cells\": only a system config sets it\n");
}
END_TEST

START_TEST(test_event_irq_in_cell_config)
{
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			"\tarch = \"arm64\";\n\tevent-irq = <232>;\n};\n");
	assert_rejected("in.dts: /: property \"event-irq\": only a system config sets it\n");
}
END_TEST

START_TEST(test_validator_event_irq)
{
	write_system_dts_with("in.dts", "\tevent-irq = <16>;\n", hv_node, "", "");
	assert_rejected("in.dts: config: event_irq 16 is neither 0 nor a shared peripheral "
			"interrupt (32-1019)\n");
	assert_output_has("in.dts: note: event_irq is property \"event-irq\" of /\n");
}
END_TEST

START_TEST(test_validator_max_cells)
{
	write_system_dts_with("in.dts", "\tmax-cells = <65>;\n", hv_node, "", "");
	assert_rejected("in.dts: config: max_cells 65 is out of range (1-64)\n");
	assert_output_has("in.dts: note: max_cells is property \"max-cells\" of /\n");
}
END_TEST

START_TEST(test_validator_comm_region_overlap)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x0 0x70180000>;\n", default_regions);
	assert_rejected("in.dts: config: cell \"demo\": comm_region 0x70180000-0x70180fff overlaps "
			"memory region 0 (virt 0x70100000-0x701fffff)\n");
	assert_output_has("in.dts: note: comm_region is property \"comm-region\" of /cell\n");
	assert_output_has("in.dts: note: memory region 0 is /cell/memory@70100000\n");
}
END_TEST

START_TEST(test_validator_shutdown_timeout)
{
	write_cell_dts("in.dts", "\t\tcell-name = \"demo\";\n\t\tcpus = <1>;\n"
		       "\t\tcomm-region = <0x0 0x80000000>;\n"
		       "\t\tshutdown-timeout-ms = <600001>;\n", default_regions);
	assert_rejected("in.dts: config: cell \"demo\": shutdown_timeout_ms 600001 exceeds the "
			"maximum of 600000\n");
	assert_output_has("note: shutdown_timeout_ms is property \"shutdown-timeout-ms\" of "
			  "/cell\n");
}
END_TEST

/* ---- channels and the channel policy ---- */

static const struct bulkhead_channel *compiled_channel(unsigned int n)
{
	return &bulkhead_cell_channels(compiled_cell())[n];
}

static const struct bulkhead_link *compiled_link(unsigned int n)
{
	return &bulkhead_system_links((const void *)compiled)[n];
}

/* A root channel "feed" to "echo" inside the root's RAM, rung at INTID 240. */
static const char root_channel[] = "\t\tchannel@6f000000 {\n"
				   "\t\t\tchannel-name = \"feed\";\n"
				   "\t\t\tpeer = \"echo\";\n"
				   "\t\t\treg = <0x0 0x6f000000 0x0 0x100000>;\n"
				   "\t\t\taccess = \"read-write\";\n"
				   "\t\t\tdoorbell-irq = <240>;\n"
				   "\t\t};\n";

/* The system config of write_system_dts_with() with a policy of @links and the root channel. */
static void write_policy_dts(const char *links)
{
	char nodes[1024];

	snprintf(nodes, sizeof(nodes), "%s\tchannel-policy {\n\t\tlinks = %s;\n\t};\n",
		 hv_node, links);
	write_system_dts_with("in.dts", "", nodes, "", root_channel);
}

#define assert_link(n, from_name, to_name)                                                  \
	do {                                                                                \
		ck_assert_str_eq(compiled_link(n)->from, from_name);                        \
		ck_assert_str_eq(compiled_link(n)->to, to_name);                            \
	} while (0)

/* "<->" makes two links, "->" one; blanks around the arrow are optional. */
START_TEST(test_policy_links)
{
	write_policy_dts("\"linux <-> echo\", \"linux->reader\", \"\tchan a  <->chan-b \"");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("out.cell");
	ck_assert_uint_eq(bulkhead_config_system((const void *)compiled)->num_links, 5);
	assert_link(0, "linux", "echo");
	assert_link(1, "echo", "linux");
	assert_link(2, "linux", "reader");
	assert_link(3, "chan a", "chan-b");
	assert_link(4, "chan-b", "chan a");
	/* The names are zero-padded. */
	ck_assert_uint_eq(compiled_link(2)->to[6], 0);
	ck_assert_uint_eq(compiled_link(2)->to[31], 0);
	/* The policy follows the root cell's (empty) interrupt list and ends the file. */
	ck_assert_uint_eq(compiled_size, 24 + 160 + 104 + 32 + 96 + 5 * 64);
	ck_assert_ptr_eq(compiled_link(5), (const void *)(compiled + compiled_size));
}
END_TEST

START_TEST(test_root_channel)
{
	write_policy_dts("\"linux <-> echo\"");
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->num_mem_regions, 1);
	ck_assert_uint_eq(compiled_cell()->num_channels, 1);
	ck_assert_str_eq(compiled_channel(0)->name, "feed");
	ck_assert_str_eq(compiled_channel(0)->peer, "echo");
	ck_assert_uint_eq(compiled_channel(0)->phys_start, 0x6f000000);
	/* Without "virt", where it really is, as the root cell needs it. */
	ck_assert_uint_eq(compiled_channel(0)->virt_start, 0x6f000000);
	ck_assert_uint_eq(compiled_channel(0)->size, 0x100000);
	ck_assert_uint_eq(compiled_channel(0)->flags, BULKHEAD_CHANNEL_WRITE);
	ck_assert_uint_eq(compiled_channel(0)->doorbell_irq, 240);
}
END_TEST

/* Two channels among the regions: they keep their order and follow all regions. */
START_TEST(test_cell_channels)
{
	char regions[2048], props[512];

	snprintf(regions, sizeof(regions),
		 "\t\tchannel@7e000000 {\n"
		 "\t\t\tchannel-name = \"in\";\n"
		 "\t\t\tpeer = \"qemu-virt-linux\";\n"
		 "\t\t\treg = <0x0 0x7e000000 0x0 0x10000>;\n"
		 "\t\t\taccess = \"read-only\";\n"
		 "\t\t};\n"
		 "%s"
		 "\t\tchannel@7e200000 {\n"
		 "\t\t\tchannel-name = \"out\";\n"
		 "\t\t\tpeer = \"other\";\n"
		 "\t\t\treg = <0x0 0x7e200000 0x0 0x100000>;\n"
		 "\t\t\tvirt = <0x0 0x20000000>;\n"
		 "\t\t\taccess = \"read-write\";\n"
		 "\t\t\tdoorbell-irq = <241>;\n"
		 "\t\t};\n", default_regions);
	snprintf(props, sizeof(props), "%s\t\tinterrupts = <40>;\n", default_props);
	write_cell_dts("in.dts", props, regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->num_mem_regions, 1);
	ck_assert_uint_eq(compiled_cell()->num_channels, 2);
	ck_assert_uint_eq(compiled_region(0)->phys_start, 0x70100000);
	ck_assert_str_eq(compiled_channel(0)->name, "in");
	ck_assert_uint_eq(compiled_channel(0)->virt_start, 0x7e000000);
	ck_assert_uint_eq(compiled_channel(0)->flags, 0);
	ck_assert_uint_eq(compiled_channel(0)->doorbell_irq, 0);
	ck_assert_str_eq(compiled_channel(1)->name, "out");
	ck_assert_str_eq(compiled_channel(1)->peer, "other");
	ck_assert_uint_eq(compiled_channel(1)->virt_start, 0x20000000);
	ck_assert_uint_eq(compiled_channel(1)->flags, BULKHEAD_CHANNEL_WRITE);
	ck_assert_uint_eq(compiled_channel(1)->doorbell_irq, 241);
	/* Regions, channels, interrupts: the list ends the file. */
	ck_assert_uint_eq(compiled_size, 24 + 104 + 32 + 2 * 96 + 4);
	ck_assert_uint_eq(compiled_irqs()[0], 40);
}
END_TEST

/* The channel configs compile to what their comments promise. */
START_TEST(test_shipped_channel_configs)
{
	static const struct {
		const char *path;
		const char *cell;
		u64 cpus;
		u64 ram;
		const char *channel;
		const char *peer;
		u64 phys, size, virt;
		u32 flags, doorbell_irq;
	} configs[] = {
		{ "configs/arm64/qemu-virt-echo.dts", "echo", 0x2, 0x71800000, "root-echo",
		  "qemu-virt-linux", 0x7e000000, 0x100000, 0x10000000, BULKHEAD_CHANNEL_WRITE,
		  241 },
		{ "configs/arm64/qemu-virt-chan-a.dts", "chan-a", 0x4, 0x71a00000, "a-b", "chan-b",
		  0x7e200000, 0x100000, 0x10000000, BULKHEAD_CHANNEL_WRITE, 242 },
		{ "configs/arm64/qemu-virt-chan-b.dts", "chan-b", 0x8, 0x71c00000, "a-b", "chan-a",
		  0x7e200000, 0x100000, 0x20000000, BULKHEAD_CHANNEL_WRITE, 243 },
		{ "tests/system/configs/chan-reader.dts", "reader", 0x4, 0x71e00000, "root-feed",
		  "qemu-virt-linux", 0x7e100000, 0x10000, 0x10000000, 0, 244 },
		{ "tests/system/configs/chan-bad-policy.dts", "chan-c", 0x4, 0x72000000, "c-b",
		  "chan-b", 0x7e300000, 0x10000, 0x10000000, BULKHEAD_CHANNEL_WRITE, 245 },
		{ "tests/system/configs/chan-bad-write.dts", "reader", 0x4, 0x71e00000, "root-feed",
		  "qemu-virt-linux", 0x7e100000, 0x10000, 0x10000000, BULKHEAD_CHANNEL_WRITE, 244 },
		{ "tests/system/configs/chan-bad-mismatch.dts", "echo", 0x2, 0x71800000,
		  "root-echo", "qemu-virt-linux", 0x7e000000, 0x200000, 0x10000000,
		  BULKHEAD_CHANNEL_WRITE, 241 },
		{ "tests/system/configs/chan-bad-undeclared.dts", "echo", 0x2, 0x71800000,
		  "root-nope", "qemu-virt-linux", 0x7e000000, 0x100000, 0x10000000,
		  BULKHEAD_CHANNEL_WRITE, 241 },
		{ "tests/system/configs/chan-bad-irq.dts", "echo", 0x2, 0x71800000, "root-echo",
		  "qemu-virt-linux", 0x7e000000, 0x100000, 0x10000000, BULKHEAD_CHANNEL_WRITE,
		  240 },
	};
	char args[512];
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(configs); n++) {
		snprintf(args, sizeof(args), "-o c.cell %s/%s", TOP_DIR, configs[n].path);
		ck_assert_msg(run_cellc(args) == 0, "%s: %s", configs[n].path, output);
		load_compiled("c.cell");
		ck_assert_str_eq(compiled_cell()->name, configs[n].cell);
		ck_assert_uint_eq(compiled_cell()->cpu_set, configs[n].cpus);
		ck_assert_uint_eq(compiled_region(0)->phys_start, configs[n].ram);
		ck_assert_uint_eq(compiled_region(0)->virt_start, 0);
		ck_assert_uint_eq(compiled_cell()->num_channels, 1);
		ck_assert_str_eq(compiled_channel(0)->name, configs[n].channel);
		ck_assert_str_eq(compiled_channel(0)->peer, configs[n].peer);
		ck_assert_uint_eq(compiled_channel(0)->phys_start, configs[n].phys);
		ck_assert_uint_eq(compiled_channel(0)->size, configs[n].size);
		ck_assert_uint_eq(compiled_channel(0)->virt_start, configs[n].virt);
		ck_assert_uint_eq(compiled_channel(0)->flags, configs[n].flags);
		ck_assert_uint_eq(compiled_channel(0)->doorbell_irq, configs[n].doorbell_irq);
	}
	/* The spy asks for channel a-b's memory as a plain region. */
	ck_assert_int_eq(run_cellc("-o s.cell " TOP_DIR "/tests/system/configs/chan-spy.dts"), 0);
	load_compiled("s.cell");
	ck_assert_str_eq(compiled_cell()->name, "spy");
	ck_assert_uint_eq(compiled_cell()->num_channels, 0);
	ck_assert_uint_eq(compiled_region(1)->phys_start, 0x7e200000);
	ck_assert_uint_eq(compiled_region(1)->virt_start, 0x10000000);
}
END_TEST

/* The board's policy and root channels, as the layout of the channel feature gives them. */
START_TEST(test_qemu_virt_channels)
{
	ck_assert_int_eq(run_cellc("-o q.cell " TOP_DIR "/configs/arm64/qemu-virt.dts"), 0);
	load_compiled("q.cell");
	ck_assert_uint_eq(bulkhead_config_system((const void *)compiled)->num_links, 10);
	assert_link(0, "qemu-virt-linux", "echo");
	assert_link(1, "echo", "qemu-virt-linux");
	assert_link(2, "chan-a", "chan-b");
	assert_link(3, "chan-b", "chan-a");
	assert_link(4, "qemu-virt-linux", "reader");
	assert_link(5, "logger", "qemu-virt-linux");
	assert_link(6, "qemu-virt-linux", "linux");
	assert_link(7, "linux", "qemu-virt-linux");
	assert_link(8, "linux", "bm-echo");
	assert_link(9, "bm-echo", "linux");
	ck_assert_uint_eq(compiled_cell()->num_channels, 4);
	ck_assert_str_eq(compiled_channel(0)->name, "root-echo");
	ck_assert_str_eq(compiled_channel(0)->peer, "echo");
	ck_assert_str_eq(compiled_channel(3)->name, "root-linux");
	ck_assert_str_eq(compiled_channel(3)->peer, "linux");
	ck_assert_uint_eq(compiled_channel(3)->doorbell_irq, 246);
	ck_assert_uint_eq(compiled_channel(0)->phys_start, 0x7e000000);
	ck_assert_uint_eq(compiled_channel(0)->size, 0x100000);
	ck_assert_uint_eq(compiled_channel(0)->flags, BULKHEAD_CHANNEL_WRITE);
	ck_assert_uint_eq(compiled_channel(0)->doorbell_irq, 240);
	ck_assert_str_eq(compiled_channel(1)->name, "root-feed");
	ck_assert_str_eq(compiled_channel(1)->peer, "reader");
	ck_assert_uint_eq(compiled_channel(1)->phys_start, 0x7e100000);
	ck_assert_uint_eq(compiled_channel(1)->size, 0x10000);
	ck_assert_uint_eq(compiled_channel(1)->flags, BULKHEAD_CHANNEL_WRITE);
	ck_assert_uint_eq(compiled_channel(1)->doorbell_irq, 0);
	ck_assert_str_eq(compiled_channel(2)->name, "root-log");
	ck_assert_uint_eq(compiled_channel(2)->flags, 0);
	ck_assert_uint_eq(compiled_channel(2)->doorbell_irq, 245);
}
END_TEST

/* Writes the default cell with @channel (a channel node) after its region. */
static void write_channel_dts(const char *channel)
{
	char regions[4096];

	snprintf(regions, sizeof(regions), "%s%s", default_regions, channel);
	write_cell_dts("in.dts", default_props, regions);
}

START_TEST(test_channel_schema)
{
	write_channel_dts("\t\tchannel@7e000000 {\n"
			  "\t\t\tchannel-name = \"in\";\n"
			  "\t\t\treg = <0x0 0x7e000000 0x0 0x10000>;\n"
			  "\t\t\tacess = \"read-only\";\n"
			  "\t\t};\n");
	assert_rejected("in.dts: /cell/channel@7e000000: property \"acess\": unknown property "
			"(expected channel-name, peer, reg, virt, access, doorbell-irq)\n");
	assert_output_has("in.dts: /cell/channel@7e000000: property \"peer\": missing\n");
	assert_output_has("in.dts: /cell/channel@7e000000: property \"access\": missing\n");
	write_channel_dts("\t\tchannel@7e000000 {\n"
			  "\t\t\tchannel-name = \"in\";\n"
			  "\t\t\tpeer = \"qemu-virt-linux\";\n"
			  "\t\t\treg = <0x0 0x7e000000 0x0 0x10000>;\n"
			  "\t\t\taccess = \"rw\";\n"
			  "\t\t\tdoorbell-irq = <0 241>;\n"
			  "\t\t};\n");
	assert_rejected("in.dts: /cell/channel@7e000000: property \"access\": unknown access "
			"\"rw\" (expected \"read-write\", \"read-only\")\n");
	assert_output_has("in.dts: /cell/channel@7e000000: property \"doorbell-irq\": must be "
			  "one cell, <n>, not 8 bytes\n");
}
END_TEST

/* The unit address is the physical address, as for regions. */
START_TEST(test_channel_unit_address)
{
	write_channel_dts("\t\tchannel@0 {\n"
			  "\t\t\tchannel-name = \"in\";\n"
			  "\t\t\tpeer = \"qemu-virt-linux\";\n"
			  "\t\t\treg = <0x0 0x7e000000 0x0 0x10000>;\n"
			  "\t\t\taccess = \"read-only\";\n"
			  "\t\t};\n");
	assert_rejected("in.dts: /cell/channel@0: property \"reg\": address 0x7e000000 does not "
			"match the unit address \"0\"\n");
}
END_TEST

START_TEST(test_channel_names)
{
	write_channel_dts("\t\tchannel@7e000000 {\n"
			  "\t\t\tchannel-name = \"\";\n"
			  "\t\t\tpeer = \"a-peer-name-that-is-much-too-long\";\n"
			  "\t\t\treg = <0x0 0x7e000000 0x0 0x10000>;\n"
			  "\t\t\taccess = \"read-only\";\n"
			  "\t\t};\n");
	assert_rejected("in.dts: /cell/channel@7e000000: property \"channel-name\": \"\" must "
			"have 1 to 31 characters\n");
	assert_output_has("in.dts: /cell/channel@7e000000: property \"peer\": \"a-peer-name-that-"
			  "is-much-too-long\" must have 1 to 31 characters\n");
}
END_TEST

START_TEST(test_too_many_channels)
{
	char channels[8192] = "";
	unsigned int n;

	for (n = 0; n <= BULKHEAD_MAX_CHANNELS; n++)
		snprintf(channels + strlen(channels), sizeof(channels) - strlen(channels),
			 "\t\tchannel@7e%02x0000 {\n"
			 "\t\t\tchannel-name = \"c%u\";\n"
			 "\t\t\tpeer = \"qemu-virt-linux\";\n"
			 "\t\t\treg = <0x0 0x7e%02x0000 0x0 0x10000>;\n"
			 "\t\t\taccess = \"read-only\";\n"
			 "\t\t};\n", n, n, n);
	write_channel_dts(channels);
	assert_rejected("in.dts: /cell/channel@7e100000: too many channels (at most 16)\n");
}
END_TEST

START_TEST(test_policy_syntax)
{
	write_policy_dts("\"linux <-> echo\", \"linux => reader\", \"a -> b -> c\", \" -> b\", "
			 "\"a <->\t\", \"<-> b\"");
	assert_rejected("in.dts: /channel-policy: property \"links\": entry 1 \"linux => reader\" "
			"is not \"CELL -> CELL\" or \"CELL <-> CELL\"\n");
	assert_output_has("property \"links\": entry 2 \"a -> b -> c\" is not");
	assert_output_has("property \"links\": entry 3 \" -> b\" is not");
	assert_output_has("property \"links\": entry 4 \"a <->\t\" is not");
	assert_output_has("property \"links\": entry 5 \"<-> b\" is not");
	write_policy_dts("\"linux -> a-cell-name-that-is-much-too-long\"");
	assert_rejected("in.dts: /channel-policy: property \"links\": \"a-cell-name-that-is-much-"
			"too-long\" must have 1 to 31 characters\n");
}
END_TEST

START_TEST(test_policy_schema)
{
	write_policy_dts("<1>");
	assert_rejected("in.dts: /channel-policy: property \"links\": malformed (expected "
			"strings like \"a -> b\", \"a <-> b\")\n");
	write_system_dts("in.dts", "\thypervisor@70000000 {\n"
				   "\t\treg = <0x0 0x70000000 0x0 0x01000000>;\n"
				   "\t};\n"
				   "\tchannel-policy {\n"
				   "\t\tlink = \"a -> b\";\n"
				   "\t};\n");
	assert_rejected("in.dts: /channel-policy: property \"link\": unknown property (expected "
			"links)\n");
	assert_output_has("in.dts: /channel-policy: property \"links\": missing (expected");
	/* Only the system config holds the policy. */
	unit_write_file("in.dts", "/dts-v1/;\n/ {\n\tcompatible = \"bulkhead,cell\";\n"
			"\tarch = \"arm64\";\n\tchannel-policy {\n\t\tlinks = \"a -> b\";\n"
			"\t};\n};\n");
	assert_rejected("in.dts: /channel-policy: unexpected node (expected cell)\n");
}
END_TEST

START_TEST(test_too_many_links)
{
	char links[4096] = "";
	unsigned int n;

	/* 32 two-way entries make the 64 links allowed; the 33rd is too many. */
	for (n = 0; n <= BULKHEAD_MAX_LINKS / 2; n++)
		snprintf(links + strlen(links), sizeof(links) - strlen(links), "%s\"c%u <-> d%u\"",
			 n ? ", " : "", n, n);
	write_policy_dts(links);
	assert_rejected("in.dts: /channel-policy: property \"links\": entry 32 \"c32 <-> d32\" "
			"makes more than 64 links\n");
}
END_TEST

/* The validator names the channel by index; the compiler adds the node. */
START_TEST(test_validator_channel)
{
	write_channel_dts("\t\tchannel@70180000 {\n"
			  "\t\t\tchannel-name = \"in\";\n"
			  "\t\t\tpeer = \"qemu-virt-linux\";\n"
			  "\t\t\treg = <0x0 0x70180000 0x0 0x10000>;\n"
			  "\t\t\tvirt = <0x0 0x20000000>;\n"
			  "\t\t\taccess = \"read-only\";\n"
			  "\t\t};\n");
	assert_rejected("in.dts: config: cell \"demo\" channel 0 \"in\": phys "
			"0x70180000-0x7018ffff overlaps memory region 0 (0x70100000-0x701fffff)\n");
	assert_output_has("in.dts: note: channel 0 is /cell/channel@70180000\n");
	assert_output_has("in.dts: note: memory region 0 is /cell/memory@70100000\n");
}
END_TEST

START_TEST(test_validator_link_twice)
{
	write_policy_dts("\"linux <-> echo\", \"echo -> linux\"");
	assert_rejected("in.dts: config: link 2 \"echo\" -> \"linux\": listed already as "
			"link 1\n");
	assert_output_has("in.dts: note: link 2 is entry 1 (\"echo -> linux\") of property "
			  "\"links\" of /channel-policy\n");
}
END_TEST

/* The root's channels are checked against the policy of the same file. */
START_TEST(test_validator_root_channel_policy)
{
	write_policy_dts("\"linux -> echo\"");
	assert_rejected("in.dts: config: cell \"linux\" channel 0 \"feed\": doorbell_irq 240 but "
			"the policy has no link \"echo\" -> \"linux\"\n");
	assert_output_has("in.dts: note: channel 0 is /root-cell/channel@6f000000\n");
}
END_TEST

/* ---- files and command line ---- */

START_TEST(test_failure_keeps_old_output)
{
	struct dirent *entry;
	unsigned int files = 0;
	DIR *dir;

	unit_write_file("out.cell", "old");
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
	assert_output_has("(config revision 7)");
}
END_TEST

/* ---- operating-system cells: flags, emulated devices, image store ---- */

static const char vdevice_nodes[] =
	"\t\tvdevice@9000000 {\n"
	"\t\t\ttype = \"pl011\";\n"
	"\t\t\treg = <0x0 0x09000000 0x0 0x1000>;\n"
	"\t\t\tinterrupt = <33>;\n"
	"\t\t};\n"
	"\t\tvdevice@9030000 {\n"
	"\t\t\ttype = \"power-button\";\n"
	"\t\t\treg = <0x0 0x09030000 0x0 0x1000>;\n"
	"\t\t\tinterrupt = <39>;\n"
	"\t\t};\n"
	"\t\tvdevice@9040000 {\n"
	"\t\t\ttype = \"sp805\";\n"
	"\t\t\treg = <0x0 0x09040000 0x0 0x1000>;\n"
	"\t\t\tinterrupt = <41>;\n"
	"\t\t};\n";

static const struct bulkhead_vdevice *compiled_vdevice(unsigned int n)
{
	return &bulkhead_cell_vdevices(compiled_cell())[n];
}

START_TEST(test_os_cell_fields)
{
	char props[512], nodes[1024];

	snprintf(props, sizeof(props), "%s\t\tbus-errors;\n\t\tpsci-conduit = \"smc\";\n"
		 "\t\tinterrupts = <40>;\n", default_props);
	snprintf(nodes, sizeof(nodes), "%s%s"
		 "\t\tmemory@70200000 {\n"
		 "\t\t\treg = <0x0 0x70200000 0x0 0x100000>;\n"
		 "\t\t\tflags = \"image-store\";\n"
		 "\t\t};\n", default_regions, vdevice_nodes);
	write_cell_dts("in.dts", props, nodes);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	ck_assert_str_eq(output, "");
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_size, 24 + 104 + 2 * 32 + 4 + 3 * 16);
	assert_checksum_sealed();
	ck_assert_uint_eq(compiled_cell()->flags,
			  BULKHEAD_CELL_BUS_ERRORS | BULKHEAD_CELL_PSCI_SMC);
	ck_assert_uint_eq(compiled_region(1)->flags, BULKHEAD_MEM_IMAGE_STORE);
	ck_assert_uint_eq(compiled_cell()->num_vdevices, 3);
	ck_assert_uint_eq(compiled_vdevice(0)->type, BULKHEAD_VDEV_PL011);
	ck_assert_uint_eq(compiled_vdevice(0)->address, 0x09000000);
	ck_assert_uint_eq(compiled_vdevice(0)->irq, 33);
	ck_assert_uint_eq(compiled_vdevice(1)->type, BULKHEAD_VDEV_POWER_BUTTON);
	ck_assert_uint_eq(compiled_vdevice(1)->address, 0x09030000);
	ck_assert_uint_eq(compiled_vdevice(1)->irq, 39);
	ck_assert_uint_eq(compiled_vdevice(2)->type, BULKHEAD_VDEV_SP805);
	ck_assert_uint_eq(compiled_vdevice(2)->address, 0x09040000);
	ck_assert_uint_eq(compiled_vdevice(2)->irq, 41);
	/* The interrupt list still ends where the devices begin. */
	ck_assert_uint_eq(bulkhead_cell_irqs(compiled_cell())[0], 40);

	/* "hvc" is the default and sets nothing. */
	snprintf(props, sizeof(props), "%s\t\tpsci-conduit = \"hvc\";\n", default_props);
	write_cell_dts("in.dts", props, default_regions);
	ck_assert_int_eq(run_cellc("-o out.cell in.dts"), 0);
	load_compiled("out.cell");
	ck_assert_uint_eq(compiled_cell()->flags, 0);
}
END_TEST

START_TEST(test_bad_conduit_and_flag)
{
	char props[512];

	snprintf(props, sizeof(props), "%s\t\tpsci-conduit = \"svc\";\n\t\tbus-errors = <1>;\n",
		 default_props);
	write_cell_dts("in.dts", props, default_regions);
	assert_rejected("in.dts: /cell: property \"psci-conduit\": unknown conduit \"svc\" "
			"(expected \"hvc\", \"smc\")\n");
	assert_output_has("in.dts: /cell: property \"bus-errors\": is a flag and takes no value\n");
}
END_TEST

START_TEST(test_bad_vdevices)
{
	char nodes[1024];

	snprintf(nodes, sizeof(nodes), "%s"
		 "\t\tvdevice@9000000 {\n"
		 "\t\t\ttype = \"pl012\";\n"
		 "\t\t\treg = <0x0 0x09000000 0x0 0x2000>;\n"
		 "\t\t\tinterrupts = <33>;\n"
		 "\t\t};\n", default_regions);
	write_cell_dts("in.dts", default_props, nodes);
	assert_rejected("in.dts: /cell/vdevice@9000000: property \"interrupts\": unknown property "
			"(expected type, reg, interrupt)\n");
	assert_output_has("in.dts: /cell/vdevice@9000000: property \"type\": unknown device type "
			  "\"pl012\" (expected \"pl011\", \"power-button\", \"sp805\")\n");
	assert_output_has("in.dts: /cell/vdevice@9000000: property \"reg\": size 0x2000: an emulated "
			  "device takes one page, 0x1000\n");
	assert_output_has("in.dts: /cell/vdevice@9000000: property \"interrupt\": missing\n");
}
END_TEST

/* What only the validator judges comes back with the node it was written in. */
START_TEST(test_vdevice_validator_note)
{
	char nodes[1024];

	snprintf(nodes, sizeof(nodes), "%s%s"
		 "\t\tvdevice@9100000 {\n"
		 "\t\t\ttype = \"pl011\";\n"
		 "\t\t\treg = <0x0 0x09100000 0x0 0x1000>;\n"
		 "\t\t\tinterrupt = <34>;\n"
		 "\t\t};\n", default_regions, vdevice_nodes);
	write_cell_dts("in.dts", default_props, nodes);
	assert_rejected("in.dts: config: cell \"demo\" vdevice 3: type 1 (pl011): the cell has one "
			"already, vdevice 0\n");
	assert_output_has("in.dts: note: vdevice 3 is /cell/vdevice@9100000\n");
}
END_TEST

/* The root keeps the machine's firmware, bus and devices, and restarts with the machine. */
START_TEST(test_os_fields_in_root_cell)
{
	write_system_dts_with("in.dts", "", hv_node,
			      "\t\tbus-errors;\n\t\tpsci-conduit = \"smc\";\n", vdevice_nodes);
	assert_rejected("in.dts: /root-cell/vdevice@9000000: not allowed in the root cell (it has "
			"the machine's own devices)\n");
	assert_output_has("in.dts: /root-cell: property \"bus-errors\": not allowed in the root "
			  "cell");
	assert_output_has("in.dts: /root-cell: property \"psci-conduit\": not allowed in the root "
			  "cell");
	write_system_dts_with("in.dts", "", hv_node, "",
			      "\t\tmemory@71000000 {\n"
			      "\t\t\treg = <0x0 0x71000000 0x0 0x100000>;\n"
			      "\t\t\tflags = \"image-store\";\n"
			      "\t\t};\n");
	assert_rejected("in.dts: config: cell \"linux\" memory region 1: flags 0x80 marks a region "
			"image-store, which only cell configs may\n");
	assert_output_has("in.dts: note: memory region 1 is /root-cell/memory@71000000\n");
}
END_TEST

Suite *cellc_suite(void)
{
	Suite *suite = suite_create("cellc");
	TCase *ok = tcase_create("compiles");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(ok, unit_tmpdir_enter, unit_tmpdir_leave);
	tcase_add_test(ok, test_crc32_check_value);
	tcase_add_test(ok, test_qemu_virt_compiles);
	tcase_add_test(ok, test_cell_fields);
	tcase_add_test(ok, test_virt_and_passive);
	tcase_add_test(ok, test_os_cell_fields);
	tcase_add_test(errors, test_bad_conduit_and_flag);
	tcase_add_test(errors, test_bad_vdevices);
	tcase_add_test(errors, test_vdevice_validator_note);
	tcase_add_test(errors, test_os_fields_in_root_cell);
	tcase_add_test(ok, test_default_output_name);
	tcase_add_test(ok, test_includes_and_macros);
	tcase_add_test(ok, test_dtb_input);
	tcase_add_test(ok, test_system_without_console);
	tcase_add_test(ok, test_cell_defaults);
	tcase_add_test(ok, test_cell_boot_properties);
	tcase_add_test(ok, test_entry_default_needs_execute);
	tcase_add_test(ok, test_interrupts);
	tcase_add_test(ok, test_shipped_cell_configs);
	tcase_add_test(ok, test_max_cells);
	tcase_add_test(ok, test_image_key);
	tcase_add_test(ok, test_policy_links);
	tcase_add_test(ok, test_root_channel);
	tcase_add_test(ok, test_cell_channels);
	tcase_add_test(ok, test_shipped_channel_configs);
	tcase_add_test(ok, test_qemu_virt_channels);
	suite_add_tcase(suite, ok);

	tcase_add_checked_fixture(errors, unit_tmpdir_enter, unit_tmpdir_leave);
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
	tcase_add_test(errors, test_name_not_an_id);
	tcase_add_test(errors, test_wrong_compatible);
	tcase_add_test(errors, test_wrong_arch);
	tcase_add_test(errors, test_platform_of_other_arch);
	tcase_add_test(errors, test_unexpected_node);
	tcase_add_test(errors, test_system_missing_hypervisor);
	tcase_add_test(errors, test_validator_misaligned_region);
	tcase_add_test(errors, test_validator_hypervisor_overlap);
	tcase_add_test(errors, test_comm_region_missing);
	tcase_add_test(errors, test_comm_region_wrong_length);
	tcase_add_test(errors, test_entry_without_default);
	tcase_add_test(errors, test_shutdown_timeout_not_one_cell);
	tcase_add_test(errors, test_cell_properties_in_root_cell);
	tcase_add_test(errors, test_max_cells_in_cell_config);
	tcase_add_test(errors, test_image_key_wrong_size);
	tcase_add_test(errors, test_image_key_in_cell_config);
	tcase_add_test(errors, test_validator_max_cells);
	tcase_add_test(errors, test_validator_event_irq);
	tcase_add_test(errors, test_event_irq_in_cell_config);
	tcase_add_test(errors, test_validator_comm_region_overlap);
	tcase_add_test(errors, test_validator_shutdown_timeout);
	tcase_add_test(errors, test_interrupts_malformed);
	tcase_add_test(errors, test_too_many_interrupts);
	tcase_add_test(errors, test_interrupts_in_root_cell);
	tcase_add_test(errors, test_validator_interrupts);
	tcase_add_test(errors, test_channel_schema);
	tcase_add_test(errors, test_channel_unit_address);
	tcase_add_test(errors, test_channel_names);
	tcase_add_test(errors, test_too_many_channels);
	tcase_add_test(errors, test_policy_syntax);
	tcase_add_test(errors, test_policy_schema);
	tcase_add_test(errors, test_too_many_links);
	tcase_add_test(errors, test_validator_channel);
	tcase_add_test(errors, test_validator_link_twice);
	tcase_add_test(errors, test_validator_root_channel_policy);
	tcase_add_test(errors, test_failure_keeps_old_output);
	tcase_add_test(errors, test_missing_input);
	tcase_add_test(errors, test_usage);
	tcase_add_test(ok, test_health_properties);
	tcase_add_test(ok, test_health_defaults);
	tcase_add_test(errors, test_health_unknown_action);
	tcase_add_test(errors, test_health_validated);
	tcase_add_test(errors, test_health_in_root_cell);
	suite_add_tcase(suite, errors);
	return suite;
}
