/* write_game.c — normal-form games as a readable table, JSON, Gambit .nfg or lrsnash input. */
#include "liaison.h"
#include "../game/game.h"
#include "../util/buf.h"
#include "../util/mem.h"
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
    lia_num_format_exact(tmp, sizeof tmp, v);
    lia_buf_puts(b, tmp);
}

/* For .nfg: exact rationals where known, else the shortest decimal that reads back the same. */
static void put_nfg_number(lia_buf *b, lia_num v)
{
    if (lia_num_exact(v)) put_exact(b, v);
    else lia_buf_double(b, v.v);
}

static void put_nfg_string(lia_buf *b, const char *s)
{
    lia_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') lia_buf_putc(b, '\\');
        lia_buf_putc(b, *s);
    }
    lia_buf_putc(b, '"');
}

static void write_nfg(lia_buf *b, const lia_game *g)
{
    lia_buf_puts(b, "NFG 1 R ");
    put_nfg_string(b, g->name);
    lia_buf_puts(b, " {");
    for (size_t p = 0; p < g->np; p++) { lia_buf_putc(b, ' '); put_nfg_string(b, g->players[p]); }
    lia_buf_puts(b, " }\n\n{");
    for (size_t p = 0; p < g->np; p++) {
        lia_buf_puts(b, " {");
        for (size_t s = 0; s < g->ns[p]; s++) { lia_buf_putc(b, ' '); put_nfg_string(b, g->strategies[p][s]); }
        lia_buf_puts(b, " }\n");
    }
    lia_buf_puts(b, "}\n\"\"\n\n");
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        for (size_t p = 0; p < g->np; p++) {
            if (p) lia_buf_putc(b, ' ');
            put_nfg_number(b, payoff_num(g, p, prof));
        }
        lia_buf_putc(b, '\n');
    }
}

static void write_lrs(lia_buf *b, const lia_game *g)
{
    size_t m = g->ns[0], n = g->ns[1];
    lia_buf_printf(b, "%zu %zu\n", m, n);
    for (size_t p = 0; p < 2; p++) {
        lia_buf_putc(b, '\n');
        for (size_t r = 0; r < m; r++) {
            for (size_t c = 0; c < n; c++) {
                if (c) lia_buf_putc(b, ' ');
                put_exact(b, payoff_num(g, p, r + m * c));   /* column-major storage */
            }
            lia_buf_putc(b, '\n');
        }
    }
}

/* payoffs[p] nested with the first player's strategy outermost, so numpy.array(payoffs[0])
 * of a two-player game is the row player's matrix. */
static void json_tensor(lia_buf *b, const lia_game *g, size_t p, size_t depth, size_t offset, size_t stride, int exact)
{
    if (depth == g->np) {
        lia_num v = payoff_num(g, p, offset);
        if (exact) { lia_buf_putc(b, '"'); put_exact(b, v); lia_buf_putc(b, '"'); }
        else lia_buf_double(b, v.v);
        return;
    }
    lia_buf_putc(b, '[');
    for (size_t s = 0; s < g->ns[depth]; s++) {
        if (s) lia_buf_puts(b, ", ");
        json_tensor(b, g, p, depth + 1, offset + s * stride, stride * g->ns[depth], exact);
    }
    lia_buf_putc(b, ']');
}

static int all_exact(const lia_game *g)
{
    if (!g->exact) return 0;
    for (size_t i = 0; i < g->np * g->nprofiles; i++)
        if (!lia_num_exact(g->exact[i])) return 0;
    return 1;
}

