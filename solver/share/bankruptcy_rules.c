/* bankruptcy_rules.c — the classic rules for dividing an estate E among claims c_i that
 * together exceed it: proportional, constrained equal awards (x_i = min(c_i, lambda)),
 * constrained equal losses (x_i = max(0, c_i - mu)) and the Talmud rule of Aumann & Maschler
 * (1985), which is the nucleolus of the bankruptcy game v(S) = max(0, E - c(N \ S)).
 *
 * The level lambda or mu is found in closed form from the claims sorted once (O(n log n)),
 * never by bisection: the function "total award at level t" is piecewise linear with kinks at
 * the claims, so walking the sorted claims finds the piece holding E and one division
 * solves it. Running sums are compensated, so the awards add up to E to rounding.
 *
 * An estimate E above sum c by no more than rounding (n ulps of the sum, as a caller's own
 * naive sum of the claims may be) is taken as E = sum c: every claim is met. */
#include "share.h"
#include "../util/mem.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct claim {
    double c;
    size_t i;   /* position in the caller's arrays */
} claim;

/* Ascending claims; ties by position, so the result never depends on qsort's order. */
static int by_claim(const void *pa, const void *pb)
{
    const claim *a = pa, *b = pb;
    if (a->c != b->c) return a->c < b->c ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* A sum kept as hi + lo, lo collecting what each addition rounded away (Neumaier), so a long
 * run of claims loses nothing before it is subtracted from E. */
typedef struct csum {
    double hi, lo;
} csum;

static void csum_add(csum *s, double b)
{
    double t = s->hi + b;
    if (fabs(s->hi) >= fabs(b)) s->lo += (s->hi - t) + b;
    else s->lo += (b - t) + s->hi;
    s->hi = t;
}

/* E - s with the compensation applied before rounding the difference. */
static double csum_from(double E, csum s) { return (E - s.hi) - s.lo; }

/* The common checks; *C receives sum c and *E is clipped to it when over by rounding only. */
static lia_status check(double *E, const double *c, size_t n, const double *x, double *C)
{
    if (!c || !x || n == 0 || !isfinite(*E) || *E < 0) return LIA_EUSAGE;
    csum s = { 0, 0 };
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(c[i]) || c[i] < 0) return LIA_EUSAGE;
        csum_add(&s, c[i]);
    }
    *C = s.hi + s.lo;
    if (!isfinite(*C)) return LIA_EUSAGE;          /* the claims' sum overflows */
    if (*E > *C + (double)n * DBL_EPSILON * *C) return LIA_EUSAGE;
    if (*E > *C) *E = *C;
    return LIA_OK;
}

/* Constrained equal awards on the claims s * a[k].c (a ascending; s = 1/2 for Talmud's half
 * claims): x = min(s c, lambda) with sum x = E, 0 <= E <= s sum c. Claims below the level are
 * paid in full; a tie group is paid as a whole, so equal claims get bit-identical awards. */
static void cea_sorted(double E, const claim *a, size_t n, double s, double *x)
{
    csum paid = { 0, 0 };
    double last = 0;   /* the largest claim paid in full */
    size_t k = 0;
    while (k < n) {
        double ck = s * a[k].c;
        /* total award if the level were ck: paid + (n - k) ck; the level lies below ck once
         * that reaches E */
        if (paid.hi + paid.lo + (double)(n - k) * ck >= E) break;
        for (; k < n && a[k].c * s == ck; k++) {
            x[a[k].i] = ck;
            csum_add(&paid, ck);
        }
        last = ck;
    }
    if (k == n) return;    /* every claim met: E was the whole of the claims */
    double lam = csum_from(E, paid) / (double)(n - k);
    /* lambda lies in [last, c_k] exactly; rounding must not push it outside, or order
     * preservation or x <= c would fail by an ulp */
    double ck = s * a[k].c;
    if (lam > ck) lam = ck;
    if (lam < last) lam = last;
    for (; k < n; k++) x[a[k].i] = lam;
}

