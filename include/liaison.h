/* liaison.h — the public C API of liaison: agreement models, normal-form and coalitional games.
 *
 * Conventions (see docs/api.md):
 *  - Every object is an opaque handle. Functions named lia_<noun>_<verb>; output parameters first.
 *  - Every fallible call returns a lia_status and leaves a message: what failed, for which
 *    input, what to try. A call on a handle leaves it on the handle, read with
 *    lia_<noun>_errmsg() (valid until the next call on that handle; for handles that are only
 *    read, such as lia_eqset, the message of the calling thread's last failed call on it).
 *    A call without a handle (lia_game_nash, lia_game_repeat, lia_game_correlated, ...)
 *    leaves it in lia_errmsg(), the calling thread's last message.
 *  - Ownership is stated on every function: "caller frees" means with the matching _free
 *    function (or lia_free for plain strings). Freeing NULL is always a no-op.
 *  - The library never calls exit/abort and has no global mutable state: separate handles may
 *    be used from separate threads.
 *  - ABI (docs/api.md, "Versions and the ABI"): structs a caller allocates never change within
 *    a SONAME, except options structs, which only append fields under a new `version` (the
 *    library reads every version from 1 to the current one). Results come through accessors
 *    or as `const` pointers owned by a handle; those structs may grow at the end, so never
 *    allocate or copy one.
 */
#ifndef LIAISON_H
#define LIAISON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LIA_VERSION_MAJOR 0
#define LIA_VERSION_MINOR 2
#define LIA_VERSION_PATCH 0
#define LIA_VERSION "0.2.0"
/* MAJOR*10000 + MINOR*100 + PATCH; compare with lia_version_number() to detect a mismatch
 * between the header a binding was written against and the library it loaded. */
#define LIA_VERSION_NUMBER (LIA_VERSION_MAJOR * 10000 + LIA_VERSION_MINOR * 100 + LIA_VERSION_PATCH)

#if defined(LIA_BUILDING_LIBRARY) && defined(__GNUC__)
#define LIA_API __attribute__((visibility("default")))
#else
#define LIA_API
#endif

/* ---- versions and status ------------------------------------------------------------------ */

LIA_API const char *lia_version(void);        /* static string, e.g. "0.2.0" */
LIA_API int lia_version_number(void);         /* LIA_VERSION_NUMBER of the built library */
LIA_API const char *lia_glpk_version(void);   /* static string from GLPK */
LIA_API const char *lia_blas_version(void);   /* static string: OpenBLAS build configuration */

typedef enum lia_status {
    LIA_OK = 0,
    LIA_EINPUT = 1,    /* the model/game text is invalid: read the diagnostics */
    LIA_EUSAGE = 2,    /* a bad argument: NULL, index out of range, unknown name, wrong kind */
    LIA_ENOMEM = 3,    /* an allocation failed; the handle is unchanged and still usable */
    LIA_ELIMIT = 4,    /* refused: the result would exceed the memory cap, or a method reached its
                          own bound (support's worst case, simpdiv's step budget) */
    LIA_EIO = 5,       /* a file could not be read */
    LIA_EINTERNAL = 6, /* a bug or a solver failure; the message says which */
    LIA_ECANCELED = 7  /* a progress callback asked to stop */
} lia_status;

LIA_API const char *lia_status_name(lia_status s);   /* static string, e.g. "invalid input" */
/* The message of the last failure on the calling thread (as libgit2's git_error_last): set by
 * every call that fails without a handle to carry the message (lia_game_nash, lia_game_repeat,
 * lia_game_correlated, lia_model_solve, an options struct of a version this library does not
 * read, ...) and by failed calls on read-only handles (the writers). Calls that produce a new
 * handle clear it when they start. "" if none. Thread-local, owned by the library, valid until
 * the thread's next failure. */
LIA_API const char *lia_errmsg(void);

/* "Did you mean": the candidate closest to word (Levenshtein distance at most 2, and less
 * than the word's length, letters compared without case), or NULL when none is that close. For callers that take names from
 * users (the command line's commands, flags and game names); the library's own messages about
 * unknown names suggest the same way. */
LIA_API const char *lia_suggest(const char *word, const char *const *candidates, size_t n);

/* OpenBLAS's worker threads: the library never changes them on its own; this is the one call
 * that does (it affects the whole process, as OpenBLAS's setting is global). n >= 1.
 * lia_blas_threads reports the current count. */
LIA_API lia_status lia_set_blas_threads(int n);
LIA_API int lia_blas_threads(void);
/* GLPK keeps an environment per thread, which the library uses and leaves in place between
 * calls. Before a thread that called the library exits, it may call this to free that
 * environment (otherwise its few kilobytes leak with the thread). It also frees any GLPK
 * objects the thread created itself, so call it only when the thread is done with GLPK. */
LIA_API void lia_thread_cleanup(void);

/* Release a string or buffer the library handed to the caller (e.g. from lia_game_write). */
LIA_API void lia_free(void *p);

/* ---- models: parse, diagnose, override --------------------------------------------------- */

typedef struct lia_model lia_model;

typedef enum lia_severity { LIA_ERROR = 0, LIA_WARNING = 1, LIA_NOTE = 2 } lia_severity;

/* One diagnostic. All pointers are owned by the model and valid until the model changes
 * (lia_model_set) or is freed. line/column are 1-based; column and length count UTF-8 code
 * points, so a caret drawn under line_text with `column-1` spaces lines up. */
typedef struct lia_diag {
    lia_severity severity;
    const char *file;         /* file name, or "--set" for an override */
    unsigned line, column, length;
    const char *message;
    const char *line_text;    /* the source line, not NUL-terminated */
    size_t line_len;          /* its length in bytes */
} lia_diag;

/* The kinds of game a model can hold. Agreements compile to their stage game (normal form)
 * and to their coalition game (TU); explicit games compile to what they are. */
typedef enum lia_game_kind {
    LIA_KIND_BILATERAL = 0,
    LIA_KIND_MULTILATERAL = 1,
    LIA_KIND_NORMAL = 2,
    LIA_KIND_COALITIONAL = 3,      /* gain game; see lia_tugame_is_cost for cost games */
    LIA_KIND_COALITIONAL_COST = 4,
    LIA_KIND_BANKRUPTCY = 5,
    LIA_KIND_VOTING = 6
} lia_game_kind;

/* Read and check a model file: an agreement file (.lia), a Gambit .nfg file or an lrsnash
 * input file (format from the extension, else sniffed from the content).
 * *out receives a handle even when the status is LIA_EINPUT or LIA_EIO, so that diagnostics
 * and the message can be read; it is NULL only on LIA_ENOMEM or LIA_EUSAGE.
 * Caller frees *out with lia_model_free. */
LIA_API lia_status lia_model_open(lia_model **out, const char *path);
/* The most bytes a model file may hold: a longer file (or a stream such as /dev/zero that
 * passes it) is refused with LIA_EIO and a message, before it is read whole. */
#define LIA_MAX_INPUT_BYTES ((size_t)256 << 20)
/* A base every model may use for reading whatever its memory cap: a file and a reader's table
 * of this size are always read (a cap of 64 bytes still lets a small model be checked). */
#define LIA_READ_BASE_BYTES ((size_t)16 << 20)
/* lia_model_open under a memory cap (bytes; 0 = LIA_DEFAULT_MEMORY_CAP): a file larger than
 * the cap (and than LIA_READ_BASE_BYTES) is refused (LIA_EIO), and so is an .nfg/lrs game
 * whose table of exact payoffs would exceed it (LIA_EINPUT, a diagnostic at its sizes) —
 * before that memory is taken. The cap stays with the model (and its clones). */
LIA_API lia_status lia_model_open_cap(lia_model **out, const char *path, size_t memory_cap);

/* The same from memory. `name` labels diagnostics (NULL: "<string>"); the text is copied.
 * Caller frees *out with lia_model_free. */
LIA_API lia_status lia_model_parse(lia_model **out, const char *text, size_t len, const char *name);

LIA_API void lia_model_free(lia_model *m);

/* Last error message of the model (owned by the model). Never NULL. */
LIA_API const char *lia_model_errmsg(const lia_model *m);
/* The file name the model was opened from (or the name given to lia_model_parse); owned by
 * the model. */
LIA_API const char *lia_model_source_name(const lia_model *m);

LIA_API size_t lia_model_diag_count(const lia_model *m);
LIA_API size_t lia_model_error_count(const lia_model *m);
/* Diagnostic i (owned by the model), in source order; NULL if i is out of range. */
LIA_API const lia_diag *lia_model_diag_at(const lia_model *m, size_t i);

/* Override a `let` constant or an attribute path before compiling, like --set NAME=VALUE:
 * "asym", "UK.leak", "UK.need.soviet", "soviet.common", "BRUSA.dilution",
 * "Berne.facility.secretariat.cost", "talmud.estate", "council.weights.P1", and the
 * probability of a regime transition, "transition.calm.crisis" (docs/language.md lists every
 * path; a row of transitions summing above 1 makes the model invalid). `value` is an expression: "0.25", "2/3", "asym*2".
 * LIA_EUSAGE: no such name (message says so). LIA_EINPUT: the model is now invalid (e.g. a
 * probability out of range); the diagnostics say why and the override stays in force until
 * replaced. Overrides accumulate; setting a name again replaces its earlier value. */
LIA_API lia_status lia_model_set(lia_model *m, const char *name, const char *value);
LIA_API lia_status lia_model_set_number(lia_model *m, const char *name, double value);

/* Parameters: every name lia_model_set accepts in this model, in file order: the `let`
 * constants, then (as the checker meets them) every numeric attribute path, with its value
 * under the overrides in force, and a let's uncertainty range `let pen = 0.1 in [0, 0.4]`
 * (docs/language.md). The list is built on first use and owned by the model; pointers stay
 * valid until the model changes (lia_model_set, lia_model_apply_regime) or is freed. A model
 * read from an .nfg or lrs file has none. The struct may grow: never allocate one. */
typedef enum lia_param_kind {
    LIA_PARAM_LET = 0,         /* a `let` constant */
    LIA_PARAM_ATTRIBUTE = 1    /* an attribute path such as UK.leak or UKUSA.dilution */
} lia_param_kind;
typedef struct lia_param {
    const char *name;          /* as lia_model_set takes it */
    lia_param_kind kind;
    double value;              /* NaN if it could not be evaluated (the model has errors) */
    int has_range;             /* 1: `in [lo, hi]` was given (lets only) */
    double lo, hi;             /* NaN without a range */
} lia_param;
/* 0 also when memory ran out listing them (lia_model_errmsg then says so). */
LIA_API size_t lia_model_param_count(const lia_model *m);
LIA_API const lia_param *lia_model_param_at(const lia_model *m, size_t i);   /* NULL if out of range */
LIA_API const lia_param *lia_model_param_find(const lia_model *m, const char *name);   /* NULL: none */

/* A new handle with the same text and overrides (diagnostics and status as if opened again):
 * handles are not shared between threads, so each thread works on its own clone. Caller frees
 * *out with lia_model_free. */
LIA_API lia_status lia_model_clone(lia_model **out, const lia_model *m);

/* The model's title from `model "..."` (owned by the model; "" if none). */
LIA_API const char *lia_model_title(const lia_model *m);

/* Agreements and games of the model, in file order. Names are owned by the model. */
LIA_API size_t lia_model_game_count(const lia_model *m);
LIA_API const char *lia_model_game_name(const lia_model *m, size_t i);   /* NULL if out of range */
LIA_API lia_game_kind lia_model_game_kind(const lia_model *m, size_t i);
/* Index of the game named `name`; LIA_EUSAGE if there is none. */
LIA_API lia_status lia_model_game_find(const lia_model *m, const char *name, size_t *index);

/* Regimes of the model (docs/language.md): the static model has none. A regime is a set of
 * overrides (`set PATH = VALUE`) that holds while the world is in that state; the model moves
 * between regimes by a Markov chain (`transition FROM -> TO p`). Names are owned by the model. */
LIA_API size_t lia_model_regime_count(const lia_model *m);
LIA_API const char *lia_model_regime_name(const lia_model *m, size_t r);      /* NULL if out of range */
/* Per-period probability of moving from regime `from` to `to` (the diagonal is what stays);
 * each row sums to 1. NaN if out of range. */
