/* test_bargaining.c — the Nash and Kalai-Smorodinsky bargaining solutions: hand-computed
 * cases, degenerate and badly scaled inputs, and property tests on seeded random point sets
 * against brute force over every segment between two input points (the hull's boundary is a
 * union of such segments, and each lies inside the hull). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "share/share.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)
/* relative to the magnitude s of the numbers involved */
#define NEAR_REL(a, b, s) assert_true(fabs((a) - (b)) <= 1e-9 * (s))

/* C11 has no PI */
static const double PI = 3.14159265358979323846, SQRT1_2 = 0.70710678118654752440;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]) / 2)

static void bargain(const double *pts, size_t m, double d1, double d2, double nbs[2], double ks[2])
{
    double d[2] = { d1, d2 };
    assert_int_equal(lia__bargain(pts, m, d, nbs, ks), LIA_OK);
}

static void expect(const double *pts, size_t m, double d1, double d2, double n1, double n2, double k1,
                   double k2)
{
    double nbs[2], ks[2];
    bargain(pts, m, d1, d2, nbs, ks);
    NEAR(nbs[0], n1);
    NEAR(nbs[1], n2);
    NEAR(ks[0], k1);
    NEAR(ks[1], k2);
}

static lia_status bargain_status(const double *pts, size_t m, double d1, double d2)
{
    double d[2] = { d1, d2 }, nbs[2], ks[2];
    return lia__bargain(pts, m, d, nbs, ks);
}

/* ---- hand-computed cases ---- */

static void test_prisoners_dilemma(void **state)
{
    (void)state;
    /* T=10, R=9, P=3, S=1: (C,C)=(9,9), (C,D)=(1,10), (D,C)=(10,1), (D,D)=(3,3); d = (3,3).
     * Frontier (1,10)-(9,9)-(10,1); (3,3) is below it. In gains g = u - d: (-2,7)-(6,6)-(7,-2).
     * Edge 1: g2 = 6.75 - g1/8; g1 g2 = g1(6.75 - g1/8) peaks at g1 = 27, beyond the edge's
     *   end g1 = 6, so on the edge it is largest at (6,6): 36.
     * Edge 2: g2 = 54 - 8 g1; g1(54 - 8 g1) peaks at g1 = 54/16 = 3.375, before the edge's
     *   start g1 = 6, so again largest at (6,6): 36. NBS = (9,9), the kink.
     * KS: I1 = max u1 with u2 >= 3 is on edge 2 where g2 = 0: g1 = 6.75, u1 = 9.75 (an edge
     *   crossing, not a vertex); I2 = 9.75 likewise. The segment from (3,3) to (9.75,9.75)
     *   leaves the hull at (9,9). */
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    expect(pd, COUNT(pd), 3, 3, 9, 9, 9, 9);
    /* d = (0,0): still the kink. Edge 1, u2 = 10.125 - u1/8: u1 u2 peaks at u1 = 40.5 > 9;
     * edge 2, u2 = 81 - 8 u1: peaks at u1 = 81/16 = 5.0625 < 9. KS: I = (10,10) at the end
     * vertices, and the diagonal meets the frontier at (9,9). */
    expect(pd, COUNT(pd), 0, 0, 9, 9, 9, 9);
}

static void test_asymmetric_kink(void **state)
{
    (void)state;
    /* hull of (0,6), (3,3), (4,0), (0,0); (3,3) is a vertex: the chord (0,6)-(4,0) passes
     * (3,1.5). d = (1,1); gains: (-1,5)-(2,2)-(3,-1), edge 1 on g1 + g2 = 4, edge 2 on
     * g2 = 8 - 3 g1.
     * NBS: on edge 1 the product peaks at g = (2,2), its end; on edge 2 g1(8 - 3 g1) peaks at
     *   g1 = 4/3 < 2, so on the edge at g1 = 2. Product 4, NBS = (3,3).
     * KS: I1: g2 = 0 on edge 2 gives g1 = 8/3; I2: g1 = 0 on edge 1 gives g2 = 4. The ray
     *   t(8/3, 4) ~ s(2,3) meets g1 + g2 = 4 at s = 4/5: g = (1.6, 2.4), inside edge 1.
     *   KS = (2.6, 3.4): player 2's larger ideal gain tilts KS, not NBS. */
    const double p[] = { 0, 6, 3, 3, 4, 0, 0, 0 };
    expect(p, COUNT(p), 1, 1, 3, 3, 2.6, 3.4);
}

