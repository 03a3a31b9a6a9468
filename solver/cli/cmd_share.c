/* cmd_share.c — `liaison share FILE [--game NAME] [--method RULE,...] [--samples N] [--seed S]
 * [--confidence C] [--disagreement nash|security] [--format text|json|csv]`: the burden-sharing
 * solutions of an agreement or a coalitional, bankruptcy or voting game. */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int parse_methods(const char *list, uint64_t *rules)
{
    *rules = 0;
    if (!list || strcmp(list, "all") == 0) return 1;
    const char *p = list;
    while (*p) {
        /* the names are the library's (lia_share_rules_from_name), listed by commands.c */
        size_t len = strcspn(p, ",");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        uint64_t r = 0;
        if (lia_share_rules_from_name(name, &r) != LIA_OK) {
            cli_pick("share", "--method", name);
            return 0;
        }
        if (!r) { *rules = 0; return 1; }   /* all */
        *rules |= r;
        p += len;
        if (*p == ',') p++;
    }
    return 1;
}

static int parse_u64(const char *s, const char *what, uint64_t min, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = s[0] == '-' ? 0 : strtoull(s, &end, 10);
    if (s[0] == '-' || errno || end == s || *end || v < min) {
        fprintf(stderr, "liaison share: bad %s '%s' (a whole number of at least %llu)\n", what, s, (unsigned long long)min);
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_share_options(const cli_opts *o, lia_share_options *so, lia_format *fmt)
{
    if (o->nfiles != 1) {
        fprintf(stderr, "liaison share: give exactly one FILE (liaison share FILE [--game NAME] [--method RULE,...])\n");
        return EXIT_INPUT;
    }
    int rc = cli_format(o, "--format", fmt);
    if (rc) return rc;
    if (!parse_methods(o->method, &so->rules)) return EXIT_INPUT;
    if (o->samples && !parse_u64(o->samples, "--samples", 1, &so->samples)) return EXIT_INPUT;
    if (so->samples > LIA_SHARE_MAX_SAMPLES) {
        fprintf(stderr, "liaison share: --samples %s is more than the %u permutations a run takes\n", o->samples,
                LIA_SHARE_MAX_SAMPLES);
        return EXIT_INPUT;
    }
    if (o->seed && !parse_u64(o->seed, "--seed", 0, &so->seed)) return EXIT_INPUT;
    /* without --method they tune the sampling that large bankruptcy games get by default */
    if ((o->samples || o->seed || o->confidence) && so->rules && !(so->rules >> LIA_SHARE_SHAPLEY_MC & 1)) {
        fprintf(stderr, "liaison share: --samples, --seed and --confidence belong to --method montecarlo\n");
        return EXIT_INPUT;
    }
    if (o->confidence) {
        char *end;
        so->confidence = strtod(o->confidence, &end);
        if (end == o->confidence || *end || !(so->confidence > 0 && so->confidence < 1)) {
            fprintf(stderr, "liaison share: bad --confidence '%s' (a probability strictly between 0 and 1)\n", o->confidence);
            return EXIT_INPUT;
        }
    }
    /* cli_pick offers the library's names (lia_disagreement_name), so from_name takes any it passes */
    if (o->disagreement && (cli_pick("share", "--disagreement", o->disagreement) < 0 ||
                            lia_disagreement_from_name(o->disagreement, &so->disagreement) != LIA_OK))
        return EXIT_INPUT;
    /* as nash refuses a misplaced --label: a flag no chosen rule reads would be silently ignored */
    if (o->disagreement && so->rules &&
        !(so->rules & ((uint64_t)1 << LIA_SHARE_NASH_BARGAINING | (uint64_t)1 << LIA_SHARE_KALAI_SMORODINSKY))) {
        fprintf(stderr, "liaison share: --disagreement belongs to --method bargaining\n");
        return EXIT_INPUT;
    }
    so->memory_cap = o->memory_cap;
    return EXIT_OK;
}

/* The game to share: --game, or the file's only one. */
static int pick_game(lia_model *m, const cli_opts *o, const char **name)
{
    size_t count = lia_model_game_count(m), gi;
    if (o->game) {
        if (lia_model_game_find(m, o->game, &gi) != LIA_OK) {
            cli_no_game(m, o->files[0], o->game, "share");
            return EXIT_INPUT;
        }
        *name = o->game;
        return EXIT_OK;
    }
    if (count == 1) { *name = lia_model_game_name(m, 0); return EXIT_OK; }
    fprintf(stderr, "liaison share: %s has %zu agreements and games; choose one with --game:", o->files[0], count);
    for (size_t i = 0; i < count; i++) fprintf(stderr, "%s %s", i ? "," : "", lia_model_game_name(m, i));
    fputc('\n', stderr);
    return EXIT_INPUT;
}

int cmd_share(int argc, char **argv)
{
    cli_opts o;
    int rc = cli_parse(&o, argc, argv, "share");
    if (rc) { cli_opts_free(&o); return rc; }
    lia_share_options so = LIA_SHARE_OPTIONS_INIT;
    lia_format fmt = LIA_FORMAT_TEXT;
    rc = parse_share_options(&o, &so, &fmt);
    lia_model *m = NULL;
    lia_share *s = NULL;
    char *text = NULL;
    size_t len = 0;
    const char *name = NULL;
    if (!rc) rc = cli_open_model(&m, o.files[0], &o);
    if (!rc) rc = pick_game(m, &o, &name);
    if (!rc) {
        lia_status st = lia_model_share(&s, m, name, &so);
        if (st != LIA_OK) {
            if (s && *lia_share_errmsg(s))
                cli_fail("share", st, lia_share_errmsg(s));
            else
                cli_fail("share", st, lia_model_errmsg(m));
            rc = cli_exit_code(st);
        } else {
            st = lia_share_write(&text, &len, s, fmt);
            rc = st == LIA_OK ? cli_write(&o, text, len) : cli_fail("share", st, NULL);
        }
    }
    lia_free(text);
    lia_share_free(s);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
