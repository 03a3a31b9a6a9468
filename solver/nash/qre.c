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
    lapack_int *ipiv;
} qre;

static lia_status qre_init(qre *Q, const lia_game *g)
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
    /* the dense N x N payoff derivatives and the (N+1)^2 Jacobian must fit the memory cap */
    if ((double)N * N * 2 * sizeof(double) > (double)LIA_DEFAULT_MEMORY_CAP) return LIA_ELIMIT;
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
    Q->ipiv = lia__malloc(M * sizeof *Q->ipiv);
    if (!Q->p || !Q->U || !Q->cross || !Q->J || !Q->rhs || !Q->tan || !Q->prev || !Q->x || !Q->y || !Q->pred ||
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

/* Solve [J; t^T] v = b in place (b has N + 1 entries); 0 if singular. */
static int solve_bordered(qre *Q, const double *t, double *b)
{
    size_t N = Q->N, M = N + 1;
    for (size_t c = 0; c < M; c++) Q->J[c * M + N] = t[c];
    return lia_small_dsolve(M, Q->J, b, Q->ipiv);
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
        st = lia_indiff_init(&sys, g, k, sup, Q->pscale);
        have = st == LIA_OK;
    }
    if (st == LIA_OK) {
        lia_indiff_unknowns(&sys, p, z);
        if (lia_indiff_newton(&sys, z, 50)) {
            lia_indiff_profile(&sys, z, out);
            int feasible = 1;
            for (size_t a = 0; a < width; a++) {
                if (!isfinite(out[a]) || out[a] < -1e-12) feasible = 0;
                if (out[a] < 0) out[a] = 0;
            }
            if (feasible) st = lia_regret_verify(g, out, regret, ok);
            if (st == LIA_EUSAGE) { st = LIA_OK; *ok = 0; }   /* not a probability vector after all */
        }
    }
    if (have) lia_indiff_free(&sys);
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
        st = lia_regret_verify(g, out, regret, ok);
        if (st == LIA_EUSAGE) { st = LIA_OK; *ok = 0; }
    }
    lia__free(k);
    lia__free(sup);
    lia__free(z);
    return st;
}

lia_status lia_nash_qre(lia_eqset *e, const lia_game *g)
{
    qre Q;
    lia_status st = qre_init(&Q, g);
    size_t N = Q.N, M = N + 1;
    double *full = lia__calloc(N, sizeof *full), *eq = lia__calloc(N, sizeof *eq);
    double *pay = lia__malloc(g->np * sizeof *pay);
    if (st == LIA_OK && (!full || !eq || !pay)) st = LIA_ENOMEM;
    if (st != LIA_OK) goto done;
    /* start: lambda = 0, each player uniform; the first tangent points to growing lambda */
    for (size_t i = 0; i < g->np; i++)
        for (size_t s = 0; s < g->ns[i]; s++) Q.x[Q.off[i] + s] = -log((double)g->ns[i]);
    Q.x[N] = 0;
    for (size_t k = 0; k < M; k++) Q.prev[k] = k == N ? 1.0 : 0.0;
    double h = 0.03, last_recorded = -1, next_polish = POLISH_FROM;
    int found = 0, have_prev = 0;
    double *prev_eq = lia__calloc(N, sizeof *prev_eq);
    if (!prev_eq) { st = LIA_ENOMEM; goto done; }
    for (size_t step = 0; step < MAX_STEPS && !found && st == LIA_OK; step++) {
        if (!tangent(&Q, Q.x, Q.prev, Q.tan)) { st = LIA_EINTERNAL; break; }
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
            int ok = 0, near_ok = 1;
            for (size_t k = 0; k < N; k++) full[k] = exp(Q.x[k]);
            if (Q.x[N] >= POLISH_FROM) st = polish(&Q, full, eq, &regret, &ok);
            for (size_t k = 0; ok && k < N; k++) near_ok = near_ok && fabs(eq[k] - full[k]) <= 0.05;
            if (st == LIA_OK && ok && near_ok) {
                found = 1;
                st = lia_game_expected_payoffs(g, eq, pay);
                if (st == LIA_OK && !lia_eqset_add(e, eq, pay, regret)) st = LIA_ENOMEM;
            } else if (st == LIA_OK) {
                st = LIA_EINTERNAL;
            }
            break;
        }
        memcpy(Q.x, Q.y, M * sizeof *Q.x);
        memcpy(Q.prev, Q.tan, M * sizeof *Q.prev);
        if (its <= 3) h = fmin(h * 1.6, 0.5 + 0.25 * fabs(Q.x[N]));
        double lambda = Q.x[N];
        for (size_t k = 0; k < N; k++) full[k] = exp(Q.x[k]);
        /* keep the path at about every 5% growth of lambda */
        if (e->path_n < MAX_POINTS && lambda > 1.05 * last_recorded + 1e-3) {
            if (!lia_eqset_add_path(e, lambda / Q.scale, full)) { st = LIA_ENOMEM; break; }
            last_recorded = lambda;
        }
        if (lambda >= next_polish || lambda >= LAMBDA_END) {
            /* the end of the path: an equilibrium that polishing reaches from two points of
             * the path in a row (lambda and 1.5 lambda), close to the path. Newton from a
             * point of small lambda could land on another equilibrium of the same support. */
            double regret;
            int ok = 0;
            st = polish(&Q, full, eq, &regret, &ok);
            if (st != LIA_OK) break;
            double near = 0, same = 0;
            for (size_t k = 0; k < N; k++) {
                near = fmax(near, fabs(eq[k] - full[k]));
                same = fmax(same, fabs(eq[k] - prev_eq[k]));
            }
            if (ok && near <= 0.05 && have_prev && same <= 1e-8) {
                found = 1;
                st = lia_game_expected_payoffs(g, eq, pay);
                if (st == LIA_OK && !lia_eqset_add(e, eq, pay, regret)) st = LIA_ENOMEM;
            }
            have_prev = ok;
            memcpy(prev_eq, eq, N * sizeof *eq);
            next_polish = lambda * 1.5;
            if (!found && lambda >= LAMBDA_END) { st = LIA_EINTERNAL; break; }
        }
    }
    if (st == LIA_OK && !found) st = LIA_EINTERNAL;   /* out of steps: nothing unverified is reported */
    lia__free(prev_eq);
done:
    lia__free(pay);
    lia__free(full);
    lia__free(eq);
    qre_free(&Q);
    return st;
}
