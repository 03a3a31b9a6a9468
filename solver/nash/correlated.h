/* correlated.h — the correlated-equilibrium handle: the max-welfare distribution and the
 * payoff ranges, carrying the game's labels so it outlives the game. */
#ifndef LIA_NASH_CORRELATED_H
#define LIA_NASH_CORRELATED_H
#include "liaison.h"
#include "../util/arena.h"

struct lia_correlated {
    lia_arena arena;                  /* labels and every array below */
    const char *game;
    int coarse;
    size_t np, nprofiles;
    const char **players;
    size_t *ns;
    const char ***strategies;
    double welfare;
    double *distribution;             /* nprofiles, liaison.h layout */
    double *payoffs, *best, *worst;   /* np each */
    int has_ranges;                   /* best and worst were computed */
    double scale;                     /* the game's largest |payoff|, for reading numbers */
    /* what each number sums (over its distribution, P(s) |u(s)|), the scale the text reads
     * its rounding noise against: payoffs, best, worst (np each), then welfare */
    double *mag;
};

/* An empty handle labelled like g, its arrays zeroed; NULL on allocation failure. */
lia_correlated *lia__correlated_new(const lia_game *g, int coarse);

/* The JSON members without braces or labels ("coarse" ... "worst"), for the nash output that
 * embeds them under "correlated". */
struct lia_buf;
void lia__correlated_json_fields(struct lia_buf *b, const lia_correlated *c);
/* The text form, appended to b. */
void lia__correlated_text(struct lia_buf *b, const lia_correlated *c);

#endif
