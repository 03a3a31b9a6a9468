/* test_estimators.c — the exploration estimators of liaison.h against analytic answers: Wilson
 * intervals by hand, Sobol indices of the Ishigami function and of a linear function (with the
 * coverage of their bootstrap intervals), Morris statistics of linear and hand-worked
 * functions, and PRIM boxes of threshold functions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "liaison.h"
#include "explore/design.h"
#include "explore/estimators.h"
#include "util/mem.h"

#define PI 3.14159265358979323846

/* ---- Wilson ---------------------------------------------------------------------------- */

static void test_wilson_by_hand(void **state)
{
    (void)state;
    /* k = 8, n = 10, z = 1.96: p = 0.8, z^2 = 3.8416, z^2/n = 0.38416, denominator 1.38416;
     * centre = (0.8 + 3.8416/20) / 1.38416 = 0.99208 / 1.38416 = 0.716738;
     * half = 1.96 / 1.38416 * sqrt(0.8*0.2/10 + 3.8416/400) = 1.416021 * sqrt(0.025604)
     *      = 1.416021 * 0.1600125 = 0.226581;  [0.490157, 0.943319] */
    double lo, hi;
    assert_int_equal(lia_wilson_interval(8, 10, 1.96, &lo, &hi), LIA_OK);
    assert_true(fabs(lo - 0.490157) < 1e-6);
    assert_true(fabs(hi - 0.943319) < 1e-6);
    /* k = 0, n = 20: lo = 0 exactly, hi = (z^2/n)/(1 + z^2/n) = 0.19208/1.19208 = 0.161130 */
    assert_int_equal(lia_wilson_interval(0, 20, 1.96, &lo, &hi), LIA_OK);
    assert_true(lo == 0);
    assert_true(fabs(hi - 0.19208 / 1.19208) < 1e-9);
    /* k = n mirrors it */
    assert_int_equal(lia_wilson_interval(20, 20, 1.96, &lo, &hi), LIA_OK);
    assert_true(hi == 1);
    assert_true(fabs(lo - 1 / 1.19208) < 1e-9);
    /* misuse leaves the outputs alone */
    lo = hi = -7;
    assert_int_equal(lia_wilson_interval(1, 0, 1.96, &lo, &hi), LIA_EUSAGE);
    assert_int_equal(lia_wilson_interval(11, 10, 1.96, &lo, &hi), LIA_EUSAGE);
    assert_int_equal(lia_wilson_interval(1, 10, 0, &lo, &hi), LIA_EUSAGE);
    assert_int_equal(lia_wilson_interval(1, 10, NAN, &lo, &hi), LIA_EUSAGE);
    assert_int_equal(lia_wilson_interval(1, 10, 1.96, NULL, &hi), LIA_EUSAGE);
    assert_true(lo == -7 && hi == -7);
}

/* ---- Sobol ----------------------------------------------------------------------------- */

typedef double (*model_fn)(const double *u);

/* Ishigami, a = 7, b = 0.1, inputs uniform on [-pi, pi] (u in the unit cube). */
static double ishigami(const double *u)
{
    double x1 = -PI + 2 * PI * u[0], x2 = -PI + 2 * PI * u[1], x3 = -PI + 2 * PI * u[2];
    return sin(x1) + 7 * sin(x2) * sin(x2) + 0.1 * pow(x3, 4) * sin(x1);
}

/* Analytic indices (Ishigami and Homma 1990; Saltelli et al. 2008 section 4.9):
 * V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V13 = b^2 pi^8 (1/18 - 1/50),
 * V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2  (= 13.8446). */
static void ishigami_truth(double *S1, double *ST)
{
    double a = 7, b = 0.1, p4 = pow(PI, 4), p8 = pow(PI, 8);
    double v1 = 0.5 * pow(1 + b * p4 / 5, 2), v2 = a * a / 8, v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    double v = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
    S1[0] = v1 / v, S1[1] = v2 / v, S1[2] = 0;
    ST[0] = (v1 + v13) / v, ST[1] = v2 / v, ST[2] = v13 / v;
}

