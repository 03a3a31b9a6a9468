/* partners.c — complementary partners by solving, not by enumerating (lrsnash's way).
 *
 * A vertex z of S with support I (the coordinates that are positive) and binding constraints
 * T is completed by exactly the vertices w of O that are zero off T and bind every constraint
 * of I: the face {w >= 0, w_r = 0 (r not in T), (M_O w)_c = 1 (c in I), M_O w <= 1}. At a
 * nondegenerate z, |I| = |T| and the face is the single solution of the |T| x |T| system
 * M_O[I, T] w_T = 1, if that is feasible; so each vertex of S costs one small LU factorisation
 * instead of a share of the (often far larger) vertex set of O. At a degenerate z (|T| > |I|),
 * or where the system is singular, the face may hold several vertices: they are the vertices
 * of O restricted to the coordinates T (a polytope of dimension |T|, enumerated by
 * polytope.c with its own exact fallback) that bind every constraint of I.
 *
 * Decisions on the solution (w_r >= 0? constraint c slack or binding?) are zoned as in
 * polytope_rs.c, widened by a bound on the solution's error (the residual times the estimated
 * norm of the inverse): a tie (a label) when the value and its error are within 1e-11, a sign
 * when the value is beyond 1e-8 and twice its error. A decision between the two, or a system
 * whose reciprocal condition number is below 1e-9, sends the vertex to the enumeration of its
 * face, which has its own exact fallback. */
#include "partners.h"
#include "polytope_rs.h"
#include "../util/bitset_table.h"
#include "../util/mem.h"
#include "small_solve.h"
#include <math.h>
#include <string.h>

#define EQ 1e-11
#define SURE 1e-8
#define RCOND_MIN 1e-9

int lia__vpairs_add(lia_vpairs *E, size_t a, size_t b)
{
    if (E->n == E->cap) {
        size_t cap = E->cap ? E->cap * 2 : 32;
        size_t *na = lia__realloc(E->a, cap * sizeof *na);
        if (!na) return 0;
        E->a = na;
        size_t *nb = lia__realloc(E->b, cap * sizeof *nb);
        if (!nb) return 0;
        E->b = nb;
        E->cap = cap;
    }
    E->a[E->n] = a;
    E->b[E->n++] = b;
    return 1;
}

void lia__vpairs_free(lia_vpairs *E)
{
    lia__free(E->a);
    lia__free(E->b);
    E->a = E->b = NULL;
    E->n = E->cap = 0;
}

/* Shell sort on (a, b): no allocation, and fast enough for the equilibria of one game. */
void lia__vpairs_sort(lia_vpairs *E)
{
    static const size_t gaps[] = { 701, 301, 132, 57, 23, 10, 4, 1 };
    for (size_t g = 0; g < sizeof gaps / sizeof *gaps; g++) {
        size_t h = gaps[g];
        for (size_t i = h; i < E->n; i++) {
            size_t a = E->a[i], b = E->b[i], j = i;
            for (; j >= h && (E->a[j - h] > a || (E->a[j - h] == a && E->b[j - h] > b)); j -= h) {
                E->a[j] = E->a[j - h];
                E->b[j] = E->b[j - h];
            }
            E->a[j] = a;
            E->b[j] = b;
        }
    }
}

/* -1, 0 (a tie: zero), 1, or 2 (too close to call) for a value of order `scale` computed with
 * an error of at most err: a tie needs both the value and its error within the tie zone; a
 * sign needs the value clear of the gray zone and of twice its error. */
static int zone(double v, double scale, double err)
{
    if (fabs(v) <= EQ * scale && err <= EQ * scale) return 0;
    if (fabs(v) < SURE * scale || fabs(v) < 2 * err) return 2;
    return v < 0 ? -1 : 1;
}

typedef struct finder {
    const lia_polytope *S, *O;
    const lia_polytope_exact *XO;
    size_t cap, vcap;
    lia_vertices *VO;
    lia_bitset_table byLabels;
    size_t *sup, *bind, *inT;   /* S's support I, S's binding constraints T; inT[r]: position in T + 1 */
    unsigned char *inI;
    double *G, *w, *Msub;     /* t x t, t, S.d x t */
    lia_big *Xsub;            /* S.d x t */
    size_t *piv;
    double *x1, *x2;          /* scratch of the condition estimate */
    size_t lw, bw;            /* O's label and basis words */
    int exact;                /* every decision in exact arithmetic (XO given) */
    double *ones;             /* O.d weights for the exact dictionaries (any will do) */
    uint64_t *lab, *bas;
} finder;

