/* sobol_indices.c — first-order and total Sobol indices from the outputs of a Saltelli design
 * (run order in design.h and liaison.h), with bootstrap half-widths.
 *
 * With f_A, f_B the outputs at the independent base rows and f_ABi the output at A with input
 * i taken from B, and V the variance of f:
 *   S1_i = mean(f_B (f_ABi - f_A)) / V          (Saltelli et al. 2010, table 2 (b))
 *   ST_i = mean((f_A - f_ABi)^2) / (2 V)        (Jansen 1999; Saltelli et al. 2010, (f))
 * as SALib's sobol.analyze computes them. V is the (divisor-n) variance of the 2n outputs of A
 * and B. Outputs are first centred on the mean of all runs, as SALib does (it also divides by
 * their standard deviation, which cancels): the estimators are unchanged in expectation, but a
 * large common offset would otherwise inflate the variance of S1's estimate, and the same
 * outputs then give SALib's point estimates.
 *
 * The half-widths resample the n base samples with replacement (each base sample keeps its
 * 2d+2 runs together) and report 1.96 standard deviations of the re-estimated indices. The
 * resamples are drawn from the counter-based generator and tallied per base sample: memory is
 * O(n + d) (a 32-bit count per base sample) and time O(resamples x n x d). */
#include "liaison.h"
#include "design.h"
#include "../util/mem.h"
#include <math.h>

#define Z95 1.959963984540054   /* the 0.975 quantile of the standard normal */

/* The indices from the base samples, base sample j counted weight[j] times (once each when
 * weight is NULL). num1/num2 are work arrays of d. */
static void estimate(const double *y, size_t n, size_t d, double c, const uint32_t *weight, double *num1,
                     double *num2, double *S1, double *ST)
{
    size_t per = 2 * d + 2;
    double s = 0, ss = 0;
    for (size_t i = 0; i < d; i++) num1[i] = num2[i] = 0;
    for (size_t j = 0; j < n; j++) {
        double wj = weight ? (double)weight[j] : 1;
        if (wj == 0) continue;
        const double *row = y + j * per;
        double a = row[0] - c, b = row[per - 1] - c;
        s += wj * (a + b);
        ss += wj * (a * a + b * b);
        for (size_t i = 0; i < d; i++) {
            double diff = row[1 + i] - c - a;
            num1[i] += wj * b * diff;
            num2[i] += wj * diff * diff;
        }
    }
    double mean = s / (2.0 * (double)n), v = ss / (2.0 * (double)n) - mean * mean;
    for (size_t i = 0; i < d; i++) {
        S1[i] = v > 0 ? num1[i] / (double)n / v : 0;
        ST[i] = v > 0 ? num2[i] / (2.0 * (double)n) / v : 0;
    }
}

/* How many times each base sample is drawn in bootstrap resample b: n draws with replacement
 * from the generator, tallied, so the estimate then reads y in order (the draws themselves
 * would read it at random, a cache miss per base sample). */
static void resample(uint32_t *count, size_t n, uint64_t seed, uint64_t b)
{
    uint64_t key = lia__rng_key(seed, b);
    for (size_t j = 0; j < n; j++) count[j] = 0;
    for (size_t m = 0; m < n; m++) {   /* = lia__rng_unit(seed, b, m) */
        size_t j = (size_t)((double)(lia__rng_at(key, m) >> 11) * 0x1.0p-53 * (double)n);
        count[j < n ? j : n - 1]++;
    }
}

lia_status lia_sobol_indices(const double *y, size_t n, size_t d, size_t resamples, uint64_t seed,
                             double *S1, double *ST, double *S1_conf, double *ST_conf)
{
    size_t per, total;
    if (!y || !S1 || !ST || n == 0 || d == 0 || resamples == 1) return LIA_EUSAGE;
    if (resamples >= 2 && (!S1_conf || !ST_conf)) return LIA_EUSAGE;
    if (d > (SIZE_MAX - 2) / 2 || !lia__size_mul(n, per = 2 * d + 2, &total)) return LIA_EUSAGE;
    double sum = 0;
    for (size_t k = 0; k < total; k++) {
        if (!isfinite(y[k])) return LIA_EUSAGE;
        sum += y[k];
    }

    /* A constant output over A and B: no variance to apportion, every index is 0. */
    int constant = 1;
    for (size_t j = 0; j < n; j++) constant &= y[j * per] == y[0] && y[j * per + per - 1] == y[0];
    if (constant) {
        for (size_t i = 0; i < d; i++) {
            S1[i] = ST[i] = 0;
            if (resamples) S1_conf[i] = ST_conf[i] = 0;
        }
        return LIA_OK;
    }
    double c = sum / (double)total;   /* the centre SALib uses: the mean of every run */

    size_t words;   /* num1, num2, S1 and ST of a resample, Welford means and sums of squares */
    if (!lia__size_mul(d, 8, &words)) return LIA_EUSAGE;
    if (resamples && n > UINT32_MAX) return LIA_ELIMIT;   /* the tallies are 32-bit */
    double *w = lia__calloc(words, sizeof *w);
    uint32_t *count = resamples ? lia__calloc(n, sizeof *count) : NULL;
    if (!w || (resamples && !count)) {
        lia__free(w);
        lia__free(count);
        return LIA_ENOMEM;
    }
    double *num1 = w, *num2 = w + d, *s1 = w + 2 * d, *st = w + 3 * d;
    double *m1 = w + 4 * d, *q1 = w + 5 * d, *mt = w + 6 * d, *qt = w + 7 * d;

    for (size_t b = 0; b < resamples; b++) {
        resample(count, n, seed, (uint64_t)b);
        estimate(y, n, d, c, count, num1, num2, s1, st);
        for (size_t i = 0; i < d; i++) {   /* Welford: a running mean and sum of squares */
            double k = (double)(b + 1), e1 = s1[i] - m1[i], et = st[i] - mt[i];
            m1[i] += e1 / k;
            q1[i] += e1 * (s1[i] - m1[i]);
            mt[i] += et / k;
            qt[i] += et * (st[i] - mt[i]);
        }
    }
    estimate(y, n, d, c, NULL, num1, num2, S1, ST);
    for (size_t i = 0; i < d && resamples; i++) {
        S1_conf[i] = Z95 * sqrt(q1[i] / (double)(resamples - 1));
        ST_conf[i] = Z95 * sqrt(qt[i] / (double)(resamples - 1));
    }
    lia__free(w);
    lia__free(count);
    return LIA_OK;
}
