/* test_lower.c — stage payoffs and coalition values checked against hand computations from
 * docs/model.md, term by term, plus explicit games' layout and the memory cap. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "liaison.h"
#include "ab_agreement.h"
#include "lang/parser.h"
#include "lang/spec.h"
#include "lower/agreement.h"
#include "util/arena.h"

/* Bilateral: one topic, caveat, facility with an explicit split, a transfer.
 *   rho_A = 1 - (1 - 0.1)(1 - 0.5*0)   = 0.1     (A leaks)
 *   rho_B = 1 - (1 - 0)(1 - 0.5*0.2)   = 0.1     (B's courts disclose, caveat halves it)
 *   phi = 0.8, mu = 1 (bilateral) */
static const char bilateral[] = AB_AGREEMENT_TEXT;

/* Multilateral: a pooled topic with dilution, a facility split in proportion to resources.
 *   rho_X = 0.2, rho_Y = 0, rho_Z = 1 - (1 - 1*0.5) = 0.5;  phi = 1, mu = 0.5
 *   sigma = resources / total = 1/5, 3/5, 1/5 */
static const char pooled[] =
    "topic t { common 0 }\n"
    "party X { resources 1; need t 1; collect t 0.5; exposure t 1; leak 0.2 }\n"
    "party Y { resources 3; need t 1; collect t 0.5; exposure t 1 }\n"
    "party Z { resources 1; need t 1; collect t 0; exposure t 1; disclosure 0.5 }\n"
    "agreement P multilateral {\n"
    "  members X, Y, Z\n"
    "  levels 0, 1\n"
    "  pool t 1\n"
    "  dilution 0.5\n"
    "  facility hub cost 5 value 2 split proportional\n"
    "}\n";

/* Multilateral, v2 spillover and exposure: topic p pooled at scope 0.5, topic d shared by
 * directed scopes, dilution 0.8, no caveat (phi = 1, so phi*mu = 0.8).
 *   rho_X = 0.2, rho_Y = 0.1, rho_Z = 1 - (1 - 1*0.5) = 0.5
 *   scopes on p: 0.5 between every pair; on d: X->Y 0.5, X->Z 0.5, Y->X 1, nothing else */
static const char mixed[] =
    "topic p { common 0.5 }\n"
    "topic d { common 0.4 }\n"
    "party X { need p 1, d 1; collect p 0.6, d 0.5; exposure p 2, d 1; leak 0.2 }\n"
    "party Y { need p 1, d 0.5; collect p 0.5, d 0.4; exposure p 1, d 2; leak 0.1 }\n"
    "party Z { need p 0.5, d 1; collect p 0.4, d 0.2; exposure p 1, d 1; disclosure 0.5 }\n"
    "agreement M multilateral {\n"
    "  members X, Y, Z\n"
    "  levels 0, 1\n"
    "  pool p 0.5\n"
    "  share X -> Y d 0.5\n"
    "  share X -> Z d 0.5\n"
    "  share Y -> X d 1\n"
    "  dilution 0.8\n"
    "}\n";

typedef struct fixture {
    lia_sources s;
    lia_diags d;
    lia_arena ast_arena, arena;
    lia_ast ast;
    lia_spec spec;
    agreement_tables t;
} fixture;

static void load(fixture *f, const char *text)
{
    memset(f, 0, sizeof *f);
    lia__arena_init(&f->ast_arena);
    lia__arena_init(&f->arena);
    assert_int_equal(lia__sources_add(&f->s, "t.lia", text, strlen(text)), 0);
    assert_int_equal(lia__parse(&f->ast, &f->ast_arena, &f->s, 0, &f->d), 0);
    assert_int_equal(lia__check(&f->spec, &f->arena, &f->ast, &f->s, &f->d, NULL, 0), 0);
    assert_int_equal(f->d.errors, 0);
    assert_true(lia__agreement_tables_init(&f->t, &f->arena, &f->spec, &f->spec.games[0].agreement));
}

static void unload(fixture *f)
{
    lia__arena_free(&f->ast_arena);
    lia__arena_free(&f->arena);
    lia__diags_free(&f->d);
    lia__sources_free(&f->s);
}

