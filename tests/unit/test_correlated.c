/* test_correlated.c — correlated and coarse correlated equilibria against hand computations,
 * the CPLEX LP text read back by glpsol, allocation failure at every point, and misuse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "lp/lp.h"
#include "util/mem.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Aumann's chicken, lrsnash input: rows and columns are C, D.
 * u(C,C) = (6,6), u(C,D) = (2,7), u(D,C) = (7,2), u(D,D) = (0,0). */
static const char chicken_lrs[] = "2 2\n\n6 2\n7 0\n\n6 7\n2 0\n";

static lia_game *chicken(void) { return parse(chicken_lrs); }

/* Profiles of a two-player game: first player fastest. */
enum { CC = 0, DC = 1, CD = 2, DD = 3 };

static lia_correlated *solve(const lia_game *g, int coarse)
{
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    o.coarse = coarse;
    lia_correlated *c;
    assert_int_equal(lia_game_correlated(&c, g, &o), LIA_OK);
    return c;
}

static void range_is(const lia_correlated *c, size_t p, double worst, double best)
{
    double w, b;
    assert_int_equal(lia_correlated_range(c, p, &w, &b), LIA_OK);
    NEAR(w, worst);
    NEAR(b, best);
}

static void test_chicken(void **state)
{
    (void)state;
    lia_game *g = chicken();
    lia_correlated *c = solve(g, 0);
    /* With a = p(C,C), b = p(C,D), c = p(D,C), d = p(D,D), the incentive rows are
     *   row told C: 6a + 2b >= 7a + 0b, i.e. 2b >= a;   row told D: 7c + 0d >= 6c + 2d, c >= 2d;
     *   column told C: 2c >= a;                         column told D: b >= 2d.
     * Welfare 12a + 9b + 9c = 9 + 3a - 9d once b + c = 1 - a - d; a <= 2b and a <= 2c give
     * 2a <= 2(b + c) = 2(1 - a - d), so a <= (1 - d)/2 and welfare <= 10.5 - 10.5d: the best is
     * d = 0, a = 1/2, then b, c >= 1/4 with b + c = 1/2 forces b = c = 1/4. Welfare 10.5. */
    const double *p = lia_correlated_distribution(c);
    NEAR(p[CC], 0.5);
    NEAR(p[CD], 0.25);
    NEAR(p[DC], 0.25);
    NEAR(p[DD], 0);
    NEAR(lia_correlated_welfare(c), 10.5);
    /* each: 6/2 + 2/4 + 7/4 = 5.25 */
    NEAR(lia_correlated_payoffs(c)[0], 5.25);
    NEAR(lia_correlated_payoffs(c)[1], 5.25);
    /* Best for the row player: u <= 7 everywhere, and the pure equilibrium (D,C) gives 7.
     * Worst: 6a + 2b + 7c = 2(a + b + c + d) + 4a + 5c - 2d >= 2 + 4a + 8d >= 2, using
     * c >= 2d (so 5c - 2d >= 8d); the pure equilibrium (C,D) gives 2. By symmetry the same
     * for the column player. */
    range_is(c, 0, 2, 7);
    range_is(c, 1, 2, 7);
    assert_int_equal(lia_correlated_coarse(c), 0);
    lia_correlated_free(c);
    /* With two strategies the coarse row "always b" sums over a != b only: it is the CE row
     * "told a, keep a rather than b". So for 2x2 games CCE = CE. */
    c = solve(g, 1);
    assert_int_equal(lia_correlated_coarse(c), 1);
    NEAR(lia_correlated_welfare(c), 10.5);
    NEAR(lia_correlated_distribution(c)[CC], 0.5);
    range_is(c, 0, 2, 7);
    lia_correlated_free(c);
    lia_game_free(g);
}

