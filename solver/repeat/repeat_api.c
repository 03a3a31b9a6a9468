/* repeat_api.c — the lia_repeat handle: each member's deviation and punishments, the status
 * of the target (lia_verdict), transfers and the best self-enforcing profile. */
#include "repeat_internal.h"
#include "payoff_set.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/options.h"
#include "../util/errmsg.h"
#include "../util/names.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

static lia_status copy_labels(lia_repeat *r, const lia_game *g)
{
    lia_arena *a = &r->arena;
    r->game = copy(a, g->name);
    r->players = lia__arena_array(a, g->np, sizeof *r->players);
    r->strategies = lia__arena_array(a, g->np, sizeof *r->strategies);
    if (!r->game || !r->players || !r->strategies) return LIA_ENOMEM;
    for (size_t p = 0; p < g->np; p++) {
        if (!(r->players[p] = copy(a, g->players[p]))) return LIA_ENOMEM;
        if (!(r->strategies[p] = lia__arena_array(a, g->ns[p], sizeof(char *)))) return LIA_ENOMEM;
        for (size_t s = 0; s < g->ns[p]; s++)
            if (!(r->strategies[p][s] = copy(a, g->strategies[p][s]))) return LIA_ENOMEM;
    }
    return LIA_OK;
}

/* The quid-pro-quo balance of an agreement member at the target (docs/model.md section 10),
 * against its best breach (not a higher level, which breaches nothing). Only the commitment's
 * terms are kept with the game, so other targets have none. */
static void balance(lia_sustain *row, const lia_member_terms *t, double breach, double q)
{
    row->received = t->coverage + t->facility_value + t->transfer_in;
    row->given = t->exposure + t->facility_cost + t->transfer_out - t->spillover;
    if (row->given > 0) {
        row->ratio = row->received / row->given;
        if (!isnan(row->patience))
            row->ratio_threshold =
                1 + lia__keep_threshold(breach, row->punishment, row->patience, q) / row->given;
    }
}

/* The payoff sets of larger two-player games are not computed for a verdict: beyond this many
 * profiles no exact test is made (the status can then be undecided) rather than spend minutes
 * on it. */
enum { HARSH_MAX_PROFILES = 4096 };

static double span_of(const lia_game *g, size_t i)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < g->nprofiles; k++) {
        lo = fmin(lo, g->payoffs[i * g->nprofiles + k]);
        hi = fmax(hi, g->payoffs[i * g->nprofiles + k]);
    }
    return hi > lo ? hi - lo : 1;
}

static lia_status payoff_set(lia_repeat *r, const lia_game *g, double delta)
{
    lia_status st = lia__spe_payoff_set(g->payoffs, g->payoffs + g->nprofiles, g->ns[0], g->ns[1], delta, 1e-12,
                                       1000000, &r->set, &r->nset, NULL);
    if (st == LIA_OK) r->set_done = 1;
    return st;
}

/* The exact test for two members with a common patience: the target played for ever is a
 * subgame-perfect outcome iff each member prefers it to its best breach followed by the
 * harshest credible punishment (Abreu's optimal penal codes): its worst payoff over the
 * subgame-perfect set, or over the mixed stage equilibria if one is worse still. */
static lia_status harsher(lia_repeat *r, const lia_game *g, double delta)
{
    if (g->nprofiles > HARSH_MAX_PROFILES) return LIA_OK;
    if (!r->set_done) {
        lia_status st = payoff_set(r, g, delta);
        if (st == LIA_ELIMIT) return LIA_OK;   /* no convergence: no exact answer */
        if (st != LIA_OK) return st;
    }
    r->harsh_done = 1;
    for (size_t i = 0; i < 2; i++) {
        repeat_member *m = &r->mem[i];
        double w = m->nash;
        for (size_t k = 0; k < r->nset; k++) w = fmin(w, r->set[2 * k + i]);
        /* the iteration leaves the set's vertices within ~1e-11 of the true ones; a payoff
         * of the stage game or the minmax that close is the true value */
        double tol = 1e-8 * span_of(g, i);
        if (fabs(w - m->minmax) <= tol) w = m->minmax;
        for (size_t k = 0; k < g->nprofiles; k++)
            if (fabs(w - g->payoffs[i * g->nprofiles + k]) <= tol) w = g->payoffs[i * g->nprofiles + k];
        m->harsh = w;
        /* the set is computed to about 1e-12 / (1 - delta) of the payoff range */
        m->harsh_ok = m->keep >= (1 - delta) * m->breach + delta * w - 1e-8 * span_of(g, i);
    }
    return LIA_OK;
}

