// SPDX-License-Identifier: GPL-2.0
/*
 * The hypercall rights table (hypervisor/hypercall.c) and the rights its
 * handlers check, on the host hypervisor of hv_fakes.c: every code from the
 * root and from a running cell's CPU. A call a cell may not make stops the
 * calling CPU and fails the cell (the real cell_fail_cpu(), reason and code
 * recorded); the root is only told no. Codes the table does not have are
 * -ENOSYS, however large.
 */
#include <string.h>

#include <bulkhead/errno.h>

#include "hv_fakes.h"
#include "unit.h"

#define ROOT_CPU	0
#define CELL_CPU	1
#define EXIT_PC		0x1234

/* Who may call what: the ABI's promise (include/bulkhead/hypercall.h), written down again. */
static const struct {
	unsigned long code;
	bool root;
	bool cells;
} rights[] = {
	{ BULKHEAD_HC_DISABLE, true, false },
	{ BULKHEAD_HC_GET_INFO, true, true },
	{ BULKHEAD_HC_CPU_GET_INFO, true, true },
	{ BULKHEAD_HC_CELL_CREATE, true, false },
	{ BULKHEAD_HC_CELL_SET_LOADABLE, true, false },
	{ BULKHEAD_HC_CELL_START, true, false },
	{ BULKHEAD_HC_CELL_SHUTDOWN, true, false },
	{ BULKHEAD_HC_CELL_DESTROY, true, false },
	{ BULKHEAD_HC_CELL_GET_INFO, true, true },
	{ BULKHEAD_HC_CONSOLE_WRITE, true, true },
	{ BULKHEAD_HC_CPU_FAULT, false, true },
	{ BULKHEAD_HC_CHANNEL_RING, true, true },
	{ BULKHEAD_HC_CHANNEL_GET_INFO, true, true },
	{ BULKHEAD_HC_CELL_CHECK, true, false },
	{ BULKHEAD_HC_CELL_SET_BOOT, true, false },
	{ BULKHEAD_HC_CONSOLE_INPUT, true, false },
	{ BULKHEAD_HC_EVENTS_READ, true, false },
	{ BULKHEAD_HC_CELL_UPDATE, true, false },
	{ BULKHEAD_HC_TRACE, true, false },
};

/* A code added to the ABI must get a row above. */
BUILD_BUG_ON(ARRAY_SIZE(rights) != BULKHEAD_HC_COUNT);

static struct cell *cell;

/* The root, and cell "a" running on CPU 1 (started, its CPU out of its parking). */
static void hypercall_setup(void)
{
	hv_boot();
	cell = hv_create_ok(hv_cell("a", "1", "", 0x71a00000, ""));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	fake_exit_pc = EXIT_PC;
	console_capture_reset();
}

static long call(unsigned int cpu, unsigned long code, unsigned long arg1, unsigned long arg2)
{
	return hypercall(per_cpu(cpu), code, arg1, arg2);
}

static void assert_cell_not_failed(void)
{
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(cell->fault.reason, BULKHEAD_FAULT_NONE);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, 0);
}

/* The calling CPU stopped, the cell failed, the reason and the code recorded and reported. */
static void assert_cell_failed_by(unsigned long code)
{
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_FAILED);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, BULKHEAD_CPU_FAILED);
	ck_assert_uint_eq(cell->failed_cpus, 1U << CELL_CPU);
	ck_assert_uint_eq(cell->fault.reason, BULKHEAD_FAULT_HYPERCALL);
	ck_assert_uint_eq(cell->fault.cpu, CELL_CPU);
	ck_assert_uint_eq(cell->fault.pc, EXIT_PC);
	ck_assert_uint_eq(cell->fault.detail, code);
	ck_assert_ptr_nonnull(strstr(console_captured(), "cell \"a\" CPU 1 stopped: hypercall not "
						     "allowed"));
	ck_assert_ptr_nonnull(strstr(hv_cell_console(), "hypercall not allowed"));
}

/*
 * A management call from a cell fails the cell. Catches a rights table that
 * lets a cell create, start, stop or destroy cells, or disable the
 * hypervisor.
 */
START_TEST(test_cell_denied_calls_fail_it)
{
	unsigned long code = rights[_i].code;
	long ret;

	if (rights[_i].cells)
		return;
	ret = call(CELL_CPU, code, cell->id, 0);
	ck_assert_int_eq(ret, -EPERM);
	assert_cell_failed_by(code);
	/* Nothing was done: the cell exists and the root runs. */
	ck_assert_uint_eq(cell_count(), 2);
	ck_assert_uint_eq(root_cell.state, BULKHEAD_CELL_STATE_RUNNING);
}
END_TEST

/*
 * What a cell may call leaves it running (but the fault report, which is
 * meant to stop it). Catches a table that fails a cell for its own console
 * output or its own channel.
 */
START_TEST(test_cell_allowed_calls_keep_it_running)
{
	unsigned long code = rights[_i].code;
	long ret;

	if (!rights[_i].cells)
		return;
	/* Harmless arguments: its own id, CPU and channel 0 (it has none). */
	ret = call(CELL_CPU, code, code == BULKHEAD_HC_CPU_GET_INFO ? CELL_CPU : cell->id, 0);
	ck_assert_int_ne(ret, -ENOSYS);
	if (code == BULKHEAD_HC_CPU_FAULT) {
		ck_assert_uint_eq(cell->fault.reason, BULKHEAD_FAULT_EXCEPTION);
		ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, BULKHEAD_CPU_FAILED);
		return;
	}
	assert_cell_not_failed();
}
END_TEST

