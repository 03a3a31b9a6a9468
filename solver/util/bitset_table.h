/* bitset_table.h — a hash map from fixed-width bitsets to indices (open addressing), for the
 * bases and label sets of vertex enumeration. */
#ifndef LIA_UTIL_BITSET_TABLE_H
#define LIA_UTIL_BITSET_TABLE_H
#include <stddef.h>
#include <stdint.h>

typedef struct lia_bitset_table {
    size_t words;              /* 64-bit words per key */
    size_t cap, n;             /* slots (a power of two), keys stored */
    uint64_t *keys;            /* cap * words */
    size_t *vals;              /* cap; SIZE_MAX marks an empty slot */
} lia_bitset_table;

void lia__bitset_table_init(lia_bitset_table *t, size_t words);
void lia__bitset_table_free(lia_bitset_table *t);
/* Insert key -> val unless the key is present. Returns 1 if inserted, 0 if it was there
 * (*found = its value, if found is not NULL), -1 on allocation failure (table unchanged). */
int lia__bitset_table_put(lia_bitset_table *t, const uint64_t *key, size_t val, size_t *found);
/* 1 and *val if present, else 0. */
int lia__bitset_table_get(const lia_bitset_table *t, const uint64_t *key, size_t *val);
/* Bytes the table holds, for memory caps. */
size_t lia__bitset_table_bytes(const lia_bitset_table *t);

#endif
