/* test_sweep_svg.c — lia_sweep_write_svg: the chart is well-formed XML (checked by a small
 * parser here), has one path per member per panel, a breakdown line or marker exactly where the
 * axis mapping read back from the tick labels puts each breakdown, escapes names, copes with a
 * sweep where nothing is valid, gives the same bytes every time and under any locale, and fails
 * every allocation cleanly. The pieces of svg_axes.c are checked on their own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "util/buf.h"
#include "util/mem.h"
#include "sweep/svg_axes.h"

/* ---- a small well-formedness check: one root element, matched tags, quoted attributes, only
 * the predefined or numeric entities, no stray < or &, comments and a prolog allowed ---- */

static int name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("_-.:", c); }

static const char *entity(const char *p)   /* at '&': past the reference, or NULL */
{
    static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
    for (size_t k = 0; k < 5; k++)
        if (strncmp(p, named[k], strlen(named[k])) == 0) return p + strlen(named[k]);
    if (p[1] != '#') return NULL;
    const char *q = p + 2;
    int hex = *q == 'x';
    q += hex;
    const char *digits = q;
    while (hex ? strchr("0123456789abcdefABCDEF", *q) && *q : *q >= '0' && *q <= '9') q++;
    return q > digits && *q == ';' ? q + 1 : NULL;
}

static int utf8_ok(const unsigned char *p)
{
    while (*p) {
        size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 0;
        if (!n || (*p < 0x20 && *p != '\n' && *p != '\t' && *p != '\r')) return 0;
        for (size_t k = 1; k < n; k++)
            if ((p[k] & 0xc0) != 0x80) return 0;
        p += n;
    }
    return 1;
}

static int well_formed(const char *s)
{
    const char *stack[64];
    size_t len[64], depth = 0;
    int roots = 0;
    if (!utf8_ok((const unsigned char *)s)) return 0;
    const char *p = s;
    if (strncmp(p, "<?xml ", 6) == 0) {
        if (!(p = strstr(p, "?>"))) return 0;
        p += 2;
    }
    while (*p) {
        if (strncmp(p, "<!--", 4) == 0) {
            if (!(p = strstr(p + 4, "-->"))) return 0;
            p += 3;
        } else if (p[0] == '<' && p[1] == '/') {
            const char *n = p + 2, *e = n;
            while (name_char(*e)) e++;
            if (!depth || (size_t)(e - n) != len[depth - 1] || strncmp(n, stack[depth - 1], len[depth - 1]) || *e != '>') return 0;
            depth--;
            p = e + 1;
        } else if (*p == '<') {
            const char *n = p + 1, *e = n;
            while (name_char(*e)) e++;
            if (e == n || depth == 64 || (depth == 0 && roots++)) return 0;
            p = e;
            for (;;) {   /* attributes */
                const char *q = p;
                while (*q == ' ' || *q == '\n' || *q == '\t') q++;
                if (*q == '>' || (q[0] == '/' && q[1] == '>')) { p = q; break; }
                if (q == p) return 0;
                const char *a = q;
                while (name_char(*q)) q++;
                if (q == a || q[0] != '=' || q[1] != '"') return 0;
                for (q += 2; *q != '"';) {
                    if (!*q || *q == '<') return 0;
                    if (*q != '&') q++;
                    else if (!(q = entity(q))) return 0;
                }
                p = q + 1;
            }
            if (*p == '/') p += 2;
            else { stack[depth] = n; len[depth++] = (size_t)(e - n); p++; }
        } else if (*p == '&') {
            if (!depth || !(p = entity(p))) return 0;
        } else {
            if (!depth && !strchr(" \n\t\r", *p)) return 0;   /* text outside the root */
            if (*p == '>' && p >= s + 2 && strncmp(p - 2, "]]", 2) == 0) return 0;
            p++;
        }
    }
    return roots == 1 && depth == 0;
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* The data-to-pixel map px = a + b v that the numeric tick labels of class cls show (the first
 * and the last tick; a y label sits 4 px below its tick). */
static void tick_map(const char *svg, const char *cls, double *a, double *b)
{
    char pat[64];
    snprintf(pat, sizeof pat, "<text class=\"%s\" x=\"", cls);
    double v0 = NAN, p0 = NAN, v1 = NAN, p1 = NAN;
    for (const char *p = strstr(svg, pat); p; p = strstr(p + 1, pat)) {
        double x, y, v;
        char label[40], *end;
        if (sscanf(p + strlen(pat), "%lf\" y=\"%lf\">%39[^<]", &x, &y, label) != 3) continue;
        v = strtod(label, &end);
        if (end == label || *end) continue;   /* "verdict" */
        double px = strcmp(cls, "xtick") == 0 ? x : y - 4;
        if (isnan(v0)) { v0 = v; p0 = px; }
        else if (v != v0) { v1 = v; p1 = px; }
    }
    assert_false(isnan(v1));
    *b = (p1 - p0) / (v1 - v0);
    *a = p0 - *b * v0;
}

static lia_sweep *sweep_ab(size_t axes, const char *name1, size_t threads)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axes = axes;
    o.axis[0].name = axes == 1 && name1 ? name1 : "s";
    o.axis[0].from = 0.2;
    o.axis[0].to = 0.4;
    o.axis[0].steps = axes == 1 ? 11 : 6;
    o.axis[1].name = name1 ? name1 : "A.patience";
    o.axis[1].from = 0.5;
    o.axis[1].to = 0.9;
    o.axis[1].steps = 3;
    o.threads = threads;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);
    lia_model_free(m);
    return s;
}

