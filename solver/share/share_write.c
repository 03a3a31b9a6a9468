/* share_write.c — burden-sharing results as JSON (the contract, docs/cli.md), an aligned text
 * report, or CSV with one row per player. */
#include "share_result.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The vectors in the order the report shows them. */
static const lia_share_rule shown[] = {
    LIA_SHARE_ACTUAL, LIA_SHARE_SHAPLEY, LIA_SHARE_BANZHAF, LIA_SHARE_BANZHAF_ABSOLUTE, LIA_SHARE_NUCLEOLUS,
    LIA_SHARE_PRENUCLEOLUS, LIA_SHARE_PER_CAPITA_NUCLEOLUS, LIA_SHARE_SHAPLEY_MC, LIA_SHARE_TALMUD,
    LIA_SHARE_PROPORTIONAL, LIA_SHARE_CEA, LIA_SHARE_CEL, LIA_SHARE_EQUAL, LIA_SHARE_RESOURCES,
};
#define NSHOWN (sizeof shown / sizeof *shown)

static const char *kind_name(const lia_share *s)
{
    switch (s->kind) {
    case LIA_KIND_BILATERAL: return "bilateral";
    case LIA_KIND_MULTILATERAL: return "multilateral";
    case LIA_KIND_COALITIONAL: return "coalitional";
    case LIA_KIND_COALITIONAL_COST: return "coalitional cost";
    case LIA_KIND_BANKRUPTCY: return "bankruptcy";
    case LIA_KIND_VOTING: return "voting";
    case LIA_KIND_NORMAL: return "normal";
    }
    return "unknown";
}

/* ---- JSON ---- */



static void json_key(lia_buf *b, const char *key)
{
    lia__buf_puts(b, ", ");
    lia__buf_json_string(b, key);
    lia__buf_puts(b, ": ");
}

static void json_members(lia_buf *b, const lia_share *s, uint64_t mask)
{
    lia__buf_putc(b, '[');
    int first = 1;
    for (size_t i = 0; i < s->n; i++)
        if (mask >> i & 1) {
            if (!first) lia__buf_puts(b, ", ");
            lia__buf_json_string(b, s->players[i]);
            first = 0;
        }
    lia__buf_putc(b, ']');
}

static void json_agreement(lia_buf *b, const lia_share *s)
{
    json_key(b, "gaps");
    lia__buf_putc(b, '{');
    int first = 1;
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++) {
        if (!s->gap[r]) continue;
        if (!first) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, lia_share_rule_name((lia_share_rule)r));
        lia__buf_puts(b, ": ");
        lia__buf_json_nums(b, s->gap[r], s->n);
        first = 0;
    }
    lia__buf_putc(b, '}');
    json_key(b, "exploitation");
    lia__buf_json_nums(b, s->exploit, s->n);
    json_key(b, "breakaway");
    lia__buf_printf(b, "{\"total\": %zu, \"coalitions\": [", s->brk_total);
    for (size_t k = 0; k < s->nbrk; k++) {
        lia__buf_puts(b, k ? ", {\"members\": " : "{\"members\": ");
        json_members(b, s, s->brk[k].mask);
        lia__buf_puts(b, ", \"value\": ");
        lia__buf_json_num(b, s->brk[k].value);
        lia__buf_puts(b, ", \"actual\": ");
        lia__buf_json_num(b, s->brk[k].actual);
        lia__buf_puts(b, ", \"shortfall\": ");
        lia__buf_json_num(b, s->brk[k].value - s->brk[k].actual);
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, "]}");
}

