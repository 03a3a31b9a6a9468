/* cmd_explore.c — `liaison explore FILE [--game NAME] --design mc|lhs|sobol|morris --samples N
 * [--seed S] [--range PATH=LO:HI]... [--delta D] [--target S1,S2,...] [--threads K] [--store OUT.sqlite] [--resume]
 * [--shard I/N] [--format text|json|csv|html] [--plot OUT.svg] [-o OUT]`: many runs at samples of
 * the uncertain parameters, and what they say (docs/cli.md). Also `liaison explore --store
 * OUT.sqlite` (re-analyse a finished store) and `liaison explore --merge OUT.sqlite PART...`. */
#include "cli.h"
#include "explore_cli.h"
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_INTERRUPTED = 130 };

static volatile sig_atomic_t interrupted;
static void on_sigint(int sig) { (void)sig; interrupted = 1; }

void cli_explore_catch_sigint(int on)
{
    static struct sigaction old;
    if (on) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old);
    } else {
        sigaction(SIGINT, &old, NULL);
    }
}

/* The bar on a terminal, with the time left at the rate so far; and Ctrl-C, which stops the
 * library at once; the batch under way is dropped and the store keeps every finished one. */
int cli_explore_progress(void *ctx, size_t done, size_t total)
{
    cli_bar *b = ctx;
    if (interrupted || (b->stop_after && done >= b->stop_after)) return 1;
    if (!b->tty) return 0;
    int pct = total ? (int)(100.0 * (double)done / (double)total) : 100;
    if (pct == b->last && done < total) return 0;
    b->last = pct;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double el = (double)(t.tv_sec - b->t0.tv_sec) + 1e-9 * (double)(t.tv_nsec - b->t0.tv_nsec);
    double left = done ? el * (double)(total - done) / (double)done : 0;
    int fill = pct / 4;
    fprintf(stderr, "\r  [%.*s%*s] %3d%%  %zu/%zu runs  ETA %dm%02ds ", fill, "#########################", 25 - fill, "",
            pct, done, total, (int)(left / 60), (int)fmod(left, 60));
    if (done >= total) fputs("\r\033[K", stderr);
    return 0;
}

static int parse_u64(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!s || *s == '-' || *s == '\0') return 0;
    *out = strtoull(s, &end, 10);
    return !*end && !errno;
}

/* PATH=LO:HI */
static int parse_range(const char *text, lia_explore_range *r, char **name)
{
    const char *eq = strrchr(text, '=');
    char *end;
    if (!eq || eq == text) goto bad;
    if (!(*name = strndup(text, (size_t)(eq - text)))) return 0;
    r->name = *name;
    r->lo = strtod(eq + 1, &end);
    if (end == eq + 1 || *end != ':') goto bad;
    const char *p = end + 1;
    r->hi = strtod(p, &end);
    if (end == p || *end || !isfinite(r->lo) || !isfinite(r->hi)) goto bad;
    if (!(r->lo < r->hi)) {
        fprintf(stderr, "liaison explore: --range %s: the low end must be below the high end\n", text);
        return 0;
    }
    return 1;
bad:
    fprintf(stderr, "liaison explore: bad --range '%s' (PATH=LO:HI, e.g. UK.leak=0.05:0.3)\n", text);
    return 0;
}

static int ends_with_svg(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".svg") == 0;
}

/* The CSV in pieces, so a table of millions of runs never sits in memory twice; a file is
 * staged like every output (cli_output_file) and appears only when the command succeeds. */
static int write_csv(const cli_opts *o, const lia_explore *e)
{
    const char *path = o->output && strcmp(o->output, "-") != 0 ? o->output : NULL;
    int rc = EXIT_OK;
    uint64_t n = lia_explore_run_count(e), step = 4096;
    for (uint64_t k = 0; rc == EXIT_OK && (k < n || k == 0); k += step) {
        char *text = NULL;
        size_t len = 0;
        lia_status st = lia_explore_write_rows(&text, &len, e, k, step, k == 0);
        if (st != LIA_OK) {
            rc = cli_fail("explore", st, lia_explore_errmsg(e));
        } else if (path)
            rc = k == 0 ? cli_output_file(path, text, len) : cli_output_append(path, text, len);
        else if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "liaison: write failed: %s\n", strerror(errno));
            rc = EXIT_INTERNAL;
        }
        lia_free(text);
        if (n == 0) break;
    }
    return rc;
}

