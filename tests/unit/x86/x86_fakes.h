/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 unit tests (run-unit-tests-x86) run the pure x86 files of the
 * hypervisor (page-table formats, CPUID/MSR/CR/XSETBV/port policies) on the
 * host, with the real x86 headers: their inline assembly is never reached.
 * The page pool lives in a host arena that plays hypervisor memory at
 * X86_FAKE_HV_PHYS, where configs/x86 put the hypervisor.
 */
#ifndef _BULKHEAD_X86_FAKES_H
#define _BULKHEAD_X86_FAKES_H

#include <bulkhead/types.h>

#define X86_FAKE_HV_PHYS	0x30000000UL
#define X86_FAKE_HV_SIZE	(4UL << 20)

/* Fixture pair: a fresh page pool over the arena (dirty), freed after. */
void x86_pool_setup(void);
void x86_pool_teardown(void);

#endif /* !_BULKHEAD_X86_FAKES_H */
