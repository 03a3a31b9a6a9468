/* test_kohlberg.c — Kohlberg's criterion against nucleoli known by hand or from the literature,
 * and against a slow, independent nucleolus (sequential LPs) and a slow, independent checker
 * (every level, one LP per coalition) on seeded random games. Players are bits: player i is
 * bit i of a coalition's mask. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "share/share.h"
#include "lp/lp.h"
#include "util/mem.h"

#define TOL 1e-9

static int kohlberg(const double *v, size_t n, const double *x, int pre, double tol)
{
    int holds = -1;
    assert_int_equal(lia__kohlberg_check(v, n, x, pre, tol, &holds), LIA_OK);
    assert_true(holds == 0 || holds == 1);
    return holds;
}

/* both variants agree (for games whose prenucleolus is individually rational) */
static void expect_both(const double *v, size_t n, const double *x, int want)
{
    assert_int_equal(kohlberg(v, n, x, 1, TOL), want);
    assert_int_equal(kohlberg(v, n, x, 0, TOL), want);
}

/* Moving d from any player to any other must break the criterion: the nucleolus is unique. */
static void expect_perturbations_fail(const double *v, size_t n, const double *x, int pre, double d)
{
    double y[32];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j) continue;
            memcpy(y, x, n * sizeof *y);
            y[i] += d;
            y[j] -= d;
            if (kohlberg(v, n, y, pre, 1e-7)) fail_msg("moving %g from %zu to %zu kept the criterion", d, j, i);
        }
}

/* ---------------------------------------------------------------- games */

/* v(S) = max(0, E - claims of those outside S) (O'Neill 1982) */
static void bankruptcy(double *v, double E, const double *c, size_t n)
{
    for (size_t s = 0; s < (size_t)1 << n; s++) {
        double out = 0;
        for (size_t i = 0; i < n; i++)
            if (!(s >> i & 1)) out += c[i];
        v[s] = s ? fmax(0, E - out) : 0;
    }
}

static void test_glove_game(void **state)
{
    (void)state;
    /* L = player 0, R1 = 1, R2 = 2: a pair of gloves is worth 1. The core is {(1,0,0)}, so the
     * nucleolus (which lies in a nonempty core) is (1,0,0): all five coalitions other than {L}
     * have excess 0 and balance with weights 1/2 on {L,R1},{L,R2} and 1/4 on the rest. */
    double v[8] = { 0 };
    v[3] = v[5] = v[7] = 1;
    const double nuc[3] = { 1, 0, 0 };
    expect_both(v, 3, nuc, 1);
    expect_perturbations_fail(v, 3, nuc, 1, 1e-3);
    /* Shapley (2/3, 1/6, 1/6): {L,R1} and {L,R2} lead with excess 1/6, and nothing covers
     * R1 without L, so no positive weights sum to 1_N */
    const double phi[3] = { 2.0 / 3, 1.0 / 6, 1.0 / 6 };
    expect_both(v, 3, phi, 0);
}

static void test_bankruptcy_games(void **state)
{
    (void)state;
    /* Aumann & Maschler (1985): the nucleolus of the bankruptcy game is the Talmud rule; claims
     * 100, 200, 300 are their table's. E = 200 (below half the claims, 300): equal awards of the
     * half-claims 50, 100, 150 give (50, 75, 75). Levels: {1},{2,3} at -50, {2},{3} at -75. */
    const double c[3] = { 100, 200, 300 };
    double v[8];
    bankruptcy(v, 200, c, 3);
    const double talmud200[3] = { 50, 75, 75 };
    expect_both(v, 3, talmud200, 1);
    expect_perturbations_fail(v, 3, talmud200, 1, 1e-3);
    expect_perturbations_fail(v, 3, talmud200, 0, 1e-3);
    const double thirds[3] = { 100.0 / 3, 250.0 / 3, 250.0 / 3 };   /* a core point, not the nucleolus */
    expect_both(v, 3, thirds, 0);
    /* E = 100: every v(S) < N is 0, the half-claims all exceed 100/3: equal split */
    bankruptcy(v, 100, c, 3);
    const double equal[3] = { 100.0 / 3, 100.0 / 3, 100.0 / 3 };
    expect_both(v, 3, equal, 1);
    expect_perturbations_fail(v, 3, equal, 1, 1e-3);
    /* E = 300 = half the claims: exactly the half-claims (50, 100, 150); levels {1},{2,3} at -50
     * and {2},{1,3} at -100 */
    bankruptcy(v, 300, c, 3);
    const double half[3] = { 50, 100, 150 };
    expect_both(v, 3, half, 1);
    expect_perturbations_fail(v, 3, half, 0, 1e-3);
}

