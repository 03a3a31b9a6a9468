/* prim.c — PRIM scenario discovery (Friedman and Fisher, 1999): a box in parameter space
 * where the runs of interest ("hits", e.g. breakdowns) are concentrated, described by a few
 * bounds a reader can state in words.
 *
 * Peeling: from the box holding every run, each step considers, for every input, removing the
 * alpha share of the box's runs with the lowest values of that input, or the highest, and
 * makes the removal that leaves the densest box (hits / runs). Removals that would leave less
 * than min_coverage of all hits in the box are not considered; peeling stops when none is left
 * or the box holds only hits. Ties of values are kept together: a slice ends at a value, and
 * when the alpha quantile equals the smallest value (a discrete input) the slice is the runs
 * at that smallest value.
 *
 * Choice: PRIM yields a trajectory of nested boxes trading coverage for density; a user of the
 * EMA Workbench picks one by eye. We pick automatically the box whose density has the highest
 * Wilson 95% lower bound. The lower bound rewards density but discounts a small box whose
 * density rests on few runs, which is the over-fitting PRIM's late peels are prone to; the
 * coverage floor keeps the box about most of the hits. Ties go to the earlier (larger) box.
 *
 * Pasting: the chosen box is then widened, one side at a time, by the alpha share (of the
 * runs in the box) of the nearest runs just outside that side, or a half, a quarter... of it,
 * as long as the best such widening raises the density (or keeps it and adds hits).
 *
 * Dropping: a restriction whose removal keeps the density at or above the box's Wilson lower
 * bound is within sampling noise of not mattering, and is removed. Pasting and dropping only
 * ever add runs, hence hits, so coverage stays above the floor.
 *
 * Memory: a copy of the table by columns (peeling reads one input at a time), three work
 * arrays of n entries and the peeling trajectory. Time: each peel is linear in the box's runs
 * per input (quantiles by Floyd-Rivest selection), and the boxes shrink geometrically, so
 * peeling costs about n d / alpha in all. */
#include "liaison.h"
#include "estimators.h"
#include "../util/mem.h"
#include <math.h>

typedef struct peel {
    size_t dim;
    int upper;          /* 1: the bound hi[dim] moved down, 0: lo[dim] moved up */
    double bound;
    size_t runs, hits;  /* in the box after the peel */
} peel;

typedef struct work {
    const double *x;            /* the caller's table, n x d row-major */
    const unsigned char *hit;
    size_t n, d;
    /* Peeling keeps the runs in the box as d columns of m values (column j at col + j n) and
     * their hit flags, compacted after each peel, so each input is read contiguously. Pasting
     * reuses col's storage for a list of run indices. */
    void *col;
    unsigned char *inhit;
    size_t *code;       /* pasting: per run, where it lies relative to the box */
    double *buf;        /* values of one input */
    peel *steps;
    size_t nsteps, cap;
} work;

static double wilson_low(size_t k, size_t n)
{
    double lo = 0, hi = 1;
    return lia_wilson_interval(k, n, 1.96, &lo, &hi) == LIA_OK ? lo : 0;
}

/* density a/b > c/e, by cross-multiplication (exact below 2^32 runs with x86's 64-bit long
 * double mantissa; ties between equal densities must compare equal) */
static int denser(size_t a, size_t b, size_t c, size_t e)
{
    return (long double)a * (long double)e > (long double)c * (long double)b;
}

/* A slice of one side of one input: the runs with v < cut (lower side) or v > cut (upper
 * side), or with v <= cut / v >= cut when `inclusive` (the slice of the smallest or largest
 * value, for discrete inputs). */
typedef struct slice {
    size_t dim;
    int upper, inclusive;
    double cut;
} slice;

static int in_slice(const slice *s, double v)
{
    if (s->upper) return s->inclusive ? v >= s->cut : v > s->cut;
    return s->inclusive ? v <= s->cut : v < s->cut;
}

/* The best peel of the box's m runs: 1, the box shrunk (columns, *m, *hin) and the moved
 * bound in *dim, *upper, *bound; or 0 when no slice may be removed. */
