/* share_model.c — burden sharing of a model's game: for an agreement, its coalition game's
 * solutions set against what the commitment actually gives each member (docs/model.md,
 * burden sharing); for explicit coalitional games, their solutions; for two players, the
 * bargaining solutions over the stage game. */
#include "share_result.h"
#include "share.h"
#include "../repeat/repeat.h"
#include "../game/game.h"
#include "../model_internal.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- bargaining ---- */

static lia_status disagreement_point(const lia_game *g, lia_disagreement kind, double *d)
{
    if (kind == LIA_DISAGREE_SECURITY) {
        /* Both playing their maxmin strategies gets each at least its level, so that outcome
         * dominates d; the LP's levels can overshoot by its tolerance, which would put d beyond
         * the hull, so d is capped by the payoffs of that outcome. */
        double *sigma = lia__malloc((g->ns[0] + g->ns[1]) * sizeof *sigma);
        if (!sigma) return LIA_ENOMEM;
        lia_status st = LIA_OK;
        for (size_t p = 0; p < 2 && st == LIA_OK; p++) st = lia_game_maxmin(g, p, &d[p], sigma + (p ? g->ns[0] : 0));
        if (st == LIA_OK) {
            double u[2] = { 0, 0 };
            for (size_t b = 0; b < g->ns[1]; b++)
                for (size_t a = 0; a < g->ns[0]; a++) {
                    double pr = sigma[a] * sigma[g->ns[0] + b];
                    u[0] += pr * g->payoffs[a + g->ns[0] * b];
                    u[1] += pr * g->payoffs[g->nprofiles + a + g->ns[0] * b];
                }
            d[0] = fmin(d[0], u[0]);
            d[1] = fmin(d[1], u[1]);
        }
        lia__free(sigma);
        return st;
    }
    /* Nash reversion: each member's worst payoff over the stage game's extreme equilibria, the
     * same punishment the repeated-game analysis uses (and computed once for both) */
    return lia__nash_reversion(g, d);
}

static lia_status bargain_game(const lia_game *g, lia_disagreement kind, double *d, double *nbs, double *ks)
{
    if (!g || g->np != 2 || (unsigned)kind > LIA_DISAGREE_SECURITY) return LIA_EUSAGE;
    lia_status st = disagreement_point(g, kind, d);
    if (st != LIA_OK) return st;
    double *pts = lia__malloc(2 * g->nprofiles * sizeof *pts);
    if (!pts) return LIA_ENOMEM;
    for (size_t k = 0; k < g->nprofiles; k++) {
        pts[2 * k] = g->payoffs[k];
        pts[2 * k + 1] = g->payoffs[g->nprofiles + k];
    }
    st = lia__bargain(pts, g->nprofiles, d, nbs, ks);
    lia__free(pts);
    return st;
}

lia_status lia_game_bargaining(const lia_game *g, lia_disagreement d, double *point, double *nbs, double *ks)
{
    lia__errmsg_clear();
    if (!g || !point || !nbs || !ks) return lia__errmsg_default(LIA_EUSAGE, "lia_game_bargaining: a NULL argument");
    lia_status st = bargain_game(g, d, point, nbs, ks);
    return lia__errmsg_default(st, "the bargaining solutions of '%s' (%zu players) could not be computed: %s%s", g->name,
                               g->np, lia_status_name(st), g->np != 2 ? " (two-party bargaining needs two players)" : "");
}

