"""explore -- explorations under uncertainty (Model.explore, Exploration.open, merge_explorations):
many runs of one agreement at samples of its uncertain parameters, with the analyses of
`liaison explore` (docs/cli.md) as pandas tables.

An Exploration owns its C handle (lia_explore) like a Model does: the table of runs, the
analyses and the chart are read from it on demand. Its table is the CLI's CSV parsed
(`--format csv`: the same numbers, shortest decimals read back exactly), its analyses the CLI's
JSON, so nothing here is recomputed."""
import ctypes
import html
import io
import json
import math
import os

import numpy as np

from . import _lib
from ._base import Handle, LiaisonError, b, s, status_name, pinned, unknown_name
from ._lib import lib, P, sz
from .results import html_table, _pd, STATUS_WORDS, STATUS_COLOURS

DESIGNS = tuple(_lib.names(lib.lia_design_name))   # "mc", "lhs", "sobol", "morris", from the library
MAX_THREADS = 64          # as `liaison explore --threads`
_CHUNK = 65536            # runs per piece of CSV read at once


def _text(fn, *args):
    """Call a lia_explore_write* function (out, len, args...) and return its text, freed."""
    out, n = P(), sz()
    st = fn(ctypes.byref(out), ctypes.byref(n), *args)
    try:
        return st, (ctypes.string_at(out.value, n.value).decode("utf-8", "replace") if st == _lib.OK else None)
    finally:
        lib.lia_free(out)


