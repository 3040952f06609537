// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl events [-f] [--json] [--new]: the hypervisor's events
 * (/dev/bulkhead-events, one struct bulkhead_event per record), in words or
 * as one JSON object per line (hvctl-event-format.c). A gap in the sequence
 * numbers is reported as lost events: the reader fell behind the driver's
 * buffer (or the driver behind the hypervisor's ring).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hvctl.h"

/* Records per read(): what the driver hands out at most fits. */
#define EVENTS_PER_READ		64

/* Prints @n records; *@expected: the sequence number the next should have. */
static void print_events(const struct bulkhead_event *ev, size_t n, uint64_t *expected,
			 bool json)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ev[i].seq > *expected)
			hvctl_print_lost(stdout, *expected, ev[i].seq - *expected, json);
		hvctl_print_event(stdout, &ev[i], json);
		*expected = ev[i].seq + 1;
	}
}

/* Waits for new events; false when there will be none (interrupted, or disabled). */
static bool wait_events(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (!hvctl_interrupted()) {
		if (poll(&pfd, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			hvctl_err("%s: poll: %s", BULKHEAD_EVENTS_DEVICE, hvctl_strerror(errno));
			return false;
		}
		if (pfd.revents & POLLIN)
			return true;
		if (pfd.revents & (POLLHUP | POLLERR)) {
			hvctl_err("the hypervisor was disabled: no more events");
			return false;
		}
	}
	return false;
}

static int open_events(void)
{
	int fd = open(BULKHEAD_EVENTS_DEVICE, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	if (errno == ENODEV)
		hvctl_err("%s", HVCTL_NOT_ENABLED);
	else if (errno == ENOENT && !hvctl_driver_loaded())
		return -1;
	else
		hvctl_err("%s: %s", BULKHEAD_EVENTS_DEVICE,
			  errno == EACCES || errno == EPERM ? "run hvctl as root" :
			  hvctl_strerror(errno));
	return -1;
}

int hvctl_cmd_events(unsigned int flags, int argc, char **args)
{
	static struct bulkhead_event ev[EVENTS_PER_READ];
	bool json = flags & HVCTL_OPT_JSON, follow = flags & HVCTL_OPT_FOLLOW;
	uint64_t expected = 1;
	int fd = open_events();
	ssize_t got;
	off_t pos;

	if (fd < 0)
		return EXIT_FAILURE;
	if (flags & HVCTL_OPT_NEW) {
		pos = lseek(fd, 0, SEEK_END);
		expected = pos > 0 ? (uint64_t)pos : 1;
	}
	/* A reader that went away (| head) ends us quietly, as with any filter. */
	signal(SIGPIPE, SIG_IGN);
	hvctl_catch_interrupts();
	for (;;) {
		got = read(fd, ev, sizeof(ev));
		if (got > 0) {
			print_events(ev, (size_t)got / sizeof(ev[0]), &expected, json);
			if (fflush(stdout) != 0)
				break;
			continue;
		}
		if (got < 0 && errno != EAGAIN && errno != EINTR) {
			hvctl_err("%s: read: %s", BULKHEAD_EVENTS_DEVICE, hvctl_strerror(errno));
			close(fd);
			return EXIT_FAILURE;
		}
		if (got == 0 && follow)
			hvctl_err("the hypervisor was disabled: no more events");
		/* EOF: the hypervisor was disabled. */
		if (!follow || got == 0 || !wait_events(fd))
			break;
	}
	close(fd);
	/* Output gone (EPIPE) is how a pipeline ends, not an error. */
	return fflush(stdout) == 0 || errno == EPIPE ? EXIT_SUCCESS : EXIT_FAILURE;
}
