/* small_solve.h — LAPACK solves of the small dense systems that mixed-equilibrium methods
 * solve millions of times: column-major, factorisation and substitution called separately. */
#ifndef LIA_NASH_SMALL_SOLVE_H
#define LIA_NASH_SMALL_SOLVE_H
#include <complex.h>
#include "../util/lapack.h"

/* Why not ?gesv: OpenBLAS's gesv hands even a 10 x 10 system to its thread pool (measured:
 * 16 us a solve, mostly sched_yield, against 0.9 us for getrf + getrs, which stay on the
 * calling thread below their size thresholds); the library must not lean on hidden threads,
 * nor change the pool's size behind the user's back. Column-major, straight to LAPACK
 * (util/lapack.h), which allocates nothing of its own here.
 * A (n x n) is overwritten by its LU factors, b by the solution. 1 on success, 0 if A is
 * singular. */
static inline int lia_small_dsolve(size_t n, double *A, double *b, lia_lapack_int *ipiv)
{
    lia_lapack_int nn = (lia_lapack_int)n;
    if (lia__dgetrf(nn, nn, A, nn, ipiv) != 0) return 0;
    return lia__dgetrs('N', nn, 1, A, nn, ipiv, b, nn) == 0;
}

static inline int lia_small_zsolve(size_t n, double complex *A, double complex *b, lia_lapack_int *ipiv)
{
    lia_lapack_int nn = (lia_lapack_int)n;
    if (lia__zgetrf(nn, nn, A, nn, ipiv) != 0) return 0;
    return lia__zgetrs('N', nn, 1, A, nn, ipiv, b, nn) == 0;
}

#endif
