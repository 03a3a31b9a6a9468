/* test_nash_mixed.c — n-player mixed equilibria: support enumeration (full sets against hand
 * computations, published results and lrsnash) and the global Newton method (one verified
 * equilibrium, inside the full set), with allocation-failure injection for both. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "nash/eqset.h"
#include "util/mem.h"
#include "edge_games.h"

static size_t width_of(const lia_game *g)
{
    size_t w = 0;
    for (size_t p = 0; p < lia_game_player_count(g); p++) w += lia_game_strategy_count(g, p);
    return w;
}

/* Every player's largest gain from a pure deviation, recomputed here from expected payoffs,
 * is within 1e-9 of that player's own payoff scale; returns the largest gain. */
static double check_profile(const lia_game *g, const double *x)
{
    size_t np = lia_game_player_count(g), w = width_of(g), P = lia_game_profile_count(g);
    double *y = malloc(w * sizeof *y), *u = malloc(np * sizeof *u), *v = malloc(np * sizeof *v), worst = 0;
    assert_true(y && u && v);
    assert_int_equal(lia_game_expected_payoffs(g, x, u), LIA_OK);
    for (size_t p = 0, at = 0; p < np; at += lia_game_strategy_count(g, p), p++) {
        double scale = 0;
        for (size_t i = 0; i < P; i++) scale = fmax(scale, fabs(lia_game_payoffs(g)[p * P + i]));
        for (size_t s = 0; s < lia_game_strategy_count(g, p); s++) {
            memcpy(y, x, w * sizeof *y);
            for (size_t t = 0; t < lia_game_strategy_count(g, p); t++) y[at + t] = t == s;
            assert_int_equal(lia_game_expected_payoffs(g, y, v), LIA_OK);
            assert_true(v[p] - u[p] <= 1e-9 * scale);
            worst = fmax(worst, v[p] - u[p]);
        }
    }
    free(y);
    free(u);
    free(v);
    return worst;
}

/* Solve, and check what every method promises: each listed profile passes the per-player
 * check above, and the regret reported is the largest gain. */
static lia_eqset *solve(const lia_game *g, lia_nash_method m)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = m;
    lia_eqset *e;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    for (size_t k = 0; k < lia_eqset_count(e); k++) {
        double r = check_profile(g, lia_eqset_profile(e, k)), scale = 0;
        for (size_t i = 0; i < lia_game_player_count(g) * lia_game_profile_count(g); i++)
            scale = fmax(scale, fabs(lia_game_payoffs(g)[i]));
        assert_true(fabs(r - lia_eqset_regret(e, k)) <= 1e-14 * scale);
    }
    return e;
}

/* Index of the listed equilibrium within 1e-9 of want (max-norm), or -1. */
static long find(const lia_eqset *e, const double *want, size_t w)
{
    for (size_t k = 0; k < lia_eqset_count(e); k++) {
        const double *x = lia_eqset_profile(e, k);
        double d = 0;
        for (size_t i = 0; i < w; i++) d = fmax(d, fabs(x[i] - want[i]));
        if (d <= 1e-9) return (long)k;
    }
    return -1;
}

/* The set is exactly `want` (count profiles of width w), in any order. */
static void expect_set(const lia_eqset *e, const double *want, size_t count, size_t w)
{
    assert_int_equal(lia_eqset_count(e), count);
    for (size_t k = 0; k < count; k++)
        if (find(e, want + k * w, w) < 0) fail_msg("expected equilibrium %zu is missing", k);
}

static void expect_file(const char *path, const double *want, size_t count)
{
    lia_game *g = load(path);
    lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
    expect_set(e, want, count, width_of(g));
    lia_eqset_free(e);
    lia_game_free(g);
}

static uint64_t lcg(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 11;
}

/* A game with payoffs uniform in [0, 1) from a fixed seed. */
static lia_game *random_game(size_t np, size_t n, uint64_t seed)
{
    size_t ns[16], P = 1;
    for (size_t p = 0; p < np; p++) {
        ns[p] = n;
        P *= n;
    }
    double *u = malloc(np * P * sizeof *u);
    assert_non_null(u);
    for (size_t i = 0; i < np * P; i++) u[i] = (double)lcg(&seed) * 0x1.0p-53;
    lia_game *g;
    assert_int_equal(lia_game_new(&g, np, ns, u), LIA_OK);
    free(u);
    return g;
}

/* McLennan-Tourky's anti-coordination game (QuantEcon Q7): action 0 pays 1; action 1 pays 2
 * if every other player plays 0, else 0. Player i's bit in the profile index is its action. */
