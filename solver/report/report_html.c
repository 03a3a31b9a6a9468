/* report_html.c — the solve report as a briefing page (docs/cli.md, `solve --format html`):
 * per agreement the status in plain words, then its sections (brief_game.c, brief_repeat.c,
 * brief_dynamics.c, brief_burden.c) and, with a sweep, where it breaks down. The words are the
 * library's (lia_repeat_summary, the text report's sentences); these files only lay them out
 * for a reader. */
#include "report.h"
#include "brief.h"
#include "../sweep/svg_axes.h"
#include "../sweep/sweep.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <stdio.h>
#include <string.h>

static lia_verdict verdict_of(const lia_report_entry *e) { return e->repeat ? lia_repeat_verdict(e->repeat) : LIA_VERDICT_NONE; }

static const char *kind_words(const lia_report_entry *e)
{
    return e->kind == LIA_KIND_BILATERAL ? "Bilateral agreement" : e->kind == LIA_KIND_MULTILATERAL ? "Multilateral agreement"
                                                                                                  : "Normal-form game";
}

static void verdict_box(lia_buf *b, const lia_report_entry *e)
{
    lia_verdict v = verdict_of(e);
    if (!e->repeat) return;
    lia__buf_printf(b, "<div class=\"b-verdict\" style=\"border-left-color:%s\">\n<p class=\"b-status\">",
                   lia__svg_verdict_fill(v));
    if (v == LIA_VERDICT_NONE) lia__buf_puts(b, "No verdict: the model gives no patience");
    else { lia__buf_puts(b, "The commitment "); lia__brief_badge(b, v); }
    lia__buf_puts(b, "</p>\n");
    const char *summary = lia_repeat_summary(e->repeat);
    if (summary && *summary) { lia__buf_puts(b, "<p>"); lia__brief_text(b, summary); lia__buf_puts(b, "</p>\n"); }
    char line[512];
    for (size_t k = 0; e->suspects && k < lia_suspects_count(e->suspects); k++) {
        lia__report_suspect_sentence(line, sizeof line, e, k, 1);
        lia__buf_puts(b, "<p>");
        lia__brief_text(b, line);
        lia__buf_puts(b, "</p>\n");
    }
    if (e->regimes) {
        lia__report_regimes_sentence(line, sizeof line, e);
        lia__buf_puts(b, "<p>");
        lia__brief_text(b, line);
        lia__buf_puts(b, "</p>\n");
    }
    lia__buf_puts(b, "</div>\n");
}

static void glance(lia_buf *b, const lia_report *r)
{
    lia__buf_puts(b, "<nav class=\"b-glance\">\n<h2>At a glance</h2>\n<table>\n<thead><tr><th>agreement</th><th>kind</th>"
                    "<th>members</th><th>the commitment</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n; i++) {
        const lia_report_entry *e = &r->entries[i];
        lia__buf_printf(b, "<tr><td><a href=\"#agreement-%zu\">", i + 1);
        lia__brief_text(b, e->name);
        lia__buf_printf(b, "</a></td><td>%s</td><td>", kind_words(e));
        lia__brief_names(b, e->members, e->np);
        lia__buf_puts(b, "</td><td>");
        if (e->repeat && verdict_of(e) != LIA_VERDICT_NONE) lia__brief_badge(b, verdict_of(e));
        else lia__buf_puts(b, "\xe2\x80\x93");
        lia__buf_puts(b, "</td></tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n</nav>\n");
}

static void entry(lia_buf *b, const lia_report_entry *e, size_t i, const lia_briefing_options *o, size_t *s)
{
    lia__buf_printf(b, "<section class=\"b-agreement\" id=\"agreement-%zu\">\n<h2>", i + 1);
    lia__brief_text(b, e->name);
    lia__buf_printf(b, "</h2>\n<p class=\"b-meta\">%s of ", kind_words(e));
    lia__brief_names(b, e->members, e->np);
    lia__buf_puts(b, "</p>\n");
    verdict_box(b, e);
    lia__brief_stage_game(b, e, s);
    if (e->repeat) {
        lia__brief_sustainability(b, e);
        lia__brief_transfers(b, e);
    }
    if (e->regimes) lia__brief_regimes(b, e);
    if (e->suspects) lia__brief_suspects(b, e);
    if (e->kind != LIA_KIND_NORMAL) lia__brief_burden(b, e);
    if (o->sweep && strcmp(lia__sweep_game(o->sweep), e->name) == 0) lia__brief_sweep(b, o->sweep, 3);
    lia__buf_puts(b, "</section>\n");
}

static lia_status report_write_html_body(char **out, size_t *len, const lia_report *r, const lia_briefing_options *opts)
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
    if (!lia__c_numeric_begin(&loc)) { lia__free(scratch); return LIA_ENOMEM; }
    lia_buf b;
    lia__buf_init(&b);
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
    lia__c_numeric_end(&loc);
    lia__free(scratch);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_report_write_html(char **out, size_t *len, const lia_report *r, const lia_briefing_options *opts)
{
    lia__errmsg_clear();
    return lia__errmsg_write(report_write_html_body(out, len, r, opts), r, "the solve report", "HTML");
}