static char *svg_of(const lia_sweep *s)
{
    char *svg = NULL;
    size_t len = 0;
    assert_int_equal(lia_sweep_write_svg(&svg, &len, s), LIA_OK);
    assert_int_equal(len, strlen(svg));
    assert_true(well_formed(svg));
    return svg;
}

/* The path of class cls for member i: its vertices and the runs it is broken into match the
 * finite values of the grid (a lone point is a dot, " h0"). */
static void check_series(const char *svg, const lia_sweep *s, const char *cls, size_t i)
{
    char pat[64];
    snprintf(pat, sizeof pat, "<path class=\"%s\" stroke=\"", cls);
    const char *p = strstr(svg, pat);
    for (size_t k = 0; k < i && p; k++) p = strstr(p + 1, pat);
    assert_non_null(p);
    const char *d = strstr(p, " d=\"") + 4, *end = strchr(d, '"');
    size_t moves = 0, lines = 0, dots = 0, runs = 0, vertices = 0, run = 0;
    for (const char *q = d; q < end; q++) {
        moves += *q == 'M';
        lines += *q == 'L';
        dots += *q == 'h';
    }
    size_t lone = 0;
    for (size_t k = 0; k <= lia_sweep_point_count(s); k++) {
        const lia_sweep_point *pt;
        double v = NAN;
        if (k < lia_sweep_point_count(s) && (pt = lia_sweep_point_at(s, k)) != NULL && pt->ok)
            v = (strcmp(cls, "delta") == 0 ? pt->delta_star : strcmp(cls, "payoff") == 0 ? pt->payoffs : pt->patience)[i];
        if (isfinite(v)) { vertices++; run++; continue; }
        if (run) runs++;
        lone += run == 1;
        run = 0;
    }
    assert_int_equal(moves, runs);
    assert_int_equal(moves + lines, vertices);
    assert_int_equal(dots, lone);
}

