/* check.c — semantic checking: names, let constants, expressions, overrides, topics and
 * parties; agreements and games are checked in their own files. */
#include "check_internal.h"
#include "parser.h"
#include "../util/suggest.h"
#include "../util/mem.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- expressions ---- */

int lia__check_eval(check_ctx *c, const lia_expr *e, lia_num *out)
{
    lia_num a, b;
    switch (e->kind) {
    case EX_NUM:
        *out = e->num;
        return !lia_num_is_bad(e->num);   /* a malformed literal was reported by the lexer */
    case EX_NAME: {
        size_t i = lia__nametab_get(&c->let_tab, e->name.s, e->name.len);
        if (i == (size_t)-1 || i >= c->nlets) {
            if (i != (size_t)-1)
                ERR(c, e->span, "'%s' is used before its 'let' on line %u", e->name.s, c->lets[i].span.line);
            else {
                const char *cands[64];
                size_t n = 0;
                for (size_t k = 0; k < c->nlets && n < 64; k++) cands[n++] = c->lets[k].name;
                lia__check_unknown(c, &e->name, "constant", cands, n);
            }
            return 0;
        }
        if (!c->lets[i].ok) return 0;   /* its own error was reported already */
        *out = c->lets[i].v;
        return 1;
    }
    case EX_NEG:
        if (!lia__check_eval(c, e->a, &a)) return 0;
        *out = lia__num_neg(a);
        return 1;
    case EX_ADD: case EX_SUB: case EX_MUL: case EX_DIV: {
        int ok = lia__check_eval(c, e->a, &a);
        ok = lia__check_eval(c, e->b, &b) && ok;
        if (!ok) return 0;
        if (e->kind == EX_DIV && lia__num_is_zero(b)) {
            ERR(c, e->b->span, "division by zero");
            return 0;
        }
        *out = e->kind == EX_ADD ? lia__num_add(a, b) : e->kind == EX_SUB ? lia__num_sub(a, b)
             : e->kind == EX_MUL ? lia__num_mul(a, b) : lia__num_div(a, b);
        if (!isfinite(out->v)) {
            ERR(c, e->span, "the result is too large");
            return 0;
        }
        return 1;
    }
    case EX_MIN: case EX_MAX: {
        int ok = 1;
        for (size_t k = 0; k < e->nargs; k++) {
            if (!lia__check_eval(c, e->args[k], &b)) { ok = 0; continue; }
            if (k == 0) a = b;
            else a = e->kind == EX_MIN ? lia__num_min(a, b) : lia__num_max(a, b);
        }
        if (ok) *out = a;
        return ok;
    }
    }
    return 0;
}

void lia__check_path(char *buf, size_t cap, const char *first, ...)
{
    if (cap == 0) return;
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *part = first; part; part = va_arg(ap, const char *)) {
        if (part != first && n + 1 < cap) buf[n++] = '.';
        size_t len = strlen(part);
        if (len > cap - 1 - n) len = cap - 1 - n;
        memcpy(buf + n, part, len);
        n += len;
    }
    va_end(ap);
    buf[n] = '\0';
}

static lia_override *find_override(check_ctx *c, const char *path, size_t *index)
{
    for (size_t i = c->nov; i-- > 0;) {   /* the latest override of a name wins */
        if (strcmp(c->ov[i].name, path) == 0) {
            c->ov[i].used = 1;
            *index = i;
            return &c->ov[i];
        }
    }
    return NULL;
}

int lia__check_has_override(const check_ctx *c, const char *path)
{
    for (size_t i = 0; i < c->nov; i++)
        if (strcmp(c->ov[i].name, path) == 0) return 1;
    return 0;
}

static void log_path(check_ctx *c, const char *path, double v)
{
    lia_path_log *l = c->log;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        lia_path_rec *items = lia__realloc(l->items, cap * sizeof *items);
        if (!items) { l->oom = 1; return; }
        l->items = items;
        l->cap = cap;
    }
    lia_path_rec *r = &l->items[l->n];
    memset(r, 0, sizeof *r);
    if (!(r->name = lia__arena_strndup(c->arena, path, strlen(path)))) { l->oom = 1; return; }
    r->is_let = c->log_let;
    r->value = v;
    l->n++;
}

