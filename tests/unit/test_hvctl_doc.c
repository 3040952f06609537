// SPDX-License-Identifier: GPL-2.0
/*
 * The documents made from hvctl's command tables and bulkhead-cellc's option
 * table: roff escaping (tools/roff.c), the check that every command and
 * option is described, bash completion candidates (tools/hvctl-complete.c)
 * on tables of the tests' own; then the real tools: every command and option
 * --help shows is in the man page, in its command's section, and completion
 * offers it; the man pages' synopses are --help's; groff formats them without
 * a warning; and tests/unit/completion-test.sh drives the bash completion.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../tools/roff.c"
#include "../../tools/hvctl-doc.c"
#include "../../tools/hvctl-complete.c"

/* What @call wrote to the memory stream out. The caller frees it. */
#define CAPTURE(call)                                                                      \
	({                                                                                 \
		char *text_ = NULL;                                                        \
		size_t len_ = 0;                                                           \
		FILE *out = open_memstream(&text_, &len_);                                 \
		ck_assert_ptr_nonnull(out);                                                \
		call;                                                                      \
		fclose(out);                                                               \
		text_;                                                                     \
	})

/* Everything @command (a shell command) printed on stdout; its exit status in @status. */
static char *run_capture(const char *command, int *status)
{
	char *text = NULL, buf[4096];
	size_t len = 0, got;
	FILE *pipe = popen(command, "r");
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(pipe);
	ck_assert_ptr_nonnull(out);
	while ((got = fread(buf, 1, sizeof(buf), pipe)) > 0)
		fwrite(buf, 1, got, out);
	fclose(out);
	*status = pclose(pipe);
	return text;
}

static char *run_ok(const char *command)
{
	int status;
	char *text = run_capture(command, &status);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "'%s' failed:\n%s",
		      command, text);
	return text;
}

/* ----- roff ----- */

START_TEST(test_roff_escape)
{
	char *text = CAPTURE(roff_escape(out, ".x \\n -a \"q\" 'b' \xc3\xa9\t"));

	ck_assert_str_eq(text, "\\&.x \\en \\-a \\(dqq\\(dq 'b' \\[u00E9] ");
	free(text);
	text = CAPTURE(roff_escape(out, "'quoted"));
	ck_assert_str_eq(text, "\\&'quoted");
	free(text);
}
END_TEST

/* Lines are filled into paragraphs; lines that start with two spaces are examples. */
START_TEST(test_roff_text)
{
	char *text = CAPTURE(roff_text(out, "Prints one line:\n  .x -y\n  z\nthen more\n\nnext\n"));

	ck_assert_str_eq(text, "Prints one line:\n.RS 2\n.nf\n\\&.x \\-y\nz\n.fi\n.RE\n.PP\n"
			       "then more\n.PP\nnext\n");
	free(text);
	/* Inside a tagged paragraph a new paragraph keeps the indent. */
	text = CAPTURE(roff_items(out, (const struct roff_item[]){ { "-o, --out FILE", "a\n\nb\n" },
								   { NULL } }));
	ck_assert_str_eq(text, ".TP\n\\fB\\-o\\fR, \\fB\\-\\-out\\fR \\fIFILE\\fR\na\n.IP\nb\n");
	free(text);
}
END_TEST

START_TEST(test_roff_synopsis)
{
	char *text;

	text = CAPTURE(roff_synopsis(out, "hvctl cell load CELL|FILE.cell [-a ADDR] IMAGE..."));

	ck_assert_str_eq(text, "\\fBhvctl\\fR \\fBcell\\fR \\fBload\\fR \\fICELL\\fR|"
			       "\\fIFILE.cell\\fR [\\fB\\-a\\fR \\fIADDR\\fR] \\fIIMAGE\\fR...\n");
	free(text);
}
END_TEST

/* ----- tables of the tests' own ----- */

static int run_nothing(unsigned int flags, int argc, char **args)
{
	return 0;
}

static const struct hvctl_opt test_opts[] = {
	{ "--output", "-o", 0, "write to FILE", "FILE.dts" },
	{ "--json", NULL, 1, "as JSON", NULL },
	{ "--key", NULL, 0, "the key", "KEY.pem" },
	{ NULL }
};

