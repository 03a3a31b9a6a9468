/* nash_errors.c — what lia_game_nash says when a method fails: the method, the game, why, and
 * what to try, in the library's terms (lia_nash_options fields and method names). A deeper
 * function that recorded a more specific message keeps it (lia__errmsg_default). */
#include "nash.h"
#include "../util/errmsg.h"
#include <stdio.h>

/* the method table's own name (nash.c), so that no second list of names can drift */
static const char *method_name(lia_nash_method m)
{
    const char *name = lia_nash_method_name(m);
    return name ? name : "unknown";
}

/* "3 x 4" or "3 players" */
static void shape(char *buf, size_t cap, const lia_game *g)
{
    if (g->np == 2) snprintf(buf, cap, "%zu x %zu", g->ns[0], g->ns[1]);
    else snprintf(buf, cap, "%zu players", g->np);
}

static void explain_usage(const lia_game *g, const lia_nash_options *o, const char *sh)
{
    switch (o->method) {
    case LIA_NASH_LP:
        lia__errmsg_default(LIA_EUSAGE, "the lp method solves two-player constant-sum games; '%s' (%s) is not one: "
                                        "use the %s method", g->name, sh, g->np == 2 ? "all or lh" : "support or gnm");
        return;
    case LIA_NASH_LH:
        if (g->np != 2)
            lia__errmsg_default(LIA_EUSAGE, "Lemke-Howson (the lh method) solves two-player games; '%s' has %zu players: "
                                            "use the gnm, simpdiv or qre method", g->name, g->np);
        else
            lia__errmsg_default(LIA_EUSAGE, "Lemke-Howson label %ld is out of range for '%s' (%s): labels run from 0 to "
                                            "%zu (the first player's strategies, then the second's), -1 for every label or LIA_LH_RACE",
                                o->label, g->name, sh, g->ns[0] + g->ns[1] - 1);
        return;
    case LIA_NASH_ALL:
        if (g->np != 2)
            lia__errmsg_default(LIA_EUSAGE, "vertex enumeration (the all method) solves two-player games; '%s' has %zu "
                                            "players: use the support method for every isolated equilibrium of a small "
                                            "game, or gnm or simpdiv for one", g->name, g->np);
        else if (o->exact)
            lia__errmsg_default(LIA_EUSAGE, "the exact option needs exact payoffs (integers, decimals or fractions)"
                                            "; '%s' has payoffs known only as floating-point numbers",
                                g->name);
        return;
    default:
        break;
    }
    lia__errmsg_default(LIA_EUSAGE, "the %s method cannot solve '%s' (%s)", method_name(o->method), g->name, sh);
}

/* The real reason support enumeration refused: its worst case in time, not memory (the
 * constants of liaison.h, measured). */
static void support_refused(const lia_game *g)
{
    if (g->np == 2) {
        size_t m = g->ns[0], n = g->ns[1];
        double pairs = 1;
        for (size_t i = 1; i <= m; i++) pairs = pairs * (double)(n + i) / (double)i;   /* C(m+n, m) */
        lia__errmsg_default(LIA_ELIMIT, "support enumeration of '%s' (%zu x %zu) could examine %.3g support pairs, "
                                        "about %.3g minutes; it is refused beyond %.0e pairs (about 90 s): use the all "
                                        "method for every extreme equilibrium, or lh or gnm for one",
                            g->name, m, n, pairs - 1, (pairs - 1) * 1.8e-6 / 60, LIA_SUPPORT_MAX_PAIRS);
    } else {
        lia__errmsg_default(LIA_ELIMIT, "support enumeration of '%s' (%zu players) is refused: its worst case of "
                                        "support profiles times homotopy paths exceeds %.0e (about 90 s): use the gnm, "
                                        "simpdiv or qre method for one equilibrium, or pure", g->name, g->np,
                            LIA_SUPPORT_MAX_PATHS);
    }
}

