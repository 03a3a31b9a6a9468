/* share_tu.c — every cooperative solution of one coalitional game, gathered in a lia_share.
 *
 * Tables go to the value kernels and the nucleolus engine directly. Bankruptcy and voting games
 * keep their structure: the bankruptcy rules and the power indices work on claims and weights
 * (hundreds of players), and a coalition table is built only where it fits (up to
 * TABLE_PLAYERS) for the table-based solutions. Cost games are solved through their savings
 * game s(S) = sum_{i in S} c(i) - c(S), whose solutions x give the cost shares c(i) - x_i. */
#include "share_result.h"
#include "share.h"
#include "../game/tugame.h"
#include "../util/mem.h"
#include "../util/options.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

enum { TABLE_PLAYERS = 22 };   /* structured games: 2^22 doubles = 32 MiB */

lia_share *lia__share_new(const char *game, size_t n, const char *const *players)
{
    lia_share *s = lia__calloc(1, sizeof *s);
    if (!s) return NULL;
    lia__arena_init(&s->arena);
    s->n = n;
    s->core_empty = -1;
    s->grand = NAN;
    s->game = lia__arena_strndup(&s->arena, game, strlen(game));
    s->players = lia__arena_array(&s->arena, n ? n : 1, sizeof *s->players);
    int ok = s->game && s->players;
    for (size_t i = 0; ok && i < n; i++) ok = (s->players[i] = lia__arena_strndup(&s->arena, players[i], strlen(players[i]))) != NULL;
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++) s->status[r] = LIA_EUSAGE;
    if (!ok) { lia_share_free(s); return NULL; }
    return s;
}

