/* check_regimes.c — regimes (`regime`, `transition`, `start`): names, the transition matrix,
 * and each regime's `set`s, which are checked by checking the whole model again with them
 * added as overrides. */
#include "check_internal.h"
#include "../util/mem.h"
#include <stdio.h>
#include <string.h>

static const char *const TRANSITION_PREFIX = "transition.";

/* ---- names and sets ---- */

static size_t find_regime(const check_ctx *c, const lia_nametab *tab, const lia_ident *id)
{
    size_t i = lia__nametab_get(tab, id->s, id->len);
    if (i == (size_t)-1) {
        const char *cands[64];
        size_t n = 0;
        for (size_t k = 0; k < c->spec->nregimes && n < 64; k++) cands[n++] = c->spec->regimes[k].name;
        lia__check_unknown(c, id, "regime", cands, n);
    }
    return i;
}

static int regime_sets(check_ctx *c, const lia_item *it, spec_regime *r)
{
    size_t n = 0;
    for (const lia_stmt *s = it->stmts; s; s = s->next) n += s->kw == KW_SET;
    r->sets = lia__arena_array(c->arena, n ? n : 1, sizeof *r->sets);
    if (!r->sets) return -1;
    size_t plen = strlen(TRANSITION_PREFIX);
    for (const lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw != KW_SET) continue;
        if (strncmp(s->a.s, TRANSITION_PREFIX, plen) == 0) {
            ERR(c, s->a.span, "a regime cannot set '%s': transition probabilities belong to the whole file", s->a.s);
            continue;
        }
        const spec_set *dup = NULL;
        for (size_t k = 0; k < r->nsets && !dup; k++)
            if (strcmp(r->sets[k].path, s->a.s) == 0) dup = &r->sets[k];
        if (dup) {
            ERR(c, s->a.span, "regime '%s' sets '%s' twice (first on line %u)", r->name, s->a.s, dup->span.line);
            continue;
        }
        spec_set *st = &r->sets[r->nsets++];
        st->path = s->a.s;
        st->path_span = s->a.span;
        st->span = s->span;
        st->value = s->exprs[0];
    }
    return 0;
}

/* ---- the transition matrix ---- */

typedef struct cell {
    lia_val v;
    int ok;                      /* evaluated and in range */
    const lia_item *given;       /* the `transition` line, if any */
    int overridden;              /* by --set / lia_model_set */
} cell;

/* Add one cell to its row's sum; 1 (diagnosed, at the cell's value) if the sum now exceeds 1. */
static int add_cell(check_ctx *c, size_t f, const cell *x, lia_num *sum)
{
    *sum = lia__num_add(*sum, x->v.n);
    int over = lia_num_exact(*sum) ? lia__num_cmp(*sum, lia__num_int(1)) > 0 : sum->v > 1 + 1e-12;
    if (over) {
        char got[48];
        lia__num_format_readable(got, sizeof got, *sum);
        ERR(c, x->v.span, "the transitions out of regime '%s' sum to %s, more than 1", c->spec->regimes[f].name, got);
    }
    return over;
}

/* Each row's probabilities, the written ones in file order and then those --set gives, may
 * not add up to more than 1; the error is at the one that crosses it (so at an override that
 * makes a valid row invalid). What a row leaves over is the chance of staying. */
static void check_rows(check_ctx *c, const lia_ast *ast, const cell *cells, const lia_nametab *tab)
{
    size_t R = c->spec->nregimes;
    for (size_t f = 0; f < R; f++) {
        int ok = 1;
        for (size_t t = 0; t < R; t++) ok = ok && (t == f || cells[f * R + t].ok);
        if (!ok) continue;
        lia_num sum = lia__num_int(0);
        int over = 0;
        for (const lia_item *it = ast->items; it && !over; it = it->next) {
            if (it->kind != IT_TRANSITION || lia__nametab_get(tab, it->name.s, it->name.len) != f) continue;
            size_t t = lia__nametab_get(tab, it->to.s, it->to.len);
            const cell *x = t == (size_t)-1 ? NULL : &cells[f * R + t];
            if (x && t != f && x->given == it && !x->overridden) over = add_cell(c, f, x, &sum);
        }
        for (size_t t = 0; t < R && !over; t++) {
            const cell *x = &cells[f * R + t];
            if (t != f && (!x->given || x->overridden)) over = add_cell(c, f, x, &sum);
        }
        if (over) continue;
        double *row = &c->spec->transition[f * R];
        for (size_t t = 0; t < R; t++) row[t] = t == f ? 0 : cells[f * R + t].v.n.v;
        lia_num stay = lia__num_sub(lia__num_int(1), sum);
        row[f] = stay.v < 0 ? 0 : stay.v;
    }
}

