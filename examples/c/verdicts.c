/* verdicts.c — the smallest useful program over liaison's C API: open an agreement file,
 * and for each agreement print the status of its commitment (holds, holds_with_harsher_punishment,
 * undecided, needs_transfers, breaks_down; none without a patience) with its plain-words summary,
 * then each member's critical patience, the way it would leave the commitment (withhold: share
 * less, a breach; exceed: share more, the commitment is set too low for it, no breakdown), and
 * the Shapley split of its coalition game.
 * Build against an installed liaison:  cc verdicts.c $(pkg-config --cflags --libs liaison)
 * Usage: verdicts FILE.lia */
#include <liaison.h>
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: verdicts FILE.lia\n"); return 2; }
    lia_model *m = NULL;
    if (lia_model_open(&m, argv[1]) != LIA_OK) {
        /* the handle still carries the diagnostics */
        for (size_t i = 0; m && i < lia_model_diag_count(m); i++) {
            const lia_diag *d = lia_model_diag_at(m, i);
            fprintf(stderr, "%s:%u:%u: %s\n", d->file, d->line, d->column, d->message);
        }
        lia_model_free(m);
        return 2;
    }
    int rc = 0;
    for (size_t k = 0; k < lia_model_game_count(m); k++) {
        lia_game_kind kind = lia_model_game_kind(m, k);
        if (kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL) continue;
        const char *name = lia_model_game_name(m, k);
        lia_game *g = NULL;
        lia_repeat *r = NULL;
        lia_share *s = NULL;
        if (lia_model_compile(&g, m, name, NULL) != LIA_OK || lia_game_repeat(&r, g, NULL, NULL) != LIA_OK ||
            lia_model_share(&s, m, name, NULL) != LIA_OK) {
            fprintf(stderr, "%s: %s\n", name, lia_model_errmsg(m));
            rc = 3;
        } else {
            printf("%s: %s\n", name, lia_verdict_name(lia_repeat_verdict(r)));
            if (*lia_repeat_summary(r)) printf("  %s\n", lia_repeat_summary(r));
            const double *phi = lia_share_vector(s, LIA_SHARE_SHAPLEY);
            for (size_t i = 0; i < lia_repeat_player_count(r); i++) {
                const lia_sustain *row = lia_repeat_player(r, i);
                printf("  %-8s delta* ", lia_game_player_name(g, i));
                if (isnan(row->delta_star)) printf("never");
                else printf("%.4f", row->delta_star);
                printf("  patience %.2f  shapley %.4f", row->patience, phi[i]);
                const char *way = lia_direction_name(lia_repeat_direction(r, i));
                printf("%s%s\n", way ? "  " : "", way ? way : "");
            }
        }
        lia_share_free(s);
        lia_repeat_free(r);
        lia_game_free(g);
    }
    lia_model_free(m);
    return rc;
}