static void test_prisoners_dilemma(void **state)
{
    (void)state;
    /* The row player told C: p(C,C)(3 - 5) + p(C,D)(0 - 1) >= 0 forces p(C,C) = p(C,D) = 0;
     * the column player likewise p(D,C) = 0. The only CE is the Nash equilibrium (D,D). */
    lia_game *g = parse("game pd normal { players R, C; strategies R: C, D; strategies C: C, D\n"
                        "  matrix R [3 0; 5 1]; matrix C [3 5; 0 1] }\n");
    lia_correlated *c = solve(g, 0);
    const double *p = lia_correlated_distribution(c);
    NEAR(p[DD], 1);
    NEAR(p[CC] + p[CD] + p[DC], 0);
    NEAR(lia_correlated_welfare(c), 2);
    range_is(c, 0, 1, 1);
    range_is(c, 1, 1, 1);
    lia_correlated_free(c);
    lia_game_free(g);
}

static void test_matching_pennies(void **state)
{
    (void)state;
    /* u_1 = 1 on a match, -1 otherwise; u_2 = -u_1. With a = p(H,H), b = p(H,T), c = p(T,H),
     * d = p(T,T): row told H gives a >= b, told T d >= c; column told H c >= a, told T b >= d.
     * So a >= b >= d >= c >= a: all 1/4, the unique CE, with payoffs 0. */
    lia_game *g = parse("game mp normal { players R, C; strategies R: H, T; strategies C: H, T\n"
                        "  matrix R [1 -1; -1 1]; matrix C [-1 1; 1 -1] }\n");
    lia_correlated *c = solve(g, 0);
    for (int s = 0; s < 4; s++) NEAR(lia_correlated_distribution(c)[s], 0.25);
    NEAR(lia_correlated_welfare(c), 0);
    range_is(c, 0, 0, 0);
    range_is(c, 1, 0, 0);
    lia_correlated_free(c);
    lia_game_free(g);
}

/* Aumann's (1974) three-player example: player 1 picks the row T/B, player 2 the column L/R,
 * player 3 the matrix A/B/C:
 *     A: TL (0,0,3)  TR (0,0,0)    B: TL (2,2,2)  TR (0,0,0)    C: TL (0,0,0)  TR (0,0,0)
 *        BL (1,0,0)  BR (0,0,0)       BL (0,0,0)  BR (2,2,2)       BL (0,1,0)  BR (0,0,3)  */
static lia_game *aumann(void)
{
    static const size_t ns[3] = { 2, 2, 3 };
    /* profile = s1 + 2 s2 + 4 s3: TL, BL, TR, BR in each matrix */
    static const double u[36] = { 0, 1, 0, 0, 2, 0, 0, 2, 0, 0, 0, 0,
                                  0, 0, 0, 0, 2, 0, 0, 2, 0, 1, 0, 0,
                                  3, 0, 0, 0, 2, 0, 0, 2, 0, 0, 0, 3 };
    lia_game *g;
    assert_int_equal(lia_game_new(&g, 3, ns, u), LIA_OK);
    return g;
}

enum { TLB = 4, BRB = 7 };

static void test_three_players(void **state)
{
    (void)state;
    lia_game *g = aumann();
    lia_correlated *c = solve(g, 0);
    /* Welfare 6 is the most any profile gives, only at TL-B and BR-B. With w on TL-B and 1 - w
     * on BR-B, players 1 and 2 told their part of either profile lose 2 by deviating; player 3
     * told B gets 2, against 3w from A and 3(1 - w) from C. So exactly w in [1/3, 2/3] are the
     * max-welfare CE, all with payoffs (2, 2, 2). */
    const double *p = lia_correlated_distribution(c);
    NEAR(lia_correlated_welfare(c), 6);
    NEAR(p[TLB] + p[BRB], 1);
    assert_true(p[TLB] >= 1.0 / 3 - 1e-9 && p[TLB] <= 2.0 / 3 + 1e-9);
    for (int k = 0; k < 3; k++) NEAR(lia_correlated_payoffs(c)[k], 2);
    /* TR-A is a pure equilibrium where everyone gets 0 (every deviation also gives 0), the
     * least anyone gets anywhere; players 1 and 2 get at most 2 anywhere, and get it above.
     * Player 3 can get 3 at most, and 2 above. */
    range_is(c, 0, 0, 2);
    range_is(c, 1, 0, 2);
    double w, b;
    assert_int_equal(lia_correlated_range(c, 2, &w, &b), LIA_OK);
    NEAR(w, 0);
    assert_true(b >= 2 - 1e-9 && b <= 3 + 1e-9);
    lia_correlated_free(c);
    lia_game_free(g);
}

