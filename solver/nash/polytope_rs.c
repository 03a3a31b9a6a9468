/* polytope_rs.c — the fast path of vertex enumeration: Avis–Fukuda reverse search over the
 * bases of {z >= 0, M z <= 1}, in floating point, for polytopes whose every decision along
 * the way has a clear margin.
 *
 * The bases form a tree: the parent of a basis is the one a simplex pivot for min sum(z)
 * reaches (entering variable by Bland's rule, the smallest index with a negative reduced
 * cost; leaving by the ratio test), and the root is the origin. Depth-first search of that
 * tree from the root visits every basis exactly once, needs no table of visited bases, and
 * holds one dictionary per level of depth (the tree is shallow: about 20-30 levels for
 * 20 x 20 games). A child is recognised from the parent's dictionary alone: pivot (r, s) leads
 * to a child exactly when the reduced cost of s is positive and, after the pivot, no
 * nonbasic variable of smaller index than the leaving one would be improving.
 *
 * Degenerate vertices are handled as lrs does: ties in the ratio test are broken
 * lexicographically on the rows of the basis inverse, which makes the search run over the
 * bases of the perturbed (simple) polytope; a vertex with several such bases is recognised by
 * its labels and listed once. The objective weights are generic (1 + frac(j * golden ratio)),
 * so reduced costs do not vanish by coincidence of equal payoffs.
 *
 * Floating point is trusted only where it cannot mislead. Every comparison falls in one of
 * three zones: equal (within 1e-11 of its scale — mostly the compared quantities' own size —
 * as exact ties of rational data are, e.g. at a degenerate vertex), clearly apart (beyond
 * 1e-8), or too close to call. The first decision
 * in the last zone abandons the fast path, and the caller falls back to the search of
 * polytope.c, whose bases are each factored afresh. */
#include "polytope_rs.h"
#include "polytope_exact.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include "../util/lapack.h"
#include <math.h>
#include <pthread.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { UNSURE = 2 };

/* The zones: a difference up to eq (times its scale) is a tie, from sure on it is decided,
 * in between it is too close to call. COARSE serves dictionaries pivoted down the tree; a
 * decision it cannot make is retried with FINE on the same dictionary factored afresh. */
typedef struct tols { double eq, sure; double *closest; } tols;
static const tols COARSE = { 1e-11, 1e-8, NULL }, FINE = { 1e-13, 1e-11, NULL };

/* closest (when set) keeps the smallest relative margin of any decided comparison, so that a
 * small game with exact payoffs that came close can be searched again exactly (polytope.c) */
static inline int zone(double diff, double scale, const tols *t)
{
    if (fabs(diff) <= t->eq * scale) return 0;
    if (fabs(diff) < t->sure * scale) return UNSURE;
    if (t->closest && fabs(diff) < *t->closest * scale) *t->closest = fabs(diff) / scale;
    return diff < 0 ? -1 : 1;
}
/* The sign of a dictionary entry (entries are of order one: payoffs are mapped onto [1, 2]). */
static inline int sign3(double a, const tols *t) { return zone(a, 1.0, t); }
/* x1 y1 against x2 y2. The scale is mostly relative (the products' own magnitudes), with a
 * small absolute part for the rounding error the factors carry (a few ulps of one: entries
 * are of order one); a purely absolute scale would call two small but clearly different
 * products equal and break a tie that is not there. */
static inline int cmp_prod(double x1, double y1, double x2, double y2, const tols *t)
{
    double scale = fabs(x1 * y1) + fabs(x2 * y2) + 1e-4 * (fabs(x1) + fabs(y1) + fabs(x2) + fabs(y2));
    return zone(x1 * y1 - x2 * y2, scale, t);
}

/* One dictionary: x_B[i] = beta[i] - sum_j T[i][j] x_N[j];  sum(w z) = obj + sum_j c[j] x_N[j].
 * T is column-major (entry (i, j) at T[j * k + i]), so the ratio test scans contiguous memory. */
typedef struct dict {
    double *T;          /* k x d, column-major */
    double *beta, *c;
    size_t *rowvar, *colvar;
    size_t *where;      /* by variable: its row if basic, its column if not */
    size_t k;           /* rows */
    unsigned char *basic;
    size_t next;        /* the next column to try as entering variable */
    size_t *order;      /* the columns by their variables' index: is_child's loop stops early */
    uint64_t *cand;     /* the columns whose reduced cost is not clearly <= 0 (candidates()) */
    double negmin;      /* the least |c| of the columns skipped as clearly negative */
} dict;

typedef struct search {
    const lia_polytope *P;
    const lia_polytope_exact *exact;   /* the same polytope in integers, or NULL */
    size_t d, k;
    dict *level;
    size_t nlevels;
    double *w;          /* objective weights of the coordinates */
    double *Bm, *X;     /* refactor scratch: k x k and k x (d + 1) */
    lia_lapack_int *ipiv;
    unsigned char *zero;   /* k: which basic variables are at zero */
    uint64_t *scratch;     /* a basis bitset */
    const lia_vertex_filter *filter;   /* or NULL: every vertex is kept */
    void *fstate;          /* this search's state of the filter */
} search;

static size_t dict_doubles(size_t d, size_t k) { return k * d + k + d; }

static int ensure_level(search *S, size_t depth)
{
    if (depth < S->nlevels) return 1;
    size_t n = S->nlevels ? 2 * S->nlevels : 16, d = S->d, k = S->k;
    dict *lv = lia__realloc(S->level, n * sizeof *lv);
    if (!lv) return 0;
    S->level = lv;
    for (size_t i = S->nlevels; i < n; i++) {
        dict *D = &S->level[i];
        memset(D, 0, sizeof *D);
        D->T = lia__malloc(dict_doubles(d, k) * sizeof(double));
        D->rowvar = lia__malloc((2 * (k + d) + d) * sizeof(size_t));
        D->basic = lia__malloc(k + d);
        D->cand = lia__malloc((d + 63) / 64 * sizeof *D->cand);
        if (!D->T || !D->rowvar || !D->basic || !D->cand) {
            lia__free(D->T);
            lia__free(D->rowvar);
            lia__free(D->basic);
            lia__free(D->cand);
            S->nlevels = i;
            return 0;
        }
        D->beta = D->T + k * d;
        D->k = k;
        D->c = D->beta + k;
        D->colvar = D->rowvar + k;
        D->where = D->colvar + d;
        D->order = D->where + k + d;
    }
    S->nlevels = n;
    return 1;
}

