/* maxmin.c — security strategies by LP (any game) and the equilibria of two-player
 * constant-sum games, which are the players' security strategies. */
#include "nash.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* The worst case of mixed strategy x of player p over the others' pure profiles (the minimum
 * of a linear function over their mixtures is attained at one). */
static double worst_case(const lia_game *g, size_t p, const double *x)
{
    size_t stride = 1;
    for (size_t q = 0; q < p; q++) stride *= g->ns[q];
    size_t block = stride * g->ns[p];
    const double *u = g->payoffs + p * g->nprofiles;
    double worst = INFINITY;
    for (size_t hi = 0; hi < g->nprofiles; hi += block)
        for (size_t lo = 0; lo < stride; lo++) {
            double v = 0;
            for (size_t s = 0; s < g->ns[p]; s++) v += x[s] * u[hi + lo + s * stride];
            if (v < worst) worst = v;
        }
    return worst;
}

/* max v  s.t.  sum_s x_s u_p(s, t) - v >= 0 for every profile t of the others,  sum x = 1. */
static lia_status security_lp(const lia_game *g, size_t p, double *value, double *x)
{
    size_t n = g->ns[p], contexts = g->nprofiles / n, stride = 1;
    for (size_t q = 0; q < p; q++) stride *= g->ns[q];
    size_t block = stride * n, rows = contexts + 1, cols = n + 1, nnz = contexts * cols + n;
    size_t *ri = lia__malloc(nnz * sizeof *ri), *ci = lia__malloc(nnz * sizeof *ci);
    double *val = lia__malloc(nnz * sizeof *val), *obj = lia__calloc(cols, sizeof *obj);
    double *rhs = lia__calloc(rows, sizeof *rhs), *lo = lia__malloc(cols * sizeof *lo), *hi = lia__malloc(cols * sizeof *hi);
    double *sol = lia__malloc(cols * sizeof *sol);
    lia_row_kind *kind = lia__malloc(rows * sizeof *kind);
    lia_status st = LIA_ENOMEM;
    if (!ri || !ci || !val || !obj || !rhs || !lo || !hi || !sol || !kind) goto done;
    const double *u = g->payoffs + p * g->nprofiles;
    /* the LP sees p's payoffs mapped onto [0, 1]: the strategy is unchanged, and GLPK's absolute
     * tolerances then mean the same for payoffs of 1e-12 and of 1e9 */
    double umin = INFINITY, umax = -INFINITY;
    for (size_t q = 0; q < g->nprofiles; q++) { umin = fmin(umin, u[q]); umax = fmax(umax, u[q]); }
    double span = umax > umin ? umax - umin : 1;
    size_t k = 0, r = 0;
    for (size_t h = 0; h < g->nprofiles; h += block)
        for (size_t l = 0; l < stride; l++, r++) {
            for (size_t s = 0; s < n; s++) { ri[k] = r; ci[k] = s; val[k++] = (u[h + l + s * stride] - umin) / span; }
            ri[k] = r; ci[k] = n; val[k++] = -1;
            kind[r] = LIA_ROW_GE;
        }
    for (size_t s = 0; s < n; s++) { ri[k] = contexts; ci[k] = s; val[k++] = 1; }
    kind[contexts] = LIA_ROW_EQ;
    rhs[contexts] = 1;
    for (size_t j = 0; j < cols; j++) { lo[j] = 0; hi[j] = INFINITY; }
    lo[n] = -INFINITY;                     /* v is free */
    obj[n] = 1;
    lia_lp lp = { rows, cols, nnz, 1, obj, ri, ci, val, kind, rhs, lo, hi };
    lia_lp_outcome out;
    st = lia_lp_solve(&lp, &out, sol, NULL);
    if (st == LIA_OK && out != LIA_LP_OPTIMAL) st = LIA_EINTERNAL;   /* always feasible and bounded */
    if (st == LIA_OK) {
        double sum = 0;
        for (size_t s = 0; s < n; s++) { x[s] = sol[s] > 0 ? sol[s] : 0; sum += x[s]; }
        for (size_t s = 0; s < n; s++) x[s] /= sum;
        /* verify independently: the strategy really guarantees the value */
        *value = worst_case(g, p, x);
        double scale = fmax(fabs(umin), fabs(umax));
        if (!(fabs(*value - (sol[n] * span + umin)) <= 1e-9 * fmax(scale, span))) st = LIA_EINTERNAL;   /* NaN fails too */
    }
done:
    lia__free(ri); lia__free(ci); lia__free(val); lia__free(obj); lia__free(rhs);
    lia__free(lo); lia__free(hi); lia__free(sol); lia__free(kind);
    return st;
}

lia_status lia_game_maxmin(const lia_game *g, size_t player, double *value, double *strategy)
{
    if (!g || player >= g->np || !value || !strategy) return LIA_EUSAGE;
    return security_lp(g, player, value, strategy);
}

/* u_0 + u_1 is the same at every profile (exactly, when the game is exact). */
static int constant_sum(const lia_game *g)
{
    if (g->np != 2) return 0;
    const size_t P = g->nprofiles;
    if (g->exact) {
        lia_num c = lia_num_add(g->exact[0], g->exact[P]);
        int all = lia_num_exact(c);
        for (size_t k = 1; all && k < P; k++) {
            lia_num s = lia_num_add(g->exact[k], g->exact[P + k]);
            if (!lia_num_exact(s)) { all = 0; break; }
            if (lia_num_cmp(s, c) != 0) return 0;
        }
        if (all) return 1;
    }
    double c = g->payoffs[0] + g->payoffs[P], scale = 0;
    for (size_t k = 0; k < 2 * P; k++) scale = fmax(scale, fabs(g->payoffs[k]));
    for (size_t k = 1; k < P; k++)   /* relative to the payoffs, not to 1 */
        if (!(fabs(g->payoffs[k] + g->payoffs[P + k] - c) <= 1e-12 * scale)) return 0;
    return 1;
}

lia_status lia_nash_lp(lia_eqset *e, const lia_game *g)
{
    if (!constant_sum(g)) return LIA_EUSAGE;
    double *x = lia__malloc(e->width * sizeof *x), u[2], v0, v1, regret;
    if (!x) return LIA_ENOMEM;
    lia_status st = security_lp(g, 0, &v0, x);
    if (st == LIA_OK) st = security_lp(g, 1, &v1, x + g->ns[0]);
    if (st == LIA_OK) st = lia_game_regret(g, x, &regret);
    if (st == LIA_OK) st = lia_game_expected_payoffs(g, x, u);
    if (st == LIA_OK && regret > lia_regret_tolerance(g)) st = LIA_EINTERNAL;   /* the minimax theorem says 0 */
    if (st == LIA_OK && !lia_eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
    lia__free(x);
    return st;
}
