/* arena.c — a chain of blocks; freeing the arena frees every node of an AST or model at once. */
#include "arena.h"
#include "mem.h"
#include <string.h>

struct lia_arena_block {
    lia_arena_block *next;
    size_t cap, off;
    _Alignas(16) unsigned char data[];
};

enum { BLOCK_MIN = 16 * 1024 };

void lia__arena_init(lia_arena *a) { a->head = NULL; a->used = 0; }

void *lia__arena_alloc(lia_arena *a, size_t n)
{
    if (n > (size_t)-1 - 15u) return NULL;
    n = (n + 15u) & ~(size_t)15u;
    if (n == 0) n = 16;
    lia_arena_block *b = a->head;
    if (!b || b->cap - b->off < n) {
        size_t cap = n > BLOCK_MIN ? n : BLOCK_MIN, total;
        if (!lia__size_add(sizeof *b, cap, &total)) return NULL;
        b = lia__malloc(total);
        if (!b) return NULL;
        b->cap = cap;
        b->off = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->off;
    b->off += n;
    a->used += n;
    memset(p, 0, n);
    return p;
}

void *lia__arena_array(lia_arena *a, size_t count, size_t size)
{
    size_t n;
    if (!lia__size_mul(count, size, &n)) return NULL;
    return lia__arena_alloc(a, n);
}

char *lia__arena_strndup(lia_arena *a, const char *s, size_t n)
{
    if (n == (size_t)-1) return NULL;
    char *d = lia__arena_alloc(a, n + 1);
    if (d) memcpy(d, s, n);
    return d;
}

void lia__arena_free(lia_arena *a)
{
    lia_arena_block *b = a->head;
    while (b) {
        lia_arena_block *next = b->next;
        lia__free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
}
