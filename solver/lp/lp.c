/* lp.c — one-shot linear programs through GLPK (lp_inc.c keeps one alive across calls). */
#include "lp.h"
#include "../util/mem.h"
#include "glpk_fence.h"
#include <limits.h>
#include <math.h>

int lia__lp_valid(const lia_lp *lp)
{
    if (!lp || lp->cols == 0 || !lp->obj || (lp->rows && (!lp->kind || !lp->rhs)) || (lp->nnz && (!lp->row || !lp->col || !lp->val)))
        return 0;
    /* GLPK indexes with int and aborts on anything out of range: check it all first */
    if (lp->rows >= INT_MAX || lp->cols >= INT_MAX || lp->nnz >= INT_MAX) return 0;
    for (size_t j = 0; j < lp->cols; j++) {
        if (!isfinite(lp->obj[j])) return 0;
        double lo = lp->col_lo ? lp->col_lo[j] : 0, hi = lp->col_hi ? lp->col_hi[j] : INFINITY;
        if (isnan(lo) || isnan(hi) || lo > hi || lo == INFINITY || hi == -INFINITY) return 0;
    }
    for (size_t i = 0; i < lp->rows; i++)
        if (!isfinite(lp->rhs[i]) || lp->kind[i] > LIA_ROW_EQ) return 0;
    for (size_t k = 0; k < lp->nnz; k++)
        if (lp->row[k] >= lp->rows || lp->col[k] >= lp->cols || !isfinite(lp->val[k])) return 0;
    return 1;
}

static int bound_type(double lo, double hi)
{
    if (isinf(lo) && isinf(hi)) return GLP_FR;
    if (isinf(hi)) return GLP_LO;
    if (isinf(lo)) return GLP_UP;
    return lo == hi ? GLP_FX : GLP_DB;
}

lia_status lia__lp_solve(const lia_lp *lp, lia_lp_outcome *outcome, double *x, double *objective)
{
    return lia__lp_solve_by(lp, LIA_LP_PRIMAL, outcome, x, objective);
}

lia_status lia__lp_solve_by(const lia_lp *lp, lia_lp_method method, lia_lp_outcome *outcome, double *x, double *objective)
{
    if (!lp) return LIA_EUSAGE;
    return lia__lp_solve_many(lp, method, 1, lp->obj, &lp->maximize, outcome, x, objective);
}

