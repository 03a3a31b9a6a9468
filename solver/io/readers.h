/* readers.h — readers for Gambit strategic-form files (.nfg) and lrsnash input files. */
#ifndef LIA_IO_READERS_H
#define LIA_IO_READERS_H
#include "../lang/spec.h"
#include <stddef.h>
#include <stdint.h>

struct lia_arena;

/* Fill out (zeroed here) with one normal-form game named `name` read from source src; everything
 * is allocated in arena. Returns -1 on allocation failure (also when an error could not be
 * recorded for lack of memory), else 0; syntax and semantic errors go to d (check d->errors).
 * On any failure out is left zeroed (ngames == 0), never half-filled. */
int lia__read_nfg(lia_spec *out, struct lia_arena *arena, const lia_sources *s, uint32_t src,
                 lia_diags *d, const char *name, size_t cap);
/* The same for an lrsnash input file: "m n", then A (m rows of n), then B. Players "1", "2". */
int lia__read_lrs(lia_spec *out, struct lia_arena *arena, const lia_sources *s, uint32_t src,
                 lia_diags *d, const char *name, size_t cap);

/* Content sniffing: 1 if the text starts (after whitespace) with the word "NFG". */
int lia__looks_like_nfg(const char *text, size_t len);
/* 1 if the first token that is not on a blank or comment ('*', '#') line is an integer. */
int lia__looks_like_lrs(const char *text, size_t len);

/* `cap` (bytes) bounds the table of exact payoffs a reader builds, together with the file's
 * text it holds: an outcome-form .nfg file can name one outcome for many profiles, so its
 * table is not bounded by the file's size, and even a payoff list takes sizeof(lia_num) bytes
 * for a number the file writes in two. */

/* ---- internal: shared by read_nfg.c and read_lrs.c (defined in read_nfg.c) --------------- */

enum { LIA_RNUM_OK = 0, LIA_RNUM_BAD, LIA_RNUM_DIVZERO, LIA_RNUM_RANGE };
/* Parse a whole token as [+-]LITERAL[/LITERAL] (LITERAL: 12, 0.25, 1e-3): exact when it fits.
 * Returns one of the LIA_RNUM_ codes; *out is set only on LIA_RNUM_OK. */
int lia__reader_number(const char *t, size_t len, lia_num *out);
/* A token as 'text' for a message: truncated, bytes outside printable ASCII as \xNN. */
void lia__reader_quote(char *buf, size_t cap, const char *t, size_t len);
/* Parse a whole token of decimal digits; 0 if it is not one or exceeds 10^18. */
int lia__reader_count(const char *t, size_t len, size_t *out);
/* 1 if a table of `cells` exact payoffs fits under cap beside the file's text_len bytes; else
 * 0 with `msg` saying how much it would need. */
int lia__reader_table_fits(size_t cells, size_t text_len, size_t cap, char *msg, size_t msgcap);
/* Names "1".."n" in the arena; NULL on allocation failure. */
const char **lia__reader_ordinals(struct lia_arena *a, size_t n);
/* Fill out with the single normal-form game g (arena-owned); -1 on allocation failure. */
int lia__reader_finish(lia_spec *out, struct lia_arena *a, const lia_sources *s, uint32_t src,
                       const char *name, const char *title, const spec_normal *g);

#endif
