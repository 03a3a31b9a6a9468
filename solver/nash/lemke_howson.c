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
#include "../util/lapack.h"
#include <math.h>
#include <string.h>

/* Every allocation of the method goes through one budget: the bytes held at any time never
 * exceed the memory cap (an allocation that would is refused, and the run ends with
 * LIA_ELIMIT). lh_bytes() adds up the same allocations beforehand, so a game that cannot fit
 * is refused before any work with the size it needs (lia_nash_memory_needed). */
typedef struct lh_budget {
    double used, cap;
    int over;             /* an allocation was refused for the cap (not for lack of memory) */
} lh_budget;

static void *take(lh_budget *b, size_t count, size_t size)
{
    double bytes = (double)count * (double)size;
    if (b->used + bytes > b->cap) { b->over = 1; return NULL; }
    void *p = lia__calloc(count ? count : 1, size);
    if (p) b->used += bytes;
    return p;
}

static void give(lh_budget *b, void *p, size_t count, size_t size)
{
    if (!p) return;
    lia__free(p);
    b->used -= (double)count * (double)size;
}

/* A tableau in dictionary form: only the nonbasic columns are stored (basic columns are unit
 * vectors), which halves the memory each pivot streams through. */
typedef struct tableau {
    size_t rows, width;       /* width = nonbasic columns + 1; the last column is the right-hand side */
    size_t nlab;              /* labels 0 .. nlab-1 */
    double *t;                /* rows x width, row-major */
    size_t *basis;            /* label basic in each row */
    size_t *nonbasic;         /* label of each stored column */
    size_t *where;            /* label -> row (if basic) or column (if not) */
    unsigned char *is_basic;  /* by label */
    size_t slack0;            /* first label of the initial basis: the lexicographic columns */
    size_t since_refresh;     /* pivots since the tableau was last rebuilt from the payoffs */
    double *col, *prow;       /* scratch for the rank-1 update */
} tableau;

/* Bytes of one tableau (as tableau_init takes them). */
static double tableau_bytes(size_t rows, size_t nlab)
{
    double width = (double)(nlab - rows + 1);
    return rows * width * sizeof(double) + rows * sizeof(size_t) + width * sizeof(size_t) + nlab * sizeof(size_t) +
           (double)nlab + rows * sizeof(double) + width * sizeof(double);
}

static int tableau_init(tableau *T, size_t rows, size_t nlab, size_t slack0, lh_budget *b)
{
    T->rows = rows;
    T->nlab = nlab;
    T->width = nlab - rows + 1;
    T->slack0 = slack0;
    T->t = take(b, rows * T->width, sizeof *T->t);
    T->basis = take(b, rows, sizeof *T->basis);
    T->nonbasic = take(b, T->width, sizeof *T->nonbasic);
    T->where = take(b, nlab, sizeof *T->where);
    T->is_basic = take(b, nlab, 1);
    T->col = take(b, rows, sizeof *T->col);
    T->prow = take(b, T->width, sizeof *T->prow);
    return T->t && T->basis && T->nonbasic && T->where && T->is_basic && T->col && T->prow;
}

static void tableau_free(tableau *T, lh_budget *b)
{
    give(b, T->t, T->rows * T->width, sizeof *T->t);
    give(b, T->basis, T->rows, sizeof *T->basis);
    give(b, T->nonbasic, T->width, sizeof *T->nonbasic);
    give(b, T->where, T->nlab, sizeof *T->where);
    give(b, T->is_basic, T->nlab, 1);
    give(b, T->col, T->rows, sizeof *T->col);
    give(b, T->prow, T->width, sizeof *T->prow);
    memset(T, 0, sizeof *T);
}

/* Entry of the full tableau at (row, label): stored for nonbasic labels, a unit vector else. */
static double entry(const tableau *T, size_t row, size_t label)
{
    if (T->is_basic[label]) return T->where[label] == row ? 1.0 : 0.0;
    return T->t[row * T->width + T->where[label]];
}

/* Sign of x1 y1 - x2 y2, zero when the difference is within the rounding error: relative to
 * the products, plus the factors' absolute error (payoffs are mapped onto [1, 2], so tableau
 * entries carry a few ulps of one; a quotient by a small pivot entry would magnify that, a
 * product does not). */
