// SPDX-License-Identifier: GPL-2.0
/*
 * inmates/board/fdt.c, the board program's own device-tree reader, on the
 * host: blobs that dtc compiles from a board-like tree, read back node by
 * node (cells of the parent, status, reg pairs, string lists), and blobs
 * made hostile (bad header, offsets and lengths outside the blob,
 * unterminated names, too deep a tree), which it must refuse without reading
 * outside them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../inmates/board/fdt.c"

/* A blob in a buffer of exactly its size (8-aligned, as the board's). */
static uint8_t *blob;
static size_t blob_size;

static const char board_dts[] =
	"/dts-v1/;\n"
	"/ {\n"
	"  #address-cells = <2>; #size-cells = <2>;\n"
	"  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1000000>; };\n"
	"  cpus { #address-cells = <1>; #size-cells = <0>;\n"
	"    cpu@0 { device_type = \"cpu\"; reg = <0>; };\n"
	"    cpu@1 { device_type = \"cpu\"; reg = <1>; status = \"okay\"; };\n"
	"    cpu@2 { device_type = \"cpu\"; reg = <2>; status = \"disabled\"; };\n"
	"  };\n"
	"  intc@8000000 { compatible = \"arm,gic-v3\"; #redistributor-regions = <2>;\n"
	"    reg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x80a0000 0x0 0x20000>,\n"
	"          <0x0 0x80c0000 0x0 0x20000>; };\n"
	"  timer { compatible = \"arm,armv8-timer\", \"arm,armv7-timer\";\n"
	"    interrupts = <1 13 4>, <1 14 4>, <1 11 4>, <1 10 4>; };\n"
	"  uart@9100000 { compatible = \"arm,pl011\"; reg = <0x0 0x9100000 0x0 0x1000>;\n"
	"    status = \"disabled\"; };\n"
	"  uart@9000000 { compatible = \"arm,pl011\", \"arm,primecell\";\n"
	"    reg = <0x0 0x9000000 0x0 0x1000>; };\n"
	"  psci { compatible = \"arm,psci-1.0\", \"arm,psci-0.2\"; method = \"smc\"; };\n"
	"  bus { #address-cells = <1>; #size-cells = <1>;\n"
	"    rtc@9010000 { compatible = \"arm,pl031\"; reg = <0x9010000 0x1000>;\n"
	"      interrupts = <0 2 4>; };\n"
	"  };\n"
	"};\n";

/* Compiles @dts with dtc into blob. */
static void compile(const char *dts)
{
	FILE *f;
	long size;

	unit_write_file("t.dts", dts);
	ck_assert_int_eq(system("dtc -q -I dts -O dtb -o t.dtb t.dts"), 0);
	f = fopen("t.dtb", "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	free(blob);
	blob_size = size;
	blob = aligned_alloc(8, (blob_size + 7) & ~7UL);
	ck_assert_ptr_nonnull(blob);
	ck_assert_int_eq(fread(blob, 1, blob_size, f), blob_size);
	fclose(f);
}

static bool open_blob(struct dt_blob *dt)
{
	return dt_open(dt, (uint64_t)(uintptr_t)blob);
}

static void put_be32(uint32_t offset, uint32_t v)
{
	blob[offset] = v >> 24;
	blob[offset + 1] = v >> 16;
	blob[offset + 2] = v >> 8;
	blob[offset + 3] = v;
}

static uint32_t get_be32(uint32_t offset)
{
	return be32(blob + offset);
}

/* Every node in order: how many there are, or -1 if the walk stopped on an error. */
static int count_nodes(const struct dt_blob *dt)
{
	struct dt_iter it;
	struct dt_node node;
	int n = 0;

	dt_iter_start(&it, dt);
	while (dt_iter_next(&it, &node))
		n++;
	return it.depth == 0 && token_at(dt, it.pos) == FDT_END ? n : -1;
}

static void setup(void)
{
	unit_tmpdir_enter();
	compile(board_dts);
}

static void teardown(void)
{
	free(blob);
	blob = NULL;
	unit_tmpdir_leave();
}

START_TEST(test_board_tree)
{
	struct dt_blob dt;
	struct dt_node node;
	uint64_t addr, size;
	uint32_t v, len;
	const char *s;

	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), 13);

	/* The first enabled PL011, with a compatible list of two. */
	ck_assert(dt_find_compatible(&dt, "arm,pl011", &node));
	ck_assert(dt_reg(&node, 0, &addr, &size));
	ck_assert_uint_eq(addr, 0x9000000);
	ck_assert_uint_eq(size, 0x1000);
	ck_assert(!dt_reg(&node, 1, &addr, &size));
	ck_assert(dt_is_compatible(&node, "arm,primecell"));
	ck_assert(!dt_is_compatible(&node, "arm,pl01"));

	/* Three reg pairs; the second and third are the redistributor regions. */
	ck_assert(dt_find_compatible(&dt, "arm,gic-v3", &node));
	ck_assert(dt_u32(&node, "#redistributor-regions", 0, &v));
	ck_assert_uint_eq(v, 2);
	ck_assert(dt_reg(&node, 2, &addr, &size));
	ck_assert_uint_eq(addr, 0x80c0000);
	ck_assert(!dt_reg(&node, 3, &addr, &size));

	ck_assert(dt_find_compatible(&dt, "arm,armv8-timer", &node));
	ck_assert(dt_u32(&node, "interrupts", 7, &v));
	ck_assert_uint_eq(v, 11);
	ck_assert(!dt_u32(&node, "interrupts", 12, &v));

	ck_assert(dt_find_compatible(&dt, "arm,psci-0.2", &node));
	s = dt_prop(&node, "method", &len);
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "smc");
	ck_assert_ptr_null(dt_prop(&node, "no-such-property", &len));

	/* A parent with one address and one size cell. */
	ck_assert(dt_find_compatible(&dt, "arm,pl031", &node));
	ck_assert_uint_eq(node.addr_cells, 1);
	ck_assert(dt_reg(&node, 0, &addr, &size));
	ck_assert_uint_eq(addr, 0x9010000);
	ck_assert_uint_eq(size, 0x1000);

	ck_assert(!dt_find_compatible(&dt, "arm,gic-400", &node));
}
END_TEST