/* Constrained equal losses on s * a[k].c: x = max(0, s c - mu), sum x = E. With d_1 >= d_2 >=
 * ... the claims descending (d_{n+1} = 0), the losses function at level d_k is
 * G_k = sum_{j<k} (d_j - d_k), built from the nonnegative steps k (d_k - d_{k+1}) so that it
 * never cancels. The top k claims share the estate once G_{k+1} >= E; each gets its excess
 * over d_k plus an equal nu = (E - G_k) / k, which keeps the small awards accurate even when
 * the claims are huge and the estate is not. */
static void cel_sorted(double E, const claim *a, size_t n, double s, double *x)
{
    csum G = { 0, 0 };
    size_t k = 1;
    double dk = 0, step = 0;
    for (; k <= n; k++) {
        dk = s * a[n - k].c;
        double below = k < n ? s * a[n - k - 1].c : 0;
        step = dk - below;
        csum next = G;
        csum_add(&next, (double)k * step);
        if (next.hi + next.lo >= E) break;
        G = next;
    }
    if (k > n) k = n;      /* E = sum c up to rounding: nu then fills the last step */
    double nu = csum_from(E, G) / (double)k;
    if (nu > step) nu = step;
    if (nu < 0) nu = 0;
    for (size_t j = 0; j < n; j++) x[a[j].i] = 0;
    for (size_t j = 1; j <= k; j++) {
        double dj = s * a[n - j].c, v = (dj - dk) + nu;
        x[a[n - j].i] = v < dj ? v : dj;
    }
}

/* Aumann-Maschler: half-claims first by equal awards; past half the claims, everyone has
 * half and the rest goes by equal losses on the other halves. */
static void talmud_sorted(double E, const claim *a, size_t n, double C, double *x)
{
    double H = C / 2;
    if (E <= H) {
        cea_sorted(E, a, n, 0.5, x);
        return;
    }
    cel_sorted(E - H, a, n, 0.5, x);
    for (size_t k = 0; k < n; k++) {
        double v = x[a[k].i] + a[k].c / 2;
        x[a[k].i] = v < a[k].c ? v : a[k].c;
    }
}

typedef enum rule { RULE_CEA, RULE_CEL, RULE_TALMUD } rule;

/* The sorted rules share the checks, the degenerate estates (no allocation there) and the
 * scratch of sorted claims; x may be c itself, as only the scratch is read afterwards. */
static lia_status run_sorted(rule r, double E, const double *c, size_t n, double *x)
{
    double C;
    lia_status st = check(&E, c, n, x, &C);
    if (st != LIA_OK) return st;
    if (E == C) {
        if (x != c) memcpy(x, c, n * sizeof *x);
        return LIA_OK;
    }
    if (E == 0) {
        for (size_t i = 0; i < n; i++) x[i] = 0;
        return LIA_OK;
    }
    size_t bytes;
    if (!lia__size_mul(n, sizeof(claim), &bytes)) return LIA_ENOMEM;
    claim *a = lia__malloc(bytes);
    if (!a) return LIA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        a[i].c = c[i];
        a[i].i = i;
    }
    qsort(a, n, sizeof *a, by_claim);
    switch (r) {
    case RULE_CEA: cea_sorted(E, a, n, 1, x); break;
    case RULE_CEL: cel_sorted(E, a, n, 1, x); break;
    case RULE_TALMUD: talmud_sorted(E, a, n, C, x); break;
    }
    lia__free(a);
    return LIA_OK;
}

lia_status lia__bankruptcy_proportional(double E, const double *c, size_t n, double *x)
{
    double C;
    lia_status st = check(&E, c, n, x, &C);
    if (st != LIA_OK) return st;
    if (E == C) {
        if (x != c) memcpy(x, c, n * sizeof *x);
        return LIA_OK;
    }
    /* C > E >= 0 here, so the ratio is below 1 and x_i <= c_i without clamping */
    double r = E / C;
    for (size_t i = 0; i < n; i++) x[i] = c[i] * r;
    return LIA_OK;
}

lia_status lia__bankruptcy_cea(double E, const double *c, size_t n, double *x)
{
    return run_sorted(RULE_CEA, E, c, n, x);
}

lia_status lia__bankruptcy_cel(double E, const double *c, size_t n, double *x)
{
    return run_sorted(RULE_CEL, E, c, n, x);
}

lia_status lia__bankruptcy_talmud(double E, const double *c, size_t n, double *x)
{
    return run_sorted(RULE_TALMUD, E, c, n, x);
}
