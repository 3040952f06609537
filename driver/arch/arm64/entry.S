/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls into EL2 from the driver (enter.c). The hypervisor's entry and exit
 * paths do not preserve general registers (see hypervisor/arch/arm64/entry.S),
 * so this wrapper saves everything the AAPCS64 asks a callee to keep.
 */
#include <linux/linkage.h>

/* long bulkhead_hvc_clobbering(unsigned long x0, unsigned long x1) */
SYM_FUNC_START(bulkhead_hvc_clobbering)
	stp	x29, x30, [sp, #-96]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	hvc	#0
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
SYM_FUNC_END(bulkhead_hvc_clobbering)
