/* indiff.c — building, evaluating and Newton-refining one support profile's indifference
 * system (the layout is described in indiff.h). */
#include "indiff.h"
#include "small_solve.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

void lia__indiff_free(lia_indiff *s)
{
    lia__free(s->k);
    lia__free(s->sup);
    lia__free(s->soff);
    lia__free(s->zoff);
    lia__free(s->D);
    lia__free(s->doff);
    lia__free(s->ns);
    lia__free(s->x);
    lia__free(s->pre);
    lia__free(s->suf);
    lia__free(s->t);
    lia__free(s->F);
    lia__free(s->zc);
    lia__free(s->J);
    lia__free(s->Jr);
    lia__free(s->r);
    lia__free(s->ipiv);
    memset(s, 0, sizeof *s);
}

/* Number of the others' support profiles seen by player p. */
static size_t others(const lia_indiff *s, size_t p)
{
    size_t m = 1;
    for (size_t q = 0; q < s->np; q++)
        if (q != p) m *= s->k[q];
    return m;
}

/* Advance the odometer t over the others' supports (first player fastest, p skipped). */
static void next_profile(const lia_indiff *s, size_t p)
{
    for (size_t q = 0; q < s->np; q++) {
        if (q == p) continue;
        if (++s->t[q] < s->k[q]) return;
        s->t[q] = 0;
    }
}

lia_status lia__indiff_init(lia_indiff *s, const lia_game *g, const size_t *k, const size_t *sup, const double *scale)
{
    memset(s, 0, sizeof *s);
    size_t np = g->np, ksum = 0, width = 0;
    s->np = np;
    for (size_t p = 0; p < np; p++) {
        ksum += k[p];
        s->d += k[p] - 1;
        width += g->ns[p];
    }
    s->width = width;
    size_t d = s->d, dn = d ? d : 1;
    s->k = lia__malloc(np * sizeof *s->k);
    s->sup = lia__malloc(ksum * sizeof *s->sup);
    s->soff = lia__malloc((np + 1) * sizeof *s->soff);
    s->zoff = lia__malloc((np + 1) * sizeof *s->zoff);
    s->doff = lia__malloc((np + 1) * sizeof *s->doff);
    s->ns = lia__malloc(np * sizeof *s->ns);
    s->x = lia__malloc(ksum * sizeof *s->x);
    s->pre = lia__malloc((np + 1) * sizeof *s->pre);
    s->suf = lia__malloc((np + 1) * sizeof *s->suf);
    s->t = lia__malloc(np * sizeof *s->t);
    s->F = lia__malloc(dn * sizeof *s->F);
    s->zc = lia__malloc(dn * sizeof *s->zc);
    s->J = lia__malloc(dn * dn * sizeof *s->J);
    s->Jr = lia__malloc(dn * dn * sizeof *s->Jr);
    s->r = lia__malloc(dn * sizeof *s->r);
    s->ipiv = lia__malloc(dn * sizeof *s->ipiv);
    if (!s->k || !s->sup || !s->soff || !s->zoff || !s->doff || !s->ns || !s->x || !s->pre || !s->suf ||
        !s->t || !s->F || !s->zc || !s->J || !s->Jr || !s->r || !s->ipiv) {
        lia__indiff_free(s);
        return LIA_ENOMEM;
    }
    memcpy(s->k, k, np * sizeof *k);
    memcpy(s->sup, sup, ksum * sizeof *sup);
    memcpy(s->ns, g->ns, np * sizeof *s->ns);
    s->soff[0] = s->zoff[0] = s->doff[0] = 0;
    for (size_t p = 0; p < np; p++) {
        s->soff[p + 1] = s->soff[p] + k[p];
        s->zoff[p + 1] = s->zoff[p] + k[p] - 1;
        s->doff[p + 1] = s->doff[p] + (k[p] - 1) * others(s, p);
    }
    s->D = lia__malloc((s->doff[np] ? s->doff[np] : 1) * sizeof *s->D);
    if (!s->D) {
        lia__indiff_free(s);
        return LIA_ENOMEM;
    }
    for (size_t p = 0; p < np; p++) {
        if (k[p] < 2) continue;
        double sc = scale[p] > 0 ? scale[p] : 1;
        size_t m = others(s, p), stride_p = 1;
        for (size_t q = 0; q < p; q++) stride_p *= g->ns[q];
        const double *u = g->payoffs + p * g->nprofiles;
        const size_t *sp = s->sup + s->soff[p];
        double *Dp = s->D + s->doff[p];
        memset(s->t, 0, np * sizeof *s->t);
        for (size_t idx = 0; idx < m; idx++, next_profile(s, p)) {
            size_t base = 0, stride = 1;
            for (size_t q = 0; q < np; q++) {
                if (q != p) base += s->sup[s->soff[q] + s->t[q]] * stride;
                stride *= g->ns[q];
            }
            double u0 = u[base + sp[0] * stride_p];
            for (size_t a = 1; a < k[p]; a++) Dp[idx * (k[p] - 1) + a - 1] = (u[base + sp[a] * stride_p] - u0) / sc;
        }
    }
    return LIA_OK;
}

