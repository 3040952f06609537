/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <asm/percpu.h>

/*
 * The hypervisor is linked here (-mcmodel=kernel: the top 2 GiB) and maps
 * its region from here, at most 1 GiB. Linux's modules, whose trampoline
 * page the hypervisor also maps, live above 0xffffffffc0000000, and the
 * kernel's own image below: neither is mapped in the hypervisor's tables.
 */
#define HV_VIRT_BASE		UL(0xffffffff80000000)
/* Windows on other memory, in the upper half below the kernel's image area. */
#define HV_WINDOW_BASE		UL(0xffffff0000000000)
/* Root pages the hypervisor reads while it copies a cell config in. */
#define HV_COPY_WINDOW		HV_WINDOW_BASE
/* Cell RAM the hypervisor cleans or scrubs, 2 MiB at a time. */
#define HV_FLUSH_WINDOW		(HV_WINDOW_BASE + UL(0x40000000))
/* The local APICs' xAPIC registers, uncached: each CPU reaches its own there. */
#define HV_APIC_WINDOW		(HV_WINDOW_BASE + UL(0xc0000000))

/* ROOT_WINDOWS pages per CPU: root memory the hypervisor reads to decode a root's store. */
#define HV_GUEST_WINDOW		(HV_WINDOW_BASE + UL(0x80000000))

#ifndef __ASSEMBLY__
#include <bulkhead/types.h>

/* Reads the 8-byte entry at guest-physical @gpa; false if it may not be read. */
typedef bool (*guest_read_fn)(u64 gpa, u64 *entry, void *ctx);

/*
 * The guest-physical address of the root's @linear under its CR0, CR4,
 * EFER and CR3 (mmu.c): 0, -EFAULT (not mapped) or -EINVAL (a paging mode
 * the hypervisor does not walk).
 */
int guest_translate(u64 cr0, u64 cr4, u64 efer, u64 cr3, u64 linear, guest_read_fn read,
		    void *ctx, u64 *gpa);
#endif

#endif /* !_ASM_MMU_H */
