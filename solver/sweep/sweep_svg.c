/* sweep_svg.c — a sweep as an SVG chart for a briefing (`sweep --plot`, docs/cli.md).
 *
 * One parameter: two panels over it, each member's delta* with its patience dashed (a member
 * keeps to the commitment where its line is under its dashes) and, below a strip of the
 * status (lia_sweep_verdict_at), each member's payoff at the commitment; every breakdown point
 * is a vertical line across both, labelled in rows above the chart so that no two labels
 * overlap. A member that would share more than committed (direction exceed: the commitment is
 * set too low for it, no breach) gets a ring on its delta* line there and is never labelled as
 * breaking down. Two parameters: a map of the status over the grid, the breakdown points as
 * markers. Only the public accessors are read, and the same sweep gives the same bytes. */
#include "sweep.h"
#include "svg_axes.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { W = 880, ML = 78, ROW = 14, MAX_ROWS = 8, NAME_CHARS = 28 };

static const char *const palette[] = { "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#8c564b" };
#define COLOUR(i) palette[(i) % (sizeof palette / sizeof *palette)]

/* The statuses of lia_verdict in its order, then the two points without one. */
enum { V_HOLDS, V_HARSHER, V_UNDECIDED, V_TRANSFERS, V_BREAKS, V_INVALID, V_NONE, V_KINDS };
static const char *const v_fill[V_KINDS] = { "#1a9850", "#91cf60", "#abd9e9", "#f4a52c", "#d73027", "#bdbdbd", "#f2f2f2" };
static const char *const v_name[V_KINDS] = { "holds", "holds with harsher punishment", "undecided (passes minmax)",
                                             "needs transfers", "breaks down", "model invalid", "no verdict (no commitment)" };
const char *lia__svg_verdict_fill(lia_verdict v)
{
    static const int kind[] = { V_NONE, V_HOLDS, V_HARSHER, V_UNDECIDED, V_TRANSFERS, V_BREAKS };
    return v_fill[(unsigned)v < sizeof kind / sizeof *kind ? kind[v] : V_NONE];
}
static const int v_dark_text[V_KINDS] = { 0, 1, 1, 1, 0, 1, 1 };   /* counts in dark text on the light fills */

typedef struct chart {
    lia_buf *b;
    const lia_sweep *s;
    size_t axes, members, npoints, nbrk, steps[2];
    double from[2], to[2];
    double right, legend_x;  /* the plots' right edge; the legend column */
    int present[V_KINDS];    /* the verdicts seen on the grid */
} chart;

static const lia_sweep_point *point(const chart *c, size_t k) { return lia_sweep_point_at(c->s, k); }
static const lia_sweep_breakdown *breakdown(const chart *c, size_t k) { return lia_sweep_breakdown_at(c->s, k); }

static int verdict(const chart *c, size_t k)
{
    if (!point(c, k)->ok) return V_INVALID;
    switch (lia_sweep_verdict_at(c->s, k)) {
    case LIA_VERDICT_HOLDS: return V_HOLDS;
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return V_HARSHER;
    case LIA_VERDICT_UNDECIDED: return V_UNDECIDED;
    case LIA_VERDICT_NEEDS_TRANSFERS: return V_TRANSFERS;
    case LIA_VERDICT_BREAKS_DOWN: return V_BREAKS;
    default: return V_NONE;
    }
}

static int exceeds_at(const chart *c, size_t k, size_t i) { return lia_sweep_direction_at(c->s, k, i) == LIA_DIRECTION_EXCEED; }

static int exceeds_anywhere(const chart *c, size_t i)
{
    for (size_t k = 0; k < c->npoints; k++)
        if (exceeds_at(c, k, i)) return 1;
    return 0;
}

/* A breakdown's label; a party that keeps to the commitment from there because only sharing
 * more pays it (its direction at the next grid point past it) would share more. */
