// SPDX-License-Identifier: GPL-2.0
/* Runs a command as an unprivileged user, for the "no privilege" tests. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: runas COMMAND [ARG...]\n");
		return 2;
	}
	if (setgid(65534) || setuid(65534)) {
		perror("runas: setuid");
		return 1;
	}
	execvp(argv[1], argv + 1);
	perror("runas: exec");
	return 127;
}
