/* arena.h — bump allocator owning everything built during one parse/compile. */
#ifndef LIA_UTIL_ARENA_H
#define LIA_UTIL_ARENA_H
#include <stddef.h>

typedef struct lia_arena_block lia_arena_block;
typedef struct lia_arena {
    lia_arena_block *head;
    size_t used;          /* bytes handed out, for diagnostics and tests */
} lia_arena;

void lia__arena_init(lia_arena *a);
void *lia__arena_alloc(lia_arena *a, size_t n);           /* zeroed, 16-byte aligned; NULL on failure */
void *lia__arena_array(lia_arena *a, size_t count, size_t size); /* overflow-checked */
char *lia__arena_strndup(lia_arena *a, const char *s, size_t n);
void lia__arena_free(lia_arena *a);

#endif
