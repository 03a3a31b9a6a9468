/* report_html.c — the solve report as a briefing page (docs/cli.md, `solve --format html`):
 * per agreement the status in plain words, the stage game, whether the commitment is
 * self-enforcing (chart and table), the transfers, regimes and suspects, the burden shares and
 * exploitation index, the break-away coalitions and, with a sweep, where it breaks down. The
 * words are the library's (lia_repeat_summary, the text report's sentences); this file only
 * lays them out for a reader. */
#include "report.h"
#include "brief.h"
#include "../nash/eqset.h"
#include "../repeat/repeat.h"
#include "../repeat/repeat_internal.h"
#include "../sweep/sweep.h"
#include "../sweep/svg_axes.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { MAX_BIMATRIX = 10, MAX_LISTED = 10 };

static double scale_of(const lia_report_entry *e) { return e->eq ? e->eq->scale : 1; }

static void td_num(lia_buf *b, double v, double scale, const char *nan_text)
{
    lia_buf_puts(b, "<td class=\"b-n\">");
    lia__brief_num(b, v, scale, nan_text);
    lia_buf_puts(b, "</td>");
}

static void td_text(lia_buf *b, const char *s)
{
    lia_buf_puts(b, "<td>");
    lia__brief_text(b, s);
    lia_buf_puts(b, "</td>");
}

/* "A, B and C" */
static void name_list(lia_buf *b, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        lia_buf_puts(b, i == 0 ? "" : i + 1 == n ? " and " : ", ");
        lia__brief_text(b, names[i]);
    }
}

/* Text some library writer made from model names (transfer words), escaped. */
static void escaped_words(lia_buf *b, const lia_repeat *r, const double *t)
{
    lia_buf w;
    lia_buf_init(&w);
    lia__repeat_transfer_words(&w, r, t);
    char *s = lia_buf_take(&w, NULL);
    if (!s) { b->failed = 1; return; }
    lia__brief_text(b, s);
    lia__free(s);
}

static lia_verdict verdict_of(const lia_report_entry *e) { return e->repeat ? lia_repeat_verdict(e->repeat) : LIA_VERDICT_NONE; }

static const char *kind_words(const lia_report_entry *e)
{
    return e->kind == LIA_KIND_BILATERAL ? "Bilateral agreement" : e->kind == LIA_KIND_MULTILATERAL ? "Multilateral agreement"
                                                                                                  : "Normal-form game";
}

/* ---- the stage game ------------------------------------------------------------------- */

/* What a member does with a level: an agreement's levels are how much it shares. */
static const char *verb(const lia_report_entry *e) { return e->kind == LIA_KIND_NORMAL ? " plays " : " shares "; }

/* Equilibrium k as pure strategies, if it is one. */
static int pure(const lia_report_entry *e, size_t k, size_t *s)
{
    const double *x = lia_eqset_profile(e->eq, k);
    for (size_t p = 0, off = 0; p < e->np; off += e->nlevels[p++]) {
        s[p] = SIZE_MAX;
        for (size_t j = 0; j < e->nlevels[p]; j++)
            if (x[off + j] > 1 - 1e-9) s[p] = j;
        if (s[p] == SIZE_MAX) return 0;
    }
    return 1;
}

static size_t profile_index(const lia_report_entry *e, const size_t *s)
{
    size_t prof = 0;
    for (size_t p = e->np; p-- > 0;) prof = prof * e->nlevels[p] + s[p];
    return prof;
}

static int is_pure_equilibrium(const lia_report_entry *e, const size_t *s, size_t *scratch)
{
    for (size_t k = 0; e->eq && k < lia_eqset_count(e->eq); k++) {
        if (!pure(e, k, scratch)) continue;
        if (memcmp(scratch, s, e->np * sizeof *s) == 0) return 1;
    }
    return 0;
}

