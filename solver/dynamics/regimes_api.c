/* regimes_api.c — the lia_regimes handle: each regime's stage game compiled on a clone of the
 * model, its C, D and P at the commitment (solver/repeat), then the chain (regimes.c). */
#include "regimes_internal.h"
#include "../repeat/repeat.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void fail(lia_regimes *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(lia_regimes *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
    va_end(ap);
}

static const char *first_error(const lia_model *m)
{
    for (size_t k = 0; k < lia_model_diag_count(m); k++) {
        const lia_diag *d = lia_model_diag_at(m, k);
        if (d->severity == LIA_ERROR) return d->message;
    }
    return lia_model_errmsg(m);
}

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

/* The members and arrays, from the first regime's game. */
static lia_status setup(lia_regimes *r, const lia_game *g)
{
    lia_arena *a = &r->arena;
    size_t np = g->np, nr = r->nr, cells = np * nr;
    r->np = np;
    r->game = copy(a, g->name);
    r->members = lia__arena_array(a, np, sizeof *r->members);
    r->patience = lia__arena_array(a, np, sizeof *r->patience);
    r->c = lia__arena_array(a, 6 * cells, sizeof *r->c);
    r->reach = lia__arena_array(a, nr, 1);
    r->star = lia__arena_array(a, np, sizeof *r->star);
    r->avg = lia__arena_array(a, np, sizeof *r->avg);
    r->t = lia__arena_array(a, cells, sizeof *r->t);
    r->sustainable = lia__arena_array(a, np, sizeof *r->sustainable);
    if (!r->game || !r->members || !r->patience || !r->c || !r->reach || !r->star || !r->avg || !r->t ||
        !r->sustainable)
        return LIA_ENOMEM;
    r->d = r->c + cells;
    r->p = r->d + cells;
    r->v = r->p + cells;
    r->w = r->v + cells;
    r->slack = r->w + cells;
    for (size_t i = 0; i < np; i++) {
        if (!(r->members[i] = copy(a, g->players[i]))) return LIA_ENOMEM;
        r->patience[i] = NAN;
    }
    return LIA_OK;
}

/* Regime s: clone, apply, compile, and read C, D, P at the commitment. */
static lia_status one_regime(lia_regimes *r, const lia_model *m, const char *game, size_t s)
{
    lia_model *mc = NULL;
    lia_game *g = NULL;
    size_t *commit = NULL;
    lia_deviation *dv = NULL;
    double *pn = NULL;
    lia_status st = lia_model_clone(&mc, m);
    if (st == LIA_ENOMEM) goto done;
    if (st != LIA_OK) {
        fail(r, "the model is invalid: %s", mc ? first_error(mc) : lia_status_name(st));
        goto done;
    }
    if ((st = lia_model_apply_regime(mc, s)) != LIA_OK) {
        if (st != LIA_ENOMEM) fail(r, "regime '%s' makes the model invalid: %s", r->names[s], first_error(mc));
        goto done;
    }
    if ((st = lia_model_compile(&g, mc, game, NULL)) != LIA_OK) {
        if (st != LIA_ENOMEM) fail(r, "regime '%s': %s", r->names[s], lia_model_errmsg(mc));
        goto done;
    }
    if (!r->members && (st = setup(r, g)) != LIA_OK) goto done;
    size_t np = r->np, nr = r->nr;
    int same = g->np == np;
    for (size_t i = 0; same && i < np; i++) same = strcmp(g->players[i], r->members[i]) == 0;
    if (!same) {
        fail(r, "regime '%s' changes the members of '%s': the regimes must share one stage game's players",
             r->names[s], r->game);
        st = LIA_EUSAGE;
        goto done;
    }
    commit = lia__malloc(np * sizeof *commit);
    dv = lia__malloc(np * sizeof *dv);
    pn = lia__malloc(np * sizeof *pn);
    if (!commit || !dv || !pn) { st = LIA_ENOMEM; goto done; }
    size_t prof;
    if (!lia_game_commitment(g, commit) || lia_game_profile_index(g, commit, &prof) != LIA_OK) {
        fail(r, "'%s' has no commitment: the regime analysis is of an agreement's commitment", r->game);
        st = LIA_EUSAGE;
        goto done;
    }
    /* the averaged stage game: the regimes' payoffs weighted by the long-run distribution */
    if (!r->avg_pay) {
        r->ns = lia__arena_array(&r->arena, np, sizeof *r->ns);
        r->commit = lia__arena_array(&r->arena, np, sizeof *r->commit);
        r->avg_pay = lia__arena_array(&r->arena, np * g->nprofiles, sizeof *r->avg_pay);
        if (!r->ns || !r->commit || !r->avg_pay) { st = LIA_ENOMEM; goto done; }
        memcpy(r->ns, g->ns, np * sizeof *r->ns);
        memcpy(r->commit, commit, np * sizeof *r->commit);
        r->nprofiles = g->nprofiles;
    } else if (memcmp(r->ns, g->ns, np * sizeof *r->ns) != 0 || memcmp(r->commit, commit, np * sizeof *commit) != 0) {
        fail(r, "regime '%s' changes the levels or the commitment of '%s': the regimes must share one stage "
                "game's shape", r->names[s], r->game);
        st = LIA_EUSAGE;
        goto done;
    }
    for (size_t k = 0; k < np * g->nprofiles; k++) r->avg_pay[k] += r->dist[s] * g->payoffs[k];
    if ((st = lia__punishments(g, LIA_PUNISH_NASH, pn)) != LIA_OK) {
        if (st != LIA_ENOMEM) fail(r, "regime '%s': no stage equilibrium found for Nash reversion", r->names[s]);
        goto done;
    }
    lia__target_deviations(g, prof, dv);
    for (size_t i = 0; i < np; i++) {
        /* as repeat: a punishment within rounding of the keep value is the keep value */
        double p = pn[i];
        p = lia__snap_punishment(p, dv[i].keep, lia__punishment_noise(g, i));
        r->c[i * nr + s] = dv[i].keep;
        r->d[i * nr + s] = dv[i].breach;
        r->p[i * nr + s] = p;
        r->scale = fmax(r->scale, fmax(fabs(dv[i].keep), fmax(fabs(dv[i].breach), fabs(p))));
        const lia_member_terms *t = lia_game_commitment_terms(g, i);
        if (s == r->start && t) r->patience[i] = t->patience;
    }
done:
    lia__free(commit);
    lia__free(dv);
    lia__free(pn);
    lia_game_free(g);
    lia_model_free(mc);
    return st;
}

