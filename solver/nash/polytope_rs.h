/* polytope_rs.h — reverse-search vertex enumeration for polytopes with clear margins. */
#ifndef LIA_NASH_POLYTOPE_RS_H
#define LIA_NASH_POLYTOPE_RS_H
#include "polytope.h"
#include <stdint.h>

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

/* ---- Subtree jobs run by other processes (nash_split.c, lia_nash_split_*) ----
 * A job is a basis (the root of a subtree) and its depth in the job tree, which fixes its
 * budget; whoever runs it returns the same vertices and the same handed-back subtrees, so the
 * job tree and the output do not depend on who ran what. */
typedef struct lia_rs_result {
    uint64_t gen, id;          /* the search and the job the result belongs to */
    lia_status st;
    lia_vertices v;            /* the job's vertices, in its search order */
    size_t vcap;               /* the capacity the job's run allocated (the memory cap counts it) */
    double closest;
    uint64_t *kids;            /* nkids bases handed back (v.bwords words each) */
    size_t nkids;
} lia_rs_result;
void lia__rs_result_free(lia_rs_result *r);

/* Run one job here: P's subtree below basis (P->d + P->k variables), depth its depth, with
 * the filter of the search that posted it (or NULL: every vertex). The result's status is the
 * job's (LIA_RS_UNSURE included); the return value LIA_ENOMEM only. */
lia_status lia__rs_solve(lia_rs_result *out, const lia_polytope *P, const struct lia_polytope_exact *X,
                         const uint64_t *basis, size_t depth, const lia_vertex_filter *filter);

/* When set on the calling thread, lia__polytope_vertices_rs runs its first job itself and
 * hands every later one to R (nash_split.c), waiting for the results there. */
struct lia_nash_split;
extern _Thread_local struct lia_nash_split *lia__rs_remote;
/* A new search begins: its generation number. */
uint64_t lia__rs_remote_begin(struct lia_nash_split *R);
/* Hand job id of search gen out: P's subtree below basis; `filtered` when the search drops
 * the vertices without a partner in the other polytope (partners.c), so the job does too. */
lia_status lia__rs_remote_post(struct lia_nash_split *R, const lia_polytope *P, int exact, int filtered, uint64_t gen,
                               uint64_t id, size_t depth, const uint64_t *basis);
/* The next result to come back (blocks); LIA_ECANCELED when R is being freed. */
lia_status lia__rs_remote_wait(struct lia_nash_split *R, lia_rs_result *out);
/* Take back the jobs posted but not handed out yet; how many. */
size_t lia__rs_remote_withdraw(struct lia_nash_split *R);

#endif
