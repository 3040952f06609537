/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the arm64 wait/wake primitives (wfe, dsb + sev): with
 * one thread per test there is never anyone to wait for or to wake.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

static inline void cpu_wait(void)
{
}

static inline void cpu_wake_waiters(void)
{
}

#endif /* !_ASM_PROCESSOR_H */
