/* test_share_api.c — the lia_share handle through the public API: cost games, an agreement's
 * gaps, exploitation indices, break-aways and bargaining computed by hand, misuse, and
 * allocation failure on every path. */
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
#include "ab_agreement.h"
#include "util/mem.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* The worked example of docs/model.md section 6. */
static const char ab_text[] = AB_AGREEMENT_TEXT;

static const char cost_text[] =
    "game airport coalitional cost {\n"
    "  players A, B, C, D\n"
    "  value A = 8\n  value B = 11\n  value C = 13\n  value D = 18\n"
    "  value A B = 11\n  value A C = 13\n  value A D = 18\n  value B C = 13\n  value B D = 18\n  value C D = 18\n"
    "  value A B C = 13\n  value A B D = 18\n  value A C D = 18\n  value B C D = 18\n  value A B C D = 18\n"
    "}\n";

static lia_model *parse(const char *text)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "test.lia"), LIA_OK);
    return m;
}

static void test_agreement_by_hand(void **state)
{
    (void)state;
    /* At the commitment (1, 1) docs/model.md section 6 gives the terms:
     *   A: coverage 0.08, spillover 0.24, exposure 0.12, facility 1 - 1.5, transfer out 0.3: u = -0.6
     *   B: coverage 0.48, spillover 0.2, exposure 0.025, facility 1 - 0.5, transfer in 0.3: u = 1.455
     * v(A) = v(B) = 0, v(AB) = 0.855, so Shapley = nucleolus = equal = resources = 0.4275 each
     * (both have resources 1). Gaps: -0.6 - 0.4275 = -1.0275 and +1.0275.
     * Benefits B_A = 0.08 + 0.24 + 1 = 1.32, B_B = 0.48 + 0.2 + 1 + 0.3 = 1.98 (sum 3.3);
     * costs K_A = 0.12 + 1.5 + 0.3 = 1.92, K_B = 0.025 + 0.5 = 0.525 (sum 2.445).
     * Exploitation: A (1.92/2.445)/(1.32/3.3) = 1.963190..., B (0.525/2.445)/(1.98/3.3) = 0.357873...
     * {A} would break away: v = 0 against -0.6.
     * Bargaining: A's payoffs are 0 / -0.22 withholding and -1.38 / -0.6 committing, so
     * withholding dominates, and then B withholds too (0 > -0.025): Nash reversion d = (0, 0).
     * Every other pure outcome gives A less than 0, so nothing in the hull improves on d and
     * both solutions are (0, 0). */
    lia_model *m = parse(ab_text);
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, "AB", NULL), LIA_OK);
    assert_int_equal(lia_share_player_count(s), 2);
    NEAR(lia_share_grand_value(s), 0.855, 1e-12);
    const double *act = lia_share_vector(s, LIA_SHARE_ACTUAL), *sh = lia_share_vector(s, LIA_SHARE_SHAPLEY);
    NEAR(act[0], -0.6, 1e-12);
    NEAR(act[1], 1.455, 1e-12);
    for (int r = LIA_SHARE_SHAPLEY; r <= LIA_SHARE_NUCLEOLUS; r++) {
        const double *x = lia_share_vector(s, (lia_share_rule)r);
        NEAR(x[0], 0.4275, 1e-9);
        NEAR(x[1], 0.4275, 1e-9);
    }
    NEAR(sh[0] + sh[1], 0.855, 1e-12);
    NEAR(lia_share_vector(s, LIA_SHARE_RESOURCES)[0], 0.4275, 1e-12);
    NEAR(lia_share_gap(s, LIA_SHARE_SHAPLEY)[0], -1.0275, 1e-12);
    NEAR(lia_share_gap(s, LIA_SHARE_EQUAL)[1], 1.0275, 1e-12);
    const double *ex = lia_share_exploitation(s);
    NEAR(ex[0], (1.92 / 2.445) / (1.32 / 3.3), 1e-12);
    NEAR(ex[1], (0.525 / 2.445) / (1.98 / 3.3), 1e-12);
    assert_int_equal(lia_share_breakaway_total(s), 1);
    uint64_t mask;
    double v, a;
    assert_int_equal(lia_share_breakaway(s, 0, &mask, &v, &a), LIA_OK);
    assert_int_equal(mask, 1);
    NEAR(v, 0, 0);
    NEAR(a, -0.6, 1e-12);
    assert_int_equal(lia_share_breakaway(s, 1, &mask, &v, &a), LIA_EUSAGE);
    const double *d = lia_share_disagreement(s), *nbs = lia_share_vector(s, LIA_SHARE_NASH_BARGAINING);
    const double *ks = lia_share_vector(s, LIA_SHARE_KALAI_SMORODINSKY);
    NEAR(d[0], 0, 1e-12);
    NEAR(d[1], 0, 1e-12);
    NEAR(nbs[0], 0, 1e-12);
    NEAR(nbs[1], 0, 1e-12);
    NEAR(ks[0], 0, 1e-12);
    assert_int_equal(lia_share_core_empty(s), 0);
    /* the commitment terms the index was built from */
    lia_game *g = NULL;
    const lia_member_terms *t;
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    assert_non_null(t = lia_game_commitment_terms(g, 1));
    NEAR(t->coverage, 0.48, 1e-12);
    NEAR(t->transfer_in, 0.3, 1e-12);
    NEAR(t->resources, 1, 0);
    NEAR(t->patience, 0.9, 0);
    assert_null(lia_game_commitment_terms(g, 2));
    lia_game_free(g);
    lia_share_free(s);
    lia_model_free(m);
}

