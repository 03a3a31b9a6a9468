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
 * comparisons; the same output as lia__polytope_vertices. LIA_ELIMIT if the numbers outgrow
 * the fixed-size integers or the memory exceeds cap. Caller frees with lia__vertices_free. */
lia_status lia__polytope_vertices_exact(lia_vertices *out, const lia_polytope_exact *P, size_t cap);

/* One dictionary of the floating-point search built exactly, to take a decision floating point
 * could not: the basis (bitset over the d coordinates and k slacks) and the search's objective
 * weights (doubles below 2). LIA_ELIMIT if the numbers outgrow the fixed-size integers. */
typedef struct lia_exact_node lia_exact_node;
lia_status lia__exact_node_new(lia_exact_node **out, const lia_polytope_exact *P, const double *weights,
                              const uint64_t *basis);
void lia__exact_node_free(lia_exact_node *N);
/* Does entering variable `enter` (nonbasic) lead to a child of the reverse-search tree? 1 (the
 * leaving variable in *leave), 0, or -1 if the numbers outgrew the integers. */
int lia__exact_node_child(const lia_exact_node *N, size_t enter, size_t *leave);
/* The exact sign of a basic variable's value (0 for a nonbasic one). */
int lia__exact_node_sign(const lia_exact_node *N, size_t var);

#endif
