/* eqset_write.c — an equilibrium set as text (for a reader), JSON and CSV. */
#include "eqset.h"
#include "../io/json_labels.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/errmsg.h"
#include <string.h>

/* A probability or payoff: the exact rational when known, else the shortest decimal (CSV). */
static void put_value(lia_buf *b, const lia_eqset *e, size_t k, size_t i, double v)
{
    const char *x = lia_eqset_exact(e, k, i);
    if (x) lia__buf_puts(b, x);
    else lia__buf_double(b, v + 0.0);
}

/* The same for a reader: the exact rational only when fractions are wanted, else four
 * significant digits, noise read as 0 against `scale` (1 for probabilities). */
static void put_reading(lia_buf *b, const lia_eqset *e, size_t k, size_t i, double v, double scale, int fractions)
{
    const char *x = fractions ? lia_eqset_exact(e, k, i) : NULL;
    if (x) lia__buf_puts(b, x);
    else lia__buf_reading(b, v, scale);
}

/* The strategy played with probability 1, or NULL if the strategy is mixed. With fractions
 * shown, by the exact value where it is known: 2e17/(2e17 + 1) is 1 as a double. */
static const char *pure_choice(const lia_eqset *e, size_t k, size_t at, const double *x, size_t p, int fractions)
{
    for (size_t s = 0; s < e->ns[p]; s++) {
        const char *exact = fractions ? lia_eqset_exact(e, k, at + s) : NULL;
        if (exact ? strcmp(exact, "1") == 0 : x[s] == 1) return e->strategies[p][s];
    }
    return NULL;
}

void lia__eqset_text(lia_buf *b, const lia_eqset *e, int fractions)
{
    /* "4 pure equilibria", "75 extreme equilibria" (method all lists the extreme ones) */
    const char *what = strcmp(e->method, "all") == 0 ? "extreme" : e->method;
    lia__buf_printf(b, "%s: %zu %s equilibri%s\n", e->game, e->n, what, e->n == 1 ? "um" : "a");
    for (size_t k = 0; k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        lia__buf_printf(b, "  %zu:", k + 1);
        for (size_t p = 0, at = 0; p < e->np; at += e->ns[p], p++) {
            const char *pure = pure_choice(e, k, at, x + at, p, fractions);
            lia__buf_printf(b, "%s %s=", p ? "," : "", e->players[p]);
            if (pure) { lia__buf_puts(b, pure); continue; }
            lia__buf_putc(b, '(');
            for (size_t s = 0; s < e->ns[p]; s++) {
                if (s) lia__buf_puts(b, ", ");
                put_reading(b, e, k, at + s, x[at + s], 1, fractions);
            }
            lia__buf_putc(b, ')');
        }
        lia__buf_puts(b, "   payoffs");
        for (size_t p = 0; p < e->np; p++) {
            lia__buf_puts(b, p ? ", " : " ");
            /* noise is what a double sum of these terms can carry, about 1e-14 of their size
             * (some 50 roundings; lia__buf_reading zeroes within 1e-9 of the scale it is
             * given): at 1e-9 of it, a payoff of 1e-4 on terms of 1e6 read as 0, and 3.99 left
             * by terms of 1e13 that cancel */
            double scale = e->mag ? 1e-5 * e->mag[k * e->np + p] : e->scale;
            put_reading(b, e, k, e->width + p, e->payoffs[k * e->np + p], scale, fractions);
        }
        lia__buf_puts(b, "\n");
    }
    if (e->path_n) {
        lia__buf_printf(b, "logit QRE path: %zu points, lambda from ", e->path_n);
        /* lambda is in inverse payoff units and never noise: four digits, no rounding to 0 */
        lia__buf_printf(b, "%.4g to %.4g", e->path_lambda[0], e->path_lambda[e->path_n - 1]);
        lia__buf_puts(b, " (the JSON form lists them)\n");
    }
    if (e->qre_end && strcmp(e->qre_end, "limit") != 0)
        lia__buf_puts(b, strcmp(e->qre_end, "support system") == 0
                            ? "  the path converges too slowly to follow to its end (it runs along a continuum of "
                              "equilibria or towards a singular end): the equilibrium above is the last one verified on "
                              "the support it converges to\n"
                            : "  the path converges slowly (along a continuum of equilibria or towards a singular end): "
                              "the equilibrium above is its limit extrapolated from the path, then verified\n");
    for (size_t k = 0; k < e->branch_n; k++)
        lia__buf_printf(b, "  branch point of the path near lambda %.4g: another branch of QRE meets it there\n",
                       e->branch_lambda[k]);
    if (!e->has_cliques) return;
    lia__buf_printf(b, "%zu convex component%s (maximal cliques of extreme equilibria):\n", e->cliques.ncomponents,
                   e->cliques.ncomponents == 1 ? "" : "s");
    for (size_t c = 0; c < e->cliques.ncliques; c++) {
        lia__buf_printf(b, "  component %zu, clique %zu: equilibria", e->cliques.comp[c] + 1, c + 1);
        for (size_t i = e->cliques.start[c]; i < e->cliques.start[c + 1]; i++) lia__buf_printf(b, " %zu", e->cliques.edge[i] + 1);
        lia__buf_puts(b, "\n");
    }
}

