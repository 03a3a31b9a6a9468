/* cliques.c — maximal bicliques of the extreme-equilibrium graph, component by component.
 * Within a component, each maximal clique (X, Y) has Y = the intersection of N(x) over x in X
 * and X = every x whose neighbourhood contains Y; so the family of Y sides is generated from
 * the single neighbourhoods by closing under pairwise intersection. Sets are bitsets over the
 * component's second-player vertices. */
#include "cliques.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include <string.h>

typedef struct growable { size_t *v; size_t n, cap; } growable;

static int grow_push(growable *g, size_t x)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 16;
        size_t *v = lia__realloc(g->v, cap * sizeof *v);
        if (!v) return 0;
        g->v = v;
        g->cap = cap;
    }
    g->v[g->n++] = x;
    return 1;
}

static size_t find(size_t *parent, size_t a)
{
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
}

/* One component: its edges (indices into the input), with local vertex numbers. */
typedef struct component {
    const lia_biclique_input *in;
    const size_t *edges;
    size_t ne, nx, ny, words;
    size_t *xl, *yl;      /* local number of each global x / y (SIZE_MAX if absent) */
    uint64_t *nbr;        /* nx x words: N(x) */
} component;

static int subset(const uint64_t *a, const uint64_t *b, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if (a[i] & ~b[i]) return 0;
    return 1;
}

static int is_empty(const uint64_t *a, size_t w)
{
    for (size_t i = 0; i < w; i++)
        if (a[i]) return 0;
    return 1;
}

/* Close the family under intersection; family grows in place (nfam sets of `words`). A hash
 * table of the members makes each membership test O(words), so the closure costs
 * O(family x nx x words) rather than a scan of the family for every candidate. */
static lia_status close_family(uint64_t **fam, size_t *nfam, size_t *capfam, const component *C, size_t limit)
{
    size_t w = C->words;
    uint64_t *tmp = lia__malloc(w * sizeof *tmp);
    lia_bitset_table seen;
    lia__bitset_table_init(&seen, w);
    lia_status st = tmp ? LIA_OK : LIA_ENOMEM;
    for (size_t a = 0; st == LIA_OK && a < *nfam; a++)
        if (lia__bitset_table_put(&seen, *fam + a * w, a, NULL) < 0) st = LIA_ENOMEM;
    for (size_t a = 0; a < *nfam && st == LIA_OK; a++) {
        for (size_t x = 0; x < C->nx && st == LIA_OK; x++) {
            for (size_t i = 0; i < w; i++) tmp[i] = (*fam)[a * w + i] & C->nbr[x * w + i];
            if (is_empty(tmp, w)) continue;
            size_t found;
            if (lia__bitset_table_get(&seen, tmp, &found)) continue;
            if (*nfam >= limit) { st = LIA_ELIMIT; break; }
            if (*nfam == *capfam) {
                size_t cap = *capfam * 2;
                uint64_t *f = lia__realloc(*fam, cap * w * sizeof *f);
                if (!f) { st = LIA_ENOMEM; break; }
                *fam = f;
                *capfam = cap;
            }
            memcpy(*fam + *nfam * w, tmp, w * sizeof *tmp);
            if (lia__bitset_table_put(&seen, tmp, *nfam, NULL) < 0) { st = LIA_ENOMEM; break; }
            (*nfam)++;
        }
    }
    lia__bitset_table_free(&seen);
    lia__free(tmp);
    return st;
}

/* Append the component's cliques (edges of X x Y for each Y in the family) to out. */
static lia_status emit(growable *start, growable *edge, growable *comp, size_t compno, const component *C,
                       const uint64_t *fam, size_t nfam)
{
    size_t w = C->words;
    for (size_t f = 0; f < nfam; f++) {
        if (!grow_push(start, edge->n) || !grow_push(comp, compno)) return LIA_ENOMEM;
        for (size_t e = 0; e < C->ne; e++) {
            size_t id = C->edges[e];
            size_t xl = C->xl[C->in->x[id]], yl = C->yl[C->in->y[id]];
            if ((fam[f * w + yl / 64] >> (yl % 64) & 1) && subset(fam + f * w, C->nbr + xl * w, w) &&
                !grow_push(edge, id))
                return LIA_ENOMEM;
        }
    }
    return LIA_OK;
}

