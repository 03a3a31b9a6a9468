/* eqset.c — building, reading and writing equilibrium sets. */
#include "eqset.h"
#include "../game/game.h"
#include "../io/json_labels.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include <math.h>
#include <string.h>

static const char *copy(lia_arena *a, const char *s) { return lia_arena_strndup(a, s, strlen(s)); }

lia_eqset *lia_eqset_new(const lia_game *g, const char *method)
{
    lia_eqset *e = lia__calloc(1, sizeof *e);
    if (!e) return NULL;
    lia_arena_init(&e->arena);
    e->np = g->np;
    e->game = copy(&e->arena, g->name);
    e->method = copy(&e->arena, method);
    e->players = lia_arena_array(&e->arena, g->np, sizeof *e->players);
    e->ns = lia_arena_array(&e->arena, g->np, sizeof *e->ns);
    e->strategies = lia_arena_array(&e->arena, g->np, sizeof *e->strategies);
    int ok = e->game && e->method && e->players && e->ns && e->strategies;
    for (size_t p = 0; ok && p < g->np; p++) {
        e->ns[p] = g->ns[p];
        e->width += g->ns[p];
        ok = (e->players[p] = copy(&e->arena, g->players[p])) != NULL &&
             (e->strategies[p] = lia_arena_array(&e->arena, g->ns[p], sizeof(char *))) != NULL;
        for (size_t s = 0; ok && s < g->ns[p]; s++) ok = (e->strategies[p][s] = copy(&e->arena, g->strategies[p][s])) != NULL;
    }
    if (!ok) { lia_eqset_free(e); return NULL; }
    return e;
}

int lia_eqset_add(lia_eqset *e, const double *profile, const double *payoffs, double regret)
{
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 8, b1, b2;
        if (!lia__size_mul(cap, e->width * sizeof(double), &b1) || !lia__size_mul(cap, e->np * sizeof(double), &b2))
            return 0;
        double *x = lia__realloc(e->profiles, b1);
        if (!x) return 0;
        e->profiles = x;
        double *u = lia__realloc(e->payoffs, b2);
        if (!u) return 0;
        e->payoffs = u;
        double *r = lia__realloc(e->regrets, cap * sizeof(double));
        if (!r) return 0;
        e->regrets = r;
        e->cap = cap;
    }
    memcpy(e->profiles + e->n * e->width, profile, e->width * sizeof(double));
    memcpy(e->payoffs + e->n * e->np, payoffs, e->np * sizeof(double));
    e->regrets[e->n++] = regret;
    return 1;
}

void lia_eqset_free(lia_eqset *e)
{
    if (!e) return;
    lia__free(e->profiles);
    lia__free(e->payoffs);
    lia__free(e->regrets);
    lia_arena_free(&e->arena);
    lia__free(e);
}

double lia_regret_tolerance(const lia_game *g)
{
    /* no floor at 1: a game of payoffs around 1e-12 must be checked at its own scale */
    double scale = 0;
    for (size_t i = 0; i < g->np * g->nprofiles; i++) scale = fmax(scale, fabs(g->payoffs[i]));
    return LIA_REGRET_TOL * scale;
}

size_t lia_eqset_count(const lia_eqset *e) { return e ? e->n : 0; }
const double *lia_eqset_profile(const lia_eqset *e, size_t k) { return e && k < e->n ? e->profiles + k * e->width : NULL; }
const double *lia_eqset_payoffs(const lia_eqset *e, size_t k) { return e && k < e->n ? e->payoffs + k * e->np : NULL; }
double lia_eqset_regret(const lia_eqset *e, size_t k) { return e && k < e->n ? e->regrets[k] : -1; }

/* The strategy played with probability 1, or NULL if the strategy is mixed. */
static const char *pure_choice(const lia_eqset *e, const double *x, size_t p)
{
    for (size_t s = 0; s < e->ns[p]; s++)
        if (x[s] == 1) return e->strategies[p][s];
    return NULL;
}

static void write_text(lia_buf *b, const lia_eqset *e)
{
    lia_buf_printf(b, "%s: %zu %s equilibri%s\n", e->game, e->n, e->method, e->n == 1 ? "um" : "a");
    for (size_t k = 0; k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        lia_buf_printf(b, "  %zu:", k + 1);
        for (size_t p = 0, at = 0; p < e->np; at += e->ns[p], p++) {
            const char *pure = pure_choice(e, x + at, p);
            lia_buf_printf(b, "%s %s=", p ? "," : "", e->players[p]);
            if (pure) { lia_buf_puts(b, pure); continue; }
            lia_buf_putc(b, '(');
            for (size_t s = 0; s < e->ns[p]; s++) { if (s) lia_buf_puts(b, ", "); lia_buf_double(b, x[at + s]); }
            lia_buf_putc(b, ')');
        }
        lia_buf_puts(b, "   payoffs");
        for (size_t p = 0; p < e->np; p++) { lia_buf_puts(b, p ? ", " : " "); lia_buf_double(b, e->payoffs[k * e->np + p] + 0.0); }
        lia_buf_puts(b, "\n");
    }
}

static void write_json(lia_buf *b, const lia_eqset *e)
{
    lia_json_game_labels(b, e->game, e->np, e->players, e->ns, (const char *const *const *)e->strategies);
    lia_buf_puts(b, ",\n \"method\": ");
    lia_buf_json_string(b, e->method);
    lia_buf_puts(b, ", \"equilibria\": [");
    for (size_t k = 0; k < e->n; k++) {
        const double *x = e->profiles + k * e->width;
        lia_buf_puts(b, k ? ",\n  {\"strategies\": [" : "\n  {\"strategies\": [");
        for (size_t p = 0, at = 0; p < e->np; at += e->ns[p], p++) {
            lia_buf_puts(b, p ? ", [" : "[");
            for (size_t s = 0; s < e->ns[p]; s++) { if (s) lia_buf_puts(b, ", "); lia_buf_double(b, x[at + s]); }
            lia_buf_putc(b, ']');
        }
        lia_buf_puts(b, "], \"payoffs\": [");
        for (size_t p = 0; p < e->np; p++) { if (p) lia_buf_puts(b, ", "); lia_buf_double(b, e->payoffs[k * e->np + p] + 0.0); }
        lia_buf_puts(b, "], \"regret\": ");
        lia_buf_double(b, e->regrets[k] + 0.0);
        lia_buf_putc(b, '}');
    }
    lia_buf_puts(b, e->n ? "\n ]}\n" : "]}\n");
}

lia_status lia_eqset_write(char **out, size_t *len, const lia_eqset *e, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!e || (fmt != LIA_FORMAT_TEXT && fmt != LIA_FORMAT_JSON)) return LIA_EUSAGE;
    lia_c_numeric loc;
    if (!lia_c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia_buf_init(&b);
    if (fmt == LIA_FORMAT_TEXT) write_text(&b, e);
    else write_json(&b, e);
    lia_c_numeric_end(&loc);
    *out = lia_buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}
