/* bargaining.c — the Nash and Kalai-Smorodinsky solutions of a two-party bargaining problem
 * whose feasible set is the convex hull of finitely many payoff points.
 *
 * Both solutions lie on the strict Pareto frontier of the hull inside {u >= d}, so everything
 * is computed on that frontier: a chain of hull vertices with u1 strictly increasing and u2
 * strictly decreasing, clipped to the quadrant above d. O(m log m) for the sort, then linear.
 *
 * Numerics: each coordinate is first rescaled by a power of two (exact) so that its largest
 * magnitude, d included, is below 1, and shifted so that d is the origin; the solutions are
 * invariant under such maps and every tolerance below is then relative to that magnitude.
 * A coordinate within BARGAIN_EPS of d's is taken to equal it, and a frontier that crosses
 * one of the lines u1 = d1, u2 = d2 within BARGAIN_EPS outside the quadrant is taken to pass
 * through d: "d at a vertex" and "d on an edge" then survive rounding in the caller's d and in
 * the shift (both solutions are d, the only point dominating it).
 *
 * Degenerate problems: when no feasible point improves strictly on d for both players, the
 * points of the hull dominating d form a segment on one of the two rays {u1 = d1, u2 >= d2}
 * or {u2 = d2, u1 >= d1} (a convex set inside their union cannot reach both off the corner),
 * so they have a unique best element, the far end, which dominates all of them; both
 * solutions are that point (d itself when nothing else dominates d). For Kalai-Smorodinsky
 * this is also what the definition gives: the ideal point then equals d in one coordinate and
 * the segment from d to it is that feasible segment. */
#include "share.h"
#include "../util/mem.h"
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Relative to the largest magnitude of a coordinate (see above). Rounding in the shift and in
 * an edge crossing is a few units of 1e-16; 1e-12 leaves room without merging real payoffs. */
#define BARGAIN_EPS 1e-12

typedef struct bpt {
    double x, y;
} bpt;

/* The exact power-of-two rescaling of one coordinate: u -> ldexp(u, -e) - ds. */
typedef struct axis {
    int e;
    double ds;   /* d's coordinate, rescaled */
} axis;

static int all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i])) return 0;
    return 1;
}

static axis axis_of(const double *pts, size_t m, size_t c, double dc)
{
    double big = fabs(dc);
    for (size_t k = 0; k < m; k++)
        if (fabs(pts[2 * k + c]) > big) big = fabs(pts[2 * k + c]);
    axis a = { 0, 0 };
    if (big > 0) frexp(big, &a.e);   /* big < 2^e, so every rescaled value is below 1 */
    a.ds = ldexp(dc, -a.e);
    return a;
}

static double to_axis(axis a, double u)
{
    double v = ldexp(u, -a.e) - a.ds;
    return fabs(v) < BARGAIN_EPS ? 0 : v;
}

static double from_axis(axis a, double v)
{
    /* add d back before undoing the scale: the sum stays below 1, so only a value within
     * rounding of DBL_MAX can overflow, and that is clamped */
    double u = ldexp(v + a.ds, a.e);
    return isfinite(u) ? u : copysign(DBL_MAX, u);
}

static int cmp_xy(const void *pa, const void *pb)
{
    const bpt *a = pa, *b = pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    return 0;
}

/* Keeps the points no other point weakly dominates (duplicates collapse to one), sorted by x
 * ascending; y is then strictly decreasing. Sweeping from the largest x keeps a point only if
 * it is higher than everything to its right. Returns the count; they are at p[0 ..). */
static size_t pareto_points(bpt *p, size_t n)
{
    qsort(p, n, sizeof *p, cmp_xy);
    size_t w = n;
    double best = -INFINITY;
    for (size_t i = n; i-- > 0;)
        if (p[i].y > best) {
            best = p[i].y;
            p[--w] = p[i];   /* w > i before the decrement: never overwrites an unread point */
        }
    memmove(p, p + w, (n - w) * sizeof *p);
    return n - w;
}

