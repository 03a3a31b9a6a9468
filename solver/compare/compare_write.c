/* compare_write.c — a comparison as text (one column per agreement, for a reader) and JSON. */
#include "compare_internal.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

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

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_compare_write(char **out, size_t *len, const lia_compare *c, lia_format fmt)
{
    return lia__render_write(out, len, render, c, fmt, LIA__FORMAT_BIT(LIA_FORMAT_TEXT) | LIA__FORMAT_BIT(LIA_FORMAT_JSON),
                             "the comparison");
}
