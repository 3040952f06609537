// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-cellc: compiles a configuration written as device-tree source into
 * the binary .cell format of include/bulkhead/config.h. The schema is described
 * in Documentation/config-format.md; the compiling is cellc-compile.c's, which
 * hvctl config check shares. Here: the command line, the validator's verdict
 * and the output file.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bulkhead/types.h>
#include <bulkhead/printk.h>
#include <bulkhead/config_check.h>

#include "cellc.h"
#include "cellc-doc.h"

#ifndef BULKHEAD_RELEASE
#define BULKHEAD_RELEASE "unknown"
#endif

#define EXIT_CONFIG_ERROR	1
#define EXIT_USAGE		2

/* Prefix for validator output, and the last line it printed. */
static const char *console_prefix = "bulkhead-cellc";
static char validator_line[256];

/* printk() sink for hypervisor/config.c and printf.c: stderr, one prefix per line. */
void console_write(const char *text, size_t len)
{
	static bool line_start = true;
	size_t n;

	for (n = 0; n < len; n++) {
		if (line_start)
			fprintf(stderr, "%s: ", console_prefix);
		fputc(text[n], stderr);
		line_start = text[n] == '\n';
	}
	if (len >= sizeof(validator_line))
		len = sizeof(validator_line) - 1;
	memcpy(validator_line, text, len);
	validator_line[len] = '\0';
}

/* Written next to @output and renamed, so a failed run never leaves a partial file. */
static int write_output(const char *output, const void *data, size_t len)
{
	char *tmp = NULL;
	mode_t mask;
	int fd;

	if (asprintf(&tmp, "%s.XXXXXX", output) < 0)
		return -1;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto err;
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || write(fd, data, len) != (ssize_t)len) {
		close(fd);
		goto err_unlink;
	}
	if (close(fd) != 0 || rename(tmp, output) != 0)
		goto err_unlink;
	free(tmp);
	return 0;

err_unlink:
	unlink(tmp);
err:
	fprintf(stderr, "%s: cannot write: %s\n", output, strerror(errno));
	free(tmp);
	return -1;
}

/* "x.dts" -> "x.cell", anything else gets ".cell" appended. */
static char *default_output(const char *input)
{
	const char *dot = strrchr(input, '.');
	size_t stem = strlen(input);
	char *out;

	if (dot && (strcmp(dot, ".dts") == 0 || strcmp(dot, ".dtb") == 0))
		stem = (size_t)(dot - input);
	if (asprintf(&out, "%.*s.cell", (int)stem, input) < 0)
		return NULL;
	return out;
}

static int compile(const char *input, const char *output, const char *const include_dirs[],
		   unsigned int num_dirs)
{
	static char notes[8][CELLC_PATH_LEN * 2], nodes[8][CELLC_PATH_LEN];
	static u8 buf[BULKHEAD_CONFIG_MAX_SIZE];
	static struct cellc c;
	unsigned int n, count;
	int ret = EXIT_CONFIG_ERROR;
	size_t size;
	void *blob;

	blob = cellc_load(input, include_dirs, num_dirs);
	if (!blob)
		return EXIT_CONFIG_ERROR;
	size = cellc_build(&c, input, blob, buf);
	if (!size)
		goto out;
	console_prefix = input;
	if (config_check((const struct bulkhead_config_header *)buf, size, c.kind, c.arch) != 0) {
		/* Validator messages name binary fields and indices; say where they come from. */
		count = cellc_explain(&c, validator_line, notes, nodes, ARRAY_SIZE(notes));
		for (n = 0; n < count; n++)
			fprintf(stderr, "%s: note: %s\n", input, notes[n]);
		goto out;
	}
	if (write_output(output, buf, size) == 0)
		ret = EXIT_SUCCESS;
out:
	free(blob);
	return ret;
}

int main(int argc, char **argv)
{
	struct option options[CELLC_MAX_OPTS];
	char shortopts[2 * CELLC_MAX_OPTS];
	const char *include_dirs[CELLC_MAX_INCLUDE_DIRS];
	unsigned int num_dirs = 0;
	char *output = NULL, *default_name = NULL;
	int opt, ret;

	/* Hidden: the man page, for 'make man'. */
	if (argc == 2 && !strcmp(argv[1], "--man"))
		return cellc_write_man(stdout) ? EXIT_CONFIG_ERROR : EXIT_SUCCESS;
	cellc_getopt(options, shortopts);
	while ((opt = getopt_long(argc, argv, shortopts, options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'I':
			if (num_dirs == CELLC_MAX_INCLUDE_DIRS) {
				fprintf(stderr, "bulkhead-cellc: at most %d -I options\n",
					CELLC_MAX_INCLUDE_DIRS);
				return EXIT_USAGE;
			}
			include_dirs[num_dirs++] = optarg;
			break;
		case 'h':
			cellc_usage(stdout);
			return EXIT_SUCCESS;
		case CELLC_OPT_VERSION:
			printf("bulkhead-cellc %s (config revision %d)\n", BULKHEAD_RELEASE,
			       BULKHEAD_CONFIG_REVISION);
			return EXIT_SUCCESS;
		default:
			fprintf(stderr, "Try 'bulkhead-cellc --help'.\n");
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "bulkhead-cellc: %s\n",
			optind == argc ? "no input file" : "more than one input file");
		fprintf(stderr, "Usage: %s\n", cellc_synopsis);
		return EXIT_USAGE;
	}
	if (!output)
		output = default_name = default_output(argv[optind]);
	if (!output)
		return EXIT_CONFIG_ERROR;
	ret = compile(argv[optind], output, include_dirs, num_dirs);
	free(default_name);
	return ret;
}

