/* polytope.c — vertex enumeration of a best-response polytope {z >= 0, M z <= 1} by
 * depth-first search over its lexicographically feasible bases.
 *
 * Variables are the d coordinates z_c (variable c) and the k slacks w_r = 1 - (M z)_r
 * (variable d + r); a basis is k of them. With I the basic coordinates and T the nonbasic
 * slacks (the binding constraints), |I| = |T| = t and the basis solves the t x t system
 * M[T, I] z_I = 1; the basic slacks follow as w_S = 1 - M[S, I] z_I. So each basis is
 * factored from the original M in O(t^3 + k t d) instead of being pivoted from its
 * predecessor: no rounding error builds up along the search, and nothing but the bases needs
 * to be stored.
 *
 * Degeneracy: the right-hand side is perturbed to 1 + (eps, eps^2, ..., eps^k), which makes
 * the polytope simple; its bases are those whose rows of [beta | B^-1] are lexicographically
 * positive, and the lexicographic ratio test moves along its edges. Its graph is connected,
 * so the search from the origin visits every basis, and every vertex of the real polytope
 * has at least one of them (lrs uses the same rule; Avis & Fukuda 1992). */
#include "polytope.h"
#include "polytope_rs.h"
#include "polytope_exact.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <cblas.h>
#include "../util/lapack.h"
#include <math.h>
#include <string.h>

/* Values below ZERO_TOL count as zero (payoffs are mapped onto [1, 2], so basic values are of
 * order one); a pivot element must exceed PIVOT_TOL; a basic value below -FEAS_TOL means the
 * floating-point arithmetic has failed, and the enumeration stops rather than guess. */
#define ZERO_TOL 1e-9
#define PIVOT_TOL 1e-9
#define FEAS_TOL 1e-7
#define TIE_TOL 1e-9

typedef struct work {
    const lia_polytope *P;
    size_t d, k, bw, t;
    size_t *rowvar;          /* k: the basic variable of each tableau row (I first, then S) */
    size_t *nb;              /* d: the nonbasic variables, one per tableau column */
    size_t *slackpos;        /* k: for slack r, its tableau row (basic) or column (nonbasic) */
    unsigned char *slackbasic;
    double *G, *MSI;         /* t x t and |S| x t, column-major */
    lia_lapack_int *ipiv;
    double *tab;             /* k x (1 + d), column-major: column 0 is beta, column 1+q is the
                                entering column of nonbasic variable nb[q] */
} work;

static int work_init(work *w, const lia_polytope *P)
{
    memset(w, 0, sizeof *w);
    w->P = P;
    w->d = P->d;
    w->k = P->k;
    w->bw = (P->d + P->k + 63) / 64;
    size_t d = P->d, k = P->k, t = d < k ? d : k;
    w->rowvar = lia__malloc(k * sizeof *w->rowvar);
    w->nb = lia__malloc(d * sizeof *w->nb);
    w->slackpos = lia__malloc(k * sizeof *w->slackpos);
    w->slackbasic = lia__malloc(k);
    w->G = lia__malloc((t * t + 1) * sizeof *w->G);
    w->MSI = lia__malloc((k * t + 1) * sizeof *w->MSI);
    w->ipiv = lia__malloc((t + 1) * sizeof *w->ipiv);
    w->tab = lia__malloc(k * (1 + d) * sizeof *w->tab);
    return w->rowvar && w->nb && w->slackpos && w->slackbasic && w->G && w->MSI && w->ipiv && w->tab;
}

static void work_free(work *w)
{
    lia__free(w->rowvar);
    lia__free(w->nb);
    lia__free(w->slackpos);
    lia__free(w->slackbasic);
    lia__free(w->G);
    lia__free(w->MSI);
    lia__free(w->ipiv);
    lia__free(w->tab);
}

