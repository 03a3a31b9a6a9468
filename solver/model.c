/* model.c — the lia_model handle: sources, AST, overrides and the checked spec, re-derived
 * whenever an override changes, plus compilation to game handles. */
#include "liaison.h"
#include "model_internal.h"
#include "lang/parser.h"
#include "lang/spec.h"
#include "lower/lower.h"
#include "io/readers.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/mem.h"
#include "util/nametab.h"
#include "util/num.h"
#include "util/options.h"
#include "util/suggest.h"
#include "util/c_numeric.h"
#include "game/game.h"
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef enum { FMT_LIA, FMT_NFG, FMT_LRS } model_format;

struct lia_model {
    model_format format;
    lia_sources sources;        /* [0]: the model text; then one per override */
    lia_diags diags;
    size_t nparse;              /* diagnostics from parsing, kept across re-checks */
    lia_arena ast_arena;
    lia_ast ast;
    lia_arena spec_arena;
    lia_spec spec;
    lia_override *ov;
    size_t nov, ovcap;
    char *game_name;            /* name of the single game of an .nfg/lrs file */
    size_t read_cap;            /* bytes the readers' tables may take (lia_model_open_cap) */
    char errmsg[1024];
    /* lia_model_param_*: built on first use from a logged re-check, dropped when the model
     * changes (the handle is never shared between threads, so the lazy fill is safe) */
    int params_ready, params_oom;
    lia_arena param_arena;
    lia_param *params;
    size_t nparams;
};

static void set_err(lia_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static lia_status pick_game(lia_model *m, const char *name, const lia_compile_options *opts, size_t *gi, size_t *cap);
static void set_err(lia_model *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->errmsg, sizeof m->errmsg, fmt, ap);
    va_end(ap);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

/* Re-derive the spec from the AST (or re-read an .nfg/lrs source) with the current overrides. */
static lia_status resolve(lia_model *m)
{
    m->params_ready = 0;
    lia__arena_free(&m->param_arena);
    m->params = NULL;
    m->nparams = 0;
    lia__diags_truncate(&m->diags, m->nparse);
    lia__arena_free(&m->spec_arena);
    memset(&m->spec, 0, sizeof m->spec);
    int rc;
    switch (m->format) {
    case FMT_NFG: rc = lia__read_nfg(&m->spec, &m->spec_arena, &m->sources, 0, &m->diags, m->game_name, m->read_cap); break;
    case FMT_LRS: rc = lia__read_lrs(&m->spec, &m->spec_arena, &m->sources, 0, &m->diags, m->game_name, m->read_cap); break;
    default: rc = lia__check(&m->spec, &m->spec_arena, &m->ast, &m->sources, &m->diags, m->ov, m->nov); break;
    }
    lia__diags_sort(&m->diags, 0);
    if (rc < 0 || m->diags.oom) {
        set_err(m, "out of memory while checking the model");
        return LIA_ENOMEM;
    }
    if (m->diags.errors) {
        const lia_diag *d = NULL;
        for (size_t i = 0; i < m->diags.n && !d; i++)
            if (m->diags.items[i].severity == LIA_ERROR) d = &m->diags.items[i];
        set_err(m, "%s:%u:%u: %s%s", d->file, d->line, d->column, d->message,
                m->diags.errors > 1 ? " (and more errors)" : "");
        return LIA_EINPUT;
    }
    m->errmsg[0] = 0;
    return LIA_OK;
}

static lia_status load(lia_model *m, const char *name, const char *text, size_t len, model_format fmt)
{
    if (lia__sources_add(&m->sources, name, text, len) < 0) return LIA_ENOMEM;
    m->format = fmt;
    if (fmt == FMT_LIA) {
        if (lia__parse(&m->ast, &m->ast_arena, &m->sources, 0, &m->diags) < 0) {
            set_err(m, "out of memory while parsing");
            return LIA_ENOMEM;
        }
        lia__diags_sort(&m->diags, 0);
        m->nparse = m->diags.n;
    } else {
        /* the single game is named after the file: "games/N1_4x3.game" -> "N1_4x3" */
        const char *b = base_name(name);
        const char *dot = strrchr(b, '.');
        m->game_name = lia__strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
        if (!m->game_name) return LIA_ENOMEM;
    }
    return resolve(m);
}

static lia_model *model_new(void)
{
    lia_model *m = lia__calloc(1, sizeof *m);
    if (!m) return NULL;
    lia__arena_init(&m->ast_arena);
    lia__arena_init(&m->spec_arena);
    lia__arena_init(&m->param_arena);
    m->read_cap = LIA_DEFAULT_MEMORY_CAP;
    return m;
}

static model_format detect(const char *path, const char *text, size_t len)
{
    if (has_ext(path, ".lia")) return FMT_LIA;
    if (has_ext(path, ".nfg") || lia__looks_like_nfg(text, len)) return FMT_NFG;
    if (lia__looks_like_lrs(text, len)) return FMT_LRS;
    return FMT_LIA;
}

static lia_status model_parse_in(lia_model **out, const char *text, size_t len, const char *name)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!text && len) return LIA_EUSAGE;
    lia_model *m = model_new();
    if (!m) return LIA_ENOMEM;
    if (!name) name = "<string>";
    lia_status st = load(m, name, text ? text : "", len, detect(name, text ? text : "", len));
    if (st == LIA_ENOMEM) { lia_model_free(m); return st; }
    *out = m;
    return st;
}