static void test_battle_of_the_sexes(void **state)
{
    (void)state;
    /* pure payoffs (2,1), (1,2), (0,0) (twice, the miscoordinated profiles); security levels
     * (2/3, 2/3). Frontier: the edge u1 + u2 = 3 from (1,2) to (2,1). Gains sum to
     * 3 - 4/3 = 5/3; the product peaks at 5/6 each: NBS = 2/3 + 5/6 = 3/2 for both.
     * Ideal: I1 = 2 at (2,1) (u2 = 1 >= 2/3, and the frontier ends there), I2 = 2; the
     * diagonal from d meets u1 + u2 = 3 at (1.5, 1.5). */
    const double bos[] = { 2, 1, 0, 0, 0, 0, 1, 2 };
    expect(bos, COUNT(bos), 2.0 / 3, 2.0 / 3, 1.5, 1.5, 1.5, 1.5);
}

static void test_triangle(void **state)
{
    (void)state;
    /* hull of (0,0), (1,0), (0,2), d = 0: frontier u1 + u2/2 = 1. NBS: u1(2 - 2 u1) peaks at
     * u1 = 1/2: (0.5, 1). KS: I = (1,2), t(1,2) on the line: t + t = 1: (0.5, 1). */
    const double tri[] = { 0, 0, 1, 0, 0, 2 };
    expect(tri, COUNT(tri), 0, 0, 0.5, 1, 0.5, 1);
}

static void test_kalai_smorodinsky_1975(void **state)
{
    (void)state;
    /* Kalai and Smorodinsky's example against Nash's independence of irrelevant alternatives.
     * S = hull of (0,0), (1,0), (0,1), (3/4,3/4): frontier (0,1)-(3/4,3/4)-(1,0), symmetric,
     * so both solutions are the kink (3/4, 3/4). */
    const double s[] = { 0, 0, 1, 0, 0, 1, 0.75, 0.75 };
    expect(s, COUNT(s), 0, 0, 0.75, 0.75, 0.75, 0.75);
    /* T = hull of (0,0), (1,0), (0,1), (1,0.7) contains S (at u1 = 3/4 its frontier is at
     * 1 - 0.3 * 3/4 = 0.775 >= 3/4) and has the same ideal point (1,1). The strict frontier is
     * the edge u2 = 1 - 0.3 u1 from (0,1) to (1,0.7) (below that the edge is vertical).
     * NBS: u1(1 - 0.3 u1) peaks at u1 = 5/3 > 1, so (1, 0.7): player 2 gets less than in S.
     * KS: u1 = 1 - 0.3 u1 on the diagonal: u1 = 10/13 ~ 0.769 > 3/4: both gain, as KS's
     * monotonicity axiom demands. NBS != KS. */
    const double t[] = { 0, 0, 1, 0, 0, 1, 1, 0.7 };
    expect(t, COUNT(t), 0, 0, 1, 0.7, 10.0 / 13, 10.0 / 13);
}

static void test_one_line(void **state)
{
    (void)state;
    /* points (k, 100 - k), k = 0..100, shuffled with a duplicate: one edge u1 + u2 = 100.
     * d = (10,20): gains sum to 70, NBS at 35 each: (45, 55). KS: I1 = 80 (u2 >= 20), I2 = 90
     * (u1 >= 10), so I - d = (70,70) and the diagonal gives (45,55) as well. */
    double p[2 * 102];
    for (size_t k = 0; k <= 100; k++) {
        size_t j = (k * 37) % 101;   /* a permutation of 0..100 */
        p[2 * k] = (double)j;
        p[2 * k + 1] = 100.0 - (double)j;
    }
    p[202] = 50;
    p[203] = 50;
    expect(p, 102, 10, 20, 45, 55, 45, 55);
    /* d = (0, 0): the symmetric point (50,50), which is also an input point */
    expect(p, 102, 0, 0, 50, 50, 50, 50);
}

/* ---- degenerate cases ---- */

