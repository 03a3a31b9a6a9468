/* check_agreement.c — checking a bilateral or multilateral agreement block into its spec. */
#include "check_internal.h"
#include "../util/mem.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

enum { MAX_MEMBERS = 63 };                 /* coalitions are 64-bit masks */
enum { MAX_SHARE_CELLS = 1 << 24 };        /* members^2 * topics */

static size_t member_index(const spec_agreement *a, size_t party)
{
    for (size_t i = 0; i < a->nm; i++)
        if (a->members[i] == party) return i;
    return (size_t)-1;
}

/* A party named in the agreement body must be a member; diagnosed otherwise. */
static size_t member_of(check_ctx *c, const lia_item *it, const spec_agreement *a, const lia_ident *id)
{
    size_t p = lia__check_party(c, id);
    if (p == (size_t)-1) return p;
    size_t m = member_index(a, p);
    if (m == (size_t)-1)
        ERR(c, id->span, "'%s' is not a member of agreement '%s'", id->s, it->name.s);
    return m;
}

static const char *source_text(check_ctx *c, lia_span sp)
{
    size_t n = sp.len > 40 ? 40 : sp.len;
    const char *t = lia__arena_strndup(c->arena, c->s->items[sp.src].text + sp.off, n);
    if (!t) c->oom = 1;
    return t ? t : "?";
}

static int check_members(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_agreement *a)
{
    if (!s) {
        ERR(c, it->name.span, "agreement '%s' has no 'members' line", it->name.s);
        return 0;
    }
    if (s->nnames > MAX_MEMBERS) {
        ERR(c, s->span, "agreement '%s' has %zu members; at most %d are supported", it->name.s, s->nnames, MAX_MEMBERS);
        return 0;
    }
    a->members = lia__arena_array(c->arena, s->nnames, sizeof *a->members);
    if (!a->members) { c->oom = 1; return 0; }
    int ok = 1;
    for (size_t i = 0; i < s->nnames; i++) {
        size_t p = lia__check_party(c, &s->names[i]);
        if (p == (size_t)-1) { ok = 0; continue; }
        if (member_index(a, p) != (size_t)-1) {
            ERR(c, s->names[i].span, "'%s' is listed twice as a member", s->names[i].s);
            ok = 0;
            continue;
        }
        a->members[a->nm++] = p;
    }
    if (!ok) return 0;
    if (it->sub == SUB_BILATERAL && a->nm != 2) {
        ERR(c, s->span, "a bilateral agreement has exactly two members; '%s' lists %zu (make it multilateral?)",
            it->name.s, a->nm);
        return 0;
    }
    if (it->sub == SUB_MULTILATERAL && a->nm < 2) {
        ERR(c, s->span, "a multilateral agreement needs at least two members; '%s' lists %zu", it->name.s, a->nm);
        return 0;
    }
    return 1;
}

static int check_levels(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_agreement *a)
{
    size_t n = s ? s->nexprs : 2;
    a->levels = lia__arena_array(c->arena, n, sizeof *a->levels);
    a->level_names = lia__arena_array(c->arena, n, sizeof *a->level_names);
    if (!a->levels || !a->level_names) { c->oom = 1; return 0; }
    a->nl = n;
    if (!s) {                       /* default: share nothing or everything */
        a->levels[0] = lia__num_int(0);
        a->levels[1] = lia__num_int(1);
        a->level_names[0] = "0";
        a->level_names[1] = "1";
        return 1;
    }
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        lia_val v;
        if (!lia__check_value(c, NULL, s->exprs[i], lia__num_int(0), s->span, &v)) { ok = 0; continue; }
        if (!lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "a sharing level")) { ok = 0; continue; }
        a->levels[i] = v.n;
        a->level_names[i] = source_text(c, s->exprs[i]->span);
        if (i > 0 && ok && lia__num_cmp(a->levels[i - 1], v.n) >= 0) {
            ERR(c, s->exprs[i]->span, "sharing levels must increase: %s does not exceed %s",
                a->level_names[i], a->level_names[i - 1]);
            ok = 0;
        }
    }
    (void)it;
    return ok;
}

static size_t level_index(const spec_agreement *a, lia_num v)
{
    for (size_t l = 0; l < a->nl; l++) {
        if (lia_num_exact(v) && lia_num_exact(a->levels[l]) ? lia__num_cmp(v, a->levels[l]) == 0
                                                            : fabs(v.v - a->levels[l].v) < 1e-12)
            return l;
    }
    return (size_t)-1;
}