void lia__check_unlog(check_ctx *c, const char *path)
{
    if (c->log && c->log->n && strcmp(c->log->items[c->log->n - 1].name, path) == 0) c->log->n--;
}

int lia__check_value(check_ctx *c, const char *path, const lia_expr *e, lia_num dflt, lia_span dflt_span,
                lia_val *out)
{
    size_t oi;
    int ok = 1;
    lia_num n = dflt;
    if (e) ok = lia__check_eval(c, e, &n);
    out->n = n;
    out->span = e ? e->span : dflt_span;
    if (path && find_override(c, path, &oi)) {
        if (!c->ov_expr[oi]) return 0;
        if (!lia__check_eval(c, c->ov_expr[oi], &out->n)) return 0;
        out->span = c->ov_expr[oi]->span;
        ok = 1;
    }
    if (path && c->log) log_path(c, path, ok ? out->n.v : NAN);
    return ok;
}

static void fmt_bound(char *buf, size_t cap, double v)
{
    lia__num_format_double(buf, cap, v);
}

int lia__check_range(check_ctx *c, const lia_val *v, double lo, int lo_closed, double hi, int hi_closed,
                int hi_inf, const char *what_fmt, ...)
{
    double x = v->n.v;
    int ok = lo_closed ? x >= lo : x > lo;
    if (!hi_inf) ok = ok && (hi_closed ? x <= hi : x < hi);
    if (ok) return 1;
    char what[LIA_PATH_MAX + 128];
    va_list ap;
    va_start(ap, what_fmt);
    vsnprintf(what, sizeof what, what_fmt, ap);
    va_end(ap);
    char l[32], h[32], got[48];
    fmt_bound(l, sizeof l, lo);
    fmt_bound(h, sizeof h, hi);
    lia__num_format_readable(got, sizeof got, v->n);
    if (hi_inf)
        ERR(c, v->span, "%s must be %s %s, got %s", what, lo_closed ? ">=" : ">", l, got);
    else
        ERR(c, v->span, "%s must be in %c%s, %s%c, got %s", what, lo_closed ? '[' : '(', l, h,
            hi_closed ? ']' : ')', got);
    return 0;
}

int lia__check_once(check_ctx *c, lia_stmt **seen, lia_stmt *s, const char *what)
{
    if (seen[s->kw]) {
        ERR(c, s->span, "'%s' is given twice (first on line %u)", what, seen[s->kw]->span.line);
        return 0;
    }
    seen[s->kw] = s;
    return 1;
}

void lia__check_unknown(const check_ctx *c, const lia_ident *id, const char *kind, const char **cands, size_t n)
{
    const char *sug = lia__suggest(id->s, id->len, cands, n);
    if (sug)
        ERR(c, id->span, "unknown %s '%s'; did you mean '%s'?", kind, id->s, sug);
    else
        ERR(c, id->span, "unknown %s '%s'", kind, id->s);
}

size_t lia__check_party(const check_ctx *c, const lia_ident *id)
{
    size_t i = lia__nametab_get(&c->party_tab, id->s, id->len);
    if (i == (size_t)-1) {
        const char *cands[64];
        size_t n = 0;
        for (size_t k = 0; k < c->spec->nparties && n < 64; k++) cands[n++] = c->spec->parties[k].name;
        lia__check_unknown(c, id, "party", cands, n);
    }
    return i;
}

size_t lia__check_topic(const check_ctx *c, const lia_ident *id)
{
    size_t i = lia__nametab_get(&c->topic_tab, id->s, id->len);
    if (i == (size_t)-1) {
        const char *cands[64];
        size_t n = 0;
        for (size_t k = 0; k < c->spec->ntopics && n < 64; k++) cands[n++] = c->spec->topics[k].name;
        lia__check_unknown(c, id, "topic", cands, n);
    }
    return i;
}

/* ---- topics and parties ---- */

static void check_topic_item(check_ctx *c, const lia_item *it, spec_topic *t)
{
    lia_stmt *seen[KW_COUNT] = { 0 };
    const lia_expr *common = NULL;
    for (lia_stmt *s = it->stmts; s; s = s->next)
        if (lia__check_once(c, seen, s, "common")) common = s->exprs[0];
    char path[LIA_PATH_MAX];
    CHECK_PATH(path, it->name.s, "common");
    t->name = it->name.s;
    if (lia__check_value(c, path, common, lia__num_int(0), it->name.span, &t->common))
        lia__check_range(c, &t->common, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "a topic's commonality");
}

