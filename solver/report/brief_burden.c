/* brief_burden.c — burden sharing in a briefing: v(N) and the core, the actual split beside
 * the fair ones and the exploitation index (charts and a table), the break-away coalitions. */
#include "report.h"
#include "brief.h"
#include <stdint.h>

void lia__brief_burden(lia_buf *b, const lia_report_entry *e)
{
    lia__buf_puts(b, "<h3>Burden sharing</h3>\n");
    const lia_share *s = e->shares;
    if (!s) {
        lia__buf_puts(b, "<p>Not computed: ");
        lia__brief_text(b, e->shares_why ? e->shares_why : "no coalition game");
        lia__buf_puts(b, ".</p>\n");
        return;
    }
    double sc = lia__brief_scale(e);
    lia__buf_puts(b, "<p>Together the members create <strong>v(N) = ");
    lia__brief_num(b, lia_share_grand_value(s), sc, "-");
    lia__buf_puts(b, "</strong> per period. ");
    int empty = lia_share_core_empty(s);
    lia__buf_puts(b, empty > 0 ? "The core is empty: no split of it satisfies every group of members."
                    : empty == 0 ? "The core is not empty: some split of it satisfies every group of members."
                                 : "");
    lia__buf_puts(b, "</p>\n<figure>\n");
    lia__brief_shares_chart(b, s, sc);
    lia__buf_puts(b, "<figcaption>What each member gets at the commitment beside two fair splits of v(N).</figcaption>\n"
                    "</figure>\n");
    if (lia_share_exploitation(s)) {
        lia__buf_puts(b, "<figure>\n");
        lia__brief_exploitation_chart(b, s);
        lia__buf_puts(b, "<figcaption>The exploitation index: a member's share of the costs over its share of the "
                        "benefits. Above 1 (right of the dashed line) it carries more than it gets.</figcaption>\n</figure>\n");
    }
    static const lia_share_rule rules[] = { LIA_SHARE_ACTUAL, LIA_SHARE_SHAPLEY, LIA_SHARE_NUCLEOLUS, LIA_SHARE_EQUAL,
                                            LIA_SHARE_RESOURCES };
    static const char *const heads[] = { "actual", "Shapley", "nucleolus", "equal", "by resources" };
    const double *ex = lia_share_exploitation(s);
    lia__buf_puts(b, "<table>\n<thead><tr><th>member</th>");
    for (size_t k = 0; k < sizeof rules / sizeof *rules; k++)
        if (lia_share_vector(s, rules[k])) lia__buf_printf(b, "<th class=\"b-n\">%s</th>", heads[k]);
    if (ex) lia__buf_puts(b, "<th class=\"b-n\">exploitation index</th>");
    lia__buf_puts(b, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < lia_share_player_count(s); i++) {
        lia__buf_puts(b, "<tr>");
        lia__brief_td_text(b, lia_share_player_name(s, i));
        for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
            const double *v = lia_share_vector(s, rules[k]);
            if (v) lia__brief_td_num(b, v[i], sc, "-");
        }
        if (ex) lia__brief_td_num(b, ex[i], 1, "-");
        lia__buf_puts(b, "</tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n<h3>Break-away coalitions</h3>\n");
    size_t nb = lia_share_breakaway_count(s), total = lia_share_breakaway_total(s);
    if (!total) {
        lia__buf_puts(b, "<p>No group of members would do better on its own: every group gets at least v(S) at the "
                        "commitment.</p>\n");
        return;
    }
    lia__buf_printf(b, "<p>%zu group%s would do better on its own than at the commitment (v(S) above what its members "
                      "get), worst first:</p>\n<table>\n<thead><tr><th>group</th><th class=\"b-n\">v(S)</th>"
                      "<th class=\"b-n\">gets</th><th class=\"b-n\">short by</th></tr></thead>\n<tbody>\n",
                   total, total == 1 ? "" : "s");
    for (size_t k = 0; k < nb; k++) {
        uint64_t mask;
        double v, got;
        if (lia_share_breakaway(s, k, &mask, &v, &got) != LIA_OK) continue;
        lia__buf_puts(b, "<tr><td>");
        const char *names[64];
        size_t n = 0;
        for (size_t i = 0; i < lia_share_player_count(s) && i < 64; i++)
            if (mask >> i & 1) names[n++] = lia_share_player_name(s, i);
        lia__brief_names(b, names, n);
        lia__buf_puts(b, "</td>");
        lia__brief_td_num(b, v, sc, "-");
        lia__brief_td_num(b, got, sc, "-");
        lia__brief_td_num(b, v - got, sc, "-");
        lia__buf_puts(b, "</tr>\n");
    }
    lia__buf_puts(b, "</tbody></table>\n");
    if (total > nb) lia__buf_printf(b, "<p class=\"b-small\">and %zu more.</p>\n", total - nb);
}

