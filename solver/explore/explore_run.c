/* explore_run.c — an exploration step by step: the runs of a planned exploration are solved
 * (lia_explore_solve, on the plan's threads, each with its own clone of the model) into a
 * caller's table, and appended in index order (lia_explore_append) to memory or the store;
 * lia_explore_finish marks the store finished and reads it back. lia_model_explore is these
 * steps in a loop; liaison-mpi spreads the solving over ranks and appends on rank 0.
 *
 * Run r's sample is a function of (design, seed, N, D, r) alone (design.h), and runs are
 * appended only in index order: so the table is the same whoever solved which run. */
#include "explore.h"
#include "design.h"
#include "../sweep/sweep.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

typedef struct worker {
    sweep_ctx c;
    sweep_rec rec;
    lia_arena scratch;
    double *u, *v;
} worker;

/* What the threads of one lia__explore_solve share. */
struct lia__explore_run {
    lia_explore *e;
    lia__design_kind kind;
    size_t threads;
    worker *w;
    lia_progress_fn progress;
    void *progress_ctx;
    /* the call under way */
    uint64_t first;
    size_t count;
    double *values;
    uint64_t base, total;        /* progress: runs done before this call, and of all calls */
    atomic_size_t next;
    atomic_int stop;             /* 1 cancel, 2 failure */
    lia_status failure;
    pthread_mutex_t lock;
    atomic_size_t done;
};

/* Run r into row: its sample, then what the sweep's solver found there. */
static lia_status solve_run(lia__explore_run *x, worker *w, uint64_t r, double *row)
{
    lia_explore *e = x->e;
    if (lia__design_point(x->kind, e->seed, e->n, e->d, r, w->u) != 0) return LIA_EINTERNAL;
    for (size_t j = 0; j < e->d; j++) {
        double v = e->lo[j] + w->u[j] * (e->hi[j] - e->lo[j]);
        w->v[j] = v > e->hi[j] ? e->hi[j] : v;   /* rounding never leaves the range */
    }
    lia_status st = lia__sweep_solve(&w->c, w->v, &w->rec);
    if (st != LIA_OK) return st;
    const sweep_rec *q = &w->rec;
    for (size_t j = 0; j < e->d; j++) row[j] = w->v[j];
    for (size_t c = e->d; c < e->ncols; c++) row[c] = NAN;
    row[lia__col_status(e)] = q->ok ? q->verdict : -1;
    if (!q->ok) return LIA_OK;
    int commitment = !isnan(q->welfare);   /* the sweep's solver sets it only at a commitment */
    for (size_t i = 0; commitment && i < e->members; i++) {
        double d = q->patience[i];
        row[lia__col_slack(e, i)] = q->payoffs[i] - (1 - d) * q->deviation[i] - d * q->punishment[i];
        row[lia__col_dstar(e, i)] = q->delta_star[i];
        row[lia__col_dir(e, i)] = q->direction[i];
    }
    row[lia__col_transfers(e)] = q->transfers;
    row[lia__col_welfare(e)] = q->welfare;
    row[lia__col_core(e)] = q->core_empty < 0 ? NAN : q->core_empty;   /* no coalition game: none */
    return LIA_OK;
}

/* The first failure or cancel stops every thread, and its message stays. */
static void stop_with(lia__explore_run *x, int how, lia_status st, const char *msg)
{
    pthread_mutex_lock(&x->lock);
    if (atomic_load(&x->stop) == 0) {
        x->failure = st;
        lia__explore_err(x->e, "%s", msg);
        atomic_store(&x->stop, how);
    }
    pthread_mutex_unlock(&x->lock);
}

/* Take runs off the shared counter until none is left. Only the calling thread (reporter)
 * calls the progress callback, so a caller's callback never runs on a thread of ours. */
