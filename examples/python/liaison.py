"""liaison.py -- a ctypes binding of the liaison C library (include/liaison.h).

    import liaison
    m = liaison.load("models/ukusa-1946.lia")
    m.set("UK.leak", 0.05)
    report = m.solve("UKUSA")            # == json.loads(`liaison solve FILE --game UKUSA --format json`)
    g = liaison.Game([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])   # prisoner's dilemma
    g.nash(method="all")["equilibria"]

The library is found through $LIAISON_LIB, else ../../build/lib/libliaison.so relative to this
file, else ctypes.util.find_library("liaison"). Every handle the library hands out is owned by
one Python object and freed exactly once, by close(), by leaving a `with` block, or by the
garbage collector. Handles are not shared between threads in C; each Model and Game here holds a
lock, so using one from several Python threads is safe (calls on it are serialised). Failures
reported by the library raise LiaisonError; bad Python arguments raise ValueError or TypeError.
"""
import contextlib
import ctypes
import ctypes.util
import json
import math
import os
import threading
from collections import namedtuple

import numpy as np

__all__ = ["LiaisonError", "Diagnostic", "GameInfo", "Model", "Game", "SweepResult", "load", "compare", "version",
           "STATUSES", "STATUS_WORDS", "STATUS_COLOURS"]

LIA_VERSION_NUMBER = 100      # include/liaison.h 0.1.0, the header this binding was written against


def _find_library():
    beside = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build", "lib", "libliaison.so")
    path = os.environ.get("LIAISON_LIB") or (os.path.normpath(beside) if os.path.exists(beside)
                                             else ctypes.util.find_library("liaison"))
    if not path:
        raise ImportError("liaison: shared library not found; set LIAISON_LIB to the path of libliaison.so")
    return path


_lib = ctypes.CDLL(_find_library())

# ---- C types -----------------------------------------------------------------------------
_P, _sz, _int, _dbl, _str = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_double, ctypes.c_char_p
_OUT, _LEN, _PSZ, _PDBL = ctypes.POINTER(_P), ctypes.POINTER(_sz), ctypes.POINTER(_sz), ctypes.POINTER(_dbl)


def _struct(name, *fields):
    """A ctypes mirror of a struct of liaison.h: fields as "type name" pairs, in header order."""
    return type(name, (ctypes.Structure,), {"_fields_": [(f[1], f[0]) for f in fields]})


_uint, _u64, _PINT = ctypes.c_uint, ctypes.c_uint64, ctypes.POINTER(_int)
_Diag = _struct("lia_diag", (_int, "severity"), (_str, "file"), (_uint, "line"), (_uint, "column"),
                (_uint, "length"), (_str, "message"), (_P, "line_text"), (_sz, "line_len"))
_CompileOptions = _struct("lia_compile_options", (_uint, "version"), (_sz, "memory_cap"))
_NashOptions = _struct("lia_nash_options", (_uint, "version"), (_int, "method"), (ctypes.c_long, "label"),
                       (_int, "exact"))
_CorrelatedOptions = _struct("lia_correlated_options", (_uint, "version"), (_int, "coarse"), (_int, "ranges"))
_ShareOptions = _struct("lia_share_options", (_uint, "version"), (_u64, "rules"), (_u64, "samples"), (_u64, "seed"),
                        (_dbl, "confidence"), (_int, "disagreement"), (_sz, "verify_players"), (_sz, "memory_cap"))
_RepeatOptions = _struct("lia_repeat_options", (_uint, "version"), (_int, "punish"), (_dbl, "delta"),
                         (_int, "payoff_set"), (_PDBL, "monitor"))   # version 2
_PROGRESS = ctypes.CFUNCTYPE(_int, _P, _sz, _sz)
_SweepAxis = _struct("lia_sweep_axis", (_str, "name"), (_dbl, "from_"), (_dbl, "to"), (_sz, "steps"))
_SweepOptions = _struct("lia_sweep_options", (_uint, "version"), (_sz, "axes"), (_SweepAxis * 2, "axis"),
                        (_sz, "threads"), (_dbl, "tolerance"), (_int, "refine"), (_PROGRESS, "progress"),
                        (_P, "progress_ctx"), (_sz, "memory_cap"))
_SweepPoint = _struct("lia_sweep_point", (_PDBL, "values"), (_int, "ok"), (_str, "message"), (_sz, "members"),
                      (_PDBL, "payoffs"), (_PDBL, "delta_star"), (_PINT, "sustainable"), (_int, "self_enforcing"),
                      (_int, "transfers_feasible"), (_int, "class2x2"), (_sz, "equilibria"), (_int, "core_empty"),
                      (_dbl, "welfare"), (_PDBL, "patience"))