/* Read the whole file, refusing more than `limit` bytes: a regular file by its size before
 * reading anything, anything else (a pipe, /dev/zero) as soon as it passes the limit. An
 * allocation failure ends the loop too. 0 and *text on success; else an errno value, or
 * EFBIG (limit passed) or ENOMEM. */
static int read_all(FILE *f, size_t limit, lia_buf *b)
{
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit) return EFBIG;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (n > limit - b->len) return EFBIG;
        lia__buf_put(b, chunk, n);
        if (b->failed) return ENOMEM;
    }
    return ferror(f) ? (errno ? errno : EIO) : 0;
}

static lia_status model_open_in(lia_model **out, const char *path, size_t cap)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!path) return LIA_EUSAGE;
    lia_model *m = model_new();
    if (!m) return LIA_ENOMEM;
    if (cap) m->read_cap = cap > LIA_READ_BASE_BYTES ? cap : LIA_READ_BASE_BYTES;
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(m, "cannot open %s: %s", path, strerror(errno));
        if (lia__sources_add(&m->sources, path, "", 0) < 0) { lia_model_free(m); return LIA_ENOMEM; }
        *out = m;
        return LIA_EIO;
    }
    lia_buf b;
    lia__buf_init(&b);
    size_t limit = m->read_cap < LIA_MAX_INPUT_BYTES ? m->read_cap : LIA_MAX_INPUT_BYTES;
    int err = read_all(f, limit, &b);
    fclose(f);
    if (err == ENOMEM) { lia__buf_free(&b); lia_model_free(m); return LIA_ENOMEM; }
    if (err) {
        lia__buf_free(&b);
        char lim[32];
        lia__format_bytes(lim, sizeof lim, (double)limit);
        if (err == EFBIG)
            set_err(m, "cannot read %s: it is larger than %s, the most a model file may hold%s", path, lim,
                    limit < LIA_MAX_INPUT_BYTES ? " under the memory cap (raise the cap to read it)" : "");
        else set_err(m, "cannot read %s: %s", path, strerror(err));
        if (lia__sources_add(&m->sources, path, "", 0) < 0) { lia_model_free(m); return LIA_ENOMEM; }
        *out = m;
        return LIA_EIO;
    }
    const char *text = b.data ? b.data : "";
    lia_status st = load(m, path, text, b.len, detect(path, text, b.len));
    lia__buf_free(&b);
    if (st == LIA_ENOMEM) { lia_model_free(m); return st; }
    *out = m;
    return st;
}

