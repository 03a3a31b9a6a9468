/* qre.c — the logit quantal response equilibrium path of an n-player game, traced from
 * lambda = 0 (everyone uniform) towards lambda = infinity, where it ends at a Nash
 * equilibrium (McKelvey & Palfrey 1995; the principal branch, as Gambit's `logit`).
 *
 * At precision lambda each player mixes p_is = exp(lambda U_is) / sum_t exp(lambda U_it),
 * U_is the expected payoff of pure s against the others. In log form w = ln p the path is
 * the zero set of N = sum_i n_i equations in (w, lambda):
 *     sum_s exp(w_is) - 1 = 0                              (one per player)
 *     w_is - w_i0 - lambda (U_is - U_i0) = 0               (s = 1 .. n_i - 1)
 * (Turocy 2005). It is followed by pseudo-arclength continuation: an Euler step along the
 * tangent (the null vector of the N x (N+1) Jacobian), then Newton back onto the path in the
 * hyperplane orthogonal to the tangent, with step control; lambda may turn back on the way,
 * which a plain increase of lambda could not follow. Payoffs are divided by one scale (the
 * largest spread of any player's payoffs), so lambda is reported in the game's own units.
 *
 * Near the end the profile is polished on its support (the support's indifference system,
 * indiff.c) and verified like every reported equilibrium; the path itself is kept as points
 * (lambda, profile) for the "noisy rationality" view. */
#include "nash.h"
#include "indiff.h"
#include "small_solve.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

enum { MAX_STEPS = 20000, MAX_POINTS = 400, NEWTON_ITS = 8 };
#define LAMBDA_END 1e7       /* scaled lambda at which a path that will not polish gives up */
#define CORRECT_TOL 1e-11
#define POLISH_FROM 20.0     /* scaled lambda from which the end is sought (payoff spread 1) */

typedef struct qre {
    const lia_game *g;
    size_t np, N;            /* players; unknowns w (and equations) */
    size_t *off;             /* np + 1 offsets of each player's strategies */
    double scale;            /* payoffs are read as u / scale */
    double *pscale;          /* per player: the largest |payoff| (for polishing) */
    double *p;               /* exp(w) */
    double *U;               /* N: expected payoff of each pure strategy */
    double *cross;           /* N x N: d U_is / d p_jt (zero within a player) */
    size_t *s;               /* profile counter */
    double *J;               /* (N+1) x (N+1), column-major: Jacobian with the tangent row */
    double *rhs, *tan, *prev, *x, *y, *pred;
    double *xold, *bt;       /* the point before the last step; scratch tangent for bisection */
    lia_lapack_int *ipiv;
    int detsign;             /* sign of the last bordered determinant */
} qre;

/* The bytes the path and its polishing may take at most: the N x N payoff derivatives and the
 * (N+1)^2 Jacobian with their vectors, and the polish on a support (indiff.c), whose
 * Jacobian and its copy are at most N x N and whose derivative table is at most the payoff
 * tensor. An upper bound, counted before any allocation, so that a game over the cap is
 * refused with its need and never half-traced. */
lia_status lia__nash_qre_needed(const lia_game *g, double *bytes)
{
    double N = 0, profiles = (double)g->nprofiles, np = (double)g->np;
    for (size_t i = 0; i < g->np; i++) N += (double)g->ns[i];
    double M = N + 1;
    double path = N * N + M * M + 21 * M + 4 * np;          /* qre_init's arrays and the scratch */
    double polish = 2 * N * N + 4 * N + profiles * np + 8 * np;   /* lia__indiff_init at full support */
    *bytes = (path + polish) * sizeof(double);
    return LIA_OK;
}

