/* nucleolus.c — nucleolus and prenucleolus by sequential LPs with row generation.
 *
 * Stage k maximises the smallest satisfaction t = min (x(S) - v(S)) / g(S) over the coalitions
 * not yet settled (g = 1, or |S| per capita), with the coalitions fixed at earlier stages held
 * at their levels. Materialising all 2^n rows would make a 22-player LP of four million rows;
 * instead the LP keeps a working set W — the coalitions that were ever among the most violated,
 * closed under complements so that t stays bounded — and between solves one sequential pass
 * over the table finds the K most violated coalitions outside it. The dual simplex re-solves
 * from the last basis, which the added rows leave dual feasible.
 *
 * A row with a positive dual is tight in every optimum of the stage (complementary
 * slackness), so it is fixed at the stage's level; a coalition whose indicator lies in the span
 * of the fixed ones has a determined excess and leaves the game ("settled"). Every stage fixes
 * at least one row outside that span (t's column only meets active rows, whose duals sum to
 * 1/g > 0), so the rank grows and there are at most n - 1 stages.
 *
 * The game is scaled to max |v| = 1 for GLPK's absolute tolerances. */
#include "share.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { LOW_BITS = 8 };
#define VIOL_TOL 1e-9   /* a satisfaction this far below t (scaled units) is a violation */
#define DUAL_TOL 1e-9   /* a dual this large marks a row tight in every optimum */
#define SPAN_TOL 1e-9   /* squared residual below which an indicator is in the span */

typedef struct row_ref { uint64_t mask; size_t row; } row_ref;

typedef struct nucl {
    const double *v;
    size_t n;
    double scale, inv;
    int pre, per_capita, all_rows;
    uint64_t full;
    uint64_t *settled, *in_w;       /* bitsets over the 2^n coalitions */
    lia_lp_inc *lp;
    row_ref *w;                     /* the working set's active rows */
    size_t nw, capw;
    double *q;                      /* orthonormal basis of the fixed span, n x rank */
    size_t rank;
    double *x;                      /* LP solution: x_0 .. x_{n-1}, t */
    double *row_dual, *col_dual;
    size_t cap_dual;
    double *xh;                     /* x(S) of the high bits, 2^(n - low) */
    size_t k;                       /* candidates per scan */
    uint64_t *cand;
    double *key;
    size_t nc;
    size_t *cols;
    double *vals;
    lia_nucleolus_stats stats;
    char *msg;
    size_t msgcap;
} nucl;

static int bit(const uint64_t *b, uint64_t s) { return (int)(b[s >> 6] >> (s & 63) & 1); }
static void set_bit(uint64_t *b, uint64_t s) { b[s >> 6] |= (uint64_t)1 << (s & 63); }
static void clear_bit(uint64_t *b, uint64_t s) { b[s >> 6] &= ~((uint64_t)1 << (s & 63)); }
static double weight(const nucl *nu, uint64_t s) { return nu->per_capita ? (double)__builtin_popcountll(s) : 1.0; }

static lia_status fail(nucl *nu, lia_status st, const char *what)
{
    if (nu->msg && nu->msgcap) snprintf(nu->msg, nu->msgcap, "%s", what);
    return st;
}

/* ---- the span of the fixed coalitions ---- */

/* Squared norm of what is left of vec after projecting out the basis; res gets the residual. */
static double residual(const nucl *nu, const double *vec, double *res)
{
    memcpy(res, vec, nu->n * sizeof *res);
    for (int pass = 0; pass < 2; pass++)   /* twice: classical Gram-Schmidt loses orthogonality */
        for (size_t k = 0; k < nu->rank; k++) {
            const double *qk = nu->q + k * nu->n;
            double d = 0;
            for (size_t i = 0; i < nu->n; i++) d += qk[i] * res[i];
            for (size_t i = 0; i < nu->n; i++) res[i] -= d * qk[i];
        }
    double s = 0;
    for (size_t i = 0; i < nu->n; i++) s += res[i] * res[i];
    return s;
}

static void indicator(const nucl *nu, uint64_t s, double *vec)
{
    for (size_t i = 0; i < nu->n; i++) vec[i] = (double)(s >> i & 1);
}

