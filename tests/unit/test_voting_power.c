/* test_voting_power.c — Shapley-Shubik and Banzhaf indices of weighted voting games: the UN
 * Security Council and the 1958 EEC Council against published values and our own
 * enumeration, the multilinear-extension programme against brute force on random games
 * (integer, exact rational and dyadic weights), a 188-voter game with closed-form answers,
 * the trivial games, and the argument checks, limits and allocation failures. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "share/share.h"
#include "util/mem.h"
#include "util/num.h"

#define NEAR(a, b, tol) assert_true(fabs((a) - (b)) <= (tol))

/* Brute force over all 2^n coalitions, compared exactly in lia_num: phi_i sums
 * s! (n - s - 1)! / n! over the coalitions S without i (|S| = s) where i swings, which is the
 * share of the n! orderings in which i is pivotal; swings[i] counts those S. */
static void brute_force(const lia_num *w, lia_num quota, size_t n, double *ss, double *swings)
{
    size_t N = (size_t)1 << n;
    char *win = malloc(N);
    lia_num *sum = malloc(N * sizeof *sum);
    assert_non_null(win);
    assert_non_null(sum);
    /* integer games sum in int64 (fast); the others in exact rationals */
    int integral = quota.q == 1;
    for (size_t i = 0; i < n; i++) integral &= w[i].q == 1;
    if (integral) {
        int64_t *isum = (int64_t *)sum;
        isum[0] = 0;
        for (size_t S = 1; S < N; S++) isum[S] = isum[S & (S - 1)] + w[__builtin_ctzll(S)].p;
        for (size_t S = 0; S < N; S++) win[S] = isum[S] >= quota.p;
    } else {
        sum[0] = lia__num_int(0);
        for (size_t S = 1; S < N; S++) sum[S] = lia__num_add(sum[S & (S - 1)], w[__builtin_ctzll(S)]);
        for (size_t S = 0; S < N; S++) win[S] = lia__num_cmp(sum[S], quota) >= 0;
    }
    /* 1 / (n C(n-1, s)) = s! (n-1-s)! / n! */
    double coef[64];
    for (size_t s = 0; s < n; s++) {
        double b = 1;
        for (size_t j = 0; j < s; j++) b = b * (double)(n - 1 - j) / (double)(j + 1);
        coef[s] = 1 / ((double)n * b);
    }
    /* counts per coalition size, then one short sum: 2^13 double additions would themselves
     * be off by 1e-14 */
    for (size_t i = 0; i < n; i++) {
        double count[64] = { 0 };
        for (size_t S = 0; S < N; S++)
            if (!(S >> i & 1) && win[S | (size_t)1 << i] && !win[S]) count[__builtin_popcountll(S)] += 1;
        ss[i] = 0;
        swings[i] = 0;
        for (size_t s = 0; s < n; s++) {
            ss[i] += count[s] * coef[s];
            swings[i] += count[s];
        }
    }
    free(win);
    free(sum);
}

static lia_num *nums_of(const double *w, size_t n, lia_num *out)
{
    for (size_t i = 0; i < n; i++) out[i] = lia__num_double(w[i]);
    return out;
}

/* UN Security Council since 1965: 5 permanent members of weight 7, 10 others of weight 1,
 * quota 39 (all five permanent and four more). The textbook values (e.g. Straffin 1993, Game
 * Theory and Strategy; Felsenthal & Machover 1998, The Measurement of Voting Power) are
 * 421/2145 = 0.19627 for each permanent member and 4/2145 = 0.001865 for the others; the
 * enumeration below confirms them. Swings by hand: a non-permanent
 * member swings when the five and exactly 3 of the other 9 are present, C(9,3) = 84; a
 * permanent member whenever the other four and at least 4 of the 10 are, 2^10 - (1 + 10 + 45
 * + 120) = 848; normalised 848/5080 = 0.16693 and 84/5080. */
