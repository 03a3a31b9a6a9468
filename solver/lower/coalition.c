/* coalition.c — coalition games: v(S) of an agreement (S runs the agreement alone at its best
 * profile), explicit coalition tables, and structured bankruptcy and voting games. */
#include "lower.h"
#include "agreement.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static int copy_names(lia_tugame *g, const char *const *names)
{
    for (size_t p = 0; p < g->np; p++)
        if (!(g->players[p] = lia__arena_strndup(&g->arena, names[p], strlen(names[p])))) return 0;
    return 1;
}

/* v(S) = max over the levels of S's members of the sum of their payoffs. */
static void coalition_value(const agreement_tables *t, const spec_agreement *ag, uint64_t S, int exact,
                            agreement_scope_exact *sce, agreement_scope *scd, lia_num *ve, double *vd)
{
    if (exact) lia__agreement_scope_fill_exact(t, S, sce);
    else lia__agreement_scope_fill(t, S, scd);
    size_t mem[64], k = 0, idx[64] = { 0 }, lv[64] = { 0 };   /* idx by position in S, lv by member */
    lia_num xe[64];
    double xd[64];
    for (size_t m = 0; m < ag->nm; m++) {
        xe[m] = lia__num_int(0);
        xd[m] = 0;
        if (S >> m & 1) { mem[k++] = m; xe[m] = ag->levels[0]; xd[m] = ag->levels[0].v; }
    }
    lia_num beste = lia__num_int(0);
    double bestd = -INFINITY;
    for (;;) {
        lia_num sume = lia__num_int(0);
        double sumd = 0;
        for (size_t a = 0; a < k; a++) {
            if (exact) {
                lia_terms_exact te;
                lia__agreement_member_exact(t, sce, lv, xe, mem[a], &te);
                sume = lia__num_add(sume, lia__terms_total_exact(&te));
            } else {
                lia_terms td;
                lia__agreement_member(t, scd, lv, xd, mem[a], &td);
                sumd += lia__terms_total(&td);
            }
        }
        if (exact) { if (bestd == -INFINITY || lia__num_cmp(sume, beste) > 0) { beste = sume; bestd = sume.v; } }
        else if (sumd > bestd) bestd = sumd;
        size_t a = 0;
        for (; a < k; a++) {
            size_t m = mem[a];
            if (++idx[a] < ag->nl) { lv[m] = idx[a]; xe[m] = ag->levels[idx[a]]; xd[m] = xe[m].v; break; }
            idx[a] = lv[m] = 0;
            xe[m] = ag->levels[0];
            xd[m] = xe[m].v;
        }
        if (a == k) break;
    }
    if (exact) {
        *ve = beste;
    } else {
        lia_num inexact = { bestd, 0, 0 };
        *ve = inexact;
    }
    *vd = bestd;
}

static lia_status agreement_tu(lia_tugame **out, const lia_spec *spec, const spec_game *sg, size_t cap,
                               char *msg, size_t msgcap)
{
    const spec_agreement *ag = &sg->agreement;
    double work = pow(1.0 + (double)ag->nl, (double)ag->nm) * (double)ag->nm;
    if (work > LIA_COALITION_WORK_LIMIT) {
        snprintf(msg, msgcap, "the coalition game of '%s' needs about %.3g payoff evaluations "
                 "(%zu members, %zu levels); that is too many to tabulate", sg->name, work, ag->nm, ag->nl);
        return LIA_ELIMIT;
    }
    int exact = work <= LIA_EXACT_WORK_LIMIT;   /* and the probe below agrees */
    lia_tugame *g;
    const char *names[64];
    for (size_t m = 0; m < ag->nm; m++) names[m] = spec->parties[ag->members[m]].name;
    lia_status st = lia__tugame_alloc(&g, sg->name, ag->nm, LIA_TU_TABLE, 0);
    if (st != LIA_OK) return st;
    st = lia__tugame_alloc_table(g, exact, cap, msg, msgcap);
    if (st != LIA_OK) { lia_tugame_free(g); return st; }
    if (!g->exact) exact = 0;
    lia_arena scratch;
    lia__arena_init(&scratch);
    agreement_tables t;
    agreement_scope_exact sce;
    agreement_scope scd;
    if (!copy_names(g, names) || !lia__agreement_tables_init(&t, &scratch, spec, ag) ||
        !lia__agreement_scope_alloc(&t, &scratch, &sce, &scd)) {
        lia__arena_free(&scratch);
        lia_tugame_free(g);
        return LIA_ENOMEM;
    }
    uint64_t all = ((uint64_t)1 << ag->nm) - 1;
    if (exact && !lia__agreement_exact_probe(&t, ag, &sce, all)) {
        exact = 0;
        lia__free(g->exact);
        g->exact = NULL;
    }
    if (g->exact) g->exact[0] = lia__num_int(0);
    for (uint64_t S = 1; S < ((uint64_t)1 << ag->nm); S++) {
        lia_num ve;
        coalition_value(&t, ag, S, exact, &sce, &scd, &ve, &g->values[S]);
        if (g->exact) g->exact[S] = ve;
        if (!(fabs(g->values[S]) < LIA_NUM_LIMIT)) {
            snprintf(msg, msgcap, "the coalition values of '%s' leave +-1e300, where their differences overflow "
                     "a double; scale the model's values down", sg->name);
            lia__arena_free(&scratch);
            lia_tugame_free(g);
            return LIA_EINPUT;
        }
    }
    lia__arena_free(&scratch);
    *out = g;
    return LIA_OK;
}