static lia_game *anticoordination(size_t np)
{
    size_t ns[16], P = (size_t)1 << np;
    for (size_t p = 0; p < np; p++) ns[p] = 2;
    double *u = malloc(np * P * sizeof *u);
    assert_non_null(u);
    for (size_t prof = 0; prof < P; prof++)
        for (size_t i = 0; i < np; i++) {
            int mine = prof >> i & 1, others = (prof & ~((size_t)1 << i)) != 0;
            u[i * P + prof] = mine == 0 ? 1 : others ? 0 : 2;
        }
    lia_game *g;
    assert_int_equal(lia_game_new(&g, np, ns, u), LIA_OK);
    free(u);
    return g;
}

/* QuantEcon's Q8: symmetric, u_i = a[own][next][next-next] (the players after i, cyclically). */
static lia_game *irrational_game(void)
{
    const double a[2][2][2] = { { { 3, 6 }, { 4, 2 } }, { { 1, 0 }, { 5, 7 } } };
    size_t ns[3] = { 2, 2, 2 };
    double u[24];
    for (size_t prof = 0; prof < 8; prof++) {
        int s[3] = { (int)(prof & 1), (int)(prof >> 1 & 1), (int)(prof >> 2 & 1) };
        for (int i = 0; i < 3; i++) u[i * 8 + prof] = a[s[i]][s[(i + 1) % 3]][s[(i + 2) % 3]];
    }
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
    return g;
}

/* ---- support enumeration: three and more players ---------------------------------------- */

static void test_support_2x2x2(void **state)
{
    (void)state;
    /* McKelvey-McLennan 2x2x2: p, q, r = probabilities of strategy 1 for players 1, 2, 3.
     * From the payoff list, the gains of strategy 1 over strategy 2 are
     *   D1(q,r) = 9qr - 9(1-q)r - 3q(1-r) + 3(1-q)(1-r)
     *   D2(p,r) = 8pr - 8(1-p)r - 4p(1-r) + 4(1-p)(1-r)
     *   D3(p,q) = 12pq - 6(1-p)q - 6p(1-q) + 2(1-p)(1-q).
     * Pure: (1,1,1), (2,2,1), (2,1,2), (1,2,2) (test_nash_pure.c).
     * One player mixing: D1 at the corners of (q,r) is 9, -9, -3, 3, D2 is 8, -8, -4, 4 and D3
     * is 12, -6, -6, 2 -- never 0, so none.
     * Two mixing:
     *   r = 1: D1 = 18q - 9 = 0 -> q = 1/2; D2 = 16p - 8 -> p = 1/2; D3(1/2,1/2) = 1/2 > 0, so
     *          r = 1 is a best response: (1/2,1/2; 1/2,1/2; 1,0).
     *   r = 0: q = p = 1/2 again, but D3 = 1/2 > 0 wants r = 1: none.
     *   q = 1: D1 = 12r - 3 -> r = 1/4; D3(p,1) = 18p - 6 -> p = 1/3; D2(1/3,1/4) = 1/3 > 0:
     *          (1/3,2/3; 1,0; 1/4,3/4).
     *   q = 0: r = 1/4, D3(p,0) = 2 - 8p -> p = 1/4, D2(1/4,1/4) = 1/2 > 0 wants q = 1: none.
     *   p = 1: D2 = 12r - 4 -> r = 1/3; D3(1,q) = 18q - 6 -> q = 1/3; D1(1/3,1/3) = -1/3 < 0
     *          wants p = 0: none.
     *   p = 0: D2 = 4 - 12r -> r = 1/3; D3(0,q) = 2 - 8q -> q = 1/4; D1(1/4,1/3) = -1/2 < 0,
     *          so p = 0 is a best response: (0,1; 1/4,3/4; 1/3,2/3).
     * All mixing: the two published ones, (.4,.6; .5,.5; 1/3,2/3) and (.5,.5; .4,.6; 1/4,3/4)
     * (e.g. D1(1/2,1/3) = 3/2 - 3/2 - 1 + 1 = 0). Nine in all, as published. */
    const double want[9 * 6] = {
        1, 0, 1, 0, 1, 0,   0, 1, 0, 1, 1, 0,   0, 1, 1, 0, 0, 1,   1, 0, 0, 1, 0, 1,
        0.5, 0.5, 0.5, 0.5, 1, 0,
        1.0 / 3, 2.0 / 3, 1, 0, 0.25, 0.75,
        0, 1, 0.25, 0.75, 1.0 / 3, 2.0 / 3,
        0.4, 0.6, 0.5, 0.5, 1.0 / 3, 2.0 / 3,
        0.5, 0.5, 0.4, 0.6, 0.25, 0.75,
    };
    expect_file("tests/cases/nfg/2x2x2.nfg", want, 9);
}

