/* parser.c — recursive descent over .lia tokens into the AST; on an error it reports, skips to
 * the end of the statement and carries on, so one run shows every syntax error of a file. */
#include "parser.h"
#include "lexer.h"
#include "../util/arena.h"
#include "../util/mem.h"
#include "../util/suggest.h"
#include <stdio.h>
#include <string.h>

typedef struct parser {
    lia_lexer lx;
    lia_arena *arena;
    const lia_sources *sources;
    lia_diags *diags;
    lia_token tok, peek;
    int has_peek;
    int oom;
    int matrix_mode;  /* inside [ ]: `3 -1` is two entries */
    int depth;        /* open parentheses and unary signs being parsed */
    uint32_t stmt_line; /* line where the current statement or item began */
} parser;

/* ---- small growable vectors (malloc'd while parsing, copied into the arena at the end) ---- */

typedef struct vec { void *data; size_t n, cap; } vec;

static void *vec_push(parser *p, vec *v, size_t size)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4, bytes;
        if (!lia__size_mul(cap, size, &bytes)) { p->oom = 1; return NULL; }
        void *d = lia__realloc(v->data, bytes);
        if (!d) { p->oom = 1; return NULL; }
        v->data = d;
        v->cap = cap;
    }
    return (char *)v->data + size * v->n++;
}

static void *vec_finish(parser *p, vec *v, size_t size, size_t *n)
{
    void *out = NULL;
    *n = v->n;
    if (v->n) {
        out = lia__arena_array(p->arena, v->n, size);
        if (out) memcpy(out, v->data, v->n * size);
        else p->oom = 1;
    }
    lia__free(v->data);
    v->data = NULL;
    v->n = v->cap = 0;
    return out;
}

/* ---- tokens ---- */

static void next(parser *p)
{
    if (p->has_peek) { p->tok = p->peek; p->has_peek = 0; return; }
    p->tok = lia__lexer_next(&p->lx);
    if (p->lx.oom) p->oom = 1;
}

static const lia_token *peek(parser *p)
{
    if (!p->has_peek) { p->peek = lia__lexer_next(&p->lx); p->has_peek = 1; if (p->lx.oom) p->oom = 1; }
    return &p->peek;
}

static int is_kw(const lia_token *t, const char *kw)
{
    return t->kind == TK_IDENT && strlen(kw) == t->text_len && memcmp(t->text, kw, t->text_len) == 0;
}

static int at_stmt_end(const parser *p)
{
    lia_tok_kind k = p->tok.kind;
    return k == TK_NEWLINE || k == TK_SEMI || k == TK_RBRACE || k == TK_EOF;
}

static void describe_found(const parser *p, const lia_token *t, char *buf, size_t cap)
{
    if (t->kind == TK_IDENT || t->kind == TK_NUMBER) {
        const char *text = p->sources->items[t->span.src].text + t->span.off;
        int n = t->span.len > 40 ? 40 : (int)t->span.len;
        snprintf(buf, cap, "'%.*s'", n, text);
    } else {
        snprintf(buf, cap, "%s", lia__tok_describe(t->kind));
    }
}

static void error_expected(parser *p, const char *what)
{
    char found[64];
    describe_found(p, &p->tok, found, sizeof found);
    lia_span sp = p->tok.span;
    if (p->tok.kind == TK_NEWLINE) sp.len = 0;
    lia__diags_add(p->diags, p->sources, LIA_ERROR, sp, "expected %s, found %s", what, found);
}

/* After an error inside an unclosed ( or [, the lexer has been joining lines; stop that, and
 * if the current token already sits on a later line, it starts the next statement. */
static int reset_brackets(parser *p)
{
    if (p->lx.depth == 0) return 0;
    p->lx.depth = 0;
    return p->tok.span.line > p->stmt_line;
}

/* Skip to the end of the current statement; leaves '}' and EOF in place. */
static void sync_stmt(parser *p)
{
    if (reset_brackets(p)) return;
    int depth = 0;
    while (p->tok.kind != TK_EOF) {
        if (depth == 0 && (p->tok.kind == TK_NEWLINE || p->tok.kind == TK_SEMI)) { next(p); return; }
        if (p->tok.kind == TK_LBRACE) depth++;
        if (p->tok.kind == TK_RBRACE) {
            if (depth == 0) return;
            depth--;
        }
        next(p);
    }
}

static int expect(parser *p, lia_tok_kind k, const char *what)
{
    if (p->tok.kind == k) { next(p); return 1; }
    error_expected(p, what);
    return 0;
}

static int ident(parser *p, lia_ident *out, const char *what)
{
    if (p->tok.kind != TK_IDENT) { error_expected(p, what); return 0; }
    out->s = lia__arena_strndup(p->arena, p->tok.text, p->tok.text_len);
    if (!out->s) { p->oom = 1; return 0; }
    out->len = p->tok.text_len;
    out->span = p->tok.span;
    next(p);
    return 1;
}

