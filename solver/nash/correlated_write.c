/* correlated_write.c — correlated equilibria as text (for a reader) and JSON. */
#include "correlated.h"
#include "../io/json_labels.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/errmsg.h"
#include <math.h>

/* Each player's strategy name at profile s, comma-separated (as JSON strings when json). */
static void put_profile(lia_buf *b, const lia_correlated *c, size_t s, int json)
{
    for (size_t p = 0; p < c->np; s /= c->ns[p], p++) {
        if (p) lia__buf_puts(b, ", ");
        if (json) lia__buf_json_string(b, c->strategies[p][s % c->ns[p]]);
        else lia__buf_puts(b, c->strategies[p][s % c->ns[p]]);
    }
}

static void put_list(lia_buf *b, const double *v, size_t n, const char *sep)
{
    for (size_t k = 0; k < n; k++) { if (k) lia__buf_puts(b, sep); lia__buf_double(b, v[k] + 0.0); }
}

/* The scale lia__buf_reading is given for number k of c->mag: 1e-5 of what it sums, so that
 * noise is read within 1e-14 of that (as for nash's payoffs, eqset_write.c) */
static double noise(const lia_correlated *c, size_t k) { return 1e-5 * c->mag[k]; }

void lia__correlated_text(lia_buf *b, const lia_correlated *c)
{
    /* numbers for a reader: four significant digits, noise (1e-14 of what the number sums, or
     * 1e-9 of 1 for a probability) as 0; a profile whose probability is noise is left out */
    const char *kind = c->coarse ? "coarse correlated" : "correlated";
    size_t np = c->np;
    lia__buf_printf(b, "%s: max-welfare %s equilibrium, welfare ", c->game, kind);
    lia__buf_reading(b, c->welfare, noise(c, 3 * np));
    lia__buf_puts(b, "\n");
    for (size_t s = 0; s < c->nprofiles; s++) {
        if (fabs(c->distribution[s]) <= 1e-9) continue;
        lia__buf_puts(b, "  ");
        lia__buf_reading(b, c->distribution[s], 1);
        lia__buf_puts(b, "  (");
        put_profile(b, c, s, 0);
        lia__buf_puts(b, ")\n");
    }
    lia__buf_puts(b, "  payoffs");
    for (size_t p = 0; p < c->np; p++) {
        lia__buf_printf(b, "%s %s=", p ? "," : "", c->players[p]);
        lia__buf_reading(b, c->payoffs[p], noise(c, p));
    }
    lia__buf_puts(b, "\n");
    if (!c->has_ranges) return;
    lia__buf_printf(b, "  payoff range over all %s equilibria", kind);
    for (size_t p = 0; p < c->np; p++) {
        lia__buf_printf(b, "%s %s in [", p ? "," : "", c->players[p]);
        lia__buf_reading(b, c->worst[p], noise(c, 2 * np + p));
        lia__buf_puts(b, ", ");
        lia__buf_reading(b, c->best[p], noise(c, np + p));
        lia__buf_putc(b, ']');
    }
    lia__buf_puts(b, "\n");
}

void lia__correlated_json_fields(lia_buf *b, const lia_correlated *c)
{
    lia__buf_printf(b, "\"coarse\": %s, \"welfare\": ", c->coarse ? "true" : "false");
    lia__buf_double(b, c->welfare + 0.0);
    lia__buf_puts(b, ",\n \"distribution\": [");
    put_list(b, c->distribution, c->nprofiles, ", ");
    lia__buf_puts(b, "],\n \"support\": [");
    int first = 1;
    for (size_t s = 0; s < c->nprofiles; s++) {
        if (c->distribution[s] == 0) continue;
        lia__buf_puts(b, first ? "\n  {\"profile\": [" : ",\n  {\"profile\": [");
        first = 0;
        put_profile(b, c, s, 1);
        lia__buf_puts(b, "], \"probability\": ");
        lia__buf_double(b, c->distribution[s]);
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, first ? "],\n \"payoffs\": [" : "\n ],\n \"payoffs\": [");
    put_list(b, c->payoffs, c->np, ", ");
    if (!c->has_ranges) { lia__buf_puts(b, "], \"best\": null, \"worst\": null"); return; }
    lia__buf_puts(b, "], \"best\": [");
    put_list(b, c->best, c->np, ", ");
    lia__buf_puts(b, "], \"worst\": [");
    put_list(b, c->worst, c->np, ", ");
    lia__buf_putc(b, ']');
}

static void write_json(lia_buf *b, const lia_correlated *c)
{
    lia__json_game_labels(b, c->game, c->np, c->players, c->ns, (const char *const *const *)c->strategies);
    lia__buf_puts(b, ",\n ");
    lia__correlated_json_fields(b, c);
    lia__buf_puts(b, "}\n");
}

static void render(lia_buf *b, const void *obj, int fmt)
{
    const lia_correlated *c = obj;
    if (fmt == LIA_FORMAT_TEXT) lia__correlated_text(b, c);
    else write_json(b, c);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_correlated_write(char **out, size_t *len, const lia_correlated *c, lia_format fmt)
{
    return lia__render_write(out, len, render, c, fmt, LIA__FORMAT_BIT(LIA_FORMAT_TEXT) | LIA__FORMAT_BIT(LIA_FORMAT_JSON),
                             "the correlated equilibria");
}
