/* SPDX-License-Identifier: GPL-2.0 */
/* x86-64 image: linked at HV_VIRT_BASE (asm/mmu.h); the layout is bulkhead/image.lds.h. */
#include <asm/mmu.h>

OUTPUT_FORMAT(elf64-x86-64)
OUTPUT_ARCH(i386:x86-64)
ENTRY(hypervisor_header)

#include <bulkhead/image.lds.h>
