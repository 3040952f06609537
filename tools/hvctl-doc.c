// SPDX-License-Identifier: GPL-2.0
/*
 * hvctl's manual from its command tables: the check that every command and
 * option is described, and the man page hvctl(8) ('hvctl --man', run by
 * 'make man'), whose synopses are those --help prints (hvctl-cli.c). The
 * commands, options and their texts come from the tables only; the prose
 * around them (description, exit status, environment, files, examples) is
 * kept here, in one place.
 */
#include <ctype.h>
#include <string.h>

#include "hvctl.h"
#include "roff.h"

#ifndef BULKHEAD_RELEASE
#define BULKHEAD_RELEASE	"unknown"
#endif

#define STRINGIFY(x)		STRINGIFY_(x)
#define STRINGIFY_(x)		#x

/* ----- the prose of hvctl(8) ----- */

static const char man_description[] =
	"hvctl is the one tool Bulkhead is driven with. It runs as root in the Linux\n"
	"that owns the machine (the root cell, once the hypervisor is enabled) and\n"
	"talks to the bulkhead kernel module through /dev/bulkhead.\n"
	"\n"
	"hvctl enable starts the hypervisor with a system config: the running Linux\n"
	"keeps running, demoted into the root cell. From its shell, cells are\n"
	"created from cell configs, loaded with an inmate or an operating system,\n"
	"started, shut down and destroyed; each runs on CPUs, memory, interrupts and\n"
	"devices taken from the root cell. Configs are written as device-tree source\n"
	"and compiled to .cell files by bulkhead-cellc(1).\n"
	"\n"
	"Every command accepts -h and --help. Errors go to standard error, start\n"
	"with 'hvctl: ' and say what is wrong and what to do about it. Options and\n"
	"operands may come in any order, and -- ends the options; options with a\n"
	"value stay where they stand, since where they stand matters (hvctl cell\n"
	"load). CELL is a cell's name or its id, as 'hvctl cell list' shows them.\n"
	"Every command needs root (CAP_SYS_ADMIN), those that only read included.\n";

static const struct roff_item man_exit_status[] = {
	{ "0", "Success." },
	{ "1", "The operation failed; the message says why.\n" },
	{ STRINGIFY(HVCTL_EXIT_USAGE), "Usage error: an unknown command or option, a missing\n"
				       "or extra operand, a value out of range. The message ends\n"
				       "with the --help to read.\n" },
	{ STRINGIFY(HVCTL_EXIT_NOT_ENABLED), "The command needs the hypervisor, which is not "
					     "enabled.\n" },
	{ STRINGIFY(HVCTL_EXIT_NO_MODULE), "The bulkhead module is not loaded (no "
					   BULKHEAD_DEVICE ").\n" },
	{ NULL }
};

static const char man_exit_json[] =
	"With --json the exit status is the same, and an error is one object on\n"
	"stdout: {\"error\": TEXT, \"errno\": N, \"status\": N}.\n";

static const struct roff_item man_environment[] = {
	{ "HVCTL_CELLS_DIR", "Where bash completion looks up the names of cells and channels\n"
			     "instead of " HVCTL_CELLS_DIR " (for tests). Commands\n"
			     "ignore it.\n" },
	{ NULL }
};

static const struct roff_item man_files[] = {
	{ BULKHEAD_DEVICE, "The bulkhead module's device; every command opens it.\n" },
	{ BULKHEAD_CHANNEL_DEV_DIR "/NAME", "The root cell's side of channel NAME.\n" },
	{ HVCTL_CELLS_DIR "/ID/", "One directory per cell, the root cell (0) included: its name,\n"
				  "state, CPUs, failure reason, statistics and channels.\n" },
	{ "/lib/firmware/bulkhead.bin", "The hypervisor, which the module loads on 'hvctl "
					"enable'.\n" },
	{ NULL }
};

