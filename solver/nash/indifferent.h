/* indifferent.h — games in which no player's own choice changes its payoff (indifferent.c). */
#ifndef LIA_NASH_INDIFFERENT_H
#define LIA_NASH_INDIFFERENT_H
#include "eqset.h"
#include "../game/game.h"

/* 1 if every player's payoff is the same (exactly) across its own strategies, for each
 * choice of the others: then every profile is an equilibrium. O(players x profiles). */
int lia__nash_all_indifferent(const lia_game *g);
/* For such a two-player game, what lia__nash_enum gives, read off the structure: every pure
 * profile (the extreme equilibria; exact forms when the payoffs are exact), one component
 * with one clique. LIA_ELIMIT if listing them would take over e->memory_cap. */
lia_status lia__nash_enum_indifferent(lia_eqset *e, const lia_game *g, int exact);

#endif
