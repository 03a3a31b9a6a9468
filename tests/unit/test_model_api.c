/* test_model_api.c — the public model API: diagnostics as data, overrides, misuse, and
 * allocation failure at every point of parse, set, compile and write. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "util/mem.h"

static const char model[] =
    "model \"API test\"\n"
    "let scope = 1\n"
    "topic t { common 0.5 }\n"
    "party A { leak 0.1; need t 1; collect t 0.6; exposure t 2 }\n"
    "party B { disclosure 0.2; need t 2; collect t 0.5; exposure t 1 }\n"
    "agreement AB bilateral {\n"
    "  members A, B\n"
    "  share A -> B t scope\n"
    "  share B -> A t 0.5\n"
    "  caveat value 0.8 disclosure 0.5\n"
    "  facility f cost 2 value 1 split A 0.75, B 0.25\n"
    "  transfer A -> B 0.3\n"
    "}\n"
    "game talmud bankruptcy { estate 200; claims X 100, Y 200, Z 300 }\n";

static double payoff(lia_model *m, size_t player, size_t profile)
{
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    double v = lia_game_payoffs(g)[player * lia_game_profile_count(g) + profile];
    lia_game_free(g);
    return v;
}

static void test_diagnostics_in_source_order(void **state)
{
    (void)state;
    const char *src = "party A {\n  leak 1.5\n}\nparty B { resoures 1 }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), "bad.lia"), LIA_EINPUT);
    assert_int_equal(lia_model_diag_count(m), 2);
    const lia_diag *a = lia_model_diag_at(m, 0), *b = lia_model_diag_at(m, 1);
    assert_int_equal(a->line, 2);
    assert_int_equal(a->column, 8);
    assert_int_equal(a->length, 3);
    assert_int_equal(a->severity, LIA_ERROR);
    assert_non_null(strstr(a->message, "must be in [0, 1), got 1.5"));
    assert_int_equal(a->line_len, 10);
    assert_memory_equal(a->line_text, "  leak 1.5", 10);
    assert_int_equal(b->line, 4);
    assert_int_equal(b->column, 11);
    assert_non_null(strstr(b->message, "did you mean 'resources'"));
    assert_null(lia_model_diag_at(m, 2));
    /* compiling an invalid model is refused with a message, not attempted */
    lia_game *g = (lia_game *)&g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_EINPUT);
    assert_null(g);
    assert_non_null(strstr(lia_model_errmsg(m), "2 errors"));
    lia_model_free(m);
}

static void test_set_let_and_paths(void **state)
{
    (void)state;
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), "api.lia"), LIA_OK);
    assert_string_equal(lia_model_title(m), "API test");
    assert_int_equal(lia_model_game_count(m), 2);
    assert_string_equal(lia_model_game_name(m, 1), "talmud");
    assert_int_equal(lia_model_game_kind(m, 0), LIA_KIND_BILATERAL);
    assert_int_equal(lia_model_game_kind(m, 1), LIA_KIND_BANKRUPTCY);
    /* B's payoff at (1,1) is 1.455 (test_lower.c); its coverage term 0.48 scales with A's
     * scope, so scope = 0.5 gives 1.455 - 0.24 = 1.215 */
    assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);
    assert_int_equal(lia_model_set(m, "scope", "1/2"), LIA_OK);
    assert_true(fabs(payoff(m, 1, 3) - 1.215) < 1e-12);
    /* setting again replaces; set_number goes through the same path */
    assert_int_equal(lia_model_set_number(m, "scope", 1.0), LIA_OK);
    assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);
    /* an attribute path: A's leak 0.1 -> 0.3 raises rho_A and B's exposure term
     * 1*0.5*0.5*1*rho_A from 0.025 to 0.075 */
    assert_int_equal(lia_model_set(m, "A.leak", "0.3"), LIA_OK);
    assert_true(fabs(payoff(m, 1, 3) - 1.405) < 1e-12);
    /* a path the file never wrote: B.need of t stays, facility cost 2 -> 4 costs A 0.75*2 more */
    assert_int_equal(lia_model_set(m, "AB.facility.f.cost", "4"), LIA_OK);
    assert_true(fabs(payoff(m, 0, 3) - (-0.6 - 1.5)) < 1e-12);
    /* structured games: the estate */
    assert_int_equal(lia_model_set(m, "talmud.estate", "300"), LIA_OK);
    lia_tugame *tu;
    assert_int_equal(lia_model_compile_tu(&tu, m, "talmud", NULL), LIA_OK);
    double v;
    assert_int_equal(lia_tugame_value(tu, 6, &v), LIA_OK);   /* {Y,Z}: 300 - 100 = 200 */
    assert_true(v == 200);
    lia_tugame_free(tu);
    lia_model_free(m);
}

