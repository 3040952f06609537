// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl console [CELL]: the hypervisor's console ring (read() on
 * /dev/bulkhead) or a cell's (BULKHEAD_CELL_CONSOLE), printed once or
 * followed; and the hypervisor's reasons for refused cell requests.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "hvctl.h"
#include <bulkhead/header.h>

#define CONSOLE_POLL_NS		200000000L

/* One console being read: the hypervisor's when @cell is NULL. */
struct console_source {
	int fd;
	const struct hvctl_cell *cell;
	struct bulkhead_console_read_args req;
};

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	interrupted = 1;
}

void hvctl_catch_interrupts(void)
{
	struct sigaction sa = { .sa_handler = on_interrupt };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

bool hvctl_interrupted(void)
{
	return interrupted;
}

int hvctl_write_all(int fd, const void *data, size_t len)
{
	const char *buf = data;
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/*
 * New output into @buf: 0 when there is nothing new, -1 with errno on failure.
 * The hypervisor console's file position and a cell console's @req.pos are
 * positions in the stream; both skip ahead over what the ring lost.
 */
static ssize_t console_read(struct console_source *src, char *buf, size_t len)
{
	if (!src->cell)
		return read(src->fd, buf, len);
	src->req.buf = (uintptr_t)buf;
	src->req.size = len;
	return ioctl(src->fd, BULKHEAD_CELL_CONSOLE, &src->req);
}

static int console_error(const struct console_source *src, int err, bool following)
{
	if (err == ENODEV && following) {
		hvctl_err("the hypervisor was disabled");
		return EXIT_SUCCESS;
	}
	if (src->cell && err == ENOENT && following) {
		hvctl_err("cell \"%s\" was destroyed", src->cell->name);
		return EXIT_SUCCESS;
	}
	if (err == ENODEV)
		hvctl_err(HVCTL_NOT_ENABLED);
	else if (src->cell && err == ENOENT)
		hvctl_err("no cell \"%s\" (see hvctl cell list)", src->cell->name);
	else if (src->cell)
		hvctl_err("cannot read the console of cell \"%s\": %s", src->cell->name,
			  hvctl_hint_for(err, NULL));
	else
		hvctl_err("cannot read the console: %s", hvctl_hint_for(err, NULL));
	return EXIT_FAILURE;
}

static int console_loop(struct console_source *src, bool follow)
{
	const struct timespec poll = { .tv_nsec = CONSOLE_POLL_NS };
	bool following = false;
	char buf[4096];
	ssize_t n;

	while (!interrupted) {
		n = console_read(src, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return console_error(src, errno, following);
		if (hvctl_write_all(STDOUT_FILENO, buf, n) < 0) {
			hvctl_err("cannot write the console output: %s", strerror(errno));
			return EXIT_FAILURE;
		}
		following = follow;
		if (n == 0 && !follow)
			break;
		if (n == 0)
			nanosleep(&poll, NULL);
	}
	return EXIT_SUCCESS;
}

int hvctl_cmd_console(unsigned int flags, int argc, char **args)
{
	struct console_source src = { .fd = hvctl_open_device() };
	struct hvctl_cell cell;
	char why[512];
	int ret;

	if (src.fd < 0)
		return EXIT_FAILURE;
	if (argc && hvctl_cell_find(HVCTL_CELLS_DIR, args[0], &cell, why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		close(src.fd);
		return EXIT_FAILURE;
	}
	if (argc) {
		src.cell = &cell;
		src.req.cell = cell.id;
	}
	if (flags & HVCTL_OPT_FOLLOW)
		hvctl_catch_interrupts();
	ret = console_loop(&src, flags & HVCTL_OPT_FOLLOW);
	close(src.fd);
	return ret;
}

void hvctl_hv_console_mark(int fd)
{
	char buf[4096];
	ssize_t n;

	do
		n = read(fd, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
}

bool hvctl_hv_console_report(int fd)
{
	static char text[BULKHEAD_CONSOLE_RING_SIZE + 1];
	char *line, *next;
	size_t used = 0;
	bool shown = false;
	ssize_t n;

	while (used < sizeof(text) - 1) {
		n = read(fd, text + used, sizeof(text) - 1 - used);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		used += n;
	}
	text[used] = '\0';
	for (line = text; *line; line = next) {
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (!*line)
			continue;
		fprintf(stderr, "hvctl: hypervisor: %s\n", line);
		shown = true;
	}
	return shown;
}
