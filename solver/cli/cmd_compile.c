/* cmd_compile.c — `liaison compile FILE --emit nfg|lrs|json|tu|text|lp`: the compiled game, or
 * one of its linear programs in CPLEX LP format. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

static int is_tu_kind(lia_game_kind k)
{
    return k == LIA_KIND_COALITIONAL || k == LIA_KIND_COALITIONAL_COST || k == LIA_KIND_BANKRUPTCY ||
           k == LIA_KIND_VOTING;
}

/* --emit lp: the max-welfare (coarse) correlated-equilibrium LP, or with --maxmin PLAYER that
 * player's security LP (PLAYER by name or 1-based number). */
static lia_status emit_lp(char **text, size_t *len, const lia_game *g, const cli_opts *o, const char **what)
{
    if (!o->maxmin) {
        lia_correlated_options c = LIA_CORRELATED_OPTIONS_INIT;
        c.coarse = o->coarse;
        c.memory_cap = o->memory_cap;
        return lia_game_correlated_lp(text, len, g, &c);
    }
    if (o->coarse) { *what = "--coarse belongs to the correlated-equilibrium LP, not --maxmin"; return LIA_EUSAGE; }
    size_t np = lia_game_player_count(g), p = 0;
    while (p < np && strcmp(lia_game_player_name(g, p), o->maxmin) != 0) p++;
    if (p == np) {
        char *end;
        long k = strtol(o->maxmin, &end, 10);
        if (*end || end == o->maxmin || k < 1 || (size_t)k > np) {
            *what = "--maxmin needs a player of the game, by name or number";
            return LIA_EUSAGE;
        }
        p = (size_t)k - 1;
    }
    return lia_game_maxmin_lp(text, len, g, p);
}

int cmd_compile(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "compile");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_format fmt = LIA_FORMAT_TEXT;
    if (o.nfiles != 1) {
        fprintf(stderr, "liaison compile: give exactly one FILE (liaison compile FILE [--game NAME] --emit FORMAT)\n");
        cli_opts_free(&o);
        return EXIT_INPUT;
    }
    /* lp is no lia_format: the LPs have their own writers */
    int lp = o.emit && strcmp(o.emit, "lp") == 0;
    if (!lp && (rc = cli_format(&o, "--emit", &fmt)) != EXIT_OK) {
        cli_opts_free(&o);
        return rc;
    }
    if (!lp && (o.maxmin || o.coarse)) {
        fprintf(stderr, "liaison compile: --maxmin and --coarse choose the LP of --emit lp\n");
        cli_opts_free(&o);
        return EXIT_INPUT;
    }
    lia_model *m;
    rc = cli_open_model(&m, o.files[0], &o);
    if (rc) { cli_opts_free(&o); return rc; }
    lia_compile_options copts = LIA_COMPILE_OPTIONS_INIT;
    copts.memory_cap = o.memory_cap;

    /* which game? the named one, or the only one (the library says which names exist) */
    size_t gi = 0;
    lia_game_kind kind = LIA_KIND_NORMAL;
    if (o.game ? lia_model_game_find(m, o.game, &gi) == LIA_OK : lia_model_game_count(m) == 1)
        kind = lia_model_game_kind(m, gi);
    /* agreements give their stage game, except for --emit tu, which gives v(S) */
    int tu = is_tu_kind(kind) || fmt == LIA_FORMAT_TU;
    char *text = NULL;
    size_t len = 0;
    lia_status st;
    const char *what = NULL;
    if (tu && lp) {
        st = LIA_EUSAGE;
        what = "--emit lp writes the LPs of normal-form games (correlated equilibria, security levels)";
    } else if (tu) {
        lia_tugame *g = NULL;
        st = lia_model_compile_tu(&g, m, o.game, &copts);
        if (st == LIA_OK) {
            if (fmt == LIA_FORMAT_NFG || fmt == LIA_FORMAT_LRS) { st = LIA_EUSAGE; what = "a coalitional game has no normal form: use --emit tu, json or text"; }
            else {
                st = lia_tugame_write(&text, &len, g, fmt);
            }
        }
        lia_tugame_free(g);
    } else {
        lia_game *g = NULL;
        st = lia_model_compile(&g, m, o.game, &copts);
        if (st == LIA_OK && lp) {
            st = emit_lp(&text, &len, g, &o, &what);
        } else if (st == LIA_OK) {
            st = lia_game_write(&text, &len, g, fmt);
        }
        lia_game_free(g);
    }
    if (st == LIA_OK) rc = cli_write(&o, text, len);
    else rc = cli_fail("compile", st, what ? what : lia_model_errmsg(m));
    lia_free(text);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
