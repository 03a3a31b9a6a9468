/* test_share_values.c — Shapley and Banzhaf values, the nucleolus engine and Monte-Carlo
 * Shapley against hand computations, published results and the defining properties. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "share/share.h"
#include "share/share_result.h"
#include "game/tugame.h"
#include "util/mem.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* ---- fixtures ---- */

static uint64_t rng_state = 1;
static double uniform(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* v(S) = max(0, E - sum of the claims outside S) */
static void bankruptcy_table(double E, const double *c, size_t n, double *v)
{
    double total = 0;
    for (size_t i = 0; i < n; i++) total += c[i];
    for (size_t S = 0; S < (size_t)1 << n; S++) {
        double in = 0;
        for (size_t i = 0; i < n; i++)
            if (S >> i & 1) in += c[i];
        double left = E - (total - in);
        v[S] = left > 0 ? left : 0;
    }
}

/* The textbook definition, one coalition and one player at a time. */
static void naive_shapley(const double *v, size_t n, double *phi)
{
    double fact[31] = { 1 };
    for (size_t k = 1; k <= n; k++) fact[k] = fact[k - 1] * (double)k;
    for (size_t i = 0; i < n; i++) {
        phi[i] = 0;
        for (size_t S = 0; S < (size_t)1 << n; S++) {
            if (S >> i & 1) continue;
            size_t s = (size_t)__builtin_popcountll(S);
            phi[i] += fact[s] * fact[n - s - 1] / fact[n] * (v[S | (size_t)1 << i] - v[S]);
        }
    }
}

static double *random_game(size_t n, int superadditive_ish)
{
    double *v = malloc(((size_t)1 << n) * sizeof *v);
    v[0] = 0;
    for (size_t S = 1; S < (size_t)1 << n; S++)
        v[S] = superadditive_ish ? (double)__builtin_popcountll(S) * (1 + uniform()) : uniform() * 10;
    return v;
}

/* x(S) >= v(S) - tol for every coalition */
static int in_core(const double *v, size_t n, const double *x, double tol)
{
    for (size_t S = 1; S < (size_t)1 << n; S++) {
        double xs = 0;
        for (size_t i = 0; i < n; i++)
            if (S >> i & 1) xs += x[i];
        if (xs < v[S] - tol) return 0;
    }
    return 1;
}

/* ---- Shapley and Banzhaf ---- */

static void test_glove_game(void **state)
{
    (void)state;
    /* L = player 0, R1, R2; v = 1 exactly for coalitions with L and a right glove.
     * Shapley: L is pivotal in the 4 of 6 orders where it does not come first or comes after a
     * right glove: phi_L = 4/6 = 2/3, and the rest splits evenly: 1/6 each.
     * Core = {(1,0,0)} (x_L + x_R1 >= 1 and x_L + x_R2 >= 1 with sum 1), so nucleolus (1,0,0). */
    double v[8] = { 0, 0, 0, 1, 0, 1, 0, 1 }, x[3], eps;
    assert_int_equal(lia__shapley_table(v, 3, x), LIA_OK);
    NEAR(x[0], 2.0 / 3, 1e-15);
    NEAR(x[1], 1.0 / 6, 1e-15);
    NEAR(x[2], 1.0 / 6, 1e-15);
    /* Banzhaf: L swings in {L,R1}, {L,R2}, {L,R1,R2}: 3/4; R1 only in {L,R1}: 1/4 */
    assert_int_equal(lia__banzhaf_table(v, 3, x), LIA_OK);
    NEAR(x[0], 0.75, 1e-15);
    NEAR(x[1], 0.25, 1e-15);
    assert_int_equal(lia__nucleolus_table(v, 3, 0, 0, x, NULL, NULL, NULL, 0), LIA_OK);
    NEAR(x[0], 1, 1e-9);
    NEAR(x[1], 0, 1e-9);
    NEAR(x[2], 0, 1e-9);
    assert_int_equal(lia_tu_nucleolus(v, 3, 1, x, &eps), LIA_OK);
    NEAR(x[0], 1, 1e-9);
    NEAR(eps, 0, 1e-9);   /* the core is a single point: epsilon 0, not empty */
}

static void test_talmud_estates(void **state)
{
    (void)state;
    /* Aumann & Maschler (1985), the Talmud's three estates for claims 100, 200, 300:
     * 100 -> (33 1/3, 33 1/3, 33 1/3), 200 -> (50, 75, 75), 300 -> (50, 100, 150); by their
     * theorem each is the nucleolus of the bankruptcy game. Shapley at 200 (issue 4):
     * (33 1/3, 83 1/3, 83 1/3). */
    double c[3] = { 100, 200, 300 }, v[8], x[3];
    const double want[3][3] = { { 100.0 / 3, 100.0 / 3, 100.0 / 3 }, { 50, 75, 75 }, { 50, 100, 150 } };
    for (int e = 0; e < 3; e++) {
        bankruptcy_table(100.0 * (e + 1), c, 3, v);
        assert_int_equal(lia__nucleolus_table(v, 3, 0, 0, x, NULL, NULL, NULL, 0), LIA_OK);
        for (int i = 0; i < 3; i++) NEAR(x[i], want[e][i], 1e-7);
    }
    bankruptcy_table(200, c, 3, v);
    assert_int_equal(lia__shapley_table(v, 3, x), LIA_OK);
    NEAR(x[0], 100.0 / 3, 1e-12);
    NEAR(x[1], 250.0 / 3, 1e-12);
    NEAR(x[2], 250.0 / 3, 1e-12);
}

static void test_airport_shapley(void **state)
{
    (void)state;
    /* Littlechild & Owen (1973): in an airport cost game c(S) = max cost in S, the Shapley value
     * splits each runway segment equally among those who need it. Costs 8, 11, 13, 18:
     * 8/4 = 2; 2 + 3/3 = 3; 3 + 2/2 = 4; 4 + 5/1 = 9. */
    double cost[4] = { 8, 11, 13, 18 }, c[16], x[4];
    for (size_t S = 0; S < 16; S++) {
        c[S] = 0;
        for (size_t i = 0; i < 4; i++)
            if (S >> i & 1) c[S] = fmax(c[S], cost[i]);
    }
    assert_int_equal(lia__shapley_table(c, 4, x), LIA_OK);
    NEAR(x[0], 2, 1e-13);
    NEAR(x[1], 3, 1e-13);
    NEAR(x[2], 4, 1e-13);
    NEAR(x[3], 9, 1e-13);
}

static void test_shapley_matches_definition(void **state)
{
    (void)state;
    rng_state = 11;
    for (size_t n = 1; n <= 12; n++) {
        double *v = random_game(n, n % 2), x[12], y[12];
        assert_int_equal(lia__shapley_table(v, n, x), LIA_OK);
        naive_shapley(v, n, y);
        for (size_t i = 0; i < n; i++) NEAR(x[i], y[i], 1e-11);
        free(v);
    }
}

static void test_shapley_axioms(void **state)
{
    (void)state;
    rng_state = 12;
    size_t n = 10, m = (size_t)1 << n;
    double *v = random_game(n, 0), *w = random_game(n, 1), *sum = malloc(m * sizeof *sum);
    double a[10], b[10], c[10];
    /* efficiency and additivity */
    for (size_t S = 0; S < m; S++) sum[S] = v[S] + w[S];
    lia__shapley_table(v, n, a);
    lia__shapley_table(w, n, b);
    lia__shapley_table(sum, n, c);
    double total = 0;
    for (size_t i = 0; i < n; i++) { total += a[i]; NEAR(c[i], a[i] + b[i], 1e-11); }
    NEAR(total, v[m - 1], 1e-11);
    /* dummy: make player 3 add exactly 2 to every coalition; symmetry: players 0 and 1 alike */
    for (size_t S = 0; S < m; S++) {
        if (S >> 3 & 1) v[S] = v[S & ~(size_t)8] + 2;
        size_t swapped = (S & ~(size_t)3) | (S & 1) << 1 | (S >> 1 & 1);
        if (swapped < S) v[S] = v[swapped];
    }
    lia__shapley_table(v, n, a);
    NEAR(a[3], 2, 1e-11);
    NEAR(a[0], a[1], 1e-11);
    lia__banzhaf_table(v, n, b);
    NEAR(b[3], 2, 1e-11);      /* a dummy's Banzhaf value is its contribution too */
    NEAR(b[0], b[1], 1e-11);
    free(v);
    free(w);
    free(sum);
}

/* ---- nucleolus ---- */

static void test_symmetric_majority_least_core(void **state)
{
    (void)state;
    /* v(S) = 1 for |S| >= 2: the pair constraints x(S) >= 1 - e add up to 2 >= 3 (1 - e), so
     * the least core needs e = 1/3 > 0 (core empty) and is the single point (1/3, 1/3, 1/3). */
    double v[8] = { 0, 0, 0, 1, 0, 1, 1, 1 }, x[3], eps;
    assert_int_equal(lia_tu_nucleolus(v, 3, 1, x, &eps), LIA_OK);
    NEAR(eps, 1.0 / 3, 1e-9);
    for (int i = 0; i < 3; i++) NEAR(x[i], 1.0 / 3, 1e-9);
}

static void test_nucleolus_in_core_and_invariant(void **state)
{
    (void)state;
    rng_state = 21;
    for (int trial = 0; trial < 40; trial++) {
        size_t n = 3 + (size_t)trial % 8, m = (size_t)1 << n;
        double *v = random_game(n, trial % 2), *w = malloc(m * sizeof *w), x[12], y[12], eps;
        lia_nucleolus_stats st;
        assert_int_equal(lia__nucleolus_table(v, n, 1, 0, x, &eps, &st, NULL, 0), LIA_OK);
        eps = -eps;   /* the first stage's level is minus the least-core epsilon */
        assert_true(st.stages >= 1 && st.stages <= n - 1);
        double sum = 0;
        for (size_t i = 0; i < n; i++) sum += x[i];
        NEAR(sum, v[m - 1], 1e-9 * fabs(v[m - 1]) + 1e-12);
        /* nucleolus in the least core: x(S) >= v(S) - eps */
        for (size_t S = 1; S < m - 1; S++) {
            double xs = 0;
            for (size_t i = 0; i < n; i++)
                if (S >> i & 1) xs += x[i];
            assert_true(xs >= v[S] - eps - 1e-9 * 20);
        }
        if (eps <= 0) assert_true(in_core(v, n, x, 1e-9 * 20));
        /* covariance: w = 3 v + additive a_i gives 3 x + a */
        for (size_t S = 0; S < m; S++) {
            w[S] = 3 * v[S];
            for (size_t i = 0; i < n; i++)
                if (S >> i & 1) w[S] += (double)i - 2.5;
        }
        assert_int_equal(lia__nucleolus_table(w, n, 1, 0, y, NULL, NULL, NULL, 0), LIA_OK);
        for (size_t i = 0; i < n; i++) NEAR(y[i], 3 * x[i] + (double)i - 2.5, 1e-6);
        /* Kohlberg's criterion at what the engine returned */
        int holds = 0;
        assert_int_equal(lia__kohlberg_check(v, n, x, 1, 1e-7, &holds), LIA_OK);
        assert_true(holds);
        free(v);
        free(w);
    }
}

static void test_bankruptcy_nucleolus_is_talmud(void **state)
{
    (void)state;
    /* Aumann-Maschler's theorem on random problems: the LP nucleolus equals the Talmud rule */
    rng_state = 31;
    for (int trial = 0; trial < 60; trial++) {
        size_t n = 2 + (size_t)trial % 9;
        double c[12], total = 0, v[1 << 11], x[12], t[12];
        for (size_t i = 0; i < n; i++) { c[i] = 1 + floor(uniform() * 100); total += c[i]; }
        double E = floor(uniform() * total);
        bankruptcy_table(E, c, n, v);
        assert_int_equal(lia__nucleolus_table(v, n, 0, 0, x, NULL, NULL, NULL, 0), LIA_OK);
        assert_int_equal(lia__bankruptcy_talmud(E, c, n, t), LIA_OK);
        for (size_t i = 0; i < n; i++) NEAR(x[i], t[i], 1e-6 * (1 + total));
    }
}

static void test_nucleolus_convex_game_equals_prenucleolus(void **state)
{
    (void)state;
    /* v(S) = |S|^2 plus a random modular part is convex, so its core is non-empty and holds
     * the prenucleolus, which is then individually rational and equals the nucleolus */
    rng_state = 41;
    size_t n = 9, m = (size_t)1 << n;
    double a[9], *v = malloc(m * sizeof *v), x[9], y[9], eps;
    for (size_t i = 0; i < n; i++) a[i] = uniform() * 4 - 2;
    for (size_t S = 0; S < m; S++) {
        double s = (double)__builtin_popcountll(S);
        v[S] = s * s;
        for (size_t i = 0; i < n; i++)
            if (S >> i & 1) v[S] += a[i];
    }
    assert_int_equal(lia_tu_nucleolus(v, n, 1, x, &eps), LIA_OK);
    assert_int_equal(lia__nucleolus_table(v, n, 0, 0, y, NULL, NULL, NULL, 0), LIA_OK);
    assert_true(eps <= 1e-9);
    assert_true(in_core(v, n, x, 1e-8));
    for (size_t i = 0; i < n; i++) NEAR(x[i], y[i], 1e-7);
    /* symmetric in everything but the modular part: x_i - a_i is the same for all i (9 = 81/9) */
    for (size_t i = 0; i < n; i++) NEAR(x[i] - a[i], 9, 1e-7);
    free(v);
}

static void test_nucleolus_errors(void **state)
{
    (void)state;
    double x[3], v[8] = { 0, 2, 2, 1, 2, 1, 1, 3 };   /* singletons sum to 6 > v(N) = 3 */
    char msg[200];
    assert_int_equal(lia__nucleolus_table(v, 3, 0, 0, x, NULL, NULL, msg, sizeof msg), LIA_EUSAGE);
    assert_non_null(strstr(msg, "imputation set is empty"));
    assert_int_equal(lia__nucleolus_table(v, 3, 1, 0, x, NULL, NULL, msg, sizeof msg), LIA_OK);   /* pre exists */
    v[5] = NAN;
    assert_int_equal(lia__nucleolus_table(v, 3, 1, 0, x, NULL, NULL, msg, sizeof msg), LIA_EUSAGE);
    assert_int_equal(lia__nucleolus_table(NULL, 3, 1, 0, x, NULL, NULL, NULL, 0), LIA_EUSAGE);
    assert_int_equal(lia__nucleolus_table(v, 0, 1, 0, x, NULL, NULL, NULL, 0), LIA_EUSAGE);
    double one[2] = { 0, 5 };
    assert_int_equal(lia__nucleolus_table(one, 1, 0, 0, x, NULL, NULL, NULL, 0), LIA_OK);
    NEAR(x[0], 5, 0);
}

static void test_nucleolus_allocation_failures(void **state)
{
    (void)state;
    rng_state = 51;
    double *v = random_game(7, 1), x[7], ref[7];
    assert_int_equal(lia__nucleolus_table(v, 7, 0, 0, ref, NULL, NULL, NULL, 0), LIA_OK);
    for (unsigned long k = 1;; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia__nucleolus_table(v, 7, 0, 0, x, NULL, NULL, NULL, 0);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            for (size_t i = 0; i < 7; i++) NEAR(x[i], ref[i], 1e-12);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        assert_true(k < 10000);
    }
    free(v);
}

/* ---- Monte Carlo ---- */

static void test_montecarlo_within_bound(void **state)
{
    (void)state;
    /* the Talmud 200 game: exact Shapley (33 1/3, 83 1/3, 83 1/3); contributions lie in
     * [0, min(c_i, E)], so the stated half-widths must cover the error (at 95 %, and the seed
     * is fixed, so this is deterministic) and shrink like 1/sqrt(m) */
    lia_tugame *g = NULL;
    assert_int_equal(lia__tugame_alloc(&g, "talmud", 3, LIA_TU_BANKRUPTCY, 0), LIA_OK);
    double claims[3] = { 100, 200, 300 };
    g->weights = claims;
    g->amount = 200;
    double phi[3], half[3], exact[3] = { 100.0 / 3, 250.0 / 3, 250.0 / 3 }, half_small[3];
    assert_int_equal(lia__shapley_mc(g, 20000, 7, 0.95, phi, half, NULL, NULL), LIA_OK);
    for (int i = 0; i < 3; i++) assert_true(fabs(phi[i] - exact[i]) <= half[i]);
    /* h = min(c_i, E) sqrt(ln(2 * 3 / 0.05) / 40000) for player 0: 100 * 0.010939... */
    NEAR(half[0], 100 * sqrt(log(120.0) / 40000), 1e-12);
    double again[3];
    assert_int_equal(lia__shapley_mc(g, 20000, 7, 0.95, again, half_small, NULL, NULL), LIA_OK);
    for (int i = 0; i < 3; i++) NEAR(again[i], phi[i], 0);   /* same seed, same estimate */
    assert_int_equal(lia__shapley_mc(g, 80000, 7, 0.95, again, half_small, NULL, NULL), LIA_OK);
    NEAR(half_small[0], half[0] / 2, 1e-12);
    assert_int_equal(lia__shapley_mc(g, 0, 7, 0.95, phi, half, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia__shapley_mc(g, 10, 7, 1.0, phi, half, NULL, NULL), LIA_EUSAGE);
    g->weights = NULL;
    lia_tugame_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glove_game),
        cmocka_unit_test(test_talmud_estates),
        cmocka_unit_test(test_airport_shapley),
        cmocka_unit_test(test_shapley_matches_definition),
        cmocka_unit_test(test_shapley_axioms),
        cmocka_unit_test(test_symmetric_majority_least_core),
        cmocka_unit_test(test_nucleolus_in_core_and_invariant),
        cmocka_unit_test(test_bankruptcy_nucleolus_is_talmud),
        cmocka_unit_test(test_nucleolus_convex_game_equals_prenucleolus),
        cmocka_unit_test(test_nucleolus_errors),
        cmocka_unit_test(test_nucleolus_allocation_failures),
        cmocka_unit_test(test_montecarlo_within_bound),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
