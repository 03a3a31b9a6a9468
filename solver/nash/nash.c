/* nash.c — lia_game_nash: option checking and dispatch to the equilibrium methods. */
#include "nash.h"
#include "indifferent.h"
#include "../util/options.h"
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "../util/errmsg.h"

/* One row per lia_nash_method, in enum order: the name written into the set, and the method
 * (NULL until it is built). */
typedef lia_status (*method_fn)(lia_eqset *e, const lia_game *g, const lia_nash_options *o);

static lia_status run_pure(lia_eqset *e, const lia_game *g, const lia_nash_options *o)
{
    (void)o;
    return lia__nash_pure(e, g, e->memory_cap);
}
static lia_status run_lp(lia_eqset *e, const lia_game *g, const lia_nash_options *o) { (void)o; return lia__nash_lp(e, g); }
static size_t cap_of(const lia_nash_options *o) { return o->memory_cap ? o->memory_cap : LIA_DEFAULT_MEMORY_CAP; }
static lia_status run_lh(lia_eqset *e, const lia_game *g, const lia_nash_options *o)
{
    return lia__nash_lh(e, g, o->label, cap_of(o));
}
/* Threads asked for, or every online core (at most 64). */
static unsigned threads_of(const lia_nash_options *o)
{
    if (o->threads) return o->threads < 64 ? o->threads : 64;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
}
static lia_status run_all(lia_eqset *e, const lia_game *g, const lia_nash_options *o)
{
    /* every profile an equilibrium: a structure to read off, not a degenerate polytope to walk */
    if (g->np == 2 && lia__nash_all_indifferent(g)) return lia__nash_enum_indifferent(e, g, o->exact);
    return lia__nash_enum(e, g, o->exact, cap_of(o), threads_of(o));
}
static lia_status run_support(lia_eqset *e, const lia_game *g, const lia_nash_options *o) { (void)o; return lia__nash_support(e, g); }
static lia_status run_qre(lia_eqset *e, const lia_game *g, const lia_nash_options *o) { return lia__nash_qre(e, g, cap_of(o)); }
static lia_status run_simpdiv(lia_eqset *e, const lia_game *g, const lia_nash_options *o)
{
    return lia__nash_simpdiv(e, g, cap_of(o));
}
static lia_status run_gnm(lia_eqset *e, const lia_game *g, const lia_nash_options *o) { (void)o; return lia__nash_gnm(e, g); }

static const struct { const char *name; method_fn run; } methods[] = {
    [LIA_NASH_PURE] = { "pure", run_pure },
    [LIA_NASH_LP] = { "lp", run_lp },
    [LIA_NASH_LH] = { "lh", run_lh },
    [LIA_NASH_ALL] = { "all", run_all },
    [LIA_NASH_SUPPORT] = { "support", run_support },
    [LIA_NASH_SIMPDIV] = { "simpdiv", run_simpdiv },
    [LIA_NASH_QRE] = { "qre", run_qre },
    [LIA_NASH_GNM] = { "gnm", run_gnm },
};

int lia_nash_method_available(lia_nash_method m)
{
    return (unsigned)m < sizeof methods / sizeof methods[0] && methods[m].run != NULL;
}

const char *lia_nash_method_name(lia_nash_method m)
{
    return (unsigned)m < sizeof methods / sizeof methods[0] ? methods[m].name : NULL;
}

lia_status lia_nash_method_from_name(const char *name, lia_nash_method *out)
{
    for (size_t k = 0; name && out && k < sizeof methods / sizeof methods[0]; k++)
        if (strcmp(name, methods[k].name) == 0) { *out = (lia_nash_method)k; return LIA_OK; }
    return LIA_EUSAGE;
}

/* The caller's options of any version in the current layout (version 1 ends before
 * memory_cap and threads, which version 2 added). */
int lia__nash_read_options(lia_nash_options *o, const lia_nash_options *given)
{
    static const size_t ends[LIA_NASH_OPTIONS_VERSION] = { offsetof(lia_nash_options, memory_cap), sizeof(lia_nash_options) };
    const lia_nash_options def = LIA_NASH_OPTIONS_INIT;
    *o = def;
    return LIA__OPTIONS_READ(o, given, lia_nash_options, ends, NULL, 0);
}

lia_status lia_nash_memory_needed(const lia_game *g, const lia_nash_options *opts, size_t *bytes)
{
    lia_nash_options o;
    if (!g || !bytes || !lia__nash_read_options(&o, opts) || o.method != LIA_NASH_LH) return LIA_EUSAGE;
    double need = 0;
    lia_status st = lia__nash_lh_needed(g, o.label, &need);
    if (st != LIA_OK) return st;
    *bytes = need < (double)SIZE_MAX ? (size_t)ceil(need) : SIZE_MAX;
    return LIA_OK;
}

lia_status lia_game_nash(lia_eqset **out, const lia_game *g, const lia_nash_options *given)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_game_nash: out is NULL");
    *out = NULL;
    lia_nash_options o;
    if (!lia__nash_read_options(&o, given)) return LIA_EUSAGE;   /* message set */
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_game_nash: the game is NULL");
    const lia_nash_options *opts = &o;
    if (!lia_nash_method_available(opts->method))
        return lia__errmsg_default(LIA_EUSAGE, "lia_game_nash: method %d is not available in this build (%s): see "
                                               "lia_nash_method_available", (int)opts->method, LIA_VERSION);
    lia_eqset *e = lia__eqset_new(g, methods[opts->method].name);
    if (!e) return lia__errmsg_default(LIA_ENOMEM, "out of memory starting an equilibrium set for '%s'", g->name);
    e->memory_cap = o.memory_cap ? o.memory_cap : LIA_DEFAULT_MEMORY_CAP;
    lia_status st = methods[opts->method].run(e, g, opts);
    if (st != LIA_OK) {
        lia_eqset_free(e);
        lia__nash_explain(st, g, opts);
        return st;
    }
    lia__eqset_magnitudes(e, g);   /* for the text only: without it the text reads as before */
    *out = e;
    return LIA_OK;
}
