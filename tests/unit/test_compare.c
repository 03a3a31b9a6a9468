/* test_compare.c — lia_compare_* and lia_model_decompose through the API: a three-member
 * pool decomposed by hand, the automatic pairs' names, statuses, directions and
 * sustainability-adjusted payoffs checked by hand, misuse, and allocation failure. */
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
#include "util/mem.h"

/* Three members pool one topic; B and C also each pass A a directed share. */
static const char text[] =
    "topic t { common 0.5 }\n"
    "party A { resources 1; need t 1; collect t 0.4; exposure t 1 }\n"
    "party B { resources 3; need t 1; collect t 0.6; exposure t 1 }\n"
    "party C { resources 1; need t 1; collect t 0.5; exposure t 2; leak 0.1 }\n"
    "agreement P multilateral {\n  members A, B, C\n  levels 0, 1\n  pool t 0.5\n  dilution 0.8\n"
    "  facility f cost 1 value 0.4 split proportional\n}\n"
    "agreement AB bilateral {\n  members A, B\n  levels 0, 1\n  share A -> B t 0.5\n  share B -> A t 0.5\n"
    "  facility f cost 1 value 0.4 split proportional\n}\n";

static void test_pair_equals_written_agreement(void **state)
{
    (void)state;
    /* The A-B pair of P: the pooled topic becomes two-way shares of scope 0.5, no dilution,
     * exposure to the partner only, the facility at full cost split by resources 1 : 3 —
     * which is exactly agreement AB as written: the two stage games must be equal. */
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "p.lia"), LIA_OK);
    lia_game *pair = NULL, *ab = NULL;
    lia_tugame *tu = NULL;
    assert_int_equal(lia_model_decompose(m, "P", 0, 1, NULL, &pair, &tu), LIA_OK);
    assert_int_equal(lia_model_compile(&ab, m, "AB", NULL), LIA_OK);
    assert_string_equal(lia_game_name(pair), "A_B");
    const double *x = lia_game_payoffs(pair), *y = lia_game_payoffs(ab);
    for (size_t k = 0; k < 8; k++) assert_true(fabs(x[k] - y[k]) < 1e-12);
    assert_int_equal(lia_tugame_player_count(tu), 2);
    lia_game_free(pair);
    lia_game_free(ab);
    lia_tugame_free(tu);
    /* misuse */
    assert_int_equal(lia_model_decompose(m, "AB", 0, 1, NULL, &pair, NULL), LIA_EUSAGE);   /* not multilateral */
    assert_int_equal(lia_model_decompose(m, "P", 1, 1, NULL, &pair, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_decompose(m, "P", 0, 3, NULL, &pair, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_decompose(m, "P", 0, 1, NULL, NULL, NULL), LIA_EUSAGE);
    assert_null(pair);
    lia_model_free(m);
}

static void test_decomposition_and_failures(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "p.lia"), LIA_OK);
    lia_compare *c = NULL;
    assert_int_equal(lia_compare_decomposition(&c, m, "P"), LIA_OK);
    char *json = NULL;
    assert_int_equal(lia_compare_write(&json, NULL, c, LIA_FORMAT_JSON), LIA_OK);
    /* P and its three pairs, named so that no agreement of a file can share the name (the
     * file's own AB stays AB), marked automatic, and the bilateral sums */
    assert_non_null(strstr(json, "{\"name\": \"P\", \"kind\": \"multilateral\", \"automatic\": false"));
    assert_non_null(strstr(json, "{\"name\": \"A+B (auto)\", \"kind\": \"bilateral\", \"automatic\": true"));
    assert_non_null(strstr(json, "{\"name\": \"A+C (auto)\", \"kind\": \"bilateral\", \"automatic\": true"));
    assert_non_null(strstr(json, "{\"name\": \"B+C (auto)\", \"kind\": \"bilateral\", \"automatic\": true"));
    assert_null(strstr(json, "\"A_B\""));
    assert_non_null(strstr(json, "\"bilateral_sum\": {\"welfare\""));
    lia_free(json);
    lia_compare_free(c);
    assert_int_equal(lia_compare_decomposition(&c, m, "AB"), LIA_EUSAGE);
    assert_null(c);
    lia_model *ms[1] = { NULL };
    assert_int_equal(lia_compare_agreements(&c, ms, NULL, 1), LIA_EUSAGE);
    assert_int_equal(lia_compare_write(&json, NULL, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    for (unsigned long k = 1;; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_compare_decomposition(&c, m, "P");
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(c);
        assert_true(k < 100000);
    }
    lia_compare_free(c);
    lia_model_free(m);
}

/* The numbers of the text row that starts with `label` (at most 8), in order; how many. */
static int row(const char *text, const char *label, double *v)
{
    const char *p = text;
    size_t n = strlen(label);
    while (p && !(strncmp(p, label, n) == 0 && p[n] == ' ')) p = (p = strchr(p, '\n')) ? p + 1 : NULL;
    if (!p) return -1;
    p += n;
    int k = 0;
    for (char *end; k < 8; k++, p = end) {
        v[k] = strtod(p, &end);
        if (end == p) break;
    }
    return k;
}

/* The text line where `label` occurs (a leading newline: at its start), copied (at most 255
 * bytes). */
static const char *line(const char *text, const char *label, char *out)
{
    const char *p = strstr(text, label);
    if (!p) return "";
    if (*p == '\n') p++;
    size_t n = strcspn(p, "\n");
    snprintf(out, 256, "%.*s", (int)(n < 255 ? n : 255), p);
    return out;
}

static void test_status_and_adjusted(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "p.lia"), LIA_OK);
    lia_compare *c = NULL;
    assert_int_equal(lia_compare_decomposition(&c, m, "P"), LIA_OK);
    char *t = NULL, buf[256];
    double v[8];
    assert_int_equal(lia_compare_write(&t, NULL, c, LIA_FORMAT_TEXT), LIA_OK);
    /* columns P, A+B (auto), A+C (auto), B+C (auto), bilateral sum, and a note saying which
     * are automatic */
    assert_non_null(strstr(line(t, "", buf), "P       A+B (auto)       A+C (auto)       B+C (auto)    bilateral sum"));
    assert_non_null(strstr(t, "\n(auto): a pair of P as the two would deal alone"));
    /* A+B (auto) is agreement AB (test above): at the commitment (1, 1) A gets 0.43 and B
     * -0.12; B's best breach (level 0) pays it 0.08, and Nash reversion 0. B prefers the
     * fallback, so no patience holds it: it needs transfers. B keeps to it once
     * -0.12 + t >= (1 - 0.9) 0.08 + 0.9 * 0 = 0.008, so t = 0.128, paid by A: adjusted
     * A 0.43 - 0.128 = 0.302, B -0.12 + 0.128 = 0.008. P holds (every delta* is 0): its
     * adjusted payoffs are its payoffs. */
    assert_non_null(strstr(line(t, "\nstatus", buf), "holds  needs transfers            holds  needs transfers"));
    assert_int_equal(row(t, "payoff A", v), 4);
    assert_true(fabs(v[1] - 0.43) < 1e-12);
    double pa = v[0];
    assert_int_equal(row(t, "payoff B", v), 4);
    assert_true(fabs(v[1] - -0.12) < 1e-12);
    assert_int_equal(row(t, "adjusted A", v), 4);
    assert_true(fabs(v[0] - pa) < 1e-12 && fabs(v[1] - 0.302) < 1e-12);
    assert_int_equal(row(t, "adjusted B", v), 4);
    assert_true(fabs(v[1] - 0.008) < 1e-12);
    assert_int_equal(row(t, "transfers needed", v), 4);
    assert_true(fabs(v[1] - 0.128) < 1e-12);
    /* In P itself (v2 payoffs) B withholds too: its coverage is 0.4 (1 - (1 - 0.5*0.4*0.8)
     * (1 - 0.5*0.5*0.8)) = 0.1312, spillover 0.5*1*0.6*0.8*(1 - 0.5*0.5) = 0.18, exposure
     * 0.6*1*(1 - 1*(1 - 0.5*0.1)) = 0.03, facility 0.4 - 3/5 = -0.2: C = 0.0812 < 0.1312, what
     * withholding (coverage alone) leaves it. A gets 0.6 (1 - 0.76*0.8) = 0.2352 + 0.12 - 0.02
     * + 0.4 - 0.2 = 0.5352. */
    assert_non_null(strstr(line(t, "\ndirection B", buf), "withhold         withhold"));
    /* the adjusted sum of A: 0.302 (with B) + 0.13 (with C, which holds) = 0.432 */
    assert_non_null(strstr(t, "\n  A          P 0.5352       bilateral 0.432\n"));
    lia_free(t);
    lia_compare_free(c);
    lia_model_free(m);
}