void lia__share_skip(lia_share *s, lia_share_rule r, lia_status st, const char *fmt, ...)
{
    char buf[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    s->status[r] = st;
    s->vec[r] = NULL;
    s->why[r] = lia__arena_strndup(&s->arena, buf, strlen(buf));   /* NULL on failure: reads as "" */
}

double *lia__share_put(lia_share *s, lia_share_rule r)
{
    double *v = lia__arena_array(&s->arena, s->n ? s->n : 1, sizeof *v);
    if (v) { s->vec[r] = v; s->status[r] = LIA_OK; s->why[r] = NULL; }
    return v;
}

/* ---- the coalition table of any form ---- */

static lia_status build_table(const lia_tugame *g, double **out, int *owned)
{
    size_t n = g->np;
    *owned = 0;
    if (g->form == LIA_TU_TABLE) { *out = g->values; return LIA_OK; }
    double *v = lia__malloc(((size_t)1 << n) * sizeof *v);
    if (!v) return LIA_ENOMEM;
    double total = 0;
    for (size_t i = 0; i < n; i++) total += g->weights[i];
    /* w(S) by adding the lowest member to the sum of the rest: one addition per coalition */
    v[0] = 0;
    double *sum = lia__malloc(((size_t)1 << n) * sizeof *sum);
    if (!sum) { lia__free(v); return LIA_ENOMEM; }
    sum[0] = 0;
    for (size_t S = 1; S < (size_t)1 << n; S++) sum[S] = sum[S & (S - 1)] + g->weights[__builtin_ctzll(S)];
    for (size_t S = 1; S < (size_t)1 << n; S++) {
        if (g->form == LIA_TU_VOTING) v[S] = sum[S] >= g->amount ? 1 : 0;
        else { double left = g->amount - (total - sum[S]); v[S] = left > 0 ? left : 0; }
    }
    lia__free(sum);
    *out = v;
    *owned = 1;
    return LIA_OK;
}

/* s(S) = sum_{i in S} c(i) - c(S) */
static lia_status savings_table(const double *c, size_t n, double **out)
{
    double *s = lia__malloc(((size_t)1 << n) * sizeof *s);
    if (!s) return LIA_ENOMEM;
    s[0] = 0;
    double *single = lia__malloc(((size_t)1 << n) * sizeof *single);
    if (!single) { lia__free(s); return LIA_ENOMEM; }
    single[0] = 0;
    for (size_t S = 1; S < (size_t)1 << n; S++) single[S] = single[S & (S - 1)] + c[(size_t)1 << __builtin_ctzll(S)];
    for (size_t S = 1; S < (size_t)1 << n; S++) s[S] = single[S] - c[S];
    lia__free(single);
    *out = s;
    return LIA_OK;
}

/* ---- the rules ---- */

/* Shapley and Banzhaf are linear: on a cost table they give cost shares directly. */
static lia_status linear_rules(lia_share *s, const double *v, const lia_share_options *o)
{
    if (lia_share_wants(o, LIA_SHARE_SHAPLEY) && !s->vec[LIA_SHARE_SHAPLEY]) {
        double *phi = lia__share_put(s, LIA_SHARE_SHAPLEY);
        if (!phi) return LIA_ENOMEM;
        lia_status st = lia__shapley_table(v, s->n, phi);
        if (st != LIA_OK) { lia__share_skip(s, LIA_SHARE_SHAPLEY, st, "the coalition values are not finite"); return st; }
    }
    if (lia_share_wants(o, LIA_SHARE_BANZHAF) && !s->vec[LIA_SHARE_BANZHAF]) {
        double *b = lia__share_put(s, LIA_SHARE_BANZHAF);
        if (!b) return LIA_ENOMEM;
        lia_status st = lia__banzhaf_table(v, s->n, b);
        if (st != LIA_OK) { lia__share_skip(s, LIA_SHARE_BANZHAF, st, "the coalition values are not finite"); return st; }
    }
    return LIA_OK;
}

/* One nucleolus-type rule on the gain (or savings) table sv; costs converts to cost shares. */
static lia_status nucleolus_rule(lia_share *s, lia_share_rule r, const double *sv, const double *costs,
                                 const lia_share_options *o, double *level1)
{
    char msg[300];
    double *x = lia__share_put(s, r);
    if (!x) return LIA_ENOMEM;
    int pre = r != LIA_SHARE_NUCLEOLUS && r != LIA_SHARE_PER_CAPITA_NUCLEOLUS;
    lia_status st = lia__nucleolus_table(sv, s->n, pre, r == LIA_SHARE_PER_CAPITA_NUCLEOLUS, x, level1, NULL, msg, sizeof msg);
    if (st == LIA_ENOMEM) return st;
    if (st != LIA_OK) { lia__share_skip(s, r, st, "%s", msg); return st; }
    if (r != LIA_SHARE_PER_CAPITA_NUCLEOLUS && s->n <= o->verify_players) {
        int holds = 0;
        st = lia__kohlberg_check(sv, s->n, x, pre, 1e-7, &holds);
        if (st == LIA_ENOMEM) return st;
        if (st == LIA_ELIMIT) goto unverified;   /* too many tied coalitions to decide quickly */
        if (st != LIA_OK || !holds) {
            lia__share_skip(s, r, LIA_EINTERNAL, "the computed %s failed Kohlberg's criterion", lia_share_rule_name(r));
            return LIA_EINTERNAL;
        }
        s->verified[r] = 1;
    }
unverified:
    if (costs)
        for (size_t i = 0; i < s->n; i++) x[i] = costs[(size_t)1 << i] - x[i];
    return LIA_OK;
}

/* A voting game whose weights the dynamic programme refused but whose table was built: the
 * Banzhaf value of the table is the absolute index; normalised, it is the power index. */
static lia_status banzhaf_index_from_value(lia_share *s)
{
    const double *raw = s->vec[LIA_SHARE_BANZHAF];
    double *abs = lia__share_put(s, LIA_SHARE_BANZHAF_ABSOLUTE), sum = 0;
    if (!abs) return LIA_ENOMEM;
    for (size_t i = 0; i < s->n; i++) { abs[i] = raw[i]; sum += raw[i]; }
    for (size_t i = 0; i < s->n; i++) s->vec[LIA_SHARE_BANZHAF][i] = sum > 0 ? raw[i] / sum : 0;
    return LIA_OK;
}

static lia_status lp_rules(lia_share *s, const double *v, int cost, const lia_share_options *o)
{
    double *sv = NULL;
    lia_status st = LIA_OK;
    if (cost && (st = savings_table(v, s->n, &sv)) != LIA_OK) return st;
    const double *gain = cost ? sv : v, *costs = cost ? v : NULL;
    lia_status worst = LIA_OK;
    int want_pre = lia_share_wants(o, LIA_SHARE_PRENUCLEOLUS) || lia_share_wants(o, LIA_SHARE_LEAST_CORE);
    if (want_pre) {
        double level1 = 0;
        st = nucleolus_rule(s, LIA_SHARE_PRENUCLEOLUS, gain, costs, o, &level1);
        if (st == LIA_OK) {
            s->has_least_core = 1;
            s->epsilon = -level1;
            /* the core is x(S) >= v(S) for all S: empty iff the best worst satisfaction is < 0 */
            double scale = 0;
            for (size_t S = 0; S < (size_t)1 << s->n; S++) scale = fmax(scale, fabs(gain[S]));
            s->core_empty = level1 < -1e-9 * (scale > 0 ? scale : 1);
            if (fabs(s->epsilon) <= 1e-9 * (scale > 0 ? scale : 1)) s->epsilon = 0;   /* rounding at a boundary */
            if (lia_share_wants(o, LIA_SHARE_LEAST_CORE)) {
                double *lc = lia__share_put(s, LIA_SHARE_LEAST_CORE);
                if (!lc) st = LIA_ENOMEM;
                else memcpy(lc, s->vec[LIA_SHARE_PRENUCLEOLUS], s->n * sizeof *lc);
            }
            if (!lia_share_wants(o, LIA_SHARE_PRENUCLEOLUS)) {
                s->vec[LIA_SHARE_PRENUCLEOLUS] = NULL;
                s->status[LIA_SHARE_PRENUCLEOLUS] = LIA_EUSAGE;
                s->verified[LIA_SHARE_PRENUCLEOLUS] = 0;
            }
        }
        if (st == LIA_ENOMEM) goto done;
        if (st != LIA_OK) worst = st;
    }
    if (lia_share_wants(o, LIA_SHARE_NUCLEOLUS)) {
        st = nucleolus_rule(s, LIA_SHARE_NUCLEOLUS, gain, costs, o, NULL);
        if (st == LIA_ENOMEM) goto done;
        /* no imputations is a property of the game, not a failure, unless it was asked for */
        if (st == LIA_EUSAGE && o->rules == 0) st = LIA_OK;
        if (st != LIA_OK) worst = st;
    }
    if (o->rules >> LIA_SHARE_PER_CAPITA_NUCLEOLUS & 1) {   /* only on request */
        st = nucleolus_rule(s, LIA_SHARE_PER_CAPITA_NUCLEOLUS, gain, costs, o, NULL);
        if (st == LIA_ENOMEM) goto done;
        if (st != LIA_OK) worst = st;
    }
    st = worst;
done:
    lia__free(sv);
    return st;
}

static lia_status bankruptcy_rules(lia_share *s, const lia_tugame *g, const lia_share_options *o)
{
    static const lia_share_rule rules[] = { LIA_SHARE_TALMUD, LIA_SHARE_PROPORTIONAL, LIA_SHARE_CEA, LIA_SHARE_CEL };
    for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
        if (!lia_share_wants(o, rules[k])) continue;
        double *x = lia__share_put(s, rules[k]);
        if (!x) return LIA_ENOMEM;
        lia_status st = lia_bankruptcy_rule(rules[k], g->amount, g->weights, g->np, x);
        if (st != LIA_OK) { lia__share_skip(s, rules[k], st, "the estate and claims are not a bankruptcy problem"); return st; }
    }
    /* Aumann and Maschler (1985): the Talmud rule is the bankruptcy game's nucleolus, so games
     * too large to tabulate still get one; the game is convex, so its core is never empty */
    s->core_empty = 0;
    return LIA_OK;
}

