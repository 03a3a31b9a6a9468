/* polytope_exact.c — reverse search over the lexicographic bases of {z >= 0, M z <= 1} in
 * exact integer arithmetic, for games with exact payoffs whose floating-point search met a
 * decision too close to call (polytope_rs.c gives the method; this is the same search with
 * every comparison exact, as lrs does it).
 *
 * The dictionary is kept fraction-free (Edmonds; Bareiss): integers T, beta and c over one
 * common denominator D > 0, the determinant of the current basis. A pivot on (r, s) with
 * p = T[r][s] gives D' = p and, for i != r and j != s,
 *     T'[i][j] = (T[i][j] p - T[i][s] T[r][j]) / D,
 * an exact division, since every entry is a minor of the original system; the pivot row
 * keeps its entries, the pivot column changes sign and T'[r][s] = D. Ratios and the rows of
 * the basis inverse are compared cross-multiplied, so no comparison ever needs a tolerance.
 *
 * The search (polytope_exact_body.h) is compiled twice: on 64-bit integers with 128-bit
 * products, checked for overflow, and on the 3072-bit lia_big. Every entry is a minor of the
 * integer matrix, so with small payoffs (the degenerate games that come here most: payoffs
 * 0..3 at 15 x 15 have minors below 2^60) the first runs to the end, several times faster;
 * the first overflow restarts the search on lia_big (as lrs moves from 64-bit to GMP). */
#include "polytope_exact.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

enum { UNFIT = 2 };
#define XS_OVERFLOW ((lia_status)101)

/* ---- 64-bit integers, 128-bit products ---- */
__extension__ typedef __int128 i128;

static inline int i64_from_big(int64_t *r, const lia_big *b)
{
    if (b->n > 2) return 0;
    uint64_t m = (b->n > 0 ? b->d[0] : 0) | (b->n > 1 ? (uint64_t)b->d[1] << 32 : 0);
    if (m > (uint64_t)INT64_MAX) return 0;
    *r = b->neg ? -(int64_t)m : (int64_t)m;
    return 1;
}
static inline int i64_sign(const int64_t *a) { return (*a > 0) - (*a < 0); }
static inline int i64_cmp_prod(const int64_t *x1, const int64_t *y1, const int64_t *x2, const int64_t *y2)
{
    i128 a = (i128)*x1 * *y1, b = (i128)*x2 * *y2;   /* each below 2^126 in magnitude: no overflow */
    return (a > b) - (a < b);
}
static inline int i64_bareiss(int64_t *r, const int64_t *a, const int64_t *p, const int64_t *b, const int64_t *c,
                              const int64_t *D)
{
    i128 t;
    if (__builtin_sub_overflow((i128)*a * *p, (i128)*b * *c, &t)) return 0;
    if (*D != 1) t /= *D;
    if (t > INT64_MAX || t < -INT64_MAX) return 0;
    *r = (int64_t)t;
    return 1;
}

#define NUM int64_t
#define SFX(name) i64_##name
#define N_SET_I64(r, v) (*(r) = (v))
#define N_FROM_BIG(r, b) i64_from_big(r, b)
#define N_SIGN(a) i64_sign(a)
#define N_NEGATE(a) (*(a) = -*(a))
#define N_CMP_PROD(x1, y1, x2, y2) i64_cmp_prod(x1, y1, x2, y2)
#define N_BAREISS(r, a, p, b, c, D) i64_bareiss(r, a, p, b, c, D)
#include "polytope_exact_body.h"
#undef NUM
#undef SFX
#undef N_SET_I64
#undef N_FROM_BIG
#undef N_SIGN
#undef N_NEGATE
#undef N_CMP_PROD
#undef N_BAREISS

/* ---- 3072-bit integers ---- */
static int big_cmp_prod(const lia_big *x1, const lia_big *y1, const lia_big *x2, const lia_big *y2)
{
    lia_big a, b;
    if (!lia__big_mul(&a, x1, y1) || !lia__big_mul(&b, x2, y2)) return UNFIT;
    return lia__big_cmp(&a, &b);
}
static int big_bareiss(lia_big *r, const lia_big *a, const lia_big *p, const lia_big *b, const lia_big *c,
                       const lia_big *D)
{
    lia_big t, u;
    return lia__big_mul(&t, a, p) && lia__big_mul(&u, b, c) && lia__big_sub(&t, &t, &u) && lia__big_divmod(r, NULL, &t, D);
}

#define NUM lia_big
#define SFX(name) big_##name
#define N_SET_I64(r, v) lia__big_set_i64(r, v)
#define N_FROM_BIG(r, b) (*(r) = *(b), 1)
#define N_SIGN(a) lia_big_sign(a)
#define N_NEGATE(a) lia_big_negate(a)
#define N_CMP_PROD(x1, y1, x2, y2) big_cmp_prod(x1, y1, x2, y2)
#define N_BAREISS(r, a, p, b, c, D) big_bareiss(r, a, p, b, c, D)
#include "polytope_exact_body.h"

