/* bench_sweep.c — a 1,000-point sweep with bisection refinement on 1 and on 2 threads (issue
 * 5's target: under 10 s, near-linear speed-up). Usage: bench_sweep FILE PARAM FROM TO.
 * Prints: threads seconds breakdowns. */
#define _POSIX_C_SOURCE 200809L
#include "liaison.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 5) { fprintf(stderr, "usage: bench_sweep FILE PARAM FROM TO\n"); return 2; }
    /* OpenBLAS's own idle workers spin and would compete with the sweep's threads for the two
     * cores (the CLI runs with one BLAS thread for the same reason) */
    lia_set_blas_threads(1);
    lia_model *m = NULL;
    if (lia_model_open(&m, argv[1]) != LIA_OK) { fprintf(stderr, "bench_sweep: cannot load %s\n", argv[1]); return 2; }
    char *first = NULL;
    /* 1 thread twice: the first run also pays one-time start-up costs (BLAS, GLPK) */
    static const size_t plan[3] = { 1, 1, 2 };
    for (size_t run = 0; run < 3; run++) {
        size_t threads = plan[run];
        lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
        o.axis[0].name = argv[2];
        o.axis[0].from = atof(argv[3]);
        o.axis[0].to = atof(argv[4]);
        o.axis[0].steps = 1000;
        o.threads = threads;
        lia_sweep *s = NULL;
        double t0 = now();
        lia_status st = lia_model_sweep(&s, m, NULL, &o);
        double t = now() - t0;
        if (st != LIA_OK) { fprintf(stderr, "bench_sweep: %s\n", s ? lia_sweep_errmsg(s) : lia_status_name(st)); return 3; }
        char *json = NULL;
        if (lia_sweep_write(&json, NULL, s, LIA_FORMAT_JSON) != LIA_OK) return 3;
        if (first && strcmp(first, json) != 0) { fprintf(stderr, "bench_sweep: results differ between thread counts\n"); return 3; }
        if (run > 0) printf("%zu %.6f %zu\n", threads, t, lia_sweep_breakdown_count(s));
        if (!first) first = json;
        else lia_free(json);
        lia_sweep_free(s);
    }
    lia_free(first);
    lia_model_free(m);
    return 0;
}
