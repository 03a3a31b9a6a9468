/* repeat_api.c — the lia_repeat handle: sustainability rows, transfers, the best
 * self-enforcing profile, and their JSON and text. */
#include "repeat.h"
#include "payoff_set.h"
#include "../util/arena.h"
#include "../util/buf.h"
#include "../util/c_numeric.h"
#include "../util/mem.h"
#include <math.h>
#include <stddef.h>
#include <string.h>

struct lia_repeat {
    lia_arena arena;
    const char *game;
    size_t np;
    const char **players;
    const char ***strategies;
    size_t *target;
    lia_punishment punish;
    lia_sustain *rows;
    int has_patience, self_enforcing;
    int transfers_feasible;
    double *transfers;
    int best_found;
    size_t *best;
    double *best_payoffs, *best_transfers;
    double *set;             /* lia__malloc'ed by lia_spe_payoff_set */
    size_t nset;
    int set_done;            /* computed (an empty set has set == NULL) */
};

static const char *copy(lia_arena *a, const char *s) { return lia_arena_strndup(a, s, strlen(s)); }

static lia_status copy_labels(lia_repeat *r, const lia_game *g)
{
    lia_arena *a = &r->arena;
    r->game = copy(a, g->name);
    r->players = lia_arena_array(a, g->np, sizeof *r->players);
    r->strategies = lia_arena_array(a, g->np, sizeof *r->strategies);
    if (!r->game || !r->players || !r->strategies) return LIA_ENOMEM;
    for (size_t p = 0; p < g->np; p++) {
        if (!(r->players[p] = copy(a, g->players[p]))) return LIA_ENOMEM;
        if (!(r->strategies[p] = lia_arena_array(a, g->ns[p], sizeof(char *)))) return LIA_ENOMEM;
        for (size_t s = 0; s < g->ns[p]; s++)
            if (!(r->strategies[p][s] = copy(a, g->strategies[p][s]))) return LIA_ENOMEM;
    }
    return LIA_OK;
}

/* The quid-pro-quo balance of an agreement member at the target (docs/model.md section 10).
 * Only the commitment's terms are kept with the game, so other targets have none. */
static void balance(lia_sustain *row, const lia_member_terms *t)
{
    row->received = t->coverage + t->facility_value + t->transfer_in;
    row->given = t->exposure + t->facility_cost + t->transfer_out - t->spillover;
    if (row->given > 0) {
        row->ratio = row->received / row->given;
        if (!isnan(row->patience))
            row->ratio_threshold =
                1 + ((1 - row->patience) * row->deviation + row->patience * row->punishment) / row->given;
    }
}

static lia_status analyse(lia_repeat *r, const lia_game *g, size_t prof, const lia_repeat_options *o, int at_commit)
{
    size_t n = g->np;
    double *c = lia_arena_array(&r->arena, 4 * n, sizeof *c), *d = c + n, *p = d + n, *delta = p + n;
    size_t *dev = lia_arena_array(&r->arena, n, sizeof *dev);
    if (!c || !dev) return LIA_ENOMEM;
    lia_status st = lia_punishments(g, o->punish, p);
    if (st != LIA_OK) return st;
    lia_target_values(g, prof, c, d, dev);
    r->has_patience = o->delta > 0 || g->terms != NULL;
    r->self_enforcing = r->has_patience ? 1 : -1;
    for (size_t i = 0; i < n; i++) {
        lia_sustain *row = &r->rows[i];
        row->value = c[i];
        row->deviation = d[i];
        row->best_deviation = dev[i];
        row->punishment = p[i];
        row->delta_star = lia_delta_star(c[i], d[i], p[i]);
        row->patience = o->delta > 0 ? o->delta : g->terms ? g->terms[i].patience : NAN;
        delta[i] = row->patience;
        row->received = row->given = row->ratio = row->ratio_threshold = NAN;
        row->sustainable = -1;
        if (!isnan(row->patience)) {
            row->sustainable = !isnan(row->delta_star) && row->patience >= row->delta_star;
            if (!row->sustainable) r->self_enforcing = 0;
        }
        if (at_commit && g->terms) balance(row, &g->terms[i]);
    }
    if (o->payoff_set && n == 2 && o->delta > 0) {
        st = lia_spe_payoff_set(g->payoffs, g->payoffs + g->nprofiles, g->ns[0], g->ns[1], o->delta, 1e-12, 1000000,
                                &r->set, &r->nset, NULL);
        if (st != LIA_OK) return st;
        r->set_done = 1;
    }
    if (!r->has_patience) return LIA_OK;
    r->transfers = lia_arena_array(&r->arena, n, sizeof *r->transfers);
    r->best = lia_arena_array(&r->arena, n, sizeof *r->best);
    r->best_payoffs = lia_arena_array(&r->arena, 2 * n, sizeof *r->best_payoffs);
    if (!r->transfers || !r->best || !r->best_payoffs) return LIA_ENOMEM;
    r->best_transfers = r->best_payoffs + n;
    if ((st = lia_transfers(n, c, d, p, delta, &r->transfers_feasible, r->transfers)) != LIA_OK) return st;
    size_t best;
    if ((st = lia_best_self_enforcing(g, p, delta, &r->best_found, &best)) != LIA_OK) return st;
    if (r->best_found) {
        lia_target_values(g, best, c, d, NULL);
        int feasible;
        if ((st = lia_transfers(n, c, d, p, delta, &feasible, r->best_transfers)) != LIA_OK) return st;
        /* the screen above and the LP agree up to rounding; trust the LP */
        r->best_found = feasible;
        size_t rest = best;
        for (size_t i = 0; i < n; i++) {
            r->best[i] = rest % g->ns[i];
            rest /= g->ns[i];
            r->best_payoffs[i] = c[i];
        }
    }
    return LIA_OK;
}

