/* lp.h — linear programs solved by GLPK behind a fence: arguments are checked before any
 * glp_* call, each problem lives within one call, and a GLPK failure comes back as a status
 * instead of GLPK's abort() (which would kill a notebook kernel with the library). */
#ifndef LIA_LP_LP_H
#define LIA_LP_LP_H
#include "liaison.h"
#include <stddef.h>

typedef enum { LIA_ROW_LE, LIA_ROW_GE, LIA_ROW_EQ } lia_row_kind;

/* max or min obj.x  s.t.  lo_row <= A x (by kind) rhs,  col_lo <= x <= col_hi.
 * A is sparse: nnz triplets (row[k], col[k], val[k]), 0-based. col_lo/col_hi may be NULL
 * (x >= 0); use -INFINITY / INFINITY for missing bounds. */
typedef struct lia_lp {
    size_t rows, cols, nnz;
    int maximize;
    const double *obj;
    const size_t *row, *col;
    const double *val;
    const lia_row_kind *kind;
    const double *rhs;
    const double *col_lo, *col_hi;
} lia_lp;

typedef enum { LIA_LP_OPTIMAL, LIA_LP_INFEASIBLE, LIA_LP_UNBOUNDED } lia_lp_outcome;

/* Solve. On LIA_OK, *outcome says what GLPK found; x (cols) and *objective are filled when
 * optimal. LIA_EUSAGE: malformed problem (checked before GLPK sees it). LIA_EINTERNAL: GLPK
 * failed or raised an error (caught; its environment was reset). */
lia_status lia_lp_solve(const lia_lp *lp, lia_lp_outcome *outcome, double *x, double *objective);

#endif