static void bimatrix(lia_buf *b, const lia_report_entry *e)
{
    size_t s[2], tmp[2], n0 = e->nlevels[0], n1 = e->nlevels[1];
    double sc = scale_of(e);
    lia_buf_puts(b, "<table class=\"b-game\">\n<thead><tr><th></th><th colspan=\"");
    lia_buf_printf(b, "%zu\"><span class=\"b-p1\">", n1);
    lia__brief_text(b, e->members[1]);
    lia_buf_printf(b, "</span> %s</th></tr>\n<tr><th><span class=\"b-p0\">", e->kind == LIA_KIND_NORMAL ? "plays" : "shares");
    lia__brief_text(b, e->members[0]);
    lia_buf_printf(b, "</span> %s</th>", e->kind == LIA_KIND_NORMAL ? "plays" : "shares");
    for (size_t j = 0; j < n1; j++) {
        lia_buf_puts(b, "<th>");
        lia__brief_text(b, e->levels[1][j]);
        lia_buf_puts(b, "</th>");
    }
    lia_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n0; i++) {
        lia_buf_puts(b, "<tr><th>");
        lia__brief_text(b, e->levels[0][i]);
        lia_buf_puts(b, "</th>");
        for (size_t j = 0; j < n1; j++) {
            s[0] = i;
            s[1] = j;
            size_t prof = profile_index(e, s);
            int commit = e->has_commit && e->commit[0] == i && e->commit[1] == j, eq = is_pure_equilibrium(e, s, tmp);
            lia_buf_printf(b, "<td%s%s%s>", commit || eq ? " class=\"" : "", commit ? (eq ? "b-commit b-eq" : "b-commit") : eq ? "b-eq" : "",
                           commit || eq ? "\"" : "");
            lia_buf_puts(b, "<span class=\"b-p0\">");
            lia__brief_num(b, e->payoffs[prof], sc, "-");
            lia_buf_puts(b, "</span>, <span class=\"b-p1\">");
            lia__brief_num(b, e->payoffs[e->nprofiles + prof], sc, "-");
            lia_buf_puts(b, "</span></td>");
        }
        lia_buf_puts(b, "</tr>\n");
    }
    lia_buf_puts(b, "</tbody></table>\n<p class=\"b-small\">Each cell: <span class=\"b-p0\">");
    lia__brief_text(b, e->members[0]);
    lia_buf_puts(b, "'s payoff</span>, <span class=\"b-p1\">");
    lia__brief_text(b, e->members[1]);
    lia_buf_puts(b, e->kind == LIA_KIND_NORMAL ? "'s payoff</span>." : "'s payoff</span> per period.");
    if (e->has_commit) lia_buf_puts(b, " Framed: the commitment.");
    lia_buf_puts(b, e->kind == LIA_KIND_NORMAL ? " Shaded: a pure equilibrium.</p>\n"
                                               : " Shaded: a pure equilibrium of the stage game (what each would do if "
                                                 "there were no next period).</p>\n");
}

/* One row of the profile list: a label, each member's level, each member's payoff. */
static void profile_row(lia_buf *b, const lia_report_entry *e, const char *what, const char *who, const size_t *s,
                        const double *pay, size_t stride)
{
    lia_buf_puts(b, "<tr><td>");
    lia_buf_puts(b, what);
    if (who) { lia_buf_putc(b, ' '); lia__brief_text(b, who); lia_buf_puts(b, " breaches"); }
    lia_buf_puts(b, "</td>");
    for (size_t p = 0; p < e->np; p++) td_text(b, e->levels[p][s[p]]);
    for (size_t p = 0; p < e->np; p++) td_num(b, pay[p * stride], scale_of(e), "-");
    lia_buf_puts(b, "</tr>\n");
}

/* More members, or many levels: the profiles that matter for the verdict. */
static void profile_list(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    lia_buf_puts(b, "<div class=\"b-wide\"><table>\n<thead><tr><th>profile</th>");
    for (size_t p = 0; p < e->np; p++) {
        lia_buf_puts(b, "<th>");
        lia__brief_text(b, e->members[p]);
        lia_buf_puts(b, e->kind == LIA_KIND_NORMAL ? " plays</th>" : " shares</th>");
    }
    for (size_t p = 0; p < e->np; p++) { lia_buf_puts(b, "<th class=\"b-n\">"); lia__brief_text(b, e->members[p]); lia_buf_puts(b, "'s payoff</th>"); }
    lia_buf_puts(b, "</tr></thead>\n<tbody>\n");
    if (e->has_commit) profile_row(b, e, "the commitment", NULL, e->commit, e->commit_payoffs, 1);
    size_t listed = 0, count = e->eq ? lia_eqset_count(e->eq) : 0;
    for (size_t k = 0; k < count && listed < MAX_LISTED; k++) {
        if (!pure(e, k, s)) continue;
        profile_row(b, e, "an equilibrium", NULL, s, lia_eqset_payoffs(e->eq, k), 1);
        listed++;
    }
    for (size_t p = 0; e->repeat && e->payoffs && p < e->np; p++) {
        lia_sustain row;
        lia_repeat_player(e->repeat, p, &row);
        if (row.best_deviation == e->commit[p] || lia_repeat_direction(e->repeat, p) != LIA_DIRECTION_WITHHOLD) continue;
        memcpy(s, e->commit, e->np * sizeof *s);
        s[p] = row.best_deviation;
        profile_row(b, e, "its best breach:", e->members[p], s, e->payoffs + profile_index(e, s), e->nprofiles);
    }
    lia_buf_puts(b, "</tbody></table></div>\n<p class=\"b-small\">The stage game has ");
    lia_buf_printf(b, "%zu profiles; shown are the commitment, the pure equilibria and each member's best breach of the "
                      "commitment (<code>liaison compile</code> writes them all).</p>\n", e->nprofiles);
}

