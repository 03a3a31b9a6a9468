/* suspects.c — a partner that may be penetrated: the belief arithmetic, the trust threshold by
 * bisection over the belief, the probation in closed form, and the profile to run meanwhile
 * (docs/model.md, "Suspected penetration"). */
#include "suspects.h"
#include "../model_internal.h"
#include "../lang/spec.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { GRID = 32 };                  /* beliefs k/GRID scanned before the bisection */
#define BISECT_TOL 1e-9

/* ---- the belief arithmetic ------------------------------------------------------------ */

double lia__suspect_effective_leak(double pi, double leak, double leak_pen)
{
    return (1 - pi) * leak + pi * leak_pen;
}

double lia__suspect_update(double pi, double q)
{
    if (pi >= 1 || q <= 0) return pi >= 1 ? 1 : pi;
    double quiet = pi * (1 - q);
    return quiet / (quiet + 1 - pi);
}

/* (1 - q)^n as exp(n ln(1 - q)) with ln(1 - q) by log1p: for q below 1.1e-16, 1 - q rounds to 1
 * and pow(1 - q, n) stayed 1 for every n (the probation's search for n then never ended). */
static double survive(double q, double n)
{
    return exp(n * log1p(-q));
}

/* odds_0 (1 - q)^n <= odds_bar: is the belief at or below the threshold after n periods? */
static int cleared(double odds0, double q, size_t n, double odds_bar)
{
    return odds0 * survive(q, (double)n) <= odds_bar;
}

double lia__suspect_belief_after(double pi0, double q, size_t n)
{
    if (pi0 <= 0) return 0;
    if (pi0 >= 1) return 1;
    double odds = pi0 / (1 - pi0) * survive(q, (double)n);
    return odds / (1 + odds);
}

size_t lia__suspect_probation(double pi0, double q, double threshold)
{
    if (isnan(threshold) || isnan(pi0) || isnan(q)) return SIZE_MAX;
    if (pi0 <= threshold) return 0;
    if (pi0 >= 1 || q <= 0) return SIZE_MAX;    /* the belief never moves */
    if (q >= 1) return 1;                        /* one quiet period clears it entirely */
    if (threshold <= 0) return SIZE_MAX;         /* the belief never reaches 0 */
    double odds0 = pi0 / (1 - pi0), odds_bar = threshold / (1 - threshold);
    double n = ceil(log(odds_bar / odds0) / log1p(-q));
    if (!(n >= 0)) n = 0;
    if (n > LIA__SUSPECT_PROBATION_MAX) return SIZE_MAX;
    size_t k = (size_t)n;
    /* the logarithms may be one off at an exact boundary: settle it on the odds themselves, a
     * few steps at most (the closed form is within rounding of the answer) */
    for (int step = 0; step < 8 && k > 0 && cleared(odds0, q, k - 1, odds_bar); step++) k--;
    for (int step = 0; step < 8 && !cleared(odds0, q, k, odds_bar); step++) k++;
    return k;
}

double lia__suspect_uncover(double pi0, double q, size_t n)
{
    if (n == SIZE_MAX) return NAN;
    return pi0 * -expm1((double)n * log1p(-q));
}

/* ---- the analysis --------------------------------------------------------------------- */

typedef struct suspect_rec {
    const char *party;
    char *path;                      /* "PARTY.leak" */
    double leak, leak_pen, prior, detect;
    double threshold;
    int monotone;
    size_t probation;
    double uncover;
    lia_verdict prior_verdict;
    int has_best;
    size_t *profile;
    double *payoffs, *transfers;
} suspect_rec;

struct lia_suspects {
    lia_arena arena;
    char errmsg[512];
    const char *game;
    size_t members;
    const char **member_names;
    const char ***level_names;       /* [member][level] */
    size_t n;
    suspect_rec *rec;
};

