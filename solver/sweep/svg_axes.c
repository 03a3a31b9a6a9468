/* svg_axes.c — the pieces of the sweep charts: escaped text, pixel numbers, 1-2-5 axes, frames,
 * legend lines, staggered labels and the words of a breakdown label. */
#include "svg_axes.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static double nice_step(double range, int target)
{
    double rough = range / (target > 0 ? target : 5);
    double mag = pow(10, floor(log10(rough)));
    double n = rough / mag;
    return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
}

void lia__svg_axis(svg_axis *a, double lo, double hi, int target, int extend, double p0, double p1)
{
    if (!isfinite(lo) || !isfinite(hi)) lo = 0, hi = 1;
    if (lo > hi) { double t = lo; lo = hi; hi = t; }
    lo = fmax(lo, -1e15);
    hi = fmin(hi, 1e15);
    if (!(hi - lo > 1e-12 * fmax(1, fmax(fabs(lo), fabs(hi))))) {   /* one value: a unit around it */
        double w = fabs(lo) > 1 ? 0.1 * fabs(lo) : 0.5;
        lo -= w;
        hi += w;
    }
    a->step = nice_step(hi - lo, target);
    if (extend) {
        lo = a->step * floor(lo / a->step + 1e-9);
        hi = a->step * ceil(hi / a->step - 1e-9);
    }
    a->lo = lo;
    a->hi = hi;
    a->p0 = p0;
    a->p1 = p1;
    if (!isfinite(a->step) || !(a->step > 0) || (hi - lo) / a->step > 50) a->step = 0;
}

double lia__svg_px(const svg_axis *a, double v)
{
    double p = a->p0 + (a->p1 - a->p0) * (v - a->lo) / (a->hi - a->lo);
    return isfinite(p) ? fmin(fmax(p, -1e6), 1e6) : a->p0;
}

void lia__svg_num(lia_buf *b, double px)
{
    double r = round(px * 100) / 100;
    lia__buf_printf(b, "%.2f", r == 0 ? 0.0 : r);   /* never "-0.00" */
}

void lia__svg_tick_label(char *buf, size_t cap, const svg_axis *a, double v)
{
    if (fabs(v) < 1e-9 * a->step) v = 0;
    int decimals = a->step >= 1 ? 0 : (int)ceil(-log10(a->step) - 1e-9);
    if (decimals > 9 || fmax(fabs(a->lo), fabs(a->hi)) >= 1e7) snprintf(buf, cap, "%.6g", v + 0.0);
    else snprintf(buf, cap, "%.*f", decimals, v + 0.0);
}

/* The length of the UTF-8 character at p that XML accepts, 0 if it is not one. */
static size_t utf8_char(const unsigned char *p)
{
    if (p[0] < 0x80) return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' ? 1 : 0;
    size_t n = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3 : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
    if (!n) return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xc0) != 0x80) return 0;
    if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0) || (p[0] == 0xf0 && p[1] < 0x90) ||
        (p[0] == 0xf4 && p[1] >= 0x90) || (p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe))
        return 0;   /* overlong, surrogate, beyond U+10FFFF, U+FFFE/U+FFFF */
    return n;
}

static size_t unit(const unsigned char *p)
{
    size_t n = utf8_char(p);
    return n ? n : 1;
}

void lia__svg_text(lia_buf *b, const char *s, size_t max_chars)
{
    size_t total = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += unit(p)) total++;
    size_t keep = max_chars && total > max_chars ? (max_chars > 3 ? max_chars - 3 : 0) : total;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t k = 0; k < keep; k++, p += unit(p)) {
        size_t n = utf8_char(p);
        switch (n ? *p : 0) {
        case '&': lia__buf_puts(b, "&amp;"); break;
        case '<': lia__buf_puts(b, "&lt;"); break;
        case '>': lia__buf_puts(b, "&gt;"); break;
        case '"': lia__buf_puts(b, "&quot;"); break;
        case '\'': lia__buf_puts(b, "&#39;"); break;
        case '\t': case '\n': lia__buf_putc(b, ' '); break;
        case 0: lia__buf_putc(b, '?'); break;
        default: lia__buf_put(b, (const char *)p, n);
        }
    }
    if (keep < total) lia__buf_puts(b, "...");
}

double lia__svg_text_width(const char *s, double font)
{
    double chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xc0) != 0x80) chars += *p >= 'A' && *p <= 'Z' ? 1.2 : 1;
    return 0.58 * font * chars;
}

void lia__svg_attr(lia_buf *b, const char *name, double px)
{
    lia__buf_printf(b, " %s=\"", name);
    lia__svg_num(b, px);
    lia__buf_putc(b, '"');
}

