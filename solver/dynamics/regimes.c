/* regimes.c — values, conditions and critical patience over a Markov chain of regimes
 * (regimes.h). Linear systems by LAPACK: getrf + getrs, column-major, on the calling thread
 * (see nash/small_solve.h for why not gesv). */
#include "regimes.h"
#include "../repeat/repeat.h"
#include "../util/mem.h"
#include "../util/lapack.h"
#include <limits.h>
#include <math.h>
#include <string.h>

int lia__regime_valid(size_t nr, const double *pi, size_t start)
{
    if (nr == 0 || !pi || start >= nr || nr > 4096) return 0;
    for (size_t s = 0; s < nr; s++) {
        double sum = 0;
        for (size_t t = 0; t < nr; t++) {
            double x = pi[s * nr + t];
            if (!(x >= 0 && x <= 1)) return 0;   /* also NaN */
            sum += x;
        }
        if (fabs(sum - 1) > LIA_REGIME_ROW_TOL) return 0;
    }
    return 1;
}

void lia__regime_reachable(size_t nr, const double *pi, size_t start, unsigned char *reach)
{
    memset(reach, 0, nr);
    reach[start] = 1;
    /* a breadth-first search over the positive entries; the list is reach's order of discovery */
    size_t *queue = lia__malloc(nr * sizeof *queue);
    if (queue) {
        size_t head = 0, tail = 0;
        queue[tail++] = start;
        while (head < tail) {
            size_t s = queue[head++];
            for (size_t t = 0; t < nr; t++)
                if (pi[s * nr + t] > 0 && !reach[t]) { reach[t] = 1; queue[tail++] = t; }
        }
        lia__free(queue);
        return;
    }
    /* no memory for a queue: sweep until nothing changes (nr sweeps at most) */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t s = 0; s < nr; s++)
            for (size_t t = 0; reach[s] && t < nr; t++)
                if (pi[s * nr + t] > 0 && !reach[t]) reach[t] = 1, changed = 1;
    }
}

/* Solve A X = B in place of B (n x k, column-major), A column-major n x n, overwritten. */
static lia_status dsolve(size_t n, double *a, size_t k, double *b)
{
    if (n > INT_MAX || k > INT_MAX) return LIA_ELIMIT;
    lia_lapack_int *ipiv = lia__malloc(n * sizeof *ipiv);
    if (!ipiv) return LIA_ENOMEM;
    lia_lapack_int nn = (lia_lapack_int)n;
    int ok = lia__dgetrf(nn, nn, a, nn, ipiv) == 0 &&
             lia__dgetrs('N', nn, (lia_lapack_int)k, a, nn, ipiv, b, nn) == 0;
    lia__free(ipiv);
    return ok ? LIA_OK : LIA_EINTERNAL;
}

/* x (nr x k, column-major) := (I - delta Pi)^{-1} x. Never singular for delta < 1: the
 * spectral radius of delta Pi is delta. */
static lia_status resolvent(size_t nr, const double *pi, double delta, size_t k, double *x)
{
    size_t cells;
    if (!lia__size_mul(nr, nr, &cells)) return LIA_ELIMIT;
    double *a = lia__malloc(cells * sizeof *a);
    if (!a) return LIA_ENOMEM;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nr; c++) a[c * nr + r] = (r == c) - delta * pi[r * nr + c];
    lia_status st = dsolve(nr, a, k, x);
    lia__free(a);
    return st;
}

lia_status lia__regime_values(size_t nr, const double *pi, double delta, size_t k, const double *x, double *out)
{
    if (!(delta >= 0 && delta < 1)) return LIA_EUSAGE;
    if (out != x) memmove(out, x, nr * k * sizeof *out);
    lia_status st = resolvent(nr, pi, delta, k, out);
    if (st == LIA_OK)
        for (size_t j = 0; j < nr * k; j++) out[j] *= 1 - delta;
    return st;
}