static char *arena_str(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

static void set_err(lia_suspects *s, const char *fmt, const char *a, const char *b)
{
    snprintf(s->errmsg, sizeof s->errmsg, fmt, a, b);
}

typedef struct run_ctx {
    lia_suspects *s;
    lia_model *model;                /* the clone every belief is set on */
} run_ctx;

/* The stage game with suspect k at belief pi (the others as set before), and its repeat
 * analysis at the commitment. On success *rep and *g are the caller's to free. */
static lia_status solve_at(run_ctx *c, size_t k, double pi, lia_game **g, lia_repeat **rep)
{
    suspect_rec *r = &c->s->rec[k];
    *g = NULL;
    *rep = NULL;
    lia_status st = lia_model_set_number(c->model, r->path, lia__suspect_effective_leak(pi, r->leak, r->leak_pen));
    if (st == LIA_OK) st = lia_model_compile(g, c->model, c->s->game, NULL);
    if (st != LIA_OK) {
        if (st != LIA_ENOMEM) set_err(c->s, "%s%s", lia_model_errmsg(c->model), "");
        return st;
    }
    st = lia_game_repeat(rep, *g, NULL, NULL);
    if (st != LIA_OK) {
        lia_game_free(*g);
        *g = NULL;
        if (st != LIA_ENOMEM) {
            /* lia_game_repeat left its reason in the thread's message: keep it, and the belief */
            char at[64];
            snprintf(at, sizeof at, " (at belief %.9g in '%s')", pi, r->path);
            set_err(c->s, "%s%s", lia_errmsg(), at);
        }
    }
    return st;
}

static int trusted(lia_verdict v)
{
    return v == LIA_VERDICT_HOLDS || v == LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT;
}

static lia_status verdict_at(run_ctx *c, size_t k, double pi, lia_verdict *v)
{
    lia_game *g;
    lia_repeat *rep;
    lia_status st = solve_at(c, k, pi, &g, &rep);
    if (st != LIA_OK) return st;
    *v = lia_repeat_verdict(rep);
    lia_repeat_free(rep);
    lia_game_free(g);
    if (*v == LIA_VERDICT_NONE) {
        set_err(c->s, "agreement '%s' has no patience to judge its commitment by%s", c->s->game, "");
        return LIA_EINPUT;
    }
    return LIA_OK;
}

/* Threshold: scan beliefs k/GRID, then bisect between the last trusted one before the first
 * failure and that failure. */
static lia_status threshold(run_ctx *c, size_t k)
{
    suspect_rec *r = &c->s->rec[k];
    int ok[GRID + 1];
    for (size_t j = 0; j <= GRID; j++) {
        lia_verdict v;
        lia_status st = verdict_at(c, k, (double)j / GRID, &v);
        if (st != LIA_OK) return st;
        ok[j] = trusted(v);
    }
    size_t f = 0;
    while (f <= GRID && ok[f]) f++;
    r->monotone = 1;
    for (size_t j = f + 1; j <= GRID; j++)
        if (ok[j]) r->monotone = 0;
    if (f == 0) { r->threshold = NAN; return LIA_OK; }
    if (f > GRID) { r->threshold = 1; return LIA_OK; }
    double lo = (double)(f - 1) / GRID, hi = (double)f / GRID;
    while (hi - lo > BISECT_TOL) {
        double mid = 0.5 * (lo + hi);
        lia_verdict v;
        lia_status st = verdict_at(c, k, mid, &v);
        if (st != LIA_OK) return st;
        if (trusted(v)) lo = mid;
        else hi = mid;
    }
    r->threshold = lo;              /* a belief at which it is known to hold */
    return LIA_OK;
}

/* The verdict and best self-enforcing profile at the prior. */
static lia_status at_prior(run_ctx *c, size_t k)
{
    suspect_rec *r = &c->s->rec[k];
    lia_game *g;
    lia_repeat *rep;
    lia_status st = solve_at(c, k, r->prior, &g, &rep);
    if (st != LIA_OK) return st;
    r->prior_verdict = lia_repeat_verdict(rep);
    const size_t *prof;
    const double *pay, *tr;
    size_t n = c->s->members;
    r->has_best = lia_repeat_best(rep, &prof, &pay, &tr) == 1;
    if (r->has_best) {
        r->profile = lia__arena_array(&c->s->arena, n, sizeof *r->profile);
        r->payoffs = lia__arena_array(&c->s->arena, n, sizeof *r->payoffs);
        r->transfers = lia__arena_array(&c->s->arena, n, sizeof *r->transfers);
        if (!r->profile || !r->payoffs || !r->transfers) st = LIA_ENOMEM;
        else {
            memcpy(r->profile, prof, n * sizeof *prof);
            memcpy(r->payoffs, pay, n * sizeof *pay);
            for (size_t i = 0; i < n; i++) r->transfers[i] = tr ? tr[i] : 0;
        }
    }
    lia_repeat_free(rep);
    lia_game_free(g);
    return st;
}

/* Member and level names from the stage game at the model as given; with suspects to analyse
 * (need_commitment) the game must be an agreement with a commitment. */
static lia_status names(lia_suspects *s, lia_model *m, int need_commitment)
{
    lia_game *g = NULL;
    lia_status st = lia_model_compile(&g, m, s->game, NULL);
    if (st != LIA_OK) {
        if (st != LIA_ENOMEM) set_err(s, "%s%s", lia_model_errmsg(m), "");
        return st;
    }
    if (need_commitment && !lia_game_commitment(g, NULL)) {
        set_err(s, "'%s' is not an agreement with a commitment: suspects need one%s", s->game, "");
        lia_game_free(g);
        return LIA_EUSAGE;
    }
    s->members = lia_game_player_count(g);
    s->member_names = lia__arena_array(&s->arena, s->members, sizeof *s->member_names);
    s->level_names = lia__arena_array(&s->arena, s->members, sizeof *s->level_names);
    st = s->member_names && s->level_names ? LIA_OK : LIA_ENOMEM;
    for (size_t i = 0; st == LIA_OK && i < s->members; i++) {
        size_t nl = lia_game_strategy_count(g, i);
        s->member_names[i] = arena_str(&s->arena, lia_game_player_name(g, i));
        s->level_names[i] = lia__arena_array(&s->arena, nl, sizeof **s->level_names);
        if (!s->member_names[i] || !s->level_names[i]) { st = LIA_ENOMEM; break; }
        for (size_t l = 0; l < nl; l++)
            if (!(s->level_names[i][l] = arena_str(&s->arena, lia_game_strategy_name(g, i, l)))) st = LIA_ENOMEM;
    }
    lia_game_free(g);
    return st;
}

static int in01(double v) { return v >= 0 && v <= 1; }

static lia_status check_desc(lia_suspects *s, const lia_suspect_desc *d, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        const lia_suspect_desc *x = &d[k];
        if (!x->party) return LIA_EUSAGE;
        size_t i = 0;
        while (i < s->members && strcmp(s->member_names[i], x->party) != 0) i++;
        if (i == s->members) {
            set_err(s, "suspect '%s' is not a member of agreement '%s'", x->party, s->game);
            return LIA_EUSAGE;
        }
        if (!in01(x->prior) || !in01(x->detect) || !(x->leak >= 0 && x->leak < 1) ||
            !(x->leak_pen >= 0 && x->leak_pen < 1)) {
            set_err(s, "suspect '%s': prior and detect must be in [0, 1], the leaks in [0, 1)%s", x->party, "");
            return LIA_EUSAGE;
        }
        for (size_t j = 0; j < k; j++)
            if (strcmp(d[j].party, x->party) == 0) {
                set_err(s, "suspect '%s' is given twice%s", x->party, "");
                return LIA_EUSAGE;
            }
    }
    return LIA_OK;
}