static void test_set_errors_leave_model_usable(void **state)
{
    (void)state;
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), "api.lia"), LIA_OK);
    assert_int_equal(lia_model_set(m, "A.leek", "0.1"), LIA_EUSAGE);
    assert_non_null(strstr(lia_model_errmsg(m), "no constant or attribute 'A.leek'"));
    assert_int_equal(lia_model_set(m, "..", "1"), LIA_EUSAGE);
    assert_int_equal(lia_model_set(m, NULL, "1"), LIA_EUSAGE);
    assert_int_equal(lia_model_set_number(m, "scope", NAN), LIA_EUSAGE);
    assert_int_equal(lia_model_diag_count(m), 0);
    assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);          /* unchanged */
    /* out of range: the diagnostic points into the --set text */
    assert_int_equal(lia_model_set(m, "A.leak", "2"), LIA_EINPUT);
    assert_int_equal(lia_model_diag_count(m), 1);
    const lia_diag *d = lia_model_diag_at(m, 0);
    assert_string_equal(d->file, "--set");
    assert_int_equal(d->column, 8);
    assert_memory_equal(d->line_text, "A.leak=2", 8);
    /* fixing the override makes the model valid again */
    assert_int_equal(lia_model_set(m, "A.leak", "0.1"), LIA_OK);
    assert_int_equal(lia_model_diag_count(m), 0);
    assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);
    lia_model_free(m);
}

