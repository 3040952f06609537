// SPDX-License-Identifier: GPL-2.0
/*
 * A/B updates of a running cell with an image store. The store holds the
 * images the cell runs and restarts from ("A", at cell->images_offset); the
 * root stages new ones ("B") in the part A leaves free, at the far end of
 * the store, so that the free part stays in one piece for the next update:
 *
 *   OPEN    B's area is scrubbed and mapped into the root, writable;
 *   SWITCH  the root loses it, B is checked, the cell stops, its RAM is
 *           scrubbed, B is copied in and runs, on probation;
 *   then    a restart on probation (fault, watchdog, reset, power-off)
 *           runs A again instead: rolled back, by the hypervisor alone;
 *           probation passed: B is what the cell restarts from, committed,
 *           and A's space is free for the next update.
 *
 * The operations and a restart's choice of images run under the cell
 * manager's lock, on the root's CPU or the cell's own (cell.c). The end of
 * probation runs on the cell's timer CPU (health.c), which must not wait for
 * the manager: the state leaves PROBATION by one compare-and-swap, whoever
 * comes first (commit at the end, rollback on a restart, the root's stop).
 */
#include <bulkhead/cell_check.h>
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <bulkhead/health.h>
#include <bulkhead/integrity.h>
#include <bulkhead/printk.h>
#include <bulkhead/update.h>

/* Bytes the boot segments of @boot take in a store. */
static u64 images_size(const struct bulkhead_boot_params *boot)
{
	return image_store_offset(boot, boot->num_segments);
}

/* How often a probation that is over looks again for the watchdog's first feed. */
#define PROBATION_RECHECK_MS	10

static u64 probation_ms(const struct cell *cell)
{
	return cell->config->health.probation_ms ?: BULKHEAD_DEFAULT_PROBATION_MS;
}

