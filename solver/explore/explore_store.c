/* explore_store.c — an exploration's SQLite store: the metadata (design, seed, samples,
 * ranges, model text, liaison version, the slice of runs and whether it is finished), the
 * parameters and members, and one row per run.
 *
 * Runs arrive in index order, one transaction per batch, so a store always holds a prefix of
 * its slice: resuming continues after its last run, and a crash or Ctrl-C loses at most the
 * batch under way. `complete` is set only after the last batch is committed, so a store is
 * never presented as finished when it is not. Whether a store belongs to an exploration is
 * decided by comparing metadata tables with SQL (the expected one in an in-memory schema). */
#include "explore.h"
#include "../util/buf.h"
#include "../util/mem.h"
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lia__store {
    sqlite3 *db;
    sqlite3_stmt *insert;
    const char *path;
};

static lia_status db_error(lia_explore *e, sqlite3 *db, const char *path, const char *doing)
{
    int code = db ? sqlite3_errcode(db) : SQLITE_CANTOPEN;
    lia__explore_err(e, "%s: cannot %s: %s", path, doing, db ? sqlite3_errmsg(db) : "out of memory");
    return code == SQLITE_NOMEM ? LIA_ENOMEM : LIA_EIO;
}

static int exec(sqlite3 *db, const char *sql) { return sqlite3_exec(db, sql, NULL, NULL, NULL); }

static const char *col_type(const lia_explore *e, size_t c)
{
    if (c == lia__col_status(e)) return "TEXT";
    if (c >= lia__col_dir(e, 0) && c < lia__col_transfers(e)) return "TEXT";
    if (c == lia__col_core(e)) return "INTEGER";
    return "REAL";
}

static void ident(lia_buf *b, const char *schema, const char *name)
{
    if (schema) lia__buf_printf(b, "%s.", schema);
    lia__buf_putc(b, '"');
    for (const char *p = name; *p; p++) {
        if (*p == '"') lia__buf_putc(b, '"');
        lia__buf_putc(b, *p);
    }
    lia__buf_putc(b, '"');
}

