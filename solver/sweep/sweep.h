/* sweep.h — the grid of a sweep, its points' verdicts, and the breakdowns between them. */
#ifndef LIA_SWEEP_SWEEP_H
#define LIA_SWEEP_SWEEP_H
#include "liaison.h"
#include "../util/arena.h"

/* One solved point: fixed-size arrays for up to `members` members. */
typedef struct sweep_rec {
    double values[2];
    int ok;
    char message[160];
    double *payoffs, *delta_star, *patience;
    double *deviation, *punishment;   /* D and P of each member at the commitment (explore's slack) */
    int *sustainable;
    int *direction;          /* lia_direction per member */
    int *over_regimes;       /* models with regimes: keeps to it in every regime (1/0), else -1 */
    int *trusted;            /* suspects: the commitment holds at its prior belief (1/0), else -1 */
    int verdict;             /* lia_verdict of the commitment */
    int self_enforcing, transfers_feasible, class2x2, core_empty;
    size_t equilibria;
    double welfare;
    double transfers;        /* total paid per period by the cheapest restoring transfers; NaN: none */
} sweep_rec;

/* Everything a worker needs to solve points on its own model clone. A sweep has one or two
 * parameters; an exploration (solver/explore) solves its runs through the same function with
 * any number of them. */
typedef struct sweep_ctx {
    lia_model *model;        /* this worker's clone */
    const char *game;
    const char *const *names;   /* `axes` parameter names */
    size_t axes, members;
    lia_compile_options copts;
    double delta;            /* a common discount factor for the verdicts; 0: each member's patience */
    const size_t *target;    /* a profile to judge instead of the commitment (one strategy per
                                member, explore's target); NULL: the commitment */
    int skip_beliefs;        /* leave `trusted` and `over_regimes` at -1 (an exploration records
                                neither, and the suspects' analysis costs a seventh of a point) */
} sweep_ctx;

/* Allocate the arrays of r for n members (arena); 0 on failure. */
int lia__sweep_rec_init(sweep_rec *r, lia_arena *a, size_t n);
/* The bytes one record for n members takes (the fixed part and the arrays rec_init allocates). */
double lia__sweep_rec_bytes(size_t n);
/* Solve the point at values[0..axes-1] (r->values keeps the first two); LIA_OK also when the model is invalid there (r->ok = 0);
 * LIA_ENOMEM or LIA_EINTERNAL stop the sweep. */
lia_status lia__sweep_solve(sweep_ctx *c, const double *values, sweep_rec *r);

/* The verdicts two points are compared on: kind 0..KINDS-1, member-indexed ones per member. */
enum { SWEEP_OK = 0, SWEEP_STATUS, SWEEP_SUSTAIN, SWEEP_REGIMES, SWEEP_TRUST, SWEEP_TRANSFERS, SWEEP_CLASS, SWEEP_EQUILIBRIA, SWEEP_CORE, SWEEP_KINDS };
/* The value of verdict `kind` (member i where it applies) at r, as an integer. */
long lia__sweep_key(const sweep_rec *r, int kind, size_t i);
/* What a change from a to b of the verdict means, in words, into buf. */
void lia__sweep_describe(const sweep_rec *a, const sweep_rec *b, int kind, char *buf, size_t cap);

/* The sweep's set-up, for the writers; lia__sweep_failed: the handle holds only a message. */
int lia__sweep_failed(const lia_sweep *s);
const char *lia__sweep_game(const lia_sweep *s);
const char *lia__sweep_title(const lia_sweep *s);    /* the model's title ("" if none) */
const char *lia__sweep_source(const lia_sweep *s);   /* the model's file name */
double lia__sweep_tolerance(const lia_sweep *s);
const char *lia__sweep_axis_name(const lia_sweep *s, size_t a);
void lia__sweep_axis(const lia_sweep *s, size_t a, double *from, double *to, size_t *steps, size_t *axes);

#endif
