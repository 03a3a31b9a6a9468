/* options.c — parsing a command's flags against its table (commands.c), and what the commands
 * share: opening the model with --set, --monitor, the game, writing the output. */
#include "cli.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || errno || !(v > 0)) return 0;   /* also refuses nan */
    double mul = 1;
    if (*end == 'K' || *end == 'k') mul = 1024.0, end++;
    else if (*end == 'M' || *end == 'm') mul = 1024.0 * 1024, end++;
    else if (*end == 'G' || *end == 'g') mul = 1024.0 * 1024 * 1024, end++;
    if (*end == 'i') end++;
    if (*end == 'B') end++;
    if (*end) return 0;
    v *= mul;
    if (!(v >= 1) || v >= 1.8e19) return 0;   /* 0.5 bytes would read as 0, i.e. the default */
    *out = (size_t)v;
    return 1;
}

static int usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "liaison %s: ", command);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see liaison %s --help)\n", command);
    return EXIT_INPUT;
}

/* A flag the command's table does not hold: one of another command's ("--delta is not an
 * option of solve"), or unknown, with the closest flag of this command. */
static int refuse_flag(const cli_command *c, const char *name)
{
    const char *as = strcmp(name, "--output") == 0 ? "-o" : name;
    for (const cli_command *other = cli_commands; other->name; other++)
        if (cli_flag_find(other, as)) {
            fprintf(stderr, "liaison %s: %s is not an option of %s (see liaison %s --help)\n", c->name, name, c->name,
                    c->name);
            return EXIT_INPUT;
        }
    const char *cands[64];
    size_t n = 0;
    for (const cli_flag *f = c->flags; f->name && n < 63; f++) cands[n++] = f->name;
    cands[n++] = "--help";
    const char *sug = lia_suggest(name, cands, n);
    fprintf(stderr, "liaison %s: unknown option '%s'%s%s%s (see liaison %s --help)\n", c->name, name,
            sug ? "; did you mean " : "", sug ? sug : "", sug ? "?" : "", c->name);
    return EXIT_INPUT;
}

/* Keep the value of one flag of the table in o; 0 (message printed) if it is refused, -1
 * (message printed) if it could not be kept for want of memory. */