static void test_security_council(void **state)
{
    (void)state;
    double w[15], ss[15], bz[15], raw[15], bss[15], bsw[15];
    lia_num wn[15];
    for (int i = 0; i < 15; i++) w[i] = i < 5 ? 7 : 1;
    assert_int_equal(lia__voting_power(39, w, NULL, NULL, 15, ss, bz, raw, 0, NULL, 0), LIA_OK);
    brute_force(nums_of(w, 15, wn), lia__num_int(39), 15, bss, bsw);
    for (int i = 0; i < 15; i++) {
        double want = i < 5 ? 421.0 / 2145 : 4.0 / 2145, swings = i < 5 ? 848 : 84;
        NEAR(ss[i], want, 1e-14);
        NEAR(bss[i], want, 1e-14);
        NEAR(raw[i] * 16384, swings, 1e-9);
        assert_true(bsw[i] == swings);
        NEAR(bz[i], swings / 5080, 1e-14);
    }
    NEAR(ss[0], 0.19627, 5e-6);
    NEAR(ss[5], 0.001865, 5e-7);
}

/* Council of the EEC, 1958: France, Germany, Italy 4; Belgium, Netherlands 2; Luxembourg 1;
 * quota 12 of 17. Shapley-Shubik (14, 14, 14, 9, 9, 0) / 60 and Banzhaf swings (10, 10, 10,
 * 6, 6, 0), normalised by 42 (the standard example, e.g. Felsenthal & Machover 1998). By hand: a big member
 * swings when the others hold 8 to 11: both other bigs with at most one mid (2 + 2 x 2 = 6
 * subsets, Luxembourg in or out) or one big (2 ways) with both mids (x2 for Luxembourg), 10;
 * a mid when the others hold 10 or 11: two bigs (3 ways) and the other mid (x2), 6.
 * Luxembourg never swings: without it every sum is even, and 11 is not. */
static void test_eec_1958(void **state)
{
    (void)state;
    const double w[6] = { 4, 4, 4, 2, 2, 1 }, ss_want[6] = { 14, 14, 14, 9, 9, 0 }, sw_want[6] = { 10, 10, 10, 6, 6, 0 };
    double ss[6], bz[6], raw[6], bss[6], bsw[6];
    lia_num wn[6];
    assert_int_equal(lia__voting_power(12, w, NULL, NULL, 6, ss, bz, raw, 0, NULL, 0), LIA_OK);
    brute_force(nums_of(w, 6, wn), lia__num_int(12), 6, bss, bsw);
    for (int i = 0; i < 6; i++) {
        NEAR(ss[i], ss_want[i] / 60, 1e-14);
        NEAR(bss[i], ss_want[i] / 60, 1e-14);
        assert_true(bsw[i] == sw_want[i]);
        NEAR(raw[i] * 32, sw_want[i], 1e-12);
        NEAR(bz[i], sw_want[i] / 42, 1e-14);
    }
    assert_true(ss[5] == 0 && raw[5] == 0);   /* the null player is not given rounding dust below 0 */
}

static uint64_t rng_state;
static uint64_t rnd(uint64_t k)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (rng_state >> 33) % k;
}

static void compare(const double *w, const lia_num *wexact, double quota, const lia_num *qexact, const lia_num *wn,
                    lia_num qn, size_t n)
{
    double ss[16], bz[16], raw[16], bss[16], bsw[16];
    char msg[200];
    lia_status st = lia__voting_power(quota, w, qexact, wexact, n, ss, bz, raw, 0, msg, sizeof msg);
    if (st != LIA_OK) fail_msg("status %d: %s", (int)st, msg);
    brute_force(wn, qn, n, bss, bsw);
    double total = 0;
    for (size_t i = 0; i < n; i++) total += bsw[i];
    for (size_t i = 0; i < n; i++) {
        double braw = ldexp(bsw[i], -(int)(n - 1)), bbz = total > 0 ? bsw[i] / total : 0;
        if (fabs(ss[i] - bss[i]) > 1e-14 || fabs(raw[i] - braw) > 1e-14 || fabs(bz[i] - bbz) > 1e-14)
            fail_msg("n=%zu voter %zu: ss %.17g vs %.17g, raw %.17g vs %.17g, bz %.17g vs %.17g", n, i, ss[i],
                     bss[i], raw[i], braw, bz[i], bbz);
    }
}

