"""_lib -- finding and loading libliaison.so.1, and the ctypes prototypes of include/liaison.h.

The library is looked for, in order:
  1. $LIAISON_LIBRARY (a path to the .so; the older $LIAISON_LIB is accepted too),
  2. beside the installed package: PREFIX/lib/libliaison.so.1, from the _installed.py that
     `make install PREFIX=...` writes into the package, else relative to the package when it
     sits in PREFIX/lib/python3/dist-packages/liaison/ (or PREFIX/lib/python3.X/site-packages),
  3. the checkout's build: python/liaison/../../build/lib/libliaison.so.1,
  4. the system loader (ldconfig, LD_LIBRARY_PATH): "libliaison.so.1".
Every candidate is relative to this file, never to the current directory, so a notebook
opened from any folder loads the same library.
"""
import ctypes
import os

LIA_VERSION_NUMBER = 200      # include/liaison.h 0.2.0, the header this package was written against
SONAME = "libliaison.so.1"

_here = os.path.dirname(os.path.abspath(__file__))


def candidates():
    """The places tried, in order (the environment override first when set)."""
    out = []
    env = os.environ.get("LIAISON_LIBRARY") or os.environ.get("LIAISON_LIB")
    if env:
        out.append(env)
    try:
        from ._installed import LIBDIR
        out.append(os.path.join(LIBDIR, SONAME))
    except ImportError:
        pass
    # PREFIX/lib/python3/dist-packages/liaison -> PREFIX/lib (also PREFIX/lib/python3.X/site-packages)
    out.append(os.path.normpath(os.path.join(_here, "..", "..", "..", SONAME)))
    out.append(os.path.normpath(os.path.join(_here, "..", "..", "build", "lib", SONAME)))
    out.append(SONAME)
    return out


def _load():
    tried = []
    env = os.environ.get("LIAISON_LIBRARY") or os.environ.get("LIAISON_LIB")
    for path in candidates():
        if path == env or path == SONAME or os.path.exists(path):
            try:
                return ctypes.CDLL(path), path
            except OSError as e:
                tried.append("%s (%s)" % (path, e))
                if path == env:   # an explicit choice that fails is an error, not a cue to look elsewhere
                    break
        else:
            tried.append("%s (no such file)" % path)
    raise ImportError("liaison: the shared library libliaison.so.1 was not found; tried: %s. Build it (make), "
                      "install it (make install PREFIX=...), or set LIAISON_LIBRARY to its path" % "; ".join(tried))


lib, path = _load()

# ---- C types -----------------------------------------------------------------------------
P, sz, c_int, dbl, cstr = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_double, ctypes.c_char_p
OUT, LEN, PSZ, PDBL = ctypes.POINTER(P), ctypes.POINTER(sz), ctypes.POINTER(sz), ctypes.POINTER(dbl)
uint, u64, PINT, i64 = ctypes.c_uint, ctypes.c_uint64, ctypes.POINTER(c_int), ctypes.c_int64
PI64 = ctypes.POINTER(i64)


def _struct(name, *fields):
    """A ctypes mirror of a struct of liaison.h: fields as (type, name) pairs, in header order."""
    return type(name, (ctypes.Structure,), {"_fields_": [(f[1], f[0]) for f in fields]})


Diag = _struct("lia_diag", (c_int, "severity"), (cstr, "file"), (uint, "line"), (uint, "column"),
               (uint, "length"), (cstr, "message"), (P, "line_text"), (sz, "line_len"))
CompileOptions = _struct("lia_compile_options", (uint, "version"), (sz, "memory_cap"))
NashOptions = _struct("lia_nash_options", (uint, "version"), (c_int, "method"), (ctypes.c_long, "label"),
                      (c_int, "exact"), (sz, "memory_cap"), (uint, "threads"))
