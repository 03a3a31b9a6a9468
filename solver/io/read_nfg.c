/* read_nfg.c — reads Gambit strategic-form files (.nfg, payoff and outcome forms) into a spec,
 * plus the number syntax and helpers the lrs reader shares. */
#include "readers.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include "../util/utf8.h"
#include "../game/game.h"
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- shared with read_lrs.c ------------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Approximate value of a literal already known to be well formed. Only reached for literals far
 * outside int64, where the result is inexact anyway; avoids strtod, whose decimal point follows
 * the host program's locale. */
static double approx_literal(const char *s, size_t n)
{
    uint64_t m = 0;
    long e = 0, exp = 0;
    int kept = 0, frac = 0;
    size_t i = 0;
    for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] == '.') { frac = 1; continue; }
        int dgt = s[i] - '0';
        if (kept < 19) {
            m = m * 10 + (uint64_t)dgt;
            if (m) kept++;
            if (frac) e--;
        } else if (!frac) {
            e++;
        }
    }
    if (i < n) {
        int neg = 0;
        i++;
        if (s[i] == '+' || s[i] == '-') neg = s[i++] == '-';
        for (; i < n; i++)
            if (exp < 100000) exp = exp * 10 + (s[i] - '0');
        if (neg) exp = -exp;
    }
    return (double)m * pow(10.0, (double)(e + exp));
}

static int parse_literal(const char *s, size_t n, lia_num *out);

/* Gambit also writes decimals without digits on one side of the point (".5", "2.", "2.e3"):
 * the same literal with the missing zero put back, or 0 if it is not of that form. */
static int parse_bare_point(const char *s, size_t n, lia_num *out)
{
    const char *dot = memchr(s, '.', n);
    if (!dot) return 0;
    size_t at = (size_t)(dot - s);
    int before = at > 0 && is_digit(s[at - 1]), after = at + 1 < n && is_digit(s[at + 1]);
    if ((before && after) || (!before && !after) || n + 2 > 256) return 0;
    char buf[256];
    size_t w = 0;
    if (!before) buf[w++] = '0';
    memcpy(buf + w, s, at + 1);
    w += at + 1;
    if (!after) buf[w++] = '0';
    memcpy(buf + w, s + at + 1, n - at - 1);
    w += n - at - 1;
    return parse_literal(buf, w, out);
}

/* An unsigned decimal literal. lia__num_parse overflows its 128-bit intermediate when many digits
 * meet a positive exponent ("9999...9e18"), so literals that cannot be exact go around it. */
static int parse_literal(const char *s, size_t n, lia_num *out)
{
    if (parse_bare_point(s, n, out)) return 1;
    size_t i = 0, sig = 0;
    while (i < n && is_digit(s[i])) { if (sig || s[i] != '0') sig++; i++; }
    if (i == 0) return 0;
    if (i < n && s[i] == '.') {
        size_t f = ++i;
        while (i < n && is_digit(s[i])) { if (sig || s[i] != '0') sig++; i++; }
        if (i == f) return 0;
    }
    long exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int neg = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        size_t e = i;
        while (i < n && is_digit(s[i])) { if (exp < 100000) exp = exp * 10 + (s[i] - '0'); i++; }
        if (i == e) return 0;
        if (neg) exp = -exp;
    }
    if (i != n) return 0;
    if (sig + (size_t)(exp > 0 ? exp : 0) <= 36) return lia__num_parse(s, n, out);
    *out = lia__num_double(approx_literal(s, n));
    return 1;
}

