// SPDX-License-Identifier: BSD-2-Clause
/*
 * Polled transmit on an Arm PL011 UART that firmware or the root cell has
 * already configured (baud rate, line control, enable bits).
 */
#include "internal.h"

#define PL011_DR	0x00		/* data */
#define PL011_FR	0x18		/* flags */
#define PL011_FR_TXFF	(1U << 5)	/* transmit FIFO full */

static void pl011_putc(unsigned long base, char c)
{
	while (mmio_read32(base + PL011_FR) & PL011_FR_TXFF)
		cpu_relax();
	mmio_write32(base + PL011_DR, (unsigned char)c);
}

void pl011_write(unsigned long base, const char *str, size_t len)
{
	for (; len; str++, len--) {
		if (*str == '\n')
			pl011_putc(base, '\r');
		pl011_putc(base, *str);
	}
}
