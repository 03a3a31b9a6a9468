/* c_numeric.h — numbers are read and written in the C locale whatever the host process set
 * (a notebook may run under de_DE, where printf writes "0,5" and strtod stops at '.'). */
#ifndef LIA_UTIL_C_NUMERIC_H
#define LIA_UTIL_C_NUMERIC_H
#include "liaison.h"
#include <locale.h>

typedef struct lia_c_numeric {
    locale_t c, saved;
} lia_c_numeric;

/* Switch this thread to the C numeric locale (per thread: other threads are untouched);
 * returns 0 if the locale object cannot be allocated. Pair with lia__c_numeric_end. */
int lia__c_numeric_begin(lia_c_numeric *s);
void lia__c_numeric_end(lia_c_numeric *s);

/* A writer's body, fn(out, len, obj, fmt), run in the C numeric locale: numbers are written
 * the same whatever locale the host set. LIA_ENOMEM if the locale cannot be allocated. */
typedef lia_status (*lia_c_numeric_writer)(char **out, size_t *len, const void *obj, lia_format fmt);
lia_status lia__c_numeric_write(lia_c_numeric_writer fn, char **out, size_t *len, const void *obj, lia_format fmt);

#endif
