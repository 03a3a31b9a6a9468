/* correlated.c — correlated and coarse correlated equilibria of n-player games by LP: the
 * max-welfare distribution and each player's best and worst payoff over the set. */
#include "correlated.h"
#include "eqset.h"
#include "../game/game.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include "../util/options.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#define WELFARE SIZE_MAX         /* the objective that sums every player's payoff */
/* Our triplets (24 bytes), lia__lp_solve's 1-based copy (16) and GLPK's row and column lists
 * and simplex matrix (about 80): what one nonzero of the LP costs while it is solved. */
#define BYTES_PER_NONZERO 128

/* The (C)CE LP over p(s), one column per pure profile s: incentive rows (>= 0), then the row
 * sum p = 1. Player i's payoffs enter as (u_i - shift[i]) / scale[i]: mapped onto [0, 1] for
 * solving (GLPK's absolute tolerances then mean the same in any payoff units, and each row
 * only changes by a positive factor), the identity for writing the LP in the game's units. */
typedef struct ce_lp {
    lia_lp lp;
    size_t *row, *col;
    double *val, *obj, *rhs;
    lia_row_kind *kind;
    double *shift, *scale;
    double wscale;                /* the welfare objective is divided by this (sum of scales) */
    int mapped;                   /* payoffs mapped onto [0, 1] (for solving) */
} ce_lp;

static void ce_free(ce_lp *c)
{
    lia__free(c->row); lia__free(c->col); lia__free(c->val); lia__free(c->obj); lia__free(c->rhs);
    lia__free(c->kind); lia__free(c->shift); lia__free(c->scale);
}

static size_t stride_of(const lia_game *g, size_t i)
{
    size_t stride = 1;
    for (size_t q = 0; q < i; q++) stride *= g->ns[q];
    return stride;
}

/* Rows and an upper bound on the nonzeros; 0 if the LP would not fit the memory cap. Each
 * player contributes n_i (n_i - 1) CE rows of nprofiles / n_i entries, or n_i CCE rows of
 * nprofiles (n_i - 1) / n_i entries: nprofiles (n_i - 1) either way. */
static int ce_size(const lia_game *g, int coarse, size_t cap, size_t *rows, size_t *nnz)
{
    size_t r = 1, per = 1, bytes;   /* the sum row and its entries (per profile) */
    for (size_t i = 0; i < g->np; i++) {
        size_t n = g->ns[i], ri;
        if (!lia__size_mul(n, coarse ? 1 : n - 1, &ri) || !lia__size_add(r, ri, &r) || !lia__size_add(per, n - 1, &per))
            return 0;
    }
    if (!lia__size_mul(per, g->nprofiles, nnz) || !lia__size_mul(*nnz, BYTES_PER_NONZERO, &bytes) ||
        bytes > cap)
        return 0;
    *rows = r;
    return 1;
}

static void push(ce_lp *c, size_t r, size_t s, double v)
{
    if (v == 0) return;           /* equal payoffs: GLPK would only store the zero */
    /* A mapped difference below 1e-12 is 0 to GLPK's tolerances, and beside ones of order 1 its
     * scaling then calls a feasible LP infeasible (payoffs 2 and 8 beside -1e20: 6e-20), as
     * lia__lp_unit says for minmax. Dropped, it moves a deviation's gain by under 1e-12 of the
     * player's spread, far inside the 1e-9 the answer is verified to. */
    if (c->mapped && fabs(v) < 1e-12) return;
    size_t k = c->lp.nnz++;
    c->row[k] = r;
    c->col[k] = s;
    c->val[k] = v;
}

/* Row (i, a, b) of the CE: sum over s with s_i = a of p(s) (u_i(a, s_-i) - u_i(b, s_-i)) >= 0.
 * Row (i, b) of the CCE: sum over every s of p(s) (u_i(s) - u_i(b, s_-i)) >= 0. */
