/* share_api.c — accessors of the lia_share handle and the array-level entry points. */
#include "share_result.h"
#include "share.h"
#include "../game/game.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include "../util/names.h"
#include <math.h>
#include <string.h>

static const char *const rule_names[LIA_SHARE_RULE_COUNT] = {
    "shapley", "banzhaf", "nucleolus", "prenucleolus", "least_core", "per_capita_nucleolus", "shapley_mc",
    "talmud", "proportional", "cea", "cel", "equal", "resources", "actual", "nash_bargaining",
    "kalai_smorodinsky", "banzhaf_absolute",
};

const char *lia_share_rule_name(lia_share_rule r)
{
    return (unsigned)r < LIA_SHARE_RULE_COUNT ? rule_names[r] : "unknown";
}

/* The names a caller selects rules by (`liaison share --method`, the Python binding's
 * method=): a rule's family where the library computes two rules together (banzhaf: the
 * normalised and the absolute index; bargaining: Nash and Kalai-Smorodinsky), shorter names
 * for two rules, and "core" for the least core. */
static const struct { const char *name; uint64_t rules; } selections[] = {
    { "shapley", 1u << LIA_SHARE_SHAPLEY },
    { "banzhaf", 1u << LIA_SHARE_BANZHAF | 1u << LIA_SHARE_BANZHAF_ABSOLUTE },
    { "nucleolus", 1u << LIA_SHARE_NUCLEOLUS },
    { "prenucleolus", 1u << LIA_SHARE_PRENUCLEOLUS },
    { "least_core", 1u << LIA_SHARE_LEAST_CORE },
    { "core", 1u << LIA_SHARE_LEAST_CORE },
    { "per_capita", 1u << LIA_SHARE_PER_CAPITA_NUCLEOLUS },
    { "montecarlo", 1u << LIA_SHARE_SHAPLEY_MC },
    { "talmud", 1u << LIA_SHARE_TALMUD },
    { "proportional", 1u << LIA_SHARE_PROPORTIONAL },
    { "cea", 1u << LIA_SHARE_CEA },
    { "cel", 1u << LIA_SHARE_CEL },
    { "equal", 1u << LIA_SHARE_EQUAL },
    { "resources", 1u << LIA_SHARE_RESOURCES },
    { "actual", 1u << LIA_SHARE_ACTUAL },
    { "bargaining", 1u << LIA_SHARE_NASH_BARGAINING | 1u << LIA_SHARE_KALAI_SMORODINSKY },
    { "all", 0 },
};

const char *lia_share_selection_name(size_t i)
{
    return i < sizeof selections / sizeof *selections ? selections[i].name : NULL;
}

lia_status lia_share_rules_from_name(const char *name, uint64_t *rules)
{
    for (size_t k = 0; name && rules && k < sizeof selections / sizeof *selections; k++)
        if (strcmp(name, selections[k].name) == 0) { *rules = selections[k].rules; return LIA_OK; }
    return LIA_EUSAGE;
}

/* In lia_disagreement order: the one table the command line's --disagreement, the Python
 * binding and the JSON output read. */
static const char *const disagreement_names[] = { "nash", "security" };

enum { NDISAGREE = sizeof disagreement_names / sizeof *disagreement_names };

const char *lia_disagreement_name(lia_disagreement d)
{
    return lia__names_at(disagreement_names, NDISAGREE, (size_t)d);
}

lia_status lia_disagreement_from_name(const char *name, lia_disagreement *out)
{
    size_t k;
    if (!out || !lia__names_find(disagreement_names, NDISAGREE, name, &k)) return LIA_EUSAGE;
    *out = (lia_disagreement)k;
    return LIA_OK;
}

void lia_share_free(lia_share *s)
{
    lia__errmsg_forget(s);
    if (!s) return;
    lia__arena_free(&s->arena);
    lia__free(s);
}

