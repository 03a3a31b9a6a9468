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
#include "polytope_exact.h"
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

/* 1 if no vertex carries more labels than the dimension (origin aside, which has exactly d). */
static int nondegenerate(const lia_vertices *V, size_t dim)
{
    for (size_t v = 0; v < V->n; v++)
        if (popcount(V->labels + v * V->lwords, V->lwords) != dim) return 0;
    return 1;
}

/* Does equilibrium a have the same strategy for player p as equilibrium b? Exactly when the
 * set has exact forms; else to 1e-9 in each probability. Two floating-point vertices whose
 * labels were misjudged can be one point; they must count once. */
static int same_part(const lia_eqset *e, size_t a, size_t b, size_t p)
{
    size_t at = p == 0 ? 0 : e->ns[0];
    for (size_t s = 0; s < e->ns[p]; s++) {
        const char *xa = lia_eqset_exact_raw(e, a, at + s), *xb = lia_eqset_exact_raw(e, b, at + s);
        if (xa && xb) {
            if (strcmp(xa, xb) != 0) return 0;
        } else if (fabs(e->profiles[a * e->width + at + s] - e->profiles[b * e->width + at + s]) > 1e-9) {
            return 0;
        }
    }
    return 1;
}

/* Report each edge as an equilibrium, verified and listed once; then the cliques, over the
 * distinct extreme strategies of each player. */
static lia_status report(lia_eqset *e, const lia_game *g, const bimatrix *G, const lia_vertices *VP,
                         const lia_vertices *VQ, const edges *E, lia_exact_enum *X)
{
    size_t m = G->m, n = G->n;
    double *x = lia__malloc((m + n) * sizeof *x), u[2];
    size_t *xid = lia__malloc((E->n + 1) * sizeof *xid), *yid = lia__malloc((E->n + 1) * sizeof *yid), nx = 0, ny = 0;
    lia_status st = x && xid && yid ? LIA_OK : LIA_ENOMEM;
    for (size_t k = 0; k < E->n && st == LIA_OK; k++) {
        st = mixed(&G->P, VP->basis + E->x[k] * VP->bwords, x);
        if (st == LIA_OK) st = mixed(&G->Q, VQ->basis + E->y[k] * VQ->bwords, x + m);
        if (st == LIA_OK && !lia_eqset_add(e, x, (double[2]){ 0, 0 }, INFINITY)) st = LIA_ENOMEM;
        /* the exact check first, for a game with exact payoffs: it gives the equilibrium its
         * exact form (shown only when asked for, but the identity of vertices either way) and
         * replaces the floating-point profile by the nearest doubles of the exact one, which is
         * then what the regret check sees */
        if (st == LIA_OK && X)
            st = lia_exact_enum_add(X, e, VP->labels + E->x[k] * VP->lwords, VQ->labels + E->y[k] * VQ->lwords, 1);
        double regret = INFINITY, *prof = st == LIA_OK ? e->profiles + (e->n - 1) * e->width : NULL;
        int pass = 0;
        if (st == LIA_OK) st = lia_regret_verify(g, prof, &regret, &pass);
        /* a completely labelled pair that fails the check means the floating-point labels were
         * wrong; an incomplete set must not pass for a complete one */
        if (st == LIA_OK && !pass) st = LIA_EINTERNAL;
        if (st == LIA_OK && !X) st = lia_game_expected_payoffs(g, prof, u);   /* else exact_enum set them */
        if (st != LIA_OK) break;
        if (!X) memcpy(e->payoffs + (e->n - 1) * e->np, u, sizeof u);
        e->regrets[e->n - 1] = regret;
        /* number the players' extreme strategies by identity, and drop a repeated pair */
        size_t last = e->n - 1, cx = nx, cy = ny;
        for (size_t q = 0; q < last; q++) {
            if (cx == nx && same_part(e, last, q, 0)) cx = xid[q];
            if (cy == ny && same_part(e, last, q, 1)) cy = yid[q];
        }
        int repeat = 0;
        for (size_t q = 0; q < last && !repeat; q++) repeat = xid[q] == cx && yid[q] == cy;
        if (repeat) { e->n--; continue; }
        xid[last] = cx;
        yid[last] = cy;
        nx += cx == nx;
        ny += cy == ny;
    }
    /* every finite game has an equilibrium: an empty set means the enumeration went wrong */
    if (st == LIA_OK && e->n == 0) st = LIA_EINTERNAL;
    if (st == LIA_OK) {
        lia_biclique_input in = { e->n, nx, ny, xid, yid };
        st = lia_bicliques_find(&e->cliques, &in, CLIQUE_LIMIT);
        if (st == LIA_OK) e->has_cliques = 1;
        if (st == LIA_ELIMIT) st = LIA_OK;   /* too many cliques to list: the equilibria stand alone */
    }
    lia__free(x);
    lia__free(xid);
    lia__free(yid);
    return st;
}

