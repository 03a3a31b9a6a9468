/* vertex_enum.c — every extreme equilibrium of a two-player game, and its convex components.
 *
 * With payoffs mapped onto [1, 2], the best-response polytopes are
 *   P = {x >= 0 : B^T x <= 1}   labels: x_i = 0 -> i,  (B^T x)_j = 1 -> m + j
 *   Q = {y >= 0 : A y <= 1}     labels: (A y)_i = 1 -> i,  y_j = 0 -> m + j
 * and (x, y) != (0, 0) normalised is an extreme equilibrium exactly when x and y are vertices
 * whose labels together cover all m + n (von Stengel, AGT ch. 3, algorithm 3.5). The polytope
 * of smaller dimension (P for square games) is enumerated (polytope.c), keeping only the
 * vertices that may have a partner, and the partners are solved for in the other (partners.c).
 * Square games with few distinct payoffs enumerate both: a pair of nondegenerate vertices
 * (exactly m resp. n labels) must have complementary labels, found by hashing; a degenerate
 * vertex is checked against every vertex of the other polytope. The maximal cliques of the
 * resulting graph are the convex components (cliques.c). Every equilibrium is re-verified by
 * its regret. */
#include "nash.h"
#include "cliques.h"
#include "exact_enum.h"
#include "polytope.h"
#include "polytope_exact.h"
#include "partners.h"
#include "polytope_rs.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <math.h>
#include <pthread.h>
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

/* All completely labelled pairs (P vertex, Q vertex), neither being an origin. */
static lia_status match(lia_vpairs *E, const lia_vertices *VP, const lia_vertices *VQ, size_t m, size_t n)
{
    size_t w = VP->lwords;
    uint64_t *all = lia__calloc(w, sizeof *all), *want = lia__calloc(w, sizeof *want);
    unsigned char *degP = lia__calloc(VP->n + 1, 1), *degQ = lia__calloc(VQ->n + 1, 1);
    size_t *degQlist = lia__malloc((VQ->n + 1) * sizeof *degQlist), ndegQ = 0;
    lia_bitset_table byQ;
    lia__bitset_table_init(&byQ, w);
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
        if (degQ[v] == 1 && lia__bitset_table_put(&byQ, L, v, NULL) < 0) st = LIA_ENOMEM;
        if (degQ[v] == 2) degQlist[ndegQ++] = v;
    }
    for (size_t v = 0; st == LIA_OK && v < VP->n; v++) {
        const uint64_t *L = VP->labels + v * w;
        if (degP[v] == 1) {
            for (size_t i = 0; i < w; i++) want[i] = all[i] & ~L[i];
            size_t q;
            if (lia__bitset_table_get(&byQ, want, &q) && !lia__vpairs_add(E, v, q)) st = LIA_ENOMEM;
            /* degenerate partners of a nondegenerate x */
            for (size_t i = 0; st == LIA_OK && i < ndegQ; i++)
                if (covers(L, VQ->labels + degQlist[i] * w, all, w) && !lia__vpairs_add(E, v, degQlist[i])) st = LIA_ENOMEM;
        } else if (degP[v] == 2) {
            for (size_t u = 0; st == LIA_OK && u < VQ->n; u++)
                if (degQ[u] && covers(L, VQ->labels + u * w, all, w) && !lia__vpairs_add(E, v, u)) st = LIA_ENOMEM;
        }
    }
    if (st == LIA_OK) lia__vpairs_sort(E);
    lia__free(all);
    lia__free(want);
    lia__free(degP);
    lia__free(degQ);
    lia__free(degQlist);
    lia__bitset_table_free(&byQ);
    return st;
}

