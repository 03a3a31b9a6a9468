/* test_simpdiv.c — simplicial subdivision (--method simpdiv): the simplicial approximation on
 * its own (it converges at the rate of the grid, and the restarts keep each path short), and
 * the method's one equilibrium: verified, inside support enumeration's full set, the same as
 * the global Newton method's where the equilibrium is unique, and the published one where it
 * is known. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "nash/eqset.h"
#include "nash/simpdiv.h"
#include "util/mem.h"
#include "edge_games.h"

static size_t width_of(const lia_game *g)
{
    size_t w = 0;
    for (size_t p = 0; p < lia_game_player_count(g); p++) w += lia_game_strategy_count(g, p);
    return w;
}

/* Every player's gain from each pure deviation, recomputed here from expected payoffs, is
 * within 1e-9 of that player's largest |payoff| (the check every listed equilibrium passes). */
static void check_profile(const lia_game *g, const double *x)
{
    size_t np = lia_game_player_count(g), w = width_of(g), P = lia_game_profile_count(g);
    double *y = malloc(w * sizeof *y), *u = malloc(np * sizeof *u), *v = malloc(np * sizeof *v);
    assert_true(y && u && v);
    assert_int_equal(lia_game_expected_payoffs(g, x, u), LIA_OK);
    for (size_t p = 0, at = 0; p < np; at += lia_game_strategy_count(g, p), p++) {
        double scale = 0, sum = 0;
        for (size_t i = 0; i < P; i++) scale = fmax(scale, fabs(lia_game_payoffs(g)[p * P + i]));
        for (size_t s = 0; s < lia_game_strategy_count(g, p); s++) {
            assert_true(x[at + s] >= 0);
            sum += x[at + s];
            memcpy(y, x, w * sizeof *y);
            for (size_t t = 0; t < lia_game_strategy_count(g, p); t++) y[at + t] = t == s;
            assert_int_equal(lia_game_expected_payoffs(g, y, v), LIA_OK);
            assert_true(v[p] - u[p] <= 1e-9 * scale);
        }
        assert_true(fabs(sum - 1) <= 1e-12);
    }
    free(y);
    free(u);
    free(v);
}

static lia_eqset *solve(const lia_game *g, lia_nash_method m)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = m;
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    for (size_t k = 0; k < lia_eqset_count(e); k++) check_profile(g, lia_eqset_profile(e, k));
    return e;
}

/* simpdiv's one equilibrium, checked. */
static lia_eqset *simpdiv(const lia_game *g)
{
    lia_eqset *e = solve(g, LIA_NASH_SIMPDIV);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_string_equal(e->method, "simpdiv");   /* the name the set carries into its outputs */
    return e;
}

/* Index of the listed equilibrium within tol of want (max-norm), or -1. */
static long find(const lia_eqset *e, const double *want, size_t w, double tol)
{
    for (size_t k = 0; k < lia_eqset_count(e); k++) {
        const double *x = lia_eqset_profile(e, k);
        double d = 0;
        for (size_t i = 0; i < w; i++) d = fmax(d, fabs(x[i] - want[i]));
        if (d <= tol) return (long)k;
    }
    return -1;
}

/* simpdiv's equilibrium is one of support enumeration's (every isolated equilibrium). */
static void in_support_set(const lia_game *g)
{
    lia_eqset *one = simpdiv(g), *all = solve(g, LIA_NASH_SUPPORT);
    assert_true(find(all, lia_eqset_profile(one, 0), width_of(g), 1e-9) >= 0);
    lia_eqset_free(one);
    lia_eqset_free(all);
}

/* A game with a unique equilibrium: simpdiv and gnm both end at want. */
static void unique(const lia_game *g, const double *want)
{
    lia_eqset *s = simpdiv(g), *n = solve(g, LIA_NASH_GNM);
    size_t w = width_of(g);
    assert_true(find(s, want, w, 1e-12) == 0);
    assert_true(find(n, want, w, 1e-12) == 0);
    lia_eqset_free(s);
    lia_eqset_free(n);
}

