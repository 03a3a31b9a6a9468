/* test_suspects.c — a partner that may be penetrated: the belief arithmetic and the analysis of
 * a bilateral agreement whose threshold is derived by hand (docs/model.md, "Suspected
 * penetration"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"
#include "dynamics/suspects.h"
#include "util/mem.h"

/* Two members, one topic with no common threat (no spillover), full two-way scope, no
 * disclosure, patience 0.5 each. Coverage of i: need (1 - c_i) x_j s c_j = 1 * 0.5 * x_j * 0.5
 * = 0.25 x_j; exposure of i: x_i s c_i e_i rho_j = 0.5 lambda_j x_i. So
 *   u_A = 0.25 x_B - 0.5 lambda_B x_A,   u_B = 0.25 x_A - 0.5 * 0.1 x_B = 0.25 x_A - 0.05 x_B.
 * Withholding is dominant for both: (0, 0), worth (0, 0), is the only stage equilibrium and
 * also each member's minmax, so no punishment is harsher than reverting to it.
 * At the commitment (1, 1): C_A = 0.25 - 0.5 lambda_B, D_A = u_A(0, 1) = 0.25, P_A = 0:
 *   delta*_A = (D - C)/(D - P) = 0.5 lambda_B / 0.25 = 2 lambda_B;
 * C_B = 0.2, D_B = 0.25: delta*_B = 0.05/0.25 = 0.2 <= 0.5 always.
 * So the commitment holds iff 2 lambda_B <= 0.5, i.e. lambda_B <= 0.25. With B suspected,
 * leak 0.05 clean and 0.85 penetrated: lambda_B(pi) = 0.05 + 0.8 pi <= 0.25 iff pi <= 0.25. */
#define AB_TEXT                                                                       \
    "topic t { common 0 }\n"                                                          \
    "party A { leak 0.1; patience 0.5; need t 1; collect t 0.5; exposure t 1 }\n"     \
    "party B { leak 0.05; patience 0.5; need t 1; collect t 0.5; exposure t 1 }\n"    \
    "agreement AB bilateral {\n"                                                      \
    "  members A, B\n"                                                                \
    "  levels 0, 1\n"                                                                 \
    "  share A -> B t 1\n"                                                            \
    "  share B -> A t 1\n"                                                            \
    "}\n"

static lia_model *open_ab(void)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, AB_TEXT, strlen(AB_TEXT), "ab.lia"), LIA_OK);
    return m;
}

static lia_suspects *analyse(lia_model *m, double leak, double pen, double prior, double q)
{
    lia_suspect_desc d = { "B", leak, pen, prior, q };
    lia_suspects *s = NULL;
    lia_status st = lia__suspects_analyse(&s, m, NULL, &d, 1);
    if (st != LIA_OK) fprintf(stderr, "%s\n", lia_suspects_errmsg(s));
    assert_int_equal(st, LIA_OK);
    assert_int_equal(lia_suspects_count(s), 1);
    return s;
}

