/* cmd_nash.c — `liaison nash FILE [--game NAME] [--method M] [--label K] [--exact] [--correlated
 * [--coarse]] [--format text|json|csv]`. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

/* The real reason support enumeration refused: its worst case in time, not memory. */
static void support_refused(const lia_game *g)
{
    size_t np = lia_game_player_count(g);
    if (np == 2) {
        size_t m = lia_game_strategy_count(g, 0), n = lia_game_strategy_count(g, 1);
        double pairs = 1;
        for (size_t i = 1; i <= m; i++) pairs = pairs * (double)(n + i) / (double)i;
        fprintf(stderr, "liaison nash: support enumeration of '%s' (%zu x %zu) could examine %.3g support pairs, "
                        "about %.0f minutes; it is refused beyond %.0e pairs (about 90 s). Use --method all for "
                        "every extreme equilibrium, or lh or gnm for one\n",
                lia_game_name(g), m, n, pairs - 1, (pairs - 1) * 1.8e-6 / 60, LIA_SUPPORT_MAX_PAIRS);
    } else {
        fprintf(stderr, "liaison nash: support enumeration of '%s' (%zu players) is refused: its worst case of "
                        "support profiles times homotopy paths exceeds %.0e (about 90 s). Use --method gnm or qre "
                        "for one equilibrium, or pure\n", lia_game_name(g), np, LIA_SUPPORT_MAX_PATHS);
    }
}

/* "1.5 GiB" style (as the compile step's messages). */
static void size_text(char *buf, size_t cap, double b)
{
    static const char *const units[] = { "bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int u = 0;
    while (b >= 1024 && u < 6) { b /= 1024; u++; }
    if (u == 0) snprintf(buf, cap, "%.0f bytes", b);
    else snprintf(buf, cap, "%.1f %s", b, units[u]);
}

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
        if (st == LIA_ELIMIT && nopts.method == LIA_NASH_PURE)
            fprintf(stderr, "liaison nash: too many pure equilibria to list (every profile of a constant game is one)\n");
        else if (st == LIA_ELIMIT && nopts.method == LIA_NASH_LH) {
            size_t need = 0;
            char needs[64] = "more", capb[64];
            if (lia_nash_memory_needed(g, &nopts, &need) == LIA_OK) size_text(needs, sizeof needs, (double)need);
            size_text(capb, sizeof capb, (double)(nopts.memory_cap ? nopts.memory_cap : LIA_DEFAULT_MEMORY_CAP));
            fprintf(stderr, "liaison nash: Lemke-Howson on '%s' needs %s, over the memory cap of %s (raise it with "
                            "--memory-cap)\n", lia_game_name(g), needs, capb);
        }
        else if (st == LIA_EUSAGE && nopts.method == LIA_NASH_ALL && lia_game_player_count(g) != 2)
            fprintf(stderr, "liaison nash: --method all enumerates two-player games; '%s' has %zu players\n",
                    lia_game_name(g), lia_game_player_count(g));
        else if (st == LIA_EUSAGE && nopts.method == LIA_NASH_ALL && nopts.exact)
            fprintf(stderr, "liaison nash: --exact needs exact payoffs (integers, decimals or fractions); '%s' has "
                            "payoffs known only as floating-point numbers\n", lia_game_name(g));
        else if (st == LIA_ELIMIT && nopts.method == LIA_NASH_ALL) {
            char capb[64];
            size_text(capb, sizeof capb, (double)(nopts.memory_cap ? nopts.memory_cap : LIA_DEFAULT_MEMORY_CAP));
            fprintf(stderr, "liaison nash: the best-response polytopes of '%s' have too many vertices to enumerate "
                            "within the memory cap of %s (or its exact numbers exceed 3072 bits)\n", lia_game_name(g), capb);
        }
        else if (st == LIA_EINTERNAL && nopts.method == LIA_NASH_ALL)
            fprintf(stderr, "liaison nash: vertex enumeration of '%s' failed its own check (floating-point labels "
                            "that the exact or regret check refutes); nothing is reported rather than an incomplete set\n",
                    lia_game_name(g));
        else if (st == LIA_EINTERNAL && nopts.method == LIA_NASH_QRE)
            fprintf(stderr, "liaison nash: the logit path of '%s' reached no verified equilibrium: no point polished on "
                            "the support it converges to passed the regret check; nothing unverified is reported\n",
                    lia_game_name(g));
        else if (st == LIA_EUSAGE && nopts.method == LIA_NASH_LP)
            fprintf(stderr, "liaison nash: --method lp solves two-player constant-sum games; '%s' is not one\n",
                    lia_game_name(g));
        else if (st == LIA_EUSAGE && nopts.method == LIA_NASH_LH)
            fprintf(stderr, "liaison nash: --method lh needs a two-player game and a label below %zu\n",
                    lia_game_player_count(g) == 2 ? lia_game_strategy_count(g, 0) + lia_game_strategy_count(g, 1) : 0);
        else if (st == LIA_ELIMIT && nopts.method == LIA_NASH_SUPPORT)
            support_refused(g);
        else if (st != LIA_OK)
            fprintf(stderr, "liaison nash: %s\n", lia_status_name(st));
        if (st == LIA_OK && o.correlated) {
            lia_correlated_options copts = LIA_CORRELATED_OPTIONS_INIT;
            copts.coarse = o.coarse;
            copts.memory_cap = o.memory_cap;
            st = lia_game_correlated(&ce, g, &copts);
            if (st == LIA_ELIMIT) {
                char capb[64];
                size_text(capb, sizeof capb, (double)(o.memory_cap ? o.memory_cap : LIA_DEFAULT_MEMORY_CAP));
                fprintf(stderr, "liaison nash: the correlated-equilibrium LP of '%s' would exceed the memory cap of %s\n",
                        lia_game_name(g), capb);
            }
            else if (st != LIA_OK)
                fprintf(stderr, "liaison nash: correlated equilibria: %s\n", lia_status_name(st));
        }
        if (st == LIA_OK) st = lia_nash_write(&text, &len, e, ce, fmt);
        rc = st == LIA_OK ? cli_write(&o, text, len) : cli_exit_code(st);
    }
    lia_free(text);
    lia_correlated_free(ce);
    lia_eqset_free(e);
    lia_game_free(g);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
