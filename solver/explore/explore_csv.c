/* explore_csv.c — the table of runs as CSV: `run`, every parameter, every output; numbers as
 * the shortest decimal that reads back as the same double, so the bytes depend on the runs
 * alone (not on threads, shards or a detour through the store). */
#include "explore.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>

static void header(lia_buf *b, const lia_explore *e)
{
    lia__buf_puts(b, "run");
    for (size_t c = 0; c < e->ncols; c++) {
        lia__buf_putc(b, ',');
        lia__buf_puts(b, e->cols[c]);
    }
    lia__buf_putc(b, '\n');
}

static void cell(lia_buf *b, const lia_explore *e, size_t c, double v)
{
    if (c == lia__col_status(e)) { lia__buf_puts(b, lia__explore_status_name((int)v)); return; }
    if (isnan(v)) return;
    if (c >= lia__col_dir(e, 0) && c < lia__col_transfers(e))
        lia__buf_puts(b, v == LIA_DIRECTION_WITHHOLD ? "withhold" : v == LIA_DIRECTION_EXCEED ? "exceed" : "none");
    else if (c == lia__col_core(e)) lia__buf_puts(b, v > 0 ? "true" : "false");
    else lia__buf_double(b, v + 0.0);   /* + 0.0: never "-0" */
}

lia_status lia__explore_csv(lia_buf *b, const lia_explore *e, uint64_t from, uint64_t n, int with_header)
{
    if (with_header) header(b, e);
    for (uint64_t k = from; k < from + n && k < e->nruns; k++) {
        const double *row = e->rows + (size_t)k * e->ncols;
        lia__buf_printf(b, "%llu", (unsigned long long)(e->first + k));
        for (size_t c = 0; c < e->ncols; c++) {
            lia__buf_putc(b, ',');
            cell(b, e, c, row[c]);
        }
        lia__buf_putc(b, '\n');
    }
    return b->failed ? LIA_ENOMEM : LIA_OK;
}

static lia_status explore_write_rows_body(char **out, size_t *len, const lia_explore *e, uint64_t from, uint64_t n, int header)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!e || !e->cols) return LIA_EUSAGE;
    lia_buf b;
    lia__buf_init(&b);
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_status st = lia__explore_csv(&b, e, from, n, header);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK) { lia__buf_free(&b); return st; }
    size_t l;
    *out = lia__buf_take(&b, &l);
    if (!*out) return LIA_ENOMEM;
    if (len) *len = l;
    return LIA_OK;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_explore_write_rows(char **out, size_t *len, const lia_explore *e, uint64_t from, uint64_t n, int header)
{
    lia__errmsg_clear();
    return lia__errmsg_write(explore_write_rows_body(out, len, e, from, n, header), e, "the exploration's rows", "CSV");
}
