// SPDX-License-Identifier: GPL-2.0
/*
 * Hardening logic on the host hypervisor of hv_fakes.c: SMCCC answers per
 * conduit and caller (smccc.c), the emulated EL1 doors (sysreg.c), memory
 * scrubbed when it changes owner, the per-cell limit on hypervisor console
 * lines, LPIs on a cell's CPU, and hypercall arguments taken at full width.
 * Each test names the bug it catches.
 */
#include <string.h>

#include <bulkhead/errno.h>
#include <asm/gic.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#include "hv_fakes.h"
#include "unit.h"

#define ROOT_CPU	0
#define CELL_CPU	1

#define SMCCC_ARCH_FEATURES	0x80000001UL
#define SMCCC_WORKAROUND_1	0x80008000UL
#define SIP_CALL		0x82000000UL
#define PSCI_VERSION		0x84000000UL

static struct cell *cell;

/* The root, and cell "a" running on CPU 1. */
static void hardening_setup(void)
{
	hv_boot();
	cell = hv_create_ok(hv_cell("a", "1", "", 0x71a00000, ""));
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_RUNNING;
	console_capture_reset();
}

/* x0 after @cpu made the call @fn(@arg) by SMC or HVC. */
static long smccc(unsigned int cpu, bool smc, unsigned long fn, unsigned long arg)
{
	struct trap_frame frame = { .x = { fn, arg } };

	smccc_handle(per_cpu(cpu), &frame, smc);
	return (long)frame.x[0];
}

static void assert_cell_running(void)
{
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->stop_request, 0);
}

/*
 * SMCCC 1.1 by either conduit, PSCI reached, and what nobody implements is
 * NOT_SUPPORTED without failing the cell. Catches the old rule that failed
 * a cell for any SMC outside PSCI or any HVC outside Bulkhead's range.
 */
START_TEST(test_smccc_cell_probes)
{
	ck_assert_int_eq(smccc(CELL_CPU, true, SMCCC_VERSION, 0), 0x10001);
	ck_assert_int_eq(smccc(CELL_CPU, false, SMCCC_VERSION, 0), 0x10001);
	ck_assert_int_eq(smccc(CELL_CPU, true, SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES), 0);
	ck_assert_int_eq(smccc(CELL_CPU, true, PSCI_VERSION, 0), FAKE_PSCI_RESULT);
	ck_assert_int_eq(smccc(CELL_CPU, false, PSCI_VERSION, 0), FAKE_PSCI_RESULT);
	ck_assert_int_eq(smccc(CELL_CPU, true, SIP_CALL, 0), -1);
	ck_assert_int_eq(smccc(CELL_CPU, false, SIP_CALL, 0), -1);
	/* Bulkhead's own calls are HVCs: by SMC they are nobody's. */
	ck_assert_int_eq(smccc(CELL_CPU, true, BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_CELL_DESTROY,
			       cell->id), -1);
	assert_cell_running();
	ck_assert_uint_eq(cell_count(), 2);
	/* A cell's SMC never reaches the firmware, whatever it speaks. */
	ck_assert_uint_eq(fake_firmware_forwards, 0);
}
END_TEST

/* Bulkhead's management calls by HVC still fail a cell. Catches a dispatcher that answers them. */
START_TEST(test_smccc_cell_management_fails_it)
{
	ck_assert_int_eq(smccc(CELL_CPU, false, BULKHEAD_HC_ARM64_BASE | BULKHEAD_HC_CELL_DESTROY,
			       cell->id), -EPERM);
	ck_assert_uint_eq(cell->state, BULKHEAD_CELL_STATE_FAILED);
	ck_assert_uint_eq(cell->fault.reason, BULKHEAD_FAULT_HYPERCALL);
}
END_TEST

/*
 * The workarounds as the firmware answers them, per CPU, and the branch
 * predictor hardened on exits where it says "needed". Catches answers that
 * differ from the firmware's, which a root Linux would take for a changed CPU.
 */