/* Random games, n up to 14: integer weights with ties, zeros and voters over the quota; the
 * quota anywhere from below 0 to above the total, up to some 10^6 weight units. The
 * tolerance 1e-14 is far below the 1e-13 a naive sum over a near-dictator's swing window
 * (10^5 terms) loses; the programme agrees with enumeration to some 1e-16. */
static void test_random_integer_games(void **state)
{
    (void)state;
    rng_state = 1958;
    for (int round = 0; round < 300; round++) {
        size_t n = 1 + (size_t)rnd(14);
        double w[16];
        lia_num wn[16];
        int64_t T = 0;
        int64_t span = round % 4 == 0 ? 4 : round % 4 == 1 ? 30 : round % 4 == 2 ? 1000 : 20000;
        for (size_t i = 0; i < n; i++) {
            w[i] = rnd(10) == 0 ? 0 : (double)(1 + rnd((uint64_t)span));
            if (round % 4 == 3 && i == 0) w[i] *= 30;   /* a near-dictator: long swing windows */
            wn[i] = lia__num_double(w[i]);
            T += (int64_t)w[i];
        }
        int64_t q = (int64_t)rnd((uint64_t)T + 4) - 1;   /* -1 .. T + 2 */
        compare(w, NULL, (double)q, NULL, wn, lia__num_int(q), n);
    }
}

/* Exact rational weights and quotas (denominators up to 6, or 12 in every tenth game, so a
 * common denominator up to 60 or 27720), given only exactly: the doubles passed are NULL. And dyadic doubles (k / 8), which
 * are exact in binary and need no exact form. */
static void test_random_rational_games(void **state)
{
    (void)state;
    rng_state = 1985;
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (size_t)rnd(14);
        lia_num wn[16];
        lia_num T = lia__num_int(0);
        for (size_t i = 0; i < n; i++) {
            wn[i] = rnd(8) == 0 ? lia__num_int(0) : lia__num_frac((int64_t)rnd(40), 1 + (int64_t)rnd(round % 10 ? 6 : 12));
            T = lia__num_add(T, wn[i]);
        }
        /* a quota near a fraction of the total, sometimes exactly a coalition's weight */
        lia_num q = lia__num_mul(T, lia__num_frac(1 + (int64_t)rnd(9), 10));
        if (round % 4 == 0) q = lia__num_add(wn[0], wn[n - 1]);
        compare(NULL, wn, q.v, &q, wn, q, n);
    }
    for (int round = 0; round < 100; round++) {
        size_t n = 1 + (size_t)rnd(14);
        double w[16];
        lia_num wn[16];
        for (size_t i = 0; i < n; i++) {
            w[i] = (double)rnd(64) / 8;
            wn[i] = lia__num_frac((int64_t)(w[i] * 8), 8);
        }
        double q = (double)rnd(20 * n) / 4;
        compare(w, NULL, q, NULL, wn, lia__num_frac((int64_t)(q * 4), 4), n);
    }
}

/* Binomial(N, 1/2) probabilities P(X = k) by the product recurrence, from 2^-N. */
static void binomial_half(int N, double *pmf)
{
    pmf[0] = ldexp(1, -N);
    for (int k = 1; k <= N; k++) pmf[k] = pmf[k - 1] * (double)(N - k + 1) / k;
}

/* 188 voters (the IMF board's size): one of weight 50 and 187 of weight 1, quota 100.
 * Shapley-Shubik: the big voter is pivotal when j in [50, 99] small voters precede it, j
 * uniform on 0..187: 50/188; the rest share 138/188 equally. Banzhaf: the big voter swings
 * when 50 <= X <= 99 for X ~ Bin(187, 1/2); a small one when the others hold exactly 99:
 * the big one in with 49 of the other 186 small, or out with 99 of them. */
