// SPDX-License-Identifier: GPL-2.0
/*
 * The contract of every hvctl command (tools/hvctl-cli.c), through the
 * dispatcher with a table of test commands: one exit-status table, --json
 * and -q anywhere on the command line, errors as one JSON object on stdout
 * and nothing on stderr, 'hvctl help', and the escaping of JSON strings.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "../../tools/hvctl-cli.c"

/* ----- the test commands ----- */

static int cmd_ok(unsigned int flags, int argc, char **args)
{
	hvctl_result_cell(7, "hello");
	hvctl_result_u64("operands", argc);
	hvctl_result_bool("json_flag", flags & HVCTL_OPT_JSON);
	hvctl_say("did it to cell \"%s\"", "hello");
	hvctl_say("and once more");
	return EXIT_SUCCESS;
}

/* A failure with a hint and two lines from the hypervisor, as a refused cell request. */
static int cmd_fail(unsigned int flags, int argc, char **args)
{
	hvctl_hv_line("cell \"x\": CPU 1 is the root's");
	hvctl_hv_line("second line");
	hvctl_note_errno(EBUSY);
	hvctl_err("cannot create cell \"x\": %s", "busy");
	hvctl_hint(HVCTL_KERNEL_LOG_HINT);
	return EXIT_FAILURE;
}

static int cmd_not_enabled(unsigned int flags, int argc, char **args)
{
	hvctl_err(HVCTL_NOT_ENABLED);
	return EXIT_FAILURE;
}

static int cmd_no_module(unsigned int flags, int argc, char **args)
{
	hvctl_err("/dev/bulkhead not found: " HVCTL_NO_MODULE_TEXT "; load it");
	return EXIT_FAILURE;
}

/* Says "not enabled" on the way but succeeds: the status stays 0 (e.g. console -f). */
static int cmd_note(unsigned int flags, int argc, char **args)
{
	hvctl_err("the hypervisor was disabled; " HVCTL_NOT_ENABLED_TEXT " any more");
	return EXIT_SUCCESS;
}

/* Prints its own JSON, as hvctl info --json does. */
static int cmd_own(unsigned int flags, int argc, char **args)
{
	printf(flags & HVCTL_OPT_JSON ? "{\"own\": true}\n" : "own text\n");
	return EXIT_SUCCESS;
}

static const struct hvctl_opt value_opts[] = {
	{ "--string", "-s", 0, "a value", "STRING" },
	{ NULL }
};

static const struct hvctl_opt own_opts[] = {
	{ "--json", NULL, HVCTL_OPT_JSON, "its own JSON", NULL },
	{ NULL }
};

static const struct hvctl_cmd group_cmds[] = {
	{ .name = "ok", .operands = "[ARG...]", .max_args = 9, .opts = value_opts, .run = cmd_ok,
	  .summary = "succeed", .help = "" },
	{ .name = "fail", .operands = "", .run = cmd_fail, .summary = "fail", .help = "" },
	{ .name = "off", .operands = "CELL", .min_args = 1, .max_args = 1,
	  .run = cmd_not_enabled, .summary = "need the hypervisor", .help = "" },
	{ .name = "nomod", .operands = "", .run = cmd_no_module, .summary = "need the module",
	  .help = "" },
	{ .name = "note", .operands = "", .run = cmd_note, .summary = "note", .help = "" },
	{ .name = "own", .operands = "", .opts = own_opts, .run = cmd_own, .summary = "own",
	  .help = "Its own help.\n" },
	{ NULL }
};

static const struct hvctl_cmd main_cmds[] = {
	{ .name = "grp", .operands = "COMMAND", .sub = group_cmds, .summary = "a group",
	  .help = "" },
	{ .name = "help", .operands = "[COMMAND...]", .max_args = 9, .run = hvctl_cmd_help,
	  .summary = "help", .help = "" },
	{ NULL }
};

static const struct hvctl_cmd root = {
	.name = "hvctl", .operands = "COMMAND", .sub = main_cmds, .summary = "test root",
	.help = "",
};

static void version(void)
{
	hvctl_result_str("release", "t");
}

/* ----- running them ----- */

static char out_text[8192], err_text[8192];

