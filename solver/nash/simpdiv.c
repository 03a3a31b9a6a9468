/* simpdiv.c — one equilibrium of an n-player game by simplicial subdivision: the variable
 * dimension restart algorithm of van der Laan and Talman (1979, 1982), on the product of the
 * players' strategy simplices with the general integer labelling of van der Laan, Talman and
 * van der Heyden (Math. Oper. Res. 12 (1987) 377-397), then polished on its support and
 * verified.
 *
 * Labelling. z_{j,i}(x) is what player j gains by switching from x_j to its pure strategy i,
 * divided by j's payoff spread (so the players' units do not matter). A point's label is the (j, i) with the largest
 * z over every player and strategy (ties: the first in profile order). Since
 * sum_i x_{j,i} z_{j,i} = 0 for every j, a small simplex whose vertices carry all labels of
 * ONE player is an approximate equilibrium: at its points every z_{j,i} is within the
 * simplex's variation of the overall maximum M, so 0 = sum_i x_{j,i} z_{j,i} >= M - O(mesh),
 * and nobody gains more than O(mesh).
 *
 * Regions. From a starting profile v in the interior, for T = (T_1..T_n), T_j a proper subset
 * of player j's strategies, A(T) is the set of profiles x_j = v_j + sum_{i in T_j}
 * lambda_{j,i} (e_i - v_j), lambda >= 0, sum_i lambda_{j,i} <= 1: moving from v towards the
 * labelled vertices. Written per player in the cumulative coordinates c_{j,i_a} =
 * m (lambda_{i_a} + lambda_{i_{a+1}} + ...) over T_j's strategies in increasing order
 * i_1 < i_2 < ..., A(T) is m >= c_{i_1} >= c_{i_2} >= ... >= 0, which the Freudenthal (Kuhn)
 * triangulation of the integer grid subdivides (every bounding hyperplane is a union of its
 * faces), consistently with the faces lambda_{j,i} = 0 that are the regions A(T \ (j,i)).
 * Mesh 1/m.
 *
 * The path. Start at the 0-simplex {v}, T empty. A t-simplex of A(T) (t = |T|) whose labels
 * are exactly T has one label twice: the vertex carrying it that did not just arrive leaves by
 * the Freudenthal pivot. If the facet left through lies on lambda_{j,i} = 0, (j,i) leaves T
 * and the facet is the new simplex (its vertex labelled (j,i) leaves next). If a new label
 * (j,k) not in T appears, (j,k) joins T and the simplex of A(T + (j,k)) on that facet is the
 * next one; if T_j would then hold every strategy of player j, the simplex is completely
 * labelled for j and the path ends. It also ends at a facet on sum_i lambda_{j,i} = 1 (x_j
 * uses only T_j, all of which are labels near the overall maximum: the same argument). The
 * path visits each simplex at most once and cannot leave the product of simplices, so it
 * ends (degree-one argument); the step budget only bounds the time.
 *
 * Restarts. Each path's end (its simplex's barycentre) is polished: a support read off it at
 * several thresholds, the indifference system of that support solved by Newton (indiff.c,
 * as gnm.c does) and the support corrected active-set fashion, and the result kept if
 * lia__regret_verify passes. Otherwise the next path starts at that end (mixed with 1/(2m)
 * of the centroid so that the start stays interior) on a grid twice as fine, so that near a
 * regular equilibrium each path is short while the approximation improves (a restart that
 * wanders is abandoned for a path from the centroid: see simpdiv()). */
#include "simpdiv.h"
#include "nash.h"
#include "indiff.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#define SD_M0 4                       /* the first grid: mesh 1/4 */
#define SD_M_MAX (1L << 26)           /* the finest grid tried */
#define SD_MAX_LABELS 2000000L        /* labels computed over all paths: the step budget */
#define SD_MAX_WORK 5e9               /* ... and their cost, players^2 x profiles each: about
                                         25 s on one core (measured: 2e10 in 104 s on a random
                                         100 x 100 game, whose first path wanders) */

