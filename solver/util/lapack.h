/* lapack.h — the LAPACK routines the library calls, straight from OpenBLAS (which carries all
 * of LAPACK), column-major, with LAPACK's info as the return value (0 = success).
 *
 * Why not LAPACKE: Debian's liblapacke is linked with immediate binding and pulls in the
 * reference BLAS and LAPACK besides OpenBLAS, so every process that loads it resolves some
 * 16,000 symbols at start-up, about 10 ms: more than a small game's whole solve (`make bench`,
 * 5 x 40 against lrsnash). The column-major wrappers LAPACKE would add do nothing here (we
 * only ever pass column-major arrays), and the _work calls we used allocate nothing either.
 *
 * Fortran passes every argument by reference and the length of each character argument as a
 * hidden trailing argument; both are spelled out below. */
#ifndef LIA_UTIL_LAPACK_H
#define LIA_UTIL_LAPACK_H
#include <complex.h>
#include <stddef.h>

typedef int lia_lapack_int;   /* OpenBLAS's LP64 build, as Debian ships it */

void dgetrf_(const int *m, const int *n, double *a, const int *lda, int *ipiv, int *info);
void dgetrs_(const char *trans, const int *n, const int *nrhs, const double *a, const int *lda, const int *ipiv,
             double *b, const int *ldb, int *info, size_t trans_len);
void zgetrf_(const int *m, const int *n, double complex *a, const int *lda, int *ipiv, int *info);
void zgetrs_(const char *trans, const int *n, const int *nrhs, const double complex *a, const int *lda,
             const int *ipiv, double complex *b, const int *ldb, int *info, size_t trans_len);
void dgecon_(const char *norm, const int *n, const double *a, const int *lda, const double *anorm, double *rcond,
             double *work, int *iwork, int *info, size_t norm_len);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b, const int *ldb,
             double *s, const double *rcond, int *rank, double *work, const int *lwork, int *iwork, int *info);

/* A = P L U in place (n x n or m x n, leading dimension lda). */
static inline int lia__dgetrf(int m, int n, double *a, int lda, int *ipiv)
{
    int info = 0;
    dgetrf_(&m, &n, a, &lda, ipiv, &info);
    return info;
}
/* Solve A X = B (trans 'N') with the factors of lia__dgetrf; B (n x nrhs) becomes X. */
static inline int lia__dgetrs(char trans, int n, int nrhs, const double *a, int lda, const int *ipiv, double *b, int ldb)
{
    int info = 0;
    dgetrs_(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info, 1);
    return info;
}
static inline int lia__zgetrf(int m, int n, double complex *a, int lda, int *ipiv)
{
    int info = 0;
    zgetrf_(&m, &n, a, &lda, ipiv, &info);
    return info;
}
static inline int lia__zgetrs(char trans, int n, int nrhs, const double complex *a, int lda, const int *ipiv,
                              double complex *b, int ldb)
{
    int info = 0;
    zgetrs_(&trans, &n, &nrhs, a, &lda, ipiv, b, &ldb, &info, 1);
    return info;
}
/* The reciprocal condition number of the factored A in norm '1' or 'I' (work 4n, iwork n). */
static inline int lia__dgecon(char norm, int n, const double *a, int lda, double anorm, double *rcond, double *work,
                              int *iwork)
{
    int info = 0;
    dgecon_(&norm, &n, a, &lda, &anorm, rcond, work, iwork, &info, 1);
    return info;
}
/* Least squares of least norm by the SVD; lwork = -1 asks for the workspace sizes. */
static inline int lia__dgelsd(int m, int n, int nrhs, double *a, int lda, double *b, int ldb, double *s, double rcond,
                              int *rank, double *work, int lwork, int *iwork)
{
    int info = 0;
    dgelsd_(&m, &n, &nrhs, a, &lda, b, &ldb, s, &rcond, rank, work, &lwork, iwork, &info);
    return info;
}

#endif