_FUNCS = {  # name: (restype, argtypes); lia_status is an int
    "lia_version": (_str, []), "lia_version_number": (_int, []), "lia_status_name": (_str, [_int]),
    "lia_free": (None, [_P]),
    "lia_model_open": (_int, [_OUT, _str]), "lia_model_parse": (_int, [_OUT, _str, _sz, _str]),
    "lia_model_free": (None, [_P]), "lia_model_errmsg": (_str, [_P]), "lia_model_diag_count": (_sz, [_P]),
    "lia_model_error_count": (_sz, [_P]), "lia_model_diag_at": (ctypes.POINTER(_Diag), [_P, _sz]),
    "lia_model_set": (_int, [_P, _str, _str]), "lia_model_set_number": (_int, [_P, _str, _dbl]),
    "lia_model_clone": (_int, [_OUT, _P]), "lia_model_title": (_str, [_P]),
    "lia_model_game_count": (_sz, [_P]), "lia_model_game_name": (_str, [_P, _sz]),
    "lia_model_game_kind": (_int, [_P, _sz]), "lia_model_game_find": (_int, [_P, _str, _PSZ]),
    "lia_model_compile": (_int, [_OUT, _P, _str, ctypes.POINTER(_CompileOptions)]),
    "lia_game_new": (_int, [_OUT, _sz, _PSZ, _PDBL]), "lia_game_free": (None, [_P]),
    "lia_game_name": (_str, [_P]), "lia_game_player_count": (_sz, [_P]), "lia_game_player_name": (_str, [_P, _sz]),
    "lia_game_strategy_count": (_sz, [_P, _sz]), "lia_game_strategy_name": (_str, [_P, _sz, _sz]),
    "lia_game_profile_count": (_sz, [_P]), "lia_game_payoffs": (_PDBL, [_P]),
    "lia_game_commitment": (_int, [_P, _PSZ]), "lia_game_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_nash_method_available": (_int, [_int]),
    "lia_game_nash": (_int, [_OUT, _P, ctypes.POINTER(_NashOptions)]), "lia_eqset_free": (None, [_P]),
    "lia_game_correlated": (_int, [_OUT, _P, ctypes.POINTER(_CorrelatedOptions)]),
    "lia_correlated_free": (None, [_P]), "lia_nash_write": (_int, [_OUT, _LEN, _P, _P, _int]),
    "lia_model_solve": (_int, [_OUT, _P, _str, ctypes.POINTER(_CompileOptions)]), "lia_report_free": (None, [_P]),
    "lia_report_count": (_sz, [_P]), "lia_report_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_model_share": (_int, [_OUT, _P, _str, ctypes.POINTER(_ShareOptions)]), "lia_share_free": (None, [_P]),
    "lia_model_regime_count": (_sz, [_P]), "lia_game_monitor": (_dbl, [_P, _sz]), "lia_model_regimes": (_int, [_OUT, _P, _str]),
    "lia_regimes_free": (None, [_P]), "lia_regimes_errmsg": (_str, [_P]),
    "lia_regimes_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_model_suspects": (_int, [_OUT, _P, _str]), "lia_suspects_free": (None, [_P]),
    "lia_suspects_errmsg": (_str, [_P]), "lia_suspects_count": (_sz, [_P]),
    "lia_suspects_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_share_errmsg": (_str, [_P]), "lia_share_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_game_repeat": (_int, [_OUT, _P, _PSZ, ctypes.POINTER(_RepeatOptions)]), "lia_repeat_free": (None, [_P]),
    "lia_repeat_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_model_sweep": (_int, [_OUT, _P, _str, ctypes.POINTER(_SweepOptions)]), "lia_sweep_free": (None, [_P]),
    "lia_sweep_errmsg": (_str, [_P]), "lia_sweep_point_count": (_sz, [_P]),
    "lia_sweep_point_at": (_int, [_P, _sz, ctypes.POINTER(_SweepPoint)]),
    "lia_sweep_write": (_int, [_OUT, _LEN, _P, _int]),
    "lia_sweep_verdict_at": (_int, [_P, _sz]), "lia_sweep_direction_at": (_int, [_P, _sz, _sz]),
    "lia_sweep_over_regimes_at": (_int, [_P, _sz, _sz]), "lia_sweep_trusted_at": (_int, [_P, _sz, _sz]),
    "lia_sweep_member_count": (_sz, [_P]),
    "lia_verdict_name": (_str, [_int]), "lia_direction_name": (_str, [_int]),
    "lia_compare_agreements": (_int, [_OUT, ctypes.POINTER(_P), ctypes.POINTER(_str), _sz]),
    "lia_compare_decomposition": (_int, [_OUT, _P, _str]), "lia_compare_free": (None, [_P]),
    "lia_compare_write": (_int, [_OUT, _LEN, _P, _int]),
}
for _name, (_res, _args) in _FUNCS.items():
    _f = getattr(_lib, _name)
    _f.restype, _f.argtypes = _res, _args

if _lib.lia_version_number() != LIA_VERSION_NUMBER:
    raise ImportError("liaison: the library is version %d (%s), this binding was written for %d"
                      % (_lib.lia_version_number(), _lib.lia_version().decode(), LIA_VERSION_NUMBER))

_OK, _EINPUT, _EUSAGE = 0, 1, 2
_JSON = 1
_KINDS = ["bilateral", "multilateral", "normal", "coalitional", "coalitional cost", "bankruptcy", "voting"]
_SEVERITIES = ["error", "warning", "note"]
_NASH = {"pure": 0, "lp": 1, "lh": 2, "all": 3, "support": 4, "simpdiv": 5, "qre": 6, "gnm": 7}
_PUNISH = {"nash": 0, "minmax": 1}
_DISAGREE = {"nash": 0, "security": 1}
# share rule names as `liaison share --method` takes them (solver/cli/cmd_share.c) -> lia_share_rule bits
_RULES = {"shapley": [0], "banzhaf": [1, 16], "nucleolus": [2], "prenucleolus": [3], "least_core": [4], "core": [4],
          "per_capita": [5], "montecarlo": [6], "talmud": [7], "proportional": [8], "cea": [9], "cel": [10],
          "equal": [11], "resources": [12], "actual": [13], "bargaining": [14, 15]}


