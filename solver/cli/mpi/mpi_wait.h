/* mpi_wait.h — waiting for MPI without spinning (liaison-mpi's explore and nash). */
#ifndef LIAISON_MPI_WAIT_H
#define LIAISON_MPI_WAIT_H
#include <mpi.h>

/* Until a message from source (or MPI_ANY_SOURCE) with tag (or MPI_ANY_TAG) is there; *s
 * describes it. */
void mpi_wait_message(int source, int tag, MPI_Status *s);
/* After `spins` fruitless looks for work: a yield for the first hundred, then 50 us asleep. */
void mpi_pause(int spins);
/* Until the request (a send under way) completes. */
void mpi_wait_request(MPI_Request *r);

#endif
