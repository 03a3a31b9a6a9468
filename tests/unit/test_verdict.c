/* test_verdict.c — the status of a target (liaison.h, lia_verdict) on games whose every number
 * is derived by hand below: one game per status, the direction of a deviation, and the
 * correlated minmax of three players. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"
#include "repeat/repeat.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-9)

/* two players, payoffs by profile a + 2b (the first player's strategy runs fastest) */
static lia_repeat *two(const double u1[4], const double u2[4], const size_t target[2], double delta, lia_game **g)
{
    size_t ns[2] = { 2, 2 };
    double pay[8];
    memcpy(pay, u1, 4 * sizeof *pay);
    memcpy(pay + 4, u2, 4 * sizeof *pay);
    assert_int_equal(lia_game_new(g, 2, ns, pay), LIA_OK);
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = delta;
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, *g, target, &o), LIA_OK);
    return r;
}

static void test_holds(void **state)
{
    (void)state;
    /* the prisoner's dilemma T 10, R 9, P 3, S 1 at delta 0.5: delta* = (10 - 9)/(10 - 3) = 1/7
     * for both, 0.5 >= 1/7: Nash reversion suffices */
    const double u1[4] = { 9, 10, 1, 3 }, u2[4] = { 9, 1, 10, 3 };
    const size_t cc[2] = { 0, 0 };
    lia_game *g;
    lia_repeat *r = two(u1, u2, cc, 0.5, &g);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS);
    assert_int_equal(lia_repeat_self_enforcing(r), 1);
    assert_string_equal(lia_verdict_name(lia_repeat_verdict(r)), "holds");
    assert_int_equal(lia_repeat_direction(r, 0), LIA_DIRECTION_NONE);   /* no sharing levels */
    assert_int_equal(lia_repeat_harsher(r, 0, NULL, NULL), 0);          /* not needed */
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_punishment_preferred(void **state)
{
    (void)state;
    /* A: [5 -1; 6 0], B: [1 0.5; 1 2] (rows A's c, d; columns B's c, d); target (c, c).
     * B: C = 1, D = max(1, 0.5) = 1, the only stage equilibrium is (d, d) with (0, 2), so
     * P = 2 > C: B gains by any deviation that triggers it, delta* never (not 0).
     * A: C = 5, D = 6, P = 0: delta* = 1/6.
     * Minmax: of B, A plays c: max(1, 0.5) = 1 (A playing d gives B 2); of A, B plays d:
     * max(-1, 0) = 0. The worst subgame-perfect payoffs are these minmaxes ((d, d) forever
     * gives A 0; (c, c) forever gives B 1), so at delta 0.9 B keeps to (c, c) iff
     * 1 >= 0.1 * 1 + 0.9 * 1, which holds with equality, and A iff 5 >= 0.1 * 6 + 0.9 * 0.
     * Status: holds with a harsher punishment. */
    const double u1[4] = { 5, 6, -1, 0 }, u2[4] = { 1, 1, 0.5, 2 };
    const size_t cc[2] = { 0, 0 };
    lia_game *g;
    lia_repeat *r = two(u1, u2, cc, 0.9, &g);
    const lia_sustain *a, *b;
    a = lia_repeat_player(r, 0);
    b = lia_repeat_player(r, 1);
    NEAR(a->delta_star, 1.0 / 6);
    assert_true(isnan(b->delta_star));
    assert_int_equal(b->sustainable, 0);
    double mm, mmd, w;
    int ok;
    assert_int_equal(lia_repeat_minmax(r, 1, &mm, &mmd, &ok), LIA_OK);
    NEAR(mm, 1);
    NEAR(mmd, 0);   /* D = C: nothing to gain once */
    assert_int_equal(ok, 1);
    assert_int_equal(lia_repeat_minmax(r, 0, &mm, &mmd, &ok), LIA_OK);
    NEAR(mm, 0);
    NEAR(mmd, 1.0 / 6);
    assert_int_equal(lia_repeat_harsher(r, 0, &w, &ok), 1);
    NEAR(w, 0);
    assert_int_equal(ok, 1);
    assert_int_equal(lia_repeat_harsher(r, 1, &w, &ok), 1);
    NEAR(w, 1);
    assert_int_equal(ok, 1);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT);
    assert_int_equal(lia_repeat_self_enforcing(r), 1);
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_breaks_down_and_needs_transfers(void **state)
{
    (void)state;
    /* The prisoner's dilemma at delta 0.14 < 1/7: (D, D) is the only equilibrium and each
     * player's minmax (3), so no punishment is harsher than reverting and the exact test fails
     * too. Each needs 0.86 * 10 + 0.14 * 3 - 9 = 0.02 and neither has a surplus: no
     * budget-balanced transfer helps. */
    const double u1[4] = { 9, 10, 1, 3 }, u2[4] = { 9, 1, 10, 3 };
    const size_t cc[2] = { 0, 0 };
    lia_game *g;
    lia_repeat *r = two(u1, u2, cc, 0.14, &g);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_BREAKS_DOWN);
    assert_int_equal(lia_repeat_self_enforcing(r), 0);
    assert_int_equal(lia_repeat_transfers(r, NULL), 0);
    lia_repeat_free(r);
    lia_game_free(g);
    /* B's temptation lowered to 9.5: (D, D) is still the only equilibrium (D dominates for both:
     * 10 > 9, 3 > 1 for A; 9.5 > 9, 3 > 1 for B). A needs 0.02 as before; B needs
     * 0.86 * 9.5 + 0.42 - 9 = -0.41, a surplus: B pays A 0.02. */
    const double v2[4] = { 9, 1, 9.5, 3 };
    r = two(u1, v2, cc, 0.14, &g);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_NEEDS_TRANSFERS);
    const double *t;
    assert_int_equal(lia_repeat_transfers(r, &t), 1);
    NEAR(t[0], 0.02);
    NEAR(t[1], -0.02);
    char words[64];   /* the game's default player names */
    snprintf(words, sizeof words, "%s pays %s 0.02 per period", lia_game_player_name(g, 1), lia_game_player_name(g, 0));
    assert_non_null(strstr(lia_repeat_summary(r), words));
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_undecided_three_players(void **state)
{
    (void)state;
    /* Three players, two strategies each (c = 0, d = 1), profile a + 2b + 4c. Players 2 and 3
     * get 1 for playing c and 0 for d, whatever the others do: c dominates. Player 1 gets 3 at
     * (c, c, c), 4 at (d, c, c), and 0 whenever player 2 or 3 plays d. The only equilibrium is
     * (d, c, c): player 1's punishment P = 4 > C = 3, so Nash reversion never holds it. Its
     * minmax, with 2 and 3 punishing together by d: max(0, 0) = 0, so delta*mm = (4 - 3)/(4 - 0)
     * = 1/4 <= 0.9: it passes the necessary condition, and for three players no exact test
     * applies: undecided. */
    size_t ns[3] = { 2, 2, 2 };
    double pay[24] = { 0 };
    pay[0] = 3;
    pay[1] = 4;
    for (size_t k = 0; k < 8; k++) {
        pay[8 + k] = (k >> 1 & 1) ? 0 : 1;
        pay[16 + k] = (k >> 2 & 1) ? 0 : 1;
    }
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 3, ns, pay), LIA_OK);
    double m;
    assert_int_equal(lia__minmax_correlated(g, 0, &m), LIA_OK);
    NEAR(m, 0);
    assert_int_equal(lia__minmax_correlated(g, 1, &m), LIA_OK);
    NEAR(m, 1);
    size_t ccc[3] = { 0, 0, 0 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 0.9;
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, ccc, &o), LIA_OK);
    const lia_sustain *s = lia_repeat_player(r, 0);
    NEAR(s->punishment, 4);
    assert_true(isnan(s->delta_star));
    double mmd;
    lia_repeat_minmax(r, 0, NULL, &mmd, NULL);
    NEAR(mmd, 0.25);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_UNDECIDED);
    assert_int_equal(lia_repeat_self_enforcing(r), -1);
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_minmax_by_mixing(void **state)
{
    (void)state;
    /* Player 1 (strategies x, y) against players 2 and 3 (two strategies each): x pays 1 when
     * 2 and 3 match and 0 otherwise, y the reverse. Any punishment, independent or correlated,
     * makes the two events "match" and "differ" add up to 1, so player 1's best reply gets at
     * least 1/2; playing all four profiles equally (or each punisher mixing 1/2) holds it to
     * exactly 1/2: an optimum the LP reaches only by mixing. */
    size_t ns[3] = { 2, 2, 2 };
    double pay[24] = { 0 };
    for (size_t k = 0; k < 8; k++) {
        size_t a = k & 1, b = k >> 1 & 1, c = k >> 2 & 1;
        pay[k] = (a == 0) == (b == c) ? 1 : 0;
    }
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 3, ns, pay), LIA_OK);
    double m;
    assert_int_equal(lia__minmax_correlated(g, 0, &m), LIA_OK);
    NEAR(m, 0.5);
    lia_game_free(g);
}

