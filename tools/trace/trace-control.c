// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace: switching the hypervisor's trace on through the driver
 * (BULKHEAD_TRACE_SET on /dev/bulkhead) for the cells asked for, and back
 * to what each had before, whatever ends the tool.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "trace.h"

#define ROOT_CELL	0

static int set_mask(int fd, __u32 cell, __u32 mask)
{
	struct bulkhead_trace_args args = { .cell = cell, .mask = mask };

	return ioctl(fd, BULKHEAD_TRACE_SET, &args) ? -errno : 0;
}

/*
 * The mask @cell has now. The status names the root's and new cells'; a
 * cell's own needs the rings to be off (then it is 0) or the driver's sysfs.
 */
static int previous_mask(const struct trace_control *ctl, const char *cells_dir, __u32 cell,
			 __u32 *mask, char *why, size_t len)
{
	char text[32], *end;
	int err;

	if (cell == ROOT_CELL || cell == BULKHEAD_TRACE_NEW_CELLS) {
		*mask = cell == ROOT_CELL ? ctl->before.root_mask : ctl->before.new_cells_mask;
		return 0;
	}
	*mask = 0;
	if (!ctl->before.pages)
		return 0;
	err = hvctl_cell_read_file(cells_dir, cell, "trace_mask", text, sizeof(text), why, len);
	if (err == -ENOENT)
		return hvctl_reject(-EBUSY, why, len, "tracing is already on (hvctl trace status) "
				    "and the driver does not say cell %u's mask, which "
				    "bulkhead-trace would have to restore: turn it off first "
				    "(hvctl trace off)", cell);
	if (err)
		return err;
	*mask = (__u32)strtoul(text, &end, 0);
	if (*end || !text[0])
		return hvctl_reject(-EIO, why, len, "%s/%u/trace_mask: unexpected '%s'", cells_dir,
				    cell, text);
	return 0;
}

static int add_target(struct trace_control *ctl, const char *cells_dir, __u32 cell, __u32 mask,
		      char *why, size_t len)
{
	struct trace_target *t = &ctl->targets[ctl->num_targets];
	unsigned int n;
	int err;

	for (n = 0; n < ctl->num_targets; n++)
		if (ctl->targets[n].cell == cell)
			return 0;
	t->cell = cell;
	err = previous_mask(ctl, cells_dir, cell, &t->previous, why, len);
	if (err)
		return err;
	err = set_mask(ctl->fd, cell, mask);
	if (err == -ENOENT)
		return hvctl_reject(err, why, len, "cell %u is gone", cell);
	if (err)
		return hvctl_reject(err, why, len, "BULKHEAD_TRACE_SET cell %u mask 0x%x: %s",
				    cell, mask, strerror(-err));
	ctl->num_targets++;
	return 0;
}

/* The cells to trace: those named, or every cell and the ones created later. */
static int set_targets(struct trace_control *ctl, const struct trace_opts *opts,
		       const char *cells_dir, char *why, size_t len)
{
	struct hvctl_cell *cells = calloc(HVCTL_MAX_LISTED, sizeof(*cells));
	struct hvctl_cell cell;
	unsigned int n;
	int num, err = 0;

	if (!cells)
		return hvctl_reject(-ENOMEM, why, len, "out of memory");
	for (n = 0; n < opts->num_cells && !err; n++) {
		err = hvctl_cell_find(cells_dir, opts->cells[n], &cell, why, len);
		if (!err)
			err = add_target(ctl, cells_dir, cell.id, opts->classes, why, len);
	}
	if (!opts->num_cells) {
		num = hvctl_cells_read(cells_dir, cells, HVCTL_MAX_LISTED, why, len);
		err = num < 0 ? num : 0;
		for (n = 0; !err && n < (unsigned int)num; n++)
			err = add_target(ctl, cells_dir, cells[n].id, opts->classes, why, len);
		if (!err)
			err = add_target(ctl, cells_dir, BULKHEAD_TRACE_NEW_CELLS, opts->classes,
					 why, len);
	}
	free(cells);
	return err;
}

int trace_control_start(struct trace_control *ctl, const struct trace_opts *opts,
			const char *cells_dir, char *why, size_t len)
{
	int err;

	memset(ctl, 0, sizeof(*ctl));
	ctl->fd = open(BULKHEAD_DEVICE, O_RDWR | O_CLOEXEC);
	if (ctl->fd < 0 && errno == ENOENT)
		return hvctl_reject(-ENOENT, why, len, "no %s: %s", BULKHEAD_DEVICE,
				    HVCTL_NO_MODULE_TEXT);
	if (ctl->fd < 0 && (errno == EACCES || errno == EPERM))
		return hvctl_reject(-errno, why, len, "%s: permission denied; run bulkhead-trace "
				    "as root", BULKHEAD_DEVICE);
	if (ctl->fd < 0)
		return hvctl_reject(-errno, why, len, "cannot open %s: %s", BULKHEAD_DEVICE,
				    strerror(errno));
	if (ioctl(ctl->fd, BULKHEAD_TRACE_STATUS, &ctl->before)) {
		err = -errno;
		close(ctl->fd);
		ctl->fd = -1;
		if (err == -ENODEV)
			return hvctl_reject(err, why, len, "%s", HVCTL_NOT_ENABLED);
		return hvctl_reject(err, why, len, "BULKHEAD_TRACE_STATUS: %s (a bulkhead module "
				    "without tracing?)", strerror(-err));
	}
	err = set_targets(ctl, opts, cells_dir, why, len);
	if (err)
		trace_control_restore(ctl);
	return err;
}

int trace_control_drain(struct trace_control *ctl, struct bulkhead_trace_status *status,
			char *why, size_t len)
{
	if (ioctl(ctl->fd, BULKHEAD_TRACE_STATUS, status))
		return hvctl_reject(-errno, why, len, "BULKHEAD_TRACE_STATUS: %s", strerror(errno));
	return 0;
}

bool trace_control_covers(const struct trace_control *ctl, unsigned int cell)
{
	unsigned int n;

	for (n = 0; n < ctl->num_targets; n++)
		if (ctl->targets[n].cell == cell || ctl->targets[n].cell == BULKHEAD_TRACE_NEW_CELLS)
			return true;
	return false;
}

__u64 trace_control_lost(const struct trace_control *ctl, const struct bulkhead_trace_status *st)
{
	__u64 lost = 0;
	unsigned int cpu;

	/* Rings set up by us start from 0; ones already there from what they had lost. */
	for (cpu = 0; cpu < BULKHEAD_INFO_CPUS; cpu++)
		lost += st->lost[cpu] - (ctl->before.pages ? ctl->before.lost[cpu] : 0);
	return lost;
}

void trace_control_restore(struct trace_control *ctl)
{
	struct trace_target *t;
	unsigned int n;
	int err;

	/* Once: the targets stay, to say what was traced. */
	if (ctl->fd < 0)
		return;
	for (n = ctl->num_targets; n--;) {
		t = &ctl->targets[n];
		err = set_mask(ctl->fd, t->cell, t->previous);
		/* A cell destroyed meanwhile has no mask to restore. */
		if (err && err != -ENOENT)
			fprintf(stderr, "bulkhead-trace: cannot restore cell %u's trace mask 0x%x: "
				"%s\n", t->cell, t->previous, strerror(-err));
	}
	close(ctl->fd);
	ctl->fd = -1;
}