static void test_support_local_max_cut(void **state)
{
    (void)state;
    /* Edge weights w12 = 2, w13 = -1, w23 = 2; a player earns its edges across the cut. With
     * p, q, r the probabilities of side a, the gains of a over b are
     *   D1 = 1 - 4q + 2r,  D2 = 4 - 4p - 4r,  D3 = 1 + 2p - 4q.
     * All mixing: D1 = D3 = 0 give r = p, D2 = 0 gives p + r = 1: p = r = 1/2, q = 1/2.
     * Two mixing, the third pure: (1,2) mixing needs q = (1+2r)/4, p = 1-r, and then D3 = -2
     * (r = 1) or 2 (r = 0) contradicts r; (1,3) needs r = (4q-1)/2 outside [0,1]; (2,3) needs
     * r = 1-p, q = (1+2p)/4, and then D1 = 2 (p = 0) or -2 (p = 1) contradicts p.
     * One mixing: D1 and D3 are odd at the corners, and D2 = 0 needs p + r = 1, where players
     * 1 and 3 ask for q <= 1/4 and q >= 3/4 at once. So the published three are all. */
    const double want[3 * 6] = { 1, 0, 0, 1, 1, 0,   0, 1, 1, 0, 0, 1,   0.5, 0.5, 0.5, 0.5, 0.5, 0.5 };
    expect_file("tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg", want, 3);
}

/* The anti-coordination game's equilibria, one per nonempty set K of players: |K| = 1, that
 * player plays 1 and the rest 0; |K| >= 2, K mixes with P(0) = 2^(-1/(|K|-1)) (so that
 * 1 = 2 P(0)^(|K|-1)) and the rest play 0 (action 1 pays 2 P(0)^|K| = 2^(-1/(|K|-1)) < 1).
 * Nobody can play 1 for sure beside a mixer (the mixer's action 1 would pay 0 < 1). */
static void test_support_anticoordination(void **state)
{
    (void)state;
    for (size_t np = 3; np <= 4; np++) {
        lia_game *g = anticoordination(np);
        size_t count = ((size_t)1 << np) - 1, w = 2 * np;
        double *want = calloc(count * w, sizeof *want);
        assert_non_null(want);
        for (size_t K = 1; K <= count; K++) {
            double *x = want + (K - 1) * w;
            int k = __builtin_popcountll(K);
            double p0 = k == 1 ? 0 : pow(2, -1.0 / (k - 1));
            for (size_t i = 0; i < np; i++) {
                double zero = K >> i & 1 ? p0 : 1;
                x[2 * i] = zero;
                x[2 * i + 1] = 1 - zero;
            }
        }
        lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
        expect_set(e, want, count, w);   /* 7 for three players, 15 for four */
        lia_eqset_free(e);
        free(want);
        lia_game_free(g);
    }
}