lia_status lia__share_fill_bargaining(lia_share *s, const lia_game *g, const lia_share_options *o)
{
    int want = lia_share_wants(o, LIA_SHARE_NASH_BARGAINING) || lia_share_wants(o, LIA_SHARE_KALAI_SMORODINSKY);
    if (!want) return LIA_OK;
    s->dpoint = lia__arena_array(&s->arena, 2, sizeof *s->dpoint);
    double *nbs = lia__share_put(s, LIA_SHARE_NASH_BARGAINING), *ks = lia__share_put(s, LIA_SHARE_KALAI_SMORODINSKY);
    if (!s->dpoint || !nbs || !ks) return LIA_ENOMEM;
    s->dkind = o->disagreement;
    lia_status st = bargain_game(g, o->disagreement, s->dpoint, nbs, ks);
    if (st == LIA_ENOMEM) return st;
    if (st != LIA_OK) {
        lia__share_skip(s, LIA_SHARE_NASH_BARGAINING, st, "no bargaining solution: the disagreement point could not be found or is not improved on");
        lia__share_skip(s, LIA_SHARE_KALAI_SMORODINSKY, st, "no bargaining solution: the disagreement point could not be found or is not improved on");
        s->dpoint = NULL;
        return st;
    }
    /* Who gains over d: lia__bargain returns d itself (exactly, or up to its relative rounding
     * tolerance) when no feasible point dominates it otherwise, and a point on one of the rays
     * from d when only one party can gain; the text says so in words. */
    double scale = 0;
    for (size_t k = 0; k < 2 * g->nprofiles; k++) scale = fmax(scale, fabs(g->payoffs[k]));
    scale = fmax(scale, fmax(fabs(s->dpoint[0]), fabs(s->dpoint[1])));
    s->bargain_gain = 0;
    for (size_t p = 0; p < 2; p++)
        if (nbs[p] - s->dpoint[p] > 1e-9 * (scale > 0 ? scale : 1)) s->bargain_gain |= 1u << p;
    if (!lia_share_wants(o, LIA_SHARE_NASH_BARGAINING)) s->vec[LIA_SHARE_NASH_BARGAINING] = NULL;
    if (!lia_share_wants(o, LIA_SHARE_KALAI_SMORODINSKY)) s->vec[LIA_SHARE_KALAI_SMORODINSKY] = NULL;
    return LIA_OK;
}

/* ---- agreements ---- */

static lia_status simple_splits(lia_share *s, const lia_game *g, const lia_share_options *o)
{
    size_t n = s->n, prof;
    double rsum = 0;
    for (size_t i = 0; i < n; i++) rsum += g->terms[i].resources;
    if (lia_share_wants(o, LIA_SHARE_EQUAL)) {
        double *x = lia__share_put(s, LIA_SHARE_EQUAL);
        if (!x) return LIA_ENOMEM;
        for (size_t i = 0; i < n; i++) x[i] = s->grand / (double)n;
    }
    if (lia_share_wants(o, LIA_SHARE_RESOURCES)) {
        double *x = lia__share_put(s, LIA_SHARE_RESOURCES);
        if (!x) return LIA_ENOMEM;
        for (size_t i = 0; i < n; i++) x[i] = s->grand * g->terms[i].resources / rsum;
    }
    /* the actual split is needed for the gaps and break-aways even when not asked for */
    double *x = lia__share_put(s, LIA_SHARE_ACTUAL);
    if (!x) return LIA_ENOMEM;
    if (lia_game_profile_index(g, g->commit, &prof) != LIA_OK) return LIA_EINTERNAL;
    for (size_t i = 0; i < n; i++) x[i] = g->payoffs[i * g->nprofiles + prof];
    return LIA_OK;
}

static lia_status gaps(lia_share *s)
{
    static const lia_share_rule fair[] = { LIA_SHARE_SHAPLEY, LIA_SHARE_NUCLEOLUS, LIA_SHARE_PRENUCLEOLUS,
                                           LIA_SHARE_EQUAL, LIA_SHARE_RESOURCES };
    const double *act = s->vec[LIA_SHARE_ACTUAL];
    for (size_t k = 0; k < sizeof fair / sizeof *fair; k++) {
        const double *f = s->vec[fair[k]];
        if (!f) continue;
        double *gp = lia__arena_array(&s->arena, s->n, sizeof *gp);
        if (!gp) return LIA_ENOMEM;
        for (size_t i = 0; i < s->n; i++) gp[i] = act[i] - f[i];
        s->gap[fair[k]] = gp;
    }
    return LIA_OK;
}

/* Share of the members' costs over share of their benefits, at the commitment. */
static lia_status exploitation(lia_share *s, const lia_game *g)
{
    size_t n = s->n;
    double bsum = 0, csum = 0, *b = lia__malloc(2 * n * sizeof *b), *c = b + n;
    if (!b) return LIA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const lia_member_terms *t = &g->terms[i];
        b[i] = t->coverage + t->spillover + t->facility_value + t->transfer_in;
        c[i] = t->exposure + t->facility_cost + t->transfer_out;
        bsum += b[i];
        csum += c[i];
    }
    s->exploit = lia__arena_array(&s->arena, n, sizeof *s->exploit);
    if (!s->exploit) { lia__free(b); return LIA_ENOMEM; }
    for (size_t i = 0; i < n; i++) {
        if (csum <= 0) s->exploit[i] = 0;                          /* nobody bears anything */
        else if (b[i] <= 0) s->exploit[i] = c[i] > 0 ? INFINITY : 0;   /* bears costs, gets nothing */
        else s->exploit[i] = (c[i] / csum) / (b[i] / bsum);
    }
    lia__free(b);
    return LIA_OK;
}

