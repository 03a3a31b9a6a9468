/* homotopy.c — a linear-product homotopy for the multilinear indifference systems of n-player
 * support enumeration.
 *
 * Equation e of player p is multilinear: degree 1 in the unknowns of each other player q with
 * at least two supported strategies (a "block"), degree 0 in p's own. The start system takes
 * for each equation the product of one random complex affine form per such block,
 *     G_e(z) = prod_{q in blocks(e)} L_{e,q}(z_q),
 * which has the same multidegree. Its solutions are found by choosing, for each equation, the
 * factor that vanishes so that every block q gets exactly k_q - 1 of them (then each block is a
 * linear system); their number is the multihomogeneous Bezout number, which bounds the
 * isolated solutions of every system of this shape and, for 2 strategies per player, counts
 * derangements (McKelvey & McLennan 1997: it is the maximal number of totally mixed
 * equilibria). By the gamma trick (Morgan & Sommese 1987), for all but finitely many complex
 * gamma the paths of (1-t) gamma G + t F are smooth on [0, 1) and reach every isolated
 * solution of F. gamma and the forms come from a fixed seed, so results are reproducible. */
#include "homotopy.h"
#include "small_solve.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

enum {
    MAX_STEPS = 4000,        /* per path: a path still short of t = 1 then ends at a singular
                                point (a continuum) or runs off, and is dropped */
    CORRECTOR_ITERS = 3,
    END_NEWTON = 8
};
#define H_START 0.05
#define H_MAX 0.2
#define H_MIN 1e-14
#define DIVERGED 1e8         /* unknowns are probabilities: a path this far out is leaving for infinity */

typedef struct tracker {
    lia_indiff *s;
    size_t d, np, K;
    double complex gamma;
    double complex *cf;      /* d x K: form of equation e in block q at cf[e*K + soff[q]]: constant, then
                                one coefficient per unknown of q */
    size_t *assign, *cap;    /* equation -> block of its vanishing factor; blocks' free capacity */
    double complex *z, *z1, *dz, *F, *J, *G, *GJ, *A, *b, *L, *Lpre, *Lsuf, *k[4];
    lia_lapack_int *ipiv;
    uint64_t rng;
    size_t paths;
    lia_homotopy_found found;
    void *ctx;
} tracker;

static double uniform(uint64_t *st)
{
    /* splitmix64: small, deterministic, no shared state */
    uint64_t x = (*st += 0x9E3779B97F4A7C15ull);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    return (double)(x >> 11) * 0x1.0p-53;
}

static double complex unit(uint64_t *st)
{
    double a = 6.283185307179586 * uniform(st);
    return cos(a) + I * sin(a);
}

static double cnorm(const double complex *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) m = fmax(m, cabs(v[i]));
    return m;
}

static size_t owner(const lia_indiff *s, size_t e)
{
    size_t p = 0;
    while (s->zoff[p + 1] <= e) p++;
    return p;
}

/* G and its Jacobian GJ (column-major) at z. */
static void start_eval(tracker *T, const double complex *z)
{
    lia_indiff *s = T->s;
    size_t d = T->d, np = T->np;
    for (size_t i = 0; i < d * d; i++) T->GJ[i] = 0;
    for (size_t e = 0; e < d; e++) {
        size_t p = owner(s, e);
        const double complex *c = T->cf + e * T->K;
        for (size_t q = 0; q < np; q++) {
            double complex v = 1;
            if (q != p && s->k[q] >= 2) {
                v = c[s->soff[q]];
                for (size_t a = 1; a < s->k[q]; a++) v += c[s->soff[q] + a] * z[s->zoff[q] + a - 1];
            }
            T->L[q] = v;
        }
        T->Lpre[0] = 1;
        for (size_t q = 0; q < np; q++) T->Lpre[q + 1] = T->Lpre[q] * T->L[q];
        T->Lsuf[np] = 1;
        for (size_t q = np; q-- > 0;) T->Lsuf[q] = T->Lsuf[q + 1] * T->L[q];
        T->G[e] = T->Lpre[np];
        for (size_t q = 0; q < np; q++) {
            if (q == p || s->k[q] < 2) continue;
            double complex rest = T->Lpre[q] * T->Lsuf[q + 1];
            for (size_t a = 1; a < s->k[q]; a++) T->GJ[e + (s->zoff[q] + a - 1) * d] = c[s->soff[q] + a] * rest;
        }
    }
}

