/* fuzz_compile.c — libFuzzer target: parse, check, compile and render through the public API.
 *
 * Every input is tried three ways, so that each reader is fuzzed:
 *   "fuzz.lia"   the agreement language (lexer, parser, checker, lowering);
 *   "fuzz.nfg"   the Gambit .nfg reader;
 *   "fuzz.game"  sniffed: .nfg or lrsnash input by content, else the agreement language.
 * For each way: read every diagnostic (every byte of line_text, so ASan sees any bad span),
 * compile every game to its stage game and to its coalition game under a small memory cap,
 * render each in every format that can apply, share and repeat it, apply each regime to a
 * clone, try one `--set`-style override, free it all.
 * Only include/liaison.h is used: the target sees what a binding would see.
 * Build and run with tests/fuzz/run.sh.
 */
#include "liaison.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Small enough that a hostile input cannot exhaust memory or time, large enough that the
 * models in models/ and most mutations of them still compile. */
#define FUZZ_MEMORY_CAP ((size_t)16 << 20)

/* Results are folded in here so the compiler cannot drop the reads that ASan checks. */
static volatile uint64_t sink;

static void touch_str(const char *s)
{
    if (!s) return;
    uint64_t h = 0;
    for (; *s; s++) h = h * 31 + (unsigned char)*s;
    sink += h;
}

static void touch_bytes(const char *s, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) h = h * 31 + (unsigned char)s[i];
    sink += h;
}

static void touch_diags(const lia_model *m)
{
    size_t n = lia_model_diag_count(m);
    sink += lia_model_error_count(m);
    for (size_t i = 0; i < n; i++) {
        const lia_diag *d = lia_model_diag_at(m, i);
        if (!d) abort();   /* i < count must give a diagnostic */
        sink += (uint64_t)d->severity + d->line + d->column + d->length + d->line_len;
        touch_str(d->file);
        touch_str(d->message);
        if (d->line_len && !d->line_text) abort();
        if (d->line_text) touch_bytes(d->line_text, d->line_len);
    }
    if (lia_model_diag_at(m, n) != NULL) abort();   /* out of range must give NULL */
    touch_str(lia_model_errmsg(m));
}

/* A rendered string must be NUL-terminated at len; read all of it. */
static void touch_output(char *out, size_t len)
{
    if (!out) abort();
    touch_bytes(out, len);
    if (out[len] != '\0') abort();
    lia_free(out);
}

