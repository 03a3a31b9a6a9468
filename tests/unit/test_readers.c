/* test_readers.c — the .nfg and lrs readers: real case files, exact numbers, layout, diagnostics. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../solver/io/readers.h"
#include "../../solver/util/arena.h"
#include "../../solver/util/mem.h"

typedef int (*reader_fn)(lia_spec *, struct lia_arena *, const lia_sources *, uint32_t, lia_diags *, const char *, size_t);

typedef struct fixture {
    lia_sources s;
    lia_diags d;
    lia_arena a;
    lia_spec spec;
    int rc;
} fixture;

static void fx_init(fixture *f)
{
    memset(f, 0, sizeof *f);
    lia__arena_init(&f->a);
}

static void fx_free(fixture *f)
{
    lia__arena_free(&f->a);
    lia__diags_free(&f->d);
    lia__sources_free(&f->s);
}

static void dump(const fixture *f)
{
    for (size_t i = 0; i < f->d.n; i++)
        fprintf(stderr, "  %s:%u:%u: %s\n", f->d.items[i].file, f->d.items[i].line, f->d.items[i].column,
                f->d.items[i].message);
}

static void run(fixture *f, reader_fn rd, const char *name, const char *text, size_t len)
{
    fx_init(f);
    int src = lia__sources_add(&f->s, name, text, len);
    assert_true(src >= 0);
    f->rc = rd(&f->spec, &f->a, &f->s, (uint32_t)src, &f->d, "g", LIA_DEFAULT_MEMORY_CAP);
}

/* Read and expect success. */
static const spec_normal *ok_text(fixture *f, reader_fn rd, const char *text)
{
    run(f, rd, "t.in", text, strlen(text));
    if (f->d.errors) dump(f);
    assert_int_equal(f->rc, 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->spec.ngames, 1);
    assert_string_equal(f->spec.games[0].name, "g");
    assert_int_equal(f->spec.games[0].kind, LIA_KIND_NORMAL);
    return &f->spec.games[0].normal;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) fail_msg("cannot open %s (tests run from the repository root)", path);
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
        size_t k = fread(buf + n, 1, cap - n, fp);
        if (!k) break;
        n += k;
    }
    fclose(fp);
    buf[n] = 0;
    *len = n;
    return buf;
}

static const spec_normal *ok_file(fixture *f, reader_fn rd, const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    run(f, rd, path, text, len);
    free(text);
    if (f->d.errors) dump(f);
    assert_int_equal(f->rc, 0);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->spec.ngames, 1);
    return &f->spec.games[0].normal;
}

/* payoff of player pl at the profile given by strategy indices (first player fastest) */
static lia_num pay(const spec_normal *g, size_t pl, const size_t *s)
{
    size_t prof = 0, stride = 1;
    for (size_t i = 0; i < g->np; i++) { prof += s[i] * stride; stride *= g->ns[i]; }
    return g->payoffs[pl * g->nprofiles + prof];
}

static void assert_exact(lia_num n, int64_t p, int64_t q)
{
    if (!lia_num_exact(n) || n.p != p || n.q != q)
        fail_msg("expected exactly %lld/%lld, got %lld/%lld (%g)", (long long)p, (long long)q, (long long)n.p,
                 (long long)n.q, n.v);
}

#define P2(a, b) ((const size_t[]){ (a), (b) })
#define P3(a, b, c) ((const size_t[]){ (a), (b), (c) })

static const char NFG_2X2[] =
    "NFG 1 R \"Two person 2 x 2 game with unique mixed equilibrium\" { \"Player 1\" \"Player 2\" }\n\n"
    "{ { \"1\" \"2\" }\n{ \"1\" \"2\" }\n}\n\"\"\n\n{\n{ \"\" 2, 0 }\n{ \"\" 0, 1 }\n{ \"\" 0, 1 }\n{ \"\" 1, 0 }\n}\n"
    "1 2 3 4\n";

