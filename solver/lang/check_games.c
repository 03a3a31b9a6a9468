/* check_games.c — checking explicit games: normal form, coalitional, bankruptcy, voting. */
#include "check_internal.h"
#include "../util/mem.h"
#include <stdio.h>
#include <string.h>

enum { MAX_TU_PLAYERS = 63 };
enum { MISSING_NAMED_LIMIT = 1 << 20 };   /* profiles that may be missing and still get named */

/* players A, B, ... : unique names into *names; returns count or 0 on error. */
static size_t player_list(check_ctx *c, const lia_item *it, const lia_stmt *s, const char ***names,
                          lia_nametab *tab, size_t limit)
{
    if (!s) { ERR(c, it->name.span, "game '%s' has no 'players' line", it->name.s); return 0; }
    if (limit && s->nnames > limit) {
        ERR(c, s->span, "game '%s' lists %zu players; at most %zu are supported", it->name.s, s->nnames, limit);
        return 0;
    }
    *names = lia__arena_array(c->arena, s->nnames, sizeof **names);
    if (!*names || !lia__nametab_init(tab, c->arena, s->nnames)) { c->oom = 1; return 0; }
    size_t n = 0;
    int ok = 1;
    for (size_t i = 0; i < s->nnames; i++) {
        if (lia__nametab_put(tab, s->names[i].s, s->names[i].len, n) != n) {
            ERR(c, s->names[i].span, "player '%s' is listed twice", s->names[i].s);
            ok = 0;
            continue;
        }
        (*names)[n++] = s->names[i].s;
    }
    return ok ? n : 0;
}

static size_t player_of(check_ctx *c, const lia_nametab *tab, const char **names, size_t np, const lia_ident *id)
{
    size_t p = lia__nametab_get(tab, id->s, id->len);
    if (p == (size_t)-1) lia__check_unknown(c, id, "player", names, np > 64 ? 64 : np);
    return p;
}

/* Names a profile for messages: "(C, D)". */
static void profile_text(char *buf, size_t cap, const spec_normal *g, size_t profile)
{
    size_t off = (size_t)snprintf(buf, cap, "(");
    for (size_t p = 0; p < g->np && off < cap; p++) {
        size_t s = profile % g->ns[p];
        profile /= g->ns[p];
        off += (size_t)snprintf(buf + off, cap - off, "%s%s", p ? ", " : "", g->strategies[p][s]);
    }
    if (off < cap) snprintf(buf + off, cap - off, ")");
}

static int normal_from_matrices(check_ctx *c, const lia_item *it, spec_normal *g, lia_stmt *const *mats,
                                size_t nmat, const lia_nametab *ptab)
{
    if (g->np != 2) {
        ERR(c, mats[0]->span, "'matrix' is for two-player games; '%s' has %zu players", it->name.s, g->np);
        return 0;
    }
    int ok = 1;
    const lia_stmt *by[2] = { 0 };
    for (size_t i = 0; i < nmat; i++) {
        size_t p = player_of(c, ptab, g->players, g->np, &mats[i]->a);
        if (p == (size_t)-1) { ok = 0; continue; }
        if (by[p]) { ERR(c, mats[i]->span, "player '%s' has two matrices", g->players[p]); ok = 0; continue; }
        by[p] = mats[i];
        if (mats[i]->rows != g->ns[0] || mats[i]->cols != g->ns[1]) {
            ERR(c, mats[i]->a.span, "%s's matrix is %zu x %zu but the game is %zu x %zu (rows: %s's strategies)",
                g->players[p], mats[i]->rows, mats[i]->cols, g->ns[0], g->ns[1], g->players[0]);
            ok = 0;
        }
    }
    for (size_t p = 0; p < 2 && ok; p++)
        if (!by[p]) { ERR(c, it->name.span, "player '%s' has no matrix", g->players[p]); ok = 0; }
    if (!ok) return 0;
    for (size_t p = 0; p < 2; p++) {
        for (size_t r = 0; r < g->ns[0]; r++) {
            for (size_t col = 0; col < g->ns[1]; col++) {
                lia_num v;
                if (!lia__check_eval(c, by[p]->exprs[r * g->ns[1] + col], &v)) { ok = 0; continue; }
                g->payoffs[p * g->nprofiles + r + g->ns[0] * col] = v;
            }
        }
    }
    return ok;
}

