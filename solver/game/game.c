/* game.c — normal-form game handles: construction, accessors, and lia_game_new(_exact) from arrays. */
#include "game.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Every size in a message, needs and caps alike, in one form: three significant digits in
 * the largest binary unit below the number ("2 KiB", "2.14 KiB", "763 MiB"), so that a need
 * and the cap it exceeds read alike. */
void lia__format_bytes(char *buf, size_t cap, double b)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int u = 0;
    while (b >= 1024 && u < 6) { b /= 1024; u++; }
    snprintf(buf, cap, u ? "%.3g %s" : "%.0f %s", b, units[u]);
}

void lia__format_cap(char *buf, size_t cap, size_t bytes)
{
    lia__format_bytes(buf, cap, (double)bytes);
}

lia_status lia__game_alloc(lia_game **out, const char *name, size_t np, const size_t *ns, int want_exact,
                          size_t cap, size_t held, char *msg, size_t msgcap)
{
    size_t full_cap = cap;
    cap = held < cap ? cap - held : 0;
    *out = NULL;
    size_t nprof = 1, cells, bytes;
    double approx = 1;
    int overflow = 0;
    for (size_t p = 0; p < np; p++) {
        approx *= (double)ns[p];
        if (!lia__size_mul(nprof, ns[p], &nprof)) overflow = 1;
    }
    if (overflow || !lia__size_mul(nprof, np, &cells) || !lia__size_mul(cells, sizeof(double), &bytes) ||
        bytes > cap) {
        char need[32], have[32];
        lia__format_bytes(need, sizeof need, approx * (double)np * sizeof(double));
        char kept[32];
        lia__format_bytes(have, sizeof have, (double)full_cap);
        lia__format_bytes(kept, sizeof kept, (double)held);
        snprintf(msg, msgcap, "game '%s' has %.4g strategy profiles; its payoff table would need %s%s%s%s, "
                 "over the memory cap of %s (raise the cap, or make the game smaller)", name, approx, need,
                 held ? " beside the " : "", held ? kept : "", held ? " of exact payoffs the model holds" : "", have);
        return LIA_ELIMIT;
    }
    lia_game *g = lia__calloc(1, sizeof *g);
    if (!g) return LIA_ENOMEM;
    atomic_init(&g->nash_worst, NULL);
    lia__arena_init(&g->arena);
    g->np = np;
    g->nprofiles = nprof;
    g->name = lia__arena_strndup(&g->arena, name, strlen(name));
    g->players = lia__arena_array(&g->arena, np, sizeof *g->players);
    g->ns = lia__arena_array(&g->arena, np, sizeof *g->ns);
    g->strategies = lia__arena_array(&g->arena, np, sizeof *g->strategies);
    g->payoffs = lia__malloc(bytes);
    if (!g->name || !g->players || !g->ns || !g->strategies || !g->payoffs) { lia_game_free(g); return LIA_ENOMEM; }
    memcpy(g->ns, ns, np * sizeof *ns);
    for (size_t p = 0; p < np; p++) {
        g->strategies[p] = lia__arena_array(&g->arena, ns[p], sizeof(char *));
        if (!g->strategies[p]) { lia_game_free(g); return LIA_ENOMEM; }
    }
    size_t ebytes;
    /* exact payoffs are kept when they fit under the cap; failing to get memory for them is
     * an error, not a quiet change of output */
    if (want_exact && lia__size_mul(cells, sizeof(lia_num), &ebytes) && ebytes + bytes <= cap) {
        g->exact = lia__malloc(ebytes);
        if (!g->exact) { lia_game_free(g); return LIA_ENOMEM; }
    }
    *out = g;
    return LIA_OK;
}

void lia_game_free(lia_game *g)
{
    lia__errmsg_forget(g);
    if (!g) return;
    lia__free(g->payoffs);
    lia__free(g->exact);
    lia__free(atomic_load(&g->nash_worst));
    lia__arena_free(&g->arena);
    lia__free(g);
}

int lia__game_payoffs_in_range(const lia_game *g, char *msg, size_t msgcap)
{
    for (size_t p = 0; p < g->np; p++)
        for (size_t k = 0; k < g->nprofiles; k++) {
            double v = g->payoffs[p * g->nprofiles + k];
            if (fabs(v) < LIA_NUM_LIMIT) continue;
            const char *who = g->players[p] ? g->players[p] : "a player";
            if (msg && !isfinite(v))
                snprintf(msg, msgcap, "game '%s': the payoffs of %s overflow the range of doubles; scale the "
                         "model's values down", g->name, who);
            else if (msg)
                snprintf(msg, msgcap, "game '%s': a payoff of %s is %g, outside +-1e300, where differences of "
                         "payoffs overflow a double and no equilibrium can be checked; scale the payoffs down",
                         g->name, who, v);
            return 0;
        }
    return 1;
}

/* The game of lia_game_new / lia_game_new_exact: shape checked, labels "1", "2", ..., payoffs
 * left for the caller to fill (cells = players * profiles). */