static int peel_once(work *w, size_t *m, size_t *hin, size_t min_hits, double alpha, size_t *dim, int *upper,
                     double *bound)
{
    slice best = {0, 0, 0, 0};
    size_t best_runs = 0, best_hits = 0;
    int found = 0;
    size_t kk = (size_t)floor(alpha * (double)*m);   /* alpha m runs, rounded down */
    double *col = w->col;
    for (size_t j = 0; j < w->d; j++) {
        const double *v = col + j * w->n;
        double mn = INFINITY, mx = -INFINITY;
        for (size_t k = 0; k < *m; k++) {
            w->buf[k] = v[k];
            mn = v[k] < mn ? v[k] : mn;
            mx = v[k] > mx ? v[k] : mx;
        }
        if (mn == mx) continue;
        /* Removing the values below the (kk+1)-th smallest removes at most kk runs; when that
         * value is the minimum itself, the slice is the runs at the minimum. */
        double qlo = lia__select_kth(w->buf, *m, kk);
        /* selecting leaves the values above rank kk after it: look for the upper one there */
        double qhi = lia__select_kth(w->buf + kk + 1, *m - kk - 1, *m - 2 * kk - 2);
        slice cand[2] = {{j, 0, qlo == mn, qlo}, {j, 1, qhi == mx, qhi}};
        size_t rem[2] = {0, 0}, remh[2] = {0, 0};
        for (size_t k = 0; k < *m; k++) {
            size_t h = w->inhit[k];
            for (int u = 0; u < 2; u++)
                if (in_slice(&cand[u], v[k])) rem[u]++, remh[u] += h;
        }
        for (int u = 0; u < 2; u++) {
            size_t runs = *m - rem[u], hits = *hin - remh[u];
            if (rem[u] == 0 || runs == 0 || hits < min_hits) continue;
            /* the densest remainder; among equally dense ones the largest */
            if (!found || denser(hits, runs, best_hits, best_runs) ||
                (!denser(best_hits, best_runs, hits, runs) && runs > best_runs)) {
                found = 1, best = cand[u], best_runs = runs, best_hits = hits;
            }
        }
    }
    if (!found) return 0;
    /* keep the runs outside the slice, in every column; the new bound is the extreme value kept */
    size_t kept = 0, j = best.dim;
    const double *v = col + j * w->n;
    double edge = best.upper ? -INFINITY : INFINITY;
    for (size_t k = 0; k < *m; k++) {
        if (in_slice(&best, v[k])) continue;
        if (best.upper ? v[k] > edge : v[k] < edge) edge = v[k];
        for (size_t i = 0; i < w->d; i++)
            if (i != j) col[i * w->n + kept] = col[i * w->n + k];
        w->inhit[kept] = w->inhit[k];
        col[j * w->n + kept] = v[k];   /* v[k] is read before it can be overwritten: kept <= k */
        kept++;
    }
    *m = kept;
    *hin = best_hits;
    *dim = j, *upper = best.upper, *bound = edge;
    return 1;
}

static int record(work *w, size_t dim, int upper, double bound, size_t runs, size_t hits)
{
    if (w->nsteps == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 64;
        peel *p = lia__realloc(w->steps, cap * sizeof *p);
        if (!p) return -1;
        w->steps = p;
        w->cap = cap;
    }
    w->steps[w->nsteps++] = (peel){dim, upper, bound, runs, hits};
    return 0;
}

/* Per run: 0 inside the box, 1 + 2j + side when outside only by input j's lower (side 0) or
 * upper (side 1) bound, SIZE_MAX when outside by more than one bound. */
static void classify(work *w, const double *lo, const double *hi, size_t *runs, size_t *hits)
{
    *runs = *hits = 0;
    for (size_t k = 0; k < w->n; k++) {
        const double *row = w->x + k * w->d;
        size_t code = 0;
        for (size_t j = 0; j < w->d && code != SIZE_MAX; j++) {
            size_t c = row[j] < lo[j] ? 1 + 2 * j : row[j] > hi[j] ? 2 + 2 * j : 0;
            if (c) code = code ? SIZE_MAX : c;
        }
        w->code[k] = code;
        if (code == 0) (*runs)++, *hits += w->hit[k] != 0;
    }
}