static int store(cli_opts *o, const char *name, const char *val)
{
    const char *cmd = o->command;
    if (strcmp(name, "--game") == 0) {
        o->game = val;
        if (o->ngames == sizeof o->games / sizeof *o->games) return !usage_error(cmd, "at most 16 %s", "--game");
        o->games[o->ngames++] = val;
    }
    else if (strcmp(name, "--emit") == 0) o->emit = val;
    else if (strcmp(name, "--format") == 0) o->format = val;
    else if (strcmp(name, "--method") == 0) o->method = val;
    else if (strcmp(name, "--label") == 0) o->label = val;
    else if (strcmp(name, "--maxmin") == 0) o->maxmin = val;
    else if (strcmp(name, "--samples") == 0) o->samples = val;
    else if (strcmp(name, "--seed") == 0) o->seed = val;
    else if (strcmp(name, "--confidence") == 0) o->confidence = val;
    else if (strcmp(name, "--disagreement") == 0) o->disagreement = val;
    else if (strcmp(name, "--target") == 0) o->target = val;
    else if (strcmp(name, "--delta") == 0) o->delta = val;
    else if (strcmp(name, "--punish") == 0) o->punish = val;
    else if (strcmp(name, "--monitor") == 0) {
        if (o->nmonitor == sizeof o->monitor / sizeof *o->monitor) return !usage_error(cmd, "at most 16 %s", "--monitor");
        o->monitor[o->nmonitor++] = val;
    }
    else if (strcmp(name, "--vary") == 0) { if (o->nvary < 3) o->vary[o->nvary++] = val; }   /* a third is refused later */
    else if (strcmp(name, "--csv") == 0) o->csv = val;
    else if (strcmp(name, "--plot") == 0) o->plot = val;
    else if (strcmp(name, "--threads") == 0) o->threads = val;
    else if (strcmp(name, "--tolerance") == 0) o->tolerance = val;
    else if (strcmp(name, "--no-refine") == 0) o->no_refine = 1;
    else if (strcmp(name, "--range") == 0) {
        if (o->nranges == sizeof o->ranges / sizeof *o->ranges) return !usage_error(cmd, "at most 64 %s", "--range");
        o->ranges[o->nranges++] = val;
    }
    else if (strcmp(name, "--design") == 0) o->design = val;
    else if (strcmp(name, "--store") == 0) o->store = val;
    else if (strcmp(name, "--shard") == 0) o->shard = val;
    else if (strcmp(name, "--resume") == 0) o->resume = 1;
    else if (strcmp(name, "--merge") == 0) o->merge = 1;
    else if (strcmp(name, "--exact") == 0) o->exact = 1;
    else if (strcmp(name, "--correlated") == 0) o->correlated = 1;
    else if (strcmp(name, "--coarse") == 0) o->coarse = 1;
    else if (strcmp(name, "-o") == 0) o->output = val;
    else if (strcmp(name, "--memory-cap") == 0) {
        if (!parse_size(val, &o->memory_cap)) return !usage_error(cmd, "bad --memory-cap '%s' (try 512M or 2G)", val);
    } else if (strcmp(name, "--set") == 0) {
        const char *e = strchr(val, '=');
        if (!e || e == val) return !usage_error(cmd, "--set needs NAME=VALUE, got '%s'", val);
        char *n = strndup(val, (size_t)(e - val));
        if (!n) {
            cli_failf(cmd, LIA_ENOMEM, "out of memory keeping the name of --set %s", val);
            return -1;
        }
        o->sets[o->nsets].name = n;
        o->sets[o->nsets].value = e + 1;
        o->nsets++;
    } else {
        /* a flag in a table that nothing reads would be ignored: the bug this parser prevents */
        fprintf(stderr, "liaison %s: %s is in the command's table but not kept (a bug in solver/cli/options.c)\n", cmd, name);
        return 0;
    }
    return 1;
}

int cli_parse(cli_opts *o, int argc, char **argv, const char *command)
{
    memset(o, 0, sizeof *o);
    o->command = command;
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->sets = calloc((size_t)argc + 1, sizeof *o->sets);
    if (!o->files || !o->sets) return cli_failf(command, LIA_ENOMEM, "out of memory holding the %d arguments", argc);
    const cli_command *c = cli_command_find(command);
    if (!c) { fprintf(stderr, "liaison: no table of flags for '%s'\n", command); return EXIT_INTERNAL; }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) { o->files[o->nfiles++] = a; continue; }
        /* --opt=value and --opt value both work */
        const char *eq = strncmp(a, "--", 2) == 0 ? strchr(a, '=') : NULL;
        char spelled[64], name[64];
        snprintf(spelled, sizeof spelled, "%.*s", eq ? (int)(eq - a) : (int)strlen(a), a);
        snprintf(name, sizeof name, "%s", strcmp(spelled, "--output") == 0 ? "-o" : spelled);   /* one flag, two names */
        const cli_flag *f = cli_flag_find(c, name);
        if (!f) return refuse_flag(c, spelled);
        const char *val = eq ? eq + 1 : NULL;
        if (f->arg && !val) {
            if (i + 1 >= argc) return usage_error(command, "%s needs a value", a);
            val = argv[++i];
        } else if (!f->arg && val) {
            return usage_error(command, "%s takes no value", name);
        }
        int kept = store(o, name, val);
        if (kept <= 0) return kept < 0 ? EXIT_INTERNAL : EXIT_INPUT;
    }
    return EXIT_OK;
}