static lia_status analyse_in(lia_suspects *s, const lia_model *m, const char *game, const lia_suspect_desc *d, size_t n)
{
    run_ctx c = { s, NULL };
    lia_status st = lia_model_clone(&c.model, m);
    if (st != LIA_OK) {
        if (st != LIA_ENOMEM) set_err(s, "%s%s", lia_model_errmsg(c.model), "");
        lia_model_free(c.model);
        return st;
    }
    size_t gi;
    st = lia__model_pick(c.model, game, &gi);
    if (st == LIA_OK && !(s->game = arena_str(&s->arena, lia_model_game_name(c.model, gi)))) st = LIA_ENOMEM;
    else if (st != LIA_OK && st != LIA_ENOMEM) set_err(s, "%s%s", lia_model_errmsg(c.model), "");
    if (st == LIA_OK) st = names(s, c.model, n > 0);
    if (st == LIA_OK) st = check_desc(s, d, n);
    if (st == LIA_OK && n) {
        s->rec = lia__arena_array(&s->arena, n, sizeof *s->rec);
        if (!s->rec) st = LIA_ENOMEM;
    }
    for (size_t k = 0; st == LIA_OK && k < n; k++) {
        suspect_rec *r = &s->rec[k];
        size_t len = strlen(d[k].party) + sizeof ".leak";
        r->party = arena_str(&s->arena, d[k].party);
        r->path = lia__arena_alloc(&s->arena, len);
        if (!r->party || !r->path) { st = LIA_ENOMEM; break; }
        snprintf(r->path, len, "%s.leak", d[k].party);
        r->leak = d[k].leak;
        r->leak_pen = d[k].leak_pen;
        r->prior = d[k].prior;
        r->detect = d[k].detect;
        s->n = k + 1;
        /* the others held at their priors */
        st = lia_model_set_number(c.model, r->path, lia__suspect_effective_leak(r->prior, r->leak, r->leak_pen));
        if (st != LIA_OK && st != LIA_ENOMEM) set_err(s, "%s%s", lia_model_errmsg(c.model), "");
    }
    for (size_t k = 0; st == LIA_OK && k < n; k++) {
        suspect_rec *r = &s->rec[k];
        st = threshold(&c, k);
        if (st == LIA_OK) st = at_prior(&c, k);   /* leaves suspect k at its prior for the next */
        r->probation = lia__suspect_probation(r->prior, r->detect, r->threshold);
        r->uncover = lia__suspect_uncover(r->prior, r->detect, r->probation);
    }
    lia_model_free(c.model);
    return st;
}