/* ---- expressions ---- */

/* Deeper expressions than this are refused: the parser and the evaluator recurse on them. */
enum { MAX_EXPR_HEIGHT = 256 };

static int too_deep(parser *p, lia_expr *e)
{
    if (e->height <= MAX_EXPR_HEIGHT) return 0;
    lia__diags_add(p->diags, p->sources, LIA_ERROR, e->span, "expression nested too deeply (more than %d levels)",
                  MAX_EXPR_HEIGHT);
    return 1;
}

static lia_expr *new_expr(parser *p, lia_expr_kind k, lia_span sp)
{
    lia_expr *e = lia__arena_alloc(p->arena, sizeof *e);
    if (!e) { p->oom = 1; return NULL; }
    e->kind = k;
    e->span = sp;
    return e;
}

static lia_span join(lia_span a, lia_span b)
{
    if (b.off + b.len > a.off + a.len) a.len = b.off + b.len - a.off;
    return a;
}

static lia_expr *expr(parser *p);

/* primary := NUMBER | '(' expr ')' | ('min' | 'max') '(' expr (',' expr)* ')' | NAME
 * (NAME may be a dotted path where the lexer allows it). Nesting is bounded by MAX_EXPR_HEIGHT. */
static lia_expr *primary(parser *p)
{
    lia_token t = p->tok;
    if (t.kind == TK_NUMBER) {
        lia_expr *e = new_expr(p, EX_NUM, t.span);
        if (e) e->num = t.num;
        next(p);
        return e;
    }
    if (t.kind == TK_LPAREN) {
        if (++p->depth > MAX_EXPR_HEIGHT) {
            lia__diags_add(p->diags, p->sources, LIA_ERROR, t.span, "expression nested too deeply (more than %d levels)",
                          MAX_EXPR_HEIGHT);
            p->depth--;
            return NULL;
        }
        int saved = p->matrix_mode;
        p->matrix_mode = 0;
        next(p);
        lia_expr *e = expr(p);
        p->matrix_mode = saved;
        p->depth--;
        if (!e) return NULL;
        if (p->tok.kind != TK_RPAREN) {
            if (p->tok.span.line != t.span.line)
                lia__diags_add(p->diags, p->sources, LIA_ERROR, t.span, "this '(' is never closed");
            else
                error_expected(p, "')'");
            return NULL;
        }
        e->span = join(t.span, p->tok.span);
        next(p);
        return e;
    }
    if (t.kind == TK_IDENT) {
        int is_min = is_kw(&t, "min"), is_max = is_kw(&t, "max");
        if ((is_min || is_max) && peek(p)->kind == TK_LPAREN) {
            if (p->depth + 1 > MAX_EXPR_HEIGHT) {
                lia__diags_add(p->diags, p->sources, LIA_ERROR, t.span,
                              "expression nested too deeply (more than %d levels)", MAX_EXPR_HEIGHT);
                return NULL;
            }
            lia_expr *e = new_expr(p, is_min ? EX_MIN : EX_MAX, t.span);
            if (!e) return NULL;
            next(p);
            next(p);
            p->depth++;
            int saved = p->matrix_mode;
            p->matrix_mode = 0;
            vec args = { 0 };
            for (;;) {
                lia_expr *a = expr(p);
                if (!a) { lia__free(args.data); p->matrix_mode = saved; p->depth--; return NULL; }
                if (a->height >= e->height) e->height = a->height + 1;
                lia_expr **slot = vec_push(p, &args, sizeof a);
                if (!slot) { lia__free(args.data); p->matrix_mode = saved; p->depth--; return NULL; }
                *slot = a;
                if (p->tok.kind == TK_COMMA) { next(p); continue; }
                break;
            }
            p->matrix_mode = saved;
            p->depth--;
            e->args = vec_finish(p, &args, sizeof(lia_expr *), &e->nargs);
            if (p->tok.kind != TK_RPAREN) { error_expected(p, "',' or ')'"); return NULL; }
            e->span = join(e->span, p->tok.span);
            next(p);
            return e;
        }
        lia_expr *e = new_expr(p, EX_NAME, t.span);
        if (!e) return NULL;
        if (!ident(p, &e->name, "a name")) return NULL;
        return e;
    }
    error_expected(p, "a number or expression");
    return NULL;
}

/* unary := ('-' | '+') unary | primary */
static lia_expr *unary(parser *p)
{
    if (p->tok.kind == TK_MINUS || p->tok.kind == TK_PLUS) {
        lia_token t = p->tok;
        next(p);
        if (++p->depth > MAX_EXPR_HEIGHT) {
            lia__diags_add(p->diags, p->sources, LIA_ERROR, t.span, "expression nested too deeply (more than %d levels)",
                          MAX_EXPR_HEIGHT);
            p->depth--;
            return NULL;
        }
        lia_expr *a = unary(p);
        p->depth--;
        if (!a) return NULL;
        if (t.kind == TK_PLUS) return a;
        lia_expr *e = new_expr(p, EX_NEG, join(t.span, a->span));
        if (e) { e->a = a; e->height = a->height + 1; }
        return e;
    }
    return primary(p);
}

