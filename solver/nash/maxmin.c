/* maxmin.c — security strategies by LP (any game) and the equilibria of two-player
 * constant-sum games, which are the players' security strategies. */
#include "nash.h"
#include "../lp/lp.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* The worst case of mixed strategy x of player p over the others' pure profiles (the minimum
 * of a linear function over their mixtures is attained at one). */
static double worst_case(const lia_game *g, size_t p, const double *x)
{
    size_t stride = 1;
    for (size_t q = 0; q < p; q++) stride *= g->ns[q];
    size_t block = stride * g->ns[p];
    const double *u = g->payoffs + p * g->nprofiles;
    double worst = INFINITY;
    for (size_t hi = 0; hi < g->nprofiles; hi += block)
        for (size_t lo = 0; lo < stride; lo++) {
            double v = 0;
            for (size_t s = 0; s < g->ns[p]; s++) v += x[s] * u[hi + lo + s * stride];
            if (v < worst) worst = v;
        }
    return worst;
}

/* max v  s.t.  sum_s x_s u_p(s, t) - v >= 0 for every profile t of the others,  sum x = 1.
 * Columns x_0 .. x_{n-1}, v; rows in the order of t (first other player fastest), then the sum.
 * `mapped` gives the LP p's payoffs mapped onto [0, 1] (for solving; umin and span say how),
 * else the game's own payoffs (for writing it out). */
typedef struct security {
    lia_lp lp;
    size_t *ri, *ci;
    double *val, *obj, *rhs, *lo, *hi;
    lia_row_kind *kind;
    double umin, umax, span;
} security;

static void security_free(security *s)
{
    lia__free(s->ri); lia__free(s->ci); lia__free(s->val); lia__free(s->obj); lia__free(s->rhs);
    lia__free(s->lo); lia__free(s->hi); lia__free(s->kind);
}

static lia_status security_build(security *sec, const lia_game *g, size_t p, int mapped)
{
    size_t n = g->ns[p], contexts = g->nprofiles / n, stride = 1;
    for (size_t q = 0; q < p; q++) stride *= g->ns[q];
    size_t block = stride * n, rows = contexts + 1, cols = n + 1, nnz = contexts * cols + n;
    *sec = (security){ .ri = lia__malloc(nnz * sizeof(size_t)), .ci = lia__malloc(nnz * sizeof(size_t)),
                       .val = lia__malloc(nnz * sizeof(double)), .obj = lia__calloc(cols, sizeof(double)),
                       .rhs = lia__calloc(rows, sizeof(double)), .lo = lia__malloc(cols * sizeof(double)),
                       .hi = lia__malloc(cols * sizeof(double)), .kind = lia__malloc(rows * sizeof(lia_row_kind)),
                       .umin = 0, .umax = 0, .span = 1 };
    if (!sec->ri || !sec->ci || !sec->val || !sec->obj || !sec->rhs || !sec->lo || !sec->hi || !sec->kind) {
        security_free(sec);
        return LIA_ENOMEM;
    }
    const double *u = g->payoffs + p * g->nprofiles;
    /* mapped onto [0, 1], the strategy is unchanged, and GLPK's absolute tolerances then mean
     * the same for payoffs of 1e-12 and of 1e9 */
    if (mapped) {
        double umin = INFINITY, umax = -INFINITY;
        for (size_t q = 0; q < g->nprofiles; q++) { umin = fmin(umin, u[q]); umax = fmax(umax, u[q]); }
        sec->umin = umin;
        sec->umax = umax;
        sec->span = umax > umin ? umax - umin : 1;
    }
    size_t k = 0, r = 0;
    for (size_t h = 0; h < g->nprofiles; h += block)
        for (size_t l = 0; l < stride; l++, r++) {
            for (size_t s = 0; s < n; s++) {
                sec->ri[k] = r; sec->ci[k] = s;
                sec->val[k++] = mapped ? lia__lp_unit(u[h + l + s * stride], sec->umin, sec->span) : u[h + l + s * stride];
            }
            sec->ri[k] = r; sec->ci[k] = n; sec->val[k++] = -1;
            sec->kind[r] = LIA_ROW_GE;
        }
    for (size_t s = 0; s < n; s++) { sec->ri[k] = contexts; sec->ci[k] = s; sec->val[k++] = 1; }
    sec->kind[contexts] = LIA_ROW_EQ;
    sec->rhs[contexts] = 1;
    for (size_t j = 0; j < cols; j++) { sec->lo[j] = 0; sec->hi[j] = INFINITY; }
    sec->lo[n] = -INFINITY;                /* v is free */
    sec->obj[n] = 1;
    sec->lp = (lia_lp){ rows, cols, nnz, 1, sec->obj, sec->ri, sec->ci, sec->val, sec->kind, sec->rhs, sec->lo, sec->hi };
    return LIA_OK;
}

