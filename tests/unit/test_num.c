/* test_num.c — exact rationals, their overflow to double, literal parsing and exact printing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "util/num.h"

static void test_arithmetic_stays_exact(void **state)
{
    (void)state;
    lia_num a = lia__num_frac(2, 3), b = lia__num_frac(1, 6);
    lia_num s = lia__num_add(a, b);                 /* 2/3 + 1/6 = 5/6 */
    assert_int_equal(s.p, 5);
    assert_int_equal(s.q, 6);
    lia_num m = lia__num_mul(a, b);                 /* 2/18 = 1/9 */
    assert_int_equal(m.p, 1);
    assert_int_equal(m.q, 9);
    lia_num d = lia__num_div(b, a);                 /* (1/6)/(2/3) = 1/4 */
    assert_int_equal(d.p, 1);
    assert_int_equal(d.q, 4);
    lia_num n = lia__num_sub(b, a);                 /* 1/6 - 4/6 = -1/2 */
    assert_int_equal(n.p, -1);
    assert_int_equal(n.q, 2);
    assert_true(lia__num_cmp(a, b) > 0);
    assert_int_equal(lia__num_min(a, b).q, 6);
}

static void test_overflow_falls_back_to_double(void **state)
{
    (void)state;
    lia_num big = lia__num_frac(1, 1000000007);     /* prime denominator */
    lia_num x = lia__num_int(1);
    for (int i = 0; i < 3; i++) x = lia__num_mul(x, big);   /* 1/1000000007^3 > 2^62 */
    assert_false(lia_num_exact(x));
    assert_true(x.v > 0 && x.v < 1e-26);
    lia_num y = lia__num_add(x, lia__num_int(1));    /* inexact stays inexact */
    assert_false(lia_num_exact(y));
    assert_true(y.v == 1.0);
}

/* Sums of fractions with different denominators, each worked by hand, against the lowest
 * terms (Henrici's sum reduces by gcd(t, g) only) and the limit of 62-bit denominators. */
static void test_sums_in_lowest_terms(void **state)
{
    (void)state;
    /* 1/6 + 1/10: g = 2, t = 1*5 + 1*3 = 8, gcd(8, 2) = 2: 4 / (3 * 5) = 4/15 */
    lia_num s = lia__num_add(lia__num_frac(1, 6), lia__num_frac(1, 10));
    assert_int_equal(s.p, 4);
    assert_int_equal(s.q, 15);
    /* 3/2^40 + 5/(3 * 2^40) = (9 + 5)/(3 * 2^40) = 7/(3 * 2^39) */
    int64_t two40 = (int64_t)1 << 40;
    s = lia__num_add(lia__num_frac(3, two40), lia__num_frac(5, 3 * two40));
    assert_int_equal(s.p, 7);
    assert_int_equal(s.q, 3 * (two40 / 2));
    /* 1/3 - 1/3 through different forms: 2/6 is reduced on entry, the sum is exactly 0 */
    s = lia__num_sub(lia__num_frac(1, 3), lia__num_frac(2, 6));
    assert_true(lia_num_exact(s) && s.p == 0);
    /* 1/12 + 5/18: g = 6, t = 1*3 + 5*2 = 13, gcd(13, 6) = 1: 13/36 */
    s = lia__num_add(lia__num_frac(1, 12), lia__num_frac(5, 18));
    assert_int_equal(s.p, 13);
    assert_int_equal(s.q, 36);
    /* coprime denominators near 2^31: the sum's, (2^31 - 1)(2^31 + 11) = 2^62 + 10 * 2^31 - 11,
     * passes the 62-bit limit, so the sum is a double, within rounding of the true value */
    int64_t p1 = 2147483647, p2 = 2147483659;   /* 2^31 - 1 (prime) and 2^31 + 11 */
    s = lia__num_add(lia__num_frac(1, p1), lia__num_frac(1, p2));
    assert_false(lia_num_exact(s));
    double want = 1.0 / (double)p1 + 1.0 / (double)p2;
    assert_true(s.v > want * (1 - 1e-15) && s.v < want * (1 + 1e-15));
}

static void test_parse_literals(void **state)
{
    (void)state;
    lia_num v;
    assert_true(lia__num_parse("0.25", 4, &v));
    assert_int_equal(v.p, 1);
    assert_int_equal(v.q, 4);
    assert_true(lia__num_parse("1e-3", 4, &v));
    assert_int_equal(v.p, 1);
    assert_int_equal(v.q, 1000);
    assert_true(lia__num_parse("12", 2, &v));
    assert_int_equal(v.p, 12);
    assert_int_equal(v.q, 1);
    assert_true(lia__num_parse("2.5E2", 5, &v));
    assert_int_equal(v.p, 250);
    assert_true(lia__num_parse("1e-40", 5, &v));    /* too small for int64: inexact */
    assert_false(lia_num_exact(v));
    assert_true(v.v == 1e-40);
    /* 31 digits times 10^18 would overflow 128 bits: parsed as a double, no overflow */
    assert_true(lia__num_parse("9999999999999999999999999999999e18", 34, &v));
    assert_false(lia_num_exact(v));
    assert_true(v.v > 9.9e48 && v.v < 1.1e49);
    assert_false(lia__num_parse("1.", 2, &v));
    assert_false(lia__num_parse("e5", 2, &v));
    assert_false(lia__num_parse("1e", 2, &v));
}

static void test_exact_printing(void **state)
{
    (void)state;
    char buf[1200];
    lia__num_format_exact(buf, sizeof buf, lia__num_frac(-7, 3));
    assert_string_equal(buf, "-7/3");
    lia__num_format_exact(buf, sizeof buf, lia__num_int(42));
    assert_string_equal(buf, "42");
    /* an inexact 2.5 prints as its exact binary value, never as a truncatable decimal */
    lia_num half = { 2.5, 0, 0 };
    lia__num_format_exact(buf, sizeof buf, half);
    assert_string_equal(buf, "5/2");
    lia_num tenth = { 0.1, 0, 0 };                 /* 0.1 = 3602879701896397 / 2^55 */
    lia__num_format_exact(buf, sizeof buf, tenth);
    assert_string_equal(buf, "3602879701896397/36028797018963968");
    lia_num tiny = { 1e-300, 0, 0 };               /* needs a big denominator */
    assert_true(lia__num_format_exact(buf, sizeof buf, tiny) > 300);
    assert_non_null(strchr(buf, '/'));
    lia_num huge = { 1e300, 0, 0 };                /* an exact integer with 301 digits */
    assert_int_equal(lia__num_format_exact(buf, sizeof buf, huge), 301);
}

static void test_shortest_decimal(void **state)
{
    (void)state;
    char buf[48];
    lia__num_format_double(buf, sizeof buf, 200);
    assert_string_equal(buf, "200");
    lia__num_format_double(buf, sizeof buf, 0.1);
    assert_string_equal(buf, "0.1");
    lia__num_format_double(buf, sizeof buf, 1.0 / 3);
    assert_string_equal(buf, "0.3333333333333333");
    lia__num_format_double(buf, sizeof buf, 1e-9);
    assert_string_equal(buf, "1e-09");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arithmetic_stays_exact),
        cmocka_unit_test(test_overflow_falls_back_to_double),
        cmocka_unit_test(test_sums_in_lowest_terms),
        cmocka_unit_test(test_parse_literals),
        cmocka_unit_test(test_exact_printing),
        cmocka_unit_test(test_shortest_decimal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
