/* sweep.c — lia_model_sweep: solve every grid point, then locate each change of a verdict
 * between neighbouring points by bisection.
 *
 * A sweep is a list of independent jobs (grid points, then bisections), each identified by its
 * index and solved on a worker's own clone of the model; results land in slots by index, so the
 * output is the same for any number of threads, and the jobs could as well be shipped to other
 * machines. The calling thread is worker 0 and reports progress. */
#include "sweep.h"
#include "../game/game.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include "../util/options.h"
#include "../util/errmsg.h"
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_THREADS = 64 };

typedef struct bisect_job {
    size_t a, b;             /* neighbouring grid points */
    size_t axis;
    int kind;
    size_t member;
} bisect_job;

struct lia_sweep {
    lia_arena arena;
    char errmsg[256];
    const char *game;
    const char *title, *source;  /* the model's, for a briefing */
    size_t axes, members, npoints;
    const char *names[2];
    double from[2], to[2];
    size_t steps[2];
    const char **member_names;
    sweep_rec *recs;
    lia_sweep_point *points;     /* the public view of recs, built once the sweep is done */
    lia_sweep_breakdown *brk;
    size_t nbrk;
    double tolerance;
    int failed;              /* lia_model_sweep failed: only the message may be read */
};

typedef struct shared {
    lia_sweep *s;
    const lia_model *model;
    const lia_sweep_options *o;
    size_t njobs;            /* grid points or bisections */
    bisect_job *jobs;        /* NULL: grid phase */
    double *found;           /* bisection results */
    atomic_size_t next, done;
    atomic_int stop;         /* 1 cancel, 2 failure */
    lia_status failure;
    pthread_mutex_t lock;
    size_t total;            /* for progress */
    size_t done_before;
} shared;

static double grid_value(const lia_sweep *s, size_t axis, size_t k)
{
    size_t n = s->steps[axis];
    return s->from[axis] + (s->to[axis] - s->from[axis]) * (double)k / (double)(n - 1);
}

static void point_values(const lia_sweep *s, size_t k, double *v)
{
    v[0] = grid_value(s, 0, k % s->steps[0]);
    if (s->axes == 2) v[1] = grid_value(s, 1, k / s->steps[0]);
}

/* The cancel point of every long loop: the reporting thread asks the progress hook (done so
 * far of total; a bisection step does not advance `done`, it only gives the caller its say),
 * and every thread sees a stop another set. 1: stop now. */
static int poll_stop(shared *sh, int reporter)
{
    if (reporter && sh->o->progress &&
        sh->o->progress(sh->o->progress_ctx, sh->done_before + atomic_load(&sh->done), sh->total)) {
        pthread_mutex_lock(&sh->lock);
        if (atomic_load(&sh->stop) == 0) {
            sh->failure = LIA_ECANCELED;
            snprintf(sh->s->errmsg, sizeof sh->s->errmsg, "the sweep was cancelled by its progress callback");
            atomic_store(&sh->stop, 1);
        }
        pthread_mutex_unlock(&sh->lock);
    }
    return atomic_load(&sh->stop) != 0;
}

/* Bisection between grid points a and b on one verdict: the boundary to within tolerance.
 * Each step solves the model once, so each step is a cancel point (LIA_ECANCELED, with the
 * stop already recorded in sh). */
static lia_status bisect(shared *sh, int reporter, sweep_ctx *c, const bisect_job *j, sweep_rec *mid, double *at)
{
    const lia_sweep *s = sh->s;
    double lo[2], hi[2];
    point_values(s, j->a, lo);
    point_values(s, j->b, hi);
    long left = lia__sweep_key(&s->recs[j->a], j->kind, j->member);
    while (fabs(hi[j->axis] - lo[j->axis]) > sh->o->tolerance) {
        if (poll_stop(sh, reporter)) return LIA_ECANCELED;
        double v[2] = { lo[0], lo[1] };
        v[j->axis] = 0.5 * (lo[j->axis] + hi[j->axis]);
        if (v[j->axis] == lo[j->axis] || v[j->axis] == hi[j->axis]) break;   /* one ulp apart */
        lia_status st = lia__sweep_solve(c, v, mid);
        if (st != LIA_OK) return st;
        if (lia__sweep_key(mid, j->kind, j->member) == left) lo[j->axis] = v[j->axis];
        else hi[j->axis] = v[j->axis];
    }
    *at = 0.5 * (lo[j->axis] + hi[j->axis]);
    return LIA_OK;
}

