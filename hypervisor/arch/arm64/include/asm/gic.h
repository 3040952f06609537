/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <bulkhead/types.h>

struct per_cpu;

/* SGI the hypervisor sends to a cell's CPU to make it exit; Linux uses 0-7. */
#define SGI_KICK		15
#define INTID_SPURIOUS_MIN	1020

/* Maps the redistributors; once, before gic_cpu_init(). */
int gic_init(void);

/* Finds the calling CPU's redistributor. */
int gic_cpu_init(struct per_cpu *cpu);

/* Lets the kick SGI reach @cpu (the calling CPU) while it runs a non-root cell. */
void gic_enable_kick(struct per_cpu *cpu, bool enable);

/* Sends SGI @sgi to the CPU with affinity @mpidr. */
void gic_send_sgi(u64 mpidr, unsigned int sgi);

/* Acknowledges and completes the highest pending interrupt; returns its INTID. */
unsigned int gic_ack_irq(void);

/* Completes kick SGIs still pending on this CPU, before it goes back to Linux. */
void gic_drop_pending_kick(void);

#endif /* !_ASM_GIC_H */
