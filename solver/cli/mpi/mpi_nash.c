/* mpi_nash.c — `mpirun -n K liaison-mpi nash FILE --method all`: the subtrees of the reverse
 * search over K ranks (the mplrs scheme; docs/scaling.md), through lia_nash_split_*.
 *
 * Every rank reads the same file and makes a split of the same game. Rank 0's split runs the
 * enumeration (on a thread of the library's) and yields subtree jobs as bytes; rank 0 keeps
 * every worker PREFETCH jobs ahead, runs jobs itself while the workers are busy, and appends
 * each result as it arrives. A job explores its subtree within a budget fixed by its depth in
 * the job tree and hands the unexplored rest back as new jobs, so the job tree, hence the
 * output, is that of `liaison nash FILE --method all` for any K. Rank 0 holds what the single
 * process holds (the vertex sets, under --memory-cap) plus the jobs in flight. */
#include "mpi_nash.h"
#include "mpi_wait.h"
#include <mpi.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TAG_JOB = 11, TAG_RESULT = 12, TAG_FAIL = 13, TAG_DONE = 14 };

/* LIAISON_MPI_STATS=1: each rank says on stderr how many jobs it ran and its CPU seconds
 * (docs/scaling.md: wall clock means little on a shared machine). */
static void stats(int rank, unsigned long jobs)
{
    const char *v = getenv("LIAISON_MPI_STATS");
    if (!v || strcmp(v, "1") != 0) return;
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    fprintf(stderr, "liaison-mpi nash: rank %d ran %lu jobs, %.2f CPU s\n", rank, jobs,
            (double)t.tv_sec + 1e-9 * (double)t.tv_nsec);
}

int mpi_nash_wanted(int argc, char **argv)
{
    int all = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--correlated") == 0 || strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 0;
        if (strcmp(argv[i], "--method") == 0 && i + 1 < argc) all = strcmp(argv[i + 1], "all") == 0;
    }
    return all;
}

/* Rank 0's checks, in cmd_nash's order: 0 to go on, -1 when `liaison nash` must run instead
 * (it says what is wrong in its own words), or the exit code of a failure already reported. */
static int check(cli_opts *o, lia_nash_options *nopts, lia_format *fmt)
{
    if (o->nfiles != 1 || o->label || o->coarse || o->correlated) return -1;
    nopts->method = LIA_NASH_ALL;
    nopts->exact = o->exact;
    nopts->memory_cap = o->memory_cap;
    if (o->threads) {
        char *end;
        unsigned long t = strtoul(o->threads, &end, 10);
        if (end == o->threads || *end || t < 1 || t > 64) return -1;
        nopts->threads = (unsigned)t;
    }
    return cli_format(o, "--format", fmt);
}

static char *dup_text(const char *t)
{
    char *p = malloc(strlen(t) + 1);
    if (p) strcpy(p, t);
    return p;
}

/* A worker's failure, in words, for rank 0 to report. */
static void send_fail(const char *what)
{
    MPI_Send(what, (int)strlen(what) + 1, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD);
}

/* A worker rank: its main thread talks to rank 0, `threads` solver threads run the jobs. */
typedef struct msg { void *p; size_t n; struct msg *next; } msg;
typedef struct crew {
    lia_nash_split *s;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    msg *jobs, *results;    /* LIFO stacks: order does not matter, only who has what */
    int quit;
    unsigned long ran;
} crew;

static void *crew_solver(void *arg)
{
    crew *C = arg;
    pthread_mutex_lock(&C->mu);
    for (;;) {
        while (!C->quit && !C->jobs) pthread_cond_wait(&C->cv, &C->mu);
        if (C->quit) break;
        msg *j = C->jobs;
        C->jobs = j->next;
        pthread_mutex_unlock(&C->mu);
        void *res = NULL;
        size_t len = 0;
        lia_status st = lia_nash_split_solve(C->s, j->p, j->n, &res, &len);
        /* a failure goes back as its words (TAG_FAIL): the NUL marks it */
        if (st != LIA_OK || len > (size_t)INT32_MAX) {
            lia_free(res);
            const char *why = st != LIA_OK ? lia_errmsg() : "a job's result exceeds 2 GB";
            res = dup_text(why);
            len = 0;
        }
        free(j->p);
        j->p = res;
        j->n = len;
        pthread_mutex_lock(&C->mu);
        j->next = C->results;
        C->results = j;
        C->ran++;
    }
    pthread_mutex_unlock(&C->mu);
    return NULL;
}

