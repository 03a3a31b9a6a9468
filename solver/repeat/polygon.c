/* polygon.c — convex hulls (Andrew's monotone chain), clean-up, distances and chords. */
#include "polygon.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double cross(lia_pt o, lia_pt a, lia_pt b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }
static double dist(lia_pt a, lia_pt b) { return hypot(a.x - b.x, a.y - b.y); }

static int cmp_pt(const void *pa, const void *pb)
{
    const lia_pt *a = pa, *b = pb;
    if (a->x != b->x) return a->x < b->x ? -1 : 1;
    if (a->y != b->y) return a->y < b->y ? -1 : 1;
    return 0;
}

size_t lia__poly_hull(lia_pt *p, size_t n, lia_pt *h)
{
    if (n == 0) return 0;
    qsort(p, n, sizeof *p, cmp_pt);
    size_t u = 1;
    for (size_t i = 1; i < n; i++)
        if (cmp_pt(&p[i], &p[u - 1]) != 0) p[u++] = p[i];
    n = u;
    if (n == 1) { h[0] = p[0]; return 1; }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {                         /* lower chain, left to right */
        while (k >= 2 && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    for (size_t i = n - 1, t = k + 1; i-- > 0;) {            /* upper chain, right to left */
        while (k >= t && cross(h[k - 2], h[k - 1], p[i]) <= 0) k--;
        h[k++] = p[i];
    }
    return k - 1;                                            /* the last point repeats the first */
}

size_t lia__poly_flatten(lia_pt *p, size_t n, double eps)
{
    if (n < 2) return n;
    size_t b = 0, c = 0;                  /* b farthest from p[0], c farthest from b: a diameter */
    for (size_t i = 1; i < n; i++) if (dist(p[i], p[0]) > dist(p[b], p[0])) b = i;
    for (size_t i = 0; i < n; i++) if (dist(p[i], p[b]) > dist(p[c], p[b])) c = i;
    double len = dist(p[b], p[c]);
    if (len <= eps) return 1;             /* p[0] is the lexicographically smallest already */
    for (size_t i = 0; i < n; i++)
        if (fabs(cross(p[b], p[c], p[i])) / len > eps) return n;
    lia_pt lo = p[b], hi = p[c];
    if (cmp_pt(&hi, &lo) < 0) { lia_pt t = lo; lo = hi; hi = t; }
    p[0] = lo;
    p[1] = hi;
    return 2;
}

/* Distance from q to the segment [a, b]. */
static double seg_dist(lia_pt q, lia_pt a, lia_pt b)
{
    double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    if (!(len2 > 0)) return dist(q, a);
    double t = ((q.x - a.x) * dx + (q.y - a.y) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    lia_pt f = { a.x + t * dx, a.y + t * dy };
    return dist(q, f);
}

size_t lia__poly_clean(lia_pt *p, size_t n, double tol)
{
    for (int changed = 1; changed && n >= 2;) {
        changed = 0;
        for (size_t i = 0; i < n && n >= 2;) {
            lia_pt prev = p[(i + n - 1) % n], next = p[(i + 1) % n];
            if (dist(p[i], prev) <= tol || (n >= 3 && seg_dist(p[i], prev, next) <= tol)) {
                memmove(p + i, p + i + 1, (n - i - 1) * sizeof *p);
                n--;
                changed = 1;
            } else {
                i++;
            }
        }
    }
    return n;
}

void lia__poly_rotate_start(lia_pt *p, size_t n, double tol)
{
    if (n < 2) return;
    double xmin = p[0].x;
    for (size_t i = 1; i < n; i++) xmin = fmin(xmin, p[i].x);
    size_t s = n;
    for (size_t i = 0; i < n; i++)
        if (p[i].x <= xmin + tol && (s == n || p[i].y < p[s].y)) s = i;
    while (s-- > 0) {                          /* rotate left by one, s times (n is small) */
        lia_pt first = p[0];
        memmove(p, p + 1, (n - 1) * sizeof *p);
        p[n - 1] = first;
    }
}

double lia__poly_dist(const lia_pt *p, size_t n, lia_pt q)
{
    if (n == 0) return INFINITY;
    if (n == 1) return dist(q, p[0]);
    if (n == 2) return seg_dist(q, p[0], p[1]);
    int inside = 1;
    for (size_t i = 0; i < n && inside; i++)
        if (cross(p[i], p[(i + 1) % n], q) < 0) inside = 0;
    if (inside) return 0;
    double d = INFINITY;
    for (size_t i = 0; i < n; i++) d = fmin(d, seg_dist(q, p[i], p[(i + 1) % n]));
    return d;
}

/* Distance to a convex set is convex, so its maximum over a polygon is at a vertex. */
double lia__poly_hausdorff(const lia_pt *a, size_t na, const lia_pt *b, size_t nb)
{
    double h = 0;
    for (size_t i = 0; i < na; i++) h = fmax(h, lia__poly_dist(b, nb, a[i]));
    for (size_t i = 0; i < nb; i++) h = fmax(h, lia__poly_dist(a, na, b[i]));
    return h;
}

int lia__poly_chord(const lia_pt *p, size_t n, int axis, double c, double eps, double *cc, double *lo, double *hi)
{
    if (n == 0) return 0;
#define X(q) (axis ? (q).y : (q).x)
#define Y(q) (axis ? (q).x : (q).y)
    double xmin = X(p[0]), xmax = X(p[0]);
    for (size_t i = 1; i < n; i++) { xmin = fmin(xmin, X(p[i])); xmax = fmax(xmax, X(p[i])); }
    if (c < xmin - eps || c > xmax + eps) return 0;
    c = c < xmin ? xmin : c > xmax ? xmax : c;
    double l = Y(p[0]), h = Y(p[0]);
    if (n >= 2) {
        l = INFINITY;
        h = -INFINITY;
    }
    for (size_t i = 0; n >= 2 && i < n; i++) {        /* every edge the line meets */
        lia_pt a = p[i], b = p[(i + 1) % n];
        double xa = X(a), xb = X(b);
        if (c < fmin(xa, xb) || c > fmax(xa, xb)) continue;
        if (xa == xb) {
            l = fmin(l, fmin(Y(a), Y(b)));
            h = fmax(h, fmax(Y(a), Y(b)));
            continue;
        }
        double t = (c - xa) / (xb - xa);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double y = Y(a) + t * (Y(b) - Y(a));
        l = fmin(l, y);
        h = fmax(h, y);
    }
#undef X
#undef Y
    *cc = c;
    *lo = l;
    *hi = h;
    return 1;
}
