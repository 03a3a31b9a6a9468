/* explore.c — lia_explore_plan (the parameters and their ranges, the members, the slice of
 * runs, the workers and the store) and lia_model_explore: the plan's runs solved batch by batch
 * (explore_run.c) and handed on in index order to memory or to the store.
 *
 * Run r's sample is a function of (design, seed, N, D, r) alone (design.h), and a batch is
 * written only when all of its runs are solved, in index order: so the table is the same for
 * any number of threads, for any split into shards, and after any interruption and resume. */
#include "explore.h"
#include "design.h"
#include "../model_internal.h"
#include "../util/mem.h"
#include "../util/options.h"
#include "../util/suggest.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

lia_explore *lia__explore_new(void)
{
    lia_explore *e = lia__calloc(1, sizeof *e);
    if (e) lia__arena_init(&e->arena);
    return e;
}

void lia__explore_err(lia_explore *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->errmsg, sizeof e->errmsg, fmt, ap);
    va_end(ap);
    /* also the thread's, so a writer's generic words never cover this specific one */
    lia__errmsg_set("%s", e->errmsg);
    lia__errmsg_own(e);
}

const char *lia__explore_status_name(int code)
{
    if (code == -1) return "invalid";
    const char *n = lia_verdict_name((lia_verdict)code);
    return n ? n : "invalid";
}

int lia__explore_status_code(const char *name)
{
    if (strcmp(name, "invalid") == 0) return -1;
    for (int v = 0; v <= LIA_VERDICT_BREAKS_DOWN; v++)
        if (strcmp(name, lia_verdict_name((lia_verdict)v)) == 0) return v;
    return -2;
}

static const char *col_name(lia_explore *e, const char *prefix, const char *member)
{
    size_t n = strlen(prefix) + strlen(member) + 2;
    char *s = lia__arena_alloc(&e->arena, n);
    if (s) snprintf(s, n, "%s.%s", prefix, member);
    return s;
}

int lia__explore_columns(lia_explore *e)
{
    e->ncols = lia__explore_ncols(e->d, e->members);
    e->cols = lia__arena_array(&e->arena, e->ncols, sizeof *e->cols);
    if (!e->cols) return 0;
    for (size_t j = 0; j < e->d; j++) e->cols[j] = e->pnames[j];
    e->cols[lia__col_status(e)] = "status";
    for (size_t i = 0; i < e->members; i++) {
        e->cols[lia__col_slack(e, i)] = col_name(e, "slack", e->mnames[i]);
        e->cols[lia__col_dstar(e, i)] = col_name(e, "delta_star", e->mnames[i]);
        e->cols[lia__col_dir(e, i)] = col_name(e, "direction", e->mnames[i]);
    }
    e->cols[lia__col_transfers(e)] = "transfers";
    e->cols[lia__col_welfare(e)] = "welfare";
    e->cols[lia__col_core(e)] = "core_empty";
    for (size_t c = 0; c < e->ncols; c++)
        if (!e->cols[c]) return 0;
    return 1;
}

int lia__explore_append(lia_explore *e, const double *rows, size_t n)
{
    if (e->nruns + n > e->cap) {
        uint64_t cap = e->cap ? e->cap : 1024;
        while (cap < e->nruns + n) cap *= 2;
        if (cap > SIZE_MAX / sizeof(double) / e->ncols) return 0;
        double *r = lia__realloc(e->rows, (size_t)cap * e->ncols * sizeof *r);
        if (!r) return 0;
        e->rows = r;
        e->cap = cap;
    }
    memcpy(e->rows + (size_t)e->nruns * e->ncols, rows, n * e->ncols * sizeof *rows);
    e->nruns += n;
    return 1;
}

/* ---- set-up: the parameters and their ranges, the members ---- */

static char *dup(lia_explore *e, const char *s) { return lia__arena_strndup(&e->arena, s, strlen(s)); }

