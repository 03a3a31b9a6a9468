/* regimes_lp.c — state-contingent transfers over regimes (regimes.h), one LP through the
 * lia_lp fence. */
#include "regimes.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* Columns: t[s * np + i] (free in reachable regimes, 0 in the others), then pay[s * np + i]
 * (>= 0, >= -t: what i pays in s). Rows: per regime sum_i t = 0; per member and reachable
 * regime sum_s' M_i(s, s') t_i(s') >= -slack_i(s), with M_i = (1 - d_i)(I - d_i Pi)^{-1} (the
 * transfers enter V linearly); per column pair pay + t >= 0. Minimise sum occ_i(s) pay. */
lia_status lia__regime_transfers(size_t nr, size_t np, const double *pi, size_t start, const double *delta,
                                const double *c, const double *d, const double *p, int *feasible, double *t,
                                double *cost)
{
    *feasible = 0;
    if (!lia__regime_valid(nr, pi, start) || np == 0) return LIA_EUSAGE;
    for (size_t i = 0; i < np; i++)
        if (!(delta[i] >= 0 && delta[i] < 1)) return LIA_EUSAGE;
    size_t cells, nt, mcells, nnz, rows;
    if (!lia__size_mul(nr, nr, &cells) || !lia__size_mul(nr, np, &nt) || !lia__size_mul(cells, np, &mcells) ||
        !lia__size_add(mcells, 3 * nt, &nnz) || !lia__size_add(nr, 2 * nt, &rows) || nt > ((size_t)-1) / 8)
        return LIA_ELIMIT;
    unsigned char *reach = lia__malloc(nr);
    double *m = lia__malloc(mcells * sizeof *m), *slack = lia__malloc(nt * sizeof *slack);
    lia_lp_arrays L = { 0 };
    lia_status st = LIA_OK;
    if (!reach || !m || !slack || !lia__lp_arrays_alloc(&L, rows, 2 * nt, nnz)) { st = LIA_ENOMEM; goto done; }
    lia__regime_reachable(nr, pi, start, reach);
    double scale = 0;
    for (size_t i = 0; i < np; i++) {
        /* M_i column-major: m[i * cells + s' * nr + s] = M_i(s, s') */
        double *mi = m + i * cells;
        for (size_t k = 0; k < cells; k++) mi[k] = k % (nr + 1) == 0;
        if ((st = lia__regime_values(nr, pi, delta[i], nr, mi, mi)) != LIA_OK) goto done;
        if ((st = lia__regime_slack(nr, pi, delta[i], c + i * nr, d + i * nr, p + i * nr, NULL, NULL,
                                   slack + i * nr)) != LIA_OK)
            goto done;
        for (size_t s = 0; s < nr; s++)
            if (reach[s]) scale = fmax(scale, fmax(fabs(c[i * nr + s]), fmax(fabs(d[i * nr + s]), fabs(p[i * nr + s]))));
    }
    if (scale == 0) scale = 1;
    size_t k = 0, r = 0;
    for (size_t s = 0; s < nr; s++) {
        for (size_t i = 0; i < np; i++) { L.row[k] = r; L.col[k] = s * np + i; L.val[k++] = 1; }
        L.kind[r] = LIA_ROW_EQ;
        L.rhs[r++] = 0;
    }
    for (size_t i = 0; i < np; i++)
        for (size_t s = 0; s < nr; s++) {
            if (!reach[s]) continue;
            for (size_t s2 = 0; s2 < nr; s2++) {
                double coef = m[i * cells + s2 * nr + s];
                if (coef == 0 || !reach[s2]) continue;
                L.row[k] = r; L.col[k] = s2 * np + i; L.val[k++] = coef;
            }
            L.kind[r] = LIA_ROW_GE;
            L.rhs[r++] = -slack[i * nr + s];
        }
    for (size_t j = 0; j < nt; j++) {
        L.row[k] = r; L.col[k] = nt + j; L.val[k++] = 1;
        L.row[k] = r; L.col[k] = j; L.val[k++] = 1;
        L.kind[r] = LIA_ROW_GE;
        L.rhs[r++] = 0;
    }
    L.rows = r;
    for (size_t s = 0; s < nr; s++)
        for (size_t i = 0; i < np; i++) {
            size_t j = s * np + i;
            L.lo[j] = reach[s] ? -INFINITY : 0;
            L.hi[j] = reach[s] ? INFINITY : 0;
            L.lo[nt + j] = 0;
            L.hi[nt + j] = reach[s] ? INFINITY : 0;
            /* occ_i(s): the start's row of M_i */
            L.obj[nt + j] = m[i * cells + s * nr + start];
        }
    lia_lp lp = lia__lp_arrays_view(&L, k, 0);
    lia_lp_outcome out;
    double obj;
    if ((st = lia__lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, &out, L.x, &obj)) != LIA_OK) goto done;
    if (out != LIA_LP_OPTIMAL) goto done;   /* infeasible: no transfers exist */
    for (size_t j = 0; j < nt; j++) t[j] = fabs(L.x[j]) <= 1e-12 * scale ? 0 : L.x[j];
    *cost = fabs(obj) <= 1e-12 * scale ? 0 : obj;
    *feasible = 1;
done:
    lia__free(reach);
    lia__free(m);
    lia__free(slack);
    lia__lp_arrays_free(&L);
    return st;
}