START_TEST(test_smccc_workarounds_follow_firmware)
{
	/* A 1.0 firmware: nothing to offer, nothing asked of it. */
	smccc_cpu_init(per_cpu(CELL_CPU));
	ck_assert_int_eq(smccc(CELL_CPU, true, SMCCC_ARCH_FEATURES, SMCCC_WORKAROUND_1), -1);
	ck_assert(!per_cpu(CELL_CPU)->arch.bp_hardening);
	ck_assert_int_eq(smccc(ROOT_CPU, true, SIP_CALL, 0), -1);
	ck_assert_uint_eq(fake_firmware_forwards, 0);

	/* A 1.1 firmware that needs workaround 1 on this CPU. */
	fake_firmware_version = 0x10001;
	fake_firmware_workaround = 0;
	smccc_cpu_init(per_cpu(CELL_CPU));
	smccc_cpu_init(per_cpu(ROOT_CPU));
	ck_assert_int_eq(smccc(CELL_CPU, true, SMCCC_ARCH_FEATURES, SMCCC_WORKAROUND_1), 0);
	ck_assert(per_cpu(CELL_CPU)->arch.bp_hardening);
	ck_assert_uint_eq(fake_firmware_calls, 0);
	smccc_harden_exit(per_cpu(CELL_CPU));
	ck_assert_uint_eq(fake_firmware_calls, 1);
	/* The root's firmware services are passed on; a cell's are not. */
	ck_assert_int_eq(smccc(ROOT_CPU, true, SIP_CALL, 0), 0x5a5a);
	ck_assert_int_eq(smccc(ROOT_CPU, false, SIP_CALL, 0), -1);
	ck_assert_int_eq(smccc(CELL_CPU, true, SIP_CALL, 0), -1);
	ck_assert_uint_eq(fake_firmware_forwards, 1);
	assert_cell_running();
}
END_TEST

/* A cell's read of a trapped system register (op0 3, op1 0, CRn 0, CRm @crm, op2 @op2). */
static u64 id_read(unsigned int crm, unsigned int op2)
{
	struct trap_frame frame = { 0 };
	u64 esr = (ESR_EC_SYSREG << ESR_EC_SHIFT) | SYSREG_ISS(3, 0, 0, crm, op2) |
		  (5 << 5) | SYSREG_ISS_READ;
	bool retry = false;

	frame.x[5] = 0xdead;
	ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, esr, &retry));
	ck_assert(!retry);
	return frame.x[5];
}

/*
 * ID registers tell a cell nothing of the PMU, trace, SPE, SVE or MTE it
 * would be failed for using, and the rest as the CPU has it. Catches a
 * pass-through of ID_AA64DFR0_EL1 (PMUVer 4 on a Cortex-A57).
 */
START_TEST(test_id_registers_hide_trapped_features)
{
	fake_write_sysreg("S3_0_C0_C5_0", 0x10305106UL);	/* ID_AA64DFR0_EL1, Cortex-A57 */
	fake_write_sysreg("S3_0_C0_C4_0", 0x1100000022UL);	/* ID_AA64PFR0_EL1, SVE 1 */
	fake_write_sysreg("S3_0_C0_C6_0", 0x11120UL);		/* ID_AA64ISAR0_EL1 */
	ck_assert_uint_eq(id_read(5, 0), 0x10305006UL);
	ck_assert_uint_eq(id_read(4, 0), 0x1000000022UL);
	ck_assert_uint_eq(id_read(6, 0), 0x11120UL);
	ck_assert_uint_eq(id_read(7, 7), 0);
}
END_TEST

/*
 * ACTLR_EL1 reads as zero and ignores writes; set/way maintenance cleans
 * the cell's own memory on set 0, way 0 and acts on nothing else; the root
 * is not emulated. Catches an emulation that passes set/way through.
 */
