/* explore_svg.c — an exploration as an SVG chart for a briefing (`explore --plot`, docs/cli.md):
 * a bar of the share of runs in each status; for the sobol design the total (light) and
 * first-order (dark) index of each parameter for each output, for the morris design mu*
 * scaled to the output's largest; and each scenario's box drawn inside the parameters' ranges,
 * under its sentence. The house style of the sweep charts (svg_axes.h); the same exploration
 * gives the same bytes. */
#include "explore_analysis.h"
#include "../sweep/svg_axes.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { W = 880, ML = 160, MR = 40, BAR = 11 };

static const char *fill(int s)
{
    switch (s) {
    case LIA_VERDICT_HOLDS: return "#1a9850";
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "#91cf60";
    case LIA_VERDICT_UNDECIDED: return "#abd9e9";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "#f4a52c";
    case LIA_VERDICT_BREAKS_DOWN: return "#d73027";
    case LIA_VERDICT_NONE: return "#f2f2f2";
    default: return "#bdbdbd";
    }
}

static void rect(lia_buf *b, const char *cls, double x, double y, double w, double h, const char *colour, const char *title)
{
    lia__buf_printf(b, "<rect class=\"%s\"", cls);
    lia__svg_attr(b, "x", x);
    lia__svg_attr(b, "y", y);
    lia__svg_attr(b, "width", w > 0 ? w : 0);
    lia__svg_attr(b, "height", h);
    lia__buf_printf(b, " fill=\"%s\"><title>", colour);
    lia__svg_text(b, title, 0);
    lia__buf_puts(b, "</title></rect>\n");
}

static size_t shown_outputs(const xa *a)
{
    size_t n = 0;
    for (size_t o = 0; o < a->nout; o++) n += !a->out_missing[o];
    return (a->sobol || a->morris) ? n : 0;
}

static double chart_height(const lia_explore *e, const xa *a)
{
    double h = 60 + 50;                                        /* title, status bar */
    size_t n = shown_outputs(a);
    if (n) h += 40 + (double)n * (34 + (double)e->d * (2 * BAR + 4));
    for (size_t k = 0; k < a->nbox; k++) {
        size_t r = 0;
        for (size_t j = 0; j < e->d; j++) r += a->box[k].restricted[j] != 0;
        h += 40 + (double)(r ? r : 1) * 18;
    }
    return h + 30;
}

static void status_bar(lia_buf *b, const xa *a, double y)
{
    lia__svg_label(b, "axislabel", ML / 2.0, y + 14, "status");
    double x = ML, width = W - ML - MR;
    for (size_t p = 0; p < a->nprob; p++) {
        char t[128];
        snprintf(t, sizeof t, "%s: %.1f%% of runs (95%% interval %.1f%% to %.1f%%)", lia__explore_status_name(a->prob[p].status),
                 100 * a->prob[p].share, 100 * a->prob[p].lo, 100 * a->prob[p].hi);
        rect(b, "status", x, y, width * a->prob[p].share, 20, fill(a->prob[p].status), t);
        if (width * a->prob[p].share > 70) {
            snprintf(t, sizeof t, "%s %.0f%%", lia__explore_status_verb(a->prob[p].status), 100 * a->prob[p].share);
            lia__svg_label(b, "blabel", x + 4, y + 34, t);
        }
        x += width * a->prob[p].share;
    }
}

static double indices(lia_buf *b, const lia_explore *e, const xa *a, double y)
{
    size_t d = e->d;
    lia__svg_label(b, "title", 18, y + 16, a->sobol ? "Sobol indices: total (light) and first order (dark)"
                                                     : "Morris mu* (mean |elementary effect|), relative to the largest");
    y += 36;
    svg_axis x;
    lia__svg_axis(&x, 0, 1, 5, 0, ML, W - MR);
    for (size_t o = 0; o < a->nout; o++) {
        if (a->out_missing[o]) continue;
        lia__svg_label(b, "axislabel", 60, y + 12, e->cols[a->out_col[o]]);
        y += 18;
        double big = 0;
        for (size_t j = 0; a->morris && j < d; j++) big = fmax(big, a->morris[o * d + j].mu_star);
        /* the grid under the bars */
        lia__svg_xticks(b, &x, y, y + (double)d * (2 * BAR + 4), SVG_GRID | SVG_LABELS);
        for (size_t j = 0; j < d; j++) {
            char t[160];
            lia__svg_label(b, "ytick", ML - 6, y + BAR + 4, e->pnames[j]);
            if (a->sobol) {
                const xa_index *s = &a->sobol[o * d + j];
                snprintf(t, sizeof t, "%s: ST %.3f +- %.3f", e->pnames[j], s->ST, s->ST_conf);
                rect(b, "st", ML, y, lia__svg_px(&x, fmax(0, fmin(1, s->ST))) - ML, BAR, "#9ecae1", t);
                snprintf(t, sizeof t, "%s: S1 %.3f +- %.3f", e->pnames[j], s->S1, s->S1_conf);
                rect(b, "s1", ML, y + BAR, lia__svg_px(&x, fmax(0, fmin(1, s->S1))) - ML, BAR, "#08519c", t);
            } else {
                const xa_morris *m = &a->morris[o * d + j];
                snprintf(t, sizeof t, "%s: mu* %.4g, sigma %.4g", e->pnames[j], m->mu_star, m->sigma);
                rect(b, "mustar", ML, y + BAR / 2.0, lia__svg_px(&x, big > 0 ? m->mu_star / big : 0) - ML, BAR, "#08519c", t);
            }
            y += 2 * BAR + 4;
        }
        y += 16;   /* room for the tick labels */
    }
    return y + 16;
}