static void search_free(search *S)
{
    for (size_t i = 0; i < S->nlevels; i++) {
        lia__free(S->level[i].T);
        lia__free(S->level[i].rowvar);
        lia__free(S->level[i].basic);
        lia__free(S->level[i].cand);
    }
    lia__free(S->level);
    lia__free(S->w);
    lia__free(S->Bm);
    lia__free(S->X);
    lia__free(S->ipiv);
    lia__free(S->zero);
    lia__free(S->scratch);
    if (S->filter && S->fstate) S->filter->close(S->fstate);
}

/* Entry (i, r) of the basis inverse: the column of slack r if it is nonbasic, else a unit. */
static double binv(const dict *D, size_t d, size_t k, size_t i, size_t r)
{
    size_t v = d + r;
    if (D->basic[v]) return D->where[v] == i ? 1.0 : 0.0;
    return D->T[D->where[v] * k + i];
}

#ifdef __SSE2__
/* mask ? a : b, lane by lane */
static inline __m128d sel(__m128d mask, __m128d a, __m128d b) { return _mm_or_pd(_mm_and_pd(mask, a), _mm_andnot_pd(mask, b)); }

/* The two lanes of the ratio test's first pass: each keeps the least quotient it has seen
 * and the next one (m, r), with their rows (mi, ri); idx holds the rows of the next pair.
 * (Four lanes in two such pairs ran slower: sixteen registers do not hold them.) */
typedef struct lanes { __m128d m, r, mi, ri, idx; } lanes;

static inline void lanes_init(lanes *L)
{
    L->m = L->r = _mm_set1_pd(INFINITY);
    L->mi = L->ri = _mm_setzero_pd();
    L->idx = _mm_set_pd(1, 0);
}

/* Rows idx and idx + 1 (entries a, right-hand sides b): a row counts when its entry is
 * clearly positive; gray collects the entries too small to call. */
static inline void lanes_step(lanes *L, const double *a, const double *b, __m128d sure, __m128d eq, __m128d *gray)
{
    __m128d va = _mm_loadu_pd(a), vb = _mm_loadu_pd(b);
    __m128d counts = _mm_cmpgt_pd(va, sure);
    *gray = _mm_or_pd(*gray, _mm_and_pd(_mm_cmpgt_pd(va, eq), _mm_cmple_pd(va, sure)));
    /* always divided (by at least `sure`): no compiler can put a branch back around it */
    __m128d q = sel(counts, _mm_div_pd(vb, _mm_max_pd(va, sure)), _mm_set1_pd(INFINITY));
    /* the values by min and max (short chains from one pair to the next), the rows by masks */
    __m128d lt = _mm_cmplt_pd(q, L->m);
    __m128d other = _mm_max_pd(L->m, q), otheri = sel(lt, L->mi, L->idx);   /* what is not the least */
    __m128d lt2 = _mm_cmplt_pd(other, L->r);
    L->r = _mm_min_pd(L->r, other);
    L->ri = sel(lt2, otheri, L->ri);
    L->m = _mm_min_pd(L->m, q);
    L->mi = sel(lt, L->idx, L->mi);
    L->idx = _mm_add_pd(L->idx, _mm_set1_pd(2));
}

static inline void lanes_store(const lanes *L, double *m, double *mi, double *r, double *ri)
{
    _mm_storeu_pd(m, L->m);
    _mm_storeu_pd(mi, L->mi);
    _mm_storeu_pd(r, L->r);
    _mm_storeu_pd(ri, L->ri);
}
#endif

/* Compare rows a and b for the lexicographic ratio test on column s (both entries positive).
 * Ratios are compared cross-multiplied, beta_a p_b against beta_b p_a: the products carry the
 * tableau's absolute rounding error, where a quotient by a small entry would magnify it. */
static int lex_cmp(const dict *D, size_t d, size_t k, size_t a, size_t b, size_t s, const tols *t)
{
    double pa = D->T[s * k + a], pb = D->T[s * k + b];
    int c = cmp_prod(D->beta[a], pb, D->beta[b], pa, t);
    for (size_t r = 0; c == 0 && r < k; r++) c = cmp_prod(binv(D, d, k, a, r), pb, binv(D, d, k, b, r), pa, t);
    return c == 0 ? UNSURE : c;   /* equal rows of a basis inverse cannot be: arithmetic failed */
}

/* Row leaving for entering column s by the lexicographic ratio test; k if the column has no
 * positive entry; RS_TIE if some comparison is too close to call. */
