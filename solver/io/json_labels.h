/* json_labels.h — the opening every game-related JSON document shares:
 * {"game": NAME, "players": [...], "strategies": [[...], ...] (caller continues with ",..."). */
#ifndef LIA_IO_JSON_LABELS_H
#define LIA_IO_JSON_LABELS_H
#include "../util/buf.h"

void lia__json_game_labels(lia_buf *b, const char *name, size_t np, const char *const *players, const size_t *ns,
                          const char *const *const *strategies);

#endif
