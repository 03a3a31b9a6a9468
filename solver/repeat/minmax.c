/* minmax.c — the harshest punishment the other players could inflict on one of them, if they
 * may coordinate it: the necessary condition behind every repeated-game verdict. */
#include "repeat.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>

/* LP over columns q_0..q_{m-1} (a distribution over the others' pure profiles, m of them) and
 * v (free): minimise v subject to v >= sum_r q_r u_i(a, r) for each own strategy a, and
 * sum q = 1. Payoffs are shifted and scaled to [0, 1] so GLPK's tolerances mean the same for
 * every game; the value is mapped back and re-checked against the distribution found. */
lia_status lia_minmax_correlated(const lia_game *g, size_t i, double *value)
{
    size_t own = g->ns[i], m = g->nprofiles / own, stride = 1;
    for (size_t j = 0; j < i; j++) stride *= g->ns[j];
    const double *u = g->payoffs + i * g->nprofiles;
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < g->nprofiles; k++) { lo = fmin(lo, u[k]); hi = fmax(hi, u[k]); }
    double span = hi > lo ? hi - lo : 1;
    if (!(hi > lo)) { *value = lo; return LIA_OK; }   /* constant payoffs: nothing to punish with */
    size_t cols = m + 1, rows = own + 1, nnz = own * m + own + m;
    size_t *ri = lia__malloc(nnz * sizeof *ri), *ci = lia__malloc(nnz * sizeof *ci);
    double *val = lia__malloc(nnz * sizeof *val), *rhs = lia__malloc(rows * sizeof *rhs);
    double *obj = lia__calloc(cols, sizeof *obj), *clo = lia__malloc(cols * sizeof *clo);
    double *chi = lia__malloc(cols * sizeof *chi), *x = lia__malloc(cols * sizeof *x);
    lia_row_kind *kind = lia__malloc(rows * sizeof *kind);
    lia_status st = LIA_OK;
    if (!ri || !ci || !val || !rhs || !obj || !clo || !chi || !x || !kind) { st = LIA_ENOMEM; goto done; }
    /* column r is the others' profile whose index, with i's strategy removed, is r: the full
     * profile is (r / stride) * stride * own + a * stride + r % stride */
    size_t k = 0;
    for (size_t a = 0; a < own; a++) {
        for (size_t r = 0; r < m; r++) {
            size_t prof = (r / stride) * stride * own + a * stride + r % stride;
            ri[k] = a; ci[k] = r; val[k++] = (u[prof] - lo) / span;
        }
        ri[k] = a; ci[k] = m; val[k++] = -1;
        kind[a] = LIA_ROW_LE;
        rhs[a] = 0;
    }
    for (size_t r = 0; r < m; r++) { ri[k] = own; ci[k] = r; val[k++] = 1; }
    kind[own] = LIA_ROW_EQ;
    rhs[own] = 1;
    for (size_t r = 0; r < m; r++) { clo[r] = 0; chi[r] = INFINITY; }
    clo[m] = -INFINITY;
    chi[m] = INFINITY;
    obj[m] = 1;
    lia_lp lp = { rows, cols, k, 0, obj, ri, ci, val, kind, rhs, clo, chi };
    lia_lp_outcome out;
    double v;
    if ((st = lia_lp_solve_by(&lp, m > 4 * own ? LIA_LP_DUAL_TIGHT : LIA_LP_PRIMAL_TIGHT, &out, x, &v)) != LIA_OK) goto done;
    if (out != LIA_LP_OPTIMAL) { st = LIA_EINTERNAL; goto done; }   /* bounded and feasible by construction */
    /* the best reply to the distribution found is the value, up to the LP's tolerance */
    double best = -INFINITY, sum = 0;
    for (size_t r = 0; r < m; r++) sum += fmax(x[r], 0);
    for (size_t a = 0; a < own; a++) {
        double e = 0;
        for (size_t r = 0; r < m; r++) e += fmax(x[r], 0) / sum * u[(r / stride) * stride * own + a * stride + r % stride];
        best = fmax(best, e);
    }
    if (!(fabs(best - (lo + v * span)) <= 1e-7 * span)) { st = LIA_EINTERNAL; goto done; }
    *value = best;
done:
    lia__free(ri); lia__free(ci); lia__free(val); lia__free(rhs); lia__free(obj);
    lia__free(clo); lia__free(chi); lia__free(x); lia__free(kind);
    return st;
}