typedef struct sd {
    const lia_game *g;
    size_t np, N, P;
    size_t *off;                      /* np + 1 offsets of each player's block */
    size_t *owner;                    /* the player of each strategy */
    double *span;                     /* each player's payoff spread (gains are read in it) */
    double *v, *x, *val, *bar, *scale;
    size_t *s;                        /* profile counter */
    unsigned char *in;                /* T, by strategy */
    size_t *tsize;                    /* |T_j| */
    int64_t *y, *c;                   /* the base vertex's and a vertex's coordinates */
    size_t *pi;                       /* the Freudenthal order of the coordinates (t of them) */
    size_t *lab;                      /* the labels of vertices 0..t */
    size_t t;
    int64_t m;
    long labels;                      /* labels computed so far */
    long limit;                       /* ... and the current path's budget for them */
    long budget;                      /* the labels all paths may compute */
} sd;

/* The profile of coordinates c (of the strategies in T) into S->x. */
static void profile_of(sd *S, const int64_t *c)
{
    double m = (double)S->m;
    for (size_t j = 0; j < S->np; j++) {
        int64_t first = -1, prev_c = 0;
        size_t prev = (size_t)-1;
        for (size_t a = S->off[j]; a < S->off[j + 1]; a++) {
            S->x[a] = 0;
            if (!S->in[a]) continue;
            if (first < 0) first = c[a];
            /* lambda of the previous member is its coordinate minus this one's */
            if (prev != (size_t)-1) S->x[prev] = (double)(prev_c - c[a]) / m;
            prev = a;
            prev_c = c[a];
        }
        if (prev != (size_t)-1) S->x[prev] = (double)prev_c / m;
        double rest = first < 0 ? 1 : 1 - (double)first / m;
        for (size_t a = S->off[j]; a < S->off[j + 1]; a++) S->x[a] += rest * S->v[a];
    }
}

/* The label of profile S->x: the strategy, over all players, with the largest normalised gain. */
static size_t label_of(sd *S)
{
    const lia_game *g = S->g;
    size_t np = S->np;
    memset(S->val, 0, S->N * sizeof *S->val);
    memset(S->s, 0, np * sizeof *S->s);
    for (size_t prof = 0; prof < S->P; prof++) {
        for (size_t p = 0; p < np; p++) {
            double w = 1;
            for (size_t q = 0; q < np && w != 0; q++)
                if (q != p) w *= S->x[S->off[q] + S->s[q]];
            if (w != 0) S->val[S->off[p] + S->s[p]] += w * g->payoffs[p * S->P + prof];
        }
        for (size_t p = 0; p < np; p++) {
            if (++S->s[p] < g->ns[p]) break;
            S->s[p] = 0;
        }
    }
    size_t best = 0;
    double bestz = -INFINITY;
    for (size_t p = 0; p < np; p++) {
        double ex = 0;
        for (size_t a = S->off[p]; a < S->off[p + 1]; a++) ex += S->x[a] * S->val[a];
        for (size_t a = S->off[p]; a < S->off[p + 1]; a++) {
            double z = (S->val[a] - ex) / S->span[p];
            if (z > bestz) { bestz = z; best = a; }
        }
    }
    S->labels++;
    return best;
}

/* Vertex k of the current simplex (base plus its first k steps) into S->c. */
static void vertex(sd *S, size_t k)
{
    for (size_t a = 0; a < S->N; a++) S->c[a] = S->in[a] ? S->y[a] : 0;
    for (size_t l = 0; l < k; l++) S->c[S->pi[l]]++;
}

/* Is S->c inside A(T)? (A check on the pivoting rules, which keep every vertex inside.) */
static int inside(const sd *S)
{
    for (size_t j = 0; j < S->np; j++) {
        int64_t prev = S->m;
        for (size_t a = S->off[j]; a < S->off[j + 1]; a++) {
            if (!S->in[a]) continue;
            if (S->c[a] > prev) return 0;
            prev = S->c[a];
        }
        if (prev < 0) return 0;
    }
    return 1;
}

/* The label of vertex k, which must lie inside A(T); (size_t)-1 if it does not. */
static size_t label_vertex(sd *S, size_t k)
{
    vertex(S, k);
    if (!inside(S)) return (size_t)-1;
    profile_of(S, S->c);
    return label_of(S);
}

/* T's member of player j that follows a (or precedes it, dir = -1), or (size_t)-1. */
static size_t neighbour(const sd *S, size_t a, int dir)
{
    size_t j = S->owner[a];
    if (dir > 0) {
        for (size_t b = a + 1; b < S->off[j + 1]; b++)
            if (S->in[b]) return b;
    } else {
        for (size_t b = a; b-- > S->off[j];)
            if (S->in[b]) return b;
    }
    return (size_t)-1;
}

