/* regimes_write.c — the regime analysis as JSON (the "regimes" object of `repeat`, docs/cli.md)
 * and as text: the chain, a member x regime table, and a sentence per member. */
#include "regimes_internal.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static void json_names(lia_buf *b, const char *const *names, size_t n)
{
    lia__buf_putc(b, '[');
    for (size_t k = 0; k < n; k++) {
        if (k) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, names[k]);
    }
    lia__buf_putc(b, ']');
}

static void write_json(lia_buf *b, const lia_regimes *r)
{
    size_t nr = r->nr, np = r->np;
    lia__buf_puts(b, "{\"names\": ");
    json_names(b, r->names, nr);
    lia__buf_puts(b, ", \"start\": ");
    lia__buf_json_string(b, r->names[r->start]);
    lia__buf_puts(b, ", \"transition\": [");
    for (size_t s = 0; s < nr; s++) {
        if (s) lia__buf_puts(b, ", ");
        lia__buf_json_nums(b, r->pi + s * nr, nr);
    }
    lia__buf_puts(b, "], \"long_run\": ");
    lia__buf_json_nums(b, r->dist, nr);
    lia__buf_puts(b, ", \"members\": ");
    json_names(b, r->members, np);
    lia__buf_puts(b, ", \"patience\": ");
    lia__buf_json_nums(b, r->patience, np);
    lia__buf_puts(b, ", \"delta_star\": [");
    for (size_t i = 0; i < np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_num(b, r->star[i].delta_star);
    }
    lia__buf_puts(b, "], \"binding_regime\": [");
    for (size_t i = 0; i < np; i++) {
        if (i) lia__buf_puts(b, ", ");
        if (r->star[i].binding == LIA_REGIME_NONE) lia__buf_puts(b, "null");
        else lia__buf_json_string(b, r->names[r->star[i].binding]);
    }
    lia__buf_puts(b, "], \"not_monotone\": [");
    for (size_t i = 0; i < np; i++) lia__buf_puts(b, i ? (r->star[i].gaps ? ", true" : ", false") : (r->star[i].gaps ? "true" : "false"));
    lia__buf_puts(b, "], \"averaged_delta_star\": ");
    lia__buf_json_nums(b, r->avg, np);
    lia__buf_puts(b, ", \"sustainable\": [");
    for (size_t i = 0; i < np; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_tri(b, r->sustainable[i]);
    }
    lia__buf_puts(b, "], \"table\": [");
    for (size_t i = 0; i < np; i++)
        for (size_t s = 0; s < nr; s++) {
            size_t k = i * nr + s;
            lia__buf_puts(b, k ? ", {\"member\": " : "{\"member\": ");
            lia__buf_json_string(b, r->members[i]);
            lia__buf_puts(b, ", \"regime\": ");
            lia__buf_json_string(b, r->names[s]);
            const double *col[] = { r->c, r->d, r->p, r->v, r->slack };
            const char *key[] = { "C", "D", "P", "V", "slack" };
            for (size_t q = 0; q < 5; q++) {
                lia__buf_printf(b, ", \"%s\": ", key[q]);
                lia__buf_json_num(b, col[q][k]);
            }
            lia__buf_puts(b, r->reach[s] ? ", \"reachable\": true}" : ", \"reachable\": false}");
        }
    lia__buf_puts(b, "], \"transfers\": {\"feasible\": ");
    lia__buf_json_tri(b, r->transfers_feasible);
    lia__buf_puts(b, ", \"amounts\": ");
    if (r->transfers_feasible != 1) lia__buf_puts(b, "null");
    else {
        lia__buf_putc(b, '[');
        for (size_t s = 0; s < nr; s++) {
            if (s) lia__buf_puts(b, ", ");
            lia__buf_json_nums(b, r->t + s * np, np);
        }
        lia__buf_putc(b, ']');
    }
    lia__buf_puts(b, ", \"cost\": ");
    lia__buf_json_num(b, r->transfers_feasible == 1 ? r->cost : NAN);
    lia__buf_puts(b, "}}");
}