void lia_model_free(lia_model *m)
{
    if (!m) return;
    lia__diags_free(&m->diags);
    lia__sources_free(&m->sources);
    lia__arena_free(&m->ast_arena);
    lia__arena_free(&m->spec_arena);
    lia__arena_free(&m->param_arena);
    for (size_t i = 0; i < m->nov; i++) lia__free(m->ov[i].name);
    lia__free(m->ov);
    lia__free(m->game_name);
    lia__free(m);
}

const char *lia_model_errmsg(const lia_model *m)
{
    if (!m) return "no model (NULL handle)";
    return m->errmsg;
}

const char *lia_model_source_name(const lia_model *m)
{
    return m && m->sources.n ? m->sources.items[0].name : "";
}

char *lia__model_text(const lia_model *m, size_t *len)
{
    lia_buf b;
    lia__buf_init(&b);
    if (m && m->sources.n) lia__buf_put(&b, m->sources.items[0].text, m->sources.items[0].len);
    for (size_t i = 0; m && i < m->nov; i++) {
        const lia_source *s = &m->sources.items[m->ov[i].src];
        lia__buf_printf(&b, "\n--set %.*s", (int)s->len, s->text);
    }
    return lia__buf_take(&b, len);
}

void lia__model_error(lia_model *m, const char *what)
{
    if (m) snprintf(m->errmsg, sizeof m->errmsg, "%s", what);
}

lia_status lia__model_pick(lia_model *m, const char *name, size_t *index)
{
    lia_compile_options opts = LIA_COMPILE_OPTIONS_INIT;
    size_t cap;
    if (!m) return LIA_EUSAGE;
    m->errmsg[0] = 0;
    return pick_game(m, name, &opts, index, &cap);
}

const struct lia_spec *lia__model_spec(const lia_model *m)
{
    return m && m->format == FMT_LIA && m->diags.errors == 0 ? &m->spec : NULL;
}

size_t lia_model_diag_count(const lia_model *m) { return m ? m->diags.n : 0; }
size_t lia_model_error_count(const lia_model *m) { return m ? m->diags.errors : 0; }

const lia_diag *lia_model_diag_at(const lia_model *m, size_t i)
{
    return m && i < m->diags.n ? &m->diags.items[i] : NULL;
}

const char *lia_model_title(const lia_model *m)
{
    return m && m->spec.title ? m->spec.title : "";
}

/* ---- parameters: every name lia_model_set accepts (docs/api.md) ---- */

/* Check the model once more with the path log on; keep the first record of each name (the
 * regimes' re-checks do not log, so repeats are rare). */
static void build_params(lia_model *m)
{
    m->params_ready = 1;
    m->params_oom = 0;
    if (m->format != FMT_LIA) return;
    lia_path_log log;
    memset(&log, 0, sizeof log);
    lia_diags d;
    memset(&d, 0, sizeof d);
    lia_spec spec;
    int rc = lia__check_logged(&spec, &m->param_arena, &m->ast, &m->sources, &d, m->ov, m->nov, &log);
    lia__diags_free(&d);
    lia_nametab seen;
    if (rc < 0 || log.oom || !lia__nametab_init(&seen, &m->param_arena, log.n) ||
        !(m->params = lia__arena_array(&m->param_arena, log.n ? log.n : 1, sizeof *m->params))) {
        set_err(m, "out of memory while listing the parameters");
        m->params = NULL;
        m->params_ready = 0;   /* try again next time */
        m->params_oom = 1;
        lia__free(log.items);
        return;
    }
    for (size_t i = 0; i < log.n; i++) {
        const lia_path_rec *r = &log.items[i];
        if (lia__nametab_put(&seen, r->name, strlen(r->name), m->nparams) != m->nparams) continue;
        lia_param *p = &m->params[m->nparams++];
        memset(p, 0, sizeof *p);
        p->name = r->name;
        p->kind = r->is_let ? LIA_PARAM_LET : LIA_PARAM_ATTRIBUTE;
        p->value = r->value;
        p->has_range = r->has_range;
        p->lo = r->has_range ? r->lo : NAN;
        p->hi = r->has_range ? r->hi : NAN;
    }
    lia__free(log.items);
}