static void test_tolerance(void **state)
{
    (void)state;
    const double c[3] = { 100, 200, 300 };
    double v[8];
    bankruptcy(v, 200, c, 3);
    /* 1e-10 moved from player 1 to 0 splits the top level {1},{2,3} into two: within the
     * tolerance (2e-7 at scale 200) it is one level, with tol = 0 the top one is {2,3} alone */
    const double x[3] = { 50 + 1e-10, 75 - 1e-10, 75 };
    assert_int_equal(kohlberg(v, 3, x, 1, 1e-9), 1);
    assert_int_equal(kohlberg(v, 3, x, 1, 0), 0);
    /* the same game in other units: 1e-9 and 1e12 times everything */
    const double scales[2] = { 1e-9, 1e12 };
    for (int k = 0; k < 2; k++) {
        double w[8], y[3];
        for (int s = 0; s < 8; s++) w[s] = v[s] * scales[k];
        for (int i = 0; i < 3; i++) y[i] = (i ? 75 : 50) * scales[k];
        expect_both(w, 3, y, 1);
        y[0] += 1e-4 * scales[k];
        y[1] -= 1e-4 * scales[k];
        expect_both(w, 3, y, 0);
    }
}

static void test_symmetric_games(void **state)
{
    (void)state;
    /* v(S) = f(|S|): equal split is the nucleolus (it is symmetric, and the nucleolus is unique
     * and symmetric); each size class is balanced with weight 1 / C(n-1, k-1) */
    double v[64];
    const double f[7] = { 0, 0, 3, 7, 5, 11, 12 };
    for (size_t s = 0; s < 64; s++) {
        size_t k = 0;
        for (size_t t = s; t; t &= t - 1) k++;
        v[s] = f[k];
    }
    const double x[6] = { 2, 2, 2, 2, 2, 2 };
    expect_both(v, 6, x, 1);
    expect_perturbations_fail(v, 6, x, 1, 1e-3);
    /* n = 12, one level of 2508 coalitions (sizes 5, 6 and 7 tie at excess 3): more than the first
     * batch of the selection, and an LP with that many columns */
    size_t n = 12, size = (size_t)1 << n;
    double *w = malloc(size * sizeof *w), y[12];
    assert_non_null(w);
    for (size_t s = 0; s < size; s++) {
        size_t k = 0;
        for (size_t t = s; t; t &= t - 1) k++;
        w[s] = k == n ? 12 : k >= 5 && k <= 7 ? (double)k + 3 : 0;
    }
    for (size_t i = 0; i < n; i++) y[i] = 1;
    expect_both(w, n, y, 1);
    y[3] += 1e-3;
    y[8] -= 1e-3;
    expect_both(w, n, y, 0);
    free(w);
}

static void test_prenucleolus_differs(void **state)
{
    (void)state;
    /* v(1) = 2, v(2) = v(3) = 0, every pair 4, v(N) = 3. Prenucleolus (1,1,1): the three pairs
     * lead with excess 2 and balance with weights 1/2 and span R^3; but x_1 = 1 < v(1).
     * Nucleolus: imputations have x_1 >= 2; with x_2 = x_3 (symmetry) e({2,3}) = 1 + x_1 leads,
     * so x_1 = 2 and x = (2, 1/2, 1/2). There {2,3} leads alone (excess 3), weakly balanced with
     * B0 = {{1}}: 1_{23} + e_1 = 1_N; then {1,2},{1,3} at 1.5 span. */
    double v[8] = { 0, 2, 0, 4, 0, 4, 4, 3 };
    const double pre[3] = { 1, 1, 1 }, nuc[3] = { 2, 0.5, 0.5 };
    assert_int_equal(kohlberg(v, 3, pre, 1, TOL), 1);
    assert_int_equal(kohlberg(v, 3, pre, 0, TOL), 0);
    assert_int_equal(kohlberg(v, 3, nuc, 0, TOL), 1);
    assert_int_equal(kohlberg(v, 3, nuc, 1, TOL), 0);
    expect_perturbations_fail(v, 3, pre, 1, 1e-3);
    expect_perturbations_fail(v, 3, nuc, 0, 1e-3);
}