/* Vertex coordinates, normalised to a mixed strategy. */
static lia_status mixed(const lia_polytope *P, const uint64_t *basis, double *out)
{
    lia_status st = lia__polytope_point(P, basis, out);
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
        const char *xa = lia__eqset_exact_raw(e, a, at + s), *xb = lia__eqset_exact_raw(e, b, at + s);
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
                         const lia_vertices *VQ, const lia_vpairs *E, lia_exact_enum *X)
{
    size_t m = G->m, n = G->n;
    double *x = lia__malloc((m + n) * sizeof *x), u[2];
    size_t *xid = lia__malloc((E->n + 1) * sizeof *xid), *yid = lia__malloc((E->n + 1) * sizeof *yid), nx = 0, ny = 0;
    lia_status st = x && xid && yid ? LIA_OK : LIA_ENOMEM;
    for (size_t k = 0; k < E->n && st == LIA_OK; k++) {
        st = mixed(&G->P, VP->basis + E->a[k] * VP->bwords, x);
        if (st == LIA_OK) st = mixed(&G->Q, VQ->basis + E->b[k] * VQ->bwords, x + m);
        if (st == LIA_OK && !lia__eqset_add(e, x, (double[2]){ 0, 0 }, INFINITY)) st = LIA_ENOMEM;
        /* the exact check first, for a game with exact payoffs: it gives the equilibrium its
         * exact form (shown only when asked for, but the identity of vertices either way) and
         * replaces the floating-point profile by the nearest doubles of the exact one, which is
         * then what the regret check sees */
        if (st == LIA_OK && X)
            st = lia__exact_enum_add(X, e, VP->labels + E->a[k] * VP->lwords, VQ->labels + E->b[k] * VQ->lwords, 1);
        double regret = INFINITY, *prof = st == LIA_OK ? e->profiles + (e->n - 1) * e->width : NULL;
        int pass = 0;
        if (st == LIA_OK) st = lia__regret_verify(g, prof, &regret, &pass);
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
        st = lia__bicliques_find(&e->cliques, &in, CLIQUE_LIMIT);
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
    const lia_big *B = lia__exact_enum_matrix(X, 1);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) BT[j * m + i] = B[i * n + j];
    *XP = (lia_polytope_exact){ m, n, m + n, BT, G->labP, G->labP + m };
    *XQ = (lia_polytope_exact){ n, m, m + n, lia__exact_enum_matrix(X, 0), G->labQ, G->labQ + n };
}

/* Enumerate only the polytope of smaller dimension (P when square; the larger one
 * can have hundreds of times more vertices: 13.9 million against 43 thousand at 12 x 30) and
 * find each vertex's partners in the other by solving (partners.c). `exact_small` enumerates
 * the small polytope in exact arithmetic and finds the partners exactly. *suspect is set when the set found cannot be right
 * for a nondegenerate game (an even number of equilibria, Shapley 1974). LIA_RS_UNSURE when a
 * partner decision was too close to call (e left empty). */
static lia_status one_sided(lia_eqset *e, const lia_game *g, const bimatrix *G, const lia_polytope_exact *XP,
                            const lia_polytope_exact *XQ, lia_exact_enum *X, size_t cap, unsigned threads,
                            int exact_small, int *suspect)
{
    int smallP = G->m <= G->n;
    const lia_polytope *S = smallP ? &G->P : &G->Q, *O = smallP ? &G->Q : &G->P;
    const lia_polytope_exact *XS = smallP ? XP : XQ, *XO = smallP ? XQ : XP;
    lia_vertices VS = { 0 }, VO = { 0 };
    lia_vpairs E = { 0 };
    lia_vertex_filter keep;
    const lia_polytope *so[2];
    lia__partners_filter(&keep, so, S, O);
    *suspect = 0;
    /* the search drops the vertices surely without a partner as it goes: only the few
     * hundred that may have one are stored, whatever the size of the polytope */
    lia_status st = exact_small ? lia__polytope_vertices_exact(&VS, XS, cap)
                                : lia__polytope_vertices_filtered(&VS, S, XS, cap, threads, &keep);
    if (st == LIA_OK) st = lia__partners_find(&VO, &E, &VS, S, O, XO, exact_small, cap);
    if (st == LIA_OK && !smallP) {   /* pairs are (P vertex, Q vertex) */
        size_t *t = E.a;
        E.a = E.b;
        E.b = t;
    }
    if (st == LIA_OK) lia__vpairs_sort(&E);
    if (st == LIA_OK) st = report(e, g, G, smallP ? &VS : &VO, smallP ? &VO : &VS, &E, X);
    if (st == LIA_OK)
        *suspect = nondegenerate(&VS, S->d) && nondegenerate(&VO, O->d) && e->n % 2 == 0;
    lia__vertices_free(&VS);
    lia__vertices_free(&VO);
    lia__vpairs_free(&E);
    return st;
}