/* The outputs of the library's Saltelli design for f: n base samples, d inputs. */
static double *saltelli_outputs(model_fn f, size_t n, size_t d, uint64_t seed)
{
    uint64_t runs = lia__design_runs(LIA__DESIGN_SOBOL, n, d);
    double *y = malloc(runs * sizeof *y), u[8];
    assert_non_null(y);
    for (uint64_t r = 0; r < runs; r++) {
        assert_int_equal(lia__design_point(LIA__DESIGN_SOBOL, seed, n, d, r, u), 0);
        y[r] = f(u);
    }
    return y;
}

static void test_sobol_ishigami(void **state)
{
    (void)state;
    double S1t[3], STt[3];
    ishigami_truth(S1t, STt);
    /* the published values */
    const double pS1[3] = {0.3139, 0.4424, 0.0}, pST[3] = {0.5576, 0.4424, 0.2437};
    for (int i = 0; i < 3; i++) assert_true(fabs(S1t[i] - pS1[i]) < 1e-4 && fabs(STt[i] - pST[i]) < 1e-4);

    enum { N = 8192 };
    double *y = saltelli_outputs(ishigami, N, 3, 2026);
    double S1[3], ST[3], c1[3], ct[3];
    assert_int_equal(lia_sobol_indices(y, N, 3, 500, 1, S1, ST, c1, ct), LIA_OK);
    for (int i = 0; i < 3; i++) {
        printf("  x%d  S1 %.4f +- %.4f (truth %.4f)   ST %.4f +- %.4f (truth %.4f)\n", i + 1, S1[i], c1[i],
               S1t[i], ST[i], ct[i], STt[i]);
        /* A 95% half-width is 1.96 standard errors, so one of six intervals can miss the truth
         * by chance (test_sobol_coverage checks that they cover 95% of the time); twice the
         * half-width is 3.9 standard errors, which an estimate exceeds once in 10^4. */
        assert_true(fabs(S1[i] - S1t[i]) <= 2 * c1[i]);
        assert_true(fabs(ST[i] - STt[i]) <= 2 * ct[i]);
        assert_true(c1[i] > 0.005 && c1[i] < 0.06);
        assert_true(ct[i] > 0.005 && ct[i] < 0.06);
    }
    /* same seed, same half-widths; another seed, other half-widths (the bootstrap is seeded) */
    double c1b[3], ctb[3], S1b[3], STb[3];
    assert_int_equal(lia_sobol_indices(y, N, 3, 500, 1, S1b, STb, c1b, ctb), LIA_OK);
    assert_memory_equal(c1, c1b, sizeof c1);
    assert_memory_equal(S1, S1b, sizeof S1);
    assert_int_equal(lia_sobol_indices(y, N, 3, 500, 2, S1b, STb, c1b, ctb), LIA_OK);
    assert_memory_equal(S1, S1b, sizeof S1);
    assert_true(memcmp(c1, c1b, sizeof c1) != 0);
    free(y);
}

/* Coverage: over 100 independent designs of n = 1024, the 600 intervals (6 indices each)
 * should cover the truth about 95% of the time. The covered share has standard deviation
 * sqrt(0.95 * 0.05 / 600) = 0.0089; 0.91 is 4.5 of them below 0.95, while a bootstrap that
 * underestimated the spread by a fifth would cover only about 0.88. (Over 200 other seeds
 * the six indices covered 0.93 - 0.97 each.) */
static void test_sobol_coverage(void **state)
{
    (void)state;
    double S1t[3], STt[3];
    ishigami_truth(S1t, STt);
    int covered = 0, total = 0;
    for (uint64_t seed = 100; seed < 200; seed++) {
        double *y = saltelli_outputs(ishigami, 1024, 3, seed);
        double S1[3], ST[3], c1[3], ct[3];
        assert_int_equal(lia_sobol_indices(y, 1024, 3, 200, seed, S1, ST, c1, ct), LIA_OK);
        for (int i = 0; i < 3; i++) {
            covered += fabs(S1[i] - S1t[i]) <= c1[i];
            covered += fabs(ST[i] - STt[i]) <= ct[i];
            total += 2;
        }
        free(y);
    }
    printf("  coverage of the 95%% intervals: %d / %d\n", covered, total);
    assert_true(covered >= 0.91 * total);
}

static const double lin_c[4] = {1, 2, 3, 0};

static double linear(const double *u)
{
    return lin_c[0] * u[0] + lin_c[1] * u[1] + lin_c[2] * u[2] + lin_c[3] * u[3] + 5;
}