/* Player p's part of equilibrium k as a JSON array, exact strings when asked and known. */
static void json_strategy(lia_buf *b, const lia_eqset *e, size_t k, size_t p, int exact)
{
    size_t at = 0;
    for (size_t q = 0; q < p; q++) at += e->ns[q];
    const double *x = e->profiles + k * e->width;
    lia__buf_putc(b, '[');
    for (size_t s = 0; s < e->ns[p]; s++) {
        if (s) lia__buf_puts(b, ", ");
        if (exact) lia__buf_json_string(b, lia_eqset_exact(e, k, at + s));
        else lia__buf_double(b, x[at + s]);
    }
    lia__buf_putc(b, ']');
}

/* Does equilibrium k have the same part for player p as an earlier one among list[0..upto)? */
static int seen_part(const lia_eqset *e, const size_t *list, size_t upto, size_t k, size_t p)
{
    size_t at = 0;
    for (size_t q = 0; q < p; q++) at += e->ns[q];
    for (size_t i = 0; i < upto; i++)
        if (memcmp(e->profiles + list[i] * e->width + at, e->profiles + k * e->width + at, e->ns[p] * sizeof(double)) == 0)
            return 1;
    return 0;
}

/* "components": [{"cliques": [{"equilibria": [...], "strategies": [[x...], [y...]]}]}] —
 * each clique is the set of all mixtures of its players' extreme strategies. */
static void write_components(lia_buf *b, const lia_eqset *e)
{
    const lia_bicliques *C = &e->cliques;
    lia__buf_puts(b, ",\n \"components\": [");
    for (size_t c = 0; c < C->ncliques; c++) {
        int first_of_comp = c == 0 || C->comp[c] != C->comp[c - 1];
        if (first_of_comp) lia__buf_puts(b, c ? "]},\n  {\"cliques\": [" : "\n  {\"cliques\": [");
        else lia__buf_puts(b, ", ");
        const size_t *list = C->edge + C->start[c];
        size_t cnt = C->start[c + 1] - C->start[c];
        lia__buf_puts(b, "{\"equilibria\": [");
        for (size_t i = 0; i < cnt; i++) lia__buf_printf(b, i ? ", %zu" : "%zu", list[i]);
        lia__buf_puts(b, "], \"strategies\": [");
        for (size_t p = 0; p < e->np; p++) {
            lia__buf_puts(b, p ? ", [" : "[");
            for (size_t i = 0, out = 0; i < cnt; i++) {
                if (seen_part(e, list, i, list[i], p)) continue;
                if (out++) lia__buf_puts(b, ", ");
                json_strategy(b, e, list[i], p, 0);
            }
            lia__buf_putc(b, ']');
        }
        lia__buf_puts(b, "]}");
    }
    lia__buf_puts(b, C->ncliques ? "]}\n ]" : "]");
}

/* "qre_path": [{"lambda": l, "strategies": [[...], ...]}] — the logit path, lambda in the
 * game's payoff units. */
static void write_points(lia_buf *b, const lia_eqset *e, const char *name, size_t n, const double *lam,
                         const double *prof)
{
    lia__buf_printf(b, ",\n \"%s\": [", name);
    for (size_t k = 0; k < n; k++) {
        const double *x = prof + k * e->width;
        lia__buf_puts(b, k ? ",\n  {\"lambda\": " : "\n  {\"lambda\": ");
        lia__buf_double(b, lam[k]);
        lia__buf_puts(b, ", \"strategies\": [");
        for (size_t p = 0, at = 0; p < e->np; at += e->ns[p], p++) {
            lia__buf_puts(b, p ? ", [" : "[");
            for (size_t s = 0; s < e->ns[p]; s++) { if (s) lia__buf_puts(b, ", "); lia__buf_double(b, x[at + s]); }
            lia__buf_putc(b, ']');
        }
        lia__buf_puts(b, "]}");
    }
    lia__buf_puts(b, n ? "\n ]" : "]");
}

