/* target.c — `--target S1,S2,...` of `liaison repeat` and `liaison explore`: a profile of
 * strategy names, one per player in the game's order, as indices (for lia_game_repeat and
 * lia_explore_options.target). */
#include "cli.h"
#include <stdio.h>
#include <string.h>

int cli_parse_target(const lia_game *g, const char *text, size_t *target, const char *command)
{
    size_t np = lia_game_player_count(g), p = 0;
    const char *s = text;
    for (; p < np; p++) {
        size_t len = strcspn(s, ","), k = 0, ns = lia_game_strategy_count(g, p);
        while (k < ns && !(strlen(lia_game_strategy_name(g, p, k)) == len && strncmp(lia_game_strategy_name(g, p, k), s, len) == 0))
            k++;
        if (k == ns) {
            fprintf(stderr, "liaison %s: --target: %s has no strategy '%.*s' (it has:", command, lia_game_player_name(g, p),
                    (int)len, s);
            for (size_t j = 0; j < ns; j++) fprintf(stderr, "%s %s", j ? "," : "", lia_game_strategy_name(g, p, j));
            fputs(")\n", stderr);
            return 0;
        }
        target[p] = k;
        s += len;
        if (*s == ',') s++;
        else if (p + 1 < np) break;
    }
    if (p + 1 < np || *s) {
        fprintf(stderr, "liaison %s: --target needs one strategy per player (%zu), in player order\n", command, np);
        return 0;
    }
    return 1;
}
