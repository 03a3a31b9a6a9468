/* gnm.c — one equilibrium of an n-player game by the global Newton method of Govindan &
 * Wilson (2003), polished on its support.
 *
 * The Kohlberg-Mertens structure theorem writes the equilibria of every game G + lambda*g
 * (g a fixed bonus vector on the pure strategies) at once: with r(z) the Euclidean
 * projection of each player's block of z onto its simplex and V(sigma) the payoff of each
 * pure strategy against sigma,
 *     H(z, lambda) = z - r(z) - V(r(z)) - lambda * g = 0
 * holds exactly when sigma = r(z) is an equilibrium of G + lambda*g (then z - sigma is each
 * strategy's payoff V + lambda*g, and the projection makes that equal to the player's
 * threshold v on the support and at most v outside: the equilibrium conditions). When lambda
 * is large, g's favourite strategy is strictly dominant for each player, so the solution there
 * is unique. For a generic g the solutions form curves (and perhaps closed loops); the one
 * leaving that unique solution is no loop and cannot return to large lambda, so it runs to
 * lambda = -infinity and crosses lambda = 0 on the way, at an equilibrium of G.
 * The curve is smooth between support changes. Each smooth piece is followed with its support
 * pattern held fixed (so r is affine there and H a polynomial) by pseudo-arclength
 * predictor-corrector steps; a step that would change the support is cut back to land exactly
 * on the boundary, the pattern is switched and the new piece's tangent is oriented into the
 * new region (the curve passes through such boundaries). The first crossing of lambda = 0 is
 * solved for exactly, then refined by Newton on the indifference system of its support
 * (indiff.c, the solver support enumeration uses) and re-verified by lia__regret_verify.
 *
 * Why this rather than simplicial subdivision: both are globally convergent, but a
 * simplicial method reaches accuracy 1/m only on a grid of mesh 1/m, at a number of pivots
 * that grows with m and with the dimension, and still needs the same polishing; the global
 * Newton path lives in the continuous space, so its endpoint is already accurate to
 * rounding, and its cost per step is one payoff-Jacobian evaluation and one small solve. */
#include "nash.h"
#include "indiff.h"
#include "small_solve.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

enum {
    MAX_ITER = 100000,     /* predictor-corrector iterations per ray, accepted or not */
    CORRECTOR_ITERS = 6,
    RAYS = 4,              /* rays tried before giving up */
    CYCLE = 16             /* support changes remembered to detect a cycle */
};
#define H_START 0.05
#define H_MAX 0.5
#define H_MIN 1e-12
#define KINK_H 1e-6        /* steps this short skip the turn and hidden-crossing tests: a curve
                              that bends this sharply has to be followed anyway */

typedef struct gnm {
    const lia_game *g;
    size_t np, N, P;
    size_t *off;           /* np + 1 offsets of each player's block */
    double *u;             /* each player's payoffs mapped affinely onto [0, 1] */
    double *ray;           /* g, N entries */
    double *sigma, *V, *M; /* r(z); V(sigma); I + dV/dsigma (N x N, column-major) */
    unsigned char *in;     /* the current piece's support pattern */
    size_t *bsize;         /* support size per player */
    double *A, *b;         /* (N+1) x (N+1) system, column-major, and its right-hand side */
    double *H;             /* N */
    double *w, *w1, *t, *t1, *wp, *phi, *phi0, *e_lambda, *mean;
    size_t *s;
    double *pre, *suf;
    lia_lapack_int *ipiv;
    uint64_t rng;
} gnm;

static double uniform(uint64_t *st)
{
    uint64_t x = (*st += 0x9E3779B97F4A7C15ull);   /* splitmix64 */
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    return (double)(x >> 11) * 0x1.0p-53;
}

static double norm(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, fabs(v[i]));
    return m;
}

/* On the current support pattern (in, bsize): v_p = (sum of z over the support - 1) / size,
 * phi = z - v for every strategy (positive exactly on the support inside the region) and
 * sigma = phi on the support, 0 elsewhere. Outside the region this is the smooth extension
 * of the piece, so corrector steps may overshoot a boundary slightly. */
