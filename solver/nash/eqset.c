/* eqset.c — building and reading equilibrium sets (written by eqset_write.c). */
#include "eqset.h"
#include "../game/game.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

lia_eqset *lia__eqset_new(const lia_game *g, const char *method)
{
    lia_eqset *e = lia__calloc(1, sizeof *e);
    if (!e) return NULL;
    lia__arena_init(&e->arena);
    e->memory_cap = LIA_DEFAULT_MEMORY_CAP;   /* lia_game_nash sets the caller's */
    e->np = g->np;
    e->game = copy(&e->arena, g->name);
    e->method = copy(&e->arena, method);
    e->players = lia__arena_array(&e->arena, g->np, sizeof *e->players);
    e->ns = lia__arena_array(&e->arena, g->np, sizeof *e->ns);
    e->strategies = lia__arena_array(&e->arena, g->np, sizeof *e->strategies);
    int ok = e->game && e->method && e->players && e->ns && e->strategies;
    for (size_t p = 0; ok && p < g->np; p++) {
        e->ns[p] = g->ns[p];
        e->width += g->ns[p];
        ok = (e->players[p] = copy(&e->arena, g->players[p])) != NULL &&
             (e->strategies[p] = lia__arena_array(&e->arena, g->ns[p], sizeof(char *))) != NULL;
        for (size_t s = 0; ok && s < g->ns[p]; s++) ok = (e->strategies[p][s] = copy(&e->arena, g->strategies[p][s])) != NULL;
    }
    if (!ok) { lia_eqset_free(e); return NULL; }
    for (size_t k = 0; k < g->np * g->nprofiles; k++) e->scale = fmax(e->scale, fabs(g->payoffs[k]));
    return e;
}

int lia__eqset_add(lia_eqset *e, const double *profile, const double *payoffs, double regret)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8, b1, b2;
        if (!lia__size_mul(cap, e->width * sizeof(double), &b1) || !lia__size_mul(cap, e->np * sizeof(double), &b2))
            return 0;
        double *x = lia__realloc(e->profiles, b1);
        if (!x) return 0;
        e->profiles = x;
        double *u = lia__realloc(e->payoffs, b2);
        if (!u) return 0;
        e->payoffs = u;
        double *r = lia__realloc(e->regrets, cap * sizeof(double));
        if (!r) return 0;
        e->regrets = r;
        e->cap = cap;
    }
    memcpy(e->profiles + e->n * e->width, profile, e->width * sizeof(double));
    memcpy(e->payoffs + e->n * e->np, payoffs, e->np * sizeof(double));
    e->regrets[e->n++] = regret;
    return 1;
}

void lia__eqset_magnitudes(lia_eqset *e, const lia_game *g)
{
    size_t np = e->np, total = 0;
    if (!e->n || np != g->np) return;
    size_t *cnt = lia__malloc(2 * np * sizeof *cnt), *at = cnt ? cnt + np : NULL;
    size_t *supp = lia__malloc((e->width + 1) * sizeof *supp), *stride = lia__malloc(np * sizeof *stride);
    size_t *odo = lia__malloc(np * sizeof *odo);
    double *mag = lia__calloc(e->n * np, sizeof *mag);
    int ok = cnt && supp && stride && odo && mag;
    for (size_t p = 0, s = 1; ok && p < np; s *= g->ns[p], p++) stride[p] = s;
    /* the profiles to visit, counted first: a fully mixed equilibrium of a large game has many */
    for (size_t k = 0; ok && k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        size_t prod = 1;
        for (size_t p = 0, off = 0; p < np; off += e->ns[p], p++) {
            size_t c = 0;
            for (size_t s = 0; s < e->ns[p]; s++) c += x[off + s] > 0;
            prod = c && prod <= ((size_t)1 << 26) / c ? prod * c : ((size_t)1 << 26) + 1;
        }
        total += prod;
        ok = total <= (size_t)1 << 26;
    }
    for (size_t k = 0; ok && k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        size_t used = 0;
        for (size_t p = 0, off = 0; p < np; off += e->ns[p], p++) {
            at[p] = used;
            for (size_t s = 0; s < e->ns[p]; s++)
                if (x[off + s] > 0) supp[used++] = s;
            cnt[p] = used - at[p];
            odo[p] = 0;
        }
        for (;;) {   /* every profile of the support, player 0 fastest */
            double prob = 1;
            size_t idx = 0;
            for (size_t p = 0, off = 0; p < np; off += e->ns[p], p++) {
                size_t s = supp[at[p] + odo[p]];
                prob *= x[off + s];
                idx += s * stride[p];
            }
            for (size_t p = 0; p < np; p++) mag[k * np + p] += prob * fabs(g->payoffs[p * g->nprofiles + idx]);
            size_t p = 0;
            while (p < np && ++odo[p] == cnt[p]) odo[p++] = 0;
            if (p == np) break;
        }
    }
    lia__free(cnt);
    lia__free(supp);
    lia__free(stride);
    lia__free(odo);
    if (ok) e->mag = mag;
    else lia__free(mag);
}