/* Each player's 'strategies' line, into g->ns, g->strategies and the name tables stabs (one
 * per player, for the payoff lines). Returns 1, 0 after reporting an error, -1 out of memory. */
static int normal_strategies(check_ctx *c, const lia_item *it, spec_normal *g, const lia_nametab *ptab,
                             lia_nametab *stabs)
{
    int ok = 1;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw != KW_STRATEGIES) continue;
        size_t p = player_of(c, ptab, g->players, g->np, &s->a);
        if (p == (size_t)-1) { ok = 0; continue; }
        if (g->ns[p]) { ERR(c, s->span, "strategies of '%s' are given twice", g->players[p]); ok = 0; continue; }
        g->strategies[p] = lia__arena_array(c->arena, s->nnames, sizeof(char *));
        if (!g->strategies[p] || !lia__nametab_init(&stabs[p], c->arena, s->nnames)) return -1;
        for (size_t k = 0; k < s->nnames; k++) {
            if (lia__nametab_put(&stabs[p], s->names[k].s, s->names[k].len, g->ns[p]) != g->ns[p]) {
                ERR(c, s->names[k].span, "strategy '%s' of '%s' is listed twice", s->names[k].s, g->players[p]);
                ok = 0;
                continue;
            }
            g->strategies[p][g->ns[p]++] = s->names[k].s;
        }
    }
    for (size_t p = 0; p < g->np; p++)
        if (!g->ns[p]) { ERR(c, it->name.span, "player '%s' has no 'strategies' line", g->players[p]); ok = 0; }
    return ok;
}

/* The number of profiles into g->nprofiles, refusing a game that mixes 'payoff' lines and
 * 'matrix' blocks, or whose table is far larger than the lines the file gives: the file lists
 * every profile, so a count beyond the lines given is reported, not allocated. Returns 1 when
 * the payoffs may be read, 0 after reporting why not. */
static int normal_profiles(check_ctx *c, const lia_item *it, spec_normal *g, size_t npay, size_t nmat)
{
    if (nmat && g->np != 2) {
        lia_stmt *first = it->stmts;
        while (first->kw != KW_MATRIX) first = first->next;
        ERR(c, first->span, "'matrix' is for two-player games; '%s' has %zu players", it->name.s, g->np);
        return 0;
    }
    if (npay && nmat) {
        ERR(c, it->name.span, "game '%s' mixes 'payoff' lines and 'matrix' blocks; use one or the other", it->name.s);
        return 0;
    }
    size_t given = npay ? npay : (nmat ? (size_t)-1 : 0);
    g->nprofiles = 1;
    int too_many = 0;
    for (size_t p = 0; p < g->np; p++)
        if (!lia__size_mul(g->nprofiles, g->ns[p], &g->nprofiles)) too_many = 1;
    if (nmat && g->np == 2) given = g->nprofiles;
    /* a few missing profiles are named below; a table far larger than the file is refused
     * here by its count, before anything of its size is allocated */
    if (!too_many && npay && g->nprofiles - npay <= MISSING_NAMED_LIMIT) given = g->nprofiles;
    if (too_many || g->nprofiles > given) {
        if (too_many)
            ERR(c, it->name.span, "game '%s' has more profiles than can be counted", it->name.s);
        else
            ERR(c, it->name.span, "game '%s' has %zu strategy profiles but payoffs for only %zu", it->name.s,
                g->nprofiles, npay);
        return 0;
    }
    return 1;
}

/* The profile a payoff line names (its strategies looked up in stabs), or (size_t)-1 after
 * reporting an unknown strategy. */
static size_t payoff_profile(check_ctx *c, const spec_normal *g, const lia_stmt *s, const lia_nametab *stabs)
{
    size_t prof = 0, stride = 1;
    for (size_t p = 0; p < g->np; p++) {
        size_t k = lia__nametab_get(&stabs[p], s->names[p].s, s->names[p].len);
        if (k == (size_t)-1) {
            char kind[300];
            snprintf(kind, sizeof kind, "strategy of '%s'", g->players[p]);
            lia__check_unknown(c, &s->names[p], kind, g->strategies[p], g->ns[p] > 64 ? 64 : g->ns[p]);
            return (size_t)-1;
        }
        prof += k * stride;
        stride *= g->ns[p];
    }
    return prof;
}

