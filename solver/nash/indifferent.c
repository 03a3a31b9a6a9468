/* indifferent.c — games in which no player's own choice ever changes its payoff (constant
 * payoffs, or payoffs that depend only on the others' choices). Every profile, pure or mixed,
 * is then an equilibrium: no deviation gains anything, exactly. The set is the whole product
 * of simplices, its extreme points are the pure profiles, and it is one convex component whose
 * single maximal clique pairs every strategy of one player with every strategy of the other.
 * Vertex enumeration would find the same, but a fully degenerate polytope takes it minutes
 * (2 players x 100 levels: 27 s); here it is read off the structure. */
#include "indifferent.h"
#include "cliques.h"
#include "exact_enum.h"
#include "../util/mem.h"
#include <string.h>

int lia__nash_all_indifferent(const lia_game *g)
{
    /* player p is indifferent if u_p(s_p, s_-p) = u_p(0, s_-p) for every s: compare each
     * profile with the one where p plays its first strategy (exact equality: a game that
     * differs by rounding noise goes the general way, which is correct too) */
    size_t stride = 1;
    for (size_t p = 0; p < g->np; p++) {
        const double *u = g->payoffs + p * g->nprofiles;
        for (size_t k = 0; k < g->nprofiles; k++) {
            size_t s = k / stride % g->ns[p];
            if (u[k] != u[k - s * stride]) return 0;
        }
        stride *= g->ns[p];
    }
    return 1;
}

enum { CLIQUE_LIMIT = 100000 };

lia_status lia__nash_enum_indifferent(lia_eqset *e, const lia_game *g, int exact)
{
    if (g->np != 2) return LIA_EUSAGE;
    if (exact && !lia__exact_enum_possible(g)) return LIA_EUSAGE;
    size_t m = g->ns[0], n = g->ns[1], N = g->nprofiles, w = m + n;
    /* the listing holds every pure profile: refuse before taking more than the cap */
    if ((double)N * (double)(w + 3) * sizeof(double) > (double)e->memory_cap) return LIA_ELIMIT;
    double *x = lia__calloc(w, sizeof *x);
    size_t *xi = lia__malloc(N * sizeof *xi), *yi = lia__malloc(N * sizeof *yi);
    const char **vals = lia__calloc(w + 2, sizeof *vals);
    char pay[2][96];
    lia_status st = x && xi && yi && vals ? LIA_OK : LIA_ENOMEM;
    int attach = lia__exact_enum_possible(g);   /* exact forms, shown or kept for identity */
    e->show_exact = exact;
    /* first player's strategy slowest, as a reader scans a table by rows */
    for (size_t i = 0; i < m && st == LIA_OK; i++)
        for (size_t j = 0; j < n && st == LIA_OK; j++) {
            size_t prof = i + m * j;
            double u[2] = { g->payoffs[prof] + 0.0, g->payoffs[N + prof] + 0.0 };
            x[i] = x[m + j] = 1;
            /* regret 0 exactly: each player's payoff is the same number whatever it plays */
            if (!lia__eqset_add(e, x, u, 0)) st = LIA_ENOMEM;
            x[i] = x[m + j] = 0;
            if (st == LIA_OK && attach) {
                for (size_t k = 0; k < w; k++) vals[k] = k == i || k == m + j ? "1" : "0";
                for (size_t p = 0; p < 2; p++) {
                    lia__num_format_exact(pay[p], sizeof pay[p], g->exact[p * N + prof]);
                    vals[w + p] = pay[p];
                }
                if (!lia__eqset_add_exact(e, vals)) st = LIA_ENOMEM;
            }
            if (st != LIA_OK) break;
            xi[e->n - 1] = i;
            yi[e->n - 1] = j;
        }
    if (st == LIA_OK) {
        lia_biclique_input in = { e->n, m, n, xi, yi };
        st = lia__bicliques_find(&e->cliques, &in, CLIQUE_LIMIT);
        if (st == LIA_OK) e->has_cliques = 1;
        if (st == LIA_ELIMIT) st = LIA_OK;   /* as in vertex_enum.c: the equilibria stand alone */
    }
    lia__free(x);
    lia__free(xi);
    lia__free(yi);
    lia__free(vals);
    return st;
}