/* H(z, t) into T->b and dH/dz into T->A; with want_dt, dH/dt into T->dz. */
static void homotopy_eval(tracker *T, const double complex *z, double t, int want_dt)
{
    size_t d = T->d;
    lia__indiff_eval(T->s, z, T->F, T->J);
    start_eval(T, z);
    double complex a = (1 - t) * T->gamma;
    for (size_t i = 0; i < d; i++) {
        T->b[i] = a * T->G[i] + t * T->F[i];
        if (want_dt) T->dz[i] = T->F[i] - T->gamma * T->G[i];
    }
    for (size_t i = 0; i < d * d; i++) T->A[i] = a * T->GJ[i] + t * T->J[i];
}

static int solve(tracker *T, double complex *rhs)
{
    if (!lia_small_zsolve(T->d, T->A, rhs, T->ipiv)) return 0;
    for (size_t i = 0; i < T->d; i++)
        if (!isfinite(creal(rhs[i])) || !isfinite(cimag(rhs[i]))) return 0;
    return 1;
}

/* Newton at fixed t from T->z1: converged within a few contracting steps? */
static int correct(tracker *T, double t, int iters, double tol)
{
    double last = INFINITY;
    for (int it = 0; it < iters; it++) {
        homotopy_eval(T, T->z1, t, 0);
        if (!solve(T, T->b)) return 0;
        double step = cnorm(T->b, T->d);
        for (size_t i = 0; i < T->d; i++) T->z1[i] -= T->b[i];
        double size = cnorm(T->z1, T->d);
        if (step <= tol * (1 + size)) return 1;
        /* a corrector that does not contract quickly is converging to a neighbouring path, or
         * not at all: refuse, so the step is halved instead */
        if (step > 0.5 * last || step > 0.1 * (1 + size)) return 0;
        last = step;
    }
    return 0;
}

/* dz/dt = -H_z^{-1} H_t at (z, t) into out; 0 if H_z is singular there. */
static int tangent(tracker *T, const double complex *z, double t, double complex *out)
{
    homotopy_eval(T, z, t, 1);
    if (!solve(T, T->dz)) return 0;
    for (size_t i = 0; i < T->d; i++) out[i] = -T->dz[i];
    return 1;
}

