/* test_game_exact.c — games built from exact rationals (lia_game_new_exact) and named
 * (lia_game_set_labels): the payoffs stay exact through the .nfg writer and the exact
 * equilibrium enumeration, and bad labels are refused with the game unchanged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "liaison.h"
#include "util/mem.h"

/* Battle of the sexes with the row player's payoffs divided by 3:
 *   row:    (Opera,Opera) 2/3, (Fight,Fight) 1/3, else 0
 *   column: (Opera,Opera) 1,   (Fight,Fight) 2,   else 0
 * Its mixed equilibrium makes each player indifferent: the column player's chance q of Opera
 * gives the row player 2/3 q = 1/3 (1 - q), so q = 1/3; the row player's chance p of Opera
 * gives the column player 1 p = 2 (1 - p), so p = 2/3. Payoffs there: row 2/3 * 1/3 = 2/9,
 * column p = 2/3. Layout: first player fastest, (O,O) (F,O) (O,F) (F,F). The column player's
 * payoffs are given unreduced (2/2, 0/5, 4/2) to check the reduction. */
static const int64_t NUM[8] = { 2, 0, 0, 1, 2, 0, 0, 4 };
static const int64_t DEN[8] = { 3, 1, 1, 3, 2, 5, 7, 2 };
static const size_t NS[2] = { 2, 2 };

static void test_exact_payoffs(void **state)
{
    (void)state;
    lia_game *g = NULL;
    assert_int_equal(lia_game_new_exact(&g, 2, NS, NUM, DEN), LIA_OK);
    int64_t p, q;
    assert_true(lia_game_payoff_exact(g, 0, 0, &p, &q));
    assert_true(p == 2 && q == 3);
    assert_true(lia_game_payoff_exact(g, 1, 3, &p, &q));
    assert_true(p == 2 && q == 1);   /* 4/2 reduced */
    assert_true(lia_game_payoff_exact(g, 1, 1, &p, &q));
    assert_true(p == 0 && q == 1);   /* 0/5 */
    assert_true(lia_game_payoffs(g)[0] == 2.0 / 3.0);
    assert_string_equal(lia_game_player_name(g, 1), "2");   /* default labels */
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    o.exact = 1;
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_int_equal(lia_eqset_count(e), 3);
    int mixed = 0;
    for (size_t k = 0; k < 3; k++)
        if (strcmp(lia_eqset_exact(e, k, 0), "2/3") == 0) {
            mixed = 1;
            assert_string_equal(lia_eqset_exact(e, k, 1), "1/3");
            assert_string_equal(lia_eqset_exact(e, k, 2), "1/3");
            assert_string_equal(lia_eqset_exact(e, k, 3), "2/3");
            assert_string_equal(lia_eqset_exact(e, k, 4), "2/9");   /* row payoff */
            assert_string_equal(lia_eqset_exact(e, k, 5), "2/3");   /* column payoff */
        }
    assert_true(mixed);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_labels_and_nfg(void **state)
{
    (void)state;
    lia_game *g = NULL;
    assert_int_equal(lia_game_new_exact(&g, 2, NS, NUM, DEN), LIA_OK);
    const char *players[] = { "Her", "Him" };
    const char *strategies[] = { "Opera", "Fight", "Opera", "Fight" };
    assert_int_equal(lia_game_set_labels(g, "BoS \"thirds\"", players, strategies), LIA_OK);
    assert_string_equal(lia_game_errmsg(g), "");
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(lia_game_write(&text, &len, g, LIA_FORMAT_NFG), LIA_OK);
    assert_non_null(strstr(text, "NFG 1 R \"BoS \\\"thirds\\\"\" { \"Her\" \"Him\" }"));
    assert_non_null(strstr(text, "{ \"Opera\" \"Fight\" }"));
    /* payoffs profile by profile, both players: (O,O) 2/3 1, (F,O) 0 0, (O,F) 0 0, (F,F) 1/3 2 */
    assert_non_null(strstr(text, "2/3 1\n0 0\n0 0\n1/3 2\n"));
    lia_free(text);
    /* refusals leave every label as it was */
    const char *dup[] = { "Her", "Her" };
    assert_int_equal(lia_game_set_labels(g, "other", dup, NULL), LIA_EUSAGE);
    assert_string_equal(lia_game_errmsg(g), "player 2 has the name of an earlier player");
    assert_string_equal(lia_game_name(g), "BoS \"thirds\"");
    const char *same[] = { "Opera", "Opera", "a", "b" };
    assert_int_equal(lia_game_set_labels(g, NULL, NULL, same), LIA_EUSAGE);
    assert_string_equal(lia_game_errmsg(g), "strategy 2 of player 1 has the name of an earlier strategy of that player");
    const char *bad[][2] = { { "", "x" }, { "x", "\xff" }, { "a\nb", "x" }, { "x", "\xc0\x80" }, { "x", "\xed\xa0\x80" } };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        assert_int_equal(lia_game_set_labels(g, NULL, bad[k], NULL), LIA_EUSAGE);
        assert_non_null(strstr(lia_game_errmsg(g), "must be non-empty UTF-8 text without control characters"));
    }
    assert_int_equal(lia_game_set_labels(g, "", NULL, NULL), LIA_EUSAGE);
    assert_string_equal(lia_game_player_name(g, 1), "Him");
    assert_string_equal(lia_game_strategy_name(g, 1, 1), "Fight");
    const char *utf8[] = { "Ré", "日本" };
    assert_int_equal(lia_game_set_labels(g, NULL, utf8, NULL), LIA_OK);
    assert_string_equal(lia_game_player_name(g, 0), "Ré");
    assert_int_equal(lia_game_set_labels(NULL, "x", NULL, NULL), LIA_EUSAGE);
    lia_game_free(g);
}

