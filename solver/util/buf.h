/* buf.h — growable byte buffer for emitters and messages; sticky failure flag instead of checks
 * after every append. */
#ifndef LIA_UTIL_BUF_H
#define LIA_UTIL_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct lia_buf {
    char *data;
    size_t len, cap;
    int failed;          /* an allocation failed; contents are incomplete */
} lia_buf;

void lia__buf_init(lia_buf *b);
void lia__buf_put(lia_buf *b, const char *s, size_t n);
void lia__buf_puts(lia_buf *b, const char *s);
void lia__buf_putc(lia_buf *b, char c);
void lia__buf_printf(lia_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void lia__buf_vprintf(lia_buf *b, const char *fmt, va_list ap);
void lia__buf_json_string(lia_buf *b, const char *s);   /* quoted, escaped */
/* One CSV field (RFC 4180): prefix then s, in double quotes when either holds a comma, a
 * quote or a line break, a quote inside written twice ("" not \"). */
void lia__buf_csv_field(lia_buf *b, const char *prefix, const char *s);
void lia__buf_double(lia_buf *b, double v);             /* shortest round-trip decimal */
/* JSON values the writers share: a number (null when not finite, never "-0"), a list of n
 * numbers (null when v is NULL), and a tri-state (-1 null, 0 false, else true). */
void lia__buf_json_num(lia_buf *b, double v);
void lia__buf_json_nums(lia_buf *b, const double *v, size_t n);
void lia__buf_json_tri(lia_buf *b, int v);
/* A number for a reader (text outputs): four significant digits, and 0 for anything within
 * 1e-9 of `scale` (the payoff scale: rounding noise such as -1.6e-11 is no amount). The
 * caller words NaN and infinities itself. */
void lia__buf_reading(lia_buf *b, double v, double scale);
/* The same into out (at most cap bytes), for writers that dress the digits further (the
 * briefing's minus sign and powers of ten). */
void lia__reading_text(char *out, size_t cap, double v, double scale);
/* The same right-aligned in a column `width` wide after a space, `nan_text` for NaN. */
void lia__buf_reading_cell(lia_buf *b, double v, double scale, int width, const char *nan_text);
/* Numbers a reader compares (a row of a table, the two sides of "less than"): the fewest
 * significant digits, from 4 to 17, at which any two of the n values that differ by more
 * than 4 ulps print differently (read as lia__buf_reading does). At four digits
 * alone, -1e8 and -1e8 + 0.07 both printed -1e+08 in a sentence saying one is less. NaN and
 * infinities are passed over. */
int lia__reading_digits(const double *v, size_t n, double scale);
/* lia__buf_reading with `digits` significant digits. */
void lia__buf_reading_digits(lia_buf *b, double v, double scale, int digits);
void lia__reading_text_digits(char *out, size_t cap, double v, double scale, int digits);
/* Text wrapped at spaces to lines of at most `width` bytes (longer words stay whole), each
 * line indented by `indent` spaces and ended by a newline. */
void lia__buf_wrap(lia_buf *b, const char *text, size_t indent, size_t width);
/* Hand the NUL-terminated contents to the caller (free with lia__free); NULL if failed. */
char *lia__buf_take(lia_buf *b, size_t *len);
void lia__buf_free(lia_buf *b);

#endif
