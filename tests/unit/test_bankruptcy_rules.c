/* test_bankruptcy_rules.c — proportional, CEA, CEL and Talmud division of an estate: the
 * Aumann-Maschler table and hand computations, the rules' axioms on random instances, and
 * the argument checks and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "share/share.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

typedef lia_status (*rule_fn)(double, const double *, size_t, double *);
static const rule_fn rules[4] = { lia__bankruptcy_proportional, lia__bankruptcy_cea, lia__bankruptcy_cel,
                                  lia__bankruptcy_talmud };
static const char *const rule_names[4] = { "proportional", "cea", "cel", "talmud" };

static void expect3(rule_fn f, double E, const double c[3], double a, double b, double d)
{
    double x[3];
    assert_int_equal(f(E, c, 3, x), LIA_OK);
    NEAR(x[0], a);
    NEAR(x[1], b);
    NEAR(x[2], d);
}

/* Aumann & Maschler (1985), "Game theoretic analysis of a bankruptcy problem from the Talmud",
 * J. Econ. Theory 36: the Mishnah (Ketubot 93a) divides estates of 100, 200, 300 among
 * claims of 100, 200, 300 as (33 1/3, 33 1/3, 33 1/3), (50, 75, 75), (50, 100, 150). */
static void test_talmud_table(void **state)
{
    (void)state;
    const double c[3] = { 100, 200, 300 };
    expect3(lia__bankruptcy_talmud, 100, c, 100.0 / 3, 100.0 / 3, 100.0 / 3);
    expect3(lia__bankruptcy_talmud, 200, c, 50, 75, 75);
    expect3(lia__bankruptcy_talmud, 300, c, 50, 100, 150);
    /* by the table's own logic at E = 400 = C - 200: self-duality gives c - (50, 75, 75) */
    expect3(lia__bankruptcy_talmud, 400, c, 50, 125, 225);
    expect3(lia__bankruptcy_talmud, 600, c, 100, 200, 300);
    expect3(lia__bankruptcy_talmud, 0, c, 0, 0, 0);
}

/* The other rules on the same claims, by hand (C = 600):
 *   proportional: E/C = 1/6, 1/3, 1/2 times (100, 200, 300);
 *   CEA: lambda = 100/3 (< 100) and 200/3 (< 100); at 300, lambda = 100 meets the first
 *        claim exactly: (100, 100, 100);
 *   CEL: 100 = 300 - mu gives mu = 200, the others lose all; 200 = (200 - mu) + (300 - mu)
 *        gives mu = 150 > 100: (0, 50, 150); 300 gives mu = 100: (0, 100, 200). */