/* Keep the LIA_BREAKAWAY_KEEP largest shortfalls in a min-heap. */
static void keep_breakaway(lia_share *s, lia_breakaway b)
{
    lia_breakaway *h = s->brk;
    size_t i;
    double key = b.value - b.actual;
    if (s->nbrk < LIA_BREAKAWAY_KEEP) {
        i = s->nbrk++;
        while (i && h[(i - 1) / 2].value - h[(i - 1) / 2].actual > key) { h[i] = h[(i - 1) / 2]; i = (i - 1) / 2; }
    } else {
        if (key <= h[0].value - h[0].actual) return;
        i = 0;
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= s->nbrk) break;
            if (c + 1 < s->nbrk && h[c + 1].value - h[c + 1].actual < h[c].value - h[c].actual) c++;
            if (h[c].value - h[c].actual >= key) break;
            h[i] = h[c];
            i = c;
        }
    }
    h[i] = b;
}

static int by_shortfall(const void *a, const void *b)
{
    const lia_breakaway *x = a, *y = b;
    double dx = x->value - x->actual, dy = y->value - y->actual;
    if (dx != dy) return dx > dy ? -1 : 1;
    return x->mask < y->mask ? -1 : x->mask > y->mask;
}

static lia_status breakaways(lia_share *s, const lia_tugame *tg)
{
    size_t n = s->n, m = (size_t)1 << n;
    const double *v = lia_tugame_values(tg), *act = s->vec[LIA_SHARE_ACTUAL];
    double scale = 0;
    for (size_t S = 0; S < m; S++) scale = fmax(scale, fabs(v[S]));
    for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(act[i]));
    double tol = 1e-9 * (scale > 0 ? scale : 1);
    s->brk = lia__arena_array(&s->arena, LIA_BREAKAWAY_KEEP, sizeof *s->brk);
    double *xs = lia__malloc(m * sizeof *xs);
    if (!s->brk || !xs) { lia__free(xs); return LIA_ENOMEM; }
    xs[0] = 0;
    for (size_t S = 1; S < m; S++) {
        xs[S] = xs[S & (S - 1)] + act[__builtin_ctzll(S)];
        if (S == m - 1 || v[S] - xs[S] <= tol) continue;
        lia_breakaway b = { S, v[S], xs[S] };
        s->brk_total++;
        keep_breakaway(s, b);
    }
    lia__free(xs);
    qsort(s->brk, s->nbrk, sizeof *s->brk, by_shortfall);
    return LIA_OK;
}

/* stage: the agreement's stage game when the caller has it compiled already (borrowed), else
 * NULL to compile it here */
static lia_status agreement_share(lia_share **out, lia_model *m, const char *name, lia_game_kind kind,
                                  const lia_compile_options *co, const lia_share_options *o, const lia_game *stage)
{
    lia_game *own = NULL;
    lia_tugame *tg = NULL;
    lia_status st = stage ? LIA_OK : lia_model_compile(&own, m, name, co);
    const lia_game *g = stage ? stage : own;
    if (st == LIA_OK) st = lia_model_compile_tu(&tg, m, name, co);
    if (st != LIA_OK) { lia_game_free(own); return st; }
    lia_share *s = lia__share_new(name, g->np, (const char *const *)g->players);
    if (!s) st = LIA_ENOMEM;
    lia_status rules = LIA_OK;
    if (st == LIA_OK) {
        rules = lia__share_fill_tu(s, tg, o);
        s->kind = kind;
        if (rules == LIA_ENOMEM) st = rules;
    }
    if (st == LIA_OK) st = simple_splits(s, g, o);
    if (st == LIA_OK) st = gaps(s);
    if (st == LIA_OK) st = exploitation(s, g);
    if (st == LIA_OK) st = breakaways(s, tg);
    if (st == LIA_OK && g->np == 2) {
        lia_status b = lia__share_fill_bargaining(s, g, o);
        if (b == LIA_ENOMEM) st = b;
        else if (b != LIA_OK && o->rules != 0 && rules == LIA_OK) rules = b;
    } else if (st == LIA_OK) {
        /* asked for by name: say why, not "does not apply to a game of this kind" */
        static const lia_share_rule two[2] = { LIA_SHARE_NASH_BARGAINING, LIA_SHARE_KALAI_SMORODINSKY };
        for (size_t k = 0; k < 2; k++)
            if (o->rules >> two[k] & 1) {
                lia__share_skip(s, two[k], LIA_EUSAGE, "two-party bargaining needs two members; '%s' has %zu", name,
                                g->np);
                if (rules == LIA_OK) rules = LIA_EUSAGE;
            }
    }
    if (st == LIA_OK && !lia_share_wants(o, LIA_SHARE_ACTUAL)) s->vec[LIA_SHARE_ACTUAL] = NULL;
    lia_game_free(own);
    lia_tugame_free(tg);
    if (st != LIA_OK) { lia_share_free(s); return st; }
    lia_status asked = lia__share_check_asked(s, o);
    if (rules == LIA_OK) rules = asked;
    if (rules != LIA_OK) lia__share_explain(s);
    *out = s;
    return rules;
}

