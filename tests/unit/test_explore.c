/* test_explore.c — lia_model_explore on an agreement whose slack is linear in its parameters:
 * every run's slack against the hand formula, the share of runs that hold against the
 * probability derived by hand, the same runs for 1 and 2 threads, for shards merged and for a
 * run cancelled then resumed (the progress callback is the test hook), misuse, and allocation
 * failure at every point. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "liaison.h"
#include "util/mem.h"

#include "explore_fixture.h"

static lia_explore_options opts(lia_design d, uint64_t n, size_t threads)
{
    lia_explore_options o = LIA_EXPLORE_OPTIONS_INIT;
    o.design = d;
    o.samples = n;
    o.seed = 11;
    o.ranges = &patience;
    o.nranges = 1;
    o.threads = threads;
    return o;
}

static size_t col(const lia_explore *e, const char *name)
{
    for (size_t c = 0; c < lia_explore_column_count(e); c++)
        if (strcmp(lia_explore_column_name(e, c), name) == 0) return c;
    fail_msg("no column %s", name);
    return 0;
}

static void test_linear_slack_and_probability(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore_options o = opts(LIA_DESIGN_LHS, 2000, 2);
    lia_explore *e = NULL;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_run_count(e), 2000);
    assert_true(lia_explore_complete(e));
    assert_int_equal(lia_explore_param_count(e), 2);
    assert_string_equal(lia_explore_param_name(e, 0), "s");   /* the let's own range first */
    assert_string_equal(lia_explore_param_name(e, 1), "A.patience");
    size_t cs = col(e, "s"), cd = col(e, "A.patience"), ca = col(e, "slack.A"), cb = col(e, "slack.B");
    size_t st = col(e, "status"), tr = col(e, "transfers");
    size_t holds = 0;
    for (uint64_t k = 0; k < 2000; k++) {
        double s = lia_explore_value(e, k, cs), d = lia_explore_value(e, k, cd);
        assert_true(s >= 0.26 && s <= 0.38 && d >= 0.5 && d <= 0.9);
        assert_true(fabs(lia_explore_value(e, k, ca) - (s - 0.38 + 0.08 * d)) < 1e-12);
        assert_true(fabs(lia_explore_value(e, k, cb) - (1.0395 - 0.9 * s)) < 1e-12);
        int status = (int)lia_explore_value(e, k, st);
        assert_int_equal(status, s - 0.38 + 0.08 * d >= 0 ? LIA_VERDICT_HOLDS : LIA_VERDICT_NEEDS_TRANSFERS);
        if (status == LIA_VERDICT_NEEDS_TRANSFERS) assert_true(fabs(lia_explore_value(e, k, tr) + lia_explore_value(e, k, ca)) < 1e-12);
        holds += status == LIA_VERDICT_HOLDS;
    }
    /* P(holds) = P(s >= 0.38 - 0.08 d) = E[0.08 d / 0.12] = 0.08 * 0.7 / 0.12 = 7/15 = 0.4667
     * (s uniform on [0.26, 0.38], the threshold in [0.308, 0.34] inside it). Two thousand
     * Latin-hypercube runs: the standard error of plain Monte Carlo would be
     * sqrt(0.4667 * 0.5333 / 2000) = 0.011; 0.03 is under three of them. */
    assert_true(fabs((double)holds / 2000 - 7.0 / 15) < 0.03);
    lia_explore_free(e);
    lia_model_free(m);
}

static int same_runs(const lia_explore *a, const lia_explore *b)
{
    if (lia_explore_run_count(a) != lia_explore_run_count(b) || lia_explore_column_count(a) != lia_explore_column_count(b))
        return 0;
    for (uint64_t k = 0; k < lia_explore_run_count(a); k++)
        for (size_t c = 0; c < lia_explore_column_count(a); c++) {
            double x = lia_explore_value(a, k, c), y = lia_explore_value(b, k, c);
            if (!(x == y || (isnan(x) && isnan(y)))) return 0;
        }
    return 1;
}

static void test_threads_and_designs(void **state)
{
    (void)state;
    lia_model *m = load();
    for (int d = LIA_DESIGN_MC; d <= LIA_DESIGN_MORRIS; d++) {
        lia_explore_options o1 = opts((lia_design)d, 40, 1), o2 = opts((lia_design)d, 40, 2);
        lia_explore *a = NULL, *b = NULL;
        assert_int_equal(lia_model_explore(&a, m, "AB", &o1), LIA_OK);
        assert_int_equal(lia_model_explore(&b, m, "AB", &o2), LIA_OK);
        /* runs: N (mc, lhs), N(2D+2) = 40 * 6 (sobol), N(D+1) = 40 * 3 (morris) */
        uint64_t want = d == LIA_DESIGN_SOBOL ? 240 : d == LIA_DESIGN_MORRIS ? 120 : 40;
        assert_int_equal(lia_explore_total_runs(a), want);
        assert_true(same_runs(a, b));
        char *x = NULL, *y = NULL;
        assert_int_equal(lia_explore_write(&x, NULL, a, LIA_FORMAT_CSV), LIA_OK);
        assert_int_equal(lia_explore_write(&y, NULL, b, LIA_FORMAT_CSV), LIA_OK);
        assert_string_equal(x, y);
        lia_free(x);
        lia_free(y);
        lia_explore_free(a);
        lia_explore_free(b);
    }
    lia_model_free(m);
}