/* One polytope's vertex set, as a thread's work. */
typedef struct side {
    lia_vertices *V;
    const lia_polytope *P;
    const lia_polytope_exact *X;
    size_t cap;
    unsigned threads;
    int exact;
    lia_status st;
} side;

static void *enumerate_side(void *arg)
{
    side *S = arg;
    S->st = S->exact ? lia__polytope_vertices_exact(S->V, S->X, S->cap)
                     : lia__polytope_vertices(S->V, S->P, S->X, S->cap, S->threads);
    return NULL;
}

/* Both polytopes in full, pairs by hashing labels (square games with few distinct payoffs,
 * square games in exact arithmetic, and the fallback). With two
 * threads or more the polytopes are enumerated side by side, each with every thread: this
 * also halves the time of the exact search, which runs on one thread per polytope. */
static lia_status two_sided(lia_eqset *e, const lia_game *g, const bimatrix *G, const lia_polytope_exact *XP,
                            const lia_polytope_exact *XQ, lia_exact_enum *X, size_t cap, unsigned threads, int exact,
                            int *suspect)
{
    lia_vertices VP = { 0 }, VQ = { 0 };
    lia_vpairs E = { 0 };
    *suspect = 0;
    /* each side may use every thread: when one finishes first, the other's jobs keep all the
     * cores busy (the operating system shares them while both run) */
    side sp = { &VP, &G->P, XP, cap, threads, exact, LIA_OK }, sq = { &VQ, &G->Q, XQ, cap, threads, exact, LIA_OK };
    pthread_t tid;
    int spawned = threads > 1 && pthread_create(&tid, NULL, enumerate_side, &sq) == 0;
    enumerate_side(&sp);
    if (spawned) pthread_join(tid, NULL);
    else if (sp.st == LIA_OK) enumerate_side(&sq);
    lia_status st = sp.st != LIA_OK ? sp.st : sq.st;
    if (st == LIA_OK) st = match(&E, &VP, &VQ, G->m, G->n);
    if (st == LIA_OK) st = report(e, g, G, &VP, &VQ, &E, X);
    if (st == LIA_OK) *suspect = nondegenerate(&VP, G->m) && nondegenerate(&VQ, G->n) && e->n % 2 == 0;
    lia__vertices_free(&VP);
    lia__vertices_free(&VQ);
    lia__vpairs_free(&E);
    return st;
}

/* Does either player have fewer distinct payoffs than strategies (e.g. 15 x 15 with payoffs
 * 0..3)? Such games have many degenerate vertices, whose partners are found by enumerating
 * faces of the other polytope one by one; for square games enumerating that polytope once in
 * full is then faster (1.2 s against 0.6 s at 15 x 15, payoffs 0..3). */
static int few_payoffs(const lia_game *g)
{
    size_t m = g->ns[0], n = g->ns[1], most = m > n ? m : n;
    for (size_t p = 0; p < 2; p++) {
        size_t distinct = 0;
        const double *u = g->payoffs + p * g->nprofiles;
        for (size_t s = 0; s < m * n && distinct < most; s++) {
            size_t r = 0;
            while (r < s && u[r] != u[s]) r++;
            distinct += r == s;
        }
        if (distinct < most) return 1;
    }
    return 0;
}

