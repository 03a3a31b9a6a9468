/* test_classify.c — 2x2 classes of the textbook games, written as [R S; T P] for the row player
 * (first strategy = cooperate) and its transpose for the column player. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"

static lia_class2x2 classify(const char *row, const char *col, const size_t *cooperate)
{
    char src[512];
    snprintf(src, sizeof src, "game g normal { players A, B; strategies A: c, d; strategies B: c, d\n"
                              "  matrix A [%s]; matrix B [%s] }\n", row, col);
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    lia_class2x2 c;
    assert_int_equal(lia_game_classify_2x2(g, cooperate, &c), LIA_OK);
    lia_game_free(g);
    lia_model_free(m);
    return c;
}

static void test_textbook_classes(void **state)
{
    (void)state;
    /* T > R > P > S */
    assert_int_equal(classify("3 0; 5 1", "3 5; 0 1", NULL), LIA_2X2_PRISONERS_DILEMMA);
    /* T > R > S > P */
    assert_int_equal(classify("2 1; 3 0", "2 3; 1 0", NULL), LIA_2X2_CHICKEN);
    /* R > T >= P > S */
    assert_int_equal(classify("4 0; 3 2", "4 3; 0 2", NULL), LIA_2X2_STAG_HUNT);
    /* T > P > R > S */
    assert_int_equal(classify("1 0; 3 2", "1 3; 0 2", NULL), LIA_2X2_DEADLOCK);
    /* R > T > S > P: cooperating dominates */
    assert_int_equal(classify("3 1; 2 0", "3 2; 1 0", NULL), LIA_2X2_HARMONY);
    /* T > S > R > P */
    assert_int_equal(classify("1 2; 3 0", "1 3; 2 0", NULL), LIA_2X2_LEADER);
    /* S > T > R > P */
    assert_int_equal(classify("1 3; 2 0", "1 2; 3 0", NULL), LIA_2X2_HERO);
    /* both want to match, but the row player prefers (c,c) and the column player (d,d) */
    assert_int_equal(classify("3 0; 0 2", "2 0; 0 3", NULL), LIA_2X2_BATTLE_OF_THE_SEXES);
    /* matching, same preferred equilibrium, and defecting is not safe (T < P) */
    assert_int_equal(classify("1 0; 0 1", "1 0; 0 1", NULL), LIA_2X2_PURE_COORDINATION);
    /* matching pennies: the row player wants to match, the column player to differ */
    assert_int_equal(classify("1 -1; -1 1", "-1 1; 1 -1", NULL), LIA_2X2_OTHER);
    /* the same prisoner's dilemma with 'd' called cooperation: R' = 1, S' = 5, T' = 0, P' = 3,
     * and the relabelled game is one where 'cooperating' (d) dominates: harmony */
    const size_t second[2] = { 1, 1 };
    assert_int_equal(classify("3 0; 5 1", "3 5; 0 1", second), LIA_2X2_HARMONY);
    /* T > S > P > R is not leader (which needs R > P): other (found in review) */
    assert_int_equal(classify("1 3; 4 2", "1 4; 3 2", NULL), LIA_2X2_OTHER);
    /* one player a prisoner's dilemma, the other a stag hunt */
    assert_int_equal(classify("3 0; 5 1", "4 3; 0 2", NULL), LIA_2X2_OTHER);
    assert_string_equal(lia_class2x2_name(LIA_2X2_PRISONERS_DILEMMA), "prisoner's dilemma");
    assert_string_equal(lia_class2x2_name(LIA_2X2_OTHER), "other");
}

static void test_agreement_uses_the_commitment(void **state)
{
    (void)state;
    /* a bilateral agreement with levels 0, 1: sharing (level 1, the commitment) costs each
     * side its exposure 1*1*0.5*e*rho and earns the other coverage. With leak 0.5 and
     * exposure 1: own sharing costs 0.25, partner's sharing gives 1*(1-0.5)*(1*1*0.5) = 0.25...
     *   R = 0.25 - 0.25 = 0, S = -0.25, T = 0.25, P = 0  ->  T > R = P > S: not strict, "other";
     * raising need to 2 doubles the coverage: R = 0.25, S = -0.25, T = 0.5, P = 0: a PD */
    const char *src =
        "topic t { }\n"
        "party A { leak 0.5; need t 2; collect t 0.5; exposure t 1 }\n"
        "party B { leak 0.5; need t 2; collect t 0.5; exposure t 1 }\n"
        "agreement AB bilateral { members A, B; share A -> B t 1; share B -> A t 1 }\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    lia_class2x2 c;
    assert_int_equal(lia_game_classify_2x2(g, NULL, &c), LIA_OK);
    assert_int_equal(c, LIA_2X2_PRISONERS_DILEMMA);
    lia_game_free(g);
    assert_int_equal(lia_model_set(m, "A.need.t", "1"), LIA_OK);
    assert_int_equal(lia_model_set(m, "B.need.t", "1"), LIA_OK);
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_classify_2x2(g, NULL, &c), LIA_OK);
    assert_int_equal(c, LIA_2X2_OTHER);
    size_t bad[2] = { 2, 0 };
    assert_int_equal(lia_game_classify_2x2(g, bad, &c), LIA_EUSAGE);
    lia_game_free(g);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textbook_classes),
        cmocka_unit_test(test_agreement_uses_the_commitment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
