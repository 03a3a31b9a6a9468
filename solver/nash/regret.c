/* regret.c — expected payoffs and the largest deviation gain at a mixed profile: the check
 * every reported equilibrium passes, computed independently of the method that found it. */
#include "liaison.h"
#include "../game/game.h"
#include "eqset.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>

enum { PROB_TOL_EXP = 9 };   /* probabilities must sum to 1 within 1e-9 */

static int valid_profile(const lia_game *g, const double *x)
{
    size_t at = 0;
    for (size_t p = 0; p < g->np; p++) {
        double sum = 0;
        for (size_t s = 0; s < g->ns[p]; s++, at++) {
            if (!isfinite(x[at]) || x[at] < -1e-12) return 0;
            sum += x[at];
        }
        if (fabs(sum - 1) > 1e-9) return 0;
    }
    return 1;
}

/* value[off_p + s] = expected payoff of player p playing pure s against the others' mixture,
 * for every player at once: one pass over the profiles, O(players^2 * profiles). */
static void pure_values(const lia_game *g, const double *x, const size_t *off, size_t *s, double *value)
{
    size_t nv = off[g->np - 1] + g->ns[g->np - 1];
    for (size_t i = 0; i < nv; i++) value[i] = 0;
    for (size_t p = 0; p < g->np; p++) s[p] = 0;
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        for (size_t p = 0; p < g->np; p++) {
            double w = 1;
            for (size_t q = 0; q < g->np && w != 0; q++)
                if (q != p) w *= x[off[q] + s[q]];
            if (w != 0) value[off[p] + s[p]] += w * g->payoffs[p * g->nprofiles + prof];
        }
        for (size_t p = 0; p < g->np; p++) {   /* next profile, first player fastest */
            if (++s[p] < g->ns[p]) break;
            s[p] = 0;
        }
    }
}

/* Expected payoffs, the largest gain of any player, and whether every player's gain is
 * within LIA_REGRET_TOL of its own payoff scale (pass may be NULL). */
static lia_status evaluate_full(const lia_game *g, const double *x, double *payoffs, double *regret, int *pass);

static lia_status evaluate(const lia_game *g, const double *x, double *payoffs, double *regret)
{
    return evaluate_full(g, x, payoffs, regret, NULL);
}

static lia_status evaluate_full(const lia_game *g, const double *x, double *payoffs, double *regret, int *pass)
{
    if (!g || !x || !valid_profile(g, x)) return LIA_EUSAGE;
    size_t *off = lia__malloc(2 * g->np * sizeof *off);
    size_t nv = 0;
    for (size_t p = 0; p < g->np; p++) nv += g->ns[p];
    double *value = lia__malloc(nv * sizeof *value);
    if (!off || !value) { lia__free(off); lia__free(value); return LIA_ENOMEM; }
    for (size_t p = 0, at = 0; p < g->np; at += g->ns[p], p++) off[p] = at;
    pure_values(g, x, off, off + g->np, value);
    double worst = 0;
    for (size_t p = 0; p < g->np; p++) {
        double expected = 0, best = -INFINITY;
        for (size_t s = 0; s < g->ns[p]; s++) {
            expected += x[off[p] + s] * value[off[p] + s];
            if (value[off[p] + s] > best) best = value[off[p] + s];
        }
        if (payoffs) payoffs[p] = expected;
        if (best - expected > worst) worst = best - expected;
        if (pass && !(best - expected <= lia__player_tolerance(g, p))) *pass = 0;
    }
    if (regret) *regret = worst;
    lia__free(off);
    lia__free(value);
    return LIA_OK;
}

lia_status lia__regret_verify(const lia_game *g, const double *x, double *regret, int *pass)
{
    *pass = 1;
    lia_status st = evaluate_full(g, x, NULL, regret, pass);
    if (st != LIA_OK) *pass = 0;
    return st;
}

/* Why evaluating a profile failed, for lia_errmsg. */
static lia_status profile_explain(lia_status st, const lia_game *g, const double *profile, const char *what)
{
    if (st == LIA_OK) return st;
    if (!g || !profile) return lia__errmsg_default(st, "%s: the game, the profile or the output is NULL", what);
    if (st == LIA_ENOMEM) return lia__errmsg_default(st, "%s: out of memory evaluating a profile of '%s'", what, g->name);
    size_t n = 0;
    for (size_t p = 0; p < g->np; p++) n += g->ns[p];
    return lia__errmsg_default(st, "%s: the profile is not a mixed profile of '%s': its %zu entries (each player's "
                                   "strategies in turn) must be probabilities summing to 1 per player, within 1e-9",
                               what, g->name, n);
}

lia_status lia_game_regret(const lia_game *g, const double *profile, double *regret)
{
    lia__errmsg_clear();
    if (!regret) return profile_explain(LIA_EUSAGE, NULL, NULL, "lia_game_regret");
    return profile_explain(evaluate(g, profile, NULL, regret), g, profile, "lia_game_regret");
}

lia_status lia_game_expected_payoffs(const lia_game *g, const double *profile, double *payoffs)
{
    lia__errmsg_clear();
    if (!payoffs) return profile_explain(LIA_EUSAGE, NULL, NULL, "lia_game_expected_payoffs");
    return profile_explain(evaluate(g, profile, payoffs, NULL), g, profile, "lia_game_expected_payoffs");
}
