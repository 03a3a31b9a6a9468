/* repeat_write.c — a repeated-game analysis as JSON (the exact contract, docs/cli.md) and as
 * text for a reader (the status and its plain-words summary first, then the table). */
#include "repeat_internal.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static void nums(lia_buf *b, const lia_repeat *r, size_t offset)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_num(b, *(const double *)((const char *)&r->rows[i] + offset));
    }
    lia__buf_putc(b, ']');
}

static void member_nums(lia_buf *b, const lia_repeat *r, size_t offset)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_num(b, *(const double *)((const char *)&r->mem[i] + offset));
    }
    lia__buf_putc(b, ']');
}

static void member_tris(lia_buf *b, const lia_repeat *r, size_t offset)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_tri(b, r->has_patience ? *(const int *)((const char *)&r->mem[i] + offset) : -1);
    }
    lia__buf_putc(b, ']');
}

static void names(lia_buf *b, const lia_repeat *r, const size_t *prof)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, r->strategies[i][prof[i]]);
    }
    lia__buf_putc(b, ']');
}

/* payoffs + transfers, member by member */
static void after(lia_buf *b, const lia_repeat *r, const double *pay, const double *t)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_num(b, pay[i] + t[i]);
    }
    lia__buf_putc(b, ']');
}

#define ROW(f) offsetof(lia_sustain, f)
#define MEM(f) offsetof(repeat_member, f)

void lia__repeat_json_remedies(lia_buf *b, const lia_repeat *r, const char *gap)
{
    lia__buf_printf(b, "\"transfers\": ");
    if (!r->has_patience) lia__buf_puts(b, "null");
    else if (!r->transfers_feasible)
        lia__buf_printf(b, "{\"under\": \"%s\", \"feasible\": false, \"amounts\": null, \"payoffs_after\": null}",
                       lia_punishment_name(r->punish));
    else {
        lia__buf_printf(b, "{\"under\": \"%s\", \"feasible\": true, \"amounts\": ", lia_punishment_name(r->punish));
        lia__buf_json_nums(b, r->transfers, r->np);
        lia__buf_puts(b, ", \"payoffs_after\": [");
        for (size_t i = 0; i < r->np; i++) {
            if (i) lia__buf_puts(b, ", ");
            lia__buf_json_num(b, r->rows[i].value + r->transfers[i]);
        }
        lia__buf_puts(b, "]}");
    }
    lia__buf_printf(b, ",%s\"best_self_enforcing\": ", gap);
    if (!r->has_patience || !r->best_found) {
        lia__buf_puts(b, "null");
        return;
    }
    lia__buf_puts(b, "{\"profile\": ");
    names(b, r, r->best);
    lia__buf_puts(b, ", \"payoffs\": ");
    lia__buf_json_nums(b, r->best_payoffs, r->np);
    lia__buf_puts(b, ", \"transfers\": ");
    lia__buf_json_nums(b, r->best_transfers, r->np);
    lia__buf_puts(b, ", \"payoffs_after\": ");
    after(b, r, r->best_payoffs, r->best_transfers);
    lia__buf_putc(b, '}');
}

void lia__repeat_json_status(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, "\"status\": ");
    if (r->verdict == LIA_VERDICT_NONE) lia__buf_puts(b, "null");
    else lia__buf_json_string(b, lia_verdict_name(r->verdict));
    lia__buf_puts(b, ", \"summary\": ");
    lia__buf_json_string(b, r->summary ? r->summary : "");
}

void lia__repeat_json_tests(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, "\"monitoring\": {\"q\": ");
    member_nums(b, r, MEM(q));
    lia__buf_puts(b, ", \"q_needed\": ");
    member_nums(b, r, MEM(q_needed));
    lia__buf_puts(b, "}, ");
    lia__buf_puts(b, "\"minmax\": {\"payoffs\": ");
    member_nums(b, r, MEM(minmax));
    lia__buf_puts(b, ", \"delta_star\": ");
    member_nums(b, r, MEM(minmax_delta));
    lia__buf_puts(b, ", \"sustainable\": ");
    member_tris(b, r, MEM(minmax_ok));
    lia__buf_puts(b, "}, \"harsher\": ");
    if (!r->harsh_done) {
        lia__buf_puts(b, "null");
        return;
    }
    lia__buf_puts(b, "{\"payoffs\": ");
    member_nums(b, r, MEM(harsh));
    lia__buf_puts(b, ", \"sustainable\": ");
    member_tris(b, r, MEM(harsh_ok));
    lia__buf_putc(b, '}');
}

