/* suspects.h — a partner that may be penetrated (docs/model.md, "Suspected penetration"): the
 * belief arithmetic as pure functions, and the analysis of an agreement whose suspects are
 * given explicitly (the public lia_model_suspects reads them from the model). */
#ifndef LIA_DYNAMICS_SUSPECTS_H
#define LIA_DYNAMICS_SUSPECTS_H
#include "liaison.h"
#include <stddef.h>

/* The leak the other members reckon with at belief pi: (1 - pi) leak + pi leak_pen. Every
 * payoff is affine in one party's leak, so this is the expected payoff's leak exactly. */
double lia__suspect_effective_leak(double pi, double leak, double leak_pen);
/* The belief after one period without a detection (Bayes' rule; detection chance q per period
 * when penetrated): pi (1 - q) / (pi (1 - q) + 1 - pi). 1 stays 1. */
double lia__suspect_update(double pi, double q);
/* The belief after n quiet periods, through the odds: odds_n = odds_0 (1 - q)^n. */
double lia__suspect_belief_after(double pi0, double q, size_t n);
/* The least number of quiet periods after which the belief is at or below `threshold`: 0 when
 * pi0 already is; SIZE_MAX when it never gets there (threshold NaN, q = 0, pi0 = 1, or the
 * threshold is 0 and q < 1) or only after more than LIA__SUSPECT_PROBATION_MAX periods (a
 * count no user can wait out, and beyond which a double no longer counts periods one by one). */
#define LIA__SUSPECT_PROBATION_MAX 1e15
size_t lia__suspect_probation(double pi0, double q, double threshold);
/* The chance that a penetration is uncovered within n periods: pi0 (1 - (1 - q)^n); NaN when n
 * is SIZE_MAX. */
double lia__suspect_uncover(double pi0, double q, size_t n);

/* One suspect, given explicitly. */
typedef struct lia_suspect_desc {
    const char *party;      /* a member of the agreement */
    double leak;            /* its leak when it is clean, [0, 1) */
    double leak_pen;        /* its leak when it is penetrated, [0, 1) */
    double prior;           /* the other members' belief that it is penetrated, [0, 1] */
    double detect;          /* the chance per period that a penetration is uncovered, [0, 1] */
} lia_suspect_desc;

/* Analyse suspects d[0..n-1] of agreement `game` (NULL: the only game) of model m (not
 * modified: the analysis runs on a clone). While one suspect is analysed, the others are held
 * at the effective leak of their prior. *out receives a handle also on LIA_EUSAGE/LIA_EINPUT
 * (read lia_suspects_errmsg); NULL only on LIA_ENOMEM. */
lia_status lia__suspects_analyse(lia_suspects **out, const lia_model *m, const char *game,
                                 const lia_suspect_desc *d, size_t n);

#endif