/* Row player T/B, column player L/M/R:
 *        L      M      R
 *   T  (1,0)  (0,2)  (0,3)
 *   B  (0,3)  (3,2)  (0,0)      */
static lia_game *coarse_gap(void)
{
    return parse("game gap normal { players R, C; strategies R: T, B; strategies C: L, M, R\n"
                 "  matrix R [1 0 0; 0 3 0]; matrix C [0 2 3; 3 2 0] }\n");
}

enum { TL = 0, BL = 1, TM = 2, BM = 3, TR = 4, BR = 5 };

static void test_coarse_contains_correlated(void **state)
{
    (void)state;
    lia_game *g = coarse_gap();
    /* With a..f = p(TL), p(TM), p(TR), p(BL), p(BM), p(BR), welfare W = a + 2b + 3c + 3d + 5e.
     * CE rows include: row told T, not B: a - 3b >= 0; column told M, not L: 2b - e >= 0. Then
     *   3 - W = 2a + b - 2e + 3f = a + 3f + (a - 3b) + 2(2b - e) >= 0,
     * so W <= 3, with equality only if a = f = 0, b = a/3 = 0, e = 2b = 0, and then d = 0 from
     * "row told B, not T": 3e - d >= 0. The max-welfare CE is the pure equilibrium TR. */
    lia_correlated *ce = solve(g, 0);
    NEAR(lia_correlated_welfare(ce), 3);
    NEAR(lia_correlated_distribution(ce)[TR], 1);
    /* CCE rows "row always B": a - 3b >= 0, and "column always L": 2b + 3c - e - 3f >= 0. Then
     *   9/2 - W = 7a/2 + 3b/2 + 3d/2 + 6f + (2b + 3c - e - 3f)/2 >= 0,
     * equality only if a = b = d = f = 0 and e = 3c: p(TR) = 1/4, p(BM) = 3/4, W = 9/2. That
     * is a CCE: the row player gets 9/4 and always-T gives 0, always-B 9/4; the column player
     * gets 9/4 and always-L gives 9/4, always-M 2, always-R 3/4. Not a CE: told M (only at BM)
     * the column player gets 2 rather than 3 from L. */
    lia_correlated *cce = solve(g, 1);
    NEAR(lia_correlated_welfare(cce), 4.5);
    NEAR(lia_correlated_distribution(cce)[TR], 0.25);
    NEAR(lia_correlated_distribution(cce)[BM], 0.75);
    NEAR(lia_correlated_payoffs(cce)[0], 2.25);
    NEAR(lia_correlated_payoffs(cce)[1], 2.25);
    /* every CE is a CCE: each CCE row is a sum of CE rows, so the ranges can only widen */
    for (size_t p = 0; p < 2; p++) {
        double w1, b1, w2, b2;
        assert_int_equal(lia_correlated_range(ce, p, &w1, &b1), LIA_OK);
        assert_int_equal(lia_correlated_range(cce, p, &w2, &b2), LIA_OK);
        assert_true(w2 <= w1 + 1e-9 && b2 >= b1 - 1e-9);
    }
    lia_correlated_free(ce);
    lia_correlated_free(cce);
    lia_game_free(g);
}

/* Payoffs in other units, and shifted: GLPK sees them mapped onto [0, 1], so the answer must
 * not move (at 1e-12 GLPK's absolute tolerances would otherwise swallow every difference). */