static void test_refusals(void **state)
{
    (void)state;
    lia_game *g = (lia_game *)1;
    int64_t num[8], den[8];
    memcpy(num, NUM, sizeof num);
    memcpy(den, DEN, sizeof den);
    den[5] = 0;   /* division by zero */
    assert_int_equal(lia_game_new_exact(&g, 2, NS, num, den), LIA_EUSAGE);
    assert_null(g);
    den[5] = 1;
    num[2] = (int64_t)1 << 62;   /* over the 64-bit rationals' range: would not stay exact */
    assert_int_equal(lia_game_new_exact(&g, 2, NS, num, den), LIA_EUSAGE);
    num[2] = INT64_MIN;
    assert_int_equal(lia_game_new_exact(&g, 2, NS, num, den), LIA_EUSAGE);
    num[2] = ((int64_t)1 << 62) - 1;   /* just inside */
    assert_int_equal(lia_game_new_exact(&g, 2, NS, num, den), LIA_OK);
    lia_game_free(g);
    size_t zero[2] = { 2, 0 };
    assert_int_equal(lia_game_new_exact(&g, 2, zero, num, den), LIA_EUSAGE);
    assert_int_equal(lia_game_new_exact(&g, 2, NS, NULL, den), LIA_EUSAGE);
    assert_int_equal(lia_game_new_exact(NULL, 2, NS, num, den), LIA_EUSAGE);
    assert_int_equal(lia_game_new_exact(&g, 0, NS, num, den), LIA_EUSAGE);
}

/* Every allocation of the constructor and of the renaming fails in turn: each failure is
 * LIA_ENOMEM with nothing leaked (the sanitizer build checks), and a failed renaming leaves
 * the old labels. */
static void test_allocation_failures(void **state)
{
    (void)state;
    const char *players[] = { "Her", "Him" };
    const char *strategies[] = { "Opera", "Fight", "Opera", "Fight" };
    unsigned long k;
    for (k = 1; k < 1000; k++) {
        lia_game *g = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_new_exact(&g, 2, NS, NUM, DEN);
        if (st == LIA_OK) st = lia_game_set_labels(g, "BoS", players, strategies);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            assert_string_equal(lia_game_strategy_name(g, 1, 1), "Fight");
            lia_game_free(g);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        if (g) {   /* the renaming failed: the labels are the old ones */
            assert_string_equal(lia_game_name(g), "game");
            assert_string_equal(lia_game_player_name(g, 0), "1");
            lia_game_free(g);
        }
    }
    assert_true(k > 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_payoffs),
        cmocka_unit_test(test_labels_and_nfg),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
