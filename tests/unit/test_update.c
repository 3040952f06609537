// SPDX-License-Identifier: GPL-2.0
/*
 * A/B updates (hypervisor/update.c with cell.c and health.c) on the host
 * hypervisor of hv_fakes.c: the staging area and who maps it, every
 * refusal leaving the running cell and the store as they were, the switch,
 * and the state machine of probation: commit at its end, rollback on a
 * reset, a power-off or a fault, no verdict when the root stops the cell.
 */
#include <string.h>

#include <bulkhead/crypto.h>
#include <bulkhead/errno.h>
#include <bulkhead/health.h>
#include <asm/mmu.h>

#include "hv_fakes.h"
#include "unit.h"

#define RAM		0x71a00000UL	/* 1 MiB, seen at 0 */
#define STORE		0x71d00000UL	/* 64 KiB image store */
#define STORE_SIZE	0x10000UL
#define STORE_LAST	(STORE + STORE_SIZE - PAGE_SIZE)
#define CELL_CPU	1
/* What the running images (root_params(), HV_IMAGE_SIZE) take in the store, in pages. */
#define RUNNING_PAGES	0x1000UL

static const char store_region[] =
	"memory@71d00000 { reg = <0x0 0x71d00000 0x0 0x10000>; virt = <0x0 0x300000>; "
	"flags = \"read\", \"write\", \"image-store\"; };";

static struct cell *cell;

static void update_setup(void)
{
	hv_boot();
	cell = NULL;
}

/*
 * Boot parameters in the root's RAM for the fake's image (which the copy
 * window shows wherever the hypervisor hashes), starting at @entry.
 */
static struct bulkhead_boot_params *root_params(u64 entry)
{
	struct bulkhead_boot_params *params;

	hv_image_fill(0x5a);
	params = hv_boot_params(cell);
	params->entry = entry;
	return params;
}

/* Cell "a" with (or without) the store, running images that start at 0x1000. */
static void create_running(bool with_store)
{
	long id = hv_create(hv_cell("a", "1", "", RAM, with_store ? store_region : ""));

	ck_assert_msg(id > 0, "cell_create() returned %ld:\n%s", id, console_captured());
	cell = cell_by_id(id);
	ck_assert_int_eq(cell_set_loadable(id), 0);
	root_params(0x1000);
	ck_assert_int_eq(cell_set_boot(id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_start(id), 0);
	console_capture_reset();
}

static long op(unsigned int which, u64 arg)
{
	return hypercall(per_cpu(0), BULKHEAD_HC_CELL_UPDATE, (u64)which << 32 | cell->id, arg);
}

static long state(void)
{
	return cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_UPDATE_STATE);
}

/*
 * A refused operation says why, and the running cell, its images and the
 * root's view of the store stay; but that a refused switch closes the
 * staging area.
 */
static void assert_op_refused(unsigned int which, u64 arg, long err, const char *text)
{
	struct bulkhead_boot_params boot = cell->boot;
	u64 offset = cell->images_offset, last = STORE_LAST;
	u64 maps_first = hv_root_maps(STORE), maps_last = hv_root_maps(last);
	long got, before = state();
	bool closes = which == BULKHEAD_UPDATE_SWITCH && before == BULKHEAD_UPDATE_STATE_STAGING;

	console_capture_reset();
	got = op(which, arg);
	ck_assert_msg(got == err, "update op %u returned %ld, expected %ld:\n%s", which, got, err,
		      console_captured());
	assert_console_says(text);
	ck_assert(!memcmp(&boot, &cell->boot, sizeof(boot)));
	ck_assert_uint_eq(cell->images_offset, offset);
	ck_assert_int_eq(state(), closes ? BULKHEAD_UPDATE_STATE_IDLE : before);
	ck_assert_uint_eq(hv_root_maps(STORE), maps_first);
	ck_assert_uint_eq(hv_root_maps(last), closes ? ~0ULL : maps_last);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
}

