/* sweep_point.c — one point of a sweep: set the parameters, compile, and read every verdict
 * the breakdown search compares. */
#include "sweep.h"
#include "../repeat/repeat.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Keep in step with lia__sweep_rec_init: the arrays it takes, each rounded up by the arena's
 * 16-byte alignment. */
double lia__sweep_rec_bytes(size_t n)
{
    size_t m = n ? n : 1;
    return (double)sizeof(sweep_rec) + 5.0 * (double)((m * sizeof(double) + 15) / 16 * 16) +
           4.0 * (double)((m * sizeof(int) + 15) / 16 * 16);
}

int lia__sweep_rec_init(sweep_rec *r, lia_arena *a, size_t n)
{
    memset(r, 0, sizeof *r);
    r->payoffs = lia__arena_array(a, n ? n : 1, sizeof *r->payoffs);
    r->delta_star = lia__arena_array(a, n ? n : 1, sizeof *r->delta_star);
    r->patience = lia__arena_array(a, n ? n : 1, sizeof *r->patience);
    r->deviation = lia__arena_array(a, n ? n : 1, sizeof *r->deviation);
    r->punishment = lia__arena_array(a, n ? n : 1, sizeof *r->punishment);
    r->sustainable = lia__arena_array(a, n ? n : 1, sizeof *r->sustainable);
    r->direction = lia__arena_array(a, n ? n : 1, sizeof *r->direction);
    r->over_regimes = lia__arena_array(a, n ? n : 1, sizeof *r->over_regimes);
    r->trusted = lia__arena_array(a, n ? n : 1, sizeof *r->trusted);
    return r->payoffs && r->delta_star && r->patience && r->deviation && r->punishment && r->sustainable && r->direction && r->over_regimes &&
           r->trusted;
}

static void invalid(sweep_rec *r, const char *why)
{
    r->ok = 0;
    snprintf(r->message, sizeof r->message, "%s", why);
}

static void clear_members(const sweep_ctx *c, sweep_rec *r)
{
    r->verdict = LIA_VERDICT_NONE;
    for (size_t i = 0; i < c->members; i++) {
        r->sustainable[i] = -1;
        r->direction[i] = LIA_DIRECTION_NONE;
        r->over_regimes[i] = -1;
        r->trusted[i] = -1;
        r->delta_star[i] = r->payoffs[i] = r->patience[i] = r->deviation[i] = r->punishment[i] = NAN;
    }
}

static lia_status stage_verdicts(sweep_ctx *c, const lia_game *g, sweep_rec *r)
{
    size_t n = lia_game_player_count(g);
    r->class2x2 = -1;
    lia_class2x2 cls;
    if (n == 2 && lia_game_strategy_count(g, 0) == 2 && lia_game_strategy_count(g, 1) == 2 &&
        lia_game_classify_2x2(g, NULL, &cls) == LIA_OK)
        r->class2x2 = (int)cls;
    lia_nash_options no = LIA_NASH_OPTIONS_INIT;
    no.method = n == 2 ? LIA_NASH_ALL : LIA_NASH_PURE;
    lia_eqset *e = NULL;
    lia_status st = lia_game_nash(&e, g, &no);
    if (st != LIA_OK) return st == LIA_ENOMEM ? st : LIA_EINTERNAL;
    r->equilibria = lia_eqset_count(e);
    lia__nash_reversion_offer(g, e, no.method);   /* the repeated game below need not find them again */
    lia_eqset_free(e);
    r->self_enforcing = r->transfers_feasible = -1;
    r->welfare = NAN;
    clear_members(c, r);
    if (!c->target && !lia_game_commitment(g, NULL)) return LIA_OK;
    lia_repeat *rep = NULL;
    lia_repeat_options ro = LIA_REPEAT_OPTIONS_INIT;
    ro.delta = c->delta;
    if ((st = lia_game_repeat(&rep, g, c->target, &ro)) != LIA_OK) return st == LIA_ENOMEM ? st : LIA_EINTERNAL;
    r->welfare = 0;
    for (size_t i = 0; i < n && i < c->members; i++) {
        const lia_sustain *s = lia_repeat_player(rep, i);
        r->payoffs[i] = s->value;
        r->delta_star[i] = s->delta_star;
        r->patience[i] = s->patience;
        r->deviation[i] = s->deviation;
        r->punishment[i] = s->punishment;
        r->sustainable[i] = s->sustainable;
        r->direction[i] = (int)lia_repeat_direction(rep, i);
        r->welfare += s->value;
    }
    r->verdict = (int)lia_repeat_verdict(rep);
    r->self_enforcing = lia_repeat_self_enforcing(rep);
    /* each suspect at its prior belief: sweeping the prior finds the trust threshold */
    lia_suspects *su = NULL;
    st = c->skip_beliefs ? LIA_OK : lia_model_suspects(&su, c->model, c->game);
    for (size_t k = 0; st == LIA_OK && k < lia_suspects_count(su); k++)
        for (size_t i = 0; i < n && i < c->members; i++)
            if (strcmp(lia_suspects_party(su, k), lia_game_player_name(g, i)) == 0) {
                lia_verdict v = lia_suspects_prior_verdict(su, k);
                r->trusted[i] = v == LIA_VERDICT_HOLDS || v == LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT;
            }
    lia_suspects_free(su);
    if (st == LIA_ENOMEM) { lia_repeat_free(rep); return st; }
    st = LIA_OK;
    if (lia_model_regime_count(c->model) > 0 && !c->skip_beliefs) {
        /* each member over the regimes (docs/model.md section 10, "Regimes"): sweeping a
         * transition probability moves this verdict, not the static ones */
        lia_regimes *rg = NULL;
        st = lia_model_regimes(&rg, c->model, c->game);
        for (size_t i = 0; st == LIA_OK && i < n && i < c->members; i++) r->over_regimes[i] = lia_regimes_sustainable(rg, i);
        lia_regimes_free(rg);
        if (st == LIA_ENOMEM) { lia_repeat_free(rep); return st; }
        st = LIA_OK;   /* a regime invalid here leaves this verdict unknown (-1) */
    }
    const double *amounts = NULL;
    r->transfers_feasible = lia_repeat_transfers(rep, &amounts);
    r->transfers = NAN;
    if (r->transfers_feasible == 1 && amounts) {
        r->transfers = 0;   /* budget-balanced: what is received is paid; count it once */
        for (size_t i = 0; i < n; i++)
            if (amounts[i] > 0) r->transfers += amounts[i];
    }
    lia_repeat_free(rep);
    return LIA_OK;
}

