/* kohlberg.c — an independent check of (pre)nucleolus results by Kohlberg's criterion, so that
 * whatever computed a nucleolus can be audited by a method that shares none of its code.
 *
 * The criterion (Kohlberg 1971, "On the nucleolus of a characteristic function game", SIAM J.
 * Appl. Math. 20; also Maschler, Solan & Zamir, "Game Theory" (2013), ch. 20, and Peleg &
 * Sudhölter, "Introduction to the Theory of Cooperative Games" (2007) for the prenucleolus):
 * with e(S) = v(S) - x(S) and D(a) = { S : e(S) >= a }, an efficient x is the prenucleolus iff
 * every nonempty D(a) is balanced (weights lambda_S > 0 with sum lambda_S 1_S = 1_N); an
 * imputation x is the nucleolus iff every nonempty D(a) together with B0 = { {i} : x_i = v(i) }
 * has such weights that are positive on D(a) and nonnegative on B0 (weakly balanced).
 *
 * Why N is left out of the collections. Some texts take D(a) over all nonempty S, N included
 * (e(N) = 0). For a nonempty collection D of proper coalitions it makes no difference: if
 * sum_D lambda_S 1_S + lambda_N 1_N (+ sum_B0 mu_i e_i) = 1_N with lambda > 0, the left part
 * without N is a nonzero nonnegative vector equal to (1 - lambda_N) 1_N, so 1 - lambda_N > 0 and
 * dividing by it balances D alone; the converse takes lambda_N = 0.5 and halves the rest. And
 * D(a) = {N} alone is balanced. So only the proper coalitions are ordered and collected.
 *
 * Why at most n decisions. The collections D(a) are the cumulative unions D_1 c D_2 c ... of the
 * excess levels (highest first). Suppose D_k is (weakly) balanced with weights lambda > 0 (and
 * mu >= 0 on B0), and let V be the span of D_k's indicator vectors. The map lambda -> sum
 * lambda_S 1_S is linear onto V, so it maps the open orthant onto a set open in V that contains
 * 1_N - sum mu_i e_i. If every coalition of the next level lies in V, then for small eps > 0,
 * 1_N - sum mu_i e_i - eps sum_{new} 1_S is still in that set, and D_{k+1} is (weakly) balanced
 * with the new coalitions weighted eps and mu unchanged. Hence balancedness is decided only at a level
 * that raises the rank of D, and once D spans R^n every later collection is balanced: stop.
 * The rank is that of D alone, not of D with B0: B0's weights may be zero, so a span that needs
 * B0 proves nothing (n = 3, D = {{1,2}}, B0 = {{3}}: adding {1} can never get a positive weight).
 * Benedek, Fliege & Nguyen (2021, Math. Program. 190) likewise reduce the criterion to at most
 * n - 1 balancedness checks; the argument above stands on its own.
 *
 * Why the rank is exact. Ranks of 0/1 vectors are computed modulo the prime p = 2^61 - 1. A rank
 * mod p never exceeds the rank over Q, and they agree unless p divides every maximal nonzero
 * minor. A k x k 0/1 minor B has |det B| = |det H| / 2^k for the (k+1) x (k+1) +-1 matrix H with
 * first row and column of ones and block 1 - 2B (subtract the first row from the others), so by
 * Hadamard |det B| <= (k+1)^((k+1)/2) / 2^k, below 1.3e14 < p for k <= 30: no nonzero minor is
 * divisible by p, and the two ranks are equal. No floating-point tolerance decides a rank. */
#include "share.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include <limits.h>
#include <math.h>
#include <string.h>

#define MAX_PLAYERS 30
#define FIRST_BATCH 1024
/* The balancing LP's t is the least weight times C, the most coalitions any player is in, so
 * uniform weights give t = 1; GLPK's tight tolerances are 3e-10 and 1e-9, so t above WEIGHT_TOL
 * is no rounding artefact, and t below it counts as zero (fooling this takes a balanced
 * collection whose every weighting has a weight below 1e-8 / C). A claimed weighting must
 * reproduce C 1_N to RESIDUAL_TOL * C. */
#define WEIGHT_TOL 1e-8
#define RESIDUAL_TOL 1e-7

/* ---------------------------------------------------------------- arithmetic mod 2^61 - 1 */

#define P61 ((UINT64_C(1) << 61) - 1)

/* a < 2^64 to a < p: 2^61 = 1 (mod p) folds the high bits onto the low ones */
static uint64_t mod_fold(uint64_t a)
{
    a = (a & P61) + (a >> 61);
    return a >= P61 ? a - P61 : a;
}

