// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell create|load|start|shutdown|destroy|list|stats: the lifecycle of
 * cells, and what they cost.
 *
 * Each command checks what it can before it asks the driver (the config, the
 * cell's name, where each piece of an image goes), names the cell the way the
 * user did, and when the hypervisor refuses a request, passes on the reason it
 * printed on its console before the errno-based explanation.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/hypercall.h>

#include "hvctl.h"

#define LOAD_PATH		"hvctl cell load"
#define STATS_PATH		"hvctl cell stats"
#define NO_CELL_HINT		"the cell does not exist (any more); see hvctl cell list"

/* One request on one cell, and how to talk about it. */
struct cell_op {
	const char *verb;		/* "start": cannot start cell "x" */
	const char *done;		/* "started": the root cell cannot be started */
	unsigned long request;		/* BULKHEAD_CELL_* */
	const struct hvctl_errno_hint *hints;
	const char *refusal;		/* EBUSY means the cell said no: cell "x" <refusal> */
};

static const struct hvctl_errno_hint create_hints[] = {
	{ EBUSY, "a CPU, memory region or device of the cell is busy: Linux uses the RAM, "
		 "another cell holds it, or Linux could not take the CPU offline" },
	{ EINVAL, "the hypervisor rejected the config" },
	{ ENOMEM, "out of memory: the hypervisor's page pool (see 'hvctl info') or the kernel "
		  "ran out" },
	{ EEXIST, "a cell of this name exists already; destroy it first or rename the cell in "
		  "its config" },
	{ ENOSPC, "as many cells as the system config's max-cells allows exist already; "
		  "destroy one first" },
	{ E2BIG, "the config is larger than the driver accepts" },
	{ 0, NULL }
};

static const struct hvctl_errno_hint load_hints[] = {
	{ EBUSY, "the cell is running; shut it down first: hvctl cell shutdown CELL" },
	{ EINVAL, "the cell cannot be loaded in its state, or too many pieces" },
	{ E2BIG, "a piece does not fit in a loadable region of the cell" },
	{ ENOMEM, "out of memory in the kernel" },
	{ 0, NULL }
};

static const struct hvctl_errno_hint boot_hints[] = {
	{ EINVAL, "the hypervisor refused the entry or a segment (see its reason above)" },
	{ ENOTTY, "the bulkhead module does not set boot parameters; load the bulkhead.ko of "
		  "this release" },
	{ 0, NULL }
};

static const struct hvctl_errno_hint start_hints[] = {
	{ EBUSY, "the cell is running already" },
	{ EBADMSG, "a loaded image differs from its SHA-256 digest; load it again" },
	{ EKEYREJECTED, "the system config pins an image key: sign the images with 'hvctl "
			"cell sign' and load them with --sig FILE" },
	{ EINVAL, "the cell cannot be started in its state; a failed cell must be shut down "
		  "and loaded again" },
	{ ENOMEM, "out of memory" },
	{ 0, NULL }
};

static const struct hvctl_errno_hint shutdown_hints[] = {
	{ EINVAL, "the hypervisor refused the request" },
	{ EINTR, "interrupted while waiting for its answer; the request stays posted: the cell "
		 "may still stop by itself, 'hvctl cell shutdown CELL' again waits for its answer "
		 "or its timeout, 'hvctl cell destroy CELL' stops it now" },
	{ 0, NULL }
};

static const struct hvctl_errno_hint destroy_hints[] = {
	{ EBUSY, "the cell is busy; shut it down first: hvctl cell shutdown CELL" },
	{ EINVAL, "the hypervisor refused the request" },
	{ 0, NULL }
};

static const struct cell_op create_op = { "create", "created", BULKHEAD_CELL_CREATE,
					  create_hints, NULL };
static const struct cell_op load_op = { "load", "loaded", BULKHEAD_CELL_LOAD, load_hints,
					NULL };
static const struct cell_op boot_op = { "set the boot parameters of", "booted",
					BULKHEAD_CELL_SET_BOOT, boot_hints, NULL };
static const struct cell_op start_op = { "start", "started", BULKHEAD_CELL_START, start_hints,
					 NULL };
static const struct cell_op shutdown_op = { "shut down", "shut down", BULKHEAD_CELL_SHUTDOWN,
					    shutdown_hints, "refused to shut down; it keeps "
					    "running" };
static const struct cell_op destroy_op = { "destroy", "destroyed", BULKHEAD_CELL_DESTROY,
					   destroy_hints, NULL };

/* Every cell, for the commands that look at all of them. */
static struct hvctl_cell cells[HVCTL_MAX_LISTED];

static void cell_failed(const struct cell_op *op, const char *name, int err, bool explained)
{
	const char *hint;

	hvctl_note_errno(err);
	if (op->refusal && err == EBUSY) {
		hvctl_err("cell \"%s\" %s", name, op->refusal);
		return;
	}
	if (err == ENODEV)
		hint = HVCTL_NOT_ENABLED;
	else if (err == ENOENT)
		hint = NO_CELL_HINT;
	else
		hint = hvctl_hint_for(err, op->hints);
	/* An interrupted wait is no refusal: the driver has nothing to add. */
	explained = explained || err == EINTR;
	hvctl_err("cannot %s cell \"%s\": %s", op->verb, name, hint);
	if (!explained)
		hvctl_hint(HVCTL_KERNEL_LOG_HINT);
}

/*
 * @op on the cell called @name; the hypervisor's console lines written
 * meanwhile explain a failure. Returns what the ioctl returned, or -1.
 */
static int cell_ioctl(int fd, const struct cell_op *op, const char *name, unsigned long arg)
{
	bool explained;
	int ret, err;

	hvctl_hv_console_mark(fd);
	ret = ioctl(fd, op->request, arg);
	if (ret >= 0)
		return ret;
	err = errno;
	explained = hvctl_hv_console_report(fd, name);
	cell_failed(op, name, err, explained);
	return -1;
}

/* Resolve @arg to a cell other than the root cell; 0, or -1 after saying why. */
static int find_cell(const struct cell_op *op, const char *arg, struct hvctl_cell *cell)
{
	char why[512];

	if (hvctl_cell_find(HVCTL_CELLS_DIR, arg, cell, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	if (cell->id == 0) {
		hvctl_err("cell \"%s\" (id 0) is the root cell; it cannot be %s", cell->name,
			  op->done);
		return -1;
	}
	return 0;
}

/* Open the device, resolve @arg and run @op with the cell id as argument. */
static int run_cell_op(const struct cell_op *op, const char *arg, struct hvctl_cell *cell)
{
	int fd = hvctl_open_device();
	int ret = -1;

	if (fd < 0)
		return -1;
	if (find_cell(op, arg, cell) == 0)
		ret = cell_ioctl(fd, op, cell->name, cell->id);
	close(fd);
	return ret;
}

/* ----- hvctl cell create ----- */

/* The name must be free; ids are the hypervisor's to give. */
static int check_name_free(const char *name)
{
	char why[512];
	int num, n;

	num = hvctl_cells_read(HVCTL_CELLS_DIR, cells, HVCTL_MAX_LISTED, why, sizeof(why));
	if (num < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	for (n = 0; n < num; n++) {
		if (strcmp(cells[n].name, name))
			continue;
		hvctl_err("a cell named \"%s\" exists already (id %u); destroy it first or rename "
			  "the cell in its config", name, cells[n].id);
		return -1;
	}
	return 0;
}

int hvctl_cell_create_from(int fd, const void *config, size_t size, struct hvctl_cell *cell)
{
	const struct bulkhead_cell *desc = bulkhead_config_cell(config);
	struct bulkhead_cell_create_args req = {
		.config = (uintptr_t)config,
		.config_size = size,
	};
	struct hvctl_cell created;
	char why[512];
	int id;

	cell->id = 0;
	if (check_name_free(desc->name) < 0)
		return -1;
	id = cell_ioctl(fd, &create_op, desc->name, (unsigned long)&req);
	if (id < 0)
		return -1;
	/* Its id and name are known from here on: enough to destroy it. */
	*cell = (struct hvctl_cell){ .id = (unsigned int)id };
	snprintf(cell->name, sizeof(cell->name), "%s", desc->name);
	if (hvctl_cell_read(HVCTL_CELLS_DIR, id, &created, why, sizeof(why)) < 0) {
		hvctl_err("created cell \"%s\" (id %d), but cannot read it: %s", desc->name, id,
			  why);
		return -1;
	}
	*cell = created;
	return 0;
}

void *hvctl_cell_config_read(const char *path, size_t *size)
{
	char why[512];
	void *config;

	config = hvctl_config_load(path, BULKHEAD_CONFIG_CELL, "hvctl cell create", size, why,
				   sizeof(why));
	if (!config) {
		hvctl_err("%s", why);
		return NULL;
	}
	if (hvctl_config_validate(config, *size, BULKHEAD_CONFIG_CELL, why, sizeof(why)) < 0) {
		hvctl_err("%s: %s", path, why);
		free(config);
		return NULL;
	}
	return config;
}

int hvctl_cmd_cell_create(unsigned int flags, int argc, char **args)
{
	struct hvctl_cell cell;
	size_t size;
	void *config = hvctl_cell_config_read(args[0], &size);
	int fd, ret = -1;

	if (!config)
		return EXIT_FAILURE;
	fd = hvctl_open_device();
	if (fd >= 0) {
		ret = hvctl_cell_create_from(fd, config, size, &cell);
		close(fd);
	}
	if (!ret) {
		hvctl_result_cell(cell.id, cell.name);
		hvctl_result_str("state", "shut-down");
		hvctl_say("created cell \"%s\" (id %u)", cell.name, cell.id);
	}
	free(config);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ----- hvctl cell load ----- */

/* "hvctl: loaded IMAGE (N bytes) at 0xADDR into cell "x"", and with --json "pieces": [...]. */
static void say_piece(FILE *json, unsigned int n, const char *done, const char *what, __u64 size,
		      __u64 address, const char *cell)
{
	hvctl_say("%s %s (%" PRIu64 " bytes) at 0x%" PRIx64 " into cell \"%s\"", done, what,
		  (uint64_t)size, (uint64_t)address, cell);
	if (!json)
		return;
	fprintf(json, "%s{\"piece\": ", n ? ", " : "[");
	hvctl_json_string(json, what, SIZE_MAX);
	fprintf(json, ", \"size\": %" PRIu64 ", \"address\": %" PRIu64 "}", (uint64_t)size,
		(uint64_t)address);
}

/* The pieces, and the cell, as --json gives them; NULL without --json. */
static FILE *result_pieces(const struct hvctl_cell *cell)
{
	if (!hvctl_json())
		return NULL;
	hvctl_result_cell(cell->id, cell->name);
	return hvctl_result_member("pieces");
}

static void end_pieces(FILE *json, unsigned int num)
{
	if (json)
		fputs(num ? "]" : "[]", json);
}

static void print_loaded(const struct hvctl_load_plan *plan, const struct hvctl_cell *cell,
			 const char *done)
{
	FILE *json = result_pieces(cell);
	char label[64];
	unsigned int n;

	for (n = 0; n < plan->num; n++)
		say_piece(json, n, done, hvctl_segment_label(&plan->seg[n], label, sizeof(label)),
			  plan->seg[n].size, plan->seg[n].address, cell->name);
	end_pieces(json, plan->num);
}

static const char *piece_name(const struct hvctl_os_load *os, unsigned int n)
{
	if (n < os->img.num_parts)
		return os->img.kind == HVCTL_IMAGE_ELF ? "ELF segment" :
		       hvctl_image_kind_name(os->img.kind);
	if (os->seg[n].address == os->lay.dtb_address)
		return "device tree";
	return "initramfs";
}

/*
 * The @num pieces at @segs into @cell, then its boot parameters: how it starts
 * and what a restart puts back (a cell with an image store starts only with
 * them). 0, or -1 after saying why.
 */
static int load_and_boot(int fd, const struct hvctl_cell *cell,
			 const struct bulkhead_load_segment *segs, unsigned int num,
			 const struct bulkhead_boot_params *params)
{
	struct bulkhead_cell_load_args req = { .cell = cell->id, .num_segments = num,
					       .segments = (uintptr_t)segs };
	struct bulkhead_cell_boot_args boot = { .cell = cell->id, .params = *params };

	if (cell_ioctl(fd, &load_op, cell->name, (unsigned long)&req) < 0 ||
	    cell_ioctl(fd, &boot_op, cell->name, (unsigned long)&boot) < 0)
		return -1;
	return 0;
}

const struct hvctl_apply hvctl_load_apply = { "loaded", load_and_boot };

/* The pieces of an operating system, then how its first CPU starts. */
static int load_os(int fd, const struct hvctl_cell *cell, struct hvctl_os_load *os,
		   const struct hvctl_apply *apply)
{
	unsigned int n;
	FILE *json;

	if (apply->fn(fd, cell, os->seg, os->num_segs, &os->boot) < 0)
		return -1;
	json = result_pieces(cell);
	for (n = 0; n < os->num_segs; n++)
		say_piece(json, n, apply->done, piece_name(os, n), os->seg[n].size,
			  os->seg[n].address, cell->name);
	end_pieces(json, os->num_segs);
	if (os->img.kind == HVCTL_IMAGE_ELF && !os->lay.dtb_address)
		hvctl_say("no room for the device tree at the start of RAM: the program gets "
			  "none, as on the board");
	hvctl_say("cell \"%s\" starts at 0x%" PRIx64 " with x0 = 0x%" PRIx64, cell->name,
		  (uint64_t)os->boot.entry, (uint64_t)os->boot.arg);
	hvctl_result_u64("entry", os->boot.entry);
	hvctl_result_u64("x0", os->boot.arg);
	return 0;
}

/* An inmate's IMAGEs and strings (as spans), then its boot parameters: the config's entry. */
static int load_inmate(int fd, const struct hvctl_cell *cell, const struct hvctl_load_plan *plan,
		       const struct hvctl_os_load *os, const struct hvctl_apply *apply)
{
	if (apply->fn(fd, cell, os->seg, os->num_segs, &os->boot) < 0)
		return -1;
	print_loaded(plan, cell, apply->done);
	return 0;
}

int hvctl_cell_load_into(int fd, const struct hvctl_cell *cell, struct hvctl_load_plan *plan,
			 const struct hvctl_apply *apply)
{
	struct hvctl_os_load os;
	int ret;

	/* The first piece is always an IMAGE: an operating system, or an inmate. */
	ret = hvctl_os_load_prepare(plan, cell, &os);
	if (!ret && plan->sig)
		ret = hvctl_read_signature(plan->sig, &os.boot);
	if (!ret)
		ret = os.is_os ? load_os(fd, cell, &os, apply) :
			load_inmate(fd, cell, plan, &os, apply);
	hvctl_os_load_free(&os);
	return ret;
}

int hvctl_cell_load_with(int fd, const char *arg, struct hvctl_load_plan *plan,
			 const struct hvctl_apply *apply)
{
	struct hvctl_cell cell;

	if (find_cell(&load_op, arg, &cell) < 0)
		return -1;
	return hvctl_cell_load_into(fd, &cell, plan, apply);
}

int hvctl_cmd_cell_load(unsigned int flags, int argc, char **args)
{
	struct hvctl_load_plan plan;
	char why[512];
	int fd, ret;

	if (hvctl_load_parse(argc - 1, args + 1, &plan, why, sizeof(why)) < 0)
		return hvctl_usage_error(LOAD_PATH, "%s", why);
	fd = hvctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = hvctl_cell_load_with(fd, args[0], &plan, &hvctl_load_apply);
	close(fd);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ----- hvctl cell start, shutdown, destroy ----- */

int hvctl_cell_start(int fd, const struct hvctl_cell *cell)
{
	return cell_ioctl(fd, &start_op, cell->name, cell->id) < 0 ? -1 : 0;
}

int hvctl_cell_destroy(int fd, const struct hvctl_cell *cell)
{
	return cell_ioctl(fd, &destroy_op, cell->name, cell->id) < 0 ? -1 : 0;
}

/* The cell a request succeeded on, and its state then, for --json. */
static void result_cell_state(const struct hvctl_cell *cell, const char *state)
{
	hvctl_result_cell(cell->id, cell->name);
	hvctl_result_str("state", state);
}

int hvctl_cmd_cell_start(unsigned int flags, int argc, char **args)
{
	struct hvctl_cell cell;

	if (run_cell_op(&start_op, args[0], &cell) < 0)
		return EXIT_FAILURE;
	result_cell_state(&cell, "running");
	hvctl_say("started cell \"%s\"", cell.name);
	return EXIT_SUCCESS;
}

int hvctl_cmd_cell_shutdown(unsigned int flags, int argc, char **args)
{
	struct hvctl_cell cell;
	int ret;

	/* The driver's wait for the cell's answer ends with EINTR (shutdown_hints). */
	hvctl_catch_interrupts();
	ret = run_cell_op(&shutdown_op, args[0], &cell);

	if (ret < 0)
		return EXIT_FAILURE;
	result_cell_state(&cell, "shut-down");
	hvctl_result_bool("timed_out", ret == BULKHEAD_SHUTDOWN_TIMED_OUT);
	if (ret == BULKHEAD_SHUTDOWN_TIMED_OUT)
		hvctl_say("cell \"%s\" did not answer within its shutdown timeout; stopped",
			  cell.name);
	else
		hvctl_say("cell \"%s\" shut down", cell.name);
	return EXIT_SUCCESS;
}

int hvctl_cmd_cell_destroy(unsigned int flags, int argc, char **args)
{
	struct hvctl_cell cell;

	if (run_cell_op(&destroy_op, args[0], &cell) < 0)
		return EXIT_FAILURE;
	result_cell_state(&cell, "destroyed");
	hvctl_say("destroyed cell \"%s\"", cell.name);
	return EXIT_SUCCESS;
}

/* ----- hvctl cell list ----- */

/* Reads sysfs only. */
int hvctl_cmd_cell_list(unsigned int flags, int argc, char **args)
{
	char why[512];
	int num;

	if (!hvctl_driver_loaded())
		return EXIT_FAILURE;
	num = hvctl_cells_read(HVCTL_CELLS_DIR, cells, HVCTL_MAX_LISTED, why, sizeof(why));
	if (num < 0) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	hvctl_print_cells(stdout, cells, num, flags & HVCTL_OPT_JSON);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ----- hvctl cell stats ----- */

/* The totals --once and --json print. */
static struct hvctl_stats totals;

int hvctl_cmd_cell_stats(unsigned int flags, int argc, char **args)
{
	struct hvctl_stats_args opts;
	struct hvctl_cell cell;
	char why[512];
	int fd, err;

	if (hvctl_stats_parse_args(flags, argc, args, &opts, why, sizeof(why)) < 0)
		return hvctl_usage_error(STATS_PATH, "%s", why);
	/* Reads sysfs only; the device tells "module not loaded" apart first. */
	fd = hvctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	close(fd);
	err = hvctl_cell_find(HVCTL_CELLS_DIR, opts.cell, &cell, why, sizeof(why));
	if (!err && !(flags & (HVCTL_OPT_ONCE | HVCTL_OPT_JSON)))
		return hvctl_stats_live(&cell, opts.interval);
	if (!err)
		err = hvctl_stats_read(HVCTL_CELLS_DIR, cell.id, &totals, why, sizeof(why));
	if (err) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	if (flags & HVCTL_OPT_JSON)
		hvctl_stats_print_json(stdout, &cell, &totals);
	else
		hvctl_stats_print_table(stdout, &totals, NULL, 0);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
