/* num.c — exact rational arithmetic on int64 with __int128 intermediates; overflow degrades
 * a result to double rather than failing, so large agreements still compile. */
#include "num.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;  /* GCC and Clang; 128-bit products keep int64 rationals exact */

static uint64_t ugcd(uint64_t a, uint64_t b)
{
    if (!a) return b;
    if (!b) return a;
    int shift = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do {
        b >>= __builtin_ctzll(b);
        if (a > b) { uint64_t t = a; a = b; b = t; }
        b -= a;
    } while (b);
    return a << shift;
}

static uint64_t uabs128(i128 x) { return (uint64_t)(x < 0 ? -x : x); }

__extension__ typedef unsigned __int128 u128;

static int ctz128(u128 x)
{
    uint64_t lo = (uint64_t)x;
    return lo ? __builtin_ctzll(lo) : 64 + __builtin_ctzll((uint64_t)(x >> 64));
}

/* Binary gcd: shifts and subtractions instead of 128-bit division, which is a slow libcall. */
static u128 ugcd128(u128 a, u128 b)
{
    if (!a) return b;
    if (!b) return a;
    int shift = ctz128(a | b);
    a >>= ctz128(a);
    do {
        b >>= ctz128(b);
        if (a > b) { u128 t = a; a = b; b = t; }
        b -= a;
    } while (b);
    return a << shift;
}

/* p/q already in lowest terms (q != 0): only sign and range remain. */
static lia_num fit128(i128 p, i128 q)
{
    if (q < 0) { p = -p; q = -q; }
    i128 ap = p < 0 ? -p : p;
    if ((ap >> 62) != 0 || (q >> 62) != 0) {
        lia_num r = { (double)p / (double)q, 0, 0 };
        return r;
    }
    lia_num r = { (double)(int64_t)p / (double)(int64_t)q, (int64_t)p, (int64_t)q };
    return r;
}

static lia_num inexact(double v) { lia_num r = { v, 0, 0 }; return r; }

/* Reduce p/q given as 128-bit values; inexact if the reduced form does not fit int64. */
static lia_num make128(i128 p, i128 q)
{
    if (q < 0) { p = -p; q = -q; }
    if (p == 0) { lia_num z = { 0.0, 0, 1 }; return z; }
    i128 ap = p < 0 ? -p : p;
    /* gcd on 128-bit magnitudes via Euclid (only when values exceed 64 bits). */
    i128 a = ap, b = q;
    if ((a >> 63) == 0 && (b >> 63) == 0) {
        uint64_t g = ugcd((uint64_t)a, (uint64_t)b);
        a = (i128)((uint64_t)ap / g); b = (i128)((uint64_t)q / g);
    } else {
        u128 g = ugcd128((u128)a, (u128)b);
        if (g > 1) { a = (i128)((u128)ap / g); b = (i128)((u128)q / g); }
    }
    if ((a >> 62) != 0 || (b >> 62) != 0)
        return inexact((double)p / (double)q);
    lia_num r;
    r.p = p < 0 ? -(int64_t)a : (int64_t)a;
    r.q = (int64_t)b;
    r.v = (double)r.p / (double)r.q;
    return r;
}

lia_num lia__num_int(int64_t n)
{
    if (n > INT64_MAX / 2 || n < -(INT64_MAX / 2)) return inexact((double)n);
    lia_num r = { (double)n, n, 1 };
    return r;
}

lia_num lia__num_frac(int64_t p, int64_t q) { return make128(p, q); }

lia_num lia__num_double(double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 4e18) return lia__num_int((int64_t)v);
    return inexact(v);
}

lia_num lia__num_add(lia_num a, lia_num b)
{
    if (!a.q || !b.q) return inexact(a.v + b.v);
    if (a.p == 0) return b;
    if (b.p == 0) return a;
    if (a.q == b.q) return make128((i128)a.p + b.p, a.q);
    /* Henrici's sum: with g = gcd(qa, qb), t = pa (qb/g) + pb (qa/g) and g2 = gcd(t, g), the
     * sum is (t/g2) / ((qa/g)(qb/g2)) in lowest terms. No gcd of 128-bit numbers (the binary
     * one took most of an exploration run's time on sampled values such as 0.3712837381929,
     * whose sums never fit), and a denominator beyond 62 bits is known at once not to fit. */
    uint64_t g = ugcd((uint64_t)a.q, (uint64_t)b.q);
    i128 t = (i128)a.p * (b.q / (int64_t)g) + (i128)b.p * (a.q / (int64_t)g);
    if (t == 0) return lia__num_int(0);
    uint64_t g2 = g == 1 ? 1 : ugcd((uint64_t)((u128)(t < 0 ? -t : t) % g), g);
    return fit128(t / (i128)g2, (i128)(a.q / (int64_t)g) * (b.q / (int64_t)g2));
}

