// SPDX-License-Identifier: GPL-2.0
/*
 * bulkhead-trace's command line: the command, its options, and the usage
 * text. No device here: the unit tests include this file.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

#define MAX_INTERVAL_MS		3600000U
#define MIN_INTERVAL_MS		100U
#define MAX_DURATION_MS		86400000U
#define DEFAULT_INTERVAL_MS	1000U

static const struct {
	const char *name;
	__u32 bits;
} class_names[] = {
	{ "exit", BULKHEAD_TRACE_CLASS_EXIT },
	{ "virq", BULKHEAD_TRACE_CLASS_VIRQ },
	{ "state", BULKHEAD_TRACE_CLASS_STATE },
	{ "doorbell", BULKHEAD_TRACE_CLASS_DOORBELL },
	{ "health", BULKHEAD_TRACE_CLASS_HEALTH },
	{ "all", BULKHEAD_TRACE_CLASS_ALL },
};

static const char *const command_names[] = {
	[TRACE_CMD_TOP] = "top",
	[TRACE_CMD_HIST] = "hist",
	[TRACE_CMD_RECORD] = "record",
};

void trace_usage(FILE *out)
{
	fputs("Usage: bulkhead-trace [top] [--cell CELL]... [--class LIST] [--interval S]\n"
	      "                      [--duration S] [--json]\n"
	      "       bulkhead-trace hist [--cell CELL]... [--class LIST] [--duration S] [--json]\n"
	      "       bulkhead-trace record -o FILE [--cell CELL]... [--class LIST] [--duration S]\n"
	      "\n"
	      "Trace the Bulkhead hypervisor through the driver's bulkhead:* tracepoints with\n"
	      "BPF programs. Tracing is switched on for the cells asked for (default: every\n"
	      "cell, the root and cells created later) and the previous settings are restored\n"
	      "on exit, Ctrl-C and SIGTERM included.\n"
	      "\n"
	      "Commands:\n"
	      "  top     (default) a table per cell, refreshed every --interval: exits per\n"
	      "          second and the three most frequent reasons, exit cost p50/p99/max,\n"
	      "          virtual interrupt latency p50/p99/max, the root's doorbell latency\n"
	      "  hist    log2 histograms, printed at the end (--duration or Ctrl-C): exit cost\n"
	      "          per cell and reason, virq latency per cell and source, doorbell latency\n"
	      "  record  every event into FILE as Chrome trace-event JSON, for\n"
	      "          https://ui.perfetto.dev or chrome://tracing: a track per hypervisor\n"
	      "          CPU (exits), per cell (state, doorbells, virqs) and per root CPU (the\n"
	      "          tasks Linux ran)\n"
	      "\n"
	      "Options:\n"
	      "  -c, --cell CELL      a cell by name or id:N (repeat for more); default: all\n"
	      "  -C, --class LIST     comma-separated: exit,virq,state,doorbell,health or all\n"
	      "                       (default all)\n"
	      "  -i, --interval S     top's refresh period in seconds, 0.1 to 3600 (default 1)\n"
	      "  -d, --duration S     stop after S seconds (default: at Ctrl-C)\n"
	      "  -j, --json           top, hist: JSON (one document per refresh; times in ns)\n"
	      "  -o, --output FILE    record: the file to write\n"
	      "  -h, --help           this text\n"
	      "\n"
	      "Records the hypervisor overwrote before the driver read them (hv_lost) are\n"
	      "counted and reported in every mode.\n"
	      "Exit status: 0 success, 1 error (no bulkhead module or tracepoints, a layout\n"
	      "mismatch, a failed ioctl), 2 bad arguments, 3 the hypervisor is not enabled.\n",
	      out);
}

static int bad_value(const char *option, const char *value, const char *what, char *why,
		     size_t len)
{
	return hvctl_reject(-EINVAL, why, len, "%s: '%s' is not %s", option, value, what);
}

/* Seconds with up to three decimals ("0.5", "2") into milliseconds in [@min, @max]. */
static int parse_seconds(const char *option, const char *text, unsigned int min,
			 unsigned int max, unsigned int *ms, char *why, size_t len)
{
	unsigned long long whole = 0, frac = 0, scale = 1000;
	const char *p = text;
	char what[80];

	snprintf(what, sizeof(what), "a number of seconds from %u.%03u to %u", min / 1000,
		 min % 1000, max / 1000);
	if (*p < '0' || *p > '9')
		return bad_value(option, text, what, why, len);
	while (*p >= '0' && *p <= '9' && whole <= max)
		whole = whole * 10 + (unsigned int)(*p++ - '0');
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return bad_value(option, text, what, why, len);
		while (*p >= '0' && *p <= '9' && scale > 1) {
			scale /= 10;
			frac += (unsigned int)(*p++ - '0') * scale;
		}
	}
	if (*p || whole > max / 1000 || whole * 1000 + frac < min || whole * 1000 + frac > max)
		return bad_value(option, text, what, why, len);
	*ms = (unsigned int)(whole * 1000 + frac);
	return 0;
}

