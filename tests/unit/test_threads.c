/* test_threads.c — separate handles in separate threads: four threads each open a model and
 * run the solve report, burden sharing and the repeated-game analysis, several rounds, and
 * every result must equal the one computed serially first (GLPK's environment is per thread,
 * and the library keeps no global mutable state). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"

static const char *const files[4] = { "models/soe-nkvd-1941.lia", "models/club-of-berne.lia",
                                      "models/five-eyes.lia", "models/ukusa-1946.lia" };

/* solve JSON + share JSON + repeat JSON of the file's first agreement, concatenated */
static char *analyse(const char *path)
{
    lia_model *m = NULL;
    lia_report *r = NULL;
    lia_share *s = NULL;
    lia_game *g = NULL;
    lia_repeat *rp = NULL;
    char *a = NULL, *b = NULL, *c = NULL, *all = NULL;
    if (lia_model_open(&m, path) != LIA_OK) goto out;
    const char *name = lia_model_game_name(m, 0);
    if (lia_model_solve(&r, m, NULL, NULL) != LIA_OK || lia_report_write(&a, NULL, r, LIA_FORMAT_JSON) != LIA_OK) goto out;
    if (lia_model_share(&s, m, name, NULL) != LIA_OK || lia_share_write(&b, NULL, s, LIA_FORMAT_JSON) != LIA_OK) goto out;
    if (lia_model_compile(&g, m, name, NULL) != LIA_OK || lia_game_repeat(&rp, g, NULL, NULL) != LIA_OK ||
        lia_repeat_write(&c, NULL, rp, LIA_FORMAT_JSON) != LIA_OK)
        goto out;
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    all = malloc(n);
    if (all) snprintf(all, n, "%s%s%s", a, b, c);
out:
    lia_free(a);
    lia_free(b);
    lia_free(c);
    lia_repeat_free(rp);
    lia_game_free(g);
    lia_share_free(s);
    lia_report_free(r);
    lia_model_free(m);
    return all;
}

typedef struct job { const char *path; const char *expected; int rounds, mismatches; } job;

static void *worker(void *arg)
{
    job *j = arg;
    for (int k = 0; k < j->rounds; k++) {
        char *got = analyse(j->path);
        if (!got || strcmp(got, j->expected) != 0) j->mismatches++;
        free(got);
    }
    lia_thread_cleanup();   /* the thread's GLPK environment dies with it */
    return NULL;
}

static void test_four_threads_match_serial(void **state)
{
    (void)state;
    char *serial[4];
    for (int t = 0; t < 4; t++) assert_non_null(serial[t] = analyse(files[t]));
    job jobs[4];
    pthread_t tid[4];
    for (int t = 0; t < 4; t++) {
        jobs[t] = (job){ files[t], serial[t], 3, 0 };
        assert_int_equal(pthread_create(&tid[t], NULL, worker, &jobs[t]), 0);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(tid[t], NULL);
        assert_int_equal(jobs[t].mismatches, 0);
    }
    /* and all four on the same file at once: handles are separate even when the text is not */
    for (int t = 0; t < 4; t++) {
        jobs[t] = (job){ files[1], serial[1], 2, 0 };
        assert_int_equal(pthread_create(&tid[t], NULL, worker, &jobs[t]), 0);
    }
    for (int t = 0; t < 4; t++) {
        pthread_join(tid[t], NULL);
        assert_int_equal(jobs[t].mismatches, 0);
    }
    for (int t = 0; t < 4; t++) free(serial[t]);
}

static void test_blas_threads(void **state)
{
    (void)state;
    int before = lia_blas_threads();
    assert_true(before >= 1);
    assert_int_equal(lia_set_blas_threads(0), LIA_EUSAGE);
    assert_int_equal(lia_set_blas_threads(1), LIA_OK);
    assert_int_equal(lia_blas_threads(), 1);
    assert_int_equal(lia_set_blas_threads(before), LIA_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_four_threads_match_serial),
        cmocka_unit_test(test_blas_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
