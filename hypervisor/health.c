// SPDX-License-Identifier: GPL-2.0
/*
 * Cell health: deadlines on the hypervisor timer of the cell's first CPU, the
 * heartbeat watchdog, and the failure policy of the cell's config.
 *
 * Everything runs on the cell's own CPUs: the timer CPU runs expired
 * deadlines at the end of its exits and in its park loop, a faulting CPU
 * applies the policy itself, and a restart is done by the parked timer CPU,
 * which then starts the cell on itself. No root CPU is ever waited for, so a
 * hung root does not keep a cell from being restarted.
 */
#include <bulkhead/control.h>
#include <bulkhead/events.h>
#include <bulkhead/health.h>
#include <bulkhead/printk.h>

/* The CPU whose hypervisor timer carries @cell's deadlines: the one it starts on. */
static struct per_cpu *timer_cpu(const struct cell *cell)
{
	return per_cpu((unsigned int)__builtin_ctzll(cell->cpu_set));
}

u64 health_deadline_in_ms(u32 ms)
{
	/* 0 means "not armed": a deadline is never 0. */
	return (arch_counter() + arch_counter_freq() * ms / 1000) | 1;
}

void health_deadline_set(struct cell *cell, unsigned int slot, u64 when,
			 health_expired_fn expired)
{
	struct per_cpu *target = timer_cpu(cell);

	spin_lock(&cell->health.lock);
	cell->health.when[slot] = when;
	cell->health.expired[slot] = expired;
	cell->health.changed = true;
	spin_unlock(&cell->health.lock);
	/*
	 * The timer CPU programs its timer at its next exit or park loop
	 * round: bring that forward if this deadline comes before its timer.
	 */
	if (when && target != this_cpu() && (!target->timer_when || when < target->timer_when)) {
		arch_cpu_kick(target);
		cpu_wake_waiters();
	}
}

/*
 * Takes @cell's expired deadlines (but for the restart, which only a parked
 * CPU does) and calls them, each once. Returns the earliest still armed.
 */
static u64 run_expired(struct cell *cell)
{
	health_expired_fn expired[HEALTH_DEADLINES] = { NULL };
	struct cell_health *health = &cell->health;
	u64 now = arch_counter(), next = 0;
	unsigned int slot;

	spin_lock(&health->lock);
	health->changed = false;
	for (slot = 0; slot < HEALTH_DEADLINES; slot++) {
		if (!health->when[slot] || health->when[slot] > now ||
		    slot == HEALTH_DEADLINE_RESTART)
			continue;
		expired[slot] = health->expired[slot];
		health->when[slot] = 0;
	}
	spin_unlock(&health->lock);
	for (slot = 0; slot < HEALTH_DEADLINES; slot++)
		if (expired[slot])
			expired[slot](cell);

	spin_lock(&health->lock);
	for (slot = 0; slot < HEALTH_DEADLINES; slot++)
		if (health->when[slot] && (!next || health->when[slot] < next))
			next = health->when[slot];
	spin_unlock(&health->lock);
	return next;
}

/* Nothing to do for the timer CPU @cpu: no deadline changed, none passed. */
static bool deadlines_quiet(const struct per_cpu *cpu, const struct cell *cell)
{
	return !__atomic_load_n(&cell->health.changed, __ATOMIC_ACQUIRE) && !cpu->timer_fired &&
	       (!cpu->timer_when || arch_counter() < cpu->timer_when);
}

/* Runs the expired deadlines and programs the timer for the next one. */
static void run_deadlines(struct per_cpu *cpu, struct cell *cell)
{
	cpu->timer_fired = false;
	cpu->timer_when = run_expired(cell);
	arch_timer_set(cpu->timer_when);
}

void health_timer_interrupt(struct per_cpu *cpu)
{
	arch_timer_set(0);
	cpu->timer_fired = true;
}

