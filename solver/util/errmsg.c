/* errmsg.c — lia_errmsg: the message of the last failure on this thread that had no handle to
 * carry it (as libgit2's git_error_last), or whose handle is only read. Thread-local, so no
 * state is shared between threads; a fixed buffer, so recording a message can never fail for
 * want of memory. */
#include "errmsg.h"
#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last[512];
static _Thread_local const void *owner;   /* the handle the message concerns, or NULL */

void lia__errmsg_set(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last, sizeof last, fmt, ap);
    va_end(ap);
    owner = NULL;
}

void lia__errmsg_clear(void)
{
    last[0] = '\0';
    owner = NULL;
}

lia_status lia__errmsg_default(lia_status st, const char *fmt, ...)
{
    if (st == LIA_OK || last[0]) return st;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last, sizeof last, fmt, ap);
    va_end(ap);
    owner = NULL;
    return st;
}

void lia__errmsg_own(const void *h) { owner = h; }

const char *lia__errmsg_of(const void *h) { return h && owner == h ? last : ""; }

void lia__errmsg_forget(const void *h)
{
    if (h && owner == h) owner = NULL;
}

const char *lia__format_name(lia_format f)
{
    static const char *const names[] = { "text", "JSON", "NFG", "lrs", "TU", "CSV", "HTML" };
    return (unsigned)f < sizeof names / sizeof names[0] ? names[f] : "an unknown format";
}

lia_status lia__errmsg_write(lia_status st, const void *h, const char *what, const char *format)
{
    if (st == LIA_OK) return st;
    if (!h)
        lia__errmsg_default(st, "%s is NULL: nothing to write", what);
    else if (st == LIA_EUSAGE)
        lia__errmsg_default(st, "%s cannot be written as %s (a NULL output pointer, or a format it does not "
                                "take: see its lia_..._write in liaison.h)", what, format);
    else if (st == LIA_ENOMEM)
        lia__errmsg_default(st, "out of memory writing %s as %s", what, format);
    else if (st == LIA_ELIMIT)
        lia__errmsg_default(st, "%s as %s would exceed the library's limit on one output (LIA_DEFAULT_MEMORY_CAP); "
                                "write it in a more compact format", what, format);
    else
        lia__errmsg_default(st, "writing %s as %s failed: %s", what, format, lia_status_name(st));
    owner = h;
    return st;
}

const char *lia_errmsg(void) { return last; }
