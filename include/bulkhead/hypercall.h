/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead hypercall ABI, shared by driver, hypervisor and inmates.
 *
 * arm64: "hvc #0" with x0 = BULKHEAD_HC_ARM64_BASE | code, arguments in x1
 * and x2, result in x0 (SMCCC vendor-specific hypervisor service range, fast
 * call, 64-bit). A result below zero is a negated errno value (EPERM = 1,
 * EINVAL = 22, ...). Unknown codes return -ENOSYS.
 */
#ifndef _BULKHEAD_HYPERCALL_H
#define _BULKHEAD_HYPERCALL_H

#define BULKHEAD_HC_ARM64_BASE		0xc6000000

/* Root cell only: every CPU leaves the hypervisor; call on each online CPU. */
#define BULKHEAD_HC_DISABLE		0
/* x1 = BULKHEAD_INFO_*: system-wide facts. */
#define BULKHEAD_HC_GET_INFO		1
/* x1 = CPU id, x2 = BULKHEAD_CPU_INFO_*: one CPU's state and counters. */
#define BULKHEAD_HC_CPU_GET_INFO	2
#define BULKHEAD_HC_COUNT		3
/* Driver only, to the bootstrap vectors during enable: x1 = CPU id. */
#define BULKHEAD_HC_ENTER		0xffff

/* BULKHEAD_HC_GET_INFO types */
#define BULKHEAD_INFO_VERSION		0	/* hypervisor version, see below */
#define BULKHEAD_INFO_POOL_PAGES	1	/* page pool size, in pages */
#define BULKHEAD_INFO_POOL_USED		2	/* page pool pages in use */
#define BULKHEAD_INFO_NUM_CELLS		3
#define BULKHEAD_INFO_NUM_CPUS		4	/* CPUs under the hypervisor */

#define BULKHEAD_VERSION(major, minor, patch) (((major) << 16) | ((minor) << 8) | (patch))
#define BULKHEAD_VERSION_MAJOR(v)	(((v) >> 16) & 0xff)
#define BULKHEAD_VERSION_MINOR(v)	(((v) >> 8) & 0xff)
#define BULKHEAD_VERSION_PATCH(v)	((v) & 0xff)

/* BULKHEAD_HC_CPU_GET_INFO types */
#define BULKHEAD_CPU_INFO_STATE		0	/* BULKHEAD_CPU_* */
/*
 * The calling CPU only: a live read of its privilege state,
 * BULKHEAD_CPU_MODE_* bits plus the exception level in bits 3:0.
 */
#define BULKHEAD_CPU_INFO_MODE		1
#define BULKHEAD_CPU_INFO_CELL		2	/* id of the cell that owns it */
/* Exit counters: BULKHEAD_CPU_INFO_STAT_BASE + BULKHEAD_CPU_STAT_*. */
#define BULKHEAD_CPU_INFO_STAT_BASE	16

#define BULKHEAD_CPU_RUNNING		0
#define BULKHEAD_CPU_PARKED		1
#define BULKHEAD_CPU_FAILED		2

#define BULKHEAD_CPU_MODE_EL_MASK	0xf
/* Second-stage translation (stage 2 / EPT) is on for the cell on this CPU. */
#define BULKHEAD_CPU_MODE_STAGE2	0x10
/* Hypervisor's own address translation is on. */
#define BULKHEAD_CPU_MODE_MMU		0x20

#define BULKHEAD_CPU_STAT_TOTAL		0	/* every exit to the hypervisor */
#define BULKHEAD_CPU_STAT_HYPERCALL	1
#define BULKHEAD_CPU_STAT_MMIO		2	/* stage-2 aborts (emulated or refused) */
#define BULKHEAD_CPU_STAT_PSCI		3
#define BULKHEAD_CPU_STAT_SYSREG	4	/* trapped system register accesses */
#define BULKHEAD_CPU_STAT_OTHER		5
#define BULKHEAD_CPU_STAT_COUNT		6

#endif /* !_BULKHEAD_HYPERCALL_H */
