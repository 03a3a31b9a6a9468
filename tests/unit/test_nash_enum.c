/* test_nash_enum.c — every extreme equilibrium of two-player games by vertex enumeration, the
 * convex components, and the exact path; against published equilibrium sets and hand
 * computations. (The 300-game comparison with lrsnash is in tests/cli/lrsnash.sh.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "liaison.h"
#include "game_fixtures.h"
#include "nash/polytope.h"
#include "nash/polytope_rs.h"
#include "nash/polytope_exact.h"
#include "nash/partners.h"
#include "util/bigint.h"
#include "util/mem.h"

static lia_eqset *all_of(const lia_game *g, int exact)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    o.exact = exact;
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    return e;
}

/* Index of the equilibrium whose exact strategies are `want` (comma-separated, both players),
 * or -1. */
static long find_exact(const lia_eqset *e, const lia_game *g, const char *want)
{
    size_t w = lia_game_strategy_count(g, 0) + lia_game_strategy_count(g, 1);
    for (size_t k = 0; k < lia_eqset_count(e); k++) {
        char buf[512] = "";
        for (size_t i = 0; i < w; i++) {
            if (i) strcat(buf, ",");
            strcat(buf, lia_eqset_exact(e, k, i));
        }
        if (strcmp(buf, want) == 0) return (long)k;
    }
    return -1;
}

