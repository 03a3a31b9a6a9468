/* test_sweep.c — lia_model_sweep through the API: the hand-derived breakdown of
 * tests/cases/repeat/ab-sweep.lia, determinism across threads, cancellation, misuse and
 * allocation failure. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "util/mem.h"

static lia_model *load_ab(void)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    return m;
}

static lia_sweep_options axis_s(size_t steps, size_t threads)
{
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0].name = "s";
    o.axis[0].from = 0.2;
    o.axis[0].to = 0.4;
    o.axis[0].steps = steps;
    o.threads = threads;
    return o;
}

static void test_breakdown_and_threads(void **state)
{
    (void)state;
    /* A's delta* = (0.38 - s)/0.08 meets its patience 0.9 at s = 0.308 (tests/cli/sweep.sh) */
    lia_model *m = load_ab();
    lia_sweep_options o = axis_s(21, 1);
    lia_sweep *one = NULL, *two = NULL;
    assert_int_equal(lia_model_sweep(&one, m, NULL, &o), LIA_OK);
    o.threads = 2;
    assert_int_equal(lia_model_sweep(&two, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_sweep_point_count(one), 21);
    size_t found = 0;
    for (size_t k = 0; k < lia_sweep_breakdown_count(one); k++) {
        const lia_sweep_breakdown *d;
        assert_non_null(d = lia_sweep_breakdown_at(one, k));
        if (d->party && strcmp(d->party, "A") == 0) { assert_true(fabs(d->value - 0.308) <= 1e-6); found++; }
    }
    assert_int_equal(found, 1);
    char *a = NULL, *b = NULL;
    assert_int_equal(lia_sweep_write(&a, NULL, one, LIA_FORMAT_JSON), LIA_OK);
    assert_int_equal(lia_sweep_write(&b, NULL, two, LIA_FORMAT_JSON), LIA_OK);
    assert_string_equal(a, b);
    lia_free(a);
    lia_free(b);
    /* the point at s = 0.31 (index 11): A keeps to it, delta* = 0.07/0.08 */
    const lia_sweep_point *p;
    assert_non_null(p = lia_sweep_point_at(one, 11));
    assert_true(fabs(p->values[0] - 0.31) < 1e-12);
    assert_true(fabs(p->delta_star[0] - 0.07 / 0.08) < 1e-9);
    assert_int_equal(p->sustainable[0], 1);
    assert_true(fabs(p->patience[0] - 0.9) < 1e-12);   /* the default patience, for the chart */
    assert_null(lia_sweep_point_at(one, 21));
    lia_sweep_free(one);
    lia_sweep_free(two);
    /* the model handed in is not changed: s is still 0.3 there */
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_true(fabs(lia_game_payoffs(g)[3] - 0.0) < 1e-12);   /* u_A(1, 1) = s - 0.3 = 0 */
    lia_game_free(g);
    lia_model_free(m);
}

static int stop_after_three(void *ctx, size_t done, size_t total)
{
    (void)total;
    *(size_t *)ctx = done;
    return done >= 3;
}

static void test_cancel_and_misuse(void **state)
{
    (void)state;
    lia_model *m = load_ab();
    lia_sweep_options o = axis_s(50, 1);
    size_t seen = 0;
    o.progress = stop_after_three;
    o.progress_ctx = &seen;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_ECANCELED);
    assert_int_equal(seen, 3);
    lia_sweep_free(s);
    o = axis_s(1, 1);
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_EUSAGE);
    o = axis_s(5, 1);
    o.axes = 3;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_EUSAGE);
    o = axis_s(5, 1);
    o.tolerance = 0;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_EUSAGE);
    o = axis_s(5, 1);
    assert_int_not_equal(lia_model_sweep(&s, m, "nope", &o), LIA_OK);
    lia_sweep_free(s);
    assert_int_equal(lia_model_sweep(NULL, m, NULL, &o), LIA_EUSAGE);
    assert_int_equal(lia_sweep_point_count(NULL), 0);
    lia_model_free(m);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    /* one thread: fault injection is per thread, and the calling thread does all the work;
     * two points and no bisection keep the sweep of k short */
    lia_model *m = load_ab();
    lia_sweep_options o = axis_s(2, 1);
    o.refine = 0;
    for (unsigned long k = 1;; k++) {
        lia_sweep *s = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_model_sweep(&s, m, NULL, &o);
        lia__mem_fail_after(0);
        lia_sweep_free(s);
        if (st == LIA_OK) break;
        assert_true(st == LIA_ENOMEM || st == LIA_EINPUT);
        assert_true(k < 200000);
    }
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breakdown_and_threads),
        cmocka_unit_test(test_cancel_and_misuse),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
