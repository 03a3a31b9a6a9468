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

/* Payoff differences below this fraction of the game's payoff scale are rounding, not a
 * reason to deviate: a level worth 1e-17 more is no temptation. */
static double noise(const lia_game *g, size_t i)
{
    double scale = 0;
    for (size_t k = 0; k < g->nprofiles; k++) scale = fmax(scale, fabs(g->payoffs[i * g->nprofiles + k]));
    return 1e-9 * (scale > 0 ? scale : 1);
}

void lia__target_deviations(const lia_game *g, size_t prof, lia_deviation *out)
{
    size_t stride = 1;
    for (size_t i = 0; i < g->np; i++) {
        size_t own = prof / stride % g->ns[i], base = prof - own * stride;
        lia_deviation *v = &out[i];
        double eps = noise(g, i);
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

double lia__snap_punishment(double p, double keep)
{
    return fabs(p - keep) <= 1e-9 * fmax(1, fabs(keep)) ? keep : p;
}

double lia__delta_star(double c, double d, double p)
{
    /* checked first: a member who prefers the punishment to the commitment gains by any
     * deviation that triggers it, however little the deviation itself pays */
    if (c < p) return NAN;
    if (d <= c) return 0;
    return (d - c) / (d - p);
}
