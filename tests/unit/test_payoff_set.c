/* test_payoff_set.c — the SPE payoff set of two-player repeated games (Abreu & Sannikov's
 * algorithm, solver/repeat/payoff_set.c): hand-derived sets (prisoner's dilemma, coordination,
 * matching pennies, degenerate games), structural properties (monotone in delta, every vertex
 * self-generated, player swap, affine payoff maps), an independent APS iteration on random
 * games, arguments, the iteration limit and allocation failures.
 *
 * Payoffs are normalised: v = (1-d) u(a) + d w. Layout: profile k = a1 + m1 * a2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "liaison.h"
#include "repeat/payoff_set.h"
#include "repeat/polygon.h"
#include "util/mem.h"

#define TOL 1e-10
#define MAXIT 100000

/* C = 0, D = 1 for both players: (C,C) = 9, (C,D) = 1, (D,C) = 10, (D,D) = 3 for the row
 * player, symmetric. k = a1 + 2 a2: (C,C), (D,C), (C,D), (D,D). */
static const double PD1[4] = { 9, 10, 1, 3 }, PD2[4] = { 9, 1, 10, 3 };

/* ---- test-side geometry, written independently of polygon.c ---- */

static double seg_dist(double px, double py, double ax, double ay, double bx, double by)
{
    double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t = 0;
    if (l2 > 0) t = fmax(0, fmin(1, ((px - ax) * dx + (py - ay) * dy) / l2));
    return hypot(px - ax - t * dx, py - ay - t * dy);
}

/* Distance from (x, y) to the polygon v (n vertices as x,y pairs, counter-clockwise). */
static double pdist(const double *v, size_t n, double x, double y)
{
    if (n == 0) return INFINITY;
    if (n == 1) return hypot(x - v[0], y - v[1]);
    int inside = n >= 3;
    double d = INFINITY;
    for (size_t i = 0; i < n; i++) {
        size_t j = (i + 1) % n;
        double cr = (v[2 * j] - v[2 * i]) * (y - v[2 * i + 1]) - (v[2 * j + 1] - v[2 * i + 1]) * (x - v[2 * i]);
        if (cr < 0) inside = 0;
        d = fmin(d, seg_dist(x, y, v[2 * i], v[2 * i + 1], v[2 * j], v[2 * j + 1]));
    }
    return inside ? 0 : d;
}

static double hausdorff(const double *a, size_t na, const double *b, size_t nb)
{
    if (na == 0 || nb == 0) return na == nb ? 0 : INFINITY;
    double h = 0;
    for (size_t i = 0; i < na; i++) h = fmax(h, pdist(b, nb, a[2 * i], a[2 * i + 1]));
    for (size_t i = 0; i < nb; i++) h = fmax(h, pdist(a, na, b[2 * i], b[2 * i + 1]));
    return h;
}

static double range_of(const double *u1, const double *u2, size_t n)
{
    double lo1 = u1[0], hi1 = u1[0], lo2 = u2[0], hi2 = u2[0];
    for (size_t k = 1; k < n; k++) {
        lo1 = fmin(lo1, u1[k]); hi1 = fmax(hi1, u1[k]);
        lo2 = fmin(lo2, u2[k]); hi2 = fmax(hi2, u2[k]);
    }
    double r = fmax(hi1 - lo1, hi2 - lo2);
    return r > 0 ? r : 1;
}

/* The promised shape: counter-clockwise, strictly convex (no collinear or repeated vertex),
 * starting from the vertex of smallest x, then smallest y; judged with each coordinate scaled
 * by its player's payoff half-range r1, r2 (prange below: the iteration's accuracy and merge
 * tolerance are relative to the ranges; at d = 0.99 vertices are off by some 1e-8 of them). */
static void assert_canonical(const double *v, size_t n, double r1, double r2)
{
    /* halves throughout: payoffs may span more than DBL_MAX */
#define DX(i, j) ((v[2 * (j)] / 2 - v[2 * (i)] / 2) / r1)
#define DY(i, j) ((v[2 * (j) + 1] / 2 - v[2 * (i) + 1] / 2) / r2)
    for (size_t i = 0; n >= 3 && i < n; i++) {
        size_t j = (i + 1) % n, k = (i + 2) % n;
        double ax = DX(i, j), ay = DY(i, j), bx = DX(j, k), by = DY(j, k);
        assert_true(ax * by - ay * bx > 1e-9 * hypot(ax, ay) * hypot(bx, by));
    }
    if (n == 2) assert_true(hypot(DX(0, 1), DY(0, 1)) > 1e-9);
    for (size_t i = 1; i < n; i++) {
        assert_true(DX(0, i) >= -1e-7);
        if (fabs(DX(0, i)) <= 1e-9) assert_true(v[2 * i + 1] > v[1]);
    }
#undef DX
#undef DY
}

/* Half of a player's payoff range (1 if constant). */
static double prange(const double *u, size_t n)
{
    double lo = u[0], hi = u[0];
    for (size_t k = 1; k < n; k++) { lo = fmin(lo, u[k]); hi = fmax(hi, u[k]); }
    return hi > lo ? hi / 2 - lo / 2 : 1;
}