static int cmp_cross(double x1, double y1, double x2, double y2)
{
    /* relative to the products, plus a few ulps of one for the factors' own rounding error */
    double diff = x1 * y1 - x2 * y2,
           tol = 1e-12 * (fabs(x1 * y1) + fabs(x2 * y2)) + 1e-16 * (fabs(x1) + fabs(y1) + fabs(x2) + fabs(y2));
    return diff < -tol ? -1 : diff > tol ? 1 : 0;
}

/* Is row a lexicographically smaller than row b after dividing each by its (positive) entry
 * in the entering column ce? Compared on the right-hand side, then on the initial slack
 * columns in order (the columns of the basis inverse), cross-multiplied. */
static int lex_less(const tableau *T, size_t a, size_t b, size_t ce)
{
    const double *ra = T->t + a * T->width, *rb = T->t + b * T->width;
    double pa = ra[ce], pb = rb[ce];
    size_t last = T->width - 1;
    int c = cmp_cross(ra[last], pb, rb[last], pa);
    for (size_t k = 0; c == 0 && k < T->rows; k++) {
        size_t label = T->slack0 + k;
        c = cmp_cross(entry(T, a, label), pb, entry(T, b, label), pa);
    }
    if (c) return c < 0;
    return a < b;   /* identical rows cannot happen in a nonsingular basis; stay deterministic */
}

/* Bring label e into the basis; returns the label that leaves, or (size_t)-1 if no row can
 * take it (unbounded: cannot happen with positive payoffs). */
static size_t pivot(tableau *T, size_t e)
{
    size_t ce = T->where[e], r = (size_t)-1;
    for (size_t i = 0; i < T->rows; i++) {
        if (T->t[i * T->width + ce] <= 1e-12) continue;
        if (r == (size_t)-1 || lex_less(T, i, r, ce)) r = i;
    }
    if (r == (size_t)-1) return r;
    double *row = T->t + r * T->width, p = row[ce];
    for (size_t c = 0; c < T->width; c++) T->prow[c] = row[c] / p;
    T->prow[ce] = 1.0 / p;                 /* the leaving variable's column takes slot ce */
    for (size_t i = 0; i < T->rows; i++) {
        T->col[i] = i == r ? 0 : T->t[i * T->width + ce];
        T->t[i * T->width + ce] = 0;       /* so the update leaves -col/p there */
    }
    cblas_dger(CblasRowMajor, (int)T->rows, (int)T->width, -1.0, T->col, 1, T->prow, 1, T->t, (int)T->width);
    memcpy(row, T->prow, T->width * sizeof *row);
    size_t leaving = T->basis[r];
    T->basis[r] = e;
    T->nonbasic[ce] = leaving;
    T->is_basic[e] = 1;
    T->is_basic[leaving] = 0;
    T->where[e] = r;
    T->where[leaving] = ce;
    return leaving;
}

typedef struct lh_game {
    size_t m, n;
    double *A, *B;      /* shifted to positive payoffs, row-major m x n */
    double *MP, *MQ;    /* [B^T | I] (n x (m+n)) and [I | A] (m x (m+n)) in label order */
    double *S, *R;      /* refactoring scratch, shared by all paths (they run one at a time) */
    lia_lapack_int *ipiv;
    double *vals;       /* m + n: the basic values of an ended path */
    lh_budget *budget;
} lh_game;

/* Re-solve the basic variables of a tableau from the original (shifted) matrix, so pivoting
 * errors do not reach the answer: M is the rows x (m+n) constraint matrix [.. | I] in label
 * order; out[label] = value for basic labels, 0 otherwise. */
