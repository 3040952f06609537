// SPDX-License-Identifier: GPL-2.0
/*
 * Boot parameters and the image store (hypervisor/cell.c, cell_check.c) on
 * the host hypervisor of hv_fakes.c: BULKHEAD_HC_CELL_SET_BOOT takes
 * parameters only for a loaded cell and only when every part of them fits
 * the cell's config, and a refusal changes nothing; start and restart use
 * what it took; a cell with an image store keeps its boot segments there,
 * out of everyone's reach, and a restart scrubs its RAM but the store.
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/crypto.h>
#include <bulkhead/errno.h>
#include <bulkhead/page_alloc.h>
#include <asm/mmu.h>

#include "hv_fakes.h"
#include "unit.h"

#define RAM		0x71a00000UL	/* 1 MiB, seen at 0, loadable and executable */
#define DATA		0x71c00000UL	/* 64 KiB, seen at 0x200000, read-write only */
#define STORE		0x71d00000UL	/* 64 KiB image store, seen at 0x300000 */
#define COMM		0x80000000UL	/* the test cell config's comm-region */
#define CELL_CPU	1

static const char data_region[] =
	"memory@71c00000 { reg = <0x0 0x71c00000 0x0 0x10000>; virt = <0x0 0x200000>; "
	"flags = \"read\", \"write\"; };"
	"device@9010000 { reg = <0x0 0x09010000 0x0 0x1000>; "
	"flags = \"read\", \"write\", \"io\"; };";
static const char store_region[] =
	"memory@71d00000 { reg = <0x0 0x71d00000 0x0 0x10000>; virt = <0x0 0x300000>; "
	"flags = \"read\", \"write\", \"image-store\"; };";

static struct cell *cell;

static void boot_setup(void)
{
	hv_boot();
	cell = NULL;
}

static struct cell *create_loaded(bool with_store)
{
	long id = hv_create(hv_cell("a", "1", "", RAM, with_store ? store_region : data_region));

	ck_assert_msg(id > 0, "cell_create() returned %ld:\n%s", id, console_captured());
	ck_assert_int_eq(cell_set_loadable(id), 0);
	return cell_by_id(id);
}

/*
 * Boot parameters as the root would put them in its RAM, for two images of
 * the fake's memory (which shows the copy window) with their digests.
 */
static struct bulkhead_boot_params *root_params(void)
{
	struct bulkhead_boot_params *params;

	hv_image_fill(0x5a);
	params = hv_boot_params(cell);
	params->entry = 0x1000;
	params->arg = 0x80000;
	params->num_segments = 2;
	params->segments[1] = (struct bulkhead_boot_segment){ .address = 0x80000, .size = 0x7f9 };
	sha256((void *)HV_COPY_WINDOW, 0x7f9, params->segments[1].sha256);
	return params;
}

/* SET_BOOT for @cell must fail with @err, say @text and leave its boot parameters alone. */
static void assert_boot_refused(unsigned long id, long err, const char *text)
{
	struct bulkhead_boot_params before = cell->boot;
	long got;

	console_capture_reset();
	got = cell_set_boot(id, HV_BOOT_PARAMS_ADDR);
	ck_assert_msg(got == err, "cell_set_boot() returned %ld, expected %ld:\n%s", got, err,
		      console_captured());
	assert_console_says(text);
	ck_assert(!memcmp(&before, &cell->boot, sizeof(before)));
}

/* Every image has a digest: no start of a cell never loaded, or loaded without SET_BOOT. */
START_TEST(test_start_needs_boot_parameters)
{
	long id = hv_create(hv_cell("a", "1", "", RAM, ""));

	cell = cell_by_id(id);
	ck_assert_int_eq(cell_start(id), -EINVAL);
	assert_console_says("cell \"a\": cannot start: no images were loaded since it last ran");
	ck_assert_int_eq(cell_set_loadable(id), 0);
	ck_assert_int_eq(cell_start(id), -EINVAL);
	assert_console_says("cell \"a\": cannot start: no images were given boot parameters since "
			    "it last ran");
	ck_assert(cell->loadable);
	ck_assert_uint_eq(hv_root_maps(RAM), RAM);
	ck_assert(!per_cpu(CELL_CPU)->wake_pending);
}
END_TEST

START_TEST(test_start_and_restart_use_the_boot_parameters)
{
	cell = create_loaded(false);
	root_params();
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_uint_eq(cell->boot.entry, 0x1000);
	ck_assert_uint_eq(cell->boot.num_segments, 2);
	ck_assert_int_eq(cell_start(cell->id), 0);
	assert_console_says("started cell \"a\" at 0x1000 on CPU 1");
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x1000);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_arg, 0x80000);

	/* Running, it resets itself (PSCI SYSTEM_RESET): same entry, same x0. */
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	per_cpu(CELL_CPU)->wake_entry = per_cpu(CELL_CPU)->wake_arg = 0;
	fake_scrubbed_bytes = 0;
	ck_assert(cell_restart(per_cpu(CELL_CPU), BULKHEAD_RESTART_REQUEST));
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x1000);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_arg, 0x80000);
	/* Without a store, nothing is scrubbed or put back: its RAM stays as it left it. */
	ck_assert_uint_eq(fake_scrubbed_bytes, 0);
}
END_TEST

