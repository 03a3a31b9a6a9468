/* render.h — the common frame of every writer that hands a string to the caller: numbers in
 * the C locale whatever the host's, one buffer, NUL-terminated result or LIA_ENOMEM. */
#ifndef LIA_UTIL_RENDER_H
#define LIA_UTIL_RENDER_H
#include "liaison.h"
#include "buf.h"

typedef void (*lia_render_fn)(lia_buf *b, const void *obj, int variant);
/* Run fn(b, obj, variant) and hand over the text (*out, caller frees with lia_free). */
lia_status lia__render(char **out, size_t *len, lia_render_fn fn, const void *obj, int variant);

/* The bit of format f in a set of formats a writer takes. */
#define LIA__FORMAT_BIT(f) (1u << (f))
/* A public writer whole: out checked and cleared, obj and fmt (one of `formats`, a set of
 * LIA__FORMAT_BIT) checked, fn(b, obj, fmt) rendered, and a failure left in words for obj
 * ("could not write <what> as <format>: ...", lia__errmsg_write). */
lia_status lia__render_write(char **out, size_t *len, lia_render_fn fn, const void *obj, lia_format fmt,
                             unsigned formats, const char *what);

#endif
