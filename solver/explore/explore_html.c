/* explore_html.c — an exploration as a briefing page (docs/cli.md, `explore --format html`):
 * its set-up in words, how often each status occurs with its Wilson interval (a chart and a
 * table), the chart of lia_explore_write_svg inline (the indices and the scenario boxes: the
 * same drawing as `explore --plot`, not a second one), the scenarios in words, and the terms.
 * The frame (style sheets, header, glossary, foot, escaping) is the solve briefing's
 * (report/brief.h). */
#include "explore_analysis.h"
#include "../report/brief.h"
#include "../sweep/svg_axes.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The page's own terms, before the solve briefing's. */
static const char *const terms[][2] = {
    { "exploration", "many solves of one agreement, each at a sample of the uncertain parameters drawn from their "
                     "ranges: how often the commitment holds when the numbers are not known exactly." },
    { "design", "how the samples are drawn: mc (independent uniform draws), lhs (a Latin hypercube: every range "
                "covered evenly), sobol (Saltelli's scheme, for Sobol indices) or morris (trajectories of one-at-a-"
                "time steps, for elementary effects)." },
    { "share and 95% interval", "the fraction of runs with a status, and the Wilson score interval around it: where "
                                "the probability over the ranges lies, with 95% confidence, given this many runs." },
    { "slack", "per member, its payoff from keeping to the commitment minus what breaching pays it at its "
               "patience, C \xe2\x88\x92 (1 \xe2\x88\x92 \xce\xb4)D \xe2\x88\x92 \xce\xb4P: negative where it "
               "breaches." },
    { "Sobol indices S1, ST", "the share of an output's variance due to one parameter alone (first order, S1) and "
                              "with everything it interacts with (total, ST); ST much above S1 means interactions." },
    { "Morris \xce\xbc*, \xcf\x83", "the mean size of the change in an output when one parameter steps across its "
                                    "range (\xce\xbc*), and how much that change varies with the other parameters "
                                    "(\xcf\x83): a screening of which parameters matter." },
    { "scenario (PRIM box)", "a box of parameter ranges in which one status concentrates, found by peeling the runs "
                             "(the Patient Rule Induction Method); coverage is the share of that status's runs "
                             "inside the box, density the share of the box's runs with that status." },
};

static const char *status_words(int s)
{
    return s < 0 ? "the model is invalid" : lia__brief_status_words((lia_verdict)s);
}

static const char *status_fill(int s) { return s < 0 ? "#bdbdbd" : lia__svg_verdict_fill((lia_verdict)s); }

/* A share as the text output writes it, one decimal: the JSON's number at the shown precision. */
static void pct(lia_buf *b, double v) { lia__buf_printf(b, "%.1f%%", 100 * v + 0.0); }

/* The target profile in words, "A plays 1 and B plays 0", by the strategies' names when the
 * model text compiles (it does: it was explored), else by their indices. */
static void target_words(lia_buf *b, const lia_explore *e)
{
    lia_model *m = NULL;
    lia_game *g = NULL;
    if (lia_model_parse(&m, e->model_text, e->model_len, "model") != LIA_OK ||
        lia_model_compile(&g, m, e->game, NULL) != LIA_OK || lia_game_player_count(g) != e->members)
        lia_game_free(g), g = NULL;
    for (size_t i = 0; i < e->members; i++) {
        lia__buf_puts(b, i == 0 ? "" : i + 1 == e->members ? " and " : ", ");
        lia__brief_text(b, e->mnames[i]);
        lia__buf_puts(b, " plays ");
        if (g && e->target[i] < lia_game_strategy_count(g, i)) lia__brief_text(b, lia_game_strategy_name(g, i, e->target[i]));
        else lia__buf_printf(b, "its strategy number %zu", e->target[i] + 1);
    }
    lia_game_free(g);
    lia_model_free(m);
}