/* The JSON fields after "game" and "players". */
static void json_body(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, "\"target\": ");
    names(b, r, r->target);
    lia__buf_puts(b, ", ");
    lia__repeat_json_status(b, r);
    lia__buf_puts(b, ", \"values\": ");
    nums(b, r, ROW(value));
    lia__buf_puts(b, ", \"deviations\": {\"payoffs\": ");
    nums(b, r, ROW(deviation));
    lia__buf_puts(b, ", \"strategies\": [");
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, r->strategies[i][r->rows[i].best_deviation]);
    }
    lia__buf_puts(b, "], \"direction\": [");
    for (size_t i = 0; i < r->np; i++) {
        const char *d = lia_direction_name(r->mem[i].direction);
        if (i) lia__buf_puts(b, ", ");
        if (d) lia__buf_json_string(b, d);
        else lia__buf_puts(b, "null");
    }
    lia__buf_puts(b, "]}, \"punishment\": {\"kind\": ");
    lia__buf_json_string(b, lia_punishment_name(r->punish));
    lia__buf_puts(b, ", \"payoffs\": ");
    nums(b, r, ROW(punishment));
    lia__buf_puts(b, "}, \"delta_star\": ");
    nums(b, r, ROW(delta_star));
    lia__buf_puts(b, ", \"patience\": ");
    nums(b, r, ROW(patience));
    lia__buf_puts(b, ", \"sustainable\": [");
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_tri(b, r->rows[i].sustainable);
    }
    lia__buf_puts(b, "], ");
    lia__repeat_json_tests(b, r);
    lia__buf_puts(b, ", \"self_enforcing\": ");
    lia__buf_json_tri(b, r->self_enforcing);
    lia__buf_puts(b, ", ");
    lia__repeat_json_remedies(b, r, " ");
    if (r->set_shown) {
        lia__buf_puts(b, ", \"payoff_set\": [");
        for (size_t k = 0; k < r->nset; k++) {
            lia__buf_puts(b, k ? ", [" : "[");
            lia__buf_json_num(b, r->set[2 * k]);
            lia__buf_puts(b, ", ");
            lia__buf_json_num(b, r->set[2 * k + 1]);
            lia__buf_putc(b, ']');
        }
        lia__buf_putc(b, ']');
    }
}

/* Member i's payoff in the table: `digits` significant digits (the row's:
 * lia__reading_digits), read against the member's own payoffs, right in a column `width` wide. */
static void cell(lia_buf *b, const lia_repeat *r, size_t i, double v, const char *nan_text, int digits, int width)
{
    char tmp[48];
    if (v != v) snprintf(tmp, sizeof tmp, "%s", nan_text);
    else lia__reading_text_digits(tmp, sizeof tmp, v, r->mscale[i], digits);
    lia__buf_printf(b, " %*s", width, tmp);
}

/* Member i's payoffs in the table (C, D, P, minmax) and the digits that tell them apart. */
static int row_digits(const lia_repeat *r, size_t i, double *v)
{
    const lia_sustain *s = &r->rows[i];
    v[0] = s->value;
    v[1] = s->deviation;
    v[2] = s->punishment;
    v[3] = r->mem[i].minmax;
    return lia__reading_digits(v, 4, r->mscale[i]);
}

/* "before, after" of member i's payoff around a transfer t, each with the digits that tell
 * the two apart (a transfer of 0.07 on payoffs of 1e8 left both at -1e+08) */
static void around(lia_buf *b, const lia_repeat *r, size_t i, double before, double t, int show_before)
{
    int digits = lia__reading_digits((double[2]){ before, before + t }, 2, r->mscale[i]);
    lia__buf_reading_digits(b, show_before ? before : before + t, r->mscale[i], digits);
}

/* Patience and delta* are probabilities, not payoffs: read on their own scale (1), or a payoff
 * scale of 1e12 printed the patience 0.9 as 0. */
static void prob_cell(lia_buf *b, double v, const char *nan_text)
{
    lia__buf_reading_cell(b, v, 1, 9, nan_text);
}

/* The member's verdict in words: its direction and whether the chosen punishment holds it. */
static const char *member_verdict(const lia_repeat *r, size_t i)
{
    const lia_sustain *s = &r->rows[i];
    if (s->sustainable < 0) return "-";
    if (!s->sustainable) return r->mem[i].keep < s->punishment ? "prefers the fallback" : r->levels ? "withholds" : "deviates";
    return r->mem[i].direction == LIA_DIRECTION_EXCEED ? "keeps to it, would share more" : "keeps to it";
}

const char *lia__repeat_member_words(const lia_repeat *r, size_t i) { return member_verdict(r, i); }

