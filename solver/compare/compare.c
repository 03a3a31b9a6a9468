/* compare.c — agreements side by side: welfare, each member's payoff, critical patience and
 * exposure, the sustainability status and each member's direction, the transfers that restore
 * the commitment and the payoffs after them, core stability, members matched by name, and a
 * multilateral agreement's members against the sum of their bilateral agreements. */
#include "liaison.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct entry {
    const char *game;
    lia_game_kind kind;
    int automatic;               /* a pair of the decomposition, not an agreement of the file */
    size_t n;
    size_t *member;              /* index into the union of names */
    double *payoff, *delta_star, *exposure;
    double *transfer;            /* per member, positive = received; NaN when none restores it */
    double *adjusted;            /* the payoff after the transfers it needs; NaN: breaks down
                                    (or no verdict) */
    lia_direction *direction;
    double welfare, scale;       /* scale: the largest |payoff| of the stage game */
    lia_verdict verdict;
    int self_enforcing, transfers_feasible, core_empty;
    double transfers_total;      /* what the payers pay in total */
    size_t breakaway;
} entry;

struct lia_compare {
    lia_arena arena;
    size_t n, nnames;
    entry *e;
    const char **names;          /* the union of members, in order of appearance */
    int has_sum;                 /* a multilateral entry and two or more bilateral ones */
    double *sum;                 /* per name: payoffs summed over the bilateral entries */
    double *sum_adjusted;        /* per name: adjusted payoffs summed over the bilateral entries
                                    that do not break down (NaN if none is left) */
    double sum_welfare, scale;   /* scale: the largest payoff scale of the entries */
    int *in_sum;
    int regimes;                 /* some model has regimes: its columns judge it as written */
};

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

static lia_status fill_named(lia_compare *c, entry *e, lia_model *m, const char *game, size_t cap)
{
    lia_game *g = NULL;
    lia_tugame *tu = NULL;
    lia_status st = lia_model_compile(&g, m, game, NULL);
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
    lia_status st = lia_model_compile(&multi, m, name, NULL);
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

/* ---- writing ---- */

static const char *kind_name(lia_game_kind k)
{
    return k == LIA_KIND_BILATERAL ? "bilateral" : k == LIA_KIND_MULTILATERAL ? "multilateral" : "normal";
}



/* {"member": value, ...} for one of an entry's per-member arrays (NULL: null) */
static void by_member(lia_buf *b, const lia_compare *c, const entry *e, const double *v)
{
    if (!v) { lia__buf_puts(b, "null"); return; }
    lia__buf_putc(b, '{');
    for (size_t i = 0; i < e->n; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, c->names[e->member[i]]);
        lia__buf_puts(b, ": ");
        lia__buf_json_num(b, v[i]);
    }
    lia__buf_putc(b, '}');
}

static void directions(lia_buf *b, const lia_compare *c, const entry *e)
{
    lia__buf_putc(b, '{');
    for (size_t i = 0; i < e->n; i++) {
        const char *d = lia_direction_name(e->direction[i]);
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, c->names[e->member[i]]);
        lia__buf_puts(b, ": ");
        if (d) lia__buf_json_string(b, d);
        else lia__buf_puts(b, "null");
    }
    lia__buf_putc(b, '}');
}

static int find_member(const entry *e, size_t name)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->member[i] == name) return (int)i;
    return -1;
}

/* A bilateral entry of member m's portfolio that the adjusted sum leaves out. */
static int left_out(const entry *e, size_t m)
{
    int i = find_member(e, m);
    return e->kind == LIA_KIND_BILATERAL && i >= 0 && isnan(e->adjusted[i]);
}