static void json_bargaining(lia_buf *b, const lia_share *s)
{
    json_key(b, "bargaining");
    if (!s->dpoint) { lia__buf_puts(b, "null"); return; }
    lia__buf_puts(b, "{\"disagreement\": ");
    lia__buf_json_string(b, lia_disagreement_name(s->dkind));
    lia__buf_puts(b, ", \"point\": ");
    lia__buf_json_nums(b, s->dpoint, 2);
    lia__buf_puts(b, ", \"nash_bargaining\": ");
    lia__buf_json_nums(b, s->vec[LIA_SHARE_NASH_BARGAINING], 2);
    lia__buf_puts(b, ", \"kalai_smorodinsky\": ");
    lia__buf_json_nums(b, s->vec[LIA_SHARE_KALAI_SMORODINSKY], 2);
    lia__buf_putc(b, '}');
}

/* Keys every document carries (null when they do not apply), then the form's own. */
static void write_json(lia_buf *b, const lia_share *s)
{
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, s->game);
    json_key(b, "kind");
    lia__buf_json_string(b, kind_name(s));
    json_key(b, "cost");
    lia__buf_puts(b, s->cost ? "true" : "false");
    json_key(b, "players");
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < s->n; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, s->players[i]);
    }
    lia__buf_putc(b, ']');
    json_key(b, "grand_value");
    lia__buf_json_num(b, s->grand);
    static const lia_share_rule always[] = { LIA_SHARE_SHAPLEY, LIA_SHARE_BANZHAF, LIA_SHARE_NUCLEOLUS, LIA_SHARE_PRENUCLEOLUS };
    for (size_t k = 0; k < sizeof always / sizeof *always; k++) {
        json_key(b, lia_share_rule_name(always[k]));
        lia__buf_json_nums(b, s->vec[always[k]], s->n);
    }
    json_key(b, "least_core");
    if (s->has_least_core && s->vec[LIA_SHARE_LEAST_CORE]) {
        lia__buf_puts(b, "{\"epsilon\": ");
        lia__buf_json_num(b, s->epsilon);
        lia__buf_puts(b, ", \"allocation\": ");
        lia__buf_json_nums(b, s->vec[LIA_SHARE_LEAST_CORE], s->n);
        lia__buf_putc(b, '}');
    } else {
        lia__buf_puts(b, "null");
    }
    json_key(b, "core_empty");
    lia__buf_puts(b, s->core_empty < 0 ? "null" : s->core_empty ? "true" : "false");
    for (size_t k = 0; k < NSHOWN; k++) {
        lia_share_rule r = shown[k];
        if (!s->vec[r] || r == LIA_SHARE_SHAPLEY || r == LIA_SHARE_BANZHAF || r == LIA_SHARE_NUCLEOLUS ||
            r == LIA_SHARE_PRENUCLEOLUS || r == LIA_SHARE_SHAPLEY_MC)
            continue;
        json_key(b, lia_share_rule_name(r));
        lia__buf_json_nums(b, s->vec[r], s->n);
    }
    if (s->vec[LIA_SHARE_SHAPLEY_MC]) {
        json_key(b, "shapley_mc");
        lia__buf_puts(b, "{\"values\": ");
        lia__buf_json_nums(b, s->vec[LIA_SHARE_SHAPLEY_MC], s->n);
        lia__buf_puts(b, ", \"halfwidth\": ");
        lia__buf_json_nums(b, s->mc_half, s->n);
        lia__buf_printf(b, ", \"samples\": %llu, \"seed\": %llu, \"confidence\": ", (unsigned long long)s->mc_samples,
                       (unsigned long long)s->mc_seed);
        lia__buf_json_num(b, s->mc_confidence);
        lia__buf_putc(b, '}');
    }
    json_key(b, "verified");
    lia__buf_printf(b, "{\"nucleolus\": %s, \"prenucleolus\": %s}",
                   s->verified[LIA_SHARE_NUCLEOLUS] && s->vec[LIA_SHARE_NUCLEOLUS] ? "true" : "false",
                   s->verified[LIA_SHARE_PRENUCLEOLUS] && s->vec[LIA_SHARE_PRENUCLEOLUS] ? "true" : "false");
    if (s->exploit) json_agreement(b, s);
    if (s->n == 2 && (s->dpoint || s->kind == LIA_KIND_BILATERAL || s->kind == LIA_KIND_NORMAL)) json_bargaining(b, s);
    json_key(b, "notes");
    lia__buf_putc(b, '[');
    int first = 1;
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++) {
        if (s->vec[r] || !s->why[r]) continue;
        lia__buf_puts(b, first ? "{\"rule\": " : ", {\"rule\": ");
        lia__buf_json_string(b, lia_share_rule_name((lia_share_rule)r));
        lia__buf_puts(b, ", \"reason\": ");
        lia__buf_json_string(b, s->why[r]);
        lia__buf_putc(b, '}');
        first = 0;
    }
    lia__buf_puts(b, "]}\n");
}

