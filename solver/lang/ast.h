/* ast.h — syntax tree of an agreement file, as written (names unresolved, expressions unevaluated). */
#ifndef LIA_LANG_AST_H
#define LIA_LANG_AST_H
#include "../util/diag.h"
#include "../util/num.h"

typedef struct lia_ident {
    const char *s;      /* NUL-terminated, arena-owned */
    size_t len;
    lia_span span;
} lia_ident;

typedef enum { EX_NUM, EX_NAME, EX_NEG, EX_ADD, EX_SUB, EX_MUL, EX_DIV, EX_MIN, EX_MAX } lia_expr_kind;

typedef struct lia_expr lia_expr;
struct lia_expr {
    lia_expr_kind kind;
    lia_span span;            /* whole expression */
    unsigned height;          /* tree height: bounded so evaluation cannot exhaust the stack */
    lia_num num;              /* EX_NUM */
    lia_ident name;           /* EX_NAME */
    lia_expr *a, *b;          /* operands */
    lia_expr **args;          /* EX_MIN / EX_MAX */
    size_t nargs;
};

typedef struct lia_pair {     /* "soviet 0.8", "US 0.7" */
    lia_ident name;
    lia_expr *value;
} lia_pair;

/* Statement keywords inside blocks. */
typedef enum lia_kw {
    KW_NONE,
    /* topic */ KW_COMMON,
    /* party */ KW_RESOURCES, KW_PATIENCE, KW_LEAK, KW_DISCLOSURE, KW_NEED, KW_COLLECT, KW_EXPOSURE,
    /* agreement */ KW_MEMBERS, KW_LEVELS, KW_COMMIT, KW_SHARE, KW_POOL, KW_DILUTION, KW_CAVEAT,
    KW_FACILITY, KW_TRANSFER, KW_MONITOR,
    /* games */ KW_PLAYERS, KW_STRATEGIES, KW_PAYOFF, KW_MATRIX, KW_VALUE, KW_ESTATE, KW_CLAIMS,
    KW_QUOTA, KW_WEIGHTS,
    /* regime */ KW_SET,
    /* suspected penetration: party, agreement */ KW_SUSPECT, KW_DETECT,
    KW_COUNT                  /* the number of keywords: size of per-block `seen` tables */
} lia_kw;

typedef enum { SPLIT_EQUAL, SPLIT_PROPORTIONAL, SPLIT_EXPLICIT } lia_split_kind;

typedef struct lia_stmt lia_stmt;
struct lia_stmt {
    lia_kw kw;
    lia_span span;            /* the keyword */
    lia_ident a, b;           /* share/transfer: from, to; facility: name; strategies/matrix: player;
                                 set: the dotted path */
    lia_ident *names;         /* members, players, strategy list, payoff profile, value coalition */
    size_t nnames;
    lia_expr **exprs;         /* levels; payoff values; matrix entries (row-major); single value */
    size_t nexprs;
    lia_pair *pairs;          /* need/collect/exposure/commit/share/pool/claims/weights/split */
    size_t npairs;
    lia_expr *cost, *value;   /* facility; caveat: value, disclosure (in `cost`); suspect: prior
                                 (in `value`), penetrated leak (in `cost`) */
    lia_split_kind split;
    lia_span split_span;      /* set: the '=' */
    size_t rows, cols;        /* matrix */
    lia_stmt *next;
};

typedef enum {
    IT_MODEL, IT_LET, IT_TOPIC, IT_PARTY, IT_AGREEMENT, IT_GAME, IT_REGIME, IT_TRANSITION, IT_START
} lia_item_kind;

typedef enum {
    SUB_NONE, SUB_BILATERAL, SUB_MULTILATERAL, SUB_NORMAL, SUB_COALITIONAL, SUB_BANKRUPTCY, SUB_VOTING
} lia_item_sub;

typedef struct lia_item lia_item;
struct lia_item {
    lia_item_kind kind;
    lia_span span;            /* the keyword */
    lia_ident name;           /* transition: the regime it leaves */
    lia_ident to;             /* transition: the regime it enters */
    lia_item_sub sub;
    lia_span sub_span;
    int cost;                 /* `coalitional cost` */
    const char *title;        /* model "..." */
    lia_expr *expr;           /* let; transition: the probability */
    lia_expr *lo, *hi;        /* let NAME = VALUE in [LO, HI]: the uncertainty range (else NULL) */
    lia_span range_span;      /* that range, '[' to ']' */
    lia_stmt *stmts;          /* block body, in order */
    int broken;               /* had a syntax error: semantic checks that would only cascade are skipped */
    lia_item *next;
};

typedef struct lia_ast {
    lia_item *items;
} lia_ast;

#endif
