"""model -- agreement models: reading, overriding values, and the commands (solve, share,
repeat, sweep, compare) that return the CLI's JSON documents."""
import ctypes
import json
import math
import os
from collections import namedtuple

import numpy as np

from . import _lib
from ._base import (Handle, LiaisonError, Diagnostic, SEVERITIES, b, s, take, owned, pinned, status_name,
                    suggest, unknown_name, library_error)
from ._lib import lib, P, sz, cstr
from .game import Game
from .results import Report, Shares, Comparison
from .sweep import SweepResult

KINDS = ["bilateral", "multilateral", "normal", "coalitional", "coalitional cost", "bankruptcy", "voting"]
# the disagreement points as the library names them (lia_disagreement_name), in enum order
DISAGREE = {name: k for k, name in enumerate(_lib.names(lib.lia_disagreement_name))}


def _rule_bits(name):
    bits = ctypes.c_uint64(0)
    lib.lia_share_rules_from_name(name.encode(), ctypes.byref(bits))
    return bits.value


# share rule names as `liaison share --method` takes them, from the library's table
# (lia_share_selection_name) -> lia_share_rule bits ("all": 0, every rule that applies)
RULES = {name: _rule_bits(name) for name in _lib.names(lib.lia_share_selection_name)}
MAX_SAMPLES = 1000000000   # LIA_SHARE_MAX_SAMPLES

GameInfo = namedtuple("GameInfo", "name kind")
GameInfo.__doc__ = "An agreement or game of a model: its name and kind ('bilateral', 'voting', ...)."


def load(path_or_text, name=None, overrides=None):
    """Read a model: a file (.lia, Gambit .nfg, lrsnash input) if path_or_text names one that
    exists, else agreement-language (or .nfg/lrs) text, labelled `name` in diagnostics.
    A one-line string ending in .lia/.nfg/.game that does not exist is reported as unreadable.
    overrides: {name: value} applied before the model is judged (as repeated --set).
    Raises LiaisonError with .diagnostics for an invalid model."""
    text, out = path_or_text if isinstance(path_or_text, bytes) else os.fspath(path_or_text), P()
    if not isinstance(text, bytes) and (not isinstance(path_or_text, str) or os.path.isfile(text) or (
            "\n" not in text and "{" not in text and text.rstrip().endswith((".lia", ".nfg", ".game")))):
        st, label = lib.lia_model_open(ctypes.byref(out), b(text, "path")), text
    else:
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
        st, label = lib.lia_model_parse(ctypes.byref(out), data, len(data), b(name, "label")), name or "<string>"
    if not out.value:
        raise library_error(st, "could not read %s: %s" % (label, status_name(st)))
    model = Model(out.value, label)
    try:
        if st in (_lib.OK, _lib.EINPUT) and overrides:
            # as repeated --set: all are applied before the model is judged, so one may supply or
            # repair a value (two shares that must sum to 1 change together); an unknown name stops
            with model._use():
                for k, v in overrides.items():
                    st = model._apply(k, v)
                    if st not in (_lib.OK, _lib.EINPUT):
                        break
        if st != _lib.OK:
            raise model._error(st)
    except BaseException:
        model.close()
        raise
    return model