lia_status lia__suspects_analyse(lia_suspects **out, const lia_model *m, const char *game, const lia_suspect_desc *d,
                                 size_t n)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!m || (n && !d)) return LIA_EUSAGE;
    lia_suspects *s = lia__calloc(1, sizeof *s);
    if (!s) return LIA_ENOMEM;
    lia__arena_init(&s->arena);
    lia_status st = analyse_in(s, m, game, d, n);
    if (st == LIA_ENOMEM) { lia_suspects_free(s); return st; }
    if (st != LIA_OK && !s->errmsg[0]) set_err(s, "the suspects could not be analysed: %s%s", lia_status_name(st), "");
    if (st != LIA_OK) s->n = 0;
    *out = s;
    return st;
}

/* The suspects the model declares among the members of game gi: `suspect` in the party,
 * `detect` in the agreement, as overridden. *n = 0 when there are none or gi is no agreement. */
static lia_status declared(const lia_spec *sp, size_t gi, lia_suspect_desc **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!sp || gi >= sp->ngames) return LIA_OK;
    const spec_game *g = &sp->games[gi];
    if (g->kind != LIA_KIND_BILATERAL && g->kind != LIA_KIND_MULTILATERAL) return LIA_OK;
    const spec_agreement *a = &g->agreement;
    size_t count = 0;
    for (size_t i = 0; i < a->nm; i++) count += sp->parties[a->members[i]].suspect != 0;
    if (!count) return LIA_OK;
    lia_suspect_desc *d = lia__calloc(count, sizeof *d);
    if (!d) return LIA_ENOMEM;
    for (size_t i = 0; i < a->nm; i++) {
        const spec_party *p = &sp->parties[a->members[i]];
        if (!p->suspect) continue;
        lia_suspect_desc x = { p->name, p->leak.n.v, p->suspect_leak.n.v, p->suspect_prior.n.v, a->detect.n.v };
        d[(*n)++] = x;
    }
    *out = d;
    return LIA_OK;
}