static void fail(shared *sh, lia_status st, const char *msg)
{
    pthread_mutex_lock(&sh->lock);
    if (atomic_load(&sh->stop) == 0) {
        sh->failure = st;
        snprintf(sh->s->errmsg, sizeof sh->s->errmsg, "%s", msg);
        atomic_store(&sh->stop, 2);
    }
    pthread_mutex_unlock(&sh->lock);
}

static void work(shared *sh, int reporter)
{
    lia_sweep *s = sh->s;
    sweep_ctx c;
    memset(&c, 0, sizeof c);
    c.game = s->game;
    c.axes = s->axes;
    c.members = s->members;
    c.names = s->names;
    c.copts = (lia_compile_options)LIA_COMPILE_OPTIONS_INIT;
    c.copts.memory_cap = sh->o->memory_cap;
    lia_arena scratch;
    lia__arena_init(&scratch);
    sweep_rec mid;
    lia_status st = lia_model_clone(&c.model, sh->model);
    if (st == LIA_ENOMEM || !lia__sweep_rec_init(&mid, &scratch, s->members)) {
        fail(sh, LIA_ENOMEM, "out of memory");
        goto out;
    }
    for (;;) {
        if (atomic_load(&sh->stop)) break;
        size_t k = atomic_fetch_add(&sh->next, 1);
        if (k >= sh->njobs) break;
        if (sh->jobs) st = bisect(sh, reporter, &c, &sh->jobs[k], &mid, &sh->found[k]);
        else {
            double v[2];
            point_values(s, k, v);
            st = lia__sweep_solve(&c, v, &s->recs[k]);
        }
        if (st == LIA_ECANCELED) break;   /* recorded by poll_stop */
        if (st != LIA_OK) {
            fail(sh, st, st == LIA_ENOMEM ? "out of memory" : "a sweep point could not be solved");
            break;
        }
        atomic_fetch_add(&sh->done, 1);
        if (poll_stop(sh, reporter)) break;
    }
out:
    lia_model_free(c.model);
    lia__arena_free(&scratch);
}

static void *worker(void *arg)
{
    work(arg, 0);
    lia__lp_thread_done();   /* this thread's GLPK environment dies with it */
    return NULL;
}

/* Run the current jobs on the threads; the calling thread is one of them. */
static lia_status run(shared *sh, size_t threads)
{
    pthread_t tid[MAX_THREADS];
    size_t started = 0;
    atomic_store(&sh->next, 0);
    atomic_store(&sh->done, 0);
    for (size_t t = 1; t < threads && t < sh->njobs; t++) {
        if (pthread_create(&tid[started], NULL, worker, sh) != 0) break;   /* fewer threads is fine */
        started++;
    }
    work(sh, 1);
    for (size_t t = 0; t < started; t++) pthread_join(tid[t], NULL);
    sh->done_before += atomic_load(&sh->done);
    /* the other threads may have finished the last jobs: one final report, so a bar ends full */
    if (sh->o->progress && atomic_load(&sh->stop) == 0 && sh->done_before == sh->total)
        sh->o->progress(sh->o->progress_ctx, sh->total, sh->total);
    return atomic_load(&sh->stop) ? sh->failure : LIA_OK;
}

/* Every verdict that differs between neighbours a and b becomes a bisection job (or, without
 * refinement, a breakdown at the midpoint). */
static size_t changes(const lia_sweep *s, size_t a, size_t b, size_t axis, bisect_job *out)
{
    size_t n = 0;
    const sweep_rec *x = &s->recs[a], *y = &s->recs[b];
    for (int kind = 0; kind < SWEEP_KINDS; kind++) {
        if (kind != SWEEP_OK && (!x->ok || !y->ok)) break;
        size_t count = kind == SWEEP_SUSTAIN || kind == SWEEP_REGIMES || kind == SWEEP_TRUST ? s->members : 1;
        for (size_t i = 0; i < count; i++)
            if (lia__sweep_key(x, kind, i) != lia__sweep_key(y, kind, i)) {
                if (out) { bisect_job j = { a, b, axis, kind, i }; out[n] = j; }
                n++;
            }
    }
    return n;
}