/* The set, asserted well formed; NULL when empty. */
static double *spe(const double *u1, const double *u2, size_t m1, size_t m2, double d, size_t *nv)
{
    double *v = NULL;
    size_t it = 0;
    assert_int_equal(lia__spe_payoff_set(u1, u2, m1, m2, d, TOL, MAXIT, &v, nv, &it), LIA_OK);
    assert_true(it >= 1 && it < MAXIT);
    if (*nv == 0) assert_null(v);
    else assert_non_null(v);
    assert_canonical(v, *nv, prange(u1, m1 * m2), prange(u2, m1 * m2));
    return v;
}

static void assert_poly(const double *v, size_t nv, const double *want, size_t n, double tol)
{
    assert_int_equal(nv, n);
    for (size_t i = 0; i < 2 * n; i++) assert_true(fabs(v[i] - want[i]) <= tol);
}

/* APS self-generation, checked from the definitions: every vertex v is (1-d) u(a) + d w for
 * some profile a and w in the set, with both incentive constraints met against the set's own
 * punishments (its minimum coordinates). A self-generating set is made of SPE payoffs. */
static void assert_self_generating(const double *u1, const double *u2, size_t m1, size_t m2, double d,
                                   const double *v, size_t nv, double tol)
{
    double p1 = INFINITY, p2 = INFINITY;
    for (size_t i = 0; i < nv; i++) { p1 = fmin(p1, v[2 * i]); p2 = fmin(p2, v[2 * i + 1]); }
    for (size_t i = 0; i < nv; i++) {
        int ok = 0;
        for (size_t a2 = 0; a2 < m2 && !ok; a2++)
            for (size_t a1 = 0; a1 < m1 && !ok; a1++) {
                size_t k = a1 + m1 * a2;
                double w1 = (v[2 * i] - (1 - d) * u1[k]) / d, w2 = (v[2 * i + 1] - (1 - d) * u2[k]) / d;
                if (pdist(v, nv, w1, w2) > tol) continue;
                double d1 = -INFINITY, d2 = -INFINITY;
                for (size_t b = 0; b < m1; b++) d1 = fmax(d1, u1[b + m1 * a2]);
                for (size_t b = 0; b < m2; b++) d2 = fmax(d2, u2[a1 + m1 * b]);
                ok = (1 - d) * u1[k] + d * w1 >= (1 - d) * d1 + d * p1 - tol &&
                     (1 - d) * u2[k] + d * w2 >= (1 - d) * d2 + d * p2 - tol;
            }
        assert_true(ok);
    }
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static void seed(uint64_t n) { rng_state = 0x9E3779B97F4A7C15u * (n + 1) ^ 0x632BE59BD9B4E019u; }
static double rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

/* ---- polygon helpers ---- */

static void test_polygon_helpers(void **state)
{
    (void)state;
    lia_pt p[8] = { { 0, 0 }, { 1, 0 }, { 2, 0 }, { 2, 2 }, { 0, 2 }, { 1, 1 }, { 0, 0 }, { 2, 1 } }, h[16];
    size_t n = lia__poly_hull(p, 8, h);          /* duplicates, collinear and interior points go */
    assert_int_equal(n, 4);
    const double sq[8] = { 0, 0, 2, 0, 2, 2, 0, 2 };
    for (size_t i = 0; i < 4; i++) { assert_true(h[i].x == sq[2 * i]); assert_true(h[i].y == sq[2 * i + 1]); }
    double cc, lo, hi;
    assert_true(lia__poly_chord(h, n, 0, 1, 1e-12, &cc, &lo, &hi));
    assert_true(cc == 1 && lo == 0 && hi == 2);
    assert_true(lia__poly_chord(h, n, 1, 2 + 1e-13, 1e-12, &cc, &lo, &hi));   /* just outside: moved in */
    assert_true(cc == 2 && lo == 0 && hi == 2);
    assert_false(lia__poly_chord(h, n, 0, 2.5, 1e-12, &cc, &lo, &hi));
    assert_true(lia__poly_dist(h, n, (lia_pt){ 1, 1 }) == 0);
    assert_true(fabs(lia__poly_dist(h, n, (lia_pt){ 3, 3 }) - sqrt(2)) < 1e-15);
    lia_pt sh[4] = { { 0.5, 0 }, { 2.5, 0 }, { 2.5, 2 }, { 0.5, 2 } };
    assert_true(fabs(lia__poly_hausdorff(h, n, sh, 4) - 0.5) < 1e-15);
    /* collinear points: a segment; one point repeated: a point */
    lia_pt c[3] = { { 2, 2 }, { 0, 0 }, { 1, 1 } };
    assert_int_equal(lia__poly_hull(c, 3, h), 2);
    assert_true(h[0].x == 0 && h[1].x == 2);
    assert_true(lia__poly_chord(h, 2, 0, 0.5, 0, &cc, &lo, &hi) && lo == 0.5 && hi == 0.5);
    lia_pt one[3] = { { 1, 1 }, { 1, 1 }, { 1, 1 } };
    assert_int_equal(lia__poly_hull(one, 3, h), 1);
    /* a sliver thinner than eps is a segment, its ends the two extreme points */
    lia_pt t[3] = { { 0, 0 }, { 5, 1e-14 }, { 9, 0 } };
    n = lia__poly_flatten(h, lia__poly_hull(t, 3, h), 1e-12);
    assert_int_equal(n, 2);
    assert_true(h[0].x == 0 && h[1].x == 9);
    /* clean-up keeps the tip of a sliver (its neighbours' line passes near it, their segment
     * does not) and drops the near-collinear middle */
    lia_pt s[3] = { { 5, 4 }, { 5.39, 4 - 1e-10 }, { 8, 4 } };
    n = lia__poly_clean(s, 3, 1e-9);
    assert_int_equal(n, 2);
    assert_true(s[0].x == 5 && s[1].x == 8);
    lia_pt q[4] = { { 1, 2 }, { 0, 5 }, { 0, 1 }, { 3, 0 } };
    lia__poly_rotate_start(q, 4, 1e-9);
    assert_true(q[0].x == 0 && q[0].y == 1 && q[1].x == 3);
}

/* ---- the prisoner's dilemma ---- */

/* delta = 0.9. Upper bound: every SPE payoff is feasible, in co{(9,9),(1,10),(10,1),(3,3)}, and
 * individually rational, >= 3 for each player (the opponent's D holds a best reply to 3). The
 * edge from (10,1) to (9,9) is (10 - t, 1 + 8t); it meets v2 = 3 at t = 1/4, v1 = 9.75. So
 * V is inside Q = (3,3), (9.75,3), (9,9), (3,9.75). Lower bound: each vertex of Q is generated
 * by Q with the punishment 3 (self-generation):
 *   (3,3): (D,D) forever, a stage equilibrium.
 *   (9,9): (C,C) forever: 0.1*9 + 0.9*9 = 9 >= 0.1*10 + 0.9*3 = 3.7.
 *   (9.75,3): (D,C) today, continuation w = ((9.75 - 0.1*10)/0.9, (3 - 0.1*1)/0.9)
 *     = (9.7222.., 3.2222..), on the edge (9.75 - 0.75 s, 3 + 6 s) of Q at s = (2/9)/6 = 1/27
 *     (9.75 - 0.75/27 = 9.7222..). The cooperator's constraint binds:
 *     0.1*1 + 0.9*3.2222.. = 3 = 0.1*3 + 0.9*3; the row player's D is a best reply.
 *     Equivalently x = 9.75 solves x = 0.1*10 + 0.9 (x - (x - 9)/27): x (0.1 + 0.9/27) = 1 + 0.3,
 *     x = 1.3 / (2/15) = 9.75.
 *   (3,9.75): the mirror image.
 * So V(0.9) = Q, and V(delta) = Q for every delta >= 0.9 (monotone, and Q is the upper bound). */
static void test_prisoners_dilemma(void **state)
{
    (void)state;
    const double want[8] = { 3, 3, 9.75, 3, 9, 9, 3, 9.75 };
    const double ds[3] = { 0.9, 0.95, 0.99 };
    for (int i = 0; i < 3; i++) {
        size_t nv;
        double *v = spe(PD1, PD2, 2, 2, ds[i], &nv);
        assert_poly(v, nv, want, 4, 1e-6);
        double err = 0;
        for (size_t j = 0; j < 8; j++) err = fmax(err, fabs(v[j] - want[j]));
        print_message("prisoner's dilemma at delta %.2f: 4 vertices, max error %.2g\n", ds[i], err);
        if (i == 0) assert_true(err < 1e-8);
        lia__free(v);
    }
}

/* (C,C) forever needs w_i >= 3 + (1-d)/d (10 - 9) (grim trigger: critical d = 1/7). (D,C)
 * needs w_2 >= 3 + (1-d)/d (3 - 1) <= 9.75, the most player 2 can get: d >= 1/4.375 = 0.2286.
 *   d = 0.14 < 1/7: (C,C) needs w_i >= 3 + 0.86/0.14 = 9.14 for both, a sum of 18.29 > 18, the
 *     most feasible; (D,C) or (C,D) need 3 + 1.72/0.14 = 15.3 > 10. Only (D,D): {(3,3)}.
 *   d = 0.145 and 0.2: (C,C) forever works (3 + 0.855/0.145 = 8.90 <= 9), the asymmetric
 *     profiles still cannot be played: the segment (3,3)-(9,9).
 *   d = 0.25: (9.75,3) = 0.75*(10,1) + 0.25*(9,9), (D,C) once then (C,C) forever; player 2's
 *     constraint 0.75*1 + 0.25*9 = 3 >= 0.75*3 + 0.25*3 = 3 binds: the whole of Q already. */
static void test_pd_critical_delta(void **state)
{
    (void)state;
    size_t nv;
    double *v = spe(PD1, PD2, 2, 2, 0.14, &nv);
    const double point[2] = { 3, 3 }, seg[4] = { 3, 3, 9, 9 }, quad[8] = { 3, 3, 9.75, 3, 9, 9, 3, 9.75 };
    assert_poly(v, nv, point, 1, 1e-9);
    lia__free(v);
    v = spe(PD1, PD2, 2, 2, 0.1, &nv);
    assert_poly(v, nv, point, 1, 1e-9);
    lia__free(v);
    v = spe(PD1, PD2, 2, 2, 1e-320, &nv);              /* (1-d)/d overflows to infinity */
    assert_poly(v, nv, point, 1, 1e-9);
    lia__free(v);
    v = spe(PD1, PD2, 2, 2, 0.145, &nv);
    assert_poly(v, nv, seg, 2, 1e-9);
    lia__free(v);
    v = spe(PD1, PD2, 2, 2, 0.2, &nv);
    assert_poly(v, nv, seg, 2, 1e-9);
    lia__free(v);
    v = spe(PD1, PD2, 2, 2, 0.25, &nv);
    assert_poly(v, nv, quad, 4, 1e-7);
    lia__free(v);
}

/* ---- other hand-derived games ---- */

/* Quantities q in {2,3,4}, profit q (12 - q - q'): q=2 earns 16 14 12, q=3 21 18 15, q=4
 * 24 20 16 (against q' = 2, 3, 4). q = 4 strictly dominates: the unique stage equilibrium
 * (4,4) pays 16, which is also each player's minmax (the opponent plays 4, the best reply
 * earns 16). Collusion (3,3) pays 18. */
static void cournot(double *u1, double *u2)
{
    for (int a2 = 0; a2 < 3; a2++)
        for (int a1 = 0; a1 < 3; a1++) {
            double q1 = a1 + 2, q2 = a2 + 2;
            u1[a1 + 3 * a2] = q1 * (12 - q1 - q2);
            u2[a1 + 3 * a2] = q2 * (12 - q1 - q2);
        }
}

static void test_unique_equilibrium_is_minmax(void **state)
{
    (void)state;
    double u1[9], u2[9];
    cournot(u1, u2);
    /* d = 0.01: any other profile has a deviation gain >= 1 (16 - 15), so it needs
     * w_i >= 16 + 99 * 1 = 115 > 24, the largest payoff: only (4,4) is ever played. */
    size_t nv;
    double *v = spe(u1, u2, 3, 3, 0.01, &nv);
    const double ne[2] = { 16, 16 };
    assert_poly(v, nv, ne, 1, 1e-9);
    lia__free(v);
    /* d = 0.9: (3,3) forever is an equilibrium (0.1*18 + 0.9*18 = 18 >= 0.1*20 + 0.9*16 = 16.4),
     * and nobody gets less than the minmax 16, which the stage equilibrium attains: (16,16) is
     * the vertex with the smallest coordinates */
    v = spe(u1, u2, 3, 3, 0.9, &nv);
    assert_true(nv >= 3);
    assert_true(fabs(v[0] - 16) < 1e-8 && fabs(v[1] - 16) < 1e-8);
    for (size_t i = 0; i < nv; i++) assert_true(v[2 * i] >= 16 - 1e-8 && v[2 * i + 1] >= 16 - 1e-8);
    assert_true(pdist(v, nv, 18, 18) < 1e-9);
    assert_self_generating(u1, u2, 3, 3, 0.9, v, nv, 1e-7);
    lia__free(v);
}

static void test_coordination_games(void **state)
{
    (void)state;
    const double b1[4] = { 2, 0, 0, 1 }, b2[4] = { 1, 0, 0, 2 }, seg[4] = { 1, 2, 2, 1 };
    size_t nv;
    double *v = spe(b1, b2, 2, 2, 0.3, &nv);
    assert_poly(v, nv, seg, 2, 1e-9);
    lia__free(v);
    v = spe(b1, b2, 2, 2, 0.6, &nv);
    assert_poly(v, nv, seg, 2, 1e-9);
    lia__free(v);
    v = spe(b1, b2, 2, 2, 0.9, &nv);            /* bigger, and still holding the hull */
    assert_true(nv >= 3);
    assert_true(pdist(v, nv, 1, 2) < 1e-9 && pdist(v, nv, 2, 1) < 1e-9 && pdist(v, nv, 1.5, 1.5) < 1e-9);
    assert_self_generating(b1, b2, 2, 2, 0.9, v, nv, 1e-7);
    lia__free(v);
    /* identical interests (2 on (A,A), 1 on (B,B), 0 off the diagonal): every payoff has
     * v1 = v2, the minmax is min(2, 1) = 1, and both stage equilibria are in V: the segment
     * (1,1)-(2,2) at any d. With u2 = 2 u1 + 1 instead the payoffs are still collinear and the
     * set is (1,3)-(2,5). */
    const double c1[4] = { 2, 0, 0, 1 }, c2[4] = { 5, 1, 1, 3 }, diag[4] = { 1, 1, 2, 2 }, line[4] = { 1, 3, 2, 5 };
    const double ds[2] = { 0.3, 0.9 };
    for (int i = 0; i < 2; i++) {
        v = spe(c1, c1, 2, 2, ds[i], &nv);
        assert_poly(v, nv, diag, 2, 1e-9);
        lia__free(v);
        v = spe(c1, c2, 2, 2, ds[i], &nv);
        assert_poly(v, nv, line, 2, 1e-9);
        lia__free(v);
    }
}

/* Matching pennies: each player's pure minmax is 1 (whatever the opponent's pure action, a
 * best reply wins 1), yet v1 + v2 = 0 for every feasible payoff: no pure SPE at any d. The
 * result is LIA_OK with no vertices. Without a pure stage equilibrium the set need not be
 * empty, though: in the 3 x 2 game below (no cell is a mutual best reply) player 1's minmax is
 * 7, the most he can get, so only (a1=1,a2=0) = (7,8) and (a1=2,a2=1) = (7,3) can be played,
 * and player 2's minmax is 7. (7,8) forever is enforced by punishing player 2 to 7 (his
 * deviation gains 9 - 8 = 1: w2 >= 7 + 1/9 <= 8). The punishment (7,7) plays (7,3) once: at
 * d = 0.9, 7 = 0.1*3 + 0.9 w2 gives w2 = 7.444.. = 7 + 4/9, exactly his constraint
 * w2 >= 7 + (1-d)/d (7 - 3). So V(0.9) = (7,7)-(7,8). This needs w2 = (7 - 3(1-d))/d <= 8,
 * d >= 0.8: at d = 0.7 the set is empty. */
static void test_no_pure_stage_equilibrium(void **state)
{
    (void)state;
    const double m1[4] = { 1, -1, -1, 1 }, m2[4] = { -1, 1, 1, -1 };
    const double ds[3] = { 0.5, 0.9, 0.99 };
    for (int i = 0; i < 3; i++) {
        size_t nv = 7;
        double *v = spe(m1, m2, 2, 2, ds[i], &nv);
        assert_int_equal(nv, 0);
        assert_null(v);
    }
    const double g1[6] = { 0, 7, 3, 1, 3, 7 }, g2[6] = { 8, 8, 7, 3, 9, 3 }, seg[4] = { 7, 7, 7, 8 };
    size_t nv;
    double *v = spe(g1, g2, 3, 2, 0.9, &nv);
    assert_poly(v, nv, seg, 2, 1e-7);
    assert_self_generating(g1, g2, 3, 2, 0.9, v, nv, 1e-7);
    lia__free(v);
    v = spe(g1, g2, 3, 2, 0.7, &nv);
    assert_int_equal(nv, 0);
}

static void test_degenerate_games(void **state)
{
    (void)state;
    size_t nv, it;
    double *v;
    /* one profile: its payoff, at once */
    const double one1[1] = { 5 }, one2[1] = { -2 }, pt[2] = { 5, -2 };
    assert_int_equal(lia__spe_payoff_set(one1, one2, 1, 1, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_OK);
    assert_poly(v, nv, pt, 1, 0);
    assert_int_equal(it, 1);
    lia__free(v);
    /* every profile pays the same */
    double s1[12], s2[12];
    for (int k = 0; k < 12; k++) { s1[k] = 2; s2[k] = 2; }
    const double two[2] = { 2, 2 };
    v = spe(s1, s2, 3, 4, 0.5, &nv);
    assert_poly(v, nv, two, 1, 0);
    lia__free(v);
    /* zero-sum with a saddle point (u1: 3 4 / 1 2 by rows a1, so a1=0 guarantees 3 and a2=0
     * holds player 1 to 3): every SPE gives player 1 at least and at most 3 */
    const double z1[4] = { 3, 1, 4, 2 }, z2[4] = { -3, -1, -4, -2 }, zv[2] = { 3, -3 };
    v = spe(z1, z2, 2, 2, 0.9, &nv);
    assert_poly(v, nv, zv, 1, 1e-9);
    lia__free(v);
    /* player 1 has one action; player 2 cannot be punished below max u2 = 3, so only his best
     * replies (5,3) and (2,3) are played: the segment between them */
    const double o1[3] = { 0, 5, 2 }, o2[3] = { 1, 3, 3 }, oseg[4] = { 2, 3, 5, 3 };
    v = spe(o1, o2, 1, 3, 0.9, &nv);
    assert_poly(v, nv, oseg, 2, 1e-9);
    lia__free(v);
    /* player 2 gets 4 everywhere but (a1=1,a2=1) = (2,0): his minmax is 4 (= max u2), so only
     * the profiles paying him 4 are played: (8,4), (1,4), (5,4). (8,4) and (5,4) are stage
     * equilibria, and player 1's minmax is min(8, 5) = 5: V = (5,4)-(8,4). (A regression: an
     * early clean-up dropped the (5,4) end of the thin triangle converging to this segment.) */
    const double t1[4] = { 8, 1, 5, 2 }, t2[4] = { 4, 4, 4, 0 }, tseg[4] = { 5, 4, 8, 4 };
    v = spe(t1, t2, 2, 2, 0.87, &nv);
    assert_poly(v, nv, tseg, 2, 1e-7);
    lia__free(v);
}

/* ---- structural properties ---- */

static void random_game(double *u1, double *u2, size_t n, int integers)
{
    for (size_t k = 0; k < n; k++) {
        u1[k] = integers ? floor(10 * rnd()) : rnd();
        u2[k] = integers ? floor(10 * rnd()) : rnd();
    }
}

/* With public randomisation V(d) grows with d. */
static void test_monotone_in_delta(void **state)
{
    (void)state;
    seed(1);
    double u1[16], u2[16];
    for (int g = 0; g < 24; g++) {
        size_t m1 = 2 + g % 3, m2 = 2 + (g / 3) % 3;
        if (g == 0) { memcpy(u1, PD1, sizeof PD1); memcpy(u2, PD2, sizeof PD2); m1 = m2 = 2; }
        else if (g == 1) { cournot(u1, u2); m1 = m2 = 3; }
        else random_game(u1, u2, m1 * m2, g % 2);
        size_t na, nb;
        double *a = spe(u1, u2, m1, m2, 0.8, &na), *b = spe(u1, u2, m1, m2, 0.95, &nb);
        double r = range_of(u1, u2, m1 * m2);
        for (size_t i = 0; i < na; i++) assert_true(pdist(b, nb, a[2 * i], a[2 * i + 1]) <= 1e-7 * r);
        lia__free(a);
        lia__free(b);
    }
}

static void test_vertices_enforceable(void **state)
{
    (void)state;
    seed(2);
    double u1[100], u2[100];
    const double ds[3] = { 0.5, 0.8, 0.9 };
    for (int g = 0; g < 30; g++) {
        size_t m1 = 1 + g % 4, m2 = 1 + (g / 4) % 4;
        if (g == 29) m1 = m2 = 10;
        random_game(u1, u2, m1 * m2, g % 3 == 0);
        for (int i = 0; i < 3; i++) {
            size_t nv;
            double *v = spe(u1, u2, m1, m2, ds[i], &nv);
            assert_self_generating(u1, u2, m1, m2, ds[i], v, nv, 1e-7 * range_of(u1, u2, m1 * m2));
            lia__free(v);
        }
    }
    size_t nv;
    double *v = spe(PD1, PD2, 2, 2, 0.9, &nv);
    assert_self_generating(PD1, PD2, 2, 2, 0.9, v, nv, 1e-7);
    lia__free(v);
}

/* Swapping the players reflects the set in the diagonal. */
static void test_swap_players(void **state)
{
    (void)state;
    seed(3);
    double u1[20], u2[20], s1[20], s2[20];
    for (int g = 0; g < 20; g++) {
        size_t m1 = 1 + g % 4, m2 = 2 + g % 3;
        random_game(u1, u2, m1 * m2, g % 2);
        for (size_t a1 = 0; a1 < m1; a1++)
            for (size_t a2 = 0; a2 < m2; a2++) {
                s1[a2 + m2 * a1] = u2[a1 + m1 * a2];
                s2[a2 + m2 * a1] = u1[a1 + m1 * a2];
            }
        size_t na, nb;
        double *a = spe(u1, u2, m1, m2, 0.85, &na), *b = spe(s1, s2, m2, m1, 0.85, &nb);
        assert_int_equal(na, nb);
        double r[40];
        for (size_t i = 0; i < na; i++) { r[2 * i] = a[2 * i + 1]; r[2 * i + 1] = a[2 * i]; }
        assert_true(hausdorff(r, na, b, nb) <= 1e-9 * range_of(u1, u2, m1 * m2));
        lia__free(a);
        lia__free(b);
    }
}

/* u_i -> s_i u_i + t_i (s_i > 0) maps V the same way, vertex by vertex, whatever the scale. */
static void check_affine(const double *u1, const double *u2, size_t m1, size_t m2, double d,
                         double s1, double t1, double s2, double t2)
{
    size_t n = m1 * m2, na, nb;
    double a1[16], a2[16];
    for (size_t k = 0; k < n; k++) { a1[k] = fma(s1, u1[k], t1); a2[k] = fma(s2, u2[k], t2); }   /* no overflow */
    double *v = spe(u1, u2, m1, m2, d, &na), *w = spe(a1, a2, m1, m2, d, &nb);
    assert_int_equal(na, nb);
    double r = range_of(u1, u2, n);
    for (size_t i = 0; i < na; i++) {
        assert_true(fabs(w[2 * i] - fma(s1, v[2 * i], t1)) <= 1e-9 * r * s1);
        assert_true(fabs(w[2 * i + 1] - fma(s2, v[2 * i + 1], t2)) <= 1e-9 * r * s2);
    }
    lia__free(v);
    lia__free(w);
}

static void test_scale_invariance(void **state)
{
    (void)state;
    seed(4);
    check_affine(PD1, PD2, 2, 2, 0.9, 1000, 500, 1000, 500);
    check_affine(PD1, PD2, 2, 2, 0.9, 1e200, 0, 1e-200, 0);
    check_affine(PD1, PD2, 2, 2, 0.9, 1e-300, 1e-299, 3e-7, -2);
    /* payoffs out to +-1.35e308: the range itself overflows */
    check_affine(PD1, PD2, 2, 2, 0.9, 3e307, -5.5 * 3e307, 3e307, -5.5 * 3e307);
    double u1[16], u2[16];
    random_game(u1, u2, 16, 0);
    check_affine(u1, u2, 4, 4, 0.9, 1000, 123, 1000, -77);
    check_affine(u1, u2, 4, 4, 0.9, 1e6, 0, 1e-6, 5);
}

/* ---- an independent reference: the APS operator itself ----
 * B(W) = co U_a { (1-d) u(a) + d w : w in W, w_i >= min_W x_i + (1-d)/d gain_i(a) }, each
 * piece the polygon W clipped by two half-planes; from the feasible set it decreases to V. No
 * Abreu-Sannikov shortcut: all vertices of every clipped piece are kept. */

#define APS_CAP 8192

static size_t clip(const lia_pt *p, size_t n, int axis, double c, lia_pt *q)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        lia_pt s = p[(i + n - 1) % n], e = p[i];
        double fs = (axis ? s.y : s.x) - c, fe = (axis ? e.y : e.x) - c;
        if ((fs < 0) != (fe < 0)) {
            double t = fs / (fs - fe);
            q[m++] = (lia_pt){ s.x + t * (e.x - s.x), s.y + t * (e.y - s.y) };
        }
        if (fe >= 0) q[m++] = e;
    }
    return m;
}