/* need/collect/exposure: one value per topic; unlisted topics are 0 (or overridden). */
static void party_topic_values(check_ctx *c, const lia_item *it, const lia_stmt *s, const char *attr,
                               lia_val *out, double hi, int hi_inf)
{
    size_t K = c->spec->ntopics;
    const lia_pair **given = lia__arena_array(c->arena, K ? K : 1, sizeof *given);
    if (!given) { c->oom = 1; return; }
    for (size_t k = 0; s && k < s->npairs; k++) {
        size_t t = lia__check_topic(c, &s->pairs[k].name);
        if (t == (size_t)-1) continue;
        if (given[t]) {
            ERR(c, s->pairs[k].name.span, "topic '%s' is listed twice under '%s'", s->pairs[k].name.s, attr);
            continue;
        }
        given[t] = &s->pairs[k];
    }
    char path[LIA_PATH_MAX];
    for (size_t t = 0; t < K; t++) {
        CHECK_PATH(path, it->name.s, attr, c->spec->topics[t].name);
        if (!lia__check_value(c, path, given[t] ? given[t]->value : NULL, lia__num_int(0), it->name.span, &out[t]))
            continue;
        lia__check_range(c, &out[t], 0, RANGE_CLOSED, hi, RANGE_CLOSED, hi_inf, "%s's %s on '%s'", it->name.s, attr, c->spec->topics[t].name);
    }
}

/* `suspect PRIOR leak LEAK`: a party is a suspect when it says so or an override names
 * P.suspect or P.suspect.leak (so a sweep can make any party one); the penetrated leak
 * defaults to the party's own. */
static void check_suspect(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_party *p)
{
    char path[LIA_PATH_MAX], leak_path[LIA_PATH_MAX];
    CHECK_PATH(path, it->name.s, "suspect");
    CHECK_PATH(leak_path, it->name.s, "suspect", "leak");
    p->suspect = s || lia__check_has_override(c, path) || lia__check_has_override(c, leak_path);
    if (lia__check_value(c, path, s ? s->value : NULL, lia__num_int(0), it->name.span, &p->suspect_prior)) {
        lia__check_range(c, &p->suspect_prior, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "%s's suspect prior (a probability)", it->name.s);
    }
    /* by default the party's own leak, whose range is checked with it */
    if (lia__check_value(c, leak_path, s ? s->cost : NULL, p->leak.n, it->name.span, &p->suspect_leak) &&
        (s || lia__check_has_override(c, leak_path))) {
        lia__check_range(c, &p->suspect_leak, 0, RANGE_CLOSED, 1, RANGE_OPEN, 0, "%s's leak when penetrated (a probability)", it->name.s);
    }
}

