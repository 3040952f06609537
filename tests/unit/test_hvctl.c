// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-*.c without main() and the device: the config pre-checks of
 * 'hvctl enable' and 'hvctl cell create' (one message per problem), the
 * 'hvctl info' format that the system tests grep, cells as sysfs shows them
 * ('hvctl cell list', CELL names and ids, on a tree the tests build), and
 * where 'hvctl cell load' puts each piece. These files are built into this
 * suite directly; a few tests run the hvctl binary for its argument handling.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-config.c"
#include "../../tools/hvctl-util.c"
#include "../../tools/hvctl-info.c"
#include "../../tools/hvctl-sysfs.c"
#include "../../tools/hvctl-load.c"
#include "../../tools/hvctl-input.c"

/* hvctl.c has the validator's printk() sink; here printk() goes to the console capture. */
const char *hvctl_validator_message(void)
{
	return console_captured();
}

#define OTHER_ARCH	(HVCTL_ARCH == BULKHEAD_ARCH_ARM64 ? BULKHEAD_ARCH_X86_64 : \
			 BULKHEAD_ARCH_ARM64)

static union {
	struct bulkhead_config_header hdr;
	char bytes[BULKHEAD_CONFIG_MAX_SIZE];
} cfg;
static size_t cfg_size;
static char why[512];

/* A config of @kind with @regions memory regions, sized and checksummed. */
static void make_config(unsigned int kind, unsigned int regions)
{
	struct bulkhead_cell *cell;

	memset(&cfg, 0, sizeof(cfg));
	memcpy(cfg.hdr.magic, BULKHEAD_CONFIG_MAGIC, BULKHEAD_CONFIG_MAGIC_LEN);
	cfg.hdr.revision = BULKHEAD_CONFIG_REVISION;
	cfg.hdr.arch = HVCTL_ARCH;
	cfg.hdr.kind = kind;
	cell = (struct bulkhead_cell *)bulkhead_config_cell(&cfg.hdr);
	strcpy(cell->name, "unit");
	cell->num_mem_regions = regions;
	cell->cpu_set = 0xf;
	cfg_size = bulkhead_config_expected_size(&cfg.hdr);
	cfg.hdr.total_size = cfg_size;
}

static void seal(void)
{
	cfg.hdr.checksum = bulkhead_config_checksum(&cfg.hdr, cfg_size);
}

static enum hvctl_config_status check(unsigned int kind)
{
	why[0] = '\0';
	return hvctl_config_check(&cfg, cfg_size, kind, "hvctl enable", why, sizeof(why));
}

#define assert_rejected(status, text)                                                      \
	do {                                                                               \
		ck_assert_int_eq(check(BULKHEAD_CONFIG_SYSTEM), status);                     \
		ck_assert_msg(strstr(why, text), "'%s' not in '%s'", text, why);            \
	} while (0)

START_TEST(test_valid_configs)
{
	make_config(BULKHEAD_CONFIG_SYSTEM, 2);
	seal();
	ck_assert_int_eq(check(BULKHEAD_CONFIG_SYSTEM), HVCTL_CONFIG_VALID);
	make_config(BULKHEAD_CONFIG_CELL, 0);
	seal();
	ck_assert_int_eq(check(BULKHEAD_CONFIG_CELL), HVCTL_CONFIG_VALID);
}
END_TEST

START_TEST(test_size_limits)
{
	char *big = calloc(1, BULKHEAD_CONFIG_MAX_SIZE + 1);

	make_config(BULKHEAD_CONFIG_SYSTEM, 1);
	seal();
	cfg_size = sizeof(struct bulkhead_config_header) - 1;
	assert_rejected(HVCTL_CONFIG_TOO_SMALL, "smaller than a config header");
	cfg_size = 0;
	assert_rejected(HVCTL_CONFIG_TOO_SMALL, "only 0 bytes");
	ck_assert_int_eq(hvctl_config_check(big, BULKHEAD_CONFIG_MAX_SIZE + 1,
					    BULKHEAD_CONFIG_SYSTEM, "hvctl enable", why,
					    sizeof(why)), HVCTL_CONFIG_TOO_LARGE);
	ck_assert_ptr_nonnull(strstr(why, "at most 65536 bytes"));
	free(big);
}
END_TEST

START_TEST(test_identity)
{
	make_config(BULKHEAD_CONFIG_SYSTEM, 1);
	cfg.hdr.magic[0] = 'X';
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_MAGIC, "not a Bulkhead config");
	make_config(BULKHEAD_CONFIG_SYSTEM, 1);
	cfg.hdr.revision = BULKHEAD_CONFIG_REVISION + 1;
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_REVISION, "recompile it");
	make_config(BULKHEAD_CONFIG_SYSTEM, 1);
	cfg.hdr.arch = OTHER_ARCH;
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_ARCH, hvctl_arch_name(OTHER_ARCH));
}
END_TEST

START_TEST(test_kind)
{
	make_config(BULKHEAD_CONFIG_CELL, 1);
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_KIND, "this is a cell config; 'hvctl enable' needs a "
			"system config (kind 'system')");
	cfg.hdr.kind = 7;
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_KIND, "unknown config kind 7");
}
END_TEST

START_TEST(test_integrity)
{
	make_config(BULKHEAD_CONFIG_SYSTEM, 2);
	seal();
	cfg_size -= 4;
	assert_rejected(HVCTL_CONFIG_BAD_SIZE, "truncated");
	make_config(BULKHEAD_CONFIG_SYSTEM, 2);
	seal();
	cfg.bytes[cfg_size - 1] ^= 1;
	assert_rejected(HVCTL_CONFIG_BAD_CHECKSUM, "checksum mismatch");
	/* Sized and sealed, but the region table does not match the file. */
	make_config(BULKHEAD_CONFIG_SYSTEM, 2);
	((struct bulkhead_cell *)bulkhead_config_cell(&cfg.hdr))->num_mem_regions = 3;
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_LAYOUT, "3 memory regions");
	/* Too short to hold the cell descriptor: caught before it is read. */
	make_config(BULKHEAD_CONFIG_SYSTEM, 0);
	cfg_size -= 8;
	cfg.hdr.total_size = cfg_size;
	seal();
	assert_rejected(HVCTL_CONFIG_BAD_LAYOUT, "too small for a system config");
}
END_TEST

