/* brief_page.c — the frame of a briefing page: head and style sheets, header, glossary, foot,
 * and the small writers every section uses (escaped text, numbers for reading, status badges).
 * The page is for a reader with a browser or a printer: it loads nothing, runs nothing, and
 * the same input gives the same bytes (no date: the foot names the command instead). */
#include "brief.h"
#include "../sweep/svg_axes.h"
#include "../util/options.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

int lia__brief_options(lia_briefing_options *o, const lia_briefing_options *given)
{
    static const size_t ends[LIA_BRIEFING_OPTIONS_VERSION] = { sizeof(lia_briefing_options) };
    lia_briefing_options def = LIA_BRIEFING_OPTIONS_INIT;
    *o = def;
    return LIA__OPTIONS_READ(o, given, lia_briefing_options, ends, NULL, 0);
}

void lia__brief_text(lia_buf *b, const char *s) { lia__svg_text(b, s ? s : "", 0); }

void lia__brief_num(lia_buf *b, double v, double scale, const char *nan_text)
{
    if (v != v) { lia__brief_text(b, nan_text); return; }
    if (isinf(v)) { lia__buf_puts(b, v < 0 ? "\xe2\x88\x92\xe2\x88\x9e" : "\xe2\x88\x9e"); return; }
    char tmp[48];
    lia__reading_text(tmp, sizeof tmp, v, scale);   /* the digits of every text output */
    const char *p = tmp;
    if (*p == '-') { lia__buf_puts(b, "\xe2\x88\x92"); p++; }   /* U+2212 MINUS SIGN */
    const char *e = strchr(p, 'e');
    if (!e) { lia__buf_puts(b, p); return; }
    /* 1.5e-05 -> 1.5×10⁻⁵ written with <sup> */
    lia__buf_put(b, p, (size_t)(e - p));
    lia__buf_puts(b, "\xc3\x97" "10<sup>");
    e++;
    if (*e == '-') { lia__buf_puts(b, "\xe2\x88\x92"); e++; }
    else if (*e == '+') e++;
    while (*e == '0' && e[1]) e++;
    lia__buf_puts(b, e);
    lia__buf_puts(b, "</sup>");
}

void lia__brief_percent(lia_buf *b, double p)
{
    if (p != p) { lia__buf_puts(b, "\xe2\x80\x93"); return; }
    double pc = 100 * p;
    if (fabs(pc) >= 10 || pc == 0) lia__buf_printf(b, "%.0f%%", pc + 0.0);
    else lia__buf_printf(b, "%.2g%%", pc);
}

void lia__brief_td_num(lia_buf *b, double v, double scale, const char *nan_text)
{
    lia__buf_puts(b, "<td class=\"b-n\">");
    lia__brief_num(b, v, scale, nan_text);
    lia__buf_puts(b, "</td>");
}

void lia__brief_td_text(lia_buf *b, const char *s)
{
    lia__buf_puts(b, "<td>");
    lia__brief_text(b, s);
    lia__buf_puts(b, "</td>");
}

void lia__brief_names(lia_buf *b, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lia__buf_puts(b, i == 0 ? "" : i + 1 == n ? " and " : ", ");
        lia__brief_text(b, names[i]);
    }
}

const char *lia__brief_status_words(lia_verdict v)
{
    switch (v) {
    case LIA_VERDICT_HOLDS: return "holds";
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "holds with a harsher punishment";
    case LIA_VERDICT_UNDECIDED: return "undecided";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "needs transfers";
    case LIA_VERDICT_BREAKS_DOWN: return "breaks down";
    default: return "no verdict";
    }
}

void lia__brief_badge(lia_buf *b, lia_verdict v)
{
    /* light fills carry dark text, as in the sweep chart */
    int dark = v != LIA_VERDICT_HOLDS && v != LIA_VERDICT_BREAKS_DOWN;
    lia__buf_printf(b, "<span class=\"b-badge%s\" style=\"background:%s\">%s</span>", dark ? " b-dark" : "",
                   lia__svg_verdict_fill(v), lia__brief_status_words(v));
}

/* The page's own classes all start with "b-" (its charts' with "bc-"): the charts' style sheet
 * (lia__svg_style) is global in an HTML page and owns names such as .title and .note. */