static void breakdown_text(const chart *c, const lia_sweep_breakdown *d, char *text, size_t cap)
{
    int exceeds = 0;
    for (size_t i = 0; d->party && c->axes == 1 && i < c->members; i++) {
        if (strcmp(d->party, lia_sweep_member_name(c->s, i)) != 0) continue;
        for (size_t k = 0; k < c->npoints; k++) {
            const lia_sweep_point *p = point(c, k);
            if ((p->values[0] - d->value) * (c->to[0] - c->from[0]) > 0) { exceeds = exceeds_at(c, k, i); break; }
        }
    }
    lia__svg_breakdown_label(text, cap, d, exceeds);
}

static void esc(chart *c, const char *s) { lia__svg_text(c->b, s, 0); }

static const char *party_colour(const chart *c, const char *party, const char *none)
{
    for (size_t i = 0; party && i < c->members; i++)
        if (strcmp(party, lia_sweep_member_name(c->s, i)) == 0) return COLOUR(i);
    return none;
}

static void title_text(chart *c)
{
    esc(c, lia__sweep_game(c->s));
    lia__buf_puts(c->b, c->axes == 1 ? ": how the commitment holds as " : ": where the commitment holds over ");
    esc(c, lia__sweep_axis_name(c->s, 0));
    if (c->axes == 2) { lia__buf_puts(c->b, " and "); esc(c, lia__sweep_axis_name(c->s, 1)); }
    else lia__buf_puts(c->b, " varies");
}

static void head(chart *c, double height)
{
    lia_buf *b = c->b;
    lia__svg_open(b, W, height);
    lia__buf_puts(b, "<title>");
    title_text(c);
    lia__buf_puts(b, "</title>\n");
    lia__buf_printf(b, "<text class=\"title\" x=\"18\" y=\"24\">");
    title_text(c);
    lia__buf_printf(b, "</text>\n<text class=\"note\" x=\"18\" y=\"42\">%zu grid points:", c->npoints);
    for (size_t a = 0; a < c->axes; a++) {
        lia__buf_puts(b, a ? ", " : " ");
        esc(c, lia__sweep_axis_name(c->s, a));
        lia__buf_printf(b, " from %.6g to %.6g (%zu steps)", c->from[a] + 0.0, c->to[a] + 0.0, c->steps[a]);
    }
    if (c->nbrk) lia__buf_printf(b, "; %zu breakdown point%s</text>\n", c->nbrk, c->nbrk == 1 ? "" : "s");
    else lia__buf_puts(b, "; no verdict changes anywhere on the grid</text>\n");
}

static double legend(chart *c, double y, int kind, const char *colour, const char *text, const char *name)
{
    return lia__svg_legend(c->b, c->legend_x, y, kind, colour, text, name, NAME_CHARS);
}

static double legend_verdicts(chart *c, double y)
{
    for (int v = 0; v < V_KINDS; v++)
        if (c->present[v]) y = legend(c, y, SVG_KEY_BOX, v_fill[v], v_name[v], NULL);
    return y;
}

/* One member's series as one path (field 0 delta*, 1 payoff, 2 patience), with a gap wherever
 * the value is not finite or the model is invalid; a point alone between gaps is a dot. */
static void series(chart *c, const svg_axis *x, const svg_axis *y, size_t i, int field, const char *cls)
{
    lia_buf *b = c->b;
    lia__buf_printf(b, "<path class=\"%s\" stroke=\"%s\"", cls, COLOUR(i));
    size_t m = c->members < 4 ? c->members : 4;   /* patience dashes interleave where they coincide */
    if (field == 2) lia__buf_printf(b, " stroke-dasharray=\"6 %zu\" stroke-dashoffset=\"%zu\"", 6 * m - 6 + (m < 2) * 4, 6 * (i % m));
    lia__buf_puts(b, " d=\"");
    size_t run = 0;
    int any = 0;
    for (size_t k = 0; k <= c->npoints; k++) {
        const lia_sweep_point *p;
        double v = NAN;
        if (k < c->npoints && (p = point(c, k))->ok) v = (field == 0 ? p->delta_star : field == 1 ? p->payoffs : p->patience)[i];
        if (!isfinite(v)) {
            if (run == 1) lia__buf_puts(b, " h0");
            run = 0;
            continue;
        }
        lia__buf_puts(b, run ? " L" : any ? " M" : "M");
        lia__svg_num(b, lia__svg_px(x, p->values[0]));
        lia__buf_putc(b, ',');
        lia__svg_num(b, lia__svg_px(y, v));
        run++;
        any = 1;
    }
    lia__buf_puts(b, "\"><title>");
    esc(c, lia_sweep_member_name(c->s, i));
    lia__buf_printf(b, ": %s</title></path>\n", field == 0 ? "delta*" : field == 1 ? "payoff at the commitment" : "patience");
}

