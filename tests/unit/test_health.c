// SPDX-License-Identifier: GPL-2.0
/*
 * Cell health (hypervisor/health.c) on the host hypervisor of hv_fakes.c:
 * the failure policy's restart decisions (window, doubling back-off, giving
 * up), the deadlines on the cell's first CPU, the heartbeat watchdog, and
 * what report, stop and restart do on an expiry or a fault. Time passes by
 * making a deadline due (its counter value 1: long past).
 */
#include <stdio.h>
#include <string.h>

#include <bulkhead/errno.h>

#include "hv_fakes.h"
#include "unit.h"

#define FREQ		1000000ULL	/* the fake counter's */
#define RAM		0x71a00000UL
#define CELL_CPU	1

static const struct bulkhead_health three_a_second = {
	.failure_action = BULKHEAD_ON_FAILURE_RESTART,
	.max_restarts = 3,
	.restart_window_ms = 1000,
	.restart_delay_ms = 10,
};

START_TEST(test_restart_backoff_doubles_then_gives_up)
{
	struct restart_window window = { 0, 0 };
	u64 delay = 0;

	ck_assert(health_restart_due(&three_a_second, &window, 5000, FREQ, &delay));
	ck_assert_uint_eq(delay, 10000);
	ck_assert(health_restart_due(&three_a_second, &window, 6000, FREQ, &delay));
	ck_assert_uint_eq(delay, 20000);
	ck_assert(health_restart_due(&three_a_second, &window, 7000, FREQ, &delay));
	ck_assert_uint_eq(delay, 40000);
	/* A 4th failure within the second: no more. */
	ck_assert(!health_restart_due(&three_a_second, &window, 900000, FREQ, &delay));
	ck_assert(!health_restart_due(&three_a_second, &window, 1004999, FREQ, &delay));
	ck_assert_uint_eq(window.restarts, 3);
}
END_TEST

START_TEST(test_restart_window_starts_afresh)
{
	struct restart_window window = { 0, 0 };
	u64 delay = 0;

	ck_assert(health_restart_due(&three_a_second, &window, 5000, FREQ, &delay));
	ck_assert(health_restart_due(&three_a_second, &window, 6000, FREQ, &delay));
	/* The window opened at the first restart: a second later it is over. */
	ck_assert(health_restart_due(&three_a_second, &window, 1005000, FREQ, &delay));
	ck_assert_uint_eq(delay, 10000);
	ck_assert_uint_eq(window.restarts, 1);
	ck_assert_uint_eq(window.start, 1005000);
}
END_TEST

/* 1000 restarts of up to an hour's delay: the back-off stays finite and grows. */
START_TEST(test_restart_backoff_bounded)
{
	struct bulkhead_health policy = {
		.failure_action = BULKHEAD_ON_FAILURE_RESTART,
		.max_restarts = BULKHEAD_MAX_RESTARTS,
		.restart_window_ms = BULKHEAD_RESTART_WINDOW_MAX_MS,
		.restart_delay_ms = BULKHEAD_RESTART_DELAY_MAX_MS,
	};
	struct restart_window window = { 0, 0 };
	u64 delay = 0, last = 0;
	unsigned int n;

	for (n = 0; n < BULKHEAD_MAX_RESTARTS; n++) {
		ck_assert(health_restart_due(&policy, &window, 1000 + n, 1000000000ULL, &delay));
		ck_assert_uint_ge(delay, last);
		last = delay;
	}
	ck_assert(!health_restart_due(&policy, &window, 5000, 1000000000ULL, &delay));
}
END_TEST

static struct cell *cell;

static void health_setup(void)
{
	hv_boot();
	cell = NULL;
}

/* A running cell on CPU 1 with @props in its node, 1 MiB of RAM and a 64 KiB store. */
static void start_cell(const char *props)
{
	static char body[2048];

	snprintf(body, sizeof(body),
		 "cell-name = \"h\";\ncpus = <1>;\n%s"
		 "memory@%lx { reg = <0x0 0x%lx 0x0 0x100000>; virt = <0x0 0x0>; "
		 "flags = \"read\", \"write\", \"execute\", \"loadable\"; };\n"
		 "memory@71d00000 { reg = <0x0 0x71d00000 0x0 0x10000>; virt = <0x0 0x300000>; "
		 "flags = \"read\", \"write\", \"image-store\"; };\n",
		 props, RAM, RAM);
	cell = hv_create_ok(body);
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	/* The CPU took its wake-up and runs the cell. */
	per_cpu(CELL_CPU)->wake_pending = false;
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	console_capture_reset();
}

