/* c_numeric.h — numbers are read and written in the C locale whatever the host process set
 * (a notebook may run under de_DE, where printf writes "0,5" and strtod stops at '.'). */
#ifndef LIA_UTIL_C_NUMERIC_H
#define LIA_UTIL_C_NUMERIC_H
#include <locale.h>

typedef struct lia_c_numeric {
    locale_t c, saved;
} lia_c_numeric;

/* Switch this thread to the C numeric locale (per thread: other threads are untouched);
 * returns 0 if the locale object cannot be allocated. Pair with lia__c_numeric_end. */
int lia__c_numeric_begin(lia_c_numeric *s);
void lia__c_numeric_end(lia_c_numeric *s);

#endif