static void exercise_game(const lia_game *g)
{
    touch_str(lia_game_name(g));
    size_t np = lia_game_player_count(g), nprof = lia_game_profile_count(g);
    for (size_t p = 0; p < np; p++) {
        touch_str(lia_game_player_name(g, p));
        size_t ns = lia_game_strategy_count(g, p);
        for (size_t s = 0; s < ns; s++) touch_str(lia_game_strategy_name(g, p, s));
    }
    const double *u = lia_game_payoffs(g);
    if (u && nprof) {
        /* the bits, not a conversion: a payoff beyond int64 would make the cast undefined */
        double s = u[0] + u[np * nprof - 1];
        uint64_t bits;
        memcpy(&bits, &s, sizeof bits);
        sink += bits;
    }
    int64_t num, den;
    if (nprof && np && lia_game_payoff_exact(g, np - 1, nprof - 1, &num, &den)) sink += (uint64_t)num + (uint64_t)den;
    /* equilibria: pure for every game; LP and Lemke-Howson (all labels, and the race) for small
     * two-player games. Whatever comes back must be a verified equilibrium set or a status. */
    lia_nash_options no = LIA_NASH_OPTIONS_INIT;
    lia_eqset *eq = NULL;
    if (nprof <= 4096 && lia_game_nash(&eq, g, &no) == LIA_OK) {
        for (size_t k = 0; k < lia_eqset_count(eq); k++) sink += (uint64_t)(lia_eqset_regret(eq, k) > 0);
    }
    lia_eqset_free(eq);
    /* repeated-game sustainability of the first profile (and of the commitment), both
     * punishments, with and without a common discount factor */
    if (nprof <= 1024) {
        size_t *first = calloc(np ? np : 1, sizeof *first);
        for (int k = 0; first && k < 4; k++) {
            lia_repeat_options ro = LIA_REPEAT_OPTIONS_INIT;
            ro.punish = k & 1 ? LIA_PUNISH_MINMAX : LIA_PUNISH_NASH;
            ro.delta = k & 2 ? 0.9 : 0;
            lia_repeat *r = NULL;
            if (lia_game_repeat(&r, g, k < 2 && lia_game_commitment(g, NULL) ? NULL : first, &ro) == LIA_OK) {
                char *out = NULL;
                size_t len = 0;
                if (lia_repeat_write(&out, &len, r, k & 1 ? LIA_FORMAT_JSON : LIA_FORMAT_TEXT) == LIA_OK) touch_output(out, len);
                else lia_free(out);
                sink += (uint64_t)(lia_repeat_self_enforcing(r) + 1);
            }
            lia_repeat_free(r);
        }
        free(first);
    }
    /* the n-player mixed methods, on games small enough to stay quick under the fuzzer */
    static const struct { lia_nash_method m; size_t max_profiles; } mixed[] = {
        { LIA_NASH_SUPPORT, 36 }, { LIA_NASH_GNM, 256 }, { LIA_NASH_QRE, 64 } };
    for (size_t k = 0; k < sizeof mixed / sizeof mixed[0]; k++) {
        if (nprof > mixed[k].max_profiles) continue;
        lia_nash_options mo = LIA_NASH_OPTIONS_INIT;
        mo.method = mixed[k].m;
        eq = NULL;
        if (lia_game_nash(&eq, g, &mo) == LIA_OK) {
            for (size_t q = 0; q < lia_eqset_count(eq); q++) sink += (uint64_t)(lia_eqset_regret(eq, q) > 0);
            sink += lia_eqset_path_count(eq);
        }
        lia_eqset_free(eq);
    }
    if (np == 2 && lia_game_strategy_count(g, 0) + lia_game_strategy_count(g, 1) <= 24) {
        static const long labels[] = { -1, LIA_LH_RACE };
        for (size_t k = 0; k < 2; k++) {
            no.method = LIA_NASH_LH;
            no.label = labels[k];
            eq = NULL;
            if (lia_game_nash(&eq, g, &no) == LIA_OK) sink += lia_eqset_count(eq);
            lia_eqset_free(eq);
        }
        no.method = LIA_NASH_LP;
        eq = NULL;
        if (lia_game_nash(&eq, g, &no) == LIA_OK) sink += lia_eqset_count(eq);
        lia_eqset_free(eq);
        /* every extreme equilibrium, in floating point and exactly, with the components */
        for (int exact = 0; exact < 2; exact++) {
            no.method = LIA_NASH_ALL;
            no.exact = exact;
            eq = NULL;
            if (lia_game_nash(&eq, g, &no) == LIA_OK) {
                sink += lia_eqset_count(eq) + lia_eqset_clique_count(eq);
                char *text = NULL;
                if (lia_eqset_write(&text, NULL, eq, LIA_FORMAT_CSV) == LIA_OK) sink += strlen(text);
                lia_free(text);
            }
            lia_eqset_free(eq);
        }
        no.exact = 0;
    }
    size_t *strat = np ? calloc(np, sizeof *strat) : NULL;
    if (strat) {
        if (lia_game_commitment(g, strat)) {
            size_t idx;
            if (lia_game_profile_index(g, strat, &idx) == LIA_OK) sink += idx;
        }
        free(strat);
    }
    /* LRS refuses games of other than two players, TU every normal game: both must fail
     * cleanly, without output or leak. */
    static const lia_format fmts[] = { LIA_FORMAT_TEXT, LIA_FORMAT_JSON, LIA_FORMAT_NFG, LIA_FORMAT_LRS,
                                       LIA_FORMAT_TU };
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        char *out = NULL;
        size_t len = 0;
        if (lia_game_write(&out, &len, g, fmts[f]) == LIA_OK) touch_output(out, len);
        else lia_free(out);
    }
}

