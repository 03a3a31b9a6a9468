/* sustain.c — what a player gets from a target profile, from its best deviation, and from the
 * punishment that follows one. */
#include "repeat.h"
#include "../util/mem.h"
#include <math.h>

lia_status lia__punishments(const lia_game *g, lia_punishment kind, double *p)
{
    if (kind == LIA_PUNISH_NASH) return lia__nash_reversion(g, p);
    lia_status st = LIA_OK;
    for (size_t i = 0; i < g->np && st == LIA_OK; i++) st = lia__minmax_correlated(g, i, &p[i]);
    return st;
}

/* How far member i's payoff moves with one side's choices: with `own`, the most it moves with
 * its own strategy, the others' fixed (max over their profiles of max_a u_i - min_a u_i);
 * without, the most it moves with the others' profile, its own strategy fixed. */
static double spread(const lia_game *g, size_t i, int own)
{
    const double *u = g->payoffs + i * g->nprofiles;
    size_t stride = 1;
    for (size_t j = 0; j < i; j++) stride *= g->ns[j];
    size_t m = g->nprofiles / g->ns[i];
    double s = 0;
    size_t outer = own ? m : g->ns[i], inner = own ? g->ns[i] : m;
    for (size_t x = 0; x < outer; x++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t y = 0; y < inner; y++) {
            size_t a = own ? y : x, r = own ? x : y;   /* own strategy a, others' profile r */
            double v = u[(r / stride) * stride * g->ns[i] + a * stride + r % stride];
            lo = fmin(lo, v);
            hi = fmax(hi, v);
        }
        s = fmax(s, hi - lo);
    }
    return s;
}

static double largest(const lia_game *g, size_t i)
{
    double big = 0;
    for (size_t k = 0; k < g->nprofiles; k++) big = fmax(big, fabs(g->payoffs[i * g->nprofiles + k]));
    return big;
}

/* A deviation gain D - C compares the member's strategies against the same profile of the
 * others: below 1e-9 of its own spread, plus 1e-15 of its largest |payoff| for the rounding
 * of numbers that large, it is rounding, not a reason to deviate (a level worth 1e-17 more is
 * no temptation). The own spread, not the largest |payoff|: what the others' choices alone
 * decide (a side payment that follows the partner's sharing) moves the payoffs of all the
 * member's strategies alike, and a training transfer of 1e8 had made US's gain of 0.07 from
 * withholding look like rounding. */
double lia__payoff_noise(const lia_game *g, size_t i)
{
    return 1e-9 * spread(g, i, 1) + 1e-15 * largest(g, i);
}

/* A punishment payoff against the keep value compares two profiles that may differ in every
 * member's strategy. A side payment that follows one side's choices alone moves the member's
 * payoff along that side only (US's training transfer follows IL's sharing: 1e8 along the
 * others' spread, nothing along its own), so the smaller of the two spreads is the scale of
 * what is left to round; 1e-9 of it, plus 1e-15 of the largest |payoff|. */
double lia__punishment_noise(const lia_game *g, size_t i)
{
    return 1e-9 * fmin(spread(g, i, 1), spread(g, i, 0)) + 1e-15 * largest(g, i);
}

void lia__target_deviations(const lia_game *g, size_t prof, lia_deviation *out)
{
    size_t stride = 1;
    for (size_t i = 0; i < g->np; i++) {
        size_t own = prof / stride % g->ns[i], base = prof - own * stride;
        lia_deviation *v = &out[i];
        double eps = lia__payoff_noise(g, i);
        v->value = g->payoffs[i * g->nprofiles + prof];
        v->keep = v->breach = v->best = v->value;
        v->breach_strategy = v->best_strategy = own;
        for (size_t a = 0; a < g->ns[i]; a++) {
            double u = g->payoffs[i * g->nprofiles + base + a * stride];
            if (u > v->best + eps || (u > v->best && v->best > v->value)) { v->best = u; v->best_strategy = a; }
            /* with sharing levels the commitment is a floor: only a lower level breaches it */
            if (g->commit && a > own && u > v->keep + eps) v->keep = u;
            if ((!g->commit || a < own) && (u > v->breach + eps || (u > v->breach && v->breach > v->value))) {
                v->breach = u;
                v->breach_strategy = a;
            }
        }
        /* a member that does best at a higher level would not withhold: its breach must beat that */
        v->direction = LIA_DIRECTION_NONE;
        if (g->commit && v->breach > v->keep) v->direction = LIA_DIRECTION_WITHHOLD;
        else if (g->commit && v->keep > v->value) v->direction = LIA_DIRECTION_EXCEED;
        stride *= g->ns[i];
    }
}

void lia__target_values(const lia_game *g, size_t prof, double *c, double *d, size_t *dev)
{
    size_t stride = 1;
    for (size_t i = 0; i < g->np; i++) {
        size_t own = prof / stride % g->ns[i], base = prof - own * stride;
        c[i] = g->payoffs[i * g->nprofiles + prof];
        d[i] = c[i];
        if (dev) dev[i] = own;
        for (size_t a = 0; a < g->ns[i]; a++) {
            if (g->commit && a > own) break;   /* sharing more than a floor is no breach */
            double u = g->payoffs[i * g->nprofiles + base + a * stride];
            if (u > d[i]) { d[i] = u; if (dev) dev[i] = a; }
        }
        stride *= g->ns[i];
    }
}

double lia__delta_star_q(double c, double d, double p, double q)
{
    if (c < p) return NAN;
    if (d <= c) return 0;
    return (d - c) / ((d - c) + q * (c - p));
}

double lia__keep_threshold(double d, double p, double delta, double q)
{
    return ((1 - delta) * d + delta * q * p) / (1 - delta + delta * q);
}

/* delta = (D - C)/((D - C) + q (C - P)) solved for q */
double lia__q_needed(double c, double d, double p, double delta)
{
    if (c < p || isnan(delta)) return NAN;
    if (d <= c) return 0;
    if (c == p) return NAN;
    double q = (d - c) * (1 - delta) / (delta * (c - p));
    return q <= 1 ? q : NAN;
}

double lia__snap_punishment(double p, double keep, double noise)
{
    return fabs(p - keep) <= noise ? keep : p;
}

double lia__delta_star(double c, double d, double p)
{
    /* checked first: a member who prefers the punishment to the commitment gains by any
     * deviation that triggers it, however little the deviation itself pays */
    if (c < p) return NAN;
    if (d <= c) return 0;
    return (d - c) / (d - p);
}