static void work(lia__explore_run *x, worker *w, int reporter)
{
    for (;;) {
        if (atomic_load(&x->stop)) return;
        size_t k = atomic_fetch_add(&x->next, 1);
        if (k >= x->count) return;
        lia_status st = solve_run(x, w, x->first + k, x->values + k * x->e->ncols);
        if (st != LIA_OK) {
            stop_with(x, 2, st, st == LIA_ENOMEM ? "out of memory" : "a run could not be solved");
            return;
        }
        size_t done = atomic_fetch_add(&x->done, 1) + 1;
        if (reporter && x->progress && x->progress(x->progress_ctx, (size_t)(x->base + done), (size_t)x->total)) {
            char msg[96];
            snprintf(msg, sizeof msg, "stopped by the caller after %llu runs", (unsigned long long)(x->base + done));
            stop_with(x, 1, LIA_ECANCELED, msg);
        }
    }
}

typedef struct thread_arg { lia__explore_run *x; worker *w; } thread_arg;

static void *thread_main(void *p)
{
    thread_arg *a = p;
    work(a->x, a->w, 0);
    lia__lp_thread_done();   /* this thread's GLPK environment dies with it */
    return NULL;
}

lia_status lia__explore_solve(lia_explore *e, uint64_t first, size_t count, double *values, uint64_t base, uint64_t total)
{
    lia__explore_run *x = e->run;
    pthread_t tid[LIA__EXPLORE_MAX_THREADS];
    thread_arg args[LIA__EXPLORE_MAX_THREADS];
    size_t started = 0;
    x->first = first;
    x->count = count;
    x->values = values;
    x->base = base;
    x->total = total;
    x->failure = LIA_OK;
    atomic_store(&x->next, 0);
    atomic_store(&x->done, 0);
    atomic_store(&x->stop, 0);
    for (size_t t = 1; t < x->threads && t < count; t++) {
        args[started].x = x;
        args[started].w = &x->w[t];
        if (pthread_create(&tid[started], NULL, thread_main, &args[started]) != 0) break;
        started++;
    }
    work(x, &x->w[0], 1);
    for (size_t t = 0; t < started; t++) pthread_join(tid[t], NULL);
    return atomic_load(&x->stop) ? x->failure : LIA_OK;
}

void lia__explore_run_free(lia__explore_run *x)
{
    if (!x) return;
    for (size_t t = 0; x->w && t < x->threads; t++) {
        lia_model_free(x->w[t].c.model);
        lia__arena_free(&x->w[t].scratch);
    }
    lia__free(x->w);
    pthread_mutex_destroy(&x->lock);
    lia__free(x);
}

lia_status lia__explore_run_new(lia_explore *e, const lia_model *m, const lia_explore_options *o)
{
    lia__explore_run *x = lia__calloc(1, sizeof *x);
    if (!x) return LIA_ENOMEM;
    pthread_mutex_init(&x->lock, NULL);
    x->e = e;
    x->kind = (lia__design_kind)e->design;
    x->threads = o->threads ? o->threads : 2;
    x->progress = o->progress;
    x->progress_ctx = o->progress_ctx;
    e->run = x;
    if (!(x->w = lia__calloc(x->threads, sizeof *x->w))) return LIA_ENOMEM;
    for (size_t t = 0; t < x->threads; t++) {
        worker *w = &x->w[t];
        lia__arena_init(&w->scratch);
        w->c.game = e->game;
        w->c.names = e->pnames;
        w->c.axes = e->d;
        w->c.members = e->members;
        w->c.copts = (lia_compile_options)LIA_COMPILE_OPTIONS_INIT;
        w->c.copts.memory_cap = o->memory_cap;
        w->c.delta = o->delta;
        w->c.skip_beliefs = 1;
        w->c.target = e->target;
        w->u = lia__arena_array(&w->scratch, e->d, sizeof *w->u);
        w->v = lia__arena_array(&w->scratch, e->d, sizeof *w->v);
        if (!w->u || !w->v || !lia__sweep_rec_init(&w->rec, &w->scratch, e->members)) return LIA_ENOMEM;
        if (lia_model_clone(&w->c.model, m) == LIA_ENOMEM) return LIA_ENOMEM;
    }
    return LIA_OK;
}