static size_t all_changes(const lia_sweep *s, bisect_job *out)
{
    size_t n = 0, s0 = s->steps[0], s1 = s->axes == 2 ? s->steps[1] : 1;
    for (size_t j = 0; j < s1; j++)
        for (size_t i = 0; i < s0; i++) {
            size_t k = i + s0 * j;
            if (i + 1 < s0) n += changes(s, k, k + 1, 0, out ? out + n : NULL);
            if (j + 1 < s1) n += changes(s, k, k + s0, 1, out ? out + n : NULL);
        }
    return n;
}

/* Breakdowns in the order a reader scans them: by axis, the other parameter, then the value;
 * the sort is total (ties by text), so the order does not depend on the threads. */
static int by_place(const void *x, const void *y)
{
    const lia_sweep_breakdown *a = x, *b = y;
    if (a->axis != b->axis) return a->axis < b->axis ? -1 : 1;
    if (a->other != b->other && !(isnan(a->other) && isnan(b->other))) return a->other < b->other ? -1 : 1;
    if (a->value != b->value) return a->value < b->value ? -1 : 1;
    int c = strcmp(a->change, b->change);
    if (c) return c;
    return strcmp(a->party ? a->party : "", b->party ? b->party : "");
}

/* Verdicts that change within the bisection tolerance of each other change at one point: one
 * breakdown, its changes joined, its party the one party they name (NULL if none or several). */
static lia_status merge(lia_sweep *s)
{
    size_t out = 0;
    for (size_t k = 0; k < s->nbrk; k++) {
        lia_sweep_breakdown *d = &s->brk[k], *prev = out ? &s->brk[out - 1] : NULL;
        int same_line = prev && prev->axis == d->axis &&
                        (prev->other == d->other || (isnan(prev->other) && isnan(d->other)));
        if (!same_line || fabs(d->value - prev->value) > s->tolerance) {
            s->brk[out++] = *d;
            continue;
        }
        size_t n = strlen(prev->change) + strlen(d->change) + 3;
        char *text = lia__arena_alloc(&s->arena, n);
        if (!text) return LIA_ENOMEM;
        snprintf(text, n, "%s; %s", prev->change, d->change);
        prev->change = text;
        if (!prev->party) prev->party = d->party;
        else if (d->party && strcmp(prev->party, d->party) != 0) prev->party = NULL;
    }
    s->nbrk = out;
    return LIA_OK;
}

static lia_status record(lia_sweep *s, const bisect_job *jobs, const double *at, size_t n)
{
    s->brk = lia__arena_array(&s->arena, n ? n : 1, sizeof *s->brk);
    if (!s->brk) return LIA_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        const bisect_job *j = &jobs[k];
        const sweep_rec *a = &s->recs[j->a], *b = &s->recs[j->b];
        char text[200];
        const char *party = NULL;
        if (j->kind == SWEEP_TRUST) {
            party = s->member_names[j->member];
            snprintf(text, sizeof text, "at its prior belief of penetration: %s", b->trusted[j->member] > 0
                     ? "trusted with full sharing from here" : "no longer trusted with full sharing from here");
        } else if (j->kind == SWEEP_REGIMES) {
            party = s->member_names[j->member];
            snprintf(text, sizeof text, "over the regimes: %s", b->over_regimes[j->member] > 0
                     ? "keeps to the commitment in every regime from here" : "breaches in some regime from here");
        } else if (j->kind == SWEEP_SUSTAIN) {
            party = s->member_names[j->member];
            snprintf(text, sizeof text, "delta* crosses the patience: %s", b->sustainable[j->member] > 0
                     ? "keeps to the commitment from here" : "withholds from here");
        } else {
            lia__sweep_describe(a, b, j->kind, text, sizeof text);
        }
        double other[2];
        point_values(s, j->a, other);
        lia_sweep_breakdown *d = &s->brk[s->nbrk++];
        d->axis = j->axis;
        d->value = at[k];
        d->other = s->axes == 2 ? other[1 - j->axis] : NAN;
        d->change = lia__arena_strndup(&s->arena, text, strlen(text));
        d->party = party;
        if (!d->change) return LIA_ENOMEM;
    }
    qsort(s->brk, s->nbrk, sizeof *s->brk, by_place);
    return merge(s);
}