START_TEST(test_actlr_and_set_way)
{
	u64 actlr = (ESR_EC_SYSREG << ESR_EC_SHIFT) | SYSREG_ISS(3, 0, 1, 0, 1) | (2 << 5);
	u64 dc_isw = (ESR_EC_SYSREG << ESR_EC_SHIFT) | SYSREG_ISS(1, 0, 7, 6, 2) | (3 << 5);
	struct trap_frame frame = { .x = { [2] = ~0UL, [3] = 0 } };
	bool retry = false;

	ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, actlr, &retry));
	ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, actlr | SYSREG_ISS_READ, &retry));
	ck_assert_uint_eq(frame.x[2], 0);
	ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, dc_isw, &retry));
	ck_assert(!retry);
	frame.x[3] = 1UL << 6;
	ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, dc_isw, &retry));
	ck_assert(!sysreg_emulate(per_cpu(ROOT_CPU), &frame, actlr, &retry));
}
END_TEST

/*
 * The debug registers Linux resets at boot (MDSCR_EL1, OSLAR_EL1, DBGBCR0_EL1)
 * read as zero and ignore writes; trace (op1 1) stays shut. Catches a cell
 * failed at its kernel's first __cpu_setup, or trace let through.
 */
START_TEST(test_debug_registers_raz_wi)
{
	const u64 debug[] = { SYSREG_ISS(2, 0, 0, 2, 2), SYSREG_ISS(2, 0, 1, 0, 4),
			      SYSREG_ISS(2, 0, 0, 0, 5) };
	u64 trace = (ESR_EC_SYSREG << ESR_EC_SHIFT) | SYSREG_ISS(2, 1, 0, 2, 0) | (4 << 5);
	struct trap_frame frame = { .x = { [4] = ~0UL } };
	bool retry = false;
	unsigned int n;
	u64 esr;

	for (n = 0; n < ARRAY_SIZE(debug); n++) {
		esr = (ESR_EC_SYSREG << ESR_EC_SHIFT) | debug[n] | (4 << 5);
		frame.x[4] = ~0UL;
		ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, esr, &retry));
		ck_assert(sysreg_emulate(per_cpu(CELL_CPU), &frame, esr | SYSREG_ISS_READ, &retry));
		ck_assert_uint_eq(frame.x[4], 0);
	}
	ck_assert(!sysreg_emulate(per_cpu(CELL_CPU), &frame, trace | SYSREG_ISS_READ, &retry));
}
END_TEST

/*
 * Destroy zeroes the cell's RAM before the root gets it back. Catches a
 * destroy that only cleans the caches.
 */
/* The cell's CPU has parked, as its stop request asks. */
static void cell_cpu_parked(void)
{
	per_cpu(CELL_CPU)->state = BULKHEAD_CPU_PARKED;
}

START_TEST(test_destroy_scrubs)
{
	cell_cpu_parked();
	fake_scrubbed_bytes = 0;
	ck_assert_int_eq(cell_destroy(cell->id), 0);
	ck_assert_uint_eq(fake_scrubbed_bytes, 0x100000);
}
END_TEST

/*
 * Every start hands the inmate a communication region with nothing of the
 * last one's: past the structure, too. Catches a start that only rewrites
 * the fields it knows.
 */
START_TEST(test_start_clears_comm_region)
{
	u8 *page = (u8 *)cell->comm;
	unsigned int n;

	memset(page, 0xa5, PAGE_SIZE);
	/* Failed, so that shutdown stops it without asking the inmate. */
	cell->state = BULKHEAD_CELL_STATE_FAILED;
	cell_cpu_parked();
	ck_assert_int_eq(cell_shutdown(cell->id), 0);
	hv_load(cell);
	ck_assert_int_eq(cell_start(cell->id), 0);
	for (n = sizeof(struct bulkhead_comm_region); n < PAGE_SIZE; n++)
		ck_assert_uint_eq(page[n], 0);
	ck_assert_uint_eq(cell->comm->num_channels, 0);
}
END_TEST

/*
 * Fifty faults' worth of reports in one second: ten on the hypervisor
 * console, all fifty on the cell's, forty counted. Catches a missing limit
 * and a limit that also silences the cell's own console.
 */
