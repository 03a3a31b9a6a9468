/* repeat_words.c — the status of a target in plain words, for a policy reader: who would stop
 * sharing (or share more), why, and what payment or patience would fix it. */
#include "repeat_internal.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* Member i's payoff v, read against the member's own payoffs (against the game's largest, a
 * member's 1.3 beside another's 1e10 read as 0) */
static void num(lia_buf *b, const lia_repeat *r, size_t i, double v) { lia__buf_reading(b, v, r->mscale[i]); }
/* member i's "x ... than y": both with the digits that tell them apart */
static void pair(lia_buf *b, const lia_repeat *r, size_t i, double x, const char *between, double y)
{
    int digits = lia__reading_digits((double[2]){ x, y }, 2, r->mscale[i]);
    lia__buf_reading_digits(b, x, r->mscale[i], digits);
    lia__buf_puts(b, between);
    lia__buf_reading_digits(b, y, r->mscale[i], digits);
}
/* a patience or delta*: a probability, read on its own scale, not the payoffs' */
static void prob(lia_buf *b, double v) { lia__buf_reading(b, v, 1); }

/* Is the transfer t an amount at all, or rounding? */
static int paid(const lia_repeat *r, double t) { return fabs(t) > r->paid_noise; }
/* An amount paid, read on the scale paid() judges it by: the largest |payoff| (1e8 with a large
 * side payment) would print a needed 0.07 as 0. */
static void amount(lia_buf *b, const lia_repeat *r, double t) { lia__buf_reading(b, t, 1e9 * r->paid_noise); }

void lia__repeat_transfer_words(lia_buf *b, const lia_repeat *r, const double *t)
{
    size_t payers = 0, takers = 0, payer = 0, taker = 0;
    for (size_t i = 0; i < r->np; i++) {
        if (!paid(r, t[i])) continue;
        if (t[i] < 0) { payers++; payer = i; }
        else { takers++; taker = i; }
    }
    if (!payers) { lia__buf_puts(b, "no payment"); return; }
    if (payers == 1 && takers == 1) {
        lia__buf_printf(b, "%s pays %s ", r->players[payer], r->players[taker]);
        amount(b, r, t[taker]);
        lia__buf_puts(b, " per period");
        return;
    }
    for (int side = 0; side < 2; side++) {
        size_t k = 0, count = side ? takers : payers;
        if (side) lia__buf_puts(b, "; ");
        for (size_t i = 0; i < r->np; i++) {
            if (!paid(r, t[i]) || (t[i] > 0) != side) continue;
            lia__buf_puts(b, k == 0 ? "" : k + 1 == count ? " and " : ", ");
            lia__buf_printf(b, "%s %s ", r->players[i], side ? "receives" : "pays");
            amount(b, r, fabs(t[i]));
            k++;
        }
    }
    lia__buf_puts(b, " per period");
}

/* The cost of its own sharing that weighs most on member i at the commitment, as
 * " (... per period)" after a phrase; nothing when the terms are not known. */
static void driver(lia_buf *b, const lia_repeat *r, size_t i, const char *before)
{
    const repeat_member *m = &r->mem[i];
    if (!m->has_terms || !(fmax(m->terms.exposure, m->terms.facility_cost) > 0)) return;
    int exp = m->terms.exposure >= m->terms.facility_cost;
    lia__buf_puts(b, before);
    lia__buf_puts(b, exp ? "the exposure of its own material (" : "its share of the facility costs (");
    /* a term of the model, not a computed payoff: read on its own size (against the payoff
     * scale, an exposure of 0.099 beside payoffs of 1e8 read as 0) */
    double v = exp ? m->terms.exposure : m->terms.facility_cost;
    lia__buf_reading(b, v, v);
    lia__buf_puts(b, " per period)");
}

/* Why member i would leave the commitment, after its name and "would ..." */
static void why(lia_buf *b, const lia_repeat *r, size_t i)
{
    const lia_sustain *s = &r->rows[i];
    const repeat_member *m = &r->mem[i];
    if (m->keep < m->nash) {
        lia__buf_puts(b, r->levels ? ": under the commitment it gets " : ": at the target it gets ");
        pair(b, r, i, m->keep, " per period, less than the ", m->nash);
        lia__buf_puts(b, r->levels ? " it gets once cooperation has stopped" : " of the stage equilibrium it would revert to");
        driver(b, r, i, ", largely because of ");
        lia__buf_puts(b, r->levels ? ", so the threat of stopping does not hold it" : ", so the threat of reverting does not hold it");
        return;
    }
    if (m->direction == LIA_DIRECTION_WITHHOLD)
        lia__buf_printf(b, " (share %s instead of %s)", r->strategies[i][s->best_deviation], r->strategies[i][r->target[i]]);
    if (m->has_terms && fmax(m->terms.exposure, m->terms.facility_cost) > 0) {
        driver(b, r, i, " to cut ");
    } else {
        lia__buf_puts(b, ": once, that pays it ");
        pair(b, r, i, m->breach, " against ", s->value);
    }
    lia__buf_puts(b, "; it would need patience ");
    prob(b, m->nash_delta);
    lia__buf_puts(b, " and has ");
    prob(b, s->patience);
}

/* The members Nash reversion does not hold, as "A" or "A and B" or "A, B and C". */
static size_t failing(lia_buf *b, const lia_repeat *r)
{
    size_t n = 0, total = 0;
    for (size_t i = 0; i < r->np; i++) total += !r->mem[i].nash_ok;
    for (size_t i = 0; i < r->np; i++) {
        if (r->mem[i].nash_ok) continue;
        lia__buf_puts(b, n == 0 ? "" : n + 1 == total ? " and " : ", ");
        lia__buf_puts(b, r->players[i]);
        n++;
    }
    return total;
}