static void test_von_stengel_75(void **state)
{
    (void)state;
    /* von Stengel (1999): a 6x6 game with 75 equilibria, all isolated (nondegenerate) */
    lia_game *g = load("tests/cases/nfg/6x6_game_with_75_eq.nfg");
    lia_eqset *e = all_of(g, 0);
    assert_int_equal(lia_eqset_count(e), 75);
    for (size_t k = 0; k < 75; k++) {
        assert_true(lia_eqset_regret(e, k) <= 1e-9);
        for (size_t q = 0; q < k; q++) {   /* all distinct */
            double diff = 0;
            for (size_t i = 0; i < 12; i++) diff = fmax(diff, fabs(lia_eqset_profile(e, k)[i] - lia_eqset_profile(e, q)[i]));
            assert_true(diff > 1e-6);
        }
    }
    /* isolated equilibria: each is its own component and clique */
    assert_int_equal(lia_eqset_component_count(e), 75);
    assert_int_equal(lia_eqset_clique_count(e), 75);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_published_sets(void **state)
{
    (void)state;
    /* coord3: 3x3 coordination, 7 equilibria (3 pure, 3 on two strategies, 1 on all three) */
    lia_game *g = load("tests/cases/nfg/coord3.nfg");
    lia_eqset *e = all_of(g, 1);
    assert_int_equal(lia_eqset_count(e), 7);
    lia_eqset_free(e);
    lia_game_free(g);
    /* O'Neill's card game: unique, (2/5, 1/5, 1/5, 1/5) for both */
    g = load("tests/cases/nfg/oneill.nfg");
    e = all_of(g, 1);
    assert_int_equal(lia_eqset_count(e), 1);
    assert_true(find_exact(e, g, "2/5,1/5,1/5,1/5,2/5,1/5,1/5,1/5") == 0);
    lia_eqset_free(e);
    lia_game_free(g);
    /* coord2: a 2x2 coordination game, (1,0;1,0), (1/2,1/2;2/5,3/5), (0,1;0,1) (tests/cases/README.md) */
    g = load("tests/cases/nfg/coord2.nfg");
    e = all_of(g, 1);
    assert_int_equal(lia_eqset_count(e), 3);
    assert_true(find_exact(e, g, "1,0,1,0") >= 0);
    assert_true(find_exact(e, g, "1/2,1/2,2/5,3/5") >= 0);
    assert_true(find_exact(e, g, "0,1,0,1") >= 0);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_degenerate_components(void **state)
{
    (void)state;
    /* von Stengel's degenerate 3x2 game (Nashpy N5): A = [3 3; 2 5; 0 6], B = [3 3; 2 6; 3 1].
     * Row 1 against any y with y1 >= 2/3 is a best response (3 >= 2y1 + 5y2 iff y1 >= 2/3),
     * and column 1 and 2 tie for player 2 at x = (1,0,0): so x = (1,0,0) with every y between
     * (1,0) and (2/3,1/3) is an equilibrium — one component, one clique of two extreme points.
     * The mixed one: x = (0,1/3,2/3) makes columns tie (2/3*6... 6x2+x3 = 2x2+3x3 -> x3 = 2x2),
     * y = (1/3,2/3) makes rows 2 and 3 tie (2/3 + 10/3 = 4 = 0 + 4), payoffs 4 and 8/3. */
    lia_game *g = load("tests/cases/games/N5_deg3x2.game");
    lia_eqset *e = all_of(g, 1);
    assert_int_equal(lia_eqset_count(e), 3);
    long mixed = find_exact(e, g, "0,1/3,2/3,1/3,2/3");
    long a = find_exact(e, g, "1,0,0,1,0"), b = find_exact(e, g, "1,0,0,2/3,1/3");
    assert_true(mixed >= 0 && a >= 0 && b >= 0);
    assert_string_equal(lia_eqset_exact(e, (size_t)mixed, 5), "4");
    assert_string_equal(lia_eqset_exact(e, (size_t)mixed, 6), "8/3");
    assert_int_equal(lia_eqset_component_count(e), 2);
    assert_int_equal(lia_eqset_clique_count(e), 2);
    int saw_pair = 0;
    for (size_t c = 0; c < 2; c++) {
        const size_t *eq;
        size_t n, comp;
        assert_int_equal(lia_eqset_clique(e, c, &eq, &n, &comp), LIA_OK);
        if (n == 2) { saw_pair = 1; assert_true((eq[0] == (size_t)a && eq[1] == (size_t)b) || (eq[0] == (size_t)b && eq[1] == (size_t)a)); }
        else assert_true(n == 1 && eq[0] == (size_t)mixed);
    }
    assert_true(saw_pair);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_bimatrix_clique(void **state)
{
    (void)state;
    /* Both players indifferent everywhere: A = B = 0 (2x2). Every profile is an equilibrium; the
     * extreme ones are the 4 pure pairs, forming one clique {e1, e2} x {e1, e2}. */
    lia_game *g = parse("game zero normal {\n players R, C\n strategies R: a, b\n strategies C: c, d\n"
                        " matrix R [0 0; 0 0]\n matrix C [0 0; 0 0]\n}\n");
    lia_eqset *e = all_of(g, 1);
    assert_int_equal(lia_eqset_count(e), 4);
    assert_int_equal(lia_eqset_component_count(e), 1);
    assert_int_equal(lia_eqset_clique_count(e), 1);
    const size_t *eq;
    size_t n, comp;
    assert_int_equal(lia_eqset_clique(e, 0, &eq, &n, &comp), LIA_OK);
    assert_int_equal(n, 4);
    assert_int_equal(comp, 0);
    char *json;
    size_t len;
    assert_int_equal(lia_eqset_write(&json, &len, e, LIA_FORMAT_JSON), LIA_OK);
    /* (read off the structure, indifferent.c: pure strategies in the players' own order) */
    assert_non_null(strstr(json, "\"components\": [\n  {\"cliques\": [{\"equilibria\": [0, 1, 2, 3], \"strategies\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}]}"));
    lia_free(json);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_misuse(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/nfg/2x2x2.nfg");   /* three players */
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    assert_null(e);
    lia_game_free(g);
    /* --exact needs exact payoffs: a game built from doubles has none */
    double pay[8] = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8 };
    size_t ns[2] = { 2, 2 };
    assert_int_equal(lia_game_new(&g, 2, ns, pay), LIA_OK);
    o.exact = 1;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_EUSAGE);
    o.exact = 0;
    assert_int_equal(lia_game_nash(&e, g, &o), LIA_OK);
    assert_null(lia_eqset_exact(e, 0, 0));
    const size_t *eq;
    size_t n;
    assert_int_equal(lia_eqset_clique(e, 99, &eq, &n, NULL), LIA_EUSAGE);
    assert_int_equal(lia_eqset_clique(NULL, 0, &eq, &n, NULL), LIA_EUSAGE);
    lia_eqset_free(e);
    lia_game_free(g);
}

static void test_threads_same_output(void **state)
{
    (void)state;
    /* 50 seeded games (8x8 to 12x12, payoffs 0..99 and, every third, 0..3): the vertex search
     * is cut into jobs of a few hundred to 20,000 bases that threads share, so a run on 1, 2 or
     * 3 threads must give the same equilibria, bit for bit and in the same order. */
    uint64_t seed = 99;
    for (int game = 0; game < 50; game++) {
        size_t m = 8 + (size_t)game % 5, n = 8 + (size_t)(game / 5) % 5;
        int hi = game % 3 == 2 ? 4 : 100;
        lia_game *g = random_lrs_game(m, n, hi, &seed);
        lia_eqset *e[3];
        for (unsigned t = 1; t <= 3; t++) {
            lia_nash_options o = LIA_NASH_OPTIONS_INIT;
            o.method = LIA_NASH_ALL;
            o.threads = t;
            e[t - 1] = NULL;
            assert_int_equal(lia_game_nash(&e[t - 1], g, &o), LIA_OK);
        }
        size_t w = m + n, cnt = lia_eqset_count(e[0]);
        for (int t = 1; t < 3; t++) {
            assert_int_equal(lia_eqset_count(e[t]), cnt);
            for (size_t k = 0; k < cnt; k++)
                assert_memory_equal(lia_eqset_profile(e[t], k), lia_eqset_profile(e[0], k), w * sizeof(double));
        }
        for (int t = 0; t < 3; t++) lia_eqset_free(e[t]);
        lia_game_free(g);
    }
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_game *g = load("tests/cases/games/N5_deg3x2.game");
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = LIA_NASH_ALL;
    o.exact = 1;
    unsigned long k;
    for (k = 1; k < 100000; k++) {
        lia_eqset *e = NULL;
        lia__mem_fail_after(k);
        lia_status st = lia_game_nash(&e, g, &o);
        lia__mem_fail_after(0);
        if (st == LIA_OK) { assert_int_equal(lia_eqset_count(e), 3); lia_eqset_free(e); break; }
        assert_int_equal(st, LIA_ENOMEM);
        assert_null(e);
    }
    assert_true(k > 30);
    lia_game_free(g);
}

static int cmp_labels(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The three enumerators must agree vertex for vertex: the reverse search (fast path), the
 * lexicographic search with a table of bases (fallback of float games) and the exact reverse
 * search (fallback of exact games), on random polytopes with entries from 1..4 — degenerate
 * almost always — and from 1..1000. */
static void sort_vertices(lia_vertices *v) { qsort(v->labels, v->n, sizeof *v->labels, cmp_labels); }

static void test_close_calls_decided_exactly(void **state)
{
    (void)state;
    /* Polytopes whose entries are 1 + a/4 + e 2^-30 (a in 0..3, e in -1, 0, 1): exact in
     * doubles, degenerate (many equal entries) and nearly so (differences of 2^-30, about
     * 1e-9, inside the floating-point search's gray zone). Given the same polytope in integers
     * (2^32 times the entries), the floating-point search takes each decision it cannot make
     * on that one dictionary exactly instead of giving up: it gives up far less often, with
     * the same result as without the integers wherever that one ended; it reports the close
     * call, so the dispatcher searches such small polytopes again exactly and gets the exact
     * search's vertices. */
    uint64_t seed = 77;
    int unsure_without = 0, unsure_with = 0;
    for (int trial = 0; trial < 200; trial++) {
        size_t d = 2 + trial % 5, k = 2 + (trial / 5) % 5, nlab = d + k;
        double M[64];
        lia_big MI[64];
        size_t lab[16];
        for (size_t i = 0; i < d * k; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            int64_t a = (int64_t)((seed >> 33) % 4), e = (int64_t)((seed >> 40) % 3) - 1;
            M[i] = 1 + (double)a / 4 + (double)e * ldexp(1, -30);
            lia__big_set_i64(&MI[i], ((int64_t)1 << 32) + a * ((int64_t)1 << 30) + e * 4);
        }
        for (size_t l = 0; l < nlab; l++) lab[l] = l;
        lia_polytope P = { d, k, nlab, M, lab, lab + d };
        lia_polytope_exact X = { d, k, nlab, MI, lab, lab + d };
        lia_vertices a, b, c, v;
        lia_status sb = lia__polytope_vertices_rs(&b, &P, &X, (size_t)1 << 26, 1, NULL);
        assert_true(sb == LIA_OK || sb == LIA_RS_UNSURE);
        unsure_with += sb == LIA_RS_UNSURE;
        lia_status st = lia__polytope_vertices_rs(&a, &P, NULL, (size_t)1 << 26, 1, NULL);
        if (st == LIA_RS_UNSURE) {
            unsure_without++;
            assert_true(sb != LIA_OK || b.closest == 0);
        } else {
            assert_int_equal(st, LIA_OK);
            assert_int_equal(a.n, b.n);
            assert_int_equal(a.nbases, b.nbases);
            assert_memory_equal(a.labels, b.labels, a.n * sizeof *a.labels);
            lia__vertices_free(&a);
        }
        lia__vertices_free(&b);
        assert_int_equal(lia__polytope_vertices(&v, &P, &X, (size_t)1 << 26, 1), LIA_OK);
        assert_int_equal(lia__polytope_vertices_exact(&c, &X, (size_t)1 << 26), LIA_OK);
        assert_int_equal(v.n, c.n);
        assert_int_equal(v.nbases, c.nbases);
        sort_vertices(&v);
        sort_vertices(&c);
        assert_memory_equal(v.labels, c.labels, v.n * sizeof *v.labels);
        lia__vertices_free(&v);
        lia__vertices_free(&c);
    }
    assert_true(unsure_without > 10);   /* the close calls are there: without X it gives up */
    assert_true(4 * unsure_with < unsure_without);
}

static void test_reverse_search_equals_lex(void **state)
{
    (void)state;
    uint64_t seed = 2026;
    int compared = 0, degenerate = 0;
    for (int trial = 0; trial < 400; trial++) {
        size_t d = 2 + trial % 6, k = 2 + (trial / 6) % 6, nlab = d + k;
        double M[64];
        lia_big MI[64];   /* the same polytope in integers: range * M */
        size_t lab[16];
        int range = trial % 2 ? 4 : 1000;
        for (size_t i = 0; i < d * k; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            int64_t r = (int64_t)((seed >> 33) % (uint64_t)range);
            M[i] = 1 + (double)r / range;
            lia__big_set_i64(&MI[i], range + r);
        }
        for (size_t l = 0; l < nlab; l++) lab[l] = l;
        lia_polytope P = { d, k, nlab, M, lab, lab + d };
        lia_vertices a, b;
        lia_status st = lia__polytope_vertices_rs(&a, &P, NULL, (size_t)1 << 26, 1, NULL);
        if (st == LIA_RS_UNSURE) continue;
        assert_int_equal(st, LIA_OK);
        assert_int_equal(lia__polytope_vertices_lex(&b, &P, (size_t)1 << 26), LIA_OK);
        assert_int_equal(a.n, b.n);
        assert_int_equal(a.nbases, b.nbases);   /* the same lexicographic bases, each once */
        assert_int_equal(a.lwords, 1);
        qsort(a.labels, a.n, sizeof *a.labels, cmp_labels);
        qsort(b.labels, b.n, sizeof *b.labels, cmp_labels);
        assert_memory_equal(a.labels, b.labels, a.n * sizeof *a.labels);
        /* and the exact search: {range M z <= 1} has the same vertices up to scale, so the
         * same label sets and the same number of lexicographic bases */
        lia_polytope_exact X = { d, k, nlab, MI, lab, lab + d };
        lia_vertices c;
        assert_int_equal(lia__polytope_vertices_exact(&c, &X, (size_t)1 << 26), LIA_OK);
        assert_int_equal(c.n, a.n);
        assert_int_equal(c.nbases, a.nbases);
        qsort(c.labels, c.n, sizeof *c.labels, cmp_labels);
        assert_memory_equal(c.labels, a.labels, a.n * sizeof *a.labels);
        lia__vertices_free(&c);
        compared++;
        degenerate += a.nbases > a.n;
        lia__vertices_free(&a);
        lia__vertices_free(&b);
    }
    assert_true(compared > 300);   /* the fast path handles degenerate polytopes too */
    assert_true(degenerate > 50);
}

static void big(lia_big *r, const char *dec)
{
    lia_big ten, d;
    lia__big_set_i64(r, 0);
    lia__big_set_i64(&ten, 10);
    int neg = *dec == '-';
    for (const char *p = dec + neg; *p; p++) {
        lia__big_set_i64(&d, *p - '0');
        assert_true(lia__big_mul(r, r, &ten) && lia__big_add(r, r, &d));
    }
    if (neg) lia_big_negate(r);
}

static int cmp_pair(const void *a, const void *b)
{
    const uint64_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] != y[1] ? (x[1] < y[1] ? -1 : 1) : 0;
}

/* The completely labelled pairs (S labels, O labels) of S's vertex list V, sorted: *np of them. */
static uint64_t *partner_pairs(const lia_vertices *V, const lia_polytope *S, const lia_polytope *O, size_t *np)
{
    lia_vertices VO;
    lia_vpairs E = { 0 };
    assert_int_equal(lia__partners_find(&VO, &E, V, S, O, NULL, 0, (size_t)1 << 26), LIA_OK);
    uint64_t *pairs = malloc((2 * E.n + 1) * sizeof *pairs);
    for (size_t i = 0; i < E.n; i++) {
        pairs[2 * i] = V->labels[E.a[i]];
        pairs[2 * i + 1] = VO.labels[E.b[i]];
    }
    qsort(pairs, E.n, 2 * sizeof *pairs, cmp_pair);
    *np = E.n;
    lia__vertices_free(&VO);
    lia__vpairs_free(&E);
    return pairs;
}

static void test_partner_filter_keeps_every_pair(void **state)
{
    (void)state;
    /* The enumeration drops, as it meets them, the vertices it proves have no partner
     * (lia__partners_filter), so that only the answer is stored. On 300 seeded bimatrix
     * games (3x3 to 9x9, payoffs 0..99 and, every other one, 0..3, so degenerate), the
     * completely labelled pairs found from the filtered vertex list must be exactly those
     * found from the full list, and some vertices must actually have been dropped. */
    uint64_t seed = 1206;
    size_t dropped = 0, pairs_seen = 0;
    for (int trial = 0; trial < 300; trial++) {
        size_t m = 3 + (size_t)trial % 7, n = 3 + (size_t)(trial / 7) % 7;
        int range = trial % 2 ? 4 : 100;
        double BT[81], A[81];
        size_t labP[18], labQ[18];
        for (size_t i = 0; i < m * n; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            BT[i] = 1 + (double)((seed >> 33) % (uint64_t)range) / range;
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            A[i] = 1 + (double)((seed >> 33) % (uint64_t)range) / range;
        }
        for (size_t l = 0; l < m + n; l++) labP[l] = l;
        for (size_t j = 0; j < n; j++) labQ[j] = m + j;
        for (size_t i = 0; i < m; i++) labQ[n + i] = i;
        lia_polytope P = { m, n, m + n, BT, labP, labP + m }, Q = { n, m, m + n, A, labQ, labQ + n };
        lia_vertex_filter keep;
        const lia_polytope *so[2];
        lia__partners_filter(&keep, so, &P, &Q);
        lia_vertices full, kept;
        lia_status st = lia__polytope_vertices_rs(&full, &P, NULL, (size_t)1 << 26, 1, NULL);
        if (st == LIA_RS_UNSURE) continue;
        assert_int_equal(st, LIA_OK);
        assert_int_equal(lia__polytope_vertices_rs(&kept, &P, NULL, (size_t)1 << 26, 2, &keep), LIA_OK);
        assert_true(kept.n <= full.n);
        dropped += full.n - kept.n;
        size_t na, nb;
        uint64_t *a = partner_pairs(&full, &P, &Q, &na), *b = partner_pairs(&kept, &P, &Q, &nb);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, 2 * na * sizeof *a);
        pairs_seen += na;
        free(a);
        free(b);
        lia__vertices_free(&full);
        lia__vertices_free(&kept);
    }
    assert_true(dropped > 1000);
    assert_true(pairs_seen > 300);
}

static void test_bigint(void **state)
{
    (void)state;
    lia_big a, b, q, r, t;
    char s[256];
    /* (2^64 + 1)^2 = 340282366920938463500268095579187314689 */
    big(&a, "18446744073709551617");
    assert_true(lia__big_mul(&b, &a, &a));
    lia__big_to_str(s, sizeof s, &b);
    assert_string_equal(s, "340282366920938463500268095579187314689");
    /* division: 340282366920938463500268095579187314689 = 18446744073709551617^2, remainder 0;
     * and 10^30 + 7 = 123456789012345 * 8100000072900045 + 25444543944482 (checked with Python) */
    assert_true(lia__big_divmod(&q, &r, &b, &a));
    assert_int_equal(lia__big_cmp(&q, &a), 0);
    assert_true(lia_big_is_zero(&r));
    big(&a, "1000000000000000000000000000007");
    big(&b, "123456789012345");
    assert_true(lia__big_divmod(&q, &r, &a, &b));
    lia__big_to_str(s, sizeof s, &q);
    assert_string_equal(s, "8100000072900045");
    lia__big_to_str(s, sizeof s, &r);
    assert_string_equal(s, "25444543944482");
    /* truncation toward zero with signs: -7 / 2 = -3 rem -1 */
    lia__big_set_i64(&a, -7);
    lia__big_set_i64(&b, 2);
    assert_true(lia__big_divmod(&q, &r, &a, &b));
    lia__big_to_str(s, sizeof s, &q);
    assert_string_equal(s, "-3");
    lia__big_to_str(s, sizeof s, &r);
    assert_string_equal(s, "-1");
    /* gcd(2^100, 6^50) = 2^50 = 1125899906842624 */
    big(&a, "1267650600228229401496703205376");
    big(&b, "808281277464764060643139600456536293376");
    assert_true(lia__big_gcd(&t, &a, &b));
    lia__big_to_str(s, sizeof s, &t);
    assert_string_equal(s, "1125899906842624");
    /* a multi-limb divisor: 2^128 - 1 = (2^64 + 3) * 18446744073709551613 + 8 */
    big(&a, "340282366920938463463374607431768211455");
    big(&b, "18446744073709551619");
    assert_true(lia__big_divmod(&q, &r, &a, &b));
    lia__big_to_str(s, sizeof s, &q);
    assert_string_equal(s, "18446744073709551613");
    lia__big_to_str(s, sizeof s, &r);
    assert_string_equal(s, "8");
    /* and q * b + r == a on a spread of random multi-limb operands */
    uint64_t seed = 12345;
    for (int trial = 0; trial < 2000; trial++) {
        lia_big x, y, limb;
        lia__big_set_i64(&x, 0);
        lia__big_set_i64(&y, 0);
        lia__big_set_i64(&limb, (int64_t)1 << 31);
        int nx = 1 + trial % 9, ny = 1 + (trial / 9) % 5;
        for (int i = 0; i < nx + ny; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            lia_big d;
            lia__big_set_i64(&d, (int64_t)(seed >> 33));
            lia_big *z = i < nx ? &x : &y;
            lia__big_mul(z, z, &limb);
            lia__big_mul(z, z, &limb);   /* shift by 62 bits */
            lia__big_add(z, z, &d);
        }
        if (lia_big_is_zero(&y)) continue;
        if (trial % 3 == 0) lia_big_negate(&x);
        assert_true(lia__big_divmod(&q, &r, &x, &y));
        lia__big_mul(&t, &q, &y);
        lia__big_add(&t, &t, &r);
        assert_int_equal(lia__big_cmp(&t, &x), 0);
        lia_big ra = r, ya = y;
        ra.neg = 0;
        ya.neg = 0;
        assert_true(lia__big_cmp(&ra, &ya) < 0);
        assert_true(lia_big_sign(&r) == 0 || lia_big_sign(&r) == lia_big_sign(&x));
    }
    /* overflow is reported, never wrapped */
    lia__big_set_i64(&a, 1);
    lia__big_set_i64(&b, (int64_t)1 << 62);
    int ok = 1;
    for (int i = 0; i < 60 && ok; i++) ok = lia__big_mul(&a, &a, &b);
    assert_false(ok);
    assert_true(lia__big_divmod(&q, NULL, &b, &b));
    lia__big_set_i64(&t, 0);
    assert_false(lia__big_divmod(&q, &r, &b, &t));
    /* ratio beyond double range: (10^400 + 1) / (3 * 10^399) ~ 3.3333 */
    lia__big_set_i64(&a, 1);
    lia__big_set_i64(&t, 10);
    for (int i = 0; i < 400; i++) lia__big_mul(&a, &a, &t);
    lia__big_set_i64(&b, 1);
    for (int i = 0; i < 399; i++) lia__big_mul(&b, &b, &t);
    lia__big_set_i64(&t, 3);
    lia__big_mul(&b, &b, &t);
    assert_true(fabs(lia__big_ratio(&a, &b) - 10.0 / 3) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_von_stengel_75),
        cmocka_unit_test(test_published_sets),
        cmocka_unit_test(test_degenerate_components),
        cmocka_unit_test(test_bimatrix_clique),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_threads_same_output),
        cmocka_unit_test(test_close_calls_decided_exactly),
        cmocka_unit_test(test_allocation_failures),
        cmocka_unit_test(test_bigint),
        cmocka_unit_test(test_reverse_search_equals_lex),
        cmocka_unit_test(test_partner_filter_keeps_every_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