class Exploration(Handle):
    """The runs of an exploration and what they say (from Model.explore, Exploration.open or
    merge_explorations).

    .game, .design, .samples, .seed   what was explored
    .total_runs    runs of the whole design;  .run_count, .first_run  the runs held (a shard's
                   slice, or all); .complete  whether every run of the design is held
    .ranges        {parameter: (lo, hi)} in column order;  .members  the game's members
    .store         the SQLite store, if any
    .runs          DataFrame, one row per run: the columns of `explore --format csv`
    .probabilities DataFrame: status, runs, share, lo, hi (Wilson 95%)
    .sobol         DataFrame (design "sobol"): output, parameter, S1, ST, S1_conf, ST_conf
    .morris        DataFrame (design "morris"): output, parameter, mu, mu_star, sigma
    .scenarios     DataFrame: outcome, bounds ({parameter: [lo, hi]}), coverage, density, mass, sentence
    to_json()      the document of `explore --format json`;  to_csv(), text(), svg()
    The analyses need every run (complete); a shard's or an unfinished store's raise LiaisonError."""
    _free = lib.lia_explore_free

    def __init__(self, ptr, store=None):
        super().__init__(ptr)
        self.store = os.fspath(store) if store is not None else None
        self._runs = self._json = None

    @classmethod
    def open(cls, store):
        """The exploration a store holds (`liaison explore --store OUT.sqlite`), read back
        without solving. An unfinished store or a shard's opens too: its runs can be read,
        its analyses cannot (complete is False)."""
        out = P()
        st = lib.lia_explore_open(ctypes.byref(out), b(os.fspath(store), "store"))
        return cls._made(st, out, store)

    @classmethod
    def _made(cls, st, out, store, message=None):
        if not out.value:
            raise LiaisonError(message or status_name(st), st)
        e = cls(out.value, store)
        if st != _lib.OK:
            why = s(lib.lia_explore_errmsg(out.value)) or status_name(st)
            e.close()
            raise LiaisonError(why, st)
        return e

    def __repr__(self):
        if not self._ptr:
            return "<liaison.Exploration (closed)>"
        return "<liaison.Exploration %s: %s design, %d of %d runs%s>" % (
            self.game, self.design, self.run_count, self.total_runs, "" if self.complete else ", incomplete")

    # -- what was explored --
    def _get(self, fn, conv=lambda v: v):
        with self._use() as e:
            return conv(fn(e))

    game = property(lambda self: self._get(lib.lia_explore_game, s), doc="the agreement or game explored")
    design = property(lambda self: self._get(lib.lia_explore_design, lambda d: DESIGNS[d]),
                      doc='"mc", "lhs", "sobol" or "morris"')
    samples = property(lambda self: self._get(lib.lia_explore_samples),
                       doc="N: points, base samples (sobol) or trajectories (morris)")
    seed = property(lambda self: self._get(lib.lia_explore_seed))
    total_runs = property(lambda self: self._get(lib.lia_explore_total_runs), doc="runs of the whole design")
    run_count = property(lambda self: self._get(lib.lia_explore_run_count), doc="runs this exploration holds")
    first_run = property(lambda self: self._get(lib.lia_explore_first_run), doc="index of the first run held")
    complete = property(lambda self: self._get(lib.lia_explore_complete, bool),
                        doc="True if every run of the design is held (the analyses need it)")

    @property
    def ranges(self):
        """{parameter: (lo, hi)}, in the order of the columns."""
        with self._use() as e:
            out = {}
            for j in range(lib.lia_explore_param_count(e)):
                lo, hi = ctypes.c_double(), ctypes.c_double()
                lib.lia_explore_param_range(e, j, ctypes.byref(lo), ctypes.byref(hi))
                out[s(lib.lia_explore_param_name(e, j))] = (lo.value, hi.value)
            return out

    @property
    def members(self):
        with self._use() as e:
            return [s(lib.lia_explore_member_name(e, i)) for i in range(lib.lia_explore_member_count(e))]

    # -- the table of runs --
    def to_csv(self):
        """The table of runs as `liaison explore ... --format csv` prints it (the same bytes)."""
        return "".join(self._csv_pieces())

    def _csv_pieces(self):
        with self._use() as e:
            n = lib.lia_explore_run_count(e)
            k = 0
            while True:
                st, text = _text(lib.lia_explore_write_rows, e, k, _CHUNK, 1 if k == 0 else 0)
                if st != _lib.OK:
                    raise LiaisonError(s(lib.lia_explore_errmsg(e)) or status_name(st), st)
                yield text
                k += _CHUNK
                if k >= n:
                    return

    @property
    def runs(self):
        """One row per run held, in run order, with the columns of `explore --format csv`:
        "run", each parameter, "status" (holds, holds_with_harsher_punishment, undecided,
        needs_transfers, breaks_down, none, invalid), "slack.M", "delta_star.M" (NaN: never),
        "direction.M" (withhold, exceed, none) for each member M, "transfers" (NaN where none can
        restore the commitment), "welfare", "core_empty" (nullable boolean)."""
        if self._runs is None:
            pd = _pd()
            frames, cols = [], None
            for k, text in enumerate(self._csv_pieces()):
                if cols is None:
                    cols = text.split("\n", 1)[0].split(",")
                words = [c for c in cols if c == "status" or c.startswith("direction.") or c == "core_empty"]
                frames.append(pd.read_csv(io.StringIO(text), header=0 if k == 0 else None, names=cols,
                                          float_precision="round_trip", keep_default_na=False,
                                          na_values={c: [""] for c in cols if c not in words},
                                          dtype={c: (str if c in words else "int64" if c == "run" else "float64")
                                                 for c in cols}))
            frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            frame["core_empty"] = frame["core_empty"].map({"true": True, "false": False, "": None}).astype("boolean")
            self._runs = frame
        return self._runs.copy()

    # -- the analyses --
    def to_json(self):
        """The document of `liaison explore ... --format json` (a dict): probabilities, sobol
        or morris, without_indices, scenarios (docs/cli.md)."""
        if self._json is None:
            with self._use() as e:
                st, text = _text(lib.lia_explore_write, e, _lib.JSON)
                if st != _lib.OK:
                    raise LiaisonError(s(lib.lia_explore_errmsg(e)) or status_name(st), st)
                self._json = json.loads(text)
        return json.loads(json.dumps(self._json))   # a copy: the caller may change it

    def text(self):
        """The analyses as `liaison explore` prints them (text)."""
        with self._use() as e:
            st, text = _text(lib.lia_explore_write, e, 0)
            if st != _lib.OK:
                raise LiaisonError(s(lib.lia_explore_errmsg(e)) or status_name(st), st)
            return text

    def svg(self):
        """The chart of `explore --plot OUT.svg` (status shares, indices, scenario boxes), as SVG text."""
        with self._use() as e:
            st, text = _text(lib.lia_explore_write_svg, e)
            if st != _lib.OK:
                raise LiaisonError(s(lib.lia_explore_errmsg(e)) or status_name(st), st)
            return text

    @property
    def probabilities(self):
        """One row per status that occurs, in the CLI's order: status, runs, share, lo, hi."""
        d = self.to_json()["probabilities"]
        return _pd().DataFrame([(k, v["runs"], v["share"], v["lo"], v["hi"]) for k, v in d.items()],
                               columns=["status", "runs", "share", "lo", "hi"])

    def _indices(self, key, fields):
        d = self.to_json()
        if key not in d:
            raise LiaisonError("a %s design has no %s indices (explore with design=%r)" % (d["design"], key, key),
                               _lib.EUSAGE)
        rows = [(o, p) + tuple(v[f] for f in fields) for o, per in d[key].items() for p, v in per.items()]
        return _pd().DataFrame(rows, columns=["output", "parameter"] + list(fields))

    @property
    def sobol(self):
        """Design "sobol": one row per output (slack.M, welfare, transfers) and parameter: S1,
        ST and their bootstrap 95% half-widths S1_conf, ST_conf. Outputs without a value in
        some run have no rows (to_json()["without_indices"])."""
        return self._indices("sobol", ("S1", "ST", "S1_conf", "ST_conf"))

    @property
    def morris(self):
        """Design "morris": one row per output and parameter: mu, mu_star, sigma, per the whole
        range of the parameter."""
        return self._indices("morris", ("mu", "mu_star", "sigma"))

    @property
    def scenarios(self):
        """One row per status other than holds that occurs: outcome, bounds ({parameter: [lo,
        hi]} for the parameters its PRIM box restricts), coverage, density, mass, sentence."""
        return _pd().DataFrame([(x["outcome"], x["bounds"], x["coverage"], x["density"], x["mass"], x["sentence"])
                                for x in self.to_json()["scenarios"]],
                               columns=["outcome", "bounds", "coverage", "density", "mass", "sentence"])

    def _repr_html_(self):
        head = "%s: %s design, %d runs" % (self.game, self.design, self.run_count)
        if not self.complete:
            return "<p>%s of the %d of the design (from run %d): the analyses need them all</p>" % (
                head, self.total_runs, self.first_run)
        d = self.to_json()
        out = ["<p><b>%s</b>, seed %d, over %s</p>" % (html_escape(head), d["seed"], html_escape(", ".join(
            "%s in [%g, %g]" % (p["name"], p["range"][0], p["range"][1]) for p in d["parameters"])))]
        out.append("<p>%s</p>" % " ".join(
            '<span style="background:%s;padding:0 .4em;border-radius:3px">%s %.1f%% [%.1f, %.1f]</span>'
            % (STATUS_COLOURS.get(k, "#f2f2f2"), html_escape(STATUS_WORDS.get(k, k)), 100 * v["share"], 100 * v["lo"],
               100 * v["hi"]) for k, v in d["probabilities"].items()))
        for key, fields in (("sobol", ("S1", "ST", "S1_conf", "ST_conf")), ("morris", ("mu", "mu_star", "sigma"))):
            if key in d:
                rows = [(o, p) + tuple(v[f] for f in fields) for o, per in d[key].items() for p, v in per.items()]
                out.append(html_table(("output", "parameter") + fields, rows, "%s indices" % key))
        if d["scenarios"]:
            out.append("<ul>%s</ul>" % "".join("<li>%s</li>" % html_escape(x["sentence"]) for x in d["scenarios"]))
        return "".join(out)


