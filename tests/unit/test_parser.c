/* test_parser.c — the language's lexical and syntactic rules as a modeller meets them:
 * continuation lines, separators, keywords as names, expressions, comments and strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "lang/check_internal.h"

static lia_model *parse_ok(const char *src)
{
    lia_model *m;
    lia_status st = lia_model_parse(&m, src, strlen(src), "t.lia");
    if (st != LIA_OK) {
        for (size_t i = 0; i < lia_model_diag_count(m); i++)
            print_error("%u:%u: %s\n", lia_model_diag_at(m, i)->line, lia_model_diag_at(m, i)->column,
                        lia_model_diag_at(m, i)->message);
    }
    assert_int_equal(st, LIA_OK);
    return m;
}

/* payoff of player p at profile k of the named game */
static double u(lia_model *m, const char *game, size_t p, size_t k)
{
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, game, NULL), LIA_OK);
    double v = lia_game_payoffs(g)[p * lia_game_profile_count(g) + k];
    lia_game_free(g);
    return v;
}

static void test_continuation_and_separators(void **state)
{
    (void)state;
    /* a trailing comma continues the line; ';' separates statements; blank lines and
     * comments anywhere */
    lia_model *m = parse_ok(
        "# leading comment\n\n"
        "game g normal {   # trailing comment\n"
        "  players R,\n"
        "          C\n"
        "  strategies R: a, b; strategies C: x\n"
        "  payoff a x: 1,\n"
        "     2\n"
        "  payoff b x: (1 +\n"
        "     2), 4\n"
        "}\n");
    assert_true(u(m, "g", 0, 1) == 3);
    assert_true(u(m, "g", 1, 0) == 2);
    lia_model_free(m);
}

static void test_keywords_are_not_reserved(void **state)
{
    (void)state;
    /* a party may be called `pool`, a topic `value`, a strategy `matrix` */
    lia_model *m = parse_ok(
        "topic value { common 1 }\n"
        "party pool { need value 1; collect value 0.5 }\n"
        "party members { need value 1; collect value 0.5 }\n"
        "agreement share bilateral { members pool, members; share pool -> members value 1 }\n"
        "game matrix normal { players payoff; strategies payoff: matrix, players; payoff matrix: 1; payoff players: 2 }\n");
    assert_int_equal(lia_model_game_count(m), 2);
    assert_string_equal(lia_model_game_name(m, 0), "share");
    /* members gets (1 - 0.5) * (1 * 1 * 0.5) = 0.25 of coverage when pool shares */
    assert_true(fabs(u(m, "share", 1, 1) - 0.25) < 1e-12);
    assert_true(u(m, "matrix", 0, 1) == 2);
    lia_model_free(m);
}

static void test_expressions(void **state)
{
    (void)state;
    lia_model *m = parse_ok(
        "let a = 2/3\n"
        "let b = -a * 3 + max(1, a, 0.5) - min(4, 2 * (1 + 1))\n"   /* -2 + 1 - 4 = -5 */
        "let c = 1e-3 * 1000 - -1\n"                                 /* 1 + 1 = 2 */
        "game g normal { players P; strategies P: s, t; payoff s: b; payoff t: c / a }\n");  /* 2 / (2/3) = 3 */
    assert_true(u(m, "g", 0, 0) == -5);
    assert_true(u(m, "g", 0, 1) == 3);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "g", NULL), LIA_OK);
    int64_t p, q;
    assert_true(lia_game_payoff_exact(g, 0, 1, &p, &q));
    assert_int_equal(p, 3);
    assert_int_equal(q, 1);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_matrix_entries(void **state)
{
    (void)state;
    /* `3 -1` is two entries, `3 - 1` and `3-1` are one; commas may separate entries; rows may
     * span lines */
    lia_model *m = parse_ok(
        "game g normal {\n"
        "  players R, C\n"
        "  strategies R: a, b\n"
        "  strategies C: x, y, z\n"
        "  matrix R [3 -1 3 - 1;\n"
        "            3-1, (2), -4]\n"
        "  matrix C [0 0 0; 0 0 0]\n"
        "}\n");
    const double want[6] = { 3, 2, -1, 2, 2, -4 };   /* column-major: (a,x) (b,x) (a,y) ... */
    for (size_t k = 0; k < 6; k++) assert_true(u(m, "g", 0, k) == want[k]);
    lia_model_free(m);
}

static void test_strings_and_title(void **state)
{
    (void)state;
    lia_model *m = parse_ok("model \"UK\\\\US \\\"BRUSA\\\" — 1946\"\ngame g normal { players P; strategies P: s; payoff s: 0 }\n");
    assert_string_equal(lia_model_title(m), "UK\\US \"BRUSA\" — 1946");
    lia_model_free(m);
}

static void test_recovery_reports_every_error(void **state)
{
    (void)state;
    /* one error per broken statement; good statements around them are still read, so the
     * unknown topic in B is found even though A's block had a syntax error */
    const char *src =
        "topic t { common 0.5 }\n"
        "party A {\n"
        "  leak 0.1 )\n"
        "  need t 1\n"
        "}\n"
        "party B { need u 1 }\n"
        "let x = (1\n"
        "game g normal { players P; strategies P: s; payoff s: x }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), "t.lia"), LIA_EINPUT);
    assert_int_equal(lia_model_error_count(m), 3);
    assert_int_equal(lia_model_diag_at(m, 0)->line, 3);
    assert_int_equal(lia_model_diag_at(m, 0)->column, 12);
    assert_int_equal(lia_model_diag_at(m, 1)->line, 6);
    assert_non_null(strstr(lia_model_diag_at(m, 1)->message, "unknown topic 'u'"));
    assert_int_equal(lia_model_diag_at(m, 2)->line, 7);    /* and no echo at x's use on line 8 */
    lia_model_free(m);
}

static void test_utf8_columns(void **state)
{
    (void)state;
    /* columns count characters: the caret under 'ß' lines up in a UTF-8 terminal */
    const char *src = "model \"Überwachung\"; party A { leak ß }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), "t.lia"), LIA_EINPUT);
    const lia_diag *d = lia_model_diag_at(m, 0);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->column, 37);
    lia_model_free(m);
}

/* The checker's attribute paths: parts joined by dots, cut short within the buffer as snprintf
 * would ("Agreement.share.A.B" in 12 bytes keeps 11 characters and the terminator). */
static void test_check_path(void **state)
{
    (void)state;
    char big[64], small[12], one[1];
    CHECK_PATH(big, "Pact", "share", "A", "B", "t1");
    assert_string_equal(big, "Pact.share.A.B.t1");
    CHECK_PATH(big, "M01");
    assert_string_equal(big, "M01");
    CHECK_PATH(small, "Agreement", "share", "A", "B");
    assert_string_equal(small, "Agreement.s");
    CHECK_PATH(one, "x", "y");
    assert_string_equal(one, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_continuation_and_separators),
        cmocka_unit_test(test_keywords_are_not_reserved),
        cmocka_unit_test(test_expressions),
        cmocka_unit_test(test_matrix_entries),
        cmocka_unit_test(test_strings_and_title),
        cmocka_unit_test(test_recovery_reports_every_error),
        cmocka_unit_test(test_utf8_columns),
        cmocka_unit_test(test_check_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