/* Names up to five profiles no payoff line gives (and counts the rest in a note). */
static void report_missing(check_ctx *c, const lia_item *it, const spec_normal *g, const lia_stmt **at)
{
    char buf[256];
    size_t missing = 0;
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        if (at[prof]) continue;
        if (++missing <= 5) {
            profile_text(buf, sizeof buf, g, prof);
            ERR(c, it->name.span, "game '%s' gives no payoff for profile %s", it->name.s, buf);
        }
    }
    if (missing > 5)
        lia__diags_add(c->d, c->s, LIA_NOTE, it->name.span, "%zu more profiles have no payoff", missing - 5);
}

/* The 'payoff' lines into g->payoffs: one strategy and one payoff per player each, every
 * profile exactly once. Returns 0, or -1 out of memory; errors go to the diagnostics. */
static int normal_from_lines(check_ctx *c, const lia_item *it, spec_normal *g, const lia_nametab *stabs)
{
    const lia_stmt **at = lia__arena_array(c->arena, g->nprofiles, sizeof *at);
    if (!at) return -1;
    char buf[256];
    int ok = 1;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw != KW_PAYOFF) continue;
        if (s->nnames != g->np) {
            ERR(c, s->span, "a payoff line names one strategy per player (%zu), this one names %zu", g->np, s->nnames);
            ok = 0;
            continue;
        }
        size_t prof = payoff_profile(c, g, s, stabs);
        if (prof == (size_t)-1) { ok = 0; continue; }
        if (at[prof]) {
            profile_text(buf, sizeof buf, g, prof);
            ERR(c, s->span, "profile %s is given twice (first on line %u)", buf, at[prof]->span.line);
            ok = 0;
            continue;
        }
        at[prof] = s;
        if (s->nexprs != g->np) {
            ERR(c, s->exprs[s->nexprs - 1]->span, "a payoff line gives one payoff per player (%zu), this one gives %zu",
                g->np, s->nexprs);
            ok = 0;
            continue;
        }
        for (size_t p = 0; p < g->np; p++) {
            lia_val v;
            if (!lia__check_value(c, NULL, s->exprs[p], lia__num_int(0), s->span, &v)) { ok = 0; continue; }
            g->payoffs[p * g->nprofiles + prof] = v.n;
        }
    }
    if (ok) report_missing(c, it, g, at);
    return c->oom ? -1 : 0;
}

/* game NAME normal { players ...; strategies P: ...; payoff lines or matrix P [...] }: a
 * normal-form game into sg->normal. Returns 0 (errors, if any, in the diagnostics) or -1 out of memory. */
int lia__check_normal(check_ctx *c, const lia_item *it, spec_game *sg)
{
    spec_normal *g = &sg->normal;
    sg->kind = LIA_KIND_NORMAL;
    lia_stmt *seen[KW_COUNT] = { 0 };
    size_t npay = 0, nmat = 0, nstrat = 0;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw == KW_PLAYERS) lia__check_once(c, seen, s, "players");
        else if (s->kw == KW_PAYOFF) npay++;
        else if (s->kw == KW_MATRIX) nmat++;
        else if (s->kw == KW_STRATEGIES) nstrat++;
    }
    lia_nametab ptab;
    g->np = player_list(c, it, seen[KW_PLAYERS], &g->players, &ptab, 0);
    if (!g->np) return c->oom ? -1 : 0;
    g->ns = lia__arena_array(c->arena, g->np, sizeof *g->ns);
    g->strategies = lia__arena_array(c->arena, g->np, sizeof *g->strategies);
    lia_nametab *stabs = lia__arena_array(c->arena, g->np, sizeof *stabs);
    if (!g->ns || !g->strategies || !stabs) return -1;
    int ok = normal_strategies(c, it, g, &ptab, stabs);
    if (ok <= 0) return ok;
    if (!normal_profiles(c, it, g, npay, nmat)) return 0;
    size_t cells;
    if (!lia__size_mul(g->nprofiles, g->np, &cells)) return 0;
    g->payoffs = lia__arena_array(c->arena, cells, sizeof *g->payoffs);
    if (!g->payoffs) return -1;
    if (!nmat) return normal_from_lines(c, it, g, stabs);
    lia_stmt **mats = lia__arena_array(c->arena, nmat, sizeof *mats);
    if (!mats) return -1;
    nmat = 0;
    for (lia_stmt *s = it->stmts; s; s = s->next)
        if (s->kw == KW_MATRIX) mats[nmat++] = s;
    normal_from_matrices(c, it, g, mats, nmat, &ptab);
    return c->oom ? -1 : 0;
}