/* y = x1 + 2 x2 + 3 x3 + 0 x4 + 5, x uniform: Var = c_i^2/12 each, no interactions, so
 * S1_i = ST_i = c_i^2 / 14: 1/14, 4/14, 9/14, 0. */
static void test_sobol_linear(void **state)
{
    (void)state;
    enum { N = 4096 };
    double *y = saltelli_outputs(linear, N, 4, 7);
    double S1[4], ST[4], c1[4], ct[4];
    assert_int_equal(lia_sobol_indices(y, N, 4, 300, 3, S1, ST, c1, ct), LIA_OK);
    for (int i = 0; i < 4; i++) {
        double truth = lin_c[i] * lin_c[i] / 14;
        printf("  x%d  S1 %.4f +- %.4f  ST %.4f +- %.4f  (truth %.4f)\n", i + 1, S1[i], c1[i], ST[i], ct[i], truth);
        assert_true(fabs(S1[i] - truth) <= c1[i] + 1e-12);
        assert_true(fabs(ST[i] - truth) <= ct[i] + 1e-12);
    }
    /* an input with no effect: AB^4 = A exactly, so ST_4 and its half-width are 0 exactly */
    assert_true(ST[3] == 0 && ct[3] == 0 && S1[3] == 0);
    free(y);
}

