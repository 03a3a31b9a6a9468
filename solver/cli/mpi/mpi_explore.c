/* mpi_explore.c — `mpirun -n K liaison-mpi explore FILE ...`: the runs of an exploration over
 * K ranks, master–worker with chunked dynamic load balancing (docs/scaling.md).
 *
 * Every rank plans the same exploration (lia_explore_plan: same file, flags, hence the same
 * runs); a run's values depend on its index alone, so whoever solves it ships the same doubles.
 * Rank 0 hands out chunks of run indices (--chunk, default CHUNK) and keeps every worker two
 * chunks ahead, so that a worker never waits for a reply; the rows come back into a window of
 * the next runs to write, and the full batches of BATCH runs are appended, in index order, to
 * the plan that holds the store (one transaction per append, as lia_model_explore writes). So
 * the store, the CSV and the analyses are those of the single-process run, byte for byte.
 *
 * Rank 0 is not idle: it solves chunks too, and serves the workers between two of its own runs
 * (the progress callback of lia_explore_solve, on the calling thread). The window bounds its
 * memory: a chunk is handed out only if it ends within the window (every worker's chunks three
 * times over, 8 batches at least) after the first run not yet written. A worker that fails reports why (TAG_FAIL); rank 0 then hands out nothing
 * more, drains what is under way, stops every worker and leaves the store unfinished and
 * resumable, as it does after Ctrl-C. */
#include "mpi_explore.h"
#include "mpi_wait.h"
#include "explore_cli.h"
#include <fcntl.h>
#include <math.h>
#include <mpi.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { TAG_WORK = 1, TAG_RESULT = 2, TAG_FAIL = 3, TAG_STATS = 4, TAG_DONE = 5 };
enum { BATCH = 512 };          /* runs per append: one store transaction (lia_model_explore's) */
enum { PREFETCH = 3 };         /* chunks a worker holds: one it solves, two waiting (rank 0
                                  may be descheduled for a while on a loaded node) */
enum { CHUNK = 16 };           /* default runs per chunk (docs/scaling.md: the master's share) */

typedef struct chunk { uint64_t first, count; } chunk;

typedef struct master {
    lia_explore *writer;       /* the plan with the store (or the rows): runs are appended here */
    lia_explore *solver;       /* rank 0's own runs */
    size_t nc;                 /* columns per run */
    int size;
    uint64_t start, end;       /* the pending runs */
    uint64_t next;             /* the first run not yet handed out */
    uint64_t base;             /* the first run not yet handed to the writer */
    uint64_t written;          /* the first run not yet written (its window slot is not free) */
    uint64_t chunk, window;    /* runs per chunk; runs the window holds (a multiple of BATCH) */
    double *win;               /* window x nc */
    unsigned char *filled;     /* per window slot: its run is in */
    chunk (*out)[PREFETCH];    /* per worker: the chunks it holds, oldest first */
    int *nout, *stopped;
    double *stats;             /* per worker: runs solved and CPU seconds (TAG_STATS) */
    int *stats_got;
    int dirty;                 /* the window moved or stopping began: top the workers up */
    int stopping;              /* hand out nothing more */
    lia_status st;             /* why it stopped */
    char msg[600];             /* a worker's failure, in its words */
    cli_bar *bar;
    int null_runs;             /* benchmark hook: workers send rows without solving */
    double t_service;          /* CPU seconds rank 0 spent handling messages (docs/scaling.md) */
    double t_poll;             /* CPU seconds rank 0 spent looking for messages that were not there */
    /* the writer thread: appends [job_first, job_first + job_n) from the window while rank 0
     * goes on serving and solving (a commit waits for the disk) */
    pthread_t writer_thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int has_thread, quit;
    uint64_t job_first, job_n;   /* job_n > 0: a job is given */
    atomic_int job_done;         /* the writer finished it */
    lia_status job_st;
    uint64_t messages, own_runs;
} master;

/* CPU seconds of this thread: service time that a loaded machine's waits do not inflate. */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static size_t slot(const master *m, uint64_t r) { return (size_t)((r - m->start) % m->window); }

static void stop(master *m, lia_status st)
{
    if (m->stopping) return;
    m->stopping = 1;
    m->st = st;
    m->dirty = 1;
}

