/* num.h — numbers that stay exact rationals while they fit in 64 bits, and fall back to double. */
#ifndef LIA_UTIL_NUM_H
#define LIA_UTIL_NUM_H
#include <stdint.h>
#include <stddef.h>

/* q > 0: the exact value p/q (lowest terms), and v == (double)p/q.
 * q == 0: inexact; only v is meaningful. */
typedef struct lia_num {
    double v;
    int64_t p, q;
} lia_num;

lia_num lia__num_int(int64_t n);
lia_num lia__num_frac(int64_t p, int64_t q);   /* q != 0; reduced; inexact if it cannot be */
lia_num lia__num_double(double v);             /* inexact unless v is an integer that fits */
/* The largest magnitude a number of a model may have (literals and payoffs alike): beyond it
 * the difference of two payoffs, and the solvers' tolerances scaled by the payoff spread,
 * stop being representable as doubles, and every profile would pass the regret check. */
#define LIA_NUM_LIMIT 1e300

static inline int lia_num_exact(lia_num a) { return a.q != 0; }
/* A literal that was already diagnosed as malformed: evaluation skips it silently. */
static inline lia_num lia_num_bad(void) { lia_num r = { __builtin_nan(""), 0, 0 }; return r; }
static inline int lia_num_is_bad(lia_num a) { return a.q == 0 && a.v != a.v; }

lia_num lia__num_add(lia_num a, lia_num b);
lia_num lia__num_sub(lia_num a, lia_num b);
lia_num lia__num_mul(lia_num a, lia_num b);
lia_num lia__num_div(lia_num a, lia_num b);    /* caller checks b != 0 */
lia_num lia__num_neg(lia_num a);
int lia__num_cmp(lia_num a, lia_num b);        /* exact when both are, else by double */
lia_num lia__num_min(lia_num a, lia_num b);
lia_num lia__num_max(lia_num a, lia_num b);
int lia__num_is_zero(lia_num a);
int lia__num_eq_int(lia_num a, int64_t n);

/* Parse a decimal literal such as 12, 0.25 or 1e-3 exactly when it fits (end must be the
 * literal's end). Returns 0 if the text is not a number. */
int lia__num_parse(const char *s, size_t len, lia_num *out);

/* Write a number for lrs/nfg: "p/q" or "p" when exact; otherwise the double's exact binary
 * value as a rational (never a truncated decimal). Returns chars written (snprintf semantics). */
int lia__num_format_exact(char *buf, size_t cap, lia_num a);
/* For messages: a decimal when the value has a terminating one (1.5), else p/q (2/3). */
int lia__num_format_readable(char *buf, size_t cap, lia_num a);
/* Shortest decimal that reads back to the same double (for JSON and text). */
int lia__num_format_double(char *buf, size_t cap, double v);

#endif
