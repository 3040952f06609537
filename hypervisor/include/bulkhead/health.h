/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cell health (health.c): per-cell deadlines on the hypervisor timer of one of the
 * cell's own CPUs, the heartbeat watchdog, and the failure policy of the
 * cell's config (report, stop, or restart from its image store) that a fault
 * or a watchdog expiry sets off. Nothing here waits for a root CPU or holds
 * a lock the root may keep: a cell is restarted while its root is hung.
 *
 * The timer CPU of a cell is its first CPU (the one it starts on). It runs
 * the cell's expired deadlines at the end of each of its exits and, while
 * parked (stopped, failed, or waiting for a CPU_ON), in its park loop.
 */
#ifndef _BULKHEAD_HEALTH_H
#define _BULKHEAD_HEALTH_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>
#include <asm/spinlock.h>

struct cell;
struct per_cpu;

/* The deadlines a cell may have armed at once, one slot per user. */
enum health_deadline {
	HEALTH_DEADLINE_WATCHDOG,	/* heartbeat check (health.c) */
	HEALTH_DEADLINE_RESTART,	/* end of the restart back-off (health.c) */
	HEALTH_DEADLINE_SP805,		/* the emulated SP805's counter (sp805.c) */
	HEALTH_DEADLINE_PROBATION,	/* end of an update's probation (update.c) */
	HEALTH_DEADLINES
};

/*
 * Called on the cell's timer CPU, in an exit or parked, at or after the
 * deadline, once per arming. It must not wait for the cell manager (the root
 * may hold it) nor for another CPU of the cell; the cell may have been
 * stopped since it was armed.
 */
typedef void (*health_expired_fn)(struct cell *cell);

/* Restarts within the current window (health_restart_due()). */
struct restart_window {
	u64 start;			/* counter value the window opened at */
	unsigned int restarts;
};

struct cell_health {
	/* Guards when[], expired[], changed and window. Innermost: taken under the cell's lock. */
	spinlock_t lock;
	u64 when[HEALTH_DEADLINES];	/* counter values; 0: not armed */
	health_expired_fn expired[HEALTH_DEADLINES];
	/* A deadline was set since the timer CPU last looked. */
	bool changed;
	struct restart_window window;
	/* Why the pending restart happens (BULKHEAD_RESTART_*). */
	unsigned int restart_cause;
	/* The heartbeat as the last watchdog check saw it. */
	u32 heartbeat;
};

/**
 * Arms deadline @slot of @cell at counter value @when (0 cancels it), with
 * @expired to call then. Any CPU, any context; the cell's timer CPU is told.
 */
void health_deadline_set(struct cell *cell, unsigned int slot, u64 when,
			 health_expired_fn expired);

/** The counter value @ms milliseconds from now. */
u64 health_deadline_in_ms(u32 ms);

/**
 * @cell's watchdog expired (the heartbeat's or its SP805's): counted, the
 * event posted, the failure policy applied. Any CPU; none of the caller's
 * locks may be the cell's.
 */
void health_watchdog_expired(struct cell *cell);

/**
 * A CPU of @cell faulted (cell_fail_cpu(), which marked the cell failed and
 * stops that CPU): counted, the event posted, the failure policy applied.
 */
void health_cell_faulted(struct cell *cell, unsigned int cpu_id, unsigned int reason);

/** The heartbeat watchdog's timeout the communication region announces (0: none). */
u32 health_heartbeat_timeout(const struct cell *cell);

/*
 * Hooks of the cell's life (cell.c). started: by the root (the restart window
 * opens afresh) or by a restart (@restarted); the cell is RUNNING and its
 * first CPU is about to run. stopped: its CPUs are stopping; every deadline
 * is cancelled. released: destroy gave its CPUs back to the root; waits
 * until no parked CPU still looks at it.
 */
void health_cell_started(struct cell *cell, bool restarted);
void health_cell_stopped(struct cell *cell);
void health_cell_released(struct cell *cell);

/**
 * At the end of each exit of a non-root cell's CPU: runs the cell's expired
 * deadlines if this is its timer CPU, and programs the timer for the next.
 */
void health_exit(struct per_cpu *cpu);

/**
 * The calling CPU's hypervisor timer interrupt, in an exit: the timer goes off
 * until health_exit() at the end of the exit runs what is due.
 */
void health_timer_interrupt(struct per_cpu *cpu);

/**
 * In the park loop of any CPU: as health_exit() for a parked timer CPU.
 * True if the cell restarted on this CPU: it resumes at wake_entry at once.
 */
bool health_parked(struct per_cpu *cpu);

/**
 * The failure policy's decision for one more restart at counter value @now
 * (ticks at @freq Hz), updating @window: true with the back-off in *@delay
 * (ticks), or false when the cell has had its max_restarts within
 * restart_window_ms and must stop.
 */
bool health_restart_due(const struct bulkhead_health *policy, struct restart_window *window,
			u64 now, u64 freq, u64 *delay);

#endif /* !_BULKHEAD_HEALTH_H */