static void test_single_point(void **state)
{
    (void)state;
    const double one[] = { 2, 3 };
    expect(one, 1, 1, 1, 2, 3, 2, 3);
    expect(one, 1, 2, 3, 2, 3, 2, 3);       /* d is the point */
    expect(one, 1, 2, 0, 2, 3, 2, 3);       /* no strict gain for player 1: still (2,3) */
    assert_int_equal(bargain_status(one, 1, 2.5, 0), LIA_EUSAGE);
    assert_int_equal(bargain_status(one, 1, 0, 3.5), LIA_EUSAGE);
    const double same[] = { 2, 3, 2, 3, 2, 3 };   /* duplicates of it */
    expect(same, COUNT(same), 1, 1, 2, 3, 2, 3);
}

static void test_rising_line(void **state)
{
    (void)state;
    /* all points on u2 = u1: (2,2) dominates the whole hull, so it is both solutions */
    const double p[] = { 1, 1, 0, 0, 2, 2, 1, 1, 0.5, 0.5 };
    expect(p, COUNT(p), 0, 0, 2, 2, 2, 2);
    expect(p, COUNT(p), 2, 0, 2, 2, 2, 2);
    expect(p, COUNT(p), 2, 2, 2, 2, 2, 2);
}

static void test_collinear_and_duplicates(void **state)
{
    (void)state;
    /* frontier u1 + u2 = 2 with interior points on it and repeats. d = 0: (1,1).
     * d = (0.5, 0): gains g1 + g2 = 1.5, NBS at 0.75 each: (1.25, 0.75); KS: I1 = 2 (at
     * (2,0)), I2 = 1.5 (u1 >= 0.5 on the line), I - d = (1.5,1.5), diagonal: (1.25, 0.75). */
    const double p[] = { 0, 2, 1, 1, 2, 0, 1, 1, 0.5, 1.5, 0, 0, 1.5, 0.5, 2, 0, 0.25, 0.25 };
    expect(p, COUNT(p), 0, 0, 1, 1, 1, 1);
    expect(p, COUNT(p), 0.5, 0, 1.25, 0.75, 1.25, 0.75);
}

static void test_weakly_pareto_edges(void **state)
{
    (void)state;
    /* unit square: the top and right edges are weakly Pareto only; (1,1) dominates all */
    const double sq[] = { 0, 0, 1, 0, 0, 1, 1, 1 };
    expect(sq, COUNT(sq), 0, 0, 1, 1, 1, 1);
    expect(sq, COUNT(sq), 0.5, 0, 1, 1, 1, 1);
    expect(sq, COUNT(sq), 1, 1, 1, 1, 1, 1);
}

static void test_d_on_the_frontier(void **state)
{
    (void)state;
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    expect(pd, COUNT(pd), 9, 9, 9, 9, 9, 9);      /* at the kink */
    expect(pd, COUNT(pd), 1, 10, 1, 10, 1, 10);   /* at the end vertex */
    expect(pd, COUNT(pd), 5, 9.5, 5, 9.5, 5, 9.5);   /* inside edge (1,10)-(9,9): 10 - 4/8 */
    /* within rounding above the frontier: accepted as on it */
    expect(pd, COUNT(pd), 9, 9 * (1 + 1e-15), 9, 9, 9, 9);
    const double bos[] = { 2, 1, 1, 2, 0, 0 };
    expect(bos, COUNT(bos), 1.5, 1.5, 1.5, 1.5, 1.5, 1.5);
    expect(bos, COUNT(bos), 1.25, 1.75, 1.25, 1.75, 1.25, 1.75);
    expect(bos, COUNT(bos), 1.3, 3 - 1.3, 1.3, 1.7, 1.3, 1.7);   /* 3 - 1.3 is rounded */
}

static void test_no_strict_improvement(void **state)
{
    (void)state;
    /* hull = segment (0,0)-(2,0), d = (1,0) in it: the points dominating d are [1,2] x {0};
     * the best, dominating all of them, is (2,0), not d. KS agrees: I = (2,0). */
    const double seg[] = { 0, 0, 2, 0 };
    expect(seg, COUNT(seg), 1, 0, 2, 0, 2, 0);
    /* d = (4,0) outside the hull of (0,5), (4,1): only (4,1) dominates it */
    const double two[] = { 0, 5, 4, 1 };
    expect(two, COUNT(two), 4, 0, 4, 1, 4, 1);
    expect(two, COUNT(two), 0, 5, 0, 5, 0, 5);
    /* d = (0,1) below the segment: an ordinary problem. Gains on u2 = 5 - u1: g1 + g2 = 4,
     * NBS at g = (2,2): (2,3). KS: I = (4,5), I - d = (4,4), the diagonal: (2,3) too. */
    expect(two, COUNT(two), 0, 1, 2, 3, 2, 3);
}