static void test_misuse_never_crashes(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(NULL, "x", 1, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_parse(&m, NULL, 5, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_open(&m, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_open(&m, "/nonexistent/x.lia"), LIA_EIO);
    assert_non_null(m);
    assert_non_null(strstr(lia_model_errmsg(m), "cannot open /nonexistent/x.lia"));
    lia_model_free(m);
    lia_model_free(NULL);
    lia_game_free(NULL);
    lia_tugame_free(NULL);
    lia_free(NULL);
    assert_non_null(lia_model_errmsg(NULL));
    assert_int_equal(lia_model_diag_count(NULL), 0);
    assert_null(lia_model_diag_at(NULL, 0));
    assert_int_equal(lia_model_set(NULL, "a", "1"), LIA_EUSAGE);
    assert_int_equal(lia_model_game_count(NULL), 0);
    assert_null(lia_model_game_name(NULL, 0));
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_parse(&m, model, strlen(model), NULL), LIA_OK);
    assert_int_equal(lia_model_compile(NULL, m, "AB", NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_EUSAGE);    /* two games */
    assert_non_null(strstr(lia_model_errmsg(m), "AB, talmud"));
    assert_int_equal(lia_model_compile(&g, m, "talmud", NULL), LIA_EUSAGE); /* not normal form */
    lia_compile_options bad = { 99, 0 };
    assert_int_equal(lia_model_compile(&g, m, "AB", &bad), LIA_EUSAGE);
    assert_null(lia_model_game_name(m, 7));
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    assert_null(lia_game_player_name(g, 2));
    assert_null(lia_game_strategy_name(g, 0, 2));
    assert_int_equal(lia_game_strategy_count(g, 5), 0);
    size_t idx, bad_strat[2] = { 0, 9 };
    assert_int_equal(lia_game_profile_index(g, bad_strat, &idx), LIA_EUSAGE);
    int64_t p, q;
    assert_false(lia_game_payoff_exact(g, 3, 0, &p, &q));
    char *out;
    assert_int_equal(lia_game_write(&out, NULL, g, LIA_FORMAT_TU), LIA_EUSAGE);
    assert_int_equal(lia_game_write(NULL, NULL, g, LIA_FORMAT_JSON), LIA_EUSAGE);
    lia_game_free(g);
    lia_tugame *tu;
    assert_int_equal(lia_model_compile_tu(&tu, m, "talmud", NULL), LIA_OK);
    double v;
    assert_int_equal(lia_tugame_value(tu, 8, &v), LIA_EUSAGE);          /* player 3 does not exist */
    size_t dup[2] = { 1, 1 };
    assert_int_equal(lia_tugame_value_of(tu, dup, 2, &v), LIA_EUSAGE);
    assert_int_equal(lia_tugame_voting(tu, NULL, NULL), LIA_EUSAGE);
    lia_tugame_free(tu);
    lia_model_free(m);
    /* nfg models have nothing to set */
    const char *nfg = "NFG 1 R \"x\" { \"a\" \"b\" } { 1 1 }\n1 2\n";
    assert_int_equal(lia_model_parse(&m, nfg, strlen(nfg), "x.nfg"), LIA_OK);
    assert_int_equal(lia_model_set(m, "a", "1"), LIA_EUSAGE);
    lia_model_free(m);
}

static void test_games_from_arrays(void **state)
{
    (void)state;
    /* matching pennies, first player fastest: (H,H) (T,H) (H,T) (T,T) */
    const size_t ns[2] = { 2, 2 };
    const double u[8] = { 1, -1, -1, 1, -1, 1, 1, -1 };
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
    assert_int_equal(lia_game_profile_count(g), 4);
    assert_memory_equal(lia_game_payoffs(g), u, sizeof u);
    char *text;
    size_t len;
    assert_int_equal(lia_game_write(&text, &len, g, LIA_FORMAT_LRS), LIA_OK);
    assert_string_equal(text, "2 2\n\n1 -1\n-1 1\n\n-1 1\n1 -1\n");
    assert_int_equal(len, strlen(text));
    lia_free(text);
    lia_game_free(g);
    const size_t zero[2] = { 2, 0 };
    assert_int_equal(lia_game_new(&g, 2, zero, u), LIA_EUSAGE);
    assert_null(g);

    const double glove[8] = { 0, 0, 0, 1, 0, 1, 0, 1 };
    lia_tugame *tu;
    assert_int_equal(lia_tugame_new(&tu, 3, glove, 0), LIA_OK);
    double v;
    size_t lr[2] = { 0, 2 };
    assert_int_equal(lia_tugame_value_of(tu, lr, 2, &v), LIA_OK);
    assert_true(v == 1);
    lia_tugame_free(tu);
    const double bad[2] = { 1, 0 };                                     /* v(empty) must be 0 */
    assert_int_equal(lia_tugame_new(&tu, 1, bad, 0), LIA_EUSAGE);
}

/* Run parse -> set -> compile -> write with the k-th allocation failing, for every k until
 * the whole chain succeeds: each run either reports LIA_ENOMEM or produces exactly the
 * reference output; nothing leaks (LeakSanitizer in make test-asan). */
static lia_status chain(char **json, char **tu)
{
    lia_model *m = NULL;
    lia_game *g = NULL;
    lia_tugame *t = NULL;
    *json = *tu = NULL;
    lia_status st = lia_model_parse(&m, model, strlen(model), "api.lia");
    if (st == LIA_OK) st = lia_model_set(m, "scope", "0.5");
    if (st == LIA_OK) st = lia_model_compile(&g, m, "AB", NULL);
    if (st == LIA_OK) st = lia_game_write(json, NULL, g, LIA_FORMAT_JSON);
    if (st == LIA_OK) st = lia_model_compile_tu(&t, m, "AB", NULL);
    if (st == LIA_OK) st = lia_tugame_write(tu, NULL, t, LIA_FORMAT_TU);
    lia_tugame_free(t);
    lia_game_free(g);
    lia_model_free(m);
    return st;
}

static void test_allocation_failures(void **state)
{
    (void)state;
    char *ref_json, *ref_tu;
    assert_int_equal(chain(&ref_json, &ref_tu), LIA_OK);
    unsigned long k;
    for (k = 1; k < 100000; k++) {
        char *json, *tu;
        lia__mem_fail_after(k);
        lia_status st = chain(&json, &tu);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            assert_string_equal(json, ref_json);
            assert_string_equal(tu, ref_tu);
            lia_free(json);
            lia_free(tu);
            break;
        }
        if (st != LIA_ENOMEM) fail_msg("allocation %lu failed but the chain returned status %d", k, st);
        lia_free(json);
        lia_free(tu);
    }
    assert_true(k > 20);   /* the chain really allocates; otherwise this test tests nothing */
    lia_free(ref_json);
    lia_free(ref_tu);
}

/* A failed override under memory pressure leaves the model as it was. */
static void test_set_survives_allocation_failure(void **state)
{
    (void)state;
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), "api.lia"), LIA_OK);
    int failed = 0;
    for (unsigned long k = 1; k < 10000; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_model_set(m, "scope", "0.5");
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
        failed++;
        /* still usable, still the old value */
        if (lia_model_diag_count(m) == 0) assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);
    }
    assert_true(failed > 0);
    assert_true(fabs(payoff(m, 1, 3) - 1.215) < 1e-12);
    lia_model_free(m);
}

