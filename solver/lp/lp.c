/* lp.c — the only file that calls GLPK. */
#include "lp.h"
#include "../util/mem.h"
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>

/* GLPK calls this on an internal error and aborts the process if it returns; jumping back to
 * lia_lp_solve is the only way out. The jump buffer is per call (passed as info), so there is
 * no shared state between threads, and GLPK 5's environment is thread-local. */
static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* GLPK prints its error messages even with terminal output off; a library must never write to
 * the host's stdout (it would corrupt the CLI's JSON), so every line is swallowed. */
static int swallow(void *info, const char *s)
{
    (void)info;
    (void)s;
    return 1;
}

static int checked(const lia_lp *lp)
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

lia_status lia_lp_solve(const lia_lp *lp, lia_lp_outcome *outcome, double *x, double *objective)
{
    if (!outcome || !checked(lp)) return LIA_EUSAGE;
    /* GLPK's arrays are 1-based */
    int *ia = lia__malloc((lp->nnz + 1) * sizeof *ia), *ja = lia__malloc((lp->nnz + 1) * sizeof *ja);
    double *ar = lia__malloc((lp->nnz + 1) * sizeof *ar);
    if (!ia || !ja || !ar) { lia__free(ia); lia__free(ja); lia__free(ar); return LIA_ENOMEM; }
    for (size_t k = 0; k < lp->nnz; k++) {
        ia[k + 1] = (int)lp->row[k] + 1;
        ja[k + 1] = (int)lp->col[k] + 1;
        ar[k + 1] = lp->val[k];
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
    glp_error_hook(on_glpk_error, &fence);   /* again on every call: glp_free_env drops both hooks */
    glp_term_hook(swallow, NULL);
    int host_out = glp_term_out(GLP_OFF);   /* restored below: the host's setting is its own */
    prob = glp_create_prob();
    glp_set_obj_dir(prob, lp->maximize ? GLP_MAX : GLP_MIN);
    if (lp->rows) glp_add_rows(prob, (int)lp->rows);
    glp_add_cols(prob, (int)lp->cols);
    for (size_t i = 0; i < lp->rows; i++) {
        int type = lp->kind[i] == LIA_ROW_LE ? GLP_UP : lp->kind[i] == LIA_ROW_GE ? GLP_LO : GLP_FX;
        glp_set_row_bnds(prob, (int)i + 1, type, lp->rhs[i], lp->rhs[i]);
    }
    for (size_t j = 0; j < lp->cols; j++) {
        double lo = lp->col_lo ? lp->col_lo[j] : 0, hi = lp->col_hi ? lp->col_hi[j] : INFINITY;
        glp_set_col_bnds(prob, (int)j + 1, bound_type(lo, hi), isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
        glp_set_obj_coef(prob, (int)j + 1, lp->obj[j]);
    }
    if (lp->nnz) glp_load_matrix(prob, (int)lp->nnz, ia, ja, ar);
    glp_scale_prob(prob, GLP_SF_AUTO);     /* payoffs of 1e9 or 1e-9 otherwise defeat GLPK's tolerances */
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int rc = glp_simplex(prob, &parm);
    if (rc != 0) {
        st = LIA_EINTERNAL;
    } else {
        int status = glp_get_status(prob);
        if (status == GLP_OPT) {
            *outcome = LIA_LP_OPTIMAL;
            if (objective) *objective = glp_get_obj_val(prob);
            for (size_t j = 0; x && j < lp->cols; j++) x[j] = glp_get_col_prim(prob, (int)j + 1);
        } else if (status == GLP_NOFEAS) {
            *outcome = LIA_LP_INFEASIBLE;
        } else if (status == GLP_UNBND) {
            *outcome = LIA_LP_UNBOUNDED;
        } else {
            st = LIA_EINTERNAL;   /* undefined or feasible-but-not-optimal after a clean return */
        }
    }
    glp_delete_prob(prob);
    glp_error_hook(NULL, NULL);
    glp_term_hook(NULL, NULL);
    glp_term_out(host_out);
    lia__free(ia);
    lia__free(ja);
    lia__free(ar);
    return st;
}
