/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_APIC_H
#define _ASM_APIC_H

#include <bulkhead/percpu.h>

/* xAPIC register offsets in the window (the x2APIC MSRs are 0x800 + offset / 16). */
#define APIC_ID			0x020
#define APIC_ICR		0x300
/* The x2APIC's interrupt command register: one 64-bit MSR. */
#define MSR_X2APIC_ICR		0x830

/* Checks the APIC against the config and maps its window for the hypervisor. */
int apic_init(void);
u32 apic_id(void);
/* An NMI to @target, marked as the hypervisor's (arch.kicked). */
void apic_send_nmi(struct per_cpu *target);
/* INIT reached @target (the root's IPI, or a real one): it stops at its next exit. */
void apic_init_signal(struct per_cpu *target);
/* The root on @cpu wrote @low to its ICR, for APIC id @dest. */
void apic_root_icr_write(struct per_cpu *cpu, u32 low, u32 dest);
/* The root on @cpu wrote @value to MSR_X2APIC_ICR; false: #GP. */
bool apic_root_x2apic_icr_write(struct per_cpu *cpu, u64 value);
/* The root on @cpu stored @value at @offset of its xAPIC window. */
void apic_root_mmio_write(struct per_cpu *cpu, unsigned int offset, u32 value);

#endif /* !_ASM_APIC_H */
