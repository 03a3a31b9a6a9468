/* compare.c — agreements side by side: welfare, each member's payoff, critical patience and
 * exposure, the sustainability status and each member's direction, the transfers that restore
 * the commitment and the payoffs after them, core stability, members matched by name, and a
 * multilateral agreement's members against the sum of their bilateral agreements. */
#include "compare_internal.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

static lia_status name_index(lia_compare *c, const char *name, size_t cap, size_t *at)
{
    for (size_t k = 0; k < c->nnames; k++)
        if (strcmp(c->names[k], name) == 0) { *at = k; return LIA_OK; }
    if (c->nnames == cap) return LIA_EINTERNAL;
    if (!(c->names[c->nnames] = copy(&c->arena, name))) return LIA_ENOMEM;
    *at = c->nnames++;
    return LIA_OK;
}

/* Break-away groups at the commitment: coalitions worth more than their members get. */
static size_t breakaways(const lia_tugame *tu, const entry *e)
{
    const double *v = lia_tugame_values(tu);
    size_t n = e->n, count = 0;
    if (!v || n > 30) return 0;
    double scale = 0;
    for (size_t S = 0; S < (size_t)1 << n; S++) scale = fmax(scale, fabs(v[S]));
    for (size_t S = 1; S + 1 < (size_t)1 << n; S++) {
        double x = 0;
        for (size_t i = 0; i < n; i++)
            if (S >> i & 1) x += e->payoff[i];
        if (v[S] - x > 1e-9 * (scale > 0 ? scale : 1)) count++;
    }
    return count;
}

/* The payoff a member can count on at the commitment: the payoff itself when the commitment
 * holds (or may hold: undecided), after the transfers when it needs them, none (NaN) when it
 * breaks down or has no verdict. */
static double adjusted(const entry *e, size_t i)
{
    switch (e->verdict) {
    case LIA_VERDICT_HOLDS:
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT:
    case LIA_VERDICT_UNDECIDED: return e->payoff[i];
    case LIA_VERDICT_NEEDS_TRANSFERS: return e->payoff[i] + e->transfer[i];
    default: return NAN;
    }
}

/* One entry from an agreement's stage game and (if it could be tabulated) coalition game. */
static lia_status fill(lia_compare *c, entry *e, const lia_game *g, const lia_tugame *tu, lia_game_kind kind, size_t cap)
{
    lia_repeat *r = NULL;
    lia_share *s = NULL;
    e->kind = kind;
    if (!e->game) e->game = copy(&c->arena, lia_game_name(g));
    e->n = lia_game_player_count(g);
    e->member = lia__arena_array(&c->arena, e->n, sizeof *e->member);
    e->payoff = lia__arena_array(&c->arena, 5 * e->n, sizeof *e->payoff);
    e->direction = lia__arena_array(&c->arena, e->n, sizeof *e->direction);
    if (!e->game || !e->member || !e->payoff || !e->direction) return LIA_ENOMEM;
    e->delta_star = e->payoff + e->n;
    e->exposure = e->delta_star + e->n;
    e->transfer = e->exposure + e->n;
    e->adjusted = e->transfer + e->n;
    if (!lia_game_commitment(g, NULL))   /* not an agreement */
        return lia__errmsg_default(LIA_EUSAGE, "'%s' has no committed profile: only agreements (with a commitment) "
                                               "can be compared", e->game);
    const double *u = lia_game_payoffs(g);
    e->scale = 0;
    for (size_t k = 0; k < e->n * lia_game_profile_count(g); k++) e->scale = fmax(e->scale, fabs(u[k]));
    c->scale = fmax(c->scale, e->scale);
    lia_status st = lia_game_repeat(&r, g, NULL, NULL);
    if (st != LIA_OK) return st;
    e->welfare = 0;
    for (size_t i = 0; i < e->n && st == LIA_OK; i++) {
        const lia_sustain *su = lia_repeat_player(r, i);
        const lia_member_terms *t = lia_game_commitment_terms(g, i);   /* an agreement: both exist */
        st = name_index(c, lia_game_player_name(g, i), cap, &e->member[i]);
        e->payoff[i] = su->value;
        e->delta_star[i] = su->delta_star;
        e->exposure[i] = t->exposure;
        e->direction[i] = lia_repeat_direction(r, i);
        e->welfare += su->value;
    }
    if (st == LIA_OK) {
        const double *t = NULL;
        e->verdict = lia_repeat_verdict(r);
        e->self_enforcing = lia_repeat_self_enforcing(r);
        e->transfers_feasible = lia_repeat_transfers(r, &t);
        if (e->transfers_feasible <= 0) t = NULL;
        e->transfers_total = 0;
        for (size_t i = 0; i < e->n; i++) {
            e->transfer[i] = t ? t[i] : NAN;
            if (t && t[i] < 0) e->transfers_total -= t[i];
        }
        for (size_t i = 0; i < e->n; i++) e->adjusted[i] = adjusted(e, i);
    }
    lia_repeat_free(r);
    e->core_empty = -1;
    if (st != LIA_OK || !tu) return st;
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    so.rules = (uint64_t)1 << LIA_SHARE_LEAST_CORE;
    st = lia_tugame_share(&s, tu, &so);
    if (st == LIA_OK) e->core_empty = lia_share_core_empty(s);
    lia_share_free(s);
    e->breakaway = breakaways(tu, e);
    return st == LIA_ENOMEM ? st : LIA_OK;
}