static void test_other_rules_by_hand(void **state)
{
    (void)state;
    const double c[3] = { 100, 200, 300 };
    expect3(lia__bankruptcy_proportional, 100, c, 100.0 / 6, 100.0 / 3, 50);
    expect3(lia__bankruptcy_proportional, 200, c, 100.0 / 3, 200.0 / 3, 100);
    expect3(lia__bankruptcy_proportional, 300, c, 50, 100, 150);
    expect3(lia__bankruptcy_cea, 100, c, 100.0 / 3, 100.0 / 3, 100.0 / 3);
    expect3(lia__bankruptcy_cea, 200, c, 200.0 / 3, 200.0 / 3, 200.0 / 3);
    expect3(lia__bankruptcy_cea, 300, c, 100, 100, 100);
    expect3(lia__bankruptcy_cea, 500, c, 100, 200, 200);          /* lambda = (500 - 300) / 1 */
    expect3(lia__bankruptcy_cel, 100, c, 0, 0, 100);
    expect3(lia__bankruptcy_cel, 200, c, 0, 50, 150);
    expect3(lia__bankruptcy_cel, 300, c, 0, 100, 200);
    expect3(lia__bankruptcy_cel, 500, c, 200.0 / 3, 500.0 / 3, 800.0 / 3);   /* 600 - 3 mu = 500: mu = 100/3 */
    /* ties and order of the input: claims (40, 10, 10), E = 30. CEA: lambda = 10 exactly
     * meets both small claims: (10, 10, 10). CEL: 40 - mu = 30, mu = 10: (30, 0, 0). Talmud:
     * E = C/2, every claimant has half: (20, 5, 5). */
    const double t[3] = { 40, 10, 10 };
    expect3(lia__bankruptcy_cea, 30, t, 10, 10, 10);
    expect3(lia__bankruptcy_cel, 30, t, 30, 0, 0);
    expect3(lia__bankruptcy_talmud, 30, t, 20, 5, 5);
    /* Talmud below half: CEA on the halves (20, 5, 5). E = 12: 3 lambda = 12, lambda = 4 < 5:
     * (4, 4, 4). E = 18: at lambda = 5 only 15 is given, so the two small halves are met and
     * the first gets 18 - 10: (8, 5, 5). Above half: E = 50 = 30 +
     * 20, and 20 is divided by CEL on the halves: the losses (20 - mu) + 2 (5 - mu) = 20 give
     * mu = 10/3 (< 5, so all three take part); x = halves + (50/3, 5/3, 5/3). By
     * self-duality T(10) = c - T(50) = (10/3, 10/3, 10/3), CEA on halves at lambda = 10/3. */
    expect3(lia__bankruptcy_talmud, 12, t, 4, 4, 4);
    expect3(lia__bankruptcy_talmud, 18, t, 8, 5, 5);
    expect3(lia__bankruptcy_talmud, 50, t, 20 + 50.0 / 3, 5 + 5.0 / 3, 5 + 5.0 / 3);
    expect3(lia__bankruptcy_talmud, 10, t, 10.0 / 3, 10.0 / 3, 10.0 / 3);
}

/* Precision when the claims dwarf the estate: a rule that forms mu = (C - E) / k and then
 * c - mu would lose the estate entirely. CEL gives all 1.5 to the huge claim; Talmud gives
 * the two small halves in full (0.5 each) and the huge claimant the remaining 0.5. */
static void test_disparate_scales(void **state)
{
    (void)state;
    const double c[3] = { 1e300, 1, 1 };
    double x[3];
    assert_int_equal(lia__bankruptcy_cel(1.5, c, 3, x), LIA_OK);
    assert_true(x[0] == 1.5 && x[1] == 0 && x[2] == 0);
    assert_int_equal(lia__bankruptcy_talmud(1.5, c, 3, x), LIA_OK);
    assert_true(x[0] == 0.5 && x[1] == 0.5 && x[2] == 0.5);
    assert_int_equal(lia__bankruptcy_cea(1.5, c, 3, x), LIA_OK);
    assert_true(x[0] == 0.5 && x[1] == 0.5 && x[2] == 0.5);
    assert_int_equal(lia__bankruptcy_proportional(1.5, c, 3, x), LIA_OK);
    NEAR(x[0], 1.5);
    assert_true(x[1] > 0 && x[1] < 1e-299);
}

static uint64_t rng_state;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) * 0x1p-53;
}

/* The contested-garment principle for two claimants (Aumann-Maschler 1985, section 2): each
 * receives what the other concedes, max(0, E - c_other), and the rest is split equally. */
static void contested_garment(double E, double a, double b, double *xa, double *xb)
{
    double ca = E - b > 0 ? E - b : 0, cb = E - a > 0 ? E - a : 0, rest = E - ca - cb;
    *xa = ca + rest / 2;
    *xb = cb + rest / 2;
}

/* Random claims (with ties and zeros) and estates: efficiency, bounds, order preservation of
 * awards and losses, equal treatment, CEA/CEL duality, Talmud self-duality, the half-claims
 * split, and Talmud's consistency with the contested garment on every pair — the property
 * that makes it the nucleolus (Aumann-Maschler 1985, theorems A and C). */