LIA_API double lia_model_transition(const lia_model *m, size_t from, size_t to);
/* The regime the chain starts in (`start`, else the first regime); 0 if there are none. */
LIA_API size_t lia_model_regime_start(const lia_model *m);
/* Apply regime r's `set`s to m as lia_model_set would (they replace earlier overrides of the
 * same paths, and a later lia_model_set of a path replaces them). Statuses as lia_model_set;
 * LIA_EUSAGE if r is out of range. On LIA_ENOMEM some of the sets may be in force. Applying a
 * second regime adds its sets on top of the first's: apply each regime to its own clone. */
LIA_API lia_status lia_model_apply_regime(lia_model *m, size_t r);

/* ---- compiling --------------------------------------------------------------------------- */

#define LIA_COMPILE_OPTIONS_VERSION 1
typedef struct lia_compile_options {
    unsigned version;          /* LIA_COMPILE_OPTIONS_VERSION */
    size_t memory_cap;         /* bytes a compiled game may use; 0 = default (1 GiB) */
} lia_compile_options;
#define LIA_COMPILE_OPTIONS_INIT { LIA_COMPILE_OPTIONS_VERSION, 0 }
#define LIA_DEFAULT_MEMORY_CAP ((size_t)1 << 30)

typedef struct lia_game lia_game;
typedef struct lia_tugame lia_tugame;

/* Compile an agreement's stage game or an explicit normal-form game. `name` NULL picks the
 * model's only game, or fails with LIA_EUSAGE listing the names if there are several.
 * opts may be NULL. LIA_ELIMIT if the payoff tensor would exceed the memory cap (the message
 * gives its size). Caller frees *out with lia_game_free. */
LIA_API lia_status lia_model_compile(lia_game **out, lia_model *m, const char *name,
                                     const lia_compile_options *opts);

/* Compile an agreement's coalition game v(S) (tabulated over all 2^n coalitions), an explicit
 * coalitional game, or a bankruptcy or voting game (kept structured: v(S) computed on demand).
 * Caller frees *out with lia_tugame_free. */
LIA_API lia_status lia_model_compile_tu(lia_tugame **out, lia_model *m, const char *name,
                                        const lia_compile_options *opts);

/* ---- normal-form games ------------------------------------------------------------------- *
 * Payoff layout: one contiguous array of player_count * profile_count doubles. Player p's
 * payoffs are the block starting at p * profile_count. Within a block, profiles are ordered
 * with the FIRST player's strategy changing fastest (Gambit's order):
 *     profile = s_0 + n_0 * (s_1 + n_1 * (s_2 + ...)).
 * For two players this makes each block the column-major m x n matrix (LAPACK's layout). */

/* Build a game from arrays (copied). nstrategies[p] >= 1; payoffs in the layout above, all
 * strictly within +-1e300 (LIA_EUSAGE otherwise: beyond it differences of payoffs overflow).
 * Players and strategies are labelled "1", "2", ...
 * Caller frees *out with lia_game_free. */
LIA_API lia_status lia_game_new(lia_game **out, size_t players, const size_t *nstrategies,
                                const double *payoffs);
/* Build a game from exact rational payoffs num[i]/den[i] in the same layout (copied; reduced
 * here). The game keeps them exactly: lia_game_payoff_exact, LIA_FORMAT_NFG/LRS and the exact
 * option of LIA_NASH_ALL read them; lia_game_payoffs holds the nearest doubles. LIA_EUSAGE if a
 * denominator is 0 or a reduced numerator or denominator is 2^62 or more in magnitude (the
 * library's exact numbers are 64-bit rationals). Labels as lia_game_new; name them with
 * lia_game_set_labels. Caller frees *out with lia_game_free. */
LIA_API lia_status lia_game_new_exact(lia_game **out, size_t players, const size_t *nstrategies,
                                      const int64_t *num, const int64_t *den);
/* Rename a game, its players and strategies. name, players (one per player) and strategies
 * (player 0's names, then player 1's, ...: sum of the strategy counts) may each be NULL to keep
 * the current labels. Every label must be non-empty valid UTF-8 without control characters,
 * the players distinct and each player's strategies distinct: LIA_EUSAGE otherwise, with the
 * game unchanged and lia_game_errmsg saying which label. */
LIA_API lia_status lia_game_set_labels(lia_game *g, const char *name, const char *const *players,
                                       const char *const *strategies);
/* The message of the last failed call on g ("" if none); owned by the game. */
LIA_API const char *lia_game_errmsg(const lia_game *g);
LIA_API void lia_game_free(lia_game *g);

LIA_API const char *lia_game_name(const lia_game *g);              /* owned by the game */
LIA_API size_t lia_game_player_count(const lia_game *g);
LIA_API const char *lia_game_player_name(const lia_game *g, size_t p);   /* NULL if out of range */
LIA_API size_t lia_game_strategy_count(const lia_game *g, size_t p);     /* 0 if out of range */
LIA_API const char *lia_game_strategy_name(const lia_game *g, size_t p, size_t s);
LIA_API size_t lia_game_profile_count(const lia_game *g);
LIA_API const double *lia_game_payoffs(const lia_game *g);        /* owned by the game */
/* Index of a profile given one strategy index per player; LIA_EUSAGE if out of range. */
LIA_API lia_status lia_game_profile_index(const lia_game *g, const size_t *strategies, size_t *index);
/* The exact rational payoff when the game knows it: returns 1 and fills num/den (den > 0);
 * returns 0 if the payoff is only known as a double (or the indices are out of range). */
LIA_API int lia_game_payoff_exact(const lia_game *g, size_t player, size_t profile,
                                  int64_t *num, int64_t *den);
/* For an agreement's stage game: the committed profile (one level index per player);
 * returns 1 if the game has one, else 0. */
LIA_API int lia_game_commitment(const lia_game *g, size_t *strategies);
/* The chance per period that player p's breach is noticed, from its agreement's `monitor`
 * statement (1 when not monitored, for other games, and for p out of range). */
LIA_API double lia_game_monitor(const lia_game *g, size_t p);

/* What an agreement's member gets and gives at the committed profile (docs/model.md, stage
 * payoff): u = coverage + spillover - exposure + facility_value - facility_cost
 * + transfer_in - transfer_out; and its resources and patience from the model. Owned by the
 * game; the struct may grow at the end: never allocate or copy one. */
typedef struct lia_member_terms {
    double coverage, spillover, exposure, facility_value, facility_cost, transfer_in, transfer_out;
    double resources, patience;
} lia_member_terms;
/* Member p's terms (owned by g, valid until it is freed); NULL unless g is an agreement's
 * stage game and p < players. */
LIA_API const lia_member_terms *lia_game_commitment_terms(const lia_game *g, size_t p);

typedef enum lia_format {
    LIA_FORMAT_TEXT = 0,   /* readable table */
    LIA_FORMAT_JSON = 1,   /* {"game", "players", "strategies", "payoffs"} (docs/cli.md) */
    LIA_FORMAT_NFG = 2,    /* Gambit "NFG 1 R" payoff form; exact rationals where known */
    LIA_FORMAT_LRS = 3,    /* lrsnash input: two players only, exact rationals, never decimals */
    LIA_FORMAT_TU = 4,     /* coalition values in binary-mask order (TU games) */
    LIA_FORMAT_CSV = 5,    /* one row per record with a header line (equilibrium sets) */
    LIA_FORMAT_HTML = 6    /* a self-contained briefing page (solve reports, sweeps and
                              explorations only: lia_report_write_html, lia_sweep_write_html,
                              lia_explore_write_html) */
} lia_format;
/* The name of a format ("text", "json", "nfg", "lrs", "tu", "csv", "html"); NULL outside the
 * enum, so f = 0, 1, ... lists them. Which formats a result takes is said by its writer. */
LIA_API const char *lia_format_name(lia_format f);
/* The format of that name; LIA_EUSAGE (out untouched) for any other name. */
LIA_API lia_status lia_format_from_name(const char *name, lia_format *out);

/* Render the game. *out receives a NUL-terminated string, caller frees with lia_free.
 * LIA_EUSAGE for a format the game cannot take (lrs for three players, tu for a normal game);
 * LIA_ELIMIT when the JSON form would exceed LIA_DEFAULT_MEMORY_CAP (it nests one level per
 * player, so games of very many players do not fit it; use nfg). */
LIA_API lia_status lia_game_write(char **out, size_t *len, const lia_game *g, lia_format fmt);

/* ---- equilibria ----------------------------------------------------------------------- *
 * A mixed profile is one array of sum_p strategy_count(p) probabilities: player 0's mixed
 * strategy, then player 1's, and so on. */

/* Largest gain any player can get by deviating from the mixed profile (0 at an exact
 * equilibrium). LIA_EUSAGE if the profile is not a probability vector per player (within 1e-9). */
LIA_API lia_status lia_game_regret(const lia_game *g, const double *profile, double *regret);
/* Expected payoff of every player at the mixed profile (payoffs[player_count]). */
LIA_API lia_status lia_game_expected_payoffs(const lia_game *g, const double *profile, double *payoffs);

typedef enum lia_nash_method {
    LIA_NASH_PURE = 0,       /* every pure-strategy equilibrium, exactly (n players) */
    LIA_NASH_LP = 1,         /* two-player constant-sum games: an equilibrium from the players'
                                security LPs (LIA_EUSAGE for other games) */
    LIA_NASH_LH = 2,         /* two-player games: Lemke-Howson from options.label, or from every
                                label when it is -1 (each equilibrium once) */
    LIA_NASH_ALL = 3,        /* two-player games: every extreme equilibrium, by vertex enumeration
                                of both best-response polytopes, with the convex components
                                (maximal cliques); exact rationals with options.exact */
    LIA_NASH_SUPPORT = 4,    /* n players: support enumeration (Porter-Nudelman-Shoham order),
                                every isolated equilibrium of small games */
    LIA_NASH_SIMPDIV = 5,    /* n players: one equilibrium by simplicial subdivision, polished;
                                LIA_ELIMIT if its step budget runs out first */
    LIA_NASH_QRE = 6,        /* n players: logit quantal response path traced to an equilibrium */
    LIA_NASH_GNM = 7         /* n players: Govindan-Wilson global Newton method */
} lia_nash_method;

/* LIA_NASH_SUPPORT refuses (LIA_ELIMIT) a search whose worst case would run for more than
 * about a minute and a half, by its measured cost: two players, C(m+n, m) - 1 support pairs
 * at about 1.8 us a pair (14 x 14: 4.0e7 pairs, allowed; 15 x 15: 1.6e8, refused, where it
 * took 5 minutes); n players, the support profiles times the total-degree bound
 * (n-1)^(sum (n_p - 1)) of each one's homotopy, at about 0.14 us a unit (7 x 2: 6.1e8,
 * allowed; 8 x 2: 3.8e10, refused). */
#define LIA_SUPPORT_MAX_PAIRS 5e7
#define LIA_SUPPORT_MAX_PATHS 1e9

/* Linear programs (security levels, constant-sum games, correlated equilibria) are solved by
 * GLPK inside a fence: arguments are checked first, and an internal GLPK error comes back as
 * LIA_EINTERNAL instead of aborting the process. Recovering from such an error needs
 * glp_free_env(), which frees every GLPK object of the calling thread — a host that keeps its
 * own GLPK problems in the same thread loses them then (GLPK has one environment per thread).
 *
 * 1 if this build implements the method, 0 if not (lia_game_nash then gives LIA_EUSAGE). */
LIA_API int lia_nash_method_available(lia_nash_method m);
/* The method's name ("pure", "lp", "lh", "all", "support", "simpdiv", "qre", "gnm": the one
 * the equilibrium set records); NULL outside the enum, so m = 0, 1, ... lists them. */
LIA_API const char *lia_nash_method_name(lia_nash_method m);
/* The method of that name; LIA_EUSAGE (out untouched) for any other name. */
LIA_API lia_status lia_nash_method_from_name(const char *name, lia_nash_method *out);

/* Player's security (maxmin) level: the mixed strategy that maximises its payoff against the
 * worst the others can do, by LP (GLPK). strategy has strategy_count(player) entries. The
 * value is re-verified against every pure profile of the others. */
LIA_API lia_status lia_game_maxmin(const lia_game *g, size_t player, double *value, double *strategy);