/* shat(s) = ((I - delta Pi)^{-1}(C - P))(s) - (D(s) - P(s)) = slack(s) / (1 - delta), in buf. */
static lia_status normalised_slack(size_t nr, const double *pi, double delta, const double *c, const double *d,
                                   const double *p, double *buf)
{
    for (size_t s = 0; s < nr; s++) buf[s] = c[s] - p[s];
    lia_status st = resolvent(nr, pi, delta, 1, buf);
    if (st == LIA_OK)
        for (size_t s = 0; s < nr; s++) buf[s] -= d[s] - p[s];
    return st;
}

lia_status lia__regime_slack(size_t nr, const double *pi, double delta, const double *c, const double *d,
                            const double *p, double *v, double *w, double *slack)
{
    if (!(delta >= 0 && delta < 1)) return LIA_EUSAGE;
    lia_status st = LIA_OK;
    if (v && (st = lia__regime_values(nr, pi, delta, 1, c, v)) != LIA_OK) return st;
    if (w && (st = lia__regime_values(nr, pi, delta, 1, p, w)) != LIA_OK) return st;
    if (slack && (st = normalised_slack(nr, pi, delta, c, d, p, slack)) == LIA_OK)
        for (size_t s = 0; s < nr; s++) slack[s] *= 1 - delta;
    return st;
}

/* ---- critical patience ------------------------------------------------------------------- */

enum { GRID_STEPS = 1000, GRID_TAIL = 6 };

static double grid_point(size_t k)
{
    if (k < GRID_STEPS) return (double)k / GRID_STEPS;
    /* 1 - 10^-3.5, 1 - 10^-4, ..., 1 - 10^-6 */
    return 1 - pow(10, -(3.5 + 0.5 * (double)(k - GRID_STEPS)));
}

typedef struct star_ctx {
    size_t nr;
    const double *pi, *c, *d, *p;
    const unsigned char *reach;
    double scale;
    double *buf;
} star_ctx;

/* The worst normalised slack over the reachable regimes at delta and its regime; *ok when it
 * is within rounding of 0 or above. The rounding of the solve grows like 1 / (1 - delta) (the
 * condition number of I - delta Pi), and so does the tolerance. */
static lia_status eval(const star_ctx *x, double delta, double *worst, size_t *arg, int *ok)
{
    lia_status st = normalised_slack(x->nr, x->pi, delta, x->c, x->d, x->p, x->buf);
    if (st != LIA_OK) return st;
    *worst = INFINITY;
    *arg = LIA_REGIME_NONE;
    for (size_t s = 0; s < x->nr; s++)
        if ((!x->reach || x->reach[s]) && x->buf[s] < *worst) { *worst = x->buf[s]; *arg = s; }
    *ok = *worst >= -1e-12 * x->scale / (1 - delta);
    return LIA_OK;
}

lia_status lia__regime_delta_star(size_t nr, const double *pi, const unsigned char *reach, const double *c,
                                 const double *d, const double *p, lia_regime_star *out)
{
    star_ctx x = { nr, pi, c, d, p, reach, 0, lia__malloc(nr * sizeof(double)) };
    if (!x.buf) return LIA_ENOMEM;
    for (size_t s = 0; s < nr; s++)
        if (!reach || reach[s]) x.scale = fmax(x.scale, fmax(fabs(c[s]), fmax(fabs(d[s]), fabs(p[s]))));
    if (x.scale == 0) x.scale = 1;
    out->delta_star = 0;
    out->binding = LIA_REGIME_NONE;
    out->gaps = 0;
    lia_status st = LIA_OK;
    size_t npts = GRID_STEPS + GRID_TAIL, last_fail = LIA_REGIME_NONE, fail_arg = LIA_REGIME_NONE;
    int held = 0;   /* some grid point held before the last failure seen so far */
    int held_now = 0;
    double worst;
    size_t arg;
    int ok;
    for (size_t k = 0; k < npts; k++) {
        if ((st = eval(&x, grid_point(k), &worst, &arg, &ok)) != LIA_OK) goto done;
        if (ok) held_now = 1;
        else {
            if (held_now) held = 1;
            last_fail = k;
            fail_arg = arg;
        }
    }
    out->gaps = held;
    if (last_fail == LIA_REGIME_NONE) goto done;   /* holds everywhere: 0 */
    out->binding = fail_arg;
    if (last_fail == npts - 1) { out->delta_star = NAN; goto done; }
    double lo = grid_point(last_fail), hi = grid_point(last_fail + 1);
    while (hi - lo > LIA_REGIME_DELTA_TOL) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if ((st = eval(&x, mid, &worst, &arg, &ok)) != LIA_OK) goto done;
        if (ok) hi = mid;
        else { lo = mid; out->binding = arg; }
    }
    /* the slack's crossing between lo and hi by linear interpolation: exact when the slack is
     * linear in delta (one regime: (C - P) - (1 - delta)(D - P)) */
    double w_lo, w_hi;
    size_t a_lo, a_hi;
    if ((st = eval(&x, lo, &w_lo, &a_lo, &ok)) != LIA_OK || (st = eval(&x, hi, &w_hi, &a_hi, &ok)) != LIA_OK) goto done;
    double m_lo = (1 - lo) * w_lo, m_hi = (1 - hi) * w_hi, root = hi;
    if (m_lo < 0 && m_hi > m_lo) root = fmin(hi, fmax(lo, lo + (hi - lo) * (-m_lo) / (m_hi - m_lo)));
    out->delta_star = root;