/* The stage game of `game`; a failure's reason, which the model keeps, is carried into
 * lia_errmsg, where a comparison (which has no handle yet) leaves its own. */
static lia_status compiled(lia_game **g, lia_model *m, const char *game)
{
    lia_status st = lia_model_compile(g, m, game, NULL);
    if (st != LIA_OK && *lia_model_errmsg(m)) lia__errmsg_default(st, "%s", lia_model_errmsg(m));
    return st;
}

static lia_status fill_named(lia_compare *c, entry *e, lia_model *m, const char *game, size_t cap)
{
    lia_game *g = NULL;
    lia_tugame *tu = NULL;
    lia_status st = compiled(&g, m, game);
    if (st != LIA_OK) return st;
    size_t gi = 0;
    lia_model_game_find(m, lia_game_name(g), &gi);
    if (lia_model_compile_tu(&tu, m, lia_game_name(g), NULL) == LIA_ENOMEM) st = LIA_ENOMEM;
    if (st == LIA_OK) st = fill(c, e, g, tu, lia_model_game_kind(m, gi), cap);
    lia_tugame_free(tu);
    lia_game_free(g);
    return st;
}

static lia_status bilateral_sum(lia_compare *c)
{
    size_t multi = 0, bi = 0;
    for (size_t k = 0; k < c->n; k++) {
        multi += c->e[k].kind == LIA_KIND_MULTILATERAL;
        bi += c->e[k].kind == LIA_KIND_BILATERAL;
    }
    if (!multi || bi < 2) return LIA_OK;
    c->has_sum = 1;
    c->sum = lia__arena_array(&c->arena, c->nnames, sizeof *c->sum);
    c->sum_adjusted = lia__arena_array(&c->arena, c->nnames, sizeof *c->sum_adjusted);
    c->in_sum = lia__arena_array(&c->arena, c->nnames, sizeof *c->in_sum);
    if (!c->sum || !c->sum_adjusted || !c->in_sum) return LIA_ENOMEM;
    for (size_t m = 0; m < c->nnames; m++) c->sum_adjusted[m] = NAN;
    for (size_t k = 0; k < c->n; k++)
        if (c->e[k].kind == LIA_KIND_BILATERAL)
            for (size_t i = 0; i < c->e[k].n; i++) {
                size_t m = c->e[k].member[i];
                double a = c->e[k].adjusted[i];
                c->sum_welfare += c->e[k].payoff[i];
                c->sum[m] += c->e[k].payoff[i];
                c->in_sum[m] = 1;
                /* a pair that breaks down is left out of the adjusted sum (and named with it) */
                if (!isnan(a)) c->sum_adjusted[m] = isnan(c->sum_adjusted[m]) ? a : c->sum_adjusted[m] + a;
            }
    return LIA_OK;
}