/* ---- text and CSV ---- */

static size_t name_width(const lia_share *s)
{
    size_t w = 6;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->players[i]) > w) w = strlen(s->players[i]);
    return w;
}

/* The payoff scale of the report: the largest magnitude of an amount it shows. Anything
 * within 1e-9 of it reads as 0 (rounding noise, not an amount). */
static double text_scale(const lia_share *s)
{
    double m = isfinite(s->grand) ? fabs(s->grand) : 0;
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++)
        for (size_t i = 0; s->vec[r] && i < s->n; i++)
            if (isfinite(s->vec[r][i])) m = fmax(m, fabs(s->vec[r][i]));
    for (size_t i = 0; s->dpoint && i < 2; i++)
        if (isfinite(s->dpoint[i])) m = fmax(m, fabs(s->dpoint[i]));
    return m;
}

/* A number for the reader into tmp: four significant digits, noise as 0, words for the
 * rest. */
static const char *reading(char *tmp, size_t cap, double v, double scale)
{
    if (isnan(v)) return "-";
    if (isinf(v)) return v > 0 ? "inf" : "-inf";
    lia_buf t;
    lia__buf_init(&t);
    lia__buf_reading(&t, v, scale);
    char *x = lia__buf_take(&t, NULL);
    snprintf(tmp, cap, "%s", x ? x : "?");
    lia__free(x);
    return tmp;
}

static void put_reading(lia_buf *b, double v, double scale)
{
    char tmp[32];
    lia__buf_puts(b, reading(tmp, sizeof tmp, v, scale));
}

/* One table: a row per player, a column per vector, each column as wide as its heading or
 * its widest number. scales[c] is the column's payoff scale (1 for ratios). */
static void text_table(lia_buf *b, const lia_share *s, size_t k, const char *const *heads, const double *const *cols,
                       const double *scales)
{
    size_t w = name_width(s), cw[NSHOWN + 1];
    char tmp[32];
    for (size_t c = 0; c < k; c++) {
        cw[c] = strlen(heads[c]);
        for (size_t i = 0; i < s->n; i++) {
            size_t l = strlen(reading(tmp, sizeof tmp, cols[c][i], scales[c]));
            if (l > cw[c]) cw[c] = l;
        }
    }
    lia__buf_printf(b, "  %-*s", (int)w, "player");
    for (size_t c = 0; c < k; c++) lia__buf_printf(b, "  %*s", (int)cw[c], heads[c]);
    lia__buf_putc(b, '\n');
    for (size_t i = 0; i < s->n; i++) {
        lia__buf_printf(b, "  %-*s", (int)w, s->players[i]);
        for (size_t c = 0; c < k; c++) lia__buf_printf(b, "  %*s", (int)cw[c], reading(tmp, sizeof tmp, cols[c][i], scales[c]));
        lia__buf_putc(b, '\n');
    }
}