static void test_188_voters_closed_form(void **state)
{
    (void)state;
    double w[188], ss[188], bz[188], raw[188];
    for (int i = 0; i < 188; i++) w[i] = i == 0 ? 50 : 1;
    assert_int_equal(lia__voting_power(100, w, NULL, NULL, 188, ss, bz, raw, 0, NULL, 0), LIA_OK);
    static double b187[188], b186[187];
    binomial_half(187, b187);
    binomial_half(186, b186);
    double big = 0, small = (b186[49] + b186[99]) / 2;
    for (int k = 50; k <= 99; k++) big += b187[k];
    NEAR(ss[0], 50.0 / 188, 1e-13);
    NEAR(raw[0], big, 1e-13);
    double s = ss[0], t = bz[0];
    for (int i = 1; i < 188; i++) {
        NEAR(ss[i], 138.0 / 188 / 187, 1e-14);
        NEAR(raw[i], small, 1e-14);
        s += ss[i];
        t += bz[i];
    }
    NEAR(bz[0], big / (big + 187 * small), 1e-13);
    NEAR(s, 1, 1e-12);
    NEAR(t, 1, 1e-12);
}

/* Pr(q - w_i <= W_{-i} < q) at p = 1/2 by a direct programme over the others' weight sums,
 * all additions of positive terms: relatively accurate even deep in a tail. */
static double direct_swing(const double *w, size_t n, size_t i, int64_t q)
{
    int64_t T = 0;
    for (size_t j = 0; j < n; j++) T += (int64_t)w[j];
    double *D = calloc((size_t)T + 1, sizeof *D);
    assert_non_null(D);
    D[0] = 1;
    int64_t top = 0;
    for (size_t j = 0; j < n; j++) {
        if (j == i) continue;
        int64_t wj = (int64_t)w[j];
        for (int64_t t = top; t >= 0; t--) {
            D[t + wj] += D[t] / 2;
            D[t] /= 2;
        }
        top += wj;
    }
    double sum = 0;
    for (int64_t t = q - (int64_t)w[i]; t < q; t++)
        if (t >= 0) sum += D[t];
    free(D);
    return sum;
}

/* An IMF-like board: 188 voters, one of 13%, seven of 2-5% and many small, about 12500 units
 * in all; majority and the 85% supermajority. Both indices sum to 1 (Shapley-Shubik is not
 * normalised by the code, so this checks that the quadrature is exact) and respect the order
 * of the weights. At 85% a random coalition at p = 1/2 almost never gets near the quota, the
 * swing probabilities are ~1e-13 and the normalised Banzhaf index rests on them: they must be
 * right relatively, which they were not to 1e-4 before the p = 1/2 pass used the dual game.
 * Shapley-Shubik is self-dual: quota q and T - q + 1 give the same index. The bench times it;
 * here it must merely be quick. */
static void test_imf_scale(void **state)
{
    (void)state;
    double w[188], ss[188], bz[188], raw[188], dual[188];
    rng_state = 1944;
    double T = 0;
    for (int i = 0; i < 188; i++) T += w[i] = i == 0 ? 1650 : i < 8 ? (double)(300 + rnd(300)) : (double)(5 + rnd(80));
    for (int k = 0; k < 2; k++) {
        double q = ceil((k ? 0.85 : 0.5) * T);
        assert_int_equal(lia__voting_power(q, w, NULL, NULL, 188, ss, bz, raw, 0, NULL, 0), LIA_OK);
        double s = 0, t = 0;
        for (int i = 0; i < 188; i++) {
            s += ss[i];
            t += bz[i];
            assert_true(ss[i] >= 0 && bz[i] >= 0);
            for (int j = 0; j < 188; j++)
                if (w[i] < w[j]) assert_true(ss[i] <= ss[j] + 1e-15 && raw[i] <= raw[j] * (1 + 1e-12));
        }
        NEAR(s, 1, 1e-12);
        NEAR(t, 1, 1e-12);
        const size_t probe[3] = { 0, 1, 150 };
        for (int a = 0; a < 3; a++) {
            double want = direct_swing(w, 188, probe[a], (int64_t)q);
            if (k) assert_true(want < 1e-12);
            assert_true(fabs(raw[probe[a]] - want) <= 1e-10 * want);
        }
        assert_int_equal(lia__voting_power(T - q + 1, w, NULL, NULL, 188, dual, NULL, NULL, 0, NULL, 0), LIA_OK);
        for (int i = 0; i < 188; i++) assert_true(fabs(dual[i] - ss[i]) <= 1e-14);
    }
}