/* Where the verdict changes between grid points k and k + 1: at the one breakdown between
 * them that can change it (a member's patience, the transfers, validity), else half-way. */
static double verdict_edge(const chart *c, size_t k)
{
    double a = point(c, k)->values[0], e = point(c, k + 1)->values[0], at = 0.5 * (a + e);
    int found = 0;
    for (size_t j = 0; j < c->nbrk; j++) {
        const lia_sweep_breakdown *d = breakdown(c, j);
        if ((d->party || strstr(d->change, "transfer") || strstr(d->change, "the model becomes") || strstr(d->change, "the status")) &&
            d->value > fmin(a, e) &&
            d->value < fmax(a, e)) { at = d->value; found++; }
    }
    return found == 1 ? at : 0.5 * (a + e);
}

/* The breakdowns of one parameter: the lines first, then their labels (rows above T1) on top. */
static void breakdown_lines(chart *c, const svg_axis *x, double T1, double bottom, const int *row, const double *left)
{
    lia_buf *b = c->b;
    for (size_t k = 0; k < c->nbrk; k++) {
        const lia_sweep_breakdown *d = breakdown(c, k);
        double px = lia__svg_px(x, d->value);
        lia__svg_line(b, "breakdown", px, row[k] < 0 ? T1 : T1 - 3 - row[k] * ROW, px, bottom);
        lia__buf_puts(b, "><title>");
        esc(c, lia__sweep_axis_name(c->s, 0));
        lia__buf_printf(b, " = %.9g: ", d->value + 0.0);
        if (d->party) { esc(c, d->party); lia__buf_puts(b, ", "); }
        esc(c, d->change);
        lia__buf_puts(b, "</title></line>\n");
    }
    for (size_t k = 0; k < c->nbrk; k++) {
        if (row[k] < 0) continue;
        char text[128];
        const lia_sweep_breakdown *d = breakdown(c, k);
        breakdown_text(c, d, text, sizeof text);
        lia__svg_label(b, "blabel", left[k], T1 - 6 - row[k] * ROW, text);
    }
}