/* Add O's vertex (labels, basis) unless listed; its index into *idx. */
static lia_status listed(finder *F, const uint64_t *lab, const uint64_t *bas, size_t *idx)
{
    lia_vertices *V = F->VO;
    int fresh = lia__bitset_table_put(&F->byLabels, lab, V->n, idx);
    if (fresh < 0) return LIA_ENOMEM;
    if (!fresh) return LIA_OK;
    *idx = V->n;
    if (V->n == F->vcap) {
        size_t c = F->vcap ? 2 * F->vcap : 64, lb, bb;
        if (!lia__size_mul(c, V->lwords * sizeof(uint64_t), &lb) || !lia__size_mul(c, V->bwords * sizeof(uint64_t), &bb))
            return LIA_ENOMEM;
        uint64_t *l = lia__realloc(V->labels, lb);
        if (!l) return LIA_ENOMEM;
        V->labels = l;
        uint64_t *b = lia__realloc(V->basis, bb);
        if (!b) return LIA_ENOMEM;
        V->basis = b;
        F->vcap = c;
        if ((double)c * (V->lwords + V->bwords) * 8 + (double)lia__bitset_table_bytes(&F->byLabels) > (double)F->cap)
            return LIA_ELIMIT;
    }
    memcpy(V->labels + V->n * V->lwords, lab, V->lwords * sizeof *lab);
    memcpy(V->basis + V->n * V->bwords, bas, V->bwords * sizeof *bas);
    V->n++;
    V->nbases++;
    return LIA_OK;
}

/* The nondegenerate case: solve M_O[I, T] w_T = 1 and decide the solution: NONE if it is
 * infeasible (no partner), POINT if it is a vertex of O (labels and basis in F->lab, F->bas),
 * FACE if the face must be enumerated instead (a singular or ill-conditioned system, or a
 * decision too close to call). */
enum { NONE, POINT, FACE };

/* G = M_O[I, T] factored, w its solution for the right-hand side 1 (F->G, F->w). 0 if G is
 * singular. */
static int factor_solve(finder *F, size_t t, double *anorm)
{
    const lia_polytope *O = F->O;
    size_t od = O->d;
    double norm = 0;
    for (size_t b = 0; b < t; b++) {
        const double *Mb = O->M + F->bind[b];
        double *Gb = F->G + b * t, s = 0;
        for (size_t a = 0; a < t; a++) {
            double v = Mb[F->sup[a] * od];
            Gb[a] = v;
            s += fabs(v);
        }
        norm = s > norm ? s : norm;
    }
    *anorm = norm;
    if (!lia_small_lu(t, F->G, F->piv)) return 0;
    for (size_t a = 0; a < t; a++) F->w[a] = 1;
    lia_small_lu_solve(t, F->G, F->piv, 0, F->w);
    return 1;
}

/* |1 - G w|_1 against the original entries. */
static double residual(const finder *F, size_t t)
{
    const lia_polytope *O = F->O;
    size_t od = O->d;
    double res = 0;
    for (size_t a = 0; a < t; a++) {
        double r = 1;
        for (size_t b = 0; b < t; b++) r -= O->M[F->sup[a] * od + F->bind[b]] * F->w[b];
        res += fabs(r);
    }
    return res;
}

/* The filter's quick verdict: NONE only when a coordinate of the solution is negative beyond
 * a rigorous bound on its error (an upper bound on |G^-1|, not an estimate); FACE (undecided)
 * otherwise. Most vertices of S end here. */
static int surely_none(finder *F, size_t t)
{
    double anorm;
    if (!factor_solve(F, t, &anorm)) return FACE;
    double wmin = 0;
    for (size_t b = 0; b < t; b++) wmin = F->w[b] < wmin ? F->w[b] : wmin;   /* a NaN passed over, as by fmin */
    if (!(wmin < -SURE)) return FACE;
    double err = 10 * residual(F, t) * lia_small_inv_norm1_bound(t, F->G, F->x1) + 1e-15;
    return zone(wmin, 1.0, err) < 0 ? NONE : FACE;
}

