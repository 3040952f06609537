// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell update: new images for a running cell, prepared exactly as
 * hvctl cell load prepares them (hvctl-cell.c, hvctl-os.c), handed to the
 * driver as one update (BULKHEAD_CELL_UPDATE): the hypervisor stages them
 * in the cell's image store, checks them and runs them on probation. And
 * hvctl cell update --status: where an update stands.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "hvctl.h"

#include <bulkhead/event.h>
#include <bulkhead/hypercall.h>

#define UPDATE_PATH	"hvctl cell update"
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct hvctl_errno_hint update_hints[] = {
	{ EBUSY, "the cell is not running, or an update of it is staged or on probation "
		 "(see hvctl cell update --status CELL)" },
	{ EINVAL, "the hypervisor refused the images or the cell has no image store "
		  "(see its reason above)" },
	{ ENOSPC, "the image store cannot hold the new images beside the running ones" },
	{ ENOENT, "the cell does not exist (any more); see hvctl cell list" },
	{ ENOTTY, "the bulkhead module does not do updates; load the bulkhead.ko of this "
		  "release" },
	{ 0, NULL }
};

/* A request about @name failed with errno: the hypervisor's reason, then ours. */
static void update_failed(int fd, const char *what, const char *name)
{
	int err = errno;
	bool explained = hvctl_hv_console_report(fd, name);

	hvctl_err("cannot %s cell \"%s\": %s", what, name, hvctl_hint_for(err, update_hints));
	if (!explained)
		hvctl_hint(HVCTL_KERNEL_LOG_HINT);
}

/*
 * The bytes of boot segment @seg: the pieces loaded inside it, zeros
 * between them (an inmate's segment spans all that was loaded in a region).
 */
static void *segment_bytes(const struct bulkhead_boot_segment *seg,
			   const struct bulkhead_load_segment *pieces, unsigned int num)
{
	__u8 *bytes = calloc(1, seg->size);
	unsigned int n;

	for (n = 0; n < num && bytes; n++)
		if (pieces[n].address >= seg->address &&
		    pieces[n].address - seg->address + pieces[n].size <= seg->size)
			memcpy(bytes + (pieces[n].address - seg->address),
			       (const void *)(uintptr_t)pieces[n].data, pieces[n].size);
	if (!bytes)
		hvctl_err("out of memory for %" PRIu64 " bytes of images", (uint64_t)seg->size);
	return bytes;
}

static int stage_and_switch(int fd, const struct hvctl_cell *cell,
			    const struct bulkhead_load_segment *pieces, unsigned int num,
			    const struct bulkhead_boot_params *params)
{
	struct bulkhead_cell_update_args req = { .cell = cell->id, .params = *params };
	unsigned int n;
	int ret = -1;

	for (n = 0; n < params->num_segments; n++) {
		req.data[n] = (uintptr_t)segment_bytes(&params->segments[n], pieces, num);
		if (!req.data[n])
			goto out;
	}
	hvctl_hv_console_mark(fd);
	ret = ioctl(fd, BULKHEAD_CELL_UPDATE, &req);
	if (ret < 0)
		update_failed(fd, "update", cell->name);
out:
	for (n = 0; n < params->num_segments; n++)
		free((void *)(uintptr_t)req.data[n]);
	return ret < 0 ? -1 : 0;
}

static const struct hvctl_apply update_apply = { "staged", stage_and_switch };

static const char *const state_names[] = {
	[BULKHEAD_UPDATE_STATE_IDLE] = "idle",
	[BULKHEAD_UPDATE_STATE_STAGING] = "staging",
	[BULKHEAD_UPDATE_STATE_PROBATION] = "probation",
	[BULKHEAD_UPDATE_STATE_COMMITTED] = "committed",
	[BULKHEAD_UPDATE_STATE_ROLLED_BACK] = "rolled back",
};

static const char *const cause_names[] = {
	[BULKHEAD_RESTART_REQUEST] = "it reset itself",
	[BULKHEAD_RESTART_FAULT] = "it faulted",
	[BULKHEAD_RESTART_WATCHDOG] = "its watchdog expired",
	[BULKHEAD_RESTART_POWER_OFF] = "it powered itself off",
};

static const char *name_of(const char *const *names, size_t count, unsigned int value)
{
	return value < count && names[value] ? names[value] : "unknown";
}