static lia_status core_verdict(sweep_ctx *c, sweep_rec *r)
{
    r->core_empty = -1;
    lia_tugame *tg = NULL;
    lia_status st = lia_model_compile_tu(&tg, c->model, c->game, &c->copts);
    if (st == LIA_ENOMEM) return st;
    if (st != LIA_OK) return LIA_OK;   /* too large to tabulate: no core verdict */
    size_t n = lia_tugame_player_count(tg);
    const double *v = lia_tugame_values(tg);
    if (v && n <= 20) {
        double x[20], eps, scale = 0;
        for (size_t S = 0; S < (size_t)1 << n; S++) scale = fmax(scale, fabs(v[S]));
        st = lia_tu_nucleolus(v, n, 1, x, &eps);
        if (st == LIA_ENOMEM) { lia_tugame_free(tg); return st; }
        if (st == LIA_OK) r->core_empty = eps > 1e-9 * (scale > 0 ? scale : 1);
    }
    lia_tugame_free(tg);
    return LIA_OK;
}

lia_status lia__sweep_solve(sweep_ctx *c, const double *values, sweep_rec *r)
{
    r->ok = 1;
    r->message[0] = 0;
    r->class2x2 = r->core_empty = r->self_enforcing = r->transfers_feasible = -1;
    r->equilibria = 0;
    r->welfare = r->transfers = NAN;
    clear_members(c, r);
    for (size_t a = 0; a < c->axes; a++) {
        if (a < 2) r->values[a] = values[a];
        lia_status st = lia_model_set_number(c->model, c->names[a], values[a]);
        if (st == LIA_ENOMEM) return st;
        if (st == LIA_EINPUT) {
            /* e.g. a probability pushed out of [0, 1): the first error says which */
            const lia_diag *d = NULL;
            for (size_t k = 0; k < lia_model_diag_count(c->model); k++)
                if ((d = lia_model_diag_at(c->model, k))->severity == LIA_ERROR) break;
            invalid(r, d ? d->message : lia_model_errmsg(c->model));
        } else if (st != LIA_OK) {
            invalid(r, lia_model_errmsg(c->model));
        }
    }
    if (!r->ok) return LIA_OK;
    lia_game *g = NULL;
    lia_status st = lia_model_compile(&g, c->model, c->game, &c->copts);
    if (st == LIA_ENOMEM) return st;
    if (st != LIA_OK) { invalid(r, lia_model_errmsg(c->model)); return LIA_OK; }
    st = stage_verdicts(c, g, r);
    lia_game_free(g);
    if (st == LIA_OK) st = core_verdict(c, r);
    return st;
}

long lia__sweep_key(const sweep_rec *r, int kind, size_t i)
{
    if (kind == SWEEP_OK) return r->ok;
    if (!r->ok) return -2;
    switch (kind) {
    case SWEEP_STATUS: return r->verdict;
    case SWEEP_SUSTAIN: return r->sustainable[i];
    case SWEEP_REGIMES: return r->over_regimes[i];
    case SWEEP_TRUST: return r->trusted[i];
    case SWEEP_TRANSFERS: return r->transfers_feasible;
    case SWEEP_CLASS: return r->class2x2;
    case SWEEP_EQUILIBRIA: return (long)r->equilibria;
    case SWEEP_CORE: return r->core_empty;
    }
    return 0;
}

void lia__sweep_describe(const sweep_rec *a, const sweep_rec *b, int kind, char *buf, size_t cap)
{
    switch (kind) {
    case SWEEP_OK:
        snprintf(buf, cap, "%s", b->ok ? "the model becomes valid" : "the model becomes invalid");
        break;
    case SWEEP_STATUS:
        snprintf(buf, cap, "the status changes from %s to %s", lia_verdict_name((lia_verdict)a->verdict),
                 lia_verdict_name((lia_verdict)b->verdict));
        break;
    case SWEEP_SUSTAIN:
        snprintf(buf, cap, "%s", "delta* crosses the patience");
        break;
    case SWEEP_TRANSFERS:
        snprintf(buf, cap, "%s", b->transfers_feasible > 0 ? "compensating transfers become feasible"
                                                           : "no compensating transfer can save the commitment");
        break;
    case SWEEP_CLASS:
        snprintf(buf, cap, "the stage game changes from %s to %s",
                 a->class2x2 < 0 ? "no class" : lia_class2x2_name((lia_class2x2)a->class2x2),
                 b->class2x2 < 0 ? "no class" : lia_class2x2_name((lia_class2x2)b->class2x2));
        break;
    case SWEEP_EQUILIBRIA:
        snprintf(buf, cap, "the stage game's equilibria go from %zu to %zu", a->equilibria, b->equilibria);
        break;
    case SWEEP_CORE:
        snprintf(buf, cap, "%s", b->core_empty > 0 ? "the core becomes empty" : "the core becomes non-empty");
        break;
    default:
        buf[0] = 0;
    }
}