/* Quota <= 0: even the empty coalition wins, no one is ever pivotal. Quota over the total:
 * nothing wins. Both give zeros and LIA_OK. Quota = total: unanimity, 1/n each and Banzhaf
 * 2^-(n-1) (only the grand coalition less i is swung). Zero-weight voters are null and do not
 * change the others' indices. */
static void test_trivial_and_null(void **state)
{
    (void)state;
    const double w[5] = { 3, 0, 2, 2, 0 };
    double ss[5], bz[5], raw[5];
    const double qs[3] = { 0, -5, 7.5 };
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < 5; i++) ss[i] = bz[i] = raw[i] = 9;
        assert_int_equal(lia__voting_power(qs[k], w, NULL, NULL, 5, ss, bz, raw, 0, NULL, 0), LIA_OK);
        for (int i = 0; i < 5; i++) assert_true(ss[i] == 0 && bz[i] == 0 && raw[i] == 0);
    }
    assert_int_equal(lia__voting_power(7, w, NULL, NULL, 5, ss, bz, raw, 0, NULL, 0), LIA_OK);
    for (int i = 0; i < 5; i++) {
        double want = w[i] > 0 ? 1.0 / 3 : 0;
        NEAR(ss[i], want, 1e-15);
        NEAR(bz[i], want, 1e-15);
        NEAR(raw[i], w[i] > 0 ? 0.25 : 0, 1e-15);
    }
    /* the Security Council with three null members added keeps its values */
    double u[18], su[18], ru[18], bu[18];
    for (int i = 0; i < 18; i++) u[i] = i < 5 ? 7 : i < 15 ? 1 : 0;
    assert_int_equal(lia__voting_power(39, u, NULL, NULL, 18, su, NULL, ru, 0, NULL, 0), LIA_OK);
    for (int i = 0; i < 18; i++) {
        NEAR(su[i], i < 5 ? 421.0 / 2145 : i < 15 ? 4.0 / 2145 : 0, 1e-14);
        NEAR(ru[i] * 16384, i < 5 ? 848 : i < 15 ? 84 : 0, 1e-9);
    }
    /* either output alone, or none */
    assert_int_equal(lia__voting_power(39, u, NULL, NULL, 18, NULL, bu, NULL, 0, NULL, 0), LIA_OK);
    NEAR(bu[0], 848.0 / 5080, 1e-14);
    assert_int_equal(lia__voting_power(39, u, NULL, NULL, 18, NULL, NULL, NULL, 0, NULL, 0), LIA_OK);
}

/* Exact weights decide what doubles cannot: ten weights of 1/10 reach a quota of 1 together
 * (unanimity), whatever 0.1 + ... + 0.1 is in doubles; given as inexact doubles they are
 * refused rather than guessed. Inexact lia_nums count as doubles; weights far over the quota
 * are capped without overflow. */
