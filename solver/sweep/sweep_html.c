/* sweep_html.c — a sweep in a briefing (docs/cli.md, `sweep --format html` and `solve --vary
 * --format html`): where the status changes in words, the chart of lia_sweep_write_svg inline
 * (the same drawing as `sweep --plot`, not a second one), and the breakdown points as a table. */
#include "sweep.h"
#include "svg_axes.h"
#include "../report/brief.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { MAX_ROWS = 30 };   /* breakdown points in the table: a briefing, not the full listing */

/* The status at grid point k, or "the model is invalid" / "no verdict". */
static const char *point_words(const lia_sweep *s, size_t k)
{
    const lia_sweep_point *p = lia_sweep_point_at(s, k);
    if (!p->ok) return "the model is invalid";
    return lia__brief_status_words(lia_sweep_verdict_at(s, k));
}

static void value(lia_buf *b, double v) { lia__brief_num(b, v, 0, "-"); }

/* One parameter: the runs of one status along the grid, "holds from 0.2 to 0.3; needs transfers
 * from 0.32 to 0.4" (grid values: the table below gives the located changes). */
static void runs(lia_buf *b, const lia_sweep *s)
{
    size_t n = lia_sweep_point_count(s), start = 0;
    lia__buf_puts(b, "<p>Along the grid the commitment ");
    for (size_t k = 0; k < n; k++) {
        const char *w = point_words(s, k);
        if (k + 1 < n && strcmp(point_words(s, k + 1), w) == 0) continue;
        const lia_sweep_point *a = lia_sweep_point_at(s, start), *e = lia_sweep_point_at(s, k);
        if (start) lia__buf_puts(b, k + 1 == n ? "; and " : "; ");
        int verb = strcmp(w, "the model is invalid") != 0 && strcmp(w, "no verdict") != 0;
        lia__buf_puts(b, "<strong>");
        lia__buf_puts(b, verb ? w : strcmp(w, "no verdict") == 0 ? "has no verdict" : "cannot be judged (the model is invalid)");
        lia__buf_puts(b, start == k ? "</strong> at " : "</strong> for ");
        lia__brief_text(b, lia__sweep_axis_name(s, 0));
        if (start == k) { lia__buf_puts(b, " = "); value(b, a->values[0]); }
        else { lia__buf_puts(b, " from "); value(b, a->values[0]); lia__buf_puts(b, " to "); value(b, e->values[0]); }
        start = k + 1;
    }
    lia__buf_puts(b, ".</p>\n");
}

/* Two parameters: how often each status occurs on the grid. */
static void counts(lia_buf *b, const lia_sweep *s)
{
    static const char *const kinds[] = { "holds", "holds with a harsher punishment", "undecided", "needs transfers",
                                         "breaks down", "no verdict", "the model is invalid" };
    size_t n = lia_sweep_point_count(s), c[7] = { 0 };
    for (size_t k = 0; k < n; k++)
        for (size_t j = 0; j < 7; j++)
            if (strcmp(point_words(s, k), kinds[j]) == 0) c[j]++;
    lia__buf_printf(b, "<p>Of the %zu grid points the commitment", n);
    int first = 1;
    for (size_t j = 0; j < 7; j++) {
        if (!c[j]) continue;
        lia__buf_printf(b, "%s <strong>%s</strong> at %zu", first ? "" : ";", j == 6 ? "cannot be judged (the model is invalid)"
                                                                          : j == 5 ? "has no verdict" : kinds[j], c[j]);
        first = 0;
    }
    lia__buf_puts(b, ".</p>\n");
}

