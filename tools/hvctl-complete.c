// SPDX-License-Identifier: GPL-2.0
/*
 * Bash completion from hvctl's command tables: 'hvctl __complete WORDS...'
 * (WORDS: what is typed after "hvctl", the word being completed last) prints
 * one line per candidate, which tools/bash-completion/hvctl hands to bash:
 *
 *   word TEXT       TEXT completes the word (commands, options, cell and
 *                   channel names; only those that start with the word)
 *   files [.EXT]    bash completes file names (ending in .EXT) and directories
 *
 * What an operand is comes from its name in the command's operands text:
 * CELL is a cell, NAME a channel of the root cell, COMMAND a command,
 * FILE and IMAGE any file, CONFIG a .cell file, DTB a .dtb file, a name
 * ending in .EXT (FILE.cell, KEY.pem) a file ending in .EXT; "A|B" is
 * either. The value of an option is named the same way (--output FILE).
 * Cells and channels are read from sysfs as 'hvctl cell list' and 'hvctl
 * channel list' read them.
 */
#include <stdlib.h>
#include <string.h>

#include "hvctl.h"

/* The longest operands text and the most operands it names. */
#define OPERANDS_MAX		256
#define MAX_OPERANDS		16

struct completion {
	FILE *out;
	const struct hvctl_cmd *root;
	const struct hvctl_opt *global;	/* the options every command takes */
	const char *cells_dir;
	const char *cur;		/* the word being completed */
};

static void offer(const struct completion *c, const char *word)
{
	if (!strncmp(word, c->cur, strlen(c->cur)))
		fprintf(c->out, "word %s\n", word);
}

static const struct hvctl_opt *find_opt(const struct hvctl_opt *opt, const char *arg)
{
	for (; opt && opt->name; opt++)
		if (!strcmp(arg, opt->name) || (opt->letter && !strcmp(arg, opt->letter)))
			return opt;
	return NULL;
}

/* An option of a command, or one every command takes. */
static const struct hvctl_opt *find_any_opt(const struct completion *c,
					    const struct hvctl_opt *opts, const char *arg)
{
	return find_opt(opts, arg) ?: find_opt(c->global, arg);
}

/* The options of a command, those every command takes, and --help. */
static void offer_opts(const struct completion *c, const struct hvctl_opt *opts)
{
	const struct hvctl_opt *opt;

	for (opt = opts; opt && opt->name; opt++)
		offer(c, opt->name);
	for (opt = c->global; opt && opt->name; opt++)
		if (!find_opt(opts, opt->name))
			offer(c, opt->name);
	if (!find_opt(opts, "--help"))
		offer(c, "--help");
}

static void offer_cmds(const struct completion *c, const struct hvctl_cmd *cmd)
{
	for (; cmd->name; cmd++)
		if (hvctl_cmd_available(cmd))
			offer(c, cmd->name);
}

static void offer_cells(const struct completion *c)
{
	struct hvctl_cell *cells = calloc(HVCTL_MAX_LISTED, sizeof(*cells));
	char why[256];
	int n, i;

	n = cells ? hvctl_cells_read(c->cells_dir, cells, HVCTL_MAX_LISTED, why, sizeof(why)) : 0;
	for (i = 0; i < n; i++)
		offer(c, cells[i].name);
	free(cells);
}

/* The root cell's channels: the channel commands work on its side. */
static void offer_channels(const struct completion *c)
{
	struct hvctl_channel_pair *pairs = calloc(HVCTL_MAX_CHANNEL_ENDS, sizeof(*pairs));
	char why[256];
	int n, i;

	n = pairs ? hvctl_channels_read(c->cells_dir, pairs, why, sizeof(why)) : 0;
	for (i = 0; i < n; i++)
		if (pairs[i].end[0].present && pairs[i].end[0].cell_id == 0)
			offer(c, pairs[i].end[0].channel);
	free(pairs);
}

static const struct hvctl_cmd *find_cmd(const struct hvctl_cmd *cmd, const char *name)
{
	for (; cmd && cmd->name; cmd++)
		if (!strcmp(cmd->name, name) && hvctl_cmd_available(cmd))
			return cmd;
	return NULL;
}

/* COMMAND after @nprev others (hvctl help cell COMMAND): the commands of the group they name. */
static void offer_cmd_path(const struct completion *c, char **prev, int nprev)
{
	const struct hvctl_cmd *group = c->root;
	int i;

	for (i = 0; i < nprev && group; i++) {
		group = find_cmd(group->sub, prev[i]);
		if (group && !group->sub)
			return;
	}
	if (group)
		offer_cmds(c, group->sub);
}

