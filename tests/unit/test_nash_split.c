/* test_nash_split.c — lia_nash_split_*: the reverse search's subtrees as jobs run by someone
 * else give lia_game_nash's equilibria, bit for bit and in the same order, whoever runs the jobs
 * and in whatever order their results come back; misuse is refused in words. (Over MPI ranks:
 * tests/cli/mpi.sh.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liaison.h"
#include "game_fixtures.h"

typedef struct held { void *p; size_t n; } held;

/* Drive a split to the end: jobs are run by `runner` (another split of the same game, as a
 * worker process holds), up to `batch` held at once, and their results appended last first. */
static lia_status drive(lia_nash_split *s, lia_nash_split *runner, size_t batch, lia_eqset **out, size_t *njobs)
{
    held *h = calloc(batch, sizeof *h);
    size_t nh = 0;
    *njobs = 0;
    for (;;) {
        void *job = NULL;
        size_t len = 0;
        int done = 0;
        assert_int_equal(lia_nash_split_next(s, &job, &len, &done), LIA_OK);
        if (job) {
            void *res = NULL;
            size_t rlen = 0;
            assert_int_equal(lia_nash_split_solve(runner, job, len, &res, &rlen), LIA_OK);
            lia_free(job);
            h[nh++] = (held){ res, rlen };
            ++*njobs;
        }
        if (nh == batch || (!job && nh > 0)) {
            while (nh > 0) {
                nh--;
                assert_int_equal(lia_nash_split_append(s, h[nh].p, h[nh].n), LIA_OK);
                lia_free(h[nh].p);
            }
            continue;
        }
        if (done) break;
    }
    free(h);
    return lia_nash_split_finish(s, out);
}

static void same_sets(const lia_eqset *a, const lia_eqset *b, size_t width)
{
    assert_int_equal(lia_eqset_count(a), lia_eqset_count(b));
    for (size_t k = 0; k < lia_eqset_count(a); k++)
        assert_memory_equal(lia_eqset_profile(a, k), lia_eqset_profile(b, k), width * sizeof(double));
}

static void test_jobs_anywhere_same_output(void **state)
{
    (void)state;
    /* 12 seeded games of every shape (square, wide, tall; every third with payoffs 0..3, hence
     * degenerate): the split gives lia_game_nash's set whoever runs the jobs and whatever the
     * order the results come back in (one at a time, or 5 held and appended last first) */
    uint64_t seed = 7;
    size_t split_games = 0;
    for (int game = 0; game < 12; game++) {
        size_t m = game % 3 == 0 ? 11 : game % 3 == 1 ? 7 : 16, n = game % 3 == 0 ? 11 : game % 3 == 1 ? 16 : 7;
        int hi = game % 4 == 3 ? 4 : 100;
        lia_game *g = random_lrs_game(m, n, hi, &seed);
        lia_nash_options o = LIA_NASH_OPTIONS_INIT;
        o.method = LIA_NASH_ALL;
        o.threads = 1;
        lia_eqset *ref = NULL;
        assert_int_equal(lia_game_nash(&ref, g, &o), LIA_OK);
        size_t jobs[2];
        for (int way = 0; way < 2; way++) {
            lia_nash_split *s = NULL, *r = NULL;
            assert_int_equal(lia_nash_split_new(&s, g, &o), LIA_OK);
            assert_int_equal(lia_nash_split_new(&r, g, &o), LIA_OK);
            lia_eqset *e = NULL;
            assert_int_equal(drive(s, way ? r : s, way ? 5 : 1, &e, &jobs[way]), LIA_OK);
            same_sets(e, ref, m + n);
            lia_eqset_free(e);
            lia_nash_split_free(s);
            lia_nash_split_free(r);
        }
        /* the job tree is the same whatever the order */
        assert_int_equal(jobs[0], jobs[1]);
        split_games += jobs[0] > 0;
        lia_eqset_free(ref);
        lia_game_free(g);
    }
    /* the games are large enough that most searches hand subtrees out */
    assert_true(split_games >= 8);
}