def version():
    """The library's version string, e.g. "0.1.0"."""
    return _lib.lia_version().decode()


def _s(b):
    return None if b is None else b.decode("utf-8", "replace")


def _b(s):
    return None if s is None else str(s).encode("utf-8")


def _status_name(st):
    return _s(_lib.lia_status_name(st))


def _verdict_name(v):
    """A lia_verdict's name; None for LIA_VERDICT_NONE (no commitment, or an invalid model)."""
    name = _s(_lib.lia_verdict_name(v))
    return None if name in (None, "none") else name


# The statuses of a commitment (lia_verdict, best first), as the JSON "status" fields and
# SweepResult.status spell them; their plain words and the colours of `sweep --plot`.
STATUSES = tuple(_verdict_name(v) for v in range(1, 6))
STATUS_WORDS = {"holds": "holds", "holds_with_harsher_punishment": "holds with harsher punishment",
                "undecided": "undecided (passes minmax)", "needs_transfers": "needs transfers",
                "breaks_down": "breaks down", None: "no verdict"}
STATUS_COLOURS = {"holds": "#1a9850", "holds_with_harsher_punishment": "#91cf60", "undecided": "#abd9e9",
                  "needs_transfers": "#f4a52c", "breaks_down": "#d73027", None: "#f2f2f2"}


# ---- errors ----------------------------------------------------------------------------------
Diagnostic = namedtuple("Diagnostic", "file line column severity message length line_text")
Diagnostic.__doc__ = "One diagnostic of a model: line and column are 1-based, column counts code points."
Diagnostic.__str__ = lambda d: "%s:%d:%d: %s: %s" % (d.file, d.line, d.column, d.severity, d.message)
GameInfo = namedtuple("GameInfo", "name kind")
GameInfo.__doc__ = "An agreement or game of a model: its name and kind ('bilateral', 'voting', ...)."


class LiaisonError(Exception):
    """A failure reported by the library.

    .status      the status name (lia_status_name: "invalid input", "invalid use", "canceled", ...)
    .code        the lia_status number
    .message     the library's message
    .diagnostics a list of Diagnostic (file, line, column, severity, message, ...) for invalid models
    str(err) is one "file:line:col: error: message" line per diagnostic, else the message."""

    def __init__(self, message, code=_EUSAGE, diagnostics=()):
        self.code, self.status = code, _status_name(code)
        self.message, self.diagnostics = message or self.status, list(diagnostics)
        super().__init__(str(self))

    def __str__(self):
        if self.diagnostics:
            return "\n".join(str(d) for d in self.diagnostics)
        return self.message


def _take(fn, *args):
    """Call lia_*_write(&out, &len, ..., JSON) and return the text, freeing the C string."""
    out, n = _P(), _sz()
    st = fn(ctypes.byref(out), ctypes.byref(n), *args, _JSON)
    try:
        if st != _OK:
            raise LiaisonError("the result could not be written: %s" % _status_name(st), st)
        return ctypes.string_at(out.value, n.value).decode("utf-8")
    finally:
        _lib.lia_free(out)


class _Handle:
    """Owns one C handle; close() frees it once (also on __del__ and on leaving a `with`)."""
    _free = None

    def __init__(self, ptr):
        self._ptr, self._lock = ptr, threading.RLock()

    def close(self):
        """Free the C handle now; the object is unusable afterwards. Safe to call twice."""
        if getattr(self, "_ptr", None):
            with self._lock:   # not while another thread is inside a call on it
                ptr, self._ptr = self._ptr, None
                type(self)._free(ptr)

    def __del__(self):
        self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _h(self):
        if not self._ptr:
            raise ValueError("%s is closed" % type(self).__name__)
        return self._ptr


@contextlib.contextmanager
def _owned(free, out):
    """Yield a temporary C handle (an out-parameter) and free it afterwards, whatever happens."""
    try:
        yield out.value
    finally:
        free(out)


# ---- models ----------------------------------------------------------------------------------
def load(path_or_text, name=None, overrides=None):
    """Read a model: a file (.lia, Gambit .nfg, lrsnash input) if path_or_text names one that
    exists, else agreement-language (or .nfg/lrs) text, labelled `name` in diagnostics.
    A one-line string ending in .lia/.nfg/.game that does not exist is reported as unreadable.
    overrides: {name: value} applied before the model is judged (as repeated --set).
    Raises LiaisonError with .diagnostics for an invalid model."""
    text, out = path_or_text if isinstance(path_or_text, bytes) else os.fspath(path_or_text), _P()
    if not isinstance(text, bytes) and (not isinstance(path_or_text, str) or os.path.isfile(text) or (
            "\n" not in text and "{" not in text and text.rstrip().endswith((".lia", ".nfg", ".game")))):
        st, label = _lib.lia_model_open(ctypes.byref(out), os.fsencode(text)), text
    else:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        st, label = _lib.lia_model_parse(ctypes.byref(out), data, len(data), _b(name)), name or "<string>"
    if not out.value:
        raise LiaisonError("could not read %s: %s" % (label, _status_name(st)), st)
    model = Model(out.value, label)
    if st in (_OK, _EINPUT) and overrides:
        # as repeated --set: all are applied before the model is judged, so one may supply or
        # repair a value (two shares that must sum to 1 change together); an unknown name stops
        for k, v in overrides.items():
            st = model._apply(k, v)
            if st not in (_OK, _EINPUT):
                break
    if st != _OK:
        err = model._error(st)
        model.close()
        raise err
    return model


