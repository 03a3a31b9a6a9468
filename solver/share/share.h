/* share.h — the burden-sharing engine inside the library: values, nucleoli, least core,
 * bankruptcy rules, voting power and two-party bargaining. Coalitions are bit masks (bit i set
 * <=> player i is a member); tables hold v for masks 0 .. 2^n - 1. Nothing here allocates with
 * plain malloc: lia__malloc / lia__free (util/mem.h), so allocation-failure tests reach it. */
#ifndef LIA_SHARE_SHARE_H
#define LIA_SHARE_SHARE_H
#include "liaison.h"
#include "../util/num.h"
#include <stddef.h>
#include <stdint.h>

/* ---- values of tabulated games (values.c) ---- */
/* Shapley value phi (n entries) of the table v (2^n entries), n <= 30. */
lia_status lia_shapley_table(const double *v, size_t n, double *phi);
/* Banzhaf value: beta_i = 2^-(n-1) * sum over S without i of v(S+i) - v(S). */
lia_status lia_banzhaf_table(const double *v, size_t n, double *beta);

/* ---- bankruptcy rules (bankruptcy_rules.c) ---- *
 * Estate E >= 0, claims c_i >= 0, with E <= sum c (else every rule gives each its claim and
 * the surplus is not divided: LIA_EUSAGE). x has n entries. O(n log n). */
lia_status lia_bankruptcy_proportional(double E, const double *c, size_t n, double *x);
lia_status lia_bankruptcy_cea(double E, const double *c, size_t n, double *x);    /* constrained equal awards */
lia_status lia_bankruptcy_cel(double E, const double *c, size_t n, double *x);    /* constrained equal losses */
lia_status lia_bankruptcy_talmud(double E, const double *c, size_t n, double *x); /* Aumann-Maschler = nucleolus */

/* ---- weighted voting power (voting_power.c) ---- *
 * Game: v(S) = 1 iff sum_{i in S} w_i >= quota. ss and bz (n entries each, either may be
 * NULL): Shapley-Shubik index and normalised Banzhaf index (each sums to 1 when some player
 * is ever pivotal; all zero otherwise). bz_raw (may be NULL): the absolute Banzhaf index,
 * swings_i / 2^(n-1). Weights given exactly (wexact, may be NULL) are scaled to integers; the
 * dynamic programme runs over integer weight sums up to the quota. LIA_ELIMIT with a message
 * when the scaled weights are too large for it (msg may be NULL). */
lia_status lia_voting_power(double quota, const double *w, const lia_num *quota_exact, const lia_num *wexact,
                            size_t n, double *ss, double *bz, double *bz_raw, char *msg, size_t msgcap);

/* ---- two-party bargaining (bargaining.c) ---- *
 * The feasible set is the convex hull of the m payoff points pts[2k], pts[2k+1]. d is the
 * disagreement point. Nash bargaining solution: the point of the hull with u >= d maximising
 * (u1 - d1)(u2 - d2); Kalai-Smorodinsky: the Pareto point of the hull on the segment from d
 * to the ideal point (max u1 over hull points with u2 >= d2, and vice versa). When no hull
 * point weakly dominates d (d outside the hull's reach) returns LIA_EUSAGE; when no point
 * strictly improves on d for both, both solutions are the best point dominating d (d itself
 * if it is in the hull). */
lia_status lia_bargain(const double *pts, size_t m, const double d[2], double nbs[2], double ks[2]);

#endif
