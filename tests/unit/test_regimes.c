/* test_regimes.c — sustainability over a Markov chain of regimes (dynamics/regimes.h), against
 * numbers derived by hand in the comments: the worked example of docs/model.md ("Regimes"), a
 * three-regime chain, a deterministic cycle, one regime and two identical ones (the static
 * delta*), an unreachable regime, the long-run distribution and state-contingent transfers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>
#include "liaison.h"
#include "dynamics/regimes.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-9)
#define NEAR_TIGHT(a, b) assert_true(fabs((a) - (b)) <= 1e-12)

/* The worked example: two regimes switching with probability p each way. Cooperation pays A 3
 * and B -1 in the first, the reverse in the second; deviating and the stage equilibrium pay 0.
 * Pi = [[1-p, p], [p, 1-p]] has eigenvectors (1, 1) (eigenvalue 1) and (1, -1) (eigenvalue
 * 1 - 2p), so (1 - d)(I - d Pi)^{-1} maps (1, 1) to itself and (1, -1) to k (1, -1) with
 * k = (1 - d)/(1 - d + 2dp). C_B = (-1, 3) = (1, 1) - 2 (1, -1), so V_B = (1 - 2k, 1 + 2k),
 * W_B = 0, and B's condition in the first regime is V_B(0) = 1 - 2(1 - d)/(1 - d + 2dp) >= 0,
 * i.e. 1 - d + 2dp >= 2 - 2d, d >= 1/(1 + 2p). In the second regime 1 + 2k > 0 always. A is
 * the mirror image: its binding regime is the second. */
static void example(double p, double *pi, double *c, double *d, double *pp)
{
    double P[4] = { 1 - p, p, p, 1 - p };
    double C[4] = { 3, -1, -1, 3 };   /* [i * nr + s]: A over (first, second), then B */
    memcpy(pi, P, sizeof P);
    memcpy(c, C, sizeof C);
    memset(d, 0, 4 * sizeof *d);
    memset(pp, 0, 4 * sizeof *pp);
}

static void test_worked_example_delta_star(void **state)
{
    (void)state;
    const double ps[3] = { 1, 0.5, 0.1 }, want[3] = { 1.0 / 3, 0.5, 5.0 / 6 };
    for (int k = 0; k < 3; k++) {
        double pi[4], c[4], d[4], p[4];
        example(ps[k], pi, c, d, p);
        lia_regime_star a, b;
        assert_int_equal(lia__regime_delta_star(2, pi, NULL, c, d, p, &a), LIA_OK);
        assert_int_equal(lia__regime_delta_star(2, pi, NULL, c + 2, d + 2, p + 2, &b), LIA_OK);
        NEAR(b.delta_star, want[k]);
        NEAR(a.delta_star, want[k]);
        assert_int_equal(b.binding, 0);
        assert_int_equal(a.binding, 1);
        assert_int_equal(b.gaps, 0);
        /* the averaged game: stationary (1/2, 1/2), C = 1, D = P = 0: delta* 0 for both */
        double dist[2];
        assert_int_equal(lia__regime_limit_distribution(2, pi, 0, dist), LIA_OK);
        NEAR(dist[0], 0.5);
        NEAR(dist[1], 0.5);
        assert_true(lia__regime_averaged_delta_star(2, dist, c + 2, d + 2, p + 2) == 0);
        assert_true(lia__regime_averaged_delta_star(2, dist, c, d, p) == 0);
    }
}