static void test_unreachable_d(void **state)
{
    (void)state;
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    assert_int_equal(bargain_status(pd, COUNT(pd), 10, 10), LIA_EUSAGE);
    assert_int_equal(bargain_status(pd, COUNT(pd), 9.5, 9.5), LIA_EUSAGE);   /* frontier at 5 */
    assert_int_equal(bargain_status(pd, COUNT(pd), 9, 9.001), LIA_EUSAGE);
    assert_int_equal(bargain_status(pd, COUNT(pd), -100, 11), LIA_EUSAGE);
    assert_int_equal(bargain_status(pd, COUNT(pd), 11, -100), LIA_EUSAGE);
}

static void test_misuse(void **state)
{
    (void)state;
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    double d[2] = { 3, 3 }, nbs[2] = { 42, 42 }, ks[2] = { 42, 42 };
    assert_int_equal(lia__bargain(NULL, 4, d, nbs, ks), LIA_EUSAGE);
    assert_int_equal(lia__bargain(pd, 0, d, nbs, ks), LIA_EUSAGE);
    assert_int_equal(lia__bargain(pd, 4, NULL, nbs, ks), LIA_EUSAGE);
    assert_int_equal(lia__bargain(pd, 4, d, NULL, ks), LIA_EUSAGE);
    assert_int_equal(lia__bargain(pd, 4, d, nbs, NULL), LIA_EUSAGE);
    double bad[] = { 9, 9, 1, NAN, 10, 1 };
    assert_int_equal(lia__bargain(bad, 3, d, nbs, ks), LIA_EUSAGE);
    bad[3] = INFINITY;
    assert_int_equal(lia__bargain(bad, 3, d, nbs, ks), LIA_EUSAGE);
    double dinf[2] = { -INFINITY, 3 };
    assert_int_equal(lia__bargain(pd, 4, dinf, nbs, ks), LIA_EUSAGE);
    double dnan[2] = { 3, NAN };
    assert_int_equal(lia__bargain(pd, 4, dnan, nbs, ks), LIA_EUSAGE);
    /* an unreachable d leaves the outputs alone too */
    double far[2] = { 20, 20 };
    assert_int_equal(lia__bargain(pd, 4, far, nbs, ks), LIA_EUSAGE);
    assert_true(nbs[0] == 42 && nbs[1] == 42 && ks[0] == 42 && ks[1] == 42);
}

static void test_scales(void **state)
{
    (void)state;
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    const double scale[] = { 1e300, 1e-300, 1e-310 /* subnormal */, 1 };
    const double shift[] = { 0, 0, 0, 1e6 };
    for (size_t s = 0; s < 4; s++) {
        double p[8], nbs[2], ks[2];
        for (size_t i = 0; i < 8; i++) p[i] = pd[i] * scale[s] + shift[s];
        double d0 = 3 * scale[s] + shift[s];
        bargain(p, 4, d0, d0, nbs, ks);
        double want = 9 * scale[s] + shift[s], mag = fabs(want);
        /* subnormals carry fewer digits: 9e-310 has about 14 */
        double tol = s == 2 ? 1e-4 : 1e-9;
        for (int c = 0; c < 2; c++) {
            assert_true(fabs(nbs[c] - want) <= tol * mag);
            assert_true(fabs(ks[c] - want) <= tol * mag);
        }
    }
    /* one player's payoffs in units of 1e300, the other's in units of 1e-300, the asymmetric
     * kink case: NBS (3,3), KS (2.6,3.4) in those units */
    const double q[] = { 0, 6, 3, 3, 4, 0, 0, 0 };
    double p[8], nbs[2], ks[2];
    for (size_t k = 0; k < 4; k++) {
        p[2 * k] = q[2 * k] * 1e300;
        p[2 * k + 1] = q[2 * k + 1] * 1e-300;
    }
    bargain(p, 4, 1e300, 1e-300, nbs, ks);
    NEAR_REL(nbs[0], 3e300, 3e300);
    NEAR_REL(nbs[1], 3e-300, 3e-300);
    NEAR_REL(ks[0], 2.6e300, 2.6e300);
    NEAR_REL(ks[1], 3.4e-300, 3.4e-300);
    /* near DBL_MAX: the rescaling must not overflow */
    const double big[] = { DBL_MAX, 0, 0, DBL_MAX, 0, 0 };
    bargain(big, 3, 0, 0, nbs, ks);
    NEAR_REL(nbs[0], DBL_MAX / 2, DBL_MAX);
    NEAR_REL(nbs[1], DBL_MAX / 2, DBL_MAX);
    assert_true(isfinite(ks[0]) && isfinite(ks[1]));
    const double huge_d[] = { DBL_MAX, -DBL_MAX, -DBL_MAX, DBL_MAX };
    bargain(huge_d, 2, -DBL_MAX, -DBL_MAX, nbs, ks);   /* the gains exceed DBL_MAX */
    NEAR_REL(nbs[0], 0, DBL_MAX);
    NEAR_REL(nbs[1], 0, DBL_MAX);
}

