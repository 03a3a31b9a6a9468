/* explore.h — the exploration handle shared by the driver (explore.c), the store
 * (explore_store.c), the analyses (explore_analyse.c) and the writers. */
#ifndef LIA_EXPLORE_EXPLORE_H
#define LIA_EXPLORE_EXPLORE_H
#include "liaison.h"
#include "../util/arena.h"
#include <stdint.h>

/* Rows per batch: one transaction of the store, one barrier of the threads. Large enough that
 * a commit (an fsync) is rare, small enough that a cancel loses little. */
enum { LIA__EXPLORE_BATCH = 512, LIA__EXPLORE_MAX_THREADS = 64 };

typedef struct lia__store lia__store;
typedef struct lia__explore_run lia__explore_run;

struct lia_explore {
    lia_arena arena;
    char errmsg[512];
    const char *game;
    lia_design design;
    uint64_t n, seed;
    double delta;
    size_t d;                       /* parameters */
    const char **pnames;
    double *lo, *hi;
    size_t members;
    const char **mnames;
    size_t *target;                 /* the profile judged, one strategy per member; NULL: the
                                       commitment */
    size_t ncols;                   /* parameters, then the outputs (explore.h column layout) */
    const char **cols;
    uint64_t total;                 /* runs of the whole design */
    uint64_t first;                 /* index of the first run held */
    uint64_t nruns, cap;            /* runs held, and room */
    double *rows;                   /* nruns x ncols, row-major (lia__malloc) */
    char *model_text;               /* lia__model_text of the model explored (lia__malloc) */
    size_t model_len;
    int complete;                   /* every run of the design is held */
    /* a planned exploration (lia_explore_plan) until lia_explore_finish: */
    lia__explore_run *run;          /* the workers (explore_run.c) */
    lia__store *store;              /* NULL: the runs are held in rows */
    const char *store_path;
    uint64_t next, end;             /* runs [next, end) of the slice are still to be appended */
};

/* Column layout after the d parameters, for M members. */
static inline size_t lia__col_status(const lia_explore *e) { return e->d; }
static inline size_t lia__col_slack(const lia_explore *e, size_t i) { return e->d + 1 + i; }
static inline size_t lia__col_dstar(const lia_explore *e, size_t i) { return e->d + 1 + e->members + i; }
static inline size_t lia__col_dir(const lia_explore *e, size_t i) { return e->d + 1 + 2 * e->members + i; }
static inline size_t lia__col_transfers(const lia_explore *e) { return e->d + 1 + 3 * e->members; }
static inline size_t lia__col_welfare(const lia_explore *e) { return e->d + 2 + 3 * e->members; }
static inline size_t lia__col_core(const lia_explore *e) { return e->d + 3 + 3 * e->members; }
static inline size_t lia__explore_ncols(size_t d, size_t m) { return d + 4 + 3 * m; }

/* A fresh handle (arena initialised). */
lia_explore *lia__explore_new(void);
/* Name the columns from pnames and mnames; 0 on allocation failure. */
int lia__explore_columns(lia_explore *e);
/* Append n rows to the held table; 0 on allocation failure. */
int lia__explore_append(lia_explore *e, const double *rows, size_t n);
void lia__explore_err(lia_explore *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The name of a status code (verdict names, and "invalid" for -1). */
const char *lia__explore_status_name(int code);
/* Status code of a name; -2 if unknown. */
int lia__explore_status_code(const char *name);

/* CSV rows [from, from + n) of the runs held (explore_csv.c), after a header line if asked. */
struct lia_buf;
lia_status lia__explore_csv(struct lia_buf *b, const lia_explore *e, uint64_t from, uint64_t n, int with_header);

/* ---- the workers (explore_run.c) ---- */
/* Workers for e's planned runs: o->threads (0: 2) clones of m; on failure e->run is set (freed
 * with e). */
lia_status lia__explore_run_new(lia_explore *e, const lia_model *m, const lia_explore_options *o);
void lia__explore_run_free(lia__explore_run *x);
/* Solve runs [first, first + count) into values (count x ncols); the progress callback sees
 * base + runs done of `total`. LIA_ECANCELED or a failure leaves the message in e. */
lia_status lia__explore_solve(lia_explore *e, uint64_t first, size_t count, double *values, uint64_t base, uint64_t total);

/* ---- the store (explore_store.c) ---- */
/* Open or create `path` for the exploration e describes (its set-up filled, no rows):
 * - a new or empty file: create the tables and the metadata (unfinished);
 * - a store of the same exploration and slice: *done receives the runs it holds (a prefix of the
 *   slice) and *complete whether it is finished;
 * - anything else: LIA_EUSAGE with the reason in e's message. */
lia_status lia__store_open(lia__store **out, lia_explore *e, const char *path, uint64_t *done, int *complete);
/* Write rows of runs [first, first + n) in one transaction. */
lia_status lia__store_append(lia__store *s, lia_explore *e, const double *rows, uint64_t first, size_t n);
/* Mark the store finished (all runs of its slice written). */
lia_status lia__store_finish(lia__store *s, lia_explore *e);
void lia__store_close(lia__store *s);
/* Read a store's set-up and rows into a fresh handle (*out also on failure, with the message). */
lia_status lia__store_load(lia_explore **out, const char *path);

#endif
