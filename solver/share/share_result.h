/* share_result.h — the lia_share handle: every solution of one game, with why a rule is
 * missing, and for agreements the gaps, exploitation indices and break-away coalitions. */
#ifndef LIA_SHARE_SHARE_RESULT_H
#define LIA_SHARE_SHARE_RESULT_H
#include "liaison.h"
#include "../util/arena.h"

enum { LIA_BREAKAWAY_KEEP = 64 };

typedef struct lia_breakaway { uint64_t mask; double value, actual; } lia_breakaway;

struct lia_share {
    lia_arena arena;
    char errmsg[512];
    const char *game;
    size_t n;
    const char **players;
    int cost;
    lia_game_kind kind;
    double grand;
    double *vec[LIA_SHARE_RULE_COUNT];
    lia_status status[LIA_SHARE_RULE_COUNT];
    const char *why[LIA_SHARE_RULE_COUNT];
    int verified[LIA_SHARE_RULE_COUNT];
    int has_least_core;
    double epsilon;
    int core_empty;              /* -1 unknown */
    double *mc_half;
    uint64_t mc_samples, mc_seed;
    double mc_confidence;
    double *dpoint;
    lia_disagreement dkind;
    /* with dpoint: bit p set when the bargaining solutions give party p more than its
     * disagreement payoff (3 normally; 0 when no point of the hull improves on d for either,
     * so both solutions are d itself; one bit when only that party can gain) */
    unsigned bargain_gain;
    double *gap[LIA_SHARE_RULE_COUNT];
    double *exploit;
    lia_breakaway *brk;
    size_t nbrk, brk_total;
};

/* An empty handle for n players (names copied); NULL on allocation failure. */
lia_share *lia__share_new(const char *game, size_t n, const char *const *players);
/* Record that rule r was not computed and why (printf-style, copied into the arena). */
void lia__share_skip(lia_share *s, lia_share_rule r, lia_status st, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* A vector of n doubles in the handle's arena, registered as rule r's result. */
double *lia__share_put(lia_share *s, lia_share_rule r);
/* Whether the options ask for rule r (explicitly, or every applicable rule). */
static inline int lia_share_wants(const lia_share_options *o, lia_share_rule r)
{
    return o->rules == 0 || (o->rules >> r & 1);
}

/* The caller's options (any version from 1 to the current one; NULL: the defaults) into *o in
 * the current layout, and whether their values are in range. 0: refused (a version the library
 * does not read leaves its reason in msg and lia_errmsg; msg may be NULL). */
int lia__share_options_read(lia_share_options *o, const lia_share_options *given, char *msg, size_t cap);
/* Every rule asked for by name that was neither computed nor explained gets "does not apply";
 * LIA_EUSAGE if there was one. */
lia_status lia__share_check_asked(lia_share *s, const lia_share_options *o);
/* After a failed fill: the message of the first rule that failed, into s->errmsg. */
void lia__share_explain(lia_share *s);
/* Fill the solutions of the TU game g into s (players and names already set). */
lia_status lia__share_fill_tu(lia_share *s, const lia_tugame *g, const lia_share_options *o);
/* Bargaining over the stage game g into s. */
lia_status lia__share_fill_bargaining(lia_share *s, const lia_game *g, const lia_share_options *o);
/* lia_model_share for a report that has the game's stage game compiled already (agreements;
 * other kinds compile as usual): the stage game, and what it has computed once (the Nash-
 * reversion point), serve the bargaining too. o must be valid. */
lia_status lia__model_share_stage(lia_share **out, lia_model *m, const char *name, const lia_share_options *o,
                                 const lia_game *stage);

/* Monte-Carlo Shapley (montecarlo.c): phi and per-player half-widths holding together with
 * probability >= confidence (Hoeffding with a union bound over the players). */
lia_status lia__shapley_mc(const lia_tugame *g, uint64_t samples, uint64_t seed, double confidence, double *phi,
                          double *half, lia_progress_fn progress, void *ctx);

#endif