static void nfg_inline_outcome_form(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_text(&f, lia__read_nfg, NFG_2X2);
    assert_string_equal(f.spec.title, "Two person 2 x 2 game with unique mixed equilibrium");
    assert_int_equal(g->np, 2);
    assert_string_equal(g->players[0], "Player 1");
    assert_string_equal(g->players[1], "Player 2");
    assert_int_equal(g->ns[0], 2);
    assert_int_equal(g->ns[1], 2);
    assert_string_equal(g->strategies[1][1], "2");
    assert_int_equal(g->nprofiles, 4);
    assert_exact(pay(g, 0, P2(0, 0)), 2, 1);
    assert_exact(pay(g, 1, P2(0, 0)), 0, 1);
    assert_exact(pay(g, 1, P2(1, 0)), 1, 1);   /* outcome 2 is the second profile: player 1 moved */
    assert_exact(pay(g, 0, P2(1, 1)), 1, 1);
    assert_int_equal(f.spec.games[0].span.line, 1);
    assert_int_equal(f.spec.games[0].span.col, 1);
    fx_free(&f);
}

static void nfg_fig3_outcome_file(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_file(&f, lia__read_nfg, "tests/cases/nfg/fig3.nfg");
    assert_int_equal(g->np, 2);
    assert_string_equal(g->players[0], "1");
    assert_int_equal(g->nprofiles, 9);
    assert_string_equal(g->strategies[0][2], "3");
    /* profile index 1 = (row 2, col 1) -> outcome 2 = (2, 3) */
    assert_exact(pay(g, 0, P2(1, 0)), 2, 1);
    assert_exact(pay(g, 1, P2(1, 0)), 3, 1);
    /* profile index 3 = (row 1, col 2) -> outcome 4 = (3, 2) */
    assert_exact(pay(g, 0, P2(0, 1)), 3, 1);
    assert_exact(pay(g, 1, P2(0, 1)), 2, 1);
    assert_exact(pay(g, 1, P2(0, 2)), 3, 1);   /* outcome 7 = (0, 3) */
    assert_exact(pay(g, 0, P2(2, 2)), 1, 1);
    assert_non_null(strstr(f.spec.title, "Lemke-Howson"));
    fx_free(&f);
}

static void nfg_coord2_payoff_file(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_file(&f, lia__read_nfg, "tests/cases/nfg/coord2.nfg");
    /* 3 2 0 0 0 0 2 2: profiles (1,1) (2,1) (1,2) (2,2), one payoff per player each */
    assert_exact(pay(g, 0, P2(0, 0)), 3, 1);
    assert_exact(pay(g, 1, P2(0, 0)), 2, 1);
    assert_exact(pay(g, 0, P2(1, 0)), 0, 1);
    assert_exact(pay(g, 0, P2(1, 1)), 2, 1);
    assert_exact(pay(g, 1, P2(1, 1)), 2, 1);
    assert_exact(g->payoffs[0], 3, 1);
    assert_exact(g->payoffs[4], 2, 1);
    fx_free(&f);
}

static void nfg_three_players(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_file(&f, lia__read_nfg, "tests/cases/nfg/2x2x2.nfg");
    assert_int_equal(g->np, 3);
    assert_string_equal(g->players[2], "Player 3");
    assert_int_equal(g->nprofiles, 8);
    assert_exact(pay(g, 2, P3(0, 0, 0)), 12, 1);
    assert_exact(pay(g, 0, P3(1, 1, 0)), 9, 1);   /* outcome 4 */
    assert_exact(pay(g, 2, P3(1, 1, 0)), 2, 1);
    assert_exact(pay(g, 1, P3(1, 0, 1)), 4, 1);   /* outcome 6 = (3, 4, 6) */
    assert_exact(g->payoffs[2 * 8 + 6], 6, 1);    /* outcome 7, player 3 */
    fx_free(&f);

    /* counts form { 2 2 2 } with a multi-line comment, payoff form */
    g = ok_file(&f, lia__read_nfg, "tests/cases/nfg/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg");
    assert_int_equal(g->np, 3);
    assert_string_equal(g->strategies[2][0], "1");
    assert_string_equal(g->strategies[2][1], "2");
    assert_exact(pay(g, 0, P3(0, 1, 0)), 2, 1);   /* a b a: 2 4 2 */
    assert_exact(pay(g, 1, P3(0, 1, 0)), 4, 1);
    assert_exact(pay(g, 2, P3(1, 0, 0)), -1, 1);  /* b a a: 1 2 -1 */
    fx_free(&f);
}

