/* nash_split.c — lia_nash_split_*: all extreme equilibria of a two-player game with the
 * subtrees of the reverse search run wherever the caller sends them (liaison-mpi nash,
 * docs/scaling.md).
 *
 * The enumeration itself is lia_game_nash's, unchanged, on a thread of the split's own: the
 * same fallbacks, the same partner search, the same report. Only the reverse search's jobs
 * after its first (polytope_rs.c) leave it: with lia__rs_remote set on that thread they are
 * posted here as bytes, handed out by lia_nash_split_next, run by lia_nash_split_solve in any
 * process holding the same game, and come back by lia_nash_split_append. A job's result
 * depends on its basis and depth alone, so the job tree, and with it the output, is the one
 * of a single process.
 *
 * Wire format (native byte order: every process runs the same build on the same kind of
 * machine, as identical doubles need anyway):
 *   job     u32 magic JOB | u32 side | u32 exact | u32 filtered | u64 gen, id, depth, d, k | basis
 *   result  u32 magic RES | i32 status | u64 gen, id | f64 closest | u64 nbases, n, vcap,
 *           lw, bw, nkids | labels (n lw words) | bases (n bw words) | kids (nkids bw words) */
#include "nash.h"
#include "polytope.h"
#include "polytope_rs.h"
#include "partners.h"
#include "../util/errmsg.h"
#include "../util/mem.h"
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

enum { JOB = 0x314a4e4c, RES = 0x31524e4c };   /* "LNJ1", "LNR1" */
enum { JOB_HEAD = 16 + 5 * 8, RES_HEAD = 8 + 3 * 8 + 6 * 8 };

typedef struct blob { unsigned char *p; size_t n; } blob;
typedef struct blobs { blob *b; size_t n, cap; } blobs;

struct lia_nash_split {
    const lia_game *g;
    lia_nash_options o;
    lia_nash_sides *sides;     /* for lia_nash_split_solve, built on first use */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int started, finished, cancel, processing;
    blobs outbox;              /* jobs posted, not handed out; the newest goes first */
    blobs inbox;               /* results appended, not taken by the search */
    size_t taken;              /* jobs handed out whose result is not appended yet */
    uint64_t gen;
    lia_status st;
    lia_eqset *e;
    char msg[600];
};

static int blobs_push(blobs *B, unsigned char *p, size_t n)
{
    if (B->n == B->cap) {
        size_t c = B->cap ? 2 * B->cap : 64;
        blob *nb = lia__realloc(B->b, c * sizeof *nb);
        if (!nb) return 0;
        B->b = nb;
        B->cap = c;
    }
    B->b[B->n++] = (blob){ p, n };
    return 1;
}

static void blobs_free(blobs *B)
{
    for (size_t i = 0; i < B->n; i++) lia__free(B->b[i].p);
    lia__free(B->b);
    memset(B, 0, sizeof *B);
}

static void put64(unsigned char **w, uint64_t v) { memcpy(*w, &v, 8); *w += 8; }
static uint64_t get64(const unsigned char **r)
{
    uint64_t v;
    memcpy(&v, *r, 8);
    *r += 8;
    return v;
}
static void put32(unsigned char **w, uint32_t v) { memcpy(*w, &v, 4); *w += 4; }
static uint32_t get32(const unsigned char **r)
{
    uint32_t v;
    memcpy(&v, *r, 4);
    *r += 4;
    return v;
}

/* ---- the hook polytope_rs.c calls on the search's thread ---- */

uint64_t lia__rs_remote_begin(struct lia_nash_split *R)
{
    pthread_mutex_lock(&R->mu);
    uint64_t g = ++R->gen;
    pthread_mutex_unlock(&R->mu);
    return g;
}

lia_status lia__rs_remote_post(struct lia_nash_split *R, const lia_polytope *P, int exact, int filtered, uint64_t gen,
                               uint64_t id, size_t depth, const uint64_t *basis)
{
    size_t bw = (P->d + P->k + 63) / 64, n = JOB_HEAD + bw * 8;
    unsigned char *p = lia__malloc(n), *w = p;
    if (!p) return LIA_ENOMEM;
    put32(&w, JOB);
    put32(&w, (uint32_t)lia__nash_sides_which(P));
    put32(&w, (uint32_t)(exact != 0));
    put32(&w, (uint32_t)(filtered != 0));
    put64(&w, gen);
    put64(&w, id);
    put64(&w, depth);
    put64(&w, P->d);
    put64(&w, P->k);
    memcpy(w, basis, bw * 8);
    pthread_mutex_lock(&R->mu);
    int ok = blobs_push(&R->outbox, p, n);
    if (ok) pthread_cond_broadcast(&R->cv);
    pthread_mutex_unlock(&R->mu);
    if (!ok) lia__free(p);
    return ok ? LIA_OK : LIA_ENOMEM;
}

