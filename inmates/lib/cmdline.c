// SPDX-License-Identifier: BSD-2-Clause
/*
 * The command line stored in the image: blank-separated words, each
 * "key=value" or a bare "flag"; the last word with a key counts. Pure code:
 * also built on the host by inmates/tests/host.
 */
#include "internal.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The value of the last word with key name (empty for a bare flag), or NULL. */
static const char *find_value(const char *name, size_t *value_len)
{
	const char *pos = inmate_cmdline_buf;
	const char *end = pos + strnlen(pos, sizeof(inmate_cmdline_buf));
	size_t name_len = strlen(name);
	const char *found = NULL;

	if (!name_len)
		return NULL;

	while (pos < end) {
		const char *word;
		size_t len;

		while (pos < end && is_blank(*pos))
			pos++;
		word = pos;
		while (pos < end && !is_blank(*pos))
			pos++;
		len = pos - word;

		if (len < name_len || strncmp(word, name, name_len))
			continue;
		if (len == name_len) {
			found = pos;
			*value_len = 0;
		} else if (word[name_len] == '=') {
			found = word + name_len + 1;
			*value_len = pos - found;
		}
	}
	return found;
}

const char *cmdline(void)
{
	return inmate_cmdline_buf;
}

int cmdline_get_str(const char *name, char *buf, size_t size)
{
	size_t len, copy;
	const char *value = find_value(name, &len);

	if (!value)
		return -1;
	if (size) {
		copy = len < size ? len : size - 1;
		memcpy(buf, value, copy);
		buf[copy] = '\0';
	}
	return len;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

/* Parses len characters as a decimal or 0x-prefixed hex number. */
static bool parse_ulong(const char *str, size_t len, unsigned long *result)
{
	unsigned long value = 0, base = 10;
	int digit;

	if (len > 2 && str[0] == '0' && (str[1] == 'x' || str[1] == 'X')) {
		base = 16;
		str += 2;
		len -= 2;
	}
	if (!len)
		return false;

	for (; len; str++, len--) {
		digit = digit_value(*str);
		if ((unsigned long)digit >= base || value > (~0UL - digit) / base)
			return false;
		value = value * base + digit;
	}
	*result = value;
	return true;
}

unsigned long cmdline_get_ulong(const char *name, unsigned long def)
{
	unsigned long value;
	const char *str;
	size_t len;

	str = find_value(name, &len);
	if (!str || !parse_ulong(str, len, &value))
		return def;
	return value;
}

int cmdline_get_ulong_list(const char *name, unsigned long *vals, unsigned int max)
{
	const char *str, *end, *comma;
	unsigned int count = 0;
	size_t len;

	str = find_value(name, &len);
	if (!str || !len)
		return 0;

	for (end = str + len; ; str = comma + 1) {
		for (comma = str; comma < end && *comma != ',';)
			comma++;
		if (count == max || !parse_ulong(str, comma - str, &vals[count]))
			return -1;
		count++;
		if (comma == end)
			return count;
	}
}

bool cmdline_has(const char *name)
{
	size_t len;

	return find_value(name, &len) != NULL;
}