static lia_expr *binary_node(parser *p, lia_expr_kind k, lia_expr *a, lia_expr *b)
{
    lia_expr *e = new_expr(p, k, join(a->span, b->span));
    if (!e) return NULL;
    e->a = a;
    e->b = b;
    e->height = (a->height > b->height ? a->height : b->height) + 1;
    return too_deep(p, e) ? NULL : e;
}

/* term := unary (('*' | '/') unary)*   (left-associative) */
static lia_expr *term(parser *p)
{
    lia_expr *a = unary(p);
    while (a && (p->tok.kind == TK_STAR || p->tok.kind == TK_SLASH)) {
        lia_expr_kind k = p->tok.kind == TK_STAR ? EX_MUL : EX_DIV;
        next(p);
        lia_expr *b = unary(p);
        if (!b) return NULL;
        a = binary_node(p, k, a, b);
    }
    return a;
}

/* In a matrix, `3 -1` is two entries (MATLAB's rule): a sign with space before it and none
 * after it starts a new entry. */
static int sign_starts_entry(parser *p)
{
    if (!p->matrix_mode || !p->tok.space_before) return 0;
    return !peek(p)->space_before;
}

/* expr := term (('+' | '-') term)*   (left-associative; inside a matrix a spaced sign that
 * touches its number starts a new entry instead, see sign_starts_entry) */
static lia_expr *expr(parser *p)
{
    lia_expr *a = term(p);
    while (a && (p->tok.kind == TK_PLUS || p->tok.kind == TK_MINUS) && !sign_starts_entry(p)) {
        lia_expr_kind k = p->tok.kind == TK_PLUS ? EX_ADD : EX_SUB;
        next(p);
        lia_expr *b = term(p);
        if (!b) return NULL;
        a = binary_node(p, k, a, b);
    }
    return a;
}

/* ---- statement pieces ---- */

/* ident_list := NAME (',' NAME)*, or NAME NAME ... when commas are not required */
static int ident_list(parser *p, lia_stmt *s, int commas_required, const char *what)
{
    vec v = { 0 };
    for (;;) {
        lia_ident *slot = vec_push(p, &v, sizeof *slot);
        if (!slot || !ident(p, slot, what)) { lia__free(v.data); return 0; }
        if (p->tok.kind == TK_COMMA) { next(p); continue; }
        if (!commas_required && p->tok.kind == TK_IDENT) continue;
        break;
    }
    s->names = vec_finish(p, &v, sizeof(lia_ident), &s->nnames);
    return !p->oom;
}

/* expr_list := expr (',' expr)* */
static int expr_list(parser *p, lia_stmt *s)
{
    vec v = { 0 };
    for (;;) {
        lia_expr *e = expr(p);
        lia_expr **slot = e ? vec_push(p, &v, sizeof e) : NULL;
        if (!slot) { lia__free(v.data); return 0; }
        *slot = e;
        if (p->tok.kind == TK_COMMA) { next(p); continue; }
        break;
    }
    s->exprs = vec_finish(p, &v, sizeof(lia_expr *), &s->nexprs);
    return !p->oom;
}

/* pair_list := NAME expr (',' NAME expr)*   (`need sigint 1, humint 0.5`) */
static int pair_list(parser *p, lia_stmt *s, const char *what)
{
    vec v = { 0 };
    for (;;) {
        lia_pair *slot = vec_push(p, &v, sizeof *slot);
        if (!slot || !ident(p, &slot->name, what)) { lia__free(v.data); return 0; }
        slot->value = expr(p);
        if (!slot->value) { lia__free(v.data); return 0; }
        if (p->tok.kind == TK_COMMA) { next(p); continue; }
        break;
    }
    s->pairs = vec_finish(p, &v, sizeof(lia_pair), &s->npairs);
    return !p->oom;
}

/* single_expr := expr */
static int single_expr(parser *p, lia_stmt *s)
{
    lia_expr *e = expr(p);
    if (!e) return 0;
    s->exprs = lia__arena_alloc(p->arena, sizeof e);
    if (!s->exprs) { p->oom = 1; return 0; }
    s->exprs[0] = e;
    s->nexprs = 1;
    return 1;
}

/* arrow_pair := NAME '->' NAME   (sender, receiver) */
static int arrow_pair(parser *p, lia_stmt *s)
{
    return ident(p, &s->a, "the sending party") && expect(p, TK_ARROW, "'->'") &&
           ident(p, &s->b, "the receiving party");
}

