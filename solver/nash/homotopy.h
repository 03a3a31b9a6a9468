/* homotopy.h — all isolated solutions of a support's indifference system, by a linear-product
 * homotopy that respects its multilinear structure (one path per solution of a generic game). */
#ifndef LIA_NASH_HOMOTOPY_H
#define LIA_NASH_HOMOTOPY_H
#include "indiff.h"

/* Called with each real endpoint z (s->d unknowns, Newton-refined; not yet checked against the
 * simplex or verified — that is the caller's job). Return LIA_OK to go on; anything else stops
 * the solve and is returned. */
typedef lia_status (*lia_homotopy_found)(void *ctx, const double *z);

/* Track every path of the homotopy (1-t) gamma G(z) + t F(z) from the start system G, a
 * product of random linear forms with F's multidegree, to t = 1. Paths that diverge, or stall
 * at a singular end (a continuum of solutions), are dropped after a bounded number of steps.
 * *paths, if not NULL, receives the number of paths tracked. LIA_ENOMEM on allocation failure. */
lia_status lia__homotopy_solve(lia_indiff *s, lia_homotopy_found found, void *ctx, size_t *paths);

#endif