/* The barycentre of the current simplex's vertices, leaving out vertex `skip` (or none, when
 * skip > t), into S->bar. */
static void barycentre(sd *S, size_t skip)
{
    size_t count = 0;
    memset(S->bar, 0, S->N * sizeof *S->bar);
    for (size_t k = 0; k <= S->t; k++) {
        if (k == skip) continue;
        vertex(S, k);
        profile_of(S, S->c);
        for (size_t a = 0; a < S->N; a++) S->bar[a] += S->x[a];
        count++;
    }
    for (size_t a = 0; a < S->N; a++) S->bar[a] /= (double)count;
}

enum { PATH_END, PATH_BUDGET, PATH_BROKEN };

/* The first path's start: every player's uniform mixture. */
static void centroid(sd *S)
{
    for (size_t a = 0; a < S->N; a++) S->v[a] = 1.0 / (double)S->g->ns[S->owner[a]];
}

/* One path on the grid of mesh 1/S->m from S->v; at its end, S->bar holds the approximate
 * equilibrium. */
static int path(sd *S)
{
    size_t N = S->N;
    memset(S->in, 0, N);
    memset(S->tsize, 0, S->np * sizeof *S->tsize);
    S->t = 0;
    memcpy(S->x, S->v, N * sizeof *S->x);
    S->lab[0] = label_of(S);
    size_t newpos = 0;
    for (;;) {
        if (S->labels > S->limit) return PATH_BUDGET;
        size_t L = S->lab[newpos], r = (size_t)-1;
        if (!S->in[L]) {
            /* a new label: it joins T, unless it completes its player's labels */
            size_t j = S->owner[L];
            if (S->tsize[j] + 1 == S->g->ns[j]) {
                barycentre(S, (size_t)-1);
                return PATH_END;
            }
            size_t next = neighbour(S, L, +1), pos = S->t;
            S->y[L] = next == (size_t)-1 ? 0 : S->y[next];
            if (next != (size_t)-1)
                for (pos = 0; S->pi[pos] != next; pos++) {}
            memmove(S->pi + pos + 1, S->pi + pos, (S->t - pos) * sizeof *S->pi);
            S->pi[pos] = L;
            memmove(S->lab + pos + 2, S->lab + pos + 1, (S->t - pos) * sizeof *S->lab);
            S->in[L] = 1;
            S->tsize[j]++;
            S->t++;
            newpos = pos + 1;
            S->lab[newpos] = label_vertex(S, newpos);
            if (S->lab[newpos] == (size_t)-1) return PATH_BROKEN;
            continue;
        }
        for (size_t k = 0; k <= S->t; k++)
            if (k != newpos && S->lab[k] == L) r = k;
        if (r == (size_t)-1) return PATH_BROKEN;
        /* remove vertex r: a region boundary ends the region or the path, else pivot */
        for (;;) {
            size_t t = S->t, drop = (size_t)-1;
            if (r == 0) {
                size_t e = S->pi[0];
                if (neighbour(S, e, -1) == (size_t)-1 && S->y[e] + 1 == S->m) {
                    barycentre(S, 0);   /* the facet on sum lambda_j = 1 */
                    return PATH_END;
                }
                S->y[e]++;
                memmove(S->pi, S->pi + 1, (t - 1) * sizeof *S->pi);
                S->pi[t - 1] = e;
                memmove(S->lab, S->lab + 1, t * sizeof *S->lab);
                newpos = t;
            } else if (r == t) {
                size_t e = S->pi[t - 1];
                if (neighbour(S, e, +1) == (size_t)-1 && S->y[e] == 0) drop = e;
                else {
                    S->y[e]--;
                    memmove(S->pi + 1, S->pi, (t - 1) * sizeof *S->pi);
                    S->pi[0] = e;
                    memmove(S->lab + 1, S->lab, t * sizeof *S->lab);
                    newpos = 0;
                }
            } else {
                size_t e = S->pi[r - 1], f = S->pi[r];
                if (neighbour(S, e, +1) == f && S->y[e] == S->y[f]) drop = e;
                else {
                    S->pi[r - 1] = f;
                    S->pi[r] = e;
                    newpos = r;
                }
            }
            if (drop == (size_t)-1) break;
            /* the facet lies on lambda_drop = 0: continue in A(T - drop) from that facet,
             * whose vertex labelled `drop` leaves next */
            memmove(S->pi + r - 1, S->pi + r, (t - r) * sizeof *S->pi);
            memmove(S->lab + r, S->lab + r + 1, (t - r) * sizeof *S->lab);
            S->in[drop] = 0;
            S->tsize[S->owner[drop]]--;
            S->t--;
            r = (size_t)-1;
            for (size_t k = 0; k <= S->t; k++)
                if (S->lab[k] == drop) r = k;
            if (r == (size_t)-1) return PATH_BROKEN;
        }
        S->lab[newpos] = label_vertex(S, newpos);
        if (S->lab[newpos] == (size_t)-1) return PATH_BROKEN;
    }
}

