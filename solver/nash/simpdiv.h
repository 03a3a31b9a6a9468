/* simpdiv.h — simplicial subdivision's approximation before polishing (simpdiv.c), for the
 * tests that check the simplicial algorithm on its own; lia_game_nash reaches the method
 * through lia__nash_simpdiv (nash.h). */
#ifndef LIA_NASH_SIMPDIV_H
#define LIA_NASH_SIMPDIV_H
#include "../game/game.h"

/* The van der Laan-Talman restarts from the centroid on grids of mesh 1/4, 1/8, ... up to
 * 1/m_last (a power of two from 4 to 2^26), without polishing: the last path's end (the
 * barycentre of its final simplex, a full mixed profile) into x, and the labelled points
 * computed over all paths into *labels (may be NULL). LIA_EINTERNAL with a message if the
 * step budget runs out, LIA_ENOMEM, LIA_EUSAGE for an m_last out of range. */
lia_status lia__simpdiv_approx(const lia_game *g, long m_last, double *x, long *labels);

#endif
