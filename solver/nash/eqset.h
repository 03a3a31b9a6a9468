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
    size_t exact_cap;
};

/* An empty set labelled like g; NULL on allocation failure. */
lia_eqset *lia_eqset_new(const lia_game *g, const char *method);
/* Append a verified equilibrium (copies); 0 on allocation failure. */
int lia_eqset_add(lia_eqset *e, const double *profile, const double *payoffs, double regret);

/* Attach the exact form of the last equilibrium added: width probabilities then np payoffs,
 * each a rational string (copied). 0 on allocation failure. */
int lia_eqset_add_exact(lia_eqset *e, const char *const *values);

/* The set's JSON members without braces: "method", "equilibria"[, "components"] (for
 * reports that embed an equilibrium set in a larger object). */
struct lia_buf;
void lia_eqset_json_fields(struct lia_buf *b, const lia_eqset *e);

/* Equilibria whose regret exceeds 1e-9 times the payoff scale (the largest |payoff|) are never
 * reported: the check must not depend on the units payoffs are written in. */
#define LIA_REGRET_TOL 1e-9
double lia_regret_tolerance(const lia_game *g);
/* The check every method applies before listing a profile: *regret is the largest gain of
 * any player, and *pass is 1 only if each player's gain is within LIA_REGRET_TOL times that
 * player's own payoff scale (largest |payoff| of that player). LIA_EUSAGE if x is not a
 * profile of probability vectors. */
lia_status lia_regret_verify(const lia_game *g, const double *x, double *regret, int *pass);

#endif