int lia__eqset_add_exact(lia_eqset *e, const char *const *values)
{
    size_t stride = e->width + e->np, need;
    if (!e->n || !lia__size_mul(e->cap, stride, &need)) return 0;
    if (e->exact_cap < need) {
        char **x = lia__realloc(e->exact, need * sizeof *x);
        if (!x) return 0;
        for (size_t i = e->exact_cap; i < need; i++) x[i] = NULL;
        e->exact = x;
        e->exact_cap = need;
    }
    char **row = e->exact + (e->n - 1) * stride;
    for (size_t i = 0; i < stride; i++)
        if (!(row[i] = lia__arena_strndup(&e->arena, values[i], strlen(values[i])))) return 0;
    return 1;
}

/* Append (lambda, profile) to a list of path points; 0 on allocation failure. */
static int add_point(const lia_eqset *e, size_t *n, size_t *cap, double **lam, double **prof, double lambda,
                     const double *profile)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 32, bytes;
        if (!lia__size_mul(c, e->width * sizeof(double), &bytes)) return 0;
        double *l = lia__realloc(*lam, c * sizeof *l);
        if (!l) return 0;
        *lam = l;
        double *x = lia__realloc(*prof, bytes);
        if (!x) return 0;
        *prof = x;
        *cap = c;
    }
    (*lam)[*n] = lambda;
    memcpy(*prof + *n * e->width, profile, e->width * sizeof *profile);
    (*n)++;
    return 1;
}

int lia__eqset_add_path(lia_eqset *e, double lambda, const double *profile)
{
    return add_point(e, &e->path_n, &e->path_cap, &e->path_lambda, &e->path_profiles, lambda, profile);
}

int lia__eqset_add_branch(lia_eqset *e, double lambda, const double *profile)
{
    return add_point(e, &e->branch_n, &e->branch_cap, &e->branch_lambda, &e->branch_profiles, lambda, profile);
}

void lia__eqset_clear(lia_eqset *e)
{
    e->n = 0;
    e->path_n = 0;
    e->branch_n = 0;
    e->qre_end = NULL;
    if (e->exact)
        for (size_t i = 0; i < e->exact_cap; i++) e->exact[i] = NULL;   /* the strings live in the arena */
    lia__bicliques_free(&e->cliques);
    e->has_cliques = 0;
}

size_t lia_eqset_path_count(const lia_eqset *e) { return e ? e->path_n : 0; }

const double *lia_eqset_path_point(const lia_eqset *e, size_t k, double *lambda)
{
    if (!e || k >= e->path_n) return NULL;
    if (lambda) *lambda = e->path_lambda[k];
    return e->path_profiles + k * e->width;
}

size_t lia_eqset_branch_count(const lia_eqset *e) { return e ? e->branch_n : 0; }

