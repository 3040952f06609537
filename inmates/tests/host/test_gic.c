// SPDX-License-Identifier: BSD-2-Clause
/* GICv3 affinity encodings (lib/arm64/gic-encode.c). */
#include <check.h>
#include "../../lib/arm64/gicv3.h"

START_TEST(sgi1r)
{
	/* TargetList bit Aff0, INTID in 27:24. */
	ck_assert_uint_eq(gic_sgi1r_value(0x0, 0), 0x1);
	ck_assert_uint_eq(gic_sgi1r_value(0x3, 1), 0x01000008);
	ck_assert_uint_eq(gic_sgi1r_value(0xf, 15), 0x0f008000);
	/* Aff1 in 23:16, Aff2 in 39:32, Aff3 in 55:48. */
	ck_assert_uint_eq(gic_sgi1r_value(0x0102, 2), 0x02010004);
	ck_assert_uint_eq(gic_sgi1r_value(0x030201, 0), 0x0000000300020002UL);
	ck_assert_uint_eq(gic_sgi1r_value(0x4000000000UL, 0), 0x0040000000000001UL);
	/* Aff0 above 15: range selector in 47:44, bit Aff0 % 16. */
	ck_assert_uint_eq(gic_sgi1r_value(0x10, 1), 0x0000100001000001UL);
	ck_assert_uint_eq(gic_sgi1r_value(0x23, 1), 0x0000200001000008UL);
	ck_assert_uint_eq(gic_sgi1r_value(0xff, 1), 0x0000f00001008000UL);
	/* IRM (bit 40) never set; other MPIDR bits (MT, U) ignored. */
	ck_assert_uint_eq(gic_sgi1r_value(0x81000002UL, 3) & (1UL << 40), 0);
	ck_assert_uint_eq(gic_sgi1r_value(0x81000002UL, 3), gic_sgi1r_value(0x2, 3));
}
END_TEST

START_TEST(typer_affinity)
{
	/* GICR_TYPER bits 63:32 = Aff3.Aff2.Aff1.Aff0. */
	ck_assert(gic_typer_matches(0x0000000200000000UL, 0x2));
	ck_assert(gic_typer_matches(0x0000000200000210UL, 0x2));
	ck_assert(!gic_typer_matches(0x0000000200000000UL, 0x3));
	ck_assert(gic_typer_matches(0x0000010000000000UL, 0x100));
	ck_assert(!gic_typer_matches(0x0000010000000000UL, 0x1));
	ck_assert(gic_typer_matches(0x0403020100000011UL, 0x0400030201UL));
	ck_assert(gic_typer_matches(0x0000000300000000UL, 0x80000003UL));
	ck_assert(gic_typer_matches(0, 0));
}
END_TEST

START_TEST(irouter_and_stride)
{
	ck_assert_uint_eq(gic_irouter_value(0x3), 0x3);
	ck_assert_uint_eq(gic_irouter_value(0x80000103UL), 0x103);
	ck_assert_uint_eq(gic_irouter_value(0xff40ffffffUL), 0xff00ffffffUL);
	ck_assert_uint_eq(gic_redist_stride(0x0000000100000000UL), 0x20000);
	ck_assert_uint_eq(gic_redist_stride(0x0000000100000002UL), 0x40000);
}
END_TEST

Suite *gic_suite(void)
{
	Suite *suite = suite_create("gic");
	TCase *tc = tcase_create("encode");

	tcase_add_test(tc, sgi1r);
	tcase_add_test(tc, typer_affinity);
	tcase_add_test(tc, irouter_and_stride);
	suite_add_tcase(suite, tc);
	return suite;
}
