/* repeat.h — repeated-game sustainability of a target profile (docs/model.md section 10):
 * per player the value C, the best one-shot deviation D, the punishment P and the critical
 * discount factor; the compensating-transfer LP; the best self-enforcing profile. */
#ifndef LIA_REPEAT_REPEAT_H
#define LIA_REPEAT_REPEAT_H
#include "liaison.h"
#include "../game/game.h"

/* Each player's punishment payoff: Nash reversion (its worst payoff over the stage game's
 * equilibria: every extreme one for two players, the pure ones for more, or the support-
 * enumeration ones when there is no pure equilibrium) or minmax (two players: the mixed minmax,
 * which equals the player's maxmin value; more: the pure minmax). */
lia_status lia_punishments(const lia_game *g, lia_punishment kind, double *p);

/* C_i = u_i(target) and D_i = max over i's strategies against the others' target, with the
 * maximising strategy in dev[i] (may be NULL). */
void lia_target_values(const lia_game *g, size_t prof, double *c, double *d, size_t *dev);

/* delta* = (D - C)/(D - P), 0 if D <= C, NaN ("never") if C < P. */
double lia_delta_star(double c, double d, double p);

/* The budget-balanced transfers t (sum 0) with C_i + t_i >= (1 - delta_i) D_i + delta_i P_i that
 * pay the least in total (an LP through GLPK); among those, each member with a surplus pays
 * the same fraction of it. *feasible = 0 when no such t exists (t untouched). */
lia_status lia_transfers(size_t n, const double *c, const double *d, const double *p, const double *delta,
                         int *feasible, double *t);

/* The pure profile of highest total payoff that transfers can make self-enforcing (ties: the
 * one needing the least transfers, then the lowest profile index). *found = 0 if none. */
lia_status lia_best_self_enforcing(const lia_game *g, const double *p, const double *delta, int *found,
                                   size_t *prof);

/* "transfers": ..., "best_self_enforcing": ... of r as JSON (gap: what goes between the two,
 * after the comma), shared by lia_repeat_write and the solve report. */
struct lia_buf;
void lia__repeat_json_remedies(struct lia_buf *b, const lia_repeat *r, const char *gap);

#endif
