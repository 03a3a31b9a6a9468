/* report_write.c — the solve report as readable text or as JSON (docs/cli.md gives the
 * schema): per agreement its members, commitment, stage-game class and equilibria. */
#include "report.h"
#include "../repeat/repeat.h"
#include "../nash/eqset.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *kind_name(lia_game_kind k)
{
    return k == LIA_KIND_BILATERAL ? "bilateral" : k == LIA_KIND_MULTILATERAL ? "multilateral" : "normal";
}

static void json_names(lia_buf *b, const char *const *names, size_t n)
{
    lia__buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, names[i]);
    }
    lia__buf_putc(b, ']');
}



/* The repeated-game verdicts of the commitment (docs/cli.md, solve). */
static void json_sustainability(lia_buf *b, const lia_report_entry *e)
{
    lia__buf_puts(b, ",\n  \"sustainability\": [");
    double g[2] = { 0, 0 };
    for (size_t p = 0; p < e->np; p++) {
        const lia_sustain *s = lia_repeat_player(e->repeat, p);
        if (p < 2) g[p] = s->received;
        const struct { const char *key; double v; } fields[] = {
            { "C", s->value }, { "D", s->deviation }, { "P", s->punishment }, { "delta_star", s->delta_star },
            { "patience", s->patience },
        }, balance[] = { { "received", s->received }, { "given", s->given }, { "ratio", s->ratio },
                         { "ratio_threshold", s->ratio_threshold } };
        lia__buf_puts(b, p ? ",\n    {\"party\": " : "\n    {\"party\": ");
        lia__buf_json_string(b, e->members[p]);
        for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
            lia__buf_printf(b, ", \"%s\": ", fields[k].key);
            lia__buf_json_num(b, fields[k].v);
        }
        lia__buf_puts(b, ", \"sustainable\": ");
        lia__buf_json_tri(b, s->sustainable);
        const char *dir = lia_direction_name(lia_repeat_direction(e->repeat, p));
        lia__buf_puts(b, ", \"direction\": ");
        if (dir) lia__buf_json_string(b, dir);
        else lia__buf_puts(b, "null");
        double mm, mmd, hv;
        int mmok, hok;
        lia_repeat_minmax(e->repeat, p, &mm, &mmd, &mmok);
        lia__buf_puts(b, ", \"minmax\": ");
        lia__buf_json_num(b, mm);
        lia__buf_puts(b, ", \"minmax_delta_star\": ");
        lia__buf_json_num(b, mmd);
        lia__buf_puts(b, ", \"minmax_sustainable\": ");
        lia__buf_json_tri(b, mmok);
        lia__buf_puts(b, ", \"harsher\": ");
        if (lia_repeat_harsher(e->repeat, p, &hv, &hok)) {
            lia__buf_puts(b, "{\"payoff\": ");
            lia__buf_json_num(b, hv);
            lia__buf_puts(b, ", \"sustainable\": ");
            lia__buf_json_tri(b, hok);
            lia__buf_putc(b, '}');
        } else {
            lia__buf_puts(b, "null");
        }
        for (size_t k = 0; k < sizeof balance / sizeof *balance; k++) {
            lia__buf_printf(b, ", \"%s\": ", balance[k].key);
            lia__buf_json_num(b, balance[k].v);
        }
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, "],\n  ");
    lia__repeat_json_status(b, e->repeat);
    lia__buf_puts(b, ",\n  \"self_enforcing\": ");
    lia__buf_json_tri(b, lia_repeat_self_enforcing(e->repeat));
    lia__buf_puts(b, ", \"imbalance\": ");
    if (e->np == 2 && g[0] + g[1] > 0) lia__buf_json_num(b, (g[0] - g[1]) / (g[0] + g[1]));
    else lia__buf_puts(b, "null");
    lia__buf_puts(b, ",\n  ");
    lia__repeat_json_remedies(b, e->repeat, "\n  ");
}