static size_t aps(const double *u1, const double *u2, size_t m1, size_t m2, double d, double *out)
{
    static lia_pt pts[APS_CAP], H[2 * APS_CAP], W[APS_CAP], A[APS_CAP], B[APS_CAP];
    size_t n = m1 * m2;
    double r = range_of(u1, u2, n), c = (1 - d) / d;
    for (size_t k = 0; k < n; k++) pts[k] = (lia_pt){ u1[k], u2[k] };
    size_t nW = lia__poly_flatten(H, lia__poly_hull(pts, n, H), 1e-12 * r);
    memcpy(W, H, nW * sizeof *W);
    for (int it = 0; it < 20000; it++) {
        double p1 = INFINITY, p2 = INFINITY;
        for (size_t i = 0; i < nW; i++) { p1 = fmin(p1, W[i].x); p2 = fmin(p2, W[i].y); }
        size_t np = 0;
        for (size_t a2 = 0; a2 < m2; a2++)
            for (size_t a1 = 0; a1 < m1; a1++) {
                size_t k = a1 + m1 * a2;
                double d1 = -INFINITY, d2 = -INFINITY;
                for (size_t b = 0; b < m1; b++) d1 = fmax(d1, u1[b + m1 * a2]);
                for (size_t b = 0; b < m2; b++) d2 = fmax(d2, u2[a1 + m1 * b]);
                size_t na = clip(W, nW, 0, p1 + c * (d1 - u1[k]), A);
                size_t nb = clip(A, na, 1, p2 + c * (d2 - u2[k]), B);
                assert_true(np + nb < APS_CAP);
                for (size_t j = 0; j < nb; j++)
                    pts[np++] = (lia_pt){ (1 - d) * u1[k] + d * B[j].x, (1 - d) * u2[k] + d * B[j].y };
            }
        if (np == 0) return 0;
        size_t nH = lia__poly_flatten(H, lia__poly_hull(pts, np, H), 1e-12 * r);
        double h = lia__poly_hausdorff(W, nW, H, nH);
        memcpy(W, H, nH * sizeof *W);
        nW = nH;
        if (h <= 1e-13 * r) break;
    }
    for (size_t i = 0; i < nW; i++) { out[2 * i] = W[i].x; out[2 * i + 1] = W[i].y; }
    return nW;
}