class Model(_Handle):
    """An agreement model (from load()). Methods return the JSON documents of the CLI as dicts."""
    _free = _lib.lia_model_free

    def __init__(self, ptr, source="<string>"):
        super().__init__(ptr)
        self.source = source

    def __repr__(self):
        return "<liaison.Model %r%s>" % (self.source, "" if self._ptr else " (closed)")

    # -- errors and lookup --
    @property
    def diagnostics(self):
        """Every diagnostic of the model (errors, warnings, notes), copied."""
        with self._lock:
            m, out = self._h(), []
            for i in range(_lib.lia_model_diag_count(m)):
                d = _lib.lia_model_diag_at(m, i).contents
                text = _s(ctypes.string_at(d.line_text, d.line_len)) if d.line_text else ""
                out.append(Diagnostic(_s(d.file), d.line, d.column, _SEVERITIES[d.severity] if 0 <= d.severity < 3
                                      else "?", _s(d.message), d.length, text))
            return out

    def _error(self, st, message=None):
        msg = message or _s(_lib.lia_model_errmsg(self._h())) or _status_name(st)
        return LiaisonError(msg, st, self.diagnostics if st == _EINPUT else [])

    def _game(self, game, only=True):
        """The name of `game` (checked), or the model's only game when `game` is None."""
        if _lib.lia_model_error_count(self._h()):
            raise self._error(_EINPUT)
        names = [g.name for g in self.games]
        if game is None:
            if not only:
                return None
            if len(names) == 1:
                return names[0]
            raise LiaisonError("%s has %d agreements and games; choose one with game=: %s"
                               % (self.source, len(names), ", ".join(names)), _EUSAGE)
        if _lib.lia_model_game_find(self._h(), _b(game), ctypes.byref(_sz())) != _OK:
            raise LiaisonError("no agreement or game named '%s'; %s has: %s"
                               % (game, self.source, ", ".join(names)), _EUSAGE)
        return game

    # -- attributes --
    @property
    def title(self):
        """The title from `model "..."` ("" if none)."""
        return _s(_lib.lia_model_title(self._h()))

    @property
    def games(self):
        """Agreements and games in file order, as GameInfo(name, kind)."""
        with self._lock:
            m = self._h()
            return [GameInfo(_s(_lib.lia_model_game_name(m, i)), _KINDS[_lib.lia_model_game_kind(m, i)])
                    for i in range(_lib.lia_model_game_count(m))]

    def set(self, name, value):
        """Override a `let` constant or attribute path (like --set NAME=VALUE): value is a number
        or an expression string ("2/3", "asym*2"). Raises LiaisonError for an unknown name
        (the model is unchanged) or a value that makes the model invalid (the override stays in
        force until replaced; .diagnostics says why)."""
        with self._lock:
            st = self._apply(name, value)
            if st != _OK:
                raise self._error(st)
        return self

    def _apply(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, str, np.number)):
            raise TypeError("value must be a number or an expression string, not %r" % (value,))
        if isinstance(value, str):
            return _lib.lia_model_set(self._h(), _b(name), _b(value))
        return _lib.lia_model_set_number(self._h(), _b(name), float(value))

    def clone(self):
        """A new Model with the same text and overrides."""
        with self._lock:
            out = _P()
            st = _lib.lia_model_clone(ctypes.byref(out), self._h())
            if not out.value:
                raise LiaisonError("clone failed: %s" % _status_name(st), st)
            return Model(out.value, self.source)

    def compile(self, game=None):
        """The stage game of an agreement, or an explicit normal-form game, as a Game."""
        with self._lock:
            name, out = self._game(game), _P()
            st = _lib.lia_model_compile(ctypes.byref(out), self._h(), _b(name), None)
            if st != _OK:
                _lib.lia_game_free(out)
                raise self._error(st)
            return Game._wrap(out.value)

    # -- the commands --
    def solve(self, game=None):
        """The report of `liaison solve FILE [--game G] --format json`: every agreement and
        normal-form game, or the one named."""
        with self._lock:
            name, out = self._game(game, only=False), _P()
            st = _lib.lia_model_solve(ctypes.byref(out), self._h(), _b(name), None)
            with _owned(_lib.lia_report_free, out) as r:
                if st == _EUSAGE and name:
                    raise self._error(st, "'%s' is a coalitional game, which has no stage game (see share)" % name)
                if st != _OK:
                    raise self._error(st)
                if _lib.lia_report_count(r) == 0:
                    raise LiaisonError("%s has no agreement or normal-form game to solve" % self.source, _EUSAGE)
                return json.loads(_take(_lib.lia_report_write, r))

    def nash(self, game=None, method="all", exact=False, label=None, correlated=False, coarse=False):
        """Equilibria as `liaison nash --method M [--exact] [--label K] [--correlated [--coarse]]
        --format json`. method: all (default here; the CLI's default is pure), pure, lh, lp,
        support, gnm, qre. "all" and "lh" take two-player games only."""
        with self.compile(game) as g:
            return g.nash(method, exact=exact, label=label, correlated=correlated, coarse=coarse)

    def share(self, game=None, method=None, samples=None, seed=None, confidence=None, disagreement="nash"):
        """Burden sharing as `liaison share [--method RULE,...] --format json`. method: None or
        "all" (every rule that applies), a rule name, a comma-separated string or a list of
        names: shapley, banzhaf, nucleolus, prenucleolus, least_core, core, per_capita,
        montecarlo, talmud, proportional, cea, cel, equal, resources, actual, bargaining."""
        rules = 0
        for rule in method.split(",") if isinstance(method, str) else list(method or []):
            if rule not in _RULES and rule != "all":
                raise ValueError("unknown share method %r (%s or all)" % (rule, ", ".join(_RULES)))
            rules |= sum(1 << bit for bit in _RULES.get(rule, []))
        if rules and not rules >> 6 & 1 and (samples, seed, confidence) != (None, None, None):
            raise ValueError("samples, seed and confidence belong to method='montecarlo'")
        if samples is not None and not 1 <= int(samples) <= 1000000000:   # LIA_SHARE_MAX_SAMPLES
            raise ValueError("samples must be between 1 and 1000000000 permutations")
        if disagreement not in _DISAGREE:
            raise ValueError("disagreement must be 'nash' or 'security'")
        opts = _ShareOptions(1, rules, 10000 if samples is None else int(samples), 1 if seed is None else int(seed),
                             0.95 if confidence is None else float(confidence), _DISAGREE[disagreement], 20, 0)
        with self._lock:
            name, out = self._game(game), _P()
            st = _lib.lia_model_share(ctypes.byref(out), self._h(), _b(name), ctypes.byref(opts))
            with _owned(_lib.lia_share_free, out) as s:
                if st != _OK:
                    why = _s(_lib.lia_share_errmsg(s)) if s else ""
                    if not why and st == _EUSAGE and dict(self.games)[name] == "normal":
                        why = "'%s' is a normal-form game of more than two players: no coalition values, no " \
                              "two-party bargaining problem" % name
                    raise self._error(st, why or None)
                return json.loads(_take(_lib.lia_share_write, s))

    def repeat(self, game=None, target=None, delta=None, punish="nash", monitor=None):
        """Sustainability under grim trigger, as `liaison repeat [--target ...] [--delta D]
        [--punish nash|minmax] [--monitor PARTY=Q ...] --format json`. target: None (the
        commitment), strategy names ("C,C" or ["C", "C"]) or indices, one per player; monitor:
        {party: q}, the chance per period that its breach is noticed (the rest 1). A model with
        regimes also gets "regimes" (the commitment over the regimes; None without one)."""
        with self.compile(game) as g:
            result = g.repeat(target, delta=delta, punish=punish, monitor=monitor)
            if _lib.lia_model_regime_count(self._h()) > 0:
                result["regimes"] = self.regimes(game) if g.commitment is not None else None
            if target is None:
                suspects = self.suspects(game)
                if suspects:
                    result["suspects"] = suspects
            return result

    def suspects(self, game=None):
        """The agreement's suspected members, as the "suspects" of `liaison repeat --format
        json`: per suspect its prior, trust threshold, probation, the chance of uncovering a
        penetration meanwhile and the profile to run until then; [] when it has none."""
        with self._lock:
            name, out = self._game(game), _P()
            st = _lib.lia_model_suspects(ctypes.byref(out), self._h(), _b(name))
            with _owned(_lib.lia_suspects_free, out) as s:
                if st != _OK:
                    raise self._error(st, _s(_lib.lia_suspects_errmsg(s)) if s else None)
                if _lib.lia_suspects_count(s) == 0:
                    return []
                return json.loads(_take(_lib.lia_suspects_write, s))["suspects"]

    def regimes(self, game=None):
        """The commitment over the model's regimes, as the "regimes" part of `liaison repeat
        --format json`: each member's critical patience over the regimes, the binding regime,
        the averaged game's, the member x regime table and the transfers by regime."""
        with self._lock:
            name, out = self._game(game), _P()
            st = _lib.lia_model_regimes(ctypes.byref(out), self._h(), _b(name))
            with _owned(_lib.lia_regimes_free, out) as r:
                if st != _OK:
                    raise self._error(st, _s(_lib.lia_regimes_errmsg(r)) if r else None)
                return json.loads(_take(_lib.lia_regimes_write, r))

    def sweep(self, name, values, game=None, name2=None, values2=None, threads=2, tolerance=1e-6, refine=True,
              progress=None):
        """Solve a grid of one or two parameters and locate where the verdicts change, as
        `liaison sweep --vary NAME=FROM:TO:STEPS --format json`. values (and values2): a
        (from, to, steps) tuple, or a list/array of evenly spaced values (anything else raises
        ValueError: the library sweeps even grids only). progress(done, total) is called on
        this thread; a true return stops the sweep (LiaisonError, status "canceled")."""
        axes = [(name, _axis(values))] + ([(name2, _axis(values2))] if name2 is not None else [])
        keep, raised = [_b(n) for n, _ in axes], []   # the names must outlive the call
        opts = _SweepOptions(1, len(axes), (_SweepAxis * 2)(*[_SweepAxis(keep[k], *ax) for k, (_, ax) in
                                                              enumerate(axes)]), int(threads), float(tolerance),
                             1 if refine else 0)

        def _cb(ctx, done, total):
            try:
                return 1 if progress(done, total) else 0
            except BaseException as e:   # do not let it unwind through C
                raised.append(e)
                return 1
        opts.progress = _PROGRESS(_cb) if progress else _PROGRESS()   # opts keeps it alive during the call
        with self._lock:
            game = self._game(game)
            for n, (lo, _, _) in axes:     # an unknown parameter is caught before the grid runs
                with self.clone() as probe:
                    st = _lib.lia_model_set_number(probe._h(), _b(n), lo)
                    if st == _EUSAGE:
                        raise probe._error(st)
            out = _P()
            st = _lib.lia_model_sweep(ctypes.byref(out), self._h(), _b(game), ctypes.byref(opts))
            with _owned(_lib.lia_sweep_free, out) as s:
                if raised:
                    raise raised[0]
                if st != _OK:
                    msg = _s(_lib.lia_sweep_errmsg(s)) if s else ""
                    raise LiaisonError(msg or _status_name(st), st)
                return SweepResult(s)

    def compare(self, *games):
        """Agreements side by side, as `liaison compare FILE [--game A --game B ...] --format
        json`: the named agreements, or every agreement of the model; a single multilateral
        agreement is set beside its bilateral decomposition."""
        if not games:
            games = [g.name for g in self.games if g.kind in ("bilateral", "multilateral")]
            if not games:
                raise LiaisonError("%s has no agreement to compare" % self.source, _EUSAGE)
        return compare([(self, g) for g in games])