lia_num lia__num_neg(lia_num a)
{
    a.v = -a.v;
    a.p = -a.p;
    return a;
}

lia_num lia__num_sub(lia_num a, lia_num b) { return lia__num_add(a, lia__num_neg(b)); }

lia_num lia__num_mul(lia_num a, lia_num b)
{
    if (!a.q || !b.q) return inexact(a.v * b.v);
    if (a.p == 0 || b.p == 0) return lia__num_int(0);
    if (a.p == 1 && a.q == 1) return b;
    if (b.p == 1 && b.q == 1) return a;
    if (a.q == 1 && b.q == 1) return fit128((i128)a.p * b.p, 1);
    /* cross-reduce: of two reduced fractions, the product is then already in lowest terms */
    uint64_t g1 = ugcd(uabs128(a.p), (uint64_t)b.q), g2 = ugcd(uabs128(b.p), (uint64_t)a.q);
    i128 p = (i128)(a.p / (int64_t)g1) * (b.p / (int64_t)g2);
    i128 q = (i128)(a.q / (int64_t)g2) * (b.q / (int64_t)g1);
    return fit128(p, q);
}

lia_num lia__num_div(lia_num a, lia_num b)
{
    if (!a.q || !b.q) return inexact(a.v / b.v);
    lia_num inv = { 1.0 / b.v, b.q, b.p };
    if (inv.q < 0) { inv.q = -inv.q; inv.p = -inv.p; }
    return lia__num_mul(a, inv);
}

int lia__num_cmp(lia_num a, lia_num b)
{
    if (a.q && b.q) {
        i128 l = (i128)a.p * b.q, r = (i128)b.p * a.q;
        return (l > r) - (l < r);
    }
    return (a.v > b.v) - (a.v < b.v);
}

lia_num lia__num_min(lia_num a, lia_num b) { return lia__num_cmp(b, a) < 0 ? b : a; }
lia_num lia__num_max(lia_num a, lia_num b) { return lia__num_cmp(b, a) > 0 ? b : a; }
int lia__num_is_zero(lia_num a) { return a.q ? a.p == 0 : a.v == 0.0; }
int lia__num_eq_int(lia_num a, int64_t n) { return a.q ? (a.q == 1 && a.p == n) : a.v == (double)n; }

int lia__num_parse(const char *s, size_t len, lia_num *out)
{
    size_t i = 0;
    i128 mant = 0;
    int scale = 0, digits = 0, overflow = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (mant < ((i128)1 << 100)) mant = mant * 10 + (s[i] - '0'); else { overflow = 1; scale++; }
        i++; digits++;
    }
    if (i < len && s[i] == '.') {
        i++;
        int frac = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (mant < ((i128)1 << 100)) { mant = mant * 10 + (s[i] - '0'); scale--; } else overflow = 1;
            i++; frac++;
        }
        if (!frac) return 0;
    }
    if (!digits) return 0;
    long exp = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int sign = 1, ed = 0;
        if (i < len && (s[i] == '+' || s[i] == '-')) { if (s[i] == '-') sign = -1; i++; }
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (exp < 100000) exp = exp * 10 + (s[i] - '0');
            i++; ed++;
        }
        if (!ed) return 0;
        exp *= sign;
    }
    if (i != len) return 0;
    char tmp[128];
    size_t n = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    double dv = len < sizeof tmp - 1 ? strtod(tmp, NULL) : HUGE_VAL;
    if (len >= sizeof tmp - 1) {
        /* absurdly long literal: fall back to the digit count */
        dv = (double)mant * pow(10.0, (double)(scale + exp));
    }
    long e10 = scale + exp;
    if (overflow || e10 > 18 || e10 < -18) { *out = inexact(dv); return 1; }
    i128 p = mant, q = 1;
    for (long k = 0; k < e10; k++) {
        if ((p >> 100) != 0) { *out = inexact(dv); return 1; }   /* p*10 must not overflow */
        p *= 10;
    }
    for (long k = 0; k < -e10; k++) q *= 10;
    if ((p >> 100) != 0) { *out = inexact(dv); return 1; }
    *out = make128(p, q);
    if (!out->q) out->v = dv;
    return 1;
}