static long info(unsigned long type)
{
	return cell_get_info(per_cpu(0), cell->id, type);
}

/* Time passes until deadline @slot: its timer CPU ends an exit. */
static void expire(unsigned int slot)
{
	ck_assert_uint_ne(cell->health.when[slot], 0);
	cell->health.when[slot] = 1;
	cell->health.changed = true;
	health_exit(per_cpu(CELL_CPU));
}

START_TEST(test_watchdog_armed_on_the_first_cpu)
{
	start_cell("watchdog-timeout-ms = <100>;\n");
	ck_assert_uint_eq(cell->comm->watchdog_timeout_ms, 100);
	ck_assert_uint_ne(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 0);
	/* The root started it: the timer CPU is told, and programs the deadline at its exit. */
	ck_assert_uint_ge(fake_kicks[CELL_CPU], 1);
	health_exit(per_cpu(CELL_CPU));
	ck_assert_uint_eq(fake_timer_when, cell->health.when[HEALTH_DEADLINE_WATCHDOG]);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->timer_when, fake_timer_when);
	/* Nothing changed, nothing due: the next exit leaves the timer alone. */
	fake_timer_when = 0;
	health_exit(per_cpu(CELL_CPU));
	ck_assert_uint_eq(fake_timer_when, 0);
}
END_TEST

START_TEST(test_no_watchdog_without_timeout)
{
	start_cell("");
	ck_assert_uint_eq(cell->comm->watchdog_timeout_ms, 0);
	ck_assert_uint_eq(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 0);
}
END_TEST

START_TEST(test_heartbeat_feeds)
{
	start_cell("watchdog-timeout-ms = <100>;\n");
	cell->comm->heartbeat = 7;
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES), 0);
	/* Re-armed a timeout later, and the timer follows. */
	ck_assert_uint_gt(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 1);
	ck_assert_uint_eq(fake_timer_when, cell->health.when[HEALTH_DEADLINE_WATCHDOG]);
	/* Unchanged since: expired. */
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES), 1);
	assert_console_says("cell \"h\" watchdog expired");
}
END_TEST

/* report: counted and said, the cell runs on and stays watched. */
START_TEST(test_expiry_report)
{
	start_cell("watchdog-timeout-ms = <100>;\n");
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES), 1);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, 0);
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES), 2);
}
END_TEST

START_TEST(test_expiry_stop)
{
	start_cell("watchdog-timeout-ms = <100>;\non-failure = \"stop\";\n");
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_FAILED);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, BULKHEAD_CPU_PARKED);
	assert_console_says("stopped by its failure policy");
	/* Nothing left armed: it stays stopped. */
	ck_assert_uint_eq(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 0);
	ck_assert_uint_eq(cell->health.when[HEALTH_DEADLINE_RESTART], 0);
}
END_TEST

/* The CPU ends its exit and parks; its park loop sees the back-off end and restarts the cell. */
static bool park_and_restart(void)
{
	struct per_cpu *cpu = per_cpu(CELL_CPU);

	ck_assert_uint_ne(cpu->stop_request, 0);
	cpu->stop_request = 0;
	cpu->state = BULKHEAD_CPU_PARKED;
	if (cell->health.when[HEALTH_DEADLINE_RESTART])
		cell->health.when[HEALTH_DEADLINE_RESTART] = 1;
	cell->health.changed = true;
	return health_parked(cpu);
}

