// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal of hvctl's live views (hvctl cell stats, hvctl top; their
 * loop is in hvctl-live.c): frames redrawn in place and cut to the
 * terminal's size, read again on SIGWINCH; q quits, Ctrl-C and SIGTERM too,
 * and the terminal is restored whichever way the view ends. Without a
 * terminal (a pipe, a file) frames go out whole, one after another.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "hvctl.h"

/* The alternate screen (what was on the terminal comes back) and the cursor. */
#define ENTER_VIEW	"\033[?1049h\033[?25l"
#define LEAVE_VIEW	"\033[?25h\033[?1049l"
#define QUIT_KEY	'q'

static volatile sig_atomic_t resized;

static void on_resize(int sig)
{
	resized = 1;
}

void hvctl_screen_fit(FILE *out, const char *frame, unsigned int width, unsigned int height)
{
	const char *line = frame, *end;
	unsigned int rows = 0;
	size_t len;

	fputs(HVCTL_SCREEN_CLEAR, out);
	while (*line && (!height || rows < height)) {
		end = line + strcspn(line, "\n");
		len = (size_t)(end - line);
		if (width && len > width)
			len = width;
		/* The last row of a full screen gets no newline: it would scroll the first away. */
		fprintf(out, "%s%.*s", rows ? "\n" : "", (int)len, line);
		rows++;
		line = *end ? end + 1 : end;
	}
	if (!height)
		fputc('\n', out);
}

static void read_size(struct hvctl_screen *s)
{
	struct winsize ws;

	if (s->fit && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
		s->width = ws.ws_col;
		s->height = ws.ws_row;
	} else {
		s->width = 0;
		s->height = 0;
	}
}

void hvctl_screen_open(struct hvctl_screen *s)
{
	struct sigaction sa = { .sa_handler = on_resize };
	struct termios keys;

	memset(s, 0, sizeof(*s));
	hvctl_catch_interrupts();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	s->keys = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &s->saved) == 0;
	s->fit = isatty(STDOUT_FILENO);
	if (s->keys) {
		/* A key at a time, not echoed; ISIG stays: Ctrl-C is SIGINT. */
		keys = s->saved;
		keys.c_lflag &= ~(ICANON | ECHO);
		keys.c_cc[VMIN] = 1;
		keys.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &keys);
	}
	if (s->fit)
		fputs(ENTER_VIEW, stdout);
	read_size(s);
}

void hvctl_screen_close(struct hvctl_screen *s)
{
	if (s->fit)
		fputs(LEAVE_VIEW, stdout);
	fflush(stdout);
	if (s->keys)
		tcsetattr(STDIN_FILENO, TCSANOW, &s->saved);
}

static long ms_until(const struct timespec *end)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (end->tv_sec - now.tv_sec) * 1000 + (end->tv_nsec - now.tv_nsec) / 1000000;
}

/* A key was typed: false if it quits the view. */
static bool take_keys(struct hvctl_screen *s)
{
	char keys[64];
	ssize_t n = read(STDIN_FILENO, keys, sizeof(keys));

	/* The terminal went away: no more keys, the view goes on until a signal. */
	if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
		s->keys = false;
	return n <= 0 || !memchr(keys, QUIT_KEY, (size_t)n);
}

bool hvctl_screen_wait(struct hvctl_screen *s, double seconds)
{
	struct pollfd in = { .fd = STDIN_FILENO, .events = POLLIN };
	struct timespec end;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += (time_t)seconds;
	end.tv_nsec += (long)((seconds - (double)(time_t)seconds) * 1e9);
	if (end.tv_nsec >= 1000000000L) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000L;
	}
	while (!hvctl_interrupted() && (left = ms_until(&end)) > 0) {
		if (resized) {
			resized = 0;
			read_size(s);
			return true;
		}
		if (poll(&in, s->keys ? 1 : 0, (int)left) > 0 && !take_keys(s))
			return false;
	}
	return !hvctl_interrupted();
}
