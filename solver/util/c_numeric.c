/* c_numeric.c — a thread-local switch to the C numeric locale around the library's work. */
#include "c_numeric.h"

int lia__c_numeric_begin(lia_c_numeric *s)
{
    s->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!s->c) return 0;
    s->saved = uselocale(s->c);
    return 1;
}

void lia__c_numeric_end(lia_c_numeric *s)
{
    uselocale(s->saved);
    freelocale(s->c);
}

lia_status lia__c_numeric_write(lia_c_numeric_writer fn, char **out, size_t *len, const void *obj, lia_format fmt)
{
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_status st = fn(out, len, obj, fmt);
    lia__c_numeric_end(&loc);
    return st;
}