/* The `P value, ...` pairs of statement s by member index (NULL where not given), each member
 * at most once ("'P' is <verb> twice"); NULL on allocation failure. */
static const lia_pair **member_pairs(check_ctx *c, const lia_item *it, const lia_stmt *s, const spec_agreement *a,
                                     const char *verb)
{
    const lia_pair **given = lia__arena_array(c->arena, a->nm, sizeof *given);
    if (!given) { c->oom = 1; return NULL; }
    for (size_t k = 0; s && k < s->npairs; k++) {
        size_t m = member_of(c, it, a, &s->pairs[k].name);
        if (m == (size_t)-1) continue;
        if (given[m]) { ERR(c, s->pairs[k].name.span, "'%s' is %s twice", s->pairs[k].name.s, verb); continue; }
        given[m] = &s->pairs[k];
    }
    return given;
}

static void check_commit(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_agreement *a)
{
    const lia_pair **given = member_pairs(c, it, s, a, "committed");
    a->commit = lia__arena_array(c->arena, a->nm, sizeof *a->commit);
    if (!given || !a->commit) { c->oom = 1; return; }
    char path[LIA_PATH_MAX];
    for (size_t m = 0; m < a->nm; m++) {
        const char *pname = c->spec->parties[a->members[m]].name;
        CHECK_PATH(path, it->name.s, "commit", pname);
        lia_val v;
        a->commit[m] = a->nl - 1;
        if (!lia__check_value(c, path, given[m] ? given[m]->value : NULL, a->levels[a->nl - 1], it->name.span, &v))
            continue;
        size_t l = level_index(a, v.n);
        if (l == (size_t)-1) {
            char got[48];
            lia__num_format_double(got, sizeof got, v.n.v);
            ERR(c, v.span, "%s's commitment %s is not one of the agreement's sharing levels", pname, got);
            continue;
        }
        a->commit[m] = l;
    }
}

/* `monitor P q, ...`: each member's detection probability in (0, 1], 1 when not given. */
static void check_monitor(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_agreement *a)
{
    const lia_pair **given = member_pairs(c, it, s, a, "monitored");
    a->monitor = lia__arena_array(c->arena, a->nm, sizeof *a->monitor);
    if (!given || !a->monitor) { c->oom = 1; return; }
    char path[LIA_PATH_MAX];
    for (size_t m = 0; m < a->nm; m++) {
        const char *pname = c->spec->parties[a->members[m]].name;
        CHECK_PATH(path, it->name.s, "monitor", pname);
        lia_val v;
        a->monitor[m] = lia__num_int(1);
        if (lia__check_value(c, path, given[m] ? given[m]->value : NULL, lia__num_int(1), it->name.span, &v) &&
            lia__check_range(c, &v, 0, RANGE_OPEN, 1, RANGE_CLOSED, 0, "the chance that %s's withholding is noticed", pname))
            a->monitor[m] = v.n;
    }
}