/* The command line, for the briefing's foot (the command that regenerates the page). */
static char *brief_command;

static int report(const cli_opts *o, const lia_explore *e, lia_format fmt)
{
    if (!lia_explore_complete(e)) {
        /* a shard, or a store being merged: its runs, but no analysis of a part */
        if (fmt == LIA_FORMAT_CSV) return write_csv(o, e);
        uint64_t a = lia_explore_first_run(e), n = lia_explore_run_count(e);
        char line[512];
        int len = snprintf(line, sizeof line,
                           "%llu runs (%llu to %llu) of the %llu of this exploration%s%s; the analyses need them all: "
                           "merge the shards with liaison explore --merge OUT.sqlite PART.sqlite...\n",
                           (unsigned long long)n, (unsigned long long)a, (unsigned long long)(a + n - (n > 0)),
                           (unsigned long long)lia_explore_total_runs(e), o->store ? " in " : "", o->store ? o->store : "");
        return cli_write(o, line, (size_t)len);
    }
    int rc = EXIT_OK;
    if (o->plot) {
        char *svg = NULL;
        size_t len = 0;
        lia_status st = lia_explore_write_svg(&svg, &len, e);
        if (st == LIA_OK) {
            cli_opts co = *o;
            co.output = o->plot;
            rc = cli_write(&co, svg, len);
        } else {
            rc = cli_fail("explore", st, lia_explore_errmsg(e));
        }
        lia_free(svg);
        if (rc) return rc;
    }
    if (fmt == LIA_FORMAT_CSV) return write_csv(o, e);
    char *text = NULL;
    size_t len = 0;
    lia_status st;
    if (fmt == LIA_FORMAT_HTML) {
        lia_briefing_options bo = LIA_BRIEFING_OPTIONS_INIT;
        bo.command = brief_command;
        st = lia_explore_write_html(&text, &len, e, &bo);
    } else {
        st = lia_explore_write(&text, &len, e, fmt);
    }
    if (st == LIA_OK) rc = cli_write(o, text, len);
    else {
        rc = cli_fail("explore", st, lia_explore_errmsg(e));
    }
    lia_free(text);
    return rc;
}

int cli_explore_finish(lia_status st, const lia_explore *e, const cli_opts *o, lia_format fmt)
{
    if (st == LIA_ECANCELED) {
        fprintf(stderr, "\nliaison explore: interrupted; %s%s%s\n", o->store ? o->store : "",
                o->store ? " keeps every finished batch: the same command with --resume continues"
                         : "nothing was kept (give --store to make a run resumable)", "");
        return EXIT_INTERRUPTED;
    }
    if (st != LIA_OK) {
        return cli_fail("explore", st, e ? lia_explore_errmsg(e) : NULL);
    }
    return report(o, e, fmt);
}