/* a, b < p. Portable C11 has no 128-bit product, so the halves are folded by hand:
 * 2^64 = 8 and 2^61 = 1 (mod p). */
static uint64_t mod_mul(uint64_t a, uint64_t b)
{
    uint64_t a1 = a >> 32, a0 = a & 0xffffffffu, b1 = b >> 32, b0 = b & 0xffffffffu;
    uint64_t hi = a1 * b1;             /* < 2^58, weight 2^64 */
    uint64_t mid = a1 * b0 + a0 * b1;  /* < 2^62, weight 2^32 */
    uint64_t r = (hi << 3) + (mid >> 29) + ((mid & ((UINT64_C(1) << 29) - 1)) << 32) + mod_fold(a0 * b0);
    return mod_fold(r);                /* r < 2^63 */
}

static uint64_t mod_sub(uint64_t a, uint64_t b) { return a >= b ? a - b : a + P61 - b; }

static uint64_t mod_inv(uint64_t a)   /* Fermat: a^(p-2) */
{
    uint64_t r = 1, e = P61 - 2;
    for (; e; e >>= 1, a = mod_mul(a, a))
        if (e & 1) r = mod_mul(r, a);
    return r;
}

/* The rows of an echelon basis of span(D) mod p; row r is 1 at pivot[r] and 0 at the earlier
 * rows' pivots, so reducing by the rows in order clears every pivot. */
typedef struct {
    size_t n, rank;
    unsigned pivot[MAX_PLAYERS];
    uint64_t row[MAX_PLAYERS][MAX_PLAYERS];
} span_mod_p;

/* 1 if coalition s raised the rank */
static int span_add(span_mod_p *sp, uint32_t s)
{
    uint64_t w[MAX_PLAYERS];
    for (size_t j = 0; j < sp->n; j++) w[j] = s >> j & 1;
    for (size_t r = 0; r < sp->rank; r++) {
        uint64_t f = w[sp->pivot[r]];
        if (!f) continue;
        for (size_t j = 0; j < sp->n; j++)
            if (sp->row[r][j]) w[j] = mod_sub(w[j], mod_mul(f, sp->row[r][j]));
    }
    size_t c = 0;
    while (c < sp->n && !w[c]) c++;
    if (c == sp->n) return 0;
    uint64_t inv = mod_inv(w[c]);
    for (size_t j = 0; j < sp->n; j++) sp->row[sp->rank][j] = mod_mul(w[j], inv);
    sp->pivot[sp->rank++] = (unsigned)c;
    return 1;
}

/* ---------------------------------------------------------------- excesses */

/* x(S) = lo[S & lomask] + hi[S >> shift]: O(1) per coalition from two tables of at most 2^15,
 * instead of a third 2^n table beside v. */
typedef struct {
    const double *v;
    double *lo, *hi;
    uint32_t lomask;
    unsigned shift;
} excess_fn;

static double excess(const excess_fn *ex, uint32_t s)
{
    return ex->v[s] - (ex->lo[s & ex->lomask] + ex->hi[s >> ex->shift]);
}

static double *subset_sums(const double *x, unsigned k)
{
    size_t size = (size_t)1 << k;
    double *t = lia__malloc(size * sizeof *t);
    if (!t) return NULL;
    t[0] = 0;
    for (size_t m = 1; m < size; m++) {
        unsigned i = 0;
        while (!(m >> i & 1)) i++;
        t[m] = t[m & (m - 1)] + x[i];
    }
    return t;
}

static lia_status excess_init(excess_fn *ex, const double *v, size_t n, const double *x)
{
    ex->v = v;
    ex->shift = (unsigned)(n / 2);
    ex->lomask = (UINT32_C(1) << ex->shift) - 1;
    ex->lo = subset_sums(x, ex->shift);
    ex->hi = subset_sums(x + ex->shift, (unsigned)(n - ex->shift));
    return ex->lo && ex->hi ? LIA_OK : LIA_ENOMEM;
}

static void excess_free(excess_fn *ex)
{
    lia__free(ex->lo);
    lia__free(ex->hi);
}

/* ---------------------------------------------------------------- selecting the top levels */

typedef struct {
    double e;
    uint32_t s;
} coalition;

/* Higher excess first; ties by mask, so the batch does not depend on the heap's history. */
static int before(coalition a, coalition b) { return a.e > b.e || (a.e == b.e && a.s < b.s); }

/* A heap whose root is the coalition that comes last: the one to evict for a better one. */
static void sift_down(coalition *h, size_t size, size_t i)
{
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= size) return;
        if (c + 1 < size && before(h[c], h[c + 1])) c++;
        if (!before(h[i], h[c])) return;
        coalition t = h[i];
        h[i] = h[c];
        h[c] = t;
        i = c;
    }
}