int lia__reader_number(const char *t, size_t len, lia_num *out)
{
    size_t i = 0;
    int neg = 0;
    if (len && (t[0] == '-' || t[0] == '+')) { neg = t[0] == '-'; i = 1; }
    const char *slash = memchr(t + i, '/', len - i);
    size_t nlen = slash ? (size_t)(slash - (t + i)) : len - i;
    lia_num a;
    if (!parse_literal(t + i, nlen, &a)) return LIA_RNUM_BAD;
    if (slash) {
        size_t off = i + nlen + 1;
        lia_num b;
        if (!parse_literal(t + off, len - off, &b)) return LIA_RNUM_BAD;
        if (lia__num_is_zero(b)) return LIA_RNUM_DIVZERO;
        a = lia__num_div(a, b);
    }
    if (!(fabs(a.v) < LIA_NUM_LIMIT)) return LIA_RNUM_RANGE;   /* as in .lia: see LIA_NUM_LIMIT */
    if (neg && !lia__num_is_zero(a)) a = lia__num_neg(a);   /* no "-0" */
    *out = a;
    return LIA_RNUM_OK;
}

int lia__reader_table_fits(size_t cells, size_t text_len, size_t cap, char *msg, size_t msgcap)
{
    size_t bytes;
    if (lia__size_mul(cells, sizeof(lia_num), &bytes) && bytes <= cap && text_len <= cap - bytes) return 1;
    char need[32], have[32];
    lia__format_bytes(need, sizeof need, (double)cells * (double)sizeof(lia_num) + (double)text_len);
    lia__format_bytes(have, sizeof have, (double)cap);
    snprintf(msg, msgcap, "the game's %zu payoffs would need %s as exact numbers (with the file's text), over "
             "the memory cap of %s (raise the cap, or make the game smaller)", cells, need, have);
    return 0;
}

void lia__reader_quote(char *buf, size_t cap, const char *t, size_t len)
{
    enum { SHOW = 24 };
    size_t w = 0;
    if (cap < 16) { if (cap) buf[0] = 0; return; }
    buf[w++] = '\'';
    for (size_t i = 0; i < len && i < SHOW && w + 8 < cap; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 0x20 && c < 0x7f) buf[w++] = (char)c;
        else w += (size_t)snprintf(buf + w, cap - w, "\\x%02X", c);
    }
    if (len > SHOW && w + 5 < cap) { memcpy(buf + w, "...", 3); w += 3; }
    buf[w++] = '\'';
    buf[w] = 0;
}

int lia__reader_count(const char *t, size_t len, size_t *out)
{
    if (len == 0 || len > 18) return 0;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (!is_digit(t[i])) return 0;
        v = v * 10 + (uint64_t)(t[i] - '0');
    }
    if (v > SIZE_MAX) return 0;
    *out = (size_t)v;
    return 1;
}

const char **lia__reader_ordinals(struct lia_arena *a, size_t n)
{
    const char **v = lia__arena_array(a, n, sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < n; i++) {
        char num[24];
        int w = snprintf(num, sizeof num, "%zu", i + 1);
        if (!(v[i] = lia__arena_strndup(a, num, (size_t)w))) return NULL;
    }
    return v;
}

int lia__reader_finish(lia_spec *out, struct lia_arena *a, const lia_sources *s, uint32_t src,
                       const char *name, const char *title, const spec_normal *g)
{
    spec_game *game = lia__arena_alloc(a, sizeof *game);
    if (!name) name = "";
    const char *nm = lia__arena_strndup(a, name, strlen(name));
    if (!game || !nm) return -1;
    game->name = nm;
    game->span = lia__span_at(s, src, 0, 0);
    game->kind = LIA_KIND_NORMAL;
    game->normal = *g;
    out->title = title;
    out->ngames = 1;
    out->games = game;
    return 0;
}

/* ---- the .nfg reader ---------------------------------------------------------------------- */

typedef enum { T_EOF, T_LBRACE, T_RBRACE, T_COMMA, T_STRING, T_WORD } tkind;

typedef struct nfg {
    const char *t;
    size_t n, pos;
    tkind k;                 /* current token */
    size_t off, len;
    size_t last_end;         /* end of the last token consumed: where end-of-file errors point */
    int quiet;               /* counting pass: the lexer reports nothing */
    int dead;                /* an unterminated string was reported; suppress follow-on errors */
    int oom;
    lia_arena *a;
    const lia_sources *s;
    uint32_t src;
    lia_diags *d;
    size_t cap;              /* bytes the payoff table may take (lia__reader_table_fits) */
} nfg;