static void test_exactness(void **state)
{
    (void)state;
    lia_num tenth[10], one = lia__num_int(1);
    double dw[10], ss[10], raw[10];
    char msg[300];
    for (int i = 0; i < 10; i++) {
        tenth[i] = lia__num_frac(1, 10);
        dw[i] = 0.1;
    }
    assert_int_equal(lia__voting_power(1, dw, &one, tenth, 10, ss, NULL, raw, 0, msg, sizeof msg), LIA_OK);
    for (int i = 0; i < 10; i++) {
        NEAR(ss[i], 0.1, 1e-15);
        NEAR(raw[i], ldexp(1, -9), 1e-18);
    }
    assert_int_equal(lia__voting_power(1, dw, NULL, tenth, 10, ss, NULL, NULL, 0, msg, sizeof msg), LIA_OK);
    NEAR(ss[3], 0.1, 1e-15);
    /* a quota of 3/10 exactly: any three win, and three doubles of 0.1 would not reach 0.3 */
    lia_num q3 = lia__num_frac(3, 10);
    assert_int_equal(lia__voting_power(0.3, dw, &q3, tenth, 10, ss, NULL, raw, 0, msg, sizeof msg), LIA_OK);
    NEAR(ss[0], 0.1, 1e-15);
    NEAR(raw[0], 36.0 / 512, 1e-15);   /* exactly two of the other nine: C(9,2) = 36 */
    msg[0] = 0;
    assert_int_equal(lia__voting_power(1, dw, NULL, NULL, 10, ss, NULL, NULL, 0, msg, sizeof msg), LIA_ELIMIT);
    assert_non_null(strstr(msg, "exactly"));
    /* inexact lia_num: its double is used; 3.0 is an integer, 0.1 is not */
    lia_num inexact[3] = { { 3.0, 0, 0 }, { 1.0, 0, 0 }, { 1.0, 0, 0 } };
    double ss3[3];
    assert_int_equal(lia__voting_power(4, NULL, NULL, inexact, 3, ss3, NULL, NULL, 0, msg, sizeof msg), LIA_OK);
    NEAR(ss3[0], 2.0 / 3, 1e-15);   /* the big one with either small: pivotal unless first */
    inexact[1].v = 0.1;
    assert_int_equal(lia__voting_power(4, NULL, NULL, inexact, 3, ss3, NULL, NULL, 0, msg, sizeof msg), LIA_ELIMIT);
    /* a weight of 1e30 (an integer double far beyond int64) is a dictator at quota 5 */
    const double dict[3] = { 1e30, 1, 1 };
    assert_int_equal(lia__voting_power(5, dict, NULL, NULL, 3, ss3, NULL, NULL, 0, NULL, 0), LIA_OK);
    NEAR(ss3[0], 1, 1e-15);
    NEAR(ss3[1], 0, 1e-15);
    NEAR(ss3[2], 0, 1e-15);
    /* ...and the quota 1e30 + 2^50 is beyond the whole, 1e30 + 2: nothing wins */
    assert_int_equal(lia__voting_power(1e30 + 0x1p50, dict, NULL, NULL, 3, ss3, NULL, NULL, 0, NULL, 0), LIA_OK);
    assert_true(ss3[0] == 0);
    /* one voter, alone or among null ones, is a dictator once the quota is within reach */
    const double solo[3] = { 0, 2.5, 0 };
    double s1[3], b1[3], r1[3];
    assert_int_equal(lia__voting_power(2, solo, NULL, NULL, 3, s1, b1, r1, 0, NULL, 0), LIA_OK);
    assert_true(s1[0] == 0 && s1[2] == 0 && b1[0] == 0 && r1[2] == 0);
    NEAR(s1[1], 1, 1e-15);
    NEAR(b1[1], 1, 1e-15);
    NEAR(r1[1], 1, 1e-15);
    assert_int_equal(lia__voting_power(2, solo + 1, NULL, NULL, 1, s1, b1, r1, 0, NULL, 0), LIA_OK);
    NEAR(s1[0], 1, 1e-15);
    /* a tiny positive quota is met by any voter of positive weight */
    const double two[2] = { 1, 1 };
    double s2[2];
    assert_int_equal(lia__voting_power(1e-300, two, NULL, NULL, 2, s2, NULL, NULL, 0, NULL, 0), LIA_OK);
    NEAR(s2[0], 0.5, 1e-15);
}