static lia_status check_options(const lia_sweep_options *o)
{
    if (o->axes < 1 || o->axes > 2 || !(o->tolerance > 0) ||
        o->threads > MAX_THREADS)
        return LIA_EUSAGE;
    for (size_t a = 0; a < o->axes; a++)
        if (!o->axis[a].name || o->axis[a].steps < 2 || !isfinite(o->axis[a].from) || !isfinite(o->axis[a].to) ||
            o->axis[a].steps > 100000000)
            return LIA_EUSAGE;
    if (o->axes == 2 && o->axis[0].steps > SIZE_MAX / o->axis[1].steps) return LIA_EUSAGE;
    return LIA_OK;
}

/* The members, from the game compiled at the model as given. */
static lia_status members(lia_sweep *s, const lia_model *m, const lia_compile_options *co)
{
    lia_model *c = NULL;
    lia_status st = lia_model_clone(&c, m);
    if (st != LIA_OK) { lia_model_free(c); return st == LIA_ENOMEM ? st : LIA_EINPUT; }
    lia_game *g = NULL;
    st = lia_model_compile(&g, c, s->game, co);
    if (st != LIA_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "%s", lia_model_errmsg(c));
        lia_model_free(c);
        return st;
    }
    s->members = lia_game_player_count(g);
    s->member_names = lia__arena_array(&s->arena, s->members, sizeof *s->member_names);
    for (size_t i = 0; s->member_names && i < s->members; i++)
        if (!(s->member_names[i] = lia__arena_strndup(&s->arena, lia_game_player_name(g, i), strlen(lia_game_player_name(g, i)))))
            st = LIA_ENOMEM;
    if (!s->member_names) st = LIA_ENOMEM;
    lia_game_free(g);
    lia_model_free(c);
    return st;
}

static int any_valid(const lia_sweep *s)
{
    for (size_t k = 0; k < s->npoints; k++)
        if (s->recs[k].ok) return 1;
    return 0;
}

static lia_status sweep_in(lia_sweep *s, const lia_model *m, const lia_sweep_options *o)
{
    lia_compile_options co = LIA_COMPILE_OPTIONS_INIT;
    co.memory_cap = o->memory_cap;
    lia_status st = members(s, m, &co);
    if (st != LIA_OK) return st;
    /* a parameter name that matches nothing would make every point invalid: refuse it first */
    for (size_t a = 0; a < s->axes; a++) {
        lia_model *probe = NULL;
        st = lia_model_clone(&probe, m);
        if (st == LIA_OK || st == LIA_EINPUT) st = lia_model_set_number(probe, s->names[a], s->from[a]);
        if (st == LIA_EUSAGE) snprintf(s->errmsg, sizeof s->errmsg, "%s", lia_model_errmsg(probe));
        lia_model_free(probe);
        if (st == LIA_EUSAGE || st == LIA_ENOMEM) return st;
    }
    /* the grid's records are allocated up front: within the cap, or refused with their size
     * before any of it is taken */
    size_t cap = o->memory_cap ? o->memory_cap : LIA_DEFAULT_MEMORY_CAP;
    double per = lia__sweep_rec_bytes(s->members);
    if ((double)s->npoints * per > (double)cap) {
        char need[32], have[32];
        lia__format_bytes(need, sizeof need, (double)s->npoints * per);
        lia__format_bytes(have, sizeof have, (double)cap);
        snprintf(s->errmsg, sizeof s->errmsg, "a grid of %zu points needs %s for its results, over the memory cap of "
                 "%s (raise the memory cap, or take fewer steps)", s->npoints, need, have);
        return LIA_ELIMIT;
    }
    s->recs = lia__arena_array(&s->arena, s->npoints, sizeof *s->recs);
    if (!s->recs) return LIA_ENOMEM;
    for (size_t k = 0; k < s->npoints; k++)
        if (!lia__sweep_rec_init(&s->recs[k], &s->arena, s->members)) return LIA_ENOMEM;
    shared sh;
    memset(&sh, 0, sizeof sh);
    sh.s = s;
    sh.model = m;
    sh.o = o;
    sh.njobs = s->npoints;
    sh.total = s->npoints;
    pthread_mutex_init(&sh.lock, NULL);
    size_t threads = o->threads ? o->threads : 2;
    st = run(&sh, threads);
    if (st == LIA_OK && !any_valid(s)) {
        snprintf(s->errmsg, sizeof s->errmsg, "the model is invalid at every point of the sweep; at the first: %s",
                 s->recs[0].message);
        st = LIA_EINPUT;
    }
    bisect_job *jobs = NULL;
    double *at = NULL;
    size_t n = 0;
    if (st == LIA_OK) {
        n = all_changes(s, NULL);
        jobs = lia__malloc((n ? n : 1) * sizeof *jobs);
        at = lia__malloc((n ? n : 1) * sizeof *at);
        if (!jobs || !at) st = LIA_ENOMEM;
    }
    if (st == LIA_OK) {
        all_changes(s, jobs);
        if (o->refine && n) {
            sh.jobs = jobs;
            sh.found = at;
            sh.njobs = n;
            sh.total = s->npoints + n;   /* progress counts a bisection as one job */
            st = run(&sh, threads);
        } else {
            for (size_t k = 0; k < n; k++) {
                double a[2], b[2];
                point_values(s, jobs[k].a, a);
                point_values(s, jobs[k].b, b);
                at[k] = 0.5 * (a[jobs[k].axis] + b[jobs[k].axis]);
            }
        }
    }
    if (st == LIA_OK) st = record(s, jobs, at, n);
    lia__free(jobs);
    lia__free(at);
    pthread_mutex_destroy(&sh.lock);
    return st;
}