/* Directed shares and pooled topics: the scopes s_{j->i,k}. */
static void check_flows(check_ctx *c, const lia_item *it, lia_stmt *const *shares, size_t nshares,
                        const lia_stmt *pool, spec_agreement *a)
{
    size_t K = c->spec->ntopics, nm = a->nm, cells;
    if (!lia__size_mul(nm * nm, K ? K : 1, &cells) || cells > MAX_SHARE_CELLS) {
        ERR(c, it->name.span, "agreement '%s' has too many member pairs times topics", it->name.s);
        return;
    }
    a->share = lia__arena_array(c->arena, cells, sizeof *a->share);
    a->pool = lia__arena_array(c->arena, K ? K : 1, sizeof *a->pool);
    const lia_pair **given = lia__arena_array(c->arena, cells, sizeof *given);
    const lia_pair **pooled = lia__arena_array(c->arena, K ? K : 1, sizeof *pooled);
    if (!a->share || !a->pool || !given || !pooled) { c->oom = 1; return; }
    for (size_t i = 0; i < cells; i++) a->share[i] = lia__num_int(0);
    for (size_t k = 0; k < K; k++) a->pool[k] = lia__num_int(0);

    for (size_t k = 0; pool && k < pool->npairs; k++) {
        size_t t = lia__check_topic(c, &pool->pairs[k].name);
        if (t == (size_t)-1) continue;
        if (pooled[t]) { ERR(c, pool->pairs[k].name.span, "topic '%s' is pooled twice", pool->pairs[k].name.s); continue; }
        pooled[t] = &pool->pairs[k];
    }
    for (size_t si = 0; si < nshares; si++) {
        const lia_stmt *s = shares[si];
        size_t from = member_of(c, it, a, &s->a), to = member_of(c, it, a, &s->b);
        if (from == (size_t)-1 || to == (size_t)-1) continue;
        if (from == to) { ERR(c, s->b.span, "'%s' cannot share with itself", s->a.s); continue; }
        for (size_t k = 0; k < s->npairs; k++) {
            size_t t = lia__check_topic(c, &s->pairs[k].name);
            if (t == (size_t)-1) continue;
            if (pooled[t]) {
                ERR(c, s->pairs[k].name.span, "topic '%s' is pooled on line %u; a directed share of it would count twice",
                    s->pairs[k].name.s, pooled[t]->name.span.line);
                continue;
            }
            size_t cell = (from * nm + to) * K + t;
            if (given[cell]) {
                ERR(c, s->pairs[k].name.span, "share %s -> %s of '%s' is given twice (first on line %u)",
                    s->a.s, s->b.s, s->pairs[k].name.s, given[cell]->name.span.line);
                continue;
            }
            given[cell] = &s->pairs[k];
        }
    }
    /* resolve every cell through lia__check_value so --set can add a flow the file did not write;
     * the pool/share exclusion is checked on the resolved scopes, so --set cannot bypass it */
    char path[LIA_PATH_MAX];
    for (size_t t = 0; t < K; t++) {
        const char *tn = c->spec->topics[t].name;
        lia_val v;
        CHECK_PATH(path, it->name.s, "pool", tn);
        if (lia__check_value(c, path, pooled[t] ? pooled[t]->value : NULL, lia__num_int(0), it->name.span, &v)) {
            if (lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "the pooled scope of '%s'", tn)) a->pool[t] = v.n;
        }
        for (size_t j = 0; j < nm; j++) {
            for (size_t i = 0; i < nm; i++) {
                if (i == j) continue;
                size_t cell = (j * nm + i) * K + t;
                const char *jn = c->spec->parties[a->members[j]].name, *in = c->spec->parties[a->members[i]].name;
                CHECK_PATH(path, it->name.s, "share", jn, in, tn);
                if (!lia__check_value(c, path, given[cell] ? given[cell]->value : NULL, lia__num_int(0), it->name.span, &v))
                    continue;
                if (!lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "the scope of %s -> %s on '%s'", jn, in, tn)) continue;
                if (!lia__num_is_zero(v.n) && !lia__num_is_zero(a->pool[t])) {
                    ERR(c, v.span, "topic '%s' is pooled in '%s'; a directed share %s -> %s of it would count twice",
                        tn, it->name.s, jn, in);
                    continue;
                }
                a->share[cell] = v.n;
            }
        }
    }
}

