/* write_tu.c — coalition games as a mask-ordered value list, JSON, or readable text. */
#include "liaison.h"
#include "../game/tugame.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/errmsg.h"
#include <stdio.h>

enum { MAX_TABULATE = 20 };   /* TU and text listings: one line per coalition, 2^20 lines at most */
enum { MAX_JSON_STRUCTURED = 16 }; /* JSON of bankruptcy/voting games carries v(S) up to here */

static lia_num value_num(const lia_tugame *g, uint64_t S)
{
    if (g->exact && lia_num_exact(g->exact[S])) return g->exact[S];
    double v = 0;
    lia_tugame_value(g, S, &v);
    lia_num n = { v, 0, 0 };
    return n;
}

static void put_value(lia_buf *b, lia_num v)
{
    char tmp[64];
    if (lia_num_exact(v)) {
        if (v.q == 1) snprintf(tmp, sizeof tmp, "%lld", (long long)v.p);
        else snprintf(tmp, sizeof tmp, "%lld/%lld", (long long)v.p, (long long)v.q);
        lia__buf_puts(b, tmp);
    } else {
        lia__buf_double(b, v.v);
    }
}

static const char *kind_name(const lia_tugame *g)
{
    if (g->form == LIA_TU_BANKRUPTCY) return "bankruptcy";
    if (g->form == LIA_TU_VOTING) return "voting";
    return g->cost ? "cost" : "gain";
}

static void write_table(lia_buf *b, const lia_tugame *g, int text)
{
    lia__buf_printf(b, "# %s: %s game, %zu players\n# players:", g->name, kind_name(g), g->np);
    for (size_t p = 0; p < g->np; p++) lia__buf_printf(b, " %zu=%s", p, g->players[p]);
    lia__buf_puts(b, "  (bit i of the mask = player i)\n");
    lia__buf_puts(b, text ? "# coalition: value\n" : "# mask\tcoalition\tvalue\n");
    for (uint64_t S = 0; S < ((uint64_t)1 << g->np); S++) {
        if (!text) lia__buf_printf(b, "%llu\t", (unsigned long long)S);
        lia__buf_putc(b, '{');
        int first = 1;
        for (size_t p = 0; p < g->np; p++)
            if (S >> p & 1) { lia__buf_printf(b, "%s%s", first ? "" : ",", g->players[p]); first = 0; }
        lia__buf_puts(b, text ? "}: " : "}\t");
        put_value(b, value_num(g, S));
        lia__buf_putc(b, '\n');
    }
}

static void write_json(lia_buf *b, const lia_tugame *g)
{
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, g->name);
    lia__buf_printf(b, ", \"kind\": \"%s\", \"players\": [", kind_name(g));
    for (size_t p = 0; p < g->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_json_string(b, g->players[p]); }
    lia__buf_putc(b, ']');
    if (g->form != LIA_TU_TABLE) {
        lia__buf_puts(b, g->form == LIA_TU_BANKRUPTCY ? ", \"estate\": " : ", \"quota\": ");
        lia__buf_double(b, g->amount);
        lia__buf_puts(b, g->form == LIA_TU_BANKRUPTCY ? ", \"claims\": [" : ", \"weights\": [");
        for (size_t p = 0; p < g->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_double(b, g->weights[p]); }
        lia__buf_putc(b, ']');
    }
    if (g->form == LIA_TU_TABLE || g->np <= MAX_JSON_STRUCTURED) {
        lia__buf_puts(b, ",\n \"values\": [");
        for (uint64_t S = 0; S < ((uint64_t)1 << g->np); S++) {
            if (S) lia__buf_puts(b, ", ");
            lia__buf_double(b, value_num(g, S).v);
        }
        lia__buf_putc(b, ']');
    }
    lia__buf_puts(b, "}\n");
}

/* The game in format fmt (numbers in the C locale: run by lia__c_numeric_write). */
static lia_status write_in(char **out, size_t *len, const void *obj, lia_format fmt)
{
    const lia_tugame *g = obj;
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!g) return LIA_EUSAGE;
    if ((fmt == LIA_FORMAT_TU || fmt == LIA_FORMAT_TEXT) && g->np > MAX_TABULATE)
        return lia__errmsg_default(LIA_ELIMIT, "a coalitional game of %zu players has 2^%zu coalitions, too many to "
                                               "list one per line (at most %d players): write it as JSON",
                                   g->np, g->np, MAX_TABULATE);
    lia_buf b;
    lia__buf_init(&b);
    switch (fmt) {
    case LIA_FORMAT_TU: write_table(&b, g, 0); break;
    case LIA_FORMAT_TEXT: write_table(&b, g, 1); break;
    case LIA_FORMAT_JSON: write_json(&b, g); break;
    default:
        return lia__errmsg_default(LIA_EUSAGE, "a coalitional game is written as TU, text or JSON, not %s (it has "
                                               "no normal form)", lia__format_name(fmt));
    }
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_tugame_write(char **out, size_t *len, const lia_tugame *g, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(lia__c_numeric_write(write_in, out, len, g, fmt), g, "the coalitional game",
                             lia__format_name(fmt));
}