/* Shapley-Shubik and Banzhaf by the dynamic programme. Banzhaf needs one pass up to the quota,
 * Shapley-Shubik about n/4 passes, so when both are beyond the work or memory limits Banzhaf
 * is tried alone. A rule that cannot be computed gets its real reason; that is an error only
 * for a rule asked for by name (and for games too large for the table's Shapley value). */
static lia_status voting_rules(lia_share *s, const lia_tugame *g, const lia_share_options *o)
{
    char msg[300];
    int ss = lia_share_wants(o, LIA_SHARE_SHAPLEY), bz = lia_share_wants(o, LIA_SHARE_BANZHAF);
    int ab = lia_share_wants(o, LIA_SHARE_BANZHAF_ABSOLUTE);
    if (!ss && !bz && !ab) return LIA_OK;
    double *a = lia__share_put(s, LIA_SHARE_SHAPLEY), *b = lia__share_put(s, LIA_SHARE_BANZHAF);
    double *c = lia__share_put(s, LIA_SHARE_BANZHAF_ABSOLUTE);
    if (!a || !b || !c) return LIA_ENOMEM;
    /* Shapley-Shubik only when wanted: it is n/4 times the work of Banzhaf */
    lia_status st = lia__voting_power(g->amount, g->weights, &g->amount_exact, g->weights_exact, g->np,
                                     ss || g->np <= TABLE_PLAYERS ? a : NULL, b, c, o->memory_cap, msg, sizeof msg);
    if (st == LIA_ENOMEM) return st;
    lia_status worst = LIA_OK;
    if (st == LIA_ELIMIT && ss && (bz || ab)) {
        /* Shapley-Shubik alone is out of reach: keep its reason, try Banzhaf by itself */
        lia__share_skip(s, LIA_SHARE_SHAPLEY, st, "%s", msg);
        if ((o->rules >> LIA_SHARE_SHAPLEY & 1) || g->np <= TABLE_PLAYERS) worst = g->np <= TABLE_PLAYERS ? LIA_OK : st;
        ss = 0;
        if (!(b = lia__share_put(s, LIA_SHARE_BANZHAF)) || !(c = lia__share_put(s, LIA_SHARE_BANZHAF_ABSOLUTE)))
            return LIA_ENOMEM;
        st = lia__voting_power(g->amount, g->weights, &g->amount_exact, g->weights_exact, g->np, NULL, b, c,
                              o->memory_cap, msg, sizeof msg);
        if (st == LIA_ENOMEM) return st;
    }
    if (st != LIA_OK) {
        static const lia_share_rule rules[] = { LIA_SHARE_SHAPLEY, LIA_SHARE_BANZHAF, LIA_SHARE_BANZHAF_ABSOLUTE };
        int want[] = { ss, bz, ab };
        for (size_t k = 0; k < 3; k++) {
            if (!want[k]) { if (rules[k] != LIA_SHARE_SHAPLEY || !s->why[rules[k]]) s->vec[rules[k]] = NULL; continue; }
            lia__share_skip(s, rules[k], st, "%s", msg);
            /* small games still get the values from the table; others fail only if asked by name */
            if (g->np > TABLE_PLAYERS && (o->rules >> rules[k] & 1)) worst = st;
        }
        return worst;
    }
    if (!ss && !s->why[LIA_SHARE_SHAPLEY]) s->vec[LIA_SHARE_SHAPLEY] = NULL;
    if (!bz) s->vec[LIA_SHARE_BANZHAF] = NULL;
    if (!ab) s->vec[LIA_SHARE_BANZHAF_ABSOLUTE] = NULL;
    return worst;
}

