"""game -- normal-form games: from arrays (floating-point or exact), from .nfg text, and
the analyses of one game (equilibria, sustainability under repetition)."""
import ctypes
import json
import numbers
import re
from fractions import Fraction

import numpy as np

from . import _lib
from ._base import Handle, LiaisonError, b, s, take, owned, pinned, status_name, unknown_name, library_error
from ._lib import lib, P, sz, dbl, PDBL, i64, cstr
from .results import Equilibria, Sustainability

# the methods as the library names them (lia_nash_method_name), in enum order
NASH = {name: k for k, name in enumerate(_lib.names(lib.lia_nash_method_name))}
# the punishments as the library names them (lia_punishment_name), in enum order
PUNISH = {name: k for k, name in enumerate(_lib.names(lib.lia_punishment_name))}
_EXACT_LIMIT = 1 << 62      # the library's exact numbers: reduced p/q with |p|, q < 2^62
_LONG = (-(1 << (8 * ctypes.sizeof(ctypes.c_long) - 1)), (1 << (8 * ctypes.sizeof(ctypes.c_long) - 1)) - 1)


def _is_exact(x):
    return isinstance(x, (numbers.Integral, Fraction)) and not isinstance(x, bool)


def _cells(payoffs):
    """(players, shape, flat list of cells in the library's layout, exact?) from one array per
    player. Object arrays keep Fractions and Python ints as they are."""
    arrays = [np.asarray(a, dtype=object if _has_exact(a) else np.float64) for a in payoffs]
    n = len(arrays)
    if n == 0:
        raise ValueError("a game needs at least one player")
    shape = arrays[0].shape
    if len(shape) != n or any(a.shape != shape for a in arrays) or min(shape) < 1:
        raise ValueError("need one array per player, all of one shape (n_0, ..., n_%d), every n_p >= 1; got %s"
                         % (n - 1, [a.shape for a in arrays]))
    # first player's strategy fastest: Fortran order within each player's block
    flat = [x for a in arrays for x in a.ravel(order="F")]
    exact = all(_is_exact(x) for x in flat)
    return n, shape, flat, exact


def _has_exact(a):
    """Whether a (nested) array holds Fractions or Python ints -- they must not become floats."""
    if isinstance(a, np.ndarray):
        return a.dtype == object or a.dtype.kind in "iu"
    if isinstance(a, (list, tuple)):
        return any(_has_exact(x) for x in a)
    return _is_exact(a)