static int spanned(const nucl *nu, uint64_t s)
{
    double vec[64], res[64];
    indicator(nu, s, vec);
    return residual(nu, vec, res) < SPAN_TOL;
}

/* Add vec to the span; 1 if it was independent. */
static int span_add(nucl *nu, const double *vec)
{
    double res[64];
    double r2 = residual(nu, vec, res);
    if (r2 < SPAN_TOL || nu->rank >= nu->n) return 0;
    double inv = 1.0 / sqrt(r2);
    double *qk = nu->q + nu->rank * nu->n;
    for (size_t i = 0; i < nu->n; i++) qk[i] = res[i] * inv;
    nu->rank++;
    return 1;
}

/* ---- LP rows ---- */

static size_t row_of(nucl *nu, uint64_t s, int with_t)
{
    size_t nnz = 0;
    for (size_t i = 0; i < nu->n; i++)
        if (s >> i & 1) { nu->cols[nnz] = i; nu->vals[nnz++] = 1; }
    if (with_t) { nu->cols[nnz] = nu->n; nu->vals[nnz++] = -weight(nu, s); }
    return nnz;
}

/* Put s (if still open) into the working set as x(s) - g t >= v(s). Returns 1 if added. */
static lia_status activate(nucl *nu, uint64_t s, int *added)
{
    *added = 0;
    if (bit(nu->settled, s) || bit(nu->in_w, s)) return LIA_OK;
    if (spanned(nu, s)) { set_bit(nu->settled, s); return LIA_OK; }
    if (nu->nw == nu->capw) {
        size_t cap = nu->capw ? 2 * nu->capw : 64;
        row_ref *w = lia__realloc(nu->w, cap * sizeof *w);
        if (!w) return LIA_ENOMEM;
        nu->w = w;
        nu->capw = cap;
    }
    size_t nnz = row_of(nu, s, 1), row;
    lia_status st = lia__lp_inc_add_row(nu->lp, nnz, nu->cols, nu->vals, LIA_ROW_GE, nu->v[s] * nu->inv, &row);
    if (st != LIA_OK) return st;
    nu->w[nu->nw].mask = s;
    nu->w[nu->nw++].row = row;
    set_bit(nu->in_w, s);
    *added = 1;
    return LIA_OK;
}

/* s and its complement: with both in W, x(s) + x(N\s) = v(N) bounds t. */
static lia_status activate_pair(nucl *nu, uint64_t s, size_t *added)
{
    int a = 0, b = 0;
    lia_status st = activate(nu, s, &a);
    if (st == LIA_OK) st = activate(nu, nu->full ^ s, &b);
    *added += (size_t)(a + b);
    return st;
}

/* ---- the scan over the table ---- */

/* Keep the nu->k smallest keys in a max-heap (cand, key). */
static void heap_offer(nucl *nu, uint64_t s, double key)
{
    size_t i;
    if (nu->nc < nu->k) {
        i = nu->nc++;
        while (i && nu->key[(i - 1) / 2] < key) {
            nu->key[i] = nu->key[(i - 1) / 2];
            nu->cand[i] = nu->cand[(i - 1) / 2];
            i = (i - 1) / 2;
        }
    } else {
        if (key >= nu->key[0]) return;
        i = 0;
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= nu->nc) break;
            if (c + 1 < nu->nc && nu->key[c + 1] > nu->key[c]) c++;
            if (nu->key[c] <= key) break;
            nu->key[i] = nu->key[c];
            nu->cand[i] = nu->cand[c];
            i = c;
        }
    }
    nu->key[i] = key;
    nu->cand[i] = s;
}

/* The open coalitions outside W with the smallest keys: the satisfaction minus g t below
 * -VIOL_TOL (seed = 0), or, to seed an empty W, the smallest satisfactions per g (seed = 1). */
