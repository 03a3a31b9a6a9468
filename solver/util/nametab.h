/* nametab.h — name -> index hash table (arena-backed), so large inputs stay linear. */
#ifndef LIA_UTIL_NAMETAB_H
#define LIA_UTIL_NAMETAB_H
#include <stddef.h>

struct lia_arena;
typedef struct lia_nametab {
    const char **keys;
    size_t *lens, *vals;
    size_t cap, n;
} lia_nametab;

/* Room for up to `expected` names; returns 0 on allocation failure. */
int lia__nametab_init(lia_nametab *t, struct lia_arena *a, size_t expected);
/* Insert; returns the existing index if the name is already there (and does not insert),
 * else `val`. Keys are not copied. */
size_t lia__nametab_put(lia_nametab *t, const char *key, size_t len, size_t val);
/* Index or (size_t)-1. */
size_t lia__nametab_get(const lia_nametab *t, const char *key, size_t len);

#endif