static void test_payoff_units(void **state)
{
    (void)state;
    const double base[8] = { 6, 7, 2, 0, 6, 2, 7, 0 };
    const double factor[3] = { 1e-12, 1e9, 1 }, shift[3] = { 0, 0, 1e6 };
    const size_t ns[2] = { 2, 2 };
    for (int k = 0; k < 3; k++) {
        double u[8];
        for (int i = 0; i < 8; i++) u[i] = base[i] * factor[k] + shift[k];
        lia_game *g;
        assert_int_equal(lia_game_new(&g, 2, ns, u), LIA_OK);
        lia_correlated *c = solve(g, 0);
        NEAR(lia_correlated_distribution(c)[CC], 0.5);
        NEAR(lia_correlated_distribution(c)[CD], 0.25);
        double want = 10.5 * factor[k] + 2 * shift[k];
        assert_true(fabs(lia_correlated_welfare(c) - want) <= 1e-9 * want);
        lia_correlated_free(c);
        lia_game_free(g);
    }
}

/* glpsol's optimum of an LP text, from its solution file: "c Status:     OPTIMAL" and
 * "s bas ROWS COLS f f OBJECTIVE" with 15 significant digits. */
static double glpsol_optimum(const char *text)
{
    if (system("command -v glpsol >/dev/null 2>&1") != 0) fail_msg("glpsol not installed (Debian: glpk-utils)");
    char dir[] = "/tmp/lia-glpsol-XXXXXX", path[64], cmd[256], line[512];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/p.lp", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "glpsol --lp %s/p.lp -w %s/p.sol >/dev/null 2>&1", dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s/p.sol", dir);
    f = fopen(path, "r");
    assert_non_null(f);
    double v = NAN;
    int optimal = 0, rows, cols;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "c Status:", 9) == 0 && strstr(line, "OPTIMAL")) optimal = 1;
        if (sscanf(line, "s bas %d %d f f %lf", &rows, &cols, &v) == 3) break;
    }
    fclose(f);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_true(optimal);
    return v;
}

/* Two optima agree to 1e-9 relative: glpsol and liaison solve the same LP in their own way. */
#define SAME_OPTIMUM(a, b) assert_true(fabs((a) - (b)) <= 1e-9 * (1 + fabs((double)(b))))

static void test_lp_text_read_by_glpsol(void **state)
{
    (void)state;
    /* the written LP is in the game's units, so glpsol's optimum is the welfare itself */
    lia_game *games[3] = { chicken(), coarse_gap(), aumann() };
    for (int k = 0; k < 3; k++)
        for (int coarse = 0; coarse < 2; coarse++) {
            lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
            o.coarse = coarse;
            char *text;
            size_t len;
            assert_int_equal(lia_game_correlated_lp(&text, &len, games[k], &o), LIA_OK);
            assert_int_equal(strlen(text), len);
            lia_correlated *c = solve(games[k], coarse);
            double w = lia_correlated_welfare(c);
            SAME_OPTIMUM(glpsol_optimum(text), w);
            lia_correlated_free(c);
            lia_free(text);
        }
    /* names by profile and by (player, a, b) */
    char *text;
    assert_int_equal(lia_game_correlated_lp(&text, NULL, games[1], NULL), LIA_OK);
    assert_non_null(strstr(text, "\nMaximize\n obj: p(T,L) + 3 p(B,L) + 2 p(T,M) + 5 p(B,M) + 3 p(T,R)\n"));
    assert_non_null(strstr(text, "\n ic(C,M,L): 2 p(T,M) - p(B,M) >= 0\n"));
    assert_non_null(strstr(text, "\n total: p(T,L) + p(B,L)"));
    lia_free(text);
    /* the security LP: the prisoner's dilemma row player guarantees 1 by D */
    lia_game *pd = parse("game pd normal { players R, C; strategies R: C, D; strategies C: C, D\n"
                         "  matrix R [3 0; 5 1]; matrix C [3 5; 0 1] }\n");
    assert_int_equal(lia_game_maxmin_lp(&text, NULL, pd, 0), LIA_OK);
    assert_non_null(strstr(text, "\n vs(C): 3 x(C) + 5 x(D) - v >= 0\n"));
    assert_non_null(strstr(text, "\n v free\n"));
    SAME_OPTIMUM(glpsol_optimum(text), 1);
    lia_free(text);
    /* McKelvey-McLennan 2x2x2, player 3: security value 3/2 (tests/unit/test_lp.c) */
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");
    double v, x[2];
    assert_int_equal(lia_game_maxmin(g, 2, &v, x), LIA_OK);
    assert_int_equal(lia_game_maxmin_lp(&text, NULL, g, 2), LIA_OK);
    SAME_OPTIMUM(glpsol_optimum(text), v);
    NEAR(v, 1.5);
    lia_free(text);
    lia_game_free(g);
    lia_game_free(pd);
    for (int k = 0; k < 3; k++) lia_game_free(games[k]);
}