static void test_against_aps(void **state)
{
    (void)state;
    double u1[9], u2[9], *ref = lia__malloc(2 * APS_CAP * sizeof *ref);
    assert_non_null(ref);
    const double ds[3] = { 0.3, 0.63, 0.87 };
    size_t nonempty = 0, polygons = 0;
    seed(12345);
    for (int g = 0; g < 80; g++) {
        size_t m1 = g < 45 ? 1 + g % 3 : 3, m2 = g < 45 ? 1 + (g / 3) % 3 : 2 + g % 2;
        random_game(u1, u2, m1 * m2, g < 60);
        for (int i = 0; i < 3; i++) {
            size_t nv, nr = aps(u1, u2, m1, m2, ds[i], ref);
            double *v = spe(u1, u2, m1, m2, ds[i], &nv);
            assert_true(hausdorff(v, nv, ref, nr) <= 1e-7 * range_of(u1, u2, m1 * m2));
            nonempty += nv > 0;
            polygons += nv >= 3;
            lia__free(v);
        }
    }
    print_message("APS cross-check: %zu sets, %zu nonempty, %zu with area\n", (size_t)240, nonempty, polygons);
    assert_true(polygons >= 40 && nonempty >= 150);   /* the sample is not all points */
    lia__free(ref);
}

