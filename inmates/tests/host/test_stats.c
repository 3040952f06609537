// SPDX-License-Identifier: BSD-2-Clause
/* Sample statistics and 64-bit scaling (lib/stats.c). */
#include <check.h>
#include <inmate.h>

START_TEST(mul_div_exact_and_rounding)
{
	ck_assert_uint_eq(mul_div(0, 1000000000, 62500000), 0);
	/* 62.5 MHz: 16 ns per tick. */
	ck_assert_uint_eq(mul_div(1, 1000000000, 62500000), 16);
	ck_assert_uint_eq(mul_div(62500000, 1000000000, 62500000), 1000000000);
	/* 24 MHz: 41.67 ns per tick, rounded down. */
	ck_assert_uint_eq(mul_div(1, 1000000000, 24000000), 41);
	ck_assert_uint_eq(mul_div(3, 1000000000, 24000000), 125);
	ck_assert_uint_eq(mul_div(7, 3, 2), 10);
	ck_assert_uint_eq(mul_div(5, 7, 0), 0);
}
END_TEST

START_TEST(mul_div_large)
{
	/* A year of a 1 GHz counter in ns: val * mul alone would overflow. */
	unsigned long year = 365UL * 24 * 3600 * 1000000000UL;

	ck_assert_uint_eq(mul_div(year, 1000000000, 1000000000), year);
	ck_assert_uint_eq(mul_div(~0UL, 1, 1), ~0UL);
	ck_assert_uint_eq(mul_div(~0UL, 1000000000, 1000000000), ~0UL);
	/* 2^40 ticks at 62.5 MHz = 17592186044416 ns exactly. */
	ck_assert_uint_eq(mul_div(1UL << 40, 1000000000, 62500000), 17592186044416UL);
	/* Microseconds to ticks at 62.5 MHz: 1000 us = 62500 ticks. */
	ck_assert_uint_eq(mul_div(1000, 62500000, 1000000), 62500);
}
END_TEST

START_TEST(stats_series)
{
	struct stats s;

	stats_init(&s);
	ck_assert_uint_eq(s.count, 0);
	ck_assert_uint_eq(s.min, ~0UL);
	ck_assert_uint_eq(s.max, 0);
	ck_assert_uint_eq(stats_avg(&s), 0);

	stats_add(&s, 5);
	ck_assert_uint_eq(s.min, 5);
	ck_assert_uint_eq(s.max, 5);
	ck_assert_uint_eq(stats_avg(&s), 5);

	stats_add(&s, 2);
	stats_add(&s, 9);
	stats_add(&s, 0);
	ck_assert_uint_eq(s.count, 4);
	ck_assert_uint_eq(s.min, 0);
	ck_assert_uint_eq(s.max, 9);
	ck_assert_uint_eq(s.sum, 16);
	ck_assert_uint_eq(stats_avg(&s), 4);
}
END_TEST

START_TEST(stats_avg_rounds_to_nearest)
{
	struct stats s;

	stats_init(&s);
	stats_add(&s, 1);
	stats_add(&s, 2);
	ck_assert_uint_eq(stats_avg(&s), 2);	/* 1.5 */
	stats_add(&s, 1);
	ck_assert_uint_eq(stats_avg(&s), 1);	/* 1.33 */
	stats_add(&s, 3);
	stats_add(&s, 3);
	ck_assert_uint_eq(stats_avg(&s), 2);	/* 2.0 */
	stats_init(&s);
	stats_add(&s, 1);
	stats_add(&s, 2);
	stats_add(&s, 2);
	ck_assert_uint_eq(stats_avg(&s), 2);	/* 1.67 */
}
END_TEST

Suite *stats_suite(void)
{
	Suite *suite = suite_create("stats");
	TCase *tc = tcase_create("stats");

	tcase_add_test(tc, mul_div_exact_and_rounding);
	tcase_add_test(tc, mul_div_large);
	tcase_add_test(tc, stats_series);
	tcase_add_test(tc, stats_avg_rounds_to_nearest);
	suite_add_tcase(suite, tc);
	return suite;
}
