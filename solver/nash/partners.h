/* partners.h — the complementary partners of each vertex of one best-response polytope,
 * found in the other by a small linear system (or, at a degenerate vertex, by enumerating a
 * small face), so that only the polytope of smaller dimension is enumerated in full. */
#ifndef LIA_NASH_PARTNERS_H
#define LIA_NASH_PARTNERS_H
#include "polytope.h"
#include "polytope_exact.h"

/* Pairs of vertex indices (a in one list, b in the other). */
typedef struct lia_vpairs { size_t *a, *b, n, cap; } lia_vpairs;
int lia__vpairs_add(lia_vpairs *E, size_t a, size_t b);
void lia__vpairs_free(lia_vpairs *E);
/* Order by a, then b. */
void lia__vpairs_sort(lia_vpairs *E);

/* S is the polytope enumerated (vertices VS), O the other one: O's coordinates are S's
 * constraints and O's constraints S's coordinates (O->d == S->k, O->k == S->d), with the same
 * labels. For every vertex of VS but the origin, every vertex of O whose labels complete it is
 * listed in VO (each once; labels and a basis in O's variables) and the pair (S vertex, VO
 * index) added to E. XO is O in exact integers (games with exact payoffs), for the faces;
 * NULL otherwise. A decision too close to call in floating point sends that vertex to the
 * enumeration of its face. With `exact` (XO given) no decision is taken in floating point:
 * each system is solved in integers (O's dictionary of the candidate basis) and the faces are
 * enumerated by the exact search. cap bounds the bytes of VO and of each face. */
lia_status lia__partners_find(lia_vertices *VO, lia_vpairs *E, const lia_vertices *VS, const lia_polytope *S,
                             const lia_polytope *O, const lia_polytope_exact *XO, int exact, size_t cap);

/* A filter (polytope.h) for the enumeration of S that drops every vertex surely without a
 * partner in O, so that a search of millions of vertices keeps a few hundred; the kept ones go
 * through lia__partners_find as before, with the same result as on the full list. so is
 * storage for the filter's context (it must outlive the enumeration). */
void lia__partners_filter(lia_vertex_filter *f, const lia_polytope *so[2], const lia_polytope *S, const lia_polytope *O);

#endif