static const char page_css[] =
    ":root{color-scheme:light}"
    "*{box-sizing:border-box}"
    "html{background:#fff}"
    "body{margin:0 auto;max-width:62rem;padding:2rem 1.5rem 3rem;color:#1d232b;background:#fff;"
    "font:15px/1.5 \"DejaVu Sans\",Helvetica,Arial,sans-serif}"
    "h1{font-size:1.9rem;line-height:1.2;margin:.2rem 0 .4rem}"
    "h2{font-size:1.4rem;margin:2.4rem 0 .4rem;padding-top:.5rem;border-top:3px solid #1d232b}"
    "h3{font-size:1.05rem;margin:1.6rem 0 .4rem}"
    "p{margin:.4rem 0}"
    "code{font-family:\"DejaVu Sans Mono\",monospace;font-size:.85em;overflow-wrap:anywhere}"
    ".b-kicker{text-transform:uppercase;letter-spacing:.12em;font-size:.75rem;color:#5b6570;margin:0}"
    ".b-meta{color:#5b6570;font-size:.92rem}"
    ".b-verdict{border-left:6px solid #999;background:#f5f7f8;padding:.7rem 1rem;margin:1rem 0;break-inside:avoid}"
    ".b-verdict p{margin:.3rem 0}"
    ".b-status{font-size:1.15rem;font-weight:bold}"
    ".b-badge{display:inline-block;padding:.05rem .55rem;border-radius:.7rem;font-size:.85em;font-weight:bold;"
    "color:#fff;white-space:nowrap}"
    ".b-dark{color:#1d232b}"
    "table{border-collapse:collapse;margin:.5rem 0 .8rem;font-size:.9rem;break-inside:avoid}"
    "th,td{padding:.25rem .65rem;border-bottom:1px solid #d9dee3;text-align:left;vertical-align:top}"
    "thead th{border-bottom:2px solid #8d969e;font-weight:600}"
    "td.b-n,th.b-n{text-align:right;font-variant-numeric:tabular-nums}td.b-n{white-space:nowrap}"
    ".b-wide{overflow-x:auto}"
    "table.b-game td,table.b-game th{border:1px solid #d9dee3;text-align:center}"
    "table.b-game td{white-space:nowrap;font-variant-numeric:tabular-nums}"
    "td.b-commit{outline:2px solid #1d232b;outline-offset:-2px;font-weight:bold}"
    "td.b-eq{background:#e6eef6}"
    ".b-p0{color:#0072b2}.b-p1{color:#d55e00}"
    ".b-small{font-size:.85rem;color:#5b6570}"
    ".b-ok{color:#1a7a40;font-weight:600}.b-bad{color:#b2241b;font-weight:600}"
    "figure{margin:.8rem 0 1rem;break-inside:avoid}"
    "figcaption{font-size:.85rem;color:#5b6570;margin-top:.2rem;max-width:46rem}"
    "svg{max-width:100%;height:auto}"
    ".bc-name{font-size:12px}.bc-val{font-size:11px;fill:#333}.bc-key{font-size:11px;fill:#444}"
    ".bc-track{stroke:#d9dee3;stroke-width:1}"
    "nav.b-glance table{width:100%}"
    "dl.b-gloss{columns:2 24rem;column-gap:2rem;font-size:.9rem}"
    "dl.b-gloss dt{font-weight:bold;break-after:avoid}"
    "dl.b-gloss dd{margin:0 0 .55rem 0;break-inside:avoid}"
    "footer{margin-top:2.5rem;padding-top:.6rem;border-top:1px solid #d9dee3;font-size:.82rem;color:#5b6570}"
    /* print: A4, each agreement and the glossary on a page of their own, nothing split inside
     * a table, chart or verdict, colours kept */
    "@media print{"
    "@page{size:A4;margin:15mm 13mm}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "body{max-width:none;padding:0;font-size:10pt}"
    "section.b-agreement+section.b-agreement,section.b-terms{break-before:page}"
    "h2,h3{break-after:avoid}"
    "tr,li{break-inside:avoid}"
    "}";

void lia__brief_open(lia_buf *b, const char *title, const char *fallback, const char *source, const char *what)
{
    const char *t = title && *title ? title : fallback;
    lia__buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"liaison ");
    lia__buf_puts(b, lia_version());
    lia__buf_puts(b, "\">\n<title>");
    lia__brief_text(b, t);
    lia__buf_puts(b, " \xe2\x80\x94 briefing</title>\n<style>");
    lia__buf_puts(b, page_css);
    lia__buf_puts(b, "</style>\n");
    lia__svg_style(b);   /* the charts' classes, once for every chart on the page */
    lia__buf_puts(b, "</head>\n<body>\n<header>\n<p class=\"b-kicker\">Briefing</p>\n<h1>");
    lia__brief_text(b, t);
    lia__buf_puts(b, "</h1>\n<p class=\"b-meta\">");
    if (source && *source) {
        lia__buf_puts(b, "Model file <code>");
        lia__brief_text(b, source);
        lia__buf_puts(b, "</code>");
        if (what && *what) lia__buf_puts(b, " \xc2\xb7 ");
    }
    lia__brief_text(b, what);
    lia__buf_puts(b, "</p>\n</header>\n<main>\n");
}