void health_exit(struct per_cpu *cpu)
{
	if (cpu == timer_cpu(cpu->cell) && !deadlines_quiet(cpu, cpu->cell))
		run_deadlines(cpu, cpu->cell);
}

/* True if @cell's restart back-off is over (and takes it): the caller restarts the cell. */
static bool take_restart(struct cell *cell)
{
	struct cell_health *health = &cell->health;
	bool due;

	spin_lock(&health->lock);
	due = health->when[HEALTH_DEADLINE_RESTART] &&
	      health->when[HEALTH_DEADLINE_RESTART] <= arch_counter();
	if (due)
		health->when[HEALTH_DEADLINE_RESTART] = 0;
	spin_unlock(&health->lock);
	return due;
}

bool health_parked(struct per_cpu *cpu)
{
	bool busy = false, resume = false;
	struct cell *cell;

	/*
	 * health_cell_released() waits for health_busy to clear under the
	 * same lock, so the cell is not freed while this CPU looks at it.
	 */
	spin_lock(&cpu->wake_lock);
	cell = cpu->cell;
	if (cell != &root_cell && cpu == timer_cpu(cell)) {
		busy = true;
		cpu->health_busy = true;
	}
	spin_unlock(&cpu->wake_lock);
	if (!busy) {
		/* Its cell is gone, or it is not the timer CPU (any more). */
		if (cpu->timer_when || cpu->timer_fired) {
			cpu->timer_when = 0;
			cpu->timer_fired = false;
			arch_timer_set(0);
		}
		return false;
	}
	if (!deadlines_quiet(cpu, cell)) {
		if (take_restart(cell))
			resume = cell_restart(cpu, cell->health.restart_cause);
		run_deadlines(cpu, cell);
	}
	__atomic_store_n(&cpu->health_busy, false, __ATOMIC_RELEASE);
	return resume;
}

void health_cell_released(struct cell *cell)
{
	struct per_cpu *cpu = timer_cpu(cell);

	spin_lock(&cpu->wake_lock);
	spin_unlock(&cpu->wake_lock);
	/* One park loop round at most: spin, the parked CPU sends no event. */
	while (__atomic_load_n(&cpu->health_busy, __ATOMIC_ACQUIRE))
		;
}

/* The heartbeat is the cell's watchdog if it has no emulated SP805 to feed. */
static bool has_sp805(const struct bulkhead_cell *config)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(config);
	unsigned int n;

	for (n = 0; n < config->num_vdevices; n++)
		if (dev[n].type == BULKHEAD_VDEV_SP805)
			return true;
	return false;
}

u32 health_heartbeat_timeout(const struct cell *cell)
{
	return has_sp805(cell->config) ? 0 : cell->config->health.watchdog_timeout_ms;
}

static void heartbeat_check(struct cell *cell);

static void heartbeat_arm(struct cell *cell)
{
	health_deadline_set(cell, HEALTH_DEADLINE_WATCHDOG,
			    health_deadline_in_ms(health_heartbeat_timeout(cell)), heartbeat_check);
}

/*
 * Fed if the heartbeat changed since the last check, a timeout ago. The cell
 * may write it with its caches off: read it from memory.
 */
static void heartbeat_check(struct cell *cell)
{
	u32 beat;

	if (cell->state != BULKHEAD_CELL_STATE_RUNNING)
		return;
	arch_dcache_flush((const void *)&cell->comm->heartbeat, sizeof(cell->comm->heartbeat));
	beat = cell->comm->heartbeat;
	if (beat != cell->health.heartbeat) {
		cell->health.heartbeat = beat;
		heartbeat_arm(cell);
		return;
	}
	health_watchdog_expired(cell);
}