static void test_worked_example_values(void **state)
{
    (void)state;
    /* p = 0.1, d = 0.5: k = 0.5/(0.5 + 0.1) = 5/6, V_B = (1 - 5/3, 1 + 5/3) = (-2/3, 8/3),
     * V_A = (8/3, -2/3); the slack is V itself (D = P = 0) */
    double pi[4], c[4], d[4], p[4], v[2], w[2], sl[2];
    example(0.1, pi, c, d, p);
    assert_int_equal(lia__regime_slack(2, pi, 0.5, c + 2, d + 2, p + 2, v, w, sl), LIA_OK);
    NEAR(v[0], -2.0 / 3);
    NEAR(v[1], 8.0 / 3);
    NEAR(w[0], 0);
    NEAR(w[1], 0);
    NEAR(sl[0], -2.0 / 3);
    NEAR(sl[1], 8.0 / 3);
    /* at d = 5/6 exactly: k = (1/6)/(1/6 + 1/6) = 1/2, V_B(0) = 0 */
    assert_int_equal(lia__regime_slack(2, pi, 5.0 / 6, c + 2, d + 2, p + 2, v, NULL, sl), LIA_OK);
    NEAR(sl[0], 0);
    NEAR(v[1], 2);
    assert_int_equal(lia__regime_slack(2, pi, 1, c, d, p, v, w, sl), LIA_EUSAGE);
}

/* Transfers in the worked example at p = 0.1, d = 0.5 for both (k = 5/6): A pays B x in the
 * first regime, B pays A y in the second: t_B = (x, -y) = ((x - y)/2)(1, 1) + ((x + y)/2)(1, -1),
 * so (M t_B)(0) = (x - y)/2 + k (x + y)/2 with M = (1 - d)(I - d Pi)^{-1}. B's condition in the
 * first regime: (1 - 2k) + (x - y)/2 + k(x + y)/2 >= 0, i.e. (1 + k)x/2 - (1 - k)y/2 >= 2k - 1
 * = g; A's in the second by symmetry (1 + k)y/2 - (1 - k)x/2 >= g. Each payer's occupancy from
 * the first regime is o = (1/2)(1, 1) + (k/2)(1, -1) = ((1 + k)/2, (1 - k)/2): minimise
 * (1 + k)x/2 + (1 - k)y/2. The objective is a(B row) + b(A row) with a = (1 + k^2)/(2k) > 0 and
 * b = (1 - k^2)/(2k) > 0, so both rows bind: subtracting them gives x = y, adding gives
 * k(x + y) = 2g, so x = y = g/k = 2 - 1/k = 2 - 1.2 = 0.8, and the least cost is
 * ((1 + k) + (1 - k)) 0.8/2 = 0.8. (B's condition in the second regime: 1 + 2k - kx = 2 > 0.) */
static void test_worked_example_transfers(void **state)
{
    (void)state;
    double pi[4], c[4], d[4], p[4], delta[2] = { 0.5, 0.5 }, t[4], cost;
    int feasible;
    example(0.1, pi, c, d, p);
    assert_int_equal(lia__regime_transfers(2, 2, pi, 0, delta, c, d, p, &feasible, t, &cost), LIA_OK);
    assert_int_equal(feasible, 1);
    /* t[s * np + i] */
    NEAR(t[0], -0.8);
    NEAR(t[1], 0.8);
    NEAR(t[2], 0.8);
    NEAR(t[3], -0.8);
    NEAR(cost, 0.8);
    /* above delta* = 5/6 nobody needs anything */
    delta[0] = delta[1] = 0.9;
    assert_int_equal(lia__regime_transfers(2, 2, pi, 0, delta, c, d, p, &feasible, t, &cost), LIA_OK);
    assert_int_equal(feasible, 1);
    for (int k = 0; k < 4; k++) NEAR(t[k], 0);
    NEAR(cost, 0);
}

/* A three-regime chain (calm -> tense -> crisis -> calm, each staying with probability 1/2):
 * Pi = (I + S)/2 with S the cyclic shift, (S x)(s) = x(s + 1). At d = 1/2, I - Pi/2 =
 * (3I - S)/4 and (3I - S)^{-1} = (1/3) sum (S/3)^k = (9I + 3S + S^2)/26 (S^3 = I), so
 * (1 - d)(I - d Pi)^{-1} = (9I + 3S + S^2)/13: V(s) = (9 C(s) + 3 C(s+1) + C(s+2))/13.
 * C = (4, 1, -2): V = (37, 7, -5)/13. P = (1, 1, 1): W = 1 = Pi W. D = (5, 2, 0):
 * slack = V - D/2 - 1/2 = (37/13 - 3, 7/13 - 3/2, -5/13 - 1/2) = (-2/13, -25/26, -23/26).
 * Pi is doubly stochastic: its stationary distribution is uniform, C = 1, D = 7/3, P = 1, and
 * the averaged delta* is (7/3 - 1)/(7/3 - 1) = 1. */
