/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_MMU_H
#define _ASM_MMU_H

#include <asm/sysregs.h>

/*
 * The hypervisor is linked at this EL2 virtual address and maps its memory
 * there; its physical region is also identity-mapped so that the code that
 * switches the MMU on and off keeps running. 256 GiB: level-1 slot 256 of
 * the 39-bit space, clear of any identity slot below 256 GiB.
 */
#define HV_VIRT_BASE		UL(0x4000000000)

#endif /* !_ASM_MMU_H */