/* An LP with every kind of bound and every kind of awkward name. */
#define LONG200 "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"
_Static_assert(sizeof LONG200 == 201, "LONG200 is the 200-byte name cap");
static const char *const hostile_cols[12] = { "1st", "a b", "end", "dup", "dup", NULL, "", LONG200 "one",
                                              LONG200 "two", "x6", "~t:c\\b", "\xc3\xa9" };
static const char *const hostile_rows[6] = { "free", "st", "dup", "dup", NULL, "Subject To" };

static lia_lp hostile_lp(double *obj, double *lo, double *hi)
{
    /* max x0/3 + x1/10 + 2 x2 - x5 + 1e-300 x6 + x7 + 2 x8 + 3 x9 + 4 x10 + 5 x11
     *   free:  x0 + x1 + x2 <= 10        st: x1 - x2 >= -3        dup: x1 <= 4 (a row too)
     *   dup:   x7 + .. + x11 <= 2.5      (a row of zeros) >= -1   x0 - x2/10 = 1/3
     * x1 <= 4 (no lower bound), x2 free, x3 unused, x4 = 0.5, 1 <= x5 <= 2, x6..x11 in [0, 1].
     * Optimum: x5 = 1, x11 = x10 = 1, x9 = 1/2 (10.5 - 1). With x0 = 1/3 + x2/10 the rest is
     * max 1/9 + 61/30 x2 + x1/10 s.t. x2 <= x1 + 3 and x1 + 11/10 x2 <= 29/3; the gradient is
     * 0.9159 (-1, 1) + 1.0159 (1, 1.1), so both bind: x2 = 380/63, x1 = 191/63, x0 = 59/63. */
    static const size_t row[] = { 0, 0, 0, 1, 1, 2, 3, 3, 3, 3, 3, 4, 4, 5, 5 };
    static const size_t col[] = { 0, 1, 2, 2, 1, 1, 7, 8, 9, 10, 11, 0, 3, 0, 2 };
    static const double val[] = { 1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, -0.1 };
    static const lia_row_kind kind[] = { LIA_ROW_LE, LIA_ROW_GE, LIA_ROW_LE, LIA_ROW_LE, LIA_ROW_GE, LIA_ROW_EQ };
    static const double rhs[] = { 10, -3, 4, 2.5, -1, 1.0 / 3 };
    const double o[12] = { 1.0 / 3, 0.1, 2, 0, 0, -1, 1e-300, 1, 2, 3, 4, 5 };
    for (int j = 0; j < 12; j++) { obj[j] = o[j]; lo[j] = 0; hi[j] = j >= 6 ? 1 : INFINITY; }
    lo[1] = -INFINITY; hi[1] = 4;
    lo[2] = -INFINITY;
    lo[4] = hi[4] = 0.5;
    lo[5] = 1; hi[5] = 2;
    return (lia_lp){ 6, 12, 15, 1, obj, row, col, val, kind, rhs, lo, hi };
}

