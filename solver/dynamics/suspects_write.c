/* suspects_write.c — the suspects of an agreement as JSON (docs/cli.md, key "suspects") or as
 * the text section `liaison repeat` appends. */
#include "suspects.h"
#include "../util/buf.h"
#include "../util/render.h"
#include "../util/errmsg.h"
#include <math.h>
#include <stdint.h>

const char *lia__suspects_level(const lia_suspects *s, size_t member, size_t level);

static void json_profile(lia_buf *b, const lia_suspects *s, size_t k)
{
    const size_t *prof;
    const double *pay, *tr;
    if (!lia_suspects_probation_profile(s, k, &prof, &pay, &tr)) { lia__buf_puts(b, "null"); return; }
    size_t n = lia_suspects_member_count(s);
    lia__buf_puts(b, "{\"levels\": [");
    for (size_t i = 0; i < n; i++) {
        if (i) lia__buf_puts(b, ", ");
        lia__buf_json_string(b, lia__suspects_level(s, i, prof[i]));
    }
    lia__buf_puts(b, "], \"payoffs\": ");
    lia__buf_json_nums(b, pay, n);
    lia__buf_puts(b, ", \"transfers\": ");
    lia__buf_json_nums(b, tr, n);
    lia__buf_putc(b, '}');
}

/* Suspect k in plain words: whether and when the others can trust it with full sharing. */
static void summary(lia_buf *b, const lia_suspects *s, size_t k)
{
    double prior, leak, pen, q;
    lia_suspects_inputs(s, k, &prior, &leak, &pen, &q);
    const char *who = lia_suspects_party(s, k);
    double t = lia_suspects_threshold(s, k);
    size_t n = lia_suspects_probation(s, k);
    if (isnan(t)) {
        lia__buf_printf(b, "%s is never trusted with full sharing: the commitment fails even if it is surely clean.", who);
        return;
    }
    if (t >= 1) {
        lia__buf_printf(b, "%s can be trusted with full sharing even if it is penetrated: the commitment holds at "
                          "every belief.", who);
        return;
    }
    lia__buf_printf(b, "The commitment holds only while the chance that %s is penetrated is at most ", who);
    lia__buf_reading(b, t, 1);
    if (n == 0) {
        lia__buf_puts(b, "; it is ");
        lia__buf_reading(b, prior, 1);
        lia__buf_printf(b, ", already within that, so %s can be trusted with full sharing now.", who);
    } else if (n == SIZE_MAX) {
        lia__buf_puts(b, "; it is ");
        lia__buf_reading(b, prior, 1);
        lia__buf_printf(b, ", and %s, so %s is not trusted with full sharing.",
                       q <= 0 ? "without any chance of detection quiet periods never lower it"
                       : t > 0 && prior < 1 ? "only more than 10^15 quiet periods would lower it that far"
                                            : "no number of quiet periods lowers it that far", who);
    } else {
        lia__buf_puts(b, "; it is ");
        lia__buf_reading(b, prior, 1);
        lia__buf_printf(b, ". Trust %s with full sharing after %zu quiet period%s (each without a detection lowers "
                          "the chance); a penetration would be uncovered during them with probability ",
                       who, n, n == 1 ? "" : "s");
        lia__buf_reading(b, lia_suspects_uncover_probability(s, k), 1);
        lia__buf_putc(b, '.');
    }
}

static void write_json(lia_buf *b, const lia_suspects *s)
{
    lia__buf_puts(b, "{\"game\": ");
    lia__buf_json_string(b, lia_suspects_game(s));
    lia__buf_puts(b, ", \"suspects\": [");
    for (size_t k = 0; k < lia_suspects_count(s); k++) {
        double prior, leak, pen, q;
        lia_suspects_inputs(s, k, &prior, &leak, &pen, &q);
        size_t n = lia_suspects_probation(s, k);
        lia_verdict v = lia_suspects_prior_verdict(s, k);
        if (k) lia__buf_puts(b, ", ");
        lia__buf_puts(b, "{\"party\": ");
        lia__buf_json_string(b, lia_suspects_party(s, k));
        lia__buf_puts(b, ", \"prior\": ");
        lia__buf_json_num(b, prior);
        lia__buf_puts(b, ", \"leak\": ");
        lia__buf_json_num(b, leak);
        lia__buf_puts(b, ", \"leak_penetrated\": ");
        lia__buf_json_num(b, pen);
        lia__buf_puts(b, ", \"detect\": ");
        lia__buf_json_num(b, q);
        lia__buf_puts(b, ", \"threshold\": ");
        lia__buf_json_num(b, lia_suspects_threshold(s, k));
        lia__buf_puts(b, ", \"monotone\": ");
        lia__buf_json_tri(b, lia_suspects_monotone(s, k));
        lia__buf_puts(b, ", \"probation\": ");
        if (n == SIZE_MAX) lia__buf_puts(b, "null");
        else lia__buf_printf(b, "%zu", n);
        lia__buf_puts(b, ", \"uncover_probability\": ");
        lia__buf_json_num(b, lia_suspects_uncover_probability(s, k));
        lia__buf_puts(b, ", \"status_at_prior\": ");
        if (v == LIA_VERDICT_NONE) lia__buf_puts(b, "null");
        else lia__buf_json_string(b, lia_verdict_name(v));
        lia__buf_puts(b, ", \"probation_profile\": ");
        json_profile(b, s, k);
        lia__buf_puts(b, ", \"summary\": ");
        lia_buf text;
        lia__buf_init(&text);
        summary(&text, s, k);
        lia__buf_putc(&text, 0);
        if (text.failed) b->failed = 1;
        else lia__buf_json_string(b, text.data);
        lia__buf_free(&text);
        lia__buf_putc(b, '}');
    }
    lia__buf_puts(b, "]}\n");
}