class Game(Handle):
    """A normal-form game.

    Game(payoffs, players=None, strategies=None, name=None): payoffs is one array per player,
    each of shape (n_0, n_1, ...): payoffs[p][s_0, s_1, ...] is player p's payoff (a bimatrix
    game is Game([A, B])). Integers (Python or numpy) and fractions.Fraction make an exact game
    (its payoffs and exact equilibria are rationals); floats make a floating-point game. players
    names the players, strategies gives one list of names per player; unnamed ones are "1",
    "2", ... Use Game.from_nfg(text) for Gambit's .nfg format."""
    _free = lib.lia_game_free

    def __init__(self, payoffs, players=None, strategies=None, name=None):
        n, shape, flat, exact = _cells(payoffs)
        out = P()
        ns = (sz * n)(*shape)
        if exact:
            fr = [x if isinstance(x, Fraction) else Fraction(int(x)) for x in flat]
            big = next((f for f in fr if abs(f.numerator) >= _EXACT_LIMIT or f.denominator >= _EXACT_LIMIT), None)
            if big is not None:
                raise ValueError("exact payoff %s does not fit the library's exact numbers (numerator and "
                                 "denominator below 2^62); pass floats for a floating-point game" % big)
            num = (i64 * len(fr))(*[f.numerator for f in fr])
            den = (i64 * len(fr))(*[f.denominator for f in fr])
            st = lib.lia_game_new_exact(ctypes.byref(out), n, ns, num, den)
        else:
            try:
                arr = np.array([float(x) for x in flat], dtype=np.float64)
            except (TypeError, ValueError) as e:
                raise TypeError("payoffs must be numbers (int, float or fractions.Fraction): %s" % e) from None
            if not np.isfinite(arr).all():
                raise ValueError("payoffs must be finite")
            st = lib.lia_game_new(ctypes.byref(out), n, ns, arr.ctypes.data_as(PDBL))
        if st != _lib.OK:
            err = library_error(st)    # read before any other call of the library
            lib.lia_game_free(out)
            raise err
        super().__init__(out.value)
        if players is not None or strategies is not None or name is not None:
            try:
                self._label(name, players, strategies, shape)
            except BaseException:
                self.close()
                raise

    def _label(self, name, players, strategies, shape):
        n = len(shape)
        pl = st = None
        if players is not None:
            players = list(players)
            if len(players) != n:
                raise ValueError("players: %d names for %d players" % (len(players), n))
            pl = (cstr * n)(*[b(x, "player name") for x in players])
        if strategies is not None:
            strategies = [list(x) for x in strategies]
            if len(strategies) != n or any(len(x) != k for x, k in zip(strategies, shape)):
                raise ValueError("strategies: need one list per player of lengths %s, got %s"
                                 % (list(shape), [len(x) for x in strategies]))
            names = [b(x, "strategy name") for row in strategies for x in row]
            st = (cstr * len(names))(*names)
        with self._use() as g:
            r = lib.lia_game_set_labels(g, b(name, "game name"), pl, st)
            if r != _lib.OK:
                raise ValueError(s(lib.lia_game_errmsg(g)) or status_name(r))

    @classmethod
    def from_nfg(cls, text, name=None):
        """A game from Gambit .nfg text (payoff "NFG 1 R" form; outcome form too), named by
        its title (or `name`). Rationals and integers in the file stay exact."""
        from .model import load
        if isinstance(text, str):
            text = text.encode("utf-8")
        if not text.lstrip().startswith(b"NFG"):
            raise ValueError("not .nfg text: it must begin with 'NFG 1 R'")
        if name is None:   # the game is named by the file's title, as Gambit names it
            t = re.match(rb'\s*NFG\s+1\s+[RD]\s+"((?:[^"\\]|\\.)*)"', text)
            title = re.sub(rb"\\(.)", rb"\1", t.group(1)).decode("utf-8", "replace") if t else ""
            name = title if title.strip() else "game"
        with load(text, name="<nfg>") as m:
            g = m.compile()
        try:
            g._label(name, None, None, g.shape)
        except ValueError:
            pass   # a title that is no valid label (control characters): keep the reader's name
        return g

    def to_nfg(self):
        """The game as Gambit .nfg text ("NFG 1 R"), exact rationals where the game knows them."""
        with self._use() as g:
            out, n = P(), sz()
            st = lib.lia_game_write(ctypes.byref(out), ctypes.byref(n), g, 2)   # LIA_FORMAT_NFG
            try:
                if st != _lib.OK:
                    raise library_error(st)
                return ctypes.string_at(out.value, n.value).decode("utf-8", "replace")
            finally:
                lib.lia_free(out)

    @classmethod
    def _wrap(cls, ptr):
        g = cls.__new__(cls)
        Handle.__init__(g, ptr)
        return g

    def __repr__(self):
        if not self._ptr:
            return "<liaison.Game (closed)>"
        return "<liaison.Game %r: %s>" % (self.name, " x ".join(str(k) for k in self.shape))

    def _repr_html_(self):
        """A two-player game as its bimatrix (row player's payoff, column player's); others as
        their shape."""
        import html as _html
        with self._use():
            name, players, strategies = self.name, self.players, self.strategies
            if len(players) != 2 or len(strategies[0]) * len(strategies[1]) > 400:
                return "<p>game <b>%s</b>: %s</p>" % (_html.escape(name), _html.escape(
                    ", ".join("%s (%d strategies)" % (p, len(s)) for p, s in zip(players, strategies))))
            u = self.payoffs
        esc = _html.escape
        head = "<tr><th>%s \\ %s</th>%s</tr>" % (esc(players[0]), esc(players[1]),
                                                  "".join("<th>%s</th>" % esc(c) for c in strategies[1]))
        body = "".join("<tr><th>%s</th>%s</tr>" % (esc(r), "".join(
            "<td>%.4g, %.4g</td>" % (u[0, i, j], u[1, i, j]) for j in range(len(strategies[1]))))
            for i, r in enumerate(strategies[0]))
        return '<table class="liaison"><caption>%s</caption>%s%s</table>' % (esc(name), head, body)

    # -- attributes: each read holds the lock, so close() from another thread waits for it --
    @property
    def name(self):
        with self._use() as g:
            return s(lib.lia_game_name(g))

    @property
    def players(self):
        """Player names."""
        with self._use() as g:
            return [s(lib.lia_game_player_name(g, p)) for p in range(lib.lia_game_player_count(g))]

    @property
    def strategies(self):
        """One list of strategy names per player."""
        with self._use() as g:
            return [[s(lib.lia_game_strategy_name(g, p, k)) for k in range(lib.lia_game_strategy_count(g, p))]
                    for p in range(lib.lia_game_player_count(g))]

    @property
    def shape(self):
        with self._use() as g:
            return tuple(lib.lia_game_strategy_count(g, p) for p in range(lib.lia_game_player_count(g)))

    @property
    def payoffs(self):
        """A new float array of shape (players, n_0, n_1, ...): payoffs[p][s_0, s_1, ...]."""
        with self._use() as g:
            shape = self.shape
            total = len(shape) * lib.lia_game_profile_count(g)
            flat = np.ctypeslib.as_array(lib.lia_game_payoffs(g), shape=(total,)).copy()
            return np.stack([blk.reshape(shape, order="F") for blk in np.split(flat, len(shape))])

    def _exact_flat(self):
        """Every payoff as a Fraction, player-major in the library's profile order; None if
        some payoff is only known as a floating-point number."""
        with self._use() as g:
            n, prof = lib.lia_game_player_count(g), lib.lia_game_profile_count(g)
            p, q, cells = i64(), i64(), []
            for i in range(n):
                for k in range(prof):
                    if not lib.lia_game_payoff_exact(g, i, k, ctypes.byref(p), ctypes.byref(q)):
                        return None
                    cells.append(Fraction(p.value, q.value))
            return cells

    @property
    def exact(self):
        """Whether every payoff is known as an exact rational."""
        return self._exact_flat() is not None

    @property
    def exact_payoffs(self):
        """An object array of fractions.Fraction, shaped as .payoffs; None if some payoff is
        only known as a floating-point number."""
        shape, cells = self.shape, self._exact_flat()
        if cells is None:
            return None
        arr = np.empty(len(cells), dtype=object)
        arr[:] = cells
        return np.stack([blk.reshape(shape, order="F") for blk in np.split(arr, len(shape))])

    @property
    def commitment(self):
        """The committed profile of an agreement's stage game (strategy indices), or None."""
        with self._use() as g:
            n = lib.lia_game_player_count(g)
            out = (sz * n)()
            return list(out) if lib.lia_game_commitment(g, out) else None

    def to_json(self):
        """The game as a dict: "game", "players", "strategies", "payoffs" (one flat list per
        player, in the library's profile order: the first player's strategy changes fastest,
        profile = s_0 + n_0 * (s_1 + n_1 * (s_2 + ...))), "payoffs_exact" (the same as "p/q"
        strings, only when every payoff is exact) and "commitment" (strategy names, for an
        agreement's stage game). Flat rather than nested one level per player, as
        `compile --emit json` prints it, so that a game of any number of players reads back;
        .payoffs gives the nested array."""
        with self._use() as g:
            n, prof = lib.lia_game_player_count(g), lib.lia_game_profile_count(g)
            flat = np.ctypeslib.as_array(lib.lia_game_payoffs(g), shape=(n * prof,)) if n * prof else []
            doc = {"game": self.name, "players": self.players, "strategies": self.strategies,
                   "payoffs": [[_num(x) for x in flat[i * prof:(i + 1) * prof]] for i in range(n)]}
            cells = self._exact_flat()
            if cells is not None:
                doc["payoffs_exact"] = [[_frac_text(x) for x in cells[i * prof:(i + 1) * prof]] for i in range(n)]
            c = self.commitment
            if c is not None:
                doc["commitment"] = [doc["strategies"][i][k] for i, k in enumerate(c)]
            return doc

    # -- analyses --
    def nash(self, method="all", exact=False, label=None, correlated=False, coarse=False, threads=None,
             memory_cap=None):
        """Equilibria as `liaison nash --format json` (see Model.nash). label (method "lh"):
        None for every label, an int, or "any". threads (method "all"): the vertex search's
        threads, 1 to 64 (None: every core; the same result for any count). memory_cap: the
        bytes the method may hold, as `--memory-cap` (None: the library's default, 1 GiB).
        Returns an Equilibria (a dict with to_frame())."""
        if method not in NASH:
            raise unknown_name("method", method, list(NASH))
        for bad, why in ((label is not None and method != "lh", "label belongs to method='lh'"),
                         (exact and method != "all", "exact belongs to method='all'"),
                         (coarse and not correlated, "coarse belongs to correlated=True"),
                         (threads is not None and method != "all", "threads belongs to method='all'")):
            if bad:
                raise ValueError(why)
        for what, v in (("threads", threads), ("memory_cap", memory_cap)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, np.integer))):
                raise TypeError("%s must be an int, not %r" % (what, v))
        if threads is not None and not 1 <= int(threads) <= 64:
            raise ValueError("threads must be between 1 and 64, not %d" % threads)
        if memory_cap is not None and not 0 <= int(memory_cap) < 2 ** 63:
            raise ValueError("memory_cap must be a number of bytes from 0 (the default) to 2^63 - 1")
        if label is None:
            lab = -1
        elif label == "any":
            lab = -2
        elif isinstance(label, bool) or not isinstance(label, (int, np.integer)):
            raise TypeError("label must be an int or 'any', not %r" % (label,))
        elif not 0 <= int(label) <= _LONG[1]:
            raise ValueError("label %d is out of range: labels are 0 .. (strategies of both players) - 1" % label)
        else:
            lab = int(label)
        if not lib.lia_nash_method_available(NASH[method]):
            raise LiaisonError("method '%s' is not available yet in this version" % method, _lib.EUSAGE)
        opts = _lib.NashOptions(2, NASH[method], lab, 1 if exact else 0, int(memory_cap or 0), int(threads or 0))
        with self._use() as g, pinned():
            e, c = P(), P()
            try:
                st = lib.lia_game_nash(ctypes.byref(e), g, ctypes.byref(opts))
                if st != _lib.OK:
                    raise library_error(st)   # the library's reason, as `liaison nash` prints it
                if correlated:
                    copts = _lib.CorrelatedOptions(1, int(bool(coarse)), 1)
                    st = lib.lia_game_correlated(ctypes.byref(c), g, ctypes.byref(copts))
                    if st != _lib.OK:
                        raise library_error(st)
                return Equilibria(json.loads(take(lib.lia_nash_write, e, c)))
            finally:
                lib.lia_correlated_free(c)
                lib.lia_eqset_free(e)

    def repeat(self, target=None, delta=None, punish="nash", monitor=None):
        """Sustainability of `target` (None: the commitment; names or indices, one per player)
        under grim trigger with each member's patience or a common delta in (0, 1); as
        `liaison repeat --format json`. Two players with a delta also get the payoff set.
        monitor: {player: q} with q in (0, 1], imperfect monitoring as `--monitor PLAYER=Q`.
        Returns a Sustainability (a dict with to_frame())."""
        if punish not in PUNISH:
            raise unknown_name("punish", punish, list(PUNISH))
        if delta is not None and not 0 < delta < 1:
            raise ValueError("delta must be a discount factor strictly between 0 and 1")
        strategies, players = self.strategies, self.players
        target = target.split(",") if isinstance(target, str) else target
        if target is not None:
            if len(target) != len(strategies):
                raise ValueError("target needs one strategy per player (%d), in player order" % len(strategies))
            idx = [t if isinstance(t, (int, np.integer)) and not isinstance(t, bool) else
                   names.index(t) if t in names else -1 for t, names in zip(target, strategies)]
            for p, k in enumerate(idx):
                if not 0 <= k < len(strategies[p]):
                    raise ValueError("%s has no strategy %r (it has: %s)" % (players[p], target[p],
                                                                            ", ".join(strategies[p])))
            target = (sz * len(idx))(*[int(k) for k in idx])
        elif self.commitment is None:
            raise LiaisonError("'%s' has no commitment; give the profile with target=" % self.name, _lib.EUSAGE)
        q = None
        if monitor:
            unknown = [p for p in monitor if p not in players]
            if unknown:
                raise ValueError("monitor: %s is not a player of '%s'" % (", ".join(map(str, unknown)), self.name))
            if not all(0 < float(v) <= 1 for v in monitor.values()):
                raise ValueError("monitor: each q is the chance per period that a breach is noticed, in (0, 1]")
            with self._use() as g:
                own = [lib.lia_game_monitor(g, i) for i in range(len(players))]   # the file's monitor
            q = (dbl * len(players))(*[float(monitor.get(p, own[i])) for i, p in enumerate(players)])
        d = float(delta or 0)
        opts = _lib.RepeatOptions(2, PUNISH[punish], d, 1 if d > 0 and len(strategies) == 2 else 0,
                                  ctypes.cast(q, PDBL) if q is not None else None)
        with self._use() as g, pinned():
            out = P()
            st = lib.lia_game_repeat(ctypes.byref(out), g, target, ctypes.byref(opts))
            with owned(lib.lia_repeat_free, out) as r:
                if st != _lib.OK:
                    raise library_error(st)
                return Sustainability(json.loads(take(lib.lia_repeat_write, r)))


def _num(x):
    x = float(x)
    return int(x) if x.is_integer() and abs(x) < 2 ** 53 else x


def _frac_text(f):
    return str(f.numerator) if f.denominator == 1 else "%d/%d" % (f.numerator, f.denominator)