#define RS_TIE ((size_t)-1)
static size_t ratio_test(const dict *D, size_t d, size_t k, size_t s, const tols *t)
{
    const double *col = D->T + s * k, *beta = D->beta;
    const double eq = t->eq, sure = t->sure;
    /* The plain minimum first, without a branch per row: whether a row's entry counts is a
     * coin toss to the branch predictor, and without that branch a search runs about a fifth
     * faster. The quotients (of the rows with a clearly positive entry, the others +inf) only
     * pick the least row and the runner-up; the decisions below are taken on cross-multiplied
     * products, as before. Each lane keeps its least quotient and the next one, with their
     * rows; the two lanes and the odd row left over (lane 2) are then merged. Ties go to the
     * lower row (any will do: a tie is broken lexicographically below). */
    enum { NL = 3 };
    int gray = 0;
    double lm[NL], lr[NL], lmi[NL], lri[NL];   /* rows as doubles, to share the lanes */
    for (int l = 0; l < NL; l++) lm[l] = lr[l] = INFINITY, lmi[l] = lri[l] = 0;
    size_t row = 0;
#ifdef __SSE2__
    const __m128d vsure = _mm_set1_pd(sure), veq = _mm_set1_pd(eq);
    lanes L;
    lanes_init(&L);
    __m128d vgray = _mm_setzero_pd();
    for (; row + 2 <= k; row += 2) lanes_step(&L, col + row, beta + row, vsure, veq, &vgray);
    gray = _mm_movemask_pd(vgray) != 0;
    lanes_store(&L, lm, lmi, lr, lri);
#endif
    for (; row < k; row++) {   /* the rows left over, in lane 2 */
        double a = col[row], q = a > sure ? beta[row] / a : INFINITY;
        gray |= (a > eq) & (a <= sure);   /* positive or not? decided below if it matters */
        if (q < lm[2]) { lr[2] = lm[2]; lri[2] = lmi[2]; lm[2] = q; lmi[2] = (double)row; }
        else if (q < lr[2]) { lr[2] = q; lri[2] = (double)row; }
    }
    /* the least over the lanes, then the least of everything else */
    int w = 0;
    for (int l = 1; l < NL; l++)
        if (lm[l] < lm[w] || (lm[l] == lm[w] && lmi[l] < lmi[w])) w = l;
    if (lm[w] == INFINITY) {
        /* no row counts; or one does with a quotient beyond the doubles (never for entries of
         * order one): then the passes cannot rank it, and the call is left to a refactor */
        for (size_t i = 0; i < k; i++)
            if (col[i] > sure) return RS_TIE;
        return gray ? RS_TIE : k;
    }
    size_t best = (size_t)lmi[w];
    double r2 = lr[w], r2i = lri[w];
    for (int l = 0; l < NL; l++) {
        if (l == w) continue;
        if (lm[l] < r2 || (lm[l] == r2 && lmi[l] < r2i)) { r2 = lm[l]; r2i = lmi[l]; }
    }
    size_t second = r2 == INFINITY ? k : (size_t)r2i;
    double ab = col[best], bb = beta[best];
    /* the runner-up clearly above the minimum: no tie to break (none: there is no other row) */
    if (!gray && (second == k || cmp_prod(beta[second], ab, bb, col[second], t) == 1)) return best;
    for (size_t i = 0; gray && i < k; i++) {
        /* a tiny entry of either sign is harmless when, even if positive, its ratio would be
         * clearly above the minimum */
        double a = col[i];
        if (a > eq && a <= sure && cmp_prod(beta[i], ab, bb, sure, t) != 1) return RS_TIE;
    }
    for (size_t i = 0; i < k; i++) {
        double a = col[i], bi = beta[i];
        if (i == best || a <= sure || cmp_prod(bi, ab, bb, a, t) == 1) continue;   /* clearly above */
        int c = lex_cmp(D, d, k, i, best, s, t);   /* a tie with the minimum, or too close to call */
        if (c == UNSURE) return RS_TIE;
        if (c < 0) { best = i; bb = bi; ab = a; }
    }
    return best;
}

/* Mark the columns of D worth deciding: all but those whose reduced cost is clearly negative
 * or zero (under COARSE), which decide() would turn down at once. Without a branch per column
 * (the signs are a coin toss), and the search then jumps from one marked column to the next.
 * Done wherever the reduced costs are (re)computed: pivot() and refactor(). */
static void candidates(dict *D, size_t d)
{
    double negmin = INFINITY;
    for (size_t w = 0; w * 64 < d; w++) {
        uint64_t bits = 0;
        size_t j = w * 64, end = d < j + 64 ? d : j + 64;
#ifdef __SSE2__
        const __m128d sure = _mm_set1_pd(-COARSE.sure), eq = _mm_set1_pd(COARSE.eq), sign = _mm_set1_pd(-0.0);
        __m128d least = _mm_set1_pd(INFINITY);
        for (; j + 2 <= end; j += 2) {   /* two columns at a time: a compiler branched on each sign */
            __m128d c = _mm_loadu_pd(D->c + j);
            __m128d neg = _mm_cmple_pd(c, sure), tie = _mm_cmple_pd(_mm_andnot_pd(sign, c), eq);
            uint64_t keep = (uint64_t)(~_mm_movemask_pd(_mm_or_pd(neg, tie)) & 3);
            bits |= keep << (j % 64);
            least = _mm_min_pd(least, sel(neg, _mm_xor_pd(c, sign), _mm_set1_pd(INFINITY)));
        }
        double l2[2];
        _mm_storeu_pd(l2, least);
        negmin = l2[0] < negmin ? l2[0] : negmin;
        negmin = l2[1] < negmin ? l2[1] : negmin;
#endif
        for (; j < end; j++) {
            double c = D->c[j];
            int neg = c <= -COARSE.sure;
            uint64_t keep = !neg & !(fabs(c) <= COARSE.eq);
            bits |= keep << (j % 64);
            if (neg && -c < negmin) negmin = -c;
        }
        D->cand[w] = bits;
    }
    D->negmin = negmin;
}

/* A skipped column was decided all the same (clearly negative): its margin counts towards the
 * search's closest call, as when decide() turned each column down itself. */
static void note_skipped(const dict *D, const tols *t)
{
    if (t->closest && D->negmin < *t->closest) *t->closest = D->negmin;
}

/* The first marked column of D from D->next on, or d. */
static size_t next_candidate(const dict *D, size_t d)
{
    for (size_t w = D->next / 64; w * 64 < d; w++) {
        uint64_t bits = D->cand[w];
        if (w == D->next / 64) bits &= ~(uint64_t)0 << (D->next % 64);
        if (bits) return w * 64 + (size_t)__builtin_ctzll(bits);
    }
    return d;
}

/* out = x - f y over k entries (the pivot's update of one column: most of its time) */
static inline void minus_scaled(double *restrict out, const double *restrict x, double f, const double *restrict y, size_t k)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128d vf = _mm_set1_pd(f);
    for (; i + 2 <= k; i += 2)
        _mm_storeu_pd(out + i, _mm_sub_pd(_mm_loadu_pd(x + i), _mm_mul_pd(vf, _mm_loadu_pd(y + i))));
#endif
    for (; i < k; i++) out[i] = x[i] - f * y[i];
}

