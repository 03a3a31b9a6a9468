/* payoff_set.c — Abreu & Sannikov's (2014) iteration for the pure-strategy SPE payoff set of a
 * two-player repeated game with perfect monitoring and public randomisation.
 *
 * Everything runs on payoffs scaled to [0, 1] per player (u_i -> (u_i - min u_i) / range_i):
 * the equilibrium conditions are invariant under a positive affine map of each player's
 * payoffs, so the set maps back exactly, and the geometric tolerances below are relative to the
 * payoff ranges, whatever their scale. */
#include "payoff_set.h"
#include "polygon.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* Slack of the membership and incentive tests (scaled payoffs): rounding, not economics. */
#define EPS 1e-12
/* A set this thin is a segment (scaled payoffs are in [0, 1]): rounding would fold it. */
#define FLAT_EPS 1e-12

typedef struct scale { double lo, hi; int wide; } scale;   /* wide: hi - lo overflows */

static scale scale_of(const double *u, size_t n)
{
    scale s = { u[0], u[0], 0 };
    for (size_t k = 1; k < n; k++) { s.lo = fmin(s.lo, u[k]); s.hi = fmax(s.hi, u[k]); }
    s.wide = !isfinite(s.hi - s.lo);
    return s;
}

static double to_unit(const scale *s, double v)
{
    if (s->hi == s->lo) return 0;
    if (s->wide) return (v / 2 - s->lo / 2) / (s->hi / 2 - s->lo / 2);
    return (v - s->lo) / (s->hi - s->lo);
}

static double from_unit(const scale *s, double t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    if (s->hi == s->lo) return s->lo;
    double v = s->wide ? s->lo * (1 - t) + s->hi * t : s->lo + t * (s->hi - s->lo);
    return fmin(fmax(v, s->lo), s->hi);
}

/* The continuation values Abreu and Sannikov's operator uses for a profile with stage payoff
 * ga and incentive thresholds h (continuations need w >= h) against the set W: ga itself if it
 * is in W and meets h (play a forever), else the ends of the segments of W on the lines
 * w_1 = h_1 (above h_2) and w_2 = h_2 (right of h_1), where an incentive constraint binds.
 * Returns how many (at most 4) it wrote to wc. */
static size_t continuations(const lia_pt *W, size_t nW, lia_pt ga, lia_pt h, lia_pt *wc)
{
    if (ga.x >= h.x - EPS && ga.y >= h.y - EPS && lia__poly_dist(W, nW, ga) <= EPS) {
        wc[0] = ga;
        return 1;
    }
    size_t nc = 0;
    for (int axis = 0; axis < 2; axis++) {
        double c = axis ? h.y : h.x, other = axis ? h.x : h.y, cc, lo, hi;
        if (!lia__poly_chord(W, nW, axis, c, EPS, &cc, &lo, &hi)) continue;
        lo = fmax(lo, other);                 /* the other player's constraint cuts the segment */
        if (lo > hi + EPS) continue;
        if (lo > hi) lo = hi;
        double ends[2] = { hi, lo };
        for (int e = 0; e < (lo < hi ? 2 : 1); e++)
            wc[nc++] = axis ? (lia_pt){ ends[e], cc } : (lia_pt){ cc, ends[e] };
    }
    return nc;
}