/* Follow one path from the start solution in T->z; 1 with the endpoint in T->z. */
static int track(tracker *T)
{
    size_t d = T->d;
    double t = 0, h = H_START;
    int good = 0, have_k1 = 0;
    double complex *k1 = T->k[0], *k2 = T->k[1], *k3 = T->k[2], *k4 = T->k[3];
    for (int step = 0; step < MAX_STEPS && t < 1; step++) {
        if (h > 1 - t) h = 1 - t;
        /* classical Runge-Kutta predictor along dz/dt = -H_z^{-1} H_t: four linear solves buy
         * steps several times longer than Euler's, and k1 survives a rejected step */
        if (!have_k1 && !tangent(T, T->z, t, k1)) return 0;
        have_k1 = 1;
        for (size_t i = 0; i < d; i++) T->z1[i] = T->z[i] + 0.5 * h * k1[i];
        if (!tangent(T, T->z1, t + 0.5 * h, k2)) goto reject;
        for (size_t i = 0; i < d; i++) T->z1[i] = T->z[i] + 0.5 * h * k2[i];
        if (!tangent(T, T->z1, t + 0.5 * h, k3)) goto reject;
        for (size_t i = 0; i < d; i++) T->z1[i] = T->z[i] + h * k3[i];
        if (!tangent(T, T->z1, t + h, k4)) goto reject;
        for (size_t i = 0; i < d; i++) T->z1[i] = T->z[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        if (correct(T, t + h, CORRECTOR_ITERS, 1e-9)) {
            memcpy(T->z, T->z1, d * sizeof *T->z);
            t += h;
            have_k1 = 0;
            if (cnorm(T->z, d) > DIVERGED) return 0;
            if (++good >= 2) { h = fmin(2 * h, H_MAX); good = 0; }
            continue;
        }
    reject:
        h *= 0.5;
        good = 0;
        if (h < H_MIN) return 0;
    }
    if (t < 1) return 0;
    /* at t = 1 the homotopy is F itself: a few more Newton steps on it */
    memcpy(T->z1, T->z, d * sizeof *T->z);
    for (int it = 0; it < END_NEWTON; it++) {
        lia__indiff_eval(T->s, T->z1, T->F, T->A);
        memcpy(T->b, T->F, d * sizeof *T->b);
        if (!solve(T, T->b)) break;
        for (size_t i = 0; i < d; i++) T->z1[i] -= T->b[i];
        memcpy(T->z, T->z1, d * sizeof *T->z);
        if (cnorm(T->b, d) <= 1e-15 * (1 + cnorm(T->z, d))) break;
    }
    return 1;
}

/* Every start solution: equations assigned to blocks (one vanishing factor each), then each
 * block's linear system solved, then its path tracked. */
static lia_status enumerate(tracker *T, size_t e, double *zr)
{
    lia_indiff *s = T->s;
    size_t d = T->d;
    if (e == d) {
        for (size_t q = 0; q < T->np; q++) {
            size_t n = s->k[q] - 1, row = 0;
            if (n == 0) continue;
            for (size_t f = 0; f < d; f++) {
                if (T->assign[f] != q) continue;
                const double complex *c = T->cf + f * T->K + s->soff[q];
                for (size_t a = 0; a < n; a++) T->A[row + a * n] = c[a + 1];
                T->b[row++] = -c[0];
            }
            if (!lia_small_zsolve(n, T->A, T->b, T->ipiv)) return LIA_OK;
            for (size_t a = 0; a < n; a++) T->z[s->zoff[q] + a] = T->b[a];
        }
        T->paths++;
        if (!track(T)) return LIA_OK;
        /* not real; a threshold this loose only hands a nearly real complex root to Newton,
         * and then to the verification, which rejects it */
        double size = cnorm(T->z, d);
        for (size_t i = 0; i < d; i++)
            if (fabs(cimag(T->z[i])) > 1e-5 * (1 + size)) return LIA_OK;
        for (size_t i = 0; i < d; i++) zr[i] = creal(T->z[i]);
        lia__indiff_newton(s, zr, 20);   /* the caller verifies whatever comes out */
        return T->found(T->ctx, zr);
    }
    size_t p = owner(s, e);
    for (size_t q = 0; q < T->np; q++) {
        if (q == p || T->cap[q] == 0) continue;
        T->cap[q]--;
        T->assign[e] = q;
        lia_status st = enumerate(T, e + 1, zr);
        T->cap[q]++;
        if (st != LIA_OK) return st;
    }
    return LIA_OK;
}

lia_status lia__homotopy_solve(lia_indiff *s, lia_homotopy_found found, void *ctx, size_t *paths)
{
    if (paths) *paths = 0;
    size_t d = s->d, np = s->np, K = s->soff[np];
    if (d == 0) return LIA_OK;
    tracker T = { .s = s, .d = d, .np = np, .K = K, .found = found, .ctx = ctx, .rng = 0x6C69616973u };
    T.cf = lia__malloc(d * K * sizeof *T.cf);
    T.assign = lia__malloc(d * sizeof *T.assign);
    T.cap = lia__malloc(np * sizeof *T.cap);
    T.z = lia__malloc(d * sizeof *T.z);
    T.z1 = lia__malloc(d * sizeof *T.z1);
    T.dz = lia__malloc(d * sizeof *T.dz);
    T.F = lia__malloc(d * sizeof *T.F);
    T.J = lia__malloc(d * d * sizeof *T.J);
    T.G = lia__malloc(d * sizeof *T.G);
    T.GJ = lia__malloc(d * d * sizeof *T.GJ);
    T.A = lia__malloc(d * d * sizeof *T.A);
    T.b = lia__malloc(d * sizeof *T.b);
    T.L = lia__malloc(np * sizeof *T.L);
    T.Lpre = lia__malloc((np + 1) * sizeof *T.Lpre);
    T.Lsuf = lia__malloc((np + 1) * sizeof *T.Lsuf);
    T.ipiv = lia__malloc(d * sizeof *T.ipiv);
    for (int i = 0; i < 4; i++) T.k[i] = lia__malloc(d * sizeof *T.k[i]);
    double *zr = lia__malloc(d * sizeof *zr);
    lia_status st = LIA_ENOMEM;
    if (T.cf && T.assign && T.cap && T.z && T.z1 && T.dz && T.F && T.J && T.G && T.GJ && T.A && T.b && T.L &&
        T.Lpre && T.Lsuf && T.ipiv && T.k[0] && T.k[1] && T.k[2] && T.k[3] && zr) {
        T.gamma = unit(&T.rng);
        for (size_t i = 0; i < d * K; i++) T.cf[i] = unit(&T.rng);
        for (size_t q = 0; q < np; q++) T.cap[q] = s->k[q] - 1;
        st = enumerate(&T, 0, zr);
    }
    if (paths) *paths = T.paths;
    lia__free(T.cf);
    lia__free(T.assign);
    lia__free(T.cap);
    lia__free(T.z);
    lia__free(T.z1);
    lia__free(T.dz);
    lia__free(T.F);
    lia__free(T.J);
    lia__free(T.G);
    lia__free(T.GJ);
    lia__free(T.A);
    lia__free(T.b);
    lia__free(T.L);
    lia__free(T.Lpre);
    lia__free(T.Lsuf);
    lia__free(T.ipiv);
    for (int i = 0; i < 4; i++) lia__free(T.k[i]);
    lia__free(zr);
    return st;
}