static void equilibria(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    size_t count = e->eq ? lia_eqset_count(e->eq) : 0;
    if (!count) { lia_buf_puts(b, "<p>The stage game has no equilibrium that was found.</p>\n"); return; }
    lia_buf_printf(b, "<p>Equilibria of the %s (%s): %zu.</p>\n<ul>\n", e->kind == LIA_KIND_NORMAL ? "game" : "stage game",
                   e->np == 2 ? "every extreme one" : "the pure ones", count);
    for (size_t k = 0; k < count && k < MAX_LISTED; k++) {
        const double *x = lia_eqset_profile(e->eq, k), *pay = lia_eqset_payoffs(e->eq, k);
        int is_pure = pure(e, k, s);
        lia_buf_puts(b, "<li>");
        for (size_t p = 0, off = 0; p < e->np; off += e->nlevels[p++]) {
            if (p) lia_buf_puts(b, "; ");
            lia__brief_text(b, e->members[p]);
            lia_buf_puts(b, verb(e));
            if (is_pure) { lia__brief_text(b, e->levels[p][s[p]]); continue; }
            int first = 1;
            for (size_t j = 0; j < e->nlevels[p]; j++) {
                if (x[off + j] <= 1e-9) continue;
                if (!first) lia_buf_puts(b, " + ");
                first = 0;
                lia__brief_num(b, x[off + j], 1, "-");
                lia_buf_puts(b, " \xc3\x97 ");
                lia__brief_text(b, e->levels[p][j]);
            }
        }
        lia_buf_puts(b, is_pure ? "" : " (mixed)");
        lia_buf_puts(b, " \xe2\x80\x94 payoffs ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia_buf_puts(b, ", ");
            lia__brief_num(b, pay[p], scale_of(e), "-");
        }
        lia_buf_puts(b, "</li>\n");
    }
    if (count > MAX_LISTED) lia_buf_printf(b, "<li>and %zu more (<code>liaison nash</code> lists them)</li>\n", count - MAX_LISTED);
    lia_buf_puts(b, "</ul>\n");
}

static void stage_game(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    lia_buf_puts(b, e->kind == LIA_KIND_NORMAL ? "<h3>The game</h3>\n<p>" : "<h3>The stage game</h3>\n<p>");
    for (size_t p = 0; p < e->np; p++) lia_buf_printf(b, "%s%zu", p ? " \xc3\x97 " : "", e->nlevels[p]);
    lia_buf_puts(b, e->kind == LIA_KIND_NORMAL ? " strategies" : " sharing levels");
    if (e->has_class) {
        lia_buf_printf(b, "; its class is <strong>%s</strong>", lia_class2x2_name(e->cls));
        if (e->class_restricted) lia_buf_puts(b, " (between withholding and the committed levels)");
    }
    lia_buf_puts(b, ".");
    if (e->has_commit) {
        lia_buf_puts(b, " The commitment: ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia_buf_puts(b, ", ");
            lia__brief_text(b, e->members[p]);
            lia_buf_puts(b, " shares ");
            lia__brief_text(b, e->levels[p][e->commit[p]]);
        }
        lia_buf_puts(b, ".");
    }
    lia_buf_puts(b, "</p>\n");
    if (e->np == 2 && e->payoffs && e->nlevels[0] <= MAX_BIMATRIX && e->nlevels[1] <= MAX_BIMATRIX) bimatrix(b, e);
    else profile_list(b, e, s);
    equilibria(b, e, s);
}

/* ---- is the commitment self-enforcing? -------------------------------------------------- */