bool health_restart_due(const struct bulkhead_health *policy, struct restart_window *window,
			u64 now, u64 freq, u64 *delay)
{
	u64 span = freq * policy->restart_window_ms / 1000;

	if (!window->restarts || now - window->start >= span) {
		window->start = now;
		window->restarts = 0;
	}
	if (window->restarts >= policy->max_restarts)
		return false;
	/* Doubled for each restart within the window: at most 1000 of them, cap the shift. */
	*delay = (freq * policy->restart_delay_ms / 1000) << MIN(window->restarts, 20U);
	window->restarts++;
	return true;
}

/* The restart policy: after the back-off, the parked timer CPU restarts the cell. */
static void schedule_restart(struct cell *cell, unsigned int cause)
{
	struct cell_health *health = &cell->health;
	u64 now = arch_counter(), delay;
	unsigned int restarts;
	bool due;

	/* The root is shutting it down: no restart, and none counted. */
	if (!cell_stop_failed(cell))
		return;
	spin_lock(&health->lock);
	due = health_restart_due(&cell->config->health, &health->window, now,
				 arch_counter_freq(), &delay);
	restarts = health->window.restarts;
	health->restart_cause = cause;
	spin_unlock(&health->lock);
	if (!due) {
		event_post(cell, BULKHEAD_EVENT_GAVE_UP, restarts, 0);
		cell_report(cell, "failed again after %u restarts within %u ms: stopped", restarts,
			    cell->config->health.restart_window_ms);
		return;
	}
	cell_report(cell, "restarts in %llu ms (restart %u within the window)",
		    delay * 1000 / arch_counter_freq(), restarts);
	health_deadline_set(cell, HEALTH_DEADLINE_RESTART, (now + delay) | 1, NULL);
}

/* New images on probation failed: the previous ones run again, at once, whatever the policy. */
static void roll_back(struct cell *cell, unsigned int cause)
{
	spin_lock(&cell->health.lock);
	cell->health.restart_cause = cause;
	spin_unlock(&cell->health.lock);
	if (cell_stop_failed(cell))
		health_deadline_set(cell, HEALTH_DEADLINE_RESTART, arch_counter() | 1, NULL);
}

static void apply_policy(struct cell *cell, unsigned int cause)
{
	if (update_probation_failed(cell)) {
		roll_back(cell, cause);
		return;
	}
	switch (cell->config->health.failure_action) {
	case BULKHEAD_ON_FAILURE_STOP:
		if (!cell_stop_failed(cell))
			break;
		event_post(cell, BULKHEAD_EVENT_GAVE_UP, 0, 0);
		cell_report(cell, "stopped by its failure policy");
		break;
	case BULKHEAD_ON_FAILURE_RESTART:
		schedule_restart(cell, cause);
		break;
	default:
		/* Reported only: the heartbeat stays watched, each timeout reports again. */
		if (cause == BULKHEAD_RESTART_WATCHDOG && health_heartbeat_timeout(cell))
			heartbeat_arm(cell);
	}
}

void health_watchdog_expired(struct cell *cell)
{
	event_post(cell, BULKHEAD_EVENT_WATCHDOG, 0, 0);
	cell_report(cell, "watchdog expired");
	apply_policy(cell, BULKHEAD_RESTART_WATCHDOG);
}

void health_cell_faulted(struct cell *cell, unsigned int cpu_id, unsigned int reason)
{
	apply_policy(cell, BULKHEAD_RESTART_FAULT);
}

void health_cell_started(struct cell *cell, bool restarted)
{
	struct cell_health *health = &cell->health;

	spin_lock(&health->lock);
	if (!restarted)
		health->window = (struct restart_window){ 0, 0 };
	/* init_comm_region() cleared it. */
	health->heartbeat = 0;
	spin_unlock(&health->lock);
	if (health_heartbeat_timeout(cell))
		heartbeat_arm(cell);
}

void health_cell_stopped(struct cell *cell)
{
	struct cell_health *health = &cell->health;
	unsigned int slot;

	spin_lock(&health->lock);
	for (slot = 0; slot < HEALTH_DEADLINES; slot++)
		health->when[slot] = 0;
	spin_unlock(&health->lock);
}