static void test_bad_arguments_and_limits(void **state)
{
    (void)state;
    const double w[3] = { 1, 2, 3 }, neg[3] = { 1, -2, 3 }, nanw[3] = { 1, NAN, 3 }, infw[3] = { 1, INFINITY, 3 };
    double ss[3];
    char msg[300];
    assert_int_equal(lia__voting_power(3, NULL, NULL, NULL, 3, ss, NULL, NULL, 0, msg, sizeof msg), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(3, w, NULL, NULL, 0, ss, NULL, NULL, 0, msg, sizeof msg), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(3, neg, NULL, NULL, 3, ss, NULL, NULL, 0, msg, sizeof msg), LIA_EUSAGE);
    assert_non_null(strstr(msg, "weight 2"));
    assert_int_equal(lia__voting_power(3, nanw, NULL, NULL, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(3, infw, NULL, NULL, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(NAN, w, NULL, NULL, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(INFINITY, w, NULL, NULL, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    lia_num negx[3] = { lia__num_int(1), lia__num_frac(-1, 2), lia__num_int(1) }, bad = lia_num_bad();
    assert_int_equal(lia__voting_power(1, NULL, NULL, negx, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    assert_int_equal(lia__voting_power(1, w, &bad, NULL, 3, ss, NULL, NULL, 0, NULL, 0), LIA_EUSAGE);
    /* prime denominators near 10^6: a common unit of about 10^18, quota far over the limit */
    lia_num fine[3] = { lia__num_frac(1, 1000003), lia__num_frac(1, 1000033), lia__num_frac(1, 1000037) };
    lia_num half = lia__num_frac(1, 1000000);
    msg[0] = 0;
    assert_int_equal(lia__voting_power(0, NULL, &half, fine, 3, ss, NULL, NULL, 0, msg, sizeof msg), LIA_ELIMIT);
    assert_true(strlen(msg) > 20);
    assert_int_equal(lia__voting_power(0, NULL, &half, fine, 3, ss, NULL, NULL, 0, NULL, 0), LIA_ELIMIT);
    /* 60 voters of weight 10^6 at quota 10^6: Banzhaf needs sums up to the quota only, but
     * Shapley-Shubik also the dual quota 5.9e7 + 1, over the span limit */
    static double big[60], b60[60];
    for (int i = 0; i < 60; i++) big[i] = 1e6;
    assert_int_equal(lia__voting_power(1e6, big, NULL, NULL, 60, b60, NULL, NULL, 0, msg, sizeof msg), LIA_ELIMIT);
    assert_non_null(strstr(msg, "less the quota"));
    assert_int_equal(lia__voting_power(1e6, big, NULL, NULL, 60, NULL, b60, NULL, 0, msg, sizeof msg), LIA_OK);
    NEAR(b60[17], 1.0 / 60, 1e-15);
    /* 1000 voters of weight 40000, quota 2e7: within the span, beyond the work limit */
    static double many[1000], out[1000];
    for (int i = 0; i < 1000; i++) many[i] = 40000;
    assert_int_equal(lia__voting_power(2e7, many, NULL, NULL, 1000, out, NULL, NULL, 0, msg, sizeof msg), LIA_ELIMIT);
    assert_non_null(strstr(msg, "work limit"));
}

/* Every allocation in turn fails: LIA_ENOMEM each time, nothing leaked (ASan), and the
 * outputs right once all succeed. */
static void test_allocation_failures(void **state)
{
    (void)state;
    double w[15], ss[15], bz[15], raw[15];
    for (int i = 0; i < 15; i++) w[i] = i < 5 ? 7 : 1;
    unsigned long k;
    for (k = 1; k < 100; k++) {
        lia__mem_fail_after(k);
        lia_status st = lia__voting_power(39, w, NULL, NULL, 15, ss, bz, raw, 0, NULL, 0);
        lia__mem_fail_after(0);
        if (st == LIA_OK) break;
        assert_int_equal(st, LIA_ENOMEM);
    }
    assert_true(k > 1 && k < 100);
    NEAR(ss[0], 421.0 / 2145, 1e-14);
    NEAR(bz[14], 84.0 / 5080, 1e-14);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_security_council),
        cmocka_unit_test(test_eec_1958),
        cmocka_unit_test(test_random_integer_games),
        cmocka_unit_test(test_random_rational_games),
        cmocka_unit_test(test_188_voters_closed_form),
        cmocka_unit_test(test_imf_scale),
        cmocka_unit_test(test_trivial_and_null),
        cmocka_unit_test(test_exactness),
        cmocka_unit_test(test_bad_arguments_and_limits),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
