// SPDX-License-Identifier: BSD-2-Clause
/* The inmate library's command-line parser (lib/cmdline.c). */
#include <check.h>
#include "../../lib/internal.h"

/* In an inmate image this buffer sits at offset 0x100 (lib/setup.c). */
char inmate_cmdline_buf[BULKHEAD_INMATE_CMDLINE_SIZE];

static void set_cmdline(const char *str)
{
	memset(inmate_cmdline_buf, 0, sizeof(inmate_cmdline_buf));
	strncpy(inmate_cmdline_buf, str, sizeof(inmate_cmdline_buf) - 1);
}

START_TEST(strings)
{
	char buf[8];

	set_cmdline("  name=hello\tflag other=x=y  empty= ");
	ck_assert_int_eq(cmdline_get_str("name", buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_int_eq(cmdline_get_str("flag", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(cmdline_get_str("other", buf, sizeof(buf)), 3);
	ck_assert_str_eq(buf, "x=y");
	ck_assert_int_eq(cmdline_get_str("empty", buf, sizeof(buf)), 0);
	ck_assert_int_eq(cmdline_get_str("nam", buf, sizeof(buf)), -1);
	ck_assert_int_eq(cmdline_get_str("names", buf, sizeof(buf)), -1);
	ck_assert_int_eq(cmdline_get_str("", buf, sizeof(buf)), -1);
	ck_assert_str_eq(cmdline(), "  name=hello\tflag other=x=y  empty= ");
}
END_TEST

START_TEST(truncation_and_last_wins)
{
	char buf[4];

	set_cmdline("key=first key=abcdefgh");
	ck_assert_int_eq(cmdline_get_str("key", buf, sizeof(buf)), 8);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(cmdline_get_str("key", buf, 0), 8);
}
END_TEST

START_TEST(numbers)
{
	set_cmdline("count=5 uart=0x09000000 big=18446744073709551615 over=18446744073709551616 "
		    "bad=12a hex=0XfF nohex=0x neg=-1 flag");
	ck_assert_uint_eq(cmdline_get_ulong("count", 0), 5);
	ck_assert_uint_eq(cmdline_get_ulong("uart", 0), 0x09000000);
	ck_assert_uint_eq(cmdline_get_ulong("big", 0), ~0UL);
	ck_assert_uint_eq(cmdline_get_ulong("over", 7), 7);
	ck_assert_uint_eq(cmdline_get_ulong("bad", 7), 7);
	ck_assert_uint_eq(cmdline_get_ulong("hex", 0), 255);
	ck_assert_uint_eq(cmdline_get_ulong("nohex", 7), 7);
	ck_assert_uint_eq(cmdline_get_ulong("neg", 7), 7);
	ck_assert_uint_eq(cmdline_get_ulong("flag", 7), 7);
	ck_assert_uint_eq(cmdline_get_ulong("missing", 100), 100);
}
END_TEST

START_TEST(flags)
{
	set_cmdline("deny-shutdown count=3");
	ck_assert(cmdline_has("deny-shutdown"));
	ck_assert(cmdline_has("count"));
	ck_assert(!cmdline_has("deny"));
	ck_assert(!cmdline_has("ignore-shutdown"));
	set_cmdline("");
	ck_assert(!cmdline_has("count"));
}
END_TEST

START_TEST(unterminated_buffer)
{
	char buf[8];

	/* A buffer filled to the last byte: the parser stops at its end. */
	memset(inmate_cmdline_buf, 'a', sizeof(inmate_cmdline_buf));
	memcpy(inmate_cmdline_buf, "x=1 ", 4);
	memcpy(inmate_cmdline_buf + sizeof(inmate_cmdline_buf) - 4, " y=2", 4);
	ck_assert_uint_eq(cmdline_get_ulong("x", 0), 1);
	ck_assert_uint_eq(cmdline_get_ulong("y", 0), 2);
	ck_assert_int_eq(cmdline_get_str("y", buf, sizeof(buf)), 1);
}
END_TEST

START_TEST(number_lists)
{
	unsigned long vals[3] = { 0 };

	set_cmdline("mpidrs=2,0x3 one=7 empty= flag bad=1,,2 bad2=1,x tail=1, many=1,2,3,4");
	ck_assert_int_eq(cmdline_get_ulong_list("mpidrs", vals, 3), 2);
	ck_assert_uint_eq(vals[0], 2);
	ck_assert_uint_eq(vals[1], 3);
	ck_assert_int_eq(cmdline_get_ulong_list("one", vals, 3), 1);
	ck_assert_uint_eq(vals[0], 7);
	ck_assert_int_eq(cmdline_get_ulong_list("missing", vals, 3), 0);
	ck_assert_int_eq(cmdline_get_ulong_list("empty", vals, 3), 0);
	ck_assert_int_eq(cmdline_get_ulong_list("flag", vals, 3), 0);
	ck_assert_int_eq(cmdline_get_ulong_list("bad", vals, 3), -1);
	ck_assert_int_eq(cmdline_get_ulong_list("bad2", vals, 3), -1);
	ck_assert_int_eq(cmdline_get_ulong_list("tail", vals, 3), -1);
	ck_assert_int_eq(cmdline_get_ulong_list("many", vals, 3), -1);
	ck_assert_int_eq(cmdline_get_ulong_list("many", vals, 0), -1);
	ck_assert_int_eq(cmdline_get_ulong_list("mpidrs", vals, 1), -1);
}
END_TEST

Suite *cmdline_suite(void)
{
	Suite *suite = suite_create("cmdline");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, strings);
	tcase_add_test(tc, truncation_and_last_wins);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, flags);
	tcase_add_test(tc, unterminated_buffer);
	tcase_add_test(tc, number_lists);
	suite_add_tcase(suite, tc);
	return suite;
}