static void sustainability(lia_buf *b, const lia_report_entry *e)
{
    const lia_repeat *r = e->repeat;
    double sc = scale_of(e);
    lia_buf_puts(b, "<h3>Is the commitment self-enforcing?</h3>\n");
    if (lia_repeat_verdict(r) == LIA_VERDICT_NONE)
        lia_buf_puts(b, "<p>The model gives no patience, so there is no verdict; the table gives what each member "
                        "would need.</p>\n");
    lia_buf_puts(b, "<figure>\n");
    lia__brief_patience_chart(b, r, e->members);
    lia_buf_puts(b, "<figcaption>A member keeps to the commitment when its bar (its critical patience \xce\xb4*) ends "
                    "left of its line (its patience): the threat that cooperation stops then outweighs what a breach "
                    "would gain it.</figcaption>\n</figure>\n");
    lia_buf_puts(b, "<table>\n<thead><tr><th>member</th><th class=\"b-n\">C</th><th class=\"b-n\">D</th>"
                    "<th class=\"b-n\">P</th><th class=\"b-n\">\xce\xb4*</th><th class=\"b-n\">patience</th>"
                    "<th>verdict</th></tr></thead>\n<tbody>\n");
    for (size_t p = 0; p < e->np; p++) {
        lia_sustain s;
        lia_repeat_player(r, p, &s);
        lia_buf_puts(b, "<tr>");
        td_text(b, e->members[p]);
        td_num(b, s.value, sc, "-");
        td_num(b, s.deviation, sc, "-");
        td_num(b, s.punishment, sc, "-");
        td_num(b, s.delta_star, 1, "never");
        td_num(b, s.patience, 1, "-");
        lia_buf_printf(b, "<td class=\"%s\">%s</td></tr>\n", s.sustainable > 0 ? "b-ok" : s.sustainable == 0 ? "b-bad" : "",
                       lia__repeat_member_words(r, p));
    }
    lia_buf_puts(b, "</tbody></table>\n<p class=\"b-small\">C: payoff per period at the commitment; D: from the best "
                    "breach for one period; P: under the punishment (the stage equilibrium worst for the member); "
                    "\xce\xb4*: the least patience that keeps it to the commitment.</p>\n");
    int monitored = 0;
    for (size_t p = 0; p < e->np; p++) {
        double q = 1;
        lia_repeat_monitoring(r, p, &q, NULL);
        monitored |= q < 1;
    }
    if (monitored) {
        lia_buf_puts(b, "<p>Breaches are not always seen. Chance per period that a breach is noticed, and the least "
                        "chance that keeps the member to the commitment at its patience: ");
        for (size_t p = 0; p < e->np; p++) {
            double q = 1, need = NAN;
            lia_repeat_monitoring(r, p, &q, &need);
            if (p) lia_buf_puts(b, "; ");
            lia__brief_text(b, e->members[p]);
            lia_buf_puts(b, " ");
            lia__brief_num(b, q, 1, "-");
            lia_buf_puts(b, " (needs ");
            lia__brief_num(b, need, 1, "none suffices");
            lia_buf_puts(b, ")");
        }
        lia_buf_puts(b, ".</p>\n");
    }
}

static void transfers(lia_buf *b, const lia_report_entry *e)
{
    const lia_repeat *r = e->repeat;
    lia_verdict v = lia_repeat_verdict(r);
    double sc = scale_of(e);
    if (v == LIA_VERDICT_NONE) return;
    lia_buf_puts(b, "<h3>Transfers</h3>\n");
    const double *t = NULL;
    int feasible = lia_repeat_transfers(r, &t);
    if (v == LIA_VERDICT_HOLDS) {
        lia_buf_puts(b, "<p>None needed: every member keeps to the commitment on its own.</p>\n");
    } else if (feasible > 0) {
        lia_buf_puts(b, "<p>The cheapest side payments that keep every member to the commitment: <strong>");
        escaped_words(b, r, t);
        lia_buf_puts(b, "</strong> (in the payoff unit).</p>\n<table>\n<thead><tr><th>member</th><th class=\"b-n\">at the "
                        "commitment</th><th class=\"b-n\">transfer</th><th class=\"b-n\">after it</th></tr></thead>\n<tbody>\n");
        for (size_t p = 0; p < e->np; p++) {
            lia_sustain s;
            lia_repeat_player(r, p, &s);
            lia_buf_puts(b, "<tr>");
            td_text(b, e->members[p]);
            td_num(b, s.value, sc, "-");
            td_num(b, t[p], sc, "-");
            td_num(b, s.value + t[p], sc, "-");
            lia_buf_puts(b, "</tr>\n");
        }
        lia_buf_puts(b, "</tbody></table>\n");
    } else if (feasible == 0) {
        lia_buf_puts(b, "<p>No side payment between the members (summing to zero) keeps every member to the "
                        "commitment.</p>\n");
    }
    const size_t *prof;
    const double *pay, *bt;
    if (v == LIA_VERDICT_HOLDS) return;
    if (lia_repeat_best(r, &prof, &pay, &bt) > 0) {
        int same = e->has_commit;
        for (size_t p = 0; p < e->np; p++) same &= prof[p] == e->commit[p];
        if (same) return;
        lia_buf_puts(b, "<p>The most valuable sharing that transfers can make self-enforcing: ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia_buf_puts(b, ", ");
            lia__brief_text(b, e->members[p]);
            lia_buf_puts(b, " shares ");
            lia__brief_text(b, e->levels[p][prof[p]]);
        }
        lia_buf_puts(b, " (payoffs ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia_buf_puts(b, ", ");
            lia__brief_num(b, pay[p] + bt[p], sc, "-");
        }
        lia_buf_puts(b, " after ");
        escaped_words(b, r, bt);
        lia_buf_puts(b, ").</p>\n");
    } else {
        lia_buf_puts(b, "<p>No sharing profile is self-enforcing, even with transfers.</p>\n");
    }
}

