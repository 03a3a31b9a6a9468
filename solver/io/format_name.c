/* format_name.c — the names of the output formats, one table for every caller (the command
 * line's --format and --emit, the Python binding). */
#include "liaison.h"
#include "../util/names.h"

/* In lia_format order. */
static const char *const names[] = { "text", "json", "nfg", "lrs", "tu", "csv", "html" };

enum { NNAMES = sizeof names / sizeof *names };

const char *lia_format_name(lia_format f) { return lia__names_at(names, NNAMES, (size_t)f); }

lia_status lia_format_from_name(const char *name, lia_format *out)
{
    size_t k;
    if (!out || !lia__names_find(names, NNAMES, name, &k)) return LIA_EUSAGE;
    *out = (lia_format)k;
    return LIA_OK;
}
