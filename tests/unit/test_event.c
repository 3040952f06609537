// SPDX-License-Identifier: GPL-2.0
/*
 * Events for supervisors (hypervisor/event.c and the posts in cell.c), on
 * the host hypervisor of hv_fakes.c: what a cell's life posts, in order and
 * numbered without gaps; the counters the events add to; a ring that
 * overflows; the event_irq raised once until the root reads; the buffers
 * BULKHEAD_HC_EVENTS_READ refuses; an event_irq no cell may take.
 */
#include <stdio.h>

#include <bulkhead/errno.h>
#include <bulkhead/events.h>
#include <asm/mmu.h>

#include "hv_fakes.h"
#include "unit.h"

#define ROOT_CPU	0
#define CELL_CPU	1
#define RAM_A		0x71a00000UL
/* A page of root RAM for the events; the copy window shows it after a read. */
#define EVENT_PAGE	0x48010000UL
#define PER_READ	(PAGE_SIZE / sizeof(struct bulkhead_event))

static const struct bulkhead_event *page = (const struct bulkhead_event *)HV_COPY_WINDOW;

static long read_events(u64 buffer, u64 first_seq)
{
	return hypercall(per_cpu(ROOT_CPU), BULKHEAD_HC_EVENTS_READ, buffer, first_seq);
}

static bool event_irq_raised(void)
{
	return fake_raised_irqs[HV_EVENT_IRQ / 32] & (1U << (HV_EVENT_IRQ % 32));
}

static void assert_event(const struct bulkhead_event *event, u64 seq, u32 type,
			 const struct cell *cell, u64 detail, u64 detail2)
{
	ck_assert_uint_eq(event->seq, seq);
	ck_assert_uint_eq(event->type, type);
	ck_assert_uint_eq(event->cell, cell->id);
	ck_assert_str_eq(event->cell_name, cell->name);
	ck_assert_uint_eq(event->detail, detail);
	ck_assert_uint_eq(event->detail2, detail2);
}

/*
 * Create, start, a fault, shutdown, destroy: exactly those five events, in
 * order, numbered 1-5, time moving on. Catches a missing or doubled post,
 * wrong details, and a ring that numbers or orders them wrong.
 */
START_TEST(test_cell_life_posts_in_order)
{
	struct cell *cell, copy;
	unsigned int n;

	cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	cell_fail_cpu(per_cpu(CELL_CPU), BULKHEAD_FAULT_WRITE, 0x1000, 0x2000, 0x3000);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_FAILED;
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	/* Already shut down: no second STOPPED. */
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	copy = *cell;
	ck_assert_int_eq(cell_destroy(cell->id), 0);

	ck_assert_int_eq(read_events(EVENT_PAGE, 1), 5);
	assert_event(&page[0], 1, BULKHEAD_EVENT_CREATED, &copy, 1U << CELL_CPU, 0);
	assert_event(&page[1], 2, BULKHEAD_EVENT_STARTED, &copy, 0, 0);
	assert_event(&page[2], 3, BULKHEAD_EVENT_FAULT, &copy, BULKHEAD_FAULT_WRITE, CELL_CPU);
	assert_event(&page[3], 4, BULKHEAD_EVENT_STOPPED, &copy, BULKHEAD_STOPPED_BY_ROOT, 0);
	assert_event(&page[4], 5, BULKHEAD_EVENT_DESTROYED, &copy, 0, 0);
	for (n = 1; n < 5; n++)
		ck_assert_uint_gt(page[n].time_ns, page[n - 1].time_ns);
	/* The rest of the page is cleared: no stale records past the count. */
	ck_assert_uint_eq(page[5].seq, 0);
	/* From the third on; and nothing after the last. */
	ck_assert_int_eq(read_events(EVENT_PAGE, 3), 3);
	ck_assert_uint_eq(page[0].seq, 3);
	ck_assert_int_eq(read_events(EVENT_PAGE, 6), 0);
	ck_assert_int_eq(read_events(EVENT_PAGE, ~0UL), 0);
}
END_TEST