static void test_random_properties(void **state)
{
    (void)state;
    rng_state = 20240601;
    double c[40], x[4][40], y[40], z[40];
    for (int round = 0; round < 2000; round++) {
        size_t n = 1 + (size_t)(uniform() * 40);
        double C = 0;
        for (size_t i = 0; i < n; i++) {
            double u = uniform();
            c[i] = u < 0.1 ? 0 : u < 0.3 ? (double)(1 + (int)(uniform() * 4)) * 25 : uniform() * 100;
            C += c[i];
        }
        double E = round % 10 == 0 ? C * (double)(round % 3) / 2 : uniform() * C;
        double tol = 1e-12 * (C > 1 ? C : 1);
        for (int r = 0; r < 4; r++) {
            assert_int_equal(rules[r](E, c, n, x[r]), LIA_OK);
            double s = 0;
            for (size_t i = 0; i < n; i++) {
                s += x[r][i];
                if (!(x[r][i] >= 0 && x[r][i] <= c[i])) fail_msg("%s: x out of [0, c]", rule_names[r]);
                for (size_t j = 0; j < n; j++) {
                    if (c[i] > c[j]) continue;
                    if (c[i] == c[j] && x[r][i] != x[r][j]) fail_msg("%s: unequal treatment", rule_names[r]);
                    if (x[r][i] > x[r][j] + tol) fail_msg("%s: awards out of order", rule_names[r]);
                    if (c[i] - x[r][i] > c[j] - x[r][j] + tol) fail_msg("%s: losses out of order", rule_names[r]);
                }
            }
            if (fabs(s - E) > tol) fail_msg("%s: sum %.17g, estate %.17g", rule_names[r], s, E);
        }
        /* CEL(E, c) = c - CEA(C - E, c) */
        assert_int_equal(lia__bankruptcy_cea(C - E > 0 ? C - E : 0, c, n, y), LIA_OK);
        for (size_t i = 0; i < n; i++) assert_true(fabs(x[2][i] - (c[i] - y[i])) <= tol);
        /* T(E, c) = c - T(C - E, c); below half the estate nobody gets over half a claim */
        assert_int_equal(lia__bankruptcy_talmud(C - E > 0 ? C - E : 0, c, n, z), LIA_OK);
        for (size_t i = 0; i < n; i++) {
            assert_true(fabs(x[3][i] - (c[i] - z[i])) <= tol);
            if (E <= C / 2) assert_true(x[3][i] <= c[i] / 2 + tol);
            else assert_true(x[3][i] >= c[i] / 2 - tol);
        }
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                double a, b;
                contested_garment(x[3][i] + x[3][j], c[i], c[j], &a, &b);
                assert_true(fabs(a - x[3][i]) <= tol && fabs(b - x[3][j]) <= tol);
            }
    }
}

/* Many claimants: sorting, not quadratic work, and the sum still meets the estate. */
static void test_many_claimants(void **state)
{
    (void)state;
    size_t n = 200000;
    double *c = malloc(n * sizeof *c), *x = malloc(n * sizeof *x);
    assert_non_null(c);
    assert_non_null(x);
    rng_state = 7;
    double C = 0;
    for (size_t i = 0; i < n; i++) C += c[i] = uniform() * 1000;
    for (int r = 0; r < 4; r++) {
        double E = 0.37 * C, s = 0;
        assert_int_equal(rules[r](E, c, n, x), LIA_OK);
        for (size_t i = 0; i < n; i++) s += x[i];
        assert_true(fabs(s - E) <= 1e-9 * E);
    }
    free(c);
    free(x);
}

