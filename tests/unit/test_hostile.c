/* test_hostile.c — issue 17 through the API: payoffs beyond what a double can difference are
 * refused, JSON never holds NaN or infinity, and a handle that a failed call hands back
 * (for its message) is safe to pass to every accessor and writer. */
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
#include "util/buf.h"
#include "util/mem.h"

static void test_payoff_range(void **state)
{
    (void)state;
    /* 1e308 against -1e308: the difference 2e308 overflows, so nothing could be checked */
    size_t ns[2] = { 2, 2 };
    double u[8] = { 1e308, -1e308, -1e308, 1e308, -1e308, 1e308, 1e308, -1e308 };
    lia_game *g = (lia_game *)1;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_EUSAGE);
    assert_null(g);
    /* just inside the limit the game is accepted */
    for (int i = 0; i < 8; i++) u[i] = u[i] > 0 ? 9e299 : -9e299;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
    lia_game_free(g);
    double v[4] = { 0, 1e300, 1, 2 };
    lia_tugame *t = (lia_tugame *)1;
    assert_int_equal(lia_tugame_new(&t, 2, v, 0), LIA_EUSAGE);
    assert_null(t);
    /* computed past the limit in a .lia: refused at compile, with the reason */
    const char *text = "let k = 1e299\ngame g normal {\n players R, C\n strategies R: a, b\n strategies C: x\n"
                       " payoff a x: k*1e9, 0\n payoff b x: -k*1e9, 0\n}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "span.lia"), LIA_OK);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_EINPUT);
    assert_null(g);
    assert_non_null(strstr(lia_model_errmsg(m), "outside +-1e300"));
    lia_model_free(m);
}

static void test_json_numbers_finite(void **state)
{
    (void)state;
    lia_buf b;
    lia__buf_init(&b);
    lia__buf_double(&b, INFINITY);
    lia__buf_putc(&b, ' ');
    lia__buf_double(&b, -INFINITY);
    lia__buf_putc(&b, ' ');
    lia__buf_double(&b, NAN);
    lia__buf_putc(&b, ' ');
    lia__buf_double(&b, 0.25);
    size_t len;
    char *s = lia__buf_take(&b, &len);
    assert_string_equal(s, "null null null 0.25");
    lia__free(s);
}

/* Whatever bytes a name holds, the JSON string is UTF-8: well-formed characters pass, every
 * byte that does not begin one becomes \ufffd (U+FFFD). */
static void test_json_strings_utf8(void **state)
{
    (void)state;
    static const struct { const char *in, *want; } cases[] = {
        { "caf\xc3\xa9", "\"caf\xc3\xa9\"" },                             /* e-acute, 2 bytes */
        { "\xe2\x82\xac\xf0\x9d\x84\x9e", "\"\xe2\x82\xac\xf0\x9d\x84\x9e\"" },   /* euro, G clef */
        { "a\xff" "b", "\"a\\ufffdb\"" },                                       /* never valid */
        { "\xc3", "\"\\ufffd\"" },                                            /* truncated */
        { "\xc0\xaf", "\"\\ufffd\\ufffd\"" },                                /* overlong '/' */
        { "\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"" },                    /* a surrogate */
        { "\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\"" },        /* above U+10FFFF */
        { "\x80x", "\"\\ufffdx\"" },                                          /* stray continuation */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lia_buf b;
        lia__buf_init(&b);
        lia__buf_json_string(&b, cases[i].in);
        size_t len;
        char *s = lia__buf_take(&b, &len);
        assert_string_equal(s, cases[i].want);
        lia__free(s);
    }
}

/* A sweep that fails with a message (a parameter that names nothing) hands back a handle:
 * every accessor and writer on it answers without touching the grid it never built. */
static void test_failed_sweep_handle(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0].name = "no.such.parameter";
    o.axis[0].from = 0.2;
    o.axis[0].to = 0.4;
    o.axis[0].steps = 3;
    lia_sweep *s = NULL;
    assert_int_not_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);
    assert_non_null(s);
    assert_true(strlen(lia_sweep_errmsg(s)) > 0);
    char *out = (char *)1;
    size_t len = 0;
    for (int f = 0; f <= LIA_FORMAT_CSV; f++) {
        assert_int_equal(lia_sweep_write(&out, &len, s, (lia_format)f), LIA_EUSAGE);
        assert_null(out);
    }
    assert_int_equal(lia_sweep_write_svg(&out, &len, s), LIA_EUSAGE);
    assert_null(out);
    assert_int_equal(lia_sweep_point_count(s), 0);
    assert_int_equal(lia_sweep_breakdown_count(s), 0);
    assert_int_equal(lia_sweep_member_count(s), 0);
    assert_null(lia_sweep_member_name(s, 0));
    assert_null(lia_sweep_point_at(s, 0));
    assert_null(lia_sweep_breakdown_at(s, 0));
    assert_int_equal(lia_sweep_verdict_at(s, 0), LIA_VERDICT_NONE);
    assert_int_equal(lia_sweep_direction_at(s, 0, 0), LIA_DIRECTION_NONE);
    assert_int_equal(lia_sweep_trusted_at(s, 0, 0), -1);
    assert_int_equal(lia_sweep_over_regimes_at(s, 0, 0), -1);
    lia_sweep_free(s);
    lia_model_free(m);
}