static void test_lp_writer_names_and_numbers(void **state)
{
    (void)state;
    double obj[12], lo[12], hi[12], x[12], z;
    lia_lp lp = hostile_lp(obj, lo, hi);
    lia_lp_outcome out;
    assert_int_equal(lia__lp_solve(&lp, &out, x, &z), LIA_OK);
    assert_int_equal(out, LIA_LP_OPTIMAL);
    NEAR(z, 59.0 / 189 + 191.0 / 630 + 760.0 / 63 - 1 + 10.5);
    char *text;
    assert_int_equal(lia__lp_write_cplex(&text, NULL, &lp, "hostile\nnames", hostile_cols, hostile_rows), LIA_OK);
    SAME_OPTIMUM(glpsol_optimum(text), z);
    /* legal and unique: a leading digit or a keyword gets '_', other characters become '_', a
     * repeat gets ~index (1-based), including a given name equal to a generated one */
    const char *want[] = { "\\* hostile names *\\\n", " _1st", " a_b", " _end free", " dup~5 = 0.5\n",
                           " 1 <= x6 <= 2\n", " 0 <= x7 <= 1\n", " dup >= 0\n", " x6~10", " _t_c_b", " __\n",
                           " _free: ", " _st: ", " dup: ", " dup~4: ", " r5: 0 _1st >= -1\n",
                           " Subject_To: ", " -inf <= a_b <= 4\n", "0.3333333333333333 _1st",
                           "1e-300 x7", " LONG", " = 0.3333333333333333\n" };
    for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
        if (strcmp(want[k], " LONG") == 0) {
            /* truncated to 200 bytes, so the second repeats the first */
            assert_non_null(strstr(text, " " LONG200 " "));
            assert_non_null(strstr(text, " " LONG200 "~9 "));
            continue;
        }
        if (!strstr(text, want[k])) fail_msg("missing \"%s\" in\n%s", want[k], text);
    }
    assert_null(strstr(text, "one"));
    /* the same (row, col) twice is refused, as GLPK's reader would */
    size_t dup_row[2] = { 0, 0 }, dup_col[2] = { 3, 3 };
    lia_lp twice = lp;
    twice.nnz = 2;
    twice.row = dup_row;
    twice.col = dup_col;
    char *t2 = (char *)1;
    assert_int_equal(lia__lp_write_cplex(&t2, NULL, &twice, NULL, NULL, NULL), LIA_EUSAGE);
    assert_null(t2);
    /* generated names and no title */
    assert_int_equal(lia__lp_write_cplex(&t2, NULL, &lp, NULL, NULL, NULL), LIA_OK);
    const char *head = "Maximize\n obj: 0.3333333333333333 x1 + 0.1 x2 + 2 x3 - x6 + 1e-300 x7";
    assert_true(strncmp(t2, head, strlen(head)) == 0);
    SAME_OPTIMUM(glpsol_optimum(t2), z);
    lia_free(t2);
    lia_free(text);
}