/* The tables of a store of e's exploration in `schema`, with its metadata. */
static int create(sqlite3 *db, const char *schema, const lia_explore *e, uint64_t first, uint64_t count)
{
    lia_buf b;
    lia__buf_init(&b);
    lia__buf_printf(&b, "CREATE TABLE %s.meta(key TEXT PRIMARY KEY, value);"
                       "CREATE TABLE %s.params(j INTEGER PRIMARY KEY, name TEXT NOT NULL, lo REAL NOT NULL, hi REAL NOT NULL);"
                       "CREATE TABLE %s.members(i INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                       "CREATE TABLE %s.runs(run INTEGER PRIMARY KEY",
                   schema, schema, schema, schema);
    for (size_t c = 0; c < e->ncols; c++) {
        lia__buf_puts(&b, ", ");
        ident(&b, NULL, e->cols[c]);
        lia__buf_printf(&b, " %s", col_type(e, c));
    }
    lia__buf_puts(&b, ");");
    char *sql = lia__buf_take(&b, NULL);
    int rc = sql ? exec(db, sql) : SQLITE_NOMEM;
    lia__free(sql);
    if (rc != SQLITE_OK) return rc;
    char q[160];
    snprintf(q, sizeof q, "INSERT INTO %s.meta VALUES(?1, ?2)", schema);
    sqlite3_stmt *st = NULL;
    if ((rc = sqlite3_prepare_v2(db, q, -1, &st, NULL)) != SQLITE_OK) return rc;
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)e->seed);
    struct { const char *k; const char *text; int64_t i; double d; int kind; } m[] = {
        { "format", "liaison explore 1", 0, 0, 0 },
        { "liaison_version", lia_version(), 0, 0, 0 },
        { "game", e->game, 0, 0, 0 },
        { "design", lia_design_name(e->design), 0, 0, 0 },
        { "samples", NULL, (int64_t)e->n, 0, 1 },
        { "seed", seed, 0, 0, 0 },
        { "delta", NULL, 0, e->delta, 2 },
        { "total", NULL, (int64_t)e->total, 0, 1 },
        { "first", NULL, (int64_t)first, 0, 1 },
        { "count", NULL, (int64_t)count, 0, 1 },
        { "complete", NULL, 0, 0, 1 },
    };
    for (size_t k = 0; rc == SQLITE_OK && k < sizeof m / sizeof *m; k++) {
        sqlite3_bind_text(st, 1, m[k].k, -1, SQLITE_STATIC);
        if (m[k].kind == 0) sqlite3_bind_text(st, 2, m[k].text, -1, SQLITE_TRANSIENT);
        else if (m[k].kind == 1) sqlite3_bind_int64(st, 2, m[k].i);
        else sqlite3_bind_double(st, 2, m[k].d);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
    }
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, "model", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, e->model_text, (int)e->model_len, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
    }
    if (rc == SQLITE_OK && e->target) {
        /* the profile judged, strategy indices "1,0"; absent: the commitment (older stores) */
        lia_buf t;
        lia__buf_init(&t);
        for (size_t i = 0; i < e->members; i++) lia__buf_printf(&t, "%s%zu", i ? "," : "", e->target[i]);
        char *text = lia__buf_take(&t, NULL);
        if (!text) rc = SQLITE_NOMEM;
        else {
            sqlite3_bind_text(st, 1, "target", -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        }
        lia__free(text);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) return rc;
    snprintf(q, sizeof q, "INSERT INTO %s.params VALUES(?1, ?2, ?3, ?4)", schema);
    if ((rc = sqlite3_prepare_v2(db, q, -1, &st, NULL)) != SQLITE_OK) return rc;
    for (size_t j = 0; rc == SQLITE_OK && j < e->d; j++) {
        sqlite3_bind_int64(st, 1, (int64_t)j);
        sqlite3_bind_text(st, 2, e->pnames[j], -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 3, e->lo[j]);
        sqlite3_bind_double(st, 4, e->hi[j]);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) return rc;
    snprintf(q, sizeof q, "INSERT INTO %s.members VALUES(?1, ?2)", schema);
    if ((rc = sqlite3_prepare_v2(db, q, -1, &st, NULL)) != SQLITE_OK) return rc;
    for (size_t i = 0; rc == SQLITE_OK && i < e->members; i++) {
        sqlite3_bind_int64(st, 1, (int64_t)i);
        sqlite3_bind_text(st, 2, e->mnames[i], -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

static int64_t count_of(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* How schema a's exploration differs from b's: 0 the same, 1 another model (or game),
 * 2 another design, seed, samples, delta, ranges or target of it, 3 another slice of the runs,
 * -1 a's tables are not a store's. */
static int compare(sqlite3 *db, const char *a, const char *b, int slice)
{
    char q[512];
    snprintf(q, sizeof q, "SELECT count(*) FROM %s.meta WHERE key = 'format' AND value = 'liaison explore 1'", a);
    if (count_of(db, q) != 1) return -1;
    static const char *const model_keys[] = { "model", "game" };
    static const char *const run_keys[] = { "design", "samples", "seed", "delta", "total" };
    static const char *const slice_keys[] = { "first", "count" };
    for (int g = 0; g < 3; g++) {
        const char *const *keys = g == 0 ? model_keys : g == 1 ? run_keys : slice_keys;
        size_t n = g == 0 ? 2 : g == 1 ? 5 : 2;
        if (g == 2 && !slice) break;
        for (size_t k = 0; k < n; k++) {
            snprintf(q, sizeof q, "SELECT count(*) FROM %s.meta x JOIN %s.meta y ON x.key = y.key "
                                  "WHERE x.key = '%s' AND x.value IS y.value", a, b, keys[k]);
            if (count_of(db, q) != 1) return g + 1;
        }
        if (g == 0) {
            snprintf(q, sizeof q, "SELECT (SELECT count(*) FROM %s.members) = (SELECT count(*) FROM %s.members) AND "
                     "(SELECT count(*) FROM %s.members x JOIN %s.members y USING(i) WHERE x.name = y.name) = "
                     "(SELECT count(*) FROM %s.members)", a, b, a, b, a);
            if (count_of(db, q) != 1) return 1;
        }
        if (g == 1) {
            /* the target: absent in both (the commitment) or the same */
            snprintf(q, sizeof q, "SELECT (SELECT value FROM %s.meta WHERE key = 'target') IS "
                                  "(SELECT value FROM %s.meta WHERE key = 'target')", a, b);
            if (count_of(db, q) != 1) return 2;
            snprintf(q, sizeof q, "SELECT (SELECT count(*) FROM %s.params) = (SELECT count(*) FROM %s.params) AND "
                     "(SELECT count(*) FROM %s.params x JOIN %s.params y USING(j) WHERE x.name = y.name AND "
                     "x.lo = y.lo AND x.hi = y.hi) = (SELECT count(*) FROM %s.params)", a, b, a, b, a);
            if (count_of(db, q) != 1) return 2;
        }
    }
    return 0;
}

static const char *difference(int d)
{
    switch (d) {
    case 1: return "an exploration of another model (its text, overrides or game differ)";
    case 2: return "another exploration of this model (design, samples, seed, delta, ranges or target differ)";
    case 3: return "another slice (shard) of this exploration";
    default: return "no exploration of liaison";
    }
}

static lia_status prepare_insert(lia__store *s, lia_explore *e)
{
    lia_buf b;
    lia__buf_init(&b);
    lia__buf_puts(&b, "INSERT INTO main.runs VALUES(?");
    for (size_t c = 0; c < e->ncols; c++) lia__buf_puts(&b, ", ?");
    lia__buf_puts(&b, ")");
    char *sql = lia__buf_take(&b, NULL);
    if (!sql) return LIA_ENOMEM;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &s->insert, NULL);
    lia__free(sql);
    return rc == SQLITE_OK ? LIA_OK : db_error(e, s->db, s->path, "prepare the store");
}

lia_status lia__store_open(lia__store **out, lia_explore *e, const char *path, uint64_t *done, int *complete)
{
    *out = NULL;
    *done = 0;
    *complete = 0;
    lia__store *s = lia__calloc(1, sizeof *s);
    if (!s) return LIA_ENOMEM;
    s->path = path;
    lia_status st = LIA_OK;
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        st = db_error(e, s->db, path, "open the store");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    int64_t tables = count_of(s->db, "SELECT count(*) FROM main.sqlite_master");
    if (tables < 0) { st = db_error(e, s->db, path, "read the store"); goto fail; }
    if (exec(s->db, "ATTACH ':memory:' AS want") != SQLITE_OK ||
        create(s->db, "want", e, e->first, e->nruns) != SQLITE_OK) {
        st = db_error(e, s->db, path, "describe the exploration");
        goto fail;
    }
    if (tables == 0) {
        if (exec(s->db, "BEGIN") != SQLITE_OK || create(s->db, "main", e, e->first, e->nruns) != SQLITE_OK ||
            exec(s->db, "COMMIT") != SQLITE_OK) {
            st = db_error(e, s->db, path, "create the store");
            exec(s->db, "ROLLBACK");
            goto fail;
        }
    } else {
        int d = compare(s->db, "main", "want", 1);
        if (d != 0) {
            lia__explore_err(e, "%s holds %s; use another store file", path, difference(d));
            st = LIA_EUSAGE;
            goto fail;
        }
        int64_t n = count_of(s->db, "SELECT count(*) FROM main.runs");
        char q[128];
        snprintf(q, sizeof q, "SELECT count(*) FROM main.runs WHERE run >= %llu AND run < %llu",
                 (unsigned long long)e->first, (unsigned long long)(e->first + (n > 0 ? (uint64_t)n : 0)));
        if (n < 0 || count_of(s->db, q) != n) {
            lia__explore_err(e, "%s: its runs are not the prefix of its slice that liaison writes; it was changed by "
                                "something else", path);
            st = LIA_EUSAGE;
            goto fail;
        }
        *done = (uint64_t)n;
        *complete = count_of(s->db, "SELECT value FROM main.meta WHERE key = 'complete'") == 1;
    }
    exec(s->db, "DETACH want");
    if ((st = prepare_insert(s, e)) != LIA_OK) goto fail;
    *out = s;
    return LIA_OK;
fail:
    lia__store_close(s);
    return st;
}

static const char *dir_text(double v)
{
    if (isnan(v)) return NULL;
    if (v == LIA_DIRECTION_WITHHOLD) return "withhold";
    if (v == LIA_DIRECTION_EXCEED) return "exceed";
    return "none";
}

lia_status lia__store_append(lia__store *s, lia_explore *e, const double *rows, uint64_t first, size_t n)
{
    if (exec(s->db, "BEGIN") != SQLITE_OK) return db_error(e, s->db, s->path, "write the store");
    int rc = SQLITE_OK;
    for (size_t k = 0; k < n && rc == SQLITE_OK; k++) {
        const double *row = rows + k * e->ncols;
        sqlite3_stmt *st = s->insert;
        sqlite3_bind_int64(st, 1, (int64_t)(first + k));
        for (size_t c = 0; c < e->ncols; c++) {
            int at = (int)c + 2;
            double v = row[c];
            if (c == lia__col_status(e)) sqlite3_bind_text(st, at, lia__explore_status_name((int)v), -1, SQLITE_STATIC);
            else if (c >= lia__col_dir(e, 0) && c < lia__col_transfers(e)) {
                const char *t = dir_text(v);
                if (t) sqlite3_bind_text(st, at, t, -1, SQLITE_STATIC);
                else sqlite3_bind_null(st, at);
            } else if (isnan(v)) sqlite3_bind_null(st, at);
            else if (c == lia__col_core(e)) sqlite3_bind_int(st, at, (int)v);
            else sqlite3_bind_double(st, at, v);
        }
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
        sqlite3_reset(st);
    }
    if (rc == SQLITE_OK) rc = exec(s->db, "COMMIT");
    if (rc != SQLITE_OK) {
        lia_status err = db_error(e, s->db, s->path, "write the store");
        exec(s->db, "ROLLBACK");
        size_t at = strlen(e->errmsg);
        snprintf(e->errmsg + at, sizeof e->errmsg - at, " (it keeps the runs written before, marked unfinished)");
        return err;
    }
    return LIA_OK;
}

lia_status lia__store_finish(lia__store *s, lia_explore *e)
{
    if (exec(s->db, "UPDATE main.meta SET value = 1 WHERE key = 'complete'") != SQLITE_OK)
        return db_error(e, s->db, s->path, "mark the store finished");
    return LIA_OK;
}

void lia__store_close(lia__store *s)
{
    if (!s) return;
    sqlite3_finalize(s->insert);
    sqlite3_close(s->db);
    lia__free(s);
}

/* ---- reading a store back ---- */

static char *meta_text(lia_explore *e, sqlite3 *db, const char *key, size_t *len)
{
    sqlite3_stmt *st = NULL;
    char *out = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM main.meta WHERE key = ?1", -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            size_t n = (size_t)sqlite3_column_bytes(st, 0);
            if (t) out = lia__arena_strndup(&e->arena, (const char *)t, n);
            if (len) *len = n;
        }
    }
    sqlite3_finalize(st);
    return out;
}

static lia_status load_in(lia_explore *e, sqlite3 *db, const char *path)
{
    if (compare(db, "main", "main", 0) != 0) {
        lia__explore_err(e, "%s is not a store of liaison explore", path);
        return LIA_EUSAGE;
    }
    size_t mlen = 0;
    const char *design = meta_text(e, db, "design", NULL), *seed = meta_text(e, db, "seed", NULL);
    const char *model = meta_text(e, db, "model", &mlen);
    e->game = meta_text(e, db, "game", NULL);
    if (!design || !seed || !model || !e->game) return LIA_ENOMEM;
    e->design = strcmp(design, "mc") == 0 ? LIA_DESIGN_MC : strcmp(design, "lhs") == 0 ? LIA_DESIGN_LHS
              : strcmp(design, "sobol") == 0 ? LIA_DESIGN_SOBOL : LIA_DESIGN_MORRIS;
    e->seed = strtoull(seed, NULL, 10);
    e->n = (uint64_t)count_of(db, "SELECT value FROM main.meta WHERE key = 'samples'");
    e->total = (uint64_t)count_of(db, "SELECT value FROM main.meta WHERE key = 'total'");
    e->first = (uint64_t)count_of(db, "SELECT value FROM main.meta WHERE key = 'first'");
    int64_t slice = count_of(db, "SELECT value FROM main.meta WHERE key = 'count'");
    int finished = count_of(db, "SELECT value FROM main.meta WHERE key = 'complete'") == 1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM main.meta WHERE key = 'delta'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        e->delta = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    if (!(e->model_text = lia__strndup(model, mlen))) return LIA_ENOMEM;
    e->model_len = mlen;
    e->d = (size_t)count_of(db, "SELECT count(*) FROM main.params");
    e->members = (size_t)count_of(db, "SELECT count(*) FROM main.members");
    const char *target = NULL;
    if (sqlite3_prepare_v2(db, "SELECT value FROM main.meta WHERE key = 'target'", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        target = lia__arena_strndup(&e->arena, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    sqlite3_finalize(st);
    st = NULL;
    if (target) {
        if (!(e->target = lia__arena_array(&e->arena, e->members ? e->members : 1, sizeof *e->target))) return LIA_ENOMEM;
        const char *p = target;
        for (size_t i = 0; i < e->members; i++) {
            char *end;
            e->target[i] = (size_t)strtoull(p, &end, 10);
            p = *end == ',' ? end + 1 : end;
        }
    }
    e->pnames = lia__arena_array(&e->arena, e->d ? e->d : 1, sizeof *e->pnames);
    e->lo = lia__arena_array(&e->arena, e->d ? e->d : 1, sizeof *e->lo);
    e->hi = lia__arena_array(&e->arena, e->d ? e->d : 1, sizeof *e->hi);
    e->mnames = lia__arena_array(&e->arena, e->members ? e->members : 1, sizeof *e->mnames);
    if (!e->pnames || !e->lo || !e->hi || !e->mnames) return LIA_ENOMEM;
    if (sqlite3_prepare_v2(db, "SELECT name, lo, hi FROM main.params ORDER BY j", -1, &st, NULL) != SQLITE_OK)
        return db_error(e, db, path, "read the store");
    for (size_t j = 0; j < e->d && sqlite3_step(st) == SQLITE_ROW; j++) {
        e->pnames[j] = lia__arena_strndup(&e->arena, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        e->lo[j] = sqlite3_column_double(st, 1);
        e->hi[j] = sqlite3_column_double(st, 2);
        if (!e->pnames[j]) { sqlite3_finalize(st); return LIA_ENOMEM; }
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "SELECT name FROM main.members ORDER BY i", -1, &st, NULL) != SQLITE_OK)
        return db_error(e, db, path, "read the store");
    for (size_t i = 0; i < e->members && sqlite3_step(st) == SQLITE_ROW; i++) {
        e->mnames[i] = lia__arena_strndup(&e->arena, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
        if (!e->mnames[i]) { sqlite3_finalize(st); return LIA_ENOMEM; }
    }
    sqlite3_finalize(st);
    if (!lia__explore_columns(e)) return LIA_ENOMEM;
    /* rows: in index order, decoded back to the codes the solver wrote */
    if (sqlite3_prepare_v2(db, "SELECT * FROM main.runs ORDER BY run", -1, &st, NULL) != SQLITE_OK)
        return db_error(e, db, path, "read the store");
    double *row = lia__malloc(e->ncols * sizeof *row);
    if (!row) { sqlite3_finalize(st); return LIA_ENOMEM; }
    lia_status res = LIA_OK;
    uint64_t expect = e->first;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if ((uint64_t)sqlite3_column_int64(st, 0) != expect++) {
            lia__explore_err(e, "%s: runs are missing before run %lld; merge or resume the missing ones first", path,
                             (long long)sqlite3_column_int64(st, 0));
            res = LIA_EUSAGE;
            break;
        }
        for (size_t c = 0; c < e->ncols; c++) {
            int at = (int)c + 1;
            if (sqlite3_column_type(st, at) == SQLITE_NULL) { row[c] = NAN; continue; }
            if (c == lia__col_status(e)) row[c] = lia__explore_status_code((const char *)sqlite3_column_text(st, at));
            else if (c >= lia__col_dir(e, 0) && c < lia__col_transfers(e)) {
                const char *t = (const char *)sqlite3_column_text(st, at);
                row[c] = strcmp(t, "withhold") == 0 ? LIA_DIRECTION_WITHHOLD : strcmp(t, "exceed") == 0 ? LIA_DIRECTION_EXCEED
                                                                                                       : LIA_DIRECTION_NONE;
            } else row[c] = sqlite3_column_double(st, at);
        }
        if (!lia__explore_append(e, row, 1)) { res = LIA_ENOMEM; break; }
    }
    if (res == LIA_OK && rc != SQLITE_DONE) res = db_error(e, db, path, "read the store");
    lia__free(row);
    sqlite3_finalize(st);
    e->complete = res == LIA_OK && finished && e->first == 0 && slice >= 0 && (uint64_t)slice == e->total &&
                  e->nruns == e->total;
    return res;
}

lia_status lia__store_load(lia_explore **out, const char *path)
{
    lia_explore *e = lia__explore_new();
    *out = e;
    if (!e) return LIA_ENOMEM;
    sqlite3 *db = NULL;
    lia_status st;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) st = db_error(e, db, path, "open the store");
    else st = load_in(e, db, path);
    sqlite3_close(db);
    if (st == LIA_ENOMEM) { lia_explore_free(e); *out = NULL; }
    return st;
}

/* ---- merging shards ---- */

lia_status lia_explore_merge(lia_explore **out, const char *store, const char *const *parts, size_t nparts)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!store || !parts || nparts == 0) return LIA_EUSAGE;
    /* the first part describes the exploration; the merged store covers all of its runs */
    lia_explore *e = NULL;
    lia_status st = lia__store_load(&e, parts[0]);
    if (st != LIA_OK) { *out = e; return st; }
    lia__store *s = NULL;
    uint64_t done;
    int complete;
    uint64_t keep_first = e->first, keep_n = e->nruns;
    e->first = 0;
    e->nruns = e->total;
    st = lia__store_open(&s, e, store, &done, &complete);
    e->first = keep_first;
    e->nruns = keep_n;
    for (size_t k = 0; st == LIA_OK && k < nparts; k++) {
        char q[160];
        sqlite3_stmt *at = NULL;
        int rc = sqlite3_prepare_v2(s->db, "ATTACH ?1 AS part", -1, &at, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(at, 1, parts[k], -1, SQLITE_STATIC);
            rc = sqlite3_step(at) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
        }
        sqlite3_finalize(at);
        if (rc != SQLITE_OK) { st = db_error(e, s->db, parts[k], "open the part"); break; }
        int d = compare(s->db, "part", "main", 0);
        if (d != 0) {
            lia__explore_err(e, "%s holds %s than %s; it cannot be merged", parts[k], difference(d), store);
            st = LIA_EUSAGE;
        } else if (count_of(s->db, "SELECT value FROM part.meta WHERE key = 'complete'") != 1) {
            lia__explore_err(e, "%s is unfinished; finish it (resume it) before merging", parts[k]);
            st = LIA_EUSAGE;
        } else if (exec(s->db, "BEGIN") != SQLITE_OK ||
                   exec(s->db, "INSERT INTO main.runs SELECT * FROM part.runs") != SQLITE_OK) {
            int dup = sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_PRIMARYKEY;
            if (dup) {
                lia__explore_err(e, "%s has runs that %s already holds (the same shard twice?)", parts[k], store);
                st = LIA_EUSAGE;
            } else {
                st = db_error(e, s->db, store, "write the merged store");
            }
            exec(s->db, "ROLLBACK");
        } else if (exec(s->db, "COMMIT") != SQLITE_OK) {
            st = db_error(e, s->db, store, "write the merged store");
            exec(s->db, "ROLLBACK");
        }
        snprintf(q, sizeof q, "DETACH part");
        exec(s->db, q);
    }
    if (st == LIA_OK) {
        int64_t n = count_of(s->db, "SELECT count(*) FROM main.runs");
        if (n >= 0 && (uint64_t)n == e->total) st = lia__store_finish(s, e);
    }
    lia__store_close(s);
    if (st != LIA_OK) { *out = e; return st; }
    lia_explore_free(e);
    return lia__store_load(out, store);
}