static void project(gnm *G, const double *z)
{
    for (size_t p = 0; p < G->np; p++) {
        double sum = 0;
        for (size_t a = G->off[p]; a < G->off[p + 1]; a++)
            if (G->in[a]) sum += z[a];
        double v = (sum - 1) / (double)G->bsize[p];
        for (size_t a = G->off[p]; a < G->off[p + 1]; a++) {
            G->phi[a] = z[a] - v;
            G->sigma[a] = G->in[a] ? G->phi[a] : 0;
        }
    }
}

/* Player owning strategy index c. */
static size_t player_of(const gnm *G, size_t c)
{
    size_t p = 0;
    while (G->off[p + 1] <= c) p++;
    return p;
}

/* The derivative of phi_c along direction t, on the current pattern. */
static double phi_slope(const gnm *G, size_t c, const double *t)
{
    size_t p = player_of(G, c);
    double sum = 0;
    for (size_t a = G->off[p]; a < G->off[p + 1]; a++)
        if (G->in[a]) sum += t[a];
    return t[c] - sum / (double)G->bsize[p];
}

/* V(sigma) and M = I + dV/dsigma: one pass over the profiles with prefix and suffix
 * products, so every product "all others but i and j" costs O(1). */
static void values(gnm *G)
{
    size_t np = G->np, N = G->N;
    memset(G->V, 0, N * sizeof *G->V);
    memset(G->M, 0, N * N * sizeof *G->M);
    memset(G->s, 0, np * sizeof *G->s);
    for (size_t prof = 0; prof < G->P; prof++) {
        for (size_t i = 0; i < np; i++) {
            G->pre[0] = 1;
            for (size_t q = 0; q < np; q++) G->pre[q + 1] = G->pre[q] * (q == i ? 1 : G->sigma[G->off[q] + G->s[q]]);
            G->suf[np] = 1;
            for (size_t q = np; q-- > 0;) G->suf[q] = G->suf[q + 1] * (q == i ? 1 : G->sigma[G->off[q] + G->s[q]]);
            double ui = G->u[i * G->P + prof];
            size_t row = G->off[i] + G->s[i];
            G->V[row] += ui * G->pre[np];
            for (size_t j = 0; j < np; j++)
                if (j != i) G->M[row + (G->off[j] + G->s[j]) * N] += ui * G->pre[j] * G->suf[j + 1];
        }
        for (size_t q = 0; q < np; q++) {
            if (++G->s[q] < G->off[q + 1] - G->off[q]) break;
            G->s[q] = 0;
        }
    }
    for (size_t i = 0; i < N; i++) G->M[i + i * N] += 1;
}

/* H at w into G->H; with the Jacobian, rows 0..N-1 of G->A become [dH/dz | -g]. */
static void evaluate(gnm *G, const double *w, int jacobian)
{
    size_t N = G->N, n1 = N + 1;
    project(G, w);
    values(G);
    for (size_t i = 0; i < N; i++) G->H[i] = w[i] - G->sigma[i] - G->V[i] - w[N] * G->ray[i];
    if (!jacobian) return;
    /* dr/dz is, per player, the projection onto the support's sum-zero directions: column
     * (p, t) of M * dr/dz is M[:, t] - mean over the support of M[:, t'] for t in it, 0 outside */
    for (size_t p = 0; p < G->np; p++) {
        double *mean = G->mean;
        for (size_t r = 0; r < N; r++) mean[r] = 0;
        for (size_t c = G->off[p]; c < G->off[p + 1]; c++)
            if (G->in[c])
                for (size_t r = 0; r < N; r++) mean[r] += G->M[r + c * N] / (double)G->bsize[p];
        for (size_t c = G->off[p]; c < G->off[p + 1]; c++) {
            double *col = G->A + c * n1;
            for (size_t r = 0; r < N; r++) col[r] = r == c ? 1 : 0;
            if (!G->in[c]) continue;
            for (size_t r = 0; r < N; r++) col[r] -= G->M[r + c * N] - mean[r];
        }
    }
    for (size_t r = 0; r < N; r++) G->A[r + N * n1] = -G->ray[r];
}

/* The unit tangent at w with t . ref > 0 (solving [DH; ref] t = e_N); 0 if singular. It
 * returns the orientation too: the sign of det [DH; t], which equals that of det [DH; ref]
 * (ref's part along t is positive, the rest lies in DH's row space) and so comes out of the
 * LU factors. Along a regular curve this sign never changes, across support changes included
 * (H is continuous there), so a change means the corrector jumped to another branch. */