static void test_lp_text_ignores_the_host_locale(void **state)
{
    (void)state;
    double obj[12], lo[12], hi[12];
    lia_lp lp = hostile_lp(obj, lo, hi);
    char *c_text, *de_text;
    assert_int_equal(lia__lp_write_cplex(&c_text, NULL, &lp, NULL, hostile_cols, hostile_rows), LIA_OK);
    /* a notebook may run under a locale that writes 0,5; generate one (Debian's `locales`) */
    char dir[] = "/tmp/lia-locale-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    assert_int_equal(system(cmd), 0);
    setenv("LOCPATH", dir, 1);
    assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    char probe[16];
    snprintf(probe, sizeof probe, "%.1f", 0.5);
    assert_string_equal(probe, "0,5");
    assert_int_equal(lia__lp_write_cplex(&de_text, NULL, &lp, NULL, hostile_cols, hostile_rows), LIA_OK);
    lia_game *g = chicken();
    lia_correlated *c = solve(g, 0);
    char *json;
    assert_int_equal(lia_correlated_write(&json, NULL, c, LIA_FORMAT_JSON), LIA_OK);
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(de_text, c_text);
    assert_non_null(strstr(json, "\"distribution\": [0.5, 0.25, 0.25, 0]"));
    lia_free(json);
    lia_correlated_free(c);
    lia_game_free(g);
    lia_free(c_text);
    lia_free(de_text);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_handle_outlives_game(void **state)
{
    (void)state;
    lia_game *g = coarse_gap();
    lia_correlated *c = solve(g, 1);
    lia_game_free(g);   /* the handle copied the labels it writes */
    char *json, *text;
    assert_int_equal(lia_correlated_write(&json, NULL, c, LIA_FORMAT_JSON), LIA_OK);
    assert_string_equal(json,
                        "{\"game\": \"gap\", \"players\": [\"R\", \"C\"], \"strategies\": [[\"T\", \"B\"], [\"L\", \"M\", \"R\"]],\n"
                        " \"coarse\": true, \"welfare\": 4.5,\n"
                        " \"distribution\": [0, 0, 0, 0.75, 0.25, 0],\n"
                        " \"support\": [\n"
                        "  {\"profile\": [\"B\", \"M\"], \"probability\": 0.75},\n"
                        "  {\"profile\": [\"T\", \"R\"], \"probability\": 0.25}\n"
                        " ],\n"
                        " \"payoffs\": [2.25, 2.25], \"best\": [2.25, 3], \"worst\": [0, 2]}\n");
    assert_int_equal(lia_correlated_write(&text, NULL, c, LIA_FORMAT_TEXT), LIA_OK);
    assert_string_equal(text, "gap: max-welfare coarse correlated equilibrium, welfare 4.5\n"
                              "  0.75  (B, M)\n"
                              "  0.25  (T, R)\n"
                              "  payoffs R=2.25, C=2.25\n"
                              "  payoff range over all coarse correlated equilibria R in [0, 2.25], C in [2, 3]\n");
    lia_free(json);
    lia_free(text);
    lia_correlated_free(c);
}

/* One public call with its output as text, so every step can be failed alike. */
typedef lia_status (*step_fn)(const lia_game *g, char **text);

static lia_status step_solve(const lia_game *g, char **text, int coarse, lia_format fmt)
{
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    o.coarse = coarse;
    lia_correlated *c = (lia_correlated *)1;
    *text = NULL;
    lia_status st = lia_game_correlated(&c, g, &o);
    if (st != LIA_OK) { assert_null(c); return st; }
    st = lia_correlated_write(text, NULL, c, fmt);
    lia_correlated_free(c);
    return st;
}
static lia_status step_ce_json(const lia_game *g, char **t) { return step_solve(g, t, 0, LIA_FORMAT_JSON); }
static lia_status step_cce_text(const lia_game *g, char **t) { return step_solve(g, t, 1, LIA_FORMAT_TEXT); }
static lia_status step_ce_lp(const lia_game *g, char **t) { return lia_game_correlated_lp(t, NULL, g, NULL); }
static lia_status step_maxmin_lp(const lia_game *g, char **t) { return lia_game_maxmin_lp(t, NULL, g, 2); }
static lia_status step_hostile(const lia_game *g, char **t)
{
    (void)g;
    double obj[12], lo[12], hi[12];
    lia_lp lp = hostile_lp(obj, lo, hi);
    return lia__lp_write_cplex(t, NULL, &lp, "t", hostile_cols, hostile_rows);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    const step_fn steps[] = { step_ce_json, step_cce_text, step_ce_lp, step_maxmin_lp, step_hostile };
    lia_game *g = aumann();
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        char *ref;
        assert_int_equal(steps[i](g, &ref), LIA_OK);
        unsigned long k, failed = 0;
        for (k = 1; k < 100000; k++) {
            char *text = (char *)1;
            lia__mem_fail_after(k);
            lia_status st = steps[i](g, &text);
            lia__mem_fail_after(0);
            if (st == LIA_OK) {
                assert_string_equal(text, ref);
                lia_free(text);
                break;
            }
            if (st != LIA_ENOMEM) fail_msg("step %zu: allocation %lu failed but the status is %d", i, k, st);
            assert_null(text);
            failed++;
        }
        assert_true(failed >= 5);   /* the step really allocates; otherwise this tests nothing */
        lia_free(ref);
    }
    lia_game_free(g);
}

