/* lexer.c — turns .lia text into tokens; reports bad characters and keeps going. */
#include "lexer.h"
#include "../util/arena.h"
#include "../util/utf8.h"
#include <string.h>

void lia__lexer_init(lia_lexer *lx, const lia_sources *s, uint32_t src, lia_diags *d,
                    struct lia_arena *arena)
{
    memset(lx, 0, sizeof *lx);
    lx->sources = s;
    lx->diags = d;
    lx->arena = arena;
    lx->src = src;
    lx->s = s->items[src].text;
    lx->len = s->items[src].len;
    lx->line = 1;
    lx->col = 1;
    lx->last = TK_NEWLINE;
}

const char *lia__tok_describe(lia_tok_kind k)
{
    switch (k) {
    case TK_EOF: return "end of file";
    case TK_NEWLINE: return "end of line";
    case TK_IDENT: return "a name";
    case TK_NUMBER: return "a number";
    case TK_STRING: return "a string";
    case TK_LBRACE: return "'{'";
    case TK_RBRACE: return "'}'";
    case TK_LBRACK: return "'['";
    case TK_RBRACK: return "']'";
    case TK_LPAREN: return "'('";
    case TK_RPAREN: return "')'";
    case TK_COMMA: return "','";
    case TK_SEMI: return "';'";
    case TK_COLON: return "':'";
    case TK_ARROW: return "'->'";
    case TK_EQ: return "'='";
    case TK_PLUS: return "'+'";
    case TK_MINUS: return "'-'";
    case TK_STAR: return "'*'";
    case TK_SLASH: return "'/'";
    }
    return "a token";
}

static void advance(lia_lexer *lx)
{
    unsigned char c = (unsigned char)lx->s[lx->pos++];
    if (c == '\n') {
        lx->line++;
        lx->col = 1;
        lx->line_off = lx->pos;
    } else if ((c & 0xC0) != 0x80) {
        /* count code points: continuation bytes do not advance the column */
        if (lx->pos < lx->len && ((unsigned char)lx->s[lx->pos] & 0xC0) == 0x80) {
            lx->col++;
            while (lx->pos < lx->len && ((unsigned char)lx->s[lx->pos] & 0xC0) == 0x80) lx->pos++;
        } else {
            lx->col++;
        }
    }
}

static lia_span here(const lia_lexer *lx)
{
    lia_span sp = { lx->src, lx->line, lx->col, lx->pos, 0, lx->line_off };
    return sp;
}

static int is_ident_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static void lex_error(lia_lexer *lx, lia_span sp, const char *msg)
{
    lia__diags_add(lx->diags, lx->sources, LIA_ERROR, sp, "%s", msg);
}

static lia_token lex_string(lia_lexer *lx, lia_token t)
{
    advance(lx); /* opening quote */
    size_t cap = 0;
    /* first pass: find the end */
    size_t i = lx->pos;
    while (i < lx->len && lx->s[i] != '"' && lx->s[i] != '\n') {
        if (lx->s[i] == '\\' && i + 1 < lx->len && lx->s[i + 1] != '\n') i++;
        i++;
        cap++;
    }
    char *out = lia__arena_alloc(lx->arena, cap + 1);
    if (!out) lx->oom = 1;
    size_t n = 0;
    while (lx->pos < lx->len && lx->s[lx->pos] != '"' && lx->s[lx->pos] != '\n') {
        char c = lx->s[lx->pos];
        if (c == '\\' && lx->pos + 1 < lx->len && lx->s[lx->pos + 1] != '\n') {
            lia_span esc = here(lx);
            advance(lx);
            c = lx->s[lx->pos];
            if (c != '"' && c != '\\') {
                esc.len = 2;
                lex_error(lx, esc, "unknown escape in string: only \\\" and \\\\ are allowed");
            }
        }
        /* text reaches JSON: a byte that is not UTF-8 is diagnosed where it stands */
        if ((unsigned char)c >= 0x80 && !lia__utf8_char((const unsigned char *)lx->s + lx->pos, lx->len - lx->pos)) {
            lia_span bad = here(lx);
            bad.len = 1;
            lia__diags_add(lx->diags, lx->sources, LIA_ERROR, bad,
                          "byte 0x%02X in a string is not UTF-8 (save the file as UTF-8)", (unsigned char)c);
        }
        /* advance() steps over a whole UTF-8 character: copy every byte it passed */
        size_t from = lx->pos;
        advance(lx);
        for (size_t k = from; out && k < lx->pos && n < cap; k++) out[n++] = lx->s[k];
    }
    if (lx->pos >= lx->len || lx->s[lx->pos] != '"') {
        t.span.len = lx->pos - t.span.off;
        lex_error(lx, t.span, "unterminated string: add the closing '\"' on the same line");
    } else {
        advance(lx);
    }
    if (out) out[n] = 0;
    t.kind = TK_STRING;
    t.text = out ? out : "";
    t.text_len = out ? n : 0;
    t.span.len = lx->pos - t.span.off;
    return t;
}

