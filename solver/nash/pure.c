/* pure.c — every pure-strategy equilibrium of an n-player game: a profile is one exactly when
 * each player's strategy is a best response there. One pass per player over the payoff table
 * marks the best responses (O(players x profiles)); survivors are re-verified separately. */
#include "nash.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

/* payoff of p at profile a is below that at b: exactly when the game is exact, else by more
 * than a thousandth of the player's tolerance (1e-12 of its payoff spread), since doubles
 * computed by the payoff model may tie only approximately */
static int below(const lia_game *g, const double *scale, size_t p, size_t a, size_t b)
{
    size_t ia = p * g->nprofiles + a, ib = p * g->nprofiles + b;
    if (g->exact && lia_num_exact(g->exact[ia]) && lia_num_exact(g->exact[ib]))
        return lia__num_cmp(g->exact[ia], g->exact[ib]) < 0;
    double x = g->payoffs[ia], y = g->payoffs[ib];
    return x < y - 1e-3 * scale[p];   /* far inside the check's tolerance, so the two agree */
}

/* Independent check of a pure profile, sharing nothing with the marking pass: the largest gain
 * of a unilateral deviation in doubles, and, where both payoffs are exact, no deviation that
 * is exactly better. Returns 1 if the profile passes (each player's gain <= tol[player]). */
static int pure_check(const lia_game *g, size_t prof, const double *tol, double *regret)
{
    double worst = 0;
    int exact_ok = 1, within = 1;
    size_t stride = 1;
    for (size_t p = 0; p < g->np; p++) {
        size_t s = (prof / stride) % g->ns[p], base = prof - s * stride;
        const double *u = g->payoffs + p * g->nprofiles;
        const lia_num *q = g->exact ? g->exact + p * g->nprofiles : NULL;
        for (size_t t = 0; t < g->ns[p]; t++) {
            size_t dev = base + t * stride;
            if (u[dev] - u[prof] > worst) worst = u[dev] - u[prof];
            if (u[dev] - u[prof] > tol[p]) within = 0;
            if (q && lia_num_exact(q[dev]) && lia_num_exact(q[prof]) && lia__num_cmp(q[dev], q[prof]) > 0) exact_ok = 0;
        }
        stride *= g->ns[p];
    }
    *regret = worst;
    return exact_ok && within;
}

lia_status lia__nash_pure(lia_eqset *e, const lia_game *g, size_t cap)
{
    size_t words = (g->nprofiles + 63) / 64;
    uint64_t *ok = lia__malloc(words * sizeof *ok);
    double *scale = lia__calloc(g->np, sizeof *scale);   /* each player's tolerance (eqset.h) */
    if (!ok || !scale) { lia__free(ok); lia__free(scale); return LIA_ENOMEM; }
    memset(ok, 0xFF, words * sizeof *ok);
    for (size_t p = 0; p < g->np; p++) scale[p] = lia__player_tolerance(g, p);
    size_t stride = 1;
    for (size_t p = 0; p < g->np; p++) {
        size_t n = g->ns[p], block = stride * n;
        for (size_t hi = 0; hi < g->nprofiles; hi += block) {
            for (size_t lo = 0; lo < stride; lo++) {
                size_t base = hi + lo, best = base;
                for (size_t s = 1; s < n; s++)
                    if (below(g, scale, p, best, base + s * stride)) best = base + s * stride;
                for (size_t s = 0; s < n; s++) {
                    size_t at = base + s * stride;
                    if (below(g, scale, p, at, best)) ok[at / 64] &= ~((uint64_t)1 << (at % 64));
                }
            }
        }
        stride = block;
    }
    size_t count = 0;
    for (size_t prof = 0; prof < g->nprofiles; prof++) count += ok[prof / 64] >> (prof % 64) & 1;
    if ((double)count * (double)(e->width + e->np + 1) * sizeof(double) > (double)cap) {
        lia__free(ok);
        lia__free(scale);
        return LIA_ELIMIT;   /* e.g. a constant game: every profile is an equilibrium */
    }
    /* each player against its own payoff scale (as lia__regret_verify) */
    double *x = lia__calloc(e->width, sizeof *x), *u = lia__malloc(g->np * sizeof *u);
    double *tol = scale;
    lia_status st = x && u ? LIA_OK : LIA_ENOMEM;
    for (size_t prof = 0; prof < g->nprofiles && st == LIA_OK; prof++) {
        if (!(ok[prof / 64] >> (prof % 64) & 1)) continue;
        double regret;
        if (!pure_check(g, prof, tol, &regret)) { st = LIA_EINTERNAL; break; }   /* the passes disagree: a bug */
        memset(x, 0, e->width * sizeof *x);
        size_t rest = prof, at = 0;
        for (size_t p = 0; p < g->np; p++) {
            x[at + rest % g->ns[p]] = 1;
            rest /= g->ns[p];
            at += g->ns[p];
            u[p] = g->payoffs[p * g->nprofiles + prof];
        }
        if (!lia__eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
    }
    lia__free(x);
    lia__free(u);
    lia__free(tol);
    lia__free(ok);
    return st;
}
