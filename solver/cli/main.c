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

/* An unknown command: the closest one, or the list. */
static int unknown_command(const char *cmd)
{
    const char *names[32];
    size_t n = 0;
    for (const cli_command *c = cli_commands; c->name && n < 32; c++) names[n++] = c->name;
    const char *sug = lia_suggest(cmd, names, n);
    if (sug) {
        fprintf(stderr, "liaison: unknown command '%s'; did you mean %s? (see liaison --help)\n", cmd, sug);
    } else {
        fprintf(stderr, "liaison: unknown command '%s'\n\n", cmd);
        cli_general_help(stderr);
    }
    return EXIT_INPUT;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) { cli_general_help(stderr); return EXIT_INPUT; }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        /* liaison help COMMAND is liaison COMMAND --help */
        const cli_command *c = argc > 2 ? cli_command_find(argv[2]) : NULL;
        if (argc > 2 && !c) return unknown_command(argv[2]);
        if (c) cli_command_help(stdout, c);
        else cli_general_help(stdout);
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
    const cli_command *c = cli_command_find(cmd);
    if (!c) return unknown_command(cmd);
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { cli_command_help(stdout, c); return EXIT_OK; }
    /* output files appear only when the whole command succeeded (output.c) */
    int rc = c->run(argc - 2, argv + 2);
    if (rc == EXIT_OK) return cli_outputs_commit();
    cli_outputs_abort();
    return rc;
}
