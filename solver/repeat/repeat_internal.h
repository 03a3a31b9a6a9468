/* repeat_internal.h — the lia_repeat handle, shared by its analysis (repeat_api.c), its plain
 * words (repeat_words.c) and its writers (repeat_write.c). */
#ifndef LIA_REPEAT_REPEAT_INTERNAL_H
#define LIA_REPEAT_REPEAT_INTERNAL_H
#include "repeat.h"
#include "../util/arena.h"

/* What the status is decided on, per member, beyond the public row. */
typedef struct repeat_member {
    lia_direction direction;
    double keep;                 /* the best payoff without a breach (lia_deviation) */
    double breach;               /* the best payoff of a breach (C if none pays) */
    double nash, nash_delta;     /* Nash reversion: punishment and critical patience */
    int nash_ok;
    double minmax, minmax_delta; /* correlated minmax: punishment and critical patience */
    int minmax_ok;
    double harsh;                /* worst subgame-perfect payoff (NaN: not computed) */
    double q, q_needed;          /* detection probability; the least that holds it (Nash) */
    int harsh_ok;
    int has_terms;               /* terms: the member's payoff terms at the target */
    lia_member_terms terms;
} repeat_member;

struct lia_repeat {
    lia_arena arena;
    const char *game;
    size_t np;
    const char **players;
    const char ***strategies;
    size_t *target;
    lia_punishment punish;
    lia_sustain *rows;
    repeat_member *mem;
    int has_patience, self_enforcing;
    lia_verdict verdict;
    int harsh_done;              /* the exact two-player test was made */
    int transfers_feasible;
    double *transfers;           /* under the chosen punishment */
    int best_found;
    size_t *best;
    double *best_payoffs, *best_transfers;
    double *set;                 /* lia__malloc'ed by lia__spe_payoff_set */
    size_t nset;
    int set_done;                /* computed (an empty set has set == NULL) */
    int set_shown;               /* asked for (payoff_set): written out */
    double scale;                /* the largest |payoff| of the game, for reading numbers */
    double *mscale;              /* each member's largest |payoff|: its own numbers read against it */
    double paid_noise;           /* transfers at most this are none: the smallest member's
                                    lia__payoff_noise (a payment above one side's rounding is
                                    real), not 1e-9 of scale, which a large side payment
                                    inflates (training 1e8 hid a 0.07 transfer) */
    int monitored;               /* some member's breaches are not always seen */
    double *q;                   /* per member detection probability (1 = perfect) */
    int levels;                  /* strategies are sharing levels (an agreement): words say
                                    "withhold" and "stop cooperating", else "deviate" */
    char *summary;               /* arena */
};

/* The plain-words summary of an analysed r (arena); 0 on allocation failure. */
int lia__repeat_summarise(lia_repeat *r);
/* How a transfer vector reads: "NKVD pays SOE 0.402 per period" (one payer, one receiver) or
 * "FR pays 0.1 and DE 0.05, ES receives 0.15 per period". */
struct lia_buf;
void lia__repeat_transfer_words(struct lia_buf *b, const lia_repeat *r, const double *t);

#endif
