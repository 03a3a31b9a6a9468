/* test_compare.c — lia_compare_* and lia_model_decompose through the API: a three-member
 * pool decomposed by hand, misuse, and allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
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
    /* P and its three pairs, A_B, A_C, B_C, and the bilateral sums */
    assert_non_null(strstr(json, "\"name\": \"A_B\""));
    assert_non_null(strstr(json, "\"name\": \"B_C\""));
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pair_equals_written_agreement),
        cmocka_unit_test(test_decomposition_and_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