void lia__eqset_json_fields(lia_buf *b, const lia_eqset *e)
{
    lia__buf_puts(b, "\"method\": ");
    lia__buf_json_string(b, e->method);
    lia__buf_puts(b, ", \"equilibria\": [");
    for (size_t k = 0; k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        lia__buf_puts(b, k ? ",\n  {\"strategies\": [" : "\n  {\"strategies\": [");
        for (size_t p = 0, at = 0; p < e->np; at += e->ns[p], p++) {
            lia__buf_puts(b, p ? ", [" : "[");
            for (size_t s = 0; s < e->ns[p]; s++) { if (s) lia__buf_puts(b, ", "); lia__buf_double(b, x[at + s]); }
            lia__buf_putc(b, ']');
        }
        lia__buf_puts(b, "], \"payoffs\": [");
        for (size_t p = 0; p < e->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_double(b, e->payoffs[k * e->np + p] + 0.0); }
        lia__buf_puts(b, "], \"regret\": ");
        lia__buf_double(b, e->regrets[k] + 0.0);
        if (lia_eqset_exact(e, k, 0)) {
            lia__buf_puts(b, ", \"exact\": {\"strategies\": [");
            for (size_t p = 0; p < e->np; p++) { if (p) lia__buf_puts(b, ", "); json_strategy(b, e, k, p, 1); }
            lia__buf_puts(b, "], \"payoffs\": [");
            for (size_t p = 0; p < e->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_json_string(b, lia_eqset_exact(e, k, e->width + p)); }
            lia__buf_puts(b, "]}");
        }
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, e->n ? "\n ]" : "]");
    if (e->has_cliques) write_components(b, e);
    if (e->path_n) {
        write_points(b, e, "qre_path", e->path_n, e->path_lambda, e->path_profiles);
        write_points(b, e, "qre_branch_points", e->branch_n, e->branch_lambda, e->branch_profiles);
        if (e->qre_end) {
            lia__buf_puts(b, ",\n \"qre_end\": ");
            lia__buf_json_string(b, e->qre_end);
        }
    }
}

static void write_json(lia_buf *b, const lia_eqset *e)
{
    lia__json_game_labels(b, e->game, e->np, e->players, e->ns, (const char *const *const *)e->strategies);
    lia__buf_puts(b, ",\n ");
    lia__eqset_json_fields(b, e);
    lia__buf_puts(b, "}\n");
}

/* The CSV field "a:b", quoted when it holds a comma, quote or line break (RFC 4180). */
static void csv_field(lia_buf *b, const char *a, const char *c)
{
    int quote = strpbrk(a, ",\"\r\n") || strpbrk(c, ",\"\r\n");
    if (quote) lia__buf_putc(b, '"');
    for (int part = 0; part < 2; part++) {
        if (part) lia__buf_putc(b, ':');
        for (const char *s = part ? c : a; *s; s++) {
            if (*s == '"') lia__buf_putc(b, '"');
            lia__buf_putc(b, *s);
        }
    }
    if (quote) lia__buf_putc(b, '"');
}

/* One row per equilibrium: its number, every probability (columns "player:strategy"), the
 * payoffs ("payoff:player"), the regret; exact rationals in place of decimals when known. */
static void write_csv(lia_buf *b, const lia_eqset *e)
{
    lia__buf_puts(b, "equilibrium");
    for (size_t p = 0; p < e->np; p++)
        for (size_t s = 0; s < e->ns[p]; s++) {
            lia__buf_putc(b, ',');
            csv_field(b, e->players[p], e->strategies[p][s]);
        }
    for (size_t p = 0; p < e->np; p++) {
        lia__buf_putc(b, ',');
        csv_field(b, "payoff", e->players[p]);
    }
    lia__buf_puts(b, ",regret\n");
    for (size_t k = 0; k < e->n; k++) {
        lia__buf_printf(b, "%zu", k + 1);
        for (size_t i = 0; i < e->width; i++) { lia__buf_putc(b, ','); put_value(b, e, k, i, e->profiles[k * e->width + i]); }
        for (size_t p = 0; p < e->np; p++) { lia__buf_putc(b, ','); put_value(b, e, k, e->width + p, e->payoffs[k * e->np + p]); }
        lia__buf_putc(b, ',');
        lia__buf_double(b, e->regrets[k] + 0.0);
        lia__buf_putc(b, '\n');
    }
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_eqset *e = obj;
    if (fmt == LIA_FORMAT_TEXT) lia__eqset_text(b, e, e->show_exact);
    else if (fmt == LIA_FORMAT_CSV) write_csv(b, e);
    else write_json(b, e);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_eqset_write(char **out, size_t *len, const lia_eqset *e, lia_format fmt)
{
    return lia__render_write(out, len, render, e, fmt,
                             LIA__FORMAT_BIT(LIA_FORMAT_TEXT) | LIA__FORMAT_BIT(LIA_FORMAT_JSON) | LIA__FORMAT_BIT(LIA_FORMAT_CSV),
                             "the equilibrium set");
}
