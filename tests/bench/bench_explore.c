/* bench_explore.c — issue 13's cost target: 20,000 Latin-hypercube runs of an agreement cost
 * at most 1.5 times a 20,000-point two-parameter sweep of it (200 x 100 grid points, no
 * bisection, so both solve 20,000 points), both on 2 threads, over the same two parameters;
 * then the same exploration streamed into a store. Usage: bench_explore FILE P1 LO HI P2 LO HI
 * STORE. Prints: sweep_seconds explore_seconds store_seconds. */
#define _POSIX_C_SOURCE 200809L
#include "liaison.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 9) { fprintf(stderr, "usage: bench_explore FILE P1 LO HI P2 LO HI STORE\n"); return 2; }
    lia_set_blas_threads(1);   /* as bench_sweep: idle OpenBLAS workers would compete for the cores */
    lia_model *m = NULL;
    if (lia_model_open(&m, argv[1]) != LIA_OK) { fprintf(stderr, "bench_explore: cannot load %s\n", argv[1]); return 2; }
    lia_sweep_options so = LIA_SWEEP_OPTIONS_INIT;
    so.axes = 2;
    so.axis[0] = (lia_sweep_axis){ argv[2], atof(argv[3]), atof(argv[4]), 200 };
    so.axis[1] = (lia_sweep_axis){ argv[5], atof(argv[6]), atof(argv[7]), 100 };
    so.threads = 2;
    so.refine = 0;
    lia_sweep *s = NULL;
    double t0 = now();
    lia_status st = lia_model_sweep(&s, m, NULL, &so);
    double ts = now() - t0;
    if (st != LIA_OK) { fprintf(stderr, "bench_explore: sweep: %s\n", s ? lia_sweep_errmsg(s) : lia_status_name(st)); return 3; }
    lia_sweep_free(s);
    lia_explore_range r[2] = { { argv[2], atof(argv[3]), atof(argv[4]) }, { argv[5], atof(argv[6]), atof(argv[7]) } };
    lia_explore_options xo = LIA_EXPLORE_OPTIONS_INIT;
    xo.design = LIA_DESIGN_LHS;
    xo.samples = 20000;
    xo.seed = 1;
    xo.ranges = r;
    xo.nranges = 2;
    xo.threads = 2;
    double times[2];
    for (int k = 0; k < 2; k++) {
        lia_explore *e = NULL;
        if (k == 1) { xo.store = argv[8]; unlink(argv[8]); }
        t0 = now();
        st = lia_model_explore(&e, m, NULL, &xo);
        times[k] = now() - t0;
        if (st != LIA_OK || lia_explore_run_count(e) != 20000) {
            fprintf(stderr, "bench_explore: explore: %s\n", e ? lia_explore_errmsg(e) : lia_status_name(st));
            return 3;
        }
        lia_explore_free(e);
    }
    unlink(argv[8]);
    printf("%.6f %.6f %.6f\n", ts, times[0], times[1]);
    lia_model_free(m);
    return 0;
}