/* The next load is of other images: back to the config's way. */
START_TEST(test_load_resets_the_boot_parameters)
{
	cell = create_loaded(false);
	root_params();
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_set_loadable(cell->id), 0);
	ck_assert_uint_eq(cell->boot.entry, cell->config->entry);
	ck_assert_uint_eq(cell->boot.arg, COMM);
	ck_assert_uint_eq(cell->boot.num_segments, 0);
}
END_TEST

START_TEST(test_refused_for_no_such_cell)
{
	cell = create_loaded(false);
	root_params();
	assert_boot_refused(0, -ENOENT, "the root cell cannot be managed");
	assert_boot_refused(2, -ENOENT, "no cell with id 2");
	assert_boot_refused(1UL << 32 | cell->id, -ENOENT, "no cell with id 4294967297");
}
END_TEST

/* Created, never loaded; running; failed; shut down after running, not loaded again. */
START_TEST(test_refused_unless_loaded)
{
	long id = hv_create(hv_cell("a", "1", "", RAM, ""));

	cell = cell_by_id(id);
	root_params();
	assert_boot_refused(id, -EBUSY, "cell \"a\": cannot take boot parameters before it is "
			    "loaded");
	hv_load(cell);
	ck_assert_int_eq(cell_start(id), 0);
	root_params();
	assert_boot_refused(id, -EBUSY, "cannot take boot parameters while running");
	cell_fail_cpu(per_cpu(CELL_CPU), BULKHEAD_FAULT_READ, 0, 0, 0);
	assert_boot_refused(id, -EBUSY, "cannot take boot parameters while failed");
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_FAILED;
	ck_assert_int_eq(cell_shutdown(id), 0);
	assert_boot_refused(id, -EBUSY, "cannot take boot parameters before it is loaded");
}
END_TEST

START_TEST(test_refused_flags_and_count)
{
	cell = create_loaded(false);
	root_params()->flags = 2;
	assert_boot_refused(cell->id, -EINVAL, "boot parameters: flags 0x2, unknown 0x2");
	root_params()->num_segments = BULKHEAD_BOOT_MAX_SEGMENTS + 1;
	assert_boot_refused(cell->id, -EINVAL, "boot parameters: 9 segments, at most 8 allowed");
}
END_TEST

/* Past the end of RAM, not on an instruction, in data memory, in a device, wrapped around. */
START_TEST(test_refused_entry_outside)
{
	static const u64 entries[] = { 0x100000, 0xffffe, 0x2, 0x200000, 0x9010000, ~0ULL - 3 };
	unsigned int n;
	char text[160];

	cell = create_loaded(false);
	for (n = 0; n < ARRAY_SIZE(entries); n++) {
		root_params()->entry = entries[n];
		snprintf(text, sizeof(text), "boot parameters: entry 0x%llx is not a 4-byte aligned "
			 "address in an executable memory region of the cell",
			 (unsigned long long)entries[n]);
		assert_boot_refused(cell->id, -EINVAL, text);
	}
}
END_TEST

/* Empty, over the end of RAM, in data memory that is not loadable, in a device, wrapped. */
START_TEST(test_refused_segment_outside)
{
	static const struct bulkhead_boot_segment segs[] = {
		{ .address = 0x1000, .size = 0 },
		{ .address = 0xff000, .size = 0x1001 },
		{ .address = 0x200000, .size = 0x10 },
		{ .address = 0x9010000, .size = 0x10 },
		{ .address = ~0ULL - 0xfff, .size = 0x2000 },
		{ .address = 0x1000, .size = ~0ULL },
	};
	struct bulkhead_boot_params *params;
	unsigned int n;
	char text[160];

	cell = create_loaded(false);
	for (n = 0; n < ARRAY_SIZE(segs); n++) {
		params = root_params();
		params->segments[1] = segs[n];
		snprintf(text, sizeof(text), "boot segment 1 (0x%llx+0x%llx) is %s",
			 (unsigned long long)segs[n].address, (unsigned long long)segs[n].size,
			 segs[n].size ? "not inside one loadable memory region of the cell" :
			 "empty");
		assert_boot_refused(cell->id, -EINVAL, text);
	}
}
END_TEST

/* The parameters must lie in the root's RAM: not in the hypervisor's, not in a device. */
START_TEST(test_refused_params_not_root_ram)
{
	struct bulkhead_boot_params before;

	cell = create_loaded(false);
	before = cell->boot;
	ck_assert_int_eq(cell_set_boot(cell->id, 0x70000000), -EINVAL);
	assert_console_says("boot parameters at 0x70000000+0x1d8 is not root cell RAM");
	ck_assert_int_eq(cell_set_boot(cell->id, HV_UART_PHYS), -EINVAL);
	assert_console_says("boot parameters at 0x9000000+0x1d8 is not root cell RAM");
	ck_assert(!memcmp(&before, &cell->boot, sizeof(before)));
}
END_TEST

