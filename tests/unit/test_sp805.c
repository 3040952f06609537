// SPDX-License-Identifier: GPL-2.0
/*
 * The emulated SP805 watchdog (hypervisor/sp805.c) on the host hypervisor
 * of hv_fakes.c: a cell created with one reaches its registers through the
 * real MMIO dispatch; the counter is the fake generic counter, stopped
 * (fake_counter_step 0) and moved on by hand at QEMU's 62.5 MHz, so every
 * count is exact. The register values are the technical reference
 * manual's (ARM DDI 0270B); the counts follow its rules: down from
 * WdogLoad while INTEN is set, the interrupt at the first zero, the reset
 * output at the next zero with the interrupt still raised and RESEN set.
 */
#include <stdio.h>

#include <bulkhead/errno.h>
#include <bulkhead/health.h>

#include "hv_fakes.h"
#include "unit.h"

#define CELL_CPU	1
#define WDOG		0x090c0000UL
#define WDOG_IRQ	45

#define LOAD		0x000
#define VALUE		0x004
#define CONTROL		0x008
#define INTCLR		0x00c
#define RIS		0x010
#define MIS		0x014
#define LOCK		0xc00
#define ITCR		0xf00
#define ITOP		0xf04

#define INTEN		0x1
#define RESEN		0x2
#define UNLOCK_KEY	0x1acce551
#define ITOP_WDOGRES	0x1
#define ITOP_WDOGINT	0x2

/*
 * QEMU virt's generic counter; the SP805 counts at 1 MHz, a tick each 62.5
 * counter ticks: TICKS(n) is the first counter delta by which n have passed.
 */
#define COUNTER_HZ	62500000ULL
#define TICKS(n)	(((u64)(n) * COUNTER_HZ + BULKHEAD_SP805_CLOCK_HZ - 1) / \
			 BULKHEAD_SP805_CLOCK_HZ)

static const char device[] =
	"vdevice@90c0000 { type = \"sp805\"; reg = <0x0 0x090c0000 0x0 0x1000>; "
	"interrupt = <45>; };\n";

static struct cell *cell;

/* Cell "w" with an SP805, running on CPU 1, the counter stopped. */
static void sp805_setup(void)
{
	hv_boot();
	cell = hv_create_ok(hv_cell("w", "1", "", 0x71a00000, device));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	fake_counter_step = 0;
	fake_counter_freq = COUNTER_HZ;
	console_capture_reset();
}

static void sp805_teardown(void)
{
	hv_shutdown();
}

static u64 rd_on(unsigned int cpu, unsigned int off)
{
	u64 value;

	ck_assert_int_eq(hv_mmio(cpu, false, WDOG + off, 4, &value), MMIO_HANDLED);
	return value;
}

static u64 rd(unsigned int off)
{
	return rd_on(CELL_CPU, off);
}

static void wr(unsigned int off, u64 value)
{
	ck_assert_int_eq(hv_mmio(CELL_CPU, true, WDOG + off, 4, &value), MMIO_HANDLED);
}

/* The interrupt output, as the GIC emulation was last told it (vgic-vspi.c). */
static bool line(void)
{
	ck_assert_uint_eq(cell->arch.vspis[0].intid, WDOG_IRQ);
	return cell->arch.vspis[0].line;
}

static u64 deadline(void)
{
	return cell->health.when[HEALTH_DEADLINE_SP805];
}

/* The cell's timer CPU at @when: it runs the SP805's deadline if that has come. */
static void timer_at(u64 when)
{
	hv_counter_advance(when - arch_counter());
	health_exit(per_cpu(CELL_CPU));
}

static u64 expiries(void)
{
	return cell->watchdog_expiries;
}

