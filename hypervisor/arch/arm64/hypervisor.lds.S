/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 image: linked at HV_VIRT_BASE (asm/mmu.h); the layout is bulkhead/image.lds.h. */
#include <asm/mmu.h>

OUTPUT_ARCH(aarch64)
ENTRY(hypervisor_header)

#include <bulkhead/image.lds.h>