static void nfg_counts_payoff_form(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_file(&f, lia__read_nfg, "tests/cases/nfg/mixed_strategy.nfg");
    assert_string_equal(f.spec.title, "");
    assert_int_equal(g->ns[0], 3);
    assert_int_equal(g->ns[1], 2);
    assert_string_equal(g->strategies[0][2], "3");
    /* 1 1 0 2 0 2 1 1 0 3 2 0 */
    assert_exact(pay(g, 1, P2(1, 0)), 2, 1);
    assert_exact(pay(g, 1, P2(1, 1)), 3, 1);
    assert_exact(pay(g, 0, P2(2, 1)), 2, 1);
    assert_exact(pay(g, 1, P2(2, 1)), 0, 1);
    fx_free(&f);
}

static void nfg_all_case_files(void **state)
{
    (void)state;
    static const char *files[] = { "2x2.nfg", "2x2const.nfg", "2x2x2.nfg",
                                   "2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg",
                                   "6x6_game_with_75_eq.nfg", "coord2.nfg", "coord3.nfg", "fig3.nfg",
                                   "mixed_strategy.nfg", "oneill.nfg" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, "tests/cases/nfg/%s", files[i]);
        char *text = slurp(path, &len);
        assert_true(lia__looks_like_nfg(text, len));
        assert_false(lia__looks_like_lrs(text, len));
        free(text);
        fixture f;
        const spec_normal *g = ok_file(&f, lia__read_nfg, path);
        for (size_t k = 0; k < g->np * g->nprofiles; k++) assert_true(lia_num_exact(g->payoffs[k]));
        if (strcmp(files[i], "6x6_game_with_75_eq.nfg") == 0) {
            assert_int_equal(g->nprofiles, 36);
            assert_exact(pay(g, 0, P2(0, 0)), 9504, 1);
            assert_exact(pay(g, 1, P2(0, 0)), 72336, 1);
            assert_exact(pay(g, 1, P2(5, 5)), 31680, 1);
        }
        if (strcmp(files[i], "oneill.nfg") == 0) assert_exact(pay(g, 1, P2(3, 3)), 1, 1);
        fx_free(&f);
    }
}