static lia_status new_labelled(lia_game **out, size_t players, const size_t *nstrategies, int exact,
                               size_t *cells_out)
{
    for (size_t p = 0; p < players; p++)
        if (nstrategies[p] == 0) return LIA_EUSAGE;
    char msg[256];
    size_t cells = 1;
    for (size_t p = 0; p < players; p++)
        if (!lia__size_mul(cells, nstrategies[p], &cells)) return LIA_EUSAGE;
    if (!lia__size_mul(cells, players, &cells)) return LIA_EUSAGE;
    lia_game *g;
    lia_status st = lia__game_alloc(&g, "game", players, nstrategies, exact, (size_t)-1, 0, msg, sizeof msg);
    if (st != LIA_OK) return st == LIA_ELIMIT ? LIA_EUSAGE : st;
    if (exact && !g->exact) { lia_game_free(g); return LIA_EUSAGE; }   /* the exact table cannot exist */
    char label[32];
    for (size_t p = 0; p < players; p++) {
        snprintf(label, sizeof label, "%zu", p + 1);
        g->players[p] = lia__arena_strndup(&g->arena, label, strlen(label));
        for (size_t s = 0; s < nstrategies[p] && g->players[p]; s++) {
            snprintf(label, sizeof label, "%zu", s + 1);
            if (!(g->strategies[p][s] = lia__arena_strndup(&g->arena, label, strlen(label)))) break;
        }
        if (!g->players[p] || !g->strategies[p][nstrategies[p] - 1]) { lia_game_free(g); return LIA_ENOMEM; }
    }
    *out = g;
    *cells_out = cells;
    return LIA_OK;
}

lia_status lia_game_new(lia_game **out, size_t players, const size_t *nstrategies, const double *payoffs)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!players || !nstrategies || !payoffs) return LIA_EUSAGE;
    size_t cells = 0;
    lia_game *g;
    lia_status st = new_labelled(&g, players, nstrategies, 0, &cells);
    if (st != LIA_OK) return st;
    for (size_t i = 0; i < cells; i++)
        if (!(fabs(payoffs[i]) < LIA_NUM_LIMIT)) { lia_game_free(g); return LIA_EUSAGE; }   /* see LIA_NUM_LIMIT */
    memcpy(g->payoffs, payoffs, cells * sizeof(double));
    *out = g;
    return LIA_OK;
}

lia_status lia_game_new_exact(lia_game **out, size_t players, const size_t *nstrategies, const int64_t *num,
                              const int64_t *den)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!players || !nstrategies || !num || !den) return LIA_EUSAGE;
    size_t cells = 0;
    lia_game *g;
    lia_status st = new_labelled(&g, players, nstrategies, 1, &cells);
    if (st != LIA_OK) return st;
    for (size_t i = 0; i < cells; i++) {
        /* lia__num_frac falls back to a double when the reduced value does not fit: refuse
         * that, since this constructor promises exact payoffs */
        lia_num v = den[i] ? lia__num_frac(num[i], den[i]) : lia_num_bad();
        if (!lia_num_exact(v)) { lia_game_free(g); return LIA_EUSAGE; }
        g->payoffs[i] = v.v;
        g->exact[i] = v;
    }
    *out = g;
    return LIA_OK;
}

const char *lia_game_name(const lia_game *g) { return g ? g->name : NULL; }
size_t lia_game_player_count(const lia_game *g) { return g ? g->np : 0; }
const char *lia_game_player_name(const lia_game *g, size_t p) { return g && p < g->np ? g->players[p] : NULL; }
size_t lia_game_strategy_count(const lia_game *g, size_t p) { return g && p < g->np ? g->ns[p] : 0; }
size_t lia_game_profile_count(const lia_game *g) { return g ? g->nprofiles : 0; }
const double *lia_game_payoffs(const lia_game *g) { return g ? g->payoffs : NULL; }

const char *lia_game_strategy_name(const lia_game *g, size_t p, size_t s)
{
    return g && p < g->np && s < g->ns[p] ? g->strategies[p][s] : NULL;
}

lia_status lia_game_profile_index(const lia_game *g, const size_t *strategies, size_t *index)
{
    if (!g || !strategies || !index) return LIA_EUSAGE;
    size_t at = 0, stride = 1;
    for (size_t p = 0; p < g->np; p++) {
        if (strategies[p] >= g->ns[p]) return LIA_EUSAGE;
        at += strategies[p] * stride;
        stride *= g->ns[p];
    }
    *index = at;
    return LIA_OK;
}

int lia_game_payoff_exact(const lia_game *g, size_t player, size_t profile, int64_t *num, int64_t *den)
{
    if (!g || !g->exact || player >= g->np || profile >= g->nprofiles || !num || !den) return 0;
    lia_num v = g->exact[player * g->nprofiles + profile];
    if (!lia_num_exact(v)) return 0;
    *num = v.p;
    *den = v.q;
    return 1;
}

int lia_game_commitment(const lia_game *g, size_t *strategies)
{
    if (!g || !g->commit) return 0;
    if (strategies) memcpy(strategies, g->commit, g->np * sizeof *strategies);
    return 1;
}

double lia_game_monitor(const lia_game *g, size_t p)
{
    return g && g->monitor && p < g->np ? g->monitor[p] : 1;
}

const lia_member_terms *lia_game_commitment_terms(const lia_game *g, size_t p)
{
    return g && g->terms && p < g->np ? &g->terms[p] : NULL;
}