/* facility := NAME ( 'cost' expr | 'value' expr
 *                  | 'split' ('equal' | 'proportional' | pair_list) )*   (each at most once) */
static int facility(parser *p, lia_stmt *s)
{
    if (!ident(p, &s->a, "the facility's name")) return 0;
    int seen_split = 0;
    while (!at_stmt_end(p)) {
        if (is_kw(&p->tok, "cost") || is_kw(&p->tok, "value")) {
            int is_cost = is_kw(&p->tok, "cost");
            lia_expr **slot = is_cost ? &s->cost : &s->value;
            if (*slot) {
                lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span, "facility '%s' gives '%s' twice",
                              s->a.s, is_cost ? "cost" : "value");
                return 0;
            }
            next(p);
            *slot = expr(p);
            if (!*slot) return 0;
        } else if (is_kw(&p->tok, "split")) {
            if (seen_split) {
                lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span, "facility '%s' gives 'split' twice", s->a.s);
                return 0;
            }
            seen_split = 1;
            s->split_span = p->tok.span;
            next(p);
            const lia_token *after = peek(p);
            int lone = after->kind == TK_NEWLINE || after->kind == TK_SEMI || after->kind == TK_RBRACE ||
                       after->kind == TK_EOF || after->kind == TK_IDENT;
            if (is_kw(&p->tok, "equal") && lone) { s->split = SPLIT_EQUAL; s->split_span = p->tok.span; next(p); }
            else if (is_kw(&p->tok, "proportional") && lone) { s->split = SPLIT_PROPORTIONAL; s->split_span = p->tok.span; next(p); }
            else {
                s->split = SPLIT_EXPLICIT;
                if (!pair_list(p, s, "'equal', 'proportional' or a member's share")) return 0;
            }
        } else {
            error_expected(p, "'cost', 'value' or 'split'");
            return 0;
        }
    }
    return 1;
}

/* caveat := ('value' expr | 'disclosure' expr)+   (each at most once) */
static int caveat(parser *p, lia_stmt *s)
{
    int any = 0;
    while (!at_stmt_end(p)) {
        int is_val = is_kw(&p->tok, "value"), is_disc = is_kw(&p->tok, "disclosure");
        if (!is_val && !is_disc) { error_expected(p, "'value' or 'disclosure'"); return 0; }
        lia_expr **slot = is_val ? &s->value : &s->cost;
        if (*slot) {
            lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span, "caveat gives '%s' twice",
                          is_val ? "value" : "disclosure");
            return 0;
        }
        next(p);
        *slot = expr(p);
        if (!*slot) return 0;
        any = 1;
    }
    if (!any) { error_expected(p, "'value' or 'disclosure'"); return 0; }
    return 1;
}

/* suspect := expr 'leak' expr   (`suspect PRIOR leak LEAK`: the belief that the party is
 * penetrated, and its leak if it is) */
static int suspect(parser *p, lia_stmt *s)
{
    if (!(s->value = expr(p))) return 0;
    if (!is_kw(&p->tok, "leak")) {
        error_expected(p, "'leak' after the prior (suspect PRIOR leak LEAK)");
        return 0;
    }
    next(p);
    return (s->cost = expr(p)) != NULL;
}

/* matrix := NAME '[' row (';' row)* ']'   row := expr (','? expr)*   (every row as long as
 * the first; new lines inside the brackets continue the matrix) */
static int matrix(parser *p, lia_stmt *s)
{
    if (!ident(p, &s->a, "the player whose payoffs follow")) return 0;
    lia_span open = p->tok.span;
    if (!expect(p, TK_LBRACK, "'['")) return 0;
    vec v = { 0 };
    size_t rows = 0, cols = 0, in_row = 0;
    p->matrix_mode = 1;
    for (;;) {
        if (p->tok.kind == TK_RBRACK || p->tok.kind == TK_SEMI) {
            if (in_row == 0 && !(p->tok.kind == TK_RBRACK && rows > 0)) {
                lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span, "empty matrix row");
                goto fail;
            }
            if (in_row) {
                if (rows == 0) cols = in_row;
                else if (in_row != cols) {
                    lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span,
                                  "matrix row %zu has %zu entries but row 1 has %zu", rows + 1, in_row, cols);
                    goto fail;
                }
                rows++;
            }
            in_row = 0;
            if (p->tok.kind == TK_RBRACK) { next(p); break; }
            next(p);
            continue;
        }
        if (p->tok.kind == TK_EOF) {
            lia__diags_add(p->diags, p->sources, LIA_ERROR, open, "'[' is never closed");
            goto fail;
        }
        if (p->tok.kind == TK_COMMA && in_row) { next(p); continue; }
        lia_expr *e = expr(p);
        lia_expr **slot = e ? vec_push(p, &v, sizeof e) : NULL;
        if (!slot) goto fail;
        *slot = e;
        in_row++;
    }
    p->matrix_mode = 0;
    s->rows = rows;
    s->cols = cols;
    s->exprs = vec_finish(p, &v, sizeof(lia_expr *), &s->nexprs);
    return !p->oom;
