// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal formatted output for the hypervisor. Pure C with no hardware
 * access, so the same file also builds into the host tools and unit tests;
 * only console_write() differs between them.
 */
#include <bulkhead/printk.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_number(struct out *o, unsigned long long value, unsigned int base, bool negative,
		       unsigned int width, char pad)
{
	char digits[24];
	unsigned int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	if (negative)
		digits[n++] = '-';
	while (width > n) {
		out_char(o, pad);
		width--;
	}
	while (n)
		out_char(o, digits[--n]);
}

static unsigned long long arg_unsigned(va_list *ap, unsigned int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, unsigned int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void out_string(struct out *o, const char *s, unsigned int width)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	while (width > n) {
		out_char(o, ' ');
		width--;
	}
	while (*s)
		out_char(o, *s++);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	unsigned int width, longs;
	long long sval;
	va_list ap;
	char pad;

	va_copy(ap, ap_in);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(&o, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (unsigned int)(*fmt - '0');
		for (longs = 0; *fmt == 'l' || *fmt == 'z'; fmt++)
			longs++;
		switch (*fmt) {
		case 'd':
		case 'i':
			sval = arg_signed(&ap, longs);
			out_number(&o, sval < 0 ? -(unsigned long long)sval : (unsigned long long)sval,
				   10, sval < 0, width, pad);
			break;
		case 'u':
			out_number(&o, arg_unsigned(&ap, longs), 10, false, width, pad);
			break;
		case 'x':
			out_number(&o, arg_unsigned(&ap, longs), 16, false, width, pad);
			break;
		case 'p':
			out_string(&o, "0x", 0);
			out_number(&o, (unsigned long)va_arg(ap, void *), 16, false, width, pad);
			break;
		case 'c':
			out_char(&o, (char)va_arg(ap, int));
			break;
		case 's':
			out_string(&o, va_arg(ap, const char *), width);
			break;
		case '%':
			out_char(&o, '%');
			break;
		default:
			/* Unknown conversion: show it rather than guess at arguments. */
			out_char(&o, '%');
			if (!*fmt)
				goto done;
			out_char(&o, *fmt);
		}
	}
done:
	va_end(ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

void print_line(void (*write)(const char *text, size_t len), const char *fmt, va_list ap)
{
	char line[256];
	int len = vsnprintf(line, sizeof(line), fmt, ap);

	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;
	write(line, (size_t)len);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	print_line(console_write, fmt, ap);
	va_end(ap);
}

