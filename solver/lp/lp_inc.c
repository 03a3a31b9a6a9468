/* lp_inc.c — an LP kept alive across calls, for row generation (the nucleolus adds the most
 * violated coalitions a few at a time and re-solves from the last basis). */
#include "lp.h"
#include "glpk_fence.h"
#include "../util/mem.h"
#include <limits.h>
#include <math.h>

struct lia_lp_inc {
    glp_prob *prob;      /* NULL once dead */
    size_t cols, rows;
    int *ind;            /* 1-based index scratch for one row, cols + 1 */
    double *val;
};

/* Every entry point runs GLPK between FENCE_ENTER and FENCE_LEAVE. On a GLPK error the
 * environment (and with it the problem) is gone: the handle is marked dead. */
#define FENCE_ENTER(p)                                   \
    jmp_buf fence;                                       \
    int host_out;                                        \
    if (setjmp(fence)) {                                 \
        glp_free_env();                                  \
        (p)->prob = NULL;                                \
        return LIA_EINTERNAL;                            \
    }                                                    \
    host_out = lia_glpk_enter(&fence)
#define FENCE_LEAVE() lia_glpk_leave(host_out)

static int row_ok(const lia_lp_inc *p, size_t nnz, const size_t *col, const double *val, lia_row_kind kind, double rhs)
{
    if (nnz > p->cols || (nnz && (!col || !val)) || kind > LIA_ROW_EQ || !isfinite(rhs)) return 0;
    for (size_t k = 0; k < nnz; k++)
        if (col[k] >= p->cols || !isfinite(val[k])) return 0;
    return 1;
}

lia_status lia__lp_inc_new(lia_lp_inc **out, size_t cols, const double *obj, int maximize,
                          const double *col_lo, const double *col_hi)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!obj || cols == 0 || cols >= INT_MAX) return LIA_EUSAGE;
    for (size_t j = 0; j < cols; j++) {
        double lo = col_lo ? col_lo[j] : 0, hi = col_hi ? col_hi[j] : INFINITY;
        if (!isfinite(obj[j]) || isnan(lo) || isnan(hi) || lo > hi || lo == INFINITY || hi == -INFINITY)
            return LIA_EUSAGE;
    }
    lia_lp_inc *p = lia__calloc(1, sizeof *p);
    if (!p) return LIA_ENOMEM;
    p->cols = cols;
    p->ind = lia__malloc((cols + 1) * sizeof *p->ind);
    p->val = lia__malloc((cols + 1) * sizeof *p->val);
    if (!p->ind || !p->val) { lia__lp_inc_free(p); return LIA_ENOMEM; }
    FENCE_ENTER(p);
    p->prob = glp_create_prob();
    glp_set_obj_dir(p->prob, maximize ? GLP_MAX : GLP_MIN);
    glp_add_cols(p->prob, (int)cols);
    for (size_t j = 0; j < cols; j++) {
        double lo = col_lo ? col_lo[j] : 0, hi = col_hi ? col_hi[j] : INFINITY;
        int type = isinf(lo) && isinf(hi) ? GLP_FR : isinf(hi) ? GLP_LO : isinf(lo) ? GLP_UP : lo == hi ? GLP_FX : GLP_DB;
        glp_set_col_bnds(p->prob, (int)j + 1, type, isinf(lo) ? 0 : lo, isinf(hi) ? 0 : hi);
        glp_set_obj_coef(p->prob, (int)j + 1, obj[j]);
    }
    FENCE_LEAVE();
    *out = p;
    return LIA_OK;
}

void lia__lp_inc_free(lia_lp_inc *p)
{
    if (!p) return;
    if (p->prob) {
        jmp_buf fence;
        if (!setjmp(fence)) {
            int host_out = lia_glpk_enter(&fence);
            glp_delete_prob(p->prob);
            lia_glpk_leave(host_out);
        } else {
            glp_free_env();
        }
    }
    lia__free(p->ind);
    lia__free(p->val);
    lia__free(p);
}

size_t lia__lp_inc_rows(const lia_lp_inc *p) { return p ? p->rows : 0; }

/* Load one row into GLPK (inside the caller's fence). */
static void load_row(lia_lp_inc *p, int r, size_t nnz, const size_t *col, const double *val, lia_row_kind kind, double rhs)
{
    for (size_t k = 0; k < nnz; k++) {
        p->ind[k + 1] = (int)col[k] + 1;
        p->val[k + 1] = val[k];
    }
    glp_set_mat_row(p->prob, r, (int)nnz, p->ind, p->val);
    int type = kind == LIA_ROW_LE ? GLP_UP : kind == LIA_ROW_GE ? GLP_LO : GLP_FX;
    glp_set_row_bnds(p->prob, r, type, rhs, rhs);
}