static lia_status resolve_basis(const tableau *T, const double *M, size_t nlab, lh_game *G, double *out)
{
    size_t k = T->rows;
    double *S = G->S, *rhs = G->R;   /* the refactoring scratch: no path is pivoting now */
    lia_lapack_int *ipiv = G->ipiv;
    /* column-major getrf + getrs: LAPACKE's row-major path would transpose through its own
     * malloc, and OpenBLAS's gesv reaches for its thread pool */
    for (size_t i = 0; i < k; i++) {
        rhs[i] = 1;
        for (size_t j = 0; j < k; j++) S[j * k + i] = M[i * nlab + T->basis[j]];
    }
    if (lia__dgetrf((lia_lapack_int)k, (lia_lapack_int)k, S, (lia_lapack_int)k, ipiv) != 0 ||
        lia__dgetrs('N', (lia_lapack_int)k, 1, S, (lia_lapack_int)k, ipiv, rhs, (lia_lapack_int)k) != 0)
        return LIA_EINTERNAL;   /* a singular basis: the path went wrong */
    for (size_t l = 0; l < nlab; l++) out[l] = 0;
    for (size_t j = 0; j < k; j++) out[T->basis[j]] = rhs[j];
    return LIA_OK;
}

/* Rebuild a tableau from the original constraint matrix M (rows x nlab, row-major) for its
 * current basis: T = B^-1 [nonbasic columns | 1] by LAPACK (dgetrf, dgetrs). Long paths
 * accumulate rounding error pivot by pivot (a 200 x 200 game was seen to drift infeasible
 * after about 90,000 pivots and then cycle); rebuilding every REFRESH_ROWS x rows pivots
 * keeps every ratio test accurate at a cost of a few per cent. 0 if the basis matrix is
 * singular or the rebuilt basis is infeasible: the path has failed. */
enum { REFRESH_ROWS = 16 };
static int refactor(tableau *T, const double *M, size_t nlab, lh_game *G)
{
    size_t k = T->rows, w = T->width;
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < k; i++) G->S[j * k + i] = M[i * nlab + T->basis[j]];
    for (size_t c = 0; c < w; c++)
        for (size_t i = 0; i < k; i++) G->R[c * k + i] = c + 1 == w ? 1.0 : M[i * nlab + T->nonbasic[c]];
    if (lia__dgetrf((lia_lapack_int)k, (lia_lapack_int)k, G->S, (lia_lapack_int)k, G->ipiv) != 0 ||
        lia__dgetrs('N', (lia_lapack_int)k, (lia_lapack_int)w, G->S, (lia_lapack_int)k, G->ipiv, G->R,
                            (lia_lapack_int)k) != 0)
        return 0;
    for (size_t i = 0; i < k; i++) {
        for (size_t c = 0; c < w; c++) T->t[i * w + c] = G->R[c * k + i];
        if (T->t[i * w + w - 1] < -1e-9) return 0;
    }
    return 1;
}

/* One complementary path, resumable so that several can race. */
typedef struct lh_path {
    tableau P, Q;
    tableau *cur, *other;
    size_t label, entering, steps;
} lh_path;

static void path_end(lh_path *w, lh_budget *b)
{
    tableau_free(&w->P, b);
    tableau_free(&w->Q, b);
}

/* Start at the artificial equilibrium with `label` dropped; 0 on allocation failure (or a
 * refusal by the budget). */
static int path_begin(lh_path *w, const lh_game *G, size_t label)
{
    size_t m = G->m, n = G->n, nlab = m + n;
    memset(w, 0, sizeof *w);
    if (!tableau_init(&w->P, n, nlab, m, G->budget) || !tableau_init(&w->Q, m, nlab, 0, G->budget)) {
        path_end(w, G->budget);
        return 0;
    }
    /* P: rows r_j basic (labels m+j), columns x_i (labels i) hold B^T; Q: rows s_i basic,
     * columns y_j (labels m+j) hold A; right-hand sides 1 */
    for (size_t i = 0; i < m; i++) { w->P.nonbasic[i] = i; w->P.where[i] = i; }
    for (size_t j = 0; j < n; j++) {
        w->P.basis[j] = m + j;
        w->P.is_basic[m + j] = 1;
        w->P.where[m + j] = j;
        for (size_t i = 0; i < m; i++) w->P.t[j * w->P.width + i] = G->MP[j * nlab + i];
        w->P.t[j * w->P.width + m] = 1;
    }
    for (size_t j = 0; j < n; j++) { w->Q.nonbasic[j] = m + j; w->Q.where[m + j] = j; }
    for (size_t i = 0; i < m; i++) {
        w->Q.basis[i] = i;
        w->Q.is_basic[i] = 1;
        w->Q.where[i] = i;
        for (size_t j = 0; j < n; j++) w->Q.t[i * w->Q.width + j] = G->MQ[i * nlab + m + j];
        w->Q.t[i * w->Q.width + n] = 1;
    }
    /* x labels (0..m-1) are nonbasic in P at the start; y labels in Q */
    w->cur = label < m ? &w->P : &w->Q;
    w->other = label < m ? &w->Q : &w->P;
    w->label = w->entering = label;
    return 1;
}

