/* montecarlo.c — Shapley values by sampling random orders of the players.
 *
 * Player i's value is its expected marginal contribution when the players arrive in a uniformly
 * random order. Each order gives one contribution per player, so m orders give m independent
 * samples for each player. If i's contributions lie in [lo_i, hi_i], Hoeffding's inequality
 * bounds the error: P(|mean - phi_i| >= h) <= 2 exp(-2 m h^2 / (hi_i - lo_i)^2). Asking that of
 * all n players at once (union bound) with total failure probability 1 - confidence gives
 *   h_i = (hi_i - lo_i) sqrt(ln(2n / (1 - confidence)) / (2m)).
 * The ranges are exact for bankruptcy ([0, min(c_i, E)]) and voting ([0, 1]) games; for tables
 * they come from the smallest and largest value, which is safe but loose.
 * Structured games are evaluated incrementally along the order, so no 64-player mask limit. */
#include "share_result.h"
#include "../game/tugame.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* xoshiro256** seeded by splitmix64: fast, and the same seed gives the same estimate
 * everywhere (no libc rand). */
typedef struct rng { uint64_t s[4]; } rng;

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

/* Uniform in [0, bound) without modulo bias (Lemire's method). */
static size_t below(rng *r, size_t bound)
{
    __uint128_t m = (__uint128_t)next(r) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        uint64_t floor = -(uint64_t)bound % bound;
        while (low < floor) {
            m = (__uint128_t)next(r) * bound;
            low = (uint64_t)m;
        }
    }
    return (size_t)(m >> 64);
}

/* v of the predecessors plus i, given the running state of the predecessors. */
typedef struct walk { uint64_t mask; double sum; } walk;

static double value_after(const lia_tugame *g, walk *w, size_t i, double total_claims)
{
    switch (g->form) {
    case LIA_TU_TABLE:
        w->mask |= (uint64_t)1 << i;
        return g->values[w->mask];
    case LIA_TU_BANKRUPTCY: {
        w->sum += g->weights[i];
        double left = g->amount - (total_claims - w->sum);   /* what the others' claims leave */
        return left > 0 ? left : 0;
    }
    case LIA_TU_VOTING:
        w->sum += g->weights[i];
        return w->sum >= g->amount ? 1 : 0;
    }
    return 0;
}

static void ranges(const lia_tugame *g, double *width)
{
    size_t n = g->np;
    if (g->form == LIA_TU_TABLE) {
        double lo = 0, hi = 0;
        for (size_t s = 0; s < (size_t)1 << n; s++) {
            if (g->values[s] < lo) lo = g->values[s];
            if (g->values[s] > hi) hi = g->values[s];
        }
        for (size_t i = 0; i < n; i++) width[i] = 2 * (hi - lo);
    } else {
        for (size_t i = 0; i < n; i++)
            width[i] = g->form == LIA_TU_VOTING ? 1 : g->weights[i] < g->amount ? g->weights[i] : g->amount;
    }
}

lia_status lia__shapley_mc(const lia_tugame *g, uint64_t samples, uint64_t seed, double confidence, double *phi,
                          double *half, lia_progress_fn progress, void *ctx)
{
    if (!g || !phi || !half || samples == 0 || !(confidence > 0 && confidence < 1)) return LIA_EUSAGE;
    size_t n = g->np;
    if (g->form == LIA_TU_TABLE && (!g->values || n > 30)) return LIA_EUSAGE;
    size_t *order = lia__malloc(n * sizeof *order);
    if (!order) return LIA_ENOMEM;
    double claims = 0;
    if (g->form == LIA_TU_BANKRUPTCY)
        for (size_t i = 0; i < n; i++) claims += g->weights[i];
    rng r;
    uint64_t x = seed;
    for (int k = 0; k < 4; k++) r.s[k] = splitmix(&x);
    for (size_t i = 0; i < n; i++) { phi[i] = 0; order[i] = i; }
    for (uint64_t m = 0; m < samples; m++) {
        /* up to 10^9 orders of thousands of players: a loop the caller must be able to stop */
        if (progress && m % 4096 == 0 && m && progress(ctx, (size_t)m, (size_t)samples)) {
            lia__free(order);
            return LIA_ECANCELED;
        }
        for (size_t i = n; i > 1; i--) {   /* Fisher-Yates */
            size_t j = below(&r, i), t = order[i - 1];
            order[i - 1] = order[j];
            order[j] = t;
        }
        walk w = { 0, 0 };
        double before = 0;   /* v(empty); the checker keeps a bankruptcy estate within the claims */
        for (size_t k = 0; k < n; k++) {
            double after = value_after(g, &w, order[k], claims);
            phi[order[k]] += after - before;
            before = after;
        }
    }
    ranges(g, half);
    double z = sqrt(log(2.0 * (double)n / (1 - confidence)) / (2.0 * (double)samples));
    for (size_t i = 0; i < n; i++) {
        phi[i] /= (double)samples;
        half[i] *= z;
    }
    lia__free(order);
    return LIA_OK;
}