static struct hvctl_opt bad_opts[] = {
	{ "--fine", NULL, 0, "fine", NULL },
	{ NULL }
};

static const struct hvctl_cmd test_group_cmds[] = {
	{ .name = "check", .operands = "SYSTEM.cell [CELL.cell]...", .max_args = 9,
	  .opts = test_opts, .run = run_nothing, .summary = "check", .help = "" },
	{ .name = "show", .operands = "CELL|FILE.cell [-o FILE.dts] [DTB] [CONFIG]", .max_args = 5,
	  .opts = test_opts, .run = run_nothing, .summary = "show", .help = "" },
	{ .name = "update", .operands = "CELL IMAGE [options as for load] | --status NAME",
	  .max_args = 9, .opts = test_opts, .run = run_nothing, .summary = "update", .help = "" },
	{ .name = "empty", .operands = "", .sub = (const struct hvctl_cmd[]){ { NULL } },
	  .summary = "a group without commands yet", .help = "" },
	{ NULL }
};

static struct hvctl_cmd test_cmds[] = {
	{ .name = "config", .operands = "COMMAND", .sub = test_group_cmds, .summary = "configs",
	  .help = "" },
	{ .name = "help", .operands = "[COMMAND]...", .max_args = 9, .run = run_nothing,
	  .summary = "help", .help = "" },
	{ .name = "bad", .operands = "", .opts = bad_opts, .run = run_nothing, .summary = "bad",
	  .help = "" },
	{ NULL }
};

static const struct hvctl_opt test_global[] = {
	{ "--quiet", "-q", 0, "quiet", NULL },
	{ NULL }
};

static const struct hvctl_cmd test_root = {
	.name = "tool", .operands = "COMMAND [ARGS]", .sub = test_cmds,
	.opts = (const struct hvctl_opt[]){ { "--version", NULL, 0, "version", NULL }, { NULL } },
	.summary = "a tool", .help = "",
};

static const char *check_problem(void)
{
	static char why[256];

	why[0] = '\0';
	if (hvctl_doc_check(&test_root, test_global, why, sizeof(why)) == 0)
		return "";
	ck_assert_str_ne(why, "");
	return why;
}

/* Each command and option needs its text and a name the dispatcher takes. */
START_TEST(test_doc_check)
{
	ck_assert_str_eq(check_problem(), "");
	test_cmds[1].summary = "";
	ck_assert_str_eq(check_problem(), "'tool help' has no summary");
	test_cmds[1].summary = "help";
	test_cmds[1].help = NULL;
	ck_assert_str_eq(check_problem(), "'tool help' has no help text (\"\" for none)");
	test_cmds[1].help = "";
	test_cmds[1].name = "Help";
	ck_assert_str_eq(check_problem(),
			 "'tool Help': a command name is lower-case letters, digits and '-'");
	test_cmds[1].name = "help";
	bad_opts[0].help = "";
	ck_assert_str_eq(check_problem(), "'tool bad': option '--fine' has no help text");
	bad_opts[0].help = "fine";
	bad_opts[0].letter = "-fx";
	ck_assert_str_eq(check_problem(),
			 "'tool bad': option '--fine' -fx is not --name with an optional -x");
	bad_opts[0].letter = NULL;
	test_cmds[1].operands = "X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X"
				" X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X X";
	ck_assert_str_eq(check_problem(),
			 "'tool help': its synopsis is longer than 126 characters");
	test_cmds[1].operands = "[COMMAND]...";
	ck_assert_str_eq(check_problem(), "");
}
END_TEST

/* The candidates hvctl_complete() prints for @line ("config show "), without sysfs. */
static char *complete(const char *line)
{
	char buf[256], *words[16];
	int n = unit_split_words(line, buf, sizeof(buf), words, 15);

	/* A line that ends in a space completes an empty word. */
	if (!n || line[strlen(line) - 1] == ' ')
		words[n++] = "";
	return CAPTURE(hvctl_complete(out, &test_root, test_global, "/nonexistent", n, words));
}