/* Three-player cyclic pennies, solved by hand. Each player cares about one other: A wants to
 * match B (2 on H,H; 1 on T,T; else 0), B wants to match C (1 on H,H; 3 on T,T; else 0), C
 * wants to mismatch A (1 for C=H against A=T; 4 for C=T against A=H; else 0). With p, q, r
 * the probabilities of H:
 *   A prefers H iff 2q > 1(1-q), i.e. q > 1/3;  B prefers H iff r > 3(1-r), i.e. r > 3/4;
 *   C prefers H iff 1(1-p) > 4p, i.e. p < 1/5.
 * If q > 1/3 then p = 1, so r = 0, so q = 0: impossible; if q < 1/3 then p = 0, r = 1, q = 1:
 * impossible. So q = 1/3, B mixes, so r = 3/4, C mixes, so p = 1/5: the unique equilibrium is
 * A = (1/5, 4/5), B = (1/3, 2/3), C = (3/4, 1/4), with payoffs A: 2q = 2/3, B: r = 3/4,
 * C: 1 - p = 4/5. */
static const char *const CYCLIC =
    "game cyc normal { players A, B, C; strategies A: H, T; strategies B: H, T; strategies C: H, T\n"
    "  payoff H H H: 2,1,0; payoff T H H: 0,1,1; payoff H T H: 0,0,0; payoff T T H: 1,0,1\n"
    "  payoff H H T: 2,0,4; payoff T H T: 0,0,0; payoff H T T: 0,3,4; payoff T T T: 1,3,0 }\n";
static const double CYCLIC_EQ[6] = { 0.2, 0.8, 1.0 / 3, 2.0 / 3, 0.75, 0.25 };

/* ---- the simplicial approximation before polishing --------------------------------------- */

static void test_approximation_converges(void **state)
{
    (void)state;
    lia_game *g = parse(CYCLIC);
    double x[6];
    long labels = 0;
    for (long m = 16; m <= 65536; m *= 2) {
        assert_int_equal(lia__simpdiv_approx(g, m, x, &labels), LIA_OK);
        double d = 0;
        for (size_t i = 0; i < 6; i++) d = fmax(d, fabs(x[i] - CYCLIC_EQ[i]));
        /* the end of a path on the grid of mesh 1/m lies within O(1/m) of a regular
         * equilibrium; measured: at most 0.62/m on these grids */
        if (!(d <= 2.0 / (double)m)) fail_msg("mesh 1/%ld: distance %g from the equilibrium", m, d);
    }
    /* The restarts: every pivot moves one vertex by one grid step, at most 1/m in each
     * probability, so a single path from the centroid to A's probability 1/5 (from 1/2) on
     * the grid of mesh 1/65536 needs at least 0.3 * 65536 = 19661 labelled points. Restarting
     * each grid from the previous end takes all 15 grids, 1/4 to 1/65536, in far fewer
     * (measured: 402). */
    assert_true(labels < 2000);
    /* the grid's range */
    assert_int_equal(lia__simpdiv_approx(g, 2, x, NULL), LIA_EUSAGE);
    assert_int_equal(lia__simpdiv_approx(g, (1L << 26) + 1, x, NULL), LIA_EUSAGE);
    lia_game_free(g);
}