done:
    lia__free(x.buf);
    return st;
}

/* ---- the long-run distribution ---------------------------------------------------------- */

lia_status lia__regime_limit_distribution(size_t nr, const double *pi, size_t start, double *dist)
{
    size_t cells;
    if (!lia__size_mul(nr, nr, &cells)) return LIA_ELIMIT;
    unsigned char *r = lia__malloc(cells);
    size_t *rep = lia__malloc(2 * nr * sizeof *rep), *list = rep + nr;
    /* b: the class weights (nr), then the absorption probabilities (at most (nr - 1) x nr) or
     * one class's stationary distribution (at most nr) */
    double *a = lia__malloc(cells * sizeof *a), *b = lia__malloc((cells + nr) * sizeof *b);
    lia_status st = LIA_OK;
    if (!r || !rep || !a || !b) { st = LIA_ENOMEM; goto done; }
    /* r[s][t]: t reachable from s (reflexive, transitive closure by Warshall) */
    for (size_t s = 0; s < nr; s++)
        for (size_t t = 0; t < nr; t++) r[s * nr + t] = s == t || pi[s * nr + t] > 0;
    for (size_t k = 0; k < nr; k++)
        for (size_t s = 0; s < nr; s++)
            if (r[s * nr + k])
                for (size_t t = 0; t < nr; t++) r[s * nr + t] |= r[k * nr + t];
    /* recurrent: every state it reaches reaches it back; rep: its class's smallest state */
    for (size_t s = 0; s < nr; s++) {
        rep[s] = s;
        for (size_t t = 0; t < nr; t++)
            if (r[s * nr + t] && !r[t * nr + s]) { rep[s] = LIA_REGIME_NONE; break; }
        if (rep[s] != LIA_REGIME_NONE)
            for (size_t t = 0; t < s; t++)
                if (r[s * nr + t] && r[t * nr + s]) { rep[s] = t; break; }
    }
    for (size_t s = 0; s < nr; s++) dist[s] = 0;
    /* the probability of ending in each class: 1 for the start's own when it is recurrent;
     * from a transient start, h_K = (I - Pi_TT)^{-1} Pi_TK 1 over the transient states T */
    double *weight = b;   /* weight[k]: the class with representative k (nr entries) */
    if (rep[start] != LIA_REGIME_NONE) {
        for (size_t k = 0; k < nr; k++) weight[k] = 0;
        weight[rep[start]] = 1;
    } else {
        size_t m = 0, pos = 0;
        for (size_t s = 0; s < nr; s++)
            if (rep[s] == LIA_REGIME_NONE) { list[m++] = s; if (s == start) pos = m - 1; }
        double *h = b + nr;   /* m x nr, column k: absorption into class k */
        for (size_t i = 0; i < m; i++) {
            for (size_t j = 0; j < m; j++) a[j * m + i] = (i == j) - pi[list[i] * nr + list[j]];
            for (size_t k = 0; k < nr; k++) h[k * m + i] = 0;
            for (size_t t = 0; t < nr; t++)
                if (rep[t] != LIA_REGIME_NONE) h[rep[t] * m + i] += pi[list[i] * nr + t];
        }
        if ((st = dsolve(m, a, nr, h)) != LIA_OK) goto done;
        for (size_t k = 0; k < nr; k++) weight[k] = fmax(0, h[k * m + pos]);
    }
    /* each class's stationary distribution: pi_K (Pi_KK - I) = 0 with the last equation
     * replaced by sum pi_K = 1 */
    for (size_t k = 0; k < nr; k++) {
        if (rep[k] != k || !(weight[k] > 0)) continue;
        size_t q = 0;
        for (size_t s = 0; s < nr; s++)
            if (rep[s] == k) list[q++] = s;
        double *x = b + nr;
        for (size_t v = 0; v < q; v++) {
            for (size_t u = 0; u < q; u++)
                a[u * q + v] = v == q - 1 ? 1 : pi[list[u] * nr + list[v]] - (u == v);
            x[v] = v == q - 1;
        }
        if ((st = dsolve(q, a, 1, x)) != LIA_OK) goto done;
        double sum = 0;
        for (size_t v = 0; v < q; v++) sum += x[v] = fmax(0, x[v]);
        for (size_t v = 0; v < q; v++) dist[list[v]] += weight[k] * (sum > 0 ? x[v] / sum : 0);
    }
done:
    lia__free(r);
    lia__free(rep);
    lia__free(a);
    lia__free(b);
    return st;
}