lia_status lia__lp_solve_many(const lia_lp *lp, lia_lp_method method, size_t k, const double *objs, const int *maximize,
                             lia_lp_outcome *outcome, double *x, double *objective)
{
    if (!outcome || !lia__lp_valid(lp) || (unsigned)method > LIA_LP_PRIMAL_TIGHT || !k || !objs || !maximize)
        return LIA_EUSAGE;
    for (size_t t = 0; t < k; t++)
        for (size_t j = 0; j < lp->cols; j++)
            if (!isfinite(objs[t * lp->cols + j])) return LIA_EUSAGE;
    /* GLPK's arrays are 1-based */
    int *ia = lia__malloc((lp->nnz + 1) * sizeof *ia), *ja = lia__malloc((lp->nnz + 1) * sizeof *ja);
    double *ar = lia__malloc((lp->nnz + 1) * sizeof *ar);
    if (!ia || !ja || !ar) { lia__free(ia); lia__free(ja); lia__free(ar); return LIA_ENOMEM; }
    for (size_t e = 0; e < lp->nnz; e++) {
        ia[e + 1] = (int)lp->row[e] + 1;
        ja[e + 1] = (int)lp->col[e] + 1;
        ar[e + 1] = lp->val[e];
    }
    volatile lia_status st = LIA_OK;
    glp_prob *volatile prob = NULL;
    jmp_buf fence;
    if (setjmp(fence)) {
        /* GLPK failed inside: its environment is unusable, and glp_free_env also frees prob */
        glp_free_env();
        lia__free(ia);
        lia__free(ja);
        lia__free(ar);
        return LIA_EINTERNAL;
    }
    int host_out = lia_glpk_enter(&fence);   /* restored below: the host's setting is its own */
    prob = glp_create_prob();
    if (lp->rows) glp_add_rows(prob, (int)lp->rows);
    glp_add_cols(prob, (int)lp->cols);
    for (size_t i = 0; i < lp->rows; i++) {
        int type = lp->kind[i] == LIA_ROW_LE ? GLP_UP : lp->kind[i] == LIA_ROW_GE ? GLP_LO : GLP_FX;
        glp_set_row_bnds(prob, (int)i + 1, type, lp->rhs[i], lp->rhs[i]);
    }
    for (size_t j = 0; j < lp->cols; j++) {
        double lo = lp->col_lo ? lp->col_lo[j] : 0, hi = lp->col_hi ? lp->col_hi[j] : INFINITY;
        glp_set_col_bnds(prob, (int)j + 1, bound_type(lo, hi), isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
    }
    if (lp->nnz) glp_load_matrix(prob, (int)lp->nnz, ia, ja, ar);
    glp_scale_prob(prob, GLP_SF_AUTO);     /* payoffs of 1e9 or 1e-9 otherwise defeat GLPK's tolerances */
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    /* GLPK's default tolerances (1e-7) left rows of correlated-equilibrium LPs violated by
     * 3e-8, over the 1e-9 their results are verified to; at 1e-10 both simplex methods
     * sometimes declared a feasible LP infeasible. These passed 106,000 random games
     * (docs/model.md). */
    if (method != LIA_LP_PRIMAL) parm.tol_bnd = parm.tol_dj = method == LIA_LP_DUAL_TIGHT ? 3e-10 : 1e-9;
    if (method == LIA_LP_DUAL_TIGHT) parm.meth = GLP_DUALP;   /* GLPK falls back to the primal simplex if the dual fails */
    for (size_t t = 0; t < k && st == LIA_OK; t++) {
        /* the matrix stays loaded and scaled; GLPK applies the column scales to the objective */
        glp_set_obj_dir(prob, maximize[t] ? GLP_MAX : GLP_MIN);
        for (size_t j = 0; j < lp->cols; j++) glp_set_obj_coef(prob, (int)j + 1, objs[t * lp->cols + j]);
        if (method == LIA_LP_DUAL_TIGHT) glp_cpx_basis(prob);   /* Bixby's basis depends on the objective */
        if (glp_simplex(prob, &parm) != 0) { st = LIA_EINTERNAL; break; }
        int status = glp_get_status(prob);
        if (status == GLP_OPT) {
            outcome[t] = LIA_LP_OPTIMAL;
            if (objective) objective[t] = glp_get_obj_val(prob);
            for (size_t j = 0; x && j < lp->cols; j++) x[t * lp->cols + j] = glp_get_col_prim(prob, (int)j + 1);
        } else if (status == GLP_NOFEAS) {
            outcome[t] = LIA_LP_INFEASIBLE;
        } else if (status == GLP_UNBND) {
            outcome[t] = LIA_LP_UNBOUNDED;
        } else {
            st = LIA_EINTERNAL;   /* undefined or feasible-but-not-optimal after a clean return */
        }
    }
    glp_delete_prob(prob);
    lia_glpk_leave(host_out);
    lia__free(ia);
    lia__free(ja);
    lia__free(ar);
    return st;
}

void lia__lp_thread_done(void)
{
    glp_free_env();
}

int lia__lp_arrays_alloc(lia_lp_arrays *a, size_t rows, size_t cols, size_t nnz)
{
    *a = (lia_lp_arrays){ rows, cols, lia__malloc(nnz * sizeof(size_t)), lia__malloc(nnz * sizeof(size_t)),
                          lia__malloc(nnz * sizeof(double)), lia__malloc(rows * sizeof(double)),
                          lia__calloc(cols, sizeof(double)), lia__malloc(cols * sizeof(double)),
                          lia__malloc(cols * sizeof(double)), lia__malloc(cols * sizeof(double)),
                          lia__malloc(rows * sizeof(lia_row_kind)) };
    if (a->row && a->col && a->val && a->rhs && a->obj && a->lo && a->hi && a->x && a->kind) return 1;
    lia__lp_arrays_free(a);
    return 0;
}

void lia__lp_arrays_free(lia_lp_arrays *a)
{
    lia__free(a->row); lia__free(a->col); lia__free(a->val); lia__free(a->rhs); lia__free(a->obj);
    lia__free(a->lo); lia__free(a->hi); lia__free(a->x); lia__free(a->kind);
    *a = (lia_lp_arrays){ 0 };
}

lia_lp lia__lp_arrays_view(const lia_lp_arrays *a, size_t nnz, int maximize)
{
    return (lia_lp){ a->rows, a->cols, nnz, maximize, a->obj, a->row, a->col, a->val, a->kind, a->rhs, a->lo, a->hi };
}
