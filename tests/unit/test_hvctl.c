// SPDX-License-Identifier: GPL-2.0
/*
 * tools/hvctl-config.c and tools/hvctl-info.c: the config pre-check of
 * 'hvctl enable' (one message per problem) and the 'hvctl info' format that
 * the system tests grep. The two files have no main(), so they are built
 * into this suite directly.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "../../tools/hvctl-config.c"
#include "../../tools/hvctl-info.c"

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
	char *text;

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
	st.num_cpus = 2;
	st.cpu[0] = (struct bulkhead_cpu_status){ 1, BULKHEAD_CPU_RUNNING,
						  2 | BULKHEAD_CPU_MODE_STAGE2, 0,
						  { 1234, 10, 2, 3, 0, 0 } };
	st.cpu[1] = (struct bulkhead_cpu_status){ 0, BULKHEAD_CPU_PARKED, 0, 1, { 5 } };
	text = info_text(&st, false);
	assert_line(text, "enabled: yes");
	assert_line(text, "hypervisor version: 1.2.3");
	assert_line(text, "hypervisor memory: 0x70000000 size 0x4000000 (65536 KiB)");
	assert_line(text, "page pool: 10/1000 pages used (40/4000 KiB)");
	assert_line(text, "root cell: qemu-virt");
	assert_line(text, "root cpus: 0,2-3");
	assert_line(text, "cpus: 2");
	assert_line(text, "cpu0  online  running  EL2  stage-2 on  cell 0  exits 1234 "
			  "(hypercall 10, mmio 2, psci 3, sysreg 0, other 0)");
	assert_line(text, "cpu1  offline  parked  -  stage-2 off  cell 1  exits 5 "
			  "(hypercall 0, mmio 0, psci 0, sysreg 0, other 0)");
	free(text);
	text = info_text(&st, true);
	ck_assert_ptr_nonnull(strstr(text, "\"root_cell\": {\"name\": \"qemu-virt\", "
				     "\"cpus\": [0, 2, 3]}"));
	ck_assert_ptr_nonnull(strstr(text, "{\"id\": 1, \"online\": false, \"state\": \"parked\""));
	free(text);
}
END_TEST

Suite *hvctl_suite(void)
{
	Suite *s = suite_create("hvctl");
	TCase *tc = tcase_create("hvctl");

	tcase_add_test(tc, test_valid_configs);
	tcase_add_test(tc, test_size_limits);
	tcase_add_test(tc, test_identity);
	tcase_add_test(tc, test_kind);
	tcase_add_test(tc, test_integrity);
	tcase_add_test(tc, test_load);
	tcase_add_test(tc, test_compiled_config);
	tcase_add_test(tc, test_format_cpus);
	tcase_add_test(tc, test_info_format);
	suite_add_tcase(s, tc);
	return s;
}
