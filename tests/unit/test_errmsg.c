/* test_errmsg.c — every failing call leaves a message in the library's words (issue 15): calls
 * without a handle in lia_errmsg(), calls on read-only handles in lia_<noun>_errmsg() as well;
 * the message names the game and the input that failed, and a later success clears it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"

static void has(const char *msg, const char *want)
{
    if (!msg || !strstr(msg, want)) fail_msg("message \"%s\" lacks \"%s\"", msg ? msg : "(null)", want);
}

static void lacks(const char *msg, const char *unwanted)
{
    if (strstr(msg, unwanted)) fail_msg("message \"%s\" has \"%s\"", msg, unwanted);
}

/* The prisoner's dilemma, R = 3, S = 0, T = 5, P = 1 (first player fastest), named "pd". */
static lia_game *pd(void)
{
    size_t ns[2] = { 2, 2 };
    double u[8] = { 3, 5, 0, 1, 3, 0, 5, 1 };
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
    assert_int_equal(lia_game_set_labels(g, "pd", NULL, NULL), LIA_OK);
    return g;
}

/* A 2 x 2 x 2 game whose payoffs are all 1, named "three". */
static lia_game *three(void)
{
    size_t ns[3] = { 2, 2, 2 };
    double u[24];
    for (size_t i = 0; i < 24; i++) u[i] = 1;
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
    assert_int_equal(lia_game_set_labels(g, "three", NULL, NULL), LIA_OK);
    return g;
}

/* The CLI used to say "a label below 0" here: the game, not the label, is what is wrong. */
static void test_nash(void **state)
{
    (void)state;
    lia_game *g3 = three(), *g = pd();
    lia_eqset *e = NULL;
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_LH;
    assert_int_equal(lia_game_nash(&e, g3, &o), LIA_EUSAGE);
    assert_null(e);
    has(lia_errmsg(), "Lemke-Howson (the lh method) solves two-player games; 'three' has 3 players");
    lacks(lia_errmsg(), "label");
    /* labels of a 2 x 2 game: 0 .. 3 */
    o.label = 4;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    has(lia_errmsg(), "label 4 is out of range for 'pd' (2 x 2): labels run from 0 to 3");
    o.method = LIA_NASH_LP;   /* PD: R + R = 6 but T + S = 5, not constant-sum */
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    has(lia_errmsg(), "constant-sum games; 'pd' (2 x 2) is not one");
    o.method = LIA_NASH_ALL;
    assert_int_equal(lia_game_nash(&e, g3, &o), LIA_EUSAGE);
    has(lia_errmsg(), "'three' has 3 players");
    /* every profile of the constant game is a pure equilibrium: 8 of them do not fit 64 bytes */
    o.method = LIA_NASH_PURE;
    o.memory_cap = 64;
    assert_int_equal(lia_game_nash(&e, g3, &o), LIA_ELIMIT);
    has(lia_errmsg(), "'three' (3 players) has too many pure equilibria to list within the memory cap of 64 bytes");
    /* a success clears the message: it describes the last call, not an earlier one */
    o = (lia_nash_options)LIA_NASH_OPTIONS_INIT;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_string_equal(lia_errmsg(), "");
    lia_eqset_free(e);
    lia_game_free(g);
    lia_game_free(g3);
}

/* The cap in the message is the caller's, not the default's (the CLI said "1 GiB" under 8G). */
static void test_correlated(void **state)
{
    (void)state;
    lia_game *g = pd();
    lia_correlated *c = NULL;
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    o.memory_cap = 16;
    assert_int_equal(lia_game_correlated(&c, g, &o), LIA_ELIMIT);
    has(lia_errmsg(), "correlated-equilibrium LP of 'pd' would exceed the memory cap of 16 bytes");
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(lia_game_correlated_lp(&text, &len, g, &o), LIA_ELIMIT);
    has(lia_errmsg(), "memory cap of 16 bytes");
    o.memory_cap = (size_t)8 << 30;
    assert_int_equal(lia_game_correlated(&c, g, &o), LIA_OK);
    assert_string_equal(lia_errmsg(), "");
    /* a read-only handle: the failed call's message is the handle's too, and only that handle's */
    assert_int_equal(lia_correlated_write(&text, &len, c, LIA_FORMAT_NFG), LIA_EUSAGE);
    has(lia_correlated_errmsg(c), "the correlated equilibria cannot be written as NFG");
    assert_string_equal(lia_correlated_errmsg(c), lia_errmsg());
    lia_correlated_free(c);
    lia_game_free(g);
}

