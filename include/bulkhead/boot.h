/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How a loaded cell starts, shared by driver, hypervisor and tools
 * (BULKHEAD_HC_CELL_SET_BOOT, BULKHEAD_CELL_SET_BOOT). Includers provide
 * __u32/__u64, as for bulkhead/config.h.
 */
#ifndef _BULKHEAD_BOOT_H
#define _BULKHEAD_BOOT_H

/* One blob the root loaded into a cell, which a restart puts back. */
struct bulkhead_boot_segment {
	__u64 address;			/* where the cell sees it */
	__u64 size;
};

#define BULKHEAD_BOOT_MAX_SEGMENTS	8

struct bulkhead_boot_params {
	__u64 entry;			/* in one of the cell's executable regions */
	__u64 arg;			/* x0 of its first CPU (a kernel's device tree) */
	__u32 num_segments;
	__u32 flags;			/* 0 */
	struct bulkhead_boot_segment segments[BULKHEAD_BOOT_MAX_SEGMENTS];
} __attribute__((packed));

#endif /* !_BULKHEAD_BOOT_H */
