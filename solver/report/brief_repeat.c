/* brief_repeat.c — is the commitment self-enforcing, in a briefing: each member's critical
 * patience against its patience (chart and table), the detection it has and needs, and the
 * transfers that would restore the commitment, in the library's words. */
#include "report.h"
#include "brief.h"
#include "../repeat/repeat.h"
#include "../repeat/repeat_internal.h"
#include "../util/mem.h"
#include <math.h>

/* Text some library writer made from model names (transfer words), escaped. */
static void escaped_words(lia_buf *b, const lia_repeat *r, const double *t)
{
    lia_buf w;
    lia__buf_init(&w);
    lia__repeat_transfer_words(&w, r, t);
    char *s = lia__buf_take(&w, NULL);
    if (!s) { b->failed = 1; return; }
    lia__brief_text(b, s);
    lia__free(s);
}

void lia__brief_sustainability(lia_buf *b, const lia_report_entry *e)
{
    const lia_repeat *r = e->repeat;
    double sc = lia__brief_scale(e);
    lia__buf_puts(b, "<h3>Is the commitment self-enforcing?</h3>\n");
    if (lia_repeat_verdict(r) == LIA_VERDICT_NONE)
        lia__buf_puts(b, "<p>The model gives no patience, so there is no verdict; the table gives what each member "
                        "would need.</p>\n");
    lia__buf_puts(b, "<figure>\n");
    lia__brief_patience_chart(b, r, e->members);
    lia__buf_puts(b, "<figcaption>A member keeps to the commitment when its bar (its critical patience \xce\xb4*) ends "
                    "left of its line (its patience): the threat that cooperation stops then outweighs what a breach "
                    "would gain it.</figcaption>\n</figure>\n");
    lia__buf_puts(b, "<table>\n<thead><tr><th>member</th><th class=\"b-n\">C</th><th class=\"b-n\">D</th>"
                    "<th class=\"b-n\">P</th><th class=\"b-n\">\xce\xb4*</th><th class=\"b-n\">patience</th>"
                    "<th>verdict</th></tr></thead>\n<tbody>\n");
    for (size_t p = 0; p < e->np; p++) {
        const lia_sustain *s = lia_repeat_player(r, p);
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, e->members[p]);
        lia__brief_td_num(b, s->value, sc, "-");
        lia__brief_td_num(b, s->deviation, sc, "-");
        lia__brief_td_num(b, s->punishment, sc, "-");
        lia__brief_td_num(b, s->delta_star, 1, "never");
        lia__brief_td_num(b, s->patience, 1, "-");
        lia__buf_printf(b, "<td class=\"%s\">%s</td></tr>\n", s->sustainable > 0 ? "b-ok" : s->sustainable == 0 ? "b-bad" : "",
                       lia__repeat_member_words(r, p));
    }
    lia__buf_puts(b, "</tbody></table>\n<p class=\"b-small\">C: payoff per period at the commitment; D: from the best "
                    "breach for one period; P: under the punishment (the stage equilibrium worst for the member); "
                    "\xce\xb4*: the least patience that keeps it to the commitment.</p>\n");
    int monitored = 0;
    for (size_t p = 0; p < e->np; p++) {
        double q = 1;
        lia_repeat_monitoring(r, p, &q, NULL);
        monitored |= q < 1;
    }
    if (monitored) {
        lia__buf_puts(b, "<p>Breaches are not always seen. Chance per period that a breach is noticed, and the least "
                        "chance that keeps the member to the commitment at its patience: ");
        for (size_t p = 0; p < e->np; p++) {
            double q = 1, need = NAN;
            lia_repeat_monitoring(r, p, &q, &need);
            if (p) lia__buf_puts(b, "; ");
            lia__brief_text(b, e->members[p]);
            lia__buf_puts(b, " ");
            lia__brief_num(b, q, 1, "-");
            lia__buf_puts(b, " (needs ");
            lia__brief_num(b, need, 1, "none suffices");
            lia__buf_puts(b, ")");
        }
        lia__buf_puts(b, ".</p>\n");
    }
}

void lia__brief_transfers(lia_buf *b, const lia_report_entry *e)
{
    const lia_repeat *r = e->repeat;
    lia_verdict v = lia_repeat_verdict(r);
    double sc = lia__brief_scale(e);
    if (v == LIA_VERDICT_NONE) return;
    lia__buf_puts(b, "<h3>Transfers</h3>\n");
    const double *t = NULL;
    int feasible = lia_repeat_transfers(r, &t);
    if (v == LIA_VERDICT_HOLDS) {
        lia__buf_puts(b, "<p>None needed: every member keeps to the commitment on its own.</p>\n");
    } else if (feasible > 0) {
        lia__buf_puts(b, "<p>The cheapest side payments that keep every member to the commitment: <strong>");
        escaped_words(b, r, t);
        lia__buf_puts(b, "</strong> (in the payoff unit).</p>\n<table>\n<thead><tr><th>member</th><th class=\"b-n\">at the "
                        "commitment</th><th class=\"b-n\">transfer</th><th class=\"b-n\">after it</th></tr></thead>\n<tbody>\n");
        for (size_t p = 0; p < e->np; p++) {
            const lia_sustain *s = lia_repeat_player(r, p);
            lia__buf_puts(b, "<tr>");
            lia__brief_td_text(b, e->members[p]);
            lia__brief_td_num(b, s->value, sc, "-");
            lia__brief_td_num(b, t[p], sc, "-");
            lia__brief_td_num(b, s->value + t[p], sc, "-");
            lia__buf_puts(b, "</tr>\n");
        }
        lia__buf_puts(b, "</tbody></table>\n");
    } else if (feasible == 0) {
        lia__buf_puts(b, "<p>No side payment between the members (summing to zero) keeps every member to the "
                        "commitment.</p>\n");
    }
    const size_t *prof;
    const double *pay, *bt;
    if (v == LIA_VERDICT_HOLDS) return;
    if (lia_repeat_best(r, &prof, &pay, &bt) > 0) {
        int same = e->has_commit;
        for (size_t p = 0; p < e->np; p++) same &= prof[p] == e->commit[p];
        if (same) return;
        lia__buf_puts(b, "<p>The most valuable sharing that transfers can make self-enforcing: ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia__buf_puts(b, ", ");
            lia__brief_text(b, e->members[p]);
            lia__buf_puts(b, " shares ");
            lia__brief_text(b, e->levels[p][prof[p]]);
        }
        lia__buf_puts(b, " (payoffs ");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia__buf_puts(b, ", ");
            lia__brief_num(b, pay[p] + bt[p], sc, "-");
        }
        lia__buf_puts(b, " after ");
        escaped_words(b, r, bt);
        lia__buf_puts(b, ").</p>\n");
    } else {
        lia__buf_puts(b, "<p>No sharing profile is self-enforcing, even with transfers.</p>\n");
    }
}

