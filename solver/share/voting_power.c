/* voting_power.c — Shapley-Shubik and Banzhaf indices of a weighted voting game
 * v(S) = 1 iff w(S) >= quota, through Owen's multilinear extension (Owen 1972, 1975).
 *
 * Let every voter other than i join independently with probability p, and f_i(p) the
 * probability that i swings: q - w_i <= W_{-i} < q. Then
 *     Banzhaf:        beta_i = f_i(1/2)            (swings_i / 2^(n-1))
 *     Shapley-Shubik: phi_i  = integral_0^1 f_i(p) dp
 * because integral p^s (1-p)^(n-1-s) dp = s! (n-1-s)! / n!, the weight of a coalition of
 * size s in the subset formula. f_i is a polynomial of degree n - 1, so Gauss-Legendre with
 * ceil(n/2) nodes integrates it exactly; no count of orderings or subsets (numbers up to
 * 188! for the IMF board) is ever formed.
 *
 * At each node, one dynamic programme gives the distribution P of the total weight over all
 * voters, truncated below the quota; each voter is then removed by deconvolution,
 * Q[s] = (P[s] - p Q[s - w_i]) / (1 - p), which damps an error by p / (1 - p) per step and is
 * therefore stable only for p <= 1/2. Gauss-Legendre nodes come in pairs p, 1 - p, and the
 * node 1 - p is taken in the dual game v*(S) = 1 - v(N \ S) at p instead: i swings in v at S
 * exactly when it swings in v* at N \ (S + i), so f_i(1 - p) = f*_i(p), and v* is again a
 * weighted game, with quota T - q + 1 for integer weights of total T. Every division is thus
 * by the larger of p and 1 - p.
 *
 * Weights become integers by scaling with the common denominator of the exact weights (the
 * quota need not join it: an integer sum reaches L q exactly when it reaches ceil(L q)). A
 * weight at or above the quota is capped at it, which leaves the game unchanged, and
 * zero-weight voters are left out: they are null players and do not change the others'
 * indices (Shapley's null-player-out property; for Banzhaf they double both the swings and
 * the coalitions). The work is about n^2 / 2 * (T + 1) multiply-adds for Shapley-Shubik.
 *
 * Weights: wexact[i] when given and exact; otherwise the double (wexact[i].v, or w[i] when
 * wexact is NULL), taken at its exact binary value, which must be an integer or have a
 * denominator 2^k, k <= 62 (0.5 is accepted, 0.1 as a double needs 2^55 and is refused by
 * the quota limit). The same for the quota. */
#include "share.h"
#include "../game/game.h"
#include "../util/mem.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;  /* scaled weights: up to 2^62 * 2^62 before capping */

#define RANGE_LIMIT 50000000LL   /* weight sums one DP spans: two arrays of 400 MB at most */
#define WORK_LIMIT 2e10          /* multiply-adds: about five seconds */
#define BIG ((i128)1 << 100)     /* saturation for scaled values; far over RANGE_LIMIT */
#define TWO62 4611686018427387904.0

static const double PI = 3.14159265358979323846;

static void say(char *msg, size_t cap, const char *fmt, ...)
{
    if (!msg || !cap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
}

/* ---- exact values ---- */

/* A nonnegative rational num * 2^shift / den; shift > 0 only for integer doubles too large
 * for int64, which stay exact that way. */
typedef struct rat {
    int64_t num, den;
    int shift;
} rat;

/* The exact binary value of a finite double v >= 0 as m * 2^e, m odd or zero. */
static void split_double(double v, int64_t *m, int *e)
{
    if (v == 0) { *m = 0; *e = 0; return; }
    int ex;
    double f = frexp(v, &ex);
    int64_t mm = (int64_t)ldexp(f, 53);
    ex -= 53;
    while (!(mm & 1)) { mm >>= 1; ex++; }
    *m = mm;
    *e = ex;
}

/* A weight or quota that is given as a double (or an inexact lia_num). LIA_ELIMIT when it is
 * not an integer and would need a denominator over 2^62. */
static lia_status rat_of_double(double v, rat *r)
{
    r->num = 0; r->den = 1; r->shift = 0;
    int64_t m;
    int e;
    split_double(v, &m, &e);
    if (e >= 0) {                                      /* an integer, m < 2^53 */
        if (v < TWO62) r->num = m << e;
        else { r->num = m; r->shift = e; }
        return LIA_OK;
    }
    if (-e > 62) return LIA_ELIMIT;
    r->num = m;
    r->den = (int64_t)1 << -e;
    return LIA_OK;
}

/* Voter i's weight: the exact form when there is one, else the double. */
static lia_status weight_of(const double *w, const lia_num *wexact, size_t i, rat *r)
{
    if (wexact && lia_num_exact(wexact[i])) {
        if (wexact[i].p < 0) return LIA_EUSAGE;
        r->num = wexact[i].p; r->den = wexact[i].q; r->shift = 0;
        return LIA_OK;
    }
    double v = wexact ? wexact[i].v : w[i];
    if (!isfinite(v) || v < 0) return LIA_EUSAGE;
    return rat_of_double(v, r);
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) { int64_t t = a % b; a = b; b = t; }
    return a;
}

