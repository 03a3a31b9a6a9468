/* sweep_write.c — a sweep as JSON (grid and breakdowns, docs/cli.md), text (the breakdown
 * table a briefing needs) or CSV (one row per grid point). */
#include "sweep.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/errmsg.h"
#include <math.h>
#include <string.h>



static void json_point(lia_buf *b, const lia_sweep *s, size_t k, const lia_sweep_point *p, size_t axes)
{
    lia__buf_puts(b, "{\"values\": [");
    for (size_t a = 0; a < axes; a++) { if (a) lia__buf_puts(b, ", "); lia__buf_json_num(b, p->values[a]); }
    lia__buf_printf(b, "], \"ok\": %s", p->ok ? "true" : "false");
    if (!p->ok) {
        lia__buf_puts(b, ", \"message\": ");
        lia__buf_json_string(b, p->message);
        lia__buf_putc(b, '}');
        return;
    }
    lia_verdict v = lia_sweep_verdict_at(s, k);
    lia__buf_puts(b, ", \"status\": ");
    if (v == LIA_VERDICT_NONE) lia__buf_puts(b, "null");
    else lia__buf_json_string(b, lia_verdict_name(v));
    lia__buf_puts(b, ", \"direction\": [");
    for (size_t i = 0; i < p->members; i++) {
        const char *d = lia_direction_name(lia_sweep_direction_at(s, k, i));
        if (i) lia__buf_puts(b, ", ");
        if (d) lia__buf_json_string(b, d);
        else lia__buf_puts(b, "null");
    }
    lia__buf_puts(b, "], \"over_regimes\": [");
    for (size_t i = 0; i < p->members; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_tri(b, lia_sweep_over_regimes_at(s, k, i));
    }
    lia__buf_puts(b, "], \"trusted\": [");
    for (size_t i = 0; i < p->members; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_tri(b, lia_sweep_trusted_at(s, k, i));
    }
    lia__buf_puts(b, "], \"payoffs\": [");
    for (size_t i = 0; i < p->members; i++) { if (i) lia__buf_puts(b, ", "); lia__buf_json_num(b, p->payoffs[i]); }
    lia__buf_puts(b, "], \"delta_star\": [");
    for (size_t i = 0; i < p->members; i++) { if (i) lia__buf_puts(b, ", "); lia__buf_json_num(b, p->delta_star[i]); }
    lia__buf_puts(b, "], \"sustainable\": [");
    for (size_t i = 0; i < p->members; i++) { if (i) lia__buf_puts(b, ", "); lia__buf_json_tri(b, p->sustainable[i]); }
    lia__buf_puts(b, "], \"self_enforcing\": ");
    lia__buf_json_tri(b, p->self_enforcing);
    lia__buf_puts(b, ", \"transfers_feasible\": ");
    lia__buf_json_tri(b, p->transfers_feasible);
    lia__buf_puts(b, ", \"class\": ");
    if (p->class2x2 < 0) lia__buf_puts(b, "null");
    else lia__buf_json_string(b, lia_class2x2_name((lia_class2x2)p->class2x2));
    lia__buf_printf(b, ", \"equilibria\": %zu, \"core_empty\": ", p->equilibria);
    lia__buf_json_tri(b, p->core_empty);
    lia__buf_puts(b, ", \"welfare\": ");
    lia__buf_json_num(b, p->welfare);
    lia__buf_putc(b, '}');
}

/* Maximal runs of invalid points along the first axis (per value of the second): calls
 * fn(ctx, from, to, other, message) for each, other NaN with one axis. Returns the count. */
typedef void (*run_fn)(lia_buf *b, const lia_sweep *s, double from, double to, double other, const char *msg);
static size_t invalid_runs(lia_buf *b, const lia_sweep *s, run_fn fn)
{
    size_t axes, steps0, steps1 = 1, n = 0;
    double from, to;
    lia__sweep_axis(s, 0, &from, &to, &steps0, &axes);
    if (axes == 2) lia__sweep_axis(s, 1, &from, &to, &steps1, &axes);
    for (size_t j = 0; j < steps1; j++)
        for (size_t i = 0; i < steps0; i++) {
            const lia_sweep_point *p = lia_sweep_point_at(s, i + steps0 * j);
            if (p->ok) continue;
            size_t e = i;
            while (e + 1 < steps0 && !lia_sweep_point_at(s, e + 1 + steps0 * j)->ok) e++;
            const lia_sweep_point *q = lia_sweep_point_at(s, e + steps0 * j);
            if (fn) fn(b, s, p->values[0], q->values[0], axes == 2 ? p->values[1] : NAN, p->message);
            n++;
            i = e;
        }
    return n;
}