fail:
    p->matrix_mode = 0;
    lia__free(v.data);
    /* skip the rest of the matrix (to its ']' or the closing '}') so its rows do not read as
     * statements */
    while (p->tok.kind != TK_EOF && p->tok.kind != TK_RBRACK && p->tok.kind != TK_RBRACE) next(p);
    if (p->tok.kind == TK_RBRACK) next(p);
    p->lx.depth = 0;
    return 0;
}

/* names_then := NAME (','? NAME)* SEP values: a payoff line (`C D: 3, 3`) or a coalition's
 * value (`L R1 = 1`). */
static int names_then(parser *p, lia_stmt *s, const char *what, const char *missing, lia_tok_kind sep,
                      const char *sep_what, int (*values)(parser *, lia_stmt *))
{
    vec v = { 0 };
    while (p->tok.kind == TK_IDENT) {
        lia_ident *slot = vec_push(p, &v, sizeof *slot);
        if (!slot || !ident(p, slot, what)) { lia__free(v.data); return 0; }
        if (p->tok.kind == TK_COMMA) next(p);
    }
    s->names = vec_finish(p, &v, sizeof(lia_ident), &s->nnames);
    if (!s->nnames) { error_expected(p, missing); return 0; }
    return expect(p, sep, sep_what) && values(p, s);
}

/* payoff := NAME+ ':' expr_list   (one strategy per player, then one payoff per player) */
static int payoff(parser *p, lia_stmt *s)
{
    return names_then(p, s, "a strategy", "one strategy per player", TK_COLON, "':' before the payoffs", expr_list);
}

/* coalition_value := NAME+ '=' expr */
static int coalition_value(parser *p, lia_stmt *s)
{
    return names_then(p, s, "a player", "the coalition's players", TK_EQ, "'=' before the coalition's value",
                      single_expr);
}

/* ---- blocks ---- */

typedef struct kwdef { const char *name; lia_kw kw; } kwdef;

static const kwdef topic_kws[] = { { "common", KW_COMMON }, { 0, 0 } };
static const kwdef party_kws[] = {
    { "resources", KW_RESOURCES }, { "patience", KW_PATIENCE }, { "leak", KW_LEAK },
    { "disclosure", KW_DISCLOSURE }, { "need", KW_NEED }, { "collect", KW_COLLECT },
    { "exposure", KW_EXPOSURE }, { "suspect", KW_SUSPECT }, { 0, 0 } };
static const kwdef agreement_kws[] = {
    { "members", KW_MEMBERS }, { "levels", KW_LEVELS }, { "commit", KW_COMMIT }, { "share", KW_SHARE },
    { "pool", KW_POOL }, { "dilution", KW_DILUTION }, { "caveat", KW_CAVEAT },
    { "facility", KW_FACILITY }, { "transfer", KW_TRANSFER }, { "monitor", KW_MONITOR },
    { "detect", KW_DETECT }, { 0, 0 } };
static const kwdef normal_kws[] = {
    { "players", KW_PLAYERS }, { "strategies", KW_STRATEGIES }, { "payoff", KW_PAYOFF },
    { "matrix", KW_MATRIX }, { 0, 0 } };
static const kwdef coalitional_kws[] = { { "players", KW_PLAYERS }, { "value", KW_VALUE }, { 0, 0 } };
static const kwdef bankruptcy_kws[] = { { "estate", KW_ESTATE }, { "claims", KW_CLAIMS }, { 0, 0 } };
static const kwdef voting_kws[] = { { "quota", KW_QUOTA }, { "weights", KW_WEIGHTS }, { 0, 0 } };
static const kwdef regime_kws[] = { { "set", KW_SET }, { 0, 0 } };

/* stmt := KEYWORD body, the body by keyword:
 *   common resources patience leak disclosure dilution estate quota detect   single_expr
 *   suspect          expr 'leak' expr
 *   need collect exposure pool                                              pair_list (topics)
 *   commit claims weights monitor                                           pair_list (parties)
 *   members players  ident_list        levels  expr_list
 *   share            arrow_pair pair_list        transfer  arrow_pair single_expr
 *   caveat facility  (their own rules)           strategies NAME ':' ident_list
 *   payoff matrix value                          (their own rules)
 *   set              PATH '=' expr   (regimes) */