static void scan(nucl *nu, double t, int seed)
{
    size_t n = nu->n, low = n < LOW_BITS ? n : LOW_BITS;
    size_t block = (size_t)1 << low, blocks = (size_t)1 << (n - low);
    double xl[1 << LOW_BITS], gl[1 << LOW_BITS];
    xl[0] = 0;
    gl[0] = 0;
    for (size_t j = 1; j < block; j++) {
        xl[j] = xl[j & (j - 1)] + nu->x[__builtin_ctzll(j)];
        gl[j] = gl[j & (j - 1)] + 1;
    }
    nu->xh[0] = 0;
    for (size_t h = 1; h < blocks; h++) nu->xh[h] = nu->xh[h & (h - 1)] + nu->x[low + (size_t)__builtin_ctzll(h)];
    nu->nc = 0;
    double base = seed ? INFINITY : -VIOL_TOL;
    for (size_t h = 0; h < blocks; h++) {
        const double *vb = nu->v + (h << low);
        double xhh = nu->xh[h], gh = (double)__builtin_popcountll(h);
        double thr = nu->nc == nu->k ? nu->key[0] : base;
        for (size_t j = 0; j < block; j++) {
            double f = xl[j] + xhh - vb[j] * nu->inv;
            double g = nu->per_capita ? gl[j] + gh : 1;
            double key = seed ? f / g : f - g * t;
            if (!(key < thr)) continue;
            uint64_t s = (uint64_t)(h << low | j);
            if (bit(nu->settled, s) || bit(nu->in_w, s) || (seed && g == 0)) continue;
            /* settled here, once: left to the candidates, coalitions already determined by
             * the fixed span (veto games have millions) would come back K per scan */
            if (spanned(nu, s)) { set_bit(nu->settled, s); continue; }
            heap_offer(nu, s, key);
            if (nu->nc == nu->k) thr = nu->key[0];
        }
    }
    nu->stats.scans++;
}

/* ---- stages ---- */

static lia_status solve(nucl *nu)
{
    lia_lp_outcome out;
    lia_status st = lia__lp_inc_solve(nu->lp, &out, nu->x, NULL);
    nu->stats.solves++;
    if (st != LIA_OK) return fail(nu, st, "GLPK failed on a stage LP");
    if (out != LIA_LP_OPTIMAL) return fail(nu, LIA_EINTERNAL, "a stage LP was not solved to optimality");
    return LIA_OK;
}

/* Solve the stage to its optimum over the whole table. */
static lia_status stage_optimum(nucl *nu)
{
    for (;;) {
        size_t added = 0;
        lia_status st;
        if (nu->nw == 0) {
            scan(nu, 0, 1);
            for (size_t c = 0; c < nu->nc; c++)
                if ((st = activate_pair(nu, nu->cand[c], &added)) != LIA_OK) return st;
            if (nu->nw == 0) return fail(nu, LIA_EINTERNAL, "no open coalition is left before the solution is determined");
        }
        if ((st = solve(nu)) != LIA_OK) return st;
        scan(nu, nu->x[nu->n], 0);
        if (nu->nc == 0) return LIA_OK;
        for (size_t c = 0; c < nu->nc; c++)
            if ((st = activate_pair(nu, nu->cand[c], &added)) != LIA_OK) return st;
        /* nothing added: every candidate was in the span, now settled; scan again */
    }
}

static lia_status ensure_duals(nucl *nu)
{
    size_t rows = lia__lp_inc_rows(nu->lp);
    if (rows <= nu->cap_dual) return LIA_OK;
    double *d = lia__realloc(nu->row_dual, rows * sizeof *d);
    if (!d) return LIA_ENOMEM;
    nu->row_dual = d;
    nu->cap_dual = rows;
    return LIA_OK;
}