/* Decimal digits of m * 2^e for e >= 0 (m < 2^63), into buf; base-1e9 limbs. */
static int format_big(char *buf, size_t cap, int neg, uint64_t m, int e)
{
    uint32_t limb[48];            /* 48*9 = 432 decimal digits > 2^1077 */
    int n = 0;
    uint64_t t = m;
    do { limb[n++] = (uint32_t)(t % 1000000000u); t /= 1000000000u; } while (t);
    for (int k = 0; k < e; k++) {
        uint32_t carry = 0;
        for (int j = 0; j < n; j++) {
            uint64_t x = (uint64_t)limb[j] * 2 + carry;
            limb[j] = (uint32_t)(x % 1000000000u);
            carry = (uint32_t)(x / 1000000000u);
        }
        if (carry && n < 48) limb[n++] = carry;
    }
    int w = snprintf(buf, cap, "%s%u", neg ? "-" : "", limb[n - 1]);
    for (int j = n - 2; j >= 0 && w >= 0; j--) {
        int k = snprintf(buf + ((size_t)w < cap ? (size_t)w : cap), (size_t)w < cap ? cap - (size_t)w : 0, "%09u", limb[j]);
        w += k;
    }
    return w;
}

int lia__num_format_exact(char *buf, size_t cap, lia_num a)
{
    if (a.q == 1) return snprintf(buf, cap, "%lld", (long long)a.p);
    if (a.q) return snprintf(buf, cap, "%lld/%lld", (long long)a.p, (long long)a.q);
    double v = a.v;
    if (!isfinite(v)) return snprintf(buf, cap, "0");
    if (v == 0) return snprintf(buf, cap, "0");
    int e2;
    double fr = frexp(fabs(v), &e2);             /* |v| = fr * 2^e2, fr in [0.5,1) */
    uint64_t m = (uint64_t)ldexp(fr, 53);
    int e = e2 - 53;
    while (m && !(m & 1) && e < 0) { m >>= 1; e++; }
    int neg = v < 0;
    if (e >= 0) return format_big(buf, cap, neg, m, e);
    int w = format_big(buf, cap, neg, m, 0);
    size_t off = (size_t)w < cap ? (size_t)w : cap;
    w += snprintf(buf + off, cap - off, "/");
    off = (size_t)w < cap ? (size_t)w : cap;
    return w + format_big(buf + off, cap - off, 0, 1, -e);
}

/* Does %.{prec}g read back as v, in the notation we want? Monotone in prec, so the shortest
 * precision is found by bisection (4 or 5 tries instead of up to 17). */
static int round_trips(double v, int prec, int plain_ok, char *tmp, size_t cap)
{
    snprintf(tmp, cap, "%.*g", prec, v);
    if (plain_ok && strchr(tmp, 'e')) return 0;
    return strtod(tmp, NULL) == v;
}

int lia__num_format_double(char *buf, size_t cap, double v)
{
    if (v == 0) return snprintf(buf, cap, "0");
    if (!isfinite(v)) return snprintf(buf, cap, "%s", v != v ? "nan" : v > 0 ? "inf" : "-inf");
    /* exponent notation only where plain digits would be long: "200", not "2e+02" */
    double a = fabs(v);
    int plain_ok = a >= 1e-4 && a < 1e16;
    char tmp[40];
    int lo = 1, hi = 17;
    if (!round_trips(v, hi, plain_ok, tmp, sizeof tmp)) return snprintf(buf, cap, "%.17g", v);
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (round_trips(v, mid, plain_ok, tmp, sizeof tmp)) hi = mid;
        else lo = mid + 1;
    }
    return snprintf(buf, cap, "%.*g", lo, v);
}

int lia__num_format_readable(char *buf, size_t cap, lia_num a)
{
    if (a.q > 1) {
        int64_t q = a.q;
        while (q % 2 == 0) q /= 2;
        while (q % 5 == 0) q /= 5;
        if (q != 1) return snprintf(buf, cap, "%lld/%lld", (long long)a.p, (long long)a.q);
    }
    return lia__num_format_double(buf, cap, a.v);
}
