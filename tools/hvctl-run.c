// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl cell run CONFIG IMAGE... [--attach]: create, load and start in one
 * step, through the code of hvctl cell create, load and start. A step that
 * fails, or a Ctrl-C before the start, destroys the cell created: the run
 * leaves a running cell or nothing. With --json the result is the cell, its
 * pieces (from the load) and its state once started.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hvctl.h"

#define RUN_PATH	"hvctl cell run"

/* The steps, in order; what a failure message calls each. */
enum run_step {
	RUN_CREATE,
	RUN_LOAD,
	RUN_ATTACH,		/* --attach: the cell has a UART to type into */
	RUN_START,
	RUN_DONE,
};

static const char *const step_names[] = {
	[RUN_CREATE] = "create",
	[RUN_LOAD] = "load",
	[RUN_ATTACH] = "attach",
	[RUN_START] = "start",
};

/* The cell has an emulated UART to attach to; 0, or -1 after saying why. */
static int check_attachable(int fd, const struct hvctl_cell *cell)
{
	long ret = hvctl_type_into(fd, cell->id, "", 0);

	if (ret == -ENODEV)
		hvctl_err("cell \"%s\" has no emulated UART to attach to (its config needs a "
			  "vdevice of type \"pl011\")", cell->name);
	else if (ret < 0)
		hvctl_err("cannot attach to cell \"%s\": %s", cell->name,
			  hvctl_hint_for((int)-ret, NULL));
	return ret < 0 ? -1 : 0;
}

/* Takes the steps up to the start; returns the one that failed, or RUN_DONE. */
static enum run_step run_steps(int fd, const void *config, size_t size,
			       struct hvctl_load_plan *plan, bool attach, struct hvctl_cell *cell)
{
	if (hvctl_cell_create_from(fd, config, size, cell) < 0)
		return RUN_CREATE;
	hvctl_say("created cell \"%s\" (id %u)", cell->name, cell->id);
	/* With --json the load adds the cell and its pieces to the result. */
	if (hvctl_interrupted() || hvctl_cell_load_into(fd, cell, plan, &hvctl_load_apply) < 0)
		return RUN_LOAD;
	if (attach && (hvctl_interrupted() || check_attachable(fd, cell) < 0))
		return RUN_ATTACH;
	if (hvctl_interrupted() || hvctl_cell_start(fd, cell) < 0)
		return RUN_START;
	hvctl_say("started cell \"%s\"", cell->name);
	return RUN_DONE;
}

/* Step @failed went wrong: destroy what the steps before made. */
static void undo(int fd, enum run_step failed, const struct hvctl_cell *cell)
{
	const char *why = hvctl_interrupted() ? "interrupted" : "failed";

	if (!cell->id) {
		hvctl_hint("cell run %s at step %s: no cell was created", why, step_names[failed]);
		return;
	}
	if (hvctl_cell_destroy(fd, cell) < 0) {
		hvctl_err("cell run %s at step %s, and cell \"%s\" (id %u) could not be "
			  "destroyed; destroy it with 'hvctl cell destroy %u'", why,
			  step_names[failed], cell->name, cell->id, cell->id);
		return;
	}
	hvctl_hint("cell run %s at step %s: destroyed cell \"%s\" (id %u); its CPUs and "
		   "memory are back with the root cell", why, step_names[failed], cell->name,
		   cell->id);
}

int hvctl_cmd_cell_run(unsigned int flags, int argc, char **args)
{
	bool attach = flags & HVCTL_OPT_ATTACH;
	struct hvctl_load_plan plan;
	struct hvctl_cell cell, now;
	enum run_step step;
	char why[512];
	size_t size;
	void *config;
	int fd, ret = EXIT_FAILURE;

	if ((flags & HVCTL_OPT_JSON) && attach)
		return hvctl_usage_error(RUN_PATH, "--json prints the cell once; --attach is "
					 "interactive: give one of them");
	if (hvctl_load_parse(argc - 1, args + 1, &plan, why, sizeof(why)) < 0)
		return hvctl_usage_error(RUN_PATH, "%s", why);
	config = hvctl_cell_config_read(args[0], &size);
	if (!config)
		return EXIT_FAILURE;
	fd = hvctl_open_device();
	if (fd < 0)
		goto out;
	/* Ctrl-C before the start undoes the run instead of leaving half a cell. */
	hvctl_catch_interrupts();
	step = run_steps(fd, config, size, &plan, attach, &cell);
	if (step != RUN_DONE) {
		undo(fd, step, &cell);
	} else if (attach) {
		ret = hvctl_console_attach(fd, &cell);
	} else {
		/* The state it has now: a cell may fail right after its start. */
		if (hvctl_cell_read(HVCTL_CELLS_DIR, cell.id, &now, why, sizeof(why)) == 0)
			cell = now;
		hvctl_result_str("state", cell.state);
		ret = EXIT_SUCCESS;
	}
	close(fd);
out:
	free(config);
	return ret;
}