/* Why `name` cannot be varied, into e's message: not numeric (an object with numeric
 * attributes), or unknown (with the closest name). */
static void unknown_param(lia_explore *e, const lia_model *m, const char *name)
{
    size_t n = lia_model_param_count(m), len = strlen(name), shown = 0;
    char list[256] = "";
    for (size_t i = 0; i < n && shown < 3; i++) {
        const char *p = lia_model_param_at(m, i)->name;
        if (strncmp(p, name, len) == 0 && p[len] == '.') {
            size_t at = strlen(list);
            snprintf(list + at, sizeof list - at, "%s%s", shown ? ", " : "", p);
            shown++;
        }
    }
    if (shown) {
        lia__explore_err(e, "'%s' is not a number and cannot be given a range; its numeric attributes include %s "
                            "(liaison params lists them all)", name, list);
        return;
    }
    const char **cands = lia__malloc((n ? n : 1) * sizeof *cands);
    const char *sug = NULL;
    if (cands) {
        for (size_t i = 0; i < n; i++) cands[i] = lia_model_param_at(m, i)->name;
        sug = lia__suggest(name, len, cands, n);
    }
    if (sug) lia__explore_err(e, "no constant or attribute '%s' in %s; did you mean '%s'?", name, lia_model_source_name(m), sug);
    else lia__explore_err(e, "no constant or attribute '%s' in %s (liaison params lists every name)", name, lia_model_source_name(m));
    lia__free(cands);
}

static lia_status set_params(lia_explore *e, const lia_model *m, const lia_explore_options *o)
{
    size_t n = lia_model_param_count(m), cap = n + o->nranges;
    if (lia__model_params_oom(m)) return LIA_ENOMEM;
    e->pnames = lia__arena_array(&e->arena, cap ? cap : 1, sizeof *e->pnames);
    e->lo = lia__arena_array(&e->arena, cap ? cap : 1, sizeof *e->lo);
    e->hi = lia__arena_array(&e->arena, cap ? cap : 1, sizeof *e->hi);
    if (!e->pnames || !e->lo || !e->hi) return LIA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const lia_param *p = lia_model_param_at(m, i);
        if (!p->has_range) continue;
        e->pnames[e->d] = p->name;
        e->lo[e->d] = p->lo;
        e->hi[e->d++] = p->hi;
    }
    for (size_t k = 0; k < o->nranges; k++) {
        const lia_explore_range *r = &o->ranges[k];
        if (!r->name) { lia__explore_err(e, "range %zu has no name", k + 1); return LIA_EUSAGE; }
        const lia_param *p = lia_model_param_find(m, r->name);
        if (lia__model_params_oom(m)) return LIA_ENOMEM;
        if (!p) { unknown_param(e, m, r->name); return LIA_EUSAGE; }
        if (!(isfinite(r->lo) && isfinite(r->hi) && r->lo < r->hi)) {
            lia__explore_err(e, "the range of '%s' must have its low end below its high end, got [%g, %g]", r->name, r->lo, r->hi);
            return LIA_EUSAGE;
        }
        for (size_t j = 0; j < k; j++)
            if (strcmp(o->ranges[j].name, r->name) == 0) {
                lia__explore_err(e, "'%s' is given two ranges", r->name);
                return LIA_EUSAGE;
            }
        size_t j = 0;
        while (j < e->d && strcmp(e->pnames[j], p->name) != 0) j++;   /* replaces a let's own range */
        if (j == e->d) e->pnames[e->d++] = p->name;
        e->lo[j] = r->lo;
        e->hi[j] = r->hi;
    }
    if (e->d == 0) {
        lia__explore_err(e, "nothing to explore: no constant of %s has a range (let NAME = VALUE in [LO, HI]) and no "
                            "range was given (lia_explore_options.ranges)", lia_model_source_name(m));
        return LIA_EUSAGE;
    }
    /* the names must outlive the model's parameter list */
    for (size_t j = 0; j < e->d; j++)
        if (!(e->pnames[j] = dup(e, e->pnames[j]))) return LIA_ENOMEM;
    return LIA_OK;
}

