/* test_params.c — `let NAME = VALUE in [LO, HI]` and the parameter list (lia_model_param_*):
 * every listed name is accepted by lia_model_set, ranges and their diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"

static const char model[] =
    "let pen = 0.1 in [0, 0.4]\n"
    "let rec = 2 * pen in [0, pen * 3]\n"
    "let plain = 7\n"
    "topic t { common 0.5 }\n"
    "party A { leak 0.1; need t 1; collect t 0.6; exposure t 2 }\n"
    "party B { disclosure 0.2; need t 2; collect t 0.5; exposure t 1 }\n"
    "agreement AB bilateral {\n"
    "  members A, B\n"
    "  share A -> B t 1\n"
    "  share B -> A t 0.5\n"
    "  transfer B -> A pen\n"
    "}\n";

static lia_model *open_text(const char *text)
{
    lia_model *m = NULL;
    lia_model_parse(&m, text, strlen(text), "p.lia");
    assert_non_null(m);
    return m;
}

static void test_lets_first_with_ranges(void **state)
{
    (void)state;
    lia_model *m = open_text(model);
    assert_int_equal(lia_model_error_count(m), 0);
    assert_true(lia_model_param_count(m) > 3);
    const lia_param *p = lia_model_param_at(m, 0);
    assert_string_equal(p->name, "pen");
    assert_int_equal(p->kind, LIA_PARAM_LET);
    assert_true(p->has_range);
    assert_true(p->value == 0.1 && p->lo == 0 && p->hi == 0.4);
    /* rec = 2 * 0.1 = 0.2, its range [0, 0.1 * 3] = [0, 0.3] */
    p = lia_model_param_at(m, 1);
    assert_string_equal(p->name, "rec");
    assert_true(fabs(p->value - 0.2) < 1e-15 && fabs(p->hi - 0.3) < 1e-15);
    p = lia_model_param_at(m, 2);
    assert_string_equal(p->name, "plain");
    assert_false(p->has_range);
    assert_true(isnan(p->lo) && isnan(p->hi));
    p = lia_model_param_find(m, "AB.transfer.B.A");
    assert_non_null(p);
    assert_int_equal(p->kind, LIA_PARAM_ATTRIBUTE);
    assert_true(p->value == 0.1);   /* the transfer is `pen` */
    assert_non_null(lia_model_param_find(m, "A.leak"));
    assert_non_null(lia_model_param_find(m, "AB.share.A.B.t"));
    assert_null(lia_model_param_find(m, "AB"));
    assert_null(lia_model_param_at(m, lia_model_param_count(m)));
    lia_model_free(m);
}

/* The list is exactly what lia_model_set accepts: setting each to its own value is fine. */
static void test_every_param_is_settable(void **state)
{
    (void)state;
    lia_model *m = open_text(model), *c = NULL;
    size_t n = lia_model_param_count(m);
    for (size_t i = 0; i < n; i++) {
        const lia_param *p = lia_model_param_at(m, i);
        assert_int_equal(lia_model_clone(&c, m), LIA_OK);
        lia_status st = lia_model_set_number(c, p->name, p->value);
        if (st != LIA_OK) fail_msg("%s: %s", p->name, lia_model_errmsg(c));
        lia_model_free(c);
    }
    lia_model_free(m);
}

/* An override changes the listed value; the list is rebuilt after each change. */
static void test_values_follow_overrides(void **state)
{
    (void)state;
    lia_model *m = open_text(model);
    assert_true(lia_model_param_find(m, "rec")->value == 0.2);
    assert_int_equal(lia_model_set(m, "pen", "0.3"), LIA_OK);
    assert_true(fabs(lia_model_param_find(m, "rec")->value - 0.6) < 1e-15);
    /* an override may leave the range (the file's value must not) */
    assert_int_equal(lia_model_set(m, "pen", "0.9"), LIA_OK);
    assert_true(lia_model_param_find(m, "pen")->value == 0.9);
    lia_model_free(m);
}

static void expect_error(const char *text, unsigned line, unsigned col, const char *msg)
{
    lia_model *m = open_text(text);
    int found = 0;
    for (size_t i = 0; i < lia_model_diag_count(m); i++) {
        const lia_diag *d = lia_model_diag_at(m, i);
        if (d->severity == LIA_ERROR && d->line == line && d->column == col && strstr(d->message, msg)) found = 1;
    }
    if (!found) fail_msg("no error '%s' at %u:%u", msg, line, col);
    lia_model_free(m);
}

static void test_range_errors(void **state)
{
    (void)state;
    expect_error("let pen = 0.5 in [0, 0.4]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 11,
                 "'pen' = 0.5 lies outside its range [0, 0.4]");
    expect_error("let x = 1 in [2, 1]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 14,
                 "the range of 'x' must have its low end below its high end, got [2, 1]");
    expect_error("let x = 1 in [1, 1]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 14,
                 "low end below its high end");
    expect_error("let y = 1 in [0 1]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 17,
                 "expected ',' between the range's bounds");
    expect_error("let z = 1 in 0, 1\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 14, "expected '['");
    expect_error("let z = 1 in [0, w]\ngame g bankruptcy { estate 1; claims X 1, Y 1 }\n", 1, 18, "unknown constant 'w'");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lets_first_with_ranges),
        cmocka_unit_test(test_every_param_is_settable),
        cmocka_unit_test(test_values_follow_overrides),
        cmocka_unit_test(test_range_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