static void exercise_tugame(const lia_tugame *g)
{
    touch_str(lia_tugame_name(g));
    size_t np = lia_tugame_player_count(g);
    for (size_t p = 0; p < np; p++) touch_str(lia_tugame_player_name(g, p));
    sink += (uint64_t)lia_tugame_is_cost(g) + (uint64_t)lia_tugame_form(g);
    double v;
    if (np <= 63 && lia_tugame_value(g, np == 63 ? UINT64_MAX >> 1 : (((uint64_t)1 << np) - 1), &v) == LIA_OK)
        sink += (uint64_t)(int64_t)v;
    double e;
    const double *w;
    if (lia_tugame_bankruptcy(g, &e, &w) == LIA_OK && np) sink += (uint64_t)(int64_t)(e + w[np - 1]);
    if (lia_tugame_voting(g, &e, &w) == LIA_OK && np) sink += (uint64_t)(int64_t)(e + w[np - 1]);
    static const lia_format fmts[] = { LIA_FORMAT_TU, LIA_FORMAT_JSON, LIA_FORMAT_TEXT, LIA_FORMAT_NFG };
    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        char *out = NULL;
        size_t len = 0;
        if (lia_tugame_write(&out, &len, g, fmts[f]) == LIA_OK) touch_output(out, len);
        else lia_free(out);
    }
}

/* Burden sharing of one game, every rule, then each accessor and format. */
static void exercise_share(lia_model *m, const char *name)
{
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    so.memory_cap = 1 << 20;
    so.samples = 50;
    so.rules = 0;
    for (int pass = 0; pass < 2; pass++) {
        lia_share *s = NULL;
        if (pass) so.rules = ((uint64_t)1 << LIA_SHARE_RULE_COUNT) - 1;   /* every rule, explicitly */
        lia_status st = lia_model_share(&s, m, name, &so);
        if (st != LIA_OK && !s) { touch_str(lia_model_errmsg(m)); continue; }
        touch_str(lia_share_errmsg(s));
        size_t np = lia_share_player_count(s);
        for (size_t p = 0; p < np; p++) touch_str(lia_share_player_name(s, p));
        for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++) {
            const char *why;
            const double *v = lia_share_vector(s, (lia_share_rule)r);
            sink += (uint64_t)lia_share_rule_status(s, (lia_share_rule)r, &why);
            touch_str(why);
            for (size_t p = 0; v && p < np; p++) sink += (uint64_t)(v[p] == v[p]);
        }
        for (size_t k = 0; k < lia_share_breakaway_count(s); k++) {
            uint64_t mask;
            if (lia_share_breakaway(s, k, &mask, NULL, NULL) == LIA_OK) sink += mask;
        }
        static const lia_format fmts[] = { LIA_FORMAT_TEXT, LIA_FORMAT_JSON, LIA_FORMAT_CSV, LIA_FORMAT_NFG };
        for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
            char *out = NULL;
            size_t len = 0;
            if (lia_share_write(&out, &len, s, fmts[f]) == LIA_OK) touch_output(out, len);
            else lia_free(out);
        }
        lia_share_free(s);
    }
}

