/* errmsg.h — the calling thread's last error message (lia_errmsg), for calls without a handle,
 * and for calls on handles that are only ever read (const): the message is kept per thread and
 * remembers which handle it concerns, so lia_<noun>_errmsg(h) can hand it out without the
 * handle ever being written (two threads reading one handle never race on it). */
#ifndef LIA_UTIL_ERRMSG_H
#define LIA_UTIL_ERRMSG_H
#include "liaison.h"

#if defined(__GNUC__)
#define LIA__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define LIA__PRINTF(f, a)
#endif

void lia__errmsg_set(const char *fmt, ...) LIA__PRINTF(1, 2);
/* Game-level calls clear the message when they start, so that after a failure an empty
 * message means no deeper function said why and the call's own words are still owed. */
void lia__errmsg_clear(void);
/* Record fmt as the message unless a deeper failure already recorded a more specific one;
 * returns st, so a failure path reads `return lia__errmsg_default(st, ...)`. */
lia_status lia__errmsg_default(lia_status st, const char *fmt, ...) LIA__PRINTF(2, 3);
/* The current message concerns handle h (a failed call on it). */
void lia__errmsg_own(const void *h);
/* The message if the calling thread's last failure concerned h, else "". */
const char *lia__errmsg_of(const void *h);
/* h is being freed: a later handle at the same address must not inherit its message. */
void lia__errmsg_forget(const void *h);
/* A writer's failure (lia_<noun>_write...), in words: what could not be written in which
 * format and why; records it for h and returns st. what: "the equilibrium set". */
lia_status lia__errmsg_write(lia_status st, const void *h, const char *what, const char *format);
/* The name of a lia_format for messages: "text", "JSON", ... */
const char *lia__format_name(lia_format f);

#endif