static lia_status security_lp(const lia_game *g, size_t p, double *value, double *x)
{
    size_t n = g->ns[p];
    security sec;
    lia_status st = security_build(&sec, g, p, 1);
    if (st != LIA_OK) return st;
    double *sol = lia__malloc((n + 1) * sizeof *sol);
    lia_lp_outcome out;
    st = sol ? lia__lp_solve(&sec.lp, &out, sol, NULL) : LIA_ENOMEM;
    if (st == LIA_OK && out != LIA_LP_OPTIMAL) st = LIA_EINTERNAL;   /* always feasible and bounded */
    if (st == LIA_OK) {
        double sum = 0;
        for (size_t s = 0; s < n; s++) { x[s] = sol[s] > 0 ? sol[s] : 0; sum += x[s]; }
        for (size_t s = 0; s < n; s++) x[s] /= sum;
        /* verify independently: the strategy really guarantees the value */
        *value = worst_case(g, p, x);
        double scale = fmax(fabs(sec.umin), fabs(sec.umax));
        if (!(fabs(*value - (sol[n] * sec.span + sec.umin)) <= 1e-9 * fmax(scale, sec.span))) st = LIA_EINTERNAL;   /* NaN fails too */
    }
    lia__free(sol);
    security_free(&sec);
    return st;
}

/* Why a security-level call failed, for lia_errmsg (a deeper message stays). */
static lia_status security_explain(lia_status st, const lia_game *g, size_t player)
{
    if (st == LIA_OK) return st;
    if (!g) return lia__errmsg_default(st, "the security level of a NULL game");
    if (player >= g->np)
        return lia__errmsg_default(st, "player %zu is out of range: '%s' has players 0 to %zu", player, g->name,
                                   g->np - 1);
    if (st == LIA_EUSAGE) return lia__errmsg_default(st, "the security level of %s in '%s': a NULL output", g->players[player], g->name);
    if (st == LIA_ENOMEM)
        return lia__errmsg_default(st, "out of memory building the security LP of %s in '%s'", g->players[player], g->name);
    return lia__errmsg_default(st, "the security LP of %s in '%s' gave no optimum that passes re-verification "
                                   "against every pure profile of the others (GLPK: %s)", g->players[player], g->name,
                               lia_status_name(st));
}

lia_status lia_game_maxmin(const lia_game *g, size_t player, double *value, double *strategy)
{
    lia__errmsg_clear();
    if (!g || player >= g->np || !value || !strategy) return security_explain(LIA_EUSAGE, g, player);
    return security_explain(security_lp(g, player, value, strategy), g, player);
}