/* The game's polytopes in exact integers (for the exact fallback of the enumeration); the
 * transposed second player's matrix is allocated into *BT. */
static void exact_polytopes(const bimatrix *G, const lia_exact_enum *X, lia_big *BT, lia_polytope_exact *XP,
                            lia_polytope_exact *XQ)
{
    size_t m = G->m, n = G->n;
    const lia_big *B = lia_exact_enum_matrix(X, 1);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) BT[j * m + i] = B[i * n + j];
    *XP = (lia_polytope_exact){ m, n, m + n, BT, G->labP, G->labP + m };
    *XQ = (lia_polytope_exact){ n, m, m + n, lia_exact_enum_matrix(X, 0), G->labQ, G->labQ + n };
}

lia_status lia_nash_enum(lia_eqset *e, const lia_game *g, int exact)
{
    if (g->np != 2) return LIA_EUSAGE;
    if (exact && !lia_exact_enum_possible(g)) return LIA_EUSAGE;
    bimatrix G;
    lia_vertices VP = { 0 }, VQ = { 0 };
    edges E = { NULL, NULL, 0, 0 };
    lia_exact_enum *X = NULL;
    lia_big *BT = NULL;
    lia_polytope_exact XP, XQ;
    lia_status st = bimatrix_init(&G, g);
    /* games with exact payoffs get the exact search as their fallback (and, with `exact`, the
     * exact reconstruction); if their numbers are too large for it, the floating-point path
     * still serves unless exactness was asked for */
    if (st == LIA_OK && lia_exact_enum_possible(g)) {
        st = lia_exact_enum_new(&X, g);
        if (st == LIA_ELIMIT && !exact) st = LIA_OK;
        if (st == LIA_OK && X && !(BT = lia__malloc(G.m * G.n * sizeof *BT))) st = LIA_ENOMEM;
        if (st == LIA_OK && X) exact_polytopes(&G, X, BT, &XP, &XQ);
    }
    /* the two vertex sets share the memory cap; asked for exact results, the vertices come
     * from the exact search itself, so no floating-point decision can be wrong */
    size_t cap = e->memory_cap / 2;
    if (st == LIA_OK) st = exact ? lia_polytope_vertices_exact(&VP, &XP, cap) : lia_polytope_vertices(&VP, &G.P, X ? &XP : NULL, cap);
    if (st == LIA_OK) st = exact ? lia_polytope_vertices_exact(&VQ, &XQ, cap) : lia_polytope_vertices(&VQ, &G.Q, X ? &XQ : NULL, cap);
    if (st == LIA_OK) st = match(&E, &VP, &VQ, G.m, G.n);
    /* a game with exact payoffs has every equilibrium the floating-point search found checked
     * exactly; if one fails, or a nondegenerate game shows an even number of equilibria (it
     * has an odd number: Shapley 1974), the search is redone in exact arithmetic */
    e->show_exact = exact;
    if (st == LIA_OK) st = report(e, g, &G, &VP, &VQ, &E, X);
    if (X && !exact && (st == LIA_EINTERNAL || (st == LIA_OK && nondegenerate(&VP, G.m) && nondegenerate(&VQ, G.n) &&
                                                  e->n % 2 == 0))) {
        lia_eqset_clear(e);
        lia_vertices_free(&VP);
        lia_vertices_free(&VQ);
        E.n = 0;
        st = lia_polytope_vertices_exact(&VP, &XP, cap);
        if (st == LIA_OK) st = lia_polytope_vertices_exact(&VQ, &XQ, cap);
        if (st == LIA_OK) st = match(&E, &VP, &VQ, G.m, G.n);
        if (st == LIA_OK) st = report(e, g, &G, &VP, &VQ, &E, X);
    }
    lia_exact_enum_free(X);
    lia__free(BT);
    lia_vertices_free(&VP);
    lia_vertices_free(&VQ);
    lia__free(E.x);
    lia__free(E.y);
    bimatrix_free(&G);
    return st;
}