static const char man_examples[] =
	"Enable the hypervisor, run an inmate in a cell, and hand the machine back:\n"
	"  hvctl enable system.cell\n"
	"  hvctl cell create hello.cell\n"
	"  hvctl cell load hello hello.bin -s \"count=5\"\n"
	"  hvctl cell start hello\n"
	"  hvctl cell list\n"
	"  hvctl console hello\n"
	"  hvctl cell destroy hello\n"
	"  hvctl disable\n"
	"\n"
	"Follow what happens to the cells, as JSON for a script:\n"
	"  hvctl events -f --json\n";

static const char man_see_also[] =
	"bulkhead-cellc(1), dmesg(1). The source tree's Documentation/hvctl.md gives\n"
	"every message and output format, Documentation/config-format.md the configs.\n";

/* ----- the tables ----- */

static bool is_cmd_name(const char *name)
{
	if (!islower((unsigned char)*name))
		return false;
	for (; *name; name++)
		if (!islower((unsigned char)*name) && !isdigit((unsigned char)*name) &&
		    *name != '-')
			return false;
	return true;
}

/* "--name" with an optional "-x": what the dispatcher and completion take for an option. */
static bool is_opt_name(const struct hvctl_opt *opt)
{
	const char *c;

	if (strncmp(opt->name, "--", 2) || !opt->name[2])
		return false;
	for (c = opt->name + 2; *c; c++)
		if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '-')
			return false;
	return !opt->letter || (opt->letter[0] == '-' && isalnum((unsigned char)opt->letter[1]) &&
				!opt->letter[2]);
}

static int check_opts(const char *path, const struct hvctl_opt *opt, char *why, size_t len)
{
	for (; opt && opt->name; opt++) {
		if (!is_opt_name(opt)) {
			snprintf(why, len,
				 "'%s': option '%s'%s%s is not --name with an optional -x", path,
				 opt->name, opt->letter ? " " : "", opt->letter ? opt->letter : "");
			return -1;
		}
		if (!opt->help || !opt->help[0]) {
			snprintf(why, len, "'%s': option '%s' has no help text", path, opt->name);
			return -1;
		}
	}
	return 0;
}

static int check_cmds(const char *path, const struct hvctl_cmd *cmd, char *why, size_t len)
{
	char sub_path[HVCTL_SYNOPSIS_MAX], synopsis[HVCTL_SYNOPSIS_MAX];

	for (; cmd->name; cmd++) {
		if (!hvctl_cmd_available(cmd))
			continue;
		snprintf(sub_path, sizeof(sub_path), "%s %s", path, cmd->name);
		if (!is_cmd_name(cmd->name)) {
			snprintf(why, len, "'%s': a command name is lower-case letters, digits "
				 "and '-'", sub_path);
			return -1;
		}
		if (!cmd->summary || !cmd->summary[0] || !cmd->help || !cmd->operands) {
			snprintf(why, len, "'%s' has no %s", sub_path,
				 !cmd->operands ? "operands text (\"\" for none)" :
				 !cmd->help ? "help text (\"\" for none)" : "summary");
			return -1;
		}
		hvctl_format_synopsis(sub_path, cmd, synopsis, sizeof(synopsis));
		if (strlen(synopsis) + 1 >= sizeof(synopsis)) {
			snprintf(why, len, "'%s': its synopsis is longer than %d characters",
				 sub_path, HVCTL_SYNOPSIS_MAX - 2);
			return -1;
		}
		if (check_opts(sub_path, cmd->opts, why, len) ||
		    (cmd->sub && check_cmds(sub_path, cmd->sub, why, len)))
			return -1;
	}
	return 0;
}

int hvctl_doc_check(const struct hvctl_cmd *root, const struct hvctl_opt *global, char *why,
		    size_t why_len)
{
	if (!root->summary || !root->summary[0] || !root->help || !root->sub) {
		snprintf(why, why_len, "'%s' needs a summary, a help text and commands",
			 root->name);
		return -1;
	}
	return check_opts(root->name, root->opts, why, why_len) ?:
	       check_opts(root->name, global, why, why_len) ?:
	       check_cmds(root->name, root->sub, why, why_len);
}

/* ----- hvctl(8) ----- */