def html_escape(t):
    return html.escape(str(t))


def merge_explorations(store, parts):
    """Merge the stores of shards into `store` (`liaison explore --merge STORE PART...`): parts of
    another model, design, seed or ranges, unfinished parts and overlapping slices are refused
    (LiaisonError). Returns the merged Exploration."""
    parts = [os.fspath(p) for p in ([parts] if isinstance(parts, (str, os.PathLike)) else parts)]
    if not parts:
        raise ValueError("merge_explorations needs at least one part")
    keep = [b(p, "part") for p in parts]
    arr = (ctypes.c_char_p * len(keep))(*keep)
    out = P()
    with pinned():
        st = lib.lia_explore_merge(ctypes.byref(out), b(os.fspath(store), "store"), arr, len(keep))
    return Exploration._made(st, out, store)


def _int(what, v, lo, hi):
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
        raise TypeError("%s must be an int, not %r" % (what, v))
    if not lo <= int(v) <= hi:
        raise ValueError("%s must be from %d to %d, not %d" % (what, lo, hi, v))
    return int(v)


def _shard(shard):
    """(index, count), 1-based as `--shard I/N`, from "I/N" or a pair; None for every run."""
    if shard is None:
        return 0, 0
    if isinstance(shard, str):
        try:
            i, n = (int(x) for x in shard.split("/"))
        except ValueError:
            raise ValueError("shard %r is not I/N (the I-th of N slices, 1 <= I <= N)" % shard) from None
    else:
        try:
            i, n = shard
        except (TypeError, ValueError):
            raise ValueError("shard must be \"I/N\" or a pair (I, N), not %r" % (shard,)) from None
        i, n = _int("shard index", i, -2 ** 63, 2 ** 63), _int("shard count", n, -2 ** 63, 2 ** 63)
    if not (1 <= i <= n <= 1000000):
        raise ValueError("shard %s/%s does not exist (the I-th of N slices, 1 <= I <= N)" % (i, n))
    return i - 1, n


