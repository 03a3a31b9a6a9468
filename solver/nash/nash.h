/* nash.h — equilibrium methods behind lia_game_nash; each appends verified equilibria. */
#ifndef LIA_NASH_NASH_H
#define LIA_NASH_NASH_H
#include "eqset.h"
#include "../game/game.h"

/* `cap` bounds the memory the listed equilibria may take (LIA_ELIMIT beyond). */
lia_status lia_nash_pure(lia_eqset *e, const lia_game *g, size_t cap);
/* Two-player constant-sum games: the pair of security strategies (LIA_EUSAGE otherwise). */
lia_status lia_nash_lp(lia_eqset *e, const lia_game *g);

#endif