static void test_sobol_misuse_and_constant(void **state)
{
    (void)state;
    double y[16], S1[2] = {9, 9}, ST[2] = {9, 9}, c1[2] = {9, 9}, ct[2] = {9, 9};
    for (int k = 0; k < 16; k++) y[k] = 3.25;   /* n = 2 base samples of 2d+2 = 6 runs: 12 used */
    assert_int_equal(lia_sobol_indices(y, 2, 2, 10, 1, S1, ST, c1, ct), LIA_OK);
    for (int i = 0; i < 2; i++) assert_true(S1[i] == 0 && ST[i] == 0 && c1[i] == 0 && ct[i] == 0);
    y[3] = NAN;
    S1[0] = 9;
    assert_int_equal(lia_sobol_indices(y, 2, 2, 10, 1, S1, ST, c1, ct), LIA_EUSAGE);
    assert_true(S1[0] == 9);
    y[3] = INFINITY;
    assert_int_equal(lia_sobol_indices(y, 2, 2, 10, 1, S1, ST, c1, ct), LIA_EUSAGE);
    y[3] = 1;
    assert_int_equal(lia_sobol_indices(y, 2, 2, 1, 1, S1, ST, c1, ct), LIA_EUSAGE);     /* 1 resample */
    assert_int_equal(lia_sobol_indices(y, 2, 2, 10, 1, S1, ST, NULL, ct), LIA_EUSAGE);
    assert_int_equal(lia_sobol_indices(y, 2, 2, 0, 1, S1, ST, NULL, NULL), LIA_OK);     /* no bootstrap */
    assert_int_equal(lia_sobol_indices(y, 0, 2, 0, 1, S1, ST, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_sobol_indices(y, 2, 0, 0, 1, S1, ST, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_sobol_indices(NULL, 2, 2, 0, 1, S1, ST, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_sobol_indices(y, SIZE_MAX / 4, 2, 0, 1, S1, ST, NULL, NULL), LIA_EUSAGE);
}

/* 10^6 outputs (n = 125,000 base samples, d = 3) with 100 resamples: printed, and bounded
 * loosely (the machine is shared) at 3 s; it takes about 0.3 s alone. */
static void test_sobol_speed(void **state)
{
    (void)state;
    enum { N = 125000, D = 3 };
    double *y = saltelli_outputs(ishigami, N, D, 5);
    double S1[D], ST[D], c1[D], ct[D];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(lia_sobol_indices(y, N, D, 100, 1, S1, ST, c1, ct), LIA_OK);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    printf("  10^6 outputs, 100 resamples: %.3f s\n", s);
    assert_true(s < 3);
    free(y);
}

/* ---- Morris ---------------------------------------------------------------------------- */

/* The library's Morris design for f: x (runs x d) and y. */
static void morris_table(double (*f)(const double *), size_t t, size_t d, double **x, double **y)
{
    uint64_t runs = lia__design_runs(LIA__DESIGN_MORRIS, t, d);
    *x = malloc(runs * d * sizeof **x);
    *y = malloc(runs * sizeof **y);
    assert_non_null(*x);
    assert_non_null(*y);
    for (uint64_t r = 0; r < runs; r++) {
        assert_int_equal(lia__design_point(LIA__DESIGN_MORRIS, 9, t, d, r, *x + r * d), 0);
        (*y)[r] = f(*x + r * d);
    }
}

static const double mc_c[4] = {3, -2, 0.5, 0};

static double morris_linear(const double *u)
{
    return mc_c[0] * u[0] + mc_c[1] * u[1] + mc_c[2] * u[2] + mc_c[3] * u[3];
}

/* Linear: every effect of input i is c_i, so mu = c_i, mu* = |c_i|, sigma = 0 (to rounding). */
static void test_morris_linear(void **state)
{
    (void)state;
    double *x, *y, mu[4], ms[4], sg[4];
    morris_table(morris_linear, 20, 4, &x, &y);
    assert_int_equal(lia_morris_indices(x, y, 20, 4, mu, ms, sg), LIA_OK);
    for (int i = 0; i < 4; i++) {
        assert_true(fabs(mu[i] - mc_c[i]) < 1e-12);
        assert_true(fabs(ms[i] - fabs(mc_c[i])) < 1e-12);
        assert_true(sg[i] < 1e-12);
    }
    free(x);
    free(y);
}

/* x3 does not enter: its effects are 0 exactly. x1 enters as (x1 - 1/2)^2, which the steps
 * 0 <-> 2/3 see fall by 2/9 (effect -1/3 going up) and the steps 1/3 <-> 1 see rise by 2/9
 * (effect +1/3): mu* = 1/3 exactly while the signed effects cancel in mu. */
static double with_irrelevant(const double *u)
{
    return (u[0] - 0.5) * (u[0] - 0.5) + u[1] * u[1] + 0 * u[2];
}

static void test_morris_irrelevant(void **state)
{
    (void)state;
    double *x, *y, mu[3], ms[3], sg[3];
    morris_table(with_irrelevant, 30, 3, &x, &y);
    assert_int_equal(lia_morris_indices(x, y, 30, 3, mu, ms, sg), LIA_OK);
    assert_true(ms[2] == 0 && mu[2] == 0 && sg[2] == 0);
    assert_true(fabs(ms[0] - 1.0 / 3) < 1e-12);
    assert_true(fabs(mu[0]) < ms[0] - 0.1);
    assert_true(sg[0] > 0.3);   /* effects of +-1/3: sigma near 1/3 */
    /* x2^2: steps 0 <-> 2/3 have effect 2/3, 1/3 <-> 1 have effect 4/3; mu* lies between */
    assert_true(ms[1] >= 2.0 / 3 - 1e-12 && ms[1] <= 4.0 / 3 + 1e-12);
    free(x);
    free(y);
}

/* Two trajectories worked by hand, y = 2 x1 + x1 x2:
 *  t1: (0,0) -> (2/3,0) -> (2/3,2/3): y = 0, 4/3, 16/9; effects x1: (4/3)/(2/3) = 2,
 *      x2: (16/9 - 4/3)/(2/3) = 2/3
 *  t2: (1/3,1) -> (1/3,1/3) -> (1,1/3): y = 1, 7/9, 7/3; effects x2: (7/9 - 1)/(-2/3) = 1/3,
 *      x1: (7/3 - 7/9)/(2/3) = 7/3
 *  mu1 = mu*1 = (2 + 7/3)/2 = 13/6, sigma1 = |7/3 - 2|/sqrt 2 = 1/(3 sqrt 2);
 *  mu2 = mu*2 = (2/3 + 1/3)/2 = 1/2, sigma2 = 1/(3 sqrt 2). */
static void test_morris_by_hand(void **state)
{
    (void)state;
    const double t = 1.0 / 3, s = 2.0 / 3;
    double x[12] = {0, 0, s, 0, s, s, t, 1, t, t, 1, t}, y[6];
    for (int r = 0; r < 6; r++) y[r] = 2 * x[2 * r] + x[2 * r] * x[2 * r + 1];
    double mu[2], ms[2], sg[2];
    assert_int_equal(lia_morris_indices(x, y, 2, 2, mu, ms, sg), LIA_OK);
    assert_true(fabs(mu[0] - 13.0 / 6) < 1e-12 && fabs(ms[0] - 13.0 / 6) < 1e-12);
    assert_true(fabs(mu[1] - 0.5) < 1e-12 && fabs(ms[1] - 0.5) < 1e-12);
    assert_true(fabs(sg[0] - 1 / (3 * sqrt(2))) < 1e-12 && fabs(sg[1] - 1 / (3 * sqrt(2))) < 1e-12);
    /* one trajectory: sigma undefined (NaN), mu from the single effects */
    assert_int_equal(lia_morris_indices(x, y, 1, 2, mu, ms, sg), LIA_OK);
    assert_true(fabs(mu[0] - 2) < 1e-12 && isnan(sg[0]));
    /* a step moving two inputs, or none, is not a Morris design */
    double bad[12];
    memcpy(bad, x, sizeof bad);
    bad[3] = 0.5;   /* run 1 now differs from run 0 in both inputs */
    mu[0] = 9;
    assert_int_equal(lia_morris_indices(bad, y, 2, 2, mu, ms, sg), LIA_EUSAGE);
    assert_true(mu[0] == 9);
    memcpy(bad, x, sizeof bad);
    bad[2] = 0;     /* run 1 equals run 0 */
    assert_int_equal(lia_morris_indices(bad, y, 2, 2, mu, ms, sg), LIA_EUSAGE);
    y[2] = NAN;
    assert_int_equal(lia_morris_indices(x, y, 2, 2, mu, ms, sg), LIA_EUSAGE);
    assert_int_equal(lia_morris_indices(x, NULL, 2, 2, mu, ms, sg), LIA_EUSAGE);
    assert_int_equal(lia_morris_indices(x, y, 0, 2, mu, ms, sg), LIA_EUSAGE);
}

/* ---- PRIM ------------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The quantile selection PRIM peels at agrees with sorting, for sizes around the sampling
 * threshold (600), with distinct values, few distinct values (ties) and sorted input, at ranks
 * near the ends (where PRIM asks) and in the middle; it leaves nothing larger before rank k. */
static void test_select_matches_sort(void **state)
{
    (void)state;
    static const size_t sizes[] = {1, 2, 3, 10, 599, 601, 5000, 100000};
    for (size_t q = 0; q < sizeof sizes / sizeof *sizes; q++) {
        size_t n = sizes[q];
        double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b), *sorted = malloc(n * sizeof *sorted);
        assert_true(a && b && sorted);
        for (int kind = 0; kind < 3; kind++) {
            for (size_t i = 0; i < n; i++) {
                double u = lia__rng_unit(q, (uint64_t)kind, i);
                a[i] = kind == 0 ? u : kind == 1 ? floor(u * 4) : (double)i;
            }
            memcpy(sorted, a, n * sizeof *a);
            qsort(sorted, n, sizeof *sorted, cmp_double);
            size_t ks[] = {0, n / 20, n / 2, n - 1 - n / 20, n - 1};
            for (size_t r = 0; r < 5; r++) {
                size_t k = ks[r];
                memcpy(b, a, n * sizeof *a);
                assert_true(lia__select_kth(b, n, k) == sorted[k]);
                for (size_t i = 0; i < k; i++) assert_true(b[i] <= b[k]);
                for (size_t i = k + 1; i < n; i++) assert_true(b[i] >= b[k]);
            }
        }
        free(a);
        free(b);
        free(sorted);
    }
}

/* 20 runs x = 0..19 (one input), hits where x >= 15. alpha = 0.05 peels floor(0.05 m) runs:
 * 1 of 20, and for m < 20 the runs at the extreme value: one run at a time. Peeling the top only lowers the density,
 * so the bottom goes, 15 times, to the box [15, 19]: 5 hits of 5 runs. Its Wilson lower bound
 * (0.566) is the highest on the path (the box before it, [14, 19], has 5 of 6: 0.436). No
 * paste raises a density of 1. */
static void test_prim_by_hand(void **state)
{
    (void)state;
    double x[20], lo, hi, cov, den, mass;
    unsigned char hit[20];
    int res;
    for (int k = 0; k < 20; k++) x[k] = k, hit[k] = k >= 15;
    assert_int_equal(lia_prim_box(x, 20, 1, hit, 0.05, 0.5, &lo, &hi, &res, &cov, &den, &mass), LIA_OK);
    assert_true(lo == 15 && hi == 19 && res == 1);
    assert_true(cov == 1 && den == 1 && mass == 0.25);
}

/* 10,000 uniform runs of 4 inputs, hit = x1 > 0.7 and x2 < 0.4 (12% of runs). The box must be
 * [0.7, 1] x [0, 0.4] with x3, x4 unrestricted. The bounds are data values, so lo1 is the
 * smallest x1 above 0.7 among hits: with about 1,200 hits spread over a width of 0.3 the
 * gap is about 0.3/1200 per hit; 0.01 allows 40 of them. */
static void test_prim_threshold(void **state)
{
    (void)state;
    enum { N = 10000, D = 4 };
    double *x = malloc(N * D * sizeof *x);
    unsigned char *hit = malloc(N);
    assert_non_null(x);
    assert_non_null(hit);
    for (uint64_t r = 0; r < N; r++) {
        assert_int_equal(lia__design_point(LIA__DESIGN_MC, 77, N, D, r, x + r * D), 0);
        hit[r] = x[r * D] > 0.7 && x[r * D + 1] < 0.4;
    }
    double lo[D], hi[D], cov, den, mass;
    int res[D];
    assert_int_equal(lia_prim_box(x, N, D, hit, 0.05, 0.5, lo, hi, res, &cov, &den, &mass), LIA_OK);
    for (int j = 0; j < D; j++) printf("  x%d [%.4f, %.4f] restricted %d\n", j + 1, lo[j], hi[j], res[j]);
    printf("  coverage %.4f density %.4f mass %.4f\n", cov, den, mass);
    assert_int_equal(res[0], 1);
    assert_int_equal(res[1], 2);
    assert_int_equal(res[2], 0);
    assert_int_equal(res[3], 0);
    assert_true(lo[0] > 0.7 && lo[0] < 0.71);
    assert_true(hi[1] < 0.4 && hi[1] > 0.39);
    assert_true(den >= 0.99 && cov >= 0.99);
    assert_true(fabs(mass - 0.12) < 0.01);
    free(x);
    free(hit);
}

/* Noise: hits with probability 0.9 inside [0, 0.3] of x1 and 0.1 outside; x2 irrelevant. The
 * density inside is 0.9, so the box should find x1 <= about 0.3 and leave x2 alone; coverage of
 * the box [0, 0.3] is 0.27 / (0.27 + 0.07) = 0.79. */
static void test_prim_noisy(void **state)
{
    (void)state;
    enum { N = 5000, D = 2 };
    double *x = malloc(N * D * sizeof *x);
    unsigned char *hit = malloc(N);
    assert_non_null(x);
    assert_non_null(hit);
    for (uint64_t r = 0; r < N; r++) {
        assert_int_equal(lia__design_point(LIA__DESIGN_LHS, 3, N, D, r, x + r * D), 0);
        double p = x[r * D] <= 0.3 ? 0.9 : 0.1;
        hit[r] = lia__rng_unit(4, 0, r) < p;
    }
    double lo[D], hi[D], cov, den, mass;
    int res[D];
    assert_int_equal(lia_prim_box(x, N, D, hit, 0.05, 0.5, lo, hi, res, &cov, &den, &mass), LIA_OK);
    printf("  x1 [%.4f, %.4f] (%d)  x2 [%.4f, %.4f] (%d)  coverage %.3f density %.3f mass %.3f\n", lo[0], hi[0],
           res[0], lo[1], hi[1], res[1], cov, den, mass);
    assert_int_equal(res[0], 2);
    assert_true(fabs(hi[0] - 0.3) < 0.03);
    assert_int_equal(res[1], 0);
    assert_true(den > 0.85 && cov > 0.7);
    free(x);
    free(hit);
}

/* A discrete input: x1 in {0, 1, 2} (thirds of the runs), x2 uniform, hit = (x1 == 2 and
 * x2 > 0.5). The 5% quantile of x1 is its minimum, so its slices are whole levels; the box
 * must be x1 >= 2 (lo = 2, the top level) and x2 >= 0.5, holding every hit and nothing else. */
static void test_prim_discrete(void **state)
{
    (void)state;
    enum { N = 3000, D = 2 };
    double *x = malloc(N * D * sizeof *x);
    unsigned char *hit = malloc(N);
    assert_non_null(x);
    assert_non_null(hit);
    for (uint64_t r = 0; r < N; r++) {
        x[r * D] = (double)(r % 3);
        x[r * D + 1] = lia__rng_unit(8, 0, r);
        hit[r] = x[r * D] == 2 && x[r * D + 1] > 0.5;
    }
    double lo[D], hi[D], cov, den, mass;
    int res[D];
    assert_int_equal(lia_prim_box(x, N, D, hit, 0.05, 0.5, lo, hi, res, &cov, &den, &mass), LIA_OK);
    printf("  x1 [%g, %g] (%d)  x2 [%.4f, %.4f] (%d)  coverage %.3f density %.3f\n", lo[0], hi[0], res[0], lo[1],
           hi[1], res[1], cov, den);
    assert_true(res[0] == 1 && lo[0] == 2 && hi[0] == 2);
    assert_true(res[1] == 1 && lo[1] > 0.5 && lo[1] < 0.51);
    assert_true(cov == 1 && den == 1);
    free(x);
    free(hit);
}

static void test_prim_misuse(void **state)
{
    (void)state;
    double x[4] = {0, 1, 2, 3}, lo = 9, hi = 9, c, de, m;
    unsigned char none[4] = {0}, all[4] = {1, 1, 1, 1};
    int r;
    assert_int_equal(lia_prim_box(x, 4, 1, none, 0.05, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_true(lo == 9);
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.5, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.05, 0, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.05, 1.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_int_equal(lia_prim_box(x, 0, 1, all, 0.05, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.05, 0.5, &lo, &hi, NULL, &c, &de, &m), LIA_EUSAGE);
    x[2] = NAN;
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.05, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_EUSAGE);
    x[2] = 2;
    /* every run a hit: the whole data range, nothing restricted */
    assert_int_equal(lia_prim_box(x, 4, 1, all, 0.05, 0.5, &lo, &hi, &r, &c, &de, &m), LIA_OK);
    assert_true(lo == 0 && hi == 3 && r == 0 && c == 1 && de == 1 && m == 1);
}

/* Every allocation of the estimators failing in turn: LIA_ENOMEM with the outputs untouched
 * (the build's leak checker, make test-asan, catches anything not freed), then success. */
static void test_allocation_failures(void **state)
{
    (void)state;
    enum { N = 64, D = 2 };
    double y[N * (2 * D + 2)], x[N * D];
    unsigned char hit[N];
    for (size_t k = 0; k < N * (2 * D + 2); k++) y[k] = sin((double)k);
    for (size_t k = 0; k < N; k++) {
        x[k * D] = (double)k, x[k * D + 1] = (double)((k * 37) % N);
        hit[k] = k > 40;
    }
    double xm[6] = {0, 0, 1, 0, 1, 1}, ym[3] = {0, 1, 3};
    for (int which = 0; which < 3; which++) {
        for (unsigned long k = 1;; k++) {
            double a[D] = {-9, -9}, b[D], c[D], e[D], cov = -9, den, mass;
            int res[D];
            lia__mem_fail_after(k);
            lia_status st = which == 0   ? lia_sobol_indices(y, N, D, 20, 1, a, b, c, e)
                            : which == 1 ? lia_morris_indices(xm, ym, 1, D, a, b, c)
                                         : lia_prim_box(x, N, D, hit, 0.05, 0.5, a, b, res, &cov, &den, &mass);
            lia__mem_fail_after(0);
            if (st == LIA_OK) break;
            assert_int_equal(st, LIA_ENOMEM);
            assert_true(a[0] == -9 && cov == -9);
            assert_true(k < 100);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wilson_by_hand),
        cmocka_unit_test(test_sobol_ishigami),
        cmocka_unit_test(test_sobol_coverage),
        cmocka_unit_test(test_sobol_linear),
        cmocka_unit_test(test_sobol_misuse_and_constant),
        cmocka_unit_test(test_sobol_speed),
        cmocka_unit_test(test_morris_linear),
        cmocka_unit_test(test_morris_irrelevant),
        cmocka_unit_test(test_morris_by_hand),
        cmocka_unit_test(test_select_matches_sort),
        cmocka_unit_test(test_prim_by_hand),
        cmocka_unit_test(test_prim_threshold),
        cmocka_unit_test(test_prim_noisy),
        cmocka_unit_test(test_prim_discrete),
        cmocka_unit_test(test_prim_misuse),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
