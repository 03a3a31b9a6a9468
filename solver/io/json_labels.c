/* json_labels.c — game name, players and strategy labels as JSON. */
#include "json_labels.h"

void lia__json_game_labels(lia_buf *b, const char *name, size_t np, const char *const *players, const size_t *ns,
                          const char *const *const *strategies)
{
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, name);
    lia__buf_puts(b, ", \"players\": [");
    for (size_t p = 0; p < np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_json_string(b, players[p]); }
    lia__buf_puts(b, "], \"strategies\": [");
    for (size_t p = 0; p < np; p++) {
        lia__buf_puts(b, p ? ", [" : "[");
        for (size_t s = 0; s < ns[p]; s++) { if (s) lia__buf_puts(b, ", "); lia__buf_json_string(b, strategies[p][s]); }
        lia__buf_putc(b, ']');
    }
    lia__buf_putc(b, ']');
}