static void check_party_item(check_ctx *c, const lia_item *it, spec_party *p)
{
    lia_stmt *seen[KW_COUNT] = { 0 };
    static const char *const names[] = {
        [KW_RESOURCES] = "resources", [KW_PATIENCE] = "patience", [KW_LEAK] = "leak",
        [KW_DISCLOSURE] = "disclosure", [KW_NEED] = "need", [KW_COLLECT] = "collect",
        [KW_EXPOSURE] = "exposure", [KW_SUSPECT] = "suspect" };
    for (lia_stmt *s = it->stmts; s; s = s->next) lia__check_once(c, seen, s, names[s->kw]);
    p->name = it->name.s;
    p->span = it->name.span;
    size_t K = c->spec->ntopics ? c->spec->ntopics : 1;
    p->need = lia__arena_array(c->arena, K, sizeof(lia_val));
    p->collect = lia__arena_array(c->arena, K, sizeof(lia_val));
    p->exposure = lia__arena_array(c->arena, K, sizeof(lia_val));
    if (!p->need || !p->collect || !p->exposure) { c->oom = 1; return; }

    struct { lia_kw kw; lia_val *v; lia_num dflt; double lo; int lo_closed; double hi; int hi_closed, hi_inf; const char *what; } sc[] = {
        { KW_RESOURCES, &p->resources, lia__num_int(1), 0, RANGE_OPEN, 0, 0, 1, "resources" },
        { KW_PATIENCE, &p->patience, lia__num_frac(9, 10), 0, RANGE_OPEN, 1, RANGE_OPEN, 0, "patience (a discount factor)" },
        { KW_LEAK, &p->leak, lia__num_int(0), 0, RANGE_CLOSED, 1, RANGE_OPEN, 0, "leak (a probability)" },
        { KW_DISCLOSURE, &p->disclosure, lia__num_int(0), 0, RANGE_CLOSED, 1, RANGE_OPEN, 0, "disclosure (a probability)" },
    };
    char path[LIA_PATH_MAX];
    for (size_t i = 0; i < sizeof sc / sizeof sc[0]; i++) {
        CHECK_PATH(path, it->name.s, names[sc[i].kw]);
        const lia_expr *e = seen[sc[i].kw] ? seen[sc[i].kw]->exprs[0] : NULL;
        if (!lia__check_value(c, path, e, sc[i].dflt, it->name.span, sc[i].v)) continue;
        lia__check_range(c, sc[i].v, sc[i].lo, sc[i].lo_closed, sc[i].hi, sc[i].hi_closed, sc[i].hi_inf, "%s's %s", it->name.s, sc[i].what);
    }
    check_suspect(c, it, seen[KW_SUSPECT], p);
    party_topic_values(c, it, seen[KW_NEED], "need", p->need, 0, 1);
    party_topic_values(c, it, seen[KW_COLLECT], "collect", p->collect, 1, 0);
    party_topic_values(c, it, seen[KW_EXPOSURE], "exposure", p->exposure, 0, 1);
}

/* ---- driver ---- */

static const char *kind_word(lia_item_kind k)
{
    switch (k) {
    case IT_TOPIC: return "topic";
    case IT_PARTY: return "party";
    case IT_LET: return "constant";
    default: return "agreement or game";
    }
}

/* Parse every override's value once per check (they live in their own sources). */
static int parse_overrides(check_ctx *c)
{
    c->ov_expr = lia__arena_array(c->arena, c->nov ? c->nov : 1, sizeof *c->ov_expr);
    if (!c->ov_expr) return 0;
    for (size_t i = 0; i < c->nov; i++) {
        int oom = 0;
        c->ov[i].used = 0;
        c->ov_expr[i] = lia__parse_expr_at(c->arena, c->s, c->ov[i].src, c->ov[i].value_off, c->d, &oom);
        if (oom) return 0;
    }
    return 1;
}

/* `let NAME = VALUE in [LO, HI]`: the bounds are constant expressions with LO < HI, and the
 * value written in the file lies within them (an override may leave the range: it is the
 * caller's point, and explorations only sample inside). */
static void check_let_range(check_ctx *c, const lia_item *it, check_let *l, const lia_val *v)
{
    lia_num lo, hi;
    int ok = lia__check_eval(c, it->lo, &lo);
    ok = lia__check_eval(c, it->hi, &hi) && ok;
    if (!ok) return;
    char a[48], b[48], x[48];
    lia__num_format_readable(a, sizeof a, lo);
    lia__num_format_readable(b, sizeof b, hi);
    if (!(lo.v < hi.v)) {
        ERR(c, it->range_span, "the range of '%s' must have its low end below its high end, got [%s, %s]",
            it->name.s, a, b);
        return;
    }
    if (l->ok && !lia__check_has_override(c, it->name.s) && !(v->n.v >= lo.v && v->n.v <= hi.v)) {
        lia__num_format_readable(x, sizeof x, v->n);
        ERR(c, v->span, "'%s' = %s lies outside its range [%s, %s]", it->name.s, x, a, b);
        return;
    }
    l->has_range = 1;
    l->lo = lo.v;
    l->hi = hi.v;
    if (c->log && c->log->n && !c->log->oom && c->log->items[c->log->n - 1].is_let) {
        lia_path_rec *r = &c->log->items[c->log->n - 1];
        r->has_range = 1;
        r->lo = lo.v;
        r->hi = hi.v;
    }
}

