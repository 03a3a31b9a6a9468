/* explore_analysis.h — the analyses of a finished exploration (explore_analyse.c), as the
 * writers (explore_write.c, explore_svg.c) read them. */
#ifndef LIA_EXPLORE_ANALYSIS_H
#define LIA_EXPLORE_ANALYSIS_H
#include "explore.h"

enum { XA_STATUSES = 7, XA_RESAMPLES = 500 };
#define XA_PRIM_ALPHA 0.05
#define XA_PRIM_COVERAGE 0.5   /* a scenario explains at least half of the runs of its status */

typedef struct xa_prob { int status; size_t runs; double share, lo, hi; } xa_prob;
typedef struct xa_index { double S1, ST, S1_conf, ST_conf; } xa_index;
typedef struct xa_morris { double mu, mu_star, sigma; } xa_morris;
typedef struct xa_box {
    int status;
    double *lo, *hi;
    int *restricted;          /* 1 lo, 2 hi, 3 both, 0 neither */
    double coverage, density, mass;
    size_t hits;
    char sentence[640];
} xa_box;

typedef struct xa {
    size_t nprob;
    xa_prob prob[XA_STATUSES];
    size_t nout;              /* each member's slack, welfare, transfers */
    size_t *out_col;
    size_t *out_missing;      /* runs without a value (no indices then) */
    int *out_const;           /* the same in every run to rounding: indices 0 */
    xa_index *sobol;          /* nout x d, sobol design only */
    xa_morris *morris;        /* nout x d, morris design only */
    size_t nbox;
    xa_box *box;
} xa;

/* Everything into a (arrays in ar); LIA_EUSAGE unless e holds every run of its design. */
lia_status lia__explore_analyse(xa *a, const lia_explore *e, lia_arena *ar);
/* "breaks down", "needs transfers", ... */
const char *lia__explore_status_verb(int s);

#endif
