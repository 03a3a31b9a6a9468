/* nash.h — equilibrium methods behind lia_game_nash; each appends verified equilibria. */
#ifndef LIA_NASH_NASH_H
#define LIA_NASH_NASH_H
#include "eqset.h"
#include "../game/game.h"

/* `cap` bounds the memory the listed equilibria may take (LIA_ELIMIT beyond). */
lia_status lia__nash_pure(lia_eqset *e, const lia_game *g, size_t cap);
/* Lemke-Howson from one dropped label (0 .. m+n-1; rows first), from every label when label
 * is -1 (each equilibrium listed once), or one equilibrium by racing labels (LIA_LH_RACE).
 * Two players only. */
lia_status lia__nash_lh(lia_eqset *e, const lia_game *g, long label, size_t cap);
/* The bytes lia__nash_lh needs at least for this game and label (its refusal threshold). */
lia_status lia__nash_lh_needed(const lia_game *g, long label, double *bytes);
/* Two-player constant-sum games: the pair of security strategies (LIA_EUSAGE otherwise). */
lia_status lia__nash_lp(lia_eqset *e, const lia_game *g);
/* Two players: every extreme equilibrium and the maximal cliques of the equilibrium graph
 * (vertex enumeration of both best-response polytopes). With `exact`, each equilibrium is
 * also rebuilt and checked in exact rationals (LIA_EUSAGE if the payoffs are not exact). */
lia_status lia__nash_enum(lia_eqset *e, const lia_game *g, int exact, size_t cap, unsigned threads);
/* The two best-response polytopes of a two-player game as lia__nash_enum builds them (and in
 * exact integers when the payoffs allow): side 0 is P (the first player's strategies as
 * coordinates), side 1 is Q. lia__nash_sides_which tells a polytope's side. */
typedef struct lia_nash_sides lia_nash_sides;
struct lia_polytope;
struct lia_polytope_exact;
lia_status lia__nash_sides_new(lia_nash_sides **out, const lia_game *g);
const struct lia_polytope *lia__nash_sides_polytope(const lia_nash_sides *s, int side);
const struct lia_polytope_exact *lia__nash_sides_exact(const lia_nash_sides *s, int side);
int lia__nash_sides_which(const struct lia_polytope *P);
void lia__nash_sides_free(lia_nash_sides *s);
/* n players: every isolated equilibrium (every equilibrium of a generic game) by support
 * enumeration in Porter-Nudelman-Shoham order (support_enum.c). LIA_ELIMIT when the search's
 * worst case is hopeless: two players with more than 2^32 balanced support pairs
 * (C(m+n, m) - 1), or n players whose support profiles times the total-degree bound
 * (n-1)^(sum (n_p - 1)) on each one's homotopy paths exceed 2^36. */
lia_status lia__nash_support(lia_eqset *e, const lia_game *g);
/* n players: one equilibrium by the Govindan-Wilson global Newton method, polished on its
 * support (gnm.c). LIA_EINTERNAL, with nothing added, if the path cannot be followed within
 * the step budget. */
lia_status lia__nash_gnm(lia_eqset *e, const lia_game *g);
/* n players: one equilibrium by simplicial subdivision (van der Laan-Talman restarts on grids
 * refined by halves), polished on its support and verified (simpdiv.c). LIA_ELIMIT if its
 * arrays exceed cap; LIA_ELIMIT too, with the reason recorded and nothing added, if no
 * verified equilibrium comes within the step budget or the finest grid (a bound of the
 * method, not a failure); LIA_EINTERNAL if a path leaves its region (a bug). */
lia_status lia__nash_simpdiv(lia_eqset *e, const lia_game *g, size_t cap);
/* The bytes lia__nash_simpdiv takes for this game (its refusal threshold). */
lia_status lia__nash_simpdiv_needed(const lia_game *g, double *bytes);

/* n players: the logit QRE path from lambda = 0, kept as points in the set, and the Nash
 * equilibrium it ends at, polished on its support and verified (qre.c). LIA_EINTERNAL, with
 * no equilibrium added, if the path cannot be followed to a verified end. */
/* The caller's options of any version in the current layout (NULL: the defaults); 0, with
 * the message set, for a version the library does not know. */
int lia__nash_read_options(lia_nash_options *o, const lia_nash_options *given);
lia_status lia__nash_qre(lia_eqset *e, const lia_game *g, size_t cap);
/* The bytes lia__nash_qre may take at most for this game (its refusal threshold). */
lia_status lia__nash_qre_needed(const lia_game *g, double *bytes);

/* Record why lia_game_nash failed with st (lia_errmsg), unless a deeper failure already did
 * (nash_errors.c). */
void lia__nash_explain(lia_status st, const lia_game *g, const lia_nash_options *o);

#endif
