/* explore_analyse.c — what an exploration's runs say: the share of runs in each status (Wilson
 * 95% intervals), Sobol indices (sobol design) or Morris measures (morris design) of each
 * member's slack, welfare and transfers, and a PRIM box per status other than `holds` with
 * one sentence in words. The estimators are the public ones on plain arrays (liaison.h). */
#include "explore.h"
#include "explore_analysis.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Statuses in the order a reader scans them. */
static const int status_order[XA_STATUSES] = { LIA_VERDICT_HOLDS, LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT, LIA_VERDICT_UNDECIDED,
                                               LIA_VERDICT_NEEDS_TRANSFERS, LIA_VERDICT_BREAKS_DOWN, LIA_VERDICT_NONE, -1 };

static const char *verb(int s)
{
    switch (s) {
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "holds only with a harsher punishment";
    case LIA_VERDICT_UNDECIDED: return "is undecided";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "needs transfers";
    case LIA_VERDICT_BREAKS_DOWN: return "breaks down";
    case LIA_VERDICT_NONE: return "has no verdict";
    default: return "is invalid";
    }
}

static const char *noun(int s)
{
    switch (s) {
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "runs holding only with a harsher punishment";
    case LIA_VERDICT_UNDECIDED: return "undecided runs";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "runs needing transfers";
    case LIA_VERDICT_BREAKS_DOWN: return "breakdowns";
    case LIA_VERDICT_NONE: return "runs without a verdict";
    default: return "invalid runs";
    }
}

static double col(const lia_explore *e, uint64_t k, size_t c) { return e->rows[(size_t)k * e->ncols + c]; }

static lia_status probabilities(xa *a, const lia_explore *e)
{
    for (int t = 0; t < XA_STATUSES; t++) {
        size_t k = 0;
        for (uint64_t r = 0; r < e->nruns; r++) k += (int)col(e, r, lia__col_status(e)) == status_order[t];
        if (k == 0) continue;
        xa_prob *p = &a->prob[a->nprob++];
        p->status = status_order[t];
        p->runs = k;
        p->share = (double)k / (double)e->nruns;
        lia_status st = lia_wilson_interval(k, (size_t)e->nruns, 1.959963984540054, &p->lo, &p->hi);
        if (st != LIA_OK) return st;
    }
    return LIA_OK;
}

