/* test_names.c — the public name tables the command line and the Python binding read
 * (methods, sharing rules, formats, designs, punishments, disagreement points) and the public
 * "did you mean". */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "liaison.h"

static void test_suggest_public(void **state)
{
    (void)state;
    const char *cmds[] = { "check", "compile", "nash", "solve", "share", "repeat", "sweep" };
    assert_string_equal(lia_suggest("solv", cmds, 7), "solve");          /* one insertion */
    assert_string_equal(lia_suggest("sweeep", cmds, 7), "sweep");        /* one deletion */
    assert_string_equal(lia_suggest("nsah", cmds, 7), "nash");           /* transposition: 2 */
    assert_null(lia_suggest("frobnicate", cmds, 7));                     /* nothing within 2 */
    assert_null(lia_suggest("x", cmds, 7));                              /* distance must be < length */
    /* case does not count: NASH is nash (distance 0 without case, 4 with it), SOLV is solve */
    assert_string_equal(lia_suggest("NASH", cmds, 7), "nash");
    assert_string_equal(lia_suggest("SOLV", cmds, 7), "solve");
    assert_string_equal(lia_suggest("Sweeep", cmds, 7), "sweep");
    assert_null(lia_suggest(NULL, cmds, 7));
    assert_null(lia_suggest("solve", NULL, 7));
}

static void test_nash_methods(void **state)
{
    (void)state;
    /* the eight methods, in enum order; the set records the same name */
    static const char *const want[] = { "pure", "lp", "lh", "all", "support", "simpdiv", "qre", "gnm" };
    for (int k = 0; k < 8; k++) {
        assert_string_equal(lia_nash_method_name((lia_nash_method)k), want[k]);
        lia_nash_method m = LIA_NASH_GNM;
        assert_int_equal(lia_nash_method_from_name(want[k], &m), LIA_OK);
        assert_int_equal(m, k);
    }
    assert_null(lia_nash_method_name((lia_nash_method)8));
    lia_nash_method m = LIA_NASH_LH;
    assert_int_equal(lia_nash_method_from_name("lemke", &m), LIA_EUSAGE);
    assert_int_equal(m, LIA_NASH_LH);                                    /* untouched */
    assert_int_equal(lia_nash_method_from_name(NULL, &m), LIA_EUSAGE);
}

static void test_formats(void **state)
{
    (void)state;
    static const char *const want[] = { "text", "json", "nfg", "lrs", "tu", "csv", "html" };
    for (int k = 0; k < 7; k++) {
        assert_string_equal(lia_format_name((lia_format)k), want[k]);
        lia_format f = LIA_FORMAT_TEXT;
        assert_int_equal(lia_format_from_name(want[k], &f), LIA_OK);
        assert_int_equal(f, k);
    }
    assert_null(lia_format_name((lia_format)7));
    lia_format f = LIA_FORMAT_CSV;
    assert_int_equal(lia_format_from_name("lp", &f), LIA_EUSAGE);      /* compile's lp is no format */
    assert_int_equal(f, LIA_FORMAT_CSV);
}

static void test_designs(void **state)
{
    (void)state;
    lia_design d = LIA_DESIGN_MC;
    assert_int_equal(lia_design_from_name("morris", &d), LIA_OK);
    assert_int_equal(d, LIA_DESIGN_MORRIS);
    assert_int_equal(lia_design_from_name("sobol", &d), LIA_OK);
    assert_int_equal(d, LIA_DESIGN_SOBOL);
    assert_int_equal(lia_design_from_name("lhs ", &d), LIA_EUSAGE);
    for (int k = 0; k < 4; k++) {
        assert_int_equal(lia_design_from_name(lia_design_name((lia_design)k), &d), LIA_OK);
        assert_int_equal(d, k);
    }
}

static void test_share_selections(void **state)
{
    (void)state;
    uint64_t r = 0;
    assert_int_equal(lia_share_rules_from_name("banzhaf", &r), LIA_OK);  /* both indices */
    assert_true(r == ((1u << LIA_SHARE_BANZHAF) | (1u << LIA_SHARE_BANZHAF_ABSOLUTE)));
    assert_int_equal(lia_share_rules_from_name("bargaining", &r), LIA_OK);
    assert_true(r == ((1u << LIA_SHARE_NASH_BARGAINING) | (1u << LIA_SHARE_KALAI_SMORODINSKY)));
    assert_int_equal(lia_share_rules_from_name("core", &r), LIA_OK);
    assert_true(r == 1u << LIA_SHARE_LEAST_CORE);
    assert_int_equal(lia_share_rules_from_name("montecarlo", &r), LIA_OK);
    assert_true(r == 1u << LIA_SHARE_SHAPLEY_MC);
    assert_int_equal(lia_share_rules_from_name("all", &r), LIA_OK);      /* 0: every rule that applies */
    assert_true(r == 0);
    r = 7;
    assert_int_equal(lia_share_rules_from_name("shapely", &r), LIA_EUSAGE);
    assert_true(r == 7);
    /* every listed name resolves, and together they reach every rule */
    uint64_t all = 0;
    size_t n = 0;
    for (const char *name; (name = lia_share_selection_name(n)); n++) {
        assert_int_equal(lia_share_rules_from_name(name, &r), LIA_OK);
        all |= r;
    }
    assert_int_equal(n, 17);
    assert_true(all == (1u << LIA_SHARE_RULE_COUNT) - 1);
}

/* The punishments (repeat) and disagreement points (share bargaining): the names the command
 * line's --punish and --disagreement and the Python binding take, in enum order. */
static void test_punishments_and_disagreements(void **state)
{
    (void)state;
    assert_string_equal(lia_punishment_name(LIA_PUNISH_NASH), "nash");
    assert_string_equal(lia_punishment_name(LIA_PUNISH_MINMAX), "minmax");
    assert_null(lia_punishment_name((lia_punishment)2));
    lia_punishment p = LIA_PUNISH_NASH;
    assert_int_equal(lia_punishment_from_name("minmax", &p), LIA_OK);
    assert_int_equal(p, LIA_PUNISH_MINMAX);
    assert_int_equal(lia_punishment_from_name("nash", &p), LIA_OK);
    assert_int_equal(p, LIA_PUNISH_NASH);
    assert_int_equal(lia_punishment_from_name("minimax", &p), LIA_EUSAGE);
    assert_int_equal(p, LIA_PUNISH_NASH);                               /* untouched */
    assert_int_equal(lia_punishment_from_name(NULL, &p), LIA_EUSAGE);
    assert_int_equal(lia_punishment_from_name("nash", NULL), LIA_EUSAGE);

    assert_string_equal(lia_disagreement_name(LIA_DISAGREE_NASH), "nash");
    assert_string_equal(lia_disagreement_name(LIA_DISAGREE_SECURITY), "security");
    assert_null(lia_disagreement_name((lia_disagreement)2));
    lia_disagreement d = LIA_DISAGREE_NASH;
    assert_int_equal(lia_disagreement_from_name("security", &d), LIA_OK);
    assert_int_equal(d, LIA_DISAGREE_SECURITY);
    assert_int_equal(lia_disagreement_from_name("maxmin", &d), LIA_EUSAGE);
    assert_int_equal(d, LIA_DISAGREE_SECURITY);                         /* untouched */
    assert_int_equal(lia_disagreement_from_name(NULL, &d), LIA_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggest_public),
        cmocka_unit_test(test_nash_methods),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_designs),
        cmocka_unit_test(test_share_selections),
        cmocka_unit_test(test_punishments_and_disagreements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
