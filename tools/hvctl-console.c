// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl console [CELL]: the hypervisor's console ring (read() on
 * /dev/bulkhead) or a cell's (BULKHEAD_CELL_CONSOLE), printed once or
 * followed; typing into a cell's emulated UART (--send, --attach); and the
 * hypervisor's reasons for refused cell requests.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "hvctl.h"
#include <bulkhead/header.h>

#define CONSOLE_POLL_NS		200000000L
/* Ctrl-], as telnet and virsh console use it. */
#define ATTACH_ESCAPE		0x1d
/* How often an attached console looks for output, and retries a full FIFO. */
#define ATTACH_POLL_MS		10
/* A cell that takes no input for this long does not read its UART. */
#define INPUT_STALL_MS		10000
/* After the end of a piped input, output is shown until it pauses this long. */
#define ATTACH_LINGER_MS	1000
#define SEND_MAX		4096

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

/*
 * With --json the console's text goes out in lines: as a "lines" array of the
 * result, or, while following, as one {"line": TEXT} object per line.
 */
static struct {
	char partial[1024];
	size_t len;
	FILE *lines;		/* the result's array; NULL while following */
	unsigned int count;
} json_text;

static void json_line(void)
{
	size_t len = json_text.len;

	if (len && json_text.partial[len - 1] == '\r')
		len--;
	if (json_text.lines) {
		fputs(json_text.count++ ? ", " : "", json_text.lines);
		hvctl_json_string(json_text.lines, json_text.partial, len);
	} else {
		fputs("{\"line\": ", stdout);
		hvctl_json_string(stdout, json_text.partial, len);
		fputs("}\n", stdout);
		fflush(stdout);
	}
	json_text.len = 0;
}

/* Console output to stdout as it is, or in lines for --json. 0, or -1 with errno. */
static int console_output(const char *buf, size_t n)
{
	size_t i;

	if (!hvctl_json())
		return hvctl_write_all(STDOUT_FILENO, buf, n);
	for (i = 0; i < n; i++) {
		/* A line longer than the buffer goes out in pieces. */
		if (buf[i] != '\n')
			json_text.partial[json_text.len++] = buf[i];
		if (buf[i] == '\n' || json_text.len == sizeof(json_text.partial))
			json_line();
	}
	return 0;
}

/* --json: the cell (null: the hypervisor) and the start of the "lines" array. */
static void json_console_begin(const struct hvctl_cell *cell, bool follow)
{
	if (follow) {
		hvctl_result_printed();
		return;
	}
	if (cell)
		hvctl_result_cell(cell->id, cell->name);
	else
		hvctl_result_str("cell", NULL);
	json_text.lines = hvctl_result_member("lines");
	if (json_text.lines)
		fputc('[', json_text.lines);
}