typedef struct stopper { size_t after, calls; } stopper;
static int stop_after(void *ctx, size_t done, size_t total)
{
    stopper *s = ctx;
    (void)total;
    s->calls++;
    return done >= s->after;
}

static void tmp_path(char *buf, size_t cap, const char *tag)
{
    snprintf(buf, cap, "/tmp/liaison-test-explore-%ld-%s.sqlite", (long)getpid(), tag);
    unlink(buf);
}

/* Cancelled after 700 runs (a batch is 512), then resumed: the runs of one uninterrupted call. */
static void test_cancel_resume_and_shards(void **state)
{
    (void)state;
    lia_model *m = load();
    char path[128], p1[128], p2[128], merged[128];
    tmp_path(path, sizeof path, "r");
    lia_explore_options o = opts(LIA_DESIGN_SOBOL, 200, 2);   /* 1200 runs */
    lia_explore *ref = NULL, *e = NULL;
    assert_int_equal(lia_model_explore(&ref, m, NULL, &o), LIA_OK);
    stopper stop = { 700, 0 };
    o.threads = 1;   /* the calling thread reports every run: the stop lands in the second batch */
    o.store = path;
    o.progress = stop_after;
    o.progress_ctx = &stop;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_ECANCELED);
    lia_explore_free(e);
    /* without resume, the unfinished store is refused */
    o.progress = NULL;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "unfinished"));
    lia_explore_free(e);
    assert_int_equal(lia_explore_open(&e, path), LIA_OK);
    assert_int_equal(lia_explore_run_count(e), 512);   /* the finished batch only */
    assert_false(lia_explore_complete(e));
    lia_explore_free(e);
    o.resume = 1;
    o.threads = 2;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_true(lia_explore_complete(e));
    assert_true(same_runs(ref, e));
    lia_explore_free(e);
    /* a finished store is read back, not solved again */
    stop.calls = 0;
    o.progress = stop_after;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_true(same_runs(ref, e));
    lia_explore_free(e);
    /* two shards, merged */
    tmp_path(p1, sizeof p1, "p1");
    tmp_path(p2, sizeof p2, "p2");
    tmp_path(merged, sizeof merged, "m");
    o = opts(LIA_DESIGN_SOBOL, 200, 1);
    o.shards = 2;
    o.store = p1;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_first_run(e), 0);
    assert_int_equal(lia_explore_run_count(e), 600);
    lia_explore_free(e);
    o.shard = 1;
    o.store = p2;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_first_run(e), 600);
    lia_explore_free(e);
    const char *parts[] = { p2, p1 };
    assert_int_equal(lia_explore_merge(&e, merged, parts, 2), LIA_OK);
    assert_true(lia_explore_complete(e));
    assert_true(same_runs(ref, e));
    lia_explore_free(e);
    /* the same part again overlaps; a store of another seed is another exploration */
    assert_int_equal(lia_explore_merge(&e, merged, parts, 1), LIA_EUSAGE);
    lia_explore_free(e);
    o.seed = 12;
    o.shard = 0;
    o.store = path;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "another exploration"));
    lia_explore_free(e);
    unlink(path);
    unlink(p1);
    unlink(p2);
    unlink(merged);
    lia_explore_free(ref);
    lia_model_free(m);
}

static void test_misuse(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore *e = NULL;
    lia_explore_options o = opts(LIA_DESIGN_LHS, 0, 1);
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);   /* no samples */
    lia_explore_free(e);
    lia_explore_range bad[] = { { "A.patiense", 0, 1 }, { "A", 0, 1 }, { "s", 0.3, 0.3 }, { "s", NAN, 1 } };
    const char *why[] = { "did you mean 'A.patience'", "is not a number", "low end below", "low end below" };
    for (size_t k = 0; k < 4; k++) {
        o = opts(LIA_DESIGN_LHS, 4, 1);
        o.ranges = &bad[k];
        assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
        if (!strstr(lia_explore_errmsg(e), why[k])) fail_msg("%s", lia_explore_errmsg(e));
        lia_explore_free(e);
    }
    o = opts(LIA_DESIGN_LHS, 4, 1);
    o.version = LIA_EXPLORE_OPTIONS_VERSION + 1;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
    assert_null(e);
    assert_int_equal(lia_model_explore(NULL, m, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_explore_run_count(NULL), 0);
    assert_true(isnan(lia_explore_value(NULL, 0, 0)));
    assert_int_equal(lia_explore_open(&e, "/nonexistent/dir/x.sqlite"), LIA_EIO);
    lia_explore_free(e);
    lia_model_free(m);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore_options o = opts(LIA_DESIGN_LHS, 2, 1);   /* one thread: fault injection is per thread */
    for (unsigned long k = 1;; k++) {
        lia_explore *e = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_model_explore(&e, m, NULL, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) { lia_explore_free(e); break; }
        if (st != LIA_ENOMEM && st != LIA_EINPUT) fail_msg("k=%lu: %s: %s", k, lia_status_name(st), lia_explore_errmsg(e));
        lia_explore_free(e);
        assert_true(k < 200000);
    }
    lia_model_free(m);
}

