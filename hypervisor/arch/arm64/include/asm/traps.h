/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_TRAPS_H
#define _ASM_TRAPS_H

#include <bulkhead/percpu.h>

/* Guest registers x0..x30 as the exception vectors saved them (entry.S). */
struct trap_frame {
	u64 x[31];
	u64 pad;
};

/* PSCI and SMCCC calls the root or a cell made with SMC. Returns x0. */
long psci_dispatch(struct per_cpu *cpu, struct trap_frame *frame);

/* Issues an SMC to the firmware (PSCI) from EL2. */
long firmware_smc(unsigned long fn, unsigned long a1, unsigned long a2, unsigned long a3);

#endif /* !_ASM_TRAPS_H */