/* Run "hvctl @line" (split at spaces); stdout and stderr land in out_text, err_text. */
static int run(const char *line)
{
	char words[512], *argv[32] = { "hvctl" };
	FILE *out, *err;
	int argc, status;

	memset(out_text, 0, sizeof(out_text));
	memset(err_text, 0, sizeof(err_text));
	out = fmemopen(out_text, sizeof(out_text), "w");
	err = fmemopen(err_text, sizeof(err_text), "w");
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	/* The test commands that print their own output use stdout: point it at @out. */
	fflush(stdout);
	argc = 1 + unit_split_words(line, words, sizeof(words), argv + 1, 30);
	hvctl_cli_redirect(out, err);
	{
		FILE *saved = stdout;

		stdout = out;
		status = hvctl_main(&root, version, argc, argv);
		stdout = saved;
	}
	hvctl_cli_redirect(NULL, NULL);
	fclose(out);
	fclose(err);
	return status;
}

#define assert_out(text) ck_assert_str_eq(out_text, text)
#define assert_err(text) ck_assert_str_eq(err_text, text)

START_TEST(test_exit_statuses)
{
	ck_assert_int_eq(run("grp ok"), EXIT_SUCCESS);
	ck_assert_int_eq(run("grp fail"), EXIT_FAILURE);
	ck_assert_int_eq(run("grp nosuch"), HVCTL_EXIT_USAGE);
	ck_assert_int_eq(run("grp ok --bad"), HVCTL_EXIT_USAGE);
	ck_assert_int_eq(run("grp off"), HVCTL_EXIT_USAGE);
	ck_assert_int_eq(run("grp off a b"), HVCTL_EXIT_USAGE);
	ck_assert_int_eq(run("grp off a"), HVCTL_EXIT_NOT_ENABLED);
	ck_assert_int_eq(run("grp nomod"), HVCTL_EXIT_NO_MODULE);
	/* The status of a failure, not of a message on the way to success. */
	ck_assert_int_eq(run("grp note"), EXIT_SUCCESS);
	/* With --json the same statuses. */
	ck_assert_int_eq(run("--json grp off a"), HVCTL_EXIT_NOT_ENABLED);
	ck_assert_int_eq(run("grp nomod --json"), HVCTL_EXIT_NO_MODULE);
	ck_assert_int_eq(run("grp fail --json"), EXIT_FAILURE);
	ck_assert_int_eq(run("grp nosuch --json"), HVCTL_EXIT_USAGE);
}
END_TEST

START_TEST(test_text_mode)
{
	ck_assert_int_eq(run("grp ok a"), 0);
	assert_out("hvctl: did it to cell \"hello\"\nhvctl: and once more\n");
	assert_err("");
	ck_assert_int_eq(run("grp fail"), 1);
	assert_out("");
	assert_err("hvctl: hypervisor: cell \"x\": CPU 1 is the root's\n"
		   "hvctl: hypervisor: second line\n"
		   "hvctl: cannot create cell \"x\": busy\n"
		   "hvctl: " HVCTL_KERNEL_LOG_HINT "\n");
	ck_assert_int_eq(run("grp ok --bad"), 2);
	assert_err("hvctl: unknown option '--bad' for 'hvctl grp ok'; see 'hvctl grp ok --help'\n");
}
END_TEST

START_TEST(test_quiet)
{
	ck_assert_int_eq(run("-q grp ok"), 0);
	assert_out("");
	ck_assert_int_eq(run("grp ok --quiet"), 0);
	assert_out("");
	/* Errors and data stay. */
	ck_assert_int_eq(run("grp -q fail"), 1);
	ck_assert_ptr_nonnull(strstr(err_text, "cannot create cell"));
	ck_assert_int_eq(run("grp own -q"), 0);
	assert_out("own text\n");
}
END_TEST

START_TEST(test_json_result)
{
	const char *expected = "{\"cell\": {\"id\": 7, \"name\": \"hello\"}, \"operands\": 1, "
			       "\"json_flag\": true, \"message\": \"did it to cell \\\"hello\\\"\\n"
			       "and once more\"}\n";

	/* --json before the command, inside the group, after it, among operands. */
	ck_assert_int_eq(run("--json grp ok a"), 0);
	assert_out(expected);
	assert_err("");
	ck_assert_int_eq(run("grp --json ok a"), 0);
	assert_out(expected);
	ck_assert_int_eq(run("grp ok a --json"), 0);
	assert_out(expected);
	/* The value of an option is no global option. */
	ck_assert_int_eq(run("grp ok -s --json"), 0);
	assert_out("hvctl: did it to cell \"hello\"\nhvctl: and once more\n");
	/* A command with JSON of its own prints it alone. */
	ck_assert_int_eq(run("--json grp own"), 0);
	assert_out("{\"own\": true}\n");
	/* Notes of a success go with the result. */
	ck_assert_int_eq(run("--json grp note"), 0);
	assert_out("{\"notes\": [\"the hypervisor was disabled; the hypervisor is not enabled "
		   "any more\"]}\n");
	assert_err("");
	ck_assert_int_eq(run("--json --version"), 0);
	assert_out("{\"release\": \"t\"}\n");
}
END_TEST