/* Solve the indifference system of the support sup_in from S->bar into prof (normalised):
 * 1 if Newton (or, for a singular system, least-norm Newton) converged, 0 if not, -1 if out
 * of memory. */
static int solve_support(sd *S, const unsigned char *sup_in, size_t *k, size_t *sup, double *z, double *prof)
{
    size_t at = 0;
    for (size_t j = 0; j < S->np; j++) {
        k[j] = 0;
        for (size_t a = S->off[j]; a < S->off[j + 1]; a++)
            if (sup_in[a]) sup[at + k[j]++] = a - S->off[j];
        at += k[j];
    }
    lia_indiff sys;
    if (lia__indiff_init(&sys, S->g, k, sup, S->scale) != LIA_OK) return -1;
    int r = 1;
    lia__indiff_unknowns(&sys, S->bar, z);
    if (!lia__indiff_newton(&sys, z, 50)) {
        /* a singular system (a continuum of equilibria through here): the least-norm Newton
         * finds a solution near the approximation */
        lia__indiff_unknowns(&sys, S->bar, z);
        r = lia__indiff_newton_minnorm(&sys, z, 50);
    }
    if (r == 1) lia__indiff_profile(&sys, z, prof);
    lia__indiff_free(&sys);
    return r;
}

/* Polish S->bar, starting on the support {x > tau} (each player's likeliest strategy at
 * least), and add the result if it passes the regret check (*done = 1 then). The support is
 * corrected as in an active-set method: a strategy the solution gives a negative probability
 * leaves it, and if the solution fails the check, the strategy that gains most against it
 * joins (a coarse grid's approximation often misses a strategy played with small weight).
 * `last` remembers the starting support tried before so that equal ones are solved once. */
static lia_status polish(sd *S, lia_eqset *e, double tau, unsigned char *last, int *done)
{
    const lia_game *g = S->g;
    size_t np = S->np, N = S->N;
    unsigned char *sup_in = last + N;
    for (size_t j = 0; j < np; j++) {
        size_t top = S->off[j];
        for (size_t a = S->off[j]; a < S->off[j + 1]; a++) {
            sup_in[a] = S->bar[a] > tau;
            if (S->bar[a] > S->bar[top]) top = a;
        }
        sup_in[top] = 1;
    }
    if (memcmp(sup_in, last, N) == 0) return LIA_OK;
    memcpy(last, sup_in, N);
    size_t *k = lia__malloc(np * sizeof *k), *sup = lia__malloc(N * sizeof *sup);
    double *z = lia__malloc((N ? N : 1) * sizeof *z), *prof = lia__malloc(N * sizeof *prof);
    double *pay = lia__malloc(np * sizeof *pay);
    lia_status st = LIA_ENOMEM;
    if (!k || !sup || !z || !prof || !pay) goto out;
    st = LIA_OK;
    for (size_t round = 0; round < 2 * N + 2; round++) {
        int r = solve_support(S, sup_in, k, sup, z, prof);
        if (r < 0) { st = LIA_ENOMEM; goto out; }
        if (r == 0) goto out;   /* nothing to add */
        size_t worst = (size_t)-1;
        for (size_t a = 0; a < N; a++) {
            if (!isfinite(prof[a])) goto out;
            if (prof[a] < -1e-9 && (worst == (size_t)-1 || prof[a] < prof[worst])) worst = a;
        }
        if (worst != (size_t)-1) {
            if (k[S->owner[worst]] == 1) goto out;
            sup_in[worst] = 0;
            continue;
        }
        for (size_t j = 0; j < np; j++) {
            double sum = 0;
            for (size_t a = S->off[j]; a < S->off[j + 1]; a++) {
                if (prof[a] < 0) prof[a] = 0;
                sum += prof[a];
            }
            if (!(sum > 0)) goto out;
            for (size_t a = S->off[j]; a < S->off[j + 1]; a++) prof[a] /= sum;
        }
        double regret;
        int pass = 0;
        st = lia__regret_verify(g, prof, &regret, &pass);
        if (st == LIA_EUSAGE) st = LIA_OK, pass = 0;
        if (st != LIA_OK) goto out;
        if (pass) {
            st = lia_game_expected_payoffs(g, prof, pay);
            if (st != LIA_OK) goto out;
            if (!lia__eqset_add(e, prof, pay, regret)) { st = LIA_ENOMEM; goto out; }
            *done = 1;
            goto out;
        }
        memcpy(S->x, prof, N * sizeof *S->x);
        size_t best = label_of(S);   /* the largest gain: outside the support, where all are 0 */
        if (sup_in[best]) goto out;
        sup_in[best] = 1;
    }
out:
    lia__free(k);
    lia__free(sup);
    lia__free(z);
    lia__free(prof);
    lia__free(pay);
    return st;
}

