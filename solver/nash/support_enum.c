/* support_enum.c — every isolated equilibrium of a small n-player game by support enumeration
 * in the order of Porter, Nudelman & Shoham (2008), pruned by iterated removal of
 * conditionally dominated strategies.
 *
 * Order. Two players: balanced support sizes (k, k), small first. An isolated equilibrium of a
 * two-player game has balanced supports with nonsingular indifference systems (otherwise one
 * player's system has a line of solutions through it, and the other player's best-response
 * inequalities, linear along that line, let it move at least one way), so unbalanced size
 * pairs, which PNS visit after the balanced ones, can add no isolated equilibrium and are
 * skipped. n players: size profiles by total size, then by spread (largest minus smallest).
 * Supports are instantiated player by player; after each choice the strategies that are
 * strictly dominated given the supports chosen so far and the others' remaining domains are
 * removed (iterated), and the branch is cut when a chosen support loses one.
 *
 * Solving. Two players: each player's indifference system is linear and square, solved by
 * LAPACK (dgetrf + dgetrs, see small_solve.h). n players: the system is multilinear;
 * homotopy.c tracks one path per multihomogeneous Bezout root, reaching every isolated
 * solution. Each solution inside the simplices is then re-verified independently of how it
 * was found (lia__regret_verify: every player's gain within 1e-9 of its own payoff scale) and
 * listed once. */
#include "nash.h"
#include "homotopy.h"
#include "small_solve.h"
#include "../util/mem.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The size guard (docs/algorithms.md): refuse a search whose worst case is hopeless. Two
 * players: the number of balanced support pairs, C(m+n, m) - 1. n players: the number of
 * support profiles times the total-degree bound (n-1)^(sum (n_p - 1)) on the paths of one. */
#define MAX_PAIRS LIA_SUPPORT_MAX_PAIRS   /* by measured cost: liaison.h */
#define MAX_PATHS LIA_SUPPORT_MAX_PATHS
#define SAME_PROFILE 1e-7            /* equilibria this close (max-norm) are one */
#define OUTSIDE 1e-7                 /* a probability below -OUTSIDE: the point is off the simplex */

typedef struct senum {
    const lia_game *g;
    lia_eqset *e;
    size_t np, width;
    size_t *off, *stride;     /* np + 1 offsets of each player's strategies; profile strides */
    size_t *size;             /* the support sizes being enumerated */
    unsigned char *dom;       /* (np + 1) levels x width: 1 = still possible at that level */
    size_t *list, *comb;      /* per player (at off[p]): allowed strategies, chosen indices */
    size_t *k, *sup;          /* the leaf's supports, player after player */
    size_t *odo;              /* odometer over the others' domains */
    size_t *left;             /* strategies left in each domain */
    double *x, *u, *z;
    double *M, *rhs;          /* two players: (k+1) x (k+1) system */
    lia_lapack_int *ipiv;
    lia_indiff *cur;          /* n players: the leaf's system while its roots come in */
    double *scale;            /* per player: largest |payoff| (1 if all are 0) */
} senum;

static int strictly_below(const senum *S, size_t p, size_t a, size_t b)
{
    const lia_game *g = S->g;
    size_t ia = p * g->nprofiles + a, ib = p * g->nprofiles + b;
    if (g->exact && lia_num_exact(g->exact[ia]) && lia_num_exact(g->exact[ib]))
        return lia__num_cmp(g->exact[ia], g->exact[ib]) < 0;
    /* near-ties (relative to the player's own scale) are ties: a doubtful dominance only
     * costs pruning, never an equilibrium */
    return g->payoffs[ia] < g->payoffs[ib] - 1e-12 * S->scale[p];
}

/* Is a conditionally dominated for p given the sets R of the others: some b (any strategy of
 * p, not just those in R) strictly better against every profile of the others from R? */
static int dominated(senum *S, const unsigned char *R, size_t p, size_t a)
{
    size_t np = S->np;
    for (size_t b = 0; b < S->g->ns[p]; b++) {
        if (b == a) continue;
        int all = 1;
        for (size_t q = 0; q < np; q++) {
            S->odo[q] = 0;
            if (q == p) continue;
            while (S->odo[q] < S->g->ns[q] && !R[S->off[q] + S->odo[q]]) S->odo[q]++;
        }
        for (;;) {
            size_t base = 0;
            for (size_t q = 0; q < np; q++)
                if (q != p) base += S->odo[q] * S->stride[q];
            if (!strictly_below(S, p, base + a * S->stride[p], base + b * S->stride[p])) { all = 0; break; }
            size_t q = 0;
            for (; q < np; q++) {    /* next allowed profile of the others */
                if (q == p) continue;
                do S->odo[q]++;
                while (S->odo[q] < S->g->ns[q] && !R[S->off[q] + S->odo[q]]);
                if (S->odo[q] < S->g->ns[q]) break;
                S->odo[q] = 0;
                while (!R[S->off[q] + S->odo[q]]) S->odo[q]++;
            }
            if (q == np) break;
        }
        if (all) return 1;
    }
    return 0;
}

