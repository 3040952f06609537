/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checks a cell create makes before it changes anything (cell_check.c),
 * for the cell manager (cell.c). All under the manager's lock.
 */
#ifndef _BULKHEAD_CELL_CHECK_H
#define _BULKHEAD_CELL_CHECK_H

#include <bulkhead/control.h>

/* One line about cell @name on the hypervisor console. */
#define cell_error(name, fmt, ...) \
	printk("bulkhead: cell \"%s\": " fmt "\n", name, ##__VA_ARGS__)

/** The root config region that holds all of [phys, phys + size), or NULL. */
const struct bulkhead_mem_region *root_region_holding(u64 phys, u64 size);

/** The cell (other than @except) whose memory regions touch [phys, phys + size), or NULL. */
struct cell *cell_holding(u64 phys, u64 size, const struct cell *except);

/** No cell, the root included, has @cell's name yet. */
int check_name_unused(const struct cell *cell);

/** Each CPU is the root's and not CPU 0; also parked (offline in Linux) if @need_parked. */
int check_cpus_available(const struct cell *cell, bool need_parked);

/** Each memory region lies in one root region, on nothing another cell, a channel or we hold. */
int check_regions_owned(const struct cell *cell);

/** The memory of each channel @cell takes from the root is free root RAM. */
int check_channel_memory_free(const struct cell *cell);

/** Each interrupt is the root's still; builds @cell's interrupt bitmap. */
int check_irqs_owned(struct cell *cell);

/** Each emulated device is off the interrupt controller the cell sees, its irq one that exists. */
int check_vdevices_placed(const struct cell *cell);

/**
 * Where boot segment @n of @boot starts in an image store: the segments lie
 * one after the other, each at a multiple of 8 bytes. @n = num_segments:
 * the bytes they take together.
 */
u64 image_store_offset(const struct bulkhead_boot_params *boot, unsigned int n);

/**
 * Boot parameters the root gave for @cell: at most BULKHEAD_BOOT_MAX_SEGMENTS
 * segments, integrity_check_params()'s checks, each segment non-empty inside one loadable
 * region, an entry on an instruction of an executable region, and segments
 * that fit in its image store if it has one.
 */
int check_boot_params(const struct cell *cell, const struct bulkhead_boot_params *boot);

#endif /* !_BULKHEAD_CELL_CHECK_H */
