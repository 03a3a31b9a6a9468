/* brief_charts.c — the briefing's own charts, drawn as inline SVG with the sweep chart's pieces
 * (svg_axes.h): each member's critical patience against its patience, the burden shares beside
 * the fair splits, and the exploitation index against 1. Bars run across, one row per member,
 * so that long names and many members still read. */
#include "brief.h"
#include "../sweep/svg_axes.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { CW = 720, ROWH = 40 };

static const char *const rule_colour[] = { "#0072b2", "#e69f00", "#009e73" };

/* The start of an inline chart: its size, its title for screen readers and tooltips. */
static void chart_open(lia_buf *b, double h, const char *label)
{
    lia__buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" "
                      "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"",
                   CW, h, CW, h);
    lia__brief_text(b, label);
    lia__buf_puts(b, "\">\n<title>");
    lia__brief_text(b, label);
    lia__buf_puts(b, "</title>\n");
}

/* The column the members' names take: as wide as the longest, within reason. */
static double name_column(const char *const *names, size_t n)
{
    double w = 60;
    for (size_t i = 0; i < n; i++) w = fmax(w, lia__svg_text_width(names[i], 12));
    return fmin(w, 200) + 24;
}

/* A name at the left of row y (cut to the column). */
static void row_name(lia_buf *b, double x, double y, const char *name)
{
    lia__buf_printf(b, "<text class=\"bc-name\" text-anchor=\"end\" x=\"%.1f\" y=\"%.1f\">", x, y);
    lia__svg_text(b, name, 30);
    lia__buf_puts(b, "</text>\n");
}

static void rect(lia_buf *b, double x0, double x1, double y, double h, const char *fill)
{
    lia__buf_puts(b, "<rect");
    lia__svg_attr(b, "x", fmin(x0, x1));
    lia__svg_attr(b, "y", y);
    lia__svg_attr(b, "width", fmax(fabs(x1 - x0), 0.8));   /* a zero still shows as a hairline */
    lia__svg_attr(b, "height", h);
    lia__buf_printf(b, " fill=\"%s\"/>\n", fill);
}

/* A value as the text of a chart label (the page's reading form, without markup). */
static void value_text(char *buf, size_t cap, double v, double scale)
{
    char digits[48];
    lia__reading_text(digits, sizeof digits, v, scale);
    /* a true minus sign, as in the tables */
    snprintf(buf, cap, "%s%s", digits[0] == '-' ? "\xe2\x88\x92" : "", digits + (digits[0] == '-'));
}

static void value_label(lia_buf *b, double x, double y, const char *anchor, const char *text)
{
    lia__buf_printf(b, "<text class=\"bc-val\" text-anchor=\"%s\" x=\"%.1f\" y=\"%.1f\">", anchor, x, y);
    lia__svg_text(b, text, 0);
    lia__buf_puts(b, "</text>\n");
}

static double key(lia_buf *b, double x, double y, const char *fill, const char *text, int line)
{
    if (line) lia__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2.5\"/>\n",
                             x + 6, y - 11, x + 6, y + 2, fill);
    else lia__buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"10\" fill=\"%s\"/>\n", x, y - 9, fill);
    lia__buf_printf(b, "<text class=\"bc-key\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", x + 19, y, text);
    return x + 19 + lia__svg_text_width(text, 11) + 22;
}