static void cell(lia_buf *b, const lia_regimes *r, double v, const char *nan_text)
{
    lia__buf_reading_cell(b, v, r->scale, 9, nan_text);
}

static void reading(lia_buf *b, const lia_regimes *r, double v) { lia__buf_reading(b, v, r->scale); }

/* "A keeps to it in every regime only with patience 0.8333 or more; the binding regime is
 * crisis, where ..." and what its own patience does. */
static void member_words(lia_buf *w, const lia_regimes *r, size_t i)
{
    size_t nr = r->nr, s = r->star[i].binding;
    double ds = r->star[i].delta_star;
    const char *who = r->members[i];
    if (ds == 0) lia__buf_printf(w, "%s keeps to it in every regime at any patience.", who);
    else {
        if (isnan(ds)) lia__buf_printf(w, "%s does not keep to it in every regime at any patience", who);
        else {
            lia__buf_printf(w, "%s keeps to it in every regime only with patience ", who);
            reading(w, r, ds);
            lia__buf_puts(w, " or more");
        }
        size_t k = i * nr + s;
        lia__buf_printf(w, "; the binding regime is %s, where keeping to it pays ", r->names[s]);
        reading(w, r, r->c[k]);
        lia__buf_puts(w, " a period against ");
        reading(w, r, r->d[k]);
        lia__buf_puts(w, " from a breach and ");
        reading(w, r, r->p[k]);
        lia__buf_puts(w, isnan(ds) ? " under the punishment, and what the chain brings later does not make up for it."
                                  : " under the punishment.");
        if (r->star[i].gaps)
            lia__buf_puts(w, " (It also keeps to it at some lower patience, but not at every patience between.)");
    }
    double d = r->patience[i];
    if (!isnan(d)) {
        lia__buf_puts(w, " With its patience ");
        reading(w, r, d);
        if (r->sustainable[i] == 1) lia__buf_puts(w, " it keeps to it.");
        else {
            lia__buf_puts(w, " it would breach in");
            int first = 1;
            for (size_t u = 0; u < nr; u++)
                if (r->reach[u] && r->slack[i * nr + u] < -1e-9 * (r->scale > 0 ? r->scale : 1) * (1 - d)) {
                    lia__buf_printf(w, "%s %s", first ? "" : ",", r->names[u]);
                    first = 0;
                }
            lia__buf_putc(w, '.');
        }
    }
    double avg = r->avg[i];
    int differs = isnan(avg) != isnan(ds) || (!isnan(avg) && fabs(avg - ds) > 1e-6);
    if (differs) {
        /* never counts as above any patience */
        int less = !isnan(avg) && (isnan(ds) || avg < ds);
        lia__buf_puts(w, " The stage game averaged over the long run would ask for ");
        if (isnan(avg)) lia__buf_puts(w, "a patience no member can have");
        else {
            lia__buf_puts(w, less ? "only " : "");
            reading(w, r, avg);
        }
        lia__buf_puts(w, less ? ": averaging hides the regime that binds." : ": averaging overstates what the regimes need.");
    }
}

