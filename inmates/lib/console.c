// SPDX-License-Identifier: BSD-2-Clause
/*
 * Console output: the cell's virtual console through
 * BULKHEAD_HC_CONSOLE_WRITE (when running under Bulkhead) and, if the
 * command line names one with uart=0xADDR, a PL011 UART.
 */
#include "internal.h"

#define HC_CONSOLE_CHUNK	8

static unsigned long uart_base;

void console_init(void)
{
	uart_base = cmdline_get_ulong("uart", 0);
}

/* Packs up to 8 bytes per hypercall, first byte in the lowest bits. */
static void hv_console_write(const char *str, size_t len)
{
	while (len) {
		size_t n = len < HC_CONSOLE_CHUNK ? len : HC_CONSOLE_CHUNK;
		unsigned long word = 0;
		size_t i;

		for (i = 0; i < n; i++)
			word |= (unsigned long)(unsigned char)str[i] << (8 * i);
		hypercall(BULKHEAD_HC_CONSOLE_WRITE, word, 0);
		str += n;
		len -= n;
	}
}

void console_write(const char *str, size_t len)
{
	if (comm_region())
		hv_console_write(str, len);
	if (uart_base)
		pl011_write(uart_base, str, len);
}

void vprintk(const char *fmt, va_list ap)
{
	char buf[PRINTK_MAX];
	int len = vsnprintf(buf, sizeof(buf), fmt, ap);

	if (len > (int)sizeof(buf) - 1)
		len = sizeof(buf) - 1;
	if (len > 0)
		console_write(buf, len);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}