lia_status lia__spe_payoff_set(const double *u1, const double *u2, size_t m1, size_t m2, double delta,
                              double tol, size_t max_iter, double **out, size_t *nv, size_t *iterations)
{
    if (!out || !nv) return LIA_EUSAGE;
    *out = NULL;
    *nv = 0;
    if (iterations) *iterations = 0;
    size_t na;
    if (!u1 || !u2 || m1 == 0 || m2 == 0 || !lia__size_mul(m1, m2, &na) || !(delta > 0 && delta < 1) ||
        !(tol >= 0) || !isfinite(tol) || max_iter == 0)
        return LIA_EUSAGE;
    for (size_t k = 0; k < na; k++)
        if (!isfinite(u1[k]) || !isfinite(u2[k])) return LIA_EUSAGE;

    /* One block: stage payoffs g and deviation gains (na each), the generated points (at most
     * 4 per profile), the current set (as many) and the hull's output (twice as many). */
    size_t cap, count, bytes;
    if (!lia__size_mul(na, 4, &cap) || !lia__size_mul(na, 18, &count) || !lia__size_mul(count, sizeof(lia_pt), &bytes))
        return LIA_ENOMEM;
    lia_pt *g = lia__malloc(bytes);
    if (!g) return LIA_ENOMEM;
    lia_pt *gain = g + na, *pts = gain + na, *W = pts + cap, *H = W + cap;

    scale sc[2] = { scale_of(u1, na), scale_of(u2, na) };
    for (size_t k = 0; k < na; k++) g[k] = (lia_pt){ to_unit(&sc[0], u1[k]), to_unit(&sc[1], u2[k]) };
    for (size_t a2 = 0; a2 < m2; a2++) {           /* player 1's best deviation against a2 */
        double best = -INFINITY;
        for (size_t a1 = 0; a1 < m1; a1++) best = fmax(best, g[a1 + m1 * a2].x);
        for (size_t a1 = 0; a1 < m1; a1++) gain[a1 + m1 * a2].x = best - g[a1 + m1 * a2].x;
    }
    for (size_t a1 = 0; a1 < m1; a1++) {           /* player 2's against a1 */
        double best = -INFINITY;
        for (size_t a2 = 0; a2 < m2; a2++) best = fmax(best, g[a1 + m1 * a2].y);
        for (size_t a2 = 0; a2 < m2; a2++) gain[a1 + m1 * a2].y = best - g[a1 + m1 * a2].y;
    }

    /* W_0: the feasible set, which holds every equilibrium payoff. */
    memcpy(pts, g, na * sizeof *pts);
    size_t nW = lia__poly_flatten(H, lia__poly_hull(pts, na, H), FLAT_EPS);
    memcpy(W, H, nW * sizeof *W);

    double c = (1 - delta) / delta;
    size_t it = 0;
    lia_status st = LIA_ELIMIT;
    while (it < max_iter) {
        it++;
        lia_pt pun = W[0];                         /* each player's worst payoff in W */
        for (size_t i = 1; i < nW; i++) { pun.x = fmin(pun.x, W[i].x); pun.y = fmin(pun.y, W[i].y); }
        size_t np = 0;
        for (size_t k = 0; k < na; k++) {
            /* (a gain of 0 adds nothing even when c overflows at a tiny delta) */
            lia_pt h = { gain[k].x > 0 ? pun.x + c * gain[k].x : pun.x, gain[k].y > 0 ? pun.y + c * gain[k].y : pun.y }, wc[4];
            size_t nc = continuations(W, nW, g[k], h, wc);
            for (size_t j = 0; j < nc; j++)
                pts[np++] = (lia_pt){ (1 - delta) * g[k].x + delta * wc[j].x, (1 - delta) * g[k].y + delta * wc[j].y };
        }
        if (np == 0) {                             /* nothing can be enforced: no pure SPE */
            nW = 0;
            st = LIA_OK;
            break;
        }
        size_t nH = lia__poly_flatten(H, lia__poly_hull(pts, np, H), FLAT_EPS);
        double d = lia__poly_hausdorff(W, nW, H, nH);
        memcpy(W, H, nH * sizeof *W);
        nW = nH;
        if (d <= tol) {
            st = LIA_OK;
            break;
        }
    }
    if (iterations) *iterations = it;
    if (st != LIA_OK || nW == 0) {
        lia__free(g);
        return st;
    }

    /* Merge what the iteration left apart by less than its own accuracy. */
    double ct = fmin(1e-6, fmax(1e-9, 10 * tol / (1 - delta)));
    nW = lia__poly_clean(W, nW, ct);
    lia__poly_rotate_start(W, nW, ct);
    double *v = lia__malloc(2 * nW * sizeof *v);
    if (!v) {
        lia__free(g);
        return LIA_ENOMEM;
    }
    for (size_t i = 0; i < nW; i++) {
        v[2 * i] = from_unit(&sc[0], W[i].x);
        v[2 * i + 1] = from_unit(&sc[1], W[i].y);
    }
    lia__free(g);
    *out = v;
    *nv = nW;
    return LIA_OK;
}
