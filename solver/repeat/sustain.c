/* sustain.c — what a player gets from a target profile, from its best deviation, and from the
 * punishment that follows one. */
#include "repeat.h"
#include "../util/mem.h"
#include <math.h>

static lia_status nash_reversion(const lia_game *g, double *p)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = g->np == 2 ? LIA_NASH_ALL : LIA_NASH_PURE;
    lia_eqset *e = NULL;
    lia_status st = lia_game_nash(&e, g, &o);
    if (st == LIA_OK && lia_eqset_count(e) == 0 && g->np > 2) {
        /* no pure equilibrium: the mixed ones of support enumeration */
        lia_eqset_free(e);
        e = NULL;
        o.method = LIA_NASH_SUPPORT;
        st = lia_game_nash(&e, g, &o);
    }
    if (st != LIA_OK) return st;
    size_t k = lia_eqset_count(e);
    if (k == 0) { lia_eqset_free(e); return LIA_EINTERNAL; }
    for (size_t i = 0; i < g->np; i++) p[i] = INFINITY;
    for (size_t q = 0; q < k; q++) {
        const double *u = lia_eqset_payoffs(e, q);
        for (size_t i = 0; i < g->np; i++) p[i] = fmin(p[i], u[i]);
    }
    lia_eqset_free(e);
    return LIA_OK;
}

/* min over the others' pure profiles of i's best reply payoff */
static lia_status pure_minmax(const lia_game *g, double *p)
{
    size_t *s = lia__calloc(g->np, sizeof *s);
    if (!s) return LIA_ENOMEM;
    for (size_t i = 0; i < g->np; i++) p[i] = INFINITY;
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        /* decode the profile; visit it once per player as "others' profile with i at 0" */
        size_t rest = prof;
        for (size_t j = 0; j < g->np; j++) { s[j] = rest % g->ns[j]; rest /= g->ns[j]; }
        for (size_t i = 0; i < g->np; i++) {
            if (s[i] != 0) continue;
            size_t stride = 1;
            for (size_t j = 0; j < i; j++) stride *= g->ns[j];
            double best = -INFINITY;
            for (size_t a = 0; a < g->ns[i]; a++) best = fmax(best, g->payoffs[i * g->nprofiles + prof + a * stride]);
            p[i] = fmin(p[i], best);
        }
    }
    lia__free(s);
    return LIA_OK;
}

lia_status lia_punishments(const lia_game *g, lia_punishment kind, double *p)
{
    if (kind == LIA_PUNISH_NASH) return nash_reversion(g, p);
    if (g->np != 2) return pure_minmax(g, p);
    /* two players: the minimax theorem makes i's mixed minmax its maxmin value */
    double *sigma = lia__malloc((g->ns[0] > g->ns[1] ? g->ns[0] : g->ns[1]) * sizeof *sigma);
    if (!sigma) return LIA_ENOMEM;
    lia_status st = LIA_OK;
    for (size_t i = 0; i < 2 && st == LIA_OK; i++) st = lia_game_maxmin(g, i, &p[i], sigma);
    lia__free(sigma);
    return st;
}

void lia_target_values(const lia_game *g, size_t prof, double *c, double *d, size_t *dev)
{
    size_t stride = 1;
    for (size_t i = 0; i < g->np; i++) {
        size_t own = prof / stride % g->ns[i], base = prof - own * stride;
        c[i] = g->payoffs[i * g->nprofiles + prof];
        d[i] = c[i];
        if (dev) dev[i] = own;
        for (size_t a = 0; a < g->ns[i]; a++) {
            double u = g->payoffs[i * g->nprofiles + base + a * stride];
            if (u > d[i]) { d[i] = u; if (dev) dev[i] = a; }
        }
        stride *= g->ns[i];
    }
}

double lia_delta_star(double c, double d, double p)
{
    if (d <= c) return 0;
    if (c < p) return NAN;
    return (d - c) / (d - p);
}
