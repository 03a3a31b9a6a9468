/* test_indifferent.c — issue 17 item 4: games in which no player's own choice changes its
 * payoff have every profile as an equilibrium; lia_game_nash reads that off the structure
 * instead of enumerating a fully degenerate polytope, and must give what vertex enumeration
 * gives (checked here against lia__nash_enum itself). The stage set is found once per game
 * for the repeated game's punishment and the bargaining's disagreement point. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "nash/nash.h"
#include "nash/indifferent.h"
#include "repeat/repeat.h"
#include "util/mem.h"

/* A 3 x 4 game where each player's payoff depends only on the other's choice:
 * u1(i, j) = j, u2(i, j) = 2 i (layout: profile = i + 3 j). */
static lia_game *opponent_only(void)
{
    size_t ns[2] = { 3, 4 };
    double u[24];
    for (size_t j = 0; j < 4; j++)
        for (size_t i = 0; i < 3; i++) {
            u[i + 3 * j] = (double)j;
            u[12 + i + 3 * j] = 2.0 * (double)i;
        }
    lia_game *g = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
    return g;
}

static void test_detection(void **state)
{
    (void)state;
    lia_game *g = opponent_only();
    assert_true(lia__nash_all_indifferent(g));
    lia_game_free(g);
    /* matching pennies: not indifferent */
    size_t ns[2] = { 2, 2 };
    double mp[8] = { 1, -1, -1, 1, -1, 1, 1, -1 };
    assert_int_equal(lia_game_new(&g, 2, ns, mp), LIA_OK);
    assert_false(lia__nash_all_indifferent(g));
    lia_game_free(g);
    /* indifferent player 1 only (u1 = 0), player 2 not: not every profile */
    double half[8] = { 0, 0, 0, 0, 1, 0, 0, 1 };
    assert_int_equal(lia_game_new(&g, 2, ns, half), LIA_OK);
    assert_false(lia__nash_all_indifferent(g));
    lia_game_free(g);
    /* three players with constant payoffs 5 */
    size_t n3[3] = { 2, 3, 2 };
    double c3[36];
    for (size_t k = 0; k < 36; k++) c3[k] = 5;
    assert_int_equal(lia_game_new(&g, 3, n3, c3), LIA_OK);
    assert_true(lia__nash_all_indifferent(g));
    lia_game_free(g);
}

/* The structure's answer equals vertex enumeration's: the 12 pure profiles (as a set), with
 * u = (j, 2i) at profile (i, j), regret 0, and one component with one clique holding all 12. */
static void test_same_as_vertex_enumeration(void **state)
{
    (void)state;
    lia_game *g = opponent_only();
    lia_eqset *fast = NULL, *slow = lia__eqset_new(g, "all");
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    assert_int_equal(lia_game_nash(&fast, g, &o), LIA_OK);
    assert_non_null(slow);
    assert_int_equal(lia__nash_enum(slow, g, 0, LIA_DEFAULT_MEMORY_CAP, 1), LIA_OK);
    assert_int_equal(lia_eqset_count(fast), 12);
    assert_int_equal(lia_eqset_count(slow), 12);
    for (size_t k = 0; k < 12; k++) {
        const double *x = lia_eqset_profile(fast, k), *u = lia_eqset_payoffs(fast, k);
        size_t i = 0, j = 0;
        for (size_t s = 0; s < 3; s++) if (x[s] == 1) i = s;
        for (size_t s = 0; s < 4; s++) if (x[3 + s] == 1) j = s;
        assert_true(u[0] == (double)j && u[1] == 2.0 * (double)i);
        assert_true(lia_eqset_regret(fast, k) == 0);
        int found = 0;   /* the same profile is among vertex enumeration's */
        for (size_t q = 0; q < 12 && !found; q++) found = memcmp(lia_eqset_profile(slow, q), x, 7 * sizeof(double)) == 0;
        assert_true(found);
    }
    assert_int_equal(lia_eqset_component_count(fast), 1);
    assert_int_equal(lia_eqset_clique_count(fast), 1);
    assert_int_equal(lia_eqset_component_count(slow), 1);
    assert_int_equal(lia_eqset_clique_count(slow), 1);
    const size_t *eq;
    size_t n, comp;
    assert_int_equal(lia_eqset_clique(fast, 0, &eq, &n, &comp), LIA_OK);
    assert_int_equal(n, 12);
    lia_eqset_free(fast);
    lia_eqset_free(slow);
    lia_game_free(g);
}

