/* bench_share.c — the burden-sharing engines against naive baselines on the same inputs, in
 * the same run (issue 4's targets). Prints one line per case:
 *   CASE liaison_seconds baseline_seconds target_seconds
 * (baseline 0 when the baseline is not run; "~" marks an extrapolated baseline). Usage:
 * bench_share [MODEL.lia] — the model, if given, is a 12-member agreement for the report case. */
#define _POSIX_C_SOURCE 200809L
#include "liaison.h"
#include "share/share.h"
#include <math.h>
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

static uint64_t state = 88172645463325252u;
static double uniform(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (double)(state >> 11) / 9007199254740992.0;
}

/* A random TU game: v({i}) = U(0,1) and v(S) = |S| (1 + U(0,1)) for larger S, so coalitions
 * gain from size, each coalition's value is its own draw, and imputations exist. */
static double *random_game(size_t n)
{
    double *v = malloc(((size_t)1 << n) * sizeof *v);
    if (!v) { fprintf(stderr, "bench_share: out of memory\n"); exit(3); }
    v[0] = 0;
    for (size_t S = 1; S < (size_t)1 << n; S++) {
        double k = (double)__builtin_popcountll(S);
        v[S] = k == 1 ? uniform() : k * (1 + uniform());
    }
    return v;
}

static void check(lia_status st, const char *what)
{
    if (st != LIA_OK) { fprintf(stderr, "bench_share: %s failed: %s\n", what, lia_status_name(st)); exit(3); }
}

static double max_diff(const double *a, const double *b, size_t n)
{
    double d = 0;
    for (size_t i = 0; i < n; i++) d = fmax(d, fabs(a[i] - b[i]));
    return d;
}

static void nucleolus_case(size_t n, int baseline, double target)
{
    double *v = random_game(n), x[32], y[32];
    lia_nucleolus_stats st;
    double t0 = now();
    check(lia__nucleolus_table(v, n, 0, 0, x, NULL, &st, NULL, 0), "nucleolus");
    double ours = now() - t0, base = 0;
    if (baseline) {
        t0 = now();
        check(lia__nucleolus_table_all_rows(v, n, 0, y, NULL), "nucleolus baseline");
        base = now() - t0;
        if (max_diff(x, y, n) > 1e-7) { fprintf(stderr, "bench_share: nucleolus baseline disagrees\n"); exit(3); }
    }
    printf("nucleolus-%zu %.6f %.6f %g  (%zu stages, %zu LP solves, %zu rows of %zu)\n", n, ours, base, target,
           st.stages, st.solves, st.rows, ((size_t)1 << n) - 1);
    free(v);
}

/* The textbook loop: for each player and each coalition without it, the weighted marginal. */
static void naive_shapley(const double *v, size_t n, double *phi)
{
    double w[32];
    for (size_t s = 0; s < n; s++) w[s] = exp(lgamma((double)s + 1) + lgamma((double)(n - s)) - lgamma((double)n + 1));
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t S = 0; S < (size_t)1 << n; S++)
            if (!(S >> i & 1)) sum += w[__builtin_popcountll(S)] * (v[S | (size_t)1 << i] - v[S]);
        phi[i] = sum;
    }
}

static void shapley_case(size_t n, double target)
{
    double *v = random_game(n), x[32], y[32];
    double t0 = now();
    check(lia_tu_shapley(v, n, x), "shapley");
    double ours = now() - t0;
    t0 = now();
    naive_shapley(v, n, y);
    double base = now() - t0;
    if (max_diff(x, y, n) > 1e-6) { fprintf(stderr, "bench_share: Shapley baseline disagrees\n"); exit(3); }
    printf("shapley-%zu %.6f %.6f %g\n", n, ours, base, target);
    free(v);
}

/* 188 members, IMF-board-like: a few large quotas, a long tail of small ones; votes in
 * hundredths of a percent (total 10000), simple majority. */