lia_status lia_compare_agreements(lia_compare **out, lia_model *const *models, const char *const *games, size_t n)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_compare_agreements: out is NULL");
    *out = NULL;
    if (!models || n == 0) return lia__errmsg_default(LIA_EUSAGE, "lia_compare_agreements: no models to compare");
    for (size_t k = 0; k < n; k++)
        if (!models[k]) return lia__errmsg_default(LIA_EUSAGE, "lia_compare_agreements: model %zu is NULL", k);
    lia_compare *c = lia__calloc(1, sizeof *c);
    if (!c) return LIA_ENOMEM;
    lia__arena_init(&c->arena);
    size_t cap = 0;
    for (size_t k = 0; k < n; k++) {
        const char *g = games ? games[k] : NULL;
        size_t gi = 0;
        if (g && lia_model_game_find(models[k], g, &gi) != LIA_OK) {
            lia_compare_free(c);
            return lia__errmsg_default(LIA_EUSAGE, "%s has no agreement or game named '%s'",
                                       lia_model_source_name(models[k]), g);
        }
        c->regimes |= lia_model_regime_count(models[k]) > 0;
        cap += 64;   /* members per agreement are at most 64 */
    }
    c->e = lia__arena_array(&c->arena, n, sizeof *c->e);
    c->names = lia__arena_array(&c->arena, cap, sizeof *c->names);
    lia_status st = c->e && c->names ? LIA_OK : LIA_ENOMEM;
    for (size_t k = 0; k < n && st == LIA_OK; k++) {
        st = fill_named(c, &c->e[k], models[k], games ? games[k] : NULL, cap);
        c->n = k + 1;
    }
    if (st == LIA_OK) st = bilateral_sum(c);
    if (st != LIA_OK) {
        lia_compare_free(c);
        return lia__errmsg_default(st, "the comparison of %zu agreements failed: %s", n, lia_status_name(st));
    }
    *out = c;
    return LIA_OK;
}

/* A pair of the decomposition is named "A+B (auto)": '+', spaces and parentheses cannot occur
 * in the name of an agreement, so it never coincides with one the file defines (which may
 * well be called A_B and hold different terms). */
static lia_status auto_name(lia_compare *c, entry *e, const lia_game *g)
{
    const char *a = lia_game_player_name(g, 0), *b = lia_game_player_name(g, 1);
    size_t n = strlen(a) + strlen(b) + sizeof "+ (auto)";
    char *s = lia__arena_alloc(&c->arena, n);
    if (!s) return LIA_ENOMEM;
    snprintf(s, n, "%s+%s (auto)", a, b);
    e->game = s;
    e->automatic = 1;
    return LIA_OK;
}

lia_status lia_compare_decomposition(lia_compare **out, lia_model *m, const char *name)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_compare_decomposition: out is NULL");
    *out = NULL;
    if (!m) return lia__errmsg_default(LIA_EUSAGE, "lia_compare_decomposition: the model is NULL");
    lia_game *multi = NULL;
    lia_status st = compiled(&multi, m, name);
    if (st != LIA_OK) return st;
    size_t nm = lia_game_player_count(multi), pairs = nm * (nm - 1) / 2;
    lia_game_free(multi);
    lia_compare *c = lia__calloc(1, sizeof *c);
    if (!c) return LIA_ENOMEM;
    lia__arena_init(&c->arena);
    c->e = lia__arena_array(&c->arena, pairs + 1, sizeof *c->e);
    c->names = lia__arena_array(&c->arena, nm, sizeof *c->names);
    st = c->e && c->names ? LIA_OK : LIA_ENOMEM;
    c->regimes = lia_model_regime_count(m) > 0;
    if (st == LIA_OK) st = fill_named(c, &c->e[0], m, name, nm);
    if (st == LIA_OK && c->e[0].kind != LIA_KIND_MULTILATERAL)
        st = lia__errmsg_default(LIA_EUSAGE, "'%s' is not a multilateral agreement: only those have a bilateral "
                                             "decomposition", c->e[0].game);
    c->n = 1;
    for (size_t i = 0; i < nm && st == LIA_OK; i++)
        for (size_t j = i + 1; j < nm && st == LIA_OK; j++) {
            lia_game *g = NULL;
            lia_tugame *tu = NULL;
            st = lia_model_decompose(m, name, i, j, NULL, &g, &tu);
            if (st == LIA_OK) st = auto_name(c, &c->e[c->n], g);
            if (st == LIA_OK) st = fill(c, &c->e[c->n], g, tu, LIA_KIND_BILATERAL, nm);
            if (st == LIA_OK) c->n++;
            lia_game_free(g);
            lia_tugame_free(tu);
        }
    if (st == LIA_OK) st = bilateral_sum(c);
    if (st != LIA_OK) {
        lia_compare_free(c);
        return lia__errmsg_default(st, "the bilateral decomposition of '%s' failed: %s", name ? name : "the agreement",
                                   lia_status_name(st));
    }
    *out = c;
    return LIA_OK;
}

void lia_compare_free(lia_compare *c)
{
    lia__errmsg_forget(c);
    if (!c) return;
    lia__arena_free(&c->arena);
    lia__free(c);
}

const char *lia_compare_errmsg(const lia_compare *c) { return lia__errmsg_of(c); }