lia_status lia_model_suspects(lia_suspects **out, const lia_model *m, const char *game)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!m) return LIA_EUSAGE;
    lia_model *c = NULL;
    lia_status st = lia_model_clone(&c, m);
    if (st == LIA_ENOMEM) return st;
    lia_suspect_desc *d = NULL;
    size_t n = 0, gi;
    if (st == LIA_OK && lia__model_pick(c, game, &gi) == LIA_OK) st = declared(lia__model_spec(c), gi, &d, &n);
    else st = LIA_OK;   /* the analysis below reports what is wrong with the model or the name */
    if (st == LIA_OK) st = lia__suspects_analyse(out, c, game, d, n);
    lia__free(d);
    lia_model_free(c);
    return st;
}

void lia_suspects_free(lia_suspects *s)
{
    lia__errmsg_forget(s);
    if (!s) return;
    lia__arena_free(&s->arena);
    lia__free(s);
}

/* ---- accessors ------------------------------------------------------------------------ */

static const suspect_rec *rec_at(const lia_suspects *s, size_t i) { return s && i < s->n ? &s->rec[i] : NULL; }
#define REC(s, i) rec_at(s, i)

const char *lia_suspects_errmsg(const lia_suspects *s) { return s ? (*lia__errmsg_of(s) ? lia__errmsg_of(s) : s->errmsg) : "no suspects (NULL handle)"; }
const char *lia_suspects_game(const lia_suspects *s) { return s && s->game ? s->game : ""; }
size_t lia_suspects_count(const lia_suspects *s) { return s ? s->n : 0; }
size_t lia_suspects_member_count(const lia_suspects *s) { return s ? s->members : 0; }
const char *lia_suspects_member_name(const lia_suspects *s, size_t i)
{
    return s && i < s->members ? s->member_names[i] : NULL;
}
const char *lia_suspects_party(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->party : NULL;
}

lia_status lia_suspects_inputs(const lia_suspects *s, size_t i, double *prior, double *leak, double *leak_penetrated,
                               double *detect)
{
    const suspect_rec *r = REC(s, i);
    if (!r) return LIA_EUSAGE;
    if (prior) *prior = r->prior;
    if (leak) *leak = r->leak;
    if (leak_penetrated) *leak_penetrated = r->leak_pen;
    if (detect) *detect = r->detect;
    return LIA_OK;
}

double lia_suspects_threshold(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->threshold : NAN;
}
int lia_suspects_monotone(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->monotone : -1;
}
size_t lia_suspects_probation(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->probation : SIZE_MAX;
}
double lia_suspects_uncover_probability(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->uncover : NAN;
}
lia_verdict lia_suspects_prior_verdict(const lia_suspects *s, size_t i)
{
    const suspect_rec *r = REC(s, i);
    return r ? r->prior_verdict : LIA_VERDICT_NONE;
}

int lia_suspects_probation_profile(const lia_suspects *s, size_t i, const size_t **profile, const double **payoffs,
                                   const double **transfers)
{
    const suspect_rec *r = REC(s, i);
    if (!r || !r->has_best) return 0;
    if (profile) *profile = r->profile;
    if (payoffs) *payoffs = r->payoffs;
    if (transfers) *transfers = r->transfers;
    return 1;
}

/* for suspects_write.c */
const char *lia__suspects_level(const lia_suspects *s, size_t member, size_t level)
{
    return s->level_names[member][level];
}
