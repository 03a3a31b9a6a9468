/* brief_game.c — the stage game in a briefing: for two members the payoff table (the
 * commitment framed, the pure equilibria shaded), else the profiles that matter for the verdict
 * (the commitment, the pure equilibria, each member's best breach); then the equilibria in
 * words, mixed ones as probabilities over levels. */
#include "report.h"
#include "brief.h"
#include "../nash/eqset.h"
#include "../repeat/repeat.h"
#include <stdint.h>
#include <string.h>

enum { MAX_BIMATRIX = 10, MAX_LISTED = 10 };

double lia__brief_scale(const lia_report_entry *e) { return e->eq ? e->eq->scale : 1; }

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
    double sc = lia__brief_scale(e);
    lia__buf_puts(b, "<table class=\"b-game\">\n<thead><tr><th></th><th colspan=\"");
    lia__buf_printf(b, "%zu\"><span class=\"b-p1\">", n1);
    lia__brief_text(b, e->members[1]);
    lia__buf_printf(b, "</span> %s</th></tr>\n<tr><th><span class=\"b-p0\">", e->kind == LIA_KIND_NORMAL ? "plays" : "shares");
    lia__brief_text(b, e->members[0]);
    lia__buf_printf(b, "</span> %s</th>", e->kind == LIA_KIND_NORMAL ? "plays" : "shares");
    for (size_t j = 0; j < n1; j++) {
        lia__buf_puts(b, "<th>");
        lia__brief_text(b, e->levels[1][j]);
        lia__buf_puts(b, "</th>");
    }
    lia__buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n0; i++) {
        lia__buf_puts(b, "<tr><th>");
        lia__brief_text(b, e->levels[0][i]);
        lia__buf_puts(b, "</th>");
        for (size_t j = 0; j < n1; j++) {
            s[0] = i;
            s[1] = j;
            size_t prof = profile_index(e, s);
            int commit = e->has_commit && e->commit[0] == i && e->commit[1] == j, eq = is_pure_equilibrium(e, s, tmp);
            lia__buf_printf(b, "<td%s%s%s>", commit || eq ? " class=\"" : "", commit ? (eq ? "b-commit b-eq" : "b-commit") : eq ? "b-eq" : "",
                           commit || eq ? "\"" : "");
            lia__buf_puts(b, "<span class=\"b-p0\">");
            lia__brief_num(b, e->payoffs[prof], sc, "-");
            lia__buf_puts(b, "</span>, <span class=\"b-p1\">");
            lia__brief_num(b, e->payoffs[e->nprofiles + prof], sc, "-");
            lia__buf_puts(b, "</span></td>");
        }
        lia__buf_puts(b, "</tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n<p class=\"b-small\">Each cell: <span class=\"b-p0\">");
    lia__brief_text(b, e->members[0]);
    lia__buf_puts(b, "'s payoff</span>, <span class=\"b-p1\">");
    lia__brief_text(b, e->members[1]);
    lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? "'s payoff</span>." : "'s payoff</span> per period.");
    if (e->has_commit) lia__buf_puts(b, " Framed: the commitment.");
    lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? " Shaded: a pure equilibrium.</p>\n"
                                               : " Shaded: a pure equilibrium of the stage game (what each would do if "
                                                 "there were no next period).</p>\n");
}

/* One row of the profile list: a label, each member's level, each member's payoff. */
static void profile_row(lia_buf *b, const lia_report_entry *e, const char *what, const char *who, const size_t *s,
                        const double *pay, size_t stride)
{
    lia__buf_puts(b, "<tr><td>");
    lia__buf_puts(b, what);
    if (who) { lia__buf_putc(b, ' '); lia__brief_text(b, who); lia__buf_puts(b, " breaches"); }
    lia__buf_puts(b, "</td>");
    for (size_t p = 0; p < e->np; p++) lia__brief_td_text(b, e->levels[p][s[p]]);
    for (size_t p = 0; p < e->np; p++) lia__brief_td_num(b, pay[p * stride], lia__brief_scale(e), "-");
    lia__buf_puts(b, "</tr>\n");
}

