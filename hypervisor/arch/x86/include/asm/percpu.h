/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#ifdef __ASSEMBLY__
#define UL(x)			x
#else
#define UL(x)			x##UL
#endif

#define PAGE_SHIFT		12
#define PAGE_SIZE		(UL(1) << PAGE_SHIFT)
#define PERCPU_STACK_SIZE	(16 * 1024)
/* Windows per CPU on root memory: a five-level walk and the code it leads to. */
#define ROOT_WINDOWS		8
#define ROOT_WINDOW_USED	1

#ifndef __ASSEMBLY__
#include <bulkhead/types.h>
#include <bulkhead/x86-entry.h>
#include <asm/vmx.h>

/* Host GDT slots (the selector is the slot * 8). */
#define GDT_NULL		0
#define GDT_CODE		1
#define GDT_DATA		2
#define GDT_TSS			3	/* 16 bytes: slots 3 and 4 */
#define GDT_ENTRIES		5

/* The 64-bit task-state segment: the hypervisor only needs it for VMX's host TR. */
struct x86_tss {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct arch_per_cpu {
	/* Written by the driver before entry; first, at the page-aligned start. */
	struct bulkhead_x86_boot_area boot;
	/* VMXON region and VMCS: one page each, revision id first. */
	u8 vmxon_region[PAGE_SIZE] __aligned(PAGE_SIZE);
	u8 vmcs[PAGE_SIZE] __aligned(PAGE_SIZE);
	/* This CPU's own block, for this_cpu() through GS (the host GS base). */
	struct per_cpu *self;
	/* Host descriptor tables: per CPU, since ltr marks the TSS descriptor busy. */
	u64 gdt[GDT_ENTRIES];
	struct x86_tss tss;
	/* The state the CPU hands back to Linux (filled on disable or failed entry). */
	struct bulkhead_x86_cpu_state exit_state;
	/* VMXON is on: disable and failed entries must VMXOFF. */
	bool vmx_on;
	/* The VMCS was launched: the next entry is a VMRESUME. */
	bool launched;
	/* Root's CR0/CR4 bits the hypervisor owns (guest/host masks), as VMX demands them. */
	u64 cr0_fixed0, cr0_fixed1, cr4_fixed0, cr4_fixed1;
	/* NMIs for the root that the hypervisor took (an NMI exit, or entry.S). */
	u64 nmis;
	/* Of those, the ones forwarded to the root (vmx.c); its own. */
	u64 nmis_forwarded;
	/*
	 * Set by a CPU that sends this one an NMI as a kick (apic.c); the NMI
	 * that finds it set is the hypervisor's, not one for the root.
	 */
	u32 kicked;
	/* The local APIC's id, which the root's IPIs name this CPU by. */
	u32 apic_id;
	/* Since an INIT, until a STARTUP: the next STARTUP starts it (apic.c; wake_lock). */
	bool wait_for_sipi;
	/* The root pages its windows map (| ROOT_WINDOW_USED), and the one to reuse next (exits.c). */
	u64 window_page[ROOT_WINDOWS];
	unsigned int window_next;
	/* Exits by basic reason, for hvctl cell stats and debugging. */
	u32 exits[EXIT_REASONS];
};
#endif

#endif /* !_ASM_PERCPU_H */