/* One paste: the widening of one side that leaves the densest box, if it is denser than the
 * box, or as dense and holding more hits (then it is better on both counts). A side is widened
 * by the alpha share of the box's runs nearest to it outside, or by half, a quarter... of that:
 * a slice of alpha can overshoot a boundary the peels stopped short of, and the finer slices
 * let the box reach it. */
static int paste_once(work *w, double alpha, double *lo, double *hi)
{
    size_t runs, hits, *cand = w->col;
    classify(w, lo, hi, &runs, &hits);
    size_t take = (size_t)ceil(alpha * (double)runs);
    if (take == 0) take = 1;
    size_t best_runs = runs, best_hits = hits, best_code = 0;
    double best_bound = 0;
    for (size_t code = 1; code <= 2 * w->d; code++) {
        size_t c = 0, j = (code - 1) / 2;
        int upper = (code - 1) % 2;
        for (size_t k = 0; k < w->n; k++)
            if (w->code[k] == code) cand[c++] = k;
        if (c == 0) continue;
        for (size_t t = take < c ? take : c, first = 1; t > 0; t /= 2, first = 0) {
            /* the t runs nearest the side: the t largest below lo, the t smallest above hi */
            for (size_t q = 0; q < c; q++) w->buf[q] = w->x[cand[q] * w->d + j];
            double bound = lia__select_kth(w->buf, c, upper ? t - 1 : c - t);
            size_t add = 0, addh = 0, near = 0;
            for (size_t q = 0; q < c; q++) {
                double v = w->x[cand[q] * w->d + j];
                if (!(upper ? v <= bound : v >= bound)) continue;
                add++, addh += w->hit[cand[q]] != 0;
                if (first) cand[near++] = cand[q];   /* the finer slices are among these */
            }
            if (first) c = near;
            size_t r = runs + add, h = hits + addh;
            if (denser(h, r, best_hits, best_runs) || (!denser(best_hits, best_runs, h, r) && h > best_hits)) {
                best_runs = r, best_hits = h, best_code = code, best_bound = bound;
            }
        }
    }
    if (best_code == 0) return 0;
    size_t j = (best_code - 1) / 2;
    if ((best_code - 1) % 2) hi[j] = best_bound;
    else lo[j] = best_bound;
    return 1;
}

/* Drops the restriction whose removal leaves the densest box, if that density is still at least
 * `floor`; 1 if one was dropped. */
static int drop_once(work *w, double floor_density, const double *dmin, const double *dmax, double *lo, double *hi)
{
    size_t best_j = 0, best_runs = 0, best_hits = 0;
    int best_side = -1;
    for (size_t j = 0; j < w->d; j++) {
        for (int side = 0; side < 2; side++) {
            double *b = side ? &hi[j] : &lo[j], keep = *b, free_value = side ? dmax[j] : dmin[j];
            if (keep == free_value) continue;
            size_t runs, hits;
            *b = free_value;
            classify(w, lo, hi, &runs, &hits);
            *b = keep;
            if ((double)hits < floor_density * (double)runs) continue;
            if (best_side < 0 || denser(hits, runs, best_hits, best_runs))
                best_j = j, best_side = side, best_runs = runs, best_hits = hits;
        }
    }
    if (best_side < 0) return 0;
    if (best_side) hi[best_j] = dmax[best_j];
    else lo[best_j] = dmin[best_j];
    return 1;
}

