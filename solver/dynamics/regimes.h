/* regimes.h — sustainability when the stage game switches between regimes (a Markov chain
 * with transition matrix Pi), docs/model.md section 10 "Regimes". Pure functions over arrays:
 * the caller computes, per regime s and member i, C_i(s) (the keep value K of the regime's
 * stage game at the target), D_i(s) (the best breach) and P_i(s) (the punishment), as
 * lia__target_deviations and lia__punishments give them.
 *
 * Conventions: nr regimes, np members. Pi is row-major, pi[from * nr + to], each row a
 * probability vector. Per-member vectors over regimes are contiguous: x[i * nr + s].
 * Per-regime vectors over members (transfers) are x[s * np + i].
 *
 * Keeping to the target forever from regime s is worth V = (1 - d)(I - d Pi)^{-1} C; reverting
 * to the punishment W = (1 - d)(I - d Pi)^{-1} P; member i keeps to the target in regime s iff
 * V(s) >= (1 - d) D(s) + d (Pi W)(s), which is the same as
 *     slack(s) = (1 - d) [ ((I - d Pi)^{-1} (C - P))(s) - (D(s) - P(s)) ] >= 0
 * (use d Pi W = W - (1 - d) P), the form computed here: one solve, and its sign near d = 1 is
 * not lost in the rounding of two large values. */
#ifndef LIA_DYNAMICS_REGIMES_H
#define LIA_DYNAMICS_REGIMES_H
#include "liaison.h"
#include <stddef.h>

/* Rows of Pi within 1e-9 of summing to 1 are stochastic; entries below 0 or above 1 are not. */
#define LIA_REGIME_ROW_TOL 1e-9
/* The delta* search: a grid of steps 1/1000 on [0, 0.999], then 1 - 10^-3.5, 1 - 1e-4, ...,
 * 1 - 1e-6 (LIA_REGIME_DELTA_TOP); bisection to LIA_REGIME_DELTA_TOL. A condition failing at
 * the top point fails "arbitrarily close to 1": delta* is never (NaN). */
#define LIA_REGIME_DELTA_TOP (1 - 1e-6)
#define LIA_REGIME_DELTA_TOL 1e-9
#define LIA_REGIME_NONE ((size_t)-1)

/* 1 if pi (nr x nr) is row-stochastic (entries in [0, 1], rows summing to 1 within
 * LIA_REGIME_ROW_TOL) and start < nr. */
int lia__regime_valid(size_t nr, const double *pi, size_t start);

/* reach[s] = 1 iff s is reachable from start over the positive entries of pi (start itself
 * always). */
void lia__regime_reachable(size_t nr, const double *pi, size_t start, unsigned char *reach);

/* out = (1 - delta)(I - delta Pi)^{-1} x for k vectors x (each nr long, contiguous), 0 <= delta
 * < 1: each vector's discounted average along the chain. out may be x. */
lia_status lia__regime_values(size_t nr, const double *pi, double delta, size_t k, const double *x, double *out);

/* One member at patience delta: v = V, w = W and slack as above (each nr; any may be NULL). */
lia_status lia__regime_slack(size_t nr, const double *pi, double delta, const double *c, const double *d,
                            const double *p, double *v, double *w, double *slack);

/* One member's critical patience over the regimes where reach[s] (reach NULL: all).
 * delta_star: the smallest delta from which the condition holds in every such regime for
 * every delta' in [delta, 1): the grid above finds the last failing point, bisection and a
 * final linear interpolation of the slack locate the crossing above it (exact when the slack
 * is linear in delta, as with one regime). 0 if no grid point fails; NaN (never) if the top
 * one does. binding: the regime failing worst just below delta_star (the most negative
 * slack / (1 - delta)), or at the top point when never; LIA_REGIME_NONE when delta_star is 0.
 * gaps: 1 if the condition also holds at some grid point below the last failure (it is not
 * monotone in delta: it holds on an interval below delta_star too, which is not reported). */
typedef struct lia_regime_star {
    double delta_star;
    size_t binding;
    int gaps;
} lia_regime_star;
lia_status lia__regime_delta_star(size_t nr, const double *pi, const unsigned char *reach, const double *c,
                                 const double *d, const double *p, lia_regime_star *out);

/* The long-run distribution of the chain started in `start`: the Cesaro limit of the start's
 * row of Pi^n. Each recurrent class K reachable from start contributes its stationary
 * distribution (LAPACK) weighted by the probability of ending in K. With one recurrent class it
 * is Pi's stationary distribution. */
lia_status lia__regime_limit_distribution(size_t nr, const double *pi, size_t start, double *dist);

/* The critical patience of the game averaged over dist: the static formula (lia__delta_star) on
 * C = sum dist_s C(s), and likewise D and P. (lia_model_regimes does better with the games
 * themselves: it averages the payoff tensors and takes the averaged game's own best breach and
 * Nash reversion, since the best breach of an average is at most the average of the best
 * breaches.) */
double lia__regime_averaged_delta_star(size_t nr, const double *dist, const double *c, const double *d,
                                      const double *p);

/* State-contingent transfers: t (nr * np, t[s * np + i]) with sum_i t[s * np + i] = 0 in every
 * regime, zero in unreachable ones, such that every member keeps to the target in every
 * reachable regime at its patience when the transfers are paid while it keeps:
 * V'_i = (1 - d_i)(I - d_i Pi)^{-1}(C_i + t_i) >= (1 - d_i) D_i + d_i (Pi W_i). Among those, the
 * least expected discounted total paid: sum_i sum_s occ_i(s) max(0, -t_i(s)), with occ_i the
 * start's row of (1 - d_i)(I - d_i Pi)^{-1} (each payer's discounted occupancy of the regimes,
 * at its own patience, from the start). An LP (GLPK). *feasible = 0 if none exist (t and *cost
 * untouched); *cost is the least total. delta[i] in [0, 1). */
lia_status lia__regime_transfers(size_t nr, size_t np, const double *pi, size_t start, const double *delta,
                                const double *c, const double *d, const double *p, int *feasible, double *t,
                                double *cost);

/* Everything at once for np members. Inputs as above (delta[i] NaN: the member has no patience:
 * v, w, slack are NaN and no transfers are computed). Outputs are caller-allocated: reach and
 * dist (nr), v, w, slack (np * nr, [i * nr + s]), star and avg (np), t (nr * np). */
typedef struct lia_regime_problem {
    size_t nr, np, start;
    const double *pi, *delta, *c, *d, *p;
} lia_regime_problem;
typedef struct lia_regime_result {
    unsigned char *reach;
    double *dist;
    double *v, *w, *slack;
    lia_regime_star *star;
    double *avg;
    int transfers_feasible;      /* -1: not computed (a member without patience) */
    double *t, cost;
} lia_regime_result;
lia_status lia__regime_analyse(const lia_regime_problem *pb, lia_regime_result *res);

#endif
