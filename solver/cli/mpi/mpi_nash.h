/* mpi_nash.h — `liaison-mpi nash FILE --method all`: the reverse search's subtrees over MPI ranks. */
#ifndef LIA_MPI_NASH_H
#define LIA_MPI_NASH_H
#include "cli.h"

/* Does this nash command line (argv after "nash") go over the ranks? --method all, without
 * --correlated or --help; every other nash command runs on rank 0 as `liaison nash`. */
int mpi_nash_wanted(int argc, char **argv);
/* argv after "nash"; every rank calls it. The exit code of this rank (rank 0: the command's). */
int mpi_nash(int argc, char **argv, int rank, int size);

#endif
