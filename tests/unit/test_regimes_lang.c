/* test_regimes_lang.c — regimes in the language and the model API: the transition matrix, the
 * default start, applying a regime's sets, transition paths as overrides, cloning, and
 * allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "util/mem.h"
#include "ab_agreement.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* The worked agreement AB (docs/model.md section 6) under three regimes. */
static const char three[] = AB_AGREEMENT_TEXT
    "let surge = 3\n"
    "regime calm { }\n"
    "regime crisis {\n"
    "  set B.need.t = surge\n"
    "}\n"
    "regime war { set A.leak = 0.2; set B.need.t = surge - 1/2 }\n"
    "transition calm -> crisis 0.1\n"
    "transition calm -> war 0.05\n"
    "transition crisis -> calm 1/2\n"
    "transition war -> calm 0.25\n"
    "transition war -> crisis 0.25\n";

enum { CALM, CRISIS, WAR };

static lia_model *open_text(const char *text, lia_status want)
{
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "regimes.lia"), want);
    return m;
}

/* B's payoff at profile p of AB (profile = x_A + 2 x_B). */
static double b_payoff(lia_model *m, size_t p)
{
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    double v = lia_game_payoffs(g)[lia_game_profile_count(g) + p];
    lia_game_free(g);
    return v;
}

static void test_three_regimes_and_their_matrix(void **state)
{
    (void)state;
    lia_model *m = open_text(three, LIA_OK);
    assert_int_equal(lia_model_regime_count(m), 3);
    assert_string_equal(lia_model_regime_name(m, CALM), "calm");
    assert_string_equal(lia_model_regime_name(m, WAR), "war");
    assert_null(lia_model_regime_name(m, 3));
    assert_int_equal(lia_model_regime_start(m), CALM);   /* no `start`: the first regime */
    /* the diagonal is what each row leaves: 1 - 0.1 - 0.05, 1 - 1/2, 1 - 0.25 - 0.25 */
    const double want[3][3] = { { 0.85, 0.1, 0.05 }, { 0.5, 0.5, 0 }, { 0.25, 0.25, 0.5 } };
    for (size_t f = 0; f < 3; f++) {
        double sum = 0;
        for (size_t t = 0; t < 3; t++) {
            NEAR(lia_model_transition(m, f, t), want[f][t]);
            sum += lia_model_transition(m, f, t);
        }
        NEAR(sum, 1);
    }
    assert_true(isnan(lia_model_transition(m, 3, 0)));
    assert_true(isnan(lia_model_transition(m, 0, 3)));
    assert_true(isnan(lia_model_transition(NULL, 0, 0)));
    lia_model_free(m);
}

static void test_deterministic_cycle_and_start(void **state)
{
    (void)state;
    const char *text = AB_AGREEMENT_TEXT
        "regime a { }\nregime b { }\nregime c { }\n"
        "transition a -> b 1\ntransition b -> c 1\ntransition c -> a 1\n"
        "start b\n";
    lia_model *m = open_text(text, LIA_OK);
    assert_int_equal(lia_model_regime_count(m), 3);
    assert_int_equal(lia_model_regime_start(m), 1);
    for (size_t f = 0; f < 3; f++)
        for (size_t t = 0; t < 3; t++) assert_true(lia_model_transition(m, f, t) == (t == (f + 1) % 3 ? 1.0 : 0.0));
    lia_model_free(m);
}

static void test_static_model_has_no_regimes(void **state)
{
    (void)state;
    lia_model *m = open_text(AB_AGREEMENT_TEXT, LIA_OK);
    assert_int_equal(lia_model_regime_count(m), 0);
    assert_int_equal(lia_model_regime_start(m), 0);
    assert_null(lia_model_regime_name(m, 0));
    assert_true(isnan(lia_model_transition(m, 0, 0)));
    assert_int_equal(lia_model_apply_regime(m, 0), LIA_EUSAGE);
    assert_non_null(strstr(lia_model_errmsg(m), "no regime 0"));
    assert_int_equal(lia_model_regime_count(NULL), 0);
    assert_int_equal(lia_model_apply_regime(NULL, 0), LIA_EUSAGE);
    lia_model_free(m);
    /* a single regime without transitions stays put */
    const char *one = AB_AGREEMENT_TEXT "regime only { set B.need.t = 3 }\n";
    m = open_text(one, LIA_OK);
    assert_int_equal(lia_model_regime_count(m), 1);
    assert_true(lia_model_transition(m, 0, 0) == 1.0);
    lia_model_free(m);
}

