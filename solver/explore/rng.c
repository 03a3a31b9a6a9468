/* rng.c — the counter-based generator of the exploration designs. There is no state to carry
 * between runs: a sample is a pure function of (seed, stream, counter), so runs can be computed
 * in any order, on any thread, rank or shard, and still agree bit for bit.
 *
 * Construction: the pair (seed, stream) is hashed into a 64-bit key by two rounds of the
 * splitmix64 finaliser (a bijection of 64-bit words with full avalanche), and the output is
 * the splitmix64 sequence started at that key, read at position `counter`. For a fixed key the
 * outputs are exactly splitmix64's, which passes BigCrush; distinct keys start sequences at
 * unrelated points of the 2^64-periodic Weyl sequence, so streams do not overlap in practice. */
#include "design.h"

#define GOLDEN 0x9E3779B97F4A7C15ULL   /* 2^64 / phi, splitmix64's Weyl increment */

/* splitmix64's output function (Stafford's "mix13" constants): a bijection. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t lia__rng_key(uint64_t seed, uint64_t stream)
{
    /* Both mixes are bijections, so for one seed distinct streams give distinct keys. */
    return mix64(mix64(seed + GOLDEN) ^ (stream * 0xD1B54A32D192ED03ULL + 1));
}

uint64_t lia__rng_at(uint64_t key, uint64_t counter)
{
    return mix64(key + (counter + 1) * GOLDEN);
}

uint64_t lia__rng_u64(uint64_t seed, uint64_t stream, uint64_t counter)
{
    return lia__rng_at(lia__rng_key(seed, stream), counter);
}

double lia__rng_unit(uint64_t seed, uint64_t stream, uint64_t counter)
{
    /* The top 53 bits scaled by 2^-53: every value k * 2^-53, 0 <= k < 2^53, equally likely. */
    return (double)(lia__rng_u64(seed, stream, counter) >> 11) * 0x1.0p-53;
}