static void test_quarter_circle(void **state)
{
    (void)state;
    /* 1001 points on the unit quarter circle plus the origin: a frontier of 1000 edges. Both
     * solutions approach (1/sqrt 2, 1/sqrt 2); the chords lose at most 1 - cos(pi/4000). */
    enum { N = 1001 };
    double *p = malloc(2 * (N + 1) * sizeof *p);
    assert_non_null(p);
    for (size_t k = 0; k < N; k++) {
        double th = (double)k / (N - 1) * (PI / 2);
        p[2 * k] = cos(th);
        p[2 * k + 1] = sin(th);
    }
    p[2 * N] = p[2 * N + 1] = 0;
    double nbs[2], ks[2];
    bargain(p, N + 1, 0, 0, nbs, ks);
    for (int c = 0; c < 2; c++) {
        assert_true(fabs(nbs[c] - SQRT1_2) < 1e-6);
        assert_true(fabs(ks[c] - SQRT1_2) < 1e-6);
    }
    free(p);
}

/* ---- brute force over all segments between input points ---- */

/* The t in [0,1] with p + t e >= d in coordinate c (all c in the mask): [*lo, *hi]. */
static int feasible_interval(const double *p, const double *e, const double *d, int mask, double *lo,
                             double *hi)
{
    *lo = 0;
    *hi = 1;
    for (int c = 0; c < 2; c++) {
        if (!(mask >> c & 1)) continue;
        if (e[c] > 0) *lo = fmax(*lo, (d[c] - p[c]) / e[c]);
        else if (e[c] < 0) *hi = fmin(*hi, (d[c] - p[c]) / e[c]);
        else if (p[c] < d[c]) return 0;
    }
    return *lo <= *hi;
}

static double nash_product(const double *u, const double *d) { return (u[0] - d[0]) * (u[1] - d[1]); }

/* max of the Nash product over the hull with u >= d, and where. Feasibility is judged against
 * dl, a little below d: d itself is a rounded convex combination and may miss the hull by
 * rounding, which lia__bargain tolerates. */
static double brute_nash(const double *pts, size_t m, const double *d, const double *dl, double arg[2])
{
    double best = -INFINITY;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i; j < m; j++) {
            const double *p = pts + 2 * i;
            double e[2] = { pts[2 * j] - p[0], pts[2 * j + 1] - p[1] }, lo, hi;
            if (!feasible_interval(p, e, dl, 3, &lo, &hi)) continue;
            double a2 = e[0] * e[1], a1 = (p[0] - d[0]) * e[1] + (p[1] - d[1]) * e[0];
            double cand[3] = { lo, hi, a2 < 0 ? -a1 / (2 * a2) : lo };
            for (int k = 0; k < 3; k++) {
                double t = fmin(fmax(cand[k], lo), hi);
                double u[2] = { p[0] + t * e[0], p[1] + t * e[1] };
                double v = nash_product(u, d);
                if (v > best) {
                    best = v;
                    arg[0] = u[0];
                    arg[1] = u[1];
                }
            }
        }
    return best;
}