static void nfg_numbers_and_strings(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_text(&f, lia__read_nfg,
                                   "NFG 1 D \"a \\\"quoted\\\" \\\\ title\nover two lines\"\n"
                                   "{ \"Row\" \"Col\" } { { \"up\" \"down\" } { \"left\" \"right\" } }\n"
                                   "2/3 -1/2 0.25 1e-3 -1.5e2 +7 -0 12/8\r\n");
    assert_string_equal(f.spec.title, "a \"quoted\" \\ title\nover two lines");
    assert_string_equal(g->strategies[0][1], "down");
    assert_string_equal(g->strategies[1][0], "left");
    assert_exact(pay(g, 0, P2(0, 0)), 2, 3);
    assert_exact(pay(g, 1, P2(0, 0)), -1, 2);
    assert_exact(pay(g, 0, P2(1, 0)), 1, 4);
    assert_exact(pay(g, 1, P2(1, 0)), 1, 1000);
    assert_exact(pay(g, 0, P2(0, 1)), -150, 1);
    assert_exact(pay(g, 1, P2(0, 1)), 7, 1);
    assert_exact(pay(g, 0, P2(1, 1)), 0, 1);
    assert_exact(pay(g, 1, P2(1, 1)), 3, 2);
    fx_free(&f);

    /* outcome payoffs separated by blanks, named outcomes, the null outcome 0, rationals */
    g = ok_text(&f, lia__read_nfg,
                "NFG 1 R \"\" { \"A\" \"B\" } { 2 1 } \"c\" { { \"win\" 1/3 2/3 } { \"lose\", -5/7, 9 } } 2 0");
    assert_exact(pay(g, 0, P2(0, 0)), -5, 7);
    assert_exact(pay(g, 1, P2(0, 0)), 9, 1);
    assert_exact(pay(g, 0, P2(1, 0)), 0, 1);
    assert_exact(pay(g, 1, P2(1, 0)), 0, 1);
    fx_free(&f);

    /* a literal that overflows lia__num_parse's intermediate stays a (huge, inexact) number */
    g = ok_text(&f, lia__read_nfg, "NFG 1 R \"\" { \"A\" } { 2 } 9999999999999999999999999999999e18 1/3");
    assert_false(lia_num_exact(g->payoffs[0]));
    assert_true(g->payoffs[0].v > 9.99e48 && g->payoffs[0].v < 1.001e49);
    assert_exact(g->payoffs[1], 1, 3);
    fx_free(&f);
}

static void lrs_n1_layout(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_file(&f, lia__read_lrs, "tests/cases/games/N1_4x3.game");
    assert_null(f.spec.title);
    assert_int_equal(g->np, 2);
    assert_string_equal(g->players[0], "1");
    assert_string_equal(g->players[1], "2");
    assert_int_equal(g->ns[0], 4);
    assert_int_equal(g->ns[1], 3);
    assert_int_equal(g->nprofiles, 12);
    assert_string_equal(g->strategies[0][3], "4");
    assert_string_equal(g->strategies[1][2], "3");
    /* A[3][1] = 207: row 4, column 2 -> profile 3 + 4*1 = 7 */
    assert_exact(g->payoffs[7], 207, 1);
    assert_exact(g->payoffs[0], 160, 1);
    assert_exact(g->payoffs[8], 44, 1);    /* A[0][2] */
    assert_exact(g->payoffs[12 + 7], 1, 1); /* B[3][1] */
    assert_exact(g->payoffs[12 + 10], 1, 1); /* B[2][2] */
    assert_exact(g->payoffs[12 + 3], 4, 1);  /* B[3][0] */
    fx_free(&f);
}

static void lrs_all_case_files(void **state)
{
    (void)state;
    static const char *files[] = { "G1_gambit_6x6_longLH", "N10a_2x2", "N10b_2x2", "N11_deg3x3", "N12_deg3x3lex",
                                   "N13_docs_deg_zs", "N1_4x3", "N2_2x2", "N3_2x2", "N4_deg2x2", "N5_deg3x2",
                                   "N6_vs3x2", "N7_issue67_4x4", "N8_duel9x9", "N9_zs4x3", "Q1_deg3x2_qe",
                                   "Q2_deg3x2_supp", "Q3_cycle_A", "Q3_cycle_B", "Q4_sgc_k2", "Q4_sgc_k3",
                                   "S1_vonstengel_6x6_75eq", "coord3x3" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, "tests/cases/games/%s.game", files[i]);
        char *text = slurp(path, &len);
        assert_true(lia__looks_like_lrs(text, len));
        assert_false(lia__looks_like_nfg(text, len));
        free(text);
        fixture f;
        const spec_normal *g = ok_file(&f, lia__read_lrs, path);
        assert_int_equal(g->np, 2);
        assert_int_equal(g->nprofiles, g->ns[0] * g->ns[1]);
        if (strcmp(files[i], "G1_gambit_6x6_longLH") == 0) {
            assert_exact(g->payoffs[0 + 6 * 2], -333, 1);        /* A[0][2] */
            assert_exact(g->payoffs[36 + 1 + 6 * 0], -180, 1);   /* B[1][0] */
        }
        fx_free(&f);
    }
}

