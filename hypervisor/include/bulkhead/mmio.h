/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Emulated MMIO: accesses of a cell to addresses its stage 2 does not map,
 * but that a handler registered for the cell serves (the interrupt
 * controller, a cell's emulated UART and GPIO). Anything no handler takes
 * is a refused access.
 */
#ifndef _BULKHEAD_MMIO_H
#define _BULKHEAD_MMIO_H

#include <bulkhead/types.h>
#include <bulkhead/config.h>

struct cell;
struct per_cpu;

struct mmio_access {
	u64 addr;		/* offset from the region's start when handed to a handler */
	u64 value;		/* written value, or where a handler puts the read value */
	unsigned int size;	/* 1, 2, 4 or 8 bytes */
	bool write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_ERROR,		/* size or alignment the device does not accept */
	MMIO_UNHANDLED,		/* no handler: outside the cell's map */
};

typedef enum mmio_result (*mmio_handler)(struct per_cpu *cpu, struct mmio_access *access,
					 void *arg);

/* A cell's distributor and redistributors, and its emulated devices. */
#define MMIO_MAX_REGIONS	(2 + BULKHEAD_MAX_VDEVICES)

struct mmio_region {
	u64 start;
	u64 size;
	mmio_handler handler;
	void *arg;
};

/** Adds a handler for [start, start + size) to @cell; 0 or -ENOSPC. */
int mmio_register(struct cell *cell, u64 start, u64 size, mmio_handler handler, void *arg);

/** True if a handler of @cell serves @addr (an IPA). */
bool mmio_serves(const struct cell *cell, u64 addr);

/** Dispatches a trapped access at @access->addr (an IPA) of the calling CPU's cell. */
enum mmio_result mmio_handle(struct per_cpu *cpu, struct mmio_access *access);

#endif /* !_BULKHEAD_MMIO_H */