lia_status lia_game_repeat(lia_repeat **out, const lia_game *g, const size_t *target, const lia_repeat_options *opts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    lia_repeat_options def = LIA_REPEAT_OPTIONS_INIT;
    const lia_repeat_options *o = opts ? opts : &def;
    if (!g || o->version != LIA_REPEAT_OPTIONS_VERSION || (unsigned)o->punish > LIA_PUNISH_MINMAX ||
        !(o->delta == 0 || (o->delta > 0 && o->delta < 1)))
        return LIA_EUSAGE;
    if (!target && !g->commit) return LIA_EUSAGE;
    const size_t *t = target ? target : g->commit;
    size_t prof;
    if (lia_game_profile_index(g, t, &prof) != LIA_OK) return LIA_EUSAGE;
    int at_commit = g->commit && memcmp(t, g->commit, g->np * sizeof *t) == 0;
    lia_repeat *r = lia__calloc(1, sizeof *r);
    if (!r) return LIA_ENOMEM;
    lia_arena_init(&r->arena);
    r->np = g->np;
    r->punish = o->punish;
    r->target = lia_arena_array(&r->arena, g->np, sizeof *r->target);
    r->rows = lia_arena_array(&r->arena, g->np, sizeof *r->rows);
    lia_status st = r->target && r->rows ? copy_labels(r, g) : LIA_ENOMEM;
    if (st == LIA_OK) {
        memcpy(r->target, t, g->np * sizeof *t);
        st = analyse(r, g, prof, o, at_commit);
    }
    if (st != LIA_OK) { lia_repeat_free(r); return st; }
    *out = r;
    return LIA_OK;
}

void lia_repeat_free(lia_repeat *r)
{
    if (!r) return;
    lia__free(r->set);
    lia_arena_free(&r->arena);
    lia__free(r);
}

size_t lia_repeat_player_count(const lia_repeat *r) { return r ? r->np : 0; }

lia_status lia_repeat_player(const lia_repeat *r, size_t p, lia_sustain *out)
{
    if (!r || !out || p >= r->np) return LIA_EUSAGE;
    *out = r->rows[p];
    return LIA_OK;
}

int lia_repeat_self_enforcing(const lia_repeat *r) { return r ? r->self_enforcing : -1; }

int lia_repeat_transfers(const lia_repeat *r, const double **amounts)
{
    if (amounts) *amounts = NULL;
    if (!r || !r->has_patience) return -1;
    if (r->transfers_feasible && amounts) *amounts = r->transfers;
    return r->transfers_feasible;
}

int lia_repeat_best(const lia_repeat *r, const size_t **profile, const double **payoffs, const double **transfers)
{
    if (profile) *profile = NULL;
    if (payoffs) *payoffs = NULL;
    if (transfers) *transfers = NULL;
    if (!r || !r->has_patience || !r->best_found) return 0;
    if (profile) *profile = r->best;
    if (payoffs) *payoffs = r->best_payoffs;
    if (transfers) *transfers = r->best_transfers;
    return 1;
}