static void write_json(lia_buf *b, const lia_compare *c)
{
    lia__buf_puts(b, "{\"agreements\": [");
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        lia__buf_puts(b, k ? ",\n  {\"name\": " : "\n  {\"name\": ");
        lia__buf_json_string(b, e->game);
        lia__buf_printf(b, ", \"kind\": \"%s\", \"automatic\": %s, \"welfare\": ", kind_name(e->kind),
                       e->automatic ? "true" : "false");
        lia__buf_json_num(b, e->welfare);
        lia__buf_puts(b, ", \"status\": ");
        if (e->verdict == LIA_VERDICT_NONE) lia__buf_puts(b, "null");
        else lia__buf_json_string(b, lia_verdict_name(e->verdict));
        lia__buf_puts(b, ", \"self_enforcing\": ");
        lia__buf_json_tri(b, e->self_enforcing);
        lia__buf_puts(b, ", \"payoffs\": ");
        by_member(b, c, e, e->payoff);
        lia__buf_puts(b, ", \"adjusted\": ");
        by_member(b, c, e, e->adjusted);
        lia__buf_puts(b, ", \"delta_star\": ");
        by_member(b, c, e, e->delta_star);
        lia__buf_puts(b, ", \"direction\": ");
        directions(b, c, e);
        lia__buf_puts(b, ", \"exposure\": ");
        by_member(b, c, e, e->exposure);
        lia__buf_puts(b, ", \"transfers\": {\"feasible\": ");
        lia__buf_json_tri(b, e->transfers_feasible);
        lia__buf_puts(b, ", \"total\": ");
        if (e->transfers_feasible > 0) lia__buf_json_num(b, e->transfers_total);
        else lia__buf_puts(b, "null");
        lia__buf_puts(b, ", \"amounts\": ");
        by_member(b, c, e, e->transfers_feasible > 0 ? e->transfer : NULL);
        lia__buf_puts(b, "}, \"core_empty\": ");
        lia__buf_json_tri(b, e->core_empty);
        lia__buf_printf(b, ", \"breakaway\": %zu}", e->breakaway);
    }
    lia__buf_puts(b, "],\n \"bilateral_sum\": ");
    if (!c->has_sum) {
        lia__buf_puts(b, "null}\n");
        return;
    }
    lia__buf_puts(b, "{\"welfare\": ");
    lia__buf_json_num(b, c->sum_welfare);
    for (int part = 0; part < 3; part++) {
        static const char *const key[3] = { "payoffs", "adjusted", "left_out" };
        lia__buf_printf(b, ", \"%s\": {", key[part]);
        int first = 1;
        for (size_t m = 0; m < c->nnames; m++) {
            if (!c->in_sum[m]) continue;
            if (!first) lia__buf_puts(b, ", ");
            lia__buf_json_string(b, c->names[m]);
            lia__buf_puts(b, ": ");
            first = 0;
            if (part < 2) { lia__buf_json_num(b, part ? c->sum_adjusted[m] : c->sum[m]); continue; }
            lia__buf_putc(b, '[');
            int firstk = 1;
            for (size_t k = 0; k < c->n; k++)
                if (left_out(&c->e[k], m)) {
                    if (!firstk) lia__buf_puts(b, ", ");
                    lia__buf_json_string(b, c->e[k].game);
                    firstk = 0;
                }
            lia__buf_putc(b, ']');
        }
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, "}}\n");
}

/* A number for the reader (lia__buf_reading) right-aligned in `width`. */
static void reading(lia_buf *b, double v, double scale, int width, const char *suffix)
{
    lia_buf t;
    lia__buf_init(&t);
    lia__buf_reading(&t, v, scale);
    lia__buf_puts(&t, suffix);
    char *s = lia__buf_take(&t, NULL);
    if (!s) b->failed = 1;
    lia__buf_printf(b, " %*s", width, s ? s : "");
    lia__free(s);
}

static void cell(lia_buf *b, double v, int present, int width, double scale)
{
    if (!present) lia__buf_printf(b, " %*s", width, "");
    else if (isnan(v)) lia__buf_printf(b, " %*s", width, "never");
    else reading(b, v, scale, width, "");
}

static const char *status_words(lia_verdict v)
{
    switch (v) {
    case LIA_VERDICT_HOLDS: return "holds";
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "holds (harsher)";
    case LIA_VERDICT_UNDECIDED: return "undecided";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "needs transfers";
    case LIA_VERDICT_BREAKS_DOWN: return "breaks down";
    default: return "-";
    }
}

/* An adjusted payoff in words: the number, or why there is none. */
static void adjusted_cell(lia_buf *b, const entry *e, size_t i, int width, double scale)
{
    if (!isnan(e->adjusted[i])) reading(b, e->adjusted[i], scale, width, "");
    else lia__buf_printf(b, " %*s", width, e->verdict == LIA_VERDICT_BREAKS_DOWN ? "breaks down" : "-");
}

