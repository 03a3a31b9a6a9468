/* vertex_enum.c — every extreme equilibrium of a two-player game, and its convex components.
 *
 * With payoffs mapped onto [1, 2], the best-response polytopes are
 *   P = {x >= 0 : B^T x <= 1}   labels: x_i = 0 -> i,  (B^T x)_j = 1 -> m + j
 *   Q = {y >= 0 : A y <= 1}     labels: (A y)_i = 1 -> i,  y_j = 0 -> m + j
 * and (x, y) != (0, 0) normalised is an extreme equilibrium exactly when x and y are vertices
 * whose labels together cover all m + n (von Stengel, AGT ch. 3, algorithm 3.5). Both vertex
 * sets are enumerated (polytope.c); a pair of nondegenerate vertices (exactly m resp. n
 * labels) must have complementary labels, found by hashing; a degenerate vertex is checked
 * against every vertex of the other polytope. The maximal cliques of the resulting graph are
 * the convex components (cliques.c). Every equilibrium is re-verified by its regret. */
#include "nash.h"
#include "cliques.h"
#include "exact_enum.h"
#include "polytope.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

enum { CLIQUE_LIMIT = 100000 };

static size_t popcount(const uint64_t *s, size_t w)
{
    size_t c = 0;
    for (size_t i = 0; i < w; i++) c += (size_t)__builtin_popcountll(s[i]);
    return c;
}

/* Does the vertex carry every label in [from, to)? (The origin of P has all of 0..m-1.) */
static int has_all(const uint64_t *s, size_t from, size_t to)
{
    for (size_t l = from; l < to; l++)
        if (!lia_bit(s, l)) return 0;
    return 1;
}

static int covers(const uint64_t *a, const uint64_t *b, const uint64_t *all, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if ((a[i] | b[i]) != all[i]) return 0;
    return 1;
}

typedef struct edges { size_t *x, *y, n, cap; } edges;

static int edge_add(edges *E, size_t x, size_t y)
{
    if (E->n == E->cap) {
        size_t cap = E->cap ? E->cap * 2 : 32;
        size_t *nx = lia__realloc(E->x, cap * sizeof *nx);
        if (!nx) return 0;
        E->x = nx;
        size_t *ny = lia__realloc(E->y, cap * sizeof *ny);
        if (!ny) return 0;
        E->y = ny;
        E->cap = cap;
    }
    E->x[E->n] = x;
    E->y[E->n++] = y;
    return 1;
}

static int by_x_then_y(const edges *E, size_t a, size_t b)
{
    return E->x[a] != E->x[b] ? E->x[a] < E->x[b] : E->y[a] < E->y[b];
}

/* Insertion sort of the (few) edges found by scanning, so the list is ordered by P vertex. */
static void sort_edges(edges *E)
{
    for (size_t i = 1; i < E->n; i++)
        for (size_t j = i; j > 0 && by_x_then_y(E, j, j - 1); j--) {
            size_t t = E->x[j]; E->x[j] = E->x[j - 1]; E->x[j - 1] = t;
            t = E->y[j]; E->y[j] = E->y[j - 1]; E->y[j - 1] = t;
        }
}