static void setup(lia_buf *b, const lia_explore *e)
{
    lia__buf_puts(b, "<section class=\"b-agreement\" id=\"setup\">\n<h2>What was explored</h2>\n<p>The agreement <strong>");
    lia__brief_text(b, e->game);
    lia__buf_puts(b, "</strong> between ");
    lia__brief_names(b, e->mnames, e->members);
    lia__buf_printf(b, " was solved <strong>%llu times</strong>, each time at a sample of ", (unsigned long long)e->total);
    lia__buf_printf(b, "%zu uncertain parameter%s drawn uniformly from the ranges below (", e->d, e->d == 1 ? "" : "s");
    if (e->design == LIA_DESIGN_SOBOL)
        lia__buf_printf(b, "Saltelli's design for Sobol indices: %llu base samples \xc3\x97 (2 \xc3\x97 %zu + 2) runs",
                       (unsigned long long)e->n, e->d);
    else if (e->design == LIA_DESIGN_MORRIS)
        lia__buf_printf(b, "Morris's design: %llu trajectories of %zu runs", (unsigned long long)e->n, e->d + 1);
    else if (e->design == LIA_DESIGN_LHS)
        lia__buf_puts(b, "a Latin hypercube");
    else
        lia__buf_puts(b, "independent draws");
    lia__buf_printf(b, "; seed %llu). ", (unsigned long long)e->seed);
    if (e->delta > 0) {
        lia__buf_puts(b, "Every member was given the same patience \xce\xb4 = ");
        lia__brief_num(b, e->delta, 0, "-");
        lia__buf_puts(b, ".</p>\n");
    } else {
        lia__buf_puts(b, "Each member keeps the patience the model gives it.</p>\n");
    }
    if (e->target) {
        lia__buf_puts(b, "<p>Every run judges the profile in which ");
        target_words(b, e);
        lia__buf_puts(b, ", not the agreement's commitment: \xe2\x80\x9cholds\xe2\x80\x9d below means that profile holds.</p>\n");
    }
    lia__buf_puts(b, "<table>\n<thead><tr><th>parameter</th><th class=\"b-n\">from</th><th class=\"b-n\">to</th></tr></thead>\n<tbody>\n");
    for (size_t j = 0; j < e->d; j++) {
        lia__buf_puts(b, "<tr><td><code>");
        lia__brief_text(b, e->pnames[j]);
        lia__buf_puts(b, "</code></td>");
        lia__brief_td_num(b, e->lo[j], 0, "-");
        lia__brief_td_num(b, e->hi[j], 0, "-");
        lia__buf_puts(b, "</tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n</section>\n");
}

/* Each status's share as a bar, its Wilson interval as a whisker over it. */
static void prob_chart(lia_buf *b, const xa *a)
{
    enum { W = 720, L = 230, R = 60, ROW = 30, TOP = 12 };
    double h = TOP + (double)a->nprob * ROW + 34;
    lia__buf_printf(b, "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bc\" width=\"%d\" height=\"%.0f\" "
                      "viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"share of runs per status with 95%% intervals\">\n",
                   W, h, W, h);
    svg_axis x;
    lia__svg_axis(&x, 0, 1, 5, 0, L, W - R);
    double bottom = TOP + (double)a->nprob * ROW;
    lia__svg_xticks(b, &x, TOP, bottom, SVG_GRID);
    for (size_t p = 0; p < a->nprob; p++) {
        const xa_prob *q = &a->prob[p];
        double y = TOP + (double)p * ROW;
        char t[64];
        lia__buf_puts(b, "<text class=\"bc-name\" text-anchor=\"end\"");
        lia__svg_attr(b, "x", L - 8);
        lia__svg_attr(b, "y", y + 19);
        lia__buf_puts(b, ">");
        lia__brief_text(b, status_words(q->status));
        lia__buf_puts(b, "</text>\n<rect");
        lia__svg_attr(b, "x", L);
        lia__svg_attr(b, "y", y + 6);
        lia__svg_attr(b, "width", lia__svg_px(&x, q->share) - L);
        lia__svg_attr(b, "height", ROW - 12);
        lia__buf_printf(b, " fill=\"%s\"/>\n", status_fill(q->status));
        double x0 = lia__svg_px(&x, q->lo), x1 = lia__svg_px(&x, q->hi), ym = y + ROW / 2.0;
        lia__buf_puts(b, "<path stroke=\"#1d232b\" stroke-width=\"1.5\" fill=\"none\" d=\"M");
        lia__svg_num(b, x0);
        lia__buf_putc(b, ' ');
        lia__svg_num(b, ym - 5);
        lia__buf_puts(b, "v10M");
        lia__svg_num(b, x0);
        lia__buf_putc(b, ' ');
        lia__svg_num(b, ym);
        lia__buf_puts(b, "H");
        lia__svg_num(b, x1);
        lia__buf_puts(b, "M");
        lia__svg_num(b, x1);
        lia__buf_putc(b, ' ');
        lia__svg_num(b, ym - 5);
        lia__buf_puts(b, "v10\"/>\n<text class=\"bc-val\"");
        lia__svg_attr(b, "x", fmax(x1, lia__svg_px(&x, q->share)) + 6);
        lia__svg_attr(b, "y", ym + 4);
        snprintf(t, sizeof t, "%.1f%%", 100 * q->share + 0.0);
        lia__buf_printf(b, ">%s</text>\n", t);
    }
    for (int k = 0; k <= 4; k++) {
        lia__buf_puts(b, "<text class=\"bc-key\" text-anchor=\"middle\"");
        lia__svg_attr(b, "x", lia__svg_px(&x, k / 4.0));
        lia__svg_attr(b, "y", bottom + 16);
        lia__buf_printf(b, ">%d%%</text>\n", 25 * k);
    }
    lia__buf_puts(b, "</svg>\n<figcaption>The share of runs in each status (bar) and its 95% Wilson interval "
                    "(whisker): where the probability over the ranges lies, given this many runs.</figcaption>\n</figure>\n");
}

static void outcomes(lia_buf *b, const lia_explore *e, const xa *a)
{
    const char *what = e->target ? "the target profile" : "the commitment";
    lia__buf_printf(b, "<section class=\"b-agreement\" id=\"outcomes\">\n<h2>How often %s holds</h2>\n", what);
    const xa_prob *top = a->nprob ? &a->prob[0] : NULL;
    for (size_t p = 1; p < a->nprob; p++)
        if (a->prob[p].runs > top->runs) top = &a->prob[p];
    if (top) {
        lia__buf_printf(b, "<div class=\"b-verdict\"><p class=\"b-status\">Most often %s ", what);
        if (top->status < 0) lia__buf_puts(b, "cannot be judged (the model is invalid there)");
        else lia__brief_badge(b, (lia_verdict)top->status);
        lia__buf_puts(b, ": in ");
        pct(b, top->share);
        lia__buf_printf(b, " of the %llu runs (95%% interval ", (unsigned long long)e->total);
        pct(b, top->lo);
        lia__buf_puts(b, " to ");
        pct(b, top->hi);
        lia__buf_puts(b, ").</p></div>\n");
    }
    prob_chart(b, a);
    lia__buf_puts(b, "<table>\n<thead><tr><th>status</th><th class=\"b-n\">share</th><th class=\"b-n\">95% interval "
                    "(Wilson)</th><th class=\"b-n\">runs</th></tr></thead>\n<tbody>\n");
    for (size_t p = 0; p < a->nprob; p++) {
        const xa_prob *q = &a->prob[p];
        lia__buf_puts(b, "<tr><td>");
        lia__brief_text(b, status_words(q->status));
        lia__buf_puts(b, "</td><td class=\"b-n\">");
        pct(b, q->share);
        lia__buf_puts(b, "</td><td class=\"b-n\">");
        pct(b, q->lo);
        lia__buf_puts(b, " \xe2\x80\x93 ");
        pct(b, q->hi);
        lia__buf_printf(b, "</td><td class=\"b-n\">%zu</td></tr>\n", q->runs);
    }
    lia__buf_puts(b, "</tbody></table>\n</section>\n");
}

/* The chart of lia_explore_write_svg, inline: the indices and the scenario boxes. */
static lia_status chart(lia_buf *b, const lia_explore *e, const xa *a)
{
    char *svg = NULL;
    size_t len = 0;
    lia_status st = lia_explore_write_svg(&svg, &len, e);
    if (st != LIA_OK) return st;
    const char *body = svg;
    if (strncmp(body, "<?xml", 5) == 0 && strchr(body, '\n')) body = strchr(body, '\n') + 1;
    lia__buf_puts(b, "<section class=\"b-agreement\" id=\"drivers\">\n<h2>What drives it</h2>\n<p>");
    if (a->sobol)
        lia__buf_puts(b, "For each member's slack, the welfare and the transfers: the share of its variance due to each "
                        "parameter alone (first order, dark) and with its interactions (total, light).");
    else if (a->morris)
        lia__buf_puts(b, "For each member's slack, the welfare and the transfers: how much it moves when each parameter "
                        "steps across its range (Morris \xce\xbc*, relative to the largest).");
    else
        lia__buf_puts(b, "This design gives no sensitivity indices (the sobol and morris designs do); the chart shows "
                        "the status of the runs and the scenarios.");
    lia__buf_puts(b, "</p>\n<figure class=\"b-explore\">\n");
    lia__buf_put(b, body, len - (size_t)(body - svg));
    lia__buf_puts(b, "<figcaption>Top: the share of runs in each status. Then the indices of each output, where the "
                    "design gives them. Bottom: each scenario's box inside the parameters' ranges (grey), under its "
                    "sentence.</figcaption>\n</figure>\n");
    lia__free(svg);
    if (a->sobol || a->morris) {
        size_t gone = 0;
        for (size_t o = 0; o < a->nout; o++) gone += a->out_missing[o] != 0;
        if (gone) {
            lia__buf_puts(b, "<p class=\"b-small\">No indices for ");
            for (size_t o = 0, k = 0; o < a->nout; o++) {
                if (!a->out_missing[o]) continue;
                lia__buf_puts(b, k == 0 ? "" : k + 1 == gone ? " and " : ", ");
                lia__buf_puts(b, "<code>");
                lia__brief_text(b, e->cols[a->out_col[o]]);
                lia__buf_puts(b, "</code>");
                k++;
            }
            lia__buf_puts(b, ": some runs have no value there.</p>\n");
        }
    }
    lia__buf_puts(b, "</section>\n");
    return LIA_OK;
}

static void scenarios(lia_buf *b, const lia_explore *e, const xa *a)
{
    lia__buf_puts(b, "<section class=\"b-agreement\" id=\"scenarios\">\n<h2>Scenarios</h2>\n");
    if (!a->nbox) {
        lia__buf_puts(b, "<p>None: every run holds, so no region of the ranges stands out.</p>\n</section>\n");
        return;
    }
    lia__buf_puts(b, "<p>Where each status other than holding concentrates, as ranges of the parameters:</p>\n<ul>\n");
    for (size_t k = 0; k < a->nbox; k++) {
        const xa_box *x = &a->box[k];
        lia__buf_puts(b, "<li>");
        lia__brief_badge(b, x->status < 0 ? LIA_VERDICT_NONE : (lia_verdict)x->status);
        lia__buf_puts(b, " ");
        lia__brief_text(b, x->sentence);
        lia__buf_puts(b, "</li>\n");
    }
    lia__buf_puts(b, "</ul>\n<table>\n<thead><tr><th>status</th><th>box</th><th class=\"b-n\">coverage</th>"
                    "<th class=\"b-n\">density</th><th class=\"b-n\">runs inside</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < a->nbox; k++) {
        const xa_box *x = &a->box[k];
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, status_words(x->status));
        lia__buf_puts(b, "<td>");
        int any = 0;
        for (size_t j = 0; j < e->d; j++) {
            if (!x->restricted[j]) continue;
            lia__buf_puts(b, any++ ? "<br>" : "");
            lia__buf_puts(b, "<code>");
            lia__brief_text(b, e->pnames[j]);
            lia__buf_puts(b, "</code> in [");
            lia__brief_num(b, x->lo[j], 0, "-");
            lia__buf_puts(b, ", ");
            lia__brief_num(b, x->hi[j], 0, "-");
            lia__buf_puts(b, "]");
        }
        if (!any) lia__buf_puts(b, "the whole ranges");
        lia__buf_puts(b, "</td><td class=\"b-n\">");
        pct(b, x->coverage);
        lia__buf_puts(b, "</td><td class=\"b-n\">");
        pct(b, x->density);
        lia__buf_puts(b, "</td><td class=\"b-n\">");
        pct(b, x->mass);
        lia__buf_puts(b, "</td></tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n</section>\n");
}

/* The model's title, from the model text the exploration keeps (its store keeps it too). */
static char *model_title(const lia_explore *e)
{
    lia_model *m = NULL;
    char *t = NULL;
    if (e->model_text && lia_model_parse(&m, e->model_text, e->model_len, "model") == LIA_OK) {
        const char *s = lia_model_title(m);
        t = lia__strndup(s, strlen(s));
    }
    lia_model_free(m);
    return t;
}

static lia_status page(lia_buf *b, const lia_explore *e, const lia_briefing_options *o)
{
    lia_arena ar;
    lia__arena_init(&ar);
    xa a;
    lia_status st = lia__explore_analyse(&a, e, &ar);
    if (st == LIA_OK) {
        char what[200];
        snprintf(what, sizeof what, "an exploration of %.100s under uncertainty: %s design, %llu runs", e->game,
                 lia_design_name(e->design), (unsigned long long)e->total);
        char *title = model_title(e);
        lia__brief_open(b, title, e->game, NULL, what);
        lia__free(title);
        setup(b, e);
        outcomes(b, e, &a);
        st = chart(b, e, &a);
        if (st == LIA_OK) {
            scenarios(b, e, &a);
            lia__brief_close_terms(b, o, terms, sizeof terms / sizeof *terms);
        }
    }
    lia__arena_free(&ar);
    return st == LIA_OK && b->failed ? LIA_ENOMEM : st;
}

lia_status lia_explore_write_html(char **out, size_t *len, const lia_explore *e, const lia_briefing_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_briefing_options o;
    if (!e || !lia__brief_options(&o, opts)) return LIA_EUSAGE;
    if (!e->complete) {
        lia__explore_err((lia_explore *)e, "the briefing needs every run of the design (%llu of %llu held)",
                         (unsigned long long)e->nruns, (unsigned long long)e->total);
        return LIA_EUSAGE;
    }
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    lia_status st = page(&b, e, &o);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK) {
        lia__buf_free(&b);
        if (st != LIA_EUSAGE) lia__explore_err((lia_explore *)e, "the briefing failed: %s", lia_status_name(st));
        return st;
    }
    size_t l;
    *out = lia__buf_take(&b, &l);
    if (!*out) return LIA_ENOMEM;
    if (len) *len = l;
    return LIA_OK;
}