static void test_three_regime_chain(void **state)
{
    (void)state;
    double h = 0.5;
    double pi[9] = { h, h, 0, 0, h, h, h, 0, h };
    double c[3] = { 4, 1, -2 }, d[3] = { 5, 2, 0 }, p[3] = { 1, 1, 1 }, v[3], w[3], sl[3];
    assert_int_equal(lia__regime_slack(3, pi, 0.5, c, d, p, v, w, sl), LIA_OK);
    NEAR(v[0], 37.0 / 13);
    NEAR(v[1], 7.0 / 13);
    NEAR(v[2], -5.0 / 13);
    for (int s = 0; s < 3; s++) NEAR(w[s], 1);
    NEAR(sl[0], -2.0 / 13);
    NEAR(sl[1], -25.0 / 26);
    NEAR(sl[2], -23.0 / 26);
    double dist[3];
    assert_int_equal(lia__regime_limit_distribution(3, pi, 1, dist), LIA_OK);
    for (int s = 0; s < 3; s++) NEAR(dist[s], 1.0 / 3);
    NEAR(lia__regime_averaged_delta_star(3, dist, c, d, p), 1);
    /* slack(s) = V(s) - (1 - d) D(s) - d (Pi W)(s) with each term computed on its own */
    double vw[3];
    assert_int_equal(lia__regime_values(3, pi, 0.5, 1, p, vw), LIA_OK);
    for (int s = 0; s < 3; s++) {
        double piw = 0;
        for (int u = 0; u < 3; u++) piw += pi[s * 3 + u] * vw[u];
        NEAR(sl[s], v[s] - 0.5 * d[s] - 0.5 * piw);
    }
}

/* A deterministic cycle 0 -> 1 -> 2 -> 0 (Pi = S, probabilities 1): (I - dS)^{-1} =
 * (I + dS + d^2 S^2)/(1 - d^3). C = (2, 2, -1), P = 0: V(s) (1 - d^3)/(1 - d) = C(s) + d C(s+1) +
 * d^2 C(s+2), i.e. 2 + 2d - d^2, 2 - d + 2d^2, -1 + 2d + 2d^2.
 * With D = (2, 2, 0), the conditions V(s) >= (1 - d) D(s) are, times (1 - d^3)/(1 - d):
 *   regime 0: 2 + 2d - d^2 >= 2 - 2d^3, i.e. d(2 + ... ) >= 0: always;
 *   regime 1: 2 - d + 2d^2 >= 2 - 2d^3, i.e. d(2d^2 + 2d - 1) >= 0;
 *   regime 2: -1 + 2d + 2d^2 >= 0.
 * Both 1 and 2 hold from the root of 2d^2 + 2d - 1, d* = (sqrt 3 - 1)/2 = 0.36603; regime 2
 * fails at d = 0 (C = -1 < D = 0), so the condition is monotone (no gaps).
 * With D = (2, 2, -1) instead (no breach pays in regime 2), regime 2 reads -1 + 2d + 2d^2 >=
 * -(1 - d^3), i.e. d(2 + 2d - d^2) >= 0: always. Regime 1 alone binds; it holds at d = 0
 * (C = D: equality), fails on (0, d*) and holds from d* on: not monotone (gaps). */
