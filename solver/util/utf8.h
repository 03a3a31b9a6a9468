/* utf8.h — UTF-8 validation, so that no byte sequence that is not text reaches JSON. */
#ifndef LIA_UTIL_UTF8_H
#define LIA_UTIL_UTF8_H
#include <stddef.h>

/* The length (1 to 4) of the well-formed UTF-8 character at s[0..n-1], or 0 if the bytes there
 * are not one (a stray continuation byte, a truncated or overlong sequence, a surrogate, a
 * code point above U+10FFFF). n must be at least 1. */
size_t lia__utf8_char(const unsigned char *s, size_t n);
/* The offset of the first byte of s[0..n-1] that does not begin a well-formed character, or
 * n when all of it is UTF-8. */
size_t lia__utf8_invalid_at(const char *s, size_t n);

#endif
