/* mpi_main.c — liaison-mpi: the liaison command under MPI (docs/cli.md, liaison-mpi).
 *
 * `mpirun -n K liaison-mpi explore FILE ...` spreads the runs of an exploration over the K
 * ranks (mpi_explore.c). Every other command, and explore --merge or --store without a FILE,
 * runs on rank 0 exactly as `liaison` runs it, but `nash FILE --method all`, whose reverse
 * search goes over the ranks (mpi_nash.c); the other ranks do nothing and wait in
 * MPI_Finalize until rank 0 is done, so the exit status and output are those of `liaison`. */
#include "mpi_explore.h"
#include "mpi_nash.h"
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    cli_single_blas_thread(argv);
    /* rank 0 calls MPI from the thread that called MPI_Init only (between its own runs, in
     * the progress callback of lia_explore_solve, which runs on the calling thread) */
    int provided = 0, rank = 0, size = 1;
    if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
        fprintf(stderr, "liaison-mpi: MPI could not start (run it with mpirun)\n");
        return EXIT_INTERNAL;
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int rc = EXIT_OK;
    int help = 0;   /* explore --help is the help of liaison explore (cli_main prints it) */
    for (int i = 2; i < argc; i++) help |= strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0;
    if (argc >= 2 && strcmp(argv[1], "explore") == 0 && !help) {
        rc = mpi_explore(argc - 2, argv + 2, rank, size);
        /* output files appear only when the whole command succeeded (output.c), as cli_main does */
        if (rank == 0 && rc == EXIT_OK) rc = cli_outputs_commit();
        else if (rank == 0) cli_outputs_abort();
    } else if (argc >= 2 && strcmp(argv[1], "nash") == 0 && mpi_nash_wanted(argc - 2, argv + 2)) {
        rc = mpi_nash(argc - 2, argv + 2, rank, size);   /* rank 0 may hand over to cli_main */
        if (rank == 0 && rc == EXIT_OK) rc = cli_outputs_commit();
        else if (rank == 0) cli_outputs_abort();
    } else if (rank == 0) {
        rc = cli_main(argc, argv);
    }
    MPI_Finalize();
    return rc;
}