const double *lia_repeat_payoff_set(const lia_repeat *r, size_t *vertices)
{
    if (vertices) *vertices = r && r->set ? r->nset : 0;
    return r ? r->set : NULL;
}

int lia_repeat_payoff_set_computed(const lia_repeat *r) { return r ? r->set_done : 0; }

/* ---- writing ---- */


static void nums(lia_buf *b, const lia_repeat *r, size_t offset)
{
    lia_buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia_buf_puts(b, ", ");
        lia_buf_json_num(b, *(const double *)((const char *)&r->rows[i] + offset));
    }
    lia_buf_putc(b, ']');
}

static void names(lia_buf *b, const lia_repeat *r, const size_t *prof)
{
    lia_buf_putc(b, '[');
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia_buf_puts(b, ", ");
        lia_buf_json_string(b, r->strategies[i][prof[i]]);
    }
    lia_buf_putc(b, ']');
}


#define FIELD(f) offsetof(lia_sustain, f)

void lia__repeat_json_remedies(lia_buf *b, const lia_repeat *r, const char *gap)
{
    lia_buf_printf(b, "\"transfers\": ");
    if (!r->has_patience) lia_buf_puts(b, "null");
    else if (!r->transfers_feasible) lia_buf_puts(b, "{\"feasible\": false, \"amounts\": null}");
    else { lia_buf_puts(b, "{\"feasible\": true, \"amounts\": "); lia_buf_json_nums(b, r->transfers, r->np); lia_buf_putc(b, '}'); }
    lia_buf_printf(b, ",%s\"best_self_enforcing\": ", gap);
    if (!r->has_patience || !r->best_found) {
        lia_buf_puts(b, "null");
        return;
    }
    lia_buf_puts(b, "{\"profile\": ");
    names(b, r, r->best);
    lia_buf_puts(b, ", \"payoffs\": ");
    lia_buf_json_nums(b, r->best_payoffs, r->np);
    lia_buf_puts(b, ", \"transfers\": ");
    lia_buf_json_nums(b, r->best_transfers, r->np);
    lia_buf_putc(b, '}');
}

/* The JSON fields after "game" (shared with the solve report's agreement entries). */
static void json_body(lia_buf *b, const lia_repeat *r)
{
    lia_buf_puts(b, "\"target\": ");
    names(b, r, r->target);
    lia_buf_puts(b, ", \"values\": ");
    nums(b, r, FIELD(value));
    lia_buf_puts(b, ", \"deviations\": {\"payoffs\": ");
    nums(b, r, FIELD(deviation));
    lia_buf_puts(b, ", \"strategies\": [");
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia_buf_puts(b, ", ");
        lia_buf_json_string(b, r->strategies[i][r->rows[i].best_deviation]);
    }
    lia_buf_puts(b, "]}, \"punishment\": {\"kind\": ");
    lia_buf_json_string(b, r->punish == LIA_PUNISH_NASH ? "nash" : "minmax");
    lia_buf_puts(b, ", \"payoffs\": ");
    nums(b, r, FIELD(punishment));
    lia_buf_puts(b, "}, \"delta_star\": ");
    nums(b, r, FIELD(delta_star));
    lia_buf_puts(b, ", \"patience\": ");
    nums(b, r, FIELD(patience));
    lia_buf_puts(b, ", \"sustainable\": [");
    for (size_t i = 0; i < r->np; i++) {
        if (i) lia_buf_puts(b, ", ");
        lia_buf_json_tri(b, r->rows[i].sustainable);
    }
    lia_buf_puts(b, "], \"self_enforcing\": ");
    lia_buf_json_tri(b, r->self_enforcing);
    lia_buf_puts(b, ", ");
    lia__repeat_json_remedies(b, r, " ");
    if (r->set || r->set_done) {
        lia_buf_puts(b, ", \"payoff_set\": [");
        for (size_t k = 0; k < r->nset; k++) {
            lia_buf_puts(b, k ? ", [" : "[");
            lia_buf_json_num(b, r->set[2 * k]);
            lia_buf_puts(b, ", ");
            lia_buf_json_num(b, r->set[2 * k + 1]);
            lia_buf_putc(b, ']');
        }
        lia_buf_putc(b, ']');
    }
}

static void text_cell(lia_buf *b, double v, const char *nan_text)
{
    if (isnan(v)) lia_buf_printf(b, " %11s", nan_text);
    else lia_buf_printf(b, " %11.6g", v + 0.0);
}