int lia__check_coalitional(check_ctx *c, const lia_item *it, spec_game *sg)
{
    spec_coalitional *g = &sg->coal;
    sg->kind = it->cost ? LIA_KIND_COALITIONAL_COST : LIA_KIND_COALITIONAL;
    lia_stmt *seen[KW_COUNT] = { 0 };
    size_t nval = 0;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw == KW_PLAYERS) lia__check_once(c, seen, s, "players");
        else nval++;
    }
    lia_nametab ptab;
    g->np = player_list(c, it, seen[KW_PLAYERS], &g->players, &ptab, MAX_TU_PLAYERS);
    if (!g->np) return c->oom ? -1 : 0;
    g->masks = lia__arena_array(c->arena, nval ? nval : 1, sizeof *g->masks);
    g->values = lia__arena_array(c->arena, nval ? nval : 1, sizeof *g->values);
    const lia_stmt **firsts = lia__arena_array(c->arena, nval ? nval : 1, sizeof *firsts);
    lia_nametab seen_masks;
    if (!g->masks || !g->values || !firsts || !lia__nametab_init(&seen_masks, c->arena, nval)) return -1;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw != KW_VALUE) continue;
        uint64_t mask = 0;
        int good = 1;
        for (size_t k = 0; k < s->nnames; k++) {
            size_t p = player_of(c, &ptab, g->players, g->np, &s->names[k]);
            if (p == (size_t)-1) { good = 0; continue; }
            if (mask & ((uint64_t)1 << p)) {
                ERR(c, s->names[k].span, "'%s' appears twice in the coalition", s->names[k].s);
                good = 0;
            }
            mask |= (uint64_t)1 << p;
        }
        lia_val v;
        if (!lia__check_value(c, NULL, s->exprs[0], lia__num_int(0), s->span, &v)) good = 0;
        if (!good) continue;
        uint64_t *key = lia__arena_alloc(c->arena, sizeof *key);
        if (!key) return -1;
        *key = mask;
        size_t prev = lia__nametab_put(&seen_masks, (const char *)key, sizeof *key, g->nv);
        if (prev != g->nv) {
            ERR(c, s->span, "the value of this coalition is already given on line %u", firsts[prev]->span.line);
            continue;
        }
        /* --set GAME.value.A.B (players in declaration order) overrides one coalition */
        char path[LIA_PATH_MAX];
        size_t off = (size_t)snprintf(path, sizeof path, "%s.value", it->name.s);
        for (size_t p = 0; p < g->np && off < sizeof path; p++)
            if (mask & ((uint64_t)1 << p)) off += (size_t)snprintf(path + off, sizeof path - off, ".%s", g->players[p]);
        if (!lia__check_value(c, path, s->exprs[0], lia__num_int(0), s->span, &v)) continue;
        firsts[g->nv] = s;
        g->masks[g->nv] = mask;
        g->values[g->nv] = v.n;
        g->nv++;
    }
    return c->oom ? -1 : 0;
}

