/* compare.c — agreements side by side: welfare, each member's payoff, critical patience and
 * exposure, self-enforcement, transfers and core stability, members matched by name, and a
 * multilateral agreement's members against the sum of their bilateral agreements. */
#include "liaison.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct entry {
    const char *game;
    lia_game_kind kind;
    size_t n;
    size_t *member;              /* index into the union of names */
    double *payoff, *delta_star, *exposure;
    double welfare;
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
    double sum_welfare;
    int *in_sum;
};

static const char *copy(lia_arena *a, const char *s) { return lia_arena_strndup(a, s, strlen(s)); }

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

/* One entry from an agreement's stage game and (if it could be tabulated) coalition game. */
static lia_status fill(lia_compare *c, entry *e, const lia_game *g, const lia_tugame *tu, lia_game_kind kind, size_t cap)
{
    lia_repeat *r = NULL;
    lia_share *s = NULL;
    e->kind = kind;
    e->game = copy(&c->arena, lia_game_name(g));
    e->n = lia_game_player_count(g);
    e->member = lia_arena_array(&c->arena, e->n, sizeof *e->member);
    e->payoff = lia_arena_array(&c->arena, 3 * e->n, sizeof *e->payoff);
    if (!e->game || !e->member || !e->payoff) return LIA_ENOMEM;
    e->delta_star = e->payoff + e->n;
    e->exposure = e->delta_star + e->n;
    if (!lia_game_commitment(g, NULL)) return LIA_EUSAGE;   /* not an agreement */
    lia_status st = lia_game_repeat(&r, g, NULL, NULL);
    if (st != LIA_OK) return st;
    e->welfare = 0;
    for (size_t i = 0; i < e->n && st == LIA_OK; i++) {
        lia_sustain su;
        lia_member_terms t;
        lia_repeat_player(r, i, &su);
        lia_game_commitment_terms(g, i, &t);
        st = name_index(c, lia_game_player_name(g, i), cap, &e->member[i]);
        e->payoff[i] = su.value;
        e->delta_star[i] = su.delta_star;
        e->exposure[i] = t.exposure;
        e->welfare += su.value;
    }
    if (st == LIA_OK) {
        const double *t;
        e->self_enforcing = lia_repeat_self_enforcing(r);
        e->transfers_feasible = lia_repeat_transfers(r, &t);
        e->transfers_total = 0;
        for (size_t i = 0; t && i < e->n; i++)
            if (t[i] < 0) e->transfers_total -= t[i];
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
    c->sum = lia_arena_array(&c->arena, c->nnames, sizeof *c->sum);
    c->in_sum = lia_arena_array(&c->arena, c->nnames, sizeof *c->in_sum);
    if (!c->sum || !c->in_sum) return LIA_ENOMEM;
    for (size_t k = 0; k < c->n; k++)
        if (c->e[k].kind == LIA_KIND_BILATERAL)
            for (size_t i = 0; i < c->e[k].n; i++) {
                c->sum_welfare += c->e[k].payoff[i];
                c->sum[c->e[k].member[i]] += c->e[k].payoff[i];
                c->in_sum[c->e[k].member[i]] = 1;
            }
    return LIA_OK;
}

lia_status lia_compare_agreements(lia_compare **out, lia_model *const *models, const char *const *games, size_t n)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!models || n == 0) return LIA_EUSAGE;
    for (size_t k = 0; k < n; k++)
        if (!models[k]) return LIA_EUSAGE;
    lia_compare *c = lia__calloc(1, sizeof *c);
    if (!c) return LIA_ENOMEM;
    lia_arena_init(&c->arena);
    size_t cap = 0;
    for (size_t k = 0; k < n; k++) {
        const char *g = games ? games[k] : NULL;
        size_t gi = 0;
        if (g && lia_model_game_find(models[k], g, &gi) != LIA_OK) { lia_compare_free(c); return LIA_EUSAGE; }
        cap += 64;   /* members per agreement are at most 64 */
    }
    c->e = lia_arena_array(&c->arena, n, sizeof *c->e);
    c->names = lia_arena_array(&c->arena, cap, sizeof *c->names);
    lia_status st = c->e && c->names ? LIA_OK : LIA_ENOMEM;
    for (size_t k = 0; k < n && st == LIA_OK; k++) {
        st = fill_named(c, &c->e[k], models[k], games ? games[k] : NULL, cap);
        c->n = k + 1;
    }
    if (st == LIA_OK) st = bilateral_sum(c);
    if (st != LIA_OK) { lia_compare_free(c); return st; }
    *out = c;
    return LIA_OK;
}