static int tangent(gnm *G, const double *w, const double *ref, double *t, int *orient)
{
    size_t N = G->N, n1 = N + 1;
    evaluate(G, w, 1);
    for (size_t c = 0; c < n1; c++) G->A[N + c * n1] = ref[c];
    memset(G->b, 0, n1 * sizeof *G->b);
    G->b[N] = 1;
    if (!lia_small_dsolve(n1, G->A, G->b, G->ipiv)) return 0;
    int sign = 1;
    for (size_t i = 0; i < n1; i++) {
        if (G->A[i + i * n1] < 0) sign = -sign;
        if (G->ipiv[i] != (lia_lapack_int)(i + 1)) sign = -sign;
    }
    *orient = sign;
    double len = 0;
    for (size_t i = 0; i < n1; i++) len += G->b[i] * G->b[i];
    len = sqrt(len);
    if (!(len > 0) || !isfinite(len)) return 0;
    for (size_t i = 0; i < n1; i++) t[i] = G->b[i] / len;
    return 1;
}

/* Newton from G->w1 on H = 0 plus one affine side condition row . w + c = 0 (row NULL: the
 * event row of strategy `ev`, phi_ev = 0). 1 if converged; first_max bounds the first
 * correction, since a long one means the step left the path. */
static int correct(gnm *G, const double *row, double c, size_t ev, double first_max)
{
    size_t N = G->N, n1 = N + 1;
    double last = INFINITY;
    for (int it = 0; it < CORRECTOR_ITERS; it++) {
        evaluate(G, G->w1, 1);
        double side;
        if (row) {
            side = c;
            for (size_t k = 0; k < n1; k++) {
                G->A[N + k * n1] = row[k];
                side += row[k] * G->w1[k];
            }
        } else {
            size_t p = player_of(G, ev);
            for (size_t k = 0; k < n1; k++) G->A[N + k * n1] = 0;
            for (size_t a = G->off[p]; a < G->off[p + 1]; a++)
                if (G->in[a]) G->A[N + a * n1] -= 1.0 / (double)G->bsize[p];
            G->A[N + ev * n1] += 1;
            side = G->phi[ev];
        }
        for (size_t i = 0; i < N; i++) G->b[i] = -G->H[i];
        G->b[N] = -side;
        if (!lia_small_dsolve(n1, G->A, G->b, G->ipiv)) return 0;
        double step = norm(G->b, n1);
        if (!isfinite(step)) return 0;
        for (size_t i = 0; i < n1; i++) G->w1[i] += G->b[i];
        if (step <= 1e-12 * (1 + norm(G->w1, n1))) return 1;
        if ((it == 0 && step > first_max) || step > 0.5 * last) return 0;
        last = step;
    }
    return 0;
}

/* Polish sigma on its support and keep whichever of the two has the smaller regret, if it
 * passes. *done = 1 when an equilibrium was added. */