/* claims/weights: a list of (party, amount) defining the players. */
static size_t named_amounts(check_ctx *c, const lia_item *it, const lia_stmt *s, const char *attr,
                            const char ***names, lia_num **vals)
{
    if (!s) { ERR(c, it->name.span, "game '%s' has no '%s' line", it->name.s, attr); return 0; }
    *names = lia__arena_array(c->arena, s->npairs, sizeof **names);
    *vals = lia__arena_array(c->arena, s->npairs, sizeof **vals);
    lia_nametab tab;
    if (!*names || !*vals || !lia__nametab_init(&tab, c->arena, s->npairs)) { c->oom = 1; return 0; }
    size_t n = 0;
    int ok = 1;
    char path[LIA_PATH_MAX];
    for (size_t k = 0; k < s->npairs; k++) {
        const lia_pair *pr = &s->pairs[k];
        if (lia__nametab_put(&tab, pr->name.s, pr->name.len, n) != n) {
            ERR(c, pr->name.span, "'%s' is listed twice", pr->name.s);
            ok = 0;
            continue;
        }
        lia_val v;
        snprintf(path, sizeof path, "%s.%s.%s", it->name.s, attr, pr->name.s);
        if (!lia__check_value(c, path, pr->value, lia__num_int(0), pr->name.span, &v) ||
            !lia__check_range(c, &v, 0, RANGE_CLOSED, 0, 0, 1, "%s's %s", pr->name.s, strcmp(attr, "claims") == 0 ? "claim" : "weight")) {
            ok = 0;
            continue;
        }
        (*names)[n] = pr->name.s;
        (*vals)[n] = v.n;
        n++;
    }
    return ok ? n : 0;
}

static int scalar(check_ctx *c, const lia_item *it, const lia_stmt *s, const char *attr, lia_val *v)
{
    char path[LIA_PATH_MAX];
    snprintf(path, sizeof path, "%s.%s", it->name.s, attr);
    if (!s && !lia__check_has_override(c, path)) {
        ERR(c, it->name.span, "game '%s' has no '%s' line", it->name.s, attr);
        return 0;
    }
    if (!s) return lia__check_value(c, path, NULL, lia__num_int(0), it->name.span, v);   /* from --set */
    return lia__check_value(c, path, s->exprs[0], lia__num_int(0), s->span, v);
}

/* Bankruptcy and voting games share a shape: an amount (estate, quota) weighed against a
 * named list (claims, weights) that defines the players. */
typedef struct structured_def {
    lia_kw amount_kw;
    const char *amount, *list, *amount_what, *total_what, *overflow;
    int amount_open;        /* quota must be > 0; an estate may be 0 */
} structured_def;

static int check_structured(check_ctx *c, const lia_item *it, const structured_def *def, lia_num *amount,
                            const char ***players, lia_num **list, size_t *np)
{
    lia_stmt *seen[KW_COUNT] = { 0 };
    for (lia_stmt *s = it->stmts; s; s = s->next) lia__check_once(c, seen, s, s->kw == def->amount_kw ? def->amount : def->list);
    lia_kw list_kw = def->amount_kw == KW_ESTATE ? KW_CLAIMS : KW_WEIGHTS;
    lia_val v;
    int ok = scalar(c, it, seen[def->amount_kw], def->amount, &v) &&
             lia__check_range(c, &v, 0, def->amount_open ? RANGE_OPEN : RANGE_CLOSED, 0, 0, 1, "%s", def->amount_what);
    *np = named_amounts(c, it, seen[list_kw], def->list, players, list);
    if (!ok || !*np) return c->oom ? -1 : 0;
    *amount = v.n;
    lia_num total = lia__num_int(0);
    for (size_t i = 0; i < *np; i++) total = lia__num_add(total, (*list)[i]);
    if (lia__num_cmp(v.n, total) > 0) {
        char a[48], t[48];
        lia__num_format_double(a, sizeof a, v.n.v);
        lia__num_format_double(t, sizeof t, total.v);
        ERR(c, v.span, "%s (%s) exceeds %s (%s): %s", def->amount_what, a, def->total_what, t, def->overflow);
    }
    return c->oom ? -1 : 0;
}

int lia__check_bankruptcy(check_ctx *c, const lia_item *it, spec_game *sg)
{
    static const structured_def def = { KW_ESTATE, "estate", "claims", "the estate", "the total claims",
                                        "there is nothing to ration", 0 };
    sg->kind = LIA_KIND_BANKRUPTCY;
    return check_structured(c, it, &def, &sg->bank.estate, &sg->bank.players, &sg->bank.claims, &sg->bank.np);
}

int lia__check_voting(check_ctx *c, const lia_item *it, spec_game *sg)
{
    static const structured_def def = { KW_QUOTA, "quota", "weights", "the quota", "the total weight",
                                        "no coalition can win", 1 };
    sg->kind = LIA_KIND_VOTING;
    return check_structured(c, it, &def, &sg->vote.quota, &sg->vote.players, &sg->vote.weights, &sg->vote.np);
}
