/* errmsg.c — lia_errmsg: the message of the last failure on this thread that had no handle to
 * carry it (as libgit2's git_error_last). Thread-local, so no state is shared between threads;
 * a fixed buffer, so recording a message can never fail for want of memory. */
#include "errmsg.h"
#include "liaison.h"
#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last[512];

void lia__errmsg_set(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last, sizeof last, fmt, ap);
    va_end(ap);
}

const char *lia_errmsg(void) { return last; }