const double *lia_eqset_branch_point(const lia_eqset *e, size_t k, double *lambda)
{
    if (!e || k >= e->branch_n) return NULL;
    if (lambda) *lambda = e->branch_lambda[k];
    return e->branch_profiles + k * e->width;
}

const char *lia_eqset_qre_end(const lia_eqset *e) { return e ? e->qre_end : NULL; }

void lia_eqset_free(lia_eqset *e)
{
    lia__errmsg_forget(e);
    if (!e) return;
    lia__free(e->branch_lambda);
    lia__free(e->branch_profiles);
    lia__free(e->path_lambda);
    lia__free(e->path_profiles);
    lia__free(e->exact);
    lia__bicliques_free(&e->cliques);
    lia__free(e->profiles);
    lia__free(e->payoffs);
    lia__free(e->regrets);
    lia__free(e->mag);
    lia__arena_free(&e->arena);
    lia__free(e);
}

const char *lia_eqset_errmsg(const lia_eqset *e) { return lia__errmsg_of(e); }

double lia__player_tolerance(const lia_game *g, size_t p)
{
    /* 1e-9 of the player's payoff spread (what a gain is measured against: a game whose
     * payoffs all sit near 1e12 still has differences of 0.5 that matter), plus a few ulps of
     * its largest |payoff| for the rounding of sums of such numbers */
    const double *u = g->payoffs + p * g->nprofiles;
    double lo = INFINITY, hi = -INFINITY, big = 0;
    for (size_t k = 0; k < g->nprofiles; k++) {
        lo = fmin(lo, u[k]);
        hi = fmax(hi, u[k]);
        big = fmax(big, fabs(u[k]));
    }
    return LIA_REGRET_TOL * (hi - lo) + 1e-15 * big;
}

double lia__regret_tolerance(const lia_game *g)
{
    /* no floor at 1: a game of payoffs around 1e-12 must be checked at its own scale */
    double scale = 0;
    for (size_t i = 0; i < g->np * g->nprofiles; i++) scale = fmax(scale, fabs(g->payoffs[i]));
    return LIA_REGRET_TOL * scale;
}

size_t lia_eqset_count(const lia_eqset *e) { return e ? e->n : 0; }
const double *lia_eqset_profile(const lia_eqset *e, size_t k) { return e && k < e->n ? e->profiles + k * e->width : NULL; }
const double *lia_eqset_payoffs(const lia_eqset *e, size_t k) { return e && k < e->n ? e->payoffs + k * e->np : NULL; }
double lia_eqset_regret(const lia_eqset *e, size_t k) { return e && k < e->n ? e->regrets[k] : -1; }

const char *lia_eqset_exact(const lia_eqset *e, size_t k, size_t i)
{
    return e && e->show_exact ? lia__eqset_exact_raw(e, k, i) : NULL;
}

const char *lia__eqset_exact_raw(const lia_eqset *e, size_t k, size_t i)
{
    size_t stride = e ? e->width + e->np : 0;
    if (!e || !e->exact || k >= e->n || i >= stride || k * stride + i >= e->exact_cap) return NULL;
    return e->exact[k * stride + i];
}

size_t lia_eqset_component_count(const lia_eqset *e) { return e && e->has_cliques ? e->cliques.ncomponents : 0; }
size_t lia_eqset_clique_count(const lia_eqset *e) { return e && e->has_cliques ? e->cliques.ncliques : 0; }

lia_status lia_eqset_clique(const lia_eqset *e, size_t c, const size_t **equilibria, size_t *count, size_t *component)
{
    if (!e || !equilibria || !count || c >= lia_eqset_clique_count(e)) return LIA_EUSAGE;
    *equilibria = e->cliques.edge + e->cliques.start[c];
    *count = e->cliques.start[c + 1] - e->cliques.start[c];
    if (component) *component = e->cliques.comp[c];
    return LIA_OK;
}