static void test_one_parameter(void **state)
{
    (void)state;
    lia_sweep *s = sweep_ab(1, NULL, 1), *two = sweep_ab(1, NULL, 2);
    char *svg = svg_of(s), *again = svg_of(s), *other = svg_of(two);
    assert_string_equal(svg, again);   /* the same bytes, also from a sweep on two threads */
    assert_string_equal(svg, other);
    assert_non_null(strstr(svg, "<title>AB: how the commitment holds as s varies</title>"));
    assert_int_equal(count(svg, "<path class=\"delta\""), 2);
    assert_int_equal(count(svg, "<path class=\"payoff\""), 2);
    assert_int_equal(count(svg, "<path class=\"patience\""), 2);
    for (size_t i = 0; i < 2; i++) {
        check_series(svg, s, "delta", i);
        check_series(svg, s, "payoff", i);
        check_series(svg, s, "patience", i);
    }
    /* every breakdown a vertical line where the x axis puts it, and labelled */
    size_t n = lia_sweep_breakdown_count(s);
    assert_int_equal(n, 2);   /* at 0.38 the new equilibria and the stag hunt are one merged breakdown */
    assert_int_equal(count(svg, "<line class=\"breakdown\""), n);
    assert_int_equal(count(svg, "<text class=\"blabel\""), n);
    assert_non_null(strstr(svg, ">A keeps to it (0.308)</text>"));
    assert_non_null(strstr(svg, ">becomes stag hunt (0.38)</text>"));
    assert_null(strstr(svg, "class=\"exceed\""));   /* nobody would share more here */
    double a, b;
    tick_map(svg, "xtick", &a, &b);
    for (size_t k = 0; k < n; k++) {
        const lia_sweep_breakdown *d;
        assert_non_null(d = lia_sweep_breakdown_at(s, k));
        double want = a + b * d->value;
        int found = 0;
        for (const char *p = strstr(svg, "<line class=\"breakdown\""); p; p = strstr(p + 1, "<line class=\"breakdown\"")) {
            double x1, y1, x2;
            assert_int_equal(sscanf(p, "<line class=\"breakdown\" x1=\"%lf\" y1=\"%lf\" x2=\"%lf\"", &x1, &y1, &x2), 3);
            found += fabs(x1 - want) <= 0.5 && x1 == x2;
        }
        assert_true(found >= 1);
    }
    /* the status strip: A keeps to it from s = 0.308, so the strip turns from needs transfers to
     * holds there, and its legend names both */
    int edge = 0;
    for (const char *p = strstr(svg, "<rect class=\"verdict\""); p; p = strstr(p + 1, "<rect class=\"verdict\"")) {
        double x;
        assert_int_equal(sscanf(p, "<rect class=\"verdict\" x=\"%lf\"", &x), 1);
        edge += fabs(x - (a + b * 0.308)) <= 0.5 && strstr(p, "<title>holds</title>") < strstr(p, "</rect>") &&
                strstr(p, "<title>holds</title>");
    }
    assert_int_equal(edge, 1);
    assert_int_equal(count(svg, "<title>needs transfers</title>"), 1);
    assert_non_null(strstr(svg, ">holds</text>"));
    assert_non_null(strstr(svg, ">needs transfers</text>"));
    lia_free(svg);
    lia_free(again);
    lia_free(other);
    lia_sweep_free(s);
    lia_sweep_free(two);
}

static void test_two_parameters(void **state)
{
    (void)state;
    lia_sweep *s = sweep_ab(2, NULL, 2);
    char *svg = svg_of(s);
    assert_non_null(strstr(svg, "<title>AB: where the commitment holds over s and A.patience</title>"));
    assert_int_equal(count(svg, "<rect class=\"cell\""), 18);
    for (size_t k = 0; k < 18; k++) {   /* the patience a point reports is the swept one */
        const lia_sweep_point *p;
        assert_non_null(p = lia_sweep_point_at(s, k));
        assert_true(fabs(p->patience[0] - p->values[1]) < 1e-12);
    }
    /* every cell coloured and titled by its status: some hold, some need transfers */
    assert_int_equal(count(svg, "fill=\"#1a9850\"><title>") + count(svg, "fill=\"#f4a52c\"><title>"), 18);
    assert_true(count(svg, ": holds</title></rect>") > 0);
    assert_true(count(svg, ": needs transfers</title></rect>") > 0);
    for (size_t k = 0; k < 18; k++)
        assert_true(lia_sweep_verdict_at(s, k) == LIA_VERDICT_HOLDS || lia_sweep_verdict_at(s, k) == LIA_VERDICT_NEEDS_TRANSFERS);
    size_t n = lia_sweep_breakdown_count(s);
    assert_true(n > 0);
    assert_int_equal(count(svg, "<circle class=\"breakdown\""), n);
    double ax, bx, ay, by;
    tick_map(svg, "xtick", &ax, &bx);
    tick_map(svg, "ytick", &ay, &by);
    assert_true(by < 0);   /* the second parameter grows upwards */
    for (size_t k = 0; k < n; k++) {
        const lia_sweep_breakdown *d;
        assert_non_null(d = lia_sweep_breakdown_at(s, k));
        double wx = ax + bx * (d->axis ? d->other : d->value), wy = ay + by * (d->axis ? d->value : d->other);
        int found = 0;
        for (const char *p = strstr(svg, "<circle class=\"breakdown\""); p; p = strstr(p + 1, "<circle class=\"breakdown\"")) {
            double cx, cy;
            assert_int_equal(sscanf(p, "<circle class=\"breakdown\" cx=\"%lf\" cy=\"%lf\"", &cx, &cy), 2);
            found += fabs(cx - wx) <= 0.5 && fabs(cy - wy) <= 0.5;
        }
        assert_true(found >= 1);
    }
    lia_free(svg);
    lia_sweep_free(s);
}