/* A target instead of the commitment (lia_explore_options version 2): the profile A=1, B=0
 * (strategy indices: levels 0, 1). By hand from the stage game at (1,0): A pays its sharing
 * 1.38 and is paid s, C_A = s - 1.38; its best breach is to stop (D_A = 0); B gets
 * C_B = 0.48 - s and would rather share too, D_B = 1.155 - s; the only stage equilibrium is
 * (0,0), P = 0 for both. So slack.A = s - 1.38 - (1 - d) 0 - d 0 = s - 1.38 whatever A's
 * patience d, and slack.B = 0.48 - s - 0.1 (1.155 - s) = 0.3645 - 0.9 s (B's patience 0.9);
 * the sum is negative, so every run breaks down. A version-1 caller (no target field read)
 * gets the commitment's runs. */
static void test_target(void **state)
{
    (void)state;
    lia_model *m = load();
    const size_t target[2] = { 1, 0 };
    lia_explore_options o = opts(LIA_DESIGN_LHS, 200, 2);
    o.target = target;
    lia_explore *e = NULL;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_non_null(lia_explore_target(e));
    assert_int_equal(lia_explore_target(e)[0], 1);
    assert_int_equal(lia_explore_target(e)[1], 0);
    size_t cs = col(e, "s"), ca = col(e, "slack.A"), cb = col(e, "slack.B"), st = col(e, "status");
    for (uint64_t k = 0; k < 200; k++) {
        double s = lia_explore_value(e, k, cs);
        assert_true(fabs(lia_explore_value(e, k, ca) - (s - 1.38)) <= 1e-12);
        assert_true(fabs(lia_explore_value(e, k, cb) - (0.3645 - 0.9 * s)) <= 1e-12);
        assert_int_equal((int)lia_explore_value(e, k, st), LIA_VERDICT_BREAKS_DOWN);
    }
    lia_explore_free(e);
    /* version 1: the struct ends before target, so the field is never read */
    o.version = 1;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    assert_null(lia_explore_target(e));
    for (uint64_t k = 0; k < 200; k++) {
        double s = lia_explore_value(e, k, cs), d = lia_explore_value(e, k, col(e, "A.patience"));
        assert_true(fabs(lia_explore_value(e, k, ca) - (s - 0.38 + 0.08 * d)) < 1e-12);
    }
    lia_explore_free(e);
    /* a strategy the member does not have */
    const size_t bad[2] = { 1, 2 };
    o = opts(LIA_DESIGN_LHS, 4, 1);
    o.target = bad;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_EUSAGE);
    if (!strstr(lia_explore_errmsg(e), "B strategy 2, but it has 2")) fail_msg("%s", lia_explore_errmsg(e));
    lia_explore_free(e);
    lia_model_free(m);
}

/* The briefing: lia_explore_write(LIA_FORMAT_HTML) is lia_explore_write_html with the default
 * options; a page with the shares of the text output; none for a cancelled exploration. */
static int stop_at_once(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    (void)total;
    return done > 0;
}

static void test_html(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore_options o = opts(LIA_DESIGN_SOBOL, 16, 1);
    lia_explore *e = NULL;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_OK);
    char *a = NULL, *b = NULL;
    size_t la = 0, lb = 0;
    assert_int_equal(lia_explore_write(&a, &la, e, LIA_FORMAT_HTML), LIA_OK);
    assert_int_equal(lia_explore_write_html(&b, &lb, e, NULL), LIA_OK);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    assert_non_null(strstr(a, "<!DOCTYPE html>"));
    assert_null(strstr(a, "<script"));
    assert_non_null(strstr(a, "Sobol indices"));
    lia_free(a);
    lia_free(b);
    lia_explore_free(e);
    o.progress = stop_at_once;
    assert_int_equal(lia_model_explore(&e, m, NULL, &o), LIA_ECANCELED);
    assert_int_equal(lia_explore_write_html(&a, NULL, e, NULL), LIA_EUSAGE);
    assert_null(a);
    if (!strstr(lia_explore_errmsg(e), "needs every run")) fail_msg("%s", lia_explore_errmsg(e));
    lia_explore_free(e);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_linear_slack_and_probability),
        cmocka_unit_test(test_threads_and_designs),
        cmocka_unit_test(test_cancel_resume_and_shards),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