/* Stages and switches to images that start at @entry; the cell is then on probation. */
static void switch_to(u64 entry)
{
	ck_assert_int_gt(op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE), 0);
	root_params(entry);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_PROBATION);
}

/* The cell's CPU runs (it left its parking) and resets the cell. */
static bool cell_resets(unsigned int cause)
{
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	return cell_restart(per_cpu(CELL_CPU), cause);
}

/* The probation deadline comes (on the cell's timer CPU). */
static void probation_ends(void)
{
	ck_assert_uint_ne(cell->health.when[HEALTH_DEADLINE_PROBATION], 0);
	cell->health.expired[HEALTH_DEADLINE_PROBATION](cell);
}

/* The root shuts the cell down; it agrees. */
static void shut_down(void)
{
	ck_assert_int_eq(cell_shutdown(cell->id), BULKHEAD_SHUTDOWN_PENDING);
	cell->comm->reply_from_cell = BULKHEAD_REPLY_SHUTDOWN_OK;
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
}

START_TEST(test_refused_without_store_or_running)
{
	create_running(false);
	assert_op_refused(BULKHEAD_UPDATE_OPEN, 0x1000, -EINVAL,
			  "cell \"a\": update: it has no image-store region");
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	create_running(true);
	assert_op_refused(7, 0x1000, -EINVAL, "update: unknown operation 7");
	assert_op_refused(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR, -EINVAL, "nothing staged");
	assert_op_refused(BULKHEAD_UPDATE_OPEN, 0, -EINVAL, "update: 0x0 bytes of new images");
	assert_op_refused(BULKHEAD_UPDATE_OPEN, STORE_SIZE + 1, -EINVAL,
			  "update: 0x10001 bytes of new images");
}
END_TEST

START_TEST(test_refused_when_the_store_is_full)
{
	create_running(true);
	assert_op_refused(BULKHEAD_UPDATE_OPEN, STORE_SIZE - RUNNING_PAGES + 1, -ENOSPC,
			  "update: the new images need 0x10000 bytes of image store; the running "
			  "images take 0x0+0x1000 of its 0x10000, leaving 0xf000");
	shut_down();
	console_capture_reset();
	ck_assert_int_eq(op(BULKHEAD_UPDATE_OPEN, 0x1000), -EBUSY);
	assert_console_says("update: it is not running (shut down)");
	ck_assert_uint_eq(hv_root_maps(STORE_LAST), ~0ULL);
}
END_TEST

/* The staging area is the free end of the store, scrubbed, mapped into the root; abort takes it. */
START_TEST(test_staging_area)
{
	long phys;

	create_running(true);
	fake_scrubbed_bytes = 0;
	phys = op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE);
	ck_assert_int_eq(phys, STORE + STORE_SIZE - RUNNING_PAGES);
	ck_assert_uint_eq(fake_scrubbed_bytes, RUNNING_PAGES);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_STAGING);
	ck_assert_uint_eq(hv_root_maps(phys), phys);
	ck_assert_uint_eq(hv_root_maps(STORE_LAST), STORE_LAST);
	/* Not the running images, nor anything below the area. */
	ck_assert_uint_eq(hv_root_maps(phys - PAGE_SIZE), ~0ULL);
	ck_assert_uint_eq(hv_root_maps(STORE), ~0ULL);
	assert_op_refused(BULKHEAD_UPDATE_OPEN, 0x1000, -EBUSY, "another update is being staged");
	ck_assert_uint_eq(hv_root_maps(phys), phys);
	fake_scrubbed_bytes = 0;
	ck_assert_int_eq(op(BULKHEAD_UPDATE_ABORT, 0), 0);
	ck_assert_uint_eq(fake_scrubbed_bytes, RUNNING_PAGES);
	ck_assert_uint_eq(hv_root_maps(phys), ~0ULL);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_IDLE);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
}
END_TEST