static int solve_point(finder *F, size_t t)
{
    const lia_polytope *O = F->O;
    size_t od = O->d, ok = O->k;   /* O: od = S.k coordinates, ok = S.d constraints */
    double anorm;
    if (!factor_solve(F, t, &anorm)) return FACE;   /* singular: the face is not a point */
    double rcond = 1 / (anorm * lia_small_inv_norm1(t, F->G, F->piv, F->x1, F->x2));
    if (!(rcond >= RCOND_MIN)) return FACE;
    /* a bound on the solution's error: |G^-1| |1 - G w| with |G^-1| from the condition
     * estimate (times 10 for the estimate's slack); decisions within it are too close to call */
    double err = 10 * residual(F, t) / (rcond * anorm) + 1e-15;
    /* the coordinates first: most vertices of S have no partner, and a negative coordinate
     * says so before any constraint is looked at */
    for (size_t b = 0; b < t; b++) {
        int z = zone(F->w[b], 1.0, err);
        if (z < 0) return NONE;
    }
    size_t lw = F->lw, bw = F->bw;
    memset(F->lab, 0, lw * sizeof *F->lab);
    memset(F->bas, 0, bw * sizeof *F->bas);
    /* O's coordinates: zero off T (labels, nonbasic); on T basic, a label when zero */
    int close = 0;
    for (size_t r = 0; r < od; r++) {
        if (!F->inT[r]) { lia_bit_set(F->lab, O->coord_label[r]); continue; }
        lia_bit_set(F->bas, r);
        int z = zone(F->w[F->inT[r] - 1], 1.0, err);
        close |= z == 2;
        if (z == 0) lia_bit_set(F->lab, O->coord_label[r]);
    }
    /* O's constraints: binding on I (labels, slacks nonbasic); elsewhere basic slacks */
    for (size_t c = 0; c < ok; c++) {
        if (F->inI[c]) { lia_bit_set(F->lab, O->cons_label[c]); continue; }
        lia_bit_set(F->bas, od + c);
        double s = 0, scale = 1;
        for (size_t b = 0; b < t; b++) {
            double v = O->M[c * od + F->bind[b]] * F->w[b];
            s += v;
            scale += fabs(v);
        }
        int z = zone(1 - s, scale, 2.0 * (double)t * err);
        if (z < 0) return NONE;
        close |= z == 2;
        if (z == 0) lia_bit_set(F->lab, O->cons_label[c]);
    }
    /* a clear violation anywhere settles it; otherwise a close call sends it to the face */
    return close ? FACE : POINT;
}

/* solve_point in exact arithmetic: O's dictionary of the basis (T's coordinates and the slacks
 * of the constraints outside I) built in integers, its basic values' exact signs. A singular
 * basis, or numbers beyond the integers, leave it to the (exact) enumeration of the face. */
static int solve_point_exact(finder *F, size_t t, lia_status *st)
{
    const lia_polytope *O = F->O;
    size_t od = O->d, ok = O->k;
    (void)t;
    memset(F->lab, 0, F->lw * sizeof *F->lab);
    memset(F->bas, 0, F->bw * sizeof *F->bas);
    for (size_t r = 0; r < od; r++) {
        if (F->inT[r]) lia_bit_set(F->bas, r);
        else lia_bit_set(F->lab, O->coord_label[r]);
    }
    for (size_t c = 0; c < ok; c++) {
        if (F->inI[c]) lia_bit_set(F->lab, O->cons_label[c]);
        else lia_bit_set(F->bas, od + c);
    }
    lia_exact_node *N;
    *st = lia__exact_node_new(&N, F->XO, F->ones, F->bas);
    if (*st == LIA_ENOMEM) return NONE;
    if (*st != LIA_OK) { *st = LIA_OK; return FACE; }
    int r = POINT;
    for (size_t v = 0; v < od + ok && r == POINT; v++) {
        if (!lia_bit(F->bas, v)) continue;
        int sg = lia__exact_node_sign(N, v);
        if (sg < 0) r = NONE;
        else if (sg == 0) lia_bit_set(F->lab, v < od ? O->coord_label[v] : O->cons_label[v - od]);
    }
    lia__exact_node_free(N);
    return r;
}

/* The nondegenerate case, listing the partner. *done = 0 when the face needs enumerating. */
static lia_status solve_face(finder *F, size_t t, size_t zv, lia_vpairs *E, int *done)
{
    lia_status st0 = LIA_OK;
    int r = F->exact ? solve_point_exact(F, t, &st0) : solve_point(F, t);
    if (st0 != LIA_OK) return st0;
    *done = r != FACE;
    if (r != POINT) return LIA_OK;
    size_t idx;
    lia_status st = listed(F, F->lab, F->bas, &idx);
    if (st == LIA_OK && !lia__vpairs_add(E, zv, idx)) st = LIA_ENOMEM;
    return st;
}

/* The degenerate case: every vertex of O restricted to the coordinates T that binds every
 * constraint of I. */
