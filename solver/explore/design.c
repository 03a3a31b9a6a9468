/* design.c — run index -> point of the unit cube for the four designs of design.h.
 *
 * Every random number is lia__rng_unit(seed, stream, counter) with the stream naming what it is
 * for (a tag in the high bits, the axis in the low 40 bits) and the counter naming which sample,
 * so no design keeps any state and any run can be computed alone.
 *
 *  - mc:     u_j = U(seed, MC|j, r).
 *  - lhs:    axis j has its own keyed permutation pi_j of [0, n) (permute.c); run r falls in
 *            stratum pi_j(r) of axis j, at a uniform position inside it:
 *            u_j = (pi_j(r) + U(seed, LHS_JITTER|j, r)) / n. Each stratum [k/n, (k+1)/n) of
 *            each axis then holds exactly one of the n points.
 *  - sobol:  the base rows A_j and B_j are independent plain Monte-Carlo draws (streams SOBOL_A
 *            and SOBOL_B, counter j). Plain draws rather than a Latin hypercube because the
 *            bootstrap intervals of the indices (sobol_indices.c) resample base rows as if they
 *            were independent, which is then exactly true.
 *  - morris: trajectory t draws, per coordinate i, a base level b_i in {0, 1/3} (the levels of
 *            the grid {0, 1/3, 2/3, 1} from which a step of Delta = 2/3 stays in [0, 1]) and a
 *            direction; a coordinate going up starts at b_i and ends at b_i + 2/3, one going down
 *            the reverse. A keyed permutation of [0, d) gives the order in which the coordinates
 *            move: point s of the trajectory has moved exactly the coordinates whose position in
 *            that order is below s. This is Morris's (1991) randomised orientation matrix
 *            B* = (J x* + (Delta/2)((2B - J)D* + J))P*, computed one row at a time. */
#include "design.h"
#include "liaison.h"
#include "../util/names.h"
#include <math.h>
#include <string.h>

enum {
    TAG_MC = 1, TAG_LHS_KEY, TAG_LHS_JITTER, TAG_SOBOL_A, TAG_SOBOL_B, TAG_MORRIS_START,
    TAG_MORRIS_ORDER
};

static uint64_t stream(unsigned tag, size_t axis)
{
    return ((uint64_t)tag << 40) ^ (uint64_t)axis;
}

uint64_t lia__design_runs(lia__design_kind k, uint64_t n, size_t d)
{
    if (n == 0 || d == 0) return 0;
    uint64_t per;                                /* runs per sample */
    switch (k) {
    case LIA__DESIGN_MC:
    case LIA__DESIGN_LHS: return n;
    case LIA__DESIGN_SOBOL:
        if ((uint64_t)d > (UINT64_MAX - 2) / 2) return 0;
        per = 2 * (uint64_t)d + 2;
        break;
    case LIA__DESIGN_MORRIS:
        if ((uint64_t)d == UINT64_MAX) return 0;
        per = (uint64_t)d + 1;
        break;
    default: return 0;
    }
    return n > UINT64_MAX / per ? 0 : n * per;
}

/* The stratum's left end plus the jitter, kept inside [k/n, (k+1)/n) despite rounding so that
 * floor(u n) = k holds for the caller too. */
static double lhs_coordinate(uint64_t k, uint64_t n, double jitter)
{
    double dn = (double)n, u = ((double)k + jitter) / dn;
    while (u > 0 && u * dn >= (double)k + 1) u = nextafter(u, 0.0);
    while (u < 1 && u * dn < (double)k) u = nextafter(u, 1.0);
    return u;
}

static void morris_point(uint64_t seed, size_t d, uint64_t t, uint64_t s, double *u)
{
    uint64_t order_key = lia__rng_u64(seed, stream(TAG_MORRIS_ORDER, 0), t);
    for (size_t i = 0; i < d; i++) {
        uint64_t bits = lia__rng_u64(seed, stream(TAG_MORRIS_START, i), t);
        double base = (bits & 1) ? 1.0 / 3 : 0.0;
        int up = (bits >> 1) & 1;
        int moved = lia__rng_permute(order_key, d, i) < s;
        /* up: base -> base + 2/3; down: base + 2/3 -> base */
        u[i] = (up == moved) ? base + 2.0 / 3 : base;
    }
}

int lia__design_point(lia__design_kind k, uint64_t seed, uint64_t n, size_t d, uint64_t r, double *u)
{
    uint64_t runs = lia__design_runs(k, n, d);
    if (runs == 0 || r >= runs || !u) return -1;
    switch (k) {
    case LIA__DESIGN_MC:
        for (size_t j = 0; j < d; j++) u[j] = lia__rng_unit(seed, stream(TAG_MC, j), r);
        return 0;
    case LIA__DESIGN_LHS:
        for (size_t j = 0; j < d; j++) {
            uint64_t key = lia__rng_u64(seed, stream(TAG_LHS_KEY, j), 0);
            u[j] = lhs_coordinate(lia__rng_permute(key, n, r), n, lia__rng_unit(seed, stream(TAG_LHS_JITTER, j), r));
        }
        return 0;
    case LIA__DESIGN_SOBOL: {
        uint64_t per = 2 * (uint64_t)d + 2, j = r / per, s = r % per;
        /* s = 0: A; 1..d: AB^s; d+1..2d: BA^(s-d); 2d+1: B (design.h) */
        for (size_t i = 0; i < d; i++) {
            int from_b = s == per - 1 || (s >= 1 && s <= d && i == s - 1) ||
                         (s > d && s < per - 1 && i != s - d - 1);
            u[i] = lia__rng_unit(seed, stream(from_b ? TAG_SOBOL_B : TAG_SOBOL_A, i), j);
        }
        return 0;
    }
    case LIA__DESIGN_MORRIS:
        morris_point(seed, d, r / ((uint64_t)d + 1), r % ((uint64_t)d + 1), u);
        return 0;
    }
    return -1;
}

static const char *const names[] = {"mc", "lhs", "sobol", "morris"};
enum { NNAMES = sizeof names / sizeof *names };

int lia__design_from_name(const char *name)
{
    size_t k;
    return lia__names_find(names, NNAMES, name, &k) ? (int)k : -1;
}

const char *lia__design_name(lia__design_kind k) { return lia__names_at(names, NNAMES, (size_t)k); }

lia_status lia_design_from_name(const char *name, lia_design *out)
{
    size_t k;
    if (!out || !lia__names_find(names, NNAMES, name, &k)) return LIA_EUSAGE;
    *out = (lia_design)k;
    return LIA_OK;
}