static int parse_classes(const char *text, __u32 *classes, char *why, size_t len)
{
	char list[128], *word, *save;
	unsigned int n;

	if (strlen(text) >= sizeof(list) || !*text)
		return bad_value("--class", text, "a list of exit,virq,state,doorbell,health,all",
				 why, len);
	strcpy(list, text);
	*classes = 0;
	for (word = strtok_r(list, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		for (n = 0; n < sizeof(class_names) / sizeof(class_names[0]); n++)
			if (!strcmp(word, class_names[n].name))
				break;
		if (n == sizeof(class_names) / sizeof(class_names[0]))
			return hvctl_reject(-EINVAL, why, len, "--class: unknown class '%s' in '%s' "
					    "(known: exit, virq, state, doorbell, health, all)",
					    word, text);
		*classes |= class_names[n].bits;
	}
	if (!*classes)
		return bad_value("--class", text, "a list of exit,virq,state,doorbell,health,all",
				 why, len);
	return 0;
}

/* The option @arg (long or short), or NULL. */
static const char *option_of(const char *arg)
{
	static const char *const options[][2] = {
		{ "--cell", "-c" }, { "--class", "-C" }, { "--interval", "-i" },
		{ "--duration", "-d" }, { "--json", "-j" }, { "--output", "-o" },
		{ "--help", "-h" },
	};
	unsigned int n;

	for (n = 0; n < sizeof(options) / sizeof(options[0]); n++)
		if (!strcmp(arg, options[n][0]) || !strcmp(arg, options[n][1]))
			return options[n][0];
	return NULL;
}

static int parse_option(const char *option, const char *value, struct trace_opts *opts,
			bool *interval_given, char *why, size_t len)
{
	if (!strcmp(option, "--cell")) {
		if (opts->num_cells == TRACE_MAX_CELL_ARGS)
			return hvctl_reject(-EINVAL, why, len, "--cell: more than %d cells",
					    TRACE_MAX_CELL_ARGS);
		if (!*value)
			return bad_value(option, value, "a cell name or id:N", why, len);
		opts->cells[opts->num_cells++] = value;
		return 0;
	}
	if (!strcmp(option, "--class"))
		return parse_classes(value, &opts->classes, why, len);
	if (!strcmp(option, "--interval")) {
		*interval_given = true;
		return parse_seconds(option, value, MIN_INTERVAL_MS, MAX_INTERVAL_MS,
				     &opts->interval_ms, why, len);
	}
	if (!strcmp(option, "--duration"))
		return parse_seconds(option, value, 1, MAX_DURATION_MS, &opts->duration_ms, why,
				     len);
	opts->output = value;
	if (!*value)
		return bad_value(option, value, "a file name", why, len);
	return 0;
}

/* What the command cannot do with the options given. */
static int check_combination(const struct trace_opts *opts, bool interval_given, char *why,
			     size_t len)
{
	const char *command = command_names[opts->command];

	if (opts->command == TRACE_CMD_RECORD && !opts->output)
		return hvctl_reject(-EINVAL, why, len, "record: -o FILE is missing");
	if (opts->command != TRACE_CMD_RECORD && opts->output)
		return hvctl_reject(-EINVAL, why, len, "--output '%s': only record writes a file "
				    "(not %s)", opts->output, command);
	if (opts->command == TRACE_CMD_RECORD && opts->json)
		return hvctl_reject(-EINVAL, why, len, "--json: record always writes JSON");
	if (opts->command != TRACE_CMD_TOP && interval_given)
		return hvctl_reject(-EINVAL, why, len, "--interval: only top refreshes (not %s)",
				    command);
	return 0;
}

int trace_parse_args(int argc, char **argv, struct trace_opts *opts, char *why, size_t len)
{
	bool command_given = false, interval_given = false;
	const char *option;
	int i, err;

	memset(opts, 0, sizeof(*opts));
	opts->classes = BULKHEAD_TRACE_CLASS_ALL;
	opts->interval_ms = DEFAULT_INTERVAL_MS;
	for (i = 1; i < argc; i++) {
		option = option_of(argv[i]);
		if (option && !strcmp(option, "--help")) {
			opts->help = true;
			return 0;
		}
		if (option && !strcmp(option, "--json")) {
			opts->json = true;
			continue;
		}
		if (option) {
			if (i + 1 == argc)
				return hvctl_reject(-EINVAL, why, len, "%s: a value is missing",
						    argv[i]);
			err = parse_option(option, argv[++i], opts, &interval_given, why, len);
			if (err)
				return err;
			continue;
		}
		if (argv[i][0] == '-')
			return hvctl_reject(-EINVAL, why, len, "unknown option '%s'", argv[i]);
		if (command_given)
			return hvctl_reject(-EINVAL, why, len, "unexpected argument '%s' after the "
					    "command", argv[i]);
		for (opts->command = TRACE_CMD_TOP; opts->command <= TRACE_CMD_RECORD;
		     opts->command++)
			if (!strcmp(argv[i], command_names[opts->command]))
				break;
		if (opts->command > TRACE_CMD_RECORD)
			return hvctl_reject(-EINVAL, why, len, "unknown command '%s' (known: top, "
					    "hist, record)", argv[i]);
		command_given = true;
	}
	return check_combination(opts, interval_given, why, len);
}