START_TEST(test_json_errors)
{
	ck_assert_int_eq(run("grp fail --json"), 1);
	assert_out("{\"error\": \"cannot create cell \\\"x\\\": busy\", \"errno\": 16, "
		   "\"status\": 1, \"hint\": [\"" HVCTL_KERNEL_LOG_HINT "\"], \"hypervisor\": "
		   "[\"cell \\\"x\\\": CPU 1 is the root's\", \"second line\"]}\n");
	assert_err("");
	ck_assert_int_eq(run("--json grp off a"), 3);
	assert_out("{\"error\": \"" HVCTL_NOT_ENABLED "\", \"errno\": 19, \"status\": 3}\n");
	ck_assert_int_eq(run("-q grp nomod --json"), 4);
	assert_out("{\"error\": \"/dev/bulkhead not found: the bulkhead module is not loaded; "
		   "load it\", \"errno\": 2, \"status\": 4}\n");
	/* Usage errors, even those found before the --json that follows. */
	ck_assert_int_eq(run("grp ok --bad --json"), 2);
	assert_out("{\"error\": \"unknown option '--bad' for 'hvctl grp ok'\", \"errno\": 0, "
		   "\"status\": 2, \"hint\": [\"see 'hvctl grp ok --help'\"]}\n");
	assert_err("");
	ck_assert_int_eq(run("nosuch --json"), 2);
	assert_out("{\"error\": \"unknown command 'nosuch'\", \"errno\": 0, \"status\": 2, "
		   "\"hint\": [\"see 'hvctl --help'\"]}\n");
	ck_assert_int_eq(run("grp off --json"), 2);
	assert_out("{\"error\": \"missing argument CELL for 'hvctl grp off'\", \"errno\": 0, "
		   "\"status\": 2, \"hint\": [\"see 'hvctl grp off --help'\"]}\n");
	/* A command with JSON of its own fails with the error object alone. */
	ck_assert_int_eq(run("--json grp own x"), 2);
	ck_assert_ptr_nonnull(strstr(out_text, "{\"error\": \"unexpected argument 'x'"));
	assert_err("");
}
END_TEST

START_TEST(test_help)
{
	char expected[sizeof(out_text)];

	ck_assert_int_eq(run("grp own --help"), 0);
	strcpy(expected, out_text);
	ck_assert_ptr_nonnull(strstr(expected, "Usage: hvctl grp own [--json]\n"));
	ck_assert_ptr_nonnull(strstr(expected, "Its own help.\n"));
	ck_assert_ptr_nonnull(strstr(expected, "  -q, --quiet "));
	ck_assert_ptr_nonnull(strstr(expected, "3 the\nhypervisor is not enabled, 4 the bulkhead "
					       "module is not loaded"));
	ck_assert_int_eq(run("help grp own"), 0);
	assert_out(expected);
	ck_assert_int_eq(run("help"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "Usage: hvctl COMMAND\n"));
	ck_assert_int_eq(run("help grp nosuch"), 2);
	assert_err("hvctl: no command 'hvctl grp nosuch'; see 'hvctl help --help'\n");
	ck_assert_int_eq(run("--json help grp own"), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "{\"command\": \"hvctl grp own\", \"help\": "
					       "\"Usage: hvctl grp own [--json]\\n"));
}
END_TEST

START_TEST(test_hypervisor_lines_about_the_cell)
{
	FILE *err = fopen("/dev/null", "w");

	hvctl_cli_redirect(NULL, err);
	/* Only lines that can be about cell "hello" are its reasons. */
	ck_assert(hvctl_hv_line_about("config: cell \"hello\": entry 0x0 lies in no region",
				      "hello"));
	ck_assert(hvctl_hv_line_about("bulkhead: cell \"hello\" refused to shut down", "hello"));
	ck_assert(hvctl_hv_line_about("bulkhead: no cell with id 5", "hello"));
	/* Another cell's report, printed meanwhile, is not. */
	ck_assert(!hvctl_hv_line_about("bulkhead: cell \"evil\" CPU 2 stopped: read at 0x0",
				       "hello"));
	ck_assert(!hvctl_hv_line_about("bulkhead: cell \"hello2\" watchdog expired", "hello"));
	ck_assert(!hvctl_hv_line_about("config: cell \"hell\": cpu_set is empty", "hello"));
	hvctl_cli_redirect(NULL, NULL);
	fclose(err);
}
END_TEST