/* ---- regimes and suspects ------------------------------------------------------------------ */

static void regimes(lia_buf *b, const lia_report_entry *e)
{
    const lia_regimes *g = e->regimes;
    size_t nr = lia_regimes_count(g), nm = lia_regimes_member_count(g);
    lia_buf_puts(b, "<h3>Regimes</h3>\n<p>The world moves between ");
    lia_buf_printf(b, "%zu regimes; it starts in <strong>", nr);
    lia__brief_text(b, lia_regimes_name(g, lia_regimes_start(g)));
    lia_buf_puts(b, "</strong>.</p>\n<table>\n<thead><tr><th>regime</th><th class=\"b-n\">long-run share of periods</th>");
    for (size_t to = 0; to < nr; to++) {
        lia_buf_puts(b, "<th class=\"b-n\">to ");
        lia__brief_text(b, lia_regimes_name(g, to));
        lia_buf_puts(b, "</th>");
    }
    lia_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t s = 0; s < nr; s++) {
        lia_buf_puts(b, "<tr>");
        td_text(b, lia_regimes_name(g, s));
        lia_buf_puts(b, "<td class=\"b-n\">");
        lia__brief_percent(b, lia_regimes_long_run(g, s));
        lia_buf_puts(b, "</td>");
        for (size_t to = 0; to < nr; to++) td_num(b, lia_regimes_transition(g, s, to), 1, "-");
        lia_buf_puts(b, "</tr>\n");
    }
    lia_buf_puts(b, "</tbody></table>\n<p class=\"b-small\">The chance per period of moving from the regime of the row "
                    "to that of the column.</p>\n<table>\n<thead><tr><th>member</th><th class=\"b-n\">patience</th>"
                    "<th class=\"b-n\">\xce\xb4* over the regimes</th><th>binding regime</th><th class=\"b-n\">\xce\xb4* of "
                    "the averaged game</th><th>keeps to it in every regime</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < nm; i++) {
        lia_buf_puts(b, "<tr>");
        td_text(b, lia_regimes_member(g, i));
        td_num(b, lia_regimes_patience(g, i), 1, "-");
        td_num(b, lia_regimes_delta_star(g, i), 1, "never");
        size_t bind = lia_regimes_binding(g, i);
        td_text(b, bind == LIA_REGIMES_NONE ? "-" : lia_regimes_name(g, bind));
        td_num(b, lia_regimes_averaged_delta_star(g, i), 1, "never");
        int ok = lia_regimes_sustainable(g, i);
        lia_buf_printf(b, "<td class=\"%s\">%s</td></tr>\n", ok > 0 ? "b-ok" : ok == 0 ? "b-bad" : "",
                       ok > 0 ? "yes" : ok == 0 ? "no" : "-");
    }
    lia_buf_puts(b, "</tbody></table>\n<p class=\"b-small\">Averaging the stage game over the long run can hide the "
                    "regime that binds: compare the two \xce\xb4* columns.</p>\n");
    double cost = NAN;
    int tf = lia_regimes_transfers(g, &cost), paid = 0;
    for (size_t s = 0; tf > 0 && s < nr; s++)
        for (size_t i = 0; i < nm; i++) paid |= fabs(lia_regimes_transfer(g, s, i)) > 1e-9 * scale_of(e);
    if (tf > 0 && !paid) {
        lia_buf_puts(b, "<p>No payment by regime is needed: every member keeps to the commitment in every regime it "
                        "can reach.</p>\n");
    } else if (tf > 0) {
        lia_buf_puts(b, "<p>Payments by regime that keep every member to the commitment in every regime (positive: "
                        "receives, per period):</p>\n<table>\n<thead><tr><th>regime</th>");
        for (size_t i = 0; i < nm; i++) { lia_buf_puts(b, "<th class=\"b-n\">"); lia__brief_text(b, lia_regimes_member(g, i)); lia_buf_puts(b, "</th>"); }
        lia_buf_puts(b, "</tr></thead>\n<tbody>\n");
        for (size_t s = 0; s < nr; s++) {
            lia_buf_puts(b, "<tr>");
            td_text(b, lia_regimes_name(g, s));
            for (size_t i = 0; i < nm; i++) td_num(b, lia_regimes_transfer(g, s, i), scale_of(e), "-");
            lia_buf_puts(b, "</tr>\n");
        }
        lia_buf_puts(b, "</tbody></table>\n");
    } else if (tf == 0) {
        lia_buf_puts(b, "<p>No payments by regime keep every member to the commitment in every regime.</p>\n");
    }
}

