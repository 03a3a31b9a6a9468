/* main.c — the liaison command: dispatch to subcommands, --help and --version (cli_main; the
 * process entry point is entry.c, so that liaison-mpi can dispatch the same way). */
#include "cli.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* OpenBLAS starts a worker pool sized to the machine when it is loaded, and idle workers spin;
 * nothing the CLI runs today uses parallel BLAS, so it runs with one BLAS thread unless the
 * user says otherwise. OpenBLAS reads the variable at load time, hence the one re-exec. */
void cli_single_blas_thread(char **argv)
{
    if (getenv("OPENBLAS_NUM_THREADS")) return;
    if (setenv("OPENBLAS_NUM_THREADS", "1", 0) != 0) return;
    execv("/proc/self/exe", argv);
    /* not Linux, or no /proc: carry on with OpenBLAS's default */
}

static const char usage[] =
    "usage: liaison COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  check   FILE...                        check agreement or game files; diagnostics only\n"
    "  compile FILE [--game NAME] [--emit FORMAT] [-o OUT]\n"
    "                                         the compiled game: text (default), json, nfg, lrs\n"
    "                                         (stage games), tu (coalition values v(S))\n"
    "  solve   FILE [--game NAME] [--monitor PARTY=Q]... [--format text|json|html]\n"
    "          [--vary NAME=FROM:TO:STEPS]... the report of every agreement: commitment, class\n"
    "                                         and equilibria of its stage game; html: a\n"
    "                                         briefing page (--vary adds a breakdown chart)\n"
    "  share   FILE [--game NAME] [--method RULE,...] [--samples N] [--seed S]\n"
    "          [--confidence C] [--disagreement nash|security] [--format text|json|csv]\n"
    "                                         burden sharing: Shapley, Banzhaf, nucleolus, least\n"
    "                                         core, bankruptcy rules, voting power, bargaining\n"
    "  repeat  FILE [--game NAME] [--target S1,S2,...] [--delta D] [--punish nash|minmax]\n"
    "          [--monitor PARTY=Q]... [--format text|json]\n"
    "                                         does a profile (default: the commitment) hold:\n"
    "                                         its status in plain words, critical patience,\n"
    "                                         detection needed, transfers\n"
    "  sweep   FILE [--game NAME] --vary NAME=FROM:TO:STEPS [--vary ...] [--csv OUT]\n"
    "          [--plot OUT.svg] [--threads N] [--tolerance T] [--no-refine]\n"
    "          [--monitor PARTY=Q]... [--format text|json|csv|html]\n"
    "                                         where the verdicts change as parameters move\n"
    "  compare FILE [FILE2] [--game A --game B ...] [--format text|json]\n"
    "                                         agreements side by side: welfare, payoffs, delta*,\n"
    "                                         exposure, transfers, core; bilateral sums\n"
    "  params  FILE [--format text|json|csv] every name --set, --vary and --range accept: let\n"
    "                                         constants and attribute paths, values and ranges\n"
    "  explore FILE [--game NAME] --design mc|lhs|sobol|morris --samples N [--seed S]\n"
    "          [--range PATH=LO:HI]... [--delta D] [--threads K] [--store OUT.sqlite]\n"
    "          [--resume] [--shard I/N] [--plot OUT.svg] [--format text|json|csv]\n"
    "                                         many runs at samples of the uncertain parameters:\n"
    "                                         status probabilities, Sobol or Morris indices,\n"
    "                                         scenarios; explore --store S re-analyses a store,\n"
    "                                         explore --merge OUT PART... merges shards\n"
    "  nash    FILE [--game NAME] [--method pure|lp|lh|all] [--label K] [--exact]\n"
    "          [--format text|json|csv]       equilibria of a game or an agreement's stage game,\n"
    "                                         each verified by its regret\n"
    "\n"
    "options of every command:\n"
    "  --set NAME=VALUE    override a 'let' constant or an attribute path (UK.leak,\n"
    "                      UK.need.soviet, UKUSA.facility.stations.cost, Berne.dilution)\n"
    "  --game NAME         the agreement or game to use when a file has several\n"
    "  --memory-cap SIZE   refuse games larger than SIZE (default 1G; e.g. 512M, 4G)\n"
    "  -o FILE             write the result to FILE instead of standard output\n"
    "  --help, --version\n"
    "\n"
    "FILE is an agreement file (.lia), a Gambit strategic-form file (.nfg) or an lrsnash game.\n"
    "exit status: 0 ok, 2 bad input or usage, 3 internal failure. See docs/cli.md.\n";

int cli_main(int argc, char **argv)
{
    if (argc < 2) { fputs(usage, stderr); return EXIT_INPUT; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("liaison %s\nGLPK %s\nOpenBLAS %s\n", lia_version(), lia_glpk_version(), lia_blas_version());
        if (lia_version_number() != LIA_VERSION_NUMBER) {
            fprintf(stderr, "liaison: library version %d does not match header %d\n", lia_version_number(), LIA_VERSION_NUMBER);
            return EXIT_INTERNAL;
        }
        return EXIT_OK;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage, stdout); return EXIT_OK; }
    }
    static const struct { const char *name; int (*run)(int, char **); } commands[] = {
        { "check", cmd_check }, { "compile", cmd_compile }, { "nash", cmd_nash }, { "solve", cmd_solve },
        { "share", cmd_share }, { "repeat", cmd_repeat }, { "sweep", cmd_sweep }, { "compare", cmd_compare },
        { "params", cmd_params }, { "explore", cmd_explore },
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0) {
            /* output files appear only when the whole command succeeded (output.c) */
            int rc = commands[i].run(argc - 2, argv + 2);
            if (rc == EXIT_OK) return cli_outputs_commit();
            cli_outputs_abort();
            return rc;
        }
    fprintf(stderr, "liaison: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_INPUT;
}