static void terms(fixture *f, const double *x, uint64_t S, size_t i, lia_terms *out)
{
    assert_true(lia__agreement_terms(&f->t, x, S, i, out));
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

static void test_bilateral_terms_by_hand(void **state)
{
    (void)state;
    fixture f;
    load(&f, bilateral);
    const double both[2] = { 1, 1 };
    lia_terms a, b;
    terms(&f, both, 3, 0, &a);
    /* A at (1,1):
     *   coverage  = w (1-c_A) (1 - (1 - x_B s_BA c_B phi)) = 1*0.4*(1*0.5*0.5*0.8) = 0.08
     *   spillover = theta w x_A s_AB c_A phi = 0.5*1*1*1*0.6*0.8                 = 0.24
     *   exposure  = x_A s_AB c_A e_A rho_B = 1*1*0.6*2*0.1                        = 0.12
     *   facility  = value*min(x) = 1;  cost = 0.75*2*1                            = 1.5
     *   transfer  = A pays 0.3*x_B                                                = 0.3 */
    NEAR(a.coverage, 0.08);
    NEAR(a.spillover, 0.24);
    NEAR(a.exposure, 0.12);
    NEAR(a.facility_value, 1);
    NEAR(a.facility_cost, 1.5);
    NEAR(a.transfer_in, 0);
    NEAR(a.transfer_out, 0.3);
    NEAR(lia__terms_total(&a), -0.6);   /* 0.08 + 0.24 - 0.12 + 1 - 1.5 - 0.3 */
    terms(&f, both, 3, 1, &b);
    /* B at (1,1):
     *   coverage  = 2*0.5*(1*1*0.6*0.8) = 0.48;  spillover = 0.5*2*1*0.5*0.5*0.8 = 0.2
     *   exposure  = 1*0.5*0.5*1*rho_A(0.1) = 0.025;  facility 1 - 0.25*2 = 0.5;  transfer +0.3 */
    NEAR(b.coverage, 0.48);
    NEAR(b.spillover, 0.2);
    NEAR(b.exposure, 0.025);
    NEAR(b.facility_value - b.facility_cost, 0.5);
    NEAR(b.transfer_in, 0.3);
    NEAR(lia__terms_total(&b), 1.455);  /* 0.48 + 0.2 - 0.025 + 0.5 + 0.3 */
    unload(&f);
}

static void test_bilateral_stage_game(void **state)
{
    (void)state;
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, bilateral, strlen(bilateral), "t.lia"), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "AB", NULL), LIA_OK);
    assert_int_equal(lia_game_profile_count(g), 4);
    const double *u = lia_game_payoffs(g);
    /* profile = x_A + 2 x_B; block of A then block of B.
     *   (0,0): nothing happens                                      -> 0, 0
     *   (1,0): A: spill 0.24 - expo 0.12 - facility cost 1.5 = -1.38;  B: coverage 0.48
     *   (0,1): A: coverage 0.08 - transfer 0.3 = -0.22;  B: 0.2 - 0.025 - 0.5 + 0.3 = -0.025
     *   (1,1): -0.6, 1.455 (terms above) */
    const double want_a[4] = { 0, -1.38, -0.22, -0.6 }, want_b[4] = { 0, 0.48, -0.025, 1.455 };
    for (int k = 0; k < 4; k++) {
        NEAR(u[k], want_a[k]);
        NEAR(u[4 + k], want_b[k]);
    }
    int64_t p, q;
    assert_true(lia_game_payoff_exact(g, 1, 3, &p, &q));   /* 1.455 = 291/200 exactly */
    assert_int_equal(p, 291);
    assert_int_equal(q, 200);
    size_t commit[2];
    assert_true(lia_game_commitment(g, commit));           /* default: top level */
    assert_int_equal(commit[0], 1);
    assert_int_equal(commit[1], 1);
    lia_game_free(g);

    /* v(S): alone, a member gets nothing from flows and the facility costs (2) exceed its
     * value (1), so v({A}) = v({B}) = 0; v({A,B}) = max(0, -0.9, -0.245, 0.855) = 0.855 */
    lia_tugame *tu;
    assert_int_equal(lia_model_compile_tu(&tu, m, "AB", NULL), LIA_OK);
    const double *v = lia_tugame_values(tu);
    NEAR(v[0], 0);
    NEAR(v[1], 0);
    NEAR(v[2], 0);
    NEAR(v[3], 0.855);
    lia_tugame_free(tu);
    lia_model_free(m);
}