/* Every named item into its table (lets, topics, parties; agreements and games share one),
 * before anything is checked, so parties may be declared after the agreements that use them.
 * A second definition of a name is reported and left out. */
static void declare_names(check_ctx *c, const lia_ast *ast, lia_nametab *game_tab, const lia_item **topic_items,
                          const lia_item **party_items)
{
    lia_spec *out = c->spec;
    size_t nlets_total = 0;
    for (const lia_item *it = ast->items; it; it = it->next) {
        lia_nametab *tab = NULL;
        size_t idx = 0;
        switch (it->kind) {
        case IT_LET: tab = &c->let_tab; idx = nlets_total; break;
        case IT_TOPIC: tab = &c->topic_tab; idx = out->ntopics; break;
        case IT_PARTY: tab = &c->party_tab; idx = out->nparties; break;
        case IT_AGREEMENT: case IT_GAME: tab = game_tab; idx = out->ngames; break;
        default: break;
        }
        if (!tab) continue;
        size_t prev = lia__nametab_put(tab, it->name.s, it->name.len, idx);
        if (prev != idx) {
            lia_span first = it->kind == IT_LET ? c->lets[prev].span
                           : it->kind == IT_TOPIC ? topic_items[prev]->name.span
                           : it->kind == IT_PARTY ? party_items[prev]->name.span
                           : out->games[prev].span;
            ERR(c, it->name.span, "%s '%s' is already defined on line %u", kind_word(it->kind), it->name.s, first.line);
            continue;
        }
        switch (it->kind) {
        case IT_LET:
            c->lets[nlets_total].name = it->name.s;
            c->lets[nlets_total].span = it->name.span;
            nlets_total++;
            break;
        case IT_TOPIC: topic_items[out->ntopics++] = it; break;
        case IT_PARTY: party_items[out->nparties++] = it; break;
        default:
            out->games[out->ngames].name = it->name.s;
            out->games[out->ngames].span = it->name.span;
            out->ngames++;
            break;
        }
    }
}

/* The lets in file order: each sees only the ones before it (c->nlets counts those). */
static void check_lets(check_ctx *c, const lia_ast *ast)
{
    size_t li = 0;
    for (const lia_item *it = ast->items; it; it = it->next) {
        if (it->kind != IT_LET) continue;
        if (lia__nametab_get(&c->let_tab, it->name.s, it->name.len) != li) continue; /* duplicate */
        c->nlets = li;
        lia_val v;
        memset(&v, 0, sizeof v);
        c->log_let = 1;
        c->lets[li].ok = !it->broken && lia__check_value(c, it->name.s, it->expr, lia__num_int(0), it->name.span, &v);
        c->log_let = 0;
        c->lets[li].v = v.n;
        if (!it->broken && it->lo) check_let_range(c, it, &c->lets[li], &v);
        li++;
    }
    c->nlets = li;
}

/* The kind an agreement or game item declares, for one whose syntax errors stopped it being
 * checked: its errors are reported, and checking the rest would only add echoes of them. */
static lia_game_kind declared_kind(const lia_item *it)
{
    return it->sub == SUB_BILATERAL ? LIA_KIND_BILATERAL : it->sub == SUB_MULTILATERAL ? LIA_KIND_MULTILATERAL
         : it->sub == SUB_NORMAL ? LIA_KIND_NORMAL : it->sub == SUB_BANKRUPTCY ? LIA_KIND_BANKRUPTCY
         : it->sub == SUB_VOTING ? LIA_KIND_VOTING
         : it->cost ? LIA_KIND_COALITIONAL_COST : LIA_KIND_COALITIONAL;
}

/* Each agreement and game (the first of each name) by the checker of its kind; an allocation
 * failure sets c->oom and stops. */
