/* bitset_table.c — open-addressing hash map from bitsets to indices, linear probing. */
#include "bitset_table.h"
#include "mem.h"
#include <string.h>

void lia__bitset_table_init(lia_bitset_table *t, size_t words)
{
    memset(t, 0, sizeof *t);
    t->words = words;
}

void lia__bitset_table_free(lia_bitset_table *t)
{
    lia__free(t->keys);
    lia__free(t->vals);
    t->keys = NULL;
    t->vals = NULL;
    t->cap = t->n = 0;
}

static size_t hash(const uint64_t *key, size_t words)
{
    uint64_t h = 0x9E3779B97F4A7C15u;
    for (size_t i = 0; i < words; i++) {      /* splitmix64 finaliser per word */
        uint64_t z = h ^ key[i];
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        h = z ^ (z >> 31);
    }
    return (size_t)h;
}

static int same(const uint64_t *a, const uint64_t *b, size_t words)
{
    for (size_t i = 0; i < words; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t probe(const lia_bitset_table *t, const uint64_t *key)
{
    size_t mask = t->cap - 1, at = hash(key, t->words) & mask;
    while (t->vals[at] != SIZE_MAX && !same(t->keys + at * t->words, key, t->words)) at = (at + 1) & mask;
    return at;
}

static int grow(lia_bitset_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64, kb;
    if (!lia__size_mul(cap, t->words * sizeof(uint64_t), &kb)) return 0;
    uint64_t *keys = lia__malloc(kb);
    size_t *vals = lia__malloc(cap * sizeof *vals);
    if (!keys || !vals) { lia__free(keys); lia__free(vals); return 0; }
    for (size_t i = 0; i < cap; i++) vals[i] = SIZE_MAX;
    lia_bitset_table old = *t;
    t->keys = keys;
    t->vals = vals;
    t->cap = cap;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.vals[i] == SIZE_MAX) continue;
        size_t at = probe(t, old.keys + i * t->words);
        memcpy(t->keys + at * t->words, old.keys + i * t->words, t->words * sizeof *keys);
        t->vals[at] = old.vals[i];
    }
    lia__free(old.keys);
    lia__free(old.vals);
    return 1;
}

int lia__bitset_table_put(lia_bitset_table *t, const uint64_t *key, size_t val, size_t *found)
{
    if (t->cap) {
        size_t at = probe(t, key);
        if (t->vals[at] != SIZE_MAX) {
            if (found) *found = t->vals[at];
            return 0;
        }
    }
    if (2 * (t->n + 1) > t->cap && !grow(t)) return -1;   /* load factor at most 1/2 */
    size_t at = probe(t, key);
    memcpy(t->keys + at * t->words, key, t->words * sizeof *key);
    t->vals[at] = val;
    t->n++;
    return 1;
}

int lia__bitset_table_get(const lia_bitset_table *t, const uint64_t *key, size_t *val)
{
    if (!t->cap) return 0;
    size_t at = probe(t, key);
    if (t->vals[at] == SIZE_MAX) return 0;
    *val = t->vals[at];
    return 1;
}

size_t lia__bitset_table_bytes(const lia_bitset_table *t)
{
    return t->cap * (t->words * sizeof(uint64_t) + sizeof(size_t));
}