/* The document of `liaison share` for this agreement, or null with the reason beside it. */
static void json_shares(lia_buf *b, const lia_report_entry *e)
{
    char *doc = NULL;
    size_t len = 0;
    if (e->shares && lia_share_write(&doc, &len, e->shares, LIA_FORMAT_JSON) == LIA_OK) {
        while (len && doc[len - 1] == '\n') len--;
        lia__buf_put(b, doc, len);
        lia__free(doc);
        return;
    }
    if (e->shares) { b->failed = 1; return; }
    lia__buf_puts(b, "null, \"shares_note\": ");
    lia__buf_json_string(b, e->shares_why ? e->shares_why : "not computed");
}

static void write_json(lia_buf *b, const lia_report *r)
{
    lia__buf_puts(b, "{\"model\": ");
    lia__buf_json_string(b, r->title);
    lia__buf_puts(b, ", \"agreements\": [");
    for (size_t i = 0; i < r->n; i++) {
        const lia_report_entry *e = &r->entries[i];
        lia__buf_puts(b, i ? ",\n {\"name\": " : "\n {\"name\": ");
        lia__buf_json_string(b, e->name);
        lia__buf_printf(b, ", \"kind\": \"%s\", \"members\": ", kind_name(e->kind));
        json_names(b, e->members, e->np);
        lia__buf_puts(b, ",\n  \"commitment\": ");
        if (e->has_commit) {
            lia__buf_puts(b, "{\"profile\": [");
            for (size_t p = 0; p < e->np; p++) {
                if (p) lia__buf_puts(b, ", ");
                lia__buf_json_string(b, e->levels[p][e->commit[p]]);
            }
            lia__buf_puts(b, "], \"payoffs\": [");
            for (size_t p = 0; p < e->np; p++) { if (p) lia__buf_puts(b, ", "); lia__buf_double(b, e->commit_payoffs[p] + 0.0); }
            lia__buf_puts(b, "]}");
        } else {
            lia__buf_puts(b, "null");
        }
        lia__buf_puts(b, ",\n  \"stage_game\": {\"levels\": [");
        for (size_t p = 0; p < e->np; p++) {
            if (p) lia__buf_puts(b, ", ");
            json_names(b, e->levels[p], e->nlevels[p]);
        }
        lia__buf_puts(b, "], \"class\": ");
        if (e->has_class) lia__buf_json_string(b, lia_class2x2_name(e->cls));
        else lia__buf_puts(b, "null");
        lia__buf_puts(b, ", \"class_of\": ");
        lia__buf_puts(b, !e->has_class ? "null" : e->class_restricted ? "\"withhold or commit\"" : "\"game\"");
        lia__buf_puts(b, ",\n   ");
        lia__eqset_json_fields(b, e->eq);
        lia__buf_puts(b, "}");
        if (e->repeat) json_sustainability(b, e);
        if (e->regimes) {
            char *doc = NULL;
            size_t len = 0;
            if (lia_regimes_write(&doc, &len, e->regimes, LIA_FORMAT_JSON) != LIA_OK) { b->failed = 1; return; }
            while (len && doc[len - 1] == '\n') len--;
            lia__buf_puts(b, ",\n  \"regimes\": ");
            lia__buf_put(b, doc, len);
            lia__free(doc);
        }
        if (e->suspects) {
            char *doc = NULL;
            size_t len = 0;
            if (lia_suspects_write(&doc, &len, e->suspects, LIA_FORMAT_JSON) != LIA_OK) { b->failed = 1; return; }
            /* the array of {"game": ..., "suspects": [...]} */
            const char *arr = strstr(doc, "\"suspects\": ");
            size_t from = arr ? (size_t)(arr - doc) + strlen("\"suspects\": ") : len;
            while (len > from && (doc[len - 1] == '\n' || doc[len - 1] == '}')) if (doc[--len] == '}') break;
            lia__buf_puts(b, ",\n  \"suspects\": ");
            lia__buf_put(b, doc + from, len - from);
            lia__free(doc);
        }
        if (e->kind != LIA_KIND_NORMAL) {
            lia__buf_puts(b, ",\n  \"shares\": ");
            json_shares(b, e);
        }
        lia__buf_puts(b, "}");
    }
    lia__buf_puts(b, r->n ? "\n]}\n" : "]}\n");
}