/* Compile every game of a checked model both ways and render the results. */
static void compile_all(lia_model *m)
{
    /* the solve report of the whole model, within a small memory cap so that fuzzed games
     * stay quick */
    lia_compile_options small = LIA_COMPILE_OPTIONS_INIT;
    small.memory_cap = 1 << 20;
    lia_report *rep = NULL;
    if (lia_model_solve(&rep, m, NULL, &small) == LIA_OK) {
        char *text = NULL;
        if (lia_report_write(&text, NULL, rep, LIA_FORMAT_JSON) == LIA_OK) sink += strlen(text);
        lia_free(text);
        text = NULL;
        if (lia_report_write(&text, NULL, rep, LIA_FORMAT_TEXT) == LIA_OK) sink += strlen(text);
        lia_free(text);
    }
    lia_report_free(rep);
    lia_compile_options opts = LIA_COMPILE_OPTIONS_INIT;
    opts.memory_cap = FUZZ_MEMORY_CAP;
    touch_str(lia_model_title(m));
    size_t n = lia_model_game_count(m);
    for (size_t i = 0; i < n; i++) {
        const char *name = lia_model_game_name(m, i);
        if (!name) abort();
        sink += (uint64_t)lia_model_game_kind(m, i);
        size_t found;
        if (lia_model_game_find(m, name, &found) != LIA_OK) abort();   /* every listed name is found */

        lia_game *g = NULL;
        if (lia_model_compile(&g, m, name, &opts) == LIA_OK) exercise_game(g);
        else touch_str(lia_model_errmsg(m));
        lia_game_free(g);

        exercise_share(m, name);

        lia_tugame *t = NULL;
        if (lia_model_compile_tu(&t, m, name, &opts) == LIA_OK) exercise_tugame(t);
        else touch_str(lia_model_errmsg(m));
        lia_tugame_free(t);
    }
    /* agreements side by side, and each small multilateral one beside its decomposition */
    lia_model *ms[16];
    const char *gs[16];
    size_t na = 0;
    for (size_t i = 0; i < n && na < 16; i++) {
        lia_game_kind kind = lia_model_game_kind(m, i);
        if (kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL) continue;
        ms[na] = m;
        gs[na++] = lia_model_game_name(m, i);
        lia_game *sg = NULL;
        int small = lia_model_compile(&sg, m, gs[na - 1], &opts) == LIA_OK && lia_game_player_count(sg) <= 4 &&
                    lia_game_strategy_count(sg, 0) <= 3;
        lia_game_free(sg);
        lia_compare *dc = NULL;
        if (small && kind == LIA_KIND_MULTILATERAL && lia_compare_decomposition(&dc, m, gs[na - 1]) == LIA_OK) {
            char *out = NULL;
            size_t len = 0;
            if (lia_compare_write(&out, &len, dc, LIA_FORMAT_JSON) == LIA_OK) touch_output(out, len);
            else lia_free(out);
        }
        lia_compare_free(dc);
        /* suspected members of a small agreement: thresholds and probation, every value sane */
        lia_suspects *su = NULL;
        if (small && lia_model_suspects(&su, m, gs[na - 1]) == LIA_OK) {
            for (size_t k = 0; k < lia_suspects_count(su) && k < 4; k++) {
                double th = lia_suspects_threshold(su, k), u = lia_suspects_uncover_probability(su, k);
                if (!(isnan(th) || (th >= 0 && th <= 1)) || !(isnan(u) || (u >= 0 && u <= 1))) abort();
                touch_str(lia_suspects_party(su, k));
            }
            char *out = NULL;
            size_t len = 0;
            if (lia_suspects_write(&out, &len, su, LIA_FORMAT_JSON) == LIA_OK) touch_output(out, len);
            else lia_free(out);
        } else if (su) {
            touch_str(lia_suspects_errmsg(su));
        }
        lia_suspects_free(su);
        if (!small) na--;
    }
    lia_compare *cmp = NULL;
    if (na && lia_compare_agreements(&cmp, ms, gs, na) == LIA_OK) {
        char *out = NULL;
        size_t len = 0;
        if (lia_compare_write(&out, &len, cmp, LIA_FORMAT_TEXT) == LIA_OK) touch_output(out, len);
        else lia_free(out);
    }
    lia_compare_free(cmp);
    /* NULL picks the only game, or must fail cleanly listing the names */
    lia_game *g = NULL;
    if (lia_model_compile(&g, m, NULL, &opts) != LIA_OK) touch_str(lia_model_errmsg(m));
    lia_game_free(g);
}

/* The name to override: the first `let NAME` of the input (dotted paths allowed, so mutations
 * can reach attribute paths such as UK.leak), else "x". */
static void override_name(const uint8_t *data, size_t size, char *name, size_t cap)
{
    strcpy(name, "x");
    for (size_t i = 0; i + 4 <= size; i++) {
        if (memcmp(data + i, "let", 3) != 0) continue;
        if (i > 0 && data[i - 1] != '\n' && data[i - 1] != ' ' && data[i - 1] != '\t') continue;
        size_t j = i + 3;
        if (data[j] != ' ' && data[j] != '\t') continue;
        while (j < size && (data[j] == ' ' || data[j] == '\t')) j++;
        size_t k = 0;
        while (j < size && k + 1 < cap &&
               ((data[j] >= 'a' && data[j] <= 'z') || (data[j] >= 'A' && data[j] <= 'Z') ||
                (data[j] >= '0' && data[j] <= '9') || data[j] == '_' || data[j] == '.'))
            name[k++] = (char)data[j++];
        if (k) { name[k] = '\0'; return; }
    }
}

