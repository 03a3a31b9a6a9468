/* test_nash_qre.c — the logit QRE path: every point kept must satisfy the logit equations
 * (checked here from the payoffs, independently of the tracer), closed forms where they
 * exist, the equilibrium the path selects where it is known, and the usual misuse and
 * allocation-failure checks. */
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
#include "game_fixtures.h"
#include "util/mem.h"

static lia_eqset *qre(const lia_game *g)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_QRE;
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(lia_eqset_path_count(e) >= 10);
    return e;
}

/* Largest violation of p_is / p_i0 = exp(lambda (U_is - U_i0)) over a point of the path, in
 * log form, with U computed here by brute force over the profiles. */
static double logit_violation(const lia_game *g, const double *x, double lambda)
{
    size_t np = lia_game_player_count(g), nprof = lia_game_profile_count(g), off[8], ns[8], s[8];
    const double *u = lia_game_payoffs(g);
    double U[64] = { 0 }, worst = 0;
    for (size_t p = 0, at = 0; p < np; at += ns[p], p++) { off[p] = at; ns[p] = lia_game_strategy_count(g, p); }
    memset(s, 0, sizeof s);
    for (size_t prof = 0; prof < nprof; prof++) {
        for (size_t p = 0; p < np; p++) {
            double w = 1;
            for (size_t q = 0; q < np; q++)
                if (q != p) w *= x[off[q] + s[q]];
            U[off[p] + s[p]] += w * u[p * nprof + prof];
        }
        for (size_t q = 0; q < np; q++) {
            if (++s[q] < ns[q]) break;
            s[q] = 0;
        }
    }
    for (size_t p = 0; p < np; p++)
        for (size_t a = 1; a < ns[p]; a++) {
            double lhs = log(x[off[p] + a]) - log(x[off[p]]), rhs = lambda * (U[off[p] + a] - U[off[p]]);
            worst = fmax(worst, fabs(lhs - rhs) / (1 + fabs(rhs)));
        }
    return worst;
}

static void check_path(const char *path)
{
    lia_game *g = load(path);
    lia_eqset *e = qre(g);
    double last = -1;
    for (size_t k = 0; k < lia_eqset_path_count(e); k++) {
        double lambda;
        const double *x = lia_eqset_path_point(e, k, &lambda);
        assert_non_null(x);
        assert_true(lambda > last);   /* these paths do not turn back */
        last = lambda;
        double v = logit_violation(g, x, lambda);
        if (v > 1e-7) fail_msg("%s: point %zu (lambda %g) violates the logit equations by %g", path, k, lambda, v);
    }
    assert_true(lia_eqset_regret(e, 0) <= 1e-9 * 100);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_points_are_logit_equilibria(void **state)
{
    (void)state;
    check_path("tests/cases/nfg/2x2x2.nfg");
    check_path("tests/cases/nfg/coord3.nfg");
    check_path("tests/cases/games/N6_vs3x2.game");
    check_path("tests/cases/nfg/oneill.nfg");
}

static void test_dominant_strategy_closed_form(void **state)
{
    (void)state;
    /* Prisoner's dilemma with R = 3, S = 0, T = 4, P = 1: defecting gains exactly 1 whatever the
     * other does, so at every lambda p(D) = e^lambda / (1 + e^lambda) = 1 / (1 + e^-lambda), for
     * both players, and the path ends at (D, D). */
    lia_game *g = parse("game pd normal {\n players A, B\n strategies A: C, D\n strategies B: C, D\n"
                        " matrix A [3 0; 4 1]\n matrix B [3 4; 0 1]\n}\n");
    lia_eqset *e = qre(g);
    for (size_t k = 0; k < lia_eqset_path_count(e); k++) {
        double lambda;
        const double *x = lia_eqset_path_point(e, k, &lambda);
        double want = 1 / (1 + exp(-lambda));
        assert_true(fabs(x[1] - want) < 1e-9 && fabs(x[3] - want) < 1e-9);
    }
    const double *x = lia_eqset_profile(e, 0);
    assert_true(x[1] == 1 && x[3] == 1);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_selects_risk_dominant(void **state)
{
    (void)state;
    /* Symmetric 2x2 coordination, (A, A) pays 2 each and (B, B) 1 each: on the symmetric path
     * p(A) rises from 1/2 because A's advantage 2p - (1 - p) is positive there, and the path
     * ends at (A, A), the risk-dominant equilibrium — not at the mixed one (1/3, 2/3) that
     * Newton on the full support would find. */
    lia_game *g = parse("game coord normal {\n players A, B\n strategies A: a, b\n strategies B: a, b\n"
                        " matrix A [2 0; 0 1]\n matrix B [2 0; 0 1]\n}\n");
    lia_eqset *e = qre(g);
    const double *x = lia_eqset_profile(e, 0);
    assert_true(x[0] == 1 && x[2] == 1);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_matching_pennies_stays_uniform(void **state)
{
    (void)state;
    /* Matching pennies: the uniform profile is a logit equilibrium at every lambda and the unique
     * Nash equilibrium; the path never leaves it. */
    lia_game *g = parse("game mp normal {\n players A, B\n strategies A: h, t\n strategies B: h, t\n"
                        " matrix A [1 -1; -1 1]\n matrix B [-1 1; 1 -1]\n}\n");
    lia_eqset *e = qre(g);
    for (size_t k = 0; k < lia_eqset_path_count(e); k++) {
        const double *x = lia_eqset_path_point(e, k, NULL);
        for (size_t i = 0; i < 4; i++) assert_true(fabs(x[i] - 0.5) < 1e-9);
    }
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_QRE;
    unsigned long k;
    for (k = 1; k < 100000; k++) {
        lia_eqset *e = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_nash(&e, g, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) { assert_int_equal(lia_eqset_count(e), 1); lia_eqset_free(e); break; }
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(e);
    }
    assert_true(k > 10);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_are_logit_equilibria),
        cmocka_unit_test(test_dominant_strategy_closed_form),
        cmocka_unit_test(test_selects_risk_dominant),
        cmocka_unit_test(test_matching_pennies_stays_uniform),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
