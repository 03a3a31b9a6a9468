/* brief_dynamics.c — regimes and suspects in a briefing: the transition table with each
 * regime's long-run share, each member's critical patience over the regimes beside the
 * averaged game's, payments by regime; each suspect's trust threshold and probation. */
#include "report.h"
#include "brief.h"
#include <math.h>
#include <stdint.h>

void lia__brief_regimes(lia_buf *b, const lia_report_entry *e)
{
    const lia_regimes *g = e->regimes;
    size_t nr = lia_regimes_count(g), nm = lia_regimes_member_count(g);
    lia__buf_puts(b, "<h3>Regimes</h3>\n<p>The world moves between ");
    lia__buf_printf(b, "%zu regimes; it starts in <strong>", nr);
    lia__brief_text(b, lia_regimes_name(g, lia_regimes_start(g)));
    lia__buf_puts(b, "</strong>.</p>\n<table>\n<thead><tr><th>regime</th><th class=\"b-n\">long-run share of periods</th>");
    for (size_t to = 0; to < nr; to++) {
        lia__buf_puts(b, "<th class=\"b-n\">to ");
        lia__brief_text(b, lia_regimes_name(g, to));
        lia__buf_puts(b, "</th>");
    }
    lia__buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t s = 0; s < nr; s++) {
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, lia_regimes_name(g, s));
        lia__buf_puts(b, "<td class=\"b-n\">");
        lia__brief_percent(b, lia_regimes_long_run(g, s));
        lia__buf_puts(b, "</td>");
        for (size_t to = 0; to < nr; to++) lia__brief_td_num(b, lia_regimes_transition(g, s, to), 1, "-");
        lia__buf_puts(b, "</tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n<p class=\"b-small\">The chance per period of moving from the regime of the row "
                    "to that of the column.</p>\n<table>\n<thead><tr><th>member</th><th class=\"b-n\">patience</th>"
                    "<th class=\"b-n\">\xce\xb4* over the regimes</th><th>binding regime</th><th class=\"b-n\">\xce\xb4* of "
                    "the averaged game</th><th>keeps to it in every regime</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < nm; i++) {
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, lia_regimes_member(g, i));
        lia__brief_td_num(b, lia_regimes_patience(g, i), 1, "-");
        lia__brief_td_num(b, lia_regimes_delta_star(g, i), 1, "never");
        size_t bind = lia_regimes_binding(g, i);
        lia__brief_td_text(b, bind == LIA_REGIMES_NONE ? "-" : lia_regimes_name(g, bind));
        lia__brief_td_num(b, lia_regimes_averaged_delta_star(g, i), 1, "never");
        int ok = lia_regimes_sustainable(g, i);
        lia__buf_printf(b, "<td class=\"%s\">%s</td></tr>\n", ok > 0 ? "b-ok" : ok == 0 ? "b-bad" : "",
                       ok > 0 ? "yes" : ok == 0 ? "no" : "-");
    }
    lia__buf_puts(b, "</tbody></table>\n<p class=\"b-small\">Averaging the stage game over the long run can hide the "
                    "regime that binds: compare the two \xce\xb4* columns.</p>\n");
    double cost = NAN;
    int tf = lia_regimes_transfers(g, &cost), paid = 0;
    for (size_t s = 0; tf > 0 && s < nr; s++)
        for (size_t i = 0; i < nm; i++) paid |= fabs(lia_regimes_transfer(g, s, i)) > 1e-9 * lia__brief_scale(e);
    if (tf > 0 && !paid) {
        lia__buf_puts(b, "<p>No payment by regime is needed: every member keeps to the commitment in every regime it "
                        "can reach.</p>\n");
    } else if (tf > 0) {
        lia__buf_puts(b, "<p>Payments by regime that keep every member to the commitment in every regime (positive: "
                        "receives, per period):</p>\n<table>\n<thead><tr><th>regime</th>");
        for (size_t i = 0; i < nm; i++) { lia__buf_puts(b, "<th class=\"b-n\">"); lia__brief_text(b, lia_regimes_member(g, i)); lia__buf_puts(b, "</th>"); }
        lia__buf_puts(b, "</tr></thead>\n<tbody>\n");
        for (size_t s = 0; s < nr; s++) {
            lia__buf_puts(b, "<tr>");
            lia__brief_td_text(b, lia_regimes_name(g, s));
            for (size_t i = 0; i < nm; i++) lia__brief_td_num(b, lia_regimes_transfer(g, s, i), lia__brief_scale(e), "-");
            lia__buf_puts(b, "</tr>\n");
        }
        lia__buf_puts(b, "</tbody></table>\n");
    } else if (tf == 0) {
        lia__buf_puts(b, "<p>No payments by regime keep every member to the commitment in every regime.</p>\n");
    }
}

void lia__brief_suspects(lia_buf *b, const lia_report_entry *e)
{
    const lia_suspects *su = e->suspects;
    lia__buf_puts(b, "<h3>Suspected penetration</h3>\n<div class=\"b-wide\"><table>\n<thead><tr><th>suspect</th><th class=\"b-n\">chance it "
                    "is penetrated</th><th class=\"b-n\">leak clean / penetrated</th><th class=\"b-n\">detection per "
                    "period</th><th class=\"b-n\">trust threshold</th><th class=\"b-n\">probation (quiet periods)</th>"
                    "<th class=\"b-n\">chance uncovered in probation</th><th>status at that chance</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < lia_suspects_count(su); k++) {
        double prior = NAN, leak = NAN, leak_p = NAN, detect = NAN;
        lia_suspects_inputs(su, k, &prior, &leak, &leak_p, &detect);
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, lia_suspects_party(su, k));
        lia__brief_td_num(b, prior, 1, "-");
        lia__buf_puts(b, "<td class=\"b-n\">");
        lia__brief_num(b, leak, 1, "-");
        lia__buf_puts(b, " / ");
        lia__brief_num(b, leak_p, 1, "-");
        lia__buf_puts(b, "</td>");
        lia__brief_td_num(b, detect, 1, "-");
        lia__brief_td_num(b, lia_suspects_threshold(su, k), 1, "never trusted");
        size_t prob = lia_suspects_probation(su, k);
        if (prob == SIZE_MAX) lia__buf_puts(b, "<td class=\"b-n\">never ends</td>");
        else lia__buf_printf(b, "<td class=\"b-n\">%zu</td>", prob);
        lia__brief_td_num(b, lia_suspects_uncover_probability(su, k), 1, "-");
        lia__buf_puts(b, "<td>");
        lia__brief_badge(b, lia_suspects_prior_verdict(su, k));
        lia__buf_puts(b, "</td></tr>\n");
    }
    lia__buf_puts(b, "</tbody></table></div>\n<p class=\"b-small\">The trust threshold is the largest belief that the suspect is "
                    "penetrated at which the commitment still holds; each quiet period (no detection) lowers the "
                    "belief, and the probation counts the periods until it is at or below the threshold.</p>\n");
}

