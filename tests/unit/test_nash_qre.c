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

static double regret_tol(const lia_game *g)
{
    /* LIA_REGRET_TOL times the largest payoff spread (what the library's check allows) */
    const double *u = lia_game_payoffs(g);
    size_t n = lia_game_profile_count(g) * lia_game_player_count(g);
    double lo = u[0], hi = u[0];
    for (size_t i = 0; i < n; i++) { lo = fmin(lo, u[i]); hi = fmax(hi, u[i]); }
    return 1e-9 * (hi - lo) + 1e-15 * fmax(fabs(lo), fabs(hi));
}

static void test_continuum_nau2004(void **state)
{
    (void)state;
    /* Gambit's nau2004/sec5 (Nau, Gomez Canovas and Hansen 2004, section 5): three players, a
     * continuum of completely mixed equilibria. With p, q, r the first strategies' weights,
     * player 1 is indifferent when (1 - r) q = 3 r q and player 2 when (1 - r) p = 3 r p, so
     * r = 1/4; player 3 when 2 p q = 3 (1 - p)(1 - q). The game is symmetric in players 1 and
     * 2, so is the path, which ends at the symmetric point of the continuum:
     * 2 p^2 = 3 (1 - p)^2, p = sqrt 3 / (sqrt 2 + sqrt 3) = 0.550510257... (It used to end in
     * an internal error.) */
    lia_game *g = load("tests/cases/nfg/nau2004_sec5.nfg");
    lia_eqset *e = qre(g);
    const double *x = lia_eqset_profile(e, 0);
    double p = sqrt(3.0) / (sqrt(2.0) + sqrt(3.0));
    assert_true(fabs(x[0] - p) < 1e-6 && fabs(x[2] - p) < 1e-6);
    assert_true(fabs(x[4] - 0.25) < 1e-9);
    assert_true(lia_eqset_regret(e, 0) <= regret_tol(g));
    assert_non_null(lia_eqset_qre_end(e));
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_degenerate_ends(void **state)
{
    (void)state;
    /* Row 3 pays 2 whatever the column: it weakly dominates rows 1 (2 0 2) and 2 (0 1 1). The
     * path ends at column 1 with rows 1 and 3 mixed: against column 1 both pay 2, and column 1
     * (payoff 2 x3) stays a best response to the column player, against columns 2 and 3
     * (2 x1 + x3 each), exactly while x3 >= 2 x1. The path runs along that continuum
     * (x1 falls as lambda grows, slowly) to its end x1 = 1/3, where column 1 stops being the
     * only best response. It used to end in an internal error; now it stops at a verified
     * equilibrium of that support, within 1e-6 of the end. */
    lia_game *g = parse("game d1 normal {\n players A, B\n strategies A: a, b, c\n strategies B: a, b, c\n"
                        " matrix A [2 0 2; 0 1 1; 2 2 2]\n matrix B [0 2 2; 2 1 2; 2 1 1]\n}\n");
    lia_eqset *e = qre(g);
    const double *x = lia_eqset_profile(e, 0);
    assert_true(fabs(x[0] - 1.0 / 3) < 1e-6 && x[1] == 0 && fabs(x[2] - 2.0 / 3) < 1e-6);
    assert_true(x[3] == 1 && x[4] == 0 && x[5] == 0);
    assert_true(lia_eqset_regret(e, 0) <= regret_tol(g));
    lia_eqset_free(e);
    lia_game_free(g);
    /* Here every row pays 1 against y = (1/2, 0, 1/2) and columns 1 and 3 pay 1 against
     * x = (1/4, 1/4, 1/2), column 2 only 1/2: an equilibrium whose support system is singular
     * (three rows against two columns), which the path reaches slowly; its limit is
     * extrapolated and verified. */
    g = parse("game d2 normal {\n players A, B\n strategies A: a, b, c\n strategies B: a, b, c\n"
              " matrix A [2 0 0; 2 1 0; 0 0 2]\n matrix B [0 2 2; 2 0 2; 1 0 0]\n}\n");
    e = qre(g);
    x = lia_eqset_profile(e, 0);
    static const double want[6] = { 0.25, 0.25, 0.5, 0.5, 0, 0.5 };
    for (size_t i = 0; i < 6; i++) assert_true(fabs(x[i] - want[i]) < 1e-6);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_random_degenerate_games_end(void **state)
{
    (void)state;
    /* 300 seeded 3x3 games with payoffs 0..2 (ties everywhere: about one in ten used to end in
     * an internal error). Each path must end at one equilibrium that passes the regret check,
     * within 0.05 of the path's last point. */
    uint64_t seed = 20261206;
    for (int game = 0; game < 300; game++) {
        char src[512];
        int v[18];
        for (int i = 0; i < 18; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            v[i] = (int)((seed >> 33) % 3);
        }
        snprintf(src, sizeof src,
                 "game r normal {\n players A, B\n strategies A: a, b, c\n strategies B: a, b, c\n"
                 " matrix A [%d %d %d; %d %d %d; %d %d %d]\n matrix B [%d %d %d; %d %d %d; %d %d %d]\n}\n",
                 v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15],
                 v[16], v[17]);
        lia_game *g = parse(src);
        lia_nash_options o = LIA_NASH_OPTIONS_INIT;
        o.method = LIA_NASH_QRE;
        lia_eqset *e = NULL;
        lia_status st = lia_game_nash(&e, g, &o);
        if (st != LIA_OK) fprintf(stderr, "game %d: %s\n%s", game, lia_status_name(st), src);
        assert_int_equal(st, LIA_OK);
        assert_int_equal(lia_eqset_count(e), 1);
        if (lia_eqset_regret(e, 0) > regret_tol(g)) fail();
        lia_eqset_free(e);
        lia_game_free(g);
    }
}

static void test_branch_point_2x2x2(void **state)
{
    (void)state;
    /* McKelvey and McLennan's 2x2x2 game (Gambit's 2x2x2.nfg): a second branch of the QRE
     * correspondence crosses the principal one near lambda = 0.597 (Gambit's tutorial on
     * non-principal branches locates it there). The crossing is reported, and the path goes
     * on to an equilibrium. */
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    lia_eqset *e = qre(g);
    assert_int_equal(lia_eqset_branch_count(e), 1);
    double lambda;
    assert_non_null(lia_eqset_branch_point(e, 0, &lambda));
    assert_true(fabs(lambda - 0.597) < 0.001);
    assert_null(lia_eqset_branch_point(e, 1, &lambda));
    assert_true(lia_eqset_regret(e, 0) <= regret_tol(g));
    lia_eqset_free(e);
    lia_game_free(g);
    /* a generic game's principal branch has none */
    g = parse("game pd normal {\n players A, B\n strategies A: C, D\n strategies B: C, D\n"
              " matrix A [3 0; 4 1]\n matrix B [3 4; 0 1]\n}\n");
    e = qre(g);
    assert_int_equal(lia_eqset_branch_count(e), 0);
    assert_string_equal(lia_eqset_qre_end(e), "limit");
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
        cmocka_unit_test(test_continuum_nau2004),
        cmocka_unit_test(test_degenerate_ends),
        cmocka_unit_test(test_random_degenerate_games_end),
        cmocka_unit_test(test_branch_point_2x2x2),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