#define assert_completes(line, want)                                                        \
	do {                                                                               \
		char *got_ = complete(line);                                               \
		ck_assert_msg(!strcmp(got_, want), "'%s': expected\n%s\ngot\n%s", line, want,   \
			      got_);                                                       \
		free(got_);                                                                \
	} while (0)

/* What an operand is comes from its name; an option's value from the option's. */
START_TEST(test_complete_kinds)
{
	/* Commands, and a group without commands is not one yet. */
	assert_completes("", "word config\nword help\nword bad\n");
	assert_completes("config ", "word check\nword show\nword update\n");
	assert_completes("config s", "word show\n");
	assert_completes("-", "word --version\nword --quiet\nword --help\n");
	assert_completes("config check -", "word --output\nword --json\nword --key\n"
					   "word --quiet\nword --help\n");
	/* Options every command takes go anywhere. */
	assert_completes("-q config -q s", "word show\n");
	/* SYSTEM.cell, then CELL.cell again and again. */
	assert_completes("config check ", "files .cell\n");
	assert_completes("config check a.cell b.cell --json ", "files .cell\n");
	/* CELL|FILE.cell: cells (none without sysfs) or .cell files. */
	assert_completes("config show ", "files .cell\n");
	assert_completes("config show x -o ", "files .dts\n");
	assert_completes("config show x --key k.pem -o y ", "files .dtb\n");
	assert_completes("config show x y ", "files .cell\n");
	assert_completes("config show x y z ", "");
	/* Words in lower case are not operands, and "|" starts another form. */
	assert_completes("config update x ", "files\n");
	assert_completes("config update x img ", "");
	/* After --, a word that starts with '-' is an operand. */
	assert_completes("config update -- -", "");
	/* COMMAND: the commands of the group named before. */
	assert_completes("help ", "word config\nword help\nword bad\n");
	assert_completes("help config ", "word check\nword show\nword update\n");
	assert_completes("help config check ", "");
	assert_completes("nothing ", "");
}
END_TEST

/* ----- the real tools ----- */

/* @text with roff's escapes and font changes undone, as a person reads it. */
static char *unroff(const char *text)
{
	static const char *const from[] = { "\\fB", "\\fI", "\\fR", "\\&", "\\-", "\\e",
					    "\\(dq" };
	static const char *const to[] = { "", "", "", "", "-", "\\", "\"" };
	char *plain = strdup(text), *p = plain;
	unsigned int n;

	ck_assert_ptr_nonnull(plain);
	while (*text) {
		for (n = 0; n < sizeof(from) / sizeof(from[0]); n++)
			if (!strncmp(text, from[n], strlen(from[n])))
				break;
		if (n < sizeof(from) / sizeof(from[0])) {
			text += strlen(from[n]);
			p = stpcpy(p, to[n]);
		} else {
			*p++ = *text++;
		}
	}
	*p = '\0';
	return plain;
}

static char *hvctl_man(void)
{
	char *roff = run_ok("'" HVCTL_PATH "' --man");
	char *plain = unroff(roff);

	free(roff);
	return plain;
}

/* The text between @start and the next "\n.SS" or "\n.SH" in @man. */
static char *man_section(const char *man, const char *start)
{
	const char *from = strstr(man, start), *ss, *sh;

	ck_assert_msg(from, "the man page has no \"%s\"", start);
	from += strlen(start);
	ss = strstr(from, "\n.SS");
	sh = strstr(from, "\n.SH");
	if (!ss || (sh && sh < ss))
		ss = sh;
	return strndup(from, ss ? (size_t)(ss - from) : strlen(from));
}

static char *help_of(const char *path)
{
	char command[256];

	snprintf(command, sizeof(command), "'%s' %s --help", HVCTL_PATH, path);
	return run_ok(command);
}

/*
 * The options --help lists under @heading ("Options:"), up to the next
 * heading: each must be a tagged paragraph ".TP\n-a, --address ADDR\n" of
 * @section (if given), and offered by completion of 'hvctl @path -'.
 */