int cli_explore_setup(cli_explore *x, int argc, char **argv)
{
    memset(x, 0, sizeof *x);
    cli_opts *op = &x->o;
    int rc = cli_parse(op, argc, argv, "explore");
    cli_opts o = *op;
    x->eo = (lia_explore_options)LIA_EXPLORE_OPTIONS_INIT;
    lia_explore_options eo = x->eo;
    lia_format fmt = LIA_FORMAT_TEXT;
    lia_explore_range *ranges = x->ranges;
    char **names = x->names;
    if (!rc) rc = cli_format(&o, "--format", &fmt);
    x->fmt = fmt;
    if (!rc && fmt == LIA_FORMAT_HTML && !(brief_command = cli_command_line("explore", argc, argv)))
        rc = cli_failf("explore", LIA_ENOMEM, "out of memory quoting the command line for the briefing page");
    if (!rc && o.plot && !ends_with_svg(o.plot)) {
        fprintf(stderr, "liaison explore: --plot writes SVG only, so OUT must end in .svg (not '%s')\n", o.plot);
        rc = EXIT_INPUT;
    }
    /* one file for two outputs (or an output over the store) would keep only the last */
    const char *paths[3] = { o.output && strcmp(o.output, "-") != 0 ? o.output : NULL, o.plot, o.store };
    static const char *const flags[3] = { "-o", "--plot", "--store" };
    if (!rc) rc = cli_distinct_outputs("explore", paths, flags, 3);
    if (!rc && o.merge) { x->mode = CLI_EXPLORE_MERGE; return EXIT_OK; }
    if (!rc && o.nfiles == 0 && o.store) { x->mode = CLI_EXPLORE_REANALYSE; return EXIT_OK; }
    x->mode = CLI_EXPLORE_RUN;
    if (!rc && o.nfiles != 1) {
        fprintf(stderr, "liaison explore: give exactly one FILE (liaison explore FILE --design lhs --samples N)\n");
        rc = EXIT_INPUT;
    }
    if (!rc) {
        /* the names are the library's (lia_design_from_name), listed by commands.c */
        if (o.design && cli_pick("explore", "--design", o.design) < 0) rc = EXIT_INPUT;
        else if (o.design) lia_design_from_name(o.design, &eo.design);
    }
    unsigned long long u = 0;
    if (!rc && (!o.samples || !parse_u64(o.samples, &u) || u < 1)) {
        fprintf(stderr, "liaison explore: %s --samples '%s' (a whole number of at least 1)\n", o.samples ? "bad" : "give",
                o.samples ? o.samples : "N");
        rc = EXIT_INPUT;
    }
    eo.samples = u;
    if (!rc && o.seed) {
        if (!parse_u64(o.seed, &u)) {
            fprintf(stderr, "liaison explore: bad --seed '%s' (a whole number from 0 to 2^64 - 1)\n", o.seed);
            rc = EXIT_INPUT;
        }
        eo.seed = u;
    }
    if (!rc && o.threads) {
        if (!parse_u64(o.threads, &u) || u < 1 || u > 64) {
            fprintf(stderr, "liaison explore: bad --threads '%s' (1 to 64)\n", o.threads);
            rc = EXIT_INPUT;
        }
        eo.threads = (size_t)u;
    }
    if (!rc && o.delta) {
        char *end;
        eo.delta = strtod(o.delta, &end);
        if (end == o.delta || *end || !(eo.delta > 0 && eo.delta < 1)) {
            fprintf(stderr, "liaison explore: bad --delta '%s' (a discount factor in (0, 1))\n", o.delta);
            rc = EXIT_INPUT;
        }
    }
    if (!rc && o.shard) {
        unsigned long long i = 0, n = 0;
        char *slash = strchr(o.shard, '/'), *end;
        if (slash) { i = strtoull(o.shard, &end, 10); if (end != slash) i = 0; n = strtoull(slash + 1, &end, 10); if (*end) n = 0; }
        if (!slash || *o.shard == '-' || slash[1] == '-' || n < 1 || i < 1 || i > n || n > 1000000) {
            fprintf(stderr, "liaison explore: bad --shard '%s' (I/N: the I-th of N slices, 1 <= I <= N)\n", o.shard);
            rc = EXIT_INPUT;
        } else if (!o.store) {
            fprintf(stderr, "liaison explore: --shard needs --store PART.sqlite (each shard writes its own store)\n");
            rc = EXIT_INPUT;
        }
        eo.shard = (size_t)(i - 1);
        eo.shards = (size_t)n;
    }
    if (!rc && o.resume && !o.store) {
        fprintf(stderr, "liaison explore: --resume continues a store: give --store OUT.sqlite\n");
        rc = EXIT_INPUT;
    }
    for (size_t k = 0; !rc && k < o.nranges; k++)
        if (!parse_range(o.ranges[k], &ranges[k], &names[k])) rc = EXIT_INPUT;
    eo.ranges = ranges;
    eo.nranges = o.nranges;
    eo.store = o.store;
    eo.resume = o.resume;
    eo.memory_cap = o.memory_cap;
    cli_bar *b = &x->bar;
    b->tty = isatty(STDERR_FILENO);
    b->last = -1;
    /* a test hook: behave as if Ctrl-C came after this many runs (tests/cli/explore.sh) */
    const char *hook = getenv("LIAISON_TEST_INTERRUPT_AFTER");
    if (hook && !parse_u64(hook, &b->stop_after)) b->stop_after = 0;
    clock_gettime(CLOCK_MONOTONIC, &b->t0);
    eo.progress = cli_explore_progress;
    eo.progress_ctx = b;
    x->eo = eo;
    if (!rc) rc = cli_open_model(&x->m, o.files[0], &o);
    if (!rc && !o.game && lia_model_game_count(x->m) != 1) {
        fprintf(stderr, "liaison explore: %s has %zu agreements and games; choose one with --game:", o.files[0],
                lia_model_game_count(x->m));
        for (size_t i = 0; i < lia_model_game_count(x->m); i++) fprintf(stderr, "%s %s", i ? "," : "", lia_model_game_name(x->m, i));
        fputc('\n', stderr);
        rc = EXIT_INPUT;
    }
    if (!rc && o.target) {
        /* each run judges this profile instead of the commitment (as liaison repeat --target) */
        lia_game *g = NULL;
        rc = cli_compile_game(&g, x->m, &o, "explore");
        if (!rc && !(x->target = calloc(lia_game_player_count(g) + 1, sizeof *x->target)))
            rc = cli_failf("explore", LIA_ENOMEM, "out of memory for the --target profile (%zu strategies)",
                           lia_game_player_count(g));
        if (!rc && !cli_parse_target(g, o.target, x->target, "explore")) rc = EXIT_INPUT;
        x->eo.target = x->target;
        lia_game_free(g);
    }
    return rc;
}