def explore(model, design="lhs", samples=None, seed=0, ranges=None, delta=None, threads=None, store=None,
            resume=False, shard=None, game=None, progress=None, memory_cap=0):
    """Model.explore (see there)."""
    if design not in DESIGNS:
        raise unknown_name("design", design, list(DESIGNS))
    if samples is None:
        raise ValueError("give samples=N (points, base samples for sobol, trajectories for morris)")
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)):
        raise TypeError("samples must be an int, not %r" % (samples,))
    if samples < 1:
        raise ValueError("samples must be at least 1, not %d" % samples)
    samples = _int("samples", samples, 1, 2 ** 64 - 1)
    seed = _int("seed", seed, 0, 2 ** 64 - 1)
    threads = 0 if threads is None else _int("threads", threads, 1, MAX_THREADS)
    if delta is not None:
        if isinstance(delta, bool) or not isinstance(delta, (int, float, np.number)) or not 0 < float(delta) < 1:
            raise ValueError("delta must be a discount factor in (0, 1), not %r" % (delta,))
    rs = []
    for name, rng in (ranges or {}).items():
        try:
            lo, hi = (float(x) for x in rng)
        except (TypeError, ValueError):
            raise ValueError("the range of %r must be a pair (lo, hi) of numbers, not %r" % (name, rng)) from None
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise ValueError("the range of %r must have finite ends, not (%r, %r)" % (name, lo, hi))
        if not lo < hi:
            raise ValueError("the range of %r: the low end must be below the high end, not (%r, %r)" % (name, lo, hi))
        rs.append((b(name, "parameter name"), lo, hi))
    if resume and store is None:
        raise ValueError("resume=True continues a store: give store='OUT.sqlite'")
    shard_i, shards = _shard(shard)
    if shards >= 2 and store is None:
        raise ValueError("a shard needs store='PART.sqlite' (each shard writes its own store, merged afterwards)")
    store_b = b(os.fspath(store), "store") if store is not None else None
    arr = (_lib.ExploreRange * max(1, len(rs)))(*[_lib.ExploreRange(n, lo, hi) for n, lo, hi in rs])
    opts = _lib.ExploreOptions(1, DESIGNS.index(design), samples, seed, arr, len(rs),
                               0.0 if delta is None else float(delta), threads, shard_i, shards, store_b,
                               1 if resume else 0)
    opts.memory_cap = _int("memory_cap", memory_cap, 0, 2 ** 63)
    raised, state = [], {"done": 0, "total": 0}

    def _cb(ctx, done, total):
        state["done"], state["total"] = done, total
        try:
            return 1 if progress is not None and progress(done, total) else 0
        except BaseException as e:   # KeyboardInterrupt lands here too: never unwind through C
            raised.append(e)
            return 1
    # always a callback, so a Ctrl-C (which Python delivers when Python code runs) stops the runs
    opts.progress = _lib.PROGRESS(_cb)
    with model._use() as m, pinned():
        name, out = model._game(game), P()
        st = lib.lia_model_explore(ctypes.byref(out), m, b(name), ctypes.byref(opts))
        if st == _lib.EINPUT:
            if out.value:
                lib.lia_explore_free(out)
            raise model._error(st)
        if raised and st == _lib.OK:   # the callback failed on the last report: the runs are whole, yet say so
            lib.lia_explore_free(out)
            raise raised[0]
        if st == _lib.ECANCELED:
            if out.value:
                lib.lia_explore_free(out)
            where = ("%s keeps every finished batch: the same explore(...) call with resume=True continues it"
                     % os.fspath(store)) if store is not None else \
                "nothing was kept (give store='OUT.sqlite' to make an exploration resumable)"
            msg = "the exploration was stopped after %d of %d runs; %s" % (state["done"], state["total"], where)
            if raised and isinstance(raised[0], KeyboardInterrupt):
                raise KeyboardInterrupt(msg) from None
            if raised:
                raise raised[0]
            raise LiaisonError(msg, st)
        return Exploration._made(st, out, store)


