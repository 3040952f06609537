// SPDX-License-Identifier: BSD-2-Clause
/*
 * A small vsnprintf for the inmate library: enough of C's printf for
 * diagnostics, no floating point. Pure code: also built on the host by
 * inmates/tests/host.
 */
#include <inmate.h>

/* Output cursor: counts every character, stores those that fit. */
struct fmt_out {
	char *buf;
	size_t size;
	size_t len;
};

/* What one conversion asked for. */
struct fmt_spec {
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad numbers with zeros */
	int width;
	int precision;		/* -1: none */
	int length;		/* 0 int, 1 long, 2 long long, 3 size_t */
};

#define FMT_MAX_WIDTH	1024

static void put_char(struct fmt_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len] = c;
	out->len++;
}

static void put_fill(struct fmt_out *out, char c, int count)
{
	while (count-- > 0)
		put_char(out, c);
}

static void put_str(struct fmt_out *out, const struct fmt_spec *spec, const char *str)
{
	size_t len, i;

	if (!str)
		str = "(null)";
	len = spec->precision >= 0 ? strnlen(str, spec->precision) : strlen(str);
	if (!spec->left)
		put_fill(out, ' ', spec->width - (int)len);
	for (i = 0; i < len; i++)
		put_char(out, str[i]);
	if (spec->left)
		put_fill(out, ' ', spec->width - (int)len);
}

static void put_number(struct fmt_out *out, const struct fmt_spec *spec,
		       unsigned long long value, unsigned int base, bool upper,
		       const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[value % base];
		value /= base;
	} while (value);

	len = n + (int)strlen(prefix);
	if (!spec->left && !spec->zero)
		put_fill(out, ' ', spec->width - len);
	while (*prefix)
		put_char(out, *prefix++);
	if (!spec->left && spec->zero)
		put_fill(out, '0', spec->width - len);
	while (n)
		put_char(out, tmp[--n]);
	if (spec->left)
		put_fill(out, ' ', spec->width - len);
}

static int parse_int(const char **fmt, va_list *ap)
{
	int val = 0;

	if (**fmt == '*') {
		(*fmt)++;
		return va_arg(*ap, int);
	}
	while (**fmt >= '0' && **fmt <= '9') {
		if (val < FMT_MAX_WIDTH)
			val = val * 10 + (**fmt - '0');
		(*fmt)++;
	}
	return val;
}

/* Reads flags, width, precision and length of one conversion. */
static void parse_spec(const char **fmt, va_list *ap, struct fmt_spec *spec)
{
	*spec = (struct fmt_spec){ .precision = -1 };

	for (;; (*fmt)++) {
		if (**fmt == '-')
			spec->left = true;
		else if (**fmt == '0')
			spec->zero = true;
		else
			break;
	}
	spec->width = parse_int(fmt, ap);
	if (spec->width < 0) {
		spec->left = true;
		spec->width = -spec->width;
	}
	if (spec->width > FMT_MAX_WIDTH)
		spec->width = FMT_MAX_WIDTH;
	if (**fmt == '.') {
		(*fmt)++;
		spec->precision = parse_int(fmt, ap);
	}
	for (;; (*fmt)++) {
		if (**fmt == 'l' && spec->length < 2)
			spec->length++;
		else if (**fmt == 'z')
			spec->length = 3;
		else if (**fmt != 'h')
			break;
	}
}

static unsigned long long get_unsigned(va_list *ap, int length)
{
	switch (length) {
	case 0:
		return va_arg(*ap, unsigned int);
	case 1:
		return va_arg(*ap, unsigned long);
	case 2:
		return va_arg(*ap, unsigned long long);
	default:
		return va_arg(*ap, size_t);
	}
}

static long long get_signed(va_list *ap, int length)
{
	switch (length) {
	case 0:
		return va_arg(*ap, int);
	case 1:
		return va_arg(*ap, long);
	case 2:
		return va_arg(*ap, long long);
	default:
		return va_arg(*ap, long);	/* ssize_t */
	}
}

static void convert(struct fmt_out *out, char conv, struct fmt_spec *spec, va_list *ap)
{
	long long sval;
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		sval = get_signed(ap, spec->length);
		if (sval < 0)
			put_number(out, spec, -(unsigned long long)sval, 10, false, "-");
		else
			put_number(out, spec, sval, 10, false, "");
		break;
	case 'u':
		put_number(out, spec, get_unsigned(ap, spec->length), 10, false, "");
		break;
	case 'x':
	case 'X':
		put_number(out, spec, get_unsigned(ap, spec->length), 16, conv == 'X', "");
		break;
	case 'p':
		put_number(out, spec, (unsigned long)va_arg(*ap, void *), 16, false, "0x");
		break;
	case 's':
		put_str(out, spec, va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_fill(out, ' ', spec->left ? 0 : spec->width - 1);
		put_char(out, c);
		put_fill(out, ' ', spec->left ? spec->width - 1 : 0);
		break;
	case '%':
		put_char(out, '%');
		break;
	default:
		/* Unknown: show it as written, so the mistake is visible. */
		put_char(out, '%');
		if (conv)
			put_char(out, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out out = { .buf = buf, .size = size };
	struct fmt_spec spec;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put_char(&out, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &args, &spec);
		convert(&out, *fmt, &spec, &args);
		if (*fmt)
			fmt++;
	}
	va_end(args);

	if (size)
		buf[out.len < size ? out.len : size - 1] = '\0';
	return out.len;
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