static lia_status report(gnm *G, lia_eqset *e, int *done)
{
    const lia_game *g = G->g;
    size_t np = G->np, N = G->N;
    double *x = lia__malloc(2 * N * sizeof *x), *pay = lia__malloc(np * sizeof *pay), *z = NULL;
    double *scale = lia__malloc(np * sizeof *scale);
    size_t *k = lia__malloc(np * sizeof *k), *sup = lia__malloc(N * sizeof *sup);
    lia_status st = LIA_ENOMEM;
    lia_indiff sys;
    int have_sys = 0;
    if (!x || !pay || !scale || !k || !sup) goto done;
    for (size_t p = 0; p < np; p++) {
        scale[p] = 0;
        for (size_t i = 0; i < G->P; i++) scale[p] = fmax(scale[p], fabs(g->payoffs[p * G->P + i]));
    }
    double *polished = x + N;
    memcpy(x, G->sigma, N * sizeof *x);
    size_t at = 0;
    for (size_t p = 0; p < np; p++) {
        k[p] = 0;
        for (size_t a = G->off[p]; a < G->off[p + 1]; a++)
            if (G->in[a]) { sup[at + k[p]++] = a - G->off[p]; }
        at += k[p];
    }
    st = lia__indiff_init(&sys, g, k, sup, scale);
    if (st != LIA_OK) goto done;
    have_sys = 1;
    z = lia__malloc((sys.d ? sys.d : 1) * sizeof *z);
    if (!z) { st = LIA_ENOMEM; goto done; }
    lia__indiff_unknowns(&sys, x, z);
    lia__indiff_newton(&sys, z, 30);
    lia__indiff_profile(&sys, z, polished);
    int polished_ok = 1;
    for (size_t p = 0; p < np && polished_ok; p++) {
        double sum = 0;
        for (size_t a = G->off[p]; a < G->off[p + 1]; a++) {
            if (!isfinite(polished[a]) || polished[a] < -1e-9) polished_ok = 0;
            if (polished[a] < 0) polished[a] = 0;
            sum += polished[a];
        }
        if (!(sum > 0)) polished_ok = 0;
        else
            for (size_t a = G->off[p]; a < G->off[p + 1]; a++) polished[a] /= sum;
    }
    double r_raw = INFINITY, r_pol = INFINITY;
    int pass_raw = 0, pass_pol = 0;
    st = lia__regret_verify(g, x, &r_raw, &pass_raw);
    if (st == LIA_EUSAGE) { st = LIA_OK; pass_raw = 0; }
    if (st == LIA_OK && polished_ok) {
        st = lia__regret_verify(g, polished, &r_pol, &pass_pol);
        if (st == LIA_EUSAGE) { st = LIA_OK; pass_pol = 0; }
    }
    if (st != LIA_OK) goto done;
    if (!pass_raw && !pass_pol) goto done;   /* not good enough: the caller follows the path further */
    int pol = pass_pol && (!pass_raw || r_pol <= r_raw);
    const double *best = pol ? polished : x;
    double r = pol ? r_pol : r_raw;
    st = lia_game_expected_payoffs(g, best, pay);
    if (st != LIA_OK) goto done;
    if (!lia__eqset_add(e, best, pay, r)) { st = LIA_ENOMEM; goto done; }
    *done = 1;
done:
    if (have_sys) lia__indiff_free(&sys);
    lia__free(z);
    lia__free(x);
    lia__free(pay);
    lia__free(scale);
    lia__free(k);
    lia__free(sup);
    return st;
}

/* At the crossing of lambda = 0 between G->wp (lambda > 0) and G->w (lambda <= 0), both on
 * the current pattern: solve H(z, 0) = 0 there and report; if that Newton fails (H(., 0) is
 * singular where a degenerate game has a continuum of equilibria) or its point does not pass,
 * try the end of the step nearer to lambda = 0 instead. */
static lia_status crossing(gnm *G, lia_eqset *e, int *done)
{
    size_t N = G->N, n1 = N + 1;
    double th = G->wp[N] / (G->wp[N] - G->w[N]);
    const double *near = fabs(G->wp[N]) < fabs(G->w[N]) ? G->wp : G->w;
    for (int attempt = 0; attempt < 2 && !*done; attempt++) {
        if (attempt == 0) {
            for (size_t i = 0; i < n1; i++) G->w1[i] = G->wp[i] + th * (G->w[i] - G->wp[i]);
            G->w1[N] = 0;
            G->e_lambda[N] = 1;
            if (!correct(G, G->e_lambda, 0, 0, INFINITY)) continue;
        } else {
            memcpy(G->w1, near, n1 * sizeof *G->w1);
        }
        evaluate(G, G->w1, 0);
        /* rounding can leave a supported probability a hair below 0: clear it */
        for (size_t p = 0; p < G->np; p++) {
            double sum = 0;
            for (size_t a = G->off[p]; a < G->off[p + 1]; a++) {
                if (G->sigma[a] < 0) G->sigma[a] = 0;
                sum += G->sigma[a];
            }
            for (size_t a = G->off[p]; a < G->off[p + 1] && sum > 0; a++) G->sigma[a] /= sum;
        }
        lia_status st = report(G, e, done);
        if (st != LIA_OK) return st;
    }
    return LIA_OK;
}

/* Does phi at the point last projected leave the pattern's region (beyond rounding)? Returns
 * the earliest violating strategy by linear interpolation from phi0, or (size_t)-1. */
