/* cmd_params.c — `liaison params FILE [--format text|json|csv] [-o OUT]`: every name --set,
 * sweep --vary and explore --range accept, with its value and its `in [LO, HI]` range. */
#include "cli.h"
#include <stdlib.h>
#include <string.h>

typedef struct params_out {
    const lia_model *m;
    const char *file;
    int fmt;   /* 0 text, 1 json, 2 csv */
} params_out;

static const char *kind_name(lia_param_kind k) { return k == LIA_PARAM_LET ? "let" : "attribute"; }

static void fill(FILE *f, void *ctx)
{
    const params_out *p = ctx;
    size_t n = lia_model_param_count(p->m);
    char v[40], lo[40], hi[40];
    if (p->fmt == 1) {
        fputs("{\"file\": ", f);
        cli_json_string(f, p->file);
        fputs(", \"parameters\": [", f);
        for (size_t i = 0; i < n; i++) {
            const lia_param *q = lia_model_param_at(p->m, i);
            cli_fmt_exact(v, sizeof v, q->value);
            fprintf(f, "%s\n  {\"name\": ", i ? "," : "");
            cli_json_string(f, q->name);
            fprintf(f, ", \"kind\": \"%s\", \"value\": %s, \"range\": ", kind_name(q->kind), v);
            if (q->has_range) {
                cli_fmt_exact(lo, sizeof lo, q->lo);
                cli_fmt_exact(hi, sizeof hi, q->hi);
                fprintf(f, "[%s, %s]}", lo, hi);
            } else {
                fputs("null}", f);
            }
        }
        fputs(n ? "\n]}\n" : "]}\n", f);
    } else if (p->fmt == 2) {
        fputs("name,kind,value,lo,hi\n", f);
        for (size_t i = 0; i < n; i++) {
            const lia_param *q = lia_model_param_at(p->m, i);
            cli_fmt_exact(v, sizeof v, q->value);
            cli_csv_field(f, q->name);
            fprintf(f, ",%s,%s", kind_name(q->kind), strcmp(v, "null") ? v : "");
            if (q->has_range) {
                cli_fmt_exact(lo, sizeof lo, q->lo);
                cli_fmt_exact(hi, sizeof hi, q->hi);
                fprintf(f, ",%s,%s\n", lo, hi);
            } else {
                fputs(",,\n", f);
            }
        }
    } else {
        size_t w = 4;
        for (size_t i = 0; i < n; i++) {
            size_t l = strlen(lia_model_param_at(p->m, i)->name);
            if (l > w) w = l;
        }
        fprintf(f, "%zu parameters of %s (let constants, then attribute paths):\n\n", n, p->file);
        fprintf(f, "  %-*s  %-9s  %12s  %s\n", (int)w, "name", "kind", "value", "range");
        for (size_t i = 0; i < n; i++) {
            const lia_param *q = lia_model_param_at(p->m, i);
            cli_fmt_readable(v, sizeof v, q->value);
            fprintf(f, "  %-*s  %-9s  %12s", (int)w, q->name, kind_name(q->kind), v);
            if (q->has_range) {
                cli_fmt_readable(lo, sizeof lo, q->lo);
                cli_fmt_readable(hi, sizeof hi, q->hi);
                fprintf(f, "  [%s, %s]", lo, hi);
            }
            fputc('\n', f);
        }
    }
}

int cmd_params(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "params");
    params_out p = { NULL, NULL, 0 };
    if (!rc && o.nfiles != 1) {
        fprintf(stderr, "liaison params: give exactly one FILE (liaison params FILE [--format text|json|csv])\n");
        rc = EXIT_INPUT;
    }
    lia_format fmt = LIA_FORMAT_TEXT;
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    p.fmt = fmt == LIA_FORMAT_JSON ? 1 : fmt == LIA_FORMAT_CSV ? 2 : 0;
    lia_model *m = NULL;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) {
        p.m = m;
        p.file = o.files[0];
        if (lia_model_param_count(m) == 0 && *lia_model_errmsg(m)) {
            fprintf(stderr, "liaison params: %s\n", lia_model_errmsg(m));
            rc = EXIT_INTERNAL;
        } else {
            rc = cli_write_with(&o, fill, &p);
        }
    }
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