static int check_transitions(check_ctx *c, const lia_ast *ast, const lia_nametab *tab)
{
    size_t R = c->spec->nregimes;
    size_t cells_n;
    if (!lia__size_mul(R, R, &cells_n)) return -1;
    cell *cells = lia__arena_array(c->arena, cells_n, sizeof *cells);
    c->spec->transition = lia__arena_array(c->arena, cells_n, sizeof *c->spec->transition);
    if (!cells || !c->spec->transition) return -1;
    for (size_t f = 0; f < R; f++) c->spec->transition[f * R + f] = 1;
    for (const lia_item *it = ast->items; it; it = it->next) {
        if (it->kind != IT_TRANSITION) continue;
        size_t f = find_regime(c, tab, &it->name), t = find_regime(c, tab, &it->to);
        if (f == (size_t)-1 || t == (size_t)-1) continue;
        if (f == t) {
            ERR(c, it->to.span, "a transition from regime '%s' to itself: the chance of staying is what its other "
                "transitions leave", it->name.s);
            continue;
        }
        cell *x = &cells[f * R + t];
        if (x->given) {
            ERR(c, it->span, "transition %s -> %s is given twice (first on line %u)", it->name.s, it->to.s,
                x->given->span.line);
            continue;
        }
        x->given = it;
    }
    char path[LIA_PATH_MAX];
    for (size_t f = 0; f < R; f++) {
        for (size_t t = 0; t < R; t++) {
            if (t == f) continue;
            cell *x = &cells[f * R + t];
            const char *from = c->spec->regimes[f].name, *to = c->spec->regimes[t].name;
            snprintf(path, sizeof path, "%s%s.%s", TRANSITION_PREFIX, from, to);
            x->overridden = lia__check_has_override(c, path);
            if (!lia__check_value(c, path, x->given ? x->given->expr : NULL, lia__num_int(0), c->spec->regimes[f].span, &x->v))
                continue;
            x->ok = lia__check_range(c, &x->v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "the probability of transition %s -> %s", from, to);
        }
    }
    check_rows(c, ast, cells, tab);
    return 0;
}

/* ---- each regime's sets, checked on the whole model ---- */

/* Check the model with the caller's overrides and the first `nsets` sets of regime r. Returns
 * -1 on allocation failure, else the number of errors; *first receives the first error and
 * unused[k] whether set k matched nothing. */
static int check_with_sets(check_ctx *c, const lia_ast *ast, const spec_regime *r, size_t nsets, char *first,
                           size_t first_cap, unsigned *first_line, int *first_in_file, int *unused)
{
    lia_arena arena;
    lia__arena_init(&arena);
    lia_diags d;
    memset(&d, 0, sizeof d);
    lia_spec spec;
    memset(&spec, 0, sizeof spec);
    int rc = -1;
    size_t nuser = 0;
    for (size_t i = 0; i < c->nov; i++) nuser += c->ov[i].regime == 0;
    size_t n = nuser + nsets;
    lia_override *ov = lia__arena_array(&arena, n ? n : 1, sizeof *ov);
    lia_expr **ov_expr = lia__arena_array(&arena, n ? n : 1, sizeof *ov_expr);
    if (!ov || !ov_expr) goto done;
    size_t k = 0;
    for (size_t i = 0; i < c->nov; i++) {
        if (c->ov[i].regime) continue;   /* applied from a regime: not part of this one */
        ov[k] = c->ov[i];
        ov[k].used = 0;
        ov_expr[k++] = c->ov_expr[i];
    }
    for (size_t i = 0; i < nsets; i++) {
        ov[k].name = (char *)r->sets[i].path;
        ov_expr[k++] = r->sets[i].value;
    }
    check_ctx sub;
    memset(&sub, 0, sizeof sub);
    sub.arena = &arena;
    sub.s = c->s;
    sub.d = &d;
    sub.ov = ov;
    sub.nov = n;
    sub.ov_expr = ov_expr;
    sub.spec = &spec;
    if (lia__check_items(&sub, ast) < 0 || d.oom) goto done;
    lia__diags_sort(&d, 0);
    rc = (int)(d.errors < 1000 ? d.errors : 1000);
    for (size_t i = 0; i < d.n; i++) {
        if (d.items[i].severity != LIA_ERROR) continue;
        snprintf(first, first_cap, "%s", d.items[i].message);
        *first_line = d.items[i].line;
        *first_in_file = strcmp(d.items[i].file, c->s->items[0].name) == 0;
        break;
    }
    if (unused)
        for (size_t i = 0; i < nsets; i++) unused[i] = !ov[nuser + i].used;
done:
    lia__diags_free(&d);
    lia__arena_free(&arena);
    return rc;
}