static void test_belief_arithmetic(void **state)
{
    (void)state;
    /* Bayes: 0.2 * 0.7 / (0.2 * 0.7 + 0.8) = 0.14/0.94 */
    assert_true(fabs(lia__suspect_update(0.2, 0.3) - 0.14 / 0.94) < 1e-15);
    assert_true(lia__suspect_update(1, 0.3) == 1);
    assert_true(lia__suspect_update(0, 0.3) == 0);
    assert_true(lia__suspect_update(0.4, 0) == 0.4);
    /* the odds form agrees with repeated updates */
    double pi = 0.2;
    for (size_t n = 1; n <= 10; n++) {
        pi = lia__suspect_update(pi, 0.3);
        assert_true(fabs(lia__suspect_belief_after(0.2, 0.3, n) - pi) < 1e-14);
    }
    assert_true(fabs(lia__suspect_effective_leak(0.25, 0.05, 0.85) - 0.25) < 1e-15);
    /* pi0 = 0.2, q = 0.3, threshold 0.05: odds 0.25 must reach 0.05/0.95 = 0.0526316.
     * 0.25 * 0.7^4 = 0.060025 > 0.0526316 and 0.25 * 0.7^5 = 0.0420175 <= it: n* = 5
     * (ceil(ln(0.0526316/0.25)/ln 0.7) = ceil(4.3686) = 5). */
    assert_int_equal(lia__suspect_probation(0.2, 0.3, 0.05), 5);
    assert_true(lia__suspect_belief_after(0.2, 0.3, 4) > 0.05);
    assert_true(lia__suspect_belief_after(0.2, 0.3, 5) <= 0.05);
    /* uncovered during probation: 0.2 (1 - 0.7^5) = 0.2 * 0.83193 = 0.166386 */
    assert_true(fabs(lia__suspect_uncover(0.2, 0.3, 5) - 0.2 * (1 - 0.16807)) < 1e-12);
    /* prior at or below the threshold: no probation */
    assert_int_equal(lia__suspect_probation(0.05, 0.3, 0.05), 0);
    assert_int_equal(lia__suspect_probation(0.01, 0, 0.05), 0);
    assert_true(lia__suspect_uncover(0.01, 0, 0) == 0);
    /* never: no detection, a certain prior, no threshold, or a threshold of 0 */
    assert_true(lia__suspect_probation(0.2, 0, 0.05) == SIZE_MAX);
    assert_true(lia__suspect_probation(1, 0.3, 0.05) == SIZE_MAX);
    assert_true(lia__suspect_probation(0.2, 0.3, NAN) == SIZE_MAX);
    assert_true(lia__suspect_probation(0.2, 0.3, 0) == SIZE_MAX);
    assert_true(isnan(lia__suspect_uncover(0.2, 0, SIZE_MAX)));
    /* certain detection: one quiet period clears it */
    assert_int_equal(lia__suspect_probation(0.9, 1, 0), 1);
    /* an exact boundary: odds 1 * 0.5^2 = 0.25 = odds of 0.2, so n* = 2 exactly */
    assert_int_equal(lia__suspect_probation(0.5, 0.5, 0.2), 2);
    /* tiny detection: prior 0.5 (odds 1) down to odds e^-1 takes n with n (-ln(1 - q)) >= 1;
     * -ln(1 - 1e-14) = 1e-14 (1 + 5e-15), so n >= 1e14 - 0.5: n* = 1e14 exactly. 1 - 1e-14
     * rounds to 1 - 9.992e-15, so ln(1 - q) said 1.0008e14; uncovered with probability
     * 0.5 (1 - e^-1) = 0.316060279414279 */
    double t = exp(-1) / (1 + exp(-1));
    assert_true(lia__suspect_probation(0.5, 1e-14, t) == (size_t)100000000000000);
    assert_true(fabs(lia__suspect_uncover(0.5, 1e-14, (size_t)100000000000000) - 0.316060279414279) < 1e-12);
    /* below 1.1e-16, 1 - q is 1: the search for n never ended; now n* would be 1e17 and 1e300,
     * beyond 10^15 periods: none */
    assert_true(lia__suspect_probation(0.5, 1e-17, t) == SIZE_MAX);
    assert_true(lia__suspect_probation(0.5, 1e-300, t) == SIZE_MAX);
    /* just inside the bound: q = 1e-15 gives 1e15 - 0.5 -> n* = 1e15 */
    assert_true(lia__suspect_probation(0.5, 1e-15, t) == (size_t)1000000000000000);
}