size_t lia_model_param_count(const lia_model *cm)
{
    lia_model *m = (lia_model *)cm;   /* the cache is not part of the model's value */
    if (!m) return 0;
    if (!m->params_ready) build_params(m);
    return m->nparams;
}

int lia__model_params_oom(const lia_model *m) { return m && m->params_oom; }

const lia_param *lia_model_param_at(const lia_model *m, size_t i)
{
    return i < lia_model_param_count(m) ? &m->params[i] : NULL;
}

/* The parameter name closest to a misspelt one (lia__suggest), or NULL; the name is owned by
 * the model's parameter list. */
static const char *closest_param(const lia_model *m, const char *name)
{
    size_t n = lia_model_param_count(m);
    const char **cands = n ? lia__malloc(n * sizeof *cands) : NULL;
    if (!cands) return NULL;
    for (size_t i = 0; i < n; i++) cands[i] = m->params[i].name;
    const char *sug = lia__suggest(name, strlen(name), cands, n);
    lia__free(cands);
    return sug;
}

const lia_param *lia_model_param_find(const lia_model *m, const char *name)
{
    size_t n = lia_model_param_count(m);
    for (size_t i = 0; name && i < n; i++)
        if (strcmp(m->params[i].name, name) == 0) return &m->params[i];
    return NULL;
}

static int valid_path(const char *name)
{
    if (!*name || *name == '.') return 0;
    for (const char *p = name; *p; p++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' ||
                 (*p == '.' && p[1] && p[1] != '.');
        if (!ok) return 0;
    }
    return 1;
}

/* Install NAME=VALUE as override i's source text (replacing an earlier value in place, so a
 * sweep that sets the same name a million times does not grow the model). */
static int override_source(lia_model *m, lia_override *o, int fresh, const char *name, const char *value)
{
    lia_buf b;
    lia__buf_init(&b);
    lia__buf_printf(&b, "%s=%s", name, value);
    size_t len;
    char *text = lia__buf_take(&b, &len);
    if (!text) return 0;
    if (fresh) {
        int src = lia__sources_add(&m->sources, "--set", text, len);
        lia__free(text);
        if (src < 0) return 0;
        o->src = (uint32_t)src;
    } else {
        lia_source *s = &m->sources.items[o->src];
        lia__free(s->text);
        s->text = text;
        s->len = len;
    }
    o->value_off = strlen(name) + 1;
    return 1;
}