/* Each line of `text` indented by `pad` spaces. */
static void indented(lia_buf *b, const char *text, const char *pad)
{
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) + 1 : strlen(text);
        if (*text != '\n') lia__buf_puts(b, pad);   /* no trailing blanks on empty lines */
        lia__buf_put(b, text, len);
        text += len;
    }
}

void lia__report_suspect_sentence(char *line, size_t cap, const lia_report_entry *e, size_t k, int plain)
{
    double prior;
    lia_suspects_inputs(e->suspects, k, &prior, NULL, NULL, NULL);
    lia_verdict v = lia_suspects_prior_verdict(e->suspects, k);
    static const char *const words[] = { "has no verdict", "holds", "holds with a harsher punishment", "is undecided",
                                         "needs transfers", "breaks down" };
    if (plain)
        snprintf(line, cap,
                 "The status above takes %s to be clean; at the chance that it is penetrated (%.4g) the commitment %s "
                 "(below: when to trust it).",
                 lia_suspects_party(e->suspects, k), prior, (unsigned)v < 6 ? words[v] : words[0]);
    else
        snprintf(line, cap,
                 "The status above takes %s to be clean; at the chance that it is penetrated (%.4g) it is %s "
                 "(below: when to trust it).",
                 lia_suspects_party(e->suspects, k), prior, lia_verdict_name(v));
}

void lia__report_regimes_sentence(char *line, size_t cap, const lia_report_entry *e)
{
    int all = 1;
    for (size_t i = 0; i < lia_regimes_member_count(e->regimes); i++) all &= lia_regimes_sustainable(e->regimes, i) > 0;
    int tf = lia_regimes_transfers(e->regimes, NULL);
    snprintf(line, cap,
             "Over its regimes (below) %s; the status above judges the model as written, without any "
             "regime's sets (the start regime is %s).",
             all ? "every member keeps to the commitment in every regime it can reach"
                 : tf > 0 ? "a member breaches in some regime, but payments by regime restore it"
                          : "a member breaches in some regime, and no payments by regime restore it",
             lia_regimes_name(e->regimes, lia_regimes_start(e->regimes)));
}