static void test_threshold_by_hand(void **state)
{
    (void)state;
    lia_model *m = open_ab();
    /* prior 0.5, q 0.3: threshold 0.25 (above); odds 1 must reach 0.25/0.75 = 1/3:
     * 0.7^3 = 0.343 > 1/3, 0.7^4 = 0.2401 <= 1/3: probation 4; uncovered with probability
     * 0.5 (1 - 0.2401) = 0.37995. */
    lia_suspects *s = analyse(m, 0.05, 0.85, 0.5, 0.3);
    assert_string_equal(lia_suspects_party(s, 0), "B");
    assert_string_equal(lia_suspects_game(s), "AB");
    double t = lia_suspects_threshold(s, 0);
    /* to the bisection's 1e-9, and the repeat analysis counts a shortfall within 1e-9 of the
     * payoff scale as rounding (here 0.25 + 1e-8 still holds) */
    assert_true(fabs(t - 0.25) < 1e-7);
    assert_int_equal(lia_suspects_monotone(s, 0), 1);
    assert_int_equal(lia_suspects_probation(s, 0), 4);
    assert_true(fabs(lia_suspects_uncover_probability(s, 0) - 0.37995) < 1e-9);
    /* At the prior lambda_B = 0.45: e_A = C_A - 0.5 D_A - 0.5 P_A = 0.025 - 0.125 = -0.1,
     * e_B = 0.2 - 0.125 = 0.075; the sum is negative and no punishment is harsher:
     * breaks_down. The best self-enforcing profile: (1, 0) totals -0.225 + 0.25 and (1, 1)
     * fails; (0, 1) gives A 0.25 (e_A = 0.25 - 0.125 = 0.125) and B -0.05 (its breach to
     * (0, 0) pays 0: e_B = -0.05), sum 0.075 >= 0, total 0.2 > 0 of (0, 0). A pays B 0.05. */
    assert_int_equal(lia_suspects_prior_verdict(s, 0), LIA_VERDICT_BREAKS_DOWN);
    const size_t *prof;
    const double *pay, *tr;
    assert_int_equal(lia_suspects_probation_profile(s, 0, &prof, &pay, &tr), 1);
    assert_int_equal(prof[0], 0);
    assert_int_equal(prof[1], 1);
    assert_true(fabs(pay[0] - 0.25) < 1e-12 && fabs(pay[1] + 0.05) < 1e-12);
    assert_true(fabs(tr[0] + 0.05) < 1e-9 && fabs(tr[1] - 0.05) < 1e-9);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(lia_suspects_write(&text, &len, s, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(text, "\"suspects\": [{\"party\": \"B\", \"prior\": 0.5"));
    assert_non_null(strstr(text, "\"probation\": 4"));
    assert_non_null(strstr(text, "\"status_at_prior\": \"breaks_down\""));
    assert_non_null(strstr(text, "\"probation_profile\": {\"levels\": [\"0\", \"1\"]"));
    lia_free(text);
    assert_int_equal(lia_suspects_write(&text, &len, s, LIA_FORMAT_TEXT), LIA_OK);
    assert_non_null(strstr(text, "probation:       4 quiet periods"));
    lia_free(text);
    /* the model handed in is untouched */
    lia_suspects_free(s);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_true(fabs(lia_game_payoffs(g)[3] - (0.25 - 0.025)) < 1e-12);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_edge_cases(void **state)
{
    (void)state;
    lia_model *m = open_ab();
    /* penetrated leak = clean leak 0.05: lambda 0.05 <= 0.25 at every belief */
    lia_suspects *s = analyse(m, 0.05, 0.05, 0.5, 0.3);
    assert_true(lia_suspects_threshold(s, 0) == 1);
    assert_int_equal(lia_suspects_probation(s, 0), 0);
    assert_true(lia_suspects_uncover_probability(s, 0) == 0);
    assert_int_equal(lia_suspects_prior_verdict(s, 0), LIA_VERDICT_HOLDS);
    const size_t *prof;
    assert_int_equal(lia_suspects_probation_profile(s, 0, &prof, NULL, NULL), 1);
    assert_int_equal(prof[0], 1);
    assert_int_equal(prof[1], 1);
    lia_suspects_free(s);
    /* prior 0.2 below the threshold 0.25: no probation */
    s = analyse(m, 0.05, 0.85, 0.2, 0.3);
    assert_int_equal(lia_suspects_probation(s, 0), 0);
    assert_int_equal(lia_suspects_prior_verdict(s, 0), LIA_VERDICT_HOLDS);
    lia_suspects_free(s);
    /* no detection and a prior above the threshold: the belief never falls */
    s = analyse(m, 0.05, 0.85, 0.5, 0);
    assert_true(lia_suspects_probation(s, 0) == SIZE_MAX);
    assert_true(isnan(lia_suspects_uncover_probability(s, 0)));
    char *text = NULL;
    assert_int_equal(lia_suspects_write(&text, NULL, s, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(text, "\"probation\": null, \"uncover_probability\": null"));
    lia_free(text);
    lia_suspects_free(s);
    /* clean leak 0.3 > 0.25: never trusted with full sharing */
    s = analyse(m, 0.3, 0.85, 0.5, 0.3);
    assert_true(isnan(lia_suspects_threshold(s, 0)));
    assert_true(lia_suspects_probation(s, 0) == SIZE_MAX);
    assert_int_equal(lia_suspects_write(&text, NULL, s, LIA_FORMAT_TEXT), LIA_OK);
    assert_non_null(strstr(text, "never trusted with full sharing"));
    lia_free(text);
    lia_suspects_free(s);
    lia_model_free(m);
}

static void test_misuse(void **state)
{
    (void)state;
    lia_model *m = open_ab();
    lia_suspects *s = NULL;
    lia_suspect_desc bad = { "C", 0.05, 0.85, 0.5, 0.3 };
    assert_int_equal(lia__suspects_analyse(&s, m, NULL, &bad, 1), LIA_EUSAGE);
    assert_non_null(strstr(lia_suspects_errmsg(s), "not a member of agreement 'AB'"));
    assert_int_equal(lia_suspects_count(s), 0);
    lia_suspects_free(s);
    lia_suspect_desc range = { "B", 0.05, 1, 0.5, 0.3 };
    assert_int_equal(lia__suspects_analyse(&s, m, NULL, &range, 1), LIA_EUSAGE);
    lia_suspects_free(s);
    assert_int_equal(lia__suspects_analyse(&s, m, "nope", &range, 1), LIA_EUSAGE);
    assert_non_null(strstr(lia_suspects_errmsg(s), "nope"));
    lia_suspects_free(s);
    /* a model without suspects has none */
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    assert_int_equal(lia_suspects_count(s), 0);
    assert_true(isnan(lia_suspects_threshold(s, 0)));
    assert_null(lia_suspects_party(s, 0));
    assert_int_equal(lia_suspects_inputs(s, 0, NULL, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_suspects_member_count(s), 2);
    assert_string_equal(lia_suspects_member_name(s, 1), "B");
    lia_suspects_free(s);
    assert_int_equal(lia_model_suspects(NULL, m, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_suspects(&s, NULL, NULL), LIA_EUSAGE);
    assert_null(s);
    assert_int_equal(lia_suspects_write(NULL, NULL, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    assert_int_equal(lia_suspects_count(NULL), 0);
    assert_non_null(lia_suspects_errmsg(NULL));
    lia_suspects_free(NULL);
    lia_model_free(m);
}

/* The same agreement with the suspect written in the file: lia_model_suspects reads it. */
static void test_from_the_language(void **state)
{
    (void)state;
    static const char text[] =
        "topic t { common 0 }\n"
        "party A { leak 0.1; patience 0.5; need t 1; collect t 0.5; exposure t 1 }\n"
        "party B { leak 0.05; suspect 0.5 leak 0.85; patience 0.5; need t 1; collect t 0.5; exposure t 1 }\n"
        "agreement AB bilateral {\n"
        "  members A, B\n"
        "  share A -> B t 1\n"
        "  share B -> A t 1\n"
        "  detect 0.3\n"
        "}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "ab.lia"), LIA_OK);
    lia_suspects *s = NULL;
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    assert_int_equal(lia_suspects_count(s), 1);
    assert_string_equal(lia_suspects_party(s, 0), "B");
    double prior, leak, pen, q;
    assert_int_equal(lia_suspects_inputs(s, 0, &prior, &leak, &pen, &q), LIA_OK);
    assert_true(prior == 0.5 && leak == 0.05 && pen == 0.85 && q == 0.3);
    assert_true(fabs(lia_suspects_threshold(s, 0) - 0.25) < 1e-7);
    assert_int_equal(lia_suspects_probation(s, 0), 4);
    lia_suspects_free(s);
    /* the paths: a lower prior needs no probation, no detection never ends it */
    assert_int_equal(lia_model_set(m, "B.suspect", "0.2"), LIA_OK);
    assert_int_equal(lia_model_suspects(&s, m, "AB"), LIA_OK);
    assert_int_equal(lia_suspects_probation(s, 0), 0);
    lia_suspects_free(s);
    assert_int_equal(lia_model_set(m, "B.suspect", "0.5"), LIA_OK);
    assert_int_equal(lia_model_set(m, "AB.detect", "0"), LIA_OK);
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    assert_true(lia_suspects_probation(s, 0) == SIZE_MAX);
    lia_suspects_free(s);
    /* B's penetrated leak 0.25 at most: trusted at every belief */
    assert_int_equal(lia_model_set(m, "B.suspect.leak", "0.25"), LIA_OK);
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    assert_true(lia_suspects_threshold(s, 0) == 1);
    assert_int_equal(lia_suspects_probation(s, 0), 0);
    lia_suspects_free(s);
    /* Setting A.suspect makes A a suspect too. Each is judged with the other at its prior.
     * B at prior 0.2 (lambda_B = 0.05 + 0.8 * 0.2 = 0.21, delta*_A = 0.42 <= 0.5); A's leak
     * enters B's exposure: u_B = 0.25 x_A - 0.5 lambda_A x_B, delta*_B = 2 lambda_A. With A
     * clean 0.1 and penetrated 0.5: lambda_A = 0.1 + 0.4 pi <= 0.25 iff pi <= 0.375. A at its
     * prior 0.25 (lambda_A = 0.2, delta*_B = 0.4) leaves B's threshold at 0.25. */
    assert_int_equal(lia_model_set(m, "B.suspect.leak", "0.85"), LIA_OK);
    assert_int_equal(lia_model_set(m, "B.suspect", "0.2"), LIA_OK);
    assert_int_equal(lia_model_set(m, "A.suspect", "0.25"), LIA_OK);
    assert_int_equal(lia_model_set(m, "A.suspect.leak", "0.5"), LIA_OK);
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    assert_int_equal(lia_suspects_count(s), 2);
    assert_string_equal(lia_suspects_party(s, 0), "A");
    assert_true(fabs(lia_suspects_threshold(s, 0) - 0.375) < 1e-7);
    assert_string_equal(lia_suspects_party(s, 1), "B");
    assert_true(fabs(lia_suspects_threshold(s, 1) - 0.25) < 1e-7);
    lia_suspects_free(s);
    /* out of range through a path: the model is invalid, and the analysis says why */
    assert_int_equal(lia_model_set(m, "AB.detect", "1.5"), LIA_EINPUT);
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_EINPUT);
    assert_non_null(strstr(lia_suspects_errmsg(s), "detect"));
    lia_suspects_free(s);
    assert_int_equal(lia_model_set(m, "AB.detect", "0.3"), LIA_OK);
    assert_int_equal(lia_model_set(m, "C.suspect", "0.1"), LIA_EUSAGE);
    lia_model_free(m);
}

/* Every allocation failure comes back as LIA_ENOMEM with nothing leaked (ASan checks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    lia_model *m = open_ab();
    lia_suspect_desc d = { "B", 0.05, 0.85, 0.5, 0.3 };
    lia__mem_count_reset();
    lia_suspects *s = NULL;
    assert_int_equal(lia__suspects_analyse(&s, m, NULL, &d, 1), LIA_OK);
    unsigned long total = lia__mem_count();
    lia_suspects_free(s);
    unsigned long step = total / 150 + 1;
    for (unsigned long k = 1; k <= total; k += step) {
        lia__mem_fail_after(k);
        lia_status st = lia__suspects_analyse(&s, m, NULL, &d, 1);
        lia__mem_fail_after(0);
        assert_true(st == LIA_OK || st == LIA_ENOMEM || st == LIA_EINTERNAL);
        if (st == LIA_ENOMEM) assert_null(s);
        lia_suspects_free(s);
    }
    lia_model_free(m);
    /* and through the model's own suspects */
    static const char text[] = "party A { leak 0.1; patience 0.5 }\n"
                               "party B { suspect 0.5 leak 0.5 }\n"
                               "agreement AB bilateral { members A, B; detect 0.2 }\n";
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "x.lia"), LIA_OK);
    lia__mem_count_reset();
    assert_int_equal(lia_model_suspects(&s, m, NULL), LIA_OK);
    total = lia__mem_count();
    lia_suspects_free(s);
    step = total / 100 + 1;
    for (unsigned long k = 1; k <= total; k += step) {
        lia__mem_fail_after(k);
        lia_status st = lia_model_suspects(&s, m, NULL);
        lia__mem_fail_after(0);
        assert_true(st == LIA_OK || st == LIA_ENOMEM || st == LIA_EINTERNAL);
        if (st == LIA_ENOMEM) assert_null(s);
        lia_suspects_free(s);
    }
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_belief_arithmetic),
        cmocka_unit_test(test_threshold_by_hand),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_from_the_language),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