static int publish_points(lia_sweep *s);

lia_status lia_model_sweep(lia_sweep **out, const lia_model *m, const char *game, const lia_sweep_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    static const size_t ends[LIA_SWEEP_OPTIONS_VERSION] = { sizeof(lia_sweep_options) };
    lia_sweep_options o_ = LIA_SWEEP_OPTIONS_INIT, *o = &o_;
    if (!m || !opts || !LIA__OPTIONS_READ(o, opts, lia_sweep_options, ends, NULL, 0) || check_options(o) != LIA_OK)
        return LIA_EUSAGE;
    lia_sweep *s = lia__calloc(1, sizeof *s);
    if (!s) return LIA_ENOMEM;
    lia__arena_init(&s->arena);
    s->axes = o->axes;
    s->npoints = 1;
    s->tolerance = o->tolerance;
    lia_status st = LIA_OK;
    if (!game) game = lia_model_game_count(m) == 1 ? lia_model_game_name(m, 0) : NULL;
    if (!game || !(s->game = lia__arena_strndup(&s->arena, game, strlen(game)))) st = game ? LIA_ENOMEM : LIA_EUSAGE;
    const char *title = lia_model_title(m), *source = lia_model_source_name(m) ? lia_model_source_name(m) : "";
    if (st == LIA_OK && (!(s->title = lia__arena_strndup(&s->arena, title, strlen(title))) ||
                         !(s->source = lia__arena_strndup(&s->arena, source, strlen(source)))))
        st = LIA_ENOMEM;
    for (size_t a = 0; a < o->axes && st == LIA_OK; a++) {
        s->names[a] = lia__arena_strndup(&s->arena, o->axis[a].name, strlen(o->axis[a].name));
        s->from[a] = o->axis[a].from;
        s->to[a] = o->axis[a].to;
        s->steps[a] = o->axis[a].steps;
        s->npoints *= o->axis[a].steps;
        if (!s->names[a]) st = LIA_ENOMEM;
    }
    if (st == LIA_OK) st = sweep_in(s, m, o);
    if (st != LIA_ENOMEM && !publish_points(s)) st = LIA_ENOMEM;
    if (st == LIA_ENOMEM || (st == LIA_EUSAGE && !s->errmsg[0])) { lia_sweep_free(s); return st; }
    /* a failed sweep is handed back for its message only: the grid may be half-built */
    if (st != LIA_OK) s->failed = 1;
    *out = s;
    return st;
}