static void chart1(chart *c)
{
    lia_buf *b = c->b;
    size_t n = c->nbrk ? c->nbrk : 1, finite = 0, unlabelled = 0;
    double *left = lia__malloc(n * (2 * sizeof(double) + sizeof(int))), *right = left + n;
    if (!left) { b->failed = 1; return; }
    int *row = (int *)(right + n);
    svg_axis x, y1, y2;
    lia__svg_axis(&x, c->from[0], c->to[0], 8, 0, ML, c->right);
    for (size_t k = 0; k < c->nbrk; k++) {   /* right of its line, or left where it would leave the chart */
        char text[128];
        const lia_sweep_breakdown *d = breakdown(c, k);
        breakdown_text(c, d, text, sizeof text);
        double px = lia__svg_px(&x, d->value), w = lia__svg_text_width(text, 10);
        left[k] = px + 3 + w > W - 6 ? px - 3 - w : px + 3;
        right[k] = left[k] + w;
    }
    int rows = lia__svg_stagger(left, right, c->nbrk, MAX_ROWS, row);
    for (size_t k = 0; k < c->nbrk; k++) unlabelled += row[k] < 0;
    double T1 = 62 + rows * ROW, H1 = 220, S = T1 + H1 + 10, T2 = S + 24, H2 = 160, lo = INFINITY, hi = -INFINITY;
    size_t exceeding = 0;
    for (size_t i = 0; i < c->members; i++) exceeding += exceeds_anywhere(c, i);
    for (size_t k = 0; k < c->npoints; k++) {
        const lia_sweep_point *p = point(c, k);
        c->present[verdict(c, k)] = 1;
        for (size_t i = 0; p->ok && i < c->members; i++) {
            if (isfinite(p->payoffs[i])) { lo = fmin(lo, p->payoffs[i]); hi = fmax(hi, p->payoffs[i]); }
            finite += isfinite(p->delta_star[i]);
        }
    }
    double legend_h = 17.0 * (double)(c->members + 2 + exceeding) + 50 + 13.0 * (exceeding > 0);
    for (int v = 0; v < V_KINDS; v++) legend_h += 17.0 * c->present[v];
    head(c, fmax(T2 + H2 + (unlabelled ? 62 : 48), T1 + legend_h + 20));
    double pad = isfinite(hi - lo) ? 0.04 * (hi - lo) : 0;   /* lines clear of the frames */
    lia__svg_axis(&y1, -0.03, 1.03, 5, 0, T1 + H1, T1);
    lia__svg_axis(&y2, lo - pad, hi + pad, 5, 0, T2 + H2, T2);
    /* the top panel: delta* and patience */
    lia__svg_xticks(b, &x, T1, T1 + H1, SVG_GRID);
    lia__svg_yticks(b, &y1, ML, c->right, SVG_GRID);
    lia__svg_frame(b, ML, T1, c->right, T1 + H1);
    lia__svg_vlabel(b, ML - 44, T1 + H1 / 2, "critical discount factor \xce\xb4*");
    for (size_t i = 0; i < c->members; i++) series(c, &x, &y1, i, 2, "patience");
    for (size_t i = 0; i < c->members; i++) series(c, &x, &y1, i, 0, "delta");
    for (size_t i = 0; i < c->members; i++)   /* rings where the member would share more than committed */
        for (size_t k = 0; k < c->npoints; k++) {
            const lia_sweep_point *p = point(c, k);
            if (!p->ok || !isfinite(p->delta_star[i]) || !exceeds_at(c, k, i)) continue;
            lia__buf_puts(b, "<circle class=\"exceed\"");
            lia__svg_attr(b, "cx", lia__svg_px(&x, p->values[0]));
            lia__svg_attr(b, "cy", lia__svg_px(&y1, p->delta_star[i]));
            lia__buf_printf(b, " r=\"3\" stroke=\"%s\"><title>", COLOUR(i));
            esc(c, lia_sweep_member_name(c->s, i));
            lia__buf_printf(b, " would share more than committed at %.6g: set too low for it, no breach</title></circle>\n",
                           p->values[0] + 0.0);
        }
    int valid = c->present[V_NONE];
    for (int v = 0; v < V_INVALID; v++) valid |= c->present[v];
    if (!finite)
        lia__svg_label(b, "axislabel", (ML + c->right) / 2, T1 + H1 / 2, valid ? "no \xce\xb4* anywhere on the grid: never reached, "
                       "or no commitment" : "the model is invalid at every grid point");
    /* the verdict strip: runs of one verdict, changing where the breakdown says */
    for (size_t k = 0, start = 0; k < c->npoints; k++) {
        int v = verdict(c, k);
        if (k + 1 < c->npoints && verdict(c, k + 1) == v) continue;
        double a = start ? verdict_edge(c, start - 1) : c->from[0], e = k + 1 < c->npoints ? verdict_edge(c, k) : c->to[0];
        double xa = lia__svg_px(&x, fmin(a, e)), xe = lia__svg_px(&x, fmax(a, e));
        lia__buf_printf(b, "<rect class=\"verdict\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"12\" fill=\"%s\"><title>%s</title></rect>\n",
                       xa, S, xe - xa, v_fill[v], v_name[v]);
        start = k + 1;
    }
    lia__svg_label(b, "ytick", ML - 7, S + 10, "status");
    /* the bottom panel: payoffs at the commitment */
    lia__svg_xticks(b, &x, T2, T2 + H2, SVG_GRID | SVG_LABELS);
    lia__svg_yticks(b, &y2, ML, c->right, SVG_GRID);
    if (y2.lo < 0 && y2.hi > 0) {
        lia__svg_line(b, "zero", ML, lia__svg_px(&y2, 0), c->right, lia__svg_px(&y2, 0));
        lia__buf_puts(b, "/>\n");
    }
    lia__svg_frame(b, ML, T2, c->right, T2 + H2);
    lia__svg_vlabel(b, ML - 44, T2 + H2 / 2, "payoff at the commitment");
    for (size_t i = 0; i < c->members; i++) series(c, &x, &y2, i, 1, "payoff");
    lia__svg_label(b, "axislabel", (ML + c->right) / 2, T2 + H2 + 36, lia__sweep_axis_name(c->s, 0));
    if (unlabelled)
        lia__buf_printf(b, "<text class=\"note\" x=\"%d\" y=\"%.1f\">%zu breakdown line%s left unlabelled for room: the text output "
                          "lists every breakdown</text>\n", ML, T2 + H2 + 54, unlabelled, unlabelled == 1 ? "" : "s");
    breakdown_lines(c, &x, T1, T2 + H2, row, left);
    /* the legend */
    double y = T1 + 12;
    for (size_t i = 0; i < c->members; i++) y = legend(c, y, SVG_KEY_LINE, COLOUR(i), "", lia_sweep_member_name(c->s, i));
    y = legend(c, y, SVG_KEY_DASHED, "#777", "patience (member's colour)", NULL);
    for (size_t i = 0; i < c->members; i++)
        if (exceeds_anywhere(c, i)) y = legend(c, y, SVG_KEY_RING, COLOUR(i), "would share more: ", lia_sweep_member_name(c->s, i));
    if (c->nbrk) y = legend(c, y, SVG_KEY_VLINE, "#333", "breakdown point", NULL);
    y = legend_verdicts(c, y + 6);
    static const char *const lines[] = { "a member keeps to the commitment", "where its \xce\xb4* is under its patience;",
                                         "gaps: \xce\xb4* never low enough, or invalid", "rings: it would share more than",
                                         "committed (set too low, no breach)" };
    lia__svg_notes(b, c->legend_x, y + 6, lines, exceeding ? 5 : 3);
    lia__free(left);
}