static void json_console_end(void)
{
	if (json_text.len)
		json_line();
	if (json_text.lines)
		fputc(']', json_text.lines);
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
		if (console_output(buf, n) < 0) {
			hvctl_err("cannot write the console output: %s", hvctl_strerror(errno));
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

/* Why typing into @cell failed with @err; EXIT_FAILURE. */
static int input_error(const struct hvctl_cell *cell, int err)
{
	if (err == ENODEV)
		hvctl_err("cell \"%s\" has no emulated UART to type into (its config needs a "
			  "vdevice of type \"pl011\")", cell->name);
	else if (err == ENOENT)
		hvctl_err("cell \"%s\" was destroyed", cell->name);
	else
		hvctl_err("cannot type into cell \"%s\": %s", cell->name, hvctl_hint_for(err, NULL));
	return EXIT_FAILURE;
}

static void sleep_ms(long ms)
{
	const struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * What is left of @pending goes to the cell as fast as its FIFO takes it.
 * Returns 0 (possibly with bytes left), or the exit status of a failure.
 */
static int feed(struct console_source *src, const char **pending, size_t *left,
		unsigned int *stalled_ms)
{
	long took;

	if (!*left)
		return 0;
	took = hvctl_type_into(src->fd, src->cell->id, *pending, *left);
	if (took < 0)
		return input_error(src->cell, (int)-took);
	*pending += took;
	*left -= (size_t)took;
	*stalled_ms = took ? 0 : *stalled_ms + ATTACH_POLL_MS;
	if (*stalled_ms < INPUT_STALL_MS)
		return 0;
	hvctl_err("cell \"%s\" has not read its UART for %d s: %zu bytes not sent",
		  src->cell->name, INPUT_STALL_MS / 1000, *left);
	return EXIT_FAILURE;
}

static int send_text(struct console_source *src, const char *text)
{
	static char buf[SEND_MAX];
	unsigned int stalled_ms = 0;
	const char *pending = buf;
	char why[256];
	ssize_t len;
	size_t left;
	int ret = 0;

	len = hvctl_unescape(text, buf, sizeof(buf), why, sizeof(why));
	if (len < 0) {
		hvctl_err("%s", why);
		return HVCTL_EXIT_USAGE;
	}
	left = (size_t)len;
	while (!ret && left && !interrupted) {
		ret = feed(src, &pending, &left, &stalled_ms);
		if (!ret && left)
			sleep_ms(ATTACH_POLL_MS);
	}
	if (!ret && left)
		hvctl_err("interrupted: %zu of %zd bytes typed into cell \"%s\"", len - left, len,
			  src->cell->name);
	if (!ret && !left) {
		hvctl_result_cell(src->cell->id, src->cell->name);
		hvctl_result_u64("sent", len);
	}
	return ret ? ret : left ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* New output to stdout; -1 (after saying why) if the cell's console cannot be read. */
static ssize_t show_output(struct console_source *src)
{
	char buf[4096];
	ssize_t n;

	n = console_read(src, buf, sizeof(buf));
	if (n < 0 && errno == EINTR)
		return 0;
	if (n < 0) {
		console_error(src, errno, true);
		return -1;
	}
	if (hvctl_write_all(STDOUT_FILENO, buf, n) < 0) {
		hvctl_err("cannot write the console output: %s", hvctl_strerror(errno));
		return -1;
	}
	return n;
}

/* The bytes typed so far, up to the escape key on a terminal (then *leave is set). */
static ssize_t read_input(char *buf, size_t len, bool tty, bool *leave)
{
	ssize_t n = read(STDIN_FILENO, buf, len);
	char *escape;

	if (n > 0 && tty && (escape = memchr(buf, ATTACH_ESCAPE, n))) {
		*leave = true;
		n = escape - buf;
	}
	return n;
}

/*
 * Keystrokes to the cell, its output to stdout, until the escape key (on a
 * terminal), the end of the input (then output is shown until it pauses) or
 * a signal.
 */
static int attach_loop(struct console_source *src, bool tty)
{
	unsigned int stalled_ms = 0, quiet_ms = 0;
	bool eof = false, leave = false;
	const char *pending = NULL;
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
	static char buf[4096];
	size_t left = 0;
	ssize_t n;
	int ret = 0;

	while (!ret && !interrupted) {
		if (!left && !eof && !leave && poll(&in, 1, ATTACH_POLL_MS) > 0) {
			n = read_input(buf, sizeof(buf), tty, &leave);
			if (n < 0 && errno != EINTR && errno != EAGAIN) {
				hvctl_err("cannot read the input: %s", hvctl_strerror(errno));
				return EXIT_FAILURE;
			}
			eof = n == 0 && !leave;
			pending = buf;
			left = n > 0 ? (size_t)n : 0;
		} else if (left || eof || leave) {
			sleep_ms(ATTACH_POLL_MS);
		}
		ret = feed(src, &pending, &left, &stalled_ms);
		n = show_output(src);
		if (n < 0)
			return EXIT_FAILURE;
		quiet_ms = n ? 0 : quiet_ms + ATTACH_POLL_MS;
		if (!left && (leave || (eof && quiet_ms >= ATTACH_LINGER_MS)))
			break;
	}
	return ret;
}

/* From now on, output shows only what the cell prints after this. */
static int skip_old_output(struct console_source *src)
{
	char buf[4096];
	ssize_t n;

	do
		n = console_read(src, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
	return n < 0 ? console_error(src, errno, false) : 0;
}

static int attach(struct console_source *src, bool from_start)
{
	struct termios saved, raw;
	bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
	long took;
	int ret = 0;

	if (!from_start)
		ret = skip_old_output(src);
	/* Nothing typed yet: this finds a cell without a UART before anything changes. */
	if (!ret && (took = hvctl_type_into(src->fd, src->cell->id, "", 0)) < 0)
		ret = input_error(src->cell, (int)-took);
	if (ret)
		return ret;
	hvctl_catch_interrupts();
	if (tty) {
		if (!hvctl_quiet())
			fprintf(stderr, "hvctl: attached to cell \"%s\"; Ctrl-] leaves\n",
				src->cell->name);
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	ret = attach_loop(src, tty);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		fprintf(stderr, hvctl_quiet() ? "\r\n" : "\r\nhvctl: left cell \"%s\"\n",
			src->cell->name);
	}
	return ret;
}

int hvctl_console_attach(int fd, const struct hvctl_cell *cell)
{
	struct console_source src = { .fd = fd, .cell = cell, .req.cell = cell->id };

	return attach(&src, true);
}

/* "--send TEXT" among @args: TEXT, taken out of @args; NULL if absent. */
static const char *take_send_text(int *argc, char **args)
{
	const char *text = NULL;
	int i, n = 0;

	for (i = 0; i < *argc; i++) {
		if (hvctl_is_opt(args[i], "-s", "--send") && i + 1 < *argc)
			text = args[++i];
		else
			args[n++] = args[i];
	}
	*argc = n;
	return text;
}

int hvctl_cmd_console(unsigned int flags, int argc, char **args)
{
	struct console_source src = { .fd = -1 };
	const char *send = take_send_text(&argc, args);
	bool attached = flags & HVCTL_OPT_ATTACH;
	struct hvctl_cell cell;
	char why[512];
	int ret;

	if (argc > 1)
		return hvctl_usage_error("hvctl console", "unexpected argument '%s'", args[1]);
	if ((send || attached) && !argc)
		return hvctl_usage_error("hvctl console", "--send and --attach need a CELL");
	if (send && (attached || (flags & HVCTL_OPT_FOLLOW)))
		return hvctl_usage_error("hvctl console", "--send goes alone, without --attach "
					 "or --follow");
	if (attached && hvctl_json())
		return hvctl_usage_error("hvctl console", "--attach is for a person; --json "
					 "goes with printing or following the console");
	src.fd = hvctl_open_device();
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
	if (send) {
		hvctl_catch_interrupts();
		ret = send_text(&src, send);
	} else if (attached) {
		ret = attach(&src, false);
	} else {
		if (flags & HVCTL_OPT_FOLLOW)
			hvctl_catch_interrupts();
		if (hvctl_json())
			json_console_begin(src.cell, flags & HVCTL_OPT_FOLLOW);
		ret = console_loop(&src, flags & HVCTL_OPT_FOLLOW);
		if (hvctl_json())
			json_console_end();
	}
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

bool hvctl_hv_console_report(int fd, const char *cell)
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
		shown = hvctl_hv_line_about(line, cell) || shown;
	}
	return shown;
}
