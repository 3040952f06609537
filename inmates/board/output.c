// SPDX-License-Identifier: BSD-2-Clause
/* PL011 output and a small formatter (%s %c %d %u %x %lx %lu, zero-padded widths). */
#include "board.h"

#define UART_DR		0x00
#define UART_FR		0x18
#define UART_FR_TXFF	(1 << 5)
#define UART_LCRH	0x2c
#define UART_LCRH_WLEN8	(3 << 5)
#define UART_LCRH_FEN	(1 << 4)
#define UART_CR		0x30
#define UART_CR_EN	((1 << 0) | (1 << 8) | (1 << 9))	/* UARTEN, TXE, RXE */

static uint64_t uart_base;

void uart_init(uint64_t base)
{
	uart_base = base;
	mmio_write32(base + UART_CR, 0);
	mmio_write32(base + UART_LCRH, UART_LCRH_WLEN8 | UART_LCRH_FEN);
	mmio_write32(base + UART_CR, UART_CR_EN);
}

static void put_char(char c)
{
	if (!uart_base)
		return;
	if (c == '\n')
		put_char('\r');
	while (mmio_read32(uart_base + UART_FR) & UART_FR_TXFF)
		cpu_relax();
	mmio_write32(uart_base + UART_DR, (uint8_t)c);
}

static void put_number(uint64_t v, unsigned int base, unsigned int width, char pad)
{
	char digits[24];
	unsigned int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (width > n) {
		put_char(pad);
		width--;
	}
	while (n)
		put_char(digits[--n]);
}

void print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		unsigned int width = 0;
		bool is_long = false;
		char pad = ' ';
		const char *s;
		int64_t d;

		if (*fmt != '%') {
			put_char(*fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'l') {
			is_long = true;
			fmt++;
		}
		switch (*fmt) {
		case 's':
			for (s = va_arg(ap, const char *); *s; s++)
				put_char(*s);
			break;
		case 'c':
			put_char(va_arg(ap, int));
			break;
		case 'd':
			d = is_long ? va_arg(ap, int64_t) : va_arg(ap, int);
			if (d < 0) {
				put_char('-');
				d = -d;
			}
			put_number(d, 10, width, pad);
			break;
		case 'u':
			put_number(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int), 10,
				   width, pad);
			break;
		case 'x':
			put_number(is_long ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int), 16,
				   width, pad);
			break;
		case '%':
			put_char('%');
			break;
		default:
			put_char('?');
			break;
		}
	}
	va_end(ap);
}