size_t lia__rs_remote_withdraw(struct lia_nash_split *R)
{
    pthread_mutex_lock(&R->mu);
    size_t n = R->outbox.n;
    blobs_free(&R->outbox);
    pthread_mutex_unlock(&R->mu);
    return n;
}

/* A result's bytes (checked by lia_nash_split_append) into out. */
static lia_status parse_result(const unsigned char *r, lia_rs_result *out)
{
    memset(out, 0, sizeof *out);
    get32(&r);
    out->st = (lia_status)(int32_t)get32(&r);
    out->gen = get64(&r);
    out->id = get64(&r);
    memcpy(&out->closest, r, 8);
    r += 8;
    out->v.nbases = get64(&r);
    out->v.n = get64(&r);
    out->vcap = get64(&r);
    out->v.lwords = get64(&r);
    out->v.bwords = get64(&r);
    out->nkids = get64(&r);
    size_t lw = out->v.lwords, bw = out->v.bwords, n = out->v.n;
    out->v.labels = lia__malloc((n * lw + 1) * 8);
    out->v.basis = lia__malloc((n * bw + 1) * 8);
    out->kids = lia__malloc((out->nkids * bw + 1) * 8);
    if (!out->v.labels || !out->v.basis || !out->kids) {
        lia__rs_result_free(out);
        return LIA_ENOMEM;
    }
    memcpy(out->v.labels, r, n * lw * 8);
    r += n * lw * 8;
    memcpy(out->v.basis, r, n * bw * 8);
    r += n * bw * 8;
    memcpy(out->kids, r, out->nkids * bw * 8);
    return LIA_OK;
}

lia_status lia__rs_remote_wait(struct lia_nash_split *R, lia_rs_result *out)
{
    pthread_mutex_lock(&R->mu);
    R->processing = 0;
    pthread_cond_broadcast(&R->cv);
    while (!R->cancel && R->inbox.n == 0) pthread_cond_wait(&R->cv, &R->mu);
    if (R->cancel) {
        pthread_mutex_unlock(&R->mu);
        return LIA_ECANCELED;
    }
    blob b = R->inbox.b[0];   /* in arrival order */
    memmove(R->inbox.b, R->inbox.b + 1, (R->inbox.n - 1) * sizeof *R->inbox.b);
    R->inbox.n--;
    R->processing = 1;   /* what it hands back is about to be posted */
    pthread_mutex_unlock(&R->mu);
    lia_status st = parse_result(b.p, out);
    lia__free(b.p);
    return st;
}

/* ---- the split ---- */

/* A failed call on a split leaves its message for lia_nash_split_errmsg (the calling thread's,
 * as for lia_eqset: jobs of one split may run on several threads at once). */
static lia_status owned(const lia_nash_split *s, lia_status st)
{
    if (st != LIA_OK && s) lia__errmsg_own(s);
    return st;
}

const char *lia_nash_split_errmsg(const lia_nash_split *s) { return lia__errmsg_of(s); }

lia_status lia_nash_split_new(lia_nash_split **out, const lia_game *g, const lia_nash_options *opts)
{
    lia__errmsg_clear();
    if (!out) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_new: out is NULL");
    *out = NULL;
    if (!g) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_new: the game is NULL");
    lia_nash_options o;
    if (!lia__nash_read_options(&o, opts))
        return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_new: options version %u is not known (1 to %d)",
                                   opts->version, LIA_NASH_OPTIONS_VERSION);
    if (o.method != LIA_NASH_ALL)
        return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_new: only the method 'all' splits into jobs");
    if (g->np != 2)
        return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_new: the method 'all' needs a two-player game");
    lia_nash_split *s = lia__calloc(1, sizeof *s);
    if (!s) return lia__errmsg_default(LIA_ENOMEM, "out of memory starting a split enumeration");
    if (pthread_mutex_init(&s->mu, NULL) != 0) {
        lia__free(s);
        return lia__errmsg_default(LIA_ENOMEM, "out of resources starting a split enumeration");
    }
    if (pthread_cond_init(&s->cv, NULL) != 0) {
        pthread_mutex_destroy(&s->mu);
        lia__free(s);
        return lia__errmsg_default(LIA_ENOMEM, "out of resources starting a split enumeration");
    }
    s->g = g;
    s->o = o;
    *out = s;
    return LIA_OK;
}

/* The enumeration, on the split's thread: lia_game_nash with the reverse search's jobs
 * posted here. One thread: the jobs are the parallel part, and the result is the same for any
 * count. */