static int worker(lia_nash_split *s, int rank, unsigned threads)
{
    crew C = { s, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, 0 };
    pthread_t tid[64];
    unsigned started = 0;
    for (; started < threads; started++)
        if (pthread_create(&tid[started], NULL, crew_solver, &C) != 0) break;
    int rc = started ? EXIT_OK : EXIT_INTERNAL;
    if (!started) send_fail("could not start a solver thread");
    for (int spins = 0;;) {
        int flag = 0, busy = 0;
        MPI_Status ms;
        MPI_Iprobe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &ms);
        if (flag) {
            busy = 1;
            int n = 0;
            MPI_Get_count(&ms, MPI_BYTE, &n);
            msg *j = malloc(sizeof *j);
            char *p = malloc(n ? (size_t)n : 1);
            MPI_Recv(p, p ? n : 0, MPI_BYTE, 0, ms.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            if (ms.MPI_TAG == TAG_DONE) {
                free(p);
                free(j);
                break;
            }
            if (!j || !p || !started) {
                free(p);
                free(j);
                send_fail(!started ? "could not start a solver thread" : "out of memory receiving a job");
            } else {
                *j = (msg){ p, (size_t)n, NULL };
                pthread_mutex_lock(&C.mu);
                j->next = C.jobs;
                C.jobs = j;
                pthread_cond_signal(&C.cv);
                pthread_mutex_unlock(&C.mu);
            }
        }
        pthread_mutex_lock(&C.mu);
        msg *r = C.results;
        if (r) C.results = r->next;
        pthread_mutex_unlock(&C.mu);
        if (r) {
            busy = 1;
            MPI_Request req;
            if (r->n) MPI_Isend(r->p, (int)r->n, MPI_BYTE, 0, TAG_RESULT, MPI_COMM_WORLD, &req);
            else {
                const char *why = r->p ? (const char *)r->p : "out of memory";
                MPI_Isend(why, (int)strlen(why) + 1, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD, &req);
            }
            mpi_wait_request(&req);
            if (r->n) lia_free(r->p);
            else free(r->p);
            free(r);
        }
        if (busy) spins = 0;
        else mpi_pause(spins++);
    }
    pthread_mutex_lock(&C.mu);
    C.quit = 1;
    pthread_cond_broadcast(&C.cv);
    pthread_mutex_unlock(&C.mu);
    for (unsigned t = 0; t < started; t++) pthread_join(tid[t], NULL);
    for (msg *l = C.jobs, *nx; l; l = nx) { nx = l->next; free(l->p); free(l); }
    for (msg *l = C.results, *nx; l; l = nx) { nx = l->next; if (l->n) lia_free(l->p); else free(l->p); free(l); }
    stats(rank, C.ran);
    return rc;
}

typedef struct master {
    lia_nash_split *s;
    int size;
    int prefetch;           /* jobs a worker holds: 4 per thread */
    int *held;              /* per rank: jobs out */
    int *usable;            /* per rank: set up, and not failed */
    int outstanding;
    char msg[600];          /* a failure, in words */
    lia_status st;
    /* rank 0's own solver threads: the main thread alone takes jobs from the split, the
     * workers first, and keeps them two jobs each (so a worker is never short of jobs that
     * rank 0 took) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    msg *local;             /* jobs for rank 0's threads */
    int local_held;         /* jobs given to them and not yet appended */
    int stop;               /* the main thread saw the end or a failure */
    unsigned long own;      /* jobs rank 0 ran itself */
} master;

static void fail(master *M, lia_status st, const char *msg)
{
    pthread_mutex_lock(&M->mu);
    if (M->st == LIA_OK) {
        M->st = st;
        snprintf(M->msg, sizeof M->msg, "%s", msg);
    }
    M->stop = 1;
    pthread_cond_broadcast(&M->cv);
    pthread_mutex_unlock(&M->mu);
}

static int stopped(master *M)
{
    pthread_mutex_lock(&M->mu);
    int s = M->stop;
    pthread_mutex_unlock(&M->mu);
    return s;
}