static void check_game_items(check_ctx *c, const lia_ast *ast, const lia_nametab *game_tab)
{
    size_t gi = 0;
    for (const lia_item *it = ast->items; it && !c->oom; it = it->next) {
        if (it->kind != IT_AGREEMENT && it->kind != IT_GAME) continue;
        if (lia__nametab_get(game_tab, it->name.s, it->name.len) != gi) continue; /* duplicate */
        spec_game *g = &c->spec->games[gi++];
        int rc = 0;
        if (it->broken) {
            g->kind = declared_kind(it);
            continue;
        }
        switch (it->sub) {
        case SUB_BILATERAL: case SUB_MULTILATERAL: rc = lia__check_agreement(c, it, g); break;
        case SUB_NORMAL: rc = lia__check_normal(c, it, g); break;
        case SUB_COALITIONAL: rc = lia__check_coalitional(c, it, g); break;
        case SUB_BANKRUPTCY: rc = lia__check_bankruptcy(c, it, g); break;
        case SUB_VOTING: rc = lia__check_voting(c, it, g); break;
        case SUB_NONE: break;
        }
        if (rc < 0) c->oom = 1;
    }
}

/* Everything but the regimes: names, lets, topics, parties, agreements and games, with the
 * context's overrides. Also run once per regime, with its `set`s added (check_regimes.c). */
int lia__check_items(check_ctx *c, const lia_ast *ast)
{
    lia_spec *out = c->spec;
    lia_arena *arena = c->arena;
    const lia_sources *s = c->s;
    lia_diags *d = c->d;

    size_t nlet = 0, ntopic = 0, nparty = 0, ngame = 0;
    for (const lia_item *it = ast->items; it; it = it->next) {
        switch (it->kind) {
        case IT_MODEL:
            if (out->title)
                ERR(c, it->span, "the model's title is given twice");
            out->title = it->title;
            break;
        case IT_LET: nlet++; break;
        case IT_TOPIC: ntopic++; break;
        case IT_PARTY: nparty++; break;
        case IT_AGREEMENT: case IT_GAME: ngame++; break;
        default: break;
        }
    }
    lia_nametab game_tab;
    c->lets = lia__arena_array(arena, nlet ? nlet : 1, sizeof *c->lets);
    out->topics = lia__arena_array(arena, ntopic ? ntopic : 1, sizeof *out->topics);
    out->parties = lia__arena_array(arena, nparty ? nparty : 1, sizeof *out->parties);
    out->games = lia__arena_array(arena, ngame ? ngame : 1, sizeof *out->games);
    if (!c->lets || !out->topics || !out->parties || !out->games ||
        !lia__nametab_init(&c->let_tab, arena, nlet) || !lia__nametab_init(&c->topic_tab, arena, ntopic) ||
        !lia__nametab_init(&c->party_tab, arena, nparty) || !lia__nametab_init(&game_tab, arena, ngame))
        return -1;
    const lia_item **topic_items = lia__arena_array(arena, ntopic ? ntopic : 1, sizeof *topic_items);
    const lia_item **party_items = lia__arena_array(arena, nparty ? nparty : 1, sizeof *party_items);
    if (!topic_items || !party_items) return -1;
    declare_names(c, ast, &game_tab, topic_items, party_items);
    check_lets(c, ast);
    for (size_t t = 0; t < out->ntopics; t++) check_topic_item(c, topic_items[t], &out->topics[t]);
    for (size_t p = 0; p < out->nparties && !c->oom; p++) check_party_item(c, party_items[p], &out->parties[p]);
    check_game_items(c, ast, &game_tab);
    if (out->ngames == 0 && d->errors == 0) {
        lia_span start = { 0, 1, 1, 0, 0, 0 };
        ERR(c, start, "%s defines no agreement or game: nothing to compile", s->items[0].name);
    }
    return c->oom ? -1 : 0;
}

int lia__check(lia_spec *out, lia_arena *arena, const lia_ast *ast, const lia_sources *s, lia_diags *d,
              lia_override *ov, size_t nov)
{
    return lia__check_logged(out, arena, ast, s, d, ov, nov, NULL);
}

int lia__check_logged(lia_spec *out, lia_arena *arena, const lia_ast *ast, const lia_sources *s, lia_diags *d,
                     lia_override *ov, size_t nov, lia_path_log *log)
{
    check_ctx c;
    memset(&c, 0, sizeof c);
    c.log = log;
    memset(out, 0, sizeof *out);
    c.arena = arena;
    c.s = s;
    c.d = d;
    c.ov = ov;
    c.nov = nov;
    c.spec = out;
    if (!parse_overrides(&c)) return -1;
    if (lia__check_items(&c, ast) < 0) return -1;
    return lia__check_regimes(&c, ast);
}