static void *run(void *arg)
{
    lia_nash_split *s = arg;
    lia_nash_options o = s->o;
    o.threads = 1;
    lia__rs_remote = s;
    lia_eqset *e = NULL;
    lia_status st = lia_game_nash(&e, s->g, &o);
    lia__rs_remote = NULL;
    pthread_mutex_lock(&s->mu);
    s->st = st;
    s->e = e;
    if (st != LIA_OK) snprintf(s->msg, sizeof s->msg, "%s", lia_errmsg());
    s->finished = 1;
    s->processing = 0;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

static lia_status split_next(lia_nash_split *s, void **job, size_t *len, int *done)
{
    lia__errmsg_clear();
    if (job) *job = NULL;
    if (len) *len = 0;
    if (done) *done = 0;
    if (!s || !job || !len || !done) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_next: an argument is NULL");
    pthread_mutex_lock(&s->mu);
    if (!s->started) {
        if (pthread_create(&s->thread, NULL, run, s) != 0) {
            pthread_mutex_unlock(&s->mu);
            return lia__errmsg_default(LIA_ENOMEM, "could not start the thread of a split enumeration");
        }
        s->started = 1;
    }
    /* nothing to hand out: wait unless results are due from outside (and the search has taken
     * every one appended, so it is not about to post more) */
    while (s->outbox.n == 0 && !s->finished && (s->taken == 0 || s->inbox.n > 0 || s->processing))
        pthread_cond_wait(&s->cv, &s->mu);
    if (s->outbox.n > 0) {
        blob b = s->outbox.b[--s->outbox.n];
        *job = b.p;
        *len = b.n;
        s->taken++;
    } else if (s->finished) {
        *done = 1;
    }
    pthread_mutex_unlock(&s->mu);
    return LIA_OK;
}

/* Check a result's bytes: magic, and a length that matches its counts. */
static int result_ok(const unsigned char *p, size_t len)
{
    if (len < RES_HEAD) return 0;
    const unsigned char *r = p;
    if (get32(&r) != RES) return 0;
    r += 4 + 3 * 8;   /* status, gen, id, closest */
    get64(&r);        /* nbases */
    uint64_t n = get64(&r);
    get64(&r);        /* vcap */
    uint64_t lw = get64(&r), bw = get64(&r), nk = get64(&r);
    /* each part below half of SIZE_MAX bytes, so the sum cannot wrap */
    if (lw > 1024 || bw > 1024 || n > SIZE_MAX / 16 / 2048 || nk > SIZE_MAX / 16 / 1024) return 0;
    return len == RES_HEAD + (n * (lw + bw) + nk * bw) * 8;
}

static lia_status split_append(lia_nash_split *s, const void *result, size_t len)
{
    lia__errmsg_clear();
    if (!s || !result) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_append: an argument is NULL");
    if (!result_ok(result, len))
        return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_append: %zu bytes that are not a job's result", len);
    unsigned char *p = lia__malloc(len);
    if (!p) return lia__errmsg_default(LIA_ENOMEM, "out of memory taking a job's result (%zu bytes)", len);
    memcpy(p, result, len);
    pthread_mutex_lock(&s->mu);
    lia_status st = LIA_OK;
    if (s->taken == 0) st = LIA_EUSAGE;
    else if (!blobs_push(&s->inbox, p, len)) st = LIA_ENOMEM;
    if (st == LIA_OK) {
        s->taken--;
        pthread_cond_broadcast(&s->cv);
    }
    pthread_mutex_unlock(&s->mu);
    if (st == LIA_OK) return st;
    lia__free(p);
    return st == LIA_EUSAGE ? lia__errmsg_default(st, "lia_nash_split_append: no job is out")
                            : lia__errmsg_default(st, "out of memory taking a job's result");
}

static lia_status write_result(const lia_rs_result *r, uint64_t gen, uint64_t id, size_t lw, size_t bw, void **out,
                               size_t *len)
{
    size_t n = r->st == LIA_OK ? r->v.n : 0, nk = r->st == LIA_OK ? r->nkids : 0;
    size_t bytes = RES_HEAD + (n * (lw + bw) + nk * bw) * 8;
    unsigned char *p = lia__malloc(bytes), *w = p;
    if (!p) return LIA_ENOMEM;
    put32(&w, RES);
    put32(&w, (uint32_t)(int32_t)r->st);
    put64(&w, gen);
    put64(&w, id);
    memcpy(w, &r->closest, 8);
    w += 8;
    put64(&w, r->v.nbases);
    put64(&w, n);
    put64(&w, r->vcap);
    put64(&w, lw);
    put64(&w, bw);
    put64(&w, nk);
    if (n) {
        memcpy(w, r->v.labels, n * lw * 8);
        w += n * lw * 8;
        memcpy(w, r->v.basis, n * bw * 8);
        w += n * bw * 8;
    }
    if (nk) memcpy(w, r->kids, nk * bw * 8);
    *out = p;
    *len = bytes;
    return LIA_OK;
}

static lia_status split_solve(lia_nash_split *s, const void *job, size_t len, void **result, size_t *rlen)
{
    lia__errmsg_clear();
    if (result) *result = NULL;
    if (rlen) *rlen = 0;
    if (!s || !job || !result || !rlen) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_solve: an argument is NULL");
    const unsigned char *r = job;
    if (len < JOB_HEAD || get32(&r) != JOB) goto bad;
    uint32_t side = get32(&r), exact = get32(&r), filtered = get32(&r);
    uint64_t gen = get64(&r), id = get64(&r), depth = get64(&r), d = get64(&r), k = get64(&r);
    /* built once, by whichever thread comes first; read only afterwards */
    pthread_mutex_lock(&s->mu);
    lia_status built = s->sides ? LIA_OK : lia__nash_sides_new(&s->sides, s->g);
    pthread_mutex_unlock(&s->mu);
    if (built != LIA_OK)
        return lia__errmsg_default(built, "out of memory building the polytopes of '%s'", lia_game_name(s->g));
    if (side > 1 || filtered > 1) goto bad;
    const lia_polytope *P = lia__nash_sides_polytope(s->sides, (int)side);
    const struct lia_polytope_exact *X = exact ? lia__nash_sides_exact(s->sides, (int)side) : NULL;
    size_t bw = (P->d + P->k + 63) / 64, lw = (P->nlab + 63) / 64;
    /* a job of another game (or another build) must not run on this one's polytope */
    if (P->d != d || P->k != k || (exact && !X) || len != JOB_HEAD + bw * 8) goto bad;
    uint64_t *basis = lia__malloc(bw * 8);
    if (!basis) return lia__errmsg_default(LIA_ENOMEM, "out of memory running a job");
    memcpy(basis, r, bw * 8);
    /* the search that posted a filtered job drops the vertices without a partner in the other
     * polytope as it goes (vertex_enum.c, partners.c): so does the job, where the work is */
    lia_vertex_filter keep;
    const lia_polytope *so[2];
    if (filtered) lia__partners_filter(&keep, so, P, lia__nash_sides_polytope(s->sides, 1 - (int)side));
    lia_rs_result res;
    lia_status st = lia__rs_solve(&res, P, X, basis, depth, filtered ? &keep : NULL);
    lia__free(basis);
    if (st == LIA_OK) st = write_result(&res, gen, id, lw, bw, result, rlen);
    lia__rs_result_free(&res);   /* safe after a failure too: it left nothing */
    if (st != LIA_OK) return lia__errmsg_default(st, "out of memory running a job of '%s'", lia_game_name(s->g));
    return LIA_OK;
bad:
    return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_solve: %zu bytes that are not a job of this game", len);
}

static lia_status split_finish(lia_nash_split *s, lia_eqset **out)
{
    lia__errmsg_clear();
    if (out) *out = NULL;
    if (!s || !out) return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_finish: an argument is NULL");
    pthread_mutex_lock(&s->mu);
    int finished = s->finished;
    lia_status st = s->st;
    pthread_mutex_unlock(&s->mu);
    if (!finished)
        return lia__errmsg_default(LIA_EUSAGE, "lia_nash_split_finish: the enumeration has not ended "
                                               "(lia_nash_split_next reports when it has)");
    if (st != LIA_OK) {
        lia__errmsg_set("%s", s->msg);
        return st;
    }
    *out = s->e;
    s->e = NULL;
    return LIA_OK;
}

void lia_nash_split_free(lia_nash_split *s)
{
    if (!s) return;
    lia__errmsg_forget(s);
    if (s->started) {
        pthread_mutex_lock(&s->mu);
        s->cancel = 1;
        pthread_cond_broadcast(&s->cv);
        pthread_mutex_unlock(&s->mu);
        pthread_join(s->thread, NULL);
    }
    blobs_free(&s->outbox);
    blobs_free(&s->inbox);
    lia_eqset_free(s->e);
    lia__nash_sides_free(s->sides);
    pthread_cond_destroy(&s->cv);
    pthread_mutex_destroy(&s->mu);
    lia__free(s);
}

lia_status lia_nash_split_next(lia_nash_split *s, void **job, size_t *len, int *done)
{
    return owned(s, split_next(s, job, len, done));
}

lia_status lia_nash_split_append(lia_nash_split *s, const void *result, size_t len)
{
    return owned(s, split_append(s, result, len));
}

lia_status lia_nash_split_solve(lia_nash_split *s, const void *job, size_t len, void **result, size_t *rlen)
{
    return owned(s, split_solve(s, job, len, result, rlen));
}

lia_status lia_nash_split_finish(lia_nash_split *s, lia_eqset **out)
{
    return owned(s, split_finish(s, out));
}