static lia_status set_members(lia_explore *e, const lia_model *m, const lia_explore_options *o)
{
    lia_model *c = NULL;
    lia_status st = lia_model_clone(&c, m);
    if (st != LIA_OK) { lia_model_free(c); return st == LIA_ENOMEM ? st : LIA_EINPUT; }
    lia_compile_options co = LIA_COMPILE_OPTIONS_INIT;
    co.memory_cap = o->memory_cap;
    lia_game *g = NULL;
    st = lia_model_compile(&g, c, e->game, &co);
    if (st != LIA_OK) {
        lia__explore_err(e, "%s", lia_model_errmsg(c));
        lia_model_free(c);
        return st;
    }
    e->members = lia_game_player_count(g);
    e->mnames = lia__arena_array(&e->arena, e->members ? e->members : 1, sizeof *e->mnames);
    for (size_t i = 0; e->mnames && i < e->members; i++)
        if (!(e->mnames[i] = dup(e, lia_game_player_name(g, i)))) st = LIA_ENOMEM;
    if (!e->mnames) st = LIA_ENOMEM;
    if (st == LIA_OK && o->target) {
        /* the strategy sets do not depend on the sampled numbers: checked once, here */
        if (!(e->target = lia__arena_array(&e->arena, e->members ? e->members : 1, sizeof *e->target))) st = LIA_ENOMEM;
        for (size_t i = 0; st == LIA_OK && i < e->members; i++) {
            if (o->target[i] >= lia_game_strategy_count(g, i)) {
                lia__explore_err(e, "the target gives %s strategy %zu, but it has %zu (0 to %zu)", e->mnames[i], o->target[i],
                                 lia_game_strategy_count(g, i), lia_game_strategy_count(g, i) - 1);
                st = LIA_EUSAGE;
            }
            e->target[i] = o->target[i];
        }
    }
    lia_game_free(g);
    lia_model_free(c);
    return st;
}

static lia_status check_options(const lia_explore_options *o)
{
    if ((unsigned)o->design > LIA_DESIGN_MORRIS || o->threads > LIA__EXPLORE_MAX_THREADS) return LIA_EUSAGE;
    if (o->nranges && !o->ranges) return LIA_EUSAGE;
    return LIA_OK;
}

/* Everything but the runs: the parameters, members and columns, the slice, the workers, and the
 * store (created, or checked and continued). */
