/* tugame.h — coalitional games: a v(S) table, or a bankruptcy/voting game kept structured. */
#ifndef LIA_GAME_TUGAME_H
#define LIA_GAME_TUGAME_H
#include "liaison.h"
#include "../util/arena.h"
#include "../util/num.h"

struct lia_tugame {
    lia_arena arena;
    const char *name;
    size_t np;
    const char **players;
    int cost;
    lia_tu_form form;
    double *values;        /* LIA_TU_TABLE: 2^np entries, own allocation */
    lia_num *exact;        /* same, or NULL */
    double amount;         /* estate or quota */
    double *weights;       /* claims or weights (arena) */
    lia_num amount_exact;
    lia_num *weights_exact;
};

/* Shell with names but no table. */
lia_status lia__tugame_alloc(lia_tugame **out, const char *name, size_t np, lia_tu_form form, int cost);
/* Allocate the 2^np table (and the exact one if asked and it fits); LIA_ELIMIT with msg. */
lia_status lia__tugame_alloc_table(lia_tugame *g, int want_exact, size_t cap, char *msg, size_t msgcap);

#endif