static void write_text(lia_buf *b, const lia_repeat *r)
{
    size_t w = 6;
    for (size_t i = 0; i < r->np; i++) w = strlen(r->players[i]) > w ? strlen(r->players[i]) : w;
    lia_buf_printf(b, "%s: keeping to", r->game);
    for (size_t i = 0; i < r->np; i++) lia_buf_printf(b, "%s %s=%s", i ? "," : "", r->players[i], r->strategies[i][r->target[i]]);
    lia_buf_printf(b, " under grim trigger, punishment %s\n", r->punish == LIA_PUNISH_NASH ? "Nash reversion" : "minmax");
    lia_buf_printf(b, "  %-*s %11s %11s %11s %11s %11s  %s\n", (int)w, "player", "C", "D", "P", "delta*", "patience",
                   "verdict");
    for (size_t i = 0; i < r->np; i++) {
        const lia_sustain *s = &r->rows[i];
        lia_buf_printf(b, "  %-*s", (int)w, r->players[i]);
        text_cell(b, s->value, "-");
        text_cell(b, s->deviation, "-");
        text_cell(b, s->punishment, "-");
        text_cell(b, s->delta_star, "never");
        text_cell(b, s->patience, "-");
        lia_buf_printf(b, "  %s\n", s->sustainable < 0 ? "-" : s->sustainable ? "keeps to it" : "deviates");
    }
    if (r->set_done) {
        if (!r->nset) lia_buf_puts(b, "  subgame-perfect payoff set (pure strategies, public randomisation): empty\n");
        else lia_buf_printf(b, "  subgame-perfect payoff set (pure strategies, public randomisation), %zu vertices:\n   ", r->nset);
        for (size_t k = 0; k < r->nset; k++) lia_buf_printf(b, " (%.6g, %.6g)", r->set[2 * k] + 0.0, r->set[2 * k + 1] + 0.0);
        if (r->nset) lia_buf_putc(b, '\n');
    }
    if (r->self_enforcing < 0) {
        lia_buf_puts(b, "  no patience given (--delta D): critical discount factors only\n");
        return;
    }
    lia_buf_printf(b, "  %s\n", r->self_enforcing ? "self-enforcing" : "not self-enforcing");
    if (!r->self_enforcing) {
        if (!r->transfers_feasible) {
            lia_buf_puts(b, "  no budget-balanced side payment can restore it\n");
        } else {
            lia_buf_puts(b, "  restored by per-period transfers:");
            for (size_t i = 0; i < r->np; i++) {
                lia_buf_printf(b, "%s %s ", i ? "," : "", r->players[i]);
                lia_buf_double(b, r->transfers[i] + 0.0);
            }
            lia_buf_putc(b, '\n');
        }
    }
    if (r->best_found) {
        lia_buf_puts(b, "  best self-enforcing profile:");
        for (size_t i = 0; i < r->np; i++) lia_buf_printf(b, "%s %s=%s", i ? "," : "", r->players[i], r->strategies[i][r->best[i]]);
        lia_buf_puts(b, ", payoffs");
        for (size_t i = 0; i < r->np; i++) { lia_buf_puts(b, i ? ", " : " "); lia_buf_double(b, r->best_payoffs[i] + 0.0); }
        lia_buf_putc(b, '\n');
    } else {
        lia_buf_puts(b, "  no profile is self-enforcing, even with transfers\n");
    }
}

lia_status lia_repeat_write(char **out, size_t *len, const lia_repeat *r, lia_format fmt)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!r || (fmt != LIA_FORMAT_JSON && fmt != LIA_FORMAT_TEXT)) return LIA_EUSAGE;
    lia_c_numeric loc;
    if (!lia_c_numeric_begin(&loc)) return LIA_ENOMEM;
    lia_buf b;
    lia_buf_init(&b);
    if (fmt == LIA_FORMAT_JSON) {
        lia_buf_puts(&b, "{\"game\": ");
        lia_buf_json_string(&b, r->game);
        lia_buf_puts(&b, ", \"players\": [");
        for (size_t i = 0; i < r->np; i++) { if (i) lia_buf_puts(&b, ", "); lia_buf_json_string(&b, r->players[i]); }
        lia_buf_puts(&b, "], ");
        json_body(&b, r);
        lia_buf_puts(&b, "}\n");
    } else {
        write_text(&b, r);
    }
    lia_c_numeric_end(&loc);
    *out = lia_buf_take(&b, len);
    return *out ? LIA_OK : LIA_ENOMEM;
}
