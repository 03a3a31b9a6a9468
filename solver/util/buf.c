/* buf.c — growable byte buffer. */
#include "buf.h"
#include <float.h>
#include <math.h>
#include "mem.h"
#include "num.h"
#include "utf8.h"
#include <stdio.h>
#include <string.h>

void lia__buf_init(lia_buf *b) { b->data = NULL; b->len = b->cap = 0; b->failed = 0; }

static int reserve(lia_buf *b, size_t extra)
{
    if (b->failed) return 0;
    size_t need;
    if (!lia__size_add(b->len, extra + 1, &need)) { b->failed = 1; return 0; }
    if (need <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) {
        if (cap > (size_t)-1 / 2) { cap = need; break; }
        cap *= 2;
    }
    char *d = lia__realloc(b->data, cap);
    if (!d) { b->failed = 1; return 0; }
    b->data = d;
    b->cap = cap;
    return 1;
}

void lia__buf_put(lia_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n)) return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

void lia__buf_puts(lia_buf *b, const char *s) { lia__buf_put(b, s, strlen(s)); }
void lia__buf_putc(lia_buf *b, char c) { lia__buf_put(b, &c, 1); }

void lia__buf_vprintf(lia_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !reserve(b, (size_t)n)) return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void lia__buf_printf(lia_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lia__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void lia__buf_json_string(lia_buf *b, const char *s)
{
    lia__buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': lia__buf_puts(b, "\\\""); break;
        case '\\': lia__buf_puts(b, "\\\\"); break;
        case '\n': lia__buf_puts(b, "\\n"); break;
        case '\t': lia__buf_puts(b, "\\t"); break;
        case '\r': lia__buf_puts(b, "\\r"); break;
        default:
            if (*p < 0x20) lia__buf_printf(b, "\\u%04x", *p);
            else if (*p < 0x80) lia__buf_putc(b, (char)*p);
            else {
                /* JSON is UTF-8: a byte that does not begin a well-formed character (a name
                 * set through the API, say) becomes U+FFFD, the replacement character */
                size_t k = lia__utf8_char(p, strnlen((const char *)p, 4));
                if (!k) { lia__buf_puts(b, "\\ufffd"); break; }
                lia__buf_put(b, (const char *)p, k);
                p += k - 1;
            }
        }
    }
    lia__buf_putc(b, '"');
}

void lia__buf_csv_field(lia_buf *b, const char *prefix, const char *s)
{
    int quote = strpbrk(prefix, ",\"\r\n") || strpbrk(s, ",\"\r\n");
    if (quote) lia__buf_putc(b, '"');
    for (int part = 0; part < 2; part++)
        for (const char *c = part ? s : prefix; *c; c++) {
            if (*c == '"') lia__buf_putc(b, '"');
            lia__buf_putc(b, *c);
        }
    if (quote) lia__buf_putc(b, '"');
}

void lia__buf_double(lia_buf *b, double v)
{
    /* the last line of defence for JSON: NaN and infinities are not numbers there (a writer
     * that can meet them words them itself, as lia__buf_json_num does) */
    if (!(v == v && v - v == 0)) { lia__buf_puts(b, "null"); return; }
    char tmp[48];
    lia__num_format_double(tmp, sizeof tmp, v);
    lia__buf_puts(b, tmp);
}

void lia__buf_json_num(lia_buf *b, double v)
{
    if (v == v && v - v == 0) lia__buf_double(b, v + 0.0);   /* finite; + 0.0 turns -0 into 0 */
    else lia__buf_puts(b, "null");
}

void lia__buf_json_nums(lia_buf *b, const double *v, size_t n)
{
    if (!v) { lia__buf_puts(b, "null"); return; }
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_num(b, v[i]);
    }
    lia__buf_putc(b, ']');
}

void lia__reading_text_digits(char *out, size_t cap, double v, double scale, int digits)
{
    if (fabs(v) <= 1e-9 * (scale > 0 ? scale : 1)) v = 0;
    snprintf(out, cap, "%.*g", digits, v + 0.0);
}

void lia__reading_text(char *out, size_t cap, double v, double scale) { lia__reading_text_digits(out, cap, v, scale, 4); }

void lia__buf_reading_digits(lia_buf *b, double v, double scale, int digits)
{
    char tmp[48];
    lia__reading_text_digits(tmp, sizeof tmp, v, scale, digits);
    lia__buf_puts(b, tmp);
}

int lia__reading_digits(const double *v, size_t n, double scale)
{
    int digits = 4;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            if (!isfinite(v[i]) || !isfinite(v[j])) continue;
            double noise = 1e-9 * (scale > 0 ? scale : 1);
            if (fabs(v[i]) <= noise && fabs(v[j]) <= noise) continue;   /* both read as 0 */
            /* equal up to their last few bits (4 ulps): the same number, however printed */
            if (fabs(v[i] - v[j]) <= 4 * DBL_EPSILON * fmax(fabs(v[i]), fabs(v[j]))) continue;
            char a[48], c[48];
            for (;; digits++) {
                lia__reading_text_digits(a, sizeof a, v[i], scale, digits);
                lia__reading_text_digits(c, sizeof c, v[j], scale, digits);
                if (strcmp(a, c) != 0 || digits == 17) break;   /* 17 tell any two doubles apart */
            }
        }
    return digits;
}

void lia__buf_reading(lia_buf *b, double v, double scale)
{
    char tmp[48];
    lia__reading_text(tmp, sizeof tmp, v, scale);
    lia__buf_puts(b, tmp);
}

void lia__buf_reading_cell(lia_buf *b, double v, double scale, int width, const char *nan_text)
{
    char tmp[48];
    if (v != v) snprintf(tmp, sizeof tmp, "%s", nan_text);
    else lia__reading_text(tmp, sizeof tmp, v, scale);
    lia__buf_printf(b, " %*s", width, tmp);
}

void lia__buf_wrap(lia_buf *b, const char *text, size_t indent, size_t width)
{
    size_t room = width > indent + 20 ? width - indent : 20;
    while (*text) {
        while (*text == ' ') text++;
        if (!*text) break;
        size_t n = strlen(text), cut = n;
        if (n > room) {
            cut = room;
            while (cut > 0 && text[cut] != ' ') cut--;
            if (cut == 0) { cut = room; while (text[cut] && text[cut] != ' ') cut++; }
        }
        lia__buf_printf(b, "%*s", (int)indent, "");
        lia__buf_put(b, text, cut);
        lia__buf_putc(b, '\n');
        text += cut;
    }
}

void lia__buf_json_tri(lia_buf *b, int v) { lia__buf_puts(b, v < 0 ? "null" : v ? "true" : "false"); }

char *lia__buf_take(lia_buf *b, size_t *len)
{
    if (!reserve(b, 0)) { lia__buf_free(b); return NULL; }
    char *d = b->data;
    d[b->len] = 0;   /* also when nothing was written */
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void lia__buf_free(lia_buf *b) { lia__free(b->data); lia__buf_init(b); }