static void test_nothing_valid_and_escaping(void **state)
{
    (void)state;
    /* A's leak pushed to 1.5 .. 2.5 (a leak must be below 1) makes every point invalid: no
     * chart then, the sweep itself fails with LIA_EINPUT and says why (the CLI's exit 2); the
     * escaping of names is checked on the text helper (test_pieces), since names the language
     * accepts cannot hold XML's special characters */
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/ab-sweep.lia"), LIA_OK);
    for (size_t axes = 1; axes <= 2; axes++) {
        lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
        o.axes = axes;
        o.axis[0] = (lia_sweep_axis){ "A.leak", 1.5, 2.5, axes == 1 ? 11 : 6 };
        o.axis[1] = (lia_sweep_axis){ "s", 0.2, 0.4, 3 };
        o.threads = 1;
        lia_sweep *s = NULL;
        assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_EINPUT);
        assert_non_null(s);
        assert_non_null(strstr(lia_sweep_errmsg(s), "the model is invalid at every point of the sweep"));
        assert_non_null(strstr(lia_sweep_errmsg(s), "leak"));
        lia_sweep_free(s);
    }
    /* one valid point is enough for a chart: the rest of the strip is "model invalid" */
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0] = (lia_sweep_axis){ "A.leak", 0.5, 2.5, 5 };
    o.threads = 1;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);
    char *svg = svg_of(s);
    assert_non_null(strstr(svg, "<title>model invalid</title></rect>"));
    assert_null(strstr(svg, "the model is invalid at every grid point"));
    lia_free(svg);
    lia_sweep_free(s);
    lia_model_free(m);
}

static void expect_text(const char *in, size_t max, const char *want)
{
    lia_buf b;
    lia__buf_init(&b);
    lia__svg_text(&b, in, max);
    char *got = lia__buf_take(&b, NULL);
    assert_string_equal(got, want);
    lia__free(got);
}

/* tests/cases/repeat/exceed.lia over B's patience: A would share more than committed at every
 * point (the commitment is set too low for it), which is no breakdown: rings on its delta*
 * line, a legend line saying so, and no label that it withholds; B keeps to it from 0.25. */
static void test_exceed(void **state)
{
    (void)state;
    lia_model *m = NULL;
    assert_int_equal(lia_model_open(&m, "tests/cases/repeat/exceed.lia"), LIA_OK);
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0] = (lia_sweep_axis){ "B.patience", 0.05, 0.9, 18 };
    o.threads = 1;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);
    lia_model_free(m);
    size_t n = lia_sweep_point_count(s), rings = 0;
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(lia_sweep_direction_at(s, k, 0), LIA_DIRECTION_EXCEED);
        assert_int_equal(lia_sweep_direction_at(s, k, 1), LIA_DIRECTION_WITHHOLD);
        const lia_sweep_point *p;
        assert_non_null(p = lia_sweep_point_at(s, k));
        rings += isfinite(p->delta_star[0]);
    }
    char *svg = svg_of(s);
    assert_true(rings > 0);
    assert_int_equal(count(svg, "<circle class=\"exceed\""), rings);
    assert_int_equal(count(svg, "<circle class=\"exceed\" "), count(svg, "stroke=\"#0072b2\"><title>A would share more than committed"));
    assert_non_null(strstr(svg, ">would share more: A</text>"));
    assert_null(strstr(svg, ">would share more: B</text>"));
    assert_non_null(strstr(svg, ">B keeps to it (0.25)</text>"));
    assert_null(strstr(svg, "A withholds"));
    assert_null(strstr(svg, "<title>breaks down</title>"));
    assert_non_null(strstr(svg, "<title>holds</title>"));
    assert_non_null(strstr(svg, "<title>needs transfers</title>"));
    lia_free(svg);
    lia_sweep_free(s);
}

