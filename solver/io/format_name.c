/* format_name.c — the names of the output formats, one table for every caller (the command
 * line's --format and --emit, the Python binding). */
#include "liaison.h"
#include <string.h>

/* In lia_format order. */
static const char *const names[] = { "text", "json", "nfg", "lrs", "tu", "csv", "html" };

const char *lia_format_name(lia_format f)
{
    return (unsigned)f < sizeof names / sizeof *names ? names[f] : NULL;
}

lia_status lia_format_from_name(const char *name, lia_format *out)
{
    for (size_t k = 0; name && out && k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0) { *out = (lia_format)k; return LIA_OK; }
    return LIA_EUSAGE;
}
