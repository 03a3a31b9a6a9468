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
 * the basis inverse are compared cross-multiplied, so no comparison ever needs a tolerance. */
#include "polytope_exact.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <string.h>

typedef struct xdict {
    lia_big *T;            /* k x d, row-major */
    lia_big *beta, *c;     /* k and d */
    lia_big D;
    size_t *rowvar, *colvar, *where;
    unsigned char *basic;
    size_t next;
} xdict;

typedef struct xsearch {
    size_t d, k;
    xdict *level;
    size_t nlevels;
} xsearch;

static int level_alloc(xdict *D, size_t d, size_t k)
{
    memset(D, 0, sizeof *D);
    D->T = lia__malloc((k * d + k + d) * sizeof *D->T);
    D->rowvar = lia__malloc(2 * (k + d) * sizeof *D->rowvar);
    D->basic = lia__malloc(k + d);
    if (!D->T || !D->rowvar || !D->basic) {
        lia__free(D->T);
        lia__free(D->rowvar);
        lia__free(D->basic);
        return 0;
    }
    D->beta = D->T + k * d;
    D->c = D->beta + k;
    D->colvar = D->rowvar + k;
    D->where = D->colvar + d;
    return 1;
}

static int ensure_level(xsearch *S, size_t depth)
{
    if (depth < S->nlevels) return 1;
    size_t n = S->nlevels ? 2 * S->nlevels : 16;
    xdict *lv = lia__realloc(S->level, n * sizeof *lv);
    if (!lv) return 0;
    S->level = lv;
    for (size_t i = S->nlevels; i < n; i++)
        if (!level_alloc(&S->level[i], S->d, S->k)) { S->nlevels = i; return 0; }
    S->nlevels = n;
    return 1;
}

static void search_free(xsearch *S)
{
    for (size_t i = 0; i < S->nlevels; i++) {
        lia__free(S->level[i].T);
        lia__free(S->level[i].rowvar);
        lia__free(S->level[i].basic);
    }
    lia__free(S->level);
}

/* Entry (i, r) of the basis inverse times D. */
static const lia_big *binv(const xdict *D, size_t d, size_t i, size_t r, const lia_big *zero)
{
    size_t v = d + r;
    if (D->basic[v]) return D->where[v] == i ? &D->D : zero;
    return &D->T[i * d + D->where[v]];
}

/* sign(x1 y1 - x2 y2); UNFIT if the products do not fit the fixed-size integers. */
enum { UNFIT = 2 };
static int cmp_prod(const lia_big *x1, const lia_big *y1, const lia_big *x2, const lia_big *y2)
{
    lia_big a, b;
    if (!lia_big_mul(&a, x1, y1) || !lia_big_mul(&b, x2, y2)) return UNFIT;
    return lia_big_cmp(&a, &b);
}

/* The lexicographic ratio test on column s: the leaving row, k if none, or (size_t)-1 if the
 * numbers outgrew the integers. */
static size_t ratio_test(const xdict *D, size_t d, size_t k, size_t s)
{
    lia_big zero;
    lia_big_set_i64(&zero, 0);
    size_t best = k;
    for (size_t i = 0; i < k; i++) {
        const lia_big *a = &D->T[i * d + s];
        if (lia_big_sign(a) <= 0) continue;
        if (best == k) { best = i; continue; }
        const lia_big *ab = &D->T[best * d + s];
        int c = cmp_prod(&D->beta[i], ab, &D->beta[best], a);
        for (size_t r = 0; c == 0 && r < k; r++) c = cmp_prod(binv(D, d, i, r, &zero), ab, binv(D, d, best, r, &zero), a);
        if (c == UNFIT || c == 0) return (size_t)-1;   /* equal rows cannot be: only overflow */
        if (c < 0) best = i;
    }
    return best;
}

/* Pivot D on (r, s) into E; 0 if the numbers outgrew the integers. */
static int pivot(xdict *E, const xdict *D, size_t d, size_t k, size_t r, size_t s)
{
    const lia_big *p = &D->T[r * d + s];
    lia_big t, u;
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < d; j++) {
            lia_big *out = &E->T[i * d + j];
            if (i == r) { *out = j == s ? D->D : D->T[r * d + j]; continue; }
            if (j == s) { *out = D->T[i * d + s]; lia_big_negate(out); continue; }
            if (!lia_big_mul(&t, &D->T[i * d + j], p) || !lia_big_mul(&u, &D->T[i * d + s], &D->T[r * d + j]) ||
                !lia_big_sub(&t, &t, &u) || !lia_big_divmod(out, NULL, &t, &D->D))
                return 0;
        }
        if (i == r) { E->beta[i] = D->beta[r]; continue; }
        if (!lia_big_mul(&t, &D->beta[i], p) || !lia_big_mul(&u, &D->T[i * d + s], &D->beta[r]) ||
            !lia_big_sub(&t, &t, &u) || !lia_big_divmod(&E->beta[i], NULL, &t, &D->D))
            return 0;
    }
    for (size_t j = 0; j < d; j++) {
        if (j == s) { E->c[j] = D->c[s]; lia_big_negate(&E->c[j]); continue; }
        if (!lia_big_mul(&t, &D->c[j], p) || !lia_big_mul(&u, &D->c[s], &D->T[r * d + j]) || !lia_big_sub(&t, &t, &u) ||
            !lia_big_divmod(&E->c[j], NULL, &t, &D->D))
            return 0;
    }
    E->D = *p;
    memcpy(E->rowvar, D->rowvar, 2 * (k + d) * sizeof *E->rowvar);
    memcpy(E->basic, D->basic, k + d);
    size_t in = D->colvar[s], out = D->rowvar[r];
    E->rowvar[r] = in;
    E->colvar[s] = out;
    E->where[in] = r;
    E->where[out] = s;
    E->basic[in] = 1;
    E->basic[out] = 0;
    E->next = 0;
    return 1;
}