static void text_breakaways(lia_buf *b, const lia_share *s, double scale)
{
    if (!s->brk_total) {
        lia__buf_puts(b, "  no coalition would break away: every group gets at least v(S) at the commitment\n");
        return;
    }
    lia__buf_printf(b, "  %zu coalition%s would break away from the actual split (v(S) above what its members get), worst first:\n",
                   s->brk_total, s->brk_total == 1 ? "" : "s");
    size_t show = s->nbrk < 10 ? s->nbrk : 10;
    for (size_t k = 0; k < show; k++) {
        lia__buf_puts(b, "    {");
        int first = 1;
        for (size_t i = 0; i < s->n; i++)
            if (s->brk[k].mask >> i & 1) { lia__buf_printf(b, "%s%s", first ? "" : ", ", s->players[i]); first = 0; }
        lia__buf_puts(b, "}  v(S) ");
        put_reading(b, s->brk[k].value, scale);
        lia__buf_puts(b, ", gets ");
        put_reading(b, s->brk[k].actual, scale);
        lia__buf_puts(b, ", short by ");
        put_reading(b, s->brk[k].value - s->brk[k].actual, scale);
        lia__buf_putc(b, '\n');
    }
    if (s->brk_total > show) lia__buf_printf(b, "    ... and %zu more (all kept ones in the JSON form)\n", s->brk_total - show);
}

/* The bargaining solutions, or in words why they are no better than the disagreement point. */
static void text_bargaining(lia_buf *b, const lia_share *s, double scale)
{
    int agreement = s->kind == LIA_KIND_BILATERAL || s->kind == LIA_KIND_MULTILATERAL;
    const char *who = agreement ? "members" : "players";
    lia__buf_printf(b, "\n  bargaining from the %s point (", s->dkind == LIA_DISAGREE_SECURITY ? "security" : "Nash-reversion");
    put_reading(b, s->dpoint[0], scale);
    lia__buf_puts(b, ", ");
    put_reading(b, s->dpoint[1], scale);
    lia__buf_puts(b, ")\n");
    const char *bh[2] = { "nash_bargain", "kalai_smor" };
    const double *bc[2] = { s->vec[LIA_SHARE_NASH_BARGAINING], s->vec[LIA_SHARE_KALAI_SMORODINSKY] };
    const double sc[2] = { scale, scale };
    if (!bc[0] && !bc[1]) return;
    if (s->bargain_gain == 0) {
        char line[256];
        snprintf(line, sizeof line,
                 "no outcome, nor any lottery over outcomes, gives one of the %s more than this "
                 "point without giving the other less, so there is nothing to bargain over: the Nash "
                 "and Kalai-Smorodinsky solutions are the disagreement point itself", who);
        lia__buf_wrap(b, line, 2, 92);
        return;
    }
    if (s->bargain_gain != 3) {
        char line[256];
        snprintf(line, sizeof line,
                 "no outcome gives both %s more than this point; only %s can gain without the other "
                 "losing, so both solutions are the outcome best for it that leaves the other at its "
                 "disagreement payoff", who,
                 s->players[s->bargain_gain == 1 ? 0 : 1]);
        lia__buf_wrap(b, line, 2, 92);
    }
    if (bc[0] && bc[1]) text_table(b, s, 2, bh, bc, sc);
}