/* lia_model_set, with the override tagged as the caller's (0) or as applied from regime r (r + 1). */
static lia_status model_set_tagged(lia_model *m, const char *name, const char *value, size_t tag)
{
    if (!m) return LIA_EUSAGE;
    m->errmsg[0] = 0;
    if (!name || !value) { set_err(m, "lia_model_set: name and value are required"); return LIA_EUSAGE; }
    if (m->format != FMT_LIA) {
        set_err(m, "'%s' cannot be set: %s is a %s file, which has no constants or attributes", name,
                m->sources.items[0].name, m->format == FMT_NFG ? "Gambit .nfg" : "lrs");
        return LIA_EUSAGE;
    }
    if (!valid_path(name)) {
        set_err(m, "'%s' is not a constant name or attribute path (like asym, UK.leak or Berne.dilution)", name);
        return LIA_EUSAGE;
    }
    size_t i = 0;
    while (i < m->nov && strcmp(m->ov[i].name, name) != 0) i++;
    int fresh = i == m->nov;
    char *old_text = NULL;
    size_t old_len = 0, old_off = 0, old_tag = 0;
    if (fresh) {
        if (m->nov == m->ovcap) {
            size_t cap = m->ovcap ? m->ovcap * 2 : 4;
            lia_override *ov = lia__realloc(m->ov, cap * sizeof *ov);
            if (!ov) { set_err(m, "out of memory"); return LIA_ENOMEM; }
            m->ov = ov;
            m->ovcap = cap;
        }
        memset(&m->ov[i], 0, sizeof m->ov[i]);
        if (!(m->ov[i].name = lia__strdup(name))) { set_err(m, "out of memory"); return LIA_ENOMEM; }
        m->ov[i].regime = tag;
    } else {
        /* keep the previous value so a failed replacement can be undone */
        lia_source *s = &m->sources.items[m->ov[i].src];
        old_text = lia__strndup(s->text, s->len);
        old_len = s->len;
        old_off = m->ov[i].value_off;
        old_tag = m->ov[i].regime;
        if (!old_text) { set_err(m, "out of memory"); return LIA_ENOMEM; }
        m->ov[i].regime = tag;
    }
    if (!override_source(m, &m->ov[i], fresh, name, value)) {
        if (fresh) lia__free(m->ov[i].name);
        else m->ov[i].regime = old_tag;
        lia__free(old_text);
        set_err(m, "out of memory");
        return LIA_ENOMEM;
    }
    if (fresh) m->nov++;
    lia_status st = resolve(m);
    /* a path in a block whose checking stopped at an error cannot be told from a typo: the
     * override stays, and the errors are what the caller sees */
    if (st == LIA_ENOMEM || (!m->ov[i].used && st == LIA_OK)) {
        int unknown = st != LIA_ENOMEM;
        /* undo: drop the new override or restore the old value, then re-check */
        if (fresh) {
            lia__free(m->ov[i].name);
            m->nov--;
            lia__sources_truncate(&m->sources, m->ov[i].src);
        } else {
            lia_source *s = &m->sources.items[m->ov[i].src];
            lia__free(s->text);
            s->text = old_text;
            s->len = old_len;
            m->ov[i].value_off = old_off;
            m->ov[i].regime = old_tag;
            old_text = NULL;
        }
        lia__free(old_text);
        lia_status again = resolve(m);
        const char *sug = unknown ? closest_param(m, name) : NULL;
        if (sug) {
            set_err(m, "no constant or attribute '%s' in %s; did you mean '%s'?", name, m->sources.items[0].name, sug);
            return again == LIA_ENOMEM ? LIA_ENOMEM : LIA_EUSAGE;
        }
        if (unknown) {
            set_err(m, "no constant or attribute '%s' in %s (constants are set by name, attributes by path "
                    "such as UK.leak, UK.need.soviet, UKUSA.facility.stations.cost or transition.calm.crisis)",
                    name, m->sources.items[0].name);
            return again == LIA_ENOMEM ? LIA_ENOMEM : LIA_EUSAGE;
        }
        return LIA_ENOMEM;
    }
    lia__free(old_text);
    return st;
}

static lia_status model_set_in(lia_model *m, const char *name, const char *value)
{
    return model_set_tagged(m, name, value, 0);
}

lia_status lia_model_set_number(lia_model *m, const char *name, double value)
{
    if (!m) return LIA_EUSAGE;
    if (!(value >= -1e300 && value <= 1e300)) {
        set_err(m, "'%s' cannot be set to a non-finite number", name ? name : "(null)");
        return LIA_EUSAGE;
    }
    char text[64];
    lia_c_numeric loc;
    if (!lia__c_numeric_begin(&loc)) return LIA_ENOMEM;
    /* the shortest decimal that reads back as `value`: 0.1 stays the exact 1/10 */
    lia__num_format_double(text, sizeof text, value);
    lia_status st = model_set_in(m, name, text);
    lia__c_numeric_end(&loc);
    return st;
}

size_t lia_model_game_count(const lia_model *m) { return m ? m->spec.ngames : 0; }

const char *lia_model_game_name(const lia_model *m, size_t i)
{
    return m && i < m->spec.ngames ? m->spec.games[i].name : NULL;
}

lia_game_kind lia_model_game_kind(const lia_model *m, size_t i)
{
    return m && i < m->spec.ngames ? m->spec.games[i].kind : LIA_KIND_NORMAL;
}