/* One alternative of an operand's name: "CELL", "FILE.cell", "IMAGE". */
static void offer_kind(const struct completion *c, const char *kind, size_t len, char **prev,
		       int nprev)
{
	const char *dot = memrchr(kind, '.', len);

	/* A config is compiled (.cell); a board's device tree is a blob (.dtb). */
	if (len == 6 && !strncmp(kind, "CONFIG", len))
		fputs("files .cell\n", c->out);
	else if (len == 3 && !strncmp(kind, "DTB", len))
		fputs("files .dtb\n", c->out);
	else if (len == 4 && !strncmp(kind, "CELL", len))
		offer_cells(c);
	else if (len == 4 && !strncmp(kind, "NAME", len))
		offer_channels(c);
	else if (len == 7 && !strncmp(kind, "COMMAND", len))
		offer_cmd_path(c, prev, nprev);
	else if (dot && dot + 1 < kind + len)
		fprintf(c->out, "files %.*s\n", (int)(kind + len - dot), dot);
	else if (memmem(kind, len, "FILE", 4) || (len == 5 && !strncmp(kind, "IMAGE", len)))
		fputs("files\n", c->out);
}

/* Everything an operand or value named @name ("CELL|FILE.cell") can be. */
static void offer_named(const struct completion *c, const char *name, char **prev, int nprev)
{
	const char *bar;

	for (; *name; name = *bar ? bar + 1 : bar) {
		bar = strchrnul(name, '|');
		offer_kind(c, name, (size_t)(bar - name), prev, nprev);
	}
}

/*
 * The names of @cmd's operands, in @names (pointing into @buf), from its
 * operands text: options and their values, words in lower case ("options as
 * for load") and brackets are left out; "|" alone ends the first form. Sets
 * @repeats when the last one may come again ("CELL.cell..."). Returns their
 * number.
 */
static int operand_names(const struct hvctl_cmd *cmd, char *buf, char **names, bool *repeats)
{
	const struct hvctl_opt *opt;
	char *word, *save, *alt;
	bool again;
	int n = 0;
	size_t len;

	snprintf(buf, OPERANDS_MAX, "%s", cmd->operands);
	*repeats = false;
	for (word = strtok_r(buf, " ", &save); word && n < MAX_OPERANDS;
	     word = strtok_r(NULL, " ", &save)) {
		if (!strcmp(word, "|"))
			break;
		word += strspn(word, "[");
		alt = strrchr(word, '|');
		opt = find_opt(cmd->opts, alt && word[0] == '-' ? alt + 1 : word);
		if (word[0] == '-') {
			if (opt && opt->value)
				strtok_r(NULL, " ", &save);
			continue;
		}
		again = strstr(word, "...") != NULL;
		/* FILE.cell keeps its extension; IMAGE... and CELL]... lose dots and brackets. */
		len = strcspn(word, "]");
		while (len && word[len - 1] == '.')
			len--;
		word[len] = '\0';
		if (len && word[0] >= 'A' && word[0] <= 'Z') {
			names[n++] = word;
			*repeats = again;
		}
	}
	return n;
}

/* Complete the operand or option value @cur of the command @cmd, @args typed before it. */
static void complete_args(const struct completion *c, const struct hvctl_cmd *cmd, char **args,
			  int nargs)
{
	char buf[OPERANDS_MAX], *names[MAX_OPERANDS], *operands[MAX_OPERANDS];
	const struct hvctl_opt *opt;
	bool options = true, repeats;
	int i, n, pos = 0;

	for (i = 0; i < nargs; i++) {
		if (options && !strcmp(args[i], "--")) {
			options = false;
		} else if (options && args[i][0] == '-' && args[i][1]) {
			opt = find_any_opt(c, cmd->opts, args[i]);
			if (opt && opt->value && i + 1 == nargs) {
				offer_named(c, opt->value, operands, pos);
				return;
			}
			if (opt && opt->value)
				i++;
		} else if (pos < MAX_OPERANDS) {
			operands[pos++] = args[i];
		}
	}
	if (options && c->cur[0] == '-') {
		offer_opts(c, cmd->opts);
		return;
	}
	n = operand_names(cmd, buf, names, &repeats);
	if (pos < n)
		offer_named(c, names[pos], operands, pos);
	else if (n && repeats)
		offer_named(c, names[n - 1], operands, pos);
}

void hvctl_complete(FILE *out, const struct hvctl_cmd *root, const struct hvctl_opt *global,
		    const char *cells_dir, int nwords, char **words)
{
	struct completion c = { out, root, global, cells_dir, nwords ? words[nwords - 1] : "" };
	const struct hvctl_cmd *cmd = root, *sub;
	const struct hvctl_opt *opt;
	int i = 0;

	/* Down the groups: options of a group come before its command. */
	while (cmd->sub) {
		for (; i < nwords - 1 && words[i][0] == '-'; i++) {
			opt = find_any_opt(&c, cmd->opts, words[i]);
			if (opt && opt->value)
				i++;
		}
		if (i >= nwords - 1) {
			if (c.cur[0] == '-')
				offer_opts(&c, cmd->opts);
			else
				offer_cmds(&c, cmd->sub);
			return;
		}
		sub = find_cmd(cmd->sub, words[i++]);
		if (!sub)
			return;
		cmd = sub;
	}
	complete_args(&c, cmd, words + i, nwords - 1 - i);
}