lia_status lia_compare_decomposition(lia_compare **out, lia_model *m, const char *name)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!m) return LIA_EUSAGE;
    lia_game *multi = NULL;
    lia_status st = lia_model_compile(&multi, m, name, NULL);
    if (st != LIA_OK) return st;
    size_t nm = lia_game_player_count(multi), pairs = nm * (nm - 1) / 2;
    lia_game_free(multi);
    lia_compare *c = lia__calloc(1, sizeof *c);
    if (!c) return LIA_ENOMEM;
    lia_arena_init(&c->arena);
    c->e = lia_arena_array(&c->arena, pairs + 1, sizeof *c->e);
    c->names = lia_arena_array(&c->arena, nm, sizeof *c->names);
    st = c->e && c->names ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) st = fill_named(c, &c->e[0], m, name, nm);
    if (st == LIA_OK && c->e[0].kind != LIA_KIND_MULTILATERAL) st = LIA_EUSAGE;
    c->n = 1;
    for (size_t i = 0; i < nm && st == LIA_OK; i++)
        for (size_t j = i + 1; j < nm && st == LIA_OK; j++) {
            lia_game *g = NULL;
            lia_tugame *tu = NULL;
            st = lia_model_decompose(m, name, i, j, NULL, &g, &tu);
            if (st == LIA_OK) st = fill(c, &c->e[c->n], g, tu, LIA_KIND_BILATERAL, nm);
            if (st == LIA_OK) c->n++;
            lia_game_free(g);
            lia_tugame_free(tu);
        }
    if (st == LIA_OK) st = bilateral_sum(c);
    if (st != LIA_OK) { lia_compare_free(c); return st; }
    *out = c;
    return LIA_OK;
}

void lia_compare_free(lia_compare *c)
{
    if (!c) return;
    lia_arena_free(&c->arena);
    lia__free(c);
}

/* ---- writing ---- */

static const char *kind_name(lia_game_kind k)
{
    return k == LIA_KIND_BILATERAL ? "bilateral" : k == LIA_KIND_MULTILATERAL ? "multilateral" : "normal";
}



/* {"member": value, ...} for one of an entry's per-member arrays */
static void by_member(lia_buf *b, const lia_compare *c, const entry *e, const double *v)
{
    lia_buf_putc(b, '{');
    for (size_t i = 0; i < e->n; i++) {
        if (i) lia_buf_puts(b, ", ");
        lia_buf_json_string(b, c->names[e->member[i]]);
        lia_buf_puts(b, ": ");
        lia_buf_json_num(b, v[i]);
    }
    lia_buf_putc(b, '}');
}

static void write_json(lia_buf *b, const lia_compare *c)
{
    lia_buf_puts(b, "{\"agreements\": [");
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        lia_buf_puts(b, k ? ",\n  {\"name\": " : "\n  {\"name\": ");
        lia_buf_json_string(b, e->game);
        lia_buf_printf(b, ", \"kind\": \"%s\", \"welfare\": ", kind_name(e->kind));
        lia_buf_json_num(b, e->welfare);
        lia_buf_puts(b, ", \"payoffs\": ");
        by_member(b, c, e, e->payoff);
        lia_buf_puts(b, ", \"delta_star\": ");
        by_member(b, c, e, e->delta_star);
        lia_buf_puts(b, ", \"exposure\": ");
        by_member(b, c, e, e->exposure);
        lia_buf_puts(b, ", \"self_enforcing\": ");
        lia_buf_json_tri(b, e->self_enforcing);
        lia_buf_puts(b, ", \"transfers\": {\"feasible\": ");
        lia_buf_json_tri(b, e->transfers_feasible);
        lia_buf_puts(b, ", \"total\": ");
        if (e->transfers_feasible > 0) lia_buf_json_num(b, e->transfers_total);
        else lia_buf_puts(b, "null");
        lia_buf_puts(b, "}, \"core_empty\": ");
        lia_buf_json_tri(b, e->core_empty);
        lia_buf_printf(b, ", \"breakaway\": %zu}", e->breakaway);
    }
    lia_buf_puts(b, "],\n \"bilateral_sum\": ");
    if (!c->has_sum) {
        lia_buf_puts(b, "null}\n");
        return;
    }
    lia_buf_puts(b, "{\"welfare\": ");
    lia_buf_json_num(b, c->sum_welfare);
    lia_buf_puts(b, ", \"payoffs\": {");
    int first = 1;
    for (size_t k = 0; k < c->nnames; k++) {
        if (!c->in_sum[k]) continue;
        if (!first) lia_buf_puts(b, ", ");
        lia_buf_json_string(b, c->names[k]);
        lia_buf_puts(b, ": ");
        lia_buf_json_num(b, c->sum[k]);
        first = 0;
    }
    lia_buf_puts(b, "}}}\n");
}

