/* test_options_version.c — every options struct is read at every version from 1 to the
 * current one, and a version outside that range is refused with a message that names the
 * struct, the version given and the versions this library reads.
 *
 * A version-1 struct is passed in a heap block of exactly its own size (the layout a program
 * built against the 0.2 header allocates), so under AddressSanitizer (make test-asan) a library
 * that read a field past it would fail here. */
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

#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-9)

/* A copy of `size` bytes of src in a block of exactly that size (caller frees). */
static void *exact_copy(const void *src, size_t size)
{
    void *p = malloc(size);
    assert_non_null(p);
    memcpy(p, src, size);
    return p;
}

/* The refusal's message: the struct, the version given, and the versions read. */
static void refused_with(const char *msg, const char *type, unsigned version, unsigned current)
{
    char want[160];
    snprintf(want, sizeof want, "%s.version is %u; this library (%s) reads versions 1 to %u", type, version,
             LIA_VERSION, current);
    if (!strstr(msg, want)) fail_msg("message \"%s\" lacks \"%s\"", msg, want);
}

/* The prisoner's dilemma, R = 3, S = 0, T = 5, P = 1 (profiles first player fastest:
 * (C,C), (D,C), (C,D), (D,D)). */
static lia_game *pd(void)
{
    size_t ns[2] = { 2, 2 };
    double u[8] = { 3, 5, 0, 1, 3, 0, 5, 1 };
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
    return g;
}

static lia_model *ab(void)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    return m;
}

static void test_nash(void **state)
{
    (void)state;
    lia_game *g = pd();
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_PURE;
    o.version = 1;
    lia_nash_options *v1 = exact_copy(&o, sizeof o);   /* version 1 is today's layout */
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, v1), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 1);   /* (D, D): D strictly dominates C */
    NEAR(lia_eqset_payoffs(e, 0)[0], 1);
    lia_eqset_free(e);
    free(v1);
    for (unsigned v = 0; v <= LIA_NASH_OPTIONS_VERSION + 1; v += LIA_NASH_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
        assert_null(e);
        refused_with(lia_errmsg(), "lia_nash_options", v, LIA_NASH_OPTIONS_VERSION);
        assert_non_null(strstr(lia_errmsg(), "LIA_NASH_OPTIONS_INIT"));
    }
    lia_game_free(g);
}

static void test_correlated(void **state)
{
    (void)state;
    lia_game *g = pd();
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    o.version = 1;
    lia_correlated_options *v1 = exact_copy(&o, sizeof o);
    lia_correlated *c = NULL;
    assert_int_equal(lia_game_correlated(&c, g, v1), LIA_OK);
    NEAR(lia_correlated_welfare(c), 2);   /* only (D, D): 1 + 1 */
    lia_correlated_free(c);
    char *lp = NULL;
    assert_int_equal(lia_game_correlated_lp(&lp, NULL, g, v1), LIA_OK);
    lia_free(lp);
    free(v1);
    for (unsigned v = 0; v <= LIA_CORRELATED_OPTIONS_VERSION + 1; v += LIA_CORRELATED_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_game_correlated(&c, g, &o), LIA_EUSAGE);
        refused_with(lia_errmsg(), "lia_correlated_options", v, LIA_CORRELATED_OPTIONS_VERSION);
        assert_int_equal(lia_game_correlated_lp(&lp, NULL, g, &o), LIA_EUSAGE);
        assert_null(lp);
    }
    lia_game_free(g);
}

/* Version 1 of lia_repeat_options, as the 0.1 and 0.2 headers' programs may lay it out: no
 * `monitor` (added by version 2). */
typedef struct repeat_options_v1 {
    unsigned version;
    lia_punishment punish;
    double delta;
    int payoff_set;
} repeat_options_v1;