/* x may be the claims array itself. */
static void test_in_place(void **state)
{
    (void)state;
    for (int r = 0; r < 4; r++) {
        double c[3] = { 100, 200, 300 }, want[3];
        const double orig[3] = { 100, 200, 300 };
        assert_int_equal(rules[r](200, orig, 3, want), LIA_OK);
        assert_int_equal(rules[r](200, c, 3, c), LIA_OK);
        for (int i = 0; i < 3; i++) assert_true(c[i] == want[i]);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    const double c[3] = { 100, 200, 300 }, neg[2] = { 1, -1 }, nan2[2] = { 1, NAN }, inf2[2] = { 1, INFINITY };
    const double huge[2] = { 1e308, 1e308 };   /* finite claims whose sum is not */
    double x[3];
    for (int r = 0; r < 4; r++) {
        assert_int_equal(rules[r](100, NULL, 3, x), LIA_EUSAGE);
        assert_int_equal(rules[r](100, c, 3, NULL), LIA_EUSAGE);
        assert_int_equal(rules[r](0, c, 0, x), LIA_EUSAGE);
        assert_int_equal(rules[r](-1, c, 3, x), LIA_EUSAGE);
        assert_int_equal(rules[r](NAN, c, 3, x), LIA_EUSAGE);
        assert_int_equal(rules[r](INFINITY, c, 3, x), LIA_EUSAGE);
        assert_int_equal(rules[r](601, c, 3, x), LIA_EUSAGE);              /* surplus: not a bankruptcy */
        assert_int_equal(rules[r](0.5, neg, 2, x), LIA_EUSAGE);
        assert_int_equal(rules[r](0.5, nan2, 2, x), LIA_EUSAGE);
        assert_int_equal(rules[r](0.5, inf2, 2, x), LIA_EUSAGE);
        assert_int_equal(rules[r](1, huge, 2, x), LIA_EUSAGE);
        /* an estate equal to the claims by a different rounding of their sum is accepted:
         * 0.1 + 0.2 + 0.3 is 0.6000000000000001 in doubles, the caller may have 0.6 or that */
        const double tenths[3] = { 0.3, 0.2, 0.1 };
        assert_int_equal(rules[r](0.1 + 0.2 + 0.3, tenths, 3, x), LIA_OK);
        for (int i = 0; i < 3; i++) assert_true(x[i] == tenths[i]);
        assert_int_equal(rules[r](0.6, tenths, 3, x), LIA_OK);
        /* a single claimant gets the estate; a zero estate and zero claims are fine */
        const double one[1] = { 5 }, zero[2] = { 0, 0 };
        assert_int_equal(rules[r](3, one, 1, x), LIA_OK);
        assert_true(x[0] == 3);
        assert_int_equal(rules[r](0, zero, 2, x), LIA_OK);
        assert_true(x[0] == 0 && x[1] == 0);
    }
}

/* Each failed allocation reports LIA_ENOMEM and leaves nothing behind (ASan checks leaks);
 * the sweep ends at the first k that no longer reaches a failing allocation. */
static void test_allocation_failures(void **state)
{
    (void)state;
    const double c[4] = { 100, 200, 300, 50 };
    for (int r = 0; r < 4; r++) {
        double x[4], want[4];
        assert_int_equal(rules[r](275, c, 4, want), LIA_OK);
        unsigned long k;
        for (k = 1; k < 100; k++) {
            lia__mem_fail_after(k);
            lia_status st = rules[r](275, c, 4, x);
            lia__mem_fail_after(0);
            if (st == LIA_OK) break;
            assert_int_equal(st, LIA_ENOMEM);
        }
        assert_true(k < 100);
        assert_int_equal(k, r == 0 ? 1 : 2);   /* proportional needs no scratch; the others one */
        for (int i = 0; i < 4; i++) assert_true(x[i] == want[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_talmud_table),
        cmocka_unit_test(test_other_rules_by_hand),
        cmocka_unit_test(test_disparate_scales),
        cmocka_unit_test(test_random_properties),
        cmocka_unit_test(test_many_claimants),
        cmocka_unit_test(test_in_place),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