/* v(S) = x(S) + e(S) for chosen excesses e */
static void plant(double *v, size_t n, const double *x, const double *e)
{
    for (size_t s = 0; s < (size_t)1 << n; s++) {
        double xs = 0;
        for (size_t i = 0; i < n; i++)
            if (s >> i & 1) xs += x[i];
        v[s] = xs + e[s];
    }
}

static void test_levels_that_keep_the_rank(void **state)
{
    (void)state;
    /* x = 1_N, players 0..3. Level 0: {0},{1},{2,3} (a partition, rank 3). Level -1: {0,1},
     * {0,2,3},{1,2,3}, all in that span (no LP needed: still balanced). Level -2: {2} and {3}
     * reach rank 4; the union holds the partition {0},{1},{2},{3}: balanced. */
    double e[16], v[16];
    for (int s = 0; s < 16; s++) e[s] = -5;
    e[15] = 0;
    e[1] = e[2] = e[12] = 0;
    e[3] = e[13] = e[14] = -1;
    e[4] = e[8] = -2;
    const double x[4] = { 1, 1, 1, 1 };
    plant(v, 4, x, e);
    expect_both(v, 4, x, 1);
    /* {3} one level lower: at -2 only {2} joins; player 3 is covered only by {2,3}, {0,2,3} and
     * {1,2,3}, whose weights must then sum to 1 for player 2 too, leaving {2} none */
    e[8] = -3;
    plant(v, 4, x, e);
    expect_both(v, 4, x, 0);
}

static void test_planted_chain(void **state)
{
    (void)state;
    /* n = 10: levels 0, -1, -2, -3 are the new blocks of successively halved partitions (each
     * union holds a whole partition, so is balanced), the last one the singletons; every other
     * coalition has excess in (-20, -10). Several rank-raising levels, several LPs. */
    enum { N = 10 };
    size_t size = (size_t)1 << N;
    double *e = malloc(size * sizeof *e), *v = malloc(size * sizeof *v), x[N];
    assert_non_null(e);
    assert_non_null(v);
    uint64_t seed = 77;
    for (size_t s = 0; s < size; s++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        e[s] = -10 - 10 * (double)(seed >> 11) / 9007199254740992.0;
    }
    e[size - 1] = 0;
    for (size_t i = 0; i < N; i++) x[i] = 1 + 0.1 * (double)i;
    const uint32_t blocks[4][10] = {
        { 0x01f, 0x3e0 },
        { 0x007, 0x018, 0x060, 0x380 },
        { 0x001, 0x006, 0x008, 0x010, 0x020, 0x040, 0x080, 0x300 },
        { 0x002, 0x004, 0x100, 0x200 },
    };
    for (int k = 0; k < 4; k++)
        for (int b = 0; b < 10 && blocks[k][b]; b++) e[blocks[k][b]] = -(double)k;
    plant(v, N, x, e);
    expect_both(v, N, x, 1);
    double y[N];
    memcpy(y, x, sizeof y);
    y[0] += 1e-3;   /* 0 and 1 share every block until {0} and {1,2} part at level -2 */
    y[1] -= 1e-3;
    expect_both(v, N, y, 0);
    free(e);
    free(v);
}

static size_t size_of(uint32_t s)
{
    size_t k = 0;
    for (; s; s &= s - 1) k++;
    return k;
}