/* Pivot D on (r, s) into E. */
static void pivot(dict *E, const dict *D, size_t d, size_t k, size_t r, size_t s)
{
    const double *Ts = D->T + s * k;
    double p = Ts[r], cs = D->c[s], br = D->beta[r] / p;
    for (size_t j = 0; j < d; j++) {
        const double *Dj = D->T + j * k;
        double *Ej = E->T + j * k;
        if (j == s) {
            for (size_t i = 0; i < k; i++) Ej[i] = -Ts[i] / p;
            Ej[r] = 1 / p;
            continue;
        }
        double f = Dj[r] / p;   /* row r of column j after dividing by the pivot */
        minus_scaled(Ej, Dj, f, Ts, k);
        Ej[r] = f;
        E->c[j] = D->c[j] - cs * f;
    }
    minus_scaled(E->beta, D->beta, br, Ts, k);
    E->beta[r] = br;
    E->c[s] = -cs / p;
    lia__basis_pivot(E->rowvar, E->basic, D->rowvar, D->basic, k, d, r, s);
    /* E's column order: D's, with column s moved to the place of its new variable */
    size_t v = E->colvar[s], n = 0;
    int placed = 0;
    for (size_t i = 0; i < d; i++) {
        size_t j = D->order[i];
        if (j == s) continue;
        if (!placed && E->colvar[j] > v) { E->order[n++] = s; placed = 1; }
        E->order[n++] = j;
    }
    if (!placed) E->order[n] = s;
    E->next = 0;
    candidates(E, d);
}

/* Is pivot (r, s) from D the reverse of the parent pivot of the basis it reaches? 1 yes,
 * 0 no, UNSURE too close to call. After the pivot the leaving variable has reduced cost
 * -c_s / p, so it is improving exactly when c_s > 0; it is the parent's entering variable if
 * no nonbasic variable of smaller index is improving too (Bland). */
static int is_child(const dict *D, size_t d, size_t r, size_t s, const tols *t)
{
    size_t k = D->k;
    double cs = D->c[s], p = D->T[s * k + r];
    int sg = sign3(cs, t);
    if (sg != 1) return sg == UNSURE ? UNSURE : 0;
    size_t leaving = D->rowvar[r];
    for (size_t o = 0; o < d; o++) {
        size_t j = D->order[o];
        if (D->colvar[j] > leaving) break;   /* and so are all after it */
        if (j == s) continue;
        /* the sign of c_j - c_s T_rj / p, multiplied through by p > 0 */
        int c = cmp_prod(D->c[j], p, cs, D->T[j * k + r], t);
        if (c == UNSURE) return UNSURE;
        if (c < 0) return 0;
    }
    return 1;
}

/* Append the vertex of D (zero: its basic variables at zero), unless the filter drops it
 * (only a nondegenerate one): from its basis where the filter can (most vertices are
 * dropped, and then no labels are built), else from the labels appended. */
static lia_status append(const search *S, lia_vertices *out, size_t *cap, lia_bitset_table *degenerate, const dict *D,
                         const unsigned char *zero)
{
    const lia_polytope *P = S->P;
    size_t before = out->n;
    if (S->filter && S->filter->keep_basis) {
        int degen = 0;
        for (size_t i = 0; i < P->k; i++) degen |= zero[i];
        if (!degen) {
            int keep = S->filter->keep_basis(S->fstate, D->basic);
            if (keep < 0) return (lia_status)-keep;
            if (!keep) {
                out->nbases++;   /* a basis visited all the same */
                return LIA_OK;
            }
            return lia__vertices_append(out, cap, degenerate, P->d, P->k, P->coord_label, P->cons_label, D->colvar,
                                        D->rowvar, zero);
        }
    }
    lia_status st = lia__vertices_append(out, cap, degenerate, P->d, P->k, P->coord_label, P->cons_label, D->colvar,
                                        D->rowvar, zero);
    if (st != LIA_OK || !S->filter || out->n == before) return st;
    for (size_t i = 0; i < P->k; i++)
        if (zero[i]) return LIA_OK;   /* degenerate: always kept */
    int keep = S->filter->keep(S->fstate, out->labels + before * out->lwords);
    if (keep < 0) return (lia_status)-keep;
    if (!keep) out->n = before;
    return LIA_OK;
}

/* Record the vertex of a basis (polytope.c lists it). LIA_RS_UNSURE when a basic value is too
 * close to zero to call, or negative (the arithmetic failed). */
static lia_status record(const search *S, lia_vertices *out, size_t *cap, lia_bitset_table *degenerate, const dict *D,
                         const tols *t, unsigned char *zero)
{
    size_t k = S->P->k;
    double least = INFINITY;   /* the common case first: every basic value clearly positive */
    for (size_t i = 0; i < k; i++) least = D->beta[i] < least ? D->beta[i] : least;
    if (least >= t->sure) {
        if (t->closest && least < *t->closest) *t->closest = least;   /* as sign3 on each would */
        memset(zero, 0, k);
        return append(S, out, cap, degenerate, D, zero);
    }
    for (size_t i = 0; i < k; i++) {
        int sg = sign3(D->beta[i], t);
        if (sg == UNSURE || sg < 0) return LIA_RS_UNSURE;
        zero[i] = sg == 0;
    }
    return append(S, out, cap, degenerate, D, zero);
}

/* Factor the basis of D afresh from M (LAPACK dgesv) and rebuild its dictionary: the cure for
 * rounding error pivoted down the tree, before a close decision is retried with FINE. */
static lia_status refactor(search *S, dict *D)
{
    const lia_polytope *P = S->P;
    size_t d = S->d, k = S->k;
    memset(S->Bm, 0, k * k * sizeof *S->Bm);
    memset(S->X, 0, k * (d + 1) * sizeof *S->X);
    for (size_t i = 0; i < k; i++) {          /* column-major basis matrix of [M | I] */
        size_t v = D->rowvar[i];
        for (size_t r = 0; r < k; r++) S->Bm[i * k + r] = v < d ? P->M[r * d + v] : (r == v - d);
    }
    for (size_t j = 0; j <= d; j++) {
        size_t v = j < d ? D->colvar[j] : SIZE_MAX;
        for (size_t r = 0; r < k; r++) S->X[j * k + r] = j == d ? 1.0 : v < d ? P->M[r * d + v] : (r == v - d);
    }
    /* getrf + getrs, not gesv: OpenBLAS hands even small gesv calls to its thread pool */
    if (lia__dgetrf((lia_lapack_int)k, (lia_lapack_int)k, S->Bm, (lia_lapack_int)k, S->ipiv) != 0 ||
        lia__dgetrs('N', (lia_lapack_int)k, (lia_lapack_int)(d + 1), S->Bm, (lia_lapack_int)k, S->ipiv,
                            S->X, (lia_lapack_int)k) != 0)
        return LIA_RS_UNSURE;
    memcpy(D->T, S->X, k * d * sizeof *D->T);
    memcpy(D->beta, S->X + k * d, k * sizeof *D->beta);
    for (size_t j = 0; j < d; j++) {           /* reduced costs c_N - c_B B^-1 N */
        size_t v = D->colvar[j];
        double c = v < d ? S->w[v] : 0;
        for (size_t i = 0; i < k; i++)
            if (D->rowvar[i] < d) c -= S->w[D->rowvar[i]] * D->T[j * k + i];
        D->c[j] = c;
    }
    candidates(D, d);   /* the columns left to decide are decided on the numbers refactored */
    return LIA_OK;
}