/* The outputs the indices are computed for: each slack, welfare and transfers. */
static lia_status outputs(xa *a, const lia_explore *e, lia_arena *ar)
{
    a->nout = e->members + 2;
    a->out_col = lia__arena_array(ar, a->nout, sizeof *a->out_col);
    a->out_missing = lia__arena_array(ar, a->nout, sizeof *a->out_missing);
    if (!a->out_col || !a->out_missing) return LIA_ENOMEM;
    for (size_t i = 0; i < e->members; i++) a->out_col[i] = lia__col_slack(e, i);
    a->out_col[e->members] = lia__col_welfare(e);
    a->out_col[e->members + 1] = lia__col_transfers(e);
    a->out_const = lia__arena_array(ar, a->nout, sizeof *a->out_const);
    if (!a->out_const) return LIA_ENOMEM;
    for (size_t o = 0; o < a->nout; o++) {
        double lo = INFINITY, hi = -INFINITY;
        for (uint64_t r = 0; r < e->nruns; r++) {
            double v = col(e, r, a->out_col[o]);
            a->out_missing[o] += !isfinite(v);
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        /* welfare is often the same in every run but for rounding (0.855 and 0.8549999999999999):
         * indices of rounding noise would be noise, so such an output gets the indices of a
         * constant, 0 */
        a->out_const[o] = !a->out_missing[o] && hi - lo <= 1e-9 * fmax(1, fmax(fabs(lo), fabs(hi)));
    }
    return LIA_OK;
}

static lia_status sobol(xa *a, const lia_explore *e, lia_arena *ar)
{
    size_t d = e->d;
    a->sobol = lia__arena_array(ar, a->nout * d, sizeof *a->sobol);
    double *y = lia__malloc((size_t)e->nruns * sizeof *y);
    double *buf = lia__malloc(4 * d * sizeof *buf);
    lia_status st = a->sobol && y && buf ? LIA_OK : LIA_ENOMEM;
    for (size_t o = 0; st == LIA_OK && o < a->nout; o++) {
        if (a->out_missing[o]) continue;   /* an output without a value in some run has no indices */
        for (uint64_t r = 0; r < e->nruns; r++) y[r] = a->out_const[o] ? 0 : col(e, r, a->out_col[o]);
        st = lia_sobol_indices(y, (size_t)e->n, d, XA_RESAMPLES, e->seed, buf, buf + d, buf + 2 * d, buf + 3 * d);
        for (size_t j = 0; st == LIA_OK && j < d; j++) {
            xa_index *x = &a->sobol[o * d + j];
            x->S1 = buf[j];
            x->ST = buf[d + j];
            x->S1_conf = buf[2 * d + j];
            x->ST_conf = buf[3 * d + j];
        }
    }
    lia__free(y);
    lia__free(buf);
    return st;
}

static lia_status morris(xa *a, const lia_explore *e, lia_arena *ar)
{
    size_t d = e->d;
    a->morris = lia__arena_array(ar, a->nout * d, sizeof *a->morris);
    double *x = lia__malloc((size_t)e->nruns * d * sizeof *x), *y = lia__malloc((size_t)e->nruns * sizeof *y);
    double *buf = lia__malloc(3 * d * sizeof *buf);
    lia_status st = a->morris && x && y && buf ? LIA_OK : LIA_ENOMEM;
    /* effects per the whole range of each parameter: a unit step of the normalised input */
    for (uint64_t r = 0; st == LIA_OK && r < e->nruns; r++)
        for (size_t j = 0; j < d; j++) x[r * d + j] = (col(e, r, j) - e->lo[j]) / (e->hi[j] - e->lo[j]);
    for (size_t o = 0; st == LIA_OK && o < a->nout; o++) {
        if (a->out_missing[o]) continue;
        for (uint64_t r = 0; r < e->nruns; r++) y[r] = a->out_const[o] ? 0 : col(e, r, a->out_col[o]);
        st = lia_morris_indices(x, y, (size_t)e->n, d, buf, buf + d, buf + 2 * d);
        for (size_t j = 0; st == LIA_OK && j < d; j++) {
            xa_morris *m = &a->morris[o * d + j];
            m->mu = buf[j];
            m->mu_star = buf[d + j];
            m->sigma = buf[2 * d + j];
        }
    }
    lia__free(x);
    lia__free(y);
    lia__free(buf);
    return st;
}

static void fmt_bound(char *buf, size_t cap, double v)
{
    snprintf(buf, cap, "%.3g", fabs(v) < 1e-12 ? 0 : v);
}

/* "breaks down in 87% of runs where pen > 0.21 and rec < 0.44 (91% of all breakdowns)" */
static void sentence(xa_box *b, const lia_explore *e)
{
    char *s = b->sentence;
    size_t cap = sizeof b->sentence, n = 0, parts = 0;
    n += (size_t)snprintf(s + n, cap - n, "%s in %.0f%% of runs", verb(b->status), 100 * b->density);
    for (size_t j = 0; j < e->d && n < cap; j++) {
        if (!b->restricted[j]) continue;
        char lo[32], hi[32];
        fmt_bound(lo, sizeof lo, b->lo[j]);
        fmt_bound(hi, sizeof hi, b->hi[j]);
        const char *join = parts++ ? " and " : " where ";
        if (b->restricted[j] == 3) n += (size_t)snprintf(s + n, cap - n, "%s%s < %s < %s", join, lo, e->pnames[j], hi);
        else if (b->restricted[j] == 1) n += (size_t)snprintf(s + n, cap - n, "%s%s > %s", join, e->pnames[j], lo);
        else n += (size_t)snprintf(s + n, cap - n, "%s%s < %s", join, e->pnames[j], hi);
    }
    if (!parts) {
        /* no region stands out: say so rather than name a box that is the whole space */
        snprintf(s, cap, "%s in %.0f%% of all runs, with no region of the parameters standing out", verb(b->status),
                 100 * b->density);
        return;
    }
    if (n < cap) snprintf(s + n, cap - n, " (%.0f%% of all %s)", 100 * b->coverage, noun(b->status));
}

static lia_status scenarios(xa *a, const lia_explore *e, lia_arena *ar)
{
    size_t d = e->d, n = (size_t)e->nruns;
    double *x = lia__malloc(n * d * sizeof *x);
    unsigned char *hit = lia__malloc(n ? n : 1);
    a->box = lia__arena_array(ar, XA_STATUSES, sizeof *a->box);
    lia_status st = x && hit && a->box ? LIA_OK : LIA_ENOMEM;
    for (size_t r = 0; st == LIA_OK && r < n; r++)
        for (size_t j = 0; j < d; j++) x[r * d + j] = col(e, r, j);
    for (size_t p = 0; st == LIA_OK && p < a->nprob; p++) {
        int s = a->prob[p].status;
        if (s == LIA_VERDICT_HOLDS) continue;
        xa_box *b = &a->box[a->nbox];
        b->status = s;
        b->lo = lia__arena_array(ar, d, sizeof *b->lo);
        b->hi = lia__arena_array(ar, d, sizeof *b->hi);
        b->restricted = lia__arena_array(ar, d, sizeof *b->restricted);
        if (!b->lo || !b->hi || !b->restricted) { st = LIA_ENOMEM; break; }
        for (size_t r = 0; r < n; r++) hit[r] = (int)col(e, r, lia__col_status(e)) == s;
        st = lia_prim_box(x, n, d, hit, XA_PRIM_ALPHA, XA_PRIM_COVERAGE, b->lo, b->hi, b->restricted, &b->coverage,
                          &b->density, &b->mass);
        if (st != LIA_OK) break;
        b->hits = a->prob[p].runs;
        sentence(b, e);
        a->nbox++;
    }
    lia__free(x);
    lia__free(hit);
    return st;
}

lia_status lia__explore_analyse(xa *a, const lia_explore *e, lia_arena *ar)
{
    memset(a, 0, sizeof *a);
    if (!e->complete || e->nruns == 0) return LIA_EUSAGE;
    lia_status st = probabilities(a, e);
    if (st == LIA_OK) st = outputs(a, e, ar);
    if (st == LIA_OK && e->design == LIA_DESIGN_SOBOL) st = sobol(a, e, ar);
    if (st == LIA_OK && e->design == LIA_DESIGN_MORRIS) st = morris(a, e, ar);
    if (st == LIA_OK) st = scenarios(a, e, ar);
    return st;
}

const char *lia__explore_status_verb(int s) { return s == LIA_VERDICT_HOLDS ? "holds" : verb(s); }
