/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Devices the hypervisor emulates for a cell where its board has them (the
 * config's bulkhead_vdevice entries): a PL011 UART wired to the cell's
 * console (pl011.c), a PL061 GPIO whose line 3 is a power button
 * (pl061.c) and an SP805 watchdog (sp805.c). Their state lives in struct cell; each has its own lock, taken
 * before the cell's console lock and the interrupt controller's locks, never
 * while the cell manager's lock is wanted.
 */
#ifndef _BULKHEAD_VDEV_H
#define _BULKHEAD_VDEV_H

#include <bulkhead/types.h>
#include <bulkhead/mmio.h>
#include <asm/spinlock.h>

struct cell;

/* Receive FIFO depth of a PL011 (transmit drains at once and needs none). */
#define PL011_FIFO_DEPTH	32

struct vpl011 {
	struct cell *cell;		/* NULL: the cell has no emulated UART */
	unsigned int intid;
	/* Guards everything below. */
	spinlock_t lock;
	/* Received characters with their error bits (UARTDR layout), oldest at rx_head. */
	u16 rx_fifo[PL011_FIFO_DEPTH];
	unsigned int rx_head;
	unsigned int rx_count;
	/* An overrun lost a character: the next one stored carries OE. */
	bool overrun;
	u16 rsr;
	u16 ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris;
	bool line;			/* the interrupt output, as last signalled */
};

struct vpl061 {
	struct cell *cell;		/* NULL: the cell has no power button */
	unsigned int intid;
	spinlock_t lock;
	u8 data, dir, is, ibe, iev, ie, ris, afsel;
	u8 inputs;			/* the level of each input line */
	bool line;
	/* The button is held down since this counter value (0: it is up). */
	u64 pressed_at;
};

struct vsp805 {
	struct cell *cell;		/* NULL: the cell has no SP805 */
	unsigned int intid;
	/* Guards everything below. */
	spinlock_t lock;
	u32 load, control, itcr, itop;
	bool ris, locked;
	/* The reset output fired: the counter stands until the cell starts again. */
	bool reset;
	/* The count started from load at this counter value and has reached zero so often. */
	u64 reloaded_at;
	u64 zeros;
	/* WdogValue while the counter stands. */
	u32 frozen_value;
	bool line, res_line;		/* the outputs, as last signalled */
	u64 deadline;			/* the cell's SP805 deadline, as last set (0: none) */
};

struct cell_vdevs {
	struct vpl011 uart;
	struct vpl061 button;
	struct vsp805 watchdog;
};

/** Sets up and registers @cell's emulated devices (at create). 0 or -ENOSPC. */
int vdev_cell_init(struct cell *cell);

/** Puts @cell's devices back to their reset state (the cell stopped); lines go low. */
void vdev_cell_reset(struct cell *cell);

/**
 * @cell starts to run (a start or any restart): its SP805, if it has one
 * and the config sets watchdog_timeout_ms, is counting with that timeout.
 */
void vdev_cell_started(struct cell *cell);

/**
 * Types @count bytes at @bytes into @cell's UART. Returns how many its
 * receive FIFO took (the rest arrived at a full FIFO: an overrun), or
 * -ENODEV if the cell has no emulated UART.
 */
long vdev_console_input(struct cell *cell, const u8 *bytes, unsigned int count);

/** Presses @cell's power button; false if it has none. */
bool vdev_power_button_press(struct cell *cell);

/** Releases the button once it has been held long enough for an OS to see it. */
void vdev_power_button_poll(struct cell *cell);

/* The device models, for vdev.c and the unit tests. */
void pl011_init(struct vpl011 *uart, struct cell *cell, unsigned int intid);
void pl011_reset(struct vpl011 *uart);
unsigned int pl011_receive(struct vpl011 *uart, const u8 *bytes, unsigned int count);
void pl061_init(struct vpl061 *gpio, struct cell *cell, unsigned int intid);
void pl061_reset(struct vpl061 *gpio);
void pl061_set_input(struct vpl061 *gpio, unsigned int line, bool level);
void sp805_init(struct vsp805 *wdog, struct cell *cell, unsigned int intid);
void sp805_reset(struct vsp805 *wdog);
void sp805_start(struct vsp805 *wdog, u32 timeout_ms);
enum mmio_result sp805_access(struct per_cpu *cpu, struct mmio_access *access, void *arg);
enum mmio_result pl011_access(struct per_cpu *cpu, struct mmio_access *access, void *arg);
enum mmio_result pl061_access(struct per_cpu *cpu, struct mmio_access *access, void *arg);

#endif /* !_BULKHEAD_VDEV_H */