/* @cell's update leaves probation for @to, unless something else took it out first. */
static bool probation_leave(struct cell *cell, unsigned int to)
{
	unsigned int from = BULKHEAD_UPDATE_STATE_PROBATION;

	return __atomic_compare_exchange_n(&cell->update.state, &from, to, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* A cell with a heartbeat watchdog must have fed it at least once (it starts at 0). */
static bool watchdog_fed(const struct cell *cell)
{
	if (!health_heartbeat_timeout(cell))
		return true;
	arch_dcache_flush((const void *)&cell->comm->heartbeat, sizeof(cell->comm->heartbeat));
	return __atomic_load_n(&cell->comm->heartbeat, __ATOMIC_RELAXED) != 0;
}

/*
 * The probation time is over (on the cell's timer CPU): committed if no
 * failure came and the watchdog was fed; not fed yet, it is looked at again
 * until it is, or expires (a failure).
 */
static void probation_over(struct cell *cell)
{
	if (__atomic_load_n(&cell->update.failed, __ATOMIC_ACQUIRE))
		return;
	if (!watchdog_fed(cell)) {
		health_deadline_set(cell, HEALTH_DEADLINE_PROBATION,
				    health_deadline_in_ms(PROBATION_RECHECK_MS), probation_over);
		return;
	}
	if (!probation_leave(cell, BULKHEAD_UPDATE_STATE_COMMITTED))
		return;
	event_post(cell, BULKHEAD_EVENT_UPDATE_COMMITTED, 0, 0);
	cell_report(cell, "update committed after %llu ms of probation", probation_ms(cell));
}

/* The staging area leaves the root, which wrote it through a mapping of its own. */
static void close_staging(struct cell *cell, bool scrub)
{
	struct cell_update *update = &cell->update;

	if (!update->staging)
		return;
	paging_unmap(&root_cell.stage2, cell->store->phys_start + update->staging_offset,
		     update->staging_size);
	arch_cell_flush_tlb(&root_cell);
	/* Scrubbed when dropped; else nothing the root left in a cache line goes stale under us. */
	cell_store_clean(cell, update->staging_offset, update->staging_size, scrub);
	update->staging = false;
}

/*
 * Where @size bytes of new images go: at the end of the store while the
 * running images start it, at its start once they are at its end.
 */
static long staging_offset(const struct cell *cell, u64 size)
{
	u64 running = ALIGN_UP(images_size(&cell->boot), PAGE_SIZE);
	u64 store = cell->store->size, offset = cell->images_offset;

	if (offset == 0 && size <= store - running)
		return (long)(store - size);
	if (offset != 0 && size <= offset)
		return 0;
	cell_error(cell->name, "update: the new images need 0x%llx bytes of image store; the "
		   "running images take 0x%llx+0x%llx of its 0x%llx, leaving 0x%llx", size,
		   offset, running, store, store - running);
	return -ENOSPC;
}

static long update_open(struct cell *cell, u64 size)
{
	struct cell_update *update = &cell->update;
	u64 phys;
	long offset;
	int err;

	if (!size || size > cell->store->size) {
		cell_error(cell->name, "update: 0x%llx bytes of new images (1 to the store's "
			   "0x%llx)", size, cell->store->size);
		return -EINVAL;
	}
	offset = staging_offset(cell, ALIGN_UP(size, PAGE_SIZE));
	if (offset < 0)
		return offset;
	update->staging_offset = offset;
	update->staging_size = ALIGN_UP(size, PAGE_SIZE);
	phys = cell->store->phys_start + update->staging_offset;
	/* Nothing of an earlier update or run reaches the root. */
	cell_store_clean(cell, update->staging_offset, update->staging_size, true);
	err = paging_map(&root_cell.stage2, phys, phys, update->staging_size,
			 PAGING_READ | PAGING_WRITE);
	if (err) {
		paging_unmap(&root_cell.stage2, phys, update->staging_size);
		arch_cell_flush_tlb(&root_cell);
		return err;
	}
	update->staging = true;
	printk("bulkhead: cell \"%s\": staging 0x%llx bytes for an update at 0x%llx\n",
	       cell->name, update->staging_size, phys);
	return (long)phys;
}

/*
 * New images that fit the cell and the staging area, where the root can no
 * longer change them: their digests, and signature if the system wants one,
 * checked as a start checks them.
 */
static int check_staged(struct cell *cell, const struct bulkhead_boot_params *boot)
{
	u64 phys[BULKHEAD_BOOT_MAX_SEGMENTS];
	unsigned int n;
	int err = check_boot_params(cell, boot);

	if (err)
		return err;
	if (images_size(boot) > cell->update.staging_size) {
		cell_error(cell->name, "update: the boot segments take 0x%llx bytes, the staging "
			   "area has 0x%llx", images_size(boot), cell->update.staging_size);
		return -ENOSPC;
	}
	for (n = 0; n < boot->num_segments; n++)
		phys[n] = cell->store->phys_start + cell->update.staging_offset +
			  image_store_offset(boot, n);
	return integrity_check_images(cell, boot, phys);
}

static long update_switch(struct cell *cell, u64 params_addr)
{
	struct cell_update *update = &cell->update;
	struct bulkhead_boot_params boot;
	u64 start = arch_counter();
	int err;

	err = copy_from_root(&boot, params_addr, sizeof(boot), "update boot parameters");
	close_staging(cell, false);
	err = err ?: check_staged(cell, &boot);
	if (err) {
		cell_store_clean(cell, update->staging_offset, update->staging_size, true);
		return err;
	}
	update->previous = cell->boot;
	update->previous_offset = cell->images_offset;
	cell->boot = boot;
	cell->images_offset = update->staging_offset;
	/* On probation from its first instruction: an early fault rolls back too. */
	update->failed = false;
	update->probation_end = arch_counter() + arch_counter_freq() * probation_ms(cell) / 1000;
	__atomic_store_n(&update->state, BULKHEAD_UPDATE_STATE_PROBATION, __ATOMIC_RELEASE);
	err = cell_run_images(cell);
	if (err) {
		update->state = BULKHEAD_UPDATE_STATE_IDLE;
		cell->boot = update->previous;
		cell->images_offset = update->previous_offset;
		/* Stopped, but the new images could not be put in: the old ones run again. */
		if (cell->state == BULKHEAD_CELL_STATE_SHUT_DOWN && cell_run_images(cell))
			cell_error(cell->name, "update: its previous images could not be put back "
				   "either; it stays stopped");
		return err;
	}
	health_deadline_set(cell, HEALTH_DEADLINE_PROBATION, update->probation_end | 1,
			    probation_over);
	event_post(cell, BULKHEAD_EVENT_UPDATE_STARTED, probation_ms(cell), 0);
	printk("bulkhead: cell \"%s\": switched to the new images in %llu us; on probation for "
	       "%llu ms\n", cell->name, (arch_counter() - start) * 1000000 / arch_counter_freq(),
	       probation_ms(cell));
	return 0;
}

static long update_info(struct cell *cell, u64 type)
{
	const struct cell_update *update = &cell->update;
	bool probation = update->state == BULKHEAD_UPDATE_STATE_PROBATION;
	s64 left = (s64)(update->probation_end - arch_counter());

	switch (type) {
	case BULKHEAD_UPDATE_INFO_STATE:
		return update_cell_info(cell, BULKHEAD_CELL_INFO_UPDATE_STATE);
	case BULKHEAD_UPDATE_INFO_CAUSE:
		return update->cause;
	case BULKHEAD_UPDATE_INFO_PROBATION_LEFT_MS:
		return probation && left > 0 ? left * 1000 / (s64)arch_counter_freq() : 0;
	case BULKHEAD_UPDATE_INFO_PROBATION_MS:
		return (long)probation_ms(cell);
	case BULKHEAD_UPDATE_INFO_STORE_SIZE:
		return (long)cell->store->size;
	case BULKHEAD_UPDATE_INFO_RUNNING_OFFSET:
		return (long)cell->images_offset;
	case BULKHEAD_UPDATE_INFO_RUNNING_SIZE:
		return (long)images_size(&cell->boot);
	case BULKHEAD_UPDATE_INFO_OTHER_OFFSET:
		return (long)(update->staging ? update->staging_offset :
			      probation ? update->previous_offset : 0);
	case BULKHEAD_UPDATE_INFO_OTHER_SIZE:
		return (long)(update->staging ? update->staging_size :
			      probation ? images_size(&update->previous) : 0);
	default:
		return -EINVAL;
	}
}

/* What each operation needs of the cell before it may go on. */
static int check_op_allowed(struct cell *cell, unsigned int op)
{
	const struct cell_update *update = &cell->update;

	if (!cell->store) {
		cell_error(cell->name, "update: it has no image-store region to keep two image "
			   "sets in");
		return -EINVAL;
	}
	if (op == BULKHEAD_UPDATE_INFO || op == BULKHEAD_UPDATE_ABORT)
		return 0;
	if (cell->state != BULKHEAD_CELL_STATE_RUNNING) {
		cell_error(cell->name, "update: it is not running (%s); load and start it instead",
			   cell->state == BULKHEAD_CELL_STATE_FAILED ? "failed" : "shut down");
		return -EBUSY;
	}
	if (update->state == BULKHEAD_UPDATE_STATE_PROBATION) {
		cell_error(cell->name, "update: the last update is still on probation");
		return -EBUSY;
	}
	if (op == BULKHEAD_UPDATE_OPEN && update->staging) {
		cell_error(cell->name, "update: another update is being staged");
		return -EBUSY;
	}
	if (op == BULKHEAD_UPDATE_SWITCH && !update->staging) {
		cell_error(cell->name, "update: nothing staged (BULKHEAD_UPDATE_OPEN first)");
		return -EINVAL;
	}
	return 0;
}

long update_op(struct cell *cell, unsigned int op, u64 arg)
{
	int err;

	if (op < BULKHEAD_UPDATE_OPEN || op > BULKHEAD_UPDATE_INFO) {
		cell_error(cell->name, "update: unknown operation %u", op);
		return -EINVAL;
	}
	err = check_op_allowed(cell, op);
	if (err)
		return err;
	switch (op) {
	case BULKHEAD_UPDATE_OPEN:
		return update_open(cell, arg);
	case BULKHEAD_UPDATE_SWITCH:
		return update_switch(cell, arg);
	case BULKHEAD_UPDATE_ABORT:
		if (arg) {
			cell_error(cell->name, "update: abort takes no argument (0x%llx)", arg);
			return -EINVAL;
		}
		close_staging(cell, true);
		return 0;
	default:
		return update_info(cell, arg);
	}
}

void update_cell_stopped(struct cell *cell)
{
	close_staging(cell, true);
	probation_leave(cell, BULKHEAD_UPDATE_STATE_IDLE);
}

static const char *const restart_causes[] = {
	[BULKHEAD_RESTART_REQUEST] = "it reset itself",
	[BULKHEAD_RESTART_FAULT] = "it faulted",
	[BULKHEAD_RESTART_WATCHDOG] = "its watchdog expired",
	[BULKHEAD_RESTART_POWER_OFF] = "it powered itself off",
};

void update_cell_restarting(struct cell *cell, unsigned int cause)
{
	struct cell_update *update = &cell->update;

	if (!probation_leave(cell, BULKHEAD_UPDATE_STATE_ROLLED_BACK))
		return;
	cell->boot = update->previous;
	cell->images_offset = update->previous_offset;
	update->state = BULKHEAD_UPDATE_STATE_ROLLED_BACK;
	update->cause = cause;
	event_post(cell, BULKHEAD_EVENT_ROLLED_BACK, cause, 0);
	cell_report(cell, "update rolled back: %s on probation; the previous images run again",
		    restart_causes[cause]);
}

bool update_on_probation(struct cell *cell)
{
	return __atomic_load_n(&cell->update.state, __ATOMIC_ACQUIRE) ==
	       BULKHEAD_UPDATE_STATE_PROBATION;
}

bool update_probation_failed(struct cell *cell)
{
	if (!update_on_probation(cell))
		return false;
	__atomic_store_n(&cell->update.failed, true, __ATOMIC_RELEASE);
	return true;
}

long update_cell_info(const struct cell *cell, unsigned long type)
{
	if (type != BULKHEAD_CELL_INFO_UPDATE_STATE)
		return -EINVAL;
	return cell->update.staging ? BULKHEAD_UPDATE_STATE_STAGING : cell->update.state;
}
