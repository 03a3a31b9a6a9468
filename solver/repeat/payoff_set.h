/* payoff_set.h — the pure-strategy subgame-perfect equilibrium payoffs of a two-player
 * infinitely repeated game with perfect monitoring and public randomisation, by the algorithm
 * of Abreu & Sannikov (2014, "An algorithm for two-player repeated games with perfect
 * monitoring", Theoretical Economics 9, 313-338).
 *
 * Payoffs are normalised: an equilibrium worth v plays a today and continues with w in the
 * set V, v = (1-delta) u(a) + delta w, subject to each player's incentive constraint
 *   (1-delta) u_i(a) + delta w_i >= (1-delta) max_{a_i'} u_i(a_i', a_-i) + delta min_{x in V} x_i.
 * The iteration starts from the convex hull of the stage payoffs (which holds V) and applies
 * Abreu and Sannikov's operator: per profile a, the continuation values are u(a) itself if it
 * is in the current set and enforceable by itself, otherwise only the (at most four) points
 * where an incentive constraint binds on the set's boundary; the new set is the convex hull of
 * the values so generated (at most four per profile, so the vertex count stays bounded; the
 * limit has at most 3 |A|). The punishment is each player's minimum over the current set. */
#ifndef LIA_REPEAT_PAYOFF_SET_H
#define LIA_REPEAT_PAYOFF_SET_H
#include "liaison.h"
#include <stddef.h>

/* The SPE payoff set at delta of the game with m1 x m2 pure profiles and payoffs u1[k], u2[k]
 * (k = a1 + m1 * a2: the first player's action runs fastest).
 *
 * On LIA_OK, *out (lia__malloc'ed, the caller frees it with lia__free) holds *nv vertices as
 * x,y pairs: counter-clockwise, starting from the vertex of smallest x (then smallest y), with
 * no repeated or collinear vertices. *nv == 1 is a single point and *nv == 2 a segment (its two
 * ends, the one of smallest x then y first). "Repeated", "collinear" and "smallest x" are
 * judged within the merge tolerance ct = min(1e-6, max(1e-9, 10 tol / (1 - delta))) of each
 * player's payoff range: vertices closer than that to a neighbour, or to the segment joining
 * their neighbours, are dropped (the iteration leaves limit vertices apart by about that much).
 *
 * *nv == 0 (and *out == NULL) means there is no pure-strategy SPE: the iteration emptied the
 * set. That cannot happen when the stage game has a pure Nash equilibrium (playing it forever
 * is an SPE); without one it may (matching pennies: the set is empty at every delta) or may
 * not (a pure SPE can alternate non-equilibrium profiles), and the iteration decides.
 *
 * The iteration stops when the Hausdorff distance between successive sets is at most tol
 * (1e-10 suggested), measured with each player's payoffs scaled to their range
 * [min_k u_i[k], max_k u_i[k]] (the problem is invariant under such rescalings, and the
 * algorithm runs on them, so payoff scale and offset do not matter), or fails with LIA_ELIMIT
 * after max_iter iterations. Convergence is geometric at a rate near delta: some 200 iterations
 * at delta 0.9, 1800 at 0.99 (each O(|A| n) for n current vertices, plus a hull of at most
 * 4 |A| points). The result is then within about tol / (1 - delta) of V (relative to the
 * payoff ranges), typically just outside it. *iterations (may be NULL) receives the number of
 * iterations made (also on LIA_ELIMIT).
 *
 * LIA_EUSAGE: NULL u1, u2, out or nv, m1 or m2 zero (or m1 * m2 overflowing), a payoff not
 * finite, delta not in (0, 1), tol negative or not finite, max_iter zero. LIA_ENOMEM: an
 * allocation failed (18 |A| points of 16 bytes are needed). On any status but LIA_OK, *out is
 * NULL and *nv is 0 (when they are not NULL themselves). */
lia_status lia__spe_payoff_set(const double *u1, const double *u2, size_t m1, size_t m2, double delta,
                              double tol, size_t max_iter, double **out, size_t *nv, size_t *iterations);

#endif