/* Only .lia files hold agreements. The sniffed "fuzz.game" reads agreement-language input as
 * .lia again; compiling those agreements twice would halve the executions for nothing. */
static int has_agreement(const lia_model *m)
{
    for (size_t i = 0, n = lia_model_game_count(m); i < n; i++) {
        lia_game_kind k = lia_model_game_kind(m, i);
        if (k == LIA_KIND_BILATERAL || k == LIA_KIND_MULTILATERAL) return 1;
    }
    return 0;
}

static void run_one(const uint8_t *data, size_t size, const char *file, int first_pass)
{
    lia_model *m = NULL;
    lia_status st = lia_model_parse(&m, (const char *)data, size, file);
    if (!m) {
        /* only these two may leave no handle */
        if (st != LIA_ENOMEM && st != LIA_EUSAGE) abort();
        return;
    }
    touch_diags(m);
    int compile = first_pass || !has_agreement(m);
    if (compile && st == LIA_OK && lia_model_error_count(m) == 0) compile_all(m);

    /* One override, then the first game's stage game again: enough to reach the re-check
     * and the overridden values without paying for a second full compile. */
    /* the regimes: the chain read back, each regime applied to a clone of its own */
    size_t nr = lia_model_regime_count(m);
    if (nr > 0 && lia_model_regime_start(m) >= nr) abort();
    for (size_t r = 0; r < nr && r < 8; r++) {
        touch_str(lia_model_regime_name(m, r));
        for (size_t t = 0; t < nr && t < 8; t++) {
            double p = lia_model_transition(m, r, t);
            if (st == LIA_OK && !(p >= 0 && p <= 1)) abort();
        }
        lia_model *c = NULL;
        if (lia_model_clone(&c, m) == LIA_OK && lia_model_apply_regime(c, r) == LIA_OK && compile)
            compile_all(c);
        if (c) touch_diags(c);
        lia_model_free(c);
    }
    if (lia_model_regime_name(m, nr) != NULL || lia_model_transition(m, nr, 0) == lia_model_transition(m, nr, 0)) abort();

    char name[64];
    override_name(data, size, name, sizeof name);
    st = lia_model_set(m, name, "0.5");
    touch_str(lia_model_errmsg(m));
    touch_diags(m);   /* the override re-checks the model: the diagnostics are new */
    if (compile && st == LIA_OK && lia_model_error_count(m) == 0 && lia_model_game_count(m) > 0) {
        lia_compile_options opts = LIA_COMPILE_OPTIONS_INIT;
        opts.memory_cap = FUZZ_MEMORY_CAP;
        lia_game *g = NULL;
        int small = 0;
        if (lia_model_compile(&g, m, lia_model_game_name(m, 0), &opts) == LIA_OK) {
            exercise_game(g);
            size_t np = lia_game_player_count(g), nprof = 1;
            for (size_t p = 0; p < np; p++) nprof *= lia_game_strategy_count(g, p);
            small = np <= 4 && nprof <= 64;
        }
        lia_game_free(g);
        /* a three-point sweep of the overridden name on both threads, refined */
        if (small) {
            lia_sweep_options so = LIA_SWEEP_OPTIONS_INIT;
            so.axis[0].name = name;
            so.axis[0].from = 0;
            so.axis[0].to = 1;
            so.axis[0].steps = 3;
            so.tolerance = 1e-3;
            so.memory_cap = 1 << 20;
            lia_sweep *sw = NULL;
            if (lia_model_sweep(&sw, m, lia_model_game_name(m, 0), &so) == LIA_OK) {
                char *out = NULL;
                size_t len = 0;
                if (lia_sweep_write(&out, &len, sw, LIA_FORMAT_JSON) == LIA_OK) touch_output(out, len);
                else lia_free(out);
            }
            lia_sweep_free(sw);
        }
    }
    lia_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run_one(data, size, "fuzz.lia", 1);
    run_one(data, size, "fuzz.nfg", 0);
    run_one(data, size, "fuzz.game", 0);
    return 0;
}