/* I_c: max u_c over the hull with u_{1-c} >= dl_{1-c} */
static double brute_ideal(const double *pts, size_t m, const double *dl, int c)
{
    double best = -INFINITY;
    for (size_t i = 0; i < m; i++)
        for (size_t j = i; j < m; j++) {
            const double *p = pts + 2 * i;
            double e[2] = { pts[2 * j] - p[0], pts[2 * j + 1] - p[1] }, lo, hi;
            if (!feasible_interval(p, e, dl, 1 << (1 - c), &lo, &hi)) continue;
            best = fmax(best, fmax(p[c] + lo * e[c], p[c] + hi * e[c]));
        }
    return best;
}

static double cross(const double *a, const double *b) { return a[0] * b[1] - a[1] * b[0]; }

/* largest t with d + t r on a segment between input points (so in the hull) */
static double brute_ks_t(const double *pts, size_t m, const double *d, const double *r)
{
    double best = -INFINITY, rr = r[0] * r[0] + r[1] * r[1];
    for (size_t i = 0; i < m; i++)
        for (size_t j = i; j < m; j++) {
            double w[2] = { pts[2 * i] - d[0], pts[2 * i + 1] - d[1] };
            double e[2] = { pts[2 * j] - pts[2 * i], pts[2 * j + 1] - pts[2 * i + 1] };
            double den = cross(r, e), ee = sqrt(e[0] * e[0] + e[1] * e[1]);
            if (fabs(den) > 1e-12 * sqrt(rr) * ee) {
                double t = cross(w, e) / den, s = cross(w, r) / den;
                if (s >= -1e-12 && s <= 1 + 1e-12) best = fmax(best, t);
            } else if (fabs(cross(w, r)) <= 1e-12 * sqrt(rr) * (fabs(w[0]) + fabs(w[1]) + 1e-300)) {
                /* on the ray's line: the far end counts */
                double w2[2] = { w[0] + e[0], w[1] + e[1] };
                best = fmax(best, fmax(w[0] * r[0] + w[1] * r[1], w2[0] * r[0] + w2[1] * r[1]) / rr);
            }
        }
    return best;
}

/* ---- seeded random point sets ---- */

static uint64_t rng_state;
static double uniform(void)   /* xorshift64*, in [0,1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ull) >> 11) * 0x1p-53;
}

/* kind 0: uniform in [0,10]^2; 1: a 5x5 integer grid (collinear points, duplicates);
 * 2: on a circle (many frontier vertices); 3: uniform, anisotropic (u1 in thousands,
 * u2 in thousandths). d is a random convex combination of the points, so it is feasible. */
static size_t random_problem(int kind, double *pts, size_t maxm, double d[2])
{
    size_t m = 1 + (size_t)(uniform() * (double)maxm);
    if (m > maxm) m = maxm;
    for (size_t k = 0; k < m; k++) {
        double x = uniform(), y = uniform();
        switch (kind) {
        case 0: x *= 10; y *= 10; break;
        case 1: x = floor(x * 5); y = floor(y * 5); break;
        case 2: { double th = 2 * PI * x; x = 3 + 2 * cos(th); y = -1 + 2 * sin(th); } break;
        default: x *= 1000; y *= 0.001; break;
        }
        pts[2 * k] = x;
        pts[2 * k + 1] = y;
    }
    double wsum = 0;
    d[0] = d[1] = 0;
    for (size_t k = 0; k < m; k++) {
        double w = uniform();
        w = w * w * w;   /* uneven weights put d anywhere, also near the boundary */
        wsum += w;
        d[0] += w * pts[2 * k];
        d[1] += w * pts[2 * k + 1];
    }
    if (wsum > 0) {
        d[0] /= wsum;
        d[1] /= wsum;
    } else {
        d[0] = pts[0];
        d[1] = pts[1];
    }
    return m;
}

/* The largest magnitude of coordinate c, the yardstick for that coordinate's tolerances. */
static double magnitude(const double *pts, size_t m, const double *d, int c)
{
    double s = fabs(d[c]);
    for (size_t k = 0; k < m; k++) s = fmax(s, fabs(pts[2 * k + c]));
    return s > 0 ? s : 1;
}

enum { MAXM = 12, TRIALS = 400 };