static void test_deterministic_cycle(void **state)
{
    (void)state;
    double pi[9] = { 0, 1, 0, 0, 0, 1, 1, 0, 0 };
    double c[3] = { 2, 2, -1 }, d[3] = { 2, 2, 0 }, p[3] = { 0, 0, 0 };
    double want = (sqrt(3) - 1) / 2;
    lia_regime_star st;
    assert_int_equal(lia__regime_delta_star(3, pi, NULL, c, d, p, &st), LIA_OK);
    NEAR(st.delta_star, want);
    assert_true(st.binding == 1 || st.binding == 2);
    assert_int_equal(st.gaps, 0);
    d[2] = -1;
    assert_int_equal(lia__regime_delta_star(3, pi, NULL, c, d, p, &st), LIA_OK);
    NEAR(st.delta_star, want);
    assert_int_equal(st.binding, 1);
    assert_int_equal(st.gaps, 1);
    /* at d = 1/2, V = (1/2)(C(s) + C(s+1)/2 + C(s+2)/4)/(7/8) = (4/7)(...) = (11, 8, 2)/7 */
    double v[3];
    assert_int_equal(lia__regime_slack(3, pi, 0.5, c, d, p, v, NULL, NULL), LIA_OK);
    NEAR(v[0], 11.0 / 7);
    NEAR(v[1], 8.0 / 7);
    NEAR(v[2], 2.0 / 7);
    /* the cycle's stationary distribution is uniform */
    double dist[3];
    assert_int_equal(lia__regime_limit_distribution(3, pi, 0, dist), LIA_OK);
    for (int s = 0; s < 3; s++) NEAR(dist[s], 1.0 / 3);
}

/* One regime: the slack (C - P) - (1 - d)(D - P) is linear in d and the search ends exactly at
 * the static delta* = (D - C)/(D - P): the prisoner's dilemma C = 9, D = 10, P = 3 gives 1/7;
 * C = 2, D = 5, P = 1 gives 3/4; C < P is never; D <= C is 0. */
static void test_one_regime_is_static(void **state)
{
    (void)state;
    double pi[1] = { 1 };
    const double cases[5][4] = { { 9, 10, 3, 1.0 / 7 }, { 2, 5, 1, 0.75 }, { 1, 2, 1.5, NAN }, { 3, 3, 1, 0 },
                                 { 3, 2, 0, 0 } };
    for (int k = 0; k < 5; k++) {
        lia_regime_star st;
        assert_int_equal(lia__regime_delta_star(1, pi, NULL, &cases[k][0], &cases[k][1], &cases[k][2], &st), LIA_OK);
        if (isnan(cases[k][3])) {
            assert_true(isnan(st.delta_star));
            assert_int_equal(st.binding, 0);
        } else {
            NEAR_TIGHT(st.delta_star, cases[k][3]);
            assert_int_equal(st.binding, cases[k][3] > 0 ? 0 : LIA_REGIME_NONE);
        }
        double dist[1];
        assert_int_equal(lia__regime_limit_distribution(1, pi, 0, dist), LIA_OK);
        double avg = lia__regime_averaged_delta_star(1, dist, &cases[k][0], &cases[k][1], &cases[k][2]);
        if (isnan(cases[k][3])) assert_true(isnan(avg));
        else NEAR_TIGHT(avg, cases[k][3]);
    }
}

/* Two identical regimes: V = C whatever Pi, so delta* is the static 1/7 again, and the slack
 * at d = 0.5 is 9 - 5 - 1.5 = 2.5 in both. */
