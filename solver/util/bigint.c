/* bigint.c — fixed-capacity signed integers: schoolbook multiplication and Knuth's long
 * division (algorithm D, in the form of Warren's Hacker's Delight divmnu), no allocation. */
#include "bigint.h"
#include <string.h>

static void trim(lia_big *a)
{
    while (a->n && a->d[a->n - 1] == 0) a->n--;
    if (!a->n) a->neg = 0;
}

void lia__big_set_i64(lia_big *r, int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    r->neg = v < 0;
    r->d[0] = (uint32_t)m;
    r->d[1] = (uint32_t)(m >> 32);
    r->n = 2;
    trim(r);
}

static int cmp_mag(const lia_big *a, const lia_big *b)
{
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (unsigned i = a->n; i-- > 0;)
        if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

int lia__big_cmp(const lia_big *a, const lia_big *b)
{
    int sa = lia_big_sign(a), sb = lia_big_sign(b);
    if (sa != sb) return sa < sb ? -1 : 1;
    int c = cmp_mag(a, b);
    return sa < 0 ? -c : c;
}

/* |r| = |a| + |b| */
static int add_mag(lia_big *r, const lia_big *a, const lia_big *b)
{
    unsigned n = a->n > b->n ? a->n : b->n;
    uint64_t carry = 0;
    for (unsigned i = 0; i < n; i++) {
        uint64_t s = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
        r->d[i] = (uint32_t)s;
        carry = s >> 32;
    }
    if (carry) {
        if (n == LIA_BIG_LIMBS) return 0;
        r->d[n++] = (uint32_t)carry;
    }
    r->n = n;
    return 1;
}

/* |r| = |a| - |b| with |a| >= |b| */
static void sub_mag(lia_big *r, const lia_big *a, const lia_big *b)
{
    int64_t borrow = 0;
    for (unsigned i = 0; i < a->n; i++) {
        int64_t s = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
        borrow = s < 0;
        r->d[i] = (uint32_t)(s + (borrow ? ((int64_t)1 << 32) : 0));
    }
    r->n = a->n;
}

static int add_signed(lia_big *r, const lia_big *a, const lia_big *b, int bneg)
{
    int aneg = a->neg;
    if (aneg == bneg) {
        if (!add_mag(r, a, b)) return 0;
        r->neg = aneg;
    } else if (cmp_mag(a, b) >= 0) {
        sub_mag(r, a, b);
        r->neg = aneg;
    } else {
        sub_mag(r, b, a);
        r->neg = bneg;
    }
    trim(r);
    return 1;
}

int lia__big_add(lia_big *r, const lia_big *a, const lia_big *b) { return add_signed(r, a, b, b->neg); }
int lia__big_sub(lia_big *r, const lia_big *a, const lia_big *b) { return add_signed(r, a, b, b->n ? !b->neg : 0); }

int lia__big_mul(lia_big *r, const lia_big *a, const lia_big *b)
{
    if (!a->n || !b->n) { r->n = 0; r->neg = 0; return 1; }
    if (a->n + b->n > LIA_BIG_LIMBS + 1) return 0;
    uint32_t t[2 * LIA_BIG_LIMBS + 1];
    unsigned n = a->n + b->n;
    memset(t, 0, n * sizeof *t);
    for (unsigned i = 0; i < a->n; i++) {
        uint64_t carry = 0;
        for (unsigned j = 0; j < b->n; j++) {
            uint64_t p = (uint64_t)a->d[i] * b->d[j] + t[i + j] + carry;
            t[i + j] = (uint32_t)p;
            carry = p >> 32;
        }
        t[i + b->n] = (uint32_t)carry;
    }
    while (n && t[n - 1] == 0) n--;
    if (n > LIA_BIG_LIMBS) return 0;
    r->neg = a->neg != b->neg;
    memcpy(r->d, t, n * sizeof *t);
    r->n = n;
    trim(r);
    return 1;
}

/* Unsigned long division of u (m limbs) by v (n limbs, top limb nonzero, m >= n): q gets
 * m - n + 1 limbs, r n limbs. */
static void divmnu(uint32_t *q, uint32_t *r, const uint32_t *u, const uint32_t *v, unsigned m, unsigned n)
{
    const uint64_t b = (uint64_t)1 << 32;
    if (n == 1) {
        uint64_t k = 0;
        for (unsigned j = m; j-- > 0;) {
            uint64_t cur = k * b + u[j];
            q[j] = (uint32_t)(cur / v[0]);
            k = cur - (uint64_t)q[j] * v[0];
        }
        r[0] = (uint32_t)k;
        return;
    }
    uint32_t un[2 * LIA_BIG_LIMBS + 2], vn[LIA_BIG_LIMBS + 1];
    unsigned s = (unsigned)__builtin_clz(v[n - 1]);
    for (unsigned i = n - 1; i > 0; i--) vn[i] = (v[i] << s) | (s ? (uint32_t)((uint64_t)v[i - 1] >> (32 - s)) : 0);
    vn[0] = v[0] << s;
    un[m] = s ? (uint32_t)((uint64_t)u[m - 1] >> (32 - s)) : 0;
    for (unsigned i = m - 1; i > 0; i--) un[i] = (u[i] << s) | (s ? (uint32_t)((uint64_t)u[i - 1] >> (32 - s)) : 0);
    un[0] = u[0] << s;
    for (unsigned jj = m - n + 1; jj-- > 0;) {
        unsigned j = jj;
        uint64_t num = (uint64_t)un[j + n] * b + un[j + n - 1];
        uint64_t qhat = num / vn[n - 1], rhat = num - qhat * vn[n - 1];
        while (qhat >= b || qhat * vn[n - 2] > b * rhat + un[j + n - 2]) {
            qhat--;
            rhat += vn[n - 1];
            if (rhat >= b) break;
        }
        int64_t k = 0, t;
        for (unsigned i = 0; i < n; i++) {
            uint64_t p = qhat * vn[i];
            t = (int64_t)un[i + j] - k - (int64_t)(p & 0xFFFFFFFFu);
            un[i + j] = (uint32_t)t;
            k = (int64_t)(p >> 32) - (t >> 32);
        }
        t = (int64_t)un[j + n] - k;
        un[j + n] = (uint32_t)t;
        q[j] = (uint32_t)qhat;
        if (t < 0) {   /* qhat was one too large: add v back */
            q[j]--;
            uint64_t c = 0;
            for (unsigned i = 0; i < n; i++) {
                uint64_t sum = (uint64_t)un[i + j] + vn[i] + c;
                un[i + j] = (uint32_t)sum;
                c = sum >> 32;
            }
            un[j + n] += (uint32_t)c;
        }
    }
    for (unsigned i = 0; i < n - 1; i++) r[i] = (un[i] >> s) | (s ? (uint32_t)((uint64_t)un[i + 1] << (32 - s)) : 0);
    r[n - 1] = un[n - 1] >> s;
}

int lia__big_divmod(lia_big *q, lia_big *rem, const lia_big *a, const lia_big *b)
{
    if (!b->n) return 0;
    int qneg = a->neg != b->neg, rneg = a->neg;
    if (cmp_mag(a, b) < 0) {
        if (rem) *rem = *a;
        if (q) { q->n = 0; q->neg = 0; }
        return 1;
    }
    uint32_t qd[LIA_BIG_LIMBS + 1], rd[LIA_BIG_LIMBS + 1];
    unsigned m = a->n, n = b->n;
    divmnu(qd, rd, a->d, b->d, m, n);
    if (q) {
        q->n = m - n + 1;
        memcpy(q->d, qd, q->n * sizeof *qd);
        q->neg = qneg;
        trim(q);
    }
    if (rem) {
        rem->n = n;
        memcpy(rem->d, rd, n * sizeof *rd);
        rem->neg = rneg;
        trim(rem);
    }
    return 1;
}

int lia__big_gcd(lia_big *r, const lia_big *a, const lia_big *b)
{
    lia_big x = *a, y = *b, t;
    x.neg = y.neg = 0;
    while (y.n) {
        if (!lia__big_divmod(NULL, &t, &x, &y)) return 0;
        x = y;
        y = t;
    }
    *r = x;
    return 1;
}

size_t lia__big_to_str(char *buf, size_t cap, const lia_big *a)
{
    char tmp[LIA_BIG_LIMBS * 10 + 2];
    size_t len = 0;
    lia_big x = *a, q, r;
    x.neg = 0;
    lia_big billion;
    lia__big_set_i64(&billion, 1000000000);
    do {
        lia__big_divmod(&q, &r, &x, &billion);
        uint32_t chunk = r.n ? r.d[0] : 0;
        for (int i = 0; i < 9; i++) {
            tmp[len++] = (char)('0' + chunk % 10);
            chunk /= 10;
            if (!q.n && !chunk) break;
        }
        x = q;
    } while (x.n);
    if (a->neg) tmp[len++] = '-';
    if (len + 1 > cap) return 0;
    for (size_t i = 0; i < len; i++) buf[i] = tmp[len - 1 - i];
    buf[len] = 0;
    return len;
}

static double top_value(const lia_big *a, unsigned drop)
{
    double v = 0;
    for (unsigned i = a->n; i-- > drop;) v = v * 4294967296.0 + a->d[i];
    return a->neg ? -v : v;
}

double lia__big_ratio(const lia_big *a, const lia_big *b)
{
    /* drop the same number of low limbs from both, so neither overflows a double; 30 limbs
     * (960 bits) stay in range and keep far more precision than a double has */
    unsigned big = a->n > b->n ? a->n : b->n, drop = big > 30 ? big - 30 : 0;
    return top_value(a, drop) / top_value(b, drop);
}