static void sift_up(coalition *h, size_t i)
{
    while (i && before(h[(i - 1) / 2], h[i])) {
        coalition t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

/* The (at most) cap first coalitions with excess below cut, sorted highest first; *below counts
 * all coalitions under the cut, so *below == returned size means nothing was left out. Sorting
 * only a batch keeps the time near one pass over the 2^n table when the verdict comes early. */
static size_t select_batch(const excess_fn *ex, uint32_t grand, double cut, coalition *h, size_t cap, size_t *below)
{
    size_t size = 0, count = 0;
    for (uint32_t s = 1; s < grand; s++) {
        coalition c = { excess(ex, s), s };
        if (!(c.e < cut)) continue;
        count++;
        if (size < cap) {
            h[size] = c;
            sift_up(h, size++);
        } else if (before(c, h[0])) {
            h[0] = c;
            sift_down(h, size, 0);
        }
    }
    for (size_t end = size; end > 1; end--) {   /* heap sort: the last one goes to the end */
        coalition t = h[0];
        h[0] = h[end - 1];
        h[end - 1] = t;
        sift_down(h, end - 1, 0);
    }
    *below = count;
    return size;
}

static size_t count_range(const excess_fn *ex, uint32_t grand, double lo, double cut)
{
    size_t count = 0;
    for (uint32_t s = 1; s < grand; s++) {
        double e = excess(ex, s);
        count += e >= lo && e < cut;
    }
    return count;
}

/* ---------------------------------------------------------------- balancedness by LP */

typedef struct {
    size_t n;
    uint32_t b0;          /* bit i: {i} is in B0 (nucleolus only) */
    uint32_t *d;          /* the collection so far, level by level */
    size_t dlen, dcap;
    size_t *lend;         /* where each level of d ends */
    size_t nlev, lcap;
    span_mod_p span;
} kcheck;

/* The columns that stand for D: one per coalition (mask), or one per group of coalitions that
 * share a weight (count[j * n + i]: how many of group j contain player i). */
typedef struct {
    size_t n, len;
    const uint32_t *mask;
    const uint32_t *count;
} d_columns;

static double coef(const d_columns *c, size_t j, size_t i)
{
    return c->mask ? (double)(c->mask[j] >> i & 1) : (double)c->count[j * c->n + i];
}

/* max t  s.t.  sum_j (t + s_j) a_j + sum_B0 mu_i e_i = C 1_N,  s, mu >= 0,  0 <= t <= 1,
 * where a_j is column j of D and C the most coalitions of D any player is in. Column 0 is t,
 * then s_j, then one mu_i per member of B0. The weight of a coalition is (t + s_j) / C >= t / C,
 * so t* > 0 iff some weighting is positive on all of D. Scaling by C keeps t* near 1 when D is
 * large (uniform weights over a million coalitions are 1e-6 each), so WEIGHT_TOL stays apt. */
typedef struct {
    lia_lp lp;
    double *obj, *hi, *val, *rhs, *sol;
    size_t *row, *col;
    lia_row_kind *kind;
    double big_c;
} balance_lp;

static void balance_free(balance_lp *b)
{
    lia__free(b->obj);
    lia__free(b->hi);
    lia__free(b->val);
    lia__free(b->rhs);
    lia__free(b->sol);
    lia__free(b->row);
    lia__free(b->col);
    lia__free(b->kind);
}

static size_t popcount32(uint32_t s)
{
    size_t c = 0;
    for (; s; s &= s - 1) c++;
    return c;
}

static void *alloc_array(size_t count, size_t size)
{
    size_t bytes;
    return lia__size_mul(count, size, &bytes) ? lia__malloc(bytes) : NULL;
}

static lia_status balance_alloc(balance_lp *b, size_t n, size_t cols, size_t nnz)
{
    b->obj = alloc_array(cols, sizeof *b->obj);
    b->hi = alloc_array(cols, sizeof *b->hi);
    b->sol = alloc_array(cols, sizeof *b->sol);
    b->val = alloc_array(nnz, sizeof *b->val);
    b->row = alloc_array(nnz, sizeof *b->row);
    b->col = alloc_array(nnz, sizeof *b->col);
    b->rhs = alloc_array(n, sizeof *b->rhs);
    b->kind = alloc_array(n, sizeof *b->kind);
    return b->obj && b->hi && b->sol && b->val && b->row && b->col && b->rhs && b->kind ? LIA_OK : LIA_ENOMEM;
}

static void put(balance_lp *b, size_t *e, size_t row, size_t col, double val)
{
    b->row[*e] = row;
    b->col[*e] = col;
    b->val[*e] = val;
    ++*e;
}

static lia_status balance_build(balance_lp *b, const d_columns *c, uint32_t b0)
{
    memset(b, 0, sizeof *b);
    size_t n = c->n, nnz = 0, cols, rows_hit = 0, nb0 = popcount32(b0);
    double cover[MAX_PLAYERS] = { 0 };
    for (size_t j = 0; j < c->len; j++)
        for (size_t i = 0; i < n; i++) {
            double a = coef(c, j, i);
            cover[i] += a;
            nnz += a != 0;
        }
    for (size_t i = 0; i < n; i++) {
        rows_hit += cover[i] != 0;
        if (cover[i] > b->big_c) b->big_c = cover[i];
    }
    if (!lia__size_add(c->len, 1 + nb0, &cols) || !lia__size_add(nnz, rows_hit + nb0, &nnz)) return LIA_ENOMEM;
    /* GLPK indexes with int: an LP past that is refused rather than misreported as misuse */
    if (cols >= INT_MAX || nnz >= INT_MAX) return LIA_ELIMIT;
    lia_status st = balance_alloc(b, n, cols, nnz);
    if (st != LIA_OK) return st;
    size_t e = 0;
    for (size_t i = 0; i < n; i++) {
        b->kind[i] = LIA_ROW_EQ;
        b->rhs[i] = b->big_c;
        if (cover[i] != 0) put(b, &e, i, 0, cover[i]);
    }
    for (size_t j = 0; j < cols; j++) {
        b->obj[j] = j == 0;
        b->hi[j] = j == 0 ? 1 : INFINITY;
    }
    for (size_t j = 0; j < c->len; j++)
        for (size_t i = 0; i < n; i++)
            if (coef(c, j, i) != 0) put(b, &e, i, 1 + j, coef(c, j, i));
    for (size_t i = 0, k = 1 + c->len; i < n; i++)
        if (b0 >> i & 1) put(b, &e, i, k++, 1);
    b->lp = (lia_lp){ n, cols, nnz, 1, b->obj, b->row, b->col, b->val, b->kind, b->rhs, NULL, b->hi };
    return LIA_OK;
}

typedef enum { BAL_YES, BAL_NO, BAL_UNSURE } balance_verdict;

/* Trust a positive answer only with weights that do balance: recompute sum (t + s_j) a_j. */
static balance_verdict judge(const balance_lp *b, const d_columns *c, uint32_t b0, lia_lp_outcome out)
{
    if (out == LIA_LP_INFEASIBLE) return BAL_NO;
    if (out != LIA_LP_OPTIMAL) return BAL_UNSURE;   /* unbounded cannot happen: t <= 1 */
    double t = b->sol[0], r[MAX_PLAYERS];
    if (!(t > WEIGHT_TOL)) return BAL_NO;
    for (size_t i = 0; i < c->n; i++) r[i] = -b->big_c;
    for (size_t j = 0; j < c->len; j++) {
        double w = t + b->sol[1 + j];
        if (!(w >= 0.5 * t)) return BAL_UNSURE;
        for (size_t i = 0; i < c->n; i++) r[i] += w * coef(c, j, i);
    }
    for (size_t i = 0, k = 1 + c->len; i < c->n; i++)
        if (b0 >> i & 1) {
            double mu = b->sol[k++];
            if (!(mu >= -WEIGHT_TOL)) return BAL_UNSURE;
            r[i] += mu;
        }
    for (size_t i = 0; i < c->n; i++)
        if (!(fabs(r[i]) <= RESIDUAL_TOL * b->big_c)) return BAL_UNSURE;
    return BAL_YES;
}

static lia_status solve_judge(balance_lp *b, const d_columns *c, uint32_t b0, lia_lp_method m, balance_verdict *verdict)
{
    lia_lp_outcome out;
    double z;
    lia_status st = lia__lp_solve_by(&b->lp, m, &out, b->sol, &z);
    *verdict = BAL_UNSURE;
    if (st == LIA_OK) *verdict = judge(b, c, b0, out);
    return st == LIA_EINTERNAL ? LIA_OK : st;   /* a GLPK failure is one opinion fewer */
}

/* The dual simplex suits many columns over few rows; whatever it does not prove balanced gets
 * a second opinion from the primal one (lp.h: at tight tolerances either sometimes declares a
 * feasible LP infeasible). Two unsure opinions are a solver failure. */
static lia_status columns_balanced(const d_columns *c, uint32_t b0, balance_verdict *verdict)
{
    balance_lp b;
    balance_verdict first = BAL_UNSURE, second = BAL_UNSURE;
    lia_status st = balance_build(&b, c, b0);
    if (st == LIA_OK) st = solve_judge(&b, c, b0, LIA_LP_DUAL_TIGHT, &first);
    if (st == LIA_OK && first != BAL_YES) st = solve_judge(&b, c, b0, LIA_LP_PRIMAL_TIGHT, &second);
    *verdict = first == BAL_YES || second == BAL_YES ? BAL_YES
             : first == BAL_NO || second == BAL_NO   ? BAL_NO
                                                     : BAL_UNSURE;
    balance_free(&b);
    return st;
}

static size_t count_groups(const kcheck *k)
{
    size_t groups = 0, start = 0;
    for (size_t l = 0; l < k->nlev; start = k->lend[l++]) {
        uint32_t sizes = 0;
        for (size_t j = start; j < k->lend[l]; j++) sizes |= UINT32_C(1) << popcount32(k->d[j]);
        groups += popcount32(sizes);
    }
    return groups;
}

/* One group per coalition size within each level: count[g * n + i] members containing i.
 * A balancing that weights each group uniformly is a balancing of D; symmetric games tie
 * thousands of coalitions of a size in one level, and this LP has a column per size. */
static lia_status group_by_size(const kcheck *k, size_t groups, uint32_t **count)
{
    size_t n = k->n, g = 0, start = 0, base[MAX_PLAYERS + 1];
    uint32_t *c = alloc_array(groups, n * sizeof *c);
    if (!c) return LIA_ENOMEM;
    memset(c, 0, groups * n * sizeof *c);
    for (size_t l = 0; l < k->nlev; start = k->lend[l++]) {
        for (size_t z = 0; z <= n; z++) base[z] = SIZE_MAX;
        for (size_t j = start; j < k->lend[l]; j++) {
            size_t z = popcount32(k->d[j]);
            if (base[z] == SIZE_MAX) base[z] = g++;
            for (uint32_t s = k->d[j]; s; s &= s - 1) c[base[z] * n + popcount32((s & -s) - 1)]++;
        }
    }
    *count = c;
    return LIA_OK;
}

/* A proof by bit operations that D (with B0) is not balanced: players i, j (i not in B0) with
 * j in every coalition of D that contains i and in some that does not. Then y = e_j - e_i has
 * y(S) >= 0 on D and on B0, y(S) > 0 somewhere, and y(N) = 0, while positive weights summing to
 * 1_N would give 0 = y(N) = sum lambda_S y(S) + sum mu_k y_k > 0. A player in no coalition of D
 * is the case "every coalition containing i" = none. Perturbing a nucleolus from j to i makes
 * the coalitions with j and without i lead: exactly this. */
static int plainly_unbalanced(const kcheck *k)
{
    uint32_t with[MAX_PLAYERS], without[MAX_PLAYERS], grand = (uint32_t)((UINT64_C(1) << k->n) - 1);
    for (size_t i = 0; i < k->n; i++) {
        with[i] = grand;
        without[i] = 0;
    }
    for (size_t j = 0; j < k->dlen; j++)
        for (size_t i = 0; i < k->n; i++) {
            if (k->d[j] >> i & 1) with[i] &= k->d[j];
            else without[i] |= k->d[j];
        }
    for (size_t i = 0; i < k->n; i++)
        if (!(k->b0 >> i & 1) && (with[i] & without[i])) return 1;
    return 0;
}

/* ---- a proof against balancedness by cutting planes ----
 * By Motzkin's transposition theorem, positive weights on D (nonnegative on B0) summing to 1_N
 * fail to exist iff some y has y(S) >= 0 on D, y_k >= 0 on B0, y(N) <= 0, and y(S) > 0 for some
 * S in D or y(N) < 0. Such a y is sought by maximising sum_D y(S) - y(N) in the box [-1, 1]^n
 * over the constraints of a few coalitions, adding the most violated ones round by round (the
 * LP has n columns however large D is). A float y proves nothing; an integer y rounded from it
 * that passes the conditions exactly does. Failing that, the full LP decides. */
#define CUT_ROUNDS 40
#define CUTS_PER_ROUND (2 * MAX_PLAYERS)
#define CUT_VIOLATION 1e-7

static double y_of(const double *y, uint32_t s)
{
    double z = 0;
    for (; s; s &= s - 1) z += y[popcount32((s & -s) - 1)];
    return z;
}

/* 1 if round(q y / max|y|) for some q <= 64 is an exact certificate (vertices of this LP have
 * small denominators when D has structure, e.g. 1_A - 1_B) */
static int exact_certificate(const kcheck *k, const double *y)
{
    double m = 0;
    for (size_t i = 0; i < k->n; i++) m = fmax(m, fabs(y[i]));
    for (int q = 1; m > 0 && q <= 64; q++) {
        long long z[MAX_PLAYERS], total = 0;
        int ok = 1, strict;
        for (size_t i = 0; i < k->n; i++) {
            z[i] = llround(q * y[i] / m);
            total += z[i];
            if ((k->b0 >> i & 1) && z[i] < 0) ok = 0;
        }
        if (!ok || total > 0) continue;
        strict = total < 0;
        for (size_t j = 0; ok && j < k->dlen; j++) {
            long long zs = 0;
            for (uint32_t s = k->d[j]; s; s &= s - 1) zs += z[popcount32((s & -s) - 1)];
            ok = zs >= 0;
            strict |= zs > 0;
        }
        if (ok && strict) return 1;
    }
    return 0;
}

typedef struct {
    uint32_t *r;          /* the coalitions whose constraints are in the LP */
    size_t len, cap;
    double obj[MAX_PLAYERS], lo[MAX_PLAYERS], hi[MAX_PLAYERS], y[MAX_PLAYERS];
} cut_lp;

static lia_status cut_solve(const kcheck *k, cut_lp *c, lia_lp_outcome *out, double *z)
{
    size_t rows = 1 + c->len, nnz = k->n;
    for (size_t j = 0; j < c->len; j++) nnz += popcount32(c->r[j]);
    balance_lp b;   /* only its arrays: the same allocation and release */
    memset(&b, 0, sizeof b);
    lia_status st = LIA_ENOMEM;
    b.val = alloc_array(nnz, sizeof *b.val);
    b.row = alloc_array(nnz, sizeof *b.row);
    b.col = alloc_array(nnz, sizeof *b.col);
    b.rhs = alloc_array(rows, sizeof *b.rhs);
    b.kind = alloc_array(rows, sizeof *b.kind);
    if (b.val && b.row && b.col && b.rhs && b.kind) {
        size_t e = 0;
        b.kind[0] = LIA_ROW_LE;   /* y(N) <= 0 */
        b.rhs[0] = 0;
        for (size_t i = 0; i < k->n; i++) put(&b, &e, 0, i, 1);
        for (size_t j = 0; j < c->len; j++) {
            b.kind[1 + j] = LIA_ROW_GE;
            b.rhs[1 + j] = 0;
            for (uint32_t s = c->r[j]; s; s &= s - 1) put(&b, &e, 1 + j, popcount32((s & -s) - 1), 1);
        }
        lia_lp lp = { rows, k->n, nnz, 1, c->obj, b.row, b.col, b.val, b.kind, b.rhs, c->lo, c->hi };
        st = lia__lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, out, c->y, z);
    }
    balance_free(&b);
    return st;
}

/* The (at most) CUTS_PER_ROUND most violated constraints of D at c->y join the LP; *added
 * says how many (0: y satisfies D to CUT_VIOLATION). */
static void add_cuts(const kcheck *k, cut_lp *c, size_t *added)
{
    uint32_t worst[CUTS_PER_ROUND];
    double by[CUTS_PER_ROUND];
    size_t m = 0;
    for (size_t j = 0; j < k->dlen; j++) {
        double z = y_of(c->y, k->d[j]);
        if (!(z < -CUT_VIOLATION) || (m == CUTS_PER_ROUND && z >= by[m - 1])) continue;
        size_t p = m < CUTS_PER_ROUND ? m++ : m - 1;   /* insertion into the sorted few */
        for (; p > 0 && by[p - 1] > z; p--) {
            by[p] = by[p - 1];
            worst[p] = worst[p - 1];
        }
        by[p] = z;
        worst[p] = k->d[j];
    }
    for (size_t j = 0; j < m && c->len < c->cap; j++) c->r[c->len++] = worst[j];
    *added = m;
}

static lia_status refuted_by_cuts(const kcheck *k, int *refuted)
{
    cut_lp c;
    double cover[MAX_PLAYERS] = { 0 }, big_c = 1;
    *refuted = 0;
    c.len = 0;
    c.cap = k->n + CUT_ROUNDS * CUTS_PER_ROUND;
    c.r = alloc_array(c.cap, sizeof *c.r);
    if (!c.r) return LIA_ENOMEM;
    for (size_t j = 0; j < k->dlen; j++)
        for (uint32_t s = k->d[j]; s; s &= s - 1) cover[popcount32((s & -s) - 1)]++;
    for (size_t i = 0; i < k->n; i++) big_c = fmax(big_c, cover[i]);
    for (size_t i = 0; i < k->n; i++) {
        c.obj[i] = (cover[i] - 1) / big_c;   /* sum_D y(S) - y(N), scaled */
        c.lo[i] = k->b0 >> i & 1 ? 0 : -1;
        c.hi[i] = 1;
    }
    for (size_t j = 0; j < k->dlen && c.len < k->n; j++) c.r[c.len++] = k->d[j];   /* the leading ones */
    lia_status st = LIA_OK;
    for (int round = 0; st == LIA_OK && round < CUT_ROUNDS; round++) {
        lia_lp_outcome out = LIA_LP_INFEASIBLE;
        double z = 0;
        size_t added;
        st = cut_solve(k, &c, &out, &z);
        if (st == LIA_EINTERNAL) st = LIA_OK;   /* no proof: the full LP decides */
        if (st != LIA_OK || out != LIA_LP_OPTIMAL || !(z > WEIGHT_TOL)) break;
        add_cuts(k, &c, &added);
        if (!added) {
            *refuted = exact_certificate(k, c.y);
            break;
        }
    }
    lia__free(c.r);
    return st;
}

/* Coalitions in D from which the shortcuts below come first: under it the full LP is cheap
 * (GLPK's scaling, most of its time here, takes some 25 us per column). */
#define LARGE_D 256
/* The full LP over more columns than this would take seconds (an asymmetric glove game of 20
 * players ties 2^19 coalitions at its top level): the check gives up instead. */
#define FULL_LP_MAX 40000

/* Is D (with B0 for the nucleolus) balanced? A large D first gets three cheap tries, each a
 * proof when it succeeds: the pair of players against, weights uniform per level and coalition
 * size for, cutting planes against. Otherwise the full LP decides. */
static lia_status is_balanced(const kcheck *k, int *yes)
{
    balance_verdict verdict = BAL_UNSURE;
    lia_status st = LIA_OK;
    *yes = 0;
    if (k->dlen >= LARGE_D && plainly_unbalanced(k)) return LIA_OK;
    size_t groups = k->dlen >= LARGE_D ? count_groups(k) : SIZE_MAX;
    if (groups <= k->dlen / 8) {   /* worth it only when it shrinks the LP */
        uint32_t *count = NULL;
        st = group_by_size(k, groups, &count);
        d_columns grouped = { k->n, groups, NULL, count };
        if (st == LIA_OK) st = columns_balanced(&grouped, k->b0, &verdict);
        lia__free(count);
        if (st != LIA_OK) return st;
    }
    if (verdict != BAL_YES && k->dlen >= LARGE_D) {
        int refuted;
        st = refuted_by_cuts(k, &refuted);
        if (st != LIA_OK || refuted) return st;
    }
    if (verdict != BAL_YES && k->dlen > FULL_LP_MAX) return LIA_ELIMIT;   /* undecided, not wrong */
    if (verdict != BAL_YES) {
        d_columns all = { k->n, k->dlen, k->d, NULL };
        st = columns_balanced(&all, k->b0, &verdict);
        if (st != LIA_OK) return st;
        if (verdict == BAL_UNSURE) return LIA_EINTERNAL;
    }
    *yes = verdict == BAL_YES;
    return LIA_OK;
}

/* ---------------------------------------------------------------- the levels */

static lia_status append_level(kcheck *k, const coalition *lv, size_t len, int *grew)
{
    if (k->dcap - k->dlen < len) {
        size_t cap = k->dcap ? k->dcap : FIRST_BATCH, bytes;
        while (cap - k->dlen < len) cap *= 2;
        if (!lia__size_mul(cap, sizeof *k->d, &bytes)) return LIA_ENOMEM;
        uint32_t *d = lia__realloc(k->d, bytes);
        if (!d) return LIA_ENOMEM;
        k->d = d;
        k->dcap = cap;
    }
    if (k->nlev == k->lcap) {
        size_t cap = k->lcap ? 2 * k->lcap : 64, bytes;
        if (!lia__size_mul(cap, sizeof *k->lend, &bytes)) return LIA_ENOMEM;
        size_t *lend = lia__realloc(k->lend, bytes);
        if (!lend) return LIA_ENOMEM;
        k->lend = lend;
        k->lcap = cap;
    }
    k->lend[k->nlev++] = k->dlen + len;
    *grew = 0;
    for (size_t j = 0; j < len; j++) {
        k->d[k->dlen++] = lv[j].s;
        if (k->span.rank < k->n && span_add(&k->span, lv[j].s)) *grew = 1;
    }
    return LIA_OK;
}

/* Adds one level to D; *decided once the verdict is known (see the top for why a level that
 * leaves the rank alone needs no decision, and why full rank ends the check). */
static lia_status take_level(kcheck *k, const coalition *lv, size_t len, int *decided, int *holds)
{
    int grew, yes = 0;
    lia_status st = append_level(k, lv, len, &grew);
    if (st != LIA_OK || !grew) return st;
    st = is_balanced(k, &yes);
    if (st != LIA_OK) return st;
    if (!yes || k->span.rank == k->n) {
        *decided = 1;
        *holds = yes;
    }
    return LIA_OK;
}

/* Walks the levels highest first, a batch at a time. A level is taken only when it is whole:
 * it ends inside the batch, or the batch holds every coalition left. Otherwise the next batch
 * starts at that level and is larger (geometrically, or to fit the level's exact size when it
 * alone overflowed), so the passes over the table stay few. Levels are anchored at their top:
 * a level is every coalition within tau below its highest excess. */
static lia_status walk_levels(kcheck *k, const excess_fn *ex, double tau, int *holds)
{
    uint32_t grand = (uint32_t)((UINT64_C(1) << k->n) - 1);
    size_t total = (size_t)grand - 1, cap = total < FIRST_BATCH ? total : FIRST_BATCH, below;
    double cut = INFINITY;
    lia_status st = LIA_OK;
    int decided = 0;
    *holds = 1;   /* every level taken (cannot happen for n >= 2: the singletons span) */
    while (st == LIA_OK && !decided) {
        coalition *h = alloc_array(cap, sizeof *h);
        if (!h) return LIA_ENOMEM;
        size_t size = select_batch(ex, grand, cut, h, cap, &below), i = 0, next = 2 * cap;
        int whole = below == size;
        while (st == LIA_OK && !decided && i < size) {
            double lo = h[i].e - tau;
            size_t j = i + 1;
            while (j < size && h[j].e >= lo) j++;
            if (j == size && !whole) {
                if (i == 0) next = count_range(ex, grand, lo, cut) + 1;
                break;
            }
            st = take_level(k, h + i, j - i, &decided, holds);
            cut = lo;
            i = j;
        }
        lia__free(h);
        if (whole) break;
        cap = next < 2 * cap ? 2 * cap : next;
        if (cap > total) cap = total;
    }
    return st;
}

/* ---------------------------------------------------------------- the entry point */

/* All entries finite; *scale = the largest magnitude among them (1 if all are zero). */
static int finite_scale(const double *v, size_t n, const double *x, double *scale)
{
    double m = 0;
    for (size_t s = 0; s < (size_t)1 << n; s++) {
        if (!isfinite(v[s])) return 0;
        if (fabs(v[s]) > m) m = fabs(v[s]);
    }
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i])) return 0;
        if (fabs(x[i]) > m) m = fabs(x[i]);
    }
    *scale = m > 0 ? m : 1;
    return 1;
}

