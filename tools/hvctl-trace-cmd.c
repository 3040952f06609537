// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl trace on|off|status: BULKHEAD_TRACE_SET once per cell named (or per
 * cell, the root and the cells to come), BULKHEAD_TRACE_STATUS. Operands and
 * printing are in hvctl-trace.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "hvctl.h"
#include <bulkhead/trace.h>

#define NEW_CELLS_NAME	"new cells"

static const struct hvctl_errno_hint trace_hints[] = {
	{ ENODEV, HVCTL_NOT_ENABLED },
	{ ENOENT, "no such cell (any more); see 'hvctl cell list'" },
	{ EBUSY, "the rings exist with another size; 'hvctl trace off' first to change --pages" },
	{ ENOMEM, "the hypervisor's page pool cannot hold the rings; give fewer --pages (the "
		  "pool: 'hvctl info')" },
	{ EIO, "the hypervisor refused (see 'hvctl console')" },
	{ 0, NULL }
};

struct trace_target {
	__u32 id;
	char name[BULKHEAD_CELL_NAME_LEN];
};

static struct hvctl_cell cells[HVCTL_MAX_LISTED];
/* Every cell and the cells to come. */
static struct trace_target targets[HVCTL_MAX_LISTED + 1];

/* The cells @args names, or else every cell (the root first) and the cells to come. */
static int find_targets(const struct hvctl_trace_args *args, unsigned int *num)
{
	struct hvctl_cell cell;
	char why[512];
	int n, found;

	for (n = 0; n < (int)args->num_cells; n++) {
		if (hvctl_cell_find(HVCTL_CELLS_DIR, args->cells[n], &cell, why, sizeof(why)) < 0) {
			hvctl_err("%s", why);
			return -1;
		}
		targets[n].id = cell.id;
		memcpy(targets[n].name, cell.name, sizeof(targets[n].name));
	}
	*num = args->num_cells;
	if (args->num_cells)
		return 0;
	found = hvctl_cells_read(HVCTL_CELLS_DIR, cells, HVCTL_MAX_LISTED, why, sizeof(why));
	if (found < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	for (n = 0; n < found; n++) {
		targets[n].id = cells[n].id;
		memcpy(targets[n].name, cells[n].name, sizeof(targets[n].name));
	}
	targets[found].id = BULKHEAD_TRACE_NEW_CELLS;
	strcpy(targets[found].name, NEW_CELLS_NAME);
	*num = found + 1;
	return 0;
}

static void result_targets(unsigned int num)
{
	FILE *f = hvctl_result_member("cells");
	unsigned int n;

	if (!f)
		return;
	fputc('[', f);
	for (n = 0; n < num; n++) {
		fputs(n ? ", " : "", f);
		hvctl_json_string(f, targets[n].name, sizeof(targets[n].name));
	}
	fputc(']', f);
}

/* The sentence that names the targets: "linux, hello, new cells". */
static void format_targets(unsigned int num, char *buf, size_t len)
{
	size_t used = 0;
	unsigned int n;

	buf[0] = '\0';
	for (n = 0; n < num && used < len; n++)
		used += snprintf(buf + used, len - used, "%s%.*s", n ? ", " : "",
				 BULKHEAD_CELL_NAME_LEN, targets[n].name);
}

/* BULKHEAD_TRACE_SET for each target; the first carries the ring size and period. */
static int set_masks(const struct hvctl_trace_args *args, unsigned int num)
{
	struct bulkhead_trace_args req;
	int fd = hvctl_open_device();
	unsigned int n;
	int err = 0;

	if (fd < 0)
		return -1;
	for (n = 0; n < num && !err; n++) {
		req = (struct bulkhead_trace_args){
			.cell = targets[n].id,
			.mask = args->mask,
			.pages = n ? 0 : args->pages,
			.period_us = n ? 0 : args->period_us,
		};
		if (ioctl(fd, BULKHEAD_TRACE_SET, &req) == 0)
			continue;
		err = errno;
		hvctl_err("cannot turn tracing of %.*s %s: %s", BULKHEAD_CELL_NAME_LEN,
			  targets[n].name, args->mask ? "on" : "off",
			  hvctl_hint_for(err, trace_hints));
		if (err == EINVAL)
			hvctl_hint(HVCTL_KERNEL_LOG_HINT);
	}
	close(fd);
	return err ? -1 : 0;
}

static int trace_switch(bool on, int argc, char **argv)
{
	const char *path = on ? "hvctl trace on" : "hvctl trace off";
	struct hvctl_trace_args args;
	char why[512], mask[64], names[1024];
	unsigned int num;

	if (hvctl_trace_parse_args(on, argc, argv, &args, why, sizeof(why)) < 0)
		return hvctl_usage_error(path, "%s", why);
	if (!hvctl_driver_loaded() || find_targets(&args, &num) < 0 || set_masks(&args, num) < 0)
		return EXIT_FAILURE;
	hvctl_trace_format_mask(args.mask, mask, sizeof(mask));
	format_targets(num, names, sizeof(names));
	hvctl_result_str("classes", mask);
	result_targets(num);
	if (on)
		hvctl_say("tracing %s of %s", mask, names);
	else
		hvctl_say("tracing off for %s", names);
	return EXIT_SUCCESS;
}

int hvctl_cmd_trace_on(unsigned int flags, int argc, char **args)
{
	return trace_switch(true, argc, args);
}

int hvctl_cmd_trace_off(unsigned int flags, int argc, char **args)
{
	return trace_switch(false, argc, args);
}

int hvctl_cmd_trace_status(unsigned int flags, int argc, char **args)
{
	static struct hvctl_trace_cell masks[HVCTL_MAX_LISTED];
	struct bulkhead_trace_status st;
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	int fd = hvctl_open_device();
	char why[512];
	int ret, num;

	if (fd < 0)
		return EXIT_FAILURE;
	ret = ioctl(fd, BULKHEAD_TRACE_STATUS, &st);
	if (ret < 0)
		hvctl_err("cannot read the trace status: %s", hvctl_hint_for(errno, trace_hints));
	close(fd);
	if (ret < 0)
		return EXIT_FAILURE;
	num = hvctl_trace_cells_read(HVCTL_CELLS_DIR, masks, HVCTL_MAX_LISTED, why, sizeof(why));
	if (num < 0) {
		hvctl_err("%s", why);
		return EXIT_FAILURE;
	}
	hvctl_trace_print_status(stdout, &st, masks, num, cpus > 0 ? cpus : 1,
				 flags & HVCTL_OPT_JSON);
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