static lia_status qre_init(qre *Q, const lia_game *g, size_t cap)
{
    memset(Q, 0, sizeof *Q);
    Q->g = g;
    Q->np = g->np;
    Q->off = lia__malloc((g->np + 1) * sizeof *Q->off);
    Q->s = lia__malloc(g->np * sizeof *Q->s);
    if (!Q->off || !Q->s) return LIA_ENOMEM;
    Q->off[0] = 0;
    for (size_t i = 0; i < g->np; i++) Q->off[i + 1] = Q->off[i] + g->ns[i];
    size_t N = Q->N = Q->off[g->np], M = N + 1;
    double need = 0;
    lia__nash_qre_needed(g, &need);
    if (need > (double)cap) return LIA_ELIMIT;   /* lia__nash_explain states the need */
    double spread = 0;
    for (size_t i = 0; i < g->np; i++) {
        double lo = INFINITY, hi = -INFINITY;
        for (size_t k = 0; k < g->nprofiles; k++) {
            lo = fmin(lo, g->payoffs[i * g->nprofiles + k]);
            hi = fmax(hi, g->payoffs[i * g->nprofiles + k]);
        }
        spread = fmax(spread, hi - lo);
    }
    Q->scale = spread > 0 ? spread : 1;
    Q->pscale = lia__malloc(g->np * sizeof *Q->pscale);
    if (!Q->pscale) return LIA_ENOMEM;
    for (size_t i = 0; i < g->np; i++) {
        double big = 0;
        for (size_t k = 0; k < g->nprofiles; k++) big = fmax(big, fabs(g->payoffs[i * g->nprofiles + k]));
        Q->pscale[i] = big > 0 ? big : 1;
    }
    Q->p = lia__malloc(N * sizeof *Q->p);
    Q->U = lia__malloc(N * sizeof *Q->U);
    Q->cross = lia__malloc(N * N * sizeof *Q->cross);
    Q->J = lia__malloc(M * M * sizeof *Q->J);
    Q->rhs = lia__malloc(M * sizeof *Q->rhs);
    Q->tan = lia__malloc(M * sizeof *Q->tan);
    Q->prev = lia__malloc(M * sizeof *Q->prev);
    Q->x = lia__malloc(M * sizeof *Q->x);
    Q->y = lia__malloc(M * sizeof *Q->y);
    Q->pred = lia__malloc(M * sizeof *Q->pred);
    Q->xold = lia__malloc(M * sizeof *Q->xold);
    Q->bt = lia__malloc(M * sizeof *Q->bt);
    Q->ipiv = lia__malloc(M * sizeof *Q->ipiv);
    if (!Q->p || !Q->U || !Q->cross || !Q->J || !Q->rhs || !Q->tan || !Q->prev || !Q->x || !Q->y || !Q->pred || !Q->xold || !Q->bt ||
        !Q->ipiv)
        return LIA_ENOMEM;
    return LIA_OK;
}

static void qre_free(qre *Q)
{
    lia__free(Q->off);
    lia__free(Q->pscale);
    lia__free(Q->s);
    lia__free(Q->p);
    lia__free(Q->U);
    lia__free(Q->cross);
    lia__free(Q->J);
    lia__free(Q->rhs);
    lia__free(Q->tan);
    lia__free(Q->prev);
    lia__free(Q->x);
    lia__free(Q->y);
    lia__free(Q->pred);
    lia__free(Q->xold);
    lia__free(Q->bt);
    lia__free(Q->ipiv);
}

/* U and cross at the mixture p: one pass over the profiles; for each pair of players (i, j)
 * the weight of a profile without i's and j's own probabilities. O(profiles x players^3),
 * which suits the small games this method is for. */
static void payoff_terms(qre *Q)
{
    const lia_game *g = Q->g;
    size_t np = Q->np, N = Q->N;
    memset(Q->U, 0, N * sizeof *Q->U);
    memset(Q->cross, 0, N * N * sizeof *Q->cross);
    memset(Q->s, 0, np * sizeof *Q->s);
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        for (size_t i = 0; i < np; i++) {
            double u = g->payoffs[i * g->nprofiles + prof] / Q->scale;
            size_t a = Q->off[i] + Q->s[i];
            double wi = 1;
            for (size_t q = 0; q < np; q++)
                if (q != i) wi *= Q->p[Q->off[q] + Q->s[q]];
            Q->U[a] += wi * u;
            for (size_t j = 0; j < np; j++) {
                if (j == i) continue;
                double wij = 1;
                for (size_t q = 0; q < np; q++)
                    if (q != i && q != j) wij *= Q->p[Q->off[q] + Q->s[q]];
                Q->cross[(Q->off[j] + Q->s[j]) * N + a] += wij * u;   /* column-major: row a */
            }
        }
        for (size_t q = 0; q < np; q++) {
            if (++Q->s[q] < g->ns[q]) break;
            Q->s[q] = 0;
        }
    }
}