/* All completely labelled pairs (P vertex, Q vertex), neither being an origin. */
static lia_status match(edges *E, const lia_vertices *VP, const lia_vertices *VQ, size_t m, size_t n)
{
    size_t w = VP->lwords;
    uint64_t *all = lia__calloc(w, sizeof *all), *want = lia__calloc(w, sizeof *want);
    unsigned char *degP = lia__calloc(VP->n + 1, 1), *degQ = lia__calloc(VQ->n + 1, 1);
    size_t *degQlist = lia__malloc((VQ->n + 1) * sizeof *degQlist), ndegQ = 0;
    lia_bitset_table byQ;
    lia_bitset_table_init(&byQ, w);
    lia_status st = all && want && degP && degQ && degQlist ? LIA_OK : LIA_ENOMEM;
    for (size_t l = 0; st == LIA_OK && l < m + n; l++) lia_bit_set(all, l);
    /* 0 = origin (skipped), 1 = nondegenerate, 2 = degenerate */
    for (size_t v = 0; st == LIA_OK && v < VP->n; v++) {
        const uint64_t *L = VP->labels + v * w;
        degP[v] = has_all(L, 0, m) ? 0 : popcount(L, w) == m ? 1 : 2;
    }
    for (size_t v = 0; st == LIA_OK && v < VQ->n; v++) {
        const uint64_t *L = VQ->labels + v * w;
        degQ[v] = has_all(L, m, m + n) ? 0 : popcount(L, w) == n ? 1 : 2;
        if (degQ[v] == 1 && lia_bitset_table_put(&byQ, L, v, NULL) < 0) st = LIA_ENOMEM;
        if (degQ[v] == 2) degQlist[ndegQ++] = v;
    }
    for (size_t v = 0; st == LIA_OK && v < VP->n; v++) {
        const uint64_t *L = VP->labels + v * w;
        if (degP[v] == 1) {
            for (size_t i = 0; i < w; i++) want[i] = all[i] & ~L[i];
            size_t q;
            if (lia_bitset_table_get(&byQ, want, &q) && !edge_add(E, v, q)) st = LIA_ENOMEM;
            /* degenerate partners of a nondegenerate x */
            for (size_t i = 0; st == LIA_OK && i < ndegQ; i++)
                if (covers(L, VQ->labels + degQlist[i] * w, all, w) && !edge_add(E, v, degQlist[i])) st = LIA_ENOMEM;
        } else if (degP[v] == 2) {
            for (size_t u = 0; st == LIA_OK && u < VQ->n; u++)
                if (degQ[u] && covers(L, VQ->labels + u * w, all, w) && !edge_add(E, v, u)) st = LIA_ENOMEM;
        }
    }
    if (st == LIA_OK) sort_edges(E);
    lia__free(all);
    lia__free(want);
    lia__free(degP);
    lia__free(degQ);
    lia__free(degQlist);
    lia_bitset_table_free(&byQ);
    return st;
}

/* Vertex coordinates, normalised to a mixed strategy. */
static lia_status mixed(const lia_polytope *P, const uint64_t *basis, double *out)
{
    lia_status st = lia_polytope_point(P, basis, out);
    if (st != LIA_OK) return st;
    double sum = 0;
    for (size_t c = 0; c < P->d; c++) { out[c] = out[c] > 0 ? out[c] : 0; sum += out[c]; }
    if (!(sum > 0)) return LIA_EINTERNAL;
    for (size_t c = 0; c < P->d; c++) out[c] /= sum;
    return LIA_OK;
}

/* Number the distinct vertices that occur in edges 0, 1, ... (first appearance order). */
static lia_status renumber(size_t *ids, const size_t *v, size_t ne, size_t nvert, size_t *count)
{
    size_t *map = lia__malloc((nvert + 1) * sizeof *map);
    if (!map) return LIA_ENOMEM;
    for (size_t i = 0; i < nvert; i++) map[i] = SIZE_MAX;
    *count = 0;
    for (size_t e = 0; e < ne; e++) {
        if (map[v[e]] == SIZE_MAX) map[v[e]] = (*count)++;
        ids[e] = map[v[e]];
    }
    lia__free(map);
    return LIA_OK;
}

typedef struct bimatrix {
    size_t m, n;
    double *BT, *A;          /* B^T (n x m) and A (m x n), row-major, mapped onto [1, 2] */
    size_t *labP, *labQ;     /* P: coords 0..m-1, constraints m..m+n-1; Q: the other way */
    lia_polytope P, Q;
} bimatrix;

static void bimatrix_free(bimatrix *G)
{
    lia__free(G->BT);
    lia__free(G->A);
    lia__free(G->labP);
    lia__free(G->labQ);
}

