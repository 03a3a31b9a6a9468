/* bench_ce.c — times correlated equilibria through the C API: the max-welfare one alone
 * (the bench target) and with every player's best and worst payoff. Usage: bench_ce FILE. */
#include "liaison.h"
#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: bench_ce FILE\n"); return 2; }
    lia_model *m = NULL;
    lia_game *g = NULL;
    if (lia_model_open(&m, argv[1]) != LIA_OK || lia_model_compile(&g, m, NULL, NULL) != LIA_OK) {
        fprintf(stderr, "bench_ce: cannot load %s: %s\n", argv[1], m ? lia_model_errmsg(m) : "out of memory");
        return 2;
    }
    for (int ranges = 0; ranges < 2; ranges++) {
        lia_correlated_options o = LIA_CORRELATED_OPTIONS_INIT;
        o.ranges = ranges;
        double best = 1e300;
        lia_correlated *c = NULL;
        for (int run = 0; run < 3; run++) {   /* best of 3 */
            double t0 = now();
            lia_status st = lia_game_correlated(&c, g, &o);
            double t = now() - t0;
            if (st != LIA_OK) { fprintf(stderr, "bench_ce: %s\n", lia_status_name(st)); return 3; }
            if (t < best) best = t;
            if (run < 2) lia_correlated_free(c);
        }
        printf("%s %.6f %.17g\n", ranges ? "with-ranges" : "max-welfare", best, lia_correlated_welfare(c));
        lia_correlated_free(c);
    }
    lia_game_free(g);
    lia_model_free(m);
    return 0;
}