static lia_token lex_number(lia_lexer *lx, lia_token t)
{
    while (lx->pos < lx->len && is_digit(lx->s[lx->pos])) advance(lx);
    if (lx->pos + 1 < lx->len && lx->s[lx->pos] == '.' && is_digit(lx->s[lx->pos + 1])) {
        advance(lx);
        while (lx->pos < lx->len && is_digit(lx->s[lx->pos])) advance(lx);
    }
    if (lx->pos < lx->len && (lx->s[lx->pos] == 'e' || lx->s[lx->pos] == 'E')) {
        size_t k = lx->pos + 1;
        if (k < lx->len && (lx->s[k] == '+' || lx->s[k] == '-')) k++;
        if (k < lx->len && is_digit(lx->s[k])) {
            while (lx->pos < k) advance(lx);
            while (lx->pos < lx->len && is_digit(lx->s[lx->pos])) advance(lx);
        }
    }
    t.span.len = lx->pos - t.span.off;
    /* a number glued to letters ("12abc", "1.5.2") is one bad token, not two good ones */
    if (lx->pos < lx->len && (is_ident_start(lx->s[lx->pos]) || lx->s[lx->pos] == '.' ||
                              is_digit(lx->s[lx->pos]))) {
        while (lx->pos < lx->len && (is_ident_start(lx->s[lx->pos]) || is_digit(lx->s[lx->pos]) ||
                                     lx->s[lx->pos] == '.'))
            advance(lx);
        t.span.len = lx->pos - t.span.off;
        lex_error(lx, t.span, "malformed number: write numbers like 12, 0.25, 1e-3 or 2/3");
        t.num = lia_num_bad();
        t.kind = TK_NUMBER;
        return t;
    }
    if (!lia__num_parse(lx->s + t.span.off, t.span.len, &t.num)) {
        lex_error(lx, t.span, "malformed number");
        t.num = lia_num_bad();
    } else if (!lia_num_exact(t.num) && !(t.num.v < LIA_NUM_LIMIT && t.num.v > -LIA_NUM_LIMIT)) {
        lex_error(lx, t.span, "number too large");
        t.num = lia_num_bad();
    }
    t.kind = TK_NUMBER;
    return t;
}

