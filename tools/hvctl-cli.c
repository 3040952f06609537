// SPDX-License-Identifier: GPL-2.0
/*
 * The contract every hvctl command keeps, kept in one place: the dispatcher
 * (options, --help, operand counts, 'hvctl help'), the global options --json
 * and -q, the exit statuses, and how errors and results reach the user.
 *
 * Handlers report through hvctl_err(), hvctl_hint(), hvctl_hv_line(),
 * hvctl_say() and hvctl_result_*(), never by printing errors themselves. In
 * text mode errors go to stderr at once. With --json nothing goes to stderr:
 * the messages are collected and hvctl_finish() prints one JSON document on
 * stdout, the command's result or {"error": ..., "errno": ..., "status": ...},
 * so a command written against these functions keeps the contract without
 * knowing of it.
 *
 * The exit status follows the message: a command that says the hypervisor is
 * not enabled (HVCTL_NOT_ENABLED_TEXT) exits HVCTL_EXIT_NOT_ENABLED, one that
 * says the module is not loaded (HVCTL_NO_MODULE_TEXT) HVCTL_EXIT_NO_MODULE,
 * whichever path found it out, so the two can never disagree.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"

/* More lines than any command prints for one failure. */
#define MAX_MESSAGES	32

enum message_kind {
	MESSAGE_ERROR,		/* hvctl_err(): the first is the error, later ones hints */
	MESSAGE_HINT,		/* hvctl_hint(), and a usage error's "see ... --help" */
	MESSAGE_HYPERVISOR,	/* hvctl_hv_line(): what the hypervisor printed about it */
};

static struct {
	bool json;
	bool quiet;
	FILE *out, *err;	/* NULL: stdout, stderr (hvctl_cli_redirect() for tests) */
	int status;		/* the status the messages imply (3, 4), or 0 */
	int error_number;	/* the errno hvctl explained first, or 0 */
	bool own_json;		/* the command prints its own JSON */
	bool result_in_error;	/* its result members go into its error object too */
	unsigned int num_messages;
	struct {
		enum message_kind kind;
		char *text;
	} message[MAX_MESSAGES];
	char *said;		/* hvctl_say(): the result's "message" */
	char *result;		/* members of the result object, "key": value, ... */
	size_t result_size;
	FILE *result_stream;
	const struct hvctl_cmd *root;
} cli;

const struct hvctl_opt hvctl_global_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "print one JSON document on stdout, errors included",
	  NULL },
	{ "--quiet", "-q", HVCTL_OPT_QUIET, "print only data and errors, no progress or success "
	  "messages", NULL },
	{ NULL }
};

static FILE *out_stream(void)
{
	return cli.out ? cli.out : stdout;
}

static FILE *err_stream(void)
{
	return cli.err ? cli.err : stderr;
}

bool hvctl_json(void)
{
	return cli.json;
}

bool hvctl_quiet(void)
{
	return cli.quiet;
}

void hvctl_cli_redirect(FILE *out, FILE *err)
{
	cli.out = out;
	cli.err = err;
}

/* ----- messages ----- */

/* The exit status an error line of hvctl's own implies (the file comment). */
static void learn_status(const char *text)
{
	if (strstr(text, HVCTL_NOT_ENABLED_TEXT)) {
		cli.status = HVCTL_EXIT_NOT_ENABLED;
		cli.error_number = cli.error_number ?: ENODEV;
	} else if (strstr(text, HVCTL_NO_MODULE_TEXT)) {
		cli.status = HVCTL_EXIT_NO_MODULE;
		cli.error_number = cli.error_number ?: ENOENT;
	}
}

static void add_message(enum message_kind kind, const char *prefix, const char *fmt,
			va_list ap)
{
	char *text;

	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	/* What the hypervisor printed sets no status. */
	if (text && kind == MESSAGE_ERROR)
		learn_status(text);
	if (!cli.json) {
		fprintf(err_stream(), "hvctl: %s%s\n", prefix, text ? text : fmt);
		free(text);
		return;
	}
	if (cli.num_messages == MAX_MESSAGES) {
		free(text);
		return;
	}
	cli.message[cli.num_messages].kind = kind;
	cli.message[cli.num_messages++].text = text ? text : strdup(fmt);
}

void hvctl_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_message(MESSAGE_ERROR, "", fmt, ap);
	va_end(ap);
}

void hvctl_hint(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_message(MESSAGE_HINT, "", fmt, ap);
	va_end(ap);
}

