/* spec.h — a checked model: every name resolved, every number evaluated and in range.
 * The lowering reads only this, never the AST, so .nfg/lrs readers can fill it too. */
#ifndef LIA_LANG_SPEC_H
#define LIA_LANG_SPEC_H
#include "ast.h"

/* A value and where it came from (the source expression, or the --set that overrode it). */
typedef struct lia_val {
    lia_num n;
    lia_span span;
} lia_val;

typedef struct spec_topic {
    const char *name;
    lia_val common;
} spec_topic;

typedef struct spec_party {
    const char *name;
    lia_span span;
    lia_val resources, patience, leak, disclosure;
    lia_val *need, *collect, *exposure;      /* one per topic */
    /* `suspect PRIOR leak LEAK` (or an override of P.suspect / P.suspect.leak): the others'
     * prior belief that the party is penetrated, and its leak if it is */
    int suspect;
    lia_val suspect_prior, suspect_leak;
} spec_party;

typedef struct spec_facility {
    const char *name;
    lia_val cost, value;
    lia_split_kind split;
    lia_num *shares;                         /* sigma_i per member, resolved from split */
} spec_facility;

typedef struct spec_transfer {
    size_t from, to;                         /* member indices */
    lia_val amount;
} spec_transfer;

typedef struct spec_agreement {
    size_t nm;
    size_t *members;                         /* party indices */
    size_t nl;
    lia_num *levels;
    const char **level_names;                /* levels as written, for strategy labels */
    size_t *commit;                          /* level index per member */
    lia_num *monitor;                        /* per member: the chance per period that its
                                                withholding is noticed (1 unless `monitor`) */
    /* scope s_{j->i,k} of directed shares: [(j*nm + i)*K + k]; 0 when not shared */
    lia_num *share;
    lia_num *pool;                           /* pooled scope per topic (0: not pooled) */
    lia_num dilution, cav_value, cav_disc;
    lia_val detect;                          /* chance per period that a penetration is uncovered */
    size_t nfac;
    spec_facility *fac;
    size_t ntr;
    spec_transfer *tr;
} spec_agreement;

typedef struct spec_normal {
    size_t np;
    const char **players;
    size_t *ns;
    const char ***strategies;
    size_t nprofiles;
    lia_num *payoffs;                        /* np * nprofiles, layout of liaison.h */
} spec_normal;

typedef struct spec_coalitional {
    size_t np;
    const char **players;
    size_t nv;
    uint64_t *masks;                         /* listed coalitions; the rest are 0 */
    lia_num *values;
} spec_coalitional;

typedef struct spec_bankruptcy {
    size_t np;
    const char **players;
    lia_num estate;
    lia_num *claims;
} spec_bankruptcy;

typedef struct spec_voting {
    size_t np;
    const char **players;
    lia_num quota;
    lia_num *weights;
} spec_voting;

typedef struct spec_game {
    const char *name;
    lia_span span;
    lia_game_kind kind;
    spec_agreement agreement;                /* LIA_KIND_BILATERAL / MULTILATERAL */
    spec_normal normal;
    spec_coalitional coal;                   /* both coalitional kinds */
    spec_bankruptcy bank;
    spec_voting vote;
} spec_game;

/* One `set PATH = VALUE` of a regime: an override of the static model (docs/language.md). */
typedef struct spec_set {
    const char *path;
    lia_span path_span;
    lia_span span;                           /* the `set` keyword */
    lia_expr *value;                         /* in the AST; its span is the text to apply */
} spec_set;

typedef struct spec_regime {
    const char *name;
    lia_span span;
    size_t nsets;
    spec_set *sets;
} spec_regime;

typedef struct lia_spec {
    const char *title;
    size_t ntopics;
    spec_topic *topics;
    size_t nparties;
    spec_party *parties;
    size_t ngames;
    spec_game *games;
    size_t nregimes;                         /* 0: the static model */
    spec_regime *regimes;
    double *transition;                      /* nregimes x nregimes, row-major; rows sum to 1 */
    size_t start;
} lia_spec;

/* An override from --set / lia_model_set: `name` is a let constant or attribute path. */
typedef struct lia_override {
    char *name;
    uint32_t src;          /* source holding "NAME=VALUE" */
    size_t value_off;      /* where VALUE starts in it */
    int used;              /* set by the checker when the path matched something */
    size_t regime;         /* 0: set by the caller; r + 1: put there by applying regime r */
} lia_override;

struct lia_arena;
/* Check the AST and build the spec in arena, applying overrides. Diagnostics go to d.
 * Returns -1 on allocation failure, else 0 (errors counted in d). */
int lia__check(lia_spec *out, struct lia_arena *arena, const lia_ast *ast, const lia_sources *s,
              lia_diags *d, lia_override *ov, size_t nov);

/* Every name an override can set, as the checker met it: a let constant or a numeric
 * attribute path, its value (with the overrides in force) and a let's `in [LO, HI]` range.
 * The checker resolves every settable number through one function, so logging there lists
 * exactly what lia_model_set accepts. Names live in the check's arena. */
typedef struct lia_path_rec {
    const char *name;
    int is_let;
    double value;
    int has_range;
    double lo, hi;
} lia_path_rec;
typedef struct lia_path_log {
    lia_path_rec *items;     /* lia__realloc'd; the owner frees */
    size_t n, cap;
    int oom;
} lia_path_log;
/* lia__check, also appending every settable name to log (in file order; a name may repeat). */
int lia__check_logged(lia_spec *out, struct lia_arena *arena, const lia_ast *ast, const lia_sources *s,
                     lia_diags *d, lia_override *ov, size_t nov, lia_path_log *log);

#endif
