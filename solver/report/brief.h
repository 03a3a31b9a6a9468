/* brief.h — the pieces of a briefing page (lia_report_write_html, lia_sweep_write_html): one
 * self-contained HTML file for a reader who opens a file, not a terminal. Inline CSS and inline
 * SVG only, no scripts and nothing fetched from elsewhere, a print style sheet. Every string
 * that comes from a model goes through lia__brief_text. All of it writes into a lia_buf, whose
 * sticky failure flag carries an allocation failure to the end; numbers assume the C numeric
 * locale is in force. */
#ifndef LIA_REPORT_BRIEF_H
#define LIA_REPORT_BRIEF_H
#include "liaison.h"
#include "../util/buf.h"

/* The options with every version from 1 on read; NULL: the defaults. 0 for a version the
 * library does not know. */
int lia__brief_options(lia_briefing_options *o, const lia_briefing_options *given);

/* The document's start up to the open <main>: <head> with the style sheets (the page's and the
 * charts' classes), then the header: kicker, title (the model's, else `fallback`), the source
 * file and `what` (plain text, escaped). */
void lia__brief_open(lia_buf *b, const char *title, const char *fallback, const char *source, const char *what);
/* The glossary, the foot (version, the command that regenerates the page) and the end. */
void lia__brief_close(lia_buf *b, const lia_briefing_options *o);
/* The same with the page's own terms first: n pairs of {term, definition} (HTML, from the
 * library, not escaped). */
void lia__brief_close_terms(lia_buf *b, const lia_briefing_options *o, const char *const (*extra)[2], size_t n);

/* s as HTML text or attribute value: & < > " ' escaped, bytes that are not UTF-8 replaced. */
void lia__brief_text(lia_buf *b, const char *s);
/* A number for a reader: four significant digits, rounding noise within 1e-9 of scale shown as
 * 0, a true minus sign, powers of ten written out; nan_text (escaped) for NaN. */
void lia__brief_num(lia_buf *b, double v, double scale, const char *nan_text);
/* A table cell: a number (class b-n, right-aligned) or escaped text. */
void lia__brief_td_num(lia_buf *b, double v, double scale, const char *nan_text);
void lia__brief_td_text(lia_buf *b, const char *s);
/* Names as "A, B and C", escaped. */
void lia__brief_names(lia_buf *b, const char *const *names, size_t n);
/* A probability or share as a percentage ("71%", "0.5%"). */
void lia__brief_percent(lia_buf *b, double p);
/* The status as a coloured badge, in words ("holds", "needs transfers", ...). */
void lia__brief_badge(lia_buf *b, lia_verdict v);
const char *lia__brief_status_words(lia_verdict v);

/* The charts (brief_charts.c), inline <svg> elements at most 720 px wide, for the first 64
 * members: each member's critical patience (bar) against its patience (line), names[i] the
 * member's; the actual burden shares beside the Shapley value and nucleolus; the exploitation
 * index against 1. Nothing when the share handle lacks the vectors. */
void lia__brief_patience_chart(lia_buf *b, const lia_repeat *r, const char *const *names);
void lia__brief_shares_chart(lia_buf *b, const lia_share *s, double scale);
void lia__brief_exploitation_chart(lia_buf *b, const lia_share *s);

/* The sweep's section (sweep_html.c): a heading of level `h` (2 or 3), where the status
 * changes in words, the chart of lia_sweep_write_svg inline, and the table of breakdown points.
 * Returns the status of the write of the chart (LIA_ENOMEM). */
lia_status lia__brief_sweep(lia_buf *b, const lia_sweep *s, int h);

#endif