/* Fix the rows with positive duals at level t; settle what their span now determines. */
static lia_status fix_tight(nucl *nu, double t)
{
    lia_status st = ensure_duals(nu);
    if (st == LIA_OK) st = lia__lp_inc_duals(nu->lp, nu->row_dual, nu->col_dual);
    if (st != LIA_OK) return st == LIA_ENOMEM ? st : fail(nu, st, "GLPK gave no duals for a stage LP");
    size_t keep = 0;
    for (size_t a = 0; a < nu->nw; a++) {
        row_ref r = nu->w[a];
        if (fabs(nu->row_dual[r.row]) <= DUAL_TOL) { nu->w[keep++] = r; continue; }
        double vec[64];
        indicator(nu, r.mask, vec);
        if (span_add(nu, vec)) {
            size_t nnz = row_of(nu, r.mask, 0);
            st = lia__lp_inc_set_row(nu->lp, r.row, nnz, nu->cols, nu->vals, LIA_ROW_EQ,
                                    nu->v[r.mask] * nu->inv + weight(nu, r.mask) * t);
        } else {
            st = lia__lp_inc_relax_row(nu->lp, r.row);   /* implied by the fixed rows */
        }
        if (st != LIA_OK) return st;
        set_bit(nu->settled, r.mask);
        clear_bit(nu->in_w, r.mask);
    }
    nu->nw = keep;
    if (!nu->pre)   /* a binding imputation bound x_i >= v(i) holds in every optimum too */
        for (size_t i = 0; i < nu->n; i++)
            if (fabs(nu->col_dual[i]) > DUAL_TOL) {
                double e[64] = { 0 };
                e[i] = 1;
                span_add(nu, e);
            }
    keep = 0;
    for (size_t a = 0; a < nu->nw; a++) {
        row_ref r = nu->w[a];
        if (!spanned(nu, r.mask)) { nu->w[keep++] = r; continue; }
        if ((st = lia__lp_inc_relax_row(nu->lp, r.row)) != LIA_OK) return st;
        set_bit(nu->settled, r.mask);
        clear_bit(nu->in_w, r.mask);
    }
    nu->nw = keep;
    return LIA_OK;
}

static lia_status setup(nucl *nu)
{
    size_t n = nu->n, low = n < LOW_BITS ? n : LOW_BITS, words = (((size_t)1 << n) + 63) / 64;
    nu->settled = lia__calloc(words, sizeof *nu->settled);
    nu->in_w = lia__calloc(words, sizeof *nu->in_w);
    nu->q = lia__calloc(n * n, sizeof *nu->q);
    nu->x = lia__calloc(n + 1, sizeof *nu->x);
    nu->col_dual = lia__calloc(n + 1, sizeof *nu->col_dual);
    nu->xh = lia__malloc(((size_t)1 << (n - low)) * sizeof *nu->xh);
    nu->k = 2 * n < 64 ? 2 * n : 64;
    nu->cand = lia__malloc(nu->k * sizeof *nu->cand);
    nu->key = lia__malloc(nu->k * sizeof *nu->key);
    nu->cols = lia__malloc((n + 1) * sizeof *nu->cols);
    nu->vals = lia__malloc((n + 1) * sizeof *nu->vals);
    if (!nu->settled || !nu->in_w || !nu->q || !nu->x || !nu->col_dual || !nu->xh || !nu->cand || !nu->key ||
        !nu->cols || !nu->vals)
        return LIA_ENOMEM;
    set_bit(nu->settled, 0);
    set_bit(nu->settled, nu->full);
    double ones[64];
    for (size_t i = 0; i < n; i++) ones[i] = 1;
    span_add(nu, ones);

    /* columns x_0 .. x_{n-1} (free, or x_i >= v(i) on the imputation set) and t; max t */
    double obj[65] = { 0 }, lo[65], hi[65];
    for (size_t i = 0; i <= n; i++) { lo[i] = -INFINITY; hi[i] = INFINITY; }
    if (!nu->pre)
        for (size_t i = 0; i < n; i++) lo[i] = nu->v[(uint64_t)1 << i] * nu->inv;
    obj[n] = 1;
    lia_status st = lia__lp_inc_new(&nu->lp, n + 1, obj, 1, lo, hi);
    if (st != LIA_OK) return st;
    size_t nnz = row_of(nu, nu->full, 0);
    if ((st = lia__lp_inc_add_row(nu->lp, nnz, nu->cols, nu->vals, LIA_ROW_EQ, nu->v[nu->full] * nu->inv, NULL)) != LIA_OK)
        return st;
    size_t added = 0;
    if (nu->all_rows)   /* the baseline: every coalition's row from the start */
        for (uint64_t S = 1; S < nu->full && st == LIA_OK; S++) st = activate_pair(nu, S, &added);
    for (size_t i = 0; i < n && st == LIA_OK; i++) st = activate_pair(nu, (uint64_t)1 << i, &added);
    return st;
}