static void test_pooled_terms_by_hand(void **state)
{
    (void)state;
    fixture f;
    load(&f, pooled);
    const double all[3] = { 1, 1, 1 }, xz[3] = { 1, 0, 1 };
    lia_terms x, y, z;
    terms(&f, all, 7, 0, &x);
    /* X at (1,1,1): coverage = (1-0.5)(1 - (1 - 1*1*0.5*0.5)(1 - 1*1*0*0.5)) = 0.5*0.25 = 0.125
     *   exposure (pool) = 1*1*0.5*1*(1 - (1-rho_Y)(1-rho_Z)) = 0.5*(1 - 1*0.5) = 0.25
     *   facility = 2*1 - (1/5)*5*1 = 1;  u = 0.125 - 0.25 + 1 = 0.875 */
    NEAR(x.coverage, 0.125);
    NEAR(x.spillover, 0);
    NEAR(x.exposure, 0.25);
    NEAR(x.facility_value - x.facility_cost, 1);
    NEAR(lia__terms_total(&x), 0.875);
    terms(&f, all, 7, 1, &y);
    /* Y: coverage 0.125; exposure 0.5*(1 - (1-0.2)(1-0.5)) = 0.3; facility 2 - (3/5)*5 = -1 */
    NEAR(y.exposure, 0.3);
    NEAR(lia__terms_total(&y), -1.175);
    terms(&f, all, 7, 2, &z);
    /* Z collects nothing: coverage = 1*(1 - (1-0.25)(1-0.25)) = 0.4375; facility 2 - 1 = 1 */
    NEAR(z.coverage, 0.4375);
    NEAR(z.exposure, 0);
    NEAR(lia__terms_total(&z), 1.4375);
    /* (1,0,1): nobody staffs fully, so no facility value; the pool still reaches Y
     *   X: exposure 0.25, cost 1 -> -1.25;  Y: coverage from X 0.5*0.25 = 0.125;
     *   Z: coverage from X 1*(1 - (1 - 0.25)) = 0.25, cost 1 -> -0.75 */
    terms(&f, xz, 7, 0, &x);
    NEAR(lia__terms_total(&x), -1.25);
    terms(&f, xz, 7, 1, &y);
    NEAR(lia__terms_total(&y), 0.125);
    terms(&f, xz, 7, 2, &z);
    NEAR(lia__terms_total(&z), -0.75);
    unload(&f);
}

static void test_coalition_restricts_flows(void **state)
{
    (void)state;
    fixture f;
    load(&f, pooled);
    /* S = {X, Y} (mask 3) at (1,1,-): Z is outside, so the pool's weakest link is Y only and
     * the facility is paid by X and Y in proportion 1:3.
     *   X: coverage 0.5*(1 - (1 - 0.25)) = 0.125; exposure 0.5*(1 - (1 - rho_Y)) = 0;
     *      facility 2 - (1/4)*5 = 0.75  -> 0.875
     *   Y: coverage 0.125; exposure 0.5*(1 - (1 - 0.2)) = 0.1; facility 2 - (3/4)*5 = -1.75 -> -1.725 */
    const double x[3] = { 1, 1, 0 };
    lia_terms a, b;
    terms(&f, x, 3, 0, &a);
    terms(&f, x, 3, 1, &b);
    NEAR(lia__terms_total(&a), 0.875);
    NEAR(b.exposure, 0.1);
    NEAR(lia__terms_total(&b), -1.725);
    unload(&f);

    /* v({X,Y}) = max(0, (1,1): -0.85, (1,0): -1.25 + 0.125, (0,1): 0.125 - 0.1 - 3.75) = 0 */
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, pooled, strlen(pooled), "p.lia"), LIA_OK);
    lia_tugame *tu;
    assert_int_equal(lia_model_compile_tu(&tu, m, NULL, NULL), LIA_OK);
    double v;
    assert_int_equal(lia_tugame_value(tu, 3, &v), LIA_OK);
    NEAR(v, 0);
    /* the grand coalition can do no worse than sharing nothing */
    assert_int_equal(lia_tugame_value(tu, 7, &v), LIA_OK);
    assert_true(v >= 0);
    lia_tugame_free(tu);
    lia_model_free(m);
}

