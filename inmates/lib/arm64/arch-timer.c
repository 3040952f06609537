// SPDX-License-Identifier: BSD-2-Clause
/*
 * One-shot interrupts of the EL1 virtual timer (CNTV_*), PPI TIMER_IRQ. The
 * timer compares the virtual counter, which timer_ticks() reads, with
 * CNTV_CVAL_EL0 and signals its interrupt while enabled, unmasked and due.
 */
#include <inmate.h>

#define CNTV_CTL_ENABLE		(1UL << 0)

void timer_start_at(unsigned long deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	/* ENABLE, IMASK clear: the interrupt is asserted once due. */
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

unsigned long timer_start_oneshot(unsigned long ticks)
{
	unsigned long deadline = timer_ticks() + ticks;

	timer_start_at(deadline);
	return deadline;
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}
