// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper for the board: runs a command on a fresh pseudo-terminal, as
 * a person at a terminal would, for hvctl console --attach.
 *
 *   ptytype TEXT -- COMMAND [ARG]...
 *
 * After a second, types TEXT (C escapes \r \n \xHH decoded) on the
 * terminal, waits two seconds more and types Ctrl-] (0x1d). Everything the
 * command writes to the terminal goes to standard output. When the command
 * has exited, prints "ptytype: exit N" and "ptytype: terminal raw" or
 * "ptytype: terminal restored" (ICANON and ECHO as before the command).
 * Gives up after 20 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define ESCAPE_KEY	0x1d

static size_t unescape(const char *text, char *out, size_t size)
{
	size_t len = 0;
	unsigned int byte;
	int digits;

	for (; *text && len < size; text++) {
		if (text[0] == '\\' && text[1] == 'r') {
			out[len++] = '\r';
			text++;
		} else if (text[0] == '\\' && text[1] == 'n') {
			out[len++] = '\n';
			text++;
		} else if (text[0] == '\\' && text[1] == 'x' &&
			   sscanf(text + 2, "%2x%n", &byte, &digits) == 1) {
			/* One or two hex digits: step over what was read, never past the end. */
			out[len++] = (char)byte;
			text += 1 + digits;
		} else {
			out[len++] = *text;
		}
	}
	return len;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pid_t start(int master, char **argv)
{
	pid_t pid = fork();
	int slave;

	if (pid)
		return pid;
	setsid();
	slave = open(ptsname(master), O_RDWR);
	if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0)
		_exit(126);
	dup2(slave, 0);
	dup2(slave, 1);
	dup2(slave, 2);
	close(master);
	execvp(argv[0], argv);
	_exit(127);
}

/* Copies what the command wrote until it exits or time runs out; its wait status, or -1. */
static int run(int master, pid_t pid, const char *text, size_t len)
{
	const char escape = ESCAPE_KEY;
	struct pollfd pfd = { .fd = master, .events = POLLIN };
	long begin = now_ms(), elapsed;
	bool typed = false, escaped = false;
	char buf[4096];
	int status;
	ssize_t n;

	for (;;) {
		elapsed = now_ms() - begin;
		if (!typed && elapsed >= 1000)
			typed = write(master, text, len) == (ssize_t)len;
		if (!escaped && elapsed >= 3000)
			escaped = write(master, &escape, 1) == 1;
		if (poll(&pfd, 1, 50) > 0) {
			n = read(master, buf, sizeof(buf));
			if (n > 0 && fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
				return -1;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		if (elapsed > 20000) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
	}
}

int main(int argc, char **argv)
{
	struct termios before, after;
	char text[256];
	int master, slave, status;
	size_t len;
	pid_t pid;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: ptytype TEXT -- COMMAND [ARG]...\n");
		return 2;
	}
	len = unescape(argv[1], text, sizeof(text));
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) || unlockpt(master)) {
		perror("ptytype: pseudo-terminal");
		return 2;
	}
	/* Kept open here too, to read its modes once the command is gone. */
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	if (slave < 0 || tcgetattr(slave, &before)) {
		perror("ptytype: terminal");
		return 2;
	}
	pid = start(master, argv + 3);
	status = run(master, pid, text, len);
	fflush(stdout);
	if (status < 0) {
		printf("\nptytype: timed out\n");
		return 1;
	}
	tcgetattr(slave, &after);
	printf("\nptytype: exit %d\nptytype: terminal %s\n",
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1,
	       (after.c_lflag & (ICANON | ECHO)) == (before.c_lflag & (ICANON | ECHO)) ?
	       "restored" : "raw");
	return 0;
}