/* 1 if pivot (r, s) leads to a child (its reverse is the parent pivot: Bland's rule for min
 * sum w z picks the leaving variable back), 0 if not, UNFIT on overflow. */
static int is_child(const xdict *D, size_t d, size_t r, size_t s)
{
    const lia_big *cs = &D->c[s], *p = &D->T[r * d + s];
    if (lia_big_sign(cs) <= 0) return 0;
    size_t leaving = D->rowvar[r];
    for (size_t j = 0; j < d; j++) {
        if (j == s || D->colvar[j] > leaving) continue;
        int c = cmp_prod(&D->c[j], p, cs, &D->T[r * d + j]);   /* the sign of c'_j times p */
        if (c == UNFIT) return UNFIT;
        if (c < 0) return 0;
    }
    return 1;
}

/* Record the vertex of a basis (polytope.c lists it). */
static lia_status record(lia_vertices *out, size_t *cap, lia_bitset_table *degenerate, const xdict *D,
                         const lia_polytope_exact *P, unsigned char *zero)
{
    for (size_t i = 0; i < P->k; i++) {
        int sg = lia_big_sign(&D->beta[i]);
        if (sg < 0) return LIA_EINTERNAL;   /* a lexicographic basis is feasible: a bug */
        zero[i] = sg == 0;
    }
    return lia_vertices_append(out, cap, degenerate, P->d, P->k, P->coord_label, P->cons_label, D->colvar, D->rowvar,
                               zero);
}

lia_status lia_polytope_vertices_exact(lia_vertices *out, const lia_polytope_exact *P, size_t cap)
{
    size_t d = P->d, k = P->k;
    memset(out, 0, sizeof *out);
    out->lwords = (P->nlab + 63) / 64;
    out->bwords = (d + k + 63) / 64;
    xsearch S = { d, k, NULL, 0 };
    lia_bitset_table degenerate;
    lia_bitset_table_init(&degenerate, out->lwords);
    size_t vcap = 0, depth = 0;
    unsigned char *zero = lia__malloc(k);
    lia_status st = zero && ensure_level(&S, 0) ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) {   /* the root: every slack basic, z = 0, D = 1 */
        xdict *D = &S.level[0];
        lia_big_set_i64(&D->D, 1);
        for (size_t i = 0; i < k; i++) {
            for (size_t j = 0; j < d; j++) D->T[i * d + j] = P->M[i * d + j];
            lia_big_set_i64(&D->beta[i], 1);
            D->rowvar[i] = d + i;
            D->where[d + i] = i;
            D->basic[d + i] = 1;
        }
        for (size_t j = 0; j < d; j++) {
            /* generic integer weights (1000 + 1000 frac(j golden)), so that reduced costs do
             * not vanish because payoffs repeat */
            lia_big_set_i64(&D->c[j], 1000 + (int64_t)((j + 1) * 618034 % 1000000) / 1000);
            D->colvar[j] = j;
            D->where[j] = j;
            D->basic[j] = 0;
        }
        D->next = 0;
        st = record(out, &vcap, &degenerate, D, P, zero);
    }
    while (st == LIA_OK) {
        xdict *D = &S.level[depth];
        if (D->next == d) {
            if (depth == 0) break;
            depth--;
            continue;
        }
        size_t s = D->next++;
        if (lia_big_sign(&D->c[s]) <= 0) continue;
        size_t r = ratio_test(D, d, k, s);
        if (r == (size_t)-1) { st = LIA_ELIMIT; break; }
        if (r == k) continue;
        int child = is_child(D, d, r, s);
        if (child == UNFIT) { st = LIA_ELIMIT; break; }
        if (!child) continue;
        if (!ensure_level(&S, depth + 1)) { st = LIA_ENOMEM; break; }
        D = &S.level[depth];
        if (!pivot(&S.level[depth + 1], D, d, k, r, s)) { st = LIA_ELIMIT; break; }
        depth++;
        st = record(out, &vcap, &degenerate, &S.level[depth], P, zero);
        double bytes = (double)vcap * (out->lwords + out->bwords) * 8 + (double)lia_bitset_table_bytes(&degenerate) +
                       (double)S.nlevels * (double)(k * d + k + d) * sizeof(lia_big);
        if (st == LIA_OK && bytes > (double)cap) st = LIA_ELIMIT;
    }
    lia__free(zero);
    search_free(&S);
    lia_bitset_table_free(&degenerate);
    if (st != LIA_OK) lia_vertices_free(out);
    return st;
}