def _axis(values):
    if isinstance(values, tuple) and len(values) == 3 and isinstance(values[2], (int, np.integer)) \
            and not isinstance(values[2], bool):
        lo, hi, steps = float(values[0]), float(values[1]), int(values[2])
    else:
        v = np.asarray(values, dtype=float).ravel()
        if v.size < 2:
            raise ValueError("a sweep needs at least 2 values")
        lo, hi, steps = float(v[0]), float(v[-1]), v.size
        if not np.allclose(v, np.linspace(lo, hi, steps), rtol=0, atol=1e-9 * max(1.0, abs(lo), abs(hi))):
            raise ValueError("sweep values must be evenly spaced (the library sweeps from/to/steps grids); "
                             "pass (from, to, steps)")
    if steps < 2 or not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError("a sweep axis needs finite ends and at least 2 steps")
    return lo, hi, steps


def compare(entries):
    """Agreements side by side (lia_compare_agreements) from [(model, game), ...]; game may be
    None for a model's only game. A single multilateral agreement is set beside its bilateral
    decomposition (lia_compare_decomposition). Returns the JSON of `liaison compare` as a dict."""
    entries = list(entries)
    if not entries:
        raise ValueError("nothing to compare")
    models = sorted({id(m): m for m, _ in entries}.values(), key=id)
    for m in models:
        m._lock.acquire()
    try:
        names = [m._game(g) for m, g in entries]
        out = _P()
        m0 = entries[0][0]
        if len(entries) == 1 and dict(m0.games)[names[0]] == "multilateral":
            st = _lib.lia_compare_decomposition(ctypes.byref(out), m0._h(), _b(names[0]))
        else:
            hs = (_P * len(entries))(*[m._h() for m, _ in entries])
            gs = (_str * len(entries))(*[_b(n) for n in names])
            st = _lib.lia_compare_agreements(ctypes.byref(out), hs, gs, len(entries))
        with _owned(_lib.lia_compare_free, out) as c:
            if st != _OK:
                why = next((w for w in (_s(_lib.lia_model_errmsg(m._h())) for m in models) if w), "")
                if not why and st == _EUSAGE:
                    why = "only agreements (with a commitment) can be compared"
                raise LiaisonError(why or _status_name(st), st)
            return json.loads(_take(_lib.lia_compare_write, c))
    finally:
        for m in models:
            m._lock.release()


