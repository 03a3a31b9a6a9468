/* explore_write.c — lia_explore_write: the analyses as JSON (the contract of docs/cli.md) or
 * as text for a reader; CSV is the table of runs (explore_csv.c). */
#include "explore_analysis.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *status_json(int s) { return lia__explore_status_name(s); }

static void runs_formula(lia_buf *b, const lia_explore *e, int json)
{
    const char *f = e->design == LIA_DESIGN_SOBOL ? "N(2D+2)" : e->design == LIA_DESIGN_MORRIS ? "N(D+1)" : "N";
    if (json) { lia__buf_json_string(b, f); return; }
    if (e->design == LIA_DESIGN_SOBOL)
        lia__buf_printf(b, "N(2D+2) = %llu x (2 x %zu + 2) = %llu runs", (unsigned long long)e->n, e->d, (unsigned long long)e->total);
    else if (e->design == LIA_DESIGN_MORRIS)
        lia__buf_printf(b, "N(D+1) = %llu trajectories x %zu = %llu runs", (unsigned long long)e->n, e->d + 1, (unsigned long long)e->total);
    else lia__buf_printf(b, "N = %llu runs", (unsigned long long)e->total);
}

static void json_out(lia_buf *b, const lia_explore *e, const xa *a)
{
    size_t d = e->d;
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, e->game);
    lia__buf_printf(b, ", \"design\": \"%s\", \"samples\": %llu, \"seed\": %llu, \"runs\": %llu, \"runs_formula\": ",
                   lia_design_name(e->design), (unsigned long long)e->n, (unsigned long long)e->seed, (unsigned long long)e->total);
    runs_formula(b, e, 1);
    lia__buf_puts(b, ", \"delta\": ");
    if (e->delta > 0) lia__buf_json_num(b, e->delta);
    else lia__buf_puts(b, "null");
    if (e->target) {
        /* only with --target: the profile judged, a strategy index per member from 0 */
        lia__buf_puts(b, ", \"target\": [");
        for (size_t i = 0; i < e->members; i++) lia__buf_printf(b, "%s%zu", i ? ", " : "", e->target[i]);
        lia__buf_puts(b, "]");
    }
    lia__buf_puts(b, ",\n \"parameters\": [");
    for (size_t j = 0; j < d; j++) {
        lia__buf_puts(b, j ? ", {\"name\": " : "{\"name\": ");
        lia__buf_json_string(b, e->pnames[j]);
        lia__buf_puts(b, ", \"range\": [");
        lia__buf_json_num(b, e->lo[j]);
        lia__buf_puts(b, ", ");
        lia__buf_json_num(b, e->hi[j]);
        lia__buf_puts(b, "]}");
    }
    lia__buf_puts(b, "],\n \"members\": [");
    for (size_t i = 0; i < e->members; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, e->mnames[i]);
    }
    lia__buf_puts(b, "],\n \"probabilities\": {");
    for (size_t p = 0; p < a->nprob; p++) {
        const xa_prob *q = &a->prob[p];
        lia__buf_printf(b, "%s\n  \"%s\": {\"runs\": %zu, \"share\": ", p ? "," : "", status_json(q->status), q->runs);
        lia__buf_json_num(b, q->share);
        lia__buf_puts(b, ", \"lo\": ");
        lia__buf_json_num(b, q->lo);
        lia__buf_puts(b, ", \"hi\": ");
        lia__buf_json_num(b, q->hi);
        lia__buf_puts(b, "}");
    }
    lia__buf_puts(b, "}");
    if (a->sobol || a->morris) {
        lia__buf_puts(b, a->sobol ? ",\n \"sobol\": {" : ",\n \"morris\": {");
        size_t shown = 0;
        for (size_t o = 0; o < a->nout; o++) {
            if (a->out_missing[o]) continue;
            lia__buf_puts(b, shown++ ? ",\n  " : "\n  ");
            lia__buf_json_string(b, e->cols[a->out_col[o]]);
            lia__buf_puts(b, ": {");
            for (size_t j = 0; j < d; j++) {
                if (j) lia__buf_puts(b, ", ");
                lia__buf_json_string(b, e->pnames[j]);
                if (a->sobol) {
                    const xa_index *x = &a->sobol[o * d + j];
                    lia__buf_puts(b, ": {\"S1\": ");
                    lia__buf_json_num(b, x->S1);
                    lia__buf_puts(b, ", \"ST\": ");
                    lia__buf_json_num(b, x->ST);
                    lia__buf_puts(b, ", \"S1_conf\": ");
                    lia__buf_json_num(b, x->S1_conf);
                    lia__buf_puts(b, ", \"ST_conf\": ");
                    lia__buf_json_num(b, x->ST_conf);
                } else {
                    const xa_morris *m = &a->morris[o * d + j];
                    lia__buf_puts(b, ": {\"mu\": ");
                    lia__buf_json_num(b, m->mu);
                    lia__buf_puts(b, ", \"mu_star\": ");
                    lia__buf_json_num(b, m->mu_star);
                    lia__buf_puts(b, ", \"sigma\": ");
                    lia__buf_json_num(b, m->sigma);
                }
                lia__buf_puts(b, "}");
            }
            lia__buf_puts(b, "}");
        }
        lia__buf_puts(b, "}");
        lia__buf_puts(b, ",\n \"without_indices\": [");
        shown = 0;
        for (size_t o = 0; o < a->nout; o++) {
            if (!a->out_missing[o]) continue;
            if (shown++) lia__buf_puts(b, ", ");
            lia__buf_json_string(b, e->cols[a->out_col[o]]);
        }
        lia__buf_puts(b, "]");
    }
    lia__buf_puts(b, ",\n \"scenarios\": [");
    for (size_t k = 0; k < a->nbox; k++) {
        const xa_box *x = &a->box[k];
        lia__buf_printf(b, "%s\n  {\"outcome\": \"%s\", \"bounds\": {", k ? "," : "", status_json(x->status));
        size_t shown = 0;
        for (size_t j = 0; j < d; j++) {
            if (!x->restricted[j]) continue;
            if (shown++) lia__buf_puts(b, ", ");
            lia__buf_json_string(b, e->pnames[j]);
            lia__buf_puts(b, ": [");
            lia__buf_json_num(b, x->lo[j]);
            lia__buf_puts(b, ", ");
            lia__buf_json_num(b, x->hi[j]);
            lia__buf_puts(b, "]");
        }
        lia__buf_puts(b, "}, \"coverage\": ");
        lia__buf_json_num(b, x->coverage);
        lia__buf_puts(b, ", \"density\": ");
        lia__buf_json_num(b, x->density);
        lia__buf_puts(b, ", \"mass\": ");
        lia__buf_json_num(b, x->mass);
        lia__buf_puts(b, ", \"sentence\": ");
        lia__buf_json_string(b, x->sentence);
        lia__buf_puts(b, "}");
    }
    lia__buf_puts(b, a->nbox ? "\n ]\n}\n" : "]\n}\n");
}

