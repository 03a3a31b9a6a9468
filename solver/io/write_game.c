/* write_game.c — normal-form games as a readable table, JSON, Gambit .nfg or lrsnash input. */
#include "liaison.h"
#include "../game/game.h"
#include "json_labels.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <stdio.h>
#include <string.h>

static lia_num payoff_num(const lia_game *g, size_t p, size_t prof)
{
    size_t at = p * g->nprofiles + prof;
    if (g->exact && lia_num_exact(g->exact[at])) return g->exact[at];
    lia_num n = { g->payoffs[at], 0, 0 };
    return n;
}

/* Exact text: "p/q" when known, else the double's exact binary value (lrs never sees decimals). */
static void put_exact(lia_buf *b, lia_num v)
{
    char tmp[1200];
    lia__num_format_exact(tmp, sizeof tmp, v);
    lia__buf_puts(b, tmp);
}

/* For .nfg: exact rationals where known, else the shortest decimal that reads back the same. */
static void put_nfg_number(lia_buf *b, lia_num v)
{
    if (lia_num_exact(v)) put_exact(b, v);
    else lia__buf_double(b, v.v);
}

static void put_nfg_string(lia_buf *b, const char *s)
{
    lia__buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') lia__buf_putc(b, '\\');
        lia__buf_putc(b, *s);
    }
    lia__buf_putc(b, '"');
}

static void write_nfg(lia_buf *b, const lia_game *g)
{
    lia__buf_puts(b, "NFG 1 R ");
    put_nfg_string(b, g->name);
    lia__buf_puts(b, " {");
    for (size_t p = 0; p < g->np; p++) { lia__buf_putc(b, ' '); put_nfg_string(b, g->players[p]); }
    lia__buf_puts(b, " }\n\n{");
    for (size_t p = 0; p < g->np; p++) {
        lia__buf_puts(b, " {");
        for (size_t s = 0; s < g->ns[p]; s++) { lia__buf_putc(b, ' '); put_nfg_string(b, g->strategies[p][s]); }
        lia__buf_puts(b, " }\n");
    }
    lia__buf_puts(b, "}\n\"\"\n\n");
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        for (size_t p = 0; p < g->np; p++) {
            if (p) lia__buf_putc(b, ' ');
            put_nfg_number(b, payoff_num(g, p, prof));
        }
        lia__buf_putc(b, '\n');
    }
}

static void write_lrs(lia_buf *b, const lia_game *g)
{
    size_t m = g->ns[0], n = g->ns[1];
    lia__buf_printf(b, "%zu %zu\n", m, n);
    for (size_t p = 0; p < 2; p++) {
        lia__buf_putc(b, '\n');
        for (size_t r = 0; r < m; r++) {
            for (size_t c = 0; c < n; c++) {
                if (c) lia__buf_putc(b, ' ');
                put_exact(b, payoff_num(g, p, r + m * c));   /* column-major storage */
            }
            lia__buf_putc(b, '\n');
        }
    }
}

/* payoffs[p] nested with the first player's strategy outermost, so numpy.array(payoffs[0])
 * of a two-player game is the row player's matrix. An odometer over the strategies, not
 * recursion: games may have many players. */
static void json_tensor(lia_buf *b, const lia_game *g, size_t p, size_t *c, int exact)
{
    size_t np = g->np;
    for (size_t d = 0; d < np; d++) { c[d] = 0; lia__buf_putc(b, '['); }
    for (;;) {
        size_t prof = 0, stride = 1;
        for (size_t d = 0; d < np; d++) { prof += c[d] * stride; stride *= g->ns[d]; }
        lia_num v = payoff_num(g, p, prof);
        if (exact) { lia__buf_putc(b, '"'); put_exact(b, v); lia__buf_putc(b, '"'); }
        else lia__buf_double(b, v.v);
        /* advance the last player's strategy first (innermost list), closing and opening lists */
        size_t d = np;
        while (d > 0 && c[d - 1] + 1 == g->ns[d - 1]) { lia__buf_putc(b, ']'); d--; }
        if (d == 0) return;
        c[d - 1]++;
        lia__buf_puts(b, ", ");
        for (size_t e = d; e < np; e++) { c[e] = 0; lia__buf_putc(b, '['); }
    }
}

static int all_exact(const lia_game *g)
{
    if (!g->exact) return 0;
    for (size_t i = 0; i < g->np * g->nprofiles; i++)
        if (!lia_num_exact(g->exact[i])) return 0;
    return 1;
}

static void write_json(lia_buf *b, const lia_game *g, size_t *c)
{
    lia__json_game_labels(b, g->name, g->np, g->players, g->ns, (const char *const *const *)g->strategies);
    lia__buf_puts(b, ",\n \"payoffs\": [");
    for (size_t p = 0; p < g->np; p++) { if (p) lia__buf_puts(b, ",\n  "); json_tensor(b, g, p, c, 0); }
    lia__buf_putc(b, ']');
    if (all_exact(g)) {
        lia__buf_puts(b, ",\n \"payoffs_exact\": [");
        for (size_t p = 0; p < g->np; p++) { if (p) lia__buf_puts(b, ",\n  "); json_tensor(b, g, p, c, 1); }
        lia__buf_putc(b, ']');
    }
    if (g->commit) {
        lia__buf_puts(b, ",\n \"commitment\": [");
        for (size_t p = 0; p < g->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_json_string(b, g->strategies[p][g->commit[p]]); }
        lia__buf_putc(b, ']');
    }
    lia__buf_puts(b, "}\n");
}

static size_t width_of(const char *s) { size_t n = 0; for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++; return n; }