lia_status lia_model_game_find(const lia_model *m, const char *name, size_t *index)
{
    if (!m || !name || !index) return LIA_EUSAGE;
    for (size_t i = 0; i < m->spec.ngames; i++)
        if (strcmp(m->spec.games[i].name, name) == 0) { *index = i; return LIA_OK; }
    return LIA_EUSAGE;
}

/* Common preamble of the compile calls: the model is valid and the game exists. */
static lia_status pick_game(lia_model *m, const char *name, const lia_compile_options *opts, size_t *gi, size_t *cap)
{
    static const size_t ends[LIA_COMPILE_OPTIONS_VERSION] = { sizeof(lia_compile_options) };
    lia_compile_options o = LIA_COMPILE_OPTIONS_INIT;
    char why[256];
    if (!LIA__OPTIONS_READ(&o, opts, lia_compile_options, ends, why, sizeof why)) {
        set_err(m, "%s", why);
        return LIA_EUSAGE;
    }
    *cap = o.memory_cap ? o.memory_cap : LIA_DEFAULT_MEMORY_CAP;
    if (m->diags.errors) {
        set_err(m, "%s has %zu error%s; fix %s before compiling", m->sources.items[0].name, m->diags.errors,
                m->diags.errors == 1 ? "" : "s", m->diags.errors == 1 ? "it" : "them");
        return LIA_EINPUT;
    }
    if (m->spec.ngames == 0) {
        set_err(m, "%s defines no agreement or game", m->sources.items[0].name);
        return LIA_EUSAGE;
    }
    if (name) {
        if (lia_model_game_find(m, name, gi) == LIA_OK) return LIA_OK;
    } else if (m->spec.ngames == 1) {
        *gi = 0;
        return LIA_OK;
    }
    lia_buf b;
    lia__buf_init(&b);
    for (size_t i = 0; i < m->spec.ngames; i++) lia__buf_printf(&b, "%s%s", i ? ", " : "", m->spec.games[i].name);
    if (name)
        set_err(m, "no agreement or game named '%s'; %s has: %s", name, m->sources.items[0].name, b.data ? b.data : "");
    else
        set_err(m, "%s has several agreements and games; choose one by name: %s", m->sources.items[0].name,
                b.data ? b.data : "");
    lia__buf_free(&b);
    return LIA_EUSAGE;
}

/* What both compilations start with: the model's message cleared (a message describes this
 * call, not an earlier one), the output checked (fn names the call for the message) and the
 * game picked, with the memory cap its compilation must keep. */
static lia_status compile_start(lia_model *m, int have_out, const char *fn, const char *name,
                                const lia_compile_options *opts, size_t *gi, size_t *cap)
{
    if (m) m->errmsg[0] = 0;
    if (!have_out) { if (m) set_err(m, "%s: out is NULL", fn); return LIA_EUSAGE; }
    if (!m) return LIA_EUSAGE;
    return pick_game(m, name, opts, gi, cap);
}

/* A compilation's status, with the model's message for a failed allocation. */
static lia_status compile_end(lia_model *m, size_t gi, lia_status st)
{
    if (st == LIA_ENOMEM) set_err(m, "out of memory while compiling '%s'", m->spec.games[gi].name);
    return st;
}

static lia_status model_compile_in(lia_game **out, lia_model *m, const char *name, const lia_compile_options *opts)
{
    if (out) *out = NULL;
    size_t gi, cap;
    lia_status st = compile_start(m, out != NULL, "lia_model_compile", name, opts, &gi, &cap);
    if (st != LIA_OK) return st;
    return compile_end(m, gi, lia__lower_normal(out, &m->spec, &m->spec.games[gi], cap, m->errmsg, sizeof m->errmsg));
}

static lia_status model_compile_tu_in(lia_tugame **out, lia_model *m, const char *name, const lia_compile_options *opts)
{
    if (out) *out = NULL;
    size_t gi, cap;
    lia_status st = compile_start(m, out != NULL, "lia_model_compile_tu", name, opts, &gi, &cap);
    if (st != LIA_OK) return st;
    return compile_end(m, gi, lia__lower_tu(out, &m->spec, &m->spec.games[gi], cap, m->errmsg, sizeof m->errmsg));
}