/* H(x) into h (N entries) and its Jacobian into the first N rows of J (column-major,
 * leading dimension N + 1; column N is d/d lambda). */
static void evaluate(qre *Q, const double *x, double *h)
{
    size_t N = Q->N, M = N + 1;
    double lambda = x[N];
    for (size_t k = 0; k < N; k++) Q->p[k] = exp(x[k]);
    payoff_terms(Q);
    for (size_t c = 0; c < M; c++)
        for (size_t r = 0; r < N; r++) Q->J[c * M + r] = 0;
    for (size_t i = 0; i < Q->np; i++) {
        size_t o = Q->off[i], n = Q->g->ns[i];
        double sum = 0;
        for (size_t s = 0; s < n; s++) {
            sum += Q->p[o + s];
            Q->J[(o + s) * M + o] = Q->p[o + s];          /* row o: the player's sum */
        }
        h[o] = sum - 1;
        for (size_t s = 1; s < n; s++) {
            size_t r = o + s;
            h[r] = x[r] - x[o] - lambda * (Q->U[r] - Q->U[o]);
            Q->J[r * M + r] += 1;
            Q->J[o * M + r] -= 1;
            for (size_t c = 0; c < N; c++) {
                if (c >= o && c < o + n) continue;           /* U_i does not depend on p_i */
                double d = Q->cross[c * N + r] - Q->cross[c * N + o];
                Q->J[c * M + r] -= lambda * d * Q->p[c];    /* d p_c / d w_c = p_c */
            }
            Q->J[N * M + r] = -(Q->U[r] - Q->U[o]);
        }
    }
}

/* Solve [J; t^T] v = b in place (b has N + 1 entries); 0 if singular. Q->detsign is then the
 * sign of det [J; t^T], from the LU factors. */
static int solve_bordered(qre *Q, const double *t, double *b)
{
    size_t N = Q->N, M = N + 1;
    for (size_t c = 0; c < M; c++) Q->J[c * M + N] = t[c];
    if (!lia_small_dsolve(M, Q->J, b, Q->ipiv)) return 0;
    int sg = 1;
    for (size_t i = 0; i < M; i++) {
        if (Q->J[i * M + i] < 0) sg = -sg;
        if (Q->ipiv[i] != (lia_lapack_int)(i + 1)) sg = -sg;
    }
    Q->detsign = sg;
    return 1;
}

static double norm(const double *v, size_t n)
{
    double s = 0;
    for (size_t k = 0; k < n; k++) s += v[k] * v[k];
    return sqrt(s);
}

/* The unit tangent at x, oriented along prev (prev . tangent > 0). */
static int tangent(qre *Q, const double *x, const double *prev, double *out)
{
    size_t M = Q->N + 1;
    evaluate(Q, x, Q->rhs);
    for (size_t k = 0; k < M; k++) out[k] = k == Q->N ? 1.0 : 0.0;
    if (!solve_bordered(Q, prev, out)) return 0;
    double n = norm(out, M);
    if (!(n > 0) || !isfinite(n)) return 0;
    for (size_t k = 0; k < M; k++) out[k] /= n;
    return 1;
}

/* Newton from the predicted point back onto the path, in the hyperplane through pred
 * orthogonal to t. Returns the iterations used, or -1 if it did not converge. */
