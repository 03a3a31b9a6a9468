/* lp.h — linear programs solved by GLPK behind a fence: arguments are checked before any
 * glp_* call, each problem lives within one call, and a GLPK failure comes back as a status
 * instead of GLPK's abort() (which would kill a notebook kernel with the library). */
#ifndef LIA_LP_LP_H
#define LIA_LP_LP_H
#include "liaison.h"
#include "../util/arena.h"
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

/* The arrays of a small LP built by hand: triplets (nnz), rows (kind, rhs), columns (obj
 * zeroed, bounds, solution). lia__lp_arrays_alloc returns 0 on allocation failure (everything
 * freed); lia__lp_arrays_free frees what is there. lia__lp_arrays_view gives the lia_lp over
 * the first nnz triplets. */
typedef struct lia_lp_arrays {
    size_t rows, cols;
    size_t *row, *col;
    double *val, *rhs, *obj, *lo, *hi, *x;
    lia_row_kind *kind;
} lia_lp_arrays;
int lia__lp_arrays_alloc(lia_lp_arrays *a, size_t rows, size_t cols, size_t nnz);
void lia__lp_arrays_free(lia_lp_arrays *a);
lia_lp lia__lp_arrays_view(const lia_lp_arrays *a, size_t nnz, int maximize);

/* 1 if lp is well formed: sizes within GLPK's int indices, every index in range, every number
 * finite except infinite bounds, lo <= hi. Everything GLPK would abort on is caught here. */
int lia__lp_valid(const lia_lp *lp);

/* Solve by LIA_LP_PRIMAL (below). On LIA_OK, *outcome says what GLPK found; x (cols) and
 * *objective are filled when optimal. LIA_EUSAGE: malformed problem (checked before GLPK sees
 * it). LIA_EINTERNAL: GLPK failed or raised an error (caught; its environment was reset). */
lia_status lia__lp_solve(const lia_lp *lp, lia_lp_outcome *outcome, double *x, double *objective);

/* How GLPK searches. LIA_LP_PRIMAL: the primal simplex from GLPK's standard basis with its
 * default tolerances (1e-7), for the small LPs of security levels. LIA_LP_DUAL_TIGHT: the
 * dual simplex from Bixby's crash basis, tolerances 3e-10; LPs with many more columns than
 * rows (correlated equilibria: a column per pure profile) solve some 40 times faster so.
 * LIA_LP_PRIMAL_TIGHT: the primal simplex from the standard basis, tolerances 1e-9, a second
 * opinion where the dual one fails. */
typedef enum { LIA_LP_PRIMAL = 0, LIA_LP_DUAL_TIGHT = 1, LIA_LP_PRIMAL_TIGHT = 2 } lia_lp_method;
lia_status lia__lp_solve_by(const lia_lp *lp, lia_lp_method method, lia_lp_outcome *outcome, double *x, double *objective);
/* The same constraints for k objectives in turn: objective t is objs[t * cols ..] maximised
 * if maximize[t] (lp->obj and lp->maximize are not used), so GLPK loads and scales the matrix
 * once. The dual method starts each objective from Bixby's basis, the primal ones from the
 * last optimal basis. outcome[t]; x (k * cols) and objective (k) filled where optimal. */
lia_status lia__lp_solve_many(const lia_lp *lp, lia_lp_method method, size_t k, const double *objs, const int *maximize,
                             lia_lp_outcome *outcome, double *x, double *objective);

/* Write lp in CPLEX LP format (Maximize/Minimize, Subject To, Bounds, End), which glpsol --lp,
 * CPLEX, HiGHS and others read. Names NULL (or a NULL or empty entry) give x1.. / r1..; every
 * name is made legal (other characters become '_', a leading digit or '.' or a keyword gets a
 * '_' prefix, at most 200 bytes) and unique (a repeat gets "~index" appended). `title` (may be
 * NULL) becomes a comment. Numbers are shortest round-trip decimals in any host locale.
 * *out is NUL-terminated, caller frees with lia__free. LIA_EUSAGE: malformed lp, or the same
 * (row, col) twice (the reader refuses a variable used twice in a row). */
lia_status lia__lp_write_cplex(char **out, size_t *len, const lia_lp *lp, const char *title,
                              const char *const *colnames, const char *const *rownames);

/* "prefix(part0,part1,...)" in the arena: a row or column name built from game labels.
 * NULL on allocation failure. */
const char *lia__lp_name(lia_arena *a, const char *prefix, size_t nparts, const char *const *parts);

/* An LP kept alive across calls for row generation: rows are added and re-bounded between
 * solves, and each solve starts from the last basis (the dual simplex, since added rows leave
 * it dual feasible). Every call is fenced like lia__lp_solve; after a GLPK failure the handle
 * is dead (every later call returns LIA_EINTERNAL) and only lia__lp_inc_free is useful. GLPK's
 * environment is per thread, so a handle must stay on the thread that created it (it lives
 * within one library call). No scaling: the caller keeps the numbers near 1. */
typedef struct lia_lp_inc lia_lp_inc;
/* cols columns with objective obj (copied), bounds col_lo/col_hi (NULL: x >= 0). */
lia_status lia__lp_inc_new(lia_lp_inc **out, size_t cols, const double *obj, int maximize,
                          const double *col_lo, const double *col_hi);
void lia__lp_inc_free(lia_lp_inc *p);
size_t lia__lp_inc_rows(const lia_lp_inc *p);
/* Append the row  sum val[k] x[col[k]] (kind) rhs; its index (0-based, rows are never
 * renumbered) in *index (may be NULL). */
lia_status lia__lp_inc_add_row(lia_lp_inc *p, size_t nnz, const size_t *col, const double *val,
                              lia_row_kind kind, double rhs, size_t *index);
/* Replace row `row` (coefficients, kind and right-hand side). */
lia_status lia__lp_inc_set_row(lia_lp_inc *p, size_t row, size_t nnz, const size_t *col, const double *val,
                              lia_row_kind kind, double rhs);
/* Make row `row` free (never binding): a way to drop it without renumbering the others. */
lia_status lia__lp_inc_relax_row(lia_lp_inc *p, size_t row);
/* Solve from the last basis; x (cols) and *objective when optimal, may be NULL. */
lia_status lia__lp_inc_solve(lia_lp_inc *p, lia_lp_outcome *outcome, double *x, double *objective);
/* After an optimal solve: the row duals (rows entries) and the reduced costs of the columns
 * (cols entries); either may be NULL. */
lia_status lia__lp_inc_duals(lia_lp_inc *p, double *row_dual, double *col_dual);

/* At the end of a thread the library started itself (sweep workers): free the GLPK
 * environment GLPK made for that thread, which would otherwise leak when it exits. Never on a
 * host's thread: it would free the host's own GLPK objects too. */
void lia__lp_thread_done(void);

/* A payoff u mapped onto [0, 1] by the span [lo, lo + span] of its player's payoffs, for an LP
 * coefficient. A result below 1e-12 becomes 0: GLPK's tolerances (1e-9) cannot tell it from 0,
 * and its scaling, given one coefficient of 1e-21 beside ones of 1, declares a feasible LP
 * infeasible (a payoff of 0.3 beside payoffs of 1e20, or of 1e-14 beside 5). Callers verify the
 * LP's answer against the payoffs themselves, to a tolerance far above the 1e-12 * span this
 * moves a payoff by. */
static inline double lia__lp_unit(double u, double lo, double span)
{
    double c = (u - lo) / span;
    return c < 1e-12 ? 0 : c;
}

#endif
