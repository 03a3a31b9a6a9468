/* test_repeat.c — repeated-game sustainability against hand computations: critical discount
 * factors, punishments, the transfer LP (feasible and infeasible, two and three members) and
 * the best self-enforcing profile. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "ab_agreement.h"
#include "repeat/repeat.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-12)

/* two players, payoffs by profile a + 2b: u1 then u2 */
static lia_game *two(const double u1[4], const double u2[4])
{
    size_t ns[2] = { 2, 2 };
    double pay[8];
    memcpy(pay, u1, 4 * sizeof *pay);
    memcpy(pay + 4, u2, 4 * sizeof *pay);
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    return g;
}

static void test_prisoners_dilemma(void **state)
{
    (void)state;
    /* T = 10, R = 9, P = 3, S = 1 (strategy 0 = C, 1 = D): for (C, C), C = 9, D = 10,
     * P = 3 (the only equilibrium is (D, D)); delta* = (10 - 9)/(10 - 3) = 1/7 */
    const double u1[4] = { 9, 10, 1, 3 }, u2[4] = { 9, 1, 10, 3 };
    lia_game *g = two(u1, u2);
    size_t cc[2] = { 0, 0 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    const lia_sustain *s;
    assert_non_null(s = lia_repeat_player(r, 0));
    NEAR(s->value, 9);
    NEAR(s->deviation, 10);
    NEAR(s->punishment, 3);
    NEAR(s->delta_star, 1.0 / 7);
    assert_int_equal(s->best_deviation, 1);
    assert_int_equal(s->sustainable, -1);   /* no patience given */
    assert_int_equal(lia_repeat_self_enforcing(r), -1);
    assert_int_equal(lia_repeat_transfers(r, NULL), -1);
    lia_repeat_free(r);
    /* just below and just above 1/7 */
    o.delta = 0.14;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    assert_int_equal(lia_repeat_self_enforcing(r), 0);
    /* symmetric shortfalls, no surplus: no transfer helps; the best self-enforcing profile
     * is the stage equilibrium (D, D) */
    assert_int_equal(lia_repeat_transfers(r, NULL), 0);
    const size_t *best;
    const double *pay, *t;
    assert_int_equal(lia_repeat_best(r, &best, &pay, &t), 1);
    assert_int_equal(best[0], 1);
    assert_int_equal(best[1], 1);
    NEAR(pay[0], 3);
    lia_repeat_free(r);
    o.delta = 0.15;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    assert_int_equal(lia_repeat_self_enforcing(r), 1);
    assert_int_equal(lia_repeat_best(r, &best, NULL, &t), 1);
    assert_int_equal(best[0], 0);   /* (C, C): total 18 */
    NEAR(t[0], 0);
    lia_repeat_free(r);
    /* minmax punishment: each can hold the other to max(1, 3) = 3 by playing D; in mixed
     * strategies too (D dominates), so the same 1/7 */
    o.punish = LIA_PUNISH_MINMAX;
    o.delta = 0;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    s = lia_repeat_player(r, 1);
    NEAR(s->punishment, 3);
    NEAR(s->delta_star, 1.0 / 7);
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_minmax_below_nash(void **state)
{
    (void)state;
    /* Row's payoffs (rows a, columns b): [[4, 0], [1, 1]]; column's: [[1, 0], [0, 2]].
     * Pure equilibria: (0,0) with (4, 1) and (1,1) with (1, 2); the mixed one has column
     * playing 1/4 on b = 0 (row indifferent: 4q = 1) and row 2/3 on a = 0 (column: p = 2(1-p)),
     * giving row 1 and column 2/3. Nash reversion: row's worst 1, column's worst 2/3.
     * Minmax of row: column mixes q to minimise max(4q, 1): any q <= 1/4 gives 1. Of column:
     * row mixes p to minimise max(p, 2(1 - p)): p = 2/3 gives 2/3. Target (0, 0): row C = 4 =
     * D (no gain: delta* 0); column C = 1, D = max(1, 0) = 1: delta* 0 too. Target (0, 1):
     * row gets 0, deviates to 1; column gets 0, deviates to 1: C = 0 < P = 1 for row: never. */
    const double u1[4] = { 4, 1, 0, 1 }, u2[4] = { 1, 0, 0, 2 };
    lia_game *g = two(u1, u2);
    double p[2];
    assert_int_equal(lia__punishments(g, LIA_PUNISH_NASH, p), LIA_OK);
    assert_true(fabs(p[0] - 1) < 1e-9 && fabs(p[1] - 2.0 / 3) < 1e-9);
    assert_int_equal(lia__punishments(g, LIA_PUNISH_MINMAX, p), LIA_OK);
    assert_true(fabs(p[0] - 1) < 1e-7 && fabs(p[1] - 2.0 / 3) < 1e-7);
    size_t t[2] = { 0, 1 };
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, t, NULL), LIA_OK);
    const lia_sustain *s = lia_repeat_player(r, 0);
    assert_true(isnan(s->delta_star));
    lia_repeat_free(r);
    lia_game_free(g);
}