lia_status lia__nash_enum(lia_eqset *e, const lia_game *g, int exact, size_t memory_cap, unsigned threads)
{
    if (g->np != 2) return LIA_EUSAGE;
    if (exact && !lia__exact_enum_possible(g)) return LIA_EUSAGE;
    bimatrix G;
    lia_exact_enum *X = NULL;
    lia_big *BT = NULL;
    lia_polytope_exact XP, XQ;
    lia_status st = bimatrix_init(&G, g);
    /* games with exact payoffs get the exact search as their fallback (and, with `exact`, the
     * exact reconstruction); if their numbers are too large for it, the floating-point path
     * still serves unless exactness was asked for */
    if (st == LIA_OK && lia__exact_enum_possible(g)) {
        st = lia__exact_enum_new(&X, g);
        if (st == LIA_ELIMIT && !exact) st = LIA_OK;
        if (st == LIA_OK && X && !(BT = lia__malloc(G.m * G.n * sizeof *BT))) st = LIA_ENOMEM;
        if (st == LIA_OK && X) exact_polytopes(&G, X, BT, &XP, &XQ);
    }
    const lia_polytope_exact *xp = X ? &XP : NULL, *xq = X ? &XQ : NULL;
    /* the two vertex sets share the memory cap; asked for exact results, the vertices come
     * from the exact search itself, so no floating-point decision can be wrong */
    size_t cap = memory_cap / 2;
    e->show_exact = exact;
    int suspect = 0, done = 0;
    /* a game with exact payoffs has every equilibrium the floating-point search found checked
     * exactly; if one fails, or a nondegenerate game shows an even number of equilibria (it
     * has an odd number: Shapley 1974), the search is redone in exact arithmetic */
    if (st == LIA_OK && exact && G.m != G.n) {
        /* the same shape-aware path, every decision exact: the small polytope by the exact
         * search, partners by exact solves and exact face enumerations */
        st = one_sided(e, g, &G, xp, xq, X, cap, threads, 1, &suspect);
        done = st != LIA_EINTERNAL;
        if (!done) {
            lia__eqset_clear(e);
            st = LIA_OK;
        }
    }
    if (st == LIA_OK && !exact && (G.m != G.n || !few_payoffs(g))) {
        st = one_sided(e, g, &G, xp, xq, X, cap, threads, 0, &suspect);
        if (X && (st == LIA_EINTERNAL || (st == LIA_OK && suspect))) {
            lia__eqset_clear(e);
            st = one_sided(e, g, &G, xp, xq, X, cap, threads, 1, &suspect);
        }
        done = st != LIA_RS_UNSURE && st != LIA_EINTERNAL;
        if (!done) {
            lia__eqset_clear(e);
            st = LIA_OK;
        }
    }
    if (st == LIA_OK && !done) {
        st = two_sided(e, g, &G, xp, xq, X, cap, threads, exact, &suspect);
        if (X && !exact && (st == LIA_EINTERNAL || (st == LIA_OK && suspect))) {
            lia__eqset_clear(e);
            st = two_sided(e, g, &G, xp, xq, X, cap, threads, 1, &suspect);
        }
    }
    lia__exact_enum_free(X);
    lia__free(BT);
    bimatrix_free(&G);
    return st;
}

/* ---- The polytopes alone, for processes that run subtree jobs (nash_split.c) ----
 * Built from the game exactly as lia__nash_enum builds them, so a job's dictionaries carry the
 * same doubles in every process. */
struct lia_nash_sides {
    bimatrix G;
    lia_exact_enum *X;
    lia_big *BT;
    lia_polytope_exact XP, XQ;
};

lia_status lia__nash_sides_new(lia_nash_sides **out, const lia_game *g)
{
    *out = NULL;
    if (g->np != 2) return LIA_EUSAGE;
    lia_nash_sides *s = lia__calloc(1, sizeof *s);
    if (!s) return LIA_ENOMEM;
    lia_status st = bimatrix_init(&s->G, g);
    if (st == LIA_OK && lia__exact_enum_possible(g)) {
        st = lia__exact_enum_new(&s->X, g);
        if (st == LIA_ELIMIT) st = LIA_OK;   /* no exact polytopes: as in lia__nash_enum */
        if (st == LIA_OK && s->X && !(s->BT = lia__malloc(s->G.m * s->G.n * sizeof *s->BT))) st = LIA_ENOMEM;
        if (st == LIA_OK && s->X) exact_polytopes(&s->G, s->X, s->BT, &s->XP, &s->XQ);
    }
    if (st != LIA_OK) {
        lia__nash_sides_free(s);
        return st;
    }
    *out = s;
    return LIA_OK;
}

const lia_polytope *lia__nash_sides_polytope(const lia_nash_sides *s, int side)
{
    return side == 0 ? &s->G.P : &s->G.Q;
}

const lia_polytope_exact *lia__nash_sides_exact(const lia_nash_sides *s, int side)
{
    return !s->X ? NULL : side == 0 ? &s->XP : &s->XQ;
}

int lia__nash_sides_which(const lia_polytope *P) { return P->coord_label[0] == 0 ? 0 : 1; }

void lia__nash_sides_free(lia_nash_sides *s)
{
    if (!s) return;
    lia__exact_enum_free(s->X);
    lia__free(s->BT);
    bimatrix_free(&s->G);
    lia__free(s);
}