static lia_status enumerate_face(finder *F, size_t t, size_t zv, lia_vpairs *E)
{
    const lia_polytope *O = F->O;
    size_t od = O->d, ok = O->k;
    size_t *coord_label = lia__malloc((t + 1) * sizeof *coord_label);
    if (!coord_label) return LIA_ENOMEM;
    for (size_t c = 0; c < ok; c++)
        for (size_t b = 0; b < t; b++) {
            F->Msub[c * t + b] = O->M[c * od + F->bind[b]];
            if (F->XO) F->Xsub[c * t + b] = F->XO->M[c * od + F->bind[b]];
        }
    for (size_t b = 0; b < t; b++) coord_label[b] = O->coord_label[F->bind[b]];
    lia_polytope sub = { t, ok, O->nlab, F->Msub, coord_label, O->cons_label };
    lia_polytope_exact xsub = { t, ok, O->nlab, F->Xsub, coord_label, O->cons_label };
    lia_vertices V = { 0 };
    /* a face is a polytope of its own that no other process could rebuild from a job: its
     * search stays here even when the game's polytopes send their subtrees out */
    struct lia_nash_split *remote = lia__rs_remote;
    lia__rs_remote = NULL;
    lia_status st = F->exact ? lia__polytope_vertices_exact(&V, &xsub, F->cap)
                             : lia__polytope_vertices(&V, &sub, F->XO ? &xsub : NULL, F->cap, 1);
    lia__rs_remote = remote;
    size_t lw = F->lw, bw = F->bw, sbw = V.bwords;
    for (size_t u = 0; st == LIA_OK && u < V.n; u++) {
        const uint64_t *L = V.labels + u * lw, *B = V.basis + u * sbw;
        int binds = 1;
        for (size_t c = 0; c < ok && binds; c++)
            if (F->inI[c] && !lia_bit(L, O->cons_label[c])) binds = 0;
        if (!binds) continue;
        memcpy(F->lab, L, lw * sizeof *F->lab);
        memset(F->bas, 0, bw * sizeof *F->bas);
        for (size_t r = 0; r < od; r++)
            if (!F->inT[r]) lia_bit_set(F->lab, O->coord_label[r]);
        for (size_t b = 0; b < t; b++)
            if (lia_bit(B, b)) lia_bit_set(F->bas, F->bind[b]);
        for (size_t c = 0; c < ok; c++)
            if (lia_bit(B, t + c)) lia_bit_set(F->bas, od + c);
        size_t idx;
        st = listed(F, F->lab, F->bas, &idx);
        if (st == LIA_OK && !lia__vpairs_add(E, zv, idx)) st = LIA_ENOMEM;
    }
    lia__vertices_free(&V);
    lia__free(coord_label);
    return st;
}

static void finder_free(finder *F)
{
    lia__bitset_table_free(&F->byLabels);
    lia__free(F->sup);
    lia__free(F->bind);
    lia__free(F->inT);
    lia__free(F->inI);
    lia__free(F->G);
    lia__free(F->w);
    lia__free(F->Msub);
    lia__free(F->Xsub);
    lia__free(F->piv);
    lia__free(F->x1);
    lia__free(F->x2);
    lia__free(F->lab);
    lia__free(F->bas);
    lia__free(F->ones);
}

static lia_status finder_init(finder *F, const lia_polytope *S, const lia_polytope *O, const lia_polytope_exact *XO,
                              int exact, size_t cap, lia_vertices *VO)
{
    size_t d = S->d, k = S->k, t_max = d < k ? d : k;
    memset(F, 0, sizeof *F);
    F->S = S;
    F->O = O;
    F->XO = XO;
    F->cap = cap;
    F->VO = VO;
    F->lw = (O->nlab + 63) / 64;
    F->bw = (O->d + O->k + 63) / 64;
    lia__bitset_table_init(&F->byLabels, F->lw);
    F->sup = lia__malloc((d + 1) * sizeof *F->sup);
    F->bind = lia__malloc((k + 1) * sizeof *F->bind);
    F->inT = lia__malloc((k + 1) * sizeof *F->inT);
    F->inI = lia__malloc(d + 1);
    F->G = lia__malloc((t_max * t_max + 1) * sizeof *F->G);
    F->w = lia__malloc((t_max + 1) * sizeof *F->w);
    F->Msub = lia__malloc((d * k + 1) * sizeof *F->Msub);
    F->Xsub = XO ? lia__malloc((d * k + 1) * sizeof *F->Xsub) : NULL;
    F->piv = lia__malloc((t_max + 1) * sizeof *F->piv);
    F->x1 = lia__malloc((t_max + 1) * sizeof *F->x1);
    F->x2 = lia__malloc((t_max + 1) * sizeof *F->x2);
    F->lab = lia__malloc(F->lw * sizeof *F->lab);
    F->bas = lia__malloc(F->bw * sizeof *F->bas);
    F->exact = exact && XO;
    F->ones = lia__malloc((O->d + 1) * sizeof *F->ones);
    for (size_t j = 0; F->ones && j < O->d; j++) F->ones[j] = 1;
    if (!F->ones) return LIA_ENOMEM;
    return F->sup && F->bind && F->inT && F->inI && F->G && F->w && F->Msub && (F->Xsub || !XO) && F->piv && F->x1 &&
                   F->x2 && F->lab && F->bas ? LIA_OK : LIA_ENOMEM;
}