static void test_transfers_by_hand(void **state)
{
    (void)state;
    /* Two members, delta 0.5: C = (1, 5), D = (3, 6), P = (0, 0). Needs (1-delta) D + delta P:
     * (1.5, 3). Member 0 is short 0.5, member 1 has 2 to spare: t = (0.5, -0.5). */
    double c[3] = { 1, 5 }, d[3] = { 3, 6 }, p[3] = { 0, 0 }, delta[3] = { 0.5, 0.5, 0.5 }, t[3];
    int feasible;
    assert_int_equal(lia__transfers(2, c, d, p, delta, NULL, &feasible, t), LIA_OK);
    assert_int_equal(feasible, 1);
    NEAR(t[0], 0.5);
    NEAR(t[1], -0.5);
    /* raise member 0's deviation to 12: it needs 6, the other spares only 2: infeasible */
    d[0] = 12;
    t[0] = 42;
    assert_int_equal(lia__transfers(2, c, d, p, delta, NULL, &feasible, t), LIA_OK);
    assert_int_equal(feasible, 0);
    NEAR(t[0], 42);   /* untouched */
    /* Three members: C = (5, 1, 2), D = (6, 4, 2), P = 0, delta 0.5: needs (3, 2, 1), so
     * surpluses 2 and 1 and a shortfall of 1 for member 1. The least total paid is 1, and
     * the payers give the same fraction (1/3) of their surplus: t = (-2/3, 1, -1/3). */
    double c3[3] = { 5, 1, 2 }, d3[3] = { 6, 4, 2 }, p3[3] = { 0, 0, 0 };
    assert_int_equal(lia__transfers(3, c3, d3, p3, delta, NULL, &feasible, t), LIA_OK);
    assert_int_equal(feasible, 1);
    NEAR(t[0], -2.0 / 3);
    NEAR(t[1], 1);
    NEAR(t[2], -1.0 / 3);
    /* allocation failure inside: a status, no leak */
    for (unsigned long k = 1;; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia__transfers(3, c3, d3, p3, delta, NULL, &feasible, t);
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
    }
}

static void test_agreement_balance(void **state)
{
    (void)state;
    /* docs/model.md section 6 agreement at its commitment (1, 1), patience 0.9 for both:
     * A: C = -0.6; its best deviation is withholding: u_A(0, 1) = -0.22; the only stage
     * equilibrium is (0, 0) with payoffs (0, 0), so P = 0 and C < P: never sustainable.
     * Received by A: coverage 0.08 + facility 1 = 1.08; given: exposure 0.12 + facility 1.5 +
     * transfer 0.3 - spillover 0.24 = 1.68; ratio 1.08/1.68; threshold
     * 1 + (0.1 * -0.22 + 0.9 * 0)/1.68. B: its alternative, withholding, gives u_B(1, 0) = 0.48
     * < 1.455, so D = C, delta* 0, sustainable. Transfers: A needs
     * 0.1 * -0.22 - (-0.6) = 0.578, B spares 1.455 - 0.1 * 1.455 = 1.3095: t = (0.578, -0.578). */
    static const char text[] = AB_AGREEMENT_TEXT;
    lia_model *m = NULL;
    lia_game *g = NULL;
    lia_repeat *r = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "ab.lia"), LIA_OK);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_repeat(&r, g, NULL, NULL), LIA_OK);
    const lia_sustain *a, *b;
    a = lia_repeat_player(r, 0);
    b = lia_repeat_player(r, 1);
    NEAR(a->value, -0.6);
    NEAR(a->deviation, -0.22);
    NEAR(a->punishment, 0);
    assert_true(isnan(a->delta_star));
    assert_int_equal(a->sustainable, 0);
    NEAR(a->received, 1.08);
    NEAR(a->given, 1.68);
    NEAR(a->ratio, 1.08 / 1.68);
    NEAR(a->ratio_threshold, 1 + (0.1 * -0.22) / 1.68);
    NEAR(b->delta_star, 0);
    assert_int_equal(b->sustainable, 1);
    const double *t;
    assert_int_equal(lia_repeat_transfers(r, &t), 1);
    NEAR(t[0], 0.578);
    NEAR(t[1], -0.578);
    char *json = NULL;
    assert_int_equal(lia_repeat_write(&json, NULL, r, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(json, "\"delta_star\": [null, 0]"));
    assert_non_null(strstr(json, "\"self_enforcing\": false"));
    lia_free(json);
    lia_repeat_free(r);
    /* misuse */
    assert_int_equal(lia_game_repeat(NULL, g, NULL, NULL), LIA_EUSAGE);
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 1;
    assert_int_equal(lia_game_repeat(&r, g, NULL, &o), LIA_EUSAGE);
    size_t bad[2] = { 0, 2 };
    assert_int_equal(lia_game_repeat(&r, g, bad, NULL), LIA_EUSAGE);
    assert_null(r);
    assert_null(lia_repeat_player(NULL, 0));
    lia_game_free(g);
    lia_model_free(m);
}

/* Fail the k-th allocation for every k: each failure is a status, the ASan build sees no
 * leak, and the next call works. The solve report (with its sustainability and shares) and the
 * repeated-game analysis with its payoff set. */
static void test_allocation_failures(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "models/soe-nkvd-1941.lia"), LIA_OK);
    for (unsigned long k = 1;; k++) {
        lia_report *r = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_model_solve(&r, m, NULL, NULL);
        lia__mem_fail_after(0);
        lia_report_free(r);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
        assert_true(k < 100000);
    }
    lia_model_free(m);
    const double u1[4] = { 9, 10, 1, 3 }, u2[4] = { 9, 1, 10, 3 };
    lia_game *g = two(u1, u2);
    size_t cc[2] = { 0, 0 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 0.9;
    o.payoff_set = 1;
    for (unsigned long k = 1;; k++) {
        lia_repeat *r = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_repeat(&r, g, cc, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            size_t nv;
            assert_non_null(lia_repeat_payoff_set(r, &nv));
            assert_int_equal(nv, 4);
            lia_repeat_free(r);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(r);
    }
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_minmax_below_nash),
        cmocka_unit_test(test_transfers_by_hand),
        cmocka_unit_test(test_agreement_balance),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