static void test_misuse(void **state)
{
    (void)state;
    lia_game *g = chicken();
    lia_correlated *c = (lia_correlated *)1;
    assert_int_equal(lia_game_correlated(NULL, g, NULL), LIA_EUSAGE);
    assert_int_equal(lia_game_correlated(&c, NULL, NULL), LIA_EUSAGE);
    assert_null(c);
    lia_correlated_options bad = LIA_CORRELATED_OPTIONS_INIT;
    bad.version = 99;
    c = (lia_correlated *)1;
    assert_int_equal(lia_game_correlated(&c, g, &bad), LIA_EUSAGE);
    assert_null(c);
    char *text = (char *)1;
    assert_int_equal(lia_game_correlated_lp(&text, NULL, g, &bad), LIA_EUSAGE);
    assert_null(text);
    assert_int_equal(lia_game_correlated_lp(NULL, NULL, g, NULL), LIA_EUSAGE);
    text = (char *)1;
    assert_int_equal(lia_game_correlated_lp(&text, NULL, NULL, NULL), LIA_EUSAGE);
    assert_null(text);
    text = (char *)1;
    assert_int_equal(lia_game_maxmin_lp(&text, NULL, g, 2), LIA_EUSAGE);   /* two players: 0 and 1 */
    assert_null(text);
    assert_int_equal(lia_game_maxmin_lp(NULL, NULL, g, 0), LIA_EUSAGE);
    assert_int_equal(lia_game_maxmin_lp(&text, NULL, NULL, 0), LIA_EUSAGE);
    /* a NULL handle reads as empty; freeing it is a no-op */
    assert_true(isnan(lia_correlated_welfare(NULL)));
    assert_null(lia_correlated_distribution(NULL));
    assert_null(lia_correlated_payoffs(NULL));
    assert_int_equal(lia_correlated_coarse(NULL), 0);
    double w, b;
    assert_int_equal(lia_correlated_range(NULL, 0, &w, &b), LIA_EUSAGE);
    lia_correlated_free(NULL);
    c = solve(g, 0);
    assert_int_equal(lia_correlated_range(c, 2, &w, &b), LIA_EUSAGE);
    assert_int_equal(lia_correlated_range(c, 1, NULL, &b), LIA_OK);   /* either output may be NULL */
    NEAR(b, 7);
    text = (char *)1;
    assert_int_equal(lia_correlated_write(&text, NULL, c, LIA_FORMAT_NFG), LIA_EUSAGE);
    assert_null(text);
    assert_int_equal(lia_correlated_write(NULL, NULL, c, LIA_FORMAT_JSON), LIA_EUSAGE);
    assert_int_equal(lia_correlated_write(&text, NULL, NULL, LIA_FORMAT_JSON), LIA_EUSAGE);
    lia_correlated_free(c);
    /* the LP layer refuses a malformed problem before GLPK or the writer sees it */
    assert_int_equal(lia__lp_write_cplex(NULL, NULL, NULL, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia__lp_write_cplex(&text, NULL, NULL, NULL, NULL, NULL), LIA_EUSAGE);
    lia_game_free(g);
}

/* Without the ranges only the max-welfare LP is solved: the same distribution as with them,
 * no ranges to read, and JSON says so with nulls. */
static void test_welfare_only(void **state)
{
    (void)state;
    lia_game *g = chicken();
    lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
    o.ranges = 0;
    lia_correlated *c;
    assert_int_equal(lia_game_correlated(&c, g, &o), LIA_OK);
    NEAR(lia_correlated_welfare(c), 10.5);
    NEAR(lia_correlated_distribution(c)[CC], 0.5);
    double w, b;
    assert_int_equal(lia_correlated_range(c, 0, &w, &b), LIA_EUSAGE);
    char *json;
    assert_int_equal(lia_correlated_write(&json, NULL, c, LIA_FORMAT_JSON), LIA_OK);
    assert_non_null(strstr(json, "\"best\": null, \"worst\": null}"));
    lia_free(json);
    lia_correlated_free(c);
    lia_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chicken),
        cmocka_unit_test(test_welfare_only),
        cmocka_unit_test(test_prisoners_dilemma),
        cmocka_unit_test(test_matching_pennies),
        cmocka_unit_test(test_three_players),
        cmocka_unit_test(test_coarse_contains_correlated),
        cmocka_unit_test(test_payoff_units),
        cmocka_unit_test(test_lp_text_read_by_glpsol),
        cmocka_unit_test(test_lp_writer_names_and_numbers),
        cmocka_unit_test(test_lp_text_ignores_the_host_locale),
        cmocka_unit_test(test_handle_outlives_game),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