/* The names a flag's value may take: its table entry's `names`, or the `arg` "a|b|c" split. */
static size_t flag_values(const cli_flag *f, const char **out, char *buf, size_t cap, size_t max)
{
    size_t n = 0;
    if (f->names) {
        const char *name, *note = NULL;
        while (n < max && (name = f->names(n, &note))) out[n++] = name;
        return n;
    }
    snprintf(buf, cap, "%s", f->arg ? f->arg : "");
    for (char *p = buf; *p && n < max;) {
        out[n++] = p;
        p += strcspn(p, "|");
        if (*p) *p++ = 0;
    }
    return n;
}

int cli_pick(const char *command, const char *flag, const char *value)
{
    const cli_command *c = cli_command_find(command);
    const cli_flag *f = c ? cli_flag_find(c, flag) : NULL;
    const char *names[32];
    char buf[256];
    size_t n = f ? flag_values(f, names, buf, sizeof buf, 32) : 0;
    for (size_t k = 0; k < n; k++)
        if (strcmp(value, names[k]) == 0) return (int)k;
    const char *sug = lia_suggest(value, names, n);
    fprintf(stderr, "liaison %s: unknown %s '%s'", command, flag, value);
    if (sug) fprintf(stderr, "; did you mean %s?", sug);
    fputs(" (", stderr);
    for (size_t k = 0; k < n; k++) fprintf(stderr, "%s%s", k ? (k + 1 == n ? " or " : ", ") : "", names[k]);
    fputs(")\n", stderr);
    return -1;
}

