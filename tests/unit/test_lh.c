/* test_lh.c — Lemke-Howson by label and from all labels, on the published cases: the path's
 * end for nondegenerate games, termination and extreme equilibria on degenerate ones. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"

static lia_eqset *lh(const lia_game *g, long label)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_LH;
    o.label = label;
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    for (size_t k = 0; k < lia_eqset_count(e); k++) assert_true(lia_eqset_regret(e, k) <= 1e-9);
    return e;
}

static int is(const double *x, const double *want, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if (fabs(x[i] - want[i]) > 1e-9) return 0;
    return 1;
}

static void test_von_stengel_3x2_by_label(void **state)
{
    (void)state;
    /* Nashpy N4 (nondegenerate, so every correct implementation follows the same paths):
     * labels 0, 2, 3 -> (1,0,0),(1,0); labels 1, 4 -> (0,1/3,2/3),(1/3,2/3); the third
     * equilibrium (4/5,1/5,0),(2/3,1/3) is reached from no label */
    lia_game *g = load("tests/cases/games/N6_vs3x2.game");
    const double pure[5] = { 1, 0, 0, 1, 0 }, mixed[5] = { 0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    const double *want[5] = { pure, mixed, pure, pure, mixed };
    for (long l = 0; l < 5; l++) {
        lia_eqset *e = lh(g, l);
        assert_int_equal(lia_eqset_count(e), 1);
        assert_true(is(lia_eqset_profile(e, 0), want[l], 5));
        lia_eqset_free(e);
    }
    lia_eqset *all = lh(g, -1);
    assert_int_equal(lia_eqset_count(all), 2);
    lia_eqset_free(all);
    lia_game_free(g);
}

