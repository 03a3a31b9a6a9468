/* test_nash_pure.c — pure equilibria (full sets) and the regret check that guards every
 * reported equilibrium, on published games and hand computations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "nash/eqset.h"

/* The pure equilibria as strategy indices, "s0 s1 ...;" each, in the order found. */
static void pure_set(const lia_game *g, char *buf, size_t cap)
{
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    buf[0] = 0;
    for (size_t k = 0; k < lia_eqset_count(e); k++) {
        const double *x = lia_eqset_profile(e, k);
        assert_true(lia_eqset_regret(e, k) <= 1e-9);
        for (size_t p = 0, at = 0; p < lia_game_player_count(g); at += lia_game_strategy_count(g, p), p++) {
            size_t s = 0;
            while (x[at + s] != 1) s++;
            snprintf(buf + strlen(buf), cap - strlen(buf), "%zu%s", s, p + 1 < lia_game_player_count(g) ? " " : ";");
        }
    }
    lia_eqset_free(e);
}

static void test_published_games(void **state)
{
    (void)state;
    char got[512];
    /* McKelvey-McLennan 2x2x2: 9 equilibria, 4 of them pure. Checked by hand from the payoff
     * list: at (1,1,1) = (9,8,12) every deviation gives 0; likewise (2,2,1) = (9,8,2),
     * (2,1,2) = (3,4,6) and (1,2,2) = (3,4,6). */
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    pure_set(g, got, sizeof got);
    assert_string_equal(got, "0 0 0;1 1 0;1 0 1;0 1 1;");
    lia_game_free(g);
    /* local max-cut game: the published set is (1,0;0,1;1,0), (0,1;1,0;0,1) and one mixed */
    g = load("tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg");
    pure_set(g, got, sizeof got);
    assert_string_equal(got, "0 1 0;1 0 1;");
    lia_game_free(g);
    /* 3x3 coordination: the diagonal */
    g = load("tests/cases/nfg/coord3.nfg");
    pure_set(g, got, sizeof got);
    assert_string_equal(got, "0 0;1 1;2 2;");
    lia_game_free(g);
    /* von Stengel's 6x6 game: 2 of its 75 extreme equilibria are pure; lrsnash lists
     * x = e5, y = e1 and x = e2, y = e6, each paying 270 to both players */
    g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    pure_set(g, got, sizeof got);
    assert_string_equal(got, "4 0;1 5;");
    lia_game_free(g);
}

static void test_textbook_games(void **state)
{
    (void)state;
    char got[512];
    lia_game *pd = parse("game pd normal { players R, C; strategies R: C, D; strategies C: C, D\n"
                         "  matrix R [3 0; 5 1]; matrix C [3 5; 0 1] }\n");
    pure_set(pd, got, sizeof got);
    assert_string_equal(got, "1 1;");                      /* only mutual defection */
    lia_game_free(pd);
    lia_game *mp = parse("game mp normal { players R, C; strategies R: H, T; strategies C: H, T\n"
                         "  matrix R [1 -1; -1 1]; matrix C [-1 1; 1 -1] }\n");
    pure_set(mp, got, sizeof got);
    assert_string_equal(got, "");                          /* matching pennies: none */
    lia_game_free(mp);
    /* a constant game: every profile; ties are best responses */
    lia_game *zero = parse("game z normal { players A, B, C; strategies A: a, b; strategies B: a, b\n"
                           "  strategies C: a, b, c\n"
                           "  payoff a a a: 0,0,0; payoff b a a: 0,0,0; payoff a b a: 0,0,0; payoff b b a: 0,0,0\n"
                           "  payoff a a b: 0,0,0; payoff b a b: 0,0,0; payoff a b b: 0,0,0; payoff b b b: 0,0,0\n"
                           "  payoff a a c: 0,0,0; payoff b a c: 0,0,0; payoff a b c: 0,0,0; payoff b b c: 0,0,0 }\n");
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, zero, NULL), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 12);
    lia_eqset_free(e);
    lia_game_free(zero);
}

