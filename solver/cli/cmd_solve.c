/* cmd_solve.c — `liaison solve FILE [--game NAME] [--format text|json|html]`: the report of
 * every agreement of a model (or the one named): members, commitment, stage-game class,
 * equilibria. With --format html it is a briefing page, and --vary (as in sweep) adds the
 * sweep's breakdown chart to the agreement swept. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

int cmd_solve(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "solve");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_format fmt = LIA_FORMAT_TEXT;
    if (o.nfiles != 1) {
        fprintf(stderr, "liaison solve: give exactly one FILE (liaison solve FILE [--game NAME] [--format text|json|html])\n");
        rc = EXIT_INPUT;
    }
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    int sweeping = o.nvary || o.threads || o.tolerance || o.no_refine;
    if (!rc && sweeping && fmt != LIA_FORMAT_HTML) {
        fprintf(stderr, "liaison solve: --vary, --threads, --tolerance and --no-refine draw a breakdown chart in the "
                        "briefing (--format html); for the sweep itself see liaison sweep\n");
        rc = EXIT_INPUT;
    }
    lia_sweep_options so = LIA_SWEEP_OPTIONS_INIT;
    char *names[2] = { NULL, NULL };
    int bar = -1;
    if (!rc && sweeping) rc = cli_sweep_options(&so, names, &bar, &o, "solve");
    lia_model *m = NULL;
    lia_report *r = NULL;
    lia_sweep *s = NULL;
    char *text = NULL;
    size_t len = 0;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) rc = cli_apply_monitor(m, &o, "solve");
    if (!rc && sweeping) rc = cli_sweep_check(m, &so, names, &o, "solve");
    if (!rc) {
        lia_compile_options copts = LIA_COMPILE_OPTIONS_INIT;
        copts.memory_cap = o.memory_cap;
        lia_status st = lia_model_solve(&r, m, o.game, &copts);
        if (st != LIA_OK) rc = cli_fail("solve", st, lia_model_errmsg(m));
        if (st == LIA_OK && lia_report_count(r) == 0) {
            fprintf(stderr, "liaison solve: %s has no agreement or normal-form game to solve\n", o.files[0]);
            st = LIA_EUSAGE;
        }
        if (st == LIA_OK && sweeping) {
            st = lia_model_sweep(&s, m, o.game, &so);
            if (st != LIA_OK)
                cli_fail("solve", st, s ? lia_sweep_errmsg(s) : NULL);
        }
        if (st == LIA_OK && fmt == LIA_FORMAT_HTML) {
            lia_briefing_options bo = LIA_BRIEFING_OPTIONS_INIT;
            char *cmd = cli_command_line("solve", argc, argv);
            bo.command = cmd;
            bo.sweep = s;
            st = cmd ? lia_report_write_html(&text, &len, r, &bo) : LIA_ENOMEM;
            if (st != LIA_OK) cli_fail("solve", st, cmd ? lia_report_errmsg(r) : "out of memory quoting the command line");
            free(cmd);
        } else if (st == LIA_OK) {
            st = lia_report_write(&text, &len, r, fmt);
            if (st != LIA_OK) cli_fail("solve", st, lia_report_errmsg(r));
        }
        rc = st == LIA_OK ? cli_write(&o, text, len) : cli_exit_code(st);
    }
    lia_free(text);
    lia_sweep_free(s);
    lia_report_free(r);
    lia_model_free(m);
    free(names[0]);
    free(names[1]);
    cli_opts_free(&o);
    return rc;
}