static int find_member(const entry *e, size_t name)
{
    for (size_t i = 0; i < e->n; i++)
        if (e->member[i] == name) return (int)i;
    return -1;
}

static void cell(lia_buf *b, double v, int present, int width)
{
    if (!present) lia_buf_printf(b, " %*s", width, "");
    else if (isnan(v)) lia_buf_printf(b, " %*s", width, "never");
    else lia_buf_printf(b, " %*.4g", width, v + 0.0);
}

static void write_text(lia_buf *b, const lia_compare *c)
{
    int w = 12;
    size_t lw = 20;
    for (size_t k = 0; k < c->n; k++) w = strlen(c->e[k].game) + 1 > (size_t)w ? (int)strlen(c->e[k].game) + 1 : w;
    lia_buf_printf(b, "%-*s", (int)lw, "");
    for (size_t k = 0; k < c->n; k++) lia_buf_printf(b, " %*s", w, c->e[k].game);
    if (c->has_sum) lia_buf_printf(b, " %*s", w, "bilateral sum");
    lia_buf_printf(b, "\n%-*s", (int)lw, "kind");
    for (size_t k = 0; k < c->n; k++) lia_buf_printf(b, " %*s", w, kind_name(c->e[k].kind));
    lia_buf_printf(b, "\n%-*s", (int)lw, "welfare");
    for (size_t k = 0; k < c->n; k++) cell(b, c->e[k].welfare, 1, w);
    if (c->has_sum) cell(b, c->sum_welfare, 1, w);
    static const char *const rows[3] = { "payoff", "delta*", "exposure" };
    for (int r = 0; r < 3; r++)
        for (size_t m = 0; m < c->nnames; m++) {
            char label[96];
            snprintf(label, sizeof label, "%s %s", rows[r], c->names[m]);
            lia_buf_printf(b, "\n%-*s", (int)lw, label);
            for (size_t k = 0; k < c->n; k++) {
                const entry *e = &c->e[k];
                int i = find_member(e, m);
                const double *v = r == 0 ? e->payoff : r == 1 ? e->delta_star : e->exposure;
                cell(b, i >= 0 ? v[i] : 0, i >= 0, w);
            }
            if (c->has_sum && r == 0) cell(b, c->sum[m], c->in_sum[m], w);
        }
    lia_buf_printf(b, "\n%-*s", (int)lw, "self-enforcing");
    for (size_t k = 0; k < c->n; k++) lia_buf_printf(b, " %*s", w, c->e[k].self_enforcing > 0 ? "yes" : "no");
    lia_buf_printf(b, "\n%-*s", (int)lw, "transfers needed");
    for (size_t k = 0; k < c->n; k++) {
        const entry *e = &c->e[k];
        if (e->transfers_feasible <= 0) lia_buf_printf(b, " %*s", w, "none can");
        else cell(b, e->transfers_total, 1, w);
    }
    lia_buf_printf(b, "\n%-*s", (int)lw, "core");
    for (size_t k = 0; k < c->n; k++)
        lia_buf_printf(b, " %*s", w, c->e[k].core_empty < 0 ? "-" : c->e[k].core_empty ? "empty" : "stable");
    lia_buf_printf(b, "\n%-*s", (int)lw, "break-away groups");
    for (size_t k = 0; k < c->n; k++) lia_buf_printf(b, " %*zu", w, c->e[k].breakaway);
    lia_buf_putc(b, '\n');
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_compare *x = obj;
    if (fmt == LIA_FORMAT_JSON) write_json(b, x);
    else write_text(b, x);
}

lia_status lia_compare_write(char **out, size_t *len, const lia_compare *c, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!c || (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    return lia_render(out, len, render, c, (int)fmt);
}