void lia__indiff_eval(lia_indiff *s, const double complex *z, double complex *F, double complex *J)
{
    size_t np = s->np, d = s->d;
    for (size_t p = 0; p < np; p++) {
        double complex *xp = s->x + s->soff[p], rest = 1;
        for (size_t a = 1; a < s->k[p]; a++) {
            xp[a] = z[s->zoff[p] + a - 1];
            rest -= xp[a];
        }
        xp[0] = rest;
    }
    for (size_t e = 0; e < d; e++) F[e] = 0;
    if (J)
        for (size_t i = 0; i < d * d; i++) J[i] = 0;
    for (size_t p = 0; p < np; p++) {
        size_t kp = s->k[p];
        if (kp < 2) continue;
        size_t m = others(s, p), e0 = s->zoff[p];
        const double *Dp = s->D + s->doff[p];
        memset(s->t, 0, np * sizeof *s->t);
        for (size_t idx = 0; idx < m; idx++, next_profile(s, p)) {
            /* prefix and suffix products of the others' probabilities, so each partial
             * derivative (the product without one factor) costs O(1) and needs no division */
            s->pre[0] = 1;
            for (size_t q = 0; q < np; q++) s->pre[q + 1] = s->pre[q] * (q == p ? 1 : s->x[s->soff[q] + s->t[q]]);
            s->suf[np] = 1;
            for (size_t q = np; q-- > 0;) s->suf[q] = s->suf[q + 1] * (q == p ? 1 : s->x[s->soff[q] + s->t[q]]);
            const double *Drow = Dp + idx * (kp - 1);
            for (size_t a = 1; a < kp; a++) F[e0 + a - 1] += Drow[a - 1] * s->pre[np];
            if (!J) continue;
            for (size_t q = 0; q < np; q++) {
                if (q == p || s->k[q] < 2) continue;
                double complex wq = s->pre[q] * s->suf[q + 1];
                size_t tq = s->t[q];
                for (size_t a = 1; a < kp; a++) {
                    double complex c = Drow[a - 1] * wq;
                    size_t row = e0 + a - 1;
                    if (tq > 0) {
                        J[row + (s->zoff[q] + tq - 1) * d] += c;
                    } else {
                        /* x_q(s_0) = 1 - sum of q's unknowns: slope -1 in each of them */
                        for (size_t v = 0; v + 1 < s->k[q]; v++) J[row + (s->zoff[q] + v) * d] -= c;
                    }
                }
            }
        }
    }
}

int lia__indiff_newton(lia_indiff *s, double *z, int maxit)
{
    size_t d = s->d;
    if (d == 0) return 1;
    for (int it = 0; it < maxit; it++) {
        for (size_t i = 0; i < d; i++) s->zc[i] = z[i];
        lia__indiff_eval(s, s->zc, s->F, s->J);
        double res = 0;
        for (size_t i = 0; i < d; i++) {
            s->r[i] = creal(s->F[i]);
            res = fmax(res, fabs(s->r[i]));
        }
        if (res == 0) return 1;
        for (size_t i = 0; i < d * d; i++) s->Jr[i] = creal(s->J[i]);
        if (!lia_small_dsolve(d, s->Jr, s->r, s->ipiv)) return 0;
        double step = 0, size = 0;
        for (size_t i = 0; i < d; i++) {
            if (!isfinite(s->r[i])) return 0;
            z[i] -= s->r[i];
            step = fmax(step, fabs(s->r[i]));
            size = fmax(size, fabs(z[i]));
        }
        if (step <= 1e-14 * (1 + size)) return 1;
    }
    return 0;
}