/*
 * A cell that powers itself off on two CPUs at once is reported stopped
 * once, by itself. Catches a STOPPED per CPU, or none.
 */
START_TEST(test_power_off_posts_once)
{
	struct cell *cell = hv_create_ok(hv_cell("a", "1 2", "", RAM_A, ""));

	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(1)->state = BULKHEAD_CPU_RUNNING;
	per_cpu(2)->state = BULKHEAD_CPU_RUNNING;
	cell_stop_self(per_cpu(1));
	cell_stop_self(per_cpu(2));
	ck_assert_int_eq(read_events(EVENT_PAGE, 1), 3);
	assert_event(&page[2], 3, BULKHEAD_EVENT_STOPPED, cell, BULKHEAD_STOPPED_ITSELF, 0);
}
END_TEST

/*
 * Each event that counts adds one to its counter, which the root and the
 * cell read; others add to none. Catches counters mixed up or not kept.
 */
START_TEST(test_events_count)
{
	static const struct {
		u32 type;
		unsigned long info;
	} counted[] = {
		{ BULKHEAD_EVENT_WATCHDOG, BULKHEAD_CELL_INFO_WATCHDOG_EXPIRIES },
		{ BULKHEAD_EVENT_FAULT, BULKHEAD_CELL_INFO_FAULTS },
		{ BULKHEAD_EVENT_ROLLED_BACK, BULKHEAD_CELL_INFO_ROLLBACKS },
		{ BULKHEAD_EVENT_UPDATE_COMMITTED, BULKHEAD_CELL_INFO_UPDATES },
	};
	struct cell *cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	unsigned int n, m;

	for (n = 0; n < ARRAY_SIZE(counted); n++) {
		for (m = 0; m <= n; m++)
			event_post(cell, counted[n].type, 0, 0);
		event_post(cell, BULKHEAD_EVENT_UPDATE_STARTED, 0, 0);
	}
	for (n = 0; n < ARRAY_SIZE(counted); n++)
		ck_assert_int_eq(cell_get_info(per_cpu(ROOT_CPU), cell->id, counted[n].info),
				 n + 1);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	ck_assert_int_eq(cell_get_info(per_cpu(CELL_CPU), cell->id,
				       BULKHEAD_CELL_INFO_ROLLBACKS), 3);
}
END_TEST

/*
 * More events than the ring holds: the oldest go, the reader asking for
 * them gets the oldest still held and sees the gap; reading on from there
 * gets every later one, a page at a time. Catches a ring that loses or
 * repeats events, or hands out overwritten ones.
 */
START_TEST(test_ring_overflow)
{
	struct cell *cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	const u64 total = EVENT_RING_SIZE + 100;
	u64 next = 1, n;
	long got;

	/* Event 1 is the create. */
	for (n = 2; n <= total; n++)
		event_post(cell, BULKHEAD_EVENT_STARTED, n, 0);
	got = read_events(EVENT_PAGE, next);
	ck_assert_int_eq(got, PER_READ);
	ck_assert_uint_eq(page[0].seq, total - EVENT_RING_SIZE + 1);
	next = page[0].seq;
	while ((got = read_events(EVENT_PAGE, next)) > 0) {
		for (n = 0; n < (u64)got; n++) {
			ck_assert_uint_eq(page[n].seq, next + n);
			ck_assert_uint_eq(page[n].detail, next + n);
		}
		next += got;
	}
	ck_assert_int_eq(got, 0);
	ck_assert_uint_eq(next, total + 1);
}
END_TEST

/*
 * The event_irq goes up at the first event, not again until the root has
 * read, then at the next one. Catches an interrupt storm and a lost wake-up.
 */
START_TEST(test_event_irq_once_until_read)
{
	struct cell *cell;

	ck_assert(!event_irq_raised());
	cell = hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	ck_assert(event_irq_raised());
	memset(fake_raised_irqs, 0, sizeof(fake_raised_irqs));
	event_post(cell, BULKHEAD_EVENT_WATCHDOG, 0, 0);
	ck_assert(!event_irq_raised());
	ck_assert_int_eq(read_events(EVENT_PAGE, 1), 2);
	ck_assert(!event_irq_raised());
	event_post(cell, BULKHEAD_EVENT_WATCHDOG, 0, 0);
	ck_assert(event_irq_raised());
}
END_TEST

