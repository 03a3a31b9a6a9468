/* nash_write.c — the output of `liaison nash`: an equilibrium set and, when asked for, the
 * correlated equilibria of the same game, in one text or JSON document. */
#include "correlated.h"
#include "eqset.h"
#include "../io/json_labels.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"

static lia_status nash_write_body(char **out, size_t *len, const lia_eqset *e, const lia_correlated *c, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!e) return LIA_EUSAGE;
    if (!c) return lia_eqset_write(out, len, e, fmt);
    if (fmt != LIA_FORMAT_TEXT && fmt != LIA_FORMAT_JSON) return LIA_EUSAGE;
    if (c->np != e->np || c->nprofiles == 0) return LIA_EUSAGE;
    for (size_t p = 0; p < e->np; p++)
        if (c->ns[p] != e->ns[p]) return LIA_EUSAGE;   /* not the same game */
    char *first = NULL;
    lia_status st = fmt == LIA_FORMAT_TEXT ? lia_eqset_write(&first, NULL, e, fmt) : LIA_OK;
    if (st != LIA_OK) return st;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) { lia__free(first); return LIA_ENOMEM; }
    lia_buf b;
    lia__buf_init(&b);
    if (fmt == LIA_FORMAT_TEXT) {
        lia__buf_puts(&b, first);
        lia__buf_putc(&b, '\n');
        lia__correlated_text(&b, c);
    } else {
        lia__json_game_labels(&b, e->game, e->np, e->players, e->ns, (const char *const *const *)e->strategies);
        lia__buf_puts(&b, ",\n ");
        lia__eqset_json_fields(&b, e);
        lia__buf_puts(&b, ",\n \"correlated\": {");
        lia__correlated_json_fields(&b, c);
        lia__buf_puts(&b, "}}\n");
    }
    lia__c_numeric_end(&loc);
    lia__free(first);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_nash_write(char **out, size_t *len, const lia_eqset *e, const lia_correlated *c, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(nash_write_body(out, len, e, c, fmt), e ? (const void *)e : (const void *)c, "the equilibria", lia__format_name(fmt));
}