/* A growable array in the arena: the old block is abandoned on growth, at most doubling use. */
typedef struct avec {
    void *v;
    size_t n, cap, size;
} avec;

static int push(nfg *p, avec *v, const void *item)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        void *nv = cap > v->cap ? lia__arena_array(p->a, cap, v->size) : NULL;
        if (!nv) { p->oom = 1; return 0; }
        if (v->n) memcpy(nv, v->v, v->n * v->size);
        v->v = nv;
        v->cap = cap;
    }
    memcpy((char *)v->v + v->n * v->size, item, v->size);
    v->n++;
    return 1;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

#define err_at(p, off, len, ...) lia__diags_error_at((p)->d, (p)->s, (p)->src, (off), (len), __VA_ARGS__)

static void next(nfg *p)
{
    if (p->k != T_EOF) p->last_end = p->off + p->len;
    while (p->pos < p->n && is_space(p->t[p->pos])) p->pos++;
    p->off = p->pos;
    p->len = 1;
    if (p->pos >= p->n) { p->k = T_EOF; p->len = 0; return; }
    char c = p->t[p->pos];
    if (c == '{' || c == '}' || c == ',') {
        p->k = c == '{' ? T_LBRACE : c == '}' ? T_RBRACE : T_COMMA;
        p->pos++;
        return;
    }
    if (c == '"') {
        size_t i = p->pos + 1;
        while (i < p->n && p->t[i] != '"') i += (p->t[i] == '\\' && i + 1 < p->n) ? 2 : 1;
        if (i >= p->n) {
            if (!p->quiet && !p->dead)
                err_at(p, p->off, 1, "unterminated string: no closing '\"' before the end of the file");
            if (!p->quiet) p->dead = 1;
            p->k = T_EOF;
            p->len = 0;
            p->pos = p->off = p->n;
            return;
        }
        p->k = T_STRING;
        p->len = i + 1 - p->off;
        p->pos = i + 1;
        return;
    }
    while (p->pos < p->n && !is_space(p->t[p->pos]) && !memchr("{},\"", p->t[p->pos], 4)) p->pos++;
    p->k = T_WORD;
    p->len = p->pos - p->off;
}

static int word_is(const nfg *p, const char *w)
{
    return p->k == T_WORD && p->len == strlen(w) && memcmp(p->t + p->off, w, p->len) == 0;
}

static int all_digits(const nfg *p)
{
    if (p->k != T_WORD) return 0;
    for (size_t i = 0; i < p->len; i++)
        if (!is_digit(p->t[p->off + i])) return 0;
    return 1;
}

/* "expected X, found Y" at the current token (after the last token when at end of file). */
static void expected(nfg *p, const char *what)
{
    if (p->dead) return;
    char q[80];
    if (p->k == T_EOF) {
        err_at(p, p->last_end, 0, "expected %s, found end of file", what);
        return;
    }
    lia__reader_quote(q, sizeof q, p->t + p->off, p->len);
    err_at(p, p->off, p->len, "expected %s, found %s%s", what, p->k == T_STRING ? "the string " : "", q);
}

/* Tokens from the current one to the end of the file (the lexer state is restored). */
static size_t count_rest(nfg *p)
{
    nfg save = *p;
    size_t k = 0;
    p->quiet = 1;
    while (p->k != T_EOF) { k++; next(p); }
    *p = save;
    return k;
}

static char *string_value(nfg *p)
{
    const char *q = p->t + p->off + 1;
    size_t n = p->len - 2, j = 0;
    /* names and titles reach JSON, which is UTF-8: other bytes are diagnosed where they stand */
    size_t bad = lia__utf8_invalid_at(q, n);
    if (bad < n) {
        err_at(p, p->off + 1 + bad, 1, "byte 0x%02X in a string is not UTF-8 (save the file as UTF-8)",
               (unsigned char)q[bad]);
        return NULL;
    }
    char *r = lia__arena_alloc(p->a, n + 1);
    if (!r) { p->oom = 1; return NULL; }
    for (size_t i = 0; i < n; i++) {
        if (q[i] == '\\' && i + 1 < n) i++;   /* \" and \\ (and any \c) stand for the character */
        r[j++] = q[i];
    }
    r[j] = 0;
    return r;
}

