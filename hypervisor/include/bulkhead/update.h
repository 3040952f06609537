/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A/B updates of a running cell (update.c): new images staged in the free
 * part of its image store, checked, switched to, and kept only if they pass
 * a probation; else the previous images, still in the store, come back.
 */
#ifndef _BULKHEAD_UPDATE_H
#define _BULKHEAD_UPDATE_H

#include <bulkhead/types.h>
#include <bulkhead/boot.h>
#include <bulkhead/event.h>

struct cell;

/* A cell's update state; under the cell manager's lock but as noted. */
struct cell_update {
	/*
	 * BULKHEAD_UPDATE_STATE_IDLE, _PROBATION, _COMMITTED or _ROLLED_BACK;
	 * leaves PROBATION by compare-and-swap (the timer CPU takes no lock).
	 */
	unsigned int state;
	/* On probation: it failed (fault, watchdog); set by any of its CPUs. */
	bool failed;
	/* The staging area is mapped into the root (shown as _STAGING). */
	bool staging;
	u64 staging_offset;
	u64 staging_size;
	/* Why the last update rolled back: BULKHEAD_RESTART_*. */
	unsigned int cause;
	/*
	 * On probation: the images it ran before, still in the store, and the
	 * counter value from which it may pass (once its watchdog was fed).
	 */
	struct bulkhead_boot_params previous;
	u64 previous_offset;
	u64 probation_end;
};

/**
 * BULKHEAD_HC_CELL_UPDATE operation @op with argument @arg on @cell, for the
 * root; the manager lock held. 0, a staging address (OPEN), an info value
 * (INFO), or a negative errno with nothing changed.
 */
long update_op(struct cell *cell, unsigned int op, u64 arg);

/**
 * The root stopped @cell (shutdown, load, destroy): the staging area goes,
 * a probation ends with no verdict (the cell keeps the images it last ran).
 * Manager lock held.
 */
void update_cell_stopped(struct cell *cell);

/**
 * A fault or watchdog expiry of @cell, before its failure policy: true if
 * it is on probation, then it must restart at once (no back-off, whatever
 * the policy) and the restart rolls back. Any CPU, no lock.
 */
bool update_probation_failed(struct cell *cell);

/**
 * @cell restarts from its store by itself (@cause: BULKHEAD_RESTART_*). On
 * probation, that is the new images failing: the previous ones become the
 * cell's boot parameters and images again, so the restart runs them.
 * Manager lock held.
 */
void update_cell_restarting(struct cell *cell, unsigned int cause);

/** True while @cell runs new images on probation. Any CPU, no lock. */
bool update_on_probation(struct cell *cell);

/** BULKHEAD_CELL_INFO_UPDATE_STATE; -EINVAL for other types (the counters are events'). */
long update_cell_info(const struct cell *cell, unsigned long type);

#endif /* !_BULKHEAD_UPDATE_H */