static void ce_rows(ce_lp *c, const lia_game *g, int coarse)
{
    size_t r = 0;
    for (size_t i = 0; i < g->np; i++) {
        size_t n = g->ns[i], stride = stride_of(g, i), block = stride * n;
        const double *u = g->payoffs + i * g->nprofiles;
        double f = 1 / c->scale[i];
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                /* CE: a row per pair a != b; CCE: a row per b (a runs once, at 0) */
                if (coarse ? a != 0 : a == b) continue;
                for (size_t h = 0; h < g->nprofiles; h += block)
                    for (size_t l = 0; l < stride; l++) {
                        const double *ul = u + h + l;   /* i's payoffs against one s_-i, stride apart */
                        for (size_t t = coarse ? 0 : a; t < (coarse ? n : a + 1); t++)
                            push(c, r, h + l + t * stride, (ul[t * stride] - ul[b * stride]) * f);
                    }
                c->kind[r++] = LIA_ROW_GE;
            }
    }
    for (size_t s = 0; s < g->nprofiles; s++) push(c, r, s, 1);
    c->kind[r] = LIA_ROW_EQ;
    c->rhs[r] = 1;
}

static lia_status ce_build(ce_lp *c, const lia_game *g, int coarse, int mapped, size_t cap)
{
    size_t rows, nnz, P = g->nprofiles;
    if (!ce_size(g, coarse, cap, &rows, &nnz)) return LIA_ELIMIT;
    *c = (ce_lp){ .row = lia__malloc(nnz * sizeof(size_t)), .col = lia__malloc(nnz * sizeof(size_t)),
                  .val = lia__malloc(nnz * sizeof(double)), .obj = lia__calloc(P, sizeof(double)),
                  .rhs = lia__calloc(rows, sizeof(double)), .kind = lia__malloc(rows * sizeof(lia_row_kind)),
                  .shift = lia__calloc(g->np, sizeof(double)), .scale = lia__malloc(g->np * sizeof(double)) };
    if (!c->row || !c->col || !c->val || !c->obj || !c->rhs || !c->kind || !c->shift || !c->scale) {
        ce_free(c);
        return LIA_ENOMEM;
    }
    c->wscale = 0;
    c->mapped = mapped;
    for (size_t i = 0; i < g->np; i++) {
        const double *u = g->payoffs + i * P;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t s = 0; s < P; s++) { lo = fmin(lo, u[s]); hi = fmax(hi, u[s]); }
        c->shift[i] = mapped ? lo : 0;
        c->scale[i] = mapped && hi > lo ? hi - lo : 1;
        c->wscale += c->scale[i];
    }
    if (!mapped) c->wscale = 1;
    c->lp = (lia_lp){ rows, P, 0, 1, c->obj, c->row, c->col, c->val, c->kind, c->rhs, NULL, NULL };
    ce_rows(c, g, coarse);
    return LIA_OK;
}

/* Objective `who` (a player, or WELFARE) in the LP's units, into obj (nprofiles). */
static void ce_objective(const ce_lp *c, const lia_game *g, size_t who, double *obj)
{
    size_t P = g->nprofiles;
    for (size_t s = 0; s < P; s++) {
        double v = 0;
        for (size_t i = 0; i < g->np; i++)
            if (who == WELFARE || who == i) v += g->payoffs[i * P + s] - c->shift[i];
        obj[s] = v / (who == WELFARE ? c->wscale : c->scale[who]);
    }
}

/* The largest expected gain of any deviation the (C)CE forbids under distribution x, from the
 * game's own payoffs (not the LP's): <= 0 exactly at a (C)CE. NaN propagates. */
static double max_gain(const lia_game *g, int coarse, const double *x)
{
    double worst = -INFINITY;
    for (size_t i = 0; i < g->np; i++) {
        size_t n = g->ns[i], stride = stride_of(g, i), block = stride * n;
        const double *u = g->payoffs + i * g->nprofiles;
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                if (coarse ? a != 0 : a == b) continue;   /* the rows of ce_rows */
                double gain = 0;
                for (size_t h = 0; h < g->nprofiles; h += block)
                    for (size_t l = 0; l < stride; l++)
                        for (size_t t = coarse ? 0 : a; t < (coarse ? n : a + 1); t++)
                            gain += x[h + l + t * stride] * (u[h + l + b * stride] - u[h + l + t * stride]);
                if (!(gain <= worst)) worst = gain;
            }
    }
    return worst;
}