#define LIA_NASH_OPTIONS_VERSION 2
typedef struct lia_nash_options {
    unsigned version;        /* LIA_NASH_OPTIONS_VERSION (1 and 2 accepted) */
    lia_nash_method method;
    long label;              /* LIA_NASH_LH: 0 .. m+n-1 (the first player's strategies, then the
                                second's), -1 for every label, or LIA_LH_RACE for any one
                                equilibrium as fast as possible */
    int exact;               /* LIA_NASH_ALL: also reconstruct every equilibrium in exact rationals
                                (the game must have exact payoffs) and check it exactly */
    /* version 2 */
    size_t memory_cap;       /* bytes the method may hold (LIA_ELIMIT beyond, before taking them):
                                LIA_NASH_LH (every allocation), the vertex sets of LIA_NASH_ALL,
                                the listing of LIA_NASH_PURE; 0 = LIA_DEFAULT_MEMORY_CAP */
    unsigned threads;        /* LIA_NASH_ALL: threads for the vertex search (the same result, in
                                the same order, for any count); 0 = every online core */
} lia_nash_options;
/* Race up to 8 labels spread over both players and keep the first path that ends with a
 * verified equilibrium: path lengths differ by orders of magnitude between labels. */
#define LIA_LH_RACE (-2L)
#define LIA_NASH_OPTIONS_INIT { LIA_NASH_OPTIONS_VERSION, LIA_NASH_PURE, -1, 0, 0, 0 }
/* LIA_NASH_LH: the bytes the method needs at least for this game and label (below them it
 * refuses with LIA_ELIMIT), so a refusal can say what cap would do. LIA_EUSAGE for other
 * methods (their needs depend on the game's structure, not only its size). */
LIA_API lia_status lia_nash_memory_needed(const lia_game *g, const lia_nash_options *opts, size_t *bytes);

/* The textbook class of a 2x2 game (docs/model.md gives the exact definitions), read from
 * each player's ordering of R = u(C,C), S = u(C,D), T = u(D,C), P = u(D,D). cooperate[p] is
 * the index of the strategy that counts as cooperating for player p; NULL means the
 * committed level of an agreement's stage game, else each player's first strategy.
 * LIA_EUSAGE unless the game is 2x2. */
typedef enum lia_class2x2 {
    LIA_2X2_PRISONERS_DILEMMA, LIA_2X2_CHICKEN, LIA_2X2_STAG_HUNT, LIA_2X2_DEADLOCK, LIA_2X2_HARMONY,
    LIA_2X2_HERO, LIA_2X2_LEADER, LIA_2X2_BATTLE_OF_THE_SEXES, LIA_2X2_PURE_COORDINATION, LIA_2X2_OTHER
} lia_class2x2;
LIA_API lia_status lia_game_classify_2x2(const lia_game *g, const size_t *cooperate, lia_class2x2 *out);
LIA_API const char *lia_class2x2_name(lia_class2x2 c);   /* static string, e.g. "stag hunt" */

/* A list of equilibria of one game, each re-verified: its regret is computed independently
 * of the method that found it, and nothing is ever reported where some player could gain more
 * than 1e-9 times that player's payoff spread (its largest minus its smallest payoff, plus
 * 1e-15 of its largest |payoff| for rounding) by deviating. */
typedef struct lia_eqset lia_eqset;

/* Equilibria of g by the chosen method (opts NULL: defaults). The set keeps its own copy of
 * what it needs; g may be freed first. Caller frees *out with lia_eqset_free. */
LIA_API lia_status lia_game_nash(lia_eqset **out, const lia_game *g, const lia_nash_options *opts);
LIA_API void lia_eqset_free(lia_eqset *e);

/* LIA_NASH_ALL with the reverse search's subtrees run wherever the caller sends them (the
 * mplrs scheme: liaison-mpi nash, docs/scaling.md). Every process makes a split of the same
 * game and options; one of them hands the jobs out:
 *   lia_nash_split_new     nothing runs yet; g must outlive the split.
 *   lia_nash_split_next    the next job, as bytes in *job (*len of them; caller frees with
 *                          lia_free). *job is NULL when none is ready: a result is due first
 *                          (lia_nash_split_append), or *done is 1 and the set is complete.
 *                          The first call starts the enumeration on a thread of its own, which
 *                          does everything but the jobs; the call waits while that thread
 *                          works and no result is due.
 *   lia_nash_split_solve   runs one job (any process's split of the same game and options
 *                          may run it, on any thread that owns that split): the vertices
 *                          its subtree holds within the job's budget and the subtrees it
 *                          hands back, as bytes (caller frees *result with lia_free).
 *   lia_nash_split_append  a result back to the split that handed the job out, in any order.
 *   lia_nash_split_finish  once done: the equilibrium set lia_game_nash gives for the same
 *                          game and options, the same equilibria in the same order whoever
 *                          ran which job (or the failure lia_game_nash would report).
 * A job's budget is fixed by its place in the job tree, never by timing; the bytes are in
 * native byte order (all processes run the same build on the same kind of machine, which
 * identical floating-point results need anyway). opts->threads is not used: the jobs are the
 * parallel part. LIA_EUSAGE for a method other than LIA_NASH_ALL, or bytes that are not a job
 * of this game (or a result). */
typedef struct lia_nash_split lia_nash_split;
LIA_API lia_status lia_nash_split_new(lia_nash_split **out, const lia_game *g, const lia_nash_options *opts);
LIA_API lia_status lia_nash_split_next(lia_nash_split *s, void **job, size_t *len, int *done);
LIA_API lia_status lia_nash_split_solve(lia_nash_split *s, const void *job, size_t len, void **result, size_t *rlen);
LIA_API lia_status lia_nash_split_append(lia_nash_split *s, const void *result, size_t len);
LIA_API lia_status lia_nash_split_finish(lia_nash_split *s, lia_eqset **out);
LIA_API void lia_nash_split_free(lia_nash_split *s);
LIA_API const char *lia_nash_split_errmsg(const lia_nash_split *s);   /* as lia_eqset_errmsg */
/* The message of the calling thread's last failed call on e ("" if that was another call). */
LIA_API const char *lia_eqset_errmsg(const lia_eqset *e);
LIA_API size_t lia_eqset_count(const lia_eqset *e);
/* Equilibrium k's mixed profile (owned by the set), its payoffs (one per player), its regret. */
LIA_API const double *lia_eqset_profile(const lia_eqset *e, size_t k);
LIA_API const double *lia_eqset_payoffs(const lia_eqset *e, size_t k);
LIA_API double lia_eqset_regret(const lia_eqset *e, size_t k);
/* LIA_NASH_ALL with exact: entry i of equilibrium k as a reduced rational "p/q" (or "p"),
 * i < sum of strategy counts for the probabilities (layout as lia_eqset_profile), then one
 * payoff per player. Owned by the set; NULL if the set has no exact form or i is out of range. */
LIA_API const char *lia_eqset_exact(const lia_eqset *e, size_t k, size_t i);
/* LIA_NASH_ALL: the equilibrium set is the union of its maximal cliques: clique c is every
 * mixture of the extreme strategies of its equilibria (a product of two polytopes), and the
 * cliques that share extreme strategies form the convex components (connected pieces). The
 * counts are 0 for other methods. *equilibria (owned by the set) lists the indices of the
 * extreme equilibria of clique c, sorted; *component is its component (0-based). */
LIA_API size_t lia_eqset_component_count(const lia_eqset *e);
LIA_API size_t lia_eqset_clique_count(const lia_eqset *e);
LIA_API lia_status lia_eqset_clique(const lia_eqset *e, size_t c, const size_t **equilibria, size_t *count,
                                    size_t *component);
/* LIA_NASH_QRE: points of the logit quantal response path (about one per 5% growth of
 * lambda, at most 400), in order. Point k's mixed profile (owned by the set; NULL if out of
 * range) and its precision lambda, in the game's payoff units. Count 0 for other methods. */
LIA_API size_t lia_eqset_path_count(const lia_eqset *e);
LIA_API const double *lia_eqset_path_point(const lia_eqset *e, size_t k, double *lambda);
/* LIA_NASH_QRE: the branch points met on the path (where the sign of the determinant of the
 * path's bordered Jacobian changes: another branch of the QRE correspondence crosses it, as in
 * degenerate games), each given by the path point after it; count 0 for other methods. */
LIA_API size_t lia_eqset_branch_count(const lia_eqset *e);
LIA_API const double *lia_eqset_branch_point(const lia_eqset *e, size_t k, double *lambda);
/* LIA_NASH_QRE: how the equilibrium reported was reached (a static string; NULL for other
 * methods): "limit" (the path polishes to the same equilibrium at two precisions in a row),
 * "extrapolated limit" (a slowly converging path: its limit extrapolated, polished and
 * verified), or "support system" (the path could not be followed to its end: the last
 * equilibrium verified on the support it converges to). */
LIA_API const char *lia_eqset_qre_end(const lia_eqset *e);
/* LIA_FORMAT_TEXT (for a reader: four significant digits, rounding noise shown as 0, exact
 * fractions only when the set was computed with the `exact` option), LIA_FORMAT_JSON
 * ({"game", "players", "strategies", "method",
 * "equilibria": [{"strategies", "payoffs", "regret"[, "exact": {"strategies", "payoffs"}]}]
 * [, "components": [{"cliques": [{"equilibria", "strategies"}]}]]
 * [, "qre_path": [{"lambda", "strategies"}]]}) or LIA_FORMAT_CSV (a row
 * per equilibrium: number, "player:strategy" probabilities, "payoff:player", regret; exact
 * rationals where known); caller frees *out with lia_free. */
LIA_API lia_status lia_eqset_write(char **out, size_t *len, const lia_eqset *e, lia_format fmt);

/* ---- the solve report ------------------------------------------------------------------ */

/* What `liaison solve` reports of a model: for each agreement (and explicit normal-form game)
 * its members, committed profile and payoffs, the class of its stage game and the stage
 * game's equilibria (two members: every extreme equilibrium with its components, exact when
 * the payoffs are; more: the pure equilibria). */
typedef struct lia_report lia_report;

/* Solve one agreement or game by name, or every one of the model when name is NULL
 * (coalitional games are skipped: they have no stage game; naming one is LIA_EUSAGE). opts
 * may be NULL. Compile failures leave their message on the model (lia_model_errmsg).
 * Caller frees *out with lia_report_free. */
LIA_API lia_status lia_model_solve(lia_report **out, lia_model *m, const char *name, const lia_compile_options *opts);
LIA_API void lia_report_free(lia_report *r);
LIA_API const char *lia_report_errmsg(const lia_report *r);   /* as lia_eqset_errmsg */
LIA_API size_t lia_report_count(const lia_report *r);
LIA_API const char *lia_report_name(const lia_report *r, size_t i);        /* owned by r; NULL if out of range */
/* The stage game's equilibria (owned by r; NULL if out of range). */
LIA_API const lia_eqset *lia_report_equilibria(const lia_report *r, size_t i);
/* 1 and the class if agreement i's stage game has one: a 2 x 2 game's own, or for larger
 * two-member games that of the game restricted to each member's lowest (withholding) and
 * committed level (*restricted = 1). 0 if none applies (more members, or nothing committed). */
LIA_API int lia_report_class(const lia_report *r, size_t i, lia_class2x2 *cls, int *restricted);
/* LIA_FORMAT_TEXT or LIA_FORMAT_JSON (docs/cli.md gives the schema), or LIA_FORMAT_HTML (as
 * lia_report_write_html with default options); caller frees *out with lia_free. */
LIA_API lia_status lia_report_write(char **out, size_t *len, const lia_report *r, lia_format fmt);

/* ---- correlated equilibria (LP) ----------------------------------------------------------- */

/* Correlated equilibria (CE) and coarse correlated equilibria (CCE): probability distributions
 * over pure profiles (docs/model.md gives the LPs). Every distribution is re-verified from the
 * game's payoffs before it is reported: nonnegative, summing to 1, and no player gains more
 * than 1e-9 times the payoff scale (the largest |payoff|) by any deviation the (C)CE forbids. */
typedef struct lia_correlated lia_correlated;

#define LIA_CORRELATED_OPTIONS_VERSION 2
typedef struct lia_correlated_options {
    unsigned version;        /* LIA_CORRELATED_OPTIONS_VERSION (1 and 2 accepted) */
    int coarse;              /* nonzero: coarse correlated equilibria */
    int ranges;              /* nonzero (default): also each player's best and worst payoff over
                                the set (2 LPs per player); 0: the max-welfare one only */
    /* version 2: */
    size_t memory_cap;       /* bytes the LP's matrix may take; 0 = LIA_DEFAULT_MEMORY_CAP */
} lia_correlated_options;
#define LIA_CORRELATED_OPTIONS_INIT { LIA_CORRELATED_OPTIONS_VERSION, 0, 1, 0 }