static double cell_half(const chart *c, size_t a)   /* a grid of one value still gets cells */
{
    double h = 0.5 * fabs(c->to[a] - c->from[a]) / (double)(c->steps[a] - 1);
    return h > 0 ? h : fabs(c->from[a]) > 1 ? 0.1 * fabs(c->from[a]) : 0.5;
}

static void chart2(chart *c)
{
    lia_buf *b = c->b;
    double T = 58, PH = 400, h0 = cell_half(c, 0), h1 = cell_half(c, 1);
    svg_axis x, y;
    lia__svg_axis(&x, fmin(c->from[0], c->to[0]) - h0, fmax(c->from[0], c->to[0]) + h0, 8, 0, ML, c->right);
    lia__svg_axis(&y, fmin(c->from[1], c->to[1]) - h1, fmax(c->from[1], c->to[1]) + h1, 8, 0, T + PH, T);
    size_t exceeding = 0;
    for (size_t k = 0; k < c->npoints; k++) c->present[verdict(c, k)] = 1;
    for (size_t i = 0; i < c->members; i++) exceeding += exceeds_anywhere(c, i);
    double cw = lia__svg_px(&x, h0) - lia__svg_px(&x, -h0), ch = lia__svg_px(&y, -h1) - lia__svg_px(&y, h1);
    int counts = cw >= 26 && ch >= 16, rings = cw >= 8 + 7.0 * (double)c->members && ch >= 10;
    head(c, fmax(T + PH + 52, T + 17.0 * (double)(2 * c->members + 1 + V_KINDS) + 86));
    lia__buf_puts(b, "<g shape-rendering=\"crispEdges\">\n");
    for (size_t k = 0; k < c->npoints; k++) {
        const lia_sweep_point *p = point(c, k);
        double x0 = lia__svg_px(&x, p->values[0] - h0), y0 = lia__svg_px(&y, p->values[1] + h1);
        lia__buf_puts(b, "<rect class=\"cell\"");
        lia__svg_attr(b, "x", x0);
        lia__svg_attr(b, "y", y0);
        lia__svg_attr(b, "width", lia__svg_px(&x, p->values[0] + h0) - x0);
        lia__svg_attr(b, "height", lia__svg_px(&y, p->values[1] - h1) - y0);
        int v = verdict(c, k);
        lia__buf_printf(b, " fill=\"%s\"><title>", v_fill[v]);
        for (size_t a = 0; a < 2; a++) {
            esc(c, lia__sweep_axis_name(c->s, a));
            lia__buf_printf(b, " = %.6g%s", p->values[a] + 0.0, a ? ": " : ", ");
        }
        lia__buf_puts(b, v_name[v]);
        for (size_t i = 0; p->ok && i < c->members; i++)
            if (exceeds_at(c, k, i)) { lia__buf_puts(b, "; "); esc(c, lia_sweep_member_name(c->s, i)); lia__buf_puts(b, " would share more"); }
        lia__buf_puts(b, "</title></rect>\n");
    }
    lia__buf_puts(b, "</g>\n");
    for (size_t k = 0; rings && exceeding && k < c->npoints; k++) {   /* who would share more than committed */
        const lia_sweep_point *p = point(c, k);
        for (size_t i = 0; p->ok && i < c->members; i++) {
            if (!exceeds_at(c, k, i)) continue;
            lia__buf_puts(b, "<circle class=\"exceed\"");
            lia__svg_attr(b, "cx", lia__svg_px(&x, p->values[0] - h0) + 5 + 7.0 * (double)i);
            lia__svg_attr(b, "cy", lia__svg_px(&y, p->values[1] + h1) + 5);
            lia__buf_printf(b, " r=\"2.5\" stroke=\"%s\"/>\n", COLOUR(i));
        }
    }
    for (size_t k = 0; counts && k < c->npoints; k++) {
        const lia_sweep_point *p = point(c, k);
        int v = verdict(c, k);
        if (v == V_INVALID || v == V_NONE) continue;
        size_t keep = 0;
        for (size_t i = 0; i < p->members; i++) keep += p->sustainable[i] > 0;
        lia__buf_printf(b, "<text class=\"count\" fill=\"%s\"", v_dark_text[v] ? "#222" : "#fff");
        lia__svg_attr(b, "x", lia__svg_px(&x, p->values[0]));
        lia__svg_attr(b, "y", lia__svg_px(&y, p->values[1]) + fmin(ch / 2 - 3, 14));
        lia__buf_printf(b, ">%zu/%zu</text>\n", keep, p->members);
    }
    lia__svg_xticks(b, &x, T, T + PH, SVG_LABELS);
    lia__svg_yticks(b, &y, ML, c->right, 0);
    lia__svg_frame(b, ML, T, c->right, T + PH);
    for (size_t k = 0; k < c->nbrk; k++) {
        const lia_sweep_breakdown *d = breakdown(c, k);
        double v[2] = { d->axis ? d->other : d->value, d->axis ? d->value : d->other };
        lia__buf_puts(b, "<circle class=\"breakdown\"");
        lia__svg_attr(b, "cx", lia__svg_px(&x, v[0]));
        lia__svg_attr(b, "cy", lia__svg_px(&y, v[1]));
        lia__buf_printf(b, " r=\"3.5\" fill=\"%s\" stroke=\"#fff\"><title>", party_colour(c, d->party, "#222"));
        for (size_t a = 0; a < 2; a++) {
            esc(c, lia__sweep_axis_name(c->s, a));
            lia__buf_printf(b, " = %.9g%s", v[a] + 0.0, a ? ": " : ", ");
        }
        if (d->party) { esc(c, d->party); lia__buf_puts(b, ", "); }
        esc(c, d->change);
        lia__buf_puts(b, "</title></circle>\n");
    }
    lia__svg_label(b, "axislabel", (ML + c->right) / 2, T + PH + 38, lia__sweep_axis_name(c->s, 0));
    lia__svg_vlabel(b, ML - 50, T + PH / 2, lia__sweep_axis_name(c->s, 1));
    double ly = legend_verdicts(c, T + 12) + 6;
    if (c->nbrk) ly = legend(c, ly, SVG_KEY_DOT, "#222", "breakdown point", NULL);
    for (size_t i = 0; i < c->members; i++) {
        int crosses = 0;
        for (size_t k = 0; k < c->nbrk && !crosses; k++) {
            const char *party = breakdown(c, k)->party;
            crosses = party && strcmp(party, lia_sweep_member_name(c->s, i)) == 0;
        }
        if (crosses) ly = legend(c, ly, SVG_KEY_DOT, COLOUR(i), "\xce\xb4* crosses patience: ", lia_sweep_member_name(c->s, i));
    }
    for (size_t i = 0; rings && i < c->members; i++)
        if (exceeds_anywhere(c, i)) ly = legend(c, ly, SVG_KEY_RING, COLOUR(i), "would share more: ", lia_sweep_member_name(c->s, i));
    static const char *const lines[] = { "k/n in a cell: k of the n members", "keep to the commitment there",
                                         "(one sharing more counts as keeping)" };
    if (counts) lia__svg_notes(b, c->legend_x, ly + 6, lines, exceeding ? 3 : 2);
    if (exceeding && !rings) {
        static const char *const more[] = { "a member sharing more than committed", "is named in the cell's tooltip" };
        lia__svg_notes(b, c->legend_x, ly + 6 + (counts ? 13.0 * 3 + 6 : 0), more, 2);
    }
}

