/* read_lrs.c — reads lrsnash input ("m n", then matrix A, then matrix B) into a spec. */
#include "readers.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Tokens are blank-separated words; a line whose first non-blank is '*' or '#' is a comment. */
typedef struct lrs {
    const char *t;
    size_t n, pos;
    int bol;                 /* pos is at the start of a line (comment markers count only there) */
    int eof;
    size_t off, len;         /* current token */
    int newline_before;      /* a line break separates it from the previous token */
    size_t last_end;
    const lia_sources *s;
    uint32_t src;
    lia_diags *d;
} lrs;

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static void lnext(lrs *p)
{
    if (!p->eof && p->len) p->last_end = p->off + p->len;
    p->newline_before = 0;
    for (;;) {
        while (p->pos < p->n && is_blank(p->t[p->pos])) p->pos++;
        if (p->pos >= p->n) { p->eof = 1; p->off = p->n; p->len = 0; return; }
        char c = p->t[p->pos];
        if (c == '\n') { p->pos++; p->bol = 1; p->newline_before = 1; continue; }
        if (p->bol && (c == '*' || c == '#')) {
            while (p->pos < p->n && p->t[p->pos] != '\n') p->pos++;
            continue;
        }
        break;
    }
    p->bol = 0;
    p->off = p->pos;
    while (p->pos < p->n && !is_blank(p->t[p->pos]) && p->t[p->pos] != '\n') p->pos++;
    p->len = p->pos - p->off;
}

#define err_at(p, off, len, ...) lia__diags_error_at((p)->d, (p)->s, (p)->src, (off), (len), __VA_ARGS__)

static void expected(lrs *p, const char *what)
{
    char q[80];
    if (p->eof) { err_at(p, p->last_end, 0, "expected %s, found end of file", what); return; }
    lia__reader_quote(q, sizeof q, p->t + p->off, p->len);
    err_at(p, p->off, p->len, "expected %s, found %s", what, q);
}

/* Tokens from the current one on, and where the last one ends (the lexer state is restored). */
static size_t count_rest(lrs *p, size_t *end)
{
    lrs save = *p;
    size_t k = 0;
    while (!p->eof) { k++; lnext(p); }
    *end = p->last_end;
    *p = save;
    return k;
}

/* When the count is wrong and the file is laid out one row per line, blame the first line that
 * is not a full row: a dropped entry then points at its row instead of the end of the file. */
static int blame_row(lrs *p, size_t cols, size_t have, size_t need, size_t m)
{
    lrs save = *p;
    size_t cnt = 0, from = p->off, to = p->off, lines = 0, full = 0;
    size_t bad_cnt = 0, bad_from = 0, bad_to = 0;
    for (;; lnext(p)) {
        if (p->eof || (p->newline_before && cnt)) {
            lines++;
            if (cnt == cols) full++;
            else if (!bad_cnt) { bad_cnt = cnt; bad_from = from; bad_to = to; }
            if (p->eof) break;
            cnt = 0;
            from = p->off;
        }
        cnt++;
        to = p->off + p->len;
    }
    *p = save;
    /* a matrix written free-form (several rows per line) has no row to blame */
    if (!bad_cnt || full * 2 < lines) return 0;
    err_at(p, bad_from, bad_to - bad_from, "this row has %zu number%s, the game has %zu column%s (the file has "
           "%zu numbers, two %zux%zu matrices need %zu)", bad_cnt, bad_cnt == 1 ? "" : "s", cols,
           cols == 1 ? "" : "s", have, m, cols, need);
    return 1;
}

static int dimension(lrs *p, const char *what, size_t *v)
{
    if (p->eof || !lia__reader_count(p->t + p->off, p->len, v) || *v == 0) { expected(p, what); return 0; }
    lnext(p);
    return 1;
}