# ---- normal-form games ---------------------------------------------------------------------
class Game(_Handle):
    """A normal-form game. Game(payoff_arrays) builds one from one array per player, each of
    shape (n_0, n_1, ...): payoff_arrays[p][s_0, s_1, ...] is player p's payoff (a bimatrix
    game is Game([A, B])). Players and strategies are labelled "1", "2", ..."""
    _free = _lib.lia_game_free

    def __init__(self, payoff_arrays):
        arrays = [np.asarray(a, dtype=np.float64) for a in payoff_arrays]
        n = len(arrays)
        if n == 0:
            raise ValueError("a game needs at least one player")
        shape = arrays[0].shape
        if len(shape) != n or any(a.shape != shape for a in arrays) or min(shape) < 1:
            raise ValueError("need one array per player, all of one shape (n_0, ..., n_%d), every n_p >= 1; got %s"
                             % (n - 1, [a.shape for a in arrays]))
        if not all(np.isfinite(a).all() for a in arrays):
            raise ValueError("payoffs must be finite")
        flat = np.ascontiguousarray(np.concatenate([a.ravel(order="F") for a in arrays]))   # first player fastest
        out = _P()
        st = _lib.lia_game_new(ctypes.byref(out), n, (_sz * n)(*shape), flat.ctypes.data_as(_PDBL))
        if st != _OK:
            _lib.lia_game_free(out)
            raise LiaisonError("lia_game_new: %s" % _status_name(st), st)
        super().__init__(out.value)

    @classmethod
    def _wrap(cls, ptr):
        g = cls.__new__(cls)
        _Handle.__init__(g, ptr)
        return g

    def __repr__(self):
        return "<liaison.Game %r: %s>" % (self.name, " x ".join(str(len(s)) for s in self.strategies))

    @property
    def name(self):
        return _s(_lib.lia_game_name(self._h()))

    @property
    def players(self):
        """Player names."""
        g = self._h()
        return [_s(_lib.lia_game_player_name(g, p)) for p in range(_lib.lia_game_player_count(g))]

    @property
    def strategies(self):
        """One list of strategy names per player."""
        g = self._h()
        return [[_s(_lib.lia_game_strategy_name(g, p, k)) for k in range(_lib.lia_game_strategy_count(g, p))]
                for p in range(_lib.lia_game_player_count(g))]

    @property
    def shape(self):
        g = self._h()
        return tuple(_lib.lia_game_strategy_count(g, p) for p in range(_lib.lia_game_player_count(g)))

    @property
    def payoffs(self):
        """A new array of shape (players, n_0, n_1, ...): payoffs[p][s_0, s_1, ...]."""
        with self._lock:
            shape, g = self.shape, self._h()
            total = len(shape) * _lib.lia_game_profile_count(g)
            flat = np.ctypeslib.as_array(_lib.lia_game_payoffs(g), shape=(total,)).copy()
            return np.stack([b.reshape(shape, order="F") for b in np.split(flat, len(shape))])

    @property
    def commitment(self):
        """The committed profile of an agreement's stage game (strategy indices), or None."""
        n = len(self.shape)
        s = (_sz * n)()
        return list(s) if _lib.lia_game_commitment(self._h(), s) else None

    def to_json(self):
        """The game as `liaison compile --emit json`."""
        with self._lock:
            return json.loads(_take(_lib.lia_game_write, self._h()))

    def nash(self, method="all", exact=False, label=None, correlated=False, coarse=False):
        """Equilibria as `liaison nash --format json` (see Model.nash). label (method "lh"):
        None for every label, an int, or "any"."""
        if method not in _NASH:
            raise ValueError("unknown method %r (%s)" % (method, ", ".join(_NASH)))
        for bad, why in ((label is not None and method != "lh", "label belongs to method='lh'"),
                         (exact and method != "all", "exact belongs to method='all'"),
                         (coarse and not correlated, "coarse belongs to correlated=True")):
            if bad:
                raise ValueError(why)
        if not _lib.lia_nash_method_available(_NASH[method]):
            raise LiaisonError("method '%s' is not available yet in this version" % method, _EUSAGE)
        lab = -1 if label is None else -2 if label == "any" else int(label)
        opts = _NashOptions(1, _NASH[method], lab, 1 if exact else 0)
        with self._lock:
            g, e, c = self._h(), _P(), _P()
            try:
                st = _lib.lia_game_nash(ctypes.byref(e), g, ctypes.byref(opts))
                if st != _OK:
                    raise LiaisonError(self._nash_error(st, method, exact), st)
                if correlated:
                    copts = _CorrelatedOptions(1, int(bool(coarse)), 1)
                    st = _lib.lia_game_correlated(ctypes.byref(c), g, ctypes.byref(copts))
                    if st != _OK:
                        raise LiaisonError("correlated equilibria: %s" % _status_name(st), st)
                return json.loads(_take(_lib.lia_nash_write, e, c))
            finally:
                _lib.lia_correlated_free(c)
                _lib.lia_eqset_free(e)

    def _nash_error(self, st, method, exact):
        """lia_game_nash has no message of its own: say why as the CLI does (solver/cli/cmd_nash.c)."""
        name, shape = self.name, self.shape
        for cond, why in ((method in ("all", "lh") and len(shape) != 2, "method '%s' takes two-player games" % method),
                          (method == "all" and exact, "exact needs exact payoffs, not floating-point numbers"),
                          (method == "lp", "method 'lp' solves two-player constant-sum games only"),
                          (method == "lh", "method 'lh' needs a label below %d" % sum(shape))):
            if st == _EUSAGE and cond:
                return "'%s' (%s): %s" % (name, " x ".join(map(str, shape)), why)
        return "the equilibria of '%s' (method %s) could not be found: %s" % (name, method, _status_name(st))

    def repeat(self, target=None, delta=None, punish="nash", monitor=None):
        """Sustainability of `target` (None: the commitment; names or indices, one per player)
        under grim trigger with each member's patience or a common delta in (0, 1); as
        `liaison repeat --format json`. Two players with a delta also get the payoff set.
        monitor: {player: q} with q in (0, 1], imperfect monitoring as `--monitor PLAYER=Q`."""
        if punish not in _PUNISH:
            raise ValueError("punish must be 'nash' or 'minmax'")
        if delta is not None and not 0 < delta < 1:
            raise ValueError("delta must be a discount factor strictly between 0 and 1")
        strategies = self.strategies
        target = target.split(",") if isinstance(target, str) else target
        if target is not None:
            if len(target) != len(strategies):
                raise ValueError("target needs one strategy per player (%d), in player order" % len(strategies))
            idx = [t if isinstance(t, (int, np.integer)) else names.index(t) if t in names else -1
                   for t, names in zip(target, strategies)]
            for p, k in enumerate(idx):
                if not 0 <= k < len(strategies[p]):
                    raise ValueError("%s has no strategy %r (it has: %s)" % (self.players[p], target[p],
                                                                            ", ".join(strategies[p])))
            target = (_sz * len(idx))(*[int(k) for k in idx])
        elif self.commitment is None:
            raise LiaisonError("'%s' has no commitment; give the profile with target=" % self.name, _EUSAGE)
        q = None
        if monitor:
            unknown = [p for p in monitor if p not in self.players]
            if unknown:
                raise ValueError("monitor: %s is not a player of '%s'" % (", ".join(map(str, unknown)), self.name))
            if not all(0 < float(v) <= 1 for v in monitor.values()):
                raise ValueError("monitor: each q is the chance per period that a breach is noticed, in (0, 1]")
            own = [_lib.lia_game_monitor(self._h(), i) for i in range(len(self.players))]   # the file's monitor
            q = (_dbl * len(self.players))(*[float(monitor.get(p, own[i])) for i, p in enumerate(self.players)])
        d = float(delta or 0)
        opts = _RepeatOptions(2, _PUNISH[punish], d, 1 if d > 0 and len(strategies) == 2 else 0,
                              ctypes.cast(q, _PDBL) if q is not None else None)
        with self._lock:
            out = _P()
            st = _lib.lia_game_repeat(ctypes.byref(out), self._h(), target, ctypes.byref(opts))
            with _owned(_lib.lia_repeat_free, out) as r:
                if st != _OK:
                    raise LiaisonError("the analysis failed: %s" % _status_name(st), st)
                return json.loads(_take(_lib.lia_repeat_write, r))