/* ---- the public steps ---- */

lia_status lia_explore_pending_runs(const lia_explore *e, uint64_t *first, uint64_t *count)
{
    if (!e) return LIA_EUSAGE;
    if (first) *first = e->next;
    if (count) *count = e->end - e->next;
    return LIA_OK;
}

lia_status lia_explore_solve(lia_explore *e, uint64_t first, uint64_t count, double *values)
{
    if (!e) return LIA_EUSAGE;
    if (!e->run) {
        lia__explore_err(e, "runs can be solved only on an exploration made by lia_explore_plan and not yet finished");
        return LIA_EUSAGE;
    }
    if (first > e->total || count > e->total - first) {
        lia__explore_err(e, "runs %llu to %llu are not runs of this exploration (0 to %llu)", (unsigned long long)first,
                         (unsigned long long)(first + count - (count > 0)), (unsigned long long)(e->total - 1));
        return LIA_EUSAGE;
    }
    if (count == 0) return LIA_OK;
    if (!values || count > SIZE_MAX / sizeof(double) / e->ncols) return LIA_EUSAGE;
    return lia__explore_solve(e, first, (size_t)count, values, 0, count);
}

lia_status lia_explore_append(lia_explore *e, const double *values, uint64_t count)
{
    if (!e) return LIA_EUSAGE;
    if (!e->run) {
        lia__explore_err(e, "runs can be appended only to an exploration made by lia_explore_plan and not yet finished");
        return LIA_EUSAGE;
    }
    if (count > e->end - e->next) {
        lia__explore_err(e, "%llu runs appended where %llu are missing", (unsigned long long)count,
                         (unsigned long long)(e->end - e->next));
        return LIA_EUSAGE;
    }
    if (count == 0) return LIA_OK;
    if (!values || count > SIZE_MAX / sizeof(double) / e->ncols) return LIA_EUSAGE;
    if (e->store) {
        lia_status st = lia__store_append(e->store, e, values, e->next, (size_t)count);
        if (st != LIA_OK) return st;
    } else if (!lia__explore_append(e, values, (size_t)count)) {
        lia__explore_err(e, "out of memory holding %llu runs (give a store to stream them)",
                         (unsigned long long)(e->nruns + count));
        return LIA_ENOMEM;
    }
    e->next += count;
    return LIA_OK;
}

lia_status lia_explore_finish(lia_explore *e)
{
    if (!e) return LIA_EUSAGE;
    if (!e->run) {
        lia__explore_err(e, "only an exploration made by lia_explore_plan can be finished, and only once");
        return LIA_EUSAGE;
    }
    if (e->next != e->end) {
        lia__explore_err(e, "%llu runs (from run %llu) are still missing; solve and append them first",
                         (unsigned long long)(e->end - e->next), (unsigned long long)e->next);
        return LIA_EUSAGE;
    }
    lia__explore_run_free(e->run);
    e->run = NULL;
    if (!e->store) {
        e->complete = e->first == 0 && e->end == e->total;
        return LIA_OK;
    }
    /* the analyses read the store back: the runs of an earlier, resumed call included */
    lia_status st = lia__store_finish(e->store, e);
    lia__store_close(e->store);
    e->store = NULL;
    if (st != LIA_OK) return st;
    lia_explore *loaded = NULL;
    st = lia__store_load(&loaded, e->store_path);
    if (!loaded) return st;
    if (st != LIA_OK) {
        lia__explore_err(e, "%s", loaded->errmsg);
        lia_explore_free(loaded);
        return st;
    }
    /* the handle is the caller's: take the loaded contents into it */
    lia_explore tmp = *e;
    *e = *loaded;
    *loaded = tmp;
    lia_explore_free(loaded);
    return LIA_OK;
}
