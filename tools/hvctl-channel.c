// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl channel list|info|ring|wait|read|write: the root cell's side of the
 * channels, through its devices BULKHEAD_CHANNEL_DEV_DIR/<name> (see
 * include/bulkhead/ioctl.h), and every cell's channels as sysfs shows them.
 * Parsing and printing are in hvctl-channel-parse.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/hypercall.h>

#include "hvctl.h"

/* What the messages call the root cell when sysfs cannot say its name. */
#define ROOT_FALLBACK_NAME	"the root cell"

/* One channel device, opened for a command. */
struct channel {
	const char *name;
	int fd;
	struct bulkhead_channel_info info;
};

/* Parse the operands of @path; 0, or the usage error's exit status. */
static int parse_args(const char *path, int argc, char **argv, struct hvctl_channel_args *args)
{
	char why[512];

	if (hvctl_channel_parse_args(argc, argv, args, why, sizeof(why)) < 0)
		return hvctl_usage_error(path, "%s", why);
	return 0;
}

/* Channel @name does not exist: say whether the hypervisor is even enabled. */
static void explain_missing(const char *name)
{
	struct hvctl_cell root;
	char why[512];
	int err;

	if (!hvctl_driver_loaded())
		return;
	err = hvctl_cell_read(HVCTL_CELLS_DIR, 0, &root, why, sizeof(why));
	if (err == -ENODEV || err == -ENOENT)
		hvctl_err(HVCTL_NOT_ENABLED);
	else
		hvctl_err(HVCTL_NO_CHANNEL, name);
}

static const struct hvctl_errno_hint channel_hints[] = {
	{ ENODEV, HVCTL_NOT_ENABLED },
	{ 0, NULL }
};

/* BULKHEAD_CHANNEL_INFO into @ch->info; 0, or -1 after saying why. */
static int channel_info(struct channel *ch)
{
	if (ioctl(ch->fd, BULKHEAD_CHANNEL_INFO, &ch->info) == 0) {
		/* The names are printed as strings. */
		ch->info.name[sizeof(ch->info.name) - 1] = '\0';
		ch->info.peer[sizeof(ch->info.peer) - 1] = '\0';
		return 0;
	}
	hvctl_err("cannot read channel '%s': %s", ch->name, hvctl_hint_for(errno, channel_hints));
	return -1;
}

/* Open the root side of channel @name with @flags, read its info; 0, or -1 after saying why. */
static int channel_open(struct channel *ch, const char *name, int flags)
{
	char path[128], why[256];

	ch->name = name;
	if (hvctl_channel_path(name, path, sizeof(path), why, sizeof(why)) < 0) {
		hvctl_err("%s", why);
		return -1;
	}
	ch->fd = open(path, flags | O_CLOEXEC);
	if (ch->fd < 0 && errno == ENOENT)
		explain_missing(name);
	else if (ch->fd < 0)
		hvctl_err("cannot open %s: %s", path, hvctl_hint_for(errno, channel_hints));
	if (ch->fd < 0)
		return -1;
	if (channel_info(ch) < 0) {
		close(ch->fd);
		return -1;
	}
	return 0;
}

/* The memory of @ch mapped with @prot; NULL after saying why. */
static void *channel_map(const struct channel *ch, int prot)
{
	void *mem = mmap(NULL, ch->info.size, prot, MAP_SHARED, ch->fd, 0);

	if (mem != MAP_FAILED)
		return mem;
	hvctl_err("cannot map the memory of channel '%s': %s", ch->name,
		  hvctl_hint_for(errno, channel_hints));
	return NULL;
}

/* ----- hvctl channel list ----- */