/* Solve 1 + 2 * player_count LPs (GLPK): the (C)CE of highest welfare (sum of payoffs), and
 * each player's best and worst payoff over all (C)CE. opts may be NULL (defaults). The handle
 * keeps its own copy of the labels; g may be freed first. LIA_ELIMIT when the LP would need
 * over LIA_DEFAULT_MEMORY_CAP; LIA_EINTERNAL if GLPK fails or a result fails verification.
 * Caller frees *out with lia_correlated_free. */
LIA_API lia_status lia_game_correlated(lia_correlated **out, const lia_game *g, const lia_correlated_options *opts);
LIA_API void lia_correlated_free(lia_correlated *c);
LIA_API const char *lia_correlated_errmsg(const lia_correlated *c);   /* as lia_eqset_errmsg */
LIA_API int lia_correlated_coarse(const lia_correlated *c);            /* 1 for CCE, 0 for CE */
/* Welfare of the max-welfare distribution (NAN if c is NULL). */
LIA_API double lia_correlated_welfare(const lia_correlated *c);
/* The max-welfare distribution: profile_count probabilities in the payoff layout (first player
 * fastest); owned by c, NULL if c is NULL. */
LIA_API const double *lia_correlated_distribution(const lia_correlated *c);
/* Each player's expected payoff under that distribution (player_count entries, owned by c). */
LIA_API const double *lia_correlated_payoffs(const lia_correlated *c);
/* The player's worst and best payoff over every (C)CE; either pointer may be NULL.
 * LIA_EUSAGE if c is NULL, player is out of range, or the ranges were not asked for. */
LIA_API lia_status lia_correlated_range(const lia_correlated *c, size_t player, double *worst, double *best);
/* LIA_FORMAT_TEXT or LIA_FORMAT_JSON ({"game", "players", "strategies", "coarse", "welfare",
 * "distribution", "support": [{"profile": [strategy names], "probability"}], "payoffs",
 * "best", "worst"}); caller frees *out with lia_free. */
LIA_API lia_status lia_correlated_write(char **out, size_t *len, const lia_correlated *c, lia_format fmt);

/* The output of `liaison nash`: the equilibrium set e and, if c is not NULL, the correlated
 * equilibria of the same game. JSON: e's document with a "correlated" member holding c's
 * fields ("coarse" ... "worst", without the labels); TEXT: both texts. With c NULL this is
 * lia_eqset_write. LIA_EUSAGE if c belongs to a game of another shape. Caller frees *out with
 * lia_free. */
LIA_API lia_status lia_nash_write(char **out, size_t *len, const lia_eqset *e, const lia_correlated *c, lia_format fmt);

/* The max-welfare (C)CE LP in CPLEX LP format (glpsol --lp reads it), in the game's payoff
 * units, so its optimum is the welfare: columns p(s0,s1,..) per profile, rows ic(player,a,b)
 * (recommended a, not better off with b; CCE: cc(player,b)) and total. Caller frees *out
 * with lia_free. */
LIA_API lia_status lia_game_correlated_lp(char **out, size_t *len, const lia_game *g, const lia_correlated_options *opts);
/* The security LP of lia_game_maxmin in CPLEX LP format, in the game's payoff units (its
 * optimum is the security value): columns x(strategy) and v, rows vs(others' strategies) and
 * total. Caller frees *out with lia_free. */
LIA_API lia_status lia_game_maxmin_lp(char **out, size_t *len, const lia_game *g, size_t player);

/* ---- coalitional (TU) games -------------------------------------------------------------- *
 * Coalitions as bit masks: bit i set <=> player i is a member (player 0 is the lowest bit).
 * Tabulated games store v for masks 0 .. 2^n - 1 in that order. */

typedef enum lia_tu_form { LIA_TU_TABLE = 0, LIA_TU_BANKRUPTCY = 1, LIA_TU_VOTING = 2 } lia_tu_form;

/* Build a tabulated game from 2^players values (copied); values[0] must be 0, every value
 * strictly within +-1e300 (LIA_EUSAGE otherwise).
 * cost != 0 marks a cost game. players <= 30. Caller frees *out with lia_tugame_free. */
LIA_API lia_status lia_tugame_new(lia_tugame **out, size_t players, const double *values, int cost);
LIA_API void lia_tugame_free(lia_tugame *g);
LIA_API const char *lia_tugame_errmsg(const lia_tugame *g);   /* as lia_eqset_errmsg */

LIA_API const char *lia_tugame_name(const lia_tugame *g);
LIA_API size_t lia_tugame_player_count(const lia_tugame *g);
LIA_API const char *lia_tugame_player_name(const lia_tugame *g, size_t p);
LIA_API int lia_tugame_is_cost(const lia_tugame *g);
LIA_API lia_tu_form lia_tugame_form(const lia_tugame *g);
/* The table (2^n values, owned by the game) or NULL for structured games. */
LIA_API const double *lia_tugame_values(const lia_tugame *g);
/* v(S) for a mask (players <= 63), or for an explicit member list (any size). */
LIA_API lia_status lia_tugame_value(const lia_tugame *g, uint64_t mask, double *v);
LIA_API lia_status lia_tugame_value_of(const lia_tugame *g, const size_t *members, size_t k, double *v);
/* Structured data (owned by the game): LIA_EUSAGE if the game is of another form. */
LIA_API lia_status lia_tugame_bankruptcy(const lia_tugame *g, double *estate, const double **claims);
LIA_API lia_status lia_tugame_voting(const lia_tugame *g, double *quota, const double **weights);

/* LIA_FORMAT_TU, LIA_FORMAT_JSON or LIA_FORMAT_TEXT; caller frees *out with lia_free.
 * TU and text list one line per coalition, for games of at most 20 players (LIA_ELIMIT
 * beyond); the JSON of a bankruptcy or voting game carries v(S) up to 16 players and its
 * structured data (estate and claims, quota and weights) always. */
LIA_API lia_status lia_tugame_write(char **out, size_t *len, const lia_tugame *g, lia_format fmt);

/* ---- burden sharing: cooperative solutions (docs/model.md, docs/algorithms.md) ------------ *
 * For a gain game the vectors are payoffs; for a cost game (lia_tugame_is_cost) they are cost
 * shares, computed through the savings game s(S) = sum_{i in S} c({i}) - c(S). */

typedef enum lia_share_rule {
    LIA_SHARE_SHAPLEY = 0,       /* exact, tabulated games up to 30 players */
    LIA_SHARE_BANZHAF,           /* Banzhaf value; for voting games the normalised index */
    LIA_SHARE_NUCLEOLUS,         /* over the imputation set; none if that is empty */
    LIA_SHARE_PRENUCLEOLUS,
    LIA_SHARE_LEAST_CORE,        /* epsilon and an allocation (the prenucleolus) */
    LIA_SHARE_PER_CAPITA_NUCLEOLUS,
    LIA_SHARE_SHAPLEY_MC,        /* Monte-Carlo Shapley with a Hoeffding bound */
    LIA_SHARE_TALMUD,            /* bankruptcy games: the nucleolus, by the Aumann-Maschler rule */
    LIA_SHARE_PROPORTIONAL,      /* bankruptcy: proportional to claims */
    LIA_SHARE_CEA,               /* bankruptcy: constrained equal awards */
    LIA_SHARE_CEL,               /* bankruptcy: constrained equal losses */
    LIA_SHARE_EQUAL,             /* agreements: v(N) split equally */
    LIA_SHARE_RESOURCES,         /* agreements: v(N) split in proportion to resources */
    LIA_SHARE_ACTUAL,            /* agreements: the payoffs at the committed profile */
    LIA_SHARE_NASH_BARGAINING,   /* two-member agreements and two-player games */
    LIA_SHARE_KALAI_SMORODINSKY,
    LIA_SHARE_BANZHAF_ABSOLUTE,  /* voting games: swings / 2^(n-1) */
    LIA_SHARE_RULE_COUNT
} lia_share_rule;
/* Static string: the JSON key, e.g. "shapley", "least_core", "kalai_smorodinsky". */
LIA_API const char *lia_share_rule_name(lia_share_rule r);
/* Names that select rules for lia_share_options.rules (the command line's share --method):
 * i = 0, 1, ... until NULL. "banzhaf" selects both Banzhaf indices, "bargaining" the Nash and
 * the Kalai-Smorodinsky solutions, "per_capita" and "montecarlo" one rule each, "core" the
 * least core, "all" every rule that applies (rules = 0). */
LIA_API const char *lia_share_selection_name(size_t i);
/* The rule bits one such name selects; LIA_EUSAGE (rules untouched) for any other name. */
LIA_API lia_status lia_share_rules_from_name(const char *name, uint64_t *rules);

typedef enum lia_disagreement {
    LIA_DISAGREE_NASH = 0,       /* each member's worst payoff over the stage game's equilibria */
    LIA_DISAGREE_SECURITY = 1    /* each member's maxmin value (mixed, by LP) */
} lia_disagreement;
/* "nash", "security"; NULL outside the enum, so d = 0, 1, ... lists them. */
LIA_API const char *lia_disagreement_name(lia_disagreement d);
/* The disagreement point of that name; LIA_EUSAGE (out untouched) for any other name. */
LIA_API lia_status lia_disagreement_from_name(const char *name, lia_disagreement *out);

/* A progress hook for long computations: `done` of `total` units so far; a nonzero return
 * cancels the computation, which then fails with LIA_ECANCELED. */
typedef int (*lia_progress_fn)(void *ctx, size_t done, size_t total);

#define LIA_SHARE_OPTIONS_VERSION 2
/* The most Monte-Carlo permutations a share analysis takes (LIA_EUSAGE above it): enough for
 * error bounds far below any payoff that matters, and a run that ends. */
#define LIA_SHARE_MAX_SAMPLES 1000000000u
typedef struct lia_share_options {
    unsigned version;            /* LIA_SHARE_OPTIONS_VERSION (1 and 2 accepted) */
    uint64_t rules;              /* bit (1 << rule) per rule wanted; 0: every rule that applies */
    uint64_t samples;            /* Monte-Carlo permutations (default 10000, at most
                                    LIA_SHARE_MAX_SAMPLES) */
    uint64_t seed;               /* Monte-Carlo seed (default 1): same seed, same estimate */
    double confidence;           /* of the Monte-Carlo error bound (default 0.95) */
    lia_disagreement disagreement;
    size_t verify_players;       /* Kohlberg-check nucleoli of games up to this size (default 20) */
    size_t memory_cap;           /* bytes; 0 = LIA_DEFAULT_MEMORY_CAP */
    /* version 2: Monte-Carlo sampling reports (samples done, samples) about every 4096 orders
     * and stops with LIA_ECANCELED when the hook returns nonzero. NULL: no reports. */
    lia_progress_fn progress;
    void *progress_ctx;
} lia_share_options;
#define LIA_SHARE_OPTIONS_INIT { LIA_SHARE_OPTIONS_VERSION, 0, 10000, 1, 0.95, LIA_DISAGREE_NASH, 20, 0, NULL, NULL }

typedef struct lia_share lia_share;

/* The solutions of a coalitional game. Rules asked for explicitly that cannot be computed make
 * the call fail with their status, but *out is still set so lia_share_errmsg says why (free
 * it). Rules that merely do not apply (a nucleolus without imputations, bankruptcy rules of a
 * table game) are skipped; lia_share_rule_status tells which. opts NULL: defaults. Caller
 * frees *out with lia_share_free. */
LIA_API lia_status lia_tugame_share(lia_share **out, const lia_tugame *g, const lia_share_options *opts);
/* The same for a model's game: an agreement (v(S) from the agreement, plus the equal, resources
 * and actual splits, each member's gaps and exploitation index, the coalitions that would
 * break away, and bargaining for two members), a coalitional, bankruptcy or voting game, or a
 * two-player normal-form game (bargaining only). name NULL: the model's only game. Compile
 * failures leave their message on the model. Caller frees *out with lia_share_free. */