static void test_identical_regimes_are_static(void **state)
{
    (void)state;
    double pi[4] = { 0.3, 0.7, 0.6, 0.4 };
    double c[2] = { 9, 9 }, d[2] = { 10, 10 }, p[2] = { 3, 3 }, v[2], sl[2];
    lia_regime_star st;
    assert_int_equal(lia__regime_delta_star(2, pi, NULL, c, d, p, &st), LIA_OK);
    NEAR_TIGHT(st.delta_star, 1.0 / 7);
    assert_int_equal(lia__regime_slack(2, pi, 0.5, c, d, p, v, NULL, sl), LIA_OK);
    NEAR(v[0], 9);
    NEAR(v[1], 9);
    NEAR(sl[0], 2.5);
    NEAR(sl[1], 2.5);
    /* stationary: pi0 0.7 = pi1 0.6, so (6/13, 7/13); the average is the static game */
    double dist[2];
    assert_int_equal(lia__regime_limit_distribution(2, pi, 0, dist), LIA_OK);
    NEAR(dist[0], 6.0 / 13);
    NEAR(dist[1], 7.0 / 13);
    NEAR_TIGHT(lia__regime_averaged_delta_star(2, dist, c, d, p), 1.0 / 7);
}

/* Pi = [[1, 0], [0.5, 0.5]] from regime 0: regime 1 is never reached, and its ruinous numbers
 * (C = -100) do not count: delta* is the static 1/7 of regime 0. From regime 1 both are
 * reachable and regime 1 binds. The long-run distribution is (1, 0) from both. */
static void test_unreachable_regime_ignored(void **state)
{
    (void)state;
    double pi[4] = { 1, 0, 0.5, 0.5 };
    double c[2] = { 9, -100 }, d[2] = { 10, 0 }, p[2] = { 3, 0 };
    unsigned char reach[2];
    lia__regime_reachable(2, pi, 0, reach);
    assert_int_equal(reach[0], 1);
    assert_int_equal(reach[1], 0);
    lia_regime_star st;
    assert_int_equal(lia__regime_delta_star(2, pi, reach, c, d, p, &st), LIA_OK);
    NEAR_TIGHT(st.delta_star, 1.0 / 7);
    assert_int_equal(st.binding, 0);
    lia__regime_reachable(2, pi, 1, reach);
    assert_int_equal(reach[0], 1);
    assert_int_equal(reach[1], 1);
    /* from regime 1: with q = d/2 staying... the condition in regime 1 is, with u = (1 - d)/(1 - d/2)
     * the weight of regime 1 on V(1): V(1) = u(-100) + (1 - u) 9 and W(1) = (1 - u) 3 + u 0,
     * (Pi W)(1) = (W(0) + W(1))/2 = (3 + (1 - u) 3)/2. At d = 0.99: u = 0.01/0.505 = 2/101,
     * V(1) = 9 - 109 u = 9 - 218/101 = 691/101; (Pi W)(1) = (6 - 6/101)/2 = 300/101;
     * slack(1) = 691/101 - 0.99 * 300/101 = (691 - 297)/101 = 394/101. */
    double v[2], sl[2];
    assert_int_equal(lia__regime_slack(2, pi, 0.99, c, d, p, v, NULL, sl), LIA_OK);
    NEAR(v[1], 691.0 / 101);
    NEAR(sl[1], 394.0 / 101);
    assert_int_equal(lia__regime_delta_star(2, pi, reach, c, d, p, &st), LIA_OK);
    assert_true(st.delta_star > 1.0 / 7 && st.delta_star < 0.99);
    assert_int_equal(st.binding, 1);
    double dist[2];
    for (size_t s = 0; s < 2; s++) {
        assert_int_equal(lia__regime_limit_distribution(2, pi, s, dist), LIA_OK);
        NEAR(dist[0], 1);
        NEAR(dist[1], 0);
    }
    /* transfers leave the unreachable regime alone: one member, nothing to balance against */
    double delta[1] = { 0.5 }, t[2] = { 7, 7 }, cost;
    int feasible;
    assert_int_equal(lia__regime_transfers(2, 1, pi, 0, delta, c, d, p, &feasible, t, &cost), LIA_OK);
    assert_int_equal(feasible, 1);
    NEAR(t[0], 0);
    NEAR(t[1], 0);
}

/* Two absorbing regimes and a transient start: Pi = [[1, 0, 0], [0, 1, 0], [1/4, 1/2, 1/4]]
 * from regime 2 ends in 0 with probability (1/4)/(3/4) = 1/3 and in 1 with 2/3. A two-state
 * chain [[0.9, 0.1], [0.3, 0.7]] has pi0 0.1 = pi1 0.3: (3/4, 1/4). */
