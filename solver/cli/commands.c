/* commands.c — every command of `liaison` and the flags each one takes: one table per command,
 * which cli_parse (options.c) parses against and from which `liaison COMMAND --help` and the
 * general `liaison --help` are printed. A flag missing from a command's table is refused with
 * exit 2 rather than ignored; tests/cli/flags.sh tries every command with every flag it lacks. */
#include "cli.h"
#include <string.h>

/* Value lists read from the library, so a method or design added there shows here. */
static const char *nash_methods(size_t i, const char **note)
{
    const char *name = lia_nash_method_name((lia_nash_method)i);
    if (name && !lia_nash_method_available((lia_nash_method)i)) *note = "not in this build";
    return name;
}
/* One line on each method for nash --help, by the library's name (a method the library adds
 * without a line here is still listed above, by name). */
static const char *const method_lines[][2] = {
    { "pure", "every pure equilibrium, any number of players, exactly" },
    { "lp", "two-player constant-sum games: the minimax solution" },
    { "lh", "two players: Lemke-Howson, one equilibrium per label" },
    { "all", "two players: every extreme equilibrium, its components" },
    { "support", "every isolated equilibrium of a small game, any players" },
    { "simpdiv", "one equilibrium by simplicial subdivision, any players" },
    { "qre", "the equilibrium the logit QRE path selects, any players" },
    { "gnm", "one equilibrium by the global Newton method, any players" },
};

static const char *method_line(const char *name)
{
    for (size_t i = 0; i < sizeof method_lines / sizeof method_lines[0]; i++)
        if (!strcmp(method_lines[i][0], name)) return method_lines[i][1];
    return NULL;
}

static const char *share_methods(size_t i, const char **note) { (void)note; return lia_share_selection_name(i); }
static const char *designs(size_t i, const char **note) { (void)note; return lia_design_name((lia_design)i); }
static const char *punishments(size_t i, const char **note) { (void)note; return lia_punishment_name((lia_punishment)i); }
static const char *disagreements(size_t i, const char **note)
{
    (void)note;
    return lia_disagreement_name((lia_disagreement)i);
}

/* The flags most commands share. */
#define F_SET { "--set", "NAME=VALUE", "override a 'let' constant or an attribute path (UK.leak, UK.need.soviet, " \
                "Berne.dilution); repeatable; liaison params lists every name", NULL }
#define F_CAP { "--memory-cap", "SIZE", "refuse games larger than SIZE (default 1G; e.g. 512M, 4G)", NULL }
#define F_OUT { "-o", "FILE", "write the result to FILE instead of standard output (also --output FILE)", NULL }
#define F_GAME { "--game", "NAME", "the agreement or game to use when the file has several", NULL }
#define F_MONITOR { "--monitor", "PARTY=Q", "PARTY notices a breach with chance Q per period (0 < Q <= 1); " \
                    "repeatable", NULL }
#define F_VARY(what) { "--vary", "NAME=FROM:TO:STEPS", what, NULL }
#define F_THREADS(what) { "--threads", "N", what, NULL }
#define F_TOLERANCE { "--tolerance", "T", "refine each verdict boundary to within T (a positive width)", NULL }
#define F_NO_REFINE { "--no-refine", NULL, "the grid only: do not refine the boundaries between its points", NULL }
#define F_END { NULL, NULL, NULL, NULL }

static const cli_flag check_flags[] = { F_SET, F_CAP, F_END };

