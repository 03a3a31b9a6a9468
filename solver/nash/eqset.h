/* eqset.h — the equilibrium set handle: verified profiles with payoffs and regrets, carrying
 * the game's labels so it outlives the game. */
#ifndef LIA_NASH_EQSET_H
#define LIA_NASH_EQSET_H
#include "liaison.h"
#include "cliques.h"
#include "../util/arena.h"

struct lia_eqset {
    lia_arena arena;               /* labels */
    const char *game, *method;
    size_t np, width;              /* players; probabilities per profile (sum of strategy counts) */
    const char **players;
    size_t *ns;
    const char ***strategies;
    size_t n, cap;
    double *profiles;              /* n * width */
    double *payoffs;               /* n * np */
    double *regrets;               /* n */
    int has_cliques;               /* vertex enumeration: the convex components below */
    lia_bicliques cliques;         /* over equilibrium indices */
    char **exact;                  /* exact path: n * (width + np) rationals "p/q", else NULL */
    int show_exact;                /* the exact forms were asked for (else kept for identity only) */
    size_t exact_cap;
    double scale;                  /* the game's largest |payoff|: text reads noise below 1e-9 of it as 0 */
    double *mag;                   /* n * np, or NULL: what each equilibrium payoff sums (lia__eqset_magnitudes),
                                      the scale its text reads noise against instead of `scale` */
    size_t memory_cap;             /* what the method may take (lia_nash_options.memory_cap) */
    size_t path_n, path_cap;       /* QRE: points of the logit path, lambda and profile */
    double *path_lambda, *path_profiles;
    size_t branch_n, branch_cap;   /* QRE: branch points met on the path */
    double *branch_lambda, *branch_profiles;
    const char *qre_end;           /* QRE: how the end was reached (a static string) */
};

/* An empty set labelled like g; NULL on allocation failure. */
lia_eqset *lia__eqset_new(const lia_game *g, const char *method);
/* Append a verified equilibrium (copies); 0 on allocation failure. */
int lia__eqset_add(lia_eqset *e, const double *profile, const double *payoffs, double regret);
/* For each equilibrium and player p, the sum over the profiles of its support of P(s)
 * |u_p(s)|: the size of the terms its expected payoff adds up, against which the text reads a
 * payoff as rounding noise. Against the game's largest payoff instead, a pure equilibrium's
 * payoff of 5 in a game with a payoff of 1e20 elsewhere read as 0, though it is exactly 5.
 * Leaves e->mag NULL (the text then uses e->scale) when out of memory or when the supports'
 * profiles number over 2^26 in all. */
void lia__eqset_magnitudes(lia_eqset *e, const struct lia_game *g);

/* Entry i of equilibrium k's exact form whether or not it is shown, or NULL. */
const char *lia__eqset_exact_raw(const lia_eqset *e, size_t k, size_t i);
/* Attach the exact form of the last equilibrium added: width probabilities then np payoffs,
 * each a rational string (copied). 0 on allocation failure. */
int lia__eqset_add_exact(lia_eqset *e, const char *const *values);

/* Forget every equilibrium, exact form, clique and path point (the labels stay). */
void lia__eqset_clear(lia_eqset *e);

/* Append a point (lambda, profile) of a QRE path (copies); 0 on allocation failure. */
int lia__eqset_add_path(lia_eqset *e, double lambda, const double *profile);
/* Append a branch point of a QRE path (copies); 0 on allocation failure. */
int lia__eqset_add_branch(lia_eqset *e, double lambda, const double *profile);

/* The set's JSON members without braces: "method", "equilibria"[, "components"] (for
 * reports that embed an equilibrium set in a larger object). */
struct lia_buf;
void lia__eqset_json_fields(struct lia_buf *b, const lia_eqset *e);

/* The text form appended to b: numbers for a reader (four significant digits), or the exact
 * fractions where known when `fractions` (the public writer passes whether they were asked for;
 * the solve report, which computes them for its JSON, passes 0). */
void lia__eqset_text(struct lia_buf *b, const lia_eqset *e, int fractions);

/* Equilibria whose regret exceeds 1e-9 times the payoff scale (the largest |payoff|) are never
 * reported: the check must not depend on the units payoffs are written in. */
#define LIA_REGRET_TOL 1e-9
double lia__regret_tolerance(const lia_game *g);
/* Player p's own tolerance: LIA_REGRET_TOL times the spread of its payoffs (max - min), plus
 * 1e-15 times its largest |payoff| for rounding. */
double lia__player_tolerance(const lia_game *g, size_t p);
/* The check every method applies before listing a profile: *regret is the largest gain of
 * any player, and *pass is 1 only if each player's gain is within lia__player_tolerance. LIA_EUSAGE if x is not a
 * profile of probability vectors. */
lia_status lia__regret_verify(const lia_game *g, const double *x, double *regret, int *pass);

#endif
