/* mem.c — every byte the library owns comes from here, so tests can fail the k-th allocation. */
#include "mem.h"
#include <stdlib.h>
#include <string.h>

static _Thread_local unsigned long fail_countdown; /* 0: never fail */
static _Thread_local unsigned long alloc_count;

static int should_fail(void)
{
    alloc_count++;
    if (fail_countdown == 0) return 0;
    if (--fail_countdown == 0) return 1;
    return 0;
}

void lia__mem_fail_after(unsigned long k) { fail_countdown = k; }
unsigned long lia__mem_count(void) { return alloc_count; }
void lia__mem_count_reset(void) { alloc_count = 0; }

void *lia__malloc(size_t n)
{
    if (should_fail()) return NULL;
    return malloc(n ? n : 1);
}

void *lia__calloc(size_t count, size_t size)
{
    if (should_fail()) return NULL;
    if (count == 0 || size == 0) return calloc(1, 1);
    return calloc(count, size);
}

void *lia__realloc(void *p, size_t n)
{
    if (should_fail()) return NULL;
    return realloc(p, n ? n : 1);
}

void lia__free(void *p) { free(p); }

char *lia__strndup(const char *s, size_t n)
{
    char *d = lia__malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *lia__strdup(const char *s) { return lia__strndup(s, strlen(s)); }

int lia__size_mul(size_t a, size_t b, size_t *out)
{
    if (a && b > (size_t)-1 / a) return 0;
    *out = a * b;
    return 1;
}

int lia__size_add(size_t a, size_t b, size_t *out)
{
    if (b > (size_t)-1 - a) return 0;
    *out = a + b;
    return 1;
}
