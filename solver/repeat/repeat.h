/* repeat.h — repeated-game sustainability of a target profile (docs/model.md section 10):
 * per player the value C, the best one-shot deviation D, the punishment P and the critical
 * discount factor; the compensating-transfer LP; the best self-enforcing profile. */
#ifndef LIA_REPEAT_REPEAT_H
#define LIA_REPEAT_REPEAT_H
#include "liaison.h"
#include "../game/game.h"

/* Each player's punishment payoff: Nash reversion (its worst payoff over the stage game's
 * equilibria: every extreme one for two players, the pure ones for more, or the support-
 * enumeration ones when there is no pure equilibrium) or minmax (lia__minmax_correlated). */
lia_status lia__punishments(const lia_game *g, lia_punishment kind, double *p);
/* The Nash-reversion point alone (reversion.c): computed once per game, whoever asks first. */
lia_status lia__nash_reversion(const lia_game *g, double *p);
/* An analysis that found g's equilibria with `method` offers the set, so that the reversion
 * point need not be computed again (taken only when the method is the one it is defined by). */
void lia__nash_reversion_offer(const lia_game *g, const lia_eqset *e, lia_nash_method method);

/* Player i's minmax when the others may correlate the punishment: the least, over joint
 * distributions of the others' pure profiles, of i's best reply (an LP through GLPK). No
 * punishment the others can carry out, equilibrium or not, holds i below it; for two
 * players it is the mixed minmax, which equals i's maxmin value. */
lia_status lia__minmax_correlated(const lia_game *g, size_t i, double *value);

/* A player's one-shot deviations from a target. In an agreement's stage game the strategies
 * are increasing sharing levels and the commitment is a floor: only a lower level breaches it
 * (direction withhold); a higher level that pays more means the commitment is set too low for
 * the member (exceed), which is no breach. In other games every strategy is a breach and the
 * direction is NONE. Gains within 1e-9 of the player's payoff scale count as none. */
typedef struct lia_deviation {
    double value;            /* C: the payoff at the target */
    double keep;             /* the best payoff without a breach: C, or more at a higher level
                                (the verdicts are judged on it: sharing more is allowed) */
    double breach;           /* the best payoff of a breach, C if none pays more */
    size_t breach_strategy;  /* its strategy (the target's own if none) */
    double best;             /* the best payoff of any strategy, C if none pays more */
    size_t best_strategy;
    lia_direction direction;
} lia_deviation;
void lia__target_deviations(const lia_game *g, size_t prof, lia_deviation *out);

/* C_i = u_i(target) and D_i = the best payoff of a breach (as lia__target_deviations), with
 * its strategy in dev[i] (may be NULL). */
void lia__target_values(const lia_game *g, size_t prof, double *c, double *d, size_t *dev);

/* delta* = (D - C)/(D - P): NaN ("never") if C < P, else 0 if D <= C. With imperfect
 * monitoring (a breach noticed with probability q per period, the deviator breaching until
 * caught) delta*(q) = (D - C)/((D - C) + q (C - P)); q = 1 is the formula above. */
double lia__delta_star(double c, double d, double p);
/* A punishment payoff within rounding (noise, lia__payoff_noise) of the member's keep value is
 * that value: C < P by 1e-17 must not read as "prefers the punishment". */
double lia__snap_punishment(double p, double keep, double noise);
/* What differences of player i's payoffs count as rounding, unchanged by what the other side's
 * choices alone add: for a deviation gain (the others' profile fixed), 1e-9 of how much i's own
 * strategy moves its payoff; for a punishment payoff against its keep value, 1e-9 of the smaller
 * of that and how much the others' profile moves it; both plus 1e-15 of i's largest |payoff|. */
double lia__payoff_noise(const lia_game *g, size_t i);
double lia__punishment_noise(const lia_game *g, size_t i);
double lia__delta_star_q(double c, double d, double p, double q);
/* What keeping to the target must be worth for the member to keep to it at patience delta:
 * the value of breaching until caught, ((1 - delta) D + delta q P)/(1 - delta + delta q). */
double lia__keep_threshold(double d, double p, double delta, double q);
/* The least detection probability at which the member keeps to the target at patience
 * delta: 0 if D <= C, NaN if C < P or if even q = 1 is not enough. */
double lia__q_needed(double c, double d, double p, double delta);

/* The budget-balanced transfers t (sum 0) with C_i + t_i >= lia__keep_threshold(D_i, P_i,
 * delta_i, q_i) (q NULL: perfect monitoring) that pay the least in total (an LP through GLPK);
 * among those, each member with a surplus pays the same fraction of it. *feasible = 0 when no
 * such t exists (t untouched). */
lia_status lia__transfers(size_t n, const double *c, const double *d, const double *p, const double *delta,
                         const double *q, int *feasible, double *t);

/* The pure profile of highest total payoff that transfers can make self-enforcing (ties: the
 * one needing the least transfers, then the lowest profile index). *found = 0 if none. */
lia_status lia__best_self_enforcing(const lia_game *g, const double *p, const double *delta, const double *q,
                                   int *found, size_t *prof);

/* "transfers": ..., "best_self_enforcing": ... of r as JSON (gap: what goes between the two,
 * after the comma), shared by lia_repeat_write and the solve report. */
struct lia_buf;
void lia__repeat_json_remedies(struct lia_buf *b, const lia_repeat *r, const char *gap);
/* "status": ..., "summary": ... of r as JSON. */
void lia__repeat_json_status(struct lia_buf *b, const lia_repeat *r);
/* "minmax": {payoffs, delta_star, sustainable}, "harsher": {payoffs, sustainable} or null. */
void lia__repeat_json_tests(struct lia_buf *b, const lia_repeat *r);
/* The plain-words summary wrapped for a terminal, each line indented. */
void lia__repeat_text_summary(struct lia_buf *b, const lia_repeat *r, size_t indent);
/* The status in words ("holds", "needs transfers", ...) and the table of the text form. */
const char *lia__repeat_status_words(const lia_repeat *r);
void lia__repeat_text_table(struct lia_buf *b, const lia_repeat *r);
/* Member i's verdict in words for a table: "keeps to it", "withholds", "prefers the fallback",
 * "keeps to it, would share more", "-" without a patience. */
const char *lia__repeat_member_words(const lia_repeat *r, size_t i);

#endif