static void test_cost_game_by_hand(void **state)
{
    (void)state;
    /* Airport game, costs 8, 11, 13, 18. Cost shares y, satisfaction c(S) - y(S).
     * N\{i} costs 18 for i in A, B, C (D is in it), so its satisfaction is y_i; N\{D} = ABC
     * costs 13: satisfaction y_D - 5. Maximising the smallest of these with y(N) = 18:
     * y_A = y_B = y_C = t, y_D = t + 5, 4t + 5 = 18, t = 13/4. Every other coalition is
     * slacker (A: 8 - 3.25; AB: 11 - 6.5; D: 18 - 8.25; ...), and the four tight ones fix y:
     * nucleolus (3.25, 3.25, 3.25, 8.25), least-core epsilon -3.25 (y(S) <= c(S) - 3.25). */
    lia_model *m = parse(cost_text);
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, NULL, NULL), LIA_OK);
    assert_true(lia_share_is_cost(s));
    NEAR(lia_share_grand_value(s), 18, 0);
    const double want[4] = { 3.25, 3.25, 3.25, 8.25 }, shapley[4] = { 2, 3, 4, 9 };
    for (int i = 0; i < 4; i++) {
        NEAR(lia_share_vector(s, LIA_SHARE_NUCLEOLUS)[i], want[i], 1e-9);
        NEAR(lia_share_vector(s, LIA_SHARE_PRENUCLEOLUS)[i], want[i], 1e-9);
        NEAR(lia_share_vector(s, LIA_SHARE_SHAPLEY)[i], shapley[i], 1e-12);
    }
    NEAR(lia_share_least_core_epsilon(s), -3.25, 1e-9);
    assert_int_equal(lia_share_core_empty(s), 0);
    assert_true(lia_share_verified(s, LIA_SHARE_NUCLEOLUS));
    lia_share_free(s);
    lia_model_free(m);
}