static void test_pieces(void **state)
{
    (void)state;
    expect_text("A&B <\"q\"> 'x'", 0, "A&amp;B &lt;&quot;q&quot;&gt; &#39;x&#39;");
    expect_text("bad\x01\xff\xc3(\xed\xa0\x80 ok\tend", 0, "bad???" "(??? ok end");   /* control, stray, surrogate */
    expect_text("\xce\xb4* of NKVD", 0, "\xce\xb4* of NKVD");
    expect_text("abcdefghij", 6, "abc...");
    expect_text("\xce\xb4\xce\xb4\xce\xb4\xce\xb4\xce\xb4\xce\xb4\xce\xb4", 5, "\xce\xb4\xce\xb4...");
    expect_text("abcdef", 6, "abcdef");
    svg_axis a;
    lia__svg_axis(&a, 0.64992, -0.51716, 4, 1, 300, 100);   /* 1-2-5 steps, widened to whole steps */
    assert_true(fabs(a.step - 0.2) < 1e-15 && fabs(a.lo + 0.6) < 1e-12 && fabs(a.hi - 0.8) < 1e-12);
    assert_true(fabs(lia__svg_px(&a, 0.1) - (300 - 200 * 0.7 / 1.4)) < 1e-9);
    lia__svg_axis(&a, 0, 1, 8, 0, 0, 100);
    char label[40];
    assert_true(fabs(a.step - 0.1) < 1e-15);
    lia__svg_tick_label(label, sizeof label, &a, 3 * 0.1);
    assert_string_equal(label, "0.3");
    lia__svg_tick_label(label, sizeof label, &a, -1e-17);
    assert_string_equal(label, "0.0");   /* never "-0.0", the decimals of the step */
    lia__svg_axis(&a, 3, 3, 5, 0, 0, 100);   /* one value: a range around it */
    assert_true(a.lo < 3 && a.hi > 3 && a.step > 0);
    lia__svg_axis(&a, NAN, 1, 5, 0, 0, 100);
    assert_true(a.lo == 0 && a.hi == 1);
    lia__svg_axis(&a, 0, 250, 5, 1, 0, 100);
    assert_true(a.step == 50);
    lia__svg_tick_label(label, sizeof label, &a, 150);
    assert_string_equal(label, "150");
    /* staggered labels: the second overlaps the first and goes a row up, the third fits again */
    double left[] = { 0, 40, 100 }, right[] = { 50, 90, 150 };
    int row[3];
    assert_int_equal(lia__svg_stagger(left, right, 3, 8, row), 2);
    assert_true(row[0] == 0 && row[1] == 1 && row[2] == 0);
    assert_int_equal(lia__svg_stagger(left, right, 3, 1, row), 1);
    assert_true(row[0] == 0 && row[1] == -1 && row[2] == 0);
    /* the words of a breakdown label, for each change sweep.c and sweep_point.c describe */
    static const struct { const char *change, *party, *want; int exceeds; } words[] = {
        { "delta* crosses the patience: withholds from here", "SOE", "SOE withholds (0.348)", 0 },
        { "delta* crosses the patience: keeps to the commitment from here", "NKVD", "NKVD keeps to it (0.348)", 0 },
        { "delta* crosses the patience: keeps to the commitment from here", "A", "A would share more (0.348)", 1 },
        { "delta* crosses the patience: withholds from here; the status changes from holds to needs_transfers", "SOE",
          "SOE withholds (0.348)", 0 },
        { "the status changes from undecided to needs_transfers", NULL, "now needs transfers (0.348)", 0 },
        { "the status changes from needs_transfers to holds_with_harsher_punishment", NULL,
          "now holds with harsher punishment (0.348)", 0 },
        { "no compensating transfer can save the commitment; the status changes from needs_transfers to breaks_down", NULL,
          "transfers infeasible (0.348)", 0 },
        { "the stage game's equilibria go from 1 to 3; the stage game changes from other to stag hunt", NULL,
          "becomes stag hunt (0.348)", 0 },
        { "no compensating transfer can save the commitment", NULL, "transfers infeasible (0.348)", 0 },
        { "compensating transfers become feasible", NULL, "transfers feasible (0.348)", 0 },
        { "the stage game changes from other to stag hunt", NULL, "becomes stag hunt (0.348)", 0 },
        { "the stage game changes from prisoner's dilemma to other", NULL, "no longer prisoner's dilemma (0.348)", 0 },
        { "the stage game changes from chicken to no class", NULL, "no longer chicken (0.348)", 0 },
        { "the stage game's equilibria go from 1 to 3", NULL, "3 equilibria (0.348)", 0 },
        { "the stage game's equilibria go from 3 to 1", NULL, "1 equilibrium (0.348)", 0 },
        { "the core becomes empty", NULL, "core empty (0.348)", 0 },
        { "the core becomes non-empty", NULL, "core non-empty (0.348)", 0 },
        { "the model becomes invalid", NULL, "model invalid (0.348)", 0 },
        { "something new", NULL, "something new (0.348)", 0 },
    };
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        lia_sweep_breakdown d = { 0, 0.347647476, NAN, words[k].change, words[k].party };
        char text[128];
        lia__svg_breakdown_label(text, sizeof text, &d, words[k].exceeds);
        assert_string_equal(text, words[k].want);
    }
    /* misuse */
    char *out = (char *)1;
    assert_int_equal(lia_sweep_write_svg(&out, NULL, NULL), LIA_EUSAGE);
    assert_null(out);
    assert_int_equal(lia_sweep_write_svg(NULL, NULL, NULL), LIA_EUSAGE);
    /* the checker itself refuses what is not XML */
    assert_false(well_formed("<a><b></a></b>"));
    assert_false(well_formed("<a x=\"1&2\"/>"));
    assert_false(well_formed("<a>R&D</a>"));
    assert_false(well_formed("<a/><b/>"));
    assert_false(well_formed("<a x=\"1\"y=\"2\"/>"));
    assert_true(well_formed("<?xml version=\"1.0\"?>\n<a x=\"&quot;&#39;\"><!-- c --><b/>t&amp;&#x3b4;</a>\n"));
}

