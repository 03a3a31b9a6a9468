/* solve.c — lia_model_solve: compile every agreement (and explicit normal-form game) of a
 * model and gather what the report says of its stage game. */
#include "report.h"
#include "../model_internal.h"
#include "../game/game.h"
#include "../nash/exact_enum.h"
#include "../repeat/repeat.h"
#include "../share/share_result.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <stdio.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia__arena_strndup(a, s, strlen(s)); }

/* The class of a two-player stage game: of the game itself when it is 2 x 2, else of its
 * restriction to each member's lowest level (withholding) and committed level, which is the
 * choice a quid-pro-quo reading of the agreement is about. 0 if no class applies. */
static lia_status classify(lia_report_entry *r, const lia_game *g)
{
    if (g->np != 2) return LIA_OK;
    if (g->ns[0] == 2 && g->ns[1] == 2) {
        lia_status st = lia_game_classify_2x2(g, NULL, &r->cls);
        r->has_class = st == LIA_OK;
        return st == LIA_ENOMEM ? st : LIA_OK;
    }
    if (!r->has_commit || r->commit[0] == 0 || r->commit[1] == 0) return LIA_OK;
    size_t ns[2] = { 2, 2 }, lv[2][2] = { { 0, r->commit[0] }, { 0, r->commit[1] } };
    double pay[8];
    for (size_t p = 0; p < 2; p++)
        for (size_t b = 0; b < 2; b++)
            for (size_t a = 0; a < 2; a++)
                pay[p * 4 + a + 2 * b] = g->payoffs[p * g->nprofiles + lv[0][a] + g->ns[0] * lv[1][b]];
    lia_game *sub = NULL;
    lia_status st = lia_game_new(&sub, 2, ns, pay);
    if (st == LIA_OK) {
        size_t coop[2] = { 1, 1 };
        st = lia_game_classify_2x2(sub, coop, &r->cls);
        r->has_class = r->class_restricted = st == LIA_OK;
    }
    lia_game_free(sub);
    return st == LIA_ENOMEM ? st : LIA_OK;
}

static lia_status entry(lia_report *rep, lia_report_entry *r, const lia_game *g, const char *name, lia_game_kind kind)
{
    lia_arena *a = &rep->arena;
    r->name = copy(a, name);
    r->kind = kind;
    r->np = g->np;
    r->members = lia__arena_array(a, g->np, sizeof *r->members);
    r->levels = lia__arena_array(a, g->np, sizeof *r->levels);
    r->nlevels = lia__arena_array(a, g->np, sizeof *r->nlevels);
    r->commit = lia__arena_array(a, g->np, sizeof *r->commit);
    r->commit_payoffs = lia__arena_array(a, g->np, sizeof *r->commit_payoffs);
    if (!r->name || !r->members || !r->levels || !r->nlevels || !r->commit || !r->commit_payoffs) return LIA_ENOMEM;
    for (size_t p = 0; p < g->np; p++) {
        if (!(r->members[p] = copy(a, g->players[p]))) return LIA_ENOMEM;
        r->nlevels[p] = g->ns[p];
        if (!(r->levels[p] = lia__arena_array(a, g->ns[p], sizeof(char *)))) return LIA_ENOMEM;
        for (size_t s = 0; s < g->ns[p]; s++)
            if (!(r->levels[p][s] = copy(a, g->strategies[p][s]))) return LIA_ENOMEM;
    }
    r->nprofiles = g->nprofiles;
    if (g->nprofiles <= LIA_REPORT_KEEP_PROFILES) {
        if (!(r->payoffs = lia__arena_array(a, g->np * g->nprofiles, sizeof *r->payoffs))) return LIA_ENOMEM;
        memcpy(r->payoffs, g->payoffs, g->np * g->nprofiles * sizeof *r->payoffs);
    }
    r->has_commit = lia_game_commitment(g, r->commit);
    if (r->has_commit) {
        size_t prof;
        if (lia_game_profile_index(g, r->commit, &prof) != LIA_OK) return LIA_EINTERNAL;
        for (size_t p = 0; p < g->np; p++) r->commit_payoffs[p] = g->payoffs[p * g->nprofiles + prof];
    }
    lia_status st = classify(r, g);
    if (st != LIA_OK) return st;
    /* two members: every extreme equilibrium (exactly when the payoffs are exact); more: the
     * pure equilibria. Found first and offered to the game, so that the repeated game's
     * punishment and the bargaining's disagreement point do not find them again. */
    lia_nash_options o = LIA_NASH_OPTIONS_INIT;
    if (g->np == 2) {
        o.method = LIA_NASH_ALL;
        o.exact = lia__exact_enum_possible(g);
    }
    st = lia_game_nash(&r->eq, g, &o);
    /* exact numbers too large for the fixed-size integers: the floating-point set still serves */
    if (st == LIA_ELIMIT && o.exact) {
        o.exact = 0;
        st = lia_game_nash(&r->eq, g, &o);
    }
    if (st != LIA_OK) return st;
    lia__nash_reversion_offer(g, r->eq, o.method);
    if (r->has_commit && kind != LIA_KIND_NORMAL) st = lia_game_repeat(&r->repeat, g, NULL, NULL);
    return st;
}

/* The burden-sharing part of an agreement's report. An agreement too large for its coalition
 * table still gets the rest of the report, with the reason in place of the shares. */