static void test_multilateral_spill_exposure_by_hand(void **state)
{
    (void)state;
    fixture f;
    load(&f, mixed);
    const double all[3] = { 1, 1, 1 }, xy[3] = { 1, 1, 0 };
    lia_terms x, y, z;
    terms(&f, all, 7, 0, &x);
    /* X at (1,1,1): two recipients on each topic, s = 0.5 to each on both p and d.
     *   spill p = theta w c phi mu (1 - (1-0.5)(1-0.5)) = 0.5*1*0.6*0.8*0.75        = 0.18
     *   spill d = 0.4*1*0.5*0.8*(1 - (1-0.5)(1-0.5))     = 0.16*0.75                 = 0.12
     *   expo  p = c e (1 - (1 - s rho_Y)(1 - s rho_Z)) = 0.6*2*(1 - 0.95*0.75) = 1.2*0.2875 = 0.345
     *   expo  d = 0.5*1*(1 - (1 - 0.5*0.1)(1 - 0.5*0.5))  = 0.5*0.2875              = 0.14375
     *   coverage p = 1*(1-0.6)*(1 - (1 - 0.5*0.5*0.8)(1 - 0.5*0.4*0.8)) = 0.4*(1 - 0.8*0.84) = 0.1312
     *   coverage d = 1*(1-0.5)*(1*0.4*0.8) (from Y only)                = 0.5*0.32           = 0.16
     * (v1 counted spillover per recipient and without mu: 0.5*0.6*1 + 0.4*0.5*1 = 0.5) */
    NEAR(x.spillover, 0.18 + 0.12);
    NEAR(x.exposure, 0.345 + 0.14375);
    NEAR(x.coverage, 0.1312 + 0.16);
    NEAR(lia__terms_total(&x), 0.2912 + 0.3 - 0.48875);   /* 0.10245 */
    terms(&f, all, 7, 1, &y);
    /* Y at (1,1,1): p to X and Z at 0.5 each; d to X alone at scope 1.
     *   spill p = 0.5*1*0.5*0.8*(1 - 0.5*0.5) = 0.2*0.75 = 0.15
     *   spill d = 0.4*0.5*0.4*0.8*(1 - (1-1))            = 0.064
     *   expo  p = 0.5*1*(1 - (1 - 0.5*0.2)(1 - 0.5*0.5)) = 0.5*(1 - 0.9*0.75) = 0.1625
     *   expo  d = 0.4*2*(1 - (1 - 1*0.2))                = 0.8*0.2 = 0.16 (one recipient: s c e rho) */
    NEAR(y.spillover, 0.15 + 0.064);
    NEAR(y.exposure, 0.1625 + 0.16);
    terms(&f, all, 7, 2, &z);
    /* Z at (1,1,1): passes on p only, at 0.5 to X and Y.
     *   spill p = 0.5*0.5*0.4*0.8*(1 - 0.5*0.5)          = 0.08*0.75 = 0.06;  spill d = 0
     *   expo  p = 0.4*1*(1 - (1 - 0.5*0.2)(1 - 0.5*0.1)) = 0.4*(1 - 0.9*0.95) = 0.4*0.145 = 0.058 */
    NEAR(z.spillover, 0.06);
    NEAR(z.exposure, 0.058);
    /* Z withholds (1,1,0) in the stage game: Z is still a member of S but passes nothing, so
     * X's and Y's own terms do not change (they are linear in their own level only) */
    terms(&f, xy, 7, 0, &x);
    NEAR(x.spillover, 0.3);
    NEAR(x.exposure, 0.48875);
    /* in the coalition {X, Y} (Z outside) each topic has one recipient:
     *   X: spill 0.5*1*0.6*0.8*0.5 + 0.4*1*0.5*0.8*0.5 = 0.12 + 0.08 = 0.2
     *      expo  0.6*2*0.5*0.1 + 0.5*1*0.5*0.1          = 0.06 + 0.025 = 0.085
     *   Y: spill 0.5*1*0.5*0.8*0.5 + 0.064 = 0.1 + 0.064 = 0.164
     *      expo  0.5*1*0.5*0.2 + 0.16                   = 0.05 + 0.16 = 0.21 */
    terms(&f, xy, 3, 0, &x);
    NEAR(x.spillover, 0.2);
    NEAR(x.exposure, 0.085);
    terms(&f, xy, 3, 1, &y);
    NEAR(y.spillover, 0.164);
    NEAR(y.exposure, 0.21);
    unload(&f);

    /* the stage game is exact: u_X(1,1,1) = 0.10245 = 2049/20000 */
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, mixed, strlen(mixed), "m.lia"), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, "M", NULL), LIA_OK);
    int64_t p, q;
    assert_true(lia_game_payoff_exact(g, 0, 7, &p, &q));
    assert_int_equal(p, 2049);
    assert_int_equal(q, 20000);
    lia_game_free(g);
    lia_model_free(m);
}