LIA_API lia_status lia_model_share(lia_share **out, lia_model *m, const char *name, const lia_share_options *opts);
LIA_API void lia_share_free(lia_share *s);
/* Never NULL; "" when nothing failed. Owned by s. */
LIA_API const char *lia_share_errmsg(const lia_share *s);

LIA_API const char *lia_share_game(const lia_share *s);
LIA_API size_t lia_share_player_count(const lia_share *s);
LIA_API const char *lia_share_player_name(const lia_share *s, size_t p);
LIA_API int lia_share_is_cost(const lia_share *s);
/* v(N) (c(N) for cost games); NaN for a normal-form game. */
LIA_API double lia_share_grand_value(const lia_share *s);
/* The rule's vector (one entry per player, owned by s) or NULL if it was not computed. */
LIA_API const double *lia_share_vector(const lia_share *s, lia_share_rule r);
/* LIA_OK if computed; else why not, with the reason in *why (owned by s; may be NULL). */
LIA_API lia_status lia_share_rule_status(const lia_share *s, lia_share_rule r, const char **why);
/* Least-core epsilon: the smallest e with x(S) >= v(S) - e for every proper coalition (for
 * cost games x(S) <= c(S) + e); positive exactly when the core is empty. 0 if not computed. */
LIA_API double lia_share_least_core_epsilon(const lia_share *s);
/* 1 empty, 0 not empty, -1 not computed. */
LIA_API int lia_share_core_empty(const lia_share *s);
/* 1 if the rule's vector passed Kohlberg's criterion, 0 if it was not checked. Only the
 * nucleoli are checked. */
LIA_API int lia_share_verified(const lia_share *s, lia_share_rule r);
/* Monte-Carlo Shapley: per-player half-widths that hold together with the stated confidence. */
LIA_API const double *lia_share_mc_halfwidth(const lia_share *s);
/* Bargaining: the disagreement point (two entries) or NULL. */
LIA_API const double *lia_share_disagreement(const lia_share *s);

/* Agreements only (NULL or 0 otherwise). gap(r)[i] = actual[i] - rule r's share of i. The
 * exploitation index of i is its share of the members' costs over its share of their benefits
 * at the commitment (docs/model.md); above 1 it carries more than it gets. */
LIA_API const double *lia_share_gap(const lia_share *s, lia_share_rule r);
LIA_API const double *lia_share_exploitation(const lia_share *s);
/* Coalitions whose members get less at the commitment than they could alone (v(S) > x*(S)),
 * worst shortfall first; at most 64 are kept, lia_share_breakaway_total counts all. */
LIA_API size_t lia_share_breakaway_count(const lia_share *s);
LIA_API size_t lia_share_breakaway_total(const lia_share *s);
LIA_API lia_status lia_share_breakaway(const lia_share *s, size_t k, uint64_t *members, double *value, double *actual);

/* LIA_FORMAT_JSON, LIA_FORMAT_TEXT or LIA_FORMAT_CSV (one row per player); caller frees *out
 * with lia_free. The JSON schema is in docs/cli.md. */
LIA_API lia_status lia_share_write(char **out, size_t *len, const lia_share *s, lia_format fmt);

/* Low-level entry points over arrays (no handle): */
/* Shapley value of a tabulated game: values[2^players], players <= 30; phi[players]. */
LIA_API lia_status lia_tu_shapley(const double *values, size_t players, double *phi);
/* Nucleolus (pre = 0) or prenucleolus (pre = 1) of a tabulated game; *epsilon (may be NULL)
 * is the least-core epsilon when pre = 1. */
LIA_API lia_status lia_tu_nucleolus(const double *values, size_t players, int pre, double *x, double *epsilon);
/* Bankruptcy rule (LIA_SHARE_TALMUD, _PROPORTIONAL, _CEA, _CEL) for an estate and claims. */
LIA_API lia_status lia_bankruptcy_rule(lia_share_rule r, double estate, const double *claims, size_t n, double *x);
/* Shapley-Shubik (ss) and normalised Banzhaf (bz) indices of a weighted voting game; either
 * may be NULL. Weights must be integers (or scale them first). */
LIA_API lia_status lia_voting_power_indices(double quota, const double *weights, size_t n, double *ss, double *bz);
/* Nash bargaining (nbs) and Kalai-Smorodinsky (ks) points of a two-player game over the convex
 * hull of its pure payoffs, from the disagreement point d (filled: two entries). */
LIA_API lia_status lia_game_bargaining(const lia_game *g, lia_disagreement d, double *point, double *nbs, double *ks);

/* ---- repeated games: is a profile self-enforcing? (docs/model.md section 10) -------------- *
 * Under grim trigger with the chosen punishment, player i keeps to the target profile iff
 * C_i >= (1 - delta_i) D_i + delta_i P_i, with C_i its payoff at the target, D_i its best
 * one-shot deviation and P_i its punishment payoff; the critical discount factor is
 * delta*_i = (D_i - C_i)/(D_i - P_i) (0 if D_i <= C_i; never if C_i < P_i). */

typedef enum lia_punishment {
    LIA_PUNISH_NASH = 0,     /* Nash reversion: the stage equilibrium worst for the player */
    LIA_PUNISH_MINMAX = 1    /* minmax: the others may correlate the punishment (for two
                                players the mixed minmax) */
} lia_punishment;
/* "nash", "minmax"; NULL outside the enum, so p = 0, 1, ... lists them. */
LIA_API const char *lia_punishment_name(lia_punishment p);
/* The punishment of that name; LIA_EUSAGE (out untouched) for any other name. */
LIA_API lia_status lia_punishment_from_name(const char *name, lia_punishment *out);

/* Version 2 added `monitor`; a program built against version 1 passes the shorter struct
 * with version 1, which is still accepted (monitoring is then as the game says). */
#define LIA_REPEAT_OPTIONS_VERSION 2
typedef struct lia_repeat_options {
    unsigned version;        /* LIA_REPEAT_OPTIONS_VERSION (1 accepted) */
    lia_punishment punish;
    double delta;            /* a common discount factor in (0, 1); 0: each member's patience
                                (agreements), none for other games (no verdicts then) */
    int payoff_set;          /* two players and a delta: also the subgame-perfect payoff set */
    /* version 2: imperfect monitoring. NULL: as the game says (an agreement's `monitor`
     * statement, lia_game_monitor; every breach seen at once otherwise). Else one entry per
     * player, in (0, 1], replacing the game's: the chance per period that its breach is noticed;
     * a deviator keeps breaching until caught, so delta* = (D - C)/((D - C) + q (C - P))
     * (docs/model.md section 10). Read during lia_game_repeat only. */
    const double *monitor;
} lia_repeat_options;
#define LIA_REPEAT_OPTIONS_INIT { LIA_REPEAT_OPTIONS_VERSION, LIA_PUNISH_NASH, 0, 0, NULL }

/* One player's row of the analysis. deviation and best_deviation: the payoff and strategy of
 * the player's deviation in its direction (lia_repeat_direction: the best breach when it would
 * withhold, the best higher level when it would exceed, the target itself when no deviation
 * pays; in games without sharing levels, the best deviation). delta_star (under the chosen
 * punishment) counts breaches only. delta_star and patience are NaN for "never" and "none";
 * sustainable is -1 without a patience. received/given/ratio/ratio_threshold: agreements only
 * (NaN otherwise): what the member receives at the target (coverage, facility value,
 * transfers in) and what its own sharing costs it (exposure, facility payments, transfers
 * out, net of spillover), their ratio, and the ratio at which it would just keep to the
 * target with D and P as they are. Owned by the repeat handle; the struct may grow at the end:
 * never allocate or copy one. */
typedef struct lia_sustain {
    double value, deviation, punishment, delta_star, patience;
    size_t best_deviation;   /* the strategy of D */
    int sustainable;
    double received, given, ratio, ratio_threshold;
} lia_sustain;

/* Which way a member would leave the target (agreements, whose strategies are increasing
 * sharing levels: the commitment is a floor). WITHHOLD: a lower level pays it more, which
 * breaches the commitment. EXCEED: only a higher level pays more: the commitment is set too
 * low for the member, which is no breach and no breakdown. NONE: no deviation pays, or the
 * game's strategies are not sharing levels. */
typedef enum lia_direction {
    LIA_DIRECTION_NONE = 0,
    LIA_DIRECTION_WITHHOLD = 1,
    LIA_DIRECTION_EXCEED = 2
} lia_direction;

/* One verdict per target, decided in this order (docs/model.md, sustainability):
 * HOLDS if grim trigger with Nash reversion keeps every member to it; otherwise, for two
 * members with a common patience, HOLDS_WITH_HARSHER_PUNISHMENT if the harshest credible
 * punishment (each member's worst subgame-perfect payoff) keeps both to it; otherwise
 * UNDECIDED if no exact test applies (three or more members, or different patience) and every
 * member passes the minmax condition (it may hold under a harsher punishment than reverting);
 * otherwise NEEDS_TRANSFERS if budget-balanced side payments restore it under Nash reversion,
 * else BREAKS_DOWN. NONE without a patience. */
typedef enum lia_verdict {
    LIA_VERDICT_NONE = 0,
    LIA_VERDICT_HOLDS = 1,
    LIA_VERDICT_HOLDS_WITH_HARSHER_PUNISHMENT = 2,
    LIA_VERDICT_UNDECIDED = 3,
    LIA_VERDICT_NEEDS_TRANSFERS = 4,
    LIA_VERDICT_BREAKS_DOWN = 5
} lia_verdict;
/* "holds", "holds_with_harsher_punishment", "undecided", "needs_transfers", "breaks_down",
 * "none" (static strings; NULL for a value outside the enum). */
LIA_API const char *lia_verdict_name(lia_verdict v);
/* "withhold", "exceed", NULL for NONE. */
LIA_API const char *lia_direction_name(lia_direction d);

typedef struct lia_repeat lia_repeat;
/* target: one strategy index per player; NULL: the agreement's commitment (LIA_EUSAGE for a
 * game without one). Caller frees *out with lia_repeat_free. */
LIA_API lia_status lia_game_repeat(lia_repeat **out, const lia_game *g, const size_t *target, const lia_repeat_options *opts);
LIA_API void lia_repeat_free(lia_repeat *r);
LIA_API const char *lia_repeat_errmsg(const lia_repeat *r);   /* as lia_eqset_errmsg */
LIA_API size_t lia_repeat_player_count(const lia_repeat *r);
/* Player p's row (owned by r, valid until it is freed); NULL if p is out of range. */
LIA_API const lia_sustain *lia_repeat_player(const lia_repeat *r, size_t p);
/* 1 self-enforcing (HOLDS or HOLDS_WITH_HARSHER_PUNISHMENT), 0 not (NEEDS_TRANSFERS or
 * BREAKS_DOWN), -1 unknown (UNDECIDED, or no patience). */
LIA_API int lia_repeat_self_enforcing(const lia_repeat *r);
LIA_API lia_verdict lia_repeat_verdict(const lia_repeat *r);
LIA_API lia_direction lia_repeat_direction(const lia_repeat *r, size_t p);
/* Player p under the minmax punishment (the others may correlate it; the necessary condition:
 * no punishment holds p below it): its payoff, critical patience (NaN = never) and whether its
 * patience reaches it (-1 without a patience). Any output may be NULL. */
LIA_API lia_status lia_repeat_minmax(const lia_repeat *r, size_t p, double *payoff, double *delta_star, int *sustainable);
/* Two players with a common patience whose target Nash reversion does not hold: 1 and player
 * p's worst subgame-perfect payoff (the harshest credible punishment) and whether it keeps p
 * to the target; 0 when this exact test was not made. */
LIA_API int lia_repeat_harsher(const lia_repeat *r, size_t p, double *payoff, int *sustainable);
/* Player p's monitoring: the detection probability it was analysed with (1 = perfect) and the
 * least detection probability that keeps it to the target at its patience under Nash
 * reversion (0 when no breach pays, NaN when none can: it prefers the punishment, or even
 * perfect monitoring falls short, or no patience). Any output may be NULL. */
LIA_API lia_status lia_repeat_monitoring(const lia_repeat *r, size_t p, double *q, double *q_needed);
/* Two or three sentences in plain words: who would stop sharing or share more, why, and what
 * payment or patience would fix it (owned by r; "" without a patience). */