START_TEST(test_board_cpus)
{
	struct dt_blob dt;
	struct dt_iter it;
	struct dt_node node;
	uint64_t reg, size, seen[4];
	unsigned int cpus = 0;
	uint32_t len;

	ck_assert(open_blob(&dt));
	dt_iter_start(&it, &dt);
	while (dt_iter_next(&it, &node)) {
		const char *type = dt_prop(&node, "device_type", &len);

		if (!type || strcmp(type, "cpu") || !dt_is_enabled(&node))
			continue;
		ck_assert_uint_eq(node.depth, 2);
		ck_assert_uint_eq(node.size_cells, 0);
		ck_assert(dt_reg(&node, 0, &reg, &size));
		seen[cpus++] = reg;
	}
	/* cpu@2 is disabled. */
	ck_assert_uint_eq(cpus, 2);
	ck_assert_uint_eq(seen[0], 0);
	ck_assert_uint_eq(seen[1], 1);
}
END_TEST

START_TEST(test_bad_header)
{
	struct dt_blob dt;

	ck_assert(!dt_open(&dt, 0));
	/* Not 8-aligned. */
	ck_assert(!dt_open(&dt, (uint64_t)(uintptr_t)blob + 4));
	blob[0] ^= 1;
	ck_assert(!open_blob(&dt));
	blob[0] ^= 1;
	ck_assert(open_blob(&dt));

	put_be32(4, 4u << 20);			/* totalsize beyond 2 MiB */
	ck_assert(!open_blob(&dt));
	put_be32(4, blob_size);
	put_be32(20, 16);			/* version 16 */
	ck_assert(!open_blob(&dt));
	put_be32(20, 17);
	put_be32(8, blob_size + 4);		/* structure block after the end */
	ck_assert(!open_blob(&dt));
	compile(board_dts);
	put_be32(36, blob_size);		/* structure block past the end */
	ck_assert(!open_blob(&dt));
	compile(board_dts);
	put_be32(32, blob_size);		/* strings past the end */
	ck_assert(!open_blob(&dt));
}
END_TEST

/* Offset of the first FDT_PROP token in the structure block. */
static uint32_t first_prop(void)
{
	uint32_t structs = get_be32(8), pos = structs;

	while (get_be32(pos) != FDT_PROP)
		pos += 4;
	return pos;
}

START_TEST(test_bad_structure)
{
	struct dt_blob dt;
	struct dt_node node;
	struct dt_iter it;
	uint32_t prop, structs, len;

	/* A property (the root's first) longer than the structure block. */
	prop = first_prop();
	put_be32(prop + 4, 0x7ffffff0);
	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), -1);
	ck_assert(!dt_find_compatible(&dt, "arm,pl011", &node));
	dt_iter_start(&it, &dt);
	ck_assert(dt_iter_next(&it, &node));
	ck_assert_ptr_null(dt_prop(&node, "#address-cells", &len));

	/* A property name outside the strings block. */
	compile(board_dts);
	put_be32(first_prop() + 8, get_be32(32));
	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), -1);

	/* An unknown token. */
	compile(board_dts);
	put_be32(first_prop(), 7);
	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), -1);

	/* The structure block cut in the middle: no END token is ever read beyond it. */
	compile(board_dts);
	structs = get_be32(8);
	put_be32(36, first_prop() + 6 - structs);
	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), -1);

	/* The strings block ends inside a name: unterminated, refused. */
	compile(board_dts);
	put_be32(32, 3);
	ck_assert(open_blob(&dt));
	ck_assert_int_eq(count_nodes(&dt), -1);
}
END_TEST

START_TEST(test_too_deep)
{
	char dts[2048];
	int n, len;

	len = snprintf(dts, sizeof(dts), "/dts-v1/;\n/ {");
	for (n = 0; n < DT_MAX_DEPTH + 1; n++)
		len += snprintf(dts + len, sizeof(dts) - len, " n%d {", n);
	for (n = 0; n < DT_MAX_DEPTH + 2; n++)
		len += snprintf(dts + len, sizeof(dts) - len, " };");
	compile(dts);
	{
		struct dt_blob dt;

		ck_assert(open_blob(&dt));
		ck_assert_int_eq(count_nodes(&dt), -1);
	}
	/* One level less is read to its end. */
	len = snprintf(dts, sizeof(dts), "/dts-v1/;\n/ {");
	for (n = 0; n < DT_MAX_DEPTH - 1; n++)
		len += snprintf(dts + len, sizeof(dts) - len, " n%d {", n);
	for (n = 0; n < DT_MAX_DEPTH; n++)
		len += snprintf(dts + len, sizeof(dts) - len, " };");
	compile(dts);
	{
		struct dt_blob dt;

		ck_assert(open_blob(&dt));
		ck_assert_int_eq(count_nodes(&dt), DT_MAX_DEPTH);
	}
}
END_TEST

Suite *board_fdt_suite(void)
{
	Suite *s = suite_create("board-fdt");
	TCase *tc = tcase_create("reader");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_board_tree);
	tcase_add_test(tc, test_board_cpus);
	tcase_add_test(tc, test_bad_header);
	tcase_add_test(tc, test_bad_structure);
	tcase_add_test(tc, test_too_deep);
	suite_add_tcase(s, tc);
	return s;
}