lia_status lia_prim_box(const double *x, size_t n, size_t d, const unsigned char *hit, double alpha,
                        double min_coverage, double *lo, double *hi, int *restricted, double *coverage,
                        double *density, double *mass)
{
    size_t cells, words;
    if (!x || !hit || !lo || !hi || !restricted || !coverage || !density || !mass || n == 0 || d == 0)
        return LIA_EUSAGE;
    if (!(alpha > 0 && alpha < 0.5) || !(min_coverage > 0 && min_coverage <= 1)) return LIA_EUSAGE;
    if (!lia__size_mul(n, d, &cells) || !lia__size_mul(d, 4, &words)) return LIA_EUSAGE;
    for (size_t k = 0; k < cells; k++)
        if (!isfinite(x[k])) return LIA_EUSAGE;
    size_t total_hits = 0;
    for (size_t k = 0; k < n; k++) total_hits += hit[k] != 0;
    if (total_hits == 0) return LIA_EUSAGE;

    /* col holds n x d doubles, and later n run indices: d >= 1 and sizeof(size_t) <= 8 */
    work w = {x, hit, n, d, lia__malloc(cells * sizeof(double)), lia__malloc(n), lia__malloc(n * sizeof(size_t)),
              lia__malloc(n * sizeof(double)), NULL, 0, 0};
    double *b = lia__calloc(words, sizeof *b);   /* data min, data max, box lo, box hi */
    lia_status st = LIA_ENOMEM;
    if (!w.col || !w.inhit || !w.code || !w.buf || !b) goto done;
    double *dmin = b, *dmax = b + d, *blo = b + 2 * d, *bhi = b + 3 * d;
    for (size_t j = 0; j < d; j++) dmin[j] = INFINITY, dmax[j] = -INFINITY;
    double *col = w.col;
    for (size_t k = 0; k < n; k++) {
        w.inhit[k] = hit[k] != 0;
        for (size_t j = 0; j < d; j++) {
            col[j * n + k] = x[k * d + j];
            dmin[j] = fmin(dmin[j], x[k * d + j]);
            dmax[j] = fmax(dmax[j], x[k * d + j]);
        }
    }
    for (size_t j = 0; j < d; j++) blo[j] = dmin[j], bhi[j] = dmax[j];

    /* the fewest hits a box may keep: coverage >= min_coverage */
    size_t min_hits = (size_t)ceil(min_coverage * (double)total_hits - 1e-9 * (double)total_hits);
    if (min_hits == 0) min_hits = 1;
    size_t m = n, hin = total_hits, best = 0;   /* best: the box after `best` peels */
    double best_low = wilson_low(hin, m);
    while (hin < m) {
        size_t j;
        int upper;
        double bound;
        if (!peel_once(&w, &m, &hin, min_hits, alpha, &j, &upper, &bound)) break;
        if (record(&w, j, upper, bound, m, hin) != 0) goto done;
        double low = wilson_low(hin, m);
        if (low > best_low) best_low = low, best = w.nsteps;
    }
    for (size_t s = 0; s < best; s++) {
        if (w.steps[s].upper) bhi[w.steps[s].dim] = w.steps[s].bound;
        else blo[w.steps[s].dim] = w.steps[s].bound;
    }
    /* Each paste adds runs; the cap (twice the peels, plus two per side) only bounds the time
     * when many tiny pastes each add a hit. */
    for (size_t p = 0; p < 2 * best + 2 * d && paste_once(&w, alpha, blo, bhi); p++) {}

    /* A restriction whose removal keeps the density above the box's Wilson lower bound is within
     * sampling noise of not mattering: drop it, so the scenario names only bounds that do. */
    size_t runs, hits;
    classify(&w, blo, bhi, &runs, &hits);
    double floor_density = wilson_low(hits, runs);
    while (drop_once(&w, floor_density, dmin, dmax, blo, bhi)) {}
    classify(&w, blo, bhi, &runs, &hits);
    for (size_t j = 0; j < d; j++) {
        lo[j] = blo[j];
        hi[j] = bhi[j];
        restricted[j] = (blo[j] > dmin[j]) | (bhi[j] < dmax[j]) << 1;
    }
    *coverage = (double)hits / (double)total_hits;
    *density = (double)hits / (double)runs;
    *mass = (double)runs / (double)n;
    st = LIA_OK;
done:
    lia__free(w.col);
    lia__free(w.inhit);
    lia__free(w.code);
    lia__free(w.buf);
    lia__free(w.steps);
    lia__free(b);
    return st;
}
