/* errmsg.h — the calling thread's last error message (lia_errmsg), for calls without a handle. */
#ifndef LIA_UTIL_ERRMSG_H
#define LIA_UTIL_ERRMSG_H

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void lia__errmsg_set(const char *fmt, ...);

#endif