static void text_profile(lia_buf *b, const lia_suspects *s, size_t k)
{
    const size_t *prof;
    const double *pay, *tr;
    if (!lia_suspects_probation_profile(s, k, &prof, &pay, &tr)) {
        lia__buf_puts(b, "    best profile:    none is self-enforcing at the prior, even with transfers\n");
        return;
    }
    size_t n = lia_suspects_member_count(s);
    double scale = 0;
    for (size_t i = 0; i < n; i++) scale = fmax(scale, fabs(pay[i]));
    lia__buf_puts(b, "    best profile:    (");
    for (size_t i = 0; i < n; i++)
        lia__buf_printf(b, "%s%s %s", i ? ", " : "", lia_suspects_member_name(s, i), lia__suspects_level(s, i, prof[i]));
    lia__buf_puts(b, ") at the prior, payoffs (");
    for (size_t i = 0; i < n; i++) { if (i) lia__buf_puts(b, ", "); lia__buf_reading(b, pay[i], scale); }
    lia__buf_putc(b, ')');
    int any = 0;
    for (size_t i = 0; i < n; i++) any |= fabs(tr[i]) > 1e-9 * (scale > 0 ? scale : 1);
    if (any) {
        lia__buf_puts(b, ", transfers (");
        for (size_t i = 0; i < n; i++) { if (i) lia__buf_puts(b, ", "); lia__buf_reading(b, tr[i], scale); }
        lia__buf_puts(b, ") per period, + received");
    }
    lia__buf_putc(b, '\n');
}

static void write_text(lia_buf *b, const lia_suspects *s)
{
    lia__buf_printf(b, "Suspected penetration (%s):\n", lia_suspects_game(s));
    for (size_t k = 0; k < lia_suspects_count(s); k++) {
        double prior, leak, pen, q;
        lia_suspects_inputs(s, k, &prior, &leak, &pen, &q);
        double t = lia_suspects_threshold(s, k), u = lia_suspects_uncover_probability(s, k);
        size_t n = lia_suspects_probation(s, k);
        lia__buf_printf(b, "  %s: prior %.4g that it is penetrated (leak %.4g, %.4g if penetrated); "
                       "detection %.4g per period\n", lia_suspects_party(s, k), prior, leak, pen, q);
        lia_buf words;
        lia__buf_init(&words);
        summary(&words, s, k);
        lia__buf_putc(&words, 0);
        if (words.failed) b->failed = 1;
        else lia__buf_wrap(b, words.data, 4, 92);
        lia__buf_free(&words);
        if (isnan(t)) lia__buf_puts(b, "    trust threshold: none: never trusted with full sharing, even when surely clean\n");
        else if (t >= 1) {
            lia__buf_puts(b, "    trust threshold: 1: the commitment holds at every belief, even a certain penetration\n");
        } else {
            lia__buf_printf(b, "    trust threshold: %.6g: the commitment holds while the belief is at or below it\n", t);
            if (lia_suspects_monotone(s, k) == 0)
                lia__buf_puts(b, "                     (it holds again at some higher beliefs: not monotone)\n");
        }
        if (n == SIZE_MAX) {
            if (!isnan(t))
                lia__buf_printf(b, "    probation:       none: %s\n", q <= 0 ? "without detection the belief never falls"
                                                      : t > 0 && prior < 1 ? "it would take more than 10^15 quiet periods"
                                                                          : "the belief never falls that far");
        } else if (n == 0) {
            lia__buf_puts(b, "    probation:       0 periods: the prior is already at or below the threshold\n");
        } else {
            lia__buf_printf(b, "    probation:       %zu quiet period%s; a penetration is uncovered during it with "
                           "probability %.4g\n", n, n == 1 ? "" : "s", u);
        }
        lia_verdict v = lia_suspects_prior_verdict(s, k);
        lia__buf_printf(b, "    at the prior:    %s\n", lia_verdict_name(v));
        text_profile(b, s, k);
    }
}

static void render(lia_buf *b, const void *obj, int variant)
{
    if (variant == LIA_FORMAT_JSON) write_json(b, obj);
    else write_text(b, obj);
}

/* The writer, with its failure in words (lia_errmsg and the handle's message). */
lia_status lia_suspects_write(char **out, size_t *len, const lia_suspects *s, lia_format fmt)
{
    return lia__render_write(out, len, render, s, fmt, LIA__FORMAT_BIT(LIA_FORMAT_TEXT) | LIA__FORMAT_BIT(LIA_FORMAT_JSON),
                             "the suspects");
}
