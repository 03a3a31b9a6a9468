/* options.h — reading a caller's options struct of any version from 1 to the current one.
 *
 * Every public options struct starts with `unsigned version`, and a new version only appends
 * fields, so a version-v struct is a prefix of the current one. A program built against an
 * older header passes the shorter struct with its older version: the library copies that
 * prefix over the defaults (the _INIT macro) and never reads past it. */
#ifndef LIA_UTIL_OPTIONS_H
#define LIA_UTIL_OPTIONS_H
#include <stddef.h>

/* dst (size bytes) already holds the current defaults; `ends` has one entry per version, the
 * bytes that version's struct holds (offsetof the first field the next version added; the
 * last entry is sizeof the current struct). given NULL keeps the defaults. Returns 1, with
 * dst's version set to the current one; or 0 when given->version is outside 1..nversions (or
 * the table is inconsistent), with the reason recorded for lia_errmsg() and copied into msg
 * (cap bytes; msg may be NULL). `type` names the struct, e.g. "lia_nash_options". */
int lia__options_read(void *dst, size_t size, const void *given, const size_t *ends, unsigned nversions,
                      const char *type, char *msg, size_t cap);

/* The usual call: LIA__OPTIONS_READ(&o, given, lia_nash_options, ends, msg, cap), where o was
 * initialised from the _INIT macro and ends is a static array of LIA_..._OPTIONS_VERSION
 * entries. */
#define LIA__OPTIONS_READ(dst, given, type, ends, msg, cap) \
    lia__options_read((dst), sizeof(type), (given), (ends), (unsigned)(sizeof(ends) / sizeof(ends)[0]), #type, (msg), (cap))

#endif