/* Identification as Linux's AMBA bus reads it (periphid 0x00141805), and reset values. */
START_TEST(test_ids_and_reset_values)
{
	static const u8 id[] = { 0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	unsigned int n;

	for (n = 0; n < 8; n++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * n), id[n]);
	ck_assert_uint_eq(rd(LOAD), 0xffffffff);
	ck_assert_uint_eq(rd(VALUE), 0xffffffff);
	ck_assert_uint_eq(rd(CONTROL), 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_uint_eq(rd(LOCK), 0);
	ck_assert_uint_eq(rd(ITCR), 0);
	/* Without a watchdog timeout in the config it comes out of reset stopped. */
	hv_counter_advance(TICKS(1000000));
	ck_assert_uint_eq(rd(VALUE), 0xffffffff);
	ck_assert_uint_eq(deadline(), 0);
	ck_assert(!line());
}
END_TEST

/* INTEN runs the counter from WdogLoad; clearing it stops the count where it is. */
START_TEST(test_counts_down_while_enabled)
{
	wr(LOAD, 1000);
	ck_assert_uint_eq(rd(VALUE), 1000);
	hv_counter_advance(TICKS(100));
	ck_assert_uint_eq(rd(VALUE), 1000);
	wr(CONTROL, INTEN);
	hv_counter_advance(TICKS(300));
	ck_assert_uint_eq(rd(VALUE), 700);
	hv_counter_advance(TICKS(1) - 1);
	ck_assert_uint_eq(rd(VALUE), 700);
	hv_counter_advance(1);
	ck_assert_uint_eq(rd(VALUE), 699);
	wr(CONTROL, 0);
	hv_counter_advance(TICKS(5000));
	ck_assert_uint_eq(rd(VALUE), 699);
	ck_assert_uint_eq(rd(RIS), 0);
	/* Enabled again: it starts over from WdogLoad. */
	wr(CONTROL, INTEN);
	ck_assert_uint_eq(rd(VALUE), 1000);
	/* Writing WdogLoad restarts the count from the new value at once. */
	hv_counter_advance(TICKS(10));
	wr(LOAD, 50);
	ck_assert_uint_eq(rd(VALUE), 50);
	ck_assert_uint_eq(rd(LOAD), 50);
	/* Only the two enables are kept. */
	wr(CONTROL, 0xffffffff);
	ck_assert_uint_eq(rd(CONTROL), INTEN | RESEN);
}
END_TEST

/* The first zero raises the interrupt and reloads; WdogIntClr clears it and reloads. */
START_TEST(test_interrupt_at_zero)
{
	u64 start;

	wr(LOAD, 1000);
	wr(CONTROL, INTEN);
	start = arch_counter();
	/* Armed for the zero, 1000 ticks on. */
	ck_assert_uint_eq(deadline(), start + TICKS(1000));
	timer_at(start + TICKS(1000) - 1);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert(!line());
	timer_at(start + TICKS(1000));
	ck_assert_uint_eq(rd(VALUE), 0);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(rd(MIS), 1);
	ck_assert(line());
	/* At the next tick it holds WdogLoad again. */
	hv_counter_advance(TICKS(1));
	ck_assert_uint_eq(rd(VALUE), 1000);
	/* RESEN clear: nothing more to happen, no deadline. */
	ck_assert_uint_eq(deadline(), 0);
	hv_counter_advance(TICKS(400));
	wr(INTCLR, 0x1234);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert(!line());
	ck_assert_uint_eq(rd(VALUE), 1000);
	ck_assert_uint_eq(deadline(), arch_counter() + TICKS(1000));
	/* MIS is RIS masked by INTEN; the line follows MIS. */
	timer_at(deadline());
	ck_assert(line());
	wr(CONTROL, 0);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert(!line());
	ck_assert_uint_eq(expiries(), 0);
}
END_TEST

/* Zero again with the interrupt still raised and RESEN set: the cell's watchdog expires. */
START_TEST(test_reset_at_second_zero)
{
	u64 start;

	wr(LOAD, 499);
	wr(CONTROL, INTEN | RESEN);
	start = arch_counter();
	timer_at(start + TICKS(499));
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(expiries(), 0);
	/* The next zero: 500 ticks later (499 down to 0, then one to reload). */
	ck_assert_uint_eq(deadline(), start + TICKS(999));
	timer_at(start + TICKS(999) - 1);
	ck_assert_uint_eq(expiries(), 0);
	timer_at(start + TICKS(999));
	ck_assert_uint_eq(expiries(), 1);
	assert_console_says("watchdog expired");
	/* The counter stands at zero from then on: no second expiry. */
	ck_assert_uint_eq(rd(VALUE), 0);
	ck_assert_uint_eq(deadline(), 0);
	hv_counter_advance(TICKS(100000));
	ck_assert_uint_eq(rd(VALUE), 0);
	ck_assert_uint_eq(expiries(), 1);
}
END_TEST

/* Fed in time (WdogIntClr before the second zero, as Linux pings), it never resets. */
START_TEST(test_fed_never_resets)
{
	unsigned int n;

	wr(LOAD, 999);
	wr(CONTROL, INTEN | RESEN);
	for (n = 0; n < 50; n++) {
		timer_at(arch_counter() + TICKS(1500));
		ck_assert_uint_eq(rd(RIS), 1);
		wr(INTCLR, 1);
	}
	ck_assert_uint_eq(expiries(), 0);
	/* RESEN set later: the next zero with the interrupt raised resets. */
	wr(CONTROL, INTEN);
	timer_at(arch_counter() + TICKS(20000));
	ck_assert_uint_eq(expiries(), 0);
	ck_assert_uint_eq(deadline(), 0);
	wr(CONTROL, INTEN | RESEN);
	ck_assert_uint_ne(deadline(), 0);
	timer_at(deadline());
	ck_assert_uint_eq(expiries(), 1);
}
END_TEST

/* A late look (no timer yet) catches up: the cell's own read sees the reset happen. */
START_TEST(test_catch_up_on_access)
{
	wr(LOAD, 99);
	wr(CONTROL, INTEN);
	/* 10.5 periods with RESEN clear: the interrupt stays raised, the count goes on. */
	hv_counter_advance(TICKS(1050));
	ck_assert_uint_eq(rd(VALUE), 99 - 1050 % 100);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(expiries(), 0);
	wr(CONTROL, INTEN | RESEN);
	hv_counter_advance(TICKS(5000));
	ck_assert_uint_eq(rd(VALUE), 0);
	ck_assert_uint_eq(expiries(), 1);
	/* The timer coming late changes nothing more. */
	health_exit(per_cpu(CELL_CPU));
	ck_assert_uint_eq(expiries(), 1);
}
END_TEST

/* Locked, it ignores writes to every other register; only the key unlocks it. */
START_TEST(test_lock)
{
	wr(LOAD, 1000);
	wr(LOCK, 1);
	ck_assert_uint_eq(rd(LOCK), 1);
	wr(LOAD, 5);
	wr(CONTROL, INTEN | RESEN);
	wr(ITCR, 1);
	ck_assert_uint_eq(rd(LOAD), 1000);
	ck_assert_uint_eq(rd(CONTROL), 0);
	ck_assert_uint_eq(rd(ITCR), 0);
	wr(LOCK, UNLOCK_KEY + 1);
	ck_assert_uint_eq(rd(LOCK), 1);
	wr(LOCK, UNLOCK_KEY);
	ck_assert_uint_eq(rd(LOCK), 0);
	wr(CONTROL, INTEN | RESEN);
	timer_at(arch_counter() + TICKS(1000));
	ck_assert_uint_eq(rd(RIS), 1);
	/* A locked watchdog cannot be cleared, stopped or fed: it resets. */
	wr(LOCK, 0);
	wr(INTCLR, 1);
	wr(CONTROL, 0);
	ck_assert_uint_eq(rd(RIS), 1);
	timer_at(deadline());
	ck_assert_uint_eq(expiries(), 1);
}
END_TEST

/* Integration test mode: WdogITOP drives both outputs. */
START_TEST(test_integration_outputs)
{
	wr(ITCR, 0xff);
	ck_assert_uint_eq(rd(ITCR), 1);
	wr(ITOP, ITOP_WDOGINT);
	ck_assert(line());
	ck_assert_uint_eq(rd(RIS), 0);
	wr(ITOP, 0);
	ck_assert(!line());
	ck_assert_uint_eq(expiries(), 0);
	wr(ITOP, ITOP_WDOGRES);
	ck_assert_uint_eq(expiries(), 1);
	wr(ITOP, ITOP_WDOGRES | ITOP_WDOGINT);
	ck_assert_uint_eq(expiries(), 1);
	wr(ITOP, 0);
	wr(ITCR, 0);
	ck_assert(!line());
}
END_TEST

/* Word accesses at register offsets only; what the manual does not define fails the cell. */
START_TEST(test_bad_accesses)
{
	static const struct {
		bool write;
		unsigned int off, size;
	} bad[] = {
		{ false, LOAD, 1 }, { false, VALUE, 2 }, { true, LOAD, 8 }, { false, 0x2, 4 },
		{ true, VALUE, 4 }, { true, RIS, 4 }, { true, MIS, 4 }, { false, INTCLR, 4 },
		{ false, ITOP, 4 }, { false, 0x18, 4 }, { true, 0x18, 4 }, { false, 0xf08, 4 },
		{ true, 0xfe0, 4 }, { true, 0xffc, 4 },
	};
	unsigned int n;
	u64 value = 0;

	for (n = 0; n < ARRAY_SIZE(bad); n++)
		ck_assert_msg(hv_mmio(CELL_CPU, bad[n].write, WDOG + bad[n].off, bad[n].size,
				      &value) == MMIO_ERROR, "access %u served", n);
	ck_assert_uint_eq(rd(LOAD), 0xffffffff);
	ck_assert_uint_eq(rd(CONTROL), 0);
}
END_TEST

/* A watchdog timeout in the config: running at every start, with half the timeout a stage. */
START_TEST(test_config_timeout_running_from_start)
{
	struct vsp805 *wdog = &cell->vdevs.watchdog;
	u64 start = arch_counter();

	sp805_start(wdog, 3000);
	ck_assert_uint_eq(rd(CONTROL), INTEN | RESEN);
	ck_assert_uint_eq(rd(LOAD), 1500000 - 1);
	/* What Linux's sp805_wdt reads at probe: running. */
	ck_assert_uint_eq(rd(CONTROL) & (INTEN | RESEN), INTEN | RESEN);
	timer_at(start + TICKS(2999999) - 1);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(expiries(), 0);
	timer_at(start + TICKS(2999999));
	ck_assert_uint_eq(expiries(), 1);
	/* A stop puts the reset values back; the next start arms it again. */
	vdev_cell_reset(cell);
	ck_assert_uint_eq(rd(CONTROL), 0);
	ck_assert_uint_eq(rd(LOAD), 0xffffffff);
	ck_assert_uint_eq(deadline(), 0);
	wr(LOCK, 7);
	vdev_cell_reset(cell);
	ck_assert_uint_eq(rd(LOCK), 0);
	sp805_start(wdog, 10);
	ck_assert_uint_eq(rd(LOAD), 4999);
	ck_assert_uint_eq(deadline(), arch_counter() + TICKS(4999));
	/* 0: no timeout, it stays as reset left it. */
	vdev_cell_reset(cell);
	sp805_start(wdog, 0);
	ck_assert_uint_eq(rd(CONTROL), 0);
	ck_assert_uint_eq(deadline(), 0);
}
END_TEST

/* Through the config and cell_start(): running before the cell's first instruction. */
START_TEST(test_config_timeout_through_start)
{
	char body[1024];
	u64 start;

	snprintf(body, sizeof(body),
		 "cell-name = \"t\";\ncpus = <2>;\nwatchdog-timeout-ms = <2000>;\n"
		 "memory@71b00000 { reg = <0x0 0x71b00000 0x0 0x100000>; virt = <0x0 0x0>; "
		 "flags = \"read\", \"write\", \"execute\", \"loadable\"; };\n%s", device);
	/* The fixture's cell goes; the counter runs while CPUs are stopped and given back. */
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	fake_counter_step = 1000;
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	cell = hv_create_ok(body);
	ck_assert_uint_eq(rd_on(2, CONTROL), 0);
	hv_load(cell);
	fake_counter_step = 0;
	start = arch_counter();
	ck_assert_int_eq(cell_start(cell->id), 0);
	ck_assert_uint_eq(rd_on(2, CONTROL), INTEN | RESEN);
	ck_assert_uint_eq(rd_on(2, LOAD), 1000000 - 1);
	ck_assert_uint_eq(deadline(), start + TICKS(999999));
}
END_TEST

Suite *sp805_suite(void)
{
	Suite *s = suite_create("sp805");
	TCase *tc = tcase_create("emulated SP805 watchdog");

	tcase_add_checked_fixture(tc, sp805_setup, sp805_teardown);
	tcase_add_test(tc, test_ids_and_reset_values);
	tcase_add_test(tc, test_counts_down_while_enabled);
	tcase_add_test(tc, test_interrupt_at_zero);
	tcase_add_test(tc, test_reset_at_second_zero);
	tcase_add_test(tc, test_fed_never_resets);
	tcase_add_test(tc, test_catch_up_on_access);
	tcase_add_test(tc, test_lock);
	tcase_add_test(tc, test_integration_outputs);
	tcase_add_test(tc, test_bad_accesses);
	tcase_add_test(tc, test_config_timeout_running_from_start);
	tcase_add_test(tc, test_config_timeout_through_start);
	suite_add_tcase(s, tc);
	return s;
}
