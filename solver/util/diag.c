/* diag.c — recording diagnostics with their source line, so renderers need nothing else. */
#include "diag.h"
#include "mem.h"
#include "buf.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lia__sources_add(lia_sources *s, const char *name, const char *text, size_t len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4;
        lia_source *it = lia__realloc(s->items, cap * sizeof *it);
        if (!it) return -1;
        s->items = it;
        s->cap = cap;
    }
    lia_source *src = &s->items[s->n];
    src->name = lia__strdup(name);
    src->text = lia__strndup(text ? text : "", text ? len : 0);
    src->len = text ? len : 0;
    if (!src->name || !src->text) {
        lia__free(src->name);
        lia__free(src->text);
        return -1;
    }
    return (int)s->n++;
}

void lia__sources_truncate(lia_sources *s, size_t keep)
{
    while (s->n > keep) {
        s->n--;
        lia__free(s->items[s->n].name);
        lia__free(s->items[s->n].text);
    }
}

void lia__sources_free(lia_sources *s)
{
    lia__sources_truncate(s, 0);
    lia__free(s->items);
    s->items = NULL;
    s->cap = 0;
}

static unsigned count_cp(const char *p, size_t n)
{
    unsigned c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80) c++;
    return c;
}

lia_span lia__span_at(const lia_sources *s, uint32_t src, size_t off, size_t len)
{
    if (off > s->items[src].len) off = s->items[src].len;
    lia_span sp = { src, 1, 1, off, len, 0 };
    const char *t = s->items[src].text;
    size_t line_off = 0;
    uint32_t line = 1;
    for (size_t i = 0; i < off && i < s->items[src].len; i++)
        if (t[i] == '\n') { line++; line_off = i + 1; }
    sp.line = line;
    sp.line_off = line_off;
    sp.col = 1 + count_cp(t + line_off, off - line_off);
    return sp;
}

void lia__diags_add(lia_diags *d, const lia_sources *s, lia_severity sev, lia_span at,
                   const char *fmt, ...)
{
    if (d->capped) return;
    if (sev == LIA_ERROR && d->errors >= LIA_MAX_ERRORS) {
        d->capped = 1;
        d->capped_at = d->n;
        sev = LIA_NOTE;
        fmt = "too many errors; stopping here";
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        lia_diag *it = lia__realloc(d->items, cap * sizeof *it);
        if (!it) { d->oom = 1; return; }
        d->items = it;
        d->cap = cap;
    }
    lia_buf b;
    lia__buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    lia__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *msg = lia__buf_take(&b, NULL);
    if (!msg) { d->oom = 1; return; }
    const lia_source *src = &s->items[at.src];
    lia_diag *g = &d->items[d->n++];
    g->severity = sev;
    g->file = src->name;
    g->line = at.line;
    g->column = at.col;
    size_t off = at.off < src->len ? at.off : src->len;
    size_t len = at.len;
    if (off + len > src->len) len = src->len - off;
    g->length = count_cp(src->text + off, len);
    if (g->length == 0) g->length = 1;
    g->message = msg;
    size_t lo = at.line_off <= src->len ? at.line_off : src->len, hi = lo;
    while (hi < src->len && src->text[hi] != '\n') hi++;
    if (hi > lo && src->text[hi - 1] == '\r') hi--;
    g->line_text = src->text + lo;
    g->line_len = hi - lo;
    if (sev == LIA_ERROR) d->errors++;
}

void lia__diags_error_at(lia_diags *d, const lia_sources *s, uint32_t src, size_t off, size_t len,
                        const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t n = s->items[src].len;
    if (off > n) off = n;
    if (len > n - off) len = n - off;
    lia__diags_add(d, s, LIA_ERROR, lia__span_at(s, src, off, len), "%s", msg);
}

void lia__diags_truncate(lia_diags *d, size_t keep)
{
    while (d->n > keep) {
        d->n--;
        lia__free((char *)d->items[d->n].message);
    }
    d->errors = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].severity == LIA_ERROR) d->errors++;
    /* a re-check starts afresh: keep the cap only if its note survives, forget failed allocations */
    if (d->capped && d->capped_at >= keep) d->capped = 0;
    d->oom = 0;
}

void lia__diags_free(lia_diags *d)
{
    lia__diags_truncate(d, 0);
    lia__free(d->items);
    d->items = NULL;
    d->cap = 0;
}

/* Insertion sort: lists are short (capped at LIA_MAX_ERRORS errors) and it is stable. */
void lia__diags_sort(lia_diags *d, size_t from)
{
    size_t n = d->capped ? d->capped_at : d->n;   /* the "too many errors" note stays last */
    for (size_t i = from + 1; i < n; i++) {
        lia_diag x = d->items[i];
        size_t j = i;
        while (j > from) {
            const lia_diag *y = &d->items[j - 1];
            int yfirst = strcmp(y->file, x.file) == 0 &&
                         (y->line < x.line || (y->line == x.line && y->column <= x.column));
            if (yfirst || strcmp(y->file, x.file) != 0) break;
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}