static const cli_flag compile_flags[] = {
    F_GAME,
    { "--emit", "text|json|nfg|lrs|tu|lp", "the compiled game (text, the default), its JSON, a Gambit .nfg, lrsnash "
      "input, the coalition values v(S) (tu), or an LP in CPLEX format (lp)", NULL },
    { "--maxmin", "PLAYER", "with --emit lp: PLAYER's security LP (by name or 1-based number) instead of the "
      "correlated-equilibrium LP", NULL },
    { "--coarse", NULL, "with --emit lp: the coarse correlated-equilibrium LP", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag nash_flags[] = {
    F_GAME,
    { "--method", "METHOD", "how to find equilibria (default pure)", nash_methods },
    { "--label", "K|any", "with --method lh: start from label K (rows first), or race labels (any)", NULL },
    { "--exact", NULL, "with --method all: every equilibrium in exact rationals, checked exactly", NULL },
    F_THREADS("with --method all: threads for the vertex search (1 to 64; the same result for any N)"),
    { "--correlated", NULL, "also the correlated equilibria: the welfare-maximising one and the payoff ranges", NULL },
    { "--coarse", NULL, "with --correlated: coarse correlated equilibria", NULL },
    { "--format", "text|json|csv", "the output (default text)", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag solve_flags[] = {
    F_GAME, F_MONITOR,
    { "--format", "text|json|html", "the output (default text); html: a briefing page", NULL },
    F_VARY("with --format html: add the sweep's breakdown chart (one or two, as in sweep)"),
    F_THREADS("with --vary: threads for the sweep (1 to 64)"),
    F_TOLERANCE, F_NO_REFINE,
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag share_flags[] = {
    F_GAME,
    { "--method", "RULE,...", "the sharing rules to compute (default: every rule that applies)", share_methods },
    { "--samples", "N", "Monte-Carlo permutations (default 10000)", NULL },
    { "--seed", "S", "Monte-Carlo seed (default 1): the same seed gives the same estimate", NULL },
    { "--confidence", "C", "the confidence of the Monte-Carlo error bound, strictly between 0 and 1", NULL },
    { "--disagreement", "POINT", "the bargaining disagreement point: each member's worst equilibrium "
      "payoff (nash, the default) or its security level", disagreements },
    { "--format", "text|json|csv", "the output (default text)", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag repeat_flags[] = {
    F_GAME,
    { "--target", "S1,S2,...", "the profile to test, one strategy per player (default: the commitment)", NULL },
    { "--delta", "D", "the discount factor, strictly between 0 and 1 (adds the payoff set)", NULL },
    { "--punish", "KIND", "the punishment after a breach (default nash reversion)", punishments },
    F_MONITOR,
    { "--format", "text|json", "the output (default text)", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag sweep_flags[] = {
    F_GAME,
    F_VARY("the parameter to vary and its grid (one or two)"),
    { "--csv", "OUT", "also write every grid point as CSV to OUT", NULL },
    { "--plot", "OUT.svg", "also draw the verdicts as an SVG chart", NULL },
    F_THREADS("threads that solve the grid (1 to 64)"),
    F_TOLERANCE, F_NO_REFINE, F_MONITOR,
    { "--format", "text|json|csv|html", "the output (default text); html: a briefing page with the chart", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag compare_flags[] = {
    { "--game", "NAME", "an agreement to compare (repeatable; default every agreement of the files)", NULL },
    { "--format", "text|json", "the output (default text)", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag params_flags[] = {
    { "--format", "text|json|csv", "the output (default text)", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

static const cli_flag explore_flags[] = {
    F_GAME,
    { "--design", "DESIGN", "how to sample (default lhs): mc, lhs, sobol (Sobol indices) or morris (elementary "
      "effects)", designs },
    { "--samples", "N", "samples (sobol: base rows; morris: trajectories)", NULL },
    { "--seed", "S", "the seed (default 0): the same seed gives the same runs", NULL },
    { "--range", "PATH=LO:HI", "an uncertain parameter and its range (repeatable; also a let's `in [LO, HI]`)", NULL },
    { "--delta", "D", "the discount factor of every run, strictly between 0 and 1", NULL },
    F_THREADS("threads that solve the runs (1 to 64; the same runs for any N)"),
    { "--store", "OUT.sqlite", "stream the runs into an SQLite store; alone (no FILE): re-analyse that store", NULL },
    { "--resume", NULL, "continue the runs an interrupted exploration left in --store", NULL },
    { "--shard", "I/N", "run only the I-th of N slices of the runs (with --store)", NULL },
    { "--merge", NULL, "liaison explore --merge OUT.sqlite PART.sqlite...: merge shards' stores", NULL },
    { "--plot", "OUT.svg", "also draw the indices or probabilities as an SVG chart", NULL },
    { "--target", "S1,S2,...", "judge this profile (one strategy per member, by name or index) instead of the "
      "commitment", NULL },
    { "--format", "text|json|csv|html", "the output (default text); csv: one row per run; html: a briefing page", NULL },
    F_SET, F_CAP, F_OUT, F_END,
};

const cli_command cli_commands[] = {
    { "check", cmd_check, "FILE...", "check agreement or game files; diagnostics only", check_flags },
    { "compile", cmd_compile, "FILE", "the compiled game (stage games, coalition values) or one of its LPs",
      compile_flags },
    { "solve", cmd_solve, "FILE", "every agreement's commitment, stage-game class and equilibria; html: a briefing page", solve_flags },
    { "share", cmd_share, "FILE", "burden sharing: Shapley, Banzhaf, nucleoli, bankruptcy rules, voting power, bargaining", share_flags },
    { "repeat", cmd_repeat, "FILE", "does the commitment (or a profile) hold when repeated: patience, detection, transfers", repeat_flags },
    { "sweep", cmd_sweep, "FILE --vary NAME=FROM:TO:STEPS", "where the verdicts change as parameters move",
      sweep_flags },
    { "compare", cmd_compare, "FILE [FILE2]", "agreements side by side: welfare, payoffs, delta*, exposure, "
      "transfers, core", compare_flags },
    { "params", cmd_params, "FILE", "every name --set, --vary and --range accept, with its value and range",
      params_flags },
    { "explore", cmd_explore, "FILE --samples N", "runs at samples of the uncertain parameters: status odds, Sobol or Morris indices", explore_flags },
    { "nash", cmd_nash, "FILE", "equilibria of a game or an agreement's stage game, each verified by its regret",
      nash_flags },
    { NULL, NULL, NULL, NULL, NULL },
};

const cli_command *cli_command_find(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0) return c;
    return NULL;
}

const cli_flag *cli_flag_find(const cli_command *c, const char *name)
{
    for (const cli_flag *f = c->flags; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

/* text from column `at` on, broken between words before column 100, later lines indented
 * to column 33 (where the help of a flag starts) */
static void wrap(FILE *f, const char *text, int at)
{
    const int indent = at;   /* continuation lines line up under the first */
    while (*text) {
        int room = 100 - at, n = (int)strlen(text);
        if (n > room) {
            n = room;
            while (n > 0 && text[n] != ' ') n--;
            if (n == 0) n = (int)strcspn(text, " ");
        }
        fprintf(f, "%.*s\n", n, text);
        text += n;
        while (*text == ' ') text++;
        if (*text) fprintf(f, "%*s", indent, "");
        at = indent;
    }
}

void cli_command_help(FILE *f, const cli_command *c)
{
    fprintf(f, "usage: liaison %s %s [options]\n\n%s.\n\noptions:\n", c->name, c->operands, c->summary);
    for (const cli_flag *fl = c->flags; fl->name; fl++) {
        char head[64];
        snprintf(head, sizeof head, "%s%s%s", fl->name, fl->arg ? " " : "", fl->arg ? fl->arg : "");
        fprintf(f, "  %-30s ", head);
        wrap(f, fl->help, 33);
        if (fl->names) {
            /* the values, as the library names them */
            char list[1024];
            size_t at = (size_t)snprintf(list, sizeof list, "%s:", strchr(fl->arg, ',') ? "rules" : "one of");
            const char *name, *note = NULL;
            for (size_t i = 0; (name = fl->names(i, &note)) && at < sizeof list; i++, note = NULL)
                at += (size_t)snprintf(list + at, sizeof list - at, "%s %s%s%s%s", i ? "," : "", name, note ? " (" : "",
                                       note ? note : "", note ? ")" : "");
            fprintf(f, "%33s", "");
            wrap(f, list, 33);
            if (fl->names == nash_methods)
                for (size_t i = 0; (name = fl->names(i, &note)); i++, note = NULL) {
                    const char *line = method_line(name);
                    if (!line) continue;
                    fprintf(f, "%35s%-9s", "", name);
                    wrap(f, line, 44);
                }
        }
    }
    fprintf(f, "  %-30s %s\n\nexit status: 0 ok, 2 bad input or usage, 3 internal failure. See docs/cli.md.\n",
            "--help", "this help");
}

void cli_general_help(FILE *f)
{
    fputs("usage: liaison COMMAND FILE [options]\n\ncommands:\n", f);
    for (const cli_command *c = cli_commands; c->name; c++) fprintf(f, "  %-8s %s\n", c->name, c->summary);
    fputs("\n'liaison COMMAND --help' lists the options of a command; 'liaison --version' the versions.\n"
          "FILE is an agreement file (.lia), a Gambit strategic-form file (.nfg) or an lrsnash game.\n"
          "exit status: 0 ok, 2 bad input or usage, 3 internal failure. See docs/cli.md.\n", f);
}
