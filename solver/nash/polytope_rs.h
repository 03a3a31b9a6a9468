/* polytope_rs.h — reverse-search vertex enumeration for polytopes with clear margins. */
#ifndef LIA_NASH_POLYTOPE_RS_H
#define LIA_NASH_POLYTOPE_RS_H
#include "polytope.h"

/* Returned (never to users) when some decision was too close to call in floating point: the
 * polytope is degenerate or nearly so, and the lexicographic search must take over. */
#define LIA_RS_UNSURE ((lia_status)100)

/* Every vertex of a polytope, each lexicographic basis visited once, on up to `threads`
 * threads (subtrees of the search as jobs on a shared queue; the output, order included, is
 * the same for any count). With X (the polytope in integers: games with exact payoffs) a
 * decision floating point cannot make is made exactly on that one dictionary. LIA_OK,
 * LIA_RS_UNSURE (out empty), LIA_ENOMEM or LIA_ELIMIT. */
struct lia_polytope_exact;
lia_status lia__polytope_vertices_rs(lia_vertices *out, const lia_polytope *P, const struct lia_polytope_exact *X,
                                    size_t cap, unsigned threads, const lia_vertex_filter *filter);

#endif
