// SPDX-License-Identifier: GPL-2.0
/*
 * A cell's emulated devices (include/bulkhead/vdev.h): set up from its
 * config at create, reset whenever the cell stops, and what the root does
 * to them: typing into the UART, pressing the power button.
 */
#include <bulkhead/control.h>
#include <bulkhead/errno.h>
#include <bulkhead/vdev.h>

/* Line 3 of the board's PL061 is its power button. */
#define POWER_BUTTON_LINE	3
/* How long a press lasts: an OS debounces its keys (Linux's gpio-keys for 5 ms). */
#define POWER_BUTTON_HOLD_MS	100

int vdev_cell_init(struct cell *cell)
{
	const struct bulkhead_vdevice *dev = bulkhead_cell_vdevices(cell->config);
	struct cell_vdevs *vdevs = &cell->vdevs;
	unsigned int n;
	int err = 0;

	for (n = 0; !err && n < cell->config->num_vdevices; n++, dev++) {
		if (dev->type == BULKHEAD_VDEV_PL011) {
			pl011_init(&vdevs->uart, cell, dev->irq);
			err = mmio_register(cell, dev->address, BULKHEAD_VDEV_SIZE, pl011_access,
					    &vdevs->uart);
		} else if (dev->type == BULKHEAD_VDEV_POWER_BUTTON) {
			pl061_init(&vdevs->button, cell, dev->irq);
			err = mmio_register(cell, dev->address, BULKHEAD_VDEV_SIZE, pl061_access,
					    &vdevs->button);
		} else {
			sp805_init(&vdevs->watchdog, cell, dev->irq);
			err = mmio_register(cell, dev->address, BULKHEAD_VDEV_SIZE, sp805_access,
					    &vdevs->watchdog);
		}
	}
	return err;
}

void vdev_cell_reset(struct cell *cell)
{
	if (cell->vdevs.uart.cell)
		pl011_reset(&cell->vdevs.uart);
	if (cell->vdevs.button.cell)
		pl061_reset(&cell->vdevs.button);
	if (cell->vdevs.watchdog.cell)
		sp805_reset(&cell->vdevs.watchdog);
}

void vdev_cell_started(struct cell *cell)
{
	if (cell->vdevs.watchdog.cell)
		sp805_start(&cell->vdevs.watchdog, cell->config->health.watchdog_timeout_ms);
}

long vdev_console_input(struct cell *cell, const u8 *bytes, unsigned int count)
{
	if (!cell->vdevs.uart.cell)
		return -ENODEV;
	return pl011_receive(&cell->vdevs.uart, bytes, count);
}

bool vdev_power_button_press(struct cell *cell)
{
	struct vpl061 *button = &cell->vdevs.button;

	if (!button->cell)
		return false;
	pl061_set_input(button, POWER_BUTTON_LINE, true);
	/* 0 means "up": a counter that reads 0 is taken as 1. */
	button->pressed_at = arch_counter() ?: 1;
	return true;
}

void vdev_power_button_poll(struct cell *cell)
{
	struct vpl061 *button = &cell->vdevs.button;
	u64 held = arch_counter_freq() * POWER_BUTTON_HOLD_MS / 1000;

	if (!button->cell || !button->pressed_at || arch_counter() - button->pressed_at < held)
		return;
	button->pressed_at = 0;
	pl061_set_input(button, POWER_BUTTON_LINE, false);
}
