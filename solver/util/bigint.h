/* bigint.h — signed integers of fixed capacity (LIA_BIG_LIMBS x 32 bits) for exact rational
 * reconstruction. No allocation at all: an operation whose result would not fit returns 0,
 * so exact paths fail with a status instead of aborting the host (GMP aborts on OOM). */
#ifndef LIA_UTIL_BIGINT_H
#define LIA_UTIL_BIGINT_H
#include <stddef.h>
#include <stdint.h>

/* 3072 bits. Bareiss multiplies two minors of a t x t matrix of b-bit entries before dividing,
 * about 2 t (b + log2(t) / 2) bits: enough for 24 x 24 with 60-bit entries, 100 x 100 with
 * 11-bit ones (payoffs 0..2000). */
#define LIA_BIG_LIMBS 96

typedef struct lia_big {
    int neg;                    /* 1 if negative (never for zero) */
    unsigned n;                 /* limbs in use; 0 is zero */
    uint32_t d[LIA_BIG_LIMBS];  /* magnitude, least significant first */
} lia_big;

void lia__big_set_i64(lia_big *r, int64_t v);
static inline int lia_big_is_zero(const lia_big *a) { return a->n == 0; }
static inline int lia_big_sign(const lia_big *a) { return a->n == 0 ? 0 : a->neg ? -1 : 1; }
int lia__big_cmp(const lia_big *a, const lia_big *b);

/* r = a op b; r may alias a or b. Return 0 on overflow (r is then unspecified). */
int lia__big_add(lia_big *r, const lia_big *a, const lia_big *b);
int lia__big_sub(lia_big *r, const lia_big *a, const lia_big *b);
int lia__big_mul(lia_big *r, const lia_big *a, const lia_big *b);
/* Truncating division: q = trunc(a / b), rem = a - q b (either may be NULL); 0 if b is zero. */
int lia__big_divmod(lia_big *q, lia_big *rem, const lia_big *a, const lia_big *b);
/* gcd(|a|, |b|) >= 0. */
int lia__big_gcd(lia_big *r, const lia_big *a, const lia_big *b);
static inline void lia_big_negate(lia_big *a) { if (a->n) a->neg = !a->neg; }

/* Decimal text; returns the length written, or 0 if cap is too small. */
size_t lia__big_to_str(char *buf, size_t cap, const lia_big *a);
/* a / b as a double (b != 0), also when a and b are beyond the range of doubles. */
double lia__big_ratio(const lia_big *a, const lia_big *b);

#endif
