// SPDX-License-Identifier: GPL-2.0
/*
 * The root's port I/O. It owns every port but those of the hypervisor's
 * debug UART, if the system config names one in port space: a PC often
 * has one serial port, which both then use. The root's accesses to it
 * exit and are made for it one at a time under dbg_uart_lock, which the
 * hypervisor's own output holds too, so the two never race on the UART's
 * registers (exits.c).
 */
#include <asm/io.h>

spinlock_t dbg_uart_lock;

void io_bitmap_fill(u8 *bitmap, const struct bulkhead_console *console)
{
	u64 port, n;

	for (n = 0; n < IO_BITMAP_SIZE; n++)
		bitmap[n] = 0;
	if (console->type != BULKHEAD_CONSOLE_8250_PIO)
		return;
	/* The validator keeps the ports below BULKHEAD_X86_PIO_LIMIT. */
	for (port = console->address; port < console->address + console->size; port++)
		bitmap[port / 8] |= 1U << (port % 8);
}
