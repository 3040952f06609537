// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl's helpers that need nothing else of hvctl: bulkhead-trace links
 * this file with hvctl-sysfs.c and hvctl-info.c for its cell lookups.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include "hvctl.h"

void hvctl_explain(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
}

ssize_t hvctl_read_all(int fd, void *buf, size_t size)
{
	size_t done = 0;
	ssize_t n;

	while (done < size) {
		n = read(fd, (char *)buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += n;
	}
	return done;
}