LIA_API const char *lia_repeat_summary(const lia_repeat *r);
/* With patience: 1 and the cheapest budget-balanced per-period transfers under the chosen
 * punishment (owned by r, one per player, in payoff units per period, positive = received)
 * when some restore the target, 0 when none can, -1 unknown. */
LIA_API int lia_repeat_transfers(const lia_repeat *r, const double **amounts);
/* With patience: 1 and the pure profile of highest total payoff that transfers make
 * self-enforcing (strategy indices, its payoffs before the transfers, and the transfers,
 * owned by r); 0 if none. */
LIA_API int lia_repeat_best(const lia_repeat *r, const size_t **profile, const double **payoffs, const double **transfers);
/* Two players with payoff_set and a delta: the set of pure-strategy subgame-perfect payoffs
 * with public randomisation (Abreu and Sannikov's algorithm; payoffs normalised by 1 - delta),
 * as vertices (x, y pairs, counter-clockwise from the lowest x then y; 1 vertex: a point, 2: a
 * segment) and their number; NULL when not computed or empty (lia_repeat_payoff_set_computed
 * tells which). */
LIA_API const double *lia_repeat_payoff_set(const lia_repeat *r, size_t *vertices);
LIA_API int lia_repeat_payoff_set_computed(const lia_repeat *r);
/* LIA_FORMAT_JSON or LIA_FORMAT_TEXT (docs/cli.md); caller frees *out with lia_free. */
LIA_API lia_status lia_repeat_write(char **out, size_t *len, const lia_repeat *r, lia_format fmt);

/* ---- regimes: is the commitment self-enforcing when the world switches? ------------------ *
 * (docs/model.md section 10, "Regimes".) For a model with regimes, each regime's stage game is
 * compiled on a clone with the regime's sets in force; per member i and regime s, C = its keep
 * value at the commitment, D = its best breach, P = Nash reversion, as `repeat` computes them.
 * Keeping to the commitment for ever is worth V = (1 - d)(I - d Pi)^{-1} C; member i keeps to it
 * in regime s iff V(s) >= (1 - d) D(s) + d (Pi W)(s), W = (1 - d)(I - d Pi)^{-1} P, in every
 * regime reachable from the start. Patience d is each member's `patience` in the start
 * regime. */
typedef struct lia_regimes lia_regimes;
#define LIA_REGIMES_NONE ((size_t)-1)
/* game NULL: the model's only game, which must be an agreement (it needs a commitment). m is
 * not modified (each regime works on its own clone). LIA_EUSAGE: the model has no regimes, or
 * no such game, or the game has no commitment, or the regimes' games have different members;
 * LIA_EINPUT: a regime's model is invalid. On any failure but LIA_ENOMEM *out is still set
 * so lia_regimes_errmsg says why (free it). Caller frees *out with lia_regimes_free. */
LIA_API lia_status lia_model_regimes(lia_regimes **out, const lia_model *m, const char *game);
LIA_API void lia_regimes_free(lia_regimes *r);
/* Never NULL; "" when nothing failed. Owned by r. */
LIA_API const char *lia_regimes_errmsg(const lia_regimes *r);
LIA_API const char *lia_regimes_game(const lia_regimes *r);
LIA_API size_t lia_regimes_count(const lia_regimes *r);
LIA_API const char *lia_regimes_name(const lia_regimes *r, size_t s);        /* NULL if out of range */
LIA_API size_t lia_regimes_start(const lia_regimes *r);
LIA_API double lia_regimes_transition(const lia_regimes *r, size_t from, size_t to);   /* NaN if out of range */
/* 1 if regime s is reachable from the start over the positive transitions, else 0. */
LIA_API int lia_regimes_reachable(const lia_regimes *r, size_t s);
/* The long-run share of periods in regime s from the start (the stationary distribution of
 * the chain, or of the recurrent classes it ends in, weighted by their chances). */
LIA_API double lia_regimes_long_run(const lia_regimes *r, size_t s);
LIA_API size_t lia_regimes_member_count(const lia_regimes *r);
LIA_API const char *lia_regimes_member(const lia_regimes *r, size_t i);      /* NULL if out of range */
/* The member's patience (NaN if out of range). */
LIA_API double lia_regimes_patience(const lia_regimes *r, size_t i);
/* The least patience from which the member keeps to the commitment in every reachable regime
 * at every higher patience; NaN: never (it fails arbitrarily close to 1). */
LIA_API double lia_regimes_delta_star(const lia_regimes *r, size_t i);
/* The reachable regime whose condition fails last below delta* (the tightest there), or
 * LIA_REGIMES_NONE when delta* is 0. */
LIA_API size_t lia_regimes_binding(const lia_regimes *r, size_t i);
/* 1 if the condition is not monotone in patience: it also holds at some patience below
 * delta* (docs/model.md says what is reported then). */
LIA_API int lia_regimes_not_monotone(const lia_regimes *r, size_t i);
/* The static delta* of the stage game averaged over the long-run distribution (what
 * averaging would say); NaN: never. */
LIA_API double lia_regimes_averaged_delta_star(const lia_regimes *r, size_t i);
/* 1 if the member keeps to the commitment in every reachable regime at its patience, 0 if
 * not, -1 without a patience. */
LIA_API int lia_regimes_sustainable(const lia_regimes *r, size_t i);
typedef enum lia_regimes_quantity {
    LIA_REGIMES_C = 0,      /* keep value at the commitment in the regime's stage game */
    LIA_REGIMES_D = 1,      /* best breach */
    LIA_REGIMES_P = 2,      /* Nash reversion */
    LIA_REGIMES_V = 3,      /* value of keeping to it for ever from the regime (at the patience) */
    LIA_REGIMES_SLACK = 4   /* V - (1 - d) D - d (Pi W): negative where the member breaches */
} lia_regimes_quantity;
/* Member i's quantity in regime s; NaN if out of range (V and slack without a patience). */
LIA_API double lia_regimes_value(const lia_regimes *r, lia_regimes_quantity q, size_t i, size_t s);
/* State-contingent transfers: budget-balanced in every regime, keeping every member to the
 * commitment in every reachable regime at its patience, with the least expected discounted
 * total paid. 1 if they exist (*cost: that total), 0 if none do, -1 not computed (a member
 * without patience). cost may be NULL. */
LIA_API int lia_regimes_transfers(const lia_regimes *r, double *cost);
/* What member i receives per period in regime s (negative: pays); NaN unless transfers exist. */
LIA_API double lia_regimes_transfer(const lia_regimes *r, size_t s, size_t i);
/* LIA_FORMAT_JSON (the object `repeat` writes under "regimes", docs/cli.md) or
 * LIA_FORMAT_TEXT; caller frees *out with lia_free. */
LIA_API lia_status lia_regimes_write(char **out, size_t *len, const lia_regimes *r, lia_format fmt);

/* ---- suspected penetration (docs/model.md, "Suspected penetration") --------------------- *
 * A party of an agreement may be penetrated: with the other members' common belief pi that it
 * is, they reckon with its effective leak (1 - pi) leak + pi leak_penetrated. Each period
 * without a detection (chance `detect` when penetrated) lowers the belief by Bayes' rule; a
 * detection ends the agreement's trust in it. Per suspect: the trust threshold (the largest
 * belief at which the commitment is self-enforcing without transfers), the probation (quiet
 * periods until the belief is at or below it), the chance that a penetration is uncovered
 * during probation, and the best self-enforcing profile to run meanwhile. */
typedef struct lia_suspects lia_suspects;
/* Every suspect of agreement `game` (NULL: the only game), as the model declares them
 * (`suspect PRIOR leak LEAK` in a party, `detect Q` in the agreement); none (count 0) when it
 * declares none, also for a game that is not an agreement. Each suspect is judged at the
 * commitment with each member's patience, the others held at their priors. m is not modified (the
 * analysis runs on a clone). *out receives a handle also on LIA_EUSAGE and LIA_EINPUT (read
 * lia_suspects_errmsg); it is NULL only on LIA_ENOMEM. Caller frees with lia_suspects_free. */
LIA_API lia_status lia_model_suspects(lia_suspects **out, const lia_model *m, const char *game);
LIA_API void lia_suspects_free(lia_suspects *s);
LIA_API const char *lia_suspects_errmsg(const lia_suspects *s);   /* never NULL */
LIA_API const char *lia_suspects_game(const lia_suspects *s);     /* owned by s */
LIA_API size_t lia_suspects_count(const lia_suspects *s);
/* The members of the agreement (the order of the probation profile). */
LIA_API size_t lia_suspects_member_count(const lia_suspects *s);
LIA_API const char *lia_suspects_member_name(const lia_suspects *s, size_t i);   /* NULL if out of range */
/* Suspect i: its party (owned by s; NULL if out of range). */
LIA_API const char *lia_suspects_party(const lia_suspects *s, size_t i);
/* Its prior belief, clean and penetrated leaks and detection chance per period (any output
 * may be NULL). LIA_EUSAGE if i is out of range. */
LIA_API lia_status lia_suspects_inputs(const lia_suspects *s, size_t i, double *prior, double *leak,
                                       double *leak_penetrated, double *detect);
/* The trust threshold: the largest belief at which the commitment holds (`holds` or
 * `holds_with_harsher_punishment`) at every belief from 0 up to it, to 1e-9; NaN when it fails
 * even at belief 0 (never trusted with full sharing) or i is out of range. */
LIA_API double lia_suspects_threshold(const lia_suspects *s, size_t i);
/* 1 if the grid of beliefs found the commitment failing from the threshold on, 0 if it holds
 * again at some higher belief (the threshold is then the end of the first trusted stretch),
 * -1 out of range. */
LIA_API int lia_suspects_monotone(const lia_suspects *s, size_t i);
/* Quiet periods until the belief is at or below the threshold (0 if the prior is); SIZE_MAX
 * when it never is (no threshold, no detection, or a prior of 1). */
LIA_API size_t lia_suspects_probation(const lia_suspects *s, size_t i);
/* prior * (1 - (1 - detect)^probation): the chance that a penetration is uncovered during
 * probation; NaN without a probation. */
LIA_API double lia_suspects_uncover_probability(const lia_suspects *s, size_t i);
/* The status of the commitment at the prior belief. */
LIA_API lia_verdict lia_suspects_prior_verdict(const lia_suspects *s, size_t i);
/* The best self-enforcing profile at the prior belief (lia_repeat_best of the stage game at
 * the prior's effective leak): 1 and its strategy indices, payoffs and transfers (member order,
 * owned by s; any output may be NULL); 0 if there is none. */
LIA_API int lia_suspects_probation_profile(const lia_suspects *s, size_t i, const size_t **profile,
                                           const double **payoffs, const double **transfers);
/* LIA_FORMAT_JSON ({"game", "suspects": [...]}, docs/cli.md) or LIA_FORMAT_TEXT; caller frees
 * *out with lia_free. */
LIA_API lia_status lia_suspects_write(char **out, size_t *len, const lia_suspects *s, lia_format fmt);

/* ---- sweeps: where do the verdicts change? (docs/model.md section 11) -------------------- *
 * One or two parameters (a `let` constant or an attribute path, as lia_model_set) vary over a
 * grid; every point is solved on its own (each thread on its own clone of the model, results in
 * grid order whatever the thread count), and every change of a verdict between neighbouring
 * points is located by bisection: a member's delta* crossing its patience, the compensating
 * transfers turning infeasible, the stage game's class or number of equilibria changing, the
 * core emptying, the model turning invalid. */

typedef struct lia_sweep_axis {
    const char *name;        /* copied */
    double from, to;
    size_t steps;            /* grid points on this axis, >= 2 */
} lia_sweep_axis;

/* lia_sweep_options.progress (lia_progress_fn, declared with the share options): called on
 * the calling thread after each point or bisection it finished and before each step of a
 * bisection (done of total, a bisection counting as one job: a step repeats the count); a
 * nonzero return stops the sweep, on every thread, with LIA_ECANCELED. */

#define LIA_SWEEP_OPTIONS_VERSION 1
typedef struct lia_sweep_options {
    unsigned version;        /* LIA_SWEEP_OPTIONS_VERSION */
    size_t axes;             /* 1 or 2 */
    lia_sweep_axis axis[2];
    size_t threads;          /* 0: 2 */
    double tolerance;        /* bisection stops at this width (default 1e-6), or when the
                                interval is one representable double wide */
    int refine;              /* locate changes by bisection (default 1); 0: grid only */
    lia_progress_fn progress;
    void *progress_ctx;
    size_t memory_cap;       /* per compiled game, and for the grid's results (LIA_ELIMIT before
                                allocating them); 0 = LIA_DEFAULT_MEMORY_CAP */
} lia_sweep_options;
#define LIA_SWEEP_OPTIONS_INIT { LIA_SWEEP_OPTIONS_VERSION, 1, { { NULL, 0, 1, 11 }, { NULL, 0, 1, 11 } }, 0, 1e-6, 1, NULL, NULL, 0 }