lia_status lia__lp_inc_add_row(lia_lp_inc *p, size_t nnz, const size_t *col, const double *val,
                              lia_row_kind kind, double rhs, size_t *index)
{
    if (!p || !row_ok(p, nnz, col, val, kind, rhs) || p->rows + 1 >= INT_MAX) return LIA_EUSAGE;
    if (!p->prob) return LIA_EINTERNAL;
    FENCE_ENTER(p);
    int r = glp_add_rows(p->prob, 1);
    load_row(p, r, nnz, col, val, kind, rhs);
    FENCE_LEAVE();
    if (index) *index = p->rows;
    p->rows++;
    return LIA_OK;
}

lia_status lia__lp_inc_set_row(lia_lp_inc *p, size_t row, size_t nnz, const size_t *col, const double *val,
                              lia_row_kind kind, double rhs)
{
    if (!p || row >= p->rows || !row_ok(p, nnz, col, val, kind, rhs)) return LIA_EUSAGE;
    if (!p->prob) return LIA_EINTERNAL;
    FENCE_ENTER(p);
    load_row(p, (int)row + 1, nnz, col, val, kind, rhs);
    FENCE_LEAVE();
    return LIA_OK;
}

lia_status lia__lp_inc_relax_row(lia_lp_inc *p, size_t row)
{
    if (!p || row >= p->rows) return LIA_EUSAGE;
    if (!p->prob) return LIA_EINTERNAL;
    FENCE_ENTER(p);
    glp_set_row_bnds(p->prob, (int)row + 1, GLP_FR, 0, 0);
    FENCE_LEAVE();
    return LIA_OK;
}

lia_status lia__lp_inc_solve(lia_lp_inc *p, lia_lp_outcome *outcome, double *x, double *objective)
{
    if (!p || !outcome) return LIA_EUSAGE;
    if (!p->prob) return LIA_EINTERNAL;
    volatile lia_status st = LIA_OK;
    FENCE_ENTER(p);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.meth = GLP_DUALP;            /* added rows keep the last basis dual feasible */
    parm.tol_bnd = parm.tol_dj = 1e-9;
    if (glp_get_num_rows(p->prob) > 0 && !glp_bf_exists(p->prob)) {
        /* a fresh problem or one whose matrix changed: GLPK refactorises the basis it has,
         * and if that basis is singular glp_simplex fails, so start from the standard one */
        if (glp_warm_up(p->prob) != 0) glp_std_basis(p->prob);
    }
    int ret = glp_simplex(p->prob, &parm);
    if (ret != 0) {
        /* a singular or ill-conditioned basis after many row changes: once more from scratch */
        glp_std_basis(p->prob);
        parm.meth = GLP_PRIMAL;
        ret = glp_simplex(p->prob, &parm);
    }
    if (ret != 0) {
        st = LIA_EINTERNAL;
    } else {
        int status = glp_get_status(p->prob);
        if (status == GLP_OPT) {
            *outcome = LIA_LP_OPTIMAL;
            if (objective) *objective = glp_get_obj_val(p->prob);
            for (size_t j = 0; x && j < p->cols; j++) x[j] = glp_get_col_prim(p->prob, (int)j + 1);
        } else if (status == GLP_NOFEAS) {
            *outcome = LIA_LP_INFEASIBLE;
        } else if (status == GLP_UNBND) {
            *outcome = LIA_LP_UNBOUNDED;
        } else {
            st = LIA_EINTERNAL;
        }
    }
    FENCE_LEAVE();
    return st;
}

lia_status lia__lp_inc_duals(lia_lp_inc *p, double *row_dual, double *col_dual)
{
    if (!p) return LIA_EUSAGE;
    if (!p->prob) return LIA_EINTERNAL;
    FENCE_ENTER(p);
    if (glp_get_status(p->prob) != GLP_OPT) { FENCE_LEAVE(); return LIA_EUSAGE; }
    for (size_t i = 0; row_dual && i < p->rows; i++) row_dual[i] = glp_get_row_dual(p->prob, (int)i + 1);
    for (size_t j = 0; col_dual && j < p->cols; j++) col_dual[j] = glp_get_col_dual(p->prob, (int)j + 1);
    FENCE_LEAVE();
    return LIA_OK;
}