static void decide(lia_repeat *r, int nash_transfers)
{
    int nash = 1, harsh = 1, minmax = 1;
    for (size_t i = 0; i < r->np; i++) {
        nash &= r->mem[i].nash_ok;
        harsh &= r->mem[i].harsh_ok;
        minmax &= r->mem[i].minmax_ok;
    }
    if (!r->has_patience) r->verdict = LIA_VERDICT_NONE;
    else if (nash) r->verdict = LIA_VERDICT_HOLDS;
    else if (r->harsh_done && harsh) r->verdict = LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT;
    else if (!r->harsh_done && minmax) r->verdict = LIA_VERDICT_UNDECIDED;
    else r->verdict = nash_transfers ? LIA_VERDICT_NEEDS_TRANSFERS : LIA_VERDICT_BREAKS_DOWN;
    r->self_enforcing = r->verdict == LIA_VERDICT_HOLDS || r->verdict == LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT ? 1
                        : r->verdict == LIA_VERDICT_NEEDS_TRANSFERS || r->verdict == LIA_VERDICT_BREAKS_DOWN ? 0 : -1;
}

/* Rows: the member's deviation in its direction, the chosen punishment, and both tests. */
static void fill_rows(lia_repeat *r, const lia_game *g, const lia_deviation *dv, const double *pn, const double *pm,
                      const lia_repeat_options *o, int at_commit)
{
    for (size_t i = 0; i < r->np; i++) {
        lia_sustain *row = &r->rows[i];
        repeat_member *m = &r->mem[i];
        const lia_deviation *v = &dv[i];
        int up = v->direction == LIA_DIRECTION_EXCEED;
        row->value = v->value;
        row->deviation = up ? v->best : v->breach;
        row->best_deviation = up ? v->best_strategy : v->breach_strategy;
        row->patience = o->delta > 0 ? o->delta : g->terms ? g->terms[i].patience : NAN;
        m->direction = v->direction;
        m->breach = v->breach;
        m->nash = pn[i];
        m->minmax = pm[i];
        m->keep = v->keep;
        m->q = r->q[i];
        m->nash_delta = lia__delta_star_q(v->keep, v->breach, pn[i], m->q);
        m->minmax_delta = lia__delta_star_q(v->keep, v->breach, pm[i], m->q);
        m->harsh = NAN;
        row->punishment = r->punish == LIA_PUNISH_NASH ? pn[i] : pm[i];
        row->delta_star = r->punish == LIA_PUNISH_NASH ? m->nash_delta : m->minmax_delta;
        row->received = row->given = row->ratio = row->ratio_threshold = NAN;
        row->sustainable = -1;
        m->q_needed = lia__q_needed(v->keep, v->breach, pn[i], row->patience);
        if (!isnan(row->patience)) {
            m->nash_ok = !isnan(m->nash_delta) && row->patience >= m->nash_delta;
            m->minmax_ok = !isnan(m->minmax_delta) && row->patience >= m->minmax_delta;
            row->sustainable = r->punish == LIA_PUNISH_NASH ? m->nash_ok : m->minmax_ok;
        }
        if (at_commit && g->terms) {
            m->has_terms = 1;
            m->terms = g->terms[i];
            balance(row, &g->terms[i], v->breach, m->q);
        }
    }
}

/* Punishment payoffs within rounding of the member's value are its value: C < P by 1e-17 must
 * not read as "prefers the punishment". */
static void snap(const lia_game *g, const lia_deviation *dv, double *p)
{
    for (size_t i = 0; i < g->np; i++)
        p[i] = lia__snap_punishment(p[i], dv[i].keep, lia__punishment_noise(g, i));
}

