/* mem.h — the library's single allocation path, with per-thread fault injection for tests. */
#ifndef LIA_UTIL_MEM_H
#define LIA_UTIL_MEM_H
#include <stddef.h>

void *lia__malloc(size_t n);
void *lia__calloc(size_t count, size_t size);
void *lia__realloc(void *p, size_t n);
void lia__free(void *p);
char *lia__strndup(const char *s, size_t n);
char *lia__strdup(const char *s);

/* Checked arithmetic for sizes: returns 0 on overflow (and leaves *out untouched). */
int lia__size_mul(size_t a, size_t b, size_t *out);
int lia__size_add(size_t a, size_t b, size_t *out);

/* Fault injection: the k-th allocation from now on this thread fails (k >= 1); 0 disables.
 * Thread-local, so it is not shared state between handles in different threads. */
void lia__mem_fail_after(unsigned long k);
/* How many allocations this thread made since the last reset (tests use it to bound k). */
unsigned long lia__mem_count(void);
void lia__mem_count_reset(void);

#endif