static void check_options(const char *path, const char *help, const char *heading,
			  const char *section)
{
	char command[256], term[160], name[64], value[64], *offered;
	const char *opt = strstr(help, heading), *end;

	if (!opt)
		return;
	opt = strchr(opt + 1, '\n');
	end = opt ? strstr(opt, ":\n") : NULL;
	if (!end)
		end = help + strlen(help);
	snprintf(command, sizeof(command), "'%s' __complete %s -", HVCTL_PATH, path);
	offered = run_ok(command);
	for (; opt && (opt = strstr(opt, "\n  ")) && opt < end; opt++) {
		opt += 3 + strspn(opt + 3, " ");
		if (*opt != '-' || !strncmp(opt, "-h, --help", 10))
			continue;
		value[0] = '\0';
		if (sscanf(opt, opt[1] != '-' ? "-%*c, %63s %63s" : "%63s %63s", name, value) < 1)
			ck_abort_msg("'%s --help': cannot read the option at \"%.30s\"", path, opt);
		/* A value is named in capitals (FILE, KEY.pem); help text starts in lower case. */
		if (!isupper((unsigned char)value[0]))
			value[0] = '\0';
		snprintf(term, sizeof(term), ".TP\n%.*s%s%s%s\n",
			 opt[1] != '-' ? 4 : 0, opt, name, value[0] ? " " : "", value);
		ck_assert_msg(!section || strstr(section, term), "hvctl(8) on '%s' lacks\n%s",
			      path, term);
		snprintf(term, sizeof(term), "word %s\n", name);
		ck_assert_msg(strstr(offered, term), "completion of 'hvctl %s -' lacks %s", path,
			      name);
	}
	free(offered);
}

/* The commands of a group's --help ("Commands:" to the next empty line). */
static int help_commands(const char *help, char names[][32], int max)
{
	const char *line = strstr(help, "\nCommands:\n");
	int n = 0;

	ck_assert_ptr_nonnull(line);
	for (line += 11; *line == ' ' && n < max; line = strchr(line, '\n') + 1) {
		if (line[2] >= 'a' && line[2] <= 'z')
			sscanf(line, "%31s", names[n++]);
	}
	return n;
}

/*
 * A command @path and those below it: its synopsis is the man page's, in
 * SYNOPSIS and as the title of its own section, which also holds its
 * options; its group offers it to completion.
 */
static void check_command(const char *man, const char *synopsis_section, const char *path)
{
	char *help = help_of(path), *section, *offered, usage[256], start[300], command[256];
	char names[64][32], sub[128];
	int n, i;

	ck_assert_int_eq(sscanf(help, "Usage: %255[^\n]", usage), 1);
	snprintf(start, sizeof(start), "\n.SS\n%s\n", usage);
	section = man_section(man, start);
	if (strstr(help, "\nCommands:\n")) {
		n = help_commands(help, names, 64);
		ck_assert_int_gt(n, 0);
		snprintf(command, sizeof(command), "'%s' __complete %s ''", HVCTL_PATH, path);
		offered = run_ok(command);
		for (i = 0; i < n; i++) {
			snprintf(sub, sizeof(sub), "word %.31s\n", names[i]);
			ck_assert_msg(strstr(offered, sub), "completion of 'hvctl %s' lacks %s",
				      path, names[i]);
			snprintf(sub, sizeof(sub), "%.64s %.31s", path, names[i]);
			check_command(man, synopsis_section, sub);
		}
		free(offered);
	} else {
		snprintf(start, sizeof(start), "\n%s\n", usage);
		ck_assert_msg(strstr(synopsis_section, start), "hvctl(8) SYNOPSIS lacks %s",
			      usage);
	}
	check_options(path, help, "\nOptions:\n", section);
	/* In the OPTIONS section (test_man_covers_help), and offered with every command. */
	check_options(path, help, "\nGlobal options", NULL);
	free(section);
	free(help);
}

