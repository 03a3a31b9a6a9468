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
    static const struct { const char *name; lia_nash_method method; } methods[] = {
        { "pure", LIA_NASH_PURE }, { "lp", LIA_NASH_LP }, { "lh", LIA_NASH_LH }, { "all", LIA_NASH_ALL },
        { "support", LIA_NASH_SUPPORT }, { "simpdiv", LIA_NASH_SIMPDIV }, { "qre", LIA_NASH_QRE }, { "gnm", LIA_NASH_GNM },
    };
    size_t km = 0, nm = sizeof methods / sizeof methods[0];
    while (!rc && o.method && km < nm && strcmp(o.method, methods[km].name) != 0) km++;
    if (!rc && o.method && km == nm) {
        fprintf(stderr, "liaison nash: unknown method '%s' (pure, lp, lh, all, support, simpdiv, gnm or qre)\n", o.method);
        rc = EXIT_INPUT;
    }
    if (!rc && o.method) nopts.method = methods[km].method;
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
    if (!rc && o.format && strcmp(o.format, "json") == 0) {
        fmt = LIA_FORMAT_JSON;
    } else if (!rc && o.format && strcmp(o.format, "csv") == 0) {
        fmt = LIA_FORMAT_CSV;
    } else if (!rc && o.format && strcmp(o.format, "text") != 0) {
        fprintf(stderr, "liaison nash: unknown --format '%s' (text, json or csv)\n", o.format);
        rc = EXIT_INPUT;
    }
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
