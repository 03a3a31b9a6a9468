/* agreement.c — precomputes an agreement's tables and instantiates the payoff formulas
 * (agreement_terms.inc) for exact rationals and for doubles. */
#include "agreement.h"
#include "../util/arena.h"
#include <string.h>

/* exact instantiation */
#define T lia_num
#define TERMS_T lia_terms_exact
#define TERMS_FN lia__agreement_member_exact
#define SCOPE_T agreement_scope_exact
#define SCOPE_FILL lia__agreement_scope_fill_exact
#define F(name) t->name
#define ZERO lia__num_int(0)
#define ONE lia__num_int(1)
#define ADD lia__num_add
#define SUB lia__num_sub
#define MUL lia__num_mul
#define DIV lia__num_div
#define MIN lia__num_min
#define IS_ZERO lia__num_is_zero
#define FROM_INT lia__num_int
#include "agreement_terms.inc"
#undef T
#undef TERMS_T
#undef TERMS_FN
#undef SCOPE_T
#undef SCOPE_FILL
#undef F
#undef ZERO
#undef ONE
#undef ADD
#undef SUB
#undef MUL
#undef DIV
#undef MIN
#undef IS_ZERO
#undef FROM_INT

/* double instantiation */
static inline double dmin(double a, double b) { return b < a ? b : a; }
#define T double
#define TERMS_T lia_terms
#define TERMS_FN lia__agreement_member
#define SCOPE_T agreement_scope
#define SCOPE_FILL lia__agreement_scope_fill
#define F(name) t->name##_d
#define ZERO 0.0
#define ONE 1.0
#define ADD(a, b) ((a) + (b))
#define SUB(a, b) ((a) - (b))
#define MUL(a, b) ((a) * (b))
#define DIV(a, b) ((a) / (b))
#define MIN dmin
#define IS_ZERO(a) ((a) == 0.0)
#define FROM_INT(n) ((double)(n))
#include "agreement_terms.inc"

/* The per-level factor table pays off in the inner loop but grows with members^2 * topics *
 * levels; above this many entries the factors are computed on the fly instead. */
enum { MAX_FACTOR_TABLE = 1 << 18 };

int lia__agreement_scope_alloc(const agreement_tables *t, struct lia_arena *a, agreement_scope_exact *ex,
                              agreement_scope *d)
{
    size_t nm = t->nm, K = t->K ? t->K : 1;
    int table = (double)nm * nm * K * t->nl <= MAX_FACTOR_TABLE;
    if (ex) {
        ex->src = lia__arena_array(a, nm * nm, sizeof(size_t));
        ex->nsrc = lia__arena_array(a, nm, sizeof(size_t));
        ex->a = lia__arena_array(a, nm * nm * K, sizeof(lia_num));
        ex->gap = lia__arena_array(a, nm * K, sizeof(lia_num));
        ex->spill = lia__arena_array(a, nm, sizeof(lia_num));
        ex->risk = lia__arena_array(a, nm, sizeof(lia_num));
        ex->fcost = lia__arena_array(a, nm, sizeof(lia_num));
        ex->fac = table ? lia__arena_array(a, nm * nm * K * t->nl, sizeof(lia_num)) : NULL;
        if ((table && !ex->fac) || !ex->src || !ex->nsrc || !ex->a || !ex->gap || !ex->spill || !ex->risk || !ex->fcost) return 0;
    }
    if (d) {
        d->src = lia__arena_array(a, nm * nm, sizeof(size_t));
        d->nsrc = lia__arena_array(a, nm, sizeof(size_t));
        d->a = lia__arena_array(a, nm * nm * K, sizeof(double));
        d->gap = lia__arena_array(a, nm * K, sizeof(double));
        d->spill = lia__arena_array(a, nm, sizeof(double));
        d->risk = lia__arena_array(a, nm, sizeof(double));
        d->fcost = lia__arena_array(a, nm, sizeof(double));
        d->fac = table ? lia__arena_array(a, nm * nm * K * t->nl, sizeof(double)) : NULL;
        if ((table && !d->fac) || !d->src || !d->nsrc || !d->a || !d->gap || !d->spill || !d->risk || !d->fcost) return 0;
    }
    return 1;
}

int lia__agreement_terms(const agreement_tables *t, const double *x, uint64_t S, size_t i, lia_terms *out)
{
    size_t lv[64];
    for (size_t m = 0; m < t->nm; m++) {
        lv[m] = 0;
        while (lv[m] < t->nl && t->levels_d[lv[m]] != x[m]) lv[m]++;
        if (lv[m] == t->nl && ((S >> m & 1) || x[m] != 0)) return 0;
    }
    lia_arena a;
    lia__arena_init(&a);
    agreement_scope sc;
    int ok = lia__agreement_scope_alloc(t, &a, NULL, &sc);
    if (ok) {
        lia__agreement_scope_fill(t, S, &sc);
        lia__agreement_member(t, &sc, lv, x, i, out);
    }
    lia__arena_free(&a);
    return ok;
}

int lia__agreement_exact_probe(const agreement_tables *t, const spec_agreement *ag, agreement_scope_exact *sc,
                              uint64_t S)
{
    lia_num x[64];
    size_t lv[64];
    for (size_t m = 0; m < t->nm; m++) {
        lv[m] = ag->nl - 1;
        x[m] = (S >> m & 1) ? ag->levels[ag->nl - 1] : lia__num_int(0);
    }
    lia__agreement_scope_fill_exact(t, S, sc);
    for (size_t i = 0; i < t->nm; i++) {
        if (!(S >> i & 1)) continue;
        lia_terms_exact te;
        lia__agreement_member_exact(t, sc, lv, x, i, &te);
        if (!lia_num_exact(lia__terms_total_exact(&te))) return 0;
    }
    return 1;
}

