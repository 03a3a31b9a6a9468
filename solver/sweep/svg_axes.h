/* svg_axes.h — the pieces of the sweep charts (sweep_svg.c): XML-escaped text, pixel numbers,
 * linear axes with 1-2-5 ticks, frames, legend samples, staggered labels and the words of a
 * breakdown label. Everything writes into a lia_buf, whose sticky failure flag carries an
 * allocation failure to the end; numbers assume the C numeric locale is in force. */
#ifndef LIA_SWEEP_SVG_AXES_H
#define LIA_SWEEP_SVG_AXES_H
#include "liaison.h"
#include "../util/buf.h"

/* Data lo..hi (lo < hi) onto pixels p0..p1 (p1 < p0 for a y axis); ticks at the multiples of
 * step inside lo..hi (step 0: none). */
typedef struct svg_axis {
    double lo, hi, p0, p1, step;
} svg_axis;

/* The axis over a..b (either order; equal or non-finite ends are widened to a usable range)
 * with about `target` ticks in 1-2-5 steps; extend: widen lo and hi out to whole steps. */
void lia__svg_axis(svg_axis *a, double lo, double hi, int target, int extend, double p0, double p1);
/* The pixel of v (kept within +-1e6 so that no coordinate is absurd). */
double lia__svg_px(const svg_axis *a, double v);
/* A pixel coordinate, with two decimals. */
void lia__svg_num(lia_buf *b, double px);
/* The label of tick value v: as many decimals as the step needs. */
void lia__svg_tick_label(char *buf, size_t cap, const svg_axis *a, double v);

/* s as XML character data or attribute text: & < > " ' escaped, control characters and bytes
 * that are not UTF-8 replaced; at most max_chars characters (0: all), "..." marking a cut. */
void lia__svg_text(lia_buf *b, const char *s, size_t max_chars);
/* The width of s in pixels at font size `font` (a generous estimate for a sans-serif face). */
double lia__svg_text_width(const char *s, double font);

enum { SVG_GRID = 1, SVG_LABELS = 2 };
/* x ticks: marks below y_bottom, with SVG_GRID grid lines from y_top to y_bottom and with
 * SVG_LABELS labels (class "xtick") under the marks. */
void lia__svg_xticks(lia_buf *b, const svg_axis *x, double y_top, double y_bottom, int flags);
/* y ticks: marks left of x_left with labels (class "ytick"), SVG_GRID lines to x_right. */
void lia__svg_yticks(lia_buf *b, const svg_axis *y, double x_left, double x_right, int flags);

/* The XML declaration, the <svg> element's start, the style sheet of the classes used, and a
 * white background. */
void lia__svg_open(lia_buf *b, double width, double height);
/* That style sheet alone (<style>...</style>): a page that draws charts inline with these
 * pieces carries it once. Its class names (title, note, grid, tick, ...) are the charts'. */
void lia__svg_style(lia_buf *b);
/* <text class="cls" x y>text, escaped</text>. */
void lia__svg_label(lia_buf *b, const char *cls, double x, double y, const char *text);
/* ` name="px"`, and the start of <line class="cls" x1 y1 x2 y2 (the caller closes it). */
void lia__svg_attr(lia_buf *b, const char *name, double px);
void lia__svg_line(lia_buf *b, const char *cls, double x1, double y1, double x2, double y2);
/* A panel's outline (class "frame"); an axis label turned to read upwards, centred at x, y. */
void lia__svg_frame(lia_buf *b, double x0, double y0, double x1, double y1);
void lia__svg_vlabel(lia_buf *b, double x, double y, const char *text);

/* A legend sample in the 28 px left of a legend line whose text baseline is y. */
enum { SVG_KEY_LINE, SVG_KEY_DASHED, SVG_KEY_BOX, SVG_KEY_DOT, SVG_KEY_VLINE, SVG_KEY_RING };
void lia__svg_key(lia_buf *b, double x, double y, int kind, const char *colour);
/* A legend line: the sample, then text (markup as given) and name (escaped, at most max_chars;
 * NULL: none); returns the next line's baseline. */
double lia__svg_legend(lia_buf *b, double x, double y, int kind, const char *colour, const char *text, const char *name,
                       size_t max_chars);
/* Lines of small grey text (escaped), 13 px apart from baseline y. */
void lia__svg_notes(lia_buf *b, double x, double y, const char *const *lines, size_t n);

/* Labels spanning left[k]..right[k], in order, into rows (row[k]; -1 when none of max_rows has
 * room): each goes to the lowest row where it clears the row's last label by 6 px. Returns the
 * number of rows used. */
enum { SVG_MAX_ROWS = 16 };
int lia__svg_stagger(const double *left, const double *right, size_t n, int max_rows, int *row);

/* What breakdown d means, in the few words a label has room for, and where: "SOE withholds
 * (0.348)", "NKVD keeps to it (0.28)" ("A would share more (0.25)" when exceeds: the party keeps
 * to it from there because only sharing more than committed would pay it, no breach),
 * "transfers infeasible (0.988)", "now undecided (0.333)", "becomes stag hunt (0.38)",
 * "3 equilibria (0.38)", "core empty (0.233)"; a change it does not know keeps its own words.
 * Of a merged breakdown ("a; b") the first change it knows speaks for it. */
/* The colour the charts give a status (sweep_svg.c): dark green holds ... red breaks down. */
const char *lia__svg_verdict_fill(lia_verdict v);

void lia__svg_breakdown_label(char *buf, size_t cap, const lia_sweep_breakdown *d, int exceeds);

#endif