/* The next chunk, if any is left and fits in the window (never across its end). */
static int take(master *m, chunk *c)
{
    if (m->stopping || m->next >= m->end || m->next >= m->written + m->window) return 0;
    uint64_t n = m->chunk, s = slot(m, m->next);
    if (n > m->end - m->next) n = m->end - m->next;
    if (n > m->window - s) n = m->window - s;
    if (n > m->written + m->window - m->next) n = m->written + m->window - m->next;
    c->first = m->next;
    c->count = n;
    m->next += n;
    return 1;
}

static void send_work(int w, uint64_t first, uint64_t count)
{
    uint64_t msg[2] = { first, count };
    MPI_Send(msg, 2, MPI_UINT64_T, w, TAG_WORK, MPI_COMM_WORLD);
}

/* Give worker w chunks up to PREFETCH; stop it once it holds none and none will come. */
static void top_up(master *m, int w)
{
    chunk c;
    while (m->nout[w] < PREFETCH && take(m, &c)) {
        m->out[w][m->nout[w]++] = c;
        send_work(w, c.first, c.count);
    }
    if (m->nout[w] == 0 && !m->stopped[w] && (m->stopping || m->next >= m->end)) {
        send_work(w, 0, 0);
        m->stopped[w] = 1;
    }
}

/* The writer thread: one append (one transaction) per job. */
static void *writer_main(void *p)
{
    master *m = p;
    pthread_mutex_lock(&m->lock);
    for (;;) {
        while (!m->quit && (m->job_n == 0 || atomic_load(&m->job_done))) pthread_cond_wait(&m->wake, &m->lock);
        if (m->quit) break;
        uint64_t first = m->job_first, n = m->job_n;
        pthread_mutex_unlock(&m->lock);
        lia_status st = lia_explore_append(m->writer, m->win + slot(m, first) * m->nc, n);
        pthread_mutex_lock(&m->lock);
        m->job_st = st;
        atomic_store(&m->job_done, 1);
    }
    pthread_mutex_unlock(&m->lock);
    return NULL;
}

/* A finished job frees its window slots (or stops everything if the store could not take it). */
static void collect(master *m)
{
    if (m->job_n == 0 || !atomic_load(&m->job_done)) return;
    pthread_mutex_lock(&m->lock);
    uint64_t n = m->job_n;
    lia_status st = m->job_st;
    m->job_n = 0;
    atomic_store(&m->job_done, 0);
    pthread_mutex_unlock(&m->lock);
    if (st != LIA_OK) {
        snprintf(m->msg, sizeof m->msg, "%s", lia_explore_errmsg(m->writer));
        stop(m, st);
        return;
    }
    memset(m->filled + slot(m, m->written), 0, (size_t)n);
    m->written += n;
    m->dirty = 1;
}

/* Hand the whole batches at the front of the window that are in (and the last, shorter one) to
 * the writer, as one job: one transaction, which grows while the writer is busy (a slow disk's
 * commit), so commits never cap the rate at one batch each and rank 0 never waits for one.
 * The bar, and Ctrl-C or the test hook, are consulted per batch before it is handed over, as
 * lia_model_explore does before writing: a stop drops the batch it comes in, keeps those
 * before. */
static void flush(master *m)
{
    collect(m);
    if (m->stopping || m->job_n > 0 || m->base >= m->end) return;
    size_t s = slot(m, m->base);
    uint64_t n = 0;
    int halt = 0;
    while (m->base + n < m->end && s + n < m->window) {
        uint64_t b = m->end - (m->base + n) < BATCH ? m->end - (m->base + n) : BATCH, k = 0;
        while (k < b && m->filled[s + n + k]) k++;
        if (k < b) break;
        if (cli_explore_progress(m->bar, (size_t)(m->base + n + b - m->start), (size_t)(m->end - m->start))) {
            halt = 1;
            break;
        }
        n += b;
    }
    if (n > 0) {
        pthread_mutex_lock(&m->lock);
        m->job_first = m->base;
        m->job_n = n;
        pthread_cond_signal(&m->wake);
        pthread_mutex_unlock(&m->lock);
        m->base += n;
    }
    if (halt) stop(m, LIA_ECANCELED);
}

static void top_up_all(master *m)
{
    if (!m->dirty) return;
    m->dirty = 0;
    for (int w = 1; w < m->size; w++) top_up(m, w);
}

