/* test_explore_steps.c — an exploration step by step (lia_explore_plan, _pending_runs, _solve,
 * _append, _finish), as liaison-mpi drives it: runs solved out of order and in pieces, then
 * appended in order, give the table of lia_model_explore byte for byte; a store is continued
 * from its last run; a shard's pending runs are its slice; misuse is refused with a message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liaison.h"

/* The agreement of tests/cases/explore/linear.lia: with s the transfer B pays A and d A's
 * patience, slack.A = s - 0.38 + 0.08 d (derived in explore_fixture.h). */
#include "explore_fixture.h"

static lia_explore_options opts(void)
{
    lia_explore_options o = LIA_EXPLORE_OPTIONS_INIT;
    o.design = LIA_DESIGN_SOBOL;
    o.samples = 50;              /* 50 (2 * 2 + 2) = 300 runs */
    o.seed = 5;
    o.ranges = &patience;
    o.nranges = 1;
    o.threads = 2;
    return o;
}

static char *csv(const lia_explore *e)
{
    char *t = NULL;
    assert_int_equal(lia_explore_write(&t, NULL, e, LIA_FORMAT_CSV), LIA_OK);
    return t;
}

static void tmp_path(char *buf, size_t cap, const char *tag)
{
    snprintf(buf, cap, "/tmp/liaison-test-steps-%ld-%s.sqlite", (long)getpid(), tag);
    unlink(buf);
}

/* Chunks of 37 solved last first (as ranks return them out of order), appended in 7 pieces. */
static void test_out_of_order_equals_explore(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore_options o = opts();
    lia_explore *ref = NULL, *e = NULL;
    assert_int_equal(lia_model_explore(&ref, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    uint64_t first = 99, count = 0;
    assert_int_equal(lia_explore_pending_runs(e, &first, &count), LIA_OK);
    assert_int_equal(first, 0);
    assert_int_equal(count, 300);
    assert_int_equal(lia_explore_run_count(e), 0);
    size_t nc = lia_explore_column_count(e);
    assert_int_equal(nc, lia_explore_column_count(ref));
    double *v = calloc(300 * nc, sizeof *v);
    assert_non_null(v);
    for (uint64_t c = 0; c < 300; c += 37) {
        uint64_t at = (300 - 1) / 37 * 37 - c;   /* 296, 259, ..., 0 */
        uint64_t n = 300 - at < 37 ? 300 - at : 37;
        assert_int_equal(lia_explore_solve(e, at, n, v + at * nc), LIA_OK);
    }
    /* one run by hand: slack.A = s - 0.38 + 0.08 d, columns s, A.patience, status, slack.A */
    assert_true(fabs(v[10 * nc + 3] - (v[10 * nc] - 0.38 + 0.08 * v[10 * nc + 1])) < 1e-12);
    for (uint64_t k = 0; k < 300; k += 50) {
        assert_int_equal(lia_explore_append(e, v + k * nc, 50), LIA_OK);
        assert_int_equal(lia_explore_pending_runs(e, &first, &count), LIA_OK);
        assert_int_equal(first, k + 50);
    }
    assert_int_equal(count, 0);
    assert_false(lia_explore_complete(e));
    assert_int_equal(lia_explore_finish(e), LIA_OK);
    assert_true(lia_explore_complete(e));
    char *a = csv(ref), *b = csv(e);
    assert_string_equal(a, b);
    lia_free(a);
    lia_free(b);
    /* finished: no more steps */
    assert_int_equal(lia_explore_solve(e, 0, 1, v), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "lia_explore_plan"));
    assert_int_equal(lia_explore_finish(e), LIA_EUSAGE);
    free(v);
    lia_explore_free(e);
    lia_explore_free(ref);
    lia_model_free(m);
}

/* A store that holds the first 120 runs (a driver stopped there) is continued from run 120;
 * the store read back equals the uninterrupted exploration. A shard's pending runs are its
 * slice: 300 runs in 3 slices of 100. */
static void test_store_resume_and_shard(void **state)
{
    (void)state;
    lia_model *m = load();
    char path[128], part[128];
    tmp_path(path, sizeof path, "r");
    tmp_path(part, sizeof part, "p");
    lia_explore_options o = opts();
    lia_explore *ref = NULL, *e = NULL;
    assert_int_equal(lia_model_explore(&ref, m, NULL, &o), LIA_OK);
    size_t nc = lia_explore_column_count(ref);
    double *v = calloc(300 * nc, sizeof *v);
    assert_non_null(v);
    o.store = path;
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_solve(e, 0, 120, v), LIA_OK);
    assert_int_equal(lia_explore_append(e, v, 120), LIA_OK);
    assert_int_equal(lia_explore_run_count(e), 0);   /* with a store the rows are not held */
    lia_explore_free(e);                              /* stopped without finishing */
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "unfinished"));
    lia_explore_free(e);
    o.resume = 1;
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    uint64_t first = 0, count = 0;
    lia_explore_pending_runs(e, &first, &count);
    assert_int_equal(first, 120);
    assert_int_equal(count, 180);
    assert_int_equal(lia_explore_solve(e, first, count, v), LIA_OK);
    assert_int_equal(lia_explore_append(e, v, count), LIA_OK);
    assert_int_equal(lia_explore_finish(e), LIA_OK);
    assert_true(lia_explore_complete(e));
    char *a = csv(ref), *b = csv(e);
    assert_string_equal(a, b);
    lia_free(a);
    lia_free(b);
    lia_explore_free(e);
    /* finished: nothing pending, and finish just reads it back */
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    lia_explore_pending_runs(e, &first, &count);
    assert_int_equal(count, 0);
    assert_int_equal(lia_explore_finish(e), LIA_OK);
    assert_int_equal(lia_explore_run_count(e), 300);
    lia_explore_free(e);
    o = opts();
    o.store = part;
    o.shard = 1;
    o.shards = 3;
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    lia_explore_pending_runs(e, &first, &count);
    assert_int_equal(first, 100);
    assert_int_equal(count, 100);
    lia_explore_free(e);
    free(v);
    unlink(path);
    unlink(part);
    lia_explore_free(ref);
    lia_model_free(m);
}

