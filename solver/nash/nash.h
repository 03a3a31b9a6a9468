/* nash.h — equilibrium methods behind lia_game_nash; each appends verified equilibria. */
#ifndef LIA_NASH_NASH_H
#define LIA_NASH_NASH_H
#include "eqset.h"
#include "../game/game.h"

/* `cap` bounds the memory the listed equilibria may take (LIA_ELIMIT beyond). */
lia_status lia_nash_pure(lia_eqset *e, const lia_game *g, size_t cap);
/* Lemke-Howson from one dropped label (0 .. m+n-1; rows first), from every label when label
 * is -1 (each equilibrium listed once), or one equilibrium by racing labels (LIA_LH_RACE).
 * Two players only. */
lia_status lia_nash_lh(lia_eqset *e, const lia_game *g, long label);
/* Two-player constant-sum games: the pair of security strategies (LIA_EUSAGE otherwise). */
lia_status lia_nash_lp(lia_eqset *e, const lia_game *g);
/* Two players: every extreme equilibrium and the maximal cliques of the equilibrium graph
 * (vertex enumeration of both best-response polytopes). With `exact`, each equilibrium is
 * also rebuilt and checked in exact rationals (LIA_EUSAGE if the payoffs are not exact). */
lia_status lia_nash_enum(lia_eqset *e, const lia_game *g, int exact);

#endif