class Model(Handle):
    """An agreement model (from load()). Methods return the JSON documents of the CLI as dicts
    (Report, Shares, Sustainability, Comparison: dicts with to_frame() and an HTML view)."""
    _free = lib.lia_model_free

    def __init__(self, ptr, source="<string>"):
        super().__init__(ptr)
        self.source = source

    def __repr__(self):
        return "<liaison.Model %r%s>" % (self.source, "" if self._ptr else " (closed)")

    # -- errors and lookup --
    @property
    def diagnostics(self):
        """Every diagnostic of the model (errors, warnings, notes), copied."""
        with self._use() as m:
            out = []
            for i in range(lib.lia_model_diag_count(m)):
                d = lib.lia_model_diag_at(m, i).contents
                text = s(ctypes.string_at(d.line_text, d.line_len)) if d.line_text else ""
                out.append(Diagnostic(s(d.file), d.line, d.column, SEVERITIES[d.severity] if 0 <= d.severity < 3
                                      else "?", s(d.message), d.length, text))
            return out

    def _error(self, st, message=None):
        if not self._ptr:   # closed meanwhile (from a progress callback): no message to read
            return LiaisonError(message or status_name(st), st)
        msg = message or s(lib.lia_model_errmsg(self._h())) or status_name(st)
        return LiaisonError(msg, st, self.diagnostics if st == _lib.EINPUT else [])

    def _game(self, game, only=True):
        """The name of `game` (checked), or the model's only game when `game` is None."""
        if lib.lia_model_error_count(self._h()):
            raise self._error(_lib.EINPUT)
        names = [g.name for g in self.games]
        if game is None:
            if not only:
                return None
            if len(names) == 1:
                return names[0]
            raise LiaisonError("%s has %d agreements and games; choose one with game=: %s"
                               % (self.source, len(names), ", ".join(names)), _lib.EUSAGE)
        if lib.lia_model_game_find(self._h(), b(game, "game name"), ctypes.byref(sz())) != _lib.OK:
            # as the command line says it (cli_no_game), with the library's suggestion
            near = suggest(game, names)
            raise LiaisonError("%s has no agreement or game named '%s'%s"
                               % (self.source, game, "; did you mean '%s'?" % near if near else
                                  " (it has: %s)" % ", ".join(names)), _lib.EUSAGE)
        return game

    # -- attributes --
    @property
    def title(self):
        """The title from `model "..."` ("" if none)."""
        with self._use() as m:
            return s(lib.lia_model_title(m))

    @property
    def games(self):
        """Agreements and games in file order, as GameInfo(name, kind)."""
        with self._use() as m:
            return [GameInfo(s(lib.lia_model_game_name(m, i)), KINDS[lib.lia_model_game_kind(m, i)])
                    for i in range(lib.lia_model_game_count(m))]

    def parameters(self):
        """Every name set(), sweep() and explore(ranges=...) accept, as `liaison params FILE`
        lists them: the `let` constants in file order, then every numeric attribute path, as a
        DataFrame with columns "name", "kind" ("let" or "attribute"), "value" (under the
        overrides in force; NaN if it cannot be evaluated) and "lo", "hi" (a let's `in [lo, hi]`
        range; NaN without one). A model read from .nfg or lrs text has none (an empty frame)."""
        from .results import _frame
        with self._use() as m:
            rows = []
            for i in range(lib.lia_model_param_count(m)):
                q = lib.lia_model_param_at(m, i)
                if not q:
                    break
                q = q.contents
                rows.append((s(q.name), "let" if q.kind == 0 else "attribute", q.value,
                             q.lo if q.has_range else math.nan, q.hi if q.has_range else math.nan))
            why = s(lib.lia_model_errmsg(m)) if not rows else ""
            if why and "memory" in why:   # the list could not be built (an earlier set()'s message is no cause)
                raise LiaisonError(why, _lib.ENOMEM)
        return _frame(rows, ["name", "kind", "value", "lo", "hi"])

    def set(self, name, value):
        """Override a `let` constant or attribute path (like --set NAME=VALUE): value is a number
        or an expression string ("2/3", "asym*2"). Raises LiaisonError for an unknown name
        (the model is unchanged) or a value that makes the model invalid (the override stays in
        force until replaced; .diagnostics says why); ValueError for a name or value with a NUL."""
        with self._use():
            st = self._apply(name, value)
            if st != _lib.OK:
                raise self._error(st)
        return self

    def _apply(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float, str, np.number)):
            raise TypeError("value must be a number or an expression string, not %r" % (value,))
        key = b(name, "name")
        if isinstance(value, str):
            return lib.lia_model_set(self._h(), key, b(value, "value"))
        try:
            v = float(value)
        except OverflowError:
            raise ValueError("value %r is too large for a floating-point number" % (value,)) from None
        return lib.lia_model_set_number(self._h(), key, v)

    def clone(self):
        """A new Model with the same text and overrides."""
        with self._use() as m:
            out = P()
            st = lib.lia_model_clone(ctypes.byref(out), m)
            if not out.value:
                raise library_error(st, "clone failed: %s" % status_name(st))
            return Model(out.value, self.source)

    def compile(self, game=None):
        """The stage game of an agreement, or an explicit normal-form game, as a Game."""
        with self._use() as m, pinned():
            name, out = self._game(game), P()
            st = lib.lia_model_compile(ctypes.byref(out), m, b(name), None)
            if st != _lib.OK:
                lib.lia_game_free(out)
                raise self._error(st)
            return Game._wrap(out.value)

    # -- the commands --
    def solve(self, game=None):
        """The report of `liaison solve FILE [--game G] --format json`: every agreement and
        normal-form game, or the one named. A Report: to_frame() has one row per agreement and
        member."""
        with self._use() as m, pinned():
            name, out = self._game(game, only=False), P()
            st = lib.lia_model_solve(ctypes.byref(out), m, b(name), None)
            with owned(lib.lia_report_free, out) as r:
                if st == _lib.EUSAGE and name:
                    raise self._error(st, "'%s' is a coalitional game, which has no stage game (see share)" % name)
                if st != _lib.OK:
                    raise self._error(st)
                if lib.lia_report_count(r) == 0:
                    raise LiaisonError("%s has no agreement or normal-form game to solve" % self.source, _lib.EUSAGE)
                return Report(json.loads(take(lib.lia_report_write, r)))

    def nash(self, game=None, method="all", exact=False, label=None, correlated=False, coarse=False, threads=None,
             memory_cap=None):
        """Equilibria as `liaison nash --method M [--exact] [--label K] [--correlated [--coarse]]
        --format json`. method: all (default here; the CLI's default is pure), pure, lh, lp,
        support, simpdiv, gnm, qre. "all" and "lh" take two-player games only. threads and
        memory_cap as `--threads` and `--memory-cap` (see Game.nash)."""
        with self.compile(game) as g:
            return g.nash(method, exact=exact, label=label, correlated=correlated, coarse=coarse, threads=threads,
                          memory_cap=memory_cap)

    def share(self, game=None, method=None, samples=None, seed=None, confidence=None, disagreement="nash"):
        """Burden sharing as `liaison share [--method RULE,...] --format json`. method: None or
        "all" (every rule that applies), a rule name, a comma-separated string or a list of
        names: shapley, banzhaf, nucleolus, prenucleolus, least_core, core, per_capita,
        montecarlo, talmud, proportional, cea, cel, equal, resources, actual, bargaining.
        A Shares: to_frame() has one row per player."""
        rules = 0
        for rule in method.split(",") if isinstance(method, str) else list(method or []):
            if rule not in RULES:
                raise unknown_name("share method", rule, list(RULES))
            rules |= RULES[rule]
        if rules and not rules >> 6 & 1 and (samples, seed, confidence) != (None, None, None):
            raise ValueError("samples, seed and confidence belong to method='montecarlo'")
        for what, v in (("samples", samples), ("seed", seed)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer))):
                raise TypeError("%s must be an int, not %r" % (what, v))
        if samples is not None and not 1 <= int(samples) <= MAX_SAMPLES:
            raise ValueError("samples must be between 1 and %d permutations, not %d" % (MAX_SAMPLES, samples))
        if seed is not None and not 0 <= int(seed) < 2 ** 64:
            raise ValueError("seed must be between 0 and 2^64 - 1")
        if confidence is not None and not 0 < float(confidence) < 1:
            raise ValueError("confidence must be strictly between 0 and 1")
        if disagreement not in DISAGREE:
            raise unknown_name("disagreement", disagreement, list(DISAGREE))
        opts = _lib.ShareOptions(1, rules, 10000 if samples is None else int(samples),
                                 1 if seed is None else int(seed), 0.95 if confidence is None else float(confidence),
                                 DISAGREE[disagreement], 20, 0)
        with self._use() as m, pinned():
            name, out = self._game(game), P()
            st = lib.lia_model_share(ctypes.byref(out), m, b(name), ctypes.byref(opts))
            with owned(lib.lia_share_free, out) as sh:
                if st != _lib.OK:
                    # the library's words, as `liaison share` prints them: the share's message, else
                    # the model's (lia_model_share starts by clearing it, so it is this call's)
                    raise self._error(st, s(lib.lia_share_errmsg(sh)) if sh else None)
                return Shares(json.loads(take(lib.lia_share_write, sh)))

    def repeat(self, game=None, target=None, delta=None, punish="nash", monitor=None):
        """Sustainability under grim trigger, as `liaison repeat [--target ...] [--delta D]
        [--punish nash|minmax] [--monitor PARTY=Q ...] --format json`. target: None (the
        commitment), strategy names ("C,C" or ["C", "C"]) or indices, one per player; monitor:
        {party: q}, the chance per period that its breach is noticed (the rest 1). A model with
        regimes also gets "regimes" (the commitment over the regimes; None without one).
        A Sustainability: to_frame() has one row per member."""
        with self.compile(game) as g:
            result = g.repeat(target, delta=delta, punish=punish, monitor=monitor)
            with self._use() as m:
                regimes = lib.lia_model_regime_count(m) > 0
            if regimes:
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
        with self._use() as m, pinned():
            name, out = self._game(game), P()
            st = lib.lia_model_suspects(ctypes.byref(out), m, b(name))
            with owned(lib.lia_suspects_free, out) as sp:
                if st != _lib.OK:
                    raise self._error(st, s(lib.lia_suspects_errmsg(sp)) if sp else None)
                if lib.lia_suspects_count(sp) == 0:
                    return []
                return json.loads(take(lib.lia_suspects_write, sp))["suspects"]

    def regimes(self, game=None):
        """The commitment over the model's regimes, as the "regimes" part of `liaison repeat
        --format json`: each member's critical patience over the regimes, the binding regime,
        the averaged game's, the member x regime table and the transfers by regime."""
        with self._use() as m, pinned():
            name, out = self._game(game), P()
            st = lib.lia_model_regimes(ctypes.byref(out), m, b(name))
            with owned(lib.lia_regimes_free, out) as r:
                if st != _lib.OK:
                    raise self._error(st, s(lib.lia_regimes_errmsg(r)) if r else None)
                return json.loads(take(lib.lia_regimes_write, r))

    def sweep(self, name, values, game=None, name2=None, values2=None, threads=2, tolerance=1e-6, refine=True,
              progress=None):
        """Solve a grid of one or two parameters and locate where the verdicts change, as
        `liaison sweep --vary NAME=FROM:TO:STEPS --format json`. values (and values2): a
        (from, to, steps) tuple, or a list/array of evenly spaced values (anything else raises
        ValueError: the library sweeps even grids only). progress(done, total) is called on
        this thread; a true return stops the sweep (LiaisonError, status "canceled"). Closing
        the model inside progress is safe: it is freed when the sweep has returned."""
        axes = [(name, _axis(values))] + ([(name2, _axis(values2))] if name2 is not None else [])
        keep, raised = [b(n, "parameter name") for n, _ in axes], []   # the names must outlive the call
        if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or not 1 <= threads <= 1024:
            raise ValueError("threads must be an int from 1 to 1024")
        if not (isinstance(tolerance, (int, float)) and math.isfinite(tolerance) and tolerance > 0):
            raise ValueError("tolerance must be a positive number")
        opts = _lib.SweepOptions(1, len(axes), (_lib.SweepAxis * 2)(*[_lib.SweepAxis(keep[k], *ax) for k, (_, ax) in
                                                                      enumerate(axes)]), int(threads),
                                 float(tolerance), 1 if refine else 0)

        def _cb(ctx, done, total):
            try:
                return 1 if progress(done, total) else 0
            except BaseException as e:   # do not let it unwind through C
                raised.append(e)
                return 1
        opts.progress = _lib.PROGRESS(_cb) if progress else _lib.PROGRESS()   # opts keeps it alive during the call
        with self._use() as m, pinned():
            game = self._game(game)
            for n, (lo, _, _) in axes:     # an unknown parameter is caught before the grid runs
                with self.clone() as probe:
                    st = lib.lia_model_set_number(probe._h(), b(n), lo)
                    if st == _lib.EUSAGE:
                        raise probe._error(st)
            out = P()
            st = lib.lia_model_sweep(ctypes.byref(out), m, b(game), ctypes.byref(opts))
            with owned(lib.lia_sweep_free, out) as sw:
                if raised:
                    raise raised[0]
                if st != _lib.OK:
                    msg = s(lib.lia_sweep_errmsg(sw)) if sw else s(lib.lia_errmsg())
                    raise LiaisonError(msg or status_name(st), st)
                return SweepResult(sw)

    def explore(self, design="lhs", samples=None, seed=0, ranges=None, delta=None, threads=None, store=None,
                resume=False, shard=None, game=None, progress=None, memory_cap=0):
        """Many runs of one agreement or game at samples of its uncertain parameters, as
        `liaison explore FILE --design D --samples N --seed S [--range PATH=LO:HI]... [--delta D]
        [--threads K] [--store OUT.sqlite] [--resume] [--shard I/N]`. The parameters are every
        `let` with a range in the file and every entry of ranges={path: (lo, hi)} (any name of
        parameters(); it replaces a let's own range). design: "mc", "lhs", "sobol" (samples base
        samples, N(2D+2) runs) or "morris" (samples trajectories, N(D+1) runs). seed: 0 to
        2^64 - 1; the run index alone determines each sample, so threads, shards and resuming
        never change the runs. delta: a common discount factor in (0, 1) instead of each
        member's patience. store: an SQLite file the runs stream into (resume=True continues an
        interrupted one); shard: "I/N" or (I, N), the I-th of N slices (needs a store; merge
        with liaison.merge_explorations). progress(done, total) is called on this thread; a true
        return stops the runs (LiaisonError, status "canceled"), and so does Ctrl-C
        (KeyboardInterrupt); either way the message says whether the store can be resumed.
        Returns an Exploration: .runs, .probabilities, .sobol or .morris, .scenarios (DataFrames),
        to_json() (the CLI's JSON), svg(). Raises ValueError/TypeError for bad arguments and
        LiaisonError for what the library refuses (an unknown path, with the closest name; a
        range on a name that is not a number; a store of another exploration)."""
        from .explore import explore
        return explore(self, design, samples, seed, ranges, delta, threads, store, resume, shard, game, progress,
                       memory_cap)

    def compare(self, *games):
        """Agreements side by side, as `liaison compare FILE [--game A --game B ...] --format
        json`: the named agreements, or every agreement of the model; a single multilateral
        agreement is set beside its bilateral decomposition. A Comparison: to_frame() has one
        row per agreement and member."""
        if not games:
            games = [g.name for g in self.games if g.kind in ("bilateral", "multilateral")]
            if not games:
                raise LiaisonError("%s has no agreement to compare" % self.source, _lib.EUSAGE)
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
    if steps > 2 ** 40:
        raise ValueError("a sweep axis of %d steps is more than the library can grid" % steps)
    return lo, hi, steps


