// SPDX-License-Identifier: GPL-2.0
/*
 * hypervisor/printf.c: every conversion, width and padding, truncation, and
 * printk() reaching console_write(). In host builds snprintf is the
 * hypervisor's (printk.h renames it to hv_snprintf), not libc's.
 */
#include <limits.h>
#include <stdarg.h>
#include <string.h>

#include "unit.h"

#include <bulkhead/printk.h>

static char buf[128];

/* For formats gcc's format checking rightly rejects, to see how we cope with them. */
static int unchecked_snprintf(char *out, size_t size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(out, size, fmt, ap);
	va_end(ap);
	return len;
}

/* Formats into buf and checks both the text and the returned length. */
#define assert_format(expected, ...)                                                        \
	do {                                                                                \
		int _len = snprintf(buf, sizeof(buf), __VA_ARGS__);                         \
		ck_assert_str_eq(buf, expected);                                            \
		ck_assert_int_eq(_len, (int)strlen(expected));                              \
	} while (0)

START_TEST(test_plain_text_and_percent)
{
	assert_format("", "%s", "");
	assert_format("hello, world", "hello, world");
	assert_format("100%", "100%%");
}
END_TEST

START_TEST(test_signed)
{
	assert_format("0 42 -42", "%d %i %d", 0, 42, -42);
	assert_format("-2147483648 2147483647", "%d %d", INT_MIN, INT_MAX);
	assert_format("-9223372036854775808", "%lld", LLONG_MIN);
	assert_format("-1 -1", "%ld %lld", -1L, -1LL);
}
END_TEST

START_TEST(test_unsigned)
{
	assert_format("4294967295", "%u", UINT_MAX);
	assert_format("18446744073709551615", "%lu", ULONG_MAX);
	assert_format("18446744073709551615", "%llu", ULLONG_MAX);
	assert_format("1234", "%zu", (size_t)1234);
}
END_TEST

START_TEST(test_hex)
{
	assert_format("0 ff deadbeef", "%x %x %x", 0u, 255u, 0xdeadbeefu);
	assert_format("ffffffffffffffff", "%lx", ULONG_MAX);
	assert_format("4010000000", "%llx", 0x4010000000ULL);
}
END_TEST

START_TEST(test_pointer_char_string)
{
	assert_format("0x1000", "%p", (void *)0x1000);
	assert_format("a-z", "%c-%c", 'a', 'z');
	assert_format("cell demo", "cell %s", "demo");
	unchecked_snprintf(buf, sizeof(buf), "%s", (const char *)NULL);
	ck_assert_str_eq(buf, "(null)");
}
END_TEST

START_TEST(test_width_and_padding)
{
	assert_format("   42", "%5d", 42);
	assert_format("00042", "%05d", 42);
	assert_format("0x00001000", "0x%08x", 0x1000u);
	assert_format("   -7", "%5d", -7);
	assert_format("123456", "%3d", 123456);
	assert_format("  abc|", "%5s|", "abc");
	assert_format("abcdef", "%3s", "abcdef");
	unchecked_snprintf(buf, sizeof(buf), "%016p", (void *)0x1000);
	ck_assert_str_eq(buf, "0x0000000000001000");
}
END_TEST

START_TEST(test_unknown_conversion)
{
	/* Shown as written, and no argument is consumed for it. */
	ck_assert_int_eq(unchecked_snprintf(buf, sizeof(buf), "%q %d", 5), 4);
	ck_assert_str_eq(buf, "%q 5");
	ck_assert_int_eq(unchecked_snprintf(buf, sizeof(buf), "end%"), 4);
	ck_assert_str_eq(buf, "end%");
}
END_TEST

START_TEST(test_truncation)
{
	char small[6];

	memset(small, 'X', sizeof(small));
	ck_assert_int_eq(snprintf(small, sizeof(small), "hello, %s", "world"), 12);
	ck_assert_str_eq(small, "hello");

	ck_assert_int_eq(snprintf(small, 1, "%d", 12345), 5);
	ck_assert_str_eq(small, "");

	/* Size 0 writes nothing at all, not even the terminator. */
	memset(small, 'X', sizeof(small));
	ck_assert_int_eq(snprintf(small, 0, "%x", 0xabcu), 3);
	ck_assert_int_eq(small[0], 'X');

	ck_assert_int_eq(snprintf(NULL, 0, "%llu", 1ULL << 40), 13);
}
END_TEST

START_TEST(test_printk_reaches_console)
{
	console_capture_reset();
	printk("cpu %u: %s\n", 3u, "online");
	ck_assert_str_eq(console_captured(), "cpu 3: online\n");
}
END_TEST

START_TEST(test_printk_truncates_long_lines)
{
	char long_text[400];

	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	console_capture_reset();
	printk("%s\n", long_text);
	/* printk's line buffer is 256 bytes: 255 characters survive. */
	ck_assert_uint_eq(strlen(console_captured()), 255);
}
END_TEST

Suite *printf_suite(void)
{
	Suite *suite = suite_create("printf");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_plain_text_and_percent);
	tcase_add_test(tc, test_signed);
	tcase_add_test(tc, test_unsigned);
	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_pointer_char_string);
	tcase_add_test(tc, test_width_and_padding);
	tcase_add_test(tc, test_unknown_conversion);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_printk_reaches_console);
	tcase_add_test(tc, test_printk_truncates_long_lines);
	suite_add_tcase(suite, tc);
	return suite;
}
