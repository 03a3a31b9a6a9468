/* lp_write.c — a lia_lp as CPLEX LP text, so a model can be read by eye or solved again by
 * glpsol, CPLEX or HiGHS to cross-check liaison. */
#include "lp.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* GLPK's reader refuses tokens over 255 bytes: 200 leaves room for the "~index" suffix. */
enum { NAME_CAP = 200, LINE_WRAP = 72 };

/* Besides ASCII letters and digits, the characters CPLEX allows in names (GLPK's reader takes
 * the same set), except '~': sanitising never produces it, so the "~index" suffix that tells
 * repeated names apart cannot collide with another name. */
static const char name_punct[] = "!\"#$%&()/,.;?@_`'{}|";

/* Words a reader may take for a section keyword or an infinite bound at the start of a line. */
static const char *const keywords[] = {
    "minimize", "minimise", "minimum", "min", "maximize", "maximise", "maximum", "max", "subject",
    "such", "st", "s.t.", "st.", "bounds", "bound", "general", "generals", "gen", "integer",
    "integers", "int", "binary", "binaries", "bin", "semi", "semis", "sos", "end", "free", "inf",
    "infinity",
};

static int is_alnum(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
static int to_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }   /* ASCII, any locale */

static int is_keyword(const char *s)
{
    for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++) {
        const char *w = keywords[k], *p = s;
        while (*p && *w && to_lower((unsigned char)*p) == *w) p++, w++;
        if (!*p && !*w) return 1;
    }
    return 0;
}

/* The names of one kind (rows or columns), NUL-separated in one buffer, with a flag for every
 * name that repeats an earlier one after sanitising. */
typedef struct names {
    lia_buf text;
    size_t *at;
    unsigned char *repeat;
} names;

typedef struct entry { const char *s; size_t i; } entry;

static int by_name(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->i > y->i) - (x->i < y->i);   /* the first occurrence keeps its name */
}

static void put_sanitised(lia_buf *b, const char *given, char kind, size_t i)
{
    char tmp[NAME_CAP + 2];
    size_t n = 0;
    if (!given || !*given) { lia__buf_printf(b, "%c%zu", kind, i + 1); return; }
    /* a name may not start like a number */
    if ((*given >= '0' && *given <= '9') || *given == '.') tmp[n++] = '_';
    for (const char *p = given; *p && n < NAME_CAP; p++)
        tmp[n++] = is_alnum((unsigned char)*p) || strchr(name_punct, *p) ? *p : '_';
    tmp[n] = 0;
    if (is_keyword(tmp)) lia__buf_putc(b, '_');
    lia__buf_puts(b, tmp);
}

static int names_build(names *nm, size_t n, const char *const *given, char kind)
{
    nm->at = lia__malloc(n * sizeof *nm->at);
    nm->repeat = lia__calloc(n, 1);
    entry *e = lia__malloc(n * sizeof *e);
    int ok = nm->at && nm->repeat && e;
    for (size_t i = 0; ok && i < n; i++) {
        nm->at[i] = nm->text.len;
        put_sanitised(&nm->text, given ? given[i] : NULL, kind, i);
        lia__buf_putc(&nm->text, 0);
        ok = !nm->text.failed;
    }
    if (ok) {
        for (size_t i = 0; i < n; i++) e[i] = (entry){ nm->text.data + nm->at[i], i };
        qsort(e, n, sizeof *e, by_name);
        for (size_t k = 1; k < n; k++)
            if (strcmp(e[k].s, e[k - 1].s) == 0) nm->repeat[e[k].i] = 1;
    }
    lia__free(e);
    return ok;
}

static void names_free(names *nm)
{
    lia__buf_free(&nm->text);
    lia__free(nm->at);
    lia__free(nm->repeat);
}

typedef struct writer {
    lia_buf b;
    size_t line;              /* offset where the current line starts */
    const names *cols;
    unsigned char *seen;      /* column j appeared in some linear form */
} writer;

