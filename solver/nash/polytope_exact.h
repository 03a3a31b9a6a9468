/* polytope_exact.h — vertex enumeration in exact integer arithmetic (the fallback for games
 * with exact payoffs when floating point cannot decide). */
#ifndef LIA_NASH_POLYTOPE_EXACT_H
#define LIA_NASH_POLYTOPE_EXACT_H
#include "polytope.h"
#include "../util/bigint.h"

/* {z >= 0, M z <= 1} with M integer and positive (k x d, row-major), labels as lia_polytope. */
typedef struct lia_polytope_exact {
    size_t d, k, nlab;
    const lia_big *M;
    const size_t *coord_label, *cons_label;
} lia_polytope_exact;

/* Every vertex, each lexicographic basis visited once by reverse search with exact
 * comparisons; the same output as lia_polytope_vertices. LIA_ELIMIT if the numbers outgrow
 * the fixed-size integers or the memory exceeds cap. Caller frees with lia_vertices_free. */
lia_status lia_polytope_vertices_exact(lia_vertices *out, const lia_polytope_exact *P, size_t cap);

#endif