static lia_status remedies(lia_repeat *r, const lia_game *g, const lia_deviation *dv, const double *p,
                           const double *pn, int *nash_transfers)
{
    size_t n = g->np;
    double *c = lia__arena_array(&r->arena, 3 * n, sizeof *c), *d = c + n, *delta = d + n;
    r->transfers = lia__arena_array(&r->arena, n, sizeof *r->transfers);
    r->best = lia__arena_array(&r->arena, n, sizeof *r->best);
    r->best_payoffs = lia__arena_array(&r->arena, 2 * n, sizeof *r->best_payoffs);
    if (!c || !r->transfers || !r->best || !r->best_payoffs) return LIA_ENOMEM;
    r->best_transfers = r->best_payoffs + n;
    for (size_t i = 0; i < n; i++) { c[i] = dv[i].keep; d[i] = dv[i].breach; delta[i] = r->rows[i].patience; }
    lia_status st = lia__transfers(n, c, d, p, delta, r->q, &r->transfers_feasible, r->transfers);
    if (st != LIA_OK) return st;
    *nash_transfers = r->transfers_feasible;
    if (p != pn) {
        double *scratch = lia__arena_array(&r->arena, n, sizeof *scratch);
        if (!scratch) return LIA_ENOMEM;
        if ((st = lia__transfers(n, c, d, pn, delta, r->q, nash_transfers, scratch)) != LIA_OK) return st;
    }
    size_t best;
    if ((st = lia__best_self_enforcing(g, p, delta, r->q, &r->best_found, &best)) != LIA_OK) return st;
    if (r->best_found) {
        lia__target_values(g, best, c, d, NULL);
        int feasible;
        if ((st = lia__transfers(n, c, d, p, delta, r->q, &feasible, r->best_transfers)) != LIA_OK) return st;
        /* the screen above and the LP agree up to rounding; trust the LP */
        r->best_found = feasible;
        size_t rest = best;
        for (size_t i = 0; i < n; i++) {
            r->best[i] = rest % g->ns[i];
            rest /= g->ns[i];
            r->best_payoffs[i] = c[i];
        }
    }
    return LIA_OK;
}

static lia_status analyse(lia_repeat *r, const lia_game *g, size_t prof, const lia_repeat_options *o, int at_commit)
{
    size_t n = g->np;
    r->q = lia__arena_array(&r->arena, n, sizeof *r->q);
    if (!r->q) return LIA_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        r->q[i] = o->monitor ? o->monitor[i] : g->monitor ? g->monitor[i] : 1;
        r->monitored |= r->q[i] < 1;
    }
    double *pn = lia__arena_array(&r->arena, 2 * n, sizeof *pn), *pm = pn + n;
    lia_deviation *dv = lia__arena_array(&r->arena, n, sizeof *dv);
    r->mem = lia__arena_array(&r->arena, n, sizeof *r->mem);
    r->mscale = lia__arena_array(&r->arena, n, sizeof *r->mscale);
    if (!pn || !dv || !r->mem || !r->mscale) return LIA_ENOMEM;
    memset(r->mem, 0, n * sizeof *r->mem);
    lia_status st = lia__punishments(g, LIA_PUNISH_NASH, pn);
    if (st == LIA_OK) st = lia__punishments(g, LIA_PUNISH_MINMAX, pm);
    if (st != LIA_OK) return st;
    lia__target_deviations(g, prof, dv);
    snap(g, dv, pn);
    snap(g, dv, pm);
    for (size_t k = 0; k < n * g->nprofiles; k++) r->scale = fmax(r->scale, fabs(g->payoffs[k]));
    for (size_t i = 0; i < n; i++) {
        r->mscale[i] = 0;
        for (size_t k = 0; k < g->nprofiles; k++) r->mscale[i] = fmax(r->mscale[i], fabs(g->payoffs[i * g->nprofiles + k]));
    }
    r->paid_noise = INFINITY;
    for (size_t i = 0; i < n; i++) r->paid_noise = fmin(r->paid_noise, lia__payoff_noise(g, i));
    r->has_patience = o->delta > 0 || g->terms != NULL;
    r->levels = g->commit != NULL;
    fill_rows(r, g, dv, pn, pm, o, at_commit);
    if (o->payoff_set && n == 2 && o->delta > 0) {
        if ((st = payoff_set(r, g, o->delta)) != LIA_OK) return st;
        r->set_shown = 1;
    }
    int nash = 1;
    for (size_t i = 0; i < n; i++) nash &= r->mem[i].nash_ok;
    /* the subgame-perfect set assumes every breach is seen: no exact test otherwise */
    if (r->has_patience && !nash && n == 2 && !r->monitored && r->rows[0].patience == r->rows[1].patience &&
        (st = harsher(r, g, r->rows[0].patience)) != LIA_OK)
        return st;
    int nash_transfers = 0;
    if (r->has_patience && (st = remedies(r, g, dv, r->punish == LIA_PUNISH_NASH ? pn : pm, pn, &nash_transfers)) != LIA_OK)
        return st;
    decide(r, nash_transfers);
    return lia__repeat_summarise(r) ? LIA_OK : LIA_ENOMEM;
}

