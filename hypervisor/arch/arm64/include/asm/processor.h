/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

/* Waits (low power) until another CPU calls cpu_wake_waiters() or an event occurs. */
static inline void cpu_wait(void)
{
	asm volatile("wfe" : : : "memory");
}

static inline void cpu_wake_waiters(void)
{
	asm volatile("dsb ish\n\tsev" : : : "memory");
}

/* Idles the calling CPU until an interrupt is pending, masked or not: loop to stop for good. */
static inline void cpu_halt(void)
{
	asm volatile("wfi" : : : "memory");
}

/* Zeroes the FP/SIMD registers and their control (entry.S). */
void arch_clear_fp_state(void);

#endif /* !_ASM_PROCESSOR_H */