static void each_reason(lia_buf *b, const lia_repeat *r)
{
    for (size_t i = 0; i < r->np; i++) {
        if (r->mem[i].nash_ok) continue;
        lia__buf_printf(b, " %s would %s", r->players[i], r->levels ? "withhold" : "deviate");
        why(b, r, i);
        lia__buf_putc(b, '.');
    }
}

static void holds(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, r->levels ? "The commitment holds: no member gains by withholding once if the others would "
                                "then stop cooperating."
                              : "The target holds: no player gains by deviating once if the others would then "
                                "revert to the stage equilibrium worst for it.");
    size_t k = r->np;
    for (size_t i = 0; i < r->np; i++)
        if (r->mem[i].direction == LIA_DIRECTION_WITHHOLD && (k == r->np || r->mem[i].nash_delta > r->mem[k].nash_delta)) k = i;
    if (k == r->np) return;
    lia__buf_printf(b, " The most tempted is %s", r->players[k]);
    driver(b, r, k, ", by ");
    lia__buf_puts(b, ": it needs patience ");
    prob(b, r->mem[k].nash_delta);
    lia__buf_puts(b, " and has ");
    prob(b, r->rows[k].patience);
    lia__buf_putc(b, '.');
}

static void harsher(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, r->levels ? "The commitment holds, but only under a harsher punishment than stopping cooperation."
                              : "The target holds, but only under a harsher punishment than reverting to the stage "
                                "equilibrium.");
    each_reason(b, r);
    lia__buf_puts(b, " Holding ");
    failing(b, r);
    lia__buf_puts(b, " to the worst payoff a credible (subgame-perfect) punishment can impose deters it:");
    for (size_t i = 0, k = 0; i < r->np; i++) {
        if (r->mem[i].nash_ok) continue;
        lia__buf_printf(b, "%s %s ", k++ ? "," : "", r->players[i]);
        num(b, r, i, r->mem[i].harsh);
    }
    lia__buf_putc(b, '.');
}

static void undecided(lia_buf *b, const lia_repeat *r)
{
    lia__buf_puts(b, r->levels ? "Undecided: stopping cooperation is too weak a threat to hold "
                              : "Undecided: reverting to the stage equilibrium is too weak a threat to hold ");
    failing(b, r);
    lia__buf_puts(b, " to it, but every member passes the minmax condition, so a harsher punishment "
                    "might still hold it; no exact test exists for ");
    lia__buf_puts(b, r->np > 2 ? "three or more members." : "members of different patience.");
    each_reason(b, r);
}

static void fails(lia_buf *b, const lia_repeat *r, int saved)
{
    const char *what = r->levels ? "The commitment" : "The target";
    lia__buf_printf(b, saved ? "%s cannot hold on its own, but a side payment restores it."
                            : "%s breaks down: no budget-balanced side payment can restore it.", what);
    each_reason(b, r);
    for (size_t i = 0; i < r->np; i++)
        if (!r->mem[i].minmax_ok)
            lia__buf_printf(b, " No punishment, however harsh, could hold %s to it.", r->players[i]);
    if (saved && r->transfers_feasible && r->punish == LIA_PUNISH_NASH) {
        lia__buf_puts(b, " The cheapest: ");
        lia__repeat_transfer_words(b, r, r->transfers);
        lia__buf_puts(b, " (in payoff units, like the coverage values).");
    }
    for (size_t i = 0; i < r->np; i++) {
        const repeat_member *m = &r->mem[i];
        if (m->nash_ok || isnan(m->nash_delta)) continue;
        lia__buf_printf(b, " %s would keep to it unaided with patience of at least ", r->players[i]);
        prob(b, m->nash_delta);
        if (r->monitored && !isnan(m->q_needed) && m->q_needed > m->q) {
            lia__buf_puts(b, r->levels ? ", or if its withholding were noticed with probability "
                                      : ", or if its deviation were noticed with probability ");
            lia__buf_reading(b, m->q_needed, 1);
            lia__buf_puts(b, " per period instead of ");
            lia__buf_reading(b, m->q, 1);
        }
        lia__buf_putc(b, '.');
    }
}

int lia__repeat_summarise(lia_repeat *r)
{
    lia_buf b;
    lia__buf_init(&b);
    switch (r->verdict) {
    case LIA_VERDICT_NONE: break;
    case LIA_VERDICT_HOLDS: holds(&b, r); break;
    case LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT: harsher(&b, r); break;
    case LIA_VERDICT_UNDECIDED: undecided(&b, r); break;
    case LIA_VERDICT_NEEDS_TRANSFERS: fails(&b, r, 1); break;
    case LIA_VERDICT_BREAKS_DOWN: fails(&b, r, 0); break;
    }
    for (size_t i = 0; r->verdict != LIA_VERDICT_NONE && i < r->np; i++) {
        const lia_sustain *s = &r->rows[i];
        if (r->mem[i].direction != LIA_DIRECTION_EXCEED) continue;
        lia__buf_printf(&b, " %s would share more than committed (%s instead of %s, worth ", r->players[i],
                       r->strategies[i][s->best_deviation], r->strategies[i][r->target[i]]);
        num(&b, r, i, s->deviation - s->value);
        lia__buf_puts(&b, " more per period to it): the commitment is set too low for it, which is no breakdown.");
    }
    char *text = lia__buf_take(&b, NULL);
    if (!text) return 0;
    const char *t = text[0] == ' ' ? text + 1 : text;
    r->summary = lia__arena_strndup(&r->arena, t, strlen(t));
    lia__free(text);
    return r->summary != NULL;
}