static void lrs_rationals_comments_blank_lines(void **state)
{
    (void)state;
    fixture f;
    const spec_normal *g = ok_text(&f, lia__read_lrs,
                                   "* a comment line\n# another\n\n  2   3\n\n1/2 0.5 -2/3\n\n"
                                   "4 5 6\n   # indented comment\n\n7 8 9\n1e2 -0.125 12/4\n");
    assert_int_equal(g->ns[0], 2);
    assert_int_equal(g->ns[1], 3);
    assert_exact(g->payoffs[0], 1, 2);        /* A[0][0] */
    assert_exact(g->payoffs[2], 1, 2);        /* A[0][1] -> 0 + 2*1 */
    assert_exact(g->payoffs[4], -2, 3);       /* A[0][2] */
    assert_exact(g->payoffs[1], 4, 1);        /* A[1][0] */
    assert_exact(g->payoffs[6 + 1], 100, 1);  /* B[1][0] */
    assert_exact(g->payoffs[6 + 3], -1, 8);   /* B[1][1] */
    assert_exact(g->payoffs[6 + 5], 3, 1);    /* B[1][2] */
    assert_exact(g->payoffs[6 + 4], 9, 1);    /* B[0][2] */
    fx_free(&f);
}

/* ---- malformed input ------------------------------------------------------------------- */

typedef struct bad_case {
    int lrs;
    const char *text;
    unsigned line, col;
    const char *msg;       /* substring of the first error */
} bad_case;