static lia_status sweep_write_svg_body(char **out, size_t *len, const lia_sweep *s)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!s || !lia_sweep_point_at(s, 0)) return LIA_EUSAGE;
    chart c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.npoints = lia_sweep_point_count(s);
    c.nbrk = lia_sweep_breakdown_count(s);
    c.members = lia_sweep_point_at(s, 0)->members;
    lia__sweep_axis(s, 0, &c.from[0], &c.to[0], &c.steps[0], &c.axes);
    if (c.axes == 2) lia__sweep_axis(s, 1, &c.from[1], &c.to[1], &c.steps[1], &c.axes);
    /* the legend column is as wide as its longest line, within reason */
    double w = lia__svg_text_width("holds with harsher punishment", 11), cap = lia__svg_text_width("MMMMMMMMMMMMMMMMMMMMMMMMM", 11);
    for (size_t i = 0; i < c.members; i++)
        w = fmax(w, fmin(cap, lia__svg_text_width(lia_sweep_member_name(s, i), 11) + (c.axes == 2 ? 125 : 0)));
    c.legend_x = W - fmin(fmax(w + 34, 170), 300) - 4;
    c.right = c.legend_x - 24;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    c.b = &b;
    if (c.axes == 2) chart2(&c);
    else chart1(&c);
    lia__buf_puts(&b, "</svg>\n");
    lia__c_numeric_end(&loc);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_sweep_write_svg(char **out, size_t *len, const lia_sweep *s)
{
    lia__errmsg_clear();
    return lia__errmsg_write(sweep_write_svg_body(out, len, s), s, "the sweep", "SVG");
}
