/* cmd_sweep.c — `liaison sweep FILE [--game NAME] --vary NAME=FROM:TO:STEPS [--vary ...]
 * [--csv OUT] [--plot OUT.svg] [--threads N] [--tolerance T] [--no-refine]
 * [--format text|json|csv]`: solve a grid of parameter values, report where the verdicts
 * change, and draw it as an SVG chart. */
#include "cli.h"
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* "NAME=FROM:TO:STEPS" */
static int parse_vary(const char *text, lia_sweep_axis *axis, char **name)
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
    fprintf(stderr, "liaison sweep: bad --vary '%s' (NAME=FROM:TO:STEPS, e.g. asym=0:1:101, with at least 2 steps)\n", text);
    return 0;
}

static int ends_with_svg(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

/* A bar on the terminal, redrawn at most every percent; never when stderr is not a terminal. */
typedef struct bar { int last; } bar;
static int progress(void *ctx, size_t done, size_t total)
{
    bar *b = ctx;
    int pct = total ? (int)(100 * done / total) : 100;
    if (pct == b->last) return 0;
    b->last = pct;
    int fill = pct / 4;
    fprintf(stderr, "\r  [%.*s%*s] %3d%%  %zu/%zu", fill, "#########################", 25 - fill, "", pct, done, total);
    if (done >= total) fputs("\r\033[K", stderr);
    return 0;
}

int cmd_sweep(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "sweep");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_sweep_options so = LIA_SWEEP_OPTIONS_INIT;
    lia_format fmt = LIA_FORMAT_TEXT;
    char *names[2] = { NULL, NULL };
    if (o.nfiles != 1) {
        fprintf(stderr, "liaison sweep: give exactly one FILE (liaison sweep FILE --vary NAME=FROM:TO:STEPS)\n");
        rc = EXIT_INPUT;
    }
    if (!rc && (o.nvary == 0 || o.nvary > 2)) {
        fprintf(stderr, "liaison sweep: give one or two --vary NAME=FROM:TO:STEPS\n");
        rc = EXIT_INPUT;
    }
    for (size_t a = 0; !rc && a < o.nvary; a++)
        if (!parse_vary(o.vary[a], &so.axis[a], &names[a])) rc = EXIT_INPUT;
    so.axes = o.nvary;
    if (!rc && o.format) {
        if (strcmp(o.format, "json") == 0) fmt = LIA_FORMAT_JSON;
        else if (strcmp(o.format, "csv") == 0) fmt = LIA_FORMAT_CSV;
        else if (strcmp(o.format, "text") != 0) {
            fprintf(stderr, "liaison sweep: unknown --format '%s' (text, json or csv)\n", o.format);
            rc = EXIT_INPUT;
        }
    }
    if (!rc && o.threads) {
        char *end;
        unsigned long t = strtoul(o.threads, &end, 10);
        if (end == o.threads || *end || t < 1 || t > 64) {
            fprintf(stderr, "liaison sweep: bad --threads '%s' (1 to 64)\n", o.threads);
            rc = EXIT_INPUT;
        }
        so.threads = t;
    }
    if (!rc && o.tolerance) {
        char *end;
        so.tolerance = strtod(o.tolerance, &end);
        if (end == o.tolerance || *end || !(so.tolerance > 0)) {
            fprintf(stderr, "liaison sweep: bad --tolerance '%s' (a positive width)\n", o.tolerance);
            rc = EXIT_INPUT;
        }
    }
    if (!rc && o.plot && !ends_with_svg(o.plot)) {
        fprintf(stderr, "liaison sweep: --plot writes SVG only, so OUT must end in .svg (not '%s'); convert the chart "
                        "afterwards, e.g. rsvg-convert -f png -o chart.png chart.svg\n", o.plot);
        rc = EXIT_INPUT;
    }
    /* one file for two outputs would keep only the last; refuse before any work */
    const char *paths[3] = { o.output && strcmp(o.output, "-") != 0 ? o.output : NULL, o.csv, o.plot };
    static const char *const flags[3] = { "-o", "--csv", "--plot" };
    for (int i = 0; i < 3 && !rc; i++)
        for (int j = i + 1; j < 3 && !rc; j++)
            if (paths[i] && paths[j] && cli_same_file(paths[i], paths[j])) {
                fprintf(stderr, "liaison sweep: %s and %s both name %s; give each output its own file\n", flags[i],
                        flags[j], paths[j]);
                rc = EXIT_INPUT;
            }
    so.refine = !o.no_refine;
    so.memory_cap = o.memory_cap;
    bar b = { -1 };
    if (isatty(STDERR_FILENO)) { so.progress = progress; so.progress_ctx = &b; }
    lia_model *m = NULL;
    lia_sweep *s = NULL;
    char *text = NULL, *csv = NULL, *svg = NULL;
    size_t len = 0, csv_len = 0, svg_len = 0;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) rc = cli_apply_monitor(m, &o, "sweep");
    if (!rc && !o.game && lia_model_game_count(m) != 1) {
        fprintf(stderr, "liaison sweep: %s has %zu agreements and games; choose one with --game:", o.files[0], lia_model_game_count(m));
        for (size_t i = 0; i < lia_model_game_count(m); i++) fprintf(stderr, "%s %s", i ? "," : "", lia_model_game_name(m, i));
        fputc('\n', stderr);
        rc = EXIT_INPUT;
    }
    if (!rc && o.game && lia_model_game_find(m, o.game, &(size_t){ 0 }) != LIA_OK) {
        fprintf(stderr, "liaison sweep: %s has no agreement or game named '%s'\n", o.files[0], o.game);
        rc = EXIT_INPUT;
    }
    /* an unknown parameter name is caught before the grid runs */
    for (size_t a = 0; !rc && a < so.axes; a++) {
        lia_model *probe = NULL;
        lia_status st = lia_model_clone(&probe, m);
        if (st == LIA_OK) st = lia_model_set_number(probe, names[a], so.axis[a].from);
        if (st == LIA_EUSAGE) { fprintf(stderr, "liaison sweep: --vary %s: %s\n", names[a], lia_model_errmsg(probe)); rc = EXIT_INPUT; }
        else if (st == LIA_ENOMEM) rc = EXIT_INTERNAL;
        lia_model_free(probe);
    }
    if (!rc) {
        lia_status st = lia_model_sweep(&s, m, o.game, &so);
        if (st != LIA_OK)
            fprintf(stderr, "liaison sweep: %s\n", s && *lia_sweep_errmsg(s) ? lia_sweep_errmsg(s) : lia_status_name(st));
        if (st == LIA_OK && o.csv) {
            st = lia_sweep_write(&csv, &csv_len, s, LIA_FORMAT_CSV);
            if (st == LIA_OK) {
                cli_opts co = o;
                co.output = o.csv;
                rc = cli_write(&co, csv, csv_len);
            }
        }
        if (st == LIA_OK && !rc && o.plot) {
            st = lia_sweep_write_svg(&svg, &svg_len, s);
            if (st == LIA_OK) {
                cli_opts co = o;
                co.output = o.plot;
                rc = cli_write(&co, svg, svg_len);
            }
        }
        if (st == LIA_OK && !rc) st = lia_sweep_write(&text, &len, s, fmt);
        if (!rc) rc = st == LIA_OK ? cli_write(&o, text, len) : cli_exit_code(st);
    }
    lia_free(text);
    lia_free(csv);
    lia_free(svg);
    lia_sweep_free(s);
    lia_model_free(m);
    free(names[0]);
    free(names[1]);
    cli_opts_free(&o);
    return rc;
}
