/* exact_enum.h — the exact path of vertex enumeration: each extreme equilibrium found in
 * floating point is rebuilt in exact rationals from its labels alone and checked exactly. */
#ifndef LIA_NASH_EXACT_ENUM_H
#define LIA_NASH_EXACT_ENUM_H
#include "eqset.h"
#include "../game/game.h"
#include <stdint.h>

typedef struct lia_exact_enum lia_exact_enum;

/* 1 if every payoff of the two-player game is known exactly. */
int lia__exact_enum_possible(const lia_game *g);
/* The game's payoffs as integer matrices (an increasing affine map of each player's).
 * LIA_ELIMIT if they do not fit the fixed-size integers. Caller frees. */
lia_status lia__exact_enum_new(lia_exact_enum **out, const lia_game *g);
void lia__exact_enum_free(lia_exact_enum *X);
/* Player p's integer payoffs, m x n row-major (owned by X). */
const struct lia_big *lia__exact_enum_matrix(const lia_exact_enum *X, size_t p);
/* Rebuild the equilibrium whose P and Q vertices carry these labels (bitsets over m + n),
 * check it exactly (both vertices feasible, all labels covered), and with `attach` set give
 * the last equilibrium of e its exact form (the probabilities become the nearest doubles).
 * LIA_EINTERNAL if the exact check fails (the floating-point labels were wrong), LIA_ELIMIT
 * if the numbers outgrow the fixed-size integers. */
lia_status lia__exact_enum_add(lia_exact_enum *X, lia_eqset *e, const uint64_t *labx, const uint64_t *laby, int attach);

#endif