/* New images that do not fit the cell are refused before the switch; the area is gone. */
START_TEST(test_switch_refused)
{
	struct bulkhead_boot_params *params;
	long phys;

	create_running(true);
	phys = op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE);
	params = root_params(0x1000);
	params->segments[0].address = 0x100000;
	fake_scrubbed_bytes = 0;
	assert_op_refused(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR, -EINVAL,
			  "boot segment 0 (0x100000+0x800) is not inside one loadable memory "
			  "region");
	ck_assert_uint_eq(fake_scrubbed_bytes, RUNNING_PAGES);
	ck_assert_uint_eq(hv_root_maps(phys), ~0ULL);
	/* More than was staged. */
	ck_assert_int_gt(op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE), 0);
	root_params(0x1000)->segments[0].size = 0x1800;
	assert_op_refused(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR, -ENOSPC,
			  "the boot segments take 0x1800 bytes, the staging area has 0x1000");
	ck_assert_int_eq(op(BULKHEAD_UPDATE_INFO, BULKHEAD_UPDATE_INFO_OTHER_SIZE), 0);
	/* Changed after the digests were taken (the root wrote more than it said). */
	ck_assert_int_gt(op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE), 0);
	root_params(0x1000);
	hv_image_fill(0x5b);
	assert_op_refused(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR, -EBADMSG,
			  "boot segment 0 (0x0+0x800) does not match its SHA-256 digest");
	/* Signed where no key is pinned: the manifest has one meaning only. */
	ck_assert_int_gt(op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE), 0);
	root_params(0x1000)->signature[0] = 1;
	assert_op_refused(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR, -EINVAL, "signature");
}
END_TEST

/* The switch: the root loses the area; the new images run on probation from their start. */
START_TEST(test_switch_and_commit)
{
	long phys;

	create_running(true);
	phys = op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE);
	root_params(0x2000);
	fake_scrubbed_bytes = 0;
	ck_assert_int_eq(op(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR), 0);
	assert_console_says("cell \"a\": switched to the new images in");
	ck_assert_uint_eq(hv_root_maps(phys), ~0ULL);
	/* Its RAM scrubbed, not the store. */
	ck_assert_uint_eq(fake_scrubbed_bytes, 0x100000);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x2000);
	ck_assert_uint_eq(cell->images_offset, STORE_SIZE - RUNNING_PAGES);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_PROBATION);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_INFO, BULKHEAD_UPDATE_INFO_OTHER_OFFSET), 0);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_INFO, BULKHEAD_UPDATE_INFO_PROBATION_MS),
			 BULKHEAD_DEFAULT_PROBATION_MS);
	assert_op_refused(BULKHEAD_UPDATE_OPEN, 0x1000, -EBUSY, "still on probation");

	probation_ends();
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_COMMITTED);
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_UPDATES), 1);
	assert_console_says("update committed after 10000 ms of probation");
	/* A restart now runs the new images, from where they lie. */
	ck_assert(cell_resets(BULKHEAD_RESTART_REQUEST));
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x2000);
	ck_assert_uint_eq(cell->images_offset, STORE_SIZE - RUNNING_PAGES);
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_ROLLBACKS), 0);
	/* The next update takes the space the previous images left: the start of the store. */
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	ck_assert_int_eq(op(BULKHEAD_UPDATE_OPEN, HV_IMAGE_SIZE), STORE);
}
END_TEST

/* A reset or a power-off on probation: the previous images run again. */
START_TEST(test_rollback_on_reset)
{
	unsigned int cause = _i ? BULKHEAD_RESTART_POWER_OFF : BULKHEAD_RESTART_REQUEST;
	health_expired_fn probation_end;

	create_running(true);
	switch_to(0x2000);
	probation_end = cell->health.expired[HEALTH_DEADLINE_PROBATION];
	ck_assert(update_on_probation(cell));
	ck_assert(cell_resets(cause));
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x1000);
	ck_assert_uint_eq(cell->boot.entry, 0x1000);
	ck_assert_uint_eq(cell->images_offset, 0);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_ROLLED_BACK);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_INFO, BULKHEAD_UPDATE_INFO_CAUSE), cause);
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_ROLLBACKS), 1);
	assert_console_says(_i ? "update rolled back: it powered itself off on probation" :
			    "update rolled back: it reset itself on probation");
	/* The end of a probation that failed commits nothing, even if its timer raced the reset. */
	probation_end(cell);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_ROLLED_BACK);
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_UPDATES), 0);
}
END_TEST