/* GLPK's answer as a distribution: nonnegative and summing to 1 within 1e-9, then round-off
 * cut to 0 (tiny negatives, and the 1e-17 left on basic variables that are really 0, which
 * would otherwise show in the support) and the sum made 1. 0 if it is not a distribution;
 * what is left is verified afterwards, so the cut cannot hide a violation. */
static int clean(double *x, size_t n)
{
    double sum = 0;
    for (size_t s = 0; s < n; s++) {
        if (!(x[s] >= -1e-9)) return 0;   /* NaN fails too */
        if (x[s] < 1e-13) x[s] = 0;
        sum += x[s];
    }
    if (!(fabs(sum - 1) <= 1e-9)) return 0;
    for (size_t s = 0; s < n; s++) x[s] /= sum;
    return 1;
}

/* What expected() sums: the sum of x(s) |u(s)| (for `who`, or every player). */
static double magnitude(const lia_game *g, size_t who, const double *x)
{
    double v = 0;
    for (size_t i = 0; i < g->np; i++)
        if (who == WELFARE || who == i)
            for (size_t s = 0; s < g->nprofiles; s++) v += x[s] * fabs(g->payoffs[i * g->nprofiles + s]);
    return v;
}

static double expected(const lia_game *g, size_t who, const double *x)
{
    double v = 0;
    for (size_t i = 0; i < g->np; i++)
        if (who == WELFARE || who == i)
            for (size_t s = 0; s < g->nprofiles; s++) v += x[s] * g->payoffs[i * g->nprofiles + s];
    return v;
}

/* GLPK's optimum x for objective `who`, checked: a distribution, a (C)CE by the game's own
 * payoffs, and its value there (*value) equal to the LP's optimum z mapped back. */
static lia_status verify(const ce_lp *c, const lia_game *g, int coarse, size_t who, lia_lp_outcome out, double *x,
                         double z, double *value)
{
    /* every Nash equilibrium is a CE, so the LP is feasible, and distributions are bounded */
    if (out != LIA_LP_OPTIMAL || !clean(x, g->nprofiles)) return LIA_EINTERNAL;
    double tol = lia__regret_tolerance(g);
    if (!(max_gain(g, coarse, x) <= tol)) return LIA_EINTERNAL;
    *value = expected(g, who, x);
    double lpvalue = z * (who == WELFARE ? c->wscale : c->scale[who]);
    for (size_t i = 0; i < g->np; i++)
        if (who == WELFARE || who == i) lpvalue += c->shift[i];
    if (!(fabs(*value - lpvalue) <= tol * (who == WELFARE ? (double)g->np : 1))) return LIA_EINTERNAL;
    return LIA_OK;
}

/* 1 + 2 np objectives on one constraint set: welfare, then each player's payoff maximised and
 * minimised. One GLPK problem serves them all, so the matrix is loaded and scaled once; an
 * objective whose answer fails verification gets a second opinion from the primal simplex. */