/* Fill the tableau of a basis; 0 if its matrix is singular (not a basis: a bug upstream). */
static int factor(work *w, const uint64_t *basis)
{
    const double *M = w->P->M;
    size_t d = w->d, k = w->k, t = 0, s = 0, q = 0;
    /* rows: basic coordinates first, then basic slacks; columns: nonbasic coordinates, then
     * nonbasic slacks */
    for (size_t c = 0; c < d; c++) {
        if (lia_bit(basis, c)) w->rowvar[t++] = c;
        else w->nb[q++] = c;
    }
    size_t tight = 0;
    for (size_t r = 0; r < k; r++) w->slackbasic[r] = (unsigned char)lia_bit(basis, d + r);
    for (size_t r = 0; r < k; r++)
        if (!w->slackbasic[r]) { w->slackpos[r] = q; w->nb[q++] = d + r; tight++; }
    for (size_t r = 0; r < k; r++)
        if (w->slackbasic[r]) { w->slackpos[r] = t + s; w->rowvar[t + s++] = d + r; }
    if (tight != t || q != d || t + s != k) return 0;
    w->t = t;
    double *X = w->tab;   /* rows 0..t-1 of the tableau are G^-1 times the right-hand sides */
    for (size_t col = 0; col <= d; col++)
        for (size_t a = 0; a < t; a++) X[col * k + a] = 0;
    for (size_t a = 0; a < t; a++) {
        size_t r = w->nb[d - t + a] - d;   /* the a-th binding constraint */
        for (size_t b = 0; b < t; b++) w->G[b * t + a] = M[r * d + w->rowvar[b]];
        X[a] = 1;
        for (size_t c = 0; c < d - t; c++) X[(1 + c) * k + a] = M[r * d + w->nb[c]];
        X[(1 + d - t + a) * k + a] = 1;
    }
    if (t > 0) {
        if (lia__dgetrf((lia_lapack_int)t, (lia_lapack_int)t, w->G, (lia_lapack_int)t, w->ipiv) != 0)
            return 0;
        if (lia__dgetrs('N', (lia_lapack_int)t, (lia_lapack_int)(1 + d), w->G, (lia_lapack_int)t,
                                w->ipiv, X, (lia_lapack_int)k) != 0)
            return 0;
    }
    /* rows t..k-1: w_S = [1 | M[S, nonbasic coords] | 0] - M[S, I] X */
    for (size_t i = 0; i < s; i++) {
        size_t r = w->rowvar[t + i] - d;
        for (size_t b = 0; b < t; b++) w->MSI[b * s + i] = M[r * d + w->rowvar[b]];
        double *row = w->tab + t + i;
        row[0] = 1;
        for (size_t c = 0; c < d - t; c++) row[(1 + c) * k] = M[r * d + w->nb[c]];
        for (size_t c = d - t; c < d; c++) row[(1 + c) * k] = 0;
    }
    if (s > 0 && t > 0)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, (int)s, (int)(1 + d), (int)t, -1.0, w->MSI, (int)s,
                    X, (int)k, 1.0, w->tab + t, (int)k);
    for (size_t i = 0; i < k; i++)
        if (fabs(w->tab[i]) <= ZERO_TOL) w->tab[i] = 0;   /* ties then fall to the lexicographic rule */
    return 1;
}

/* Entry (row, r) of the basis inverse, constraint r: a unit vector for basic slacks, the
 * slack's entering column otherwise. */
static double binv(const work *w, size_t row, size_t r)
{
    if (w->slackbasic[r]) return w->slackpos[r] == row ? 1.0 : 0.0;
    return w->tab[(1 + w->slackpos[r]) * w->k + row];
}

static int cmp_tol(double a, double b)
{
    double tol = TIE_TOL * fmax(1.0, fmax(fabs(a), fabs(b)));
    return a < b - tol ? -1 : a > b + tol ? 1 : 0;
}

/* The leaving row for entering column q by the lexicographic ratio test, or k if none. The
 * plain minimum ratio decides unless another row ties with it; only then are the rows of the
 * basis inverse compared (ties are rare outside degenerate games). */
static size_t ratio_test(const work *w, size_t q)
{
    size_t k = w->k, best = k;
    const double *col = w->tab + (1 + q) * k;
    double low = INFINITY;
    for (size_t i = 0; i < k; i++) {
        if (!(col[i] > PIVOT_TOL)) continue;
        double r = w->tab[i] / col[i];
        if (r < low) { low = r; best = i; }
    }
    if (best == k) return k;
    double tol = TIE_TOL * fmax(1.0, low);
    for (size_t i = 0; i < k; i++) {
        if (i == best || !(col[i] > PIVOT_TOL) || !(w->tab[i] / col[i] <= low + tol)) continue;
        /* a tie with the minimum: the lexicographically smaller row leaves */
        int c = cmp_tol(w->tab[i] / col[i], w->tab[best] / col[best]);
        for (size_t r = 0; c == 0 && r < k; r++) c = cmp_tol(binv(w, i, r) / col[i], binv(w, best, r) / col[best]);
        if (c < 0) best = i;
    }
    return best;
}