/* The verdicts at one grid point. The struct and its arrays (`members` entries) are owned by
 * the sweep; the struct may grow at the end: never allocate or copy one. */
typedef struct lia_sweep_point {
    const double *values;    /* the parameters' values (axes entries) */
    int ok;                  /* 0: the model is invalid here (message) */
    const char *message;
    size_t members;
    const double *payoffs, *delta_star;   /* at the commitment; delta_star NaN = never */
    const int *sustainable;               /* -1 without a commitment */
    int self_enforcing, transfers_feasible;   /* -1 without a commitment */
    int class2x2;            /* lia_class2x2 of a 2x2 stage game, else -1 */
    size_t equilibria;       /* extreme (two members) or pure (more) equilibria */
    int core_empty;          /* -1 without a coalition game */
    double welfare;          /* sum of the commitment payoffs */
    const double *patience;  /* each member's patience at this point (NaN = none or no
                                commitment); it moves when a patience is swept */
} lia_sweep_point;

/* Where a verdict changed: on axis `axis` at `value` (to within the tolerance), with the other
 * parameter at `other` (two axes); `change` says what (static or owned text), `party` whom
 * (NULL if nobody in particular). Owned by the sweep; may grow at the end like lia_sweep_point. */
typedef struct lia_sweep_breakdown {
    size_t axis;
    double value, other;
    const char *change, *party;
} lia_sweep_breakdown;

typedef struct lia_sweep lia_sweep;
/* game NULL: the model's only game. m is not modified (points run on clones). Caller frees
 * *out with lia_sweep_free. A failure with a message (LIA_EINPUT, LIA_ELIMIT, LIA_ECANCELED,
 * LIA_EUSAGE for a bad parameter name) still sets *out so that lia_sweep_errmsg says why;
 * such a handle holds nothing else: counts are 0, the _at accessors and the writers give
 * LIA_EUSAGE or their empty value. */
LIA_API lia_status lia_model_sweep(lia_sweep **out, const lia_model *m, const char *game, const lia_sweep_options *opts);
LIA_API void lia_sweep_free(lia_sweep *s);
LIA_API const char *lia_sweep_errmsg(const lia_sweep *s);
/* Grid points in order: the first axis fastest (none for a sweep refused before its grid ran). */
LIA_API size_t lia_sweep_point_count(const lia_sweep *s);
/* Point k (owned by s, valid until it is freed); NULL if k is out of range. */
LIA_API const lia_sweep_point *lia_sweep_point_at(const lia_sweep *s, size_t k);
LIA_API size_t lia_sweep_breakdown_count(const lia_sweep *s);
/* Breakdown k in order of place (owned by s); NULL if k is out of range. */
LIA_API const lia_sweep_breakdown *lia_sweep_breakdown_at(const lia_sweep *s, size_t k);
/* The status of the commitment at grid point k (NONE where the model is invalid or has no
 * commitment) and member i's direction there. */
LIA_API lia_verdict lia_sweep_verdict_at(const lia_sweep *s, size_t k);
LIA_API lia_direction lia_sweep_direction_at(const lia_sweep *s, size_t k, size_t i);
/* A model with regimes: 1 if member i keeps to the commitment in every regime it can reach at
 * grid point k (lia_regimes_sustainable), 0 if not; -1 without regimes, a commitment or a
 * valid point. Its changes are located like the other verdicts. */
LIA_API int lia_sweep_over_regimes_at(const lia_sweep *s, size_t k, size_t i);
/* A suspected member i (suspect in the file): 1 if the commitment holds at its prior belief at
 * grid point k (`holds` or `holds_with_harsher_punishment`), 0 if not; -1 for other members or
 * an invalid point. Sweeping the prior (`P.suspect`) locates the trust threshold. */
LIA_API int lia_sweep_trusted_at(const lia_sweep *s, size_t k, size_t i);
LIA_API size_t lia_sweep_member_count(const lia_sweep *s);
LIA_API const char *lia_sweep_member_name(const lia_sweep *s, size_t i);
/* LIA_FORMAT_JSON ({"game", "parameters", "members", "grid", "breakdowns"}), LIA_FORMAT_TEXT,
 * LIA_FORMAT_CSV (the grid) or LIA_FORMAT_HTML (as lia_sweep_write_html with default options);
 * caller frees *out with lia_free. */
LIA_API lia_status lia_sweep_write(char **out, size_t *len, const lia_sweep *s, lia_format fmt);
/* The sweep as a standalone SVG chart (UTF-8, the same bytes for the same sweep; docs/cli.md,
 * `sweep --plot`). One parameter: each member's delta* with its patience dashed, above a strip
 * of the verdict and each member's payoff at the commitment, the breakdown points as labelled
 * vertical lines; two parameters: a map of the verdict over the grid with the breakdown points
 * as markers. Caller frees *out with lia_free; LIA_ENOMEM leaves *out NULL. */
LIA_API lia_status lia_sweep_write_svg(char **out, size_t *len, const lia_sweep *s);

/* ---- explorations under uncertainty (docs/cli.md, explore; docs/api.md) ------------------ *
 * Many runs of one agreement or game, each at a point sampled from the parameters' ranges
 * (`let pen = 0.1 in [0, 0.4]` in the file, or a range given here for any numeric path): its
 * status, each member's slack C - (1 - delta) D - delta P, delta*, direction, the total of the
 * restoring transfers, welfare and whether the core is empty. The run index alone determines
 * its sample, so any number of threads, and any split into shards, gives the same runs. Runs
 * may stream into an SQLite store (one transaction per batch), which an interrupted
 * exploration resumes and which can be re-analysed without solving again. */

typedef enum lia_design {
    LIA_DESIGN_MC = 0,        /* independent uniform draws: N runs */
    LIA_DESIGN_LHS = 1,       /* Latin hypercube: N runs */
    LIA_DESIGN_SOBOL = 2,     /* Saltelli's scheme for Sobol indices: N(2D + 2) runs */
    LIA_DESIGN_MORRIS = 3     /* Morris elementary effects: N trajectories, N(D + 1) runs */
} lia_design;
/* "mc", "lhs", "sobol", "morris"; NULL outside the enum. */
LIA_API const char *lia_design_name(lia_design d);
/* The design of that name; LIA_EUSAGE (out untouched) for any other name. */
LIA_API lia_status lia_design_from_name(const char *name, lia_design *out);

/* A range for a parameter (any name lia_model_param_find knows); it replaces the range of a
 * `let` of the same name. */
typedef struct lia_explore_range {
    const char *name;
    double lo, hi;            /* lo < hi, both finite */
} lia_explore_range;

#define LIA_EXPLORE_OPTIONS_VERSION 2
typedef struct lia_explore_options {
    unsigned version;         /* LIA_EXPLORE_OPTIONS_VERSION (1 accepted) */
    lia_design design;
    uint64_t samples;         /* N >= 1: points, base samples (sobol) or trajectories (morris) */
    uint64_t seed;
    const lia_explore_range *ranges;   /* read during the call only */
    size_t nranges;
    double delta;             /* a common discount factor in (0, 1); 0: each member's patience */
    size_t threads;           /* 0: 2 */
    size_t shard, shards;     /* shards >= 2: only slice `shard` (0-based) of `shards` contiguous
                                 slices of the run indices; 0 or 1: every run */
    const char *store;        /* an SQLite file the runs stream into; NULL: memory only */
    int resume;               /* the store holds an interrupted exploration of the same model
                                 and design: run only what it lacks */
    lia_progress_fn progress; /* runs done of the runs this call makes; nonzero stops it
                                 (LIA_ECANCELED, the store keeps every finished batch) */
    void *progress_ctx;
    size_t memory_cap;        /* per compiled game; 0 = LIA_DEFAULT_MEMORY_CAP */
    /* version 2: a profile every run judges instead of the agreement's commitment, as
     * lia_game_repeat's target (liaison repeat --target): one strategy index per member, in the
     * game's player order (lia_explore_member_name). Read during the call only; a store records
     * it (a store of another target is another exploration). NULL: the commitment. */
    const size_t *target;
} lia_explore_options;
#define LIA_EXPLORE_OPTIONS_INIT { LIA_EXPLORE_OPTIONS_VERSION, LIA_DESIGN_LHS, 0, 0, NULL, 0, 0, 0, 0, 0, NULL, 0, NULL, NULL, 0, NULL }

typedef struct lia_explore lia_explore;
/* Run an exploration of `game` (NULL: the model's only game); m is not modified (runs solve on
 * clones). *out receives a handle also on LIA_EUSAGE, LIA_EIO, LIA_EINPUT and LIA_ECANCELED
 * (read lia_explore_errmsg); NULL only on LIA_ENOMEM or a NULL argument. LIA_EUSAGE: a bad
 * option or range (an unknown name with a suggestion, a non-numeric path, lo >= hi), no
 * parameter to vary, or a store that holds another model, design or exploration. LIA_EIO: the
 * store cannot be written (read-only path, full disk); what it holds is marked unfinished.
 * Caller frees *out with lia_explore_free. */
LIA_API lia_status lia_model_explore(lia_explore **out, const lia_model *m, const char *game, const lia_explore_options *opts);
/* The exploration a store holds, read back without solving: its runs, and whether they are
 * all of the design (lia_explore_complete; an unfinished store or a shard's is 0, and then only
 * its rows can be written). LIA_EUSAGE if it is not a store of liaison explore or has a gap in
 * its runs, LIA_EIO if it cannot be read. Caller frees *out (also on failure). */
LIA_API lia_status lia_explore_open(lia_explore **out, const char *store);
/* Merge the stores of shards into `store` (created, or extended when it holds part of the same
 * exploration): parts of another model, design, seed or ranges are refused (LIA_EUSAGE), and
 * so are overlapping slices. *out: the merged exploration, as lia_explore_open reads it. */
LIA_API lia_status lia_explore_merge(lia_explore **out, const char *store, const char *const *parts, size_t nparts);
LIA_API void lia_explore_free(lia_explore *e);
LIA_API const char *lia_explore_errmsg(const lia_explore *e);   /* never NULL */
LIA_API const char *lia_explore_game(const lia_explore *e);
LIA_API lia_design lia_explore_design(const lia_explore *e);
LIA_API uint64_t lia_explore_samples(const lia_explore *e);
LIA_API uint64_t lia_explore_seed(const lia_explore *e);
/* Runs of the whole design, runs this handle holds (a shard's slice, or what a cancelled call
 * finished), and the index of its first; 1 if it holds every run of the design. */
LIA_API uint64_t lia_explore_total_runs(const lia_explore *e);
LIA_API uint64_t lia_explore_run_count(const lia_explore *e);
LIA_API uint64_t lia_explore_first_run(const lia_explore *e);
LIA_API int lia_explore_complete(const lia_explore *e);
/* The parameters varied (names owned by e) and their ranges. */
LIA_API size_t lia_explore_param_count(const lia_explore *e);
LIA_API const char *lia_explore_param_name(const lia_explore *e, size_t j);
LIA_API lia_status lia_explore_param_range(const lia_explore *e, size_t j, double *lo, double *hi);
/* The members of the game (the order of the per-member outputs). */
LIA_API size_t lia_explore_member_count(const lia_explore *e);
LIA_API const char *lia_explore_member_name(const lia_explore *e, size_t i);
/* The profile the runs judged (opts->target, one strategy index per member, owned by e), or
 * NULL when they judged the commitment. */
LIA_API const size_t *lia_explore_target(const lia_explore *e);
/* Columns of the table of runs, after `run`: the parameters, "status", "slack.M" for each
 * member M, "delta_star.M", "direction.M", "transfers", "welfare", "core_empty" (docs/cli.md).
 * Values are doubles: status is the lia_verdict code (-1: the model is invalid at that
 * sample), direction the lia_direction code, core_empty 1/0/-1, NaN where there is none. */
