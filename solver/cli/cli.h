/* cli.h — shared pieces of the liaison command line (which uses only the public header). */
#ifndef LIA_CLI_H
#define LIA_CLI_H
#include "liaison.h"
#include <stdio.h>

enum { EXIT_OK = 0, EXIT_CONDITION = 1, EXIT_INPUT = 2, EXIT_INTERNAL = 3 };

typedef struct cli_set { const char *name, *value; } cli_set;

/* A flag a command takes: its name, the placeholder of its value (NULL: a switch), one line
 * of help, and optionally the values it takes as the library names them (i = 0, 1, ... until
 * NULL; *note may say more about one). */
typedef const char *(*cli_names_fn)(size_t i, const char **note);
typedef struct cli_flag {
    const char *name, *arg, *help;
    cli_names_fn names;
} cli_flag;
/* A command: its name, its function, the operands of its usage line, one line of summary and
 * its flags (ending with a NULL name). commands.c holds the table. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *operands, *summary;
    const cli_flag *flags;
} cli_command;
extern const cli_command cli_commands[];   /* ends with a NULL name */
const cli_command *cli_command_find(const char *name);
const cli_flag *cli_flag_find(const cli_command *c, const char *name);
void cli_command_help(FILE *f, const cli_command *c);
void cli_general_help(FILE *f);
/* The value of a flag given as one of the names its table entry lists (the `arg` "a|b|c", or
 * the `names` function): its index, or -1 after printing why (with the closest name). */
int cli_pick(const char *command, const char *flag, const char *value);

typedef struct cli_opts {
    const char *command;          /* the command whose flags were parsed */
    const char *game;             /* the last --game */
    const char *games[16];        /* every --game (compare takes several) */
    size_t ngames;
    const char *emit;
    const char *format;           /* text | json */
    const char *method;
    const char *label;            /* nash --method lh --label K */
    int exact;                    /* nash --exact */
    int correlated, coarse;       /* nash --correlated [--coarse]; compile --emit lp [--coarse] */
    const char *maxmin;           /* compile --emit lp --maxmin PLAYER */
    const char *samples, *seed, *confidence, *disagreement;   /* share */
    const char *target, *delta, *punish;                      /* repeat */
    const char *monitor[16];                                  /* repeat --monitor PARTY=Q */
    size_t nmonitor;
    const char *vary[3];                                      /* sweep (a third is an error) */
    size_t nvary;
    const char *csv, *plot, *threads, *tolerance;             /* sweep */
    int no_refine;
    const char *ranges[64];                                   /* explore --range PATH=LO:HI */
    size_t nranges;
    const char *design, *store, *shard;                       /* explore */
    int resume, merge;
    const char *output;
    cli_set *sets;
    size_t nsets;
    size_t memory_cap;
    const char **files;
    size_t nfiles;
} cli_opts;

/* Parse argv against the flags of `command` (commands.c): a flag it does not take, an unknown
 * one (with the closest of its flags), a missing value are refused. 0 on success, else prints
 * why and returns EXIT_INPUT. Call cli_opts_free in any case. */
int cli_parse(cli_opts *o, int argc, char **argv, const char *command);
/* --format (or --emit) among the names the command's table lists, as a lia_format (*fmt
 * untouched without the flag); prints why and returns EXIT_INPUT otherwise. */
int cli_format(const cli_opts *o, const char *flag, lia_format *fmt);
void cli_opts_free(cli_opts *o);
/* Print every diagnostic of the model as FILE:LINE:COL: severity: message, the line and a caret. */
void cli_print_diags(FILE *f, const lia_model *m);
/* Open a model and apply the --set overrides; prints diagnostics. Returns an exit code and,
 * on EXIT_OK, the model in *out (caller frees). */
int cli_open_model(lia_model **out, const char *path, const cli_opts *o);
/* "FILE has no agreement or game named NAME", with the closest name or the list of them. */
void cli_no_game(const lia_model *m, const char *path, const char *name, const char *command);
/* Each --monitor PARTY=Q as the `monitor` of every agreement (or the --game one) that has
 * PARTY as a member (`AG.monitor.PARTY`); prints why and returns an exit code. */