/* ceil(L * v) for a finite double v > 0, exact, saturated at BIG. */
static i128 scaled_ceil_double(int64_t L, double v)
{
    int64_t m;
    int e;
    split_double(v, &m, &e);
    i128 x = (i128)L * m;                         /* < 2^115 */
    if (e >= 0) return e >= 100 || x > (BIG >> e) ? BIG : x << e;
    if (-e >= 120) return 1;                      /* 0 < x < 2^-e */
    i128 d = (i128)1 << -e;
    return (x + d - 1) >> -e;
}

/* num * 2^shift * L / den, saturated at BIG (den divides L; num, L < 2^62). */
static i128 scaled_weight(rat r, int64_t L)
{
    i128 x = (i128)r.num * (L / r.den);
    if (r.shift == 0) return x > BIG ? BIG : x;
    return r.shift >= 100 || x > (BIG >> r.shift) ? BIG : x << r.shift;
}

/* ---- Gauss-Legendre ---- */

/* P_m(z) and P_m'(z) by the three-term recurrence. */
static void legendre(size_t m, double z, double *pm, double *dpm)
{
    double p0 = 1, p1 = z;
    for (size_t j = 2; j <= m; j++) {
        double p2 = ((double)(2 * j - 1) * z * p1 - (double)(j - 1) * p0) / (double)j;
        p0 = p1;
        p1 = p2;
    }
    *pm = p1;
    *dpm = (double)m * (z * p1 - p0) / ((z - 1) * (z + 1));
}

/* The nodes p[k] <= 1/2 of the m-point rule on [0, 1] and their weights, k < (m + 1) / 2;
 * the mirrored nodes 1 - p[k] carry the same weights. For odd m the last is p = 1/2. Newton
 * from the classical estimate cos(pi (k + 3/4) / (m + 1/2)) converges quadratically; one step past a 1e-10 correction leaves
 * the root at full precision. 1 - z is exact for z in [1/2, 1] (Sterbenz), so p is as
 * accurate as z. Returns 0 if the weights do not sum to 1. */
static int gauss_legendre01(size_t m, double *p, double *wt)
{
    size_t h = (m + 1) / 2;
    double total = 0;
    for (size_t k = 0; k < h; k++) {
        double z = cos(PI * ((double)k + 0.75) / ((double)m + 0.5)), pm, dpm;
        if (m % 2 == 1 && k == h - 1) z = 0;     /* P_m(0) = 0 for odd m */
        else {
            int close = 0;
            for (int it = 0; it < 100; it++) {
                legendre(m, z, &pm, &dpm);
                double dz = pm / dpm;
                z -= dz;
                if (close) break;
                close = fabs(dz) < 1e-10;
            }
        }
        legendre(m, z, &pm, &dpm);
        p[k] = (1 - z) / 2;
        wt[k] = 1 / ((1 - z) * (1 + z) * dpm * dpm);
        total += (m % 2 == 1 && k == h - 1) ? wt[k] : 2 * wt[k];
    }
    return fabs(total - 1) < 1e-12;
}

/* ---- the dynamic programme ---- */

typedef struct voter {
    int64_t w;     /* scaled integer weight, capped at the quota */
    size_t i;      /* the caller's index */
} voter;