/* The terms a reader meets on the page (docs/cli.md section 8 says the same). */
static const char *const glossary[][2] = {
    { "commitment", "the sharing level each member of an agreement commits to; a floor: sharing more breaches nothing." },
    { "stage game", "one period of the agreement: each member chooses how much to share, and gets what it receives "
                    "minus what its own sharing costs it. Its equilibria are what each would do if there were no "
                    "next period." },
    { "C, D, P", "a member's payoff per period at the commitment (C); from its best one-period breach (D); under the "
                 "punishment that follows a breach (P)." },
    { "\xce\xb4* (critical patience)", "the least patience at which a member prefers keeping to the commitment to "
                                       "breaching once and being punished for ever, (D \xe2\x88\x92 C)/(D \xe2\x88\x92 P); 0 "
                                       "when no breach pays; \xe2\x80\x9cnever\xe2\x80\x9d when the member gets more "
                                       "from the punishment than from the commitment." },
    { "patience", "a member's discount factor \xce\xb4: how much a period later is worth to it. A member keeps to the "
                  "commitment when its patience is at least its \xce\xb4*." },
    { "punishment (Nash reversion)", "after a breach the others return for ever to the stage equilibrium worst for "
                                     "the breaching member: a credible threat." },
    { "minmax", "the least payoff the other members can hold a member to, even coordinating their punishment; failing "
                "it means no punishment can hold the commitment." },
    { "holds", "the threat of stopping cooperation keeps every member to the commitment." },
    { "holds with a harsher punishment", "two members with a common patience: reverting is not enough, but the "
                                         "harshest credible punishment keeps both to it." },
    { "undecided", "reverting is not enough and no exact test applies (three or more members, or different patience), "
                   "but every member passes the minmax condition: a harsher punishment might hold it." },
    { "needs transfers", "the commitment cannot hold on its own, but side payments between the members (summing to "
                         "zero) make every member keep to it." },
    { "breaks down", "no side payment between the members can restore the commitment." },
    { "transfers", "per-period payments between members that sum to zero, in the payoff unit (the unit of coverage "
                   "value): \xe2\x80\x9c" "A pays B t\xe2\x80\x9d." },
    { "regime", "a state of the world (e.g. calm, crisis) with its own numbers; the world moves between regimes by "
                "chance, and a member must keep to the commitment in every regime it can reach." },
    { "binding regime", "the regime in which a member's condition fails last as its patience rises: the one that sets "
                        "its \xce\xb4* over the regimes." },
    { "suspect, trust threshold, probation", "a member that may be penetrated; the largest belief that it is at which "
                                             "the commitment still holds; the quiet periods until the belief falls "
                                             "to that threshold." },
    { "v(S), v(N)", "the value a group of members S would get running the agreement among itself at its best "
                    "profile; v(N) for all of them together." },
    { "Shapley value, nucleolus", "two fair splits of v(N): each member's average contribution to the groups it "
                                  "joins; the split that makes the worst-off group as well off as possible." },
    { "exploitation index", "a member's share of the agreement's costs divided by its share of the benefits: above 1 "
                            "it carries more than it gets." },
    { "core, break-away coalition", "the splits that give every group at least v(S); a group that gets less than "
                                    "v(S) at the commitment would do better on its own." },
    { "breakdown point", "in a sweep, a value of the varied number at which a verdict changes, located to within the "
                         "sweep's tolerance." },
};

void lia__brief_close(lia_buf *b, const lia_briefing_options *o) { lia__brief_close_terms(b, o, NULL, 0); }

void lia__brief_close_terms(lia_buf *b, const lia_briefing_options *o, const char *const (*extra)[2], size_t n)
{
    lia__buf_puts(b, "</main>\n<section class=\"b-terms\" id=\"terms\">\n<h2>Terms</h2>\n<dl class=\"b-gloss\">\n");
    for (size_t k = 0; k < n; k++) lia__buf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", extra[k][0], extra[k][1]);
    for (size_t k = 0; k < sizeof glossary / sizeof *glossary; k++)
        lia__buf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", glossary[k][0], glossary[k][1]);
    lia__buf_puts(b, "</dl>\n<p class=\"b-small\">Payoffs are per period, in the model's payoff unit (the unit of "
                    "coverage value). Every number on this page is computed from the model file; the model's "
                    "calibration is its author's.</p>\n</section>\n<footer>\n<p>Made by liaison ");
    lia__buf_puts(b, lia_version());
    lia__buf_puts(b, ".");
    if (o->command && *o->command) {
        lia__buf_puts(b, " To regenerate this page: <code>");
        lia__brief_text(b, o->command);
        lia__buf_puts(b, "</code></p>\n");
    } else {
        lia__buf_puts(b, "</p>\n");
    }
    lia__buf_puts(b, "</footer>\n</body>\n</html>\n");
}