static void test_repeat(void **state)
{
    (void)state;
    lia_game *g = pd();
    lia_repeat *r = NULL;
    lia_repeat_options o = LIA_REPEAT_OPTIONS_INIT;
    assert_int_equal(lia_game_repeat(&r, g, NULL, &o), LIA_EUSAGE);
    has(lia_errmsg(), "'pd' has no committed profile");
    size_t bad[2] = { 0, 2 }, cc[2] = { 0, 0 };
    assert_int_equal(lia_game_repeat(&r, g, bad, &o), LIA_EUSAGE);
    has(lia_errmsg(), "not a profile of 'pd'");
    o.delta = 1.5;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_EUSAGE);
    has(lia_errmsg(), "discount factor (lia_repeat_options.delta) is 1.5");
    o.delta = 0.5;
    assert_int_equal(lia_game_repeat(&r, g, cc, &o), LIA_OK);
    assert_string_equal(lia_repeat_errmsg(r), "");
    assert_int_equal(lia_repeat_write(NULL, NULL, r, LIA_FORMAT_TEXT), LIA_EUSAGE);
    has(lia_repeat_errmsg(r), "the repeated-game analysis cannot be written as text");
    lia_repeat_free(r);
    lia_game_free(g);
}

/* Writers and accessors of the read-only handles, and the game's message for lia_game_write. */
static void test_handles(void **state)
{
    (void)state;
    lia_game *g = pd(), *g3 = three();
    lia_eqset *e = NULL, *e2 = NULL;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    assert_int_equal(lia_game_nash(&e2, g, NULL), LIA_OK);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(lia_eqset_write(&text, &len, e, LIA_FORMAT_NFG), LIA_EUSAGE);
    has(lia_eqset_errmsg(e), "the equilibrium set cannot be written as NFG");
    assert_string_equal(lia_eqset_errmsg(e2), "");   /* another handle's failure is not its own */
    lia_eqset_free(e);
    assert_string_equal(lia_eqset_errmsg(e2), "");
    lia_eqset_free(e2);

    assert_int_equal(lia_game_write(&text, &len, g3, LIA_FORMAT_LRS), LIA_EUSAGE);
    has(lia_game_errmsg(g3), "the lrs format holds two-player games only; 'three' has 3 players");
    assert_int_equal(lia_game_write(&text, &len, g3, LIA_FORMAT_TU), LIA_EUSAGE);
    has(lia_errmsg(), "not TU");

    double value, strategy[2];
    assert_int_equal(lia_game_maxmin(g, 2, &value, strategy), LIA_EUSAGE);
    has(lia_errmsg(), "player 2 is out of range: 'pd' has players 0 to 1");

    /* v(1) = v(2) = 0, v(12) = 1 */
    double v[4] = { 0, 0, 0, 1 };
    lia_tugame *t = NULL;
    assert_int_equal(lia_tugame_new(&t, 2, v, 0), LIA_OK);
    assert_int_equal(lia_tugame_write(&text, &len, t, LIA_FORMAT_NFG), LIA_EUSAGE);
    has(lia_tugame_errmsg(t), "a coalitional game is written as TU, text or JSON, not NFG");
    lia_tugame_free(t);
    lia_game_free(g3);
    lia_game_free(g);
}

/* Solving names what failed: the coalitional game has no stage game (share it instead). */
static void test_solve(void **state)
{
    (void)state;
    static const char src[] = "game glove coalitional {\n  players A, B\n  value A = 0\n  value B = 0\n  value A B = 1\n}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_report *r = NULL;
    assert_int_equal(lia_model_solve(&r, m, "glove", NULL), LIA_EUSAGE);
    assert_null(r);
    has(lia_model_errmsg(m), "'glove' is a coalitional game, which has no stage game to solve");
    has(lia_errmsg(), "'glove' is a coalitional game");
    lia_model_free(m);
}

/* Sharing a three-player normal-form game, and comparing a game without a commitment: the
 * library says why (the CLI used to rebuild the first from the game's kind). */
static void test_share_and_compare(void **state)
{
    (void)state;
    static const char src[] = "game trio normal {\n  players A, B, C\n  strategies A: x, y\n  strategies B: x, y\n"
                              "  strategies C: x, y\n  payoff x x x: 1, 1, 1\n  payoff y x x: 1, 1, 1\n"
                              "  payoff x y x: 1, 1, 1\n  payoff y y x: 1, 1, 1\n  payoff x x y: 1, 1, 1\n"
                              "  payoff y x y: 1, 1, 1\n  payoff x y y: 1, 1, 1\n  payoff y y y: 1, 1, 1\n}\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_share *s = NULL;
    assert_int_equal(lia_model_share(&s, m, NULL, NULL), LIA_EUSAGE);
    has(lia_model_errmsg(m), "'trio' is a normal-form game of 3 players: it has no coalition values");
    has(lia_errmsg(), "two-party bargaining needs two players");
    lia_share_free(s);
    lia_compare *c = NULL;
    lia_model *const ms[1] = { m };
    assert_int_equal(lia_compare_agreements(&c, ms, NULL, 1), LIA_EUSAGE);
    assert_null(c);
    has(lia_errmsg(), "'trio' has no committed profile: only agreements (with a commitment) can be compared");
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nash),    cmocka_unit_test(test_correlated), cmocka_unit_test(test_repeat),
        cmocka_unit_test(test_handles), cmocka_unit_test(test_solve),
        cmocka_unit_test(test_share_and_compare),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