int cli_format(const cli_opts *o, const char *flag, lia_format *fmt)
{
    const char *value = strcmp(flag, "--emit") == 0 ? o->emit : o->format;
    if (!value) return EXIT_OK;
    if (cli_pick(o->command, flag, value) < 0) return EXIT_INPUT;
    if (lia_format_from_name(value, fmt) != LIA_OK) {
        fprintf(stderr, "liaison %s: %s %s is not a format of this library\n", o->command, flag, value);
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

void cli_opts_free(cli_opts *o)
{
    for (size_t i = 0; i < o->nsets; i++) free((char *)o->sets[i].name);
    free(o->sets);
    free(o->files);
}

int cli_exit_code(lia_status st)
{
    switch (st) {
    case LIA_OK: return EXIT_OK;
    case LIA_EINPUT: case LIA_EUSAGE: case LIA_EIO: case LIA_ELIMIT: return EXIT_INPUT;
    default: return EXIT_INTERNAL;
    }
}

int cli_open_model(lia_model **out, const char *path, const cli_opts *o)
{
    lia_model *m = NULL;
    *out = NULL;
    lia_status st = lia_model_open_cap(&m, path, o->memory_cap);
    /* apply every override before judging: one --set may only make sense with the next (two
     * split shares that must sum to 1), or may supply what the file leaves out */
    if (st == LIA_OK || (st == LIA_EINPUT && o->nsets)) {
        for (size_t i = 0; i < o->nsets; i++) {
            lia_status s = lia_model_set(m, o->sets[i].name, o->sets[i].value);
            if (s == LIA_EUSAGE || s == LIA_ENOMEM) {
                fprintf(stderr, "liaison: --set %s: %s\n", o->sets[i].name, lia_model_errmsg(m));
                st = s;
                break;
            }
            st = s;
        }
    }
    if (m) cli_print_diags(stderr, m);
    if (st == LIA_EIO || st == LIA_ENOMEM) fprintf(stderr, "liaison: %s\n", cli_reason(st, m ? lia_model_errmsg(m) : "out of memory"));
    if (st != LIA_OK) {
        if (st == LIA_EINPUT)
            fprintf(stderr, "%s: %zu error%s\n", path, lia_model_error_count(m), lia_model_error_count(m) == 1 ? "" : "s");
        lia_model_free(m);
        return cli_exit_code(st);
    }
    /* --game names one of the file's agreements and games (compare looks in two files) */
    size_t gi;
    if (o->game && o->command && strcmp(o->command, "compare") != 0 && lia_model_game_find(m, o->game, &gi) != LIA_OK) {
        cli_no_game(m, path, o->game, o->command);
        lia_model_free(m);
        return EXIT_INPUT;
    }
    *out = m;
    return EXIT_OK;
}

void cli_no_game(const lia_model *m, const char *path, const char *name, const char *command)
{
    size_t n = lia_model_game_count(m);
    const char *names[256];
    for (size_t i = 0; i < n && i < 256; i++) names[i] = lia_model_game_name(m, i);
    const char *sug = lia_suggest(name, names, n < 256 ? n : 256);
    fprintf(stderr, "liaison %s: %s has no agreement or game named '%s'", command, path, name);
    if (sug) {
        fprintf(stderr, "; did you mean '%s'?\n", sug);
        return;
    }
    fputs(n ? " (it has:" : " (it has none)", stderr);
    for (size_t i = 0; i < n; i++) fprintf(stderr, "%s %s", i ? "," : "", names[i < 256 ? i : 255]);
    fputs(n ? ")\n" : "\n", stderr);
}

int cli_apply_monitor(lia_model *m, const cli_opts *o, const char *command)
{
    for (size_t k = 0; k < o->nmonitor; k++) {
        const char *a = o->monitor[k], *eq = strchr(a, '=');
        char *end = NULL;
        double q = eq ? strtod(eq + 1, &end) : 0;
        if (!eq || eq == a || end == eq + 1 || *end || !(q > 0 && q <= 1)) {
            fprintf(stderr, "liaison %s: bad --monitor '%s' (PARTY=Q, Q the chance per period that a breach is "
                            "noticed, in (0, 1])\n", command, a);
            return EXIT_INPUT;
        }
        size_t matched = 0;
        for (size_t i = 0; i < lia_model_game_count(m); i++) {
            lia_game_kind kind = lia_model_game_kind(m, i);
            const char *game = lia_model_game_name(m, i);
            if ((kind != LIA_KIND_BILATERAL && kind != LIA_KIND_MULTILATERAL) || (o->game && strcmp(o->game, game) != 0))
                continue;
            char path[512];
            snprintf(path, sizeof path, "%s.monitor.%.*s", game, (int)(eq - a), a);
            lia_status st = lia_model_set(m, path, eq + 1);
            if (st == LIA_EUSAGE) continue;   /* not a member of this agreement */
            if (st != LIA_OK) {
                cli_print_diags(stderr, m);
                return cli_exit_code(st);
            }
            matched++;
        }
        if (!matched) {
            fprintf(stderr, "liaison %s: --monitor %s: %.*s is not a member of %s%s\n", command, a, (int)(eq - a), a,
                    o->game ? "agreement " : "any agreement of the file", o->game ? o->game : "");
            return EXIT_INPUT;
        }
    }
    return EXIT_OK;
}

int cli_compile_game(lia_game **out, lia_model *m, const cli_opts *o, const char *command)
{
    lia_compile_options copts = LIA_COMPILE_OPTIONS_INIT;
    copts.memory_cap = o->memory_cap;
    lia_status st = lia_model_compile(out, m, o->game, &copts);
    return st == LIA_OK ? EXIT_OK : cli_fail(command, st, lia_model_errmsg(m));
}

int cli_write_with(const cli_opts *o, void (*fill)(FILE *f, void *ctx), void *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return cli_failf(o->command, LIA_ENOMEM, "out of memory opening a buffer for the result");
    fill(f, ctx);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad || !text) {
        free(text);
        return cli_failf(o->command, LIA_ENOMEM, "out of memory writing the result into its buffer");
    }
    int rc = cli_write(o, text, len);
    free(text);
    return rc;
}

int cli_write(const cli_opts *o, const char *text, size_t len)
{
    if (o->output && strcmp(o->output, "-") != 0) return cli_output_file(o->output, text, len);
    size_t n = fwrite(text, 1, len, stdout);
    if (n != len || fflush(stdout) != 0) { fprintf(stderr, "liaison: write failed: %s\n", strerror(errno)); return EXIT_INTERNAL; }
    return EXIT_OK;
}