static double boxes(lia_buf *b, const lia_explore *e, const xa *a, double y)
{
    for (size_t k = 0; k < a->nbox; k++) {
        const xa_box *x = &a->box[k];
        y += 22;
        lia__svg_label(b, "note", 18, y, x->sentence);
        y += 8;
        int any = 0;
        for (size_t j = 0; j < e->d; j++) {
            if (!x->restricted[j]) continue;
            any = 1;
            svg_axis ax;
            lia__svg_axis(&ax, e->lo[j], e->hi[j], 5, 0, ML, W - MR);
            lia__svg_label(b, "ytick", ML - 6, y + 11, e->pnames[j]);
            rect(b, "range", ML, y + 2, W - MR - ML, 10, "#eeeeee", "the parameter's range");
            char end[32];
            snprintf(end, sizeof end, "%.3g", e->hi[j]);
            lia__svg_label(b, "note", W - MR + 4, y + 11, end);
            char t[160];
            snprintf(t, sizeof t, "%s in [%.4g, %.4g]", e->pnames[j], x->lo[j], x->hi[j]);
            double x0 = lia__svg_px(&ax, x->lo[j]), x1 = lia__svg_px(&ax, x->hi[j]);
            rect(b, "box", x0, y + 2, x1 - x0, 10, fill(x->status), t);
            y += 18;
        }
        if (!any) y += 18;
        y += 10;
    }
    return y;
}

static lia_status svg_in(lia_buf *b, const lia_explore *e)
{
    lia_arena ar;
    lia__arena_init(&ar);
    xa a;
    lia_status st = lia__explore_analyse(&a, e, &ar);
    if (st == LIA_OK) {
        lia__svg_open(b, W, chart_height(e, &a));
        char t[256];
        snprintf(t, sizeof t, "%s under uncertainty: %s design, %llu runs, seed %llu", e->game, lia_design_name(e->design),
                 (unsigned long long)e->total, (unsigned long long)e->seed);
        lia__buf_puts(b, "<title>");
        lia__svg_text(b, t, 0);
        lia__buf_puts(b, "</title>\n");
        lia__svg_label(b, "title", 18, 24, t);
        status_bar(b, &a, 50);
        double y = 110;
        if (shown_outputs(&a)) y = indices(b, e, &a, y);
        if (a.nbox) {
            lia__svg_label(b, "title", 18, y + 16, "scenarios: where each status concentrates (PRIM boxes)");
            y = boxes(b, e, &a, y + 16);
        }
        lia__buf_puts(b, "</svg>\n");
    }
    lia__arena_free(&ar);
    return st == LIA_OK && b->failed ? LIA_ENOMEM : st;
}

static lia_status explore_write_svg_body(char **out, size_t *len, const lia_explore *e)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!e) return LIA_EUSAGE;
    if (!e->complete) {
        lia__explore_err((lia_explore *)e, "the chart needs every run of the design (%llu of %llu held)",
                         (unsigned long long)e->nruns, (unsigned long long)e->total);
        return LIA_EUSAGE;
    }
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    lia_status st = svg_in(&b, e);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK) { lia__buf_free(&b); return st; }
    size_t l;
    *out = lia__buf_take(&b, &l);
    if (!*out) return LIA_ENOMEM;
    if (len) *len = l;
    return LIA_OK;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_explore_write_svg(char **out, size_t *len, const lia_explore *e)
{
    lia__errmsg_clear();
    return lia__errmsg_write(explore_write_svg_body(out, len, e), e, "the exploration", "SVG");
}