/* "Alpha  Pool 0.03797  bilateral 0.059 (Alpha+Delta (auto) breaks down: left out)" for
 * member m of the multilateral entry `multi`. */
static void versus_line(lia_buf *b, const lia_compare *c, const entry *multi, size_t m, size_t lw)
{
    int i = find_member(multi, m);
    lia_buf t;
    lia__buf_init(&t);
    if (!isnan(multi->adjusted[i])) lia__buf_reading(&t, multi->adjusted[i], c->scale);
    else lia__buf_puts(&t, multi->verdict == LIA_VERDICT_BREAKS_DOWN ? "breaks down" : "-");
    char *own = lia__buf_take(&t, NULL);
    if (!own) b->failed = 1;
    lia__buf_printf(b, "  %-*s %s %-11s  bilateral ", (int)lw, c->names[m], multi->game, own ? own : "");
    lia__free(own);
    if (isnan(c->sum_adjusted[m])) lia__buf_puts(b, "none");
    else lia__buf_reading(b, c->sum_adjusted[m], c->scale);
    size_t count = 0, seen = 0;
    for (size_t k = 0; k < c->n; k++) count += (size_t)left_out(&c->e[k], m);
    for (size_t k = 0; k < c->n; k++) {
        if (!left_out(&c->e[k], m)) continue;
        lia__buf_puts(b, seen == 0 ? " (" : seen + 1 == count ? " and " : ", ");
        lia__buf_puts(b, c->e[k].game);
        seen++;
    }
    if (count) lia__buf_printf(b, " %s)", count > 1 ? "break down: left out" : "breaks down: left out");
    lia__buf_putc(b, '\n');
}

