/* exact_enum.c — exact reconstruction of extreme equilibria. Each player's payoffs become
 * integers by an increasing affine map A'' = L A - L min(A) + 1 (L the lcm of the
 * denominators), which leaves best responses unchanged. A vertex of {z >= 0, M z <= 1} is the
 * solution of its binding constraints restricted to its support, solved by fraction-free
 * (Bareiss) elimination: every intermediate is a minor, so every division is exact, and the
 * solution comes out as integers num_c over one determinant. */
#include "exact_enum.h"
#include "polytope.h"
#include "../util/bigint.h"
#include "../util/mem.h"
#include <string.h>

struct lia_exact_enum {
    size_t m, n;
    lia_big *A, *B;          /* m x n row-major, integers >= 1 */
    lia_big L[2], off[2];    /* original payoff = (integer payoff + off) / L */
};

int lia__exact_enum_possible(const lia_game *g)
{
    if (!g->exact || g->np != 2) return 0;
    for (size_t i = 0; i < 2 * g->nprofiles; i++)
        if (!lia_num_exact(g->exact[i])) return 0;
    return 1;
}

const lia_big *lia__exact_enum_matrix(const lia_exact_enum *X, size_t p) { return p == 0 ? X->A : X->B; }

void lia__exact_enum_free(lia_exact_enum *X)
{
    if (!X) return;
    lia__free(X->A);
    lia__free(X->B);
    lia__free(X);
}

/* The integer form of player p's payoffs into out[i * n + j]. */
static lia_status integerise(lia_exact_enum *X, const lia_game *g, size_t p, lia_big *out)
{
    size_t m = X->m, n = X->n;
    const lia_num *u = g->exact + p * g->nprofiles;
    lia_big L, t, q, gg, one;
    lia__big_set_i64(&L, 1);
    lia__big_set_i64(&one, 1);
    size_t lo = 0;
    for (size_t s = 0; s < m * n; s++) {
        lia__big_set_i64(&q, u[s].q);
        if (!lia__big_gcd(&gg, &L, &q) || !lia__big_divmod(&t, NULL, &L, &gg) || !lia__big_mul(&L, &t, &q)) return LIA_ELIMIT;
        if (lia__num_cmp(u[s], u[lo]) < 0) lo = s;
    }
    /* off = L * min - 1, so payoff = (integer + off) / L with integer = L u - off */
    lia_big num, scaled;
    lia__big_set_i64(&num, u[lo].p);
    lia__big_set_i64(&q, u[lo].q);
    if (!lia__big_divmod(&t, NULL, &L, &q) || !lia__big_mul(&scaled, &t, &num) || !lia__big_sub(&X->off[p], &scaled, &one))
        return LIA_ELIMIT;
    X->L[p] = L;
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            lia_num v = u[i + m * j];
            lia__big_set_i64(&num, v.p);
            lia__big_set_i64(&q, v.q);
            lia_big *o = out + i * n + j;
            if (!lia__big_divmod(&t, NULL, &L, &q) || !lia__big_mul(&scaled, &t, &num) || !lia__big_sub(o, &scaled, &X->off[p]))
                return LIA_ELIMIT;
        }
    return LIA_OK;
}

lia_status lia__exact_enum_new(lia_exact_enum **out, const lia_game *g)
{
    *out = NULL;
    lia_exact_enum *X = lia__calloc(1, sizeof *X);
    if (!X) return LIA_ENOMEM;
    X->m = g->ns[0];
    X->n = g->ns[1];
    X->A = lia__malloc(X->m * X->n * sizeof *X->A);
    X->B = lia__malloc(X->m * X->n * sizeof *X->B);
    lia_status st = X->A && X->B ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) st = integerise(X, g, 0, X->A);
    if (st == LIA_OK) st = integerise(X, g, 1, X->B);
    if (st != LIA_OK) { lia__exact_enum_free(X); return st; }
    *out = X;
    return LIA_OK;
}

/* One vertex: d coordinates, k constraints, entry(r, c) = M[r][c] read from `mat` with strides
 * (rs, cs); coordinate c has label coord0 + c, constraint r label cons0 + r. */
typedef struct side {
    const lia_big *mat;
    size_t rs, cs, d, k, coord0, cons0;
} side;

static const lia_big *entry(const side *S, size_t r, size_t c) { return S->mat + r * S->rs + c * S->cs; }

/* Solve the vertex with labels lab: num[c] / det for every coordinate (det > 0), and its exact
 * labels into exact_lab. LIA_EINTERNAL if the labels do not define a feasible vertex or the
 * numbers do not fit. */
