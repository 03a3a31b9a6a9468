/* transfers.c — compensating transfers (docs/model.md section 10) and the best self-enforcing
 * profile. Member i keeps to the profile iff C_i + t_i >= lia__keep_threshold(D_i, P_i, delta_i,
 * q_i), which is (1 - delta_i) D_i + delta_i P_i under perfect monitoring. */
#include "repeat.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>

/* The LP: columns t_0..t_{n-1} (free), s_0..s_{n-1} (>= 0, s_i >= -t_i: what i pays) and a
 * margin m fixed at 0; rows sum t = 0, t_i - m >= need_i, s_i + t_i >= 0 and a (slack) budget
 * row on sum s; minimise sum s. GLPK decides feasibility and the least total. */
/* member i's threshold: what keeping to the target must be worth to it */
static double threshold(const double *d, const double *p, const double *delta, const double *q, size_t i)
{
    return lia__keep_threshold(d[i], p[i], delta[i], q ? q[i] : 1);
}

lia_status lia__transfers(size_t n, const double *c, const double *d, const double *p, const double *delta,
                         const double *q, int *feasible, double *t)
{
    *feasible = 0;
    size_t cols = 2 * n + 1, rows = 1 + 2 * n + 1;
    lia_lp_arrays L;
    if (!lia__lp_arrays_alloc(&L, rows, cols, n + 2 * n + 2 * n + n)) return LIA_ENOMEM;
    size_t k = 0, r = 0;
    for (size_t i = 0; i < n; i++) { L.row[k] = r; L.col[k] = i; L.val[k++] = 1; }
    L.kind[r] = LIA_ROW_EQ;
    L.rhs[r++] = 0;
    for (size_t i = 0; i < n; i++) {
        L.row[k] = r; L.col[k] = i; L.val[k++] = 1;
        L.row[k] = r; L.col[k] = 2 * n; L.val[k++] = -1;
        L.kind[r] = LIA_ROW_GE;
        L.rhs[r++] = threshold(d, p, delta, q, i) - c[i];
    }
    for (size_t i = 0; i < n; i++) {
        L.row[k] = r; L.col[k] = n + i; L.val[k++] = 1;
        L.row[k] = r; L.col[k] = i; L.val[k++] = 1;
        L.kind[r] = LIA_ROW_GE;
        L.rhs[r++] = 0;
    }
    for (size_t i = 0; i < n; i++) { L.row[k] = r; L.col[k] = n + i; L.val[k++] = 1; }
    L.kind[r] = LIA_ROW_LE;
    L.rhs[r++] = 1e300;   /* no budget in the first LP */
    for (size_t j = 0; j < n; j++) { L.lo[j] = -INFINITY; L.hi[j] = INFINITY; L.lo[n + j] = 0; L.hi[n + j] = INFINITY; }
    L.lo[2 * n] = L.hi[2 * n] = 0;
    for (size_t i = 0; i < n; i++) L.obj[n + i] = 1;
    /* the first LP: least total paid */
    lia_lp lp = lia__lp_arrays_view(&L, k, 0);
    lia_lp_outcome out;
    double paid;
    lia_status st = lia__lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, &out, L.x, &paid);
    if (st != LIA_OK || out != LIA_LP_OPTIMAL) goto done;   /* infeasible: the total need exceeds the surplus */
    /* The least total is the members' combined shortfall; who pays it is open whenever more
     * than one member has a surplus, and an LP vertex would pick arbitrarily. Each payer gives
     * the same fraction of its surplus instead, which is unique and keeps the least total. */
    double surplus = 0, shortfall = 0;
    for (size_t i = 0; i < n; i++) {
        double e = c[i] - threshold(d, p, delta, q, i);
        if (e > 0) surplus += e;
        else shortfall -= e;
    }
    double share = surplus > 0 ? shortfall / surplus : 0;
    for (size_t i = 0; i < n; i++) {
        double e = c[i] - threshold(d, p, delta, q, i);
        t[i] = e > 0 ? -e * share : -e;
    }
    *feasible = 1;
done:
    lia__lp_arrays_free(&L);
    return st;
}

lia_status lia__best_self_enforcing(const lia_game *g, const double *p, const double *delta, const double *q, int *found,
                                   size_t *prof)
{
    size_t n = g->np;
    double *c = lia__malloc(2 * n * sizeof *c), *d = c + n;
    if (!c) return LIA_ENOMEM;
    *found = 0;
    double best = -INFINITY, best_need = INFINITY;
    for (size_t k = 0; k < g->nprofiles; k++) {
        lia__target_values(g, k, c, d, NULL);
        /* feasible iff the members' surpluses cover their needs: sum of (rhs_i - C_i) <= 0 */
        double total = 0, need = 0, slack = 0, scale = 0;
        for (size_t i = 0; i < n; i++) {
            double e = threshold(d, p, delta, q, i) - c[i];
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