static void test_misuse(void **state)
{
    (void)state;
    uint64_t seed = 3;
    lia_game *g = random_lrs_game(11, 11, 100, &seed), *h = random_lrs_game(9, 12, 100, &seed);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    lia_nash_split *s = NULL, *t = NULL;
    /* only the method that enumerates splits */
    o.method = LIA_NASH_LH;
    assert_int_equal(lia_nash_split_new(&s, g, &o), LIA_EUSAGE);
    assert_null(s);
    assert_non_null(strstr(lia_errmsg(), "only the method 'all'"));
    o.method = LIA_NASH_ALL;
    assert_int_equal(lia_nash_split_new(&s, g, &o), LIA_OK);
    assert_int_equal(lia_nash_split_new(&t, h, &o), LIA_OK);
    lia_eqset *e = NULL;
    assert_int_equal(lia_nash_split_finish(s, &e), LIA_EUSAGE);   /* not started, not done */
    assert_null(e);
    unsigned char junk[96] = { 1, 2, 3 };
    void *res = NULL;
    size_t rlen = 0;
    assert_int_equal(lia_nash_split_solve(s, junk, sizeof junk, &res, &rlen), LIA_EUSAGE);
    assert_null(res);
    assert_non_null(strstr(lia_errmsg(), "not a job of this game"));
    /* the handle's message is that failure's; the other split has none */
    assert_string_equal(lia_nash_split_errmsg(s), lia_errmsg());
    assert_string_equal(lia_nash_split_errmsg(t), "");
    assert_int_equal(lia_nash_split_append(s, junk, sizeof junk), LIA_EUSAGE);
    void *job = NULL;
    size_t len = 0;
    int done = 0;
    assert_int_equal(lia_nash_split_next(s, &job, &len, &done), LIA_OK);
    assert_non_null(job);   /* an 11 x 11 game hands subtrees out */
    /* a job of one game is refused by a split of another */
    assert_int_equal(lia_nash_split_solve(t, job, len, &res, &rlen), LIA_EUSAGE);
    assert_int_equal(lia_nash_split_solve(s, job, len - 8, &res, &rlen), LIA_EUSAGE);
    assert_int_equal(lia_nash_split_solve(s, job, len, &res, &rlen), LIA_OK);
    /* a result cut short is no result */
    assert_int_equal(lia_nash_split_append(s, res, rlen - 1), LIA_EUSAGE);
    assert_int_equal(lia_nash_split_append(s, res, rlen), LIA_OK);
    /* one result per job out */
    assert_int_equal(lia_nash_split_append(s, res, rlen), LIA_EUSAGE);
    assert_non_null(strstr(lia_errmsg(), "no job is out"));
    assert_non_null(strstr(lia_nash_split_errmsg(s), "no job is out"));
    lia_free(res);
    lia_free(job);
    /* freed half way, with jobs out: the enumeration's thread stops (ASan: nothing leaks) */
    assert_int_equal(lia_nash_split_next(s, &job, &len, &done), LIA_OK);
    lia_free(job);
    lia_nash_split_free(s);
    lia_nash_split_free(t);
    lia_nash_split_free(NULL);
    assert_int_equal(lia_nash_split_next(NULL, &job, &len, &done), LIA_EUSAGE);
    lia_game_free(g);
    lia_game_free(h);
}

static void test_memory_cap_as_single_process(void **state)
{
    (void)state;
    /* under a cap too small for the vertex sets the split fails as lia_game_nash does, with
     * the same status and the same words */
    uint64_t seed = 11;
    lia_game *g = random_lrs_game(12, 12, 100, &seed);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    o.memory_cap = 40000;
    lia_eqset *e = NULL;
    lia_status want = lia_game_nash(&e, g, &o);
    assert_int_equal(want, LIA_ELIMIT);
    char words[600];
    snprintf(words, sizeof words, "%s", lia_errmsg());
    lia_nash_split *s = NULL;
    assert_int_equal(lia_nash_split_new(&s, g, &o), LIA_OK);
    size_t jobs = 0;
    assert_int_equal(drive(s, s, 3, &e, &jobs), want);
    assert_null(e);
    assert_string_equal(lia_errmsg(), words);
    lia_nash_split_free(s);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jobs_anywhere_same_output),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_memory_cap_as_single_process),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
