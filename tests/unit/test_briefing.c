/* test_briefing.c — the briefing page (lia_report_write_html, lia_sweep_write_html): the same
 * bytes as LIA_FORMAT_HTML through the ordinary writers and on every call, the options' versions
 * and a sweep of a game the report lacks refused, model strings escaped, numbers written for
 * reading, the sweep's chart inline once, and every allocation failure clean. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "liaison.h"
#include "ab_agreement.h"
#include "report/brief.h"
#include "util/buf.h"
#include "util/mem.h"

static size_t count(const char *s, const char *pat)
{
    size_t n = 0;
    for (const char *p = strstr(s, pat); p; p = strstr(p + 1, pat)) n++;
    return n;
}

static lia_model *model(const char *text)
{
    lia_model *m = NULL;
    assert_int_equal(lia_model_parse(&m, text, strlen(text), "ab <&>.lia"), LIA_OK);
    return m;
}

static lia_report *solve(lia_model *m)
{
    lia_report *r = NULL;
    assert_int_equal(lia_model_solve(&r, m, NULL, NULL), LIA_OK);
    return r;
}

static lia_sweep *sweep(lia_model *m)
{
    lia_sweep_options o = LIA_SWEEP_OPTIONS_INIT;
    o.axis[0] = (lia_sweep_axis){ "A.patience", 0.5, 0.99, 5 };
    o.threads = 1;
    lia_sweep *s = NULL;
    assert_int_equal(lia_model_sweep(&s, m, NULL, &o), LIA_OK);
    return s;
}

static void test_page(void **state)
{
    (void)state;
    lia_model *m = model("model \"Title <b>&amp; 'q'\"\n" AB_AGREEMENT_TEXT);
    lia_report *r = solve(m);
    char *page = NULL, *again = NULL, *fmt = NULL;
    size_t len = 0;
    assert_int_equal(lia_report_write_html(&page, &len, r, NULL), LIA_OK);
    assert_int_equal(len, strlen(page));
    assert_int_equal(lia_report_write_html(&again, NULL, r, NULL), LIA_OK);
    assert_int_equal(lia_report_write(&fmt, NULL, r, LIA_FORMAT_HTML), LIA_OK);
    assert_string_equal(page, again);
    assert_string_equal(page, fmt);
    assert_true(strncmp(page, "<!DOCTYPE html>\n<html lang=\"en\">", 31) == 0);
    assert_non_null(strstr(page, "</html>\n"));
    /* the title and the file name escaped; no markup of the model's survives */
    assert_non_null(strstr(page, "<h1>Title &lt;b&gt;&amp;amp; &#39;q&#39;</h1>"));
    assert_non_null(strstr(page, "<code>ab &lt;&amp;&gt;.lia</code>"));
    assert_null(strstr(page, "<b>"));
    assert_null(strstr(page, "<script"));
    /* the status of the report's JSON, as a badge, and the library's summary */
    lia_repeat *rep = NULL;
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_repeat(&rep, g, NULL, NULL), LIA_OK);
    char badge[160];
    snprintf(badge, sizeof badge, ">%s</span>", lia__brief_status_words(lia_repeat_verdict(rep)));
    assert_non_null(strstr(page, badge));
    assert_int_equal(count(page, "<section class=\"b-agreement\""), 1);
    assert_int_equal(count(page, "<svg"), 3);   /* patience, shares, exploitation */
    assert_null(strstr(page, "<?xml"));
    /* no command given: no regeneration line */
    assert_null(strstr(page, "To regenerate"));
    lia_briefing_options o = LIA_BRIEFING_OPTIONS_INIT;
    o.command = "liaison solve 'a b.lia' --format html";
    lia_free(again);
    assert_int_equal(lia_report_write_html(&again, NULL, r, &o), LIA_OK);
    assert_non_null(strstr(again, "To regenerate this page: <code>liaison solve &#39;a b.lia&#39; --format html</code>"));
    lia_free(page);
    lia_free(again);
    lia_free(fmt);
    lia_repeat_free(rep);
    lia_game_free(g);
    lia_report_free(r);
    lia_model_free(m);
}

static void test_options_and_misuse(void **state)
{
    (void)state;
    lia_model *m = model(AB_AGREEMENT_TEXT);
    lia_report *r = solve(m);
    lia_sweep *s = sweep(m);
    char *out = (char *)1;
    lia_briefing_options o = LIA_BRIEFING_OPTIONS_INIT;
    o.version = 0;
    assert_int_equal(lia_report_write_html(&out, NULL, r, &o), LIA_EUSAGE);
    assert_null(out);
    o.version = LIA_BRIEFING_OPTIONS_VERSION + 1;
    out = (char *)1;
    assert_int_equal(lia_sweep_write_html(&out, NULL, s, &o), LIA_EUSAGE);
    assert_null(out);
    assert_int_equal(lia_report_write_html(NULL, NULL, r, NULL), LIA_EUSAGE);
    assert_int_equal(lia_report_write_html(&out, NULL, NULL, NULL), LIA_EUSAGE);
    assert_int_equal(lia_sweep_write_html(&out, NULL, NULL, NULL), LIA_EUSAGE);
    /* a sweep of a game the report does not hold */
    lia_model *other = model("topic t { common 0.5 }\n"
                             "party A { need t 1; collect t 0.6; exposure t 0.2 }\n"
                             "party B { need t 1; collect t 0.5; exposure t 0.2 }\n"
                             "agreement XY bilateral { members A, B\n levels 0, 1\n share A -> B t 1\n share B -> A t 1 }\n");
    lia_sweep *s2 = sweep(other);
    o = (lia_briefing_options)LIA_BRIEFING_OPTIONS_INIT;
    o.sweep = s2;
    assert_int_equal(lia_report_write_html(&out, NULL, r, &o), LIA_EUSAGE);
    assert_null(out);
    /* the other writers take no HTML */
    lia_game *g = NULL;
    assert_int_equal(lia_model_compile(&g, m, NULL, NULL), LIA_OK);
    assert_int_equal(lia_game_write(&out, NULL, g, LIA_FORMAT_HTML), LIA_EUSAGE);
    lia_eqset *e = NULL;
    assert_int_equal(lia_game_nash(&e, g, NULL), LIA_OK);
    assert_int_equal(lia_eqset_write(&out, NULL, e, LIA_FORMAT_HTML), LIA_EUSAGE);
    lia_eqset_free(e);
    lia_game_free(g);
    lia_sweep_free(s2);
    lia_model_free(other);
    lia_sweep_free(s);
    lia_report_free(r);
    lia_model_free(m);
}