static void suspects(lia_buf *b, const lia_report_entry *e)
{
    const lia_suspects *su = e->suspects;
    lia_buf_puts(b, "<h3>Suspected penetration</h3>\n<div class=\"b-wide\"><table>\n<thead><tr><th>suspect</th><th class=\"b-n\">chance it "
                    "is penetrated</th><th class=\"b-n\">leak clean / penetrated</th><th class=\"b-n\">detection per "
                    "period</th><th class=\"b-n\">trust threshold</th><th class=\"b-n\">probation (quiet periods)</th>"
                    "<th class=\"b-n\">chance uncovered in probation</th><th>status at that chance</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < lia_suspects_count(su); k++) {
        double prior = NAN, leak = NAN, leak_p = NAN, detect = NAN;
        lia_suspects_inputs(su, k, &prior, &leak, &leak_p, &detect);
        lia_buf_puts(b, "<tr>");
        td_text(b, lia_suspects_party(su, k));
        td_num(b, prior, 1, "-");
        lia_buf_puts(b, "<td class=\"b-n\">");
        lia__brief_num(b, leak, 1, "-");
        lia_buf_puts(b, " / ");
        lia__brief_num(b, leak_p, 1, "-");
        lia_buf_puts(b, "</td>");
        td_num(b, detect, 1, "-");
        td_num(b, lia_suspects_threshold(su, k), 1, "never trusted");
        size_t prob = lia_suspects_probation(su, k);
        if (prob == SIZE_MAX) lia_buf_puts(b, "<td class=\"b-n\">never ends</td>");
        else lia_buf_printf(b, "<td class=\"b-n\">%zu</td>", prob);
        td_num(b, lia_suspects_uncover_probability(su, k), 1, "-");
        lia_buf_puts(b, "<td>");
        lia__brief_badge(b, lia_suspects_prior_verdict(su, k));
        lia_buf_puts(b, "</td></tr>\n");
    }
    lia_buf_puts(b, "</tbody></table></div>\n<p class=\"b-small\">The trust threshold is the largest belief that the suspect is "
                    "penetrated at which the commitment still holds; each quiet period (no detection) lowers the "
                    "belief, and the probation counts the periods until it is at or below the threshold.</p>\n");
}

/* ---- burden sharing --------------------------------------------------------------------- */