static const char *status_words(lia_verdict v)
{
    switch (v) {
    case LIA_VERDICT_HOLDS: return "holds";
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: return "holds with a harsher punishment";
    case LIA_VERDICT_UNDECIDED: return "undecided";
    case LIA_VERDICT_NEEDS_TRANSFERS: return "needs transfers";
    case LIA_VERDICT_BREAKS_DOWN: return "breaks down";
    default: return "no verdict without a patience (a discount factor)";
    }
}

void lia__repeat_text_summary(lia_buf *b, const lia_repeat *r, size_t indent)
{
    if (r->summary && *r->summary) lia__buf_wrap(b, r->summary, indent, 92);
}

const char *lia__repeat_status_words(const lia_repeat *r) { return status_words(r->verdict); }

void lia__repeat_text_table(lia_buf *b, const lia_repeat *r)
{
    size_t w = 6;
    for (size_t i = 0; i < r->np; i++) w = strlen(r->players[i]) > w ? strlen(r->players[i]) : w;
    lia__buf_puts(b, "  target");
    for (size_t i = 0; i < r->np; i++) lia__buf_printf(b, "%s %s=%s", i ? "," : "", r->players[i], r->strategies[i][r->target[i]]);
    lia__buf_printf(b, "; grim trigger, punishment: %s\n",
                   r->punish == LIA_PUNISH_NASH ? "the stage equilibrium worst for the member"
                                                : "the minmax (the others may correlate)");
    int pw = 9;   /* the payoff columns: wider when a row needs more digits to tell its payoffs apart */
    for (size_t i = 0; i < r->np; i++) {
        double v[4];
        int digits = row_digits(r, i, v);
        for (int c = 0; c < 4; c++) {
            char tmp[48];
            lia__reading_text_digits(tmp, sizeof tmp, v[c], r->mscale[i], digits);
            pw = v[c] == v[c] && (int)strlen(tmp) > pw ? (int)strlen(tmp) : pw;
        }
    }
    lia__buf_printf(b, "  %-*s %*s %*s %*s %9s %9s %*s %9s  %s\n", (int)w, "member", pw, "C", pw, "D", pw, "P", "delta*",
                   "patience", pw, "minmax", "delta*mm", "verdict");
    for (size_t i = 0; i < r->np; i++) {
        const lia_sustain *s = &r->rows[i];
        double v[4];
        int digits = row_digits(r, i, v);
        lia__buf_printf(b, "  %-*s", (int)w, r->players[i]);
        cell(b, r, i, s->value, "-", digits, pw);
        cell(b, r, i, s->deviation, "-", digits, pw);
        cell(b, r, i, s->punishment, "-", digits, pw);
        prob_cell(b, s->delta_star, "never");
        prob_cell(b, s->patience, "-");
        cell(b, r, i, r->mem[i].minmax, "-", digits, pw);
        prob_cell(b, r->mem[i].minmax_delta, "never");
        lia__buf_printf(b, "  %s\n", member_verdict(r, i));
    }
    lia__buf_puts(b, "  (C payoff per period at the target, D its best deviation for one period, P the punishment's\n"
                    "  payoff, delta* the least patience that keeps the member to it; minmax the least the others\n"
                    "  could hold it to, delta*mm the patience it would need under that punishment)\n");
    lia__buf_puts(b, !r->monitored ? "" : r->levels ? "  withholding noticed per period with probability:"
                                                   : "  a deviation noticed per period with probability:");
    for (size_t i = 0; r->monitored && i < r->np; i++) {
        lia__buf_printf(b, "%s %s ", i ? "," : "", r->players[i]);
        lia__buf_reading(b, r->mem[i].q, 1);
    }
    if (r->monitored) lia__buf_putc(b, '\n');
    if (r->has_patience) {
        lia__buf_puts(b, "  detection each member needs at its patience (stage-equilibrium punishment):");
        for (size_t i = 0; i < r->np; i++) {
            lia__buf_printf(b, "%s %s ", i ? "," : "", r->players[i]);
            if (isnan(r->mem[i].q_needed)) lia__buf_puts(b, "none suffices");
            else lia__buf_reading(b, r->mem[i].q_needed, 1);
        }
        lia__buf_putc(b, '\n');
    }
    if (r->harsh_done) {
        lia__buf_puts(b, "  harshest credible punishment (worst subgame-perfect payoff):");
        for (size_t i = 0; i < r->np; i++) {
            lia__buf_printf(b, "%s %s ", i ? "," : "", r->players[i]);
            lia__buf_reading(b, r->mem[i].harsh, r->mscale[i]);
            lia__buf_puts(b, r->mem[i].harsh_ok ? " (holds it)" : " (does not hold it)");
        }
        lia__buf_putc(b, '\n');
    }
    if (r->set_shown) {
        if (!r->nset) lia__buf_puts(b, "  subgame-perfect payoff set (pure strategies, public randomisation): empty\n");
        else lia__buf_printf(b, "  subgame-perfect payoff set (pure strategies, public randomisation%s), %zu vertices:\n   ",
                            r->monitored ? ", every deviation seen" : "", r->nset);
        for (size_t k = 0; k < r->nset; k++) {
            lia__buf_puts(b, " (");
            lia__buf_reading(b, r->set[2 * k], r->mscale[0]);
            lia__buf_puts(b, ", ");
            lia__buf_reading(b, r->set[2 * k + 1], r->mscale[1]);
            lia__buf_putc(b, ')');
        }
        if (r->nset) lia__buf_putc(b, '\n');
    }
    if (!r->has_patience) return;
    if (r->verdict != LIA_VERDICT_HOLDS) {
        if (!r->transfers_feasible) {
            lia__buf_puts(b, r->punish == LIA_PUNISH_NASH
                                ? "  transfers: no budget-balanced side payment keeps every member to the target\n"
                                : "  transfers: none keeps every member to the target even under the minmax punishment\n");
        } else {
            lia__buf_puts(b, r->punish == LIA_PUNISH_NASH ? "  transfers that keep every member to the target: "
                                                         : "  transfers that keep every member to the target under the minmax punishment "
                                                           "(not necessarily credible; the status uses reversion): ");
            lia__repeat_transfer_words(b, r, r->transfers);
            lia__buf_puts(b, " (in payoff units)\n    payoffs after them:");
            for (size_t i = 0; i < r->np; i++) {
                lia__buf_printf(b, "%s %s ", i ? "," : "", r->players[i]);
                around(b, r, i, r->rows[i].value, r->transfers[i], 0);   /* told apart from C */
            }
            lia__buf_putc(b, '\n');
        }
    }
    if (r->best_found) {
        lia__buf_puts(b, "  best profile that transfers make self-enforcing:");
        for (size_t i = 0; i < r->np; i++) lia__buf_printf(b, "%s %s=%s", i ? "," : "", r->players[i], r->strategies[i][r->best[i]]);
        int none = 1;
        for (size_t i = 0; i < r->np; i++) none &= fabs(r->best_transfers[i]) <= r->paid_noise;
        lia__buf_puts(b, none ? "\n    payoffs" : "\n    payoffs before transfers:");
        for (size_t i = 0; i < r->np; i++) {
            lia__buf_puts(b, i ? ", " : " ");
            around(b, r, i, r->best_payoffs[i], none ? 0 : r->best_transfers[i], 1);
        }
        if (none) {
            lia__buf_puts(b, "; no transfer needed\n");
            return;
        }
        lia__buf_puts(b, "; transfers: ");
        lia__repeat_transfer_words(b, r, r->best_transfers);
        lia__buf_puts(b, "; after:");
        for (size_t i = 0; i < r->np; i++) {
            lia__buf_puts(b, i ? ", " : " ");
            around(b, r, i, r->best_payoffs[i], r->best_transfers[i], 0);
        }
        lia__buf_putc(b, '\n');
    } else {
        lia__buf_puts(b, "  no profile is self-enforcing, even with transfers\n");
    }
}

static void write_text(lia_buf *b, const lia_repeat *r)
{
    lia__buf_printf(b, "%s: %s\n", r->game, status_words(r->verdict));
    lia__repeat_text_summary(b, r, 2);
    if (r->summary && *r->summary) lia__buf_putc(b, '\n');
    lia__repeat_text_table(b, r);
}

static lia_status repeat_write_body(char **out, size_t *len, const lia_repeat *r, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!r || (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    if (fmt == LIA_FORMAT_JSON) {
        lia__buf_puts(&b, "{\"game\": ");
        lia__buf_json_string(&b, r->game);
        lia__buf_puts(&b, ", \"players\": [");
        for (size_t i = 0; i < r->np; i++) { if (i) lia__buf_puts(&b, ", "); lia__buf_json_string(&b, r->players[i]); }
        lia__buf_puts(&b, "], ");
        json_body(&b, r);
        lia__buf_puts(&b, "}\n");
    } else {
        write_text(&b, r);
    }
    lia__c_numeric_end(&loc);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_repeat_write(char **out, size_t *len, const lia_repeat *r, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(repeat_write_body(out, len, r, fmt), r, "the repeated-game analysis", lia__format_name(fmt));
}