/* ---- arguments, limits, allocation ---- */

static void test_bad_arguments(void **state)
{
    (void)state;
    double *v = (double *)PD1;                         /* must come back NULL */
    size_t nv = 9, it;
    assert_int_equal(lia__spe_payoff_set(NULL, PD2, 2, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_null(v);
    assert_int_equal(nv, 0);
    assert_int_equal(lia__spe_payoff_set(PD1, NULL, 2, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, MAXIT, NULL, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, MAXIT, &v, NULL, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 0, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 0, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, SIZE_MAX, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    const double bad_d[5] = { 0, 1, -0.5, 1.5, NAN };
    for (int i = 0; i < 5; i++)
        assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, bad_d[i], TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    const double bad_tol[3] = { -1e-10, NAN, INFINITY };
    for (int i = 0; i < 3; i++)
        assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, bad_tol[i], MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, 0, &v, &nv, &it), LIA_EUSAGE);
    const double nan1[4] = { 9, 10, NAN, 3 }, inf2[4] = { 9, 1, 10, -INFINITY };
    assert_int_equal(lia__spe_payoff_set(nan1, PD2, 2, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_int_equal(lia__spe_payoff_set(PD1, inf2, 2, 2, 0.9, TOL, MAXIT, &v, &nv, &it), LIA_EUSAGE);
    assert_null(v);
    /* iterations may be NULL */
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, MAXIT, &v, &nv, NULL), LIA_OK);
    assert_int_equal(nv, 4);
    lia__free(v);
}

static void test_iteration_limit(void **state)
{
    (void)state;
    double *v = (double *)PD1;
    size_t nv = 9, it = 0;
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, 5, &v, &nv, &it), LIA_ELIMIT);
    assert_null(v);
    assert_int_equal(nv, 0);
    assert_int_equal(it, 5);
    /* the PD at 0.9 converges geometrically, in well under a thousand iterations */
    assert_int_equal(lia__spe_payoff_set(PD1, PD2, 2, 2, 0.9, TOL, 1000, &v, &nv, &it), LIA_OK);
    assert_true(it > 5 && it < 1000);
    lia__free(v);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    seed(5);
    double mp1[4] = { 1, -1, -1, 1 }, mp2[4] = { -1, 1, 1, -1 }, u1[36], u2[36];
    random_game(u1, u2, 36, 0);
    const double *g1[3] = { PD1, mp1, u1 }, *g2[3] = { PD2, mp2, u2 };
    const size_t m[3] = { 2, 2, 6 };
    for (int g = 0; g < 3; g++) {
        double *v;
        size_t nv, it;
        lia__mem_count_reset();
        assert_int_equal(lia__spe_payoff_set(g1[g], g2[g], m[g], m[g], 0.9, TOL, MAXIT, &v, &nv, &it), LIA_OK);
        unsigned long n = lia__mem_count();
        assert_true(n >= 1);
        lia__free(v);
        for (unsigned long k = 1; k <= n; k++) {
            v = (double *)PD1;
            nv = 9;
            lia__mem_fail_after(k);
            assert_int_equal(lia__spe_payoff_set(g1[g], g2[g], m[g], m[g], 0.9, TOL, MAXIT, &v, &nv, &it), LIA_ENOMEM);
            lia__mem_fail_after(0);
            assert_null(v);
            assert_int_equal(nv, 0);
        }
        lia__mem_fail_after(n + 1);                    /* beyond the last: succeeds */
        assert_int_equal(lia__spe_payoff_set(g1[g], g2[g], m[g], m[g], 0.9, TOL, MAXIT, &v, &nv, &it), LIA_OK);
        lia__mem_fail_after(0);
        lia__free(v);
    }
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void test_performance(void **state)
{
    (void)state;
    seed(6);
    static double u1[900], u2[900];
    const size_t sizes[3] = { 10, 10, 30 };
    const double ds[3] = { 0.9, 0.99, 0.9 };
    for (int c = 0; c < 3; c++) {
        size_t m = sizes[c], nv, it;
        random_game(u1, u2, m * m, 0);
        double *v, t0 = now();
        assert_int_equal(lia__spe_payoff_set(u1, u2, m, m, ds[c], TOL, MAXIT, &v, &nv, &it), LIA_OK);
        double t = now() - t0;
        print_message("%zux%zu random game at delta %.2f: %.1f ms, %zu iterations, %zu vertices\n", m, m, ds[c],
                      1e3 * t, it, nv);
        if (c == 0) assert_true(t < 1.0);
        assert_self_generating(u1, u2, m, m, ds[c], v, nv, 1e-7);
        lia__free(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_polygon_helpers),
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_pd_critical_delta),
        cmocka_unit_test(test_unique_equilibrium_is_minmax),
        cmocka_unit_test(test_coordination_games),
        cmocka_unit_test(test_no_pure_stage_equilibrium),
        cmocka_unit_test(test_degenerate_games),
        cmocka_unit_test(test_monotone_in_delta),
        cmocka_unit_test(test_vertices_enforceable),
        cmocka_unit_test(test_swap_players),
        cmocka_unit_test(test_scale_invariance),
        cmocka_unit_test(test_against_aps),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_iteration_limit),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_performance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