/* More members, or many levels: the profiles that matter for the verdict. */
static void profile_list(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    lia__buf_puts(b, "<div class=\"b-wide\"><table>\n<thead><tr><th>profile</th>");
    for (size_t p = 0; p < e->np; p++) {
        lia__buf_puts(b, "<th>");
        lia__brief_text(b, e->members[p]);
        lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? " plays</th>" : " shares</th>");
    }
    for (size_t p = 0; p < e->np; p++) { lia__buf_puts(b, "<th class=\"b-n\">"); lia__brief_text(b, e->members[p]); lia__buf_puts(b, "'s payoff</th>"); }
    lia__buf_puts(b, "</tr></thead>\n<tbody>\n");
    if (e->has_commit) profile_row(b, e, "the commitment", NULL, e->commit, e->commit_payoffs, 1);
    size_t listed = 0, count = e->eq ? lia_eqset_count(e->eq) : 0;
    for (size_t k = 0; k < count && listed < MAX_LISTED; k++) {
        if (!pure(e, k, s)) continue;
        profile_row(b, e, "an equilibrium", NULL, s, lia_eqset_payoffs(e->eq, k), 1);
        listed++;
    }
    for (size_t p = 0; e->repeat && e->payoffs && p < e->np; p++) {
        const lia_sustain *row = lia_repeat_player(e->repeat, p);
        if (row->best_deviation == e->commit[p] || lia_repeat_direction(e->repeat, p) != LIA_DIRECTION_WITHHOLD) continue;
        memcpy(s, e->commit, e->np * sizeof *s);
        s[p] = row->best_deviation;
        profile_row(b, e, "its best breach:", e->members[p], s, e->payoffs + profile_index(e, s), e->nprofiles);
    }
    lia__buf_puts(b, "</tbody></table></div>\n<p class=\"b-small\">The stage game has ");
    lia__buf_printf(b, "%zu profiles; shown are the commitment, the pure equilibria and each member's best breach of the "
                      "commitment (<code>liaison compile</code> writes them all).</p>\n", e->nprofiles);
}

static void equilibria(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    size_t count = e->eq ? lia_eqset_count(e->eq) : 0;
    if (!count) { lia__buf_puts(b, "<p>The stage game has no equilibrium that was found.</p>\n"); return; }
    lia__buf_printf(b, "<p>Equilibria of the %s (%s): %zu.</p>\n<ul>\n", e->kind == LIA_KIND_NORMAL ? "game" : "stage game",
                   e->np == 2 ? "every extreme one" : "the pure ones", count);
    for (size_t k = 0; k < count && k < MAX_LISTED; k++) {
        const double *x = lia_eqset_profile(e->eq, k), *pay = lia_eqset_payoffs(e->eq, k);
        int is_pure = pure(e, k, s);
        lia__buf_puts(b, "<li>");
        for (size_t p = 0, off = 0; p < e->np; off += e->nlevels[p++]) {
            if (p) lia__buf_puts(b, "; ");
            lia__brief_text(b, e->members[p]);
            lia__buf_puts(b, verb(e));
            if (is_pure) { lia__brief_text(b, e->levels[p][s[p]]); continue; }
            int first = 1;
            for (size_t j = 0; j < e->nlevels[p]; j++) {
                if (x[off + j] <= 1e-9) continue;
                if (!first) lia__buf_puts(b, " + ");
                first = 0;
                lia__brief_num(b, x[off + j], 1, "-");
                lia__buf_puts(b, " \xc3\x97 ");
                lia__brief_text(b, e->levels[p][j]);
            }
        }
        lia__buf_puts(b, is_pure ? "" : " (mixed)");
        lia__buf_puts(b, " \xe2\x80\x94 payoffs ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia__buf_puts(b, ", ");
            lia__brief_num(b, pay[p], lia__brief_scale(e), "-");
        }
        lia__buf_puts(b, "</li>\n");
    }
    if (count > MAX_LISTED) lia__buf_printf(b, "<li>and %zu more (<code>liaison nash</code> lists them)</li>\n", count - MAX_LISTED);
    lia__buf_puts(b, "</ul>\n");
}

void lia__brief_stage_game(lia_buf *b, const lia_report_entry *e, size_t *s)
{
    lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? "<h3>The game</h3>\n<p>" : "<h3>The stage game</h3>\n<p>");
    for (size_t p = 0; p < e->np; p++) lia__buf_printf(b, "%s%zu", p ? " \xc3\x97 " : "", e->nlevels[p]);
    lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? " strategies" : " sharing levels");
    if (e->has_class) {
        lia__buf_printf(b, "; its class is <strong>%s</strong>", lia_class2x2_name(e->cls));
        if (e->class_restricted) lia__buf_puts(b, " (between withholding and the committed levels)");
    }
    lia__buf_puts(b, ".");
    if (e->has_commit) {
        lia__buf_puts(b, " The commitment: ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia__buf_puts(b, ", ");
            lia__brief_text(b, e->members[p]);
            lia__buf_puts(b, " shares ");
            lia__brief_text(b, e->levels[p][e->commit[p]]);
        }
        lia__buf_puts(b, ".");
    }
    lia__buf_puts(b, "</p>\n");
    if (e->np == 2 && e->payoffs && e->nlevels[0] <= MAX_BIMATRIX && e->nlevels[1] <= MAX_BIMATRIX) bimatrix(b, e);
    else profile_list(b, e, s);
    equilibria(b, e, s);
}