static size_t first_event(const gnm *G, double *frac)
{
    size_t ev = (size_t)-1;
    *frac = INFINITY;
    for (size_t c = 0; c < G->N; c++) {
        double a = G->phi0[c], b = G->phi[c];
        int out = G->in[c] ? b < -1e-13 : b > 1e-13;
        if (!out) continue;
        double f = a != b ? a / (a - b) : 0;
        if (f < 0) f = 0;
        if (f < *frac) { *frac = f; ev = c; }
    }
    return ev;
}

/* After a step from w (tangent t, phi0) to w1 (tangent t1) with no boundary crossed at its
 * ends: could some phi have crossed zero and come back in between? Each phi is fitted by the
 * cubic with its values and slopes at both ends, and the step is refused if the cubic's
 * extreme point inside it lies across the boundary (a missed pair of support changes would
 * put the tracker on a piece of curve that is no solution). */
static int hidden_crossing(gnm *G)
{
    size_t N = G->N, n1 = N + 1;
    double L = 0;
    for (size_t i = 0; i < n1; i++) L += (G->w1[i] - G->w[i]) * (G->w1[i] - G->w[i]);
    L = sqrt(L);
    if (!(L > 0)) return 0;
    project(G, G->w1);
    for (size_t c = 0; c < N; c++) {
        double f0 = G->phi0[c], f1 = G->phi[c];
        double s0 = phi_slope(G, c, G->t) * L, s1 = phi_slope(G, c, G->t1) * L;
        double sign = G->in[c] ? 1 : -1;   /* the region's side: phi > 0 on the support */
        f0 *= sign; f1 *= sign; s0 *= sign; s1 *= sign;
        if (!(s0 < 0 && s1 > 0)) continue;  /* no dip towards the boundary inside the step */
        /* Hermite cubic on [0, 1]: sample it finely enough to find the dip */
        for (int k = 1; k < 16; k++) {
            double u = k / 16.0, u2 = u * u, u3 = u2 * u;
            double f = (2 * u3 - 3 * u2 + 1) * f0 + (u3 - 2 * u2 + u) * s0 + (-2 * u3 + 3 * u2) * f1 + (u3 - u2) * s1;
            if (f < 0) return 1;
        }
    }
    return 0;
}

/* The ray of one attempt: a bonus of 1 on one strategy per player (a different one each
 * attempt), and bonuses below 0.01 elsewhere, pseudo-random so that the path is generic even
 * in games with ties, and small because larger ones lengthen the path (measured: several
 * times more support changes with 0.5 on random 50 x 50 games). Each player's support starts
 * at its favoured strategy s*. Returns lambda0, where the path starts: s* is strictly
 * dominant once lambda exceeds 1 / (its bonus minus the runner-up's). */
static double choose_ray(gnm *G, size_t attempt)
{
    double lambda0 = 0;
    memset(G->in, 0, G->N);
    for (size_t p = 0; p < G->np; p++) {
        size_t n = G->off[p + 1] - G->off[p], star = attempt % n;
        double second = 0;
        for (size_t a = 0; a < n; a++) {
            double v = a == star ? 1.0 : 0.01 * uniform(&G->rng);
            G->ray[G->off[p] + a] = v;
            if (a != star) second = fmax(second, v);
        }
        G->in[G->off[p] + star] = 1;
        G->bsize[p] = 1;
        lambda0 = fmax(lambda0, 1 / (1 - second));
    }
    return lambda0 + 1;   /* payoffs span [0, 1]: any gain from deviating is below 1 */
}

/* Below the returned lambda the strategy with the smallest bonus is strictly dominant for
 * everyone (the penalty -lambda*g outweighs any payoff difference), so the curve has no more
 * crossings of 0 to offer: it runs straight to -infinity and the ray can stop there. */
static double dominance_end(const gnm *G)
{
    double lambda_end = 0;   /* every player's threshold must be passed: the lowest counts */
    for (size_t p = 0; p < G->np; p++) {
        size_t n = G->off[p + 1] - G->off[p];
        if (n < 2) continue;
        double lo1 = INFINITY, lo2 = INFINITY;
        for (size_t a = G->off[p]; a < G->off[p + 1]; a++) {
            double v = G->ray[a];
            if (v < lo1) { lo2 = lo1; lo1 = v; }
            else if (v < lo2) lo2 = v;
        }
        lambda_end = fmin(lambda_end, lo2 > lo1 ? -(1 + 1 / (lo2 - lo1)) : -INFINITY);
    }
    return lambda_end;
}

