/* mpi_wait.c — waiting for a message or a send without spinning. MPI's blocking calls poll at
 * full speed, which on a node with more ranks than free cores takes the CPU from the very rank
 * (or rank 0's other thread) that would answer. A wait happens only when a rank has nothing in
 * hand, so the sleep's latency rarely counts (docs/scaling.md). */
#include "mpi_wait.h"
#include <sched.h>
#include <time.h>

/* A hundred yields first (the answer is usually close), then sleeps of 50 us. */
void mpi_pause(int spins)
{
    if (spins < 100) sched_yield();
    else nanosleep(&(struct timespec){ 0, 50000 }, NULL);
}

void mpi_wait_message(int source, int tag, MPI_Status *s)
{
    for (int spins = 0;; spins++) {
        int flag = 0;
        MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, s);
        if (flag) return;
        mpi_pause(spins);
    }
}

void mpi_wait_request(MPI_Request *r)
{
    for (int spins = 0;; spins++) {
        int flag = 0;
        MPI_Test(r, &flag, MPI_STATUS_IGNORE);
        if (flag) return;
        mpi_pause(spins);
    }
}