/* Iterated removal of conditionally dominated strategies from R; players below `fixed` hold
 * chosen supports. 0 if a chosen support loses a strategy or a domain falls below its target
 * size (no equilibrium on this branch). */
static int irsds(senum *S, unsigned char *R, size_t fixed)
{
    for (size_t p = 0; p < S->np; p++) {
        size_t left = 0;
        for (size_t a = 0; a < S->g->ns[p]; a++) left += R[S->off[p] + a];
        S->left[p] = left;
        if (left < S->size[p]) return 0;
    }
    for (;;) {
        int changed = 0;
        for (size_t p = 0; p < S->np; p++)
            for (size_t a = 0; a < S->g->ns[p]; a++) {
                if (!R[S->off[p] + a] || !dominated(S, R, p, a)) continue;
                /* checked at once, so no domain is ever empty while dominance is tested */
                if (p < fixed || --S->left[p] < S->size[p]) return 0;
                R[S->off[p] + a] = 0;
                changed = 1;
            }
        if (!changed) return 1;
    }
}

/* Add x if it is an equilibrium not listed yet: tiny negatives from rounding are cleared, the
 * rest must pass the independent regret check. */
static lia_status candidate(senum *S, double *x)
{
    for (size_t p = 0; p < S->np; p++) {
        double sum = 0;
        for (size_t a = 0; a < S->g->ns[p]; a++) {
            double *v = x + S->off[p] + a;
            if (!isfinite(*v) || *v < -OUTSIDE) return LIA_OK;
            if (*v < 1e-13) *v = 0;
            sum += *v;
        }
        if (!(sum > 0)) return LIA_OK;
        for (size_t a = 0; a < S->g->ns[p]; a++) x[S->off[p] + a] /= sum;
    }
    double regret;
    int pass;
    lia_status st = lia__regret_verify(S->g, x, &regret, &pass);
    if (st == LIA_EUSAGE) return LIA_OK;   /* not a probability vector after all */
    if (st != LIA_OK) return st;
    if (!pass) return LIA_OK;
    for (size_t q = 0; q < S->e->n; q++) {
        const double *y = S->e->profiles + q * S->width;
        double diff = 0;
        for (size_t i = 0; i < S->width; i++) diff = fmax(diff, fabs(x[i] - y[i]));
        if (diff <= SAME_PROFILE) return LIA_OK;
    }
    st = lia_game_expected_payoffs(S->g, x, S->u);
    if (st != LIA_OK) return st;
    return lia__eqset_add(S->e, x, S->u, regret) ? LIA_OK : LIA_ENOMEM;
}

/* A real root of the current support's system: its profile, if inside the simplices. */
static lia_status found_root(void *ctx, const double *z)
{
    senum *S = ctx;
    lia__indiff_profile(S->cur, z, S->x);
    return candidate(S, S->x);
}

/* One player's side of a two-player support pair: the other's mixture y on T that makes every
 * strategy of own support R (same size k) equally good, from payoffs U (m x n, column-major,
 * own strategies as rows when own == 0). 0 if singular or y leaves the simplex. */
static int indifference_2p(senum *S, size_t own, const size_t *R, const size_t *T, size_t k, double *y)
{
    const lia_game *g = S->g;
    const double *U = g->payoffs + own * g->nprofiles;
    size_t n = k + 1, m0 = g->ns[0];
    for (size_t r = 0; r < k; r++) {
        for (size_t c = 0; c < k; c++) {
            size_t i = own == 0 ? R[r] : T[c], j = own == 0 ? T[c] : R[r];
            S->M[r + c * n] = U[i + m0 * j] / S->scale[own];
        }
        S->M[r + k * n] = -1;
        S->rhs[r] = 0;
    }
    for (size_t c = 0; c < k; c++) S->M[k + c * n] = 1;
    S->M[k + k * n] = 0;
    S->rhs[k] = 1;
    if (!lia_small_dsolve(n, S->M, S->rhs, S->ipiv)) return 0;
    for (size_t c = 0; c < k; c++) {
        if (!isfinite(S->rhs[c]) || S->rhs[c] < -OUTSIDE) return 0;
        y[c] = S->rhs[c];
    }
    return 1;
}