static void burden(lia_buf *b, const lia_report_entry *e)
{
    lia_buf_puts(b, "<h3>Burden sharing</h3>\n");
    const lia_share *s = e->shares;
    if (!s) {
        lia_buf_puts(b, "<p>Not computed: ");
        lia__brief_text(b, e->shares_why ? e->shares_why : "no coalition game");
        lia_buf_puts(b, ".</p>\n");
        return;
    }
    double sc = scale_of(e);
    lia_buf_puts(b, "<p>Together the members create <strong>v(N) = ");
    lia__brief_num(b, lia_share_grand_value(s), sc, "-");
    lia_buf_puts(b, "</strong> per period. ");
    int empty = lia_share_core_empty(s);
    lia_buf_puts(b, empty > 0 ? "The core is empty: no split of it satisfies every group of members."
                    : empty == 0 ? "The core is not empty: some split of it satisfies every group of members."
                                 : "");
    lia_buf_puts(b, "</p>\n<figure>\n");
    lia__brief_shares_chart(b, s, sc);
    lia_buf_puts(b, "<figcaption>What each member gets at the commitment beside two fair splits of v(N).</figcaption>\n"
                    "</figure>\n");
    if (lia_share_exploitation(s)) {
        lia_buf_puts(b, "<figure>\n");
        lia__brief_exploitation_chart(b, s);
        lia_buf_puts(b, "<figcaption>The exploitation index: a member's share of the costs over its share of the "
                        "benefits. Above 1 (right of the dashed line) it carries more than it gets.</figcaption>\n</figure>\n");
    }
    static const lia_share_rule rules[] = { LIA_SHARE_ACTUAL, LIA_SHARE_SHAPLEY, LIA_SHARE_NUCLEOLUS, LIA_SHARE_EQUAL,
                                            LIA_SHARE_RESOURCES };
    static const char *const heads[] = { "actual", "Shapley", "nucleolus", "equal", "by resources" };
    const double *ex = lia_share_exploitation(s);
    lia_buf_puts(b, "<table>\n<thead><tr><th>member</th>");
    for (size_t k = 0; k < sizeof rules / sizeof *rules; k++)
        if (lia_share_vector(s, rules[k])) lia_buf_printf(b, "<th class=\"b-n\">%s</th>", heads[k]);
    if (ex) lia_buf_puts(b, "<th class=\"b-n\">exploitation index</th>");
    lia_buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < lia_share_player_count(s); i++) {
        lia_buf_puts(b, "<tr>");
        td_text(b, lia_share_player_name(s, i));
        for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
            const double *v = lia_share_vector(s, rules[k]);
            if (v) td_num(b, v[i], sc, "-");
        }
        if (ex) td_num(b, ex[i], 1, "-");
        lia_buf_puts(b, "</tr>\n");
    }
    lia_buf_puts(b, "</tbody></table>\n<h3>Break-away coalitions</h3>\n");
    size_t nb = lia_share_breakaway_count(s), total = lia_share_breakaway_total(s);
    if (!total) {
        lia_buf_puts(b, "<p>No group of members would do better on its own: every group gets at least v(S) at the "
                        "commitment.</p>\n");
        return;
    }
    lia_buf_printf(b, "<p>%zu group%s would do better on its own than at the commitment (v(S) above what its members "
                      "get), worst first:</p>\n<table>\n<thead><tr><th>group</th><th class=\"b-n\">v(S)</th>"
                      "<th class=\"b-n\">gets</th><th class=\"b-n\">short by</th></tr></thead>\n<tbody>\n",
                   total, total == 1 ? "" : "s");
    for (size_t k = 0; k < nb; k++) {
        uint64_t mask;
        double v, got;
        if (lia_share_breakaway(s, k, &mask, &v, &got) != LIA_OK) continue;
        lia_buf_puts(b, "<tr><td>");
        const char *names[64];
        size_t n = 0;
        for (size_t i = 0; i < lia_share_player_count(s) && i < 64; i++)
            if (mask >> i & 1) names[n++] = lia_share_player_name(s, i);
        name_list(b, names, n);
        lia_buf_puts(b, "</td>");
        td_num(b, v, sc, "-");
        td_num(b, got, sc, "-");
        td_num(b, v - got, sc, "-");
        lia_buf_puts(b, "</tr>\n");
    }
    lia_buf_puts(b, "</tbody></table>\n");
    if (total > nb) lia_buf_printf(b, "<p class=\"b-small\">and %zu more.</p>\n", total - nb);
}

/* ---- the page --------------------------------------------------------------------------- */

static void verdict_box(lia_buf *b, const lia_report_entry *e)
{
    lia_verdict v = verdict_of(e);
    if (!e->repeat) return;
    lia_buf_printf(b, "<div class=\"b-verdict\" style=\"border-left-color:%s\">\n<p class=\"b-status\">",
                   lia__svg_verdict_fill(v));
    if (v == LIA_VERDICT_NONE) lia_buf_puts(b, "No verdict: the model gives no patience");
    else { lia_buf_puts(b, "The commitment "); lia__brief_badge(b, v); }
    lia_buf_puts(b, "</p>\n");
    const char *summary = lia_repeat_summary(e->repeat);
    if (summary && *summary) { lia_buf_puts(b, "<p>"); lia__brief_text(b, summary); lia_buf_puts(b, "</p>\n"); }
    char line[512];
    for (size_t k = 0; e->suspects && k < lia_suspects_count(e->suspects); k++) {
        lia__report_suspect_sentence(line, sizeof line, e, k, 1);
        lia_buf_puts(b, "<p>");
        lia__brief_text(b, line);
        lia_buf_puts(b, "</p>\n");
    }
    if (e->regimes) {
        lia__report_regimes_sentence(line, sizeof line, e);
        lia_buf_puts(b, "<p>");
        lia__brief_text(b, line);
        lia_buf_puts(b, "</p>\n");
    }
    lia_buf_puts(b, "</div>\n");
}