/* A fault on probation: restarted at once whatever the policy (report here), rolled back. */
START_TEST(test_rollback_on_fault)
{
	health_expired_fn probation_end;

	create_running(true);
	switch_to(0x2000);
	probation_end = cell->health.expired[HEALTH_DEADLINE_PROBATION];
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	cell_fail_cpu(per_cpu(CELL_CPU), BULKHEAD_FAULT_WRITE, 0x10000000, 0x2004, 0);
	ck_assert_uint_ne(cell->health.when[HEALTH_DEADLINE_RESTART], 0);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_PROBATION);
	ck_assert(cell->update.failed);
	/* Its probation ending before the restart does not pass it. */
	probation_end(cell);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_PROBATION);
	/* The faulting CPU parked; its timer restarts the cell. */
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_FAILED;
	per_cpu(CELL_CPU)->stop_request = 0;
	ck_assert(cell_restart(per_cpu(CELL_CPU), BULKHEAD_RESTART_FAULT));
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, 0x1000);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_ROLLED_BACK);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_INFO, BULKHEAD_UPDATE_INFO_CAUSE),
			 BULKHEAD_RESTART_FAULT);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
}
END_TEST

/* The root stops the cell on probation or while staging: no verdict, nothing left mapped. */
START_TEST(test_root_stop_ends_it)
{
	long phys;

	create_running(true);
	switch_to(0x2000);
	shut_down();
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_IDLE);
	ck_assert_uint_eq(cell->boot.entry, 0x2000);
	ck_assert_int_eq(cell_get_info(per_cpu(0), cell->id, BULKHEAD_CELL_INFO_ROLLBACKS), 0);
	/* Loaded and started again: its images are kept at the start of the store. */
	ck_assert_int_eq(cell_set_loadable(cell->id), 0);
	root_params(0x1000);
	ck_assert_int_eq(cell_set_boot(cell->id, HV_BOOT_PARAMS_ADDR), 0);
	ck_assert_int_eq(cell_start(cell->id), 0);
	ck_assert_uint_eq(cell->images_offset, 0);
	phys = op(BULKHEAD_UPDATE_OPEN, 0x1000);
	ck_assert_int_gt(phys, 0);
	ck_assert_int_eq(cell_set_loadable(cell->id), -EBUSY);
	ck_assert_uint_eq(hv_root_maps(phys), phys);
	fake_scrubbed_bytes = 0;
	shut_down();
	ck_assert_uint_eq(hv_root_maps(phys), ~0ULL);
	ck_assert_uint_ge(fake_scrubbed_bytes, 0x1000);
	ck_assert_int_eq(state(), BULKHEAD_UPDATE_STATE_IDLE);
	ck_assert_int_eq(op(BULKHEAD_UPDATE_SWITCH, HV_BOOT_PARAMS_ADDR), -EBUSY);
}
END_TEST

Suite *update_suite(void)
{
	Suite *s = suite_create("update");
	TCase *tc = tcase_create("update");

	tcase_add_checked_fixture(tc, update_setup, hv_shutdown);
	tcase_add_test(tc, test_refused_without_store_or_running);
	tcase_add_test(tc, test_refused_when_the_store_is_full);
	tcase_add_test(tc, test_staging_area);
	tcase_add_test(tc, test_switch_refused);
	tcase_add_test(tc, test_switch_and_commit);
	tcase_add_loop_test(tc, test_rollback_on_reset, 0, 2);
	tcase_add_test(tc, test_rollback_on_fault);
	tcase_add_test(tc, test_root_stop_ends_it);
	suite_add_tcase(s, tc);
	return s;
}