static int stmt_body(parser *p, lia_stmt *s)
{
    switch (s->kw) {
    case KW_COMMON: case KW_RESOURCES: case KW_PATIENCE: case KW_LEAK: case KW_DISCLOSURE:
    case KW_DILUTION: case KW_ESTATE: case KW_QUOTA: case KW_DETECT:
        return single_expr(p, s);
    case KW_SUSPECT: return suspect(p, s);
    case KW_NEED: case KW_COLLECT: case KW_EXPOSURE: case KW_POOL:
        return pair_list(p, s, "a topic");
    case KW_COMMIT: case KW_CLAIMS: case KW_WEIGHTS: case KW_MONITOR:
        return pair_list(p, s, "a party");
    case KW_MEMBERS: return ident_list(p, s, 1, "a party");
    case KW_PLAYERS: return ident_list(p, s, 1, "a player");
    case KW_LEVELS: return expr_list(p, s);
    case KW_SHARE: return arrow_pair(p, s) && pair_list(p, s, "a topic");
    case KW_TRANSFER: return arrow_pair(p, s) && single_expr(p, s);
    case KW_CAVEAT: return caveat(p, s);
    case KW_FACILITY: return facility(p, s);
    case KW_STRATEGIES:
        return ident(p, &s->a, "a player") && expect(p, TK_COLON, "':' after the player") &&
               ident_list(p, s, 1, "a strategy");
    case KW_PAYOFF: return payoff(p, s);
    case KW_MATRIX: return matrix(p, s);
    case KW_VALUE: return coalition_value(p, s);
    case KW_SET:
        if (!ident(p, &s->a, "a constant or attribute path (like UK.leak)")) return 0;
        s->split_span = p->tok.span;
        return expect(p, TK_EQ, "'=' after the path") && single_expr(p, s);
    case KW_NONE: case KW_COUNT: break;
    }
    return 0;
}

static void unknown_kw(parser *p, const kwdef *kws, const char *block)
{
    const char *names[16];
    size_t n = 0;
    char list[256] = "";
    for (const kwdef *k = kws; k->name && n < 16; k++) {
        names[n++] = k->name;
        if (list[0]) strncat(list, ", ", sizeof list - strlen(list) - 1);
        strncat(list, k->name, sizeof list - strlen(list) - 1);
    }
    if (p->tok.kind != TK_IDENT) {
        char what[300];
        snprintf(what, sizeof what, "an attribute of the %s (%s)", block, list);
        error_expected(p, what);
        return;
    }
    const char *sug = lia__suggest(p->tok.text, p->tok.text_len, names, n);
    int len = p->tok.text_len > 40 ? 40 : (int)p->tok.text_len;
    if (sug)
        lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span,
                      "unknown attribute '%.*s' in %s; did you mean '%s'?", len, p->tok.text, block, sug);
    else
        lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span,
                      "unknown attribute '%.*s' in %s; expected one of: %s", len, p->tok.text, block, list);
}

/* block := '{' (stmt? (NEWLINE | ';'))* '}'   — returns the statements in order; a missing '}'
 * is reported at the '{'. */
static lia_stmt *block(parser *p, const kwdef *kws, const char *what, int *broken)
{
    lia_stmt *head = NULL, **tail = &head;
    lia_span open = p->tok.span;
    if (p->tok.kind != TK_LBRACE) {
        error_expected(p, "'{'");
        *broken = 1;
        sync_stmt(p);
        return NULL;
    }
    next(p);
    for (;;) {
        while (p->tok.kind == TK_NEWLINE || p->tok.kind == TK_SEMI) next(p);
        if (p->oom) return head;
        if (p->tok.kind == TK_RBRACE) { next(p); break; }
        if (p->tok.kind == TK_EOF) {
            lia__diags_add(p->diags, p->sources, LIA_ERROR, open, "this '{' of the %s is never closed", what);
            *broken = 1;
            break;
        }
        lia_kw kw = KW_NONE;
        for (const kwdef *k = kws; k->name; k++)
            if (is_kw(&p->tok, k->name)) { kw = k->kw; break; }
        if (kw == KW_NONE) {
            unknown_kw(p, kws, what);
            *broken = 1;
            sync_stmt(p);
            continue;
        }
        lia_stmt *s = lia__arena_alloc(p->arena, sizeof *s);
        if (!s) { p->oom = 1; return head; }
        p->stmt_line = p->tok.span.line;
        s->kw = kw;
        s->span = p->tok.span;
        p->lx.dotted = kw == KW_SET;   /* the path after `set` may hold dots */
        next(p);
        p->lx.dotted = 0;
        if (!stmt_body(p, s)) {
            if (p->oom) return head;
            *broken = 1;
            sync_stmt(p);
            continue;
        }
        if (!at_stmt_end(p)) {
            error_expected(p, "the end of the statement (a new line or ';')");
            *broken = 1;
            sync_stmt(p);
            continue;
        }
        *tail = s;
        tail = &s->next;
    }
    return head;
}

/* ---- top level ---- */