static void test_apply_regime_changes_the_payoffs(void **state)
{
    (void)state;
    lia_model *m = open_text(three, LIA_OK);
    /* B at (1,0) is its coverage w_B (1 - c_B) (s_AB c_A phi) = 2*0.5*0.48 = 0.48; at (1,1)
     * 1.455 (test_lower.c), of which coverage 0.48 and spillover theta w_B s_BA c_B phi = 0.2
     * scale with w_B */
    NEAR(b_payoff(m, 1), 0.48);
    NEAR(b_payoff(m, 3), 1.455);
    assert_int_equal(lia_model_apply_regime(m, CALM), LIA_OK);   /* empty: nothing changes */
    NEAR(b_payoff(m, 3), 1.455);
    /* crisis: w_B = 3, so coverage 3*0.5*0.48 = 0.72 and spillover 0.5*3*0.5*0.5*0.8 = 0.3;
     * (1,1): 0.72 + 0.3 - 0.025 + 0.5 + 0.3 = 1.795 */
    assert_int_equal(lia_model_apply_regime(m, CRISIS), LIA_OK);
    NEAR(b_payoff(m, 1), 0.72);
    NEAR(b_payoff(m, 3), 1.795);
    /* the regimes and the chain are still there */
    assert_int_equal(lia_model_regime_count(m), 3);
    NEAR(lia_model_transition(m, CALM, CALM), 0.85);
    /* a later override of the same path replaces the regime's */
    assert_int_equal(lia_model_set(m, "B.need.t", "2"), LIA_OK);
    NEAR(b_payoff(m, 3), 1.455);
    assert_int_equal(lia_model_apply_regime(m, 3), LIA_EUSAGE);
    lia_model_free(m);

    /* war on its own handle: w_B = 2.5 and A's leak 0.2 doubles B's exposure term at (1,1)
     * (1*0.5*0.5*1*0.2 = 0.05): 0.6 + 0.25 - 0.05 + 0.5 + 0.3 = 1.6 */
    m = open_text(three, LIA_OK);
    assert_int_equal(lia_model_apply_regime(m, WAR), LIA_OK);
    NEAR(b_payoff(m, 3), 1.6);
    lia_model_free(m);
}

static void test_transition_as_override(void **state)
{
    (void)state;
    lia_model *m = open_text(three, LIA_OK);
    assert_int_equal(lia_model_set(m, "transition.calm.crisis", "0.3"), LIA_OK);
    NEAR(lia_model_transition(m, CALM, CRISIS), 0.3);
    NEAR(lia_model_transition(m, CALM, CALM), 0.65);
    /* a pair the file leaves out */
    assert_int_equal(lia_model_set_number(m, "transition.crisis.war", 0.125), LIA_OK);
    NEAR(lia_model_transition(m, CRISIS, WAR), 0.125);
    NEAR(lia_model_transition(m, CRISIS, CRISIS), 0.375);
    /* a row above 1 makes the model invalid, with a diagnostic at the override */
    assert_int_equal(lia_model_set(m, "transition.calm.crisis", "0.99"), LIA_EINPUT);
    assert_true(lia_model_error_count(m) >= 1);
    const lia_diag *d = lia_model_diag_at(m, 0);
    assert_string_equal(d->file, "--set");
    assert_non_null(strstr(d->message, "the transitions out of regime 'calm' sum to 1.04, more than 1"));
    assert_int_equal(lia_model_set(m, "transition.calm.crisis", "1.5"), LIA_EINPUT);
    assert_non_null(strstr(lia_model_errmsg(m), "must be in [0, 1]"));
    assert_int_equal(lia_model_set(m, "transition.calm.crisis", "0.1"), LIA_OK);
    NEAR(lia_model_transition(m, CALM, CALM), 0.85);
    /* no path to the diagonal or to unknown regimes */
    assert_int_equal(lia_model_set(m, "transition.calm.calm", "0.5"), LIA_EUSAGE);
    assert_int_equal(lia_model_set(m, "transition.calm.peace", "0.5"), LIA_EUSAGE);
    lia_model_free(m);
}

static void test_clone_keeps_regimes_and_applied_sets(void **state)
{
    (void)state;
    lia_model *m = open_text(three, LIA_OK), *c;
    assert_int_equal(lia_model_set(m, "transition.war.crisis", "0.5"), LIA_OK);
    assert_int_equal(lia_model_apply_regime(m, CRISIS), LIA_OK);
    assert_int_equal(lia_model_clone(&c, m), LIA_OK);
    assert_int_equal(lia_model_regime_count(c), 3);
    assert_string_equal(lia_model_regime_name(c, CRISIS), "crisis");
    NEAR(lia_model_transition(c, WAR, CRISIS), 0.5);
    NEAR(lia_model_transition(c, WAR, WAR), 0.25);
    NEAR(b_payoff(c, 3), 1.795);
    /* the clone is judged as the original: applying another regime on top works */
    assert_int_equal(lia_model_apply_regime(c, WAR), LIA_OK);
    NEAR(b_payoff(c, 3), 1.6);
    NEAR(b_payoff(m, 3), 1.795);
    lia_model_free(c);
    lia_model_free(m);
}