/* Does entering column s of D lead to a child? 1 (leaving row in *r), 0, or UNSURE. Only an
 * entering variable with a positive reduced cost can (its reverse pivot must improve), so
 * that is tested before the ratio test. */
static int decide(const dict *D, size_t d, size_t k, size_t s, const tols *t, size_t *r)
{
    int cs = sign3(D->c[s], t);
    if (cs == UNSURE) return UNSURE;
    if (cs != 1) return 0;
    *r = ratio_test(D, d, k, s, t);
    if (*r == RS_TIE) return UNSURE;
    if (*r == k) return 0;
    return is_child(D, d, *r, s, t);
}

/* ---- Subtrees as jobs (the mplrs scheme, with deterministic budgets) ----
 *
 * The search is cut into jobs: a job is a basis, the root of a subtree. It records its root's
 * vertex and searches depth-first; once it has visited its budget of bases, every child it
 * has not entered yet (the remaining children of each dictionary on its stack) becomes a job
 * of its own instead, and it stops. Jobs run on a shared queue by K threads; each job's root
 * dictionary is factored afresh from M, so jobs share nothing but the queue. Budgets depend
 * only on a job's place in the job tree (a small first one, so the work splits early), never
 * on timing or K; so the job tree, each job's vertices and, listing them in the job tree's
 * preorder, the output are the same for any K. A degenerate vertex (more labels than the
 * dimension) can be met in several jobs and is listed once, where preorder meets it first. */
enum { FIRST_BUDGET = 200, BUDGET = 20000 };

typedef struct job {
    uint64_t *basis;          /* the root's basic variables */
    size_t depth;             /* in the job tree */
    lia_vertices v;           /* the vertices it found, in its search order */
    size_t vcap;
    size_t *kids, nkids;      /* the jobs it handed back, in order */
    double closest;
} job;

typedef struct pool {
    const lia_polytope *P;
    const lia_polytope_exact *X;
    const lia_vertex_filter *filter;
    size_t cap, bw, lw;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job **jobs;
    size_t njobs, jcap;
    size_t *queue, nq, qcap;
    size_t active;
    double bytes;             /* held by finished jobs' results */
    lia_status st;            /* the first failure; work stops */
} pool;

static void job_free(job *J)
{
    if (!J) return;
    lia__free(J->basis);
    lia__vertices_free(&J->v);
    lia__free(J->kids);
    lia__free(J);
}

/* A new job for basis (copied), registered in the pool (caller holds the lock); its index in
 * *idx. 0 on allocation failure. */
static int pool_add(pool *Pl, const uint64_t *basis, size_t depth, size_t *idx)
{
    if (Pl->njobs == Pl->jcap) {
        size_t c = Pl->jcap ? 2 * Pl->jcap : 64;
        job **nj = lia__realloc(Pl->jobs, c * sizeof *nj);
        if (!nj) return 0;
        Pl->jobs = nj;
        size_t *nq = lia__realloc(Pl->queue, c * sizeof *nq);
        if (!nq) return 0;
        Pl->queue = nq;
        Pl->jcap = Pl->qcap = c;
    }
    job *J = lia__calloc(1, sizeof *J);
    if (!J) return 0;
    J->basis = lia__malloc(Pl->bw * sizeof *J->basis);
    if (!J->basis) { lia__free(J); return 0; }
    memcpy(J->basis, basis, Pl->bw * sizeof *basis);
    J->depth = depth;
    J->closest = 1;
    *idx = Pl->njobs;
    Pl->jobs[Pl->njobs++] = J;
    Pl->queue[Pl->nq++] = *idx;
    return 1;
}

/* Level 0 of S as the dictionary of a basis: variables in index order, factored from M. */
static lia_status job_root(search *S, const uint64_t *basis)
{
    size_t d = S->d, k = S->k, row = 0, col = 0;
    dict *D = &S->level[0];
    for (size_t v = 0; v < d + k; v++) {
        int b = lia_bit(basis, v);
        if (b && row < k) { D->rowvar[row] = v; D->where[v] = row++; }
        else if (!b && col < d) { D->colvar[col] = v; D->where[v] = col++; }
        else return LIA_RS_UNSURE;   /* not a basis: cannot happen */
        D->basic[v] = (unsigned char)b;
    }
    for (size_t j = 0; j < d; j++) D->order[j] = j;   /* colvar is in index order */
    D->next = 0;
    return refactor(S, D);
}

/* The basis reached from D by pivot (r, s), into out. */
static void child_basis(const dict *D, size_t k, size_t r, size_t s, uint64_t *out, size_t bw)
{
    memset(out, 0, bw * sizeof *out);
    for (size_t i = 0; i < k; i++) lia_bit_set(out, i == r ? D->colvar[s] : D->rowvar[i]);
}

/* The basic variables of D as a bitset (bw words). */
static void basis_of(const dict *D, size_t k, uint64_t *out, size_t bw)
{
    memset(out, 0, bw * sizeof *out);
    for (size_t i = 0; i < k; i++) lia_bit_set(out, D->rowvar[i]);
}

/* Decide entering column s of D exactly (S->exact given): 1 child (leaving row in *r), 0 not,
 * UNSURE if the exact numbers outgrow their integers, or a negative status. */