static void test_repeat(void **state)
{
    (void)state;
    lia_game *g = pd();
    size_t cc[2] = { 0, 0 };
    /* delta* = (T - R)/(T - P) = (5 - 3)/(5 - 1) = 0.5; at 0.6 (C, C) holds */
    repeat_options_v1 old = { 1, LIA_PUNISH_NASH, 0.6, 0 };
    repeat_options_v1 *v1 = exact_copy(&old, sizeof old);
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, cc, (const lia_repeat_options *)v1), LIA_OK);
    NEAR(lia_repeat_player(r, 0)->delta_star, 0.5);
    assert_int_equal(lia_repeat_self_enforcing(r), 1);
    double q = 0;
    assert_int_equal(lia_repeat_monitoring(r, 0, &q, NULL), LIA_OK);
    NEAR(q, 1);   /* no `monitor` in a version-1 struct: every breach is seen */
    lia_repeat_free(r);
    free(v1);
    /* version 2 reads monitor: caught with chance 1/2 per period, delta* = (D - C)/((D - C) +
     * q (C - P)) = 2/(2 + 0.5 * 2) = 2/3 > 0.6 */
    double monitor[2] = { 0.5, 0.5 };
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.delta = 0.6;
    o.monitor = monitor;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    NEAR(lia_repeat_player(r, 0)->delta_star, 2.0 / 3);
    assert_int_equal(lia_repeat_self_enforcing(r), 0);
    lia_repeat_free(r);
    for (unsigned v = 0; v <= LIA_REPEAT_OPTIONS_VERSION + 1; v += LIA_REPEAT_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_EUSAGE);
        assert_null(r);
        refused_with(lia_errmsg(), "lia_repeat_options", v, LIA_REPEAT_OPTIONS_VERSION);
    }
    lia_game_free(g);
}

static void test_share(void **state)
{
    (void)state;
    /* v({1}) = v({2}) = 1, v(N) = 3: Shapley 1/2 * 1 + 1/2 * (3 - 1) = 1.5 each */
    double values[4] = { 0, 1, 1, 3 };
    lia_tugame *tu = NULL;
    assert_int_equal(lia_tugame_new(&tu, 2, values, 0), LIA_OK);
    lia_share_options o = LIA_SHARE_OPTIONS_INIT;
    o.rules = 1u << LIA_SHARE_SHAPLEY;
    o.version = 1;
    lia_share_options *v1 = exact_copy(&o, sizeof o);
    lia_share *s = NULL;
    assert_int_equal(lia_tugame_share(&s, tu, v1), LIA_OK);
    NEAR(lia_share_vector(s, LIA_SHARE_SHAPLEY)[0], 1.5);
    lia_share_free(s);
    lia_model *m = ab();
    assert_int_equal(lia_model_share(&s, m, NULL, v1), LIA_OK);
    lia_share_free(s);
    free(v1);
    for (unsigned v = 0; v <= LIA_SHARE_OPTIONS_VERSION + 1; v += LIA_SHARE_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_tugame_share(&s, tu, &o), LIA_EUSAGE);
        refused_with(lia_errmsg(), "lia_share_options", v, LIA_SHARE_OPTIONS_VERSION);
        assert_int_equal(lia_model_share(&s, m, NULL, &o), LIA_EUSAGE);
        refused_with(lia_model_errmsg(m), "lia_share_options", v, LIA_SHARE_OPTIONS_VERSION);
    }
    lia_model_free(m);
    lia_tugame_free(tu);
}