static lia_status vertex(const side *S, const uint64_t *lab, lia_big *num, lia_big *det, uint64_t *exact_lab, size_t lw)
{
    size_t d = S->d, k = S->k, t = 0, nr = 0;
    size_t *cols = lia__malloc(d * sizeof *cols), *rows = lia__malloc(k * sizeof *rows);
    lia_big *T = NULL;
    if (!cols || !rows) { lia__free(cols); lia__free(rows); return LIA_ENOMEM; }
    int ok = 1;
    for (size_t c = 0; ok && c < d; c++)
        if (!lia_bit(lab, S->coord0 + c)) cols[t++] = c;
    for (size_t r = 0; ok && r < k; r++)
        if (lia_bit(lab, S->cons0 + r)) rows[nr++] = r;
    ok = ok && nr >= t && t > 0;
    size_t w = t + 1;
    if (ok && !(T = lia__malloc(nr * w * sizeof *T))) {
        lia__free(cols);
        lia__free(rows);
        return LIA_ENOMEM;
    }
    for (size_t i = 0; ok && i < nr; i++) {
        for (size_t j = 0; j < t; j++) T[i * w + j] = *entry(S, rows[i], cols[j]);
        lia__big_set_i64(&T[i * w + t], 1);
    }
    lia_big prev, a, b;
    lia__big_set_i64(&prev, 1);
    int fit = 1;   /* 0 once a number outgrew the fixed-size integers: LIA_ELIMIT, not a bad label */
#define FIT(expr) (fit = fit && (expr))
    for (size_t c = 0; ok && fit && c < t; c++) {   /* Bareiss elimination of column c */
        size_t p = c;
        while (p < nr && lia_big_is_zero(&T[p * w + c])) p++;
        if (p == nr) { ok = 0; break; }       /* singular: the labels do not fix a vertex */
        if (p != c)
            for (size_t j = 0; j < w; j++) { lia_big s = T[p * w + j]; T[p * w + j] = T[c * w + j]; T[c * w + j] = s; }
        for (size_t i = c + 1; fit && i < nr; i++) {
            for (size_t j = c + 1; fit && j < w; j++)
                FIT(lia__big_mul(&a, &T[c * w + c], &T[i * w + j]) && lia__big_mul(&b, &T[i * w + c], &T[c * w + j]) &&
                    lia__big_sub(&a, &a, &b) && lia__big_divmod(&T[i * w + j], NULL, &a, &prev));
            lia__big_set_i64(&T[i * w + c], 0);
        }
        prev = T[c * w + c];
    }
    for (size_t i = t; ok && fit && i < nr; i++) ok = lia_big_is_zero(&T[i * w + t]);   /* consistent */
    /* back substitution: num_c = (det * rhs_c - sum_{j > c} U[c][j] num_j) / U[c][c] */
    lia_big *x = num;
    for (size_t c = 0; ok && fit && c < d; c++) lia__big_set_i64(&x[c], 0);
    for (size_t ci = t; ok && fit && ci-- > 0;) {
        FIT(lia__big_mul(&a, &prev, &T[ci * w + t]));
        for (size_t j = ci + 1; fit && j < t; j++) FIT(lia__big_mul(&b, &T[ci * w + j], &x[cols[j]]) && lia__big_sub(&a, &a, &b));
        FIT(lia__big_divmod(&x[cols[ci]], NULL, &a, &T[ci * w + ci]));
    }
    ok = ok && fit;
    if (ok && lia_big_sign(&prev) < 0)
        for (size_t c = 0; c < d; c++) lia_big_negate(&x[c]);
    if (ok) { *det = prev; det->neg = 0; }
    /* feasibility and the exact labels: support entries positive, every constraint <= det */
    memset(exact_lab, 0, lw * sizeof *exact_lab);
    for (size_t c = 0; ok && c < d; c++) {
        int sg = lia_big_sign(&x[c]);
        if (sg < 0) ok = 0;
        else if (sg == 0) lia_bit_set(exact_lab, S->coord0 + c);
    }
    for (size_t r = 0; ok && r < k; r++) {
        lia__big_set_i64(&a, 0);
        for (size_t j = 0; fit && j < t; j++) FIT(lia__big_mul(&b, entry(S, r, cols[j]), &x[cols[j]]) && lia__big_add(&a, &a, &b));
        int c = fit ? lia__big_cmp(&a, det) : 1;
        if (c > 0) ok = 0;
        else if (c == 0) lia_bit_set(exact_lab, S->cons0 + r);
    }
#undef FIT
    lia__free(cols);
    lia__free(rows);
    lia__free(T);
    return !fit ? LIA_ELIMIT : ok ? LIA_OK : LIA_EINTERNAL;
}

