/* small_solve.h — LAPACK solves of the small dense systems that mixed-equilibrium methods
 * solve millions of times: column-major, factorisation and substitution called separately. */
#ifndef LIA_NASH_SMALL_SOLVE_H
#define LIA_NASH_SMALL_SOLVE_H
#include <complex.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include "../util/lapack.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* The same for the many tiny systems of vertex enumeration (partners.c: one per vertex, of
 * the vertex's support size, mostly below 15): there the cost of the library calls
 * themselves (and of dgecon's scaled triangular solves) was most of the time, so these are
 * written out. Column-major n x n A becomes P A = L U (partial pivoting, L unit lower);
 * piv[k] is the row exchanged with k at step k. 0 if a pivot is exactly zero. */
static inline int lia_small_lu(size_t n, double *A, size_t *piv)
{
    for (size_t k = 0; k < n; k++) {
        double *Ak = A + k * n, big = 0;
        size_t p = k;
        for (size_t i = k; i < n; i++)
            if (fabs(Ak[i]) > big) { big = fabs(Ak[i]); p = i; }
        if (big == 0) return 0;
        piv[k] = p;
        if (p != k)
            for (size_t j = 0; j < n; j++) {
                double t = A[j * n + k];
                A[j * n + k] = A[j * n + p];
                A[j * n + p] = t;
            }
        double inv = 1 / Ak[k];
        for (size_t i = k + 1; i < n; i++) Ak[i] *= inv;
        for (size_t j = k + 1; j < n; j++) {
            double *Aj = A + j * n, a = Aj[k];
            if (a == 0) continue;   /* as before: nothing to subtract (and no inf * 0 after a subnormal pivot) */
            size_t i = k + 1;
#ifdef __SSE2__
            const __m128d va = _mm_set1_pd(a);   /* two rows at a time, the same arithmetic */
            for (; i + 2 <= n; i += 2)
                _mm_storeu_pd(Aj + i, _mm_sub_pd(_mm_loadu_pd(Aj + i), _mm_mul_pd(_mm_loadu_pd(Ak + i), va)));
#endif
            for (; i < n; i++) Aj[i] -= Ak[i] * a;
        }
    }
    return 1;
}

/* Solve A x = b (trans 0) or A^T x = b (trans 1) with the factors of lia_small_lu; b
 * becomes x. */
static inline void lia_small_lu_solve(size_t n, const double *LU, const size_t *piv, int trans, double *b)
{
    if (!trans) {
        for (size_t k = 0; k < n; k++) {
            double t = b[k];
            b[k] = b[piv[k]];
            b[piv[k]] = t;
        }
        for (size_t k = 0; k < n; k++)
            for (size_t i = k + 1; i < n; i++) b[i] -= LU[k * n + i] * b[k];
        for (size_t k = n; k-- > 0;) {
            b[k] /= LU[k * n + k];
            for (size_t i = 0; i < k; i++) b[i] -= LU[k * n + i] * b[k];
        }
        return;
    }
    for (size_t k = 0; k < n; k++) {   /* U^T z = b */
        double s = b[k];
        for (size_t i = 0; i < k; i++) s -= LU[k * n + i] * b[i];
        b[k] = s / LU[k * n + k];
    }
    for (size_t k = n; k-- > 0;) {     /* L^T w = z */
        double s = b[k];
        for (size_t i = k + 1; i < n; i++) s -= LU[k * n + i] * b[i];
        b[k] = s;
    }
    for (size_t k = n; k-- > 0;) {     /* x = P^T w */
        double t = b[k];
        b[k] = b[piv[k]];
        b[piv[k]] = t;
    }
}

/* An upper bound on the 1-norm of A^-1 from the factors of lia_small_lu, for decisions that
 * must not rest on an estimate: |A^-1|_1 <= |U^-1|_1 |L^-1|_1, and each triangular inverse
 * is bounded entrywise by the inverse of its comparison matrix (diagonal |t_ii|, off-diagonal
 * -|t_ij|), whose column sums one substitution gives (Higham, Accuracy and Stability, 8.2).
 * Cheap (n^2 operations) and usually within a small factor of the truth; z is scratch. */
static inline double lia_small_inv_norm1_bound(size_t n, const double *LU, double *z)
{
    double u = 0, l = 0;
    for (size_t k = 0; k < n; k++) {          /* M(U)^T z = e: column sums of M(U)^-1 */
        double s = 1;
        for (size_t i = 0; i < k; i++) s += fabs(LU[k * n + i]) * z[i];
        z[k] = s / fabs(LU[k * n + k]);
        if (z[k] > u) u = z[k];
    }
    for (size_t k = n; k-- > 0;) {            /* M(L)^T z = e, L unit lower */
        double s = 1;
        for (size_t i = k + 1; i < n; i++) s += fabs(LU[k * n + i]) * z[i];
        z[k] = s;
        if (s > l) l = s;
    }
    return u * l;
}

/* An estimate of the 1-norm of A^-1 from the factors of lia_small_lu (Hager 1984, with
 * Higham's alternating vector as a safeguard: the method of LAPACK's dgecon, which it
 * replaces here); x and y are scratch of n doubles. A lower bound, usually within a factor
 * of 3 of the true norm. */
static inline double lia_small_inv_norm1(size_t n, const double *LU, const size_t *piv, double *x, double *y)
{
    double est = 0;
    for (size_t i = 0; i < n; i++) x[i] = 1.0 / (double)n;
    for (int it = 0; it < 5; it++) {
        memcpy(y, x, n * sizeof *y);
        lia_small_lu_solve(n, LU, piv, 0, y);
        double e = 0;
        for (size_t i = 0; i < n; i++) e += fabs(y[i]);
        if (it > 0 && e <= est) break;
        est = e;
        for (size_t i = 0; i < n; i++) y[i] = y[i] >= 0 ? 1 : -1;
        lia_small_lu_solve(n, LU, piv, 1, y);
        size_t j = 0;
        double zx = 0;
        for (size_t i = 0; i < n; i++) {
            if (fabs(y[i]) > fabs(y[j])) j = i;
            zx += y[i] * x[i];
        }
        if (it > 0 && fabs(y[j]) <= zx) break;
        memset(x, 0, n * sizeof *x);
        x[j] = 1;
    }
    for (size_t i = 0; i < n; i++) y[i] = (i % 2 ? -1.0 : 1.0) * (1 + (n > 1 ? (double)i / (double)(n - 1) : 0));
    lia_small_lu_solve(n, LU, piv, 0, y);
    double alt = 0;
    for (size_t i = 0; i < n; i++) alt += fabs(y[i]);
    alt = 2 * alt / (3 * (double)n);
    return alt > est ? alt : est;
}

#endif