/* The bytes the method holds at most besides the game: its arrays (a few per strategy), and
 * the polishing system: its table of payoff differences (at most one entry per payoff) and its
 * Jacobians (complex and real, and the least-norm step's workspace: about 40 bytes per pair of
 * strategies). */
static double working_bytes(const lia_game *g, size_t N)
{
    double np = (double)g->np, n = (double)N;
    return 8 * (6 * np + 8 * n + 2) + 2 * n + 8 * np * (double)g->nprofiles + 40 * n * n;
}

lia_status lia__nash_simpdiv_needed(const lia_game *g, double *bytes)
{
    size_t N = 0;
    for (size_t p = 0; p < g->np; p++) N += g->ns[p];
    *bytes = working_bytes(g, N);
    return LIA_OK;
}

/* The restarts on grids of mesh 1/4, 1/8, ... up to 1/m_last. With e, each path's end is
 * polished and the first verified equilibrium added (the run stops there); without, the last
 * path's end is left in approx. The labels computed are counted into *labels if not NULL. */
static lia_status simpdiv(const lia_game *g, lia_eqset *e, int64_t m_last, double *approx, long *labels)
{
    size_t np = g->np, N = 0, P = g->nprofiles;
    for (size_t p = 0; p < np; p++) N += g->ns[p];
    sd S = { .g = g, .np = np, .N = N, .P = P };
    S.off = lia__malloc((np + 1) * sizeof *S.off);
    S.owner = lia__malloc(N * sizeof *S.owner);
    S.span = lia__malloc(np * sizeof *S.span);
    S.scale = lia__malloc(np * sizeof *S.scale);
    S.s = lia__malloc(np * sizeof *S.s);
    S.tsize = lia__malloc(np * sizeof *S.tsize);
    S.v = lia__malloc(N * sizeof *S.v);
    S.x = lia__malloc(N * sizeof *S.x);
    S.val = lia__malloc(N * sizeof *S.val);
    S.bar = lia__malloc(N * sizeof *S.bar);
    S.y = lia__calloc(N, sizeof *S.y);
    S.c = lia__malloc(N * sizeof *S.c);
    S.pi = lia__malloc(N * sizeof *S.pi);
    S.lab = lia__malloc((N + 1) * sizeof *S.lab);
    S.in = lia__malloc(N);
    unsigned char *last = lia__calloc(2 * N, 1);
    lia_status st = LIA_ENOMEM;
    int done = 0, why = PATH_END, restarts = 1;
    if (!S.off || !S.owner || !S.span || !S.scale || !S.s || !S.tsize || !S.v || !S.x || !S.val ||
        !S.bar || !S.y || !S.c || !S.pi || !S.lab || !S.in || !last)
        goto out;
    S.off[0] = 0;
    for (size_t p = 0; p < np; p++) {
        S.off[p + 1] = S.off[p] + g->ns[p];
        for (size_t a = S.off[p]; a < S.off[p + 1]; a++) S.owner[a] = p;
        /* gains are compared across players, so each player's are read on its own payoff
         * spread: the labels do not depend on the players' units */
        double lo = INFINITY, hi = -INFINITY, big = 0;
        for (size_t i = 0; i < P; i++) {
            double u = g->payoffs[p * P + i];
            lo = fmin(lo, u);
            hi = fmax(hi, u);
            big = fmax(big, fabs(u));
        }
        S.span[p] = hi > lo ? hi - lo : 1;
        S.scale[p] = big > 0 ? big : 1;
    }
    centroid(&S);
    double per_label = (double)np * (double)np * (double)P;
    S.budget = SD_MAX_WORK / per_label < (double)SD_MAX_LABELS ? (long)(SD_MAX_WORK / per_label) : SD_MAX_LABELS;
    st = LIA_OK;
    for (S.m = SD_M0; S.m <= m_last && !done; S.m *= 2) {
        /* a restart's path normally costs about twice the one before (the grid is twice as
         * fine); where the approximations converge slowly (equilibria near a degenerate
         * game) a restart can instead explore a region whose volume grows with the power of
         * the dimension, and the path from the centroid is cheaper: it takes over when the
         * restart has spent four times everything before it, and for the later grids too */
        S.limit = S.budget;
        if (restarts && S.m > SD_M0 && 5 * S.labels + 10000 < S.budget) S.limit = 5 * S.labels + 10000;
        why = path(&S);
        if (why == PATH_BUDGET && S.limit < S.budget) {
            restarts = 0;
            centroid(&S);
            S.limit = S.budget;
            why = path(&S);
        }
        if (why != PATH_END) break;
        if (e) {
            /* supports read off at thresholds from coarse to fine: the first that verifies */
            static const double taus[] = { 0.25, 0.1, 0.03, 0.01, 3e-3, 1e-3, 1e-4, 1e-5, 1e-6 };
            memset(last, 0, N);
            for (size_t k = 0; k < sizeof taus / sizeof taus[0] && !done && st == LIA_OK; k++)
                st = polish(&S, e, taus[k], last, &done);
            if (st != LIA_OK) goto out;
        } else {
            memcpy(approx, S.bar, N * sizeof *approx);
        }
        /* restart from the path's end, kept interior by 1/(2m) of the centroid */
        double th = 1.0 / (2.0 * (double)S.m);
        if (restarts)
            for (size_t a = 0; a < N; a++) S.v[a] = (1 - th) * S.bar[a] + th / (double)g->ns[S.owner[a]];
    }
    if (labels) *labels = S.labels;
    if (!done && (e || why != PATH_END)) {
        if (why == PATH_BROKEN)
            st = lia__errmsg_default(LIA_EINTERNAL, "simplicial subdivision on '%s' left its region on the grid of "
                                     "mesh 1/%lld (a bug); nothing unverified is reported: use the gnm method",
                                     g->name, (long long)S.m);
        else if (why == PATH_BUDGET)
            st = lia__errmsg_default(LIA_ELIMIT, "simplicial subdivision on '%s' used its budget of %ld labelled "
                                     "points (%.0e payoff terms) on the grid of mesh 1/%lld without an equilibrium "
                                     "that passes the regret check; nothing unverified is reported: use the %s "
                                     "method", g->name, S.budget, SD_MAX_WORK, (long long)S.m, np == 2 ? "lh" : "gnm");
        else
            st = lia__errmsg_default(LIA_ELIMIT, "simplicial subdivision on '%s' refined its grid to mesh 1/%ld "
                                     "without a point whose polished support passes the regret check; nothing "
                                     "unverified is reported: use the %s method", g->name, SD_M_MAX,
                                     np == 2 ? "lh" : "gnm");
    }
out:
    lia__free(S.off);
    lia__free(S.owner);
    lia__free(S.span);
    lia__free(S.scale);
    lia__free(S.s);
    lia__free(S.tsize);
    lia__free(S.v);
    lia__free(S.x);
    lia__free(S.val);
    lia__free(S.bar);
    lia__free(S.y);
    lia__free(S.c);
    lia__free(S.pi);
    lia__free(S.lab);
    lia__free(S.in);
    lia__free(last);
    return st;
}

lia_status lia__nash_simpdiv(lia_eqset *e, const lia_game *g, size_t cap)
{
    if (working_bytes(g, e->width) > (double)cap) return LIA_ELIMIT;
    return simpdiv(g, e, SD_M_MAX, NULL, NULL);
}

lia_status lia__simpdiv_approx(const lia_game *g, long m_last, double *x, long *labels)
{
    if (m_last < SD_M0 || m_last > SD_M_MAX) return LIA_EUSAGE;
    return simpdiv(g, NULL, m_last, x, labels);
}