/* The path's first point, the pure profile of the favoured strategies at lambda0, into G->w
 * and its tangent (leaving with lambda decreasing) into G->t; 0 if the tangent is singular. */
static int start_point(gnm *G, double lambda0, int *orient)
{
    size_t N = G->N, n1 = N + 1;
    for (size_t i = 0; i < N; i++) G->sigma[i] = G->in[i];
    values(G);
    for (size_t i = 0; i < N; i++) G->w[i] = G->sigma[i] + G->V[i] + lambda0 * G->ray[i];
    G->w[N] = lambda0;
    for (size_t i = 0; i < n1; i++) G->t1[i] = i == N ? -1 : 0;
    return tangent(G, G->w, G->t1, G->t, orient);
}

/* The corrected step G->w1 left the pattern's region at strategy *ev (fraction frac of the
 * step): land on the earliest boundary instead (phi_ev = 0), making sure no other boundary
 * was crossed on the way. Returns 0 if the landing fails and the step must be shortened. */
static int land_on_boundary(gnm *G, size_t *ev, double frac, size_t last_ev)
{
    size_t n1 = G->N + 1;
    int ok = 1;
    double reach = 0;   /* the landing point must lie within the step just taken */
    for (size_t i = 0; i < n1; i++) reach = fmax(reach, fabs(G->w1[i] - G->w[i]));
    for (int tries = 0; *ev != (size_t)-1 && tries < 8 && ok; tries++) {
        for (size_t i = 0; i < n1; i++) G->w1[i] = G->w[i] + frac * (G->w1[i] - G->w[i]);
        ok = correct(G, NULL, 0, *ev, INFINITY);
        double moved = 0;
        for (size_t i = 0; ok && i < n1; i++) moved = fmax(moved, fabs(G->w1[i] - G->w[i]));
        if (!ok || moved > 1.5 * reach + 1e-12) { ok = 0; break; }
        /* the strategy just switched, back at once: on a curved piece a long step's
         * corrector can bend back across the boundary it left; a shorter step follows
         * the tangent, which leads into the new region */
        if (*ev == last_ev && moved <= 1e-9 * (1 + norm(G->w, n1))) { ok = 0; break; }
        project(G, G->w1);
        double f2;
        size_t other = first_event(G, &f2);
        if (other == (size_t)-1 || other == *ev) break;
        /* another boundary came first: land on that one instead; if the two keep
         * trading places the step is too long for interpolation, so it is halved */
        if (tries == 7) ok = 0;
        *ev = other;
        frac = f2;
    }
    return ok;
}

/* One predictor-corrector step of length h from G->w along G->t to G->w1 (tangent G->t1),
 * cut back onto a boundary if it leaves the region (*ev: the strategy whose boundary it
 * landed on, or (size_t)-1). Returns 0 if the step is refused and must be shortened. */
static int try_step(gnm *G, double h, size_t last_ev, int orient, size_t *ev)
{
    size_t N = G->N, n1 = N + 1;
    double wt = 0;
    for (size_t i = 0; i < n1; i++) {
        G->w1[i] = G->w[i] + h * G->t[i];
        wt += G->t[i] * G->w1[i];
    }
    int ok = correct(G, G->t, -wt, 0, 0.5 * h + 1e-9);
    *ev = (size_t)-1;
    if (ok) {
        project(G, G->w);
        for (size_t c = 0; c < N; c++) G->phi0[c] = G->phi[c];
        project(G, G->w1);
        double frac;
        *ev = first_event(G, &frac);
        ok = land_on_boundary(G, ev, frac, last_ev);
    }
    if (ok) {
        int o1;
        ok = tangent(G, G->w1, G->t, G->t1, &o1) && o1 == orient;
        double cosang = 0;
        for (size_t i = 0; ok && i < n1; i++) cosang += G->t1[i] * G->t[i];
        /* within a smooth piece a sharp turn on a long step may be a jump to another part
         * of the curve: shorten first */
        if (ok && *ev == (size_t)-1 && cosang < 0.9 && h > KINK_H) ok = 0;
        if (ok && *ev == (size_t)-1 && h > KINK_H && hidden_crossing(G)) ok = 0;
    }
    return ok;
}

