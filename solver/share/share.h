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
lia_status lia__shapley_table(const double *v, size_t n, double *phi);
/* Banzhaf value: beta_i = 2^-(n-1) * sum over S without i of v(S+i) - v(S). */
lia_status lia__banzhaf_table(const double *v, size_t n, double *beta);

/* ---- bankruptcy rules (bankruptcy_rules.c) ---- *
 * Estate E >= 0, claims c_i >= 0, with E <= sum c (else every rule gives each its claim and
 * the surplus is not divided: LIA_EUSAGE). x has n entries. O(n log n). */
lia_status lia__bankruptcy_proportional(double E, const double *c, size_t n, double *x);
lia_status lia__bankruptcy_cea(double E, const double *c, size_t n, double *x);    /* constrained equal awards */
lia_status lia__bankruptcy_cel(double E, const double *c, size_t n, double *x);    /* constrained equal losses */
lia_status lia__bankruptcy_talmud(double E, const double *c, size_t n, double *x); /* Aumann-Maschler = nucleolus */

/* ---- weighted voting power (voting_power.c) ---- *
 * Game: v(S) = 1 iff sum_{i in S} w_i >= quota. ss and bz (n entries each, either may be
 * NULL): Shapley-Shubik index and normalised Banzhaf index (each sums to 1 when some player
 * is ever pivotal; all zero otherwise). bz_raw (may be NULL): the absolute Banzhaf index,
 * swings_i / 2^(n-1). Weights given exactly (wexact, may be NULL) are scaled to integers; the
 * dynamic programme runs over integer weight sums up to the quota. LIA_ELIMIT with a message
 * when the scaled weights are too large for it (msg may be NULL), or when its arrays would
 * take more than `cap` bytes (0: LIA_DEFAULT_MEMORY_CAP), before taking them. */
lia_status lia__voting_power(double quota, const double *w, const lia_num *quota_exact, const lia_num *wexact,
                            size_t n, double *ss, double *bz, double *bz_raw, size_t cap, char *msg, size_t msgcap);

/* ---- two-party bargaining (bargaining.c) ---- *
 * The feasible set is the convex hull of the m payoff points pts[2k], pts[2k+1]. d is the
 * disagreement point. Nash bargaining solution: the point of the hull with u >= d maximising
 * (u1 - d1)(u2 - d2); Kalai-Smorodinsky: the Pareto point of the hull on the segment from d
 * to the ideal point (max u1 over hull points with u2 >= d2, and vice versa). When no hull
 * point weakly dominates d (d outside the hull's reach) returns LIA_EUSAGE; when no point
 * strictly improves on d for both, both solutions are the best point dominating d (those points
 * then lie on one segment along u1 = d1 or along u2 = d2, and the best is its end farthest
 * from d, which dominates the others; d itself only when nothing else dominates d). */
lia_status lia__bargain(const double *pts, size_t m, const double d[2], double nbs[2], double ks[2]);

/* ---- nucleolus, prenucleolus, least core (nucleolus.c) ---- *
 * By sequential LPs (Maschler-Peleg-Shapley), each solved by row generation: the LP holds only
 * the coalitions that were ever the most violated (with their complements), the full table is
 * scanned for new violations between solves, and a stage ends when none is left. The rows
 * with a positive dual are then tight in every optimum: they are fixed at that stage's level,
 * and every coalition in the span of the fixed ones is settled (its excess is determined). At
 * most n - 1 stages. pre != 0: the prenucleolus (over all efficient x); else the nucleolus over
 * the imputation set (LIA_EUSAGE with a message when it is empty). per_capita: excesses are
 * divided by |S|. On LIA_OK x holds the solution and *level1 (may be NULL) the first stage's
 * smallest satisfaction x(S) - v(S) (divided by |S| per capita) over proper coalitions, so
 * for the prenucleolus -*level1 is the least-core epsilon. */
typedef struct lia_nucleolus_stats { size_t stages, solves, scans, rows; } lia_nucleolus_stats;
lia_status lia__nucleolus_table(const double *v, size_t n, int pre, int per_capita, double *x, double *level1,
                               lia_nucleolus_stats *stats, char *msg, size_t msgcap);
/* The same with all 2^n - 2 rows in the LP from the start: the baseline `make bench` times the
 * row generation against, and a cross-check for the tests. */
lia_status lia__nucleolus_table_all_rows(const double *v, size_t n, int pre, double *x, lia_nucleolus_stats *stats);

/* ---- Kohlberg's criterion (kohlberg.c) ---- */
/* Kohlberg's criterion at x for the table game v (2^n entries, n <= 30, x efficient).
 * pre != 0: prenucleolus — for every excess level, the coalitions whose excess
 * e(S) = v(S) - x(S) is at least that level form a balanced collection.
 * pre == 0: nucleolus over the imputation set — the same collections together with
 * B0 = { {i} : x_i = v({i}) } must be weakly balanced with positive weights on the
 * collection and nonnegative ones on B0 (and x must be an imputation).
 * Excesses within tol (relative to the game's scale) count as equal. *holds = 1 if the criterion
 * holds. Stops at the first level at which the collection spans R^n (every later one is then balanced
 * too: the positive combinations of a spanning set with strictly positive weights form an open set).
 * Collections are of proper nonempty coalitions (adding N changes no verdict, kohlberg.c says
 * why). The scale is the largest |v(S)| or |x_i| (1 if all are 0): with tau = tol * scale,
 * LIA_EUSAGE unless |x(N) - v(N)| <= tau; x_i >= v({i}) - tau counts as individually rational
 * and |x_i - v({i})| <= tau puts {i} in B0. LIA_EUSAGE also for NULL, n == 0 or n > 30, a
 * non-finite entry, tol < 0 or non-finite; LIA_ENOMEM; LIA_ELIMIT if an LP would exceed GLPK's
 * int indices, or if a level the shortcuts cannot settle has more than 40,000 coalitions
 * (the full LP would take seconds; the criterion is then undecided, not failed); LIA_EINTERNAL
 * if GLPK fails twice (dual, then primal simplex). *holds = 0 on
 * every error. Balancedness is decided (by LP, or by a cheaper proof) only at the levels that
 * raise the rank of the collection: at most n of them. */
lia_status lia__kohlberg_check(const double *v, size_t n, const double *x, int pre, double tol, int *holds);

#endif
