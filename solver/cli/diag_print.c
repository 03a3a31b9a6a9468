/* diag_print.c — renders diagnostics like a compiler: location, message, source line, caret. */
#include "cli.h"
#include <string.h>

enum { WINDOW = 160 };   /* columns of a long line shown around the error */

static const char *sev_name(lia_severity s)
{
    return s == LIA_ERROR ? "error" : s == LIA_WARNING ? "warning" : "note";
}

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Byte offset of code point `cp` (0-based) in the line. */
static size_t byte_of(const char *s, size_t len, size_t cp)
{
    size_t i = 0, n = 0;
    while (i < len && n < cp) {
        i++;
        while (i < len && is_cont((unsigned char)s[i])) i++;
        n++;
    }
    return i;
}

static void print_line(FILE *f, const lia_diag *d)
{
    const char *s = d->line_text;
    size_t len = d->line_len;
    size_t col = d->column ? d->column - 1 : 0;
    /* a 10 MB line is shown as a window around the error */
    size_t from_cp = col > WINDOW / 2 ? col - WINDOW / 2 : 0;
    size_t from = byte_of(s, len, from_cp);
    size_t to = from + byte_of(s + from, len - from, WINDOW);
    fputs("  ", f);
    if (from > 0) fputs("...", f);
    for (size_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)s[i];
        fputc(c == '\t' || c >= 0x20 ? (c == 0x7f ? '?' : c) : '?', f);
    }
    if (to < len) fputs("...", f);
    fputc('\n', f);
    fputs("  ", f);
    if (from > 0) fputs("   ", f);
    size_t at = byte_of(s + from, len - from, col - from_cp) + from;
    for (size_t i = from; i < at && i < len; i++) {
        if (is_cont((unsigned char)s[i])) continue;
        fputc(s[i] == '\t' ? '\t' : ' ', f);
    }
    size_t n = d->length ? d->length : 1;
    if (n > WINDOW) n = WINDOW;
    fputc('^', f);
    for (size_t i = 1; i < n; i++) fputc('~', f);
    fputc('\n', f);
}

void cli_print_diags(FILE *f, const lia_model *m)
{
    for (size_t i = 0; i < lia_model_diag_count(m); i++) {
        const lia_diag *d = lia_model_diag_at(m, i);
        fprintf(f, "%s:%u:%u: %s: %s\n", d->file, d->line, d->column, sev_name(d->severity), d->message);
        if (d->line_text) print_line(f, d);
    }
}