lia_status lia_game_repeat(lia_repeat **out, const lia_game *g, const size_t *target, const lia_repeat_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_game_repeat: out is NULL");
    *out = NULL;
    /* a version-1 caller's struct ends before `monitor`: only that much is read */
    static const size_t ends[LIA_REPEAT_OPTIONS_VERSION] = { offsetof(lia_repeat_options, monitor),
                                                             sizeof(lia_repeat_options) };
    lia_repeat_options o_ = LIA_REPEAT_OPTIONS_INIT, *o = &o_;
    if (!LIA__OPTIONS_READ(o, opts, lia_repeat_options, ends, NULL, 0)) return LIA_EUSAGE;   /* message set */
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_game_repeat: the game is NULL");
    if ((unsigned)o->punish > LIA_PUNISH_MINMAX)
        return lia__errmsg_default(LIA_EUSAGE, "lia_repeat_options.punish is %d: use LIA_PUNISH_NASH or "
                                               "LIA_PUNISH_MINMAX", (int)o->punish);
    if (!(o->delta == 0 || (o->delta > 0 && o->delta < 1)))
        return lia__errmsg_default(LIA_EUSAGE, "the discount factor (lia_repeat_options.delta) is %g: give one in "
                                               "(0, 1), or 0 for each member's own patience", o->delta);
    for (size_t i = 0; o->monitor && i < g->np; i++)
        if (!(o->monitor[i] > 0 && o->monitor[i] <= 1))
            return lia__errmsg_default(LIA_EUSAGE, "the chance that %s's breach is noticed "
                                                   "(lia_repeat_options.monitor) is %g: give one in (0, 1]",
                                       g->players[i], o->monitor[i]);
    if (!target && !g->commit)
        return lia__errmsg_default(LIA_EUSAGE, "'%s' has no committed profile: give the target profile (one "
                                               "strategy index per player)", g->name);
    const size_t *t = target ? target : g->commit;
    size_t prof;
    if (lia_game_profile_index(g, t, &prof) != LIA_OK)
        return lia__errmsg_default(LIA_EUSAGE, "the target profile is not a profile of '%s': each player's strategy "
                                               "index must be below its strategy count", g->name);
    int at_commit = g->commit && memcmp(t, g->commit, g->np * sizeof *t) == 0;
    lia_repeat *r = lia__calloc(1, sizeof *r);
    if (!r) return lia__errmsg_default(LIA_ENOMEM, "out of memory starting the repeated-game analysis of '%s'", g->name);
    lia__arena_init(&r->arena);
    r->np = g->np;
    r->punish = o->punish;
    r->target = lia__arena_array(&r->arena, g->np, sizeof *r->target);
    r->rows = lia__arena_array(&r->arena, g->np, sizeof *r->rows);
    lia_status st = r->target && r->rows ? copy_labels(r, g) : LIA_ENOMEM;
    if (st == LIA_OK) {
        memcpy(r->target, t, g->np * sizeof *t);
        st = analyse(r, g, prof, o, at_commit);
    }
    if (st != LIA_OK) {
        lia_repeat_free(r);
        /* a deeper call (the stage equilibria for Nash reversion, the minmax LPs) may have said why */
        return lia__errmsg_default(st, "the repeated-game analysis of '%s' failed: %s%s", g->name, lia_status_name(st),
                                   st == LIA_EINTERNAL ? " (a punishment or transfer LP gave no verified optimum)" : "");
    }
    *out = r;
    return LIA_OK;
}

void lia_repeat_free(lia_repeat *r)
{
    lia__errmsg_forget(r);
    if (!r) return;
    lia__free(r->set);
    lia__arena_free(&r->arena);
    lia__free(r);
}

const char *lia_repeat_errmsg(const lia_repeat *r) { return lia__errmsg_of(r); }