/* 64 KiB of store for 0x10000 + 0x8 bytes (each segment rounded up to 8). */
START_TEST(test_refused_segments_larger_than_the_store)
{
	struct bulkhead_boot_params *params;

	cell = create_loaded(true);
	params = root_params();
	params->segments[0].size = 0xfff9;
	params->segments[1].size = 0x8;
	assert_boot_refused(cell->id, -ENOSPC, "boot segments need 0x10008 bytes of image store, "
			    "its image-store region (0x71d00000+0x10000) has 0x10000");
	params = root_params();
	params->segments[0].size = 0xfff8;
	params->segments[1].size = 0x8;
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
}
END_TEST

/* Neither the root nor the cell maps the store while the cell exists. */
START_TEST(test_store_reaches_nobody)
{
	struct hv_snapshot before;
	u64 phys;

	hv_snapshot(&before);
	cell = create_loaded(true);
	ck_assert_ptr_eq(cell->store, &bulkhead_cell_mem_regions(cell->config)[1]);
	ck_assert_uint_eq(hv_root_maps(STORE), ~0ULL);
	ck_assert_uint_eq(hv_root_maps(STORE + 0xf000), ~0ULL);
	ck_assert(!paging_translate(&cell->stage2, 0x300000, &phys));
	ck_assert(paging_translate(&cell->stage2, 0, &phys) && phys == RAM);
	/* Loadable for the root, but for the store. */
	ck_assert_uint_eq(hv_root_maps(RAM), RAM);
	ck_assert_uint_eq(hv_root_maps(STORE), ~0ULL);
	root_params();
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
	ck_assert_uint_eq(hv_root_maps(STORE), ~0ULL);

	/* Destroy scrubs it with the rest, and gives it back. */
	fake_scrubbed_bytes = 0;
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	ck_assert_uint_eq(fake_scrubbed_bytes, 0x100000 + 0x10000);
	hv_assert_unchanged(&before);
}
END_TEST

/* A store and nothing to keep in it: the start is refused, the cell stays loadable. */
START_TEST(test_store_start_needs_segments)
{
	cell = create_loaded(true);
	ck_assert_int_eq(cell_start(cell->id), -EINVAL);
	assert_console_says("cell \"a\": cannot start: no images were given boot parameters "
			    "since it last ran");
	ck_assert(cell->loadable);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN);
	ck_assert_uint_eq(hv_root_maps(RAM), RAM);
	ck_assert(!per_cpu(CELL_CPU)->wake_pending);
}
END_TEST

/* A restart scrubs all of its RAM but the store, puts the images back and starts at the entry. */
START_TEST(test_store_restart_scrubs_all_but_the_store)
{
	unsigned long pool;

	cell = create_loaded(true);
	root_params();
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	pool = mem_pool.used_pages;
	fake_scrubbed_bytes = 0;
	console_capture_reset();
	ck_assert(cell_restart(per_cpu(CELL_CPU), BULKHEAD_RESTART_REQUEST));
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_RESTARTS), 1);
	ck_assert_uint_eq(fake_scrubbed_bytes, 0x100000);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x1000);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_arg, 0x80000);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	assert_console_says("cell \"a\" restarted itself on CPU 1");
	/* The windows' page tables went back to the pool. */
	ck_assert_uint_eq(mem_pool.used_pages, pool);
}
END_TEST

/* The root stopping the cell meanwhile wins: the restarting CPU parks, nothing is scrubbed. */
START_TEST(test_store_restart_yields_to_a_stop)
{
	cell = create_loaded(true);
	root_params();
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	per_cpu(CELL_CPU)->stop_request = BULKHEAD_CPU_PARKED;
	fake_scrubbed_bytes = 0;
	ck_assert(!cell_restart(per_cpu(CELL_CPU), BULKHEAD_RESTART_REQUEST));
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_RESTARTS), 0);
	ck_assert_uint_eq(fake_scrubbed_bytes, 0);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN);
}
END_TEST

Suite *cell_boot_suite(void)
{
	Suite *s = suite_create("cell_boot");
	TCase *tc = tcase_create("set_boot");

	tcase_add_checked_fixture(tc, boot_setup, hv_shutdown);
	tcase_add_test(tc, test_start_needs_boot_parameters);
	tcase_add_test(tc, test_start_and_restart_use_the_boot_parameters);
	tcase_add_test(tc, test_load_resets_the_boot_parameters);
	tcase_add_test(tc, test_refused_for_no_such_cell);
	tcase_add_test(tc, test_refused_unless_loaded);
	tcase_add_test(tc, test_refused_flags_and_count);
	tcase_add_test(tc, test_refused_entry_outside);
	tcase_add_test(tc, test_refused_segment_outside);
	tcase_add_test(tc, test_refused_params_not_root_ram);
	tcase_add_test(tc, test_refused_segments_larger_than_the_store);
	tcase_add_test(tc, test_store_reaches_nobody);
	tcase_add_test(tc, test_store_start_needs_segments);
	tcase_add_test(tc, test_store_restart_scrubs_all_but_the_store);
	tcase_add_test(tc, test_store_restart_yields_to_a_stop);
	suite_add_tcase(s, tc);
	return s;
}