lia_num lia__terms_total_exact(const lia_terms_exact *t)
{
    lia_num u = lia__num_add(t->coverage, t->spillover);
    u = lia__num_sub(u, t->exposure);
    u = lia__num_add(u, t->facility_value);
    u = lia__num_sub(u, t->facility_cost);
    u = lia__num_add(u, t->transfer_in);
    return lia__num_sub(u, t->transfer_out);
}

double lia__terms_total(const lia_terms *t)
{
    return t->coverage + t->spillover - t->exposure + t->facility_value - t->facility_cost +
           t->transfer_in - t->transfer_out;
}

static int mirror(struct lia_arena *a, const lia_num *src, size_t n, double **out)
{
    *out = lia__arena_array(a, n ? n : 1, sizeof **out);
    if (!*out) return 0;
    for (size_t i = 0; i < n; i++) (*out)[i] = src[i].v;
    return 1;
}

int lia__agreement_tables_init(agreement_tables *t, struct lia_arena *a, const lia_spec *spec, const spec_agreement *ag)
{
    memset(t, 0, sizeof *t);
    size_t nm = ag->nm, K = spec->ntopics, cells = nm * nm * K;
    t->nm = nm;
    t->K = K;
    t->nfac = ag->nfac;
    t->ntr = ag->ntr;
    t->nl = ag->nl;
    t->levels = ag->levels;
    t->c = lia__arena_array(a, nm * K + 1, sizeof(lia_num));
    t->w = lia__arena_array(a, nm * K + 1, sizeof(lia_num));
    t->e = lia__arena_array(a, nm * K + 1, sizeof(lia_num));
    t->rho = lia__arena_array(a, nm, sizeof(lia_num));
    t->theta = lia__arena_array(a, K + 1, sizeof(lia_num));
    t->scope = lia__arena_array(a, cells + 1, sizeof(lia_num));
    t->fvalue = lia__arena_array(a, ag->nfac + 1, sizeof(lia_num));
    t->fcost = lia__arena_array(a, ag->nfac + 1, sizeof(lia_num));
    t->sigma = lia__arena_array(a, ag->nfac * nm + 1, sizeof(lia_num));
    t->tfrom = lia__arena_array(a, ag->ntr + 1, sizeof(size_t));
    t->tto = lia__arena_array(a, ag->ntr + 1, sizeof(size_t));
    t->tamt = lia__arena_array(a, ag->ntr + 1, sizeof(lia_num));
    if (!t->c || !t->w || !t->e || !t->rho || !t->theta || !t->scope || !t->fvalue || !t->fcost || !t->sigma ||
        !t->tfrom || !t->tto || !t->tamt)
        return 0;
    t->phimu = lia__num_mul(ag->cav_value, ag->dilution);
    for (size_t m = 0; m < nm; m++) {
        const spec_party *p = &spec->parties[ag->members[m]];
        for (size_t k = 0; k < K; k++) {
            t->c[m * K + k] = p->collect[k].n;
            t->w[m * K + k] = p->need[k].n;
            t->e[m * K + k] = p->exposure[k].n;
        }
        /* rho_m = 1 - (1 - leak)(1 - psi * disclosure) */
        lia_num keep = lia__num_sub(lia__num_int(1), p->leak.n);
        lia_num quiet = lia__num_sub(lia__num_int(1), lia__num_mul(ag->cav_disc, p->disclosure.n));
        t->rho[m] = lia__num_sub(lia__num_int(1), lia__num_mul(keep, quiet));
    }
    for (size_t k = 0; k < K; k++) t->theta[k] = spec->topics[k].common.n;
    for (size_t j = 0; j < nm; j++)
        for (size_t i = 0; i < nm; i++)
            for (size_t k = 0; k < K; k++) {
                size_t at = (j * nm + i) * K + k;
                t->scope[at] = i == j ? lia__num_int(0) : lia__num_add(ag->share[at], ag->pool[k]);
            }
    for (size_t f = 0; f < ag->nfac; f++) {
        t->fvalue[f] = ag->fac[f].value.n;
        t->fcost[f] = ag->fac[f].cost.n;
        for (size_t m = 0; m < nm; m++) t->sigma[f * nm + m] = ag->fac[f].shares[m];
    }
    for (size_t r = 0; r < ag->ntr; r++) {
        t->tfrom[r] = ag->tr[r].from;
        t->tto[r] = ag->tr[r].to;
        t->tamt[r] = ag->tr[r].amount.n;
    }
    return mirror(a, t->c, nm * K, &t->c_d) && mirror(a, t->w, nm * K, &t->w_d) && mirror(a, t->e, nm * K, &t->e_d) &&
           mirror(a, t->rho, nm, &t->rho_d) && mirror(a, t->theta, K, &t->theta_d) &&
           mirror(a, t->scope, cells, &t->scope_d) && mirror(a, t->fvalue, ag->nfac, &t->fvalue_d) &&
           mirror(a, t->fcost, ag->nfac, &t->fcost_d) && mirror(a, t->sigma, ag->nfac * nm, &t->sigma_d) &&
           mirror(a, t->tamt, ag->ntr, &t->tamt_d) && mirror(a, t->levels, ag->nl, &t->levels_d) && ((t->phimu_d = t->phimu.v), 1);
}
