/* game.h — the normal-form game handle: labels, a contiguous payoff tensor, exact payoffs. */
#ifndef LIA_GAME_GAME_H
#define LIA_GAME_GAME_H
#include "liaison.h"
#include "../util/arena.h"
#include "../util/num.h"
#include <stdatomic.h>

struct lia_game {
    lia_arena arena;          /* names and label arrays */
    const char *name;
    size_t np;
    const char **players;
    size_t *ns;
    const char ***strategies;
    size_t nprofiles;
    double *payoffs;          /* np * nprofiles (liaison.h layout); own allocation */
    lia_num *exact;           /* same layout, or NULL when not kept; own allocation */
    size_t *commit;           /* agreement stage games: committed level per player, else NULL */
    lia_member_terms *terms;  /* agreement stage games: each member's terms at the commitment */
    double *monitor;          /* agreement stage games: each member's detection probability */
    char errmsg[200];         /* the last failed call's message (lia_game_errmsg) */
    /* each player's worst payoff over the stage equilibria (Nash reversion, the bargaining
     * disagreement point), computed once per game by whichever analysis asks first and
     * published atomically, since a const game may be read by several threads; NULL until */
    _Atomic(double *) nash_worst;
};

/* Allocate a game with the given shape (labels left NULL). want_exact asks for the exact
 * array too, dropped silently if it would not fit in `cap` bytes less `held` (what the caller
 * already holds for this game, such as the spec's table). LIA_ELIMIT if the doubles alone
 * exceed that (msg filled). */
lia_status lia__game_alloc(lia_game **out, const char *name, size_t np, const size_t *ns, int want_exact,
                          size_t cap, size_t held, char *msg, size_t msgcap);
/* Store payoff `v` of player p at profile; keeps payoffs[] and exact[] consistent. */
static inline void lia_game_set(lia_game *g, size_t p, size_t profile, lia_num v)
{
    size_t at = p * g->nprofiles + profile;
    g->payoffs[at] = v.v;
    if (g->exact) g->exact[at] = v;
}
/* 1 if every payoff lies strictly within +-LIA_NUM_LIMIT; else 0 with msg naming the first
 * payoff outside (a computed one, such as 1e299*1e9, as much as one read). */
int lia__game_payoffs_in_range(const lia_game *g, char *msg, size_t msgcap);
/* A size for messages, needs and caps alike: "1.5 GiB", "2.14 KiB", "763 MiB" (three
 * significant digits, so a cap as a user wrote it reads "1 GiB", "50 KiB"). */
void lia__format_bytes(char *buf, size_t cap, double bytes);
/* The same for a size_t (a memory cap). */
void lia__format_cap(char *buf, size_t cap, size_t bytes);

#endif