void lia__svg_line(lia_buf *b, const char *cls, double x1, double y1, double x2, double y2)
{
    lia__buf_printf(b, "<line class=\"%s\"", cls);
    lia__svg_attr(b, "x1", x1);
    lia__svg_attr(b, "y1", y1);
    lia__svg_attr(b, "x2", x2);
    lia__svg_attr(b, "y2", y2);
}

static void tick_line(lia_buf *b, const char *cls, double x1, double y1, double x2, double y2)
{
    lia__svg_line(b, cls, x1, y1, x2, y2);
    lia__buf_puts(b, "/>\n");
}

static void ticks(lia_buf *b, const svg_axis *a, int vertical, double from, double to, int flags)
{
    if (!a->step) return;
    for (double k = ceil(a->lo / a->step - 1e-9); k <= floor(a->hi / a->step + 1e-9); k++) {
        double v = k * a->step, p = lia__svg_px(a, v);
        char label[40];
        lia__svg_tick_label(label, sizeof label, a, v);
        if (!vertical) {
            if (flags & SVG_GRID) tick_line(b, "grid", p, from, p, to);
            tick_line(b, "tick", p, to, p, to + 4);
            if (!(flags & SVG_LABELS)) continue;
            lia__buf_puts(b, "<text class=\"xtick\"");
            lia__svg_attr(b, "x", p);
            lia__svg_attr(b, "y", to + 16);
        } else {
            if (flags & SVG_GRID) tick_line(b, "grid", from, p, to, p);
            tick_line(b, "tick", from - 4, p, from, p);
            lia__buf_puts(b, "<text class=\"ytick\"");
            lia__svg_attr(b, "x", from - 7);
            lia__svg_attr(b, "y", p + 4);
        }
        lia__buf_printf(b, ">%s</text>\n", label);
    }
}

void lia__svg_xticks(lia_buf *b, const svg_axis *x, double y_top, double y_bottom, int flags)
{
    ticks(b, x, 0, y_top, y_bottom, flags);
}

void lia__svg_yticks(lia_buf *b, const svg_axis *y, double x_left, double x_right, int flags)
{
    ticks(b, y, 1, x_left, x_right, flags);
}

void lia__svg_frame(lia_buf *b, double x0, double y0, double x1, double y1)
{
    lia__buf_puts(b, "<rect class=\"frame\"");
    lia__svg_attr(b, "x", x0);
    lia__svg_attr(b, "y", y0);
    lia__svg_attr(b, "width", x1 - x0);
    lia__svg_attr(b, "height", y1 - y0);
    lia__buf_puts(b, "/>\n");
}

void lia__svg_vlabel(lia_buf *b, double x, double y, const char *text)
{
    lia__buf_printf(b, "<text class=\"axislabel\" transform=\"rotate(-90 %.2f %.2f)\" x=\"%.2f\" y=\"%.2f\">", x, y, x, y);
    lia__svg_text(b, text, 0);
    lia__buf_puts(b, "</text>\n");
}

void lia__svg_key(lia_buf *b, double x, double y, int kind, const char *colour)
{
    if (kind == SVG_KEY_LINE || kind == SVG_KEY_DASHED)
        lia__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", x, y - 4,
                       x + 24, y - 4, colour, kind == SVG_KEY_DASHED ? " stroke-dasharray=\"7 4\"" : "");
    else if (kind == SVG_KEY_BOX)
        lia__buf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"11\" fill=\"%s\" stroke=\"#999\"/>\n", x + 4, y - 10, colour);
    else if (kind == SVG_KEY_DOT)
        lia__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" stroke=\"#fff\"/>\n", x + 12, y - 4, colour);
    else if (kind == SVG_KEY_RING)
        lia__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#fff\" stroke=\"%s\" stroke-width=\"1.5\"/>\n", x + 12,
                       y - 4, colour);
    else
        lia__buf_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"3 2\"/>\n", x + 12,
                       y - 11, x + 12, y + 2, colour);
}

double lia__svg_legend(lia_buf *b, double x, double y, int kind, const char *colour, const char *text, const char *name,
                       size_t max_chars)
{
    lia__svg_key(b, x, y, kind, colour);
    lia__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s", x + 30, y, text);
    if (name) lia__svg_text(b, name, max_chars);
    lia__buf_puts(b, "</text>\n");
    return y + 17;
}

void lia__svg_notes(lia_buf *b, double x, double y, const char *const *lines, size_t n)
{
    for (size_t k = 0; k < n; k++) lia__svg_label(b, "note", x, y + 13.0 * (double)k, lines[k]);
}

int lia__svg_stagger(const double *left, const double *right, size_t n, int max_rows, int *row)
{
    double end[SVG_MAX_ROWS];
    int rows = 0;
    if (max_rows > SVG_MAX_ROWS) max_rows = SVG_MAX_ROWS;
    for (int r = 0; r < max_rows; r++) end[r] = -1e300;
    for (size_t k = 0; k < n; k++) {
        row[k] = -1;
        for (int r = 0; r < max_rows && row[k] < 0; r++)
            if (end[r] + 6 <= left[k]) {
                row[k] = r;
                end[r] = right[k];
                rows = r + 1 > rows ? r + 1 : rows;
            }
    }
    return rows;
}