static int decide_exactly(search *S, const dict *D, size_t s, size_t *r, uint64_t *scratch, size_t bw)
{
    lia_exact_node *N;
    basis_of(D, S->k, scratch, bw);
    lia_status st = lia__exact_node_new(&N, S->exact, S->w, scratch);
    if (st == LIA_ENOMEM) return -(int)st;
    if (st != LIA_OK) return UNSURE;   /* outgrown integers, or a basis the search should not have reached */
    size_t leave = 0;
    int c = lia__exact_node_child(N, D->colvar[s], &leave);
    lia__exact_node_free(N);
    if (c < 0) return UNSURE;
    if (c) *r = D->where[leave];
    return c;
}

/* Record D's vertex with its zero basic values decided exactly. */
static lia_status record_exactly(search *S, lia_vertices *out, size_t *cap, lia_bitset_table *degenerate, const dict *D,
                                 uint64_t *scratch, size_t bw)
{
    lia_exact_node *N;
    basis_of(D, S->k, scratch, bw);
    lia_status st = lia__exact_node_new(&N, S->exact, S->w, scratch);
    if (st == LIA_ENOMEM) return st;
    if (st != LIA_OK) return LIA_RS_UNSURE;
    for (size_t i = 0; i < S->k && st == LIA_OK; i++) {
        int sg = lia__exact_node_sign(N, D->rowvar[i]);
        /* infeasible in exact terms: earlier floating-point decisions went wrong here, and the
         * polytope is left to the exact search */
        if (sg < 0) st = LIA_RS_UNSURE;
        S->zero[i] = sg == 0;
    }
    lia__exact_node_free(N);
    if (st != LIA_OK) return st;
    return append(S, out, cap, degenerate, D, S->zero);
}

/* Run job J on the search S (a worker's own); the bases of the jobs it hands back go to
 * kids (bw words each, *nkids of them). */
static lia_status job_run(search *S, job *J, size_t budget, uint64_t **kids, size_t *nkids, size_t *kcap, size_t bw,
                          uint64_t *scratch)
{
    size_t d = S->d, k = S->k, depth = 0, visited = 1;
    lia_bitset_table degenerate;
    lia__bitset_table_init(&degenerate, J->v.lwords);
    tols coarse = COARSE, fine = FINE;
    coarse.closest = fine.closest = &J->closest;
    *nkids = 0;
    lia_status st = job_root(S, J->basis);
    if (st == LIA_OK) note_skipped(&S->level[0], &coarse);
    if (st == LIA_OK) st = record(S, &J->v, &J->vcap, &degenerate, &S->level[0], &coarse, S->zero);
    if (st == LIA_RS_UNSURE) st = record(S, &J->v, &J->vcap, &degenerate, &S->level[0], &fine, S->zero);
    if (st == LIA_RS_UNSURE && S->exact) {
        st = record_exactly(S, &J->v, &J->vcap, &degenerate, &S->level[0], scratch, bw);
        J->closest = 0;
    }
    while (st == LIA_OK) {
        dict *D = &S->level[depth];
        size_t s = next_candidate(D, d), r = k;
        if (s == d) {
            if (depth == 0) break;
            depth--;
            continue;
        }
        D->next = s + 1;
        int child = decide(D, d, k, s, &coarse, &r);
        if (child == UNSURE) {
            st = refactor(S, D);
            if (st == LIA_OK) note_skipped(D, &coarse);
            if (st == LIA_OK) child = decide(D, d, k, s, &fine, &r);
            /* still too close: an exact game has this one decision taken exactly */
            if (st == LIA_OK && child == UNSURE && S->exact) {
                child = decide_exactly(S, D, s, &r, scratch, bw);
                J->closest = 0;   /* a close call: small polytopes are searched again exactly */
            }
            if (st == LIA_OK && child < 0) st = (lia_status)-child;
            if (st == LIA_OK && child == UNSURE) st = LIA_RS_UNSURE;
            if (st != LIA_OK) break;
        }
        if (!child) continue;
        if (visited >= budget) {   /* out of budget: the child becomes a job */
            if (*nkids == *kcap) {
                size_t c = *kcap ? 2 * *kcap : 64;
                uint64_t *nk = lia__realloc(*kids, c * bw * sizeof *nk);
                if (!nk) { st = LIA_ENOMEM; break; }
                *kids = nk;
                *kcap = c;
            }
            child_basis(D, k, r, s, *kids + *nkids * bw, bw);
            (*nkids)++;
            continue;
        }
        if (!ensure_level(S, depth + 1)) { st = LIA_ENOMEM; break; }
        D = &S->level[depth];   /* the levels may have moved */
        pivot(&S->level[depth + 1], D, d, k, r, s);
        note_skipped(&S->level[depth + 1], &coarse);
        depth++;
        visited++;
        st = record(S, &J->v, &J->vcap, &degenerate, &S->level[depth], &coarse, S->zero);
        if (st == LIA_RS_UNSURE) {
            st = refactor(S, &S->level[depth]);
            if (st == LIA_OK) note_skipped(&S->level[depth], &coarse);
            if (st == LIA_OK) st = record(S, &J->v, &J->vcap, &degenerate, &S->level[depth], &fine, S->zero);
            if (st == LIA_RS_UNSURE && S->exact) {
                st = record_exactly(S, &J->v, &J->vcap, &degenerate, &S->level[depth], scratch, bw);
                J->closest = 0;
            }
        }
    }
    lia__bitset_table_free(&degenerate);
    return st;
}

static int search_init(search *S, const lia_polytope *P, const lia_polytope_exact *X, const lia_vertex_filter *f)
{
    size_t d = P->d, k = P->k;
    memset(S, 0, sizeof *S);
    S->P = P;
    S->exact = X;
    S->d = d;
    S->k = k;
    S->w = lia__malloc(d * sizeof *S->w);
    S->Bm = lia__malloc(k * k * sizeof *S->Bm);
    S->X = lia__malloc(k * (d + 1) * sizeof *S->X);
    S->ipiv = lia__malloc(k * sizeof *S->ipiv);
    S->zero = lia__malloc(k);
    S->scratch = lia__calloc((d + k + 63) / 64, sizeof *S->scratch);
    if (!S->w || !S->Bm || !S->X || !S->ipiv || !S->zero || !S->scratch || !ensure_level(S, 0)) return 0;
    if (f && !f->open(f->ctx, &S->fstate)) return 0;
    S->filter = f;
    for (size_t j = 0; j < d; j++) {
        double golden = 0.6180339887498949 * (double)(j + 1);
        S->w[j] = 1 + (golden - floor(golden));
    }
    return 1;
}

