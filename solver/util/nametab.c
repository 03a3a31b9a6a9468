/* nametab.c — open addressing with FNV-1a; capacity fixed at init (twice the names). */
#include "nametab.h"
#include "arena.h"
#include <string.h>

static size_t hash(const char *s, size_t n)
{
    size_t h = (size_t)1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= (size_t)1099511628211ull; }
    return h;
}

int lia__nametab_init(lia_nametab *t, struct lia_arena *a, size_t expected)
{
    size_t cap = 8;
    while (cap < expected * 2 + 1) cap *= 2;
    t->cap = cap;
    t->n = 0;
    t->keys = lia__arena_array(a, cap, sizeof *t->keys);
    t->lens = lia__arena_array(a, cap, sizeof *t->lens);
    t->vals = lia__arena_array(a, cap, sizeof *t->vals);
    return t->keys && t->lens && t->vals;
}

size_t lia__nametab_put(lia_nametab *t, const char *key, size_t len, size_t val)
{
    size_t i = hash(key, len) & (t->cap - 1);
    while (t->keys[i]) {
        if (t->lens[i] == len && memcmp(t->keys[i], key, len) == 0) return t->vals[i];
        i = (i + 1) & (t->cap - 1);
    }
    if (t->n + 1 >= t->cap) return val; /* full: callers size it; never loop forever */
    t->keys[i] = key;
    t->lens[i] = len;
    t->vals[i] = val;
    t->n++;
    return val;
}

size_t lia__nametab_get(const lia_nametab *t, const char *key, size_t len)
{
    if (!t->cap) return (size_t)-1;
    size_t i = hash(key, len) & (t->cap - 1);
    while (t->keys[i]) {
        if (t->lens[i] == len && memcmp(t->keys[i], key, len) == 0) return t->vals[i];
        i = (i + 1) & (t->cap - 1);
    }
    return (size_t)-1;
}