lia_status lia__kohlberg_check(const double *v, size_t n, const double *x, int pre, double tol, int *holds)
{
    if (holds) *holds = 0;
    double scale, sum = 0;
    if (!v || !x || !holds || n == 0 || n > MAX_PLAYERS || !isfinite(tol) || tol < 0 || !finite_scale(v, n, x, &scale))
        return LIA_EUSAGE;
    double tau = tol * scale;
    uint32_t grand = (uint32_t)((UINT64_C(1) << n) - 1);
    for (size_t i = 0; i < n; i++) sum += x[i];
    if (!(fabs(sum - v[grand]) <= tau)) return LIA_EUSAGE;
    kcheck k;
    memset(&k, 0, sizeof k);
    k.n = n;
    k.span.n = n;
    for (size_t i = 0; !pre && i < n; i++) {
        double vi = v[UINT32_C(1) << i];
        if (x[i] < vi - tau) return LIA_OK;   /* not an imputation: not the nucleolus */
        if (x[i] <= vi + tau) k.b0 |= UINT32_C(1) << i;
    }
    if (n == 1) {   /* no proper coalition: the criterion is vacuous */
        *holds = 1;
        return LIA_OK;
    }
    excess_fn ex;
    lia_status st = excess_init(&ex, v, n, x);
    if (st == LIA_OK) st = walk_levels(&k, &ex, tau, holds);
    if (st != LIA_OK) *holds = 0;
    excess_free(&ex);
    lia__free(k.d);
    lia__free(k.lend);
    return st;
}
