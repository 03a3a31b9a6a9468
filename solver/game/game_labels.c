/* game_labels.c — naming a game built from arrays: its name, players and strategies.
 * The labels are checked here, once, because every writer (JSON, .nfg, text tables) prints
 * them as given: an empty or duplicate name would make a profile ambiguous to a reader, and
 * bytes that are not UTF-8 would make the JSON invalid. */
#include "game.h"
#include "../util/errmsg.h"
#include <stdio.h>
#include <string.h>

/* 1 if s is non-empty, valid UTF-8 (shortest forms, no surrogates) and has no control
 * characters (C0, DEL, C1). */
static int label_ok(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!*u) return 0;
    while (*u) {
        unsigned c = *u;
        size_t n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 9;
        if (n == 9) return 0;
        unsigned cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k <= n; k++) {
            if ((u[k] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (u[k] & 0x3F);
        }
        static const unsigned least[] = { 0, 0x80, 0x800, 0x10000 };
        if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
        u += n + 1;
    }
    return 1;
}

static lia_status refuse(lia_game *g, const char *what, size_t p, size_t s, const char *why)
{
    if (s == (size_t)-1 && p == (size_t)-1) snprintf(g->errmsg, sizeof g->errmsg, "the %s %s", what, why);
    else if (s == (size_t)-1) snprintf(g->errmsg, sizeof g->errmsg, "%s %zu %s", what, p + 1, why);
    else snprintf(g->errmsg, sizeof g->errmsg, "strategy %zu of player %zu %s", s + 1, p + 1, why);
    return LIA_EUSAGE;
}

lia_status lia_game_set_labels(lia_game *g, const char *name, const char *const *players,
                               const char *const *strategies)
{
    if (!g) return LIA_EUSAGE;
    g->errmsg[0] = '\0';
    static const char *const bad = "must be non-empty UTF-8 text without control characters";
    const size_t none = (size_t)-1;
    /* check everything first, so that a refusal leaves the game unchanged */
    if (name && !label_ok(name)) return refuse(g, "game name", none, none, bad);
    for (size_t p = 0; players && p < g->np; p++) {
        if (!players[p] || !label_ok(players[p])) return refuse(g, "player", p, none, bad);
        for (size_t q = 0; q < p; q++)
            if (strcmp(players[q], players[p]) == 0) return refuse(g, "player", p, none, "has the name of an earlier player");
    }
    if (strategies) {
        for (size_t p = 0, at = 0; p < g->np; at += g->ns[p], p++)
            for (size_t s = 0; s < g->ns[p]; s++) {
                const char *t = strategies[at + s];
                if (!t || !label_ok(t)) return refuse(g, "strategy", p, s, bad);
                for (size_t r = 0; r < s; r++)
                    if (strcmp(strategies[at + r], t) == 0)
                        return refuse(g, "strategy", p, s, "has the name of an earlier strategy of that player");
            }
    }
    /* copies go to the arena; the old labels stay there until the game is freed (a few bytes) */
    const char *nn = g->name;
    if (name && !(nn = lia__arena_strndup(&g->arena, name, strlen(name)))) return LIA_ENOMEM;
    const char **np = NULL, **ns = NULL;
    if (players) {
        np = lia__arena_array(&g->arena, g->np, sizeof *np);
        for (size_t p = 0; np && p < g->np; p++)
            if (!(np[p] = lia__arena_strndup(&g->arena, players[p], strlen(players[p])))) np = NULL;
        if (!np) return LIA_ENOMEM;
    }
    size_t total = 0;
    for (size_t p = 0; p < g->np; p++) total += g->ns[p];
    if (strategies) {
        ns = lia__arena_array(&g->arena, total, sizeof *ns);
        for (size_t i = 0; ns && i < total; i++)
            if (!(ns[i] = lia__arena_strndup(&g->arena, strategies[i], strlen(strategies[i])))) ns = NULL;
        if (!ns) return LIA_ENOMEM;
    }
    g->name = nn;
    if (np) memcpy(g->players, np, g->np * sizeof *np);
    for (size_t p = 0, at = 0; ns && p < g->np; at += g->ns[p], p++)
        memcpy(g->strategies[p], ns + at, g->ns[p] * sizeof *ns);
    return LIA_OK;
}

const char *lia_game_errmsg(const lia_game *g) { return g ? (*lia__errmsg_of(g) ? lia__errmsg_of(g) : g->errmsg) : ""; }
