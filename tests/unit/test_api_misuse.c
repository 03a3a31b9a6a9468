/* test_api_misuse.c — every entry point of the burden-sharing, repeated-game, sweep and
 * comparison groups called with NULL handles, NULL outputs and out-of-range indices: each
 * gives an error status (or a documented empty value), never a crash. The older groups are
 * covered in test_model_api.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"

static void test_null_handles(void **state)
{
    (void)state;
    char *out = (char *)1;
    size_t len = 7;
    lia_share *s = (lia_share *)1;
    lia_repeat *r = (lia_repeat *)1;
    lia_sweep *w = (lia_sweep *)1;
    lia_compare *c = (lia_compare *)1;
    lia_model *m = (lia_model *)1;
    /* constructors: NULL inputs, outputs reset */
    assert_int_equal(lia_tugame_share(&s, NULL, NULL), LIA_EUSAGE);
    assert_null(s);
    assert_int_equal(lia_model_share(&s, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_game_repeat(&r, NULL, NULL, NULL), LIA_EUSAGE);
    assert_null(r);
    assert_int_equal(lia_model_sweep(&w, NULL, NULL, NULL), LIA_EUSAGE);
    assert_null(w);
    assert_int_equal(lia_compare_agreements(&c, NULL, NULL, 0), LIA_EUSAGE);
    assert_null(c);
    assert_int_equal(lia_compare_decomposition(&c, NULL, "x"), LIA_EUSAGE);
    assert_int_equal(lia_model_clone(&m, NULL), LIA_EUSAGE);
    assert_null(m);
    assert_int_equal(lia_model_decompose(NULL, "x", 0, 1, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_share(NULL, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_game_repeat(NULL, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_sweep(NULL, NULL, NULL, NULL), LIA_EUSAGE);
    /* writers */
    assert_int_equal(lia_share_write(&out, &len, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    assert_null(out);
    out = (char *)1;
    assert_int_equal(lia_repeat_write(&out, &len, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    assert_null(out);
    out = (char *)1;
    assert_int_equal(lia_sweep_write(&out, &len, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    assert_null(out);
    assert_int_equal(lia_sweep_write_svg(&out, &len, NULL), LIA_EUSAGE);
    assert_int_equal(lia_compare_write(&out, &len, NULL, LIA_FORMAT_TEXT), LIA_EUSAGE);
    assert_int_equal(lia_share_write(NULL, NULL, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    /* accessors of NULL handles: empty values */
    assert_null(lia_repeat_player(NULL, 0));
    assert_int_equal(lia_repeat_player_count(NULL), 0);
    assert_int_equal(lia_repeat_self_enforcing(NULL), -1);
    assert_int_equal(lia_repeat_transfers(NULL, NULL), -1);
    assert_int_equal(lia_repeat_best(NULL, NULL, NULL, NULL), 0);
    assert_null(lia_repeat_payoff_set(NULL, &len));
    assert_int_equal(len, 0);
    assert_null(lia_sweep_point_at(NULL, 0));
    assert_null(lia_sweep_breakdown_at(NULL, 0));
    assert_int_equal(lia_sweep_member_count(NULL), 0);
    assert_null(lia_sweep_member_name(NULL, 0));
    assert_non_null(lia_sweep_errmsg(NULL));
    assert_non_null(lia_share_errmsg(NULL));
    assert_null(lia_share_game(NULL));
    assert_null(lia_share_exploitation(NULL));
    assert_null(lia_share_mc_halfwidth(NULL));
    assert_null(lia_share_disagreement(NULL));
    assert_int_equal(lia_share_verified(NULL, LIA_SHARE_NUCLEOLUS), 0);
    assert_int_equal(lia_share_breakaway_count(NULL), 0);
    assert_string_equal(lia_model_source_name(NULL), "");
    assert_string_equal(lia_share_rule_name((lia_share_rule)99), "unknown");
    lia_share_free(NULL);
    lia_repeat_free(NULL);
    lia_sweep_free(NULL);
    lia_compare_free(NULL);
}

static void test_out_of_range(void **state)
{
    (void)state;
    static const char text[] = "game pd normal {\n  players A, B\n  strategies A: C, D\n  strategies B: C, D\n"
                               "  payoff C C: 9, 9\n  payoff C D: 1, 10\n  payoff D C: 10, 1\n  payoff D D: 3, 3\n}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "pd.lia"), LIA_OK);
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    /* a target outside the strategies; no commitment to fall back on */
    size_t bad[2] = { 0, 5 }, ok[2] = { 0, 0 };
    lia_repeat *r = NULL;
    assert_int_equal(lia_game_repeat(&r, g, bad, NULL), LIA_EUSAGE);
    assert_int_equal(lia_game_repeat(&r, g, NULL, NULL), LIA_EUSAGE);
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    o.punish = (lia_punishment)7;
    assert_int_equal(lia_game_repeat(&r, g, ok, &o), LIA_EUSAGE);
    o = (lia_repeat_options)LIA_REPEAT_OPTIONS_INIT;
    o.delta = NAN;
    assert_int_equal(lia_game_repeat(&r, g, ok, &o), LIA_EUSAGE);
    assert_null(r);
    assert_int_equal(lia_game_repeat(&r, g, ok, NULL), LIA_OK);
    assert_null(lia_repeat_player(r, 2));
    assert_non_null(lia_repeat_player(r, 1));
    lia_repeat_free(r);
    /* a normal-form game has no coalition values or commitment terms; a two-player one has
     * bargaining */
    assert_null(lia_game_commitment_terms(g, 0));
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, NULL, NULL), LIA_OK);
    assert_null(lia_share_vector(s, LIA_SHARE_SHAPLEY));
    assert_non_null(lia_share_vector(s, LIA_SHARE_NASH_BARGAINING));
    lia_share_free(s);
    /* a sweep of a game without a parameter of that name, and with a bad axis */
    lia_sweep_options so = LIA_SWEEP_OPTIONS_INIT;
    so.axis[0] = (lia_sweep_axis){ "nothing", 0, 1, 3 };
    lia_sweep *w = NULL;
    assert_int_equal(lia_model_sweep(&w, m, NULL, &so), LIA_EUSAGE);
    assert_non_null(w);   /* kept for the message */
    assert_non_null(strstr(lia_sweep_errmsg(w), "nothing"));
    lia_sweep_free(w);
    so.axis[0] = (lia_sweep_axis){ NULL, 0, 1, 3 };
    assert_int_equal(lia_model_sweep(&w, m, NULL, &so), LIA_EUSAGE);
    so.axis[0] = (lia_sweep_axis){ "x", 0, INFINITY, 3 };
    assert_int_equal(lia_model_sweep(&w, m, NULL, &so), LIA_EUSAGE);
    so.axis[0] = (lia_sweep_axis){ "x", 0, 1, 3 };
    so.version = 9;
    assert_int_equal(lia_model_sweep(&w, m, NULL, &so), LIA_EUSAGE);
    /* compare: a normal-form game is not an agreement */
    lia_compare *c = NULL;
    lia_model *ms[1] = { m };
    const char *gs[1] = { "pd" };
    assert_int_not_equal(lia_compare_agreements(&c, ms, gs, 1), LIA_OK);
    assert_null(c);
    lia_game_free(g);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_handles),
        cmocka_unit_test(test_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