static int by_weight(const void *pa, const void *pb)
{
    const voter *a = pa, *b = pb;
    if (a->w != b->w) return a->w < b->w ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* f[k] = Pr_p(voter v[k] swings) in the game with the weights v[].w capped at quota R >= 1,
 * for p <= 1/2; the weights sum to at least R. P and Q hold R doubles each. Voters of equal
 * (capped) weight share one deconvolution. */
static void swing_probabilities(const voter *v, size_t K, size_t R, double p, double *P, double *Q, double *f)
{
    const double q1 = 1 - p, inv = 1 / q1;
    size_t hi = 0;   /* P[s] = 0 above hi */
    P[0] = 1;
    for (size_t k = 0; k < K; k++) {
        size_t w = v[k].w < (int64_t)R ? (size_t)v[k].w : R;
        size_t top = hi + w < R - 1 ? hi + w : R - 1;
        for (size_t s = hi + 1; s <= top; s++) P[s] = 0;
        for (size_t s = top; s >= w && s > 0; s--) P[s] = q1 * P[s] + p * P[s - w];
        for (size_t s = (w < top + 1 ? w : top + 1); s-- > 0;) P[s] *= q1;
        hi = top;
    }
    size_t prev = 0;
    for (size_t k = 0; k < K; k++) {
        size_t w = v[k].w < (int64_t)R ? (size_t)v[k].w : R;
        if (k > 0 && w == prev) { f[k] = f[k - 1]; continue; }
        prev = w;
        /* Q = P / (q1 + p x^w): the others' weight distribution below R */
        size_t s = 0;
        for (; s < w && s < R; s++) Q[s] = P[s] * inv;
        for (; s < R; s++) Q[s] = (P[s] - p * Q[s - w]) * inv;
        /* the window can span most of R (10^5 terms and more): compensated, or a voter near
         * dictatorship would lose 1e-13 of its 1 to rounding (Neumaier's summation) */
        double sum = 0, lost = 0;
        for (s = R - w; s < R; s++) {
            double t = sum + Q[s];
            lost += fabs(sum) >= fabs(Q[s]) ? (sum - t) + Q[s] : (Q[s] - t) + sum;
            sum = t;
        }
        sum += lost;
        f[k] = sum > 0 ? sum : 0;   /* a null player's rounding residue is not negative power */
    }
}

/* ---- the entry point ---- */

typedef struct game {
    size_t n, K;          /* voters; those of positive weight */
    voter *v;             /* K, ascending by weight */
    int64_t q, qd;        /* quota and dual quota T - q + 1 (scaled integers) */
} game;

static void zero_outputs(size_t n, double *ss, double *bz, double *bz_raw)
{
    for (size_t i = 0; i < n; i++) {
        if (ss) ss[i] = 0;
        if (bz) bz[i] = 0;
        if (bz_raw) bz_raw[i] = 0;
    }
}

/* Scale to integers, decide the trivial games, cap the weights and collect the voters of
 * positive weight. *trivial = 1 when no coalition or every coalition wins (all indices 0). */
static lia_status scale(game *g, double quota, const double *w, const lia_num *quota_exact, const lia_num *wexact,
                        int *trivial, char *msg, size_t msgcap)
{
    size_t n = g->n;
    int64_t L = 1;
    int fine = 0;                 /* a double weight with a binary denominator raised L */
    for (size_t i = 0; i < n; i++) {
        rat r;
        lia_status st = weight_of(w, wexact, i, &r);
        if (st == LIA_EUSAGE) {
            say(msg, msgcap, "voting weight %lld is negative or not finite", (long long)i + 1);
            return st;
        }
        if (st != LIA_OK) {
            say(msg, msgcap, "voting weight %lld is not an integer and has no exact form; give the weights as "
                "integers or exact rationals (such as 1/10)", (long long)i + 1);
            return st;
        }
        int64_t d = r.den / gcd64(L, r.den);
        if ((i128)L * d > (i128)TWO62) {
            say(msg, msgcap, "the voting weights' denominators have no common multiple below 2^62 "
                "(weight %lld)", (long long)i + 1);
            return LIA_ELIMIT;
        }
        if (d > 1 && !(wexact && lia_num_exact(wexact[i]))) fine = 1;
        L *= d;
    }
    i128 Q;
    if (quota_exact && lia_num_exact(*quota_exact)) {
        if (quota_exact->p <= 0) { *trivial = 1; return LIA_OK; }
        Q = ((i128)L * quota_exact->p + quota_exact->q - 1) / quota_exact->q;
    } else {
        double qv = quota_exact ? quota_exact->v : quota;
        if (!isfinite(qv)) {
            say(msg, msgcap, "the quota is not finite");
            return LIA_EUSAGE;
        }
        if (qv <= 0) { *trivial = 1; return LIA_OK; }
        Q = scaled_ceil_double(L, qv);
    }
    if (Q > BIG) Q = BIG;
    /* the weights again, now scaled: W_i = num * L / den */
    i128 T = 0;
    size_t K = 0;
    for (size_t i = 0; i < n; i++) {
        rat r;
        weight_of(w, wexact, i, &r);
        i128 W = scaled_weight(r, L);
        T += W;
        if (T > BIG) T = BIG;
        if (W > 0) K++;
    }
    if (Q == BIG && T == BIG) {
        say(msg, msgcap, "the quota and the voting weights are too large to compare (over 2^100 in units of "
            "1/%lld)", (long long)L);
        return LIA_ELIMIT;
    }
    if (Q > T) { *trivial = 1; return LIA_OK; }
    if (Q > RANGE_LIMIT) {
        if (fine)
            say(msg, msgcap, "voting weights that are not integers must be given exactly (such as 1/10): as "
                "doubles they need a binary scale of %lld, over the limit of %lld weight units", (long long)L,
                RANGE_LIMIT);
        else if (Q < (i128)INT64_MAX)
            say(msg, msgcap, "the quota is %lld in the weights' common units, over the limit of %lld for the "
                "dynamic programme", (long long)Q, RANGE_LIMIT);
        else
            say(msg, msgcap, "the quota in the weights' common units (1/%lld) is over the limit of %lld for the "
                "dynamic programme", (long long)L, RANGE_LIMIT);
        return LIA_ELIMIT;
    }
    g->q = (int64_t)Q;
    g->K = K;
    size_t bytes;
    if (!lia__size_mul(K, sizeof(voter), &bytes)) return LIA_ENOMEM;
    g->v = lia__malloc(bytes);
    if (!g->v) return LIA_ENOMEM;
    int64_t Tc = 0;   /* at most n * RANGE_LIMIT: fits */
    K = 0;
    for (size_t i = 0; i < n; i++) {
        rat r;
        weight_of(w, wexact, i, &r);
        i128 W = scaled_weight(r, L);
        if (W == 0) continue;
        g->v[K].w = W < Q ? (int64_t)W : g->q;
        g->v[K].i = i;
        Tc += g->v[K].w;
        K++;
    }
    g->qd = Tc - g->q + 1;
    qsort(g->v, K, sizeof *g->v, by_weight);
    return LIA_OK;
}

/* At p = 1/2 the deconvolution neither damps nor grows an error, so an error made where the
 * distribution is large (its middle) carries unchanged to the window below the quota. For a
 * quota in the upper tail (the IMF's 85%) the swing probabilities are ~1e-13 and that noise
 * would be 1e-4 of them; the game and its dual are equally valid at 1/2 (f_i(1/2) =
 * f*_i(1/2)), and the one with the smaller quota keeps the whole pass in its lower tail. */
static size_t half_quota(const game *g) { return (size_t)(g->qd < g->q ? g->qd : g->q); }

/* The indices of the voters of positive weight, in g->v's order, into acc_ss and acc_bz
 * (absolute Banzhaf); P and Q span the quotas used, node and nw (m + 1) / 2 each. */
static lia_status run(const game *g, int want_ss, int want_bz, double *P, double *Q, double *f,
                      double *acc_ss, double *acc_bz, double *node, double *nw, char *msg, size_t msgcap)
{
    size_t K = g->K, m = (K + 1) / 2, h = (m + 1) / 2, pairs = m / 2;
    int mid = want_ss && m % 2 == 1;
    if (want_ss) {
        if (!gauss_legendre01(m, node, nw)) {
            say(msg, msgcap, "Gauss-Legendre weights for %zu nodes do not sum to 1", m);
            return LIA_EINTERNAL;
        }
        for (size_t j = 0; j < K; j++) acc_ss[j] = 0;
        for (size_t k = 0; k < pairs; k++) {
            swing_probabilities(g->v, K, (size_t)g->q, node[k], P, Q, f);
            for (size_t j = 0; j < K; j++) acc_ss[j] += nw[k] * f[j];
            swing_probabilities(g->v, K, (size_t)g->qd, node[k], P, Q, f);   /* the node 1 - p */
            for (size_t j = 0; j < K; j++) acc_ss[j] += nw[k] * f[j];
        }
    }
    if (mid || want_bz) {
        swing_probabilities(g->v, K, half_quota(g), 0.5, P, Q, f);
        if (mid)
            for (size_t j = 0; j < K; j++) acc_ss[j] += nw[h - 1] * f[j];
        if (want_bz) memcpy(acc_bz, f, K * sizeof *f);
    }
    return LIA_OK;
}

/* LIA_ELIMIT unless the programme's span and work are within bounds; *R gets the span. */
static lia_status check_work(const game *g, int want_ss, int want_bz, size_t *R, char *msg, size_t msgcap)
{
    size_t K = g->K, m = (K + 1) / 2, pairs = want_ss ? m / 2 : 0;
    int half = want_bz || (want_ss && m % 2 == 1);
    /* each evaluation: a DP over all voters plus a deconvolution per distinct weight */
    size_t distinct = 0;
    for (size_t k = 0; k < K; k++) distinct += k == 0 || g->v[k].w != g->v[k - 1].w;
    double span = (double)pairs * ((double)g->q + (double)g->qd) + (half ? (double)half_quota(g) : 0);
    double work = (double)(K + distinct) * span;
    if (pairs && g->qd > RANGE_LIMIT) {
        say(msg, msgcap, "the total voting weight less the quota is %lld in the weights' common units, over the "
            "limit of %lld for the dynamic programme", (long long)g->qd - 1, RANGE_LIMIT);
        return LIA_ELIMIT;
    }
    if (work > WORK_LIMIT) {
        say(msg, msgcap, "voting power of %zu voters with a quota of %lld weight units (of %lld in all) is "
            "beyond the work limit of %.0e steps", K, (long long)g->q, (long long)(g->qd + g->q - 1), WORK_LIMIT);
        return LIA_ELIMIT;
    }
    *R = pairs ? (size_t)(g->qd > g->q ? g->qd : g->q) : half_quota(g);
    return LIA_OK;
}

lia_status lia__voting_power(double quota, const double *w, const lia_num *quota_exact, const lia_num *wexact,
                            size_t n, double *ss, double *bz, double *bz_raw, size_t cap, char *msg, size_t msgcap)
{
    if (!cap) cap = LIA_DEFAULT_MEMORY_CAP;
    if (msg && msgcap) msg[0] = 0;
    if (n == 0 || (!w && !wexact)) {
        say(msg, msgcap, "voting power needs at least one voter and the weights");
        return LIA_EUSAGE;
    }
    game g = { n, 0, NULL, 0, 0 };
    int trivial = 0, want_bz = bz || bz_raw;
    lia_status st = scale(&g, quota, w, quota_exact, wexact, &trivial, msg, msgcap);
    if (st != LIA_OK) return st;
    if (trivial || (!ss && !want_bz)) {
        zero_outputs(n, ss, bz, bz_raw);
        lia__free(g.v);
        return LIA_OK;
    }
    size_t R = 0, K = g.K, h = ((K + 1) / 2 + 1) / 2;
    double *dbl = NULL, *P = NULL, *Q = NULL;
    size_t nd;
    st = check_work(&g, ss != NULL, want_bz, &R, msg, msgcap);
    if (st == LIA_OK && (!lia__size_mul(K, 3, &nd) || !lia__size_add(nd, 2 * h, &nd) ||
                         !lia__size_mul(nd, sizeof *dbl, &nd)))
        st = LIA_ENOMEM;
    /* the two DP arrays of R doubles dominate (400 MB at RANGE_LIMIT): within the cap, or
     * refused with what they would need */
    if (st == LIA_OK && (double)nd + 2.0 * (double)R * sizeof *P + (double)K * sizeof(voter) > (double)cap) {
        char need[32], have[32];
        lia__format_bytes(need, sizeof need, (double)nd + 2.0 * (double)R * sizeof *P + (double)K * sizeof(voter));
        lia__format_bytes(have, sizeof have, (double)cap);
        say(msg, msgcap, "voting power of %zu voters over weight sums up to %zu needs %s, over the memory cap of %s "
            "(raise the memory cap)", K, R, need, have);
        st = LIA_ELIMIT;
    }
    if (st == LIA_OK) {
        dbl = lia__malloc(nd);   /* f, two accumulators, the rule */
        P = lia__malloc(R * sizeof *P);
        Q = lia__malloc(R * sizeof *Q);
        if (!dbl || !P || !Q) st = LIA_ENOMEM;
    }
    if (st == LIA_OK) {
        double *f = dbl, *acc_ss = dbl + K, *acc_bz = dbl + 2 * K, *node = dbl + 3 * K;
        st = run(&g, ss != NULL, want_bz, P, Q, f, acc_ss, acc_bz, node, node + h, msg, msgcap);
        if (st == LIA_OK) {
            zero_outputs(n, ss, bz, bz_raw);
            double total = 0;
            for (size_t k = 0; k < K; k++) total += want_bz ? acc_bz[k] : 0;
            for (size_t k = 0; k < K; k++) {
                size_t i = g.v[k].i;
                if (ss) ss[i] = acc_ss[k] < 1 ? acc_ss[k] : 1;   /* a dictator's 1 + 4e-16 */
                if (bz_raw) bz_raw[i] = acc_bz[k];
                if (bz) bz[i] = total > 0 ? acc_bz[k] / total : 0;
            }
        }
    }
    lia__free(dbl);
    lia__free(P);
    lia__free(Q);
    lia__free(g.v);
    return st;
}
