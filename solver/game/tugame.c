/* tugame.c — coalitional game handles; structured games answer v(S) on demand. */
#include "tugame.h"
#include "game.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { MAX_TABLE_PLAYERS = 30 };

lia_status lia__tugame_alloc(lia_tugame **out, const char *name, size_t np, lia_tu_form form, int cost)
{
    lia_tugame *g = lia__calloc(1, sizeof *g);
    *out = NULL;
    if (!g) return LIA_ENOMEM;
    lia__arena_init(&g->arena);
    g->np = np;
    g->form = form;
    g->cost = cost;
    g->name = lia__arena_strndup(&g->arena, name, strlen(name));
    g->players = lia__arena_array(&g->arena, np ? np : 1, sizeof *g->players);
    if (!g->name || !g->players) { lia_tugame_free(g); return LIA_ENOMEM; }
    *out = g;
    return LIA_OK;
}

lia_status lia__tugame_alloc_table(lia_tugame *g, int want_exact, size_t cap, char *msg, size_t msgcap)
{
    size_t bytes = 0;
    if (g->np > MAX_TABLE_PLAYERS) {
        snprintf(msg, msgcap, "game '%s' has %zu players: coalition tables hold at most %d (2^%d values)", g->name,
                 g->np, MAX_TABLE_PLAYERS, MAX_TABLE_PLAYERS);
        return LIA_ELIMIT;
    }
    if ( !lia__size_mul((size_t)1 << (g->np > 62 ? 62 : g->np), sizeof(double), &bytes) ||
        bytes > cap) {
        char need[32], have[32];
        double b = 8.0;
        for (size_t i = 0; i < g->np; i++) b *= 2;
        lia__format_bytes(need, sizeof need, b);
        lia__format_bytes(have, sizeof have, (double)cap);
        snprintf(msg, msgcap, "game '%s' has %zu players: a table of all 2^%zu coalition values would need %s, "
                 "over the memory cap of %s", g->name, g->np, g->np, need, have);
        return LIA_ELIMIT;
    }
    g->values = lia__calloc((size_t)1 << g->np, sizeof(double));
    if (!g->values) return LIA_ENOMEM;
    size_t ebytes;
    if (want_exact && lia__size_mul((size_t)1 << g->np, sizeof(lia_num), &ebytes) && bytes + ebytes <= cap) {
        g->exact = lia__calloc((size_t)1 << g->np, sizeof(lia_num));
        if (!g->exact) { lia__free(g->values); g->values = NULL; return LIA_ENOMEM; }
    }
    return LIA_OK;
}

void lia_tugame_free(lia_tugame *g)
{
    lia__errmsg_forget(g);
    if (!g) return;
    lia__free(g->values);
    lia__free(g->exact);
    lia__arena_free(&g->arena);
    lia__free(g);
}

const char *lia_tugame_errmsg(const lia_tugame *g) { return lia__errmsg_of(g); }

lia_status lia_tugame_new(lia_tugame **out, size_t players, const double *values, int cost)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!values || players == 0 || players > MAX_TABLE_PLAYERS || values[0] != 0) return LIA_EUSAGE;
    for (size_t S = 0; S < ((size_t)1 << players); S++)
        if (!(fabs(values[S]) < LIA_NUM_LIMIT)) return LIA_EUSAGE;   /* see LIA_NUM_LIMIT */
    lia_tugame *g;
    char msg[200];
    lia_status st = lia__tugame_alloc(&g, "game", players, LIA_TU_TABLE, cost != 0);
    if (st == LIA_OK) st = lia__tugame_alloc_table(g, 0, (size_t)-1, msg, sizeof msg);
    for (size_t p = 0; st == LIA_OK && p < players; p++) {
        char label[24];
        snprintf(label, sizeof label, "%zu", p + 1);
        if (!(g->players[p] = lia__arena_strndup(&g->arena, label, strlen(label)))) st = LIA_ENOMEM;
    }
    if (st != LIA_OK) { lia_tugame_free(g); return st; }
    memcpy(g->values, values, ((size_t)1 << players) * sizeof(double));
    *out = g;
    return LIA_OK;
}

