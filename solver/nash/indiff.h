/* indiff.h — the indifference system of one support profile: every strategy in a player's
 * support earns the same against the others' mixtures. Shared by support enumeration (which
 * solves it by homotopy) and by the global Newton method (which polishes with it). */
#ifndef LIA_NASH_INDIFF_H
#define LIA_NASH_INDIFF_H
#include <complex.h>
#include "../util/lapack.h"
#include "liaison.h"
#include "../game/game.h"

/* Unknowns: player p's mixture on its support S_p = (s_0, ..., s_{k-1}) is written
 *     x_p(s_0) = 1 - z_1 - ... - z_{k-1},  x_p(s_a) = z_a,
 * so the unknowns z (d = sum_p (k_p - 1) of them) range freely and each player's mixture
 * sums to 1 by construction. Equations: for each p and a = 1..k_p-1,
 *     F(p,a) = sum over the others' support profiles t of D_p(a, t) * prod_{q != p} x_q(t_q),
 * with D_p(a, t) = (u_p(s_a, t) - u_p(s_0, t)) / scale_p. F is square (d x d) and multilinear:
 * degree 1 in each other player's unknowns, degree 0 in p's own. */
typedef struct lia_indiff {
    size_t np, d;
    size_t *k;             /* support size per player */
    size_t *sup;           /* support strategies, player after player */
    size_t *soff;          /* np + 1 offsets into sup (and into mixtures on the supports) */
    size_t *zoff;          /* np + 1 offsets of each player's unknowns in z (and equations in F) */
    double *D;             /* player p's block at doff[p]: (k_p - 1) per others' profile, scaled */
    size_t *doff;
    size_t width;          /* sum of all strategy counts: the full profile's length */
    size_t *ns;            /* strategy count per player (copied from the game) */
    /* scratch for evaluation */
    double complex *x, *pre, *suf;
    size_t *t;
    /* scratch for real Newton */
    double complex *zc, *F, *J;
    double *Jr, *r;
    lia_lapack_int *ipiv;
} lia_indiff;

/* Build the system of game g for supports k[p] (sizes, >= 1) and sup (sorted strategy indices,
 * player after player); player p's payoff differences are divided by scale[p] (its largest
 * |payoff|), so each equation reads the same in any payoff units, however different the
 * players' scales. LIA_ENOMEM on allocation failure (nothing to free then). */
lia_status lia__indiff_init(lia_indiff *s, const lia_game *g, const size_t *k, const size_t *sup, const double *scale);
void lia__indiff_free(lia_indiff *s);

/* F(z) into F[d], and the Jacobian dF/dz into J (d x d, column-major) unless J is NULL. */
void lia__indiff_eval(lia_indiff *s, const double complex *z, double complex *F, double complex *J);

/* Real Newton from z (d entries, updated in place), at most maxit steps. Returns 1 if it
 * converged (a step below 1e-14 relative), 0 otherwise (singular, or not within maxit); z then
 * holds the last iterate. */
int lia__indiff_newton(lia_indiff *s, double *z, int maxit);

/* Newton with least-norm steps (SVD), for a singular system, whose solutions near z form a
 * continuum: converges to a solution near z (1: |F| <= 1e-12 at the end), 0 if not, -1 if out
 * of memory. */
int lia__indiff_newton_minnorm(lia_indiff *s, double *z, int maxit);

/* The full mixed profile (width entries, zeros off the supports) of unknowns z, and back:
 * the unknowns of a full profile (each player's support part renormalised to sum 1). */
void lia__indiff_profile(const lia_indiff *s, const double *z, double *x);
void lia__indiff_unknowns(const lia_indiff *s, const double *x, double *z);

#endif