int lia__indiff_newton_minnorm(lia_indiff *s, double *z, int maxit)
{
    size_t d = s->d;
    if (d == 0) return 1;
    /* workspace from a size query, through lia__malloc (so allocation-failure tests see it;
     * LAPACK itself allocates nothing) */
    double *sv = lia__malloc(d * sizeof *sv), wq = 0;
    lia_lapack_int iq = 0, rank = 0;
    if (!sv) return -1;
    if (lia__dgelsd((lia_lapack_int)d, (lia_lapack_int)d, 1, s->Jr, (lia_lapack_int)d, s->r, (lia_lapack_int)d, sv,
                            1e-10, &rank, &wq, -1, &iq) != 0) {
        lia__free(sv);
        return 0;
    }
    lia_lapack_int lwork = (lia_lapack_int)wq + 1, liwork = iq > 0 ? iq : 1;
    double *work = lia__malloc((size_t)lwork * sizeof *work);
    lia_lapack_int *iwork = lia__malloc((size_t)liwork * sizeof *iwork);
    if (!work || !iwork) {
        lia__free(sv);
        lia__free(work);
        lia__free(iwork);
        return -1;
    }
    int done = 0;
    for (int it = 0; it < maxit && !done; it++) {
        for (size_t i = 0; i < d; i++) s->zc[i] = z[i];
        lia__indiff_eval(s, s->zc, s->F, s->J);
        double res = 0;
        for (size_t i = 0; i < d; i++) {
            s->r[i] = creal(s->F[i]);
            res = fmax(res, fabs(s->r[i]));
        }
        if (res <= 1e-15) { done = 1; break; }
        for (size_t i = 0; i < d * d; i++) s->Jr[i] = creal(s->J[i]);
        /* the least-squares step of least norm, singular values below 1e-10 of the largest
         * treated as zero: on a continuum of solutions Newton then moves straight towards the
         * nearest one instead of along it */
        if (lia__dgelsd((lia_lapack_int)d, (lia_lapack_int)d, 1, s->Jr, (lia_lapack_int)d, s->r,
                                (lia_lapack_int)d, sv, 1e-10, &rank, work, lwork, iwork) != 0)
            break;
        double step = 0, size = 0;
        int finite = 1;
        for (size_t i = 0; i < d; i++) {
            finite = finite && isfinite(s->r[i]);
            z[i] -= s->r[i];
            step = fmax(step, fabs(s->r[i]));
            size = fmax(size, fabs(z[i]));
        }
        if (!finite) break;
        if (step <= 1e-14 * (1 + size)) done = 1;
    }
    if (done) {   /* a solution, not merely a stalled least-squares iterate */
        for (size_t i = 0; i < d; i++) s->zc[i] = z[i];
        lia__indiff_eval(s, s->zc, s->F, NULL);
        for (size_t i = 0; i < d; i++) done = done && fabs(creal(s->F[i])) <= 1e-12;
    }
    lia__free(sv);
    lia__free(work);
    lia__free(iwork);
    return done;
}

void lia__indiff_profile(const lia_indiff *s, const double *z, double *x)
{
    memset(x, 0, s->width * sizeof *x);
    for (size_t p = 0, at = 0; p < s->np; at += s->ns[p], p++) {
        const size_t *sp = s->sup + s->soff[p];
        double rest = 1;
        for (size_t a = 1; a < s->k[p]; a++) {
            x[at + sp[a]] = z[s->zoff[p] + a - 1];
            rest -= z[s->zoff[p] + a - 1];
        }
        x[at + sp[0]] = rest;
    }
}

void lia__indiff_unknowns(const lia_indiff *s, const double *x, double *z)
{
    for (size_t p = 0, at = 0; p < s->np; at += s->ns[p], p++) {
        const size_t *sp = s->sup + s->soff[p];
        double sum = 0;
        for (size_t a = 0; a < s->k[p]; a++) sum += x[at + sp[a]];
        if (!(sum > 0)) sum = 1;
        for (size_t a = 1; a < s->k[p]; a++) z[s->zoff[p] + a - 1] = x[at + sp[a]] / sum;
    }
}
