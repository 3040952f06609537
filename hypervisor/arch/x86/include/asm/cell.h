/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 part of a cell (struct cell's arch member). Only the root cell
 * exists on x86 so far, and it needs nothing beyond the core's fields.
 */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <bulkhead/types.h>

struct arch_cell {
	/* The VPID its CPUs tag their TLB entries with (the root: 1). */
	u16 vpid;
};

#endif /* !_ASM_CELL_H */
