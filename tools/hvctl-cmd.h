/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvctl's command tables (defined in hvctl.c) and what is made from them:
 * the dispatcher and --help (hvctl-cli.c), the man page hvctl(8)
 * (hvctl-doc.c) and the candidates of bash completion (hvctl-complete.c). One
 * table, so that they cannot disagree. bulkhead-cellc's options use struct
 * hvctl_opt too (cellc-doc.c).
 */
#ifndef _HVCTL_CMD_H
#define _HVCTL_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct hvctl_opt {
	const char *name;		/* "--follow" */
	const char *letter;		/* "-f", or NULL */
	unsigned int flag;		/* HVCTL_OPT_* */
	const char *help;
	/*
	 * Name of the option's value ("ADDR"), or NULL for a flag. Options with
	 * a value stay in place among the operands, because where they stand
	 * matters (hvctl cell load); the operands text shows them.
	 */
	const char *value;
};

struct hvctl_cmd {
	const char *name;
	/*
	 * "FILE.cell"; optional ones in brackets. Completion reads the kind of
	 * each operand from its name (hvctl-complete.c): CELL, NAME (a channel),
	 * FILE, IMAGE, and names ending in .cell, .dts, .pem ... for such files.
	 */
	const char *operands;
	unsigned int min_args, max_args;
	/* NULL or ended by an empty entry; one with HVCTL_OPT_JSON: it prints its own JSON */
	const struct hvctl_opt *opts;
	int (*run)(unsigned int flags, int argc, char **args);
	const struct hvctl_cmd *sub;	/* a group of commands instead of run() */
	const char *summary;
	const char *help;
};

/* Room for any command's synopsis; hvctl_doc_check() makes sure they fit. */
#define HVCTL_SYNOPSIS_MAX	128

/* A group is shown and usable once it has at least one command (hvctl-cli.c). */
bool hvctl_cmd_available(const struct hvctl_cmd *cmd);

/*
 * "@name [-f|--follow] FILE": how @cmd is called, as --help shows it (hvctl-cli.c).
 * Options with a value are in the operands.
 */
void hvctl_format_synopsis(const char *name, const struct hvctl_cmd *cmd, char *buf, size_t len);

/*
 * @root is hvctl itself: its options (those before a command) and, as its
 * sub-table, the commands; @global the options every command takes.
 *
 * Every available command and option has a summary or help text, a name the
 * dispatcher and completion can take, and a synopsis that fits. Returns 0, or
 * -1 with the first problem in @why.
 */
int hvctl_doc_check(const struct hvctl_cmd *root, const struct hvctl_opt *global, char *why,
		    size_t why_len);

/*
 * The man page hvctl(8) in roff, from the tables and the prose in
 * hvctl-doc.c. Returns 0, or -1 after saying why (a table that fails
 * hvctl_doc_check()).
 */
int hvctl_write_man(FILE *out, const struct hvctl_cmd *root, const struct hvctl_opt *global);

/*
 * Bash completion: the candidates for the last of @words (what is typed
 * after "hvctl"; the word being completed last, maybe empty), as
 * hvctl-complete.c describes. Cells and channels are looked up below
 * @cells_dir.
 */
void hvctl_complete(FILE *out, const struct hvctl_cmd *root, const struct hvctl_opt *global,
		    const char *cells_dir, int nwords, char **words);

#endif /* !_HVCTL_CMD_H */
