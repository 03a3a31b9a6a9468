/* entry.c — the process entry point of `liaison` (liaison-mpi has its own, solver/cli/mpi/). */
#include "cli.h"

int main(int argc, char **argv)
{
    cli_single_blas_thread(argv);
    return cli_main(argc, argv);
}