static void test_approximation_random(void **state)
{
    (void)state;
    /* the regret of the approximation shrinks with the mesh on random 3- and 4-player games
     * (at the rate 1/m: measured m * regret between 0.004 and 0.25 for payoffs in [0, 1));
     * from 1/16 to 1/4096 it falls at least 8-fold on each (256 / 8 leaves room for the
     * constant to vary by 32 between the grids) */
    for (uint64_t seed = 1; seed <= 6; seed++) {
        size_t np = seed % 2 ? 3 : 4, ns[4] = { 3, 3, 2, 2 }, P = 1;
        for (size_t p = 0; p < np; p++) P *= ns[p];
        double u[4 * 36], x[10], r16, r4096;
        uint64_t s = seed;
        for (size_t i = 0; i < np * P; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            u[i] = (double)(s >> 11) * 0x1.0p-53;
        }
        lia_game *g;
        assert_int_equal(lia_game_new(&g, np, ns, u), LIA_OK);
        assert_int_equal(lia__simpdiv_approx(g, 16, x, NULL), LIA_OK);
        assert_int_equal(lia_game_regret(g, x, &r16), LIA_OK);
        assert_int_equal(lia__simpdiv_approx(g, 4096, x, NULL), LIA_OK);
        assert_int_equal(lia_game_regret(g, x, &r4096), LIA_OK);
        if (!(r4096 <= r16 / 8)) fail_msg("seed %u: regret %g at 1/16, %g at 1/4096", (unsigned)seed, r16, r4096);
        lia_game_free(g);
    }
}

/* ---- the method -------------------------------------------------------------------------- */