START_TEST(test_reports_limited_per_cell)
{
	const char *text = console_captured();
	unsigned int n, lines = 0;

	for (n = 0; n < 50; n++)
		cell_report(cell, "flood %u", n);
	for (; (text = strstr(text, "flood ")); text++)
		lines++;
	ck_assert_uint_eq(lines, CELL_REPORTS_PER_SECOND);
	ck_assert_ptr_nonnull(strstr(hv_cell_console(), "flood 49"));
	ck_assert_int_eq(cell_get_info(per_cpu(ROOT_CPU), cell->id, BULKHEAD_CELL_INFO_SUPPRESSED),
			 50 - CELL_REPORTS_PER_SECOND);
	/* The root is not limited. */
	for (n = 0; n < 50; n++)
		cell_report(&root_cell, "root %u", n);
	assert_console_says("root 49");
}
END_TEST

/*
 * An LPI acknowledged on a cell's CPU is completed and the loop goes on.
 * Catches the old loop, which stopped at any INTID from 1020 up and left the
 * LPI's priority active, masking the kicks that stop the cell.
 */
START_TEST(test_lpi_on_cell_cpu_completed)
{
	fake_acks[0] = INTID_LPI_FIRST;
	fake_acks[1] = INTID_LPI_FIRST + 777;
	fake_acks_left = 2;
	vgic_handle_irq(per_cpu(CELL_CPU));
	ck_assert_uint_eq(fake_priority_drops_done, 2);
	ck_assert_uint_eq(fake_priority_drops[0], INTID_LPI_FIRST);
	ck_assert_uint_eq(fake_priority_drops[1], INTID_LPI_FIRST + 777);
	ck_assert_uint_eq(per_cpu(CELL_CPU)->arch.pending_words, 0);
}
END_TEST

/*
 * Ids and types at full width: 0x100000001 is no cell, 0x100000000 no
 * type. Catches a narrowing to 32 bits, which would make them cell 1 and
 * the state.
 */
START_TEST(test_arguments_not_narrowed)
{
	struct per_cpu *root = per_cpu(ROOT_CPU);

	ck_assert_int_eq(cell_get_info(root, cell->id, BULKHEAD_CELL_INFO_STATE),
			 BULKHEAD_CELL_STATE_RUNNING);
	ck_assert_int_eq(cell_get_info(root, 0x100000000UL | cell->id, BULKHEAD_CELL_INFO_STATE),
			 -ENOENT);
	ck_assert_int_eq(cell_get_info(root, cell->id, 0x100000000UL), -EINVAL);
	ck_assert_int_eq(cell_destroy(0x100000000UL | cell->id), -ENOENT);
	ck_assert_int_eq(cell_start(0x100000000UL | cell->id), -ENOENT);
	ck_assert_ptr_eq(cell_by_id(cell->id), cell);
}
END_TEST

Suite *hardening_suite(void)
{
	Suite *suite = suite_create("hardening");
	TCase *tc = tcase_create("hardening");

	tcase_add_checked_fixture(tc, hardening_setup, hv_shutdown);
	tcase_add_test(tc, test_smccc_cell_probes);
	tcase_add_test(tc, test_smccc_cell_management_fails_it);
	tcase_add_test(tc, test_smccc_workarounds_follow_firmware);
	tcase_add_test(tc, test_id_registers_hide_trapped_features);
	tcase_add_test(tc, test_actlr_and_set_way);
	tcase_add_test(tc, test_debug_registers_raz_wi);
	tcase_add_test(tc, test_destroy_scrubs);
	tcase_add_test(tc, test_start_clears_comm_region);
	tcase_add_test(tc, test_reports_limited_per_cell);
	tcase_add_test(tc, test_lpi_on_cell_cpu_completed);
	tcase_add_test(tc, test_arguments_not_narrowed);
	suite_add_tcase(suite, tc);
	return suite;
}