/* n = 12, x = 1_N, one leading level at excess 0, everything else at -1 - |S|/100. Large
 * levels are first tried with one weight per coalition size, and against by cutting planes.
 * which = 0: the 4-sets with player 0 (165), those with 1 but not 0 (120), the singletons:
 * balanced (weight eps on each 4-set, the singletons take up the rest), but per-size weights
 * cover players 0 and 1 165 times and the others 81 times, so only the full LP proves it.
 * which = 1: the 4..8-sets with more of players 0-5 than of 6-11: 1_A - 1_B is positive on all
 * of them, so no balancing; no pair of players proves it by containment, the cuts do. */
static void large_level_game(double *v, int which)
{
    enum { N = 12 };
    size_t size = (size_t)1 << N;
    double *e = malloc(size * sizeof *e), x[N];
    assert_non_null(e);
    for (size_t i = 0; i < N; i++) x[i] = 1;
    for (uint32_t s = 0; s < size; s++) {
        size_t k = size_of(s), a = size_of(s & 0x3f), b = k - a;
        int lead = which == 0 ? k == 1 || (k == 4 && (s & 3)) : k >= 4 && k <= 8 && a > b;
        e[s] = s == size - 1 ? 0 : lead ? 0 : -1 - (double)k / 100;
    }
    plant(v, N, x, e);
    free(e);
}

static void test_large_levels(void **state)
{
    (void)state;
    double *v = malloc(((size_t)1 << 12) * sizeof *v), x[12];
    assert_non_null(v);
    for (size_t i = 0; i < 12; i++) x[i] = 1;
    large_level_game(v, 0);
    expect_both(v, 12, x, 1);
    large_level_game(v, 1);
    expect_both(v, 12, x, 0);
    free(v);
}

/* ---------------------------------------------------------------- slow references */

/* Lexicographic minimisation by sequential LPs (Maschler, Peleg & Shapley 1979): minimise the
 * largest excess eps among the coalitions not yet fixed; a coalition whose excess cannot go
 * below eps on that optimal face is fixed at eps; repeat until none is left. Variables x, eps. */
typedef struct {
    size_t n, rows, nnz;
    size_t row[512], col[512];
    double val[512], rhs[40], obj[8], lo[8], hi[8];
    lia_row_kind kind[40];
} small_lp;

static void add_coalition_row(small_lp *p, uint32_t s, int with_eps, lia_row_kind kind, double rhs)
{
    for (size_t i = 0; i < p->n; i++)
        if (s >> i & 1) {
            p->row[p->nnz] = p->rows;
            p->col[p->nnz] = i;
            p->val[p->nnz++] = 1;
        }
    if (with_eps) {
        p->row[p->nnz] = p->rows;
        p->col[p->nnz] = p->n;
        p->val[p->nnz++] = 1;
    }
    p->kind[p->rows] = kind;
    p->rhs[p->rows++] = rhs;
}

static void build_stage(small_lp *p, const double *v, size_t n, int pre, const int *fixed, const double *fixval)
{
    uint32_t grand = (uint32_t)((1u << n) - 1);
    memset(p, 0, sizeof *p);
    p->n = n;
    for (size_t i = 0; i <= n; i++) {
        p->lo[i] = i < n && !pre ? v[1u << i] : -INFINITY;
        p->hi[i] = INFINITY;
    }
    add_coalition_row(p, grand, 0, LIA_ROW_EQ, v[grand]);
    for (uint32_t s = 1; s < grand; s++) {
        if (fixed[s]) add_coalition_row(p, s, 0, LIA_ROW_EQ, v[s] - fixval[s]);
        else add_coalition_row(p, s, 1, LIA_ROW_GE, v[s]);   /* x(S) + eps >= v(S) */
    }
}

static double solve_small(small_lp *p, int maximize, double *sol)
{
    lia_lp lp = { p->rows, p->n + 1, p->nnz, maximize, p->obj, p->row, p->col, p->val, p->kind, p->rhs, p->lo, p->hi };
    lia_lp_outcome out;
    double z;
    assert_int_equal(lia__lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, &out, sol, &z), LIA_OK);
    assert_int_equal(out, LIA_LP_OPTIMAL);
    return z;
}