CorrelatedOptions = _struct("lia_correlated_options", (uint, "version"), (c_int, "coarse"), (c_int, "ranges"))
ShareOptions = _struct("lia_share_options", (uint, "version"), (u64, "rules"), (u64, "samples"), (u64, "seed"),
                       (dbl, "confidence"), (c_int, "disagreement"), (sz, "verify_players"), (sz, "memory_cap"))
RepeatOptions = _struct("lia_repeat_options", (uint, "version"), (c_int, "punish"), (dbl, "delta"),
                        (c_int, "payoff_set"), (PDBL, "monitor"))   # version 2
PROGRESS = ctypes.CFUNCTYPE(c_int, P, sz, sz)
SweepAxis = _struct("lia_sweep_axis", (cstr, "name"), (dbl, "from_"), (dbl, "to"), (sz, "steps"))
SweepOptions = _struct("lia_sweep_options", (uint, "version"), (sz, "axes"), (SweepAxis * 2, "axis"),
                       (sz, "threads"), (dbl, "tolerance"), (c_int, "refine"), (PROGRESS, "progress"),
                       (P, "progress_ctx"), (sz, "memory_cap"))
# Handed out by pointer and owned by the sweep: the library may append fields, so this mirror is
# a prefix of the C struct and is only ever read through lia_sweep_point_at's pointer.
SweepPoint = _struct("lia_sweep_point", (PDBL, "values"), (c_int, "ok"), (cstr, "message"), (sz, "members"),
                     (PDBL, "payoffs"), (PDBL, "delta_star"), (PINT, "sustainable"), (c_int, "self_enforcing"),
                     (c_int, "transfers_feasible"), (c_int, "class2x2"), (sz, "equilibria"), (c_int, "core_empty"),
                     (dbl, "welfare"), (PDBL, "patience"))

Param = _struct("lia_param", (cstr, "name"), (c_int, "kind"), (dbl, "value"), (c_int, "has_range"), (dbl, "lo"),
                (dbl, "hi"))    # owned by the model: read through a pointer, never allocated here
ExploreRange = _struct("lia_explore_range", (cstr, "name"), (dbl, "lo"), (dbl, "hi"))
ExploreOptions = _struct("lia_explore_options", (uint, "version"), (c_int, "design"), (u64, "samples"), (u64, "seed"),
                         (ctypes.POINTER(ExploreRange), "ranges"), (sz, "nranges"), (dbl, "delta"), (sz, "threads"),
                         (sz, "shard"), (sz, "shards"), (cstr, "store"), (c_int, "resume"), (PROGRESS, "progress"),
                         (P, "progress_ctx"), (sz, "memory_cap"))
PPARAM, PU8 = ctypes.POINTER(Param), ctypes.POINTER(ctypes.c_ubyte)

