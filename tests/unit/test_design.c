/* test_design.c — the exploration designs (solver/explore/design.h): determinism, Latin-
 * hypercube strata, the Saltelli run order, Morris steps, range, uniformity and the run count. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "explore/design.h"

#define D 5

static void test_determinism(void **state)
{
    (void)state;
    for (int k = 0; k < 4; k++) {
        uint64_t runs = lia__design_runs((lia__design_kind)k, 50, D);
        int differ = 0;
        for (uint64_t r = 0; r < runs; r++) {
            double a[D], b[D], c[D];
            assert_int_equal(lia__design_point((lia__design_kind)k, 42, 50, D, r, a), 0);
            assert_int_equal(lia__design_point((lia__design_kind)k, 42, 50, D, r, b), 0);
            assert_int_equal(lia__design_point((lia__design_kind)k, 43, 50, D, r, c), 0);
            assert_memory_equal(a, b, sizeof a);
            differ += memcmp(a, c, sizeof a) != 0;
        }
        /* Morris points live on a 4-level grid, so two seeds can share a point by chance,
         * but not most of them. */
        assert_true(differ > (int)(runs * 3 / 4));
    }
    /* the generator: same triple, same bits; any changed component, other bits */
    assert_true(lia__rng_u64(1, 2, 3) == lia__rng_u64(1, 2, 3));
    assert_true(lia__rng_u64(1, 2, 3) != lia__rng_u64(2, 2, 3));
    assert_true(lia__rng_u64(1, 2, 3) != lia__rng_u64(1, 3, 3));
    assert_true(lia__rng_u64(1, 2, 3) != lia__rng_u64(1, 2, 4));
}

/* Every value of every design lies in [0, 1]; out-of-range runs are refused. */
static void test_range(void **state)
{
    (void)state;
    for (int k = 0; k < 4; k++) {
        uint64_t runs = lia__design_runs((lia__design_kind)k, 200, D);
        double u[D];
        for (uint64_t r = 0; r < runs; r++) {
            assert_int_equal(lia__design_point((lia__design_kind)k, 7, 200, D, r, u), 0);
            for (size_t j = 0; j < D; j++) assert_true(u[j] >= 0 && u[j] <= 1);
        }
        assert_int_equal(lia__design_point((lia__design_kind)k, 7, 200, D, runs, u), -1);
    }
}

/* n = 1000, d = 5: floor(1000 u_j) takes each value 0..999 exactly once on every axis. */
static void test_lhs_strata(void **state)
{
    (void)state;
    enum { N = 1000 };
    static unsigned char seen[D][N];
    memset(seen, 0, sizeof seen);
    for (uint64_t r = 0; r < N; r++) {
        double u[D];
        assert_int_equal(lia__design_point(LIA__DESIGN_LHS, 2026, N, D, r, u), 0);
        for (size_t j = 0; j < D; j++) {
            double s = floor(u[j] * N);
            assert_true(s >= 0 && s < N);
            seen[j][(size_t)s]++;
        }
    }
    for (size_t j = 0; j < D; j++)
        for (size_t s = 0; s < N; s++) assert_int_equal(seen[j][s], 1);
    /* Same for sizes that are not near a power of two, and for n = 1. */
    static const uint64_t sizes[] = {1, 2, 3, 7, 513, 4097};
    for (size_t q = 0; q < sizeof sizes / sizeof *sizes; q++) {
        uint64_t n = sizes[q];
        unsigned char *hit = calloc(n, 1);
        assert_non_null(hit);
        for (uint64_t r = 0; r < n; r++) {
            double u[1];
            assert_int_equal(lia__design_point(LIA__DESIGN_LHS, 5, n, 1, r, u), 0);
            hit[(size_t)floor(u[0] * (double)n)]++;
        }
        for (uint64_t s = 0; s < n; s++) assert_int_equal(hit[s], 1);
        free(hit);
    }
}

/* The keyed permutation is a bijection (every value once) and depends on the key. */
static void test_permute(void **state)
{
    (void)state;
    enum { N = 1000 };
    unsigned char seen[N] = {0};
    int fixed = 0;
    for (uint64_t x = 0; x < N; x++) {
        uint64_t y = lia__rng_permute(99, N, x);
        assert_true(y < N);
        seen[y]++;
        fixed += y == x;
        if (x < 100) assert_true(y == lia__rng_permute(99, N, x));
    }
    for (size_t s = 0; s < N; s++) assert_int_equal(seen[s], 1);
    assert_true(fixed < 10);   /* a random permutation has 1 fixed point on average */
}

/* Saltelli order: A, AB^1..AB^d, BA^1..BA^d, B; AB^i = A but column i from B, BA^i = B but
 * column i from A. */
static void test_saltelli_structure(void **state)
{
    (void)state;
    enum { N = 20 };
    const uint64_t per = 2 * D + 2;
    assert_int_equal(lia__design_runs(LIA__DESIGN_SOBOL, N, D), N * per);
    for (uint64_t j = 0; j < N; j++) {
        double a[D], b[D], x[D];
        assert_int_equal(lia__design_point(LIA__DESIGN_SOBOL, 3, N, D, j * per, a), 0);
        assert_int_equal(lia__design_point(LIA__DESIGN_SOBOL, 3, N, D, j * per + per - 1, b), 0);
        for (size_t i = 0; i < D; i++) assert_true(a[i] != b[i]);   /* A and B drawn apart */
        for (size_t i = 0; i < D; i++) {
            assert_int_equal(lia__design_point(LIA__DESIGN_SOBOL, 3, N, D, j * per + 1 + i, x), 0);
            for (size_t c = 0; c < D; c++) assert_true(x[c] == (c == i ? b[c] : a[c]));
            assert_int_equal(lia__design_point(LIA__DESIGN_SOBOL, 3, N, D, j * per + 1 + D + i, x), 0);
            for (size_t c = 0; c < D; c++) assert_true(x[c] == (c == i ? a[c] : b[c]));
        }
    }
}