static lia_status plan_in(lia_explore *e, const lia_model *m, const lia_explore_options *o)
{
    if (o->samples < 1) { lia__explore_err(e, "the number of samples must be at least 1"); return LIA_EUSAGE; }
    if (!(o->delta == 0 || (o->delta > 0 && o->delta < 1))) {
        lia__explore_err(e, "delta must be in (0, 1), got %g", o->delta);
        return LIA_EUSAGE;
    }
    if (o->shards >= 2 && o->shard >= o->shards) {
        lia__explore_err(e, "shard %zu of %zu does not exist (shards are numbered 1 to %zu)", o->shard + 1, o->shards, o->shards);
        return LIA_EUSAGE;
    }
    if (o->shards >= 2 && !o->store) {
        lia__explore_err(e, "a shard needs a store to write its runs to (merged afterwards)");
        return LIA_EUSAGE;
    }
    if (lia_model_error_count(m) > 0) { lia__explore_err(e, "%s", lia_model_errmsg(m)); return LIA_EINPUT; }
    lia_status st = set_params(e, m, o);
    if (st == LIA_OK) st = set_members(e, m, o);
    if (st == LIA_OK && !lia__explore_columns(e)) st = LIA_ENOMEM;
    if (st != LIA_OK) return st;
    e->design = o->design;
    e->n = o->samples;
    e->seed = o->seed;
    e->delta = o->delta;
    e->total = lia__design_runs((lia__design_kind)o->design, o->samples, e->d);
    if (e->total == 0) { lia__explore_err(e, "the design's number of runs overflows"); return LIA_EUSAGE; }
    uint64_t from = 0, to = e->total;
    if (o->shards >= 2) {
        /* contiguous slices whose sizes differ by at most one */
        uint64_t q = e->total / o->shards, r = e->total % o->shards;
        from = q * o->shard + r * o->shard / o->shards;
        to = q * (o->shard + 1) + r * (o->shard + 1) / o->shards;
    }
    e->first = e->next = from;
    e->end = to;
    if (!(e->model_text = lia__model_text(m, &e->model_len))) return LIA_ENOMEM;
    if ((st = lia__explore_run_new(e, m, o)) != LIA_OK) {
        if (st == LIA_ENOMEM) lia__explore_err(e, "out of memory");
        return st;
    }
    if (!o->store) return LIA_OK;
    uint64_t done = 0;
    int complete = 0;
    if (!(e->store_path = dup(e, o->store))) return LIA_ENOMEM;
    e->nruns = to - from;   /* the slice the store is for */
    st = lia__store_open(&e->store, e, o->store, &done, &complete);
    e->nruns = 0;
    if (st != LIA_OK) return st;
    if (!complete && done > 0 && !o->resume) {
        lia__explore_err(e, "%s holds an unfinished exploration (%llu of %llu runs); resume it (lia_explore_options.resume) or remove the file",
                         o->store, (unsigned long long)done, (unsigned long long)(to - from));
        return LIA_EUSAGE;
    }
    e->next = complete ? to : from + done;
    return LIA_OK;
}

static const lia_explore_options default_options = LIA_EXPLORE_OPTIONS_INIT;

/* No more runs: the solver threads' state freed and the store closed (what it holds stays). */
static void stop_runs(lia_explore *e)
{
    lia__explore_run_free(e->run);
    e->run = NULL;
    lia__store_close(e->store);
    e->store = NULL;
}

lia_status lia_explore_plan(lia_explore **out, const lia_model *m, const char *game, const lia_explore_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    static const size_t ends[LIA_EXPLORE_OPTIONS_VERSION] = { offsetof(lia_explore_options, target),
                                                              sizeof(lia_explore_options) };
    lia_explore_options o_ = default_options, *o = &o_;
    if (!m || !LIA__OPTIONS_READ(o, opts, lia_explore_options, ends, NULL, 0) || check_options(o) != LIA_OK)
        return LIA_EUSAGE;
    lia_explore *e = lia__explore_new();
    if (!e) return LIA_ENOMEM;
    if (!game) game = lia_model_game_count(m) == 1 ? lia_model_game_name(m, 0) : NULL;
    lia_status st = LIA_OK;
    if (!game) {
        lia__explore_err(e, "%s has %zu agreements and games; name the one to explore", lia_model_source_name(m),
                         lia_model_game_count(m));
        st = LIA_EUSAGE;
    } else if (!(e->game = dup(e, game))) {
        st = LIA_ENOMEM;
    }
    if (st == LIA_OK) st = plan_in(e, m, o);
    if (st != LIA_OK) stop_runs(e);   /* a failed plan is no plan: nothing can be solved or appended */
    if (st == LIA_ENOMEM) {
        lia_explore_free(e);
        return st;
    }
    *out = e;
    return st;
}

