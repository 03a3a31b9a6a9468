/* transfers.c — compensating transfers (docs/model.md section 10) and the best self-enforcing
 * profile. Member i keeps to the profile iff C_i + t_i >= (1 - delta_i) D_i + delta_i P_i. */
#include "repeat.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>

/* The LP: columns t_0..t_{n-1} (free), s_0..s_{n-1} (>= 0, s_i >= -t_i: what i pays) and a
 * margin m fixed at 0; rows sum t = 0, t_i - m >= need_i, s_i + t_i >= 0 and a (slack) budget
 * row on sum s; minimise sum s. GLPK decides feasibility and the least total. */
lia_status lia_transfers(size_t n, const double *c, const double *d, const double *p, const double *delta,
                         int *feasible, double *t)
{
    *feasible = 0;
    double need_total = 0, scale = 0;
    for (size_t i = 0; i < n; i++) {
        double need = (1 - delta[i]) * d[i] + delta[i] * p[i] - c[i];
        need_total += need;
        scale = fmax(scale, fmax(fabs(c[i]), fmax(fabs(d[i]), fabs(p[i]))));
    }
    size_t cols = 2 * n + 1, rows = 1 + 2 * n + 1, nnz = n + 2 * n + 2 * n + n;
    size_t *ri = lia__malloc(nnz * sizeof *ri), *ci = lia__malloc(nnz * sizeof *ci);
    double *val = lia__malloc(nnz * sizeof *val), *rhs = lia__malloc(rows * sizeof *rhs);
    double *obj = lia__calloc(cols, sizeof *obj), *lo = lia__malloc(cols * sizeof *lo);
    double *hi = lia__malloc(cols * sizeof *hi), *x = lia__malloc(cols * sizeof *x);
    lia_row_kind *kind = lia__malloc(rows * sizeof *kind);
    lia_status st = LIA_OK;
    if (!ri || !ci || !val || !rhs || !obj || !lo || !hi || !x || !kind) { st = LIA_ENOMEM; goto done; }
    size_t k = 0, r = 0;
    for (size_t i = 0; i < n; i++) { ri[k] = r; ci[k] = i; val[k++] = 1; }
    kind[r] = LIA_ROW_EQ;
    rhs[r++] = 0;
    for (size_t i = 0; i < n; i++) {
        ri[k] = r; ci[k] = i; val[k++] = 1;
        ri[k] = r; ci[k] = 2 * n; val[k++] = -1;
        kind[r] = LIA_ROW_GE;
        rhs[r++] = (1 - delta[i]) * d[i] + delta[i] * p[i] - c[i];
    }
    for (size_t i = 0; i < n; i++) {
        ri[k] = r; ci[k] = n + i; val[k++] = 1;
        ri[k] = r; ci[k] = i; val[k++] = 1;
        kind[r] = LIA_ROW_GE;
        rhs[r++] = 0;
    }
    for (size_t i = 0; i < n; i++) { ri[k] = r; ci[k] = n + i; val[k++] = 1; }
    kind[r] = LIA_ROW_LE;
    rhs[r++] = 1e300;   /* no budget in the first LP */
    for (size_t j = 0; j < n; j++) { lo[j] = -INFINITY; hi[j] = INFINITY; lo[n + j] = 0; hi[n + j] = INFINITY; }
    lo[2 * n] = hi[2 * n] = 0;
    for (size_t i = 0; i < n; i++) obj[n + i] = 1;
    /* the first LP: least total paid */
    lia_lp lp = { rows, cols, k, 0, obj, ri, ci, val, kind, rhs, lo, hi };
    lia_lp_outcome out;
    double paid;
    if ((st = lia_lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, &out, x, &paid)) != LIA_OK) goto done;
    if (out != LIA_LP_OPTIMAL) goto done;   /* infeasible: the total need exceeds the surplus */
    /* The least total is the members' combined shortfall; who pays it is open whenever more
     * than one member has a surplus, and an LP vertex would pick arbitrarily. Each payer gives
     * the same fraction of its surplus instead, which is unique and keeps the least total. */
    double surplus = 0, shortfall = 0;
    for (size_t i = 0; i < n; i++) {
        double e = c[i] - ((1 - delta[i]) * d[i] + delta[i] * p[i]);
        if (e > 0) surplus += e;
        else shortfall -= e;
    }
    double share = surplus > 0 ? shortfall / surplus : 0;
    for (size_t i = 0; i < n; i++) {
        double e = c[i] - ((1 - delta[i]) * d[i] + delta[i] * p[i]);
        t[i] = e > 0 ? -e * share : -e;
    }
    (void)paid;
    *feasible = 1;
    (void)need_total;
done:
    lia__free(ri); lia__free(ci); lia__free(val); lia__free(rhs); lia__free(obj);
    lia__free(lo); lia__free(hi); lia__free(x); lia__free(kind);
    return st;
}

lia_status lia_best_self_enforcing(const lia_game *g, const double *p, const double *delta, int *found, size_t *prof)
{
    size_t n = g->np;
    double *c = lia__malloc(2 * n * sizeof *c), *d = c + n;
    if (!c) return LIA_ENOMEM;
    *found = 0;
    double best = -INFINITY, best_need = INFINITY;
    for (size_t k = 0; k < g->nprofiles; k++) {
        lia_target_values(g, k, c, d, NULL);
        /* feasible iff the members' surpluses cover their needs: sum of (rhs_i - C_i) <= 0 */
        double total = 0, need = 0, slack = 0, scale = 0;
        for (size_t i = 0; i < n; i++) {
            double e = (1 - delta[i]) * d[i] + delta[i] * p[i] - c[i];
            total += c[i];
            slack += e;
            if (e > 0) need += e;
            scale = fmax(scale, fmax(fabs(c[i]), fabs(d[i])));
        }
        if (slack > 1e-12 * (scale > 0 ? scale : 1) * (double)n) continue;
        if (total > best || (total == best && need < best_need)) {
            best = total;
            best_need = need;
            *prof = k;
            *found = 1;
        }
    }
    lia__free(c);
    return LIA_OK;
}