/* Writes the current config to a temporary file; returns its path. */
static const char *write_config(char *path)
{
	int fd;

	strcpy(path, "/tmp/hvctl-unit-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, cfg.bytes, cfg_size), (ssize_t)cfg_size);
	close(fd);
	return path;
}

START_TEST(test_load)
{
	char path[64];
	size_t size;
	void *buf;

	ck_assert_ptr_null(hvctl_config_load("/nonexistent.cell", BULKHEAD_CONFIG_SYSTEM,
					     "hvctl enable", &size, why, sizeof(why)));
	ck_assert_str_eq(why, "/nonexistent.cell: no such file; check the path (configs are "
			 "compiled to *.cell files)");
	ck_assert_ptr_null(hvctl_config_load("/", BULKHEAD_CONFIG_SYSTEM, "hvctl enable", &size,
					     why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "not a regular file"));

	make_config(BULKHEAD_CONFIG_SYSTEM, 2);
	seal();
	write_config(path);
	buf = hvctl_config_load(path, BULKHEAD_CONFIG_SYSTEM, "hvctl enable", &size, why,
				sizeof(why));
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(size, cfg_size);
	ck_assert_mem_eq(buf, cfg.bytes, cfg_size);
	free(buf);
	ck_assert_ptr_null(hvctl_config_load(path, BULKHEAD_CONFIG_CELL, "hvctl cell create",
					     &size, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, ": this is a system config; 'hvctl cell create' needs"));
	unlink(path);
}
END_TEST

/* What bulkhead-cellc makes of configs/arm64/qemu-virt.dts passes, once its arch is ours. */
START_TEST(test_compiled_config)
{
	FILE *f = fopen(QEMU_VIRT_CELL, "rb");

	ck_assert_msg(f, "%s is missing: run 'make -C tests/unit run'", QEMU_VIRT_CELL);
	cfg_size = fread(cfg.bytes, 1, sizeof(cfg.bytes), f);
	fclose(f);
	if (HVCTL_ARCH != BULKHEAD_ARCH_ARM64) {
		assert_rejected(HVCTL_CONFIG_BAD_ARCH, "this config is for arm64");
		cfg.hdr.arch = HVCTL_ARCH;
		seal();
	}
	ck_assert_msg(check(BULKHEAD_CONFIG_SYSTEM) == HVCTL_CONFIG_VALID, "%s", why);
}
END_TEST

START_TEST(test_format_cpus)
{
	char buf[200];

	hvctl_format_cpus(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "none");
	hvctl_format_cpus(0xf, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-3");
	hvctl_format_cpus(0xb, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-1,3");
	hvctl_format_cpus(0x15, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0,2,4");
	hvctl_format_cpus(1ULL << 63, buf, sizeof(buf));
	ck_assert_str_eq(buf, "63");
	hvctl_format_cpus(~0ULL, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0-63");
	hvctl_format_cpus(0x5555555555555555ULL, buf, 8);
	ck_assert_str_eq(buf, "0,2,4,6");
}
END_TEST

static char *info_text(const struct bulkhead_status *st, bool json)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	hvctl_print_info(out, st, json);
	fclose(out);
	return text;
}

#define assert_line(text, line)                                                            \
	ck_assert_msg(strstr(text, line "\n"), "no line '%s' in:\n%s", line, text)

START_TEST(test_info_format)
{
	static struct bulkhead_status st;
	char *text, line[160];

	text = info_text(&st, false);
	ck_assert_str_eq(text, "enabled: no\n");
	free(text);
	text = info_text(&st, true);
	ck_assert_str_eq(text, "{\n  \"enabled\": false\n}\n");
	free(text);

	st.enabled = 1;
	st.hv_version = BULKHEAD_VERSION(1, 2, 3);
	st.hv_mem_start = 0x70000000;
	st.hv_mem_size = 0x4000000;
	st.pool_pages = 1000;
	st.pool_used = 10;
	strcpy(st.root_name, "qemu-virt");
	st.root_cpus = 0xd;
	st.num_cpus = 3;
	st.cpu[0] = (struct bulkhead_cpu_status){ 1, BULKHEAD_CPU_RUNNING,
						  2 | BULKHEAD_CPU_MODE_STAGE2, 0,
						  { 1234, 10, 2, 3, 0, 0 } };
	st.cpu[1] = (struct bulkhead_cpu_status){ 0, BULKHEAD_CPU_PARKED, 0, 1, { 5 } };
	st.cpu[2] = (struct bulkhead_cpu_status){ 1, BULKHEAD_CPU_RUNNING,
						  BULKHEAD_CPU_MODE_VMX_ROOT, 0, { 7 } };
	text = info_text(&st, false);
	assert_line(text, "enabled: yes");
	assert_line(text, "hypervisor version: 1.2.3");
	assert_line(text, "hypervisor memory: 0x70000000 size 0x4000000 (65536 KiB)");
	assert_line(text, "page pool: 10/1000 pages used (40/4000 KiB)");
	assert_line(text, "root cell: qemu-virt");
	assert_line(text, "root cpus: 0,2-3");
	assert_line(text, "cpus: 3");
	/* The level is the hypervisor's word, stage 2 the arch's name for it (test_hvctl_arch.c). */
	snprintf(line, sizeof(line), "cpu0  online  running  EL2  %s on  cell 0  exits 1234 "
		 "(hypercall 10, mmio 2, psci 3, sysreg 0, other 0)\n", hvctl_arch.stage2_name);
	ck_assert_msg(strstr(text, line), "no line '%s' in:\n%s", line, text);
	snprintf(line, sizeof(line), "cpu1  offline  parked  -  %s off  cell 1  exits 5 (hypercall "
		 "0, mmio 0, psci 0, sysreg 0, other 0)\n", hvctl_arch.stage2_name);
	ck_assert_msg(strstr(text, line), "no line '%s' in:\n%s", line, text);
	snprintf(line, sizeof(line), "cpu2  online  running  VMX-root  %s off  cell 0  exits 7 ",
		 hvctl_arch.stage2_name);
	ck_assert_msg(strstr(text, line), "no line '%s' in:\n%s", line, text);
	free(text);
	text = info_text(&st, true);
	ck_assert_ptr_nonnull(strstr(text, "\"root_cell\": {\"name\": \"qemu-virt\", "
				     "\"cpus\": [0, 2, 3]}"));
	ck_assert_ptr_nonnull(strstr(text, "{\"id\": 1, \"online\": false, \"state\": \"parked\""));
	/* Every counter, named as in the cells' statistics files. */
	ck_assert_ptr_nonnull(strstr(text, "\"exits\": {\"total\": 1234, \"hypercall\": 10, "
				     "\"mmio\": 2, \"psci\": 3, \"sysreg\": 0, \"other\": 0, "
				     "\"irq\": 0, \"management\": 0, \"sgi\": 0, \"virq\": 0, "
				     "\"maintenance\": 0}}"));
	free(text);
}
END_TEST

/* ---- hvctl cell create: the validator and CPU 0 ---- */

/* A valid cell config for this hvctl: RAM at 0, comm region at 0x80000000. */
static void make_cell_config(__u64 cpus)
{
	struct bulkhead_cell *cell;
	struct bulkhead_mem_region *ram;

	make_config(BULKHEAD_CONFIG_CELL, 1);
	cell = (struct bulkhead_cell *)bulkhead_config_cell(&cfg.hdr);
	cell->cpu_set = cpus;
	cell->comm_region = 0x80000000;
	cell->shutdown_timeout_ms = 1000;
	ram = (struct bulkhead_mem_region *)bulkhead_cell_mem_regions(cell);
	ram->phys_start = 0x71000000;
	ram->size = 0x100000;
	ram->flags = BULKHEAD_MEM_READ | BULKHEAD_MEM_WRITE | BULKHEAD_MEM_EXECUTE |
		     BULKHEAD_MEM_LOADABLE;
	seal();
}

static int validate(void)
{
	why[0] = '\0';
	console_capture_reset();
	return hvctl_config_validate(&cfg, cfg_size, BULKHEAD_CONFIG_CELL, why, sizeof(why));
}

START_TEST(test_create_validates)
{
	make_cell_config(0x2);
	ck_assert_msg(validate() == 0, "%s", why);
	make_cell_config(0x3);
	ck_assert_int_eq(validate(), -1);
	ck_assert_str_eq(why, "cell \"unit\" claims CPU 0, which the root cell keeps; take 0 out "
		       "of its cpus");
	make_cell_config(0x2);
	((struct bulkhead_cell *)bulkhead_config_cell(&cfg.hdr))->entry = 0x200000;
	seal();
	ck_assert_int_eq(validate(), -1);
	ck_assert_str_eq(why, "cell \"unit\": entry 0x200000 lies in no memory region; fix the "
		       "config source and recompile it");
}
END_TEST

/* ---- cells in sysfs ---- */

static char cells_dir[128];

static void write_cell_file(unsigned int id, const char *file, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", cells_dir, id, file);
	unit_write_file(path, text);
}

/* One cell directory as the driver makes it; @loadable is "0xVIRT 0xSIZE" lines. */
static void add_cell(unsigned int id, const char *name, const char *state, const char *cpus,
		     const char *failed, const char *reason, const char *loadable)
{
	char path[256], line[256];

	snprintf(path, sizeof(path), "%s/%u", cells_dir, id);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(line, sizeof(line), "%s\n", name);
	write_cell_file(id, "name", line);
	snprintf(line, sizeof(line), "%s\n", state);
	write_cell_file(id, "state", line);
	snprintf(line, sizeof(line), "%s\n", cpus);
	write_cell_file(id, "cpus", line);
	snprintf(line, sizeof(line), "%s\n", failed);
	write_cell_file(id, "failed_cpus", line);
	snprintf(line, sizeof(line), "%s\n", reason);
	write_cell_file(id, "reason", line);
	write_cell_file(id, "loadable", loadable);
	write_cell_file(id, "restarts", "0\n");
	write_cell_file(id, "watchdog_expiries", "0\n");
	write_cell_file(id, "faults", "0\n");
	write_cell_file(id, "rollbacks", "0\n");
	write_cell_file(id, "updates", "0\n");
}

/* The root cell, "hello" (id 1) and "7" (id 10, failed); "lab" is id 7. */
static void make_cells(void)
{
	unit_tmpdir_enter();
	snprintf(cells_dir, sizeof(cells_dir), "%s/cells", unit_tmpdir());
	ck_assert_int_eq(mkdir(cells_dir, 0755), 0);
	add_cell(0, "qemu-virt-linux", "running", "0", "", "", "");
	add_cell(10, "7", "failed", "2-3", "3", "cpu 3: write outside its memory at 0x9000000",
		 "0x0 0x100000\n");
	add_cell(1, "hello", "shut-down", "1", "", "", "0x200000 0x100000\n0x0 0x100000\n");
	add_cell(7, "lab", "running", "4,6", "", "", "0x0 0x1000\n");
	write_cell_file(10, "restarts", "12\n");
	write_cell_file(10, "watchdog_expiries", "3\n");
	write_cell_file(10, "faults", "9\n");
	write_cell_file(10, "rollbacks", "1\n");
	write_cell_file(10, "updates", "2\n");
}

START_TEST(test_parse_cpulist)
{
	__u64 mask;

	ck_assert_int_eq(hvctl_parse_cpulist("", &mask), 0);
	ck_assert_uint_eq(mask, 0);
	ck_assert_int_eq(hvctl_parse_cpulist("1-2,4", &mask), 0);
	ck_assert_uint_eq(mask, 0x16);
	ck_assert_int_eq(hvctl_parse_cpulist("0-63", &mask), 0);
	ck_assert_uint_eq(mask, ~0ULL);
	ck_assert_int_eq(hvctl_parse_cpulist("5", &mask), 0);
	ck_assert_uint_eq(mask, 0x20);
	ck_assert_int_eq(hvctl_parse_cpulist("64", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist("3-1", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist("1-", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist("1,", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist("1,,2", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist("x", &mask), -1);
	ck_assert_int_eq(hvctl_parse_cpulist(" 1", &mask), -1);
}
END_TEST

START_TEST(test_cells_read)
{
	static struct hvctl_cell cells[HVCTL_MAX_LISTED];

	ck_assert_int_eq(hvctl_cells_read(cells_dir, cells, HVCTL_MAX_LISTED, why, sizeof(why)),
			 4);
	/* Sorted by id, not by directory order. */
	ck_assert_uint_eq(cells[0].id, 0);
	ck_assert_uint_eq(cells[1].id, 1);
	ck_assert_uint_eq(cells[2].id, 7);
	ck_assert_uint_eq(cells[3].id, 10);
	ck_assert_str_eq(cells[1].name, "hello");
	ck_assert_str_eq(cells[1].state, "shut-down");
	ck_assert_uint_eq(cells[1].cpus, 0x2);
	ck_assert_uint_eq(cells[1].num_loadable, 2);
	ck_assert_uint_eq(cells[1].loadable[0].start, 0x200000);
	ck_assert_uint_eq(cells[1].loadable[1].size, 0x100000);
	ck_assert_uint_eq(cells[0].num_loadable, 0);
	ck_assert_uint_eq(cells[3].failed_cpus, 0x8);
	ck_assert_str_eq(cells[3].reason, "cpu 3: write outside its memory at 0x9000000");
	ck_assert_int_eq(hvctl_cells_read(cells_dir, cells, 3, why, sizeof(why)), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "more than 3 cells"));
}
END_TEST

static int find(const char *arg, struct hvctl_cell *cell)
{
	why[0] = '\0';
	return hvctl_cell_find(cells_dir, arg, cell, why, sizeof(why));
}

START_TEST(test_cell_find)
{
	struct hvctl_cell cell;

	ck_assert_int_eq(find("hello", &cell), 0);
	ck_assert_uint_eq(cell.id, 1);
	ck_assert_int_eq(find("1", &cell), 0);
	ck_assert_str_eq(cell.name, "hello");
	ck_assert_int_eq(find("0", &cell), 0);
	ck_assert_str_eq(cell.name, "qemu-virt-linux");
	/* id:N is always the id. */
	ck_assert_int_eq(find("id:7", &cell), 0);
	ck_assert_str_eq(cell.name, "lab");
	ck_assert_int_eq(find("id:1", &cell), 0);
	ck_assert_str_eq(cell.name, "hello");
	ck_assert_int_eq(find("id:hello", &cell), -EINVAL);
	ck_assert_str_eq(why, "'id:hello' is not a cell id: give id:N with N decimal, as hvctl "
			 "cell list shows it");
	ck_assert_int_eq(find("id:", &cell), -EINVAL);
	ck_assert_int_eq(find("id:2", &cell), -ENOENT);
	ck_assert_str_eq(why, "no cell \"id:2\" (see hvctl cell list)");
	/*
	 * Cell 10 is named "7", as a hypervisor before the rule allowed: "7" is
	 * both, and hvctl will not guess; "10" is only an id, so it is one.
	 */
	ck_assert_int_eq(find("7", &cell), -EINVAL);
	ck_assert_str_eq(why, "\"7\" is both the id of cell \"lab\" and the name of cell 10; say "
			 "id:7 for the id");
	ck_assert_int_eq(find("10", &cell), 0);
	ck_assert_str_eq(cell.name, "7");
	ck_assert_int_eq(find("foo", &cell), -ENOENT);
	ck_assert_str_eq(why, "no cell \"foo\" (see hvctl cell list)");
	ck_assert_int_eq(find("2", &cell), -ENOENT);
	/* Not decimal ids: never matched as one. */
	ck_assert_int_eq(find("01", &cell), -ENOENT);
	ck_assert_int_eq(find("+1", &cell), -ENOENT);
	ck_assert_int_eq(find("", &cell), -ENOENT);
}
END_TEST

START_TEST(test_cell_find_not_enabled)
{
	struct hvctl_cell cell;

	/* The driver keeps the root cell's directory; before enable its state is "none". */
	write_cell_file(0, "name", "\n");
	write_cell_file(0, "state", "none\n");
	ck_assert_int_eq(find("hello", &cell), -ENODEV);
	ck_assert_str_eq(why, HVCTL_NOT_ENABLED);
	/* No driver, no directory. */
	strcat(cells_dir, "-missing");
	ck_assert_int_eq(find("hello", &cell), -ENODEV);
	ck_assert_str_eq(why, HVCTL_NOT_ENABLED);
}
END_TEST

START_TEST(test_cell_malformed)
{
	struct hvctl_cell cell;
	char expected[256];

	write_cell_file(1, "cpus", "1-x\n");
	ck_assert_int_eq(find("hello", &cell), -EIO);
	snprintf(expected, sizeof(expected), "%s/1/cpus: unexpected contents \"1-x\"; is the "
		 "bulkhead module of this release loaded?", cells_dir);
	ck_assert_str_eq(why, expected);
	write_cell_file(1, "cpus", "1\n");
	write_cell_file(1, "loadable", "0x0 100\n");
	ck_assert_int_eq(find("hello", &cell), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/1/loadable: unexpected contents \"0x0 100\""));
	write_cell_file(1, "loadable", "0x0 0x100000\n");
	write_cell_file(1, "rollbacks", "-1\n");
	ck_assert_int_eq(find("hello", &cell), -EIO);
	ck_assert_ptr_nonnull(strstr(why, "/1/rollbacks: unexpected contents \"-1\""));
	write_cell_file(1, "rollbacks", "99999999999999999999999\n");
	ck_assert_int_eq(find("hello", &cell), -EIO);
}
END_TEST

static char *cells_text(bool json)
{
	static struct hvctl_cell cells[HVCTL_MAX_LISTED];
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int num = hvctl_cells_read(cells_dir, cells, HVCTL_MAX_LISTED, why, sizeof(why));

	ck_assert_int_ge(num, 0);
	ck_assert_ptr_nonnull(out);
	hvctl_print_cells(out, cells, num, json);
	fclose(out);
	return text;
}

START_TEST(test_cell_list)
{
	char *text;

	text = cells_text(false);
	ck_assert_str_eq(text,
			 "ID  NAME             STATE      CPUS  FAILED-CPUS  RESTARTS  EXPIRIES  "
			 "ROLLBACKS  REASON\n"
			 "0   qemu-virt-linux  running    0     -            0         0         "
			 "0\n"
			 "1   hello            shut-down  1     -            0         0         "
			 "0\n"
			 "7   lab              running    4,6   -            0         0         "
			 "0\n"
			 "10  7                failed     2-3   3            12        3         "
			 "1          cpu 3: write outside its memory at 0x9000000\n");
	free(text);
	/* Without a failed cell there is no REASON column. */
	write_cell_file(10, "state", "running\n");
	write_cell_file(10, "failed_cpus", "\n");
	write_cell_file(10, "reason", "\n");
	text = cells_text(false);
	ck_assert_str_eq(text,
			 "ID  NAME             STATE      CPUS  FAILED-CPUS  RESTARTS  EXPIRIES  "
			 "ROLLBACKS\n"
			 "0   qemu-virt-linux  running    0     -            0         0         0\n"
			 "1   hello            shut-down  1     -            0         0         0\n"
			 "7   lab              running    4,6   -            0         0         0\n"
			 "10  7                running    2-3   -            12        3         1\n");
	free(text);
}
END_TEST

START_TEST(test_cell_list_json)
{
	char *text = cells_text(true);

	ck_assert_ptr_nonnull(strstr(text, "{\n  \"cells\": [\n"
				     "    {\"id\": 0, \"name\": \"qemu-virt-linux\", \"state\": "
				     "\"running\", \"cpus\": [0], \"failed_cpus\": [], \"reason\": "
				     "\"\", \"restarts\": 0, \"watchdog_expiries\": 0, \"faults\": 0, "
				     "\"rollbacks\": 0, \"updates\": 0},\n"));
	ck_assert_ptr_nonnull(strstr(text, "    {\"id\": 10, \"name\": \"7\", \"state\": "
				     "\"failed\", \"cpus\": [2, 3], \"failed_cpus\": [3], "
				     "\"reason\": \"cpu 3: write outside its memory at "
				     "0x9000000\", \"restarts\": 12, \"watchdog_expiries\": 3, "
				     "\"faults\": 9, \"rollbacks\": 1, \"updates\": 2}\n  ]\n}\n"));
	free(text);
}
END_TEST

/* ---- hvctl cell load: segments and their addresses ---- */

static struct hvctl_load_plan plan;

/* Parses the words of @args (split at spaces) as the operands after CELL. */
static int parse(const char *args)
{
	static char words[4096];
	static char *argv[64];
	int argc = unit_split_words(args, words, sizeof(words), argv, 64);

	why[0] = '\0';
	return hvctl_load_parse(argc, argv, &plan, why, sizeof(why));
}

#define assert_parse_error(args, text)                                                     \
	do {                                                                               \
		ck_assert_int_eq(parse(args), -1);                                         \
		ck_assert_str_eq(why, text);                                               \
	} while (0)

START_TEST(test_load_parse)
{
	ck_assert_int_eq(parse("hello.bin"), 0);
	ck_assert_uint_eq(plan.num, 1);
	ck_assert_str_eq(plan.seg[0].source, "hello.bin");
	ck_assert(!plan.seg[0].is_string && !plan.seg[0].has_address);

	ck_assert_int_eq(parse("a.bin -a 0x1000 -s x=1 -s y --address 4096 b.bin -a 010"), 0);
	ck_assert_uint_eq(plan.num, 4);
	ck_assert(plan.seg[0].has_address);
	ck_assert_uint_eq(plan.seg[0].address, 0x1000);
	ck_assert(plan.seg[1].is_string && !plan.seg[1].has_address);
	ck_assert_str_eq(plan.seg[1].source, "x=1");
	ck_assert_uint_eq(plan.seg[1].size, 4);
	ck_assert_uint_eq(plan.seg[2].address, 4096);
	ck_assert(plan.seg[2].has_address);
	/* Decimal means decimal: no octal. */
	ck_assert_uint_eq(plan.seg[3].address, 10);
	ck_assert_int_eq(parse("a.bin --string -s"), 0);
	ck_assert_str_eq(plan.seg[1].source, "-s");
}
END_TEST

START_TEST(test_load_parse_errors)
{
	assert_parse_error("", "missing IMAGE");
	assert_parse_error("-a 0x0 a.bin", "'-a 0x0' before the IMAGE; it goes after the IMAGE or "
			   "-s STRING it places");
	assert_parse_error("-s hi a.bin", "'-s hi' before the IMAGE; the IMAGE comes first");
	assert_parse_error("a.bin -a 0x0 -a 0x1000", "a.bin: two addresses ('-a 0x1000' is the "
			   "second)");
	assert_parse_error("a.bin -s console=ttyAMA0,115200n8-and-more -a 1 -a 2",
			   "string \"console=ttyAMA0,115200n8...\": two addresses ('-a 2' is the "
			   "second)");
	assert_parse_error("a.bin -a 0x", "'-a 0x': not an address; give a cell address in hex "
			   "(0x...) or decimal");
	assert_parse_error("a.bin -a 12ab", "'-a 12ab': not an address; give a cell address in "
			   "hex (0x...) or decimal");
	ck_assert_int_eq(parse("a.bin -a -5"), -1);
	ck_assert_int_eq(parse("a.bin -a 0x1g"), -1);
	ck_assert_int_eq(parse("a.bin -a 0x10000000000000000"), -1);
	assert_parse_error("a.bin -a", "'-a' needs a value");
	assert_parse_error("a.bin b.bin", "b.bin: only the first IMAGE has a default address; "
			   "give '-a ADDR' after it");
	ck_assert_int_eq(parse("a.bin b.bin -a 0x80000"), 0);
	ck_assert_int_eq(parse("a -s 1 -s 2 -s 3 -s 4 -s 5 -s 6 -s 7 -s 8 -s 9 -s 10 -s 11 -s 12 "
			       "-s 13 -s 14 -s 15"), 0);
	assert_parse_error("a -s 1 -s 2 -s 3 -s 4 -s 5 -s 6 -s 7 -s 8 -s 9 -s 10 -s 11 -s 12 "
			   "-s 13 -s 14 -s 15 -s 16", "more than 16 IMAGEs and STRINGs; load at "
			   "most 16 at once");
}
END_TEST

/* "hello" as sysfs shows it: loadable 0x200000-0x2fffff and 0x0-0xfffff. */
static struct hvctl_cell load_cell;

static void make_load_cell(void)
{
	memset(&load_cell, 0, sizeof(load_cell));
	strcpy(load_cell.name, "hello");
	load_cell.id = 1;
	load_cell.num_loadable = 2;
	load_cell.loadable[0] = (struct hvctl_region){ 0x200000, 0x100000 };
	load_cell.loadable[1] = (struct hvctl_region){ 0x0, 0x100000 };
}

/* Parses @args, gives IMAGEs @image_size bytes and places them in load_cell. */
static int place(const char *args, __u64 image_size)
{
	unsigned int n;

	ck_assert_int_eq(parse(args), 0);
	for (n = 0; n < plan.num; n++)
		if (!plan.seg[n].is_string)
			plan.seg[n].size = image_size;
	return hvctl_load_place(&plan, &load_cell, why, sizeof(why));
}

START_TEST(test_load_defaults)
{
	ck_assert_int_eq(place("hello.bin -s console=ttyAMA0", 0x1000), 0);
	/* The lowest loadable region, wherever sysfs lists it. */
	ck_assert_uint_eq(plan.seg[0].address, 0);
	ck_assert_uint_eq(plan.seg[1].address, BULKHEAD_INMATE_CMDLINE_OFFSET);
	ck_assert_uint_eq(plan.seg[1].size, 16);
	/* A string follows the image it belongs to. */
	ck_assert_int_eq(place("hello.bin -a 0x200000 -s x -s y -a 0x3000", 0x1000), 0);
	ck_assert_uint_eq(plan.seg[1].address, 0x200100);
	ck_assert_uint_eq(plan.seg[2].address, 0x3000);
}
END_TEST

/* What a restart puts back: one span per loadable region, the config's entry and x0. */
START_TEST(test_inmate_boot)
{
	struct bulkhead_cell desc = { .entry = 0x40, .comm_region = 0x80000000 };
	struct bulkhead_boot_params boot;

	ck_assert_int_eq(place("hello.bin -s x -s y -a 0x2000 other.bin -a 0x280000", 0x1000), 0);
	ck_assert_int_eq(hvctl_inmate_boot(&plan, &load_cell, &desc, &boot, why, sizeof(why)), 0);
	ck_assert_uint_eq(boot.entry, 0x40);
	ck_assert_uint_eq(boot.arg, 0x80000000);
	ck_assert_uint_eq(boot.num_segments, 2);
	ck_assert_uint_eq(boot.segments[0].address, 0x280000);
	ck_assert_uint_eq(boot.segments[0].size, 0x1000);
	/* The image, its command line inside it, and the string beyond it. */
	ck_assert_uint_eq(boot.segments[1].address, 0);
	ck_assert_uint_eq(boot.segments[1].size, 0x2002);
	ck_assert_uint_eq(boot.flags, 0);
}
END_TEST

/*
 * What an inmate load hands over: each span zero but for its pieces, a later
 * piece over an earlier one, and the SHA-256 of exactly those bytes.
 */
START_TEST(test_inmate_spans_and_digests)
{
	struct bulkhead_cell desc = { .entry = 0x40, .comm_region = 0x80000000 };
	struct bulkhead_load_segment pieces[4], spans[BULKHEAD_MAX_LOAD_SEGMENTS];
	void *bufs[BULKHEAD_MAX_LOAD_SEGMENTS] = { NULL };
	static char image[0x1000], other[0x1000];
	struct bulkhead_boot_params boot;
	u8 expect[0x2002] = { 0 }, digest[32];
	unsigned int n;

	memset(image, 'i', sizeof(image));
	memset(other, 'o', sizeof(other));
	ck_assert_int_eq(place("hello.bin -s x -s y -a 0x2000 other.bin -a 0x280000", 0x1000), 0);
	ck_assert_int_eq(hvctl_inmate_boot(&plan, &load_cell, &desc, &boot, why, sizeof(why)), 0);
	for (n = 0; n < 4; n++)
		pieces[n] = (struct bulkhead_load_segment){ .address = plan.seg[n].address,
			.size = plan.seg[n].size };
	pieces[0].data = (uintptr_t)image;
	pieces[1].data = (uintptr_t)"x";
	pieces[2].data = (uintptr_t)"y";
	pieces[3].data = (uintptr_t)other;
	ck_assert_int_eq(hvctl_inmate_spans(pieces, 4, &boot, spans, bufs), 0);
	/* The span of region 0x0-0xfffff: the image, "x" inside it, a gap, "y". */
	memset(expect, 'i', 0x1000);
	memcpy(expect + BULKHEAD_INMATE_CMDLINE_OFFSET, "x", 2);
	memcpy(expect + 0x2000, "y", 2);
	ck_assert_uint_eq(spans[1].address, 0);
	ck_assert_uint_eq(spans[1].size, sizeof(expect));
	ck_assert(!memcmp((void *)(uintptr_t)spans[1].data, expect, sizeof(expect)));
	hvctl_boot_digests(&boot, spans);
	sha256(expect, sizeof(expect), digest);
	ck_assert(!memcmp(boot.segments[1].sha256, digest, sizeof(digest)));
	/* The other region's span holds what was loaded there, and nothing else. */
	ck_assert_uint_eq(spans[0].address, 0x280000);
	ck_assert_uint_eq(spans[0].size, 0x1000);
	ck_assert(!memcmp((void *)(uintptr_t)spans[0].data, other, 0x1000));
	for (n = 0; n < BULKHEAD_MAX_LOAD_SEGMENTS; n++)
		free(bufs[n]);
}
END_TEST

START_TEST(test_load_cmdline_size)
{
	static char args[BULKHEAD_INMATE_CMDLINE_SIZE + 64];
	size_t len;

	/* 0x6ff characters and the NUL fill the area exactly. */
	len = snprintf(args, sizeof(args), "img -s ");
	memset(args + len, 'x', BULKHEAD_INMATE_CMDLINE_SIZE - 1);
	args[len + BULKHEAD_INMATE_CMDLINE_SIZE - 1] = '\0';
	ck_assert_int_eq(place(args, 0x1000), 0);
	strcat(args, "x");
	ck_assert_int_eq(place(args, 0x1000), -1);
	ck_assert_str_eq(why, "string \"xxxxxxxxxxxxxxxxxxxxxxxx...\": 1793 bytes with its NUL do "
		       "not fit the 1792-byte command line area at 0x100 (image + 0x100); "
		       "shorten it or place it with '-a ADDR'");
	/* Placed by hand, only the region limits it. */
	strcat(args, " -a 0x1000");
	ck_assert_int_eq(place(args, 0x1000), 0);
}
END_TEST

START_TEST(test_load_fit)
{
	ck_assert_int_eq(place("IMAGE", 5000000), -1);
	ck_assert_str_eq(why, "IMAGE: 5000000 bytes at 0x0 do not fit in a loadable region of "
		       "cell \"hello\" (loadable: 0x200000-0x2fffff, 0x0-0xfffff)");
	/* Exactly a region, and up to its last byte. */
	ck_assert_int_eq(place("IMAGE -a 0x200000", 0x100000), 0);
	ck_assert_int_eq(place("IMAGE -a 0xff000", 0x1000), 0);
	ck_assert_int_eq(place("IMAGE -a 0xff000", 0x1001), -1);
	/* Between the regions, and across the gap. */
	ck_assert_int_eq(place("IMAGE -a 0x100000", 1), -1);
	ck_assert_int_eq(place("IMAGE -a 0x80000", 0x100000), -1);
	ck_assert_int_eq(place("IMAGE -a 0xffffffffffffffff", 2), -1);
	ck_assert_int_eq(place("IMAGE", 0), -1);
	ck_assert_str_eq(why, "IMAGE: empty file; nothing to load");
	load_cell.num_loadable = 1;
	load_cell.loadable[0] = (struct hvctl_region){ 0x0, 0x100000 };
	ck_assert_int_eq(place("IMAGE", 5000000), -1);
	ck_assert_str_eq(why, "IMAGE: 5000000 bytes at 0x0 do not fit in a loadable region of "
		       "cell \"hello\" (loadable: 0x0-0xfffff)");
	load_cell.num_loadable = 0;
	ck_assert_int_eq(place("IMAGE", 1), -1);
	ck_assert_str_eq(why, "cell \"hello\" has no loadable memory; nothing can be loaded into "
		       "it");
}
END_TEST

/* ---- the hvctl binary: what happens before it needs the device ---- */

char hvctl_output[16384];

int run_hvctl(const char *args)
{
	return unit_run(HVCTL_PATH, args, hvctl_output, sizeof(hvctl_output));
}

START_TEST(test_hvctl_cell_commands)
{
	ck_assert_int_eq(run_hvctl("cell --help"), 0);
	assert_hvctl_says("  create FILE.cell ");
	assert_hvctl_says("  load CELL IMAGE [-a ADDR] [-s STRING [-a ADDR]]...\n");
	assert_hvctl_says("  dtb CELL|FILE.cell ");
	assert_hvctl_says("  start CELL ");
	assert_hvctl_says("  shutdown CELL ");
	assert_hvctl_says("  destroy CELL ");
	assert_hvctl_says("  list [--json] ");
	ck_assert_int_eq(run_hvctl("cell load --help"), 0);
	assert_hvctl_says("  -a, --address ADDR ");
	assert_hvctl_says("  --initrd FILE ");
	assert_hvctl_says("  --cmdline TEXT ");
	ck_assert_int_eq(run_hvctl("cell create"), 2);
	assert_hvctl_says("hvctl: missing argument FILE.cell for 'hvctl cell create'");
	ck_assert_int_eq(run_hvctl("cell start a b"), 2);
	ck_assert_int_eq(run_hvctl("console a b"), 2);
	/* A stray operand is refused, not paired with the option after it. */
	ck_assert_int_eq(run_hvctl("cell dtb a.cell stray -o out.dtb"), 2);
	assert_hvctl_says("hvctl: unexpected argument 'stray'");
}
END_TEST

START_TEST(test_hvctl_load_arguments)
{
	ck_assert_int_eq(run_hvctl("cell load hello img -a"), 2);
	ck_assert_str_eq(hvctl_output, "hvctl: option '-a' needs a value (ADDR); see 'hvctl cell "
			 "load --help'\n");
	ck_assert_int_eq(run_hvctl("cell load hello -s x img"), 2);
	assert_hvctl_says("hvctl: '-s x' before the IMAGE; the IMAGE comes first; see 'hvctl cell "
			  "load --help'\n");
	ck_assert_int_eq(run_hvctl("cell load hello img -b"), 2);
	assert_hvctl_says("unknown option '-b'");
	/* The value of -s is a string to load, even when it looks like --help. */
	ck_assert_int_ne(run_hvctl("cell load hello img -s --help"), 0);
	ck_assert_ptr_null(strstr(hvctl_output, "Usage:"));
}
END_TEST

START_TEST(test_hvctl_create_prechecks)
{
	char path[64], args[256];

	make_cell_config(0x5);
	write_config(path);
	snprintf(args, sizeof(args), "cell create %s", path);
	ck_assert_int_eq(run_hvctl(args), 1);
	snprintf(args, sizeof(args), "hvctl: %s: cell \"unit\" claims CPU 0, which the root cell "
		 "keeps; take 0 out of its cpus\n", path);
	ck_assert_str_eq(hvctl_output, args);
	unlink(path);
	make_config(BULKHEAD_CONFIG_SYSTEM, 0);
	seal();
	write_config(path);
	snprintf(args, sizeof(args), "cell create %s", path);
	ck_assert_int_eq(run_hvctl(args), 1);
	assert_hvctl_says(": this is a system config; 'hvctl cell create' needs a cell config");
	unlink(path);
}
END_TEST

/* --send TEXT: C escapes decoded, bad ones and overlong text refused with a reason. */
START_TEST(test_send_escapes)
{
	char out[16], why[128];

	ck_assert_int_eq(hvctl_unescape("ls -l\\n", out, sizeof(out), why, sizeof(why)), 6);
	ck_assert_int_eq(memcmp(out, "ls -l\n", 6), 0);
	ck_assert_int_eq(hvctl_unescape("\\r\\t\\a\\e\\\\\\x1d\\x7F", out, sizeof(out), why,
					sizeof(why)), 7);
	ck_assert_int_eq(memcmp(out, "\r\t\a\x1b\\\x1d\x7f", 7), 0);
	ck_assert_int_eq(hvctl_unescape("", out, sizeof(out), why, sizeof(why)), 0);
	ck_assert_int_eq(hvctl_unescape("ab\\q", out, sizeof(out), why, sizeof(why)), -1);
	ck_assert_str_eq(why, "TEXT: unknown escape at byte 2 (use \\n \\r \\t \\a \\e \\\\ or "
			 "\\xHH)");
	ck_assert_int_eq(hvctl_unescape("\\x4", out, sizeof(out), why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_unescape("x\\", out, sizeof(out), why, sizeof(why)), -1);
	ck_assert_int_eq(hvctl_unescape("0123456789abcdefg", out, sizeof(out), why, sizeof(why)),
			 -1);
	ck_assert_str_eq(why, "TEXT is longer than 16 bytes");
}
END_TEST

Suite *hvctl_suite(void)
{
	Suite *s = suite_create("hvctl");
	TCase *tc = tcase_create("hvctl");
	TCase *sysfs = tcase_create("sysfs");
	TCase *load = tcase_create("load");
	TCase *binary = tcase_create("binary");

	tcase_add_test(tc, test_valid_configs);
	tcase_add_test(tc, test_send_escapes);
	tcase_add_test(tc, test_size_limits);
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_kind);
	tcase_add_test(tc, test_integrity);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_compiled_config);
	tcase_add_test(tc, test_format_cpus);
	tcase_add_test(tc, test_info_format);
	tcase_add_test(tc, test_create_validates);
	tcase_add_test(tc, test_parse_cpulist);
	tcase_add_test(tc, test_load_parse);
	tcase_add_test(tc, test_load_parse_errors);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(sysfs, make_cells, unit_tmpdir_leave);
	tcase_add_test(sysfs, test_cells_read);
	tcase_add_test(sysfs, test_cell_find);
	tcase_add_test(sysfs, test_cell_find_not_enabled);
	tcase_add_test(sysfs, test_cell_malformed);
	tcase_add_test(sysfs, test_cell_list);
	tcase_add_test(sysfs, test_cell_list_json);
	suite_add_tcase(s, sysfs);

	tcase_add_checked_fixture(load, make_load_cell, NULL);
	tcase_add_test(load, test_load_defaults);
	tcase_add_test(load, test_load_cmdline_size);
	tcase_add_test(load, test_load_fit);
	tcase_add_test(load, test_inmate_boot);
	tcase_add_test(load, test_inmate_spans_and_digests);
	suite_add_tcase(s, load);

	tcase_add_test(binary, test_hvctl_cell_commands);
	tcase_add_test(binary, test_hvctl_load_arguments);
	tcase_add_test(binary, test_hvctl_create_prechecks);
	suite_add_tcase(s, binary);
	return s;
}