/*
 * Buffers that are not a page of writable root RAM: refused, said so, and
 * nothing written anywhere the window shows. Catches the root making the
 * hypervisor write into its own memory, a cell's, a device or memory the
 * root may only read.
 */
START_TEST(test_bad_buffers_refused)
{
	static const struct {
		u64 addr;
		const char *says;
	} bad[] = {
		{ EVENT_PAGE + 8, "is not page aligned" },
		{ 0x70000000UL, "is not root cell RAM" },	/* the hypervisor's */
		{ RAM_A, "is not root cell memory" },		/* lent to cell "a" */
		{ HV_UART_PHYS, "is not root cell RAM" },
		{ HV_ROOT_LOG_PHYS, "is not writable root cell RAM" },	/* Linux only reads */
		{ ~0UL & ~(PAGE_SIZE - 1), "is not root cell RAM" },
	};
	unsigned int n;

	hv_create_ok(hv_cell("a", "1", "", RAM_A, ""));
	for (n = 0; n < ARRAY_SIZE(bad); n++) {
		memset((void *)HV_COPY_WINDOW, 0x5a, PAGE_SIZE);
		console_capture_reset();
		ck_assert_int_eq(read_events(bad[n].addr, 1), -EINVAL);
		assert_console_says(bad[n].says);
		ck_assert_uint_eq(*(const u8 *)HV_COPY_WINDOW, 0x5a);
	}
	/* Refusals read nothing: the event is still unread, the interrupt still held back. */
	ck_assert_int_eq(read_events(EVENT_PAGE, 1), 1);
}
END_TEST

/*
 * The root's event_irq is no cell's: not as an interrupt, not as a channel
 * doorbell. Catches a cell taking the root's events or faking them.
 */
START_TEST(test_event_irq_is_the_roots)
{
	char nodes[256];

	assert_refused(hv_cell("a", "1", "250", RAM_A, ""), -EBUSY,
		       "interrupts: 250 is the root's event_irq");
	snprintf(nodes, sizeof(nodes),
		 "channel@7e200000 { channel-name = \"ab\"; peer = \"b\"; "
		 "reg = <0x0 0x7e200000 0x0 0x10000>; virt = <0x0 0x10000000>; "
		 "access = \"read-write\"; doorbell-irq = <%u>; };", HV_EVENT_IRQ);
	assert_refused(hv_cell("a", "1", "", RAM_A, nodes), -EBUSY,
		       "doorbell_irq 250 is the root's event_irq");
}
END_TEST

/*
 * An event_irq the interrupt controller lacks fails the enable, said so.
 * Catches raising a pending bit past the distributor's registers.
 */
START_TEST(test_event_irq_must_exist)
{
	struct bulkhead_system *sys = (struct bulkhead_system *)system_desc();

	sys->event_irq = HV_NUM_IRQS;
	console_capture_reset();
	ck_assert_int_eq(event_init(), -EINVAL);
	assert_console_says("event_irq 288 does not exist (the machine has interrupt sources up "
			    "to 287)");
	sys->event_irq = HV_NUM_IRQS - 1;
	ck_assert_int_eq(event_init(), 0);
}
END_TEST

Suite *event_suite(void)
{
	Suite *suite = suite_create("event");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, hv_boot, hv_shutdown);
	tcase_add_test(tc, test_cell_life_posts_in_order);
	tcase_add_test(tc, test_power_off_posts_once);
	tcase_add_test(tc, test_events_count);
	tcase_add_test(tc, test_ring_overflow);
	tcase_add_test(tc, test_event_irq_once_until_read);
	tcase_add_test(tc, test_bad_buffers_refused);
	tcase_add_test(tc, test_event_irq_is_the_roots);
	tcase_add_test(tc, test_event_irq_must_exist);
	suite_add_tcase(suite, tc);
	return suite;
}