void lia__svg_open(lia_buf *b, double width, double height)
{
    lia__buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
                      "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n",
                   width, height, width, height);
    lia__svg_style(b);
    lia__buf_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
}

void lia__svg_style(lia_buf *b)
{
    lia__buf_puts(b, "<style>.grid{stroke:#e8e8e8}.tick{stroke:#444}.frame{fill:none;stroke:#444}"
                    ".xtick{text-anchor:middle}.ytick{text-anchor:end}.count{text-anchor:middle;font-size:9px}"
                    ".note{fill:#555;font-size:10px}"
                    ".delta,.payoff{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}"
                    ".patience{fill:none;stroke-width:1.5}.exceed{fill:#fff;stroke-width:1.5}"
                    ".breakdown{stroke:#333;stroke-width:1;stroke-dasharray:3 2}"
                    ".blabel{font-size:10px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}"
                    ".zero{stroke:#888;stroke-dasharray:2 3}.axislabel{font-size:12px;text-anchor:middle}"
                    ".title{font-size:15px;font-weight:bold}</style>\n");
}

void lia__svg_label(lia_buf *b, const char *cls, double x, double y, const char *text)
{
    lia__buf_printf(b, "<text class=\"%s\"", cls);
    lia__svg_attr(b, "x", x);
    lia__svg_attr(b, "y", y);
    lia__buf_putc(b, '>');
    lia__svg_text(b, text, 0);
    lia__buf_puts(b, "</text>\n");
}

static const char *status_words(const char *name, size_t n)
{
    static const char *const names[][2] = { { "holds_with_harsher_punishment", "holds with harsher punishment" },
                                            { "holds", "holds" }, { "undecided", "undecided" },
                                            { "needs_transfers", "needs transfers" }, { "breaks_down", "breaks down" },
                                            { "none", "no verdict" } };
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strlen(names[k][0]) == n && strncmp(name, names[k][0], n) == 0) return names[k][1];
    return NULL;
}

/* One change's words into buf and its rank (lower speaks first for a merged breakdown). */
static int label_one(char *buf, size_t cap, const char *t, const char *party, int exceeds)
{
    const char *to = strstr(t, " to "), *game = "the stage game changes from ", *status = "the status changes from ";
    if (party && strstr(t, "crosses the patience")) {
        snprintf(buf, cap, "%s %s", party, strstr(t, "withholds") || strstr(t, "deviates") ? "withholds"
                                           : exceeds ? "would share more" : "keeps to it");
        return 0;
    }
    if (strstr(t, "no compensating transfer")) { snprintf(buf, cap, "transfers infeasible"); return 1; }
    if (strstr(t, "transfers become feasible")) { snprintf(buf, cap, "transfers feasible"); return 1; }
    if (strstr(t, "the model becomes ") == t) { snprintf(buf, cap, "model %s", t + strlen("the model becomes ")); return 2; }
    if (strstr(t, game) == t && to && to >= t + strlen(game)) {
        int gone = !strcmp(to + 4, "other") || !strcmp(to + 4, "no class");   /* no longer a named class */
        const char *what = gone ? t + strlen(game) : to + 4;
        snprintf(buf, cap, "%s%.*s", gone ? "no longer " : "becomes ", (int)(gone ? (size_t)(to - what) : strlen(what)), what);
        return 3;
    }
    if (strstr(t, "equilibria go from") && to) {
        snprintf(buf, cap, "%s equilibri%s", to + 4, strcmp(to + 4, "1") ? "a" : "um");
        return 4;
    }
    if (strstr(t, "the core becomes ") == t) { snprintf(buf, cap, "core %s", t + strlen("the core becomes ")); return 5; }
    const char *words = strstr(t, status) == t && to ? status_words(to + 4, strlen(to + 4)) : NULL;
    if (words) { snprintf(buf, cap, "now %s", words); return 6; }
    snprintf(buf, cap, "%s", t);
    return 7;
}

void lia__svg_breakdown_label(char *buf, size_t cap, const lia_sweep_breakdown *d, int exceeds)
{
    int best = 8;
    buf[0] = 0;
    for (const char *t = d->change; *t;) {
        size_t n = strcspn(t, ";");
        char seg[256], text[256];
        snprintf(seg, sizeof seg, "%.*s", (int)(n < sizeof seg ? n : sizeof seg - 1), t);
        int rank = label_one(text, sizeof text, seg, d->party, exceeds);
        if (rank < best) { best = rank; snprintf(buf, cap, "%s", text); }
        t += n;
        while (*t == ';' || *t == ' ') t++;
    }
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " (%.3g)", d->value + 0.0);
}