static lia_status mc_rule(lia_share *s, const lia_tugame *g, const lia_share_options *o)
{
    double *phi = lia__share_put(s, LIA_SHARE_SHAPLEY_MC);
    s->mc_half = lia__arena_array(&s->arena, s->n ? s->n : 1, sizeof *s->mc_half);
    if (!phi || !s->mc_half) return LIA_ENOMEM;
    lia_status st = lia__shapley_mc(g, o->samples, o->seed, o->confidence, phi, s->mc_half, o->progress, o->progress_ctx);
    if (st != LIA_OK) {
        lia__share_skip(s, LIA_SHARE_SHAPLEY_MC, st, "%s", st == LIA_ECANCELED ? "Monte-Carlo sampling was cancelled by "
                       "its progress callback" : "Monte-Carlo sampling failed");
        return st;
    }
    s->mc_samples = o->samples;
    s->mc_seed = o->seed;
    s->mc_confidence = o->confidence;
    return LIA_OK;
}

/* Aumann and Maschler (1985): the Talmud rule is the nucleolus of the bankruptcy game, and the
 * game is convex, so its core holds the prenucleolus, which then equals the nucleolus. Games
 * too large to tabulate get both from the rule. */
static lia_status talmud_nucleoli(lia_share *s, const lia_tugame *g, const lia_share_options *o)
{
    static const lia_share_rule both[] = { LIA_SHARE_NUCLEOLUS, LIA_SHARE_PRENUCLEOLUS };
    for (size_t k = 0; k < 2; k++) {
        if (!lia_share_wants(o, both[k])) continue;
        double *x = lia__share_put(s, both[k]);
        if (!x) return LIA_ENOMEM;
        lia_status st = lia__bankruptcy_talmud(g->amount, g->weights, g->np, x);
        if (st != LIA_OK) { lia__share_skip(s, both[k], st, "the estate and claims are not a bankruptcy problem"); return st; }
    }
    return LIA_OK;
}

