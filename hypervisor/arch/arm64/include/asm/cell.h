/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 part of a cell (struct cell's arch member): its virtual
 * distributor state, which is the cell's alone and never the hardware's.
 */
#ifndef _ASM_CELL_H
#define _ASM_CELL_H

#include <bulkhead/config.h>
#include <asm/spinlock.h>

/*
 * An SPI of an emulated device (the config's bulkhead_vdevice.irq): no
 * physical interrupt backs it, so the whole distributor state of it lives
 * here, as the GICv3 specification describes it for one interrupt.
 */
struct vspi {
	u16 intid;
	u8 priority;
	bool enabled;
	bool edge;		/* GICD_ICFGR: edge-triggered (else level-sensitive) */
	bool line;		/* the device's output, as arch_virtual_irq_set() set it */
	bool latch;		/* pending latch: an edge, or a write of GICD_ISPENDR */
	bool active;		/* set through GICD_ISACTIVER, not in a list register */
	/*
	 * The CPU it was handed to (queued for, or in a list register of)
	 * until the guest deactivates it; -1 for none. in_lr: it is in one,
	 * lr_latch: the latch it took along, put back if it returns unseen.
	 */
	s16 cpu;
	bool in_lr;
	bool lr_latch;
	u64 route;		/* GICD_IROUTER in the cell's numbering */
};

struct arch_cell {
	/*
	 * Guards vspis, gicd_ctlr and spi_group1. Innermost: taken under the
	 * emulated devices' locks (arch_virtual_irq_set()), never around them.
	 */
	spinlock_t vgic_lock;
	/* The group enables of its virtual GICD_CTLR (GICD_CTLR_ENABLE_GRP*). */
	u32 gicd_ctlr;
	/*
	 * Its view of GICD_IGROUPR<n> for its SPIs, physical and virtual: the
	 * physical interrupts stay Group 1, the list registers carry this.
	 */
	u32 spi_group1[1024 / 32];
	struct vspi vspis[BULKHEAD_MAX_VDEVICES];
	unsigned int num_vspis;
};

#endif /* !_ASM_CELL_H */