static lia_status write_text(lia_buf *b, const lia_report *r)
{
    if (*r->title) lia__buf_printf(b, "%s\n", r->title);
    for (size_t i = 0; i < r->n; i++) {
        const lia_report_entry *e = &r->entries[i];
        lia__buf_printf(b, "\n%s: %s %s of", e->name, kind_name(e->kind), e->kind == LIA_KIND_NORMAL ? "game" : "agreement");
        for (size_t p = 0; p < e->np; p++) lia__buf_printf(b, "%s %s", p ? "," : "", e->members[p]);
        if (e->repeat && lia_repeat_verdict(e->repeat) != LIA_VERDICT_NONE)
            lia__buf_printf(b, ": %s", lia__repeat_status_words(e->repeat));
        lia__buf_putc(b, '\n');
        if (e->repeat) lia__repeat_text_summary(b, e->repeat, 2);
        char line[512];
        for (size_t k = 0; e->suspects && k < lia_suspects_count(e->suspects); k++) {
            lia__report_suspect_sentence(line, sizeof line, e, k, 0);
            lia__buf_wrap(b, line, 2, 92);
        }
        if (e->regimes) {
            lia__report_regimes_sentence(line, sizeof line, e);
            lia__buf_wrap(b, line, 2, 92);
        }
        lia__buf_puts(b, "  stage game: ");
        for (size_t p = 0; p < e->np; p++) lia__buf_printf(b, "%s%zu", p ? " x " : "", e->nlevels[p]);
        lia__buf_puts(b, e->kind == LIA_KIND_NORMAL ? " strategies" : " sharing levels");
        if (e->has_class)
            lia__buf_printf(b, "; class %s%s", lia_class2x2_name(e->cls),
                           e->class_restricted ? " (withholding against the committed levels)" : "");
        lia__buf_puts(b, "\n");
        if (e->has_commit) {
            lia__buf_puts(b, "  commitment:");
            for (size_t p = 0; p < e->np; p++)
                lia__buf_printf(b, "%s %s=%s", p ? "," : "", e->members[p], e->levels[p][e->commit[p]]);
            lia__buf_puts(b, "   payoffs");
            for (size_t p = 0; p < e->np; p++) {
                lia__buf_puts(b, p ? ", " : " ");
                lia__buf_reading(b, e->commit_payoffs[p], e->eq ? e->eq->scale : 1);
            }
            lia__buf_puts(b, "\n");
        }
        /* decimals for the reader: the report has no --exact, the fractions are for its JSON */
        lia_buf eb;
        lia__buf_init(&eb);
        lia__eqset_text(&eb, e->eq, 0);
        char *eq = lia__buf_take(&eb, NULL);
        if (!eq) return LIA_ENOMEM;
        indented(b, eq, "  ");
        lia__free(eq);
        lia_status st;
        if (e->repeat) {
            lia_buf b2;
            lia__buf_init(&b2);
            lia__repeat_text_table(&b2, e->repeat);
            char *rp = lia__buf_take(&b2, NULL);
            if (!rp) return LIA_ENOMEM;
            lia__buf_puts(b, "  sustainability (each member's own patience):\n");
            indented(b, rp, "  ");
            lia__free(rp);
        }
        if (e->regimes) {
            char *rg = NULL;
            if ((st = lia_regimes_write(&rg, NULL, e->regimes, LIA_FORMAT_TEXT)) != LIA_OK) return st;
            indented(b, rg, "  ");
            lia__free(rg);
        }
        if (e->suspects) {
            char *su = NULL;
            if ((st = lia_suspects_write(&su, NULL, e->suspects, LIA_FORMAT_TEXT)) != LIA_OK) return st;
            indented(b, su, "  ");
            lia__free(su);
        }
        if (e->shares) {
            char *sh = NULL;
            if ((st = lia_share_write(&sh, NULL, e->shares, LIA_FORMAT_TEXT)) != LIA_OK) return st;
            lia__buf_puts(b, "  burden sharing:\n");
            indented(b, strchr(sh, '\n') ? strchr(sh, '\n') + 1 : sh, "  ");
            lia__free(sh);
        } else if (e->shares_why && e->kind != LIA_KIND_NORMAL) {
            lia__buf_printf(b, "  burden sharing: not computed: %s\n", e->shares_why);
        }
    }
    return LIA_OK;
}

static lia_status report_write_body(char **out, size_t *len, const lia_report *r, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (r && fmt == LIA_FORMAT_HTML) return lia_report_write_html(out, len, r, NULL);
    if (!r || (fmt != LIA_FORMAT_TEXT && fmt != LIA_FORMAT_JSON)) return LIA_EUSAGE;
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia__buf_init(&b);
    lia_status st = LIA_OK;
    if (fmt == LIA_FORMAT_TEXT) st = write_text(&b, r);
    else write_json(&b, r);
    lia__c_numeric_end(&loc);
    if (st != LIA_OK) { lia__buf_free(&b); return st; }
    *out = lia__buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_report_write(char **out, size_t *len, const lia_report *r, lia_format fmt)
{
    lia__errmsg_clear();
    return lia__errmsg_write(report_write_body(out, len, r, fmt), r, "the solve report", lia__format_name(fmt));
}