/* ---- public entry points: numbers are parsed and printed in the C locale ---------------- */

#define IN_C_LOCALE(call)                                  \
    do {                                                   \
        lia_c_numeric loc_;                                \
        if (!lia__c_numeric_begin(&loc_)) return LIA_ENOMEM; \
        lia_status st_ = (call);                           \
        lia__c_numeric_end(&loc_);                          \
        return st_;                                        \
    } while (0)

lia_status lia_model_parse(lia_model **out, const char *text, size_t len, const char *name)
{
    IN_C_LOCALE(model_parse_in(out, text, len, name));
}

lia_status lia_model_open(lia_model **out, const char *path)
{
    IN_C_LOCALE(model_open_in(out, path, 0));
}

lia_status lia_model_open_cap(lia_model **out, const char *path, size_t memory_cap)
{
    IN_C_LOCALE(model_open_in(out, path, memory_cap));
}

lia_status lia_model_set(lia_model *m, const char *name, const char *value)
{
    IN_C_LOCALE(model_set_in(m, name, value));
}

lia_status lia_model_compile(lia_game **out, lia_model *m, const char *name, const lia_compile_options *opts)
{
    IN_C_LOCALE(model_compile_in(out, m, name, opts));
}

lia_status lia_model_compile_tu(lia_tugame **out, lia_model *m, const char *name, const lia_compile_options *opts)
{
    IN_C_LOCALE(model_compile_tu_in(out, m, name, opts));
}

/* ---- cloning: the same text and overrides in a handle of its own (one per thread) ---- */

static lia_status model_clone_in(lia_model **out, const lia_model *m)
{
    if (!out) return LIA_EUSAGE;
    *out = NULL;
    if (!m || m->sources.n == 0) return LIA_EUSAGE;
    const lia_source *src = &m->sources.items[0];
    lia_model *c = model_new();
    if (!c) return LIA_ENOMEM;
    c->read_cap = m->read_cap;
    lia_status st = load(c, src->name, src->text, src->len, m->format);
    for (size_t i = 0; i < m->nov && st != LIA_ENOMEM; i++) {
        const lia_source *s = &m->sources.items[m->ov[i].src];
        char *value = lia__strndup(s->text + m->ov[i].value_off, s->len - m->ov[i].value_off);
        if (!value) { st = LIA_ENOMEM; break; }
        st = model_set_tagged(c, m->ov[i].name, value, m->ov[i].regime);
        lia__free(value);
    }
    if (st == LIA_ENOMEM) { lia_model_free(c); return st; }
    *out = c;
    return st;
}

lia_status lia_model_clone(lia_model **out, const lia_model *m)
{
    IN_C_LOCALE(model_clone_in(out, m));
}

/* ---- regimes ---- */

size_t lia_model_regime_count(const lia_model *m) { return m ? m->spec.nregimes : 0; }

const char *lia_model_regime_name(const lia_model *m, size_t r)
{
    return m && r < m->spec.nregimes ? m->spec.regimes[r].name : NULL;
}

double lia_model_transition(const lia_model *m, size_t from, size_t to)
{
    if (!m || from >= m->spec.nregimes || to >= m->spec.nregimes) return NAN;
    return m->spec.transition[from * m->spec.nregimes + to];
}

size_t lia_model_regime_start(const lia_model *m) { return m ? m->spec.start : 0; }

typedef struct regime_set { const char *path; char *value; } regime_set;

