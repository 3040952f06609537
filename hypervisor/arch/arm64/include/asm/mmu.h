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
/* Device mappings of the hypervisor live above its own memory. */
#define HV_MMIO_BASE		(HV_VIRT_BASE + UL(0x40000000))
/* GICv3 distributor and redistributors, after the debug UART's page. */
#define HV_GICD_BASE		(HV_MMIO_BASE + UL(0x100000))
#define HV_GICR_BASE		(HV_MMIO_BASE + UL(0x200000))
/* The ITS control frame, after room for 64 CPUs' GICv4 redistributors. */
#define HV_GITS_BASE		(HV_MMIO_BASE + UL(0x2000000))
/* Root pages the hypervisor reads while it copies a cell config in. */
#define HV_COPY_WINDOW		(HV_VIRT_BASE + UL(0x80000000))
/* Cell RAM the hypervisor cleans from the caches, 2 MiB at a time. */
#define HV_FLUSH_WINDOW		(HV_VIRT_BASE + UL(0xc0000000))
/* The page of a cell's instruction that traps decode, one exit at a time. */
#define HV_DECODE_WINDOW	(HV_VIRT_BASE + UL(0x100000000))

#endif /* !_ASM_MMU_H */
