/* classify.c — the textbook class of a 2x2 game from each player's ordering of
 * R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D), where C is the strategy the caller calls
 * cooperation (an agreement's committed level). Definitions in docs/model.md. */
#include "liaison.h"
#include "../game/game.h"
#include "../util/errmsg.h"

typedef enum { K_PD, K_DEADLOCK, K_HARMONY, K_CHICKEN, K_LEADER, K_HERO, K_COORD, K_OTHER } kind;

/* a vs b: exactly when both are exact rationals */
static int cmp(const lia_game *g, size_t a, size_t b)
{
    if (g->exact && lia_num_exact(g->exact[a]) && lia_num_exact(g->exact[b])) return lia__num_cmp(g->exact[a], g->exact[b]);
    return (g->payoffs[a] > g->payoffs[b]) - (g->payoffs[a] < g->payoffs[b]);
}

typedef struct rstp { size_t R, S, T, P; } rstp;   /* payoff indices into g->payoffs */

static kind player_kind(const lia_game *g, rstp x)
{
    int RT = cmp(g, x.R, x.T), PS = cmp(g, x.P, x.S), RP = cmp(g, x.R, x.P), TS = cmp(g, x.T, x.S), SR = cmp(g, x.S, x.R);
    if (RT < 0 && PS > 0) return RP > 0 ? K_PD : RP < 0 ? K_DEADLOCK : K_OTHER;   /* D strictly dominant; R = P
                                                                                   * lies between the two */
    if (RT > 0 && PS < 0) return K_HARMONY;                             /* C strictly dominant */
    if (RT < 0 && PS < 0) {                                             /* best to differ */
        if (SR < 0 && RP > 0) return K_CHICKEN;                         /* T > R > S > P */
        if (TS > 0 && SR > 0 && RP > 0) return K_LEADER;                /* T > S > R > P */
        if (TS < 0 && RP > 0 && cmp(g, x.T, x.R) > 0) return K_HERO;    /* S > T > R > P */
        return K_OTHER;
    }
    if (RT > 0 && PS > 0) return K_COORD;                               /* best to match */
    return K_OTHER;                                                      /* ties in best responses */
}

lia_status lia_game_classify_2x2(const lia_game *g, const size_t *cooperate, lia_class2x2 *out)
{
    lia__errmsg_clear();
    if (!g || !out) return lia__errmsg_default(LIA_EUSAGE, "lia_game_classify_2x2: the game or out is NULL");
    if (g->np != 2 || g->ns[0] != 2 || g->ns[1] != 2)
        return lia__errmsg_default(LIA_EUSAGE, "the 2 x 2 classes need a 2 x 2 game; '%s' is not one", g->name);
    size_t c[2] = { 0, 0 };
    if (cooperate) { c[0] = cooperate[0]; c[1] = cooperate[1]; }
    else if (g->commit) { c[0] = g->commit[0]; c[1] = g->commit[1]; }
    if (c[0] > 1 || c[1] > 1)
        return lia__errmsg_default(LIA_EUSAGE, "the cooperating strategies (%zu, %zu) of '%s' must each be 0 or 1",
                                   c[0], c[1], g->name);
    size_t d[2] = { 1 - c[0], 1 - c[1] };
    /* profile index = s0 + 2 s1; player 1's block starts at 4 */
    rstp x0 = { c[0] + 2 * c[1], c[0] + 2 * d[1], d[0] + 2 * c[1], d[0] + 2 * d[1] };
    rstp x1 = { 4 + c[0] + 2 * c[1], 4 + d[0] + 2 * c[1], 4 + c[0] + 2 * d[1], 4 + d[0] + 2 * d[1] };
    kind k0 = player_kind(g, x0), k1 = player_kind(g, x1);
    lia_class2x2 cls = LIA_2X2_OTHER;
    if (k0 == K_COORD && k1 == K_COORD) {
        int r0 = cmp(g, x0.R, x0.P), r1 = cmp(g, x1.R, x1.P);
        if (r0 * r1 < 0) cls = LIA_2X2_BATTLE_OF_THE_SEXES;       /* they rank the two equilibria oppositely */
        else if (r0 > 0 && r1 > 0 && cmp(g, x0.T, x0.P) >= 0 && cmp(g, x1.T, x1.P) >= 0) cls = LIA_2X2_STAG_HUNT;
        else cls = LIA_2X2_PURE_COORDINATION;
    } else if (k0 == k1) {
        static const lia_class2x2 same[] = { LIA_2X2_PRISONERS_DILEMMA, LIA_2X2_DEADLOCK, LIA_2X2_HARMONY,
                                             LIA_2X2_CHICKEN, LIA_2X2_LEADER, LIA_2X2_HERO };
        if (k0 <= K_HERO) cls = same[k0];
    }
    *out = cls;
    return LIA_OK;
}

const char *lia_class2x2_name(lia_class2x2 c)
{
    switch (c) {
    case LIA_2X2_PRISONERS_DILEMMA: return "prisoner's dilemma";
    case LIA_2X2_CHICKEN: return "chicken";
    case LIA_2X2_STAG_HUNT: return "stag hunt";
    case LIA_2X2_DEADLOCK: return "deadlock";
    case LIA_2X2_HARMONY: return "harmony";
    case LIA_2X2_HERO: return "hero";
    case LIA_2X2_LEADER: return "leader";
    case LIA_2X2_BATTLE_OF_THE_SEXES: return "battle of the sexes";
    case LIA_2X2_PURE_COORDINATION: return "pure coordination";
    case LIA_2X2_OTHER: break;
    }
    return "other";
}