static void breakdown_table(lia_buf *b, const lia_sweep *s, size_t axes)
{
    size_t n = lia_sweep_breakdown_count(s);
    if (!n) {
        lia__buf_puts(b, "<p>No verdict changes anywhere on the grid.</p>\n");
        return;
    }
    lia__buf_printf(b, "<p>%zu breakdown point%s, each located to within ", n, n == 1 ? "" : "s");
    lia__brief_num(b, lia__sweep_tolerance(s), 0, "-");
    lia__buf_puts(b, ":</p>\n<table>\n<thead><tr><th>parameter</th><th class=\"b-n\">value</th>");
    if (axes == 2) lia__buf_puts(b, "<th>at</th>");
    lia__buf_puts(b, "<th>member</th><th>what changes</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < n && k < MAX_ROWS; k++) {
        const lia_sweep_breakdown *d = lia_sweep_breakdown_at(s, k);
        lia__buf_puts(b, "<tr><td>");
        lia__brief_text(b, lia__sweep_axis_name(s, d->axis));
        lia__buf_printf(b, "</td><td class=\"b-n\">%.6g</td>", d->value + 0.0);
        if (axes == 2) {
            lia__buf_puts(b, "<td>");
            lia__brief_text(b, lia__sweep_axis_name(s, 1 - d->axis));
            lia__buf_printf(b, " = %.6g</td>", d->other + 0.0);
        }
        lia__buf_puts(b, "<td>");
        lia__brief_text(b, d->party ? d->party : "\xe2\x80\x93");
        lia__buf_puts(b, "</td><td>");
        lia__brief_text(b, d->change);
        lia__buf_puts(b, "</td></tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n");
    if (n > MAX_ROWS)
        lia__buf_printf(b, "<p class=\"b-small\">and %zu more (the text, JSON and CSV outputs of <code>liaison sweep"
                          "</code> list every one).</p>\n", n - MAX_ROWS);
}

lia_status lia__brief_sweep(lia_buf *b, const lia_sweep *s, int h)
{
    double from, to;
    size_t steps, axes;
    lia__sweep_axis(s, 0, &from, &to, &steps, &axes);
    lia__buf_printf(b, "<h%d>Where it breaks down as ", h);
    lia__brief_text(b, lia__sweep_axis_name(s, 0));
    if (axes == 2) { lia__buf_puts(b, " and "); lia__brief_text(b, lia__sweep_axis_name(s, 1)); }
    lia__buf_puts(b, axes == 2 ? " vary" : " varies");
    lia__buf_printf(b, "</h%d>\n", h);
    if (axes == 2) counts(b, s);
    else runs(b, s);
    char *svg = NULL;
    size_t len = 0;
    lia_status st = lia_sweep_write_svg(&svg, &len, s);
    if (st != LIA_OK) { b->failed = 1; return st; }
    /* inline: the XML declaration belongs to a standalone file only */
    const char *body = svg;
    if (strncmp(body, "<?xml", 5) == 0 && strchr(body, '\n')) body = strchr(body, '\n') + 1;
    lia__buf_puts(b, "<figure class=\"b-sweep\">\n");
    lia__buf_put(b, body, len - (size_t)(body - svg));
    lia__buf_puts(b, "<figcaption>");
    if (axes == 2)
        lia__buf_puts(b, "The status of the commitment over the grid; dots mark where a verdict changes.");
    else
        lia__buf_puts(b, "Top: each member's critical patience \xce\xb4* (solid) against its patience (dashed); a member "
                        "keeps to the commitment where its solid line is under its dashes. Middle: the status. Bottom: "
                        "each member's payoff at the commitment. Dashed verticals: the breakdown points.");
    lia__buf_puts(b, "</figcaption>\n</figure>\n");
    lia__free(svg);
    breakdown_table(b, s, axes);
    return LIA_OK;
}

static lia_status sweep_write_html_body(char **out, size_t *len, const lia_sweep *s, const lia_briefing_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_briefing_options o;
    if (!s || !lia__brief_options(&o, opts) || !lia_sweep_point_at(s, 0)) return LIA_EUSAGE;
    o.sweep = NULL;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    char what[160];
    snprintf(what, sizeof what, "a sweep of %.100s over %zu grid points", lia__sweep_game(s), lia_sweep_point_count(s));
    lia__brief_open(&b, lia__sweep_title(s), lia__sweep_game(s), lia__sweep_source(s), what);
    lia__buf_puts(&b, "<section class=\"b-agreement\" id=\"sweep\">\n");
    lia_status st = lia__brief_sweep(&b, s, 2);
    lia__buf_puts(&b, "</section>\n");
    lia__brief_close(&b, &o);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK) { lia__buf_free(&b); return st; }
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_sweep_write_html(char **out, size_t *len, const lia_sweep *s, const lia_briefing_options *opts)
{
    lia__errmsg_clear();
    return lia__errmsg_write(sweep_write_html_body(out, len, s, opts), s, "the sweep", "HTML");
}