static lia_status grand_value(const lia_tugame *g, double *v)
{
    if (g->form == LIA_TU_TABLE) { *v = g->values[((size_t)1 << g->np) - 1]; return LIA_OK; }
    if (g->form == LIA_TU_VOTING) {
        double w = 0;
        for (size_t i = 0; i < g->np; i++) w += g->weights[i];
        *v = w >= g->amount ? 1 : 0;
    } else {
        *v = g->amount;
    }
    return LIA_OK;
}

lia_status lia__share_fill_tu(lia_share *s, const lia_tugame *g, const lia_share_options *o)
{
    s->cost = g->cost;
    s->kind = g->form == LIA_TU_BANKRUPTCY ? LIA_KIND_BANKRUPTCY : g->form == LIA_TU_VOTING ? LIA_KIND_VOTING
              : g->cost ? LIA_KIND_COALITIONAL_COST : LIA_KIND_COALITIONAL;
    grand_value(g, &s->grand);
    lia_status worst = LIA_OK, st;
    if (g->form == LIA_TU_BANKRUPTCY && (st = bankruptcy_rules(s, g, o)) != LIA_OK) {
        if (st == LIA_ENOMEM) return st;
        worst = st;
    }
    if (g->form == LIA_TU_VOTING && (st = voting_rules(s, g, o)) != LIA_OK) {
        if (st == LIA_ENOMEM) return st;
        worst = st;
    }
    /* structured games build a table and a scratch array of sums; cost games a savings table */
    size_t cap = o->memory_cap ? o->memory_cap : LIA_DEFAULT_MEMORY_CAP;
    double bytes = ldexp(8.0, (int)g->np) * ((g->form != LIA_TU_TABLE ? 2 : 0) + (g->cost ? 2 : 0));
    int tabulate = (g->form == LIA_TU_TABLE || g->np <= TABLE_PLAYERS) && bytes <= (double)cap;
    if (tabulate) {
        double *v;
        int owned;
        if ((st = build_table(g, &v, &owned)) != LIA_OK) return st;
        int voting_fallback = g->form == LIA_TU_VOTING && !s->vec[LIA_SHARE_BANZHAF] && lia_share_wants(o, LIA_SHARE_BANZHAF);
        st = linear_rules(s, v, o);
        if (st == LIA_OK && voting_fallback) st = banzhaf_index_from_value(s);
        if (st == LIA_OK || st != LIA_ENOMEM) {
            lia_status lp = lp_rules(s, v, g->cost, o);
            if (st == LIA_OK) st = lp;
        }
        if (owned) lia__free(v);
        if (st == LIA_ENOMEM) return st;
        if (st != LIA_OK) worst = st;
    } else {
        const char *why = g->np > TABLE_PLAYERS ? "the game has too many players to tabulate its coalitions"
                                                : "tabulating the coalitions would exceed the memory cap";
        if (g->form == LIA_TU_BANKRUPTCY && (st = talmud_nucleoli(s, g, o)) != LIA_OK) return st;
        for (int r = LIA_SHARE_SHAPLEY; r <= LIA_SHARE_PER_CAPITA_NUCLEOLUS; r++) {
            if (s->vec[r] || !lia_share_wants(o, (lia_share_rule)r) ||
                (r == LIA_SHARE_PER_CAPITA_NUCLEOLUS && !(o->rules >> r & 1)))
                continue;
            /* a rule that already failed for its own reason (the voting programme's work
             * limit, say) keeps that reason */
            if (!s->why[r]) lia__share_skip(s, (lia_share_rule)r, LIA_ELIMIT, "%s", why);
            if (o->rules >> r & 1) worst = LIA_ELIMIT;   /* asked for by name: an error */
        }
    }
    /* sampling: on request, or as the Shapley value of structured games too large for anything else */
    int want_mc = o->rules >> LIA_SHARE_SHAPLEY_MC & 1;
    if (!want_mc && o->rules == 0 && !s->vec[LIA_SHARE_SHAPLEY] &&
        (g->form == LIA_TU_BANKRUPTCY || g->form == LIA_TU_VOTING))
        want_mc = 1;
    if (want_mc && (st = mc_rule(s, g, o)) != LIA_OK) {
        if (st == LIA_ENOMEM) return st;
        worst = st;
    }
    return worst;
}

