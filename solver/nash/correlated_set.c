/* correlated_set.c — building and reading correlated-equilibrium handles (written by
 * correlated_write.c). */
#include "correlated.h"
#include "../game/game.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

lia_correlated *lia__correlated_new(const lia_game *g, int coarse)
{
    lia_correlated *c = lia__calloc(1, sizeof *c);
    if (!c) return NULL;
    lia__arena_init(&c->arena);
    lia_arena *a = &c->arena;
    c->coarse = coarse;
    c->np = g->np;
    c->nprofiles = g->nprofiles;
    c->game = copy(a, g->name);
    c->players = lia__arena_array(a, g->np, sizeof *c->players);
    c->ns = lia__arena_array(a, g->np, sizeof *c->ns);
    c->strategies = lia__arena_array(a, g->np, sizeof *c->strategies);
    c->distribution = lia__arena_array(a, g->nprofiles, sizeof(double));
    c->payoffs = lia__arena_array(a, g->np, sizeof(double));
    c->best = lia__arena_array(a, g->np, sizeof(double));
    c->worst = lia__arena_array(a, g->np, sizeof(double));
    c->mag = lia__arena_array(a, 3 * g->np + 1, sizeof(double));
    int ok = c->game && c->players && c->ns && c->strategies && c->distribution && c->payoffs && c->best && c->worst &&
             c->mag;
    for (size_t p = 0; ok && p < g->np; p++) {
        c->ns[p] = g->ns[p];
        ok = (c->players[p] = copy(a, g->players[p])) != NULL &&
             (c->strategies[p] = lia__arena_array(a, g->ns[p], sizeof(char *))) != NULL;
        for (size_t s = 0; ok && s < g->ns[p]; s++) ok = (c->strategies[p][s] = copy(a, g->strategies[p][s])) != NULL;
    }
    if (!ok) { lia_correlated_free(c); return NULL; }
    for (size_t k = 0; k < g->np * g->nprofiles; k++) c->scale = fmax(c->scale, fabs(g->payoffs[k]));
    for (size_t k = 0; k <= 3 * g->np; k++) c->mag[k] = c->scale;   /* until the solve sets them */
    return c;
}

void lia_correlated_free(lia_correlated *c)
{
    lia__errmsg_forget(c);
    if (!c) return;
    lia__arena_free(&c->arena);
    lia__free(c);
}

const char *lia_correlated_errmsg(const lia_correlated *c) { return lia__errmsg_of(c); }

int lia_correlated_coarse(const lia_correlated *c) { return c ? c->coarse : 0; }
double lia_correlated_welfare(const lia_correlated *c) { return c ? c->welfare : NAN; }
const double *lia_correlated_distribution(const lia_correlated *c) { return c ? c->distribution : NULL; }
const double *lia_correlated_payoffs(const lia_correlated *c) { return c ? c->payoffs : NULL; }

lia_status lia_correlated_range(const lia_correlated *c, size_t player, double *worst, double *best)
{
    if (!c || player >= c->np || !c->has_ranges) return LIA_EUSAGE;
    if (worst) *worst = c->worst[player];
    if (best) *best = c->best[player];
    return LIA_OK;
}