static void test_empty_core_tugame(void **state)
{
    (void)state;
    /* three-player majority: the core is empty, epsilon 1/3 (see test_share_values.c) */
    double v[8] = { 0, 0, 0, 1, 0, 1, 1, 1 };
    lia_tugame *g = NULL;
    lia_share *s = NULL;
    assert_int_equal(lia_tugame_new(&g, 3, v, 0), LIA_OK);
    assert_int_equal(lia_tugame_share(&s, g, NULL), LIA_OK);
    assert_int_equal(lia_share_core_empty(s), 1);
    NEAR(lia_share_least_core_epsilon(s), 1.0 / 3, 1e-9);
    NEAR(lia_share_vector(s, LIA_SHARE_LEAST_CORE)[2], 1.0 / 3, 1e-9);
    char *json = NULL;
    assert_int_equal(lia_share_write(&json, NULL, s, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(json, "\"core_empty\": true"));
    assert_non_null(strstr(json, "\"least_core\": {\"epsilon\": 0.33333333"));
    lia_free(json);
    lia_share_free(s);
    lia_tugame_free(g);
}

static void test_misuse(void **state)
{
    (void)state;
    double v[4] = { 0, 1, 1, 3 };
    lia_tugame *g = NULL;
    lia_share *s = (lia_share *)1;
    assert_int_equal(lia_tugame_new(&g, 2, v, 0), LIA_OK);
    assert_int_equal(lia_tugame_share(NULL, g, NULL), LIA_EUSAGE);
    assert_int_equal(lia_tugame_share(&s, NULL, NULL), LIA_EUSAGE);
    assert_null(s);
    lia_share_options o = LIA_SHARE_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(lia_tugame_share(&s, g, &o), LIA_EUSAGE);
    o = (lia_share_options)LIA_SHARE_OPTIONS_INIT;
    o.rules = (uint64_t)1 << 40;
    assert_int_equal(lia_tugame_share(&s, g, &o), LIA_EUSAGE);
    o = (lia_share_options)LIA_SHARE_OPTIONS_INIT;
    o.confidence = 1;
    assert_int_equal(lia_tugame_share(&s, g, &o), LIA_EUSAGE);
    /* only Shapley asked for: the other rules are not computed, and say so */
    o = (lia_share_options)LIA_SHARE_OPTIONS_INIT;
    o.rules = (uint64_t)1 << LIA_SHARE_SHAPLEY;
    assert_int_equal(lia_tugame_share(&s, g, &o), LIA_OK);
    assert_null(lia_share_vector(s, LIA_SHARE_NUCLEOLUS));
    const char *why;
    assert_int_not_equal(lia_share_rule_status(s, LIA_SHARE_NUCLEOLUS, &why), LIA_OK);
    NEAR(lia_share_vector(s, LIA_SHARE_SHAPLEY)[0], 1.5, 1e-12);
    assert_int_equal(lia_share_rule_status(s, LIA_SHARE_RULE_COUNT, &why), LIA_EUSAGE);
    assert_null(lia_share_vector(s, (lia_share_rule)-1));
    assert_null(lia_share_player_name(s, 2));
    assert_int_equal(lia_share_write(NULL, NULL, s, LIA_FORMAT_JSON), LIA_EUSAGE);
    char *out = (char *)1;
    assert_int_equal(lia_share_write(&out, NULL, s, LIA_FORMAT_NFG), LIA_EUSAGE);
    assert_null(out);
    lia_share_free(s);
    /* NULL handles everywhere */
    assert_int_equal(lia_share_player_count(NULL), 0);
    assert_null(lia_share_vector(NULL, LIA_SHARE_SHAPLEY));
    assert_true(isnan(lia_share_grand_value(NULL)));
    assert_int_equal(lia_share_core_empty(NULL), -1);
    assert_int_equal(lia_share_breakaway(NULL, 0, NULL, NULL, NULL), LIA_EUSAGE);
    lia_share_free(NULL);
    assert_string_equal(lia_share_rule_name(LIA_SHARE_KALAI_SMORODINSKY), "kalai_smorodinsky");
    /* array-level entry points */
    double x[2];
    assert_int_equal(lia_tu_shapley(NULL, 2, x), LIA_EUSAGE);
    assert_int_equal(lia_bankruptcy_rule(LIA_SHARE_EQUAL, 1, v, 2, x), LIA_EUSAGE);
    assert_int_equal(lia_game_bargaining(NULL, LIA_DISAGREE_NASH, x, x, x), LIA_EUSAGE);
    lia_tugame_free(g);
    /* a model without the named game: the model says so, and a later success clears it */
    lia_model *m = parse(ab_text);
    assert_int_equal(lia_model_share(&s, m, "nope", NULL), LIA_EUSAGE);
    assert_null(s);
    assert_non_null(strstr(lia_model_errmsg(m), "no agreement or game named 'nope'"));
    lia_game *g2 = NULL;
    assert_int_equal(lia_model_compile(&g2, m, "AB", NULL), LIA_OK);
    assert_string_equal(lia_model_errmsg(m), "");
    lia_game_free(g2);
    assert_string_equal(lia_model_source_name(m), "test.lia");
    lia_model_free(m);
}

/* Fail the k-th allocation for every k until the call succeeds: each failure is LIA_ENOMEM,
 * leaves nothing behind (the ASan build checks leaks) and the model stays usable. */
static void sweep(lia_model *m, const char *name)
{
    lia_share *ref = NULL;
    assert_int_equal(lia_model_share(&ref, m, name, NULL), LIA_OK);
    for (unsigned long k = 1;; k++) {
        lia_share *s = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_model_share(&s, m, name, NULL);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            const double *a = lia_share_vector(s, LIA_SHARE_SHAPLEY), *b = lia_share_vector(ref, LIA_SHARE_SHAPLEY);
            for (size_t i = 0; i < lia_share_player_count(s); i++) NEAR(a[i], b[i], 0);
            lia_share_free(s);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(s);
        assert_true(k < 20000);
    }
    char *json = NULL;
    for (unsigned long k = 1;; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_share_write(&json, NULL, ref, LIA_FORMAT_JSON);
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(json);
    }
    lia_free(json);
    lia_share_free(ref);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_model *m = parse(ab_text);
    sweep(m, "AB");
    lia_model_free(m);
    m = parse(cost_text);
    sweep(m, NULL);
    lia_model_free(m);
    static const char bank[] = "game t bankruptcy {\n  estate 200\n  claims A 100, B 200, C 300\n}\n";
    m = parse(bank);
    sweep(m, NULL);
    lia_model_free(m);
    static const char vote[] = "game c voting {\n  quota 12\n  weights F 4, G 4, I 4, B 2, N 2, L 1\n}\n";
    m = parse(vote);
    sweep(m, NULL);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agreement_by_hand),
        cmocka_unit_test(test_cost_game_by_hand),
        cmocka_unit_test(test_empty_core_tugame),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
