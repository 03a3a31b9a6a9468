/* model_internal.h — what the analyses built on a model (solve, share) need from model.c
 * beyond the public API: choosing a game with the same messages as compiling does. */
#ifndef LIA_MODEL_INTERNAL_H
#define LIA_MODEL_INTERNAL_H
#include "liaison.h"

/* The index of the game `name` (NULL: the only one), clearing the model's message first; on
 * failure the message says why (unknown name with the list, several games, model errors). */
lia_status lia__model_pick(lia_model *m, const char *name, size_t *index);
/* The checked model (NULL for an .nfg/lrs file or while the model has errors); owned by m and
 * valid until m changes. */
struct lia_spec;
const struct lia_spec *lia__model_spec(const lia_model *m);
/* The model as text: its source followed by one line `--set NAME=VALUE` per override in
 * force, so two handles that would check the same way give the same text (an exploration's
 * store records it and refuses another model). Caller frees with lia__free; NULL on ENOMEM. */
char *lia__model_text(const lia_model *m, size_t *len);
/* 1 if the last lia_model_param_count ran out of memory (its 0 is then no answer). */
int lia__model_params_oom(const lia_model *m);
/* Set the model's message. */
void lia__model_error(lia_model *m, const char *what);

#endif