/* Up to `budget` pivots: 1 when the path has ended (every label present again), 0 to be
 * continued, -1 if it failed or exceeded its length limit. */
static int path_advance(lh_path *w, lh_game *G, size_t budget)
{
    size_t nlab = w->P.nlab, limit = 50 * (nlab + 10) * (nlab + 10);
    for (size_t k = 0; k < budget; k++) {
        size_t leaving = pivot(w->cur, w->entering);
        if (leaving == (size_t)-1 || ++w->steps > limit) return -1;
        tableau *T = w->cur;
        if (++T->since_refresh >= REFRESH_ROWS * T->rows) {
            T->since_refresh = 0;
            if (!refactor(T, T == &w->P ? G->MP : G->MQ, nlab, G)) return -1;
        }
        if (leaving == w->label) return 1;
        w->entering = leaving;                 /* the duplicate label leaves the other polytope */
        tableau *t = w->cur;
        w->cur = w->other;
        w->other = t;
    }
    return 0;
}

/* The ended path's equilibrium: x from P's basis, y from Q's, each re-solved and normalised. */
static lia_status path_profile(const lh_path *w, lh_game *G, double *x)
{
    size_t m = G->m, n = G->n, nlab = m + n;
    double *vals = G->vals, sx = 0, sy = 0;
    lia_status st = resolve_basis(&w->P, G->MP, nlab, G, vals);
    if (st != LIA_OK) return st;
    for (size_t i = 0; i < m; i++) { x[i] = vals[i] > 0 ? vals[i] : 0; sx += x[i]; }
    st = resolve_basis(&w->Q, G->MQ, nlab, G, vals);
    if (st != LIA_OK) return st;
    for (size_t j = 0; j < n; j++) { x[m + j] = vals[m + j] > 0 ? vals[m + j] : 0; sy += x[m + j]; }
    if (!(sx > 0) || !(sy > 0)) return LIA_EINTERNAL;
    for (size_t i = 0; i < m; i++) x[i] /= sx;
    for (size_t j = 0; j < n; j++) x[m + j] /= sy;
    return LIA_OK;
}

/* Follow the path of one label to its end. */
static lia_status lh_single(lh_game *G, size_t label, double *x)
{
    lh_path w;
    if (!path_begin(&w, G, label)) return G->budget->over ? LIA_ELIMIT : LIA_ENOMEM;
    int r = path_advance(&w, G, (size_t)-1);
    lia_status st = r == 1 ? path_profile(&w, G, x) : LIA_EINTERNAL;
    path_end(&w, G->budget);
    return st;
}

/* Path lengths differ by orders of magnitude between labels of the same game (110 to over
 * 300,000 pivots seen on one 300x300 game), so for "any one equilibrium" up to RACERS labels
 * spread over both players run round-robin in fixed blocks (deterministic) and the first path
 * to end with a verified equilibrium wins. */
enum { RACERS = 8, RACE_BLOCK = 32 };

/* Bytes one path's two tableaux take. */
static double path_bytes(size_t m, size_t n)
{
    return tableau_bytes(n, m + n) + tableau_bytes(m, m + n);
}

/* Bytes of the game's matrices and scratch (as lia__nash_lh takes them), of `paths` paths, and
 * of the equilibria kept (each one's profile, payoffs and regret, twice over for the set's
 * growth by doubling; one equilibrium per label at most). */