static int check_regime_sets(check_ctx *c, const lia_ast *ast, const spec_regime *r)
{
    char msg[512] = "";
    unsigned line = 0;
    int in_file = 0;
    int *unused = lia__calloc(r->nsets, sizeof *unused);
    if (!unused) return -1;
    int errors = check_with_sets(c, ast, r, r->nsets, msg, sizeof msg, &line, &in_file, unused);
    if (errors < 0) { lia__free(unused); return -1; }
    if (errors == 0) {
        for (size_t k = 0; k < r->nsets; k++)
            if (unused[k])
                ERR(c, r->sets[k].path_span, "in regime %s: no constant or attribute '%s' to set", r->name,
                    r->sets[k].path);
        lia__free(unused);
        return 0;
    }
    lia__free(unused);
    /* the set to blame: the one on the error's line, else the first whose addition breaks it */
    size_t blame = r->nsets;
    for (size_t k = 0; k < r->nsets && blame == r->nsets; k++)
        if (in_file && line >= r->sets[k].span.line && line <= r->sets[k].value->span.line) blame = k;
    char where[64] = "";
    if (blame == r->nsets) {
        if (in_file) snprintf(where, sizeof where, " (line %u)", line);
        char m2[8];
        unsigned l2;
        int f2;
        for (size_t k = 1; k < r->nsets && blame == r->nsets; k++) {
            int e = check_with_sets(c, ast, r, k, m2, sizeof m2, &l2, &f2, NULL);
            if (e < 0) return -1;
            if (e > 0) blame = k - 1;
        }
        if (blame == r->nsets) blame = r->nsets - 1;
    }
    ERR(c, r->sets[blame].span, "in regime %s: %s%s", r->name, msg, where);
    return 0;
}

/* ---- driver ---- */

int lia__check_regimes(check_ctx *c, const lia_ast *ast)
{
    lia_spec *sp = c->spec;
    size_t nreg = 0;
    const lia_item *first_start = NULL;
    for (const lia_item *it = ast->items; it; it = it->next) nreg += it->kind == IT_REGIME;
    sp->regimes = lia__arena_array(c->arena, nreg ? nreg : 1, sizeof *sp->regimes);
    lia_nametab tab;
    if (!sp->regimes || !lia__nametab_init(&tab, c->arena, nreg)) return -1;
    for (const lia_item *it = ast->items; it; it = it->next) {
        if (it->kind == IT_REGIME) {
            size_t prev = lia__nametab_put(&tab, it->name.s, it->name.len, sp->nregimes);
            if (prev != sp->nregimes) {
                ERR(c, it->name.span, "regime '%s' is already defined on line %u", it->name.s,
                    sp->regimes[prev].span.line);
                continue;
            }
            spec_regime *r = &sp->regimes[sp->nregimes++];
            r->name = it->name.s;
            r->span = it->name.span;
            if (!it->broken && regime_sets(c, it, r) < 0) return -1;
        } else if ((it->kind == IT_TRANSITION || it->kind == IT_START) && nreg == 0) {
            ERR(c, it->span, "'%s' needs regimes, and the file defines none",
                it->kind == IT_TRANSITION ? "transition" : "start");
        } else if (it->kind == IT_START) {
            if (first_start) {
                ERR(c, it->span, "'start' is given twice (first on line %u)", first_start->span.line);
                continue;
            }
            first_start = it;
        }
    }
    if (sp->nregimes == 0) return 0;
    if (first_start) {
        size_t s0 = find_regime(c, &tab, &first_start->name);
        if (s0 != (size_t)-1) sp->start = s0;
    }
    if (check_transitions(c, ast, &tab) < 0) return -1;
    if (c->d->errors) return 0;   /* the sets are judged on a model that is valid without them */
    for (size_t r = 0; r < sp->nregimes; r++)
        if (sp->regimes[r].nsets && check_regime_sets(c, ast, &sp->regimes[r]) < 0) return -1;
    return 0;
}