static void test_many_players(void **state)
{
    (void)state;
    /* 16 players, 2 strategies each: everyone gets 1 when all choose alike (2^16 profiles);
     * exactly the two unanimous profiles are equilibria */
    const size_t np = 16, nprof = (size_t)1 << np;
    size_t ns[16];
    for (size_t p = 0; p < np; p++) ns[p] = 2;
    static double u[16 * (1 << 16)];
    for (size_t prof = 0; prof < nprof; prof++)
        for (size_t p = 0; p < np; p++) u[p * nprof + prof] = (prof == 0 || prof == nprof - 1) ? 1 : 0;
    lia_game *g;
    assert_int_equal(lia_game_new(&g, np, ns, u), LIA_OK);
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    /* unanimity at 0 or 1, plus every profile where no single switch creates unanimity:
     * a profile with 2..14 players at 1 (a lone switch leaves a mixed profile paying 0) */
    size_t want = 0;
    for (size_t prof = 0; prof < nprof; prof++) {
        int ones = __builtin_popcountll(prof);
        if (ones == 0 || ones == 16 || (ones >= 2 && ones <= 14)) want++;
    }
    assert_int_equal(lia_eqset_count(e), want);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_regret(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    /* the two published totally mixed equilibria have zero regret */
    const double e1[6] = { 0.4, 0.6, 0.5, 0.5, 1.0 / 3, 2.0 / 3 };
    const double e2[6] = { 0.5, 0.5, 0.4, 0.6, 0.25, 0.75 };
    double r;
    assert_int_equal(lia_game_regret(g, e1, &r), LIA_OK);
    assert_true(r < 1e-12);
    assert_int_equal(lia_game_regret(g, e2, &r), LIA_OK);
    assert_true(r < 1e-12);
    /* everyone uniform: player 1's pure values against (1/2,1/2),(1/2,1/2):
     *   s=1: (9 + 0 + 0 + 3)/4 = 3;  s=2: (0 + 9 + 3 + 0)/4 = 3  -> no gain for player 1
     * player 3: s=1: (9*... ) u3 at (.,.,1) = 12,0,0,2 -> 14/4 = 3.5; at (.,.,2) = 0,6,6,0 -> 3
     * expected 3.25, best 3.5: regret 0.25 (players 1 and 2 by the same symmetry gain 0) */
    const double uni[6] = { 0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
    assert_int_equal(lia_game_regret(g, uni, &r), LIA_OK);
    assert_true(fabs(r - 0.25) < 1e-12);
    double u[3];
    assert_int_equal(lia_game_expected_payoffs(g, uni, u), LIA_OK);
    assert_true(fabs(u[0] - 3) < 1e-12 && fabs(u[1] - 3) < 1e-12 && fabs(u[2] - 3.25) < 1e-12);
    const double bad[6] = { 0.5, 0.6, 0.5, 0.5, 0.5, 0.5 };   /* does not sum to 1 */
    assert_int_equal(lia_game_regret(g, bad, &r), LIA_EUSAGE);
    assert_int_equal(lia_game_regret(NULL, uni, &r), LIA_EUSAGE);
    lia_game_free(g);
}

/* Each player is checked against its own payoff scale. Player 1's payoffs are about 1e9,
 * player 2's about 1: at (row 1, column 1) player 2 gains 1e-4 by switching to column 2, far
 * above 1e-9 of its own scale although far below 1e-9 of player 1's (which is 1). */
static void test_regret_per_player_scale(void **state)
{
    (void)state;
    size_t ns[2] = { 2, 2 };
    /* layout: player 0 block then player 1 block, first player fastest */
    double pay[8] = { 1e9, 0, 1e9, 0,       /* u1(r1,c1) u1(r2,c1) u1(r1,c2) u1(r2,c2) */
                      1.0, 0, 1.0001, 0 };  /* u2: column 2 is better by 1e-4 against row 1 */
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    double x[4] = { 1, 0, 1, 0 }, regret;
    int pass = 1;
    assert_int_equal(lia__regret_verify(g, x, &regret, &pass), LIA_OK);
    assert_true(fabs(regret - 1e-4) < 1e-9);
    assert_true(regret <= lia__regret_tolerance(g));   /* the shared tolerance would let it pass */
    assert_int_equal(pass, 0);
    double y[4] = { 1, 0, 0, 1 };                      /* (row 1, column 2) is an equilibrium */
    assert_int_equal(lia__regret_verify(g, y, &regret, &pass), LIA_OK);
    assert_int_equal(pass, 1);
    /* and no method reports the false one: pure finds only (r1, c2) */
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(lia_eqset_profile(e, 0)[3] == 1);
    lia_eqset_free(e);
    lia_game_free(g);
}

/* The tolerance follows each player's payoff spread, not its magnitude: with payoffs near
 * 1e12 that differ by 0.5, a deviation worth 0.5 is a real gain (1e-9 of 1e12 would be 1000). */
static void test_regret_offset_payoffs(void **state)
{
    (void)state;
    size_t ns[2] = { 2, 2 };
    /* player 1 prefers row 2 by 0.5 whatever the column; player 2 is indifferent */
    double pay[8] = { 1e12, 1e12 + 0.5, 1e12, 1e12 + 0.5, 0, 0, 0, 0 };
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 2);      /* (row 2, column 1) and (row 2, column 2) */
    for (size_t k = 0; k < 2; k++) assert_true(lia_eqset_profile(e, k)[1] == 1);
    lia_eqset_free(e);
    double x[4] = { 1, 0, 1, 0 }, regret;
    int pass = 1;
    assert_int_equal(lia__regret_verify(g, x, &regret, &pass), LIA_OK);
    assert_true(fabs(regret - 0.5) < 1e-3 && pass == 0);
    lia_game_free(g);
}

static void test_json_contract(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/coord2.nfg");
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    char *json;
    assert_int_equal(lia_eqset_write(&json, NULL, e, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(json, "\"method\": \"pure\""));
    assert_non_null(strstr(json, "{\"strategies\": [[1, 0], [1, 0]], \"payoffs\": [3, 2], \"regret\": 0}"));
    /* coord2.nfg lists 3 2 0 0 0 0 2 2: (2,2) pays 2 to each */
    assert_non_null(strstr(json, "{\"strategies\": [[0, 1], [0, 1]], \"payoffs\": [2, 2], \"regret\": 0}"));
    lia_free(json);
    lia_nash_options bad = LIA_NASH_OPTIONS_INIT;
    bad.version = 7;
    lia_eqset *none = (lia_eqset *)&none;
    assert_int_equal(lia_game_nash(&none, g, &bad), LIA_EUSAGE);
    assert_null(none);
    lia_eqset_free(e);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_games),
        cmocka_unit_test(test_textbook_games),
        cmocka_unit_test(test_many_players),
        cmocka_unit_test(test_regret),
        cmocka_unit_test(test_regret_per_player_scale),
        cmocka_unit_test(test_regret_offset_payoffs),
        cmocka_unit_test(test_json_contract),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