size_t lia_repeat_player_count(const lia_repeat *r) { return r ? r->np : 0; }

const lia_sustain *lia_repeat_player(const lia_repeat *r, size_t p)
{
    return r && p < r->np ? &r->rows[p] : NULL;
}

int lia_repeat_self_enforcing(const lia_repeat *r) { return r ? r->self_enforcing : -1; }

int lia_repeat_transfers(const lia_repeat *r, const double **amounts)
{
    if (amounts) *amounts = NULL;
    if (!r || !r->has_patience) return -1;
    if (r->transfers_feasible && amounts) *amounts = r->transfers;
    return r->transfers_feasible;
}

int lia_repeat_best(const lia_repeat *r, const size_t **profile, const double **payoffs, const double **transfers)
{
    if (profile) *profile = NULL;
    if (payoffs) *payoffs = NULL;
    if (transfers) *transfers = NULL;
    if (!r || !r->has_patience || !r->best_found) return 0;
    if (profile) *profile = r->best;
    if (payoffs) *payoffs = r->best_payoffs;
    if (transfers) *transfers = r->best_transfers;
    return 1;
}

/* The set is also computed for the exact test; it is handed out only when it was asked for. */
const double *lia_repeat_payoff_set(const lia_repeat *r, size_t *vertices)
{
    int shown = r && r->set_shown && r->set;
    if (vertices) *vertices = shown ? r->nset : 0;
    return shown ? r->set : NULL;
}

int lia_repeat_payoff_set_computed(const lia_repeat *r) { return r ? r->set_shown : 0; }

lia_verdict lia_repeat_verdict(const lia_repeat *r) { return r ? r->verdict : LIA_VERDICT_NONE; }

lia_direction lia_repeat_direction(const lia_repeat *r, size_t p)
{
    return r && p < r->np ? r->mem[p].direction : LIA_DIRECTION_NONE;
}

lia_status lia_repeat_minmax(const lia_repeat *r, size_t p, double *payoff, double *delta_star, int *sustainable)
{
    if (!r || p >= r->np) return LIA_EUSAGE;
    if (payoff) *payoff = r->mem[p].minmax;
    if (delta_star) *delta_star = r->mem[p].minmax_delta;
    if (sustainable) *sustainable = r->has_patience ? r->mem[p].minmax_ok : -1;
    return LIA_OK;
}

int lia_repeat_harsher(const lia_repeat *r, size_t p, double *payoff, int *sustainable)
{
    if (!r || p >= r->np || !r->harsh_done) return 0;
    if (payoff) *payoff = r->mem[p].harsh;
    if (sustainable) *sustainable = r->mem[p].harsh_ok;
    return 1;
}

lia_status lia_repeat_monitoring(const lia_repeat *r, size_t p, double *q, double *q_needed)
{
    if (!r || p >= r->np) return LIA_EUSAGE;
    if (q) *q = r->mem[p].q;
    if (q_needed) *q_needed = r->mem[p].q_needed;
    return LIA_OK;
}

const char *lia_repeat_summary(const lia_repeat *r) { return r && r->summary ? r->summary : ""; }

const char *lia_verdict_name(lia_verdict v)
{
    static const char *const names[] = { "none", "holds", "holds_with_harsher_punishment", "undecided",
                                         "needs_transfers", "breaks_down" };
    return (unsigned)v < sizeof names / sizeof *names ? names[v] : NULL;
}

const char *lia_direction_name(lia_direction d)
{
    return d == LIA_DIRECTION_WITHHOLD ? "withhold" : d == LIA_DIRECTION_EXCEED ? "exceed" : NULL;
}

/* In lia_punishment order: the one table the command line's --punish, the Python binding and
 * the JSON report read. */
static const char *const punish_names[] = { "nash", "minmax" };

enum { NPUNISH = sizeof punish_names / sizeof *punish_names };

const char *lia_punishment_name(lia_punishment p) { return lia__names_at(punish_names, NPUNISH, (size_t)p); }

lia_status lia_punishment_from_name(const char *name, lia_punishment *out)
{
    size_t k;
    if (!out || !lia__names_find(punish_names, NPUNISH, name, &k)) return LIA_EUSAGE;
    *out = (lia_punishment)k;
    return LIA_OK;
}