static void write_text(lia_buf *b, const lia_share *s)
{
    int agreement = s->kind == LIA_KIND_BILATERAL || s->kind == LIA_KIND_MULTILATERAL;
    double scale = text_scale(s);
    lia__buf_printf(b, "%s: %s %s of %zu %s\n", s->game, kind_name(s), agreement ? "agreement" : "game", s->n,
                   agreement ? "members" : "players");
    if (isfinite(s->grand)) {
        lia__buf_printf(b, "  %s ", s->cost ? "c(N)" : "v(N)");
        put_reading(b, s->grand, scale);
        lia__buf_putc(b, '\n');
    }
    if (s->core_empty >= 0) {
        lia__buf_printf(b, "  core: %s", s->core_empty ? "empty" : "not empty");
        /* the core is about some split, the break-away groups about the actual one */
        if (!s->core_empty && s->exploit && s->brk_total)
            lia__buf_puts(b, " (some split would satisfy every group; the actual split below does not)");
        if (s->has_least_core) {
            lia__buf_puts(b, "; least-core epsilon ");
            put_reading(b, s->epsilon, scale);
        }
        lia__buf_putc(b, '\n');
    }
    const char *heads[NSHOWN + 1];
    const double *cols[NSHOWN + 1];
    double scales[NSHOWN + 1];
    size_t k = 0;
    for (size_t c = 0; c < NSHOWN; c++)
        if (s->vec[shown[c]]) { heads[k] = lia_share_rule_name(shown[c]); scales[k] = scale; cols[k++] = s->vec[shown[c]]; }
    if (k) {
        lia__buf_puts(b, s->cost ? "\n  cost shares\n" : "\n  shares\n");
        text_table(b, s, k, heads, cols, scales);
    }
    if (s->vec[LIA_SHARE_SHAPLEY_MC])
        lia__buf_printf(b, "  shapley_mc: %llu random orders, seed %llu; each within its half-width with %g%% confidence\n",
                       (unsigned long long)s->mc_samples, (unsigned long long)s->mc_seed, 100 * s->mc_confidence);
    if (s->exploit) {
        k = 0;
        for (int r = 0; r < LIA_SHARE_RULE_COUNT && k < NSHOWN; r++)
            if (s->gap[r]) { heads[k] = lia_share_rule_name((lia_share_rule)r); scales[k] = scale; cols[k++] = s->gap[r]; }
        heads[k] = "exploitation";
        scales[k] = 1;   /* a ratio */
        cols[k++] = s->exploit;
        lia__buf_puts(b, "\n  actual minus each fair split, and the exploitation index (cost share / benefit share)\n");
        text_table(b, s, k, heads, cols, scales);
        lia__buf_putc(b, '\n');
        text_breakaways(b, s, scale);
    }
    if (s->dpoint) text_bargaining(b, s, scale);
    for (int r = 0; r < LIA_SHARE_RULE_COUNT; r++)
        if (!s->vec[r] && s->why[r]) lia__buf_printf(b, "  note: no %s: %s\n", lia_share_rule_name((lia_share_rule)r), s->why[r]);
}

static void write_csv(lia_buf *b, const lia_share *s)
{
    lia__buf_puts(b, "player");
    for (size_t c = 0; c < NSHOWN; c++)
        if (s->vec[shown[c]]) lia__buf_printf(b, ",%s", lia_share_rule_name(shown[c]));
    if (s->exploit) lia__buf_puts(b, ",exploitation");
    lia__buf_putc(b, '\n');
    for (size_t i = 0; i < s->n; i++) {
        /* .nfg labels may hold commas and quotes: RFC 4180 quoting */
        lia__buf_csv_field(b, "", s->players[i]);
        for (size_t c = 0; c < NSHOWN; c++)
            if (s->vec[shown[c]]) { lia__buf_putc(b, ','); if (isfinite(s->vec[shown[c]][i])) lia__buf_double(b, s->vec[shown[c]][i] + 0.0); }
        if (s->exploit) { lia__buf_putc(b, ','); if (isfinite(s->exploit[i])) lia__buf_double(b, s->exploit[i]); }
        lia__buf_putc(b, '\n');
    }
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_share *x = obj;
    if (fmt == LIA_FORMAT_JSON) write_json(b, x);
    else if (fmt == LIA_FORMAT_CSV) write_csv(b, x);
    else write_text(b, x);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_share_write(char **out, size_t *len, const lia_share *s, lia_format fmt)
{
    return lia__render_write(out, len, render, s, fmt,
                             LIA__FORMAT_BIT(LIA_FORMAT_TEXT) | LIA__FORMAT_BIT(LIA_FORMAT_JSON) | LIA__FORMAT_BIT(LIA_FORMAT_CSV),
                             "the shares");
}