static int read_lrs(lia_spec *out, struct lia_arena *arena, const lia_sources *s, uint32_t src, lia_diags *d,
                    const char *name, size_t cap)
{
    memset(out, 0, sizeof *out);
    lrs p = { 0 };
    p.t = s->items[src].text;
    p.n = s->items[src].len;
    p.bol = 1;
    p.s = s;
    p.src = src;
    p.d = d;
    if (p.n >= 3 && memcmp(p.t, "\xEF\xBB\xBF", 3) == 0) p.pos = 3;   /* a UTF-8 byte-order mark */
    lnext(&p);
    size_t m, n, hdr = p.off;
    if (!dimension(&p, "the number of rows m (a positive integer)", &m) ||
        !dimension(&p, "the number of columns n (a positive integer)", &n))
        return 0;
    size_t nprof, need;
    if (!lia__size_mul(m, n, &nprof) || !lia__size_mul(nprof, 2, &need)) {
        err_at(&p, hdr, p.last_end - hdr, "the game has more than 10^%d profiles: too many",
               (int)floor(log10((double)m) + log10((double)n)));
        return 0;
    }
    size_t end, have = count_rest(&p, &end);
    /* checked before allocating, so a short file cannot claim a huge game */
    if (have != need && !blame_row(&p, n, have, need, m)) {
        if (have < need)
            err_at(&p, end, 0, "the file has %zu numbers after \"%zu %zu\", two %zux%zu "
                   "matrices need %zu", have, m, n, m, n, need);
        else {
            for (size_t i = 0; i < need; i++) lnext(&p);
            err_at(&p, p.off, p.len, "the file has %zu numbers after \"%zu %zu\", two %zux%zu matrices need %zu",
                   have, m, n, m, n, need);
        }
    }
    if (have != need) return 0;
    char why[200];
    if (!lia__reader_table_fits(need, p.n, cap, why, sizeof why)) {
        err_at(&p, hdr, p.last_end - hdr, "%s", why);
        return 0;
    }
    spec_normal g = { 0 };
    g.np = 2;
    g.nprofiles = nprof;
    g.players = lia__reader_ordinals(arena, 2);
    g.ns = lia__arena_array(arena, 2, sizeof *g.ns);
    g.strategies = lia__arena_array(arena, 2, sizeof *g.strategies);
    g.payoffs = lia__arena_array(arena, need, sizeof *g.payoffs);
    if (!g.players || !g.ns || !g.strategies || !g.payoffs) return -1;
    g.ns[0] = m;
    g.ns[1] = n;
    if (!(g.strategies[0] = lia__reader_ordinals(arena, m)) || !(g.strategies[1] = lia__reader_ordinals(arena, n)))
        return -1;
    int ok = 1;
    for (size_t k = 0; k < need; k++, lnext(&p)) {
        char q[80];
        lia_num v;
        int rc = lia__reader_number(p.t + p.off, p.len, &v);
        lia__reader_quote(q, sizeof q, p.t + p.off, p.len);
        if (rc == LIA_RNUM_DIVZERO) err_at(&p, p.off, p.len, "division by zero in %s", q);
        else if (rc == LIA_RNUM_RANGE) err_at(&p, p.off, p.len, "number %s is out of range (numbers must lie strictly within +-1e300)", q);
        else if (rc != LIA_RNUM_OK) expected(&p, "a number");
        if (rc != LIA_RNUM_OK) { ok = 0; continue; }
        /* the file is row-major per matrix; the layout puts player 1's strategy fastest */
        size_t player = k / nprof, cell = k % nprof, i = cell / n, j = cell % n;
        g.payoffs[player * nprof + i + m * j] = v;
    }
    if (!ok) return 0;
    return lia__reader_finish(out, arena, s, src, name, NULL, &g);
}

int lia__read_lrs(lia_spec *out, struct lia_arena *arena, const lia_sources *s, uint32_t src, lia_diags *d,
                 const char *name, size_t cap)
{
    int oom = d->oom, rc = read_lrs(out, arena, s, src, d, name, cap);
    /* a failure whose diagnostic could not be recorded must not pass for success */
    return rc == 0 && !out->ngames && d->oom && !oom ? -1 : rc;
}

int lia__looks_like_lrs(const char *text, size_t len)
{
    lrs p = { 0 };
    p.t = text;
    p.n = len;
    p.bol = 1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) p.pos = 3;
    lnext(&p);
    if (p.eof) return 0;
    for (size_t i = 0; i < p.len; i++)
        if (p.t[p.off + i] < '0' || p.t[p.off + i] > '9') return 0;
    return 1;
}
