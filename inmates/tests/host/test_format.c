// SPDX-License-Identifier: BSD-2-Clause
/* The inmate library's vsnprintf (lib/format.c). */
#include <check.h>
#include <inmate.h>

/* Some cases are malformed or NULL on purpose. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define EXPECT_FMT(expect, ...) do {						\
	char buf[128];								\
	int len = snprintf(buf, sizeof(buf), __VA_ARGS__);			\
	ck_assert_str_eq(buf, expect);						\
	ck_assert_int_eq(len, strlen(expect));					\
} while (0)

START_TEST(integers)
{
	EXPECT_FMT("0 -1 42", "%d %i %u", 0, -1, 42U);
	EXPECT_FMT("-2147483648 4294967295", "%d %u", (int)0x80000000, 0xffffffffU);
	EXPECT_FMT("-9223372036854775808", "%ld", (long)(1UL << 63));
	EXPECT_FMT("18446744073709551615", "%lu", ~0UL);
	EXPECT_FMT("-5 7", "%lld %llu", -5LL, 7ULL);
	EXPECT_FMT("123 -4", "%zu %zd", (size_t)123, (ssize_t)-4);
	EXPECT_FMT("12", "%hu", 12);
}
END_TEST

START_TEST(hex_and_pointers)
{
	EXPECT_FMT("ff FF", "%x %X", 255, 255);
	EXPECT_FMT("deadbeefcafe", "%lx", 0xdeadbeefcafeUL);
	EXPECT_FMT("ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FMT("0x1000 0x0", "%p %p", (void *)0x1000, NULL);
}
END_TEST

START_TEST(width_and_padding)
{
	EXPECT_FMT("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
	EXPECT_FMT("-0042|  -42", "%05d|%5d", -42, -42);
	EXPECT_FMT("0x00ff", "0x%04x", 0xff);
	EXPECT_FMT("  abc|abc  |abc", "%5s|%-5s|%2s", "abc", "abc", "abc");
	EXPECT_FMT("ab|abc", "%.2s|%.5s", "abcdef", "abc");
	EXPECT_FMT("ab", "%.*s", 2, "abcdef");
	EXPECT_FMT("   7", "%*d", 4, 7);
	EXPECT_FMT("  x|x  ", "%3c|%-3c", 'x', 'x');
}
END_TEST

START_TEST(strings_and_specials)
{
	EXPECT_FMT("a(null)b", "a%sb", (char *)NULL);
	EXPECT_FMT("100%", "100%%");
	EXPECT_FMT("%q", "%q");
	EXPECT_FMT("end%", "end%");
	EXPECT_FMT("", "%s", "");
}
END_TEST

START_TEST(truncation)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(snprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
	ck_assert_str_eq(buf, "0123456");

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(snprintf(buf, 1, "abc"), 3);
	ck_assert_int_eq(buf[0], '\0');

	/* size 0: nothing is stored, the length is still counted. */
	ck_assert_int_eq(snprintf(buf, 0, "%d", 12345), 5);
	ck_assert_int_eq(buf[0], '\0');
	ck_assert_int_eq(buf[1], 'x');
}
END_TEST

Suite *format_suite(void)
{
	Suite *suite = suite_create("format");
	TCase *tc = tcase_create("vsnprintf");

	tcase_add_test(tc, integers);
	tcase_add_test(tc, hex_and_pointers);
	tcase_add_test(tc, width_and_padding);
	tcase_add_test(tc, strings_and_specials);
	tcase_add_test(tc, truncation);
	suite_add_tcase(suite, tc);
	return suite;
}
