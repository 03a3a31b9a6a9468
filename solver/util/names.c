/* names.c — reading a static table of names by index and by name (names.h). */
#include "names.h"
#include <string.h>

const char *lia__names_at(const char *const *names, size_t n, size_t i)
{
    return i < n ? names[i] : NULL;
}

int lia__names_find(const char *const *names, size_t n, const char *name, size_t *index)
{
    for (size_t k = 0; name && k < n; k++)
        if (strcmp(name, names[k]) == 0) { *index = k; return 1; }
    return 0;
}
