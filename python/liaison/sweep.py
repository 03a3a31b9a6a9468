"""sweep -- the result of Model.sweep, copied out of the library, with its grid as a table."""
import ctypes
import json
import math

import numpy as np

from ._base import LiaisonError, s, take, verdict_name
from ._lib import lib, SweepPoint
from .results import html_table, _frame, STATUS_WORDS


class SweepResult:
    """The result of Model.sweep, copied out of the library (nothing to free).

    .json        the document of `liaison sweep --format json` (a dict)
    .grid        .json["grid"]: one dict per grid point, the first parameter fastest
    .breakdowns  .json["breakdowns"]: dicts with parameter, value, change, party (and "at")
    .members     member names;  .parameters  parameter names
    .values      array (points, parameters)
    .payoffs, .delta_star  arrays (points, members); NaN where the model is invalid, and
                 delta_star NaN where the commitment can never be sustained
    .patience    array (points, members): each member's patience at the point
    .slack       patience - delta_star (NaN where delta_star is)
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

    to_frame() gives one row per grid point; breakdowns_frame() one row per located change.
    Read the verdict from .status, not from .sustainable or "self_enforcing": a member that
    would share more than committed is no breakdown, and "undecided" is not "breaks_down"."""

    def __init__(self, sw):
        self.json = json.loads(take(lib.lia_sweep_write, sw))
        self.grid, self.breakdowns = self.json["grid"], self.json["breakdowns"]
        self.parameters = [p["name"] for p in self.json["parameters"]]
        self.members = list(self.json["members"])
        npts, nm, na = lib.lia_sweep_point_count(sw), len(self.members), len(self.parameters)
        self.values = np.full((npts, na), np.nan)
        self.payoffs, self.delta_star = np.full((npts, nm), np.nan), np.full((npts, nm), np.nan)
        self.patience = np.full((npts, nm), np.nan)
        self.sustainable, self.ok = np.full((npts, nm), -1, dtype=np.int8), np.zeros(npts, dtype=bool)
        self.status = np.full(npts, None, dtype=object)
        self.direction = np.full((npts, nm), None, dtype=object)
        self.over_regimes = np.full((npts, nm), -1, dtype=np.int8)
        self.trusted = np.full((npts, nm), -1, dtype=np.int8)
        pt = SweepPoint()
        for k in range(npts):
            if lib.lia_sweep_point_at(sw, k, ctypes.byref(pt)) != 0:
                raise LiaisonError("sweep point %d could not be read" % k)
            self.values[k] = pt.values[:na]
            self.ok[k] = bool(pt.ok)
            m = min(pt.members, nm)
            if pt.ok and m:
                self.payoffs[k, :m] = pt.payoffs[:m]
                self.delta_star[k, :m] = pt.delta_star[:m]
                self.sustainable[k, :m] = pt.sustainable[:m]
                if pt.patience:
                    self.patience[k, :m] = pt.patience[:m]
            self.status[k] = verdict_name(lib.lia_sweep_verdict_at(sw, k))
            for i in range(m):
                self.direction[k, i] = s(lib.lia_direction_name(lib.lia_sweep_direction_at(sw, k, i)))
                self.over_regimes[k, i] = lib.lia_sweep_over_regimes_at(sw, k, i)
                self.trusted[k, i] = lib.lia_sweep_trusted_at(sw, k, i)
        self.slack = self.patience - self.delta_star

    def __repr__(self):
        return "<liaison.SweepResult %s: %d points, %d breakdowns>" % (self.json["game"], len(self.grid),
                                                                       len(self.breakdowns))

    def columns(self):
        """The columns of to_frame(), in order."""
        per = [("%s_%s" % (what, m)) for m in self.members
               for what in ("payoff", "delta_star", "patience", "slack", "sustainable", "direction")]
        return self.parameters + ["ok", "status"] + per + ["self_enforcing", "transfers_feasible", "welfare"]

    def rows(self):
        out = []
        for k, g in enumerate(self.grid):
            row = [float(v) for v in self.values[k]] + [bool(self.ok[k]), self.status[k]]
            for i in range(len(self.members)):
                ds = self.delta_star[k, i]
                sl = self.slack[k, i]
                su = int(self.sustainable[k, i])
                row += [_f(self.payoffs[k, i]), _f(ds), _f(self.patience[k, i]), _f(sl),
                        None if su < 0 else bool(su), self.direction[k, i]]
            row += [g.get("self_enforcing"), g.get("transfers_feasible"), g.get("welfare")]
            out.append(tuple(row))
        return out

    def to_frame(self):
        """One row per grid point (the first parameter fastest): the parameter values, "ok",
        "status", then for each member M "payoff_M", "delta_star_M", "patience_M", "slack_M"
        (patience - delta*), "sustainable_M", "direction_M", then "self_enforcing",
        "transfers_feasible", "welfare". Missing values (invalid points, delta* that no
        patience reaches) are NaN or None."""
        return _frame(self.rows(), self.columns())

    def breakdowns_frame(self):
        """One row per located change: "parameter", "value", "party", "change"."""
        return _frame([(x.get("parameter"), x.get("value"), x.get("party"), x.get("change")) for x in self.breakdowns],
                      ["parameter", "value", "party", "change"])

    def _repr_html_(self):
        rows = self.rows()
        cols = self.columns()
        shown = rows if len(rows) <= 20 else rows[:10] + rows[-10:]
        head = "%s: %d points over %s, %d changes located" % (self.json["game"], len(rows),
                                                               ", ".join(self.parameters), len(self.breakdowns))
        brk = html_table(["parameter", "value", "party", "change"],
                         [(x.get("parameter"), x.get("value"), x.get("party"), x.get("change"))
                          for x in self.breakdowns], "where the verdicts change")
        statuses = ", ".join("%s %d" % (STATUS_WORDS.get(st, st), int((self.status == st).sum()))
                             for st in dict.fromkeys(self.status.tolist()))
        return html_table(cols, shown, head + ("; " + statuses if statuses else "")) + brk


def _f(x):
    x = float(x)
    return None if math.isnan(x) else x