static void pct(lia_buf *b, double v) { lia__buf_printf(b, "%5.1f%%", 100 * v); }

static void text_out(lia_buf *b, const lia_explore *e, const xa *a)
{
    size_t d = e->d, w = 10;
    for (size_t j = 0; j < d; j++) w = strlen(e->pnames[j]) > w ? strlen(e->pnames[j]) : w;
    lia__buf_printf(b, "exploration of %s: %s design, ", e->game, lia_design_name(e->design));
    runs_formula(b, e, 0);
    lia__buf_printf(b, ", seed %llu, %s\n", (unsigned long long)e->seed, e->delta > 0 ? "common delta" : "each member's patience");
    if (e->target) {
        lia__buf_puts(b, "  judging the target profile");
        for (size_t i = 0; i < e->members; i++) lia__buf_printf(b, "%s %s=%zu", i ? "," : "", e->mnames[i], e->target[i]);
        lia__buf_puts(b, " (strategy indices from 0), not the commitment\n");
    }
    for (size_t j = 0; j < d; j++) {
        lia__buf_printf(b, "  %-*s uniform in [", (int)w, e->pnames[j]);
        lia__buf_reading(b, e->lo[j], 0);
        lia__buf_puts(b, ", ");
        lia__buf_reading(b, e->hi[j], 0);
        lia__buf_puts(b, "]\n");
    }
    lia__buf_puts(b, "\nstatus                               share   95% interval (Wilson)     runs\n");
    for (size_t p = 0; p < a->nprob; p++) {
        const xa_prob *q = &a->prob[p];
        lia__buf_printf(b, "  %-32s ", status_json(q->status));
        pct(b, q->share);
        lia__buf_puts(b, "   [");
        pct(b, q->lo);
        lia__buf_puts(b, ", ");
        pct(b, q->hi);
        lia__buf_printf(b, "]  %8zu\n", q->runs);
    }
    if (a->sobol || a->morris) {
        if (a->sobol)
            lia__buf_puts(b, "\nSobol indices: first order S1 and total ST, with bootstrap 95% half-widths\n");
        else
            lia__buf_puts(b, "\nMorris elementary effects per the whole range of each parameter: mu* (mean |effect|), sigma\n");
        for (size_t o = 0; o < a->nout; o++) {
            if (a->out_missing[o]) continue;
            lia__buf_printf(b, "  %s\n", e->cols[a->out_col[o]]);
            for (size_t j = 0; j < d; j++) {
                lia__buf_printf(b, "    %-*s", (int)w, e->pnames[j]);
                if (a->sobol) {
                    const xa_index *x = &a->sobol[o * d + j];
                    lia__buf_printf(b, "  S1 %6.3f +- %.3f   ST %6.3f +- %.3f\n", x->S1, x->S1_conf, x->ST, x->ST_conf);
                } else {
                    const xa_morris *m = &a->morris[o * d + j];
                    lia__buf_puts(b, "  mu* ");
                    lia__buf_reading_cell(b, m->mu_star, 1, 9, "-");
                    lia__buf_puts(b, "   sigma ");
                    lia__buf_reading_cell(b, m->sigma, 1, 9, "-");
                    lia__buf_putc(b, '\n');
                }
            }
        }
        for (size_t o = 0; o < a->nout; o++)
            if (a->out_missing[o])
                lia__buf_printf(b, "  %s: no indices (no value in %zu runs)\n", e->cols[a->out_col[o]], a->out_missing[o]);
    }
    lia__buf_puts(b, "\nscenarios (PRIM boxes)\n");
    if (!a->nbox) lia__buf_puts(b, "  none: every run holds\n");
    for (size_t k = 0; k < a->nbox; k++) lia__buf_printf(b, "  %s: %s\n", e->game, a->box[k].sentence);
}

