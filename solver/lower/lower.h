/* lower.h — from a checked spec to game handles: stage games, coalition games, explicit games. */
#ifndef LIA_LOWER_LOWER_H
#define LIA_LOWER_LOWER_H
#include "../lang/spec.h"
#include "../game/game.h"
#include "../game/tugame.h"

/* Stage game of an agreement over L^M, or an explicit normal-form game. */
lia_status lia__lower_normal(lia_game **out, const lia_spec *spec, const spec_game *g, size_t cap,
                            char *msg, size_t msgcap);
/* v(S) of an agreement; an explicit coalitional game's table; a structured bankruptcy/voting game. */
lia_status lia__lower_tu(lia_tugame **out, const lia_spec *spec, const spec_game *g, size_t cap,
                        char *msg, size_t msgcap);

/* The bilateral agreement members i and j of the multilateral `multi` would make alone,
 * named `name` (not copied), its arrays in `a`; 0 on allocation failure. */
struct lia_arena;
int lia__decompose_pair(spec_game *out, struct lia_arena *a, const lia_spec *spec, const spec_game *multi, size_t i,
                       size_t j, const char *name);

/* Above this many payoff evaluations, agreement games are computed in doubles only. */
enum { LIA_EXACT_WORK_LIMIT = 1 << 20 };
/* Above this many, v(S) for an agreement is refused (time, not memory). */
#define LIA_COALITION_WORK_LIMIT 2e9

#endif
