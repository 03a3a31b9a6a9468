/* polytope_rs.h — reverse-search vertex enumeration for polytopes with clear margins. */
#ifndef LIA_NASH_POLYTOPE_RS_H
#define LIA_NASH_POLYTOPE_RS_H
#include "polytope.h"

/* Returned (never to users) when some decision was too close to call in floating point: the
 * polytope is degenerate or nearly so, and the lexicographic search must take over. */
#define LIA_RS_UNSURE ((lia_status)100)

/* Every vertex of a polytope, each lexicographic basis visited once, on up to `threads`
 * threads (subtrees of the search as jobs on a shared queue; the output, order included, is
 * the same for any count). LIA_OK, LIA_RS_UNSURE (out empty), LIA_ENOMEM or LIA_ELIMIT. */
lia_status lia_polytope_vertices_rs(lia_vertices *out, const lia_polytope *P, size_t cap, unsigned threads);

#endif