static void test_compile(void **state)
{
    (void)state;
    lia_model *m = ab();
    lia_compile_options o = LIA_COMPILE_OPTIONS_INIT;
    o.version = 1;
    lia_compile_options *v1 = exact_copy(&o, sizeof o);
    lia_game *g = NULL;
    lia_tugame *tu = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, v1), LIA_OK);
    assert_int_equal(lia_game_player_count(g), 2);
    lia_game_free(g);
    assert_int_equal(lia_model_compile_tu(&tu, m, NULL, v1), LIA_OK);
    lia_tugame_free(tu);
    lia_report *r = NULL;
    assert_int_equal(lia_model_solve(&r, m, NULL, v1), LIA_OK);
    lia_report_free(r);
    free(v1);
    for (unsigned v = 0; v <= LIA_COMPILE_OPTIONS_VERSION + 1; v += LIA_COMPILE_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_model_compile(&g, m, NULL, &o), LIA_EUSAGE);
        refused_with(lia_model_errmsg(m), "lia_compile_options", v, LIA_COMPILE_OPTIONS_VERSION);
        refused_with(lia_errmsg(), "lia_compile_options", v, LIA_COMPILE_OPTIONS_VERSION);
    }
    lia_model_free(m);
}

static void test_sweep_and_briefing(void **state)
{
    (void)state;
    lia_model *m = ab();
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.version = 1;
    o.axis[0] = (lia_sweep_axis){ "s", 0.2, 0.4, 3 };
    o.threads = 1;
    lia_sweep_options *v1 = exact_copy(&o, sizeof o);
    lia_sweep *sw = NULL;
    assert_int_equal(lia_model_sweep(&sw, m, NULL, v1), LIA_OK);
    assert_int_equal(lia_sweep_point_count(sw), 3);
    NEAR(lia_sweep_point_at(sw, 1)->values[0], 0.3);
    free(v1);
    lia_briefing_options b = LIA_BRIEFING_OPTIONS_INIT;
    b.version = 1;
    lia_briefing_options *b1 = exact_copy(&b, sizeof b);
    char *page = NULL;
    assert_int_equal(lia_sweep_write_html(&page, NULL, sw, b1), LIA_OK);
    assert_non_null(strstr(page, "<html"));
    lia_free(page);
    free(b1);
    for (unsigned v = 0; v <= LIA_BRIEFING_OPTIONS_VERSION + 1; v += LIA_BRIEFING_OPTIONS_VERSION + 1) {
        b.version = v;
        assert_int_equal(lia_sweep_write_html(&page, NULL, sw, &b), LIA_EUSAGE);
        assert_null(page);
        refused_with(lia_errmsg(), "lia_briefing_options", v, LIA_BRIEFING_OPTIONS_VERSION);
    }
    lia_sweep_free(sw);
    for (unsigned v = 0; v <= LIA_SWEEP_OPTIONS_VERSION + 1; v += LIA_SWEEP_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_model_sweep(&sw, m, NULL, &o), LIA_EUSAGE);
        assert_null(sw);
        refused_with(lia_errmsg(), "lia_sweep_options", v, LIA_SWEEP_OPTIONS_VERSION);
    }
    lia_model_free(m);
}

static void test_explore(void **state)
{
    (void)state;
    lia_model *m = ab();
    lia_explore_range range = { "s", 0.2, 0.4 };
    lia_explore_options o = LIA_EXPLORE_OPTIONS_INIT;
    o.samples = 4;
    o.ranges = &range;
    o.nranges = 1;
    o.threads = 1;
    o.version = 1;
    lia_explore_options *v1 = exact_copy(&o, sizeof o);
    lia_explore *e = NULL;
    assert_int_equal(lia_model_explore(&e, m, NULL, v1), LIA_OK);
    assert_int_equal(lia_explore_run_count(e), 4);
    lia_explore_free(e);
    free(v1);
    for (unsigned v = 0; v <= LIA_EXPLORE_OPTIONS_VERSION + 1; v += LIA_EXPLORE_OPTIONS_VERSION + 1) {
        o.version = v;
        assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
        lia_explore_free(e);
        e = NULL;
        refused_with(lia_errmsg(), "lia_explore_options", v, LIA_EXPLORE_OPTIONS_VERSION);
    }
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nash),   cmocka_unit_test(test_correlated), cmocka_unit_test(test_repeat),
        cmocka_unit_test(test_share),  cmocka_unit_test(test_compile),    cmocka_unit_test(test_sweep_and_briefing),
        cmocka_unit_test(test_explore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