static void brute_nucleolus(const double *v, size_t n, int pre, double *x)
{
    uint32_t grand = (uint32_t)((1u << n) - 1);
    int fixed[32] = { 0 };
    double fixval[32] = { 0 }, sol[8];
    size_t left = grand - 1;
    small_lp p;
    while (left) {
        build_stage(&p, v, n, pre, fixed, fixval);
        p.obj[n] = 1;
        double eps = solve_small(&p, 0, sol);
        memcpy(x, sol, n * sizeof *x);
        size_t newly = 0;
        int fix_now[32] = { 0 };
        for (uint32_t s = 1; s < grand; s++) {
            if (fixed[s]) continue;
            double xs = 0;
            for (size_t i = 0; i < n; i++)
                if (s >> i & 1) xs += sol[i];
            if (v[s] - xs < eps - 1e-7) continue;   /* not tight at this optimum: not fixed */
            /* can e(S) go below eps while every free excess stays <= eps? max x(S) */
            small_lp q = p;
            memset(q.obj, 0, sizeof q.obj);
            for (size_t i = 0; i < n; i++) q.obj[i] = s >> i & 1;
            q.lo[n] = q.hi[n] = eps;
            double best = solve_small(&q, 1, NULL);
            if (v[s] - best >= eps - 1e-8) fix_now[s] = 1;
        }
        for (uint32_t s = 1; s < grand; s++)
            if (fix_now[s]) {
                fixed[s] = 1;
                fixval[s] = eps;
                newly++;
            }
        assert_true(newly > 0);   /* theory: some coalition is always fixed */
        left -= newly;
    }
}

/* Kohlberg by definition: every level's cumulative collection, balanced iff each member can
 * get a positive weight in some nonnegative balancing (then the average of those weightings is
 * positive on all); one LP per coalition not yet seen positive. */
typedef struct {
    double e;
    uint32_t s;
} ranked;

static int by_excess_desc(const void *a, const void *b)
{
    double x = ((const ranked *)a)->e, y = ((const ranked *)b)->e;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int naive_balanced(const uint32_t *d, size_t m, uint32_t b0, size_t n)
{
    size_t row[400], col[400], cols = m + n;
    double val[400], obj[40], rhs[8], sol[40], z;
    lia_row_kind kind[8];
    int positive[40] = { 0 };
    size_t nnz = 0;
    for (size_t j = 0; j < m; j++)
        for (size_t i = 0; i < n; i++)
            if (d[j] >> i & 1) row[nnz] = i, col[nnz] = j, val[nnz++] = 1;
    for (size_t i = 0; i < n; i++) {
        kind[i] = LIA_ROW_EQ;
        rhs[i] = 1;
        row[nnz] = i, col[nnz] = m + i, val[nnz++] = 1;
    }
    double hi[40];
    for (size_t j = 0; j < cols; j++) hi[j] = j < m || (b0 >> (j - m) & 1) ? INFINITY : 0;
    for (size_t j = 0; j < m; j++) {
        if (positive[j]) continue;
        memset(obj, 0, sizeof obj);
        obj[j] = 1;
        lia_lp lp = { n, cols, nnz, 1, obj, row, col, val, kind, rhs, NULL, hi };
        lia_lp_outcome out;
        assert_int_equal(lia__lp_solve_by(&lp, LIA_LP_PRIMAL_TIGHT, &out, sol, &z), LIA_OK);
        if (out != LIA_LP_OPTIMAL || z <= 1e-9) return 0;
        for (size_t k = 0; k < m; k++)
            if (sol[k] > 1e-9) positive[k] = 1;
    }
    return 1;
}

static int naive_kohlberg(const double *v, size_t n, const double *x, int pre, double tol)
{
    uint32_t grand = (uint32_t)((1u << n) - 1), b0 = 0, d[32];
    double scale = 0;
    for (uint32_t s = 0; s <= grand; s++) scale = fmax(scale, fabs(v[s]));
    for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(x[i]));
    double tau = tol * (scale > 0 ? scale : 1);
    for (size_t i = 0; !pre && i < n; i++) {
        if (x[i] < v[1u << i] - tau) return 0;
        if (x[i] <= v[1u << i] + tau) b0 |= 1u << i;
    }
    ranked r[32];
    size_t m = 0;
    for (uint32_t s = 1; s < grand; s++) {
        double xs = 0;
        for (size_t i = 0; i < n; i++)
            if (s >> i & 1) xs += x[i];
        r[m++] = (ranked){ v[s] - xs, s };
    }
    qsort(r, m, sizeof *r, by_excess_desc);
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && r[j].e >= r[i].e - tau) j++;
        for (size_t k = 0; k < j; k++) d[k] = r[k].s;
        if (!naive_balanced(d, j, b0, n)) return 0;
        i = j;
    }
    return 1;
}