/* One message the probe found: a worker's rows (for its oldest chunk) or its failure. */
static void receive(master *m, const MPI_Status *s)
{
    int w = s->MPI_SOURCE;
    if (s->MPI_TAG == TAG_FAIL) {
        char text[512] = "";
        MPI_Recv(text, (int)sizeof text - 1, MPI_CHAR, w, TAG_FAIL, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (!m->stopping) {
            snprintf(m->msg, sizeof m->msg, "rank %d: %s", w, text);
            stop(m, LIA_EINTERNAL);
        }
        m->nout[w] = 0;   /* it drops what it holds */
        top_up(m, w);
        return;
    }
    if (s->MPI_TAG == TAG_STATS) {   /* a stopped worker's figures, sent while rank 0 still writes */
        MPI_Recv(m->stats + 2 * w, 2, MPI_DOUBLE, w, TAG_STATS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        m->stats_got[w] = 1;
        return;
    }
    chunk c = m->out[w][0];
    for (int k = 1; k < m->nout[w]; k++) m->out[w][k - 1] = m->out[w][k];
    m->nout[w]--;
    size_t at = slot(m, c.first);
    MPI_Recv(m->win + at * m->nc, (int)(c.count * m->nc), MPI_DOUBLE, w, TAG_RESULT, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    memset(m->filled + at, 1, (size_t)c.count);
    m->messages++;
    flush(m);
    top_up(m, w);
    top_up_all(m);
}

/* Every message waiting (and, if `wait`, the next one first). Handling a message counts as
 * service; looking for one that is not there (once between two of rank 0's runs) as polling. */
static void serve(master *m, int wait)
{
    MPI_Status s;
    for (int spins = 0; wait; spins++) {
        int flag = 0;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &s);
        if (flag) {
            double t0 = cpu_now();
            receive(m, &s);
            m->t_service += cpu_now() - t0;
            break;
        }
        if (m->job_n > 0 && atomic_load(&m->job_done)) {
            flush(m);
            top_up_all(m);
            break;
        }
        mpi_pause(spins);
    }
    for (;;) {
        int flag = 0;
        double t0 = cpu_now();
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &s);
        if (!flag) { m->t_poll += cpu_now() - t0; break; }
        receive(m, &s);
        m->t_service += cpu_now() - t0;
    }
    if (m->job_n > 0 && atomic_load(&m->job_done)) {
        flush(m);
        top_up_all(m);
    }
}

/* lia_explore_solve's progress callback on rank 0: serve between two runs. */
static int serve_between_runs(void *ctx, size_t done, size_t total)
{
    (void)done;
    (void)total;
    master *m = ctx;
    serve(m, 0);
    return m->stopping;
}

static int all_stopped(const master *m)
{
    for (int w = 1; w < m->size; w++)
        if (!m->stopped[w]) return 0;
    return 1;
}

static void run_master(master *m)
{
    m->dirty = 1;
    top_up_all(m);
    while (!(all_stopped(m) && m->job_n == 0 && (m->stopping || m->written >= m->end))) {
        chunk c;
        if (!m->null_runs && take(m, &c)) {
            size_t at = slot(m, c.first);
            lia_status st = lia_explore_solve(m->solver, c.first, c.count, m->win + at * m->nc);
            if (st == LIA_OK) {
                memset(m->filled + at, 1, (size_t)c.count);
                m->own_runs += c.count;
                m->dirty = 1;
                flush(m);
                top_up_all(m);
            } else if (st != LIA_ECANCELED) {
                snprintf(m->msg, sizeof m->msg, "%s", lia_explore_errmsg(m->solver));
                stop(m, st);
                top_up_all(m);
            }
            serve(m, 0);
        } else {
            top_up_all(m);
            serve(m, 1);
        }
    }
}

/* A worker: chunks in, rows out, until a chunk of no runs. Two send buffers, so that the rows
 * of one chunk travel while the next is solved. */
static uint64_t run_worker(lia_explore *plan, size_t nc, uint64_t chunk_max, int null_runs)
{
    uint64_t solved = 0;
    double *buf[2] = { malloc((size_t)chunk_max * nc * sizeof(double)), malloc((size_t)chunk_max * nc * sizeof(double)) };
    MPI_Request req[2] = { MPI_REQUEST_NULL, MPI_REQUEST_NULL };
    size_t status_col = 0;
    for (size_t c = 0; c < nc; c++)
        if (strcmp(lia_explore_column_name(plan, c), "status") == 0) status_col = c;
    int failed = 0, k = 0;
    for (;;) {
        uint64_t w[2];
        MPI_Status ws;
        mpi_wait_message(0, TAG_WORK, &ws);
        MPI_Recv(w, 2, MPI_UINT64_T, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (w[1] == 0) break;
        if (failed) continue;   /* draining what was sent before rank 0 heard of the failure */
        mpi_wait_request(&req[k]);
        lia_status st = LIA_OK;
        if (!buf[0] || !buf[1]) st = LIA_ENOMEM;
        else if (null_runs) {
            for (size_t i = 0; i < w[1] * nc; i++) buf[k][i] = NAN;
            for (size_t i = 0; i < w[1]; i++) buf[k][i * nc + status_col] = -1;
        } else st = lia_explore_solve(plan, w[0], w[1], buf[k]);
        if (st != LIA_OK) {
            char text[512];
            snprintf(text, sizeof text, "%s", st == LIA_ENOMEM ? "out of memory" : lia_explore_errmsg(plan));
            MPI_Send(text, (int)strlen(text) + 1, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD);
            failed = 1;
            continue;
        }
        MPI_Isend(buf[k], (int)(w[1] * nc), MPI_DOUBLE, 0, TAG_RESULT, MPI_COMM_WORLD, &req[k]);
        solved += w[1];
        k ^= 1;
    }
    mpi_wait_request(&req[0]);
    mpi_wait_request(&req[1]);
    free(buf[0]);
    free(buf[1]);
    return solved;
}

/* LIAISON_MPI_STATS: every rank's runs and CPU seconds (runs per CPU second are a rank's
 * throughput on a core of its own, whatever else the machine runs), then rank 0's service.
 * The workers send theirs after their last chunk. */
static void print_stats(const master *m, int size, double wall, double cpu0)
{
    uint64_t runs = m->written - m->start;
    double cpu_max = cpu0;
    fprintf(stderr, "liaison-mpi:   rank 0 solved %llu runs in %.3f CPU s\n", (unsigned long long)m->own_runs, cpu0);
    for (int r = 1; r < size; r++) {
        double *theirs = m->stats + 2 * r;
        if (!m->stats_got[r]) MPI_Recv(theirs, 2, MPI_DOUBLE, r, TAG_STATS, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        fprintf(stderr, "liaison-mpi:   rank %d solved %.0f runs in %.3f CPU s\n", r, theirs[0], theirs[1]);
        if (theirs[1] > cpu_max) cpu_max = theirs[1];
    }
    fprintf(stderr, "liaison-mpi:   rank 0 handled %llu chunks in %.4f CPU s (%.2f us each) and polled for %.4f CPU s: "
                    "%.2f%% of its CPU time\n",
            (unsigned long long)m->messages, m->t_service, m->messages ? 1e6 * m->t_service / (double)m->messages : 0.0,
            m->t_poll, 100 * (m->t_service + m->t_poll) / (cpu0 > 0 ? cpu0 : 1));
    fprintf(stderr, "liaison-mpi: %d ranks, chunk %llu: %llu runs in %.3f s wall (%.0f runs/s); the busiest rank used %.3f CPU s "
                    "(%.0f runs per CPU second of it)\n",
            size, (unsigned long long)m->chunk, (unsigned long long)runs, wall, (double)runs / (wall > 0 ? wall : 1), cpu_max,
            (double)runs / (cpu_max > 0 ? cpu_max : 1));
}

/* --chunk N, which only liaison-mpi takes: removed from argv before the shared parser. */
static int take_chunk_flag(int *argc, char **argv, unsigned long long *chunk)
{
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--chunk") != 0) continue;
        char *end = NULL;
        const char *v = i + 1 < *argc ? argv[i + 1] : "";
        *chunk = strtoull(v, &end, 10);
        if (!*v || *end || *v == '-' || *chunk < 1 || *chunk > 65536) {
            fprintf(stderr, "liaison-mpi explore: bad --chunk '%s' (runs per chunk, 1 to 65536)\n", v);
            return 0;
        }
        for (int j = i; j + 2 < *argc; j++) argv[j] = argv[j + 2];
        *argc -= 2;
        return 1;
    }
    return 1;
}

/* Set up quietly: the model's warnings are rank 0's to print, once. */
static int setup_quietly(cli_explore *x, int argc, char **argv)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    int rc = cli_explore_setup(x, argc, argv);
    fflush(stderr);
    if (saved >= 0) { dup2(saved, STDERR_FILENO); close(saved); }
    if (null >= 0) close(null);
    return rc;
}

int mpi_explore(int argc, char **argv, int rank, int size)
{
    unsigned long long chunk_flag = CHUNK;
    int ok_flag = take_chunk_flag(&argc, argv, &chunk_flag);
    cli_explore x;
    /* 1. rank 0 parses and opens the model (printing why not); the others follow if it can */
    int rc = EXIT_INPUT, go = 0;
    if (rank == 0) {
        rc = ok_flag ? cli_explore_setup(&x, argc, argv) : EXIT_INPUT;
        go = ok_flag && rc == EXIT_OK && x.mode == CLI_EXPLORE_RUN;
    }
    MPI_Bcast(&go, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (!go) {
        if (rank != 0) return EXIT_OK;
        if (ok_flag) cli_explore_cleanup(&x);
        /* --merge, or --store without FILE: nothing to spread */
        return ok_flag && rc == EXIT_OK ? cmd_explore(argc, argv) : rc;
    }
    if (rank != 0) rc = setup_quietly(&x, argc, argv);
    /* 2. the plans: rank 0's with the store (it appends), and on every rank one that solves */
    master m;
    memset(&m, 0, sizeof m);
    lia_explore *plan = NULL, *writer = NULL;
    lia_explore_options so = x.eo;
    so.store = NULL;
    so.shard = so.shards = 0;
    so.resume = 0;
    so.threads = x.eo.threads ? x.eo.threads : 1;   /* one rank per core is MPI's way */
    so.progress = rank == 0 ? serve_between_runs : NULL;
    so.progress_ctx = &m;
    lia_status st = LIA_OK;
    uint64_t info[5] = { 0 };   /* rank 0's exit code, pending first and count, total, columns */
    if (rank == 0) {
        lia_explore_options wo = x.eo;
        wo.threads = 1;
        wo.progress = NULL;
        st = lia_explore_plan(&writer, x.m, x.o.game, &wo);
        if (st == LIA_OK) st = lia_explore_plan(&plan, x.m, x.o.game, &so);
        if (st != LIA_OK) rc = cli_explore_finish(st, writer && *lia_explore_errmsg(writer) ? writer : plan, &x.o, x.fmt);
        info[0] = (uint64_t)rc;
        if (st == LIA_OK) {
            lia_explore_pending_runs(writer, &info[1], &info[2]);
            info[3] = lia_explore_total_runs(writer);
            info[4] = lia_explore_column_count(writer);
        }
    } else if (rc == EXIT_OK) {
        st = lia_explore_plan(&plan, x.m, x.o.game, &so);
    }
    MPI_Bcast(info, 5, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    MPI_Bcast(&chunk_flag, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    int stats = rank == 0 && getenv("LIAISON_MPI_STATS") != NULL;   /* rank 0's environment decides */
    MPI_Bcast(&stats, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (info[0] != 0) goto out;   /* rank 0 said why */
    /* 3. every rank must have planned the same exploration */
    int bad = 0;
    if (rank != 0) {
        if (rc != EXIT_OK)
            fprintf(stderr, "liaison-mpi: rank %d could not open the model that rank 0 opened (is %s readable on every node?)\n",
                    rank, x.o.nfiles ? x.o.files[0] : "the file");
        else if (st != LIA_OK)
            fprintf(stderr, "liaison-mpi: rank %d: %s\n", rank, plan ? lia_explore_errmsg(plan) : lia_status_name(st));
        else if (lia_explore_total_runs(plan) != info[3] || lia_explore_column_count(plan) != info[4])
            fprintf(stderr, "liaison-mpi: rank %d planned another exploration than rank 0 (%llu runs, not %llu): "
                            "is the file the same on every node?\n",
                    rank, (unsigned long long)lia_explore_total_runs(plan), (unsigned long long)info[3]);
        else bad = -1;
        bad = bad < 0 ? 0 : 1;
    }
    int any_bad = 0;
    MPI_Allreduce(&bad, &any_bad, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (any_bad) {
        if (rank == 0) fprintf(stderr, "liaison explore: a rank could not set up (above); nothing was run\n");
        rc = rank == 0 ? EXIT_INPUT : (bad ? EXIT_INPUT : EXIT_OK);
        goto out;
    }
    /* a benchmark hook (docs/scaling.md): workers send rows of no run, rank 0 only serves */
    int null_runs = size > 1 && getenv("LIAISON_MPI_NULL_RUNS") != NULL;
    /* 4. the runs */
    if (rank != 0) {
        double c0 = cpu_now();
        double mine[2] = { (double)run_worker(plan, (size_t)info[4], chunk_flag, null_runs), 0 };
        mine[1] = cpu_now() - c0;
        if (stats) MPI_Send(mine, 2, MPI_DOUBLE, 0, TAG_STATS, MPI_COMM_WORLD);
        /* idle, not spinning in MPI_Finalize, while rank 0 writes the store and the analyses */
        MPI_Status ds;
        mpi_wait_message(0, TAG_DONE, &ds);
        MPI_Recv(NULL, 0, MPI_BYTE, 0, TAG_DONE, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        rc = EXIT_OK;
        goto out;
    }
    m.writer = writer;
    m.solver = plan;
    m.nc = (size_t)info[4];
    m.size = size;
    m.start = m.next = m.base = m.written = info[1];
    m.end = info[1] + info[2];
    m.chunk = chunk_flag;
    /* room for every worker's chunks three times over, in whole batches, and at least 8 batches
     * (a backlog behind a slow commit is written as one transaction) */
    uint64_t want = 3 * PREFETCH * (uint64_t)size * m.chunk + BATCH;
    m.window = (want + BATCH - 1) / BATCH * BATCH + BATCH;
    if (m.window < 8 * BATCH) m.window = 8 * BATCH;
    m.win = malloc((size_t)m.window * m.nc * sizeof *m.win);
    m.filled = calloc((size_t)m.window, 1);
    m.out = calloc((size_t)size, sizeof *m.out);
    m.nout = calloc((size_t)size, sizeof *m.nout);
    m.stopped = calloc((size_t)size, sizeof *m.stopped);
    m.stats = calloc((size_t)size * 2, sizeof *m.stats);
    m.stats_got = calloc((size_t)size, sizeof *m.stats_got);
    m.bar = &x.bar;
    m.null_runs = null_runs;
    if (!m.win || !m.filled || !m.out || !m.nout || !m.stopped || !m.stats || !m.stats_got) {
        snprintf(m.msg, sizeof m.msg, "out of memory for the window of %llu runs", (unsigned long long)m.window);
        stop(&m, LIA_ENOMEM);
    }
    cli_explore_catch_sigint(1);
    double t0 = MPI_Wtime(), c0 = cpu_now();
    pthread_mutex_init(&m.lock, NULL);
    pthread_cond_init(&m.wake, NULL);
    if (m.win && m.filled && m.out && m.nout && m.stopped && !m.stopping) {
        if (pthread_create(&m.writer_thread, NULL, writer_main, &m) == 0) m.has_thread = 1;
        else {
            snprintf(m.msg, sizeof m.msg, "cannot start the thread that writes the runs");
            stop(&m, LIA_EINTERNAL);
        }
    }
    if (m.has_thread) run_master(&m);
    else for (int w = 1; w < size; w++) send_work(w, 0, 0);
    if (m.has_thread) {
        pthread_mutex_lock(&m.lock);
        m.quit = 1;
        pthread_cond_signal(&m.wake);
        pthread_mutex_unlock(&m.lock);
        pthread_join(m.writer_thread, NULL);
    }
    pthread_cond_destroy(&m.wake);
    pthread_mutex_destroy(&m.lock);
    double wall = MPI_Wtime() - t0, cpu = cpu_now() - c0;
    cli_explore_catch_sigint(0);
    if (stats && m.stats && m.stats_got) print_stats(&m, size, wall, cpu);
    st = m.stopping ? m.st : LIA_OK;
    if (st == LIA_OK) st = lia_explore_finish(writer);
    if (m.msg[0] && st != LIA_ECANCELED) {
        fprintf(stderr, "liaison explore: %s\n", m.msg);
        rc = cli_exit_code(st);
    } else {
        rc = cli_explore_finish(st, writer, &x.o, x.fmt);
    }
    for (int w = 1; w < size; w++) MPI_Send(NULL, 0, MPI_BYTE, w, TAG_DONE, MPI_COMM_WORLD);
    free(m.win);
    free(m.filled);
    free(m.out);
    free(m.nout);
    free(m.stopped);
    free(m.stats);
    free(m.stats_got);
out:
    lia_explore_free(plan);
    lia_explore_free(writer);
    cli_explore_cleanup(&x);
    return rc;
}