/* ---- handle ---- */

int lia__share_options_read(lia_share_options *o, const lia_share_options *given, char *msg, size_t cap)
{
    /* version 1 ends before the progress hook (version 2) */
    static const size_t ends[LIA_SHARE_OPTIONS_VERSION] = { offsetof(lia_share_options, progress), sizeof(lia_share_options) };
    const lia_share_options def = LIA_SHARE_OPTIONS_INIT;
    *o = def;
    if (!LIA__OPTIONS_READ(o, given, lia_share_options, ends, msg, cap)) return 0;
    return o->samples > 0 && o->samples <= LIA_SHARE_MAX_SAMPLES &&
           o->confidence > 0 && o->confidence < 1 &&
           (unsigned)o->disagreement <= LIA_DISAGREE_SECURITY && (o->rules >> LIA_SHARE_RULE_COUNT) == 0;
}

lia_status lia_tugame_share(lia_share **out, const lia_tugame *g, const lia_share_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_tugame_share: out is NULL");
    *out = NULL;
    lia_share_options o_, *o = &o_;
    if (!lia__share_options_read(o, opts, NULL, 0)) return LIA_EUSAGE;   /* message set */
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_tugame_share: the coalitional game is NULL");
    if (g->form == LIA_TU_TABLE && !g->values)
        return lia__errmsg_default(LIA_EUSAGE, "'%s' has no table of coalition values to share", g->name);
    lia_share *s = lia__share_new(g->name, g->np, g->players);
    if (!s) return lia__errmsg_default(LIA_ENOMEM, "out of memory starting the shares of '%s'", g->name);
    lia_status st = lia__share_fill_tu(s, g, o);
    if (st == LIA_ENOMEM) {
        lia_share_free(s);
        return lia__errmsg_default(st, "out of memory sharing '%s' (%zu players)", g->name, g->np);
    }
    lia_status asked = lia__share_check_asked(s, o);
    if (st == LIA_OK) st = asked;
    if (st != LIA_OK) {
        lia__share_explain(s);
        /* the share's message, for callers that read lia_errmsg after every game-level call */
        lia__errmsg_default(st, "%s", *lia_share_errmsg(s) ? lia_share_errmsg(s) : "the shares could not be computed");
    }
    *out = s;
    return st;
}

lia_status lia__share_check_asked(lia_share *s, const lia_share_options *o)
{
    lia_status st = LIA_OK;
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++)
        if ((o->rules >> r & 1) && !s->vec[r] && !s->why[r]) {
            lia__share_skip(s, (lia_share_rule)r, LIA_EUSAGE, "does not apply to a game of this kind");
            st = LIA_EUSAGE;
        }
    return st;
}

void lia__share_explain(lia_share *s)
{
    /* a failure proper first, then a rule that merely could not be computed */
    for (int pass = 0; pass < 2 && !s->errmsg[0]; pass++)
        for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++)
            if (!s->vec[r] && s->why[r] && (pass || s->status[r] != LIA_EUSAGE)) {
                /* the bargaining rules are asked for together, by the selection's name */
                snprintf(s->errmsg, sizeof s->errmsg, "%s: %s",
                         r == LIA_SHARE_NASH_BARGAINING || r == LIA_SHARE_KALAI_SMORODINSKY ? "bargaining"
                                                                                            : lia_share_rule_name((lia_share_rule)r),
                         s->why[r]);
                break;
            }
}