FUNCS = {  # name: (restype, argtypes); lia_status is an int
    "lia_version": (cstr, []), "lia_version_number": (c_int, []), "lia_status_name": (cstr, [c_int]),
    "lia_errmsg": (cstr, []), "lia_suggest": (cstr, [cstr, ctypes.POINTER(cstr), sz]),
    "lia_free": (None, [P]), "lia_set_blas_threads": (c_int, [c_int]), "lia_blas_threads": (c_int, []),
    "lia_model_open": (c_int, [OUT, cstr]), "lia_model_parse": (c_int, [OUT, cstr, sz, cstr]),
    "lia_model_free": (None, [P]), "lia_model_errmsg": (cstr, [P]), "lia_model_diag_count": (sz, [P]),
    "lia_model_error_count": (sz, [P]), "lia_model_diag_at": (ctypes.POINTER(Diag), [P, sz]),
    "lia_model_set": (c_int, [P, cstr, cstr]), "lia_model_set_number": (c_int, [P, cstr, dbl]),
    "lia_model_clone": (c_int, [OUT, P]), "lia_model_title": (cstr, [P]),
    "lia_model_game_count": (sz, [P]), "lia_model_game_name": (cstr, [P, sz]),
    "lia_model_game_kind": (c_int, [P, sz]), "lia_model_game_find": (c_int, [P, cstr, PSZ]),
    "lia_model_compile": (c_int, [OUT, P, cstr, ctypes.POINTER(CompileOptions)]),
    "lia_game_new": (c_int, [OUT, sz, PSZ, PDBL]), "lia_game_new_exact": (c_int, [OUT, sz, PSZ, PI64, PI64]),
    "lia_game_set_labels": (c_int, [P, cstr, ctypes.POINTER(cstr), ctypes.POINTER(cstr)]),
    "lia_game_errmsg": (cstr, [P]), "lia_game_free": (None, [P]),
    "lia_game_name": (cstr, [P]), "lia_game_player_count": (sz, [P]), "lia_game_player_name": (cstr, [P, sz]),
    "lia_game_strategy_count": (sz, [P, sz]), "lia_game_strategy_name": (cstr, [P, sz, sz]),
    "lia_game_profile_count": (sz, [P]), "lia_game_payoffs": (PDBL, [P]),
    "lia_game_payoff_exact": (c_int, [P, sz, sz, PI64, PI64]),
    "lia_game_commitment": (c_int, [P, PSZ]), "lia_game_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_nash_method_available": (c_int, [c_int]), "lia_nash_method_name": (cstr, [c_int]),
    "lia_share_selection_name": (cstr, [sz]), "lia_share_rules_from_name": (c_int, [cstr, ctypes.POINTER(u64)]),
    "lia_game_nash": (c_int, [OUT, P, ctypes.POINTER(NashOptions)]), "lia_eqset_free": (None, [P]),
    "lia_game_correlated": (c_int, [OUT, P, ctypes.POINTER(CorrelatedOptions)]),
    "lia_correlated_free": (None, [P]), "lia_nash_write": (c_int, [OUT, LEN, P, P, c_int]),
    "lia_model_solve": (c_int, [OUT, P, cstr, ctypes.POINTER(CompileOptions)]), "lia_report_free": (None, [P]),
    "lia_report_count": (sz, [P]), "lia_report_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_model_share": (c_int, [OUT, P, cstr, ctypes.POINTER(ShareOptions)]), "lia_share_free": (None, [P]),
    "lia_model_regime_count": (sz, [P]), "lia_game_monitor": (dbl, [P, sz]),
    "lia_model_regimes": (c_int, [OUT, P, cstr]),
    "lia_regimes_free": (None, [P]), "lia_regimes_errmsg": (cstr, [P]),
    "lia_regimes_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_model_suspects": (c_int, [OUT, P, cstr]), "lia_suspects_free": (None, [P]),
    "lia_suspects_errmsg": (cstr, [P]), "lia_suspects_count": (sz, [P]),
    "lia_suspects_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_share_errmsg": (cstr, [P]), "lia_share_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_game_repeat": (c_int, [OUT, P, PSZ, ctypes.POINTER(RepeatOptions)]), "lia_repeat_free": (None, [P]),
    "lia_repeat_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_model_sweep": (c_int, [OUT, P, cstr, ctypes.POINTER(SweepOptions)]), "lia_sweep_free": (None, [P]),
    "lia_sweep_errmsg": (cstr, [P]), "lia_sweep_point_count": (sz, [P]),
    "lia_sweep_point_at": (ctypes.POINTER(SweepPoint), [P, sz]),
    "lia_sweep_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_sweep_verdict_at": (c_int, [P, sz]), "lia_sweep_direction_at": (c_int, [P, sz, sz]),
    "lia_sweep_over_regimes_at": (c_int, [P, sz, sz]), "lia_sweep_trusted_at": (c_int, [P, sz, sz]),
    "lia_sweep_member_count": (sz, [P]),
    "lia_verdict_name": (cstr, [c_int]), "lia_direction_name": (cstr, [c_int]),
    "lia_punishment_name": (cstr, [c_int]), "lia_disagreement_name": (cstr, [c_int]),
    "lia_compare_agreements": (c_int, [OUT, ctypes.POINTER(P), ctypes.POINTER(cstr), sz]),
    "lia_compare_decomposition": (c_int, [OUT, P, cstr]), "lia_compare_free": (None, [P]),
    "lia_compare_write": (c_int, [OUT, LEN, P, c_int]),
    # parameters and explorations under uncertainty
    "lia_model_param_count": (sz, [P]), "lia_model_param_at": (PPARAM, [P, sz]),
    "lia_model_param_find": (PPARAM, [P, cstr]), "lia_design_name": (cstr, [c_int]),
    "lia_model_explore": (c_int, [OUT, P, cstr, ctypes.POINTER(ExploreOptions)]),
    "lia_explore_open": (c_int, [OUT, cstr]), "lia_explore_merge": (c_int, [OUT, cstr, ctypes.POINTER(cstr), sz]),
    "lia_explore_free": (None, [P]), "lia_explore_errmsg": (cstr, [P]), "lia_explore_game": (cstr, [P]),
    "lia_explore_design": (c_int, [P]), "lia_explore_samples": (u64, [P]), "lia_explore_seed": (u64, [P]),
    "lia_explore_total_runs": (u64, [P]), "lia_explore_run_count": (u64, [P]), "lia_explore_first_run": (u64, [P]),
    "lia_explore_complete": (c_int, [P]), "lia_explore_param_count": (sz, [P]),
    "lia_explore_param_name": (cstr, [P, sz]), "lia_explore_param_range": (c_int, [P, sz, PDBL, PDBL]),
    "lia_explore_member_count": (sz, [P]), "lia_explore_member_name": (cstr, [P, sz]),
    "lia_explore_column_count": (sz, [P]), "lia_explore_column_name": (cstr, [P, sz]),
    "lia_explore_value": (dbl, [P, u64, sz]), "lia_explore_write": (c_int, [OUT, LEN, P, c_int]),
    "lia_explore_write_rows": (c_int, [OUT, LEN, P, u64, u64, c_int]),
    "lia_explore_write_svg": (c_int, [OUT, LEN, P]),
    "lia_wilson_interval": (c_int, [sz, sz, dbl, PDBL, PDBL]),
    "lia_sobol_indices": (c_int, [PDBL, sz, sz, sz, u64, PDBL, PDBL, PDBL, PDBL]),
    "lia_morris_indices": (c_int, [PDBL, PDBL, sz, sz, PDBL, PDBL, PDBL]),
    "lia_prim_box": (c_int, [PDBL, sz, sz, PU8, dbl, dbl, PDBL, PDBL, PINT, PDBL, PDBL, PDBL]),
}