/* The labels of the vertex of the current basis into lab (zeroed first). */
static void vertex_labels(const work *w, uint64_t *lab, size_t lw)
{
    const lia_polytope *P = w->P;
    memset(lab, 0, lw * sizeof *lab);
    for (size_t q = 0; q < w->d; q++) {
        size_t v = w->nb[q];
        lia_bit_set(lab, v < w->d ? P->coord_label[v] : P->cons_label[v - w->d]);
    }
    for (size_t i = 0; i < w->k; i++) {
        if (w->tab[i] != 0) continue;   /* a basic variable at zero: degenerate */
        size_t v = w->rowvar[i];
        lia_bit_set(lab, v < w->d ? P->coord_label[v] : P->cons_label[v - w->d]);
    }
}

static int push(uint64_t **stack, size_t *n, size_t *cap, const uint64_t *key, size_t bw)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 256, bytes;
        if (!lia__size_mul(c, bw * sizeof(uint64_t), &bytes)) return 0;
        uint64_t *s = lia__realloc(*stack, bytes);
        if (!s) return 0;
        *stack = s;
        *cap = c;
    }
    memcpy(*stack + *n * bw, key, bw * sizeof *key);
    (*n)++;
    return 1;
}

/* Append a vertex (labels and basis) to the output arrays. */
static int add_vertex(lia_vertices *out, size_t *cap, const uint64_t *lab, const uint64_t *basis)
{
    if (out->n == *cap) {
        size_t c = *cap ? *cap * 2 : 64, lb, bb;
        if (!lia__size_mul(c, out->lwords * sizeof(uint64_t), &lb) || !lia__size_mul(c, out->bwords * sizeof(uint64_t), &bb))
            return 0;
        uint64_t *l = lia__realloc(out->labels, lb);
        if (!l) return 0;
        out->labels = l;
        uint64_t *b = lia__realloc(out->basis, bb);
        if (!b) return 0;
        out->basis = b;
        *cap = c;
    }
    memcpy(out->labels + out->n * out->lwords, lab, out->lwords * sizeof *lab);
    memcpy(out->basis + out->n * out->bwords, basis, out->bwords * sizeof *basis);
    out->n++;
    return 1;
}

lia_status lia__polytope_vertices_lex(lia_vertices *out, const lia_polytope *P, size_t cap)
{
    memset(out, 0, sizeof *out);
    size_t d = P->d, k = P->k, bw = (d + k + 63) / 64, lw = (P->nlab + 63) / 64;
    out->lwords = lw;
    out->bwords = bw;
    work w;
    lia_bitset_table seen, verts;
    lia__bitset_table_init(&seen, bw);
    lia__bitset_table_init(&verts, lw);
    uint64_t *stack = NULL, *key = lia__calloc(bw, sizeof *key), *lab = lia__calloc(lw, sizeof *lab);
    size_t nstack = 0, stackcap = 0, vcap = 0;
    lia_status st = LIA_ENOMEM;
    if (!work_init(&w, P) || !key || !lab) goto done;
    for (size_t r = 0; r < k; r++) lia_bit_set(key, d + r);   /* the origin: every slack basic */
    if (lia__bitset_table_put(&seen, key, 0, NULL) < 0 || !push(&stack, &nstack, &stackcap, key, bw)) goto done;
    st = LIA_OK;
    while (nstack > 0 && st == LIA_OK) {
        nstack--;
        uint64_t *basis = stack + nstack * bw;
        memcpy(key, basis, bw * sizeof *key);
        if (!factor(&w, key)) { st = LIA_EINTERNAL; break; }
        for (size_t i = 0; i < k; i++)
            if (w.tab[i] < -FEAS_TOL) st = LIA_EINTERNAL;
        if (st != LIA_OK) break;
        out->nbases++;
        vertex_labels(&w, lab, lw);
        int fresh = lia__bitset_table_put(&verts, lab, out->n, NULL);
        if (fresh < 0 || (fresh > 0 && !add_vertex(out, &vcap, lab, key))) { st = LIA_ENOMEM; break; }
        for (size_t q = 0; q < d && st == LIA_OK; q++) {
            size_t row = ratio_test(&w, q);
            if (row == k) continue;   /* an unbounded edge: impossible for M > 0, skipped */
            uint64_t *next = key;     /* reuse key as scratch, restored below */
            size_t enter = w.nb[q], leave = w.rowvar[row];
            next[enter / 64] |= (uint64_t)1 << (enter % 64);
            next[leave / 64] &= ~((uint64_t)1 << (leave % 64));
            int r = lia__bitset_table_put(&seen, next, 0, NULL);
            if (r < 0 || (r > 0 && !push(&stack, &nstack, &stackcap, next, bw))) st = LIA_ENOMEM;
            next[leave / 64] |= (uint64_t)1 << (leave % 64);
            next[enter / 64] &= ~((uint64_t)1 << (enter % 64));
        }
        double bytes = (double)lia__bitset_table_bytes(&seen) + (double)lia__bitset_table_bytes(&verts) +
                       (double)stackcap * bw * 8 + (double)vcap * (lw + bw) * 8;
        if (st == LIA_OK && bytes > (double)cap) st = LIA_ELIMIT;
    }
done:
    work_free(&w);
    lia__bitset_table_free(&seen);
    lia__bitset_table_free(&verts);
    lia__free(stack);
    lia__free(key);
    lia__free(lab);
    if (st != LIA_OK) lia__vertices_free(out);
    return st;
}

