// SPDX-License-Identifier: GPL-2.0
/*
 * The EL2 physical timer (CNTHP_*_EL2, PPI 26): the hypervisor's own, for
 * the deadlines of the cells (health.c). No cell can reach its registers,
 * which exist at EL2 only, nor its interrupt, which the GIC emulation keeps.
 */
#include <bulkhead/control.h>
#include <asm/sysregs.h>
#include <asm/timer.h>

#define CNTHP_CTL_ENABLE	(UL(1) << 0)

#define CNTHCTL_EVNTEN		(UL(1) << 2)
#define CNTHCTL_EVNTI_SHIFT	4
#define CNTHCTL_EVNTI_MASK	(UL(0xf) << CNTHCTL_EVNTI_SHIFT)
/* One event per 2^(EVNTI + 1) counter ticks: aim at a millisecond. */
#define EVENTS_PER_SECOND	1000

void arch_timer_set(u64 when)
{
	if (when) {
		write_sysreg(when, cnthp_cval_el2);
		write_sysreg(CNTHP_CTL_ENABLE, cnthp_ctl_el2);
	} else {
		write_sysreg(0, cnthp_ctl_el2);
	}
	isb();
}

void timer_event_stream(bool on)
{
	u64 ticks = arch_counter_freq() / EVENTS_PER_SECOND;
	u64 cnthctl = read_sysreg(cnthctl_el2) & ~(CNTHCTL_EVNTEN | CNTHCTL_EVNTI_MASK);
	/* The bit of the counter whose flips make the events: period 2^(bit + 1). */
	u64 bit = ticks > 2 ? 62 - (u64)__builtin_clzll(ticks) : 0;

	if (on)
		cnthctl |= CNTHCTL_EVNTEN | (MIN(bit, 15UL) << CNTHCTL_EVNTI_SHIFT);
	write_sysreg(cnthctl, cnthctl_el2);
	isb();
}