/* A pooled topic and the same scope written as directed shares to every other member give the
 * same spillover and exposure: one formula covers both. */
static void test_pool_equals_shares_to_all(void **state)
{
    (void)state;
    static const char as_shares[] =
        "topic p { common 0.5 }\n"
        "topic d { common 0.4 }\n"
        "party X { need p 1, d 1; collect p 0.6, d 0.5; exposure p 2, d 1; leak 0.2 }\n"
        "party Y { need p 1, d 0.5; collect p 0.5, d 0.4; exposure p 1, d 2; leak 0.1 }\n"
        "party Z { need p 0.5, d 1; collect p 0.4, d 0.2; exposure p 1, d 1; disclosure 0.5 }\n"
        "agreement M multilateral {\n"
        "  members X, Y, Z\n"
        "  levels 0, 1\n"
        "  share X -> Y p 0.5, d 0.5\n"
        "  share X -> Z p 0.5, d 0.5\n"
        "  share Y -> X p 0.5, d 1\n"
        "  share Y -> Z p 0.5\n"
        "  share Z -> X p 0.5\n"
        "  share Z -> Y p 0.5\n"
        "  dilution 0.8\n"
        "}\n";
    fixture a, b;
    load(&a, mixed);
    load(&b, as_shares);
    for (uint64_t S = 1; S < 8; S++)
        for (unsigned prof = 0; prof < 8; prof++) {
            double x[3];
            for (size_t m = 0; m < 3; m++) x[m] = (S >> m & 1) ? (double)(prof >> m & 1) : 0;
            for (size_t i = 0; i < 3; i++) {
                if (!(S >> i & 1)) continue;
                lia_terms ta, tb;
                terms(&a, x, S, i, &ta);
                terms(&b, x, S, i, &tb);
                NEAR(ta.coverage, tb.coverage);
                NEAR(ta.spillover, tb.spillover);
                NEAR(ta.exposure, tb.exposure);
            }
        }
    unload(&a);
    unload(&b);
}

/* With one recipient the v2 formulas are the v1 ones: spillover theta w x c phi s (mu = 1 in a
 * bilateral agreement) and exposure x s c e rho. Checked at every profile of two bilateral
 * agreements against v1 written out here from the tables. */
static void test_bilateral_unchanged_from_v1(void **state)
{
    (void)state;
    static const char two_topics[] =
        "topic a { common 0.3 }\n"
        "topic b { common 0.7 }\n"
        "party P { leak 0.05; disclosure 0.1; need a 1, b 0.4; collect a 0.3, b 0.8; exposure a 5, b 2 }\n"
        "party Q { leak 0.2; need a 0.6, b 1; collect a 0.7, b 0.1; exposure a 3, b 4 }\n"
        "agreement PQ bilateral {\n"
        "  members P, Q\n"
        "  levels 0, 0.5, 1\n"
        "  share P -> Q a 0.75, b 0.25\n"
        "  share Q -> P a 0.5\n"
        "  caveat value 0.9 disclosure 0.6\n"
        "}\n";
    const char *texts[2] = { bilateral, two_topics };
    for (int n = 0; n < 2; n++) {
        fixture f;
        load(&f, texts[n]);
        const agreement_tables *t = &f.t;
        const size_t K = t->K;
        for (size_t p0 = 0; p0 < t->nl; p0++)
            for (size_t p1 = 0; p1 < t->nl; p1++) {
                const double x[2] = { t->levels_d[p0], t->levels_d[p1] };
                for (size_t i = 0; i < 2; i++) {
                    size_t j = 1 - i;
                    double spill = 0, expo = 0;
                    for (size_t k = 0; k < K; k++) {
                        double s = t->scope_d[(i * 2 + j) * K + k], c = t->c_d[i * K + k];
                        spill += t->theta_d[k] * t->w_d[i * K + k] * x[i] * c * t->phimu_d * s;
                        expo += x[i] * s * c * t->e_d[i * K + k] * t->rho_d[j];
                    }
                    lia_terms got;
                    terms(&f, x, 3, i, &got);
                    NEAR(got.spillover, spill);
                    NEAR(got.exposure, expo);
                }
            }
        unload(&f);
    }
}