/* Review findings, each pinned. */

static void test_failed_allocation_does_not_poison_the_handle(void **state)
{
    (void)state;
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), "api.lia"), LIA_OK);
    /* fail allocations while an out-of-range override records its diagnostic */
    int saw_oom = 0;
    for (unsigned long k = 1; k < 64; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_model_set(m, "A.leak", "2");
        lia__mem_fail_after(0);
        if (st == LIA_ENOMEM) saw_oom = 1;
        /* whatever happened, a valid value afterwards must work */
        assert_int_equal(lia_model_set(m, "A.leak", "0.1"), LIA_OK);
    }
    assert_true(saw_oom);
    assert_true(fabs(payoff(m, 1, 3) - 1.455) < 1e-12);
    lia_model_free(m);
}

static void test_structured_values_are_exact(void **state)
{
    (void)state;
    /* ten weights of 0.1 meet a quota of 1 exactly (in doubles they sum to 0.9999999999999999) */
    const char *src =
        "game v voting { quota 1; weights P0 0.1, P1 0.1, P2 0.1, P3 0.1, P4 0.1, P5 0.1, P6 0.1, P7 0.1, P8 0.1, P9 0.1 }\n"
        "game b bankruptcy { estate 0.3; claims A 0.7, B 0.1, C 0.2 }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_tugame *g;
    double v;
    assert_int_equal(lia_model_compile_tu(&g, m, "v", NULL), LIA_OK);
    assert_int_equal(lia_tugame_value(g, 0x3FF, &v), LIA_OK);
    assert_true(v == 1);
    assert_int_equal(lia_tugame_value(g, 0x1FF, &v), LIA_OK);     /* nine of them: 0.9 < 1 */
    assert_true(v == 0);
    lia_tugame_free(g);
    assert_int_equal(lia_model_compile_tu(&g, m, "b", NULL), LIA_OK);
    assert_int_equal(lia_tugame_value(g, 3, &v), LIA_OK);         /* {A,B}: 0.3 - 0.2 = 0.1 */
    assert_true(v == 0.1);
    lia_tugame_free(g);
    lia_model_free(m);
}