double lia__regime_averaged_delta_star(size_t nr, const double *dist, const double *c, const double *d,
                                      const double *p)
{
    double cb = 0, db = 0, pb = 0, scale = 0;
    for (size_t s = 0; s < nr; s++) {
        cb += dist[s] * c[s];
        db += dist[s] * d[s];
        pb += dist[s] * p[s];
        if (dist[s] > 0) scale = fmax(scale, fmax(fabs(c[s]), fmax(fabs(d[s]), fabs(p[s]))));
    }
    /* averages within rounding of each other are equal, as the static analysis snaps them */
    double eps = 1e-9 * (scale > 0 ? scale : 1);
    if (fabs(pb - cb) <= eps) pb = cb;
    if (fabs(db - cb) <= eps) db = cb;
    return lia__delta_star(cb, db, pb);
}

/* ---- everything at once ------------------------------------------------------------------ */

lia_status lia__regime_analyse(const lia_regime_problem *pb, lia_regime_result *res)
{
    size_t nr = pb->nr, np = pb->np;
    if (!lia__regime_valid(nr, pb->pi, pb->start) || np == 0) return LIA_EUSAGE;
    lia__regime_reachable(nr, pb->pi, pb->start, res->reach);
    lia_status st = lia__regime_limit_distribution(nr, pb->pi, pb->start, res->dist);
    int all_patient = 1;
    for (size_t i = 0; i < np && st == LIA_OK; i++) {
        const double *c = pb->c + i * nr, *d = pb->d + i * nr, *p = pb->p + i * nr;
        double delta = pb->delta[i];
        double *v = res->v + i * nr, *w = res->w + i * nr, *sl = res->slack + i * nr;
        if (delta >= 0 && delta < 1) st = lia__regime_slack(nr, pb->pi, delta, c, d, p, v, w, sl);
        else {
            all_patient = 0;
            for (size_t s = 0; s < nr; s++) v[s] = w[s] = sl[s] = NAN;
        }
        if (st == LIA_OK) st = lia__regime_delta_star(nr, pb->pi, res->reach, c, d, p, &res->star[i]);
        res->avg[i] = lia__regime_averaged_delta_star(nr, res->dist, c, d, p);
    }
    res->transfers_feasible = -1;
    res->cost = NAN;
    if (st == LIA_OK && all_patient)
        st = lia__regime_transfers(nr, np, pb->pi, pb->start, pb->delta, pb->c, pb->d, pb->p,
                                  &res->transfers_feasible, res->t, &res->cost);
    return st;
}