static size_t imf_weights(double *w)
{
    static const double big[] = { 1650, 610, 600, 530, 405, 405, 320, 300, 270, 260, 250, 230 };
    size_t n = 188, k = sizeof big / sizeof *big;
    double left = 10000;
    for (size_t i = 0; i < k; i++) { w[i] = big[i]; left -= big[i]; }
    double tail = 0, raw[200];
    for (size_t i = k; i < n; i++) { raw[i] = 0.2 + uniform() * uniform() * 6; tail += raw[i]; }
    double given = 0;
    for (size_t i = k; i < n; i++) { w[i] = floor(raw[i] / tail * left); if (w[i] < 1) w[i] = 1; given += w[i]; }
    w[n - 1] += left - given;   /* integer votes that add up to 10000 */
    return n;
}

/* Baseline: for one player, count coalitions of the others by size and weight (exact integer
 * counts in doubles), then weigh the swings by s!(n-s-1)!/n!. O(n^2 q) per player. */
static double naive_ss_one(const double *w, size_t n, double quota, size_t i, double *scratch)
{
    size_t q = (size_t)quota;
    double *c = scratch;   /* c[s * q + t]: coalitions of size s and weight t < q */
    memset(c, 0, n * q * sizeof *c);
    c[0] = 1;
    for (size_t j = 0; j < n; j++) {
        if (j == i) continue;
        size_t wj = (size_t)w[j];
        for (size_t s = n - 1; s-- > 0;)
            for (size_t t = q; t-- > wj;) c[(s + 1) * q + t] += c[s * q + t - wj];
    }
    double phi = 0;
    for (size_t s = 0; s < n; s++) {
        double ws = exp(lgamma((double)s + 1) + lgamma((double)(n - s)) - lgamma((double)n + 1)), cnt = 0;
        for (size_t t = q > (size_t)w[i] ? q - (size_t)w[i] : 0; t < q; t++) cnt += c[s * q + t];
        phi += ws * cnt;
    }
    return phi;
}

static void voting_case(double target)
{
    double w[200], ss[200], bz[200];
    size_t n = imf_weights(w);
    double quota = 5001;
    double t0 = now();
    check(lia_voting_power_indices(quota, w, n, ss, bz), "voting power");
    double ours = now() - t0;
    double *scratch = malloc(n * (size_t)quota * sizeof *scratch);
    if (!scratch) { fprintf(stderr, "bench_share: out of memory\n"); exit(3); }
    size_t sample = 4;
    t0 = now();
    for (size_t i = 0; i < sample; i++) {
        double phi = naive_ss_one(w, n, quota, i, scratch);
        if (fabs(phi - ss[i]) > 1e-9) { fprintf(stderr, "bench_share: Shapley-Shubik baseline disagrees (%zu)\n", i); exit(3); }
    }
    double base = (now() - t0) / (double)sample * (double)n;
    free(scratch);
    printf("shapley-shubik-%zu %.6f ~%.6f %g  (baseline timed on %zu members, scaled to %zu)\n", n, ours, base, target,
           sample, n);
}

static void report_case(const char *path, double target)
{
    lia_model *m = NULL;
    if (lia_model_open(&m, path) != LIA_OK) {
        fprintf(stderr, "bench_share: cannot load %s: %s\n", path, m ? lia_model_errmsg(m) : "out of memory");
        exit(2);
    }
    double best = 1e300;
    for (int run = 0; run < 3; run++) {
        lia_share *s = NULL;
        double t0 = now();
        lia_status st = lia_model_share(&s, m, NULL, NULL);
        double t = now() - t0;
        if (st != LIA_OK) { fprintf(stderr, "bench_share: %s\n", s ? lia_share_errmsg(s) : lia_model_errmsg(m)); exit(3); }
        if (t < best) best = t;
        lia_share_free(s);
    }
    printf("share-report-12 %.6f 0 %g\n", best, target);
    lia_model_free(m);
}

int main(int argc, char **argv)
{
    nucleolus_case(16, 1, 1.0);
    nucleolus_case(22, 0, 5.0);
    shapley_case(25, 2.0);
    voting_case(1.0);
    if (argc > 1) report_case(argv[1], 2.0);
    return 0;
}
