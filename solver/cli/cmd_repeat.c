/* cmd_repeat.c — `liaison repeat FILE [--game NAME] [--target S1,S2,...] [--delta D]
 * [--punish nash|minmax] [--monitor PARTY=Q]... [--format text|json]`: whether a profile of the stage game is
 * self-enforcing under grim trigger, and what would make it so. */
#include "cli.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each --monitor PARTY=Q into q[player], Q in (0, 1]; the other players keep the game's own
 * (an agreement's `monitor` statement). */
static int parse_monitor(const lia_game *g, const cli_opts *o, double *q)
{
    size_t np = lia_game_player_count(g);
    for (size_t p = 0; p < np; p++) q[p] = lia_game_monitor(g, p);
    for (size_t k = 0; k < o->nmonitor; k++) {
        const char *a = o->monitor[k], *eq = strchr(a, '=');
        size_t p = 0, len = eq ? (size_t)(eq - a) : 0;
        while (p < np && !(strlen(lia_game_player_name(g, p)) == len && strncmp(lia_game_player_name(g, p), a, len) == 0)) p++;
        char *end = NULL;
        double v = eq ? strtod(eq + 1, &end) : NAN;
        if (!eq || p == np) {
            fprintf(stderr, "liaison repeat: --monitor needs PARTY=Q with PARTY a member of '%s', got '%s'\n",
                    lia_game_name(g), a);
            return 0;
        }
        if (end == eq + 1 || *end || !(v > 0 && v <= 1)) {
            fprintf(stderr, "liaison repeat: bad --monitor '%s' (Q: the chance per period that a breach is noticed, in (0, 1])\n", a);
            return 0;
        }
        q[p] = v;
    }
    return 1;
}

static int parse_repeat(const cli_opts *o, lia_repeat_options *ro, lia_format *fmt)
{
    if (o->nfiles != 1) {
        fprintf(stderr, "liaison repeat: give exactly one FILE (liaison repeat FILE [--game NAME] [--target S1,S2,...])\n");
        return EXIT_INPUT;
    }
    int rc = cli_format(o, "--format", fmt);
    if (rc) return rc;
    if (o->delta) {
        char *end;
        ro->delta = strtod(o->delta, &end);
        if (end == o->delta || *end || !(ro->delta > 0 && ro->delta < 1)) {
            fprintf(stderr, "liaison repeat: bad --delta '%s' (a discount factor strictly between 0 and 1)\n", o->delta);
            return EXIT_INPUT;
        }
    }
    /* cli_pick offers the library's names (lia_punishment_name), so from_name takes any it passes */
    if (o->punish && (cli_pick("repeat", "--punish", o->punish) < 0 ||
                      lia_punishment_from_name(o->punish, &ro->punish) != LIA_OK))
        return EXIT_INPUT;
    return EXIT_OK;
}

/* text, then `value` as one more part of the report: in JSON the member `"key": value` before
 * the object's closing brace (value's trailing newlines dropped), in text `head` before text
 * and value after a blank line. Caller frees *out. */
static lia_status join(const char *head, const char *text, size_t len, const char *key, const char *value,
                       size_t vlen, lia_format fmt, char **out, size_t *out_len)
{
    int json = fmt == LIA_FORMAT_JSON;
    size_t keep = len, lead = json ? 0 : strlen(head);
    if (json) {
        while (keep > 0 && text[keep - 1] != '}') keep--;
        if (!keep) {
            fprintf(stderr, "liaison repeat: the report's JSON has no closing brace to add \"%s\" to (a bug)\n", key);
            return LIA_EINTERNAL;
        }
        keep--;
        while (vlen > 0 && value[vlen - 1] == '\n') vlen--;
    }
    char *all = malloc(lead + keep + strlen(key) + vlen + 16);
    if (!all) {
        fprintf(stderr, "liaison repeat: out of memory joining the %s to the report\n", key);
        return LIA_ENOMEM;
    }
    size_t at = 0;
    memcpy(all, head, lead);
    at += lead;
    memcpy(all + at, text, keep);
    at += keep;
    at += (size_t)sprintf(all + at, json ? ", \"%s\": " : "\n", key);
    memcpy(all + at, value, vlen);
    at += vlen;
    if (json) { all[at++] = '}'; all[at++] = '\n'; }
    all[at] = 0;
    *out = all;
    *out_len = at;
    return LIA_OK;
}

/* A model with regimes: the regime analysis of the commitment after the static one (JSON:
 * "regimes", null when the game has no commitment); the text leads with its verdict. */
static lia_status append_regimes(const char *text, size_t len, const lia_model *m, const lia_game *g,
                                 const cli_opts *o, lia_format fmt, char **out, size_t *out_len)
{
    char *more = NULL;
    size_t more_len = 0;
    lia_regimes *rg = NULL;
    lia_status st = LIA_OK;
    char head[512] = "";
    if (lia_game_commitment(g, NULL)) {
        st = lia_model_regimes(&rg, m, o->game);
        if (st != LIA_OK) {
            fprintf(stderr, "liaison repeat: the regime analysis failed: %s\n", cli_reason(st, rg ? lia_regimes_errmsg(rg) : NULL));
            lia_regimes_free(rg);
            return st;
        }
        st = lia_regimes_write(&more, &more_len, rg, fmt);
        if (st != LIA_OK) cli_fail("repeat", st, lia_regimes_errmsg(rg));
        /* the static report after the heading judges the model as written */
        int all = 1;
        for (size_t i = 0; i < lia_regimes_member_count(rg); i++) all &= lia_regimes_sustainable(rg, i) > 0;
        int tf = lia_regimes_transfers(rg, NULL);
        snprintf(head, sizeof head,
                 "%s over its regimes: %s.\nThe report below judges the model as written, without any "
                 "regime's sets (the start regime is %s); the regime analysis follows it.\n\n",
                 lia_game_name(g),
                 all ? "every member keeps to the commitment in every regime it can reach"
                     : tf > 0 ? "a member breaches in some regime, but payments by regime restore it"
                              : "a member breaches in some regime, and no payments by regime restore it",
                 lia_regimes_name(rg, lia_regimes_start(rg)));
        lia_regimes_free(rg);
        if (st != LIA_OK) return st;
    }
    const char *add = more ? more : fmt == LIA_FORMAT_JSON ? "null" : "regimes: not analysed (the game has no commitment)\n";
    st = join(head, text, len, "regimes", add, more ? more_len : strlen(add), fmt, out, out_len);
    lia_free(more);
    return st;
}

/* The agreement's suspects (docs/model.md section 13), appended to the report: a text section,
 * or the key "suspects" of the JSON object. Nothing (*out NULL) when it has none. */
static lia_status append_suspects(const char *text, size_t len, lia_model *m, const cli_opts *o, lia_format fmt,
                                  char **out, size_t *out_len)
{
    lia_suspects *s = NULL;
    lia_status st = lia_model_suspects(&s, m, o->game);
    if (st != LIA_OK) {
        fprintf(stderr, "liaison repeat: the suspects could not be analysed: %s\n", cli_reason(st, s ? lia_suspects_errmsg(s) : NULL));
        lia_suspects_free(s);
        return st;
    }
    char *add = NULL;
    size_t alen = 0;
    if (lia_suspects_count(s) > 0) st = lia_suspects_write(&add, &alen, s, fmt);
    if (st != LIA_OK) cli_fail("repeat", st, lia_suspects_errmsg(s));
    lia_suspects_free(s);
    if (st != LIA_OK || !add) return st;
    /* JSON: the array of {"game": ..., "suspects": [...]} */
    const char *from = add;
    if (fmt == LIA_FORMAT_JSON) {
        const char *arr = strstr(add, "\"suspects\": ");
        if (!arr) {
            fprintf(stderr, "liaison repeat: the suspects' JSON has no \"suspects\" member (a bug)\n");
            lia_free(add);
            return LIA_EINTERNAL;
        }
        from = arr + strlen("\"suspects\": ");
        while (alen > 0 && (add[alen - 1] == '\n' || add[alen - 1] == '}')) if (add[--alen] == '}') break;
    }
    st = join("", text, len, "suspects", from, alen - (size_t)(from - add), fmt, out, out_len);
    lia_free(add);
    return st;
}

int cmd_repeat(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "repeat");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_repeat_options ro = LIA_REPEAT_OPTIONS_INIT;
    lia_format fmt = LIA_FORMAT_TEXT;
    rc = parse_repeat(&o, &ro, &fmt);
    lia_model *m = NULL;
    lia_game *g = NULL;
    lia_repeat *r = NULL;
    size_t *target = NULL;
    double *q = NULL;
    char *text = NULL, *joined = NULL;
    size_t len = 0;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    /* in an agreement --monitor is the agreement's own `monitor`, so the regime and suspect
     * analyses (which compile the model again) see it too */
    size_t gi = 0;
    if (!rc && o.nmonitor && (o.game ? lia_model_game_find(m, o.game, &gi) == LIA_OK : lia_model_game_count(m) == 1) &&
        (lia_model_game_kind(m, gi) == LIA_KIND_BILATERAL || lia_model_game_kind(m, gi) == LIA_KIND_MULTILATERAL))
        rc = cli_apply_monitor(m, &o, "repeat");
    if (!rc) rc = cli_compile_game(&g, m, &o, "repeat");
    if (!rc && o.target) {
        target = calloc(lia_game_player_count(g), sizeof *target);
        if (!target) rc = cli_failf("repeat", LIA_ENOMEM, "out of memory reading --target");
        else if (!cli_parse_target(g, o.target, target, "repeat")) rc = EXIT_INPUT;
    }
    if (!rc && o.nmonitor) {
        q = calloc(lia_game_player_count(g), sizeof *q);
        if (!q) rc = cli_failf("repeat", LIA_ENOMEM, "out of memory reading --monitor");
        else if (!parse_monitor(g, &o, q)) rc = EXIT_INPUT;
        ro.monitor = q;
    }
    if (!rc && !target && !lia_game_commitment(g, NULL)) {
        fprintf(stderr, "liaison repeat: '%s' has no commitment; give the profile with --target S1,S2,...\n", lia_game_name(g));
        rc = EXIT_INPUT;
    }
    if (!rc) {
        ro.payoff_set = ro.delta > 0 && lia_game_player_count(g) == 2;   /* the set needs a delta */
        lia_status st = lia_game_repeat(&r, g, target, &ro);
        if (st != LIA_OK) cli_fail("repeat", st, NULL);
        if (st == LIA_OK && (st = lia_repeat_write(&text, &len, r, fmt)) != LIA_OK) cli_fail("repeat", st, lia_repeat_errmsg(r));
        char *all = NULL;
        size_t all_len = 0, joined_len = 0;
        if (st == LIA_OK && lia_model_regime_count(m) > 0) st = append_regimes(text, len, m, g, &o, fmt, &all, &all_len);
        const char *cur = all ? all : text;
        size_t cur_len = all ? all_len : len;
        if (st == LIA_OK && !target) st = append_suspects(cur, cur_len, m, &o, fmt, &joined, &joined_len);
        rc = st == LIA_OK ? cli_write(&o, joined ? joined : cur, joined ? joined_len : cur_len) : cli_exit_code(st);
        free(all);
    }
    lia_free(text);
    free(joined);
    free(target);
    free(q);
    lia_repeat_free(r);
    lia_game_free(g);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