static void check_facility(check_ctx *c, const lia_item *it, const lia_stmt *s, spec_agreement *a, spec_facility *f)
{
    char path[LIA_PATH_MAX];
    f->name = s->a.s;
    f->split = s->split;
    if (!s->cost) ERR(c, s->a.span, "facility '%s' needs a 'cost'", s->a.s);
    if (!s->value) ERR(c, s->a.span, "facility '%s' needs a 'value'", s->a.s);
    CHECK_PATH(path, it->name.s, "facility", s->a.s, "cost");
    if (lia__check_value(c, path, s->cost, lia__num_int(0), s->a.span, &f->cost))
        lia__check_range(c, &f->cost, 0, RANGE_CLOSED, 0, 0, 1, "the cost of facility '%s'", s->a.s);
    CHECK_PATH(path, it->name.s, "facility", s->a.s, "value");
    if (lia__check_value(c, path, s->value, lia__num_int(0), s->a.span, &f->value))
        lia__check_range(c, &f->value, 0, RANGE_CLOSED, 0, 0, 1, "the value of facility '%s'", s->a.s);

    f->shares = lia__arena_array(c->arena, a->nm, sizeof *f->shares);
    const lia_pair **given = lia__arena_array(c->arena, a->nm, sizeof *given);
    if (!f->shares || !given) { c->oom = 1; return; }
    if (f->split == SPLIT_EQUAL) {
        for (size_t m = 0; m < a->nm; m++) f->shares[m] = lia__num_frac(1, (int64_t)a->nm);
        return;
    }
    if (f->split == SPLIT_PROPORTIONAL) {
        lia_num total = lia__num_int(0);
        for (size_t m = 0; m < a->nm; m++) total = lia__num_add(total, c->spec->parties[a->members[m]].resources.n);
        for (size_t m = 0; m < a->nm; m++)
            f->shares[m] = total.v > 0 ? lia__num_div(c->spec->parties[a->members[m]].resources.n, total) : lia__num_int(0);
        return;
    }
    for (size_t k = 0; k < s->npairs; k++) {
        size_t m = member_of(c, it, a, &s->pairs[k].name);
        if (m == (size_t)-1) continue;
        if (given[m]) { ERR(c, s->pairs[k].name.span, "'%s' appears twice in the split", s->pairs[k].name.s); continue; }
        given[m] = &s->pairs[k];
    }
    lia_num sum = lia__num_int(0);
    int ok = 1;
    for (size_t m = 0; m < a->nm; m++) {
        const char *pn = c->spec->parties[a->members[m]].name;
        lia_val v;
        CHECK_PATH(path, it->name.s, "facility", s->a.s, "split", pn);
        if (!lia__check_value(c, path, given[m] ? given[m]->value : NULL, lia__num_int(0), s->split_span, &v)) { ok = 0; continue; }
        if (!lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "%s's share of facility '%s'", pn, s->a.s)) { ok = 0; continue; }
        f->shares[m] = v.n;
        sum = lia__num_add(sum, v.n);
    }
    int one = lia_num_exact(sum) ? lia__num_eq_int(sum, 1) : fabs(sum.v - 1) < 1e-9;
    if (ok && !one) {
        char got[48];
        lia__num_format_readable(got, sizeof got, sum);
        ERR(c, s->split_span, "the shares of facility '%s' sum to %s, not 1", s->a.s, got);
    }
}

static void check_transfers(check_ctx *c, const lia_item *it, lia_stmt *const *trs, size_t ntr, spec_agreement *a)
{
    a->tr = lia__arena_array(c->arena, ntr ? ntr : 1, sizeof *a->tr);
    unsigned char *given = lia__arena_alloc(c->arena, a->nm * a->nm);   /* [from*nm + to] */
    if (!a->tr || !given) { c->oom = 1; return; }
    char path[LIA_PATH_MAX];
    for (size_t i = 0; i < ntr; i++) {
        const lia_stmt *s = trs[i];
        size_t from = member_of(c, it, a, &s->a), to = member_of(c, it, a, &s->b);
        if (from == (size_t)-1 || to == (size_t)-1) continue;
        if (from == to) { ERR(c, s->b.span, "'%s' cannot pay itself", s->a.s); continue; }
        if (given[from * a->nm + to]++) { ERR(c, s->span, "transfer %s -> %s is given twice", s->a.s, s->b.s); continue; }
        spec_transfer *t = &a->tr[a->ntr];
        t->from = from;
        t->to = to;
        CHECK_PATH(path, it->name.s, "transfer", s->a.s, s->b.s);
        if (lia__check_value(c, path, s->exprs[0], lia__num_int(0), s->span, &t->amount) &&
            lia__check_range(c, &t->amount, 0, RANGE_CLOSED, 0, 0, 1, "transfer %s -> %s", s->a.s, s->b.s))
            a->ntr++;
    }
}