/* S's vertex: its support I (s coordinates) and binding constraints T (t), from its labels L
 * or, when L is NULL, from its basis (basic[c]: coordinate c positive; basic[d + r]:
 * constraint r slack). Without a branch per entry (it would be a coin toss): every vertex of S
 * comes here. */
static void vertex_sets(finder *F, const uint64_t *L, const unsigned char *basic, size_t *s_out, size_t *t_out)
{
    const lia_polytope *S = F->S;
    size_t s = 0, t = 0;
    for (size_t c = 0; c < S->d; c++) {
        size_t in = L ? !lia_bit(L, S->coord_label[c]) : basic[c] != 0;
        F->inI[c] = (unsigned char)in;
        F->sup[s] = c;
        s += in;
    }
    for (size_t r = 0; r < S->k; r++) {
        size_t in = L ? lia_bit(L, S->cons_label[r]) != 0 : !basic[S->d + r];
        F->inT[r] = in * (t + 1);
        F->bind[t] = r;
        t += in;
    }
    *s_out = s;
    *t_out = t;
}

lia_status lia__partners_find(lia_vertices *VO, lia_vpairs *E, const lia_vertices *VS, const lia_polytope *S,
                             const lia_polytope *O, const lia_polytope_exact *XO, int exact, size_t cap)
{
    memset(VO, 0, sizeof *VO);
    VO->lwords = (O->nlab + 63) / 64;
    VO->bwords = (O->d + O->k + 63) / 64;
    finder F;
    lia_status st = finder_init(&F, S, O, XO, exact, cap, VO);
    for (size_t v = 0; st == LIA_OK && v < VS->n; v++) {
        size_t s, t;
        vertex_sets(&F, VS->labels + v * VS->lwords, NULL, &s, &t);
        if (s == 0) continue;   /* the origin completes nothing */
        int done = 0;
        if (t == s) st = solve_face(&F, t, v, E, &done);
        if (st == LIA_OK && !done) st = enumerate_face(&F, t, v, E);
    }
    finder_free(&F);
    if (st != LIA_OK) {
        lia__vertices_free(VO);
        lia__vpairs_free(E);
    }
    return st;
}

/* ---- The same test as a filter of the enumeration of S ---- */

static int filter_open(void *ctx, void **state)
{
    const lia_polytope *const *so = ctx;
    finder *F = lia__malloc(sizeof *F);
    if (!F) return 0;
    if (finder_init(F, so[0], so[1], NULL, 0, 0, NULL) != LIA_OK) {
        finder_free(F);
        lia__free(F);
        return 0;
    }
    *state = F;
    return 1;
}

/* Keep a vertex unless it surely has no partner: the origin, or a nondegenerate vertex whose
 * system has a clearly infeasible solution. Everything else (a partner, or a close call) is
 * kept, and lia__partners_find decides it in full afterwards. */
static int filter_sets(finder *F, size_t s, size_t t)
{
    if (s == 0) return 0;
    if (t != s) return 1;
    return surely_none(F, t) != NONE && solve_point(F, t) != NONE;
}

static int filter_keep(void *state, const uint64_t *labels)
{
    finder *F = state;
    size_t s, t;
    vertex_sets(F, labels, NULL, &s, &t);
    return filter_sets(F, s, t);
}

static int filter_keep_basis(void *state, const unsigned char *basic)
{
    finder *F = state;
    size_t s, t;
    vertex_sets(F, NULL, basic, &s, &t);
    return filter_sets(F, s, t);
}

static void filter_close(void *state)
{
    finder_free(state);
    lia__free(state);
}

void lia__partners_filter(lia_vertex_filter *f, const lia_polytope *so[2], const lia_polytope *S, const lia_polytope *O)
{
    so[0] = S;
    so[1] = O;
    *f = (lia_vertex_filter){ (void *)so, filter_open, filter_keep, filter_close, filter_keep_basis };
}