/* Whether b can be dropped from a -> b -> c on an upper hull: it does not turn clockwise by
 * more than a relative BARGAIN_EPS (so nearly collinear vertices merge into one edge). */
static int not_convex(bpt a, bpt b, bpt c)
{
    double ux = b.x - a.x, uy = b.y - a.y, vx = c.x - a.x, vy = c.y - a.y;
    double cross = ux * vy - uy * vx;
    return cross >= -BARGAIN_EPS * (fabs(ux) + fabs(uy)) * (fabs(vx) + fabs(vy));
}

/* Andrew's monotone chain, upper half, on points sorted by x. On Pareto points this is the
 * strict Pareto frontier of their hull, which is that of the whole hull: every frontier
 * vertex is an undominated input point, and the hull of those lies inside the whole hull. */
static size_t upper_chain(bpt *p, size_t n)
{
    size_t h = 0;
    for (size_t i = 0; i < n; i++) {
        while (h >= 2 && not_convex(p[h - 2], p[h - 1], p[i])) h--;
        p[h++] = p[i];
    }
    return h;
}

/* Where the chain f (x increasing, y decreasing) leaves or enters the closed quadrant. */
typedef struct clip {
    bpt a, b;          /* first frontier point with x >= 0, last with y >= 0 */
    size_t lo, hi;     /* chain vertices strictly between a and b: f[lo .. hi) */
} clip;

/* 1 if the chain reaches x >= 0, filling a and lo. A crossing gets x = 0 exactly. */
static int clip_left(const bpt *f, size_t n, clip *c)
{
    size_t j = 0;
    while (j < n && f[j].x < 0) j++;
    if (j == n) return 0;
    if (j == 0 || f[j].x == 0) {
        c->a = f[j];
        c->lo = j + 1;
    } else {
        bpt p = f[j - 1], q = f[j];
        c->a = (bpt){ 0, p.y + (q.y - p.y) * (-p.x / (q.x - p.x)) };
        c->lo = j;
    }
    return 1;
}

/* 1 if the chain reaches y >= 0, filling b and hi. A crossing gets y = 0 exactly. */
static int clip_bottom(const bpt *f, size_t n, clip *c)
{
    size_t k = n;
    while (k > 0 && f[k - 1].y < 0) k--;
    if (k == 0) return 0;
    k--;
    if (k == n - 1 || f[k].y == 0) {
        c->b = f[k];
        c->hi = k;
    } else {
        bpt p = f[k], q = f[k + 1];
        c->b = (bpt){ p.x + (q.x - p.x) * (p.y / (p.y - q.y)), 0 };
        c->hi = k + 1;
    }
    return 1;
}

/* Nash product along p + t (q - p), t in [0, 1]: a quadratic whose leading coefficient
 * dx dy is <= 0 on a frontier edge, so its maximum is the clipped stationary point. */
static void edge_nash(bpt p, bpt q, bpt *best, double *best_val)
{
    double dx = q.x - p.x, dy = q.y - p.y;
    double a2 = dx * dy, a1 = p.x * dy + p.y * dx;
    double cand[3] = { 0, 1, -1 };
    if (a2 < 0) cand[2] = -a1 / (2 * a2);
    for (int i = 0; i < 3; i++) {
        double t = cand[i];
        if (!(t >= 0 && t <= 1)) continue;
        bpt u = i == 0 ? p : i == 1 ? q : (bpt){ p.x + t * dx, p.y + t * dy };
        double val = u.x * u.y;
        if (val > *best_val) {
            *best_val = val;
            *best = u;
        }
    }
}

static bpt nash_point(const bpt *c, size_t n)
{
    bpt best = c[0];
    double best_val = -INFINITY;
    for (size_t i = 0; i + 1 < n; i++) edge_nash(c[i], c[i + 1], &best, &best_val);
    return best;
}

/* The clipped chain runs from (0, I2) to (I1, 0) up to its end points, so the ray towards
 * I = (I1, I2) crosses it once: where the side of the ray, I x v, turns from > 0 to <= 0. */
