/* explore_cli.h — `liaison explore` in pieces, so that liaison-mpi (solver/cli/mpi/) parses the
 * same flags, shows the same bar and reports the same way as the single-process command. */
#ifndef LIA_EXPLORE_CLI_H
#define LIA_EXPLORE_CLI_H
#include "cli.h"
#include <time.h>

/* The bar on a terminal (with the time left at the rate so far) and the Ctrl-C test hook. */
typedef struct cli_bar { int tty, last; struct timespec t0; unsigned long long stop_after; } cli_bar;
/* A lia_progress_fn over a cli_bar: draws it; nonzero after Ctrl-C or the test hook's run count. */
int cli_explore_progress(void *ctx, size_t done, size_t total);

/* Ctrl-C sets the flag cli_explore_progress reads (on = 1), or the old handler returns (0). */
void cli_explore_catch_sigint(int on);

enum { CLI_EXPLORE_RUN, CLI_EXPLORE_MERGE, CLI_EXPLORE_REANALYSE };
typedef struct cli_explore {
    cli_opts o;
    int mode;                       /* CLI_EXPLORE_... */
    lia_format fmt;
    lia_explore_options eo;         /* RUN: the options, with progress = the bar */
    lia_explore_range ranges[64];
    char *names[64];
    cli_bar bar;
    lia_model *m;                   /* RUN: the model, opened with --set applied */
    size_t *target;                 /* RUN: --target as strategy indices (eo.target), or NULL */
} cli_explore;

/* Parse and check the flags; for an exploration to run (mode RUN) also fill eo and open the
 * model (diagnostics printed). Returns an exit code; call cli_explore_cleanup in any case. */
int cli_explore_setup(cli_explore *x, int argc, char **argv);
void cli_explore_cleanup(cli_explore *x);
/* Print what the exploration's status and handle say (the analyses, the CSV, or why it
 * stopped); returns the exit code. */
int cli_explore_finish(lia_status st, const lia_explore *e, const cli_opts *o, lia_format fmt);

#endif