static void write_text(lia_buf *b, const lia_regimes *r)
{
    size_t nr = r->nr, np = r->np;
    lia__buf_printf(b, "regimes of %s: ", r->game);
    for (size_t s = 0; s < nr; s++)
        lia__buf_printf(b, "%s%s%s", s ? ", " : "", r->names[s], s == r->start ? " (start)" : "");
    lia__buf_puts(b, "\n  per period:");
    int any = 0;
    for (size_t s = 0; s < nr; s++)
        for (size_t u = 0; u < nr; u++)
            if (s != u && r->pi[s * nr + u] > 0) {
                lia__buf_printf(b, "%s %s -> %s ", any ? "," : "", r->names[s], r->names[u]);
                lia__buf_reading(b, r->pi[s * nr + u], 1);
                any = 1;
            }
    if (!any) lia__buf_puts(b, " no regime is ever left");
    lia__buf_puts(b, "\n  long-run share of periods:");
    for (size_t s = 0; s < nr; s++) {
        lia__buf_printf(b, "%s %s ", s ? "," : "", r->names[s]);
        lia__buf_reading(b, r->dist[s], 1);
    }
    for (size_t s = 0; s < nr; s++)
        if (!r->reach[s]) lia__buf_printf(b, "; %s is never reached", r->names[s]);
    lia__buf_putc(b, '\n');
    size_t wm = 6, wr = 6;
    for (size_t i = 0; i < np; i++) wm = strlen(r->members[i]) > wm ? strlen(r->members[i]) : wm;
    for (size_t s = 0; s < nr; s++) wr = strlen(r->names[s]) > wr ? strlen(r->names[s]) : wr;
    lia__buf_printf(b, "  %-*s %-*s %9s %9s %9s %9s %9s\n", (int)wm, "member", (int)wr, "regime", "C", "D", "P", "V",
                   "slack");
    for (size_t i = 0; i < np; i++)
        for (size_t s = 0; s < nr; s++) {
            size_t k = i * nr + s;
            lia__buf_printf(b, "  %-*s %-*s", (int)wm, s ? "" : r->members[i], (int)wr, r->names[s]);
            cell(b, r, r->c[k], "-");
            cell(b, r, r->d[k], "-");
            cell(b, r, r->p[k], "-");
            cell(b, r, r->v[k], "-");
            cell(b, r, r->slack[k], "-");
            lia__buf_puts(b, r->reach[s] ? "\n" : "  (never reached)\n");
        }
    lia__buf_puts(b, "  (C payoff per period at the commitment in the regime, D its best breach, P the stage\n"
                    "  equilibrium worst for it; V keeping to it for ever from the regime, slack V minus a breach\n"
                    "  now and the punishment from the next period on, at the member's patience: negative, it\n"
                    "  breaches there)\n");
    for (size_t i = 0; i < np; i++) {
        lia_buf w;
        lia__buf_init(&w);
        member_words(&w, r, i);
        char *text = lia__buf_take(&w, NULL);
        if (!text) { b->failed = 1; return; }
        lia__buf_wrap(b, text, 2, 92);
        lia__free(text);
    }
    if (r->transfers_feasible == 0)
        lia__buf_puts(b, "  transfers: no budget-balanced payments by regime keep every member to it\n");
    else if (r->transfers_feasible == 1) {
        int none = 1;
        for (size_t k = 0; k < nr * np; k++) none &= fabs(r->t[k]) <= 1e-9 * (r->scale > 0 ? r->scale : 1);
        if (none) return;
        lia__buf_puts(b, "  transfers by regime that keep every member to it (received per period, payoff units):\n");
        for (size_t s = 0; s < nr; s++) {
            if (!r->reach[s]) continue;
            lia__buf_printf(b, "    %-*s", (int)wr, r->names[s]);
            for (size_t i = 0; i < np; i++) {
                lia__buf_printf(b, "%s %s ", i ? "," : "", r->members[i]);
                reading(b, r, r->t[s * np + i]);
            }
            lia__buf_putc(b, '\n');
        }
        lia__buf_puts(b, "    expected discounted total paid from the start: ");
        reading(b, r, r->cost);
        lia__buf_putc(b, '\n');
    }
}

static lia_status regimes_write_body(char **out, size_t *len, const lia_regimes *r, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!r || r->failed || (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    if (fmt == LIA_FORMAT_JSON) {
        write_json(&b, r);
        lia__buf_putc(&b, '\n');
    } else {
        write_text(&b, r);
    }
    lia__c_numeric_end(&loc);
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_regimes_write(char **out, size_t *len, const lia_regimes *r, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(regimes_write_body(out, len, r, fmt), r, "the regime analysis", lia__format_name(fmt));
}