/* The last support changes, to recognise a cycle: in a degenerate game the curve can meet
 * two boundaries at one point, where changing one support at a time may go round in a loop;
 * that ray is then given up for the next. */
typedef struct cycle_watch {
    struct { size_t ev; double lam, sum; } seen[CYCLE];
    size_t nseen;
} cycle_watch;

/* Has the change of strategy ev at G->w been seen lately (then 1)? Else it is remembered. */
static int cycling(cycle_watch *cw, const gnm *G, size_t ev)
{
    size_t N = G->N;
    double sum = 0;
    for (size_t i = 0; i < N; i++) sum += G->w[i] * (double)(i + 1);
    for (size_t k = 0; k < cw->nseen && k < CYCLE; k++)
        if (cw->seen[k].ev == ev && fabs(cw->seen[k].lam - G->w[N]) <= 1e-12 * (1 + fabs(G->w[N])) &&
            fabs(cw->seen[k].sum - sum) <= 1e-10 * (1 + fabs(sum)))
            return 1;
    cw->seen[cw->nseen % CYCLE].ev = ev;
    cw->seen[cw->nseen % CYCLE].lam = G->w[N];
    cw->seen[cw->nseen % CYCLE].sum = sum;
    cw->nseen++;
    return 0;
}

/* Switch the pattern at strategy ev, and orient the new piece's tangent into the new region:
 * phi_ev grows from 0 for a strategy entering the support, falls for one leaving. Returns 0
 * when the point is degenerate and the ray is given up. */
static int switch_pattern(gnm *G, size_t ev, int orient)
{
    size_t n1 = G->N + 1;
    size_t p = player_of(G, ev);
    int entering = !G->in[ev], o1;
    if (!entering && G->bsize[p] == 1) return 0;   /* cannot happen: sum is 1 */
    G->in[ev] = (unsigned char)entering;
    G->bsize[p] += entering ? 1 : (size_t)-1;
    if (!tangent(G, G->w, G->t, G->t1, &o1)) return 0;
    double slope = phi_slope(G, ev, G->t1);
    if ((entering && slope < 0) || (!entering && slope > 0)) {
        for (size_t i = 0; i < n1; i++) G->t1[i] = -G->t1[i];
        o1 = -o1;
    }
    /* the two rules agree on a regular crossing; if not, the point is degenerate */
    if (o1 != orient) return 0;
    memcpy(G->t, G->t1, n1 * sizeof *G->t);
    return 1;
}

/* Follow the path of one ray; *done = 1 once an equilibrium is added, left 0 if the path
 * could not be followed within the budget. */
static lia_status follow(gnm *G, lia_eqset *e, size_t attempt, int *done)
{
    size_t N = G->N, n1 = N + 1;
    double lambda0 = choose_ray(G, attempt);
    double lambda_end = dominance_end(G);
    int orient;
    if (!start_point(G, lambda0, &orient)) return LIA_OK;
    double h = H_START;
    size_t last_ev = (size_t)-1;   /* the strategy of the last support change */
    cycle_watch cw = { .nseen = 0 };
    for (int iter = 0; iter < MAX_ITER; iter++) {
        size_t ev;
        if (!try_step(G, h, last_ev, orient, &ev)) {
            h *= 0.5;
            if (h < H_MIN) return LIA_OK;
            continue;
        }
        memcpy(G->wp, G->w, n1 * sizeof *G->wp);   /* the previous point */
        memcpy(G->w, G->w1, n1 * sizeof *G->w);
        memcpy(G->t, G->t1, n1 * sizeof *G->t);
        if (G->wp[N] > 0 && G->w[N] <= 0) {
            lia_status st = crossing(G, e, done);
            if (st != LIA_OK || *done) return st;
            project(G, G->w);   /* crossing() moved the scratch state */
        }
        if (ev != (size_t)-1) {
            if (cycling(&cw, G, ev) || !switch_pattern(G, ev, orient)) return LIA_OK;
            h = fmax(h, H_START);
            last_ev = ev;
        } else {
            h = fmin(1.5 * h, H_MAX);
        }
        if (G->w[N] > 2 * lambda0) return LIA_OK;   /* heading back up: lost the path */
        if (G->w[N] < lambda_end) return LIA_OK;
    }
    return LIA_OK;
}

