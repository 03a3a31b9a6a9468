/* parser.h — .lia text to AST, with error recovery. */
#ifndef LIA_LANG_PARSER_H
#define LIA_LANG_PARSER_H
#include "ast.h"

struct lia_arena;
/* Parse source `src` into ast (nodes in arena). Syntax errors go to d. Returns -1 on
 * allocation failure, else 0 (check d->errors for syntax errors). */
int lia__parse(lia_ast *ast, struct lia_arena *arena, const lia_sources *s, uint32_t src, lia_diags *d);
/* Parse source `src` from byte `off` to its end as one expression (a --set value "NAME=VALUE"
 * with off after the '='); NULL on error (diagnosed). */
lia_expr *lia__parse_expr_at(struct lia_arena *arena, const lia_sources *s, uint32_t src, size_t off,
                            lia_diags *d, int *oom);

#endif
