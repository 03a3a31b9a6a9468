/* estimators.h — helpers the exploration estimators share (the estimators themselves are
 * public: liaison.h, "exploration estimators"). */
#ifndef LIA_EXPLORE_ESTIMATORS_H
#define LIA_EXPLORE_ESTIMATORS_H
#include <stddef.h>

/* The k-th smallest (0-based, k < n) of a[0..n-1], no NaN in a. Reorders a so that a[k] is
 * that value, with no larger value before it and no smaller one after it. */
double lia__select_kth(double *a, size_t n, size_t k);

#endif