def compare(entries):
    """Agreements side by side (lia_compare_agreements) from [(model, game), ...]; game may be
    None for a model's only game. A single multilateral agreement is set beside its bilateral
    decomposition (lia_compare_decomposition). Returns the JSON of `liaison compare` as a
    Comparison (a dict with to_frame())."""
    entries = list(entries)
    if not entries:
        raise ValueError("nothing to compare")
    models = sorted({id(m): m for m, _ in entries}.values(), key=id)
    ctxs = [m._use() for m in models]
    entered = []
    try:
        for c in ctxs:
            c.__enter__()
            entered.append(c)
        with pinned():
            names = [m._game(g) for m, g in entries]
            out = P()
            m0 = entries[0][0]
            if len(entries) == 1 and dict(m0.games)[names[0]] == "multilateral":
                st = lib.lia_compare_decomposition(ctypes.byref(out), m0._h(), b(names[0]))
            else:
                hs = (P * len(entries))(*[m._h() for m, _ in entries])
                gs = (cstr * len(entries))(*[b(n) for n in names])
                st = lib.lia_compare_agreements(ctypes.byref(out), hs, gs, len(entries))
            with owned(lib.lia_compare_free, out) as c:
                if st != _lib.OK:
                    # a comparison that fails leaves no handle: its reason is the thread's last
                    # message, which the call cleared when it started (a model's message may be
                    # older, or a step the comparison could do without)
                    raise LiaisonError(s(lib.lia_errmsg()) or status_name(st), st)
                return Comparison(json.loads(take(lib.lia_compare_write, c)))
    finally:
        for c in reversed(entered):
            c.__exit__(None, None, None)