static void test_explicit_layout_first_player_fastest(void **state)
{
    (void)state;
    const char *src =
        "game g normal {\n"
        "  players R, C\n"
        "  strategies R: a, b, c\n"
        "  strategies C: x, y\n"
        "  matrix R [1 2; 3 4; 5 -6]\n"
        "  matrix C [7 8; 9 10; 11 2/3]\n"
        "}\n";
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_game *g;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    const double *u = lia_game_payoffs(g);
    /* column-major: (a,x)=1 (b,x)=3 (c,x)=5 (a,y)=2 (b,y)=4 (c,y)=-6 ; "5 -6" is two entries */
    const double want[6] = { 1, 3, 5, 2, 4, -6 };
    for (int k = 0; k < 6; k++) NEAR(u[k], want[k]);
    size_t prof, strat[2] = { 2, 1 };
    assert_int_equal(lia_game_profile_index(g, strat, &prof), LIA_OK);
    assert_int_equal(prof, 5);
    int64_t p, q;
    assert_true(lia_game_payoff_exact(g, 1, 5, &p, &q));
    assert_int_equal(p, 2);
    assert_int_equal(q, 3);
    lia_game_free(g);
    lia_model_free(m);
}

static void test_memory_cap_refuses_with_size(void **state)
{
    (void)state;
    /* 12 members x 5 levels: 5^12 = 244,140,625 profiles * 12 payoffs * 8 bytes = 21.8 GiB */
    char src[4096] = "topic t { common 1 }\n";
    char members[512] = "";
    for (int i = 0; i < 12; i++) {
        char line[128];
        snprintf(line, sizeof line, "party M%d { need t 1; collect t 0.5 }\n", i);
        strcat(src, line);
        snprintf(line, sizeof line, "%sM%d", i ? ", " : "", i);
        strcat(members, line);
    }
    strcat(src, "agreement big multilateral {\n  members ");
    strcat(src, members);
    strcat(src, "\n  levels 0, 0.25, 0.5, 0.75, 1\n  pool t 1\n}\n");
    lia_model *m;
    assert_int_equal(lia_model_parse(&m, src, strlen(src), NULL), LIA_OK);
    lia_game *g = (lia_game *)&g;
    assert_int_equal(lia_model_compile(&g, m, "big", NULL), LIA_ELIMIT);
    assert_null(g);
    assert_non_null(strstr(lia_model_errmsg(m), "21.8 GiB"));
    assert_non_null(strstr(lia_model_errmsg(m), "memory cap of 1 GiB"));
    /* a smaller cap refuses a game that the default would allow */
    lia_compile_options o = LIA_COMPILE_OPTIONS_INIT;
    o.memory_cap = 1024;
    assert_int_equal(lia_model_compile(&g, m, "big", &o), LIA_ELIMIT);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bilateral_terms_by_hand),
        cmocka_unit_test(test_bilateral_stage_game),
        cmocka_unit_test(test_pooled_terms_by_hand),
        cmocka_unit_test(test_coalition_restricts_flows),
        cmocka_unit_test(test_multilateral_spill_exposure_by_hand),
        cmocka_unit_test(test_pool_equals_shares_to_all),
        cmocka_unit_test(test_bilateral_unchanged_from_v1),
        cmocka_unit_test(test_explicit_layout_first_player_fastest),
        cmocka_unit_test(test_memory_cap_refuses_with_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
