/* names.h — the two halves of a public name table (lia_format_name / lia_format_from_name,
 * lia_punishment_name / _from_name, ...): the names in enum order in one static array, read by
 * index and searched by name here, so every table answers out of range and unknown names alike. */
#ifndef LIA_UTIL_NAMES_H
#define LIA_UTIL_NAMES_H
#include <stddef.h>

/* names[i], or NULL when i is past the n names (so callers list them with i = 0, 1, ...). */
const char *lia__names_at(const char *const *names, size_t n, size_t i);
/* 1 and *index = the position of name among the n names; 0 (index untouched) if it is not
 * there or name is NULL. */
int lia__names_find(const char *const *names, size_t n, const char *name, size_t *index);

#endif