# ---- sweeps ----------------------------------------------------------------------------------
class SweepResult:
    """The result of Model.sweep, copied out of the library (nothing to free).

    .json        the document of `liaison sweep --format json` (a dict)
    .grid        .json["grid"]: one dict per grid point, the first parameter fastest
    .breakdowns  .json["breakdowns"]: dicts with parameter, value, change, party (and "at")
    .members     member names;  .parameters  parameter names
    .values      array (points, parameters)
    .payoffs, .delta_star  arrays (points, members); NaN where the model is invalid, and
                 delta_star NaN where the commitment can never be sustained
    .sustainable int8 array (points, members): 1, 0, or -1 without a commitment (or invalid)
    .ok          bool array (points,): whether the model is valid at the point
    .status      object array (points,): the commitment's status there, "holds",
                 "holds_with_harsher_punishment", "undecided", "needs_transfers" or
                 "breaks_down" (STATUSES), None where the model is invalid or has no commitment
    .direction   object array (points, members): "withhold" (would share less than committed:
                 a breach), "exceed" (would share more: the commitment is set too low for it,
                 no breakdown) or None
    .over_regimes int8 array (points, members), models with regimes: 1 if the member keeps to
                 the commitment in every regime it can reach, 0 if not; -1 without regimes
    .trusted     int8 array (points, members): for a suspected member, 1 if the commitment holds
                 at its prior belief that it is penetrated, 0 if not; -1 for other members

    Read the verdict from .status, not from .sustainable or "self_enforcing": a member that
    would share more than committed is no breakdown, and "undecided" is not "breaks_down"."""

    def __init__(self, s):
        self.json = json.loads(_take(_lib.lia_sweep_write, s))
        self.grid, self.breakdowns = self.json["grid"], self.json["breakdowns"]
        self.parameters = [p["name"] for p in self.json["parameters"]]
        self.members = list(self.json["members"])
        npts, nm, na = _lib.lia_sweep_point_count(s), len(self.members), len(self.parameters)
        self.values = np.full((npts, na), np.nan)
        self.payoffs, self.delta_star = np.full((npts, nm), np.nan), np.full((npts, nm), np.nan)
        self.sustainable, self.ok = np.full((npts, nm), -1, dtype=np.int8), np.zeros(npts, dtype=bool)
        self.status = np.full(npts, None, dtype=object)
        self.direction = np.full((npts, nm), None, dtype=object)
        self.over_regimes = np.full((npts, nm), -1, dtype=np.int8)
        self.trusted = np.full((npts, nm), -1, dtype=np.int8)
        pt = _SweepPoint()
        for k in range(npts):
            if _lib.lia_sweep_point_at(s, k, ctypes.byref(pt)) != _OK:
                raise LiaisonError("sweep point %d could not be read" % k)
            self.values[k] = pt.values[:na]
            self.ok[k] = bool(pt.ok)
            m = min(pt.members, nm)
            if pt.ok and m:
                self.payoffs[k, :m] = pt.payoffs[:m]
                self.delta_star[k, :m] = pt.delta_star[:m]
                self.sustainable[k, :m] = pt.sustainable[:m]
            self.status[k] = _verdict_name(_lib.lia_sweep_verdict_at(s, k))
            for i in range(m):
                self.direction[k, i] = _s(_lib.lia_direction_name(_lib.lia_sweep_direction_at(s, k, i)))
                self.over_regimes[k, i] = _lib.lia_sweep_over_regimes_at(s, k, i)
                self.trusted[k, i] = _lib.lia_sweep_trusted_at(s, k, i)

    def __repr__(self):
        return "<liaison.SweepResult %s: %d points, %d breakdowns>" % (self.json["game"], len(self.grid),
                                                                       len(self.breakdowns))