/* A small polytope of a game with exact payoffs whose floating-point search decided some
 * comparison by less than CLOSE_CALL of its scale (ten times the sure margin of
 * polytope_rs.c: payoffs that differ by about 1e-6 do that) is searched again exactly, which
 * costs little below SMALL bases. Large ones are not: among the millions of comparisons of a
 * 20 x 20 game such margins are common, and their results are still checked exactly. */
#define CLOSE_CALL 1e-7
#define SMALL 20000

lia_status lia__polytope_vertices(lia_vertices *out, const lia_polytope *P, const lia_polytope_exact *X, size_t cap,
                                 unsigned threads)
{
    return lia__polytope_vertices_filtered(out, P, X, cap, threads, NULL);
}

lia_status lia__polytope_vertices_filtered(lia_vertices *out, const lia_polytope *P, const lia_polytope_exact *X,
                                          size_t cap, unsigned threads, const lia_vertex_filter *filter)
{
    lia_status st = lia__polytope_vertices_rs(out, P, X, cap, threads, filter);
    if (X && st == LIA_OK && out->closest < CLOSE_CALL && out->nbases <= SMALL) {
        lia__vertices_free(out);
        st = LIA_RS_UNSURE;
    }
    if (st != LIA_RS_UNSURE) return st;
    return X ? lia__polytope_vertices_exact(out, X, cap) : lia__polytope_vertices_lex(out, P, cap);
}

lia_status lia__vertices_append(lia_vertices *out, size_t *cap, lia_bitset_table *seen, size_t d, size_t k,
                               const size_t *coord_label, const size_t *cons_label, const size_t *colvar,
                               const size_t *rowvar, const unsigned char *zero)
{
    size_t lw = out->lwords, bw = out->bwords;
    if (out->n == *cap) {
        size_t c = *cap ? 2 * *cap : 256, lb, bb;
        if (!lia__size_mul(c, lw * sizeof(uint64_t), &lb) || !lia__size_mul(c, bw * sizeof(uint64_t), &bb))
            return LIA_ENOMEM;
        uint64_t *l = lia__realloc(out->labels, lb);
        if (!l) return LIA_ENOMEM;
        out->labels = l;
        uint64_t *b = lia__realloc(out->basis, bb);
        if (!b) return LIA_ENOMEM;
        out->basis = b;
        *cap = c;
    }
    uint64_t *lab = out->labels + out->n * lw, *bas = out->basis + out->n * bw;
    memset(lab, 0, lw * sizeof *lab);
    memset(bas, 0, bw * sizeof *bas);
    int degenerate = 0;
    for (size_t j = 0; j < d; j++) {
        size_t v = colvar[j];
        lia_bit_set(lab, v < d ? coord_label[v] : cons_label[v - d]);
    }
    for (size_t i = 0; i < k; i++) {
        size_t v = rowvar[i];
        lia_bit_set(bas, v);
        if (!zero[i]) continue;
        degenerate = 1;
        lia_bit_set(lab, v < d ? coord_label[v] : cons_label[v - d]);
    }
    out->nbases++;
    if (degenerate) {
        int fresh = lia__bitset_table_put(seen, lab, out->n, NULL);
        if (fresh < 0) return LIA_ENOMEM;
        if (!fresh) return LIA_OK;   /* another basis of a vertex already listed */
    }
    out->n++;
    return LIA_OK;
}

void lia__vertices_free(lia_vertices *v)
{
    lia__free(v->labels);
    lia__free(v->basis);
    v->labels = v->basis = NULL;
    v->n = 0;
}

lia_status lia__polytope_point(const lia_polytope *P, const uint64_t *basis, double *z)
{
    work w;
    lia_status st = LIA_ENOMEM;
    if (work_init(&w, P)) {
        st = factor(&w, basis) ? LIA_OK : LIA_EINTERNAL;
        if (st == LIA_OK) {
            for (size_t c = 0; c < P->d; c++) z[c] = 0;
            for (size_t i = 0; i < w.t; i++) z[w.rowvar[i]] = w.tab[i];
        }
    }
    work_free(&w);
    return st;
}