static void test_sweep_inline(void **state)
{
    (void)state;
    lia_model *m = model(AB_AGREEMENT_TEXT);
    lia_report *r = solve(m);
    lia_sweep *s = sweep(m);
    lia_briefing_options o = LIA_BRIEFING_OPTIONS_INIT;
    o.sweep = s;
    char *page = NULL, *svg = NULL, *alone = NULL, *fmt = NULL;
    assert_int_equal(lia_report_write_html(&page, NULL, r, &o), LIA_OK);
    assert_int_equal(lia_sweep_write_svg(&svg, NULL, s), LIA_OK);
    /* the chart of sweep --plot, without its XML declaration, once */
    const char *body = strchr(svg, '\n') + 1;
    assert_true(strncmp(svg, "<?xml", 5) == 0);
    assert_non_null(strstr(page, body));
    assert_int_equal(count(page, "<svg"), 4);
    assert_non_null(strstr(page, "<h3>Where it breaks down as A.patience varies</h3>"));
    assert_int_equal(lia_sweep_write_html(&alone, NULL, s, NULL), LIA_OK);
    assert_int_equal(lia_sweep_write(&fmt, NULL, s, LIA_FORMAT_HTML), LIA_OK);
    assert_string_equal(alone, fmt);
    assert_non_null(strstr(alone, body));
    assert_int_equal(count(alone, "<svg"), 1);
    assert_non_null(strstr(alone, "<h2>Where it breaks down as A.patience varies</h2>"));
    assert_null(strstr(alone, "<?xml"));
    lia_free(page);
    lia_free(svg);
    lia_free(alone);
    lia_free(fmt);
    lia_sweep_free(s);
    lia_report_free(r);
    lia_model_free(m);
}

static char *num(double v, double scale, const char *nan_text)
{
    static char text[128];
    lia_buf b;
    lia__buf_init(&b);
    lia__brief_num(&b, v, scale, nan_text);
    char *s = lia__buf_take(&b, NULL);
    snprintf(text, sizeof text, "%s", s);
    lia__free(s);
    return text;
}

static char *percent(double p)
{
    static char text[64];
    lia_buf b;
    lia__buf_init(&b);
    lia__brief_percent(&b, p);
    char *s = lia__buf_take(&b, NULL);
    snprintf(text, sizeof text, "%s", s);
    lia__free(s);
    return text;
}

static void test_numbers(void **state)
{
    (void)state;
    assert_string_equal(num(0.39688735, 1, "-"), "0.3969");
    assert_string_equal(num(-0.0371648, 1, "-"), "\xe2\x88\x92" "0.03716");
    assert_string_equal(num(-1.6e-11, 1, "-"), "0");           /* rounding noise of a payoff */
    assert_string_equal(num(-1.6e-11, 1e-3, "-"), "\xe2\x88\x92" "1.6\xc3\x97" "10<sup>\xe2\x88\x92" "11</sup>");
    assert_string_equal(num(12345678, 1, "-"), "1.235\xc3\x97" "10<sup>7</sup>");
    assert_string_equal(num(NAN, 1, "<never>"), "&lt;never&gt;");
    assert_string_equal(num(INFINITY, 1, "-"), "\xe2\x88\x9e");
    assert_string_equal(percent(5.0 / 7), "71%");
    assert_string_equal(percent(0.005), "0.5%");
    assert_string_equal(percent(0), "0%");
}

static void test_allocation_failures(void **state)
{
    (void)state;
    lia_model *m = model(AB_AGREEMENT_TEXT);
    lia_report *r = solve(m);
    lia_sweep *s = sweep(m);
    lia_briefing_options o = LIA_BRIEFING_OPTIONS_INIT;
    o.sweep = s;
    o.command = "liaison solve ab.lia --format html";
    for (int which = 0; which < 2; which++) {
        unsigned long k = 1;
        for (;; k++) {
            char *out = (char *)1;
            lia__mem_fail_after(k);
            lia_status st = which ? lia_sweep_write_html(&out, NULL, s, &o) : lia_report_write_html(&out, NULL, r, &o);
            lia__mem_fail_after(0);
            if (st == LIA_OK) { assert_non_null(strstr(out, "</html>")); lia_free(out); break; }
            assert_int_equal(st, LIA_ENOMEM);
            assert_null(out);
            assert_true(k < 100000);
        }
        assert_true(k > 3);
    }
    lia_sweep_free(s);
    lia_report_free(r);
    lia_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page),
        cmocka_unit_test(test_options_and_misuse),
        cmocka_unit_test(test_sweep_inline),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
