/* sweep_args.c — the options of a sweep, shared by `sweep` and `solve --format html --vary`:
 * --vary NAME=FROM:TO:STEPS (one or two), --threads, --tolerance, --no-refine, the progress bar
 * on a terminal, and the checks that need the model (which game, known parameter names). */
#include "cli.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "NAME=FROM:TO:STEPS" */
static int parse_vary(const char *text, lia_sweep_axis *axis, char **name, const char *command)
{
    const char *eq = strrchr(text, '=');
    if (!eq || eq == text) goto bad;
    *name = strndup(text, (size_t)(eq - text));
    if (!*name) return 0;
    char *end;
    errno = 0;
    axis->from = strtod(eq + 1, &end);
    if (end == eq + 1 || *end != ':') goto bad;
    const char *p = end + 1;
    axis->to = strtod(p, &end);
    if (end == p || *end != ':') goto bad;
    p = end + 1;
    unsigned long long steps = *p == '-' ? 0 : strtoull(p, &end, 10);
    if (end == p || *end || errno || steps < 2 || steps > 100000000 || !isfinite(axis->from) || !isfinite(axis->to))
        goto bad;
    axis->steps = (size_t)steps;
    axis->name = *name;
    return 1;
bad:
    fprintf(stderr, "liaison %s: bad --vary '%s' (NAME=FROM:TO:STEPS, e.g. asym=0:1:101, with at least 2 steps)\n",
            command, text);
    return 0;
}

/* A bar on the terminal, redrawn at most every percent; never when stderr is not a terminal. */
static int progress(void *ctx, size_t done, size_t total)
{
    int *last = ctx;
    int pct = total ? (int)(100 * done / total) : 100;
    if (pct == *last) return 0;
    *last = pct;
    int fill = pct / 4;
    fprintf(stderr, "\r  [%.*s%*s] %3d%%  %zu/%zu", fill, "#########################", 25 - fill, "", pct, done, total);
    if (done >= total) fputs("\r\033[K", stderr);
    return 0;
}

int cli_sweep_options(lia_sweep_options *so, char *names[2], int *bar, const cli_opts *o, const char *command)
{
    if (o->nvary == 0 || o->nvary > 2) {
        fprintf(stderr, "liaison %s: give one or two --vary NAME=FROM:TO:STEPS\n", command);
        return EXIT_INPUT;
    }
    for (size_t a = 0; a < o->nvary; a++)
        if (!parse_vary(o->vary[a], &so->axis[a], &names[a], command)) return EXIT_INPUT;
    so->axes = o->nvary;
    if (o->threads) {
        char *end;
        unsigned long t = strtoul(o->threads, &end, 10);
        if (end == o->threads || *end || t < 1 || t > 64) {
            fprintf(stderr, "liaison %s: bad --threads '%s' (1 to 64)\n", command, o->threads);
            return EXIT_INPUT;
        }
        so->threads = t;
    }
    if (o->tolerance) {
        char *end;
        so->tolerance = strtod(o->tolerance, &end);
        if (end == o->tolerance || *end || !(so->tolerance > 0)) {
            fprintf(stderr, "liaison %s: bad --tolerance '%s' (a positive width)\n", command, o->tolerance);
            return EXIT_INPUT;
        }
    }
    so->refine = !o->no_refine;
    so->memory_cap = o->memory_cap;
    *bar = -1;
    if (isatty(STDERR_FILENO)) { so->progress = progress; so->progress_ctx = bar; }
    return EXIT_OK;
}

int cli_sweep_check(lia_model *m, const lia_sweep_options *so, char *const names[2], const cli_opts *o, const char *command)
{
    if (!o->game && lia_model_game_count(m) != 1) {
        fprintf(stderr, "liaison %s: %s has %zu agreements and games; choose one with --game:", command, o->files[0],
                lia_model_game_count(m));
        for (size_t i = 0; i < lia_model_game_count(m); i++) fprintf(stderr, "%s %s", i ? "," : "", lia_model_game_name(m, i));
        fputc('\n', stderr);
        return EXIT_INPUT;
    }
    if (o->game && lia_model_game_find(m, o->game, &(size_t){ 0 }) != LIA_OK) {
        cli_no_game(m, o->files[0], o->game, command);
        return EXIT_INPUT;
    }
    /* an unknown parameter name is caught before the grid runs */
    for (size_t a = 0; a < so->axes; a++) {
        lia_model *probe = NULL;
        lia_status st = lia_model_clone(&probe, m);
        if (st == LIA_OK) st = lia_model_set_number(probe, names[a], so->axis[a].from);
        int rc = st == LIA_EUSAGE ? EXIT_INPUT : st == LIA_ENOMEM ? EXIT_INTERNAL : EXIT_OK;
        if (st == LIA_EUSAGE) fprintf(stderr, "liaison %s: --vary %s: %s\n", command, names[a], lia_model_errmsg(probe));
        if (st == LIA_ENOMEM)
            cli_failf(command, st, "out of memory trying --vary %s on a copy of the model", names[a]);
        lia_model_free(probe);
        if (rc) return rc;
    }
    return EXIT_OK;
}

/* Shell words need quotes unless they are made of these. */
static int plain(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+%@", *s)) return 0;
    return 1;
}

char *cli_command_line(const char *command, int argc, char **argv)
{
    size_t cap = strlen("liaison ") + strlen(command) + 1;
    for (int i = 0; i < argc; i++) cap += 4 * strlen(argv[i]) + 3;
    char *s = malloc(cap), *p = s;
    if (!s) return NULL;
    p += sprintf(p, "liaison %s", command);
    for (int i = 0; i < argc; i++) {
        *p++ = ' ';
        if (plain(argv[i])) { p = stpcpy(p, argv[i]); continue; }
        *p++ = '\'';   /* 'it'\''s' */
        for (const char *c = argv[i]; *c; c++) p = *c == '\'' ? stpcpy(p, "'\\''") : (*p++ = *c, p);
        *p++ = '\'';
    }
    *p = 0;
    return s;
}