static void test_invalid_regime_is_reported_at_its_set(void **state)
{
    (void)state;
    const char *text = AB_AGREEMENT_TEXT
        "regime calm { }\n"
        "regime crisis {\n"
        "  set B.need.t = 3\n"
        "  set A.leak = 1.5\n"
        "}\n";
    lia_model *m = open_text(text, LIA_EINPUT);
    assert_int_equal(lia_model_error_count(m), 1);
    const lia_diag *d = lia_model_diag_at(m, 0);
    assert_int_equal(d->line, 16);
    assert_int_equal(d->column, 3);
    assert_non_null(strstr(d->message, "in regime crisis: A's leak (a probability) must be in [0, 1), got 1.5"));
    lia_model_free(m);
}

static void test_paths_only_after_set(void **state)
{
    (void)state;
    /* a value over two lines, with a comment and a constant, applies as written */
    const char *text = AB_AGREEMENT_TEXT
        "let surge = 3\n"
        "regime crisis { set B.need.t = (surge   # the shock\n"
        "                                + 1) }\n";
    lia_model *m = open_text(text, LIA_OK);
    assert_int_equal(lia_model_apply_regime(m, 0), LIA_OK);
    /* w_B = 4: B at (1,0) is 4*0.5*0.48 */
    NEAR(b_payoff(m, 1), 0.96);
    lia_model_free(m);
    /* a dotted name anywhere else is not a path */
    const char *dotted = AB_AGREEMENT_TEXT "let x = A.leak\n";
    m = open_text(dotted, LIA_EINPUT);
    int seen = 0;
    for (size_t i = 0; i < lia_model_diag_count(m); i++)
        seen |= strstr(lia_model_diag_at(m, i)->message, "unexpected character '.'") != NULL;
    assert_true(seen);
    lia_model_free(m);
}

/* Parse, apply a regime, clone and compile with the k-th allocation failing, for every k:
 * each step fails cleanly (LIA_ENOMEM, nothing leaked) until all of them succeed. */
static lia_status chain(double *out)
{
    lia_model *m = NULL, *c = NULL;
    lia_game *g = NULL;
    lia_status st = lia_model_parse(&m, three, strlen(three), "regimes.lia");
    if (st == LIA_OK) st = lia_model_set(m, "transition.calm.war", "0.2");
    if (st == LIA_OK) st = lia_model_apply_regime(m, CRISIS);
    if (st == LIA_OK) st = lia_model_clone(&c, m);
    if (st == LIA_OK) st = lia_model_compile(&g, c, "AB", NULL);
    if (st == LIA_OK) {
        *out = lia_game_payoffs(g)[lia_game_profile_count(g) + 3] + lia_model_transition(c, CALM, CALM);
        lia_game_free(g);
    }
    lia_model_free(c);
    lia_model_free(m);
    return st;
}

static void test_allocation_failures(void **state)
{
    (void)state;
    double ref, got = 0;
    assert_int_equal(chain(&ref), LIA_OK);
    NEAR(ref, 1.795 + 0.7);
    unsigned long k;
    for (k = 1; k < 1000000; k++) {
        lia__mem_fail_after(k);
        lia_status st = chain(&got);
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        if (st != LIA_ENOMEM) fail_msg("allocation %lu failed but the chain returned status %d", k, st);
    }
    assert_true(k > 50);
    NEAR(got, ref);
}

/* apply_regime on one handle under memory pressure leaves it usable. */
static void test_apply_survives_allocation_failure(void **state)
{
    (void)state;
    lia_model *m = open_text(three, LIA_OK);
    int failed = 0;
    for (unsigned long k = 1; k < 100000; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_model_apply_regime(m, WAR);
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
        failed++;
    }
    assert_true(failed > 0);
    NEAR(b_payoff(m, 3), 1.6);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_three_regimes_and_their_matrix),
        cmocka_unit_test(test_deterministic_cycle_and_start),
        cmocka_unit_test(test_static_model_has_no_regimes),
        cmocka_unit_test(test_apply_regime_changes_the_payoffs),
        cmocka_unit_test(test_transition_as_override),
        cmocka_unit_test(test_clone_keeps_regimes_and_applied_sets),
        cmocka_unit_test(test_invalid_regime_is_reported_at_its_set),
        cmocka_unit_test(test_paths_only_after_set),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_apply_survives_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