static lia_status model_apply_regime_in(lia_model *m, size_t r)
{
    if (!m) return LIA_EUSAGE;
    m->errmsg[0] = 0;
    if (r >= m->spec.nregimes) {
        set_err(m, "no regime %zu: %s has %zu regime%s", r, m->sources.n ? m->sources.items[0].name : "the model",
                m->spec.nregimes, m->spec.nregimes == 1 ? "" : "s");
        return LIA_EUSAGE;
    }
    /* copied first: every override re-checks the model, which rebuilds the spec */
    const spec_regime *rg = &m->spec.regimes[r];
    size_t n = rg->nsets;
    regime_set *sets = lia__calloc(n ? n : 1, sizeof *sets);
    if (!sets) { set_err(m, "out of memory"); return LIA_ENOMEM; }
    const lia_source *src = &m->sources.items[0];
    for (size_t k = 0; k < n; k++) {
        const lia_span *sp = &rg->sets[k].value->span;
        sets[k].path = rg->sets[k].path;   /* owned by the AST, which outlives re-checks */
        sets[k].value = lia__strndup(src->text + sp->off, sp->len);
        if (!sets[k].value) {
            for (size_t j = 0; j < k; j++) lia__free(sets[j].value);
            lia__free(sets);
            set_err(m, "out of memory");
            return LIA_ENOMEM;
        }
    }
    lia_status st = LIA_OK, unknown = LIA_OK;
    for (size_t k = 0; k < n && st != LIA_ENOMEM; k++) {
        st = model_set_tagged(m, sets[k].path, sets[k].value, r + 1);
        if (st == LIA_EUSAGE) unknown = st;
    }
    for (size_t k = 0; k < n; k++) lia__free(sets[k].value);
    lia__free(sets);
    return st == LIA_ENOMEM ? st : unknown != LIA_OK ? unknown : st;
}

lia_status lia_model_apply_regime(lia_model *m, size_t r)
{
    IN_C_LOCALE(model_apply_regime_in(m, r));
}

/* ---- bilateral decomposition ---- */

static lia_status model_decompose_in(lia_model *m, const char *name, size_t i, size_t j, const lia_compile_options *opts,
                                     lia_game **stage, lia_tugame **tu)
{
    if (stage) *stage = NULL;
    if (tu) *tu = NULL;
    if (!m || (!stage && !tu)) return LIA_EUSAGE;
    size_t gi, cap;
    lia_status st = pick_game(m, name, opts, &gi, &cap);
    if (st != LIA_OK) return st;
    const spec_game *multi = &m->spec.games[gi];
    if (multi->kind != LIA_KIND_MULTILATERAL) {
        set_err(m, "'%s' is not a multilateral agreement", multi->name);
        return LIA_EUSAGE;
    }
    if (i >= multi->agreement.nm || j >= multi->agreement.nm || i == j) {
        set_err(m, "'%s' has %zu members; members %zu and %zu do not make a pair", multi->name, multi->agreement.nm, i, j);
        return LIA_EUSAGE;
    }
    const char *a = m->spec.parties[multi->agreement.members[i]].name, *b = m->spec.parties[multi->agreement.members[j]].name;
    lia_buf nb;
    lia__buf_init(&nb);
    lia__buf_printf(&nb, "%s_%s", a, b);
    char *pair_name = lia__buf_take(&nb, NULL);
    lia_arena scratch;
    lia__arena_init(&scratch);
    spec_game pair;
    st = pair_name && lia__decompose_pair(&pair, &scratch, &m->spec, multi, i, j, pair_name) ? LIA_OK : LIA_ENOMEM;
    if (st == LIA_OK && stage) st = lia__lower_normal(stage, &m->spec, &pair, cap, m->errmsg, sizeof m->errmsg);
    if (st == LIA_OK && tu) st = lia__lower_tu(tu, &m->spec, &pair, cap, m->errmsg, sizeof m->errmsg);
    if (st != LIA_OK) {
        if (stage) { lia_game_free(*stage); *stage = NULL; }
        if (st == LIA_ENOMEM) set_err(m, "out of memory while decomposing '%s'", multi->name);
    }
    lia__arena_free(&scratch);
    lia__free(pair_name);
    return st;
}

lia_status lia_model_decompose(lia_model *m, const char *name, size_t i, size_t j, const lia_compile_options *opts,
                               lia_game **stage, lia_tugame **tu)
{
    IN_C_LOCALE(model_decompose_in(m, name, i, j, opts, stage, tu));
}
