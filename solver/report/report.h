/* report.h — the solve report of a model: per agreement (or explicit normal-form game) its
 * members, committed profile and payoffs, stage-game class and equilibria. */
#ifndef LIA_REPORT_REPORT_H
#define LIA_REPORT_REPORT_H
#include "liaison.h"
#include "../util/arena.h"

typedef struct lia_report_entry {
    const char *name;
    lia_game_kind kind;
    size_t np;
    const char **members;
    const char ***levels;        /* strategy names per member */
    size_t *nlevels;
    int has_commit;
    size_t *commit;              /* committed level per member */
    double *commit_payoffs;
    int has_class, class_restricted;   /* restricted: the class of withhold-or-commit */
    lia_class2x2 cls;
    size_t nprofiles;            /* profiles of the stage game */
    double *payoffs;             /* its payoffs (lia_game layout) when it is small enough to show
                                    (LIA_REPORT_KEEP_PROFILES), else NULL */
    lia_eqset *eq;               /* equilibria of the stage game (owned) */
    lia_share *shares;           /* agreements: burden sharing (owned), NULL if not computed */
    lia_repeat *repeat;          /* agreements with a commitment: its sustainability (owned) */
    lia_regimes *regimes;        /* ... and over the model's regimes, if it has any (owned) */
    lia_suspects *suspects;      /* ... and its suspected members, if it has any (owned) */
    const char *shares_why;      /* why not, when NULL */
} lia_report_entry;

/* Stage games of at most this many profiles keep their payoffs for the briefing's table. */
#define LIA_REPORT_KEEP_PROFILES 4096

struct lia_report {
    lia_arena arena;             /* names and small arrays */
    const char *title;
    const char *source;          /* the model's file name (lia_model_source_name) */
    size_t n;
    lia_report_entry *entries;
};

/* The sentences the report adds to the status (text and briefing): what a suspected member
 * k's prior does to it (the status by its JSON name, or in plain words), and what the regimes
 * say. */
void lia__report_suspect_sentence(char *line, size_t cap, const lia_report_entry *e, size_t k, int plain);
void lia__report_regimes_sentence(char *line, size_t cap, const lia_report_entry *e);

/* The sections of an agreement in its briefing (report_html.c assembles them; brief.h has the
 * pieces): the stage game (scratch: one index per member), whether the commitment is
 * self-enforcing, the transfers, the regimes, the suspects, the burden sharing. */
struct lia_buf;
double lia__brief_scale(const lia_report_entry *e);   /* the payoff scale for reading numbers */
void lia__brief_stage_game(struct lia_buf *b, const lia_report_entry *e, size_t *scratch);
void lia__brief_sustainability(struct lia_buf *b, const lia_report_entry *e);
void lia__brief_transfers(struct lia_buf *b, const lia_report_entry *e);
void lia__brief_regimes(struct lia_buf *b, const lia_report_entry *e);
void lia__brief_suspects(struct lia_buf *b, const lia_report_entry *e);
void lia__brief_burden(struct lia_buf *b, const lia_report_entry *e);

#endif