/* Job J ended with st, handing back nkids bases (J->kids allocated for them unless st failed):
 * register them as jobs, count J's memory against the cap, record the first failure. The
 * caller holds the lock. */
static void job_done(pool *Pl, job *J, lia_status st, const uint64_t *kids, size_t nkids)
{
    for (size_t i = 0; st == LIA_OK && i < nkids; i++) {
        if (!pool_add(Pl, kids + i * Pl->bw, J->depth + 1, &J->kids[i])) st = LIA_ENOMEM;
        else J->nkids++;
    }
    Pl->bytes += (double)J->vcap * (Pl->lw + Pl->bw) * 8 + (double)Pl->bw * 8 * nkids;
    if (st == LIA_OK && Pl->bytes > (double)Pl->cap) st = LIA_ELIMIT;
    if (st != LIA_OK && Pl->st == LIA_OK) Pl->st = st;
}

/* A worker: take jobs until the queue is empty and no job is running (one may still hand
 * back more), or until some job failed. */
static void *worker(void *arg)
{
    pool *Pl = arg;
    search S;
    uint64_t *kids = NULL;
    size_t kcap = 0, nkids = 0;
    lia_status mine = search_init(&S, Pl->P, Pl->X, Pl->filter) ? LIA_OK : LIA_ENOMEM;
    pthread_mutex_lock(&Pl->mu);
    if (mine != LIA_OK && Pl->st == LIA_OK) Pl->st = mine;
    for (;;) {
        while (Pl->st == LIA_OK && Pl->nq == 0 && Pl->active > 0) pthread_cond_wait(&Pl->cv, &Pl->mu);
        if (Pl->st != LIA_OK || Pl->nq == 0) break;
        job *J = Pl->jobs[Pl->queue[--Pl->nq]];
        Pl->active++;
        pthread_mutex_unlock(&Pl->mu);
        J->v.lwords = Pl->lw;
        J->v.bwords = Pl->bw;
        lia_status st = job_run(&S, J, J->depth == 0 ? FIRST_BUDGET : BUDGET, &kids, &nkids, &kcap, Pl->bw, S.scratch);
        if (st == LIA_OK && nkids && !(J->kids = lia__malloc(nkids * sizeof *J->kids))) st = LIA_ENOMEM;
        pthread_mutex_lock(&Pl->mu);
        job_done(Pl, J, st, kids, nkids);
        Pl->active--;
        pthread_cond_broadcast(&Pl->cv);
    }
    pthread_cond_broadcast(&Pl->cv);
    pthread_mutex_unlock(&Pl->mu);
    search_free(&S);
    lia__free(kids);
    return NULL;
}

_Thread_local struct lia_nash_split *lia__rs_remote;

void lia__rs_result_free(lia_rs_result *r)
{
    lia__vertices_free(&r->v);
    lia__free(r->kids);
    r->kids = NULL;
    r->nkids = 0;
}

lia_status lia__rs_solve(lia_rs_result *out, const lia_polytope *P, const lia_polytope_exact *X,
                         const uint64_t *basis, size_t depth, const lia_vertex_filter *filter)
{
    size_t bw = (P->d + P->k + 63) / 64, kcap = 0;
    memset(out, 0, sizeof *out);
    out->v.lwords = (P->nlab + 63) / 64;
    out->v.bwords = bw;
    search S;
    job J;
    memset(&J, 0, sizeof J);
    J.basis = (uint64_t *)basis;   /* read only: job_run never writes it */
    J.depth = depth;
    J.closest = 1;
    J.v = out->v;
    if (!search_init(&S, P, X, filter)) {
        search_free(&S);
        return LIA_ENOMEM;
    }
    out->st = job_run(&S, &J, depth == 0 ? FIRST_BUDGET : BUDGET, &out->kids, &out->nkids, &kcap, bw, S.scratch);
    search_free(&S);
    out->v = J.v;
    out->vcap = J.vcap;
    out->closest = J.closest;
    if (out->st == LIA_ENOMEM) {
        lia__rs_result_free(out);
        return LIA_ENOMEM;
    }
    if (out->st != LIA_OK) lia__rs_result_free(out);   /* a failed job hands back nothing */
    return LIA_OK;
}

/* The queued jobs of Pl run elsewhere (lia__rs_remote): post every queued job, take the
 * results as they come, register what they hand back, until none is out. A failure posts
 * nothing more and drains what is out (a cancellation stops at once). A job of a filtered
 * search says so, and the process that runs it applies the same filter (lia_nash_split_solve
 * builds it from the same game; every process runs the same build), so its result is what
 * the job would have kept here. */
static lia_status remote_drive(pool *Pl, struct lia_nash_split *R)
{
    uint64_t gen = lia__rs_remote_begin(R);
    size_t out = 0;
    for (;;) {
        while (Pl->st == LIA_OK && Pl->nq > 0) {
            size_t idx = Pl->queue[--Pl->nq];
            lia_status st = lia__rs_remote_post(R, Pl->P, Pl->X != NULL, Pl->filter != NULL, gen, idx, Pl->jobs[idx]->depth,
                                                Pl->jobs[idx]->basis);
            if (st != LIA_OK) Pl->st = st;
            else out++;
        }
        if (Pl->st != LIA_OK) out -= lia__rs_remote_withdraw(R);
        if (out == 0) break;
        lia_rs_result r;
        lia_status st = lia__rs_remote_wait(R, &r);
        if (st != LIA_OK) {   /* cancelled: nobody will send the rest */
            lia__rs_remote_withdraw(R);
            return st;
        }
        job *J = r.gen == gen && r.id < Pl->njobs ? Pl->jobs[r.id] : NULL;
        /* a result for no job out (another search's, or twice): not ours to count */
        if (!J || J->v.labels || J->kids || J->nkids) {
            lia__rs_result_free(&r);
            continue;
        }
        out--;
        st = r.st;
        if (Pl->st == LIA_OK && st == LIA_OK) {
            if (r.v.lwords != Pl->lw || r.v.bwords != Pl->bw) st = LIA_EINTERNAL;
            else if (r.nkids && !(J->kids = lia__malloc(r.nkids * sizeof *J->kids))) st = LIA_ENOMEM;
        }
        if (Pl->st == LIA_OK && st == LIA_OK) {
            J->v = r.v;
            J->vcap = r.vcap;
            J->closest = r.closest;
            memset(&r.v, 0, sizeof r.v);
            job_done(Pl, J, LIA_OK, r.kids, r.nkids);
        } else if (Pl->st == LIA_OK) {
            Pl->st = st;
        }
        lia__rs_result_free(&r);
    }
    return Pl->st;
}