void lia__brief_patience_chart(lia_buf *b, const lia_repeat *r, const char *const *names)
{
    size_t n = lia_repeat_player_count(r), shown = n < 64 ? n : 64;
    double ml = name_column(names, shown), pr = CW - 24, top = 34, h = top + ROWH * (double)shown + 44;
    chart_open(b, h, "Each member's critical patience against its patience");
    svg_axis x;
    lia__svg_axis(&x, 0, 1, 5, 0, ml, pr);
    double kx = key(b, ml, 16, lia__svg_verdict_fill(LIA_VERDICT_HOLDS), "\xce\xb4*: keeps to it", 0);
    kx = key(b, kx, 16, lia__svg_verdict_fill(LIA_VERDICT_BREAKS_DOWN), "\xce\xb4*: would breach", 0);
    kx = key(b, kx, 16, "#f3b7b2", "\xce\xb4* never reached", 0);
    key(b, kx, 16, "#1d232b", "its patience", 1);
    lia__svg_xticks(b, &x, top, top + ROWH * (double)shown, SVG_GRID | SVG_LABELS);
    for (size_t i = 0; i < shown; i++) {
        const lia_sustain *s = lia_repeat_player(r, i);
        double y = top + ROWH * (double)i, yc = y + ROWH / 2 + 3;
        row_name(b, ml - 10, yc + 4, names[i]);
        char text[64];
        if (isnan(s->delta_star)) {
            rect(b, lia__svg_px(&x, 0), lia__svg_px(&x, 1), yc - 6, 12, "#f3b7b2");
            value_label(b, lia__svg_px(&x, 0) + 4, yc + 4, "start", "never: it prefers the punishment");
        } else {
            double d = fmin(fmax(s->delta_star, 0), 1);
            const char *fill = s->sustainable > 0 ? lia__svg_verdict_fill(LIA_VERDICT_HOLDS)
                             : s->sustainable == 0 ? lia__svg_verdict_fill(LIA_VERDICT_BREAKS_DOWN) : "#8d969e";
            rect(b, lia__svg_px(&x, 0), lia__svg_px(&x, d), yc - 6, 12, fill);
            char v[40];
            value_text(v, sizeof v, s->delta_star, 1);
            snprintf(text, sizeof text, "\xce\xb4* %s%s", v, s->delta_star == 0 ? ": no breach pays" : "");
            /* the label right of the bar, or inside it at its end when the bar is long */
            int inside = lia__svg_px(&x, d) + 8 + lia__svg_text_width(text, 11) > pr;
            value_label(b, lia__svg_px(&x, d) + (inside ? -4 : 4), yc + 4, inside ? "end" : "start", text);
        }
        if (isfinite(s->patience)) {
            double px = lia__svg_px(&x, fmin(fmax(s->patience, 0), 1));
            lia__buf_printf(b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#1d232b\" stroke-width=\"2.5\"/>\n",
                           px, yc - 12, px, yc + 9);
            char v[40];
            value_text(v, sizeof v, s->patience, 1);
            snprintf(text, sizeof text, "patience %s", v);
            int left = px + 4 + lia__svg_text_width(text, 11) > pr + 20;
            value_label(b, px + (left ? -4 : 4), yc - 9, left ? "end" : "start", text);
        }
    }
    lia__svg_label(b, "axislabel", (ml + pr) / 2, top + ROWH * (double)shown + 36,
                   "discount factor: critical patience \xce\xb4* (bar) and the member's patience (line)");
    lia__buf_puts(b, "</svg>\n");
}

/* The fair splits drawn beside the actual one, when computed. */
static const lia_share_rule chart_rules[] = { LIA_SHARE_ACTUAL, LIA_SHARE_SHAPLEY, LIA_SHARE_NUCLEOLUS };
static const char *const chart_rule_words[] = { "actual (at the commitment)", "Shapley value", "nucleolus" };