/* "p/q" in lowest terms (or "p") into buf. */
static int rational(char *buf, size_t cap, const lia_big *p, const lia_big *q)
{
    lia_big g, a, b;
    if (!lia__big_gcd(&g, p, q)) return 0;
    if (lia_big_is_zero(&g)) return 0;
    if (!lia__big_divmod(&a, NULL, p, &g) || !lia__big_divmod(&b, NULL, q, &g)) return 0;
    if (lia_big_sign(&b) < 0) { lia_big_negate(&a); lia_big_negate(&b); }
    size_t len = lia__big_to_str(buf, cap, &a);
    if (!len) return 0;
    lia_big one;
    lia__big_set_i64(&one, 1);
    if (lia__big_cmp(&b, &one) == 0) return 1;
    if (len + 2 > cap) return 0;
    buf[len] = '/';
    return lia__big_to_str(buf + len + 1, cap - len - 1, &b) > 0;
}

enum { DIGITS = LIA_BIG_LIMBS * 10 + 2 };

lia_status lia__exact_enum_add(lia_exact_enum *X, lia_eqset *e, const uint64_t *labx, const uint64_t *laby, int attach)
{
    size_t m = X->m, n = X->n, nlab = m + n, lw = (nlab + 63) / 64, stride = e->width + e->np;
    /* P: coordinates x_i (labels i), constraints (B^T x)_j (labels m + j); Q the other way */
    side P = { X->B, 1, n, m, n, 0, m }, Q = { X->A, n, 1, n, m, m, 0 };
    lia_big *nx = lia__malloc(m * sizeof *nx), *ny = lia__malloc(n * sizeof *ny), dx, dy, sx, sy;
    uint64_t *ex = lia__calloc(lw, sizeof *ex), *ey = lia__calloc(lw, sizeof *ey);
    char *text = lia__malloc(stride * DIGITS);
    const char **vals = lia__malloc(stride * sizeof *vals);
    lia_status st = nx && ny && ex && ey && text && vals ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) st = vertex(&P, labx, nx, &dx, ex, lw);
    if (st == LIA_OK) st = vertex(&Q, laby, ny, &dy, ey, lw);
    for (size_t l = 0; st == LIA_OK && l < nlab; l++)   /* exactly completely labelled */
        if (!lia_bit(ex, l) && !lia_bit(ey, l)) st = LIA_EINTERNAL;
    if (!attach) goto done;
    lia__big_set_i64(&sx, 0);
    lia__big_set_i64(&sy, 0);
    for (size_t i = 0; st == LIA_OK && i < m; i++) if (!lia__big_add(&sx, &sx, &nx[i])) st = LIA_ELIMIT;
    for (size_t j = 0; st == LIA_OK && j < n; j++) if (!lia__big_add(&sy, &sy, &ny[j])) st = LIA_ELIMIT;
    for (size_t i = 0; st == LIA_OK && i < m; i++)
        if (!rational(text + i * DIGITS, DIGITS, &nx[i], &sx)) st = LIA_ELIMIT;
    for (size_t j = 0; st == LIA_OK && j < n; j++)
        if (!rational(text + (m + j) * DIGITS, DIGITS, &ny[j], &sy)) st = LIA_ELIMIT;
    /* payoffs: on the support of x every row of A'' y / det_y is 1, so x^ A'' y^ = det_y / S_y;
     * back in original units (v + off) / L */
    for (size_t p = 0; st == LIA_OK && p < 2; p++) {
        const lia_big *det = p == 0 ? &dy : &dx, *sum = p == 0 ? &sy : &sx;
        lia_big a, b;
        if (!lia__big_mul(&a, &X->off[p], sum) || !lia__big_add(&a, &a, det) || !lia__big_mul(&b, &X->L[p], sum) ||
            !rational(text + (m + n + p) * DIGITS, DIGITS, &a, &b))
            st = LIA_ELIMIT;
        else
            e->payoffs[(e->n - 1) * e->np + p] = lia__big_ratio(&a, &b);   /* the nearest double */
    }
    /* the floating-point profile becomes the nearest doubles of the exact one */
    double *prof = e->profiles + (e->n - 1) * e->width;
    for (size_t i = 0; st == LIA_OK && i < m; i++) prof[i] = lia__big_ratio(&nx[i], &sx);
    for (size_t j = 0; st == LIA_OK && j < n; j++) prof[m + j] = lia__big_ratio(&ny[j], &sy);
    for (size_t i = 0; i < stride && st == LIA_OK; i++) vals[i] = text + i * DIGITS;
    if (st == LIA_OK && !lia__eqset_add_exact(e, vals)) st = LIA_ENOMEM;
done:
    lia__free(nx);
    lia__free(ny);
    lia__free(ex);
    lia__free(ey);
    lia__free(text);
    lia__free(vals);
    return st;
}
