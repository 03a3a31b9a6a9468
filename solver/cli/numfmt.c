/* numfmt.c — numbers and strings for the CLI's own writers (params, explore): JSON takes the
 * shortest decimal that reads back as the same double (the exact contract); text takes a
 * readable number of digits. */
#include "cli.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void cli_fmt_exact(char *buf, size_t cap, double v)
{
    if (isnan(v)) { snprintf(buf, cap, "null"); return; }
    if (isinf(v)) { snprintf(buf, cap, "%s", v > 0 ? "1e999" : "-1e999"); return; }
    if (v == 0) { snprintf(buf, cap, "0"); return; }
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, cap, "%.*g", p, v);
        if (strtod(buf, NULL) == v) return;
    }
}

void cli_fmt_readable(char *buf, size_t cap, double v)
{
    if (isnan(v)) { snprintf(buf, cap, "-"); return; }
    if (fabs(v) < 5e-13) v = 0;   /* rounding noise of a difference prints as 0, not -1e-17 */
    snprintf(buf, cap, "%.6g", v);
}

void cli_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
        else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
        else fputc(*p, f);
    }
    fputc('"', f);
}

/* CSV: quote a field only when it holds a comma, quote or line break. */
void cli_csv_field(FILE *f, const char *s)
{
    int q = 0;
    for (const char *p = s; *p; p++) q |= *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!q) { fputs(s, f); return; }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}