/* The current word as a number; diagnosed and 0 if it is not one. */
static int number(nfg *p, lia_num *v)
{
    char q[80];
    int rc = p->k == T_WORD ? lia__reader_number(p->t + p->off, p->len, v) : LIA_RNUM_BAD;
    if (rc == LIA_RNUM_OK) return 1;
    lia__reader_quote(q, sizeof q, p->t + p->off, p->len);
    if (rc == LIA_RNUM_DIVZERO) err_at(p, p->off, p->len, "division by zero in %s", q);
    else if (rc == LIA_RNUM_RANGE) err_at(p, p->off, p->len, "number %s is out of range (numbers must lie strictly within +-1e300)", q);
    else expected(p, "a number");
    return 0;
}

static int header(nfg *p, char **title)
{
    if (!word_is(p, "NFG")) { expected(p, "'NFG' at the start of a Gambit strategic-form file"); return 0; }
    next(p);
    if (!word_is(p, "1")) { expected(p, "the format version 1 after 'NFG'"); return 0; }
    next(p);
    if (!word_is(p, "R") && !word_is(p, "D")) { expected(p, "'R' or 'D' after the version"); return 0; }
    next(p);
    if (p->k != T_STRING) { expected(p, "the game's title in quotes"); return 0; }
    if (!(*title = string_value(p))) return 0;
    next(p);
    return 1;
}

static int players(nfg *p, avec *names)
{
    if (p->k != T_LBRACE) { expected(p, "'{' to open the list of player names"); return 0; }
    size_t open = p->off;
    next(p);
    while (p->k == T_STRING) {
        char *s = string_value(p);
        if (!s || !push(p, names, &s)) return 0;
        next(p);
    }
    if (p->k != T_RBRACE) { expected(p, "a player name in quotes or '}'"); return 0; }
    if (!names->n) { err_at(p, open, p->off + 1 - open, "the game has no players"); return 0; }
    next(p);
    return 1;
}

typedef struct strat {
    size_t ns;
    const char **names;       /* NULL when only the count is given */
    size_t off, len;
} strat;

/* { { "a" "b" } { "x" "y" } } or { 2 2 }; *span_off/len cover the whole list for later errors. */
static int strategies(nfg *p, size_t np, const char **pnames, avec *out, size_t *span_off, size_t *span_len)
{
    if (p->k != T_LBRACE) { expected(p, "'{' to open the strategy list"); return 0; }
    size_t open = p->off;
    next(p);
    while (p->k != T_RBRACE) {
        strat e = { 0, NULL, p->off, p->len };
        if (p->k == T_LBRACE) {
            avec nm = { NULL, 0, 0, sizeof(char *) };
            next(p);
            while (p->k == T_STRING) {
                char *s = string_value(p);
                if (!s || !push(p, &nm, &s)) return 0;
                next(p);
            }
            if (p->k != T_RBRACE) { expected(p, "a strategy name in quotes or '}'"); return 0; }
            e.ns = nm.n;
            e.names = nm.v;
            e.len = p->off + 1 - e.off;
        } else if (all_digits(p) && !lia__reader_count(p->t + p->off, p->len, &e.ns)) {
            char q[80];
            lia__reader_quote(q, sizeof q, p->t + p->off, p->len);
            err_at(p, p->off, p->len, "strategy count %s is too large", q);
            return 0;
        } else if (!all_digits(p)) {
            expected(p, out->n < np ? "'{' with a player's strategy names, or a strategy count"
                                    : "'}' to close the strategy list");
            return 0;
        }
        if (!push(p, out, &e)) return 0;
        next(p);
    }
    *span_off = open;
    *span_len = p->off + 1 - open;
    int ok = 1;
    if (out->n != np) {
        err_at(p, open, *span_len, "the strategy list has %zu entr%s, the game has %zu player%s", out->n,
               out->n == 1 ? "y" : "ies", np, np == 1 ? "" : "s");
        ok = 0;
    }
    for (size_t i = 0; i < out->n && i < np; i++) {
        const strat *e = &((const strat *)out->v)[i];
        if (e->ns) continue;
        char q[80];
        lia__reader_quote(q, sizeof q, pnames[i], strlen(pnames[i]));
        err_at(p, e->off, e->len, "player %s has no strategies", q);
        ok = 0;
    }
    next(p);
    return ok;
}