static void teardown(nucl *nu)
{
    lia__lp_inc_free(nu->lp);
    lia__free(nu->settled);
    lia__free(nu->in_w);
    lia__free(nu->w);
    lia__free(nu->q);
    lia__free(nu->x);
    lia__free(nu->row_dual);
    lia__free(nu->col_dual);
    lia__free(nu->xh);
    lia__free(nu->cand);
    lia__free(nu->key);
    lia__free(nu->cols);
    lia__free(nu->vals);
}

static lia_status check_input(nucl *nu)
{
    size_t m = (size_t)1 << nu->n;
    double scale = 0, singles = 0;
    for (size_t s = 0; s < m; s++) {
        if (!isfinite(nu->v[s])) return fail(nu, LIA_EUSAGE, "a coalition value is not finite");
        if (fabs(nu->v[s]) > scale) scale = fabs(nu->v[s]);
    }
    if (nu->v[0] != 0) return fail(nu, LIA_EUSAGE, "the empty coalition's value must be 0");
    if (scale > 0 && scale < 1e-300)   /* 1/scale would overflow: the LP could not be scaled */
        return fail(nu, LIA_EUSAGE, "the coalition values are all below 1e-300 in size; scale the game up");
    nu->scale = scale > 0 ? scale : 1;
    nu->inv = 1 / nu->scale;
    for (size_t i = 0; i < nu->n; i++) singles += nu->v[(size_t)1 << i];
    if (!nu->pre && singles > nu->v[m - 1] + 1e-12 * nu->scale * (double)nu->n)
        return fail(nu, LIA_EUSAGE, "the imputation set is empty: the players' values alone sum to more than the grand coalition's");
    return LIA_OK;
}

static lia_status nucleolus(const double *v, size_t n, int pre, int per_capita, int all_rows, double *x,
                            double *level1, lia_nucleolus_stats *stats, char *msg, size_t msgcap)
{
    if (msg && msgcap) msg[0] = 0;
    if (stats) memset(stats, 0, sizeof *stats);
    if (!v || !x || n == 0 || n > 30) return LIA_EUSAGE;
    nucl nu;
    memset(&nu, 0, sizeof nu);
    nu.v = v;
    nu.n = n;
    nu.pre = pre;
    nu.per_capita = per_capita;
    nu.all_rows = all_rows;
    nu.full = ((uint64_t)1 << n) - 1;
    nu.msg = msg;
    nu.msgcap = msgcap;
    lia_status st = check_input(&nu);
    if (st != LIA_OK) return st;
    if (n == 1) {
        x[0] = v[1];
        if (level1) *level1 = 0;
        return LIA_OK;
    }
    st = setup(&nu);
    for (int first = 1; st == LIA_OK && nu.rank < n; first = 0) {
        if ((st = stage_optimum(&nu)) != LIA_OK) break;
        double t = nu.x[n];
        if (first && level1) *level1 = t * nu.scale;
        nu.stats.stages++;
        st = fix_tight(&nu, t);
    }
    if (st == LIA_OK)   /* a share that is zero up to the simplex's rounding is reported as 0 */
        for (size_t i = 0; i < n; i++) x[i] = fabs(nu.x[i]) < 1e-13 ? 0 : nu.x[i] * nu.scale;
    nu.stats.rows = lia__lp_inc_rows(nu.lp);
    if (stats) *stats = nu.stats;
    teardown(&nu);
    if (st == LIA_ENOMEM) fail(&nu, st, "out of memory");
    return st;
}

lia_status lia__nucleolus_table(const double *v, size_t n, int pre, int per_capita, double *x, double *level1,
                               lia_nucleolus_stats *stats, char *msg, size_t msgcap)
{
    return nucleolus(v, n, pre, per_capita, 0, x, level1, stats, msg, msgcap);
}

lia_status lia__nucleolus_table_all_rows(const double *v, size_t n, int pre, double *x, lia_nucleolus_stats *stats)
{
    return nucleolus(v, n, pre, 0, 1, x, NULL, stats, NULL, 0);
}
