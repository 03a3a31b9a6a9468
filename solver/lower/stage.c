/* stage.c — an agreement's stage game: every member's payoff at every profile of L^M. */
#include "lower.h"
#include "agreement.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* Every member's payoff terms at the committed profile, which the burden-sharing and
 * quid-pro-quo analyses split into what it receives and what it gives. */
static int commitment_terms(lia_game *g, const lia_spec *spec, const spec_agreement *ag, const agreement_tables *t,
                            agreement_scope *sc)
{
    size_t nm = ag->nm;
    double x[64];
    g->terms = lia__arena_array(&g->arena, nm, sizeof *g->terms);
    if (!g->terms) return 0;
    lia__agreement_scope_fill(t, nm >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << nm) - 1), sc);
    for (size_t m = 0; m < nm; m++) x[m] = ag->levels[ag->commit[m]].v;
    for (size_t i = 0; i < nm; i++) {
        lia_terms td;
        lia__agreement_member(t, sc, ag->commit, x, i, &td);
        const spec_party *party = &spec->parties[ag->members[i]];
        lia_member_terms mt = { td.coverage, td.spillover, td.exposure, td.facility_value, td.facility_cost,
                                td.transfer_in, td.transfer_out, party->resources.n.v, party->patience.n.v };
        g->terms[i] = mt;
    }
    return 1;
}

static lia_status lower_agreement(lia_game **out, const lia_spec *spec, const spec_game *sg, size_t cap,
                                  char *msg, size_t msgcap)
{
    const spec_agreement *ag = &sg->agreement;
    size_t nm = ag->nm, ns[64];
    for (size_t m = 0; m < nm; m++) ns[m] = ag->nl;
    double work = 1;
    for (size_t m = 0; m < nm; m++) work *= (double)ag->nl;
    int exact = work * (double)nm <= LIA_EXACT_WORK_LIMIT;
    lia_game *g;
    lia_status st = lia__game_alloc(&g, sg->name, nm, ns, exact, cap, 0, msg, msgcap);
    if (st != LIA_OK) return st;
    lia_arena scratch;
    lia__arena_init(&scratch);
    agreement_tables t;
    agreement_scope_exact sce;
    agreement_scope scd;
    uint64_t all = nm >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << nm) - 1);
    g->commit = lia__arena_array(&g->arena, nm, sizeof *g->commit);
    g->monitor = lia__arena_array(&g->arena, nm, sizeof *g->monitor);
    if (!g->commit || !g->monitor || !lia__agreement_tables_init(&t, &scratch, spec, ag) ||
        !lia__agreement_scope_alloc(&t, &scratch, &sce, &scd))
        goto oom;
    /* exactness is all or nothing: payoffs_exact and exact lrs output need the whole game */
    if (g->exact && !lia__agreement_exact_probe(&t, ag, &sce, all)) {
        lia__free(g->exact);
        g->exact = NULL;
    }
    for (size_t m = 0; m < nm; m++) {
        g->players[m] = spec->parties[ag->members[m]].name;
        g->commit[m] = ag->commit[m];
        g->monitor[m] = ag->monitor ? ag->monitor[m].v : 1;
        for (size_t l = 0; l < ag->nl; l++) g->strategies[m][l] = ag->level_names[l];
    }
    /* labels point into the model's arena; copy them so the game outlives the model */
    for (size_t m = 0; m < nm; m++) {
        g->players[m] = lia__arena_strndup(&g->arena, g->players[m], strlen(g->players[m]));
        if (!g->players[m]) goto oom;
        for (size_t l = 0; l < ag->nl; l++)
            if (!(g->strategies[m][l] = lia__arena_strndup(&g->arena, g->strategies[m][l], strlen(g->strategies[m][l]))))
                goto oom;
    }
    size_t idx[64] = { 0 };
    lia_num xe[64];
    double xd[64];
    if (g->exact) lia__agreement_scope_fill_exact(&t, all, &sce);
    else lia__agreement_scope_fill(&t, all, &scd);
    for (size_t m = 0; m < nm; m++) { xe[m] = ag->levels[0]; xd[m] = ag->levels[0].v; }
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        for (size_t i = 0; i < nm; i++) {
            if (g->exact) {
                lia_terms_exact te;
                lia__agreement_member_exact(&t, &sce, idx, xe, i, &te);
                lia_game_set(g, i, prof, lia__terms_total_exact(&te));
            } else {
                lia_terms td;
                lia__agreement_member(&t, &scd, idx, xd, i, &td);
                g->payoffs[i * g->nprofiles + prof] = lia__terms_total(&td);
            }
        }
        /* next profile, first member fastest */
        for (size_t m = 0; m < nm; m++) {
            if (++idx[m] < ag->nl) { xe[m] = ag->levels[idx[m]]; xd[m] = xe[m].v; break; }
            idx[m] = 0;
            xe[m] = ag->levels[0];
            xd[m] = xe[m].v;
        }
    }
    if (!commitment_terms(g, spec, ag, &t, &scd)) goto oom;
    lia__arena_free(&scratch);
    if (!lia__game_payoffs_in_range(g, msg, msgcap)) {
        lia_game_free(g);
        return LIA_EINPUT;
    }
    *out = g;
    return LIA_OK;
oom:
    lia__arena_free(&scratch);
    lia_game_free(g);
    return LIA_ENOMEM;
}

static lia_status lower_explicit(lia_game **out, const spec_game *sg, size_t cap, char *msg, size_t msgcap)
{
    const spec_normal *n = &sg->normal;
    lia_game *g;
    /* the spec's table of exact payoffs stays in memory beside the game: it counts against
     * the cap too, so the promise is about the process, not one array */
    size_t held = n->np * n->nprofiles * sizeof(lia_num);
    lia_status st = lia__game_alloc(&g, sg->name, n->np, n->ns, 1, cap, held, msg, msgcap);
    if (st != LIA_OK) return st;
    for (size_t p = 0; p < n->np; p++) {
        g->players[p] = lia__arena_strndup(&g->arena, n->players[p], strlen(n->players[p]));
        if (!g->players[p]) goto oom;
        for (size_t s = 0; s < n->ns[p]; s++)
            if (!(g->strategies[p][s] = lia__arena_strndup(&g->arena, n->strategies[p][s], strlen(n->strategies[p][s]))))
                goto oom;
    }
    for (size_t p = 0; p < n->np; p++)
        for (size_t prof = 0; prof < n->nprofiles; prof++) lia_game_set(g, p, prof, n->payoffs[p * n->nprofiles + prof]);
    if (!lia__game_payoffs_in_range(g, msg, msgcap)) {
        lia_game_free(g);
        return LIA_EINPUT;
    }
    *out = g;
    return LIA_OK;
oom:
    lia_game_free(g);
    return LIA_ENOMEM;
}

lia_status lia__lower_normal(lia_game **out, const lia_spec *spec, const spec_game *g, size_t cap,
                            char *msg, size_t msgcap)
{
    *out = NULL;
    switch (g->kind) {
    case LIA_KIND_BILATERAL: case LIA_KIND_MULTILATERAL: return lower_agreement(out, spec, g, cap, msg, msgcap);
    case LIA_KIND_NORMAL: return lower_explicit(out, g, cap, msg, msgcap);
    default:
        snprintf(msg, msgcap, "'%s' is a coalitional game, not a normal-form game (write it in the tu or json format, or share it)", g->name);
        return LIA_EUSAGE;
    }
}