static const bad_case BAD[] = {
    { 0, "", 1, 1, "expected 'NFG' at the start" },
    { 0, "   \n  ", 1, 1, "found end of file" },
    { 0, "EFG 2 R \"t\"", 1, 1, "expected 'NFG'" },
    { 0, "NFG 2 R \"t\"", 1, 5, "expected the format version 1" },
    { 0, "NFG 1 X \"t\"", 1, 7, "expected 'R' or 'D'" },
    { 0, "NFG 1 R t", 1, 9, "title in quotes, found 't'" },
    { 0, "NFG 1 R \"unterminated", 1, 9, "unterminated string" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" ", 1, 22, "a player name in quotes or '}', found end of file" },
    { 0, "NFG 1 R \"t\" { }", 1, 13, "the game has no players" },
    { 0, "NFG 1 R \"t\" { \"A\" 7 }", 1, 19, "a player name in quotes or '}', found '7'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 2 2 }\n1", 2, 1, "the strategy list has 3 entries, the game has 2" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 0 }\n1", 2, 5, "player 'B' has no strategies" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"x\" } { } }\n1", 2, 11, "player 'B' has no strategies" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ { \"x\" 3 } }", 2, 9, "a strategy name in quotes or '}', found '3'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 x }", 2, 5, "or a strategy count, found 'x'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" }\n{ 2 99999999999999999999 }", 2, 5, "strategy count '99999999999999999999' is too large" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" \"C\" }\n{ 10000000000 10000000000 10 }\n1", 2, 1, "more than 10^21 profiles: too many" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 4 5 6 7\n", 2, 14, "the payoff list has 7 numbers, the game needs 8" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 4\n5 6 7 8 9", 3, 9, "the payoff list has 9 numbers, the game needs 8" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 }\n5 6 7 8", 2, 7, "expected a number, found '}'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 3/0\n5 6 7 8", 2, 7, "division by zero in '3/0'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 1e400\n5 6 7 8", 2, 7, "number '1e400' is out of range" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 }\n1 2 3 1..5 5 6 7 8", 2, 7, "expected a number, found '1..5'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 1000000 1000000 }\n1 2", 2, 4, "the game needs 2000000000000" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } { \"\" 3, 4 } { \"\" 5 6 } { \"\" 7 8 } }\n1 2 9 4",
      3, 5, "outcome index '9' out of range 0..4" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } { \"\" 3 } }\n1 2 1 2", 2, 15,
      "outcome 2 has 1 payoff, the game has 2 players" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 }\n1 2 1 1", 3, 1,
      "expected '{' to start an outcome or '}' to close the outcome list, found '1'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2\n", 2, 12,
      "a payoff or '}' to close the outcome, found end of file" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } }\n1 0 1", 3, 6,
      "the list of outcome indices has 3 entries, the game has 4 profiles" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } }\n1 0 1 -1", 3, 7,
      "expected an outcome index, found '-1'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } }\n1 0 1 123456789012345678901234", 3, 7,
      "out of range 0..1" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, x } }\n1 1 1 1", 2, 11, "expected a number, found 'x'" },
    { 0, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } 7 }\n1 1 1 1", 2, 15,
      "'{' to start an outcome or '}' to close the outcome list, found '7'" },
    { 0, "\x01\x02\xff\xfe junk", 1, 1, "found '\\x01\\x02\\xFF\\xFE'" },
    { 0, "NFG 1 R \"t\xc3\xa9\" { \"A\" } { 1 } \xc3\xa9", 1, 28, "expected a number, found '\\xC3\\xA9'" },
    { 1, "", 1, 1, "expected the number of rows m (a positive integer), found end of file" },
    { 1, "* only a comment\n", 1, 1, "expected the number of rows" },
    { 1, "0 3\n", 1, 1, "expected the number of rows m (a positive integer), found '0'" },
    { 1, "2 x\n", 1, 3, "the number of columns n (a positive integer), found 'x'" },
    { 1, "2 2\n1 2\n3\n\n5 6\n7 8\n", 3, 1, "this row has 1 number, the game has 2 columns" },
    { 1, "2 2\n1 2\n3 4\n\n5 6\n7 8 9\n", 6, 1, "this row has 3 numbers" },
    { 1, "2 2\n1 2 3 4\n5 6 7\n", 3, 6, "the file has 7 numbers after \"2 2\", two 2x2 matrices need 8" },
    { 1, "2 2\n1 2 3 4\n5 6 7 8 9\n", 3, 9, "the file has 9 numbers" },
    { 1, "2 2\n1 2\n3 x\n\n5 6\n7 8\n", 3, 3, "expected a number, found 'x'" },
    { 1, "2 2\n1 2\n3 4/0\n\n5 6\n7 8\n", 3, 3, "division by zero in '4/0'" },
    { 1, "100000000 100000000\n1 2\n", 2, 4, "the file has 2 numbers after \"100000000 100000000\", two "
         "100000000x100000000 matrices need 20000000000000000" },
    { 1, "100000000 100000000\n", 1, 20, "the file has 0 numbers after \"100000000 100000000\"" },
    { 1, "4294967296 4294967296\n1\n", 1, 1, "more than 10^19 profiles: too many" },
};

static void malformed_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        const bad_case *c = &BAD[i];
        fixture f;
        run(&f, c->lrs ? lia__read_lrs : lia__read_nfg, "bad.in", c->text, strlen(c->text));
        assert_int_equal(f.rc, 0);
        const lia_diag *e = NULL;
        for (size_t k = 0; k < f.d.n && !e; k++)
            if (f.d.items[k].severity == LIA_ERROR) e = &f.d.items[k];
        if (!e || e->line != c->line || e->column != c->col || !strstr(e->message, c->msg)) {
            fprintf(stderr, "case %zu: want %u:%u '%s', got:\n", i, c->line, c->col, c->msg);
            dump(&f);
            fail();
        }
        assert_int_equal(f.spec.ngames, 0);    /* nothing half-built is handed out */
        /* a tiny file never makes the reader allocate what its header claims */
        assert_true(f.a.used < 64 * 1024);
        fx_free(&f);
    }
}