static void test_locale(void **state)
{
    (void)state;
    lia_sweep *s = sweep_ab(1, NULL, 1), *s2 = sweep_ab(2, NULL, 1);
    char *c_text = svg_of(s), *c_map = svg_of(s2);
    char dir[] = "/tmp/lia-locale-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[256];
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >/dev/null 2>&1", dir);
    assert_int_equal(system(cmd), 0);
    setenv("LOCPATH", dir, 1);
    assert_non_null(setlocale(LC_NUMERIC, "de_DE.UTF-8"));
    char *de_text = NULL, *de_map = NULL;
    assert_int_equal(lia_sweep_write_svg(&de_text, NULL, s), LIA_OK);
    assert_int_equal(lia_sweep_write_svg(&de_map, NULL, s2), LIA_OK);
    setlocale(LC_NUMERIC, "C");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_string_equal(de_text, c_text);
    assert_string_equal(de_map, c_map);
    lia_free(c_text);
    lia_free(c_map);
    lia_free(de_text);
    lia_free(de_map);
    lia_sweep_free(s);
    lia_sweep_free(s2);
}

static void test_allocation_failures(void **state)
{
    (void)state;
    for (size_t axes = 1; axes <= 2; axes++) {
        lia_sweep *s = sweep_ab(axes, NULL, 1);
        unsigned long k = 1;
        for (;; k++) {
            char *out = (char *)1;
            size_t len = 0;
            lia__mem_fail_after(k);
            lia_status st = lia_sweep_write_svg(&out, &len, s);
            lia__mem_fail_after(0);
            if (st == LIA_OK) { assert_true(well_formed(out)); lia_free(out); break; }
            assert_int_equal(st, LIA_ENOMEM);
            assert_null(out);
            assert_true(k < 10000);
        }
        assert_true(k > 2);   /* the buffer grows, and the 1-parameter chart allocates its labels */
        lia_sweep_free(s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_parameter),
        cmocka_unit_test(test_two_parameters),
        cmocka_unit_test(test_nothing_valid_and_escaping),
        cmocka_unit_test(test_exceed),
        cmocka_unit_test(test_pieces),
        cmocka_unit_test(test_locale),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