static lia_status write_in(char **out, size_t *len, const lia_explore *e, lia_format fmt)
{
    lia_buf b;
    lia__buf_init(&b);
    lia_status st = LIA_OK;
    if (fmt == LIA_FORMAT_CSV) st = lia__explore_csv(&b, e, 0, e->nruns, 1);
    else {
        lia_arena ar;
        lia__arena_init(&ar);
        xa a;
        st = lia__explore_analyse(&a, e, &ar);
        if (st == LIA_OK) {
            if (fmt == LIA_FORMAT_JSON) json_out(&b, e, &a);
            else text_out(&b, e, &a);
        }
        lia__arena_free(&ar);
    }
    if (st != LIA_OK) { lia__buf_free(&b); return st; }
    size_t l;
    *out = lia__buf_take(&b, &l);
    if (!*out) return LIA_ENOMEM;
    if (len) *len = l;
    return LIA_OK;
}

static lia_status explore_write_body(char **out, size_t *len, const lia_explore *e, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (e && fmt == LIA_FORMAT_HTML) return lia_explore_write_html(out, len, e, NULL);
    if (!e || (fmt != LIA_FORMAT_CSV && fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    if (fmt != LIA_FORMAT_CSV && !e->complete) {
        lia__explore_err((lia_explore *)e, "the analyses need every run of the design (%llu of %llu held)",
                         (unsigned long long)e->nruns, (unsigned long long)e->total);
        return LIA_EUSAGE;
    }
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_status st = write_in(out, len, e, fmt);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK && st != LIA_EUSAGE) lia__explore_err((lia_explore *)e, "the analyses failed: %s", lia_status_name(st));
    return st;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_explore_write(char **out, size_t *len, const lia_explore *e, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(explore_write_body(out, len, e, fmt), e, "the exploration", lia__format_name(fmt));
}