lia_status lia__nash_gnm(lia_eqset *e, const lia_game *g)
{
    size_t np = g->np, N = e->width, n1 = N + 1, P = g->nprofiles;
    gnm G = { .g = g, .np = np, .N = N, .P = P, .rng = 0x676E6D };
    G.off = lia__malloc((np + 1) * sizeof *G.off);
    G.u = lia__malloc(np * P * sizeof *G.u);
    G.ray = lia__malloc(N * sizeof *G.ray);
    G.sigma = lia__malloc(N * sizeof *G.sigma);
    G.V = lia__malloc(N * sizeof *G.V);
    G.M = lia__malloc(N * N * sizeof *G.M);
    G.in = lia__malloc(N);
    G.bsize = lia__malloc(np * sizeof *G.bsize);
    G.A = lia__malloc(n1 * n1 * sizeof *G.A);
    G.b = lia__malloc(n1 * sizeof *G.b);
    G.H = lia__malloc(N * sizeof *G.H);
    G.w = lia__malloc(n1 * sizeof *G.w);
    G.w1 = lia__malloc(n1 * sizeof *G.w1);
    G.t = lia__malloc(n1 * sizeof *G.t);
    G.t1 = lia__malloc(n1 * sizeof *G.t1);
    G.wp = lia__malloc(n1 * sizeof *G.wp);
    G.phi = lia__malloc(N * sizeof *G.phi);
    G.mean = lia__malloc(N * sizeof *G.mean);
    G.phi0 = lia__malloc(N * sizeof *G.phi0);
    G.e_lambda = lia__calloc(n1, sizeof *G.e_lambda);
    G.s = lia__malloc(np * sizeof *G.s);
    G.pre = lia__malloc((np + 1) * sizeof *G.pre);
    G.suf = lia__malloc((np + 1) * sizeof *G.suf);
    G.ipiv = lia__malloc(n1 * sizeof *G.ipiv);
    lia_status st = LIA_ENOMEM;
    int done = 0;
    if (!G.off || !G.u || !G.ray || !G.sigma || !G.V || !G.M || !G.in || !G.bsize || !G.A || !G.b || !G.H ||
        !G.w || !G.w1 || !G.t || !G.t1 || !G.wp || !G.phi || !G.mean || !G.phi0 || !G.e_lambda || !G.s ||
        !G.pre || !G.suf || !G.ipiv)
        goto out;
    G.off[0] = 0;
    for (size_t p = 0; p < np; p++) G.off[p + 1] = G.off[p] + g->ns[p];
    /* each player's payoffs mapped affinely onto [0, 1]: equilibria are unchanged, and the
     * start's lambda and every tolerance below mean the same whatever units each player's
     * payoffs are in (a player whose payoffs are 1e9 times smaller is followed as precisely) */
    for (size_t p = 0; p < np; p++) {
        const double *up = g->payoffs + p * P;
        double lo = INFINITY, hi = -INFINITY;
        for (size_t i = 0; i < P; i++) {
            lo = fmin(lo, up[i]);
            hi = fmax(hi, up[i]);
        }
        double span = hi > lo ? hi - lo : 1;
        for (size_t i = 0; i < P; i++) G.u[p * P + i] = (up[i] - lo) / span;
    }
    st = LIA_OK;
    for (size_t attempt = 0; attempt < RAYS && st == LIA_OK && !done; attempt++) st = follow(&G, e, attempt, &done);
    if (st == LIA_OK && !done) st = LIA_EINTERNAL;
out:
    lia__free(G.off);
    lia__free(G.u);
    lia__free(G.ray);
    lia__free(G.sigma);
    lia__free(G.V);
    lia__free(G.M);
    lia__free(G.in);
    lia__free(G.bsize);
    lia__free(G.A);
    lia__free(G.b);
    lia__free(G.H);
    lia__free(G.w);
    lia__free(G.w1);
    lia__free(G.t);
    lia__free(G.t1);
    lia__free(G.wp);
    lia__free(G.phi);
    lia__free(G.mean);
    lia__free(G.phi0);
    lia__free(G.e_lambda);
    lia__free(G.s);
    lia__free(G.pre);
    lia__free(G.suf);
    lia__free(G.ipiv);
    return st;
}