static lia_status solve_leaf(senum *S, const unsigned char *R)
{
    size_t np = S->np, at = 0, d = 0;
    for (size_t p = 0; p < np; p++) {
        S->k[p] = 0;
        for (size_t a = 0; a < S->g->ns[p]; a++)
            if (R[S->off[p] + a]) S->sup[at + S->k[p]++] = a;
        at += S->k[p];
        d += S->k[p] - 1;
    }
    memset(S->x, 0, S->width * sizeof *S->x);
    if (d == 0) {   /* a pure profile */
        for (size_t p = 0, s = 0; p < np; s += S->k[p], p++) S->x[S->off[p] + S->sup[s]] = 1;
        return candidate(S, S->x);
    }
    if (np == 2) {
        size_t k = S->k[0];
        const size_t *R0 = S->sup, *R1 = S->sup + k;
        if (!indifference_2p(S, 0, R0, R1, k, S->z)) return LIA_OK;        /* column player's y */
        for (size_t c = 0; c < k; c++) S->x[S->off[1] + R1[c]] = S->z[c];
        if (!indifference_2p(S, 1, R1, R0, k, S->z)) return LIA_OK;        /* row player's x */
        for (size_t r = 0; r < k; r++) S->x[S->off[0] + R0[r]] = S->z[r];
        return candidate(S, S->x);
    }
    lia_indiff sys;
    lia_status st = lia__indiff_init(&sys, S->g, S->k, S->sup, S->scale);
    if (st != LIA_OK) return st;
    S->cur = &sys;
    st = lia__homotopy_solve(&sys, found_root, S, NULL);
    S->cur = NULL;
    lia__indiff_free(&sys);
    return st;
}

/* Choose player p's support (size S->size[p]) among its domain at level p, prune, recurse. */
static lia_status level(senum *S, size_t p)
{
    const unsigned char *R = S->dom + p * S->width;
    if (p == S->np) return solve_leaf(S, R);
    unsigned char *next = S->dom + (p + 1) * S->width;
    size_t *list = S->list + S->off[p], *c = S->comb + S->off[p], n = 0, k = S->size[p];
    for (size_t a = 0; a < S->g->ns[p]; a++)
        if (R[S->off[p] + a]) list[n++] = a;
    if (n < k) return LIA_OK;
    for (size_t i = 0; i < k; i++) c[i] = i;
    for (;;) {
        memcpy(next, R, S->width);
        memset(next + S->off[p], 0, S->g->ns[p]);
        for (size_t i = 0; i < k; i++) next[S->off[p] + list[c[i]]] = 1;
        if (irsds(S, next, p + 1)) {
            lia_status st = level(S, p + 1);
            if (st != LIA_OK) return st;
        }
        size_t i = k;   /* next k-subset of the list, in lexicographic order */
        while (i > 0 && c[i - 1] == n - k + i - 1) i--;
        if (i == 0) return LIA_OK;
        c[i - 1]++;
        for (size_t j = i; j < k; j++) c[j] = c[j - 1] + 1;
    }
}

typedef struct size_key { size_t total, spread, index; } size_key;