static void put_name(writer *w, const names *nm, size_t i)
{
    lia__buf_puts(&w->b, nm->text.data + nm->at[i]);
    if (nm->repeat[i]) lia__buf_printf(&w->b, "~%zu", i + 1);
}

static void newline(writer *w) { lia__buf_putc(&w->b, '\n'); w->line = w->b.len; }

/* Continuation lines are indented: a reader looks for keywords only at the start of a line. */
static void wrap(writer *w)
{
    if (w->b.len - w->line > LINE_WRAP) { newline(w); lia__buf_puts(&w->b, "   "); }
}

static void put_term(writer *w, double v, size_t j, int first)
{
    if (!first) wrap(w);
    if (v < 0) lia__buf_puts(&w->b, first ? "- " : " - ");
    else if (!first) lia__buf_puts(&w->b, " + ");
    if (fabs(v) != 1) { lia__buf_double(&w->b, fabs(v)); lia__buf_putc(&w->b, ' '); }
    put_name(w, w->cols, j);
    w->seen[j] = 1;
}

/* A linear form needs at least one term; an all-zero one is written "0 x1". */
static void put_empty_form(writer *w)
{
    lia__buf_puts(&w->b, "0 ");
    put_name(w, w->cols, 0);
    w->seen[0] = 1;
}

static void put_bounds(writer *w, const lia_lp *lp)
{
    int any = 0;
    for (size_t j = 0; j < lp->cols; j++) {
        double lo = lp->col_lo ? lp->col_lo[j] : 0, hi = lp->col_hi ? lp->col_hi[j] : INFINITY;
        /* the default 0 <= x; a column used nowhere is still declared, or the reader drops it */
        if (lo == 0 && hi == INFINITY && w->seen[j]) continue;
        if (!any) { lia__buf_puts(&w->b, "Bounds"); newline(w); any = 1; }
        lia__buf_putc(&w->b, ' ');
        if (lo == -INFINITY && hi == INFINITY) { put_name(w, w->cols, j); lia__buf_puts(&w->b, " free"); }
        else if (lo == hi) { put_name(w, w->cols, j); lia__buf_puts(&w->b, " = "); lia__buf_double(&w->b, lo); }
        else if (hi == INFINITY) { put_name(w, w->cols, j); lia__buf_puts(&w->b, " >= "); lia__buf_double(&w->b, lo); }
        else {
            /* "x <= hi" alone would keep the lower bound 0: always write both */
            if (lo == -INFINITY) lia__buf_puts(&w->b, "-inf");
            else lia__buf_double(&w->b, lo);
            lia__buf_puts(&w->b, " <= ");
            put_name(w, w->cols, j);
            lia__buf_puts(&w->b, " <= ");
            lia__buf_double(&w->b, hi);
        }
        newline(w);
    }
}

static void put_text(writer *w, const lia_lp *lp, const char *title, const names *rows,
                     const size_t *start, const size_t *ord)
{
    if (title) {
        lia__buf_puts(&w->b, "\\* ");
        for (const unsigned char *p = (const unsigned char *)title; *p; p++)   /* readers refuse control characters */
            lia__buf_putc(&w->b, *p < 0x20 || *p == 0x7f ? ' ' : (char)*p);
        lia__buf_puts(&w->b, " *\\");
        newline(w);
    }
    lia__buf_puts(&w->b, lp->maximize ? "Maximize" : "Minimize");
    newline(w);
    lia__buf_puts(&w->b, " obj: ");
    int first = 1;
    for (size_t j = 0; j < lp->cols; j++)
        if (lp->obj[j] != 0) { put_term(w, lp->obj[j], j, first); first = 0; }
    if (first) put_empty_form(w);
    newline(w);
    lia__buf_puts(&w->b, "Subject To");
    newline(w);
    /* the section cannot be empty: a row without terms constrains nothing */
    if (lp->rows == 0) { lia__buf_puts(&w->b, " _none: "); put_empty_form(w); lia__buf_puts(&w->b, " >= 0"); newline(w); }
    for (size_t i = 0; i < lp->rows; i++) {
        lia__buf_putc(&w->b, ' ');
        put_name(w, rows, i);
        lia__buf_puts(&w->b, ": ");
        first = 1;
        for (size_t k = start[i]; k < start[i + 1]; k++)
            if (lp->val[ord[k]] != 0) { put_term(w, lp->val[ord[k]], lp->col[ord[k]], first); first = 0; }
        if (first) put_empty_form(w);
        wrap(w);
        lia__buf_puts(&w->b, lp->kind[i] == LIA_ROW_LE ? " <= " : lp->kind[i] == LIA_ROW_GE ? " >= " : " = ");
        lia__buf_double(&w->b, lp->rhs[i]);
        newline(w);
    }
    put_bounds(w, lp);
    lia__buf_puts(&w->b, "End");
    newline(w);
}

