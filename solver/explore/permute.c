/* permute.c — a random permutation of [0, n) evaluated one element at a time, so a Latin
 * hypercube of 10^9 points needs no table of 10^9 strata (design.h).
 *
 * A balanced Feistel network is a bijection of b-bit words whatever its round function; with
 * a pseudo-random round function and four or more rounds it is indistinguishable from a random
 * permutation (Luby and Rackoff, 1988). We use six rounds keyed by the generator. To restrict
 * it to [0, n) we "cycle-walk": apply it again until the value falls below n. Because the
 * network permutes [0, 2^b), the cycle through x returns to [0, n) (at x itself at the latest),
 * so the walk ends, and the map stays a bijection of [0, n). With 2^b < 4n the expected number
 * of steps is below 4. */
#include "design.h"

#define ROUNDS 6

uint64_t lia__rng_permute(uint64_t key, uint64_t n, uint64_t x)
{
    if (n <= 1) return 0;
    unsigned bits = 2;
    while (bits < 64 && (UINT64_C(1) << bits) < n) bits++;
    bits += bits & 1;                       /* even, so both halves have h bits */
    unsigned h = bits / 2;                  /* 1 .. 32 */
    uint64_t mask = (UINT64_C(1) << h) - 1;
    do {
        uint64_t l = x >> h, r = x & mask;
        for (unsigned k = 0; k < ROUNDS; k++) {
            uint64_t t = l ^ (lia__rng_u64(key, k, r) & mask);
            l = r;
            r = t;
        }
        x = (l << h) | r;
    } while (x >= n);
    return x;
}