int cli_apply_monitor(lia_model *m, const cli_opts *o, const char *command);
/* Exit code for a status. */
int cli_exit_code(lia_status st);
/* Write text to -o FILE or stdout; returns an exit code. A file is staged (cli_output_file). */
int cli_write(const cli_opts *o, const char *text, size_t len);
/* Stage text for the file at path: written to a temporary file beside it, renamed into place
 * by cli_outputs_commit when the whole command succeeded, removed by cli_outputs_abort (and
 * on SIGINT/SIGTERM/SIGHUP). A symbolic link to a file is refused; devices and FIFOs are
 * written directly. Returns an exit code (message printed). */
int cli_output_file(const char *path, const char *text, size_t len);
/* More text for a path cli_output_file took in this command: appended to its staged copy (a
 * table written in pieces never sits in memory whole). */
int cli_output_append(const char *path, const char *text, size_t len);
int cli_outputs_commit(void);
void cli_outputs_abort(void);
/* 1 if the two paths name one file (or would, once written). */
int cli_same_file(const char *a, const char *b);
/* One file for two outputs would keep only the last: EXIT_INPUT (message printed) if two of
 * the n paths (NULL: not given) name one file, flags[i] naming each in the message. */
int cli_distinct_outputs(const char *command, const char *const *paths, const char *const *flags, size_t n);

/* The sweep options from --vary (names[a] malloc'ed: the caller frees them), --threads,
 * --tolerance, --no-refine, --memory-cap, and a progress bar on a terminal (*bar its state);
 * prints why and returns an exit code. */
int cli_sweep_options(lia_sweep_options *so, char *names[2], int *bar, const cli_opts *o, const char *command);
/* The model has the game to sweep (--game, or only one) and every --vary name; prints why. */
int cli_sweep_check(lia_model *m, const lia_sweep_options *so, char *const names[2], const cli_opts *o, const char *command);
/* "liaison COMMAND ARG..." with the arguments quoted for a POSIX shell (malloc'ed; NULL if out
 * of memory): the line that regenerates an output. */
char *cli_command_line(const char *command, int argc, char **argv);

/* The liaison command (main.c): argv[1] is the command. */
int cli_main(int argc, char **argv);
/* Re-execute with one OpenBLAS thread unless OPENBLAS_NUM_THREADS is set (main.c says why). */
void cli_single_blas_thread(char **argv);

int cmd_check(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_nash(int argc, char **argv);
int cmd_solve(int argc, char **argv);
int cmd_share(int argc, char **argv);
int cmd_repeat(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_params(int argc, char **argv);
int cmd_explore(int argc, char **argv);

/* numfmt.c: the shortest decimal that reads back as v ("null" for NaN), for JSON and CSV;
 * six significant digits for readers ("-" for NaN); a JSON string; a CSV field. */
void cli_fmt_exact(char *buf, size_t cap, double v);
void cli_fmt_readable(char *buf, size_t cap, double v);
void cli_json_string(FILE *f, const char *s);
void cli_csv_field(FILE *f, const char *s);
/* Write what fill() prints into a memory stream to -o or stdout; returns an exit code. */
int cli_write_with(const cli_opts *o, void (*fill)(FILE *f, void *ctx), void *ctx);
/* Compile the game named by --game (or the only one); prints why on failure. */
int cli_compile_game(lia_game **out, lia_model *m, const cli_opts *o, const char *command);
/* --target S1,S2,...: one strategy name per player of g, in order, into target (player count
 * entries); 0 with the reason printed when a name or the count is wrong. */
int cli_parse_target(const lia_game *g, const char *text, size_t *target, const char *command);

/* errors.c: print "liaison COMMAND: " and the library's own message for a failed call — the
 * handle's (msg, when non-empty), else the thread's lia_errmsg() — and return the exit code for
 * st. A status with no message from the library still gets a sentence, never a bare status. */
int cli_fail(const char *command, lia_status st, const char *msg);
/* A failure of the command line's own (an allocation, a write), said the same way: "liaison
 * COMMAND: " and the formatted reason; returns the exit code for st. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int cli_failf(const char *command, lia_status st, const char *fmt, ...);
/* The library's message for the last failed call on this thread without a handle (lia_errmsg),
 * or a sentence naming the status when the library left none. */
const char *cli_reason(lia_status st, const char *msg);

#endif