static double lh_bytes(size_t m, size_t n, size_t paths, size_t equilibria)
{
    double nlab = (double)(m + n), big = (double)(m > n ? m : n);
    double game = (2.0 * m * n + n * nlab + m * nlab + big * big + big * (nlab + 1) + nlab + nlab) * sizeof(double) +
                  big * sizeof(lia_lapack_int);
    return game + (double)paths * path_bytes(m, n) + 2.0 * (double)equilibria * (nlab + 3) * sizeof(double);
}

static lia_status lh_race(lh_game *G, const lia_game *g, double *x, double *regret)
{
    size_t nlab = G->m + G->n, k = nlab < RACERS ? nlab : RACERS;
    /* as many racers as the memory cap allows (a 3000x3000 game fits 7 in 1 GiB) */
    while (k > 1 && lh_bytes(G->m, G->n, k, 1) > G->budget->cap) k--;
    size_t live = k;
    lh_path w[RACERS];
    int state[RACERS];
    size_t started = 0;
    lia_status st = LIA_OK;
    for (; started < k; started++) {
        state[started] = 0;
        if (!path_begin(&w[started], G, started * nlab / k)) { st = G->budget->over ? LIA_ELIMIT : LIA_ENOMEM; break; }
    }
    int found = 0;
    while (st == LIA_OK && !found && live > 0) {
        for (size_t r = 0; r < k && !found && st == LIA_OK; r++) {
            if (state[r] != 0) continue;
            state[r] = path_advance(&w[r], G, RACE_BLOCK);
            if (state[r] == 0) continue;
            live--;
            if (state[r] < 0) continue;
            lia_status ps = path_profile(&w[r], G, x);
            if (ps == LIA_ENOMEM) { st = ps; break; }
            int pass = 0;
            if (ps == LIA_OK && lia__regret_verify(g, x, regret, &pass) == LIA_OK && pass) found = 1;
        }
    }
    for (size_t r = 0; r < started; r++) path_end(&w[r], G->budget);
    if (st == LIA_OK && !found) st = LIA_EINTERNAL;
    return st;
}

static int same_profile(const double *a, const double *b, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if (fabs(a[i] - b[i]) > 1e-9) return 0;
    return 1;
}

/* Charge one more kept equilibrium (profile, payoffs, regret; twice for the set's growth) to
 * the budget; 0 if it does not fit. The set's memory stays charged until the run ends. */
static int keep(lh_budget *b, size_t nlab)
{
    double bytes = 2.0 * ((double)nlab + 3) * sizeof(double);
    if (b->used + bytes > b->cap) { b->over = 1; return 0; }
    b->used += bytes;
    return 1;
}

/* The most equilibria a run keeps: one per label followed (all labels), else one. */
static size_t lh_kept(size_t nlab, long label) { return label == -1 ? nlab : 1; }

lia_status lia__nash_lh_needed(const lia_game *g, long label, double *bytes)
{
    if (g->np != 2) return LIA_EUSAGE;
    size_t m = g->ns[0], n = g->ns[1];
    *bytes = lh_bytes(m, n, 1, lh_kept(m + n, label));
    return LIA_OK;
}