def _declare():
    missing = []
    for name, (res, args) in FUNCS.items():
        try:
            f = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        f.restype, f.argtypes = res, args
    return missing


_missing = _declare()
# The SONAME (libliaison.so.1) guarantees the layouts; a later library of the same SONAME only
# adds functions (docs/api.md, "Versions and the ABI"), so it is accepted; an older one may lack some.
_found = lib.lia_version_number() if hasattr(lib, "lia_version_number") else -1
if _found < LIA_VERSION_NUMBER or _missing:
    raise ImportError("liaison: %s is version %s, this package was written for %d (0.2.0) or later%s; install matching "
                      "versions (make install) or point LIAISON_LIBRARY at the right library"
                      % (path, _found, LIA_VERSION_NUMBER,
                         "; it lacks %s" % ", ".join(_missing[:5]) if _missing else ""))

OK, EINPUT, EUSAGE, ENOMEM, ELIMIT, EIO, EINTERNAL, ECANCELED = 0, 1, 2, 3, 4, 5, 6, 7
JSON = 1


def names(fn):
    """The names a library table lists, fn(0), fn(1), ... until NULL (methods, rules, designs),
    so the binding takes exactly the names the library and the command line take."""
    out, i = [], 0
    while True:
        n = fn(i)
        if n is None:
            return out
        out.append(n.decode())
        i += 1