void lia__brief_shares_chart(lia_buf *b, const lia_share *s, double scale)
{
    size_t n = lia_share_player_count(s), shown = n < 64 ? n : 64, nr = 0;
    const double *v[3];
    const char *words[3], *colour[3];
    for (size_t k = 0; k < 3; k++) {
        const double *x = lia_share_vector(s, chart_rules[k]);
        if (!x) continue;
        v[nr] = x;
        words[nr] = chart_rule_words[k];
        colour[nr++] = rule_colour[k];
    }
    if (!nr) return;
    const char *names[64] = { NULL };
    double lo = 0, hi = 0;
    for (size_t i = 0; i < shown; i++) {
        names[i] = lia_share_player_name(s, i);
        for (size_t k = 0; k < nr; k++)
            if (isfinite(v[k][i])) { lo = fmin(lo, v[k][i]); hi = fmax(hi, v[k][i]); }
    }
    double bar = 10, gap = 3, rowh = (double)nr * (bar + gap) + 14;
    double ml = name_column(names, shown), pr = CW - 24, top = 34, h = top + rowh * (double)shown + 44;
    chart_open(b, h, "Burden shares: what each member gets at the commitment beside the fair splits");
    double pad = 0.18 * (hi - lo > 0 ? hi - lo : 1);   /* room for the value labels */
    svg_axis x;
    lia__svg_axis(&x, lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0.1, 6, 0, ml, pr);
    double kx = ml;
    for (size_t k = 0; k < nr; k++) kx = key(b, kx, 16, colour[k], words[k], 0);
    lia__svg_xticks(b, &x, top, top + rowh * (double)shown, SVG_GRID | SVG_LABELS);
    double zero = lia__svg_px(&x, 0);
    for (size_t i = 0; i < shown; i++) {
        double y = top + rowh * (double)i + 7;
        row_name(b, ml - 10, y + (double)nr * (bar + gap) / 2 + 3, names[i]);
        for (size_t k = 0; k < nr; k++) {
            double val = v[k][i], yb = y + (double)k * (bar + gap);
            if (!isfinite(val)) continue;
            double px = lia__svg_px(&x, val);
            rect(b, zero, px, yb, bar, colour[k]);
            char t[40];
            value_text(t, sizeof t, val, scale);
            value_label(b, val < 0 ? fmin(px, zero) - 3 : fmax(px, zero) + 3, yb + bar - 1, val < 0 ? "end" : "start", t);
        }
    }
    lia__buf_printf(b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#1d232b\"/>\n", zero, top, zero,
                   top + rowh * (double)shown);
    lia__svg_label(b, "axislabel", (ml + pr) / 2, top + rowh * (double)shown + 36, "payoff per period");
    lia__buf_puts(b, "</svg>\n");
}

void lia__brief_exploitation_chart(lia_buf *b, const lia_share *s)
{
    const double *e = lia_share_exploitation(s);
    if (!e) return;
    size_t n = lia_share_player_count(s), shown = n < 64 ? n : 64;
    const char *names[64] = { NULL };
    double hi = 1.25;
    for (size_t i = 0; i < shown; i++) {
        names[i] = lia_share_player_name(s, i);
        if (isfinite(e[i])) hi = fmax(hi, 1.15 * e[i]);
    }
    double rowh = 28, ml = name_column(names, shown), pr = CW - 24, top = 34, h = top + rowh * (double)shown + 44;
    chart_open(b, h, "Exploitation index: each member's share of the costs over its share of the benefits");
    svg_axis x;
    lia__svg_axis(&x, 0, hi, 6, 0, ml, pr);
    double kx = key(b, ml, 16, "#d55e00", "carries more than it gets (above 1)", 0);
    key(b, kx, 16, "#0072b2", "gets at least as much as it carries", 0);
    lia__svg_xticks(b, &x, top, top + rowh * (double)shown, SVG_GRID | SVG_LABELS);
    for (size_t i = 0; i < shown; i++) {
        double y = top + rowh * (double)i + 8;
        row_name(b, ml - 10, y + 10, names[i]);
        if (!isfinite(e[i])) { value_label(b, ml + 4, y + 10, "start", "not defined (no benefit)"); continue; }
        double px = lia__svg_px(&x, fmax(e[i], 0));
        rect(b, lia__svg_px(&x, 0), px, y, 13, e[i] > 1 + 1e-9 ? "#d55e00" : "#0072b2");
        char t[40];
        value_text(t, sizeof t, e[i], 1);
        value_label(b, px + 4, y + 11, "start", t);
    }
    double one = lia__svg_px(&x, 1);
    lia__buf_printf(b, "<line x1=\"%.2f\" y1=\"%.1f\" x2=\"%.2f\" y2=\"%.1f\" stroke=\"#1d232b\" stroke-dasharray=\"4 3\"/>\n",
                   one, top - 4, one, top + rowh * (double)shown);
    lia__svg_label(b, "axislabel", (ml + pr) / 2, top + rowh * (double)shown + 36,
                   "share of the costs / share of the benefits (1: in proportion)");
    lia__buf_puts(b, "</svg>\n");
}
