/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the arm64 wait/wake primitives (wfe, dsb + sev, wfi):
 * with one thread per test there is never anyone to wait for or to wake,
 * and a CPU that halts for good ends the test.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

#include <stdlib.h>

static inline void cpu_wait(void)
{
}

static inline void cpu_wake_waiters(void)
{
}

static inline void cpu_halt(void)
{
	abort();
}

#endif /* !_ASM_PROCESSOR_H */