void cli_explore_cleanup(cli_explore *x)
{
    lia_model_free(x->m);
    x->m = NULL;
    for (size_t k = 0; k < 64; k++) free(x->names[k]);
    free(x->target);
    x->target = NULL;
    free(brief_command);
    brief_command = NULL;
    cli_opts_free(&x->o);
}

int cmd_explore(int argc, char **argv)
{
    cli_explore x;
    int rc = cli_explore_setup(&x, argc, argv);
    const cli_opts o = x.o;
    lia_explore *e = NULL;
    if (!rc && x.mode == CLI_EXPLORE_MERGE) {
        /* liaison explore --merge OUT.sqlite PART.sqlite... */
        if (o.nfiles < 2) {
            fprintf(stderr, "liaison explore: --merge OUT.sqlite PART.sqlite... (the merged store, then the parts)\n");
            rc = EXIT_INPUT;
        } else {
            lia_status st = lia_explore_merge(&e, o.files[0], (const char *const *)(o.files + 1), o.nfiles - 1);
            cli_opts co = o;
            co.store = o.files[0];
            rc = cli_explore_finish(st, e, &co, x.fmt);
        }
    } else if (!rc && x.mode == CLI_EXPLORE_REANALYSE) {
        /* re-analyse a finished store without solving */
        lia_status st = lia_explore_open(&e, o.store);
        if (st == LIA_OK && !lia_explore_complete(e) && x.fmt != LIA_FORMAT_CSV && lia_explore_run_count(e) < lia_explore_total_runs(e) &&
            lia_explore_first_run(e) == 0) {
            fprintf(stderr, "liaison explore: %s is unfinished (%llu of %llu runs): continue it with liaison explore FILE ... "
                            "--store %s --resume\n", o.store, (unsigned long long)lia_explore_run_count(e),
                    (unsigned long long)lia_explore_total_runs(e), o.store);
            rc = EXIT_INPUT;
        } else {
            rc = cli_explore_finish(st, e, &o, x.fmt);
        }
    } else if (!rc) {
        cli_explore_catch_sigint(1);
        lia_status st = lia_model_explore(&e, x.m, o.game, &x.eo);
        cli_explore_catch_sigint(0);
        rc = cli_explore_finish(st, e, &o, x.fmt);
    }
    lia_explore_free(e);
    cli_explore_cleanup(&x);
    return rc;
}