static void several_errors_reported(void **state)
{
    (void)state;
    fixture f;
    static const char text[] = "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } \"\"\n{ { \"\" 1, 2 } }\n5 1 7 1";
    run(&f, lia__read_nfg, "t.nfg", text, sizeof text - 1);
    assert_int_equal(f.d.errors, 2);
    assert_int_equal(f.d.items[0].column, 1);
    assert_int_equal(f.d.items[1].column, 5);
    fx_free(&f);
}

/* An outcome-form file can name the null outcome for every profile, so the payoff table is not
 * bounded by the file's size: 8000 players x 6000 profiles from ~60 KB is refused, unallocated. */
static void outcome_form_table_cap(void **state)
{
    (void)state;
    enum { NP = 8000, NS = 6000 };
    size_t cap = 16 * NP + 4 * NS + 256, w = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    w += (size_t)snprintf(text + w, cap - w, "NFG 1 R \"big\" {");
    for (int i = 0; i < NP; i++) w += (size_t)snprintf(text + w, cap - w, " \"\"");
    w += (size_t)snprintf(text + w, cap - w, " }\n{ %d", NS);
    for (int i = 1; i < NP; i++) w += (size_t)snprintf(text + w, cap - w, " 1");
    w += (size_t)snprintf(text + w, cap - w, " }\n\"\"\n{ }\n");
    for (int i = 0; i < NS; i++) w += (size_t)snprintf(text + w, cap - w, "0 ");
    assert_true(w < cap);
    fixture f;
    run(&f, lia__read_nfg, "big.nfg", text, w);
    free(text);
    assert_int_equal(f.rc, 0);
    assert_int_equal(f.d.errors, 1);
    /* 8000 players x 6000 profiles = 48e6 payoffs of 24 bytes = 1.152e9 bytes = 1.07 GiB, over
     * the default cap of 1 GiB */
    assert_int_equal(sizeof(lia_num), 24);
    assert_non_null(strstr(f.d.items[0].message, "the game's 48000000 payoffs would need 1.07 GiB as exact numbers"));
    assert_non_null(strstr(f.d.items[0].message, "over the memory cap of 1 GiB"));
    assert_int_equal(f.d.items[0].line, 2);
    assert_int_equal(f.d.items[0].column, 1);
    assert_true(f.a.used < 4 * 1024 * 1024);
    fx_free(&f);
}

/* Every prefix and many byte mutations of valid files: errors or success, never a crash. */
static void truncation_and_mutation(void **state)
{
    (void)state;
    size_t lrs_len;
    char *lrs_text = slurp("tests/cases/games/N1_4x3.game", &lrs_len);
    const struct { reader_fn rd; const char *text; size_t len; } in[] = {
        { lia__read_nfg, NFG_2X2, sizeof NFG_2X2 - 1 },
        { lia__read_lrs, lrs_text, lrs_len },
    };
    for (size_t w = 0; w < 2; w++) {
        for (size_t n = 0; n < in[w].len; n++) {
            fixture f;
            run(&f, in[w].rd, "cut", in[w].text, n);
            assert_int_equal(f.rc, 0);
            if (f.d.errors == 0) assert_int_equal(f.spec.ngames, 1);
            else assert_int_equal(f.spec.ngames, 0);
            fx_free(&f);
        }
        char *buf = malloc(in[w].len);
        assert_non_null(buf);
        uint32_t seed = 12345;
        static const char junk[] = "{}\",/.-e\\\n\0\xff 09";
        for (int iter = 0; iter < 2000; iter++) {
            memcpy(buf, in[w].text, in[w].len);
            for (int k = 0; k < 3; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = (seed >> 8) % in[w].len;
                seed = seed * 1103515245u + 12345u;
                buf[at] = junk[(seed >> 8) % (sizeof junk - 1)];
            }
            fixture f;
            run(&f, in[w].rd, "mut", buf, in[w].len);
            assert_int_equal(f.rc, 0);
            if (f.d.errors == 0) {
                const spec_normal *g = &f.spec.games[0].normal;
                for (size_t k = 0; k < g->np * g->nprofiles; k++)
                    assert_true(g->payoffs[k].v == g->payoffs[k].v);
            }
            fx_free(&f);
        }
        free(buf);
    }
    free(lrs_text);
}