/* Take one message from a worker (one is there: probed); 0 on success. */
static int take(master *M, const MPI_Status *ms)
{
    int n = 0, w = ms->MPI_SOURCE;
    MPI_Get_count(ms, MPI_BYTE, &n);
    unsigned char *buf = malloc(n ? (size_t)n : 1);
    MPI_Recv(buf, buf ? n : 0, MPI_BYTE, w, ms->MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    M->held[w]--;
    M->outstanding--;
    int rc = -1;
    if (!buf) {
        fail(M, LIA_ENOMEM, "out of memory receiving a job's result");
    } else if (ms->MPI_TAG == TAG_FAIL) {
        char why[600];
        snprintf(why, sizeof why, "rank %d: %s", w, (char *)buf);
        M->usable[w] = 0;
        fail(M, LIA_EINTERNAL, why);
    } else if (stopped(M)) {
        rc = 0;   /* draining after a failure: nobody wants it */
    } else if (lia_nash_split_append(M->s, buf, (size_t)n) != LIA_OK) {
        fail(M, LIA_EINTERNAL, lia_errmsg());
    } else {
        rc = 0;
    }
    free(buf);
    return rc;
}

/* One of rank 0's solver threads: the jobs the main thread hands it, until the end. */
static void *own_solver(void *arg)
{
    master *M = arg;
    unsigned long jobs = 0;
    pthread_mutex_lock(&M->mu);
    for (;;) {
        while (!M->stop && !M->local) pthread_cond_wait(&M->cv, &M->mu);
        if (M->stop) break;
        msg *j = M->local;
        M->local = j->next;
        pthread_mutex_unlock(&M->mu);
        void *res = NULL;
        size_t rlen = 0;
        lia_status st = lia_nash_split_solve(M->s, j->p, j->n, &res, &rlen);
        if (st == LIA_OK) st = lia_nash_split_append(M->s, res, rlen);
        lia_free(res);
        lia_free(j->p);
        free(j);
        jobs++;
        if (st != LIA_OK) fail(M, st, lia_errmsg());
        pthread_mutex_lock(&M->mu);
        M->local_held--;
    }
    M->own += jobs;
    pthread_mutex_unlock(&M->mu);
    return NULL;
}

/* Rank 0's main thread: hand jobs to the workers and take their results, while `threads`
 * solver threads of its own run jobs too; the set, or a failure in M. */
static lia_status drive(master *M, unsigned threads, lia_eqset **out)
{
    pthread_t tid[64];
    unsigned started = 0;
    for (; started < threads; started++)
        if (pthread_create(&tid[started], NULL, own_solver, M) != 0) break;
    if (started == 0) fail(M, LIA_ENOMEM, "could not start a solver thread");
    int done = 0;
    for (int spins = 0; !done && !stopped(M);) {
        int busy = 0, flag = 0;
        MPI_Status ms;
        /* results in first: they free workers and carry the next jobs */
        while (M->outstanding > 0 && !stopped(M)) {
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &ms);
            if (!flag) break;
            take(M, &ms);
            busy = 1;
        }
        /* top the workers up, the one holding fewest first; then rank 0's idle threads */
        int empty = 0;
        for (int round = 0; round < M->prefetch && !done && !empty && !stopped(M); round++)
            for (int w = 1; w < M->size && !done && !empty; w++) {
                if (!M->usable[w] || M->held[w] > round) continue;
                void *job = NULL;
                size_t len = 0;
                lia_status st = lia_nash_split_next(M->s, &job, &len, &done);
                if (st != LIA_OK) { fail(M, st, lia_errmsg()); break; }
                if (!job) { empty = 1; break; }
                MPI_Send(job, (int)len, MPI_BYTE, w, TAG_JOB, MPI_COMM_WORLD);
                lia_free(job);
                M->held[w]++;
                M->outstanding++;
                busy = 1;
            }
        pthread_mutex_lock(&M->mu);
        int idle_threads = 2 * (int)started - M->local_held;   /* one running, one waiting */
        pthread_mutex_unlock(&M->mu);
        for (; idle_threads > 0 && !done && !empty && !stopped(M); idle_threads--) {
            void *job = NULL;
            size_t len = 0;
            lia_status st = lia_nash_split_next(M->s, &job, &len, &done);
            if (st != LIA_OK) { fail(M, st, lia_errmsg()); break; }
            if (!job) break;
            msg *j = malloc(sizeof *j);
            if (!j) { lia_free(job); fail(M, LIA_ENOMEM, "out of memory handing out a job"); break; }
            *j = (msg){ job, len, NULL };
            pthread_mutex_lock(&M->mu);
            j->next = M->local;
            M->local = j;
            M->local_held++;
            pthread_cond_signal(&M->cv);
            pthread_mutex_unlock(&M->mu);
            busy = 1;
        }
        if (busy) spins = 0;
        else mpi_pause(spins++);
    }
    if (!stopped(M)) fail(M, LIA_OK, "");   /* done: the solver threads stop too */
    for (unsigned t = 0; t < started; t++) pthread_join(tid[t], NULL);
    for (msg *l = M->local, *nx; l; l = nx) {   /* left after a failure */
        nx = l->next;
        lia_free(l->p);
        free(l);
    }
    M->local = NULL;
    /* results still out after a failure: collect them, so no worker is left sending */
    while (M->outstanding > 0) {
        MPI_Status ms;
        mpi_wait_message(MPI_ANY_SOURCE, MPI_ANY_TAG, &ms);
        take(M, &ms);
    }
    if (M->st != LIA_OK) return M->st;
    lia_status st = lia_nash_split_finish(M->s, out);
    if (st != LIA_OK) snprintf(M->msg, sizeof M->msg, "%s", lia_errmsg());
    return st;
}