# ---- the estimators on a notebook's own arrays ----------------------------------------------------
def _arr(what, a, ndim):
    try:
        x = np.ascontiguousarray(np.asarray(a, dtype=float))
    except (TypeError, ValueError):
        raise TypeError("%s must be numbers" % what) from None
    if x.ndim != ndim:
        raise ValueError("%s must have %d dimension%s, not shape %s" % (what, ndim, "s" if ndim > 1 else "", x.shape))
    if not np.isfinite(x).all():
        raise ValueError("%s holds a value that is NaN or infinite" % what)
    return x


def _ptr(x):
    return x.ctypes.data_as(_lib.PDBL)


def _names(names, d):
    names = list(range(d)) if names is None else list(names)
    if len(names) != d:
        raise ValueError("%d names for %d inputs" % (len(names), d))
    return names


def _call(fn, st_what, *args):
    st = fn(*args)
    if st != _lib.OK:
        raise LiaisonError("%s: %s (docs/api.md lists what it refuses)" % (st_what, status_name(st)), st)


def wilson_interval(k, n, z=1.959963984540054):
    """Wilson's score interval (lo, hi) for k successes in n trials at normal quantile z (95%
    by default, as the exploration's probabilities): lia_wilson_interval."""
    k, n = _int("k", k, 0, 2 ** 63), _int("n", n, 1, 2 ** 63)
    if k > n:
        raise ValueError("k (%d) must not exceed n (%d)" % (k, n))
    if not (isinstance(z, (int, float, np.number)) and math.isfinite(z) and z > 0):
        raise ValueError("z must be a positive number")
    lo, hi = ctypes.c_double(), ctypes.c_double()
    _call(lib.lia_wilson_interval, "wilson_interval", k, n, float(z), ctypes.byref(lo), ctypes.byref(hi))
    return lo.value, hi.value


def sobol_indices(y, d, resamples=500, seed=0, names=None):
    """First-order and total Sobol indices of d inputs from the outputs y of a Saltelli design
    in its run order (n base samples of 2d+2 runs each: A, AB^1..AB^d, BA^1..BA^d, B; as
    Model.explore(design="sobol") and SALib's saltelli.sample with second order produce them):
    lia_sobol_indices. A DataFrame indexed by input (names, else 0..d-1) with S1, ST and the
    bootstrap 95% half-widths S1_conf, ST_conf over `resamples` resamples from `seed`
    (resamples=0: no bootstrap, half-widths NaN). An exploration's own analysis uses
    resamples=500 and its seed."""
    y = _arr("y", y, 1)
    d = _int("d", d, 1, 2 ** 32)
    resamples = _int("resamples", resamples, 0, 2 ** 32)
    if resamples == 1:
        raise ValueError("resamples must be 0 (no bootstrap) or at least 2")
    seed = _int("seed", seed, 0, 2 ** 64 - 1)
    if y.size % (2 * d + 2) or y.size == 0:
        raise ValueError("a Saltelli design of %d inputs has a multiple of 2d+2 = %d runs, not %d"
                         % (d, 2 * d + 2, y.size))
    n = y.size // (2 * d + 2)
    out = [np.full(d, np.nan) for _ in range(4)]
    conf = (_ptr(out[2]), _ptr(out[3])) if resamples else (None, None)
    _call(lib.lia_sobol_indices, "sobol_indices", _ptr(y), n, d, resamples, seed, _ptr(out[0]), _ptr(out[1]), *conf)
    return _pd().DataFrame({"S1": out[0], "ST": out[1], "S1_conf": out[2], "ST_conf": out[3]},
                           index=_pd().Index(_names(names, d), name="input"))