static void write_text(lia_buf *b, const lia_compare *c)
{
    int w = 12;
    size_t lw = 20;
    int any_auto = 0, any_harsh = 0, any_dir = 0, any_left = 0;
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        /* wide enough for the names, the status words and "all break down" */
        size_t need = strlen(e->game) + 1, sw = strlen(status_words(e->verdict)) + 1;
        need = sw > need ? sw : need;
        if (c->has_sum && need < sizeof "all break down") need = sizeof "all break down";
        w = need > (size_t)w ? (int)need : w;
        any_auto |= e->automatic;
        any_harsh |= e->verdict == LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT;
        for (size_t i = 0; i < e->n; i++) any_dir |= e->direction[i] != LIA_DIRECTION_NONE;
        for (size_t m = 0; c->has_sum && m < c->nnames; m++) any_left |= left_out(e, m);
    }
    lia__buf_printf(b, "%-*s", (int)lw, "");
    for (size_t k = 0; k < c->n; k++) lia__buf_printf(b, " %*s", w, c->e[k].game);
    if (c->has_sum) lia__buf_printf(b, " %*s", w, "bilateral sum");
    lia__buf_printf(b, "\n%-*s", (int)lw, "kind");
    for (size_t k = 0; k < c->n; k++) lia__buf_printf(b, " %*s", w, kind_name(c->e[k].kind));
    lia__buf_printf(b, "\n%-*s", (int)lw, "welfare");
    for (size_t k = 0; k < c->n; k++) cell(b, c->e[k].welfare, 1, w, c->scale);
    if (c->has_sum) cell(b, c->sum_welfare, 1, w, c->scale);
    lia__buf_printf(b, "\n%-*s", (int)lw, "status");
    for (size_t k = 0; k < c->n; k++) lia__buf_printf(b, " %*s", w, status_words(c->e[k].verdict));
    static const char *const rows[5] = { "payoff", "adjusted", "delta*", "direction", "exposure" };
    for (int r = 0; r < 5; r++)
        for (size_t m = 0; m < c->nnames; m++) {
            char label[96];
            snprintf(label, sizeof label, "%s %s", rows[r], c->names[m]);
            lia__buf_printf(b, "\n%-*s", (int)lw, label);
            for (size_t k = 0; k < c->n; k++) {
                const entry *e = &c->e[k];
                int i = find_member(e, m);
                if (i < 0) lia__buf_printf(b, " %*s", w, "");
                else if (r == 0) cell(b, e->payoff[i], 1, w, c->scale);
                else if (r == 1) adjusted_cell(b, e, (size_t)i, w, c->scale);
                else if (r == 2) cell(b, e->delta_star[i], 1, w, 1);
                else if (r == 3) lia__buf_printf(b, " %*s", w, e->direction[i] ? lia_direction_name(e->direction[i]) : "-");
                else cell(b, e->exposure[i], 1, w, c->scale);
            }
            if (c->has_sum && r == 0) cell(b, c->sum[m], c->in_sum[m], w, c->scale);
            if (c->has_sum && r == 1) {
                int partial = 0;
                for (size_t k = 0; k < c->n; k++) partial |= left_out(&c->e[k], m);
                if (!c->in_sum[m]) lia__buf_printf(b, " %*s", w, "");
                else if (isnan(c->sum_adjusted[m])) lia__buf_printf(b, " %*s", w, "all break down");
                else reading(b, c->sum_adjusted[m], c->scale, w, partial ? "*" : "");
            }
        }
    lia__buf_printf(b, "\n%-*s", (int)lw, "transfers needed");
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        if (e->transfers_feasible <= 0) lia__buf_printf(b, " %*s", w, "none can");
        else cell(b, e->transfers_total, 1, w, c->scale);
    }
    lia__buf_printf(b, "\n%-*s", (int)lw, "core");
    for (size_t k = 0; k < c->n; k++)
        lia__buf_printf(b, " %*s", w, c->e[k].core_empty < 0 ? "-" : c->e[k].core_empty ? "empty" : "stable");
    lia__buf_printf(b, "\n%-*s", (int)lw, "break-away groups");
    for (size_t k = 0; k < c->n; k++) lia__buf_printf(b, " %*zu", w, c->e[k].breakaway);
    lia__buf_putc(b, '\n');
    /* each multilateral agreement against its members' bilateral portfolios, both adjusted */
    for (size_t k = 0; c->has_sum && k < c->n; k++) {
        const entry *e = &c->e[k];
        if (e->kind != LIA_KIND_MULTILATERAL) continue;
        lia__buf_printf(b, "\n%s against each member's bilateral agreements, payoffs adjusted for sustainability:\n", e->game);
        for (size_t i = 0; i < e->n; i++)
            if (c->in_sum[e->member[i]]) versus_line(b, c, e, e->member[i], 10);
    }
    lia__buf_puts(b, "\n");
    if (any_auto)
        lia__buf_printf(b, "(auto): a pair of %s as the two would deal alone (docs/model.md section 12), built by\n"
                          "  compare: not an agreement of the file, whatever the file names its own.\n", c->e[0].game);
    lia__buf_puts(b, "adjusted: the payoff at the commitment after the transfers it needs (needs transfers), the payoff\n"
                    "  itself when it holds or is undecided; none when it breaks down.\n");
    if (any_left)
        lia__buf_puts(b, "*: the sum leaves out the bilateral agreements of the member that break down.\n");
    if (any_harsh)
        lia__buf_puts(b, "holds (harsher): held only by the harshest credible punishment, not by reverting to the stage\n"
                        "  equilibrium.\n");
    if (c->regimes)
        lia__buf_puts(b, "regimes: each agreement is judged as written, without its model's regime sets; `liaison repeat`\n"
                        "  gives the verdict over the regimes.\n");
    if (any_dir)
        lia__buf_puts(b, "direction: withhold = better off sharing less than committed (a breach if its patience falls\n"
                        "  short); exceed = better off sharing more (the commitment is set too low for it: never a\n"
                        "  breakdown); - = no other level pays.\n");
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_compare *x = obj;
    if (fmt == LIA_FORMAT_JSON) write_json(b, x);
    else write_text(b, x);
}

static lia_status compare_write_body(char **out, size_t *len, const lia_compare *c, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!c || (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    return lia__render(out, len, render, c, (int)fmt);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_compare_write(char **out, size_t *len, const lia_compare *c, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(compare_write_body(out, len, c, fmt), c, "the comparison", lia__format_name(fmt));
}