static lia_status bimatrix_init(bimatrix *G, const lia_game *g)
{
    size_t m = g->ns[0], n = g->ns[1], nlab = m + n;
    memset(G, 0, sizeof *G);
    G->m = m;
    G->n = n;
    G->BT = lia__malloc(m * n * sizeof *G->BT);
    G->A = lia__malloc(m * n * sizeof *G->A);
    G->labP = lia__malloc(nlab * sizeof *G->labP);
    G->labQ = lia__malloc(nlab * sizeof *G->labQ);
    if (!G->BT || !G->A || !G->labP || !G->labQ) return LIA_ENOMEM;
    double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
    for (size_t p = 0; p < 2; p++)
        for (size_t s = 0; s < m * n; s++) {
            lo[p] = fmin(lo[p], g->payoffs[p * g->nprofiles + s]);
            hi[p] = fmax(hi[p], g->payoffs[p * g->nprofiles + s]);
        }
    double span[2] = { hi[0] > lo[0] ? hi[0] - lo[0] : 1, hi[1] > lo[1] ? hi[1] - lo[1] : 1 };
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            G->A[i * n + j] = (g->payoffs[i + m * j] - lo[0]) / span[0] + 1;
            G->BT[j * m + i] = (g->payoffs[g->nprofiles + i + m * j] - lo[1]) / span[1] + 1;
        }
    /* P's coordinates are the first player's strategies (labels 0..m-1) and its constraints
     * the second player's (m..m+n-1); Q the other way round */
    for (size_t l = 0; l < nlab; l++) G->labP[l] = l;
    for (size_t j = 0; j < n; j++) G->labQ[j] = m + j;
    for (size_t i = 0; i < m; i++) G->labQ[n + i] = i;
    G->P = (lia_polytope){ m, n, nlab, G->BT, G->labP, G->labP + m };
    G->Q = (lia_polytope){ n, m, nlab, G->A, G->labQ, G->labQ + n };
    return LIA_OK;
}

/* Report each edge as an equilibrium, verified; then its cliques. */
static lia_status report(lia_eqset *e, const lia_game *g, const bimatrix *G, const lia_vertices *VP,
                         const lia_vertices *VQ, const edges *E, int exact)
{
    size_t m = G->m, n = G->n;
    double *x = lia__malloc((m + n) * sizeof *x), u[2];
    size_t *xid = lia__malloc((E->n + 1) * sizeof *xid), *yid = lia__malloc((E->n + 1) * sizeof *yid), nx, ny;
    lia_exact_enum *X = NULL;
    lia_status st = x && xid && yid ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK && exact) st = lia_exact_enum_new(&X, g);
    for (size_t k = 0; k < E->n && st == LIA_OK; k++) {
        st = mixed(&G->P, VP->basis + E->x[k] * VP->bwords, x);
        if (st == LIA_OK) st = mixed(&G->Q, VQ->basis + E->y[k] * VQ->bwords, x + m);
        double regret = INFINITY;
        int pass = 0;
        if (st == LIA_OK) st = lia_regret_verify(g, x, &regret, &pass);
        /* a completely labelled pair that fails the check means the floating-point labels were
         * wrong; an incomplete set must not pass for a complete one */
        if (st == LIA_OK && !pass) st = LIA_EINTERNAL;
        if (st == LIA_OK) st = lia_game_expected_payoffs(g, x, u);
        if (st == LIA_OK && !lia_eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
        if (st == LIA_OK && X)
            st = lia_exact_enum_add(X, e, VP->labels + E->x[k] * VP->lwords, VQ->labels + E->y[k] * VQ->lwords);
    }
    if (st == LIA_OK) st = renumber(xid, E->x, E->n, VP->n, &nx);
    if (st == LIA_OK) st = renumber(yid, E->y, E->n, VQ->n, &ny);
    if (st == LIA_OK) {
        lia_biclique_input in = { E->n, nx, ny, xid, yid };
        st = lia_bicliques_find(&e->cliques, &in, CLIQUE_LIMIT);
        if (st == LIA_OK) e->has_cliques = 1;
    }
    lia_exact_enum_free(X);
    lia__free(x);
    lia__free(xid);
    lia__free(yid);
    return st;
}

lia_status lia_nash_enum(lia_eqset *e, const lia_game *g, int exact)
{
    if (g->np != 2) return LIA_EUSAGE;
    if (exact && !lia_exact_enum_possible(g)) return LIA_EUSAGE;
    bimatrix G;
    lia_vertices VP = { 0 }, VQ = { 0 };
    edges E = { NULL, NULL, 0, 0 };
    lia_status st = bimatrix_init(&G, g);
    /* the two vertex sets share the memory cap */
    if (st == LIA_OK) st = lia_polytope_vertices(&VP, &G.P, LIA_DEFAULT_MEMORY_CAP / 2);
    if (st == LIA_OK) st = lia_polytope_vertices(&VQ, &G.Q, LIA_DEFAULT_MEMORY_CAP / 2);
    if (st == LIA_OK) st = match(&E, &VP, &VQ, G.m, G.n);
    if (st == LIA_OK) st = report(e, g, &G, &VP, &VQ, &E, exact);
    lia_vertices_free(&VP);
    lia_vertices_free(&VQ);
    lia__free(E.x);
    lia__free(E.y);
    bimatrix_free(&G);
    return st;
}
