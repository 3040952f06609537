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

#endif /* !_ASM_MMU_H */