/* The payoff-form body: nprofiles * np numbers, first player's strategy fastest, player-minor. */
static int payoff_list(nfg *p, spec_normal *g)
{
    size_t need = g->nprofiles * g->np, have = count_rest(p), i = 0;
    int ok = 1;
    char why[200];
    if (need <= have && !lia__reader_table_fits(need, p->n, p->cap, why, sizeof why)) {
        err_at(p, p->off, p->len, "%s", why);
        return 0;
    }
    /* a file too short for the game is diagnosed without allocating what it claims */
    if (need <= have && !(g->payoffs = lia__arena_array(p->a, need, sizeof *g->payoffs))) { p->oom = 1; return 0; }
    for (; p->k != T_EOF; i++, next(p)) {
        if (i == need) {
            err_at(p, p->off, p->len, "the payoff list has %zu numbers, the game needs %zu", have, need);
            return 0;
        }
        lia_num v;
        if (!number(p, &v)) { ok = 0; continue; }
        if (g->payoffs) g->payoffs[(i % g->np) * g->nprofiles + i / g->np] = v;
    }
    if (i < need && !p->dead) {
        err_at(p, p->last_end, 0, "the payoff list has %zu numbers, the game needs %zu", have, need);
        return 0;
    }
    return ok && !p->dead;
}

/* The outcome-form body: { { "name" u1, u2 } ... } then one outcome index per profile. */
static int outcome_list(nfg *p, spec_normal *g, size_t span_off, size_t span_len)
{
    avec pay = { NULL, 0, 0, sizeof(lia_num) };
    size_t nout = 0;
    int ok = 1;
    next(p);
    while (p->k == T_LBRACE) {
        size_t open = p->off, c = 0;
        next(p);
        if (p->k == T_STRING) next(p);
        int good = 1;
        for (; p->k == T_WORD || p->k == T_COMMA; next(p)) {
            lia_num v = lia__num_int(0);
            if (p->k == T_COMMA) continue;   /* Gambit separates payoffs by commas or blanks */
            if (!number(p, &v)) good = 0;
            if (!push(p, &pay, &v)) return 0;
            c++;
        }
        if (p->k != T_RBRACE) { expected(p, "a payoff or '}' to close the outcome"); return 0; }
        nout++;
        if (good && c != g->np)
            err_at(p, open, p->off + 1 - open, "outcome %zu has %zu payoff%s, the game has %zu player%s", nout, c,
                   c == 1 ? "" : "s", g->np, g->np == 1 ? "" : "s");
        if (!good || c != g->np) ok = 0;
        next(p);
    }
    if (p->k != T_RBRACE) { expected(p, "'{' to start an outcome or '}' to close the outcome list"); return 0; }
    next(p);
    if (!ok) return 0;
    size_t have = count_rest(p), cells = g->nprofiles * g->np, i = 0;
    if (g->nprofiles <= have) {
        char why[200];
        if (!lia__reader_table_fits(cells, p->n, p->cap, why, sizeof why)) {
            err_at(p, span_off, span_len, "%s", why);
            return 0;
        }
        if (!(g->payoffs = lia__arena_array(p->a, cells, sizeof *g->payoffs))) { p->oom = 1; return 0; }
    }
    const lia_num *u = pay.v;
    for (; p->k != T_EOF; i++, next(p)) {
        char q[80];
        size_t k;
        if (i == g->nprofiles) {
            err_at(p, p->off, p->len, "the list of outcome indices has %zu entries, the game has %zu profiles",
                   have, g->nprofiles);
            return 0;
        }
        lia__reader_quote(q, sizeof q, p->t + p->off, p->len);
        if (!all_digits(p)) {
            expected(p, "an outcome index");
            ok = 0;
            continue;
        }
        /* a run of digits too long to count is still an index, just far out of range */
        if (!lia__reader_count(p->t + p->off, p->len, &k) || k > nout) {
            err_at(p, p->off, p->len, "outcome index %s out of range 0..%zu", q, nout);
            ok = 0;
            continue;
        }
        for (size_t pl = 0; g->payoffs && pl < g->np; pl++)
            g->payoffs[pl * g->nprofiles + i] = k ? u[(k - 1) * g->np + pl] : lia__num_int(0);
    }
    if (i < g->nprofiles && !p->dead) {
        err_at(p, p->last_end, 0, "the list of outcome indices has %zu entries, the game has %zu profiles", have,
               g->nprofiles);
        return 0;
    }
    return ok && !p->dead;
}