/* Cancel inside a bisection: two grid points (s = 0.2 and 0.4) differ in A's verdict, so the
 * bisection runs ~48 steps down to a 1e-15 tolerance; the hook is asked before each step, and
 * a stop on the 5th call ends the sweep there (before issue 17 the hook was never asked
 * inside a bisection, and the run could not be stopped). */
typedef struct { size_t calls, grid_done, stop_at; } cancel_state;
static int stop_in_bisection(void *ctx, size_t done, size_t total)
{
    cancel_state *c = ctx;
    c->calls++;
    (void)total;
    if (done == 2) c->grid_done++;
    return c->calls >= c->stop_at;
}

static void test_cancel_inside_bisection(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0].name = "s";
    o.axis[0].from = 0.2;
    o.axis[0].to = 0.4;
    o.axis[0].steps = 2;
    o.threads = 1;
    o.tolerance = 1e-15;
    cancel_state c = { 0, 0, 1000000 };
    o.progress = stop_in_bisection;
    o.progress_ctx = &c;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);   /* uncancelled: it ends */
    assert_true(lia_sweep_breakdown_count(s) >= 1);
    /* log2(0.2 / 1e-15) = 47.5: at least 40 bisection steps asked the hook */
    assert_true(c.grid_done >= 40);
    lia_sweep_free(s);
    cancel_state c2 = { 0, 0, 5 };
    o.progress_ctx = &c2;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_ECANCELED);
    assert_int_equal(c2.calls, 5);
    assert_non_null(strstr(lia_sweep_errmsg(s), "cancelled"));
    lia_sweep_free(s);
    lia_model_free(m);
}

/* Every writer and accessor on the handles other failed calls hand back for their message. */
static void write_all_formats(lia_status (*wr)(char **, size_t *, const void *, lia_format), const void *h)
{
    for (int f = 0; f <= LIA_FORMAT_CSV; f++) {
        char *out = NULL;
        size_t len = 0;
        lia_status st = wr(&out, &len, h, (lia_format)f);
        assert_true(st == LIA_OK || st == LIA_EUSAGE);
        if (st == LIA_OK) assert_true(out != NULL && strlen(out) == len);
        else assert_null(out);
        lia_free(out);
    }
}
static lia_status share_wr(char **o, size_t *l, const void *h, lia_format f) { return lia_share_write(o, l, h, f); }
static lia_status suspects_wr(char **o, size_t *l, const void *h, lia_format f) { return lia_suspects_write(o, l, h, f); }
static lia_status regimes_wr(char **o, size_t *l, const void *h, lia_format f) { return lia_regimes_write(o, l, h, f); }

static void test_failed_handles(void **state)
{
    (void)state;
    /* share: the Shapley-Shubik index asked for by name, beyond the work limit for 5,000 voters */
    char *text = malloc(80000);
    assert_non_null(text);
    size_t w = (size_t)sprintf(text, "game v voting {\n  quota 7500\n  weights ");
    for (int i = 0; i < 5000; i++) w += (size_t)sprintf(text + w, "%sP%d %d", i ? ", " : "", i, 1 + i % 5);
    w += (size_t)sprintf(text + w, "\n}\n");
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, w, "v.lia"), LIA_OK);
    free(text);
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    so.rules = (uint64_t)1 << LIA_SHARE_SHAPLEY;
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, NULL, &so), LIA_ELIMIT);
    assert_non_null(s);
    assert_non_null(strstr(lia_share_errmsg(s), "work limit"));
    write_all_formats(share_wr, s);
    const char *why = NULL;
    assert_int_equal(lia_share_rule_status(s, LIA_SHARE_SHAPLEY, &why), LIA_ELIMIT);
    assert_null(lia_share_vector(s, LIA_SHARE_SHAPLEY));
    assert_null(lia_share_gap(s, LIA_SHARE_SHAPLEY));
    assert_int_equal(lia_share_breakaway_count(s), 0);
    lia_share_free(s);
    lia_model_free(m);
    /* suspects and regimes of a game that does not exist: handles with only a message */
    assert_int_equal(lia_model_open(&m, "models/ukusa-1946.lia"), LIA_OK);
    lia_suspects *su = NULL;
    assert_int_not_equal(lia_model_suspects(&su, m, "NoSuchAgreement"), LIA_OK);
    if (su) {
        assert_true(strlen(lia_suspects_errmsg(su)) > 0);
        write_all_formats(suspects_wr, su);
        assert_int_equal(lia_suspects_count(su), 0);
        assert_null(lia_suspects_party(su, 0));
        assert_null(lia_suspects_member_name(su, 0));
        lia_suspects_free(su);
    }
    lia_regimes *rg = NULL;
    assert_int_not_equal(lia_model_regimes(&rg, m, "NoSuchAgreement"), LIA_OK);
    if (rg) {
        write_all_formats(regimes_wr, rg);
        assert_int_equal(lia_regimes_count(rg), 0);
        assert_null(lia_regimes_name(rg, 0));
        assert_true(isnan(lia_regimes_delta_star(rg, 0)));
        lia_regimes_free(rg);
    }
    lia_model_free(m);
}