void lia__nash_explain(lia_status st, const lia_game *g, const lia_nash_options *o)
{
    char sh[64], cap[32];
    shape(sh, sizeof sh, g);
    lia__format_cap(cap, sizeof cap, o->memory_cap ? o->memory_cap : LIA_DEFAULT_MEMORY_CAP);
    const char *m = method_name(o->method);
    switch (st) {
    case LIA_EUSAGE:
        explain_usage(g, o, sh);
        break;
    case LIA_ELIMIT:
        if (o->method == LIA_NASH_PURE)
            lia__errmsg_default(st, "'%s' (%s) has too many pure equilibria to list within the memory cap of %s "
                                    "(every profile of a constant game is one)", g->name, sh, cap);
        else if (o->method == LIA_NASH_ALL)
            lia__errmsg_default(st, "the best-response polytopes of '%s' (%s) have too many vertices to enumerate "
                                    "within the memory cap of %s (lia_nash_options.memory_cap), or its exact numbers "
                                    "exceed 3072 bits: use the lh or gnm method for one equilibrium", g->name, sh, cap);
        else if (o->method == LIA_NASH_SUPPORT)
            support_refused(g);
        else if (o->method == LIA_NASH_LH) {
            /* every allocation of Lemke-Howson counts against the cap: say what it needs */
            double need = 0;
            char needs[32] = "more";
            if (lia__nash_lh_needed(g, o->label, &need) == LIA_OK && need < 1e18) lia__format_cap(needs, sizeof needs, (size_t)need);
            lia__errmsg_default(st, "Lemke-Howson on '%s' (%s) needs %s, over the memory cap of %s "
                                    "(lia_nash_options.memory_cap)", g->name, sh, needs, cap);
        } else if (o->method == LIA_NASH_QRE) {
            /* the logit path's arrays and its polish, counted before any work */
            double need = 0;
            char needs[32] = "more";
            if (lia__nash_qre_needed(g, &need) == LIA_OK && need < 1e18) lia__format_cap(needs, sizeof needs, (size_t)need);
            lia__errmsg_default(st, "the logit path (the qre method) on '%s' (%s) needs up to %s, over the memory cap "
                                    "of %s (lia_nash_options.memory_cap): raise the cap or use the gnm method",
                                g->name, sh, needs, cap);
        } else if (o->method == LIA_NASH_SIMPDIV) {
            /* its arrays and the payoff copy, counted before any work */
            double need = 0;
            char needs[32] = "more";
            if (lia__nash_simpdiv_needed(g, &need) == LIA_OK && need < 1e18) lia__format_cap(needs, sizeof needs, (size_t)need);
            lia__errmsg_default(st, "simplicial subdivision (the simpdiv method) on '%s' (%s) needs %s, over the "
                                    "memory cap of %s (lia_nash_options.memory_cap): raise the cap or use the %s "
                                    "method", g->name, sh, needs, cap, g->np == 2 ? "lh" : "gnm");
        } else
            lia__errmsg_default(st, "'%s' (%s) is too large for the %s method within %s of memory: use the gnm "
                                    "method", g->name, sh, m, cap);
        break;
    case LIA_ENOMEM:
        lia__errmsg_default(st, "out of memory while the %s method solved '%s' (%s)", m, g->name, sh);
        break;
    case LIA_EINTERNAL:
        if (o->method == LIA_NASH_ALL)
            lia__errmsg_default(st, "vertex enumeration of '%s' (%s) failed its own check (floating-point labels "
                                    "that the exact or regret check refutes); nothing is reported rather than an "
                                    "incomplete set: try the exact option, or the lh method", g->name, sh);
        else if (o->method == LIA_NASH_QRE || o->method == LIA_NASH_GNM || o->method == LIA_NASH_LH)
            lia__errmsg_default(st, "the %s method's path on '%s' (%s) ended without an equilibrium that passes the "
                                    "regret check; nothing unverified is reported: try another method (%s)", m, g->name,
                                sh, g->np == 2 ? "all or support" : "gnm, qre or support");
        else
            lia__errmsg_default(st, "the %s method on '%s' (%s) found a result that failed its own check (a bug or a "
                                    "linear-programming failure); nothing unverified is reported: try another method",
                                m, g->name, sh);
        break;
    default:
        lia__errmsg_default(st, "the %s method failed on '%s' (%s): %s", m, g->name, sh, lia_status_name(st));
        break;
    }
}
