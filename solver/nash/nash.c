/* nash.c — lia_game_nash: option checking and dispatch to the equilibrium methods. */
#include "nash.h"

lia_status lia_game_nash(lia_eqset **out, const lia_game *g, const lia_nash_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_nash_options def = LIA_NASH_OPTIONS_INIT;
    if (!opts) opts = &def;
    if (!g || opts->version != LIA_NASH_OPTIONS_VERSION) return LIA_EUSAGE;
    static const char *const names[] = { "pure", "lp", "lh" };
    if ((unsigned)opts->method > (unsigned)LIA_NASH_LH) return LIA_EUSAGE;
    lia_eqset *e = lia_eqset_new(g, names[opts->method]);
    if (!e) return LIA_ENOMEM;
    lia_status st;
    switch (opts->method) {
    case LIA_NASH_PURE: st = lia_nash_pure(e, g, LIA_DEFAULT_MEMORY_CAP); break;
    case LIA_NASH_LP: st = lia_nash_lp(e, g); break;
    default: st = lia_nash_lh(e, g, opts->label); break;
    }
    if (st != LIA_OK) { lia_eqset_free(e); return st; }
    *out = e;
    return LIA_OK;
}