static void json_run(lia_buf *b, const lia_sweep *s, double from, double to, double other, const char *msg)
{
    if (b->len && b->data[b->len - 1] == '}') lia__buf_puts(b, ", ");
    lia__buf_puts(b, "{\"from\": ");
    lia__buf_json_num(b, from);
    lia__buf_puts(b, ", \"to\": ");
    lia__buf_json_num(b, to);
    if (!isnan(other)) {
        lia__buf_puts(b, ", \"at\": {");
        lia__buf_json_string(b, lia__sweep_axis_name(s, 1));
        lia__buf_puts(b, ": ");
        lia__buf_json_num(b, other);
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, ", \"message\": ");
    lia__buf_json_string(b, msg);
    lia__buf_putc(b, '}');
}

static void text_run(lia_buf *b, const lia_sweep *s, double from, double to, double other, const char *msg)
{
    lia__buf_printf(b, "  invalid for %s from ", lia__sweep_axis_name(s, 0));
    lia__buf_double(b, from);
    lia__buf_puts(b, " to ");
    lia__buf_double(b, to);
    if (!isnan(other)) {
        lia__buf_printf(b, " at %s = ", lia__sweep_axis_name(s, 1));
        lia__buf_double(b, other);
    }
    lia__buf_printf(b, ": %s\n", msg);
}

static void write_json(lia_buf *b, const lia_sweep *s)
{
    size_t axes = 1, steps;
    double from, to;
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, lia__sweep_game(s));
    lia__buf_puts(b, ", \"parameters\": [");
    lia__sweep_axis(s, 0, &from, &to, &steps, &axes);
    for (size_t a = 0; a < axes; a++) {
        lia__sweep_axis(s, a, &from, &to, &steps, &axes);
        lia__buf_puts(b, a ? ", {\"name\": " : "{\"name\": ");
        lia__buf_json_string(b, lia__sweep_axis_name(s, a));
        lia__buf_puts(b, ", \"from\": ");
        lia__buf_json_num(b, from);
        lia__buf_puts(b, ", \"to\": ");
        lia__buf_json_num(b, to);
        lia__buf_printf(b, ", \"steps\": %zu}", steps);
    }
    lia__buf_puts(b, "], \"members\": [");
    for (size_t i = 0; lia_sweep_member_name(s, i); i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, lia_sweep_member_name(s, i));
    }
    lia__buf_puts(b, "],\n \"invalid\": [");
    invalid_runs(b, s, json_run);
    lia__buf_puts(b, "],\n \"breakdowns\": [");
    for (size_t k = 0; k < lia_sweep_breakdown_count(s); k++) {
        const lia_sweep_breakdown *d = lia_sweep_breakdown_at(s, k);
        lia__buf_puts(b, k ? ",\n  {\"parameter\": " : "\n  {\"parameter\": ");
        lia__buf_json_string(b, lia__sweep_axis_name(s, d->axis));
        lia__buf_puts(b, ", \"value\": ");
        lia__buf_json_num(b, d->value);
        if (axes == 2) {
            lia__buf_puts(b, ", \"at\": {");
            lia__buf_json_string(b, lia__sweep_axis_name(s, 1 - d->axis));
            lia__buf_puts(b, ": ");
            lia__buf_json_num(b, d->other);
            lia__buf_putc(b, '}');
        }
        lia__buf_puts(b, ", \"change\": ");
        lia__buf_json_string(b, d->change);
        lia__buf_puts(b, ", \"party\": ");
        if (d->party) lia__buf_json_string(b, d->party);
        else lia__buf_puts(b, "null");
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, "],\n \"grid\": [");
    for (size_t k = 0; k < lia_sweep_point_count(s); k++) {
        const lia_sweep_point *p = lia_sweep_point_at(s, k);
        lia__buf_puts(b, k ? ",\n  " : "\n  ");
        json_point(b, s, k, p, axes);
    }
    lia__buf_puts(b, "]}\n");
}

static void write_text(lia_buf *b, const lia_sweep *s)
{
    size_t axes, steps, npoints = lia_sweep_point_count(s);
    double from, to;
    lia__sweep_axis(s, 0, &from, &to, &steps, &axes);
    lia__buf_printf(b, "%s: %zu points over", lia__sweep_game(s), npoints);
    for (size_t a = 0; a < axes; a++) {
        lia__sweep_axis(s, a, &from, &to, &steps, &axes);
        lia__buf_printf(b, "%s %s from ", a ? " and" : "", lia__sweep_axis_name(s, a));
        lia__buf_double(b, from);
        lia__buf_puts(b, " to ");
        lia__buf_double(b, to);
        lia__buf_printf(b, " (%zu steps)", steps);
    }
    lia__buf_putc(b, '\n');
    invalid_runs(b, s, text_run);
    size_t n = lia_sweep_breakdown_count(s);
    if (!n) {
        lia__buf_puts(b, "  no verdict changes anywhere on the grid\n");
        return;
    }
    double tol = lia__sweep_tolerance(s);
    int places = tol > 0 && tol < 1 ? (int)ceil(-log10(tol) - 1e-9) : 0;
    if (places > 15) places = 15;
    lia__buf_printf(b, "  %zu breakdown point%s (each located to within ", n, n == 1 ? "" : "s");
    lia__buf_double(b, tol);
    lia__buf_puts(b, "):\n");
    size_t w = 9;
    for (size_t a = 0; a < axes; a++) w = strlen(lia__sweep_axis_name(s, a)) > w ? strlen(lia__sweep_axis_name(s, a)) : w;
    lia__buf_printf(b, "  %-*s %14s%s  %-10s %s\n", (int)w, "parameter", "value", axes == 2 ? "       other at" : "", "party",
                   "change");
    for (size_t k = 0; k < n; k++) {
        const lia_sweep_breakdown *d = lia_sweep_breakdown_at(s, k);
        /* as many decimals as the bisection located the point to */
        lia__buf_printf(b, "  %-*s %14.*f", (int)w, lia__sweep_axis_name(s, d->axis), places, d->value + 0.0);
        if (axes == 2) lia__buf_printf(b, " %14.9g", d->other + 0.0);
        lia__buf_printf(b, "  %-10s %s\n", d->party ? d->party : "-", d->change);
    }
}

