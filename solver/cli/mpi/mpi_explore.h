/* mpi_explore.h — `liaison-mpi explore`: the runs of an exploration over MPI ranks. */
#ifndef LIA_MPI_EXPLORE_H
#define LIA_MPI_EXPLORE_H
#include "cli.h"

/* argv after "explore"; every rank calls it. Returns the exit code of this rank (rank 0: the
 * command's; the others 0 unless they failed themselves). */
int mpi_explore(int argc, char **argv, int rank, int size);

#endif
