/* cmd_nash.c — `liaison nash FILE [--game NAME] [--method M] [--label K] [--exact] [--correlated
 * [--coarse]] [--format text|json|csv]`. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

int cmd_nash(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "nash");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_nash_options nopts = LIA_NASH_OPTIONS_INIT;
    lia_format fmt = LIA_FORMAT_TEXT;
    if (o.nfiles != 1) {
        fprintf(stderr, "liaison nash: give exactly one FILE (liaison nash FILE [--game NAME] [--method pure|lp|lh])\n");
        rc = EXIT_INPUT;
    }
    /* the names are the library's (lia_nash_method_name), listed by the table in commands.c */
    if (!rc && o.method && cli_pick("nash", "--method", o.method) < 0) rc = EXIT_INPUT;
    if (!rc && o.method) lia_nash_method_from_name(o.method, &nopts.method);
    if (!rc && !lia_nash_method_available(nopts.method)) {
        fprintf(stderr, "liaison nash: method '%s' is not available yet in this version\n", o.method);
        rc = EXIT_INPUT;
    }
    if (!rc && o.label && nopts.method != LIA_NASH_LH) {
        fprintf(stderr, "liaison nash: --label belongs to --method lh\n");
        rc = EXIT_INPUT;
    }
    if (!rc && o.exact && nopts.method != LIA_NASH_ALL) {
        fprintf(stderr, "liaison nash: --exact belongs to --method all\n");
        rc = EXIT_INPUT;
    }
    nopts.exact = o.exact;
    nopts.memory_cap = o.memory_cap;
    if (!rc && o.threads) {
        char *end;
        unsigned long t = strtoul(o.threads, &end, 10);
        if (end == o.threads || *end || t < 1 || t > 64) {
            fprintf(stderr, "liaison nash: bad --threads '%s' (1 to 64)\n", o.threads);
            rc = EXIT_INPUT;
        } else if (nopts.method != LIA_NASH_ALL) {
            fprintf(stderr, "liaison nash: --threads belongs to --method all\n");
            rc = EXIT_INPUT;
        }
        nopts.threads = (unsigned)t;
    }
    if (!rc && o.coarse && !o.correlated) {
        fprintf(stderr, "liaison nash: --coarse belongs to --correlated\n");
        rc = EXIT_INPUT;
    }
    if (!rc && o.correlated && o.format && strcmp(o.format, "csv") == 0) {
        fprintf(stderr, "liaison nash: --correlated has text and json output, not csv\n");
        rc = EXIT_INPUT;
    }
    if (!rc && nopts.method == LIA_NASH_LH && o.label) {
        if (strcmp(o.label, "any") == 0) {
            nopts.label = LIA_LH_RACE;
        } else {
            char *end;
            nopts.label = strtol(o.label, &end, 10);
            if (*end || end == o.label || nopts.label < 0) {
                fprintf(stderr, "liaison nash: --label needs 'any' or a label number 0, 1, ... (rows first), got '%s'\n",
                        o.label);
                rc = EXIT_INPUT;
            }
        }
    }
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    lia_model *m = NULL;
    lia_game *g = NULL;
    lia_eqset *e = NULL;
    lia_correlated *ce = NULL;
    char *text = NULL;
    size_t len = 0;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) rc = cli_compile_game(&g, m, &o, "nash");
    if (!rc) {
        lia_status st = lia_game_nash(&e, g, &nopts);
        if (st != LIA_OK) rc = cli_fail("nash", st, NULL);
        if (st == LIA_OK && o.correlated) {
            lia_correlated_options copts = LIA_CORRELATED_OPTIONS_INIT;
            copts.coarse = o.coarse;
            copts.memory_cap = o.memory_cap;
            st = lia_game_correlated(&ce, g, &copts);
            if (st != LIA_OK) rc = cli_fail("nash", st, NULL);
        }
        if (st == LIA_OK) {
            st = lia_nash_write(&text, &len, e, ce, fmt);
            rc = st == LIA_OK ? cli_write(&o, text, len) : cli_fail("nash", st, NULL);
        }
    }
    lia_free(text);
    lia_correlated_free(ce);
    lia_eqset_free(e);
    lia_game_free(g);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