int lia__check_agreement(check_ctx *c, const lia_item *it, spec_game *g)
{
    spec_agreement *a = &g->agreement;
    g->kind = it->sub == SUB_BILATERAL ? LIA_KIND_BILATERAL : LIA_KIND_MULTILATERAL;
    lia_stmt *seen[KW_COUNT] = { 0 };
    size_t nshare = 0, nfac = 0, ntr = 0;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        switch (s->kw) {
        case KW_SHARE: nshare++; break;
        case KW_FACILITY: nfac++; break;
        case KW_TRANSFER: ntr++; break;
        case KW_MEMBERS: lia__check_once(c, seen, s, "members"); break;
        case KW_LEVELS: lia__check_once(c, seen, s, "levels"); break;
        case KW_COMMIT: lia__check_once(c, seen, s, "commit"); break;
        case KW_POOL: lia__check_once(c, seen, s, "pool"); break;
        case KW_DILUTION: lia__check_once(c, seen, s, "dilution"); break;
        case KW_CAVEAT: lia__check_once(c, seen, s, "caveat"); break;
        case KW_MONITOR: lia__check_once(c, seen, s, "monitor"); break;
        case KW_DETECT: lia__check_once(c, seen, s, "detect"); break;
        default: break;
        }
    }
    lia_stmt **shares = lia__arena_array(c->arena, nshare ? nshare : 1, sizeof *shares);
    lia_stmt **facs = lia__arena_array(c->arena, nfac ? nfac : 1, sizeof *facs);
    lia_stmt **trs = lia__arena_array(c->arena, ntr ? ntr : 1, sizeof *trs);
    if (!shares || !facs || !trs) return -1;
    /* `detect q`: the chance per period that a suspect's penetration is uncovered */
    char dpath[LIA_PATH_MAX];
    CHECK_PATH(dpath, it->name.s, "detect");
    if (lia__check_value(c, dpath, seen[KW_DETECT] ? seen[KW_DETECT]->exprs[0] : NULL, lia__num_int(0), it->name.span,
                    &a->detect))
        lia__check_range(c, &a->detect, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "%s's detect (a probability per period)", it->name.s);
    nshare = nfac = ntr = 0;
    for (lia_stmt *s = it->stmts; s; s = s->next) {
        if (s->kw == KW_SHARE) shares[nshare++] = s;
        if (s->kw == KW_FACILITY) facs[nfac++] = s;
        if (s->kw == KW_TRANSFER) trs[ntr++] = s;
    }
    if (!check_members(c, it, seen[KW_MEMBERS], a)) return c->oom ? -1 : 0;
    if (!check_levels(c, it, seen[KW_LEVELS], a)) return c->oom ? -1 : 0;
    check_commit(c, it, seen[KW_COMMIT], a);
    check_monitor(c, it, seen[KW_MONITOR], a);
    check_flows(c, it, shares, nshare, seen[KW_POOL], a);

    char path[LIA_PATH_MAX];
    lia_span at = it->name.span;
    if (seen[KW_DILUTION] && it->sub == SUB_BILATERAL)
        ERR(c, seen[KW_DILUTION]->span, "'dilution' applies to multilateral agreements only");
    lia_val v;
    CHECK_PATH(path, it->name.s, "dilution");
    a->dilution = lia__num_int(1);
    if (lia__check_value(c, path, seen[KW_DILUTION] ? seen[KW_DILUTION]->exprs[0] : NULL, lia__num_int(1), at, &v) &&
        lia__check_range(c, &v, 0, RANGE_OPEN, 1, RANGE_CLOSED, 0, "dilution"))
        a->dilution = v.n;
    if (it->sub == SUB_BILATERAL && !seen[KW_DILUTION] && v.span.src != it->name.span.src)
        ERR(c, v.span, "'dilution' applies to multilateral agreements only");
    if (it->sub == SUB_BILATERAL) {
        a->dilution = lia__num_int(1);
        lia__check_unlog(c, path);   /* resolved for its messages, but no parameter of a bilateral */
    }

    const lia_stmt *cav = seen[KW_CAVEAT];
    a->cav_value = a->cav_disc = lia__num_int(1);
    CHECK_PATH(path, it->name.s, "caveat", "value");
    if (lia__check_value(c, path, cav ? cav->value : NULL, lia__num_int(1), at, &v) &&
        lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "the caveat's value factor"))
        a->cav_value = v.n;
    CHECK_PATH(path, it->name.s, "caveat", "disclosure");
    if (lia__check_value(c, path, cav ? cav->cost : NULL, lia__num_int(1), at, &v) &&
        lia__check_range(c, &v, 0, RANGE_CLOSED, 1, RANGE_CLOSED, 0, "the caveat's disclosure factor"))
        a->cav_disc = v.n;

    a->fac = lia__arena_array(c->arena, nfac ? nfac : 1, sizeof *a->fac);
    lia_nametab ftab;
    if (!a->fac || !lia__nametab_init(&ftab, c->arena, nfac)) return -1;
    for (size_t i = 0; i < nfac; i++) {
        size_t first = lia__nametab_put(&ftab, facs[i]->a.s, facs[i]->a.len, i);
        if (first != i) {
            ERR(c, facs[i]->a.span, "facility '%s' is defined twice (first on line %u)", facs[i]->a.s,
                facs[first]->a.span.line);
            continue;
        }
        check_facility(c, it, facs[i], a, &a->fac[a->nfac++]);
    }
    check_transfers(c, it, trs, ntr, a);
    return c->oom ? -1 : 0;
}
