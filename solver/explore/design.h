/* design.h — sampling designs of an exploration. The run index alone determines a sample, so
 * any split of the runs over threads, MPI ranks or Slurm shards gives the same table.
 *
 * Every design maps run r (0 <= r < lia__design_runs(...)) to a point of the unit cube
 * [0,1]^d; the explore driver scales it to each parameter's [lo, hi].
 *
 * Run order of the Sobol/Saltelli design (n base samples, d parameters, 2d+2 runs each), as
 * SALib's saltelli.sample with second-order terms: for base sample j the runs
 * j*(2d+2) + 0 .. j*(2d+2) + 2d+1 are
 *     A_j, AB_j^1 .. AB_j^d, BA_j^1 .. BA_j^d, B_j
 * where AB^i is A with column i taken from B, and BA^i is B with column i taken from A.
 *
 * Morris (n trajectories of d+1 points each, p = 4 levels, step Delta = p / (2(p-1))): run
 * t*(d+1) + s is point s of trajectory t; consecutive points of a trajectory differ in exactly
 * one coordinate, by +-Delta. */
#ifndef LIA_EXPLORE_DESIGN_H
#define LIA_EXPLORE_DESIGN_H
#include <stddef.h>
#include <stdint.h>

typedef enum lia__design_kind {
    LIA__DESIGN_MC = 0,      /* independent uniform draws */
    LIA__DESIGN_LHS = 1,     /* Latin hypercube: each of n strata of every axis used once */
    LIA__DESIGN_SOBOL = 2,   /* Saltelli's scheme for Sobol indices, n base samples */
    LIA__DESIGN_MORRIS = 3   /* Morris elementary effects, n trajectories */
} lia__design_kind;

/* A counter-based generator (no state): the same (seed, stream, counter) always gives the same
 * 64 bits, and distinct triples give independent-looking ones. */
uint64_t lia__rng_u64(uint64_t seed, uint64_t stream, uint64_t counter);
/* The same as a double uniform in [0, 1) with 53 random bits. */
double lia__rng_unit(uint64_t seed, uint64_t stream, uint64_t counter);
/* The same split in two for loops over counters: lia__rng_u64(seed, stream, counter) ==
 * lia__rng_at(lia__rng_key(seed, stream), counter). */
uint64_t lia__rng_key(uint64_t seed, uint64_t stream);
uint64_t lia__rng_at(uint64_t key, uint64_t counter);

/* A keyed bijection of [0, n) (n >= 1, x < n): a 6-round balanced Feistel network on the
 * smallest even number of bits covering n, cycle-walked back into [0, n). O(1) memory; on
 * average fewer than 4 network evaluations. Used for Latin-hypercube strata and Morris orders. */
uint64_t lia__rng_permute(uint64_t key, uint64_t n, uint64_t x);

/* Runs of a design with n samples (base samples, trajectories) over d parameters:
 * mc, lhs: n; sobol: n(2d+2); morris: n(d+1). 0 if n or d is 0 or the count overflows. */
uint64_t lia__design_runs(lia__design_kind k, uint64_t n, size_t d);

/* The point of run r into u[0..d-1], each in [0, 1]. O(d) time and memory whatever n is
 * (no table of n entries is kept). Returns 0 on success, -1 if r is out of range. */
int lia__design_point(lia__design_kind k, uint64_t seed, uint64_t n, size_t d, uint64_t r, double *u);

/* Name <-> kind ("mc", "lhs", "sobol", "morris"); -1 / NULL when unknown. */
int lia__design_from_name(const char *name);
const char *lia__design_name(lia__design_kind k);

#endif