static lia_status correlated_solve(lia_correlated *r, const lia_game *g, int coarse, int ranges, size_t cap)
{
    ce_lp c;
    lia_status st = ce_build(&c, g, coarse, 1, cap);
    if (st != LIA_OK) return st;
    size_t P = g->nprofiles, k = ranges ? 1 + 2 * g->np : 1, n;
    double *objs = NULL, *x = NULL, *z = lia__malloc(k * sizeof *z), *v = lia__malloc(k * sizeof *v);
    int *maximize = lia__malloc(k * sizeof *maximize);
    lia_lp_outcome *out = lia__malloc(k * sizeof *out);
    if (lia__size_mul(k, P * sizeof(double), &n)) { objs = lia__malloc(n); x = lia__malloc(n); }
    if (!objs || !x || !z || !v || !maximize || !out) { st = LIA_ENOMEM; goto done; }
    for (size_t t = 0; t < k; t++) {
        ce_objective(&c, g, t == 0 ? WELFARE : (t - 1) / 2, objs + t * P);
        maximize[t] = t % 2 == 1 || t == 0;
    }
    c.lp.obj = objs;
    st = lia__lp_solve_many(&c.lp, LIA_LP_DUAL_TIGHT, k, objs, maximize, out, x, z);
    for (size_t t = 0; st == LIA_OK && t < k; t++) {
        size_t who = t == 0 ? WELFARE : (t - 1) / 2;
        if (verify(&c, g, coarse, who, out[t], x + t * P, z[t], v + t) == LIA_OK) continue;
        st = lia__lp_solve_many(&c.lp, LIA_LP_PRIMAL_TIGHT, 1, objs + t * P, maximize + t, out + t, x + t * P, z + t);
        if (st == LIA_OK) st = verify(&c, g, coarse, who, out[t], x + t * P, z[t], v + t);
    }
    if (st != LIA_OK) goto done;
    r->welfare = v[0];
    memcpy(r->distribution, x, P * sizeof *x);
    double tol = lia__regret_tolerance(g);
    r->has_ranges = ranges;
    size_t np = g->np;
    r->mag[3 * np] = magnitude(g, WELFARE, r->distribution);
    for (size_t i = 0; st == LIA_OK && i < np; i++) {
        r->payoffs[i] = expected(g, i, r->distribution);
        r->mag[i] = magnitude(g, i, r->distribution);
        if (!ranges) continue;
        r->best[i] = v[1 + 2 * i];
        r->worst[i] = v[2 + 2 * i];
        r->mag[np + i] = fmax(magnitude(g, i, x + (1 + 2 * i) * P), r->mag[i]);
        r->mag[2 * np + i] = fmax(magnitude(g, i, x + (2 + 2 * i) * P), r->mag[i]);
        /* the max-welfare distribution is a (C)CE too: its payoff lies in the range, or some
         * LP stopped short of its optimum */
        if (!(r->worst[i] - tol <= r->payoffs[i] && r->payoffs[i] <= r->best[i] + tol)) st = LIA_EINTERNAL;
        /* within that tolerance, a verified (C)CE attains payoffs[i]: keep worst <= it <= best */
        r->worst[i] = fmin(r->worst[i], r->payoffs[i]);
        r->best[i] = fmax(r->best[i], r->payoffs[i]);
    }
done:
    lia__free(objs); lia__free(x); lia__free(z); lia__free(v); lia__free(maximize); lia__free(out);
    ce_free(&c);
    return st;
}

/* The caller's options of any version, in the current layout (defaults when given is NULL;
 * version 1 ends before memory_cap). */
static int options_read(lia_correlated_options *o, const lia_correlated_options *given)
{
    static const size_t ends[LIA_CORRELATED_OPTIONS_VERSION] = { offsetof(lia_correlated_options, memory_cap),
                                                                 sizeof(lia_correlated_options) };
    if (!LIA__OPTIONS_READ(o, given, lia_correlated_options, ends, NULL, 0)) return 0;
    if (!o->memory_cap) o->memory_cap = LIA_DEFAULT_MEMORY_CAP;
    return 1;
}

/* Why a correlated-equilibrium call failed with st, for lia_errmsg (a deeper message stays). */
static lia_status ce_explain(lia_status st, const lia_game *g, int coarse, size_t cap)
{
    const char *kind = coarse ? "coarse correlated-equilibrium" : "correlated-equilibrium";
    char size[32];
    lia__format_cap(size, sizeof size, cap);
    if (st == LIA_ELIMIT)
        return lia__errmsg_default(st, "the %s LP of '%s' would exceed the memory cap of %s "
                                       "(lia_correlated_options.memory_cap)", kind, g->name, size);
    if (st == LIA_ENOMEM)
        return lia__errmsg_default(st, "out of memory building the %s LP of '%s'", kind, g->name);
    if (st == LIA_EINTERNAL)
        return lia__errmsg_default(st, "the %s LP of '%s' gave no solution that passes re-verification (GLPK did "
                                       "not report an optimum, or a deviation gains more than 1e-9 of the payoff "
                                       "scale); nothing unverified is reported", kind, g->name);
    return lia__errmsg_default(st, "the %s LP of '%s' failed: %s", kind, g->name, lia_status_name(st));
}