/* Morris: d+1 points per trajectory on the grid {0, 1/3, 2/3, 1}; consecutive points differ
 * in one coordinate by +-2/3 (to rounding: 1 - 1/3 is one ulp off 2/3); each coordinate moves
 * once per trajectory; orders and directions vary between trajectories. */
static void test_morris_steps(void **state)
{
    (void)state;
    enum { T = 100 };
    int up = 0, first_moved[D] = {0};
    for (uint64_t t = 0; t < T; t++) {
        double prev[D], x[D];
        int moved[D] = {0};
        assert_int_equal(lia__design_point(LIA__DESIGN_MORRIS, 11, T, D, t * (D + 1), prev), 0);
        for (size_t s = 1; s <= D; s++) {
            assert_int_equal(lia__design_point(LIA__DESIGN_MORRIS, 11, T, D, t * (D + 1) + s, x), 0);
            size_t changed = 0, which = 0;
            for (size_t i = 0; i < D; i++) {
                double g = x[i] * 3;
                assert_true(fabs(g - round(g)) < 1e-12);
                if (x[i] != prev[i]) changed++, which = i;
            }
            assert_int_equal(changed, 1);
            double step = x[which] - prev[which];
            assert_true(fabs(fabs(step) - 2.0 / 3) < 1e-15);
            up += step > 0;
            moved[which]++;
            if (s == 1) first_moved[which]++;
            memcpy(prev, x, sizeof x);
        }
        for (size_t i = 0; i < D; i++) assert_int_equal(moved[i], 1);
    }
    /* 500 steps with a fair sign: up-count within 4 standard deviations (sqrt(125) ~ 11) of 250 */
    assert_true(abs(up - 250) < 45);
    for (size_t i = 0; i < D; i++) assert_true(first_moved[i] > 5);   /* about 20 each */
}

/* Mean of 10^5 plain Monte-Carlo draws: within 4 standard errors (sqrt(1/12/10^5)) of 1/2,
 * per axis; also the variance near 1/12. */
static void test_uniformity(void **state)
{
    (void)state;
    enum { N = 100000 };
    double sum[D] = {0}, sq[D] = {0};
    for (uint64_t r = 0; r < N; r++) {
        double u[D];
        assert_int_equal(lia__design_point(LIA__DESIGN_MC, 123, N, D, r, u), 0);
        for (size_t j = 0; j < D; j++) sum[j] += u[j], sq[j] += u[j] * u[j];
    }
    const double tol = 4 / sqrt(12.0 * N);   /* 4 x the sd of the mean, 1/sqrt(12 N): 0.00365 */
    for (size_t j = 0; j < D; j++) {
        double mean = sum[j] / N, var = sq[j] / N - mean * mean;
        assert_true(fabs(mean - 0.5) < tol);
        /* the sd of a sample variance of U(0,1) is sqrt((1/80 - 1/144)/N) = 2.4e-4 */
        assert_true(fabs(var - 1.0 / 12) < 4 * 2.4e-4);
    }
}

static void test_runs_and_names(void **state)
{
    (void)state;
    assert_true(lia__design_runs(LIA__DESIGN_MC, 10, 3) == 10);
    assert_true(lia__design_runs(LIA__DESIGN_LHS, 10, 3) == 10);
    assert_true(lia__design_runs(LIA__DESIGN_SOBOL, 10, 3) == 80);
    assert_true(lia__design_runs(LIA__DESIGN_MORRIS, 10, 3) == 40);
    assert_true(lia__design_runs(LIA__DESIGN_MC, 0, 3) == 0);
    assert_true(lia__design_runs(LIA__DESIGN_MC, 10, 0) == 0);
    /* overflow: 2^62 base samples x (2*3+2) runs, 2^63 trajectories x 3 points */
    assert_true(lia__design_runs(LIA__DESIGN_SOBOL, UINT64_C(1) << 62, 3) == 0);
    assert_true(lia__design_runs(LIA__DESIGN_MORRIS, UINT64_C(1) << 63, 2) == 0);
    assert_true(lia__design_runs(LIA__DESIGN_SOBOL, UINT64_C(1) << 59, 3) == UINT64_C(1) << 62);
    assert_true(lia__design_runs(LIA__DESIGN_SOBOL, 1, SIZE_MAX) == 0);
    assert_true(lia__design_runs((lia__design_kind)9, 10, 3) == 0);
    /* a huge LHS still gives a point in O(d) memory */
    double u[3];
    assert_int_equal(lia__design_point(LIA__DESIGN_LHS, 1, UINT64_MAX, 3, UINT64_MAX - 1, u), 0);
    for (int k = 0; k < 4; k++)
        assert_int_equal(lia__design_from_name(lia__design_name((lia__design_kind)k)), k);
    assert_int_equal(lia__design_from_name("latin"), -1);
    assert_int_equal(lia__design_from_name(NULL), -1);
    assert_null(lia__design_name((lia__design_kind)4));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_determinism),     cmocka_unit_test(test_range),
        cmocka_unit_test(test_lhs_strata),      cmocka_unit_test(test_permute),
        cmocka_unit_test(test_saltelli_structure), cmocka_unit_test(test_morris_steps),
        cmocka_unit_test(test_uniformity),      cmocka_unit_test(test_runs_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