static void test_unique_equilibria(void **state)
{
    (void)state;
    lia_game *g = parse(CYCLIC);
    unique(g, CYCLIC_EQ);
    lia_game_free(g);
    /* O'Neill's card game (tests/cases/README.md): unique, (2/5, 1/5, 1/5, 1/5) for both */
    const double oneill[8] = { 0.4, 0.2, 0.2, 0.2, 0.4, 0.2, 0.2, 0.2 };
    g = load("tests/cases/nfg/oneill.nfg");
    unique(g, oneill);
    lia_game_free(g);
    /* 2x2.nfg and 2x2const.nfg (the README): no pure equilibrium, one mixed */
    const double two[4] = { 0.5, 0.5, 1.0 / 3, 2.0 / 3 }, cst[4] = { 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    g = load("tests/cases/nfg/2x2.nfg");
    unique(g, two);
    lia_game_free(g);
    g = load("tests/cases/nfg/2x2const.nfg");
    unique(g, cst);
    lia_game_free(g);
}

static void test_published_games(void **state)
{
    (void)state;
    /* Gambit's 3-player examples and the public two-player cases: one verified equilibrium,
     * among support enumeration's */
    const char *files[] = {
        "tests/cases/nfg/2x2x2.nfg", "tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg",
        "tests/cases/nfg/coord2.nfg", "tests/cases/nfg/coord3.nfg", "tests/cases/nfg/fig3.nfg",
        "tests/cases/nfg/6x6_game_with_75_eq.nfg", "tests/cases/games/N1_4x3.game",
        "tests/cases/games/N6_vs3x2.game", "tests/cases/games/N7_issue67_4x4.game",
        "tests/cases/games/N8_duel9x9.game", "tests/cases/games/G1_gambit_6x6_longLH.game",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        lia_game *g = load(files[i]);
        in_support_set(g);
        lia_game_free(g);
    }
    /* local max cut (the README): exactly three equilibria, (1,0;0,1;1,0), (0,1;1,0;0,1) and
     * everyone 1/2; simpdiv ends at one of them */
    const double cut[3][6] = { { 1, 0, 0, 1, 1, 0 }, { 0, 1, 1, 0, 0, 1 }, { .5, .5, .5, .5, .5, .5 } };
    lia_game *g = load("tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg");
    lia_eqset *e = simpdiv(g);
    int hits = 0;
    for (size_t k = 0; k < 3; k++) hits += find(e, cut[k], 6, 1e-9) == 0;
    assert_int_equal(hits, 1);
    lia_eqset_free(e);
    lia_game_free(g);
    /* Nau, Gomez Canovas and Hansen's 3-player game, with a continuum of equilibria: the
     * end is verified (solve() checks every deviation) */
    g = load("tests/cases/nfg/nau2004_sec5.nfg");
    e = simpdiv(g);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_random_games(void **state)
{
    (void)state;
    /* random games, generic (payoffs in [0,1)) and degenerate (payoffs 0..2 tie often) */
    for (uint64_t seed = 1; seed <= 40; seed++) {
        size_t ns[3] = { 3, 3, 3 };
        double u[81];
        uint64_t s = seed * 7919;
        for (size_t i = 0; i < 81; i++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            u[i] = seed % 2 ? (double)(s >> 11) * 0x1.0p-53 : (double)((s >> 11) % 3);
        }
        lia_game *g;
        assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
        if (seed % 2) in_support_set(g);   /* generic: every equilibrium is isolated */
        else lia_eqset_free(simpdiv(g));
        lia_game_free(g);
    }
}

static void test_determinism_and_units(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    lia_eqset *a = simpdiv(g), *b = simpdiv(g);
    assert_memory_equal(lia_eqset_profile(a, 0), lia_eqset_profile(b, 0), 6 * sizeof(double));
    lia_eqset_free(b);
    /* payoffs x 1e-12 and x 1e12 (one player at a time too): the same equilibrium, since the
     * labels compare each player's gains on its own payoff spread */
    const double *u = lia_game_payoffs(g);
    double v[3][24];
    for (size_t i = 0; i < 24; i++) {
        v[0][i] = u[i] * 1e12;
        v[1][i] = u[i] * 1e-12;
        v[2][i] = i < 8 ? u[i] * 1e9 : u[i];
    }
    size_t ns[3] = { 2, 2, 2 };
    for (size_t k = 0; k < 3; k++) {
        lia_game *h;
        assert_int_equal(lia_game_new(&h, 3, ns, v[k]), LIA_OK);
        lia_eqset *c = simpdiv(h);
        assert_true(find(c, lia_eqset_profile(a, 0), 6, 1e-9) == 0);
        lia_eqset_free(c);
        lia_game_free(h);
    }
    lia_eqset_free(a);
    lia_game_free(g);
}

static void test_edge_games(void **state)
{
    (void)state;
    /* a constant game, one player, a one-strategy player: one verified equilibrium each */
    for (size_t i = 0; i < EDGE_GAMES; i++) {
        lia_game *g = parse(edge_games[i]);
        lia_eqset_free(simpdiv(g));
        lia_game_free(g);
    }
}

static void test_memory_cap(void **state)
{
    (void)state;
    /* the method's arrays (a few per strategy) against a cap of 64 bytes: refused, with the
     * reason in the library's words */
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_SIMPDIV;
    o.memory_cap = 64;
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_ELIMIT);
    assert_null(e);
    assert_non_null(strstr(lia_errmsg(), "simpdiv"));
    assert_int_equal(lia_nash_method_available(LIA_NASH_SIMPDIV), 1);
    lia_game_free(g);
}

/* Fail the k-th allocation for k = 1, 2, ...: every failing run reports LIA_ENOMEM and leaves
 * nothing behind (the sanitizer build checks leaks), until a run gives the same answer. */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *files[] = { "tests/cases/nfg/2x2x2.nfg", "tests/cases/nfg/oneill.nfg" };
    for (size_t f = 0; f < 2; f++) {
        lia_game *g = load(files[f]);
        lia_eqset *ref = simpdiv(g);
        lia_nash_options o = LIA_NASH_OPTIONS_INIT;
        o.method = LIA_NASH_SIMPDIV;
        unsigned long k;
        for (k = 1; k < 100000; k++) {
            lia_eqset *e = NULL;
            lia__mem_fail_after(k);
            lia_status st = lia_game_nash(&e, g, &o);
            lia__mem_fail_after(0);
            if (st == LIA_OK) {
                assert_true(find(e, lia_eqset_profile(ref, 0), width_of(g), 0) == 0);
                lia_eqset_free(e);
                break;
            }
            if (st != LIA_ENOMEM) fail_msg("allocation %lu failed but the method returned status %d", k, st);
            assert_null(e);
        }
        assert_true(k > 10);
        lia_eqset_free(ref);
        lia_game_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_approximation_converges),
        cmocka_unit_test(test_approximation_random),
        cmocka_unit_test(test_unique_equilibria),
        cmocka_unit_test(test_published_games),
        cmocka_unit_test(test_random_games),
        cmocka_unit_test(test_determinism_and_units),
        cmocka_unit_test(test_edge_games),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