lia_status lia_game_correlated(lia_correlated **out, const lia_game *g, const lia_correlated_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_game_correlated: out is NULL");
    *out = NULL;
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    if (!options_read(&o, opts)) return LIA_EUSAGE;   /* message set */
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_game_correlated: the game is NULL");
    int coarse = o.coarse != 0;
    lia_correlated *r = lia__correlated_new(g, coarse);
    if (!r) return ce_explain(LIA_ENOMEM, g, coarse, o.memory_cap);
    lia_status st = correlated_solve(r, g, coarse, o.ranges != 0, o.memory_cap);
    if (st != LIA_OK) { lia_correlated_free(r); return ce_explain(st, g, coarse, o.memory_cap); }
    *out = r;
    return LIA_OK;
}

/* Column p(s_0,..) per profile; rows ic(player,a,b) or cc(player,b), then total. */
static int ce_names(lia_arena *a, const lia_game *g, int coarse, const char **cols, const char **rows)
{
    const char **parts = lia__arena_array(a, g->np > 3 ? g->np : 3, sizeof *parts);
    if (!parts) return 0;
    for (size_t s = 0; s < g->nprofiles; s++) {
        size_t rest = s;
        for (size_t q = 0; q < g->np; rest /= g->ns[q], q++) parts[q] = g->strategies[q][rest % g->ns[q]];
        if (!(cols[s] = lia__lp_name(a, "p", g->np, parts))) return 0;
    }
    size_t r = 0;
    for (size_t i = 0; i < g->np; i++)
        for (size_t x = 0; x < g->ns[i]; x++)
            for (size_t y = 0; y < g->ns[i]; y++) {
                if (coarse ? x != 0 : x == y) continue;   /* the row order of ce_rows */
                parts[0] = g->players[i];
                parts[1] = g->strategies[i][coarse ? y : x];
                parts[2] = g->strategies[i][y];
                if (!(rows[r++] = lia__lp_name(a, coarse ? "cc" : "ic", coarse ? 2 : 3, parts))) return 0;
            }
    rows[r] = "total";
    return 1;
}

lia_status lia_game_correlated_lp(char **out, size_t *len, const lia_game *g, const lia_correlated_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_game_correlated_lp: out is NULL");
    *out = NULL;
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    if (!options_read(&o, opts)) return LIA_EUSAGE;   /* message set */
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_game_correlated_lp: the game is NULL");
    int coarse = o.coarse != 0;
    ce_lp c;
    lia_status st = ce_build(&c, g, coarse, 0, o.memory_cap);   /* in the game's units: its optimum is the welfare */
    if (st != LIA_OK) return ce_explain(st, g, coarse, o.memory_cap);
    ce_objective(&c, g, WELFARE, c.obj);
    lia_arena a;
    lia__arena_init(&a);
    const char **cols = lia__arena_array(&a, c.lp.cols, sizeof *cols);
    const char **rows = lia__arena_array(&a, c.lp.rows, sizeof *rows);
    size_t tcap = strlen(g->name) + 80;
    char *title = lia__arena_alloc(&a, tcap);
    st = LIA_ENOMEM;
    if (cols && rows && title && ce_names(&a, g, coarse, cols, rows)) {
        snprintf(title, tcap, "liaison: max-welfare %scorrelated equilibrium LP of game %s",
                 coarse ? "coarse " : "", g->name);
        st = lia__lp_write_cplex(out, len, &c.lp, title, cols, rows);
    }
    lia__arena_free(&a);
    ce_free(&c);
    return st == LIA_OK ? st : ce_explain(st, g, coarse, o.memory_cap);
}