static lia_status one_component(growable *start, growable *edge, growable *comp, size_t compno, component *C,
                                size_t limit)
{
    const lia_biclique_input *in = C->in;
    C->nx = C->ny = 0;
    for (size_t e = 0; e < C->ne; e++) {
        size_t x = in->x[C->edges[e]], y = in->y[C->edges[e]];
        if (C->xl[x] == SIZE_MAX) C->xl[x] = C->nx++;
        if (C->yl[y] == SIZE_MAX) C->yl[y] = C->ny++;
    }
    C->words = (C->ny + 63) / 64;
    size_t w = C->words, nfam = C->nx, capfam = C->nx;
    C->nbr = lia__calloc(C->nx * w, sizeof *C->nbr);
    uint64_t *fam = lia__malloc(capfam * w * sizeof *fam);
    lia_status st = C->nbr && fam ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) {
        for (size_t e = 0; e < C->ne; e++) {
            size_t xl = C->xl[in->x[C->edges[e]]], yl = C->yl[in->y[C->edges[e]]];
            C->nbr[xl * w + yl / 64] |= (uint64_t)1 << (yl % 64);
        }
        /* start from the distinct neighbourhoods */
        nfam = 0;
        for (size_t x = 0; x < C->nx; x++) {
            int dup = 0;
            for (size_t b = 0; b < nfam && !dup; b++) dup = memcmp(fam + b * w, C->nbr + x * w, w * sizeof *fam) == 0;
            if (!dup) memcpy(fam + nfam++ * w, C->nbr + x * w, w * sizeof *fam);
        }
        st = close_family(&fam, &nfam, &capfam, C, limit);
    }
    /* keep only the maximal ones: Y is a clique side iff no other family member of the same
     * X strictly contains it — which closure guarantees, so every member is emitted */
    if (st == LIA_OK) st = emit(start, edge, comp, compno, C, fam, nfam);
    for (size_t e = 0; e < C->ne; e++) {   /* reset the local numbering for the next component */
        C->xl[in->x[C->edges[e]]] = SIZE_MAX;
        C->yl[in->y[C->edges[e]]] = SIZE_MAX;
    }
    lia__free(C->nbr);
    C->nbr = NULL;
    lia__free(fam);
    return st;
}

lia_status lia__bicliques_find(lia_bicliques *out, const lia_biclique_input *in, size_t limit)
{
    memset(out, 0, sizeof *out);
    size_t nv = in->nx + in->ny;
    size_t *parent = lia__malloc((nv + 1) * sizeof *parent), *order = lia__malloc((in->nedges + 1) * sizeof *order);
    size_t *root = lia__malloc((nv + 1) * sizeof *root);
    component C = { in, NULL, 0, 0, 0, 0, NULL, NULL, NULL };
    C.xl = lia__malloc((in->nx + 1) * sizeof *C.xl);
    C.yl = lia__malloc((in->ny + 1) * sizeof *C.yl);
    growable start = { 0 }, edge = { 0 }, comp = { 0 };
    lia_status st = parent && order && root && C.xl && C.yl ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK) {
        for (size_t v = 0; v < nv; v++) parent[v] = v;
        for (size_t v = 0; v < in->nx; v++) C.xl[v] = SIZE_MAX;
        for (size_t v = 0; v < in->ny; v++) C.yl[v] = SIZE_MAX;
        for (size_t e = 0; e < in->nedges; e++) {
            size_t a = find(parent, in->x[e]), b = find(parent, in->nx + in->y[e]);
            if (a != b) parent[a < b ? b : a] = a < b ? a : b;
        }
        /* components in order of their first edge: edges grouped by component, stable */
        size_t ncomp = 0;
        for (size_t v = 0; v < nv; v++) root[v] = SIZE_MAX;
        for (size_t e = 0; e < in->nedges; e++) {
            size_t r = find(parent, in->x[e]);
            if (root[r] == SIZE_MAX) root[r] = ncomp++;
        }
        size_t at = 0;
        for (size_t c = 0; c < ncomp && st == LIA_OK; c++) {
            size_t first = at;
            for (size_t e = 0; e < in->nedges; e++)
                if (root[find(parent, in->x[e])] == c) order[at++] = e;
            C.edges = order + first;
            C.ne = at - first;
            st = one_component(&start, &edge, &comp, c, &C, limit);
        }
        out->ncomponents = ncomp;
    }
    if (st == LIA_OK && !grow_push(&start, edge.n)) st = LIA_ENOMEM;
    lia__free(parent);
    lia__free(order);
    lia__free(root);
    lia__free(C.xl);
    lia__free(C.yl);
    if (st != LIA_OK) {
        lia__free(start.v);
        lia__free(edge.v);
        lia__free(comp.v);
        memset(out, 0, sizeof *out);
        return st;
    }
    out->ncliques = start.n - 1;
    out->start = start.v;
    out->edge = edge.v;
    out->comp = comp.v;
    return LIA_OK;
}

void lia__bicliques_free(lia_bicliques *b)
{
    lia__free(b->start);
    lia__free(b->edge);
    lia__free(b->comp);
    memset(b, 0, sizeof *b);
}
