/* values.c — Shapley and Banzhaf values of a tabulated game in one sequential pass.
 *
 * Both are linear in v with a weight that depends only on |S| and on whether i is in S:
 *   phi_i = sum_{S ∋ i} a(|S|) v(S) - sum_{S ∌ i} b(|S|) v(S)
 *         = sum_{S ∋ i} (a + b)(|S|) v(S) - B,        B = sum_S b(|S|) v(S).
 * So one pass computes y(S) = (a + b) v(S) and B, and phi_i is the sum of y over the
 * coalitions containing i. The table is read in blocks of 2^L consecutive masks: within a
 * block the high bits are constant, so a block's sum goes to every high-bit member at once, and
 * an element-wise accumulator over the blocks gives the low-bit members at the end. That is
 * about two flops per coalition (25 players: 2^25 entries in a few tens of milliseconds)
 * instead of n/2 for the textbook loop over i and S. */
#include "share.h"
#include <math.h>

enum { LOW_BITS = 8 };

/* The weight pair by coalition size: a(s) for members, b(s) for non-members. */
typedef void (*weights_fn)(size_t n, double *ab, double *b);

static void shapley_weights(size_t n, double *ab, double *b)
{
    /* a(s) = (s-1)!(n-s)!/n! = 1/(s C(n,s)),  b(s) = s!(n-s-1)!/n! = 1/((n-s) C(n,s)) */
    double binom = 1;   /* C(n, s) */
    for (size_t s = 0; s <= n; s++) {
        double a = s ? 1.0 / ((double)s * binom) : 0;
        b[s] = s < n ? 1.0 / ((double)(n - s) * binom) : 0;
        ab[s] = a + b[s];
        binom = binom * (double)(n - s) / (double)(s + 1);
    }
}

static void banzhaf_weights(size_t n, double *ab, double *b)
{
    double w = ldexp(1.0, -(int)(n - 1));
    for (size_t s = 0; s <= n; s++) {
        double a = s ? w : 0;
        b[s] = s < n ? w : 0;
        ab[s] = a + b[s];
    }
}

static lia_status linear_value(const double *v, size_t n, double *out, weights_fn weights)
{
    if (!v || !out || n == 0 || n > 30) return LIA_EUSAGE;
    double ab[31], b[31];
    weights(n, ab, b);
    size_t low = n < LOW_BITS ? n : LOW_BITS, block = (size_t)1 << low, blocks = (size_t)1 << (n - low);
    unsigned char pc_low[1 << LOW_BITS];
    for (size_t j = 0; j < block; j++) pc_low[j] = (unsigned char)__builtin_popcountll(j);
    double acc[1 << LOW_BITS] = { 0 }, high[31] = { 0 }, total_b = 0;
    for (size_t h = 0; h < blocks; h++) {
        const double *vb = v + h * block;
        size_t pch = (size_t)__builtin_popcountll(h);
        double sum = 0, sum_b = 0;
        for (size_t j = 0; j < block; j++) {
            double y = ab[pch + pc_low[j]] * vb[j];
            acc[j] += y;
            sum += y;
            sum_b += b[pch + pc_low[j]] * vb[j];
        }
        total_b += sum_b;
        for (size_t m = h; m; m &= m - 1) high[__builtin_ctzll(m)] += sum;
    }
    for (size_t i = 0; i < low; i++) {
        double s = 0;
        for (size_t j = 0; j < block; j++)
            if (j >> i & 1) s += acc[j];
        out[i] = s - total_b;
    }
    for (size_t i = low; i < n; i++) out[i] = high[i - low] - total_b;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(out[i])) return LIA_EUSAGE;   /* the table held a non-finite value */
    return LIA_OK;
}

lia_status lia__shapley_table(const double *v, size_t n, double *phi) { return linear_value(v, n, phi, shapley_weights); }
lia_status lia__banzhaf_table(const double *v, size_t n, double *beta) { return linear_value(v, n, beta, banzhaf_weights); }