static double uniform(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return (double)(*seed >> 11) / 9007199254740992.0;
}

/* continuous values, or small integers (ties and degenerate LPs) */
static void random_game(double *v, size_t n, uint64_t *seed, int integer)
{
    uint32_t grand = (uint32_t)((1u << n) - 1);
    double singles = 0;
    v[0] = 0;
    for (uint32_t s = 1; s < grand; s++) {
        size_t k = 0;
        for (uint32_t t = s; t; t &= t - 1) k++;
        if (integer) v[s] = k == 1 ? floor(2 * uniform(seed)) : floor(4 * uniform(seed));
        else v[s] = k == 1 ? 0.3 * uniform(seed) : (double)k * uniform(seed);
        if (k == 1) singles += v[s];
    }
    double vn = integer ? floor(2 * (double)n * uniform(seed)) : (double)n * (0.5 + 0.5 * uniform(seed));
    v[grand] = fmax(vn, singles);   /* a nonempty imputation set */
}

static void test_brute_force_cross_check(void **state)
{
    (void)state;
    uint64_t seed = 2026;
    double v[32], x[2][5], y[5];
    size_t games = 0, differ = 0;
    for (size_t n = 2; n <= 5; n++)
        for (int g = 0; g < 8; g++, games++) {
            random_game(v, n, &seed, g % 2);
            for (int pre = 0; pre < 2; pre++) {
                brute_nucleolus(v, n, pre, x[pre]);
                assert_int_equal(kohlberg(v, n, x[pre], pre, 1e-7), 1);
                assert_int_equal(naive_kohlberg(v, n, x[pre], pre, 1e-7), 1);
                for (size_t i = 0; i < n; i++)
                    for (size_t j = 0; j < n; j++) {
                        if (i == j) continue;
                        memcpy(y, x[pre], n * sizeof *y);
                        y[i] += 1e-3;
                        y[j] -= 1e-3;
                        assert_int_equal(kohlberg(v, n, y, pre, 1e-7), 0);
                        assert_int_equal(naive_kohlberg(v, n, y, pre, 1e-7), 0);
                    }
                /* random efficient points: the two checkers agree */
                for (int t = 0; t < 3; t++) {
                    double sum = 0;
                    for (size_t i = 0; i < n; i++) sum += y[i] = x[pre][i] + 0.5 * (uniform(&seed) - 0.5);
                    y[n - 1] += v[(1u << n) - 1] - sum;
                    assert_int_equal(kohlberg(v, n, y, pre, 1e-7), naive_kohlberg(v, n, y, pre, 1e-7));
                }
            }
            double gap = 0;
            for (size_t i = 0; i < n; i++) gap = fmax(gap, fabs(x[0][i] - x[1][i]));
            if (gap > 1e-5) {   /* then each variant rejects the other's point */
                differ++;
                assert_int_equal(kohlberg(v, n, x[0], 1, 1e-7), 0);
                assert_int_equal(kohlberg(v, n, x[1], 0, 1e-7), 0);
            }
        }
    assert_true(differ >= 3);   /* the nucleolus variant was really exercised */
    (void)games;
}

/* ---------------------------------------------------------------- misuse and memory */

