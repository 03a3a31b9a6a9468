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
    if (!lia_big_mul(&a, x1, y1) || !lia_big_mul(&b, x2, y2)) return UNFIT;
    return lia_big_cmp(&a, &b);
}
static int big_bareiss(lia_big *r, const lia_big *a, const lia_big *p, const lia_big *b, const lia_big *c,
                       const lia_big *D)
{
    lia_big t, u;
    return lia_big_mul(&t, a, p) && lia_big_mul(&u, b, c) && lia_big_sub(&t, &t, &u) && lia_big_divmod(r, NULL, &t, D);
}

#define NUM lia_big
#define SFX(name) big_##name
#define N_SET_I64(r, v) lia_big_set_i64(r, v)
#define N_FROM_BIG(r, b) (*(r) = *(b), 1)
#define N_SIGN(a) lia_big_sign(a)
#define N_NEGATE(a) lia_big_negate(a)
#define N_CMP_PROD(x1, y1, x2, y2) big_cmp_prod(x1, y1, x2, y2)
#define N_BAREISS(r, a, p, b, c, D) big_bareiss(r, a, p, b, c, D)
#include "polytope_exact_body.h"

lia_status lia_polytope_vertices_exact(lia_vertices *out, const lia_polytope_exact *P, size_t cap)
{
    lia_status st = i64_vertices(out, P, cap);
    if (st == XS_OVERFLOW) st = big_vertices(out, P, cap);
    return st == XS_OVERFLOW ? LIA_ELIMIT : st;
}