static void test_limit_distribution(void **state)
{
    (void)state;
    double pi[9] = { 1, 0, 0, 0, 1, 0, 0.25, 0.5, 0.25 }, dist[3];
    assert_int_equal(lia__regime_limit_distribution(3, pi, 2, dist), LIA_OK);
    NEAR(dist[0], 1.0 / 3);
    NEAR(dist[1], 2.0 / 3);
    NEAR(dist[2], 0);
    assert_int_equal(lia__regime_limit_distribution(3, pi, 1, dist), LIA_OK);
    NEAR(dist[1], 1);
    double pi2[4] = { 0.9, 0.1, 0.3, 0.7 };
    assert_int_equal(lia__regime_limit_distribution(2, pi2, 1, dist), LIA_OK);
    NEAR(dist[0], 0.75);
    NEAR(dist[1], 0.25);
    /* not stochastic, or start out of range */
    double bad[4] = { 0.5, 0.4, 0.3, 0.7 };
    assert_false(lia__regime_valid(2, bad, 0));
    assert_false(lia__regime_valid(2, pi2, 2));
    assert_true(lia__regime_valid(2, pi2, 1));
}

/* One regime, two members, the static transfer examples of docs/model.md section 10: the
 * prisoner's dilemma at d = 0.14, each short by 0.86 * 10 + 0.14 * 3 - 9 = 0.02 and neither
 * with a surplus: infeasible. With B's temptation 9.5, B has 9 - 0.86 * 9.5 - 0.42 = 0.41 and
 * pays A 0.02 (A's occupancy weight is 1). */
static void test_one_regime_transfers(void **state)
{
    (void)state;
    double pi[1] = { 1 }, c[2] = { 9, 9 }, d[2] = { 10, 10 }, p[2] = { 3, 3 }, delta[2] = { 0.14, 0.14 };
    double t[2] = { 0, 0 }, cost = -1;
    int feasible;
    assert_int_equal(lia__regime_transfers(1, 2, pi, 0, delta, c, d, p, &feasible, t, &cost), LIA_OK);
    assert_int_equal(feasible, 0);
    d[1] = 9.5;
    assert_int_equal(lia__regime_transfers(1, 2, pi, 0, delta, c, d, p, &feasible, t, &cost), LIA_OK);
    assert_int_equal(feasible, 1);
    NEAR(t[0], 0.02);
    NEAR(t[1], -0.02);
    NEAR(cost, 0.02);
}

/* The whole analysis of the worked example at p = 0.1 and patience 0.5, and every allocation
 * failure on the way comes back as LIA_ENOMEM. */
static void test_analyse_and_allocation_failures(void **state)
{
    (void)state;
    double pi[4], c[4], d[4], p[4], delta[2] = { 0.5, 0.5 };
    example(0.1, pi, c, d, p);
    lia_regime_problem pb = { 2, 2, 0, pi, delta, c, d, p };
    unsigned char reach[2];
    double dist[2], v[4], w[4], sl[4], avg[2], t[4];
    lia_regime_star star[2];
    lia_regime_result res = { reach, dist, v, w, sl, star, avg, 0, t, 0 };
    assert_int_equal(lia__regime_analyse(&pb, &res), LIA_OK);
    NEAR(star[0].delta_star, 5.0 / 6);
    NEAR(star[1].delta_star, 5.0 / 6);
    NEAR(avg[0], 0);
    assert_int_equal(res.transfers_feasible, 1);
    NEAR(t[1], 0.8);
    NEAR(sl[2], -2.0 / 3);   /* B, first regime */
    for (unsigned long k = 1; k < 200; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia__regime_analyse(&pb, &res);
        lia__mem_fail_after(0);
        assert_true(st == LIA_OK || st == LIA_ENOMEM);
    }
    /* a member without patience: no values, no transfers, delta* still */
    delta[1] = NAN;
    assert_int_equal(lia__regime_analyse(&pb, &res), LIA_OK);
    assert_true(isnan(v[2]));
    assert_int_equal(res.transfers_feasible, -1);
    NEAR(star[1].delta_star, 5.0 / 6);
}