const char *lia_share_errmsg(const lia_share *s) { return s ? (*lia__errmsg_of(s) ? lia__errmsg_of(s) : s->errmsg) : "no share handle"; }
const char *lia_share_game(const lia_share *s) { return s ? s->game : NULL; }
size_t lia_share_player_count(const lia_share *s) { return s ? s->n : 0; }
const char *lia_share_player_name(const lia_share *s, size_t p) { return s && p < s->n ? s->players[p] : NULL; }
int lia_share_is_cost(const lia_share *s) { return s ? s->cost : 0; }
double lia_share_grand_value(const lia_share *s) { return s ? s->grand : NAN; }

const double *lia_share_vector(const lia_share *s, lia_share_rule r)
{
    return s && (unsigned)r < LIA_SHARE_RULE_COUNT ? s->vec[r] : NULL;
}

lia_status lia_share_rule_status(const lia_share *s, lia_share_rule r, const char **why)
{
    if (why) *why = "";
    if (!s || (unsigned)r >= LIA_SHARE_RULE_COUNT) return LIA_EUSAGE;
    if (why) *why = s->why[r] ? s->why[r] : s->vec[r] ? "" : "not computed";
    return s->vec[r] ? LIA_OK : s->status[r] == LIA_OK ? LIA_EUSAGE : s->status[r];
}

double lia_share_least_core_epsilon(const lia_share *s) { return s && s->has_least_core ? s->epsilon : 0; }
int lia_share_core_empty(const lia_share *s) { return s ? s->core_empty : -1; }
int lia_share_verified(const lia_share *s, lia_share_rule r)
{
    return s && (unsigned)r < LIA_SHARE_RULE_COUNT && s->vec[r] ? s->verified[r] : 0;
}
const double *lia_share_mc_halfwidth(const lia_share *s) { return s && s->vec[LIA_SHARE_SHAPLEY_MC] ? s->mc_half : NULL; }
const double *lia_share_disagreement(const lia_share *s) { return s ? s->dpoint : NULL; }
const double *lia_share_gap(const lia_share *s, lia_share_rule r)
{
    return s && (unsigned)r < LIA_SHARE_RULE_COUNT ? s->gap[r] : NULL;
}
const double *lia_share_exploitation(const lia_share *s) { return s ? s->exploit : NULL; }
size_t lia_share_breakaway_count(const lia_share *s) { return s ? s->nbrk : 0; }
size_t lia_share_breakaway_total(const lia_share *s) { return s ? s->brk_total : 0; }

lia_status lia_share_breakaway(const lia_share *s, size_t k, uint64_t *members, double *value, double *actual)
{
    if (!s || k >= s->nbrk) return LIA_EUSAGE;
    if (members) *members = s->brk[k].mask;
    if (value) *value = s->brk[k].value;
    if (actual) *actual = s->brk[k].actual;
    return LIA_OK;
}

/* ---- array-level entry points ---- */

lia_status lia_tu_shapley(const double *values, size_t players, double *phi)
{
    return lia__shapley_table(values, players, phi);
}

lia_status lia_tu_nucleolus(const double *values, size_t players, int pre, double *x, double *epsilon)
{
    double level1 = 0;
    lia_status st = lia__nucleolus_table(values, players, pre, 0, x, &level1, NULL, NULL, 0);
    if (st == LIA_OK && epsilon) *epsilon = -level1;
    return st;
}

lia_status lia_bankruptcy_rule(lia_share_rule r, double estate, const double *claims, size_t n, double *x)
{
    switch (r) {
    case LIA_SHARE_TALMUD: case LIA_SHARE_NUCLEOLUS: return lia__bankruptcy_talmud(estate, claims, n, x);
    case LIA_SHARE_PROPORTIONAL: return lia__bankruptcy_proportional(estate, claims, n, x);
    case LIA_SHARE_CEA: return lia__bankruptcy_cea(estate, claims, n, x);
    case LIA_SHARE_CEL: return lia__bankruptcy_cel(estate, claims, n, x);
    default: return LIA_EUSAGE;
    }
}

lia_status lia_voting_power_indices(double quota, const double *weights, size_t n, double *ss, double *bz)
{
    return lia__voting_power(quota, weights, NULL, NULL, n, ss, bz, NULL, 0, NULL, 0);
}
