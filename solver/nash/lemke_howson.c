/* lemke_howson.c — one equilibrium of a two-player game per dropped label, by complementary
 * pivoting on the two best-response tableaux (von Stengel, AGT ch. 3, algorithm 3.6):
 *   player 1: B^T x + r = 1 (n rows), labels x_i = i, r_j = m + j
 *   player 2: A y + s = 1   (m rows), labels s_i = i, y_j = m + j
 * Ties in the ratio test are broken lexicographically on the initial slack columns, so
 * degenerate games cannot cycle. Pivoting runs in doubles (BLAS rank-1 updates); the final
 * bases are then re-solved against the original matrices with LAPACK, and the result is
 * verified by its regret like every reported equilibrium. */
#include "nash.h"
#include "../util/mem.h"
#include <cblas.h>
#include <lapacke.h>
#include <math.h>
#include <string.h>

typedef struct tableau {
    size_t rows, cols;        /* cols = m + n + 1; the last column is the right-hand side */
    double *t;                /* row-major */
    size_t *basis;            /* label basic in each row */
    size_t slack0;            /* first label of the initial basis: lexicographic columns */
    double *col, *prow;       /* scratch for the rank-1 update */
} tableau;

static int tableau_init(tableau *T, size_t rows, size_t m, size_t n, size_t slack0)
{
    T->rows = rows;
    T->cols = m + n + 1;
    T->slack0 = slack0;
    T->t = lia__calloc(rows * T->cols, sizeof *T->t);
    T->basis = lia__malloc(rows * sizeof *T->basis);
    T->col = lia__malloc(rows * sizeof *T->col);
    T->prow = lia__malloc(T->cols * sizeof *T->prow);
    return T->t && T->basis && T->col && T->prow;
}

static void tableau_free(tableau *T)
{
    lia__free(T->t);
    lia__free(T->basis);
    lia__free(T->col);
    lia__free(T->prow);
}

/* Is row a lexicographically smaller than row b after dividing each by its entry in column e?
 * Compared on the right-hand side, then on the initial slack columns in order. */
static int lex_less(const tableau *T, size_t a, size_t b, size_t e)
{
    const double *ra = T->t + a * T->cols, *rb = T->t + b * T->cols;
    double pa = ra[e], pb = rb[e];
    size_t last = T->cols - 1;
    double qa = ra[last] / pa, qb = rb[last] / pb;
    double tol = 1e-9 * fmax(1.0, fmax(fabs(qa), fabs(qb)));
    if (qa < qb - tol) return 1;
    if (qa > qb + tol) return 0;
    for (size_t k = 0; k < T->rows; k++) {
        size_t c = T->slack0 + k;
        double va = ra[c] / pa, vb = rb[c] / pb;
        double tk = 1e-9 * fmax(1.0, fmax(fabs(va), fabs(vb)));
        if (va < vb - tk) return 1;
        if (va > vb + tk) return 0;
    }
    return a < b;   /* identical rows cannot happen in a nonsingular basis; stay deterministic */
}

/* Bring label e into the basis; returns the label that leaves, or (size_t)-1 if no row can
 * take it (unbounded: cannot happen with positive payoffs). */
static size_t pivot(tableau *T, size_t e)
{
    size_t r = (size_t)-1;
    for (size_t i = 0; i < T->rows; i++) {
        double v = T->t[i * T->cols + e];
        if (v <= 1e-12) continue;
        if (r == (size_t)-1 || lex_less(T, i, r, e)) r = i;
    }
    if (r == (size_t)-1) return r;
    double *row = T->t + r * T->cols, p = row[e];
    for (size_t c = 0; c < T->cols; c++) T->prow[c] = row[c] / p;
    for (size_t i = 0; i < T->rows; i++) T->col[i] = i == r ? 0 : T->t[i * T->cols + e];
    /* T -= col (x) prow, then the pivot row is prow and column e the unit vector */
    cblas_dger(CblasRowMajor, (int)T->rows, (int)T->cols, -1.0, T->col, 1, T->prow, 1, T->t, (int)T->cols);
    memcpy(row, T->prow, T->cols * sizeof *row);
    for (size_t i = 0; i < T->rows; i++) T->t[i * T->cols + e] = i == r ? 1.0 : 0.0;
    size_t leaving = T->basis[r];
    T->basis[r] = e;
    return leaving;
}

/* Re-solve the basic variables of a tableau from the original (shifted) matrix, so pivoting
 * errors do not reach the answer: M is the rows x (m+n) constraint matrix [.. | I] in label
 * order; out[label] = value for basic labels, 0 otherwise. */
static int resolve_basis(const tableau *T, const double *M, size_t nlab, double *out)
{
    size_t k = T->rows;
    double *S = lia__malloc(k * k * sizeof *S), *rhs = lia__malloc(k * sizeof *rhs);
    lapack_int *ipiv = lia__malloc(k * sizeof *ipiv);
    int ok = S && rhs && ipiv;
    if (ok) {
        for (size_t i = 0; i < k; i++) {
            rhs[i] = 1;
            for (size_t j = 0; j < k; j++) S[i * k + j] = M[i * nlab + T->basis[j]];
        }
        ok = LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)k, 1, S, (lapack_int)k, ipiv, rhs, 1) == 0;
    }
    if (ok) {
        for (size_t l = 0; l < nlab; l++) out[l] = 0;
        for (size_t j = 0; j < k; j++) out[T->basis[j]] = rhs[j];
    }
    lia__free(S);
    lia__free(rhs);
    lia__free(ipiv);
    return ok;
}

typedef struct lh_game {
    size_t m, n;
    double *A, *B;      /* shifted to positive payoffs, row-major m x n */
    double *MP, *MQ;    /* [B^T | I] (n x (m+n)) and [I | A] (m x (m+n)) in label order */
} lh_game;

