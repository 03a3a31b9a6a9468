/* agreement.h — an agreement's payoff model (docs/model.md) as precomputed tables, and the
 * per-member payoff terms at a profile, for the whole agreement or a coalition inside it. */
#ifndef LIA_LOWER_AGREEMENT_H
#define LIA_LOWER_AGREEMENT_H
#include "../lang/spec.h"

struct lia_arena;

typedef struct agreement_tables {
    size_t nm, K, nfac, ntr;
    /* exact values (lia_num) and their double mirrors (_d) */
    lia_num *c, *w, *e;          /* [m*K + k]: collection, need, exposure of member m */
    lia_num *rho;                /* [m]: risk of handing material to m */
    lia_num *theta;              /* [k] */
    lia_num *scope;              /* [(j*nm + i)*K + k]: s_{j->i,k} (share or pool) */
    lia_num *shared;             /* [(j*nm + i)*K + k]: directed-share part only (bilateral exposure) */
    lia_num *pool;               /* [k] */
    lia_num *fvalue, *fcost;     /* [f] */
    lia_num *sigma;              /* [f*nm + m] */
    size_t *tfrom, *tto;         /* [t] */
    lia_num *tamt;               /* [t] */
    lia_num phimu, phi;          /* caveat value times dilution; caveat value */
    double *c_d, *w_d, *e_d, *rho_d, *theta_d, *scope_d, *shared_d, *pool_d, *fvalue_d, *fcost_d, *sigma_d, *tamt_d;
    double phimu_d, phi_d;
} agreement_tables;

/* The components of u_i (docs/model.md): u = coverage + spillover - exposure
 * + facility_value - facility_cost + transfer_in - transfer_out. */
typedef struct lia_terms_exact {
    lia_num coverage, spillover, exposure, facility_value, facility_cost, transfer_in, transfer_out;
} lia_terms_exact;
typedef struct lia_terms {
    double coverage, spillover, exposure, facility_value, facility_cost, transfer_in, transfer_out;
} lia_terms;

/* Returns 0 on allocation failure. */
int lia_agreement_tables_init(agreement_tables *t, struct lia_arena *a, const lia_spec *spec, const spec_agreement *ag);

/* Member i's terms when members play levels x[0..nm-1] (values, not indices), with flows,
 * pooled exposure and facilities restricted to coalition S (bit m = member m; members
 * outside S must have x = 0). S = all members gives the agreement's stage payoff. */
void lia_agreement_terms_exact(const agreement_tables *t, const lia_num *x, uint64_t S, size_t i, lia_terms_exact *out);
void lia_agreement_terms(const agreement_tables *t, const double *x, uint64_t S, size_t i, lia_terms *out);
lia_num lia_terms_total_exact(const lia_terms_exact *t);
double lia_terms_total(const lia_terms *t);

#endif