lia_status lia__nash_lh(lia_eqset *e, const lia_game *g, long label, size_t cap)
{
    if (g->np != 2) return LIA_EUSAGE;
    size_t m = g->ns[0], n = g->ns[1], nlab = m + n;
    if (label >= (long)nlab || label < LIA_LH_RACE) return LIA_EUSAGE;
    /* the game's matrices, the scratch, one path and the equilibria kept must fit */
    lh_budget budget = { 0, (double)cap, 0 };
    if (lh_bytes(m, n, 1, lh_kept(nlab, label)) > budget.cap) return LIA_ELIMIT;
    size_t big = m > n ? m : n;
    lh_game G = { m, n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, &budget };
    G.A = take(&budget, m * n, sizeof *G.A);
    G.B = take(&budget, m * n, sizeof *G.B);
    G.MP = take(&budget, n * nlab, sizeof *G.MP);
    G.MQ = take(&budget, m * nlab, sizeof *G.MQ);
    G.S = take(&budget, big * big, sizeof *G.S);
    G.R = take(&budget, big * (nlab + 1), sizeof *G.R);
    G.ipiv = take(&budget, big, sizeof *G.ipiv);
    G.vals = take(&budget, nlab, sizeof *G.vals);
    double *x = take(&budget, nlab, sizeof *x), u[2];
    lia_status st = budget.over ? LIA_ELIMIT : LIA_ENOMEM;
    if (!G.A || !G.B || !G.MP || !G.MQ || !G.S || !G.R || !G.ipiv || !G.vals || !x) goto done;
    /* map each player's payoffs affinely onto [1, 2]: equilibria are unchanged, the polytopes
     * bounded, and every tolerance below means the same whatever units the payoffs use */
    double minA = INFINITY, minB = INFINITY, maxA = -INFINITY, maxB = -INFINITY;
    for (size_t k = 0; k < m * n; k++) {
        minA = fmin(minA, g->payoffs[k]);
        maxA = fmax(maxA, g->payoffs[k]);
        minB = fmin(minB, g->payoffs[g->nprofiles + k]);
        maxB = fmax(maxB, g->payoffs[g->nprofiles + k]);
    }
    double spanA = maxA > minA ? maxA - minA : 1, spanB = maxB > minB ? maxB - minB : 1;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            G.A[i * n + j] = (g->payoffs[i + m * j] - minA) / spanA + 1;
            G.B[i * n + j] = (g->payoffs[g->nprofiles + i + m * j] - minB) / spanB + 1;
        }
    for (size_t j = 0; j < n; j++) {
        for (size_t i = 0; i < m; i++) G.MP[j * nlab + i] = G.B[i * n + j];
        G.MP[j * nlab + m + j] = 1;
    }
    for (size_t i = 0; i < m; i++) {
        G.MQ[i * nlab + i] = 1;
        for (size_t j = 0; j < n; j++) G.MQ[i * nlab + m + j] = G.A[i * n + j];
    }
    st = LIA_OK;
    if (label == LIA_LH_RACE) {
        double regret;
        st = lh_race(&G, g, x, &regret);
        if (st == LIA_OK && !keep(&budget, nlab)) st = LIA_ELIMIT;
        if (st == LIA_OK && (lia_game_expected_payoffs(g, x, u) != LIA_OK || !lia__eqset_add(e, x, u, regret)))
            st = LIA_ENOMEM;
        goto done;
    }
    size_t from = label < 0 ? 0 : (size_t)label, to = label < 0 ? nlab : (size_t)label + 1;
    size_t failed = 0;
    for (size_t k = from; k < to && st == LIA_OK; k++) {
        st = lh_single(&G, k, x);
        double regret = INFINITY;
        int pass = 0;
        if (st == LIA_OK) st = lia__regret_verify(g, x, &regret, &pass);
        if (st == LIA_EINTERNAL || (st == LIA_OK && !pass)) {
            /* a path that failed numerically is never reported; with all labels, the others
             * still count (one drifting label must not discard what the rest found) */
            failed++;
            st = label < 0 ? LIA_OK : LIA_EINTERNAL;
            continue;
        }
        if (st != LIA_OK) break;
        int seen = 0;
        for (size_t q = 0; q < e->n && !seen; q++) seen = same_profile(e->profiles + q * e->width, x, nlab);
        if (seen && label < 0) continue;      /* all labels: each equilibrium once */
        if (!keep(&budget, nlab)) { st = LIA_ELIMIT; break; }
        if (lia_game_expected_payoffs(g, x, u) != LIA_OK || !lia__eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
    }
    if (st == LIA_OK && label < 0 && e->n == 0 && failed) st = LIA_EINTERNAL;
done:
    give(&budget, G.A, m * n, sizeof *G.A);
    give(&budget, G.B, m * n, sizeof *G.B);
    give(&budget, G.MP, n * nlab, sizeof *G.MP);
    give(&budget, G.MQ, m * nlab, sizeof *G.MQ);
    give(&budget, G.S, big * big, sizeof *G.S);
    give(&budget, G.R, big * (nlab + 1), sizeof *G.R);
    give(&budget, G.ipiv, big, sizeof *G.ipiv);
    give(&budget, G.vals, nlab, sizeof *G.vals);
    give(&budget, x, nlab, sizeof *x);
    return st;
}