/* The plan's runs in batches: solved on its threads, then appended in index order. */
lia_status lia_model_explore(lia_explore **out, const lia_model *m, const char *game, const lia_explore_options *opts)
{
    lia_status st = lia_explore_plan(out, m, game, opts);
    if (st != LIA_OK) return st;
    lia_explore *e = *out;
    const lia_explore_options *o = opts ? opts : &default_options;
    uint64_t from = e->next, todo = e->end - e->next;
    double *batch = lia__malloc(LIA__EXPLORE_BATCH * e->ncols * sizeof *batch);
    if (!batch) st = LIA_ENOMEM;
    for (uint64_t b = from; st == LIA_OK && b < e->end; b += LIA__EXPLORE_BATCH) {
        size_t n = (size_t)(e->end - b < LIA__EXPLORE_BATCH ? e->end - b : LIA__EXPLORE_BATCH);
        st = lia__explore_solve(e, b, n, batch, b - from, todo);
        if (st == LIA_OK) st = lia_explore_append(e, batch, n);   /* a cancelled batch is dropped whole */
    }
    lia__free(batch);
    if (st == LIA_OK && o->progress) o->progress(o->progress_ctx, (size_t)todo, (size_t)todo);
    if (st == LIA_OK) st = lia_explore_finish(e);
    if (st != LIA_OK) stop_runs(e);   /* the store, closed now so that it can be resumed, keeps every finished batch */
    if (st == LIA_ENOMEM) {
        lia_explore_free(e);
        *out = NULL;
    }
    return st;
}

lia_status lia_explore_open(lia_explore **out, const char *store)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!store) return LIA_EUSAGE;
    return lia__store_load(out, store);
}

void lia_explore_free(lia_explore *e)
{
    lia__errmsg_forget(e);
    if (!e) return;
    lia__explore_run_free(e->run);
    lia__store_close(e->store);
    lia__free(e->rows);
    lia__free(e->model_text);
    lia__arena_free(&e->arena);
    lia__free(e);
}

const char *lia_design_name(lia_design d) { return (unsigned)d <= LIA_DESIGN_MORRIS ? lia__design_name((lia__design_kind)d) : NULL; }
const char *lia_explore_errmsg(const lia_explore *e) { return e ? (*lia__errmsg_of(e) ? lia__errmsg_of(e) : e->errmsg) : "no exploration (NULL handle)"; }
const char *lia_explore_game(const lia_explore *e) { return e ? e->game : NULL; }
lia_design lia_explore_design(const lia_explore *e) { return e ? e->design : LIA_DESIGN_MC; }
uint64_t lia_explore_samples(const lia_explore *e) { return e ? e->n : 0; }
uint64_t lia_explore_seed(const lia_explore *e) { return e ? e->seed : 0; }
uint64_t lia_explore_total_runs(const lia_explore *e) { return e ? e->total : 0; }
uint64_t lia_explore_run_count(const lia_explore *e) { return e ? e->nruns : 0; }
uint64_t lia_explore_first_run(const lia_explore *e) { return e ? e->first : 0; }
int lia_explore_complete(const lia_explore *e) { return e ? e->complete : 0; }
size_t lia_explore_param_count(const lia_explore *e) { return e ? e->d : 0; }
const char *lia_explore_param_name(const lia_explore *e, size_t j) { return e && j < e->d ? e->pnames[j] : NULL; }
size_t lia_explore_member_count(const lia_explore *e) { return e ? e->members : 0; }
const char *lia_explore_member_name(const lia_explore *e, size_t i) { return e && i < e->members ? e->mnames[i] : NULL; }
const size_t *lia_explore_target(const lia_explore *e) { return e ? e->target : NULL; }
size_t lia_explore_column_count(const lia_explore *e) { return e ? e->ncols : 0; }
const char *lia_explore_column_name(const lia_explore *e, size_t c) { return e && c < e->ncols ? e->cols[c] : NULL; }

lia_status lia_explore_param_range(const lia_explore *e, size_t j, double *lo, double *hi)
{
    if (!e || j >= e->d) return LIA_EUSAGE;
    if (lo) *lo = e->lo[j];
    if (hi) *hi = e->hi[j];
    return LIA_OK;
}

double lia_explore_value(const lia_explore *e, uint64_t k, size_t c)
{
    return e && k < e->nruns && c < e->ncols ? e->rows[(size_t)k * e->ncols + c] : NAN;
}
