/* cliques.h — the convex components of a two-player game's equilibrium set: maximal complete
 * bipartite subgraphs (cliques) of the graph whose edges are the extreme equilibria. */
#ifndef LIA_NASH_CLIQUES_H
#define LIA_NASH_CLIQUES_H
#include "liaison.h"
#include <stddef.h>

/* Edge e joins first-player vertex x[e] (< nx) and second-player vertex y[e] (< ny). */
typedef struct lia_biclique_input {
    size_t nedges, nx, ny;
    const size_t *x, *y;
} lia_biclique_input;

/* Cliques: clique c holds edges edge[start[c] .. start[c+1]-1] (all pairs X x Y, sorted), in
 * connected component comp[c]; components are numbered in order of their first edge and
 * their cliques are contiguous. */
typedef struct lia_bicliques {
    size_t ncliques, ncomponents;
    size_t *start, *edge, *comp;
} lia_bicliques;

/* Every maximal clique, per connected component: the second-player sides of the maximal
 * cliques are exactly the nonempty intersections of neighbourhoods N(x), closed under
 * intersection (Avis, Rosenberg, Savani & von Stengel 2010 enumerate the same sets).
 * LIA_ELIMIT if a component has more than `limit` cliques. Caller frees with
 * lia__bicliques_free. */
lia_status lia__bicliques_find(lia_bicliques *out, const lia_biclique_input *in, size_t limit);
void lia__bicliques_free(lia_bicliques *b);

#endif