static void skip_item(parser *p)
{
    /* skip to the next line at top level, jumping over a whole { } block */
    if (reset_brackets(p)) return;
    int depth = 0;
    while (p->tok.kind != TK_EOF) {
        if (p->tok.kind == TK_LBRACE) depth++;
        else if (p->tok.kind == TK_RBRACE) { if (depth > 0) depth--; if (depth == 0) { next(p); return; } }
        else if (depth == 0 && (p->tok.kind == TK_NEWLINE || p->tok.kind == TK_SEMI)) { next(p); return; }
        next(p);
    }
}

/* item_sub := 'bilateral' | 'multilateral'   (agreements)
 *           | 'normal' | 'coalitional' ['cost'] | 'bankruptcy' | 'voting'   (games) */
static int item_sub(parser *p, lia_item *it)
{
    static const struct { const char *name; lia_item_sub sub; int agreement; } subs[] = {
        { "bilateral", SUB_BILATERAL, 1 }, { "multilateral", SUB_MULTILATERAL, 1 },
        { "normal", SUB_NORMAL, 0 }, { "coalitional", SUB_COALITIONAL, 0 },
        { "bankruptcy", SUB_BANKRUPTCY, 0 }, { "voting", SUB_VOTING, 0 } };
    int agreement = it->kind == IT_AGREEMENT;
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        if (subs[i].agreement == agreement && is_kw(&p->tok, subs[i].name)) {
            it->sub = subs[i].sub;
            it->sub_span = p->tok.span;
            next(p);
            if (it->sub == SUB_COALITIONAL && is_kw(&p->tok, "cost")) { it->cost = 1; next(p); }
            return 1;
        }
    }
    error_expected(p, agreement ? "'bilateral' or 'multilateral'"
                                : "the game's kind ('normal', 'coalitional', 'coalitional cost', 'bankruptcy' or 'voting')");
    return 0;
}

/* let_range := 'in' '[' expr ',' expr ']'   after a let's value: the range an exploration
 * samples it from (uniformly). */
static int let_range(parser *p, lia_item *it)
{
    next(p);   /* 'in' */
    it->range_span = p->tok.span;
    if (!expect(p, TK_LBRACK, "'[' opening the range [LO, HI]") || !(it->lo = expr(p)) ||
        !expect(p, TK_COMMA, "',' between the range's bounds") || !(it->hi = expr(p)))
        return 0;
    lia_span end = p->tok.span;
    if (!expect(p, TK_RBRACK, "']' closing the range")) return 0;
    if (end.src == it->range_span.src && end.line == it->range_span.line && end.off >= it->range_span.off)
        it->range_span.len = end.off + end.len - it->range_span.off;
    return 1;
}

/* item := 'model' STRING
 *       | 'let' NAME '=' expr ['in' '[' expr ',' expr ']']
 *       | ('topic' | 'party') NAME block
 *       | 'agreement' NAME item_sub block | 'game' NAME item_sub block
 *       | 'regime' NAME block | 'transition' NAME '->' NAME expr | 'start' NAME
 * each ending at a new line, ';' or the end of the file. */
