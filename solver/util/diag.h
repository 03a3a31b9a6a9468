/* diag.h — sources and the diagnostics list kept on a model handle. */
#ifndef LIA_UTIL_DIAG_H
#define LIA_UTIL_DIAG_H
#include "liaison.h"
#include <stdint.h>
#include <stddef.h>

/* A position in one of the model's sources. */
typedef struct lia_span {
    uint32_t src;       /* index into the source list */
    uint32_t line, col; /* 1-based; col counts code points */
    size_t off, len;    /* bytes */
    size_t line_off;    /* byte offset of the line's first byte */
} lia_span;

typedef struct lia_source {
    char *name;
    char *text;         /* NUL-terminated copy */
    size_t len;
} lia_source;

typedef struct lia_sources {
    lia_source *items;
    size_t n, cap;
} lia_sources;

enum { LIA_MAX_ERRORS = 50 };

typedef struct lia_diags {
    lia_diag *items;
    size_t n, cap;
    size_t errors;
    int capped;         /* too many errors: later ones dropped */
    size_t capped_at;   /* index of the "too many errors" note, valid while capped */
    int oom;            /* an allocation failed while recording */
} lia_diags;

/* Add a source (text is copied); returns its index or -1 on allocation failure. */
int lia__sources_add(lia_sources *s, const char *name, const char *text, size_t len);
void lia__sources_free(lia_sources *s);
/* Remove sources from index `keep` on (the --set sources when overrides are re-applied). */
void lia__sources_truncate(lia_sources *s, size_t keep);

void lia__diags_add(lia_diags *d, const lia_sources *s, lia_severity sev, lia_span at,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Keep the first `keep` diagnostics (recomputing the error count). */
void lia__diags_truncate(lia_diags *d, size_t keep);
void lia__diags_free(lia_diags *d);
/* Stable sort by source, then offset (parse and check errors interleave by position). */
void lia__diags_sort(lia_diags *d, size_t from);

/* An error at bytes [off, off+len) of source src (clamped to the text), for readers that keep
 * byte offsets rather than spans. */
void lia__diags_error_at(lia_diags *d, const lia_sources *s, uint32_t src, size_t off, size_t len,
                        const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Span covering [off, off+len) of source src, computing line/col by scanning (for readers that
 * do not track positions token by token). */
lia_span lia__span_at(const lia_sources *s, uint32_t src, size_t off, size_t len);

#endif