/* Sizes, names and the body once the player list is known. */
static int game_body(nfg *p, spec_normal *g, avec *pnames)
{
    avec st = { NULL, 0, 0, sizeof(strat) };
    size_t span_off = 0, span_len = 0;
    g->np = pnames->n;
    g->players = pnames->v;
    if (!strategies(p, g->np, g->players, &st, &span_off, &span_len)) return 0;
    const strat *e = st.v;
    int over = 0;
    double lg = 0;
    g->nprofiles = 1;
    for (size_t i = 0; i < g->np; i++) {
        if (!lia__size_mul(g->nprofiles, e[i].ns, &g->nprofiles)) over = 1;
        lg += log10((double)e[i].ns);
    }
    size_t cells;
    if (over || !lia__size_mul(g->nprofiles, g->np, &cells)) {
        err_at(p, span_off, span_len, "the game has more than 10^%d profiles: too many", (int)floor(lg));
        return 0;
    }
    if (p->k == T_STRING) next(p);   /* the optional comment */
    if (!(p->k == T_LBRACE ? outcome_list(p, g, span_off, span_len) : payoff_list(p, g))) return 0;
    /* names are made only now: a count like { 1000000 2 } was checked against the file's size */
    g->ns = lia__arena_array(p->a, g->np, sizeof *g->ns);
    g->strategies = lia__arena_array(p->a, g->np, sizeof *g->strategies);
    if (!g->ns || !g->strategies) { p->oom = 1; return 0; }
    for (size_t i = 0; i < g->np; i++) {
        g->ns[i] = e[i].ns;
        g->strategies[i] = e[i].names ? e[i].names : lia__reader_ordinals(p->a, e[i].ns);
        if (!g->strategies[i]) { p->oom = 1; return 0; }
    }
    return 1;
}

int lia__read_nfg(lia_spec *out, struct lia_arena *arena, const lia_sources *s, uint32_t src, lia_diags *d,
                 const char *name, size_t cap)
{
    memset(out, 0, sizeof *out);
    int oom = d->oom;
    nfg p = { 0 };
    p.t = s->items[src].text;
    p.n = s->items[src].len;
    p.a = arena;
    p.s = s;
    p.src = src;
    p.d = d;
    p.cap = cap;
    if (p.n >= 3 && memcmp(p.t, "\xEF\xBB\xBF", 3) == 0) p.pos = 3;   /* a UTF-8 byte-order mark */
    next(&p);
    char *title = NULL;
    avec pnames = { NULL, 0, 0, sizeof(char *) };
    spec_normal g = { 0 };
    if (header(&p, &title) && players(&p, &pnames) && game_body(&p, &g, &pnames))
        return lia__reader_finish(out, arena, s, src, name, title, &g);
    /* a failure whose diagnostic could not be recorded must not pass for success */
    return p.oom || (d->oom && !oom) ? -1 : 0;
}

int lia__looks_like_nfg(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && is_space(text[i])) i++;
    if (len - i < 3 || memcmp(text + i, "NFG", 3) != 0) return 0;
    return len - i == 3 || is_space(text[i + 3]);
}