static int key_cmp(const void *a, const void *b)
{
    const size_key *x = a, *y = b;
    if (x->total != y->total) return x->total < y->total ? -1 : 1;
    if (x->spread != y->spread) return x->spread < y->spread ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The worst-case work the search could take, against the guard. */
static int too_large(const lia_game *g)
{
    if (g->np == 2) {
        double pairs = 1;   /* C(m+n, m), the balanced pairs plus the empty one */
        size_t m = g->ns[0], n = g->ns[1];
        for (size_t i = 1; i <= m; i++) pairs = pairs * (double)(n + i) / (double)i;
        return pairs - 1 > MAX_PAIRS;
    }
    double profiles = 1, dim = 0;
    for (size_t p = 0; p < g->np; p++) {
        profiles *= ldexp(1, g->ns[p] > 1000 ? 1000 : (int)g->ns[p]) - 1;
        dim += (double)(g->ns[p] - 1);
    }
    double per = g->np > 2 ? pow((double)(g->np - 1), dim) : 1;
    return !(profiles * per <= MAX_PATHS);
}

lia_status lia__nash_support(lia_eqset *e, const lia_game *g)
{
    if (too_large(g)) return LIA_ELIMIT;
    size_t np = g->np, width = e->width;
    senum S = { .g = g, .e = e, .np = np, .width = width };
    /* size profiles in PNS order; for two players only the balanced ones (see the top) */
    size_t nsizes = 1, maxk = 0;
    for (size_t p = 0; p < np; p++) {
        nsizes *= g->ns[p];
        if (g->ns[p] > maxk) maxk = g->ns[p];
    }
    if (np == 2) nsizes = g->ns[0] < g->ns[1] ? g->ns[0] : g->ns[1];
    S.off = lia__malloc((np + 1) * sizeof *S.off);
    S.stride = lia__malloc(np * sizeof *S.stride);
    S.size = lia__malloc(np * sizeof *S.size);
    S.dom = lia__malloc((np + 1) * width);
    S.list = lia__malloc(width * sizeof *S.list);
    S.comb = lia__malloc(width * sizeof *S.comb);
    S.k = lia__malloc(np * sizeof *S.k);
    S.sup = lia__malloc(width * sizeof *S.sup);
    S.odo = lia__malloc(np * sizeof *S.odo);
    S.left = lia__malloc(np * sizeof *S.left);
    S.x = lia__malloc(width * sizeof *S.x);
    S.u = lia__malloc(np * sizeof *S.u);
    S.z = lia__malloc((maxk + 1) * sizeof *S.z);
    S.M = lia__malloc((maxk + 1) * (maxk + 1) * sizeof *S.M);
    S.rhs = lia__malloc((maxk + 1) * sizeof *S.rhs);
    S.ipiv = lia__malloc((maxk + 1) * sizeof *S.ipiv);
    S.scale = lia__malloc(np * sizeof *S.scale);
    size_key *keys = lia__malloc(nsizes * sizeof *keys);
    lia_status st = LIA_ENOMEM;
    if (!S.off || !S.stride || !S.size || !S.dom || !S.list || !S.comb || !S.k || !S.sup || !S.odo || !S.left || !S.x ||
        !S.u || !S.z || !S.M || !S.rhs || !S.ipiv || !S.scale || !keys)
        goto done;
    S.off[0] = 0;
    for (size_t p = 0; p < np; p++) {
        S.off[p + 1] = S.off[p] + g->ns[p];
        S.stride[p] = p ? S.stride[p - 1] * g->ns[p - 1] : 1;
        double sc = 0;
        for (size_t i = 0; i < g->nprofiles; i++) sc = fmax(sc, fabs(g->payoffs[p * g->nprofiles + i]));
        S.scale[p] = sc > 0 ? sc : 1;
    }
    for (size_t i = 0; i < nsizes; i++) {
        size_t rest = i, total = 0, lo = (size_t)-1, hi = 0;
        for (size_t p = 0; p < np; p++) {
            size_t kp = np == 2 ? i + 1 : rest % g->ns[p] + 1;
            rest /= g->ns[p];
            total += kp;
            if (kp < lo) lo = kp;
            if (kp > hi) hi = kp;
        }
        keys[i] = (size_key){ total, hi - lo, i };
    }
    qsort(keys, nsizes, sizeof *keys, key_cmp);
    /* level 0: plain iterated strict dominance, valid for every support */
    memset(S.dom, 1, width);
    for (size_t p = 0; p < np; p++) S.size[p] = 1;
    st = LIA_OK;
    if (!irsds(&S, S.dom, 0)) goto done;   /* cannot happen (a best response survives), but harmless */
    for (size_t i = 0; i < nsizes && st == LIA_OK; i++) {
        size_t rest = keys[i].index;
        for (size_t p = 0; p < np; p++) {
            S.size[p] = np == 2 ? keys[i].index + 1 : rest % g->ns[p] + 1;
            rest /= g->ns[p];
        }
        st = level(&S, 0);
    }
done:
    lia__free(S.off);
    lia__free(S.stride);
    lia__free(S.size);
    lia__free(S.dom);
    lia__free(S.list);
    lia__free(S.comb);
    lia__free(S.k);
    lia__free(S.sup);
    lia__free(S.odo);
    lia__free(S.left);
    lia__free(S.x);
    lia__free(S.u);
    lia__free(S.z);
    lia__free(S.M);
    lia__free(S.rhs);
    lia__free(S.ipiv);
    lia__free(S.scale);
    lia__free(keys);
    return st;
}