static lia_status explicit_tu(lia_tugame **out, const spec_game *sg, size_t cap, char *msg, size_t msgcap)
{
    const spec_coalitional *c = &sg->coal;
    lia_tugame *g;
    lia_status st = lia__tugame_alloc(&g, sg->name, c->np, LIA_TU_TABLE, sg->kind == LIA_KIND_COALITIONAL_COST);
    if (st == LIA_OK) st = lia__tugame_alloc_table(g, 1, cap, msg, msgcap);
    if (st == LIA_OK && !copy_names(g, c->players)) st = LIA_ENOMEM;
    if (st != LIA_OK) { lia_tugame_free(g); return st; }
    if (g->exact)
        for (size_t S = 0; S < ((size_t)1 << c->np); S++) g->exact[S] = lia__num_int(0);
    for (size_t i = 0; i < c->nv; i++) {
        g->values[c->masks[i]] = c->values[i].v;
        if (g->exact) g->exact[c->masks[i]] = c->values[i];
        if (!(fabs(c->values[i].v) < LIA_NUM_LIMIT)) {   /* a computed value such as 1e299*1e9 */
            snprintf(msg, msgcap, "game '%s': a coalition's value is %g, outside +-1e300, where differences of "
                     "values overflow a double; scale the values down", sg->name, c->values[i].v);
            lia_tugame_free(g);
            return LIA_EINPUT;
        }
    }
    *out = g;
    return LIA_OK;
}

static lia_status structured_tu(lia_tugame **out, const spec_game *sg)
{
    int bank = sg->kind == LIA_KIND_BANKRUPTCY;
    size_t np = bank ? sg->bank.np : sg->vote.np;
    const char *const *names = bank ? sg->bank.players : sg->vote.players;
    const lia_num *w = bank ? sg->bank.claims : sg->vote.weights;
    lia_tugame *g;
    lia_status st = lia__tugame_alloc(&g, sg->name, np, bank ? LIA_TU_BANKRUPTCY : LIA_TU_VOTING, 0);
    if (st != LIA_OK) return st;
    g->weights = lia__arena_array(&g->arena, np, sizeof *g->weights);
    g->weights_exact = lia__arena_array(&g->arena, np, sizeof *g->weights_exact);
    if (!g->weights || !g->weights_exact || !copy_names(g, names)) { lia_tugame_free(g); return LIA_ENOMEM; }
    g->amount_exact = bank ? sg->bank.estate : sg->vote.quota;
    g->amount = g->amount_exact.v;
    for (size_t i = 0; i < np; i++) { g->weights[i] = w[i].v; g->weights_exact[i] = w[i]; }
    *out = g;
    return LIA_OK;
}

lia_status lia__lower_tu(lia_tugame **out, const lia_spec *spec, const spec_game *g, size_t cap,
                        char *msg, size_t msgcap)
{
    *out = NULL;
    switch (g->kind) {
    case LIA_KIND_BILATERAL: case LIA_KIND_MULTILATERAL: return agreement_tu(out, spec, g, cap, msg, msgcap);
    case LIA_KIND_COALITIONAL: case LIA_KIND_COALITIONAL_COST: return explicit_tu(out, g, cap, msg, msgcap);
    case LIA_KIND_BANKRUPTCY: case LIA_KIND_VOTING: return structured_tu(out, g);
    case LIA_KIND_NORMAL:
        snprintf(msg, msgcap, "'%s' is a normal-form game, not a coalitional game", g->name);
        return LIA_EUSAGE;
    }
    return LIA_EINTERNAL;
}