static void test_misuse(void **state)
{
    (void)state;
    double v[8] = { 0, 0, 0, 1, 0, 1, 0, 1 }, x[3] = { 1, 0, 0 };
    int h = 7;
    assert_int_equal(lia__kohlberg_check(NULL, 3, x, 1, TOL, &h), LIA_EUSAGE);
    assert_int_equal(h, 0);
    assert_int_equal(lia__kohlberg_check(v, 3, NULL, 1, TOL, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, TOL, NULL), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 0, x, 1, TOL, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 31, x, 1, TOL, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, -1, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, NAN, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, INFINITY, &h), LIA_EUSAGE);
    v[2] = NAN;
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, TOL, &h), LIA_EUSAGE);
    v[2] = 0;
    x[1] = INFINITY;
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, TOL, &h), LIA_EUSAGE);
    x[1] = 1e-3;   /* x(N) = 1.001 != v(N) */
    assert_int_equal(lia__kohlberg_check(v, 3, x, 1, TOL, &h), LIA_EUSAGE);
    assert_int_equal(lia__kohlberg_check(v, 3, x, 0, TOL, &h), LIA_EUSAGE);
    assert_int_equal(h, 0);
    /* one player: no proper coalition, the criterion is vacuous */
    double v1[2] = { 0, 5 }, x1[1] = { 5 };
    assert_int_equal(kohlberg(v1, 1, x1, 1, 0), 1);
    assert_int_equal(kohlberg(v1, 1, x1, 0, 0), 1);
    x1[0] = 4;
    assert_int_equal(lia__kohlberg_check(v1, 1, x1, 1, TOL, &h), LIA_EUSAGE);
    /* two players: the standard solution, halves of the surplus */
    double v2[4] = { 0, 1, 2, 5 }, x2[2] = { 2, 3 };
    expect_both(v2, 2, x2, 1);
    x2[0] = 2.5, x2[1] = 2.5;
    expect_both(v2, 2, x2, 0);
}

typedef struct {
    const double *v;
    size_t n;
    const double *x;
    int pre;
} mem_case;

static void test_allocation_failures(void **state)
{
    (void)state;
    size_t n = 12, size = (size_t)1 << n;
    double *big = malloc(size * sizeof *big), ones[12], c[3] = { 100, 200, 300 }, bank[8];
    assert_non_null(big);
    for (size_t s = 0; s < size; s++) {
        size_t k = 0;
        for (size_t t = s; t; t &= t - 1) k++;
        big[s] = k == n ? 12 : k >= 5 && k <= 7 ? (double)k + 3 : 0;
    }
    for (size_t i = 0; i < n; i++) ones[i] = 1;
    bankruptcy(bank, 200, c, 3);
    double *mixed = malloc(size * sizeof *mixed), *majority = malloc(size * sizeof *majority);
    assert_non_null(mixed);
    assert_non_null(majority);
    large_level_game(mixed, 0);
    large_level_game(majority, 1);
    const double talmud[3] = { 50, 75, 75 }, wrong[3] = { 60, 65, 75 };
    const mem_case cases[] = {
        { big, 12, ones, 1 }, { big, 12, ones, 0 }, { bank, 3, talmud, 0 }, { bank, 3, wrong, 1 },
        { mixed, 12, ones, 1 }, { majority, 12, ones, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const mem_case *m = &cases[i];
        int ref = kohlberg(m->v, m->n, m->x, m->pre, TOL), h;
        unsigned long k, failed = 0;
        for (k = 1; k < 10000; k++) {
            h = 7;
            lia__mem_fail_after(k);
            lia_status st = lia__kohlberg_check(m->v, m->n, m->x, m->pre, TOL, &h);
            lia__mem_fail_after(0);
            if (st == LIA_OK) {
                assert_int_equal(h, ref);
                break;
            }
            if (st != LIA_ENOMEM) fail_msg("case %zu: allocation %lu failed but the status is %d", i, k, st);
            assert_int_equal(h, 0);
            failed++;
        }
        assert_true(failed >= 5);   /* the check really allocates; otherwise this tests nothing */
    }
    free(big);
    free(mixed);
    free(majority);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glove_game),
        cmocka_unit_test(test_bankruptcy_games),
        cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_symmetric_games),
        cmocka_unit_test(test_prenucleolus_differs),
        cmocka_unit_test(test_levels_that_keep_the_rank),
        cmocka_unit_test(test_planted_chain),
        cmocka_unit_test(test_large_levels),
        cmocka_unit_test(test_brute_force_cross_check),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