/* ---- the model-level analysis (liaison.h, lia_model_regimes) ------------------------------ */

/* tests/cases/repeat/regimes.lia: the worked example as an agreement (the numbers are derived
 * in tests/cli/repeat.sh). Here: the accessors, a third regime that is never reached, and the
 * errors. */
static const char *const AGREEMENT =
    "let sa = 0\n"
    "party A { patience 0.5 }\n"
    "party B { patience 0.5 }\n"
    "agreement AB bilateral {\n"
    "  members A, B\n"
    "  levels 0, 1\n"
    "  facility station cost 4 value 3 split A sa, B 1 - sa\n"
    "}\n"
    "regime calm { }\n"
    "regime crisis { set sa = 1 }\n"
    "regime ruin { set sa = 1; set A.patience = 0.1 }\n"
    "transition calm -> crisis 0.1\n"
    "transition crisis -> calm 0.1\n"
    "transition ruin -> calm 1\n";

static void test_model_regimes(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, AGREEMENT, strlen(AGREEMENT), "ab.lia"), LIA_OK);
    lia_regimes *r = NULL;
    assert_int_equal(lia_model_regimes(&r, m, NULL), LIA_OK);
    assert_string_equal(lia_regimes_errmsg(r), "");
    assert_string_equal(lia_regimes_game(r), "AB");
    assert_int_equal(lia_regimes_count(r), 3);
    assert_string_equal(lia_regimes_name(r, 2), "ruin");
    assert_null(lia_regimes_name(r, 3));
    assert_int_equal(lia_regimes_start(r), 0);
    NEAR(lia_regimes_transition(r, 0, 1), 0.1);
    NEAR(lia_regimes_transition(r, 2, 0), 1);
    assert_true(isnan(lia_regimes_transition(r, 3, 0)));
    /* ruin is never reached from calm: it counts for nothing (nor does its patience) */
    assert_int_equal(lia_regimes_reachable(r, 1), 1);
    assert_int_equal(lia_regimes_reachable(r, 2), 0);
    NEAR(lia_regimes_long_run(r, 0), 0.5);
    NEAR(lia_regimes_long_run(r, 2), 0);
    assert_int_equal(lia_regimes_member_count(r), 2);
    assert_string_equal(lia_regimes_member(r, 1), "B");
    NEAR(lia_regimes_patience(r, 0), 0.5);
    for (size_t i = 0; i < 2; i++) {
        NEAR(lia_regimes_delta_star(r, i), 5.0 / 6);
        NEAR(lia_regimes_averaged_delta_star(r, i), 0);
        assert_int_equal(lia_regimes_sustainable(r, i), 0);
        assert_int_equal(lia_regimes_not_monotone(r, i), 0);
    }
    assert_int_equal(lia_regimes_binding(r, 0), 1);
    assert_int_equal(lia_regimes_binding(r, 1), 0);
    NEAR(lia_regimes_value(r, LIA_REGIMES_C, 1, 0), -1);
    NEAR(lia_regimes_value(r, LIA_REGIMES_D, 0, 0), 3);
    NEAR(lia_regimes_value(r, LIA_REGIMES_V, 1, 0), -2.0 / 3);
    NEAR(lia_regimes_value(r, LIA_REGIMES_SLACK, 0, 0), 7.0 / 6);
    assert_true(isnan(lia_regimes_value(r, (lia_regimes_quantity)9, 0, 0)));
    double cost;
    assert_int_equal(lia_regimes_transfers(r, &cost), 1);
    NEAR(cost, 0.8);
    NEAR(lia_regimes_transfer(r, 0, 1), 0.8);
    NEAR(lia_regimes_transfer(r, 1, 1), -0.8);
    NEAR(lia_regimes_transfer(r, 2, 0), 0);
    char *text = NULL;
    size_t len;
    assert_int_equal(lia_regimes_write(&text, &len, r, LIA_FORMAT_TEXT), LIA_OK);
    assert_non_null(strstr(text, "ruin is never reached"));
    lia_free(text);
    assert_int_equal(lia_regimes_write(&text, &len, r, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(text, "\"binding_regime\": [\"crisis\", \"calm\"]"));
    lia_free(text);
    assert_int_equal(lia_regimes_write(&text, &len, r, LIA_FORMAT_NFG), LIA_EUSAGE);
    lia_regimes_free(r);
    /* every allocation failure is LIA_ENOMEM with no handle, or success: the first 400 one by
     * one, then every 7th, up to the number the call makes */
    lia__mem_count_reset();
    assert_int_equal(lia_model_regimes(&r, m, NULL), LIA_OK);
    unsigned long total = lia__mem_count();
    lia_regimes_free(r);
    for (unsigned long k = 1; k <= total; k += k < 400 ? 1 : 7) {
        r = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_model_regimes(&r, m, NULL);
        lia__mem_fail_after(0);
        assert_true(st == LIA_OK || st == LIA_ENOMEM);
        if (st == LIA_ENOMEM) assert_null(r);
        lia_regimes_free(r);
    }
    lia_model_free(m);
}