static void add(enum message_kind kind, const char *prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_message(kind, prefix, fmt, ap);
	va_end(ap);
}

void hvctl_hv_line(const char *line)
{
	add(MESSAGE_HYPERVISOR, "hypervisor: ", "%s", line);
}

bool hvctl_hv_line_about(const char *line, const char *cell)
{
	static const char *const prefixes[] = { "bulkhead: cell \"", "config: cell \"" };
	const char *name = NULL;
	size_t n, len = strlen(cell);

	for (n = 0; n < sizeof(prefixes) / sizeof(prefixes[0]) && !name; n++)
		if (!strncmp(line, prefixes[n], strlen(prefixes[n])))
			name = line + strlen(prefixes[n]);
	if (name && (strncmp(name, cell, len) || name[len] != '"'))
		return false;
	hvctl_hv_line(line);
	return true;
}

int hvctl_usage_error(const char *path, const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	if (cli.json) {
		hvctl_err("%s", text ? text : fmt);
		hvctl_hint("see '%s --help'", path);
	} else {
		fprintf(err_stream(), "hvctl: %s; see '%s --help'\n", text ? text : fmt, path);
	}
	free(text);
	return HVCTL_EXIT_USAGE;
}

void hvctl_note_errno(int err)
{
	if (!cli.error_number)
		cli.error_number = err;
}

const char *hvctl_strerror(int err)
{
	hvctl_note_errno(err);
	return strerror(err);
}

void hvctl_say(const char *fmt, ...)
{
	va_list ap;
	char *text;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		text = NULL;
	va_end(ap);
	if (!text)
		return;
	if (!cli.json && !cli.quiet)
		fprintf(out_stream(), "hvctl: %s\n", text);
	/* Several lines make one message, a line each. */
	if (cli.json && cli.said) {
		char *both;

		if (asprintf(&both, "%s\n%s", cli.said, text) >= 0) {
			free(cli.said);
			cli.said = both;
		}
		free(text);
	} else if (cli.json) {
		cli.said = text;
	} else {
		free(text);
	}
}

/* ----- the result object of --json ----- */

FILE *hvctl_result_member(const char *key)
{
	if (!cli.result_stream) {
		cli.result_stream = open_memstream(&cli.result, &cli.result_size);
		if (!cli.result_stream)
			return NULL;
	} else {
		fputs(", ", cli.result_stream);
	}
	hvctl_json_string(cli.result_stream, key, SIZE_MAX);
	fputs(": ", cli.result_stream);
	return cli.result_stream;
}

void hvctl_result_str(const char *key, const char *value)
{
	FILE *f = hvctl_result_member(key);

	if (f && value)
		hvctl_json_string(f, value, SIZE_MAX);
	else if (f)
		fputs("null", f);
}

void hvctl_result_u64(const char *key, uint64_t value)
{
	FILE *f = hvctl_result_member(key);

	if (f)
		fprintf(f, "%" PRIu64, value);
}

void hvctl_result_bool(const char *key, bool value)
{
	FILE *f = hvctl_result_member(key);

	if (f)
		fputs(value ? "true" : "false", f);
}

void hvctl_result_cell(unsigned int id, const char *name)
{
	FILE *f = hvctl_result_member("cell");

	if (!f)
		return;
	fprintf(f, "{\"id\": %u, \"name\": ", id);
	hvctl_json_string(f, name, SIZE_MAX);
	fputc('}', f);
}

void hvctl_result_printed(void)
{
	cli.own_json = true;
}

void hvctl_result_in_error(void)
{
	cli.result_in_error = true;
}

/* A JSON array of the messages of @kind (and of MESSAGE_ERROR after the first with @errors). */
static void print_message_array(FILE *out, const char *key, enum message_kind kind,
				bool errors)
{
	unsigned int i, n = 0;
	bool first_error = true;

	for (i = 0; i < cli.num_messages; i++) {
		bool take = cli.message[i].kind == kind;

		if (cli.message[i].kind == MESSAGE_ERROR) {
			take = errors && !first_error;
			first_error = false;
		}
		if (!take)
			continue;
		if (n++)
			fputs(", ", out);
		else
			fprintf(out, ", \"%s\": [", key);
		hvctl_json_string(out, cli.message[i].text, SIZE_MAX);
	}
	if (n)
		fputc(']', out);
}