/* --memory-cap reaches the equilibrium searches: options version 2 carry it; a version-1
 * struct ends before it, so whatever lies there is not read (the default cap holds). */
static void test_nash_memory_cap(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/nfg/6x6_game_with_75_eq.nfg"), LIA_OK);
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    lia_eqset *e = NULL;
    o.memory_cap = 64;   /* no vertex set fits in 64 bytes */
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_ELIMIT);
    assert_null(e);
    o.version = 1;       /* the same bytes as a version-1 struct: memory_cap is not its field */
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 75);   /* von Stengel's game: 75 equilibria */
    lia_eqset_free(e);
    o.version = 3;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    lia_correlated_options c = LIA_CORRELATED_OPTIONS_INIT;
    lia_correlated *ce = NULL;
    c.memory_cap = 64;
    assert_int_equal(lia_game_correlated(&ce, g, &c), LIA_ELIMIT);
    c.version = 1;
    assert_int_equal(lia_game_correlated(&ce, g, &c), LIA_OK);
    lia_correlated_free(ce);
    lia_game_free(g);
    lia_model_free(m);
}

/* Monte-Carlo Shapley of 10^9 orders (the most allowed) is stopped by its progress hook: it is
 * asked every 4096 orders with (done, samples), and a stop on the 3rd call ends the run. A
 * version-1 options struct has no hook: whatever lies there is not read. */
typedef struct { size_t calls, last; } mc_state;
static int stop_third(void *ctx, size_t done, size_t total)
{
    mc_state *c = ctx;
    c->calls++;
    c->last = done;
    assert_int_equal(total, 1000000000);
    return c->calls >= 3;
}

static void test_montecarlo_cancel(void **state)
{
    (void)state;
    const char *text = "game t bankruptcy { estate 200; claims A 100, B 200, C 300 }\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "t.lia"), LIA_OK);
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    so.rules = (uint64_t)1 << LIA_SHARE_SHAPLEY_MC;
    so.samples = LIA_SHARE_MAX_SAMPLES;
    mc_state c = { 0, 0 };
    so.progress = stop_third;
    so.progress_ctx = &c;
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, NULL, &so), LIA_ECANCELED);
    assert_int_equal(c.calls, 3);
    assert_int_equal(c.last, 3 * 4096);
    assert_non_null(strstr(lia_share_errmsg(s), "cancelled"));
    lia_share_free(s);
    so.version = 1;
    so.samples = 20000;
    c.calls = 0;
    assert_int_equal(lia_model_share(&s, m, NULL, &so), LIA_OK);
    assert_int_equal(c.calls, 0);
    /* the Talmud game's Shapley value (v(N) = 200) sums to 200 in every sample */
    const double *phi = lia_share_vector(s, LIA_SHARE_SHAPLEY_MC);
    assert_non_null(phi);
    assert_true(fabs(phi[0] + phi[1] + phi[2] - 200) < 1e-9);
    lia_share_free(s);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_payoff_range),
        cmocka_unit_test(test_json_numbers_finite),
        cmocka_unit_test(test_json_strings_utf8),
        cmocka_unit_test(test_failed_sweep_handle),
        cmocka_unit_test(test_cancel_inside_bisection),
        cmocka_unit_test(test_failed_handles),
        cmocka_unit_test(test_nash_memory_cap),
        cmocka_unit_test(test_montecarlo_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
