/* wilson.c — Wilson's (1927) score interval for a proportion. Unlike the textbook p +- z se it
 * never leaves [0, 1] and keeps its coverage for proportions near 0 or 1 and for small n,
 * which is where breakdown probabilities of an exploration tend to be. */
#include "liaison.h"
#include <math.h>

lia_status lia_wilson_interval(size_t k, size_t n, double z, double *lo, double *hi)
{
    if (n == 0 || k > n || !isfinite(z) || !(z > 0) || !lo || !hi) return LIA_EUSAGE;
    /* The interval is the set of p for which |phat - p| <= z sqrt(p(1-p)/n): the roots of a
     * quadratic in p, centred at (phat + z^2/2n)/(1 + z^2/n). */
    double dn = (double)n, p = (double)k / dn, z2 = z * z;
    double denom = 1 + z2 / dn;
    double centre = (p + z2 / (2 * dn)) / denom;
    double half = z / denom * sqrt(p * (1 - p) / dn + z2 / (4 * dn * dn));
    *lo = k == 0 ? 0 : fmax(0, centre - half);
    *hi = k == n ? 1 : fmin(1, centre + half);
    return LIA_OK;
}