static bpt ks_point(const bpt *c, size_t n)
{
    bpt ideal = { c[n - 1].x, c[0].y };
    double g_prev = 0;
    for (size_t i = 0; i < n; i++) {
        double g = ideal.x * c[i].y - ideal.y * c[i].x;
        if (g <= 0) {
            if (i == 0 || g == 0) return c[i];
            bpt p = c[i - 1], q = c[i];
            double t = g_prev / (g_prev - g);   /* in (0, 1]: g_prev > 0 >= g */
            return (bpt){ p.x + t * (q.x - p.x), p.y + t * (q.y - p.y) };
        }
        g_prev = g;
    }
    return c[n - 1];   /* unreachable: rounding is monotone, so I x b <= 0 */
}

/* An interpolated point on an edge ending on an axis can round to just past it; the result
 * must weakly dominate d exactly. */
static bpt nonnegative(bpt u) { return (bpt){ fmax(u.x, 0), fmax(u.y, 0) }; }

/* Solves on the frontier f (rescaled, d at the origin); may overwrite f. 0 if no point of the
 * hull dominates the origin (within tolerance). */
static int solve_frontier(bpt *f, size_t n, bpt *nbs, bpt *ks)
{
    clip c = { { 0, 0 }, { 0, 0 }, 0, 0 };
    int left = clip_left(f, n, &c), bottom = clip_bottom(f, n, &c);
    if (!left || !bottom || c.a.y < 0) {
        /* The frontier misses the quadrant. If it passes within rounding of the corner, where
         * it crosses an axis, d is on the hull's boundary: nothing else dominates it. (Not the
         * band along the other axis: on a nearly flat edge a rounding-sized miss in one
         * coordinate is a large one in the other.) */
        if ((left && c.a.y >= -BARGAIN_EPS) || (bottom && c.b.x >= -BARGAIN_EPS)) {
            *nbs = *ks = (bpt){ 0, 0 };
            return 1;
        }
        return 0;
    }
    if (!(c.a.y > c.b.y && c.b.x > c.a.x)) {
        /* a at or past b: the frontier meets the quadrant in one point (up to rounding), the
         * best element of the degenerate case; its coordinates are the ideal point's */
        *nbs = *ks = nonnegative((bpt){ c.b.x, c.a.y });
        return 1;
    }
    /* The clipped chain a, f[lo .. hi), b fits in f: lo >= 1 and it has at most n points. */
    size_t inner = c.hi > c.lo ? c.hi - c.lo : 0;
    f[0] = c.a;
    memmove(f + 1, f + c.lo, inner * sizeof *f);
    f[inner + 1] = c.b;
    *nbs = nonnegative(nash_point(f, inner + 2));
    *ks = nonnegative(ks_point(f, inner + 2));
    return 1;
}

lia_status lia__bargain(const double *pts, size_t m, const double d[2], double nbs[2], double ks[2])
{
    if (!pts || !d || !nbs || !ks || m == 0) return LIA_EUSAGE;
    if (!all_finite(pts, 2 * m) || !all_finite(d, 2)) return LIA_EUSAGE;
    size_t bytes;
    if (!lia__size_mul(m, sizeof(bpt), &bytes)) return LIA_ENOMEM;
    bpt *p = lia__malloc(bytes);
    if (!p) return LIA_ENOMEM;
    axis ax = axis_of(pts, m, 0, d[0]), ay = axis_of(pts, m, 1, d[1]);
    for (size_t k = 0; k < m; k++) p[k] = (bpt){ to_axis(ax, pts[2 * k]), to_axis(ay, pts[2 * k + 1]) };
    size_t n = upper_chain(p, pareto_points(p, m));
    bpt nb, kp;
    int ok = solve_frontier(p, n, &nb, &kp);
    lia__free(p);
    if (!ok) return LIA_EUSAGE;
    nbs[0] = from_axis(ax, nb.x);
    nbs[1] = from_axis(ay, nb.y);
    ks[0] = from_axis(ax, kp.x);
    ks[1] = from_axis(ay, kp.y);
    return LIA_OK;
}
