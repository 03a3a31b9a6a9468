/* suggest.h — "did you mean" for misspelt names and keywords. */
#ifndef LIA_UTIL_SUGGEST_H
#define LIA_UTIL_SUGGEST_H
#include <stddef.h>

/* Closest candidate within edit distance 2 (and less than the word's length), or NULL. */
const char *lia__suggest(const char *word, size_t len, const char *const *cands, size_t n);
/* The public lia_suggest (liaison.h) is the same for a NUL-terminated word. */

#endif