/* The jobs' vertices in the job tree's preorder, each degenerate vertex once. */
static lia_status merge(lia_vertices *out, pool *Pl)
{
    size_t lw = Pl->lw, bw = Pl->bw, total = 0, d = Pl->P->d;
    for (size_t j = 0; j < Pl->njobs; j++) {
        total += Pl->jobs[j]->v.n;
        out->nbases += Pl->jobs[j]->v.nbases;
        out->closest = fmin(out->closest, Pl->jobs[j]->closest);
    }
    out->labels = lia__malloc((total + 1) * lw * sizeof *out->labels);
    out->basis = lia__malloc((total + 1) * bw * sizeof *out->basis);
    size_t *stack = lia__malloc((Pl->njobs + 1) * sizeof *stack), nstack = 0;
    lia_bitset_table seen;
    lia__bitset_table_init(&seen, lw);
    lia_status st = out->labels && out->basis && stack ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) stack[nstack++] = 0;
    while (st == LIA_OK && nstack > 0) {
        job *J = Pl->jobs[stack[--nstack]];
        for (size_t v = 0; v < J->v.n && st == LIA_OK; v++) {
            const uint64_t *L = J->v.labels + v * lw;
            size_t c = 0;
            for (size_t i = 0; i < lw; i++) c += (size_t)__builtin_popcountll(L[i]);
            if (c > d) {
                int fresh = lia__bitset_table_put(&seen, L, out->n, NULL);
                if (fresh < 0) { st = LIA_ENOMEM; break; }
                if (!fresh) continue;
            }
            memcpy(out->labels + out->n * lw, L, lw * sizeof *L);
            memcpy(out->basis + out->n * bw, J->v.basis + v * bw, bw * sizeof *out->basis);
            out->n++;
        }
        for (size_t i = J->nkids; i-- > 0;) stack[nstack++] = J->kids[i];   /* first kid on top */
        lia__vertices_free(&J->v);   /* merged: give the memory back as we go */
    }
    lia__free(stack);
    lia__bitset_table_free(&seen);
    return st;
}

lia_status lia__polytope_vertices_rs(lia_vertices *out, const lia_polytope *P, const lia_polytope_exact *X, size_t cap,
                                    unsigned threads, const lia_vertex_filter *filter)
{
    size_t d = P->d, k = P->k;
    memset(out, 0, sizeof *out);
    out->lwords = (P->nlab + 63) / 64;
    out->bwords = (d + k + 63) / 64;
    out->closest = 1;
    pool Pl;
    memset(&Pl, 0, sizeof Pl);
    Pl.P = P;
    Pl.X = X;
    Pl.filter = filter;
    Pl.cap = cap;
    Pl.lw = out->lwords;
    Pl.bw = out->bwords;
    Pl.st = LIA_OK;
    if (pthread_mutex_init(&Pl.mu, NULL) != 0) return LIA_ENOMEM;
    if (pthread_cond_init(&Pl.cv, NULL) != 0) { pthread_mutex_destroy(&Pl.mu); return LIA_ENOMEM; }
    uint64_t *origin = lia__calloc(Pl.bw, sizeof *origin);
    size_t root;
    lia_status st = origin ? LIA_OK : LIA_ENOMEM;
    for (size_t r = 0; st == LIA_OK && r < k; r++) lia_bit_set(origin, d + r);   /* every slack basic */
    if (st == LIA_OK && !pool_add(&Pl, origin, 0, &root)) st = LIA_ENOMEM;
    lia__free(origin);
    /* the calling thread takes the first job alone: small polytopes end there, without threads */
    if (st == LIA_OK) {
        Pl.active = 0;
        pthread_t tid[64];
        size_t started = 0;
        if (threads > 64) threads = 64;
        /* run the first job here; then helpers if it handed work back */
        job *J0 = Pl.jobs[0];
        Pl.nq = 0;
        Pl.active = 1;
        search S;
        uint64_t *kids = NULL;
        size_t kcap = 0, nkids = 0;
        st = search_init(&S, P, X, filter) ? LIA_OK : LIA_ENOMEM;
        J0->v.lwords = Pl.lw;
        J0->v.bwords = Pl.bw;
        if (st == LIA_OK) st = job_run(&S, J0, FIRST_BUDGET, &kids, &nkids, &kcap, Pl.bw, S.scratch);
        search_free(&S);
        if (st == LIA_OK && nkids && !(J0->kids = lia__malloc(nkids * sizeof *J0->kids))) st = LIA_ENOMEM;
        for (size_t i = 0; st == LIA_OK && i < nkids; i++) {
            if (!pool_add(&Pl, kids + i * Pl.bw, 1, &J0->kids[i])) st = LIA_ENOMEM;
            else J0->nkids++;
        }
        lia__free(kids);
        Pl.active = 0;
        Pl.st = st;
        if (st == LIA_OK && Pl.nq > 0 && lia__rs_remote) {
            st = remote_drive(&Pl, lia__rs_remote);
        } else if (st == LIA_OK && Pl.nq > 0) {
            for (; started + 1 < threads && Pl.nq > started + 1; started++)
                if (pthread_create(&tid[started], NULL, worker, &Pl) != 0) break;
            worker(&Pl);
            for (size_t t = 0; t < started; t++) pthread_join(tid[t], NULL);
            st = Pl.st;
        }
    }
    if (st == LIA_OK) st = merge(out, &Pl);
    for (size_t j = 0; j < Pl.njobs; j++) job_free(Pl.jobs[j]);
    lia__free(Pl.jobs);
    lia__free(Pl.queue);
    pthread_cond_destroy(&Pl.cv);
    pthread_mutex_destroy(&Pl.mu);
    if (st != LIA_OK) lia__vertices_free(out);
    return st;
}