/* Column names x(strategy) and v; row names vs(the others' strategies) and total. */
static int security_names(lia_arena *a, const lia_game *g, size_t p, const char **cols, const char **rows)
{
    const char *parts[1] = { NULL };
    for (size_t s = 0; s < g->ns[p]; s++) {
        parts[0] = g->strategies[p][s];
        if (!(cols[s] = lia__lp_name(a, "x", 1, parts))) return 0;
    }
    cols[g->ns[p]] = "v";
    const char **others = lia__arena_array(a, g->np, sizeof *others);
    if (!others) return 0;
    size_t r = 0;
    for (size_t t = 0; t < g->nprofiles; t++) {
        size_t rest = t, k = 0, own = 0;
        for (size_t q = 0; q < g->np; rest /= g->ns[q], q++) {
            if (q == p) own = rest % g->ns[q];
            else others[k++] = g->strategies[q][rest % g->ns[q]];
        }
        if (own) continue;                 /* one row per profile of the others: those with s_p = 0 */
        if (!(rows[r++] = lia__lp_name(a, "vs", k, others))) return 0;
    }
    rows[r] = "total";
    return 1;
}

lia_status lia_game_maxmin_lp(char **out, size_t *len, const lia_game *g, size_t player)
{
    lia__errmsg_clear();
    if (!out) return security_explain(LIA_EUSAGE, g, player);
    *out = NULL;
    if (!g || player >= g->np) return security_explain(LIA_EUSAGE, g, player);
    security sec;
    lia_status st = security_build(&sec, g, player, 0);   /* in the game's units: its optimum is the value */
    if (st != LIA_OK) return security_explain(st, g, player);
    lia_arena a;
    lia__arena_init(&a);
    const char **cols = lia__arena_array(&a, sec.lp.cols, sizeof *cols);
    const char **rows = lia__arena_array(&a, sec.lp.rows, sizeof *rows);
    size_t tcap = strlen(g->name) + strlen(g->players[player]) + 64;
    char *title = lia__arena_alloc(&a, tcap);
    st = LIA_ENOMEM;
    if (cols && rows && title && security_names(&a, g, player, cols, rows)) {
        snprintf(title, tcap, "liaison: security (maxmin) LP of player %s in game %s", g->players[player], g->name);
        st = lia__lp_write_cplex(out, len, &sec.lp, title, cols, rows);
    }
    lia__arena_free(&a);
    security_free(&sec);
    return security_explain(st, g, player);
}

/* u_0 + u_1 is the same at every profile (exactly, when the game is exact). */
static int constant_sum(const lia_game *g)
{
    if (g->np != 2) return 0;
    const size_t P = g->nprofiles;
    if (g->exact) {
        lia_num c = lia__num_add(g->exact[0], g->exact[P]);
        int all = lia_num_exact(c);
        for (size_t k = 1; all && k < P; k++) {
            lia_num s = lia__num_add(g->exact[k], g->exact[P + k]);
            if (!lia_num_exact(s)) { all = 0; break; }
            if (lia__num_cmp(s, c) != 0) return 0;
        }
        if (all) return 1;
    }
    double c = g->payoffs[0] + g->payoffs[P], scale = 0;
    for (size_t k = 0; k < 2 * P; k++) scale = fmax(scale, fabs(g->payoffs[k]));
    for (size_t k = 1; k < P; k++)   /* relative to the payoffs, not to 1 */
        if (!(fabs(g->payoffs[k] + g->payoffs[P + k] - c) <= 1e-12 * scale)) return 0;
    return 1;
}

lia_status lia__nash_lp(lia_eqset *e, const lia_game *g)
{
    if (!constant_sum(g)) return LIA_EUSAGE;
    double *x = lia__malloc(e->width * sizeof *x), u[2], v0, v1, regret;
    if (!x) return LIA_ENOMEM;
    lia_status st = security_lp(g, 0, &v0, x);
    if (st == LIA_OK) st = security_lp(g, 1, &v1, x + g->ns[0]);
    if (st == LIA_OK) st = lia_game_regret(g, x, &regret);
    if (st == LIA_OK) st = lia_game_expected_payoffs(g, x, u);
    if (st == LIA_OK && regret > lia__regret_tolerance(g)) st = LIA_EINTERNAL;   /* the minimax theorem says 0 */
    if (st == LIA_OK && !lia__eqset_add(e, x, u, regret)) st = LIA_ENOMEM;
    lia__free(x);
    return st;
}