/* The critical patience of the averaged stage game (payoffs weighted by the long-run
 * distribution) at the commitment, as `repeat` would compute it for that game: its keep value,
 * its best breach and its own Nash reversion. This is what averaging the regimes would say. */
static lia_status averaged(lia_regimes *r)
{
    size_t np = r->np;
    lia_game *ga = NULL;
    lia_deviation *dv = lia__malloc(np * sizeof *dv);
    double *pn = lia__malloc(np * sizeof *pn);
    lia_status st = dv && pn ? lia_game_new(&ga, np, r->ns, r->avg_pay) : LIA_ENOMEM;
    size_t prof;
    if (st == LIA_OK && !(ga->commit = lia__arena_array(&ga->arena, np, sizeof *ga->commit))) st = LIA_ENOMEM;
    if (st == LIA_OK) {
        memcpy(ga->commit, r->commit, np * sizeof *r->commit);
        st = lia_game_profile_index(ga, r->commit, &prof);
    }
    if (st == LIA_OK) st = lia__punishments(ga, LIA_PUNISH_NASH, pn);
    if (st == LIA_OK) {
        lia__target_deviations(ga, prof, dv);
        for (size_t i = 0; i < np; i++) {
            double p = pn[i];
            p = lia__snap_punishment(p, dv[i].keep, lia__punishment_noise(ga, i));
            r->avg[i] = lia__delta_star(dv[i].keep, dv[i].breach, p);
        }
    }
    lia_game_free(ga);
    lia__free(dv);
    lia__free(pn);
    return st;
}

static lia_status analyse(lia_regimes *r, const lia_model *m, const char *game)
{
    lia_arena *a = &r->arena;
    size_t nr = r->nr = lia_model_regime_count(m);
    if (nr == 0) {
        fail(r, "the model has no regimes");
        return LIA_EUSAGE;
    }
    r->start = lia_model_regime_start(m);
    r->names = lia__arena_array(a, nr, sizeof *r->names);
    r->pi = lia__arena_array(a, nr * nr, sizeof *r->pi);
    if (!r->names || !r->pi) return LIA_ENOMEM;
    for (size_t s = 0; s < nr; s++) {
        if (!(r->names[s] = copy(a, lia_model_regime_name(m, s)))) return LIA_ENOMEM;
        for (size_t u = 0; u < nr; u++) r->pi[s * nr + u] = lia_model_transition(m, s, u);
    }
    if (!lia__regime_valid(nr, r->pi, r->start)) {
        fail(r, "the regimes' transition probabilities are not a Markov chain");
        return LIA_EINPUT;
    }
    r->dist = lia__arena_array(a, nr, sizeof *r->dist);
    if (!r->dist) return LIA_ENOMEM;
    lia_status st0 = lia__regime_limit_distribution(nr, r->pi, r->start, r->dist);
    if (st0 != LIA_OK) return st0;
    for (size_t s = 0; s < nr; s++) {
        lia_status st = one_regime(r, m, game, s);
        if (st != LIA_OK) return st;
    }
    lia_regime_problem pb = { nr, r->np, r->start, r->pi, r->patience, r->c, r->d, r->p };
    lia_regime_result res = { r->reach, r->dist, r->v, r->w, r->slack, r->star, r->avg, -1, r->t, NAN };
    lia_status st = lia__regime_analyse(&pb, &res);
    if (st != LIA_OK) {
        if (st != LIA_ENOMEM) fail(r, "the regime analysis failed: %s", lia_status_name(st));
        return st;
    }
    if ((st = averaged(r)) != LIA_OK) {
        if (st != LIA_ENOMEM) fail(r, "the averaged game could not be analysed: %s", lia_status_name(st));
        return st;
    }
    r->transfers_feasible = res.transfers_feasible;
    r->cost = res.cost;
    double eps = 1e-9 * (r->scale > 0 ? r->scale : 1);
    for (size_t i = 0; i < r->np; i++) {
        double d = r->patience[i];
        r->sustainable[i] = -1;
        if (isnan(d)) continue;
        r->sustainable[i] = 1;
        for (size_t s = 0; s < nr; s++)
            if (r->reach[s] && r->slack[i * nr + s] < -eps * (1 - d)) r->sustainable[i] = 0;
    }
    return LIA_OK;
}

