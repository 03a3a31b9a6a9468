/* polygon.h — the little plane geometry of the repeated-game payoff sets: convex hulls,
 * clean-up, distances and the chord of a convex polygon along an axis-parallel line.
 * A polygon is an array of n >= 1 vertices, counter-clockwise; n == 1 is a point and n == 2 a
 * segment (its two ends), so every function also takes the degenerate cases. */
#ifndef LIA_REPEAT_POLYGON_H
#define LIA_REPEAT_POLYGON_H
#include <stddef.h>

typedef struct lia_pt { double x, y; } lia_pt;

/* The convex hull of p[0..n-1] into h (room for 2n points), counter-clockwise from the
 * lexicographically smallest point (x, then y), exact duplicates and collinear points dropped.
 * p is sorted in place. Returns the number of hull vertices (0 when n == 0). Rounding can
 * leave a hull thinner than a few ulps doubling back on itself; lia__poly_flatten removes it. */
size_t lia__poly_hull(lia_pt *p, size_t n, lia_pt *h);

/* A hull p (n, from lia__poly_hull) with every vertex within eps of one line becomes, in place,
 * the segment between its extreme vertices along that line (lexicographically smaller end
 * first), or a point if those are within eps. Returns the new n. */
size_t lia__poly_flatten(lia_pt *p, size_t n, double eps);

/* Remove, in place, vertices within `tol` of a neighbour or of the segment joining their two
 * neighbours (the segment, not its line: the tip of a thin sliver stays), until none is left;
 * a segment shorter than tol becomes a point. Returns the new n. */
size_t lia__poly_clean(lia_pt *p, size_t n, double tol);

/* Rotate p so that it starts at the vertex of smallest x (ties, within tol, to smallest y). */
void lia__poly_rotate_start(lia_pt *p, size_t n, double tol);

/* Euclidean distance from q to the polygon (0 inside). */
double lia__poly_dist(const lia_pt *p, size_t n, lia_pt q);

/* The Hausdorff distance between two polygons. */
double lia__poly_hausdorff(const lia_pt *a, size_t na, const lia_pt *b, size_t nb);

/* The polygon's intersection with the line {coordinate `axis` (0: x, 1: y) == c}: 0 if the line
 * misses it by more than eps; otherwise 1 with the line moved into the polygon's range in *cc
 * (c itself unless it was within eps outside) and the range of the other coordinate over the
 * intersection in [*lo, *hi]. */
int lia__poly_chord(const lia_pt *p, size_t n, int axis, double c, double eps, double *cc, double *lo, double *hi);

#endif
