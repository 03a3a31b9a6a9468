/* reversion.c — each player's worst payoff over the stage game's equilibria: the Nash-reversion
 * punishment of the repeated game and the default bargaining disagreement point. Both ask for
 * it, and solve and sweep have the equilibrium set in hand already, so it is computed once per
 * game and kept on the game (a 100-level game's set took 27 s, and was found three times). */
#include "repeat.h"
#include "../nash/eqset.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* The set the worst payoffs are taken over: every extreme equilibrium for two players, the
 * pure ones for more (or, without any, the mixed ones of support enumeration). */
static lia_status stage_set(const lia_game *g, lia_eqset **e)
{
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    o.method = g->np == 2 ? LIA_NASH_ALL : LIA_NASH_PURE;
    lia_status st = lia_game_nash(e, g, &o);
    if (st == LIA_OK && lia_eqset_count(*e) == 0 && g->np > 2) {
        lia_eqset_free(*e);
        *e = NULL;
        o.method = LIA_NASH_SUPPORT;
        st = lia_game_nash(e, g, &o);
    }
    return st;
}

/* Publish the worst payoffs of set e on g; a set of the wrong kind or an empty one is ignored. */
static lia_status publish(const lia_game *g, const lia_eqset *e)
{
    size_t k = lia_eqset_count(e);
    if (k == 0) return LIA_EINTERNAL;
    double *p = lia__malloc(g->np * sizeof *p);
    if (!p) return LIA_ENOMEM;
    for (size_t i = 0; i < g->np; i++) p[i] = INFINITY;
    for (size_t q = 0; q < k; q++) {
        const double *u = lia_eqset_payoffs(e, q);
        for (size_t i = 0; i < g->np; i++) p[i] = fmin(p[i], u[i]);
    }
    /* the game is const to its readers; the memo is the one field written after creation */
    lia_game *mg = (lia_game *)g;
    double *none = NULL;
    if (!atomic_compare_exchange_strong(&mg->nash_worst, &none, p)) lia__free(p);   /* another thread won */
    return LIA_OK;
}

void lia__nash_reversion_offer(const lia_game *g, const lia_eqset *e, lia_nash_method method)
{
    /* only a set of the same definition: all extreme equilibria of two players, or a
     * nonempty set of pure equilibria of more */
    if (!g || !e || atomic_load(&g->nash_worst)) return;
    if (g->np == 2 ? method != LIA_NASH_ALL : method != LIA_NASH_PURE) return;
    (void)publish(g, e);   /* out of memory here only means it is computed again later */
}

lia_status lia__nash_reversion(const lia_game *g, double *p)
{
    double *w = atomic_load(&g->nash_worst);
    if (!w) {
        lia_eqset *e = NULL;
        lia_status st = stage_set(g, &e);
        if (st == LIA_OK) st = publish(g, e);
        lia_eqset_free(e);
        if (st != LIA_OK) return st;
        w = atomic_load(&g->nash_worst);
    }
    memcpy(p, w, g->np * sizeof *p);
    return LIA_OK;
}
