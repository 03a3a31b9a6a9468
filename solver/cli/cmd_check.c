/* cmd_check.c — `liaison check FILE...`: diagnostics only. */
#include "cli.h"
#include <string.h>

static const char *kind_name(lia_game_kind k)
{
    switch (k) {
    case LIA_KIND_BILATERAL: return "bilateral agreement";
    case LIA_KIND_MULTILATERAL: return "multilateral agreement";
    case LIA_KIND_NORMAL: return "normal-form game";
    case LIA_KIND_COALITIONAL: return "coalitional game";
    case LIA_KIND_COALITIONAL_COST: return "coalitional cost game";
    case LIA_KIND_BANKRUPTCY: return "bankruptcy game";
    case LIA_KIND_VOTING: return "voting game";
    }
    return "game";
}

int cmd_check(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "check");
    if (rc) { cli_opts_free(&o); return rc; }
    if (o.nfiles == 0) {
        fprintf(stderr, "liaison check: no files given (liaison check FILE...)\n");
        cli_opts_free(&o);
        return EXIT_INPUT;
    }
    int worst = EXIT_OK;
    for (size_t i = 0; i < o.nfiles; i++) {
        lia_model *m;
        int r = cli_open_model(&m, o.files[i], &o);
        if (r != EXIT_OK) { if (r > worst) worst = r; continue; }
        size_t n = lia_model_game_count(m);
        printf("%s: ok", o.files[i]);
        for (size_t g = 0; g < n; g++)
            printf("%s %s '%s'", g ? "," : ":", kind_name(lia_model_game_kind(m, g)), lia_model_game_name(m, g));
        if (n == 0) printf(" (no agreements or games)");
        size_t nr = lia_model_regime_count(m);
        if (nr)
            printf(", %zu regime%s (start %s)", nr, nr == 1 ? "" : "s",
                   lia_model_regime_name(m, lia_model_regime_start(m)));
        printf("\n");
        lia_model_free(m);
    }
    cli_opts_free(&o);
    return worst;
}