static void print_error_object(FILE *out, int status)
{
	const char *error = "the command failed";
	unsigned int i;

	for (i = 0; i < cli.num_messages; i++) {
		if (cli.message[i].kind == MESSAGE_ERROR) {
			error = cli.message[i].text;
			break;
		}
	}
	fputs("{\"error\": ", out);
	hvctl_json_string(out, error, SIZE_MAX);
	fprintf(out, ", \"errno\": %d, \"status\": %d", cli.error_number, status);
	print_message_array(out, "hint", MESSAGE_HINT, true);
	print_message_array(out, "hypervisor", MESSAGE_HYPERVISOR, false);
	/* What the command found before it failed (hvctl config check: the problems). */
	if (cli.result_stream && cli.result_in_error) {
		fclose(cli.result_stream);
		cli.result_stream = NULL;
		if (cli.result_size)
			fprintf(out, ", %s", cli.result);
	}
	fputs("}\n", out);
}

/* The result of a command that printed no JSON of its own, with what it said. */
static void print_result_object(FILE *out)
{
	bool members = false;
	unsigned int i;

	fputc('{', out);
	if (cli.result_stream) {
		fclose(cli.result_stream);
		cli.result_stream = NULL;
		fputs(cli.result, out);
		members = cli.result_size > 0;
	}
	if (cli.said) {
		fprintf(out, "%s\"message\": ", members ? ", " : "");
		hvctl_json_string(out, cli.said, SIZE_MAX);
		members = true;
	}
	if (cli.num_messages) {
		fprintf(out, "%s\"notes\": [", members ? ", " : "");
		for (i = 0; i < cli.num_messages; i++) {
			fputs(i ? ", " : "", out);
			hvctl_json_string(out, cli.message[i].text, SIZE_MAX);
		}
		fputc(']', out);
	}
	fputs("}\n", out);
}

int hvctl_finish(int status)
{
	FILE *out = out_stream();

	if (status == EXIT_FAILURE && cli.status)
		status = cli.status;
	if (!cli.json)
		return status;
	if (status)
		print_error_object(out, status);
	else if (!cli.own_json || cli.num_messages)
		print_result_object(out);
	/* A result that could not be written is no success. */
	if (fflush(out) != 0 && !status)
		return EXIT_FAILURE;
	return status;
}

static void reset(void)
{
	unsigned int i;

	for (i = 0; i < cli.num_messages; i++)
		free(cli.message[i].text);
	if (cli.result_stream)
		fclose(cli.result_stream);
	free(cli.result);
	free(cli.said);
	cli.json = cli.quiet = cli.own_json = cli.result_in_error = false;
	cli.status = cli.error_number = 0;
	cli.num_messages = 0;
	cli.result = cli.said = NULL;
	cli.result_stream = NULL;
	cli.result_size = 0;
}

/* ----- the dispatcher ----- */

static bool is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

bool hvctl_cmd_available(const struct hvctl_cmd *cmd)
{
	return cmd->run || (cmd->sub && cmd->sub->name);
}

static const struct hvctl_cmd *find_cmd(const struct hvctl_cmd *table, const char *name)
{
	for (; table->name; table++)
		if (!strcmp(table->name, name) && hvctl_cmd_available(table))
			return table;
	return NULL;
}

static const struct hvctl_opt *find_in(const struct hvctl_opt *opt, const char *arg)
{
	for (; opt && opt->name; opt++)
		if (!strcmp(arg, opt->name) || (opt->letter && !strcmp(arg, opt->letter)))
			return opt;
	return NULL;
}

/* An option of @cmd, or a global one. */
static const struct hvctl_opt *find_opt(const struct hvctl_cmd *cmd, const char *arg)
{
	return find_in(cmd->opts, arg) ?: find_in(hvctl_global_opts, arg);
}

/* If @arg is a global option, take it: true. */
static bool take_global(const char *arg)
{
	const struct hvctl_opt *opt = find_in(hvctl_global_opts, arg);

	if (opt && opt->flag == HVCTL_OPT_JSON)
		cli.json = true;
	else if (opt && opt->flag == HVCTL_OPT_QUIET)
		cli.quiet = true;
	return opt;
}