static void test_minmax_near_tolerance(void **state)
{
    (void)state;
    /* Charlie's payoffs in bilateral-vs-multilateral's Alpha_Charlie at Alpha.leak 0.0102
     * (profile a + 2c, Alpha a, Charlie c): 0, 0.48 when Charlie plays 0 and 1.0728836736e-10,
     * 0.48 + 1.0728836736e-10 when it plays 1. Alpha holds it lowest by playing 0 for sure:
     * max(0, 1.0728836736e-10) = 1.0728836736e-10 (mixing q on Alpha's 1 adds 0.48 q to both).
     * GLPK's tight primal simplex called this LP infeasible (the suspects analysis then failed
     * with an internal error); the other methods are tried before giving up. */
    size_t ns[2] = { 2, 2 };
    const double e = 1.0728836736e-10;
    double pay[8] = { 0, 0, 0, 0, 0, 0.48, e, 0.48 + e };
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    double m;
    assert_int_equal(lia__minmax_correlated(g, 1, &m), LIA_OK);
    assert_true(fabs(m - e) <= 1e-7 * 0.48);
    lia_game_free(g);
}

static void test_exceed_and_withhold(void **state)
{
    (void)state;
    /* A facility worth 1 to each member per unit of the lowest level, costing 0.4 split equally:
     * u_i = min(x_A, x_B) - 0.2 x_i. Commitment A 0.5, B 1.
     * A: C = 0.5 - 0.1 = 0.4; at 1: 1 - 0.2 = 0.8 (more: it would exceed), at 0: 0.
     * B: C = 0.5 - 0.2 = 0.3; at 0.5: 0.5 - 0.1 = 0.4 (it would withhold), at 0: 0.
     * (0, 0) is a stage equilibrium worth 0 to both: P = 0. B: delta* = (0.4 - 0.3)/0.4 = 1/4.
     * A: no breach pays (0 < 0.8): delta* 0. With patience 0.9 it holds; with B's patience 0.2
     * B needs 0.8 * 0.4 + 0.2 * 0 - 0.3 = 0.02 and A, free to share 1, spares 0.8: A pays B
     * 0.02 (the members' patience differs, so no exact test applies, and B's minmax is 0 too:
     * 0.2 < 1/4 fails the necessary condition). */
    static const char text[] =
        "party A { patience 0.9 }\n"
        "party B { patience 0.9 }\n"
        "agreement AB bilateral {\n"
        "  members A, B\n  levels 0, 0.5, 1\n  commit A 0.5, B 1\n"
        "  facility station cost 0.4 value 1 split A 0.5, B 0.5\n}\n";
    lia_model *m = NULL;
    lia_game *g = NULL;
    lia_repeat *r = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "ex.lia"), LIA_OK);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_repeat(&r, g, NULL, NULL), LIA_OK);
    assert_int_equal(lia_repeat_direction(r, 0), LIA_DIRECTION_EXCEED);
    assert_int_equal(lia_repeat_direction(r, 1), LIA_DIRECTION_WITHHOLD);
    assert_string_equal(lia_direction_name(LIA_DIRECTION_EXCEED), "exceed");
    const lia_sustain *a, *b;
    a = lia_repeat_player(r, 0);
    b = lia_repeat_player(r, 1);
    NEAR(a->value, 0.4);
    NEAR(a->deviation, 0.8);
    NEAR(a->delta_star, 0);
    assert_int_equal(a->sustainable, 1);
    NEAR(b->value, 0.3);
    NEAR(b->deviation, 0.4);
    NEAR(b->delta_star, 0.25);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS);
    assert_non_null(strstr(lia_repeat_summary(r), "A would share more than committed"));
    lia_repeat_free(r);
    lia_game_free(g);
    assert_int_equal(lia_model_set_number(m, "B.patience", 0.2), LIA_OK);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_repeat(&r, g, NULL, NULL), LIA_OK);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_NEEDS_TRANSFERS);
    const double *t;
    assert_int_equal(lia_repeat_transfers(r, &t), 1);
    NEAR(t[0], -0.02);
    NEAR(t[1], 0.02);
    assert_non_null(strstr(lia_repeat_summary(r), "A pays B 0.02 per period"));
    lia_repeat_free(r);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_imperfect_monitoring(void **state)
{
    (void)state;
    /* The prisoner's dilemma T = 10, R = 9, P = 3 with breaches noticed with probability q per
     * period: delta*(q) = (10 - 9)/((10 - 9) + q (9 - 3)) = 1/(1 + 6q): 1/7 at q = 1, 0.4 at
     * q = 0.25, 0.625 at q = 0.1. At patience 0.5 the detection needed is
     * (D - C)(1 - delta)/(delta (C - P)) = 1 * 0.5/(0.5 * 6) = 1/6. With A seen at 0.1, A
     * must be worth ((1 - 0.5) 10 + 0.5 * 0.1 * 3)/(0.5 + 0.5 * 0.1) = 5.15/0.55 to keep to
     * it: B, which needs only 0.5 * 10 + 0.5 * 3 = 6.5 of its 9, pays A 5.15/0.55 - 9 = 4/11. */
    NEAR(lia__delta_star_q(9, 10, 3, 1), 1.0 / 7);
    NEAR(lia__delta_star_q(9, 10, 3, 0.25), 0.4);
    NEAR(lia__delta_star_q(9, 10, 3, 0.1), 0.625);
    NEAR(lia__q_needed(9, 10, 3, 0.5), 1.0 / 6);
    assert_true(isnan(lia__q_needed(9, 10, 3, 0.1)));   /* 1 * 0.9/(0.1 * 6) = 1.5 > 1: none */
    const double u1[4] = { 9, 10, 1, 3 }, u2[4] = { 9, 1, 10, 3 };
    const size_t cc[2] = { 0, 0 };
    size_t ns[2] = { 2, 2 };
    double pay[8];
    memcpy(pay, u1, sizeof u1);
    memcpy(pay + 4, u2, sizeof u2);
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    const double q[2] = { 0.1, 1 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 0.5;
    o.monitor = q;
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    const lia_sustain *a = lia_repeat_player(r, 0);
    NEAR(a->delta_star, 0.625);
    double qa, need;
    assert_int_equal(lia_repeat_monitoring(r, 0, &qa, &need), LIA_OK);
    NEAR(qa, 0.1);
    NEAR(need, 1.0 / 6);
    /* imperfect monitoring: no exact (perfect-monitoring) test, and transfers restore it */
    assert_int_equal(lia_repeat_harsher(r, 0, NULL, NULL), 0);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_NEEDS_TRANSFERS);
    const double *t;
    assert_int_equal(lia_repeat_transfers(r, &t), 1);
    NEAR(t[0], 4.0 / 11);
    NEAR(t[1], -4.0 / 11);
    lia_repeat_free(r);
    /* monitoring 1 changes nothing, and a version-1 caller (no `monitor` field) is accepted */
    const double ones[2] = { 1, 1 };
    o.monitor = ones;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    a = lia_repeat_player(r, 0);
    NEAR(a->delta_star, 1.0 / 7);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS);
    lia_repeat_free(r);
    struct { unsigned version; lia_punishment punish; double delta; int payoff_set; } v1 = { 1, LIA_PUNISH_NASH, 0.5, 0 };
    assert_int_equal(lia_game_repeat(&r, g, cc, (const lia_repeat_options *)(const void *)&v1), LIA_OK);
    assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS);
    lia_repeat_free(r);
    /* detection outside (0, 1] is misuse */
    const double bad[2] = { 0, 1 };
    o.monitor = bad;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_EUSAGE);
    assert_null(r);
    lia_game_free(g);
}

/* Every allocation of the exact test, the minmax LPs and the summary can fail: the analysis
 * then reports LIA_ENOMEM, hands out nothing and leaks nothing (the sanitizer build checks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    size_t ns[2] = { 2, 2 };
    const double pay[8] = { 5, 6, -1, 0, 1, 1, 0.5, 2 };   /* test_punishment_preferred */
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    size_t cc[2] = { 0, 0 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 0.9;
    for (unsigned long k = 1;; k++) {
        lia_repeat *r = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_repeat(&r, g, cc, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            assert_int_equal(lia_repeat_verdict(r), LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT);
            lia_repeat_free(r);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(r);
        assert_true(k < 100000);
    }
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_holds),
        cmocka_unit_test(test_punishment_preferred),
        cmocka_unit_test(test_breaks_down_and_needs_transfers),
        cmocka_unit_test(test_undecided_three_players),
        cmocka_unit_test(test_minmax_by_mixing),
        cmocka_unit_test(test_minmax_near_tolerance),
        cmocka_unit_test(test_exceed_and_withhold),
        cmocka_unit_test(test_imperfect_monitoring),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