static void print_status(const struct hvctl_cell *cell, const struct bulkhead_update_status *st)
{
	printf("cell \"%s\": update %s", cell->name,
	       name_of(state_names, ARRAY_SIZE(state_names), st->state));
	if (st->state == BULKHEAD_UPDATE_STATE_PROBATION)
		printf(", %" PRIu64 " of %u ms of probation left", (uint64_t)st->probation_left_ms,
		       st->probation_ms);
	if (st->state == BULKHEAD_UPDATE_STATE_ROLLED_BACK)
		printf(": %s on probation", name_of(cause_names, ARRAY_SIZE(cause_names),
						    st->cause));
	printf("\nimage store: %" PRIu64 " bytes; running images at 0x%" PRIx64 ", %" PRIu64
	       " bytes\n", (uint64_t)st->store_size, (uint64_t)st->running_offset,
	       (uint64_t)st->running_size);
	if (st->state == BULKHEAD_UPDATE_STATE_STAGING)
		printf("staging area at 0x%" PRIx64 ", %" PRIu64 " bytes\n",
		       (uint64_t)st->other_offset, (uint64_t)st->other_size);
	if (st->state == BULKHEAD_UPDATE_STATE_PROBATION)
		printf("previous images at 0x%" PRIx64 ", %" PRIu64 " bytes (rollback)\n",
		       (uint64_t)st->other_offset, (uint64_t)st->other_size);
	printf("updates committed: %" PRIu64 ", rolled back: %" PRIu64 "\n",
	       (uint64_t)st->updates, (uint64_t)st->rollbacks);
}

static void result_status(const struct hvctl_cell *cell, const struct bulkhead_update_status *st)
{
	hvctl_result_cell(cell->id, cell->name);
	hvctl_result_str("update", name_of(state_names, ARRAY_SIZE(state_names), st->state));
	if (st->state == BULKHEAD_UPDATE_STATE_PROBATION) {
		hvctl_result_u64("probation_left_ms", st->probation_left_ms);
		hvctl_result_u64("probation_ms", st->probation_ms);
	}
	if (st->state == BULKHEAD_UPDATE_STATE_ROLLED_BACK)
		hvctl_result_str("cause", name_of(cause_names, ARRAY_SIZE(cause_names), st->cause));
	hvctl_result_u64("store_size", st->store_size);
	hvctl_result_u64("running_offset", st->running_offset);
	hvctl_result_u64("running_size", st->running_size);
	if (st->state == BULKHEAD_UPDATE_STATE_STAGING ||
	    st->state == BULKHEAD_UPDATE_STATE_PROBATION) {
		hvctl_result_u64("other_offset", st->other_offset);
		hvctl_result_u64("other_size", st->other_size);
	}
	hvctl_result_u64("updates", st->updates);
	hvctl_result_u64("rollbacks", st->rollbacks);
}

static int show_status(int fd, const char *arg)
{
	struct bulkhead_update_status st = { 0 };
	struct hvctl_cell cell;
	char why[512];

	if (hvctl_cell_find(HVCTL_CELLS_DIR, arg, &cell, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	st.cell = cell.id;
	hvctl_hv_console_mark(fd);
	if (ioctl(fd, BULKHEAD_CELL_UPDATE_STATUS, &st) < 0) {
		update_failed(fd, "show the update of", cell.name);
		return -1;
	}
	if (hvctl_json())
		result_status(&cell, &st);
	else
		print_status(&cell, &st);
	return 0;
}

int hvctl_cmd_cell_update(unsigned int flags, int argc, char **args)
{
	struct hvctl_load_plan plan;
	char why[512];
	int fd, ret;

	if (flags & HVCTL_OPT_STATUS) {
		if (argc != 1)
			return hvctl_usage_error(UPDATE_PATH, "--status takes the CELL alone");
	} else if (argc < 2) {
		return hvctl_usage_error(UPDATE_PATH, "give the CELL and its new IMAGE");
	} else if (hvctl_load_parse(argc - 1, args + 1, &plan, why, sizeof(why)) < 0) {
		return hvctl_usage_error(UPDATE_PATH, "%s", why);
	}
	fd = hvctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	if (flags & HVCTL_OPT_STATUS)
		ret = show_status(fd, args[0]);
	else
		ret = hvctl_cell_load_with(fd, args[0], &plan, &update_apply);
	if (!ret && !(flags & HVCTL_OPT_STATUS))
		hvctl_say("cell \"%s\" runs the new images on probation; see "
			  "'hvctl cell update --status %s'", args[0], args[0]);
	close(fd);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