int mpi_nash(int argc, char **argv, int rank, int size)
{
    cli_opts o;
    lia_nash_options nopts = LIA_NASH_OPTIONS_INIT;
    lia_format fmt = LIA_FORMAT_TEXT;
    lia_model *m = NULL;
    lia_game *g = NULL;
    /* rank 0 first, alone, so a mistake is reported once: 2 go on, 1 run `liaison nash`
     * (its own message), 0 stop (rank 0 said why) */
    int mode = 2, rc = EXIT_OK;
    if (rank == 0) {
        rc = cli_parse(&o, argc, argv, "nash");
        int c = rc ? rc : check(&o, &nopts, &fmt);
        if (c == -1) mode = 1;
        else if (c) { mode = 0; rc = c; }
        if (mode == 2 && (rc = cli_open_model(&m, o.files[0], &o)) != 0) mode = 0;
        if (mode == 2 && (rc = cli_compile_game(&g, m, &o, "nash")) != 0) mode = 0;
    }
    MPI_Bcast(&mode, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (mode == 1) {
        if (rank == 0) {
            cli_opts_free(&o);
            char *args[argc + 3];
            args[0] = "liaison";
            args[1] = "nash";
            for (int i = 0; i < argc; i++) args[i + 2] = argv[i];
            args[argc + 2] = NULL;
            return cli_main(argc + 2, args);
        }
        return EXIT_OK;
    }
    if (mode == 0) {
        if (rank == 0) {
            lia_game_free(g);
            lia_model_free(m);
            cli_opts_free(&o);
        }
        return rank == 0 ? rc : EXIT_OK;
    }
    /* the workers: the same file, the same game (rank 0 has checked the flags) */
    int ok = 1;
    if (rank != 0) {
        ok = cli_parse(&o, argc, argv, "nash") == 0 && check(&o, &nopts, &fmt) == 0 &&
             cli_open_model(&m, o.files[0], &o) == 0 && cli_compile_game(&g, m, &o, "nash") == 0;
    }
    lia_nash_split *s = NULL;
    if (ok && lia_nash_split_new(&s, g, &nopts) != LIA_OK) {
        ok = 0;
        if (rank == 0) rc = cli_fail("nash", LIA_EUSAGE, NULL);
    }
    int *usable = rank == 0 ? calloc((size_t)size, sizeof *usable) : NULL;
    MPI_Gather(&ok, 1, MPI_INT, usable, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rank != 0) {
        if (ok) rc = worker(s, rank, nopts.threads ? nopts.threads : 1);
        else {   /* rank 0 gives this rank nothing; wait for its word to stop */
            MPI_Status ms;
            mpi_wait_message(0, MPI_ANY_TAG, &ms);
            MPI_Recv(NULL, 0, MPI_BYTE, 0, TAG_DONE, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            rc = EXIT_INTERNAL;
        }
    } else {
        unsigned threads = nopts.threads ? nopts.threads : 1;
        master M = { .s = s, .size = size, .prefetch = 4 * (int)threads, .held = calloc((size_t)size, sizeof(int)),
                     .usable = usable, .st = LIA_OK, .mu = PTHREAD_MUTEX_INITIALIZER,
                     .cv = PTHREAD_COND_INITIALIZER };
        lia_eqset *e = NULL;
        lia_status st = !ok ? LIA_EUSAGE : !M.held || !usable ? LIA_ENOMEM : drive(&M, threads, &e);
        for (int w = 1; w < size; w++) MPI_Send(NULL, 0, MPI_BYTE, w, TAG_DONE, MPI_COMM_WORLD);
        if (ok && st != LIA_OK) rc = cli_fail("nash", st, M.msg[0] ? M.msg : NULL);
        if (st == LIA_OK) {
            char *text = NULL;
            size_t len = 0;
            st = lia_nash_write(&text, &len, e, NULL, fmt);
            rc = st == LIA_OK ? cli_write(&o, text, len) : cli_fail("nash", st, NULL);
            lia_free(text);
        }
        lia_eqset_free(e);
        free(M.held);
        stats(0, M.own);
    }
    free(usable);
    lia_nash_split_free(s);
    lia_game_free(g);
    lia_model_free(m);
    cli_opts_free(&o);
    return rc;
}