LIA_API size_t lia_explore_column_count(const lia_explore *e);
LIA_API const char *lia_explore_column_name(const lia_explore *e, size_t c);
/* The value of column c in the k-th run this handle holds (run index first_run + k); NaN if
 * out of range. */
LIA_API double lia_explore_value(const lia_explore *e, uint64_t k, size_t c);
/* LIA_FORMAT_CSV: the table (one row per run, the same bytes for any threads or shards);
 * LIA_FORMAT_JSON and LIA_FORMAT_TEXT: the analyses (probabilities, Sobol indices or Morris
 * measures, scenarios; docs/cli.md); LIA_FORMAT_HTML: the briefing (lia_explore_write_html
 * with default options). Caller frees *out with lia_free. */
LIA_API lia_status lia_explore_write(char **out, size_t *len, const lia_explore *e, lia_format fmt);
/* The CSV of runs [from, from + n) of those held (k-th held run = run first_run + k), after
 * the header line if `header`; the same bytes as the matching lines of the whole table, so a
 * caller can stream a large table in pieces. Caller frees *out with lia_free. */
LIA_API lia_status lia_explore_write_rows(char **out, size_t *len, const lia_explore *e, uint64_t from, uint64_t n, int header);
/* A standalone SVG chart of the indices and scenario boxes; caller frees *out with lia_free. */
LIA_API lia_status lia_explore_write_svg(char **out, size_t *len, const lia_explore *e);

/* An exploration step by step, for a driver that spreads the runs itself (liaison-mpi: every
 * rank solves runs, rank 0 appends them; lia_model_explore is these steps in a loop):
 *   lia_explore_plan     everything lia_model_explore does before solving: the options and
 *                        ranges checked, the workers (opts->threads clones of m), the slice
 *                        (shard), the store created or checked (and continued with resume);
 *                        the same returns and handle rules as lia_model_explore;
 *   lia_explore_pending_runs  the runs [*first, *first + *count) of the slice not yet
 *                        appended (after a resumed store's runs; 0 when it is finished);
 *   lia_explore_solve    runs [first, first + count) of the design (any of its
 *                        lia_explore_total_runs, not only the pending ones) into values,
 *                        count x lia_explore_column_count doubles, row-major, the layout of
 *                        lia_explore_value; on the plan's threads, calling opts->progress with
 *                        the runs done of `count` (nonzero: LIA_ECANCELED). The same run gives
 *                        the same bytes in any process;
 *   lia_explore_append   the next `count` pending runs, in index order (values as solve fills
 *                        them): held in memory, or written to the store in one transaction;
 *   lia_explore_finish   after the last append: marks the store finished and reads it back, so
 *                        the handle is what lia_model_explore returns (lia_explore_complete,
 *                        the analyses). A handle takes solve and append only between plan and
 *                        finish (LIA_EUSAGE otherwise), one call at a time. */
LIA_API lia_status lia_explore_plan(lia_explore **out, const lia_model *m, const char *game, const lia_explore_options *opts);
LIA_API lia_status lia_explore_pending_runs(const lia_explore *e, uint64_t *first, uint64_t *count);
LIA_API lia_status lia_explore_solve(lia_explore *e, uint64_t first, uint64_t count, double *values);
LIA_API lia_status lia_explore_append(lia_explore *e, const double *values, uint64_t count);
LIA_API lia_status lia_explore_finish(lia_explore *e);

/* ---- briefings: one self-contained HTML page for a reader (docs/cli.md, solve --format html) -- *
 * UTF-8 HTML with inline CSS and inline SVG charts: no scripts, nothing loaded from elsewhere, a
 * print style sheet; every name from the model is escaped; the same input gives the same bytes
 * (no date). */
#define LIA_BRIEFING_OPTIONS_VERSION 1
typedef struct lia_briefing_options {
    unsigned version;          /* LIA_BRIEFING_OPTIONS_VERSION */
    const char *command;       /* the command that regenerates the page, shown at its foot
                                  (NULL: none) */
    const lia_sweep *sweep;    /* reports: a sweep of one of the report's agreements, shown as
                                  its breakdown chart under that agreement (NULL: none) */
} lia_briefing_options;
#define LIA_BRIEFING_OPTIONS_INIT { LIA_BRIEFING_OPTIONS_VERSION, NULL, NULL }
/* The solve report as a briefing: per agreement the status in plain words, the stage game,
 * the sustainability table with each member's delta* against its patience as a chart, the
 * transfers, regimes and suspects where the model has them, the burden shares and exploitation
 * index as charts, the break-away coalitions; then a glossary. opts may be NULL. LIA_EUSAGE if
 * opts->sweep is of a game the report does not hold. Caller frees *out with lia_free. */
LIA_API lia_status lia_report_write_html(char **out, size_t *len, const lia_report *r, const lia_briefing_options *opts);
/* A sweep as a briefing: its chart (lia_sweep_write_svg, inline), where the status changes in
 * words, the breakdown points, a glossary (opts->sweep is ignored). opts may be NULL. Caller
 * frees *out with lia_free. */
LIA_API lia_status lia_sweep_write_html(char **out, size_t *len, const lia_sweep *s, const lia_briefing_options *opts);
/* An exploration as a briefing: its set-up in words (the agreement, design, runs, seed, the
 * parameters and their ranges), the share of runs in each status with its Wilson interval (a
 * chart and a table), the chart of lia_explore_write_svg inline (Sobol indices or Morris mu*,
 * the scenario boxes), the scenarios in words, a glossary (opts->sweep is ignored). opts may be
 * NULL. LIA_EUSAGE unless e holds every run of its design (the reason in lia_explore_errmsg).
 * Caller frees *out with lia_free. */
LIA_API lia_status lia_explore_write_html(char **out, size_t *len, const lia_explore *e, const lia_briefing_options *opts);

/* The bilateral agreement that members i and j (indices in the agreement's member list) of
 * the multilateral agreement `name` would make on their own (docs/model.md section 12): its
 * stage game and/or its coalition game (either pointer may be NULL), named "A_B". Caller
 * frees them. */
LIA_API lia_status lia_model_decompose(lia_model *m, const char *name, size_t i, size_t j, const lia_compile_options *opts,
                                       lia_game **stage, lia_tugame **tu);

/* ---- comparing agreements side by side (docs/cli.md, compare) ---------------------------- *
 * Each entry is one agreement of a model: its welfare at the commitment, each member's payoff,
 * critical patience and exposure, whether it is self-enforcing, the transfers that would save
 * it, and whether its coalition game's core is empty. Members are matched by name across
 * entries; when a multilateral agreement is compared with bilateral ones, each member's
 * payoffs over the bilateral agreements are also summed (its bilateral portfolio). */
typedef struct lia_compare lia_compare;
/* models[k] and games[k] (an agreement name, or NULL for the model's only game) for k < n.
 * Compile failures leave their message on the model. Caller frees *out with lia_compare_free. */
LIA_API lia_status lia_compare_agreements(lia_compare **out, lia_model *const *models, const char *const *games, size_t n);
/* A multilateral agreement beside its bilateral decomposition: every pair of its members as
 * lia_model_decompose makes it, with the bilateral sums. */
LIA_API lia_status lia_compare_decomposition(lia_compare **out, lia_model *m, const char *name);
LIA_API void lia_compare_free(lia_compare *c);
LIA_API const char *lia_compare_errmsg(const lia_compare *c);   /* as lia_eqset_errmsg */
/* LIA_FORMAT_JSON or LIA_FORMAT_TEXT; caller frees *out with lia_free. */
LIA_API lia_status lia_compare_write(char **out, size_t *len, const lia_compare *c, lia_format fmt);

/* ---- exploration estimators over plain arrays (docs/api.md, docs/algorithms.md) ---------- *
 * The analyses of `liaison explore`, usable on any table of runs a caller has (a notebook's own
 * model, another design tool's output). No handle: the status is the whole answer, and each
 * function lists the inputs it refuses with LIA_EUSAGE. Outputs are caller arrays of d values;
 * on an error they are left unchanged. */

/* Wilson's score interval for a proportion of k successes in n trials at normal quantile z
 * (1.96 for 95%): [lo, hi] within [0, 1], lo = 0 exactly when k = 0 and hi = 1 when k = n.
 * LIA_EUSAGE if n = 0, k > n, z is not finite and > 0, or lo or hi is NULL. */
LIA_API lia_status lia_wilson_interval(size_t k, size_t n, double z, double *lo, double *hi);

/* First-order (S1) and total (ST) Sobol indices of d inputs from the outputs y of a Saltelli
 * design in its run order: n base samples of 2d+2 runs each, y[j(2d+2) + s] for
 * s = 0 (A), 1..d (AB^i: A with column i from B), d+1..2d (BA^i, not used here), 2d+1 (B), as
 * `explore --design sobol` and SALib's saltelli.sample (second order) produce them. Estimators
 * of Saltelli et al. (2010) for S1 and Jansen (1999) for ST, both divided by the variance of
 * the A and B outputs together, on outputs centred as SALib's sobol.analyze centres them (so
 * the same outputs give its point estimates). If every A and B output is equal the variance
 * is zero and all indices (and half-widths) are 0. S1_conf and ST_conf receive 95% half-widths, 1.96 times the
 * standard deviation of the indices over `resamples` bootstrap resamples of the base samples
 * (drawn by the library's counter-based generator from `seed`, so the same call gives the same
 * numbers); with resamples = 0 no bootstrap is done and they may be NULL. Memory: 4 bytes per
 * base sample for the bootstrap. LIA_EUSAGE if n or d is 0, n(2d+2) overflows, resamples is 1,
 * y, S1 or ST is NULL (or a half-width array with resamples >= 2), or an output is NaN or
 * infinite; LIA_ELIMIT for a bootstrap of more than 2^32 - 1 base samples; LIA_ENOMEM. */
LIA_API lia_status lia_sobol_indices(const double *y, size_t n, size_t d, size_t resamples, uint64_t seed,
                                     double *S1, double *ST, double *S1_conf, double *ST_conf);

/* Morris's elementary-effect statistics from a design of `trajectories` trajectories of d+1
 * runs each: x holds the inputs (runs x d, row-major; the unit-cube points of
 * `explore --design morris` give effects per unit of the cube), y the outputs. Between
 * consecutive runs of a trajectory exactly one input changes, and its elementary effect is
 * (y1 - y0)/(x1 - x0). Per input: mu = mean effect, mu_star = mean absolute effect (Campolongo
 * et al., 2007), sigma = standard deviation of the effects (divisor r - 1, where r is the
 * number of effects of that input; NaN when r = 1). Any of the outputs may be NULL.
 * LIA_EUSAGE if trajectories or d is 0, the size overflows, x or y is NULL, a value is not
 * finite, a step changes no input or more than one, or an input never moves. */
LIA_API lia_status lia_morris_indices(const double *x, const double *y, size_t trajectories, size_t d,
                                      double *mu, double *mu_star, double *sigma);

/* PRIM scenario discovery (Friedman and Fisher, 1999) over n runs: x (n x d, row-major) and
 * hit[k] != 0 for the runs of interest. Peels slices of alpha (0 < alpha < 0.5; 0.05 is the
 * usual choice) of the box's runs from one side of one input, each time the peel that leaves
 * the densest box, while the box keeps at least min_coverage (0 < min_coverage <= 1) of all
 * hits; picks, among those boxes, the one whose density has the highest Wilson 95% lower
 * bound (the densest box that is not just a few lucky runs); then pastes slices back while
 * that raises its density. Per input: [lo[j], hi[j]] the box (the range of the data where
 * the input is not restricted) and restricted[j] = 1 if lo is restricting, 2 if hi is, 3 if
 * both, 0 if neither. A run is in the box when lo[j] <= x[j] <= hi[j] for every j.
 * coverage = hits in the box / all hits, density = hits in the box / runs in it,
 * mass = runs in the box / n. Memory O(n + d); time about 20 n d.
 * LIA_EUSAGE if n or d is 0, n x d overflows, an array is NULL, alpha or min_coverage is out
 * of range, a value of x is not finite, or there is no hit at all. LIA_ENOMEM if the work
 * arrays cannot be allocated. */
LIA_API lia_status lia_prim_box(const double *x, size_t n, size_t d, const unsigned char *hit, double alpha,
                                double min_coverage, double *lo, double *hi, int *restricted, double *coverage,
                                double *density, double *mass);

#ifdef __cplusplus
}
#endif
#endif