static int correct(qre *Q, const double *pred, const double *t, double *y)
{
    size_t N = Q->N, M = N + 1;
    memcpy(y, pred, M * sizeof *y);
    double last = INFINITY;
    for (int it = 1; it <= NEWTON_ITS; it++) {
        evaluate(Q, y, Q->rhs);
        double dot = 0;
        for (size_t k = 0; k < M; k++) dot += t[k] * (y[k] - pred[k]);
        for (size_t k = 0; k < N; k++) Q->rhs[k] = -Q->rhs[k];
        Q->rhs[N] = -dot;
        if (!solve_bordered(Q, t, Q->rhs)) return -1;
        double step = norm(Q->rhs, M);
        if (!isfinite(step) || step > 2 * last) return -1;   /* not contracting */
        for (size_t k = 0; k < M; k++) y[k] += Q->rhs[k];
        if (step < CORRECT_TOL * (1 + norm(y, M))) return it;
        last = step;
    }
    return -1;
}

/* Polish the mixture p (full profile) on its support and verify it; 1 if it is an
 * equilibrium (then in out, with its regret). */
static lia_status polish(const qre *Q, const double *p, double *out, double *regret, int *ok)
{
    const lia_game *g = Q->g;
    size_t np = Q->np, width = Q->N;
    *ok = 0;
    size_t *k = lia__malloc(np * sizeof *k), *sup = lia__malloc(width * sizeof *sup), at = 0;
    double *z = lia__malloc((width + 1) * sizeof *z);
    lia_status st = k && sup && z ? LIA_OK : LIA_ENOMEM;
    for (size_t i = 0; st == LIA_OK && i < np; i++) {
        /* the support: strategies within a factor 1e-6 of the player's most likely one */
        double top = 0;
        for (size_t s = 0; s < g->ns[i]; s++) top = fmax(top, p[Q->off[i] + s]);
        k[i] = 0;
        for (size_t s = 0; s < g->ns[i]; s++)
            if (p[Q->off[i] + s] >= 1e-6 * top) { sup[at++] = s; k[i]++; }
    }
    lia_indiff sys;
    int have = 0;
    if (st == LIA_OK) {
        st = lia__indiff_init(&sys, g, k, sup, Q->pscale);
        have = st == LIA_OK;
    }
    /* Newton on the support's indifference system; where that system is singular (a
     * continuum of equilibria, or a player indifferent among more strategies than the others'
     * supports pin down), Newton with least-norm steps, which lands on the solution set near
     * the path instead of failing */
    for (int pass = 0; st == LIA_OK && pass < 2 && !*ok; pass++) {
        lia__indiff_unknowns(&sys, p, z);
        int conv = pass == 0 ? lia__indiff_newton(&sys, z, 50) : lia__indiff_newton_minnorm(&sys, z, 50);
        if (conv < 0) st = LIA_ENOMEM;
        if (conv <= 0) continue;
        lia__indiff_profile(&sys, z, out);
        int feasible = 1;
        for (size_t a = 0; a < width; a++) {
            if (!isfinite(out[a]) || out[a] < -1e-12) feasible = 0;
            if (out[a] < 0) out[a] = 0;
        }
        if (feasible) st = lia__regret_verify(g, out, regret, ok);
        if (st == LIA_EUSAGE) { st = LIA_OK; *ok = 0; }   /* not a probability vector after all */
    }
    if (have) lia__indiff_free(&sys);
    /* a degenerate end (a singular support system: e.g. a player indifferent among strategies
     * the path mixes evenly) can still be an equilibrium as it stands: the path point with its
     * vanishing probabilities set to zero */
    static const double cut[] = { 1e-10, 1e-6, 1e-3, 1e-2 };   /* verified, so only a true equilibrium passes */
    for (size_t c = 0; st == LIA_OK && !*ok && c < sizeof cut / sizeof cut[0]; c++) {
        for (size_t i = 0; i < np; i++) {
            double top = 0, sum = 0;
            for (size_t a = Q->off[i]; a < Q->off[i + 1]; a++) top = fmax(top, p[a]);
            for (size_t a = Q->off[i]; a < Q->off[i + 1]; a++) sum += out[a] = p[a] >= cut[c] * top ? p[a] : 0;
            for (size_t a = Q->off[i]; a < Q->off[i + 1]; a++) out[a] /= sum;
        }
        st = lia__regret_verify(g, out, regret, ok);
        if (st == LIA_EUSAGE) { st = LIA_OK; *ok = 0; }
    }
    lia__free(k);
    lia__free(sup);
    lia__free(z);
    return st;
}