static void write_csv(lia_buf *b, const lia_sweep *s)
{
    size_t axes, steps;
    double from, to;
    lia__sweep_axis(s, 0, &from, &to, &steps, &axes);
    for (size_t a = 0; a < axes; a++) {
        if (a) lia__buf_putc(b, ',');
        lia__buf_csv_field(b, "", lia__sweep_axis_name(s, a));
    }
    lia__buf_puts(b, ",ok");
    static const char *const cols[] = { "payoff_", "delta_star_", "sustainable_", "direction_", "over_regimes_" };
    for (size_t i = 0; lia_sweep_member_name(s, i); i++)
        for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
            lia__buf_putc(b, ',');
            lia__buf_csv_field(b, cols[c], lia_sweep_member_name(s, i));
        }
    lia__buf_puts(b, ",status,self_enforcing,transfers_feasible,class,equilibria,core_empty,welfare\n");
    for (size_t k = 0; k < lia_sweep_point_count(s); k++) {
        const lia_sweep_point *p = lia_sweep_point_at(s, k);
        for (size_t a = 0; a < axes; a++) { if (a) lia__buf_putc(b, ','); lia__buf_double(b, p->values[a]); }
        lia__buf_printf(b, ",%d", p->ok);
        for (size_t i = 0; i < p->members; i++) {
            lia__buf_putc(b, ',');
            if (p->ok && isfinite(p->payoffs[i])) lia__buf_double(b, p->payoffs[i] + 0.0);
            lia__buf_putc(b, ',');
            if (p->ok && isfinite(p->delta_star[i])) lia__buf_double(b, p->delta_star[i] + 0.0);
            lia__buf_putc(b, ',');
            if (p->ok && p->sustainable[i] >= 0) lia__buf_printf(b, "%d", p->sustainable[i]);
            const char *dir = lia_direction_name(lia_sweep_direction_at(s, k, i));
            lia__buf_printf(b, ",%s,", dir ? dir : "");
            if (lia_sweep_over_regimes_at(s, k, i) >= 0) lia__buf_printf(b, "%d", lia_sweep_over_regimes_at(s, k, i));
        }
        if (!p->ok) { lia__buf_puts(b, ",,,,,,,\n"); continue; }
        lia_verdict v = lia_sweep_verdict_at(s, k);
        lia__buf_printf(b, ",%s,", v == LIA_VERDICT_NONE ? "" : lia_verdict_name(v));
        if (p->self_enforcing >= 0) lia__buf_printf(b, "%d", p->self_enforcing);
        lia__buf_putc(b, ',');
        if (p->transfers_feasible >= 0) lia__buf_printf(b, "%d", p->transfers_feasible);
        lia__buf_printf(b, ",%s,%zu,", p->class2x2 < 0 ? "" : lia_class2x2_name((lia_class2x2)p->class2x2), p->equilibria);
        if (p->core_empty >= 0) lia__buf_printf(b, "%d", p->core_empty);
        lia__buf_putc(b, ',');
        if (isfinite(p->welfare)) lia__buf_double(b, p->welfare + 0.0);
        lia__buf_putc(b, '\n');
    }
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_sweep *x = obj;
    if (fmt == LIA_FORMAT_JSON) write_json(b, x);
    else if (fmt == LIA_FORMAT_CSV) write_csv(b, x);
    else write_text(b, x);
}

static lia_status sweep_write_body(char **out, size_t *len, const lia_sweep *s, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!s || lia__sweep_failed(s) || !lia_sweep_point_at(s, 0)) return LIA_EUSAGE;   /* nothing to write */
    if (fmt == LIA_FORMAT_HTML) return lia_sweep_write_html(out, len, s, NULL);
    if (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT && fmt != LIA_FORMAT_CSV) return LIA_EUSAGE;
    return lia__render(out, len, render, s, (int)fmt);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_sweep_write(char **out, size_t *len, const lia_sweep *s, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(sweep_write_body(out, len, s, fmt), s, "the sweep", lia__format_name(fmt));
}