lia_status lia__polytope_vertices_exact(lia_vertices *out, const lia_polytope_exact *P, size_t cap)
{
    lia_status st = i64_vertices(out, P, cap);
    if (st == XS_OVERFLOW) st = big_vertices(out, P, cap);
    return st == XS_OVERFLOW ? LIA_ELIMIT : st;
}

/* ---- One decision of the floating-point search, made exactly ----
 *
 * The floating-point reverse search (polytope_rs.c) meets, now and then, a comparison too
 * close to call even on a freshly factored dictionary. Rather than redo the whole polytope in
 * exact arithmetic, the one dictionary concerned is built exactly and the decision taken
 * there: from the origin's dictionary, each basic coordinate of the basis is pivoted in
 * (fraction-free, so exactly) against a slack that is not basic in it. The objective is the
 * floating-point search's own: its weights are doubles, w_j = W_j 2^-52 with W_j integers, so
 * the integer weights W_j give the same reduced-cost signs, hence the same search tree. */
struct lia_exact_node {
    size_t d, k;
    big_dict D;
};

void lia__exact_node_free(lia_exact_node *N)
{
    if (!N) return;
    lia__free(N->D.T);
    lia__free(N->D.rowvar);
    lia__free(N->D.basic);
    lia__free(N);
}

lia_status lia__exact_node_new(lia_exact_node **out, const lia_polytope_exact *P, const double *weights,
                              const uint64_t *basis)
{
    size_t d = P->d, k = P->k;
    *out = NULL;
    lia_exact_node *N = lia__calloc(1, sizeof *N);
    big_dict E;
    memset(&E, 0, sizeof E);
    if (!N || !big_level_alloc(&N->D, d, k)) { lia__free(N); return LIA_ENOMEM; }
    N->d = d;
    N->k = k;
    if (!big_level_alloc(&E, d, k)) { lia__exact_node_free(N); return LIA_ENOMEM; }
    big_dict *D = &N->D;
    lia__big_set_i64(&D->D, 1);
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < d; j++) D->T[i * d + j] = P->M[i * d + j];
        lia__big_set_i64(&D->beta[i], 1);
        D->rowvar[i] = d + i;
        D->where[d + i] = i;
        D->basic[d + i] = 1;
    }
    for (size_t j = 0; j < d; j++) {
        lia__big_set_i64(&D->c[j], (int64_t)ldexp(weights[j], 52));   /* exact: weights are below 2 */
        D->colvar[j] = j;
        D->where[j] = j;
        D->basic[j] = 0;
    }
    lia_status st = LIA_OK;
    for (size_t v = 0; v < d && st == LIA_OK; v++) {
        if (!lia_bit(basis, v)) continue;
        size_t s = D->where[v], r = k;
        for (size_t i = 0; i < k && r == k; i++) {
            size_t u = D->rowvar[i];
            if (u >= d && !lia_bit(basis, u) && !lia_big_is_zero(&D->T[i * d + s])) r = i;
        }
        if (r == k) { st = LIA_EINTERNAL; break; }   /* a singular "basis": a bug upstream */
        if (!big_pivot(&E, D, d, k, r, s)) { st = LIA_ELIMIT; break; }
        big_dict t = *D;
        *D = E;
        E = t;
    }
    lia__free(E.T);
    lia__free(E.rowvar);
    lia__free(E.basic);
    if (st != LIA_OK) { lia__exact_node_free(N); return st; }
    /* the pivots may have left D negative; the lexicographic rules compare with D > 0 */
    if (lia_big_sign(&D->D) < 0) {
        lia_big_negate(&D->D);
        for (size_t i = 0; i < k * d + k + d; i++) lia_big_negate(&D->T[i]);
    }
    *out = N;
    return LIA_OK;
}

int lia__exact_node_child(const lia_exact_node *N, size_t enter, size_t *leave)
{
    const big_dict *D = &N->D;
    size_t s = D->where[enter];
    if (lia_big_sign(&D->c[s]) <= 0) return 0;
    size_t r = big_ratio_test(D, N->d, N->k, s);
    if (r == (size_t)-1) return -1;
    if (r == N->k) return 0;
    int child = big_is_child(D, N->d, r, s);
    if (child == UNFIT) return -1;
    *leave = D->rowvar[r];
    return child;
}

int lia__exact_node_sign(const lia_exact_node *N, size_t var)
{
    const big_dict *D = &N->D;
    return D->basic[var] ? lia_big_sign(&D->beta[D->where[var]]) : 0;
}