static lia_item *item(parser *p)
{
    static const char *const tops[] = { "model", "let", "topic", "party", "agreement", "game", "regime",
                                        "transition", "start" };
    lia_item *it = lia__arena_alloc(p->arena, sizeof *it);
    if (!it) { p->oom = 1; return NULL; }
    it->span = p->tok.span;
    p->stmt_line = p->tok.span.line;
    if (is_kw(&p->tok, "model")) {
        it->kind = IT_MODEL;
        next(p);
        if (p->tok.kind != TK_STRING) { error_expected(p, "the model's title in quotes"); skip_item(p); return NULL; }
        it->title = p->tok.text;
        next(p);
    } else if (is_kw(&p->tok, "let")) {
        it->kind = IT_LET;
        next(p);
        if (!ident(p, &it->name, "the constant's name")) { skip_item(p); return NULL; }
        if (!expect(p, TK_EQ, "'='") || !(it->expr = expr(p)) || (is_kw(&p->tok, "in") && !let_range(p, it))) {
            /* keep the name declared, so its uses do not add "unknown constant" errors */
            it->broken = 1;
            skip_item(p);
            return p->oom ? NULL : it;
        }
    } else if (is_kw(&p->tok, "topic") || is_kw(&p->tok, "party")) {
        int topic = is_kw(&p->tok, "topic");
        it->kind = topic ? IT_TOPIC : IT_PARTY;
        next(p);
        if (!ident(p, &it->name, topic ? "the topic's name" : "the party's name")) { skip_item(p); return NULL; }
        char what[128];
        snprintf(what, sizeof what, "%s '%s'", topic ? "topic" : "party", it->name.s);
        it->stmts = block(p, topic ? topic_kws : party_kws, what, &it->broken);
        return p->oom ? NULL : it;
    } else if (is_kw(&p->tok, "agreement") || is_kw(&p->tok, "game")) {
        it->kind = is_kw(&p->tok, "agreement") ? IT_AGREEMENT : IT_GAME;
        next(p);
        if (!ident(p, &it->name, "a name") || !item_sub(p, it)) { skip_item(p); return NULL; }
        const kwdef *kws = agreement_kws;
        switch (it->sub) {
        case SUB_NORMAL: kws = normal_kws; break;
        case SUB_COALITIONAL: kws = coalitional_kws; break;
        case SUB_BANKRUPTCY: kws = bankruptcy_kws; break;
        case SUB_VOTING: kws = voting_kws; break;
        default: break;
        }
        char what[128];
        snprintf(what, sizeof what, "%s '%s'", it->kind == IT_AGREEMENT ? "agreement" : "game", it->name.s);
        it->stmts = block(p, kws, what, &it->broken);
        return p->oom ? NULL : it;
    } else if (is_kw(&p->tok, "regime")) {
        it->kind = IT_REGIME;
        next(p);
        if (!ident(p, &it->name, "the regime's name")) { skip_item(p); return NULL; }
        char what[128];
        snprintf(what, sizeof what, "regime '%s'", it->name.s);
        it->stmts = block(p, regime_kws, what, &it->broken);
        return p->oom ? NULL : it;
    } else if (is_kw(&p->tok, "transition")) {
        it->kind = IT_TRANSITION;
        next(p);
        if (!ident(p, &it->name, "the regime the transition leaves") || !expect(p, TK_ARROW, "'->'") ||
            !ident(p, &it->to, "the regime the transition enters") || !(it->expr = expr(p))) {
            skip_item(p);
            return NULL;
        }
    } else if (is_kw(&p->tok, "start")) {
        it->kind = IT_START;
        next(p);
        if (!ident(p, &it->name, "the starting regime")) { skip_item(p); return NULL; }
    } else {
        const char *sug = p->tok.kind == TK_IDENT ? lia__suggest(p->tok.text, p->tok.text_len, tops, 9) : NULL;
        if (sug) {
            int len = p->tok.text_len > 40 ? 40 : (int)p->tok.text_len;
            lia__diags_add(p->diags, p->sources, LIA_ERROR, p->tok.span, "unknown item '%.*s'; did you mean '%s'?",
                          len, p->tok.text, sug);
        } else {
            error_expected(p, "'model', 'let', 'topic', 'party', 'agreement', 'game', 'regime', 'transition' or 'start'");
        }
        skip_item(p);
        return NULL;
    }
    if (p->tok.kind != TK_NEWLINE && p->tok.kind != TK_SEMI && p->tok.kind != TK_EOF) {
        error_expected(p, "the end of the line");
        skip_item(p);
    }
    return it;
}

/* file := ((item | '') (NEWLINE | ';'))* EOF — the grammar rule of each construct is written
 * above the function that parses it; docs/language.md has the whole grammar. */
int lia__parse(lia_ast *ast, lia_arena *arena, const lia_sources *s, uint32_t src, lia_diags *d)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.arena = arena;
    p.sources = s;
    p.diags = d;
    lia__lexer_init(&p.lx, s, src, d, arena);
    next(&p);
    lia_item **tail = &ast->items;
    while (p.tok.kind != TK_EOF && !p.oom && !d->capped) {
        if (p.tok.kind == TK_NEWLINE || p.tok.kind == TK_SEMI) { next(&p); continue; }
        if (p.tok.kind == TK_RBRACE) {
            lia__diags_add(d, s, LIA_ERROR, p.tok.span, "'}' without a matching '{'");
            next(&p);
            continue;
        }
        lia_item *it = item(&p);
        if (it) { *tail = it; tail = &it->next; }
    }
    return p.oom ? -1 : 0;
}

/* Expression parsing for --set values: the text from `off` on must be one expression. */
lia_expr *lia__parse_expr_at(lia_arena *arena, const lia_sources *s, uint32_t src, size_t off,
                            lia_diags *d, int *oom)
{
    parser p;
    memset(&p, 0, sizeof p);
    p.arena = arena;
    p.sources = s;
    p.diags = d;
    lia__lexer_init(&p.lx, s, src, d, arena);
    while (p.lx.pos < off && p.lx.pos < p.lx.len) {
        /* move the lexer to the value without treating the name as tokens */
        if (((unsigned char)p.lx.s[p.lx.pos] & 0xC0) != 0x80) p.lx.col++;
        p.lx.pos++;
    }
    next(&p);
    lia_expr *e = NULL;
    if (p.tok.kind == TK_EOF || p.tok.kind == TK_NEWLINE)
        error_expected(&p, "a value after '='");
    else
        e = expr(&p);
    if (e && p.tok.kind != TK_EOF) {
        error_expected(&p, "the end of the value");
        e = NULL;
    }
    *oom = p.oom;
    return e;
}
