/* morris_indices.c — Morris's (1991) elementary-effect screening statistics.
 *
 * Along a trajectory one input moves at a time, so the change of the output between two
 * consecutive runs is that input's effect: (y1 - y0)/(x1 - x0). Over the r trajectories each
 * input collects r such effects. Their mean mu can hide effects of opposite signs that cancel
 * (a non-monotone input), so Campolongo, Cariboni and Saltelli (2007) rank inputs by the mean
 * of the absolute effects, mu*; the standard deviation sigma is large when an input's effect
 * depends on where it is measured (non-linearity or interactions). One pass, O(d) memory. */
#include "liaison.h"
#include "../util/mem.h"
#include <math.h>

lia_status lia_morris_indices(const double *x, const double *y, size_t trajectories, size_t d,
                              double *mu, double *mu_star, double *sigma)
{
    size_t points, runs, cells, words;
    if (!x || !y || trajectories == 0 || d == 0 || d == SIZE_MAX) return LIA_EUSAGE;
    if (!lia__size_mul(trajectories, points = d + 1, &runs) || !lia__size_mul(runs, d, &cells) ||
        !lia__size_mul(d, 4, &words))
        return LIA_EUSAGE;
    for (size_t k = 0; k < cells; k++)
        if (!isfinite(x[k])) return LIA_EUSAGE;
    for (size_t k = 0; k < runs; k++)
        if (!isfinite(y[k])) return LIA_EUSAGE;

    /* per input: count, Welford mean and sum of squares of the effects, sum of |effect| */
    double *w = lia__calloc(words, sizeof *w);
    if (!w) return LIA_ENOMEM;
    double *count = w, *mean = w + d, *m2 = w + 2 * d, *abs_sum = w + 3 * d;
    lia_status st = LIA_OK;
    for (size_t t = 0; t < trajectories && st == LIA_OK; t++) {
        for (size_t s = 1; s < points; s++) {
            size_t r1 = t * points + s;
            const double *x0 = x + (r1 - 1) * d, *x1 = x + r1 * d;
            size_t moved = d, changes = 0;
            for (size_t i = 0; i < d; i++)
                if (x1[i] != x0[i]) moved = i, changes++;
            if (changes != 1) { st = LIA_EUSAGE; break; }   /* not a one-at-a-time step */
            double e = (y[r1] - y[r1 - 1]) / (x1[moved] - x0[moved]);
            if (!isfinite(e)) { st = LIA_EUSAGE; break; }   /* a step too small for its effect */
            double k = ++count[moved], delta = e - mean[moved];
            mean[moved] += delta / k;
            m2[moved] += delta * (e - mean[moved]);
            abs_sum[moved] += fabs(e);
        }
    }
    for (size_t i = 0; i < d && st == LIA_OK; i++)
        if (count[i] == 0) st = LIA_EUSAGE;                  /* an input with no effect measured */
    for (size_t i = 0; i < d && st == LIA_OK; i++) {
        if (mu) mu[i] = mean[i];
        if (mu_star) mu_star[i] = abs_sum[i] / count[i];
        if (sigma) sigma[i] = count[i] > 1 ? sqrt(m2[i] / (count[i] - 1)) : NAN;
    }
    lia__free(w);
    return st;
}
