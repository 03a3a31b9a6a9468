/* regimes_internal.h — the lia_regimes handle, shared by its analysis (regimes_api.c) and its
 * writers (regimes_write.c). */
#ifndef LIA_DYNAMICS_REGIMES_INTERNAL_H
#define LIA_DYNAMICS_REGIMES_INTERNAL_H
#include "regimes.h"
#include "../util/arena.h"

struct lia_regimes {
    lia_arena arena;
    char errmsg[512];
    int failed;                  /* the analysis failed: only errmsg is meaningful */
    const char *game;
    size_t nr, np, start;
    const char **names, **members;
    double *pi;                  /* nr x nr, row-major */
    double *patience;            /* np, from the start regime's terms */
    double *c, *d, *p, *v, *w, *slack;   /* np x nr, [i * nr + s] */
    unsigned char *reach;
    double *dist;                /* long-run distribution from the start */
    lia_regime_star *star;
    double *avg;                 /* averaged delta* */
    int *sustainable;            /* -1 without patience */
    int transfers_feasible;      /* -1 not computed */
    double *t, cost;             /* t[s * np + i] */
    size_t *ns, *commit, nprofiles;     /* the stage game's shape, the same in every regime */
    double *avg_pay;             /* its payoffs averaged over the long-run distribution */
    double scale;                /* the largest |C|, |D|, |P|, for reading numbers */
};

#endif