static void pad(lia_buf *b, const char *s, size_t w)
{
    lia__buf_puts(b, s);
    for (size_t n = width_of(s); n < w; n++) lia__buf_putc(b, ' ');
}

static void put_cell(lia_buf *b, double v, size_t width)
{
    char num[48];
    snprintf(num, sizeof num, "%.6g", v == 0 ? 0.0 : v);   /* no "-0" */
    lia__buf_puts(b, "  ");
    for (size_t n = strlen(num); n < width; n++) lia__buf_putc(b, ' ');
    lia__buf_puts(b, num);
}

/* w: one column width per player (caller-allocated). */
static void write_text(lia_buf *b, const lia_game *g, size_t *w)
{
    lia__buf_printf(b, "%s: %zu players, ", g->name, g->np);
    for (size_t p = 0; p < g->np; p++) lia__buf_printf(b, "%s%zu", p ? " x " : "", g->ns[p]);
    lia__buf_printf(b, " = %zu profiles\n", g->nprofiles);
    if (g->commit) lia__buf_puts(b, "(* marks the committed profile)\n");
    size_t wp = 8;
    char num[48];
    for (size_t p = 0; p < g->np; p++) {
        w[p] = width_of(g->players[p]);
        for (size_t s = 0; s < g->ns[p]; s++) if (width_of(g->strategies[p][s]) > w[p]) w[p] = width_of(g->strategies[p][s]);
    }
    for (size_t i = 0; i < g->np * g->nprofiles; i++) {
        snprintf(num, sizeof num, "%.6g", g->payoffs[i] == 0 ? 0.0 : g->payoffs[i]);
        if (strlen(num) > wp) wp = strlen(num);
    }
    lia__buf_puts(b, "  ");
    for (size_t p = 0; p < g->np; p++) pad(b, g->players[p], w[p] + 2);
    lia__buf_puts(b, "|");
    for (size_t p = 0; p < g->np; p++) { lia__buf_puts(b, "  "); pad(b, g->players[p], wp); }
    lia__buf_putc(b, '\n');
    for (size_t prof = 0; prof < g->nprofiles && !b->failed; prof++) {
        int committed = g->commit != NULL;
        size_t rest = prof;
        for (size_t p = 0; p < g->np; p++) {
            size_t s = rest % g->ns[p];
            rest /= g->ns[p];
            if (g->commit && s != g->commit[p]) committed = 0;
        }
        lia__buf_puts(b, committed ? "* " : "  ");
        rest = prof;
        for (size_t p = 0; p < g->np; p++) {
            size_t s = rest % g->ns[p];
            rest /= g->ns[p];
            pad(b, g->strategies[p][s], w[p] + 2);
        }
        lia__buf_puts(b, "|");
        for (size_t p = 0; p < g->np; p++) put_cell(b, g->payoffs[p * g->nprofiles + prof], wp);
        lia__buf_putc(b, '\n');
    }
}

/* Bytes of the JSON form, roughly: numbers plus the brackets of nesting one level per player
 * (a game of many one-strategy players nests deeply in every block). */
static double json_size(const lia_game *g)
{
    double brackets = 0, width = 1;
    for (size_t d = 0; d < g->np; d++) { width *= (double)g->ns[d]; brackets += width; }
    return (double)g->np * ((double)g->nprofiles * 24.0 + 2.0 * brackets) * (g->exact ? 2.0 : 1.0);
}

/* The game in format fmt (numbers in the C locale: run by lia__c_numeric_write). */
static lia_status write_in(char **out, size_t *len, const void *obj, lia_format fmt)
{
    const lia_game *g = obj;
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!g) return LIA_EUSAGE;
    if (fmt == LIA_FORMAT_LRS && g->np != 2)
        return lia__errmsg_default(LIA_EUSAGE, "the lrs format holds two-player games only; '%s' has %zu players: "
                                               "write it in the NFG format", g->name, g->np);
    if (fmt == LIA_FORMAT_JSON && json_size(g) > (double)LIA_DEFAULT_MEMORY_CAP) {
        char need[32], cap[32];
        lia__format_bytes(need, sizeof need, json_size(g));
        lia__format_cap(cap, sizeof cap, LIA_DEFAULT_MEMORY_CAP);
        return lia__errmsg_default(LIA_ELIMIT, "the JSON form of '%s' (one nesting level per player, %zu players) "
                                               "would take about %s, over the %s one output may take: write it in "
                                               "the NFG format", g->name, g->np, need, cap);
    }
    lia_buf b;
    lia__buf_init(&b);
    size_t *scratch = NULL;   /* per-player counters or widths */
    if (fmt == LIA_FORMAT_TEXT || fmt == LIA_FORMAT_JSON) {
        scratch = lia__calloc(g->np ? g->np : 1, sizeof *scratch);
        if (!scratch) return LIA_ENOMEM;
    }
    switch (fmt) {
    case LIA_FORMAT_TEXT: write_text(&b, g, scratch); break;
    case LIA_FORMAT_JSON: write_json(&b, g, scratch); break;
    case LIA_FORMAT_NFG: write_nfg(&b, g); break;
    case LIA_FORMAT_LRS: write_lrs(&b, g); break;
    default:
        return lia__errmsg_default(LIA_EUSAGE, "a normal-form game is written as text, JSON, NFG or lrs, not %s "
                                               "(coalitional games take TU)", lia__format_name(fmt));
    }
    lia__free(scratch);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_game_write(char **out, size_t *len, const lia_game *g, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(lia__c_numeric_write(write_in, out, len, g, fmt), g, "the game", lia__format_name(fmt));
}