static void write_synopses(FILE *out, const char *path, const struct hvctl_cmd *cmd)
{
	char sub_path[HVCTL_SYNOPSIS_MAX], synopsis[HVCTL_SYNOPSIS_MAX];

	for (; cmd->name; cmd++) {
		if (!hvctl_cmd_available(cmd))
			continue;
		snprintf(sub_path, sizeof(sub_path), "%s %s", path, cmd->name);
		if (cmd->sub) {
			write_synopses(out, sub_path, cmd->sub);
			continue;
		}
		hvctl_format_synopsis(sub_path, cmd, synopsis, sizeof(synopsis));
		roff_synopsis(out, synopsis);
	}
}

/* The summary as the sentence --help makes of it. */
static void write_summary(FILE *out, const char *summary)
{
	char sentence[256];

	snprintf(sentence, sizeof(sentence), "%c%s.", toupper((unsigned char)summary[0]),
		 summary + 1);
	fputs(".PP\n", out);
	roff_escape(out, sentence);
	fputc('\n', out);
}

static void write_opts(FILE *out, const struct hvctl_opt *opt)
{
	char term[HVCTL_SYNOPSIS_MAX];

	for (; opt && opt->name; opt++) {
		roff_opt_term(term, sizeof(term), opt->letter, opt->name, opt->value);
		roff_items(out, (const struct roff_item[]){ { term, opt->help }, { NULL } });
	}
}

static void write_cmds(FILE *out, const char *path, const struct hvctl_cmd *cmd)
{
	char sub_path[HVCTL_SYNOPSIS_MAX], synopsis[HVCTL_SYNOPSIS_MAX];

	for (; cmd->name; cmd++) {
		if (!hvctl_cmd_available(cmd))
			continue;
		snprintf(sub_path, sizeof(sub_path), "%s %s", path, cmd->name);
		hvctl_format_synopsis(sub_path, cmd, synopsis, sizeof(synopsis));
		roff_subsection(out, synopsis);
		write_summary(out, cmd->summary);
		if (cmd->help[0]) {
			fputs(".PP\n", out);
			roff_text(out, cmd->help);
		}
		write_opts(out, cmd->opts);
		if (cmd->sub)
			write_cmds(out, sub_path, cmd->sub);
	}
}

static void write_items_section(FILE *out, const char *title, const struct roff_item *items)
{
	roff_section(out, title);
	roff_items(out, items);
}

int hvctl_write_man(FILE *out, const struct hvctl_cmd *root, const struct hvctl_opt *global)
{
	char why[256], synopsis[HVCTL_SYNOPSIS_MAX];

	if (hvctl_doc_check(root, global, why, sizeof(why))) {
		fprintf(stderr, "hvctl: cannot write the man page: %s\n", why);
		return -1;
	}
	roff_title(out, root->name, "8", BULKHEAD_RELEASE);
	roff_section(out, "NAME");
	roff_escape(out, root->name);
	fputs(" \\- ", out);
	roff_escape(out, root->summary);
	fputc('\n', out);

	roff_section(out, "SYNOPSIS");
	fputs(".nf\n", out);
	hvctl_format_synopsis(root->name, root, synopsis, sizeof(synopsis));
	roff_synopsis(out, synopsis);
	write_synopses(out, root->name, root->sub);
	fputs(".fi\n", out);

	roff_section(out, "DESCRIPTION");
	roff_text(out, man_description);
	roff_section(out, "OPTIONS");
	roff_text(out, root->help);
	write_opts(out, root->opts);
	fputs(".PP\nEvery command takes these, before or after its name:\n", out);
	write_opts(out, global);
	roff_section(out, "COMMANDS");
	write_cmds(out, root->name, root->sub);

	write_items_section(out, "EXIT STATUS", man_exit_status);
	fputs(".PP\n", out);
	roff_text(out, man_exit_json);
	write_items_section(out, "ENVIRONMENT", man_environment);
	write_items_section(out, "FILES", man_files);
	roff_section(out, "EXAMPLES");
	roff_text(out, man_examples);
	roff_section(out, "SEE ALSO");
	roff_text(out, man_see_also);
	return fflush(out) || ferror(out) ? -1 : 0;
}