static void allocation_failures(void **state)
{
    (void)state;
    const struct { reader_fn rd; const char *text; } in[] = {
        { lia__read_nfg, NFG_2X2 },
        { lia__read_nfg, "NFG 1 R \"t\" { \"A\" \"B\" } { 3 2 } 1 2 3 4 5 6 7 8 9 10 11 12" },
        { lia__read_lrs, "2 2\n1 2\n3 4\n5 6\n7 8\n" },
        { lia__read_nfg, "NFG 1 R \"t\" { \"A\" \"B\" } { 2 2 } 1 2 3 x 5 6 7 8" },
    };
    for (size_t w = 0; w < sizeof in / sizeof *in; w++) {
        int done = 0;
        for (unsigned long k = 1; k < 1000 && !done; k++) {
            fixture f;
            fx_init(&f);
            int src = lia__sources_add(&f.s, "oom", in[w].text, strlen(in[w].text));
            assert_true(src >= 0);
            lia__mem_fail_after(k);
            f.rc = in[w].rd(&f.spec, &f.a, &f.s, (uint32_t)src, &f.d, "g", LIA_DEFAULT_MEMORY_CAP);
            lia__mem_fail_after(0);
            if (f.rc == 0 && !f.d.oom) done = 1;
            if (f.rc == -1) assert_int_equal(f.spec.ngames, 0);
            /* a failed allocation is never mistaken for a good game, nor for a silent failure */
            if (f.rc == 0 && f.d.errors == 0) {
                assert_int_equal(f.spec.ngames, 1);
                assert_non_null(f.spec.games[0].normal.payoffs);
                assert_non_null(f.spec.games[0].normal.strategies[1]);
            }
            fx_free(&f);
        }
        assert_true(done);
    }
}

static void sniffing(void **state)
{
    (void)state;
    assert_true(lia__looks_like_nfg("NFG 1 R \"x\"", 11));
    assert_true(lia__looks_like_nfg("\n\t  NFG\n1", 9));
    assert_true(lia__looks_like_nfg("NFG", 3));
    assert_false(lia__looks_like_nfg("NFGX 1", 6));
    assert_false(lia__looks_like_nfg("NF", 2));
    assert_false(lia__looks_like_nfg("", 0));
    assert_false(lia__looks_like_nfg("EFG 2 R", 7));
    assert_true(lia__looks_like_lrs("4 3\n1 2", 7));
    assert_true(lia__looks_like_lrs("* comment\n# more\n\n  12 3", 24));
    assert_false(lia__looks_like_lrs("NFG 1 R", 7));
    assert_false(lia__looks_like_lrs("model \"x\"", 9));
    assert_false(lia__looks_like_lrs("4x3", 3));
    assert_false(lia__looks_like_lrs("-4 3", 4));
    assert_false(lia__looks_like_lrs("* only comments\n", 16));
    assert_false(lia__looks_like_lrs("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nfg_inline_outcome_form),
        cmocka_unit_test(nfg_fig3_outcome_file),
        cmocka_unit_test(nfg_coord2_payoff_file),
        cmocka_unit_test(nfg_three_players),
        cmocka_unit_test(nfg_counts_payoff_form),
        cmocka_unit_test(nfg_all_case_files),
        cmocka_unit_test(nfg_numbers_and_strings),
        cmocka_unit_test(lrs_n1_layout),
        cmocka_unit_test(lrs_all_case_files),
        cmocka_unit_test(lrs_rationals_comments_blank_lines),
        cmocka_unit_test(malformed_inputs),
        cmocka_unit_test(several_errors_reported),
        cmocka_unit_test(outcome_form_table_cap),
        cmocka_unit_test(truncation_and_mutation),
        cmocka_unit_test(allocation_failures),
        cmocka_unit_test(sniffing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
