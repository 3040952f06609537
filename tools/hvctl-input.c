// SPDX-License-Identifier: GPL-2.0
/*
 * What hvctl types into a cell's emulated UART: the escapes of
 * 'hvctl console CELL --send TEXT', and the input loop that hands bytes to
 * the driver as fast as the cell's receive FIFO takes them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "hvctl.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

ssize_t hvctl_unescape(const char *text, char *out, size_t size, char *why, size_t why_len)
{
	static const char plain[] = "nrtae\\", meaning[] = "\n\r\t\a\x1b\\";
	size_t len = 0;
	const char *p;
	int hi, lo;

	for (p = text; *p; p++) {
		if (len == size) {
			snprintf(why, why_len, "TEXT is longer than %zu bytes", size);
			return -1;
		}
		if (*p != '\\') {
			out[len++] = *p;
			continue;
		}
		p++;
		if (*p && strchr(plain, *p)) {
			out[len++] = meaning[strchr(plain, *p) - plain];
		} else if (*p == 'x' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0) {
			out[len++] = (char)(hi << 4 | lo);
			p += 2;
		} else {
			snprintf(why, why_len, "TEXT: unknown escape at byte %zu (use \\n \\r \\t "
				 "\\a \\e \\\\ or \\xHH)", (size_t)(p - 1 - text));
			return -1;
		}
	}
	return (ssize_t)len;
}

long hvctl_type_into(int fd, unsigned int cell, const char *text, size_t len)
{
	struct bulkhead_console_input_args req = { .cell = cell };
	size_t chunk = len < BULKHEAD_CONSOLE_INPUT_MAX ? len : BULKHEAD_CONSOLE_INPUT_MAX;
	long took;

	req.buf = (uintptr_t)text;
	req.size = (__u32)chunk;
	do
		took = ioctl(fd, BULKHEAD_CELL_CONSOLE_INPUT, &req);
	while (took < 0 && errno == EINTR);
	return took < 0 ? -errno : took;
}