lia_status lia_model_regimes(lia_regimes **out, const lia_model *m, const char *game)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!m) return LIA_EUSAGE;
    lia_regimes *r = lia__calloc(1, sizeof *r);
    if (!r) return LIA_ENOMEM;
    lia__arena_init(&r->arena);
    r->transfers_feasible = -1;
    r->cost = NAN;
    lia_status st = analyse(r, m, game);
    if (st == LIA_ENOMEM) { lia_regimes_free(r); return st; }
    if (st != LIA_OK) r->failed = 1;
    *out = r;
    return st;
}

void lia_regimes_free(lia_regimes *r)
{
    lia__errmsg_forget(r);
    if (!r) return;
    lia__arena_free(&r->arena);
    lia__free(r);
}

const char *lia_regimes_errmsg(const lia_regimes *r) { return r ? (*lia__errmsg_of(r) ? lia__errmsg_of(r) : r->errmsg) : "no regime analysis"; }

#define READY(r) ((r) && !(r)->failed)

const char *lia_regimes_game(const lia_regimes *r) { return READY(r) ? r->game : NULL; }
size_t lia_regimes_count(const lia_regimes *r) { return READY(r) ? r->nr : 0; }
const char *lia_regimes_name(const lia_regimes *r, size_t s) { return READY(r) && s < r->nr ? r->names[s] : NULL; }
size_t lia_regimes_start(const lia_regimes *r) { return READY(r) ? r->start : 0; }

double lia_regimes_transition(const lia_regimes *r, size_t from, size_t to)
{
    return READY(r) && from < r->nr && to < r->nr ? r->pi[from * r->nr + to] : NAN;
}

int lia_regimes_reachable(const lia_regimes *r, size_t s) { return READY(r) && s < r->nr ? r->reach[s] : 0; }
double lia_regimes_long_run(const lia_regimes *r, size_t s) { return READY(r) && s < r->nr ? r->dist[s] : NAN; }
size_t lia_regimes_member_count(const lia_regimes *r) { return READY(r) ? r->np : 0; }
const char *lia_regimes_member(const lia_regimes *r, size_t i) { return READY(r) && i < r->np ? r->members[i] : NULL; }
double lia_regimes_patience(const lia_regimes *r, size_t i) { return READY(r) && i < r->np ? r->patience[i] : NAN; }

double lia_regimes_delta_star(const lia_regimes *r, size_t i)
{
    return READY(r) && i < r->np ? r->star[i].delta_star : NAN;
}

size_t lia_regimes_binding(const lia_regimes *r, size_t i)
{
    return READY(r) && i < r->np ? r->star[i].binding : LIA_REGIMES_NONE;
}

int lia_regimes_not_monotone(const lia_regimes *r, size_t i) { return READY(r) && i < r->np ? r->star[i].gaps : 0; }
double lia_regimes_averaged_delta_star(const lia_regimes *r, size_t i) { return READY(r) && i < r->np ? r->avg[i] : NAN; }
int lia_regimes_sustainable(const lia_regimes *r, size_t i) { return READY(r) && i < r->np ? r->sustainable[i] : -1; }

double lia_regimes_value(const lia_regimes *r, lia_regimes_quantity q, size_t i, size_t s)
{
    if (!READY(r) || i >= r->np || s >= r->nr) return NAN;
    const double *base[] = { r->c, r->d, r->p, r->v, r->slack };
    if ((unsigned)q >= sizeof base / sizeof *base) return NAN;
    return base[q][i * r->nr + s];
}

int lia_regimes_transfers(const lia_regimes *r, double *cost)
{
    if (cost) *cost = READY(r) && r->transfers_feasible == 1 ? r->cost : NAN;
    return READY(r) ? r->transfers_feasible : -1;
}

double lia_regimes_transfer(const lia_regimes *r, size_t s, size_t i)
{
    if (!READY(r) || r->transfers_feasible != 1 || s >= r->nr || i >= r->np) return NAN;
    return r->t[s * r->np + i];
}