static void check_nash(const double *pts, size_t m, const double *d, const double *nbs)
{
    double s[2] = { magnitude(pts, m, d, 0), magnitude(pts, m, d, 1) };
    assert_true(nbs[0] >= d[0] && nbs[1] >= d[1]);
    double dl[2] = { d[0] - 1e-11 * s[0], d[1] - 1e-11 * s[1] };
    double arg[2] = { NAN, NAN }, best = brute_nash(pts, m, d, dl, arg), mine = nash_product(nbs, d);
    assert_true(mine >= best - 1e-12 * s[0] * s[1]);
    /* no sampled point of any segment (frontier edges included) does better */
    for (size_t i = 0; i < m; i++)
        for (size_t j = i + 1; j < m; j++)
            for (int k = 0; k <= 20; k++) {
                double t = k / 20.0, u[2];
                for (int c = 0; c < 2; c++) u[c] = pts[2 * i + c] + t * (pts[2 * j + c] - pts[2 * i + c]);
                if (u[0] >= d[0] && u[1] >= d[1]) assert_true(nash_product(u, d) <= mine + 1e-12 * s[0] * s[1]);
            }
    if (best <= 1e-9 * s[0] * s[1]) return;   /* (nearly) degenerate: the maximiser may be a segment */
    /* unique maximiser: the same point; and its supporting line (the product's gradient)
     * has every input point on its lower side, so it is on the frontier */
    NEAR_REL(nbs[0], arg[0], 1e-7 / 1e-9 * s[0]);
    NEAR_REL(nbs[1], arg[1], 1e-7 / 1e-9 * s[1]);
    double w[2] = { (nbs[1] - d[1]) / s[1], (nbs[0] - d[0]) / s[0] };
    for (size_t k = 0; k < m; k++)
        assert_true(w[0] * (pts[2 * k] - nbs[0]) / s[0] + w[1] * (pts[2 * k + 1] - nbs[1]) / s[1] <= 1e-9);
}

static void check_ks(const double *pts, size_t m, const double *d, const double *ks)
{
    double s[2] = { magnitude(pts, m, d, 0), magnitude(pts, m, d, 1) };
    assert_true(ks[0] >= d[0] && ks[1] >= d[1]);
    double dl[2] = { d[0] - 1e-11 * s[0], d[1] - 1e-11 * s[1] };
    double r[2] = { brute_ideal(pts, m, dl, 0) - d[0], brute_ideal(pts, m, dl, 1) - d[1] };
    assert_true(r[0] >= -1e-11 * s[0] && r[1] >= -1e-11 * s[1]);
    if (r[0] <= 1e-9 * s[0] || r[1] <= 1e-9 * s[1]) return;   /* degenerate: checked by hand cases */
    /* on the segment from d to I ... */
    double g[2] = { (ks[0] - d[0]) / r[0], (ks[1] - d[1]) / r[1] };
    assert_true(fabs(g[0] - g[1]) <= 1e-7 && g[0] <= 1 + 1e-9);
    /* ... at its last point in the hull */
    double rn[2] = { r[0] / s[0], r[1] / s[1] }, dn[2] = { d[0] / s[0], d[1] / s[1] };
    double *pn = malloc(2 * m * sizeof *pn);
    assert_non_null(pn);
    for (size_t k = 0; k < m; k++) {
        pn[2 * k] = pts[2 * k] / s[0];
        pn[2 * k + 1] = pts[2 * k + 1] / s[1];
    }
    double t = brute_ks_t(pn, m, dn, rn);
    free(pn);
    assert_true(fabs(g[0] - t) <= 1e-7 && fabs(g[1] - t) <= 1e-7);
}

static void test_random_against_brute_force(void **state)
{
    (void)state;
    double pts[2 * MAXM], d[2], nbs[2], ks[2];
    rng_state = 0x9e3779b97f4a7c15ull;
    for (int trial = 0; trial < TRIALS; trial++) {
        size_t m = random_problem(trial % 4, pts, MAXM, d);
        bargain(pts, m, d[0], d[1], nbs, ks);
        check_nash(pts, m, d, nbs);
        check_ks(pts, m, d, ks);
    }
}