/*
 * The root gets -EPERM for a call that is not its own, and keeps running;
 * every other code reaches its handler. Catches a table that stops the
 * root's CPU (Linux would hang) or lets the root report "faults".
 */
START_TEST(test_root_calls)
{
	unsigned long code = rights[_i].code;
	long ret;

	/* Code 3 is create: from config address 0, refused by the manager, not the table. */
	ret = call(ROOT_CPU, code, code == BULKHEAD_HC_CELL_DESTROY ? 3 : 0, 0);
	if (rights[_i].root)
		ck_assert_int_ne(ret, -ENOSYS);
	else
		ck_assert_int_eq(ret, -EPERM);
	ck_assert_uint_eq(per_cpu(ROOT_CPU)->stop_request, 0);
	ck_assert_uint_eq(root_cell.state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(root_cell.fault.reason, BULKHEAD_FAULT_NONE);
	assert_cell_not_failed();
}
END_TEST

/*
 * Codes beyond the table, however wide: -ENOSYS for the root, a failed cell
 * for anyone else. Catches a code truncated on its way to the table (1 <<
 * 32 | DESTROY must not destroy) and unchecked indexing past its end.
 */
START_TEST(test_unknown_codes)
{
	static const unsigned long codes[] = {
		BULKHEAD_HC_COUNT, BULKHEAD_HC_ENTER, 1UL << 32 | BULKHEAD_HC_CELL_DESTROY,
		1UL << 63, ~0UL,
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(codes); n++) {
		ck_assert_int_eq(call(ROOT_CPU, codes[n], cell->id, 0), -ENOSYS);
		ck_assert_uint_eq(cell_count(), 2);
	}
	assert_cell_not_failed();
	ck_assert_int_eq(call(CELL_CPU, 1UL << 32 | BULKHEAD_HC_GET_INFO, 0, 0), -ENOSYS);
	assert_cell_failed_by(1UL << 32 | BULKHEAD_HC_GET_INFO);
}
END_TEST

/* The root's management calls arrive at the cell manager with their arguments. */
START_TEST(test_root_management_reaches_the_manager)
{
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_CELL_START, 3, 0), -ENOENT);
	ck_assert_ptr_nonnull(strstr(console_captured(), "no cell with id 3"));
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_CELL_GET_INFO, cell->id,
			      BULKHEAD_CELL_INFO_CPUS), 1 << CELL_CPU);
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_DISABLE, 0, 0), -EBUSY);
	ck_assert_ptr_nonnull(strstr(console_captured(), "cannot disable while 1 cells exist"));
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
	/* An id is never narrowed on its way: 1 << 32 | id is no cell. */
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_CELL_DESTROY, 1UL << 32 | cell->id, 0), -ENOENT);
	ck_assert_uint_eq(cell_count(), 2);
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_CELL_DESTROY, cell->id, 0), 0);
	ck_assert_uint_eq(cell_count(), 1);
	ck_assert_uint_eq(per_cpu(ROOT_CPU)->stats[BULKHEAD_CPU_STAT_HYPERCALL], 5);
}
END_TEST

/*
 * Calls a cell may make, but only about itself. Catches a cell reading the
 * pool's fill, other CPUs' state, another cell's facts or channels, or
 * where the hypervisor keeps its console.
 */
START_TEST(test_cell_sees_only_itself)
{
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_VERSION, 0),
			 HV_VERSION);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_POOL_USED, 0), -EPERM);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_GET_INFO, BULKHEAD_INFO_NUM_CELLS, 0), -EPERM);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CPU_GET_INFO, CELL_CPU, BULKHEAD_CPU_INFO_CELL),
			 cell->id);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CPU_GET_INFO, ROOT_CPU,
			      BULKHEAD_CPU_INFO_STATE), -EINVAL);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CELL_GET_INFO, cell->id,
			      BULKHEAD_CELL_INFO_STATE), BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CELL_GET_INFO, 0, BULKHEAD_CELL_INFO_STATE),
			 -EPERM);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CELL_GET_INFO, cell->id,
			      BULKHEAD_CELL_INFO_CONSOLE), -EPERM);
	ck_assert_int_eq(call(CELL_CPU, BULKHEAD_HC_CHANNEL_GET_INFO, 0 /* the root, channel 0 */,
			      BULKHEAD_CHANNEL_INFO_RINGS_SENT), -EPERM);
	/* The root may ask about anyone, its own console ring included. */
	ck_assert_int_gt(call(ROOT_CPU, BULKHEAD_HC_CELL_GET_INFO, cell->id,
			      BULKHEAD_CELL_INFO_CONSOLE), 0);
	ck_assert_int_eq(call(ROOT_CPU, BULKHEAD_HC_CPU_GET_INFO, CELL_CPU,
			      BULKHEAD_CPU_INFO_CELL), cell->id);
	assert_cell_not_failed();
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stats[BULKHEAD_CPU_STAT_HYPERCALL], 9);
}
END_TEST

Suite *hypercall_suite(void)
{
	Suite *suite = suite_create("hypercall");
	TCase *tc = tcase_create("rights");

	tcase_add_checked_fixture(tc, hypercall_setup, hv_shutdown);
	tcase_add_loop_test(tc, test_cell_denied_calls_fail_it, 0, ARRAY_SIZE(rights));
	tcase_add_loop_test(tc, test_cell_allowed_calls_keep_it_running, 0, ARRAY_SIZE(rights));
	tcase_add_loop_test(tc, test_root_calls, 0, ARRAY_SIZE(rights));
	tcase_add_test(tc, test_unknown_codes);
	tcase_add_test(tc, test_root_management_reaches_the_manager);
	tcase_add_test(tc, test_cell_sees_only_itself);
	suite_add_tcase(suite, tc);
	return suite;
}