/* Exact forms: 1 and 0 for the pure strategies, the payoffs as rationals (1/3 here). */
static void test_exact(void **state)
{
    (void)state;
    lia_game *g = parse("game g normal {\n players R, C\n strategies R: a, b\n strategies C: x\n"
                        " payoff a x: 1/3, 2\n payoff b x: 1/3, 2\n}\n");
    lia_eqset *e = NULL;
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    o.exact = 1;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 2);
    assert_string_equal(lia_eqset_exact(e, 0, 0), "1");
    assert_string_equal(lia_eqset_exact(e, 0, 1), "0");
    assert_string_equal(lia_eqset_exact(e, 0, 3), "1/3");
    assert_string_equal(lia_eqset_exact(e, 1, 1), "1");
    lia_eqset_free(e);
    lia_game_free(g);
}

/* The reversion point: offered from a set of the defining kind it is kept (and equals what a
 * fresh computation gives); a set of another kind is not taken. Matching pennies' one
 * equilibrium pays (0, 0). */
static void test_reversion_once(void **state)
{
    (void)state;
    size_t ns[2] = { 2, 2 };
    double mp[8] = { 1, -1, -1, 1, -1, 1, 1, -1 };
    lia_game *g = NULL, *h = NULL;
    assert_int_equal(lia_game_new(&g, 2, ns, mp), LIA_OK);
    assert_int_equal(lia_game_new(&h, 2, ns, mp), LIA_OK);
    lia_eqset *pure = NULL, *all = NULL;
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    assert_int_equal(lia_game_nash(&pure, g, &o), LIA_OK);   /* no pure equilibrium */
    lia__nash_reversion_offer(g, pure, LIA_NASH_PURE);
    assert_null(atomic_load(&g->nash_worst));                /* not the defining set */
    o.method = LIA_NASH_ALL;
    assert_int_equal(lia_game_nash(&all, g, &o), LIA_OK);
    lia__nash_reversion_offer(g, all, LIA_NASH_ALL);
    assert_non_null(atomic_load(&g->nash_worst));
    double p[2], q[2];
    assert_int_equal(lia__punishments(g, LIA_PUNISH_NASH, p), LIA_OK);
    assert_int_equal(lia__punishments(h, LIA_PUNISH_NASH, q), LIA_OK);   /* computed afresh */
    assert_true(fabs(p[0]) < 1e-12 && fabs(p[1]) < 1e-12 && p[0] == q[0] && p[1] == q[1]);
    lia_eqset_free(pure);
    lia_eqset_free(all);
    lia_game_free(g);
    lia_game_free(h);
}

/* Every allocation of the fast path failed in turn: LIA_ENOMEM, nothing half-built (the
 * suspects' allocation test found a write before the first equilibrium here). */
static void test_allocation_failures(void **state)
{
    (void)state;
    lia_game *g = opponent_only();
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    lia_eqset *e = NULL;
    lia__mem_count_reset();
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    unsigned long total = lia__mem_count();
    lia_eqset_free(e);
    for (unsigned long k = 1; k <= total; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia_game_nash(&e, g, &o);
        lia__mem_fail_after(0);
        assert_true(st == LIA_OK || st == LIA_ENOMEM);
        if (st == LIA_ENOMEM) assert_null(e);
        lia_eqset_free(e);
        e = NULL;
    }
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_same_as_vertex_enumeration),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_reversion_once),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