static lia_status normal_share(lia_share **out, lia_model *m, const char *name, const lia_compile_options *co,
                               const lia_share_options *o)
{
    lia_game *g = NULL;
    lia_status st = lia_model_compile(&g, m, name, co);
    if (st != LIA_OK) return st;
    if (g->np != 2) {
        char why[320];
        snprintf(why, sizeof why, "'%s' is a normal-form game of %zu players: it has no coalition values, and "
                                  "two-party bargaining needs two players", g->name, g->np);
        lia__model_error(m, why);
        lia__errmsg_set("%s", why);
        lia_game_free(g);
        return LIA_EUSAGE;
    }
    lia_share *s = lia__share_new(name, 2, (const char *const *)g->players);
    if (!s) { lia_game_free(g); return LIA_ENOMEM; }
    s->kind = LIA_KIND_NORMAL;
    lia_share_options all = *o;
    all.rules = o->rules ? o->rules : ((uint64_t)1 << LIA_SHARE_NASH_BARGAINING | (uint64_t)1 << LIA_SHARE_KALAI_SMORODINSKY);
    st = lia__share_fill_bargaining(s, g, &all);
    lia_game_free(g);
    if (st == LIA_ENOMEM) { lia_share_free(s); return st; }
    lia_status asked = lia__share_check_asked(s, o);
    if (st == LIA_OK) st = asked;
    if (st != LIA_OK) lia__share_explain(s);
    *out = s;
    return st;
}

lia_status lia_model_share(lia_share **out, lia_model *m, const char *name, const lia_share_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_share_options o_, *o = &o_;
    char why[256] = "";
    if (!m) return LIA_EUSAGE;
    if (!lia__share_options_read(o, opts, why, sizeof why)) {
        if (why[0]) lia__model_error(m, why);
        return LIA_EUSAGE;
    }
    size_t gi = 0;
    lia_status pst = lia__model_pick(m, name, &gi);   /* unknown or ambiguous: the model says why */
    if (pst != LIA_OK) return pst;
    name = lia_model_game_name(m, gi);
    lia_compile_options co = LIA_COMPILE_OPTIONS_INIT;
    co.memory_cap = o->memory_cap;
    lia_game_kind kind = lia_model_game_kind(m, gi);
    lia_status st;
    if (kind == LIA_KIND_BILATERAL || kind == LIA_KIND_MULTILATERAL) return agreement_share(out, m, name, kind, &co, o, NULL);
    if (kind == LIA_KIND_NORMAL) return normal_share(out, m, name, &co, o);
    lia_tugame *tg = NULL;
    if ((st = lia_model_compile_tu(&tg, m, name, &co)) != LIA_OK) return st;
    st = lia_tugame_share(out, tg, o);
    lia_tugame_free(tg);
    return st;
}

lia_status lia__model_share_stage(lia_share **out, lia_model *m, const char *name, const lia_share_options *o,
                                 const lia_game *stage)
{
    *out = NULL;
    size_t gi = 0;
    lia_status st = lia__model_pick(m, name, &gi);
    if (st != LIA_OK) return st;
    lia_game_kind kind = lia_model_game_kind(m, gi);
    if (kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL) return lia_model_share(out, m, name, o);
    lia_compile_options co = LIA_COMPILE_OPTIONS_INIT;
    co.memory_cap = o->memory_cap;
    return agreement_share(out, m, lia_model_game_name(m, gi), kind, &co, o, stage);
}
