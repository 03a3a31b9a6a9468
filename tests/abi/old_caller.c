/* old_caller.c — a program built against the header of the previous release (liaison-0.2.h,
 * kept here unchanged) and run against the library just built (tests/cli/abi.sh; under
 * AddressSanitizer in `make test-asan`). It reads every kind of result through the API and
 * passes every options struct at version 1, as a program written for 0.2 does.
 *
 * How the original bug class is caught (a field appended to a struct the caller allocated, as
 * `patience` was to lia_sweep_point in 0.1, so the library wrote past the caller's struct):
 *  - the layouts: tests/cli/abi.sh compares the built library with the stored abidw baseline
 *    (abidiff, tests/abi/libliaison.so.1.abi); a struct that changes or grows fails it, except
 *    appends to the structs the library owns and hands out by pointer and, under a new version,
 *    to options structs (tests/abi/may-grow.abignore, tests/abi/layout.py);
 *  - the options: every options struct below is copied into a heap block of exactly its
 *    version-1 size, so a library that read a field past what a version-1 caller has (a field
 *    added without a version, or a version the library does not handle) is a heap overflow
 *    that AddressSanitizer reports;
 *  - the results: this program never allocates a result struct; if the library wrote one of
 *    its own into a caller's smaller one, ASan would report that too.
 * Numbers checked are the hand computations of the unit tests (named beside each). */
