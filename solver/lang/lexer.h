/* lexer.h — tokens of the agreement language (.lia). */
#ifndef LIA_LANG_LEXER_H
#define LIA_LANG_LEXER_H
#include "../util/diag.h"
#include "../util/num.h"

enum { LIA_MAX_NAME = 255 };   /* longer names are an error (and would bloat messages) */
/* Longest dotted path (AGREEMENT.share.FROM.TO.TOPIC). */
enum { LIA_MAX_DOTTED = 6 * (LIA_MAX_NAME + 1) };

typedef enum lia_tok_kind {
    TK_EOF, TK_NEWLINE, TK_IDENT, TK_NUMBER, TK_STRING,
    TK_LBRACE, TK_RBRACE, TK_LBRACK, TK_RBRACK, TK_LPAREN, TK_RPAREN,
    TK_COMMA, TK_SEMI, TK_COLON, TK_ARROW, TK_EQ, TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH
} lia_tok_kind;

typedef struct lia_token {
    lia_tok_kind kind;
    lia_span span;
    int space_before;     /* whitespace precedes it: separates matrix entries like `3 -1` */
    lia_num num;          /* TK_NUMBER */
    const char *text;     /* TK_IDENT: source text; TK_STRING: unescaped, NUL-terminated */
    size_t text_len;
} lia_token;

typedef struct lia_lexer {
    const lia_sources *sources;
    lia_diags *diags;
    struct lia_arena *arena;  /* for unescaped strings */
    uint32_t src;
    const char *s;
    size_t len, pos;
    uint32_t line, col;
    size_t line_off;
    int depth;                /* open [ and ( : newlines inside continue the statement */
    lia_tok_kind last;        /* last significant token, for newline suppression */
    int junk;                 /* inside a run of invalid bytes: report the run once */
    int oom;                  /* an allocation failed (string contents) */
    int dotted;               /* a name may have inner dots (the path of a regime's `set`) */
} lia_lexer;

void lia__lexer_init(lia_lexer *lx, const lia_sources *s, uint32_t src, lia_diags *d,
                    struct lia_arena *arena);
lia_token lia__lexer_next(lia_lexer *lx);
const char *lia__tok_describe(lia_tok_kind k);

#endif
