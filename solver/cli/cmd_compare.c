/* cmd_compare.c — `liaison compare FILE [FILE2] [--game A --game B ...] [--format text|json]`:
 * agreements side by side (every agreement of the files, or the ones named) with their
 * sustainability statuses and adjusted payoffs; a single multilateral agreement beside its
 * bilateral decomposition, whose pairs are named "A+B (auto)" (never an agreement of the
 * file). */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

int cmd_compare(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "compare");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_format fmt = LIA_FORMAT_TEXT;
    if (o.nfiles < 1 || o.nfiles > 2) {
        fprintf(stderr, "liaison compare: give one or two FILEs (liaison compare FILE [FILE2] [--game A --game B ...])\n");
        rc = EXIT_INPUT;
    }
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    lia_model *m[2] = { NULL, NULL };
    for (size_t f = 0; !rc && f < o.nfiles; f++) rc = cli_open_model(&m[f], o.files[f], &o);
    /* the entries: each --game from the first file that has it, else every agreement */
    lia_model *em[128];
    const char *eg[128];
    size_t n = 0;
    for (size_t k = 0; !rc && k < o.ngames; k++) {
        size_t f = 0, gi;
        while (f < o.nfiles && lia_model_game_find(m[f], o.games[k], &gi) != LIA_OK) f++;
        if (f == o.nfiles && o.nfiles == 1) {
            cli_no_game(m[0], o.files[0], o.games[k], "compare");
            rc = EXIT_INPUT;
            break;
        }
        if (f == o.nfiles) {
            fprintf(stderr, "liaison compare: no agreement named '%s' in %s or %s\n", o.games[k], o.files[0], o.files[1]);
            rc = EXIT_INPUT;
            break;
        }
        em[n] = m[f];
        eg[n++] = o.games[k];
    }
    for (size_t f = 0; !rc && !o.ngames && f < o.nfiles; f++)
        for (size_t i = 0; i < lia_model_game_count(m[f]) && n < 128; i++) {
            lia_game_kind kind = lia_model_game_kind(m[f], i);
            if (kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL) continue;
            em[n] = m[f];
            eg[n++] = lia_model_game_name(m[f], i);
        }
    if (!rc && n == 0) {
        fprintf(stderr, "liaison compare: no agreement to compare\n");
        rc = EXIT_INPUT;
    }
    lia_compare *c = NULL;
    char *text = NULL;
    size_t len = 0;
    if (!rc) {
        /* one multilateral agreement: beside its bilateral decomposition (automatic pairs) */
        size_t gi = 0;
        int decompose = n == 1 && lia_model_game_find(em[0], eg[0], &gi) == LIA_OK &&
                        lia_model_game_kind(em[0], gi) == LIA_KIND_MULTILATERAL;
        lia_status st = decompose ? lia_compare_decomposition(&c, em[0], eg[0]) : lia_compare_agreements(&c, em, eg, n);
        /* a failed comparison leaves no handle: its reason is in lia_errmsg (a model's message
         * may be from a step the comparison does without, such as coalition values) */
        if (st != LIA_OK) rc = cli_fail("compare", st, NULL);
        if (st == LIA_OK) {
            st = lia_compare_write(&text, &len, c, fmt);
            rc = st == LIA_OK ? cli_write(&o, text, len) : cli_fail("compare", st, NULL);
        }
    }
    lia_free(text);
    lia_compare_free(c);
    lia_model_free(m[0]);
    lia_model_free(m[1]);
    cli_opts_free(&o);
    return rc;
}