static void test_affine_invariance(void **state)
{
    (void)state;
    double pts[2 * MAXM], q[2 * MAXM], d[2], e[2], nbs[2], ks[2], nbs2[2], ks2[2];
    rng_state = 12345;
    for (int trial = 0; trial < TRIALS; trial++) {
        size_t m = random_problem(trial % 4, pts, MAXM, d);
        double a[2] = { pow(10, 6 * uniform() - 3), pow(10, 6 * uniform() - 3) };
        double b[2] = { 200 * uniform() - 100, 200 * uniform() - 100 };
        for (size_t k = 0; k < 2 * m; k++) q[k] = a[k % 2] * pts[k] + b[k % 2];
        for (int c = 0; c < 2; c++) e[c] = a[c] * d[c] + b[c];
        bargain(pts, m, d[0], d[1], nbs, ks);
        bargain(q, m, e[0], e[1], nbs2, ks2);
        for (int c = 0; c < 2; c++) {
            double s = magnitude(q, m, e, c);
            NEAR_REL(nbs2[c], a[c] * nbs[c] + b[c], 1e-7 / 1e-9 * s);
            NEAR_REL(ks2[c], a[c] * ks[c] + b[c], 1e-7 / 1e-9 * s);
        }
    }
}

static void test_symmetry(void **state)
{
    (void)state;
    double pts[4 * MAXM], nbs[2], ks[2];
    rng_state = 777;
    for (int trial = 0; trial < TRIALS; trial++) {
        double d[2];
        size_t m = random_problem(trial % 3, pts, MAXM, d);
        for (size_t k = 0; k < m; k++) {   /* mirror every point */
            pts[2 * (m + k)] = pts[2 * k + 1];
            pts[2 * (m + k) + 1] = pts[2 * k];
        }
        double c = (d[0] + d[1]) / 2;   /* the mirror image of d is feasible too, so the midpoint */
        bargain(pts, 2 * m, c, c, nbs, ks);
        double s = fmax(magnitude(pts, 2 * m, nbs, 0), magnitude(pts, 2 * m, nbs, 1));
        NEAR_REL(nbs[0], nbs[1], s);
        NEAR_REL(ks[0], ks[1], s);
    }
}

static void test_many_points(void **state)
{
    (void)state;
    /* 200000 points in the unit disc around (0.5,0.5): runs in O(m log m); the frontier
     * approaches the circle, where both solutions near the diagonal point for d = centre */
    enum { N = 200000 };
    double *p = malloc(2 * N * sizeof *p);
    assert_non_null(p);
    rng_state = 42;
    for (size_t k = 0; k < N; k++) {
        double th = 2 * PI * uniform(), r = sqrt(uniform());
        p[2 * k] = 0.5 + r * cos(th);
        p[2 * k + 1] = 0.5 + r * sin(th);
    }
    double nbs[2], ks[2];
    bargain(p, N, 0.5, 0.5, nbs, ks);
    for (int c = 0; c < 2; c++) {
        assert_true(fabs(nbs[c] - (0.5 + SQRT1_2)) < 1e-2);
        assert_true(fabs(ks[c] - (0.5 + SQRT1_2)) < 1e-2);
    }
    free(p);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    const double pd[] = { 9, 9, 1, 10, 10, 1, 3, 3 };
    double d[2] = { 3, 3 };
    unsigned long k, failed = 0;
    for (k = 1; k < 1000; k++) {
        double nbs[2] = { 42, 42 }, ks[2] = { 42, 42 };
        lia__mem_fail_after(k);
        lia_status st = lia__bargain(pd, 4, d, nbs, ks);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            NEAR(nbs[0], 9);
            NEAR(ks[1], 9);
            break;
        }
        assert_int_equal(st, LIA_ENOMEM);
        assert_true(nbs[0] == 42 && nbs[1] == 42 && ks[0] == 42 && ks[1] == 42);
        failed++;
    }
    assert_true(failed >= 1);   /* it does allocate; otherwise this tests nothing */
    assert_true(k < 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_asymmetric_kink),
        cmocka_unit_test(test_battle_of_the_sexes),
        cmocka_unit_test(test_triangle),
        cmocka_unit_test(test_kalai_smorodinsky_1975),
        cmocka_unit_test(test_one_line),
        cmocka_unit_test(test_single_point),
        cmocka_unit_test(test_rising_line),
        cmocka_unit_test(test_collinear_and_duplicates),
        cmocka_unit_test(test_weakly_pareto_edges),
        cmocka_unit_test(test_d_on_the_frontier),
        cmocka_unit_test(test_no_strict_improvement),
        cmocka_unit_test(test_unreachable_d),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_scales),
        cmocka_unit_test(test_quarter_circle),
        cmocka_unit_test(test_random_against_brute_force),
        cmocka_unit_test(test_affine_invariance),
        cmocka_unit_test(test_symmetry),
        cmocka_unit_test(test_many_points),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