static lia_status shares(lia_report *rep, lia_report_entry *r, lia_model *m, const lia_compile_options *opts,
                         const lia_game *stage)
{
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    if (opts) so.memory_cap = opts->memory_cap;
    lia_status st = lia__model_share_stage(&r->shares, m, r->name, &so, stage);
    if (st == LIA_ENOMEM) return st;
    if (st == LIA_OK) return LIA_OK;
    const char *why = r->shares && *lia_share_errmsg(r->shares) ? lia_share_errmsg(r->shares) : lia_model_errmsg(m);
    r->shares_why = copy(&rep->arena, *why ? why : lia_status_name(st));
    lia_share_free(r->shares);
    r->shares = NULL;
    return r->shares_why ? LIA_OK : LIA_ENOMEM;
}

lia_status lia_model_solve(lia_report **out, lia_model *m, const char *name, const lia_compile_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_model_solve: out is NULL");
    *out = NULL;
    if (!m) return lia__errmsg_default(LIA_EUSAGE, "lia_model_solve: the model is NULL");
    size_t only = 0, count = lia_model_game_count(m);
    if (name && lia__model_pick(m, name, &only) != LIA_OK) return LIA_EUSAGE;   /* the model says why */
    lia_report *rep = lia__calloc(1, sizeof *rep);
    if (!rep) return LIA_ENOMEM;
    lia__arena_init(&rep->arena);
    rep->entries = lia__calloc(count + 1, sizeof *rep->entries);
    rep->title = copy(&rep->arena, lia_model_title(m));
    rep->source = copy(&rep->arena, lia_model_source_name(m) ? lia_model_source_name(m) : "");
    lia_status st = rep->entries && rep->title && rep->source ? LIA_OK : LIA_ENOMEM;
    const char *at = NULL;   /* the agreement or game being solved, for the message */
    for (size_t i = name ? only : 0; st == LIA_OK && i < (name ? only + 1 : count); i++) {
        lia_game_kind kind = lia_model_game_kind(m, i);
        at = lia_model_game_name(m, i);
        if (kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL && kind != LIA_KIND_NORMAL) {
            if (name) {   /* a coalitional game has no stage game: see share */
                char why[320];
                snprintf(why, sizeof why, "'%s' is a coalitional game, which has no stage game to solve (share it "
                                          "instead)", at);
                lia__model_error(m, why);
                st = LIA_EUSAGE;
            }
            continue;
        }
        lia_game *g = NULL;
        st = lia_model_compile(&g, m, lia_model_game_name(m, i), opts);
        if (st == LIA_OK) st = entry(rep, &rep->entries[rep->n++], g, lia_model_game_name(m, i), kind);
        if (st == LIA_OK && kind != LIA_KIND_NORMAL) st = shares(rep, &rep->entries[rep->n - 1], m, opts, g);
        lia_game_free(g);
        if (st == LIA_OK && rep->entries[rep->n - 1].repeat) {
            lia_suspects **su = &rep->entries[rep->n - 1].suspects;
            st = lia_model_suspects(su, m, lia_model_game_name(m, i));
            if (st != LIA_OK && *su) lia__model_error(m, lia_suspects_errmsg(*su));
            if (st != LIA_OK || lia_suspects_count(*su) == 0) {
                lia_suspects_free(*su);
                *su = NULL;
            }
        }
        if (st == LIA_OK && rep->entries[rep->n - 1].repeat && lia_model_regime_count(m) > 0) {
            /* the model's message says why a regime cannot be analysed */
            lia_regimes **rg = &rep->entries[rep->n - 1].regimes;
            st = lia_model_regimes(rg, m, lia_model_game_name(m, i));
            if (st != LIA_OK) {
                if (*rg) lia__model_error(m, lia_regimes_errmsg(*rg));
                lia_regimes_free(*rg);
                *rg = NULL;
            }
        }
    }
    if (st != LIA_OK) {
        lia_report_free(rep);
        /* the model's message, else the deeper call's (lia_game_nash, lia_game_repeat), else ours:
         * the model carries it too, as lia_model_solve's documentation promises */
        if (!*lia_model_errmsg(m)) {
            lia__errmsg_default(st, "solving '%s' failed: %s", at ? at : lia_model_source_name(m), lia_status_name(st));
            lia__model_error(m, lia_errmsg());
        } else {
            lia__errmsg_set("%s", lia_model_errmsg(m));
        }
        return st;
    }
    *out = rep;
    return LIA_OK;
}

void lia_report_free(lia_report *r)
{
    lia__errmsg_forget(r);
    if (!r) return;
    for (size_t i = 0; i < r->n; i++) {
        lia_eqset_free(r->entries[i].eq);
        lia_share_free(r->entries[i].shares);
        lia_repeat_free(r->entries[i].repeat);
        lia_regimes_free(r->entries[i].regimes);
        lia_suspects_free(r->entries[i].suspects);
    }
    lia__free(r->entries);
    lia__arena_free(&r->arena);
    lia__free(r);
}

const char *lia_report_errmsg(const lia_report *r) { return lia__errmsg_of(r); }

size_t lia_report_count(const lia_report *r) { return r ? r->n : 0; }
const char *lia_report_name(const lia_report *r, size_t i) { return r && i < r->n ? r->entries[i].name : NULL; }
const lia_eqset *lia_report_equilibria(const lia_report *r, size_t i) { return r && i < r->n ? r->entries[i].eq : NULL; }

int lia_report_class(const lia_report *r, size_t i, lia_class2x2 *cls, int *restricted)
{
    if (!r || i >= r->n || !r->entries[i].has_class) return 0;
    if (cls) *cls = r->entries[i].cls;
    if (restricted) *restricted = r->entries[i].class_restricted;
    return 1;
}