/* A branch point lies on the last step, from Q->xold along Q->prev (its tangent) for arclength
 * hlast, where the bordered determinant changes sign. Bisect on the arclength (each trial
 * point corrected back onto the path) to bracket it within 1e-9 of the step, and leave the
 * corrected point nearest it in Q->y. 0 if a correction fails (Q->y is then the step's end). */
static int locate_branch(qre *Q, double hlast, int sign_before)
{
    size_t M = Q->N + 1;
    double lo = 0, hi = hlast;
    memcpy(Q->y, Q->x, M * sizeof *Q->y);
    for (int it = 0; it < 60 && hi - lo > 1e-9 * hlast; it++) {
        double mid = (lo + hi) / 2;
        for (size_t k = 0; k < M; k++) Q->pred[k] = Q->xold[k] + mid * Q->prev[k];
        if (correct(Q, Q->pred, Q->prev, Q->y) < 0 || !tangent(Q, Q->y, Q->prev, Q->bt)) return 0;
        if (Q->detsign == sign_before) lo = mid;
        else hi = mid;
    }
    return 1;
}

/* The limit of three path points taken at precisions growing by a constant factor, by
 * Aitken's extrapolation in each coordinate: a path that tends to its end like c lambda^-a
 * (as along a continuum of equilibria, where it converges slowly) has differences in a
 * geometric ratio, which Aitken's formula removes exactly. Coordinates whose differences are
 * not shrinking in one direction keep the last value. Each player's part is renormalised. */
static void extrapolate(const qre *Q, const double *p0, const double *p1, const double *p2, double *out)
{
    for (size_t k = 0; k < Q->N; k++) {
        double d1 = p1[k] - p0[k], d2 = p2[k] - p1[k], r = d1 != 0 ? d2 / d1 : 0;
        out[k] = r > 0 && r < 0.95 ? p2[k] + d2 * r / (1 - r) : p2[k];
        if (out[k] < 0) out[k] = 0;
    }
    for (size_t i = 0; i < Q->np; i++) {
        double sum = 0;
        for (size_t a = Q->off[i]; a < Q->off[i + 1]; a++) sum += out[a];
        for (size_t a = Q->off[i]; a < Q->off[i + 1]; a++) out[a] = sum > 0 ? out[a] / sum : p2[a];
    }
}

static double maxdiff(const double *a, const double *b, size_t n)
{
    double m = 0;
    for (size_t k = 0; k < n; k++) m = fmax(m, fabs(a[k] - b[k]));
    return m;
}

/* How the end was reached, for the report. */
static const char *const END_LIMIT = "limit", *const END_EXTRAPOLATED = "extrapolated limit",
                         *const END_STOPPED = "support system";