static void glance(lia_buf *b, const lia_report *r)
{
    lia_buf_puts(b, "<nav class=\"b-glance\">\n<h2>At a glance</h2>\n<table>\n<thead><tr><th>agreement</th><th>kind</th>"
                    "<th>members</th><th>the commitment</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n; i++) {
        const lia_report_entry *e = &r->entries[i];
        lia_buf_printf(b, "<tr><td><a href=\"#agreement-%zu\">", i + 1);
        lia__brief_text(b, e->name);
        lia_buf_printf(b, "</a></td><td>%s</td><td>", kind_words(e));
        name_list(b, e->members, e->np);
        lia_buf_puts(b, "</td><td>");
        if (e->repeat && verdict_of(e) != LIA_VERDICT_NONE) lia__brief_badge(b, verdict_of(e));
        else lia_buf_puts(b, "\xe2\x80\x93");
        lia_buf_puts(b, "</td></tr>\n");
    }
    lia_buf_puts(b, "</tbody></table>\n</nav>\n");
}

static void entry(lia_buf *b, const lia_report_entry *e, size_t i, const lia_briefing_options *o, size_t *s)
{
    lia_buf_printf(b, "<section class=\"b-agreement\" id=\"agreement-%zu\">\n<h2>", i + 1);
    lia__brief_text(b, e->name);
    lia_buf_printf(b, "</h2>\n<p class=\"b-meta\">%s of ", kind_words(e));
    name_list(b, e->members, e->np);
    lia_buf_puts(b, "</p>\n");
    verdict_box(b, e);
    stage_game(b, e, s);
    if (e->repeat) {
        sustainability(b, e);
        transfers(b, e);
    }
    if (e->regimes) regimes(b, e);
    if (e->suspects) suspects(b, e);
    if (e->kind != LIA_KIND_NORMAL) burden(b, e);
    if (o->sweep && strcmp(lia__sweep_game(o->sweep), e->name) == 0) lia__brief_sweep(b, o->sweep, 3);
    lia_buf_puts(b, "</section>\n");
}

lia_status lia_report_write_html(char **out, size_t *len, const lia_report *r, const lia_briefing_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_briefing_options o;
    if (!r || !lia__brief_options(&o, opts)) return LIA_EUSAGE;
    size_t most = 1;
    int found = !o.sweep;
    for (size_t i = 0; i < r->n; i++) {
        most = r->entries[i].np > most ? r->entries[i].np : most;
        if (o.sweep && strcmp(lia__sweep_game(o.sweep), r->entries[i].name) == 0) found = 1;
    }
    if (!found) return LIA_EUSAGE;
    size_t *scratch = lia__calloc(most, sizeof *scratch);
    if (!scratch) return LIA_ENOMEM;
    lia_c_numeric loc;
    if (!lia_c_numeric_begin(&loc)) { lia__free(scratch); return LIA_ENOMEM; }
    lia_buf b;
    lia_buf_init(&b);
    char what[96];
    size_t games = 0;
    for (size_t i = 0; i < r->n; i++) games += r->entries[i].kind == LIA_KIND_NORMAL;
    if (r->n == 1) snprintf(what, sizeof what, "%s", kind_words(&r->entries[0]));
    else if (!games) snprintf(what, sizeof what, "%zu agreements", r->n);
    else if (games == r->n) snprintf(what, sizeof what, "%zu games", r->n);
    else snprintf(what, sizeof what, "%zu agreements, %zu game%s", r->n - games, games, games == 1 ? "" : "s");
    lia__brief_open(&b, r->title, r->n == 1 ? r->entries[0].name : "liaison briefing", r->source, what);
    if (r->n > 1) glance(&b, r);
    for (size_t i = 0; i < r->n; i++) entry(&b, &r->entries[i], i, &o, scratch);
    lia__brief_close(&b, &o);
    lia_c_numeric_end(&loc);
    lia__free(scratch);
    *out = lia_buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}
