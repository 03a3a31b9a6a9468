/* polytope.h — every vertex of a best-response polytope {z >= 0, M z <= 1} (M > 0), with the
 * labels each vertex carries: the coordinates that are zero and the constraints that bind. */
#ifndef LIA_NASH_POLYTOPE_H
#define LIA_NASH_POLYTOPE_H
#include "liaison.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The polytope: k constraints over d coordinates, M row-major k x d with positive entries.
 * Coordinate c carries label coord_label[c], constraint r label cons_label[r]; labels are
 * numbered below nlab (the two players' strategies together). */
typedef struct lia_polytope {
    size_t d, k, nlab;
    const double *M;
    const size_t *coord_label, *cons_label;
} lia_polytope;

/* The vertices found: vertex v has label set labels[v * lwords ..] (a bitset over nlab) and
 * one basis that defines it, basis[v * bwords ..] (a bitset over the d coordinates then the
 * k slacks: the basic variables). The origin is included like any other vertex. */
typedef struct lia_vertices {
    size_t n, lwords, bwords;
    uint64_t *labels, *basis;
    size_t nbases;             /* lexicographic bases visited (>= n; more when degenerate) */
    double closest;            /* reverse search: the smallest relative margin of a decided
                                  floating-point comparison (1 if none came close) */
} lia_vertices;

/* Enumerate: first by reverse search (polytope_rs.c: fast, no table of visited bases, but
 * only while every floating-point decision has a clear margin). If a decision is too close
 * to call: when the same polytope is given in exact integers (X, games with exact payoffs),
 * by the same search in exact arithmetic (polytope_exact.c); otherwise by depth-first
 * search over the lexicographically feasible bases (the right-hand side perturbed by
 * (eps, eps^2, ...), so every basis is a vertex of a simple polytope and the search graph is
 * connected), each basis factored afresh from M (LAPACK) so no error accumulates along the
 * search. `cap` bounds the bytes used (LIA_ELIMIT beyond); LIA_EINTERNAL if the arithmetic
 * breaks down. The reverse search runs on up to `threads` threads. Caller frees with lia__vertices_free. */
struct lia_polytope_exact;
lia_status lia__polytope_vertices(lia_vertices *out, const lia_polytope *P, const struct lia_polytope_exact *X,
                                 size_t cap, unsigned threads);

/* A test the reverse search applies to each nondegenerate vertex as it is found, so that only
 * the vertices worth keeping are stored (the others are dropped at once: the store stays the
 * size of the answer, not of the polytope). open gives each search thread its own state (0 on
 * failure: out of memory); keep returns 1 to keep the vertex, 0 to drop it, or a negative
 * lia_status. Degenerate vertices are always kept (they are listed once across the search's
 * subtrees by their labels). The fallbacks (lexicographic, exact) list every vertex.
 * keep_basis (or NULL) is the same test from the vertex's basis instead of its labels:
 * basic[v] for the d + k variables (coordinate c is variable c, constraint r's slack d + r);
 * the reverse search uses it to drop a vertex before building its labels. */
typedef struct lia_vertex_filter {
    void *ctx;
    int (*open)(void *ctx, void **state);
    int (*keep)(void *state, const uint64_t *labels);
    void (*close)(void *state);
    int (*keep_basis)(void *state, const unsigned char *basic);
} lia_vertex_filter;
lia_status lia__polytope_vertices_filtered(lia_vertices *out, const lia_polytope *P,
                                          const struct lia_polytope_exact *X, size_t cap, unsigned threads,
                                          const lia_vertex_filter *filter);
/* The lexicographic search alone (the fallback; tests compare the two). */
lia_status lia__polytope_vertices_lex(lia_vertices *out, const lia_polytope *P, size_t cap);
void lia__vertices_free(lia_vertices *v);

/* Append the vertex of a basis (basic variables rowvar, nonbasic colvar; zero[i] when row i's
 * basic variable is at zero): its labels are the nonbasic variables and the basic ones at
 * zero. A degenerate vertex can have several bases and is listed once (table `seen`, keyed by
 * labels); every call counts one basis. *cap is the arrays' capacity. */
struct lia_bitset_table;
lia_status lia__vertices_append(lia_vertices *out, size_t *cap, struct lia_bitset_table *seen, size_t d, size_t k,
                               const size_t *coord_label, const size_t *cons_label, const size_t *colvar,
                               const size_t *rowvar, const unsigned char *zero);

/* The coordinates of the vertex given by a basis (d values). */
lia_status lia__polytope_point(const lia_polytope *P, const uint64_t *basis, double *z);

static inline int lia_bit(const uint64_t *set, size_t i) { return (int)(set[i / 64] >> (i % 64) & 1); }
static inline void lia_bit_set(uint64_t *set, size_t i) { set[i / 64] |= (uint64_t)1 << (i % 64); }

/* The basis of dictionary E after a pivot on row r, column s of D (k rows, d columns): the
 * variable of column s becomes row r's basic one and row r's goes to column s. rowvar holds
 * rowvar (k), colvar (d) and where (k + d, each variable's row or column) in one array, basic
 * the k + d flags. The floating (polytope_rs.c) and exact (polytope_exact_body.h) reverse
 * searches pivot their numbers differently and their labels alike. */
static inline void lia__basis_pivot(size_t *rowvar, unsigned char *basic, const size_t *from_rowvar,
                                    const unsigned char *from_basic, size_t k, size_t d, size_t r, size_t s)
{
    size_t *colvar = rowvar + k, *where = colvar + d;
    memcpy(rowvar, from_rowvar, 2 * (k + d) * sizeof *rowvar);
    memcpy(basic, from_basic, k + d);
    size_t in = from_rowvar[k + s], out = from_rowvar[r];
    rowvar[r] = in;
    colvar[s] = out;
    where[in] = r;
    where[out] = s;
    basic[in] = 1;
    basic[out] = 0;
}

#endif