lia_token lia__lexer_next(lia_lexer *lx)
{
    for (;;) {
        lia_token t;
        memset(&t, 0, sizeof t);
        int space = 0;
        /* skip blanks and comments; a newline becomes a token unless the statement continues */
        for (;;) {
            if (lx->pos >= lx->len) break;
            char c = lx->s[lx->pos];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') { advance(lx); space = 1; continue; }
            if (c == '#') { while (lx->pos < lx->len && lx->s[lx->pos] != '\n') advance(lx); continue; }
            if (c == '\n') {
                int continues = lx->depth > 0 || lx->last == TK_COMMA || lx->last == TK_NEWLINE;
                if (!continues) {
                    t.kind = TK_NEWLINE;
                    t.span = here(lx);
                    t.span.len = 1;
                    advance(lx);
                    lx->last = TK_NEWLINE;
                    lx->junk = 0;
                    return t;
                }
                advance(lx);
                space = 1;
                continue;
            }
            break;
        }
        t.span = here(lx);
        t.space_before = space;
        if (lx->pos >= lx->len) {
            t.kind = TK_EOF;
            return t;
        }
        unsigned char c = (unsigned char)lx->s[lx->pos];
        if (is_ident_start(c)) {
            for (;;) {
                while (lx->pos < lx->len && (is_ident_start(lx->s[lx->pos]) || is_digit(lx->s[lx->pos]))) advance(lx);
                /* a path: `.` between names, only where the parser asked for one */
                if (!lx->dotted || lx->pos + 1 >= lx->len || lx->s[lx->pos] != '.' ||
                    !is_ident_start(lx->s[lx->pos + 1]))
                    break;
                advance(lx);
            }
            t.kind = TK_IDENT;
            t.text = lx->s + t.span.off;
            t.text_len = lx->pos - t.span.off;
            t.span.len = t.text_len;
            size_t max = lx->dotted ? LIA_MAX_DOTTED : LIA_MAX_NAME;
            if (t.text_len > max) {
                t.span.len = t.text_len;
                lia__diags_add(lx->diags, lx->sources, LIA_ERROR, t.span, "%s longer than %zu characters",
                              lx->dotted ? "path" : "name", max);
                t.text_len = max;   /* keep going with a usable name */
            }
        } else if (is_digit(c)) {
            t = lex_number(lx, t);
        } else if (c == '"') {
            t = lex_string(lx, t);
        } else {
            lia_tok_kind k;
            int two = 0;
            switch (c) {
            case '{': k = TK_LBRACE; break;
            case '}': k = TK_RBRACE; break;
            case '[': k = TK_LBRACK; lx->depth++; break;
            case ']': k = TK_RBRACK; if (lx->depth) lx->depth--; break;
            case '(': k = TK_LPAREN; lx->depth++; break;
            case ')': k = TK_RPAREN; if (lx->depth) lx->depth--; break;
            case ',': k = TK_COMMA; break;
            case ';': k = TK_SEMI; break;
            case ':': k = TK_COLON; break;
            case '=': k = TK_EQ; break;
            case '+': k = TK_PLUS; break;
            case '*': k = TK_STAR; break;
            case '/': k = TK_SLASH; break;
            case '-':
                if (lx->pos + 1 < lx->len && lx->s[lx->pos + 1] == '>') { k = TK_ARROW; two = 1; }
                else k = TK_MINUS;
                break;
            default: {
                /* one diagnostic per run of junk, so binary input does not flood the output */
                lia_span sp = t.span;
                advance(lx);
                while (lx->pos < lx->len) {
                    unsigned char d = (unsigned char)lx->s[lx->pos];
                    if (d == '\n' || d == ' ' || is_ident_start(d) || is_digit(d) || strchr("{}[](),;:=+-*/#\"", d))
                        break;
                    advance(lx);
                }
                sp.len = lx->pos - sp.off;
                if (!lx->junk) {
                    if (c >= 0x20 && c < 0x7f)
                        lia__diags_add(lx->diags, lx->sources, LIA_ERROR, sp, "unexpected character '%c'", c);
                    else
                        lia__diags_add(lx->diags, lx->sources, LIA_ERROR, sp,
                                      "unexpected byte 0x%02X (is this a text file?)", c);
                }
                lx->junk = 1;
                continue;
            }
            }
            advance(lx);
            if (two) advance(lx);
            t.kind = k;
            t.span.len = lx->pos - t.span.off;
        }
        lx->junk = 0;
        lx->last = t.kind;
        return t;
    }
}