void hvctl_format_synopsis(const char *name, const struct hvctl_cmd *cmd, char *buf, size_t len)
{
	const struct hvctl_opt *opt;
	size_t used = snprintf(buf, len, "%s", name);

	for (opt = cmd->opts; opt && opt->name && used < len; opt++)
		if (!opt->value)
			used += snprintf(buf + used, len - used, " [%s%s%s]",
					 opt->letter ? opt->letter : "", opt->letter ? "|" : "",
					 opt->name);
	if (cmd->operands[0] && used < len)
		snprintf(buf + used, len - used, " %s", cmd->operands);
}

/* One line per command; a long synopsis gets a line of its own. */
static void print_cmd_list(FILE *out, const struct hvctl_cmd *table)
{
	const int width = 22;
	char synopsis[HVCTL_SYNOPSIS_MAX];

	for (; table->name; table++) {
		if (!hvctl_cmd_available(table))
			continue;
		hvctl_format_synopsis(table->name, table, synopsis, sizeof(synopsis));
		if (strlen(synopsis) > (size_t)width)
			fprintf(out, "  %s\n  %-*s %s\n", synopsis, width, "", table->summary);
		else
			fprintf(out, "  %-*s %s\n", width, synopsis, table->summary);
	}
}

static void print_opt(FILE *out, const struct hvctl_opt *opt)
{
	char name[32];

	snprintf(name, sizeof(name), "%s%s%s", opt->name, opt->value ? " " : "",
		 opt->value ? opt->value : "");
	fprintf(out, "  %-2s%s %-16s%s%s\n", opt->letter ? opt->letter : "",
		opt->letter ? "," : " ", name,
		/* A long one gets a line of its own, as in print_cmd_list(). */
		strlen(name) > 16 ? "\n                       " : " ", opt->help);
}

static void write_help(FILE *out, const char *path, const struct hvctl_cmd *cmd)
{
	const struct hvctl_opt *opt;
	char synopsis[HVCTL_SYNOPSIS_MAX];

	hvctl_format_synopsis(path, cmd, synopsis, sizeof(synopsis));
	fprintf(out, "Usage: %s\n\n%c%s.\n", synopsis, toupper((unsigned char)cmd->summary[0]),
		cmd->summary + 1);
	if (cmd->help[0])
		fprintf(out, "\n%s", cmd->help);
	if (cmd->sub) {
		fprintf(out, "\nCommands:\n");
		print_cmd_list(out, cmd->sub);
	} else {
		fprintf(out, "\nOptions:\n");
		for (opt = cmd->opts; opt && opt->name; opt++)
			print_opt(out, opt);
		fprintf(out, "  -h, --help           show this help\n");
	}
	fprintf(out, "\nGlobal options (anywhere on the command line):\n");
	for (opt = hvctl_global_opts; opt->name; opt++)
		print_opt(out, opt);
	if (cmd->sub)
		fprintf(out, "\nRun '%s COMMAND --help' for details.\n", path);
	fprintf(out, "\nExit status: 0 success, 1 the operation failed, 2 usage error, 3 the\n"
		"hypervisor is not enabled, 4 the bulkhead module is not loaded.\n");
}

/* --help: the text, or with --json {"help": TEXT}. */
static int print_help(const char *path, const struct hvctl_cmd *cmd)
{
	char *text = NULL;
	size_t size;
	FILE *f;

	if (!cli.json) {
		write_help(out_stream(), path, cmd);
		return EXIT_SUCCESS;
	}
	f = open_memstream(&text, &size);
	if (!f) {
		hvctl_err("out of memory");
		return EXIT_FAILURE;
	}
	write_help(f, path, cmd);
	fclose(f);
	hvctl_result_str("command", path);
	hvctl_result_str("help", text);
	free(text);
	return EXIT_SUCCESS;
}

/*
 * Collect the option flags of @cmd from @argv into @flags and move the
 * operands, and options with a value (in place, with their value), to the
 * front of @argv. Returns their number, or -1 after a usage error.
 */
static int parse_opts(const char *path, const struct hvctl_cmd *cmd, int argc, char **argv,
		      unsigned int *flags)
{
	const struct hvctl_opt *opt;
	bool options = true;
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (options && !strcmp(argv[i], "--")) {
			options = false;
		} else if (options && argv[i][0] == '-' && argv[i][1]) {
			opt = find_opt(cmd, argv[i]);
			if (!opt) {
				hvctl_usage_error(path, "unknown option '%s' for '%s'", argv[i],
						  path);
				return -1;
			}
			if (opt->value && i + 1 == argc) {
				hvctl_usage_error(path, "option '%s' needs a value (%s)", argv[i],
						  opt->value);
				return -1;
			}
			if (opt->value) {
				argv[n++] = argv[i++];
				argv[n++] = argv[i];
			}
			*flags |= opt->flag;
		} else {
			argv[n++] = argv[i];
		}
	}
	return n;
}