const char *lia_tugame_name(const lia_tugame *g) { return g ? g->name : NULL; }
size_t lia_tugame_player_count(const lia_tugame *g) { return g ? g->np : 0; }
const char *lia_tugame_player_name(const lia_tugame *g, size_t p) { return g && p < g->np ? g->players[p] : NULL; }
int lia_tugame_is_cost(const lia_tugame *g) { return g ? g->cost : 0; }
lia_tu_form lia_tugame_form(const lia_tugame *g) { return g ? g->form : LIA_TU_TABLE; }
const double *lia_tugame_values(const lia_tugame *g) { return g ? g->values : NULL; }

/* v(S) of a structured game. Sums run in exact rationals while the data are exact, so a
 * quota of 1 is met by ten weights of 0.1; a bankruptcy game sums the claims outside S
 * directly rather than subtracting from a total. in(i) says whether player i is in S. */
static double structured_value(const lia_tugame *g, int (*in)(const void *, size_t), const void *S)
{
    int bank = g->form == LIA_TU_BANKRUPTCY;
    lia_num sum = lia__num_int(0);
    double sumd = 0;
    for (size_t i = 0; i < g->np; i++) {
        if (in(S, i) == bank) continue;   /* bankruptcy: the others' claims; voting: S's weight */
        sum = lia__num_add(sum, g->weights_exact[i]);
        sumd += g->weights[i];
    }
    int exact = lia_num_exact(sum) && lia_num_exact(g->amount_exact);
    if (bank) {
        if (exact) { lia_num left = lia__num_sub(g->amount_exact, sum); return left.v > 0 ? left.v : 0; }
        return g->amount > sumd ? g->amount - sumd : 0;
    }
    return (exact ? lia__num_cmp(sum, g->amount_exact) >= 0 : sumd >= g->amount) ? 1.0 : 0.0;
}

static int in_mask(const void *S, size_t i) { return (int)(*(const uint64_t *)S >> i & 1); }

typedef struct member_list { const size_t *m; size_t k; } member_list;
static int in_list(const void *S, size_t i)
{
    const member_list *l = S;
    for (size_t a = 0; a < l->k; a++)
        if (l->m[a] == i) return 1;
    return 0;
}

lia_status lia_tugame_value(const lia_tugame *g, uint64_t mask, double *v)
{
    if (!g || !v || g->np > 63 || (g->np < 64 && (mask >> g->np) != 0)) return LIA_EUSAGE;
    if (g->form == LIA_TU_TABLE) {
        if (!g->values) return LIA_EUSAGE;
        *v = g->values[mask];
        return LIA_OK;
    }
    *v = structured_value(g, in_mask, &mask);
    return LIA_OK;
}

lia_status lia_tugame_value_of(const lia_tugame *g, const size_t *members, size_t k, double *v)
{
    if (!g || !v || (k && !members)) return LIA_EUSAGE;
    for (size_t a = 0; a < k; a++) {
        if (members[a] >= g->np) return LIA_EUSAGE;
        for (size_t b = 0; b < a; b++)
            if (members[a] == members[b]) return LIA_EUSAGE;
    }
    if (g->form == LIA_TU_TABLE) {
        uint64_t mask = 0;
        for (size_t a = 0; a < k; a++) mask |= (uint64_t)1 << members[a];
        return lia_tugame_value(g, mask, v);
    }
    member_list l = { members, k };
    *v = structured_value(g, in_list, &l);
    return LIA_OK;
}

lia_status lia_tugame_bankruptcy(const lia_tugame *g, double *estate, const double **claims)
{
    if (!g || g->form != LIA_TU_BANKRUPTCY) return LIA_EUSAGE;
    if (estate) *estate = g->amount;
    if (claims) *claims = g->weights;
    return LIA_OK;
}

lia_status lia_tugame_voting(const lia_tugame *g, double *quota, const double **weights)
{
    if (!g || g->form != LIA_TU_VOTING) return LIA_EUSAGE;
    if (quota) *quota = g->amount;
    if (weights) *weights = g->weights;
    return LIA_OK;
}