int hvctl_cmd_channel_list(unsigned int flags, int argc, char **args)
{
	struct hvctl_channel_pair *pairs;
	char why[512];
	int num;

	if (!hvctl_driver_loaded())
		return EXIT_FAILURE;
	pairs = calloc(HVCTL_MAX_CHANNEL_ENDS, sizeof(*pairs));
	if (pairs)
		num = hvctl_channels_read(HVCTL_CELLS_DIR, pairs, why, sizeof(why));
	else
		num = hvctl_reject(-ENOMEM, why, sizeof(why), "out of memory");
	if (num < 0)
		hvctl_err("%s", why);
	else
		hvctl_print_channels(stdout, pairs, num, flags & HVCTL_OPT_JSON);
	free(pairs);
	return num >= 0 && fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ----- hvctl channel info ----- */

int hvctl_cmd_channel_info(unsigned int flags, int argc, char **args)
{
	struct channel ch;

	if (channel_open(&ch, args[0], O_RDONLY) < 0)
		return EXIT_FAILURE;
	close(ch.fd);
	if (hvctl_json()) {
		hvctl_print_channel_info_json(stdout, &ch.info);
		hvctl_result_printed();
	} else {
		hvctl_print_channel_info(stdout, &ch.info);
	}
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* ----- hvctl channel ring ----- */

static void say_rang(const struct channel *ch, __u64 rung)
{
	hvctl_result_str("channel", ch->name);
	hvctl_result_str("peer", ch->info.peer);
	hvctl_result_u64("doorbells", rung);
	hvctl_say("rang %s through channel '%s' (%" PRIu64 " doorbell%s)", ch->info.peer,
		  ch->name, (uint64_t)rung, rung == 1 ? "" : "s");
}

static void ring_failed(const struct channel *ch, int err, __u64 rung)
{
	char root[BULKHEAD_CELL_NAME_LEN], why[256];
	char after[48] = "";

	if (rung)
		snprintf(after, sizeof(after), " (after %" PRIu64 " doorbell%s)", (uint64_t)rung,
			 rung == 1 ? "" : "s");
	if (err == ENOTCONN) {
		hvctl_err("cannot ring channel '%s': peer '%s' is not running%s", ch->name,
			  ch->info.peer, after);
	} else if (err == EPERM) {
		if (hvctl_cell_read_file(HVCTL_CELLS_DIR, 0, "name", root, sizeof(root), why,
					 sizeof(why)) < 0 || !root[0])
			strcpy(root, ROOT_FALLBACK_NAME);
		hvctl_err("cannot ring channel '%s': the policy does not let %s ring %s%s",
			  ch->name, root, ch->info.peer, after);
	} else {
		hvctl_err("cannot ring channel '%s': %s%s", ch->name,
			  hvctl_hint_for(err, channel_hints), after);
	}
}

int hvctl_cmd_channel_ring(unsigned int flags, int argc, char **args)
{
	struct hvctl_channel_args opts;
	struct channel ch;
	__u64 rung;
	int err = parse_args("hvctl channel ring", argc, args, &opts);

	if (err)
		return err;
	if (channel_open(&ch, opts.name, O_RDWR) < 0)
		return EXIT_FAILURE;
	/* Ctrl-C stops between two doorbells: those rung stay rung, and are counted. */
	hvctl_catch_interrupts();
	for (rung = 0; rung < opts.count && !hvctl_interrupted(); rung++)
		if (ioctl(ch.fd, BULKHEAD_CHANNEL_RING) < 0)
			break;
	if (rung < opts.count && hvctl_interrupted())
		hvctl_err("interrupted after %" PRIu64 " of %" PRIu64 " doorbells on channel '%s'",
			  (uint64_t)rung, (uint64_t)opts.count, ch.name);
	else if (rung < opts.count)
		ring_failed(&ch, errno, rung);
	else
		say_rang(&ch, rung);
	close(ch.fd);
	return rung < opts.count ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ----- hvctl channel wait ----- */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Milliseconds until @deadline for poll(), or -1 (no limit) without one. */
static int poll_timeout(long long timeout_ms, long long deadline)
{
	long long left = deadline - now_ms();

	if (timeout_ms < 0)
		return -1;
	return left > 0 ? (int)left : 0;
}

/* The peer's state changed: say so, which acknowledges it (POLLPRI clears). */
static int report_peer(struct channel *ch)
{
	if (channel_info(ch) < 0)
		return -1;
	/* With --json the last state seen goes into the result. */
	if (hvctl_json())
		return 0;
	printf("peer %s: %s\n", ch->info.peer, hvctl_peer_state_name(ch->info.peer_state));
	fflush(stdout);
	return 0;
}

/* Doorbells pending: print their count. Returns 1 when read, 0 when none after all, -1. */
static int report_doorbells(const struct channel *ch)
{
	__u64 count;
	ssize_t got = read(ch->fd, &count, sizeof(count));

	if (got < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (got != sizeof(count)) {
		hvctl_err("cannot read the doorbells of channel '%s': %s", ch->name,
			  got < 0 ? hvctl_hint_for(errno, channel_hints) : "short read");
		return -1;
	}
	if (hvctl_json()) {
		hvctl_result_str("channel", ch->name);
		hvctl_result_str("peer", ch->info.peer);
		hvctl_result_str("peer_state", hvctl_peer_state_name(ch->info.peer_state));
		hvctl_result_u64("doorbells", count);
	} else {
		printf("doorbells: %" PRIu64 "\n", (uint64_t)count);
	}
	return 1;
}

/* Waits for a doorbell, reporting peer state changes meanwhile; returns the exit status. */
static int wait_doorbell(struct channel *ch, long long timeout_ms)
{
	struct pollfd pfd = { .fd = ch->fd, .events = POLLIN | POLLPRI };
	long long deadline = now_ms() + timeout_ms;
	int n, got = 0;

	while (!got) {
		n = poll(&pfd, 1, poll_timeout(timeout_ms, deadline));
		if (n < 0 && errno == EINTR && hvctl_interrupted()) {
			hvctl_err("interrupted: no doorbell on channel '%s' yet (the doorbells to "
				  "come stay counted for the next wait)", ch->name);
			return EXIT_FAILURE;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			hvctl_err("cannot wait on channel '%s': %s", ch->name, hvctl_strerror(errno));
			return EXIT_FAILURE;
		}
		if (n == 0) {
			hvctl_err("no doorbell on channel '%s' within %lld ms", ch->name,
				  timeout_ms);
			return EXIT_FAILURE;
		}
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			hvctl_err("channel '%s' went away: %s", ch->name, HVCTL_NOT_ENABLED);
			return EXIT_FAILURE;
		}
		if ((pfd.revents & POLLPRI) && report_peer(ch) < 0)
			return EXIT_FAILURE;
		if (pfd.revents & POLLIN)
			got = report_doorbells(ch);
	}
	return got > 0 && fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int hvctl_cmd_channel_wait(unsigned int flags, int argc, char **args)
{
	struct hvctl_channel_args opts;
	struct channel ch;
	int ret = parse_args("hvctl channel wait", argc, args, &opts);

	if (ret)
		return ret;
	if (channel_open(&ch, opts.name, O_RDONLY | O_NONBLOCK) < 0)
		return EXIT_FAILURE;
	if (!ch.info.doorbell_irq && opts.timeout_ms < 0) {
		hvctl_err("the root cell takes no doorbells on channel '%s': nothing would end "
			  "the wait; give -t MS", ch.name);
		close(ch.fd);
		return EXIT_FAILURE;
	}
	hvctl_catch_interrupts();
	ret = wait_doorbell(&ch, opts.timeout_ms);
	close(ch.fd);
	return ret;
}

/* ----- hvctl channel read, write ----- */

/* --json: the bytes as a string of hex pairs. */
static void result_bytes(const struct channel *ch, __u64 offset, const unsigned char *mem,
			 __u64 length)
{
	FILE *f;
	__u64 i;

	hvctl_result_str("channel", ch->name);
	hvctl_result_u64("offset", offset);
	hvctl_result_u64("length", length);
	f = hvctl_result_member("hex");
	if (!f)
		return;
	fputc('"', f);
	for (i = 0; i < length; i++)
		fprintf(f, "%02x", mem[i]);
	fputc('"', f);
}

int hvctl_cmd_channel_read(unsigned int flags, int argc, char **args)
{
	struct hvctl_channel_args opts;
	struct channel ch;
	char why[512];
	__u64 length;
	char *mem = NULL;
	int ret = parse_args("hvctl channel read", argc, args, &opts);

	if (ret)
		return ret;
	if (channel_open(&ch, opts.name, O_RDONLY) < 0)
		return EXIT_FAILURE;
	ret = EXIT_FAILURE;
	length = opts.has_length ? opts.length :
		 opts.offset < ch.info.size ? ch.info.size - opts.offset : 0;
	if (hvctl_channel_check_range(ch.name, ch.info.size, opts.offset, length, why,
				      sizeof(why)) < 0)
		hvctl_err("%s", why);
	else
		mem = channel_map(&ch, PROT_READ);
	if (mem && hvctl_json())
		result_bytes(&ch, opts.offset, (unsigned char *)mem + opts.offset, length);
	if (mem && !hvctl_json() && hvctl_write_all(STDOUT_FILENO, mem + opts.offset, length) < 0)
		hvctl_err("cannot write to stdout: %s", hvctl_strerror(errno));
	else if (mem)
		ret = EXIT_SUCCESS;
	if (mem)
		munmap(mem, ch.info.size);
	close(ch.fd);
	return ret;
}

/* Read stdin into @buf, which has room for @room bytes; -1 after saying why. */
static ssize_t read_input(const struct channel *ch, __u64 offset, char *buf, size_t room)
{
	/* One byte more than fits tells that stdin has too much. */
	ssize_t got = hvctl_read_all(STDIN_FILENO, buf, room + 1);

	if (got < 0)
		hvctl_err("cannot read stdin: %s", hvctl_strerror(errno));
	else if ((size_t)got > room)
		hvctl_err("stdin has more than the %zu bytes that fit at offset 0x%" PRIx64
			  " of channel '%s' (size 0x%" PRIx64 ")", room, (uint64_t)offset,
			  ch->name, (uint64_t)ch->info.size);
	return got >= 0 && (size_t)got <= room ? got : -1;
}

/* Copy stdin to offset @offset of @ch's memory; returns the exit status. */
static int write_input(const struct channel *ch, __u64 offset)
{
	size_t room = ch->info.size - offset;
	char *buf = malloc(room + 1), *mem = NULL;
	ssize_t got = -1;

	if (!buf)
		hvctl_err("out of memory");
	else
		got = read_input(ch, offset, buf, room);
	if (got >= 0)
		mem = channel_map(ch, PROT_READ | PROT_WRITE);
	if (mem) {
		memcpy(mem + offset, buf, got);
		munmap(mem, ch->info.size);
		hvctl_result_str("channel", ch->name);
		hvctl_result_u64("offset", offset);
		hvctl_result_u64("length", got);
		hvctl_say("wrote %zd bytes at offset 0x%" PRIx64 " of channel '%s'", got,
			  (uint64_t)offset, ch->name);
	}
	free(buf);
	return mem && fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int hvctl_cmd_channel_write(unsigned int flags, int argc, char **args)
{
	struct hvctl_channel_args opts;
	struct channel ch;
	char why[512];
	int ret = parse_args("hvctl channel write", argc, args, &opts);

	if (ret)
		return ret;
	if (channel_open(&ch, opts.name, O_RDWR) < 0)
		return EXIT_FAILURE;
	ret = EXIT_FAILURE;
	if (!(ch.info.rights & BULKHEAD_CHANNEL_RIGHT_WRITE))
		hvctl_err("channel '%s' is read-only on the root side (rights %s): writing needs "
			  "the channel's read-write flag in the root cell's config and a policy "
			  "link from the root cell to %s", ch.name,
			  hvctl_channel_rights_name(ch.info.rights), ch.info.peer);
	else if (hvctl_channel_check_range(ch.name, ch.info.size, opts.offset, 0, why,
					   sizeof(why)) < 0)
		hvctl_err("%s", why);
	else
		ret = write_input(&ch, opts.offset);
	close(ch.fd);
	return ret;
}