lia_status lia__nash_qre(lia_eqset *e, const lia_game *g, size_t cap)
{
    qre Q;
    lia_status st = qre_init(&Q, g, cap);
    size_t N = Q.N, M = N + 1;
    /* scratch: the path point, the polished point, the last equilibrium polishing verified
     * (the fallback end), the previous polished and extrapolated points, three path points at
     * successive polishing precisions, an extrapolated limit and its polished form */
    double *buf = lia__calloc(11 * (N + 1), sizeof *buf);
    double *pay = lia__malloc(g->np * sizeof *pay);
    if (st == LIA_OK && (!buf || !pay)) st = LIA_ENOMEM;
    if (st != LIA_OK) goto done;
    double *full = buf, *eq = full + M, *last_ok = eq + M, *prev_eq = last_ok + M, *prev_lim = prev_eq + M;
    double *hist[3] = { prev_lim + M, prev_lim + 2 * M, prev_lim + 3 * M }, *lim = prev_lim + 4 * M, *limeq = lim + M;
    /* start: lambda = 0, each player uniform; the first tangent points to growing lambda */
    for (size_t i = 0; i < g->np; i++)
        for (size_t s = 0; s < g->ns[i]; s++) Q.x[Q.off[i] + s] = -log((double)g->ns[i]);
    Q.x[N] = 0;
    for (size_t k = 0; k < M; k++) Q.prev[k] = k == N ? 1.0 : 0.0;
    double h = 0.03, hlast = 0, last_recorded = -1, next_polish = POLISH_FROM;
    int found = 0, have_prev = 0, have_last_ok = 0, have_prev_lim = 0, nhist = 0, lastsign = 0, have_lim = 0;
    double histlam[3] = { 0, 0, 0 };
    const char *end = NULL;
    for (size_t step = 0; step < MAX_STEPS && !found && st == LIA_OK; step++) {
        if (!tangent(&Q, Q.x, Q.prev, Q.tan)) break;
        /* the bordered determinant keeps its sign along a regular path (turning points in
         * lambda included); a change means the path crossed a branch point, where another
         * branch of the correspondence meets it (Gambit issue #492) */
        if (lastsign && Q.detsign != lastsign) {
            int newsign = Q.detsign;
            locate_branch(&Q, hlast, lastsign);
            for (size_t k = 0; k < N; k++) full[k] = exp(Q.y[k]);
            if (!lia__eqset_add_branch(e, Q.y[N] / Q.scale, full)) { st = LIA_ENOMEM; break; }
            if (!tangent(&Q, Q.x, Q.prev, Q.tan)) break;   /* restore the tangent at the current point */
            Q.detsign = newsign;
        }
        lastsign = Q.detsign;
        int its = -1;
        while (its < 0) {
            for (size_t k = 0; k < M; k++) Q.pred[k] = Q.x[k] + h * Q.tan[k];
            its = correct(&Q, Q.pred, Q.tan, Q.y);
            if (its < 0) h /= 2;
            if (h < 1e-12) break;
        }
        if (its < 0) {
            /* the path can no longer be followed (at large lambda the dictionary of a
             * degenerate end is near singular): one last polish, accepted close to the path */
            double regret;
            int ok = 0;
            for (size_t k = 0; k < N; k++) full[k] = exp(Q.x[k]);
            if (Q.x[N] >= POLISH_FROM) st = polish(&Q, full, eq, &regret, &ok);
            if (st == LIA_OK && ok && maxdiff(eq, full, N) <= 0.05) {
                found = 1;
                end = END_LIMIT;
            }
            break;
        }
        memcpy(Q.xold, Q.x, M * sizeof *Q.x);
        memcpy(Q.x, Q.y, M * sizeof *Q.x);
        memcpy(Q.prev, Q.tan, M * sizeof *Q.prev);
        hlast = h;
        if (its <= 3) h = fmin(h * 1.6, 0.5 + 0.25 * fabs(Q.x[N]));
        double lambda = Q.x[N];
        for (size_t k = 0; k < N; k++) full[k] = exp(Q.x[k]);
        /* keep the path at about every 5% growth of lambda */
        if (e->path_n < MAX_POINTS && lambda > 1.05 * last_recorded + 1e-3) {
            if (!lia__eqset_add_path(e, lambda / Q.scale, full)) { st = LIA_ENOMEM; break; }
            last_recorded = lambda;
        }
        if (lambda < next_polish && lambda < LAMBDA_END) continue;
        /* the end of the path: an equilibrium that polishing reaches from two points of the
         * path in a row (lambda and 1.5 lambda), close to the path. Newton from a point of
         * small lambda could land on another equilibrium of the same support. */
        double regret;
        int ok = 0;
        st = polish(&Q, full, eq, &regret, &ok);
        if (st != LIA_OK) break;
        ok = ok && maxdiff(eq, full, N) <= 0.05;
        if (ok && have_prev && maxdiff(eq, prev_eq, N) <= 1e-8) {
            found = 1;
            end = END_LIMIT;
            break;
        }
        have_prev = ok;
        memcpy(prev_eq, eq, N * sizeof *eq);
        if (ok) {
            memcpy(last_ok, eq, N * sizeof *eq);
            have_last_ok = 1;
        }
        /* a path that converges slowly (along a continuum of equilibria, or to a point whose
         * support system is singular) keeps moving by more than 1e-8 between polishings: its
         * limit is extrapolated from the last three polishing points and accepted once two
         * extrapolations in a row polish to the same verified equilibrium near the path */
        double *oldest = hist[0];
        hist[0] = hist[1];
        hist[1] = hist[2];
        hist[2] = oldest;
        memcpy(hist[2], full, N * sizeof *full);
        histlam[0] = histlam[1];
        histlam[1] = histlam[2];
        histlam[2] = lambda;
        /* Aitken needs the three precisions in one ratio (the last, cut at LAMBDA_END, is not) */
        if (++nhist >= 3 && fabs(histlam[2] * histlam[0] / (histlam[1] * histlam[1]) - 1) < 1e-3) {
            extrapolate(&Q, hist[0], hist[1], hist[2], lim);
            have_lim = 1;
            double lreg;
            int lok = 0;
            st = polish(&Q, lim, limeq, &lreg, &lok);
            if (st != LIA_OK) break;
            lok = lok && maxdiff(limeq, full, N) <= 0.05;
            if (lok && have_prev_lim && maxdiff(limeq, prev_lim, N) <= 1e-7) {
                memcpy(eq, limeq, N * sizeof *eq);
                regret = lreg;
                found = 1;
                end = END_EXTRAPOLATED;
                break;
            }
            have_prev_lim = lok;
            memcpy(prev_lim, limeq, N * sizeof *limeq);
        }
        next_polish = lambda * 1.5;
        if (lambda >= LAMBDA_END) break;
    }
    /* out of path (steps, precision or a step that cannot be completed): the last equilibrium
     * polishing verified near the path is an equilibrium of the support the path converges
     * to, reported as such; without one nothing unverified is reported */
    if (st == LIA_OK && !found && have_last_ok) {
        memcpy(eq, last_ok, N * sizeof *eq);
        found = 1;
        end = END_STOPPED;
        /* the last extrapolated limit is nearer the end but may lie just beyond the verified
         * set (the end of a continuum is often its boundary): move from the verified point
         * towards it as far as the check allows, by bisection on the segment */
        if (have_lim) {
            /* the extrapolation's vanishing probabilities are noise: zero them */
            for (size_t i = 0; i < g->np; i++) {
                double top = 0, sum = 0;
                for (size_t a = Q.off[i]; a < Q.off[i + 1]; a++) top = fmax(top, lim[a]);
                for (size_t a = Q.off[i]; a < Q.off[i + 1]; a++) sum += lim[a] = lim[a] >= 1e-6 * top ? lim[a] : 0;
                for (size_t a = Q.off[i]; a < Q.off[i + 1]; a++) lim[a] /= sum;
            }
            double lo = 0, hi = 1;
            for (int it = 0; it < 40 && st == LIA_OK; it++) {
                double mid = (lo + hi) / 2, r;
                int ok = 0;
                for (size_t k = 0; k < N; k++) full[k] = last_ok[k] + mid * (lim[k] - last_ok[k]);
                st = lia__regret_verify(g, full, &r, &ok);
                if (st == LIA_EUSAGE) { st = LIA_OK; ok = 0; }
                if (ok) { lo = mid; memcpy(eq, full, N * sizeof *eq); }
                else hi = mid;
            }
        }
    }
    if (st == LIA_OK && !found) st = LIA_EINTERNAL;
    if (st == LIA_OK) {
        double regret = INFINITY;
        int ok = 0;
        st = lia__regret_verify(g, eq, &regret, &ok);
        if (st == LIA_OK && !ok) st = LIA_EINTERNAL;
        if (st == LIA_OK) st = lia_game_expected_payoffs(g, eq, pay);
        if (st == LIA_OK && !lia__eqset_add(e, eq, pay, regret)) st = LIA_ENOMEM;
        if (st == LIA_OK) e->qre_end = end;
    }
done:
    lia__free(pay);
    lia__free(buf);
    qre_free(&Q);
    return st;
}
