/* check_internal.h — shared state of the checker's files (check.c, check_agreement.c,
 * check_games.c, check_regimes.c). */
#ifndef LIA_LANG_CHECK_INTERNAL_H
#define LIA_LANG_CHECK_INTERNAL_H
#include "spec.h"
#include "../util/nametab.h"
#include "../util/arena.h"
#include "lexer.h"

/* Longest attribute path: AGREEMENT.share.FROM.TO.TOPIC with names of LIA_MAX_NAME bytes. */
#define LIA_PATH_MAX (6 * (LIA_MAX_NAME + 1) + 32)

typedef struct check_let {
    const char *name;
    lia_span span;
    lia_num v;
    int ok;
    int has_range;               /* `in [lo, hi]` */
    double lo, hi;
} check_let;

typedef struct check_ctx {
    lia_arena *arena;
    const lia_sources *s;
    lia_diags *d;
    lia_override *ov;
    size_t nov;
    lia_expr **ov_expr;          /* parsed override values (NULL: unparsable) */
    int oom;
    check_let *lets;
    size_t nlets;                /* lets visible so far */
    lia_nametab let_tab, topic_tab, party_tab;
    lia_spec *spec;
    lia_path_log *log;           /* lia__check_logged: every settable name met (else NULL) */
    int log_let;                 /* the names being resolved are let constants */
} check_ctx;

/* The dotted path of an attribute, "A.b.c", from its parts (NULL-terminated) into buf (cap
 * bytes; cut short like snprintf, always terminated). Not snprintf: the checker builds one per
 * attribute on every resolve, which a sweep or an exploration does per run. */
void lia__check_path(char *buf, size_t cap, const char *first, ...);
#define CHECK_PATH(buf, ...) lia__check_path((buf), sizeof(buf), __VA_ARGS__, (const char *)0)

#define ERR(c, span, ...) lia__diags_add((c)->d, (c)->s, LIA_ERROR, (span), __VA_ARGS__)

/* Evaluate an expression; 0 on error (diagnosed). */
int lia__check_eval(check_ctx *c, const lia_expr *e, lia_num *out);
/* Resolve the value at attribute `path`: override if any, else expression e, else dflt.
 * Returns 0 if evaluation failed (diagnosed). */
int lia__check_value(check_ctx *c, const char *path, const lia_expr *e, lia_num dflt, lia_span dflt_span,
                lia_val *out);

/* Take `path` back out of the parameter log (the last record): resolved, but not settable. */
void lia__check_unlog(check_ctx *c, const char *path);

/* Whether an override names this path (without marking it used). */
int lia__check_has_override(const check_ctx *c, const char *path);

enum { RANGE_OPEN = 0, RANGE_CLOSED = 1 };
/* Diagnose unless lo <(=) v <(=) hi; hi_inf for no upper bound. Returns 1 if in range. The
 * subject of the message is formatted only when it is needed: checking runs once per override
 * of a sweep or exploration, and formatting every value's name dominated its time. */
int lia__check_range(check_ctx *c, const lia_val *v, double lo, int lo_closed, double hi, int hi_closed,
                int hi_inf, const char *what_fmt, ...) __attribute__((format(printf, 8, 9)));
/* Report a statement that may appear once; returns 1 the first time. */
int lia__check_once(check_ctx *c, lia_stmt **seen, lia_stmt *s, const char *what);
size_t lia__check_party(const check_ctx *c, const lia_ident *id);   /* (size_t)-1 if unknown; diagnosed */
size_t lia__check_topic(const check_ctx *c, const lia_ident *id);   /* (size_t)-1 if unknown; diagnosed */
/* "did you mean" suffix for an unknown name among a table's keys (static buffer per call). */
void lia__check_unknown(const check_ctx *c, const lia_ident *id, const char *kind, const char **cands, size_t n);

/* The items of the file other than regimes, into c->spec (check.c). -1 on allocation failure. */
int lia__check_items(check_ctx *c, const lia_ast *ast);
/* Regimes, transitions and start (check_regimes.c), after lia__check_items. -1 on allocation failure. */
int lia__check_regimes(check_ctx *c, const lia_ast *ast);

int lia__check_agreement(check_ctx *c, const lia_item *it, spec_game *g);
int lia__check_normal(check_ctx *c, const lia_item *it, spec_game *g);
int lia__check_coalitional(check_ctx *c, const lia_item *it, spec_game *g);
int lia__check_bankruptcy(check_ctx *c, const lia_item *it, spec_game *g);
int lia__check_voting(check_ctx *c, const lia_item *it, spec_game *g);

#endif