START_TEST(test_man_covers_help)
{
	char *man = hvctl_man(), *help = run_ok("'" HVCTL_PATH "' --help");
	char *synopsis = man_section(man, "\n.SH\nSYNOPSIS\n"), *options;
	char names[64][32], usage[256], first[300];
	int n, i;

	/* hvctl's own usage line opens the SYNOPSIS. */
	ck_assert_int_eq(sscanf(help, "Usage: %255[^\n]", usage), 1);
	snprintf(first, sizeof(first), ".nf\n%s\n", usage);
	ck_assert_msg(!strncmp(synopsis, first, strlen(first)), "SYNOPSIS starts\n%.200s",
		      synopsis);
	/* The options every command takes, in OPTIONS. */
	options = man_section(man, "\n.SH\nOPTIONS\n");
	check_options("", help, "\nGlobal options", options);
	n = help_commands(help, names, 64);
	ck_assert_int_ge(n, 8);
	for (i = 0; i < n; i++)
		check_command(man, synopsis, names[i]);
	free(options);
	free(synopsis);
	free(help);
	free(man);
}
END_TEST

START_TEST(test_cellc_man_covers_help)
{
	char *help = run_ok("'" CELLC_PATH "' --help"), *roff = run_ok("'" CELLC_PATH "' --man");
	char *man = unroff(roff), usage[256], want[300], name[64], *options;
	const char *opt;

	ck_assert_int_eq(sscanf(help, "Usage: %255[^\n]", usage), 1);
	snprintf(want, sizeof(want), "\n.SH\nSYNOPSIS\n%s\n", usage);
	ck_assert_msg(strstr(man, want), "bulkhead-cellc(1) lacks the synopsis %s", usage);
	options = man_section(man, "\n.SH\nOPTIONS\n");
	for (opt = help; (opt = strstr(opt, "\n  ")); opt++) {
		opt += 3 + strspn(opt + 3, " ");
		if (*opt != '-')
			continue;
		ck_assert_int_eq(sscanf(opt, opt[1] == '-' ? "%63s" : "-%*c, %63s", name), 1);
		ck_assert_msg(strstr(options, name), "bulkhead-cellc(1) lacks the option %s", name);
	}
	free(options);
	free(man);
	free(roff);
	free(help);
}
END_TEST

/* groff, with every warning on, formats both pages without a word on stderr. */
START_TEST(test_man_groff_clean)
{
	static const char *const pages[] = { HVCTL_PATH, CELLC_PATH };
	char command[512], *warnings;
	unsigned int n;

	unit_tmpdir_enter();
	for (n = 0; n < 2; n++) {
		snprintf(command, sizeof(command),
			 "'%s' --man > page && groff -man -Tutf8 -ww -z page 2>&1 && "
			 "man --warnings -l page 2>&1 >/dev/null", pages[n]);
		warnings = run_ok(command);
		ck_assert_msg(!warnings[0], "%s --man: groff says:\n%s", pages[n], warnings);
		free(warnings);
	}
	unit_tmpdir_leave();
}
END_TEST

START_TEST(test_bash_completion)
{
	int status;
	char *out = run_capture("bash '" TOP_DIR "/tests/unit/completion-test.sh' '" TOP_DIR
				"' 2>&1", &status);

	/* Its failures, after the checks that passed. */
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s",
		      strstr(out, "FAIL") ?: out);
	ck_assert_ptr_nonnull(strstr(out, " passed, 0 failed"));
	free(out);
}
END_TEST

Suite *hvctl_doc_suite(void)
{
	Suite *suite = suite_create("hvctl-doc");
	TCase *tc = tcase_create("generators");
	TCase *tools = tcase_create("tools");

	tcase_add_test(tc, test_roff_escape);
	tcase_add_test(tc, test_roff_text);
	tcase_add_test(tc, test_roff_synopsis);
	tcase_add_test(tc, test_doc_check);
	tcase_add_test(tc, test_complete_kinds);
	suite_add_tcase(suite, tc);
	/* Each runs the tools dozens of times. */
	tcase_set_timeout(tools, 60);
	tcase_add_test(tools, test_man_covers_help);
	tcase_add_test(tools, test_cellc_man_covers_help);
	tcase_add_test(tools, test_man_groff_clean);
	tcase_add_test(tools, test_bash_completion);
	suite_add_tcase(suite, tools);
	return suite;
}
