// SPDX-License-Identifier: GPL-2.0
/*
 * SMC Calling Convention calls from cells, by HVC or SMC alike: an
 * operating system probes its firmware through them, and gets the answers
 * the firmware would give it, or "not supported". Nothing it may ask that
 * way fails a cell; only Bulkhead's own calls carry rights (hypercall.c).
 *
 * - Arm architecture calls (SMCCC_VERSION, ARCH_FEATURES, the Spectre
 *   workarounds) are answered here as SMCCC 1.1; each workaround is
 *   described, and carried out, as the firmware does it for this CPU.
 * - PSCI is ours (psci.c): CPUs never return to the firmware meanwhile.
 * - The root's other SMCs (SiP, OEM, trusted OS services: its board's
 *   firmware) are passed on, if the firmware speaks SMCCC 1.1 or later and
 *   so answers unknown ones; a 1.0 firmware may not, and such a call could
 *   end in an exception at EL2. Other cells have no firmware of their own.
 */
#include <bulkhead/control.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

#define SMCCC_ARCH_FEATURES	0x80000001
#define SMCCC_ARCH_SOC_ID	0x80000002
#define SMCCC_ARCH_WORKAROUND_1	0x80008000
#define SMCCC_ARCH_WORKAROUND_2	0x80007fff
#define SMCCC_ARCH_WORKAROUND_3	0x80003fff
#define SMCCC_VERSION_1_1	0x10001
#define SMCCC_NOT_SUPPORTED	(-1L)
#define SMCCC_SUCCESS		0

/* Function id: bit 31 fast call, bit 30 SMC64, bits 29:24 the owning service. */

#define PSCI_FEATURES		0x8400000a

/* The firmware's SMCCC version; 0 for 1.0 (it has no SMCCC_VERSION). */
static long firmware_version;

static const u32 workarounds[SMCCC_WORKAROUNDS] = {
	SMCCC_ARCH_WORKAROUND_1, SMCCC_ARCH_WORKAROUND_2, SMCCC_ARCH_WORKAROUND_3,
};

static bool firmware_smccc_1_1(void)
{
	return firmware_version >= SMCCC_VERSION_1_1;
}

/* Each CPU asks the firmware which workarounds it needs: answers may differ per core type. */
void smccc_cpu_init(struct per_cpu *cpu)
{
	unsigned int n;

	if (firmware_smc(PSCI_FEATURES, SMCCC_VERSION, 0, 0) == SMCCC_SUCCESS)
		firmware_version = firmware_smc(SMCCC_VERSION, 0, 0, 0);
	for (n = 0; n < SMCCC_WORKAROUNDS; n++)
		cpu->arch.workaround[n] = firmware_smccc_1_1() ?
			firmware_smc(SMCCC_ARCH_FEATURES, workarounds[n], 0, 0) :
			SMCCC_NOT_SUPPORTED;
	/* Workaround 1 "needed" (0): the branch predictor is flushed on exits from cells. */
	cpu->arch.bp_hardening = cpu->arch.workaround[0] == SMCCC_SUCCESS;
}

static long workaround_index(u64 fn)
{
	unsigned int n;

	for (n = 0; n < SMCCC_WORKAROUNDS; n++)
		if (workarounds[n] == fn)
			return n;
	return -1;
}

static long arch_features(struct per_cpu *cpu, u64 fn)
{
	long n = workaround_index(fn & 0xffffffff);

	if (n >= 0)
		return cpu->arch.workaround[n];
	switch (fn) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		return SMCCC_SUCCESS;
	case SMCCC_ARCH_SOC_ID:
		return cpu->cell == &root_cell && firmware_smccc_1_1() ?
		       firmware_smc(SMCCC_ARCH_FEATURES, fn, 0, 0) : SMCCC_NOT_SUPPORTED;
	default:
		return SMCCC_NOT_SUPPORTED;
	}
}

static long arch_call(struct per_cpu *cpu, struct trap_frame *frame, u32 fn)
{
	long n = workaround_index(fn);

	if (fn == SMCCC_VERSION)
		return SMCCC_VERSION_1_1;
	if (fn == SMCCC_ARCH_FEATURES)
		return arch_features(cpu, frame->x[1]);
	/* A workaround acts on this physical CPU only, for whoever runs on it. */
	if (n >= 0 && cpu->arch.workaround[n] == SMCCC_SUCCESS)
		return firmware_smc(fn, frame->x[1], frame->x[2], frame->x[3]);
	if (fn == SMCCC_ARCH_SOC_ID && cpu->cell == &root_cell && firmware_smccc_1_1())
		return firmware_smc(fn, frame->x[1], frame->x[2], frame->x[3]);
	return SMCCC_NOT_SUPPORTED;
}

void smccc_handle(struct per_cpu *cpu, struct trap_frame *frame, bool smc)
{
	u32 fn = (u32)frame->x[0];
	bool root = cpu->cell == &root_cell;

	switch (SMCCC_OWNER(fn)) {
	case SMCCC_OWNER_VENDOR_HYP:
		if (!smc && smccc_bulkhead_call(fn)) {
			frame->x[0] = hypercall(cpu, fn & 0xffff, frame->x[1], frame->x[2]);
			return;
		}
		break;
	case SMCCC_OWNER_STANDARD:
		if (smccc_psci_call(fn)) {
			frame->x[0] = psci_dispatch(cpu, frame);
			return;
		}
		break;
	case SMCCC_OWNER_ARCH:
		frame->x[0] = arch_call(cpu, frame, fn);
		return;
	}
	if (root && smc && firmware_smccc_1_1())
		firmware_forward(frame);
	else
		frame->x[0] = SMCCC_NOT_SUPPORTED;
}

void smccc_flush_branch_predictor(void)
{
	firmware_smc(SMCCC_ARCH_WORKAROUND_1, 0, 0, 0);
}