static void write_json(lia_buf *b, const lia_game *g)
{
    lia_buf_puts(b, "{\"game\": ");
    lia_buf_json_string(b, g->name);
    lia_buf_puts(b, ", \"players\": [");
    for (size_t p = 0; p < g->np; p++) { if (p) lia_buf_puts(b, ", "); lia_buf_json_string(b, g->players[p]); }
    lia_buf_puts(b, "], \"strategies\": [");
    for (size_t p = 0; p < g->np; p++) {
        lia_buf_puts(b, p ? ", [" : "[");
        for (size_t s = 0; s < g->ns[p]; s++) { if (s) lia_buf_puts(b, ", "); lia_buf_json_string(b, g->strategies[p][s]); }
        lia_buf_putc(b, ']');
    }
    lia_buf_puts(b, "],\n \"payoffs\": [");
    for (size_t p = 0; p < g->np; p++) { if (p) lia_buf_puts(b, ",\n  "); json_tensor(b, g, p, 0, 0, 1, 0); }
    lia_buf_putc(b, ']');
    if (all_exact(g)) {
        lia_buf_puts(b, ",\n \"payoffs_exact\": [");
        for (size_t p = 0; p < g->np; p++) { if (p) lia_buf_puts(b, ",\n  "); json_tensor(b, g, p, 0, 0, 1, 1); }
        lia_buf_putc(b, ']');
    }
    if (g->commit) {
        lia_buf_puts(b, ",\n \"commitment\": [");
        for (size_t p = 0; p < g->np; p++) { if (p) lia_buf_puts(b, ", "); lia_buf_json_string(b, g->strategies[p][g->commit[p]]); }
        lia_buf_putc(b, ']');
    }
    lia_buf_puts(b, "}\n");
}

static size_t width_of(const char *s) { size_t n = 0; for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) n++; return n; }

static void pad(lia_buf *b, const char *s, size_t w)
{
    lia_buf_puts(b, s);
    for (size_t n = width_of(s); n < w; n++) lia_buf_putc(b, ' ');
}

static void write_text(lia_buf *b, const lia_game *g)
{
    lia_buf_printf(b, "%s: %zu players, ", g->name, g->np);
    for (size_t p = 0; p < g->np; p++) lia_buf_printf(b, "%s%zu", p ? " x " : "", g->ns[p]);
    lia_buf_printf(b, " = %zu profiles\n", g->nprofiles);
    if (g->commit) lia_buf_puts(b, "(* marks the committed profile)\n");
    /* column widths: strategy labels, then payoffs */
    size_t w[64] = { 0 }, np = g->np < 64 ? g->np : 64, wp = 8;
    char num[48];
    for (size_t p = 0; p < np; p++) {
        w[p] = width_of(g->players[p]);
        for (size_t s = 0; s < g->ns[p]; s++) if (width_of(g->strategies[p][s]) > w[p]) w[p] = width_of(g->strategies[p][s]);
    }
    for (size_t i = 0; i < g->np * g->nprofiles; i++) {
        snprintf(num, sizeof num, "%.6g", g->payoffs[i]);
        if (strlen(num) > wp) wp = strlen(num);
    }
    lia_buf_puts(b, "  ");
    for (size_t p = 0; p < np; p++) { pad(b, g->players[p], w[p] + 2); }
    lia_buf_puts(b, "|");
    for (size_t p = 0; p < np; p++) { lia_buf_puts(b, "  "); pad(b, g->players[p], wp); }
    lia_buf_putc(b, '\n');
    for (size_t prof = 0; prof < g->nprofiles; prof++) {
        int committed = g->commit != NULL;
        size_t rest = prof;
        for (size_t p = 0; p < np; p++) {
            size_t s = rest % g->ns[p];
            rest /= g->ns[p];
            if (g->commit && s != g->commit[p]) committed = 0;
        }
        lia_buf_puts(b, committed ? "* " : "  ");
        rest = prof;
        for (size_t p = 0; p < np; p++) {
            size_t s = rest % g->ns[p];
            rest /= g->ns[p];
            pad(b, g->strategies[p][s], w[p] + 2);
        }
        lia_buf_puts(b, "|");
        for (size_t p = 0; p < np; p++) {
            snprintf(num, sizeof num, "%.6g", g->payoffs[p * g->nprofiles + prof]);
            lia_buf_puts(b, "  ");
            for (size_t n = strlen(num); n < wp; n++) lia_buf_putc(b, ' ');
            lia_buf_puts(b, num);
        }
        lia_buf_putc(b, '\n');
    }
}

lia_status lia_game_write(char **out, size_t *len, const lia_game *g, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!g) return LIA_EUSAGE;
    if (fmt == LIA_FORMAT_LRS && g->np != 2) return LIA_EUSAGE;
    lia_buf b;
    lia_buf_init(&b);
    switch (fmt) {
    case LIA_FORMAT_TEXT: write_text(&b, g); break;
    case LIA_FORMAT_JSON: write_json(&b, g); break;
    case LIA_FORMAT_NFG: write_nfg(&b, g); break;
    case LIA_FORMAT_LRS: write_lrs(&b, g); break;
    default: return LIA_EUSAGE;
    }
    *out = lia_buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}