/* One path from the artificial equilibrium dropping `label`; fills the mixed profile x
 * (m + n entries). LIA_EINTERNAL if the path fails or runs too long. */
static lia_status lh_path(const lh_game *G, size_t label, double *x)
{
    size_t m = G->m, n = G->n, nlab = m + n;
    tableau P, Q;
    memset(&P, 0, sizeof P);
    memset(&Q, 0, sizeof Q);
    lia_status st = LIA_ENOMEM;
    double *vals = lia__malloc(nlab * sizeof *vals);
    if (!vals || !tableau_init(&P, n, m, n, m) || !tableau_init(&Q, m, m, n, 0)) goto done;
    for (size_t j = 0; j < n; j++) {
        memcpy(P.t + j * P.cols, G->MP + j * nlab, nlab * sizeof(double));
        P.t[j * P.cols + nlab] = 1;
        P.basis[j] = m + j;
    }
    for (size_t i = 0; i < m; i++) {
        memcpy(Q.t + i * Q.cols, G->MQ + i * nlab, nlab * sizeof(double));
        Q.t[i * Q.cols + nlab] = 1;
        Q.basis[i] = i;
    }
    /* x labels (0..m-1) are nonbasic in P at the start; y labels in Q */
    tableau *cur = label < m ? &P : &Q, *other = label < m ? &Q : &P;
    size_t entering = label, steps = 0, limit = 50 * (nlab + 10) * (nlab + 10);
    st = LIA_EINTERNAL;
    for (;;) {
        size_t leaving = pivot(cur, entering);
        if (leaving == (size_t)-1 || ++steps > limit) goto done;
        if (leaving == label) break;          /* the path ends: every label is present again */
        entering = leaving;                    /* its complement enters in the other tableau */
        tableau *t = cur;
        cur = other;
        other = t;
    }
    /* x from P's basis, y from Q's, each re-solved and normalised */
    if (!resolve_basis(&P, G->MP, nlab, vals)) goto done;
    double sx = 0, sy = 0;
    for (size_t i = 0; i < m; i++) { x[i] = vals[i] > 0 ? vals[i] : 0; sx += x[i]; }
    if (!resolve_basis(&Q, G->MQ, nlab, vals)) goto done;
    for (size_t j = 0; j < n; j++) { x[m + j] = vals[m + j] > 0 ? vals[m + j] : 0; sy += x[m + j]; }
    if (!(sx > 0) || !(sy > 0)) goto done;
    for (size_t i = 0; i < m; i++) x[i] /= sx;
    for (size_t j = 0; j < n; j++) x[m + j] /= sy;
    st = LIA_OK;
done:
    tableau_free(&P);
    tableau_free(&Q);
    lia__free(vals);
    return st;
}

static int same_profile(const double *a, const double *b, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if (fabs(a[i] - b[i]) > 1e-9) return 0;
    return 1;
}

lia_status lia_nash_lh(lia_eqset *e, const lia_game *g, long label)
{
    if (g->np != 2) return LIA_EUSAGE;
    size_t m = g->ns[0], n = g->ns[1], nlab = m + n;
    if (label >= (long)nlab || label < -1) return LIA_EUSAGE;
    lh_game G = { m, n, NULL, NULL, NULL, NULL };
    G.A = lia__malloc(m * n * sizeof *G.A);
    G.B = lia__malloc(m * n * sizeof *G.B);
    G.MP = lia__calloc(n * nlab, sizeof *G.MP);
    G.MQ = lia__calloc(m * nlab, sizeof *G.MQ);
    double *x = lia__malloc(nlab * sizeof *x), u[2];
    lia_status st = LIA_ENOMEM;
    if (!G.A || !G.B || !G.MP || !G.MQ || !x) goto done;
    /* shift both players' payoffs to be at least 1: the polytopes are then bounded and the
     * equilibria unchanged */
    double minA = INFINITY, minB = INFINITY;
    for (size_t k = 0; k < m * n; k++) {
        minA = fmin(minA, g->payoffs[k]);
        minB = fmin(minB, g->payoffs[g->nprofiles + k]);
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            G.A[i * n + j] = g->payoffs[i + m * j] - minA + 1;
            G.B[i * n + j] = g->payoffs[g->nprofiles + i + m * j] - minB + 1;
        }
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i < m; i++) G.MP[j * nlab + i] = G.B[i * n + j];
        G.MP[j * nlab + m + j] = 1;
    }
    for (size_t i = 0; i < m; i++) {
        G.MQ[i * nlab + i] = 1;
        for (size_t j = 0; j < n; j++) G.MQ[i * nlab + m + j] = G.A[i * n + j];
    }
    size_t from = label < 0 ? 0 : (size_t)label, to = label < 0 ? nlab : (size_t)label + 1;
    st = LIA_OK;
    for (size_t k = from; k < to && st == LIA_OK; k++) {
        st = lh_path(&G, k, x);
        if (st != LIA_OK) break;
        double regret;
        st = lia_game_regret(g, x, &regret);
        if (st == LIA_OK && regret > LIA_REGRET_TOL) st = LIA_EINTERNAL;   /* never report it */
        if (st != LIA_OK) break;
        int seen = 0;
        for (size_t q = 0; q < e->n && !seen; q++) seen = same_profile(e->profiles + q * e->width, x, nlab);
        if (seen && label < 0) continue;      /* all labels: each equilibrium once */
        if (lia_game_expected_payoffs(g, x, u) != LIA_OK || !lia_eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
    }
done:
    lia__free(G.A);
    lia__free(G.B);
    lia__free(G.MP);
    lia__free(G.MQ);
    lia__free(x);
    return st;
}