#include "liaison-0.2.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define CHECK(cond, ...)                                                          \
    do {                                                                          \
        if (!(cond)) {                                                            \
            fprintf(stderr, "old_caller: %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                         \
            fputc('\n', stderr);                                                  \
            failures++;                                                           \
        }                                                                         \
    } while (0)
#define NEAR(a, b, tol) CHECK(fabs((a) - (b)) <= (tol), "%s = %.12g, wanted %.12g", #a, (double)(a), (double)(b))

/* A version-1 options struct as a caller built against 0.2 has it: exactly `size` bytes. */
static void *v1(const void *opts, size_t size)
{
    void *p = malloc(size);
    if (!p) { fprintf(stderr, "old_caller: out of memory\n"); exit(2); }
    memcpy(p, opts, size);
    *(unsigned *)p = 1;
    return p;
}

static lia_model *open_model(const char *path)
{
    lia_model *m = NULL;
    lia_status st = lia_model_open(&m, path);
    CHECK(st == LIA_OK, "%s: %s (%s)", path, lia_status_name(st), m ? lia_model_errmsg(m) : "");
    return m;
}

/* The prisoner's dilemma R = 3, S = 0, T = 5, P = 1 (first player's strategy fastest). */
static void games(void)
{
    size_t ns[2] = { 2, 2 };
    double u[8] = { 3, 5, 0, 1, 3, 0, 5, 1 };
    lia_game *g = NULL;
    CHECK(lia_game_new(&g, 2, ns, u) == LIA_OK, "lia_game_new");
    lia_nash_options no = LIA_NASH_OPTIONS_INIT;
    no.method = LIA_NASH_ALL;
    lia_nash_options *n1 = v1(&no, sizeof no);
    lia_eqset *e = NULL;
    CHECK(lia_game_nash(&e, g, n1) == LIA_OK, "nash: %s", lia_errmsg());
    CHECK(lia_eqset_count(e) == 1, "one equilibrium, (D, D)");
    if (lia_eqset_count(e) == 1) NEAR(lia_eqset_payoffs(e, 0)[1], 1, 1e-12);
    lia_eqset_free(e);
    free(n1);
    lia_correlated_options co = LIA_CORRELATED_OPTIONS_INIT;
    lia_correlated_options *c1 = v1(&co, sizeof co);
    lia_correlated *c = NULL;
    CHECK(lia_game_correlated(&c, g, c1) == LIA_OK, "correlated: %s", lia_errmsg());
    NEAR(lia_correlated_welfare(c), 2, 1e-9);   /* D dominates: only (D, D), 1 + 1 */
    lia_correlated_free(c);
    free(c1);
    /* repeat: version 1 ends before `monitor` (test_options_version.c); delta* = (T - R)/(T - P) */
    lia_repeat_options ro = LIA_REPEAT_OPTIONS_INIT;
    ro.delta = 0.6;
    lia_repeat_options *r1 = v1(&ro, offsetof(lia_repeat_options, monitor));
    size_t cc[2] = { 0, 0 };
    lia_repeat *r = NULL;
    CHECK(lia_game_repeat(&r, g, cc, r1) == LIA_OK, "repeat: %s", lia_errmsg());
    const lia_sustain *row = lia_repeat_player(r, 0);
    CHECK(row != NULL, "lia_repeat_player");
    if (row) NEAR(row->delta_star, 0.5, 1e-12);
    CHECK(lia_repeat_verdict(r) == LIA_VERDICT_HOLDS, "0.6 > 0.5: holds");
    CHECK(lia_repeat_player(r, 2) == NULL, "player 2 of 2");
    lia_repeat_free(r);
    free(r1);
    lia_game_free(g);
    /* v({1}) = v({2}) = 1, v(N) = 3: Shapley 1/2 * 1 + 1/2 * (3 - 1) = 1.5 */
    double values[4] = { 0, 1, 1, 3 };
    lia_tugame *tu = NULL;
    CHECK(lia_tugame_new(&tu, 2, values, 0) == LIA_OK, "lia_tugame_new");
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    lia_share_options *s1 = v1(&so, sizeof so);
    lia_share *s = NULL;
    CHECK(lia_tugame_share(&s, tu, s1) == LIA_OK, "share: %s", lia_errmsg());
    const double *phi = lia_share_vector(s, LIA_SHARE_SHAPLEY);
    CHECK(phi != NULL, "Shapley computed");
    if (phi) NEAR(phi[0], 1.5, 1e-12);
    lia_share_free(s);
    free(s1);
    lia_tugame_free(tu);
}

/* An exploration of ab-sweep.lia over s in [0.2, 0.4]: every run's delta* of A is
 * (0.38 - s)/0.08 (test_sweep.c's formula), "never" (NaN) where that exceeds 1, whatever the
 * design draws. */
static void explore_ab(lia_model *m, const lia_explore_options *opts)
{
    lia_explore *e = NULL;
    lia_status st = lia_model_explore(&e, m, NULL, opts);
    CHECK(st == LIA_OK, "explore: %s (%s)", lia_status_name(st), e ? lia_explore_errmsg(e) : lia_errmsg());
    size_t cs = (size_t)-1, cd = (size_t)-1;
    for (size_t c = 0; c < lia_explore_column_count(e); c++) {
        if (strcmp(lia_explore_column_name(e, c), "s") == 0) cs = c;
        if (strcmp(lia_explore_column_name(e, c), "delta_star.A") == 0) cd = c;
    }
    CHECK(lia_explore_run_count(e) == 8 && cs != (size_t)-1 && cd != (size_t)-1, "8 runs with s and delta_star.A");
    for (uint64_t k = 0; k < lia_explore_run_count(e) && cd != (size_t)-1 && cs != (size_t)-1; k++) {
        double s = lia_explore_value(e, k, cs);
        CHECK(s >= 0.2 && s <= 0.4, "s = %g in its range", s);
        double want = (0.38 - s) / 0.08, got = lia_explore_value(e, k, cd);
        if (want > 1) CHECK(isnan(got), "s = %g: delta* never (C < P), got %g", s, got);   /* NaN = never */
        else NEAR(got, want, 1e-9);
    }
    lia_explore_free(e);
}

/* tests/cases/repeat/ab-sweep.lia: A's delta* = (0.38 - s)/0.08 meets its patience 0.9 at
 * s = 0.308 (test_sweep.c). */
static void agreement(void)
{
    lia_model *m = open_model("tests/cases/repeat/ab-sweep.lia");
    if (!m) return;
    lia_compile_options co = LIA_COMPILE_OPTIONS_INIT;
    lia_compile_options *c1 = v1(&co, sizeof co);
    lia_game *g = NULL;
    CHECK(lia_model_compile(&g, m, NULL, c1) == LIA_OK, "compile: %s", lia_model_errmsg(m));
    const lia_member_terms *t = lia_game_commitment_terms(g, 0);
    CHECK(t != NULL, "commitment terms");
    if (t) NEAR(t->patience, 0.9, 0);
    lia_game_free(g);
    lia_report *rep = NULL;
    CHECK(lia_model_solve(&rep, m, NULL, c1) == LIA_OK, "solve: %s", lia_model_errmsg(m));
    lia_briefing_options bo = LIA_BRIEFING_OPTIONS_INIT;
    lia_briefing_options *b1 = v1(&bo, sizeof bo);
    char *page = NULL;
    CHECK(lia_report_write_html(&page, NULL, rep, b1) == LIA_OK && strstr(page, "</html>"), "briefing");
    lia_free(page);
    lia_report_free(rep);
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    lia_share_options *s1 = v1(&so, sizeof so);
    lia_share *s = NULL;
    CHECK(lia_model_share(&s, m, NULL, s1) == LIA_OK, "share: %s", lia_model_errmsg(m));
    lia_share_free(s);
    free(s1);
    lia_sweep_options wo = LIA_SWEEP_OPTIONS_INIT;
    wo.axis[0] = (lia_sweep_axis){ "s", 0.2, 0.4, 21 };
    wo.threads = 1;
    lia_sweep_options *w1 = v1(&wo, sizeof wo);
    lia_sweep *sw = NULL;
    CHECK(lia_model_sweep(&sw, m, NULL, w1) == LIA_OK, "sweep: %s", lia_errmsg());
    const lia_sweep_point *p = lia_sweep_point_at(sw, 11);
    CHECK(p != NULL, "point 11 of 21");
    if (p) { NEAR(p->values[0], 0.31, 1e-12); NEAR(p->delta_star[0], 0.07 / 0.08, 1e-9); NEAR(p->patience[0], 0.9, 0); }
    int found = 0;
    for (size_t k = 0; k < lia_sweep_breakdown_count(sw); k++) {
        const lia_sweep_breakdown *d = lia_sweep_breakdown_at(sw, k);
        if (d && d->party && strcmp(d->party, "A") == 0) { NEAR(d->value, 0.308, 1e-6); found++; }
    }
    CHECK(found == 1, "one breakdown for A, found %d", found);
    CHECK(lia_sweep_breakdown_at(sw, lia_sweep_breakdown_count(sw)) == NULL, "breakdown out of range");
    CHECK(lia_sweep_write_html(&page, NULL, sw, b1) == LIA_OK, "sweep briefing");
    lia_free(page);
    lia_sweep_free(sw);
    free(w1);
    free(b1);
    lia_model *ms[1] = { m };
    const char *names[1] = { NULL };
    lia_compare *cmp = NULL;
    char *json = NULL;
    CHECK(lia_compare_agreements(&cmp, ms, names, 1) == LIA_OK, "compare");
    CHECK(lia_compare_write(&json, NULL, cmp, LIA_FORMAT_JSON) == LIA_OK, "compare JSON");
    lia_free(json);
    lia_compare_free(cmp);
    free(c1);
    const lia_param *s_ = lia_model_param_find(m, "s");
    CHECK(s_ && s_->kind == LIA_PARAM_LET, "the let s");
    if (s_) NEAR(s_->value, 0.3, 0);
    lia_explore_range range = { "s", 0.2, 0.4 };
    lia_explore_options eo = LIA_EXPLORE_OPTIONS_INIT;
    eo.samples = 8;
    eo.seed = 7;
    eo.ranges = &range;
    eo.nranges = 1;
    eo.threads = 1;
    lia_explore_options *e1 = v1(&eo, sizeof eo);
    explore_ab(m, e1);
    free(e1);
    lia_model_free(m);
}

static void regimes_suspects_diagnostics(void)
{
    lia_model *m = open_model("tests/cases/repeat/regimes.lia");
    lia_regimes *rg = NULL;
    if (m) {
        CHECK(lia_model_regimes(&rg, m, NULL) == LIA_OK, "regimes: %s", lia_regimes_errmsg(rg));
        CHECK(lia_regimes_member_count(rg) == 2 && lia_regimes_count(rg) >= 2, "two members, regimes");
        lia_regimes_free(rg);
        lia_model_free(m);
    }
    m = open_model("models/philby.lia");
    lia_suspects *su = NULL;
    if (m) {
        CHECK(lia_model_suspects(&su, m, "Washington") == LIA_OK, "suspects: %s", lia_suspects_errmsg(su));
        CHECK(lia_suspects_count(su) == 1 && strcmp(lia_suspects_party(su, 0), "SIS") == 0, "SIS suspected");
        lia_suspects_free(su);
        lia_model_free(m);
    }
    const char bad[] = "party A { leak 2 }\n";
    m = NULL;
    CHECK(lia_model_parse(&m, bad, sizeof bad - 1, "bad.lia") == LIA_EINPUT, "an invalid model");
    const lia_diag *d = lia_model_diag_at(m, 0);
    CHECK(d && d->severity == LIA_ERROR && d->line == 1, "its diagnostic");
    lia_model_free(m);
    double lo = -1, hi = -1;
    /* Wilson at k = 0: lo = 0, hi = z^2/(n + z^2) = 3.8416/13.8416 */
    CHECK(lia_wilson_interval(0, 10, 1.96, &lo, &hi) == LIA_OK, "wilson");
    NEAR(lo, 0, 0);
    NEAR(hi, 3.8416 / 13.8416, 1e-12);
}

int main(void)
{
    /* the SONAME guarantees the layouts; a newer library of the same SONAME only adds */
    CHECK(lia_version_number() >= LIA_VERSION_NUMBER, "library %s is older than the header %s", lia_version(), LIA_VERSION);
    games();
    agreement();
    regimes_suspects_diagnostics();
    lia_thread_cleanup();
    if (failures) fprintf(stderr, "old_caller: %d check%s failed\n", failures, failures == 1 ? "" : "s");
    else printf("old_caller: a 0.2 program ran against liaison %s\n", lia_version());
    return failures ? 1 : 0;
}