START_TEST(test_expiry_restart)
{
	start_cell("watchdog-timeout-ms = <100>;\non-failure = \"restart\";\nmax-restarts = <2>;\n"
		   "restart-delay-ms = <10>;\n");
	expire(HEALTH_DEADLINE_WATCHDOG);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_FAILED);
	assert_console_says("restarts in 10 ms (restart 1 within the window)");
	/* No watchdog while it waits to restart. */
	ck_assert_uint_eq(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 0);
	fake_scrubbed_bytes = 0;
	ck_assert(park_and_restart());
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->state, BULKHEAD_CPU_RUNNING);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->wake_entry, cell->boot.entry);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_RESTARTS), 1);
	ck_assert_uint_eq(fake_scrubbed_bytes, 0x100000);
	assert_console_says("restarted after its watchdog expired on CPU 1 from its image store");
	/* Watched again from the restart on. */
	ck_assert_uint_ne(cell->health.when[HEALTH_DEADLINE_WATCHDOG], 0);

	/* The second within the window waits twice as long; the third gives up. */
	console_capture_reset();
	expire(HEALTH_DEADLINE_WATCHDOG);
	assert_console_says("restarts in 20 ms (restart 2 within the window)");
	ck_assert(park_and_restart());
	console_capture_reset();
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	expire(HEALTH_DEADLINE_WATCHDOG);
	assert_console_says("failed again after 2 restarts within 60000 ms: stopped");
	ck_assert(!park_and_restart());
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_FAILED);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_RESTARTS), 2);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES), 3);
}
END_TEST

START_TEST(test_fault_restart)
{
	start_cell("on-failure = \"restart\";\n");
	cell_fail_cpu(per_cpu(CELL_CPU), BULKHEAD_FAULT_READ, 0x10000000, 0x40, 0);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_FAULTS), 1);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, BULKHEAD_CPU_FAILED);
	ck_assert_uint_ne(cell->health.when[HEALTH_DEADLINE_RESTART], 0);
	per_cpu(CELL_CPU)->stop_request = BULKHEAD_CPU_FAILED;
	ck_assert(park_and_restart());
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(info(BULKHEAD_CELL_INFO_FAILED_CPUS), 0);
	ck_assert_uint_eq(info(BULKHEAD_CELL_INFO_FAULT), BULKHEAD_FAULT_NONE);
	assert_console_says("restarted after a fault on CPU 1");
}
END_TEST

/* The root shutting the cell down wins over a pending restart. */
START_TEST(test_root_stop_cancels_the_restart)
{
	start_cell("on-failure = \"restart\";\n");
	cell_fail_cpu(per_cpu(CELL_CPU), BULKHEAD_FAULT_READ, 0x10000000, 0x40, 0);
	per_cpu(CELL_CPU)->stop_request = 0;
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_FAILED;
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	ck_assert_uint_eq(cell->health.when[HEALTH_DEADLINE_RESTART], 0);
	ck_assert(!health_parked(per_cpu(CELL_CPU)));
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_SHUT_DOWN);
	ck_assert_int_eq(info(BULKHEAD_CELL_INFO_RESTARTS), 0);
}
END_TEST

/* A CPU back in the root turns its timer off in its park loop. */
START_TEST(test_released_cpu_timer_off)
{
	start_cell("watchdog-timeout-ms = <100>;\n");
	health_exit(per_cpu(CELL_CPU));
	ck_assert_uint_ne(fake_timer_when, 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	ck_assert(!health_parked(per_cpu(CELL_CPU)));
	ck_assert_uint_eq(fake_timer_when, 0);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->timer_when, 0);
}
END_TEST

Suite *health_suite(void)
{
	Suite *s = suite_create("health");
	TCase *policy = tcase_create("policy");
	TCase *cells = tcase_create("cells");

	tcase_add_test(policy, test_restart_backoff_doubles_then_gives_up);
	tcase_add_test(policy, test_restart_window_starts_afresh);
	tcase_add_test(policy, test_restart_backoff_bounded);
	suite_add_tcase(s, policy);
	tcase_add_checked_fixture(cells, health_setup, hv_shutdown);
	tcase_add_test(cells, test_watchdog_armed_on_the_first_cpu);
	tcase_add_test(cells, test_no_watchdog_without_timeout);
	tcase_add_test(cells, test_heartbeat_feeds);
	tcase_add_test(cells, test_expiry_report);
	tcase_add_test(cells, test_expiry_stop);
	tcase_add_test(cells, test_expiry_restart);
	tcase_add_test(cells, test_fault_restart);
	tcase_add_test(cells, test_root_stop_cancels_the_restart);
	tcase_add_test(cells, test_released_cpu_timer_off);
	suite_add_tcase(s, cells);
	return s;
}
