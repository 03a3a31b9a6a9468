/* select.c — the k-th smallest of an array in expected linear time, for the quantiles PRIM
 * peels at (the 5% and 95% points of each input, at every peel).
 *
 * Floyd and Rivest's SELECT (1975): before partitioning a large range, it recursively selects
 * within a small random-looking sample around where the k-th value should fall, so the pivot
 * lands close to it and one partition pass leaves only a short range to search. That takes
 * about n + min(k, n - k) comparisons, against about 3n for quickselect with median-of-three
 * pivots, which matters here because k is near one end. Equal values are handled by the
 * sentinel-style Hoare partition of the algorithm. After 2 log2(n) + 16 partitions that did not
 * finish (never seen on real data), what is left is sorted, bounding the worst case by
 * O(n log n). */
#include "estimators.h"
#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void swap(double *a, size_t i, size_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* Select within a[left..right] (inclusive), with a budget of partitions shared by the calls. */
static void fr_select(double *a, size_t left, size_t right, size_t k, unsigned *budget)
{
    while (right > left) {
        if ((*budget)-- == 0) {
            qsort(a + left, right - left + 1, sizeof *a, cmp_double);
            return;
        }
        if (right - left > 600) {
            /* a sample of s values around position k brackets the k-th value */
            double n = (double)(right - left + 1), i = (double)(k - left + 1), z = log(n);
            double s = 0.5 * exp(2 * z / 3), sd = 0.5 * sqrt(z * s * (n - s) / n) * (i < n / 2 ? -1 : 1);
            double nl = (double)k - i * s / n + sd, nr = (double)k + (n - i) * s / n + sd;
            size_t new_left = nl > (double)left ? (size_t)nl : left;
            size_t new_right = nr < (double)right ? (size_t)nr : right;
            fr_select(a, new_left, new_right, k, budget);
        }
        /* partition a[left..right] around t = a[k] */
        double t = a[k];
        size_t i = left, j = right;
        swap(a, left, k);
        if (a[right] > t) swap(a, right, left);
        while (i < j) {
            swap(a, i, j);
            i++, j--;
            while (a[i] < t) i++;
            while (a[j] > t) j--;
        }
        if (a[left] == t) swap(a, left, j);
        else j++, swap(a, j, right);
        /* now a[j] = t, nothing larger before it, nothing smaller after it */
        if (j <= k) left = j + 1;
        if (k <= j) {
            if (j == 0) return;
            right = j - 1;
        }
    }
}

double lia__select_kth(double *a, size_t n, size_t k)
{
    unsigned budget = 16;
    for (size_t m = n; m > 1; m >>= 1) budget += 2;
    fr_select(a, 0, n - 1, k, &budget);
    return a[k];
}