/* Entries grouped by row (counting sort, stable); 0 if some (row, col) comes twice. */
static int group_rows(const lia_lp *lp, size_t *start, size_t *ord, size_t *mark)
{
    for (size_t k = 0; k < lp->nnz; k++) start[lp->row[k] + 1]++;
    for (size_t i = 0; i < lp->rows; i++) start[i + 1] += start[i];
    for (size_t k = 0; k < lp->nnz; k++) ord[start[lp->row[k]]++] = k;
    for (size_t i = lp->rows; i > 0; i--) start[i] = start[i - 1];
    start[0] = 0;
    for (size_t i = 0; i < lp->rows; i++)
        for (size_t k = start[i]; k < start[i + 1]; k++) {
            if (mark[lp->col[ord[k]]] == i + 1) return 0;
            mark[lp->col[ord[k]]] = i + 1;
        }
    return 1;
}

lia_status lia__lp_write_cplex(char **out, size_t *len, const lia_lp *lp, const char *title,
                              const char *const *colnames, const char *const *rownames)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!lia__lp_valid(lp)) return LIA_EUSAGE;
    names cn = { .at = NULL }, rn = { .at = NULL };
    lia__buf_init(&cn.text);
    lia__buf_init(&rn.text);
    writer w = { .cols = &cn };
    lia__buf_init(&w.b);
    size_t *start = lia__calloc(lp->rows + 1, sizeof *start), *ord = lia__malloc(lp->nnz * sizeof *ord);
    size_t *mark = lia__calloc(lp->cols, sizeof *mark);
    w.seen = lia__calloc(lp->cols, 1);
    lia_status st = LIA_ENOMEM;
    if (!start || !ord || !mark || !w.seen) goto done;
    if (!group_rows(lp, start, ord, mark)) { st = LIA_EUSAGE; goto done; }
    if (!names_build(&cn, lp->cols, colnames, 'x') || !names_build(&rn, lp->rows, rownames, 'r')) goto done;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) goto done;
    put_text(&w, lp, title, &rn, start, ord);
    lia__c_numeric_end(&loc);
    *out = lia__buf_take(&w.b, len);
    if (*out) st = LIA_OK;
done:
    lia__buf_free(&w.b);
    names_free(&cn);
    names_free(&rn);
    lia__free(start);
    lia__free(ord);
    lia__free(mark);
    lia__free(w.seen);
    return st;
}

const char *lia__lp_name(lia_arena *a, const char *prefix, size_t nparts, const char *const *parts)
{
    size_t n = strlen(prefix) + 3 + nparts;   /* parentheses, commas, NUL */
    for (size_t k = 0; k < nparts; k++) n += strlen(parts[k]);
    char *s = lia__arena_alloc(a, n);
    if (!s) return NULL;
    char *p = s;
    p += strlen(strcpy(p, prefix));
    *p++ = '(';
    for (size_t k = 0; k < nparts; k++) {
        if (k) *p++ = ',';
        p += strlen(strcpy(p, parts[k]));
    }
    *p++ = ')';
    *p = 0;
    return s;
}