static void test_textbook_2x2(void **state)
{
    (void)state;
    /* Nashpy N10a, battle of the sexes [3 1; 0 2] / [2 1; 0 3]: labels 0..3 give
     * (1,0),(1,0); (0,1),(0,1); (1,0),(1,0); (0,1),(0,1); the mixed one is never reached */
    lia_game *g = load("tests/cases/games/N10a_2x2.game");
    const double a[4] = { 1, 0, 1, 0 }, b[4] = { 0, 1, 0, 1 };
    for (long l = 0; l < 4; l++) {
        lia_eqset *e = lh(g, l);
        assert_true(is(lia_eqset_profile(e, 0), l % 2 ? b : a, 4));
        lia_eqset_free(e);
    }
    lia_game_free(g);
    /* N10b: unique, fully mixed (1/2,1/2),(1/2,1/2) from every label */
    g = load("tests/cases/games/N10b_2x2.game");
    const double half[4] = { 0.5, 0.5, 0.5, 0.5 };
    lia_eqset *e = lh(g, -1);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(is(lia_eqset_profile(e, 0), half, 4));
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_degenerate_games_terminate(void **state)
{
    (void)state;
    /* Nashpy N7a is degenerate; lrsnash lists six extreme equilibria:
     *   x = (1/2,1/2,0) with y = (1/2,1/2,0) or (0,0,1);  x = (0,1,0), y = (0,0,1);
     *   x = (0,0,1), y = (0,0,1);  x = (1,0,0) with y = (1/2,1/2,0) or (0,1,0).
     * With the textbook lexicographic rule every path ends at (0,0,1),(0,0,1) or at
     * (1/2,1/2,0),(0,0,1) (Nashpy orders its tie-break differently and always reaches the
     * latter; both rules are valid, only the textbook one is proven not to cycle). */
    lia_game *g = load("tests/cases/games/N12_deg3x3lex.game");
    const double e33[6] = { 0, 0, 1, 0, 0, 1 }, hh[6] = { 0.5, 0.5, 0, 0, 0, 1 };
    for (long l = 0; l < 6; l++) {
        lia_eqset *e = lh(g, l);
        const double *x = lia_eqset_profile(e, 0);
        assert_true(is(x, e33, 6) || is(x, hh, 6));
        lia_eqset_free(e);
    }
    lia_game_free(g);
    /* Nashpy N7b: all payoffs 0 at x = (0,1,0), any y; the -10000 entry must not derail it */
    g = load("tests/cases/games/N11_deg3x3.game");
    for (long l = 0; l < 6; l++) {
        lia_eqset *e = lh(g, l);
        const double *x = lia_eqset_profile(e, 0);
        assert_true(x[0] == 0 && fabs(x[1] - 1) < 1e-12 && x[2] == 0);
        lia_eqset_free(e);
    }
    lia_game_free(g);
}

static void test_hard_cases(void **state)
{
    (void)state;
    /* Shapley's fig. 3: from every label Lemke-Howson reaches only (0,0,1),(0,0,1) */
    lia_game *g = load("tests/cases/nfg/fig3.nfg");
    lia_eqset *e = lh(g, -1);
    const double c[6] = { 0, 0, 1, 0, 0, 1 };
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(is(lia_eqset_profile(e, 0), c, 6));
    lia_eqset_free(e);
    lia_game_free(g);
    /* von Stengel's 6x6 (75 equilibria): every one of the 12 labels terminates, each result
     * verified (Gambit's floating-point lcp is reported to spin on this game) */
    g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    for (long l = 0; l < 12; l++) {
        e = lh(g, l);
        assert_int_equal(lia_eqset_count(e), 1);
        lia_eqset_free(e);
    }
    lia_game_free(g);
    /* Nashpy N8, the 9x9 constant-sum tie-breaking stress case (x1000 integers): lrsnash says
     * the equilibrium is unique with u1 = 1161135200/1530369; all 18 labels must reach it */
    g = load("tests/cases/games/N8_duel9x9.game");
    for (long l = 0; l < 18; l++) {
        e = lh(g, l);
        assert_true(fabs(lia_eqset_payoffs(e, 0)[0] - 1161135200.0 / 1530369.0) < 1e-9);
        lia_eqset_free(e);
    }
    lia_game_free(g);
}

static void test_units_do_not_matter(void **state)
{
    (void)state;
    /* N4 with every payoff times 1e9: rounding noise in the regret grows with the payoffs, so the
     * check is relative to their scale; label 1 still gives (0,1/3,2/3),(1/3,2/3) */
    const char *src =
        "game g normal { players R, C; strategies R: a, b, c; strategies C: x, y\n"
        "  matrix R [3e9 3e9; 2e9 5e9; 0 6e9]; matrix C [3e9 2e9; 2e9 6e9; 3e9 1e9] }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_LH;
    o.label = 1;
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    const double mixed[5] = { 0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    assert_true(is(lia_eqset_profile(e, 0), mixed, 5));
    assert_true(lia_eqset_regret(e, 0) <= 1e-9 * 6e9);
    lia_eqset_free(e);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_race(void **state)
{
    (void)state;
    /* --label any: one verified equilibrium, the same on every run (fixed rounds) */
    lia_game *g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    lia_eqset *a = lh(g, LIA_LH_RACE), *b = lh(g, LIA_LH_RACE);
    assert_int_equal(lia_eqset_count(a), 1);
    assert_true(is(lia_eqset_profile(a, 0), lia_eqset_profile(b, 0), 12));
    lia_eqset_free(a);
    lia_eqset_free(b);
    lia_game_free(g);
    /* a game with fewer labels than racers: N4 has 5 labels, every one of which ends at one of
     * its two reachable equilibria */
    g = load("tests/cases/games/N6_vs3x2.game");
    a = lh(g, LIA_LH_RACE);
    const double pure[5] = { 1, 0, 0, 1, 0 }, mixed[5] = { 0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    assert_true(is(lia_eqset_profile(a, 0), pure, 5) || is(lia_eqset_profile(a, 0), mixed, 5));
    lia_eqset_free(a);
    lia_game_free(g);
}

static void test_memory_cap(void **state)
{
    (void)state;
    /* Every allocation of Lemke-Howson is counted against the cap, and lia_nash_memory_needed
     * gives its threshold. For von Stengel's 6x6 game (m = n = 6, 12 labels, max(m, n) = 6):
     * the matrices and scratch hold 2*36 + 6*12 + 6*12 + 36 + 6*13 + 12 + 12 = 354 doubles and
     * 6 LAPACK ints; one path's two tableaux, each 6 rows of 7 columns, 42 + 6 + 7 = 55 doubles,
     * 6 + 7 + 12 = 25 size_t and 12 bytes; a kept equilibrium 2 * 15 doubles. With 8-byte
     * doubles and size_t and 4-byte ints: 354*8 + 6*4 + 2*(55*8 + 25*8 + 12) + 30*8
     * = 2856 + 1304 + 240 = 4400. */
    lia_game *g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    for (long label = -2; label < 2; label++) {   /* race, all labels, label 0, label 1 */
        lia_nash_options o = LIA_NASH_OPTIONS_INIT;
        o.method = LIA_NASH_LH;
        o.label = label;
        size_t need = 0;
        assert_int_equal(lia_nash_memory_needed(g, &o, &need), LIA_OK);
        size_t kept = label == -1 ? 12 : 1;   /* all labels may keep one equilibrium each */
        assert_int_equal(need, 4400 + (kept - 1) * 30 * 8);
        /* exactly the need: runs (so no allocation escaped the count); one byte less: refused */
        o.memory_cap = need;
        lia_eqset *e = NULL;
        assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
        assert_true(lia_eqset_count(e) >= 1);
        lia_eqset_free(e);
        o.memory_cap = need - 1;
        assert_int_equal(lia_game_nash(&e, g, &o), LIA_ELIMIT);
        assert_null(e);
    }
    /* options of version 1 (before memory_cap) still work, with the default cap */
    lia_nash_options o1 = LIA_NASH_OPTIONS_INIT;
    o1.version = 1;
    o1.method = LIA_NASH_LH;
    o1.label = 0;
    o1.memory_cap = 1;   /* not part of version 1: ignored */
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o1), LIA_OK);
    lia_eqset_free(e);
    /* other methods have no fixed need */
    o1.version = LIA_NASH_OPTIONS_VERSION;
    o1.method = LIA_NASH_ALL;
    size_t need;
    assert_int_equal(lia_nash_memory_needed(g, &o1, &need), LIA_EUSAGE);
    lia_game_free(g);
}

static void test_misuse(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_LH;
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);      /* three players */
    lia_game_free(g);
    g = load("tests/cases/games/N2_2x2.game");
    o.label = 4;                                                   /* labels are 0..3 */
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    o.label = -3;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_von_stengel_3x2_by_label),
        cmocka_unit_test(test_textbook_2x2),
        cmocka_unit_test(test_degenerate_games_terminate),
        cmocka_unit_test(test_hard_cases),
        cmocka_unit_test(test_units_do_not_matter),
        cmocka_unit_test(test_race),
        cmocka_unit_test(test_memory_cap),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
