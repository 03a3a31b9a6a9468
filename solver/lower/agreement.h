/* agreement.h — an agreement's payoff model (docs/model.md) as precomputed tables, and the
 * per-member payoff terms at a profile, for the whole agreement or a coalition inside it. */
#ifndef LIA_LOWER_AGREEMENT_H
#define LIA_LOWER_AGREEMENT_H
#include "../lang/spec.h"

struct lia_arena;

typedef struct agreement_tables {
    size_t nm, K, nfac, ntr, nl;
    lia_num *levels;             /* [l] */
    double *levels_d;
    /* exact values (lia_num) and their double mirrors (_d) */
    lia_num *c, *w, *e;          /* [m*K + k]: collection, need, exposure of member m */
    lia_num *rho;                /* [m]: risk of handing material to m */
    lia_num *theta;              /* [k] */
    lia_num *scope;              /* [(j*nm + i)*K + k]: s_{j->i,k} (share or pool, never both) */
    lia_num *fvalue, *fcost;     /* [f] */
    lia_num *sigma;              /* [f*nm + m] */
    size_t *tfrom, *tto;         /* [t] */
    lia_num *tamt;               /* [t] */
    lia_num phimu;               /* caveat value times dilution */
    double *c_d, *w_d, *e_d, *rho_d, *theta_d, *scope_d, *fvalue_d, *fcost_d, *sigma_d, *tamt_d;
    double phimu_d;
} agreement_tables;

/* The components of u_i (docs/model.md): u = coverage + spillover - exposure
 * + facility_value - facility_cost + transfer_in - transfer_out. */
typedef struct lia_terms_exact {
    lia_num coverage, spillover, exposure, facility_value, facility_cost, transfer_in, transfer_out;
} lia_terms_exact;
typedef struct lia_terms {
    double coverage, spillover, exposure, facility_value, facility_cost, transfer_in, transfer_out;
} lia_terms;

/* Coefficients that depend only on the coalition S (see agreement_terms.inc). Fill once per
 * S, then evaluate members at many profiles. Arrays come from lia__agreement_scope_alloc. */
typedef struct agreement_scope_exact {
    uint64_t S;
    size_t *src, *nsrc;          /* [i*nm + r]: the r-th other member of S; count per member */
    lia_num *a;                  /* [(i*nm + j)*K + k]: s_{j->i,k} c_jk phi mu */
    lia_num *fac;                /* [((i*nm + j)*K + k)*nl + l]: 1 - level_l * a, or NULL if large */
    lia_num *gap;                /* [i*K + k]: w_ik (1 - c_ik) */
    lia_num *spill, *risk, *fcost;   /* [i]: per unit of i's own level */
    lia_num fvalue;              /* sum of facility values */
} agreement_scope_exact;
typedef struct agreement_scope {
    uint64_t S;
    size_t *src, *nsrc;
    double *a, *fac, *gap, *spill, *risk, *fcost;
    double fvalue;
} agreement_scope;

/* Returns 0 on allocation failure. */
int lia__agreement_tables_init(agreement_tables *t, struct lia_arena *a, const lia_spec *spec, const spec_agreement *ag);
/* Allocate scope arrays (either may be NULL); returns 0 on allocation failure. */
int lia__agreement_scope_alloc(const agreement_tables *t, struct lia_arena *a, agreement_scope_exact *ex,
                              agreement_scope *d);

/* Fill the coefficients for coalition S (bit m = member m); S = all members is the stage game. */
void lia__agreement_scope_fill_exact(const agreement_tables *t, uint64_t S, agreement_scope_exact *sc);
void lia__agreement_scope_fill(const agreement_tables *t, uint64_t S, agreement_scope *sc);

/* Member i's terms when members play level indices lv[0..nm-1], whose values are x[0..nm-1]
 * (both given: the factor table wants indices, the linear terms values); members outside the
 * scope's coalition must have x = 0. */
void lia__agreement_member_exact(const agreement_tables *t, const agreement_scope_exact *sc, const size_t *lv,
                                const lia_num *x, size_t i, lia_terms_exact *out);
void lia__agreement_member(const agreement_tables *t, const agreement_scope *sc, const size_t *lv, const double *x,
                          size_t i, lia_terms *out);

/* Whether every member's payoff stays an exact rational at the profile where all members of
 * S share at the top level: that profile multiplies the most factors, so when it overflows
 * into doubles most of the game would, and exact arithmetic is not worth its cost. */
int lia__agreement_exact_probe(const agreement_tables *t, const spec_agreement *ag, agreement_scope_exact *sc,
                              uint64_t S);

/* One-off evaluation at level values x (each one of the agreement's levels, or 0 outside S;
 * allocates a scope: for tests and reports, not inner loops). Returns 0 on allocation
 * failure or if some x is not a level. */
int lia__agreement_terms(const agreement_tables *t, const double *x, uint64_t S, size_t i, lia_terms *out);
lia_num lia__terms_total_exact(const lia_terms_exact *t);
double lia__terms_total(const lia_terms *t);

#endif