void lia_sweep_free(lia_sweep *s)
{
    lia__errmsg_forget(s);
    if (!s) return;
    lia__arena_free(&s->arena);
    lia__free(s);
}

const char *lia_sweep_errmsg(const lia_sweep *s) { return s ? (*lia__errmsg_of(s) ? lia__errmsg_of(s) : s->errmsg) : "no sweep"; }
size_t lia_sweep_point_count(const lia_sweep *s) { return s && !s->failed && s->points ? s->npoints : 0; }   /* 0: refused before the grid */
size_t lia_sweep_breakdown_count(const lia_sweep *s) { return s && !s->failed ? s->nbrk : 0; }
size_t lia_sweep_member_count(const lia_sweep *s) { return s && !s->failed ? s->members : 0; }
const char *lia_sweep_member_name(const lia_sweep *s, size_t i)
{
    return s && !s->failed && s->member_names && i < s->members ? s->member_names[i] : NULL;
}
int lia__sweep_failed(const lia_sweep *s) { return s->failed; }

lia_verdict lia_sweep_verdict_at(const lia_sweep *s, size_t k)
{
    return s && !s->failed && s->recs && k < s->npoints && s->recs[k].ok ? (lia_verdict)s->recs[k].verdict : LIA_VERDICT_NONE;
}

int lia_sweep_trusted_at(const lia_sweep *s, size_t k, size_t i)
{
    return s && !s->failed && s->recs && k < s->npoints && i < s->members && s->recs[k].ok ? s->recs[k].trusted[i] : -1;
}

int lia_sweep_over_regimes_at(const lia_sweep *s, size_t k, size_t i)
{
    return s && !s->failed && s->recs && k < s->npoints && i < s->members && s->recs[k].ok ? s->recs[k].over_regimes[i] : -1;
}

lia_direction lia_sweep_direction_at(const lia_sweep *s, size_t k, size_t i)
{
    return s && !s->failed && s->recs && k < s->npoints && i < s->members && s->recs[k].ok ? (lia_direction)s->recs[k].direction[i]
                                                                             : LIA_DIRECTION_NONE;
}

/* The points are handed out as pointers owned by the sweep (the struct may grow without
 * writing past a caller's memory): one lia_sweep_point per grid point, filled from the records
 * once no worker writes them any more. 0 on ENOMEM. */
static int publish_points(lia_sweep *s)
{
    if (!s->recs) return 1;
    s->points = lia__arena_array(&s->arena, s->npoints, sizeof *s->points);
    if (!s->points) return 0;
    for (size_t k = 0; k < s->npoints; k++) {
        const sweep_rec *r = &s->recs[k];
        s->points[k] = (lia_sweep_point){
            .values = r->values, .ok = r->ok, .message = r->message, .members = s->members,
            .payoffs = r->payoffs, .delta_star = r->delta_star, .sustainable = r->sustainable,
            .self_enforcing = r->self_enforcing, .transfers_feasible = r->transfers_feasible,
            .class2x2 = r->class2x2, .equilibria = r->equilibria, .core_empty = r->core_empty,
            .welfare = r->welfare, .patience = r->patience,
        };
    }
    return 1;
}

const lia_sweep_point *lia_sweep_point_at(const lia_sweep *s, size_t k)
{
    return s && !s->failed && s->points && k < s->npoints ? &s->points[k] : NULL;
}

const lia_sweep_breakdown *lia_sweep_breakdown_at(const lia_sweep *s, size_t k)
{
    return s && !s->failed && k < s->nbrk ? &s->brk[k] : NULL;
}

/* for sweep_write.c and sweep_svg.c */
const char *lia__sweep_axis_name(const lia_sweep *s, size_t a) { return a < s->axes ? s->names[a] : NULL; }
void lia__sweep_axis(const lia_sweep *s, size_t a, double *from, double *to, size_t *steps, size_t *axes)
{
    *from = s->from[a];
    *to = s->to[a];
    *steps = s->steps[a];
    *axes = s->axes;
}
const char *lia__sweep_game(const lia_sweep *s) { return s->game; }
const char *lia__sweep_title(const lia_sweep *s) { return s->title; }
const char *lia__sweep_source(const lia_sweep *s) { return s->source; }
double lia__sweep_tolerance(const lia_sweep *s) { return s->tolerance; }