/* Does @cmd print JSON of its own (it has a --json option of its own)? */
static bool has_own_json(const struct hvctl_cmd *cmd)
{
	const struct hvctl_opt *opt;

	for (opt = cmd->opts; opt && opt->name; opt++)
		if (opt->flag & HVCTL_OPT_JSON)
			return true;
	return false;
}

static int dispatch(const char *path, const struct hvctl_cmd *table, int argc, char **argv);

/* Run @cmd with the arguments that follow its name; @path is its full name. */
static int run_cmd(const char *path, const struct hvctl_cmd *cmd, int argc, char **argv)
{
	const struct hvctl_opt *opt;
	unsigned int flags = 0;
	bool help = false;
	int i, n;

	if (cmd->sub) {
		if (argc && is_help(argv[0]))
			return print_help(path, cmd);
		return dispatch(path, cmd->sub, argc, argv);
	}
	/* The global options first, so that every message after them obeys them. */
	for (i = 0; i < argc && strcmp(argv[i], "--"); i++) {
		help = help || is_help(argv[i]);
		take_global(argv[i]);
		/* "-s --help" loads the string "--help". */
		opt = find_in(cmd->opts, argv[i]);
		if (opt && opt->value)
			i++;
	}
	if (help)
		return print_help(path, cmd);
	n = parse_opts(path, cmd, argc, argv, &flags);
	if (n < 0)
		return HVCTL_EXIT_USAGE;
	if ((unsigned int)n < cmd->min_args)
		return hvctl_usage_error(path, "missing argument %s for '%s'", cmd->operands, path);
	if ((unsigned int)n > cmd->max_args)
		return hvctl_usage_error(path, "unexpected argument '%s' for '%s'",
					 argv[cmd->max_args], path);
	argv[n] = NULL;
	if (cli.json)
		flags |= HVCTL_OPT_JSON;
	cli.own_json = has_own_json(cmd);
	return cmd->run(flags, n, argv);
}

/* @argv[0] names a command of @table, reached by @path ("hvctl", "hvctl cell"). */
static int dispatch(const char *path, const struct hvctl_cmd *table, int argc, char **argv)
{
	const struct hvctl_cmd *cmd;
	char sub_path[64];
	int i;

	while (argc && take_global(argv[0])) {
		argc--;
		argv++;
	}
	if (!argc)
		return hvctl_usage_error(path, "missing command");
	cmd = find_cmd(table, argv[0]);
	if (!cmd) {
		/* The usage error obeys a --json that follows. */
		for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
			take_global(argv[i]);
	}
	if (!cmd && argv[0][0] == '-')
		return hvctl_usage_error(path, "unknown option '%s'", argv[0]);
	if (!cmd)
		return hvctl_usage_error(path, "unknown command '%s'", argv[0]);
	snprintf(sub_path, sizeof(sub_path), "%s %s", path, cmd->name);
	return run_cmd(sub_path, cmd, argc - 1, argv + 1);
}

int hvctl_cmd_help(unsigned int flags, int argc, char **args)
{
	const struct hvctl_cmd *cmd = cli.root;
	char path[64];
	int i;

	snprintf(path, sizeof(path), "%s", cli.root->name);
	for (i = 0; i < argc; i++) {
		const struct hvctl_cmd *sub = cmd->sub ? find_cmd(cmd->sub, args[i]) : NULL;

		if (!sub)
			return hvctl_usage_error("hvctl help", "no command '%s %s'", path, args[i]);
		snprintf(path + strlen(path), sizeof(path) - strlen(path), " %s", sub->name);
		cmd = sub;
	}
	return print_help(path, cmd);
}

int hvctl_main(const struct hvctl_cmd *root, void (*version)(void), int argc, char **argv)
{
	int i = 1;

	reset();
	cli.root = root;
	while (i < argc && take_global(argv[i]))
		i++;
	if (i < argc && is_help(argv[i]))
		return hvctl_finish(print_help(root->name, root));
	if (i < argc && !strcmp(argv[i], "--version")) {
		version();
		return hvctl_finish(EXIT_SUCCESS);
	}
	return hvctl_finish(dispatch(root->name, root->sub, argc - i, argv + i));
}
