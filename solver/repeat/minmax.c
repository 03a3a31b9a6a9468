/* minmax.c — the harshest punishment the other players could inflict on one of them, if they
 * may coordinate it: the necessary condition behind every repeated-game verdict. */
#include "repeat.h"
#include "../lp/lp.h"
#include <math.h>

/* LP over columns q_0..q_{m-1} (a distribution over the others' pure profiles, m of them) and
 * v (free): minimise v subject to v >= sum_r q_r u_i(a, r) for each own strategy a, and
 * sum q = 1. Payoffs are shifted and scaled to [0, 1] so GLPK's tolerances mean the same for
 * every game; the value is mapped back and re-checked against the distribution found. */
lia_status lia__minmax_correlated(const lia_game *g, size_t i, double *value)
{
    size_t own = g->ns[i], m = g->nprofiles / own, stride = 1;
    for (size_t j = 0; j < i; j++) stride *= g->ns[j];
    const double *u = g->payoffs + i * g->nprofiles;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < g->nprofiles; k++) { lo = fmin(lo, u[k]); hi = fmax(hi, u[k]); }
    double span = hi > lo ? hi - lo : 1;
    if (!(hi > lo)) { *value = lo; return LIA_OK; }   /* constant payoffs: nothing to punish with */
    lia_lp_arrays L;
    if (!lia__lp_arrays_alloc(&L, own + 1, m + 1, own * m + own + m)) return LIA_ENOMEM;
    /* column r is the others' profile whose index, with i's strategy removed, is r: the full
     * profile is (r / stride) * stride * own + a * stride + r % stride */
    size_t k = 0;
    for (size_t a = 0; a < own; a++) {
        for (size_t r = 0; r < m; r++) {
            size_t prof = (r / stride) * stride * own + a * stride + r % stride;
            L.row[k] = a; L.col[k] = r; L.val[k++] = lia__lp_unit(u[prof], lo, span);
        }
        L.row[k] = a; L.col[k] = m; L.val[k++] = -1;
        L.kind[a] = LIA_ROW_LE;
        L.rhs[a] = 0;
    }
    for (size_t r = 0; r < m; r++) { L.row[k] = own; L.col[k] = r; L.val[k++] = 1; }
    L.kind[own] = LIA_ROW_EQ;
    L.rhs[own] = 1;
    for (size_t r = 0; r < m; r++) { L.lo[r] = 0; L.hi[r] = INFINITY; }
    L.lo[m] = -INFINITY;
    L.hi[m] = INFINITY;
    L.obj[m] = 1;
    lia_lp lp = lia__lp_arrays_view(&L, k, 0);
    /* The LP is feasible and bounded by construction, yet GLPK has declared it infeasible when
     * payoffs differ by less than its tolerances (Charlie's 0 against 1.07e-10 in
     * bilateral-vs-multilateral's Alpha_Charlie at Alpha.leak 0.0102): each method in turn
     * then, the first optimum that passes the check below is the value. */
    lia_lp_method first = m > 4 * own ? LIA_LP_DUAL_TIGHT : LIA_LP_PRIMAL_TIGHT;
    lia_lp_method order[3] = { first, first == LIA_LP_DUAL_TIGHT ? LIA_LP_PRIMAL_TIGHT : LIA_LP_DUAL_TIGHT, LIA_LP_PRIMAL };
    lia_status st = LIA_EINTERNAL;
    for (size_t t = 0; t < 3 && st == LIA_EINTERNAL; t++) {
        lia_lp_outcome out;
        double v;
        st = lia__lp_solve_by(&lp, order[t], &out, L.x, &v);
        if (st == LIA_OK && out != LIA_LP_OPTIMAL) st = LIA_EINTERNAL;
        if (st != LIA_OK) continue;
        /* the best reply to the distribution found is the value, up to the LP's tolerance */
        double best = -INFINITY, sum = 0;
        for (size_t r = 0; r < m; r++) sum += fmax(L.x[r], 0);
        for (size_t a = 0; a < own; a++) {
            double e = 0;
            for (size_t r = 0; r < m; r++) e += fmax(L.x[r], 0) / sum * u[(r / stride) * stride * own + a * stride + r % stride];
            best = fmax(best, e);
        }
        if (!(fabs(best - (lo + v * span)) <= 1e-7 * span)) { st = LIA_EINTERNAL; continue; }
        *value = best;
    }
    lia__lp_arrays_free(&L);
    return st;
}