static void test_support_irrational(void **state)
{
    (void)state;
    /* QuantEcon Q8 (irrational_game): a = [[[3,6],[4,2]], [[1,0],[5,7]]]. Against both others
     * playing 1 with probability p (q = 1 - p): action 0 earns 3q^2 + 10pq + 2p^2, action 1
     * earns q^2 + 5pq + 7p^2; equal when 8p^2 - p - 2 = 0, p = (1 + sqrt 65)/16. (0,0,0) is
     * an equilibrium, (0,0,1) is not. */
    lia_game *g = irrational_game();
    lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
    double p = (1 + sqrt(65)) / 16;
    const double pure[6] = { 1, 0, 1, 0, 1, 0 }, not_eq[6] = { 1, 0, 1, 0, 0, 1 };
    const double mixed[6] = { 1 - p, p, 1 - p, p, 1 - p, p };
    assert_true(find(e, pure, 6) >= 0);
    assert_true(find(e, mixed, 6) >= 0);
    assert_true(find(e, not_eq, 6) < 0);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_support_random_n_player(void **state)
{
    (void)state;
    /* Generic games have an odd number of equilibria (Wilson's oddness theorem): a missed or
     * duplicated one would show as an even count. Seeded, so the same games every run. */
    for (uint64_t seed = 1; seed <= 6; seed++) {
        lia_game *g = random_game(3, 3, seed);
        lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
        assert_true(lia_eqset_count(e) % 2 == 1);
        lia_eqset_free(e);
        lia_game_free(g);
        g = random_game(4, 2, seed);
        e = solve(g, LIA_NASH_SUPPORT);
        assert_true(lia_eqset_count(e) % 2 == 1);
        lia_eqset_free(e);
        lia_game_free(g);
    }
}

/* ---- support enumeration: two players ------------------------------------------------------ */

static void test_support_two_player_nondegenerate(void **state)
{
    (void)state;
    /* full sets; each was re-solved with lrsnash (nashpy-cases.txt, quantecon-cases.txt) */
    const double n1[7] = { 0, 0, 0.75, 0.25, 1.0 / 28, 27.0 / 28, 0 };
    expect_file("tests/cases/games/N1_4x3.game", n1, 1);
    const double n2[3 * 4] = { 1, 0, 1, 0,   0, 1, 0, 1,   0.5, 0.5, 0.5, 0.5 };
    expect_file("tests/cases/games/N2_2x2.game", n2, 3);
    const double n3[3 * 4] = { 1, 0, 1, 0,   0, 1, 0, 1,   1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    expect_file("tests/cases/games/N3_2x2.game", n3, 3);
    const double n4[3 * 5] = { 1, 0, 0, 1, 0,   0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3,   0.8, 0.2, 0, 2.0 / 3, 1.0 / 3 };
    expect_file("tests/cases/games/N6_vs3x2.game", n4, 3);
    /* Nashpy N6 (payoffs x 1e5, the floating-point robustness case): unique */
    const double n6[8] = { 0, 576529.0 / 2193694, 1617165.0 / 2193694, 0, 64706.0 / 143277, 78571.0 / 143277, 0, 0 };
    expect_file("tests/cases/games/N7_issue67_4x4.game", n6, 1);
    const double n9[7] = { 4.0 / 9, 2.0 / 9, 0, 1.0 / 3, 2.0 / 9, 4.0 / 9, 1.0 / 3 };
    expect_file("tests/cases/games/N9_zs4x3.game", n9, 1);
    /* battle of the sexes A = [3 1; 0 2], B = [2 1; 0 3]: the column player is indifferent
     * when 2x = x + 3(1-x), x = 3/4; the row player when 3y + (1-y) = 2(1-y), y = 1/4 */
    const double n10a[3 * 4] = { 1, 0, 1, 0,   0, 1, 0, 1,   0.75, 0.25, 0.25, 0.75 };
    expect_file("tests/cases/games/N10a_2x2.game", n10a, 3);
    const double half[4] = { 0.5, 0.5, 0.5, 0.5 };
    expect_file("tests/cases/games/N10b_2x2.game", half, 1);
    /* 3x3 coordination, diag(3,2,1) and diag(2,2,4): on a common support each player mixes
     * in inverse proportion to the other's diagonal: {1,2}: y = (2/5,3/5), x = (1/2,1/2);
     * {1,3}: y = (1/4,3/4), x = (2/3,1/3); {2,3}: y = (1/3,2/3), x = (2/3,1/3); all three:
     * y = (2/11,3/11,6/11), x = (2/5,2/5,1/5); plus the three pure ones. */
    const double c3[7 * 6] = {
        1, 0, 0, 1, 0, 0,   0, 1, 0, 0, 1, 0,   0, 0, 1, 0, 0, 1,
        0.5, 0.5, 0, 0.4, 0.6, 0,
        2.0 / 3, 0, 1.0 / 3, 0.25, 0, 0.75,
        0, 2.0 / 3, 1.0 / 3, 0, 1.0 / 3, 2.0 / 3,
        0.4, 0.4, 0.2, 2.0 / 11, 3.0 / 11, 6.0 / 11,
    };
    expect_file("tests/cases/nfg/coord3.nfg", c3, 7);
    const double oneill[8] = { 0.4, 0.2, 0.2, 0.2, 0.4, 0.2, 0.2, 0.2 };
    expect_file("tests/cases/nfg/oneill.nfg", oneill, 1);
    /* Sandholm-Gilpin-Conitzer k = 2 and 3: unique, uniform on the first 2k - 1 actions */
    double sgc[22] = { 0 };
    for (size_t i = 0; i < 3; i++) sgc[i] = sgc[7 + i] = 1.0 / 3;
    expect_file("tests/cases/games/Q4_sgc_k2.game", sgc, 1);
    memset(sgc, 0, sizeof sgc);
    for (size_t i = 0; i < 5; i++) sgc[i] = sgc[11 + i] = 0.2;
    expect_file("tests/cases/games/Q4_sgc_k3.game", sgc, 1);
}

static void test_support_two_player_large_sets(void **state)
{
    (void)state;
    /* von Stengel's nondegenerate 6x6 game has exactly 75 equilibria (lrsnash lists the same
     * 75): all found, each once; among them the two pure ones, x = e5, y = e1 and x = e2, y = e6 */
    lia_game *g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
    assert_int_equal(lia_eqset_count(e), 75);
    double p1[12] = { 0 }, p2[12] = { 0 };
    p1[4] = p1[6] = 1;
    p2[1] = p2[11] = 1;
    assert_true(find(e, p1, 12) >= 0 && find(e, p2, 12) >= 0);
    lia_eqset_free(e);
    lia_game_free(g);
    /* Nashpy N8, the 9x9 duel (x1000): unique, u1 = 1161135200/1530369 */
    g = load("tests/cases/games/N8_duel9x9.game");
    e = solve(g, LIA_NASH_SUPPORT);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(fabs(lia_eqset_payoffs(e, 0)[0] - 1161135200.0 / 1530369.0) < 1e-9);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_support_two_player_degenerate(void **state)
{
    (void)state;
    /* Degenerate games have continua, which support enumeration lists only where a vertex
     * solves a balanced nonsingular system; whatever it lists is one of lrsnash's extreme
     * equilibria. Nashpy N5a: x anywhere on [(1,0),(0,1)] with y = (1,0); both ends found. */
    const double n5a[2 * 4] = { 1, 0, 1, 0,   0, 1, 1, 0 };
    expect_file("tests/cases/games/N4_deg2x2.game", n5a, 2);
    /* N5b: lrsnash's three extreme equilibria, (1,0,0),(1,0); (1,0,0),(2/3,1/3) (from the
     * support pair {1,2} x {1,2}, where the row system puts x2 = 0); (0,1/3,2/3),(1/3,2/3) */
    const double n5b[3 * 5] = { 1, 0, 0, 1, 0,   1, 0, 0, 2.0 / 3, 1.0 / 3,   0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3 };
    expect_file("tests/cases/games/N5_deg3x2.game", n5b, 3);
    /* QuantEcon Q3, where QuantEcon's own support enumeration lists 2: here all four of
     * lrsnash's extreme points, (1,0,0),(1,0); (0,1,0),(0,1); (0,1,0),(1/2,1/2) and
     * (0,0,1),(1/2,1/2) -- the last two come from square systems whose solution has a zero */
    const double q3[4 * 5] = { 1, 0, 0, 1, 0,   0, 1, 0, 0, 1,   0, 1, 0, 0.5, 0.5,   0, 0, 1, 0.5, 0.5 };
    expect_file("tests/cases/games/Q2_deg3x2_supp.game", q3, 4);
    /* Nashpy N7a: lrsnash has 6 extreme equilibria; the 4 on nonsingular balanced systems */
    const double n7a[4 * 6] = { 1, 0, 0, 0, 1, 0,   0, 1, 0, 0, 0, 1,   0, 0, 1, 0, 0, 1,   0.5, 0.5, 0, 0, 0, 1 };
    expect_file("tests/cases/games/N12_deg3x3lex.game", n7a, 4);
    /* Nashpy N7b: x = (0,1,0) with any y; the three pure ends */
    const double n7b[3 * 6] = { 0, 1, 0, 1, 0, 0,   0, 1, 0, 0, 1, 0,   0, 1, 0, 0, 0, 1 };
    expect_file("tests/cases/games/N11_deg3x3.game", n7b, 3);
}

static void test_support_edge_games(void **state)
{
    (void)state;
    /* a constant game: every pure profile; the mixed systems vanish identically (no isolated
     * solutions), so nothing else */
    lia_game *g = parse("game z normal { players A, B, C; strategies A: a, b; strategies B: a, b\n"
                        "  strategies C: a, b, c\n"
                        "  payoff a a a: 0,0,0; payoff b a a: 0,0,0; payoff a b a: 0,0,0; payoff b b a: 0,0,0\n"
                        "  payoff a a b: 0,0,0; payoff b a b: 0,0,0; payoff a b b: 0,0,0; payoff b b b: 0,0,0\n"
                        "  payoff a a c: 0,0,0; payoff b a c: 0,0,0; payoff a b c: 0,0,0; payoff b b c: 0,0,0 }\n");
    lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
    assert_int_equal(lia_eqset_count(e), 12);
    lia_eqset_free(e);
    lia_game_free(g);
    /* one player: the maximisers, each pure (a tie between b and c is a continuum) */
    g = parse("game o normal { players A; strategies A: a, b, c\n payoff a: 1; payoff b: 3; payoff c: 3 }\n");
    e = solve(g, LIA_NASH_SUPPORT);
    const double one[2 * 3] = { 0, 1, 0,   0, 0, 1 };
    expect_set(e, one, 2, 3);
    lia_eqset_free(e);
    lia_game_free(g);
    /* a player with one strategy: B and C then play a 2x2 game with u_B = diag(2,5) and
     * u_C = diag(3,6) over (a,a),(b,b); mixed: C plays a with 5/7 (2r = 5(1-r)), B with 2/3
     * (3q = 6(1-q)) */
    g = parse("game s normal { players A, B, C; strategies A: a; strategies B: a, b; strategies C: a, b\n"
              "  payoff a a a: 1,2,3; payoff a b a: 0,0,0; payoff a a b: 0,0,0; payoff a b b: 4,5,6 }\n");
    e = solve(g, LIA_NASH_SUPPORT);
    const double s3[3 * 5] = { 1, 1, 0, 1, 0,   1, 0, 1, 0, 1,   1, 2.0 / 3, 1.0 / 3, 5.0 / 7, 2.0 / 7 };
    expect_set(e, s3, 3, 5);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_support_units_and_limits(void **state)
{
    (void)state;
    /* payoffs x 1e9: the tolerance is relative to the payoff scale, so the same set */
    lia_game *g = parse("game g normal { players R, C; strategies R: a, b, c; strategies C: x, y\n"
                        "  matrix R [3e9 3e9; 2e9 5e9; 0 6e9]; matrix C [3e9 2e9; 2e9 6e9; 3e9 1e9] }\n");
    lia_eqset *e = solve(g, LIA_NASH_SUPPORT);
    const double n4[3 * 5] = { 1, 0, 0, 1, 0,   0, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3,   0.8, 0.2, 0, 2.0 / 3, 1.0 / 3 };
    expect_set(e, n4, 3, 5);
    lia_eqset_free(e);
    lia_game_free(g);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_SUPPORT;
    /* the size guard: 15 x 15 has C(30,15) - 1 = 1.55e8 balanced support pairs (> 5e7) */
    g = random_game(2, 15, 3);
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_ELIMIT);
    assert_null(e);
    lia_game_free(g);
    /* 8 players x 2: 3^8 support profiles times 7^8 paths each bound 3.8e10 > 1e9 */
    g = random_game(8, 2, 3);
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_ELIMIT);
    lia_game_free(g);
    assert_int_equal(lia_nash_method_available(LIA_NASH_SUPPORT), 1);
    assert_int_equal(lia_nash_method_available(LIA_NASH_GNM), 1);
}

/* ---- global Newton ------------------------------------------------------------------------- */

/* GNM's one equilibrium is verified and lies in support enumeration's set. */
static void gnm_in_set(const lia_game *g)
{
    lia_eqset *one = solve(g, LIA_NASH_GNM), *all = solve(g, LIA_NASH_SUPPORT);
    assert_int_equal(lia_eqset_count(one), 1);
    assert_true(find(all, lia_eqset_profile(one, 0), width_of(g)) >= 0);
    lia_eqset_free(one);
    lia_eqset_free(all);
}

static void test_gnm_published(void **state)
{
    (void)state;
    const char *files[] = {
        "tests/cases/nfg/2x2x2.nfg", "tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg",
        "tests/cases/nfg/coord3.nfg", "tests/cases/nfg/oneill.nfg", "tests/cases/nfg/6x6_game_with_75_eq.nfg",
        "tests/cases/games/N1_4x3.game", "tests/cases/games/N2_2x2.game", "tests/cases/games/N3_2x2.game",
        "tests/cases/games/N6_vs3x2.game", "tests/cases/games/N7_issue67_4x4.game",
        "tests/cases/games/N8_duel9x9.game", "tests/cases/games/N9_zs4x3.game", "tests/cases/games/N10a_2x2.game",
        "tests/cases/games/N10b_2x2.game", "tests/cases/games/Q4_sgc_k2.game", "tests/cases/games/Q4_sgc_k3.game",
        "tests/cases/games/G1_gambit_6x6_longLH.game",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        lia_game *g = load(files[i]);
        gnm_in_set(g);
        lia_game_free(g);
    }
    for (size_t np = 3; np <= 4; np++) {
        lia_game *g = anticoordination(np);
        gnm_in_set(g);
        lia_game_free(g);
    }
    lia_game *q8 = irrational_game();
    gnm_in_set(q8);
    lia_game_free(q8);
    /* O'Neill's game has one equilibrium, fully mixed: the path must reach it exactly */
    lia_game *g = load("tests/cases/nfg/oneill.nfg");
    lia_eqset *e = solve(g, LIA_NASH_GNM);
    const double oneill[8] = { 0.4, 0.2, 0.2, 0.2, 0.4, 0.2, 0.2, 0.2 };
    assert_true(find(e, oneill, 8) == 0);
    assert_true(lia_eqset_regret(e, 0) <= 1e-15);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_gnm_random(void **state)
{
    (void)state;
    /* small random games: in the full set; larger ones: verified (solve() checks the regret) */
    for (uint64_t seed = 11; seed <= 14; seed++) {
        lia_game *g = random_game(5, 2, seed);
        gnm_in_set(g);
        lia_game_free(g);
        g = random_game(3, 3, seed);
        gnm_in_set(g);
        lia_game_free(g);
        g = random_game(3, 4, seed);
        lia_eqset *e = solve(g, LIA_NASH_GNM);
        assert_int_equal(lia_eqset_count(e), 1);
        lia_eqset_free(e);
        lia_game_free(g);
    }
    /* degenerate games: payoffs drawn from 0..9 tie often, which puts corners (two support
     * changes at one point), continua of equilibria at lambda = 0 and cycling pieces on the
     * path; every run still ends with one verified equilibrium */
    for (uint64_t seed = 1; seed <= 150; seed++) {
        size_t ns[3] = { 3, 3, 3 };
        double u[81];
        uint64_t st = seed;
        for (size_t i = 0; i < 81; i++) u[i] = (double)(lcg(&st) % 10);
        lia_game *g;
        assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
        lia_eqset *e = solve(g, LIA_NASH_GNM);
        assert_int_equal(lia_eqset_count(e), 1);
        lia_eqset_free(e);
        lia_game_free(g);
    }
    /* deterministic: the same game gives the same profile */
    lia_game *g = random_game(3, 4, 99);
    lia_eqset *a = solve(g, LIA_NASH_GNM), *b = solve(g, LIA_NASH_GNM);
    assert_memory_equal(lia_eqset_profile(a, 0), lia_eqset_profile(b, 0), 12 * sizeof(double));
    lia_eqset_free(a);
    lia_eqset_free(b);
    lia_game_free(g);
    /* payoffs in any units: x 1e-12 and x 1e12 give the same equilibrium */
    g = random_game(3, 3, 5);
    const double *u = lia_game_payoffs(g);
    double big[81], small[81];
    for (size_t i = 0; i < 81; i++) {
        big[i] = u[i] * 1e12;
        small[i] = u[i] * 1e-12;
    }
    size_t ns[3] = { 3, 3, 3 };
    lia_game *gb, *gs;
    assert_int_equal(lia_game_new(&gb, 3, ns, big), LIA_OK);
    assert_int_equal(lia_game_new(&gs, 3, ns, small), LIA_OK);
    a = solve(g, LIA_NASH_GNM);
    lia_eqset *eb = solve(gb, LIA_NASH_GNM), *es = solve(gs, LIA_NASH_GNM);
    assert_true(find(eb, lia_eqset_profile(a, 0), 9) == 0 && find(es, lia_eqset_profile(a, 0), 9) == 0);
    lia_eqset_free(a);
    lia_eqset_free(eb);
    lia_eqset_free(es);
    lia_game_free(g);
    lia_game_free(gb);
    lia_game_free(gs);
}

static void test_gnm_edge_games(void **state)
{
    (void)state;
    /* constant game, one player, a one-strategy player: still one verified equilibrium */
    for (size_t i = 0; i < EDGE_GAMES; i++) {
        lia_game *g = parse(edge_games[i]);
        lia_eqset *e = solve(g, LIA_NASH_GNM);
        assert_int_equal(lia_eqset_count(e), 1);
        lia_eqset_free(e);
        lia_game_free(g);
    }
}

/* ---- payoff units, player by player ----------------------------------------------------------- */

static void test_player_scales(void **state)
{
    (void)state;
    /* Multiplying one player's payoffs by a positive constant changes no equilibrium: the
     * 2x2x2 game with player 1's payoffs x 1e9 and player 3's x 1e-9 has the same nine, and
     * each must pass the check at its own player's scale (player 3's regret within 1e-9 of
     * 1.2e-8), which the equations' per-player scaling makes possible */
    lia_game *g0 = load("tests/cases/nfg/2x2x2.nfg");
    double u[24];
    memcpy(u, lia_game_payoffs(g0), sizeof u);
    for (size_t i = 0; i < 8; i++) {
        u[i] *= 1e9;
        u[16 + i] *= 1e-9;
    }
    size_t ns[3] = { 2, 2, 2 };
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
    lia_eqset *ref = solve(g0, LIA_NASH_SUPPORT), *e = solve(g, LIA_NASH_SUPPORT);
    assert_int_equal(lia_eqset_count(e), 9);
    for (size_t k = 0; k < 9; k++) assert_true(find(e, lia_eqset_profile(ref, k), 6) >= 0);
    lia_eqset_free(e);
    e = solve(g, LIA_NASH_GNM);
    assert_true(find(ref, lia_eqset_profile(e, 0), 6) >= 0);
    lia_eqset_free(e);
    lia_eqset_free(ref);
    lia_game_free(g);
    lia_game_free(g0);
    /* A player with far smaller payoffs than the other (test_nash_pure.c's case): at (r1, c1)
     * the column player gains 1e-4 by switching, nothing next to 1e9 but 1e-4 of its own
     * scale; only (r1, c2) is an equilibrium, and both methods say so */
    double pay[8] = { 1e9, 0, 1e9, 0,   1.0, 0, 1.0001, 0 };
    size_t ns2[2] = { 2, 2 };
    assert_int_equal(lia_game_new(&g, 2, ns2, pay), LIA_OK);
    const double only[4] = { 1, 0, 0, 1 };
    e = solve(g, LIA_NASH_SUPPORT);
    expect_set(e, only, 1, 4);
    lia_eqset_free(e);
    e = solve(g, LIA_NASH_GNM);
    expect_set(e, only, 1, 4);
    lia_eqset_free(e);
    lia_game_free(g);
}

/* ---- allocation failures --------------------------------------------------------------------- */

/* Fail the k-th allocation for k = 1, 2, ...: every failing run reports LIA_ENOMEM and leaves
 * nothing behind (the sanitizer build checks leaks), until a run succeeds with the reference
 * answer. */
static void allocation_failures(const lia_game *g, lia_nash_method m)
{
    lia_eqset *ref = solve(g, m);
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = m;
    unsigned long k;
    for (k = 1; k < 1000000; k++) {
        lia_eqset *e = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_nash(&e, g, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) {
            assert_int_equal(lia_eqset_count(e), lia_eqset_count(ref));
            for (size_t q = 0; q < lia_eqset_count(ref); q++)
                assert_true(find(e, lia_eqset_profile(ref, q), width_of(g)) >= 0);
            lia_eqset_free(e);
            break;
        }
        if (st != LIA_ENOMEM) fail_msg("allocation %lu failed but the method returned status %d", k, st);
        assert_null(e);
    }
    assert_true(k > 10);   /* the method really allocates; otherwise this tests nothing */
    lia_eqset_free(ref);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");            /* homotopy path */
    allocation_failures(g, LIA_NASH_SUPPORT);
    allocation_failures(g, LIA_NASH_GNM);
    lia_game_free(g);
    g = load("tests/cases/nfg/coord3.nfg");                      /* two-player path */
    allocation_failures(g, LIA_NASH_SUPPORT);
    allocation_failures(g, LIA_NASH_GNM);
    lia_game_free(g);
    g = load("tests/cases/nfg/oneill.nfg");                      /* a mixed GNM endpoint, polished */
    allocation_failures(g, LIA_NASH_GNM);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_support_2x2x2),
        cmocka_unit_test(test_support_local_max_cut),
        cmocka_unit_test(test_support_anticoordination),
        cmocka_unit_test(test_support_irrational),
        cmocka_unit_test(test_support_random_n_player),
        cmocka_unit_test(test_support_two_player_nondegenerate),
        cmocka_unit_test(test_support_two_player_large_sets),
        cmocka_unit_test(test_support_two_player_degenerate),
        cmocka_unit_test(test_support_edge_games),
        cmocka_unit_test(test_support_units_and_limits),
        cmocka_unit_test(test_gnm_published),
        cmocka_unit_test(test_gnm_random),
        cmocka_unit_test(test_gnm_edge_games),
        cmocka_unit_test(test_player_scales),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