static void test_set_number_is_the_shortest_decimal(void **state)
{
    (void)state;
    lia_model *a, *b;
    assert_int_equal(lia_model_parse(&a, model, strlen(model), NULL), LIA_OK);
    assert_int_equal(lia_model_parse(&b, model, strlen(model), NULL), LIA_OK);
    assert_int_equal(lia_model_set_number(a, "B.leak", 0.1), LIA_OK);
    assert_int_equal(lia_model_set(b, "B.leak", "0.1"), LIA_OK);
    lia_game *ga, *gb;
    assert_int_equal(lia_model_compile(&ga, a, "AB", NULL), LIA_OK);
    assert_int_equal(lia_model_compile(&gb, b, "AB", NULL), LIA_OK);
    int64_t p1, q1, p2, q2;
    assert_true(lia_game_payoff_exact(ga, 1, 3, &p1, &q1));
    assert_true(lia_game_payoff_exact(gb, 1, 3, &p2, &q2));
    assert_int_equal(p1, p2);
    assert_int_equal(q1, q2);
    lia_game_free(ga);
    lia_game_free(gb);
    lia_model_free(a);
    lia_model_free(b);
}

static void test_numbers_ignore_the_host_locale(void **state)
{
    (void)state;
    /* a notebook may run under a locale that writes 0,5; generate one (Debian's `locales`) */
    char dir[] = "/tmp/lia-locale-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    assert_int_equal(system(cmd), 0);
    setenv("LOCPATH", dir, 1);
    assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    assert_string_equal(probe, "0,5");                   /* the host really is in a comma locale */

    lia_model *m;
    assert_int_equal(lia_model_parse(&m, model, strlen(model), NULL), LIA_OK);
    assert_int_equal(lia_model_set_number(m, "scope", 0.25), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    char *json;
    assert_int_equal(lia_game_write(&json, NULL, g, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(json, "-0.025"));             /* B at (0,1), as in test_lower.c */
    assert_null(strstr(json, "-0,025"));
    lia_free(json);
    lia_game_free(g);
    lia_model_free(m);
    setlocale(LC_NUMERIC, "C");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_paths_with_longest_names(void **state)
{
    (void)state;
    char a[256], b[256], t[256];
    memset(a, 'a', 255); a[255] = 0;
    memset(b, 'b', 255); b[255] = 0;
    memset(t, 't', 255); t[255] = 0;
    char src[4096], path[2048];
    snprintf(src, sizeof src,
             "topic %s { common 0 }\nparty %s { need %s 1; collect %s 0.5 }\nparty %s { need %s 1; collect %s 0.5 }\n"
             "agreement %s bilateral { members %s, %s }\n", t, a, t, t, b, t, t, a, a, b);
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    snprintf(path, sizeof path, "%s.share.%s.%s.%s", a, a, b, t);
    assert_int_equal(lia_model_set(m, path, "1"), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, a, NULL), LIA_OK);
    /* b receives a's coverage: (1 - 0.5) * (1 * 1 * 0.5) = 0.25 at (share, -) */
    assert_true(fabs(lia_game_payoffs(g)[4 + 1] - 0.25) < 1e-12);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_override_in_an_invalid_block_is_not_unknown(void **state)
{
    (void)state;
    const char *src = "party A { }\nparty B { }\nagreement AB bilateral { members A, C }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_EINPUT);
    /* AB's checking stopped at the unknown member, so its caveat path went unvisited: the
     * answer is the model's error, not "no such attribute" */
    assert_int_equal(lia_model_set(m, "AB.caveat.value", "0.5"), LIA_EINPUT);
    assert_non_null(strstr(lia_model_errmsg(m), "unknown party 'C'"));
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diagnostics_in_source_order),
        cmocka_unit_test(test_set_let_and_paths),
        cmocka_unit_test(test_set_errors_leave_model_usable),
        cmocka_unit_test(test_misuse_never_crashes),
        cmocka_unit_test(test_games_from_arrays),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_set_survives_allocation_failure),
        cmocka_unit_test(test_failed_allocation_does_not_poison_the_handle),
        cmocka_unit_test(test_structured_values_are_exact),
        cmocka_unit_test(test_set_number_is_the_shortest_decimal),
        cmocka_unit_test(test_numbers_ignore_the_host_locale),
        cmocka_unit_test(test_paths_with_longest_names),
        cmocka_unit_test(test_override_in_an_invalid_block_is_not_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
