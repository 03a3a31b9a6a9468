/* compare_internal.h — the comparison handle, shared by compare.c (which fills it) and
 * compare_write.c (which writes it). */
#ifndef LIA_COMPARE_INTERNAL_H
#define LIA_COMPARE_INTERNAL_H
#include "liaison.h"
#include "../util/arena.h"
#include <stddef.h>

typedef struct entry {
    const char *game;
    lia_game_kind kind;
    int automatic;               /* a pair of the decomposition, not an agreement of the file */
    size_t n;
    size_t *member;              /* index into the union of names */
    double *payoff, *delta_star, *exposure;
    double *transfer;            /* per member, positive = received; NaN when none restores it */
    double *adjusted;            /* the payoff after the transfers it needs; NaN: breaks down
                                    (or no verdict) */
    lia_direction *direction;
    double welfare, scale;       /* scale: the largest |payoff| of the stage game */
    lia_verdict verdict;
    int self_enforcing, transfers_feasible, core_empty;
    double transfers_total;      /* what the payers pay in total */
    size_t breakaway;
} entry;

struct lia_compare {
    lia_arena arena;
    size_t n, nnames;
    entry *e;
    const char **names;          /* the union of members, in order of appearance */
    int has_sum;                 /* a multilateral entry and two or more bilateral ones */
    double *sum;                 /* per name: payoffs summed over the bilateral entries */
    double *sum_adjusted;        /* per name: adjusted payoffs summed over the bilateral entries
                                    that do not break down (NaN if none is left) */
    double sum_welfare, scale;   /* scale: the largest payoff scale of the entries */
    int *in_sum;
    int regimes;                 /* some model has regimes: its columns judge it as written */
};

#endif