static int cancel_at_5(void *ctx, size_t done, size_t total)
{
    (void)ctx;
    (void)total;
    return done >= 5;
}

static void test_misuse(void **state)
{
    (void)state;
    lia_model *m = load();
    lia_explore_options o = opts();
    lia_explore *e = NULL;
    double v[64 * 16];
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    assert_true(lia_explore_column_count(e) <= 16);
    /* runs 300.. do not exist; appending more than is pending; finishing early */
    assert_int_equal(lia_explore_solve(e, 299, 2, v), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "not runs of this exploration (0 to 299)"));
    assert_int_equal(lia_explore_solve(e, 0, 1, NULL), LIA_EUSAGE);
    assert_int_equal(lia_explore_solve(e, 0, 0, NULL), LIA_OK);
    assert_int_equal(lia_explore_append(e, v, 301), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "301 runs appended where 300 are missing"));
    assert_int_equal(lia_explore_finish(e), LIA_EUSAGE);
    assert_non_null(strstr(lia_explore_errmsg(e), "300 runs (from run 0) are still missing"));
    lia_explore_free(e);
    /* a cancel stops the call; the next call solves again */
    o.threads = 1;
    o.progress = cancel_at_5;
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_OK);
    assert_int_equal(lia_explore_solve(e, 0, 64, v), LIA_ECANCELED);
    assert_non_null(strstr(lia_explore_errmsg(e), "stopped by the caller after 5 runs"));
    assert_int_equal(lia_explore_solve(e, 0, 4, v), LIA_OK);
    lia_explore_free(e);
    /* a plan that failed is no plan */
    o.samples = 0;
    assert_int_equal(lia_explore_plan(&e, m, NULL, &o), LIA_EUSAGE);
    assert_int_equal(lia_explore_solve(e, 0, 1, v), LIA_EUSAGE);
    lia_explore_free(e);
    assert_int_equal(lia_explore_plan(NULL, m, NULL, &o), LIA_EUSAGE);
    assert_int_equal(lia_explore_solve(NULL, 0, 1, v), LIA_EUSAGE);
    assert_int_equal(lia_explore_append(NULL, v, 1), LIA_EUSAGE);
    assert_int_equal(lia_explore_finish(NULL), LIA_EUSAGE);
    assert_int_equal(lia_explore_pending_runs(NULL, NULL, NULL), LIA_EUSAGE);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_out_of_order_equals_explore),
        cmocka_unit_test(test_store_resume_and_shard),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