/* The real hvctl, on this build machine where no bulkhead module is loaded. */
START_TEST(test_binary_statuses)
{
	ck_assert_int_eq(run_hvctl("--version"), 0);
	ck_assert_int_eq(run_hvctl("cell start a b"), HVCTL_EXIT_USAGE);
	ck_assert_int_eq(run_hvctl("enable /nonexistent.cell"), EXIT_FAILURE);
	ck_assert_int_eq(run_hvctl("info"), HVCTL_EXIT_NO_MODULE);
	assert_hvctl_says("hvctl: /dev/bulkhead not found: the bulkhead module is not loaded");
	ck_assert_int_eq(run_hvctl("cell list --json"), HVCTL_EXIT_NO_MODULE);
	ck_assert_str_eq(hvctl_output, "{\"error\": \"/dev/bulkhead not found: the bulkhead module "
			 "is not loaded; load it with 'modprobe bulkhead' (or 'insmod bulkhead.ko')"
			 "\", \"errno\": 2, \"status\": 4}\n");
	/* A system error's errno goes with its message, whatever the command. */
	ck_assert_int_eq(run_hvctl("--json enable /nonexistent.cell"), EXIT_FAILURE);
	assert_hvctl_says("\"errno\": 2, \"status\": 1}\n");
	ck_assert_int_eq(run_hvctl("--json key public /nonexistent.pem"), EXIT_FAILURE);
	assert_hvctl_says("cannot open: No such file or directory\", \"errno\": 2, \"status\": 1}\n");
	ck_assert_int_eq(run_hvctl("--json config create --board /nonexistent.dtb"), EXIT_FAILURE);
	assert_hvctl_says("cannot read: No such file or directory\", \"errno\": 2, \"status\": 1}\n");
}
END_TEST

/* The JSON string of @len bytes at @s. */
static const char *json_of(const char *s, size_t len)
{
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	hvctl_json_string(f, s, len);
	fclose(f);
	return buf;
}

START_TEST(test_json_escaping)
{
	ck_assert_str_eq(json_of("a\"b\\c", 99), "\"a\\\"b\\\\c\"");
	ck_assert_str_eq(json_of("1\n2\t3\r4\x01\x1f\x7f", 99), "\"1\\n2\\t3\\r4\\u0001\\u001f\\u007f\"");
	/* Well-formed UTF-8 passes: 2, 3 and 4 bytes. */
	ck_assert_str_eq(json_of("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 99),
			 "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
	/* Anything else is escaped byte by byte: lone, cut, overlong, surrogate, too high. */
	ck_assert_str_eq(json_of("\xff\xc3", 99), "\"\\u00ff\\u00c3\"");
	ck_assert_str_eq(json_of("\xe2\x82", 99), "\"\\u00e2\\u0082\"");
	ck_assert_str_eq(json_of("\xc0\xaf", 99), "\"\\u00c0\\u00af\"");
	ck_assert_str_eq(json_of("\xe0\x80\xaf", 99), "\"\\u00e0\\u0080\\u00af\"");
	ck_assert_str_eq(json_of("\xed\xa0\x80", 99), "\"\\u00ed\\u00a0\\u0080\"");
	ck_assert_str_eq(json_of("\xf4\x90\x80\x80", 99), "\"\\u00f4\\u0090\\u0080\\u0080\"");
	/* At most @len bytes: a sequence cut by the limit is not passed whole. */
	ck_assert_str_eq(json_of("abc", 2), "\"ab\"");
	ck_assert_str_eq(json_of("\xc3\xa9", 1), "\"\\u00c3\"");
}
END_TEST

Suite *hvctl_cli_suite(void)
{
	Suite *s = suite_create("hvctl-cli");
	TCase *tc = tcase_create("contract");

	tcase_add_test(tc, test_exit_statuses);
	tcase_add_test(tc, test_text_mode);
	tcase_add_test(tc, test_quiet);
	tcase_add_test(tc, test_json_result);
	tcase_add_test(tc, test_json_errors);
	tcase_add_test(tc, test_help);
	tcase_add_test(tc, test_json_escaping);
	tcase_add_test(tc, test_hypervisor_lines_about_the_cell);
	tcase_add_test(tc, test_binary_statuses);
	suite_add_tcase(s, tc);
	return s;
}