def morris_indices(x, y, trajectories=None, d=None, names=None):
    """Morris's elementary-effect statistics (lia_morris_indices) of a design of trajectories
    of d+1 runs each: x the inputs (runs x d), y the outputs; between consecutive runs of a
    trajectory exactly one input changes. A DataFrame indexed by input with mu, mu_star
    (mean absolute effect) and sigma (NaN for an input with one effect). Effects are per unit
    of x: pass x scaled to [0, 1] by each range for effects per range, as the exploration's
    analysis does."""
    x, y = _arr("x", x, 2), _arr("y", y, 1)
    if d is not None and _int("d", d, 1, 2 ** 32) != x.shape[1]:
        raise ValueError("x has %d columns, not d = %d" % (x.shape[1], d))
    d = x.shape[1]
    if x.shape[0] != y.size or x.shape[0] % (d + 1) or x.shape[0] == 0:
        raise ValueError("x (%d runs) and y (%d) must hold whole trajectories of d+1 = %d runs"
                         % (x.shape[0], y.size, d + 1))
    r = x.shape[0] // (d + 1)
    if trajectories is not None and _int("trajectories", trajectories, 1, 2 ** 62) != r:
        raise ValueError("%d runs of %d inputs are %d trajectories, not %d" % (x.shape[0], d, r, trajectories))
    out = [np.full(d, np.nan) for _ in range(3)]
    _call(lib.lia_morris_indices, "morris_indices", _ptr(x), _ptr(y), r, d, *[_ptr(o) for o in out])
    return _pd().DataFrame({"mu": out[0], "mu_star": out[1], "sigma": out[2]},
                           index=_pd().Index(_names(names, d), name="input"))


def prim_box(x, hit, alpha=0.05, min_coverage=0.5, names=None):
    """PRIM scenario discovery (lia_prim_box): x the inputs (n x d), hit a boolean per run
    (the runs of interest). Returns a dict: "lo", "hi" (the box per input; the data's range
    where it is not restricted), "restricted" (per input 0 none, 1 lo, 2 hi, 3 both),
    "bounds" ({name: [lo, hi]} for the restricted inputs), "coverage", "density", "mass".
    An exploration's scenarios use alpha=0.05 and min_coverage=0.5 on the parameters' values."""
    x = _arr("x", x, 2)
    h = np.ascontiguousarray(np.asarray(hit).astype(bool).astype(np.uint8))
    if h.ndim != 1 or h.size != x.shape[0]:
        raise ValueError("hit must hold one value per run of x (%d), not shape %s" % (x.shape[0], h.shape))
    if not h.any():
        raise ValueError("hit marks no run: there is nothing to find a box for")
    if not 0 < float(alpha) < 0.5:
        raise ValueError("alpha must be in (0, 0.5)")
    if not 0 < float(min_coverage) <= 1:
        raise ValueError("min_coverage must be in (0, 1]")
    n, d = x.shape
    lo, hi = np.zeros(d), np.zeros(d)
    restricted = np.zeros(d, dtype=np.intc)
    cov, den, mass = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    _call(lib.lia_prim_box, "prim_box", _ptr(x), n, d, h.ctypes.data_as(_lib.PU8), float(alpha), float(min_coverage),
          _ptr(lo), _ptr(hi), restricted.ctypes.data_as(_lib.PINT), ctypes.byref(cov), ctypes.byref(den),
          ctypes.byref(mass))
    nm = _names(names, d)
    return {"lo": lo, "hi": hi, "restricted": restricted.astype(int),
            "bounds": {nm[j]: [float(lo[j]), float(hi[j])] for j in range(d) if restricted[j]},
            "coverage": cov.value, "density": den.value, "mass": mass.value}