static void test_model_regimes_errors(void **state)
{
    (void)state;
    lia_regimes *r = NULL;
    assert_int_equal(lia_model_regimes(NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_model_regimes(&r, NULL, NULL), LIA_EUSAGE);
    assert_null(r);
    /* no regimes */
    const char *plain = "party A { }\nparty B { }\nagreement AB bilateral { members A, B\n levels 0, 1 }\n";
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, plain, strlen(plain), "plain.lia"), LIA_OK);
    assert_int_equal(lia_model_regimes(&r, m, NULL), LIA_EUSAGE);
    assert_non_null(strstr(lia_regimes_errmsg(r), "no regimes"));
    assert_int_equal(lia_regimes_count(r), 0);
    assert_true(isnan(lia_regimes_delta_star(r, 0)));
    lia_regimes_free(r);
    lia_model_free(m);
    /* a normal-form game has no commitment */
    const char *pd = "game pd normal { players A, B\n strategies A: C, D\n strategies B: C, D\n"
                     " payoff C C: 9, 9\n payoff C D: 1, 10\n payoff D C: 10, 1\n payoff D D: 3, 3 }\n"
                     "regime a { }\nregime b { }\n";
    assert_int_equal(lia_model_parse(&m, pd, strlen(pd), "pd.lia"), LIA_OK);
    assert_int_equal(lia_model_regimes(&r, m, NULL), LIA_EUSAGE);
    assert_non_null(strstr(lia_regimes_errmsg(r), "no commitment"));
    lia_regimes_free(r);
    assert_int_equal(lia_model_regimes(&r, m, "nosuch"), LIA_EUSAGE);
    assert_true(strlen(lia_regimes_errmsg(r)) > 0);
    lia_regimes_free(r);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example_delta_star),
        cmocka_unit_test(test_worked_example_values),
        cmocka_unit_test(test_worked_example_transfers),
        cmocka_unit_test(test_three_regime_chain),
        cmocka_unit_test(test_deterministic_cycle),
        cmocka_unit_test(test_one_regime_is_static),
        cmocka_unit_test(test_identical_regimes_are_static),
        cmocka_unit_test(test_unreachable_regime_ignored),
        cmocka_unit_test(test_limit_distribution),
        cmocka_unit_test(test_one_regime_transfers),
        cmocka_unit_test(test_analyse_and_allocation_failures),
        cmocka_unit_test(test_model_regimes),
        cmocka_unit_test(test_model_regimes_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
