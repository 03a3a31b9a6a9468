/* cmd_sweep.c — `liaison sweep FILE [--game NAME] --vary NAME=FROM:TO:STEPS [--vary ...]
 * [--csv OUT] [--plot OUT.svg] [--threads N] [--tolerance T] [--no-refine]
 * [--format text|json|csv|html]`: solve a grid of parameter values, report where the verdicts
 * change, and draw it as an SVG chart (or a briefing page with the chart inline). */
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int ends_with_svg(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
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
    int bar = -1;
    if (!rc) rc = cli_sweep_options(&so, names, &bar, &o, "sweep");
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    if (!rc && o.plot && !ends_with_svg(o.plot)) {
        fprintf(stderr, "liaison sweep: --plot writes SVG only, so OUT must end in .svg (not '%s'); convert the chart "
                        "afterwards, e.g. rsvg-convert -f png -o chart.png chart.svg\n", o.plot);
        rc = EXIT_INPUT;
    }
    /* one file for two outputs would keep only the last; refuse before any work */
    const char *paths[3] = { o.output && strcmp(o.output, "-") != 0 ? o.output : NULL, o.csv, o.plot };
    static const char *const flags[3] = { "-o", "--csv", "--plot" };
    if (!rc) rc = cli_distinct_outputs("sweep", paths, flags, 3);
    lia_model *m = NULL;
    lia_sweep *s = NULL;
    char *text = NULL, *csv = NULL, *svg = NULL;
    size_t len = 0, csv_len = 0, svg_len = 0;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) rc = cli_apply_monitor(m, &o, "sweep");
    if (!rc) rc = cli_sweep_check(m, &so, names, &o, "sweep");
    if (!rc) {
        lia_status st = lia_model_sweep(&s, m, o.game, &so);
        if (st != LIA_OK)
            cli_fail("sweep", st, s ? lia_sweep_errmsg(s) : NULL);
        if (st == LIA_OK && o.csv) {
            st = lia_sweep_write(&csv, &csv_len, s, LIA_FORMAT_CSV);
            if (st == LIA_OK) {
                cli_opts co = o;
                co.output = o.csv;
                rc = cli_write(&co, csv, csv_len);
            } else cli_fail("sweep", st, lia_sweep_errmsg(s));
        }
        if (st == LIA_OK && !rc && o.plot) {
            st = lia_sweep_write_svg(&svg, &svg_len, s);
            if (st == LIA_OK) {
                cli_opts co = o;
                co.output = o.plot;
                rc = cli_write(&co, svg, svg_len);
            } else cli_fail("sweep", st, lia_sweep_errmsg(s));
        }
        if (st == LIA_OK && !rc && fmt == LIA_FORMAT_HTML) {
            lia_briefing_options bo = LIA_BRIEFING_OPTIONS_INIT;
            char *cmd = cli_command_line("sweep", argc, argv);
            bo.command = cmd;
            st = cmd ? lia_sweep_write_html(&text, &len, s, &bo) : LIA_ENOMEM;
            if (st != LIA_OK) cli_fail("sweep", st, cmd ? lia_sweep_errmsg(s) : "out of memory quoting the command line");
            free(cmd);
        } else if (st == LIA_OK && !rc) {
            st = lia_sweep_write(&text, &len, s, fmt);
            if (st != LIA_OK) cli_fail("sweep", st, lia_sweep_errmsg(s));
        }
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