/* A member that would share more than committed is never a breakdown. */
static void test_exceed(void **state)
{
    (void)state;
    /* u_i = min(x) - 0.2 x_i, committed at A 0.5, B 1: A gets 0.5 - 0.1 = 0.4 and would get
     * 1 - 0.2 = 0.8 at level 1 (it would exceed); B gets 0.5 - 0.2 = 0.3 and 0.5 - 0.1 = 0.4 at
     * 0.5 (it would withhold), delta* = (0.4 - 0.3)/(0.4 - 0) = 0.25. With patience 0.9 it
     * holds; with B's patience 0.2 B needs 0.3 + t >= (1 - 0.2) 0.4, t = 0.02 from A:
     * adjusted A 0.38, B 0.32. */
    static const char ex[] =
        "party A { patience 0.9 }\nparty B { patience 0.9 }\n"
        "agreement AB bilateral {\n  members A, B\n  levels 0, 0.5, 1\n  commit A 0.5, B 1\n"
        "  facility station cost 0.4 value 1 split A 0.5, B 0.5\n}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, ex, strlen(ex), "ex.lia"), LIA_OK);
    lia_model *ms[1] = { m };
    for (int impatient = 0; impatient < 2; impatient++) {
        if (impatient) assert_int_equal(lia_model_set(m, "B.patience", "0.2"), LIA_OK);
        lia_compare *c = NULL;
        char *t = NULL, *j = NULL, buf[256];
        double v[8];
        assert_int_equal(lia_compare_agreements(&c, ms, NULL, 1), LIA_OK);
        assert_int_equal(lia_compare_write(&t, NULL, c, LIA_FORMAT_TEXT), LIA_OK);
        assert_int_equal(lia_compare_write(&j, NULL, c, LIA_FORMAT_JSON), LIA_OK);
        assert_non_null(strstr(line(t, "\ndirection A", buf), "exceed"));
        assert_non_null(strstr(line(t, "\ndirection B", buf), "withhold"));
        assert_non_null(strstr(j, "\"direction\": {\"A\": \"exceed\", \"B\": \"withhold\"}"));
        assert_null(strstr(t, "breaks down\n"));
        assert_null(strstr(t, "  breaks down"));
        assert_int_equal(row(t, "adjusted A", v), 1);
        assert_true(fabs(v[0] - (impatient ? 0.38 : 0.4)) < 1e-12);
        assert_int_equal(row(t, "adjusted B", v), 1);
        assert_true(fabs(v[0] - (impatient ? 0.32 : 0.3)) < 1e-12);
        assert_non_null(strstr(j, impatient ? "\"status\": \"needs_transfers\", \"self_enforcing\": false"
                                             : "\"status\": \"holds\", \"self_enforcing\": true"));
        lia_free(t);
        lia_free(j);
        lia_compare_free(c);
    }
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_equals_written_agreement),
        cmocka_unit_test(test_decomposition_and_failures),
        cmocka_unit_test(test_status_and_adjusted),
        cmocka_unit_test(test_exceed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
